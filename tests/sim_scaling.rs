//! Service auto scaling scenarios of spec section 9 (A*) and the spike acceptance lines.

use chrono::{TimeZone, Utc};
use deckhand::sim::{
    AdjustmentType, BlockReason, ClusterConfig, DeploymentPlan, EventKind, ImageFault, LoadConfig,
    LoadPreset, MetricKind, Preset, ScaleCause, ScalingConfig, ScalingPolicy, ScalingPreset,
    ScheduledAction, ServiceConfig, SimConfig, Simulation, StartReason, StepAdjustment,
    StepScaling, TargetTracking,
};

fn tt(name: &str, metric: MetricKind, target: f64) -> ScalingPolicy {
    ScalingPolicy::TargetTracking(TargetTracking {
        name: name.into(),
        metric,
        target,
        ..TargetTracking::default()
    })
}

fn steady(
    desired: u32,
    min: u32,
    max: u32,
    preset: LoadPreset,
    policies: Vec<ScalingPolicy>,
) -> SimConfig {
    SimConfig {
        service: ServiceConfig {
            desired,
            ..ServiceConfig::default()
        },
        scaling: Some(ScalingConfig {
            min,
            max,
            policies,
            ..ScalingConfig::default()
        }),
        load: LoadConfig {
            preset,
            noise: 0.0,
            ..LoadConfig::default()
        },
        ..SimConfig::default()
    }
}

fn sim(cfg: SimConfig) -> Simulation {
    Simulation::new(cfg).expect("valid configuration")
}

/// (second, from, to) of every desired-count change.
fn changes(s: &Simulation) -> Vec<(u64, u32, u32)> {
    s.events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::DesiredChanged { from, to, .. } => Some((e.t, from, to)),
            EventKind::ScheduledActionRan { from, to, .. } if from != to => Some((e.t, from, to)),
            _ => None,
        })
        .collect()
}

#[test]
fn a1_three_high_datapoints_then_proportional_scale_out() {
    // 4 tasks at 80% CPU (320 rps at 100 rps per task), target 50, max 10.
    let mut s = sim(steady(
        4,
        1,
        10,
        LoadPreset::Steady { rps: 320.0 },
        vec![tt("cpu", MetricKind::Cpu, 50.0)],
    ));
    s.run_until(181);
    assert_eq!(changes(&s), [(180, 4, 7)]);
    let alarm = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::AlarmChanged { in_alarm: true, .. }));
    assert_eq!(
        alarm.map(|e| e.t),
        Some(180),
        "AlarmHigh after 3 one-minute datapoints"
    );
}

#[test]
fn a2_overload_is_clamped_to_max() {
    // On EC2 a task may use idle CPU of its instance beyond its reservation.
    let mut cfg = steady(
        4,
        1,
        10,
        LoadPreset::Steady { rps: 800.0 },
        vec![tt("cpu", MetricKind::Cpu, 50.0)],
    );
    cfg.cluster = ClusterConfig::ec2_instances(4);
    let mut s = sim(cfg);
    s.run_until(181);
    assert_eq!(changes(&s), [(180, 4, 10)]);
    let metric = s
        .samples()
        .last()
        .and_then(|p| p.metrics.cpu)
        .unwrap_or(0.0);
    assert!(
        (metric - 200.0).abs() < 1e-6,
        "overload shows 200 %: {metric}"
    );
}

