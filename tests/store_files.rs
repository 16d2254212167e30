//! The database file is never modified when deckhand says it was left untouched, even with a
//! `-wal` beside it, and a database path that is not a regular file is refused at once
//! (issue 14, §2 items 3 and 5).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use deckhand::srs::queue::ItemKey;
use deckhand::store::{Store, StoreError};

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

fn wal(db: &Path) -> std::path::PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push("-wal");
    s.into()
}

fn keys() -> Vec<ItemKey> {
    (0..400)
        .map(|i| ItemKey::new("p", format!("item-{i:04}")))
        .collect()
}

/// A database of 400 rows, checkpointed and closed; then more writes that stay in its WAL
/// (as after a crash), and a copy of the file taken before them (a backup).
fn database_with_a_wal(path: &Path, backup: &Path) {
    {
        let mut store = Store::open(path).expect("create");
        for k in &keys() {
            store
                .update_progress(k, |p| p.suspended = true)
                .expect("write rows");
        }
    }
    std::fs::copy(path, backup).expect("backup");
    let conn = rusqlite::Connection::open(path).expect("raw open");
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )
    .expect("no checkpoint on close");
    conn.execute(
        "UPDATE card_state SET suspended = 0 WHERE item >= 'item-0390'",
        [],
    )
    .expect("update");
    drop(conn);
    assert!(bytes(&wal(path)).len() > 32, "the WAL holds frames");
}

/// Scribble over the second page of the main file (the WAL does not hold it).
fn damage(path: &Path) {
    let mut content = bytes(path);
    for b in &mut content[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(path, &content).expect("write");
}

#[test]
fn a_damaged_database_with_a_wal_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    database_with_a_wal(&path, &dir.path().join("backup.sqlite3"));
    damage(&path);
    let (db_before, wal_before) = (bytes(&path), bytes(&wal(&path)));
    // Open and try to write, as the trainer would on the first answer.
    let result =
        Store::open(&path).and_then(|mut s| s.update_progress(&keys()[0], |p| p.suspended = false));
    let err = result.expect_err("a damaged file must be refused");
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("left it untouched"), "{err}");
    assert!(
        bytes(&path) == db_before,
        "the damaged file was modified after deckhand said it left it untouched"
    );
    assert!(bytes(&wal(&path)) == wal_before, "its WAL was modified");
}

/// Scribble over the file's header: it is no longer recognisably SQLite.
fn damage_header(path: &Path) {
    let mut content = bytes(path);
    content[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(path, &content).expect("write");
}

#[test]
fn a_backup_restored_beside_the_damaged_files_wal_is_not_rewritten() {
    restore_over(damage_header);
}

#[test]
fn a_backup_restored_beside_a_damaged_pages_wal_is_not_rewritten() {
    restore_over(damage);
}

fn restore_over(damage: fn(&Path)) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    let backup = dir.path().join("backup.sqlite3");
    database_with_a_wal(&path, &backup);
    damage(&path);
    let refused =
        Store::open(&path).and_then(|mut s| s.update_progress(&keys()[0], |p| p.suspended = false));
    assert!(refused.is_err(), "the damaged file is refused");
    // The user restores the backup over the file, as the message advises; the old WAL stays.
    std::fs::copy(&backup, &path).expect("restore");
    let restored = bytes(&path);
    match Store::open(&path) {
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("-wal"), "names the stale WAL: {msg}");
            assert!(msg.contains("left both untouched"), "{msg}");
        }
        Ok(store) => drop(store),
    }
    assert!(
        bytes(&path) == restored,
        "the restored file was rewritten with the damaged file's WAL"
    );
    // Once the stale WAL is moved aside, the restored file opens.
    std::fs::rename(wal(&path), dir.path().join("old-wal")).expect("move the WAL aside");
    let _ = std::fs::remove_file(dir.path().join("progress.sqlite3-shm"));
    let mut store = Store::open(&path).expect("the restored file opens");
    store.verify().expect("and is sound");
    store
        .update_progress(&keys()[1], |p| p.suspended = false)
        .expect("and takes writes");
}

/// `Store::open` in a thread: a hang shows as a timeout instead of a stuck test.
fn open_within(path: &Path, limit: Duration) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(Store::open(&path).map(drop).map_err(|e| e.to_string()));
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("Store::open hung for {limit:?} on a special file"))
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_database_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    let c = std::ffi::CString::new(path.to_str().expect("utf-8 path")).expect("c path");
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let err = open_within(&path, Duration::from_secs(10)).expect_err("refused");
    assert!(
        err.contains("FIFO") && err.contains("left it untouched"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_as_the_database_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    std::os::unix::fs::symlink("/dev/zero", &path).expect("link");
    let err = open_within(&path, Duration::from_secs(10)).expect_err("refused");
    assert!(err.contains("a device"), "{err}");
}

#[test]
fn the_integrity_check_runs_off_the_open_path_and_gates_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    {
        let mut store = Store::open(&path).expect("create");
        for k in &keys() {
            store
                .update_progress(k, |p| p.suspended = true)
                .expect("write rows");
        }
    }
    damage(&path);
    let before = bytes(&path);
    // Page 2 is damaged, page 1 is not: the open itself succeeds (no whole-file read) ...
    let mut store = Store::open(&path).expect("open does not wait for the check");
    // ... and the verdict arrives; the write waits for it and is refused.
    let err = store
        .update_progress(&keys()[0], |p| p.suspended = false)
        .expect_err("refused");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(matches!(store.verify(), Err(StoreError::Corrupt { .. })));
    drop(store);
    assert!(bytes(&path) == before, "file unchanged");
}

#[test]
fn error_messages_say_their_cause_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    drop(Store::open(&path).expect("create"));
    let err = StoreError::Sqlite {
        path: path.clone(),
        error: rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some("attempt to write a readonly database".into()),
        ),
    };
    let shown = format!("{:#}", anyhow::Error::from(err));
    assert_eq!(shown.matches("readonly database").count(), 1, "{shown}");
}
