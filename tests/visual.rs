//! The visualiser: snapshots of both screens at 80×24 and 160×48 (fixed seed, simulated
//! time driven by the tests), and flows for editing parameters, play / step / restart,
//! predictions answered right and wrong, and opening a card's scenario.

mod support;
mod visual_support;

use deckhand::quiz::predict;
use deckhand::sim::DeploymentStatus;
use deckhand::srs::queue::ItemKey;
use deckhand::tui::app::{App, Screen};
use deckhand::tui::keymap::Ctx;
use deckhand::tui::screens::visual::Tab;
use ratatui::crossterm::event::KeyCode;
use support::*;
use visual_support::{open, open_on, play_for, visual};

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48));
}

#[test]
fn the_seed_example_plays_batches_4_4_2_and_explains_each() {
    let (mut app, clock) = open();
    assert_eq!(visual(&app).sim.limits(), (10, 6, 10));
    snap("rolling_start", &app);
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 8);
    snap("rolling_mid", &app);
    play_for(&mut app, &clock, 60);
    let v = visual(&app);
    assert_eq!(v.sim.status(), DeploymentStatus::Completed);
    assert!(!v.playing, "play stops at the end");
    let stops: Vec<u32> = v
        .sim
        .batches()
        .iter()
        .filter(|b| b.action == deckhand::sim::BatchAction::Stop)
        .map(|b| b.count)
        .collect();
    assert_eq!(stops, [4, 4, 2]);
    let screen = screen(&app, 160, 48);
    assert!(screen.contains("stop 4 (6/0) → start 4 (6/4) → stop 4 (2/4) → start 4 (2/8) → stop 2 (0/8) → start 2 (0/10)"), "{screen}");
    assert!(
        screen.contains("stopped 2 old tasks: 8 healthy stay ≥ lower limit 6"),
        "{screen}"
    );
    snap("rolling_completed", &app);
}

#[test]
fn minimum_100_maximum_100_shows_the_deadlock_and_why() {
    let (mut app, _) = open();
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Down);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right); // 60 → 100
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(visual(&app).sim.limits(), (10, 10, 10));
    ch(&mut app, 'n');
    assert!(matches!(
        visual(&app).sim.status(),
        DeploymentStatus::Stuck(_)
    ));
    let s = screen(&app, 80, 24);
    assert!(s.contains("deployment STUCK"), "{s}");
    assert!(s.contains("unable to stop or start tasks"), "{s}");
    snap("rolling_deadlock", &app);
}

#[test]
fn editing_parameters_recomputes_the_limits_live() {
    let (mut app, _) = open();
    ch(&mut app, 'e');
    assert!(visual(&app).editing);
    press(&mut app, KeyCode::Right); // desired 10 → 11
    assert_eq!(visual(&app).sim.limits(), (11, 7, 11));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // max 100 → 110
    assert_eq!(visual(&app).sim.limits(), (11, 7, 12));
    snap("rolling_editing", &app);
    // The launch type: EC2 with room for the tasks, drawn by instance.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Esc);
    assert!(!visual(&app).editing);
    assert!(!visual(&app).sim.instances().is_empty());
    assert!(
        screen(&app, 80, 24).contains("i-"),
        "tasks grouped by instance"
    );
}

#[test]
fn play_step_speed_and_restart() {
    let (mut app, clock) = open();
    ch(&mut app, 'n');
    assert_eq!(
        visual(&app).sim.time(),
        1,
        "n steps to the next event (the first second)"
    );
    let events = visual(&app).sim.events().len();
    ch(&mut app, 'n');
    assert!(visual(&app).sim.events().len() > events);
    ch(&mut app, '+');
    ch(&mut app, ' ');
    assert!(app.wake_at().is_some(), "playing wakes up for frames");
    let before = visual(&app).sim.time();
    play_for(&mut app, &clock, 1);
    let advanced = visual(&app).sim.time() - before;
    assert!(
        (27..=30).contains(&advanced),
        "about one second at 30x: {advanced} s"
    );
    ch(&mut app, ' ');
    assert!(app.wake_at().is_none(), "paused, the loop blocks on input");
    ch(&mut app, 'r');
    assert_eq!(visual(&app).sim.time(), 0);
    assert!(visual(&app).sim.batches().is_empty());
}

