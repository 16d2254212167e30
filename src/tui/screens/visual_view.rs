//! Drawing the visualiser: tasks as labelled cells grouped by instance, the batch timeline,
//! the event log, charts of the scaling scenario, the parameter form, and the prediction
//! panel. Panels collapse on small terminals and spread out on large ones.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::visual::{SPEEDS, Tab, Visual, metric_word};
use crate::sim::{
    BatchAction, DeploymentStatus, InstanceState, LaunchType, Placement, Role, Task, TaskState,
    clock,
};
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::{hanging, truncate, wrap};

/// The parameter panel's width when shown beside the simulation.
const FORM_WIDTH: u16 = 36;

/// Draw the visualiser.
pub fn render(view: &View, v: &Visual, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let wide = area.width >= 110;
    let [status, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let asking = v.asked.is_some();
    render_status(v, th, frame, status);
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
                Paragraph::new(summary_line(v, th, summary.width as usize)),
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
        .then(|| task_lines(v, th, main.width.saturating_sub(4) as usize, !asking));
    let (top_height, bottom_min) = match v.tab {
        Tab::Rolling => {
            let task_rows = cells.as_ref().map_or(0, Vec::len) as u16;
            let batches = if asking {
                0
            } else if main.height >= 30 {
                4
            } else {
                3
            };
            (task_rows + 2 + batches, if asking { 12 } else { 5 })
        }
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
        Tab::Rolling => render_rolling(view, v, frame, top, cells.unwrap_or_default(), !asking),
        Tab::Scaling => render_scaling(v, th, frame, top),
    }
    if asking {
        render_question(v, th, frame, bottom_area);
    } else {
        render_events(v, th, frame, bottom_area);
    }
}

fn render_status(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let t = v.sim.time();
    let (title, other) = match v.tab {
        Tab::Rolling => ("Rolling update", "2 scaling"),
        Tab::Scaling => ("Service auto scaling", "1 rolling update"),
    };
    let state = if v.asked.as_ref().is_some_and(|a| a.chosen.is_none()) {
        Span::styled("? your prediction", th.accent)
    } else if v.playing {
        Span::styled(format!("▶ playing {}×", SPEEDS[v.speed]), th.right)
    } else if v.finished() {
        Span::styled("■ finished", th.text)
    } else {
        Span::styled(format!("‖ paused ({}×)", SPEEDS[v.speed]), th.text)
    };
    let mut spans = vec![
        Span::styled(format!(" {title} "), th.title),
        Span::styled(format!("t {} ", clock(t)), th.text),
        state,
    ];
    if v.tab == Tab::Rolling {
        let status = match v.sim.status() {
            DeploymentStatus::Stuck(_) => "STUCK".to_string(),
            DeploymentStatus::None => "not started".to_string(),
            s => s.word().to_uppercase(),
        };
        spans.push(Span::styled(format!(" · deployment {status}"), th.dim));
    }
    if v.predict {
        let (r, n) = v.score;
        spans.push(Span::styled(format!(" · quiz me {r}/{n}"), th.accent));
    }
    spans.push(Span::styled(format!(" · {other}"), th.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The parameters on one line, for narrow terminals.
fn summary_line(v: &Visual, th: &Theme, width: usize) -> Line<'static> {
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
                " desired {d} · min {}% → L {l} · max {}% → U {u} · {lt}{}{} · e edit",
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
        Tab::Scaling => {
            let s = &v.scaling;
            format!(
                " {} on {} at {:.0} · load {} · tasks {}..{} · {} · e edit",
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

fn render_form(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let border = if v.editing {
        th.border_focus
    } else {
        th.border
    };
    let title = if v.editing {
        " Parameters · ↑↓ ←→ "
    } else {
        " Parameters · e edit "
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::styled(title, th.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (d, l, u) = v.sim.limits();
    let mut lines = Vec::new();
    let value_width = (inner.width as usize).saturating_sub(23);
    for (i, (label, value)) in v.fields().into_iter().enumerate() {
        let selected = v.editing && i == v.field;
        let style = if selected { th.selected } else { th.text };
        let shown = if selected {
            format!("◂ {value} ▸")
        } else {
            value
        };
        let mut spans = vec![
            Span::styled(if selected { "▶" } else { " " }, th.accent),
            Span::styled(format!("{label:<21}"), th.dim),
            Span::styled(truncate(&shown, value_width), style),
        ];
        if v.tab == Tab::Rolling && i == 1 {
            spans.push(Span::styled(format!("  L {l}"), th.accent));
        }
        if v.tab == Tab::Rolling && i == 2 {
            spans.push(Span::styled(format!("  U {u}"), th.accent));
        }
        lines.push(Line::from(spans));
    }
    if v.tab == Tab::Rolling {
        lines.push(Line::raw(""));
        for row in wrap(
            &format!(
                "L = ceil({d} x {}%) = {l}; U = floor({d} x {}%) = {u}",
                v.rolling.min_healthy.unwrap_or(100),
                v.rolling.max_percent.unwrap_or(200)
            ),
            inner.width.saturating_sub(2) as usize,
        ) {
            lines.push(Line::styled(format!(" {row}"), th.dim));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A task's two-letter state: pv pe ac ru ok !! dr st dp xx.
fn state_code(t: &Task) -> &'static str {
    match t.state {
        TaskState::Provisioning => "pv",
        TaskState::Pending => "pe",
        TaskState::Activating => "ac",
        TaskState::Running if t.counted_healthy => "ok",
        TaskState::Running if t.health == crate::sim::HealthStatus::Unhealthy => "!!",
        TaskState::Running => "ru",
        TaskState::Deactivating => "dr",
        TaskState::Stopping => "st",
        TaskState::Deprovisioning => "dp",
        TaskState::Stopped => "xx",
    }
}

fn cell(v: &Visual, th: &Theme, t: &Task) -> Vec<Span<'static>> {
    let role = v.sim.role_of(t);
    let (letter, base) = match role {
        Role::Old => ("o", th.old_task),
        Role::New => ("n", th.new_task),
        Role::Current => ("c", th.new_task),
    };
    let code = state_code(t);
    let style = match code {
        "ok" => base.add_modifier(Modifier::BOLD | Modifier::REVERSED),
        "!!" => th.wrong,
        "dr" | "st" | "dp" => base.add_modifier(Modifier::DIM),
        "xx" => th.dim.add_modifier(Modifier::CROSSED_OUT),
        _ => base,
    };
    vec![
        Span::styled(format!("[{letter} {code}]"), style),
        Span::raw(" "),
    ]
}

/// The task cells, grouped by instance (or Fargate, or waiting), then the legend.
fn task_lines(v: &Visual, th: &Theme, width: usize, with_legend: bool) -> Vec<Line<'static>> {
    let now = v.sim.time();
    let recent_stopped = v
        .sim
        .stopped_tasks()
        .iter()
        .filter(|t| now.saturating_sub(t.state_since) <= 20);
    let shown: Vec<&Task> = v.sim.tasks().iter().chain(recent_stopped).collect();
    let mut lines: Vec<Line> = Vec::new();
    let group = |label: String, tasks: Vec<&Task>, lines: &mut Vec<Line<'static>>| {
        let label_w = 12;
        let per_row = ((width.saturating_sub(label_w)) / 7).max(1);
        if tasks.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<label_w$}"), th.dim),
                Span::styled("(empty)", th.dim),
            ]));
            return;
        }
        for (i, chunk) in tasks.chunks(per_row).enumerate() {
            let mut spans = vec![Span::styled(
                if i == 0 {
                    format!("{label:<label_w$}")
                } else {
                    " ".repeat(label_w)
                },
                th.dim,
            )];
            for t in chunk {
                spans.extend(cell(v, th, t));
            }
            lines.push(Line::from(spans));
        }
    };
    if v.sim.instances().is_empty() {
        let (placed, waiting): (Vec<&Task>, Vec<&Task>) = shown
            .iter()
            .partition(|t| t.placement != Placement::Unplaced);
        group("Fargate".into(), placed, &mut lines);
        if !waiting.is_empty() {
            group("waiting".into(), waiting, &mut lines);
        }
    } else {
        for inst in v.sim.instances() {
            let tasks: Vec<&Task> = shown
                .iter()
                .copied()
                .filter(|t| t.placement == Placement::Instance(inst.id))
                .collect();
            let state = match inst.state {
                InstanceState::Active => "",
                InstanceState::Draining => " drain",
                _ => " boot",
            };
            group(format!("i-{}{state}", inst.id), tasks, &mut lines);
        }
        let waiting: Vec<&Task> = shown
            .iter()
            .copied()
            .filter(|t| t.placement == Placement::Unplaced)
            .collect();
        if !waiting.is_empty() {
            group("waiting".into(), waiting, &mut lines);
        }
    }
    if with_legend {
        let legend = if width >= 120 {
            "o old · n new · c current │ pv provisioning · pe pending · ac activating · ru running · ok healthy · !! unhealthy · dr draining · st stopping · dp deprovisioning · xx stopped"
        } else {
            "o old n new c current │ pv prov. pe pending ac activating ru running ok healthy !! unhealthy dr draining st stopping dp deprov. xx stopped"
        };
        lines.extend(
            wrap(legend, width)
                .into_iter()
                .map(|r| Line::styled(r, th.dim)),
        );
    }
    lines
}

fn render_rolling(
    view: &View,
    v: &Visual,
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    with_batches: bool,
) {
    let th = view.theme;
    let c = v.sim.counts();
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
        Span::styled(
            format!(
                "· healthy {} ≥ L {} · in flight {} ≤ U {} · old {} · new {} ",
                c.healthy, c.lower, c.in_flight, c.upper, c.old_live, c.new_live
            ),
            th.dim,
        ),
    ]);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(title);
    let inner = pad(block.inner(tasks_area));
    frame.render_widget(block, tasks_area);
    frame.render_widget(Paragraph::new(lines), inner);
    if !with_batches {
        return;
    }

    // The batches, as AWS narrates them.
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Line::styled(
            " Batches (old/new live after each) ",
            th.title,
        ));
    let inner = pad(block.inner(batches_area));
    frame.render_widget(block, batches_area);
    let mut spans = Vec::new();
    for (i, b) in v.sim.batches().iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" → ", th.dim));
        }
        let (word, style) = match b.action {
            BatchAction::Stop => ("stop", th.old_task),
            BatchAction::Start => ("start", th.new_task),
        };
        spans.push(Span::styled(
            format!("{word} {} ({}/{})", b.count, b.old, b.new),
            style,
        ));
    }
    if spans.is_empty() {
        spans.push(Span::styled(
            "none yet: Space plays, n steps to the next event",
            th.dim,
        ));
    }
    let runs: Vec<(String, Style)> = spans
        .iter()
        .map(|s| (s.content.to_string(), s.style))
        .collect();
    let mut rows = crate::tui::widgets::text::wrap_styled(&runs, inner.width as usize);
    // Keep the latest batches in view.
    let keep = inner.height as usize;
    if rows.len() > keep {
        rows.drain(..rows.len() - keep);
    }
    frame.render_widget(Paragraph::new(rows), inner);
}

