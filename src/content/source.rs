//! Source files of a pack and the mapping from byte offsets to lines and columns.

use std::ops::Range;
use std::sync::Arc;

/// One TOML file of a pack, as read: its display path and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in diagnostics (relative where the user gave a relative path).
    pub path: Arc<str>,
    /// The file's text.
    pub text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (the column counts characters, as compilers do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl SourceFile {
    /// Wrap a file's text, indexing its line starts.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceFile {
            path: Arc::from(path.into()),
            text,
            line_starts,
        }
    }

    /// The line and column of a byte offset (clamped to the text, snapped to a char boundary).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = self.floor_boundary(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        LineCol {
            line: line + 1,
            col: self.text[start..offset].chars().count() + 1,
        }
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index(self.floor_boundary(offset)) + 1
    }

    /// The byte range of the line (without its line break) that holds `offset`.
    pub fn line_range(&self, offset: usize) -> Range<usize> {
        let offset = self.floor_boundary(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .map(|&next| next - 1)
            .unwrap_or(self.text.len());
        let end = if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }

    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    fn floor_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a.toml", "ab\nçé = 1\r\nlast");
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, col: 1 });
        // 'ç' and 'é' are two bytes each; the '=' is the fourth character of line 2.
        assert_eq!(f.line_col(3 + 5), LineCol { line: 2, col: 4 });
        assert_eq!(&f.text[f.line_range(4)], "çé = 1");
        assert_eq!(&f.text[f.line_range(f.text.len())], "last");
        assert_eq!(f.line_of(1_000), 3);
    }

    #[test]
    fn offsets_inside_a_character_snap_back() {
        let f = SourceFile::new("a.toml", "é");
        assert_eq!(f.line_col(1), LineCol { line: 1, col: 1 });
    }
}
