//! The statistics of a hand-built review log and card states, every figure checked against
//! the answer worked out by hand.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::params;

use super::*;
use crate::content::{Pack, load_path};
use crate::plan::{PlanSettings, exam_time};
use crate::srs::Parameters;
use crate::srs::queue::DayClock;
use crate::store::Store;

const DAY: i64 = 86_400_000;

/// 2026-12-06 12:00 UTC; study days start at 04:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0)
        .single()
        .expect("valid")
}

fn at(day: u32, h: u32, m: u32) -> i64 {
    let month = if day > 6 { 11 } else { 12 };
    Utc.with_ymd_and_hms(2026, month, day, h, m, 0)
        .single()
        .expect("valid")
        .timestamp_millis()
}

fn pack() -> Pack {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("p.toml");
    let card = |id: &str, topic: &str| {
        format!(
            "[[cards]]\nid = \"{id}\"\nkind = \"basic\"\ntopic = \"{topic}\"\nfront = \"Q {id}\"\n\
             back = \"A {id}\"\nexplain = \"E\"\n\n"
        )
    };
    let mut text = String::from(
        "[pack]\nid = \"p\"\ntitle = \"P\"\nversion = \"1\"\n\n[[topics]]\nid = \"one\"\n\
         title = \"One\"\n\n[[topics]]\nid = \"two\"\ntitle = \"Two\"\n\n",
    );
    for c in ["a", "b", "c"] {
        text += &card(c, "one");
    }
    for c in ["d", "e", "f", "g"] {
        text += &card(c, "two");
    }
    std::fs::write(&path, text).expect("write");
    let lib = load_path(&path);
    assert_eq!(lib.report.errors(), 0, "{:?}", lib.report.diagnostics);
    lib.packs.into_iter().next().expect("pack")
}

/// One log row: item, time, rating, right/wrong flag, answer ms, state before, due before,
/// last review before.
#[allow(clippy::too_many_arguments)]
fn log(
    store: &Store,
    item: &str,
    at: i64,
    rating: u8,
    correct: Option<bool>,
    answer_ms: i64,
    b_state: u8,
    b_due: Option<i64>,
    b_last: Option<i64>,
) {
    store
        .conn()
        .execute(
            "INSERT INTO review_log (pack, item, reviewed_ms, rating, answer_ms, kind, correct, \
             queue, b_state, b_due_ms, b_last_review_ms, b_reps, b_lapses, b_suspended, b_leech, \
             a_state, a_reps, a_lapses, a_suspended, a_leech) \
             VALUES ('p', ?1, ?2, ?3, ?4, 'basic', ?5, 'review', ?6, ?7, ?8, 0, 0, 0, 0, 2, 1, 0, 0, 0)",
            params![item, at, rating, answer_ms, correct, b_state, b_due, b_last],
        )
        .expect("log row");
}

#[allow(clippy::too_many_arguments)]
fn state(
    store: &Store,
    item: &str,
    state: u8,
    s: f64,
    d: f64,
    due: i64,
    last: i64,
    lapses: u32,
    suspended: bool,
    leech: bool,
) {
    store
        .conn()
        .execute(
            "INSERT INTO card_state (pack, item, state, stability, difficulty, due_ms, \
             last_review_ms, reps, lapses, suspended, leech) \
             VALUES ('p', ?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?9)",
            params![item, state, s, d, due, last, lapses, suspended, leech],
        )
        .expect("state row");
}

