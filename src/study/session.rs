//! A study session: today's review (which changes the schedule) or a quiz (which does not),
//! behind one API — start, next (by itself after every action), grade, undo, bury, suspend,
//! finish. The front end only forwards the learner's actions and draws
//! [`Session::current`], [`Session::status`] and the [`Notice`]s that come back.
//!
//! Undo takes back the last action of any kind in a review (an answer, a bury, a suspend)
//! and restores the session exactly: before each action the session keeps a copy of its
//! queue, and undo puts the copy back after the store has reverted the action's change; the
//! card comes back as it was shown. In a quiz an answer counts once it is checked.
//!
//! An exam mode fits beside the two others as another [`Mode`]: a fixed list of drawn
//! questions, one [`Attempt`] each, that the learner moves between (a position instead of a
//! queue); answers stay changeable until the whole exam is submitted, explanations stay hidden
//! until then, and submitting records each answer as a review of its card with
//! [`Store::answer_outside_session`](crate::store::Store::answer_outside_session) in a session
//! of kind `exam`.

use chrono::{DateTime, Utc};

use super::attempt::{Attempt, Phase};
use super::catalog::{Catalog, ItemRef, item_kind};
use super::clock::Seeds;
use super::notice::{Failure, Notice, Undid};
use super::summary::Summary;
use crate::quiz;
use crate::quiz::cram::Cram;
use crate::srs::Rating;
use crate::srs::queue::{Counts, DayClock, Next};
use crate::store::{AnswerMeta, Change, SessionKind, SessionTally, Store, StudySession};

/// Review, quiz or exam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Today's cards; answers change the schedule.
    Review,
    /// Questions picked at random; the schedule is left alone.
    Quiz,
    /// A timed mock exam (see [`super::exam`]); its answers become reviews when submitted.
    Exam,
}

/// What a session works with: the catalog, the store, the time of the action and the seeds.
pub struct Env<'a> {
    pub cat: &'a Catalog,
    pub store: &'a mut Store,
    pub now: DateTime<Utc>,
    pub seeds: &'a mut Seeds,
}

/// The progress of a session, for the status row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Answers given.
    pub done: usize,
    /// Answers given plus what is left.
    pub total: usize,
    /// Review: what is left, by queue.
    pub counts: Option<Counts>,
    /// Quiz: right answers so far.
    pub right: Option<usize>,
}

/// A running session.
#[derive(Debug)]
pub struct Session {
    label: String,
    started: DateTime<Utc>,
    pub(super) mode: Mode,
    pub(super) current: Option<Attempt>,
    /// With no card shown: when the next learning card falls due.
    wait_until: Option<DateTime<Utc>>,
}

#[derive(Debug)]
pub(super) enum Mode {
    Review(Box<Review>),
    Quiz(Quiz),
    Exam(Box<super::exam::ExamMode>),
}

#[derive(Debug)]
pub(super) struct Review {
    queue: StudySession,
    undo: Vec<Step>,
}

/// One action of a review, to take back.
#[derive(Debug)]
struct Step {
    /// The queue before the action.
    queue: StudySession,
    change: Change,
    undid: Undid,
    /// The card as it was shown.
    attempt: Attempt,
}

#[derive(Debug)]
pub(super) struct Quiz {
    cram: Cram<ItemRef>,
    /// The session row, if it could be written.
    session_id: Option<i64>,
    /// Every question answered, as it was shown and answered (for the review of answers).
    answers: Vec<Attempt>,
}

impl Session {
    /// Start today's review over `items`. The first card is shown at once.
    pub fn review(
        env: &mut Env,
        label: String,
        items: &[ItemRef],
        day: DayClock,
    ) -> Result<Session, Notice> {
        let keys: Vec<_> = items.iter().map(|r| env.cat.key(*r)).collect();
        let queue = env
            .store
            .start_review(&keys, env.now, day)
            .map_err(|e| Notice::failed(Failure::StartReview, e))?;
        let mut session = Session::new(
            label,
            env.now,
            Mode::Review(Box::new(Review {
                queue,
                undo: Vec::new(),
            })),
        );
        session.advance(env);
        Ok(session)
    }

