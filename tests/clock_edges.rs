//! Clock edge cases never panic and never lose an answer (issue 14, §2 item 6): dates near
//! the end of what chrono can represent, and a system clock before 1970.

use chrono::{DateTime, TimeDelta, Utc};
use deckhand::srs::queue::{DayClock, ItemKey, Next};
use deckhand::srs::{CardState, Memory, Rating, Scheduler, SchedulerConfig, State};
use deckhand::store::{AnswerMeta, ItemKind, Store};

fn near_the_end() -> DateTime<Utc> {
    DateTime::<Utc>::MAX_UTC - TimeDelta::days(3)
}

const META: AnswerMeta = AnswerMeta {
    kind: ItemKind::Basic,
    correct: None,
    answer_ms: 1000,
};

#[test]
fn a_long_interval_near_the_end_of_time_is_cut_short() {
    let now = near_the_end();
    let card = CardState {
        state: State::Review,
        step: None,
        memory: Some(Memory {
            stability: 300.0,
            difficulty: 5.0,
        }),
        due: Some(now),
        last_review: Some(now - TimeDelta::days(200)),
        reps: 9,
        lapses: 0,
    };
    let scheduler = Scheduler::new(SchedulerConfig::default()).expect("scheduler");
    let next = scheduler.review(&card, Rating::Easy, now);
    let due = next.due.expect("scheduled");
    assert!(due >= now, "due {due} is not after the answer");
    assert_eq!(next.reps, 10);
}

#[test]
fn an_answer_near_the_end_of_time_is_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("p.sqlite3")).expect("open");
    let key = ItemKey::new("p", "card");
    let now = near_the_end();
    for rating in [Rating::Good, Rating::Good, Rating::Easy, Rating::Easy] {
        store
            .answer_outside_session(&key, rating, META, now)
            .expect("answer saved");
    }
    assert_eq!(store.review_count().expect("count"), 4, "no answer lost");
    let p = store.progress(&key).expect("read").expect("stored");
    assert_eq!(p.card.reps, 4);
}

#[test]
fn a_learning_card_near_the_end_of_time_is_still_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("p.sqlite3")).expect("open");
    let keys = vec![ItemKey::new("p", "card")];
    // Minutes before the end: the 20-minute learn-ahead window reaches past it.
    let now = DateTime::<Utc>::MAX_UTC - TimeDelta::minutes(5);
    let clock = DayClock::default();
    let mut session = store.start_review(&keys, now, clock).expect("session");
    let Next::Card { key, .. } = session.next(now) else {
        panic!("the new card is shown")
    };
    store
        .answer(&mut session, &key, Rating::Again, META, now)
        .expect("answer saved");
    // The card is back in learning, due in a minute: within the learn-ahead window.
    assert!(matches!(
        session.next(now),
        Next::Card { .. } | Next::Wait(_)
    ));
}

/// With libfaketime (Debian's `faketime`) the real binary runs with a clock before 1970.
#[test]
fn the_trainer_starts_with_a_clock_before_1970() {
    let Ok(faketime) = which("faketime") else {
        eprintln!("faketime is not installed; the unit tests of deckhand::systime cover this");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let out = std::process::Command::new(faketime)
        .arg("1969-06-01 12:00:00")
        .arg(env!("CARGO_BIN_EXE_deckhand"))
        .args(["check"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    // The trainer itself needs a terminal: drive it with stdin closed; it must fail cleanly
    // (no terminal), not panic on the clock.
    let out = std::process::Command::new(which("faketime").expect("faketime"))
        .arg("1969-06-01 12:00:00")
        .arg(env!("CARGO_BIN_EXE_deckhand"))
        .arg("--data-dir")
        .arg(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "panicked: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn which(name: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(())
}
