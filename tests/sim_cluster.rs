//! Capacity providers, cluster auto scaling (K*) and Fargate sizes (F*) of spec section 9.

use deckhand::sim::{
    AsgConfig, Capacity, ClusterConfig, ConfigError, DeploymentPlan, DeploymentStatus, EventKind,
    Injection, InstanceType, LoadConfig, LoadPreset, ManagedScaling, OsFamily, Placement,
    PlacementStrategy, ProviderConfig, ProviderKind, SimConfig, Simulation, StopReason,
    StrategyItem, StuckReason, TaskSize, TaskState,
};

/// m5.large instances: 2 vCPU and 8 GiB, so CPU fits 4 tasks of 512 CPU / 1024 MiB.
fn asg(initial: u32, max: u32, target: u32, protect: bool) -> AsgConfig {
    AsgConfig {
        instance_type: InstanceType::ec2("m5.large", 2048, 8192),
        initial_size: initial,
        max_size: max,
        managed_scaling: Some(ManagedScaling {
            target_capacity: target,
            ..ManagedScaling::default()
        }),
        managed_termination_protection: protect,
        ..AsgConfig::default()
    }
}

fn on_asg(group: AsgConfig, tasks: u32) -> SimConfig {
    let mut cfg = SimConfig::default();
    cfg.service.desired = tasks;
    cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
    cfg.load = LoadConfig {
        preset: LoadPreset::Steady { rps: 0.0 },
        noise: 0.0,
        ..LoadConfig::default()
    };
    cfg.cluster = ClusterConfig {
        capacity: Capacity::Providers {
            providers: vec![ProviderConfig {
                name: "asg".into(),
                kind: ProviderKind::Asg(group),
            }],
            strategy: vec![StrategyItem {
                provider: "asg".into(),
                base: 0,
                weight: 1,
            }],
        },
        ..ClusterConfig::default()
    };
    cfg
}

fn sim(cfg: SimConfig) -> Simulation {
    Simulation::new(cfg).expect("valid configuration")
}

/// (second, count, cpr, before, after) of every launch.
fn launches(s: &Simulation) -> Vec<(u64, u32, f64, u32, u32)> {
    s.events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::InstancesLaunched {
                count,
                cpr,
                before,
                after,
                ..
            } => Some((e.t, count, cpr, before, after)),
            _ => None,
        })
        .collect()
}

fn removals(s: &Simulation) -> Vec<(u64, u32, u32, u32)> {
    s.events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::InstancesTerminated {
                count, after, busy, ..
            } => Some((e.t, count, after, busy)),
            _ => None,
        })
        .collect()
}

fn cpr_at(s: &Simulation, minute: u32) -> Option<f64> {
    s.samples()
        .iter()
        .find(|p| p.minute == minute)
        .and_then(|p| p.providers.first())
        .and_then(|p| p.cpr)
}

#[test]
fn k1_k2_cpr_200_adds_two_then_halving_removes_them_after_15_minutes() {
    let mut s = sim(on_asg(asg(2, 10, 100, true), 8));
    s.set_desired(16).expect("desired");
    s.run_until(181);
    assert_eq!(launches(&s), [(60, 2, 200.0, 2, 4)]);
    assert_eq!(cpr_at(&s, 2), Some(100.0));
    assert_eq!(
        s.counts().waiting,
        0,
        "waiting tasks placed on the new instances"
    );

    // Tasks halve: M = 2, N = 4 -> CPR 50; after the 15-minute low alarm, back to 2.
    s.run_until(300);
    s.set_desired(8).expect("desired");
    s.run_until(3000);
    assert_eq!(cpr_at(&s, 7), Some(50.0));
    let r = removals(&s);
    assert_eq!(r.len(), 2, "gradual: one per minute");
    assert!(r[0].0 >= 300 + 15 * 60, "{r:?}");
    assert_eq!(
        r.iter().map(|x| x.3).sum::<u32>(),
        0,
        "only empty instances"
    );
    assert_eq!(s.instances().len(), 2);
    assert_eq!(s.counts().running, 8);
}

/// Four instances; binpack fills the first two with 8 tasks, so CPR = 2 / 4 = 50 and the
/// low alarm fires after 15 minutes.
fn half_empty(protect: bool, draining: bool) -> Simulation {
    let mut group = asg(4, 10, 100, protect);
    group.managed_draining = draining;
    let s = sim(on_asg(group, 8));
    assert_eq!(
        s.instances().iter().map(|i| i.tasks).collect::<Vec<_>>(),
        [4, 4, 0, 0]
    );
    s
}

