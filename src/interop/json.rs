//! `deckhand export --json [--progress]`: the packs' cards as JSON and, with `--progress`, the
//! progress tables; `deckhand import --progress FILE.json` reads the progress back. The format
//! is documented in `docs/interop.md`.

use serde_json::{Value, json};

use crate::content::{CardBody, Pack};
use crate::store::ProgressDump;

use super::draft::cloze_source;

/// The value of `format` in every export.
pub const FORMAT: &str = "deckhand-export";
/// The format's version: 2 added the mock exams, exam plans and "study more" grants to
/// `progress` (a version 1 file still imports).
pub const VERSION: u64 = 2;

fn letter(i: usize) -> String {
    super::draft::letter(i).to_string()
}

fn card_json(card: &crate::content::Card) -> Value {
    let mut c = json!({
        "id": card.id,
        "kind": card.body.kind().name(),
        "topic": card.topic,
        "tags": card.tags,
        "refs": card.refs,
        "explain": card.explain,
        "diagram": card.diagram,
        "diagram_after": card.diagram_after,
        "replaces": card.replaces,
        "sim": card.sim,
        "items": card.faces().into_iter().map(|f| card.item_id(f)).collect::<Vec<_>>(),
    });
    let body = match &card.body {
        CardBody::Basic {
            front,
            back,
            reverse,
        } => json!({"front": front, "back": back, "reverse": reverse}),
        CardBody::Cloze { text } => json!({"text": cloze_source(text)}),
        CardBody::Choice {
            question,
            options,
            answer,
        } => json!({
            "question": question,
            "options": options.iter().map(|o| json!({"text": o.text, "why": o.why})).collect::<Vec<_>>(),
            "answer": letter(*answer),
        }),
        CardBody::Multi {
            question,
            options,
            answers,
        } => json!({
            "question": question,
            "options": options.iter().map(|o| json!({"text": o.text, "why": o.why})).collect::<Vec<_>>(),
            "answer": answers.iter().map(|&a| letter(a)).collect::<Vec<_>>(),
        }),
        CardBody::Typed { question, answers } => json!({"question": question, "answers": answers}),
        CardBody::TrueFalse { statement, answer } => {
            json!({"statement": statement, "answer": answer})
        }
    };
    if let (Value::Object(c), Value::Object(b)) = (&mut c, body) {
        c.extend(b);
    }
    c
}

/// The export document.
pub fn document(packs: &[&Pack], progress: Option<&ProgressDump>, exported_at: &str) -> Value {
    let packs: Vec<Value> = packs
        .iter()
        .map(|p| {
            json!({
                "id": p.manifest.id,
                "title": p.manifest.title,
                "version": p.manifest.version,
                "description": p.manifest.description,
                "topics": p.topics.iter().map(|t| json!({
                    "id": t.id, "title": t.title, "description": t.description, "weight": t.weight,
                })).collect::<Vec<_>>(),
                "diagrams": p.diagrams.iter().map(|d| json!({
                    "id": d.id, "title": d.title, "art": d.art,
                })).collect::<Vec<_>>(),
                "cards": p.cards.iter().map(card_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut doc = json!({
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at,
        "packs": packs,
    });
    if let Some(dump) = progress {
        doc["progress"] = serde_json::to_value(dump).unwrap_or(Value::Null);
    }
    doc
}

/// The progress part of an export document, or why there is none.
pub fn progress_of(text: &str) -> Result<ProgressDump, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    if doc["format"] != FORMAT {
        return Err(format!(
            "not a deckhand export (its `format` is not \"{FORMAT}\")"
        ));
    }
    if doc["version"].as_u64().is_none_or(|v| v > VERSION) {
        return Err(format!(
            "made by a newer deckhand (format version above {VERSION}); upgrade deckhand"
        ));
    }
    match doc.get("progress") {
        None | Some(Value::Null) => {
            Err("holds no progress: export it with `deckhand export --json --progress`".into())
        }
        Some(p) => {
            serde_json::from_value(p.clone()).map_err(|e| format!("the progress is malformed: {e}"))
        }
    }
}
