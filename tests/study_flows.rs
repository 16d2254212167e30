//! The study flows of issue 10, section 2: each test is named after the flow and failed on
//! the code before the fix.

mod support;

use chrono::TimeDelta;
use deckhand::srs::queue::ItemKey;
use deckhand::store::Store;
use deckhand::tui::app::Screen;
use ratatui::crossterm::event::KeyCode;
use support::*;

/// The status row of the card screen (its first line below the header).
fn status(app: &deckhand::tui::app::App) -> String {
    screen(app, 80, 24)
        .lines()
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn flow_01_undo_restores_the_session_exactly() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    let before = status(&app);
    assert_eq!(shown(&app).as_deref(), Some("agent"));
    ch(&mut app, ' ');
    ch(&mut app, '3');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
    ch(&mut app, 'u');
    assert_eq!(shown(&app).as_deref(), Some("agent"), "the same card again");
    assert_eq!(status(&app), before, "the counts as they were");
    // Its queue position: the card that followed it follows it again.
    ch(&mut app, ' ');
    ch(&mut app, '3');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
}

#[test]
fn flow_02_undo_after_bury_or_suspend_brings_the_card_back() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    let before = status(&app);
    let agent = ItemKey::new("tui", "agent");
    ch(&mut app, 's');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
    ch(&mut app, 'u');
    assert_eq!(shown(&app).as_deref(), Some("agent"));
    assert_eq!(status(&app), before);
    let p = app.store.progress(&agent).expect("progress");
    assert!(p.as_ref().is_none_or(|p| !p.suspended), "{p:?}");
    ch(&mut app, 'b');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
    ch(&mut app, 'u');
    assert_eq!(shown(&app).as_deref(), Some("agent"));
    assert_eq!(status(&app), before);
    let p = app.store.progress(&agent).expect("progress");
    assert!(p.as_ref().is_none_or(|p| p.buried_until.is_none()), "{p:?}");
}

#[test]
fn flow_04_two_terminals_on_one_item_lose_no_answer() {
    use deckhand::srs::queue::{DayClock, Next};
    use deckhand::srs::{Rating, State};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let mut a = Store::open(&db).expect("a");
    let mut b = Store::open(&db).expect("b");
    let key = ItemKey::new("p", "x");
    let items = vec![key.clone()];
    let now = t0();
    let mut sa = a.start_review(&items, now, DayClock::default()).expect("a");
    let mut sb = b.start_review(&items, now, DayClock::default()).expect("b");
    assert!(matches!(sa.next(now), Next::Card { .. }));
    assert!(matches!(sb.next(now), Next::Card { .. }));
    let meta = deckhand::store::AnswerMeta {
        kind: deckhand::store::ItemKind::Basic,
        correct: None,
        answer_ms: 1000,
    };
    a.answer(&mut sa, &key, Rating::Easy, meta, now).expect("a");
    let later = now + TimeDelta::seconds(30);
    b.answer(&mut sb, &key, Rating::Again, meta, later)
        .expect("b");
    let log = a.review_log(Some("p")).expect("log");
    assert_eq!(log.len(), 2);
    assert_eq!(
        log[1].state_before,
        State::Review,
        "B's answer was graded from A's result"
    );
    let p = a.progress(&key).expect("p").expect("stored");
    assert_eq!(p.card.reps, 2, "both answers count: {p:?}");
}

#[test]
fn flow_08_a_checked_quiz_answer_counts() {
    let (mut app, _) = app();
    app.home.selected = 2; // "Exam questions": two questions
    ch(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    let wrong = wrong_letters(&app);
    let n = match app.current().map(|c| &c.shown) {
        Some(deckhand::quiz::Shown::Options { choose, .. }) => *choose,
        _ => 1,
    };
    for l in wrong.into_iter().take(n) {
        ch(&mut app, l);
    }
    press(&mut app, KeyCode::Enter);
    // Try to erase the wrong answer: before and after grading.
    ch(&mut app, 'u');
    ch(&mut app, '1');
    ch(&mut app, 'u');
    let mut guard = 0;
    while app.current().is_some() {
        answer_right(&mut app, '3');
        guard += 1;
        assert!(guard < 5);
    }
    let Screen::Summary(s) = &app.screen else {
        panic!("summary")
    };
    assert_eq!((s.right, s.answered), (1, 2));
    let text = screen(&app, 80, 24);
    assert!(!text.contains("No question missed"), "{text}");
}

#[test]
fn flow_09_keys_do_nothing_while_the_terminal_is_too_small() {
    let (mut app, _) = app();
    let s = screen(&app, 30, 5);
    assert!(s.contains("too small"), "{s}");
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'c');
    ch(&mut app, 'v');
    assert!(matches!(app.screen, Screen::Home), "no invisible session");
    assert!(app.overlays.is_empty());
    ctrl(&mut app, 'c');
    assert!(app.should_quit(), "quit works");
}
