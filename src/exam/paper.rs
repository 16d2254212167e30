//! An exam being taken: the questions with their answers and flags, where the learner is,
//! and the countdown.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::WARNING_AT;
use crate::content::{Card, ExamProfile, Face};
use crate::quiz::{self, Shown};
use crate::srs::queue::ItemKey;

/// A learner's answer to one question. Options are kept by their position in the card's
/// source (the author's A, B, …), so the answer survives any order they were shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The chosen options (source positions, sorted).
    Options(Vec<usize>),
    /// True or false.
    TrueFalse(bool),
    /// A typed answer (typed cards, cloze gaps).
    Text(String),
}

impl Answer {
    /// Whether anything was given (an empty selection or blank text counts as no answer).
    pub fn is_given(&self) -> bool {
        match self {
            Answer::Options(o) => !o.is_empty(),
            Answer::TrueFalse(_) => true,
            Answer::Text(t) => !t.trim().is_empty(),
        }
    }
}

/// One question of a paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// The study item asked (its review is recorded on submit).
    pub key: ItemKey,
    /// The card id within the pack.
    pub card: String,
    /// Which face of the card is asked.
    pub face: Face,
    /// The domain key it was drawn for (a topic id or `tag:NAME`).
    pub domain: String,
    /// Seeds the order its options are shown in.
    pub option_seed: u64,
    /// The answer given so far, if any.
    pub answer: Option<Answer>,
    /// Flagged for review.
    pub flagged: bool,
    /// Time spent on it so far, in milliseconds.
    pub time_ms: u64,
}

impl Question {
    /// A fresh, unanswered question.
    pub fn new(key: ItemKey, card: String, face: Face, domain: String, option_seed: u64) -> Self {
        Question {
            key,
            card,
            face,
            domain,
            option_seed,
            answer: None,
            flagged: false,
            time_ms: 0,
        }
    }

    /// The question as shown (options in this paper's order).
    pub fn shown(&self, card: &Card) -> Shown {
        quiz::present(card, self.face, self.option_seed)
    }

    /// Whether it has an answer.
    pub fn is_answered(&self) -> bool {
        self.answer.as_ref().is_some_and(Answer::is_given)
    }
}

/// The face an item id asks (`card` → front, `card:reverse`, `card:c2` → cloze 2).
pub fn face_of(item: &str) -> Face {
    match item.rsplit_once(':') {
        Some((_, "reverse")) => Face::Reverse,
        Some((_, c)) => c
            .strip_prefix('c')
            .and_then(|n| n.parse().ok())
            .map_or(Face::Front, Face::Cloze),
        None => Face::Front,
    }
}

/// How a question looks on the question map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MapMark {
    pub answered: bool,
    pub flagged: bool,
    pub current: bool,
}

/// An exam in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Exam {
    /// The store's id (0 until it is saved).
    pub id: i64,
    /// The pack it was drawn from.
    pub pack: String,
    /// The profile id.
    pub profile: String,
    pub title: String,
    /// The pass mark on the scaled score.
    pub pass_mark: u32,
    /// The time allowed.
    pub time_limit: Duration,
    /// When it was started.
    pub started: DateTime<Utc>,
    pub questions: Vec<Question>,
    position: usize,
    /// Time used before `since`.
    used: Duration,
    /// When the current stretch of work began (start, resume, or the last checkpoint).
    since: DateTime<Utc>,
}

impl Exam {
    /// A new exam from `profile` over `questions`, started at `now`.
    pub fn new(
        pack: &str,
        profile: &ExamProfile,
        questions: Vec<Question>,
        now: DateTime<Utc>,
    ) -> Exam {
        Exam {
            id: 0,
            pack: pack.to_string(),
            profile: profile.id.clone(),
            title: profile.title.clone(),
            pass_mark: profile.pass_mark,
            time_limit: Duration::from_secs(u64::from(profile.minutes) * 60),
            started: now,
            questions,
            position: 0,
            used: Duration::ZERO,
            since: now,
        }
    }

