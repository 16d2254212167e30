//! Issue 16, every screen right at every size: the list on Home scrolls with marks, scroll
//! marks sit on borders (never over text), diagrams show where they are cut and always keep
//! the zoom key in their title.

mod support;

use deckhand::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use support::*;

/// The rows of the screen at `w`×`h`.
fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    screen(app, w, h)
        .lines()
        .map(|l| l.trim_matches('"').to_string())
        .collect()
}

#[test]
fn home_marks_the_rows_below_and_above_and_keeps_the_selection_in_view() {
    let (mut app, _) = app_of(library(), Vec::new());
    let screen = rows(&app, 80, 24);
    let bottom = screen
        .iter()
        .position(|r| r.starts_with('└'))
        .expect("the tree's bottom border");
    assert!(
        screen[bottom].contains("more"),
        "no mark of the rows below: {screen:#?}"
    );
    // The README shows this screen.
    insta::assert_snapshot!("home_builtin_80x24", support::screen(&app, 80, 24));
    // The last row: selected, in view, and a mark of the rows above.
    press(&mut app, KeyCode::End);
    let screen = rows(&app, 80, 24);
    assert!(
        screen
            .iter()
            .any(|r| r.contains('▶') && r.contains("Predict the simulator")),
        "the selected last row is not shown: {screen:#?}"
    );
    assert!(
        screen[1].contains("more"),
        "no mark of the rows above: {screen:#?}"
    );
}

/// Marks of more text above or below sit on a border row, never inside the text.
#[test]
fn scroll_marks_sit_on_the_border() {
    // The longest multiple-response card, answered: its explanations run past 80×24.
    let mut app = card_app_answered("ecr-cross-account-pull-multi");
    let screen = rows(&app, 80, 24);
    let marked: Vec<&String> = screen.iter().filter(|r| r.contains(" more ")).collect();
    assert!(!marked.is_empty(), "no scroll mark: {screen:#?}");
    for r in marked {
        assert!(
            r.starts_with('└') || r.starts_with('┌'),
            "a scroll mark inside the text: {r:?}"
        );
    }
    press(&mut app, KeyCode::Down);
    let screen = rows(&app, 80, 24);
    assert!(
        screen[2].starts_with('┌') && screen[2].contains("↑ more"),
        "{screen:#?}"
    );
}

/// A diagram wider than its pane shows `…` where rows are cut, and the zoom key stays in
/// the title however long the title is. At 70×30 the diagram goes under the card, cut to
/// its width.
#[test]
fn cropped_diagrams_are_marked_and_keep_the_zoom_key() {
    let app = card_app_answered("choose-express-mode-name");
    let screen = rows(&app, 70, 30);
    let pane = screen
        .iter()
        .rposition(|r| r.starts_with('┌'))
        .expect("the diagram pane");
    let top = &screen[pane];
    assert!(top.contains("z full screen"), "{top}");
    let cut = screen[pane + 1..]
        .iter()
        .take_while(|r| !r.starts_with('└'))
        .filter(|r| r.trim_end_matches('│').ends_with('…'))
        .count();
    assert!(
        cut > 0,
        "no row of the diagram is marked as cut: {screen:#?}"
    );
    // At 120 columns it does not fit beside the card: it goes under it, whole.
    let screen = rows(&app, 120, 36);
    assert!(!screen.iter().any(|r| r.contains('…')), "{screen:#?}");
}

/// The light theme paints its own background under every cell, so it reads the same on a
/// dark terminal as on a light one: no cell is left to the terminal's background.
#[test]
fn the_light_theme_paints_every_cell() {
    use deckhand::config::ThemeName;
    use ratatui::style::Color;
    let light = || app().0;
    let mut screens = Vec::new();
    screens.push(("home", light()));
    let mut card = light();
    press(&mut card, KeyCode::Enter);
    ch(&mut card, ' ');
    screens.push(("answered card", card));
    let mut help = light();
    ch(&mut help, '?');
    screens.push(("help", help));
    let mut setup = light();
    ch(&mut setup, 'c');
    screens.push(("quiz set-up", setup));
    let mut visual = light();
    ch(&mut visual, 'v');
    screens.push(("visualiser", visual));
    for (name, mut app) in screens {
        app.theme = deckhand::tui::theme::Theme::new(ThemeName::Light, true);
        for (w, h) in [(80, 24), (160, 48)] {
            let buf = buffer(&app, w, h);
            let bare: Vec<ratatui::layout::Position> = buf
                .area
                .positions()
                .filter(|p| buf[*p].bg == Color::Reset)
                .collect();
            assert!(
                bare.is_empty(),
                "{name} at {w}x{h}: {} cells on the terminal's background, first at {:?}",
                bare.len(),
                bare[0]
            );
        }
    }
}
