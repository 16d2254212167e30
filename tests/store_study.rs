//! Review sessions against the store: answers, previews, undo, limits, siblings, leeches,
//! bury/suspend, vanished items, quiz sessions, today's figures and the streak.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use deckhand::quiz::Outcome;
use deckhand::srs::PackOptions;
use deckhand::srs::queue::{Counts, DayClock, ItemKey, Next, QueueKind};
use deckhand::srs::{Rating, State};
use deckhand::store::{AnswerMeta, ItemKind, SessionKind, SessionTally, Store, StudySession};
use deckhand::study::attempt::suggested_grade;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, h, m, 0)
        .single()
        .expect("valid")
}

fn keys(items: &[&str]) -> Vec<ItemKey> {
    items.iter().map(|i| ItemKey::new("ecs", *i)).collect()
}

const META: AnswerMeta = AnswerMeta {
    kind: ItemKind::Basic,
    correct: None,
    answer_ms: 1500,
};

fn clock() -> DayClock {
    DayClock::default()
}

/// A session over `items` at 9:00 with its first item answered with `rating`.
fn first_answered(store: &mut Store, items: &[ItemKey], rating: Rating) -> (StudySession, ItemKey) {
    let mut s = store
        .start_review(items, at(9, 0), clock())
        .expect("session");
    let Next::Card { key, .. } = s.next(at(9, 0)) else {
        panic!("a card")
    };
    store
        .answer(&mut s, &key, rating, META, at(9, 0))
        .expect("answer");
    (s, key)
}

/// Answer `key` (which must be due) at `now` in a fresh session.
fn answer_due(store: &mut Store, key: &ItemKey, rating: Rating, now: DateTime<Utc>) {
    let mut s = store
        .start_review(std::slice::from_ref(key), now, clock())
        .expect("session");
    match s.next(now) {
        Next::Card { key: k, .. } => assert_eq!(&k, key),
        other => panic!("{key:?} not due at {now}: {other:?}"),
    }
    store
        .answer(&mut s, key, rating, META, now)
        .expect("answer");
}

#[test]
fn a_session_shows_previews_commits_answers_and_brings_learning_cards_back() {
    let mut store = Store::open_in_memory().expect("store");
    let items = keys(&["a", "b"]);
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    assert_eq!(
        s.counts(),
        Counts {
            new: 2,
            learning: 0,
            review: 0
        }
    );
    let Next::Card { key, kind } = s.next(at(9, 0)) else {
        panic!("a card")
    };
    assert_eq!((key.item.as_str(), kind), ("a", QueueKind::New));
    assert_eq!(
        s.next(at(9, 0)),
        Next::Card {
            key: key.clone(),
            kind
        },
        "same card until graded"
    );
    let preview = s.preview(&key, at(9, 0)).expect("preview");
    let intervals: Vec<i64> = preview.iter().map(|p| p.interval.num_seconds()).collect();
    assert_eq!(
        intervals[..3],
        [60, 330, 600],
        "Again 1m, Hard 5.5m, Good 10m"
    );
    // Easy: 8 days, fuzzed (fuzz is on by default) within py-fsrs's range.
    let (lo, hi) = deckhand::srs::fuzz_range(8, 36500).expect("fuzzed");
    assert!(
        (lo * 86400..=hi * 86400).contains(&intervals[3]),
        "{intervals:?}"
    );
    store
        .answer(&mut s, &key, Rating::Good, META, at(9, 0))
        .expect("answer");
    // Committed before the call returned.
    let p = store.progress(&key).expect("read").expect("stored");
    assert_eq!((p.card.state, p.card.step), (State::Learning, Some(1)));
    assert_eq!(
        s.counts(),
        Counts {
            new: 1,
            learning: 1,
            review: 0
        }
    );
    let Next::Card { key: b, .. } = s.next(at(9, 1)) else {
        panic!("b")
    };
    store
        .answer(&mut s, &b, Rating::Easy, META, at(9, 1))
        .expect("answer");
    // "a" is due at 9:10; within the 20-minute learn-ahead it is shown now.
    assert_eq!(
        s.next(at(9, 2)),
        Next::Card {
            key: key.clone(),
            kind: QueueKind::Learning
        }
    );
    store
        .answer(&mut s, &key, Rating::Again, META, at(9, 2))
        .expect("answer");
    assert_eq!(store.review_log(None).expect("log").len(), 3);
    let summary = store.finish_review(&s, at(9, 5)).expect("finish");
    assert_eq!(
        summary.tally,
        SessionTally {
            answered: 3,
            correct: 2,
            wrong: 1,
            new_seen: 2
        }
    );
}

