//! The statistics screen, drawn from [`crate::stats::Stats`] with ratatui's charts, in
//! three pages: activity (today, reviews per day over 30, 90 or 365 days, the calendar
//! heatmap of the last year), memory (the forecast, true retention, the stability and
//! difficulty distributions, leeches), and topics and exams (mastery per topic, the mock
//! exam score trend).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, Block, Chart, Dataset, GraphType, Paragraph};

use crate::plan::percent;
use crate::stats::{Bucket, Day, Rate, Stats};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::theme::Theme;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::panel::Panel;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::text::{fit, fit_all, truncate};

/// The pages of the screen.
pub const PAGES: [&str; 3] = ["Activity", "Memory", "Topics and exams"];
/// The ranges of the reviews-per-day chart, in days.
pub const RANGES: [usize; 3] = [30, 90, 365];

/// The statistics screen's state.
#[derive(Debug)]
pub struct StatsScreen {
    pub stats: Stats,
    pub page: usize,
    /// Index into [`RANGES`].
    pub range: usize,
    /// The first topic shown on the topics page (Up and Down scroll it, up to the last
    /// position that shows the last topic as of the last draw).
    pub scroll: Scroll,
}

impl StatsScreen {
    pub fn new(stats: Stats) -> StatsScreen {
        StatsScreen {
            stats,
            page: 0,
            range: 0,
            scroll: Scroll::default(),
        }
    }
}

/// Draw the screen.
pub fn render(view: &View, screen: &StatsScreen, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(4)]).areas(area);
    let mut spans = vec![Span::raw(" ")];
    for (i, name) in PAGES.iter().enumerate() {
        let style = if i == screen.page {
            th.selected
        } else {
            th.dim
        };
        spans.push(Span::styled(format!(" {} {name} ", i + 1), style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(
        format!("{} next page", view.key(Ctx::Stats, Action::NextPage)),
        th.dim,
    ));
    frame.render_widget(
        Paragraph::new(fit(Line::from(spans), tabs.width as usize)),
        tabs,
    );
    match screen.page {
        0 => activity(view, screen, frame, body),
        1 => memory(view, &screen.stats, frame, body),
        _ => topics(view, screen, frame, body),
    }
}

fn panel<'a>(th: &Theme, title: String, area: Rect) -> Block<'a> {
    Panel::new(
        vec![Span::styled(format!(" {title} "), th.title)],
        th.border,
    )
    .block(area.width)
}

fn activity(view: &View, screen: &StatsScreen, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let s = &screen.stats;
    let heat_h = 9u16.min(area.height.saturating_sub(8));
    let [today, bars, heat] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Min(4),
        Constraint::Length(heat_h),
    ])
    .areas(area);
    let t = &s.today;
    let right = t.right_share.map_or("–".to_string(), percent);
    let lines = vec![
        Line::from(vec![
            Span::styled("today ", th.dim),
            Span::styled(format!("{} cards, {} answers", t.cards, t.answers), th.text),
            Span::styled(" · right ", th.dim),
            Span::styled(right, th.text),
            Span::styled(" · ", th.dim),
            Span::styled(format!("{:.0} min", t.minutes), th.text),
        ]),
        Line::from(vec![
            Span::styled("streak ", th.dim),
            Span::styled(plural(s.streak.current, "day"), th.text),
            Span::styled(format!(" (longest {})", s.streak.longest), th.dim),
            Span::styled(" · all time ", th.dim),
            Span::styled(
                format!(
                    "{} answers, {:.1} h on {}",
                    s.total.answers,
                    s.total.minutes / 60.0,
                    plural(s.total.days_studied, "day")
                ),
                th.text,
            ),
        ]),
    ];
    let block = panel(th, "Today".into(), today);
    let inner = block.inner(today);
    frame.render_widget(block, today);
    frame.render_widget(Paragraph::new(lines), pad(inner));

    let days = s.last_days(RANGES[screen.range]);
    let block = panel(
        th,
        format!(
            "Reviews per day · last {} days · {} changes",
            days.len(),
            view.key(Ctx::Stats, Action::CycleRange)
        ),
        bars,
    );
    let inner = block.inner(bars);
    frame.render_widget(block, bars);
    day_bars(th, days, frame, pad(inner));
    if heat.height >= 4 {
        heatmap(view, s, frame, heat);
    }
}

