//! A mock exam poses a question as a review does: a diagram that goes with the question is
//! on screen (under the question where both fit, else behind the zoom key), one that
//! holds the answer (`diagram_after`) shows only in the report. Snapshots at 80×24 and
//! 160×48 with a fixed clock and seed.

mod support;

use std::path::Path;

use chrono::TimeDelta;
use deckhand::config::Config;
use deckhand::store::Store;
use deckhand::tui::app::{App, Screen};
use deckhand::tui::overlay::Overlay;
use ratatui::crossterm::event::KeyCode;
use support::*;

const PACK: &str = "tests/fixtures/exam-diagram-pack";
/// A row of each diagram's art.
const LISTENER: &str = "rule /api/* ──► tg-api";
const STEPS: &str = "shift all at once";

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48));
}

/// An exam of the pack's two questions, started.
fn exam() -> (App, std::rc::Rc<deckhand::study::FixedClock>) {
    let (mut app, clock) = app_over(
        Path::new(PACK),
        Store::open_in_memory().expect("store"),
        Config::default(),
    );
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.screen, Screen::Exam(_)),
        "{}",
        screen(&app, 80, 24)
    );
    (app, clock)
}

/// The id of the card the exam shows now.
fn current_card(app: &App) -> String {
    let item = app.current().expect("a question").item;
    app.cat.card(item).id.clone()
}

/// Go to the question of card `id` (one of two).
fn go_to(app: &mut App, id: &str) {
    for key in ['n', 'p'] {
        if current_card(app) != id {
            ch(app, key);
        }
    }
    assert_eq!(current_card(app), id);
}

#[test]
fn a_question_diagram_is_on_screen_and_behind_the_zoom_key() {
    let (mut app, _) = exam();
    go_to(&mut app, "route");
    // Under the question where both fit; where they do not (80×18), the panel names the key.
    for (w, h) in [(80, 24), (160, 48)] {
        let s = screen(&app, w, h);
        assert!(
            s.contains(LISTENER) && !s.contains("shows the diagram"),
            "{s}"
        );
    }
    let small = screen(&app, 80, 18);
    assert!(!small.contains(LISTENER), "{small}");
    assert!(small.contains("z shows the diagram"), "{small}");
    snap("exam_question_with_diagram", &app);
    ch(&mut app, 'z');
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Zoom { .. })),
        "{}",
        screen(&app, 80, 18)
    );
    assert!(screen(&app, 80, 18).contains(LISTENER));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    assert!(matches!(app.screen, Screen::Exam(_)));
}

#[test]
fn a_diagram_that_holds_the_answer_shows_only_in_the_report() {
    let (mut app, clock) = exam();
    go_to(&mut app, "shift");
    for (w, h) in [(80, 24), (160, 48)] {
        let s = screen(&app, w, h);
        assert!(
            !s.contains(STEPS) && !s.contains("shows the diagram"),
            "{s}"
        );
    }
    snap("exam_question_diagram_after", &app);
    ch(&mut app, 'z');
    assert!(app.overlays.is_empty(), "no zoom of the answer");
    let toast = app
        .toast
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("shows in the report"), "{toast}");
    // Answer both and submit: the report shows both diagrams.
    answer_exam_question(&mut app, true);
    go_to(&mut app, "route");
    answer_exam_question(&mut app, false);
    clock.advance(TimeDelta::minutes(2));
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    assert!(
        matches!(app.screen, Screen::ExamReport(_)),
        "{}",
        screen(&app, 80, 24)
    );
    let report = screen(&app, 160, 48);
    assert!(
        report.contains(STEPS) && report.contains(LISTENER),
        "{report}"
    );
    snap("exam_report_with_diagrams", &app);
}
