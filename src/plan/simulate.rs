//! The day-by-day simulation behind a plan: the pack's real scheduler, and a learner who
//! recalls a card with the model's retrievability (seeded), studying by a [`Policy`].

use std::collections::VecDeque;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use super::{AHEAD_WINDOW_DAYS, PlanInput, day_number_of, exam_time, recall_at};
use crate::srs::{CardState, Rating, Scheduler, State};

/// First answers to a new card: Again, Hard, Good, Easy (the `fsrs` crate's simulator
/// defaults, measured over Anki users).
const FIRST_RATING: [f64; 4] = [0.24, 0.094, 0.495, 0.171];
/// Hard, Good, Easy among recalled reviews (same source).
const RECALL_RATING: [f64; 3] = [0.224, 0.631, 0.145];
/// Chance of Good on a same-day learning step (else Again).
const STEP_GOOD: f64 = 0.9;
/// Most same-day step answers simulated per card before it is taken as graduated.
const MAX_STEP_ANSWERS: u32 = 6;
/// Answers a new card takes on its first day (the first answer and the learning steps),
/// for fitting it into a budget: a card is not started without room to finish it.
const NEW_CARD_ANSWERS: f64 = 3.0;
/// The hour after the day's start at which the simulated learner studies.
const STUDY_HOUR: i64 = 6;

/// How the simulated learner studies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Follow the plan: every review due, `new_per_day` new cards, and review-ahead in the
    /// last days when `review_ahead`; within the daily budget if there is one.
    Follow {
        new_per_day: u32,
        review_ahead: bool,
    },
    /// Study as the trainer schedules without a plan: the pack's daily limits, no budget,
    /// no review-ahead.
    Unplanned,
    /// No more study until the exam.
    Idle,
}

impl Policy {
    /// Follow a plan of `new_per_day` new cards a day, reviewing ahead.
    pub fn follow(new_per_day: u32) -> Policy {
        Policy::Follow {
            new_per_day,
            review_ahead: true,
        }
    }
}

/// One simulated day.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SimDay {
    pub date: NaiveDate,
    /// New cards introduced.
    pub new: u32,
    /// Due cards reviewed.
    pub reviews: u32,
    /// Cards reviewed ahead of their due date.
    pub ahead: u32,
    /// Minutes spent (answers × the learner's time per answer).
    pub minutes: f64,
}

/// What a simulation ends with.
#[derive(Debug, Clone, PartialEq)]
pub struct SimOutcome {
    pub days: Vec<SimDay>,
    /// Mean retrievability at the exam over the cards (never learnt: 0).
    pub recall_at_exam: f64,
    /// The share actually recalled when each card is drawn at its retrievability (seeded).
    pub recalled_at_exam: f64,
    /// New cards never introduced.
    pub new_left: usize,
    /// Days on which the budget cut the planned new cards.
    pub new_cut_days: u32,
}

struct Learner<'a> {
    scheduler: &'a Scheduler,
    rng: Xoshiro256PlusPlus,
    secs_per_answer: f64,
    spent: f64,
    budget: Option<f64>,
}

impl Learner<'_> {
    /// Whether the budget leaves room for `answers` more answers.
    fn has_time(&self, answers: f64) -> bool {
        self.budget
            .is_none_or(|b| self.spent + answers * self.secs_per_answer <= b + 1e-9)
    }

    fn pick(&mut self, weights: &[f64]) -> usize {
        let mut x: f64 = self.rng.random();
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    fn answer(&mut self, card: &CardState, rating: Rating, at: DateTime<Utc>) -> CardState {
        self.spent += self.secs_per_answer;
        self.scheduler.review(card, rating, at)
    }

    /// Walk the same-day learning or relearning steps until the card graduates.
    fn steps(&mut self, mut card: CardState, day_end: DateTime<Utc>) -> CardState {
        for n in 0..MAX_STEP_ANSWERS {
            if !card.state.is_learning() {
                break;
            }
            let Some(at) = card.due.filter(|d| *d < day_end) else {
                break;
            };
            let good = n + 1 == MAX_STEP_ANSWERS || self.rng.random::<f64>() < STEP_GOOD;
            let rating = if good { Rating::Good } else { Rating::Again };
            card = self.answer(&card, rating, at);
        }
        card
    }

    fn learn(&mut self, card: &CardState, at: DateTime<Utc>, day_end: DateTime<Utc>) -> CardState {
        let rating = Rating::ALL[self.pick(&FIRST_RATING)];
        let card = self.answer(card, rating, at);
        self.steps(card, day_end)
    }

    fn review(&mut self, card: &CardState, at: DateTime<Utc>, day_end: DateTime<Utc>) -> CardState {
        let r = recall(self.scheduler, card, at);
        let rating = if self.rng.random::<f64>() < r {
            [Rating::Hard, Rating::Good, Rating::Easy][self.pick(&RECALL_RATING)]
        } else {
            Rating::Again
        };
        let card = self.answer(card, rating, at);
        self.steps(card, day_end)
    }
}

/// Retrievability of `card` at `at`, counting fractional days (0 for a card never learnt).
fn recall(scheduler: &Scheduler, card: &CardState, at: DateTime<Utc>) -> f64 {
    match (card.memory, card.last_review) {
        (Some(m), Some(last)) => recall_at(&scheduler.config().parameters, m.stability, last, at),
        _ => 0.0,
    }
}