#[test]
fn k2_protection_keeps_busy_instances() {
    let mut s = half_empty(true, true);
    s.run_until(1800);
    let r = removals(&s);
    assert_eq!(r.iter().map(|x| x.1).sum::<u32>(), 2);
    assert_eq!(
        r.iter().map(|x| x.3).sum::<u32>(),
        0,
        "only empty instances"
    );
    assert_eq!(
        s.instances().iter().map(|i| i.tasks).collect::<Vec<_>>(),
        [4, 4]
    );
    assert!(s.stopped_tasks().is_empty(), "no task was disturbed");
}

#[test]
fn without_protection_busy_instances_are_drained_or_killed() {
    for draining in [true, false] {
        let mut s = half_empty(false, draining);
        s.run_until(1800);
        // The termination policy picks the oldest instance in the fullest AZ: a busy one.
        let busy: u32 = removals(&s).iter().map(|r| r.3).sum();
        assert!(busy > 0, "the ASG picks busy instances too");
        let killed = s
            .stopped_tasks()
            .iter()
            .filter(|t| t.stop_reason == Some(StopReason::InstanceTerminated))
            .count();
        assert_eq!(killed > 0, !draining, "draining={draining}");
        assert_eq!(s.counts().healthy, 8, "the service keeps its desired count");
    }
}

#[test]
fn k3_k8_from_zero_two_instances_then_wait_for_warmup() {
    let mut cfg = on_asg(asg(0, 10, 100, false), 10);
    cfg.service.initial_tasks = Some(0);
    let mut s = sim(cfg);
    s.run_until(61);
    assert_eq!(s.counts().waiting, 10, "all wait in PROVISIONING");
    assert!(s.tasks().iter().all(|t| t.state == TaskState::Provisioning));
    assert_eq!(launches(&s), [(60, 2, 200.0, 0, 2)]);
    s.run_until(600);
    let l = launches(&s);
    assert_eq!(l.len(), 2);
    // Two instances fit 8 tasks; the other 2 need a third, once the first two are warm.
    assert_eq!(l[1].0, 60 + 300);
    assert_eq!(l[1].1, 1);
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::WaitingForWarmup { until: 360, .. }))
    );
    assert_eq!(s.counts().running, 10);
}

#[test]
fn k4_empty_cluster_reports_100_and_does_nothing() {
    let mut cfg = on_asg(asg(0, 10, 100, false), 0);
    cfg.service.initial_tasks = Some(0);
    let mut s = sim(cfg);
    s.run_until(1801);
    assert!(
        s.samples()
            .iter()
            .skip(1)
            .all(|p| p.providers[0].cpr == Some(100.0))
    );
    assert!(launches(&s).is_empty() && removals(&s).is_empty());
}

#[test]
fn k6_target_90_keeps_a_spare_instance() {
    let mut group = asg(9, 20, 90, false);
    group.instance_type = InstanceType {
        name: "one-task".into(),
        cpu: 512,
        memory: 1024,
        overhead: 0,
    };
    let mut s = sim(on_asg(group, 9));
    s.run_until(3601);
    assert_eq!(launches(&s).len(), 1);
    assert_eq!(s.instances().len(), 10, "ceil(9 x 100 / 90) = 10");
    assert!(removals(&s).is_empty());
}

#[test]
fn k7_minimum_and_maximum_step_sizes() {
    // Need 3 more instances but the minimum step is 5.
    let mut group = asg(2, 100, 100, false);
    group.managed_scaling = Some(ManagedScaling {
        minimum_scaling_step_size: 5,
        ..ManagedScaling::default()
    });
    let mut s = sim(on_asg(group, 8));
    s.set_desired(20).expect("desired");
    s.run_until(61);
    assert_eq!(launches(&s)[0].1, 5);

    // Need 30 more but the maximum step is 10.
    let mut group = asg(2, 100, 100, false);
    group.managed_scaling = Some(ManagedScaling {
        maximum_scaling_step_size: 10,
        ..ManagedScaling::default()
    });
    let mut s = sim(on_asg(group, 8));
    s.set_desired(128).expect("desired");
    s.run_until(61);
    assert_eq!(launches(&s)[0].1, 10);
}

#[test]
fn k9_tasks_larger_than_the_instance_type_are_left_out() {
    let mut group = asg(0, 10, 100, false);
    group.instance_type = InstanceType {
        name: "tiny".into(),
        cpu: 256,
        memory: 512,
        overhead: 0,
    };
    let mut cfg = on_asg(group, 3);
    cfg.service.initial_tasks = Some(0);
    let mut s = sim(cfg);
    s.run_until(1801);
    assert!(
        s.samples()
            .iter()
            .skip(1)
            .all(|p| p.providers[0].cpr == Some(100.0))
    );
    assert!(launches(&s).is_empty());
    assert_eq!(s.counts().waiting, 3, "they stay in PROVISIONING");
}

