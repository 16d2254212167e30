//! Loading and validating a 50,000-card pack, against what `toml` + serde alone need to
//! deserialize the same files (the acceptance target: at most 1.5x). Run: `cargo bench --bench content`.

#[path = "support/floor.rs"]
mod floor;
#[path = "support/gen.rs"]
mod generator;
#[path = "support/timing.rs"]
mod timing;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("pack");
    generator::write_pack(&pack, 50_000, 10).expect("generate");
    let paths = floor::files(&pack);
    let bytes: u64 = paths
        .iter()
        .map(|p| std::fs::metadata(p).expect("meta").len())
        .sum();
    println!(
        "generated pack: 50000 cards, {} files, {:.1} MB",
        paths.len(),
        bytes as f64 / 1e6
    );

    let serde = timing::measure("toml + serde deserialize (no validation)", 10, || {
        assert_eq!(floor::parse(&paths), 50_000);
    });
    let ours = timing::measure("deckhand load + validate", 10, || {
        let lib = deckhand::content::load_path(&pack);
        assert_eq!(
            lib.report.errors(),
            0,
            "{:?}",
            lib.report.diagnostics.first()
        );
        assert_eq!(lib.packs[0].cards.len(), 50_000);
    });
    println!(
        "ratio (median): {:.2}x  (target: at most 1.5x)",
        ours / serde
    );
}
