//! Shared helpers for the front-end tests: an app over the test pack with a fixed clock and
//! seed, key presses, and rendering into a `TestBackend`.
#![allow(dead_code)]

pub mod fit;
pub mod scroll;

use std::path::Path;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use deckhand::config::Config;
use deckhand::content::{self, Library};
use deckhand::quiz::Shown;
use deckhand::store::Store;
use deckhand::study::FixedClock;
use deckhand::tui::app::{App, AppInit};
use deckhand::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// 2026-11-21 09:00 UTC, a Saturday.
pub fn t0() -> DateTime<Utc> {
    "2026-11-21T09:00:00Z".parse().expect("time")
}

/// The test pack, a fresh in-memory store, a fixed clock (returned to move it) and seed 7.
pub fn app() -> (App, Rc<FixedClock>) {
    app_with(Store::open_in_memory().expect("store"), Config::default())
}

/// The test pack.
pub fn test_pack() -> content::Library {
    content::load_path(Path::new("tests/fixtures/tui-pack"))
}

pub fn app_with(store: Store, config: Config) -> (App, Rc<FixedClock>) {
    app_over(Path::new("tests/fixtures/tui-pack"), store, config)
}

/// An app over the pack at `pack` (which must load without errors), fixed clock and seed 7.
pub fn app_over(pack: &Path, store: Store, config: Config) -> (App, Rc<FixedClock>) {
    let library = content::load_path(pack);
    assert_eq!(
        library.report.errors(),
        0,
        "{:?}",
        library.report.diagnostics
    );
    let clock = Rc::new(FixedClock::new(t0()));
    let app = App::new(AppInit {
        library,
        store,
        config,
        clock: Box::new(clock.clone()),
        seed: 7,
        utc_offset: 0,
        color: false,
        problems: Vec::new(),
    });
    (app, clock)
}

/// An app over `library` with a fresh clock at [`t0`], seed 7 and these start-up problems.
pub fn app_from(
    library: content::Library,
    store: Store,
    problems: Vec<content::Diagnostic>,
) -> App {
    App::new(AppInit {
        library,
        store,
        config: Config::default(),
        clock: Box::new(Rc::new(FixedClock::new(t0()))),
        seed: 7,
        utc_offset: 0,
        color: false,
        problems,
    })
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::from(code));
}

pub fn ch(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Draw the app at `w`×`h` and return the screen as text.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    terminal.backend().to_string()
}

