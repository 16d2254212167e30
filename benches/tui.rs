//! Frame time: a keypress handled and the screen drawn, at 200×60, with the built-in pack.
//! The acceptance target is under 16 ms. Run: `cargo bench --bench tui`.

#[path = "support/timing.rs"]
mod timing;

use std::rc::Rc;

use deckhand::content;
use deckhand::quiz::Shown;
use deckhand::store::Store;
use deckhand::study::FixedClock;
use deckhand::tui::app::{App, AppInit};
use deckhand::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn main() {
    let clock = Rc::new(FixedClock::new(
        "2026-11-21T09:00:00Z".parse().expect("time"),
    ));
    // No daily limit, so that the session does not run out during the benchmark.
    let (mut config, problems) = deckhand::config::Config::parse(
        "config.toml",
        "[packs.aws-containers]\nnew_per_day = 9999\n",
    );
    assert!(problems.is_empty());
    config.quiz_questions = 20;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(AppInit {
        library: content::load_builtin(),
        store: Store::open(&dir.path().join("progress.sqlite3")).expect("store"),
        config,
        clock: Box::new(clock.clone()),
        seed: 1,
        utc_offset: 0,
        color: true,
        problems: Vec::new(),
    });
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    let key = |app: &mut App, code: KeyCode| app.handle_key(KeyEvent::from(code));

    timing::measure("home: key + draw at 200x60", 200, || {
        key(&mut app, KeyCode::Down);
        key(&mut app, KeyCode::Up);
        terminal.draw(|f| ui::render(&app, f)).expect("draw");
    });
    key(&mut app, KeyCode::Enter);
    timing::measure(
        "card: key + draw at 200x60 (question/answer, with diagram)",
        200,
        || {
            key(&mut app, KeyCode::Char('?'));
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
            key(&mut app, KeyCode::Esc);
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
        },
    );
    timing::measure(
        "answer a card: grade (SQLite commit, file) + next card + draw",
        100,
        || {
            assert!(app.current().is_some(), "the session ran out");
            match app.current().map(|c| &c.shown) {
                Some(Shown::Options { choose, .. }) => {
                    for l in ['a', 'b', 'c'].into_iter().take(*choose) {
                        key(&mut app, KeyCode::Char(l));
                    }
                    key(&mut app, KeyCode::Enter);
                }
                Some(Shown::Typed { .. }) => {
                    app.type_text("answer");
                    key(&mut app, KeyCode::Enter);
                }
                Some(Shown::TrueFalse { .. }) => key(&mut app, KeyCode::Char('t')),
                _ => key(&mut app, KeyCode::Char(' ')),
            }
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
            key(&mut app, KeyCode::Char('3'));
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
        },
    );
    timing::measure(
        "home refresh (counts of 17 topics over 370 cards) + draw",
        20,
        || {
            app.refresh_home();
            terminal.draw(|f| ui::render(&app, f)).expect("draw");
        },
    );
}
