//! The command line: every subcommand's help, `paths`, exit codes for bad usage.

use std::process::Command;

fn deckhand(args: &[&str], data: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("DECKHAND_DATA_DIR", data)
        .env("DECKHAND_CONFIG_DIR", data.join("config"))
        .output()
        .expect("run deckhand")
}

#[test]
fn the_command_line_definition_is_consistent() {
    use clap::CommandFactory;
    deckhand::cli::Cli::command().debug_assert();
}

#[test]
fn help_and_version_for_every_subcommand() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["--help"][..],
        &["--version"],
        &["check", "--help"],
        &["sim", "--help"],
        &["optimize", "--help"],
        &["cards", "--help"],
        &["paths", "--help"],
    ] {
        let out = deckhand(args, dir.path());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn paths_honour_the_environment_and_the_flags() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = deckhand(&["paths"], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "database   {}",
            dir.path().join("progress.sqlite3").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "packs      {}",
            dir.path().join("packs").display()
        )),
        "{text}"
    );
    let other = dir.path().join("other");
    let out = deckhand(
        &["paths", "--data-dir", other.to_str().expect("utf-8")],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("data dir   {}", other.display())),
        "{text}"
    );
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    for args in [
        &["--no-such-flag"][..],
        &["frobnicate"],
        &["--color", "sometimes"],
    ] {
        assert_eq!(
            deckhand(args, dir.path()).status.code(),
            Some(2),
            "{args:?}"
        );
    }
}

#[test]
fn a_corrupt_database_stops_the_trainer_with_a_message_and_is_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    std::fs::write(&db, b"this is not a database, it is my shopping list").expect("write");
    let before = std::fs::read(&db).expect("read");
    let out = deckhand(&[], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&db.display().to_string()), "{err}");
    assert_eq!(
        std::fs::read(&db).expect("read"),
        before,
        "the file must not change"
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        // A day of a daily wave in JSON: about 500 KB, far more than a pipe buffers.
        .args([
            "sim",
            "scaling",
            "--load",
            "daily-wave",
            "--minutes",
            "1440",
            "--json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read");
    // The reader is dropped here: the rest of the output meets a closed pipe.
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(first.starts_with('{'), "{first}");
}
