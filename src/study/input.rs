//! A one-line text input: cursor, insert, delete, clear, paste. The screen draws it.

/// The input's text and cursor (a character index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// The longest answer we accept; anything longer is surely a paste accident.
pub const MAX_CHARS: usize = 500;

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Insert a character at the cursor.
    pub fn insert(&mut self, c: char) {
        if c.is_control() || self.len() >= MAX_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Insert pasted text: line breaks and tabs become spaces.
    pub fn paste(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c.is_whitespace() { ' ' } else { c });
        }
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    /// Clear the input.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor() {
        let mut i = TextInput::default();
        for c in "awslgs".chars() {
            i.insert(c);
        }
        i.left();
        i.left();
        i.insert('o');
        assert_eq!(i.text(), "awslogs");
        i.home();
        i.delete();
        i.end();
        i.backspace();
        assert_eq!(i.text(), "wslog");
        i.paste("a\nb\tc");
        assert_eq!(i.text(), "wsloga b c");
        i.clear();
        assert_eq!((i.text(), i.cursor()), ("", 0));
        i.insert('\u{7}');
        assert_eq!(i.text(), "");
    }

    #[test]
    fn unicode_is_edited_by_character() {
        let mut i = TextInput::default();
        i.paste("容器é");
        i.left();
        i.backspace();
        assert_eq!((i.text(), i.cursor()), ("容é", 1));
    }
}
