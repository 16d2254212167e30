//! Nothing is cut without a sign: every screen, drawn at 60×18, 80×24 and 160×48 over the
//! built-in pack (the longest texts of each card kind, the widest diagrams; Home, its help
//! and forms, quizzes, the visualiser, the mock exam, its map and report, the statistics, the
//! card browser), has no row where a word stops at a panel's edge while the source text went
//! on (see `support::fit`).

mod support;

use std::path::Path;

use chrono::TimeDelta;
use deckhand::content::{self, CardBody, CardKind, Library};
use deckhand::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use support::fit::{Corpus, cut_words};
use support::*;

const SIZES: [(u16, u16); 3] = [(60, 18), (80, 24), (160, 48)];

/// The text a card puts on screen, for choosing the longest.
fn text_len(body: &CardBody) -> usize {
    format!("{body:?}").len()
}

/// The cards that stress the layout: the longest of each kind, the longest explanation, the
/// widest and the tallest diagram.
fn stress_cards(lib: &Library) -> Vec<String> {
    let pack = &lib.packs[0];
    let mut ids = Vec::new();
    for kind in CardKind::ALL {
        if let Some(c) = pack
            .cards
            .iter()
            .filter(|c| c.body.kind() == kind)
            .max_by_key(|c| text_len(&c.body))
        {
            ids.push(c.id.clone());
        }
    }
    if let Some(c) = pack.cards.iter().max_by_key(|c| c.explain.len()) {
        ids.push(c.id.clone());
    }
    let art = |c: &&content::Card, f: fn(&str) -> usize| {
        c.diagram
            .as_deref()
            .and_then(|d| pack.diagram(d))
            .map_or(0, |d| f(&d.art))
    };
    let widest = |s: &str| s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let tallest = |s: &str| s.lines().count();
    for f in [widest as fn(&str) -> usize, tallest] {
        if let Some(c) = pack.cards.iter().max_by_key(|c| art(c, f)) {
            ids.push(c.id.clone());
        }
    }
    ids.dedup();
    ids
}

/// Checks screens at every size, gathering the cuts.
struct Check {
    corpus: Corpus,
    failures: Vec<String>,
}

impl Check {
    fn screen(&mut self, name: &str, app: &App) {
        let mut corpus = self.corpus.clone();
        corpus.add_buffer(&buffer(app, 250, 80));
        for (w, h) in SIZES {
            for cut in cut_words(&buffer(app, w, h), &corpus) {
                self.failures.push(format!("{name} at {w}x{h}: {cut}"));
            }
        }
    }
}

/// Cards: each stress card asked, answered, with help, its source and its diagram zoomed.
fn cards(check: &mut Check) {
    for id in stress_cards(&library()) {
        check.screen(&format!("{id} question"), &card_app(&id));
        check.screen(&format!("{id} answered"), &card_app_answered(&id));
        for (key, what) in [('?', "help"), ('e', "source"), ('z', "zoom")] {
            let mut app = card_app_answered(&id);
            ch(&mut app, key);
            check.screen(&format!("{id} {what}"), &app);
        }
    }
}

/// Home, its help and forms, the quiz set-up, a quiz's summary and answers, a review's
/// summary, the problems popup.
fn home_and_quizzes(check: &mut Check) {
    check.screen("home", &keyed(""));
    check.screen("home help", &keyed("?"));
    check.screen("plan form", &keyed("d2026-12-20"));
    check.screen("study more", &keyed("+"));
    check.screen("quiz set-up", &keyed("c"));

    let mut quiz = keyed("c");
    press(&mut quiz, KeyCode::Enter);
    for _ in 0..20 {
        if app_current_answered(&quiz) {
            press(&mut quiz, KeyCode::Enter);
        }
        answer_wrong(&mut quiz);
        ch(&mut quiz, '1');
    }
    check.screen("quiz summary", &quiz);
    ch(&mut quiz, 'a');
    check.screen("quiz answers", &quiz);

    let mut review = keyed("");
    press(&mut review, KeyCode::Enter);
    review.type_text(" 3q");
    check.screen("review summary", &review);

    let broken = content::load_path(Path::new("tests/fixtures/broken/unknown-field.toml"));
    let (problems, _) = app_of(library(), broken.report.diagnostics);
    check.screen("problems", &problems);
}