fn render_events(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let events = v.sim.events();
    let title = if v.log_back > 0 {
        format!(" Events · {} back · PgDn newer ", v.log_back)
    } else {
        " Events (newest last) · PgUp older ".to_string()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Line::styled(title, th.title));
    let inner = pad(block.inner(area));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut rows: Vec<Line> = Vec::new();
    let end = events.len().saturating_sub(v.log_back);
    for e in events[..end].iter().rev() {
        let style = if e.is_decision() { th.text } else { th.dim };
        let mut block_rows = hanging(
            vec![Span::styled(format!("{} ", clock(e.t)), th.accent)],
            &e.message(),
            style,
            width,
        );
        block_rows.reverse();
        rows.extend(block_rows);
        if rows.len() >= inner.height as usize {
            break;
        }
    }
    rows.truncate(inner.height as usize);
    rows.reverse();
    if rows.is_empty() {
        rows.push(Line::styled("Nothing has happened yet.", th.dim));
    }
    frame.render_widget(Paragraph::new(rows), inner);
}

fn render_question(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
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
    for (i, o) in p.options.iter().enumerate() {
        let letter = crate::quiz::letter(i);
        let (sym, style) = match a.chosen {
            None => (" ", th.text),
            Some(_) if i == p.answer => ("✓", th.right),
            Some(c) if c == i => ("✗", th.wrong),
            Some(_) => (" ", th.dim),
        };
        let mut row = o.text.clone();
        if a.chosen.is_some() && (i == p.answer || a.chosen == Some(i)) {
            row.push_str(&format!(" — {}", o.why));
        }
        lines.extend(hanging(
            vec![Span::styled(format!("{sym} {letter}  "), style)],
            &row,
            style,
            width,
        ));
    }
    match a.chosen {
        None => lines.push(Line::styled(
            "Choose with a-d; the simulation waits for you.",
            th.dim,
        )),
        Some(c) => {
            let verdict = if c == p.answer {
                ("✓ Right. ", th.right)
            } else {
                ("✗ Not quite. ", th.wrong)
            };
            lines.push(Line::from(vec![
                Span::styled(verdict.0, verdict.1),
                Span::styled("Enter or n: let the simulator do it and go on.", th.dim),
            ]));
        }
    }
    // Keep the options in view: drop situation rows first when short of room.
    while lines.len() > inner.height as usize && lines.len() > 1 {
        lines.remove(0);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_scaling(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let samples = v.sim.samples();
    let ec2 = v.scaling.launch_type == LaunchType::Ec2;
    let minutes = (v.horizon() / 60).max(1) as f64;
    let charts = if ec2 && area.height >= 21 { 3 } else { 2 };
    let rows: Vec<Constraint> = (0..charts).map(|_| Constraint::Ratio(1, charts)).collect();
    let areas = Layout::vertical(rows).split(area);
    let metric = v.scaling.metric.unwrap_or_default();
    let target = v.scaling.target;
    let at = |s: &crate::sim::MinuteSample| f64::from(s.minute);
    // Chart 1: the metric against the target, alarms marked where they were in ALARM.
    let value = |s: &crate::sim::MinuteSample| {
        s.policies
            .first()
            .and_then(|p| p.value)
            .or(s.metrics.get(metric))
            .unwrap_or(0.0)
    };
    let metric_pts: Vec<(f64, f64)> = samples.iter().map(|s| (at(s), value(s))).collect();
    let target_pts = vec![(0.0, target), (minutes, target)];
    let high: Vec<(f64, f64)> = samples
        .iter()
        .filter(|s| s.policies.iter().any(|p| p.high_alarm))
        .map(|s| (at(s), value(s)))
        .collect();
    let low: Vec<(f64, f64)> = samples
        .iter()
        .filter(|s| s.policies.iter().any(|p| p.low_alarm))
        .map(|s| (at(s), value(s)))
        .collect();
    let sched: Vec<(f64, f64)> = samples
        .iter()
        .filter(|s| !s.scheduled.is_empty())
        .map(|s| (at(s), target))
        .collect();
    let ymax = metric_pts
        .iter()
        .map(|p| p.1)
        .fold(target * 1.3, f64::max)
        .max(1.0);
    let sets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(th.accent)
            .data(&metric_pts),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(th.dim)
            .data(&target_pts),
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(th.wrong)
            .data(&high),
        Dataset::default()
            .marker(Marker::Bar)
            .graph_type(GraphType::Scatter)
            .style(th.new)
            .data(&low),
        Dataset::default()
            .marker(Marker::HalfBlock)
            .graph_type(GraphType::Scatter)
            .style(th.almost)
            .data(&sched),
    ];
    let legend = vec![
        (format!(" {} ", metric_word(metric)), th.title),
        ("⣿ value · ".to_string(), th.accent),
        (format!("• target {target:.0} · "), th.dim),
        ("█ high alarm · ".to_string(), th.wrong),
        ("▬ low alarm ".to_string(), th.new),
        (
            if sched.is_empty() {
                String::new()
            } else {
                "· ▀ scheduled action ".to_string()
            },
            th.almost,
        ),
    ];
    chart(th, frame, areas[0], legend, sets, minutes, ymax);

    // Chart 2: tasks (and instances), cooldowns marked along the bottom.
    let series = |f: fn(&crate::sim::MinuteSample) -> u32| -> Vec<(f64, f64)> {
        samples.iter().map(|s| (at(s), f64::from(f(s)))).collect()
    };
    let desired = series(|s| s.desired);
    let running = series(|s| s.running);
    let pending: Vec<(f64, f64)> = samples
        .iter()
        .filter(|s| s.pending > 0)
        .map(|s| (at(s), f64::from(s.pending)))
        .collect();
    let instances = series(|s| s.instances);
    let cooldown: Vec<(f64, f64)> = samples
        .iter()
        .filter(|s| s.cooldown_active())
        .map(|s| (at(s), 0.0))
        .collect();
    let ymax = desired
        .iter()
        .chain(&running)
        .chain(&pending)
        .chain(&instances)
        .map(|p| p.1)
        .fold(4.0, f64::max)
        + 1.0;
    let mut sets = vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(th.accent)
            .data(&desired),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(th.new_task)
            .data(&running),
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(th.learning)
            .data(&pending),
        Dataset::default()
            .marker(Marker::Bar)
            .graph_type(GraphType::Scatter)
            .style(th.dim)
            .data(&cooldown),
    ];
    let mut legend = vec![
        (" Tasks ".to_string(), th.title),
        ("⣿ desired · ".to_string(), th.accent),
        ("• running · ".to_string(), th.new_task),
        ("█ pending · ".to_string(), th.learning),
        ("▬ cooldown ".to_string(), th.dim),
    ];
    if ec2 {
        sets.push(
            Dataset::default()
                .marker(Marker::HalfBlock)
                .graph_type(GraphType::Line)
                .style(th.old_task)
                .data(&instances),
        );
        legend.push(("· ▀ instances ".to_string(), th.old_task));
    }
    chart(th, frame, areas[1], legend, sets, minutes, ymax);

    if charts == 3 {
        let cpr: Vec<(f64, f64)> = samples
            .iter()
            .filter_map(|s| s.providers.first().and_then(|p| p.cpr).map(|c| (at(s), c)))
            .collect();
        let tc = f64::from(v.scaling.target_capacity.unwrap_or(100));
        let tc_pts = vec![(0.0, tc), (minutes, tc)];
        let ymax = cpr.iter().map(|p| p.1).fold(210.0, f64::max);
        let sets = vec![
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(th.accent)
                .data(&cpr),
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(th.dim)
                .data(&tc_pts),
        ];
        let legend = vec![
            (" Capacity provider ".to_string(), th.title),
            ("⣿ CapacityProviderReservation % · ".to_string(), th.accent),
            (format!("• target capacity {tc:.0} "), th.dim),
        ];
        chart(th, frame, areas[2], legend, sets, minutes, ymax);
    }
}

