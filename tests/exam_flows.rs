//! Mock exams driven through the app with keys, as a learner takes them: a full exam
//! answered, flagged, submitted and scored (the score worked out by hand), its answers in the
//! review log; an unfinished exam resumed after the store is reopened; the countdown's
//! warning and the submission when time runs out; the report's "study my weak domains".

mod support;

use std::path::Path;

use chrono::TimeDelta;
use deckhand::config::Config;
use deckhand::exam::Answer;
use deckhand::srs::{Rating, State};
use deckhand::store::{SessionKind, Store};
use deckhand::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;
use support::*;

const PACK: &str = "tests/fixtures/exam-pack";

fn exam_app(store: Store) -> (App, std::rc::Rc<deckhand::study::FixedClock>) {
    app_over(Path::new(PACK), store, Config::default())
}

/// The paper on screen.
fn paper(app: &App) -> &deckhand::exam::Exam {
    match &app.screen {
        Screen::Exam(e) => e.session.paper().expect("an exam"),
        _ => panic!("not on the exam screen"),
    }
}

/// Start the mock exam `row` of the chooser (0: the first profile) from Home.
fn start(app: &mut App, row: usize) {
    ch(app, 'x');
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Exam(_)),
        "{}",
        screen(app, 80, 24)
    );
}

#[test]
fn a_full_exam_answered_with_keys_is_scored_and_its_answers_are_reviews() {
    let (mut app, clock) = exam_app(Store::open_in_memory().expect("store"));
    start(&mut app, 0);
    assert_eq!(paper(&app).questions.len(), 5);
    // Questions 1-3 right, 4 wrong, 5 left unanswered; question 2 flagged.
    for i in 0..5 {
        clock.advance(TimeDelta::seconds(40));
        if i < 4 {
            answer_exam_question(&mut app, i < 3);
        }
        if i == 1 {
            ch(&mut app, 'F');
        }
        ch(&mut app, 'n');
    }
    let p = paper(&app);
    assert_eq!((p.answered(), p.flagged()), (4, 1));
    assert!(p.questions[1].flagged);
    // Answers change until the exam is submitted: make question 1 wrong, then right again.
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'g');
    press(&mut app, KeyCode::Home);
    for _ in 0..5 {
        press(&mut app, KeyCode::Up);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(paper(&app).position(), 0);
    let before = paper(&app).questions[0].answer.clone();
    press(&mut app, KeyCode::Backspace);
    assert_eq!(paper(&app).questions[0].answer, None);
    answer_exam_question(&mut app, false);
    assert_ne!(paper(&app).questions[0].answer, before);
    press(&mut app, KeyCode::Backspace);
    answer_exam_question(&mut app, true);
    if let Some(Answer::Options(_)) = before {
        assert_eq!(paper(&app).questions[0].answer, before);
    }
    // Submitting asks first; "no" keeps the exam open.
    ch(&mut app, 'S');
    ch(&mut app, 'n');
    assert!(matches!(app.screen, Screen::Exam(_)));
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    let Screen::ExamReport(report) = &app.screen else {
        panic!("no report: {}", screen(&app, 80, 24));
    };
    let r = &report.report;
    // 3 of 5 right: 100 + 900 * 3 / 5 = 640, under the pass mark of 700.
    assert_eq!((r.right, r.total, r.score, r.passed), (3, 5, 640, false));
    assert!(!r.auto_submitted);
    assert_eq!(r.domains.iter().map(|d| d.total).sum::<u32>(), 5);
    // Four answers became reviews (the unanswered one did not): right Good, wrong Again.
    let log = app.store.review_log(Some("mock")).expect("log");
    assert_eq!(log.len(), 4);
    let ratings: Vec<Rating> = log.iter().map(|a| a.rating).collect();
    assert_eq!(ratings.iter().filter(|r| **r == Rating::Good).count(), 3);
    assert_eq!(ratings.iter().filter(|r| **r == Rating::Again).count(), 1);
    assert!(log.iter().all(|a| a.state_before == State::New));
    let session = app.store.sessions(5).expect("sessions")[0].clone();
    assert_eq!(session.kind, SessionKind::Exam);
    assert!(log.iter().all(|a| a.session_id == Some(session.id)));
    assert_eq!(app.store.exam_history(None).expect("history").len(), 1);
    // Home again; the exam is no longer offered for resuming.
    ch(&mut app, 'q');
    assert!(matches!(app.screen, Screen::Home));
    assert!(
        app.store
            .unfinished_exam(clock_now(&app))
            .expect("read")
            .is_none()
    );
}

