//! The visualiser's blue/green (ECS blue/green, linear, canary, CodeDeploy) and placement
//! tabs: snapshots at 80×24 and 160×48 at fixed moments, and flows for tripping the
//! deployment alarm, editing, quiz me and the `?` legend.

mod support;
mod visual_support;

use deckhand::sim::{
    BlueGreenPreset, ControllerKind, DeploymentStatus, PlacementPreset, Preset, RollingPreset,
    ShiftKind, Stage,
};
use deckhand::tui::app::App;
use deckhand::tui::screens::visual::Tab;
use ratatui::crossterm::event::KeyCode;
use support::*;
use visual_support::{open, open_on, play_for, visual};

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_160x48"), screen(app, 160, 48));
}

/// Quick target group checks (5 s × 2) and a 30 s deregistration delay.
fn quick(p: BlueGreenPreset) -> Preset {
    Preset::BlueGreen(BlueGreenPreset {
        health_check_secs: Some(5),
        healthy_threshold: Some(2),
        dereg_delay_secs: Some(30),
        ..p
    })
}

/// Step (`n`) until `done` holds, answering (`a`, Enter) the questions on the way.
fn step_until(app: &mut App, done: impl Fn(&App) -> bool) {
    for _ in 0..500 {
        if done(app) {
            return;
        }
        if visual(app)
            .asked
            .as_ref()
            .is_some_and(|q| q.chosen.is_none())
        {
            ch(app, 'a');
            press(app, KeyCode::Enter);
        } else {
            ch(app, 'n');
        }
    }
    panic!("never reached:\n{}", screen(app, 160, 48));
}

fn stage(app: &App) -> Option<Stage> {
    visual(app).sim.shift_state().map(|s| s.stage)
}

fn production(app: &App) -> f64 {
    visual(app).sim.traffic_split().production
}

#[test]
fn blue_green_shows_the_stages_the_split_and_both_revisions() {
    let (mut app, _) = open_on(quick(BlueGreenPreset::default()));
    assert_eq!(visual(&app).tab, Tab::BlueGreen);
    snap("bluegreen_start", &app);
    step_until(&mut app, |a| stage(a) == Some(Stage::BakeTime));
    let s = screen(&app, 160, 48);
    assert!(s.contains("production: green 100%, blue 0%"), "{s}");
    assert!(s.contains("[BAKE_TIME]") && s.contains("SCALE_UP ✓"), "{s}");
    snap("bluegreen_bake", &app);
    step_until(&mut app, |a| {
        visual(a).sim.status() == DeploymentStatus::Completed
    });
    snap("bluegreen_completed", &app);
}

#[test]
fn linear_moves_production_traffic_step_by_step() {
    let (mut app, _) = open_on(quick(BlueGreenPreset {
        strategy: ShiftKind::Linear,
        step_percent: Some(25.0),
        step_minutes: Some(3),
        ..BlueGreenPreset::default()
    }));
    step_until(&mut app, |a| production(a) == 50.0);
    let s = screen(&app, 160, 48);
    assert!(s.contains("production: green 50%, blue 50%"), "{s}");
    assert!(s.contains("25 % every 3 minutes"), "{s}");
    snap("linear_half", &app);
}

#[test]
fn canary_holds_its_share_for_its_bake_time() {
    let (mut app, _) = open_on(quick(BlueGreenPreset {
        strategy: ShiftKind::Canary,
        canary_percent: Some(10.0),
        ..BlueGreenPreset::default()
    }));
    step_until(&mut app, |a| production(a) == 10.0);
    snap("canary_ten", &app);
}

#[test]
fn codedeploy_names_its_lifecycle_events() {
    let (mut app, _) = open_on(quick(BlueGreenPreset {
        controller: ControllerKind::CodeDeploy,
        codedeploy_config: Some("CodeDeployDefault.ECSCanary10Percent5Minutes".into()),
        ..BlueGreenPreset::default()
    }));
    step_until(&mut app, |a| production(a) == 10.0);
    let s = screen(&app, 160, 48);
    assert!(s.contains("BeforeAllowTraffic ✓"), "{s}");
    assert!(s.contains("[AllowTraffic]"), "{s}");
    snap("codedeploy_canary", &app);
}