#[test]
fn a4_any_policy_scales_out_all_must_agree_to_scale_in() {
    // 160 rps on 4 tasks: CPU 40 %, memory 25 + 0.4 x 40 = 41 %.
    let load = LoadPreset::Steady { rps: 160.0 };
    // CPU wants in (40 < 0.9 x 90), memory wants out (41 > 30): scale out by memory.
    let mut s = sim(steady(
        4,
        1,
        20,
        load.clone(),
        vec![
            tt("cpu", MetricKind::Cpu, 90.0),
            tt("memory", MetricKind::Memory, 30.0),
        ],
    ));
    s.run_until(181);
    assert_eq!(changes(&s), [(180, 4, 6)]);

    // Both want in: the larger capacity wins (CPU ceil(4 x 40 / 60) = 3 vs memory 2).
    let mut s = sim(steady(
        4,
        1,
        20,
        load.clone(),
        vec![
            tt("cpu", MetricKind::Cpu, 60.0),
            tt("memory", MetricKind::Memory, 100.0),
        ],
    ));
    s.run_until(901);
    assert_eq!(changes(&s), [(900, 4, 3)]);

    // CPU wants in, memory is between its alarms: no scale-in.
    let mut s = sim(steady(
        4,
        1,
        20,
        load,
        vec![
            tt("cpu", MetricKind::Cpu, 60.0),
            tt("memory", MetricKind::Memory, 45.0),
        ],
    ));
    s.run_until(1800);
    assert!(changes(&s).is_empty());
}

#[test]
fn a5_scale_from_zero_after_one_datapoint() {
    let mut cfg = steady(
        0,
        0,
        10,
        LoadPreset::Steady { rps: 50.0 },
        vec![tt("requests", MetricKind::Requests, 1000.0)],
    );
    cfg.service.initial_tasks = Some(0);
    let mut s = sim(cfg);
    s.run_until(61);
    assert_eq!(changes(&s), [(60, 0, 1)]);
    assert!(s.events().iter().any(|e| matches!(
        e.kind,
        EventKind::DesiredChanged {
            cause: ScaleCause::FromZero { .. },
            ..
        }
    )));
    // Then it continues from the running count: 3,000 requests per target per minute
    // against a target of 1,000 -> 3 tasks.
    s.run_until(600);
    assert_eq!(s.desired(), 3);
}

fn step_out(
    threshold: f64,
    steps: Vec<StepAdjustment>,
    kind: AdjustmentType,
    periods: u32,
) -> StepScaling {
    let mut p = StepScaling::example_out(MetricKind::Cpu, threshold);
    p.steps = steps;
    p.adjustment_type = kind;
    p.alarm.evaluation_periods = periods;
    p.alarm.datapoints_to_alarm = periods;
    p
}

#[test]
fn a6_below_min_a_scale_out_starts_from_min() {
    let plus_one = vec![StepAdjustment {
        lower: Some(0.0),
        upper: None,
        adjustment: 1,
    }];
    let policy = step_out(50.0, plus_one, AdjustmentType::ChangeInCapacity, 1);
    let mut s = sim(steady(
        2,
        2,
        10,
        LoadPreset::Steady { rps: 80.0 },
        vec![ScalingPolicy::Step(policy)],
    ));
    s.set_desired(1).expect("manual");
    s.run_until(61);
    assert_eq!(changes(&s), [(0, 2, 1), (60, 1, 3)]);

    // A scale-in alarm in the same state leaves 1 untouched.
    let mut inn = StepScaling::example_in(MetricKind::Cpu, 90.0);
    inn.alarm.evaluation_periods = 1;
    inn.alarm.datapoints_to_alarm = 1;
    let mut s = sim(steady(
        2,
        2,
        10,
        LoadPreset::Steady { rps: 10.0 },
        vec![ScalingPolicy::Step(inn)],
    ));
    s.set_desired(1).expect("manual");
    s.run_until(600);
    assert_eq!(changes(&s), [(0, 2, 1)]);
}

#[test]
fn a7_documented_percent_step_scales_10_to_11() {
    let mut p = StepScaling::example_out(MetricKind::Cpu, 50.0);
    p.alarm.evaluation_periods = 1;
    p.alarm.datapoints_to_alarm = 1;
    // 10 tasks at 60 %: [10, 20) -> +10 % of 10 = 1.
    let mut s = sim(steady(
        10,
        1,
        20,
        LoadPreset::Steady { rps: 600.0 },
        vec![ScalingPolicy::Step(p)],
    ));
    s.run_until(61);
    assert_eq!(changes(&s), [(60, 10, 11)]);
}

