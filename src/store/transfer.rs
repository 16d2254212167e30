//! Moving progress in and out of the store: every item's history for an Anki export, a
//! table-by-table dump for `deckhand export --json --progress` and its restore into another
//! data directory, and a review history replayed through the scheduler for an import of
//! Anki's review log.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde::{Deserialize, Serialize};

use super::rows::{STATE_COLUMNS, insert_log, read_progress, write_progress};
use super::{AnswerMeta, Store, StoreError, from_ms};
use crate::srs::queue::{ItemKey, ItemProgress, PackSettings, grade_progress, queue_kind};
use crate::srs::{Rating, State};

/// One answer of an item, as Anki's review log wants it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedReview {
    pub at: DateTime<Utc>,
    /// 1 Again … 4 Easy.
    pub rating: u8,
    pub answer_ms: u32,
    pub state_before: State,
    /// The interval the answer gave: days when positive, seconds when negative (Anki's way).
    pub interval: i64,
    /// The interval before the answer, the same way.
    pub last_interval: i64,
}

/// An item's stored progress and answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemHistory {
    pub progress: Option<ItemProgress>,
    pub reviews: Vec<ExportedReview>,
}

/// Anki's interval: whole days for a review state, negative seconds for learning.
fn anki_interval(state: State, due_ms: Option<i64>, from_ms: i64) -> i64 {
    let Some(due) = due_ms else { return 0 };
    let secs = (due - from_ms) / 1000;
    match state {
        State::Review => ((secs as f64) / 86_400.0).round().max(1.0) as i64,
        State::New => 0,
        State::Learning | State::Relearning => -secs.max(1),
    }
}

/// One answer from another program: when, the grade, the time taken in ms.
pub type Answer = (DateTime<Utc>, Rating, u32);

/// An item's answers from another program (an Anki review log), and whether it was
/// suspended or buried there.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemAnswers {
    pub key: ItemKey,
    pub kind: crate::store::ItemKind,
    pub answers: Vec<Answer>,
    pub suspended: bool,
    pub buried: bool,
}

/// The tables a progress dump holds, in the order they are restored (sessions before the
/// answers and exams that name them, exams before their questions). Tables with an `id`
/// column get new row ids when restored; the others replace rows with the same key.
pub const DUMP_TABLES: [&str; 11] = [
    "pack_settings",
    "sessions",
    "card_state",
    "review_log",
    "pack_seen",
    "pack_seen_cards",
    "replacements",
    "exams",
    "exam_questions",
    "exam_plans",
    "study_more",
];

/// One table of a dump: its columns and rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableDump {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Progress as exported: the schema version it was read at and its tables.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressDump {
    pub schema_version: i64,
    pub tables: BTreeMap<String, TableDump>,
}

/// What a restore did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreSummary {
    pub card_states: usize,
    pub reviews: usize,
    /// Reviews already present (same item and time), not added twice.
    pub duplicates: usize,
    /// Sessions added (one already here, same kind and start, is not added twice).
    pub sessions: usize,
    pub pack_settings: usize,
    /// Mock exams added, finished or not (one already here, same pack and start, is not
    /// added twice).
    pub exams: usize,
    /// Exam plans (date, budget, target) restored.
    pub exam_plans: usize,
}

fn to_json(v: Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => i.into(),
        Value::Real(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Text(s) => s.into(),
        Value::Blob(b) => b.into_iter().map(serde_json::Value::from).collect(),
    }
}

fn from_json(v: &serde_json::Value) -> Option<Value> {
    Some(match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64()?),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        _ => return None,
    })
}

