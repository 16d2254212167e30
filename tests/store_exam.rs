//! Mock exams against the store: a short exam drawn from the built-in pack, answered,
//! saved and resumed after the store is reopened, submitted (score by hand, reviews in the
//! log under an `exam` session), the history, discarding, and exam plans.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use deckhand::content::{CardBody, Pack, load_builtin};
use deckhand::exam::{Answer, Exam, ExamReport, Question, Verdict, draw};
use deckhand::plan::PlanSettings;
use deckhand::srs::{Rating, State};
use deckhand::store::{AnswerMeta, ExamReview, ItemKind, SessionKind, Store};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0)
        .single()
        .expect("valid")
}

fn short_exam(pack: &Pack, seed: u64, seen: &HashMap<String, u32>) -> Exam {
    let profile = pack.exams.iter().find(|e| e.id == "short").expect("short");
    let questions = draw(profile, pack, seen, seed).expect("draw");
    Exam::new(pack.id(), profile, questions, t0())
}

/// The right answer to a question, or a wrong one.
fn answer(pack: &Pack, q: &Question, right: bool) -> Answer {
    let card = pack.card(&q.card).expect("card");
    match &card.body {
        CardBody::Choice {
            answer, options, ..
        } => {
            let pick = if right {
                *answer
            } else {
                (answer + 1) % options.len()
            };
            Answer::Options(vec![pick])
        }
        CardBody::Multi { answers, .. } => {
            if right {
                Answer::Options(answers.clone())
            } else {
                Answer::Options(vec![answers[0]])
            }
        }
        CardBody::TrueFalse { answer, .. } => Answer::TrueFalse(*answer == right),
        other => panic!("unexpected kind {:?}", other.kind()),
    }
}

fn meta(ms: u32) -> AnswerMeta {
    AnswerMeta {
        kind: ItemKind::Choice,
        correct: None,
        answer_ms: ms,
    }
}

#[test]
fn an_unfinished_exam_resumes_after_the_store_is_reopened() {
    let lib = load_builtin();
    let pack = &lib.packs[0];
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    let mut exam = short_exam(pack, 3, &HashMap::new());
    {
        let mut store = Store::open(&path).expect("store");
        store.start_exam(&mut exam, t0()).expect("start");
        assert!(exam.id > 0);
        let a0 = answer(pack, &exam.questions[0], true);
        exam.answer(Some(a0), t0() + TimeDelta::seconds(50));
        exam.toggle_flag(t0() + TimeDelta::seconds(55));
        exam.go_to(4, t0() + TimeDelta::seconds(60));
        let a4 = answer(pack, &exam.questions[4], false);
        exam.answer(Some(a4), t0() + TimeDelta::seconds(100));
        exam.checkpoint(t0() + TimeDelta::seconds(120));
        store.save_exam(&exam).expect("save");
        // The process dies here: no submit, no clean close.
    }
    let store = Store::open(&path).expect("reopen");
    let later = t0() + TimeDelta::hours(3);
    let resumed = store
        .unfinished_exam(later)
        .expect("read")
        .expect("an exam");
    assert_eq!(resumed.id, exam.id);
    assert_eq!(resumed.position(), 4);
    assert_eq!(
        resumed.questions, exam.questions,
        "answers, flags, times, order"
    );
    assert_eq!(resumed.used(later), Duration::from_secs(120));
    assert_eq!(resumed.remaining(later), Duration::from_secs(40 * 60 - 120));
    assert_eq!((resumed.answered(), resumed.flagged()), (2, 1));
    // Session row of kind exam, not ended.
    let sessions = store.sessions(10).expect("sessions");
    assert_eq!(sessions[0].kind, SessionKind::Exam);
    assert!(sessions[0].ended.is_none());
}