/// Simulate the days from `input.now` to the exam under `policy`, with the learner's
/// answers drawn from `seed`.
pub fn simulate(input: &PlanInput, policy: Policy, seed: u64) -> SimOutcome {
    let clock = input.clock;
    let scheduler = &input.settings.scheduler;
    let today = clock.day_number(input.now);
    let exam_day = day_number_of(input.plan.exam_date);
    let exam_at = exam_time(clock, input.plan.exam_date);
    let target = input.plan.target();
    let mut cards: Vec<CardState> = input
        .items
        .iter()
        .filter(|p| !p.suspended)
        .map(|p| p.card.clone())
        .collect();
    let mut new_queue: VecDeque<usize> = (0..cards.len())
        .filter(|&i| cards[i].state == State::New)
        .collect();
    let mut learner = Learner {
        scheduler,
        rng: Xoshiro256PlusPlus::seed_from_u64(seed),
        secs_per_answer: input.pace.secs_per_answer.max(0.1),
        spent: 0.0,
        budget: None,
    };
    let limits = input.settings.limits;
    let mut days = Vec::new();
    let mut new_cut_days = 0;
    for d in today..exam_day {
        let start = clock.day_start_of(d);
        let end = clock.day_start_of(d + 1);
        let at =
            (start + TimeDelta::hours(STUDY_HOUR)).max(input.now.min(end - TimeDelta::minutes(1)));
        learner.spent = 0.0;
        learner.budget = match policy {
            Policy::Follow { .. } => input.plan.minutes_per_day.map(|m| f64::from(m) * 60.0),
            _ => None,
        };
        let mut day = SimDay {
            date: NaiveDate::default() + TimeDelta::days(d),
            new: 0,
            reviews: 0,
            ahead: 0,
            minutes: 0.0,
        };
        if policy != Policy::Idle {
            let mut due: Vec<usize> = (0..cards.len())
                .filter(|&i| cards[i].state != State::New && cards[i].due.is_some_and(|t| t < end))
                .collect();
            due.sort_by_key(|&i| cards[i].due);
            let review_cap = match policy {
                Policy::Unplanned => limits.reviews_per_day as usize,
                _ => usize::MAX,
            };
            for i in due.into_iter().take(review_cap) {
                if !learner.has_time(1.0) {
                    break;
                }
                cards[i] =
                    learner.review(&cards[i], at.max(cards[i].due.unwrap_or(at)).min(end), end);
                day.reviews += 1;
            }
            let want = match policy {
                Policy::Follow { new_per_day, .. } => new_per_day,
                _ => limits.new_per_day,
            };
            while day.new < want {
                let Some(&i) = new_queue.front() else { break };
                if !learner.has_time(NEW_CARD_ANSWERS) {
                    new_cut_days += 1;
                    break;
                }
                new_queue.pop_front();
                cards[i] = learner.learn(&cards[i], at, end);
                day.new += 1;
            }
            if let Policy::Follow {
                review_ahead: true, ..
            } = policy
                && d >= exam_day - AHEAD_WINDOW_DAYS
            {
                day.ahead = review_ahead(
                    &mut learner,
                    &mut cards,
                    at,
                    end,
                    exam_at,
                    target,
                    exam_day - d,
                );
            }
        }
        day.minutes = learner.spent / 60.0;
        days.push(day);
    }
    let r: Vec<f64> = cards
        .iter()
        .map(|c| recall(scheduler, c, exam_at))
        .collect();
    let n = r.len().max(1) as f64;
    let recalled = r
        .iter()
        .filter(|&&x| learner.rng.random::<f64>() < x)
        .count();
    SimOutcome {
        days,
        recall_at_exam: r.iter().sum::<f64>() / n,
        recalled_at_exam: recalled as f64 / n,
        new_left: new_queue.len(),
        new_cut_days,
    }
}

/// Review early today's share of the cards to bring forward ([`ahead_share`]), within
/// the budget. Returns how many were reviewed.
#[allow(clippy::too_many_arguments)]
fn review_ahead(
    learner: &mut Learner<'_>,
    cards: &mut [CardState],
    at: DateTime<Utc>,
    end: DateTime<Utc>,
    exam_at: DateTime<Utc>,
    target: f64,
    days_to_exam: i64,
) -> u32 {
    let share = ahead_share(learner.scheduler, cards, exam_at, target, days_to_exam);
    let mut done = 0;
    for i in share {
        if !learner.has_time(1.0) {
            break;
        }
        cards[i] = learner.review(&cards[i], at, end);
        done += 1;
    }
    done
}

/// The cards to review ahead today, by index into `cards`, lowest first: those in the
/// Review state, not due again before the exam (at `exam_at`), whose retrievability at the
/// exam would fall below `target`; an even share of them over the `days_to_exam` days left
/// (all of them on the last day).
pub fn ahead_share(
    scheduler: &Scheduler,
    cards: &[CardState],
    exam_at: DateTime<Utc>,
    target: f64,
    days_to_exam: i64,
) -> Vec<usize> {
    let mut low = weakest_at(scheduler, cards, exam_at, |c| {
        c.due.is_some_and(|d| d >= exam_at)
    });
    low.retain(|(r, _)| *r < target);
    let share = low.len().div_ceil(days_to_exam.max(1) as usize);
    low.into_iter().take(share).map(|(_, i)| i).collect()
}

/// The cards in the Review state that `keep` accepts, with their retrievability at `at`,
/// lowest first.
pub fn weakest_at(
    scheduler: &Scheduler,
    cards: &[CardState],
    at: DateTime<Utc>,
    keep: impl Fn(&CardState) -> bool,
) -> Vec<(f64, usize)> {
    let mut low: Vec<(f64, usize)> = cards
        .iter()
        .enumerate()
        .filter(|(_, c)| c.state == State::Review && keep(c))
        .map(|(i, c)| (recall(scheduler, c, at), i))
        .collect();
    low.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    low
}
