//! What a finished session did, for the summary screen.

use chrono::{DateTime, TimeDelta, Utc};

use super::attempt::Attempt;
use super::catalog::ItemRef;
use super::session::Kind;

/// The end of a session.
#[derive(Debug, Clone)]
pub struct Summary {
    /// What was studied (a pack, a topic, marked rows).
    pub label: String,
    pub kind: Kind,
    pub answered: u32,
    pub right: u32,
    /// New cards seen (review sessions).
    pub new_seen: u32,
    pub duration: TimeDelta,
    /// The next card due in what was studied.
    pub next_due: Option<DateTime<Utc>>,
    /// Cards (or questions) still left when the session was ended; 0 when it ran out.
    pub left: u32,
    /// Quizzes: the questions missed (for "retry the ones I missed").
    pub missed: Option<Vec<ItemRef>>,
    /// Quizzes: every question answered, as shown and as answered, in order.
    pub answers: Vec<Attempt>,
}

impl Summary {
    /// Whether the session was ended before it ran out.
    pub fn ended_early(&self) -> bool {
        self.left > 0
    }

    /// Questions (or cards) in all: those answered and those left.
    pub fn total(&self) -> u32 {
        self.answered + self.left
    }

    /// Right answers in percent, if any were given.
    pub fn right_percent(&self) -> Option<f64> {
        (self.answered > 0).then(|| f64::from(self.right) * 100.0 / f64::from(self.answered))
    }
}
