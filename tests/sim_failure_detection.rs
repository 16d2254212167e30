//! Failure detection in a rolling update, from the presets the cards, the CLI and the
//! visualiser use: the circuit breaker's configurable threshold and CloudWatch deployment
//! alarms. Worked examples written from:
//!
//! * <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ThresholdConfiguration.html>
//!   (type COUNT, BOUNDED_PERCENT or UNBOUNDED_PERCENT; value × the latest desired count for
//!   the percentages; default BOUNDED_PERCENT 50) and
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html>
//!   (bounded to 3..200);
//! * <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html>
//!   (an alarm in ALARM fails the deployment, optionally rolling back; after the new tasks are
//!   up ECS keeps watching the alarms for a bake time before COMPLETED).

use deckhand::sim::{
    BrokenImage, DeploymentStatus, EventKind, FailReason, Preset, RollingPreset, Simulation,
    ThresholdKind,
};

fn sim(p: RollingPreset) -> Simulation {
    Simulation::from_preset(&Preset::Rolling(p)).expect("valid preset")
}

/// Desired 10, at most 2 tasks above it in flight (maximum 120 %), a broken image: new tasks
/// fail two at a time.
fn failing_in_twos(kind: Option<ThresholdKind>, value: Option<u32>) -> RollingPreset {
    RollingPreset {
        desired: 10,
        min_healthy: Some(100),
        max_percent: Some(120),
        broken_image: BrokenImage::Start,
        circuit_breaker: true,
        breaker_threshold_type: kind,
        breaker_threshold: value,
        ..RollingPreset::default()
    }
}

/// (second, failures counted) when the breaker tripped.
fn tripped(s: &Simulation) -> Option<(u64, u32)> {
    s.events().iter().find_map(|e| match e.kind {
        EventKind::BreakerTriggered { count, .. } => Some((e.t, count)),
        _ => None,
    })
}

#[test]
fn the_threshold_type_decides_how_many_failures_trip_the_breaker() {
    // Default BOUNDED_PERCENT 50 of 10 = 5; COUNT 2 = 2; UNBOUNDED_PERCENT 10 of 10 = 1
    // (BOUNDED_PERCENT 10 of 10 would be clamped up to 3).
    for (kind, value, threshold) in [
        (None, None, 5),
        (Some(ThresholdKind::Count), Some(2), 2),
        (Some(ThresholdKind::UnboundedPercent), Some(10), 1),
        (Some(ThresholdKind::BoundedPercent), Some(10), 3),
    ] {
        let mut s = sim(failing_in_twos(kind, value));
        assert_eq!(s.breaker_threshold(), threshold, "{kind:?} {value:?}");
        assert_eq!(s.run_until_settled(3600), DeploymentStatus::Failed);
        let (_, count) = tripped(&s).expect("tripped");
        assert!(count >= threshold, "{count} < {threshold}");
        // Two at a time: it trips on the batch that reaches the threshold.
        assert!(count < threshold + 2, "{kind:?}: {count} failures");
    }
    // A count of 2 trips on the first failed batch, 5 only on the third.
    let t_count = tripped(&{
        let mut s = sim(failing_in_twos(Some(ThresholdKind::Count), Some(2)));
        s.run_until_settled(3600);
        s
    });
    let t_default = tripped(&{
        let mut s = sim(failing_in_twos(None, None));
        s.run_until_settled(3600);
        s
    });
    assert!(t_count.expect("count").0 < t_default.expect("default").0);
}

#[test]
fn the_breaker_header_counts_failures_toward_the_threshold() {
    let mut s = sim(failing_in_twos(Some(ThresholdKind::Count), Some(4)));
    s.step();
    assert_eq!(s.failure_items(), ["breaker 0/4"]);
    while s.deployment().breaker_count == 0 {
        s.step();
    }
    assert_eq!(s.failure_items(), ["breaker 2/4"]);
}

/// Desired 4 behind a load balancer with quick checks (5 s x 2) and a 10 s deregistration
/// delay, deployment alarms with 3 periods of 60 s.
fn with_alarms(p: RollingPreset) -> RollingPreset {
    RollingPreset {
        desired: 4,
        load_balancer: true,
        health_check_secs: Some(5),
        healthy_threshold: Some(2),
        dereg_delay_secs: Some(10),
        alarms: true,
        ..p
    }
}

fn first_healthy_new(s: &Simulation) -> u64 {
    s.events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TasksHealthy { .. }))
        .map(|e| e.t)
        .expect("new tasks became healthy")
}

#[test]
fn a_good_release_completes_after_the_bake_time() {
    let mut s = sim(with_alarms(RollingPreset::default()));
    assert_eq!(s.run_until_settled(3600), DeploymentStatus::Completed);
    let bake = s
        .events()
        .iter()
        .find_map(|e| match e.kind {
            EventKind::BakeStarted { secs } => Some((e.t, secs)),
            _ => None,
        })
        .expect("bake time");
    assert_eq!(bake.1, 180);
    assert_eq!(s.deployment().finished_at, Some(bake.0 + 180));
}

#[test]
fn a_failing_release_trips_the_alarm_and_rolls_back() {
    let mut s = sim(with_alarms(RollingPreset {
        failing_release: true,
        ..RollingPreset::default()
    }));
    assert_eq!(s.run_until_settled(3600), DeploymentStatus::RolledBack);
    let failed = &s.deployments()[1];
    // Revision 2 served from its first healthy task; the alarm needs 3 periods of 60 s.
    let serving = first_healthy_new(&s);
    assert_eq!(failed.finished_at, Some(serving + 180));
    assert!(s.events().iter().any(|e| matches!(
        e.kind,
        EventKind::DeploymentFailed {
            reason: FailReason::Alarm,
            ..
        }
    )));
    // The rollback brings revision 1 back; its tasks are called rollback tasks.
    let rollback_start = s
        .events()
        .iter()
        .find(|e| e.t >= serving + 180 && matches!(e.kind, EventKind::TasksStarted { .. }))
        .expect("rollback tasks");
    assert!(
        rollback_start
            .message()
            .contains("rollback tasks (revision 1)"),
        "{}",
        rollback_start.message()
    );
    assert_eq!(s.deployment().revision, 1);
}

#[test]
fn without_alarm_rollback_the_deployment_just_fails() {
    let mut s = sim(with_alarms(RollingPreset {
        failing_release: true,
        alarm_rollback: Some(false),
        alarm_periods: Some(2),
        ..RollingPreset::default()
    }));
    assert_eq!(s.run_until_settled(3600), DeploymentStatus::Failed);
    let serving = first_healthy_new(&s);
    assert_eq!(s.deployment().finished_at, Some(serving + 120));
    assert_eq!(s.deployments().len(), 2, "no rollback deployment");
}

#[test]
fn alarm_and_breaker_settings_need_their_feature() {
    for p in [
        RollingPreset {
            failing_release: true,
            ..RollingPreset::default()
        },
        RollingPreset {
            alarm_periods: Some(2),
            ..RollingPreset::default()
        },
        RollingPreset {
            breaker_threshold: Some(2),
            ..RollingPreset::default()
        },
    ] {
        let err = Preset::Rolling(p).to_config().expect_err("refused");
        assert!(err.to_string().contains("needs"), "{err}");
    }
    let zero = RollingPreset {
        circuit_breaker: true,
        breaker_threshold_type: Some(ThresholdKind::Count),
        breaker_threshold: Some(0),
        ..RollingPreset::default()
    };
    assert!(Preset::Rolling(zero).to_config().is_err());
}