/// A chart over simulated minutes; the legend is the title (markers differ, so it reads
/// without colour too).
fn chart(
    th: &Theme,
    frame: &mut Frame,
    area: Rect,
    legend: Vec<(String, Style)>,
    sets: Vec<Dataset>,
    minutes: f64,
    ymax: f64,
) {
    let x_labels = vec![
        Span::styled("0", th.dim),
        Span::styled(format!("{:.0} min", minutes / 2.0), th.dim),
        Span::styled(format!("{minutes:.0}"), th.dim),
    ];
    let y_labels = vec![
        Span::styled("0", th.dim),
        Span::styled(format!("{:.0}", ymax / 2.0), th.dim),
        Span::styled(format!("{ymax:.0}"), th.dim),
    ];
    let title = Line::from(
        legend
            .into_iter()
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, s)| Span::styled(t, s))
            .collect::<Vec<_>>(),
    );
    let chart = Chart::new(sets)
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(th.border)
                .title(title),
        )
        .x_axis(
            Axis::default()
                .bounds([0.0, minutes])
                .labels(x_labels)
                .style(th.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, ymax])
                .labels(y_labels)
                .style(th.dim),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_a_label() {
        let mut v = Visual::new();
        v.sim.run_until(5);
        for t in v.sim.tasks() {
            assert_eq!(state_code(t).len(), 2);
        }
    }
}