fn store() -> Store {
    let store = Store::open_in_memory().expect("store");
    // Today, 2026-12-06.
    log(&store, "a", at(6, 9, 0), 3, None, 10_000, 0, None, None);
    log(
        &store,
        "a",
        at(6, 9, 1),
        3,
        None,
        20_000,
        1,
        Some(at(6, 9, 1)),
        Some(at(6, 9, 0)),
    );
    // Due this morning, scheduled 10 days: young, passed.
    log(
        &store,
        "b",
        at(6, 10, 0),
        3,
        None,
        30_000,
        2,
        Some(at(6, 8, 0)),
        Some(at(6, 8, 0) - 10 * DAY),
    );
    // Due yesterday, scheduled 30 days: mature, failed (a wrong choice).
    log(
        &store,
        "c",
        at(6, 10, 5),
        1,
        Some(false),
        40_000,
        2,
        Some(at(5, 9, 0)),
        Some(at(5, 9, 0) - 30 * DAY),
    );
    // Reviewed 5 days early: not in true retention; 400 s counts as 300.
    log(
        &store,
        "d",
        at(6, 11, 0),
        3,
        None,
        400_000,
        2,
        Some(at(6, 11, 0) + 5 * DAY),
        Some(at(6, 11, 0) - 20 * DAY),
    );
    // Yesterday: a young pass (Hard) and a new card answered wrong.
    log(
        &store,
        "b",
        at(5, 10, 0),
        2,
        None,
        60_000,
        2,
        Some(at(5, 10, 0)),
        Some(at(5, 10, 0) - 5 * DAY),
    );
    log(
        &store,
        "e",
        at(5, 11, 0),
        1,
        Some(false),
        60_000,
        0,
        None,
        None,
    );
    // 02:00 on the 4th still belongs to study day 3 (days start at 04:00): mature pass.
    log(
        &store,
        "c",
        at(4, 2, 0),
        3,
        None,
        5_000,
        2,
        Some(at(3, 9, 0)),
        Some(at(3, 9, 0) - 40 * DAY),
    );
    log(&store, "f", at(2, 9, 0), 3, None, 5_000, 0, None, None);
    for day in [20, 21, 22] {
        log(&store, "f", at(day, 9, 0), 3, None, 5_000, 0, None, None);
    }
    // 40 days ago: a young fail.
    log(
        &store,
        "a",
        at(6, 9, 0) - 40 * DAY,
        1,
        None,
        5_000,
        2,
        Some(at(6, 9, 0) - 40 * DAY),
        Some(at(6, 9, 0) - 45 * DAY),
    );

    state(
        &store,
        "a",
        1,
        2.3,
        5.0,
        at(6, 9, 11),
        at(6, 9, 1),
        0,
        false,
        false,
    );
    state(
        &store,
        "b",
        2,
        10.0,
        4.0,
        at(6, 10, 0) + 10 * DAY,
        at(6, 10, 0),
        0,
        false,
        false,
    );
    state(
        &store,
        "c",
        3,
        3.0,
        8.0,
        at(6, 10, 15),
        at(6, 10, 5),
        8,
        false,
        true,
    );
    state(
        &store,
        "d",
        2,
        50.0,
        2.0,
        at(6, 11, 0) + 40 * DAY,
        at(6, 11, 0),
        0,
        false,
        false,
    );
    state(
        &store,
        "e",
        1,
        0.2,
        9.5,
        at(5, 11, 10),
        at(5, 11, 0),
        0,
        false,
        false,
    );
    state(
        &store,
        "g",
        2,
        5.0,
        5.0,
        at(6, 9, 0),
        at(5, 9, 0),
        2,
        true,
        false,
    );
    // A card no longer in the pack: left out of every card figure.
    state(
        &store,
        "gone",
        2,
        5.0,
        5.0,
        at(6, 9, 0),
        at(5, 9, 0),
        9,
        false,
        true,
    );
    store
}

fn stats() -> Stats {
    compute(&store(), &[pack()], Some("p"), now(), DayClock::default()).expect("stats")
}

#[test]
fn today_counts_cards_answers_right_and_capped_time() {
    let s = stats();
    assert_eq!(s.today.date, "2026-12-06");
    assert_eq!((s.today.cards, s.today.answers, s.today.right), (4, 5, 4));
    assert_eq!(s.today.right_share, Some(0.8));
    // 10 + 20 + 30 + 40 + 300 (capped) seconds.
    assert_eq!(s.today.minutes, 6.7);
}

#[test]
fn days_cover_the_last_year_with_the_rollover_hour() {
    let s = stats();
    assert_eq!(s.days.len(), HISTORY_DAYS);
    let last = s.days.last().expect("today");
    assert_eq!(
        (
            last.date.as_str(),
            last.answers,
            last.new,
            last.learning,
            last.review
        ),
        ("2026-12-06", 5, 1, 1, 3)
    );
    let day = |d: &str| s.days.iter().find(|x| x.date == d).expect("day").answers;
    assert_eq!(day("2026-12-05"), 2);
    assert_eq!(day("2026-12-04"), 0);
    assert_eq!(
        day("2026-12-03"),
        1,
        "02:00 on the 4th is study day the 3rd"
    );
    assert_eq!(day("2026-10-27"), 1);
    assert_eq!(s.last_days(30).len(), 30);
    assert_eq!(s.last_days(30).last(), s.days.last());
    assert_eq!((s.total.answers, s.total.days_studied), (13, 8));
}

#[test]
fn true_retention_counts_due_reviews_young_and_mature() {
    let s = stats();
    let r = s.retention.days_7;
    assert_eq!((r.young.passed, r.young.failed), (2, 0));
    assert_eq!((r.mature.passed, r.mature.failed), (1, 1));
    assert_eq!(
        (r.all.passed, r.all.failed, r.all.share),
        (3, 1, Some(0.75))
    );
    assert_eq!(s.retention.days_30, r);
    let y = s.retention.days_365;
    assert_eq!((y.young.passed, y.young.failed), (2, 1));
    assert_eq!(y.all.share, Some(0.6));
}