/// Bars of answers per day, several days to a bar when they do not fit one a column.
fn day_bars(th: &Theme, days: &[Day], frame: &mut Frame, area: Rect) {
    if area.width < 4 || area.height < 2 || days.is_empty() {
        return;
    }
    let max_bars = area.width as usize;
    let per_bar = days.len().div_ceil(max_bars).max(1);
    let bars: Vec<Bar> = days
        .chunks(per_bar)
        .map(|c| {
            Bar::new(u64::from(c.iter().map(|d| d.answers).sum::<u32>())).text_value(String::new())
        })
        .collect();
    let n = bars.len() as u16;
    let width = (area.width / n.max(1)).clamp(1, 3);
    let gap = u16::from(width > 1 && (width + 1) * n <= area.width);
    let peak = days
        .chunks(per_bar)
        .map(|c| c.iter().map(|d| d.answers).sum::<u32>())
        .max()
        .unwrap_or(0);
    let [chart, legend] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        BarChart::vertical(bars)
            .bar_width(width)
            .bar_gap(gap)
            .bar_style(th.gauge),
        chart,
    );
    // `MM-DD` of the first and last day.
    let short = |d: Option<&Day>| {
        d.map_or("", |d| d.date.get(5..).unwrap_or(&d.date))
            .to_string()
    };
    let (first, last) = (short(days.first()), short(days.last()));
    let per = if per_bar > 1 {
        format!(" · {per_bar} days a bar")
    } else {
        String::new()
    };
    frame.render_widget(
        Paragraph::new(fit(
            Line::styled(format!("{first} … {last} · most {peak}{per}"), th.dim),
            legend.width as usize,
        )),
        legend,
    );
}

/// The last year as a calendar: a column a week, a row a weekday, shaded by answers.
fn heatmap(view: &View, s: &Stats, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let block = panel(th, "The last year".into(), area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = pad(inner);
    let weeks = (inner.width.saturating_sub(4) as usize).min(53);
    let rows = (inner.height as usize).min(7);
    if weeks == 0 || rows == 0 {
        return;
    }
    // Align to weekdays: the last column ends today.
    let today = chrono::NaiveDate::parse_from_str(&s.today.date, "%Y-%m-%d").ok();
    let weekday = today.map_or(6, |d| {
        chrono::Datelike::weekday(&d).num_days_from_monday() as usize
    });
    let max = s.days.iter().map(|d| d.answers).max().unwrap_or(0).max(1);
    let shade = |n: u32| -> (&'static str, Style) {
        if n == 0 {
            ("·", th.dim)
        } else {
            match n * 4 / max {
                0 => ("░", th.gauge),
                1 => ("▒", th.gauge),
                2 => ("▓", th.gauge),
                _ => ("█", th.gauge),
            }
        }
    };
    let names = ["Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun"];
    let total = s.days.len();
    let mut lines = Vec::new();
    for (r, name) in names.iter().enumerate().take(rows) {
        let mut spans = vec![Span::styled(format!("{name} "), th.dim)];
        for w in 0..weeks {
            // Days back from today of (week w from the left, weekday r).
            let back = (weeks - 1 - w) * 7 + weekday;
            let Some(back) = back.checked_sub(r) else {
                spans.push(Span::raw(" "));
                continue;
            };
            match total.checked_sub(1 + back).and_then(|i| s.days.get(i)) {
                Some(d) => {
                    let (c, st) = shade(d.answers);
                    spans.push(Span::styled(c, st));
                }
                None => spans.push(Span::raw(" ")),
            }
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn memory(view: &View, s: &Stats, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let [forecast, retention] =
        Layout::horizontal([Constraint::Min(30), Constraint::Length(44)]).areas(top);
    let block = panel(th, "Due in the next 30 days".into(), forecast);
    let inner = block.inner(forecast);
    frame.render_widget(block, forecast);
    let due: Vec<Day> = s
        .forecast
        .iter()
        .map(|f| Day {
            date: f.date.clone(),
            answers: f.due,
            new: 0,
            learning: 0,
            review: 0,
            right: 0,
            minutes: 0.0,
        })
        .collect();
    day_bars(th, &due, frame, pad(inner));

    let block = panel(th, "True retention".into(), retention);
    let inner = block.inner(retention);
    frame.render_widget(block, retention);
    let rate = |r: &Rate| match r.share {
        Some(x) => format!("{:>5} of {:<4}", percent(x), r.passed + r.failed),
        None => format!("{:>5}{:8}", "–", ""),
    };
    let mut lines = vec![Line::styled(
        format!("{:<9}{:<14}{:<14}", "", "young", "mature"),
        th.dim,
    )];
    for (label, w) in [
        ("7 days", &s.retention.days_7),
        ("30 days", &s.retention.days_30),
        ("365 days", &s.retention.days_365),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<9}"), th.dim),
            Span::styled(rate(&w.young), th.text),
            Span::raw(" "),
            Span::styled(rate(&w.mature), th.text),
        ]));
    }
    let c = &s.cards;
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "{} cards: {} known, {} learning, {} new",
            c.total, c.known, c.learning, c.new
        ),
        th.dim,
    ));
    lines.push(Line::styled(
        format!("{} suspended · {}", c.suspended, plural(c.leeches, "leech")),
        th.dim,
    ));
    // A narrow screen leaves the panel less than its 44 columns: rows end in `…`.
    let inner = pad(inner);
    let lines = fit_all(lines, inner.width);
    frame.render_widget(Paragraph::new(lines), inner);

    let [stab, diff] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    buckets(th, "Stability (days)", &s.stability, frame, stab);
    buckets(th, "Difficulty", &s.difficulty, frame, diff);
}