#[test]
fn step_scale_out_in_cooldown_adds_only_the_difference() {
    let steps = vec![
        StepAdjustment {
            lower: Some(0.0),
            upper: Some(20.0),
            adjustment: 1,
        },
        StepAdjustment {
            lower: Some(20.0),
            upper: None,
            adjustment: 3,
        },
    ];
    let policy = step_out(50.0, steps, AdjustmentType::ChangeInCapacity, 1);
    let load = LoadPreset::Series {
        per_minute: vec![600.0, 800.0, 800.0, 800.0],
    };
    let mut s = sim(steady(10, 1, 20, load, vec![ScalingPolicy::Step(policy)]));
    s.run_until(240);
    // 60 % -> +1 (10 -> 11); then about 76 % in the cooldown -> +3 from the same base of 10:
    // 13, only 2 more than already added; then +1 from 10 is below 13: nothing.
    assert_eq!(changes(&s), [(60, 10, 11), (120, 11, 13)]);
}

#[test]
fn a13_rate_actions_inside_a_window_and_no_revert() {
    let start = Utc
        .with_ymd_and_hms(2021, 1, 30, 12, 0, 0)
        .single()
        .expect("time");
    let end = Utc
        .with_ymd_and_hms(2021, 1, 31, 22, 0, 0)
        .single()
        .expect("time");
    let mut cfg = steady(1, 1, 20, LoadPreset::Steady { rps: 0.0 }, Vec::new());
    cfg.epoch = Utc
        .with_ymd_and_hms(2021, 1, 30, 11, 0, 0)
        .single()
        .expect("time");
    if let Some(sc) = cfg.scaling.as_mut() {
        sc.scheduled.push(ScheduledAction {
            name: "window".into(),
            schedule: "rate(5 hours)".parse().expect("rate"),
            min: Some(3),
            max: Some(10),
            start_time: Some(start),
            end_time: Some(end),
        });
    }
    let mut s = sim(cfg);
    s.run_until(3 * 3600);
    assert_eq!(s.desired(), 3, "below 3 -> 3 at 12:00");
    s.set_desired(12).expect("manual");
    s.run_until(7 * 3600);
    assert_eq!(s.desired(), 10, "above 10 -> 10 at 17:00");
    s.run_until(40 * 3600);
    let runs: Vec<String> = s
        .events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::ScheduledActionRan { .. }))
        .map(|e| s.config().epoch + chrono::Duration::seconds(e.t as i64))
        .map(|t| t.format("%dT%H:%M").to_string())
        .collect();
    assert_eq!(
        runs,
        [
            "30T12:00", "30T17:00", "30T22:00", "31T03:00", "31T08:00", "31T13:00", "31T18:00"
        ]
    );
    assert_eq!(
        s.scaling_bounds(),
        Some((3, 10)),
        "nothing reverted after the end time"
    );
}

#[test]
fn a14_at_action_scales_in_to_zero() {
    let mut cfg = steady(4, 1, 10, LoadPreset::Steady { rps: 0.0 }, Vec::new());
    if let Some(sc) = cfg.scaling.as_mut() {
        sc.scheduled.push(ScheduledAction {
            name: "night".into(),
            schedule: "at(2026-01-05T00:10:00)".parse().expect("at"),
            min: Some(0),
            max: Some(0),
            start_time: None,
            end_time: None,
        });
    }
    let mut s = sim(cfg);
    s.run_until(700);
    assert_eq!(changes(&s), [(600, 4, 0)]);
    assert_eq!(s.counts().running, 0);
}

