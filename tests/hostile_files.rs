//! A pack folder holding a FIFO or a link to a device neither hangs nor exhausts memory:
//! only regular files are read, and the size limit holds while reading (issue 14, §2 item 5).

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PACK: &str = "[pack]\nid = \"hostile\"\ntitle = \"Hostile\"\nversion = \"1\"\n\n\
    [[topics]]\nid = \"t\"\ntitle = \"T\"\n\n[[cards]]\nid = \"c\"\ntopic = \"t\"\n\
    kind = \"basic\"\nfront = \"f\"\nback = \"b\"\n";

/// `deckhand check DIR` with 1 GiB of address space and `limit` of time; `None` if it hung.
fn check_within(dir: &Path, limit: Duration) -> Option<std::process::Output> {
    check_limited(dir, limit, 1 << 30)
}

/// `deckhand check DIR` with `memory` bytes of address space.
fn check_limited(dir: &Path, limit: Duration, memory: u64) -> Option<std::process::Output> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    cmd.arg("check")
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: memory,
                rlim_max: memory,
            };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn");
    let start = Instant::now();
    while start.elapsed() < limit {
        if child.try_wait().expect("wait").is_some() {
            return Some(child.wait_with_output().expect("output"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

fn pack_with(special: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("pack.toml"), PACK).expect("write");
    special(&dir.path().join("cards.toml"));
    dir
}

fn assert_refused(dir: &Path, what: &str) {
    let out = check_within(dir, Duration::from_secs(20))
        .unwrap_or_else(|| panic!("`deckhand check` hung on {what}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: {out:?} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("cards.toml") && stdout.contains(what) && stdout.contains("not read"),
        "{stdout}"
    );
}

#[test]
fn a_fifo_in_a_pack_folder_is_reported_not_waited_on() {
    let dir = pack_with(|p| {
        let c = std::ffi::CString::new(p.to_str().expect("utf-8")).expect("c path");
        // SAFETY: mkfifo with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    });
    assert_refused(dir.path(), "FIFO");
}

#[test]
fn a_link_to_dev_zero_in_a_pack_folder_is_reported_not_read_forever() {
    let dir = pack_with(|p| std::os::unix::fs::symlink("/dev/zero", p).expect("link"));
    assert_refused(dir.path(), "device");
}

#[test]
fn a_fifo_as_the_manifest_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = dir.path().join("pack.toml");
    let c = std::ffi::CString::new(manifest.to_str().expect("utf-8")).expect("c path");
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let out = check_within(dir.path(), Duration::from_secs(20))
        .expect("`deckhand check` hung on a FIFO pack.toml");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}

/// A read that fails for lack of memory is not blamed on permissions (issue 14, §2 item 9).
#[test]
fn out_of_memory_is_not_blamed_on_permissions() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("pack.toml"), PACK).expect("write");
    // 200 MB (sparse: no disk used), below the 256 MB limit, read with 128 MiB of address
    // space: the read fails for lack of memory.
    let big = std::fs::File::create(dir.path().join("big.toml")).expect("create");
    big.set_len(200 << 20).expect("size");
    let out = check_limited(dir.path(), Duration::from_secs(60), 128 << 20).expect("finishes");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("out of memory"), "{stdout}");
    assert!(!stdout.contains("permissions"), "{stdout}");
}

/// An error and its cause are printed once, not "X: X" (issue 14, §2 item 9).
#[test]
fn a_store_error_says_its_cause_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("file");
    std::fs::write(&file, b"").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("--data-dir")
        .arg(file.join("sub"))
        // A command that writes to the store (optimize reads first and creates nothing).
        .args(["plan", "--clear"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("Not a directory").count(), 1, "{stderr}");
}
