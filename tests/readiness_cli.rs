//! `deckhand stats`, `plan` and `exam`: exit codes, the text, and every documented field of
//! their JSON forms, on an empty data directory and after some study and a mock exam.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

use chrono::{Local, TimeDelta, Utc};
use deckhand::content::load_builtin;
use deckhand::exam::{Answer, Exam, ExamReport, draw};
use deckhand::srs::Rating;
use deckhand::srs::queue::{DayClock, ItemKey, Next};
use deckhand::store::{AnswerMeta, ExamReview, ItemKind, Store};
use serde_json::Value;

fn deckhand(args: &[&str], data: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("DECKHAND_DATA_DIR", data)
        .env("DECKHAND_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    out
}

fn json(args: &[&str], data: &Path) -> Value {
    let out = deckhand(args, data);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn has(v: &Value, fields: &[&str]) {
    for f in fields {
        assert!(v.get(f).is_some(), "missing field `{f}` in {v}");
    }
}

/// Answer `n` new cards of the built-in pack right now (Good), as the trainer would.
fn study(data: &Path, n: usize) {
    let lib = load_builtin();
    let pack = &lib.packs[0];
    let keys: Vec<ItemKey> = pack
        .items()
        .map(|(c, f)| ItemKey::new(pack.id(), c.item_id(f)))
        .collect();
    let mut store = Store::open(&data.join("progress.sqlite3")).expect("store");
    let now = Utc::now();
    let clock = DayClock::new(Local::now().offset().local_minus_utc(), 4);
    let mut s = store.start_review(&keys, now, clock).expect("session");
    for _ in 0..n {
        let Next::Card { key, .. } = s.next(now) else {
            panic!("a card")
        };
        let meta = AnswerMeta {
            kind: ItemKind::Basic,
            correct: None,
            answer_ms: 6_000,
        };
        store
            .answer(&mut s, &key, Rating::Good, meta, now)
            .expect("answer");
    }
}

#[test]
fn stats_on_an_empty_data_dir_are_zeros_and_create_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let v = json(&["stats", "--json"], &data);
    assert!(
        !data.exists(),
        "a read-only command created {}",
        data.display()
    );
    has(
        &v,
        &[
            "version",
            "generated",
            "pack",
            "today",
            "days",
            "forecast",
            "retention",
            "cards",
            "topics",
            "streak",
            "total",
            "leeches",
            "exams",
            "stability",
            "difficulty",
        ],
    );
    assert_eq!(v["version"], 1);
    assert!(v["pack"].is_null());
    assert_eq!(v["today"]["answers"], 0);
    assert!(v["today"]["right_share"].is_null());
    assert_eq!(v["days"].as_array().map(Vec::len), Some(365));
    assert_eq!(v["forecast"].as_array().map(Vec::len), Some(30));
    let text = deckhand(&["stats"], &data);
    assert_eq!(text.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&text.stdout).contains("True retention"));
    assert!(!data.exists());
}

