//! The card state machine around the FSRS-6 memory model: learning and relearning steps,
//! graduation, lapses, fuzz, exactly as py-fsrs 6.3.2 does it (plus an explicit `New` state).

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

use crate::srs::SrsError;
use crate::srs::model::Parameters;

/// Milliseconds in one day.
const DAY_MS: i64 = 86_400_000;

/// The four grades of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rating {
    /// Forgotten (or a wrong answer).
    Again = 1,
    /// Remembered with difficulty.
    Hard = 2,
    /// Remembered (or a right answer).
    Good = 3,
    /// Remembered effortlessly.
    Easy = 4,
}

impl Rating {
    /// All four ratings, Again first.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The grade number 1..=4.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The rating with number 1..=4.
    pub fn from_number(n: u8) -> Option<Rating> {
        match n {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    pub(crate) fn value(self) -> f64 {
        f64::from(self.number())
    }

    pub(crate) fn index(self) -> usize {
        usize::from(self.number() - 1)
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Never answered.
    New,
    /// Answered, still going through the learning steps.
    Learning,
    /// Graduated: scheduled in whole days by the memory model.
    Review,
    /// Lapsed from Review, going through the relearning steps.
    Relearning,
}

impl State {
    /// Stable number for storage: 0 New, 1 Learning, 2 Review, 3 Relearning (the last three
    /// are py-fsrs's codes).
    pub fn code(self) -> u8 {
        match self {
            State::New => 0,
            State::Learning => 1,
            State::Review => 2,
            State::Relearning => 3,
        }
    }

    /// The state with storage number `code`.
    pub fn from_code(code: u8) -> Option<State> {
        match code {
            0 => Some(State::New),
            1 => Some(State::Learning),
            2 => Some(State::Review),
            3 => Some(State::Relearning),
            _ => None,
        }
    }

    /// Learning or Relearning: due within minutes, shown again in the same session.
    pub fn is_learning(self) -> bool {
        matches!(self, State::Learning | State::Relearning)
    }
}

/// Stability (days) and difficulty (1..=10) of a card's memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Days until recall probability falls to 90 %.
    pub stability: f64,
    /// How hard the card is, 1 (easiest) to 10.
    pub difficulty: f64,
}

/// The scheduling state of one study item.
#[derive(Debug, Clone, PartialEq)]
pub struct CardState {
    /// Life-cycle state.
    pub state: State,
    /// Current learning/relearning step (0-based); `None` for New and Review.
    pub step: Option<u32>,
    /// Memory model state; `None` until the first answer.
    pub memory: Option<Memory>,
    /// When the card is next due; `None` for a New card.
    pub due: Option<DateTime<Utc>>,
    /// Time of the last answer.
    pub last_review: Option<DateTime<Utc>>,
    /// Number of answers.
    pub reps: u32,
    /// Number of lapses (Again on a Review card).
    pub lapses: u32,
}

impl Default for CardState {
    fn default() -> Self {
        Self::new()
    }
}

impl CardState {
    /// A card never answered.
    pub fn new() -> Self {
        CardState {
            state: State::New,
            step: None,
            memory: None,
            due: None,
            last_review: None,
            reps: 0,
            lapses: 0,
        }
    }
}

/// Whether intervals get a little random spread so cards learnt together drift apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fuzz {
    /// Exact intervals (used by the reference tests).
    Off,
    /// Fuzz on; the spread is drawn from a generator seeded by this value, the review time and
    /// the card's answer count, so [`Scheduler::preview`] shows exactly what
    /// [`Scheduler::review`] will do.
    Seeded(u64),
}

/// Everything that shapes scheduling for one pack.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerConfig {
    /// FSRS-6 parameters (default or fitted by `deckhand optimize`).
    pub parameters: Parameters,
    /// Target probability of recall at the due date, in (0, 1); default 0.9.
    pub desired_retention: f64,
    /// Learning steps; default 1 min, 10 min.
    pub learning_steps: Vec<TimeDelta>,
    /// Relearning steps; default 10 min.
    pub relearning_steps: Vec<TimeDelta>,
    /// Longest interval in days; default 36500.
    pub maximum_interval: u32,
    /// Interval fuzz; default on with seed 0.
    pub fuzz: Fuzz,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            parameters: Parameters::default(),
            desired_retention: 0.9,
            learning_steps: vec![TimeDelta::minutes(1), TimeDelta::minutes(10)],
            relearning_steps: vec![TimeDelta::minutes(10)],
            maximum_interval: 36500,
            fuzz: Fuzz::Seeded(0),
        }
    }
}

