//! The update notice: what changed in the packs since the previous start, shown once over
//! Home. First the headline of each pack; the list-changes key lists every change.

use crate::store::PackUpdate;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::entry_rows;

/// The notice's state (kept in its overlay).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatesView {
    pub updates: Vec<PackUpdate>,
    /// Every change listed, not only the headlines.
    pub listing: bool,
    pub scroll: Scroll,
}

impl UpdatesView {
    /// The text of the notice. `list_key` is the key that lists the changes (from the
    /// keymap), named in the hint while only the headlines show.
    pub fn lines(&self, list_key: Option<&str>) -> Vec<String> {
        let mut out = Vec::new();
        for (i, u) in self.updates.iter().enumerate() {
            if i > 0 && self.listing {
                out.push(String::new());
            }
            out.push(u.headline());
            if u.moved_items > 0 {
                out.push(format!(
                    "  progress carried over: {} {}, {} {}",
                    u.moved_items,
                    if u.moved_items == 1 { "item" } else { "items" },
                    u.moved_reviews,
                    if u.moved_reviews == 1 {
                        "review"
                    } else {
                        "reviews"
                    }
                ));
            }
            if self.listing {
                out.extend(u.changes.lines().into_iter().map(|l| format!("  {l}")));
            }
        }
        if !self.listing
            && let Some(key) = list_key
            && self.updates.iter().any(|u| !u.changes.is_empty())
        {
            out.push(String::new());
            out.push(format!("{key}: list every change"));
        }
        out
    }

    /// [`UpdatesView::lines`] wrapped to `width` columns, each entry with a hanging indent
    /// ([`entry_rows`]): its first row at the entry's own indent, the rows that continue it
    /// two columns further in, so that a long entry reads as one and the next stands out.
    pub fn rows(&self, list_key: Option<&str>, width: usize) -> Vec<String> {
        self.lines(list_key)
            .iter()
            .flat_map(|line| entry_rows(line, width))
            .collect()
    }
}
