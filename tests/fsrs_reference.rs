//! Replays the py-fsrs 6.3.2 reference vectors (`tests/data/fsrs_vectors*.json`, produced by
//! `shared/research/fsrs/fsrs_vectors.py`) through the public API of `deckhand::srs`.
//!
//! - every review of every case: state, step, due time and interval exact; stability and
//!   difficulty within 1e-4 relative (we measure about 1e-15, see the printed maximum);
//! - every per-formula table in `units`;
//! - any further file of the same format named by the `FSRS_VECTORS` environment variable;
//! - a measurement of the `fsrs` crate (fsrs-rs, f32) against the same vectors, which is why
//!   the memory model is our own `f64` code (see `src/srs/model.rs`).

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use deckhand::srs::{
    CardState, DEFAULT_PARAMETERS, Fuzz, Parameters, Rating, Scheduler, SchedulerConfig, State,
};
use serde_json::Value;

const TOLERANCE: f64 = 1e-4;

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read vector file {}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", path.display()))
}

fn data(name: &str) -> Value {
    load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
}

fn f(v: &Value) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("expected a number, got {v}"))
}

fn time(v: &Value) -> DateTime<Utc> {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("expected a time string, got {v}"));
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("bad time {s}: {e}"))
        .with_timezone(&Utc)
}

fn rel_err(got: f64, want: f64) -> f64 {
    if want == 0.0 {
        got.abs()
    } else {
        ((got - want) / want).abs()
    }
}

fn rating(v: &Value) -> Rating {
    let n = v.as_u64().and_then(|n| u8::try_from(n).ok());
    n.and_then(Rating::from_number)
        .unwrap_or_else(|| panic!("bad rating {v}"))
}

fn state_name(s: State) -> &'static str {
    match s {
        // py-fsrs has no New state: a new card is Learning, step 0, without memory.
        State::New | State::Learning => "Learning",
        State::Review => "Review",
        State::Relearning => "Relearning",
    }
}

fn steps(v: &Value) -> Vec<TimeDelta> {
    v.as_array()
        .expect("steps array")
        .iter()
        .map(|s| TimeDelta::seconds(s.as_i64().expect("whole seconds")))
        .collect()
}

fn scheduler(settings: &Value) -> Scheduler {
    let parameters = match &settings["parameters"] {
        Value::String(s) if s == "default" => Parameters::default(),
        Value::Array(ws) => {
            let ws: Vec<f64> = ws.iter().map(f).collect();
            Parameters::new(&ws).expect("valid parameters in vector file")
        }
        other => panic!("bad parameters {other}"),
    };
    assert_eq!(
        settings["enable_fuzzing"],
        Value::Bool(false),
        "vectors must have fuzz off"
    );
    Scheduler::new(SchedulerConfig {
        parameters,
        desired_retention: f(&settings["desired_retention"]),
        learning_steps: steps(&settings["learning_steps_seconds"]),
        relearning_steps: steps(&settings["relearning_steps_seconds"]),
        maximum_interval: u32::try_from(settings["maximum_interval"].as_u64().expect("int"))
            .expect("maximum interval fits u32"),
        fuzz: Fuzz::Off,
    })
    .expect("valid scheduler settings")
}

#[derive(Default, Debug)]
struct Replayed {
    cases: usize,
    reviews: usize,
    max_rel_err: f64,
}

