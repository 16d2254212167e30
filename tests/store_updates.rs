//! The store side of packs that evolve: how items of replaced cards land on the new card's
//! faces, which state wins a merge, a database that never saw the pack before, and that the
//! carry-over is one transaction.

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use deckhand::content::{self, Pack};
use deckhand::srs::Rating;
use deckhand::srs::queue::ItemKey;
use deckhand::store::{AnswerMeta, ItemKind, Store};

fn t0() -> DateTime<Utc> {
    "2026-11-21T09:00:00Z".parse().expect("time")
}

/// A single-file pack `evo` at `version` holding `cards` (TOML `[[cards]]` tables).
fn pack(dir: &Path, version: &str, cards: &str) -> Pack {
    let path = dir.join(format!("{version}.toml"));
    let text = format!(
        "[pack]\nid = \"evo\"\ntitle = \"Evo\"\nversion = \"{version}\"\n\n\
         [[topics]]\nid = \"t\"\ntitle = \"T\"\n\n{cards}"
    );
    std::fs::write(&path, text).expect("write pack");
    let lib = content::load_path(&path);
    assert_eq!(lib.report.errors(), 0, "{:?}", lib.report.diagnostics);
    lib.packs.into_iter().next().expect("pack")
}

fn basic(id: &str, extra: &str) -> String {
    format!(
        "[[cards]]\nid = \"{id}\"\nkind = \"basic\"\ntopic = \"t\"\n{extra}\
         front = \"front of {id}\"\nback = \"back\"\nexplain = \"x\"\n\n"
    )
}

fn cloze(id: &str, extra: &str, text: &str) -> String {
    format!(
        "[[cards]]\nid = \"{id}\"\nkind = \"cloze\"\ntopic = \"t\"\n{extra}\
         text = \"{text}\"\nexplain = \"x\"\n\n"
    )
}

fn answer(store: &mut Store, item: &str, rating: Rating, at: DateTime<Utc>) {
    let meta = AnswerMeta {
        kind: ItemKind::Basic,
        correct: None,
        answer_ms: 1000,
    };
    store
        .answer_outside_session(&ItemKey::new("evo", item), rating, meta, at)
        .expect("answer");
}

fn reps(store: &Store, item: &str) -> Option<u32> {
    store
        .progress(&ItemKey::new("evo", item))
        .expect("progress")
        .map(|p| p.card.reps)
}

#[test]
fn items_land_on_the_same_face_or_else_the_first_and_the_newest_state_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open_in_memory().expect("store");
    let v1 = pack(
        dir.path(),
        "1",
        &(cloze("k", "", "{{c1::ECS}} runs {{c2::tasks}} on {{c3::Fargate}}")
            + &basic("r", "reverse = true\n")),
    );
    store.update_packs(&[v1], t0()).expect("v1");
    // k:c1 once, then k:c3 three times, k:c2 twice; r once, then r:reverse three times.
    answer(&mut store, "k:c1", Rating::Good, t0());
    for m in 1..4 {
        answer(
            &mut store,
            "k:c3",
            Rating::Good,
            t0() + TimeDelta::minutes(m),
        );
    }
    for m in 4..6 {
        answer(
            &mut store,
            "k:c2",
            Rating::Good,
            t0() + TimeDelta::minutes(m),
        );
    }
    answer(&mut store, "r", Rating::Good, t0() + TimeDelta::minutes(6));
    for m in 7..10 {
        answer(
            &mut store,
            "r:reverse",
            Rating::Good,
            t0() + TimeDelta::minutes(m),
        );
    }
    // v2: k2 has deletions 1 and 2 only; r2 has no reverse side.
    let v2 = pack(
        dir.path(),
        "2",
        &(cloze(
            "k2",
            "replaces = [\"k\"]\n",
            "{{c1::ECS}} runs {{c2::tasks}}",
        ) + &basic("r2", "replaces = [\"r\"]\n")),
    );
    let updates = store
        .update_packs(&[v2], t0() + TimeDelta::hours(1))
        .expect("v2");
    assert_eq!(updates[0].moved_items, 5);
    assert_eq!(updates[0].moved_reviews, 10);
    // k:c1 -> k2:c1 and k:c3 (no such face) -> k2:c1: k:c3 is newer and wins.
    assert_eq!(reps(&store, "k2:c1"), Some(3));
    assert_eq!(reps(&store, "k2:c2"), Some(2));
    // r and r:reverse both land on r2: the reverse side, reviewed last, wins.
    assert_eq!(reps(&store, "r2"), Some(3));
    for gone in ["k:c1", "k:c2", "k:c3", "r", "r:reverse"] {
        assert_eq!(reps(&store, gone), None, "{gone}");
    }
    let moved = store.moved_log("evo").expect("log");
    assert_eq!(moved.len(), 10);
    assert!(moved.contains(&("k2:c1".to_string(), "k:c3".to_string())));
    assert!(moved.contains(&("r2".to_string(), "r:reverse".to_string())));
}

