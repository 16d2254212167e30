//! The card screen, shared by review sessions and quizzes: the question, the answer with
//! every option's explanation, the grade buttons with their intervals, the diagram panel,
//! and the progress bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::card_text::{card_text, topic_and_kind};
use super::interval_label;
use crate::content::Diagram;
use crate::srs::Rating;
use crate::srs::queue::QueueKind;
use crate::study::{Attempt, Kind, Node, Phase, Session};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::link::link_cells;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::fit;
use crate::tui::widgets::{diagram_rows, diagram_title, pad};

/// The card screen: a running session and how its card is scrolled.
#[derive(Debug)]
pub struct StudyScreen {
    pub session: Session,
    /// What was selected on Home (for the next due time in the summary).
    pub scope: Vec<Node>,
    /// Scroll of the card panel after answering.
    pub scroll: Scroll,
    /// Scroll of the diagram panel beside or under the card.
    pub diagram_scroll: Scroll,
}

impl StudyScreen {
    pub fn new(session: Session, scope: Vec<Node>) -> StudyScreen {
        StudyScreen {
            session,
            scope,
            scroll: Scroll::default(),
            diagram_scroll: Scroll::default(),
        }
    }
}

/// Draw the card screen.
pub fn render(view: &View, screen: &StudyScreen, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let session = &screen.session;
    let [status, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    render_status(view, session, frame, status);
    let Some(card) = session.current() else {
        render_wait(view, session, frame, main);
        return;
    };
    let c = view.cat.card(card.item);
    let pack = view.cat.pack(card.item);
    let diagram = c
        .diagram_shown(card.phase == Phase::Answered)
        .and_then(|d| pack.diagram(d));
    // Where the diagram goes: beside the card when both fit side by side, else under it when
    // tall enough, else beside it cut to half the width; on small screens only on request (z).
    let (card_area, diagram_area) = match diagram {
        Some(d) => {
            let art_w = d.art.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as u16 + 4;
            let art_h = d.art.lines().count() as u16 + 2;
            let beside = |w: u16| {
                let [a, b] =
                    Layout::horizontal([Constraint::Min(50), Constraint::Length(w)]).areas(main);
                (a, Some(b))
            };
            if main.width >= 120 && main.width >= art_w + 50 {
                beside(art_w)
            } else if main.height >= 20 {
                let h = art_h.min(main.height.saturating_sub(12));
                let [a, b] =
                    Layout::vertical([Constraint::Min(12), Constraint::Length(h)]).areas(main);
                (a, Some(b))
            } else if main.width >= 120 {
                // Cropped (and marked so) rather than hidden.
                beside(art_w.min(main.width / 2))
            } else {
                (main, None)
            }
        }
        None => (main, None),
    };
    let (topic, kind) = topic_and_kind(view, card.item);
    let mut title = vec![
        Span::styled(format!(" {topic} "), th.title),
        Span::styled(format!("· {kind} "), th.dim),
    ];
    if let Some(queue) = card.queue {
        let (name, style) = match queue {
            QueueKind::New => ("new", th.new),
            QueueKind::Learning => ("learning", th.learning),
            QueueKind::Review => ("review", th.due),
        };
        title.push(Span::styled(format!("· {name} "), style));
    }
    let mut hint = Vec::new();
    if diagram.is_some() && diagram_area.is_none() {
        hint.push(Span::styled(
            format!(
                "· {} shows the diagram ",
                view.key(Ctx::Study, Action::ZoomDiagram)
            ),
            th.accent,
        ));
    }
    let inner = Block::bordered().inner(card_area);

    // The grade row sits at the bottom of the card panel once answered.
    let (body_area, grade_area) = if card.phase == Phase::Answered && inner.height > 4 {
        let [a, b] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        (a, Some(b))
    } else {
        (inner, None)
    };
    let width = body_area.width.saturating_sub(2) as usize;
    let text = card_text(view, card, width, true);
    let height = body_area.height as usize;
    let max_scroll = text.lines.len().saturating_sub(height);
    let scrolled = screen
        .scroll
        .drawn(max_scroll.min(u16::MAX as usize) as u16) as usize;
    let scroll = match (card.phase, text.focus) {
        // Keep the highlighted option visible.
        (Phase::Question, Some(f)) => f.saturating_sub(height.saturating_sub(2)).min(max_scroll),
        _ => scrolled,
    };
    // What scrolls the card: the option cursor before answering, the card itself after.
    let keys = if card.phase == Phase::Answered {
        Ctx::Answered
    } else {
        Ctx::Options
    };
    let block = Panel::new(title, th.border)
        .hint(hint)
        .scrolled_to(view, keys, (Action::Up, Action::Down), scroll, max_scroll)
        .block(card_area.width);
    frame.render_widget(block, card_area);
    let text_area = pad(body_area);
    view.hits.wheel(card_area, Action::Up, Action::Down);
    // Rows of the card on screen: clicks and links.
    let row_of = |line: usize| {
        (line >= scroll && line < scroll + height).then(|| text_area.y + (line - scroll) as u16)
    };
    for (line, col, w, action) in &text.clicks {
        if let Some(y) = row_of(*line) {
            let w = if *w == 0 { text_area.width } else { *w };
            view.hits.click(
                Rect::new(text_area.x + col, y, w, 1).intersection(text_area),
                *action,
            );
        }
    }
    frame.render_widget(
        Paragraph::new(text.lines).scroll((scroll as u16, 0)),
        text_area,
    );
    if view.links {
        for (line, col, w, url) in &text.links {
            if let Some(y) = row_of(*line) {
                let at = Rect::new(text_area.x + col, y, *w, 1).intersection(text_area);
                link_cells(frame.buffer_mut(), at, url);
            }
        }
    }
    if let Some(g) = grade_area {
        let row = pad(g);
        let mut x = row.x;
        let mut spans = Vec::new();
        for (span, action) in grade_buttons(view, session.kind(), card) {
            let w = span.width() as u16;
            if let Some(action) = action {
                view.hits.click(
                    Rect::new(x, row.y, w.min(row.right().saturating_sub(x)), 1),
                    action,
                );
            }
            x = x.saturating_add(w);
            spans.push(span);
        }
        frame.render_widget(
            Paragraph::new(fit(Line::from(spans), row.width as usize)),
            row,
        );
    }
    if let (Some(d), Some(a)) = (diagram, diagram_area) {
        render_diagram(view, d, Some(&screen.diagram_scroll), Ctx::Study, frame, a);
    }
}

/// The diagram panel beside or under the card: rows cut at the right end with `…`, the
/// zoom key of `keys` always in the title, and, where it scrolls (`scroll`), a mark on the
/// border while more lies below or above.
pub fn render_diagram(
    view: &View,
    d: &Diagram,
    scroll: Option<&Scroll>,
    keys: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let th = view.theme;
    let inner = Block::bordered().inner(area);
    let rows = d.art.lines().count();
    let max = rows.saturating_sub(inner.height as usize) as u16;
    let scroll = scroll.map(|s| s.drawn(max));
    let mut block =
        Panel::new(vec![Span::styled(diagram_title(d), th.title)], th.border).hint(vec![
            Span::styled(
                format!("· {} full screen ", view.key(keys, Action::ZoomDiagram)),
                th.dim,
            ),
        ]);
    if let Some(scroll) = scroll {
        view.hits
            .wheel(area, Action::DiagramUp, Action::DiagramDown);
        block = block.scrolled_to(
            view,
            keys,
            (Action::DiagramUp, Action::DiagramDown),
            scroll as usize,
            max as usize,
        );
    }
    let scroll = scroll.unwrap_or(0);
    let block = block.block(area.width);
    frame.render_widget(block, area);
    let art = diagram_rows(d, 0, scroll as usize, inner.width as usize, th.diagram);
    frame.render_widget(Paragraph::new(art), inner);
}

/// The status row: mode, selection, progress bar and counts.
fn render_status(view: &View, session: &Session, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let status = session.status();
    let (done, total) = (status.done, status.total);
    let counts = match (status.counts, status.right) {
        (Some(c), _) => {
            vec![
                Span::styled(format!("new {}", c.new), th.new),
                Span::styled(" · ", th.dim),
                Span::styled(format!("learning {}", c.learning), th.learning),
                Span::styled(" · ", th.dim),
                Span::styled(format!("review {}", c.review), th.due),
            ]
        }
        (None, right) => vec![Span::styled(
            format!("score {}/{done}", right.unwrap_or(0)),
            th.text,
        )],
    };
    let mode = match session.kind() {
        Kind::Review => "Review",
        Kind::Quiz => "Quiz",
        Kind::Exam => "Exam",
    };
    let counts_width: usize = counts.iter().map(|s| s.content.width()).sum();
    let bar_width = (area.width as usize)
        .saturating_sub(counts_width + mode.len() + 14)
        .clamp(4, 30);
    let filled = (bar_width * done).checked_div(total).unwrap_or(bar_width);
    let mut spans = vec![
        Span::styled(format!(" {mode} "), th.title),
        Span::styled("▕", th.dim),
        Span::styled("█".repeat(filled), th.gauge),
        Span::styled("░".repeat(bar_width - filled), th.dim),
        Span::styled("▏", th.dim),
        Span::styled(format!(" {done}/{total}  "), th.text),
    ];
    spans.extend(counts);
    frame.render_widget(
        Paragraph::new(fit(Line::from(spans), area.width as usize)),
        area,
    );
}

fn render_wait(view: &View, session: &Session, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let when = session
        .wait_until()
        .map_or("later".to_string(), |t| view.due(t));
    let lines = vec![
        Line::raw(""),
        Line::styled("Only cards in their learning steps are left.", th.text),
        Line::from(vec![
            Span::styled("The next one is due ", th.text),
            Span::styled(when, th.accent),
            Span::styled(": it will show up by itself.", th.text),
        ]),
        Line::raw(""),
        Line::styled(
            format!(
                "Wait here, or press {} to end the session (they stay due).",
                view.key(Ctx::Study, Action::Back)
            ),
            th.dim,
        ),
    ];
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Line::styled(" Learning cards wait ", th.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), pad(inner));
}