#[test]
fn the_alarm_key_rolls_a_blue_green_deployment_back_during_the_bake_time() {
    let (mut app, _) = open_on(quick(BlueGreenPreset::default()));
    step_until(&mut app, |a| stage(a) == Some(Stage::BakeTime));
    ch(&mut app, 'x');
    let v = visual(&app);
    assert_eq!(v.sim.traffic_split().production, 0.0);
    assert!(v.sim.events().iter().any(|e| {
        e.message()
            .contains("rollback: all production and test traffic back to blue")
    }));
    step_until(&mut app, |a| visual(a).finished());
    assert_eq!(visual(&app).sim.status(), DeploymentStatus::RolledBack);
    snap("bluegreen_rolled_back", &app);
}

#[test]
fn the_alarm_key_fails_a_rolling_update_with_alarms_and_the_header_shows_it() {
    let (mut app, _) = open_on(Preset::Rolling(RollingPreset {
        desired: 4,
        alarms: true,
        circuit_breaker: true,
        ..RollingPreset::default()
    }));
    ch(&mut app, 'n');
    let s = screen(&app, 160, 48);
    assert!(s.contains("breaker 0/3") && s.contains("alarm OK"), "{s}");
    ch(&mut app, 'x');
    step_until(&mut app, |a| visual(a).finished());
    assert_eq!(visual(&app).sim.status(), DeploymentStatus::RolledBack);
    // Without deployment alarms the key does nothing.
    let (mut app, _) = open();
    ch(&mut app, 'n');
    ch(&mut app, 'x');
    assert!(!visual(&app).sim.alarm_in_alarm());
}

#[test]
fn placement_shows_instances_by_zone_and_why_each_task_went_there() {
    let (mut app, clock) = open();
    ch(&mut app, '4');
    assert_eq!(visual(&app).tab, Tab::Placement);
    snap("placement_start", &app);
    step_until(&mut app, |a| {
        visual(a).sim.tasks().iter().filter(|t| t.is_live()).count() == 3
    });
    let s = screen(&app, 160, 48);
    assert!(s.contains("placed 3 of 8"), "{s}");
    assert!(
        s.contains("why: task 3 placed on i-3 (us-east-1c, m5.large)"),
        "{s}"
    );
    snap("placement_three", &app);
    ch(&mut app, ' ');
    play_for(&mut app, &clock, 30);
    assert!(visual(&app).finished());
}

#[test]
fn placement_with_distinct_instance_says_what_cannot_be_placed() {
    let (mut app, _) = open_on(Preset::Placement(PlacementPreset {
        distinct_instance: true,
        ..PlacementPreset::default()
    }));
    step_until(&mut app, |a| {
        visual(a)
            .sim
            .last_placement()
            .is_some_and(|w| w.chosen.is_none())
    });
    let s = screen(&app, 160, 48);
    assert!(
        s.contains(
            "unable to place a task because no container instance met all of its requirements"
        ),
        "{s}"
    );
    assert!(s.contains("✗i-1"), "{s}");
    snap("placement_failed", &app);
}

#[test]
fn editing_placement_changes_the_strategy_and_the_constraints() {
    let (mut app, _) = open();
    ch(&mut app, '4');
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // spread-instance
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // then spread-az
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // distinctInstance
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right); // memberOf t3.*
    let s = screen(&app, 160, 48);
    assert!(
        s.contains("spread(instanceId) › spread(attribute:ecs.availability-zone)"),
        "{s}"
    );
    assert!(
        s.contains("distinctInstance, memberOf(attribute:ecs.instance-type =~ t3.*)"),
        "{s}"
    );
    snap("placement_editing", &app);
}

#[test]
fn quiz_me_asks_where_the_next_task_goes() {
    let (mut app, _) = open_on(Preset::Placement(PlacementPreset {
        strategy: vec![deckhand::sim::StrategyKind::BinpackMemory],
        ..PlacementPreset::default()
    }));
    ch(&mut app, 'p');
    step_until(&mut app, |a| visual(a).asked.is_some());
    let s = screen(&app, 160, 48);
    assert!(s.contains("Where will ECS place the next task?"), "{s}");
    snap("placement_question", &app);
    ch(&mut app, 'a');
    assert!(
        visual(&app)
            .asked
            .as_ref()
            .is_some_and(|a| a.chosen.is_some())
    );
}