#[test]
fn streaks_current_and_longest() {
    let s = stats();
    assert_eq!(
        s.streak,
        Streak {
            current: 2,
            longest: 3
        }
    );
}

#[test]
fn card_states_give_counts_mastery_forecast_and_distributions() {
    let store = store();
    let exam = NaiveDate::from_ymd_opt(2026, 12, 20).expect("date");
    let mut store = store;
    store
        .set_exam_plan(
            "p",
            &PlanSettings {
                exam_date: exam,
                minutes_per_day: None,
                target_retention: None,
            },
        )
        .expect("plan");
    let s = compute(&store, &[pack()], Some("p"), now(), DayClock::default()).expect("stats");
    assert_eq!(
        s.cards,
        CardCounts {
            total: 7,
            new: 1,
            learning: 3,
            known: 2,
            suspended: 1,
            leeches: 1
        }
    );
    let one = &s.topics[0];
    assert_eq!(
        (
            one.topic.as_str(),
            one.cards,
            one.new,
            one.learning,
            one.known
        ),
        ("one", 3, 0, 2, 1)
    );
    let two = &s.topics[1];
    assert_eq!(
        (two.cards, two.new, two.learning, two.known, two.suspended),
        (4, 1, 1, 1, 1)
    );
    let p = Parameters::default();
    let r = |s: f64, last: i64, t: DateTime<Utc>| {
        let days = (t.timestamp_millis() - last) as f64 / DAY as f64;
        p.retrievability(days, s)
    };
    let want =
        (r(2.3, at(6, 9, 1), now()) + r(10.0, at(6, 10, 0), now()) + r(3.0, at(6, 10, 5), now()))
            / 3.0;
    assert!((one.recall_now.expect("studied") - want).abs() < 1e-12);
    let x = exam_time(DayClock::default(), exam);
    let want = (r(50.0, at(6, 11, 0), x) + r(0.2, at(5, 11, 0), x)) / 2.0;
    assert!((two.recall_at_exam.expect("exam date") - want).abs() < 1e-12);
    assert_eq!(two.exam_date.as_deref(), Some("2026-12-20"));
    // a and c today, e overdue from yesterday; b in 10 days; d beyond the 30 days.
    assert_eq!(s.forecast[0].due, 3);
    assert_eq!(s.forecast[10].due, 1);
    assert_eq!(s.forecast.iter().map(|f| f.due).sum::<u32>(), 4);
    assert_eq!(s.forecast[0].date, "2026-12-06");
    let counts = |b: &[Bucket]| b.iter().map(|x| x.count).collect::<Vec<_>>();
    // 0.2 | 2.3 | 3 | 10 | 50 in [0,1) [1,3) [3,7) [7,14) [14,30) [30,60) ...
    assert_eq!(counts(&s.stability), vec![1, 1, 1, 1, 0, 1, 0, 0, 0, 0]);
    assert_eq!(s.stability.last().map(|b| b.to), Some(None));
    // 2 | 4 | 5 | 8 | 9.5
    assert_eq!(counts(&s.difficulty), vec![0, 1, 0, 1, 1, 0, 0, 1, 1]);
    assert_eq!(s.leeches.len(), 1);
    assert_eq!((s.leeches[0].item.as_str(), s.leeches[0].lapses), ("c", 8));
}

#[test]
fn an_empty_store_gives_zeros_not_errors() {
    let store = Store::open_in_memory().expect("store");
    let s = compute(&store, &[pack()], None, now(), DayClock::default()).expect("stats");
    assert_eq!(s.today.answers, 0);
    assert_eq!(s.today.right_share, None);
    assert_eq!(s.retention.days_365.all.share, None);
    assert_eq!(s.streak, Streak::default());
    assert_eq!(s.cards.new, 7);
    assert!(s.topics.iter().all(|t| t.recall_now.is_none()));
    assert!(s.exams.is_empty());
    let json = serde_json::to_value(&s).expect("json");
    assert_eq!(json["version"], 1);
    assert_eq!(json["days"].as_array().map(Vec::len), Some(HISTORY_DAYS));
    assert!(json["today"]["right_share"].is_null());
}

#[test]
fn items_are_matched_to_cards_as_the_pack_defines_them() {
    let lib = crate::content::load_builtin();
    for card in &lib.packs[0].cards {
        let faces = card.faces();
        assert_eq!(build::face_count(card) as usize, faces.len(), "{}", card.id);
        for f in faces {
            assert!(
                build::has_face(card, &card.item_id(f)),
                "{}",
                card.item_id(f)
            );
        }
        assert!(!build::has_face(card, &format!("{}:c99", card.id)));
        assert!(!build::has_face(card, &format!("{}x", card.id)));
    }
}