#[test]
fn learning_card_waits_when_learn_ahead_is_off() {
    let mut store = Store::open_in_memory().expect("store");
    let (s, _) = first_answered(&mut store, &keys(&["a"]), Rating::Again);
    // Due at 9:01: learn-ahead shows it early; without learn-ahead the session waits.
    let mut q = s.queue().clone();
    q.set_learn_ahead(TimeDelta::zero());
    assert_eq!(q.next(at(9, 0)), Next::Wait(at(9, 1)));
    assert!(matches!(q.next(at(9, 1)), Next::Card { .. }));
}

#[test]
fn a_reverted_answer_restores_state_and_removes_the_log_row() {
    let mut store = Store::open_in_memory().expect("store");
    let mut s = store
        .start_review(&keys(&["a"]), at(9, 0), clock())
        .expect("session");
    let Next::Card { key, .. } = s.next(at(9, 0)) else {
        panic!("a card")
    };
    let before = s.clone();
    let answered = store
        .answer(&mut s, &key, Rating::Good, META, at(9, 0))
        .expect("answer");
    assert!(store.revert(&answered.change).expect("revert"));
    let mut s = before;
    assert_eq!(store.progress(&key).expect("read"), None, "back to new");
    assert_eq!(store.review_count().expect("count"), 0);
    assert_eq!(
        s.next(at(9, 0)),
        Next::Card {
            key: key.clone(),
            kind: QueueKind::New
        }
    );
    assert_eq!(s.tally(), SessionTally::default());
    assert_eq!(
        store.sessions(1).expect("sessions")[0].tally,
        SessionTally::default()
    );
    // Taken back once: the item no longer holds what the change wrote.
    assert!(!store.revert(&answered.change).expect("revert"));
}

#[test]
fn daily_new_limit_counts_what_was_done_today_and_resets_at_four() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .set_pack_options(
            "ecs",
            &PackOptions {
                new_per_day: Some(3),
                ..PackOptions::default()
            },
        )
        .expect("options");
    let items = keys(&["a", "b", "c", "d", "e"]);
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    assert_eq!(s.counts().new, 3);
    let Next::Card { key, .. } = s.next(at(9, 0)) else {
        panic!()
    };
    store
        .answer(&mut s, &key, Rating::Easy, META, at(9, 0))
        .expect("answer");
    let s2 = store
        .start_review(&items, at(12, 0), clock())
        .expect("session");
    assert_eq!(s2.counts().new, 2, "one new already done today");
    // 03:59 the next morning is still the same study day; 04:00 is a new one.
    let next_day = |h, m| at(h, m) + TimeDelta::days(1);
    assert_eq!(
        store
            .start_review(&items, next_day(3, 59), clock())
            .expect("s")
            .counts()
            .new,
        2
    );
    assert_eq!(
        store
            .start_review(&items, next_day(4, 0), clock())
            .expect("s")
            .counts()
            .new,
        3
    );
    // A user at UTC+2: local 04:00 is 02:00 UTC.
    let plus2 = DayClock::new(2 * 3600, 4);
    assert_eq!(
        store
            .start_review(&items, next_day(2, 0), plus2)
            .expect("s")
            .counts()
            .new,
        3
    );
}

#[test]
fn reviews_due_today_respect_the_review_limit_and_come_most_overdue_first() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .set_pack_options(
            "ecs",
            &PackOptions {
                reviews_per_day: Some(2),
                ..PackOptions::default()
            },
        )
        .expect("options");
    let items = keys(&["a", "b", "c"]);
    for (i, k) in items.iter().enumerate() {
        answer_due(
            &mut store,
            k,
            Rating::Easy,
            at(9, 0) - TimeDelta::days(30 + i as i64),
        );
    }
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    assert_eq!(
        s.counts(),
        Counts {
            new: 0,
            learning: 0,
            review: 2
        }
    );
    let Next::Card { key, kind } = s.next(at(9, 0)) else {
        panic!()
    };
    assert_eq!(
        (key.item.as_str(), kind),
        ("c", QueueKind::Review),
        "most overdue first"
    );
}

