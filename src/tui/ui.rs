//! Drawing the whole app: header, the screen, the footer hints, overlays on top, or the
//! "terminal too small" notice.

use ratatui::Frame;

use crate::tui::widgets::pad;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::app::{App, Screen};
use super::keymap::{Ctx, keys_label};
use super::overlay::Overlay;
use super::screens::{
    answers, browser, exam, exam_report, home, plan, quiz_setup, stats, study, summary,
    visual_legend, visual_view,
};
use super::view::View;
use super::widgets::panel::Panel;
use super::widgets::scroll::Scroll;
use super::widgets::text::{entry_rows, fit, fit_all, hanging, truncate};
use super::widgets::{diagram_rows, diagram_title};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Draw everything.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    app.drawn_at(area.width, area.height);
    let view = app.view();
    // The theme's own background (light) under everything.
    frame.render_widget(Block::new().style(view.theme.base), area);
    app.hits.clear();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(&view, frame, area);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, &view, frame, header);
    match &app.screen {
        Screen::Home => home::render(&view, &app.home, app.problem_count(), frame, body),
        Screen::Study(s) => study::render(&view, s, frame, body),
        Screen::Summary(s) => summary::render(&view, s, frame, body),
        Screen::Answers(a) => answers::render(&view, a, frame, body),
        Screen::Visual { visual, .. } => visual_view::render(&view, visual, frame, body),
        Screen::Exam(e) => exam::render(&view, e, frame, body),
        Screen::ExamReport(r) => exam_report::render(&view, r, frame, body),
        Screen::Stats(s) => stats::render(&view, s, frame, body),
        Screen::Browser { browser, .. } => {
            browser::render(&view, browser, app.home.overview.progress(), frame, body)
        }
    }
    render_footer(app, &view, frame, footer);
    if let Some(overlay) = app.overlays.last() {
        // The window takes the clicks over the screen under it, and the screen steps back
        // (dimmed, in colour; a full-screen diagram covers it anyway).
        view.hits.cover(body);
        if !matches!(overlay, Overlay::Zoom { .. }) {
            frame.buffer_mut().set_style(body, view.theme.backdrop);
        }
        render_overlay(app, &view, overlay, frame, body);
    }
}

fn too_small(view: &View, frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})",
        area.width, area.height
    );
    let width = area.width as usize;
    let lines: Vec<Line> = super::widgets::text::wrap(&text, width)
        .into_iter()
        .map(|l| Line::styled(l, view.theme.error))
        .collect();
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    let rect = Rect {
        x: area.x,
        y,
        width: area.width,
        height: h,
    };
    frame.render_widget(
        Paragraph::new(lines).alignment(ratatui::layout::HorizontalAlignment::Center),
        rect,
    );
}

