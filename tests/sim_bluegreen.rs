//! Blue/green, linear and canary deployments (ECS) and blue/green deployments with
//! CodeDeploy, checked on worked examples written from the AWS documentation:
//!
//! * ECS lifecycle stages:
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html>
//!   (and the `lifecycleStage` values of the ServiceDeployment API);
//! * linear: <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html>
//!   (stepPercent 10.0 and stepBakeTimeInMinutes 6 by default; no bake after 100 %);
//! * canary: <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html>
//!   (canaryPercent 5.0 and canaryBakeTimeInMinutes 10 by default);
//! * bake time: `bakeTimeInMinutes` of
//!   <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html>;
//! * CodeDeploy: the predefined ECS deployment configurations of
//!   <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>
//!   and the ECS lifecycle events of
//!   <https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html>.

use deckhand::sim::{
    BlueGreenPreset, ConfigError, ControllerKind, DeploymentStatus, EventKind, Injection, Preset,
    ShiftKind, Simulation, TaskState,
};

/// A preset with quick target group checks (5 s x 2) and a 30 s deregistration delay, so the
/// examples turn on the traffic plan.
fn preset(p: BlueGreenPreset) -> BlueGreenPreset {
    BlueGreenPreset {
        health_check_secs: Some(5),
        healthy_threshold: Some(2),
        dereg_delay_secs: Some(30),
        minutes: Some(180),
        ..p
    }
}

fn sim(p: BlueGreenPreset) -> Simulation {
    Simulation::from_preset(&Preset::BlueGreen(preset(p))).expect("valid")
}

fn settle(s: &mut Simulation) -> DeploymentStatus {
    s.run_until_settled(4 * 3600)
}

/// (second, green share of production) of every production step.
fn steps(s: &Simulation) -> Vec<(u64, f64)> {
    s.events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::TrafficShifted {
                production,
                step: 1..,
                rollback: false,
                ..
            } => Some((e.t, production)),
            _ => None,
        })
        .collect()
}

/// (second, stage name) of every stage.
fn stages(s: &Simulation) -> Vec<(u64, &'static str)> {
    s.events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::StageStarted {
                stage, controller, ..
            } => Some((e.t, stage.name(controller).unwrap_or("?"))),
            _ => None,
        })
        .collect()
}

#[test]
fn ecs_blue_green_runs_the_documented_stages_in_order() {
    let mut s = sim(BlueGreenPreset {
        bake_minutes: Some(5),
        ..BlueGreenPreset::default()
    });
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    let names: Vec<&str> = stages(&s).iter().map(|x| x.1).collect();
    assert_eq!(
        names,
        [
            "PRE_SCALE_UP",
            "SCALE_UP",
            "POST_SCALE_UP",
            "TEST_TRAFFIC_SHIFT",
            "POST_TEST_TRAFFIC_SHIFT",
            "PRODUCTION_TRAFFIC_SHIFT",
            "POST_PRODUCTION_TRAFFIC_SHIFT",
            "BAKE_TIME",
            "CLEAN_UP"
        ]
    );
    // All production traffic moves at once, when green is up.
    let at = stages(&s);
    let shift_at = at
        .iter()
        .find(|x| x.1 == "PRODUCTION_TRAFFIC_SHIFT")
        .map(|x| x.0);
    assert_eq!(steps(&s), [(shift_at.expect("shift"), 100.0)]);
    // Blue runs through the bake time and is cleaned up when it ends.
    let bake = at
        .iter()
        .find(|x| x.1 == "BAKE_TIME")
        .map(|x| x.0)
        .expect("bake");
    let clean = at
        .iter()
        .find(|x| x.1 == "CLEAN_UP")
        .map(|x| x.0)
        .expect("clean");
    assert_eq!(clean - bake, 300);
    let blue_stop = s
        .stopped_tasks()
        .iter()
        .filter(|t| t.revision == 1)
        .map(|t| t.state_since)
        .min()
        .expect("blue stopped");
    assert!(blue_stop >= clean, "blue ran until the clean-up");
    assert_eq!(s.counts().running, 4);
}

#[test]
fn green_scales_up_to_the_desired_count_before_any_traffic() {
    let mut s = sim(BlueGreenPreset {
        desired: 6,
        ..BlueGreenPreset::default()
    });
    // While green scales up, blue takes all production traffic and both run.
    while s.shift_state().is_none_or(|st| st.production_green == 0.0) {
        s.step();
    }
    let green_healthy = s
        .tasks()
        .iter()
        .filter(|t| t.revision == 2 && t.is_counted_healthy())
        .count();
    assert_eq!(
        green_healthy, 6,
        "green was fully up before production traffic moved"
    );
    assert_eq!(
        s.tasks()
            .iter()
            .filter(|t| t.revision == 1 && t.is_live())
            .count(),
        6,
        "blue still runs"
    );
}

