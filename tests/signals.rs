//! SIGTERM, SIGHUP, SIGINT from outside and SIGQUIT while the trainer runs in a terminal:
//! the terminal is restored (cooked mode, main screen, cursor shown, bracketed paste off) and
//! the process exits with 128 + the signal (issue 14, §2 item 4). Driven in a real pty.

#[path = "../benches/support/pty.rs"]
mod pty;

use std::process::Command;
use std::time::Duration;

const FRAME_END: &[u8] = b"\x1b[?25l";

fn signalled(sig: libc::c_int) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    cmd.arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--config-dir")
        .arg(dir.path().join("config"));
    let mut child = pty::PtyChild::spawn(cmd, 80, 24).expect("spawn");
    child
        .wait_for(FRAME_END, 0, Duration::from_secs(60))
        .expect("the first frame");
    let raw = child.termios().expect("modes");
    assert!(!pty::is_cooked(&raw), "the trainer runs in raw mode");
    let drawn = child.output.len();
    child.signal(sig).expect("send the signal");
    let (status, _) = child
        .finish(Duration::from_secs(20))
        .expect("exits after the signal");
    let modes = child.termios().expect("modes");
    let after = String::from_utf8_lossy(&child.output[drawn..]).into_owned();
    assert!(
        libc::WIFEXITED(status),
        "signal {sig}: deckhand was killed by the signal (status {status:#x}) instead of \
         restoring the terminal and exiting; terminal left cooked: {}",
        pty::is_cooked(&modes)
    );
    assert_eq!(
        libc::WEXITSTATUS(status),
        128 + sig,
        "signal {sig}: exit code"
    );
    assert!(
        pty::is_cooked(&modes),
        "signal {sig}: terminal left in raw mode"
    );
    for (seq, what) in [
        ("\x1b[?1049l", "leaves the alternate screen"),
        ("\x1b[?25h", "shows the cursor"),
        ("\x1b[?2004l", "turns bracketed paste off"),
    ] {
        assert!(after.contains(seq), "signal {sig}: {what}; wrote {after:?}");
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    signalled(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal() {
    signalled(libc::SIGHUP);
}

#[test]
fn sigint_from_outside_restores_the_terminal() {
    signalled(libc::SIGINT);
}

#[test]
fn sigquit_restores_the_terminal() {
    signalled(libc::SIGQUIT);
}