/// A distribution as labelled bars.
fn buckets(th: &Theme, title: &str, b: &[Bucket], frame: &mut Frame, area: Rect) {
    let block = panel(th, title.to_string(), area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let n = b.len().max(1) as u16;
    let width = (inner.width.saturating_sub(2) / n)
        .saturating_sub(1)
        .clamp(1, 6);
    let label = |x: f64| {
        if x >= 1000.0 {
            format!("{:.0}k", x / 1000.0)
        } else {
            format!("{x:.0}")
        }
    };
    let bars: Vec<Bar> = b
        .iter()
        .map(|x| {
            let text = if width >= 3 {
                label(x.from)
            } else {
                String::new()
            };
            Bar::with_label(text, u64::from(x.count)).text_value(if width >= 3 && x.count > 0 {
                x.count.to_string()
            } else {
                String::new()
            })
        })
        .collect();
    frame.render_widget(
        BarChart::vertical(bars)
            .bar_width(width)
            .bar_gap(1)
            .bar_style(th.gauge)
            .value_style(th.gauge.add_modifier(Modifier::REVERSED))
            .label_style(th.dim),
        pad(inner),
    );
}

fn topics(view: &View, screen: &StatsScreen, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let s = &screen.stats;
    let chart_h = if s.exams.is_empty() {
        4
    } else {
        9u16.min(area.height / 2)
    };
    let [list, exams] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(chart_h)]).areas(area);
    // The rows under the header line, less the leeches' two, scrolled by Up and Down.
    let room = list.height.saturating_sub(3) as usize;
    let leech_rows = if s.leeches.is_empty() { 0 } else { 2.min(room) };
    let room = room - leech_rows;
    let max = s.topics.len().saturating_sub(room);
    let first = screen.scroll.drawn(max as u16) as usize;
    let block = Panel::new(
        vec![Span::styled(" Mastery by topic ", th.title)],
        th.border,
    )
    .scrolled_to(view, Ctx::Stats, (Action::Up, Action::Down), first, max)
    .block(list.width);
    let inner = pad(block.inner(list));
    frame.render_widget(block, list);
    view.hits.wheel(list, Action::Up, Action::Down);
    let exam = s.topics.iter().any(|t| t.recall_at_exam.is_some());
    // A space, the bar, " cards  known  recall" and "  at exam".
    let tail = if exam { 1 + 21 + 9 } else { 1 + 21 };
    let bar_w = 16usize;
    let name_w = (inner.width as usize).saturating_sub(bar_w + tail).max(8);
    let mut lines = vec![Line::styled(
        format!(
            "{:<name_w$} {:<bar_w$} {:>5} {:>6} {:>7}{}",
            "",
            "known/learn/new",
            "cards",
            "known",
            "recall",
            if exam { "  at exam" } else { "" }
        ),
        th.dim,
    )];
    for t in s.topics.iter().skip(first).take(room) {
        let n = t.cards.max(1) as usize;
        let k = t.known as usize * bar_w / n;
        let l = (t.learning as usize * bar_w / n).min(bar_w - k);
        let mut spans = vec![
            Span::styled(format!("{:<name_w$} ", truncate(&t.title, name_w)), th.text),
            Span::styled("█".repeat(k), th.right),
            Span::styled("▓".repeat(l), th.learning),
            Span::styled("░".repeat(bar_w - k - l), th.dim),
            Span::styled(
                format!(
                    " {:>5} {:>6} {:>7}",
                    t.cards,
                    t.known,
                    t.recall_now.map_or("–".to_string(), percent)
                ),
                th.text,
            ),
        ];
        if exam {
            spans.push(Span::styled(
                format!("  {:>7}", t.recall_at_exam.map_or("–".to_string(), percent)),
                th.accent,
            ));
        }
        lines.push(Line::from(spans));
    }
    if leech_rows > 0 {
        lines.push(Line::raw(""));
        let names: Vec<String> = s
            .leeches
            .iter()
            .map(|l| format!("{} ({} lapses)", l.item, l.lapses))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("Leeches  ", th.error),
            Span::styled(
                truncate(&names.join(" · "), (inner.width as usize).saturating_sub(9)),
                th.text,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let block = panel(th, "Mock exam scores".into(), exams);
    let inner = pad(block.inner(exams));
    frame.render_widget(block, exams);
    if s.exams.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "No mock exam yet: {} on Home starts one.",
                    view.key(Ctx::Home, Action::OpenExam)
                ),
                th.dim,
            )),
            inner,
        );
        return;
    }
    let scores: Vec<(f64, f64)> = s
        .exams
        .iter()
        .enumerate()
        .map(|(i, e)| (i as f64 + 1.0, f64::from(e.score)))
        .collect();
    let pass = f64::from(s.exams.last().map_or(720, |e| e.pass_mark));
    let n = scores.len() as f64;
    let pass_line = [(1.0, pass), (n.max(2.0), pass)];
    let last = s.exams.last().map_or(String::new(), |e| {
        format!(
            "last {} ({}) on {}",
            e.score,
            if e.passed { "pass" } else { "fail" },
            e.date
        )
    });
    let chart = Chart::new(vec![
        Dataset::default()
            .name(format!("pass mark {pass:.0}"))
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(th.dim)
            .data(&pass_line),
        Dataset::default()
            .name("score")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(th.accent)
            .data(&scores),
        // Each exam as a point, so that one exam alone shows too.
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter)
            .style(th.accent)
            .data(&scores),
    ])
    .x_axis(
        Axis::default()
            .bounds([1.0, n.max(2.0)])
            .labels(vec![
                Line::styled("first", th.dim),
                Line::styled(last, th.dim),
            ])
            .style(th.dim),
    )
    .y_axis(
        Axis::default()
            .bounds([100.0, 1000.0])
            .labels(vec![
                Line::styled("100", th.dim),
                Line::styled("550", th.dim),
                Line::styled("1000", th.dim),
            ])
            .style(th.dim),
    );
    frame.render_widget(chart, inner);
}

fn plural(n: u32, one: &str) -> String {
    let many = if one.ends_with('h') { "es" } else { "s" };
    format!("{n} {one}{}", if n == 1 { "" } else { many })
}
