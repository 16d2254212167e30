//! The terminal front end. The only module that touches ratatui or crossterm.
//!
//! A synchronous loop: draw, then block on the next terminal event (no CPU while idle),
//! waking early only when the app asks (a learning card falling due). Keys, typed characters
//! and pasted text become actions (through the keymap); `App::dispatch` is the one place state
//! changes.

pub mod action;
pub mod app;
pub mod keymap;
pub mod notice;
pub mod overlay;
pub mod screens;
pub mod theme;
pub mod ui;
pub mod view;
pub mod widgets;

use std::io::stdout;
use std::time::Duration;

use anyhow::Context as _;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::execute;

use app::{App, AppInit};

/// Run the trainer until the user quits. The terminal is restored on every way out: a normal
/// quit, an error, or a panic (ratatui's hook, chained with ours for bracketed paste).
/// `force_color` is `--color always`: colours even when `NO_COLOR` is set.
pub fn run(init: AppInit, force_color: bool) -> anyhow::Result<()> {
    if force_color {
        ratatui::crossterm::style::force_color_output(true);
    }
    let mut app = App::new(init);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        previous(info);
    }));
    let mut terminal = ratatui::try_init().context("cannot set up the terminal")?;
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::try_restore().context("cannot restore the terminal")?;
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    loop {
        terminal.draw(|frame| ui::render(app, frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let event = match app.wake_at() {
            Some(at) => {
                let wait = (at - app.now()).to_std().unwrap_or(Duration::ZERO);
                if event::poll(wait)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
            None => Some(event::read()?),
        };
        match event {
            Some(Event::Key(key)) if key.kind != KeyEventKind::Release => app.handle_key(key),
            Some(Event::Paste(text)) => app.paste(&text),
            // Resize: the next draw lays out for the new size.
            Some(_) => {}
            None => app.tick(),
        }
    }
}
