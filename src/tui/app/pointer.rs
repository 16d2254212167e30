//! The mouse and links: clicks and the wheel become the actions the last frame put under
//! them; `o` opens a card's first reference in the browser.

use chrono::TimeDelta;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::{App, Screen, Toast};
use crate::study::ItemRef;
use crate::tui::action::Action;
use crate::tui::widgets::link::safe_url;

/// Two clicks on one place within this time are a double click.
const DOUBLE_CLICK_MS: i64 = 400;

impl App {
    /// Handle a mouse event: a left click, or the wheel.
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        let (x, y) = (event.column, event.row);
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.toast = None;
                let Some(action) = self.hits.click_at(x, y) else {
                    self.last_click = None;
                    return;
                };
                let now = self.now();
                let double = self.last_click.is_some_and(|(at, a)| {
                    a == action && now - at <= TimeDelta::milliseconds(DOUBLE_CLICK_MS)
                });
                self.last_click = (!double).then_some((now, action));
                self.dispatch(action);
                // A double click on a Home row opens it, as Enter does.
                if double && matches!(self.screen, Screen::Home) && self.overlays.is_empty() {
                    self.dispatch(Action::StartReview);
                }
            }
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
                let up = event.kind == MouseEventKind::ScrollUp;
                if let Some(action) = self.hits.wheel_at(x, y, up) {
                    self.dispatch(action);
                }
            }
            _ => {}
        }
    }

    /// Open the first reference of the card `item` in the browser, or say why not.
    pub(super) fn open_link(&mut self, item: ItemRef) {
        let card = self.cat.card(item);
        let text = match card.refs.first() {
            None => (
                "This card names no documentation to open.".to_string(),
                true,
            ),
            Some(r) => match safe_url(r) {
                None => (
                    format!("The card's first link is not a plain web address: {r:?}"),
                    true,
                ),
                Some(url) => {
                    self.opened.push(url.clone());
                    match self.opener.map_or(Ok(()), |open| open(&url)) {
                        Ok(()) => (format!("Opening {url} in your browser."), false),
                        Err(e) => (format!("Cannot open the browser ({e}): {url}"), true),
                    }
                }
            },
        };
        self.toast = Some(Toast {
            text: text.0,
            error: text.1,
        });
    }
}
