//! The README shows real screens: each block under `<!-- screen: NAME -->` is the committed
//! snapshot `tests/snapshots/NAME.snap`, character for character (but for the spaces that
//! end a row). When a screen changes, its snapshot changes and this test says which README
//! block to replace, and with what.

mod support;

use ratatui::crossterm::event::KeyCode;
use support::*;

/// The screens only the README needs (the others come from the tests of their screens).
#[test]
fn readme_screens() {
    // A scenario question of the built-in pack, reached in a review of its topic and
    // answered wrongly: the verdict, the right option, every option's explanation, why.
    let (mut app, _) = app_of(library(), Vec::new());
    let topic = app
        .home
        .rows(&app.cat)
        .into_iter()
        .position(|n| app.cat.title(n) == "Pricing of the launch types")
        .expect("the topic");
    app.home.selected = topic;
    press(&mut app, KeyCode::Enter);
    let mut guard = 0;
    while shown(&app).as_deref() != Some("price-requested-scenario") {
        answer_wrong(&mut app);
        go_on(&mut app, '3');
        guard += 1;
        assert!(guard < 20, "price-requested-scenario never shown");
    }
    answer_wrong(&mut app);
    insta::assert_snapshot!("readme_choice_answered_100x26", screen(&app, 100, 26));
}

/// The rows of a snapshot file, without its header and the quotes around each row.
fn snapshot_rows(name: &str) -> Vec<String> {
    let path = format!("tests/snapshots/{name}.snap");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let body = text.splitn(3, "---\n").nth(2).unwrap_or_default();
    body.lines()
        .map(|l| {
            l.strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or(l)
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn the_readme_screens_are_the_snapshots() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let mut found = 0;
    let mut stale = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line
            .trim()
            .strip_prefix("<!-- screen: ")
            .and_then(|l| l.strip_suffix(" -->"))
        else {
            continue;
        };
        found += 1;
        assert_eq!(
            lines.next(),
            Some("```text"),
            "{name}: a ```text block follows"
        );
        let block: Vec<String> = lines
            .by_ref()
            .take_while(|l| *l != "```")
            .map(|l| l.trim_end().to_string())
            .collect();
        let expected = snapshot_rows(name);
        if block != expected {
            stale.push(format!(
                "README block {name} differs from its snapshot; replace it with:\n```text\n{}\n```",
                expected.join("\n")
            ));
        }
    }
    // Home, a card answered, the visualiser, the exam report and the statistics.
    assert!(found >= 5, "the README shows {found} screens");
    assert!(stale.is_empty(), "{}", stale.join("\n\n"));
}