#[test]
fn ecs_linear_defaults_move_10_percent_every_6_minutes() {
    let mut s = sim(BlueGreenPreset {
        strategy: ShiftKind::Linear,
        ..BlueGreenPreset::default()
    });
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    let st = steps(&s);
    let shares: Vec<f64> = st.iter().map(|x| x.1).collect();
    assert_eq!(
        shares,
        [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    );
    let gaps: Vec<u64> = st.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(gaps.iter().all(|g| *g == 360), "{gaps:?}");
    // No step bake after 100 %: the bake time begins at once.
    let bake = stages(&s)
        .into_iter()
        .find(|x| x.1 == "BAKE_TIME")
        .expect("bake")
        .0;
    assert_eq!(bake, st[9].0);
}

#[test]
fn ecs_linear_steps_that_do_not_divide_100_end_at_100() {
    let mut s = sim(BlueGreenPreset {
        strategy: ShiftKind::Linear,
        step_percent: Some(30.0),
        step_minutes: Some(2),
        ..BlueGreenPreset::default()
    });
    settle(&mut s);
    let shares: Vec<f64> = steps(&s).iter().map(|x| x.1).collect();
    assert_eq!(shares, [30.0, 60.0, 90.0, 100.0]);
}

#[test]
fn ecs_canary_defaults_move_5_percent_then_the_rest_10_minutes_later() {
    let mut s = sim(BlueGreenPreset {
        strategy: ShiftKind::Canary,
        ..BlueGreenPreset::default()
    });
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    let st = steps(&s);
    assert_eq!(st.iter().map(|x| x.1).collect::<Vec<_>>(), [5.0, 100.0]);
    assert_eq!(st[1].0 - st[0].0, 600);
}

#[test]
fn codedeploy_configurations_shift_as_documented() {
    let run = |config: &str| {
        let mut s = sim(BlueGreenPreset {
            controller: ControllerKind::CodeDeploy,
            codedeploy_config: Some(config.into()),
            ..BlueGreenPreset::default()
        });
        assert_eq!(settle(&mut s), DeploymentStatus::Completed, "{config}");
        let st = steps(&s);
        let t0 = st[0].0;
        st.iter()
            .map(|(t, p)| (t - t0, *p))
            .collect::<Vec<(u64, f64)>>()
    };
    assert_eq!(run("CodeDeployDefault.ECSAllAtOnce"), [(0, 100.0)]);
    assert_eq!(
        run("CodeDeployDefault.ECSCanary10Percent5Minutes"),
        [(0, 10.0), (300, 100.0)]
    );
    assert_eq!(
        run("ECSCanary10Percent15Minutes"),
        [(0, 10.0), (900, 100.0)]
    );
    let linear = run("CodeDeployDefault.ECSLinear10PercentEvery1Minutes");
    assert_eq!(linear.len(), 10);
    assert_eq!(linear[9], (540, 100.0), "100 % after nine more minutes");
    let linear3 = run("CodeDeployDefault.ECSLinear10PercentEvery3Minutes");
    assert_eq!(linear3[9], (27 * 60, 100.0));
}

#[test]
fn codedeploy_names_its_lifecycle_events() {
    let mut s = sim(BlueGreenPreset {
        controller: ControllerKind::CodeDeploy,
        ..BlueGreenPreset::default()
    });
    settle(&mut s);
    let names: Vec<&str> = stages(&s).iter().map(|x| x.1).collect();
    assert_eq!(
        names,
        [
            "BeforeInstall",
            "Install",
            "AfterInstall",
            "AllowTestTraffic",
            "AfterAllowTestTraffic",
            "BeforeAllowTraffic",
            "AllowTraffic",
            "AfterAllowTraffic",
            "wait before termination",
            "terminate original task set"
        ]
    );
}

#[test]
fn an_alarm_during_the_bake_time_moves_traffic_back_to_blue() {
    let mut s = sim(BlueGreenPreset {
        bake_minutes: Some(10),
        ..BlueGreenPreset::default()
    });
    while s
        .shift_state()
        .is_none_or(|st| st.stage != deckhand::sim::Stage::BakeTime)
    {
        s.step();
    }
    s.run_until(s.time() + 120);
    s.inject(Injection::SetDeploymentAlarm(true))
        .expect("alarm");
    assert!(steps(&s).iter().all(|x| x.1 == 100.0));
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::TrafficShifted { rollback: true, .. }))
    );
    assert_eq!(settle(&mut s), DeploymentStatus::RolledBack);
    // Blue was never stopped; green is gone.
    assert!(s.stopped_tasks().iter().all(|t| t.revision == 2));
    assert_eq!(
        s.tasks()
            .iter()
            .filter(|t| t.revision == 1 && t.state == TaskState::Running)
            .count(),
        4
    );
}

