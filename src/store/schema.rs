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
    // 4: the review log summed per pack and quarter hour (UTC), kept current by triggers, so
    // statistics for any time zone and day start read a few thousand rows instead of the whole
    // log. What each answer adds is defined once, in the view (see src/store/stats.rs).
    "
    CREATE VIEW review_log_facts AS SELECT id, pack, reviewed_ms / 900000 AS bucket,
        1 AS answers,
        b_state = 0 AS new,
        b_state IN (1, 3) AS learning,
        b_state = 2 AS review,
        COALESCE(correct, rating > 1) AS right,
        MIN(MAX(answer_ms, 0), 300000) AS answer_ms,
        due AND young AND rating > 1 AS young_pass,
        due AND young AND rating = 1 AS young_fail,
        due AND NOT young AND rating > 1 AS mature_pass,
        due AND NOT young AND rating = 1 AS mature_fail
    FROM (SELECT *,
        IFNULL(b_state = 2 AND b_due_ms - reviewed_ms < 86400000, 0) AS due,
        IFNULL(b_due_ms - b_last_review_ms < 1814400000, 1) AS young
        FROM review_log);

    CREATE TABLE log_buckets (
        pack        TEXT    NOT NULL,
        bucket      INTEGER NOT NULL,
        answers     INTEGER NOT NULL,
        new         INTEGER NOT NULL,
        learning    INTEGER NOT NULL,
        review      INTEGER NOT NULL,
        right       INTEGER NOT NULL,
        answer_ms   INTEGER NOT NULL,
        young_pass  INTEGER NOT NULL,
        young_fail  INTEGER NOT NULL,
        mature_pass INTEGER NOT NULL,
        mature_fail INTEGER NOT NULL,
        PRIMARY KEY (pack, bucket)
    ) WITHOUT ROWID;

    INSERT INTO log_buckets SELECT pack, bucket, SUM(answers), SUM(new), SUM(learning),
        SUM(review), SUM(right), SUM(answer_ms), SUM(young_pass), SUM(young_fail),
        SUM(mature_pass), SUM(mature_fail)
    FROM review_log_facts GROUP BY pack, bucket;

    CREATE TRIGGER log_buckets_insert AFTER INSERT ON review_log BEGIN
        INSERT INTO log_buckets SELECT pack, bucket, answers, new, learning, review, right,
            answer_ms, young_pass, young_fail, mature_pass, mature_fail
        FROM review_log_facts WHERE id = NEW.id
        ON CONFLICT (pack, bucket) DO UPDATE SET
            answers = answers + excluded.answers,
            new = new + excluded.new,
            learning = learning + excluded.learning,
            review = review + excluded.review,
            right = right + excluded.right,
            answer_ms = answer_ms + excluded.answer_ms,
            young_pass = young_pass + excluded.young_pass,
            young_fail = young_fail + excluded.young_fail,
            mature_pass = mature_pass + excluded.mature_pass,
            mature_fail = mature_fail + excluded.mature_fail;
    END;

    CREATE TRIGGER log_buckets_delete BEFORE DELETE ON review_log BEGIN
        UPDATE log_buckets AS b SET
            answers = b.answers - f.answers,
            new = b.new - f.new,
            learning = b.learning - f.learning,
            review = b.review - f.review,
            right = b.right - f.right,
            answer_ms = b.answer_ms - f.answer_ms,
            young_pass = b.young_pass - f.young_pass,
            young_fail = b.young_fail - f.young_fail,
            mature_pass = b.mature_pass - f.mature_pass,
            mature_fail = b.mature_fail - f.mature_fail
        FROM review_log_facts AS f WHERE f.id = OLD.id AND b.pack = f.pack AND b.bucket = f.bucket;
    END;

    CREATE TRIGGER log_buckets_update_old BEFORE UPDATE OF pack, reviewed_ms, rating,
        answer_ms, correct, b_state, b_due_ms, b_last_review_ms ON review_log BEGIN
        UPDATE log_buckets AS b SET
            answers = b.answers - f.answers,
            new = b.new - f.new,
            learning = b.learning - f.learning,
            review = b.review - f.review,
            right = b.right - f.right,
            answer_ms = b.answer_ms - f.answer_ms,
            young_pass = b.young_pass - f.young_pass,
            young_fail = b.young_fail - f.young_fail,
            mature_pass = b.mature_pass - f.mature_pass,
            mature_fail = b.mature_fail - f.mature_fail
        FROM review_log_facts AS f WHERE f.id = OLD.id AND b.pack = f.pack AND b.bucket = f.bucket;
    END;

    CREATE TRIGGER log_buckets_update_new AFTER UPDATE OF pack, reviewed_ms, rating,
        answer_ms, correct, b_state, b_due_ms, b_last_review_ms ON review_log BEGIN
        INSERT INTO log_buckets SELECT pack, bucket, answers, new, learning, review, right,
            answer_ms, young_pass, young_fail, mature_pass, mature_fail
        FROM review_log_facts WHERE id = NEW.id
        ON CONFLICT (pack, bucket) DO UPDATE SET
            answers = answers + excluded.answers,
            new = new + excluded.new,
            learning = learning + excluded.learning,
            review = review + excluded.review,
            right = right + excluded.right,
            answer_ms = answer_ms + excluded.answer_ms,
            young_pass = young_pass + excluded.young_pass,
            young_fail = young_fail + excluded.young_fail,
            mature_pass = mature_pass + excluded.mature_pass,
            mature_fail = mature_fail + excluded.mature_fail;
    END;
    ",
    // 5: the study core (src/store/progress.rs, src/store/flags.rs): a log of which items'
    // progress changed (written by triggers, whoever writes), so Home re-reads only those;
    // flags learners put on cards; small values the app keeps between runs. (IF NOT EXISTS:
    // a database taken back to an older version by hand may still hold them.)
    "
    CREATE TABLE IF NOT EXISTS progress_changes (
        seq  INTEGER PRIMARY KEY AUTOINCREMENT,
        pack TEXT NOT NULL,
        item TEXT NOT NULL
    );
    CREATE TRIGGER IF NOT EXISTS card_state_inserted AFTER INSERT ON card_state BEGIN
        INSERT INTO progress_changes (pack, item) VALUES (NEW.pack, NEW.item);
    END;
    CREATE TRIGGER IF NOT EXISTS card_state_updated AFTER UPDATE ON card_state BEGIN
        INSERT INTO progress_changes (pack, item) VALUES (OLD.pack, OLD.item);
        INSERT INTO progress_changes (pack, item) SELECT NEW.pack, NEW.item
            WHERE NEW.pack IS NOT OLD.pack OR NEW.item IS NOT OLD.item;
    END;
    CREATE TRIGGER IF NOT EXISTS card_state_deleted AFTER DELETE ON card_state BEGIN
        INSERT INTO progress_changes (pack, item) VALUES (OLD.pack, OLD.item);
    END;

    CREATE TABLE IF NOT EXISTS flags (
        pack       TEXT    NOT NULL,
        item       TEXT    NOT NULL,
        note       TEXT    NOT NULL,
        flagged_ms INTEGER NOT NULL,
        PRIMARY KEY (pack, item)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS app_values (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    ",
    // 6: the study day a pack's plan last brought cards forward (review ahead), so it is
    // done once a day however often deckhand starts.
    "
    ALTER TABLE exam_plans ADD COLUMN ahead_day INTEGER;
    ",
    // 7: the extra new cards a learner asked for with "study more today", per pack and study
    // day, so they outlive a restart (src/store/exam.rs). (IF NOT EXISTS: a database taken
    // back to an older version by hand may still hold it.)
    "
    CREATE TABLE IF NOT EXISTS study_more (
        pack      TEXT    NOT NULL,
        day       INTEGER NOT NULL,
        new_cards INTEGER NOT NULL,
        PRIMARY KEY (pack, day)
    ) WITHOUT ROWID;
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
