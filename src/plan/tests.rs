use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};

use super::*;
use crate::srs::queue::{DailyLimits, ItemProgress, PackSettings};
use crate::srs::{CardState, Memory, State};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 9, 0, 0)
        .single()
        .expect("valid")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn input(items: Vec<ItemProgress>, plan: PlanSettings, new_per_day: u32) -> PlanInput {
    let settings = PackSettings {
        limits: DailyLimits {
            new_per_day,
            reviews_per_day: 9999,
        },
        ..PackSettings::default()
    };
    PlanInput {
        items,
        keys: Vec::new(),
        settings,
        plan,
        pace: Pace::from_log(0, 0),
        now: now(),
        clock: DayClock::default(),
        seed: 11,
    }
}

fn fresh(n: usize) -> Vec<ItemProgress> {
    vec![ItemProgress::default(); n]
}

/// Cards learnt `ago` days ago with stability `s`, due when R falls to 0.9.
fn learnt(n: usize, s: f64, ago: i64) -> Vec<ItemProgress> {
    let last = now() - TimeDelta::days(ago);
    (0..n)
        .map(|_| ItemProgress {
            card: CardState {
                state: State::Review,
                step: None,
                memory: Some(Memory {
                    stability: s,
                    difficulty: 5.0,
                }),
                due: Some(last + TimeDelta::days(s.round() as i64)),
                last_review: Some(last),
                reps: 3,
                lapses: 0,
            },
            ..ItemProgress::default()
        })
        .collect()
}

fn plan(exam: &str, minutes: Option<u32>, target: Option<f64>) -> PlanSettings {
    PlanSettings {
        exam_date: date(exam),
        minutes_per_day: minutes,
        target_retention: target,
    }
}

#[test]
fn following_the_plan_reaches_the_target_and_ignoring_it_does_not() {
    // 600 new cards, 30 days: 20 a day. The pack's own limit is 10 a day.
    let inp = input(fresh(600), plan("2027-01-05", None, Some(0.9)), 10);
    let p = Plan::compute(&inp);
    assert_eq!((p.days_left, p.new_cards, p.new_per_day), (30, 600, 20));
    assert!(p.on_track, "{}", p.summary());
    // A learner following the plan, with other seeds than the plan's own.
    for seed in [1, 2, 3] {
        let follow = simulate(&inp, Policy::follow(p.new_per_day), seed);
        assert_eq!(follow.new_left, 0);
        assert!(
            follow.recalled_at_exam >= 0.9,
            "seed {seed}: following the plan recalled {}",
            follow.recalled_at_exam
        );
        // Ignoring it: the trainer's default 10 new a day leaves half the cards unseen.
        let ignore = simulate(&inp, Policy::Unplanned, seed);
        assert!(ignore.new_left >= 290, "{}", ignore.new_left);
        assert!(
            ignore.recalled_at_exam < 0.9,
            "seed {seed}: ignoring the plan recalled {}",
            ignore.recalled_at_exam
        );
    }
    assert!(p.recall_if_idle < 0.01, "nothing learnt, nothing recalled");
}

#[test]
fn review_ahead_lifts_recall_on_the_exam_day_to_the_target() {
    // 300 cards learnt 8 days ago with a stability of 9 days, target 95 %, exam in 20 days:
    // reviews at 90 % retention alone leave the exam-day recall below 95 %.
    let inp = input(
        learnt(300, 9.0, 8),
        plan("2026-12-26", None, Some(0.95)),
        20,
    );
    let p = Plan::compute(&inp);
    assert!(p.on_track, "{}", p.summary());
    assert!(p.review_ahead > 0);
    for seed in [4, 5] {
        let with = simulate(&inp, Policy::follow(0), seed);
        let without = simulate(
            &inp,
            Policy::Follow {
                new_per_day: 0,
                review_ahead: false,
            },
            seed,
        );
        assert!(with.recall_at_exam >= 0.95, "{}", with.recall_at_exam);
        assert!(without.recall_at_exam < 0.95, "{}", without.recall_at_exam);
        // Ahead reviews happen only in the last days.
        let first_ahead = with.days.iter().position(|d| d.ahead > 0).expect("ahead");
        assert!(with.days.len() - first_ahead <= AHEAD_WINDOW_DAYS as usize);
    }
}

#[test]
fn a_tight_budget_is_behind_and_says_how_many_new_cards_it_allows() {
    // 15 s an answer, 5 minutes a day: 20 answers, and a new card takes about 2-3.
    let inp = input(fresh(600), plan("2027-01-05", Some(5), None), 20);
    let p = Plan::compute(&inp);
    assert!(!p.on_track);
    let allowed = p.budget_new_per_day.expect("a budget");
    assert!(allowed < p.new_per_day && allowed > 0, "{allowed}");
    assert_eq!(
        p.summary(),
        format!("exam in 30 days · behind: needs 20 new a day (budget allows {allowed})")
    );
    // Within the budget (give or take a relearning step after a lapse).
    assert!(p.expected_minutes <= 5.0, "{}", p.expected_minutes);
    assert!(p.peak_minutes <= 5.5, "{}", p.peak_minutes);
    // A generous budget is on track.
    let inp = input(fresh(600), plan("2027-01-05", Some(120), None), 20);
    let p = Plan::compute(&inp);
    assert!(p.on_track, "{}", p.summary());
    assert_eq!(p.budget_new_per_day, Some(20));
    assert!(p.expected_minutes > 5.0 && p.expected_minutes < 120.0);
    assert!(
        p.summary()
            .starts_with("exam in 30 days · on track: 20 new a day, predicted recall ")
    );
}

#[test]
fn the_exam_day_itself_leaves_no_study_days() {
    let inp = input(fresh(10), plan("2026-12-06", None, None), 20);
    let p = Plan::compute(&inp);
    assert_eq!(p.days_left, 0);
    assert!(p.days.is_empty());
    assert!(!p.on_track);
    assert_eq!(
        p.summary(),
        "exam today · 10 cards never studied, predicted recall 0 %"
    );
    // A date in the past is treated as today.
    let inp = input(fresh(10), plan("2026-11-01", None, None), 20);
    assert_eq!(Plan::compute(&inp).days_left, 0);
}

#[test]
fn suspended_cards_are_left_out_and_the_pace_comes_from_the_log() {
    let mut items = learnt(10, 30.0, 1);
    items[0].suspended = true;
    let inp = input(items, plan("2026-12-08", None, Some(0.8)), 20);
    let p = Plan::compute(&inp);
    assert_eq!((p.cards, p.new_cards, p.new_per_day), (9, 0, 0));
    assert!(p.on_track);
    assert!(
        p.summary()
            .starts_with("exam in 2 days · on track: every card seen")
    );
    assert_eq!(
        Pace::from_log(19, 190_000).secs_per_answer,
        DEFAULT_SECS_PER_ANSWER
    );
    let pace = Pace::from_log(40, 400_000);
    assert!(pace.measured && (pace.secs_per_answer - 10.0).abs() < 1e-9);
}

#[test]
fn settings_are_validated() {
    assert!(plan("2027-01-01", Some(0), None).validate().is_err());
    assert!(plan("2027-01-01", Some(1441), None).validate().is_err());
    assert!(plan("2027-01-01", None, Some(1.0)).validate().is_err());
    assert!(plan("2027-01-01", Some(30), Some(0.9)).validate().is_ok());
    assert_eq!(day_number_of(date("1970-01-02")), 1);
    assert_eq!(
        day_number_of(date("2026-12-06")),
        DayClock::default().day_number(now())
    );
}
