//! Windows over the screen: help, messages, the quiz set-up, a diagram full screen, the
//! notice of pack updates. The last one gets the keys.

use super::screens::exam::{Confirm, ExamMapView, ExamSetup};
use super::screens::plan::{PlanForm, StudyMore};
use super::screens::updates::UpdatesView;
use super::widgets::scroll::Scroll;
use crate::content::CardKind;
use crate::study::{ItemRef, Node};

/// A window over the screen.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: Scroll,
    },
    /// A message; `retry` offers to save a failed answer again.
    Popup {
        title: String,
        lines: Vec<String>,
        scroll: Scroll,
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

/// The quiz set-up dialog: how many questions, which kinds, over the selection. The last
/// choice is kept between runs; the count shows how many questions match.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizSetup {
    /// How many questions; `None` for all that match.
    pub count: Option<usize>,
    /// Included kinds, in [`QUIZ_KINDS`] order.
    pub kinds: [bool; 6],
    /// Row 0 is the count, rows 1..=6 the kinds.
    pub row: usize,
    pub selection: Vec<Node>,
    pub label: String,
    /// Questions of each kind in the selection, in [`QUIZ_KINDS`] order.
    pub available: [usize; 6],
}

impl QuizSetup {
    /// Questions of the included kinds in the selection.
    pub fn matching(&self) -> usize {
        self.available
            .iter()
            .zip(self.kinds)
            .filter(|(_, on)| *on)
            .map(|(n, _)| n)
            .sum()
    }

    /// Whether the quiz asks every question that matches.
    pub fn all(&self) -> bool {
        self.count.is_none_or(|n| n >= self.matching())
    }

    /// How many questions the quiz asks.
    pub fn questions(&self) -> usize {
        self.count
            .map_or(self.matching(), |n| n.min(self.matching()))
    }

    /// Five more questions; past the last that match, all of them.
    pub fn more(&mut self) {
        if let Some(n) = self.count {
            let next = n + 5 - n % 5;
            self.count = (next < self.matching()).then_some(next);
        }
    }

    /// Five fewer questions (at least 1); from all of them, the multiple of five below (or
    /// one fewer, when five or fewer match).
    pub fn fewer(&mut self) {
        let n = if self.all() {
            let m = self.matching();
            if m > 5 {
                (m - 1) / 5 * 5
            } else {
                m.saturating_sub(1)
            }
        } else {
            let n = self.count.unwrap_or(1);
            let step = if n.is_multiple_of(5) { 5 } else { n % 5 };
            n.saturating_sub(step)
        };
        self.count = Some(n.max(1));
    }

    /// Every question that matches.
    pub fn take_all(&mut self) {
        self.count = None;
    }

    /// Whether questions of `kind` are included.
    pub fn includes(&self, kind: CardKind) -> bool {
        QUIZ_KINDS
            .iter()
            .zip(self.kinds)
            .any(|((k, _), on)| on && *k == kind)
    }

    /// The choice as kept between runs: the count (`all` or a number) and the kinds.
    pub fn remembered(&self) -> (String, String) {
        let count = self.count.map_or("all".to_string(), |n| n.to_string());
        let kinds: Vec<&str> = QUIZ_KINDS
            .iter()
            .zip(self.kinds)
            .filter(|(_, on)| *on)
            .map(|((k, _), _)| k.name())
            .collect();
        (count, kinds.join(","))
    }

    /// Take back a choice kept between runs (what does not parse is left as it is).
    pub fn recall(&mut self, count: Option<&str>, kinds: Option<&str>) {
        match count {
            Some("all") => self.count = None,
            Some(n) => {
                if let Ok(n) = n.parse::<usize>()
                    && (1..=10_000).contains(&n)
                {
                    self.count = Some(n);
                }
            }
            None => {}
        }
        if let Some(kinds) = kinds {
            let names: Vec<&str> = kinds.split(',').collect();
            let chosen = QUIZ_KINDS.map(|(k, _)| names.contains(&k.name()));
            if chosen.contains(&true) {
                self.kinds = chosen;
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(count: Option<usize>) -> QuizSetup {
        QuizSetup {
            count,
            kinds: [true, true, false, false, false, false],
            row: 0,
            selection: Vec::new(),
            label: String::new(),
            available: [10, 4, 30, 0, 0, 0],
        }
    }

    #[test]
    fn the_count_steps_by_five_up_to_all_that_match() {
        let mut s = setup(Some(5));
        assert_eq!((s.matching(), s.questions()), (14, 5));
        s.more();
        assert_eq!(s.count, Some(10));
        s.more();
        assert!(s.all());
        assert_eq!(s.questions(), 14);
        s.fewer();
        assert_eq!(s.count, Some(10));
        // Leaving a kind out shrinks what matches; the count follows.
        s.kinds[0] = false;
        assert_eq!(s.questions(), 4);
        assert!(s.all());
    }

    #[test]
    fn a_choice_survives_the_round_trip() {
        let mut s = setup(None);
        assert_eq!(s.remembered(), ("all".into(), "basic,cloze".into()));
        let mut t = setup(Some(20));
        t.kinds = [true; 6];
        t.recall(Some("all"), Some("basic,cloze"));
        assert_eq!(t, s);
        s.recall(Some("7"), Some("nonsense"));
        assert_eq!((s.count, s.kinds[0]), (Some(7), true));
    }
}
