//! The floor deckhand's loader is measured against: `toml` + serde deserializing the same
//! files into plain structs, with no validation at all. Shared by `benches/content.rs`,
//! `benches/startup.rs` and `examples/toml_floor.rs` (for `hyperfine -N`).
#![allow(dead_code)]

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

/// The `.toml` files of a folder, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read pack dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// Read and deserialize every file; returns how many cards they hold.
pub fn parse(paths: &[PathBuf]) -> usize {
    let mut cards = 0;
    for p in paths {
        let text = std::fs::read_to_string(p).expect("read");
        let file: FileDe = toml::from_str(&text).expect("valid toml");
        cards += file.cards.len();
    }
    cards
}
