//! Small drawing helpers shared by the screens.

pub mod input;
pub mod link;
pub mod panel;
pub mod scroll;
pub mod text;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use crate::content::Diagram;

/// `r` without its first and last column: the one-column margin inside a bordered panel.
pub fn pad(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}

/// A diagram's title for its panel: the title, or the id when it has none.
pub fn diagram_title(d: &Diagram) -> String {
    format!(" {} ", if d.title.is_empty() { &d.id } else { &d.title })
}

/// The rows of a diagram scrolled to column `x` and row `y`, `width` columns wide, with `…`
/// where a row goes on beyond the panel.
pub fn diagram_rows(
    d: &Diagram,
    x: usize,
    y: usize,
    width: usize,
    style: Style,
) -> Vec<Line<'static>> {
    d.art
        .lines()
        .skip(y)
        .map(|l| Line::styled(text::window(l, x, width), style))
        .collect()
}

/// Which of `len` rows a list `height` rows high shows so that row `selected` is among
/// them, moving as little as possible from the first row shown before (`before`), with one
/// row of context beyond the selected one where the list goes on: the first row shown, and
/// how many rows are hidden above and below.
pub fn list_window(
    len: usize,
    selected: usize,
    height: usize,
    before: usize,
) -> (usize, usize, usize) {
    if height == 0 || len <= height {
        return (0, 0, 0);
    }
    let selected = selected.min(len - 1);
    let context = usize::from(height > 2);
    let last_start = len - height;
    let lowest = (selected + 1 + context).saturating_sub(height);
    let highest = selected.saturating_sub(context);
    let first = before.clamp(lowest, highest.max(lowest)).min(last_start);
    (first, first, len - first - height)
}

#[cfg(test)]
mod tests {
    use super::list_window;

    #[test]
    fn the_selected_row_stays_in_view_and_the_list_moves_little() {
        assert_eq!(list_window(5, 4, 10, 0), (0, 0, 0));
        assert_eq!(list_window(20, 0, 10, 0), (0, 0, 10));
        // One row of context below the selected row while more follow.
        assert_eq!(list_window(20, 9, 10, 0), (1, 1, 9));
        assert_eq!(list_window(20, 19, 10, 1), (10, 10, 0));
        // Going back up, the list stays until the selection nears its top.
        assert_eq!(list_window(20, 15, 10, 10), (10, 10, 0));
        assert_eq!(list_window(20, 10, 10, 10), (9, 9, 1));
        for selected in 0..20 {
            for before in 0..20 {
                let (first, _, _) = list_window(20, selected, 10, before);
                assert!((first..first + 10).contains(&selected));
            }
        }
    }
}
