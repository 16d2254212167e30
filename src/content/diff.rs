//! What changed between two versions of a pack: cards added, changed (and in which fields),
//! merged into others through `replaces`, retired (gone) and restored (back after being
//! gone).
//!
//! A version is compared through its [`PackPrint`]: a stable hash of every field of every
//! card, which is also what the progress store remembers of the last version a learner saw,
//! so `deckhand pack diff OLD NEW` and the update notice of the trainer are one computation.

use std::collections::{HashMap, HashSet};

use super::cloze::{ClozeText, Segment};
use super::{Card, CardBody, Pack};

/// A pack as far as changes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackPrint {
    pub id: String,
    pub title: String,
    pub version: String,
    /// A hash of everything the pack holds (manifest, topics, diagrams, cards), as 16 hex
    /// digits: a pack whose hash and version are unchanged is unchanged.
    pub hash: String,
    pub cards: Vec<CardPrint>,
}

/// One card as far as changes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPrint {
    pub id: String,
    /// `(field, hash of its value)` for every field the card has, in a fixed order.
    pub fields: Vec<(String, u64)>,
    /// The question side, for lists of changes.
    pub prompt: String,
    /// The ids the card replaces.
    pub replaces: Vec<String>,
}

/// A card of an earlier version, as remembered: retired cards are remembered too, so that
/// one coming back is told apart from a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenCard {
    pub print: CardPrint,
    pub retired: bool,
}

/// A card named in a change list: its id and its question side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CardName {
    pub id: String,
    pub prompt: String,
}

/// A card whose fields changed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Changed {
    pub id: String,
    pub prompt: String,
    /// The fields that differ, in the order cards are written.
    pub fields: Vec<String>,
}

/// A card that takes over from earlier ones.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Replaced {
    pub id: String,
    pub prompt: String,
    /// The earlier ids it replaces that the old version had (live, not already gone).
    pub old: Vec<String>,
}

/// The changes from one version of a pack to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    pub added: Vec<CardName>,
    pub changed: Vec<Changed>,
    pub replaced: Vec<Replaced>,
    pub retired: Vec<CardName>,
    pub restored: Vec<CardName>,
}

impl Changes {
    /// Nothing changed in the cards.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.replaced.is_empty()
            && self.retired.is_empty()
            && self.restored.is_empty()
    }

    /// How many old ids were merged into (or renamed to) other cards.
    pub fn merged(&self) -> usize {
        self.replaced.iter().map(|r| r.old.len()).sum()
    }

    /// `40 new cards, 12 changed, 3 merged, 2 retired` (parts that are zero left out;
    /// `no card changed` when all are).
    pub fn summary(&self) -> String {
        self.summary_for(Reader::Learner)
    }

    /// [`Changes::summary`] in the words of `reader`.
    pub fn summary_for(&self, reader: Reader) -> String {
        let mut parts = Vec::new();
        let mut part = |n: usize, text: &str| {
            if n > 0 {
                parts.push(format!("{n} {text}"));
            }
        };
        let added = self.added.len();
        part(added, if added == 1 { "new card" } else { "new cards" });
        part(self.changed.len(), "changed");
        part(self.merged(), "merged");
        part(self.retired.len(), reader.retired());
        part(self.restored.len(), "restored");
        if parts.is_empty() {
            "no card changed".to_string()
        } else {
            parts.join(", ")
        }
    }

    /// Every change, one line each, in sections (for the notice's list and `pack diff`).
    pub fn lines(&self) -> Vec<String> {
        self.lines_for(Reader::Learner)
    }

    /// [`Changes::lines`] in the words of `reader`.
    pub fn lines_for(&self, reader: Reader) -> Vec<String> {
        let mut out = Vec::new();
        let mut section = |title: &str, rows: Vec<String>| {
            if !rows.is_empty() {
                out.push(format!("{title} ({}):", rows.len()));
                out.extend(rows.into_iter().map(|r| format!("  {r}")));
            }
        };
        let named = |c: &CardName| match one_line(&c.prompt) {
            p if p.is_empty() => c.id.clone(),
            p => format!("{}: {p}", c.id),
        };
        section("new", self.added.iter().map(named).collect());
        section(
            "changed",
            self.changed
                .iter()
                .map(|c| {
                    format!(
                        "{} ({}): {}",
                        c.id,
                        c.fields.join(", "),
                        one_line(&c.prompt)
                    )
                })
                .collect(),
        );
        section(
            "merged",
            self.replaced
                .iter()
                .map(|r| format!("{} ← {}: {}", r.id, r.old.join(", "), one_line(&r.prompt)))
                .collect(),
        );
        section(reader.retired(), self.retired.iter().map(named).collect());
        section("restored", self.restored.iter().map(named).collect());
        out
    }
}

