//! The review log and what is read from it: the optimiser's input, one item's history,
//! today's figures, the streak, and the session rows.

use chrono::{DateTime, Utc};

use super::study::{SessionKind, SessionSummary, SessionTally};
use super::{Store, StoreError, from_ms, to_ms};
use crate::srs::queue::{DayClock, ItemKey};
use crate::srs::{Rating, State};
use rusqlite::params;

/// Today's figures for the home screen.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TodayStats {
    /// Answers given today (review sessions).
    pub answers: u32,
    /// Distinct items answered today.
    pub items: u32,
    /// Right answers today (the right/wrong flag, or Hard or better when self-graded).
    pub right: u32,
    /// `right / answers`; `None` before the first answer.
    pub retention: Option<f64>,
}

/// One row of the review log.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedAnswer {
    /// Row id.
    pub id: i64,
    /// The item.
    pub key: ItemKey,
    /// When.
    pub at: DateTime<Utc>,
    /// The grade.
    pub rating: Rating,
    /// Time taken, ms.
    pub answer_ms: u32,
    /// Card kind label.
    pub kind: String,
    /// Right/wrong flag.
    pub correct: Option<bool>,
    /// The review session it belongs to.
    pub session_id: Option<i64>,
    /// State before the answer.
    pub state_before: State,
}

impl Store {
    /// The most recent `limit` sessions, newest first.
    pub fn sessions(&self, limit: i64) -> Result<Vec<SessionSummary>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, kind, started_ms, ended_ms, answered, correct, wrong, new_seen \
                 FROM sessions ORDER BY started_ms DESC, id DESC LIMIT ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    SessionTally {
                        answered: r.get(4)?,
                        correct: r.get(5)?,
                        wrong: r.get(6)?,
                        new_seen: r.get(7)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, started, ended, tally) = row.map_err(|e| self.err(e))?;
            let kind = SessionKind::from_label(&kind)
                .ok_or_else(|| self.invalid(format!("session kind {kind}")))?;
            out.push(SessionSummary {
                id,
                kind,
                started: from_ms(started),
                ended: ended.map(from_ms),
                tally,
            });
        }
        Ok(out)
    }

    /// Today's answers, distinct items and retention.
    pub fn today(&self, now: DateTime<Utc>, clock: DayClock) -> Result<TodayStats, StoreError> {
        let (answers, items, right): (u32, u32, u32) = self
            .conn()
            .query_row(
                "SELECT COUNT(*), COUNT(DISTINCT pack || char(31) || item), \
                 COALESCE(SUM(COALESCE(correct, rating > 1)), 0) \
                 FROM review_log WHERE reviewed_ms >= ?1 AND reviewed_ms < ?2",
                params![to_ms(clock.day_start(now)), to_ms(clock.day_end(now))],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.err(e))?;
        Ok(TodayStats {
            answers,
            items,
            right,
            retention: (answers > 0).then(|| f64::from(right) / f64::from(answers)),
        })
    }

    /// Consecutive study days with at least one answer, ending today (or yesterday, when
    /// nothing was answered yet today).
    pub fn streak(&self, now: DateTime<Utc>, clock: DayClock) -> Result<u32, StoreError> {
        let today = clock.day_number(now);
        match self.streak_ending(today, clock)? {
            0 => self.streak_ending(today - 1, clock),
            n => Ok(n),
        }
    }

    /// Consecutive study days with at least one answer, ending with study day `day` (0 when
    /// nothing was answered that day).
    pub fn streak_ending(&self, day: i64, clock: DayClock) -> Result<u32, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM review_log WHERE reviewed_ms >= ?1 AND reviewed_ms < ?2)",
            )
            .map_err(|e| self.err(e))?;
        let mut any_on = |day: i64| -> Result<bool, StoreError> {
            let (a, b) = (clock.day_start_of(day), clock.day_start_of(day + 1));
            stmt.query_row([to_ms(a), to_ms(b)], |r| r.get(0))
                .map_err(|e| super::classify(&self.path, e))
        };
        let mut day = day;
        let mut streak = 0;
        while any_on(day)? {
            streak += 1;
            day -= 1;
        }
        Ok(streak)
    }

    /// The newest row of the review log, and the earliest answer among the rows added after
    /// row `since` (whether history before some day changed since then).
    pub fn log_added_since(&self, since: i64) -> Result<(i64, Option<DateTime<Utc>>), StoreError> {
        // Walk the rows by id (few: those added since the last look), not by time.
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, reviewed_ms FROM review_log WHERE id > ?1 ORDER BY id")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([since]).map_err(|e| self.err(e))?;
        let (mut newest, mut earliest) = (since, None::<i64>);
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let (id, at): (i64, i64) = (
                r.get(0).map_err(|e| self.err(e))?,
                r.get(1).map_err(|e| self.err(e))?,
            );
            newest = id;
            earliest = Some(earliest.map_or(at, |e| e.min(at)));
        }
        Ok((newest, earliest.map(from_ms)))
    }

    /// The newest row of the review log (0 when empty).
    pub fn newest_log_row(&self) -> Result<i64, StoreError> {
        self.conn()
            .query_row(
                "SELECT COALESCE((SELECT MAX(id) FROM review_log), 0)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The review log (of one pack, or all), ordered by pack, item and time: the optimiser's
    /// input.
    pub fn review_log(&self, pack: Option<&str>) -> Result<Vec<LoggedAnswer>, StoreError> {
        self.read_log("?1 IS NULL OR pack = ?1", rusqlite::params![pack])
    }

    /// The answers to one item, oldest first.
    pub fn item_history(&self, key: &ItemKey) -> Result<Vec<LoggedAnswer>, StoreError> {
        self.read_log(
            "pack = ?1 AND item = ?2",
            rusqlite::params![key.pack, key.item],
        )
    }

    fn read_log(
        &self,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<LoggedAnswer>, StoreError> {
        let sql = format!(
            "SELECT id, pack, item, reviewed_ms, rating, answer_ms, kind, correct, session_id, \
             b_state FROM review_log WHERE {filter} ORDER BY pack, item, reviewed_ms, id"
        );
        let mut stmt = self.conn().prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    ItemKey::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                    r.get::<_, i64>(3)?,
                    r.get::<_, u8>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<bool>>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                    r.get::<_, u8>(9)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, key, at, rating, answer_ms, kind, correct, session_id, before) =
                row.map_err(|e| self.err(e))?;
            out.push(LoggedAnswer {
                id,
                key,
                at: from_ms(at),
                rating: Rating::from_number(rating)
                    .ok_or_else(|| self.invalid(format!("rating {rating}")))?,
                answer_ms,
                kind,
                correct,
                session_id,
                state_before: State::from_code(before)
                    .ok_or_else(|| self.invalid(format!("state {before}")))?,
            });
        }
        Ok(out)
    }

    /// Number of rows in the review log.
    pub fn review_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM review_log", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
