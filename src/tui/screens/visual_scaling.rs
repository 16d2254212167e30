//! The auto scaling panels: the minute's numbers the policies decide by, then charts of the
//! metric against the target (alarms marked), of the tasks (cooldowns marked) and, on EC2,
//! of the CapacityProviderReservation. Every mark is its own character, drawn in the chart
//! and named in its legend, so the charts read without colour too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType};

use super::visual::Visual;
use super::visual_params::metric_word;
use super::visual_rolling::pack_items;
use crate::sim::event::num;
use crate::sim::{LaunchType, MinuteSample, Simulation};
use crate::tui::theme::Theme;

/// The marks of the charts: (what, marker). Lines use Braille (`⣿`) and dots (`•`); the
/// scattered marks use characters of their own.
pub const MARKS: [(&str, Marker); 8] = [
    ("metric value, desired tasks, reservation", Marker::Braille),
    ("target, running tasks, target capacity", Marker::Dot),
    ("high (scale-out) alarm in ALARM", Marker::Custom('▲')),
    ("low (scale-in) alarm in ALARM", Marker::Custom('▼')),
    ("scheduled action ran", Marker::Custom('◆')),
    ("tasks pending (starting or waiting)", Marker::Custom('+')),
    ("a scaling cooldown is running", Marker::Custom('×')),
    ("container instances", Marker::Custom('▪')),
];

/// The character a marker draws.
pub fn glyph(marker: Marker) -> char {
    match marker {
        Marker::Braille => '⣿',
        Marker::Dot => '•',
        Marker::Block => '█',
        Marker::Bar => '▄',
        Marker::Custom(c) => c,
        _ => '▀',
    }
}

/// The minute's numbers: `minute 7`, `CPU % 72.3`, `desired 3`, `running 3`, `pending 0`,
/// `tasks 1..20`, then demand no task could take and each capacity provider. The
/// prediction questions quote the same numbers.
pub fn counts_items(sim: &Simulation) -> Vec<String> {
    let c = sim.counts();
    let mut items = vec![format!("minute {}", sim.time() / 60)];
    if let Some((metric, v)) = sim.headline_metric() {
        items.push(format!("{} {}", metric.label(), num(v)));
    }
    items.push(format!("desired {}", c.desired));
    items.push(format!("running {}", c.running));
    items.push(format!("pending {}", c.pending));
    if let Some((min, max)) = sim.scaling_bounds() {
        items.push(format!("tasks {min}..{max}"));
    }
    if let Some(dp) = sim.datapoints()
        && dp.unmet >= 0.05
    {
        items.push(format!("unmet {} req/s", num(dp.unmet)));
    }
    for p in sim.providers().iter().filter(|p| p.cpr.is_some()) {
        items.push(format!(
            "{}: {} {}, reservation {} %",
            p.name,
            p.running,
            if p.running == 1 {
                "instance"
            } else {
                "instances"
            },
            num(p.cpr.unwrap_or(100.0))
        ));
    }
    items
}

fn set<'a>(marker: Marker, graph: GraphType, style: Style, data: &'a [(f64, f64)]) -> Dataset<'a> {
    Dataset::default()
        .marker(marker)
        .graph_type(graph)
        .style(style)
        .data(data)
}

fn mark(marker: Marker, text: &str, style: Style) -> (String, Style) {
    (format!("{} {text} ", glyph(marker)), style)
}

