//! Invariants over random configurations (spec section 9 preamble):
//! healthy never below L once a deployment starts from a healthy service, in flight never
//! above U, never more placed than fits, and every deployment ends completed, stuck, failed
//! or rolled back within a bounded time.

use deckhand::sim::{
    AsgConfig, Capacity, CircuitBreakerConfig, ClusterConfig, ContainerHealthCheck, DeploymentPlan,
    DeploymentStatus, EventKind, ImageFault, LoadBalancer, ManagedScaling, PlacementStrategy,
    ProviderConfig, ProviderKind, ScalingPreset, SimConfig, Simulation, StrategyItem,
};
use proptest::prelude::*;

/// Six simulated hours: enough for the slowest case (15 throttled start failures at 15
/// minutes each, then a rollback).
const BOUND: u64 = 6 * 3600;

#[derive(Debug, Clone)]
enum Room {
    Fargate,
    Ec2 {
        spare: u32,
    },
    Asg {
        spare_instances: u32,
        max_extra: u32,
    },
}

fn room() -> impl Strategy<Value = Room> {
    prop_oneof![
        Just(Room::Fargate),
        (0u32..12).prop_map(|spare| Room::Ec2 { spare }),
        (0u32..3, 0u32..4).prop_map(|(spare_instances, max_extra)| Room::Asg {
            spare_instances,
            max_extra
        }),
    ]
}

fn placement() -> impl Strategy<Value = PlacementStrategy> {
    prop_oneof![
        Just(PlacementStrategy::SpreadAz),
        Just(PlacementStrategy::SpreadInstance),
        Just(PlacementStrategy::BinpackMemory),
        Just(PlacementStrategy::Random),
    ]
}

fn fault() -> impl Strategy<Value = ImageFault> {
    prop_oneof![
        3 => Just(ImageFault::None),
        1 => Just(ImageFault::FailStart),
        1 => Just(ImageFault::FailHealth),
    ]
}

prop_compose! {
    fn rolling_config()(
        desired in 0u32..24,
        min in 0u32..=100,
        max in 100u32..=250,
        room in room(),
        fault in fault(),
        breaker in any::<bool>(),
        rollback in any::<bool>(),
        lb in any::<bool>(),
        check in any::<bool>(),
        dereg in 0u32..60,
        stopping_in_max in any::<bool>(),
        placement in placement(),
        seed in any::<u64>(),
    ) -> SimConfig {
        let mut cfg = SimConfig::rolling(desired, min, max);
        cfg.seed = seed;
        cfg.deployment = Some(DeploymentPlan { at: 0, fault });
        cfg.service.placement = vec![placement];
        cfg.model.count_stopping_in_max = stopping_in_max;
        // A broken image needs the breaker to end; a working one may have it or not.
        cfg.service.circuit_breaker = CircuitBreakerConfig {
            enable: breaker || fault != ImageFault::None,
            rollback,
            ..CircuitBreakerConfig::default()
        };
        if lb {
            cfg.service.health.load_balancer = Some(LoadBalancer {
                deregistration_delay_secs: dereg,
                ..LoadBalancer::default()
            });
        }
        if check {
            cfg.service.health.container_check = Some(ContainerHealthCheck::default());
        }
        let size = cfg.service.task_size;
        cfg.cluster = match room {
            Room::Fargate => ClusterConfig::default(),
            Room::Ec2 { spare } => ClusterConfig::ec2_fitting(desired + spare, size),
            Room::Asg { spare_instances, max_extra } => {
                let per_instance = AsgConfig::default().instance_type.fits(size, 0);
                let initial = desired.div_ceil(per_instance) + spare_instances;
                ClusterConfig {
                    capacity: Capacity::Providers {
                        providers: vec![ProviderConfig {
                            name: "asg".into(),
                            kind: ProviderKind::Asg(AsgConfig {
                                initial_size: initial,
                                max_size: (initial + max_extra).max(1),
                                managed_scaling: Some(ManagedScaling {
                                    instance_warmup_secs: 60,
                                    ..ManagedScaling::default()
                                }),
                                ..AsgConfig::default()
                            }),
                        }],
                        strategy: vec![StrategyItem { provider: "asg".into(), base: 0, weight: 1 }],
                    },
                    ..ClusterConfig::default()
                }
            }
        };
        cfg
    }
}

