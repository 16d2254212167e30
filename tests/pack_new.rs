//! `deckhand pack new NAME`: a commented pack with one card of every kind and a diagram,
//! which `deckhand check` passes with no error and no warning, and which loads.

use std::path::Path;
use std::process::{Command, Output};

use deckhand::content::{self, CardKind};

fn deckhand(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("DECKHAND_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand")
}

#[test]
fn a_new_pack_checks_clean_and_has_every_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ecs-deep-dive");
    let path_s = path.to_str().expect("utf-8");
    let out = deckhand(&["pack", "new", path_s], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("created pack `ecs-deep-dive`"), "{said}");
    assert!(
        said.contains("deckhand check"),
        "says what to do next: {said}"
    );
    let check = deckhand(&["check", path_s], dir.path());
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{report}");
    assert!(report.contains("0 errors, 0 warnings"), "{report}");
    let text = std::fs::read_to_string(path.join("pack.toml")).expect("pack.toml");
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            > 5,
        "commented"
    );
    let lib = content::load_path(&path);
    let pack = &lib.packs[0];
    assert_eq!(pack.id(), "ecs-deep-dive");
    for kind in CardKind::ALL {
        assert!(
            pack.cards.iter().any(|c| c.body.kind() == kind),
            "a {} card",
            kind.name()
        );
    }
    assert!(!pack.diagrams.is_empty());
    // A second time: the folder exists, nothing is overwritten.
    std::fs::write(path.join("pack.toml"), "mine").expect("write");
    let again = deckhand(&["pack", "new", path_s], dir.path());
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(path.join("pack.toml")).expect("read"),
        "mine"
    );
}

#[test]
fn a_name_with_spaces_gets_a_slug_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("My ECS Notes");
    let out = deckhand(&["pack", "new", path.to_str().expect("utf-8")], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("`my-ecs-notes`"));
    assert_eq!(content::load_path(&path).report.errors(), 0);
}
