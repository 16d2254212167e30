//! Drawing the visualiser: the tab strip and clock, the parameter form, the tab's own panels
//! (rolling update or auto scaling), and below them the event log or the prediction being
//! asked. Panels collapse on small terminals and spread out on large ones.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::visual::{SPEEDS, Tab, Visual};
use super::visual_params::metric_word;
use super::{visual_events, visual_placement, visual_rolling, visual_scaling, visual_shift};
use crate::sim::{LaunchType, clock};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::{fit, hanging, truncate};

/// The parameter panel's width when shown beside the simulation.
const FORM_WIDTH: u16 = 40;

/// The tabs: (tab, action that shows it, name, short name).
const TABS: [(Tab, Action, &str, &str); 4] = [
    (
        Tab::Rolling,
        Action::ShowRolling,
        "rolling update",
        "rolling",
    ),
    (Tab::Scaling, Action::ShowScaling, "auto scaling", "scaling"),
    (
        Tab::BlueGreen,
        Action::ShowBlueGreen,
        "blue/green",
        "blue/green",
    ),
    (
        Tab::Placement,
        Action::ShowPlacement,
        "placement",
        "placement",
    ),
];

/// Draw the visualiser.
pub fn render(view: &View, v: &Visual, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let wide = area.width >= 110;
    let [status, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let asking = v.asked.is_some();
    render_status(view, v, frame, status);
    let (form, main) = if wide || v.editing {
        let [a, b] = Layout::horizontal([
            Constraint::Length(FORM_WIDTH.min(rest.width / 2)),
            Constraint::Min(10),
        ])
        .areas(rest);
        (Some(a), b)
    } else {
        (None, rest)
    };
    let main = match form {
        Some(f) => {
            render_form(v, th, frame, f);
            main
        }
        None => {
            let [summary, main] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
            frame.render_widget(
                Paragraph::new(summary_line(view, v, summary.width as usize)),
                summary,
            );
            main
        }
    };
    if let Some(e) = &v.error {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(th.error)
            .title(Line::styled(" These parameters cannot run ", th.error));
        let inner = block.inner(main);
        frame.render_widget(block, main);
        let lines: Vec<Line> = hanging(vec![], e, th.text, inner.width.saturating_sub(2) as usize);
        frame.render_widget(Paragraph::new(lines), pad(inner));
        return;
    }
    // The task cells are laid out once a frame: their row count sizes the panels.
    let cells = (v.tab == Tab::Rolling)
        .then(|| visual_rolling::task_lines(v, th, main.width.saturating_sub(4) as usize, !asking));
    let (top_height, bottom_min) = match v.tab {
        Tab::Rolling => {
            let items: Vec<(String, Style)> = visual_rolling::counts_items(&v.sim)
                .into_iter()
                .map(|i| (i, th.text))
                .collect();
            let counts = visual_rolling::pack_items(
                &items,
                (" · ", th.text),
                main.width.saturating_sub(4) as usize,
            )
            .len() as u16;
            let task_rows = cells.as_ref().map_or(0, Vec::len) as u16 + counts;
            let batches = if asking {
                0
            } else if main.height >= 30 {
                4
            } else {
                3
            };
            (task_rows + 2 + batches, if asking { 12 } else { 5 })
        }
        Tab::BlueGreen => (
            visual_shift::height(v, main.width),
            if asking { 12 } else { 5 },
        ),
        Tab::Placement => (
            visual_placement::height(v, th, main.width),
            if asking { 10 } else { 5 },
        ),
        Tab::Scaling => {
            let bottom = if asking || main.height >= 40 {
                12
            } else if main.height >= 24 {
                8
            } else {
                6
            };
            (main.height.saturating_sub(bottom), bottom)
        }
    };
    let top_height = top_height
        .min(main.height.saturating_sub(bottom_min))
        .max(4.min(main.height));
    let [top, bottom_area] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(main);
    match v.tab {
        Tab::Rolling => {
            visual_rolling::render(view, v, frame, top, cells.unwrap_or_default(), !asking)
        }
        Tab::Scaling => visual_scaling::render(v, th, frame, top),
        Tab::BlueGreen => visual_shift::render(v, th, frame, top),
        Tab::Placement => visual_placement::render(v, th, frame, top),
    }
    if asking {
        render_question(view, v, frame, bottom_area);
    } else {
        view.hits
            .wheel(bottom_area, Action::PageUp, Action::PageDown);
        visual_events::render(view, v, frame, bottom_area);
    }
}

/// The tab strip (each with its key), then the clock and whether it plays. On narrower
/// terminals the tabs take their short names, then those not shown give only their key.
fn render_status(view: &View, v: &Visual, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let state = if v.asked.as_ref().is_some_and(|a| a.chosen.is_none()) {
        Span::styled("? your prediction", th.accent)
    } else if v.playing {
        Span::styled(format!("▶ playing {}×", SPEEDS[v.speed]), th.right)
    } else if v.finished() {
        Span::styled("■ finished", th.text)
    } else {
        Span::styled(format!("‖ paused {}×", SPEEDS[v.speed]), th.text)
    };
    let mut tail = vec![
        Span::styled(format!("│ t {} ", clock(v.sim.time())), th.text),
        state,
    ];
    if v.predict {
        let (r, n) = v.score;
        tail.push(Span::styled(format!(" · quiz me {r}/{n}"), th.accent));
    }
    let tail_width: usize = tail.iter().map(|s| s.content.width()).sum();
    // 0: full names, 1: short names, 2: keys only for the tabs not shown.
    // Each span with the tab a click on it shows.
    let strip = |level: u8| {
        let mut spans = vec![(Span::raw(" "), None)];
        for (tab, action, name, short) in TABS {
            let key = view.key(Ctx::Visual, action);
            let name = if level == 0 { name } else { short };
            if tab == v.tab {
                spans.push((
                    Span::styled(
                        format!("[{key} {name}]"),
                        th.title.add_modifier(Modifier::REVERSED),
                    ),
                    Some(action),
                ));
                spans.push((Span::raw(" "), None));
            } else if level == 2 {
                spans.push((Span::styled(format!("{key} "), th.dim), Some(action)));
            } else {
                spans.push((
                    Span::styled(format!(" {key} {name}  "), th.dim),
                    Some(action),
                ));
            }
        }
        spans
    };
    let fits = |spans: &Vec<(Span, Option<Action>)>| {
        spans.iter().map(|(s, _)| s.content.width()).sum::<usize>() + tail_width
            <= area.width as usize
    };
    let mut tabs = strip(0);
    for level in 1..=2 {
        if fits(&tabs) {
            break;
        }
        tabs = strip(level);
    }
    // A click on a tab shows it, as its key does.
    let mut x = area.x;
    let mut spans = Vec::new();
    for (span, action) in tabs {
        let w = span.width() as u16;
        if let Some(action) = action {
            view.hits
                .click(Rect::new(x, area.y, w, 1).intersection(area), action);
        }
        x = x.saturating_add(w);
        spans.push(span);
    }
    spans.extend(tail);
    frame.render_widget(
        Paragraph::new(fit(Line::from(spans), area.width as usize)),
        area,
    );
}

/// The parameters on one line, for narrow terminals.
fn summary_line(view: &View, v: &Visual, width: usize) -> Line<'static> {
    let th = view.theme;
    let edit = view.key(Ctx::Visual, Action::EditParams);
    let text = match v.tab {
        Tab::Rolling => {
            let (d, l, u) = v.sim.limits();
            let r = &v.rolling;
            let lt = if r.launch_type == Some(LaunchType::Ec2) {
                format!("EC2 room {}", r.capacity.unwrap_or(d * 2))
            } else {
                "Fargate".into()
            };
            format!(
                " desired {d} · min {}% → L {l} · max {}% → U {u} · {lt}{}{} · {edit} edit",
                r.min_healthy.unwrap_or(100),
                r.max_percent.unwrap_or(200),
                if r.load_balancer { " · ALB" } else { "" },
                if r.broken_image != crate::sim::BrokenImage::None {
                    " · broken image"
                } else {
                    ""
                },
            )
        }
        Tab::BlueGreen => format!(
            " {} · desired {} · {edit} edit",
            v.sim
                .config()
                .service
                .traffic_shift
                .as_ref()
                .map(crate::sim::TrafficShift::describe)
                .unwrap_or_default(),
            v.bluegreen.desired
        ),
        Tab::Placement => {
            let p = &v.placement;
            let strategies: Vec<String> = p.strategy.iter().map(ToString::to_string).collect();
            format!(
                " {} tasks on {} instances · {}{}{} · {edit} edit",
                p.tasks,
                p.instances.len(),
                strategies.join(" › "),
                if p.distinct_instance {
                    " · distinctInstance"
                } else {
                    ""
                },
                if p.member_of.is_some() {
                    " · memberOf"
                } else {
                    ""
                }
            )
        }
        Tab::Scaling => {
            let s = &v.scaling;
            format!(
                " {} on {} at {:.0} · load {} · tasks {}..{} · {} · {edit} edit",
                s.policy,
                metric_word(s.metric.unwrap_or_default()),
                s.target,
                s.load,
                s.min.unwrap_or(1),
                s.max.unwrap_or(20),
                if s.launch_type == LaunchType::Ec2 {
                    "EC2 capacity provider"
                } else {
                    "Fargate"
                },
            )
        }
    };
    Line::styled(truncate(&text, width), th.dim)
}

