//! What the screens draw from: a small view of the app (catalog, theme, keymap, the time and
//! the UTC offset), never the app itself.

use chrono::{DateTime, Utc};

use super::action::Action;
use super::keymap::{Ctx, Keymap};
use super::mouse::Hits;
use super::theme::Theme;
use crate::study::Catalog;

/// The shared things every screen may need to draw.
pub struct View<'a> {
    pub cat: &'a Catalog,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub now: DateTime<Utc>,
    /// The local UTC offset in seconds, for showing times.
    pub utc_offset: i32,
    /// Where the frame being drawn takes clicks and the wheel.
    pub hits: &'a Hits,
    /// Whether references are drawn as hyperlinks (OSC 8).
    pub links: bool,
}

impl View<'_> {
    /// The key of an action, for prose: "press {key} to …".
    pub fn key(&self, ctx: Ctx, action: Action) -> String {
        self.keymap.label(ctx, action)
    }

    /// When something is due, in words (see [`super::screens::describe_due`]).
    pub fn due(&self, t: DateTime<Utc>) -> String {
        super::screens::describe_due(t, self.now, self.utc_offset)
    }
}
