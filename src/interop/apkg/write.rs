//! Writing an Anki package (`.apkg`) that current Anki desktop imports: a zip holding
//! `collection.anki2` (Anki's schema 11 SQLite collection, the format every Anki since 2.1
//! reads and genanki writes) and an empty `media` map. deckhand is text-only, so there is no
//! media to add.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::content::{Face, Pack};
use crate::interop::Progress;
use crate::interop::notetype::{CSS, NoteKind, note_of};
use crate::srs::State;
use crate::srs::queue::ItemKey;
use crate::store::ItemHistory;

use super::{ApkgError, SCHEMA11, field_checksum, sort_field};

/// The Anki deck id of a deck name: stable, so a second export updates the same decks.
pub fn deck_id(name: &str) -> i64 {
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    // Positive, below 2^53 (JavaScript-safe, as Anki's ids), and never the default deck 1.
    ((h & 0x000f_ffff_ffff_ffff) | 0x0010_0000_0000_0000) as i64
}

fn model_json(kind: NoteKind, now_secs: i64, deck: i64) -> Value {
    let fields: Vec<Value> = kind
        .fields()
        .iter()
        .enumerate()
        .map(|(i, name)| {
            json!({"name": name, "ord": i, "sticky": false, "rtl": false, "font": "Arial",
                   "size": 20, "media": []})
        })
        .collect();
    let templates: Vec<Value> = kind
        .templates()
        .iter()
        .enumerate()
        .map(|(i, (name, q, a))| {
            json!({"name": name, "ord": i, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "",
                   "did": null, "bfont": "", "bsize": 0})
        })
        .collect();
    let req: Vec<Value> = (0..templates.len())
        .map(|i| json!([i, "any", [if kind == NoteKind::Reversed { i } else { 0 }]]))
        .collect();
    json!({
        "id": kind.model_id().to_string(),
        "name": kind.name(),
        "type": i32::from(kind.is_cloze()),
        "mod": now_secs,
        "usn": -1,
        "sortf": 0,
        "did": deck,
        "tmpls": templates,
        "flds": fields,
        "css": CSS,
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "latexsvg": false,
        "req": req,
        "tags": [],
        "vers": [],
    })
}

fn deck_json(id: i64, name: &str, now_secs: i64) -> Value {
    json!({
        "id": id, "name": name, "mod": now_secs, "usn": -1, "desc": "", "dyn": 0, "conf": 1,
        "collapsed": false, "browserCollapsed": false, "extendNew": 0, "extendRev": 0,
        "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
    })
}