/// What one grade would do to a card: shown on the grade buttons.
#[derive(Debug, Clone, PartialEq)]
pub struct GradePreview {
    /// The grade.
    pub rating: Rating,
    /// The state the card would have afterwards.
    pub card: CardState,
    /// Time from the answer to the next due time.
    pub interval: TimeDelta,
}

/// The FSRS-6 scheduler: a pure function from (card, rating, time) to the next card state.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    config: SchedulerConfig,
}

impl Scheduler {
    /// A scheduler with `config`; fails if the retention is outside (0, 1), a step is not
    /// positive or the maximum interval is 0.
    pub fn new(config: SchedulerConfig) -> Result<Self, SrsError> {
        let r = config.desired_retention;
        if !(r > 0.0 && r < 1.0) {
            return Err(SrsError::InvalidRetention(r));
        }
        if config.maximum_interval == 0 {
            return Err(SrsError::InvalidMaximumInterval);
        }
        let steps = config.learning_steps.iter().chain(&config.relearning_steps);
        if steps.into_iter().any(|s| *s <= TimeDelta::zero()) {
            return Err(SrsError::InvalidStep);
        }
        Ok(Scheduler { config })
    }

    /// The configuration.
    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// Probability of recall at `now` (whole elapsed days, as py-fsrs); `None` for a New card.
    pub fn retrievability(&self, card: &CardState, now: DateTime<Utc>) -> Option<f64> {
        let memory = card.memory?;
        let last = card.last_review?;
        let days = elapsed_days(last, now).max(0) as f64;
        Some(
            self.config
                .parameters
                .retrievability(days, memory.stability),
        )
    }

    /// The card after answering it with `rating` at `now`.
    ///
    /// Follows py-fsrs 6.3.2 exactly (with fuzz off):
    /// - elapsed time is counted in whole days, `floor((now - last_review) / 24 h)`; under one
    ///   day the short-term stability formula is used, in every state;
    /// - New (and Learning/Relearning) cards walk the learning (relearning) steps: Again goes
    ///   back to step 0, Hard repeats the step (step 0: the mean of the first two steps, or
    ///   1.5 × the only step), Good advances or graduates after the last step, Easy graduates;
    /// - Review cards get `I(r, S')` days, rounded half to even and clamped to
    ///   `[1, maximum_interval]`; Again moves them to Relearning (or keeps them in Review with
    ///   no relearning steps) and counts a lapse;
    /// - fuzz, when on, spreads Review intervals of at least 3 days within `[lo, hi]` of
    ///   py-fsrs's fuzz range (uniform, like Anki; py-fsrs's rounding can also give `hi + 1`).
    pub fn review(&self, card: &CardState, rating: Rating, now: DateTime<Utc>) -> CardState {
        self.review_with_interval(card, rating, now).0
    }

    /// The four possible outcomes at `now`, Again first: for the grade buttons.
    pub fn preview(&self, card: &CardState, now: DateTime<Utc>) -> [GradePreview; 4] {
        Rating::ALL.map(|rating| {
            let (card, interval) = self.review_with_interval(card, rating, now);
            GradePreview {
                rating,
                card,
                interval,
            }
        })
    }

