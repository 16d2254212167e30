//! The card browser: finding cards, unsuspending, burying, flagging with a note, resetting,
//! opening it from a card and going back; `deckhand cards` on the command line; screen
//! snapshots at 80x24 and 160x48.

mod support;

use std::process::Command;

use deckhand::srs::queue::ItemKey;
use deckhand::store::Store;
use deckhand::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;
use support::*;

fn selected(app: &App) -> Option<String> {
    match &app.screen {
        Screen::Browser { browser, .. } => browser.current().map(|p| app.cat.key_at(p).item),
        _ => None,
    }
}

fn search(app: &mut App, text: &str) {
    ch(app, '/');
    ctrl(app, 'u');
    app.type_text(text);
    press(app, KeyCode::Enter);
}

#[test]
fn the_browser_finds_unsuspends_and_flags_a_card() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let (mut app, _) = app_with(Store::open(&db).expect("store"), Default::default());
    // Suspend the typed card in a review.
    app.home.selected = 1;
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3'); // agent
    answer_right(&mut app, '3'); // cloze
    assert_eq!(shown(&app).as_deref(), Some("awslogs"));
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 's');
    ch(&mut app, 'q');
    ch(&mut app, 'q');
    // Find it: by text, then by state.
    ch(&mut app, '/');
    app.type_text("cloudwatch");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app).as_deref(), Some("awslogs"));
    search(&mut app, "is:suspended");
    let s = screen(&app, 80, 24);
    assert!(s.contains("1 found of 8"), "{s}");
    assert!(s.contains("suspended"), "{s}");
    // Unsuspend it.
    ch(&mut app, 's');
    let key = ItemKey::new("tui", "awslogs");
    let p = app.store.progress(&key).expect("read");
    assert!(p.as_ref().is_none_or(|p| !p.suspended), "{p:?}");
    assert!(screen(&app, 80, 24).contains("No card matches"));
    // Flag it with a note.
    search(&mut app, "id:awslogs");
    ch(&mut app, 'f');
    app.type_text("this card looks wrong");
    press(&mut app, KeyCode::Enter);
    let flags = app.store.flags().expect("flags");
    assert_eq!(flags.len(), 1);
    assert_eq!(
        (flags[0].key.item.as_str(), flags[0].note.as_str()),
        ("awslogs", "this card looks wrong")
    );
    search(&mut app, "is:flagged");
    assert_eq!(selected(&app).as_deref(), Some("awslogs"));
    insta::assert_snapshot!("browser_flagged_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("browser_flagged_160x48", screen(&app, 160, 48));
    // The author collects the flags.
    drop(app);
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(["--data-dir"])
        .arg(dir.path())
        .args([
            "--pack",
            "tests/fixtures/tui-pack",
            "cards",
            "--flagged",
            "--json",
        ])
        .env("DECKHAND_CONFIG_DIR", dir.path().join("config"))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = json.as_array().expect("array");
    assert_eq!(rows.len(), 1, "{json}");
    assert_eq!(rows[0]["item"], "awslogs");
    assert_eq!(rows[0]["pack"], "tui");
    assert_eq!(rows[0]["flag"]["note"], "this card looks wrong");
    assert!(
        rows[0]["defined"]
            .as_str()
            .is_some_and(|d| d.contains("pack.toml:")),
        "{json}"
    );
}

#[test]
fn bury_reset_and_back_to_the_card() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '4'); // agent: Easy, due in days
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
    // From a card: that card is selected, and Esc goes back to it.
    ch(&mut app, '/');
    assert_eq!(selected(&app).as_deref(), Some("fargate-cloze:c1"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(shown(&app).as_deref(), Some("fargate-cloze:c1"));
    ch(&mut app, 'q');
    ch(&mut app, 'q');
    ch(&mut app, '/');
    app.type_text("id:agent is:review");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected(&app).as_deref(), Some("agent"));
    // Bury, then unbury.
    let key = ItemKey::new("tui", "agent");
    ch(&mut app, 'b');
    assert!(
        app.store
            .progress(&key)
            .expect("r")
            .expect("p")
            .buried_until
            .is_some()
    );
    ch(&mut app, 'b');
    assert!(
        app.store
            .progress(&key)
            .expect("r")
            .expect("p")
            .buried_until
            .is_none()
    );
    // Reset asks first; n keeps it, y resets it to new (its history stays).
    ch(&mut app, 'R');
    assert!(screen(&app, 80, 24).contains("Reset agent to new?"));
    ch(&mut app, 'n');
    assert!(app.store.progress(&key).expect("r").is_some());
    ch(&mut app, 'R');
    ch(&mut app, 'y');
    assert_eq!(app.store.progress(&key).expect("r"), None);
    assert_eq!(app.store.item_history(&key).expect("history").len(), 1);
    // The help lists the browser's keys.
    ch(&mut app, '?');
    let s = screen(&app, 80, 48);
    assert!(
        s.contains("[keys.browser]") && s.contains("flag with a note"),
        "{s}"
    );
}

#[test]
fn a_bad_state_is_named_and_the_list_stays() {
    let (mut app, _) = app();
    ch(&mut app, '/');
    app.type_text("is:sleeping");
    let s = screen(&app, 120, 24);
    assert!(s.contains("is:sleeping is not a state"), "{s}");
    assert!(s.contains("8 found of 8"), "{s}");
    insta::assert_snapshot!("browser_searching_80x24", screen(&app, 80, 24));
}

#[test]
fn deckhand_cards_lists_filters_and_refuses_bad_usage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_deckhand"))
            .arg("--data-dir")
            .arg(&data)
            .args(["--pack", "tests/fixtures/tui-pack", "cards"])
            .args(args)
            .env("DECKHAND_CONFIG_DIR", dir.path().join("config"))
            .output()
            .expect("run")
    };
    let out = run(&["--pack", "tui", "kind:typed"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("tui/awslogs") && text.contains("1 card of"),
        "{text}"
    );
    let out = run(&["--state", "due", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert_eq!(run(&["is:sleepy"]).status.code(), Some(2));
    assert_eq!(run(&["--pack", "nope"]).status.code(), Some(2));
    assert!(
        !data.exists() && !dir.path().join("config").exists(),
        "reading created {}",
        data.display()
    );
}

#[test]
fn the_index_matches_words_ids_topics_kinds_and_states() {
    use deckhand::study::Catalog;
    use deckhand::study::browse::{Index, ItemState, Query};
    let cat = Catalog::new(test_pack());
    let index = Index::new(&cat);
    let find = |text: &str| -> Vec<String> {
        let q = Query::parse(text).expect("query");
        index
            .search(
                &q,
                |i| ItemState {
                    progress: None,
                    flagged: i == 0,
                },
                t0(),
                t0(),
            )
            .into_iter()
            .map(|i| cat.key_at(i).item)
            .collect()
    };
    assert_eq!(find("CloudWatch logs"), ["awslogs"]);
    assert_eq!(
        find("fargate ephemeral"),
        ["storage-multi"],
        "words across options"
    );
    assert_eq!(find("id:cloze"), ["fargate-cloze:c1", "fargate-cloze:c2"]);
    assert_eq!(find("kind:reverse"), ["agent:reverse"]);
    assert_eq!(find("topic:questions"), ["lb-choice", "storage-multi"]);
    assert_eq!(find("topic:exam kind:multi"), ["storage-multi"]);
    assert_eq!(find("is:flagged"), ["agent"]);
    assert_eq!(find("is:new").len(), 8);
    assert!(find("is:review").is_empty());
    assert!(find("agent zzz").is_empty());
}
