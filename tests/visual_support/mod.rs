//! The visualiser in tests: an app (the test pack and the generated prediction pack, a
//! fixed clock, seed 7) with the visualiser open, on the seed example or on a preset, and
//! played in frames of simulated real time.
#![allow(dead_code)]

use std::rc::Rc;

use chrono::TimeDelta;
use deckhand::content;
use deckhand::quiz::predict;
use deckhand::sim::Preset;
use deckhand::store::Store;
use deckhand::study::FixedClock;
use deckhand::tui::app::{App, AppInit, Screen};
use deckhand::tui::screens::visual::Visual;

use super::support::{ch, t0};

/// The visualiser of `app`, which must be showing it.
pub fn visual(app: &App) -> &Visual {
    match &app.screen {
        Screen::Visual { visual, .. } => visual,
        other => panic!("not the visualiser: {other:?}"),
    }
}

/// An app (test pack plus the generated prediction pack) with the visualiser open.
pub fn open() -> (App, Rc<FixedClock>) {
    let mut library = content::load_path(std::path::Path::new("tests/fixtures/tui-pack"));
    library.packs.push(predict::generated_pack());
    let clock = Rc::new(FixedClock::new(t0()));
    let mut app = App::new(AppInit {
        library,
        store: Store::open_in_memory().expect("store"),
        config: Default::default(),
        clock: Box::new(clock.clone()),
        seed: 7,
        utc_offset: 0,
        color: false,
        problems: Vec::new(),
    });
    ch(&mut app, 'v');
    (app, clock)
}

/// The visualiser open on `preset`.
pub fn open_on(preset: Preset) -> (App, Rc<FixedClock>) {
    let (mut app, clock) = open();
    app.screen = Screen::Visual {
        visual: Box::new(Visual::with(preset)),
        back: None,
    };
    (app, clock)
}

/// Play in 33 ms frames for `secs` seconds of real time (until the app stops waking).
pub fn play_for(app: &mut App, clock: &FixedClock, secs: i64) {
    for _ in 0..secs * 30 {
        if app.wake_at().is_none() {
            return;
        }
        clock.advance(TimeDelta::milliseconds(33));
        app.tick();
    }
}
