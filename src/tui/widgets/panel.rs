//! A bordered panel whose border texts always fit: the title is cut with `…` to leave room
//! for the hint after it (a key to press) and for the marks on the right, which say that
//! the content goes on above or below (so no hint is ever drawn over the text inside).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use super::text::fit;
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;

/// The parts of a panel's border.
#[derive(Debug, Default, Clone)]
pub struct Panel<'a> {
    /// The title, top left: cut first when the border is short.
    pub title: Vec<Span<'a>>,
    /// A hint after the title (` · z full screen `): kept whole while it fits at all.
    pub hint: Vec<Span<'a>>,
    /// Top right: that there is more above (` ↑ more `).
    pub above: Option<Span<'a>>,
    /// Bottom right: that there is more below (` ↓ more `).
    pub below: Option<Span<'a>>,
    /// Bottom left: a note about the content (` … cut: z shows all `).
    pub note: Option<Span<'a>>,
    pub border: Style,
}

impl<'a> Panel<'a> {
    /// A panel with this title and border style.
    pub fn new(title: Vec<Span<'a>>, border: Style) -> Panel<'a> {
        Panel {
            title,
            border,
            ..Panel::default()
        }
    }

    /// Add a hint kept after the title.
    pub fn hint(mut self, hint: Vec<Span<'a>>) -> Panel<'a> {
        self.hint = hint;
        self
    }

    /// Mark that the content goes on above and/or below, with the key that scrolls there.
    pub fn scrolled(mut self, above: bool, below: bool, mark: Style, up: &str, down: &str) -> Self {
        self.above = above.then(|| Span::styled(format!(" {up} more "), mark));
        self.below = below.then(|| Span::styled(format!(" {down} more "), mark));
        self
    }

    /// [`Panel::scrolled`] for content scrolled to `at` of `max`, with the keys of the
    /// actions `up` and `down` in `ctx`.
    pub fn scrolled_to(
        self,
        view: &View,
        ctx: Ctx,
        (up, down): (Action, Action),
        at: usize,
        max: usize,
    ) -> Self {
        self.scrolled(
            at > 0,
            at < max,
            view.theme.accent,
            &view.key(ctx, up),
            &view.key(ctx, down),
        )
    }

    /// The block for an area `width` columns wide.
    pub fn block(self, width: u16) -> Block<'a> {
        // Two corners, and one column between a title and a right-hand mark.
        let room = |right: &Option<Span>| {
            let used = right.as_ref().map_or(0, |s| s.content.width() + 1);
            (width as usize).saturating_sub(2 + used)
        };
        let top_room = room(&self.above);
        let hint_width: usize = self.hint.iter().map(|s| s.content.width()).sum();
        let title_width: usize = self.title.iter().map(|s| s.content.width()).sum();
        let title = if hint_width + title_width <= top_room {
            let mut spans = self.title;
            spans.extend(self.hint);
            Line::from(spans)
        } else if hint_width + 1 < top_room {
            // Cut the title, keeping a blank before the hint.
            let mut spans = fit(Line::from(self.title), top_room - hint_width - 1).spans;
            spans.push(Span::raw(" "));
            spans.extend(self.hint);
            Line::from(spans)
        } else {
            let mut spans = self.title;
            spans.extend(self.hint);
            fit(Line::from(spans), top_room)
        };
        let mut block = Block::new()
            .borders(Borders::ALL)
            .border_style(self.border)
            .title(title);
        if let Some(above) = self.above {
            block = block.title_top(Line::from(above).right_aligned());
        }
        let bottom_room = room(&self.below);
        if let Some(note) = self.note {
            block = block.title_bottom(fit(Line::from(note), bottom_room));
        }
        if let Some(below) = self.below {
            block = block.title_bottom(Line::from(below).right_aligned());
        }
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    fn draw(panel: Panel, width: u16) -> Vec<String> {
        let area = Rect::new(0, 0, width, 3);
        let mut buf = Buffer::empty(area);
        panel.block(width).render(area, &mut buf);
        (0..3)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn the_hint_and_the_marks_stay_and_the_title_gives_way() {
        let panel = Panel::new(
            vec![Span::raw(" A long diagram title that does not fit ")],
            Style::new(),
        )
        .hint(vec![Span::raw("· z full screen ")])
        .scrolled(true, true, Style::new(), "↑", "PgDn");
        let rows = draw(panel, 50);
        assert_eq!(
            rows[0],
            "┌ A long diagram title… · z full screen ─ ↑ more ┐"
        );
        assert_eq!(
            rows[2],
            "└───────────────────────────────────── PgDn more ┘"
        );
    }
}
