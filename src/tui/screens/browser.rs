//! The card browser: a search line, the cards found with their state, and the selected card
//! in full: its text, its memory state, its flag and its review history.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{count, interval_label};
use crate::content::Face;
use crate::srs::State;
use crate::srs::queue::ItemProgress;
use crate::store::{Flag, LoggedAnswer};
use crate::study::browse::Index;
use crate::study::catalog::item_kind;
use crate::study::input::TextInput;
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::input::input_line;
use crate::tui::widgets::pad;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::text::{fit, hanging, truncate};
use unicode_width::UnicodeWidthStr;

/// The selected card's details that come from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct Details {
    /// Its position in the catalog.
    pub pos: usize,
    /// Its answers, oldest first.
    pub history: Vec<LoggedAnswer>,
    /// The probability of recalling it now.
    pub recall: Option<f64>,
}

/// The browser's state.
#[derive(Debug)]
pub struct BrowserScreen {
    pub index: Index,
    pub search: TextInput,
    /// The search line has the keyboard.
    pub typing: bool,
    /// Why the search cannot run (an unknown `is:` state).
    pub error: Option<String>,
    /// The positions (in the catalog) of the cards found.
    pub rows: Vec<usize>,
    /// The selected row.
    pub selected: usize,
    /// Flags by catalog position.
    pub flags: HashMap<usize, Flag>,
    pub details: Option<Details>,
    /// Writing the note of a flag.
    pub note: Option<TextInput>,
    /// Asking whether to reset the selected card's progress.
    pub confirm_reset: bool,
}

impl BrowserScreen {
    pub fn new(index: Index, flags: HashMap<usize, Flag>) -> BrowserScreen {
        BrowserScreen {
            index,
            search: TextInput::default(),
            typing: false,
            error: None,
            rows: Vec::new(),
            selected: 0,
            flags,
            details: None,
            note: None,
            confirm_reset: false,
        }
    }

    /// The catalog position of the selected card.
    pub fn current(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }
}

/// A card's state in a word, with its flags: `review`, `suspended`, `buried`, `leech`.
fn state_label(p: Option<&ItemProgress>, now: DateTime<Utc>) -> String {
    let Some(p) = p else {
        return "new".into();
    };
    let base = match p.card.state {
        State::New => "new",
        State::Learning => "learning",
        State::Relearning => "relearning",
        State::Review => "review",
    };
    let mut out = base.to_string();
    if p.suspended {
        out = "suspended".into();
    } else if p.is_buried(now) {
        out = "buried".into();
    }
    if p.leech {
        out.push_str(" leech");
    }
    out
}

/// When a card is due, short: `now`, `3d`, `5h`, `-2d` (overdue), `–`.
fn due_label(p: Option<&ItemProgress>, now: DateTime<Utc>) -> String {
    match p.and_then(|p| p.card.due) {
        None => "–".into(),
        Some(d) if d <= now => {
            let late = now - d;
            if late.num_days() >= 1 {
                format!("-{}d", late.num_days())
            } else {
                "now".into()
            }
        }
        Some(d) => interval_label(d - now),
    }
}

