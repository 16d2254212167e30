//! The placement tab: the cluster's instances by AZ, each with its tasks and its CPU and
//! memory in use, the last task's instance marked, and why that task went there (or why
//! none could be placed).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::visual::Visual;
use super::visual_rolling::{cell, pack_items};
use crate::sim::config::az_name;
use crate::sim::{Instance, Simulation, Task};
use crate::tui::theme::Theme;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::hanging;

/// Columns of the instance label: `▶i-6 t3.medium `, and with the AZ in it (compact)
/// `▶i-6 1c t3.medium `.
const LABEL: usize = 15;
const LABEL_COMPACT: usize = 18;
/// Columns of one task cell: `[1 ok] `.
const CELL: usize = 7;

/// `CPU 1024/2048 · mem 2048/7985`
fn usage(inst: &Instance) -> String {
    format!(
        "CPU {}/{} · mem {}/{}",
        inst.cpu_used, inst.cpu_total, inst.memory_used, inst.memory_total
    )
}

/// The AZs that have instances, in order.
fn zones(sim: &Simulation) -> Vec<u8> {
    let mut azs: Vec<u8> = sim.instances().iter().map(|i| i.az).collect();
    azs.sort_unstable();
    azs.dedup();
    azs
}

/// Cells per row beside the label (and the usage, when it fits on the row: `true`).
fn per_row(width: usize, label: usize, sim: &Simulation) -> (usize, bool) {
    let usage_w = sim
        .instances()
        .iter()
        .map(|i| usage(i).chars().count())
        .max()
        .unwrap_or(0);
    if width >= label + CELL + usage_w + 2 {
        ((width - label - usage_w - 2) / CELL, true)
    } else {
        ((width.saturating_sub(label) / CELL).max(1), false)
    }
}

/// The rows of one instance: label, cells (wrapping), usage on the first row.
fn instance_rows(
    sim: &Simulation,
    th: &Theme,
    inst: &Instance,
    width: usize,
    compact: bool,
) -> Vec<Line<'static>> {
    let last = sim.last_placement();
    let chosen = last
        .and_then(|w| w.chosen.as_ref())
        .is_some_and(|c| c.id == inst.id);
    let excluded = last.is_some_and(|w| {
        w.excluded.iter().any(|(c, _)| c.id == inst.id) || w.no_room.iter().any(|c| c.id == inst.id)
    });
    let tasks: Vec<&Task> = sim
        .tasks()
        .iter()
        .filter(|t| t.is_live() && t.instance() == Some(inst.id))
        .collect();
    let label_w = if compact { LABEL_COMPACT } else { LABEL };
    let (per, usage_inline) = per_row(width, label_w, sim);
    let label_style = if chosen {
        th.accent.add_modifier(Modifier::BOLD)
    } else if excluded {
        th.dim
    } else {
        th.text
    };
    let mark = if chosen {
        "▶"
    } else if excluded {
        "✗"
    } else {
        " "
    };
    let label = if compact {
        let zone = az_name(inst.az);
        let short = zone.strip_prefix("us-east-").unwrap_or(&zone);
        format!("{mark}i-{} {short} {}", inst.id, inst.type_name)
    } else {
        format!("{mark}i-{} {}", inst.id, inst.type_name)
    };
    let mut rows = Vec::new();
    let chunks: Vec<&[&Task]> = if tasks.is_empty() {
        vec![&[]]
    } else {
        tasks.chunks(per).collect()
    };
    for (i, chunk) in chunks.into_iter().enumerate() {
        let head = if i == 0 { label.clone() } else { String::new() };
        let mut spans = vec![Span::styled(format!("{head:<label_w$}"), label_style)];
        for t in chunk {
            spans.extend(cell(sim, th, t));
        }
        if i == 0 && usage_inline {
            let used = label_w + chunk.len() * CELL;
            let pad_to = label_w + per * CELL;
            spans.push(Span::raw(" ".repeat(pad_to.saturating_sub(used) + 1)));
            spans.push(Span::styled(usage(inst), th.dim));
        }
        rows.push(Line::from(spans));
    }
    if !usage_inline {
        rows.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(usage(inst), th.dim),
        ]));
    }
    rows
}

/// Every line of the panel at `width` columns; compact lines put each instance's AZ in its
/// label instead of under an AZ heading.
fn lines(v: &Visual, th: &Theme, width: usize, compact: bool) -> Vec<Line<'static>> {
    // While a question is asked the newest reason would give the answer away.
    let show_why = v.asked.is_none();
    let sim = &v.sim;
    let mut out = Vec::new();
    let header: Vec<(String, Style)> = sim
        .placement_items()
        .into_iter()
        .map(|i| (i, th.text))
        .collect();
    out.extend(pack_items(&header, (" · ", th.text), width));
    for az in zones(sim) {
        if !compact {
            out.push(Line::styled(az_name(az), th.title));
        }
        for inst in sim.instances().iter().filter(|i| i.az == az) {
            out.extend(instance_rows(sim, th, inst, width, compact));
        }
    }
    if let Some(why) = sim.last_placement().filter(|_| show_why) {
        let style = if why.chosen.is_some() {
            th.text
        } else {
            th.wrong
        };
        out.extend(hanging(
            vec![Span::styled("why: ", th.accent)],
            &why.to_string(),
            style,
            width,
        ));
    }
    out
}

/// Draw the placement panel.
pub fn render(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let title = Line::from(vec![
        Span::styled(" Task placement ", th.title),
        Span::styled(
            format!("· {} instances on EC2 ", v.sim.instances().len()),
            th.dim,
        ),
    ]);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(title);
    let inner = pad(block.inner(area));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut all = lines(v, th, width, false);
    if all.len() > inner.height as usize {
        all = lines(v, th, width, true);
    }
    let total = all.len();
    let shown = total.min(inner.height as usize);
    let mut kept: Vec<Line> = all.into_iter().take(shown).collect();
    if shown < total
        && let Some(last) = kept.last_mut()
    {
        // Cut rows are marked.
        *last = Line::styled("…", th.dim);
    }
    frame.render_widget(Paragraph::new(kept), inner);
}

/// How many rows [`render`] wants at `width` columns (borders included).
pub fn height(v: &Visual, th: &Theme, width: u16) -> u16 {
    let w = width.saturating_sub(4) as usize;
    lines(v, th, w, false).len() as u16 + 2
}
