//! Flow tests: drive the whole app with keys and actions, and check its state and the store.

mod support;

use chrono::TimeDelta;
use deckhand::srs::queue::ItemKey;
use deckhand::store::Store;
use deckhand::study::Node;
use deckhand::tui::action::Action;
use deckhand::tui::app::Screen;
use deckhand::tui::keymap::Ctx;
use ratatui::crossterm::event::KeyCode;
use support::*;

fn review_log_len(app: &deckhand::tui::app::App) -> usize {
    app.store.review_log(Some("tui")).expect("log").len()
}

#[test]
fn a_review_of_every_kind_by_keyboard_is_saved() {
    let (mut app, _clock) = app();
    assert_eq!(
        app.home.overview.counts(deckhand::study::Node::Pack(0)).new,
        6
    );
    press(&mut app, KeyCode::Enter);
    let order = [
        "agent",
        "fargate-cloze:c1",
        "awslogs",
        "s3-mount",
        "lb-choice",
        "storage-multi",
    ];
    for expected in order {
        assert_eq!(shown(&app).as_deref(), Some(expected));
        answer_right(&mut app, '3');
    }
    // Graded Good, the new cards are in their learning steps: they come back (learn-ahead).
    assert_eq!(review_log_len(&app), 6);
    let mut again = 0;
    while app.current().is_some() {
        answer_right(&mut app, '3');
        again += 1;
        assert!(again < 20, "the session does not end");
    }
    assert!(matches!(app.screen, Screen::Summary(_)));
    ch(&mut app, 'q');
    assert!(matches!(app.screen, Screen::Home));
    let counts = app.home.overview.counts(deckhand::study::Node::Pack(0));
    assert_eq!((counts.new, counts.review), (0, 0));
    assert_eq!(
        app.home.overview.today.answers as usize,
        review_log_len(&app)
    );
}

#[test]
fn a_wrong_answer_suggests_again_and_the_grade_can_be_changed() {
    let (mut app, _) = app();
    app.home.selected = 2; // "Exam questions" topic
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("lb-choice"));
    let wrong = wrong_letters(&app)[0];
    ch(&mut app, wrong);
    press(&mut app, KeyCode::Enter);
    let card = app.current().expect("card");
    assert_eq!(card.grade, deckhand::srs::Rating::Again);
    // Change the grade to Hard before moving on.
    ch(&mut app, '2');
    let log = app.store.review_log(Some("tui")).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].rating, deckhand::srs::Rating::Hard);
    assert_eq!(log[0].correct, Some(false));
}

#[test]
fn multi_needs_n_choices_and_partly_right_is_wrong() {
    let (mut app, _) = app();
    app.home.selected = 2;
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3'); // lb-choice
    assert_eq!(shown(&app).as_deref(), Some("storage-multi"));
    let right = right_letters(&app);
    ch(&mut app, right[0]);
    press(&mut app, KeyCode::Enter);
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.starts_with("Choose 2 options (1 chosen)"))
    );
    assert_eq!(
        app.current().expect("card").phase,
        deckhand::study::Phase::Question
    );
    let l = wrong_letters(&app)[0];
    ch(&mut app, l);
    press(&mut app, KeyCode::Enter);
    let card = app.current().expect("card");
    assert_eq!(card.outcome(), Some(deckhand::quiz::Outcome::Wrong));
    let screen = screen(&app, 80, 30);
    assert!(screen.contains("1 of your 2 choices is right"), "{screen}");
}

#[test]
fn typed_answers_forgive_a_typo() {
    let (mut app, _) = app();
    app.home.selected = 1; // "ECS basics"
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3'); // agent
    answer_right(&mut app, '3'); // cloze
    assert_eq!(shown(&app).as_deref(), Some("awslogs"));
    app.type_text("awslgos");
    press(&mut app, KeyCode::Backspace);
    app.type_text("s");
    ctrl(&mut app, 'u');
    app.type_text("awslgs");
    press(&mut app, KeyCode::Enter);
    let card = app.current().expect("card");
    assert_eq!(card.outcome(), Some(deckhand::quiz::Outcome::Almost));
    assert_eq!(card.grade, deckhand::srs::Rating::Hard);
    assert!(screen(&app, 80, 24).contains("≈ Almost: awslogs"));
}

#[test]
fn undo_restores_the_card_and_removes_its_log_row() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3'); // agent, now learning
    assert_eq!(review_log_len(&app), 1);
    let key = ItemKey::new("tui", "agent");
    assert!(app.store.progress(&key).expect("progress").is_some());
    ch(&mut app, 'u');
    assert_eq!(review_log_len(&app), 0);
    assert_eq!(shown(&app).as_deref(), Some("agent"));
    let p = app.store.progress(&key).expect("progress");
    assert!(
        p.as_ref()
            .is_none_or(|p| p.card.state == deckhand::srs::State::New),
        "{p:?}"
    );
}

