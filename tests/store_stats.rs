//! The review log's quarter-hour sums (`log_buckets`) stay equal to the log itself: after
//! answers, undo, edits of log rows, and when a database from before them is migrated.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use deckhand::srs::Rating;
use deckhand::srs::queue::{DayClock, ItemKey, Next};
use deckhand::store::{AnswerMeta, ItemKind, LogDay, Store};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0)
        .single()
        .expect("valid")
}

const META: AnswerMeta = AnswerMeta {
    kind: ItemKind::Choice,
    correct: Some(true),
    answer_ms: 7_000,
};

/// The day sums computed straight from the log, the way the buckets define them.
fn from_log(path: &std::path::Path, clock: DayClock) -> Vec<(i64, u32, u32, u64)> {
    let conn = rusqlite::Connection::open(path).expect("raw");
    let shift = clock.day_start_of(0).timestamp_millis();
    let mut stmt = conn
        .prepare(
            "SELECT (reviewed_ms - ?1) / 86400000 AS d, COUNT(*), \
             SUM(COALESCE(correct, rating > 1)), SUM(MIN(MAX(answer_ms, 0), 300000)) \
             FROM review_log GROUP BY d ORDER BY d",
        )
        .expect("prepare");
    stmt.query_map([shift], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as u64))
    })
    .expect("query")
    .map(|r| r.expect("row"))
    .collect()
}

fn summary(days: &[LogDay]) -> Vec<(i64, u32, u32, u64)> {
    days.iter()
        .map(|d| (d.day, d.answers, d.right, d.answer_ms))
        .collect()
}

fn answer_all(store: &mut Store, items: &[ItemKey], now: DateTime<Utc>) {
    let mut s = store
        .start_review(items, now, DayClock::default())
        .expect("session");
    while let Next::Card { key, .. } = s.next(now) {
        store
            .answer(&mut s, &key, Rating::Good, META, now)
            .expect("answer");
        if store.review_count().expect("count") > 40 {
            break;
        }
    }
}

#[test]
fn sums_follow_answers_undo_and_edits_of_the_log() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    let mut store = Store::open(&path).expect("store");
    let clock = DayClock::new(5 * 3600 + 1800, 4); // UTC+5:30, days from 04:00
    let items: Vec<ItemKey> = (0..6).map(|i| ItemKey::new("p", format!("c{i}"))).collect();
    // New cards and their learning steps (shown early, within the learn-ahead window).
    answer_all(&mut store, &items, t0());
    assert!(store.review_count().expect("count") >= 12);
    assert_eq!(
        summary(&store.log_days(None, clock).expect("days")),
        from_log(&path, clock)
    );

    // Undo removes the answer from the sums.
    let mut s = store
        .start_review(&items, t0() + TimeDelta::days(2), DayClock::default())
        .expect("session");
    let before = store.log_days(None, clock).expect("days");
    if let Next::Card { key, .. } = s.next(t0() + TimeDelta::days(2)) {
        let answered = store
            .answer(&mut s, &key, Rating::Again, META, t0() + TimeDelta::days(2))
            .expect("answer");
        assert!(store.revert(&answered.change).expect("undo"));
    }
    assert_eq!(store.log_days(None, clock).expect("days"), before);

    // A row moved to another day, and another made wrong, by editing the log.
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute(
        "UPDATE review_log SET reviewed_ms = reviewed_ms - 5 * 86400000 WHERE id = 1",
        [],
    )
    .expect("move");
    conn.execute(
        "UPDATE review_log SET correct = 0, answer_ms = 999999 WHERE id = 2",
        [],
    )
    .expect("edit");
    conn.execute("DELETE FROM review_log WHERE id = 3", [])
        .expect("delete");
    let days = store.log_days(None, clock).expect("days");
    assert_eq!(summary(&days), from_log(&path, clock));
    assert_eq!(days.len(), 2, "the moved answer makes a day of its own");
    assert_eq!(days[0].answers, 1);
    assert_eq!(
        store.log_days(Some("other"), clock).expect("days"),
        Vec::new()
    );
}

#[test]
fn a_database_from_before_the_sums_gets_them_from_its_log() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("progress.sqlite3");
    let clock = DayClock::default();
    {
        let mut store = Store::open(&path).expect("store");
        let items: Vec<ItemKey> = (0..5).map(|i| ItemKey::new("p", format!("c{i}"))).collect();
        answer_all(&mut store, &items, t0());
        answer_all(&mut store, &items, t0() + TimeDelta::days(3));
    }
    let expected = from_log(&path, clock);
    // Take the database back to the version before the sums existed.
    let conn = rusqlite::Connection::open(&path).expect("raw");
    conn.execute_batch(
        "DROP TRIGGER log_buckets_insert; DROP TRIGGER log_buckets_delete; \
         DROP TRIGGER log_buckets_update_old; DROP TRIGGER log_buckets_update_new; \
         DROP VIEW review_log_facts; DROP TABLE log_buckets; \
         ALTER TABLE exam_plans DROP COLUMN ahead_day; PRAGMA user_version = 3;",
    )
    .expect("downgrade");
    drop(conn);
    let store = Store::open(&path).expect("migrate");
    assert_eq!(
        summary(&store.log_days(None, clock).expect("days")),
        expected
    );
    assert_eq!(expected.len(), 2);
}
