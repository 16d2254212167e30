//! Packs that evolve, driven through the app the way a learner meets them: pack v1 with cards
//! a, b and c, all answered; v2, where d replaces a and e replaces b and c; v3 without d;
//! v4 with d back. Each start opens the same database file, as the trainer does.

mod support;

use std::path::Path;

use chrono::TimeDelta;
use deckhand::config::Config;
use deckhand::srs::queue::ItemKey;
use deckhand::store::Store;
use deckhand::study::Node;
use deckhand::tui::app::{App, Screen};
use deckhand::tui::overlay::Overlay;
use ratatui::crossterm::event::KeyCode;
use support::*;

/// Start the app on `version` of the evolving pack over the database in `dir`, `days`
/// after the first start.
fn start(dir: &Path, version: &str, days: i64) -> App {
    let store = Store::open(&dir.join("progress.sqlite3")).expect("store");
    let pack = format!("tests/fixtures/evolve/{version}.toml");
    let (app, clock) = app_over(Path::new(&pack), store, Config::default());
    clock.advance(TimeDelta::days(days));
    app
}

fn key(item: &str) -> ItemKey {
    ItemKey::new("evolve", item)
}

fn state(app: &App, item: &str) -> Option<deckhand::srs::queue::ItemProgress> {
    app.store.progress(&key(item)).expect("progress")
}

/// The update notice on top, if any: its text at 80x24.
fn notice(app: &App) -> Option<String> {
    matches!(app.overlays.last(), Some(Overlay::Updates(_))).then(|| screen(app, 80, 24))
}

fn counts(app: &mut App) -> deckhand::srs::queue::Counts {
    app.refresh_home();
    app.home.overview.counts(Node::Pack(0))
}

#[test]
fn renames_and_merges_carry_progress_removal_retires_and_restoring_brings_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");

    // v1: answer a, b and c (Easy: each goes to review, due in days). No notice on a first
    // start without progress.
    let mut app = start(dir.path(), "v1", 0);
    assert!(notice(&app).is_none());
    press(&mut app, KeyCode::Enter);
    for (item, answer) in [("a", ' '), ("b", 't'), ("c", 'f')] {
        assert_eq!(shown(&app).as_deref(), Some(item));
        ch(&mut app, answer);
        ch(&mut app, '4');
    }
    assert!(matches!(app.screen, Screen::Summary(_)));
    let (a, c) = (state(&app, "a").expect("a"), state(&app, "c").expect("c"));
    assert_eq!(app.store.review_log(Some("evolve")).expect("log").len(), 3);
    drop(app);

    // v2: d carries a's state, e the state of c (reviewed after b); every log row moved and
    // keeps the id it was answered as. Nothing is new: the counts show no new card.
    let mut app = start(dir.path(), "v2", 0);
    let text = notice(&app).expect("the update notice");
    assert!(text.contains("Evolving pack 2.0.0: 3 merged"), "{text}");
    assert!(
        text.contains("progress carried over: 3 items, 3 reviews"),
        "{text}"
    );
    assert_eq!(state(&app, "d"), Some(a.clone()));
    assert_eq!(state(&app, "e"), Some(c.clone()));
    for old in ["a", "b", "c"] {
        assert_eq!(state(&app, old), None, "{old} keeps no state of its own");
    }
    assert_eq!(
        app.store.moved_log("evolve").expect("log"),
        [("d", "a"), ("e", "b"), ("e", "c")].map(|(i, o)| (i.to_string(), o.to_string()))
    );
    let log = app.store.review_log(Some("evolve")).expect("log");
    let items: Vec<&str> = log.iter().map(|l| l.key.item.as_str()).collect();
    assert_eq!(items, ["d", "e", "e"]);
    // Enter lists the changes; Esc closes the notice.
    press(&mut app, KeyCode::Enter);
    let listed = screen(&app, 80, 24);
    assert!(listed.contains("merged (2):"), "{listed}");
    assert!(listed.contains("d ← a"), "{listed}");
    assert!(listed.contains("e ← b, c"), "{listed}");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty());
    let c2 = counts(&mut app);
    assert_eq!((c2.new, c2.learning, c2.review), (0, 0, 0));
    drop(app);

    // v2 again: the notice shows once; nothing moves twice.
    let app = start(dir.path(), "v2", 0);
    assert!(notice(&app).is_none());
    assert_eq!(state(&app, "d"), Some(a.clone()));
    drop(app);

    // v3, a month later: d is retired. Its state stays, but it leaves the counts: only e
    // is due.
    let mut app = start(dir.path(), "v3", 30);
    let text = notice(&app).expect("the update notice");
    assert!(text.contains("Evolving pack 3.0.0: 1 retired"), "{text}");
    press(&mut app, KeyCode::Enter);
    let listed = screen(&app, 80, 24);
    assert!(listed.contains("retired (1):"), "{listed}");
    assert!(
        listed.contains("d: What does the ECS container agent do"),
        "{listed}"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(state(&app, "d"), Some(a.clone()));
    let c3 = counts(&mut app);
    assert_eq!((c3.new, c3.review), (0, 1));
    drop(app);

    // v4: d is back, with its progress; both are due.
    let mut app = start(dir.path(), "v4", 30);
    let text = notice(&app).expect("the update notice");
    assert!(text.contains("Evolving pack 4.0.0: 1 restored"), "{text}");
    assert_eq!(state(&app, "d"), Some(a));
    let c4 = counts(&mut app);
    assert_eq!((c4.new, c4.review), (0, 2));
    assert_eq!(
        app.store.replacements_applied("evolve").expect("applied"),
        [("a", "d"), ("b", "e"), ("c", "e")].map(|(o, n)| (o.to_string(), n.to_string()))
    );
}

