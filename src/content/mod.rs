//! Content packs: the TOML format instructors write, its loader and its validator.
//!
//! A pack is one `.toml` file or a folder holding `pack.toml` plus any number of card files.
//! `pack.toml` carries the `[pack]` manifest and the `[[topics]]`; any file may carry
//! `[[cards]]` and `[[diagrams]]`. The format is documented for authors in
//! `docs/authoring.md`.
//!
//! Loading never stops at the first problem: every problem of every file becomes a
//! [`Diagnostic`] (`path:line:col: error: what`, the source line with a caret, and a
//! `help:` line), the cards that are sound are kept, and a broken pack never keeps the others
//! from loading.
//!
//! Progress is keyed on the pack id and the card's stable `id`, never on its text, so fixing a
//! typo keeps a learner's history. One card may give several study *items* (see
//! [`Card::items`]): the reverse side of a `basic` card and each deletion of a `cloze` card.

mod assemble;
mod cache;
mod cards;
mod cloze;
mod diag;
pub mod diff;
mod disk;
mod exams;
pub mod lint;
mod load;
mod replaces;
mod report;
mod scenarios;
mod schema;
mod source;

use std::path::PathBuf;

pub use cache::{CacheUse, load_library_cached};
pub use cards::{CardHead, Cards, Iter as CardsIter};
pub use cloze::{ClozeText, Segment};
pub use diag::{
    Diagnostic, Severity, Snippet, did_you_mean, edit_distance, escape_controls, is_bidi_control,
};
pub use exams::{
    DEFAULT_EXAM_KINDS, Domain, ExamDomain, ExamProfile, SCALED_MAX, SCALED_MIN, quotas,
};
pub use load::{
    BUILTIN_PACK_ID, Library, builtin_files, load_builtin, load_library, load_path, validate_paths,
    validate_paths_with,
};
pub use report::{CheckOptions, Report};
pub use scenarios::check_scenarios;
pub(crate) use schema::valid_id;
pub use source::{LineCol, SourceFile};

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// The pack compiled into the binary from `content/`.
    Builtin,
    /// A file or folder on disk.
    Path(PathBuf),
    /// Made by deckhand itself (the simulator's prediction questions).
    Generated,
}

/// A position in a pack's source, for "where is this card defined".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub file: std::sync::Arc<str>,
    pub line: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A loaded pack: its manifest, topics, diagrams and cards (only the sound ones).
#[derive(Debug, Clone)]
pub struct Pack {
    pub manifest: Manifest,
    pub topics: Vec<Topic>,
    pub diagrams: Vec<Diagram>,
    /// The cards; from the compiled-pack cache, their texts are read when first needed.
    pub cards: Cards,
    /// Mock-exam profiles (`[[exams]]` in pack.toml), checked against the cards.
    pub exams: Vec<ExamProfile>,
    pub origin: Origin,
    /// How many files the pack was read from.
    pub files: usize,
}

impl Pack {
    /// The pack's id (progress is keyed on it).
    pub fn id(&self) -> &str {
        &self.manifest.id
    }

    /// A diagram by id.
    pub fn diagram(&self, id: &str) -> Option<&Diagram> {
        self.diagrams.iter().find(|d| d.id == id)
    }

    /// A topic by id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// A card by id.
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards.get(self.cards.position(id)?)
    }

    /// Every study item of the pack, in file order.
    pub fn items(&self) -> impl Iterator<Item = (&Card, Face)> {
        self.cards
            .iter()
            .flat_map(|card| card.faces().into_iter().map(move |face| (card, face)))
    }
}

/// The `[pack]` table.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// Stable id: lowercase letters, digits, `-`, `_`, `.`.
    pub id: String,
    pub title: String,
    /// The pack's own version (free text, e.g. `1.2.0`).
    pub version: String,
    pub description: String,
    pub authors: Vec<String>,
    pub license: String,
    /// The pack's study settings (desired retention, new cards and reviews a day): the
    /// defaults the user's config.toml may override.
    pub options: crate::srs::PackOptions,
}

/// An exam domain the cards are grouped by.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Relative weight in the exam (e.g. the exam guide's percentage), if known.
    pub weight: Option<f64>,
}

/// A named ASCII diagram any card can show with `diagram = "id"`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diagram {
    pub id: String,
    pub title: String,
    /// The drawing, lines separated by `\n`, at most 100 columns wide, no tabs.
    pub art: String,
    pub location: Location,
}

/// A card as written, with its fields checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Card {
    /// Stable id, unique within the pack.
    pub id: String,
    /// The topic id (declared in `pack.toml`).
    pub topic: String,
    pub tags: Vec<String>,
    /// Documentation URLs the card rests on.
    pub refs: Vec<String>,
    /// Why the answer is what it is; shown after answering.
    pub explain: String,
    /// A diagram id to show with the card.
    pub diagram: Option<String>,
    /// Show the diagram only once the card is answered (it contains the answer).
    pub diagram_after: bool,
    /// A simulator scenario the card can open (checked against the simulator's rules).
    /// Boxed: almost every card has none, and inline it would be 176 of a card's bytes.
    #[serde(with = "cache::preset_json")]
    pub sim: Option<Box<crate::sim::Preset>>,
    /// Ids of earlier cards this one takes over from: their progress carries over to it.
    pub replaces: Vec<String>,
    pub body: CardBody,
    pub location: Location,
}

