//! Scoring a submitted exam: each question right or wrong (no partial credit, as AWS), the
//! scaled score against the pass mark, and the results per domain.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::MAX_ANSWER_MS;
use super::paper::{Answer, Exam, Question};
use crate::content::{Card, CardBody, ExamProfile, Face};
use crate::quiz::{self, Shown, TypedVerdict};
use crate::srs::Rating;
use crate::srs::queue::ItemKey;

/// How one question went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Right,
    Wrong,
    /// Left without an answer (scored as wrong).
    Unanswered,
    /// The card is no longer in the pack (not scored).
    Removed,
}

impl Verdict {
    /// The stored form (`right`, `wrong`, `unanswered`, `removed`).
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Wrong => "wrong",
            Verdict::Unanswered => "unanswered",
            Verdict::Removed => "removed",
        }
    }
}

/// One question in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub key: ItemKey,
    pub domain: String,
    pub verdict: Verdict,
    pub answer: Option<Answer>,
    pub flagged: bool,
    pub time_ms: u64,
}

/// Right and total questions of one domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainResult {
    /// The domain key (a topic id or `tag:NAME`).
    pub domain: String,
    pub right: u32,
    pub total: u32,
}

impl DomainResult {
    /// The share right, 0 to 1 (0 for an empty domain).
    pub fn share(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            f64::from(self.right) / f64::from(self.total)
        }
    }
}

/// The result of a submitted exam.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamReport {
    pub right: u32,
    /// Questions scored (removed cards are not).
    pub total: u32,
    /// The scaled score, 100 to 1000.
    pub score: u32,
    pub pass_mark: u32,
    pub passed: bool,
    pub time_used: Duration,
    pub time_limit: Duration,
    /// Submitted by the clock running out.
    pub auto_submitted: bool,
    pub submitted: DateTime<Utc>,
    /// Per domain, by domain key.
    pub domains: Vec<DomainResult>,
    /// Every question, in paper order.
    pub questions: Vec<QuestionResult>,
}

impl ExamReport {
    /// Score `exam` at `now`. `card` finds a question's card in the loaded pack (`None` when
    /// it was removed since the exam began). Call [`Exam::checkpoint`] first so the time used
    /// is up to date.
    pub fn grade<'c>(
        exam: &Exam,
        card: impl Fn(&Question) -> Option<&'c Card>,
        auto_submitted: bool,
        now: DateTime<Utc>,
    ) -> ExamReport {
        let questions: Vec<QuestionResult> = exam
            .questions
            .iter()
            .map(|q| QuestionResult {
                key: q.key.clone(),
                domain: q.domain.clone(),
                verdict: card(q).map_or(Verdict::Removed, |c| grade_question(c, q)),
                answer: q.answer.clone(),
                flagged: q.flagged,
                time_ms: q.time_ms,
            })
            .collect();
        let mut domains: BTreeMap<&str, DomainResult> = BTreeMap::new();
        for q in questions.iter().filter(|q| q.verdict != Verdict::Removed) {
            let d = domains
                .entry(q.domain.as_str())
                .or_insert_with(|| DomainResult {
                    domain: q.domain.clone(),
                    right: 0,
                    total: 0,
                });
            d.total += 1;
            d.right += u32::from(q.verdict == Verdict::Right);
        }
        let domains: Vec<DomainResult> = domains.into_values().collect();
        let right = domains.iter().map(|d| d.right).sum();
        let total = domains.iter().map(|d| d.total).sum();
        let score = ExamProfile::scaled_score(right, total);
        ExamReport {
            right,
            total,
            score,
            pass_mark: exam.pass_mark,
            passed: score >= exam.pass_mark,
            time_used: exam.used_at_checkpoint().min(exam.time_limit),
            time_limit: exam.time_limit,
            auto_submitted,
            submitted: now,
            domains,
            questions,
        }
    }

    /// The reviews the answers become: a wrong answer is Again; a right one is Good, unless
    /// the card is already due after `exam_at` (the learner's exam, when a date is set), in
    /// which case its schedule is left alone. Unanswered questions and removed cards are
    /// not reviews. Each comes with the time spent on it (capped at [`MAX_ANSWER_MS`]).
    pub fn reviews(
        &self,
        due: impl Fn(&ItemKey) -> Option<DateTime<Utc>>,
        exam_at: Option<DateTime<Utc>>,
    ) -> Vec<(ItemKey, Rating, u32)> {
        self.questions
            .iter()
            .filter_map(|q| {
                let rating = match q.verdict {
                    Verdict::Wrong => Rating::Again,
                    Verdict::Right => {
                        let beyond = exam_at.is_some_and(|x| due(&q.key).is_some_and(|d| d > x));
                        if beyond {
                            return None;
                        }
                        Rating::Good
                    }
                    Verdict::Unanswered | Verdict::Removed => return None,
                };
                let ms = q.time_ms.min(MAX_ANSWER_MS) as u32;
                Some((q.key.clone(), rating, ms))
            })
            .collect()
    }

    /// The weakest domains, weakest first: those below the pass mark's share of right
    /// answers, at most `n` (the single weakest when every domain is above it).
    pub fn weakest(&self, n: usize) -> Vec<&str> {
        let pass_share = f64::from(self.pass_mark.saturating_sub(crate::content::SCALED_MIN))
            / f64::from(crate::content::SCALED_MAX - crate::content::SCALED_MIN);
        let mut ds: Vec<&DomainResult> = self.domains.iter().filter(|d| d.total > 0).collect();
        ds.sort_by(|a, b| {
            a.share()
                .total_cmp(&b.share())
                .then(b.total.cmp(&a.total))
                .then(a.domain.cmp(&b.domain))
        });
        let below: Vec<&str> = ds
            .iter()
            .filter(|d| d.share() < pass_share)
            .take(n)
            .map(|d| d.domain.as_str())
            .collect();
        if below.is_empty() {
            ds.first()
                .map(|d| vec![d.domain.as_str()])
                .unwrap_or_default()
        } else {
            below
        }
    }
}

