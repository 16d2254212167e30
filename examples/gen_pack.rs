//! Write a synthetic pack to try the loader at scale:
//! `cargo run --release --example gen_pack -- /tmp/big-pack 50000`, then
//! `cargo run --release -- check /tmp/big-pack`.

#[path = "../benches/support/gen.rs"]
mod generator;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "generated-pack".into());
    let cards: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(50_000);
    if let Err(e) = generator::write_pack(std::path::Path::new(&dir), cards, 10) {
        eprintln!("error: cannot write {dir}: {e}");
        std::process::exit(1);
    }
    println!("wrote {cards} cards to {dir}");
}
