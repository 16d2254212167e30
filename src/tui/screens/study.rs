//! The card screen, shared by review sessions and quizzes: the question, the answer with
//! every option's explanation, the grade buttons with their intervals, the diagram panel,
//! and the progress bar.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::interval_label;
use crate::content::{CardKind, Diagram, Face};
use crate::quiz::{self, ClozePart, DiffOp, Outcome, Shown, TypedVerdict};
use crate::srs::Rating;
use crate::srs::queue::QueueKind;
use crate::study::{Attempt, Judged, Kind, Node, Phase, Session};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::input::answer_line;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::text::{fit, hanging, wrap, wrap_styled};
use crate::tui::widgets::{diagram_rows, diagram_title, pad};

/// The card screen: a running session and how its card is scrolled.
#[derive(Debug)]
pub struct StudyScreen {
    pub session: Session,
    /// What was selected on Home (for the next due time in the summary).
    pub scope: Vec<Node>,
    /// Scroll of the card panel after answering.
    pub scroll: u16,
    pub diagram_scroll: u16,
}

impl StudyScreen {
    pub fn new(session: Session, scope: Vec<Node>) -> StudyScreen {
        StudyScreen {
            session,
            scope,
            scroll: 0,
            diagram_scroll: 0,
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
    let topic = pack
        .topic(&c.topic)
        .map_or(c.topic.as_str(), |t| t.title.as_str());
    let kind = match (c.body.kind(), card.item.face) {
        (_, Face::Reverse) => "reversed",
        (CardKind::Multi, _) => "multiple response",
        (CardKind::Choice, _) => "multiple choice",
        (CardKind::TrueFalse, _) => "true or false",
        (k, _) => k.name(),
    };
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
    let (lines, focus_line) = card_lines(view, card, width);
    let height = body_area.height as usize;
    let max_scroll = lines.len().saturating_sub(height);
    let scroll = match (card.phase, focus_line) {
        // Keep the highlighted option visible.
        (Phase::Question, Some(f)) => f.saturating_sub(height.saturating_sub(2)).min(max_scroll),
        _ => (screen.scroll as usize).min(max_scroll),
    };
    // What scrolls the card: the option cursor before answering, the card itself after.
    let keys = if card.phase == Phase::Answered {
        Ctx::Answered
    } else {
        Ctx::Options
    };
    let block = Panel::new(title, th.border)
        .hint(hint)
        .scrolled(
            scroll > 0,
            scroll < max_scroll,
            th.accent,
            &view.key(keys, Action::Up),
            &view.key(keys, Action::Down),
        )
        .block(card_area.width);
    frame.render_widget(block, card_area);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll as u16, 0)),
        pad(body_area),
    );
    if let Some(g) = grade_area {
        frame.render_widget(Paragraph::new(grade_line(session.kind(), card, th)), pad(g));
    }
    if let (Some(d), Some(a)) = (diagram, diagram_area) {
        render_diagram(view, d, Some(screen.diagram_scroll), Ctx::Study, frame, a);
    }
}

