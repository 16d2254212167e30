//! Nothing is cut without a sign: every screen, drawn at 60×18, 80×24 and 160×48 over the
//! built-in pack (the longest texts of each card kind, the widest diagrams), has no row where
//! a word stops at a panel's edge while the source text went on (see `support::fit`).

mod support;

use std::path::Path;

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

/// Every screen to check, by name.
fn screens() -> Vec<(String, App)> {
    let lib = library();
    let mut out: Vec<(String, App)> = Vec::new();
    out.push(("home".into(), keyed("")));

    for id in stress_cards(&lib) {
        out.push((format!("{id} question"), card_app(&id)));
        out.push((format!("{id} answered"), card_app_answered(&id)));
        for (key, what) in [('?', "help"), ('e', "source"), ('z', "zoom")] {
            let mut app = card_app_answered(&id);
            ch(&mut app, key);
            out.push((format!("{id} {what}"), app));
        }
    }

    out.push(("quiz set-up".into(), keyed("c")));

    let mut quiz = keyed("c");
    press(&mut quiz, KeyCode::Enter);
    for _ in 0..20 {
        if app_current_answered(&quiz) {
            press(&mut quiz, KeyCode::Enter);
        }
        answer_wrong(&mut quiz);
        ch(&mut quiz, '1');
    }
    out.push(("quiz summary".into(), quiz));

    let mut review = keyed("");
    press(&mut review, KeyCode::Enter);
    review.type_text(" 3q");
    out.push(("review summary".into(), review));

    let broken = content::load_path(Path::new("tests/fixtures/broken/unknown-field.toml"));
    let (problems, _) = app_of(library(), broken.report.diagnostics);
    out.push(("problems".into(), problems));

    // The visualiser, after these keys.
    for (name, keys) in [
        ("rolling", ""),
        ("rolling mid", "nnnnnn"),
        ("editing", "e"),
        ("scaling", "2nnnnnnnnnn"),
        ("quiz me", "pn"),
    ] {
        out.push((format!("visualiser {name}"), keyed(&format!("v{keys}"))));
    }
    out
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
    let corpus = Corpus::of_library(&library());
    let mut failures = Vec::new();
    for (name, app) in screens() {
        let mut corpus = corpus.clone();
        corpus.add_buffer(&buffer(&app, 250, 80));
        for (w, h) in SIZES {
            for cut in cut_words(&buffer(&app, w, h), &corpus) {
                failures.push(format!("{name} at {w}x{h}: {cut}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cuts without a marker:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
