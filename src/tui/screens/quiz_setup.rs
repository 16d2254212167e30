//! The quiz set-up window: how many questions (of how many that match), which kinds (with
//! how many of each the selection holds). Clicks: the arrows change the count, a kind's row
//! includes or leaves it out.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::overlay::{QUIZ_KINDS, QuizSetup};
use crate::tui::view::View;
use crate::tui::widgets::text::truncate;

/// The window's size: rows of text (without the border) and its width.
pub const ROWS: u16 = 12;
pub const WIDTH: u16 = 60;

/// The lines of the window, `width` columns wide.
pub fn lines(view: &View, setup: &QuizSetup, width: usize) -> Vec<Line<'static>> {
    let th = view.theme;
    let row_style = |row: usize| {
        if setup.row == row {
            th.selected
        } else {
            th.text
        }
    };
    let pointer = |row: usize| Span::styled(if setup.row == row { "▶ " } else { "  " }, th.accent);
    let count = if setup.all() {
        format!("◂ all {} ▸", setup.matching())
    } else {
        format!("◂ {:>3} ▸ of {}", setup.questions(), setup.matching())
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("from  ", th.dim),
            Span::styled(truncate(&setup.label, width.saturating_sub(6)), th.text),
        ]),
        Line::raw(""),
        Line::from(vec![
            pointer(0),
            Span::styled(format!("questions  {count}"), row_style(0)),
            Span::styled(
                if setup.all() {
                    String::new()
                } else {
                    format!("  {} all", view.key(Ctx::QuizSetup, Action::Bottom))
                },
                th.dim,
            ),
        ]),
    ];
    for (i, (_, label)) in QUIZ_KINDS.iter().enumerate() {
        let on = setup.kinds[i];
        let text = format!("[{}] {label}", if on { "x" } else { " " });
        let n = setup.available[i].to_string();
        let room = width.saturating_sub(2 + text.chars().count() + n.len());
        lines.push(Line::from(vec![
            pointer(i + 1),
            Span::styled(text, row_style(i + 1)),
            Span::raw(" ".repeat(room)),
            Span::styled(
                n,
                if setup.available[i] == 0 {
                    th.dim
                } else {
                    th.text
                },
            ),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Any card, due or not; the schedule is left alone.",
        th.dim,
    ));
    lines
}

/// Register the window's clicks; `text` is where its lines are drawn.
pub fn clicks(view: &View, setup: &QuizSetup, text: Rect) {
    let row = |i: u16| Rect::new(text.x, text.y + i, text.width, 1);
    let count_row = row(2);
    // "▶ questions  ◂": the left arrow sits at column 13, the right one after the number.
    let label = if setup.all() {
        format!("◂ all {} ▸", setup.matching())
    } else {
        format!("◂ {:>3} ▸", setup.questions())
    };
    let left = count_row.x + 13;
    let right = left + label.chars().count() as u16 - 1;
    view.hits
        .click(Rect::new(left, count_row.y, 1, 1), Action::Fewer);
    view.hits
        .click(Rect::new(right, count_row.y, 1, 1), Action::More);
    for i in 0..QUIZ_KINDS.len() {
        view.hits.click(row(3 + i as u16), Action::Choose(i));
    }
}