#[test]
fn stats_after_some_study_have_every_documented_field() {
    let dir = tempfile::tempdir().expect("dir");
    study(dir.path(), 12);
    let v = json(&["stats", "--pack", "aws-containers", "--json"], dir.path());
    assert_eq!(v["pack"], "aws-containers");
    let today = &v["today"];
    has(
        today,
        &[
            "date",
            "cards",
            "answers",
            "right",
            "right_share",
            "minutes",
        ],
    );
    assert_eq!(
        (today["answers"].as_u64(), today["cards"].as_u64()),
        (Some(12), Some(12))
    );
    assert_eq!(today["right_share"].as_f64(), Some(1.0));
    assert_eq!(today["minutes"].as_f64(), Some(1.2));
    let last = v["days"].as_array().and_then(|d| d.last()).expect("today");
    has(
        last,
        &[
            "date", "answers", "new", "learning", "review", "right", "minutes",
        ],
    );
    assert_eq!(
        (last["answers"].as_u64(), last["new"].as_u64()),
        (Some(12), Some(12))
    );
    has(&v["forecast"][0], &["date", "due"]);
    // 12 cards in learning, due within minutes: today, or tomorrow's study day when the
    // day rolls over meanwhile.
    let soon: u64 = (0..2)
        .map(|d| v["forecast"][d]["due"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(soon, 12);
    for w in ["days_7", "days_30", "days_365"] {
        for k in ["young", "mature", "all"] {
            has(&v["retention"][w][k], &["passed", "failed", "share"]);
        }
    }
    has(
        &v["cards"],
        &["total", "new", "learning", "known", "suspended", "leeches"],
    );
    assert_eq!(v["cards"]["learning"], 12);
    let topic = &v["topics"][0];
    has(
        topic,
        &[
            "pack",
            "topic",
            "title",
            "cards",
            "new",
            "learning",
            "known",
            "suspended",
            "recall_now",
            "recall_at_exam",
            "exam_date",
        ],
    );
    assert_eq!(v["streak"]["current"], 1);
    has(&v["streak"], &["current", "longest"]);
    has(&v["total"], &["answers", "minutes", "days_studied"]);
    has(&v["stability"][0], &["from", "to", "count"]);
    assert_eq!(v["stability"].as_array().map(Vec::len), Some(10));
    assert_eq!(v["difficulty"].as_array().map(Vec::len), Some(9));
    let out = deckhand(&["stats", "--pack", "nope"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pack `nope`"));
}

#[test]
fn plan_is_set_stored_shown_and_checked() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let out = deckhand(&["plan"], data);
    assert_eq!(out.status.code(), Some(1), "no exam date yet");
    assert!(String::from_utf8_lossy(&out.stderr).contains("deckhand plan --exam"));
    let date = (Local::now().date_naive() + TimeDelta::days(30)).to_string();
    let v = json(
        &["plan", "--exam", &date, "--minutes-per-day", "30", "--json"],
        data,
    );
    has(
        &v,
        &[
            "pack",
            "exam_date",
            "days_left",
            "cards",
            "new_cards",
            "new_per_day",
            "minutes_per_day",
            "budget_new_per_day",
            "target",
            "predicted_recall",
            "recall_if_idle",
            "expected_minutes",
            "peak_minutes",
            "review_ahead",
            "pace",
            "days",
            "on_track",
            "summary",
        ],
    );
    assert_eq!(v["pack"], "aws-containers");
    assert_eq!(v["exam_date"], date.as_str());
    assert_eq!(v["minutes_per_day"], 30);
    assert_eq!(v["target"], 0.9);
    let days_left = v["days_left"].as_u64().expect("days");
    assert!((29..=31).contains(&days_left), "{days_left}");
    let cards = v["new_cards"].as_u64().expect("new");
    assert_eq!(v["new_per_day"].as_u64(), Some(cards.div_ceil(days_left)));
    assert_eq!(v["days"].as_array().map(Vec::len), Some(days_left as usize));
    has(
        &v["days"][0],
        &["date", "new", "reviews", "ahead", "minutes"],
    );
    has(&v["pace"], &["secs_per_answer", "measured"]);
    let summary = v["summary"].as_str().expect("summary");
    assert!(
        summary.starts_with(&format!("exam in {days_left} days · ")),
        "{summary}"
    );
    // Stored: shown again without flags, and the target changes alone.
    let again = json(&["plan", "--target", "95", "--json"], data);
    assert_eq!(again["exam_date"], date.as_str());
    assert_eq!(again["minutes_per_day"], 30);
    assert_eq!(again["target"], 0.95);
    let text = deckhand(&["plan"], data);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&format!("exam on {date}")), "{text}");
    // Bad input.
    for bad in [
        &["plan", "--exam", "2020-01-01"][..],
        &["plan", "--exam", "next week"],
        &["plan", "--target", "1.5"],
        &["plan", "--minutes-per-day", "2000"],
        &["plan", "--pack", "nope"],
    ] {
        assert_eq!(deckhand(bad, data).status.code(), Some(2), "{bad:?}");
    }
    assert_eq!(deckhand(&["plan", "--clear"], data).status.code(), Some(0));
    assert_eq!(deckhand(&["plan"], data).status.code(), Some(1));
}

#[test]
fn exam_lists_profiles_the_unfinished_exam_and_the_history() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path();
    let v = json(&["exam", "--json"], data);
    let profiles = v["profiles"].as_array().expect("profiles");
    assert_eq!(profiles.len(), 2);
    let full = &profiles[0];
    has(
        full,
        &[
            "pack",
            "id",
            "title",
            "questions",
            "minutes",
            "pass_mark",
            "kinds",
            "domains",
            "taken",
            "last_score",
            "best_score",
        ],
    );
    assert_eq!(
        (full["id"].as_str(), full["questions"].as_u64()),
        (Some("full"), Some(65))
    );
    let quota: u64 = full["domains"]
        .as_array()
        .expect("domains")
        .iter()
        .map(|d| d["questions"].as_u64().expect("n"))
        .sum();
    assert_eq!(quota, 65);
    assert!(v["unfinished"].is_null());
    assert!(!data.join("progress.sqlite3").exists());

    // One exam submitted, another left unfinished.
    let lib = load_builtin();
    let pack = &lib.packs[0];
    let profile = pack.exams.iter().find(|e| e.id == "short").expect("short");
    let mut store = Store::open(&data.join("progress.sqlite3")).expect("store");
    let now = Utc::now() - TimeDelta::minutes(30);
    let mut exam = Exam::new(
        pack.id(),
        profile,
        draw(profile, pack, &HashMap::new(), 1).expect("draw"),
        now,
    );
    store.start_exam(&mut exam, now).expect("start");
    exam.answer(Some(Answer::TrueFalse(true)), now + TimeDelta::minutes(1));
    exam.checkpoint(now + TimeDelta::minutes(10));
    let report = ExamReport::grade(
        &exam,
        |q| pack.card(&q.card),
        false,
        now + TimeDelta::minutes(10),
    );
    let reviews: Vec<ExamReview> = report
        .reviews(|_| None, None)
        .into_iter()
        .map(|(key, rating, ms)| ExamReview {
            key,
            rating,
            meta: AnswerMeta {
                kind: ItemKind::Choice,
                correct: Some(rating != Rating::Again),
                answer_ms: ms,
            },
        })
        .collect();
    store
        .submit_exam(&exam, &report, &reviews, now + TimeDelta::minutes(10))
        .expect("submit");
    let mut open = Exam::new(
        pack.id(),
        profile,
        draw(profile, pack, &HashMap::new(), 2).expect("draw"),
        now,
    );
    store.start_exam(&mut open, now).expect("start");
    drop(store);

    let v = json(&["exam", "--json"], data);
    let u = &v["unfinished"];
    has(
        u,
        &[
            "id",
            "pack",
            "profile",
            "title",
            "questions",
            "answered",
            "flagged",
            "seconds_left",
            "started",
        ],
    );
    assert_eq!(
        (u["questions"].as_u64(), u["answered"].as_u64()),
        (Some(20), Some(0))
    );
    let short = &v["profiles"][1];
    assert_eq!(short["taken"], 1);
    assert_eq!(short["last_score"].as_u64(), Some(u64::from(report.score)));
    let h = json(&["exam", "--history", "--json"], data);
    let list = h.as_array().expect("list");
    assert_eq!(list.len(), 1);
    has(
        &list[0],
        &[
            "id",
            "pack",
            "profile",
            "title",
            "started",
            "finished",
            "score",
            "pass_mark",
            "passed",
            "right",
            "total",
            "auto_submitted",
            "seconds_used",
            "seconds_allowed",
            "domains",
        ],
    );
    assert_eq!(list[0]["score"].as_u64(), Some(u64::from(report.score)));
    assert_eq!(list[0]["seconds_used"], 600);
    has(&list[0]["domains"][0], &["domain", "right", "total"]);
    let text = String::from_utf8_lossy(&deckhand(&["exam", "--history"], data).stdout).into_owned();
    assert!(text.contains("aws-containers/short"), "{text}");
    let text = String::from_utf8_lossy(&deckhand(&["exam"], data).stdout).into_owned();
    assert!(text.contains("Unfinished: Short mock exam"), "{text}");
    assert_eq!(
        deckhand(&["exam", "--pack", "nope"], data).status.code(),
        Some(2)
    );
    // The stats show the exam in the score trend.
    let s = json(&["stats", "--json"], data);
    has(
        &s["exams"][0],
        &[
            "date",
            "pack",
            "profile",
            "title",
            "score",
            "pass_mark",
            "passed",
            "right",
            "total",
        ],
    );
}
