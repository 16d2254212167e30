//! `diagram_after = true`: the review screen shows the diagram (beside, under or zoomed)
//! only once the card is answered.

mod support;

use std::path::Path;

use deckhand::config::Config;
use deckhand::store::Store;
use ratatui::crossterm::event::KeyCode;
use support::*;

#[test]
fn a_diagram_holding_the_answer_shows_only_after_answering() {
    let (mut app, _) = app_over(
        Path::new("tests/fixtures/evolve/diagram-after.toml"),
        Store::open_in_memory().expect("store"),
        Config::default(),
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app).as_deref(), Some("pull-role"));
    // Wide (diagram beside the card), tall (under it) and small (zoom only): never before.
    for (w, h) in [(160, 48), (80, 24), (60, 18)] {
        let s = screen(&app, w, h);
        assert!(!s.contains("Who pulls the image"), "{w}x{h}:\n{s}");
        assert!(!s.contains("──pull──▶"), "{w}x{h}:\n{s}");
    }
    ch(&mut app, 'z');
    let s = screen(&app, 80, 24);
    assert!(!s.contains("──pull──▶"), "{s}");
    assert!(
        s.contains("This card's diagram shows once it is answered."),
        "{s}"
    );

    ch(&mut app, ' ');
    for (w, h) in [(160, 48), (80, 24)] {
        let s = screen(&app, w, h);
        assert!(s.contains("Who pulls the image"), "{w}x{h}:\n{s}");
        assert!(s.contains("──pull──▶"), "{w}x{h}:\n{s}");
    }
    ch(&mut app, 'z');
    assert!(screen(&app, 60, 18).contains("──pull──▶"));
}
