//! `DECKHAND_LOG` as the README and `--help` promise it: a level, or `target=level`
//! directives, winning over `--verbose`; a value that is not a filter is ignored and noted.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Run `deckhand export --json --progress` (it opens the store, which logs "store opened" at
/// debug level) with
/// `DECKHAND_LOG` set to `filter` in a fresh data directory; return the log file's text.
fn log_of(filter: Option<&str>, verbose: bool) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    cmd.args(["export", "--json", "--progress", "--pack", "aws-containers"])
        .env("DECKHAND_DATA_DIR", dir.path())
        .env("DECKHAND_CONFIG_DIR", dir.path().join("config"))
        .env_remove("DECKHAND_LOG");
    if verbose {
        cmd.arg("-v");
    }
    if let Some(filter) = filter {
        cmd.env("DECKHAND_LOG", filter);
    }
    let out = cmd.output().expect("run deckhand");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<PathBuf> = std::fs::read_dir(log_dir(dir.path()))
        .expect("the log folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(&files[0]).expect("the log file")
}

fn log_dir(data: &Path) -> PathBuf {
    data.join("logs")
}

#[test]
fn a_level_raises_every_target() {
    let log = log_of(None, false);
    assert!(log.contains("deckhand starts"), "{log}");
    assert!(!log.contains("store opened"), "info by default: {log}");
    let log = log_of(Some("debug"), false);
    assert!(log.contains("deckhand starts"), "{log}");
    assert!(log.contains("store opened"), "{log}");
}

#[test]
fn a_target_directive_enables_that_module_only() {
    let log = log_of(Some("deckhand::store=debug"), false);
    assert!(log.contains("store opened"), "{log}");
    assert!(log.contains("DEBUG deckhand::store"), "{log}");
    assert!(
        !log.contains("deckhand starts"),
        "other targets are off: {log}"
    );
    let log = log_of(Some("deckhand::interop=trace"), true);
    assert!(
        !log.contains("store opened"),
        "DECKHAND_LOG wins over -v: {log}"
    );
    let log = log_of(Some("info,deckhand::store=debug"), false);
    assert!(log.contains("deckhand starts"), "{log}");
    assert!(log.contains("store opened"), "{log}");
}

#[test]
fn a_value_that_is_not_a_filter_keeps_the_verbose_level_and_is_noted() {
    for bad in ["deckhand=loud", "deckhand[study]=debug"] {
        let log = log_of(Some(bad), true);
        assert!(log.contains("store opened"), "-v holds: {log}");
        assert!(log.contains("is not a log filter"), "{log}");
        assert!(log.contains(bad), "{log}");
    }
}