#[test]
fn siblings_are_buried_for_the_day() {
    let mut store = Store::open_in_memory().expect("store");
    let items = keys(&["vpc", "vpc:reverse", "cloze:c1", "cloze:c2", "other"]);
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    // One item per card a day: the reverse and the second deletion wait for tomorrow.
    assert_eq!(s.counts().new, 3);
    let mut shown = Vec::new();
    while let Next::Card { key, .. } = s.next(at(9, 0)) {
        shown.push(key.item.clone());
        store
            .answer(&mut s, &key, Rating::Easy, META, at(9, 0))
            .expect("answer");
    }
    assert_eq!(shown, vec!["vpc", "cloze:c1", "other"]);
    // Still buried in a new session the same day, back the next day.
    let s2 = store
        .start_review(&items, at(15, 0), clock())
        .expect("session");
    assert_eq!(s2.counts().new, 0);
    let s3 = store
        .start_review(&items, at(9, 0) + TimeDelta::days(1), clock())
        .expect("s");
    assert_eq!(s3.counts().new, 2);
}

#[test]
fn a_buried_sibling_takes_no_place_in_the_new_limit() {
    let mut store = Store::open_in_memory().expect("store");
    store
        .set_pack_options(
            "ecs",
            &PackOptions {
                new_per_day: Some(2),
                ..Default::default()
            },
        )
        .expect("options");
    let items = keys(&["a", "a:reverse", "b", "c"]);
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    assert_eq!(s.counts().new, 2);
    let mut shown = Vec::new();
    while let Next::Card { key, .. } = s.next(at(9, 0)) {
        shown.push(key.item.clone());
        store
            .answer(&mut s, &key, Rating::Easy, META, at(9, 0))
            .expect("answer");
    }
    assert_eq!(shown, vec!["a", "b"]);
}

#[test]
fn bury_and_suspend_take_items_out() {
    let mut store = Store::open_in_memory().expect("store");
    let items = keys(&["a", "b"]);
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    let Next::Card { key: a, .. } = s.next(at(9, 0)) else {
        panic!()
    };
    store.bury(&mut s, &a, at(9, 0)).expect("bury");
    let Next::Card { key: b, .. } = s.next(at(9, 0)) else {
        panic!()
    };
    assert_eq!(b.item, "b");
    store.suspend(&mut s, &b).expect("suspend");
    assert_eq!(s.next(at(9, 0)), Next::Done);
    assert_eq!(
        store
            .start_review(&items, at(10, 0), clock())
            .expect("s")
            .counts()
            .new,
        0
    );
    let tomorrow = at(9, 0) + TimeDelta::days(1);
    assert_eq!(
        store
            .start_review(&items, tomorrow, clock())
            .expect("s")
            .counts()
            .new,
        1
    );
    store
        .update_progress(&b, |p| p.suspended = false)
        .expect("unsuspend");
    assert_eq!(
        store
            .start_review(&items, tomorrow, clock())
            .expect("s")
            .counts()
            .new,
        2
    );
}

#[test]
fn eighth_lapse_makes_a_leech_and_undo_unsuspends_it() {
    let mut store = Store::open_in_memory().expect("store");
    let key = ItemKey::new("ecs", "hard-one");
    let mut now = at(9, 0);
    answer_due(&mut store, &key, Rating::Easy, now);
    for lapse in 1..=8 {
        now = store
            .progress(&key)
            .expect("r")
            .expect("p")
            .card
            .due
            .expect("due");
        if lapse < 8 {
            answer_due(&mut store, &key, Rating::Again, now);
            let p = store.progress(&key).expect("r").expect("p");
            assert!(!p.leech && !p.suspended, "lapse {lapse}");
            now = p.card.due.expect("due");
            answer_due(&mut store, &key, Rating::Good, now);
        }
    }
    let mut s = store
        .start_review(std::slice::from_ref(&key), now, clock())
        .expect("s");
    assert!(matches!(s.next(now), Next::Card { .. }));
    let answered = store
        .answer(&mut s, &key, Rating::Again, META, now)
        .expect("answer");
    assert!(answered.graded.became_leech);
    let p = store.progress(&key).expect("r").expect("p");
    assert_eq!(p.card.lapses, 8);
    assert!(p.leech && p.suspended);
    assert_eq!(
        s.next(now),
        Next::Done,
        "a suspended leech leaves the session"
    );
    assert!(store.revert(&answered.change).expect("revert"));
    let p = store.progress(&key).expect("r").expect("p");
    assert!(!p.leech && !p.suspended && p.card.lapses == 7);
}

