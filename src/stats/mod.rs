//! Statistics over the review log and the card states: today, reviews per day for the last
//! year (the 30- and 90-day views and the calendar heatmap are its tail), a forecast of the
//! reviews due in the next 30 days, true retention of young and mature cards, mastery per
//! topic, the streak, study time, leeches, the mock exam score trend, and the stability and
//! difficulty distributions.
//!
//! Everything is computed here, without terminal types; the TUI draws it and
//! `deckhand stats --json` prints it. The JSON form is [`Stats`] serialised as it is: its
//! field names are a stable interface (documented in README.md), versioned by
//! [`Stats::version`].
//!
//! Definitions:
//! - a *day* is a study day (it starts at the configured hour, local time);
//! - *right* is the right/wrong flag of an answer, else a grade above Again;
//! - *true retention* counts reviews of cards in the Review state that were due by the end
//!   of the day they were answered (reviews ahead and exam answers before the due date do
//!   not count), passed when graded above Again; *young* cards were scheduled with an
//!   interval under 21 days, *mature* ones 21 days or more (as Anki);
//! - a card is *new* until its first answer, *learning* in the learning or relearning steps,
//!   *known* once it graduated to the Review state; suspended cards are counted apart;
//! - *retrievability* is FSRS-6's probability of recall, from each card's stability and the
//!   time since its last answer (fractional days), with the pack's parameters; the means are
//!   over the cards studied at least once and not suspended.

mod build;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use build::compute;

/// The version of the JSON form; raised only when a field changes meaning or goes away.
pub const STATS_VERSION: u32 = 1;
/// Days of history in [`Stats::days`].
pub const HISTORY_DAYS: usize = 365;
/// Days ahead in [`Stats::forecast`].
pub const FORECAST_DAYS: usize = 30;
/// Most leeches listed (all are counted).
pub const LEECHES_LISTED: usize = 20;

/// Every figure, for one pack or for all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// [`STATS_VERSION`].
    pub version: u32,
    /// When it was computed (RFC 3339, UTC).
    pub generated: String,
    /// The pack it covers, `null` for every pack.
    pub pack: Option<String>,
    pub today: Today,
    /// The last [`HISTORY_DAYS`] study days, oldest first, today last (days without answers
    /// included, as zeros).
    pub days: Vec<Day>,
    /// The next [`FORECAST_DAYS`] days, today first (today includes what is overdue).
    pub forecast: Vec<Forecast>,
    pub retention: Retention,
    pub cards: CardCounts,
    /// Per topic, in pack order.
    pub topics: Vec<TopicMastery>,
    pub streak: Streak,
    pub total: Totals,
    /// The leeches with the most lapses first (at most [`LEECHES_LISTED`]).
    pub leeches: Vec<Leech>,
    /// Finished mock exams, oldest first.
    pub exams: Vec<ExamPoint>,
    /// Stability of the studied cards, in days.
    pub stability: Vec<Bucket>,
    /// Difficulty of the studied cards, 1 to 10.
    pub difficulty: Vec<Bucket>,
}

/// Today's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    /// The study day, `YYYY-MM-DD`.
    pub date: String,
    /// Distinct cards answered.
    pub cards: u32,
    pub answers: u32,
    pub right: u32,
    /// `right / answers`; `null` before the first answer.
    pub right_share: Option<f64>,
    pub minutes: f64,
}

/// One study day of the log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub date: String,
    pub answers: u32,
    /// Answers to new cards, to cards in (re)learning steps, to review cards.
    pub new: u32,
    pub learning: u32,
    pub review: u32,
    pub right: u32,
    pub minutes: f64,
}

/// Reviews due on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub date: String,
    pub due: u32,
}

/// Passed and failed reviews of due cards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rate {
    pub passed: u32,
    pub failed: u32,
    /// `passed / (passed + failed)`; `null` without reviews.
    pub share: Option<f64>,
}

impl Rate {
    fn new(passed: u32, failed: u32) -> Rate {
        let n = passed + failed;
        Rate {
            passed,
            failed,
            share: (n > 0).then(|| f64::from(passed) / f64::from(n)),
        }
    }
}

/// True retention over one window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Window {
    pub young: Rate,
    pub mature: Rate,
    pub all: Rate,
}

/// True retention over the last 7, 30 and 365 days (today included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Retention {
    pub days_7: Window,
    pub days_30: Window,
    pub days_365: Window,
}

/// Cards by state (every study item of the packs in scope).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct CardCounts {
    pub total: u32,
    pub new: u32,
    pub learning: u32,
    pub known: u32,
    pub suspended: u32,
    pub leeches: u32,
}

/// Mastery of one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicMastery {
    pub pack: String,
    pub topic: String,
    pub title: String,
    pub cards: u32,
    pub new: u32,
    pub learning: u32,
    pub known: u32,
    pub suspended: u32,
    /// Mean retrievability now; `null` before any card was studied.
    pub recall_now: Option<f64>,
    /// Mean retrievability on the exam day, when the pack has an exam date.
    pub recall_at_exam: Option<f64>,
    /// The pack's exam date, `YYYY-MM-DD`.
    pub exam_date: Option<String>,
}

/// Consecutive study days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Streak {
    /// Ending today (or yesterday, when nothing was answered yet today).
    pub current: u32,
    pub longest: u32,
}

/// All-time figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Totals {
    pub answers: u64,
    pub minutes: f64,
    pub days_studied: u32,
}

/// A card that lapsed too often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leech {
    pub pack: String,
    pub item: String,
    pub lapses: u32,
    pub suspended: bool,
}

/// One finished mock exam.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExamPoint {
    /// The day it was submitted, `YYYY-MM-DD`.
    pub date: String,
    pub pack: String,
    pub profile: String,
    pub title: String,
    pub score: u32,
    pub pass_mark: u32,
    pub passed: bool,
    pub right: u32,
    pub total: u32,
}

/// A bar of a distribution: cards with a value from `from` up to (not including) `to`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bucket {
    pub from: f64,
    /// `null` for the last, open-ended bar.
    pub to: Option<f64>,
    pub count: u32,
}

/// The edges of the stability bars, in days.
pub const STABILITY_EDGES: [f64; 10] = [0.0, 1.0, 3.0, 7.0, 14.0, 30.0, 60.0, 120.0, 365.0, 1000.0];
/// The edges of the difficulty bars.
pub const DIFFICULTY_EDGES: [f64; 9] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];

impl Stats {
    /// The last `n` days of [`Stats::days`] (for the 30- and 90-day charts).
    pub fn last_days(&self, n: usize) -> &[Day] {
        &self.days[self.days.len().saturating_sub(n)..]
    }
}
