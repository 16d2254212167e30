//! A pack being imported, and how it becomes TOML on disk: a folder with `pack.toml` (the
//! manifest and topics), `diagrams.toml`, and one card file per topic under `cards/`.
//!
//! The folder is written beside its destination under a hidden name, checked with the same
//! loader `deckhand check` uses, and only then renamed into place: an import that fails, at
//! any step, leaves nothing behind.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::content::{CardBody, ClozeText, Segment, valid_id};

/// A pack being imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: String,
    pub title: String,
    pub description: String,
    pub topics: Vec<DraftTopic>,
    pub diagrams: Vec<DraftDiagram>,
    pub cards: Vec<DraftCard>,
}

/// A topic of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftTopic {
    pub id: String,
    pub title: String,
}

/// A diagram of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDiagram {
    pub id: String,
    pub title: String,
    pub art: String,
}

/// A card of a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftCard {
    pub id: String,
    pub topic: String,
    pub tags: Vec<String>,
    pub refs: Vec<String>,
    /// Empty when the source had none.
    pub explain: String,
    pub diagram: Option<String>,
    /// Show the diagram only after answering.
    pub diagram_after: bool,
    pub body: CardBody,
}

/// A readable id made of `text`: lowercase ASCII words joined by `-`, at most `max` bytes,
/// cut at a word boundary; `None` when nothing usable remains.
pub fn slug(text: &str, max: usize) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut s = out.trim_end_matches('-').to_string();
    if s.len() > max {
        let cut = s[..max].rfind('-').filter(|&i| i > max / 2).unwrap_or(max);
        s.truncate(cut);
    }
    let s = s.trim_end_matches('-').to_string();
    (!s.is_empty()).then_some(s)
}

