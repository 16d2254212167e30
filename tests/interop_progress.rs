//! Moving machines: `deckhand export --json --progress` on one data directory, then
//! `deckhand import --progress` into a fresh one, shows the same counts on Home (due, learning,
//! new per pack, today's answers, streak), the same exam history, unfinished exam and plan,
//! and the "study more" grants; restoring twice changes nothing; a version 1 file (before
//! exams moved) still imports. And an Anki export with progress carries the scheduling and
//! the review log.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use chrono::{TimeDelta, Utc};
use deckhand::content::{self, CardBody};
use deckhand::exam::{Answer, Exam, ExamReport, draw};
use deckhand::plan::PlanSettings;
use deckhand::srs::Rating;
use deckhand::srs::queue::{DayClock, ItemKey, Next};
use deckhand::store::{AnswerMeta, ItemKind, Store};
use deckhand::study::{Catalog, Node, Overview};

fn deckhand(args: &[&str], data: &Path) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("DECKHAND_DATA_DIR", data)
        .env("DECKHAND_CONFIG_DIR", data.join("config"))
        .output()
        .expect("run deckhand");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn items() -> Vec<ItemKey> {
    let lib = content::load_builtin();
    let pack = &lib.packs[0];
    pack.items()
        .map(|(card, face)| ItemKey::new(pack.id(), card.item_id(face)))
        .collect()
}

/// Answer `n` cards of a review session at `at`, with a mix of grades.
fn study(store: &mut Store, items: &[ItemKey], at: chrono::DateTime<Utc>, n: usize) {
    let mut s = store
        .start_review(items, at, DayClock::default())
        .expect("session");
    for i in 0..n {
        let Next::Card { key, .. } = s.next(at) else {
            break;
        };
        let rating = [Rating::Good, Rating::Again, Rating::Easy, Rating::Hard][i % 4];
        let meta = AnswerMeta {
            kind: ItemKind::Basic,
            correct: None,
            answer_ms: 2000,
        };
        store
            .answer(&mut s, &key, rating, meta, at)
            .expect("answer");
    }
    store.finish_review(&s, at).expect("finish the session");
}

/// What Home shows, computed as Home computes it: today's counts of the pack and of each
/// topic, the next due time, today's answers and the streak; and the log's size.
fn home(data: &Path, now: chrono::DateTime<Utc>) -> String {
    let store = Store::open(&data.join("progress.sqlite3")).expect("store");
    let catalog = Catalog::new(content::load_builtin());
    let o = Overview::load(&catalog, &store, now, DayClock::default()).expect("overview");
    let topics: Vec<_> = (0..catalog.packs()[0].topics.len())
        .map(|t| o.counts(Node::Topic(0, t)))
        .collect();
    format!(
        "pack {:?} topics {:?} next {:?} today {:?} streak {} log {}",
        o.counts(Node::Pack(0)),
        topics,
        o.next_due(),
        o.today,
        o.streak,
        store.review_count().expect("count")
    )
}

/// A short mock exam of the built-in pack started at `at`, its first question answered
/// right; submitted at `at` + 20 minutes when `finish`, else left unfinished.
fn exam(store: &mut Store, at: chrono::DateTime<Utc>, seed: u64, finish: bool) {
    let lib = content::load_builtin();
    let pack = &lib.packs[0];
    let profile = pack.exams.iter().find(|e| e.id == "short").expect("short");
    let questions = draw(profile, pack, &HashMap::new(), seed).expect("draw");
    let mut exam = Exam::new(pack.id(), profile, questions, at);
    store.start_exam(&mut exam, at).expect("start");
    let right = match &pack.card(&exam.questions[0].card).expect("card").body {
        CardBody::Choice { answer, .. } => Answer::Options(vec![*answer]),
        CardBody::Multi { answers, .. } => Answer::Options(answers.clone()),
        CardBody::TrueFalse { answer, .. } => Answer::TrueFalse(*answer),
        other => panic!("unexpected kind {:?}", other.kind()),
    };
    exam.answer(Some(right), at + TimeDelta::seconds(40));
    exam.toggle_flag(at + TimeDelta::seconds(45));
    let end = at + TimeDelta::minutes(20);
    exam.checkpoint(end);
    store.save_exam(&exam).expect("save");
    if finish {
        let report = ExamReport::grade(&exam, |q| pack.card(&q.card), false, end);
        store.submit_exam(&exam, &report, &[], end).expect("submit");
    }
}

