//! `deckhand optimize`: refuses with an explanation when there are too few reviews, exits 2
//! on an unknown pack, creates nothing on an empty data directory; on a simulated year of
//! reviews it fits, prints the log loss and RMSE of the current and fitted parameters on the
//! held-out newest reviews, stores the parameters (which the scheduler then uses) and replays
//! every card under them: stored stabilities change, due dates stay.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use chrono::{TimeDelta, TimeZone, Utc};
use deckhand::srs::PackOptions;
use deckhand::srs::queue::{DayClock, ItemKey, ItemProgress, Next};
use deckhand::srs::{Parameters, Rating};
use deckhand::store::{AnswerMeta, Durability, ItemKind, Store};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

fn deckhand(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("DECKHAND_CONFIG_DIR", dir.join("config"))
        .output()
        .expect("run deckhand");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn too_few_reviews_are_explained_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (code, text) = deckhand(&data, &["optimize", "--pack", "aws-containers"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("not enough reviews") && text.contains("0 of the 400"),
        "{text}"
    );
    let (code, text) = deckhand(&data, &["optimize"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("No reviews yet"), "{text}");
    assert!(!data.exists(), "optimize created {}", data.display());
}

#[test]
fn an_unknown_pack_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (code, text) = deckhand(&data, &["optimize", "--pack", "aws-container"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("no pack `aws-container`") && text.contains("aws-containers"),
        "{text}"
    );
    assert!(!data.exists(), "optimize created {}", data.display());
}

fn all_progress(store: &Store, pack: &str) -> BTreeMap<String, ItemProgress> {
    let mut all = BTreeMap::new();
    store
        .each_progress(pack, |item, p| {
            all.insert(item.to_string(), p);
        })
        .expect("progress");
    all
}

/// The number after `name` on the line that starts with it (a table row).
fn figure(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {name} row in\n{text}"))
}

#[test]
fn a_simulated_year_is_fitted_judged_on_held_out_reviews_and_replayed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    let mut store = Store::open_with(&path, Durability::Normal).expect("store");
    let pack = "sim";
    store
        .set_pack_options(
            pack,
            &PackOptions {
                new_per_day: Some(10),
                ..PackOptions::default()
            },
        )
        .expect("options");
    let items: Vec<ItemKey> = (0..120)
        .map(|i| ItemKey::new(pack, format!("card{i}")))
        .collect();
    // A learner who forgets faster than the default model expects.
    let truth = Parameters::default();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let meta = AnswerMeta {
        kind: ItemKind::Basic,
        correct: None,
        answer_ms: 2000,
    };
    let start = Utc
        .with_ymd_and_hms(2025, 1, 1, 9, 0, 0)
        .single()
        .expect("valid");
    for day in 0..365 {
        let mut now = start + TimeDelta::days(day);
        let mut s = store
            .start_review(&items, now, DayClock::default())
            .expect("session");
        loop {
            let key = match s.next(now) {
                Next::Card { key, .. } => key,
                Next::Wait(until) => {
                    now = until;
                    continue;
                }
                Next::Done => break,
            };
            let p = s.progress(&key).expect("in session").card.clone();
            let recall = match (p.memory, p.last_review) {
                (Some(m), Some(last)) => {
                    let days = deckhand::srs::elapsed_days(last, now).max(0) as f64;
                    truth.retrievability(days, m.stability * 0.4)
                }
                _ => 0.6,
            };
            let rating = if rng.random::<f64>() < recall {
                if rng.random::<f64>() < 0.15 {
                    Rating::Easy
                } else {
                    Rating::Good
                }
            } else {
                Rating::Again
            };
            store
                .answer(&mut s, &key, rating, meta, now)
                .expect("answer");
            now += TimeDelta::seconds(20);
        }
    }
    let reviews = store.review_count().expect("count");
    let before = all_progress(&store, pack);
    drop(store);
    // The same history in a second data directory, for --reschedule.
    let second = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), second.path().join(entry.file_name())).expect("copy");
    }
    let (code, text) = deckhand(dir.path(), &["optimize", "--pack", pack]);
    println!("{reviews} simulated answers\n{text}");
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("held out"), "{text}");
    let (current, fitted) = (figure(&text, "current"), figure(&text, "fitted"));
    assert!(
        fitted < current,
        "held-out log loss {current} -> {fitted}\n{text}"
    );
    assert!(text.contains("stored the fitted parameters"), "{text}");
    let store = Store::open(&path).expect("reopen");
    let stored = store.pack_options(pack).expect("options").parameters;
    let stored = stored.expect("parameters stored");
    assert_eq!(stored.len(), 21);
    assert_ne!(stored, deckhand::srs::DEFAULT_PARAMETERS.to_vec());
    let settings = store.pack_settings(pack).expect("settings");
    assert_eq!(
        settings.scheduler.config().parameters.weights().to_vec(),
        stored
    );
    // Every card was replayed: its stability and difficulty are the new parameters', its
    // due date, state and counts as they were.
    let after = all_progress(&store, pack);
    assert_eq!(after.len(), before.len());
    let mut changed = 0;
    for (item, old) in &before {
        let new = &after[item];
        assert_eq!(new.card.due, old.card.due, "{item}: due date kept");
        assert_eq!(
            (new.card.state, new.card.reps, new.card.lapses),
            (old.card.state, old.card.reps, old.card.lapses)
        );
        changed += usize::from(new.card.memory != old.card.memory);
    }
    assert!(
        changed * 10 >= before.len() * 9,
        "{changed} of {} cards changed",
        before.len()
    );
    assert!(
        text.contains(&format!("{changed} cards changed")),
        "{changed}\n{text}"
    );
    // --reschedule: the due dates move to where the fitted parameters put them.
    let (code, text) = deckhand(second.path(), &["optimize", "--pack", pack, "--reschedule"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("due dates moved"), "{text}");
    let store = Store::open(&second.path().join("progress.sqlite3")).expect("reopen");
    let moved = all_progress(&store, pack)
        .iter()
        .filter(|(item, p)| p.card.due != before[*item].card.due)
        .count();
    assert!(
        moved * 2 >= before.len(),
        "{moved} of {} due dates moved",
        before.len()
    );
}
