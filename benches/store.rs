//! `cargo bench --bench store`: the store's two hot paths.
//!
//! 1. Committing one answer (one `BEGIN IMMEDIATE … COMMIT` with the card state, the log row
//!    and the session counts), on a real file, with `synchronous = NORMAL` (the default) and
//!    `FULL` for comparison. Target: median under 1 ms.
//! 2. Building today's queue for 50,000 cards with 500,000 log rows: loading the states and
//!    today's log, per-pack settings, and building the session. Target: under 100 ms.
//!
//! A plain harness (no criterion): each figure is the median (and p95) of repeated runs.

#[path = "support/answers.rs"]
mod answers;

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use std::collections::HashMap;

use deckhand::srs::PackOptions;
use deckhand::srs::queue::{DayClock, ItemKey, Session};
use deckhand::store::{Durability, Store};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<58} median {:>9.3} ms   p95 {:>9.3} ms   (n = {})",
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.95).as_secs_f64() * 1e3,
        samples.len()
    );
}

fn bench_answers(durability: Durability) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store =
        Store::open_with(&dir.path().join("progress.sqlite3"), durability).expect("open");
    let start = Utc
        .with_ymd_and_hms(2025, 3, 10, 9, 0, 0)
        .single()
        .expect("valid");
    let samples = answers::answer_commits(&mut store, start, 2000);
    report(
        &format!("answer commit (WAL, synchronous={durability:?})"),
        samples,
    );
}

const CARDS: usize = 50_000;
const LOG_ROWS: usize = 500_000;

fn populate(path: &std::path::Path, now: chrono::DateTime<Utc>) -> Vec<ItemKey> {
    drop(Store::open(path).expect("create schema"));
    let mut conn = rusqlite::Connection::open(path).expect("raw open");
    let tx = conn.transaction().expect("tx");
    let packs = ["ecs", "ecr", "eks", "apprunner", "a2c"];
    let mut items = Vec::with_capacity(CARDS);
    let now_ms = now.timestamp_millis();
    let day = 86_400_000i64;
    {
        let mut st = tx
            .prepare(
                "INSERT INTO card_state (pack, item, state, step, stability, difficulty, due_ms, \
                 last_review_ms, reps, lapses, suspended, leech, buried_until_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, NULL)",
            )
            .expect("prepare");
        for i in 0..CARDS {
            let pack = packs[i % packs.len()];
            let item = if i % 7 == 0 {
                format!("card{}:reverse", i / 7)
            } else {
                format!("card{i}")
            };
            items.push(ItemKey::new(pack, item.clone()));
            if i % 10 == 9 {
                continue; // 10 % never answered: new
            }
            let (state, step) = if i % 20 == 3 { (1, Some(1)) } else { (2, None) };
            // Due dates spread from 60 days ago to 300 days ahead.
            let due = now_ms + ((i as i64 * 7919) % 360 - 60) * day + (i as i64 % 1000) * 1000;
            let due = if state == 1 {
                now_ms + (i as i64 % 30 - 10) * 60_000
            } else {
                due
            };
            st.execute(rusqlite::params![
                pack,
                item,
                state,
                step,
                1.0 + (i % 500) as f64,
                1.0 + (i % 9) as f64,
                due,
                due - 5 * day,
                10,
                (i % 5) as i64,
                i % 97 == 0,
            ])
            .expect("insert state");
        }
    }
    {
        let mut st = tx
            .prepare(
                "INSERT INTO review_log (pack, item, reviewed_ms, rating, answer_ms, kind, queue, \
                 b_state, b_reps, b_lapses, b_suspended, b_leech, a_state, a_reps, a_lapses, \
                 a_suspended, a_leech, b_stability, b_difficulty, a_stability, a_difficulty) \
                 VALUES (?1, ?2, ?3, ?4, 1500, 'basic', 'review', ?5, 1, 0, 0, 0, 2, 2, 0, 0, 0, \
                 2.0, 5.0, 3.0, 5.0)",
            )
            .expect("prepare");
        for r in 0..LOG_ROWS {
            let k = &items[(r * 31) % CARDS];
            // Spread over the last 400 days; the last 1,500 rows are today.
            let at = if r >= LOG_ROWS - 1500 {
                now_ms - (r % 3600) as i64 * 1000
            } else {
                now_ms - day - ((r as i64 * 104_729) % (400 * day))
            };
            st.execute(rusqlite::params![
                k.pack,
                k.item,
                at,
                1 + (r % 4) as i64,
                if r % 3 == 0 { 0 } else { 2 }
            ])
            .expect("insert log");
        }
    }
    tx.commit().expect("commit");
    items
}

fn bench_queue() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    let now = Utc
        .with_ymd_and_hms(2025, 3, 10, 14, 0, 0)
        .single()
        .expect("valid");
    let t = Instant::now();
    let items = populate(&path, now);
    println!(
        "populated {CARDS} cards and {LOG_ROWS} log rows in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        drop(Store::open(&path).expect("open"));
        opens.push(t.elapsed());
    }
    report("open (migrate check, quick_check, WAL)", opens);

    let mut store = Store::open(&path).expect("open");
    // Limits high enough that every due card is in the queue (the heaviest case).
    let big = PackOptions {
        new_per_day: Some(100_000),
        reviews_per_day: Some(100_000),
        ..PackOptions::default()
    };
    for pack in ["ecs", "ecr", "eks", "apprunner", "a2c"] {
        store.set_pack_options(pack, &big).expect("options");
    }
    let clock = DayClock::new(3600, 4);
    let mut loads = Vec::new();
    let mut builds = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let input = store.queue_input(&items, now, clock).expect("input");
        loads.push(t.elapsed());
        let t = Instant::now();
        let s = Session::new(input, HashMap::new(), now, clock);
        builds.push(t.elapsed());
        assert!(s.counts().total() > 0);
    }
    report("  of which: queue_input (SQLite reads)", loads);
    report("  of which: Session::new (pure queue build)", builds);
    let mut samples = Vec::new();
    let mut counts = None;
    for _ in 0..15 {
        let t = Instant::now();
        let s = store.start_review(&items, now, clock).expect("session");
        samples.push(t.elapsed());
        counts = Some(s.counts());
    }
    report(
        "today's queue: 50k cards, 500k log rows (start_review)",
        samples,
    );
    println!("  queue counts: {counts:?}");
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too, so keep it cheap
    // there.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    bench_answers(Durability::Normal);
    bench_answers(Durability::Full);
    bench_queue();
}
