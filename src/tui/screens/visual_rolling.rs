//! The rolling update panels: the counts the scheduler decides by, every task as a cell
//! grouped by instance, the cell legend, and the batches as AWS narrates them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::visual::Visual;
use crate::sim::{
    BatchAction, DeploymentStatus, HealthStatus, InstanceState, Placement, Role, Simulation, Task,
    TaskState,
};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::hanging;

/// A task's two-letter state (see [`STATES`]).
pub fn state_code(t: &Task) -> &'static str {
    match t.state {
        TaskState::Provisioning => "pv",
        TaskState::Pending => "pe",
        TaskState::Activating => "ac",
        TaskState::Running if t.counted_healthy => "ok",
        TaskState::Running if t.health == HealthStatus::Unhealthy => "!!",
        TaskState::Running => "ru",
        // Behind a load balancer DEACTIVATING is the target draining its connections.
        TaskState::Deactivating if t.is_registered() => "dr",
        TaskState::Deactivating => "de",
        TaskState::Stopping => "st",
        TaskState::Deprovisioning => "dp",
        TaskState::Stopped => "xx",
    }
}

/// Every state code and its meaning, in lifecycle order.
pub const STATES: [(&str, &str); 11] = [
    ("pv", "provisioning"),
    ("pe", "pending"),
    ("ac", "activating"),
    ("ru", "running"),
    ("ok", "healthy"),
    ("!!", "unhealthy"),
    ("de", "deactivating"),
    ("dr", "draining (load balancer)"),
    ("st", "stopping"),
    ("dp", "deprovisioning"),
    ("xx", "stopped"),
];

/// The counts the scheduler decides by: `healthy 10 ≥ L 6`, `in flight 10 ≤ U 10`, then
/// the live tasks by role (`old rev 1 6`, `new rev 2 4`). The prediction questions quote
/// the same numbers.
pub fn counts_items(sim: &Simulation) -> Vec<String> {
    let c = sim.counts();
    let mut items = vec![
        format!("healthy {} ≥ L {}", c.healthy, c.lower),
        format!("in flight {} ≤ U {}", c.in_flight, c.upper),
    ];
    items.extend(sim.live_split().summary().split(" · ").map(str::to_string));
    items.extend(sim.failure_items());
    items
}

/// [`counts_items`] on one line.
pub fn counts_line(sim: &Simulation) -> String {
    counts_items(sim).join(" · ")
}

pub fn cell(sim: &Simulation, th: &Theme, t: &Task) -> Vec<Span<'static>> {
    let base = match sim.role_of(t) {
        Role::Old => th.old_task,
        Role::New | Role::Current | Role::Rollback => th.new_task,
    };
    let code = state_code(t);
    let style = match code {
        "ok" => base.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        "!!" => th.wrong,
        "de" | "dr" | "st" | "dp" => base.add_modifier(Modifier::DIM),
        "xx" => th.dim.add_modifier(Modifier::CROSSED_OUT),
        _ => base,
    };
    vec![
        Span::styled(format!("[{} {code}]", t.revision), style),
        Span::raw(" "),
    ]
}

/// Lay out `items` in rows of at most `width` columns, `sep` between items on a row; an
/// item is never split across rows (unless it alone is wider than a row).
pub fn pack_items(
    items: &[(String, Style)],
    sep: (&str, Style),
    width: usize,
) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in items {
        let w = text.width();
        let need = if spans.is_empty() {
            w
        } else {
            w + sep.0.width()
        };
        if !spans.is_empty() && used + need > width {
            rows.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(sep.0.to_string(), sep.1));
            used += sep.0.width();
        }
        if w > width {
            rows.extend(hanging(vec![], text, *style, width));
            continue;
        }
        spans.push(Span::styled(text.clone(), *style));
        used += w;
    }
    if !spans.is_empty() {
        rows.push(Line::from(spans));
    }
    rows
}

/// The live tasks and those stopped in the last 20 simulated seconds (still drawn, fading).
pub fn shown_tasks(sim: &Simulation) -> Vec<&Task> {
    let now = sim.time();
    sim.tasks()
        .iter()
        .chain(
            sim.stopped_tasks()
                .iter()
                .filter(|t| now.saturating_sub(t.state_since) <= 20),
        )
        .collect()
}

/// `tasks` as cells after `label`, wrapped to `width` with the label column `label_w` wide
/// (`(label_w, width)`); `empty` stands in for no task.
pub fn labelled_cells(
    sim: &Simulation,
    th: &Theme,
    label: &str,
    tasks: &[&Task],
    (label_w, width): (usize, usize),
    empty: &str,
    lines: &mut Vec<Line<'static>>,
) {
    if tasks.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<label_w$}"), th.dim),
            Span::styled(empty.to_string(), th.dim),
        ]));
        return;
    }
    let per_row = ((width.saturating_sub(label_w)) / 7).max(1);
    for (i, chunk) in tasks.chunks(per_row).enumerate() {
        let head = if i == 0 {
            format!("{label:<label_w$}")
        } else {
            " ".repeat(label_w)
        };
        let mut spans = vec![Span::styled(head, th.dim)];
        for t in chunk {
            spans.extend(cell(sim, th, t));
        }
        lines.push(Line::from(spans));
    }
}

