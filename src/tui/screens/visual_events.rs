//! The visualiser's event log: whole events, newest last, with the time of each; PgUp and
//! PgDn move through older ones.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::visual::Visual;
use crate::sim::clock;
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::view::View;
use crate::tui::widgets::pad;
use crate::tui::widgets::text::{fit, hanging};

/// Draw the events panel in `area`.
pub fn render(view: &View, v: &Visual, frame: &mut Frame, area: Rect) {
    let th = view.theme;
    let events = v.sim.events();
    let title = if v.log_back > 0 {
        let newer = view.key(Ctx::Visual, Action::PageDown);
        format!(" Events · {} back · {newer} newer ", v.log_back)
    } else {
        let older = view.key(Ctx::Visual, Action::PageUp);
        format!(" Events (newest last) · {older} older ")
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Line::styled(title, th.title));
    let inner = pad(block.inner(area));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let height = inner.height as usize;
    // Whole events, newest last: an older event that does not fit above the newer ones is
    // left out (PgUp shows it), never shown from the middle. The newest alone taller than
    // the panel shows its start, its last row ending in `…`.
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    let mut used = 0;
    let end = events.len().saturating_sub(v.log_back);
    for e in events[..end].iter().rev() {
        let style = if e.is_decision() { th.text } else { th.dim };
        let mut block_rows = hanging(
            vec![Span::styled(format!("{} ", clock(e.t)), th.accent)],
            &e.message(),
            style,
            width,
        );
        if used + block_rows.len() > height {
            if blocks.is_empty() && height > 0 {
                let rest = block_rows.split_off(height);
                if let (Some(last), Some(next)) = (block_rows.last_mut(), rest.first()) {
                    // One column wider than fits, so `fit` ends the row in `…`.
                    last.spans.push(Span::raw(" "));
                    last.spans.extend(next.spans.iter().skip(1).cloned());
                    *last = fit(last.clone(), width);
                }
                blocks.push(block_rows);
            }
            break;
        }
        used += block_rows.len();
        blocks.push(block_rows);
    }
    let mut rows: Vec<Line> = blocks.into_iter().rev().flatten().collect();
    if rows.is_empty() {
        rows.push(Line::styled("Nothing has happened yet.", th.dim));
    }
    frame.render_widget(Paragraph::new(rows), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Theme;

    /// The events panel at `w`x`h` (borders included) after `secs` of the seed example.
    fn events_panel(secs: u64, w: u16, h: u16) -> Vec<String> {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let mut v = Visual::new();
        v.sim.run_until(secs);
        let cat = crate::study::Catalog::new(crate::content::Library::default());
        let theme = Theme::new(crate::config::ThemeName::Dark, false);
        let keymap = crate::tui::keymap::Keymap::default();
        let hits = crate::tui::mouse::Hits::default();
        let view = View {
            cat: &cat,
            theme: &theme,
            keymap: &keymap,
            now: chrono::DateTime::UNIX_EPOCH,
            utc_offset: 0,
            hits: &hits,
            links: false,
        };
        let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        term.draw(|f| render(&view, &v, f, f.area())).expect("draw");
        let buf = term.backend().buffer();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn a_newest_event_taller_than_the_panel_shows_its_start_and_ends_in_an_ellipsis() {
        // Two rows of 20 columns: every event of the seed example takes three or more.
        let rows = events_panel(120, 24, 4);
        assert!(
            rows[1].starts_with("│ ") && rows[1][4..].starts_with(|c: char| c.is_ascii_digit()),
            "{rows:#?}"
        );
        assert!(
            rows[2].trim_end_matches('│').trim_end().ends_with('…'),
            "{rows:#?}"
        );
        // Wider, several whole events: the first row is an event's first.
        let rows = events_panel(120, 60, 6);
        assert!(
            rows[1][4..].starts_with(|c: char| c.is_ascii_digit()),
            "{rows:#?}"
        );
    }
}
