//! A plan to the exam date: given the date, an optional daily time budget and a target
//! retention for a pack, can every card be learnt in time, how many new cards a day that
//! takes, how many minutes a day it will cost, and what share of the cards the learner is
//! predicted to recall on the exam day.
//!
//! The answers come from simulating the days up to the exam ([`simulate`]) with the pack's
//! own FSRS-6 scheduler (the same state machine the trainer uses, steps and fuzz included)
//! and a simulated learner who recalls a card with the model's retrievability. Each day:
//! due reviews first, then the day's new cards, then, in the last [`AHEAD_WINDOW_DAYS`]
//! days, *review-ahead*: cards whose retrievability at the exam would fall below the target
//! are reviewed early, lowest first, within the budget. The predicted recall is the mean
//! retrievability at the exam of every card that is not suspended (a card never learnt
//! counts as 0). Time per answer is the learner's own mean answer time (from the review
//! log), else [`DEFAULT_SECS_PER_ANSWER`].
//!
//! Pure but for [`PlanInput::read`], which gathers the input from the store; the caller
//! supplies the time.

mod input;
mod simulate;

use chrono::{DateTime, NaiveDate, Utc};

pub use simulate::{Policy, SimDay, SimOutcome, ahead_share, simulate, weakest_at};

use crate::srs::Parameters;
use crate::srs::queue::{DayClock, ItemProgress, PackSettings};

/// Answer time assumed before the learner has answered enough to measure theirs.
pub const DEFAULT_SECS_PER_ANSWER: f64 = 15.0;
/// Answers needed before the learner's own mean answer time is used.
pub const MIN_ANSWERS_FOR_PACE: u64 = 20;
/// The last days before the exam in which cards are reviewed ahead.
pub const AHEAD_WINDOW_DAYS: i64 = 7;
/// Hours into the exam date's study day at which the exam is taken (see [`exam_time`]).
pub const EXAM_HOUR: i64 = 5;
/// The target retention when the learner sets none.
pub const DEFAULT_TARGET: f64 = 0.9;

/// What the learner sets for a pack: the exam date and, optionally, a daily budget and a
/// target retention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanSettings {
    pub exam_date: NaiveDate,
    /// Minutes a day the learner can give (none: unlimited).
    pub minutes_per_day: Option<u32>,
    /// The share of cards to recall on the exam day (default [`DEFAULT_TARGET`]).
    pub target_retention: Option<f64>,
}

impl PlanSettings {
    /// Check the values: a budget of 1 to 1440 minutes, a target from 0.5 to 0.99.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(m) = self.minutes_per_day
            && !(1..=1440).contains(&m)
        {
            return Err(format!("minutes per day must be from 1 to 1440, got {m}"));
        }
        if let Some(t) = self.target_retention
            && !(0.5..=0.99).contains(&t)
        {
            return Err(format!(
                "target retention must be from 0.50 to 0.99, got {t}"
            ));
        }
        Ok(())
    }

    /// The target retention in effect.
    pub fn target(&self) -> f64 {
        self.target_retention.unwrap_or(DEFAULT_TARGET)
    }
}

/// How fast the learner answers.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Pace {
    pub secs_per_answer: f64,
    /// Measured from the learner's answers (else the default).
    pub measured: bool,
}

impl Pace {
    /// The pace from `answers` answers that took `total_ms` in all (each capped by the
    /// caller); the default until [`MIN_ANSWERS_FOR_PACE`] answers.
    pub fn from_log(answers: u64, total_ms: u64) -> Pace {
        if answers >= MIN_ANSWERS_FOR_PACE {
            Pace {
                secs_per_answer: total_ms as f64 / answers as f64 / 1000.0,
                measured: true,
            }
        } else {
            Pace {
                secs_per_answer: DEFAULT_SECS_PER_ANSWER,
                measured: false,
            }
        }
    }
}

