//! Screen snapshots of exam readiness at 80×24 and 160×48 with a fixed clock and seed: the
//! exam chooser, an exam in progress, its question map, the report, the statistics with data
//! (every page), and Home with an exam date.

mod support;

use std::path::Path;

use chrono::TimeDelta;
use deckhand::config::Config;
use deckhand::quiz::Shown;
use deckhand::store::Store;
use deckhand::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use support::*;

const PACK: &str = "tests/fixtures/exam-pack";

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48));
}

fn exam_app() -> (App, std::rc::Rc<deckhand::study::FixedClock>) {
    app_over(
        Path::new(PACK),
        Store::open_in_memory().expect("store"),
        Config::default(),
    )
}

/// An exam started, its first question answered, on the second one, flagged.
fn exam_in_progress() -> (App, std::rc::Rc<deckhand::study::FixedClock>) {
    let (mut app, clock) = exam_app();
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Enter);
    clock.advance(TimeDelta::seconds(50));
    answer_exam_question(&mut app, true);
    ch(&mut app, 'n');
    clock.advance(TimeDelta::seconds(45));
    ch(&mut app, 'F');
    (app, clock)
}

#[test]
fn exam_chooser() {
    let (mut app, _) = exam_app();
    ch(&mut app, 'x');
    snap("exam_chooser", &app);
}

#[test]
fn exam_in_progress_and_its_map() {
    let (mut app, _) = exam_in_progress();
    snap("exam_in_progress", &app);
    ch(&mut app, 'm');
    snap("exam_question_map", &app);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'S');
    snap("exam_submit_question", &app);
}

#[test]
fn exam_report() {
    let (mut app, clock) = exam_in_progress();
    answer_exam_question(&mut app, false);
    ch(&mut app, 'n');
    answer_exam_question(&mut app, true);
    clock.advance(TimeDelta::minutes(3));
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    snap("exam_report", &app);
    // The jumps scroll within the window as last drawn: take them at each size.
    for (w, h) in [(80, 24), (160, 48)] {
        screen(&app, w, h);
        ch(&mut app, 'g');
        ch(&mut app, 'n');
        ch(&mut app, 'n');
        insta::assert_snapshot!(
            format!("exam_report_second_question_{w}x{h}"),
            screen(&app, w, h)
        );
    }
}

/// Some study over three days, two exams, and an exam date: every chart has data.
fn app_with_history() -> (App, std::rc::Rc<deckhand::study::FixedClock>) {
    let (mut app, clock) = exam_app();
    for day in 0..3 {
        press(&mut app, KeyCode::Enter);
        let mut guard = 0;
        while app.current().is_some() && guard < 30 {
            guard += 1;
            match app.current().map(|c| c.shown.clone()) {
                Some(Shown::Flash { .. }) | Some(Shown::Cloze { .. }) => ch(&mut app, ' '),
                Some(Shown::Typed { .. }) => {
                    app.type_text("awslogs");
                    press(&mut app, KeyCode::Enter);
                }
                Some(Shown::TrueFalse { answer, .. }) => {
                    ch(&mut app, if answer { 't' } else { 'f' })
                }
                Some(Shown::Options { .. }) => {
                    for l in right_letters(&app) {
                        ch(&mut app, l);
                    }
                    press(&mut app, KeyCode::Enter);
                }
                None => break,
            }
            clock.advance(TimeDelta::seconds(20));
            ch(&mut app, if guard % 4 == 0 { '1' } else { '3' });
        }
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Enter);
        clock.advance(TimeDelta::days(1));
        let _ = day;
    }
    for right in [false, true] {
        ch(&mut app, 'x');
        press(&mut app, KeyCode::Enter);
        for _ in 0..5 {
            answer_exam_question(&mut app, right);
            ch(&mut app, 'n');
        }
        clock.advance(TimeDelta::minutes(6));
        ch(&mut app, 'S');
        ch(&mut app, 'y');
        ch(&mut app, 'q');
        clock.advance(TimeDelta::hours(2));
    }
    ch(&mut app, 'd');
    app.type_text("2026-12-14");
    press(&mut app, KeyCode::Tab);
    app.type_text("20");
    press(&mut app, KeyCode::Enter);
    (app, clock)
}

#[test]
fn home_with_an_exam_date() {
    let (app, _) = app_with_history();
    snap("home_with_exam_date", &app);
}

#[test]
fn stats_with_data() {
    let (mut app, _) = app_with_history();
    ch(&mut app, 's');
    snap("stats_activity", &app);
    press(&mut app, KeyCode::Tab);
    snap("stats_memory", &app);
    press(&mut app, KeyCode::Tab);
    snap("stats_topics_and_exams", &app);
}

#[test]
fn plan_form() {
    let (mut app, _) = exam_app();
    ch(&mut app, 'd');
    app.type_text("2026-12-01x");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Down);
    app.type_text("30");
    snap("plan_form", &app);
}