fn clock_now(app: &App) -> chrono::DateTime<chrono::Utc> {
    app.now()
}

#[test]
fn an_unfinished_exam_resumes_after_the_store_is_reopened() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    let (questions, answers) = {
        let (mut app, clock) = exam_app(Store::open(&path).expect("store"));
        start(&mut app, 0);
        answer_exam_question(&mut app, true);
        ch(&mut app, 'n');
        answer_exam_question(&mut app, false);
        ch(&mut app, 'F');
        clock.advance(TimeDelta::minutes(3));
        // Leaving asks; the exam is saved and Home says how to resume it.
        ch(&mut app, 'q');
        ch(&mut app, 'y');
        assert!(matches!(app.screen, Screen::Home));
        let toast = app.toast.clone().expect("a toast").text;
        assert!(toast.contains("x on Home resumes it"), "{toast}");
        let Some(u) = app.store.unfinished_exam(app.now()).expect("read") else {
            panic!("not saved")
        };
        (
            u.questions
                .iter()
                .map(|q| q.key.clone())
                .collect::<Vec<_>>(),
            u.questions
                .iter()
                .map(|q| q.answer.clone())
                .collect::<Vec<_>>(),
        )
    };
    // A new start: the exam chooser offers to resume it first.
    let (mut app, _) = exam_app(Store::open(&path).expect("reopen"));
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Enter);
    let p = paper(&app);
    assert_eq!(
        p.questions
            .iter()
            .map(|q| q.key.clone())
            .collect::<Vec<_>>(),
        questions
    );
    assert_eq!(
        p.questions
            .iter()
            .map(|q| q.answer.clone())
            .collect::<Vec<_>>(),
        answers
    );
    assert_eq!(p.position(), 1);
    assert!(p.questions[1].flagged);
    assert_eq!(p.answered(), 2);
    // Three minutes of the ten were used.
    assert_eq!(p.remaining(app.now()).as_secs(), 7 * 60);
}

#[test]
fn quitting_the_program_during_an_exam_saves_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    {
        let (mut app, _) = exam_app(Store::open(&path).expect("store"));
        start(&mut app, 0);
        answer_exam_question(&mut app, true);
        ctrl(&mut app, 'c');
        assert!(app.should_quit());
    }
    let store = Store::open(&path).expect("reopen");
    let u = store.unfinished_exam(t0()).expect("read").expect("saved");
    assert_eq!(u.answered(), 1);
}

#[test]
fn the_countdown_warns_at_five_minutes_and_submits_at_zero() {
    let (mut app, clock) = exam_app(Store::open_in_memory().expect("store"));
    start(&mut app, 0);
    answer_exam_question(&mut app, true);
    // The app wakes every second to move the clock on screen.
    let wake = app.wake_at().expect("a wake-up");
    assert!(wake > app.now() && wake <= app.now() + TimeDelta::seconds(1));
    assert!(screen(&app, 80, 24).contains("time left 10:00"));
    clock.advance(TimeDelta::seconds(61));
    assert!(screen(&app, 80, 24).contains("time left 08:59"));
    clock.advance(TimeDelta::minutes(4));
    app.tick();
    let toast = app.toast.clone().expect("the warning").text;
    assert!(toast.starts_with("5 minutes left"), "{toast}");
    clock.advance(TimeDelta::minutes(5));
    app.tick();
    let Screen::ExamReport(report) = &app.screen else {
        panic!("not submitted: {}", screen(&app, 80, 24));
    };
    assert!(report.report.auto_submitted);
    assert_eq!((report.report.right, report.report.total), (1, 5));
    assert_eq!(report.report.time_used.as_secs(), 600);
}

#[test]
fn the_report_studies_the_weakest_domains() {
    let (mut app, _) = exam_app(Store::open_in_memory().expect("store"));
    start(&mut app, 0);
    // Every answer wrong: both domains are weak.
    for _ in 0..5 {
        answer_exam_question(&mut app, false);
        ch(&mut app, 'n');
    }
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    assert!(matches!(app.screen, Screen::ExamReport(_)));
    ch(&mut app, 'w');
    let Screen::Study(study) = &app.screen else {
        panic!("no review: {}", screen(&app, 80, 24));
    };
    assert!(
        study.session.label().contains("Compute") || study.session.label().contains("Security")
    );
    // The cards answered wrongly in the exam are due again (relearning) among them.
    assert!(app.current().is_some());
}