#[test]
fn a_prediction_answered_right_is_scheduled_and_checked_against_the_simulator() {
    let (mut app, clock) = open();
    ch(&mut app, 'p');
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 1);
    let asked = visual(&app)
        .asked
        .clone()
        .expect("a question at the first decision");
    assert_eq!(asked.card.as_deref(), Some("rolling-10-60-100-q1"));
    assert!(
        app.wake_at().is_none(),
        "the simulation waits for the answer"
    );
    snap("predict_question", &app);
    let right = asked.prediction.answer;
    let letter = deckhand::quiz::letter(right).to_ascii_lowercase();
    ch(&mut app, letter);
    snap("predict_right", &app);
    assert_eq!(visual(&app).score, (1, 1));
    let log = app.store.review_log(Some(predict::PACK_ID)).expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        log[0].key,
        ItemKey::new(predict::PACK_ID, "rolling-10-60-100-q1")
    );
    assert_eq!(log[0].correct, Some(true));
    // Going on: the simulator does what the right answer said.
    press(&mut app, KeyCode::Enter);
    let stopped = visual(&app).sim.batches().first().expect("a batch").count;
    assert_eq!(stopped.to_string(), asked.prediction.options[right].text);
}

#[test]
fn a_prediction_answered_wrong_shows_why() {
    let (mut app, clock) = open();
    ch(&mut app, 'p');
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 1);
    let asked = visual(&app).asked.clone().expect("a question");
    let wrong = (asked.prediction.answer + 1) % 4;
    ch(&mut app, deckhand::quiz::letter(wrong).to_ascii_lowercase());
    assert_eq!(visual(&app).score, (0, 1));
    let s = screen(&app, 80, 24);
    assert!(s.contains("✗"), "{s}");
    assert!(s.contains("Not quite"), "{s}");
    let log = app.store.review_log(Some(predict::PACK_ID)).expect("log");
    assert_eq!(log[0].rating, deckhand::srs::Rating::Again);
}

#[test]
fn the_scaling_screen_scales_out_within_minutes_and_in_after_the_alarm_and_cooldown() {
    let (mut app, clock) = open();
    ch(&mut app, '2');
    assert_eq!(visual(&app).tab, Tab::Scaling);
    snap("scaling_start", &app);
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 70);
    let v = visual(&app);
    assert!(v.finished());
    let changes: Vec<(u64, u32, u32)> = v
        .sim
        .events()
        .iter()
        .filter_map(|e| match e.kind {
            deckhand::sim::EventKind::DesiredChanged { from, to, .. } => Some((e.t, from, to)),
            _ => None,
        })
        .collect();
    let (out_at, from, to) = changes[0];
    assert!(to > from, "the first change scales out");
    // The spike starts at minute 5: scale-out three one-minute datapoints later.
    assert!(out_at <= 8 * 60 + 59, "scale-out at {out_at} s");
    let (in_at, from, to) = *changes.iter().find(|c| c.2 < c.1).expect("a scale-in");
    assert!(to < from);
    let spike_end = v
        .sim
        .samples()
        .iter()
        .rev()
        .find(|s| s.metrics.get(deckhand::sim::MetricKind::Cpu).unwrap_or(0.0) > 50.0)
        .map(|s| s.t)
        .expect("the spike");
    assert!(
        in_at >= spike_end + 15 * 60,
        "scale-in {in_at} s only after 15 low datapoints from {spike_end} s"
    );
    // The charts and the log agree: the chart's desired count steps at the same minutes.
    let at_out = v
        .sim
        .samples()
        .iter()
        .find(|s| s.t >= out_at)
        .expect("sample");
    assert_eq!(at_out.desired, to.max(at_out.desired).min(changes[0].2));
    snap("scaling_end", &app);
}

#[test]
fn a_card_opens_its_scenario_and_esc_returns_to_the_card() {
    let (mut app, _) = open();
    press(&mut app, KeyCode::Esc);
    // Review the generated pack: its cards carry their scenario.
    let rows = app.home.rows(&app.cat);
    app.home.selected = rows
        .iter()
        .position(|n| matches!(n, deckhand::study::Node::Pack(1)))
        .expect("generated pack row");
    press(&mut app, KeyCode::Enter);
    let card = shown(&app).expect("a card");
    // Before the card is answered its scenario would play the answer: not offered yet.
    assert!(!app.contexts().contains(&Ctx::Scenario));
    ch(&mut app, 'v');
    assert!(
        !matches!(app.screen, Screen::Visual { .. }),
        "not before answering"
    );
    ch(&mut app, 'a');
    press(&mut app, KeyCode::Enter);
    assert!(app.contexts().contains(&Ctx::Scenario));
    ch(&mut app, 'v');
    assert!(matches!(app.screen, Screen::Visual { .. }));
    press(&mut app, KeyCode::Esc);
    assert_eq!(shown(&app), Some(card), "back on the same card");
}