/// The diagram panel beside or under the card: rows cut at the right end with `…`, the
/// zoom key of `keys` always in the title, and, where it scrolls (`scroll`), a mark on the
/// border while more lies below or above.
pub fn render_diagram(
    view: &View,
    d: &Diagram,
    scroll: Option<u16>,
    keys: Ctx,
    frame: &mut Frame,
    area: Rect,
) {
    let th = view.theme;
    let inner = Block::bordered().inner(area);
    let rows = d.art.lines().count();
    let max = rows.saturating_sub(inner.height as usize) as u16;
    let scroll = scroll.map(|s| s.min(max));
    let mut block =
        Panel::new(vec![Span::styled(diagram_title(d), th.title)], th.border).hint(vec![
            Span::styled(
                format!("· {} full screen ", view.key(keys, Action::ZoomDiagram)),
                th.dim,
            ),
        ]);
    if let Some(scroll) = scroll {
        block = block.scrolled(
            scroll > 0,
            scroll < max,
            th.accent,
            &view.key(keys, Action::DiagramUp),
            &view.key(keys, Action::DiagramDown),
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

/// The grade buttons: `1 Again 1m  2 Hard 6m  3 Good 10m  4 Easy 3d`, the marked one
/// reversed and pointed at.
fn grade_line(kind: Kind, card: &Attempt, th: &Theme) -> Line<'static> {
    let names = ["Again", "Hard", "Good", "Easy"];
    let review = kind == Kind::Review;
    let mut spans = Vec::new();
    for (i, rating) in Rating::ALL.into_iter().enumerate() {
        let interval = card
            .previews
            .as_ref()
            .filter(|_| review)
            .map(|p| format!(" {}", interval_label(p[i].interval)));
        let label = format!("{} {}{}", i + 1, names[i], interval.unwrap_or_default());
        if rating == card.grade {
            spans.push(Span::styled(format!("▸{label} "), th.suggested));
        } else {
            spans.push(Span::styled(format!(" {label} "), th.text));
        }
        spans.push(Span::raw(" "));
    }
    if !review {
        spans.push(Span::styled("(a quiz leaves the schedule alone)", th.dim));
    }
    Line::from(spans)
}

/// The card's text as lines `width` wide, and the line of the highlighted option.
fn card_lines(view: &View, card: &Attempt, width: usize) -> (Vec<Line<'static>>, Option<usize>) {
    let th = view.theme;
    let c = view.cat.card(card.item);
    let answered = card.phase == Phase::Answered;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut focus = None;
    let text = |s: &str, style: Style, lines: &mut Vec<Line<'static>>| {
        for row in wrap(s, width) {
            lines.push(Line::styled(row, style));
        }
    };
    match &card.shown {
        Shown::Flash { prompt, answer } => {
            text(prompt, th.text.add_modifier(Modifier::BOLD), &mut lines);
            lines.push(Line::raw(""));
            if answered {
                lines.push(Line::styled("─".repeat(width.min(40)), th.dim));
                text(answer, th.right, &mut lines);
            } else {
                lines.push(Line::styled(
                    format!(
                        "Recall the answer, then press {} to see it.",
                        view.key(Ctx::Flash, Action::Reveal)
                    ),
                    th.dim,
                ));
            }
        }
        Shown::Cloze { parts } => {
            let runs: Vec<(String, Style)> = parts
                .iter()
                .map(|p| match p {
                    ClozePart::Text(t) => (t.clone(), th.text),
                    ClozePart::Gap {
                        answer,
                        asked: false,
                        ..
                    } => (answer.clone(), th.text),
                    ClozePart::Gap {
                        answer,
                        asked: true,
                        ..
                    } if answered => (
                        format!("[{answer}]"),
                        th.right.add_modifier(Modifier::UNDERLINED),
                    ),
                    ClozePart::Gap {
                        hint, asked: true, ..
                    } => (format!("[{}]", hint.as_deref().unwrap_or("...")), th.accent),
                })
                .collect();
            lines.extend(wrap_styled(&runs, width));
            lines.push(Line::raw(""));
            if !answered {
                lines.push(Line::styled(
                    format!(
                        "Recall the hidden words, then press {}.",
                        view.key(Ctx::Flash, Action::Reveal)
                    ),
                    th.dim,
                ));
            }
        }
        Shown::Options {
            question,
            options,
            choose,
        } => {
            text(question, th.text.add_modifier(Modifier::BOLD), &mut lines);
            lines.push(Line::raw(""));
            if *choose > 1 && !answered {
                lines.push(Line::styled(
                    format!(
                        "Choose {choose}: letters or {} mark, {} submits.",
                        view.key(Ctx::Options, Action::ToggleOption),
                        view.key(Ctx::Options, Action::Submit)
                    ),
                    th.dim,
                ));
            }
            let verdict = match &card.judged {
                Some(Judged::Options(v)) => Some(v),
                _ => None,
            };
            if let Some(v) = verdict {
                let right = v.marks.iter().filter(|m| m.chosen && m.correct).count();
                lines.push(match v.outcome {
                    Outcome::Wrong if *choose > 1 => Line::styled(
                        format!(
                            "✗ Wrong: {right} of your {} choices {} right.",
                            card.chosen.len(),
                            if right == 1 { "is" } else { "are" }
                        ),
                        th.wrong,
                    ),
                    Outcome::Wrong => Line::styled("✗ Wrong.", th.wrong),
                    _ => Line::styled("✓ Right.", th.right),
                });
            }
            for (i, o) in options.iter().enumerate() {
                let letter = quiz::letter(i);
                let chosen = card.chosen.contains(&i);
                if let Some(v) = verdict {
                    let m = v.marks[i];
                    let (sym, style) = match (m.correct, m.chosen) {
                        (true, true) => ("✓", th.right),
                        (true, false) => ("✓", th.right.add_modifier(Modifier::UNDERLINED)),
                        (false, true) => ("✗", th.wrong),
                        (false, false) => (" ", th.text),
                    };
                    let note = match (m.correct, m.chosen) {
                        (true, false) => " (right, not chosen)",
                        (false, true) => " (your choice)",
                        (true, true) => " (your choice)",
                        _ => "",
                    };
                    lines.extend(hanging(
                        vec![Span::styled(format!("{sym} {letter}  "), style)],
                        &format!("{}{note}", o.text),
                        style,
                        width,
                    ));
                    lines.extend(hanging(vec![Span::raw("     ")], &o.why, th.dim, width));
                } else {
                    let box_ = if *choose > 1 {
                        if chosen { "[x] " } else { "[ ] " }
                    } else {
                        ""
                    };
                    let pointer = if i == card.cursor { "▶" } else { " " };
                    let style = if i == card.cursor {
                        th.selected
                    } else {
                        th.text
                    };
                    focus = Some(lines.len()).filter(|_| i == card.cursor).or(focus);
                    lines.extend(hanging(
                        vec![Span::styled(format!("{pointer} {letter}  {box_}"), style)],
                        &o.text,
                        style,
                        width,
                    ));
                }
            }
        }
        Shown::Typed { question, answers } => {
            text(question, th.text.add_modifier(Modifier::BOLD), &mut lines);
            lines.push(Line::raw(""));
            if let Some(Judged::Typed { given, verdict }) = &card.judged {
                lines.push(Line::from(vec![
                    Span::styled("you typed  ", th.dim),
                    Span::styled(given.clone(), th.text),
                ]));
                match verdict {
                    TypedVerdict::Right { index } => {
                        lines.push(Line::from(vec![
                            Span::styled("✓ Right: ", th.right),
                            Span::styled(answers[*index].clone(), th.right),
                        ]));
                    }
                    TypedVerdict::Almost { index, diff } => {
                        lines.push(Line::from(vec![
                            Span::styled("≈ Almost: ", th.almost),
                            Span::styled(answers[*index].clone(), th.right),
                        ]));
                        let mut spans = vec![Span::styled("difference ", th.dim)];
                        for op in diff {
                            spans.push(match *op {
                                DiffOp::Same(c) => Span::styled(c.to_string(), th.text),
                                DiffOp::Missing(c) | DiffOp::Changed { expected: c, .. } => {
                                    Span::styled(
                                        format!("({c})"),
                                        th.right.add_modifier(Modifier::UNDERLINED),
                                    )
                                }
                                DiffOp::Extra(c) => Span::styled(
                                    format!("[{c}]"),
                                    th.wrong.add_modifier(Modifier::CROSSED_OUT),
                                ),
                            });
                        }
                        lines.push(Line::from(spans));
                        lines.push(Line::styled(
                            "(x): a letter you missed or mistyped · [x]: a letter too many",
                            th.dim,
                        ));
                    }
                    TypedVerdict::Wrong => {
                        lines.push(Line::styled("✗ Wrong.", th.wrong));
                    }
                }
                if answers.len() > 1 || matches!(verdict, TypedVerdict::Wrong) {
                    lines.extend(hanging(
                        vec![Span::styled("accepted   ", th.dim)],
                        &answers.join(" · "),
                        th.text,
                        width,
                    ));
                }
            } else {
                lines.push(answer_line(
                    &card.input,
                    width,
                    th.accent,
                    th.text,
                    card.typing,
                ));
                lines.push(Line::raw(""));
                let hint = if card.typing {
                    format!(
                        "{} submits · {} stops typing · {} clears",
                        view.key(Ctx::Typing, Action::Submit),
                        view.key(Ctx::Typing, Action::StopTyping),
                        view.key(Ctx::Typing, Action::ClearInput)
                    )
                } else {
                    format!(
                        "{} to type the answer",
                        view.keymap.labels(Ctx::Typed, Action::StartTyping)
                    )
                };
                lines.push(Line::styled(hint, th.dim));
            }
        }
        Shown::TrueFalse { statement, answer } => {
            text(statement, th.text.add_modifier(Modifier::BOLD), &mut lines);
            lines.push(Line::raw(""));
            match &card.judged {
                Some(Judged::TrueFalse { given, outcome }) => {
                    let truth = if *answer { "true" } else { "false" };
                    let yours = if *given { "true" } else { "false" };
                    lines.push(if outcome.is_right() {
                        Line::styled(format!("✓ Right: it is {truth}."), th.right)
                    } else {
                        Line::styled(
                            format!("✗ Wrong: you said {yours}; it is {truth}."),
                            th.wrong,
                        )
                    });
                }
                _ => lines.push(Line::from(vec![
                    Span::styled(view.key(Ctx::TrueFalse, Action::AnswerTrue), th.key),
                    Span::styled(" true    ", th.text),
                    Span::styled(view.key(Ctx::TrueFalse, Action::AnswerFalse), th.key),
                    Span::styled(" false", th.text),
                ])),
            }
        }
    }
    if answered && !c.explain.trim().is_empty() {
        lines.push(Line::raw(""));
        lines.extend(hanging(
            vec![Span::styled("Why  ", th.title)],
            &c.explain,
            th.text,
            width,
        ));
    }
    (lines, focus)
}
