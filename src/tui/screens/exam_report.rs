//! The report of a submitted exam: the scaled score and pass or fail, the time used, right
//! and total per domain with a bar, then every question with the learner's answer, the right
//! one, each option's explanation and the card's diagram. One scrolling page.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::duration_label;
use crate::content::{CardBody, Pack};
use crate::exam::{Answer, Exam, ExamReport, Verdict};
use crate::quiz::{self, Shown};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::{display_width, hanging, truncate, wrap};
use crate::tui::widgets::{diagram_rows, diagram_title, pad};

/// The report screen.
#[derive(Debug)]
pub struct ReportScreen {
    pub paper: Exam,
    pub report: ExamReport,
    /// The pack's index in the catalog.
    pub pack: usize,
    pub scroll: Scroll,
}

/// The name of a domain: its topic's title, or `tag NAME`.
pub fn domain_title(pack: &Pack, key: &str) -> String {
    match key.strip_prefix("tag:") {
        Some(tag) => format!("tag {tag}"),
        None => pack
            .topic(key)
            .map_or_else(|| key.to_string(), |t| t.title.clone()),
    }
}

/// The whole page, `width` columns wide, and the line each question starts on.
pub fn report_lines(
    view: &View,
    screen: &ReportScreen,
    width: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let th = view.theme;
    let r = &screen.report;
    let pack = &view.cat.packs()[screen.pack];
    let mut lines: Vec<Line<'static>> = Vec::new();
    let verdict = if r.passed {
        Span::styled(
            " PASS ",
            th.right.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    } else {
        Span::styled(
            " FAIL ",
            th.wrong.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    };
    lines.push(Line::from(vec![
        Span::styled("Score ", th.dim),
        Span::styled(r.score.to_string(), th.title.add_modifier(Modifier::BOLD)),
        Span::styled(" of 1000  ", th.dim),
        verdict,
        Span::styled(format!("  pass mark {}", r.pass_mark), th.dim),
    ]));
    let pct = (r.right * 100).checked_div(r.total).unwrap_or(0);
    let time = format!(
        "time {} of {}{}",
        duration_label(chrono::TimeDelta::from_std(r.time_used).unwrap_or_default()),
        duration_label(chrono::TimeDelta::from_std(r.time_limit).unwrap_or_default()),
        if r.auto_submitted {
            " (time ran out)"
        } else {
            ""
        }
    );
    lines.push(Line::styled(
        format!("{} of {} right ({pct} %) · {time}", r.right, r.total),
        th.text,
    ));
    lines.push(Line::raw(""));
    lines.push(Line::styled("By domain", th.title));
    let bar_w = 20usize.min(width.saturating_sub(40)).max(5);
    // As wide as the longest domain's name where the screen allows it.
    let longest = r
        .domains
        .iter()
        .map(|d| display_width(&domain_title(pack, &d.domain)))
        .max()
        .unwrap_or(0);
    let name_w = width.saturating_sub(bar_w + 14).min(longest);
    for d in &r.domains {
        let filled = (bar_w as u32 * d.right).checked_div(d.total).unwrap_or(0) as usize;
        let pass_share = f64::from(r.pass_mark.saturating_sub(100)) / 900.0;
        let style = if d.share() >= pass_share {
            th.right
        } else {
            th.wrong
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {:<name_w$} ",
                    truncate(&domain_title(pack, &d.domain), name_w)
                ),
                th.text,
            ),
            Span::styled("█".repeat(filled), style),
            Span::styled("░".repeat(bar_w - filled), th.dim),
            Span::styled(format!(" {:>2}/{:<2}", d.right, d.total), th.text),
        ]));
    }
    let weak = r.weakest(3);
    if !weak.is_empty() {
        let names: Vec<String> = weak.iter().map(|k| domain_title(pack, k)).collect();
        lines.push(Line::raw(""));
        lines.extend(hanging(
            vec![Span::styled("Weakest  ", th.title)],
            &format!(
                "{} · {} studies them now",
                names.join(", "),
                view.key(Ctx::ExamReport, Action::StudyWeak)
            ),
            th.text,
            width,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Every question", th.title));
    let mut starts = Vec::with_capacity(r.questions.len());
    for (i, (q, result)) in screen.paper.questions.iter().zip(&r.questions).enumerate() {
        lines.push(Line::raw(""));
        starts.push(lines.len());
        let (sym, style, word) = match result.verdict {
            Verdict::Right => ("✓", th.right, "right"),
            Verdict::Wrong => ("✗", th.wrong, "wrong"),
            Verdict::Unanswered => ("–", th.wrong, "not answered"),
            Verdict::Removed => ("·", th.dim, "removed from the pack, not scored"),
        };
        let flag = if q.flagged { " ⚑" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{sym} {:>2}. ", i + 1),
                style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!("{word}{flag} · "), style),
            Span::styled(domain_title(pack, &q.domain), th.dim),
        ]));
        let Some(item) = view.cat.find(&q.key) else {
            continue;
        };
        let card = view.cat.card(item);
        let shown = q.shown(card);
        let indent = || vec![Span::raw("     ")];
        match &shown {
            Shown::Options {
                question, options, ..
            } => {
                lines.extend(hanging(
                    indent(),
                    question,
                    th.text.add_modifier(Modifier::BOLD),
                    width,
                ));
                let chosen: Vec<usize> = match &q.answer {
                    Some(Answer::Options(c)) => c.clone(),
                    _ => Vec::new(),
                };
                for (k, o) in options.iter().enumerate() {
                    let mine = chosen.contains(&o.source_index);
                    let (mark, st) = match (o.correct, mine) {
                        (true, true) => ("✓", th.right),
                        (true, false) => ("✓", th.right.add_modifier(Modifier::UNDERLINED)),
                        (false, true) => ("✗", th.wrong),
                        (false, false) => (" ", th.text),
                    };
                    let note = match (o.correct, mine) {
                        (true, true) => " (your answer, right)",
                        (true, false) => " (the right answer)",
                        (false, true) => " (your answer)",
                        _ => "",
                    };
                    lines.extend(hanging(
                        vec![Span::styled(format!("   {mark} {}  ", quiz::letter(k)), st)],
                        &format!("{}{note}", o.text),
                        st,
                        width,
                    ));
                    lines.extend(hanging(vec![Span::raw("        ")], &o.why, th.dim, width));
                }
            }
            Shown::TrueFalse { statement, answer } => {
                lines.extend(hanging(
                    indent(),
                    statement,
                    th.text.add_modifier(Modifier::BOLD),
                    width,
                ));
                let yours = match q.answer {
                    Some(Answer::TrueFalse(b)) => {
                        if b {
                            "true"
                        } else {
                            "false"
                        }
                    }
                    _ => "no answer",
                };
                lines.push(Line::styled(
                    format!(
                        "     your answer: {yours} · it is {}",
                        if *answer { "true" } else { "false" }
                    ),
                    style,
                ));
            }
            Shown::Typed { .. } | Shown::Cloze { .. } => {
                let (asked, label, expected) = match (&shown, &card.body, item.face) {
                    (Shown::Typed { question, answers }, ..) => {
                        (question.clone(), "accepted:    ", answers.join(" · "))
                    }
                    (_, CardBody::Cloze { text }, crate::content::Face::Cloze(n)) => (
                        card.prompt(item.face),
                        "the gap:     ",
                        text.answers(n).join(" "),
                    ),
                    _ => (card.prompt(item.face), "the answer:  ", String::new()),
                };
                let yours = match &q.answer {
                    Some(Answer::Text(t)) => t.clone(),
                    _ => "no answer".into(),
                };
                lines.extend(hanging(
                    indent(),
                    &asked,
                    th.text.add_modifier(Modifier::BOLD),
                    width,
                ));
                for (head, text, st) in [
                    ("your answer: ", yours.as_str(), style),
                    (label, expected.as_str(), th.right),
                ] {
                    lines.extend(hanging(
                        vec![Span::styled(format!("     {head}"), th.dim)],
                        text,
                        st,
                        width,
                    ));
                }
            }
            Shown::Flash { prompt, .. } => {
                lines.extend(hanging(indent(), prompt, th.text, width));
            }
        }
        // The card's diagram, whether it went with the question or holds the answer
        // (`diagram_after`: this is the only place the exam shows it).
        if let Some(d) = card
            .diagram_shown(true)
            .and_then(|d| view.cat.pack(item).diagram(d))
        {
            lines.push(Line::styled(
                format!("     Diagram ·{}", diagram_title(d).trim_end()),
                th.title,
            ));
            for row in diagram_rows(d, 0, 0, width.saturating_sub(5), th.diagram) {
                let mut spans = vec![Span::raw("     ")];
                spans.extend(row.spans);
                lines.push(Line::from(spans).style(row.style));
            }
        }
        if !card.explain.trim().is_empty() {
            for (k, row) in wrap(&card.explain, width.saturating_sub(10))
                .into_iter()
                .enumerate()
            {
                let head = if k == 0 { "     Why  " } else { "          " };
                lines.push(Line::from(vec![
                    Span::styled(head, th.title),
                    Span::styled(row, th.text),
                ]));
            }
        }
    }
    (lines, starts)
}

/// Draw the report.
pub fn render(view: &View, screen: &ReportScreen, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let inner = Block::bordered().inner(area);
    let width = inner.width.saturating_sub(2) as usize;
    let (lines, _) = report_lines(view, screen, width);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = screen.scroll.drawn(max);
    let block = Panel::new(
        vec![Span::styled(
            format!(" {} · report ", screen.paper.title),
            th.title,
        )],
        th.border,
    )
    .scrolled(
        scroll > 0,
        scroll < max,
        th.accent,
        &view.key(Ctx::ExamReport, Action::Up),
        &view.key(Ctx::ExamReport, Action::Down),
    )
    .block(area.width);
    frame.render_widget(block, area);
    view.hits.wheel(area, Action::Up, Action::Down);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), pad(inner));
}