/// What a deckhand command prints.
fn output(args: &[&str], data: &Path) -> String {
    String::from_utf8(deckhand(args, data).stdout).expect("utf-8")
}

/// The exam history, the offered and unfinished exams, and the plan, as the CLI prints them.
fn readiness(data: &Path) -> [String; 3] {
    [
        output(&["exam", "--history", "--json"], data),
        output(&["exam", "--json"], data),
        output(&["plan", "--json"], data),
    ]
}

#[test]
fn progress_moves_to_another_data_dir_with_the_same_home_counts() {
    let items = items();
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let now = Utc::now();
    let pack = items[0].pack.clone();
    let today = DayClock::default().day_number(now);
    {
        let mut store = Store::open(&a.path().join("progress.sqlite3")).expect("store");
        study(&mut store, &items, now - TimeDelta::days(3), 15);
        study(&mut store, &items, now - TimeDelta::days(2), 12);
        study(&mut store, &items, now - TimeDelta::hours(1), 10);
        exam(&mut store, now - TimeDelta::days(2), 3, true);
        exam(&mut store, now - TimeDelta::days(1), 4, true);
        exam(&mut store, now - TimeDelta::hours(2), 5, false);
        let exam_date = (now + TimeDelta::days(30)).date_naive();
        store
            .set_exam_plan(
                &pack,
                &PlanSettings {
                    exam_date,
                    minutes_per_day: Some(25),
                    target_retention: Some(0.92),
                },
            )
            .expect("plan");
        store
            .add_extra_new_cards(&pack, today, 15)
            .expect("study more");
    }
    let before = home(a.path(), now);
    let exams_before = readiness(a.path());
    assert!(exams_before[0].contains("\"score\""), "{}", exams_before[0]);
    assert!(
        exams_before[1].contains("\"seconds_left\""),
        "{}",
        exams_before[1]
    );
    assert!(
        exams_before[2].contains("\"exam_date\""),
        "{}",
        exams_before[2]
    );
    assert!(!before.contains("log 0"), "{before}");
    let file = a.path().join("moving.json");
    let file = file.to_str().expect("utf-8");
    deckhand(&["export", "--json", file, "--progress"], a.path());
    let out = deckhand(&["import", "--progress", file], b.path());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("restored"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(home(b.path(), now), before);
    assert_eq!(readiness(b.path()), exams_before);
    let grants = |data: &Path| {
        Store::open(&data.join("progress.sqlite3"))
            .expect("store")
            .extra_new_cards(&pack, today)
            .expect("read")
    };
    assert_eq!(grants(b.path()), 15, "study more today moves too");
    // Restoring again adds nothing.
    let out = deckhand(&["import", "--progress", file], b.path());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(", 0 answers ("), "{said}");
    assert!(said.contains(", 0 mock exams,"), "{said}");
    assert!(said.contains(", 0 sessions,"), "{said}");
    assert_eq!(home(b.path(), now), before);
    assert_eq!(readiness(b.path()), exams_before);
    assert_eq!(grants(b.path()), 15);
}

/// Restoring one dump twice adds its sessions once: the second restore finds each (same kind,
/// same start) and adds nothing, and every restored answer and exam names a restored session.
#[test]
fn restoring_a_dump_twice_adds_its_sessions_once() {
    let items = items();
    let now = Utc::now();
    let mut a = Store::open_in_memory().expect("store");
    study(&mut a, &items, now - TimeDelta::days(2), 8);
    study(&mut a, &items, now - TimeDelta::hours(1), 5);
    exam(&mut a, now - TimeDelta::days(1), 4, true);
    let dump = a.dump_progress(None).expect("dump");
    let sessions = |s: &Store| {
        let mut out: Vec<_> = s
            .sessions(1_000)
            .expect("sessions")
            .into_iter()
            .map(|s| (s.kind, s.started, s.ended, s.tally))
            .collect();
        out.sort_by_key(|s| s.1);
        out
    };
    let before = sessions(&a);
    assert_eq!(before.len(), 3, "two reviews and an exam: {before:?}");
    let mut b = Store::open_in_memory().expect("store");
    let first = b.restore_progress(&dump).expect("restore");
    assert_eq!(first.sessions, 3);
    let second = b.restore_progress(&dump).expect("restore again");
    assert_eq!(sessions(&b), before, "the second restore added sessions");
    assert_eq!(second.sessions, 0);
    // Answers keep naming their sessions.
    let named = |s: &Store| {
        let ids: Vec<i64> = s
            .sessions(1_000)
            .expect("sessions")
            .iter()
            .map(|s| s.id)
            .collect();
        let log = s.review_log(None).expect("log");
        assert!(!log.is_empty());
        log.iter()
            .filter(|l| l.session_id.is_some_and(|id| ids.contains(&id)))
            .count()
    };
    assert_eq!(named(&b), named(&a));
}

