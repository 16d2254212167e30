//! SIGTERM, SIGHUP, SIGINT (sent from outside: in raw mode Ctrl-C is a key) and SIGQUIT while
//! the trainer owns the terminal: let the answer being saved finish, restore the terminal
//! (main screen, cooked mode, cursor shown, bracketed paste and mouse capture off), and exit
//! with the
//! conventional code, 128 + the signal's number.

use std::io::stdout;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

/// The signals handled; dropping the guard hands them back to the default action.
pub struct Guard {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
}

/// Restore the terminal as deckhand found it (every way out calls this).
pub fn restore_terminal() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Handle the signals in a thread of their own until the guard is dropped.
#[cfg(unix)]
pub fn install() -> std::io::Result<Guard> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Wait for a transaction in flight to commit; none starts after this.
                let _writes = crate::store::hold_writes();
                restore_terminal();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(Guard { handle })
}

/// No signals to handle on this platform.
#[cfg(not(unix))]
pub fn install() -> std::io::Result<Guard> {
    Ok(Guard {})
}

impl Drop for Guard {
    fn drop(&mut self) {
        #[cfg(unix)]
        self.handle.close();
    }
}