/// The task cells, grouped by instance (or Fargate, or waiting), then the legend.
pub fn task_lines(v: &Visual, th: &Theme, width: usize, with_legend: bool) -> Vec<Line<'static>> {
    let sim = &v.sim;
    let shown = shown_tasks(sim);
    let mut lines: Vec<Line> = Vec::new();
    let label_w = 12;
    let mut group = |label: String, tasks: Vec<&Task>| {
        labelled_cells(
            sim,
            th,
            &label,
            &tasks,
            (label_w, width),
            "(empty)",
            &mut lines,
        );
    };
    let waiting: Vec<&Task> = shown
        .iter()
        .copied()
        .filter(|t| t.placement == Placement::Unplaced)
        .collect();
    if sim.instances().is_empty() {
        let placed: Vec<&Task> = shown
            .iter()
            .copied()
            .filter(|t| t.placement != Placement::Unplaced)
            .collect();
        if !placed.is_empty() || waiting.is_empty() {
            group("Fargate".into(), placed);
        }
    } else {
        for inst in sim.instances() {
            let tasks: Vec<&Task> = shown
                .iter()
                .copied()
                .filter(|t| t.placement == Placement::Instance(inst.id))
                .collect();
            let state = match inst.state {
                InstanceState::Active => "",
                InstanceState::Draining => " drain",
                InstanceState::Booting => " boot",
            };
            group(format!("i-{}{state}", inst.id), tasks);
        }
    }
    if !waiting.is_empty() {
        group("waiting".into(), waiting);
    }
    if with_legend {
        let mut items = vec![("1 2 revision".to_string(), th.dim)];
        items.extend(
            STATES
                .iter()
                .map(|(code, word)| (format!("{code} {word}"), th.dim)),
        );
        lines.extend(pack_items(&items, (" · ", th.dim), width));
    }
    lines
}

/// The deployment's status in words for the Tasks panel's title.
fn status_words(sim: &Simulation) -> String {
    match sim.status() {
        DeploymentStatus::Stuck(_) => "deployment STUCK".to_string(),
        DeploymentStatus::None => "no deployment yet".to_string(),
        s => format!(
            "deployment {} {}",
            sim.deployment().id,
            s.word().replace('_', " ").to_uppercase()
        ),
    }
}

/// Draw the Tasks panel (counts, cells, legend) and, below it, the batches.
pub fn render(
    view: &View,
    v: &Visual,
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    with_batches: bool,
) {
    let th = view.theme;
    let batch_rows = if !with_batches {
        0
    } else if area.height >= 14 {
        4
    } else {
        3
    };
    let [tasks_area, batches_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(batch_rows)]).areas(area);
    let title = Line::from(vec![
        Span::styled(" Tasks ", th.title),
        Span::styled(format!("· {} ", status_words(&v.sim)), th.dim),
    ]);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(title);
    let inner = pad(block.inner(tasks_area));
    frame.render_widget(block, tasks_area);
    let items: Vec<(String, Style)> = counts_items(&v.sim)
        .into_iter()
        .map(|i| (i, th.text))
        .collect();
    let mut rows = pack_items(&items, (" · ", th.text), inner.width as usize);
    rows.extend(lines);
    frame.render_widget(Paragraph::new(rows), inner);
    if with_batches {
        render_batches(view, v, frame, batches_area);
    }
}

fn render_batches(view: &View, v: &Visual, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Line::styled(
            " Batches (old/new live after each) ",
            th.title,
        ));
    let inner = pad(block.inner(area));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let items: Vec<(String, Style)> = v
        .sim
        .batches()
        .iter()
        .map(|b| {
            let style = match b.action {
                BatchAction::Stop => th.old_task,
                BatchAction::Start => th.new_task,
            };
            (b.to_string(), style)
        })
        .collect();
    if items.is_empty() {
        let hint = format!(
            "none yet: {} plays, {} steps to the next event",
            view.key(Ctx::Visual, Action::TogglePlay),
            view.key(Ctx::Visual, Action::StepEvent)
        );
        frame.render_widget(Paragraph::new(hanging(vec![], &hint, th.dim, width)), inner);
        return;
    }
    let mut rows = pack_items(&items, (" → ", th.dim), width.saturating_sub(2));
    // Keep the latest batches in view; an ellipsis says earlier ones were left out.
    let keep = inner.height as usize;
    if rows.len() > keep {
        rows.drain(..rows.len() - keep);
        if let Some(first) = rows.first_mut() {
            first.spans.insert(0, Span::styled("… ", th.dim));
        }
    }
    frame.render_widget(Paragraph::new(rows), inner);
}
