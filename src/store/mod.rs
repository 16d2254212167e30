//! Progress in SQLite: card states, the review log, sessions and per-pack settings, in
//! `<data dir>/progress.sqlite3`.
//!
//! # Durability
//! The database runs in WAL mode with `synchronous = NORMAL`. Every answer is its own
//! `BEGIN IMMEDIATE … COMMIT`, and the commit returns only after the WAL frames have been
//! written to the file (`write(2)` into the OS page cache), so an acknowledged answer survives
//! `kill -9`, a panic, or any crash of deckhand itself: the kernel still writes it out and the
//! next open replays the WAL (`tests/store_durability.rs` kills the real binary to check).
//! What NORMAL gives up is an fsync per commit, so an OS crash or power cut may lose the last
//! few answers (never corrupt the database; WAL is fsynced at each checkpoint).
//! `synchronous = FULL` ([`Durability::Full`]) closes that window too, but costs an fsync per
//! answer: `benches/store.rs` measured FULL at 4.0 ms median in one run and 0.19-0.22 ms in others
//! on this shared disk (fsync latency depends on what else is writing), against a steady
//! 0.026 ms for NORMAL. The 1 ms budget and the kill -9 guarantee are both met only by NORMAL
//! under load, so NORMAL is the default.
//!
//! # Concurrency
//! Writers take the write lock up front (`BEGIN IMMEDIATE`), wait on a busy timeout, and on
//! top of it retry a busy/locked error with backoff for up to [`BUSY_RETRY_FOR`]; WAL lets
//! readers go on meanwhile. Two deckhand processes on one database therefore never surface
//! `database is locked`.
//!
//! # Safety of the user's file
//! A file that is not SQLite, or is damaged, is reported as [`StoreError::NotADatabase`] /
//! [`StoreError::Corrupt`] naming the file and how to recover; deckhand never writes to it.
//! The integrity check runs off the start path, in a background thread; the first write
//! waits for its verdict ([`integrity`]). A `-wal` left over from a damaged file beside a
//! restored one is refused ([`StoreError::ForeignWal`]). A path that is not a regular file (a
//! FIFO, a device) is refused without opening it for reading. Deckhand's databases carry an
//! `application_id`; a non-empty database without it (and without deckhand's tables) belongs
//! to another program and is refused the same way ([`StoreError::Foreign`]). A database
//! written by a newer deckhand ([`StoreError::NewerSchema`]) is refused before anything is
//! changed.

mod exam;
mod flags;
mod integrity;
mod log;
mod progress;
mod rows;
mod schema;
mod stats;
mod study;
mod transfer;
mod updates;

pub use integrity::{Integrity, Verdict};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::srs::PackOptions;

pub use exam::{ExamRecord, ExamReview};
pub use flags::Flag;
pub use log::{LoggedAnswer, TodayStats};
pub use progress::DayState;
pub use stats::{CardRow, LogDay, MATURE_DAYS, MAX_COUNTED_ANSWER_MS};
pub use study::{
    AnswerMeta, Answered, Change, ItemKind, LogEntry, SessionKind, SessionSummary, SessionTally,
    StudySession,
};
pub use transfer::{
    Answer, DUMP_TABLES, ExportedReview, ItemAnswers, ItemHistory, ProgressDump, RestoreSummary,
    TableDump,
};
pub use updates::PackUpdate;

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = schema::MIGRATIONS.len() as i64;

/// Marks deckhand's databases (`PRAGMA application_id`): "DCKH".
pub const APPLICATION_ID: i32 = 0x4443_4B48;