#[test]
fn every_size_renders_without_panic() {
    let mut apps = Vec::new();
    let (mut rolling, clock) = open();
    ch(&mut rolling, ' ');
    play_for(&mut rolling, &clock, 5);
    apps.push(rolling);
    let (mut editing, _) = open();
    ch(&mut editing, 'e');
    apps.push(editing);
    let (mut asking, clock) = open();
    ch(&mut asking, 'p');
    ch(&mut asking, ' ');
    play_for(&mut asking, &clock, 1);
    apps.push(asking);
    let (mut scaling, clock) = open();
    ch(&mut scaling, '2');
    ch(&mut scaling, 'e');
    for _ in 0..8 {
        press(&mut scaling, KeyCode::Down);
    }
    press(&mut scaling, KeyCode::Right); // EC2 with a capacity provider: three charts
    press(&mut scaling, KeyCode::Esc);
    ch(&mut scaling, ' ');
    play_for(&mut scaling, &clock, 20);
    apps.push(scaling);
    for app in &apps {
        for w in 1..=120 {
            for h in 1..=40 {
                screen(app, w, h);
            }
        }
        screen(app, 200, 60);
    }
}

#[test]
fn on_ec2_tasks_wait_for_the_capacity_provider_to_add_instances() {
    let (mut app, clock) = open();
    ch(&mut app, '2');
    ch(&mut app, 'e');
    for _ in 0..8 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 70);
    let v = visual(&app);
    let events: Vec<String> = v.sim.events().iter().map(|e| e.message()).collect();
    assert!(
        events.iter().any(|m| m.contains("PROVISIONING")),
        "{events:#?}"
    );
    assert!(
        v.sim
            .events()
            .iter()
            .any(|e| matches!(e.kind, deckhand::sim::EventKind::InstancesLaunched { .. })),
        "{events:#?}"
    );
    snap("scaling_ec2_end", &app);
}

fn rolling(p: deckhand::sim::RollingPreset) -> deckhand::sim::Preset {
    deckhand::sim::Preset::Rolling(p)
}

#[test]
fn the_header_counts_no_new_tasks_before_the_deployment_starts() {
    let (app, _) = open();
    let s = screen(&app, 80, 24);
    assert!(s.contains("rev 1 10"), "{s}");
    assert!(!s.contains("new 10") && !s.contains("new rev"), "{s}");
    assert!(s.contains("no deployment yet"), "{s}");
}

#[test]
fn after_a_rollback_the_tasks_rolled_back_to_are_not_called_new() {
    let (mut app, _) = open_on(rolling(deckhand::sim::RollingPreset {
        desired: 4,
        broken_image: deckhand::sim::BrokenImage::Start,
        rollback: true,
        ..Default::default()
    }));
    while visual(&app).sim.status() != DeploymentStatus::RollingBack {
        ch(&mut app, 'n');
        assert!(!visual(&app).finished(), "the rollback starts");
    }
    let s = screen(&app, 80, 24);
    assert!(s.contains("rollback rev 1 4"), "{s}");
    assert!(s.contains("failed rev 2 0"), "{s}");
    assert!(!s.contains("new rev"), "{s}");
    assert!(s.contains("[1 ok]"), "cells carry their revision: {s}");
}

#[test]
fn parameter_values_are_never_cut() {
    let (mut app, _) = open();
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Right); // desired 11
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // max 110 %: U = 12
    let s = screen(&app, 80, 24);
    assert!(s.contains("◂ 110 ▸  U = 12"), "{s}");
    // With a load balancer, the health check's arithmetic shows whole at both sizes.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Right); // load balancer on
    press(&mut app, KeyCode::Esc);
    for (w, h) in [(80, 24), (160, 48)] {
        ch(&mut app, 'e');
        let s = screen(&app, w, h);
        assert!(s.contains("× 5 = 150 s"), "{w}x{h}: {s}");
        // Every field in view (the form scrolls on short screens) shows its whole value.
        for f in visual(&app).fields().iter().filter(|f| s.contains(f.label)) {
            assert!(
                s.contains(&f.value),
                "{w}x{h}: {} {} cut:\n{s}",
                f.label,
                f.value
            );
        }
        press(&mut app, KeyCode::Esc);
    }
}

