//! Hostile pack values: a cloze text starting with a multi-byte character never panics
//! (issue 14, §2 item 1), and no value from a pack reaches the terminal raw: escape
//! sequences, line breaks and bidi overrides are spelled out in every diagnostic (item 2).

#[path = "../benches/support/pty.rs"]
mod pty;

use std::process::Command;
use std::time::Duration;

const HEAD: &str = "[pack]\nid = \"fr\"\ntitle = \"Fr\"\nversion = \"1\"\n\n[[topics]]\nid = \"t\"\ntitle = \"T\"\n";

fn check(text: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("pack.toml");
    std::fs::write(&file, text).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("check")
        .arg(&file)
        .output()
        .expect("run");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), all)
}

const ELASTIQUE: &str = "\n[[cards]]\nid = \"c1\"\ntopic = \"t\"\nkind = \"cloze\"\n\
    text = \"Élastique: ce texte n'a pas de trou.\"\n";

#[test]
fn a_cloze_without_deletion_starting_with_a_wide_character_is_an_error_not_a_panic() {
    let (code, out) = check(&format!("{HEAD}{ELASTIQUE}"));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("cloze text has no deletion"), "{out}");
    assert!(!out.contains("panicked"), "{out}");
}

#[test]
fn the_trainer_starts_with_that_pack_among_the_users_packs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let packs = dir.path().join("data/packs");
    std::fs::create_dir_all(&packs).expect("packs dir");
    std::fs::write(packs.join("fr.toml"), format!("{HEAD}{ELASTIQUE}")).expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    cmd.arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--config-dir")
        .arg(dir.path().join("config"));
    let mut child = pty::PtyChild::spawn(cmd, 80, 24).expect("spawn");
    let drawn = child.wait_for(b"\x1b[?25l", 0, Duration::from_secs(60));
    let shown = String::from_utf8_lossy(&child.output).into_owned();
    assert!(drawn.is_some(), "no first frame; it wrote {shown}");
    assert!(
        shown.contains("no deletion") || shown.contains("problem"),
        "{shown}"
    );
    child.signal(libc::SIGTERM).expect("end it");
    let (status, _) = child.finish(Duration::from_secs(20)).expect("exits");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) != 101,
        "{shown}"
    );
}

#[test]
fn pack_values_never_reach_the_terminal_raw() {
    let hostile = format!(
        "{HEAD}\n[[cards]]\nid = \"evil\\u001b]0;owned\\u0007\"\ntopic = \"t\\u202Egnp.exe\"\n\
         kind = \"\\u001b]52;c;ZXZpbA==\\u0007\"\nfront = \"f\"\nback = \"b\"\n\
         refs = [\"\\u001b[2J\\u001b[H\"]\n\
         \n[[cards]]\nid = \"two\\nlines\"\ntopic = \"t\"\nkind = \"basic\"\nfront = \"f\"\nback = \"b\"\n\
         sim = {{ kind = \"rolling\\u009b31m\", desired = 4 }}\n\
         \n[[diagrams]]\nid = \"d\\u001b[5m\"\nart = \"x\"\n"
    );
    let (code, out) = check(&hostile);
    assert_eq!(code, Some(1), "{out}");
    for (bad, what) in [
        ('\u{1b}', "ESC"),
        ('\u{7}', "BEL"),
        ('\u{9b}', "CSI"),
        ('\u{202E}', "a bidi override"),
    ] {
        assert!(!out.contains(bad), "{what} reached the output: {out:?}");
    }
    assert!(out.contains("\\u{1b}"), "escapes are spelled out: {out}");
    // Every diagnostic's first line is one line: the id with a line break does not split it.
    assert!(
        !out.lines().any(|l| l.starts_with("lines")),
        "a value broke a diagnostic over two lines: {out}"
    );
}
