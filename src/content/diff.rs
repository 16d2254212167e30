//! What changed between two versions of a pack: cards added, changed (and in which fields),
//! merged into others through `replaces`, retired (gone) and restored (back after being
//! gone).
//!
//! A version is compared through its [`PackPrint`]: a stable hash of every field of every
//! card, which is also what the progress store remembers of the last version a learner saw,
//! so `deckhand pack diff OLD NEW` and the update notice of the trainer are one computation.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::cloze::{ClozeText, Segment};
use super::{Card, CardBody, Pack};

/// The version of how prints are made: field hashes of another format cannot be compared,
/// so a change of format (a deckhand update) never shows every card as changed.
pub const PRINT_FORMAT: &str = "1";

/// A pack as far as changes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackPrint {
    pub id: String,
    pub title: String,
    pub version: String,
    /// A hash of everything the pack holds (manifest, topics, diagrams, cards), as
    /// `format:16 hex digits` ([`PRINT_FORMAT`]): a pack whose hash and version are
    /// unchanged is unchanged.
    pub hash: String,
    pub cards: Vec<CardPrint>,
}

/// One card as far as changes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPrint {
    pub id: String,
    /// `(field, hash of its value)` for every field the card has, in a fixed order.
    pub fields: Vec<(Cow<'static, str>, u64)>,
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
    for author in &m.authors {
        h.field(author);
    }
    h.field(&format!(
        "{:?} {:?} {:?}",
        m.options.desired_retention, m.options.new_per_day, m.options.reviews_per_day
    ));
    for t in &pack.topics {
        for part in [&t.id, &t.title, &t.description] {
            h.field(part);
        }
        h.field(&format!("{:?}", t.weight));
    }
    // Each diagram's hash, once: the cards showing it include it.
    let mut diagrams: HashMap<&str, u64> = HashMap::with_capacity(pack.diagrams.len());
    for d in &pack.diagrams {
        let hash = Fnv::parts([d.id.as_str(), d.title.as_str(), d.art.as_str()]);
        h.bytes(&hash.to_le_bytes());
        diagrams.insert(d.id.as_str(), hash);
    }
    let cards: Vec<CardPrint> = pack
        .cards
        .iter()
        .map(|c| card_print(c, &diagrams))
        .collect();
    for c in &cards {
        h.field(&c.id);
        for (name, value) in &c.fields {
            h.field(name);
            h.bytes(&value.to_le_bytes());
        }
        for r in &c.replaces {
            h.field(r);
        }
    }
    PackPrint {
        id: m.id.clone(),
        title: m.title.clone(),
        version: m.version.clone(),
        hash: format!("{PRINT_FORMAT}:{:016x}", h.finish()),
        cards,
    }
}

/// The print of one card. The diagram field covers the drawing too, so a redrawn diagram
/// marks the cards showing it as changed.
fn card_print(card: &Card, diagrams: &HashMap<&str, u64>) -> CardPrint {
    let mut fields: Vec<(Cow<'static, str>, u64)> = Vec::with_capacity(12);
    let mut field = |name: &'static str, hash: u64| fields.push((Cow::Borrowed(name), hash));
    field("kind", Fnv::parts([card.body.kind().name()]));
    field("topic", Fnv::parts([card.topic.as_str()]));
    let flag = |b: bool| if b { "true" } else { "false" };
    match &card.body {
        CardBody::Basic {
            front,
            back,
            reverse,
        } => {
            field("front", Fnv::parts([front.as_str()]));
            field("back", Fnv::parts([back.as_str()]));
            field("reverse", Fnv::parts([flag(*reverse)]));
        }
        CardBody::Cloze { text } => field("text", Fnv::parts([cloze_source(text).as_str()])),
        CardBody::Choice {
            question, options, ..
        }
        | CardBody::Multi {
            question, options, ..
        } => {
            field("question", Fnv::parts([question.as_str()]));
            let texts = options
                .iter()
                .flat_map(|o| [o.text.as_str(), o.why.as_str()]);
            field("options", Fnv::parts(texts));
            let answer = match &card.body {
                CardBody::Choice { answer, .. } => format!("{answer}"),
                CardBody::Multi { answers, .. } => format!("{answers:?}"),
                _ => String::new(),
            };
            field("answer", Fnv::parts([answer.as_str()]));
        }
        CardBody::Typed { question, answers } => {
            field("question", Fnv::parts([question.as_str()]));
            field("answers", Fnv::parts(answers.iter().map(String::as_str)));
        }
        CardBody::TrueFalse { statement, answer } => {
            field("statement", Fnv::parts([statement.as_str()]));
            field("answer", Fnv::parts([flag(*answer)]));
        }
    }
    field("explain", Fnv::parts([card.explain.as_str()]));
    if let Some(d) = &card.diagram {
        let art = diagrams.get(d.as_str()).copied().unwrap_or_default();
        field("diagram", Fnv::parts([d.as_str(), &format!("{art:016x}")]));
    }
    if card.diagram_after {
        field("diagram_after", Fnv::parts([flag(true)]));
    }
    if !card.tags.is_empty() {
        field("tags", Fnv::parts(card.tags.iter().map(String::as_str)));
    }
    if !card.refs.is_empty() {
        field("refs", Fnv::parts(card.refs.iter().map(String::as_str)));
    }
    if let Some(sim) = &card.sim {
        let value = serde_json::to_string(sim).unwrap_or_else(|_| format!("{sim:?}"));
        field("sim", Fnv::parts([value.as_str()]));
    }
    CardPrint {
        id: card.id.clone(),
        fields,
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
    let before: HashMap<&str, u64> = old.fields.iter().map(|(n, h)| (n.as_ref(), *h)).collect();
    let after: HashSet<&str> = new.fields.iter().map(|(n, _)| n.as_ref()).collect();
    let mut out: Vec<String> = new
        .fields
        .iter()
        .filter(|(n, h)| before.get(n.as_ref()) != Some(h))
        .map(|(n, _)| n.to_string())
        .collect();
    out.extend(
        old.fields
            .iter()
            .filter(|(n, _)| !after.contains(n.as_ref()))
            .map(|(n, _)| n.to_string()),
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

    /// The hash of a list of parts (each length-prefixed).
    fn parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
        let mut h = Fnv::new();
        for p in parts {
            h.field(p);
        }
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
