//! The scheduler: FSRS-6 memory model, card state machine and today's queue. Pure: no I/O,
//! no clock, no global randomness; `now`, the UTC offset and seeds are always passed in.
//!
//! - [`model`]: the FSRS-6 formulas in `f64` ([`Parameters`]).
//! - [`Scheduler`]: `review(card, rating, now) -> card`, `preview`, `retrievability`.
//! - [`queue`]: today's queue and the review [`Session`](queue::Session).
//! - [`fit`]: fitting the parameters to the learner's reviews.
//! - [`replay`]: a card's answers replayed under other parameters.
//! - [`options`]: the per-pack settings ([`PackOptions`]) and their valid ranges.

pub mod fit;
pub mod model;
pub mod options;
pub mod queue;
pub mod replay;
mod scheduler;

pub use model::{DEFAULT_PARAMETERS, Parameters};
pub use options::PackOptions;
pub use scheduler::{
    CardState, Fuzz, GradePreview, Memory, Rating, Scheduler, SchedulerConfig, State, elapsed_days,
    fuzz_range,
};

/// Invalid scheduler settings.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SrsError {
    /// Desired retention must be strictly between 0 and 1.
    #[error("desired retention must be between 0 and 1 (exclusive), got {0}")]
    InvalidRetention(f64),
    /// The maximum interval must be at least one day.
    #[error("maximum interval must be at least 1 day")]
    InvalidMaximumInterval,
    /// Learning and relearning steps must be positive durations.
    #[error("learning and relearning steps must be positive")]
    InvalidStep,
}