#[test]
fn quiz_me_asks_what_share_green_takes() {
    let (mut app, _) = open_on(quick(BlueGreenPreset {
        strategy: ShiftKind::Linear,
        step_percent: Some(25.0),
        step_minutes: Some(3),
        ..BlueGreenPreset::default()
    }));
    ch(&mut app, 'p');
    step_until(&mut app, |a| {
        visual(a).asked.as_ref().is_some_and(|q| {
            q.prediction
                .question
                .contains("share of production traffic")
        })
    });
    snap("linear_question", &app);
}

#[test]
fn help_explains_the_blue_green_and_placement_views() {
    let (mut app, _) = open();
    ch(&mut app, '3');
    ch(&mut app, '?');
    let s = screen(&app, 120, 60);
    assert!(s.contains("the traffic split"), "{s}");
    assert!(s.contains("put the deployment alarm into"), "{s}");
    press(&mut app, KeyCode::Esc);
    ch(&mut app, '4');
    ch(&mut app, '?');
    let mut all = String::new();
    for _ in 0..6 {
        all.push_str(&screen(&app, 120, 60));
        press(&mut app, KeyCode::PageDown);
    }
    assert!(
        all.contains("binpack(memory)") && all.contains("distinctInstance"),
        "{all}"
    );
}

#[test]
fn the_status_line_names_the_views_at_both_sizes() {
    let (app, _) = open();
    let wide = screen(&app, 160, 48);
    for name in [
        "[1 rolling update]",
        "2 auto scaling",
        "3 blue/green",
        "4 placement",
    ] {
        assert!(wide.contains(name), "{name}: {wide}");
    }
    let narrow = screen(&app, 80, 24);
    for name in ["[1 rolling]", "2 scaling", "3 blue/green", "4 placement"] {
        assert!(narrow.contains(name), "{name}: {narrow}");
    }
}

#[test]
fn every_size_renders_the_new_tabs_without_panic() {
    let mut apps = Vec::new();
    let (mut bg, _) = open_on(quick(BlueGreenPreset::default()));
    step_until(&mut bg, |a| stage(a) == Some(Stage::BakeTime));
    apps.push(bg);
    let (mut pl, _) = open();
    ch(&mut pl, '4');
    for _ in 0..6 {
        ch(&mut pl, 'n');
    }
    apps.push(pl);
    let (mut pe, _) = open();
    ch(&mut pe, '4');
    ch(&mut pe, 'e');
    apps.push(pe);
    for app in &apps {
        for w in 1..=120 {
            for h in 1..=40 {
                screen(app, w, h);
            }
        }
    }
}

/// The events panel at every size: its first row is an event's first (its time), never the
/// tail of a wrapped event; and the newest event's time is on screen.
fn events_open_on_whole_events(app: &App, when: &str) {
    for (w, h) in [(60, 18), (80, 24), (100, 30), (160, 48)] {
        let text = screen(app, w, h);
        let rows: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        let title: Vec<char> = "┌ Events".chars().collect();
        let Some((r, col)) = rows.iter().enumerate().find_map(|(r, row)| {
            row.windows(title.len())
                .position(|win| win == title.as_slice())
                .map(|c| (r, c))
        }) else {
            continue; // too small for the events panel
        };
        let Some(first) = rows.get(r + 1) else {
            continue;
        };
        // `│`, the padding, then the time (or "Nothing has happened yet.").
        let starts = first
            .get(col + 2)
            .is_some_and(|c| c.is_ascii_digit() || *c == 'N');
        assert!(
            starts,
            "{when} at {w}x{h}: the events panel opens on the tail of an event:\n{text}"
        );
    }
}

#[test]
fn the_events_panel_shows_whole_events() {
    let (mut app, _) = open_on(quick(BlueGreenPreset::default()));
    step_until(&mut app, |a| stage(a) == Some(Stage::BakeTime));
    events_open_on_whole_events(&app, "blue/green bake");
    press(&mut app, KeyCode::PageUp);
    events_open_on_whole_events(&app, "blue/green bake, older events");
    let (mut app, _) = open();
    ch(&mut app, '4');
    step_until(&mut app, |a| {
        visual(a).sim.tasks().iter().filter(|t| t.is_live()).count() == 3
    });
    events_open_on_whole_events(&app, "placement, 3 tasks");
}
