//! Running the `deckhand` binary in the simulator's CLI tests: in a fresh data and config
//! folder, for its output, its JSON or its text.
#![allow(dead_code)]

use std::process::{Command, Output};

use serde_json::Value;

/// Run `deckhand ARGS` with a temporary data and config folder.
pub fn deckhand(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("--config-dir")
        .arg(dir.path())
        .args(args)
        .output()
        .expect("run deckhand")
}

/// Its standard output, which must come with exit code 0.
pub fn text(args: &[&str]) -> String {
    let out = deckhand(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Its JSON output (exit code 0).
pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&text(args)).expect("valid JSON")
}
