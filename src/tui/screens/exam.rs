//! A mock exam in progress: the countdown (always in view), the question with its options
//! and the answer given so far, the question map as a strip under it, and the windows of
//! the exam: choosing an exam, the full question map, and the yes/no questions (submit,
//! leave, discard).

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::content::CardKind;
use crate::exam::{Answer, Exam, MapMark};
use crate::quiz::{self, Shown};
use crate::study::{Attempt, Session};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::input::answer_line;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::text::{fit, hanging, truncate, wrap};
use crate::tui::widgets::{list_window, pad};

use super::card_text::cloze_lines;
use super::study::render_diagram;

/// The exam screen: the running exam session.
#[derive(Debug)]
pub struct ExamScreen {
    pub session: Session,
    /// The pack's index in the catalog.
    pub pack: usize,
}

/// A row of the exam chooser.
#[derive(Debug, Clone, PartialEq)]
pub enum SetupRow {
    /// Go on with the unfinished exam.
    Resume {
        title: String,
        answered: usize,
        questions: usize,
        seconds_left: u64,
    },
    /// Start a new exam of the pack's profile number `profile`.
    Profile {
        profile: usize,
        taken: usize,
        last: Option<u32>,
    },
}

/// Choosing an exam: the pack's profiles, and the unfinished exam first if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamSetup {
    pub pack: usize,
    pub rows: Vec<SetupRow>,
    pub row: usize,
}

/// The question map window.
#[derive(Debug, Clone, Default)]
pub struct ExamMapView {
    pub row: usize,
    pub first: Cell<usize>,
}

/// What a yes/no question decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmWhat {
    SubmitExam,
    LeaveExam,
    /// Discard the unfinished exam and start the pack's profile number `profile`.
    DiscardAndStart {
        pack: usize,
        profile: usize,
    },
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub what: ConfirmWhat,
    pub title: String,
    pub lines: Vec<String>,
}

/// `mm:ss` (or `h:mm:ss`) of a number of seconds.
pub fn clock_label(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, (secs % 3600) / 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

/// Draw the exam in progress.
pub fn render(view: &View, screen: &ExamScreen, frame: &mut Frame, area: Rect) {
    let Some(paper) = screen.session.paper() else {
        return;
    };
    let [status, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(6)]).areas(area);
    render_status(view, paper, frame, status);
    // Wide screens list the questions beside the question; others show the map as a strip.
    if main.width >= 120 {
        let [card_area, list_area] =
            Layout::horizontal([Constraint::Min(60), Constraint::Length(52)]).areas(main);
        render_question(view, screen, paper, frame, card_area);
        let map = ExamMapView {
            row: paper.position(),
            ..ExamMapView::default()
        };
        if let Some(m) = map_lines(view, &screen.session, &map, list_area) {
            let th = view.theme;
            let block = Panel::new(vec![Span::styled(m.title, th.title)], th.border)
                .scrolled(
                    m.above,
                    m.below,
                    th.accent,
                    &view.key(Ctx::Exam, Action::ExamPrevious),
                    &view.key(Ctx::Exam, Action::ExamNext),
                )
                .block(list_area.width);
            let inner = block.inner(list_area);
            frame.render_widget(block, list_area);
            frame.render_widget(Paragraph::new(m.lines), pad(inner));
        }
        return;
    }
    let width = main.width.saturating_sub(4) as usize;
    let cell = 5; // " 12⚑" and a space
    let per_row = (width / cell).max(1);
    let map_rows = paper.questions.len().div_ceil(per_row) as u16;
    let map_height = (map_rows + 2).clamp(3, (main.height / 3).max(3));
    let [card_area, map_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(map_height)]).areas(main);
    render_question(view, screen, paper, frame, card_area);
    render_strip(view, paper, frame, map_area, per_row);
}

