//! A scroll position kept in a window's state. The draw knows how far the content can
//! scroll (the last position that still shows its end) and tells the state, so that the keys
//! stop there: after Down at the bottom, one Up moves the view again.

use std::cell::Cell;

use crate::tui::action::Action;

/// The first row shown, never past the last position the latest draw could show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scroll {
    at: u16,
    /// The last position that shows the end, as of the latest draw (`None` before the first).
    last: Cell<Option<u16>>,
}

impl Scroll {
    /// The position to draw: the stored one, clamped to the end as last drawn.
    pub fn at(&self) -> u16 {
        self.last.get().map_or(self.at, |last| self.at.min(last))
    }

    /// Back to the top.
    pub fn reset(&mut self) {
        self.at = 0;
    }

    /// Go to `at` (a jump, such as to a question's start), within what the latest draw
    /// could show.
    pub fn set(&mut self, at: u16) {
        self.at = at;
        self.at = self.at();
    }

    /// Up and Down move a row, PageUp and PageDown `page` rows, within what the latest draw
    /// could show; whether `action` was one of them.
    pub fn step(&mut self, action: Action, page: u16) -> bool {
        let at = self.at();
        self.at = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => at.saturating_add(1),
            Action::PageUp => at.saturating_sub(page),
            Action::PageDown => at.saturating_add(page),
            _ => return false,
        };
        self.at = self.at();
        true
    }

    /// Called by the draw with the last position that shows the end (content rows less
    /// window rows); the position to draw.
    pub fn drawn(&self, last: u16) -> u16 {
        self.last.set(Some(last));
        self.at()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_position_stops_at_the_end_last_drawn() {
        let mut s = Scroll::default();
        // Before the first draw nothing is known: the keys move freely.
        assert!(s.step(Action::Down, 10));
        assert_eq!(s.at(), 1);
        assert_eq!(s.drawn(5), 1);
        for _ in 0..50 {
            s.step(Action::Down, 10);
        }
        assert_eq!(s.at(), 5);
        s.step(Action::Up, 10);
        assert_eq!(s.at(), 4);
        s.step(Action::PageDown, 10);
        assert_eq!(s.at(), 5);
        // A taller window shows more: the position follows at the next draw.
        assert_eq!(s.drawn(2), 2);
        s.step(Action::Up, 10);
        assert_eq!(s.at(), 1);
        s.step(Action::PageUp, 10);
        assert_eq!(s.at(), 0);
        assert!(!s.step(Action::Back, 10));
        s.step(Action::Down, 10);
        s.reset();
        assert_eq!(s.at(), 0);
        // A jump stops at the end too.
        s.set(1);
        assert_eq!(s.at(), 1);
        s.set(40);
        assert_eq!(s.at(), 2);
        s.step(Action::Up, 10);
        assert_eq!(s.at(), 1);
    }
}
