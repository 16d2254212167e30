//! Reliability proofs of the store, on the real binary (issue 14 §3):
//!
//! - **kill -9 at random points**: `deckhand __answer-loop` answers in a loop (one `ack` line
//!   per committed answer) and is killed with SIGKILL at a seeded random moment — while it
//!   starts, opens or migrates the database, or in the middle of answering. After every kill:
//!   `PRAGMA integrity_check` is `ok`, the store opens, every acknowledged answer is in the
//!   log, and the state agrees with the log (below). 20 kills in `cargo test`; the full run:
//!   `DECKHAND_PROOF_KILLS=200 cargo test --profile bench --test proofs_store kill -- --nocapture`.
//! - **several processes on the same items**: three processes answer the same new items at
//!   once; afterwards nothing acknowledged is missing and the state agrees with the log.
//!
//! "The state agrees with the log": each item's `reps` equals its number of rows in the
//! review log, each log row's `reps` before the answer counts the rows before it, and each
//! session's `answered` equals its log rows.

#[path = "support/answer_loop.rs"]
mod answer_loop;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use answer_loop::{logged, parse_acks, spawn_loop};
use deckhand::store::Store;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// `PRAGMA integrity_check` on the file as a fresh connection sees it (WAL included).
fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open for the integrity check");
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    rows.join("; ")
}

/// Everything in the database where the state and the log disagree, as sentences.
fn disagreements(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut out = Vec::new();
    let mut query = |sql: &str, what: &str| {
        let mut stmt = conn.prepare(sql).expect(what);
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{what}: {} {} has {} but the log says {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?
                ))
            })
            .expect(what);
        out.extend(rows.map(|r| r.expect(what)));
    };
    query(
        "SELECT s.pack, s.item, s.reps, COUNT(l.id) FROM card_state s \
         LEFT JOIN review_log l ON l.pack = s.pack AND l.item = s.item \
         GROUP BY s.pack, s.item HAVING s.reps != COUNT(l.id)",
        "item reps",
    );
    query(
        "SELECT l.pack, l.item, COALESCE(s.reps, 0), COUNT(*) FROM review_log l \
         LEFT JOIN card_state s ON l.pack = s.pack AND l.item = s.item \
         GROUP BY l.pack, l.item HAVING COALESCE(s.reps, 0) != COUNT(*)",
        "logged item reps",
    );
    query(
        "SELECT l.pack, l.item || ' row ' || l.id, l.b_reps, \
         (SELECT COUNT(*) FROM review_log e WHERE e.pack = l.pack AND e.item = l.item \
          AND e.id < l.id) AS earlier \
         FROM review_log l WHERE l.b_reps != earlier",
        "reps before an answer",
    );
    query(
        "SELECT 'session', CAST(s.id AS TEXT), s.answered, COUNT(l.id) FROM sessions s \
         LEFT JOIN review_log l ON l.session_id = s.id \
         GROUP BY s.id HAVING s.answered != COUNT(l.id)",
        "session answered",
    );
    out
}

/// How one kill was aimed.
#[derive(Debug, Clone, Copy)]
enum Aim {
    /// This long after the spawn, whatever the process is doing (starting, opening, migrating).
    AfterSpawn(Duration),
    /// This long after the `n`th acknowledgement (in the middle of a later commit).
    AfterAcks(usize, Duration),
}

#[derive(Debug, Default)]
struct KillRun {
    kills: usize,
    acked: usize,
    /// Kills that landed before the first acknowledgement of their round.
    before_first_ack: usize,
    lost: usize,
}