/// Who reads a list of changes: a learner's cards are retired, an author removed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Learner,
    Author,
}

impl Reader {
    fn retired(self) -> &'static str {
        match self {
            Reader::Learner => "retired",
            Reader::Author => "removed",
        }
    }
}

/// The first line of a text, at most 60 characters.
fn one_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    // Pack text is the author's: control characters never reach the terminal.
    let mut out: String = line
        .chars()
        .take(60)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// The print of a pack.
pub fn print(pack: &Pack) -> PackPrint {
    let mut h = Fnv::new();
    let m = &pack.manifest;
    for part in [&m.id, &m.title, &m.version, &m.description, &m.license] {
        h.field(part);
    }
    h.field(&m.authors.join("\u{1f}"));
    h.field(&format!(
        "{:?} {:?} {:?}",
        m.options.desired_retention, m.options.new_per_day, m.options.reviews_per_day
    ));
    for t in &pack.topics {
        h.field(&format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{:?}",
            t.id, t.title, t.description, t.weight
        ));
    }
    for d in &pack.diagrams {
        h.field(&format!("{}\u{1f}{}\u{1f}{}", d.id, d.title, d.art));
    }
    let cards: Vec<CardPrint> = pack.cards.iter().map(|c| card_print(pack, c)).collect();
    for c in &cards {
        h.field(&c.id);
        for (name, value) in &c.fields {
            h.field(name);
            h.field(&format!("{value:016x}"));
        }
        h.field(&c.replaces.join("\u{1f}"));
    }
    PackPrint {
        id: m.id.clone(),
        title: m.title.clone(),
        version: m.version.clone(),
        hash: format!("{:016x}", h.finish()),
        cards,
    }
}

/// The print of one card. The diagram field covers the drawing too, so a redrawn diagram
/// marks the cards showing it as changed.
fn card_print(pack: &Pack, card: &Card) -> CardPrint {
    let mut fields: Vec<(&str, String)> = vec![
        ("kind", card.body.kind().name().to_string()),
        ("topic", card.topic.clone()),
    ];
    match &card.body {
        CardBody::Basic {
            front,
            back,
            reverse,
        } => {
            fields.push(("front", front.clone()));
            fields.push(("back", back.clone()));
            fields.push(("reverse", reverse.to_string()));
        }
        CardBody::Cloze { text } => fields.push(("text", cloze_source(text))),
        CardBody::Choice {
            question, options, ..
        }
        | CardBody::Multi {
            question, options, ..
        } => {
            fields.push(("question", question.clone()));
            let opts: Vec<String> = options
                .iter()
                .map(|o| format!("{}\u{1f}{}", o.text, o.why))
                .collect();
            fields.push(("options", opts.join("\u{1e}")));
            let answer = match &card.body {
                CardBody::Choice { answer, .. } => vec![*answer],
                CardBody::Multi { answers, .. } => answers.clone(),
                _ => Vec::new(),
            };
            fields.push(("answer", format!("{answer:?}")));
        }
        CardBody::Typed { question, answers } => {
            fields.push(("question", question.clone()));
            fields.push(("answers", answers.join("\u{1f}")));
        }
        CardBody::TrueFalse { statement, answer } => {
            fields.push(("statement", statement.clone()));
            fields.push(("answer", answer.to_string()));
        }
    }
    fields.push(("explain", card.explain.clone()));
    if let Some(d) = &card.diagram {
        let art = pack.diagram(d).map_or("", |x| x.art.as_str());
        fields.push(("diagram", format!("{d}\u{1f}{art}")));
    }
    if card.diagram_after {
        fields.push(("diagram_after", "true".into()));
    }
    if !card.tags.is_empty() {
        fields.push(("tags", card.tags.join("\u{1f}")));
    }
    if !card.refs.is_empty() {
        fields.push(("refs", card.refs.join("\u{1f}")));
    }
    if let Some(sim) = &card.sim {
        let value = serde_json::to_string(sim).unwrap_or_else(|_| format!("{sim:?}"));
        fields.push(("sim", value));
    }
    CardPrint {
        id: card.id.clone(),
        fields: fields
            .into_iter()
            .map(|(name, value)| (name.to_string(), Fnv::hash(&value)))
            .collect(),
        prompt: card.prompt(card.faces()[0]),
        replaces: card.replaces.clone(),
    }
}

/// Cloze text written back in its markup.
fn cloze_source(text: &ClozeText) -> String {
    text.segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Deletion { n, answer, hint } => match hint {
                Some(h) => format!("{{{{c{n}::{answer}::{h}}}}}"),
                None => format!("{{{{c{n}::{answer}}}}}"),
            },
        })
        .collect()
}

