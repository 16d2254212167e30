//! Home lines its count columns up whatever the titles hold: wide (CJK) characters, emoji
//! ZWJ sequences and flags, accented letters, and control characters that are not drawn
//! (issue 14, §2 item 7).

mod support;

use deckhand::config::Config;
use deckhand::store::Store;
use deckhand::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const PACK: &str = r#"[pack]
id = "widths"
title = "Packs 容器 👩‍🚀"
version = "1"

[[topics]]
id = "cjk"
title = "容器サービスとコンテナの基本"

[[topics]]
id = "emoji"
title = "Astronaut 👩‍🚀 family 👨‍👩‍👧 flags 🇫🇷🇩🇪"

[[topics]]
id = "ctl"
title = "Bell\u0007 and escape\u001b[31m red"

[[topics]]
id = "accents"
title = "Élastique, naïve, façade"

[[topics]]
id = "plain"
title = "Plain ASCII title"
"#;

fn card(i: usize, topic: &str) -> String {
    format!(
        "\n[[cards]]\nid = \"c{i}\"\ntopic = \"{topic}\"\nkind = \"basic\"\nfront = \"f{i}\"\nback = \"b{i}\"\n"
    )
}

#[test]
fn home_count_columns_line_up_whatever_the_titles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = PACK.to_string();
    for (i, t) in ["cjk", "emoji", "ctl", "accents", "plain"]
        .iter()
        .enumerate()
    {
        text.push_str(&card(i, t));
    }
    let file = dir.path().join("widths.toml");
    std::fs::write(&file, text).expect("write");
    let (app, _clock) = support::app_over(
        &file,
        Store::open_in_memory().expect("store"),
        Config::default(),
    );
    for (w, h) in [(80, 24), (60, 20), (160, 48)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        terminal.draw(|f| ui::render(&app, f)).expect("draw");
        let buf = terminal.backend().buffer().clone();
        // For each row naming one of our topics, the column of the last cell before the right
        // border that holds a digit (the "new" count).
        let mut edges = Vec::new();
        for y in 0..h {
            let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
            if !["容", "Astronaut", "Bell", "Élastique", "Plain ASCII"]
                .iter()
                .any(|t| row.contains(t))
            {
                continue;
            }
            let edge = (0..w).rev().find(|&x| {
                buf[(x, y)].symbol().chars().all(|c| c.is_ascii_digit())
                    && !buf[(x, y)].symbol().is_empty()
            });
            edges.push((y, edge, row));
        }
        assert!(edges.len() >= 5, "{w}x{h}: rows found {edges:#?}");
        let first = edges[0].1;
        for (y, edge, row) in &edges {
            assert_eq!(
                *edge, first,
                "{w}x{h}: row {y} has its counts at another column: {row:?}"
            );
        }
    }
}