    /// Start a quiz over `cram`'s questions. The notice says when it cannot be recorded (it
    /// runs all the same).
    pub fn quiz(env: &mut Env, label: String, cram: Cram<ItemRef>) -> (Session, Option<Notice>) {
        let (session_id, notice) = match env.store.start_session(SessionKind::Quiz, env.now) {
            Ok(id) => (Some(id), None),
            Err(e) => (None, Some(Notice::failed(Failure::RecordQuiz, e))),
        };
        let mut session = Session::new(
            label,
            env.now,
            Mode::Quiz(Quiz {
                cram,
                session_id,
                answers: Vec::new(),
            }),
        );
        session.advance(env);
        (session, notice)
    }

    pub(super) fn new(label: String, started: DateTime<Utc>, mode: Mode) -> Session {
        Session {
            label,
            started,
            mode,
            current: None,
            wait_until: None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self.mode {
            Mode::Review(_) => Kind::Review,
            Mode::Quiz(_) => Kind::Quiz,
            Mode::Exam(_) => Kind::Exam,
        }
    }

    /// What is being studied.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The card shown, if any.
    pub fn current(&self) -> Option<&Attempt> {
        self.current.as_ref()
    }

    /// The card shown, to choose, type and move the cursor (submitting goes through
    /// [`Session::submit`] and its relatives).
    pub fn current_mut(&mut self) -> Option<&mut Attempt> {
        self.current.as_mut()
    }

    /// With no card shown and the session not over: when the next learning card is due.
    pub fn wait_until(&self) -> Option<DateTime<Utc>> {
        self.wait_until
    }

    /// Nothing left to show: the session can only finish.
    pub fn is_over(&self) -> bool {
        self.current.is_none() && self.wait_until.is_none()
    }

    /// How far along it is.
    pub fn status(&self) -> Status {
        match &self.mode {
            Mode::Review(r) => {
                let counts = r.queue.counts();
                let done = r.queue.tally().answered as usize;
                Status {
                    done,
                    total: done + counts.total() as usize,
                    counts: Some(counts),
                    right: None,
                }
            }
            Mode::Quiz(q) => {
                let (right, answered) = q.cram.score();
                Status {
                    done: answered,
                    total: q.cram.count(),
                    counts: None,
                    right: Some(right),
                }
            }
            Mode::Exam(e) => Status {
                done: e.paper.answered(),
                total: e.paper.questions.len(),
                counts: None,
                right: None,
            },
        }
    }

    /// Show the next card, the wait for a learning card, or nothing when the session is over.
    fn advance(&mut self, env: &mut Env) {
        self.current = None;
        self.wait_until = None;
        let (item, queue) = match &mut self.mode {
            Mode::Review(r) => match r.queue.next(env.now) {
                Next::Card { key, kind } => match env.cat.find(&key) {
                    Some(item) => (item, Some(kind)),
                    None => return,
                },
                Next::Wait(t) => {
                    self.wait_until = Some(t);
                    return;
                }
                Next::Done => return,
            },
            Mode::Quiz(q) => match q.cram.current() {
                Some(item) => (*item, None),
                None => return,
            },
            // The exam moves between its questions itself (see `exam.rs`).
            Mode::Exam(_) => return,
        };
        let shown = quiz::present(env.cat.card(item), item.face, env.seeds.next_seed());
        let mut attempt = Attempt::new(item, env.cat.key(item), shown, env.now);
        attempt.queue = queue;
        self.current = Some(attempt);
    }

    /// Called as time passes: shows the learning card that was waited for once it is due.
    pub fn tick(&mut self, env: &mut Env) {
        if self.current.is_none() && self.wait_until.is_some_and(|t| t <= env.now) {
            self.advance(env);
        }
    }

    /// Show the flashcard's answer.
    pub fn reveal(&mut self, env: &mut Env) {
        if self.current.as_mut().is_some_and(|a| a.reveal(env.now)) {
            self.load_previews(env);
        }
    }

    /// Answer a true/false card.
    pub fn answer_true_false(&mut self, env: &mut Env, given: bool) {
        if self
            .current
            .as_mut()
            .is_some_and(|a| a.answer_true_false(given, env.now))
        {
            self.load_previews(env);
        }
    }

    /// Submit the chosen options or the typed answer.
    pub fn submit(&mut self, env: &mut Env) -> Option<Notice> {
        let attempt = self.current.as_mut()?;
        match attempt.submit(env.now) {
            Ok(true) => {
                self.load_previews(env);
                None
            }
            Ok(false) => None,
            Err(n) => Some(n),
        }
    }

    /// The grade buttons' intervals (review sessions).
    fn load_previews(&mut self, env: &Env) {
        if let (Mode::Review(r), Some(a)) = (&self.mode, self.current.as_mut()) {
            a.previews = r.queue.preview(&a.key, env.now);
        }
    }

    /// Grade the answered card and move on. A review commits the answer first; if that
    /// fails, the answer is kept ([`Session::retry_save`]).
    pub fn grade(&mut self, env: &mut Env, rating: Rating) -> Vec<Notice> {
        match self.current.as_mut() {
            Some(a) if a.phase == Phase::Answered => {
                a.grade = rating;
                a.pending = true;
            }
            _ => return Vec::new(),
        }
        self.retry_save(env)
    }

    /// Save the graded answer of the card shown (again, after a failure).
    pub fn retry_save(&mut self, env: &mut Env) -> Vec<Notice> {
        let Some(attempt) = self.current.as_ref().filter(|a| a.pending) else {
            return Vec::new();
        };
        let mut notices = Vec::new();
        match &mut self.mode {
            Mode::Review(r) => {
                let before = r.queue.clone();
                let meta = AnswerMeta {
                    kind: item_kind(env.cat.card(attempt.item), attempt.item.face),
                    correct: attempt.outcome().map(quiz::Outcome::is_right),
                    answer_ms: attempt.answer_ms(),
                };
                let answered =
                    env.store
                        .answer(&mut r.queue, &attempt.key, attempt.grade, meta, env.now);
                match answered {
                    Ok(a) => {
                        if a.regraded {
                            notices.push(Notice::ChangedElsewhere);
                        }
                        if a.graded.became_leech {
                            notices.push(Notice::Leech {
                                lapses: a.graded.after.card.lapses,
                                suspended: a.graded.after.suspended,
                            });
                        }
                        r.undo.push(Step {
                            queue: before,
                            change: a.change,
                            undid: Undid::Answer,
                            attempt: attempt.clone(),
                        });
                    }
                    Err(e) => return vec![Notice::failed(Failure::SaveAnswer, e)],
                }
            }
            Mode::Quiz(q) => {
                q.cram.answer(attempt.is_right());
                q.answers.push(attempt.clone());
            }
            // Exam answers are graded when the exam is submitted.
            Mode::Exam(_) => return Vec::new(),
        }
        self.advance(env);
        notices
    }

    /// Undo: before the answer is saved, answer the card again; otherwise take back the last
    /// answer, bury or suspend of the session. A quiz keeps every checked answer.
    pub fn undo(&mut self, env: &mut Env) -> Option<Notice> {
        let r = match &mut self.mode {
            Mode::Review(r) => r,
            Mode::Quiz(_) => return Some(Notice::CheckedAnswerCounts),
            // Exam answers change until the exam is submitted: nothing to undo.
            Mode::Exam(_) => return None,
        };
        if let Some(a) = self.current.as_mut().filter(|a| a.phase == Phase::Answered) {
            a.reopen();
            return None;
        }
        let Some(step) = r.undo.pop() else {
            return Some(Notice::NothingToUndo);
        };
        match env.store.revert(&step.change) {
            Ok(true) => {
                r.queue = step.queue;
                let mut attempt = step.attempt;
                attempt.reopen();
                attempt.chosen.clear();
                attempt.cursor = 0;
                attempt.input.clear();
                attempt.shown_at = env.now;
                self.current = Some(attempt);
                self.wait_until = None;
                Some(Notice::Undone(step.undid))
            }
            Ok(false) => Some(Notice::UndoConflict),
            Err(e) => {
                r.undo.push(step);
                Some(Notice::failed(Failure::Undo, e))
            }
        }
    }

    /// Bury the card shown until tomorrow (review sessions).
    pub fn bury(&mut self, env: &mut Env) -> Option<Notice> {
        self.take_out(env, Undid::Bury)
    }

    /// Suspend the card shown (review sessions).
    pub fn suspend(&mut self, env: &mut Env) -> Option<Notice> {
        self.take_out(env, Undid::Suspend)
    }

    fn take_out(&mut self, env: &mut Env, how: Undid) -> Option<Notice> {
        let (Mode::Review(r), Some(attempt)) = (&mut self.mode, self.current.as_ref()) else {
            return None;
        };
        let before = r.queue.clone();
        let result = match how {
            Undid::Bury => env.store.bury(&mut r.queue, &attempt.key, env.now),
            _ => env.store.suspend(&mut r.queue, &attempt.key),
        };
        let change = match result {
            Ok(change) => change,
            Err(e) => {
                let what = if how == Undid::Bury {
                    Failure::Bury
                } else {
                    Failure::Suspend
                };
                return Some(Notice::failed(what, e));
            }
        };
        r.undo.push(Step {
            queue: before,
            change,
            undid: how,
            attempt: attempt.clone(),
        });
        self.advance(env);
        Some(if how == Undid::Bury {
            Notice::Buried
        } else {
            Notice::Suspended
        })
    }

    /// End the session and say what it did; the notice says when its end could not be
    /// recorded. `next_due` is left for the caller, who knows what was studied.
    pub fn finish(self, env: &mut Env) -> (Summary, Option<Notice>) {
        let duration = env.now - self.started;
        let left = match &self.mode {
            Mode::Review(r) => r.queue.counts().total(),
            Mode::Quiz(q) => q.cram.remaining() as u32,
            Mode::Exam(e) => (e.paper.questions.len() - e.paper.answered()) as u32,
        };
        match self.mode {
            Mode::Review(r) => {
                let tally = r.queue.tally();
                let notice = env
                    .store
                    .finish_review(&r.queue, env.now)
                    .err()
                    .map(|e| Notice::failed(Failure::RecordEnd, e));
                let summary = Summary {
                    label: self.label,
                    kind: Kind::Review,
                    answered: tally.answered,
                    right: tally.correct,
                    new_seen: tally.new_seen,
                    duration,
                    next_due: None,
                    left,
                    missed: None,
                    answers: Vec::new(),
                };
                (summary, notice)
            }
            Mode::Quiz(q) => {
                let (right, answered) = q.cram.score();
                let tally = SessionTally {
                    answered: answered as u32,
                    correct: right as u32,
                    wrong: (answered - right) as u32,
                    new_seen: 0,
                };
                let notice = q.session_id.and_then(|id| {
                    env.store
                        .finish_session(id, env.now, Some(tally))
                        .err()
                        .map(|e| Notice::failed(Failure::RecordEnd, e))
                });
                let summary = Summary {
                    label: self.label,
                    kind: Kind::Quiz,
                    answered: tally.answered,
                    right: tally.correct,
                    new_seen: 0,
                    duration,
                    next_due: None,
                    left,
                    missed: Some(q.cram.missed()),
                    answers: q.answers,
                };
                (summary, notice)
            }
            // Leaving an exam before submitting it: it is saved and resumes from Home.
            Mode::Exam(mut e) => {
                e.paper.checkpoint(env.now);
                let notice = env
                    .store
                    .save_exam(&e.paper)
                    .err()
                    .map(|err| Notice::failed(Failure::SaveExam, err));
                let summary = Summary {
                    label: self.label,
                    kind: Kind::Exam,
                    answered: e.paper.answered() as u32,
                    right: e.report.as_ref().map_or(0, |r| r.right),
                    new_seen: 0,
                    duration,
                    next_due: None,
                    left,
                    missed: None,
                    answers: Vec::new(),
                };
                (summary, notice)
            }
        }
    }
}
