//! Word wrapping by display width (CJK and emoji take two columns), so that the card screens
//! know how many rows their text takes and can indent continuation lines.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wrap `text` into lines of at most `width` columns. Paragraphs (`\n`) are kept; words longer
/// than a line are cut; a zero width gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if width == 0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end();
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        // Keep the paragraph's own indentation (diagram-like text in cards).
        let indent_len = paragraph.len() - paragraph.trim_start().len();
        let indent = &paragraph[..indent_len];
        let mut line = String::from(indent);
        let mut line_width = indent.width();
        for word in paragraph[indent_len..].split(' ').filter(|w| !w.is_empty()) {
            let word_width = word.width();
            let sep = usize::from(line_width > indent.width());
            if line_width + sep + word_width <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += sep + word_width;
                continue;
            }
            if line_width > indent.width() {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            // A word longer than the line (a URL, a long identifier) is broken after a `/`,
            // `-`, `.` or `_` where one fits, else at the line width.
            for piece in break_long(word, width) {
                if line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                }
                line_width = piece.width();
                line.push_str(piece);
            }
        }
        lines.push(line);
    }
    lines
}

/// `word` in pieces of at most `width` columns, each ending after a `/` where one falls
/// inside it (so a URL breaks between its parts), else after a `-`, `_` or `.`, else at the
/// width.
fn break_long(word: &str, width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while rest.width() > width {
        let mut used = 0;
        let mut cut = 0;
        // The last break after each kind of separator, best first.
        let mut soft: [Option<usize>; 3] = [None; 3];
        for (i, c) in rest.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > width {
                break;
            }
            used += w;
            cut = i + c.len_utf8();
            let rank = match c {
                '/' => Some(0),
                '-' | '_' => Some(1),
                '.' => Some(2),
                _ => None,
            };
            if let Some(r) = rank
                && cut < rest.len()
            {
                soft[r] = Some(cut);
            }
        }
        let soft = soft.into_iter().flatten().next();
        // A soft break in the first quarter would leave a ragged stub: cut at the width.
        let at = soft
            .filter(|&s| rest[..s].width() * 4 > width)
            .unwrap_or(cut);
        let at = if at == 0 {
            rest.chars().next().map_or(rest.len(), char::len_utf8)
        } else {
            at
        };
        pieces.push(&rest[..at]);
        rest = &rest[at..];
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// Wrap `text` behind a first-line prefix; continuation lines are indented by the prefix's
/// width. The prefix spans keep their styles; the text gets `style`.
pub fn hanging<'a>(prefix: Vec<Span<'a>>, text: &str, style: Style, width: usize) -> Vec<Line<'a>> {
    let prefix_width: usize = prefix.iter().map(|s| s.content.width()).sum();
    let body_width = width.saturating_sub(prefix_width).max(1);
    let mut out = Vec::new();
    for (i, row) in wrap(text, body_width).into_iter().enumerate() {
        let mut spans = if i == 0 {
            prefix.clone()
        } else {
            vec![Span::raw(" ".repeat(prefix_width))]
        };
        spans.push(Span::styled(row, style));
        out.push(Line::from(spans));
    }
    if out.is_empty() {
        out.push(Line::from(prefix));
    }
    out
}

/// One entry of a list (a popup's line, a change in the update notice) in rows of at most
/// `width` columns. An entry that fits is kept as written (aligned columns stay aligned); a
/// longer one wraps with a hanging indent: its continuation rows sit under its text, after
/// a label column where it has one (`docs     https://…`: one word, then two or more
/// spaces), else two columns in from where it starts.
pub fn entry_rows(line: &str, width: usize) -> Vec<String> {
    if display_width(line) <= width {
        return vec![line.to_string()];
    }
    let text = line.trim_start_matches(' ');
    let indent = line.len() - text.len();
    let label = text
        .find("  ")
        .filter(|&end| !text[..end].contains(' '))
        .map(|end| end + text[end..].len() - text[end..].trim_start_matches(' ').len())
        .filter(|&start| start < text.len() && (indent + start) * 2 <= width);
    let (head, hang) = match label {
        Some(start) => {
            let head = &line[..indent + start];
            (head, display_width(head))
        }
        None => (&line[..indent], indent + 2),
    };
    let rows = wrap(&line[head.len()..], width.saturating_sub(hang).max(1));
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            if i == 0 {
                format!("{head}{row}")
            } else {
                format!("{}{row}", " ".repeat(hang))
            }
        })
        .collect()
}

/// The columns `s` takes on screen, counted the way ratatui draws it: grapheme by grapheme
/// (an emoji ZWJ sequence or a flag is one glyph), control characters dropped (they take no
/// space), zero-width graphemes dropped.
pub fn display_width(s: &str) -> usize {
    glyphs(s).map(|(_, w)| w).sum()
}

