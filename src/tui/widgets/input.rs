//! Drawing the one-line text input of a typed answer.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::study::input::TextInput;

/// The input as a line `width` columns wide, scrolled so the cursor shows; the cursor is
/// drawn reversed when `focused`.
pub fn input_line(input: &TextInput, width: usize, style: Style, focused: bool) -> Line<'static> {
    let cursor = input.cursor();
    let chars: Vec<char> = input.text().chars().collect();
    // Scroll: start far enough right that the cursor fits.
    let mut start = 0;
    while start < cursor && chars[start..cursor].iter().collect::<String>().width() + 1 > width {
        start += 1;
    }
    let before: String = chars[start..cursor].iter().collect();
    let at: String = chars.get(cursor).map_or(" ".to_string(), |c| c.to_string());
    let after: String = chars
        .get(cursor + 1..)
        .map_or(String::new(), |r| r.iter().collect());
    let cursor_style = if focused {
        style.add_modifier(Modifier::REVERSED)
    } else {
        style
    };
    Line::from(vec![
        Span::styled(before, style),
        Span::styled(at, cursor_style),
        Span::styled(after, style),
    ])
}

/// `answer ▸ ` and the input, for a line `width` columns wide.
pub fn answer_line(
    input: &TextInput,
    width: usize,
    label: Style,
    text: Style,
    focused: bool,
) -> Line<'static> {
    let field = width.saturating_sub(10).max(8);
    let mut spans = vec![Span::styled("answer ▸ ", label)];
    spans.extend(
        input_line(
            input,
            field,
            text.add_modifier(Modifier::UNDERLINED),
            focused,
        )
        .spans,
    );
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_past_the_end_is_a_space() {
        let mut i = TextInput::default();
        i.paste("容器é");
        i.left();
        i.backspace();
        assert_eq!(input_line(&i, 10, Style::new(), true).to_string(), "容é");
        i.end();
        assert_eq!(input_line(&i, 10, Style::new(), true).to_string(), "容é ");
    }
}
