//! The terminal front end. The only module that touches ratatui or crossterm.
//!
//! A synchronous loop: draw, then block on the next terminal event (no CPU while idle),
//! waking early only when the app asks (a learning card falling due). Keys, typed characters
//! and pasted text become actions (through the keymap); `App::dispatch` is the one place state
//! changes.

pub mod action;
pub mod app;
pub mod browser;
pub mod key;
pub mod keymap;
pub mod mouse;
pub mod notice;
pub mod overlay;
pub mod overrides;
pub mod screens;
mod signals;
pub mod theme;
pub mod ui;
pub mod view;
pub mod widgets;

use std::io::stdout;
use std::time::Duration;

use anyhow::Context as _;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers,
};
use ratatui::crossterm::execute;

use app::{App, AppInit};

use crate::config::LinkMode;
use crate::store::{Integrity, StoreError, Verdict};

/// How often the loop looks for the integrity check's verdict while it is still running.
const VERDICT_POLL: Duration = Duration::from_millis(25);

/// Run the trainer until the user quits. The terminal is restored on every way out: a normal
/// quit, an error, a panic (ratatui's hook, chained with ours for bracketed paste), or a
/// signal ([`signals`]). `force_color` is `--color always`: colours even when `NO_COLOR` is
/// set. A database that the background integrity check finds damaged ends the trainer with
/// that error (nothing was written to it).
pub fn run(init: AppInit, force_color: bool) -> anyhow::Result<()> {
    if force_color {
        ratatui::crossterm::style::force_color_output(true);
    }
    let check = (init.store.integrity(), init.store.path().to_path_buf());
    let mut app = App::new(init);
    app.links = match app.config.links {
        LinkMode::Always => true,
        LinkMode::Never => false,
        LinkMode::Auto => widgets::link::supported(&|k| std::env::var(k).ok()),
    };
    app.opener = Some(browser::open);
    let mouse = app.config.mouse;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let _signals = signals::install().context("cannot handle signals")?;
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = execute!(stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(stdout(), EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, &mut app, Some(check));
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::try_restore().context("cannot restore the terminal")?;
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    mut check: Option<(Integrity, std::path::PathBuf)>,
) -> anyhow::Result<()> {
    loop {
        terminal.draw(|frame| ui::render(app, frame))?;
        if app.should_quit() {
            return Ok(());
        }
        if let Some((integrity, path)) = &check {
            match integrity.try_verdict() {
                Some(Verdict::Sound) => check = None,
                Some(Verdict::Damaged(detail)) => {
                    return Err(StoreError::Corrupt {
                        path: path.clone(),
                        detail,
                    }
                    .into());
                }
                None => {}
            }
        }
        let wake = app
            .wake_at()
            .map(|at| (at - app.now()).to_std().unwrap_or(Duration::ZERO));
        let wait = match (wake, check.is_some()) {
            (Some(w), true) => Some(w.min(VERDICT_POLL)),
            (None, true) => Some(VERDICT_POLL),
            (w, false) => w,
        };
        let event = match wait {
            Some(wait) => {
                if event::poll(wait)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
            None => Some(event::read()?),
        };
        let Some(event) = event else {
            app.tick();
            continue;
        };
        // Take in everything already waiting before drawing again: a burst of keys (a paste
        // in a terminal without bracketed paste) is handled in one go, not one frame a key.
        let mut events = vec![event];
        while events.len() < MAX_BATCH && event::poll(Duration::ZERO)? {
            events.push(event::read()?);
        }
        handle_batch(app, events);
    }
}

/// The most events handled between two frames.
const MAX_BATCH: usize = 4_096;
/// A run of this many printable keys arriving at once is not typing but a paste.
const BURST: usize = 32;

/// Handle a batch of events in order; Ctrl-C anywhere in it quits at once (it may sit behind
/// a megabyte of pasted keys), and long runs of printable keys go in as pasted text.
fn handle_batch(app: &mut App, events: Vec<Event>) {
    let is_ctrl_c = |e: &Event| {
        matches!(e, Event::Key(k) if k.kind != KeyEventKind::Release
            && k.code == KeyCode::Char('c')
            && k.modifiers.contains(KeyModifiers::CONTROL))
    };
    if let Some(Event::Key(key)) = events.iter().find(|e| is_ctrl_c(e)) {
        app.handle_key(*key);
        return;
    }
    let printable = |e: &Event| match e {
        Event::Key(k) if k.kind != KeyEventKind::Release => match k.code {
            KeyCode::Char(c) => (k.modifiers - KeyModifiers::SHIFT).is_empty() && !c.is_control(),
            _ => false,
        },
        _ => false,
    };
    let mut i = 0;
    while i < events.len() && !app.should_quit() {
        let run = events[i..].iter().take_while(|e| printable(e)).count();
        if run >= BURST {
            let text: String = events[i..i + run]
                .iter()
                .filter_map(|e| match e {
                    Event::Key(k) => match k.code {
                        KeyCode::Char(c) => Some(c),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            app.paste(&text);
            i += run;
            continue;
        }
        match &events[i] {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(*key),
            Event::Paste(text) => app.paste(text),
            Event::Mouse(mouse) => app.handle_mouse(*mouse),
            // Resize: the next draw lays out for the new size.
            _ => {}
        }
        i += 1;
    }
}
