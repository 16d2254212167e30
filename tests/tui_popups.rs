//! The popups (help, messages such as the card source and the problems list, the update
//! notice): scrolling stops at the end, and long lines wrap under their own text.

mod support;

use std::path::Path;

use deckhand::config::Config;
use deckhand::content;
use deckhand::store::{PackUpdate, Store};
use deckhand::tui::overlay::Overlay;
use deckhand::tui::screens::updates::UpdatesView;
use ratatui::crossterm::event::KeyCode;
use support::scroll::one_up_after_the_end_moves;
use support::*;

#[test]
fn the_help_stops_at_its_end() {
    let (mut app, _) = app();
    ch(&mut app, '?');
    assert!(matches!(app.overlays.last(), Some(Overlay::Help { .. })));
    one_up_after_the_end_moves(&mut app, 50, "help");
}

#[test]
fn the_problems_list_stops_at_its_end() {
    let broken = content::load_path(Path::new("tests/fixtures/broken/unknown-field.toml"));
    // Six problems, numbered so that no two look alike: about 30 rows, fewer than 50 Downs.
    let many: Vec<_> = (0..6)
        .map(|i| {
            let mut d = broken.report.diagnostics[i % 2].clone();
            d.message = format!("problem {i}: {}", d.message);
            d
        })
        .collect();
    let (mut app, _) = app_of(test_pack(), many);
    assert!(matches!(app.overlays.last(), Some(Overlay::Popup { .. })));
    one_up_after_the_end_moves(&mut app, 50, "problems list");
}

#[test]
fn the_update_notice_stops_at_its_end() {
    use deckhand::content::diff::{CardName, Changes};
    let added = (0..40)
        .map(|i| CardName {
            id: format!("card-{i}"),
            prompt: format!("Question {i}"),
        })
        .collect();
    let (mut app, _) = app();
    app.overlays.push(Overlay::Updates(UpdatesView {
        updates: vec![PackUpdate {
            pack: "tui".into(),
            title: "TUI test pack".into(),
            version: "1.1.0".into(),
            previous_version: Some("1.0.0".into()),
            changes: Changes {
                added,
                ..Changes::default()
            },
            moved_items: 0,
            moved_reviews: 0,
        }],
        listing: true,
        scroll: Default::default(),
    }));
    one_up_after_the_end_moves(&mut app, 50, "update notice");
}

/// Where a card comes from, for a card whose references are longer than the popup: each
/// continues under its own text (the column after `docs`), not at the popup's left edge.
#[test]
fn a_long_line_in_a_message_wraps_under_its_own_text() {
    let (mut app, _) = app_over(
        Path::new("tests/fixtures/popups/long-refs.toml"),
        Store::open_in_memory().expect("store"),
        Config::default(),
    );
    press(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    ch(&mut app, 'e');
    assert!(matches!(app.overlays.last(), Some(Overlay::Popup { .. })));
    for (w, h) in [(80, 24), (160, 48)] {
        let text = screen(&app, w, h);
        let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        let at = |row: &[char], s: &str| {
            let s: Vec<char> = s.chars().collect();
            row.windows(s.len()).position(|win| win == s.as_slice())
        };
        let mut wrapped = 0;
        for (r, row) in lines.iter().enumerate() {
            let Some(label) = at(row, "│ docs").map(|c| c + 2) else {
                continue;
            };
            let url = label + "docs     ".len();
            assert!(
                at(&row[url..], "https://") == Some(0),
                "at {w}x{h} a reference does not start on its label's row, at column {url}:\n{text}"
            );
            let next = &lines[r + 1];
            if at(next, "│ docs").is_some() || next[label] == '─' {
                continue;
            }
            wrapped += 1;
            let continued = (label..next.len())
                .find(|&i| next[i] != ' ')
                .expect("a continuation row");
            assert_eq!(
                continued, url,
                "at {w}x{h} a reference continues at column {continued}, not under its text at {url}:\n{text}"
            );
        }
        assert!(wrapped > 0, "no reference wraps at {w}x{h}:\n{text}");
        insta::assert_snapshot!(format!("card_source_wrapped_{w}x{h}"), text);
    }
}
