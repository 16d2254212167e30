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
fn flow_03_a_suspended_card_comes_back_from_the_browser() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 's');
    ch(&mut app, 'q');
    ch(&mut app, 'q');
    assert!(matches!(app.screen, Screen::Home));
    let new_before = app.home.overview.counts(deckhand::study::Node::Pack(0)).new;
    ch(&mut app, '/');
    app.type_text("is:suspended");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("agent"), "{s}");
    ch(&mut app, 's');
    let p = app
        .store
        .progress(&ItemKey::new("tui", "agent"))
        .expect("progress");
    assert!(
        p.as_ref().is_none_or(|p| !p.suspended),
        "unsuspended: {p:?}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::Home));
    assert_eq!(
        app.home.overview.counts(deckhand::study::Node::Pack(0)).new,
        new_before
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("agent"), "back in the review");
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
fn flow_05_another_programs_database_is_not_written_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch("create table foo(x); insert into foo values (1);")
            .expect("create");
    }
    let bytes = std::fs::read(&db).expect("read");
    let err = Store::open(&db).expect_err("refused");
    assert!(err.to_string().contains(&db.display().to_string()), "{err}");
    assert!(err.to_string().contains("not a deckhand"), "{err}");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        bytes,
        "the file is unchanged"
    );
    assert!(!dir.path().join("progress.sqlite3-wal").exists());
}

#[test]
fn flow_06_config_values_are_validated_where_they_are_read() {
    let text = "them = \"dark\"\n[packs.tui]\ndesired_retention = 1.5\nnew_per_day = -3\n";
    let (_, errors) = deckhand::config::Config::parse("config.toml", text);
    let all: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    let all = all.join("\n");
    assert!(all.contains("did you mean `theme`"), "{all}");
    assert!(all.contains("config.toml:3:21"), "{all}");
    assert!(all.contains("0.7") && all.contains("0.99"), "{all}");
    assert!(all.contains("config.toml:4:15"), "{all}");
}

#[test]
fn flow_07_a_colliding_key_override_is_reported_and_both_keep_their_defaults() {
    let config =
        deckhand::config::Config::parse("config.toml", "[keys.review]\nbury = [\"u\"]\n").0;
    let (mut app, _) = app_with(Store::open_in_memory().expect("store"), config);
    let problems: Vec<String> = app.problems.iter().map(|d| d.to_string()).collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("config.toml:2") && p.contains("undo")),
        "{problems:?}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    app.dispatch(deckhand::tui::action::Action::Help);
    let s = screen(&app, 80, 40);
    assert!(s.contains("bury this card until tomorrow"), "{s}");
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'b');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"), "b buries");
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
    // Try to erase the wrong answer: before and after going on.
    ch(&mut app, 'u');
    press(&mut app, KeyCode::Enter);
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

#[test]
fn flow_10_marks_show_their_scope_and_esc_clears_them() {
    let (mut app, _) = app();
    app.home.selected = 2;
    ch(&mut app, ' ');
    assert_eq!(app.home.selected, 2, "Space marks without moving");
    app.home.selected = 1;
    let s = screen(&app, 80, 24);
    assert!(s.contains("1 marked"), "the Today box shows the marks: {s}");
    let footer = s.lines().last().unwrap_or_default().to_string();
    assert!(footer.contains("clear marks"), "{footer}");
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "Esc clears the marks first");
    assert!(app.home.marked.is_empty());
}

#[test]
fn flow_11_next_due_on_an_empty_topic_is_this_topics() {
    let (mut app, clock) = app();
    // "Exam questions" answered Easy: due in days.
    app.home.selected = 2;
    press(&mut app, KeyCode::Enter);
    while app.current().is_some() {
        answer_right(&mut app, '4');
    }
    ch(&mut app, 'q');
    // "ECS basics" answered Good once: learning cards due in minutes.
    app.home.selected = 1;
    press(&mut app, KeyCode::Enter);
    for _ in 0..4 {
        answer_right(&mut app, '3');
    }
    ch(&mut app, 'q');
    ch(&mut app, 'q');
    clock.advance(TimeDelta::minutes(1));
    app.refresh_home();
    app.home.selected = 2;
    press(&mut app, KeyCode::Enter);
    let toast = app.toast.clone().expect("a message").text;
    assert!(
        toast.starts_with("Nothing due in Exam questions"),
        "{toast}"
    );
    assert!(
        !toast.contains(" min "),
        "names this topic's due date: {toast}"
    );
    assert!(
        toast.contains("on ") || toast.contains("tomorrow"),
        "{toast}"
    );
}

#[test]
fn flow_12_plurals_agree() {
    let (mut app, _) = app();
    app.home.selected = 2;
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3'); // lb-choice
    let right = right_letters(&app);
    let wrong = wrong_letters(&app);
    ch(&mut app, right[0]);
    ch(&mut app, wrong[0]);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 30);
    assert!(s.contains("1 of your 2 choices is right"), "{s}");
}

#[test]
fn flow_12_quitting_midway_says_how_many_were_left() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3');
    ch(&mut app, 'q');
    let s = screen(&app, 80, 24);
    assert!(!s.contains("Review finished"), "{s}");
    assert!(s.contains("left for today"), "{s}");
}

#[test]
fn flow_12_the_problems_popup_shows_once_per_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let warning = || {
        vec![deckhand::content::Diagnostic::path(
            deckhand::content::Severity::Warning,
            "pack.toml",
            "a warning",
            "fix it",
        )]
    };
    let first = app_from(test_pack(), Store::open(&db).expect("store"), warning());
    assert_eq!(first.overlays.len(), 1, "shown the first time");
    drop(first);
    let second = app_from(test_pack(), Store::open(&db).expect("store"), warning());
    assert!(
        second.overlays.is_empty(),
        "not again for the same warnings"
    );
    let s = screen(&second, 80, 24);
    assert!(s.contains("1 problem "), "{s}");
}

#[test]
fn flow_12_help_names_the_actions_and_contexts_of_config_toml() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    ch(&mut app, '?');
    let s = screen(&app, 80, 60);
    assert!(s.contains("[keys.review]"), "{s}");
    assert!(s.contains("bury"), "{s}");
}

#[test]
fn flow_12_the_card_says_whether_it_is_new_learning_or_review() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("· new"), "{s}");
}

#[test]
fn flow_12_the_source_of_a_generated_card_is_not_colon_zero() {
    let mut library = deckhand::content::load_path(std::path::Path::new("tests/fixtures/tui-pack"));
    library
        .packs
        .push(deckhand::quiz::predict::generated_pack());
    let mut app = app_from(library, Store::open_in_memory().expect("store"), Vec::new());
    app.home.selected = app
        .home
        .rows(&app.cat)
        .iter()
        .position(|n| *n == deckhand::study::Node::Pack(1))
        .expect("the generated pack");
    press(&mut app, KeyCode::Enter);
    assert!(app.current().is_some());
    app.dispatch(deckhand::tui::action::Action::ShowSource);
    let s = screen(&app, 100, 30);
    let defined = s
        .lines()
        .find(|l| l.contains("defined"))
        .unwrap_or_default();
    assert!(!defined.contains(":0"), "{s}");
    assert!(defined.contains("generated"), "{s}");
}