    fn review_with_interval(
        &self,
        card: &CardState,
        rating: Rating,
        now: DateTime<Utc>,
    ) -> (CardState, TimeDelta) {
        let p = &self.config.parameters;
        let elapsed = card.last_review.map(|last| elapsed_days(last, now));
        let memory = match card.memory {
            None => Memory {
                stability: p.initial_stability(rating),
                difficulty: p.initial_difficulty(rating, true),
            },
            Some(m) => {
                let stability = match elapsed {
                    Some(days) if days < 1 => p.short_term_stability(m.stability, rating),
                    _ => {
                        let r = self.retrievability(card, now).unwrap_or(0.0);
                        p.next_stability(m.difficulty, m.stability, r, rating)
                    }
                };
                Memory {
                    stability,
                    difficulty: p.next_difficulty(m.difficulty, rating),
                }
            }
        };

        let mut next = CardState {
            state: card.state,
            step: card.step,
            memory: Some(memory),
            due: None,
            last_review: Some(now),
            reps: card.reps.saturating_add(1),
            lapses: card.lapses,
        };
        let interval = match card.state {
            State::New | State::Learning => {
                let step = card.step.unwrap_or(0);
                next.state = State::Learning;
                self.step_transition(&mut next, step, rating, &self.config.learning_steps)
            }
            State::Relearning => {
                let step = card.step.unwrap_or(0);
                self.step_transition(&mut next, step, rating, &self.config.relearning_steps)
            }
            State::Review => {
                if rating == Rating::Again {
                    next.lapses = next.lapses.saturating_add(1);
                }
                match (rating, self.config.relearning_steps.first()) {
                    (Rating::Again, Some(first)) => {
                        next.state = State::Relearning;
                        next.step = Some(0);
                        *first
                    }
                    _ => self.graduate(&mut next, memory.stability),
                }
            }
        };
        let interval = if next.state == State::Review {
            self.fuzzed(interval, card, now)
        } else {
            interval
        };
        // Near the end of the representable time the interval is cut short, never a panic.
        next.due = Some(
            now.checked_add_signed(interval)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        );
        (next, interval)
    }

    /// Learning/Relearning step logic shared by both step lists (py-fsrs's rules).
    fn step_transition(
        &self,
        next: &mut CardState,
        step: u32,
        rating: Rating,
        steps: &[TimeDelta],
    ) -> TimeDelta {
        let stability = next.memory.map_or(0.0, |m| m.stability);
        let k = step as usize;
        if steps.is_empty() || (k >= steps.len() && rating != Rating::Again) {
            return self.graduate(next, stability);
        }
        match rating {
            Rating::Again => {
                next.step = Some(0);
                steps[0]
            }
            Rating::Hard => {
                next.step = Some(step);
                match (k, steps) {
                    (0, [only]) => scale(*only, 3, 2),
                    (0, [first, second, ..]) => scale(*first + *second, 1, 2),
                    _ => steps[k],
                }
            }
            Rating::Good if k + 1 == steps.len() => self.graduate(next, stability),
            Rating::Good => {
                next.step = Some(step + 1);
                // k + 1 < len here, because k < len and k + 1 != len.
                steps.get(k + 1).copied().unwrap_or(steps[0])
            }
            Rating::Easy => self.graduate(next, stability),
        }
    }

    fn graduate(&self, next: &mut CardState, stability: f64) -> TimeDelta {
        next.state = State::Review;
        next.step = None;
        let days = self.config.parameters.next_interval(
            stability,
            self.config.desired_retention,
            self.config.maximum_interval,
        );
        TimeDelta::days(i64::from(days))
    }

    fn fuzzed(&self, interval: TimeDelta, card: &CardState, now: DateTime<Utc>) -> TimeDelta {
        let Fuzz::Seeded(seed) = self.config.fuzz else {
            return interval;
        };
        let days = interval.num_days();
        let Some((lo, hi)) = fuzz_range(days, self.config.maximum_interval) else {
            return interval;
        };
        let mix = seed
            ^ (now.timestamp_millis() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ u64::from(card.reps).wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix);
        TimeDelta::days(rng.random_range(lo..=hi))
    }
}

/// The fuzz range `[lo, hi]` in days for an interval of `days` whole days, or `None` when the
/// interval is too short to fuzz (under 2.5 days). Same bounds as py-fsrs 6.3.2.
pub fn fuzz_range(days: i64, maximum_interval: u32) -> Option<(i64, i64)> {
    if (days as f64) < 2.5 {
        return None;
    }
    let ivl = days as f64;
    let ranges = [
        (2.5, 7.0, 0.15),
        (7.0, 20.0, 0.1),
        (20.0, f64::INFINITY, 0.05),
    ];
    let delta = ranges.iter().fold(1.0, |acc, (start, end, factor)| {
        acc + factor * (ivl.min(*end) - start).max(0.0)
    });
    let max = i64::from(maximum_interval);
    let hi = ((ivl + delta).round_ties_even() as i64).min(max);
    let lo = ((ivl - delta).round_ties_even() as i64).max(2).min(hi);
    Some((lo, hi))
}

