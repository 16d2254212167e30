//! The blue/green tab: the stages of the deployment with the current one marked, the traffic
//! split between blue and green (production and test), and both revisions' tasks side by
//! side.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::visual::Visual;
use super::visual_rolling::{labelled_cells, pack_items, shown_tasks};
use crate::sim::event::num;
use crate::sim::{DeploymentStatus, Simulation, Stage, Task};
use crate::tui::theme::Theme;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::truncate;

/// The stages of the deployment, the current one marked.
fn stage_line(sim: &Simulation, th: &Theme) -> Vec<(String, Style)> {
    let Some(cfg) = &sim.config().service.traffic_shift else {
        return Vec::new();
    };
    let current = sim.shift_state().map(|s| s.stage);
    let done = matches!(
        sim.status(),
        DeploymentStatus::Completed | DeploymentStatus::RolledBack
    );
    Stage::ALL
        .iter()
        .filter_map(|s| s.name(cfg.controller).map(|n| (*s, n)))
        .map(|(s, name)| match current {
            Some(c) if c == s => (format!("[{name}]"), th.accent.add_modifier(Modifier::BOLD)),
            Some(c) if s < c => (format!("{name} ✓"), th.dim),
            None if done => (format!("{name} ✓"), th.dim),
            _ => (name.to_string(), th.text),
        })
        .collect()
}

/// The stage strip cut down to the current stage and its neighbours, `…` where stages are
/// left out (for short screens).
fn stage_window(items: Vec<(String, Style)>, th: &Theme) -> Vec<(String, Style)> {
    let Some(at) = items.iter().position(|(t, _)| t.starts_with('[')) else {
        return items;
    };
    let from = at.saturating_sub(1);
    let to = (at + 2).min(items.len());
    let mut out = Vec::new();
    if from > 0 {
        out.push(("…".to_string(), th.dim));
    }
    out.extend(items[from..to].iter().cloned());
    if to < items.len() {
        out.push(("…".to_string(), th.dim));
    }
    out
}

/// A bar of `width` cells: blue's share drawn `█`, green's `▒`.
fn bar(green: f64, width: usize, th: &Theme) -> Vec<Span<'static>> {
    let g = ((green / 100.0) * width as f64).round() as usize;
    let g = g.min(width);
    vec![
        Span::styled("█".repeat(width - g), th.old_task),
        Span::styled("▒".repeat(g), th.new_task),
    ]
}

/// Draw the stages, the traffic and the two sets of tasks.
pub fn render(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let sim = &v.sim;
    let plan = sim
        .config()
        .service
        .traffic_shift
        .as_ref()
        .map(crate::sim::TrafficShift::describe)
        .unwrap_or_default();
    // The title ends in … when the plan does not fit on the border.
    let room = (area.width as usize).saturating_sub(" Blue/green ".len() + 5);
    let title = Line::from(vec![
        Span::styled(" Blue/green ", th.title),
        Span::styled(format!("· {} ", truncate(&plan, room)), th.dim),
    ]);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(title);
    let inner = pad(block.inner(area));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let header: Vec<(String, Style)> = sim
        .shift_items()
        .into_iter()
        .map(|i| (i, th.text))
        .collect();
    let head = pack_items(&header, (" · ", th.text), width);
    let stages = pack_items(&stage_line(sim, th), (" › ", th.dim), width);
    let s = sim.traffic_split();
    let mut bars: Vec<Line> = Vec::new();
    if s.green.is_some() {
        let bar_w = width.saturating_sub(32).clamp(4, 50);
        for (label, share) in [("production", s.production), ("test", s.test)] {
            let mut spans = vec![Span::styled(format!("{label:<11}blue "), th.dim)];
            spans.extend(bar(share, bar_w, th));
            spans.push(Span::styled(format!(" green {}%", num(share)), th.dim));
            bars.push(Line::from(spans));
        }
    }
    let tasks = task_rows(sim, th, width);
    // Short of rows: the stage strip shrinks to the current stage and its neighbours, then
    // goes (the header names the stage), then the test traffic bar (the header gives its
    // share); what still does not fit is cut with a mark.
    let rows = inner.height as usize;
    let mut parts = [head, stages, bars, tasks];
    if parts.iter().map(Vec::len).sum::<usize>() > rows {
        parts[1] = pack_items(
            &stage_window(stage_line(sim, th), th),
            (" › ", th.dim),
            width,
        );
    }
    if parts.iter().map(Vec::len).sum::<usize>() > rows {
        parts[1].clear();
    }
    if parts.iter().map(Vec::len).sum::<usize>() > rows {
        parts[2].truncate(1);
    }
    let all: Vec<Line> = parts.into_iter().flatten().collect();
    let total = all.len();
    let mut lines: Vec<Line> = all.into_iter().take(rows).collect();
    if total > rows
        && let Some(last) = lines.last_mut()
    {
        *last = Line::styled("…", th.dim);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Blue's and green's tasks, each on its rows.
fn task_rows(sim: &Simulation, th: &Theme, width: usize) -> Vec<Line<'static>> {
    let s = sim.traffic_split();
    let mut lines = Vec::new();
    let shown = shown_tasks(sim);
    let label_w = 13;
    let groups: Vec<(String, u32)> = match s.green {
        Some(g) => vec![
            (format!("blue rev {}", s.blue), s.blue),
            (format!("green rev {g}"), g),
        ],
        None => vec![(format!("rev {}", s.blue), s.blue)],
    };
    for (label, rev) in groups {
        let tasks: Vec<&Task> = shown
            .iter()
            .copied()
            .filter(|t| t.revision == rev)
            .collect();
        labelled_cells(
            sim,
            th,
            &label,
            &tasks,
            (label_w, width),
            "(none)",
            &mut lines,
        );
    }
    lines
}

/// How many rows [`render`] wants at `width` columns (borders included).
pub fn height(v: &Visual, width: u16) -> u16 {
    let w = width.saturating_sub(4) as usize;
    let sim = &v.sim;
    let header = sim.shift_items().join(" · ").len() / w.max(1) + 1;
    let stages = 2;
    let bars = if sim.traffic_split().green.is_some() {
        2
    } else {
        0
    };
    let per_row = ((w.saturating_sub(13)) / 7).max(1);
    let rows = |rev: u32| {
        let n = sim.tasks().iter().filter(|t| t.revision == rev).count();
        n.div_ceil(per_row).max(1)
    };
    let s = sim.traffic_split();
    let tasks = rows(s.blue) + s.green.map_or(0, rows) + 1;
    (header + stages + bars + tasks + 2) as u16
}
