//! Scrolling to the end and back: the check that a window stops at its end.

use deckhand::tui::app::App;
use ratatui::crossterm::event::KeyCode;

use super::{press, screen};

fn rows(app: &App) -> Vec<String> {
    screen(app, 80, 24).lines().map(str::to_string).collect()
}

/// Down `downs` times runs past the end of the scrolling window (a popup, a screen); one Up
/// then moves the view up by one row: the rows that change now show what the row above them
/// showed.
pub fn one_up_after_the_end_moves(app: &mut App, downs: usize, what: &str) {
    one_back_after_the_end_moves(app, (KeyCode::Down, KeyCode::Up), 1, downs, what);
}

/// `keys.0` pressed `downs` times runs past the end of the scrolling window; one `keys.1`
/// then moves the view up by `step` rows: the rows that change now show what the row `step`
/// above them showed.
pub fn one_back_after_the_end_moves(
    app: &mut App,
    keys: (KeyCode, KeyCode),
    step: usize,
    downs: usize,
    what: &str,
) {
    let top = rows(app);
    for _ in 0..downs {
        press(app, keys.0);
    }
    let bottom = rows(app);
    assert_ne!(top, bottom, "the {what} does not scroll at 80x24");
    press(app, keys.1);
    let up = rows(app);
    let changed: Vec<usize> = (0..up.len()).filter(|&i| up[i] != bottom[i]).collect();
    assert!(
        changed.len() >= 4,
        "one {:?} after {downs} {:?}s left the {what} where it was:\n{}",
        keys.1,
        keys.0,
        bottom.join("\n")
    );
    // The columns that changed are the window's (the screen behind a popup stays). In them,
    // every changed row but the first `step` text rows and the bottom border (its `more`
    // mark) shows what the row `step` above it showed.
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    let (up, bottom): (Vec<_>, Vec<_>) = (
        up.iter().map(|r| chars(r)).collect(),
        bottom.iter().map(|r| chars(r)).collect(),
    );
    let cols: Vec<usize> = changed
        .iter()
        .flat_map(|&i| {
            let (up, bottom) = (&up[i], &bottom[i]);
            (0..up.len()).filter(move |&c| up[c] != bottom[c])
        })
        .collect();
    let (from, to) = (cols.iter().min(), cols.iter().max());
    let span = *from.expect("a change")..=*to.expect("a change");
    let shifted = changed
        .iter()
        .filter(|&&i| i >= step && up[i][span.clone()] == bottom[i - step][span.clone()])
        .count();
    let show = |rows: &[Vec<char>]| {
        rows.iter()
            .map(|r| r.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        shifted + step + 1 >= changed.len(),
        "the {what} did not move by {step} rows ({shifted} of {} rows):\nbefore\n{}\nafter\n{}",
        changed.len(),
        show(&bottom),
        show(&up)
    );
}