fn render_header(app: &App, view: &View, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let screen = match &app.screen {
        Screen::Home => "Home",
        Screen::Study(_) => "Study",
        Screen::Summary(_) => "Summary",
        Screen::Answers(_) => "Answers",
        Screen::Visual { .. } => "Visualiser",
        Screen::Exam(_) => "Mock exam",
        Screen::ExamReport(_) => "Exam report",
        Screen::Stats(_) => "Statistics",
        Screen::Browser { .. } => "Cards",
    };
    let cards: usize = app.cat.packs().iter().map(|p| p.cards.len()).sum();
    let packs = app.cat.packs().len();
    let right = format!(
        "{packs} pack{} · {cards} card{} ",
        if packs == 1 { "" } else { "s" },
        if cards == 1 { "" } else { "s" }
    );
    let left = vec![
        Span::styled(" deckhand ", th.accent),
        Span::styled(format!("· {screen}"), th.dim),
    ];
    let left_w: usize = left.iter().map(|s| s.content.width()).sum();
    let pad = (area.width as usize).saturating_sub(left_w + right.width());
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(right, th.dim));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_footer(app: &App, view: &View, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    if let Some(toast) = &app.toast {
        let style = if toast.error { th.error } else { th.accent };
        frame.render_widget(
            Paragraph::new(Line::styled(
                truncate(&format!(" {}", toast.text), area.width as usize),
                style,
            )),
            area,
        );
        return;
    }
    let contexts = app.contexts();
    let taken = app.taken_keys(false);
    let mut hints: Vec<(String, &str, Option<Action>)> = Vec::new();
    if !taken.letters.is_empty() {
        // Both cases of each letter are taken.
        let last = crate::quiz::letter(taken.letters.len() / 2 - 1).to_ascii_lowercase();
        hints.push((format!("a-{last}"), "choose", None));
    }
    hints.extend(
        app.keymap
            .footer(&contexts, &|k| taken.contains(k))
            .into_iter()
            .map(|(k, d, a)| (k, d, Some(a))),
    );
    // Help comes last and always shows; the others show while they fit, in table order.
    let help = hints
        .iter()
        .position(|(_, d, _)| *d == "help")
        .map(|i| hints.remove(i));
    let width = |(key, desc, _): &(String, &str, Option<Action>)| key.width() + 1 + desc.width();
    let sep = 3; // " · "
    let mut room = (area.width as usize).saturating_sub(1);
    if let Some(h) = &help {
        room = room.saturating_sub(width(h));
    }
    let mut shown = Vec::new();
    for hint in hints {
        let w = width(&hint) + sep;
        if w > room {
            break;
        }
        room -= w;
        shown.push(hint);
    }
    shown.extend(help);
    // Each hint is a button: a click does what its key does.
    let mut spans = vec![Span::raw(" ")];
    let mut x = area.x + 1;
    for (i, (key, desc, action)) in shown.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", th.dim));
            x += 3;
        }
        let w = (key.width() + 1 + desc.width()) as u16;
        if let Some(action) = action {
            view.hits.click(Rect::new(x, area.y, w, 1), action);
        }
        x += w;
        spans.push(Span::styled(key, th.key));
        spans.push(Span::styled(format!(" {desc}"), th.dim));
    }
    frame.render_widget(
        Paragraph::new(fit(Line::from(spans), area.width as usize)),
        area,
    );
}

/// Blank `rect` for a window on top: the theme's background, nothing of what was under it.
fn clear(view: &View, frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    frame.render_widget(Block::new().style(view.theme.base), rect);
}

