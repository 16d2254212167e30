//! The plan in the trainer: setting the exam date from Home, today's new-card limit rising to
//! what the plan needs, cards brought forward once a day in the last days before the exam,
//! and "study more today".

mod support;

use std::path::Path;

use chrono::{NaiveDate, TimeDelta};
use deckhand::config::Config;
use deckhand::plan::PlanSettings;
use deckhand::srs::queue::ItemKey;
use deckhand::srs::{PackOptions, Rating};
use deckhand::store::{AnswerMeta, ItemKind, Store};
use deckhand::study::Node;
use deckhand::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;
use support::*;

const PACK: &str = "tests/fixtures/exam-pack";

/// The pack's own limit of new cards a day set to `n` in config.toml.
fn config(n: u32) -> Config {
    let mut c = Config::default();
    c.packs.insert(
        "mock".into(),
        PackOptions {
            new_per_day: Some(n),
            ..PackOptions::default()
        },
    );
    c
}

fn new_today(app: &App) -> u32 {
    app.home.overview.counts(Node::Pack(0)).new
}

fn review_today(app: &App) -> u32 {
    app.home.overview.counts(Node::Pack(0)).review
}

#[test]
fn an_exam_date_raises_todays_new_cards_to_what_the_plan_needs() {
    let (mut app, _) = app_over(
        Path::new(PACK),
        Store::open_in_memory().expect("store"),
        config(2),
    );
    assert_eq!(new_today(&app), 2);
    // The exam in 2 days: 9 new cards need 5 a day.
    ch(&mut app, 'd');
    app.type_text("2026-11-23");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlays.is_empty(), "{}", screen(&app, 80, 24));
    assert_eq!(new_today(&app), 5);
    let plan = &app.home.plans[0];
    // Two days are short for nine cards: with 5 a day the plan predicts 88 %, under 90 %.
    assert_eq!(
        plan.text,
        "exam in 2 days · behind: predicted recall 88 % (target 90 %)"
    );
    assert!(!plan.on_track);
    // Removing the date (an empty date in the form) gives the pack's own limit back.
    ch(&mut app, 'd');
    ctrl(&mut app, 'u');
    press(&mut app, KeyCode::Enter);
    assert_eq!(new_today(&app), 2);
    assert!(app.home.plans.is_empty());
    // A date in the past is refused in the form.
    ch(&mut app, 'd');
    app.type_text("2026-11-01");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("is in the past"));
}

#[test]
fn study_more_adds_new_cards_to_today() {
    let (mut app, _) = app_over(
        Path::new(PACK),
        Store::open_in_memory().expect("store"),
        config(2),
    );
    assert_eq!(new_today(&app), 2);
    ch(&mut app, '+');
    press(&mut app, KeyCode::Enter);
    let Screen::Study(study) = &app.screen else {
        panic!("no session: {}", screen(&app, 80, 24));
    };
    // 2 + 10 more, of the 9 the pack has.
    assert_eq!(study.session.status().counts.map(|c| c.new), Some(9));
}

/// 9 cards learnt three days ago (Easy: due in about a week), an exam in 3 days, target 95 %.
fn learnt_store(path: &Path) {
    let mut store = Store::open(path).expect("store");
    let lib = deckhand::content::load_path(Path::new(PACK));
    let meta = AnswerMeta {
        kind: ItemKind::Basic,
        correct: None,
        answer_ms: 5_000,
    };
    for (card, face) in lib.packs[0].items() {
        store
            .answer_outside_session(
                &ItemKey::new("mock", card.item_id(face)),
                Rating::Easy,
                meta,
                t0() - TimeDelta::days(3),
            )
            .expect("answer");
    }
    store
        .set_exam_plan(
            "mock",
            &PlanSettings {
                exam_date: NaiveDate::from_ymd_opt(2026, 11, 24).expect("date"),
                minutes_per_day: None,
                target_retention: Some(0.95),
            },
        )
        .expect("plan");
}