/// The graphemes ratatui would draw, with their widths.
fn glyphs(s: &str) -> impl Iterator<Item = (&str, usize)> {
    s.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| (g, g.width()))
        .filter(|&(_, w)| w > 0)
}

/// Cut `s` to at most `width` columns, ending with `…` when cut; never inside a grapheme
/// (no half of a ZWJ sequence or a flag), control characters dropped.
pub fn truncate(s: &str, width: usize) -> String {
    let total = display_width(s);
    let mut out = String::with_capacity(s.len());
    if total <= width {
        out.extend(glyphs(s).map(|(g, _)| g));
        return out;
    }
    let mut used = 0;
    for (g, w) in glyphs(s) {
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        // `title …` reads as two words: the mark goes right after the last letter.
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out
}

/// Cut a line of styled spans to at most `width` columns, ending with `…` (in the style of
/// the span it cuts) when anything is left out.
pub fn fit(line: Line<'_>, width: usize) -> Line<'static> {
    let style = line.style;
    let alignment = line.alignment;
    let spans: Vec<Span<'static>> = if line.width() <= width {
        line.spans
            .into_iter()
            .map(|s| Span::styled(s.content.into_owned(), s.style))
            .collect()
    } else {
        let mut out = Vec::new();
        let mut used = 0;
        for s in line.spans {
            let w = s.content.width();
            if used + w < width {
                used += w;
                out.push(Span::styled(s.content.into_owned(), s.style));
                continue;
            }
            out.push(Span::styled(truncate(&s.content, width - used), s.style));
            break;
        }
        out
    };
    let mut fitted = Line::from(spans).style(style);
    fitted.alignment = alignment;
    fitted
}

/// [`fit`] every line to `width` columns.
pub fn fit_all(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'static>> {
    lines.into_iter().map(|l| fit(l, width as usize)).collect()
}

/// Columns `from..from + width` of `s` (a row of a diagram scrolled sideways), with `…` at
/// an end where the row goes on beyond it.
pub fn window(s: &str, from: usize, width: usize) -> String {
    let mut shown: Vec<char> = Vec::new();
    let mut col = 0;
    let mut used = 0;
    let mut cut_right = false;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        let start = col;
        col += w;
        if start < from {
            continue;
        }
        if used + w > width {
            cut_right = true;
            break;
        }
        shown.push(c);
        used += w;
    }
    let cut_left = from > 0 && s.width() > 0;
    // A marker takes the place of the character at each cut end.
    if cut_right && width > 0 {
        while shown.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>() + 1 > width {
            shown.pop();
        }
        shown.push('…');
    }
    if cut_left && !shown.is_empty() {
        let w = shown[0].width().unwrap_or(0);
        shown[0] = '…';
        if w == 2 {
            shown.insert(1, ' ');
        }
    }
    shown.into_iter().collect()
}