#[test]
fn scale_in_cooldown_blocks_the_next_scale_in() {
    let mut cfg = steady(
        10,
        5,
        20,
        LoadPreset::Steady { rps: 100.0 },
        vec![tt("cpu", MetricKind::Cpu, 50.0)],
    );
    if let Some(sc) = cfg.scaling.as_mut() {
        sc.scheduled.push(ScheduledAction {
            name: "lower-min".into(),
            schedule: "at(2026-01-05T00:16:00)".parse().expect("at"),
            min: Some(1),
            max: None,
            start_time: None,
            end_time: None,
        });
    }
    let mut s = sim(cfg);
    s.run_until(1300);
    // 10 % on 10 tasks: after 15 low minutes, in to max(ceil(2), min 5) = 5; the next
    // scale-in (min now 1) waits for the 300 s cooldown.
    assert_eq!(changes(&s), [(900, 10, 5), (1200, 5, 2)]);
    assert!(s.events().iter().any(|e| e.t == 960
        && matches!(
            e.kind,
            EventKind::ScalingBlocked {
                reason: BlockReason::Cooldown { remaining: 240 },
                ..
            }
        )));
}

#[test]
fn disable_scale_in_keeps_capacity() {
    let mut s = sim(steady(
        10,
        1,
        20,
        LoadPreset::Steady { rps: 100.0 },
        vec![ScalingPolicy::TargetTracking(TargetTracking {
            disable_scale_in: true,
            ..TargetTracking::default()
        })],
    ));
    s.run_until(3600);
    assert!(changes(&s).is_empty());
}

#[test]
fn no_scale_in_during_a_deployment() {
    let mut cfg = steady(
        10,
        1,
        20,
        LoadPreset::Steady { rps: 100.0 },
        vec![tt("cpu", MetricKind::Cpu, 50.0)],
    );
    // A deployment that cannot finish (broken image, no breaker) blocks scale-in.
    cfg.deployment = Some(DeploymentPlan {
        at: 0,
        fault: ImageFault::FailStart,
    });
    cfg.service.min_healthy = 100;
    let mut s = sim(cfg);
    s.run_until(1800);
    assert!(changes(&s).is_empty());
    assert!(s.events().iter().any(|e| matches!(
        e.kind,
        EventKind::ScalingBlocked {
            reason: BlockReason::Deployment,
            ..
        }
    )));
}

#[test]
fn scale_out_during_a_deployment_adds_to_both_revisions() {
    let mut cfg = SimConfig::rolling(10, 60, 100);
    cfg.load.noise = 0.0;
    let mut s = sim(cfg);
    s.run_until(2);
    let c = s.counts();
    assert_eq!((c.old_live, c.new_live), (6, 4));
    s.set_desired(15).expect("scale out");
    s.run_until(3);
    // 5 more, shared 6:4 -> 3 old-revision tasks.
    let share = s.events().iter().find_map(|e| match e.kind {
        EventKind::TasksStarted {
            count,
            reason: StartReason::ScaleOutShare,
            ..
        } => Some(count),
        _ => None,
    });
    assert_eq!(share, Some(3));
    // They run (and serve) before they retire like the other old tasks.
    s.run_until(60);
    let share: Vec<_> = s
        .tasks()
        .iter()
        .chain(s.stopped_tasks())
        .filter(|t| t.revision == 1 && t.launched_at > 0)
        .collect();
    assert_eq!(share.len(), 3);
    assert!(
        share.iter().all(|t| t.running_since.is_some()),
        "no share task was stopped before it ran"
    );
    assert_eq!(
        s.run_until_settled(3600),
        deckhand::sim::DeploymentStatus::Completed
    );
    assert_eq!(
        s.tasks()
            .iter()
            .filter(|t| t.revision == 2 && t.is_counted_healthy())
            .count(),
        15
    );
}