#[test]
fn answering_again_before_saving_reopens_the_question() {
    let (mut app, _) = app();
    app.home.selected = 2;
    press(&mut app, KeyCode::Enter);
    let l = wrong_letters(&app)[0];
    ch(&mut app, l);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'u');
    let card = app.current().expect("card");
    assert_eq!(card.phase, deckhand::study::Phase::Question);
    assert_eq!(review_log_len(&app), 0);
}

#[test]
fn suspend_and_bury_take_cards_out_and_persist() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("agent"));
    ch(&mut app, 's');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
    ch(&mut app, 'b');
    assert_eq!(shown(&app).as_deref(), Some("awslogs"));
    let agent = app
        .store
        .progress(&ItemKey::new("tui", "agent"))
        .expect("p")
        .expect("stored");
    assert!(agent.suspended);
    let cloze = app
        .store
        .progress(&ItemKey::new("tui", "fargate-cloze:c1"))
        .expect("p")
        .expect("stored");
    assert!(cloze.buried_until.is_some());
    // The typed card has the keyboard: Esc stops typing, then q ends the session.
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'q');
    ch(&mut app, 'q');
    // Their siblings (the reverse side, the second deletion) take their places today.
    assert_eq!(
        app.home.overview.counts(deckhand::study::Node::Pack(0)).new,
        6
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("agent:reverse"));
    answer_right(&mut app, '3');
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c2"));
}

#[test]
fn a_quiz_scores_retries_the_missed_and_leaves_the_schedule_alone() {
    let (mut app, _) = app();
    app.home.selected = 2;
    ch(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    // Two questions in the topic: miss the first, get the second right.
    let first = shown(&app).expect("card");
    let l = wrong_letters(&app)[0];
    ch(&mut app, l);
    if first == "storage-multi" {
        let l = wrong_letters(&app)[1];
        ch(&mut app, l);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3');
    let Screen::Summary(summary) = &app.screen else {
        panic!("summary expected")
    };
    assert_eq!((summary.right, summary.answered), (1, 2));
    assert_eq!(summary.missed.as_ref().map(Vec::len), Some(1));
    ch(&mut app, 'r');
    assert_eq!(shown(&app), Some(first));
    answer_right(&mut app, '3');
    assert!(matches!(app.screen, Screen::Summary(_)));
    assert_eq!(
        review_log_len(&app),
        0,
        "a quiz never writes the review log"
    );
    assert!(
        app.store
            .progress(&ItemKey::new("tui", "lb-choice"))
            .expect("p")
            .is_none()
    );
    let sessions = app.store.sessions(10).expect("sessions");
    assert_eq!(sessions.len(), 2);
    assert!(
        sessions
            .iter()
            .all(|s| s.kind == deckhand::store::SessionKind::Quiz)
    );
}

#[test]
fn quiz_setup_filters_kinds_and_counts() {
    let (mut app, _) = app();
    ch(&mut app, 'c');
    // Leave out every kind but true/false.
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
        ch(&mut app, ' ');
    }
    ch(&mut app, '-');
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("s3-mount"));
    ch(&mut app, 't');
    press(&mut app, KeyCode::Enter);
    let Screen::Summary(s) = &app.screen else {
        panic!("summary")
    };
    assert_eq!((s.right, s.answered), (0, 1));
}

#[test]
fn nothing_due_says_so_and_suggests_a_quiz() {
    let (mut app, clock) = app();
    press(&mut app, KeyCode::Enter);
    while app.current().is_some() {
        answer_right(&mut app, '4');
    }
    ch(&mut app, 'q');
    clock.advance(TimeDelta::minutes(1));
    app.refresh_home();
    press(&mut app, KeyCode::Enter);
    let toast = app.toast.clone().expect("a message");
    assert!(
        toast
            .text
            .starts_with("Nothing due in Test pack. Its next card is due"),
        "{}",
        toast.text
    );
    assert!(toast.text.ends_with("Press c for a quiz."));
}

#[test]
fn help_is_generated_from_the_keymap_of_the_screen() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    ch(&mut app, '?');
    let s = screen(&app, 80, 40);
    assert!(s.contains("show the answer"), "{s}");
    assert!(s.contains("bury this card until tomorrow"), "{s}");
    assert!(
        !s.contains("review today's cards"),
        "home bindings leak into the card help"
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let (mut first, _) = app();
    press(&mut first, KeyCode::Enter);
    ch(&mut first, '?');
    ctrl(&mut first, 'c');
    assert!(first.should_quit());
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3');
    answer_right(&mut app, '3');
    // Typing into the typed card: Ctrl-C still quits.
    app.type_text("aws");
    ctrl(&mut app, 'c');
    assert!(app.should_quit());
}

#[test]
fn progress_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    {
        let (mut app, _) = app_with(Store::open(&db).expect("store"), Default::default());
        press(&mut app, KeyCode::Enter);
        answer_right(&mut app, '3');
        answer_right(&mut app, '3');
        ctrl(&mut app, 'c');
    }
    let (app, _) = app_with(Store::open(&db).expect("store"), Default::default());
    let counts = app.home.overview.counts(deckhand::study::Node::Pack(0));
    assert_eq!(counts.new, 4, "two cards were studied");
    assert_eq!(app.home.overview.today.answers, 2);
}

