//! Interop with the rest of the world: Anki packages and text files in, Anki packages, Anki
//! text and JSON out, and scaffolding for new packs. No terminal types here: the command line
//! (`src/cli/`) prints what these functions return.

pub mod apkg;
pub mod draft;
pub mod html;
pub mod import;
pub mod json;
pub mod mapping;
pub mod notetype;
pub mod scaffold;
pub mod text;

use std::borrow::Cow;
use std::fmt;

use crate::content::Severity;

/// A problem met while importing, located in its file (`file:line`, `file: note ID`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub at: String,
    pub message: String,
}

impl Problem {
    /// A problem at `at`.
    pub fn new(severity: Severity, at: &str, message: impl Into<String>) -> Self {
        Problem {
            severity,
            at: at.to_string(),
            message: message.into(),
        }
    }

    /// Whether it is an error (the import stops; nothing is written).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `at: error: message`, with control characters escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {label}: {}",
            printable(&self.at),
            printable(&self.message)
        )
    }
}

/// Reports how far long work has come (the command line draws a progress bar from it; tests
/// and scripts pass [`NoProgress`]).
pub trait Progress {
    /// Start a stage of `total` steps.
    fn start(&self, what: &str, total: u64);
    /// `n` more steps done.
    fn advance(&self, n: u64);
    /// The stage is over.
    fn finish(&self);
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// `text` safe to print on a terminal: control characters (escape sequences, carriage
/// returns, bells) are shown escaped (`\u{1b}`), never sent raw. Imported files are user data.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("plain é"), "plain é");
        assert_eq!(printable("a\x1b[2Jb\r\n"), "a\\u{1b}[2Jb\\u{d}\\u{a}");
    }
}