#[test]
fn the_built_in_short_exam_answered_with_keys_scores_as_worked_out_by_hand() {
    let (mut app, clock) = app_of(library(), Vec::new());
    // The built-in pack is the first row; its second exam is the short one.
    start(&mut app, 1);
    let p = paper(&app);
    assert_eq!(
        (p.title.as_str(), p.questions.len()),
        ("Short mock exam", 20)
    );
    assert_eq!(p.time_limit.as_secs(), 40 * 60);
    for i in 0..20 {
        clock.advance(TimeDelta::seconds(50));
        answer_exam_question(&mut app, i % 10 < 7);
        ch(&mut app, 'n');
    }
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    let Screen::ExamReport(report) = &app.screen else {
        panic!("no report: {}", screen(&app, 80, 24));
    };
    // 14 of 20 right: 100 + 900 * 14 / 20 = 730, over the pass mark of 720.
    let r = &report.report;
    assert_eq!((r.right, r.total, r.score, r.passed), (14, 20, 730, true));
    let log = app.store.review_log(None).expect("log");
    assert_eq!(log.len(), 20);
    assert_eq!(log.iter().filter(|a| a.rating == Rating::Good).count(), 14);
    assert_eq!(log.iter().filter(|a| a.rating == Rating::Again).count(), 6);
}

/// Submit the fixture's exam with every question answered (right, wrong, alternately): the
/// report is on screen.
fn report(app: &mut App) {
    start(app, 0);
    for i in 0..5 {
        answer_exam_question(app, i % 2 == 0);
        ch(app, 'n');
    }
    ch(app, 'S');
    ch(app, 'y');
    assert!(
        matches!(app.screen, Screen::ExamReport(_)),
        "{}",
        screen(app, 80, 24)
    );
}

#[test]
fn the_report_stops_at_its_end() {
    let (mut app, _) = exam_app(Store::open_in_memory().expect("store"));
    report(&mut app);
    support::scroll::one_up_after_the_end_moves(&mut app, 200, "exam report");
}

/// The mouse wheel over the report scrolls it as Down and Up do.
#[test]
fn the_wheel_scrolls_the_report() {
    let (mut app, _) = exam_app(Store::open_in_memory().expect("store"));
    report(&mut app);
    let top = first_report_row(&app);
    wheel(&mut app, 40, 10, false);
    wheel(&mut app, 40, 10, false);
    match &app.screen {
        Screen::ExamReport(r) => assert_eq!(r.scroll.at(), 2),
        _ => panic!("the report"),
    }
    wheel(&mut app, 40, 10, true);
    wheel(&mut app, 40, 10, true);
    assert_eq!(first_report_row(&app), top);
}

/// The first row of text in the report's panel at 80x24.
fn first_report_row(app: &App) -> String {
    screen(app, 80, 24)
        .lines()
        .nth(2)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_reports_question_jumps_land_on_a_question_and_back_on_the_score() {
    let (mut app, _) = exam_app(Store::open_in_memory().expect("store"));
    report(&mut app);
    let score = first_report_row(&app);
    let question = |row: &str, n: usize| {
        row.split_whitespace()
            .nth(2)
            .is_some_and(|w| w == format!("{n}."))
    };
    ch(&mut app, 'n');
    assert!(
        question(&first_report_row(&app), 1),
        "{}",
        screen(&app, 80, 24)
    );
    ch(&mut app, 'n');
    assert!(
        question(&first_report_row(&app), 2),
        "{}",
        screen(&app, 80, 24)
    );
    ch(&mut app, 'p');
    assert!(
        question(&first_report_row(&app), 1),
        "{}",
        screen(&app, 80, 24)
    );
    // Past the last question that can be first on screen, Next stays at the end; one
    // Previous then moves up to a question.
    for _ in 0..10 {
        ch(&mut app, 'n');
    }
    let end = first_report_row(&app);
    ch(&mut app, 'p');
    let back = first_report_row(&app);
    assert_ne!(
        back,
        end,
        "one Previous after 10 Nexts left the report where it was:\n{}",
        screen(&app, 80, 24)
    );
    assert!(
        (1..=4).any(|n| question(&back, n)),
        "{}",
        screen(&app, 80, 24)
    );
    ch(&mut app, 'g');
    assert_eq!(first_report_row(&app), score);
    ch(&mut app, 'p');
    assert_eq!(first_report_row(&app), score);
}
