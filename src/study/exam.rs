//! The exam mode of a [`Session`]: a paper of drawn questions the learner moves around in,
//! answers changeable until the whole exam is submitted, flags for review, the countdown with
//! its warning, and the submission that scores it and makes each answer a review of its card
//! (session kind `exam`). Every change is saved at once, so a crash loses nothing and an
//! unfinished exam resumes.
//!
//! Each question keeps an [`Attempt`] while the exam runs (the option cursor, the choices, the
//! typed text); the paper ([`Exam`]) keeps the answers as they are stored. The attempt of the
//! question on screen is the session's current one.

use chrono::{DateTime, Utc};

use super::attempt::Attempt;
use super::catalog::item_kind;
use super::notice::{Failure, Notice};
use super::session::{Env, Mode, Session};
use crate::content::ExamProfile;
use crate::exam::{Answer, Exam, ExamReport, draw};
use crate::quiz::Shown;
use crate::srs::Rating;
use crate::srs::queue::DayClock;
use crate::store::{AnswerMeta, ExamReview};

/// An exam being taken (the session's mode).
#[derive(Debug)]
pub struct ExamMode {
    pub(super) paper: Exam,
    /// One attempt per question once shown; the current one lives in the session.
    attempts: Vec<Option<Attempt>>,
    /// The 5-minute warning was given.
    warned: bool,
    /// Set once submitted.
    pub(super) report: Option<ExamReport>,
}

impl Session {
    /// Start a mock exam of `profile` over pack number `pack`: draw the paper (preferring
    /// cards not met in a mock before), store it, show the first question.
    pub fn exam(env: &mut Env, pack: usize, profile: &ExamProfile) -> Result<Session, Notice> {
        let p = &env.cat.packs()[pack];
        let seen = env
            .store
            .exam_seen(p.id())
            .map_err(|e| Notice::failed(Failure::StartExam, e))?;
        let questions = draw(profile, p, &seen, env.seeds.next_seed())
            .map_err(|e| Notice::failed(Failure::StartExam, e))?;
        let mut paper = Exam::new(p.id(), profile, questions, env.now);
        env.store
            .start_exam(&mut paper, env.now)
            .map_err(|e| Notice::failed(Failure::StartExam, e))?;
        Ok(Session::resume_exam(env, paper))
    }

    /// Go on with an exam read back from the store.
    pub fn resume_exam(env: &mut Env, paper: Exam) -> Session {
        let label = paper.title.clone();
        let attempts = vec![None; paper.questions.len()];
        let mut session = Session::new(
            label,
            env.now,
            Mode::Exam(Box::new(ExamMode {
                paper,
                attempts,
                warned: false,
                report: None,
            })),
        );
        session.show_question(env);
        session
    }

    fn exam_mode(&self) -> Option<&ExamMode> {
        match &self.mode {
            Mode::Exam(e) => Some(e),
            _ => None,
        }
    }

    /// The paper of an exam session.
    pub fn paper(&self) -> Option<&Exam> {
        self.exam_mode().map(|e| &e.paper)
    }

    /// The report, once the exam is submitted.
    pub fn exam_report(&self) -> Option<&ExamReport> {
        self.exam_mode().and_then(|e| e.report.as_ref())
    }

    /// Build (or take back) the attempt of the question at the paper's position.
    fn show_question(&mut self, env: &mut Env) {
        let Mode::Exam(e) = &mut self.mode else {
            return;
        };
        let i = e.paper.position();
        let Some(q) = e.paper.questions.get(i) else {
            self.current = None;
            return;
        };
        let attempt = match e.attempts.get_mut(i).and_then(Option::take) {
            Some(a) => a,
            None => match env.cat.find(&q.key) {
                Some(item) => {
                    let shown = q.shown(env.cat.card(item));
                    let mut a = Attempt::new(item, q.key.clone(), shown, env.now);
                    restore(&mut a, q.answer.as_ref());
                    a.typing = false;
                    a
                }
                // The card left the pack since the exam began: nothing to show or answer.
                None => {
                    self.current = None;
                    return;
                }
            },
        };
        self.current = Some(attempt);
    }

