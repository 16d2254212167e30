//! `deckhand optimize`: refuses with an explanation when there are too few reviews; with a
//! simulated review history it fits, prints old and new log loss / RMSE and stores the
//! parameters for the pack, which the scheduler then uses.

use std::process::Command;

use chrono::{TimeDelta, TimeZone, Utc};
use deckhand::srs::PackOptions;
use deckhand::srs::queue::{DayClock, ItemKey, Next};
use deckhand::srs::{Parameters, Rating};
use deckhand::store::{AnswerMeta, Durability, ItemKind, Store};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

fn deckhand(dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("run deckhand");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn too_few_reviews_are_explained() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ok, text) = deckhand(dir.path(), &["optimize", "--pack", "ecs"]);
    assert!(ok, "{text}");
    assert!(
        text.contains("not enough reviews") && text.contains("0 of the 400"),
        "{text}"
    );
}

#[test]
fn fits_and_stores_parameters_from_a_simulated_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("progress.sqlite3");
    let mut store = Store::open_with(&path, Durability::Normal).expect("store");
    let pack = "sim";
    store
        .set_pack_options(
            pack,
            &PackOptions {
                new_per_day: Some(15),
                ..PackOptions::default()
            },
        )
        .expect("options");
    let items: Vec<ItemKey> = (0..150)
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
    for day in 0..120 {
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
    drop(store);
    let (ok, text) = deckhand(dir.path(), &["optimize", "--pack", pack]);
    println!("{reviews} simulated answers\n{text}");
    assert!(ok, "{text}");
    assert!(text.contains("log loss") && text.contains("RMSE"), "{text}");
    assert!(
        text.contains("current") && text.contains("fitted"),
        "{text}"
    );
    let store = Store::open(&path).expect("reopen");
    let stored = store.pack_options(pack).expect("options").parameters;
    assert!(text.contains("stored the fitted parameters"), "{text}");
    let stored = stored.expect("parameters stored");
    assert_eq!(stored.len(), 21);
    assert_ne!(stored, deckhand::srs::DEFAULT_PARAMETERS.to_vec());
    let settings = store.pack_settings(pack).expect("settings");
    assert_eq!(
        settings.scheduler.config().parameters.weights().to_vec(),
        stored
    );
}
