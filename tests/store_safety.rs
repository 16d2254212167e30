//! A file that is not a deckhand database is reported clearly and never modified; a database
//! from a newer schema is refused.

use deckhand::store::{SCHEMA_VERSION, Store, StoreError};

fn bytes(p: &std::path::Path) -> Vec<u8> {
    std::fs::read(p).expect("read file")
}

#[test]
fn non_sqlite_file_is_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    let content = b"[user]\nname = \"not a database\"\n".repeat(100);
    std::fs::write(&path, &content).expect("write");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()),
        "names the file: {msg}"
    );
    assert!(msg.contains("move it aside"), "says how to recover: {msg}");
    assert_eq!(bytes(&path), content, "file unchanged");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "no -wal/-shm or other files created: {names:?}"
    );
}

#[test]
fn damaged_sqlite_file_is_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    {
        let mut store = Store::open(&path).expect("create");
        let items: Vec<_> = (0..300)
            .map(|i| deckhand::srs::queue::ItemKey::new("p", format!("i{i}")))
            .collect();
        let now = chrono::Utc::now();
        for k in &items {
            store
                .update_progress(k, |p| p.suspended = true)
                .expect("write rows");
        }
        drop(
            store
                .queue_input(&items, now, Default::default())
                .expect("read"),
        );
    }
    // Checkpointed and closed: everything is in the main file. Scribble over page 2 onwards.
    let mut content = bytes(&path);
    assert!(content.len() > 8192, "database has several pages");
    for b in &mut content[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &content).expect("write");
    // The whole-file check runs in the background: the verdict refuses the file.
    let err = Store::open(&path)
        .and_then(|mut s| s.verify())
        .expect_err("must refuse");
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        ),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("Move it aside"),
        "{msg}"
    );
    assert_eq!(bytes(&path), content, "file unchanged");
}

#[test]
fn newer_schema_is_refused_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .expect("setup");
    }
    let before = bytes(&path);
    let err = Store::open(&path).expect_err("must refuse");
    match &err {
        StoreError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!((*found, *supported), (99, SCHEMA_VERSION));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
    assert!(err.to_string().contains("newer deckhand"), "{err}");
    assert_eq!(bytes(&path), before, "file unchanged");
}

#[test]
fn empty_file_and_missing_directory_are_fine() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").expect("write");
    Store::open(&empty).expect("an empty file is an empty database");
    let nested = dir.path().join("a/b/progress.sqlite3");
    let store = Store::open(&nested).expect("creates the directory");
    assert_eq!(store.review_count().expect("count"), 0);
    // Reopening an up-to-date database does not migrate again.
    drop(store);
    Store::open(&nested).expect("reopen");
}

#[test]
fn a_deckhand_database_from_before_the_application_id_opens_and_is_marked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    drop(Store::open(&path).expect("create"));
    let id = |p: &std::path::Path| -> i64 {
        rusqlite::Connection::open(p)
            .expect("open")
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .expect("id")
    };
    assert_eq!(id(&path), i64::from(deckhand::store::APPLICATION_ID));
    // As written before deckhand set an id: its tables, no id.
    rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_update(None, "application_id", 0)
        .expect("clear");
    drop(Store::open(&path).expect("a deckhand database opens"));
    assert_eq!(id(&path), i64::from(deckhand::store::APPLICATION_ID));
    // Another program's id: refused, untouched.
    let other = dir.path().join("other.sqlite3");
    {
        let conn = rusqlite::Connection::open(&other).expect("open");
        conn.pragma_update(None, "application_id", 1234)
            .expect("id");
        conn.execute_batch("CREATE TABLE card_state (x)")
            .expect("table");
    }
    let before = bytes(&other);
    let err = Store::open(&other).expect_err("refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err:?}");
    assert_eq!(bytes(&other), before);
}