    /// Put the current attempt back and copy its answer to the paper.
    fn stow_question(&mut self) {
        let Mode::Exam(e) = &mut self.mode else {
            return;
        };
        let i = e.paper.position();
        if let Some(a) = self.current.take()
            && let Some(slot) = e.attempts.get_mut(i)
        {
            *slot = Some(a);
        }
    }

    /// Copy the answer on screen to the paper and save the paper.
    fn sync_and_save(&mut self, env: &mut Env) -> Option<Notice> {
        let Mode::Exam(e) = &mut self.mode else {
            return None;
        };
        if e.report.is_some() {
            return None;
        }
        if let Some(a) = &self.current {
            let tf = e.paper.current().and_then(|q| match q.answer {
                Some(Answer::TrueFalse(b)) => Some(Answer::TrueFalse(b)),
                _ => None,
            });
            let answer = answer_of(a).or(tf);
            if e.paper.current().map(|q| &q.answer) != Some(&answer) {
                e.paper.answer(answer, env.now);
            }
        }
        e.paper.checkpoint(env.now);
        env.store
            .save_exam(&e.paper)
            .err()
            .map(|err| Notice::failed(Failure::SaveExam, err))
    }

    /// Go to question `index` (saving where the exam stands).
    pub fn exam_go_to(&mut self, env: &mut Env, index: usize) -> Option<Notice> {
        let notice = self.sync_and_save(env);
        self.stow_question();
        if let Mode::Exam(e) = &mut self.mode {
            e.paper.go_to(index, env.now);
        }
        self.show_question(env);
        notice.or_else(|| self.sync_and_save(env))
    }

    /// The next question (stays on the last).
    pub fn exam_next(&mut self, env: &mut Env) -> Option<Notice> {
        let i = self.paper()?.position();
        self.exam_go_to(env, i + 1)
    }

    /// The previous question (stays on the first).
    pub fn exam_previous(&mut self, env: &mut Env) -> Option<Notice> {
        let i = self.paper()?.position();
        self.exam_go_to(env, i.saturating_sub(1))
    }

    /// Flag or unflag the question on screen for review.
    pub fn exam_flag(&mut self, env: &mut Env) -> Option<Notice> {
        if let Mode::Exam(e) = &mut self.mode {
            e.paper.toggle_flag(env.now);
        }
        self.sync_and_save(env)
    }

    /// The answer on screen changed (an option chosen, text typed): save it.
    pub fn exam_answer_changed(&mut self, env: &mut Env) -> Option<Notice> {
        self.sync_and_save(env)
    }

    /// Answer a true/false question (changeable until the exam is submitted).
    pub fn exam_true_false(&mut self, env: &mut Env, given: bool) -> Option<Notice> {
        let is_tf = matches!(
            self.current.as_ref().map(|a| &a.shown),
            Some(Shown::TrueFalse { .. })
        );
        if !is_tf {
            return None;
        }
        if let Mode::Exam(e) = &mut self.mode {
            e.paper.answer(Some(Answer::TrueFalse(given)), env.now);
        }
        self.sync_and_save(env)
    }

    /// Clear the answer of the question on screen.
    pub fn exam_clear_answer(&mut self, env: &mut Env) -> Option<Notice> {
        if let Some(a) = self.current.as_mut() {
            a.chosen.clear();
            a.input.clear();
        }
        if let Mode::Exam(e) = &mut self.mode {
            e.paper.answer(None, env.now);
        }
        self.sync_and_save(env)
    }

    /// As time passes: the warning at [`crate::exam::WARNING_AT`] left (once), and at zero
    /// the exam is submitted as it stands.
    pub fn exam_tick(&mut self, env: &mut Env, day: DayClock) -> Vec<Notice> {
        let Mode::Exam(e) = &mut self.mode else {
            return Vec::new();
        };
        if e.report.is_some() {
            return Vec::new();
        }
        if e.paper.expired(env.now) {
            let mut notices = vec![Notice::ExamTimeUp];
            notices.extend(self.submit_exam(env, day, true));
            return notices;
        }
        if e.paper.warning(env.now) && !e.warned {
            e.warned = true;
            let left = e.paper.remaining(env.now).as_secs().div_ceil(60) as u32;
            return vec![Notice::ExamWarning { minutes: left }];
        }
        Vec::new()
    }