/// `s` cut and padded with spaces to exactly `width` columns (by display width, so that
/// columns after it line up whatever the script).
pub fn pad_to(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let used = display_width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_break_after_slashes() {
        let url = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html";
        let lines = wrap(url, 60);
        assert_eq!(
            lines,
            vec![
                "https://docs.aws.amazon.com/AmazonECR/latest/userguide/",
                "repository-policies.html"
            ]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn fitting_marks_what_is_cut() {
        let line = Line::from(vec![Span::raw("Cluster "), Span::raw("auto scaling")]);
        assert_eq!(fit(line.clone(), 12).to_string(), "Cluster aut…");
        assert_eq!(fit(line, 40).to_string(), "Cluster auto scaling");
        assert_eq!(window("abcdefgh", 0, 5), "abcd…");
        assert_eq!(window("abcdefgh", 2, 4), "…de…");
        assert_eq!(window("abcdefgh", 4, 4), "…fgh");
        assert_eq!(window("abc", 0, 5), "abc");
    }

    #[test]
    fn wraps_on_spaces_by_width() {
        assert_eq!(
            wrap("the quick brown fox", 9),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("a\n\nb", 5), vec!["a", "", "b"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert!(wrap("x", 0).is_empty());
    }

    #[test]
    fn wide_characters_take_two_columns() {
        // Each CJK character is two columns wide: three fit in 6 columns.
        assert_eq!(wrap("容器容器容器", 6), vec!["容器容", "器容器"]);
        for line in wrap("🚢 deckhand ships 容器 to ECS", 8) {
            assert!(line.width() <= 8, "{line:?}");
        }
    }

    #[test]
    fn hanging_indent_and_truncation() {
        let lines = hanging(vec![Span::raw("A  ")], "one two three", Style::new(), 9);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, vec!["A  one", "   two", "   three"]);
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("容器容器", 5), "容器…");
        assert_eq!(truncate("ok", 4), "ok");
    }

    #[test]
    fn an_entry_continues_under_its_text() {
        // Kept as written when it fits.
        assert_eq!(entry_rows("card     a  b", 20), vec!["card     a  b"]);
        // Under the text after a label column.
        assert_eq!(
            entry_rows("docs     https://example.com/a/long/path", 24),
            vec![
                "docs     https://",
                "         example.com/a/",
                "         long/path"
            ]
        );
        // Two columns in from the entry where it has no label.
        assert_eq!(
            entry_rows("  new (2): one two three four", 14),
            vec!["  new (2):", "    one two", "    three four"]
        );
        // A label too wide for the row is not one.
        assert_eq!(
            entry_rows("abcdefghij  one two", 12),
            vec!["abcdefghij", "  one two"]
        );
    }

    #[test]
    fn pad_to_pads_by_display_width_and_keeps_graphemes_whole() {
        for s in [
            "Élastique",
            "容器サービス",
            "astronaut 👩‍🚀 and 🇫🇷",
            "tab\there\u{1b}[31m",
        ] {
            for w in 0..30 {
                let f = pad_to(s, w);
                assert_eq!(display_width(&f), w, "{s:?} at {w}: {f:?}");
                assert!(!f.contains(char::is_control), "{f:?}");
            }
        }
        // A ZWJ sequence is kept whole or dropped whole, never cut to a stray glyph.
        assert_eq!(truncate("a👩‍🚀b", 3), "a…");
        assert_eq!(truncate("a👩‍🚀b", 4), "a👩‍🚀b");
        assert_eq!(truncate("🇫🇷🇩🇪", 3), "🇫🇷…");
    }
}

/// Wrap styled runs of text into lines of at most `width` columns, breaking at spaces; a
/// word made of several runs keeps each run's style.
pub fn wrap_styled(runs: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    // Split into words (each a list of styled pieces) and paragraph breaks.
    enum Token {
        Word(Vec<(String, Style)>),
        Break,
    }
    let mut tokens = Vec::new();
    let mut word: Vec<(String, Style)> = Vec::new();
    for (text, style) in runs {
        for c in text.chars() {
            match c {
                ' ' | '\n' => {
                    if !word.is_empty() {
                        tokens.push(Token::Word(std::mem::take(&mut word)));
                    }
                    if c == '\n' {
                        tokens.push(Token::Break);
                    }
                }
                c => match word.last_mut() {
                    Some((s, st)) if st == style => s.push(c),
                    _ => word.push((c.to_string(), *style)),
                },
            }
        }
    }
    if !word.is_empty() {
        tokens.push(Token::Word(word));
    }
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for token in tokens {
        match token {
            Token::Break => {
                lines.push(Line::from(std::mem::take(&mut line)));
                used = 0;
            }
            Token::Word(pieces) => {
                let w: usize = pieces.iter().map(|(s, _)| s.width()).sum();
                if used > 0 && used + 1 + w > width {
                    lines.push(Line::from(std::mem::take(&mut line)));
                    used = 0;
                }
                if used > 0 {
                    line.push(Span::raw(" "));
                    used += 1;
                }
                for (s, st) in pieces {
                    // A piece wider than the line is cut into rows.
                    let mut chunk = String::new();
                    for c in s.chars() {
                        let cw = c.width().unwrap_or(0);
                        if used + cw > width && used > 0 {
                            if !chunk.is_empty() {
                                line.push(Span::styled(std::mem::take(&mut chunk), st));
                            }
                            lines.push(Line::from(std::mem::take(&mut line)));
                            used = 0;
                        }
                        chunk.push(c);
                        used += cw;
                    }
                    if !chunk.is_empty() {
                        line.push(Span::styled(chunk, st));
                    }
                }
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

#[cfg(test)]
mod styled_tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn styles_survive_wrapping() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let runs = vec![
            ("ECS runs ".to_string(), Style::new()),
            ("[...]".to_string(), bold),
            (". on Fargate and EC2".to_string(), Style::new()),
        ];
        let lines = wrap_styled(&runs, 12);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, vec!["ECS runs", "[...]. on", "Fargate and", "EC2"]);
        assert_eq!(lines[1].spans[0].style, bold);
        assert_eq!(lines[1].spans[0].content, "[...]");
        let two = wrap_styled(&[("a\nb".to_string(), Style::new())], 10);
        assert_eq!(two.len(), 2);
    }
}
