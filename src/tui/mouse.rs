//! The mouse, second to the keyboard: what the last frame drew where. Screens register the
//! places a click means something (an option, a grade button, a Home row, a footer hint, a
//! visualiser tab) while they draw; a click finds the topmost place under it and becomes the
//! same [`Action`] a key would give. The wheel scrolls what is under it.

use std::cell::RefCell;

use ratatui::layout::{Position, Rect};

use super::action::Action;

/// One place of the last frame that a click or the wheel acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub area: Rect,
    /// What a click there does.
    pub click: Option<Action>,
    /// What the wheel does there, up and down.
    pub wheel: Option<(Action, Action)>,
}

/// The places of the last frame, in drawing order (what is drawn later lies on top).
#[derive(Debug, Default)]
pub struct Hits {
    hits: RefCell<Vec<Hit>>,
}

impl Hits {
    /// Forget the last frame's places (a new frame is being drawn).
    pub fn clear(&self) {
        self.hits.borrow_mut().clear();
    }

    /// A click on `area` does `action`.
    pub fn click(&self, area: Rect, action: Action) {
        self.push(Hit {
            area,
            click: Some(action),
            wheel: None,
        });
    }

    /// The wheel over `area` does `up` and `down`.
    pub fn wheel(&self, area: Rect, up: Action, down: Action) {
        self.push(Hit {
            area,
            click: None,
            wheel: Some((up, down)),
        });
    }

    /// Everything under `area` is covered (a window on top): places registered before it
    /// do not answer there any more.
    pub fn cover(&self, area: Rect) {
        self.push(Hit {
            area,
            click: None,
            wheel: None,
        });
    }

    fn push(&self, hit: Hit) {
        if hit.area.width > 0 && hit.area.height > 0 {
            self.hits.borrow_mut().push(hit);
        }
    }

    /// What a click at column `x`, row `y` does, if anything.
    pub fn click_at(&self, x: u16, y: u16) -> Option<Action> {
        self.topmost(x, y, |h| h.click.is_some() || h.wheel.is_none())
            .and_then(|h| h.click)
    }

    /// What the wheel at column `x`, row `y` does (`up` or down), if anything.
    pub fn wheel_at(&self, x: u16, y: u16, up: bool) -> Option<Action> {
        self.topmost(x, y, |h| h.wheel.is_some() || h.click.is_none())
            .and_then(|h| h.wheel)
            .map(|(u, d)| if up { u } else { d })
    }

    /// The last place under (x, y) that `answers` (covers answer everything, to stop it).
    fn topmost(&self, x: u16, y: u16, answers: impl Fn(&Hit) -> bool) -> Option<Hit> {
        let at = Position::new(x, y);
        self.hits
            .borrow()
            .iter()
            .rev()
            .find(|h| h.area.contains(at) && answers(h))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_topmost_place_answers_and_windows_cover_what_is_under_them() {
        let hits = Hits::default();
        hits.wheel(Rect::new(0, 0, 80, 20), Action::Up, Action::Down);
        hits.click(Rect::new(2, 3, 40, 1), Action::Choose(0));
        hits.click(Rect::new(2, 4, 40, 2), Action::Choose(1));
        assert_eq!(hits.click_at(5, 3), Some(Action::Choose(0)));
        assert_eq!(hits.click_at(5, 5), Some(Action::Choose(1)));
        assert_eq!(hits.click_at(50, 5), None);
        // The wheel passes through a clickable row to the panel under it.
        assert_eq!(hits.wheel_at(5, 3, false), Some(Action::Down));
        hits.cover(Rect::new(0, 2, 60, 10));
        assert_eq!(hits.click_at(5, 3), None);
        assert_eq!(hits.wheel_at(5, 3, true), None);
        assert_eq!(hits.wheel_at(70, 3, true), Some(Action::Up));
        hits.clear();
        assert_eq!(hits.wheel_at(70, 3, true), None);
    }
}