/// The kind-specific part of a card.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CardBody {
    /// A front and a back; `reverse = true` adds a second item asking back → front.
    Basic {
        front: String,
        back: String,
        reverse: bool,
    },
    /// Anki-style cloze text: one item per deletion number.
    Cloze { text: ClozeText },
    /// One correct option.
    Choice {
        question: String,
        options: Vec<AnswerOption>,
        answer: usize,
    },
    /// Several correct options ("choose N"); `answers` is sorted.
    Multi {
        question: String,
        options: Vec<AnswerOption>,
        answers: Vec<usize>,
    },
    /// A typed answer; any of `answers` is accepted.
    Typed {
        question: String,
        answers: Vec<String>,
    },
    /// A statement that is true or false.
    TrueFalse { statement: String, answer: bool },
}

/// One option of a `choice` or `multi` card, with why it is right or wrong.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AnswerOption {
    pub text: String,
    pub why: String,
}

/// The card kinds, as written in `kind = "..."`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum CardKind {
    Basic,
    Cloze,
    Choice,
    Multi,
    Typed,
    TrueFalse,
}

impl CardKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [CardKind; 6] = [
        CardKind::Basic,
        CardKind::Cloze,
        CardKind::Choice,
        CardKind::Multi,
        CardKind::Typed,
        CardKind::TrueFalse,
    ];

    /// The name used in `kind = "..."`.
    pub fn name(self) -> &'static str {
        match self {
            CardKind::Basic => "basic",
            CardKind::Cloze => "cloze",
            CardKind::Choice => "choice",
            CardKind::Multi => "multi",
            CardKind::Typed => "typed",
            CardKind::TrueFalse => "truefalse",
        }
    }

    /// Parse a `kind` value.
    pub fn from_name(name: &str) -> Option<Self> {
        CardKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl CardBody {
    /// The kind of this body.
    pub fn kind(&self) -> CardKind {
        match self {
            CardBody::Basic { .. } => CardKind::Basic,
            CardBody::Cloze { .. } => CardKind::Cloze,
            CardBody::Choice { .. } => CardKind::Choice,
            CardBody::Multi { .. } => CardKind::Multi,
            CardBody::Typed { .. } => CardKind::Typed,
            CardBody::TrueFalse { .. } => CardKind::TrueFalse,
        }
    }
}

/// Which study item of a card: the front, the reverse side, or one cloze deletion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// The card itself (every kind but cloze).
    Front,
    /// The reverse side of a `basic` card with `reverse = true`.
    Reverse,
    /// Deletion `n` of a cloze card.
    Cloze(u32),
}

impl Face {
    /// The suffix added to the card id to make the item id (`""`, `":reverse"`, `":c2"`).
    pub fn suffix(self) -> String {
        let mut out = String::new();
        self.push_suffix(&mut out);
        out
    }

    /// Add the suffix to `out`.
    pub fn push_suffix(self, out: &mut String) {
        match self {
            Face::Front => {}
            Face::Reverse => out.push_str(":reverse"),
            Face::Cloze(n) => {
                use std::fmt::Write;
                let _ = write!(out, ":c{n}");
            }
        }
    }

    /// Whether `s` is this face's suffix.
    pub fn is_suffix(self, s: &str) -> bool {
        match self {
            Face::Front => s.is_empty(),
            Face::Reverse => s == ":reverse",
            Face::Cloze(n) => s
                .strip_prefix(":c")
                .is_some_and(|d| !d.starts_with('0') && d.parse() == Ok(n)),
        }
    }
}

impl Card {
    /// The study items of this card, each scheduled on its own.
    pub fn faces(&self) -> Vec<Face> {
        match &self.body {
            CardBody::Basic { reverse: true, .. } => vec![Face::Front, Face::Reverse],
            CardBody::Cloze { text } => text.numbers().into_iter().map(Face::Cloze).collect(),
            _ => vec![Face::Front],
        }
    }

    /// The diagram to show now: `None` before the card is answered when the diagram
    /// shows only afterwards (`diagram_after`), because it contains the answer.
    pub fn diagram_shown(&self, answered: bool) -> Option<&str> {
        if self.diagram_after && !answered {
            None
        } else {
            self.diagram.as_deref()
        }
    }

    /// The id progress is stored under for one face (`card`, `card:reverse`, `card:c1`).
    pub fn item_id(&self, face: Face) -> String {
        item_id(&self.id, face)
    }

    /// The question side of one face, as plain text (for lists of cards).
    pub fn prompt(&self, face: Face) -> String {
        match (&self.body, face) {
            (CardBody::Basic { back, .. }, Face::Reverse) => back.clone(),
            (CardBody::Basic { front, .. }, _) => front.clone(),
            (CardBody::Cloze { text }, _) => text.plain(),
            (CardBody::Choice { question, .. }, _)
            | (CardBody::Multi { question, .. }, _)
            | (CardBody::Typed { question, .. }, _) => question.clone(),
            (CardBody::TrueFalse { statement, .. }, _) => statement.clone(),
        }
    }
}

/// The id progress is stored under for one face of card `id`.
fn item_id(id: &str, face: Face) -> String {
    let mut out = String::with_capacity(id.len() + 12);
    out.push_str(id);
    face.push_suffix(&mut out);
    out
}