/// Latin letters with accents as their base letter, for slugs.
fn fold(c: char) -> char {
    match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// The id of a card imported from a note with `guid`: the GUID itself when it is a valid id
/// (deckhand's own exports), else `anki-` and the GUID's bytes in hex, which is stable and
/// unique (Anki GUIDs mix cases and symbols).
pub fn id_from_guid(guid: &str) -> Option<String> {
    let guid = guid.trim();
    if guid.is_empty() {
        return None;
    }
    if valid_id(guid) {
        return Some(guid.to_string());
    }
    let hex: String = guid.bytes().take(45).map(|b| format!("{b:02x}")).collect();
    Some(format!("anki-{hex}"))
}

/// Hands out unique ids: the wanted one, or it with `-2`, `-3`… when taken.
#[derive(Debug, Default)]
pub struct Ids(HashSet<String>);

impl Ids {
    /// A unique id based on `wanted`; says whether it had to be changed.
    pub fn claim(&mut self, wanted: &str) -> (String, bool) {
        if self.0.insert(wanted.to_string()) {
            return (wanted.to_string(), false);
        }
        let mut n = 2;
        loop {
            let candidate = format!("{wanted}-{n}");
            if self.0.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

/// Cloze text as authors write it (`{{c1::answer::hint}}`).
pub fn cloze_source(text: &ClozeText) -> String {
    text.segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Deletion {
                n,
                answer,
                hint: Some(h),
            } => format!("{{{{c{n}::{answer}::{h}}}}}"),
            Segment::Deletion { n, answer, .. } => format!("{{{{c{n}::{answer}}}}}"),
        })
        .collect()
}

/// `s` as a TOML string: a basic string on one line, a multi-line basic string when it has
/// line breaks; control characters escaped.
pub fn toml_string(s: &str) -> String {
    let escape = |s: &str, keep_newlines: bool| {
        let mut out = String::with_capacity(s.len() + 2);
        for c in s.chars() {
            match c {
                '\n' if keep_newlines => out.push('\n'),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04X}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out
    };
    if s.contains('\n') {
        format!("\"\"\"\n{}\"\"\"", escape(s, true))
    } else {
        format!("\"{}\"", escape(s, false))
    }
}

/// Diagram art as a literal multi-line string when it can be one (backslashes stay as drawn).
fn toml_art(art: &str) -> String {
    let literal_ok = !art.contains("'''")
        && !art.ends_with('\'')
        && !art.chars().any(|c| c.is_control() && c != '\n');
    if literal_ok {
        format!("'''\n{art}'''")
    } else {
        toml_string(art)
    }
}

fn string_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// The letter of option `i` (A is the first; Z is the last a card may have).
pub fn letter(i: usize) -> char {
    char::from(b'A' + u8::try_from(i).unwrap_or(25).min(25))
}

impl Draft {
    /// `pack.toml`: the manifest and the topics.
    pub fn pack_toml(&self, source: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Imported by deckhand from {}.\n# Card ids were made once from the source; keep them when you edit, so progress is kept.\n# Format: docs/authoring.md. Check with `deckhand check <this folder>`.\n",
            source.replace('\n', " ")
        );
        let _ = writeln!(out, "[pack]");
        let _ = writeln!(out, "id = {}", toml_string(&self.id));
        let _ = writeln!(out, "title = {}", toml_string(&self.title));
        let _ = writeln!(out, "version = \"1.0.0\"");
        if !self.description.is_empty() {
            let _ = writeln!(out, "description = {}", toml_string(&self.description));
        }
        for t in &self.topics {
            let _ = writeln!(
                out,
                "\n[[topics]]\nid = {}\ntitle = {}",
                toml_string(&t.id),
                toml_string(&t.title)
            );
        }
        out
    }

    /// `diagrams.toml`, if there are diagrams.
    pub fn diagrams_toml(&self) -> Option<String> {
        if self.diagrams.is_empty() {
            return None;
        }
        let mut out = String::new();
        for d in &self.diagrams {
            let _ = writeln!(out, "[[diagrams]]\nid = {}", toml_string(&d.id));
            if !d.title.is_empty() {
                let _ = writeln!(out, "title = {}", toml_string(&d.title));
            }
            let art = if d.art.ends_with('\n') {
                d.art.clone()
            } else {
                format!("{}\n", d.art)
            };
            let _ = writeln!(out, "art = {}\n", toml_art(&art));
        }
        Some(out)
    }

    /// The card file of one topic.
    pub fn cards_toml(&self, topic: &str) -> String {
        let mut out = String::new();
        for c in self.cards.iter().filter(|c| c.topic == topic) {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&card_toml(c));
        }
        out
    }

    /// Write the pack to `dest` (which must not exist, unless `replace`): into a hidden
    /// folder beside it first, checked clean by the loader, then renamed into place.
    pub fn write(&self, dest: &Path, source: &str, replace: bool) -> Result<(), WriteError> {
        if dest.exists() && !replace {
            return Err(WriteError::Exists(dest.to_path_buf()));
        }
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| WriteError::Io(parent.clone(), e))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.id.clone());
        let staging = parent.join(format!(".{name}.importing-{}", std::process::id()));
        let result = self
            .write_files(&staging, source)
            .and_then(|()| check_clean(&staging))
            .and_then(|()| swap_into_place(&staging, dest));
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }

    fn write_files(&self, dir: &Path, source: &str) -> Result<(), WriteError> {
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |e| WriteError::Io(p, e)
        };
        let cards = dir.join("cards");
        std::fs::create_dir_all(&cards).map_err(io(&cards))?;
        let file = dir.join("pack.toml");
        std::fs::write(&file, self.pack_toml(source)).map_err(io(&file))?;
        if let Some(text) = self.diagrams_toml() {
            let file = dir.join("diagrams.toml");
            std::fs::write(&file, text).map_err(io(&file))?;
        }
        for t in &self.topics {
            let text = self.cards_toml(&t.id);
            if text.is_empty() {
                continue;
            }
            let file = cards.join(format!("{}.toml", t.id));
            std::fs::write(&file, text).map_err(io(&file))?;
        }
        Ok(())
    }
}