#[test]
fn in_the_last_days_cards_come_due_early_once_a_day() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    learnt_store(&path);
    let (app, clock) = app_over(
        Path::new(PACK),
        Store::open(&path).expect("store"),
        Config::default(),
    );
    // Every card would be under 95 % on the exam day and none is due before it: a third
    // of them (3 days left) come due today.
    assert_eq!(review_today(&app), 3);
    drop(app);
    // Starting again the same day brings nothing more forward.
    let (app, _) = app_over(
        Path::new(PACK),
        Store::open(&path).expect("store"),
        Config::default(),
    );
    assert_eq!(review_today(&app), 3);
    drop(app);
    let _ = clock;
}

#[test]
fn study_more_reviews_ahead_the_weakest_cards() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    learnt_store(&path);
    let mut store = Store::open(&path).expect("store");
    store.clear_exam_plan("mock").expect("clear");
    let (mut app, _) = app_over(Path::new(PACK), store, Config::default());
    assert_eq!(review_today(&app), 0);
    ch(&mut app, '+');
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let Screen::Study(study) = &app.screen else {
        panic!("no session: {}", screen(&app, 80, 24));
    };
    // 10 asked for, 9 learnt cards in the pack.
    assert_eq!(study.session.status().counts.map(|c| c.review), Some(9));
}

/// The extra new cards asked for with "study more today" are kept in the store: quitting and
/// starting again the same day keeps them (and asking again adds to them); the next study
/// day starts from the pack's own limit.
#[test]
fn study_more_outlives_a_restart_the_same_day() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    let start = |path: &Path| {
        app_over(
            Path::new(PACK),
            Store::open(path).expect("store"),
            config(2),
        )
    };
    let (mut app, _) = start(&path);
    assert_eq!(new_today(&app), 2);
    ch(&mut app, '+');
    ch(&mut app, '-');
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Study(_)),
        "{}",
        screen(&app, 80, 24)
    );
    drop(app);
    // The same day: 2 + 5.
    let (mut app, _) = start(&path);
    assert_eq!(new_today(&app), 7, "{}", screen(&app, 80, 24));
    ch(&mut app, '+');
    ch(&mut app, '-');
    press(&mut app, KeyCode::Esc);
    assert_eq!(new_today(&app), 7, "cancelled: nothing added");
    drop(app);
    // The next study day: the pack's own limit again.
    let (mut app, clock) = start(&path);
    clock.advance(TimeDelta::days(1));
    app.refresh_home();
    assert_eq!(new_today(&app), 2);
}

/// The plan on Home is computed again whenever what it is computed from changes, and only
/// then: a new study day, answers, the pack's scheduling settings, the plan's own settings.
#[test]
fn the_plan_on_home_follows_days_answers_and_settings() {
    let (mut app, clock) = app_over(
        Path::new(PACK),
        Store::open_in_memory().expect("store"),
        config(2),
    );
    ch(&mut app, 'd');
    app.type_text("2026-11-24");
    press(&mut app, KeyCode::Enter);
    let text = |app: &App| app.home.plans[0].text.clone();
    assert_eq!(
        text(&app),
        "exam in 3 days · on track: 3 new a day, predicted recall 91 %"
    );
    app.refresh_home();
    assert_eq!(
        text(&app),
        "exam in 3 days · on track: 3 new a day, predicted recall 91 %",
        "nothing changed"
    );
    // Answers: 5 new cards learnt.
    let lib = deckhand::content::load_path(Path::new(PACK));
    let meta = AnswerMeta {
        kind: ItemKind::Basic,
        correct: None,
        answer_ms: 5_000,
    };
    for (card, face) in lib.packs[0].items().take(5) {
        app.store
            .answer_outside_session(
                &ItemKey::new("mock", card.item_id(face)),
                Rating::Easy,
                meta,
                t0(),
            )
            .expect("answer");
    }
    app.refresh_home();
    assert_eq!(
        text(&app),
        "exam in 3 days · on track: 2 new a day, predicted recall 95 %"
    );
    // The pack's scheduling settings.
    let mut options = app.store.pack_options("mock").expect("options");
    options.desired_retention = Some(0.97);
    app.store.set_pack_options("mock", &options).expect("set");
    app.refresh_home();
    assert_eq!(
        text(&app),
        "exam in 3 days · on track: 2 new a day, predicted recall 96 %"
    );
    // A new study day.
    clock.advance(TimeDelta::days(1));
    app.refresh_home();
    assert_eq!(
        text(&app),
        "exam in 2 days · on track: 2 new a day, predicted recall 96 %"
    );
}
