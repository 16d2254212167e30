//! Progress bars for long work (indicatif), drawn on standard error only when it is a
//! terminal: piped or redirected runs stay quiet.

use std::cell::RefCell;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::interop::Progress;

/// A progress bar per stage; hidden when standard error is not a terminal.
#[derive(Debug, Default)]
pub struct Bar {
    current: RefCell<Option<ProgressBar>>,
    hidden: bool,
}

impl Bar {
    /// A bar on standard error, hidden unless it is a terminal.
    pub fn stderr() -> Self {
        Bar {
            current: RefCell::new(None),
            hidden: !std::io::stderr().is_terminal(),
        }
    }
}

impl Bar {
    /// Set the position and the total (for work whose size is learnt as it goes).
    pub fn set(&self, done: u64, total: u64) {
        if let Some(bar) = self.current.borrow().as_ref() {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
}

impl Progress for Bar {
    fn start(&self, what: &str, total: u64) {
        let target = if self.hidden {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        if let Ok(style) = ProgressStyle::with_template("{msg:20} [{bar:30}] {pos}/{len} ({eta})") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        if let Some(old) = self.current.replace(Some(bar)) {
            old.finish_and_clear();
        }
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self.current.borrow().as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.current.take() {
            bar.finish_and_clear();
        }
    }
}