/// Whether `q`'s answer to `card` is right (exact options, the true/false value, a typed
/// answer within the usual typo tolerance).
pub fn grade_question(card: &Card, q: &Question) -> Verdict {
    let Some(answer) = q.answer.as_ref().filter(|a| a.is_given()) else {
        return Verdict::Unanswered;
    };
    let right = match (&card.body, answer) {
        (CardBody::Choice { .. } | CardBody::Multi { .. }, Answer::Options(chosen)) => {
            match q.shown(card) {
                Shown::Options { options, .. } => {
                    let shown: Vec<usize> = options
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| chosen.contains(&o.source_index))
                        .map(|(i, _)| i)
                        .collect();
                    quiz::check_options(&options, &shown).outcome.is_right()
                }
                _ => false,
            }
        }
        (CardBody::TrueFalse { answer, .. }, Answer::TrueFalse(given)) => answer == given,
        (CardBody::Typed { answers, .. }, Answer::Text(text)) => {
            quiz::check_typed(text, answers) != TypedVerdict::Wrong
        }
        (CardBody::Cloze { text: cloze }, Answer::Text(text)) => {
            let n = match q.face {
                Face::Cloze(n) => n,
                _ => cloze.numbers().first().copied().unwrap_or(1),
            };
            let expected = cloze.answers(n).join(" ");
            quiz::check_typed(text, &[expected]) != TypedVerdict::Wrong
        }
        _ => false,
    };
    if right {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{AnswerOption, ClozeText, Location};

    fn card(body: CardBody) -> Card {
        Card {
            id: "c".into(),
            topic: "t".into(),
            tags: vec![],
            refs: vec![],
            explain: String::new(),
            diagram: None,
            diagram_after: false,
            sim: None,
            replaces: Vec::new(),
            body,
            location: Location {
                file: "f".into(),
                line: 1,
            },
        }
    }

    fn opts(n: usize) -> Vec<AnswerOption> {
        (0..n)
            .map(|i| AnswerOption {
                text: format!("o{i}"),
                why: String::new(),
            })
            .collect()
    }

    fn q(face: Face, answer: Option<Answer>) -> Question {
        let mut q = Question::new(ItemKey::new("p", "c"), "c".into(), face, "t".into(), 99);
        q.answer = answer;
        q
    }

    #[test]
    fn options_are_right_only_when_exactly_the_correct_ones_are_chosen() {
        let multi = card(CardBody::Multi {
            question: "?".into(),
            options: opts(4),
            answers: vec![1, 3],
        });
        let v = |a: Vec<usize>| grade_question(&multi, &q(Face::Front, Some(Answer::Options(a))));
        assert_eq!(v(vec![1, 3]), Verdict::Right);
        assert_eq!(v(vec![1]), Verdict::Wrong);
        assert_eq!(v(vec![0, 1, 3]), Verdict::Wrong);
        assert_eq!(
            grade_question(&multi, &q(Face::Front, None)),
            Verdict::Unanswered
        );
        let tf = card(CardBody::TrueFalse {
            statement: "s".into(),
            answer: false,
        });
        let a = Some(Answer::TrueFalse(false));
        assert_eq!(grade_question(&tf, &q(Face::Front, a)), Verdict::Right);
        let wrong_kind = Some(Answer::Text("false".into()));
        assert_eq!(
            grade_question(&tf, &q(Face::Front, wrong_kind)),
            Verdict::Wrong
        );
    }

    #[test]
    fn typed_and_cloze_answers_tolerate_a_typo() {
        let typed = card(CardBody::Typed {
            question: "?".into(),
            answers: vec!["awsvpc".into()],
        });
        let a = Some(Answer::Text("AWSVPC".into()));
        assert_eq!(grade_question(&typed, &q(Face::Front, a)), Verdict::Right);
        let cloze = card(CardBody::Cloze {
            text: ClozeText::parse("{{c1::Fargate}} runs {{c2::tasks}}").expect("cloze"),
        });
        let a = Some(Answer::Text("fargat".into()));
        assert_eq!(
            grade_question(&cloze, &q(Face::Cloze(1), a)),
            Verdict::Right
        );
        let a = Some(Answer::Text("Fargate".into()));
        assert_eq!(
            grade_question(&cloze, &q(Face::Cloze(2), a)),
            Verdict::Wrong
        );
    }
}