fn card_toml(c: &DraftCard) -> String {
    let mut out = String::from("[[cards]]\n");
    let mut field = |k: &str, v: String| {
        let _ = writeln!(out, "{k} = {v}");
    };
    field("id", toml_string(&c.id));
    field("kind", toml_string(c.body.kind().name()));
    field("topic", toml_string(&c.topic));
    if !c.tags.is_empty() {
        field("tags", string_list(&c.tags));
    }
    if !c.refs.is_empty() {
        field("refs", string_list(&c.refs));
    }
    if let Some(d) = &c.diagram {
        field("diagram", toml_string(d));
        if c.diagram_after {
            field("diagram_after", "true".into());
        }
    }
    match &c.body {
        CardBody::Basic {
            front,
            back,
            reverse,
        } => {
            field("front", toml_string(front));
            field("back", toml_string(back));
            if *reverse {
                field("reverse", "true".into());
            }
        }
        CardBody::Cloze { text } => field("text", toml_string(&cloze_source(text))),
        CardBody::Choice {
            question,
            options,
            answer,
        } => {
            field("question", toml_string(question));
            field("answer", toml_string(&letter(*answer).to_string()));
            field("options", options_toml(options));
        }
        CardBody::Multi {
            question,
            options,
            answers,
        } => {
            field("question", toml_string(question));
            let letters: Vec<String> = answers.iter().map(|&i| letter(i).to_string()).collect();
            field("answer", string_list(&letters));
            field("options", options_toml(options));
        }
        CardBody::Typed { question, answers } => {
            field("question", toml_string(question));
            field("answers", string_list(answers));
        }
        CardBody::TrueFalse { statement, answer } => {
            field("statement", toml_string(statement));
            field("answer", answer.to_string());
        }
    }
    if !c.explain.is_empty() {
        field("explain", toml_string(&c.explain));
    }
    out
}

fn options_toml(options: &[crate::content::AnswerOption]) -> String {
    let mut out = String::from("[\n");
    for o in options {
        let _ = writeln!(
            out,
            "  {{ text = {}, why = {} }},",
            toml_string(&o.text),
            toml_string(&o.why)
        );
    }
    out.push(']');
    out
}

/// Why a draft could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0} already exists; choose another --out, or pass --force to replace it")]
    Exists(PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error(
        "the imported pack does not check clean (a bug in the importer; nothing was written):\n{0}"
    )]
    NotClean(String),
}

fn check_clean(dir: &Path) -> Result<(), WriteError> {
    let library = crate::content::validate_paths(&[dir.to_path_buf()]);
    let errors: Vec<String> = library
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(WriteError::NotClean(errors.join("\n")))
    }
}

/// Rename `staging` to `dest`; an existing `dest` is moved aside first and removed after.
fn swap_into_place(staging: &Path, dest: &Path) -> Result<(), WriteError> {
    let io = |e| WriteError::Io(dest.to_path_buf(), e);
    if dest.exists() {
        let aside = staging.with_extension("old");
        std::fs::rename(dest, &aside).map_err(io)?;
        if let Err(e) = std::fs::rename(staging, dest) {
            let _ = std::fs::rename(&aside, dest);
            return Err(io(e));
        }
        let _ = if aside.is_dir() {
            std::fs::remove_dir_all(&aside)
        } else {
            std::fs::remove_file(&aside)
        };
        Ok(())
    } else {
        std::fs::rename(staging, dest).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_ids() {
        assert_eq!(
            slug("What is AWS Fargate?", 48).as_deref(),
            Some("what-is-aws-fargate")
        );
        assert_eq!(slug("Café  au lait", 48).as_deref(), Some("cafe-au-lait"));
        assert_eq!(slug("???", 48), None);
        assert_eq!(
            slug("one two three four five", 12).as_deref(),
            Some("one-two")
        );
        assert_eq!(id_from_guid("ec2-basics").as_deref(), Some("ec2-basics"));
        assert_eq!(id_from_guid("b*Q;X").as_deref(), Some("anki-622a513b58"));
        assert_eq!(id_from_guid("  "), None);
        let mut ids = Ids::default();
        assert_eq!(ids.claim("a"), ("a".into(), false));
        assert_eq!(ids.claim("a"), ("a-2".into(), true));
        assert_eq!(ids.claim("a"), ("a-3".into(), true));
    }

    #[test]
    fn toml_strings_parse_back() {
        for s in [
            "plain",
            "quote \" and \\ backslash",
            "two\nlines\n",
            "tab\tand \u{1b}[2J escape",
            "ends with quote\"",
            "\"\"\" triple",
        ] {
            let doc = format!("v = {}", toml_string(s));
            let parsed: toml::Table = toml::from_str(&doc).expect(&doc);
            assert_eq!(parsed["v"].as_str(), Some(s), "{doc}");
        }
        let art = "  /\\ \n  \\/ '\n";
        let doc = format!("v = {}", toml_art(art));
        let parsed: toml::Table = toml::from_str(&doc).expect(&doc);
        assert_eq!(parsed["v"].as_str(), Some(art));
    }
}
