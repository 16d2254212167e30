//! `deckhand import FILE`: a text file or an Anki package becomes a TOML pack (a plan first,
//! then written in one step by [`super::draft::Draft::write`]), optionally with the package's
//! review history.

use std::collections::HashMap;
use std::path::Path;

use chrono::DateTime;

use crate::content::{CardBody, Face, Severity};
use crate::srs::Rating;
use crate::srs::queue::ItemKey;
use crate::store::{Answer, ItemAnswers, ItemKind};

use super::draft::{Draft, slug};
use super::mapping::Builder;
use super::{Problem, Progress, apkg, text};

/// What an import will write.
#[derive(Debug, Clone)]
pub struct Plan {
    pub draft: Draft,
    /// Warnings (errors stop the import before a plan exists).
    pub warnings: Vec<Problem>,
    /// The package's review history per item (empty for text files).
    pub history: Vec<ItemAnswers>,
    /// Media files the package held (left out).
    pub media_files: usize,
    /// Notes read.
    pub notes: usize,
}

/// What kind of file `path` is, by extension and then by content.
fn is_package(path: &Path, bytes_start: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(ext.as_deref(), Some("apkg" | "colpkg")) || bytes_start.starts_with(b"PK\x03\x04")
}

/// The pack id: the one given, else a slug of the file's name.
fn pack_id(path: &Path, given: Option<&str>) -> Result<String, Problem> {
    let file = path.display().to_string();
    match given {
        Some(id) if crate::content::valid_id(id) => Ok(id.to_string()),
        Some(id) => Err(Problem::new(
            Severity::Error,
            &file,
            format!("`{id}` is not a valid pack id: use lowercase letters, digits, `-`, `_`, `.`"),
        )),
        None => Ok(path
            .file_stem()
            .and_then(|s| slug(&s.to_string_lossy(), 60))
            .unwrap_or_else(|| "imported".into())),
    }
}

/// Read `path` and plan the pack.
pub fn plan(
    path: &Path,
    given_id: Option<&str>,
    topic: Option<&str>,
    progress: &dyn Progress,
) -> Result<Plan, Vec<Problem>> {
    let file = path.display().to_string();
    let id = pack_id(path, given_id).map_err(|p| vec![p])?;
    let title = path
        .file_stem()
        .map_or_else(|| id.clone(), |s| s.to_string_lossy().into_owned());
    let mut head = [0u8; 4];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| {
            vec![Problem::new(
                Severity::Error,
                &file,
                format!("cannot open: {e}"),
            )]
        })?;
        let _ = f.read(&mut head);
    }
    let mut builder = Builder::new(topic);
    if !is_package(path, &head) {
        let bytes = std::fs::read(path).map_err(|e| {
            vec![Problem::new(
                Severity::Error,
                &file,
                format!("cannot read: {e}"),
            )]
        })?;
        let (notes, mut warnings) = text::read(path, &bytes)?;
        progress.start("Reading rows", notes.len() as u64);
        for n in &notes {
            builder.add(n);
            progress.advance(1);
        }
        progress.finish();
        let (draft, more) = builder.finish(&id, &title, &file)?;
        warnings.extend(more);
        return Ok(Plan {
            draft,
            warnings,
            history: Vec::new(),
            media_files: 0,
            notes: notes.len(),
        });
    }
    let package = apkg::read::read(path)?;
    progress.start("Reading notes", package.notes.len() as u64);
    let mut card_of_note: Vec<Option<String>> = Vec::with_capacity(package.notes.len());
    for n in &package.notes {
        card_of_note.push(builder.add(n));
        progress.advance(1);
    }
    progress.finish();
    let (draft, mut warnings) = builder.finish(&id, &title, &file)?;
    if package.media_files > 0 {
        warnings.push(Problem::new(
            Severity::Warning,
            &file,
            format!(
                "the package holds {} media files; deckhand shows text only, so they were left out",
                package.media_files
            ),
        ));
    }
    let history = history(&package, &card_of_note, &draft);
    Ok(Plan {
        notes: package.notes.len(),
        draft,
        warnings,
        history,
        media_files: package.media_files,
    })
}

/// The review history of every imported card's items.
fn history(
    package: &apkg::read::Package,
    card_of_note: &[Option<String>],
    draft: &Draft,
) -> Vec<ItemAnswers> {
    let cards: HashMap<&str, &CardBody> = draft
        .cards
        .iter()
        .map(|c| (c.id.as_str(), &c.body))
        .collect();
    let mut items: HashMap<i64, (ItemKey, ItemKind, i64)> = HashMap::new();
    for c in &package.cards {
        let Some(Some(id)) = card_of_note.get(c.note) else {
            continue;
        };
        let Some(body) = cards.get(id.as_str()) else {
            continue;
        };
        let face_kind = match (body, c.ord) {
            (CardBody::Basic { reverse: true, .. }, 1) => Some((Face::Reverse, ItemKind::Reverse)),
            (CardBody::Basic { .. }, 0) => Some((Face::Front, ItemKind::Basic)),
            (CardBody::Cloze { text }, n) => u32::try_from(n + 1)
                .ok()
                .filter(|n| text.numbers().contains(n))
                .map(|n| (Face::Cloze(n), ItemKind::Cloze)),
            (CardBody::Typed { .. }, 0) => Some((Face::Front, ItemKind::Typed)),
            (CardBody::Choice { .. }, 0) => Some((Face::Front, ItemKind::Choice)),
            (CardBody::Multi { .. }, 0) => Some((Face::Front, ItemKind::Multi)),
            (CardBody::TrueFalse { .. }, 0) => Some((Face::Front, ItemKind::TrueFalse)),
            _ => None,
        };
        if let Some((face, kind)) = face_kind {
            let key = ItemKey::new(draft.id.clone(), format!("{id}{}", face.suffix()));
            items.insert(c.id, (key, kind, c.queue));
        }
    }
    let mut answers: HashMap<i64, Vec<Answer>> = HashMap::new();
    for r in &package.reviews {
        // Manual reschedules (4, 5) and entries without a grade are not answers.
        let Some(rating) = Rating::from_number(r.ease) else {
            continue;
        };
        if !(0..=3).contains(&r.kind) || !items.contains_key(&r.card) {
            continue;
        }
        let Some(at) = DateTime::from_timestamp_millis(r.at_ms) else {
            continue;
        };
        let ms = u32::try_from(r.time_ms.clamp(0, 3_600_000)).unwrap_or(0);
        answers.entry(r.card).or_default().push((at, rating, ms));
    }
    // Anki's queue: -1 suspended, -2 buried by hand, -3 buried as a sibling.
    let mut out: Vec<ItemAnswers> = items
        .into_iter()
        .filter_map(|(cid, (key, kind, queue))| {
            let answers = answers.remove(&cid).unwrap_or_default();
            let (suspended, buried) = (queue == -1, matches!(queue, -2 | -3));
            (!answers.is_empty() || suspended || buried).then_some(ItemAnswers {
                key,
                kind,
                answers,
                suspended,
                buried,
            })
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}