/// A file written before exams moved (format version 1, schema 6, no exam tables) still
/// imports: its card states and answers arrive, nothing else changes.
#[test]
fn a_version_1_export_still_imports() {
    let items = items();
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    let now = Utc::now();
    {
        let mut store = Store::open(&a.path().join("progress.sqlite3")).expect("store");
        study(&mut store, &items, now - TimeDelta::hours(3), 8);
    }
    let before = home(a.path(), now);
    let file = a.path().join("old.json");
    let path = file.to_str().expect("utf-8");
    deckhand(&["export", "--json", path, "--progress"], a.path());
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    assert_eq!(doc["version"], 2);
    doc["version"] = 1.into();
    doc["progress"]["schema_version"] = 6.into();
    let tables = doc["progress"]["tables"].as_object_mut().expect("tables");
    for t in ["exams", "exam_questions", "exam_plans", "study_more"] {
        assert!(tables.remove(t).is_some(), "version 2 dumps {t}");
    }
    std::fs::write(&file, doc.to_string()).expect("write");
    let out = deckhand(&["import", "--progress", path], b.path());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("0 mock exams"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(home(b.path(), now), before);
}

#[test]
fn a_json_export_without_progress_is_refused_by_import_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("cards.json");
    deckhand(
        &["export", "--json", file.to_str().expect("utf-8")],
        dir.path(),
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("read")).expect("json");
    assert_eq!(doc["format"], "deckhand-export");
    assert!(doc["packs"][0]["cards"].as_array().expect("cards").len() > 100);
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(["import", "--progress", file.to_str().expect("utf-8")])
        .env("DECKHAND_DATA_DIR", dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no progress"));
}

#[test]
fn an_anki_export_with_progress_carries_scheduling_and_the_review_log() {
    let items = items();
    let dir = tempfile::tempdir().expect("tempdir");
    let now = Utc::now();
    {
        let mut store = Store::open(&dir.path().join("progress.sqlite3")).expect("store");
        study(&mut store, &items, now - TimeDelta::days(2), 8);
    }
    let file = dir.path().join("with-progress.apkg");
    deckhand(
        &[
            "export",
            "--anki",
            file.to_str().expect("utf-8"),
            "--with-progress",
        ],
        dir.path(),
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).expect("open")).expect("zip");
    let mut db = Vec::new();
    std::io::Read::read_to_end(
        &mut zip.by_name("collection.anki2").expect("collection"),
        &mut db,
    )
    .expect("read");
    let path = dir.path().join("c.anki2");
    std::fs::write(&path, db).expect("write");
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let revlog: i64 = conn
        .query_row("SELECT COUNT(*) FROM revlog", [], |r| r.get(0))
        .expect("count");
    assert_eq!(revlog, 8);
    let studied: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM cards WHERE type != 0 AND reps > 0 AND data LIKE '%\"s\":%'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        studied, 8,
        "each answered card has its type, reps and FSRS memory"
    );
    // And it imports back with its history.
    let back = tempfile::tempdir().expect("tempdir");
    deckhand(
        &[
            "import",
            file.to_str().expect("utf-8"),
            "--with-progress",
            "--pack-id",
            "copy",
        ],
        back.path(),
    );
    let store = Store::open(&back.path().join("progress.sqlite3")).expect("store");
    assert_eq!(store.review_count().expect("count"), 8);
}
