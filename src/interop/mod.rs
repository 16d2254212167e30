//! Interop with the rest of the world: Anki packages and text files in, Anki packages, Anki
//! text and JSON out, and scaffolding for new packs. No terminal types here: the command line
//! (`src/cli/`) prints what these functions return.

use std::borrow::Cow;

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