const DCONF: &str = r#"{"1": {"id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60,
 "autoplay": true, "timer": 0, "replayq": true, "dyn": false,
 "new": {"bury": true, "delays": [1, 10], "initialFactor": 2500, "ints": [1, 4, 7], "order": 1, "perDay": 20, "separate": true},
 "lapse": {"delays": [10], "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0},
 "rev": {"bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1, "maxIvl": 36500, "minSpace": 1, "perDay": 200}}}"#;

/// The Anki card of one face: its template ordinal.
fn ordinal(face: Face) -> i64 {
    match face {
        Face::Front => 0,
        Face::Reverse => 1,
        Face::Cloze(n) => i64::from(n) - 1,
    }
}

/// Anki's scheduling columns for a card with deckhand progress:
/// (type, queue, due, ivl, factor, reps, lapses, left, data).
type Sched = (i64, i64, i64, i64, i64, i64, i64, i64, String);

fn scheduling(h: &ItemHistory, crt: i64, now: DateTime<Utc>, position: i64) -> Sched {
    let Some(p) = &h.progress else {
        return (0, 0, position, 0, 0, 0, 0, 0, String::new());
    };
    let c = &p.card;
    let due_secs = c.due.map_or(0, |d| d.timestamp());
    let ivl = match (c.last_review, c.due) {
        (Some(l), Some(d)) if c.state == State::Review => {
            ((d - l).num_seconds() as f64 / 86_400.0).round().max(1.0) as i64
        }
        _ => 0,
    };
    let (kind, mut queue, due) = match c.state {
        State::New => (0, 0, position),
        State::Learning => (1, 1, due_secs),
        State::Review => (2, 2, (due_secs - crt).div_euclid(86_400)),
        State::Relearning => (3, 1, due_secs),
    };
    if p.suspended {
        queue = -1;
    } else if p.is_buried(now) {
        queue = -3;
    }
    let data = match (c.memory, c.last_review) {
        (Some(m), last) => {
            let mut d = json!({"s": round4(m.stability), "d": round4(m.difficulty), "dr": 0.9});
            if let Some(l) = last {
                d["lrt"] = json!(l.timestamp());
            }
            d.to_string()
        }
        _ => String::new(),
    };
    let left = i64::from(c.state.is_learning());
    (
        kind,
        queue,
        due,
        ivl,
        2500,
        i64::from(c.reps),
        i64::from(c.lapses),
        left,
        data,
    )
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Write `packs` to `out` as an `.apkg`. With `history`, cards carry their scheduling and the
/// review log goes along (Anki's "include scheduling information"). Returns the note count.
pub fn write(
    packs: &[&Pack],
    out: &Path,
    history: Option<&BTreeMap<ItemKey, ItemHistory>>,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<usize, ApkgError> {
    let io = |e: std::io::Error| ApkgError::Io(out.to_path_buf(), e);
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp_db = dir.join(format!(".deckhand-export-{}.anki2", std::process::id()));
    let tmp_zip = dir.join(format!(".deckhand-export-{}.apkg", std::process::id()));
    let result = (|| {
        let notes = build_collection(packs, &tmp_db, history, now, progress)?;
        let db = std::fs::read(&tmp_db).map_err(io)?;
        let file = std::fs::File::create(&tmp_zip).map_err(io)?;
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("collection.anki2", opts)?;
        zip.write_all(&db).map_err(io)?;
        zip.start_file("media", opts)?;
        zip.write_all(b"{}").map_err(io)?;
        zip.finish()?;
        std::fs::rename(&tmp_zip, out).map_err(io)?;
        Ok(notes)
    })();
    let _ = std::fs::remove_file(&tmp_db);
    let _ = std::fs::remove_file(&tmp_zip);
    result
}

fn build_collection(
    packs: &[&Pack],
    path: &Path,
    history: Option<&BTreeMap<ItemKey, ItemHistory>>,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<usize, ApkgError> {
    let _ = std::fs::remove_file(path);
    let mut conn = Connection::open(path).map_err(|e| ApkgError::Sqlite(path.to_path_buf(), e))?;
    let sql = |e| ApkgError::Sqlite(path.to_path_buf(), e);
    let now_ms = now.timestamp_millis();
    let now_secs = now.timestamp();
    let crt = now_secs - now_secs.rem_euclid(86_400);
    let tx = conn.transaction().map_err(sql)?;
    tx.execute_batch(SCHEMA11).map_err(sql)?;
    let mut decks = serde_json::Map::new();
    decks.insert("1".into(), deck_json(1, "Default", now_secs));
    let mut kinds = Vec::new();
    let total: usize = packs.iter().map(|p| p.cards.len()).sum();
    progress.start("Writing notes", total as u64);
    let mut note_id = now_ms;
    let mut card_id = now_ms + total as i64 + 1;
    let mut position = 0;
    let mut revlog_id = 0;
    for pack in packs {
        decks.insert(
            deck_id(&pack.manifest.title).to_string(),
            deck_json(
                deck_id(&pack.manifest.title),
                &pack.manifest.title,
                now_secs,
            ),
        );
        for card in &pack.cards {
            let note = note_of(pack, card);
            let deck = deck_id(&note.deck);
            decks
                .entry(deck.to_string())
                .or_insert_with(|| deck_json(deck, &note.deck, now_secs));
            if !kinds.contains(&note.kind) {
                kinds.push(note.kind);
            }
            let first = super::super::html::to_text(&note.fields[0]).text;
            let tags = if note.tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", note.tags.join(" "))
            };
            tx.execute(
                "INSERT INTO notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) \
                 VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')",
                params![
                    note_id,
                    note.guid,
                    note.kind.model_id(),
                    now_secs,
                    tags,
                    note.fields.join("\x1f"),
                    sort_field(&first),
                    field_checksum(&first),
                ],
            )
            .map_err(sql)?;
            position += 1;
            for face in card.faces() {
                let key = ItemKey::new(pack.id(), card.item_id(face));
                let empty = ItemHistory::default();
                let h = history.and_then(|h| h.get(&key)).unwrap_or(&empty);
                let (kind, queue, due, ivl, factor, reps, lapses, left, data) =
                    scheduling(h, crt, now, position);
                tx.execute(
                    "INSERT INTO cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, \
                     reps, lapses, left, odue, odid, flags, data) VALUES (?1, ?2, ?3, ?4, ?5, -1, \
                     ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 0, 0, 0, ?14)",
                    params![
                        card_id,
                        note_id,
                        deck,
                        ordinal(face),
                        now_secs,
                        kind,
                        queue,
                        due,
                        ivl,
                        factor,
                        reps,
                        lapses,
                        left,
                        data
                    ],
                )
                .map_err(sql)?;
                for r in &h.reviews {
                    // Revlog ids are the review time in ms; keep them unique.
                    revlog_id = r.at.timestamp_millis().max(revlog_id + 1);
                    let kind = match r.state_before {
                        State::New | State::Learning => 0,
                        State::Review => 1,
                        State::Relearning => 2,
                    };
                    tx.execute(
                        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) \
                         VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            revlog_id,
                            card_id,
                            r.rating,
                            r.interval,
                            r.last_interval,
                            if kind == 0 && r.rating == 1 { 0 } else { 2500 },
                            i64::from(r.answer_ms.min(60_000)),
                            kind
                        ],
                    )
                    .map_err(sql)?;
                }
                card_id += 1;
            }
            note_id += 1;
            progress.advance(1);
        }
    }
    let models: serde_json::Map<String, Value> = kinds
        .iter()
        .map(|k| (k.model_id().to_string(), model_json(*k, now_secs, 1)))
        .collect();
    let first_model = kinds.first().map_or(1, |k| k.model_id());
    let conf = json!({
        "activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200, "timeLim": 0,
        "estTimes": true, "dueCounts": true, "newBury": true, "curModel": first_model.to_string(), "nextPos": position + 1,
        "sortType": "noteFld", "sortBackwards": false, "addToCur": true,
    });
    tx.execute(
        "UPDATE col SET crt = ?1, mod = ?2, scm = ?2, ver = 11, dty = 0, usn = 0, ls = 0, \
         conf = ?3, models = ?4, decks = ?5, dconf = ?6, tags = '{}'",
        params![
            crt,
            now_ms,
            conf.to_string(),
            Value::Object(models).to_string(),
            Value::Object(decks).to_string(),
            DCONF
        ],
    )
    .map_err(sql)?;
    tx.commit().map_err(sql)?;
    progress.finish();
    let notes = position as usize;
    drop(conn);
    Ok(notes)
}
