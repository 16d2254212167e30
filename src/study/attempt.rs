//! One card being answered: choosing options, typing, revealing, submitting, reopening, and
//! the grade the answer suggests.

use chrono::{DateTime, TimeDelta, Utc};

use super::catalog::ItemRef;
use super::input::TextInput;
use super::notice::Notice;
use crate::quiz::{self, OptionsVerdict, Outcome, Shown, TypedVerdict};
use crate::srs::queue::{ItemKey, QueueKind};
use crate::srs::{GradePreview, Rating};

/// Before or after answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Question,
    Answered,
}

/// How the answer was judged.
#[derive(Debug, Clone, PartialEq)]
pub enum Judged {
    /// A flashcard or cloze: the learner grades it.
    Flash,
    Options(OptionsVerdict),
    Typed {
        given: String,
        verdict: TypedVerdict,
    },
    TrueFalse {
        given: bool,
        outcome: Outcome,
    },
}

impl Judged {
    /// Right, almost or wrong (`None` for self-graded cards).
    pub fn outcome(&self) -> Option<Outcome> {
        match self {
            Judged::Flash => None,
            Judged::Options(v) => Some(v.outcome),
            Judged::Typed { verdict, .. } => Some(match verdict {
                TypedVerdict::Right { .. } => Outcome::Right,
                TypedVerdict::Almost { .. } => Outcome::Almost,
                TypedVerdict::Wrong => Outcome::Wrong,
            }),
            Judged::TrueFalse { outcome, .. } => Some(*outcome),
        }
    }
}

/// The grade an answer suggests: right is Good, a typo ("almost") Hard, wrong Again; a
/// self-graded card starts at Good. The learner may change it before moving on.
pub fn suggested_grade(outcome: Option<Outcome>) -> Rating {
    match outcome {
        Some(Outcome::Right) | None => Rating::Good,
        Some(Outcome::Almost) => Rating::Hard,
        Some(Outcome::Wrong) => Rating::Again,
    }
}

/// The card being answered.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub item: ItemRef,
    pub key: ItemKey,
    pub shown: Shown,
    pub phase: Phase,
    pub shown_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    /// The highlighted option.
    pub cursor: usize,
    /// Chosen options (shown order).
    pub chosen: Vec<usize>,
    pub input: TextInput,
    /// Keys go to the input.
    pub typing: bool,
    pub judged: Option<Judged>,
    /// The grade that Enter gives (suggested from the answer, changeable).
    pub grade: Rating,
    /// What each grade would do (review sessions).
    pub previews: Option<[GradePreview; 4]>,
    /// The queue the item came from (review sessions): new, learning or review.
    pub queue: Option<QueueKind>,
    /// A grade waiting to be saved (kept when saving failed).
    pub pending: bool,
}

impl Attempt {
    pub fn new(item: ItemRef, key: ItemKey, shown: Shown, now: DateTime<Utc>) -> Attempt {
        let typing = matches!(shown, Shown::Typed { .. });
        Attempt {
            item,
            key,
            shown,
            phase: Phase::Question,
            shown_at: now,
            answered_at: None,
            cursor: 0,
            chosen: Vec::new(),
            input: TextInput::default(),
            typing,
            judged: None,
            grade: Rating::Good,
            previews: None,
            queue: None,
            pending: false,
        }
    }

    pub fn option_count(&self) -> usize {
        match &self.shown {
            Shown::Options { options, .. } => options.len(),
            _ => 0,
        }
    }

    /// How many options to choose (1 for a choice card).
    pub fn choose_count(&self) -> usize {
        match &self.shown {
            Shown::Options { choose, .. } => *choose,
            _ => 0,
        }
    }