fn spike_checks(preset: ScalingPreset) {
    let preset = Preset::Scaling(preset);
    let mut s = sim(preset.to_config().expect("preset"));
    s.run_until(preset.duration_secs() + 1);
    let outs: Vec<u64> = changes(&s)
        .iter()
        .filter(|c| c.2 > c.1)
        .map(|c| c.0)
        .collect();
    let ins: Vec<u64> = changes(&s)
        .iter()
        .filter(|c| c.2 < c.1)
        .map(|c| c.0)
        .collect();
    // The load rises at minute 5 and falls at minute 25.
    let first_out = *outs.first().expect("a scale-out");
    assert!(
        (300..=300 + 3 * 60).contains(&first_out),
        "scale-out at {first_out}"
    );
    assert!(!ins.is_empty(), "a scale-in");
    for &t in &ins {
        assert!(
            t >= 25 * 60 + 15 * 60,
            "scale-in at {t} before the 15-minute low alarm"
        );
    }
    for w in ins.windows(2) {
        assert!(w[1] - w[0] >= 300, "scale-ins {w:?} inside the cooldown");
    }
    assert_eq!(s.desired(), 3, "back to the base capacity");
}

#[test]
fn spike_on_fargate_scales_out_fast_and_in_slowly() {
    spike_checks(ScalingPreset::default());
}

#[test]
fn spike_on_ec2_scales_tasks_and_instances() {
    let preset = ScalingPreset {
        launch_type: deckhand::sim::preset::LaunchType::Ec2,
        instances: Some(2),
        target_capacity: Some(100),
        ..ScalingPreset::default()
    };
    spike_checks(preset.clone());
    let mut s = sim(Preset::Scaling(preset).to_config().expect("preset"));
    s.run_until(3601);
    let launched = s
        .events()
        .iter()
        .any(|e| matches!(e.kind, EventKind::InstancesLaunched { .. }));
    let removed = s
        .events()
        .iter()
        .any(|e| matches!(e.kind, EventKind::InstancesTerminated { .. }));
    assert!(launched && removed);
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::WaitingForCapacity { .. }))
    );
}

#[test]
fn presets_of_every_load_and_policy_run() {
    for load in ["steady", "spike", "daily-wave", "sqs-backlog"] {
        for policy in ["target-tracking", "step", "scheduled"] {
            let preset = ScalingPreset {
                load: load.parse().expect("load"),
                policy: policy.parse().expect("policy"),
                ..ScalingPreset::default()
            };
            let mut s = sim(preset.to_config().expect("preset"));
            s.run_until(3601);
            assert_eq!(s.samples().len(), 61, "{load} {policy}");
            let c = s.counts();
            let (min, max) = s.scaling_bounds().expect("bounds");
            assert!(s.desired() >= min.min(s.desired()) && s.desired() <= max.max(s.desired()));
            assert!(
                c.running <= max.max(c.desired) + c.desired,
                "{load} {policy}"
            );
        }
    }
}

#[test]
fn queue_backlog_drives_backlog_per_task_scaling() {
    let preset = ScalingPreset {
        load: "sqs-backlog".parse().expect("load"),
        target: 100.0,
        ..ScalingPreset::default()
    };
    let mut s = sim(preset.to_config().expect("preset"));
    s.run_until(3601);
    let peak = s.samples().iter().map(|p| p.desired).max().unwrap_or(0);
    assert!(peak > 3, "scaled out on the backlog");
    assert!(s.queue_depth() < 1.0, "the backlog drained");
    assert!(s.desired() < peak, "and scaled back in");
}