    /// An exam as stored, resumed at `now`: `used` is the time used until the last save;
    /// the countdown goes on from there.
    #[allow(clippy::too_many_arguments)]
    pub fn restore(
        id: i64,
        pack: String,
        profile: String,
        title: String,
        pass_mark: u32,
        time_limit: Duration,
        started: DateTime<Utc>,
        questions: Vec<Question>,
        position: usize,
        used: Duration,
        now: DateTime<Utc>,
    ) -> Exam {
        let position = position.min(questions.len().saturating_sub(1));
        Exam {
            id,
            pack,
            profile,
            title,
            pass_mark,
            time_limit,
            started,
            questions,
            position,
            used,
            since: now,
        }
    }

    /// The question shown now.
    pub fn position(&self) -> usize {
        self.position
    }

    /// The current question (`None` only for an empty paper).
    pub fn current(&self) -> Option<&Question> {
        self.questions.get(self.position)
    }

    /// Time used at `now`.
    pub fn used(&self, now: DateTime<Utc>) -> Duration {
        self.used + (now - self.since).to_std().unwrap_or_default()
    }

    /// Time left at `now` (zero once it has run out).
    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        self.time_limit.saturating_sub(self.used(now))
    }

    /// Whether time has run out.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        self.remaining(now).is_zero()
    }

    /// Whether to warn that time is running out (at most [`WARNING_AT`] left, not yet out).
    pub fn warning(&self, now: DateTime<Utc>) -> bool {
        let left = self.remaining(now);
        !left.is_zero() && left <= WARNING_AT
    }

    /// The instant time runs out if the exam stays open (for a wake-up timer).
    pub fn deadline(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + chrono::TimeDelta::from_std(self.remaining(now)).unwrap_or_default()
    }

    /// Fold the time since the last checkpoint into the time used and the current
    /// question's time (call before saving, and it is called on every move).
    pub fn checkpoint(&mut self, now: DateTime<Utc>) {
        let spent = (now - self.since).to_std().unwrap_or_default();
        // Time past the limit is not counted.
        let spent = spent.min(self.time_limit.saturating_sub(self.used));
        self.used += spent;
        if let Some(q) = self.questions.get_mut(self.position) {
            q.time_ms = q.time_ms.saturating_add(spent.as_millis() as u64);
        }
        self.since = now;
    }

    /// Time used as of the last checkpoint.
    pub fn used_at_checkpoint(&self) -> Duration {
        self.used
    }

    /// Go to question `index` (clamped to the paper).
    pub fn go_to(&mut self, index: usize, now: DateTime<Utc>) {
        self.checkpoint(now);
        self.position = index.min(self.questions.len().saturating_sub(1));
    }

    /// The next question (stays on the last).
    pub fn next(&mut self, now: DateTime<Utc>) {
        self.go_to(self.position + 1, now);
    }

    /// The previous question (stays on the first).
    pub fn previous(&mut self, now: DateTime<Utc>) {
        self.go_to(self.position.saturating_sub(1), now);
    }

    /// The next question after the current one (wrapping) that matches `pred`.
    pub fn find_next(&self, pred: impl Fn(&Question) -> bool) -> Option<usize> {
        let n = self.questions.len();
        (1..=n)
            .map(|k| (self.position + k) % n)
            .find(|&i| pred(&self.questions[i]))
    }

    /// Answer the current question (replacing any earlier answer; `None` clears it).
    pub fn answer(&mut self, answer: Option<Answer>, now: DateTime<Utc>) {
        self.checkpoint(now);
        if let Some(q) = self.questions.get_mut(self.position) {
            q.answer = answer.filter(Answer::is_given);
        }
    }

    /// Flag or unflag the current question for review.
    pub fn toggle_flag(&mut self, now: DateTime<Utc>) {
        self.checkpoint(now);
        if let Some(q) = self.questions.get_mut(self.position) {
            q.flagged = !q.flagged;
        }
    }

    /// The question map, in order.
    pub fn map(&self) -> Vec<MapMark> {
        self.questions
            .iter()
            .enumerate()
            .map(|(i, q)| MapMark {
                answered: q.is_answered(),
                flagged: q.flagged,
                current: i == self.position,
            })
            .collect()
    }

    /// Questions answered.
    pub fn answered(&self) -> usize {
        self.questions.iter().filter(|q| q.is_answered()).count()
    }

    /// Questions flagged.
    pub fn flagged(&self) -> usize {
        self.questions.iter().filter(|q| q.flagged).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{CardKind, Domain, ExamDomain};
    use chrono::{TimeDelta, TimeZone};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0)
            .single()
            .expect("valid")
    }

    fn exam(n: usize) -> Exam {
        let profile = ExamProfile {
            id: "short".into(),
            title: "Short".into(),
            questions: n as u32,
            minutes: 40,
            pass_mark: 720,
            kinds: vec![CardKind::Choice],
            domains: vec![ExamDomain {
                domain: Domain::Topic("t".into()),
                weight: 100.0,
            }],
        };
        let qs = (0..n)
            .map(|i| {
                Question::new(
                    ItemKey::new("p", format!("c{i}")),
                    format!("c{i}"),
                    Face::Front,
                    "t".into(),
                    i as u64,
                )
            })
            .collect();
        Exam::new("p", &profile, qs, t0())
    }

    #[test]
    fn countdown_warns_at_five_minutes_and_stops_at_zero() {
        let e = exam(3);
        assert_eq!(e.remaining(t0()), Duration::from_secs(40 * 60));
        assert!(!e.warning(t0() + TimeDelta::minutes(34)));
        assert!(e.warning(t0() + TimeDelta::minutes(35)));
        assert!(!e.expired(t0() + TimeDelta::seconds(40 * 60 - 1)));
        assert!(e.expired(t0() + TimeDelta::minutes(40)));
        assert_eq!(e.remaining(t0() + TimeDelta::hours(5)), Duration::ZERO);
        assert_eq!(e.deadline(t0()), t0() + TimeDelta::minutes(40));
    }

    #[test]
    fn answers_change_until_submit_and_time_goes_to_the_question_on_screen() {
        let mut e = exam(3);
        e.answer(
            Some(Answer::Options(vec![1])),
            t0() + TimeDelta::seconds(30),
        );
        e.toggle_flag(t0() + TimeDelta::seconds(31));
        e.next(t0() + TimeDelta::seconds(40));
        e.answer(
            Some(Answer::Options(vec![0])),
            t0() + TimeDelta::seconds(60),
        );
        e.previous(t0() + TimeDelta::seconds(70));
        e.answer(
            Some(Answer::Options(vec![2])),
            t0() + TimeDelta::seconds(75),
        );
        e.go_to(99, t0() + TimeDelta::seconds(80));
        assert_eq!(e.position(), 2);
        e.answer(Some(Answer::Options(vec![])), t0() + TimeDelta::seconds(90));
        assert_eq!(e.questions[0].answer, Some(Answer::Options(vec![2])));
        assert_eq!(e.questions[0].time_ms, 40_000 + 10_000);
        assert_eq!(e.questions[1].time_ms, 30_000);
        assert_eq!(e.questions[2].answer, None, "an empty choice is no answer");
        assert_eq!((e.answered(), e.flagged()), (2, 1));
        let map = e.map();
        assert!(map[0].answered && map[0].flagged && !map[0].current);
        assert!(!map[2].answered && map[2].current);
        assert_eq!(e.find_next(|q| !q.is_answered()), Some(2));
        assert_eq!(e.find_next(|q| q.flagged), Some(0));
    }

    #[test]
    fn a_restored_exam_counts_only_the_time_used_before_it_was_saved() {
        let mut e = exam(2);
        e.checkpoint(t0() + TimeDelta::minutes(10));
        let used = e.used_at_checkpoint();
        // Closed for a day, resumed: the countdown goes on from 30 minutes left.
        let later = t0() + TimeDelta::days(1);
        let r = Exam::restore(
            7,
            e.pack.clone(),
            e.profile.clone(),
            e.title.clone(),
            e.pass_mark,
            e.time_limit,
            e.started,
            e.questions.clone(),
            5,
            used,
            later,
        );
        assert_eq!(r.remaining(later), Duration::from_secs(30 * 60));
        assert_eq!(r.position(), 1, "a stored position past the end is clamped");
    }

    #[test]
    fn time_past_the_limit_is_not_counted() {
        let mut e = exam(1);
        e.checkpoint(t0() + TimeDelta::hours(3));
        assert_eq!(e.used_at_checkpoint(), Duration::from_secs(40 * 60));
        assert_eq!(e.questions[0].time_ms, 40 * 60 * 1000);
    }
}
