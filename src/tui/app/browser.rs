//! The card browser's actions: searching, moving, and changing a card (suspend, bury, flag,
//! reset), opening its diagram or scenario.

use std::collections::HashMap;

use super::{App, Screen};
use crate::srs::queue::ItemProgress;
use crate::study::browse::{Index, ItemState, Query};
use crate::study::input::TextInput;
use crate::study::{Failure, Notice};
use crate::tui::action::Action;
use crate::tui::overlay::Overlay;
use crate::tui::screens::browser::{BrowserScreen, Details};
use crate::tui::screens::visual::Visual;

impl App {
    /// Open the card browser over the screen shown: from Home, ready to type a search; from a
    /// card, with that card selected (leaving the browser goes back to it).
    pub(super) fn open_browser(&mut self) {
        self.refresh_home();
        let flags = match self.store.flags() {
            Ok(flags) => flags
                .into_iter()
                .filter_map(|f| Some((self.cat.position(&f.key.pack, &f.key.item)?, f)))
                .collect(),
            Err(e) => {
                self.notify(Notice::failed(Failure::ReadProgress, e));
                HashMap::new()
            }
        };
        let mut browser = BrowserScreen::new(Index::new(&self.cat), flags);
        let from_card = self
            .current()
            .and_then(|c| self.cat.position(&c.key.pack, &c.key.item));
        let back = match std::mem::replace(&mut self.screen, Screen::Home) {
            Screen::Home => None,
            other => Some(Box::new(other)),
        };
        browser.rows = (0..self.cat.all_items().len()).collect();
        browser.selected = from_card.unwrap_or(0);
        // From Home the search has the keyboard at once; from a card, the card is shown.
        browser.typing = from_card.is_none();
        self.screen = Screen::Browser {
            browser: Box::new(browser),
            back,
        };
        self.load_details();
    }

    pub(super) fn browser_action(&mut self, action: Action) {
        let Screen::Browser { browser: b, .. } = &mut self.screen else {
            return;
        };
        if b.confirm_reset {
            b.confirm_reset = false;
            if action == Action::Confirm {
                self.change_card(|p| *p = ItemProgress::default());
            }
            return;
        }
        if let Some(note) = b.note.as_mut() {
            match action {
                Action::Submit => {
                    let text = note.text().trim().to_string();
                    b.note = None;
                    self.set_flag(Some(text));
                }
                Action::StopTyping => b.note = None,
                other => {
                    super::study::edit_input(note, other);
                }
            }
            return;
        }
        if b.typing {
            match action {
                Action::Submit | Action::StopTyping => b.typing = false,
                other => {
                    super::study::edit_input(&mut b.search, other);
                    self.run_search();
                }
            }
            return;
        }
        let last = b.rows.len().saturating_sub(1);
        match action {
            Action::Search => b.typing = true,
            Action::Up => b.selected = b.selected.saturating_sub(1),
            Action::Down => b.selected = (b.selected + 1).min(last),
            Action::PageUp => b.selected = b.selected.saturating_sub(10),
            Action::PageDown => b.selected = (b.selected + 10).min(last),
            Action::Top => b.selected = 0,
            Action::Bottom => b.selected = last,
            Action::Suspend => {
                let suspended = self.selected_progress().is_some_and(|p| p.suspended);
                self.change_card(|p| p.suspended = !suspended);
                return;
            }
            Action::Bury => {
                let now = self.now();
                let until = self.day.day_end(now);
                let buried = self.selected_progress().is_some_and(|p| p.is_buried(now));
                self.change_card(|p| p.buried_until = (!buried).then_some(until));
                return;
            }
            Action::Flag => {
                if b.current().is_some_and(|pos| b.flags.contains_key(&pos)) {
                    self.set_flag(None);
                } else if b.current().is_some() {
                    b.note = Some(TextInput::default());
                }
                return;
            }
            Action::ResetProgress => {
                b.confirm_reset = b.current().is_some();
                return;
            }
            Action::ZoomDiagram => {
                let item = b.current().map(|pos| self.cat.all_items()[pos]);
                match item.filter(|i| self.cat.card(*i).diagram.is_some()) {
                    Some(item) => self.overlays.push(Overlay::Zoom { item, x: 0, y: 0 }),
                    None => self.notify(Notice::NoDiagram),
                }
                return;
            }
            Action::OpenVisualiser => {
                let preset = b.current().and_then(|pos| {
                    self.cat
                        .card(self.cat.all_items()[pos])
                        .sim
                        .as_deref()
                        .cloned()
                });
                match preset {
                    Some(preset) => {
                        let browser = std::mem::replace(&mut self.screen, Screen::Home);
                        self.screen = Screen::Visual {
                            visual: Box::new(Visual::with(preset)),
                            back: Some(Box::new(browser)),
                        };
                    }
                    None => self.notify(Notice::NoScenario),
                }
                return;
            }
            Action::Back => {
                let Screen::Browser { back, .. } =
                    std::mem::replace(&mut self.screen, Screen::Home)
                else {
                    return;
                };
                match back {
                    Some(screen) => self.screen = *screen,
                    None => self.refresh_home(),
                }
                return;
            }
            _ => return,
        }
        self.load_details();
    }