/// Replays every case of `doc`, asserting every field; returns the counts.
fn replay(doc: &Value) -> Replayed {
    let mut out = Replayed::default();
    for case in doc["cases"].as_array().expect("cases array") {
        let name = case["name"].as_str().unwrap_or("?");
        let sched = scheduler(&case["settings"]);
        let mut card = CardState::new();
        for review in case["reviews"].as_array().expect("reviews array") {
            let at = format!("{name} review {}", review["index"]);
            let now = time(&review["review_datetime"]);
            let before = &review["before"];
            assert_eq!(
                state_name(card.state),
                before["state"],
                "{at}: state before"
            );
            match card.memory {
                None => assert!(before["stability"].is_null(), "{at}: memory before"),
                Some(m) => {
                    let e = rel_err(m.stability, f(&before["stability"]))
                        .max(rel_err(m.difficulty, f(&before["difficulty"])));
                    assert!(e <= TOLERANCE, "{at}: memory before off by {e}");
                }
            }
            match (
                sched.retrievability(&card, now),
                &review["retrievability_before"],
            ) {
                (None, Value::Null) => {}
                (Some(r), want) => {
                    assert!(rel_err(r, f(want)) <= TOLERANCE, "{at}: R {r} vs {want}")
                }
                (None, want) => panic!("{at}: no retrievability, reference {want}"),
            }

            card = sched.review(&card, rating(&review["rating"]), now);

            let after = &review["after"];
            assert_eq!(state_name(card.state), after["state"], "{at}: state");
            let want_step = after["step"]
                .as_u64()
                .map(|s| u32::try_from(s).expect("step"));
            assert_eq!(card.step, want_step, "{at}: step");
            let m = card.memory.expect("memory after a review");
            let es = rel_err(m.stability, f(&after["stability"]));
            let ed = rel_err(m.difficulty, f(&after["difficulty"]));
            assert!(
                es <= TOLERANCE,
                "{at}: S {} vs {}",
                m.stability,
                after["stability"]
            );
            assert!(
                ed <= TOLERANCE,
                "{at}: D {} vs {}",
                m.difficulty,
                after["difficulty"]
            );
            out.max_rel_err = out.max_rel_err.max(es).max(ed);
            let due = card.due.expect("due after a review");
            assert_eq!(due, time(&after["due"]), "{at}: due");
            let ivl_ms = (due - now).num_milliseconds();
            let want_ms = (f(&after["interval_seconds"]) * 1000.0).round() as i64;
            assert_eq!(ivl_ms, want_ms, "{at}: interval");
            if card.state == State::Review {
                let whole = after["interval_whole_days"].as_i64().expect("whole days");
                assert_eq!((due - now).num_days(), whole, "{at}: interval days");
                assert_eq!(
                    ivl_ms % 86_400_000,
                    0,
                    "{at}: review interval is whole days"
                );
            }
            out.reviews += 1;
        }
        out.cases += 1;
    }
    out
}

#[test]
fn default_steps_vectors_replay_exactly() {
    let r = replay(&data("fsrs_vectors.json"));
    println!(
        "fsrs_vectors.json: {} cases, {} reviews, max rel err {:e}",
        r.cases, r.reviews, r.max_rel_err
    );
    assert_eq!((r.cases, r.reviews), (41, 375));
}

#[test]
fn no_steps_vectors_replay_exactly() {
    let r = replay(&data("fsrs_vectors_nosteps.json"));
    println!(
        "fsrs_vectors_nosteps.json: {} cases, {} reviews, max rel err {:e}",
        r.cases, r.reviews, r.max_rel_err
    );
    assert_eq!((r.cases, r.reviews), (32, 294));
}

#[test]
fn extra_vectors_from_env() {
    let Some(path) = std::env::var_os("FSRS_VECTORS") else {
        println!("FSRS_VECTORS not set: no extra vector file replayed");
        return;
    };
    let path = Path::new(&path);
    let doc = load(path);
    let r = replay(&doc);
    check_units(&doc);
    println!(
        "FSRS_VECTORS={}: replayed {} cases, {} reviews (max rel err {:e}); units checked",
        path.display(),
        r.cases,
        r.reviews,
        r.max_rel_err
    );
    assert!(r.reviews > 0, "{} holds no reviews", path.display());
}

fn close(got: f64, want: &Value, what: &str) {
    let want = f(want);
    assert!(rel_err(got, want) <= 1e-9, "{what}: {got} vs {want}");
}

fn rating_key(k: &str) -> Rating {
    k.parse::<u8>()
        .ok()
        .and_then(Rating::from_number)
        .expect("rating key")
}

