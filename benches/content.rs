//! Loading and validating a 50,000-card pack, against what `toml` + serde alone need to
//! deserialize the same files (the acceptance target: at most 1.5x). Run: `cargo bench --bench content`.

#[path = "support/gen.rs"]
mod generator;
#[path = "support/timing.rs"]
mod timing;

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The pack format as plain serde structs: the baseline does no validation at all.
#[allow(dead_code)]
#[derive(Deserialize)]
struct FileDe {
    pack: Option<ManifestDe>,
    #[serde(default)]
    topics: Vec<TopicDe>,
    #[serde(default)]
    diagrams: Vec<DiagramDe>,
    #[serde(default)]
    cards: Vec<CardDe>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct ManifestDe {
    id: String,
    title: String,
    version: String,
    description: Option<String>,
    authors: Option<Vec<String>>,
    license: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct TopicDe {
    id: String,
    title: String,
    weight: Option<f64>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct DiagramDe {
    id: String,
    title: Option<String>,
    art: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(untagged)]
enum AnswerDe {
    Letter(String),
    Letters(Vec<String>),
    Bool(bool),
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct OptionDe {
    text: String,
    why: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct CardDe {
    id: String,
    kind: String,
    topic: String,
    tags: Option<Vec<String>>,
    refs: Option<Vec<String>>,
    explain: Option<String>,
    diagram: Option<String>,
    front: Option<String>,
    back: Option<String>,
    reverse: Option<bool>,
    text: Option<String>,
    question: Option<String>,
    options: Option<Vec<OptionDe>>,
    answer: Option<AnswerDe>,
    answers: Option<Vec<String>>,
    statement: Option<String>,
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read pack dir")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("pack");
    generator::write_pack(&pack, 50_000, 10).expect("generate");
    let paths = files(&pack);
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
        let mut cards = 0;
        for p in &paths {
            let text = std::fs::read_to_string(p).expect("read");
            let file: FileDe = toml::from_str(&text).expect("valid toml");
            cards += file.cards.len();
        }
        assert_eq!(cards, 50_000);
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