fn render_status(view: &View, paper: &Exam, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let left = paper.remaining(view.now).as_secs();
    let clock_style = if paper.warning(view.now) || left == 0 {
        th.error.add_modifier(Modifier::BOLD)
    } else {
        th.accent.add_modifier(Modifier::BOLD)
    };
    let clock = format!(" time left {} ", clock_label(left));
    let spans = vec![
        Span::styled(" Exam ", th.title),
        Span::styled(format!("{} ", paper.title), th.text),
        Span::styled(
            format!(
                "· answered {}/{} · flagged {} ",
                paper.answered(),
                paper.questions.len(),
                paper.flagged()
            ),
            th.dim,
        ),
    ];
    let clock_w = clock.chars().count();
    let [l, r] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(clock_w as u16)]).areas(area);
    frame.render_widget(Paragraph::new(fit(Line::from(spans), l.width as usize)), l);
    frame.render_widget(Paragraph::new(Line::styled(clock, clock_style)), r);
}

fn kind_label(kind: CardKind) -> &'static str {
    match kind {
        CardKind::Multi => "multiple response",
        CardKind::Choice => "multiple choice",
        CardKind::TrueFalse => "true or false",
        CardKind::Typed => "typed answer",
        CardKind::Cloze => "fill the gap",
        CardKind::Basic => "flashcard",
    }
}

fn render_question(view: &View, screen: &ExamScreen, paper: &Exam, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let n = paper.position() + 1;
    let total = paper.questions.len();
    let q = paper.current();
    let flagged = q.is_some_and(|q| q.flagged);
    let mut title = vec![Span::styled(format!(" Question {n} of {total} "), th.title)];
    let card = screen.session.current();
    if let Some(a) = card {
        title.push(Span::styled(
            format!("· {} ", kind_label(view.cat.card(a.item).body.kind())),
            th.dim,
        ));
    }
    if flagged {
        title.push(Span::styled("⚑ flagged ", th.accent));
    }
    // The width does not change when the diagram goes under the question.
    let width = Block::bordered().inner(area).width.saturating_sub(2) as usize;
    let lines = match card {
        Some(a) => question_lines(view, a, q.and_then(|q| q.answer.as_ref()), width),
        None => vec![Line::styled(
            "This question's card is no longer in the pack: it is not scored.",
            th.dim,
        )],
    };
    // The card's diagram, as a review poses the question: shown unless it holds the answer
    // (`diagram_after`, in the report only). Under the question when both fit (or, on a tall
    // screen, cropped with the question keeping 12 rows), else on request.
    let diagram = card.and_then(|a| {
        let c = view.cat.card(a.item);
        c.diagram_shown(false)
            .and_then(|d| view.cat.pack(a.item).diagram(d))
    });
    let mut hint = Vec::new();
    let area = match diagram {
        Some(d) => {
            let art_h = d.art.lines().count() as u16 + 2;
            let question_h = lines.len() as u16 + 2;
            let split = if area.height >= question_h + art_h {
                Some(area.height - art_h)
            } else if area.height >= 20 {
                Some(12.max(area.height.saturating_sub(art_h)))
            } else {
                None
            };
            match split {
                Some(h) => {
                    let [q, below] =
                        Layout::vertical([Constraint::Length(h), Constraint::Min(0)]).areas(area);
                    render_diagram(view, d, None, Ctx::Exam, frame, below);
                    q
                }
                None => {
                    hint.push(Span::styled(
                        format!(
                            "· {} shows the diagram ",
                            view.key(Ctx::Exam, Action::ZoomDiagram)
                        ),
                        th.accent,
                    ));
                    area
                }
            }
        }
        None => area,
    };
    let inner = Block::bordered().inner(area);
    let block = Panel::new(title, th.border_focus)
        .hint(hint)
        .block(area.width);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), pad(inner));
}

