//! The visualiser's actions, and scheduling the predictions answered in it.

use chrono::{DateTime, Utc};

use super::{App, Screen};
use crate::srs::Rating;
use crate::srs::queue::ItemKey;
use crate::store::{AnswerMeta, ItemKind};
use crate::study::{Failure, Notice};
use crate::tui::action::Action;
use crate::tui::screens::visual::Tab;

impl App {
    pub(super) fn visual_action(&mut self, action: Action) {
        let now = self.now();
        let Screen::Visual { visual, .. } = &mut self.screen else {
            return;
        };
        let v = visual.as_mut();
        if v.editing {
            match action {
                Action::Up => v.field = v.field.saturating_sub(1),
                Action::Down => v.field = (v.field + 1).min(v.fields().len() - 1),
                Action::Left => v.change(-1),
                Action::Right => v.change(1),
                Action::Back => v.editing = false,
                _ => {}
            }
            return;
        }
        match action {
            Action::Choose(i) => {
                let Some(right) = v.answer(i) else { return };
                let card = v.asked.as_ref().and_then(|a| a.card.clone());
                if let Some(id) = card {
                    self.record_prediction(&id, right, now);
                }
            }
            Action::TogglePlay => v.toggle_play(),
            Action::StepEvent => v.step_event(),
            Action::Faster => v.faster(),
            Action::Slower => v.slower(),
            Action::Restart => v.restart(),
            Action::ToggleQuizMe => v.toggle_predict(),
            Action::EditParams => {
                v.editing = true;
                v.playing = false;
            }
            Action::ShowRolling | Action::ShowScaling => {
                let tab = if action == Action::ShowRolling {
                    Tab::Rolling
                } else {
                    Tab::Scaling
                };
                if v.tab != tab {
                    v.show(tab);
                }
            }
            Action::PageUp => {
                v.log_back = (v.log_back + 5).min(v.sim.events().len().saturating_sub(1))
            }
            Action::PageDown => v.log_back = v.log_back.saturating_sub(5),
            Action::Back => {
                let Screen::Visual { back, .. } = std::mem::replace(&mut self.screen, Screen::Home)
                else {
                    return;
                };
                match back {
                    Some(screen) => self.screen = *screen,
                    None => self.refresh_home(),
                }
            }
            _ => {}
        }
    }

    /// Schedule a prediction answered in the visualiser: it is a card of the generated pack.
    fn record_prediction(&mut self, card_id: &str, right: bool, now: DateTime<Utc>) {
        let key = ItemKey::new(crate::quiz::predict::PACK_ID, card_id);
        if self.cat.find(&key).is_none() {
            return;
        }
        let rating = if right { Rating::Good } else { Rating::Again };
        let meta = AnswerMeta {
            kind: ItemKind::Predict,
            correct: Some(right),
            answer_ms: 0,
        };
        let notice = match self.store.answer_outside_session(&key, rating, meta, now) {
            Ok(_) => Notice::Scheduled {
                card: card_id.to_string(),
            },
            Err(e) => Notice::Failed {
                what: Failure::SavePrediction,
                detail: e.to_string(),
            },
        };
        self.notify(notice);
    }
}
