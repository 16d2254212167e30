//! The real binary answers in a loop (`deckhand __answer-loop`) and is killed with SIGKILL at
//! several moments; every acknowledged answer must be in the database afterwards. Two
//! processes answering against one database at once must lose nothing and never report
//! `database is locked`.

#[path = "support/answer_loop.rs"]
mod answer_loop;

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use answer_loop::{logged, parse_acks, spawn_loop};
use deckhand::store::Store;

#[test]
fn sigkill_never_loses_an_acknowledged_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Kill points: after this many acknowledgements, then a short random-ish extra delay so the
    // kill lands in the middle of a later commit.
    let kill_points: [(usize, u64); 6] = [(1, 0), (5, 3), (17, 1), (40, 7), (90, 2), (150, 11)];
    let mut total_acked = 0;
    for (round, (after_acks, extra_ms)) in kill_points.into_iter().enumerate() {
        let pack = format!("kill{round}");
        let mut child = spawn_loop(dir.path(), &pack, 100_000, 100_000);
        let stdout = child.stdout.take().expect("stdout");
        let mut reader = BufReader::new(stdout);
        let mut text = String::new();
        let mut acks = 0;
        let mut line = String::new();
        while acks < after_acks {
            line.clear();
            if reader.read_line(&mut line).expect("read") == 0 {
                break;
            }
            acks += usize::from(line.starts_with("ack "));
            text.push_str(&line);
        }
        std::thread::sleep(Duration::from_millis(extra_ms));
        child.kill().expect("SIGKILL");
        // Acknowledgements printed before the kill are still in the pipe.
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest).expect("drain");
        text.push_str(&rest);
        let status = child.wait().expect("wait");
        assert!(
            !status.success(),
            "round {round}: the process should have been killed"
        );

        let acked = parse_acks(&text);
        assert!(
            acked.len() >= after_acks,
            "round {round}: only {} acks",
            acked.len()
        );
        let store = Store::open(&dir.path().join("progress.sqlite3")).expect("reopen after kill");
        let have = logged(&store);
        let lost: Vec<_> = acked.iter().filter(|a| !have.contains(a)).collect();
        assert!(
            lost.is_empty(),
            "round {round}: lost acknowledged answers {lost:?}"
        );
        total_acked += acked.len();
        println!(
            "kill round {round}: killed after {} acks, all found",
            acked.len()
        );
    }
    println!(
        "{total_acked} acknowledged answers over {} kills, none lost",
        kill_points.len()
    );
}

#[test]
fn two_processes_answer_at_once_without_locked_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Create the database first so both start on a migrated file.
    drop(Store::open(&dir.path().join("progress.sqlite3")).expect("create"));
    let count = 250;
    let started = Instant::now();
    let a = spawn_loop(dir.path(), "alpha", count, 100_000);
    let b = spawn_loop(dir.path(), "beta", count, 100_000);
    let mut acked = Vec::new();
    for child in [a, b] {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "process failed: {stderr}");
        assert!(!stderr.contains("locked"), "saw a lock error: {stderr}");
        acked.extend(parse_acks(&String::from_utf8_lossy(&out.stdout)));
    }
    assert_eq!(acked.len(), 2 * count as usize);
    let store = Store::open(&dir.path().join("progress.sqlite3")).expect("open");
    let have = logged(&store);
    assert!(
        acked.iter().all(|a| have.contains(a)),
        "an acknowledged answer is missing"
    );
    assert_eq!(store.review_count().expect("count"), 2 * u64::from(count));
    println!(
        "2 x {count} concurrent answers in {:?}, none lost",
        started.elapsed()
    );
}
