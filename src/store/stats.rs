//! What the statistics read: the review log summed per study day, today's distinct items,
//! and the memory state of every card.
//!
//! The log is not read row by row: migration 4 keeps `log_buckets`, the log summed per pack
//! and quarter hour (UTC), current with triggers on every insert, delete and update of
//! `review_log` (answers, undo, imports, moved rows alike). Quarter hours, because every time
//! zone's offset is a multiple of 15 minutes, so any day start and UTC offset groups the
//! buckets into study days exactly. What one answer adds (the `review_log_facts` view):
//! `answers` 1; `new`, `learning`, `review` by the state before it; `right` by the right/wrong
//! flag, else a grade above Again; `answer_ms` capped at [`MAX_COUNTED_ANSWER_MS`]; and, for
//! a card in the Review state that was due by then (its due time less than a day after the
//! answer, so reviews ahead do not count), passed (above Again) or failed, young when its
//! scheduled interval was under [`MATURE_DAYS`], mature otherwise.

use chrono::{DateTime, Utc};
use rusqlite::params;
use rusqlite::types::Type;

use super::{Store, StoreError, from_ms, to_ms};
use crate::srs::State;
use crate::srs::queue::DayClock;

/// The longest one answer counts towards study time (an answer left on screen during a
/// break is not an hour of study), in milliseconds.
pub const MAX_COUNTED_ANSWER_MS: i64 = 5 * 60 * 1000;

/// A review counts as young below this scheduled interval, mature from it (as Anki).
pub const MATURE_DAYS: i64 = 21;

/// The review log of one study day, summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LogDay {
    /// The study-day number ([`DayClock::day_number`]).
    pub day: i64,
    pub answers: u32,
    /// Answers to new cards (their first), to learning or relearning cards, to review cards.
    pub new: u32,
    pub learning: u32,
    pub review: u32,
    /// Answers known to be right (the right/wrong flag, else a grade above Again).
    pub right: u32,
    /// Time spent, each answer counted up to [`MAX_COUNTED_ANSWER_MS`].
    pub answer_ms: u64,
    /// Reviews of cards that were due (by the end of that day), passed or failed (Again),
    /// by the interval they were scheduled with: young under [`MATURE_DAYS`], mature from it.
    pub young_pass: u32,
    pub young_fail: u32,
    pub mature_pass: u32,
    pub mature_fail: u32,
}

/// One card's stored state, as the statistics need it (borrowed from the row being read).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardRow<'a> {
    pub pack: &'a str,
    pub item: &'a str,
    pub state: State,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
    pub due: Option<DateTime<Utc>>,
    pub last_review: Option<DateTime<Utc>>,
    pub lapses: u32,
    pub suspended: bool,
    pub leech: bool,
}

impl Store {
    /// The review log (of one pack, or all) summed per study day, oldest first; days without
    /// answers are left out.
    pub fn log_days(&self, pack: Option<&str>, clock: DayClock) -> Result<Vec<LogDay>, StoreError> {
        // Buckets are whole quarter hours and days start on one, so each bucket falls in
        // exactly one study day; SQLite sums them per day.
        let shift = to_ms(clock.day_start_of(0));
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT (bucket * 900000 - ?2) / 86400000 AS day, SUM(answers), SUM(new), \
                 SUM(learning), SUM(review), SUM(right), SUM(answer_ms), SUM(young_pass), \
                 SUM(young_fail), SUM(mature_pass), SUM(mature_fail) FROM log_buckets \
                 WHERE ?1 IS NULL OR pack = ?1 GROUP BY day HAVING SUM(answers) > 0 \
                 ORDER BY day",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![pack, shift], |r| {
                let n = |i: usize| -> rusqlite::Result<u32> {
                    Ok(r.get::<_, i64>(i)?.clamp(0, i64::from(u32::MAX)) as u32)
                };
                Ok(LogDay {
                    day: r.get(0)?,
                    answers: n(1)?,
                    new: n(2)?,
                    learning: n(3)?,
                    review: n(4)?,
                    right: n(5)?,
                    answer_ms: u64::try_from(r.get::<_, i64>(6)?).unwrap_or(0),
                    young_pass: n(7)?,
                    young_fail: n(8)?,
                    mature_pass: n(9)?,
                    mature_fail: n(10)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.map(|r| r.map_err(|e| self.err(e))).collect()
    }

    /// Distinct items answered from `from` (inclusive) to `to` (exclusive), of one pack or all.
    pub fn items_answered(
        &self,
        pack: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<u32, StoreError> {
        self.conn()
            .query_row(
                "SELECT COUNT(DISTINCT pack || char(31) || item) FROM review_log \
                 WHERE reviewed_ms >= ?2 AND reviewed_ms < ?3 AND (?1 IS NULL OR pack = ?1)",
                params![pack, to_ms(from), to_ms(to)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Visit the stored state of every card (of one pack, or all), in no particular order,
    /// without copying the rows (50,000 cards are read in one pass).
    pub fn for_each_card(
        &self,
        pack: Option<&str>,
        mut visit: impl FnMut(CardRow<'_>),
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT pack, item, state, stability, difficulty, due_ms, last_review_ms, \
                 lapses, suspended, leech FROM card_state WHERE ?1 IS NULL OR pack = ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([pack]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let row = read_card(r).map_err(|e| self.err(e))?;
            match row {
                Ok(row) => visit(row),
                Err(code) => {
                    return Err(StoreError::InvalidData {
                        path: self.path().to_path_buf(),
                        detail: format!("unknown card state {code}"),
                    });
                }
            }
        }
        Ok(())
    }
}

fn read_card<'r>(r: &'r rusqlite::Row<'_>) -> rusqlite::Result<Result<CardRow<'r>, i64>> {
    let text = |i: usize| -> rusqlite::Result<&'r str> {
        r.get_ref(i)?
            .as_str()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
    };
    let code: i64 = r.get(2)?;
    let Some(state) = u8::try_from(code).ok().and_then(State::from_code) else {
        return Ok(Err(code));
    };
    Ok(Ok(CardRow {
        pack: text(0)?,
        item: text(1)?,
        state,
        stability: r.get(3)?,
        difficulty: r.get(4)?,
        due: r.get::<_, Option<i64>>(5)?.map(from_ms),
        last_review: r.get::<_, Option<i64>>(6)?.map(from_ms),
        lapses: r.get(7)?,
        suspended: r.get(8)?,
        leech: r.get(9)?,
    }))
}
