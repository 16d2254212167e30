//! Replaying an item's answers under a scheduler: the state the same answers would have
//! given with its parameters. `deckhand optimize` uses it after a fit, so cards answered under
//! the old parameters get the stability and difficulty the new ones give them.

use chrono::{DateTime, Utc};

use super::{CardState, Rating, Scheduler, State};

/// One answer of an item's log, as the replay needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoggedGrade {
    /// When it was given.
    pub at: DateTime<Utc>,
    /// The grade.
    pub rating: Rating,
    /// The item's state before it (New after a reset to new: the replay starts over there).
    pub before: State,
}

/// The card state after `answers` (oldest first) under `scheduler`, or `None` without any.
/// An answer logged on a New card starts from a new card again: the item was reset to new
/// in between (its history is kept), and what came before no longer counts.
pub fn replay(scheduler: &Scheduler, answers: &[LoggedGrade]) -> Option<CardState> {
    let mut card: Option<CardState> = None;
    for a in answers {
        let from = match card {
            Some(c) if a.before != State::New => c,
            _ => CardState::new(),
        };
        card = Some(scheduler.review(&from, a.rating, a.at));
    }
    card
}

/// `stored` with the stability and difficulty that `answers` (the item's whole log, oldest
/// first) give under `scheduler`; with `reschedule`, its due date too (as the answers would
/// have set it). The life-cycle state, the counts and everything else stay. `None` when the
/// log does not lead to `stored` (its last answer is not the log's last, say progress carried
/// over without its log) or there is no memory to recompute.
pub fn restate(
    scheduler: &Scheduler,
    stored: &CardState,
    answers: &[LoggedGrade],
    reschedule: bool,
) -> Option<CardState> {
    let replayed = replay(scheduler, answers)?;
    if stored.memory.is_none() || replayed.last_review != stored.last_review {
        return None;
    }
    let mut card = stored.clone();
    card.memory = replayed.memory;
    if reschedule && replayed.state == stored.state {
        card.due = replayed.due;
    }
    Some(card)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone};

    use super::*;
    use crate::srs::{Fuzz, Parameters, SchedulerConfig};

    fn scheduler(w: Parameters) -> Scheduler {
        Scheduler::new(SchedulerConfig {
            parameters: w,
            fuzz: Fuzz::Seeded(3),
            ..SchedulerConfig::default()
        })
        .expect("valid")
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("valid")
    }

    fn answers(start: DateTime<Utc>, grades: &[(i64, Rating)], s: &Scheduler) -> Vec<LoggedGrade> {
        let mut card = CardState::new();
        grades
            .iter()
            .map(|(minutes, rating)| {
                let at = start + TimeDelta::minutes(*minutes);
                let g = LoggedGrade {
                    at,
                    rating: *rating,
                    before: card.state,
                };
                card = s.review(&card, *rating, at);
                g
            })
            .collect()
    }

    #[test]
    fn replay_gives_what_answering_gave_and_starts_over_after_a_reset() {
        let start = t0();
        let old = scheduler(Parameters::default());
        let grades = [
            (0, Rating::Good),
            (10, Rating::Good),
            (3 * 1440, Rating::Again),
            (3 * 1440 + 10, Rating::Good),
            (9 * 1440, Rating::Easy),
        ];
        let log = answers(start, &grades, &old);
        let mut card = CardState::new();
        for g in &log {
            card = old.review(&card, g.rating, g.at);
        }
        assert_eq!(replay(&old, &log), Some(card.clone()));
        assert_eq!(replay(&old, &[]), None);
        // Other parameters: the same answers, another memory.
        let mut w = *Parameters::default().weights();
        w[0] *= 3.0;
        w[2] *= 3.0;
        let new = scheduler(Parameters::new(&w).expect("valid"));
        let again = replay(&new, &log).expect("card");
        let (a, b) = (card.memory.expect("m"), again.memory.expect("m"));
        assert!(b.stability > a.stability * 1.2, "{a:?} -> {b:?}");
        assert_eq!((again.reps, again.lapses), (card.reps, card.lapses));
        // Reset to new after the third answer: only the answers after it count.
        let mut reset = log.clone();
        reset[3].before = State::New;
        let fresh = replay(&old, &reset).expect("card");
        assert_eq!(fresh.reps, 2);
        assert_eq!(fresh.lapses, 0);
    }

    #[test]
    fn restate_changes_the_memory_keeps_the_due_date_unless_asked() {
        let start = t0();
        let old = scheduler(Parameters::default());
        let grades = [
            (0, Rating::Good),
            (10, Rating::Good),
            (4 * 1440, Rating::Good),
        ];
        let log = answers(start, &grades, &old);
        let stored = replay(&old, &log).expect("card");
        assert_eq!(restate(&old, &stored, &log, true), Some(stored.clone()));
        let mut w = *Parameters::default().weights();
        w[8] *= 0.5;
        let new = scheduler(Parameters::new(&w).expect("valid"));
        let kept = restate(&new, &stored, &log, false).expect("restated");
        assert_ne!(kept.memory, stored.memory);
        assert_eq!(
            (kept.due, kept.state, kept.reps),
            (stored.due, stored.state, stored.reps)
        );
        let moved = restate(&new, &stored, &log, true).expect("restated");
        assert_eq!(moved.memory, kept.memory);
        assert!(
            moved.due < stored.due,
            "{:?} -> {:?}",
            stored.due,
            moved.due
        );
        // A state that is not where its log leads is left alone.
        assert_eq!(restate(&new, &stored, &log[..2], false), None);
        assert_eq!(restate(&new, &CardState::new(), &log, false), None);
    }
}
