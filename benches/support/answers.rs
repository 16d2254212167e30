//! The answer-commit set-up the store and statistics benchmarks share: a review session over
//! 3,000 fresh items of one pack (`bench`, allowed 100,000 new cards a day), answered one by
//! one with each grade in turn, 1.5 s apart.

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use deckhand::srs::queue::{DayClock, ItemKey, Next};
use deckhand::srs::{PackOptions, Rating};
use deckhand::store::{AnswerMeta, ItemKind, Store};

/// Answer up to `answers` cards of a new review session in `store`, from `start`; how long
/// each answer's commit (`Store::answer`) took, in order.
pub fn answer_commits(store: &mut Store, start: DateTime<Utc>, answers: usize) -> Vec<Duration> {
    let opts = PackOptions {
        new_per_day: Some(100_000),
        ..PackOptions::default()
    };
    store.set_pack_options("bench", &opts).expect("options");
    let items: Vec<ItemKey> = (0..3000)
        .map(|i| ItemKey::new("bench", format!("i{i}")))
        .collect();
    let mut now = start;
    let mut session = store
        .start_review(&items, now, DayClock::default())
        .expect("session");
    let meta = AnswerMeta {
        kind: ItemKind::Basic,
        correct: None,
        answer_ms: 1200,
    };
    let mut samples = Vec::with_capacity(answers);
    for n in 0..answers {
        let Next::Card { key, .. } = session.next(now) else {
            break;
        };
        let t = Instant::now();
        store
            .answer(&mut session, &key, Rating::ALL[n % 4], meta, now)
            .expect("answer");
        samples.push(t.elapsed());
        now += TimeDelta::milliseconds(1500);
    }
    samples
}