#[test]
fn pack_edits_keep_progress() {
    let mut store = Store::open_in_memory().expect("store");
    let all = keys(&["keep", "gone"]);
    answer_due(&mut store, &all[1], Rating::Again, at(9, 0));
    // "gone" vanished from the pack: not shown, not counted, but its row stays.
    let only_keep = keys(&["keep"]);
    let s = store
        .start_review(&only_keep, at(9, 5), clock())
        .expect("session");
    assert_eq!(
        s.counts(),
        Counts {
            new: 1,
            learning: 0,
            review: 0
        }
    );
    let input = store
        .queue_input(&only_keep, at(9, 5), clock())
        .expect("input");
    assert_eq!(
        deckhand::srs::queue::next_due(&only_keep, &input.progress, at(9, 5)),
        None
    );
    // It comes back: its progress is there.
    let s = store
        .start_review(&all, at(9, 5), clock())
        .expect("session");
    assert_eq!(
        s.counts(),
        Counts {
            new: 1,
            learning: 1,
            review: 0
        }
    );
    assert_eq!(s.progress(&all[1]).expect("p").card.reps, 1);
}

#[test]
fn right_wrong_cards_map_to_again_good_with_override() {
    let mut store = Store::open_in_memory().expect("store");
    let items = keys(&["q1", "q2"]);
    let mut s = store
        .start_review(&items, at(9, 0), clock())
        .expect("session");
    let wrong = AnswerMeta {
        kind: ItemKind::Choice,
        correct: Some(false),
        answer_ms: 800,
    };
    let right_easy = AnswerMeta {
        kind: ItemKind::Typed,
        correct: Some(true),
        answer_ms: 900,
    };
    let Next::Card { key, .. } = s.next(at(9, 0)) else {
        panic!()
    };
    store
        .answer(
            &mut s,
            &key,
            suggested_grade(Some(Outcome::Wrong)),
            wrong,
            at(9, 0),
        )
        .expect("answer");
    let Next::Card { key, .. } = s.next(at(9, 0)) else {
        panic!()
    };
    assert_eq!(suggested_grade(Some(Outcome::Right)), Rating::Good);
    store
        .answer(&mut s, &key, Rating::Easy, right_easy, at(9, 0))
        .expect("override");
    let log = store.review_log(None).expect("log");
    let got: Vec<_> = log
        .iter()
        .map(|a| (a.rating, a.kind.as_str(), a.correct))
        .collect();
    assert_eq!(
        got,
        vec![
            (Rating::Again, "choice", Some(false)),
            (Rating::Easy, "typed", Some(true))
        ]
    );
    let today = store.today(at(10, 0), clock()).expect("today");
    assert_eq!(
        (today.answers, today.right, today.retention),
        (2, 1, Some(0.5))
    );
}

#[test]
fn quiz_sessions_record_a_summary_and_change_no_card() {
    let mut store = Store::open_in_memory().expect("store");
    let key = ItemKey::new("ecs", "a");
    answer_due(&mut store, &key, Rating::Good, at(9, 0));
    let before = store.progress(&key).expect("r");
    let id = store
        .start_session(SessionKind::Quiz, at(10, 0))
        .expect("start");
    let tally = SessionTally {
        answered: 20,
        correct: 15,
        wrong: 5,
        new_seen: 0,
    };
    let summary = store
        .finish_session(id, at(10, 12), Some(tally))
        .expect("finish");
    assert_eq!(
        (summary.kind, summary.tally, summary.ended),
        (SessionKind::Quiz, tally, Some(at(10, 12)))
    );
    assert_eq!(store.progress(&key).expect("r"), before);
    assert_eq!(store.review_count().expect("count"), 1);
    assert_eq!(store.sessions(10).expect("sessions")[0].id, id);
}

