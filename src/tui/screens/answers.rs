//! After a quiz: every question as it was asked, with the learner's answer, the right one
//! and the explanations (the card as it looked once answered), one after the other.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::card_text::{card_text, topic_and_kind};
use crate::quiz::Outcome;
use crate::study::{Attempt, Summary};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::panel::Panel;

/// The answers of a quiz, scrolled.
#[derive(Debug)]
pub struct AnswersView {
    pub summary: Summary,
    /// The first line shown (kept within the text at each draw).
    scroll: Cell<usize>,
    /// Lines shown at the last draw, for paging.
    page: Cell<usize>,
    /// The first line of each question at the last draw, for jumping.
    starts: std::cell::RefCell<Vec<usize>>,
}

impl AnswersView {
    pub fn new(summary: Summary) -> AnswersView {
        AnswersView {
            summary,
            scroll: Cell::new(0),
            page: Cell::new(10),
            starts: Default::default(),
        }
    }

    /// The first line shown.
    pub fn scroll(&self) -> usize {
        self.scroll.get()
    }

    /// Scroll for `action`; `false` when the action is not a scroll.
    pub fn scroll_by(&mut self, action: Action) -> bool {
        let at = self.scroll.get();
        let page = self.page.get().max(1);
        let starts = self.starts.borrow();
        let to = match action {
            Action::Up => at.saturating_sub(1),
            Action::Down => at + 1,
            Action::PageUp => at.saturating_sub(page),
            Action::PageDown => at + page,
            Action::Top => 0,
            // The last question's start (the draw keeps the page full).
            Action::Bottom => starts.last().copied().unwrap_or(usize::MAX),
            _ => return false,
        };
        self.scroll.set(to);
        true
    }
}

/// How the question went, in words and a mark.
fn verdict(a: &Attempt) -> (&'static str, bool) {
    match a.outcome() {
        None if a.is_right() => ("✓ knew it", true),
        None => ("✗ did not know it", false),
        Some(Outcome::Right) => ("✓ right", true),
        Some(Outcome::Almost) => ("≈ almost (counted right)", true),
        Some(Outcome::Wrong) => ("✗ wrong", false),
    }
}

/// Draw the answers.
pub fn render(view: &View, answers: &AnswersView, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let inner = Block::bordered().inner(area);
    let width = inner.width.saturating_sub(2) as usize;
    let all = &answers.summary.answers;
    let mut lines: Vec<Line> = Vec::new();
    let mut starts = Vec::new();
    for (i, a) in all.iter().enumerate() {
        starts.push(lines.len());
        let (topic, kind) = topic_and_kind(view, a.item);
        let (said, right) = verdict(a);
        lines.push(Line::from(vec![
            Span::styled(format!("{}/{}  ", i + 1, all.len()), th.title),
            Span::styled(said, if right { th.right } else { th.wrong }),
            Span::styled(format!(" · {topic} · {kind}"), th.dim),
        ]));
        // The list opens no link (`o` works on the card itself), so it says nothing of it.
        lines.extend(card_text(view, a, width, false).lines);
        lines.push(Line::raw(""));
    }
    let height = inner.height as usize;
    let max = lines.len().saturating_sub(height);
    let scroll = answers.scroll.get().min(max);
    answers.scroll.set(scroll);
    answers.page.set(height.saturating_sub(1));
    *answers.starts.borrow_mut() = starts;
    let s = &answers.summary;
    let title = vec![Span::styled(
        format!(" Answers · {} of {} right ", s.right, s.answered),
        th.title,
    )];
    let block = Panel::new(title, th.border)
        .scrolled_to(view, Ctx::Answers, (Action::Up, Action::Down), scroll, max)
        .block(area.width);
    frame.render_widget(block, area);
    view.hits.wheel(area, Action::Up, Action::Down);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), pad(inner));
}
