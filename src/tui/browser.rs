//! Opening a link in the user's browser: `xdg-open` (Linux and the BSDs), `open` (macOS),
//! `explorer` (Windows). The URL is one argument of the command, never shell text, and only
//! links [`safe_url`](super::widgets::link::safe_url) accepts get here.

use std::io;
use std::process::{Command, Stdio};

/// Start the browser on `url` without waiting for it; its output goes nowhere (it would
/// draw over the screen).
pub fn open(url: &str) -> io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let mut child = Command::new(program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("{program}: {e}")))?;
    // Reap it when it ends, so it does not linger as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}
