//! The visualiser's actions, and scheduling the predictions answered in it.

use chrono::{DateTime, Utc};

use super::{App, Screen};
use crate::srs::Rating;
use crate::srs::queue::ItemKey;
use crate::store::{AnswerMeta, ItemKind};
use crate::study::{Failure, Notice};
use crate::tui::action::Action;
use crate::tui::screens::visual::VisualOutcome;

impl App {
    pub(super) fn visual_action(&mut self, action: Action) {
        let now = self.now();
        let Screen::Visual { visual, .. } = &mut self.screen else {
            return;
        };
        match visual.update(action) {
            VisualOutcome::None => {}
            VisualOutcome::Answered { card, right } => self.record_prediction(&card, right, now),
            VisualOutcome::Back => {
                let Screen::Visual { back, .. } = std::mem::replace(&mut self.screen, Screen::Home)
                else {
                    return;
                };
                match back {
                    Some(screen) => self.screen = *screen,
                    None => self.refresh_home(),
                }
            }
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