/// How long a write keeps retrying while another process holds the lock.
pub const BUSY_RETRY_FOR: Duration = Duration::from_secs(30);

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Errors of the progress store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not an SQLite database at all.
    #[error(
        "{path} is not a deckhand progress database (it is not an SQLite file); deckhand left it \
         untouched. To start with fresh progress, move it aside (for example `mv {path} {path}.bad`) \
         and run deckhand again; to keep your progress, restore a backup of the file."
    )]
    NotADatabase {
        /// The database path.
        path: PathBuf,
    },
    /// The file is SQLite but damaged.
    #[error(
        "{path} is damaged ({detail}); deckhand left it untouched. Move it aside (for example \
         `mv {path} {path}.bad`, with its -wal and -shm files if present) and run deckhand again \
         to start with fresh progress, or restore a backup (remove {path}-wal and {path}-shm \
         first: they belong to the damaged file); `sqlite3 {path} .recover` may rescue part of it."
    )]
    Corrupt {
        /// The database path.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// A `-wal` file of an earlier, damaged database sits beside a file that replaced it;
    /// opening would replay the old pages into the new file.
    #[error(
        "{wal} belongs to the damaged database that {path} replaced; opening it would copy the \
         damaged file's pages into {path}. deckhand left both untouched. Move the old files \
         aside (for example `mv {wal} {wal}.bad` and `mv {path}-shm {path}-shm.bad`) and run \
         deckhand again."
    )]
    ForeignWal {
        /// The database path.
        path: PathBuf,
        /// The stale WAL file.
        wal: PathBuf,
    },
    /// The database path is not a regular file (a FIFO, a device, a socket, a folder).
    #[error(
        "{path} is {what}, not a database file; deckhand left it untouched. Move it aside, or \
         give --data-dir a folder of your own"
    )]
    NotAFile {
        /// The database path.
        path: PathBuf,
        /// What it is instead ("a FIFO", …).
        what: &'static str,
    },
    /// The file is an SQLite database of another program.
    #[error(
        "{path} is not a deckhand progress database (another program's SQLite database); \
         deckhand left it untouched. Use another data directory (--data-dir) or move the file \
         aside."
    )]
    Foreign {
        /// The database path.
        path: PathBuf,
    },
    /// The database was written by a newer deckhand.
    #[error(
        "{path} was written by a newer deckhand (schema version {found}, this build knows up to \
         {supported}); refusing to open it so it is not damaged. Upgrade deckhand."
    )]
    NewerSchema {
        /// The database path.
        path: PathBuf,
        /// Version found in the file.
        found: i64,
        /// Highest version this build supports.
        supported: i64,
    },
    /// The database stayed locked by another process for longer than [`BUSY_RETRY_FOR`].
    #[error("{path} stayed locked by another deckhand for {secs} s; close the other one and retry")]
    Busy {
        /// The database path.
        path: PathBuf,
        /// How long we waited.
        secs: u64,
    },
    /// The data directory or file could not be accessed. (The cause is part of the message,
    /// not a `source`, so that error chains do not print it twice.)
    #[error("cannot access {path}: {error}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// A stored value does not make sense (edited by hand?).
    #[error("{path}: invalid stored value: {detail}")]
    InvalidData {
        /// The database path.
        path: PathBuf,
        /// What is wrong.
        detail: String,
    },
    /// Any other SQLite error (the cause is part of the message, printed once).
    #[error("{path}: {error}")]
    Sqlite {
        /// The database path.
        path: PathBuf,
        /// The cause.
        error: rusqlite::Error,
    },
}

/// How hard commits are made durable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `synchronous = NORMAL` (default): survives kill -9 and application crashes; an OS crash
    /// or power loss may lose the last commits (never corrupts).
    #[default]
    Normal,
    /// `synchronous = FULL`: also survives OS crash and power loss, at one fsync per answer.
    Full,
}