/// Everything a plan is computed from.
#[derive(Debug, Clone)]
pub struct PlanInput {
    /// Every item of the pack with its stored progress (new items: the default).
    pub items: Vec<ItemProgress>,
    /// The key of each item (empty when the input was not read from a store).
    pub keys: Vec<crate::srs::queue::ItemKey>,
    pub settings: PackSettings,
    pub plan: PlanSettings,
    pub pace: Pace,
    pub now: DateTime<Utc>,
    pub clock: DayClock,
    pub seed: u64,
}

/// The plan, as the CLI prints it and Home summarises it (its JSON form is this struct as
/// it is; README.md documents it).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Plan {
    pub exam_date: NaiveDate,
    /// Study days left before the exam (0: the exam is today).
    pub days_left: i64,
    /// Cards in the plan (not suspended).
    pub cards: usize,
    /// Of which never studied.
    pub new_cards: usize,
    /// New cards a day to see every card before the exam.
    pub new_per_day: u32,
    pub minutes_per_day: Option<u32>,
    /// New cards a day the budget leaves room for (with a budget).
    pub budget_new_per_day: Option<u32>,
    pub target: f64,
    /// Predicted share recalled on the exam day, following the plan.
    pub predicted_recall: f64,
    /// Predicted share recalled on the exam day with no more study.
    pub recall_if_idle: f64,
    /// Expected minutes a day (mean over the days left), following the plan.
    pub expected_minutes: f64,
    /// The busiest day's minutes.
    pub peak_minutes: f64,
    /// Reviews ahead of their due date the plan schedules in the last days.
    pub review_ahead: u32,
    pub pace: Pace,
    /// Every day up to the exam.
    pub days: Vec<SimDay>,
    /// Whether every card is seen in time and the predicted recall reaches the target.
    pub on_track: bool,
}

impl Plan {
    /// Compute the plan.
    pub fn compute(input: &PlanInput) -> Plan {
        let today = input.clock.day_number(input.now);
        let exam_day = day_number_of(input.plan.exam_date);
        let days_left = (exam_day - today).max(0);
        let cards = input.items.iter().filter(|p| !p.suspended).count();
        let new_cards = input
            .items
            .iter()
            .filter(|p| !p.suspended && p.card.state == crate::srs::State::New)
            .count();
        let new_per_day = if new_cards == 0 {
            0
        } else if days_left == 0 {
            new_cards as u32
        } else {
            new_cards.div_ceil(days_left as usize) as u32
        };
        let follow = simulate(input, Policy::follow(new_per_day), input.seed);
        let idle = simulate(input, Policy::Idle, input.seed);
        let budget_new_per_day = input
            .plan
            .minutes_per_day
            .map(|_| budget_allows(input, new_per_day.max(1)));
        let all_seen = follow.new_left == 0;
        let target = input.plan.target();
        let n = follow.days.len().max(1) as f64;
        Plan {
            exam_date: input.plan.exam_date,
            days_left,
            cards,
            new_cards,
            new_per_day,
            minutes_per_day: input.plan.minutes_per_day,
            budget_new_per_day,
            target,
            predicted_recall: follow.recall_at_exam,
            recall_if_idle: idle.recall_at_exam,
            expected_minutes: follow.days.iter().map(|d| d.minutes).sum::<f64>() / n,
            peak_minutes: follow.days.iter().map(|d| d.minutes).fold(0.0, f64::max),
            review_ahead: follow.days.iter().map(|d| d.ahead).sum(),
            pace: input.pace,
            on_track: all_seen && follow.recall_at_exam + 1e-9 >= target,
            days: follow.days,
        }
    }