/// The notice, as shown at 80x24 and 160x48, then listed; and drawn at every size.
#[test]
fn the_update_notice_on_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = start(dir.path(), "v1", 0);
    press(&mut app, KeyCode::Enter);
    for answer in [' ', 't', 'f'] {
        ch(&mut app, answer);
        ch(&mut app, '4');
    }
    drop(app);
    let mut app = start(dir.path(), "v2", 0);
    insta::assert_snapshot!("update_notice_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("update_notice_160x48", screen(&app, 160, 48));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("update_notice_listed_80x24", screen(&app, 80, 24));
    for w in 1..=100 {
        for h in 1..=30 {
            screen(&app, w, h);
        }
    }
}

/// The update notice closes with Esc, and a second Esc does not end the trainer (it used to:
/// Esc on Home quit).
#[test]
fn esc_closes_the_update_notice_and_a_second_esc_does_not_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = start(dir.path(), "v1", 0);
    press(&mut app, KeyCode::Enter);
    for answer in [' ', 't', 'f'] {
        ch(&mut app, answer);
        ch(&mut app, '4');
    }
    drop(app);
    let mut app = start(dir.path(), "v2", 0);
    assert!(notice(&app).is_some(), "the update notice");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "Esc closes the notice");
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit(), "the second Esc ended the trainer");
    assert!(matches!(app.screen, Screen::Home));
}

/// A listed change too long for the notice wraps under its own text (a hanging indent), not at
/// the notice's left edge, and the notice grows to show the wrapped rows.
#[test]
fn a_long_change_wraps_under_its_own_text() {
    use deckhand::content::diff::{Changed, Changes, Replaced};
    use deckhand::store::PackUpdate;
    use deckhand::tui::screens::updates::UpdatesView;
    let long_id = "ecs-service-connect-compared-with-cloud-map-service-discovery";
    let fields = [
        "prompt", "answer", "options", "explain", "why", "refs", "tags", "diagram",
    ];
    let changes = Changes {
        changed: vec![Changed {
            id: long_id.into(),
            prompt: "How does Service Connect differ from service discovery?".into(),
            fields: fields.map(String::from).to_vec(),
        }],
        replaced: vec![Replaced {
            id: "fargate-spot-warning".into(),
            prompt: "Fargate Spot tasks get a two-minute warning".into(),
            old: vec!["spot-a".into(), "spot-b".into()],
        }],
        ..Changes::default()
    };
    let (mut app, _) = app();
    app.overlays.push(Overlay::Updates(UpdatesView {
        updates: vec![PackUpdate {
            pack: "tui".into(),
            title: "TUI test pack".into(),
            version: "1.1.0".into(),
            previous_version: Some("1.0.0".into()),
            changes,
            moved_items: 2,
            moved_reviews: 5,
        }],
        listing: true,
        scroll: Default::default(),
    }));
    for (w, h) in [(80, 24), (160, 48)] {
        let text = screen(&app, w, h);
        let rows: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        let at = |row: &[char], s: &str| {
            let s: Vec<char> = s.chars().collect();
            row.windows(s.len()).position(|win| win == s.as_slice())
        };
        let r = rows
            .iter()
            .position(|row| at(row, long_id).is_some())
            .unwrap_or_else(|| panic!("the entry at {w}x{h}:\n{text}"));
        let entry = at(&rows[r], long_id).unwrap_or_default();
        let border = rows[r][..entry]
            .iter()
            .rposition(|c| *c == '│')
            .expect("the notice's border");
        let next = &rows[r + 1];
        let continued = (border + 1..next.len())
            .find(|&i| next[i] != ' ')
            .expect("a continuation row");
        assert!(
            continued > entry,
            "at {w}x{h} the entry's second row starts at column {continued}, left of its text at {entry}:\n{text}"
        );
        assert!(text.contains("spot-a, spot-b"), "{text}");
        insta::assert_snapshot!(format!("update_notice_wrapped_{w}x{h}"), text);
    }
}