    pub fn cursor_up(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn cursor_down(&mut self) {
        self.cursor = (self.cursor + 1).min(self.option_count().saturating_sub(1));
    }

    /// Choose option `i` (a letter): marks it on a multiple-response card, picks it on a
    /// choice card.
    pub fn choose(&mut self, i: usize) {
        if self.phase != Phase::Question || i >= self.option_count() {
            return;
        }
        self.cursor = i;
        self.toggle_cursor();
    }

    /// Choose or unchoose the highlighted option.
    pub fn toggle_cursor(&mut self) {
        if self.phase != Phase::Question || self.option_count() == 0 {
            return;
        }
        let i = self.cursor;
        if self.choose_count() > 1 {
            if let Some(at) = self.chosen.iter().position(|&c| c == i) {
                self.chosen.remove(at);
            } else {
                self.chosen.push(i);
            }
        } else {
            self.chosen = vec![i];
        }
    }

    /// Show a flashcard's or cloze's answer.
    pub fn reveal(&mut self, now: DateTime<Utc>) -> bool {
        if self.phase != Phase::Question
            || !matches!(self.shown, Shown::Flash { .. } | Shown::Cloze { .. })
        {
            return false;
        }
        self.judge(Judged::Flash, now);
        true
    }

    /// Answer a true/false statement.
    pub fn answer_true_false(&mut self, given: bool, now: DateTime<Utc>) -> bool {
        let Shown::TrueFalse { answer, .. } = self.shown else {
            return false;
        };
        if self.phase != Phase::Question {
            return false;
        }
        let outcome = quiz::check_true_false(answer, given);
        self.judge(Judged::TrueFalse { given, outcome }, now);
        true
    }

    /// Submit the chosen options or the typed answer. `Err` says what is missing.
    pub fn submit(&mut self, now: DateTime<Utc>) -> Result<bool, Notice> {
        if self.phase != Phase::Question {
            return Ok(false);
        }
        let judged = match &self.shown {
            Shown::Options {
                options, choose, ..
            } => {
                let chosen = if *choose == 1 && self.chosen.is_empty() {
                    vec![self.cursor]
                } else {
                    self.chosen.clone()
                };
                if *choose > 1 && chosen.len() != *choose {
                    return Err(Notice::ChooseMore {
                        need: *choose,
                        chosen: chosen.len(),
                    });
                }
                let verdict = quiz::check_options(options, &chosen);
                self.chosen = chosen;
                Judged::Options(verdict)
            }
            Shown::Typed { answers, .. } => {
                if self.input.text().trim().is_empty() {
                    self.typing = true;
                    return Err(Notice::TypeFirst);
                }
                Judged::Typed {
                    given: self.input.text().to_string(),
                    verdict: quiz::check_typed(self.input.text(), answers),
                }
            }
            _ => return Ok(false),
        };
        self.judge(judged, now);
        Ok(true)
    }

    fn judge(&mut self, judged: Judged, now: DateTime<Utc>) {
        self.grade = suggested_grade(judged.outcome());
        self.judged = Some(judged);
        self.answered_at = Some(now);
        self.phase = Phase::Answered;
        self.typing = false;
    }

    /// Back to the question (answer again before it was saved).
    pub fn reopen(&mut self) {
        self.phase = Phase::Question;
        self.judged = None;
        self.answered_at = None;
        self.previews = None;
        self.pending = false;
        self.grade = Rating::Good;
        self.typing = matches!(self.shown, Shown::Typed { .. });
    }

    /// Right, almost or wrong (`None` for self-graded cards or before answering).
    pub fn outcome(&self) -> Option<Outcome> {
        self.judged.as_ref().and_then(Judged::outcome)
    }

    /// Whether the answer was right: the verdict, or the grade of a self-graded card.
    pub fn is_right(&self) -> bool {
        self.outcome()
            .map_or(self.grade != Rating::Again, Outcome::is_right)
    }

    /// How long the learner took to answer.
    pub fn answer_time(&self) -> TimeDelta {
        self.answered_at
            .map_or(TimeDelta::zero(), |t| t - self.shown_at)
    }

    /// [`Attempt::answer_time`] in whole milliseconds, for the log.
    pub fn answer_ms(&self) -> u32 {
        self.answer_time()
            .num_milliseconds()
            .clamp(0, i64::from(u32::MAX)) as u32
    }

    /// Typing an answer: whether keys go to the input.
    pub fn set_typing(&mut self, on: bool) {
        if self.phase == Phase::Question && matches!(self.shown, Shown::Typed { .. }) {
            self.typing = on;
        }
    }

    /// The input, while the answer can still be typed.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        (self.phase == Phase::Question && matches!(self.shown, Shown::Typed { .. }))
            .then_some(&mut self.input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Face;

    fn attempt(shown: Shown) -> Attempt {
        let item = ItemRef {
            pack: 0,
            card: 0,
            face: Face::Front,
        };
        Attempt::new(item, ItemKey::new("p", "c"), shown, DateTime::UNIX_EPOCH)
    }

    #[test]
    fn a_typo_suggests_hard_and_reopening_forgets_the_answer() {
        let mut a = attempt(Shown::Typed {
            question: "Which log driver?".into(),
            answers: vec!["awslogs".into()],
        });
        assert_eq!(a.submit(DateTime::UNIX_EPOCH), Err(Notice::TypeFirst));
        a.input.paste("awslgs");
        assert_eq!(a.submit(DateTime::UNIX_EPOCH), Ok(true));
        assert_eq!(a.outcome(), Some(Outcome::Almost));
        assert_eq!(a.grade, Rating::Hard);
        assert!(a.is_right());
        a.reopen();
        assert_eq!((a.phase, a.outcome()), (Phase::Question, None));
    }

    #[test]
    fn true_false_is_judged_once() {
        let mut a = attempt(Shown::TrueFalse {
            statement: "S3 mounts as a file system.".into(),
            answer: false,
        });
        assert!(a.answer_true_false(true, DateTime::UNIX_EPOCH));
        assert_eq!(a.grade, Rating::Again);
        assert!(!a.answer_true_false(false, DateTime::UNIX_EPOCH));
        assert!(!a.is_right());
    }
}