#[test]
fn home_overview_today_and_streak() {
    let mut store = Store::open_in_memory().expect("store");
    let items = keys(&["a", "b", "c"]);
    let day = |d: i64| at(9, 0) + TimeDelta::days(d);
    for (d, item) in [(-3, "x"), (-1, "y"), (0, "a")] {
        answer_due(&mut store, &ItemKey::new("ecs", item), Rating::Easy, day(d));
    }
    assert_eq!(
        store.streak(day(0), clock()).expect("streak"),
        2,
        "today and yesterday"
    );
    assert_eq!(
        store.streak(day(1), clock()).expect("streak"),
        2,
        "alive until a day is missed"
    );
    assert_eq!(store.streak(day(2), clock()).expect("streak"), 0);
    let s = store
        .start_review(&items, day(0), clock())
        .expect("session");
    assert_eq!(
        s.counts(),
        Counts {
            new: 2,
            learning: 0,
            review: 0
        }
    );
    let input = store.queue_input(&items, day(0), clock()).expect("input");
    let a_due = store.progress(&items[0]).expect("r").expect("p").card.due;
    assert!(a_due > Some(day(5)));
    assert_eq!(
        deckhand::srs::queue::next_due(&items, &input.progress, day(0)),
        a_due
    );
    let t = store.today(day(0), clock()).expect("today");
    assert_eq!((t.answers, t.items), (1, 1));
}

#[test]
fn settings_are_per_pack_and_validated() {
    let mut store = Store::open_in_memory().expect("store");
    let bad = PackOptions {
        desired_retention: Some(1.5),
        ..PackOptions::default()
    };
    assert!(store.set_pack_options("ecs", &bad).is_err());
    let opts = PackOptions {
        desired_retention: Some(0.8),
        ..PackOptions::default()
    };
    store.set_pack_options("ecs", &opts).expect("set");
    assert_eq!(store.pack_options("ecs").expect("get"), opts);
    let s = store.pack_settings("ecs").expect("settings");
    assert_eq!(s.scheduler.config().desired_retention, 0.8);
    assert_eq!(
        store
            .pack_settings("eks")
            .expect("s")
            .scheduler
            .config()
            .desired_retention,
        0.9
    );
}

#[test]
fn an_answer_outside_a_session_schedules_the_item_and_logs_it() {
    let mut store = Store::open_in_memory().expect("store");
    let key = ItemKey::new("ecs", "predicted");
    let meta = AnswerMeta {
        kind: ItemKind::Predict,
        correct: Some(true),
        answer_ms: 0,
    };
    let graded = store
        .answer_outside_session(&key, Rating::Good, meta, at(9, 0))
        .expect("answer");
    assert_eq!(graded.after.card.state, deckhand::srs::State::Learning);
    let p = store.progress(&key).expect("progress").expect("stored");
    assert_eq!(p, graded.after);
    let log = store.review_log(Some("ecs")).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].correct, Some(true));
    assert_eq!(log[0].session_id, None);
    // A second answer starts from the stored state.
    let again = store
        .answer_outside_session(&key, Rating::Good, meta, at(9, 10))
        .expect("answer");
    assert_eq!(again.before, graded.after);
}

#[test]
fn the_change_log_names_what_changed_whoever_changed_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let a = Store::open(&db).expect("a");
    let mut b = Store::open(&db).expect("b");
    let mark = a.change_mark().expect("mark");
    assert_eq!(
        a.changes_since(mark).expect("changes"),
        Some((mark, Vec::new()))
    );
    let items = keys(&["x", "y"]);
    answer_due(&mut b, &items[0], Rating::Good, at(9, 0));
    b.update_progress(&items[1], |p| p.suspended = true)
        .expect("suspend");
    let (next, changed) = a.changes_since(mark).expect("changes").expect("in reach");
    assert!(next > mark);
    assert_eq!(changed, items);
    assert_eq!(
        a.changes_since(next).expect("changes"),
        Some((next, Vec::new()))
    );
    // A mark from before what the log keeps: read everything again.
    assert_eq!(a.changes_since(-5).expect("changes"), None);
}
