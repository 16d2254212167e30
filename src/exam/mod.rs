//! Mock exams: a paper drawn from a pack's exam profile ([`draw`]), taken against a countdown
//! with answers that may change until submitted and questions flagged for review ([`Exam`]),
//! and the report: scaled score, pass or fail, results per domain and every question with
//! its explanation ([`ExamReport`]).
//!
//! Pure: no I/O, no clock, no global randomness. `now` and the seed are passed in; the store
//! keeps papers (`store::exam`) so an unfinished exam survives a crash.
//!
//! Timing: the countdown runs while the exam is open and pauses while it is closed (quit and
//! resumed later, or after a crash: what was used until the last save counts). At
//! [`WARNING_AT`] left the front end warns; at zero [`Exam::expired`] is true and the exam
//! must be submitted as it stands.

mod draw;
mod paper;
mod report;

pub use draw::{DrawError, draw};
pub use paper::{Answer, Exam, MapMark, Question, face_of};
pub use report::{DomainResult, ExamReport, QuestionResult, Verdict, grade_question};

use std::time::Duration;

/// How long before the end the exam warns that time is running out.
pub const WARNING_AT: Duration = Duration::from_secs(5 * 60);

/// The longest time one question contributes to the review log's answer time (a question
/// left open during a break should not count as an hour of thinking).
pub const MAX_ANSWER_MS: u64 = 5 * 60 * 1000;