#[test]
fn a_failing_release_trips_the_alarm_after_the_canary_and_rolls_back() {
    let mut s = sim(BlueGreenPreset {
        strategy: ShiftKind::Canary,
        canary_percent: Some(10.0),
        canary_minutes: Some(15),
        failing_release: true,
        ..BlueGreenPreset::default()
    });
    assert_eq!(settle(&mut s), DeploymentStatus::RolledBack);
    // Only the canary's 10 % ever reached green; the alarm (3 one-minute periods) fired
    // three minutes after it.
    let st = steps(&s);
    assert_eq!(st.iter().map(|x| x.1).collect::<Vec<_>>(), [10.0]);
    let back = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TrafficShifted { rollback: true, .. }))
        .expect("rollback")
        .t;
    assert_eq!(back - st[0].0, 180);
}

#[test]
fn a_failing_hook_rolls_back_before_production_traffic_moves() {
    let mut s = sim(BlueGreenPreset {
        hook: Some("POST_TEST_TRAFFIC_SHIFT".into()),
        hook_secs: Some(60),
        hook_fails: true,
        ..BlueGreenPreset::default()
    });
    assert_eq!(settle(&mut s), DeploymentStatus::RolledBack);
    assert!(steps(&s).is_empty(), "production traffic never moved");
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::HookFinished { failed: true, .. }))
    );
}

/// CodeDeploy's BeforeInstall runs "before the replacement task set is created … A rollback is
/// not possible at this point" (reference-appspec-file-structure-hooks.html): a failing hook
/// fails the deployment; green never starts and blue keeps all traffic.
#[test]
fn a_failing_before_install_hook_fails_the_deployment_without_a_rollback() {
    let mut s = sim(BlueGreenPreset {
        controller: ControllerKind::CodeDeploy,
        hook: Some("BeforeInstall".into()),
        hook_secs: Some(60),
        hook_fails: true,
        ..BlueGreenPreset::default()
    });
    assert_eq!(settle(&mut s), DeploymentStatus::Failed);
    assert!(steps(&s).is_empty(), "production traffic never moved");
    let log: Vec<String> = s.events().iter().map(|e| e.kind.to_string()).collect();
    assert!(
        log.iter()
            .any(|e| e.contains("BeforeInstall failed") && e.contains("no rollback")),
        "{log:#?}"
    );
    assert!(!log.iter().any(|e| e.contains("rolls back")), "{log:#?}");
    assert!(
        s.events()
            .iter()
            .all(|e| !matches!(e.kind, EventKind::TrafficShifted { rollback: true, .. }))
    );
    let text = deckhand::sim::ShiftReport::new(&s).to_text();
    assert!(text.contains("traffic: none moved"), "{text}");
}

#[test]
fn an_alarm_after_the_clean_up_changes_nothing() {
    let mut s = sim(BlueGreenPreset::default());
    while s
        .shift_state()
        .is_none_or(|st| st.stage != deckhand::sim::Stage::CleanUp)
    {
        s.step();
    }
    s.inject(Injection::SetDeploymentAlarm(true))
        .expect("alarm");
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
}

#[test]
fn settings_outside_the_api_ranges_are_refused() {
    let refused =
        |p: BlueGreenPreset| Simulation::from_preset(&Preset::BlueGreen(p)).expect_err("refused");
    let e = refused(BlueGreenPreset {
        strategy: ShiftKind::Linear,
        step_percent: Some(2.0),
        ..BlueGreenPreset::default()
    });
    assert!(e.to_string().contains("3.0 to 100.0"), "{e}");
    let e = refused(BlueGreenPreset {
        strategy: ShiftKind::Canary,
        canary_percent: Some(0.05),
        ..BlueGreenPreset::default()
    });
    assert!(e.to_string().contains("0.1 to 100.0"), "{e}");
    let e = refused(BlueGreenPreset {
        hook: Some("SCALE_UP".into()),
        ..BlueGreenPreset::default()
    });
    assert!(e.to_string().contains("takes no lifecycle hook"), "{e}");
    let e = refused(BlueGreenPreset {
        controller: ControllerKind::CodeDeploy,
        codedeploy_config: Some("ECSLinear50PercentEvery1Minutes".into()),
        ..BlueGreenPreset::default()
    });
    assert!(matches!(e, ConfigError::Preset(_)), "{e}");
    // The circuit breaker is for rolling updates; blue/green needs the load balancer.
    let mut cfg = preset(BlueGreenPreset::default())
        .to_config()
        .expect("config");
    cfg.service.circuit_breaker.enable = true;
    assert!(Simulation::new(cfg.clone()).is_err());
    cfg.service.circuit_breaker.enable = false;
    cfg.service.health.load_balancer = None;
    let e = Simulation::new(cfg).expect_err("no load balancer");
    assert!(e.to_string().contains("needs a load balancer"), "{e}");
}