/// Whole days from `last` to `now`, floored (negative if `now` is earlier).
pub fn elapsed_days(last: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - last).num_milliseconds().div_euclid(DAY_MS)
}

fn scale(d: TimeDelta, num: i32, den: i32) -> TimeDelta {
    d * num / den
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0)
            .single()
            .expect("valid time")
    }

    fn exact() -> Scheduler {
        Scheduler::new(SchedulerConfig {
            fuzz: Fuzz::Off,
            ..SchedulerConfig::default()
        })
        .expect("valid config")
    }

    #[test]
    fn new_card_good_goes_to_step_one() {
        let c = exact().review(&CardState::new(), Rating::Good, t0());
        assert_eq!(c.state, State::Learning);
        assert_eq!(c.step, Some(1));
        assert_eq!(c.due, Some(t0() + TimeDelta::minutes(10)));
        assert_eq!(c.reps, 1);
    }

    #[test]
    fn hard_on_step_zero_is_mean_of_first_two_steps() {
        let c = exact().review(&CardState::new(), Rating::Hard, t0());
        assert_eq!(c.due, Some(t0() + TimeDelta::seconds(330)));
    }

    #[test]
    fn again_on_review_counts_a_lapse_and_relearns() {
        let s = exact();
        let mut c = s.review(&CardState::new(), Rating::Easy, t0());
        assert_eq!(c.state, State::Review);
        let due = c.due.expect("due");
        c = s.review(&c, Rating::Again, due);
        assert_eq!((c.state, c.step, c.lapses), (State::Relearning, Some(0), 1));
    }

    #[test]
    fn preview_matches_review_with_fuzz() {
        let s = Scheduler::new(SchedulerConfig {
            fuzz: Fuzz::Seeded(42),
            ..SchedulerConfig::default()
        })
        .expect("valid config");
        let mut c = s.review(&CardState::new(), Rating::Easy, t0());
        for _ in 0..5 {
            let now = c.due.expect("due");
            let preview = s.preview(&c, now);
            let next = s.review(&c, Rating::Good, now);
            assert_eq!(preview[2].card, next);
            c = next;
        }
    }

    #[test]
    fn invalid_config_is_rejected() {
        let bad = SchedulerConfig {
            desired_retention: 1.0,
            ..SchedulerConfig::default()
        };
        assert!(Scheduler::new(bad).is_err());
        let bad = SchedulerConfig {
            learning_steps: vec![TimeDelta::zero()],
            ..SchedulerConfig::default()
        };
        assert!(Scheduler::new(bad).is_err());
    }

    proptest::proptest! {
        #[test]
        fn fuzzed_interval_stays_in_range(stability in 2.5f64..40000.0, seed in 0u64..1000, reps in 0u32..50) {
            let s = Scheduler::new(SchedulerConfig { fuzz: Fuzz::Seeded(seed), ..SchedulerConfig::default() }).expect("valid");
            let card = CardState {
                state: State::Review, step: None,
                memory: Some(Memory { stability, difficulty: 5.0 }),
                due: Some(t0()), last_review: Some(t0() - TimeDelta::days(1)), reps, lapses: 0,
            };
            let exact_days = {
                let e = Scheduler::new(SchedulerConfig { fuzz: Fuzz::Off, ..SchedulerConfig::default() }).expect("valid");
                (e.review(&card, Rating::Good, t0()).due.expect("due") - t0()).num_days()
            };
            let got = (s.review(&card, Rating::Good, t0()).due.expect("due") - t0()).num_days();
            match fuzz_range(exact_days, 36500) {
                Some((lo, hi)) => proptest::prop_assert!(lo <= got && got <= hi, "{got} not in [{lo}, {hi}]"),
                None => proptest::prop_assert_eq!(got, exact_days),
            }
        }
    }
}