#[test]
fn scheduled_preset_raises_the_minimum_and_target_tracking_works_within() {
    // The card sas-scheduled-scenario: a scheduled action raises the minimum before the
    // daily peak, target tracking keeps scaling within the new range, and the second
    // action lowers the minimum back without touching the maximum.
    let preset = ScalingPreset {
        policy: "scheduled".parse().expect("policy"),
        load: "daily-wave".parse().expect("load"),
        min: Some(2),
        max: Some(20),
        ..ScalingPreset::default()
    };
    let cfg = preset.to_config().expect("preset");
    let policies = &cfg.scaling.as_ref().expect("scaling").policies;
    assert!(
        matches!(policies.as_slice(), [ScalingPolicy::TargetTracking(_)]),
        "{policies:?}"
    );
    let mut s = sim(cfg);
    s.run_until(3601);
    assert_eq!(
        s.scaling_bounds(),
        Some((2, 20)),
        "the maximum is left alone"
    );
    let ch = changes(&s);
    assert!(ch.contains(&(600, 3, 6)), "{ch:?}");
    let tt_out = s.events().iter().any(|e| {
        matches!(
            e.kind,
            EventKind::DesiredChanged {
                cause: ScaleCause::TargetTracking { .. },
                to,
                ..
            } if to > 6 && (600..2400).contains(&e.t)
        )
    });
    assert!(
        tt_out,
        "target tracking scales out above the scheduled minimum: {ch:?}"
    );
    let marked: Vec<u32> = s
        .samples()
        .iter()
        .filter(|p| !p.scheduled.is_empty())
        .map(|p| p.minute)
        .collect();
    assert_eq!(marked, [10, 40]);
}

#[test]
fn fargate_cpu_stops_at_100_and_the_rest_is_unmet_demand() {
    // 800 rps for 4 tasks of 100 rps each: 200 % of their allocation.
    let mut s = sim(steady(
        4,
        1,
        10,
        LoadPreset::Steady { rps: 800.0 },
        vec![tt("cpu", MetricKind::Cpu, 50.0)],
    ));
    s.run_until(181);
    let dp = s.samples()[1].metrics;
    assert!((dp.cpu.unwrap_or(0.0) - 100.0).abs() < 1e-6, "{dp:?}");
    assert!((dp.unmet - 400.0).abs() < 1e-6, "{dp:?}");
    // ceil(4 x 100 / 50) = 8, not the 16 an uncapped 200 % would give.
    assert_eq!(changes(&s), [(180, 4, 8)]);
}

#[test]
fn target_tracking_does_not_act_without_data_and_scale_from_zero_is_labelled() {
    // No task runs: no CPU datapoints, and target tracking does not act on insufficient
    // data (service-autoscaling-targettracking.html).
    let mut cfg = steady(
        0,
        0,
        10,
        LoadPreset::Steady { rps: 300.0 },
        vec![tt("cpu", MetricKind::Cpu, 50.0)],
    );
    cfg.service.initial_tasks = Some(0);
    let mut s = sim(cfg);
    s.run_until(600);
    assert_eq!(s.desired(), 0);
    let note = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::InsufficientData { .. }))
        .expect("the missing data is said");
    assert!(
        note.message().contains("does not act on insufficient data"),
        "{}",
        note.message()
    );
    // A queue's backlog has data at zero tasks: the simulator's own rule scales from zero,
    // and says that it is its own.
    let preset = ScalingPreset {
        load: "sqs-backlog".parse().expect("load"),
        min: Some(0),
        desired: Some(0),
        ..ScalingPreset::default()
    };
    let mut s = sim(preset.to_config().expect("preset"));
    s.run_until(180);
    let from_zero = s
        .events()
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::DesiredChanged {
                    cause: ScaleCause::FromZero { .. },
                    ..
                }
            )
        })
        .expect("scale from zero");
    assert!(
        from_zero.message().contains("the simulator's model"),
        "{}",
        from_zero.message()
    );
}

#[test]
fn x7_scale_in_rounding_is_a_setting() {
    // 10 tasks at 12 %: ceil(2.4) = 3 by default, floor = 2 when rounding down.
    for (up, expected) in [(true, 3), (false, 2)] {
        let mut cfg = steady(
            10,
            1,
            20,
            LoadPreset::Steady { rps: 120.0 },
            vec![tt("cpu", MetricKind::Cpu, 50.0)],
        );
        cfg.model.tt_scale_in_rounds_up = up;
        let mut s = sim(cfg);
        s.run_until(901);
        assert_eq!(changes(&s), [(900, 10, expected)]);
    }
}
