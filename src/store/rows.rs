//! How an item's progress and a review-log row are laid out in SQL: reading and writing the
//! state columns, comparing a state with what is stored, inserting log rows, bumping session
//! counts.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

use super::study::AnswerMeta;
use super::{from_ms, to_ms};
use crate::srs::queue::{Graded, ItemKey, ItemProgress, QueueKind};
use crate::srs::{CardState, Memory, State};

/// The 11 state columns, in the order [`read_progress`] and [`state_values`] use.
pub(crate) const STATE_COLUMNS: &str = "state, step, stability, difficulty, due_ms, \
                                        last_review_ms, reps, lapses, suspended, leech, \
                                        buried_until_ms";

/// A stored value that makes no sense, as a SQLite conversion error (it becomes
/// [`super::StoreError::InvalidData`]).
pub(crate) fn invalid_value(detail: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Null, detail.into())
}

/// Reads the 11 state columns starting at `at`.
pub(crate) fn read_progress(r: &Row<'_>, at: usize) -> rusqlite::Result<ItemProgress> {
    let code: u8 = r.get(at)?;
    let step: Option<u32> = r.get(at + 1)?;
    let stability: Option<f64> = r.get(at + 2)?;
    let difficulty: Option<f64> = r.get(at + 3)?;
    let due: Option<i64> = r.get(at + 4)?;
    let last: Option<i64> = r.get(at + 5)?;
    let reps: u32 = r.get(at + 6)?;
    let lapses: u32 = r.get(at + 7)?;
    let suspended: bool = r.get(at + 8)?;
    let leech: bool = r.get(at + 9)?;
    let buried: Option<i64> = r.get(at + 10)?;
    let Some(state) = State::from_code(code) else {
        return Err(invalid_value(format!("unknown card state {code}")));
    };
    let memory = match (stability, difficulty) {
        (Some(stability), Some(difficulty)) if stability > 0.0 && stability.is_finite() => {
            Some(Memory {
                stability,
                difficulty,
            })
        }
        (None, None) => None,
        _ => {
            return Err(invalid_value(
                "stability and difficulty are inconsistent".into(),
            ));
        }
    };
    Ok(ItemProgress {
        card: CardState {
            state,
            step,
            memory,
            due: due.map(from_ms),
            last_review: last.map(from_ms),
            reps,
            lapses,
        },
        suspended,
        leech,
        buried_until: buried.map(from_ms),
    })
}

/// The stored progress of `key` inside a transaction (`default` when there is no row).
pub(crate) fn stored_progress(
    tx: &Transaction<'_>,
    key: &ItemKey,
) -> rusqlite::Result<ItemProgress> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT {STATE_COLUMNS} FROM card_state WHERE pack = ?1 AND item = ?2"
    ))?;
    Ok(stmt
        .query_row(params![key.pack, key.item], |r| read_progress(r, 0))
        .optional()?
        .unwrap_or_default())
}

/// Whether two progress values are the same once stored (times are kept to the millisecond).
pub(crate) fn same_stored(a: &ItemProgress, b: &ItemProgress) -> bool {
    state_values(a) == state_values(b)
}

/// Store `p` for `key`; a progress equal to a new item's removes the row.
pub(crate) fn write_progress(
    tx: &Transaction<'_>,
    key: &ItemKey,
    p: &ItemProgress,
) -> rusqlite::Result<()> {
    if same_stored(p, &ItemProgress::default()) {
        tx.prepare_cached("DELETE FROM card_state WHERE pack = ?1 AND item = ?2")?
            .execute(params![key.pack, key.item])?;
        return Ok(());
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO card_state (pack, item, state, step, stability, difficulty, due_ms, \
         last_review_ms, reps, lapses, suspended, leech, buried_until_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
         ON CONFLICT (pack, item) DO UPDATE SET state = ?3, step = ?4, stability = ?5, \
         difficulty = ?6, due_ms = ?7, last_review_ms = ?8, reps = ?9, lapses = ?10, \
         suspended = ?11, leech = ?12, buried_until_ms = ?13",
    )?;
    let head = [Value::Text(key.pack.clone()), Value::Text(key.item.clone())];
    stmt.execute(params_from_iter(head.into_iter().chain(state_values(p))))?;
    Ok(())
}

/// Add the log row of an answer; returns its id.
pub(crate) fn insert_log(
    tx: &Transaction<'_>,
    g: &Graded,
    meta: &AnswerMeta,
    session: Option<i64>,
) -> rusqlite::Result<i64> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO review_log (pack, item, session_id, reviewed_ms, rating, answer_ms, kind, \
         correct, queue, \
         b_state, b_step, b_stability, b_difficulty, b_due_ms, b_last_review_ms, b_reps, \
         b_lapses, b_suspended, b_leech, b_buried_until_ms, \
         a_state, a_step, a_stability, a_difficulty, a_due_ms, a_last_review_ms, a_reps, \
         a_lapses, a_suspended, a_leech, a_buried_until_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, \
         ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, \
         ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
    )?;
    let queue = match g.kind {
        QueueKind::New => "new",
        QueueKind::Learning => "learning",
        QueueKind::Review => "review",
    };
    let head = [
        Value::Text(g.key.pack.clone()),
        Value::Text(g.key.item.clone()),
        session.map_or(Value::Null, Value::Integer),
        Value::Integer(to_ms(g.at)),
        Value::Integer(i64::from(g.rating.number())),
        Value::Integer(i64::from(meta.answer_ms)),
        Value::Text(meta.kind.label().to_owned()),
        meta.correct
            .map_or(Value::Null, |c| Value::Integer(i64::from(c))),
        Value::Text(queue.to_owned()),
    ];
    let values = head
        .into_iter()
        .chain(state_values(&g.before))
        .chain(state_values(&g.after));
    stmt.execute(params_from_iter(values))?;
    Ok(tx.last_insert_rowid())
}

/// The 11 state columns of `p`, in [`STATE_COLUMNS`] order.
pub(crate) fn state_values(p: &ItemProgress) -> [Value; 11] {
    let c = &p.card;
    let int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    let real = |v: Option<f64>| v.map_or(Value::Null, Value::Real);
    [
        Value::Integer(i64::from(c.state.code())),
        int(c.step.map(i64::from)),
        real(c.memory.map(|m| m.stability)),
        real(c.memory.map(|m| m.difficulty)),
        int(c.due.map(to_ms)),
        int(c.last_review.map(to_ms)),
        Value::Integer(i64::from(c.reps)),
        Value::Integer(i64::from(c.lapses)),
        Value::Integer(i64::from(p.suspended)),
        Value::Integer(i64::from(p.leech)),
        int(p.buried_until.map(to_ms)),
    ]
}

/// Add (`by` = 1) or take back (`by` = -1) one answer in a session's counts.
pub(crate) fn bump_session(
    tx: &Transaction<'_>,
    id: i64,
    right: bool,
    was_new: bool,
    by: i64,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE sessions SET answered = MAX(answered + ?2, 0), \
         correct = MAX(correct + ?3, 0), wrong = MAX(wrong + ?4, 0), \
         new_seen = MAX(new_seen + ?5, 0) WHERE id = ?1",
    )?;
    stmt.execute(params![
        id,
        by,
        if right { by } else { 0 },
        if right { 0 } else { by },
        if was_new { by } else { 0 },
    ])?;
    Ok(())
}