/// Draw the counts line and the charts.
pub fn render(v: &Visual, th: &Theme, frame: &mut Frame, area: Rect) {
    let items: Vec<(String, Style)> = counts_items(&v.sim)
        .into_iter()
        .map(|i| (i, th.text))
        .collect();
    let header = pack_items(
        &items,
        (" · ", th.text),
        area.width.saturating_sub(1) as usize,
    )
    .into_iter()
    .map(|mut l| {
        l.spans.insert(0, Span::raw(" "));
        l
    })
    .collect::<Vec<_>>();
    let [head, area] = Layout::vertical([
        Constraint::Length((header.len() as u16).min(area.height)),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(ratatui::widgets::Paragraph::new(header), head);
    let samples = v.sim.samples();
    let ec2 = v.scaling.launch_type == LaunchType::Ec2;
    let minutes = (v.horizon() / 60).max(1) as f64;
    let charts = if ec2 && area.height >= 21 { 3 } else { 2 };
    let rows: Vec<Constraint> = (0..charts).map(|_| Constraint::Ratio(1, charts)).collect();
    let areas = Layout::vertical(rows).split(area);
    let metric = v.scaling.metric.unwrap_or_default();
    let target = v.scaling.target;
    let at = |s: &MinuteSample| f64::from(s.minute);
    // Chart 1: the metric against the target, alarms marked where they were in ALARM.
    let value = |s: &MinuteSample| {
        s.policies
            .first()
            .and_then(|p| p.value)
            .or(s.metrics.get(metric))
            .unwrap_or(0.0)
    };
    let metric_pts: Vec<(f64, f64)> = samples.iter().map(|s| (at(s), value(s))).collect();
    let target_pts = vec![(0.0, target), (minutes, target)];
    let marked = |f: &dyn Fn(&MinuteSample) -> bool| -> Vec<(f64, f64)> {
        samples
            .iter()
            .filter(|s| f(s))
            .map(|s| (at(s), value(s)))
            .collect()
    };
    let high = marked(&|s| s.policies.iter().any(|p| p.high_alarm));
    let low = marked(&|s| s.policies.iter().any(|p| p.low_alarm));
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
    let m = |i: usize| MARKS[i].1;
    let sets = vec![
        set(m(0), GraphType::Line, th.accent, &metric_pts),
        set(m(1), GraphType::Line, th.dim, &target_pts),
        set(m(2), GraphType::Scatter, th.wrong, &high),
        set(m(3), GraphType::Scatter, th.new, &low),
        set(m(4), GraphType::Scatter, th.almost, &sched),
    ];
    let mut legend = vec![
        (format!(" {} ", metric_word(metric)), th.title),
        mark(m(0), "value", th.accent),
        mark(m(1), &format!("target {}", num(target)), th.dim),
        mark(m(2), "high alarm", th.wrong),
        mark(m(3), "low alarm", th.new),
    ];
    if !sched.is_empty() {
        legend.push(mark(m(4), "scheduled", th.almost));
    }
    chart(th, frame, areas[0], legend, sets, minutes, ymax);

    // Chart 2: tasks (and instances), cooldowns marked along the bottom.
    let series = |f: fn(&MinuteSample) -> u32| -> Vec<(f64, f64)> {
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
        .chain(if ec2 { instances.as_slice() } else { &[] })
        .map(|p| p.1)
        .fold(4.0, f64::max)
        + 1.0;
    let mut sets = vec![
        set(m(0), GraphType::Line, th.accent, &desired),
        set(m(1), GraphType::Line, th.new_task, &running),
        set(m(5), GraphType::Scatter, th.learning, &pending),
        set(m(6), GraphType::Scatter, th.dim, &cooldown),
    ];
    let mut legend = vec![
        (" Tasks ".to_string(), th.title),
        mark(m(0), "desired", th.accent),
        mark(m(1), "running", th.new_task),
        mark(m(5), "pending", th.learning),
        mark(m(6), "cooldown", th.dim),
    ];
    if ec2 {
        sets.push(set(m(7), GraphType::Line, th.old_task, &instances));
        legend.push(mark(m(7), "instances", th.old_task));
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
            set(m(0), GraphType::Line, th.accent, &cpr),
            set(m(1), GraphType::Line, th.dim, &tc_pts),
        ];
        let legend = vec![
            (" Capacity provider ".to_string(), th.title),
            mark(m(0), "CapacityProviderReservation %", th.accent),
            mark(m(1), &format!("target capacity {}", num(tc)), th.dim),
        ];
        chart(th, frame, areas[2], legend, sets, minutes, ymax);
    }
}

/// A chart over simulated minutes; the legend is the title.
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
