//! Schema migrations, versioned with `PRAGMA user_version`. Migration `i` (0-based) takes the
//! database from version `i` to `i + 1`; each runs in its own transaction together with the
//! version bump, so a crash leaves the database at one version or the next.

use super::{Store, StoreError};

/// The migrations, oldest first. Never edit a released one; append a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: card state, review log, sessions, per-pack settings.
    "
    CREATE TABLE card_state (
        pack            TEXT    NOT NULL,
        item            TEXT    NOT NULL,
        state           INTEGER NOT NULL,
        step            INTEGER,
        stability       REAL,
        difficulty      REAL,
        due_ms          INTEGER,
        last_review_ms  INTEGER,
        reps            INTEGER NOT NULL,
        lapses          INTEGER NOT NULL,
        suspended       INTEGER NOT NULL DEFAULT 0,
        leech           INTEGER NOT NULL DEFAULT 0,
        buried_until_ms INTEGER,
        PRIMARY KEY (pack, item)
    ) WITHOUT ROWID;

    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        kind        TEXT    NOT NULL CHECK (kind IN ('review', 'quiz', 'exam')),
        started_ms  INTEGER NOT NULL,
        ended_ms    INTEGER,
        answered    INTEGER NOT NULL DEFAULT 0,
        correct     INTEGER NOT NULL DEFAULT 0,
        wrong       INTEGER NOT NULL DEFAULT 0,
        new_seen    INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE review_log (
        id          INTEGER PRIMARY KEY,
        pack        TEXT    NOT NULL,
        item        TEXT    NOT NULL,
        session_id  INTEGER REFERENCES sessions(id),
        reviewed_ms INTEGER NOT NULL,
        rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        answer_ms   INTEGER NOT NULL,
        kind        TEXT    NOT NULL,
        correct     INTEGER,
        queue       TEXT    NOT NULL,
        b_state INTEGER NOT NULL, b_step INTEGER, b_stability REAL, b_difficulty REAL,
        b_due_ms INTEGER, b_last_review_ms INTEGER, b_reps INTEGER NOT NULL,
        b_lapses INTEGER NOT NULL, b_suspended INTEGER NOT NULL, b_leech INTEGER NOT NULL,
        b_buried_until_ms INTEGER,
        a_state INTEGER NOT NULL, a_step INTEGER, a_stability REAL, a_difficulty REAL,
        a_due_ms INTEGER, a_last_review_ms INTEGER, a_reps INTEGER NOT NULL,
        a_lapses INTEGER NOT NULL, a_suspended INTEGER NOT NULL, a_leech INTEGER NOT NULL,
        a_buried_until_ms INTEGER
    );
    CREATE INDEX review_log_time ON review_log (reviewed_ms);
    CREATE INDEX review_log_item ON review_log (pack, item, reviewed_ms);

    CREATE TABLE pack_settings (
        pack              TEXT PRIMARY KEY,
        desired_retention REAL,
        new_per_day       INTEGER,
        reviews_per_day   INTEGER,
        maximum_interval  INTEGER,
        leech_threshold   INTEGER,
        leech_suspend     INTEGER,
        parameters        TEXT
    );
    ",
    // 2: packs that evolve (src/store/updates.rs): the version and cards of each pack seen at
    // the last start, the replacements applied, and the id a moved log row was answered as.
    "
    ALTER TABLE review_log ADD COLUMN answered_as TEXT;

    CREATE TABLE pack_seen (
        pack    TEXT PRIMARY KEY,
        version TEXT    NOT NULL,
        hash    TEXT    NOT NULL,
        seen_ms INTEGER NOT NULL
    );

    CREATE TABLE pack_seen_cards (
        pack     TEXT    NOT NULL,
        card     TEXT    NOT NULL,
        fields   TEXT    NOT NULL,
        prompt   TEXT    NOT NULL,
        replaces TEXT    NOT NULL,
        retired  INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL,
        PRIMARY KEY (pack, card)
    ) WITHOUT ROWID;

    CREATE TABLE replacements (
        pack       TEXT    NOT NULL,
        old_card   TEXT    NOT NULL,
        new_card   TEXT    NOT NULL,
        applied_ms INTEGER NOT NULL,
        items      INTEGER NOT NULL,
        reviews    INTEGER NOT NULL,
        PRIMARY KEY (pack, old_card)
    ) WITHOUT ROWID;
    ",
    // 3: mock exams (papers with their answers; unfinished ones resume) and exam plans.
    "
    CREATE TABLE exams (
        id             INTEGER PRIMARY KEY,
        pack           TEXT    NOT NULL,
        profile        TEXT    NOT NULL,
        title          TEXT    NOT NULL,
        session_id     INTEGER REFERENCES sessions(id),
        pass_mark      INTEGER NOT NULL,
        time_limit_ms  INTEGER NOT NULL,
        started_ms     INTEGER NOT NULL,
        used_ms        INTEGER NOT NULL DEFAULT 0,
        position       INTEGER NOT NULL DEFAULT 0,
        finished_ms    INTEGER,
        auto_submitted INTEGER,
        correct        INTEGER,
        total          INTEGER,
        score          INTEGER,
        passed         INTEGER
    );
    CREATE INDEX exams_unfinished ON exams (finished_ms, started_ms);

    CREATE TABLE exam_questions (
        exam_id     INTEGER NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        pack        TEXT    NOT NULL,
        item        TEXT    NOT NULL,
        domain      TEXT    NOT NULL,
        option_seed INTEGER NOT NULL,
        answer      TEXT,
        flagged     INTEGER NOT NULL DEFAULT 0,
        time_ms     INTEGER NOT NULL DEFAULT 0,
        verdict     TEXT,
        PRIMARY KEY (exam_id, position)
    ) WITHOUT ROWID;
    CREATE INDEX exam_questions_item ON exam_questions (pack, item);

    CREATE TABLE exam_plans (
        pack             TEXT PRIMARY KEY,
        exam_date        TEXT NOT NULL,
        minutes_per_day  INTEGER,
        target_retention REAL
    );
    ",
];

/// Bring the database to [`super::SCHEMA_VERSION`].
pub(crate) fn migrate(store: &mut Store) -> Result<(), StoreError> {
    loop {
        let version = store.user_version()?;
        let Some(sql) = usize::try_from(version)
            .ok()
            .and_then(|v| MIGRATIONS.get(v))
        else {
            return Ok(());
        };
        store.write(|tx| {
            // Re-check inside the write lock: another process may have migrated meanwhile.
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now == version {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", version + 1)?;
            }
            Ok(())
        })?;
    }
}
