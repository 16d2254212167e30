//! Compiler-grade diagnostics: `path:line:col: error: what`, the offending source line with a
//! caret under the problem, and a `help:` line that says how to fix it.

use std::fmt;
use std::ops::Range;

use super::source::SourceFile;

/// How bad a problem is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The card, file or pack cannot be used as written.
    Error,
    /// Usable, but worth fixing (for example a card without `explain`).
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a diagnostic points inside its file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Snippet {
    pub line: usize,
    pub col: usize,
    /// The source line, made printable (control characters replaced) and cut to a window
    /// around the problem when it is very long.
    pub text: String,
    /// Characters before the caret within `text`.
    pub caret_at: usize,
    /// How many carets to draw (at least one).
    pub caret_len: usize,
}

/// One problem found in a pack.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file's display path.
    pub file: String,
    /// The location in the file; `None` for problems about a whole path (a missing file, a
    /// directory where a file was expected).
    pub snippet: Option<Snippet>,
    pub message: String,
    pub help: String,
    /// An extra pointer, e.g. where a duplicate id was first defined.
    pub note: Option<String>,
}

/// The widest window of a source line shown under a diagnostic.
const MAX_SNIPPET_CHARS: usize = 100;

impl Diagnostic {
    /// A diagnostic at a byte range of a source file.
    pub fn at(
        severity: Severity,
        file: &SourceFile,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: escape_controls(&file.path),
            snippet: Some(snippet(file, span)),
            message: escape_controls(&message.into()),
            help: escape_controls(&help.into()),
            note: None,
        }
    }

    /// A diagnostic about a whole path, with no position inside it.
    pub fn path(
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: escape_controls(&path.into()),
            snippet: None,
            message: escape_controls(&message.into()),
            help: escape_controls(&help.into()),
            note: None,
        }
    }

    /// Add a note line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(escape_controls(&note.into()));
        self
    }

    /// `true` for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:col` prefix (just `path` without a position).
    pub fn location(&self) -> String {
        match &self.snippet {
            Some(s) => format!("{}:{}:{}", self.file, s.line, s.col),
            None => self.file.clone(),
        }
    }

    /// The sort key: file, then position.
    pub(crate) fn sort_key(&self) -> (String, usize, usize) {
        let (line, col) = self.snippet.as_ref().map_or((0, 0), |s| (s.line, s.col));
        (self.file.clone(), line, col)
    }
}

impl fmt::Display for Diagnostic {
    /// The rustc-like rendering:
    ///
    /// ```text
    /// content/ecs.toml:12:1: error: unknown field `explian` in card `fargate`
    ///    |
    /// 12 | explian = "Fargate runs tasks"
    ///    | ^^^^^^^
    ///    = help: did you mean `explain`?
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity.label(),
            self.message
        )?;
        let gutter = self
            .snippet
            .as_ref()
            .map_or(1, |s| s.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(s) = &self.snippet {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {}", s.line, s.text)?;
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(s.caret_at),
                "^".repeat(s.caret_len.max(1))
            )?;
        }
        if let Some(note) = &self.note {
            writeln!(f, "{pad} = note: {note}")?;
        }
        writeln!(f, "{pad} = help: {}", self.help)
    }
}

/// Build the snippet for a span: the line holding its start, printable, windowed.
fn snippet(file: &SourceFile, span: Range<usize>) -> Snippet {
    let pos = file.line_col(span.start);
    let line = file.line_range(span.start);
    let text = &file.text[line.clone()];
    let start_in_line = span.start.clamp(line.start, line.end) - line.start;
    let end_in_line = span
        .end
        .clamp(line.start, line.end)
        .max(line.start + start_in_line)
        - line.start;
    let chars: Vec<char> = text.chars().map(printable).collect();
    let caret_at = text[..floor(text, start_in_line)].chars().count();
    let caret_len = text[floor(text, start_in_line)..floor(text, end_in_line)]
        .chars()
        .count()
        .max(1);
    // Window very long lines (a 10 MB string on one line) around the caret.
    let total = chars.len();
    let from = if total > MAX_SNIPPET_CHARS && caret_at > MAX_SNIPPET_CHARS / 2 {
        (caret_at - MAX_SNIPPET_CHARS / 2).min(total - MAX_SNIPPET_CHARS)
    } else {
        0
    };
    let to = (from + MAX_SNIPPET_CHARS).min(total);
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < total { "…" } else { "" };
    let shown: String = chars[from..to].iter().collect();
    let caret_len = caret_len.min(to.saturating_sub(caret_at).max(1));
    let caret_at = caret_at - from + usize::from(from > 0);
    Snippet {
        line: pos.line,
        col: pos.col,
        text: format!("{prefix}{shown}{suffix}"),
        caret_at,
        caret_len,
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Control characters would corrupt the terminal; show them as the replacement character.
/// Tabs become one space so the caret stays aligned.
fn printable(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
        c => c,
    }
}

/// The characters that reorder text (bidi embeddings, overrides and isolates, marks): a pack
/// value holding one could make a diagnostic read other than it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// A value from a pack as it may be printed: control characters (escape sequences, line
/// breaks) and bidi controls spelled as escapes (`\u{1b}`, `\n`), so a diagnostic can neither
/// drive the terminal nor span several lines.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_bidi_control(c) => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

/// Suggest the closest of `candidates` to a misspelt `word` (edit distance at most 2, or a
/// third of the word for long ones).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters (with transpositions counted as one edit).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_a_compiler() {
        let file = SourceFile::new("p/cards.toml", "[[cards]]\nexplian = \"x\"\n");
        let d = Diagnostic::at(
            Severity::Error,
            &file,
            10..17,
            "unknown field `explian`",
            "did you mean `explain`?",
        );
        assert_eq!(
            d.to_string(),
            "p/cards.toml:2:1: error: unknown field `explian`\n  |\n2 | explian = \"x\"\n  | ^^^^^^^\n  = help: did you mean `explain`?\n"
        );
    }

    #[test]
    fn long_lines_are_windowed_around_the_caret() {
        let text = format!("x = \"{}\" y", "a".repeat(10_000));
        let file = SourceFile::new("big.toml", text.clone());
        let d = Diagnostic::at(Severity::Error, &file, text.len() - 1..text.len(), "m", "h");
        let s = d.snippet.unwrap();
        assert!(s.text.chars().count() <= MAX_SNIPPET_CHARS + 2);
        assert_eq!(s.text.chars().nth(s.caret_at), Some('y'));
        assert_eq!(s.col, text.len());
    }

    #[test]
    fn control_characters_are_not_printed() {
        let file = SourceFile::new("bin.toml", "\u{1b}[31mx");
        let d = Diagnostic::at(Severity::Error, &file, 0..1, "m", "h");
        assert!(!d.to_string().contains('\u{1b}'));
    }

    #[test]
    fn suggestions_pick_the_nearest_word() {
        let fields = ["explain", "front", "back", "tags"];
        assert_eq!(did_you_mean("explian", fields), Some("explain"));
        assert_eq!(did_you_mean("fornt", fields), Some("front"));
        assert_eq!(did_you_mean("zzzzzz", fields), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
