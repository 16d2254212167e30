//! The plan's windows: setting a pack's exam date, daily budget and target retention, and
//! "study more today" (extra new cards, or reviewing ahead the cards that will be weakest on
//! the exam day).

use ratatui::text::{Line, Span};

use crate::study::input::TextInput;
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::input::input_line;

/// The fields of the plan form, in order.
pub const PLAN_FIELDS: [(&str, &str); 3] = [
    ("exam date", "YYYY-MM-DD; empty removes the plan"),
    ("minutes a day", "your daily budget; empty: none"),
    (
        "target recall",
        "share of cards to recall on the day, 50 to 99 %",
    ),
];

/// The plan form of one pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanForm {
    pub pack: usize,
    pub fields: [TextInput; 3],
    pub field: usize,
    /// What is wrong with what was typed, after a save.
    pub error: Option<String>,
}

/// "Study more today" for one pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyMore {
    pub pack: usize,
    /// 0: new cards; 1: review ahead.
    pub row: usize,
    pub count: u32,
}

impl StudyMore {
    /// Five more (up to 200).
    pub fn more(&mut self) {
        self.count = (self.count + 5).min(200);
    }

    /// Five fewer (at least 5).
    pub fn fewer(&mut self) {
        self.count = self.count.saturating_sub(5).max(5);
    }
}

/// The form's lines.
pub fn form_lines(view: &View, form: &PlanForm) -> Vec<Line<'static>> {
    let th = view.theme;
    let pack = &view.cat.packs()[form.pack];
    let mut lines = vec![
        Line::styled(pack.manifest.title.clone(), th.dim),
        Line::raw(""),
    ];
    for (i, ((label, help), input)) in PLAN_FIELDS.iter().zip(&form.fields).enumerate() {
        let focused = i == form.field;
        let style = if focused { th.selected } else { th.text };
        let mut spans = vec![
            Span::styled(if focused { "▶ " } else { "  " }, th.accent),
            Span::styled(format!("{label:<14}"), style),
        ];
        spans.extend(input_line(input, 12, th.text, focused).spans);
        lines.push(Line::from(spans));
        lines.push(Line::styled(format!("                {help}"), th.dim));
    }
    lines.push(Line::raw(""));
    match &form.error {
        Some(e) => lines.push(Line::styled(e.clone(), th.error)),
        None => lines.push(Line::styled(
            format!(
                "{} saves · `deckhand plan` shows the plan day by day",
                view.key(Ctx::PlanForm, Action::Submit)
            ),
            th.dim,
        )),
    }
    lines
}

/// The lines of "study more today".
pub fn study_more_lines(view: &View, more: &StudyMore, exam_date: bool) -> Vec<Line<'static>> {
    let th = view.theme;
    let pack = &view.cat.packs()[more.pack];
    let rows = [
        format!("{} more new cards today", more.count),
        format!(
            "review ahead {} cards{}",
            more.count,
            if exam_date {
                ", those that will be weakest on the exam day"
            } else {
                ", the ones you are likeliest to forget"
            }
        ),
    ];
    let mut lines = vec![
        Line::styled(pack.manifest.title.clone(), th.dim),
        Line::raw(""),
    ];
    for (i, r) in rows.iter().enumerate() {
        let on = i == more.row;
        lines.push(Line::from(vec![
            Span::styled(if on { "▶ " } else { "  " }, th.accent),
            Span::styled(r.clone(), if on { th.selected } else { th.text }),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} / {} change how many",
            view.key(Ctx::StudyMore, Action::More),
            view.key(Ctx::StudyMore, Action::Fewer)
        ),
        th.dim,
    ));
    lines
}