fn kill_run(kills: usize, seed: u64) -> KillRun {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.sqlite3");
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut run = KillRun::default();
    let mut acked_so_far: Vec<(String, String, i64)> = Vec::new();
    for round in 0..kills {
        let aim = if rng.random_range(0..5) == 0 {
            Aim::AfterSpawn(Duration::from_micros(rng.random_range(0..150_000)))
        } else {
            Aim::AfterAcks(
                rng.random_range(1..60),
                Duration::from_micros(rng.random_range(0..3_000)),
            )
        };
        // A pack per round, so the loop always has new items; the database is shared, so it
        // grows and every kill but the first meets a file earlier kills left behind.
        let mut child = spawn_loop(dir.path(), &format!("kill{round}"), 1_000_000, 2_000);
        let stdout = child.stdout.take().expect("stdout");
        let mut reader = BufReader::new(stdout);
        let mut text = String::new();
        match aim {
            Aim::AfterSpawn(wait) => std::thread::sleep(wait),
            Aim::AfterAcks(n, wait) => {
                let mut acks = 0;
                let mut line = String::new();
                while acks < n {
                    line.clear();
                    if reader.read_line(&mut line).expect("read") == 0 {
                        break;
                    }
                    acks += usize::from(line.starts_with("ack "));
                    text.push_str(&line);
                }
                std::thread::sleep(wait);
            }
        }
        child.kill().expect("SIGKILL");
        // Acknowledgements printed before the kill are still in the pipe.
        reader.read_to_string(&mut text).expect("drain stdout");
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            e.read_to_string(&mut stderr).expect("drain stderr");
        }
        let status = child.wait().expect("wait");
        assert!(
            !status.success(),
            "round {round} ({aim:?}): the loop ended before the kill: {stderr}"
        );

        let acked = parse_acks(&text);
        run.before_first_ack += usize::from(acked.is_empty());
        run.acked += acked.len();
        acked_so_far.extend(acked);
        if !db.exists() {
            // Killed before the database was created: nothing was acknowledged.
            assert!(acked_so_far.is_empty(), "round {round}: no database");
            run.kills += 1;
            continue;
        }
        let verdict = integrity(&db);
        assert_eq!(verdict, "ok", "round {round} ({aim:?}): integrity_check");
        let store = Store::open(&db)
            .unwrap_or_else(|e| panic!("round {round} ({aim:?}): reopen after the kill: {e}"));
        let have = logged(&store);
        drop(store);
        let lost: Vec<_> = acked_so_far.iter().filter(|a| !have.contains(*a)).collect();
        run.lost += lost.len();
        assert!(
            lost.is_empty(),
            "round {round} ({aim:?}): lost acknowledged answers {lost:?}"
        );
        let bad = disagreements(&db);
        assert!(
            bad.is_empty(),
            "round {round} ({aim:?}): the state disagrees with the log:\n{}",
            bad.join("\n")
        );
        run.kills += 1;
    }
    run
}

#[test]
fn kill_9_at_random_points_loses_no_acknowledged_answer() {
    let kills = env_number("DECKHAND_PROOF_KILLS", 20) as usize;
    let seed = env_number("DECKHAND_PROOF_SEED", 14);
    let started = Instant::now();
    let run = kill_run(kills, seed);
    assert_eq!(run.kills, kills);
    assert!(
        run.acked > kills,
        "too few answers acknowledged to prove anything: {run:?}"
    );
    println!(
        "kill -9 proof (seed {seed}): {} kills ({} before the first ack of their round), \
         {} acknowledged answers, {} lost, integrity_check ok after every kill, state agrees \
         with the log; {:.1?}",
        run.kills,
        run.before_first_ack,
        run.acked,
        run.lost,
        started.elapsed()
    );
}

#[test]
fn processes_answering_the_same_items_agree_with_the_log() {
    let rounds = env_number("DECKHAND_PROOF_ROUNDS", 2) as usize;
    let processes = 3;
    let items = 40u32;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("progress.sqlite3");
    drop(Store::open(&db).expect("create"));
    let started = Instant::now();
    let mut acked = Vec::new();
    for round in 0..rounds {
        // Every process holds all the pack's new items in its session, so most items are
        // answered by several processes, one after another changed them.
        let pack = format!("shared{round}");
        let children: Vec<Child> = (0..processes)
            .map(|_| spawn_loop(dir.path(), &pack, items, items))
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success(),
                "round {round}: a process failed: {stderr}"
            );
            assert!(!stderr.contains("locked"), "saw a lock error: {stderr}");
            acked.extend(parse_acks(&String::from_utf8_lossy(&out.stdout)));
        }
    }
    let total = rounds * processes * items as usize;
    assert_eq!(acked.len(), total, "acknowledged answers");
    let store = Store::open(&db).expect("open");
    let have = logged(&store);
    let lost = acked.iter().filter(|a| !have.contains(*a)).count();
    assert_eq!(lost, 0, "acknowledged answers missing from the log");
    assert_eq!(store.review_count().expect("count"), total as u64);
    drop(store);
    assert_eq!(integrity(&db), "ok");
    let bad = disagreements(&db);
    assert!(
        bad.is_empty(),
        "the state disagrees with the log:\n{}",
        bad.join("\n")
    );
    // The processes did answer the same items: how many items each process (session)
    // answered that another one answered too.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let shared: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT pack, item FROM review_log GROUP BY pack, item \
             HAVING COUNT(DISTINCT session_id) > 1)",
            [],
            |r| r.get(0),
        )
        .expect("shared items");
    let items_total = rounds * items as usize;
    assert!(
        shared as usize * 2 >= items_total,
        "only {shared} of {items_total} items were answered by more than one process"
    );
    println!(
        "{rounds} rounds of {processes} processes x {items} answers on the same {items} items: \
         {total} acknowledged, {lost} lost, {shared} of {items_total} items answered by more \
         than one process, every item's reps equals its log rows; {:.1?}",
        started.elapsed()
    );
}