/// Draw the app at `w`×`h` and return the cells.
pub fn buffer(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal.draw(|f| ui::render(app, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The item id of the card shown, if any.
pub fn shown(app: &App) -> Option<String> {
    app.current().map(|c| c.key.item.clone())
}

/// The letters (lowercase) of the right options of the card shown, in the shown order.
pub fn right_letters(app: &App) -> Vec<char> {
    match app.current().map(|c| &c.shown) {
        Some(deckhand::quiz::Shown::Options { options, .. }) => options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| deckhand::quiz::letter(i).to_ascii_lowercase())
            .collect(),
        _ => Vec::new(),
    }
}

/// The letters of the wrong options of the card shown.
pub fn wrong_letters(app: &App) -> Vec<char> {
    match app.current().map(|c| &c.shown) {
        Some(deckhand::quiz::Shown::Options { options, .. }) => options
            .iter()
            .enumerate()
            .filter(|(_, o)| !o.correct)
            .map(|(i, _)| deckhand::quiz::letter(i).to_ascii_lowercase())
            .collect(),
        _ => Vec::new(),
    }
}

/// Answer the card of the test pack shown rightly, whatever its kind, then grade it with
/// the key `grade` ('1' to '4') in a review, or go on in a quiz (which takes no grade: `y`,
/// "knew it", for a flashcard, Enter for the others).
pub fn answer_right(app: &mut App, grade: char) {
    let item = shown(app).expect("a card");
    match item.as_str() {
        "agent" | "agent:reverse" | "fargate-cloze:c1" | "fargate-cloze:c2" => ch(app, ' '),
        "awslogs" => {
            app.type_text("AWSLogs");
            press(app, KeyCode::Enter);
        }
        "s3-mount" => ch(app, 'f'),
        _ => {
            for l in right_letters(app) {
                ch(app, l);
            }
            press(app, KeyCode::Enter);
        }
    }
    let right = app
        .current()
        .map(|c| c.outcome().is_none_or(|o| o.is_right()));
    assert_eq!(right, Some(true), "{item}");
    go_on(app, grade);
}

/// After answering: grade with `grade` in a review; in a quiz, "knew it" (`y`) for a
/// flashcard, else Enter.
pub fn go_on(app: &mut App, grade: char) {
    let quiz = matches!(&app.screen, deckhand::tui::app::Screen::Study(s)
        if s.session.kind() == deckhand::study::Kind::Quiz);
    let self_graded = app.current().is_some_and(|c| c.outcome().is_none());
    match (quiz, self_graded) {
        (true, true) => ch(app, 'y'),
        (true, false) => press(app, KeyCode::Enter),
        (false, _) => ch(app, grade),
    }
}

/// The built-in pack and the simulator's generated one, as the trainer loads them.
pub fn library() -> Library {
    let mut lib = content::load_builtin();
    lib.packs.push(deckhand::quiz::predict::generated_pack());
    lib
}

pub fn app_of(library: Library, problems: Vec<content::Diagnostic>) -> (App, Rc<FixedClock>) {
    let clock = Rc::new(FixedClock::new(t0()));
    let app = App::new(AppInit {
        library,
        store: Store::open_in_memory().expect("store"),
        config: Config::default(),
        clock: Box::new(clock.clone()),
        seed: 7,
        utc_offset: 0,
        color: false,
        problems,
    });
    (app, clock)
}

/// The built-in pack cut down to the card `id`, reviewed: the card is on screen.
pub fn card_app(id: &str) -> App {
    let mut lib = content::load_builtin();
    for pack in &mut lib.packs {
        pack.cards = pack.cards.iter().filter(|c| c.id == id).cloned().collect();
    }
    let (mut app, _) = app_of(lib, Vec::new());
    press(&mut app, KeyCode::Enter);
    assert!(app.current().is_some(), "{id} is not shown");
    app
}

/// Answer the card shown, wrongly where the kind allows.
pub fn answer_wrong(app: &mut App) {
    match app.current().map(|c| c.shown.clone()) {
        Some(Shown::Options { choose, .. }) => {
            for l in wrong_letters(app).into_iter().take(choose) {
                ch(app, l);
            }
            press(app, KeyCode::Enter);
        }
        Some(Shown::Typed { .. }) => {
            app.type_text("no idea at all");
            press(app, KeyCode::Enter);
        }
        Some(Shown::TrueFalse { answer, .. }) => ch(app, if answer { 'f' } else { 't' }),
        Some(_) => ch(app, ' '),
        None => {}
    }
}

pub fn card_app_answered(id: &str) -> App {
    let mut app = card_app(id);
    answer_wrong(&mut app);
    app
}

/// Answer the exam question on screen with keys, rightly or wrongly (a choice, multiple
/// response or true/false question).
pub fn answer_exam_question(app: &mut App, right: bool) {
    match app.current().map(|c| c.shown.clone()) {
        Some(Shown::Options {
            options, choose, ..
        }) => {
            let letters: Vec<char> = options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct == right)
                .map(|(i, _)| deckhand::quiz::letter(i).to_ascii_lowercase())
                .take(if right { choose } else { 1 })
                .collect();
            for l in letters {
                ch(app, l);
            }
        }
        Some(Shown::TrueFalse { answer, .. }) => ch(app, if answer == right { 't' } else { 'f' }),
        other => panic!("not an exam question of these kinds: {other:?}"),
    }
}

/// A review started on the pack, advanced to the card `item` by grading the others Easy.
pub fn review_at(item: &str) -> App {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    let mut guard = 0;
    while shown(&app).as_deref() != Some(item) {
        answer_right(&mut app, '4');
        guard += 1;
        assert!(guard < 10, "{item} never shown");
    }
    app
}

/// Turn the mouse wheel at column `x`, row `y` (of the screen last drawn).
pub fn wheel(app: &mut App, x: u16, y: u16, up: bool) {
    use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
    app.handle_mouse(MouseEvent {
        kind: if up {
            MouseEventKind::ScrollUp
        } else {
            MouseEventKind::ScrollDown
        },
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
}