#[test]
fn chart_legends_name_the_marks_the_charts_draw() {
    let (mut app, clock) = open();
    ch(&mut app, '2');
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 70);
    let s = screen(&app, 160, 48);
    assert!(!s.contains('▬'), "a legend mark the charts never draw: {s}");
    // The low alarm fired after the spike: its mark is in the legend and in the chart.
    for mark in ['▲', '▼', '×'] {
        assert!(
            s.matches(mark).count() >= 2,
            "{mark} in the legend and the chart: {s}"
        );
    }
}

#[test]
fn the_batches_show_an_ellipsis_when_their_head_is_cut() {
    let (mut app, clock) = open_on(rolling(deckhand::sim::RollingPreset {
        desired: 20,
        min_healthy: Some(90),
        max_percent: Some(100),
        ..Default::default()
    }));
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 120);
    let v = visual(&app);
    assert!(v.sim.batches().len() > 12, "{}", v.sim.batches().len());
    let s = screen(&app, 80, 24);
    let row = s
        .lines()
        .skip_while(|l| !l.contains("Batches"))
        .nth(1)
        .unwrap_or_default();
    assert!(row.starts_with("\"│ … "), "{s}");
}

#[test]
fn the_cell_legend_keeps_each_code_with_its_word() {
    let (app, _) = open();
    let s = screen(&app, 80, 24);
    for pair in [
        "pv provisioning",
        "pe pending",
        "ac activating",
        "ru running",
        "ok healthy",
        "!! unhealthy",
        "st stopping",
        "dp deprovisioning",
        "xx stopped",
    ] {
        assert!(s.lines().any(|l| l.contains(pair)), "{pair} split:\n{s}");
    }
}

#[test]
fn without_a_load_balancer_stopping_tasks_are_not_draining() {
    let (mut app, _) = open();
    ch(&mut app, 'n'); // second 0: 4 old tasks stop
    let s = screen(&app, 160, 48);
    assert!(s.contains("de]"), "{s}");
    assert!(!s.contains("dr]"), "no load balancer, nothing drains: {s}");
    let (mut app, _) = open_on(rolling(deckhand::sim::RollingPreset {
        desired: 10,
        min_healthy: Some(60),
        max_percent: Some(100),
        load_balancer: true,
        ..Default::default()
    }));
    ch(&mut app, 'n');
    assert!(screen(&app, 160, 48).contains("dr]"));
}

#[test]
fn help_on_the_visualiser_explains_cells_states_batches_and_marks() {
    let (mut app, _) = open();
    ch(&mut app, '?');
    let mut all = String::new();
    for _ in 0..12 {
        all.push_str(&screen(&app, 100, 60));
        press(&mut app, KeyCode::PageDown);
    }
    for needle in [
        "Reading the visualiser",
        "[2 ok]",
        "draining connections",
        "stop 4 (6/0)",
        "lower limit",
    ] {
        assert!(all.contains(needle), "{needle}:\n{all}");
    }
    press(&mut app, KeyCode::Esc);
    ch(&mut app, '2');
    ch(&mut app, '?');
    let s = screen(&app, 100, 60);
    assert!(s.contains("▼") && s.contains("low (scale-in) alarm"), "{s}");
}

#[test]
fn step_scaling_shows_its_steps_and_asks_with_them() {
    let (mut app, clock) = open();
    ch(&mut app, '2');
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Right); // policy: step
    press(&mut app, KeyCode::Esc);
    let s = screen(&app, 160, 48);
    assert!(
        s.contains("step-out: alarm CPU % > 50 for 3 of"),
        "the Parameters panel shows the alarm: {s}"
    );
    assert!(s.contains("[20, ∞) +30 %"), "and the steps: {s}");
    ch(&mut app, 'p');
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 60);
    let v = visual(&app);
    let asked = v.asked.as_ref().expect("a question");
    assert!(
        asked.prediction.question.contains("[20, ∞) +30 %"),
        "{}",
        asked.prediction.question
    );
    assert!(
        asked
            .prediction
            .question
            .contains("alarm (CPU % > 50 for 3 of 3 minutes)"),
        "{}",
        asked.prediction.question
    );
}