/// The buttons under an answered card, each with the action a click gives. A review grades:
/// `1 Again 1m  2 Hard 6m  3 Good 10m  4 Easy 3d`, the marked grade reversed and pointed at.
/// A quiz needs no grade: `Enter next question`, or for a flashcard `Did you know it?` with
/// `y knew it` and `n didn't`.
fn grade_buttons(view: &View, kind: Kind, card: &Attempt) -> Vec<(Span<'static>, Option<Action>)> {
    let th = view.theme;
    let mut out = Vec::new();
    let gap = || (Span::raw(" "), None);
    if kind == Kind::Quiz {
        if card.outcome().is_none() {
            out.push((Span::styled("Did you know it? ", th.text), None));
            for (action, label) in [(Action::KnewIt, "knew it"), (Action::DidNotKnow, "didn't")] {
                let key = view.key(Ctx::QuizFlash, action);
                out.push((
                    Span::styled(format!(" {key} {label} "), th.suggested),
                    Some(action),
                ));
                out.push(gap());
            }
        } else {
            let key = view.key(Ctx::QuizAnswered, Action::Continue);
            out.push((
                Span::styled(format!("▸{key} next question "), th.suggested),
                Some(Action::Continue),
            ));
        }
        return out;
    }
    let names = ["Again", "Hard", "Good", "Easy"];
    let actions = [
        Action::GradeAgain,
        Action::GradeHard,
        Action::GradeGood,
        Action::GradeEasy,
    ];
    for (i, rating) in Rating::ALL.into_iter().enumerate() {
        let interval = card
            .previews
            .as_ref()
            .map(|p| format!(" {}", interval_label(p[i].interval)));
        let key = view.key(Ctx::Answered, actions[i]);
        let label = format!("{key} {}{}", names[i], interval.unwrap_or_default());
        let span = if rating == card.grade {
            Span::styled(format!("▸{label} "), th.suggested)
        } else {
            Span::styled(format!(" {label} "), th.text)
        };
        out.push((span, Some(actions[i])));
        out.push(gap());
    }
    out
}