/// The progress database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// In-memory option layers per pack: `(defaults, overrides)`; see [`Store::set_pack_layers`].
    layers: std::collections::HashMap<String, (PackOptions, PackOptions)>,
    /// How long writes keep retrying while another process holds the lock.
    busy_retry: Duration,
    /// The integrity check's verdict, awaited by the first write.
    integrity: Integrity,
    /// The verdict was "sound" (writes no longer wait).
    sound: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (or create) the database at `path` with the default durability, migrating it to
    /// the current schema. Creates the parent directory if needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, Durability::default())
    }

    /// [`Store::open`] with an explicit durability setting.
    pub fn open_with(path: &Path, durability: Durability) -> Result<Store, StoreError> {
        let started = Instant::now();
        let opened = Self::open_inner(path, durability);
        match &opened {
            Ok(_) => tracing::debug!(
                path = %path.display(),
                ms = started.elapsed().as_millis() as u64,
                "store opened"
            ),
            Err(e) => tracing::error!(path = %path.display(), "store: {e}"),
        }
        opened
    }

    fn open_inner(path: &Path, durability: Durability) -> Result<Store, StoreError> {
        let path = path.to_path_buf();
        let existing = check_header(&path).inspect_err(|e| {
            if matches!(e, StoreError::NotADatabase { .. }) {
                integrity::note_damaged(&path);
            }
        })?;
        if existing && integrity::foreign_wal(&path) {
            return Err(StoreError::ForeignWal {
                wal: integrity::wal_path(&path),
                path,
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| StoreError::Io {
                path: dir.to_path_buf(),
                error,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        // Until the file is known to be sound, closing must not checkpoint the WAL into it.
        if existing {
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
                .map_err(|e| classify(&path, e))?;
        }
        let mut store = Store {
            conn,
            path,
            layers: Default::default(),
            busy_retry: BUSY_RETRY_FOR,
            integrity: Integrity::known(Verdict::Sound),
            sound: !existing,
        };
        store.init(durability, existing)?;
        Ok(store)
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| classify(&path, e))?;
        let mut store = Store {
            conn,
            path,
            layers: Default::default(),
            busy_retry: BUSY_RETRY_FOR,
            integrity: Integrity::known(Verdict::Sound),
            sound: true,
        };
        store.init(Durability::default(), false)?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn init(&mut self, durability: Durability, existing: bool) -> Result<(), StoreError> {
        let timeout = Duration::from_secs(5);
        self.conn.busy_timeout(timeout).map_err(|e| self.err(e))?;
        // Read-only checks first: nothing is written to a file we are going to refuse.
        let version = self.user_version().inspect_err(|e| {
            if matches!(
                e,
                StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
            ) {
                integrity::note_damaged(&self.path);
            }
        })?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if existing {
            // The whole-file check runs in the background; the first write waits for it.
            self.integrity = Integrity::start(&self.path);
        }
        let ours = self.check_ours(version)?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Switching the journal mode writes the file.
            self.ensure_sound()?;
            self.with_retry(|conn| {
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                    .map(|_| ())
            })?;
        }
        let sync = match durability {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        };
        self.conn
            .pragma_update(None, "synchronous", sync)
            .map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| self.err(e))?;
        schema::migrate(self)?;
        self.prune_changes()?;
        if !ours {
            self.ensure_sound()?;
            self.with_retry(|conn| conn.pragma_update(None, "application_id", APPLICATION_ID))?;
        }
        Ok(())
    }

    /// Refuse a database that another program made. Deckhand's carry its `application_id`
    /// (older ones, from before it was set, are known by their tables and schema version);
    /// an empty file is a new database. Returns whether the id is already set.
    fn check_ours(&self, version: i64) -> Result<bool, StoreError> {
        let id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if id == i64::from(APPLICATION_ID) {
            return Ok(true);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
            .map_err(|e| self.err(e))?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.err(e))?;
        let deckhands = ["card_state", "review_log", "sessions", "pack_settings"]
            .iter()
            .all(|t| names.iter().any(|n| n == t));
        if id == 0 && (names.is_empty() || (version >= 1 && deckhands)) {
            Ok(false)
        } else {
            Err(StoreError::Foreign {
                path: self.path.clone(),
            })
        }
    }

    /// Wait for the integrity check's verdict: `Ok` once the file is known to be sound,
    /// [`StoreError::Corrupt`] (and nothing written) when it is damaged.
    pub fn verify(&mut self) -> Result<(), StoreError> {
        self.ensure_sound()
    }

    /// A handle on the integrity check, to learn its verdict without waiting.
    pub fn integrity(&self) -> Integrity {
        self.integrity.clone()
    }

    fn ensure_sound(&mut self) -> Result<(), StoreError> {
        if self.sound {
            return Ok(());
        }
        match self.integrity.wait() {
            Verdict::Sound => {
                self.sound = true;
                // A sound file may be checkpointed again when deckhand closes it.
                let _ = self
                    .conn
                    .set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false);
                Ok(())
            }
            Verdict::Damaged(detail) => Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail,
            }),
        }
    }

    fn user_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// How long a write keeps retrying while another process holds the lock (default
    /// [`BUSY_RETRY_FOR`]); after that it fails with [`StoreError::Busy`].
    pub fn set_busy_retry(&mut self, wait: Duration) {
        self.busy_retry = wait;
        // SQLite's own wait inside one attempt must not outlast the whole retry budget.
        let per_attempt = wait.min(Duration::from_secs(5));
        // Changing the timeout of an open connection cannot fail for a valid duration.
        let _ = self.conn.busy_timeout(per_attempt);
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    pub(crate) fn invalid(&self, detail: String) -> StoreError {
        StoreError::InvalidData {
            path: self.path.clone(),
            detail,
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run `f` in one write transaction (`BEGIN IMMEDIATE`), committed before returning;
    /// retried while another process holds the lock.
    pub(crate) fn write<T>(
        &mut self,
        mut f: impl FnMut(&rusqlite::Transaction<'_>) -> Result<T, rusqlite::Error>,
    ) -> Result<T, StoreError> {
        // Never write to a file the integrity check has not cleared.
        self.ensure_sound()?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(2);
        loop {
            let attempt = (|| {
                let _in_flight = hold_writes();
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?;
                let out = f(&tx)?;
                tx.commit()?;
                Ok(out)
            })();
            match attempt {
                Err(e) if is_busy(&e) => {
                    if started.elapsed() >= self.busy_retry {
                        tracing::error!(path = %self.path.display(), "store: a write stayed locked");
                        return Err(StoreError::Busy {
                            path: self.path.clone(),
                            secs: self.busy_retry.as_secs(),
                        });
                    }
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                other => {
                    return other.map_err(|e| {
                        let e = self.err(e);
                        tracing::error!("store write failed: {e}");
                        e
                    });
                }
            }
        }
    }

    fn with_retry(
        &mut self,
        mut f: impl FnMut(&Connection) -> Result<(), rusqlite::Error>,
    ) -> Result<(), StoreError> {
        let started = Instant::now();
        loop {
            match f(&self.conn) {
                Err(e) if is_busy(&e) && started.elapsed() < self.busy_retry => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other.map_err(|e| self.err(e)),
            }
        }
    }
}

/// Writes in flight in this process: a write transaction holds it from `BEGIN` to `COMMIT`.
static WRITES: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Wait until no write transaction of this process is in flight and keep new ones from
/// starting while the guard lives: the last step before exiting on a signal, so the answer
/// being saved is committed (or, if the process dies first, rolled back) as a whole.
pub fn hold_writes() -> std::sync::MutexGuard<'static, ()> {
    WRITES.lock().unwrap_or_else(|p| p.into_inner())
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Refuse a path that is not a regular file, and a non-empty file that does not start with
/// the SQLite header, before SQLite opens it. `Ok(true)` when a database with content is
/// there, `Ok(false)` when the file is new or empty.
fn check_header(path: &Path) -> Result<bool, StoreError> {
    use std::io::Read;
    let io = |error| StoreError::Io {
        path: path.to_path_buf(),
        error,
    };
    let mut file = match crate::files::open_regular(path) {
        Ok(Some(f)) => f,
        Ok(None) => return Ok(false),
        Err(crate::files::OpenError::Io(e)) => return Err(io(e)),
        Err(crate::files::OpenError::NotAFile(what)) => {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
                what,
            });
        }
    };
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(io(e)),
        }
    }
    if read == 0 {
        // An empty file is an empty database to SQLite.
        Ok(false)
    } else if read == header.len() && &header == SQLITE_HEADER {
        Ok(true)
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    if let rusqlite::Error::FromSqlConversionFailure(_, _, detail) = &e {
        return StoreError::InvalidData {
            path,
            detail: detail.to_string(),
        };
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase { path },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy {
            path,
            secs: BUSY_RETRY_FOR.as_secs(),
        },
        _ => StoreError::Sqlite { path, error: e },
    }
}

pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or(DateTime::UNIX_EPOCH)
}
