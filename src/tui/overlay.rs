//! Windows over the screen: help, messages, the quiz set-up, a diagram full screen, the
//! notice of pack updates. The last one gets the keys.

use super::screens::exam::{Confirm, ExamMapView, ExamSetup};
use super::screens::plan::{PlanForm, StudyMore};
use super::screens::updates::UpdatesView;
use crate::content::CardKind;
use crate::study::{ItemRef, Node};

/// A window over the screen.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// A message; `retry` offers to save a failed answer again.
    Popup {
        title: String,
        lines: Vec<String>,
        scroll: u16,
        retry: bool,
        error: bool,
    },
    QuizSetup(QuizSetup),
    /// A card's diagram, full screen.
    Zoom {
        item: ItemRef,
        x: u16,
        y: u16,
    },
    /// What changed in the packs since the previous start.
    Updates(UpdatesView),
    /// Choosing a mock exam, or resuming the unfinished one.
    ExamSetup(ExamSetup),
    /// The question map of the exam on screen.
    ExamMap(ExamMapView),
    /// A yes/no question.
    Confirm(Confirm),
    /// The exam date, budget and target of a pack.
    PlanForm(PlanForm),
    /// Study more today: new cards or review ahead.
    StudyMore(StudyMore),
}

/// The quiz set-up dialog: how many questions, which kinds, over the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizSetup {
    pub count: usize,
    /// Included kinds, in [`QUIZ_KINDS`] order.
    pub kinds: [bool; 6],
    /// Row 0 is the count, rows 1..=6 the kinds.
    pub row: usize,
    pub selection: Vec<Node>,
    pub label: String,
}

impl QuizSetup {
    /// Five more questions (up to 200).
    pub fn more(&mut self) {
        self.count = (self.count + 5 - self.count % 5).min(200);
    }

    /// Five fewer questions (at least 1).
    pub fn fewer(&mut self) {
        let step = if self.count.is_multiple_of(5) {
            5
        } else {
            self.count % 5
        };
        self.count = self.count.saturating_sub(step).max(1);
    }

    /// Whether questions of `kind` are included.
    pub fn includes(&self, kind: CardKind) -> bool {
        QUIZ_KINDS
            .iter()
            .zip(self.kinds)
            .any(|((k, _), on)| on && *k == kind)
    }
}

/// The kinds a quiz can include, with their labels.
pub const QUIZ_KINDS: [(CardKind, &str); 6] = [
    (CardKind::Basic, "flashcards (basic and reversed)"),
    (CardKind::Cloze, "cloze"),
    (CardKind::Choice, "multiple choice"),
    (CardKind::Multi, "multiple response"),
    (CardKind::Typed, "typed answers"),
    (CardKind::TrueFalse, "true or false"),
];
