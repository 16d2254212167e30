//! The end of a session: cards, accuracy, time, next due; for a quiz the score and the
//! questions missed, with `r` to retry them.

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;

use crate::tui::widgets::pad;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{describe_due, duration_label};
use crate::quiz::cram::Cram;
use crate::store::SessionTally;
use crate::tui::app::{App, ItemRef};
use crate::tui::widgets::text::truncate;

/// What a finished session did.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub label: String,
    pub quiz: bool,
    pub answered: u32,
    pub right: u32,
    pub new_seen: u32,
    pub duration: TimeDelta,
    pub next_due: Option<DateTime<Utc>>,
    /// Quizzes: the questions missed (for "retry the ones I missed").
    pub missed: Option<Vec<ItemRef>>,
}

impl Summary {
    pub fn review(label: String, tally: SessionTally, duration: TimeDelta) -> Summary {
        Summary {
            label,
            quiz: false,
            answered: tally.answered,
            right: tally.correct,
            new_seen: tally.new_seen,
            duration,
            next_due: None,
            missed: None,
        }
    }

    pub fn quiz(label: String, cram: &Cram<ItemRef>, duration: TimeDelta) -> Summary {
        let (right, answered) = cram.score();
        Summary {
            label,
            quiz: true,
            answered: answered as u32,
            right: right as u32,
            new_seen: 0,
            duration,
            next_due: None,
            missed: Some(cram.missed()),
        }
    }
}

/// Draw the summary.
pub fn render(app: &App, s: &Summary, frame: &mut Frame, area: Rect) {
    let th = &app.theme;
    let title = if s.quiz {
        " Quiz finished "
    } else {
        " Review finished "
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
            if s.quiz {
                "questions"
            } else {
                "cards answered"
            },
            s.answered.to_string(),
        ),
        row(
            "right",
            format!("{} ({})", s.right, pct(s.right, s.answered)),
        ),
        row("time", duration_label(s.duration)),
    ];
    if !s.quiz {
        lines.push(row("new cards seen", s.new_seen.to_string()));
    }
    lines.push(row(
        "next due",
        s.next_due.map_or("nothing scheduled".to_string(), |t| {
            describe_due(t, app.now(), app.utc_offset)
        }),
    ));
    if let Some(missed) = &s.missed {
        lines.push(Line::raw(""));
        if missed.is_empty() {
            lines.push(Line::styled("No question missed.", th.right));
        } else {
            lines.push(Line::styled(
                format!("Missed ({}): r retries them", missed.len()),
                th.title,
            ));
            let width = inner.width.saturating_sub(6) as usize;
            let room = (inner.height as usize).saturating_sub(lines.len() + 1);
            for item in missed.iter().take(room) {
                let card = app.cat.card(*item);
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