#[test]
fn a_card_that_stays_keeps_its_own_state_when_it_is_newer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open_in_memory().expect("store");
    let v1 = pack(
        dir.path(),
        "1",
        &(basic("x", "") + &basic("y", "") + &basic("z", "")),
    );
    store.update_packs(&[v1], t0()).expect("v1");
    answer(&mut store, "x", Rating::Good, t0());
    for m in 1..3 {
        answer(&mut store, "y", Rating::Good, t0() + TimeDelta::minutes(m));
    }
    // y (the newest) absorbs x and z (z never answered): y keeps its state.
    let v2 = pack(dir.path(), "2", &basic("y", "replaces = [\"x\", \"z\"]\n"));
    let updates = store
        .update_packs(&[v2], t0() + TimeDelta::hours(1))
        .expect("v2");
    assert_eq!(reps(&store, "y"), Some(2));
    assert_eq!(reps(&store, "x"), None);
    assert_eq!(updates[0].changes.summary(), "2 merged");
    assert_eq!(updates[0].changes.replaced[0].old, ["x", "z"]);
    assert_eq!(
        store.replacements_applied("evo").expect("applied"),
        [("x", "y"), ("z", "y")].map(|(o, n)| (o.to_string(), n.to_string()))
    );
}

#[test]
fn a_database_that_never_saw_the_pack_reports_what_its_progress_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open_in_memory().expect("store");
    // Progress from before deckhand remembered packs: no record of version 1.
    for (m, item) in ["a", "b", "gone"].iter().enumerate() {
        answer(
            &mut store,
            item,
            Rating::Good,
            t0() + TimeDelta::minutes(m as i64),
        );
    }
    let v2 = pack(
        dir.path(),
        "2",
        &(basic("a2", "replaces = [\"a\"]\n") + &basic("b", "") + &basic("fresh", "")),
    );
    let updates = store
        .update_packs(std::slice::from_ref(&v2), t0() + TimeDelta::hours(1))
        .expect("v2");
    let u = &updates[0];
    assert_eq!(u.previous_version, None);
    assert_eq!(u.headline(), "Evo 2: 1 merged, 1 retired");
    assert_eq!(u.changes.retired[0].id, "gone");
    assert_eq!(reps(&store, "a2"), Some(1));
    // Once: the next start with the same pack announces nothing.
    assert!(
        store
            .update_packs(&[v2], t0() + TimeDelta::hours(2))
            .expect("again")
            .is_empty()
    );
    // A fresh database announces nothing on its first start.
    let mut fresh = Store::open_in_memory().expect("store");
    let v1 = pack(dir.path(), "1", &basic("a", ""));
    assert!(fresh.update_packs(&[v1], t0()).expect("v1").is_empty());
}

#[test]
fn the_carry_over_is_one_transaction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let mut store = Store::open(&db).expect("store");
    let v1 = pack(dir.path(), "1", &(basic("a", "") + &basic("b", "")));
    store.update_packs(&[v1], t0()).expect("v1");
    answer(&mut store, "a", Rating::Good, t0());
    answer(&mut store, "b", Rating::Good, t0());
    // Make the last write of the update fail: remembering the new version.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "CREATE TRIGGER fail BEFORE UPDATE ON pack_seen BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    )
    .expect("trigger");
    let v2 = pack(dir.path(), "2", &basic("c", "replaces = [\"a\", \"b\"]\n"));
    let err = store.update_packs(std::slice::from_ref(&v2), t0() + TimeDelta::hours(1));
    assert!(err.is_err());
    // Nothing moved: a and b keep their state and log, no replacement is recorded.
    assert_eq!(
        (reps(&store, "a"), reps(&store, "b"), reps(&store, "c")),
        (Some(1), Some(1), None)
    );
    assert!(store.moved_log("evo").expect("log").is_empty());
    assert!(
        store
            .replacements_applied("evo")
            .expect("applied")
            .is_empty()
    );
    conn.execute_batch("DROP TRIGGER fail").expect("drop");
    let updates = store
        .update_packs(&[v2], t0() + TimeDelta::hours(2))
        .expect("v2");
    assert_eq!(updates[0].changes.summary(), "2 merged");
    assert_eq!(reps(&store, "c"), Some(1));
}

/// Prints made by another format (an older deckhand) are not compared field by field: an
/// upgrade of deckhand never shows every card as changed; ids still tell what is new.
#[test]
fn another_print_format_reports_no_changed_fields() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let mut store = Store::open(&db).expect("store");
    let v1 = pack(dir.path(), "1", &basic("a", ""));
    store.update_packs(&[v1], t0()).expect("v1");
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch("UPDATE pack_seen SET hash = '0:0123456789abcdef'; UPDATE pack_seen_cards SET fields = 'front=1';")
        .expect("an older format");
    let v2 = pack(
        dir.path(),
        "2",
        &(basic("a", "tags = [\"x\"]\n") + &basic("b", "")),
    );
    let updates = store.update_packs(&[v2], t0()).expect("v2");
    assert_eq!(updates[0].changes.summary(), "1 new card");
}