/// The changes from the cards seen before (`old`) to `new`.
pub fn diff(old: &[SeenCard], new: &PackPrint) -> Changes {
    let old_by_id: HashMap<&str, &SeenCard> =
        old.iter().map(|s| (s.print.id.as_str(), s)).collect();
    let new_ids: HashSet<&str> = new.cards.iter().map(|c| c.id.as_str()).collect();
    let mut changes = Changes::default();
    let mut taken_over: HashSet<String> = HashSet::new();
    for card in &new.cards {
        let name = || CardName {
            id: card.id.clone(),
            prompt: card.prompt.clone(),
        };
        let carried: Vec<String> = card
            .replaces
            .iter()
            .filter(|r| {
                !new_ids.contains(r.as_str())
                    && old_by_id.get(r.as_str()).is_some_and(|s| !s.retired)
            })
            .cloned()
            .collect();
        taken_over.extend(carried.iter().cloned());
        match old_by_id.get(card.id.as_str()) {
            Some(seen) if seen.retired => changes.restored.push(name()),
            Some(seen) => {
                let fields = changed_fields(&seen.print, card);
                if !fields.is_empty() {
                    changes.changed.push(Changed {
                        id: card.id.clone(),
                        prompt: card.prompt.clone(),
                        fields,
                    });
                }
            }
            None if carried.is_empty() => changes.added.push(name()),
            None => {}
        }
        if !carried.is_empty() {
            changes.replaced.push(Replaced {
                id: card.id.clone(),
                prompt: card.prompt.clone(),
                old: carried,
            });
        }
    }
    for seen in old {
        let id = seen.print.id.as_str();
        if !seen.retired && !new_ids.contains(id) && !taken_over.contains(id) {
            changes.retired.push(CardName {
                id: id.to_string(),
                prompt: seen.print.prompt.clone(),
            });
        }
    }
    changes
}

/// The changes from one version to the next, both at hand (`deckhand pack diff`).
pub fn diff_packs(old: &PackPrint, new: &PackPrint) -> Changes {
    let seen: Vec<SeenCard> = old
        .cards
        .iter()
        .map(|c| SeenCard {
            print: c.clone(),
            retired: false,
        })
        .collect();
    diff(&seen, new)
}

/// The fields that differ, in `new`'s order, then fields only `old` had.
fn changed_fields(old: &CardPrint, new: &CardPrint) -> Vec<String> {
    let before: HashMap<&str, u64> = old.fields.iter().map(|(n, h)| (n.as_str(), *h)).collect();
    let after: HashSet<&str> = new.fields.iter().map(|(n, _)| n.as_str()).collect();
    let mut out: Vec<String> = new
        .fields
        .iter()
        .filter(|(n, h)| before.get(n.as_str()) != Some(h))
        .map(|(n, _)| n.clone())
        .collect();
    out.extend(
        old.fields
            .iter()
            .filter(|(n, _)| !after.contains(n.as_str()))
            .map(|(n, _)| n.clone()),
    );
    out
}

/// FNV-1a, 64 bits: stable across builds and platforms (the store keeps these hashes).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A field, length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    fn field(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }

    fn finish(&self) -> u64 {
        self.0
    }

    fn hash(s: &str) -> u64 {
        let mut h = Fnv::new();
        h.bytes(s.as_bytes());
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_path;

    fn pack(dir: &std::path::Path, name: &str, art: &str, explain: &str) -> Pack {
        let path = dir.join(name);
        let text = format!(
            "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n[[topics]]\nid = \"t\"\ntitle = \"T\"\n\
             [[diagrams]]\nid = \"d\"\nart = \"{art}\"\n\
             [[cards]]\nid = \"a\"\nkind = \"basic\"\ntopic = \"t\"\ndiagram = \"d\"\n\
             front = \"F\"\nback = \"B\"\nexplain = \"{explain}\"\n"
        );
        std::fs::write(&path, text).expect("write");
        load_path(&path).packs.remove(0)
    }

    #[test]
    fn a_redrawn_diagram_changes_the_cards_that_show_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let old = print(&pack(dir.path(), "a.toml", "[a]", "x"));
        let same = print(&pack(dir.path(), "b.toml", "[a]", "x"));
        assert_eq!(old.hash, same.hash);
        assert!(diff_packs(&old, &same).is_empty());
        let redrawn = print(&pack(dir.path(), "c.toml", "[b]", "y"));
        assert_ne!(old.hash, redrawn.hash);
        let changes = diff_packs(&old, &redrawn);
        assert_eq!(changes.changed[0].fields, ["explain", "diagram"]);
        assert_eq!(changes.summary(), "1 changed");
    }
}