/// A centred rectangle of at most `w`×`h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn render_overlay(app: &App, view: &View, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    match overlay {
        Overlay::ExamSetup(setup) => {
            let lines = exam::setup_lines(view, setup);
            let rect = centered(area, 72, lines.len() as u16 + 2);
            popup(view, frame, rect, " Mock exam ", lines, None, false);
        }
        Overlay::ExamMap(map) => {
            if let Screen::Exam(e) = &app.screen
                && let Some(m) = exam::map_lines(view, &e.session, map, area)
            {
                let rect = centered(area, 100, m.lines.len() as u16 + 2);
                let th = view.theme;
                clear(view, frame, rect);
                view.hits.wheel(rect, Action::Up, Action::Down);
                let block = Panel::new(
                    vec![Span::styled(format!(" {} ", m.title.trim()), th.title)],
                    th.border_focus,
                )
                .scrolled(
                    m.above,
                    m.below,
                    th.accent,
                    &view.key(Ctx::ExamMap, Action::Up),
                    &view.key(Ctx::ExamMap, Action::Down),
                )
                .block(rect.width);
                let inner = pad(block.inner(rect));
                frame.render_widget(block, rect);
                frame.render_widget(Paragraph::new(m.lines), inner);
            }
        }
        Overlay::Confirm(c) => {
            let mut lines: Vec<Line> = c
                .lines
                .iter()
                .map(|l| Line::styled(l.clone(), th.text))
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled(view.key(Ctx::Confirm, Action::Confirm), th.key),
                Span::styled(" yes   ", th.text),
                Span::styled(view.key(Ctx::Confirm, Action::Cancel), th.key),
                Span::styled(" no", th.text),
            ]));
            let width = lines
                .iter()
                .map(|l| l.width())
                .max()
                .unwrap_or(0)
                .max(c.title.len()) as u16
                + 6;
            let rect = centered(area, width.max(40), lines.len() as u16 + 2);
            popup(
                view,
                frame,
                rect,
                &format!(" {} ", c.title),
                lines,
                None,
                false,
            );
        }
        Overlay::PlanForm(form) => {
            let lines = plan::form_lines(view, form);
            let rect = centered(area, 70, lines.len() as u16 + 2);
            popup(
                view,
                frame,
                rect,
                " Exam date and plan ",
                lines,
                None,
                false,
            );
        }
        Overlay::StudyMore(more) => {
            let exam_date = app.home.plans.iter().any(|p| p.pack == more.pack);
            let lines = plan::study_more_lines(view, more, exam_date);
            let rect = centered(area, 72, lines.len() as u16 + 2);
            popup(view, frame, rect, " Study more today ", lines, None, false);
        }
        Overlay::Help { scroll } => {
            let rect = centered(area, 72, area.height);
            let contexts = app.contexts_below_overlays();
            let taken = app.taken_keys(true);
            let letters = !taken.letters.is_empty();
            let taken = |k: &super::keymap::Key| taken.contains(k);
            let mut lines = Vec::new();
            if letters {
                lines.push(Line::styled("Options", th.title));
                lines.extend(hanging(
                    vec![Span::styled(format!("  {:<32}", "a, b, c, …"), th.key)],
                    "choose that option (letters win over the keys below)",
                    th.text,
                    rect.width.saturating_sub(4) as usize,
                ));
                lines.push(Line::raw(""));
            }
            let width = rect.width.saturating_sub(4) as usize;
            for (ctx, rows) in app.keymap.help(&contexts, &taken) {
                lines.push(Line::from(vec![
                    Span::styled(ctx.heading(), th.title),
                    Span::styled(format!("  [keys.{}]", ctx.name()), th.dim),
                ]));
                for row in rows {
                    lines.extend(hanging(
                        vec![
                            Span::styled(format!("  {:<16}", row.keys), th.key),
                            Span::styled(format!("{:<16}", row.action.name()), th.dim),
                        ],
                        row.description,
                        th.text,
                        width,
                    ));
                }
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(
                "Change a key in config.toml: [keys.<context>] <action> = \"key\".",
                th.dim,
            ));
            let mut title = " Keys on this screen ";
            if let Screen::Visual { visual, .. } = &app.screen {
                lines.push(Line::raw(""));
                let width = rect.width.saturating_sub(4) as usize;
                lines.extend(visual_legend::help_lines(visual, th, width));
                title = " Keys and legend ";
            }
            popup(view, frame, rect, title, lines, Some(scroll), false);
        }
        Overlay::Popup {
            title,
            lines,
            scroll,
            error,
            ..
        } => {
            // Drawn lazily: only the lines in view are wrapped and styled, so a popup of
            // thousands of problems costs no more per key than a short one.
            let width = lines
                .iter()
                .take(POPUP_WIDTH_SAMPLE)
                .map(|l| l.width())
                .max()
                .unwrap_or(0)
                .max(title.width())
                .min(usize::from(u16::MAX - 4)) as u16
                + 4;
            let width = width.clamp(40, area.width);
            let inner_w = width.saturating_sub(4) as usize;
            let rows = |l: &String| entry_rows(l, inner_w);
            // As tall as its wrapped rows, up to the screen.
            let room = usize::from(area.height.saturating_sub(2));
            let mut tall = 0;
            for l in lines {
                if tall >= room {
                    break;
                }
                tall += rows(l).len();
            }
            let height = u16::try_from(tall).unwrap_or(u16::MAX).saturating_add(2);
            let rect = centered(area, width, height);
            let inner_h = usize::from(rect.height.saturating_sub(2));
            // The first line of the last window, the one that shows the end: found from
            // the end (a line taller than the window shows from its start).
            let mut last = lines.len();
            let mut below = 0;
            while last > 0 {
                let n = rows(&lines[last - 1]).len();
                if below + n > inner_h {
                    break;
                }
                below += n;
                last -= 1;
            }
            let last = last.min(lines.len().saturating_sub(1));
            let first = usize::from(scroll.drawn(u16::try_from(last).unwrap_or(u16::MAX)));
            let mut styled: Vec<Line> = Vec::with_capacity(inner_h);
            for l in &lines[first..] {
                if styled.len() >= inner_h {
                    break;
                }
                styled.extend(rows(l).into_iter().map(|r| Line::styled(r, th.text)));
            }
            let marks = (first > 0, first < last);
            let title = format!(" {title} ");
            popup_window(view, frame, rect, &title, styled, marks, *error);
        }
        Overlay::QuizSetup(setup) => {
            let rect = centered(area, quiz_setup::WIDTH, quiz_setup::ROWS + 2);
            let text = pad(Block::bordered().inner(rect));
            let lines = quiz_setup::lines(view, setup, text.width as usize);
            popup(view, frame, rect, " Quiz ", lines, None, false);
            quiz_setup::clicks(view, setup, text);
        }
        Overlay::Updates(updates) => {
            let list_key = app
                .keymap
                .active(&[Ctx::Updates], &|_| false)
                .into_iter()
                .find(|b| b.action == Action::ListChanges)
                .map(|b| keys_label(&b.keys[..1]));
            let lines = updates.lines(list_key.as_deref());
            let width = lines.iter().map(|l| l.width()).max().unwrap_or(0) as u16 + 4;
            let width = width.clamp(40, area.width);
            let inner_w = width.saturating_sub(4) as usize;
            // The notice is as tall as its wrapped rows (a long entry takes two or three).
            let rows = updates.rows(list_key.as_deref(), inner_w);
            let height = u16::try_from(rows.len())
                .unwrap_or(u16::MAX)
                .saturating_add(2);
            let rect = centered(area, width, height);
            let styled: Vec<Line> = rows.into_iter().map(|r| Line::styled(r, th.text)).collect();
            popup(
                view,
                frame,
                rect,
                " Pack updates ",
                styled,
                Some(&updates.scroll),
                false,
            );
        }
        Overlay::Zoom { item, x, y } => {
            let c = view.cat.card(*item);
            let Some(d) = c
                .diagram
                .as_deref()
                .and_then(|d| view.cat.pack(*item).diagram(d))
            else {
                return;
            };
            clear(view, frame, area);
            let inner = Block::bordered().inner(area);
            let rows = d.art.lines().count() as u16;
            let cols = d.art.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as u16;
            let y = (*y).min(rows.saturating_sub(inner.height));
            let x = (*x).min(cols.saturating_sub(inner.width));
            let block = Panel::new(
                vec![Span::styled(diagram_title(d), th.title)],
                th.border_focus,
            )
            .scrolled_to(
                view,
                Ctx::Zoom,
                (Action::Up, Action::Down),
                y as usize,
                rows.saturating_sub(inner.height) as usize,
            );
            let block = if cols > inner.width {
                let sideways = format!(
                    " {} {} more ",
                    view.key(Ctx::Zoom, Action::Left),
                    view.key(Ctx::Zoom, Action::Right)
                );
                Panel {
                    note: Some(Span::styled(sideways, th.accent)),
                    ..block
                }
            } else {
                block
            };
            frame.render_widget(block.block(area.width), area);
            view.hits.wheel(area, Action::Up, Action::Down);
            let art = diagram_rows(d, x as usize, y as usize, inner.width as usize, th.diagram);
            frame.render_widget(Paragraph::new(art), inner);
        }
    }
}