/// Every per-formula table of a vector file's `units` block.
fn check_units(doc: &Value) {
    let u = &doc["units"];
    let p = Parameters::default();
    close(p.decay(), &u["decay"], "decay");
    close(p.factor(), &u["factor"], "factor");
    for (k, v) in u["initial_stability"].as_object().expect("table") {
        close(p.initial_stability(rating_key(k)), v, "S0");
    }
    for (k, v) in u["initial_difficulty_clamped"].as_object().expect("table") {
        close(p.initial_difficulty(rating_key(k), true), v, "D0 clamped");
    }
    for (k, v) in u["initial_difficulty_unclamped"]
        .as_object()
        .expect("table")
    {
        close(
            p.initial_difficulty(rating_key(k), false),
            v,
            "D0 unclamped",
        );
    }
    let rows = |name: &str| {
        u[name]
            .as_array()
            .unwrap_or_else(|| panic!("{name} table"))
            .clone()
    };
    for row in rows("retrievability") {
        let got = p.retrievability(f(&row["elapsed_days"]), f(&row["stability"]));
        close(got, &row["retrievability"], "R");
    }
    for row in rows("next_interval") {
        let (s, r) = (f(&row["stability"]), f(&row["desired_retention"]));
        close(
            p.raw_interval(s, r),
            &row["interval_raw_days"],
            "raw interval",
        );
        assert_eq!(
            u64::from(p.next_interval(s, r, 36500)),
            row["interval_days"].as_u64().expect("int"),
            "interval S={s} r={r}"
        );
    }
    for row in rows("next_difficulty") {
        let got = p.next_difficulty(f(&row["difficulty"]), rating(&row["rating"]));
        close(got, &row["next"], "next D");
    }
    for row in rows("short_term_stability") {
        let got = p.short_term_stability(f(&row["stability"]), rating(&row["rating"]));
        close(got, &row["next"], "short-term S");
    }
    for row in rows("recall_stability") {
        let (d, s, r) = (
            f(&row["difficulty"]),
            f(&row["stability"]),
            f(&row["retrievability"]),
        );
        close(
            p.recall_stability(d, s, r, rating(&row["rating"])),
            &row["next"],
            "recall S",
        );
    }
    for row in rows("forget_stability") {
        let (d, s, r) = (
            f(&row["difficulty"]),
            f(&row["stability"]),
            f(&row["retrievability"]),
        );
        close(p.forget_stability(d, s, r), &row["next"], "forget S");
    }
}

#[test]
fn unit_tables_match() {
    check_units(&data("fsrs_vectors.json"));
    check_units(&data("fsrs_vectors_nosteps.json"));
    assert_eq!(Parameters::default().weights(), &DEFAULT_PARAMETERS);
}

/// Measurement behind the choice of an own f64 memory model: the `fsrs` crate (f32, S clamped
/// to 36500) replayed over the same histories. Asserts what was measured so that a change of
/// the crate shows up here.
#[test]
fn fsrs_rs_crosscheck() {
    let fsrs = fsrs::FSRS::new(&fsrs::DEFAULT_PARAMETERS).expect("default parameters");
    for file in ["fsrs_vectors.json", "fsrs_vectors_nosteps.json"] {
        let doc = data(file);
        let (mut reviews, mut over_cap, mut beyond_tol, mut ivl_mismatch) = (0, 0, 0, 0);
        let mut max_err_under_cap: f64 = 0.0;
        for case in doc["cases"].as_array().expect("cases") {
            let retention = f(&case["settings"]["desired_retention"]) as f32;
            let max_ivl = f(&case["settings"]["maximum_interval"]) as f32;
            let mut memory: Option<fsrs::MemoryState> = None;
            for review in case["reviews"].as_array().expect("reviews") {
                let days = review["elapsed_days"].as_u64().unwrap_or(0) as u32;
                let next = fsrs
                    .next_states(memory, retention, days)
                    .expect("next states");
                let item = match rating(&review["rating"]) {
                    Rating::Again => next.again,
                    Rating::Hard => next.hard,
                    Rating::Good => next.good,
                    Rating::Easy => next.easy,
                };
                memory = Some(item.memory);
                let after = &review["after"];
                let want_s = f(&after["stability"]);
                let es = rel_err(f64::from(item.memory.stability), want_s);
                let ed = rel_err(f64::from(item.memory.difficulty), f(&after["difficulty"]));
                if want_s > 36500.0 {
                    over_cap += 1;
                } else {
                    max_err_under_cap = max_err_under_cap.max(es).max(ed);
                }
                if es.max(ed) > TOLERANCE {
                    beyond_tol += 1;
                }
                if let Some(whole) = after["interval_whole_days"].as_i64() {
                    let got = item.interval.round_ties_even().clamp(1.0, max_ivl) as i64;
                    if got != whole {
                        ivl_mismatch += 1;
                    }
                }
                reviews += 1;
            }
        }
        println!(
            "fsrs-rs vs {file}: {reviews} reviews, {over_cap} with reference S > 36500, \
             {beyond_tol} outside 1e-4, max rel err where S <= 36500: {max_err_under_cap:e}, \
             {ivl_mismatch} interval mismatches"
        );
        assert!(max_err_under_cap < TOLERANCE);
        assert_eq!(
            beyond_tol, over_cap,
            "only the clamped reviews should fail the tolerance"
        );
        assert_eq!(ivl_mismatch, 0, "rounded intervals agree");
        let measured_over_cap = if file == "fsrs_vectors.json" { 18 } else { 21 };
        assert_eq!(over_cap, measured_over_cap, "reviews above the fsrs-rs cap");
    }
}