/// The visualiser, after these keys.
fn visualiser(check: &mut Check) {
    for (name, keys) in [
        ("rolling", ""),
        ("rolling mid", "nnnnnn"),
        ("editing", "e"),
        ("scaling", "2nnnnnnnnnn"),
        ("quiz me", "pn"),
        ("blue/green", "3"),
        ("blue/green mid", "3nnnnnn"),
        ("blue/green alarm", "3nnnxnnn"),
        ("placement", "4"),
        ("placement mid", "4nnnnnn"),
        ("placement quiz me", "4pn"),
    ] {
        check.screen(&format!("visualiser {name}"), &keyed(&format!("v{keys}")));
    }
}

/// The short mock exam of the built-in pack: the chooser, a question, the map, the report
/// and a question of it; then the statistics (every page) with that exam and some reviews.
fn exams_and_stats(check: &mut Check) {
    let (mut app, clock) = app_of(library(), Vec::new());
    ch(&mut app, 'x');
    check.screen("exam chooser", &app);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    check.screen("exam question", &app);
    for i in 0..20 {
        clock.advance(TimeDelta::seconds(50));
        answer_exam_question(&mut app, i % 3 == 0);
        if i == 2 {
            ch(&mut app, 'F');
            ch(&mut app, 'm');
            check.screen("exam map", &app);
            press(&mut app, KeyCode::Esc);
        }
        ch(&mut app, 'n');
    }
    ch(&mut app, 'S');
    check.screen("exam submit", &app);
    ch(&mut app, 'y');
    check.screen("exam report", &app);
    for i in 0..3 {
        ch(&mut app, 'n');
        check.screen(&format!("exam report question {}", i + 1), &app);
    }
    ch(&mut app, 'q');

    press(&mut app, KeyCode::Enter);
    for _ in 0..15 {
        answer_wrong(&mut app);
        clock.advance(TimeDelta::seconds(20));
        ch(&mut app, '3');
    }
    press(&mut app, KeyCode::Esc);
    if matches!(app.screen, deckhand::tui::app::Screen::Summary(_)) {
        press(&mut app, KeyCode::Enter);
    }
    ch(&mut app, 's');
    for page in ["activity", "memory", "topics and exams"] {
        check.screen(&format!("stats {page}"), &app);
        press(&mut app, KeyCode::Tab);
    }
}

/// The card browser: the list with the first card's details, each stress card found by its
/// id, a search with an unknown state, a flag's note being written, a flagged card, and the
/// reset question; then a card with a long history.
fn browser(check: &mut Check) {
    check.screen("browser", &keyed("/"));
    let search = |app: &mut App, text: &str| {
        ch(app, '/');
        ctrl(app, 'u');
        app.type_text(text);
        press(app, KeyCode::Enter);
    };
    for id in stress_cards(&library()) {
        let mut app = keyed("/");
        search(&mut app, &format!("id:{id}"));
        check.screen(&format!("browser {id}"), &app);
    }
    let mut app = keyed("/");
    ch(&mut app, '/');
    check.screen("browser search", &app);
    app.type_text("is:bogus");
    press(&mut app, KeyCode::Enter);
    check.screen("browser bad search", &app);
    search(&mut app, "");
    ch(&mut app, 'f');
    app.type_text("the answer names the wrong port mapping for awsvpc mode");
    check.screen("browser flag note", &app);
    press(&mut app, KeyCode::Enter);
    check.screen("browser flagged", &app);
    ch(&mut app, 'R');
    check.screen("browser reset", &app);

    // A card answered many times: its history row wraps.
    let (mut app, clock) = app_of(library(), Vec::new());
    for _ in 0..12 {
        press(&mut app, KeyCode::Enter);
        answer_wrong(&mut app);
        ch(&mut app, '1');
        press(&mut app, KeyCode::Esc);
        if matches!(app.screen, deckhand::tui::app::Screen::Summary(_)) {
            press(&mut app, KeyCode::Enter);
        }
        clock.advance(TimeDelta::minutes(30));
    }
    ch(&mut app, '/');
    search(&mut app, "is:learning");
    check.screen("browser history", &app);
}

/// Home over the built-in pack, after these keys.
fn keyed(keys: &str) -> App {
    let (mut app, _) = app_of(library(), Vec::new());
    for c in keys.chars() {
        ch(&mut app, c);
    }
    app
}

fn app_current_answered(app: &App) -> bool {
    app.current()
        .is_some_and(|c| c.phase == deckhand::study::Phase::Answered)
}

#[test]
fn no_screen_cuts_text_without_a_marker() {
    let mut check = Check {
        corpus: Corpus::of_library(&library()),
        failures: Vec::new(),
    };
    cards(&mut check);
    home_and_quizzes(&mut check);
    visualiser(&mut check);
    exams_and_stats(&mut check);
    browser(&mut check);
    let failures = check.failures;
    assert!(
        failures.is_empty(),
        "{} cuts without a marker:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