/// How many lines of a popup are measured to choose its width.
const POPUP_WIDTH_SAMPLE: usize = 2_000;

/// A popup of `lines`, scrolled by `scroll` (the popups that never scroll have none).
fn popup(
    view: &View,
    frame: &mut Frame,
    rect: Rect,
    title: &str,
    lines: Vec<Line>,
    scroll: Option<&Scroll>,
    error: bool,
) {
    let inner = Block::bordered().inner(rect);
    let last = (lines.len() as u16).saturating_sub(inner.height);
    let at = scroll.map_or(0, |s| s.drawn(last));
    let shown: Vec<Line> = lines.into_iter().skip(at.into()).collect();
    popup_window(view, frame, rect, title, shown, (at > 0, at < last), error);
}

/// A popup showing `lines` from its first row, marked where it goes on `(above, below)`.
fn popup_window(
    view: &View,
    frame: &mut Frame,
    rect: Rect,
    title: &str,
    lines: Vec<Line>,
    (above, below): (bool, bool),
    error: bool,
) {
    let th = view.theme;
    clear(view, frame, rect);
    view.hits.wheel(rect, Action::Up, Action::Down);
    let inner = Block::bordered().inner(rect);
    let block = Panel::new(
        vec![Span::styled(
            title.to_string(),
            if error { th.error } else { th.title },
        )],
        if error { th.error } else { th.border_focus },
    )
    .scrolled(
        above,
        below,
        th.accent,
        &view.key(Ctx::Popup, Action::Up),
        &view.key(Ctx::Popup, Action::Down),
    )
    .block(rect.width);
    frame.render_widget(block, rect);
    // A row wider than the window (a narrow screen) ends in `…`.
    let inner = pad(inner);
    let lines = fit_all(lines, inner.width);
    frame.render_widget(Paragraph::new(lines), inner);
}