impl Store {
    /// Every item of `pack` with stored progress or answers.
    pub fn history(&self, pack: &str) -> Result<BTreeMap<ItemKey, ItemHistory>, StoreError> {
        let mut out: BTreeMap<ItemKey, ItemHistory> = BTreeMap::new();
        let sql = format!("SELECT item, {STATE_COLUMNS} FROM card_state WHERE pack = ?1");
        let mut stmt = self.conn().prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query([pack]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let item: String = r.get(0).map_err(|e| self.err(e))?;
            let p = read_progress(r, 1).map_err(|e| self.err(e))?;
            out.entry(ItemKey::new(pack, item)).or_default().progress = Some(p);
        }
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT item, reviewed_ms, rating, answer_ms, b_state, b_due_ms, b_last_review_ms, \
                 a_state, a_due_ms FROM review_log WHERE pack = ?1 ORDER BY item, reviewed_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([pack]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = |r: &rusqlite::Row<'_>| -> rusqlite::Result<_> {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, u8>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, u8>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                    r.get::<_, u8>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                ))
            };
            let (item, at, rating, answer_ms, b_state, b_due, b_last, a_state, a_due) =
                get(r).map_err(|e| self.err(e))?;
            let state = |code: u8| State::from_code(code).unwrap_or(State::New);
            let before = state(b_state);
            out.entry(ItemKey::new(pack, item))
                .or_default()
                .reviews
                .push(ExportedReview {
                    at: from_ms(at),
                    rating,
                    answer_ms,
                    state_before: before,
                    interval: anki_interval(state(a_state), a_due, at),
                    last_interval: anki_interval(before, b_due, b_last.unwrap_or(at)),
                });
        }
        Ok(out)
    }

    /// The progress tables, row by row (only the rows of `packs` when given).
    pub fn dump_progress(&self, packs: Option<&[String]>) -> Result<ProgressDump, StoreError> {
        let mut dump = ProgressDump {
            schema_version: super::SCHEMA_VERSION,
            tables: BTreeMap::new(),
        };
        let wanted: Option<HashSet<&str>> = packs.map(|p| p.iter().map(String::as_str).collect());
        let mut session_ids = HashSet::new();
        for table in DUMP_TABLES {
            let mut stmt = self
                .conn()
                .prepare(&format!("SELECT * FROM {table}"))
                .map_err(|e| self.err(e))?;
            let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let pack_at = columns.iter().position(|c| c == "pack");
            let session_at = columns.iter().position(|c| c == "session_id");
            let n = columns.len();
            let mut rows = Vec::new();
            let mut q = stmt.query([]).map_err(|e| self.err(e))?;
            while let Some(r) = q.next().map_err(|e| self.err(e))? {
                let values: Vec<Value> = (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<_, _>>()
                    .map_err(|e| self.err(e))?;
                if let (Some(w), Some(p)) = (&wanted, pack_at)
                    && !matches!(&values[p], Value::Text(t) if w.contains(t.as_str()))
                {
                    continue;
                }
                if let Some(s) = session_at
                    && let Value::Integer(id) = values[s]
                {
                    session_ids.insert(id);
                }
                rows.push(values);
            }
            dump.tables.insert(
                table.to_string(),
                TableDump {
                    columns,
                    rows: rows
                        .into_iter()
                        .map(|r| r.into_iter().map(to_json).collect())
                        .collect(),
                },
            );
        }
        // With a pack filter, keep only the sessions the kept answers belong to.
        if wanted.is_some()
            && let Some(sessions) = dump.tables.get_mut("sessions")
        {
            let id_at = sessions.columns.iter().position(|c| c == "id");
            sessions.rows.retain(|r| {
                id_at
                    .and_then(|i| r[i].as_i64())
                    .is_some_and(|id| session_ids.contains(&id))
            });
        }
        Ok(dump)
    }

    /// Restore a dump in one transaction: card states and pack settings replace the ones
    /// stored; sessions, answers and exams are added (with new row ids), and the ones already
    /// present are skipped (a session of the same kind and start, an answer of the same item
    /// and time, an exam of the same pack and start), so restoring twice changes nothing.
    pub fn restore_progress(&mut self, dump: &ProgressDump) -> Result<RestoreSummary, StoreError> {
        let path = self.path().to_path_buf();
        let invalid = |detail: String| StoreError::InvalidData {
            path: path.clone(),
            detail,
        };
        if dump.schema_version > super::SCHEMA_VERSION {
            return Err(invalid(format!(
                "the progress was exported by a newer deckhand (schema {}, this one knows {})",
                dump.schema_version,
                super::SCHEMA_VERSION
            )));
        }
        // Check every table against this database first: nothing is written on a mismatch.
        let mut plans = Vec::new();
        for table in DUMP_TABLES {
            let Some(t) = dump.tables.get(table) else {
                continue;
            };
            let known: Vec<String> = self
                .conn()
                .prepare(&format!("SELECT * FROM {table} LIMIT 0"))
                .map_err(|e| self.err(e))?
                .column_names()
                .map(str::to_string)
                .collect();
            if let Some(bad) = t.columns.iter().find(|c| !known.contains(c)) {
                return Err(invalid(format!("table {table} has no column `{bad}`")));
            }
            let mut rows = Vec::with_capacity(t.rows.len());
            for (i, row) in t.rows.iter().enumerate() {
                if row.len() != t.columns.len() {
                    return Err(invalid(format!(
                        "{table} row {}: {} values for {} columns",
                        i + 1,
                        row.len(),
                        t.columns.len()
                    )));
                }
                let values: Vec<Value> = row
                    .iter()
                    .map(from_json)
                    .collect::<Option<_>>()
                    .ok_or_else(|| {
                        invalid(format!(
                            "{table} row {}: a value is not a number, text or null",
                            i + 1
                        ))
                    })?;
                rows.push(values);
            }
            plans.push((table, t.columns.clone(), rows));
        }
        self.write(|tx| {
            let mut summary = RestoreSummary::default();
            let mut session_map = std::collections::HashMap::new();
            let mut exam_map = std::collections::HashMap::new();
            for (table, columns, rows) in &plans {
                let id_at = columns.iter().position(|c| c == "id");
                let session_at = columns.iter().position(|c| c == "session_id");
                let exam_at = columns.iter().position(|c| c == "exam_id");
                // Row ids are this database's business: new ones for added rows.
                let kept: Vec<usize> = (0..columns.len()).filter(|&i| Some(i) != id_at).collect();
                let names: Vec<&str> = kept.iter().map(|&i| columns[i].as_str()).collect();
                let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
                let verb = if id_at.is_some() {
                    "INSERT"
                } else {
                    "INSERT OR REPLACE"
                };
                let sql = format!("{verb} INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "));
                let old_id = |row: &[Value]| match id_at.map(|i| &row[i]) {
                    Some(Value::Integer(old)) => Some(*old),
                    _ => None,
                };
                for row in rows {
                    let find = |name: &str| columns.iter().position(|c| c == name).map(|i| row[i].clone());
                    if *table == "review_log" {
                        let exists: bool = tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM review_log WHERE pack = ?1 AND item = ?2 AND reviewed_ms = ?3)",
                            params![find("pack"), find("item"), find("reviewed_ms")],
                            |r| r.get(0),
                        )?;
                        if exists {
                            summary.duplicates += 1;
                            continue;
                        }
                    }
                    // The same session (kind and start) or exam (pack and start) restored
                    // again: the answers, exams and questions that name it go to the one here.
                    let same = match *table {
                        "sessions" => Some(("kind", &mut session_map)),
                        "exams" => Some(("pack", &mut exam_map)),
                        _ => None,
                    };
                    if let Some((key, map)) = same {
                        let here: Option<i64> = tx
                            .query_row(
                                &format!("SELECT id FROM {table} WHERE {key} = ?1 AND started_ms = ?2"),
                                params![find(key), find("started_ms")],
                                |r| r.get(0),
                            )
                            .optional()?;
                        if let (Some(here), Some(old)) = (here, old_id(row)) {
                            map.insert(old, here);
                            continue;
                        }
                    }
                    // References to rows that got new ids follow them.
                    let mut row = row.clone();
                    for (at, map) in [(session_at, &session_map), (exam_at, &exam_map)] {
                        if let Some(i) = at {
                            row[i] = match &row[i] {
                                Value::Integer(old) => map.get(old).map_or(Value::Null, |n| Value::Integer(*n)),
                                _ => Value::Null,
                            };
                        }
                    }
                    if exam_at.is_some_and(|i| row[i] == Value::Null) {
                        // A question of an exam the dump does not hold.
                        continue;
                    }
                    let values: Vec<Value> = kept.iter().map(|&i| row[i].clone()).collect();
                    tx.execute(&sql, params_from_iter(values))?;
                    match *table {
                        "sessions" => {
                            if let Some(old) = old_id(&row) {
                                session_map.insert(old, tx.last_insert_rowid());
                            }
                            summary.sessions += 1;
                        }
                        "exams" => {
                            if let Some(old) = old_id(&row) {
                                exam_map.insert(old, tx.last_insert_rowid());
                            }
                            summary.exams += 1;
                        }
                        "card_state" => summary.card_states += 1,
                        "review_log" => summary.reviews += 1,
                        "pack_settings" => summary.pack_settings += 1,
                        "exam_plans" => summary.exam_plans += 1,
                        _ => {}
                    }
                }
            }
            Ok(summary)
        })
    }

    /// Replay each item's answers (time, grade, time taken) through `settings`' scheduler and
    /// store the resulting states and log rows, in one transaction; suspended items arrive
    /// suspended, buried ones buried until `buried_until` (answered or not). Items that already
    /// have answers in this database are left alone (their count is returned second).
    pub fn import_reviews(
        &mut self,
        settings: &PackSettings,
        items: &[ItemAnswers],
        buried_until: DateTime<Utc>,
    ) -> Result<(usize, usize), StoreError> {
        let mut skipped = 0;
        let mut todo = Vec::new();
        for item in items {
            let ItemAnswers {
                key, kind, answers, ..
            } = item;
            let seen: bool = self
                .conn()
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM review_log WHERE pack = ?1 AND item = ?2)",
                    params![key.pack, key.item],
                    |r| r.get(0),
                )
                .map_err(|e| self.err(e))?;
            if seen {
                skipped += 1;
                continue;
            }
            let mut answers = answers.clone();
            answers.sort_by_key(|a| a.0);
            let mut progress = ItemProgress::default();
            let mut graded = Vec::new();
            for (at, rating, answer_ms) in answers {
                let kind_now = queue_kind(progress.card.state);
                let g = grade_progress(settings, key, progress, rating, at, kind_now);
                progress = g.after.clone();
                graded.push((
                    g,
                    AnswerMeta {
                        kind: *kind,
                        correct: None,
                        answer_ms,
                    },
                ));
            }
            progress.suspended = item.suspended;
            if item.buried {
                progress.buried_until = Some(buried_until);
            }
            if !graded.is_empty() || item.suspended || item.buried {
                todo.push((key.clone(), progress, graded));
            }
        }
        let imported = self.write(|tx| {
            for (key, last, graded) in &todo {
                for (g, meta) in graded {
                    insert_log(tx, g, meta, None)?;
                }
                write_progress(tx, key, last)?;
            }
            Ok(todo.len())
        })?;
        Ok((imported, skipped))
    }
}