/// The question as lines `width` wide, with the answer given so far.
fn question_lines(
    view: &View,
    a: &Attempt,
    answer: Option<&Answer>,
    width: usize,
) -> Vec<Line<'static>> {
    let th = view.theme;
    let bold = th.text.add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let text = |s: &str, style: Style, lines: &mut Vec<Line<'static>>| {
        lines.extend(wrap(s, width).into_iter().map(|r| Line::styled(r, style)));
    };
    let answer_field = |a: &Attempt, lines: &mut Vec<Line<'static>>| {
        lines.push(answer_line(&a.input, width, th.accent, th.text, a.typing));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            if a.typing {
                format!(
                    "{} keeps the answer · {} clears",
                    view.key(Ctx::Typing, Action::Submit),
                    view.key(Ctx::Typing, Action::ClearInput)
                )
            } else {
                format!(
                    "{} to type the answer",
                    view.keymap.labels(Ctx::Typed, Action::StartTyping)
                )
            },
            th.dim,
        ));
    };
    match &a.shown {
        Shown::Options {
            question,
            options,
            choose,
        } => {
            text(question, bold, &mut lines);
            lines.push(Line::raw(""));
            if *choose > 1 {
                lines.push(Line::styled(
                    format!(
                        "Choose {choose} ({} chosen): letters or {} mark them.",
                        a.chosen.len(),
                        view.key(Ctx::Exam, Action::ToggleOption)
                    ),
                    th.dim,
                ));
            }
            for (i, o) in options.iter().enumerate() {
                let chosen = a.chosen.contains(&i);
                let mark = match (*choose > 1, chosen) {
                    (true, true) => "[x] ",
                    (true, false) => "[ ] ",
                    (false, true) => "(•) ",
                    (false, false) => "( ) ",
                };
                let pointer = if i == a.cursor { "▶" } else { " " };
                let style = if i == a.cursor { th.selected } else { th.text };
                lines.extend(hanging(
                    vec![Span::styled(
                        format!("{pointer} {}  {mark}", quiz::letter(i)),
                        style,
                    )],
                    &o.text,
                    style,
                    width,
                ));
            }
        }
        Shown::TrueFalse { statement, .. } => {
            text(statement, bold, &mut lines);
            lines.push(Line::raw(""));
            let given = match answer {
                Some(Answer::TrueFalse(b)) => Some(*b),
                _ => None,
            };
            let choice = |label: &str, on: bool| {
                Span::styled(
                    format!("({}) {label}", if on { "•" } else { " " }),
                    if on { th.selected } else { th.text },
                )
            };
            lines.push(Line::from(vec![
                Span::styled(view.key(Ctx::TrueFalse, Action::AnswerTrue), th.key),
                Span::raw(" "),
                choice("true", given == Some(true)),
                Span::raw("    "),
                Span::styled(view.key(Ctx::TrueFalse, Action::AnswerFalse), th.key),
                Span::raw(" "),
                choice("false", given == Some(false)),
            ]));
        }
        Shown::Typed { question, .. } => {
            text(question, bold, &mut lines);
            lines.push(Line::raw(""));
            answer_field(a, &mut lines);
        }
        Shown::Cloze { parts } => {
            lines.extend(cloze_lines(view, parts, false, width));
            lines.push(Line::raw(""));
            answer_field(a, &mut lines);
        }
        Shown::Flash { prompt, .. } => text(prompt, bold, &mut lines),
    }
    lines
}

/// How one question looks on the map: its number and a mark.
fn map_cell(view: &View, i: usize, m: MapMark) -> Vec<Span<'static>> {
    let th = view.theme;
    let sym = match (m.flagged, m.answered) {
        (true, _) => "⚑",
        (false, true) => "■",
        (false, false) => "□",
    };
    let style = if m.current {
        th.selected
    } else if m.flagged {
        th.accent
    } else if m.answered {
        th.text
    } else {
        th.dim
    };
    vec![
        Span::styled(format!("{:>3}{sym}", i + 1), style),
        Span::raw(" "),
    ]
}