    /// When the countdown next needs the session (the next whole second, for the clock on
    /// screen); `None` once submitted.
    pub fn exam_wake_at(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let e = self.exam_mode().filter(|e| e.report.is_none())?;
        let left = e.paper.remaining(now);
        let to_second = left.subsec_nanos();
        let step = if to_second == 0 {
            std::time::Duration::from_secs(1)
        } else {
            std::time::Duration::from_nanos(u64::from(to_second))
        };
        Some(
            now + chrono::TimeDelta::from_std(
                step.min(left).max(std::time::Duration::from_millis(1)),
            )
            .unwrap_or_default(),
        )
    }

    /// Submit the exam: score it, and make each answer a review of its card (wrong: Again;
    /// right: Good, unless the card is due after the pack's exam date), all saved at once.
    /// On failure the exam stays open and can be submitted again.
    pub fn submit_exam(&mut self, env: &mut Env, day: DayClock, auto: bool) -> Vec<Notice> {
        if let Some(n) = self.sync_and_save(env) {
            return vec![n];
        }
        let Mode::Exam(e) = &mut self.mode else {
            return Vec::new();
        };
        if e.report.is_some() {
            return Vec::new();
        }
        let cat = env.cat;
        let report = ExamReport::grade(
            &e.paper,
            |q| cat.find(&q.key).map(|r| cat.card(r)),
            auto,
            env.now,
        );
        let exam_at = match env.store.exam_plan(&e.paper.pack) {
            Ok(plan) => plan.map(|p| crate::plan::exam_time(day, p.exam_date)),
            Err(err) => return vec![Notice::failed(Failure::SubmitExam, err)],
        };
        let store = &*env.store;
        let due = |k: &crate::srs::queue::ItemKey| {
            store.progress(k).ok().flatten().and_then(|p| p.card.due)
        };
        let reviews: Vec<ExamReview> = report
            .reviews(due, exam_at)
            .into_iter()
            .filter_map(|(key, rating, ms)| {
                let item = cat.find(&key)?;
                Some(ExamReview {
                    meta: AnswerMeta {
                        kind: item_kind(cat.card(item), item.face),
                        correct: Some(rating != Rating::Again),
                        answer_ms: ms,
                    },
                    key,
                    rating,
                })
            })
            .collect();
        match env.store.submit_exam(&e.paper, &report, &reviews, env.now) {
            Ok(_) => {
                e.report = Some(report);
                self.current = None;
                Vec::new()
            }
            Err(err) => vec![Notice::failed(Failure::SubmitExam, err)],
        }
    }
}

/// The answer an attempt holds (options by their source position; typed text).
fn answer_of(a: &Attempt) -> Option<Answer> {
    match &a.shown {
        Shown::Options { options, .. } => {
            let mut chosen: Vec<usize> = a
                .chosen
                .iter()
                .filter_map(|&i| options.get(i).map(|o| o.source_index))
                .collect();
            chosen.sort_unstable();
            chosen.dedup();
            (!chosen.is_empty()).then_some(Answer::Options(chosen))
        }
        Shown::Typed { .. } | Shown::Cloze { .. } => {
            let text = a.input.text().trim();
            (!text.is_empty()).then(|| Answer::Text(a.input.text().to_string()))
        }
        _ => None,
    }
}

/// Put a stored answer back into a fresh attempt.
fn restore(a: &mut Attempt, answer: Option<&Answer>) {
    match (answer, &a.shown) {
        (Some(Answer::Options(chosen)), Shown::Options { options, .. }) => {
            a.chosen = options
                .iter()
                .enumerate()
                .filter(|(_, o)| chosen.contains(&o.source_index))
                .map(|(i, _)| i)
                .collect();
            if let Some(&first) = a.chosen.first() {
                a.cursor = first;
            }
        }
        (Some(Answer::Text(text)), _) => a.input.paste(text),
        _ => {}
    }
}
