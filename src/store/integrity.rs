//! The integrity check, off the start path: `PRAGMA quick_check` reads the whole database
//! (hundreds of milliseconds with a year of history), so it runs on a second, read-only
//! connection in a background thread while the trainer draws its first frame. The first write
//! waits for its verdict ([`super::Store::write`]), so deckhand still never writes to a
//! damaged file; until the verdict is "sound" the main connection does not checkpoint on
//! close either, so a damaged file is left exactly as it was found.
//!
//! A damaged database often has a `-wal` file beside it. When the user restores a backup over
//! the database, as the message advises, that old `-wal` still sits there and SQLite would
//! replay its pages into the restored file. So when a damaged database is found with a WAL,
//! deckhand notes the WAL's header and the file's fingerprint in `<file>.damaged`; a later
//! open that finds the same WAL beside a different file refuses to open it
//! ([`super::StoreError::ForeignWal`]) and touches neither.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use rusqlite::{Connection, OpenFlags};

/// What the integrity check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// `quick_check` said ok.
    Sound,
    /// The file is damaged; what SQLite reported.
    Damaged(String),
}

type Slot = (Mutex<Option<Verdict>>, Condvar);

/// A handle on the verdict of one database's integrity check; cheap to clone.
#[derive(Debug, Clone)]
pub struct Integrity {
    slot: Arc<Slot>,
}

impl Integrity {
    /// A verdict known from the start (a new or in-memory database).
    pub(crate) fn known(verdict: Verdict) -> Integrity {
        Integrity {
            slot: Arc::new((Mutex::new(Some(verdict)), Condvar::new())),
        }
    }

    /// Check the database at `path` in a background thread.
    pub(crate) fn start(path: &Path) -> Integrity {
        let handle = Integrity {
            slot: Arc::new((Mutex::new(None), Condvar::new())),
        };
        let slot = Arc::clone(&handle.slot);
        let path = path.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name("integrity-check".into())
            .spawn({
                let slot = Arc::clone(&slot);
                move || {
                    let verdict = check(&path);
                    if let Verdict::Damaged(_) = verdict {
                        note_damaged(&path);
                    }
                    publish(&slot, verdict);
                }
            });
        if let Err(e) = spawned {
            publish(&slot, Verdict::Damaged(format!("cannot check it: {e}")));
        }
        handle
    }

    /// The verdict if it is in.
    pub fn try_verdict(&self) -> Option<Verdict> {
        self.slot
            .0
            .lock()
            .map(|v| v.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Wait for the verdict.
    pub fn wait(&self) -> Verdict {
        let (lock, ready) = &*self.slot;
        let mut guard = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(v) = guard.as_ref() {
                return v.clone();
            }
            guard = ready.wait(guard).unwrap_or_else(|p| p.into_inner());
        }
    }
}

fn publish(slot: &Slot, verdict: Verdict) {
    let (lock, ready) = slot;
    *lock.lock().unwrap_or_else(|p| p.into_inner()) = Some(verdict);
    ready.notify_all();
}

fn check(path: &Path) -> Verdict {
    let run = || -> Result<String, rusqlite::Error> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
    };
    match run() {
        Ok(s) if s == "ok" => Verdict::Sound,
        Ok(s) => Verdict::Damaged(s),
        Err(e) => Verdict::Damaged(e.to_string()),
    }
}

/// `progress.sqlite3` → `progress.sqlite3-wal` (SQLite's own naming).
pub(crate) fn wal_path(db: &Path) -> PathBuf {
    sibling(db, "-wal")
}

fn marker_path(db: &Path) -> PathBuf {
    sibling(db, ".damaged")
}

fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The 32-byte WAL header (magic, version, page size, checkpoint sequence, salts, checksum),
/// if a non-empty WAL is there.
fn wal_header(db: &Path) -> Option<[u8; 32]> {
    use std::io::Read;
    let mut f = std::fs::File::open(wal_path(db)).ok()?;
    let mut h = [0u8; 32];
    f.read_exact(&mut h).ok()?;
    Some(h)
}

/// A fingerprint of the whole database file (FNV-1a over its bytes, and its length).
fn fingerprint(db: &Path) -> Option<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(db).ok()?;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut len: u64 = 0;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        len += n as u64;
        for &b in &buf[..n] {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    Some(format!("{len}:{hash:016x}"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Remember which WAL sat beside the damaged file (only when there is one).
pub(crate) fn note_damaged(db: &Path) {
    if let (Some(header), Some(print)) = (wal_header(db), fingerprint(db)) {
        let _ = std::fs::write(
            marker_path(db),
            format!("wal {}\nfile {print}\n", hex(&header)),
        );
    }
}

/// Is the WAL beside `db` the one a damaged file had, while `db` itself was replaced? Then
/// opening would replay foreign pages into it. Clears a note that no longer applies.
pub(crate) fn foreign_wal(db: &Path) -> bool {
    let marker = marker_path(db);
    let Ok(note) = std::fs::read_to_string(&marker) else {
        return false;
    };
    let field = |name: &str| {
        note.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
    };
    let same_wal = wal_header(db).is_some_and(|h| field("wal ") == Some(hex(&h)));
    if !same_wal {
        // The old WAL is gone (or is another one): the note has done its job.
        let _ = std::fs::remove_file(&marker);
        return false;
    }
    // The same WAL: foreign unless the file is still the damaged one it belonged to.
    fingerprint(db).is_some_and(|p| field("file ") != Some(p))
}
