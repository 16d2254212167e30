//! Hostile sizes (issue 14, §2 item 8): thousands of broken cards keep a bounded list of
//! problems in the trainer, and a megabyte typed into the terminal without bracketed paste
//! does not keep the UI busy with Ctrl-C queued behind it.

#[path = "../benches/support/pty.rs"]
mod pty;

use std::fmt::Write as _;
use std::process::Command;
use std::time::Duration;

const MAX_KEPT: usize = 1_000;

fn broken_pack(dir: &std::path::Path, cards: usize) {
    let mut text = String::from(
        "[pack]\nid = \"broken\"\ntitle = \"Broken\"\nversion = \"1\"\n\n[[topics]]\nid = \"t\"\ntitle = \"T\"\n",
    );
    for i in 0..cards {
        // Each card has an unknown field and no back: two errors a card.
        let _ = write!(
            text,
            "\n[[cards]]\nid = \"c{i}\"\ntopic = \"t\"\nkind = \"basic\"\nfront = \"f\"\nbakc = \"b\"\n"
        );
    }
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(dir.join("broken.toml"), text).expect("write");
}

#[test]
fn the_trainer_keeps_a_bounded_list_of_problems_per_pack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let packs = dir.path().join("packs");
    broken_pack(&packs, 5_000);
    let lib = deckhand::content::load_library(false, Some(&packs), &[]);
    let n = lib.report.diagnostics.len();
    assert!(
        n <= MAX_KEPT + 1,
        "the trainer kept {n} diagnostics for one pack"
    );
    let note = lib
        .report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("more problems"))
        .expect("a count of the rest");
    // `deckhand check` still sees every one.
    let all = deckhand::content::validate_paths(&[packs.join("broken.toml")]);
    assert!(all.report.errors() >= 10_000);
    let rest = all.report.diagnostics.len() - MAX_KEPT;
    assert!(
        note.message.starts_with(&format!("{rest} more")),
        "{}",
        note.message
    );
}

#[test]
fn ctrl_c_behind_a_burst_of_typed_keys_quits_promptly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    cmd.arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--config-dir")
        .arg(dir.path().join("config"));
    let mut child = pty::PtyChild::spawn(cmd, 80, 24).expect("spawn");
    child
        .wait_for(b"\x1b[?25l", 0, Duration::from_secs(60))
        .expect("first frame");
    // Open a review so the keys land on a card (typed answers take text), then a burst of
    // keys (no bracketed-paste markers: as a terminal without it sends a paste), then
    // Ctrl-C.
    child.write(b"\r").expect("enter");
    // 64 KiB: 64 times crossterm's read buffer (a debug build takes a while per key).
    let burst = vec![b'x'; 64 << 10];
    let feeder = {
        let mut all = burst;
        all.push(0x03);
        all
    };
    child.write(&feeder).expect("type");
    let exited = child.finish(Duration::from_secs(30));
    assert!(
        exited.is_some(),
        "Ctrl-C behind 64 KiB of keys was not honoured within 30 s"
    );
}
