//! Small drawing helpers shared by the screens.

pub mod input;
pub mod text;

use ratatui::layout::Rect;

/// `r` without its first and last column: the one-column margin inside a bordered panel.
pub fn pad(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}