    /// The items to bring forward today so that they come due before the exam: in the last
    /// [`AHEAD_WINDOW_DAYS`] days, today's share of the cards whose retrievability at the
    /// exam would fall below the target (lowest first), as many as the budget leaves room
    /// for after today's due reviews. Indexes into `input.items`.
    pub fn ahead_today(input: &PlanInput, due_today: usize) -> Vec<usize> {
        let today = input.clock.day_number(input.now);
        let exam_day = day_number_of(input.plan.exam_date);
        let days_to_exam = exam_day - today;
        if days_to_exam <= 0 || days_to_exam > AHEAD_WINDOW_DAYS {
            return Vec::new();
        }
        let active: Vec<usize> = (0..input.items.len())
            .filter(|&i| !input.items[i].suspended)
            .collect();
        let cards: Vec<crate::srs::CardState> = active
            .iter()
            .map(|&i| input.items[i].card.clone())
            .collect();
        let exam_at = exam_time(input.clock, input.plan.exam_date);
        let mut share = ahead_share(
            &input.settings.scheduler,
            &cards,
            exam_at,
            input.plan.target(),
            days_to_exam,
        );
        if let Some(m) = input.plan.minutes_per_day {
            let room = (f64::from(m) * 60.0 / input.pace.secs_per_answer.max(0.1)) as usize;
            share.truncate(room.saturating_sub(due_today));
        }
        share.into_iter().map(|i| active[i]).collect()
    }

    /// The line Home shows: "exam in 23 days · on track: 18 new a day, predicted recall
    /// 91 %", or what is behind.
    pub fn summary(&self) -> String {
        let when = match self.days_left {
            0 => "exam today".to_string(),
            1 => "exam tomorrow".to_string(),
            n => format!("exam in {n} days"),
        };
        let recall = percent(self.predicted_recall);
        if self.on_track {
            if self.new_cards == 0 {
                return format!("{when} · on track: every card seen, predicted recall {recall}");
            }
            return format!(
                "{when} · on track: {} new a day, predicted recall {recall}",
                self.new_per_day
            );
        }
        match self.budget_new_per_day {
            Some(allowed) if allowed < self.new_per_day => format!(
                "{when} · behind: needs {} new a day (budget allows {allowed})",
                self.new_per_day
            ),
            _ if self.days_left == 0 && self.new_cards > 0 => format!(
                "{when} · {} cards never studied, predicted recall {recall}",
                self.new_cards
            ),
            _ => format!(
                "{when} · behind: predicted recall {recall} (target {})",
                percent(self.target)
            ),
        }
    }
}

/// The largest number of new cards a day (up to `cap`) that the budget fits on every day.
fn budget_allows(input: &PlanInput, cap: u32) -> u32 {
    let fits = |n: u32| simulate(input, Policy::follow(n), input.seed).new_cut_days == 0;
    if fits(cap) {
        return cap;
    }
    let (mut lo, mut hi) = (0, cap);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) { lo = mid } else { hi = mid }
    }
    lo
}

/// When the exam is taken, for predictions: [`EXAM_HOUR`] hours into the exam date's study
/// day (09:00 with the default 04:00 day start).
pub fn exam_time(clock: DayClock, date: NaiveDate) -> DateTime<Utc> {
    clock.day_start_of(day_number_of(date)) + chrono::TimeDelta::hours(EXAM_HOUR)
}

/// The probability of recall at `at` of a memory of `stability` days last answered at
/// `last`, counting fractional days.
pub fn recall_at(
    params: &Parameters,
    stability: f64,
    last: DateTime<Utc>,
    at: DateTime<Utc>,
) -> f64 {
    let days = ((at - last).num_milliseconds() as f64 / 86_400_000.0).max(0.0);
    params.retrievability(days, stability)
}

/// The study-day number of a calendar date (as [`DayClock::day_number`] counts days).
pub fn day_number_of(date: NaiveDate) -> i64 {
    date.signed_duration_since(NaiveDate::default()).num_days()
}

/// `0.912` as `91 %`.
pub fn percent(x: f64) -> String {
    format!("{:.0} %", (x * 100.0).clamp(0.0, 100.0))
}

#[cfg(test)]
mod tests;
