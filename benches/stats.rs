//! `cargo bench --bench stats`: every figure of the statistics screen for 50,000 cards and
//! 500,000 review-log rows (target: 100 ms), against baselines measured in the same run:
//! one SQLite pass over the log that only counts (what any statistic computed from the log
//! itself would pay), reading the log's needed columns into Rust row by row (what summing in
//! Rust would pay before doing any work), and visiting the 50,000 card states (the floor of
//! the card figures). The statistics read the log's quarter-hour sums (`log_buckets`), kept by
//! triggers, instead of the log; the times are uniform over 400 days here, so every quarter
//! hour has answers (38,400 buckets, the worst case; a learner's few sessions a day fill far
//! fewer).

#[path = "support/answers.rs"]
mod answers;
#[path = "support/gen.rs"]
mod generator;
#[path = "support/timing.rs"]
mod timing;

use chrono::{TimeZone, Utc};

use deckhand::content::load_path;
use deckhand::srs::queue::DayClock;
use deckhand::store::Store;

const CARDS: usize = 50_000;
const LOG_ROWS: usize = 500_000;
const DAY: i64 = 86_400_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack_dir = dir.path().join("pack");
    generator::write_pack(&pack_dir, CARDS, 50).expect("pack");
    let lib = load_path(&pack_dir);
    assert_eq!(lib.report.errors(), 0);
    let pack = &lib.packs[0];
    let items: Vec<String> = pack
        .items()
        .map(|(c, f)| c.item_id(f))
        .take(CARDS)
        .collect();
    let now = Utc
        .with_ymd_and_hms(2026, 12, 6, 14, 0, 0)
        .single()
        .expect("valid");
    let path = dir.path().join("progress.sqlite3");
    drop(Store::open(&path).expect("schema"));
    populate(&path, &items, now.timestamp_millis());
    println!(
        "{} cards ({} items), {LOG_ROWS} log rows",
        pack.cards.len(),
        items.len()
    );

    let store = Store::open(&path).expect("open");
    let clock = DayClock::new(3600, 4);
    let conn = rusqlite::Connection::open(&path).expect("raw");
    let floor = timing::measure("baseline: one counting pass over the log (SQL)", 10, || {
        let n: i64 = conn
            .query_row("SELECT COUNT(*), SUM(answer_ms) FROM review_log", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(n as usize, LOG_ROWS);
    });
    let naive = timing::measure("baseline: read the log's columns into Rust", 10, || {
        let mut stmt = conn
            .prepare_cached(
                "SELECT reviewed_ms, answer_ms, rating, correct, b_state, b_due_ms, \
                 b_last_review_ms FROM review_log",
            )
            .expect("prepare");
        let mut rows = stmt.query([]).expect("query");
        let mut sum = 0i64;
        while let Some(r) = rows.next().expect("row") {
            sum += r.get::<_, i64>(1).expect("ms") + r.get::<_, i64>(0).expect("t") % 7;
        }
        assert!(sum > 0);
    });
    let cards = timing::measure("baseline: visit the card states (no work)", 10, || {
        let mut n = 0;
        store.for_each_card(None, |_| n += 1).expect("cards");
        assert!(n > 40_000);
    });
    let one = timing::measure("stats::compute, one pack", 10, || {
        let s = deckhand::stats::compute(&store, &lib.packs, Some("generated"), now, clock)
            .expect("stats");
        assert_eq!(s.total.answers as usize, LOG_ROWS);
    });
    let all = timing::measure("stats::compute, every pack", 10, || {
        let s = deckhand::stats::compute(&store, &lib.packs, None, now, clock).expect("stats");
        assert!(s.cards.total as usize >= CARDS);
    });
    let (with, without) = (answer_commit(true), answer_commit(false));
    println!(
        "answer commit: median {with:.3} ms with the log_buckets triggers, {without:.3} ms without"
    );
    println!(
        "stats: {one:.1} ms one pack, {all:.1} ms all (target 100 ms); baselines: counting pass \
         over the log {floor:.1} ms, reading the log's rows {naive:.1} ms, visiting the card \
         states {cards:.1} ms"
    );
}

/// Median time to commit one answer, with the `log_buckets` triggers or without them.
fn answer_commit(triggers: bool) -> f64 {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    drop(Store::open(&path).expect("schema"));
    if !triggers {
        rusqlite::Connection::open(&path)
            .expect("raw")
            .execute_batch(
                "DROP TRIGGER log_buckets_insert; DROP TRIGGER log_buckets_delete; \
                 DROP TRIGGER log_buckets_update_old; DROP TRIGGER log_buckets_update_new;",
            )
            .expect("drop");
    }
    let mut store = Store::open(&path).expect("open");
    let start = Utc
        .with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
        .single()
        .expect("valid");
    let mut times: Vec<f64> = answers::answer_commits(&mut store, start, 1500)
        .iter()
        .map(|d| d.as_secs_f64() * 1e3)
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn populate(path: &std::path::Path, items: &[String], now_ms: i64) {
    let mut conn = rusqlite::Connection::open(path).expect("raw open");
    let tx = conn.transaction().expect("tx");
    {
        let mut st = tx
            .prepare(
                "INSERT INTO card_state (pack, item, state, step, stability, difficulty, due_ms, \
                 last_review_ms, reps, lapses, suspended, leech) \
                 VALUES ('generated', ?1, ?2, NULL, ?3, ?4, ?5, ?6, 5, ?7, ?8, ?9)",
            )
            .expect("prepare");
        for (i, item) in items.iter().enumerate() {
            if i % 10 == 9 {
                continue; // never answered
            }
            let state = if i % 20 == 3 { 1 } else { 2 };
            let due = now_ms + ((i as i64 * 7919) % 360 - 60) * DAY;
            st.execute(rusqlite::params![
                item,
                state,
                1.0 + (i % 500) as f64,
                1.0 + (i % 9) as f64,
                due,
                due - 5 * DAY,
                (i % 12) as i64,
                i % 97 == 0,
                i % 12 == 11,
            ])
            .expect("state");
        }
    }
    {
        let mut st = tx
            .prepare(
                "INSERT INTO review_log (pack, item, reviewed_ms, rating, answer_ms, kind, \
                 correct, queue, b_state, b_due_ms, b_last_review_ms, b_reps, b_lapses, \
                 b_suspended, b_leech, a_state, a_reps, a_lapses, a_suspended, a_leech) \
                 VALUES ('generated', ?1, ?2, ?3, ?4, 'basic', NULL, 'review', ?5, ?6, ?7, 1, 0, \
                 0, 0, 2, 2, 0, 0, 0)",
            )
            .expect("prepare");
        for r in 0..LOG_ROWS {
            let item = &items[(r * 31) % items.len()];
            let at = now_ms - ((r as i64 * 104_729) % (400 * DAY));
            let state = [0, 1, 2, 2, 2][r % 5];
            let interval = 1 + (r as i64 % 60);
            st.execute(rusqlite::params![
                item,
                at,
                1 + (r % 4) as i64,
                800 + (r % 40) as i64 * 500,
                state,
                (state == 2).then_some(at - (r as i64 % 3) * DAY),
                (state == 2).then_some(at - interval * DAY),
            ])
            .expect("log");
        }
    }
    tx.commit().expect("commit");
}
