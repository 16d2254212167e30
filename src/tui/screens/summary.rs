//! The end of a session: cards, accuracy, time, next due; for a quiz the score and the
//! questions missed, with `r` to retry them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{count, duration_label};
use crate::study::{Kind, Summary};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::{hanging, truncate};

/// Draw the summary.
pub fn render(view: &View, s: &Summary, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let quiz = s.kind == Kind::Quiz;
    let title = match (quiz, s.ended_early()) {
        (true, false) => " Quiz finished ",
        (true, true) => " Quiz ended early ",
        (false, false) => " Review finished ",
        (false, true) => " Review ended early ",
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Line::styled(title, th.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let pct = |a: u32, b: u32| {
        if b == 0 {
            "–".to_string()
        } else {
            format!("{:.0}%", f64::from(a) * 100.0 / f64::from(b))
        }
    };
    let row = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k:<16}"), th.dim),
            Span::styled(v, th.text),
        ])
    };
    let mut lines = vec![
        Line::raw(""),
        row("studied", s.label.clone()),
        row(
            if quiz { "questions" } else { "cards answered" },
            if quiz && s.ended_early() {
                format!("stopped after {} of {}", s.answered, s.total())
            } else {
                s.answered.to_string()
            },
        ),
        row(
            "right",
            format!("{} ({})", s.right, pct(s.right, s.answered)),
        ),
        row("time", duration_label(s.duration)),
    ];
    if s.ended_early() && !quiz {
        lines.push(row(
            "left",
            format!(
                "{} left for today (they stay due)",
                count(s.left as usize, "card", "cards")
            ),
        ));
    }
    if !quiz {
        lines.push(row("new cards seen", s.new_seen.to_string()));
    }
    lines.push(row(
        "next due",
        s.next_due
            .map_or("nothing scheduled".to_string(), |t| view.due(t)),
    ));
    if let Some(missed) = &s.missed {
        lines.push(Line::raw(""));
        if !s.answers.is_empty() {
            let key = view.key(Ctx::QuizSummary, Action::ReviewAnswers);
            lines.extend(hanging(
                vec![Span::styled(format!("{key} "), th.key)],
                "shows every question with your answer, the right one and why",
                th.text,
                inner.width.saturating_sub(2) as usize,
            ));
        }
        if missed.is_empty() {
            lines.push(Line::styled("No question missed.", th.right));
        } else {
            lines.push(Line::styled(
                format!(
                    "Missed ({}): {} retries them",
                    missed.len(),
                    view.key(Ctx::QuizSummary, Action::RetryMissed)
                ),
                th.title,
            ));
            let width = inner.width.saturating_sub(6) as usize;
            let room = (inner.height as usize).saturating_sub(lines.len() + 1);
            for item in missed.iter().take(room) {
                let card = view.cat.card(*item);
                lines.push(Line::from(vec![
                    Span::styled("  ✗ ", th.wrong),
                    Span::styled(
                        truncate(&card.prompt(item.face).replace('\n', " "), width),
                        th.text,
                    ),
                ]));
            }
            if missed.len() > room {
                lines.push(Line::styled(
                    format!("  … and {} more", missed.len() - room),
                    th.dim,
                ));
            }
        }
    } else {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Progress is saved after every answer.",
            th.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines), pad(inner));
}