/// The Parameters panel: each field's label, then its value and what it implies; a value
/// that does not fit beside its label goes on the next row, so nothing is ever cut.
fn render_form(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let border = if v.editing {
        th.border_focus
    } else {
        th.border
    };
    let title = if v.editing {
        " Parameters · ↑↓ ←→ "
    } else {
        " Parameters "
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::styled(title, th.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let height = inner.height as usize;
    let fields = v.fields();
    let label_w = fields.iter().map(|f| f.label.width()).max().unwrap_or(0) + 1;
    let mut lines = Vec::new();
    let mut selected_row = 0;
    for (i, f) in fields.iter().enumerate() {
        let selected = v.editing && i == v.field;
        if selected {
            selected_row = lines.len();
        }
        let style = if selected {
            th.selected
        } else if f.enabled {
            th.text
        } else {
            th.dim
        };
        let value = if selected && f.enabled {
            format!("◂ {} ▸", f.value)
        } else {
            f.value.clone()
        };
        let mut value_spans = vec![Span::styled(value, style)];
        if let Some(note) = &f.note {
            value_spans.push(Span::styled(format!("  {note}"), th.accent));
        }
        let value_width: usize = value_spans.iter().map(|s| s.content.width()).sum();
        let marker = Span::styled(if selected { "▶" } else { " " }, th.accent);
        let label = Span::styled(format!("{:<label_w$}", f.label), th.dim);
        if 1 + label_w + value_width <= width {
            let mut spans = vec![marker, label];
            spans.extend(value_spans);
            lines.push(Line::from(spans));
        } else {
            lines.push(Line::from(vec![marker, label]));
            let text: String = value_spans.iter().map(|s| s.content.as_ref()).collect();
            lines.extend(hanging(vec![Span::raw("   ")], &text, style, width));
        }
    }
    // What the values imply, when there is room for all of it.
    let mut extra: Vec<Line> = Vec::new();
    if v.tab == Tab::Rolling {
        let (d, l, u) = v.sim.limits();
        let text = format!(
            "L = ceil({d} x {}%) = {l} (rounded up); U = floor({d} x {}%) = {u} (rounded down)",
            v.rolling.min_healthy.unwrap_or(100),
            v.rolling.max_percent.unwrap_or(200)
        );
        extra.push(Line::raw(""));
        extra.extend(hanging(vec![Span::raw(" ")], &text, th.dim, width));
        if !v.rolling.load_balancer && !v.rolling.container_check {
            let text = "No health check: a task counts as healthy 40 s after RUNNING.";
            extra.extend(hanging(vec![Span::raw(" ")], text, th.dim, width));
        }
    }
    if v.tab == Tab::Scaling {
        for rows in v.policy_notes() {
            extra.push(Line::raw(""));
            for row in rows {
                extra.extend(hanging(vec![Span::raw(" ")], &row, th.dim, width));
            }
        }
    }
    if lines.len() + extra.len() <= height {
        lines.extend(extra);
    }
    // Keep the selected field in view on short terminals.
    let skip = (selected_row + 2).saturating_sub(height);
    frame.render_widget(
        Paragraph::new(lines.split_off(skip.min(lines.len()))),
        inner,
    );
}

fn render_question(view: &View, v: &Visual, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let Some(a) = &v.asked else { return };
    let p = &a.prediction;
    let title = match &a.card {
        Some(id) => format!(" Predict the next step · card {id} "),
        None => {
            " Predict the next step (practice: custom parameters are not scheduled) ".to_string()
        }
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border_focus)
        .title(Line::styled(title, th.accent));
    let inner = pad(block.inner(area));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = hanging(vec![], &p.situation, th.dim, width);
    lines.extend(hanging(
        vec![],
        &p.question,
        th.text.add_modifier(Modifier::BOLD),
        width,
    ));
    let mut option_rows = Vec::new();
    for (i, o) in p.options.iter().enumerate() {
        let letter = crate::quiz::letter(i);
        let (sym, style): (&str, Style) = match a.chosen {
            None => (" ", th.text),
            Some(_) if i == p.answer => ("✓", th.right),
            Some(c) if c == i => ("✗", th.wrong),
            Some(_) => (" ", th.dim),
        };
        let mut row = o.text.clone();
        if a.chosen.is_some() && (i == p.answer || a.chosen == Some(i)) {
            row.push_str(&format!(" — {}", o.why));
        }
        let rows = hanging(
            vec![Span::styled(format!("{sym} {letter}  "), style)],
            &row,
            style,
            width,
        );
        option_rows.push((lines.len(), rows.len(), i));
        lines.extend(rows);
    }
    match a.chosen {
        None => {
            let last = crate::quiz::letter(p.options.len().saturating_sub(1)).to_ascii_lowercase();
            lines.push(Line::styled(
                format!("Choose with a-{last}; the simulation waits for you."),
                th.dim,
            ))
        }
        Some(c) => {
            let verdict = if c == p.answer {
                ("✓ Right. ", th.right)
            } else {
                ("✗ Not quite. ", th.wrong)
            };
            let go_on = view.key(Ctx::Predicted, Action::StepEvent);
            lines.push(Line::from(vec![
                Span::styled(verdict.0, verdict.1),
                Span::styled(
                    format!("{go_on}: let the simulator do it and go on."),
                    th.dim,
                ),
            ]));
        }
    }
    // Keep the options in view: drop situation rows first when short of room, and say so
    // (the state is on screen above the question).
    let rows = inner.height as usize;
    // The first of the lines built above still shown, and the rows of marks above it.
    let (mut shown_from, mut top) = (0usize, 0usize);
    if lines.len() > rows && rows > 1 {
        let cut = lines.len() - rows + 1;
        let cut = cut.min(lines.len() - 1);
        lines.drain(..cut);
        lines.insert(0, Line::styled("… (the state as on screen above)", th.dim));
        (shown_from, top) = (cut, 1);
    }
    while lines.len() > rows && lines.len() > 1 {
        lines.remove(0);
        if top > 0 {
            top -= 1;
        } else {
            shown_from += 1;
        }
    }
    // A click on an option chooses it, as its letter does.
    if a.chosen.is_none() {
        for (first, count, i) in option_rows {
            for line in first..first + count {
                if let Some(row) = line.checked_sub(shown_from).map(|r| r + top)
                    && row < rows
                {
                    let at = Rect::new(inner.x, inner.y + row as u16, inner.width, 1);
                    view.hits.click(at, Action::Choose(i));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_label() {
        let mut v = Visual::new();
        v.sim.run_until(5);
        for t in v.sim.tasks() {
            assert_eq!(visual_rolling::state_code(t).len(), 2);
        }
    }
}