#[test]
fn a_full_short_exam_is_scored_and_its_answers_become_reviews() {
    let lib = load_builtin();
    let pack = &lib.packs[0];
    let mut store = Store::open_in_memory().expect("store");
    let mut exam = short_exam(pack, 9, &HashMap::new());
    store.start_exam(&mut exam, t0()).expect("start");
    // 15 right, 3 wrong, 2 left unanswered: 100 + 900 * 15 / 20 = 775, a pass at 720.
    for i in 0..20 {
        exam.go_to(i, t0() + TimeDelta::seconds(60 * i as i64));
        if i < 18 {
            let a = answer(pack, &exam.questions[i], i < 15);
            exam.answer(Some(a), t0() + TimeDelta::seconds(60 * i as i64 + 30));
        }
        store.save_exam(&exam).expect("save");
    }
    let end = t0() + TimeDelta::minutes(21);
    exam.checkpoint(end);
    let report = ExamReport::grade(&exam, |q| pack.card(&q.card), false, end);
    assert_eq!((report.right, report.total, report.score), (15, 20, 775));
    assert!(report.passed);
    assert_eq!(report.time_used, Duration::from_secs(21 * 60));
    let verdicts = |v: Verdict| report.questions.iter().filter(|q| q.verdict == v).count();
    assert_eq!(
        (
            verdicts(Verdict::Right),
            verdicts(Verdict::Wrong),
            verdicts(Verdict::Unanswered)
        ),
        (15, 3, 2)
    );
    let domain_total: u32 = report.domains.iter().map(|d| d.total).sum();
    assert_eq!(domain_total, 20);

    let reviews: Vec<ExamReview> = report
        .reviews(|_| None, None)
        .into_iter()
        .map(|(key, rating, ms)| ExamReview {
            key,
            rating,
            meta: meta(ms),
        })
        .collect();
    assert_eq!(reviews.len(), 18, "unanswered questions are not reviews");
    let graded = store
        .submit_exam(&exam, &report, &reviews, end)
        .expect("submit");
    assert_eq!(graded.len(), 18);
    let log = store.review_log(Some(pack.id())).expect("log");
    assert_eq!(log.len(), 18);
    let exam_session = store.sessions(10).expect("sessions")[0].clone();
    assert_eq!(exam_session.kind, SessionKind::Exam);
    assert_eq!(exam_session.ended, Some(end));
    assert_eq!(
        (
            exam_session.tally.answered,
            exam_session.tally.correct,
            exam_session.tally.wrong
        ),
        (18, 15, 3)
    );
    for a in &log {
        assert_eq!(a.session_id, Some(exam_session.id));
        assert_eq!(a.state_before, State::New);
        let q = exam
            .questions
            .iter()
            .position(|q| q.key == a.key)
            .expect("on the paper");
        let expected = if q < 15 { Rating::Good } else { Rating::Again };
        assert_eq!(a.rating, expected, "question {q}");
        assert_eq!(a.answer_ms, 60_000);
    }
    // Finished: nothing to resume, and the history has it with its domains.
    assert!(store.unfinished_exam(end).expect("read").is_none());
    let history = store.exam_history(None).expect("history");
    assert_eq!(history.len(), 1);
    let h = &history[0];
    assert_eq!((h.right, h.total, h.score, h.passed), (15, 20, 775, true));
    assert_eq!(h.domains, report.domains);
    assert!(
        store.submit_exam(&exam, &report, &[], end).is_err(),
        "only once"
    );

    // The next exam prefers the cards not met yet.
    let seen = store.exam_seen(pack.id()).expect("seen");
    assert_eq!(seen.values().sum::<u32>(), 20);
    let next = short_exam(pack, 10, &seen);
    assert!(next.questions.iter().all(|q| !seen.contains_key(&q.card)));
}

#[test]
fn a_right_answer_leaves_a_card_due_after_the_exam_date_alone() {
    let lib = load_builtin();
    let pack = &lib.packs[0];
    let mut exam = short_exam(pack, 5, &HashMap::new());
    for i in 0..2 {
        exam.go_to(i, t0());
        let a = answer(pack, &exam.questions[i], i == 0);
        exam.answer(Some(a), t0());
    }
    let report = ExamReport::grade(&exam, |q| pack.card(&q.card), false, t0());
    let exam_at = t0() + TimeDelta::days(10);
    let far = exam.questions[0].key.clone();
    let wrong_far = exam.questions[1].key.clone();
    let due = |k: &deckhand::srs::queue::ItemKey| {
        (k == &far || k == &wrong_far).then(|| t0() + TimeDelta::days(30))
    };
    let reviews = report.reviews(due, Some(exam_at));
    assert_eq!(
        reviews.len(),
        1,
        "the right answer on a card due after the exam is skipped"
    );
    assert_eq!((&reviews[0].0, reviews[0].1), (&wrong_far, Rating::Again));
    assert_eq!(
        report.reviews(due, None).len(),
        2,
        "without an exam date both count"
    );
}

#[test]
fn a_discarded_exam_is_gone_and_leaves_no_reviews() {
    let lib = load_builtin();
    let pack = &lib.packs[0];
    let mut store = Store::open_in_memory().expect("store");
    let mut exam = short_exam(pack, 1, &HashMap::new());
    store.start_exam(&mut exam, t0()).expect("start");
    store.discard_exam(exam.id, t0()).expect("discard");
    assert!(store.unfinished_exam(t0()).expect("read").is_none());
    assert!(store.exam_history(None).expect("history").is_empty());
    assert_eq!(store.review_count().expect("count"), 0);
    assert!(store.exam_seen(pack.id()).expect("seen").is_empty());
}

#[test]
fn exam_plans_are_stored_per_pack_and_checked() {
    let mut store = Store::open_in_memory().expect("store");
    assert_eq!(store.exam_plan("aws-containers").expect("read"), None);
    let plan = PlanSettings {
        exam_date: NaiveDate::from_ymd_opt(2027, 1, 15).expect("date"),
        minutes_per_day: Some(30),
        target_retention: None,
    };
    store.set_exam_plan("aws-containers", &plan).expect("set");
    assert_eq!(store.exam_plan("aws-containers").expect("read"), Some(plan));
    assert_eq!(store.exam_plan("other").expect("read"), None);
    let bad = PlanSettings {
        target_retention: Some(1.5),
        ..plan
    };
    assert!(store.set_exam_plan("aws-containers", &bad).is_err());
    assert_eq!(store.exam_plan("aws-containers").expect("read"), Some(plan));
    store.clear_exam_plan("aws-containers").expect("clear");
    assert_eq!(store.exam_plan("aws-containers").expect("read"), None);
}