fn render_strip(view: &View, paper: &Exam, frame: &mut Frame, area: Rect, per_row: usize) {
    let th = view.theme;
    let marks = paper.map();
    let title = vec![Span::styled(" Questions ", th.title)];
    let hint = vec![Span::styled(
        format!(
            "· ■ answered □ not yet ⚑ flagged · {} map ",
            view.key(Ctx::Exam, Action::ExamMap)
        ),
        th.dim,
    )];
    let inner = Block::bordered().inner(area);
    let rows = inner.height as usize;
    let current_row = paper.position() / per_row;
    let first_row = current_row.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = marks
        .chunks(per_row)
        .enumerate()
        .skip(first_row)
        .take(rows)
        .map(|(r, chunk)| {
            Line::from(
                chunk
                    .iter()
                    .enumerate()
                    .flat_map(|(c, m)| map_cell(view, r * per_row + c, *m))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    let all_rows = marks.len().div_ceil(per_row);
    let panel = Panel::new(title, th.border).hint(hint).scrolled(
        first_row > 0,
        first_row + rows < all_rows,
        th.accent,
        &view.key(Ctx::Exam, Action::ExamPrevious),
        &view.key(Ctx::Exam, Action::ExamNext),
    );
    frame.render_widget(panel.block(area.width), area);
    frame.render_widget(Paragraph::new(lines), pad(inner));
}

/// The question map for an area `area` big: its lines, its title, and whether questions
/// are left out above and below.
pub struct MapLines {
    pub lines: Vec<Line<'static>>,
    pub title: String,
    pub above: bool,
    pub below: bool,
}

/// The question map window for an area `area` big: every question with its state and its
/// first words, and the window's title.
pub fn map_lines(
    view: &View,
    session: &Session,
    map: &ExamMapView,
    area: Rect,
) -> Option<MapLines> {
    let th = view.theme;
    let paper = session.paper()?;
    let visible = area.height.saturating_sub(3) as usize;
    let width = area.width.saturating_sub(4) as usize;
    let (first, above, below) =
        list_window(paper.questions.len(), map.row, visible, map.first.get());
    map.first.set(first);
    let mut lines = vec![Line::styled(
        format!(
            "answered {} · flagged {} · not answered {}",
            paper.answered(),
            paper.flagged(),
            paper.questions.len() - paper.answered()
        ),
        th.dim,
    )];
    for (i, q) in paper.questions.iter().enumerate().skip(first).take(visible) {
        let state = match (q.is_answered(), q.flagged) {
            (true, true) => "answered ⚑",
            (true, false) => "answered  ",
            (false, true) => "—        ⚑",
            (false, false) => "—         ",
        };
        let prompt = view
            .cat
            .find(&q.key)
            .map(|r| view.cat.card(r).prompt(r.face))
            .unwrap_or_else(|| "(removed from the pack)".to_string());
        let pointer = if i == map.row { "▶" } else { " " };
        let style = if i == map.row {
            th.selected
        } else if q.is_answered() {
            th.text
        } else {
            th.dim
        };
        let here = if i == paper.position() { "•" } else { " " };
        let head = format!("{pointer}{here}{:>3}  {state}  ", i + 1);
        let rest = width.saturating_sub(head.chars().count());
        lines.push(Line::styled(
            format!("{head}{}", truncate(&prompt.replace('\n', " "), rest)),
            style,
        ));
    }
    let mut title = " Question map ".to_string();
    if above > 0 || below > 0 {
        title = format!(
            " Question map ({} of {}) ",
            map.row + 1,
            paper.questions.len()
        );
    }
    Some(MapLines {
        lines,
        title,
        above: above > 0,
        below: below > 0,
    })
}

/// The exam chooser's lines.
pub fn setup_lines(view: &View, setup: &ExamSetup) -> Vec<Line<'static>> {
    let th = view.theme;
    let pack = &view.cat.packs()[setup.pack];
    let mut lines = vec![
        Line::styled(truncate(&pack.manifest.title, 60), th.dim),
        Line::raw(""),
    ];
    for (i, row) in setup.rows.iter().enumerate() {
        let selected = i == setup.row;
        let style = if selected { th.selected } else { th.text };
        let pointer = if selected { "▶ " } else { "  " };
        let (head, tail) = match row {
            SetupRow::Resume {
                title,
                answered,
                questions,
                seconds_left,
            } => (
                format!("Resume {title}"),
                format!(
                    "{answered}/{questions} answered, {} left",
                    clock_label(*seconds_left)
                ),
            ),
            SetupRow::Profile {
                profile,
                taken,
                last,
            } => {
                let e = &pack.exams[*profile];
                let record = match (taken, last) {
                    (0, _) => "not taken yet".to_string(),
                    (t, Some(s)) => format!("taken {t}×, last {s}"),
                    (t, None) => format!("taken {t}×"),
                };
                (
                    e.title.clone(),
                    format!(
                        "{} questions · {} min · pass {} · {record}",
                        e.questions, e.minutes, e.pass_mark
                    ),
                )
            }
        };
        lines.push(Line::from(vec![
            Span::styled(pointer, th.accent),
            Span::styled(truncate(&head, 56), style),
        ]));
        lines.push(Line::styled(format!("    {tail}"), th.dim));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Explanations stay hidden until you submit.",
        th.dim,
    ));
    lines.push(Line::styled(
        "The clock pauses while the exam is closed.",
        th.dim,
    ));
    lines
}
