//! Home: the packs and their topics as a tree with due / learning / new counts, today's
//! progress, and the next due time when nothing is due.

use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::count;
use crate::study::{Catalog, Node, Overview};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::text::{display_width, fit_all, hanging, pad_to, truncate};
use crate::tui::widgets::{list_window, pad};

/// The home screen's state.
#[derive(Debug, Default)]
pub struct Home {
    pub selected: usize,
    pub expanded: HashSet<usize>,
    pub marked: BTreeSet<Node>,
    /// The first row shown at the last draw (the list scrolls as little as it can).
    pub first: Cell<usize>,
    /// Today's counts, next due times, today's answers and the streak.
    pub overview: Overview,
    /// The plans of the packs that have an exam date.
    pub plans: Vec<PlanLine>,
}

/// A pack's plan in one line (`exam in 23 days · on track: 18 new a day, …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    /// The pack's index in the catalog.
    pub pack: usize,
    pub text: String,
    pub on_track: bool,
}

impl Home {
    /// Every pack starts open.
    pub fn new(cat: &Catalog) -> Home {
        Home {
            expanded: (0..cat.packs().len()).collect(),
            ..Home::default()
        }
    }

    /// The visible rows: packs, and the topics (with cards) of open packs.
    pub fn rows(&self, cat: &Catalog) -> Vec<Node> {
        let mut rows = Vec::new();
        for (p, pack) in cat.packs().iter().enumerate() {
            rows.push(Node::Pack(p));
            if self.expanded.contains(&p) {
                rows.extend(
                    (0..pack.topics.len())
                        .filter(|&t| cat.topic_len(p, t) > 0)
                        .map(|t| Node::Topic(p, t)),
                );
            }
        }
        rows
    }
}

/// Problems found in packs and config.toml, for the line under Today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProblemCount {
    pub all: usize,
    pub errors: usize,
}