    /// Run the search typed so far.
    fn run_search(&mut self) {
        let now = self.now();
        let day_end = self.day.day_end(now);
        let progress = self.home.overview.progress();
        let Screen::Browser { browser: b, .. } = &mut self.screen else {
            return;
        };
        match Query::parse(b.search.text()) {
            Ok(q) => {
                let selected = b.current();
                b.error = None;
                b.rows = b.index.search(
                    &q,
                    |i| ItemState {
                        progress: progress.get(i).and_then(Option::as_ref),
                        flagged: b.flags.contains_key(&i),
                    },
                    now,
                    day_end,
                );
                // Keep the selected card when it is still found.
                b.selected = selected
                    .and_then(|s| b.rows.iter().position(|r| *r == s))
                    .unwrap_or(0);
            }
            Err(e) => b.error = Some(e),
        }
        self.load_details();
    }

    /// The stored progress of the selected card.
    fn selected_progress(&self) -> Option<&ItemProgress> {
        let Screen::Browser { browser: b, .. } = &self.screen else {
            return None;
        };
        self.home.overview.progress().get(b.current()?)?.as_ref()
    }

    /// Change the selected card's stored progress, then show the result.
    fn change_card(&mut self, f: impl FnMut(&mut ItemProgress)) {
        let Screen::Browser { browser: b, .. } = &self.screen else {
            return;
        };
        let Some(pos) = b.current() else {
            return;
        };
        let key = self.cat.key_at(pos);
        if let Err(e) = self.store.update_progress(&key, f) {
            self.notify(Notice::failed(Failure::ChangeCard, e));
        }
        if let Screen::Browser { browser: b, .. } = &mut self.screen {
            b.details = None;
        }
        self.refresh_home();
        self.run_search();
    }

    /// Flag the selected card with `note`, or take its flag off (`None`).
    fn set_flag(&mut self, note: Option<String>) {
        let now = self.now();
        let Screen::Browser { browser: b, .. } = &mut self.screen else {
            return;
        };
        let Some(pos) = b.current() else {
            return;
        };
        let key = self.cat.key_at(pos);
        let result = match &note {
            Some(note) => self.store.set_flag(&key, note, now),
            None => self.store.clear_flag(&key),
        };
        match result {
            Ok(()) => {
                match note {
                    Some(note) => b.flags.insert(
                        pos,
                        crate::store::Flag {
                            key,
                            note,
                            flagged_at: now,
                        },
                    ),
                    None => b.flags.remove(&pos),
                };
            }
            Err(e) => self.notify(Notice::failed(Failure::ChangeCard, e)),
        }
        self.run_search();
    }

    /// Read the selected card's history and recall.
    fn load_details(&mut self) {
        let now = self.now();
        let Screen::Browser { browser: b, .. } = &self.screen else {
            return;
        };
        let Some(pos) = b.current() else {
            return;
        };
        if b.details.as_ref().is_some_and(|d| d.pos == pos) {
            return;
        }
        let key = &self.cat.key_at(pos);
        let history = self.store.item_history(key).unwrap_or_default();
        let recall = self
            .home
            .overview
            .progress()
            .get(pos)
            .and_then(Option::as_ref)
            .and_then(|p| {
                let settings = self.store.pack_settings(&key.pack).ok()?;
                settings.scheduler.retrievability(&p.card, now)
            });
        if let Screen::Browser { browser: b, .. } = &mut self.screen {
            b.details = Some(Details {
                pos,
                history,
                recall,
            });
        }
    }
}