#[test]
fn a_failed_save_is_shown_and_the_answer_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let mut store = Store::open(&db).expect("store");
    store.set_busy_retry(std::time::Duration::from_millis(50));
    let (mut app, _) = app_with(store, Default::default());
    press(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    // Another process holds the write lock.
    let other = rusqlite::Connection::open(&db).expect("open");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    ch(&mut app, '3');
    let s = screen(&app, 80, 24);
    assert!(s.contains("Your answer was not saved"), "{s}");
    assert_eq!(shown(&app).as_deref(), Some("agent"), "the card stays");
    other.execute_batch("COMMIT").expect("unlock");
    ch(&mut app, 'r');
    assert!(app.overlays.is_empty());
    assert_eq!(review_log_len(&app), 1);
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
}

#[test]
fn actions_can_be_dispatched_directly() {
    let (mut app, _) = app();
    app.dispatch(Action::Down);
    app.dispatch(Action::ToggleMark);
    assert!(app.home.marked.contains(&Node::Topic(0, 0)));
    app.dispatch(Action::StartReview);
    assert_eq!(shown(&app).as_deref(), Some("agent"));
    app.dispatch(Action::Reveal);
    app.dispatch(Action::GradeEasy);
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
}

#[test]
fn key_overrides_from_config_toml_apply_and_show_in_the_help() {
    let config = deckhand::config::Config::parse(
        "config.toml",
        "[keys.flash]\nreveal = \"r\"\n[keys.review]\nbury = \"x\"\n",
    )
    .0;
    let (mut app, _) = app_with(Store::open_in_memory().expect("store"), config);
    press(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    assert_eq!(
        app.current().expect("card").phase,
        deckhand::study::Phase::Question,
        "Space no longer reveals"
    );
    ch(&mut app, 'r');
    assert_eq!(
        app.current().expect("card").phase,
        deckhand::study::Phase::Answered
    );
    ch(&mut app, '3');
    ch(&mut app, 'x');
    assert_eq!(
        shown(&app).as_deref(),
        Some("awslogs"),
        "x buried the cloze card"
    );
    press(&mut app, KeyCode::Esc);
    app.dispatch(Action::Help);
    let s = screen(&app, 80, 40);
    assert!(
        s.contains("x               bury            bury this card until tomorrow"),
        "{s}"
    );
}

#[test]
fn a_bad_key_override_is_reported_and_the_default_kept() {
    let config =
        deckhand::config::Config::parse("config.toml", "[keys.home]\nstart_review = \"hyper-r\"\n")
            .0;
    let (mut app, _) = app_with(Store::open_in_memory().expect("store"), config);
    assert_eq!(app.problems.len(), 1);
    assert!(app.problems[0].message.contains("unknown key `hyper-r`"));
    // The problems are shown at start; the default key still works.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("agent"));
}

/// Esc closes things and goes back; it never quits from Home (a second Esc after closing a
/// popup used to end the trainer). The quit key does, and Esc says which key that is.
#[test]
fn esc_never_quits_from_home_after_closing_a_popup() {
    let (mut app, _) = app();
    // The help, a message popup, then Esc twice each.
    for open in ['?', 'c', 'd'] {
        ch(&mut app, open);
        assert!(!app.overlays.is_empty(), "{open} opens a popup");
        press(&mut app, KeyCode::Esc);
        assert!(app.overlays.is_empty(), "Esc closes it");
        press(&mut app, KeyCode::Esc);
        assert!(
            !app.should_quit(),
            "a second Esc after {open} ended the trainer"
        );
        assert!(matches!(app.screen, Screen::Home));
    }
    let hint = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    let quit = app.keymap.label(Ctx::Home, Action::Back);
    assert!(
        hint.contains(&format!("{quit} quits")),
        "Esc on Home says how to quit: {hint:?}"
    );
    ch(&mut app, 'q');
    assert!(app.should_quit(), "q still quits");
}

/// Every screen and dialog reached from Home: Esc, again and again, lands on Home and stays.
#[test]
fn esc_from_every_screen_comes_back_to_home_and_stays() {
    for open in ['c', 'x', 's', 'd', '+', '/', 'v', '?', 'p'] {
        let (mut app, _) = app();
        ch(&mut app, open);
        for _ in 0..4 {
            press(&mut app, KeyCode::Esc);
        }
        assert!(!app.should_quit(), "Esc after {open} ended the trainer");
        assert!(matches!(app.screen, Screen::Home), "after {open}");
        assert!(app.overlays.is_empty(), "after {open}");
    }
    // A review session and its summary.
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Study(_)));
    for _ in 0..4 {
        press(&mut app, KeyCode::Esc);
    }
    assert!(!app.should_quit(), "Esc from a review ended the trainer");
    assert!(matches!(app.screen, Screen::Home));
}