/// Draw the browser. `progress` is every catalog item's stored progress.
pub fn render(
    view: &View,
    b: &BrowserScreen,
    progress: &[Option<ItemProgress>],
    frame: &mut Frame,
    area: Rect,
) {
    let th = view.theme;
    let [line, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    render_line(view, b, frame, line);
    let (list, details) = if body.width >= 120 {
        let [a, d] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        (a, d)
    } else {
        let list_h = (body.height / 2).max(5);
        let [a, d] = Layout::vertical([Constraint::Length(list_h), Constraint::Min(3)]).areas(body);
        (a, d)
    };
    // The rows under the header; the marks on the border say that cards go on above or below.
    let visible = (list.height.saturating_sub(2) as usize).saturating_sub(1);
    let first = b.selected.saturating_sub(visible.saturating_sub(1));
    let block = Panel::new(
        vec![Span::styled(
            format!(
                " Cards · {} of {} ",
                count(b.rows.len(), "found", "found"),
                view.cat.all_items().len()
            ),
            th.title,
        )],
        th.border,
    )
    .scrolled_to(
        view,
        Ctx::Browser,
        (Action::Up, Action::Down),
        first,
        b.rows.len().saturating_sub(visible),
    )
    .block(list.width);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = inner.width as usize;
    let items = view.cat.all_items();
    let header = format!("  {:<10} {:<5} {:<9} ", "kind", "due", "state");
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                "  {:<w$}{header}",
                "card",
                w = width.saturating_sub(header.chars().count() + 2)
            ),
            width,
        ),
        th.dim,
    )];
    for (row, &pos) in b.rows.iter().enumerate().skip(first).take(visible) {
        let r = items[pos];
        let card = view.cat.card(r);
        let p = progress.get(pos).and_then(Option::as_ref);
        let flag = if b.flags.contains_key(&pos) {
            "⚑"
        } else {
            " "
        };
        let selected = row == b.selected;
        let cols = format!(
            "{} {:<10.10} {:<5} {:<9.9} ",
            flag,
            item_kind(card, r.face).label(),
            due_label(p, view.now),
            state_label(p, view.now),
        );
        let name_w = width.saturating_sub(cols.chars().count() + 3);
        let name = truncate(&card.item_id(r.face), name_w);
        let text = format!(
            "{}{name:<name_w$} {cols}",
            if selected { "▶ " } else { "  " }
        );
        let style = if selected { th.selected } else { th.text };
        lines.push(Line::styled(truncate(&text, width), style));
    }
    if b.rows.is_empty() {
        lines.push(Line::styled("  No card matches.", th.dim));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    render_details(view, b, progress, frame, details);
}

/// The search line, or the flag note being written, or the reset question.
fn render_line(view: &View, b: &BrowserScreen, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let width = area.width as usize;
    let spans = if b.confirm_reset {
        let name = b
            .current()
            .map(|p| view.cat.key(view.cat.all_items()[p]).item)
            .unwrap_or_default();
        vec![Span::styled(
            format!(
                " Reset {name} to new? Its history stays. {} yes · {} no",
                view.key(Ctx::Confirm, Action::Confirm),
                view.key(Ctx::Confirm, Action::Cancel)
            ),
            th.error,
        )]
    } else if let Some(note) = &b.note {
        let mut spans = vec![Span::styled(" flag note ▸ ", th.accent)];
        spans.extend(input_line(note, width.saturating_sub(14), th.text, true).spans);
        spans
    } else {
        let mut spans = vec![Span::styled(
            format!(" {} ", view.key(Ctx::Browser, Action::Search)),
            th.key,
        )];
        if b.search.text().is_empty() && !b.typing {
            // The states spelled out where they fit, else named; cut with `…` below that.
            let room = width.saturating_sub(spans.iter().map(|s| s.content.width()).sum());
            let hint = [
                "search: words, is:new|learning|review|suspended|buried|leech|flagged|due, topic:, tag:, kind:, id:",
                "search: words, is:state, topic:, tag:, kind:, id:",
            ]
            .into_iter()
            .find(|h| h.width() <= room)
            .map_or_else(
                || truncate("search: words, is:state, topic:, tag:, kind:, id:", room),
                str::to_string,
            );
            spans.push(Span::styled(hint, th.dim));
        } else {
            spans.extend(input_line(&b.search, width.saturating_sub(4), th.text, b.typing).spans);
        }
        if let Some(e) = &b.error {
            let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
            spans.push(Span::styled(
                truncate(&format!("  {e}"), width.saturating_sub(used)),
                th.error,
            ));
        }
        spans
    };
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new(line), area);
}

