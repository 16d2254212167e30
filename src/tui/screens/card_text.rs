//! A card's text as lines: the question, the options (with letters, boxes and the cursor),
//! the typed input, the verdict, every option's explanation, the answer, why, and the
//! documentation it rests on. The card screen and the answers after a quiz draw it.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::content::{CardKind, Face};
use crate::quiz::{self, ClozePart, DiffOp, Outcome, Shown, TypedVerdict};
use crate::study::{Attempt, ItemRef, Judged, Phase};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::input::answer_line;
use crate::tui::widgets::link::safe_url;
use crate::tui::widgets::text::{hanging, wrap, wrap_styled};

/// A card laid out as lines.
#[derive(Debug, Default)]
pub struct CardText {
    pub lines: Vec<Line<'static>>,
    /// The line of the highlighted option (kept in view).
    pub focus: Option<usize>,
    /// What a click does: (line, first column, columns, action).
    pub clicks: Vec<(usize, u16, u16, Action)>,
    /// References: (line, first column, columns, the link made safe).
    pub links: Vec<(usize, u16, u16, String)>,
}

/// The topic title and the kind of an item, in words.
pub(crate) fn topic_and_kind<'a>(view: &View<'a>, item: ItemRef) -> (&'a str, &'static str) {
    let c = view.cat.card(item);
    let topic = view
        .cat
        .pack(item)
        .topic(&c.topic)
        .map_or(c.topic.as_str(), |t| t.title.as_str());
    let kind = match (c.body.kind(), item.face) {
        (_, Face::Reverse) => "reversed",
        (CardKind::Multi, _) => "multiple response",
        (CardKind::Choice, _) => "multiple choice",
        (CardKind::TrueFalse, _) => "true or false",
        (k, _) => k.name(),
    };
    (topic, kind)
}

/// The card's text as lines `width` wide, with the places a click or a link covers; with
/// `open_hint`, a line under the references names the key that opens the first.
pub fn card_text(view: &View, card: &Attempt, width: usize, open_hint: bool) -> CardText {
    let th = view.theme;
    let c = view.cat.card(card.item);
    let answered = card.phase == Phase::Answered;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut focus = None;
    let mut clicks = Vec::new();
    let mut links = Vec::new();
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
            lines.extend(cloze_lines(view, parts, answered, width));
            if !answered {
                lines.push(Line::raw(""));
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
                    let rows = hanging(
                        vec![Span::styled(format!("{pointer} {letter}  {box_}"), style)],
                        &o.text,
                        style,
                        width,
                    );
                    // A click on any row of the option chooses it, as its letter does.
                    for r in 0..rows.len() {
                        clicks.push((lines.len() + r, 0, 0, Action::Choose(i)));
                    }
                    lines.extend(rows);
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
                _ => {
                    // Two buttons: `t true` and `f false`, each a click.
                    let mut spans = Vec::new();
                    let mut col = 0;
                    for (action, word) in [
                        (Action::AnswerTrue, " true"),
                        (Action::AnswerFalse, " false"),
                    ] {
                        if col > 0 {
                            spans.push(Span::raw("    "));
                            col += 4;
                        }
                        let key = view.key(Ctx::TrueFalse, action);
                        let w = (key.width() + word.len()) as u16;
                        clicks.push((lines.len(), col, w, action));
                        col += w;
                        spans.push(Span::styled(key, th.key));
                        spans.push(Span::styled(word, th.text));
                    }
                    lines.push(Line::from(spans));
                }
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
    if answered && !c.refs.is_empty() {
        lines.push(Line::raw(""));
        let prefix = "Docs ";
        for (i, r) in c.refs.iter().enumerate() {
            let safe = safe_url(r);
            let style = if safe.is_some() { th.link } else { th.text };
            let head = if i == 0 { prefix } else { "" };
            let rows = hanging(
                vec![Span::styled(format!("{head:<5}"), th.title)],
                r,
                style,
                width,
            );
            for (n, row) in rows.iter().enumerate() {
                let w = (row.width() - prefix.len()) as u16;
                if let Some(url) = &safe {
                    links.push((lines.len() + n, prefix.len() as u16, w, url.clone()));
                }
            }
            lines.extend(rows);
        }
        if open_hint {
            lines.push(Line::styled(
                format!(
                    "     {} opens the first in your browser",
                    view.key(Ctx::Answered, Action::OpenLink)
                ),
                th.dim,
            ));
        }
    }
    CardText {
        lines,
        focus,
        clicks,
        links,
    }
}

/// A cloze text wrapped to `width`: the gaps asked show their hint (or `...`) until the card
/// is answered, then the answer, underlined; gaps not asked show their words.
pub fn cloze_lines(
    view: &View,
    parts: &[ClozePart],
    answered: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let th = view.theme;
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
    wrap_styled(&runs, width)
}