fn check_placement(s: &Simulation) -> Result<(), TestCaseError> {
    for i in s.instances() {
        prop_assert!(
            i.cpu_used <= i.cpu_total,
            "cpu over-committed on i-{}",
            i.id
        );
        prop_assert!(
            i.memory_used <= i.memory_total,
            "memory over-committed on i-{}",
            i.id
        );
        let holding = s
            .tasks()
            .iter()
            .filter(|t| t.instance() == Some(i.id) && t.state != deckhand::sim::TaskState::Stopped)
            .count() as u32;
        prop_assert!(
            holding >= i.tasks,
            "more reservations than tasks on i-{}",
            i.id
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn rolling_updates_keep_their_limits_and_end(cfg in rolling_config()) {
        let mut s = Simulation::new(cfg).expect("generated configurations are valid");
        s.step();
        let start = s.counts();
        prop_assert!(start.healthy >= start.lower);
        while !s.status().is_final() && s.time() < BOUND {
            s.step();
            let c = s.counts();
            prop_assert!(c.healthy >= c.lower, "H {} < L {} at {}", c.healthy, c.lower, s.time());
            prop_assert!(c.in_flight <= c.upper, "inflight {} > U {} at {}", c.in_flight, c.upper, s.time());
            check_placement(&s)?;
        }
        let status = s.status();
        prop_assert!(status.is_final(), "still {:?} after {} s", status, BOUND);
        if let DeploymentStatus::Stuck(_) = status {
            // Stuck means nothing more can happen.
            let at = s.events().len();
            s.run_until(s.time() + 1800);
            let moved = s.events()[at..].iter().any(|e| {
                matches!(
                    e.kind,
                    EventKind::OldTasksStopped { .. }
                        | EventKind::TasksStarted { .. }
                        | EventKind::DeploymentCompleted { .. }
                )
            });
            prop_assert!(!moved, "a stuck deployment moved");
        }
        if status == DeploymentStatus::Completed {
            let (d, _, _) = s.limits();
            prop_assert_eq!(s.counts().new_live, d);
            prop_assert_eq!(s.counts().healthy, d);
        }
    }

    #[test]
    fn deployments_end_despite_desired_changes(
        cfg in rolling_config(),
        changes in proptest::collection::vec((1u64..900, 0u32..30), 0..4),
    ) {
        let works = cfg.deployment.is_some_and(|d| d.fault == ImageFault::None);
        let mut s = Simulation::new(cfg).expect("valid");
        let mut changes = changes;
        changes.sort();
        let mut last_change = 0;
        for (at, desired) in changes {
            s.run_until(at);
            if s.status().is_final() {
                break;
            }
            s.set_desired(desired).expect("replica service");
            last_change = at;
        }
        let status = s.run_until_settled(BOUND);
        prop_assert!(status.is_final(), "still {:?}", status);
        check_placement(&s)?;
        // Completed means D healthy new tasks and no old ones, whatever D did meanwhile.
        // (A broken revision can "complete" when D drops to 0.)
        if status == DeploymentStatus::Completed && works {
            prop_assert!(s.deployment().finished_at >= Some(last_change));
            let c = s.counts();
            prop_assert_eq!(c.new_live, c.desired);
            prop_assert_eq!(c.healthy, c.desired);
            prop_assert_eq!(c.old_live, 0);
        }
    }

    #[test]
    fn runs_are_reproducible(cfg in rolling_config()) {
        let mut a = Simulation::new(cfg.clone()).expect("valid");
        let mut b = Simulation::new(cfg).expect("valid");
        a.run_until_settled(BOUND);
        b.run_until_settled(BOUND);
        prop_assert_eq!(a.events(), b.events());
        prop_assert_eq!(a.batches(), b.batches());
    }

    #[test]
    fn scaling_stays_within_bounds(
        load in prop_oneof![Just("steady"), Just("spike"), Just("daily-wave"), Just("sqs-backlog")],
        policy in prop_oneof![Just("target-tracking"), Just("step"), Just("scheduled")],
        ec2 in any::<bool>(),
        target in 20.0f64..90.0,
        min in 0u32..4,
        span in 1u32..20,
        desired in 0u32..8,
        instances in 1u32..4,
        max_instances in 4u32..12,
        seed in any::<u64>(),
    ) {
        check_scaling(ScalingCase { load, policy, ec2, target, min, span, desired, instances, max_instances, seed })?;
    }
}

/// One case of [`scaling_stays_within_bounds`].
struct ScalingCase {
    load: &'static str,
    policy: &'static str,
    ec2: bool,
    target: f64,
    min: u32,
    span: u32,
    desired: u32,
    instances: u32,
    max_instances: u32,
    seed: u64,
}

/// Service auto scaling keeps in flight within U, placements within the instances, the
/// group within its maximum and desired within the scalable target's bounds.
fn check_scaling(case: ScalingCase) -> Result<(), TestCaseError> {
    let ScalingCase {
        load,
        policy,
        ec2,
        target,
        min,
        span,
        desired,
        instances,
        max_instances,
        seed,
    } = case;
    let max = min + span;
    let preset = ScalingPreset {
        load: load.parse().expect("load"),
        policy: policy.parse().expect("policy"),
        launch_type: if ec2 { "ec2" } else { "fargate" }
            .parse()
            .expect("launch type"),
        instances: ec2.then_some(instances),
        max_instances: ec2.then_some(max_instances),
        target,
        min: Some(min),
        max: Some(max),
        desired: Some(desired.min(instances * 4)),
        seed: Some(seed),
        ..ScalingPreset::default()
    };
    let Ok(cfg) = preset.to_config() else {
        // The default scheduled actions can ask for a minimum above a small maximum.
        return Ok(());
    };
    let mut s = Simulation::new(cfg).expect("valid");
    for _ in 0..3600 {
        s.step();
        let c = s.counts();
        prop_assert!(
            c.in_flight <= c.upper,
            "in flight {} above U {} (desired {}) at {} s",
            c.in_flight,
            c.upper,
            c.desired,
            s.time()
        );
        check_placement(&s)?;
        for p in s.providers() {
            if let Some(a) = &p.asg {
                prop_assert!(s.instances().len() as u32 <= a.max_size);
            }
        }
    }
    let (lo, hi) = s.scaling_bounds().expect("bounds");
    for sample in s.samples().iter().skip(1) {
        let (smin, smax) = (sample.min.unwrap_or(lo), sample.max.unwrap_or(hi));
        prop_assert!(
            sample.desired >= smin.min(desired) && sample.desired <= smax.max(desired),
            "desired {} outside {}..{} at minute {}",
            sample.desired,
            smin,
            smax,
            sample.minute
        );
    }
    Ok(())
}

/// The case proptest found: an SQS backlog under the default scheduled actions on EC2
/// (one instance, at most six), target 20, minimum 0, maximum 16, desired 4.
#[test]
fn scaling_regression_sqs_backlog_scheduled_on_ec2() {
    check_scaling(ScalingCase {
        load: "sqs-backlog",
        policy: "scheduled",
        ec2: true,
        target: 20.0,
        min: 0,
        span: 16,
        desired: 4,
        instances: 1,
        max_instances: 6,
        seed: 15002887312757682491,
    })
    .expect("within bounds");
}