#[test]
fn deployment_waits_then_sticks_when_the_group_is_at_max() {
    let mut cfg = on_asg(asg(2, 2, 100, false), 8);
    cfg.deployment = Some(DeploymentPlan::default());
    let mut s = sim(cfg);
    let status = s.run_until_settled(3600);
    assert_eq!(
        status,
        DeploymentStatus::Stuck(StuckReason::ProviderCannotGrow {
            provider: "asg".into()
        })
    );
    assert!(s.counts().waiting > 0);
}

#[test]
fn deployment_on_a_managed_group_grows_the_cluster_and_completes() {
    let mut cfg = on_asg(asg(2, 10, 100, false), 8);
    cfg.deployment = Some(DeploymentPlan::default());
    let mut s = sim(cfg);
    assert_eq!(s.run_until_settled(3600), DeploymentStatus::Completed);
    assert!(
        !launches(&s).is_empty(),
        "new tasks waited for new instances"
    );
    for i in s.instances() {
        assert!(i.cpu_used <= i.cpu_total);
    }
}

#[test]
fn k10_scale_in_uses_m_over_n_and_removes_less_than_half_a_minute() {
    let mut s = sim(on_asg(asg(10, 10, 100, true), 2));
    s.run_until(3601);
    // One instance in use of 10: CPR 10 (not "100 minus empty instances").
    assert_eq!(cpr_at(&s, 1), Some(10.0));
    let after: Vec<u32> = removals(&s).iter().map(|r| r.2).collect();
    assert_eq!(after, [6, 4, 3, 2, 1]);
    let mut n = 10;
    for r in removals(&s) {
        // At least one and less than half (one is the floor when N = 2).
        assert!(r.1 == 1 || 2 * r.1 < n, "removed {} of {n}", r.1);
        n = r.2;
    }
}

fn fargate_strategy(items: &[(&str, u32, u32)]) -> ClusterConfig {
    ClusterConfig {
        capacity: Capacity::Providers {
            providers: vec![ProviderConfig::fargate(), ProviderConfig::fargate_spot()],
            strategy: items
                .iter()
                .map(|(p, base, weight)| StrategyItem {
                    provider: (*p).into(),
                    base: *base,
                    weight: *weight,
                })
                .collect(),
        },
        ..ClusterConfig::default()
    }
}

#[test]
fn k12_weights_and_base_split_tasks() {
    let mut cfg = SimConfig::default();
    cfg.service.desired = 10;
    cfg.cluster = fargate_strategy(&[("FARGATE", 0, 1), ("FARGATE_SPOT", 0, 4)]);
    let s = sim(cfg.clone());
    let spot = s
        .tasks()
        .iter()
        .filter(|t| t.placement == Placement::Fargate { spot: true })
        .count();
    assert_eq!((10 - spot, spot), (2, 8));

    cfg.cluster = fargate_strategy(&[("FARGATE", 3, 1), ("FARGATE_SPOT", 0, 1)]);
    let s = sim(cfg);
    let spot = s
        .tasks()
        .iter()
        .filter(|t| t.placement == Placement::Fargate { spot: true })
        .count();
    assert_eq!(
        (10 - spot, spot),
        (3 + 4, 3),
        "base 3, then 7 split about 1:1"
    );
}

#[test]
fn k13_invalid_strategies_are_refused() {
    let cfg = SimConfig {
        cluster: ClusterConfig {
            capacity: Capacity::Providers {
                providers: vec![
                    ProviderConfig::fargate(),
                    ProviderConfig {
                        name: "asg".into(),
                        kind: ProviderKind::Asg(AsgConfig::default()),
                    },
                ],
                strategy: vec![
                    StrategyItem {
                        provider: "FARGATE".into(),
                        base: 0,
                        weight: 1,
                    },
                    StrategyItem {
                        provider: "asg".into(),
                        base: 0,
                        weight: 1,
                    },
                ],
            },
            ..ClusterConfig::default()
        },
        ..SimConfig::default()
    };
    assert_eq!(
        Simulation::new(cfg).err(),
        Some(ConfigError::MixedProviders)
    );

    let cfg = SimConfig {
        cluster: fargate_strategy(&[("FARGATE", 2, 0), ("FARGATE_SPOT", 0, 0)]),
        ..SimConfig::default()
    };
    assert_eq!(
        Simulation::new(cfg).err(),
        Some(ConfigError::AllWeightsZero)
    );

    let cfg = SimConfig {
        cluster: fargate_strategy(&[("FARGATE", 2, 1), ("FARGATE_SPOT", 1, 1)]),
        ..SimConfig::default()
    };
    assert_eq!(Simulation::new(cfg).err(), Some(ConfigError::SeveralBases));
}

