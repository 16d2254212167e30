//! The floor of pack loading: `toml` + serde deserializing a pack folder's files with no
//! validation. For `hyperfine -N` against deckhand on the same files (docs/benchmarks.md):
//! `cargo build --release --example toml_floor && target/release/examples/toml_floor DIR`.

#[path = "../benches/support/floor.rs"]
mod floor;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: toml_floor PACK_DIR");
        std::process::exit(2);
    };
    let cards = floor::parse(&floor::files(std::path::Path::new(&dir)));
    println!("{cards} cards");
}