/// Draw the home screen.
pub fn render(view: &View, home: &Home, problems: ProblemCount, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let cat = view.cat;
    let show_problems = problems.all > 0;
    // Each plan's verdict, wrapped under its pack's name (it is too long for one row of a
    // narrow screen).
    let text_width = area.width.saturating_sub(4) as usize;
    let mut plan_lines = Vec::new();
    for plan in home.plans.iter().take(3) {
        let mut prefix = Vec::new();
        if cat.packs().len() > 1 {
            let title = truncate(cat.title(Node::Pack(plan.pack)), text_width / 3);
            prefix.push(Span::styled(format!("{title}: "), th.dim));
        }
        let style = if plan.on_track { th.right } else { th.error };
        plan_lines.extend(hanging(prefix, &plan.text, style, text_width));
    }
    let extra_rows =
        u16::from(show_problems) + u16::from(!home.marked.is_empty()) + plan_lines.len() as u16;
    let [tree_area, today_area] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(4 + extra_rows)]).areas(area);

    // The tree, with count columns.
    let inner = Block::bordered().inner(tree_area);
    let width = inner.width as usize;
    let cols = 18; // "  due learn   new"
    let name_width = width.saturating_sub(cols + 1);
    let rows = home.rows(cat);
    let header = Line::from(vec![
        Span::styled(" ".repeat(name_width), th.dim),
        Span::styled(format!("{:>5} {:>5} {:>5} ", "due", "learn", "new"), th.dim),
    ]);
    let visible = (inner.height as usize).saturating_sub(1);
    let (first, above, below) = list_window(rows.len(), home.selected, visible, home.first.get());
    home.first.set(first);
    let up = view.key(Ctx::Home, Action::Up);
    let down = view.key(Ctx::Home, Action::Down);
    let mut panel = Panel::new(
        vec![Span::styled(" Packs and topics ", th.title)],
        th.border,
    );
    panel.above = (above > 0).then(|| Span::styled(format!(" {up} {above} more "), th.accent));
    panel.below = (below > 0).then(|| Span::styled(format!(" {down} {below} more "), th.accent));
    frame.render_widget(panel.block(tree_area.width), tree_area);
    view.hits.wheel(tree_area, Action::Up, Action::Down);
    let mut lines = vec![header];
    for (i, node) in rows.iter().enumerate().skip(first).take(visible) {
        // A click selects the row; a second click on it (a double click) opens it.
        let y = inner.y + 1 + (i - first) as u16;
        view.hits
            .click(Rect::new(inner.x, y, inner.width, 1), Action::Choose(i));
        let selected = i == home.selected;
        let marked = home.marked.contains(node);
        let mark = if marked { "◆" } else { " " };
        let (indent, icon) = match node {
            Node::Pack(p) => (
                "",
                if home.expanded.contains(p) {
                    "▾ "
                } else {
                    "▸ "
                },
            ),
            Node::Topic(..) => ("    ", ""),
        };
        let pointer = if selected { "▶" } else { " " };
        let title = truncate(
            cat.title(*node),
            name_width.saturating_sub(4 + indent.len() + display_width(icon)),
        );
        let label = format!("{pointer}{mark} {indent}{icon}{title}");
        let counts = home.overview.counts(*node);
        let num = |n: u32, style: Style| {
            Span::styled(format!("{n:>5} "), if n == 0 { th.dim } else { style })
        };
        let name_style = if selected {
            th.selected
        } else if matches!(node, Node::Pack(_)) {
            th.title
        } else {
            th.text
        };
        lines.push(Line::from(vec![
            Span::styled(pad_to(&label, name_width), name_style),
            num(counts.review, th.due),
            num(counts.learning, th.learning),
            num(counts.new, th.new),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    // Today.
    let block =
        Panel::new(vec![Span::styled(" Today ", th.title)], th.border).block(today_area.width);
    let inner = block.inner(today_area);
    frame.render_widget(block, today_area);
    let t = &home.overview.today;
    let retention = t
        .retention
        .map_or("–".to_string(), |r| format!("{:.0}%", r * 100.0));
    let days = if home.overview.streak == 1 {
        "day"
    } else {
        "days"
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("reviewed ", th.dim),
        Span::styled(t.items.to_string(), th.text),
        Span::styled(format!(" cards ({} answers)", t.answers), th.dim),
        Span::styled(" · right ", th.dim),
        Span::styled(retention, th.text),
        Span::styled(" · streak ", th.dim),
        Span::styled(format!("{} {days}", home.overview.streak), th.text),
    ])];
    let total = home.overview.total().total();
    lines.push(if total > 0 {
        Line::from(vec![
            Span::styled(format!("{total} cards to study today"), th.text),
            Span::styled(
                format!(
                    " · {} reviews the selected row",
                    view.key(Ctx::Home, Action::StartReview)
                ),
                th.dim,
            ),
        ])
    } else {
        match home.overview.next_due() {
            Some(next) => Line::from(vec![
                Span::styled("All done for now. Next card due ", th.text),
                Span::styled(view.due(next), th.accent),
                Span::styled(
                    format!(" · {} for a quiz", view.key(Ctx::Home, Action::OpenQuiz)),
                    th.dim,
                ),
            ]),
            None => Line::styled("Nothing to study in these packs.", th.text),
        }
    });
    if !home.marked.is_empty() {
        let nodes: Vec<Node> = home.marked.iter().copied().collect();
        let due = home.overview.counts_of(&nodes).total() as usize;
        lines.push(Line::from(vec![
            Span::styled("◆ ", th.accent),
            Span::styled(
                format!(
                    "{} marked ({} today): {} and {} work on them",
                    nodes.len(),
                    count(due, "card", "cards"),
                    view.key(Ctx::Home, Action::StartReview),
                    view.key(Ctx::Home, Action::OpenQuiz),
                ),
                th.accent,
            ),
            Span::styled(
                format!(" · {} clears", view.key(Ctx::Marked, Action::ClearMarks)),
                th.dim,
            ),
        ]));
    }
    lines.extend(plan_lines);
    if show_problems {
        lines.push(Line::from(vec![
            Span::styled("⚠ ", th.error),
            Span::styled(
                format!(
                    "{} in packs or config ({}): {} shows them",
                    count(problems.all, "problem", "problems"),
                    count(problems.errors, "error", "errors"),
                    view.key(Ctx::Home, Action::ShowProblems)
                ),
                th.error,
            ),
        ]));
    }
    // A line too long for the panel (a plan's verdict) ends in `…`, never cut silently.
    let inner = pad(inner);
    let lines = fit_all(lines, inner.width);
    frame.render_widget(Paragraph::new(lines), inner);
}