#[test]
fn k14_spot_interruption_stops_within_two_minutes_and_is_replaced_on_spot() {
    let mut cfg = SimConfig::default();
    cfg.service.desired = 1;
    cfg.timings.stop_timeout_secs = 120;
    cfg.timings.app_shutdown_secs = 300; // ignores SIGTERM: killed at the timeout
    cfg.cluster = fargate_strategy(&[("FARGATE_SPOT", 0, 1)]);
    let mut s = sim(cfg.clone());
    let id = s.tasks()[0].id;
    s.run_until(10);
    s.inject(Injection::SpotInterruption(id)).expect("spot");
    s.run_until(300);
    let stopped = s
        .stopped_tasks()
        .iter()
        .find(|t| t.id == id)
        .expect("stopped");
    assert_eq!(stopped.stop_reason, Some(StopReason::SpotInterruption));
    let killed_at = stopped.state_since;
    assert!(killed_at <= 10 + 120 + u64::from(cfg.timings.deprovisioning_secs));
    let replacement = s.tasks().iter().find(|t| t.id != id).expect("replacement");
    assert_eq!(replacement.placement, Placement::Fargate { spot: true });
    assert!(replacement.launched_at <= 11, "replaced at once");

    // Without Spot capacity a one-task service is down until capacity returns.
    let mut s = sim(cfg);
    let id = s.tasks()[0].id;
    s.inject(Injection::SetSpotCapacity(false))
        .expect("spot off");
    s.inject(Injection::SpotInterruption(id)).expect("spot");
    s.run_until(600);
    assert_eq!(s.counts().healthy, 0);
    assert!(s.events().iter().any(|e| matches!(
        e.kind,
        EventKind::LaunchBlocked {
            reason: StuckReason::SpotUnavailable,
            ..
        }
    )));
    s.inject(Injection::SetSpotCapacity(true)).expect("spot on");
    s.run_until(700);
    assert_eq!(s.counts().healthy, 1);
}

#[test]
fn f1_to_f4_fargate_sizes_are_checked_when_the_service_is_created() {
    let mut cfg = SimConfig::rolling(2, 100, 200);
    for (cpu, memory, os, ok) in [
        (256, 4096, OsFamily::Linux, false),
        (1024, 8192, OsFamily::Linux, true),
        (2048, 3072, OsFamily::Linux, false),
        (8192, 18 * 1024, OsFamily::Linux, false),
        (8192, 20 * 1024, OsFamily::Linux, true),
        (16384, 40 * 1024, OsFamily::Linux, true),
        (512, 1024, OsFamily::Windows, false),
    ] {
        cfg.service.task_size = TaskSize { cpu, memory };
        cfg.service.os = os;
        let result = Simulation::new(cfg.clone());
        assert_eq!(result.is_ok(), ok, "{cpu}/{memory} {os:?}");
        if !ok {
            assert!(matches!(result.err(), Some(ConfigError::Fargate(_))));
        }
    }
}

#[test]
fn fargate_quota_blocks_launches() {
    let mut cfg = SimConfig::rolling(4, 100, 200);
    cfg.cluster.capacity = Capacity::Fargate { quota: Some(5) };
    let mut s = sim(cfg);
    assert_eq!(
        s.run_until_settled(3600),
        DeploymentStatus::Completed,
        "one at a time through the single spare slot"
    );
    assert!(s.events().iter().any(|e| matches!(
        e.kind,
        EventKind::LaunchBlocked {
            reason: StuckReason::FargateQuota,
            ..
        }
    )));
}

#[test]
fn x3_scale_in_all_at_once_when_not_gradual() {
    let mut cfg = on_asg(asg(10, 10, 100, true), 2);
    cfg.model.cas_gradual_scale_in = false;
    let mut s = sim(cfg);
    s.run_until(3601);
    let after: Vec<u32> = removals(&s).iter().map(|r| r.2).collect();
    assert_eq!(after, [1]);
}

#[test]
fn protection_is_visible_per_instance() {
    let s = sim(on_asg(asg(4, 10, 100, true), 4));
    let protected: Vec<bool> = s.instances().iter().map(|i| s.is_protected(i)).collect();
    assert_eq!(protected, [true, false, false, false]);
}