fn render_details(
    view: &View,
    b: &BrowserScreen,
    progress: &[Option<ItemProgress>],
    frame: &mut Frame,
    area: Rect,
) {
    let th = view.theme;
    let Some(pos) = b.current() else {
        let block = Block::new().borders(Borders::ALL).border_style(th.border);
        frame.render_widget(block, area);
        return;
    };
    let r = view.cat.all_items()[pos];
    let card = view.cat.card(r);
    let pack = view.cat.pack(r);
    let topic = pack
        .topic(&card.topic)
        .map_or(card.topic.as_str(), |t| t.title.as_str());
    // The title between the corners; a long topic ends in `…`.
    let title = fit(
        Line::from(vec![
            Span::styled(format!(" {} ", card.item_id(r.face)), th.title),
            Span::styled(
                format!("· {} · {topic} ", item_kind(card, r.face).label()),
                th.dim,
            ),
        ]),
        area.width.saturating_sub(2) as usize,
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let row = |lines: &mut Vec<Line<'static>>, k: &str, v: &str, style: Style| {
        lines.extend(hanging(
            vec![Span::styled(format!("{k:<9}"), th.dim)],
            v,
            style,
            width,
        ));
    };
    row(&mut lines, "asks", &card.prompt(r.face), th.text);
    if let Some(answer) = answer_text(card, r.face) {
        row(&mut lines, "answer", &answer, th.right);
    }
    let p = progress.get(pos).and_then(Option::as_ref);
    let mut state = state_label(p, view.now);
    if let Some(p) = p {
        if let Some(due) = p.card.due {
            state.push_str(&format!(" · due {}", view.due(due)));
        }
        if let Some(m) = p.card.memory {
            state.push_str(&format!(
                " · stability {:.1} d · difficulty {:.2}",
                m.stability, m.difficulty
            ));
        }
        if let Some(recall) = b.details.as_ref().and_then(|d| d.recall) {
            state.push_str(&format!(" · recall now {:.0} %", recall * 100.0));
        }
        state.push_str(&format!(
            " · {} · {}",
            count(p.card.reps as usize, "answer", "answers"),
            count(p.card.lapses as usize, "lapse", "lapses")
        ));
        if let Some(until) = p.buried_until.filter(|u| *u > view.now) {
            state.push_str(&format!(" · buried until {}", view.due(until)));
        }
    }
    row(&mut lines, "state", &state, th.text);
    if let Some(flag) = b.flags.get(&pos) {
        let note = if flag.note.is_empty() {
            "(no note)".to_string()
        } else {
            format!("\"{}\"", flag.note)
        };
        row(
            &mut lines,
            "flag",
            &format!("⚑ {note} · {}", flag.flagged_at.format("%-d %b %Y")),
            th.error,
        );
    }
    let mut extras = Vec::new();
    if card.diagram.is_some() {
        extras.push(format!(
            "diagram ({})",
            view.key(Ctx::Browser, Action::ZoomDiagram)
        ));
    }
    if card.sim.is_some() {
        extras.push(format!(
            "scenario ({})",
            view.key(Ctx::Browser, Action::OpenVisualiser)
        ));
    }
    let source = match pack.origin {
        crate::content::Origin::Generated => "generated by deckhand".to_string(),
        _ => card.location.to_string(),
    };
    extras.insert(0, source);
    row(&mut lines, "source", &extras.join(" · "), th.dim);
    if let Some(d) = b.details.as_ref().filter(|d| d.pos == pos) {
        let answers = if d.history.is_empty() {
            "no answer yet".to_string()
        } else {
            d.history
                .iter()
                .rev()
                .map(|a| {
                    format!(
                        "{} {}{}",
                        a.at.format("%-d %b %H:%M"),
                        ["Again", "Hard", "Good", "Easy"][usize::from(a.rating.number() - 1)],
                        match a.correct {
                            Some(true) => " ✓",
                            Some(false) => " ✗",
                            None => "",
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ")
        };
        row(&mut lines, "history", &answers, th.text);
    }
    frame.render_widget(Paragraph::new(lines), pad(inner));
}

/// The answer side of a card, as one line of text.
fn answer_text(card: &crate::content::Card, face: Face) -> Option<String> {
    use crate::content::CardBody;
    match &card.body {
        CardBody::Basic { front, back, .. } => Some(if face == Face::Reverse {
            front.clone()
        } else {
            back.clone()
        }),
        CardBody::Cloze { text } => Some(
            text.segments
                .iter()
                .filter_map(|s| match s {
                    crate::content::Segment::Deletion { answer, .. } => Some(answer.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        CardBody::Choice {
            options, answer, ..
        } => options.get(*answer).map(|o| o.text.clone()),
        CardBody::Multi {
            options, answers, ..
        } => Some(
            answers
                .iter()
                .filter_map(|i| options.get(*i).map(|o| o.text.as_str()))
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        CardBody::Typed { answers, .. } => Some(answers.join(" · ")),
        CardBody::TrueFalse { answer, .. } => Some(if *answer { "true" } else { "false" }.into()),
    }
}
