//! Rolling-update scenarios of spec section 9 (R*, C*), run through the public API.

use deckhand::sim::{
    BatchAction, BreakerStatus, Capacity, CircuitBreakerConfig, ClusterConfig,
    ContainerHealthCheck, DeploymentAlarms, DeploymentPlan, DeploymentStatus, EventKind,
    ImageFault, Injection, InstanceType, LoadBalancer, PlacementStrategy, RolloutState, SimConfig,
    Simulation, StopReason, StuckReason, TaskState, Threshold,
};

const HOUR: u64 = 3600;

fn sim(cfg: SimConfig) -> Simulation {
    Simulation::new(cfg).expect("valid configuration")
}

fn rolling(desired: u32, min: u32, max: u32) -> SimConfig {
    SimConfig::rolling(desired, min, max)
}

fn on_capacity(mut cfg: SimConfig, slots: u32) -> SimConfig {
    cfg.cluster = ClusterConfig::ec2_fitting(slots, cfg.service.task_size);
    cfg
}

fn batches(s: &Simulation) -> Vec<String> {
    s.batches().iter().map(ToString::to_string).collect()
}

/// Run to the end, checking the invariants of section 9 at every second.
fn settle(s: &mut Simulation) -> DeploymentStatus {
    s.step(); // the deployment starts at second 0
    let healthy_start = s.counts().healthy >= s.counts().lower;
    while !s.status().is_final() && s.time() < 2 * HOUR {
        s.step();
        let c = s.counts();
        if healthy_start {
            assert!(
                c.healthy >= c.lower,
                "H {} < L {} at {}",
                c.healthy,
                c.lower,
                s.time()
            );
        }
        assert!(
            c.in_flight <= c.upper,
            "in flight {} > U {} at {}",
            c.in_flight,
            c.upper,
            s.time()
        );
        for i in s.instances() {
            assert!(i.cpu_used <= i.cpu_total && i.memory_used <= i.memory_total);
        }
    }
    s.status()
}

#[test]
fn r1_min_50_of_4_stops_2_first() {
    let mut s = sim(rolling(4, 50, 100));
    assert_eq!(s.limits(), (4, 2, 4));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(batches(&s)[0], "stop 2 (2/0)");
}

#[test]
fn r2_min_75_of_2_cannot_stop_first() {
    let mut s = sim(rolling(2, 75, 200));
    assert_eq!(s.limits().1, 2);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(s.batches()[0].action, BatchAction::Start);
}

#[test]
fn r3_max_200_of_4_starts_4_first() {
    let mut s = sim(rolling(4, 100, 200));
    assert_eq!(s.limits().2, 8);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(batches(&s), ["start 4 (4/4)", "stop 4 (0/4)"]);
}

#[test]
fn r4_max_125_of_3_cannot_start_first() {
    let mut s = sim(rolling(3, 50, 125));
    assert_eq!(s.limits().2, 3);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(s.batches()[0].action, BatchAction::Stop);
}

#[test]
fn r5_capacity_not_upper_limits_batches() {
    let mut s = sim(on_capacity(rolling(6, 100, 200), 8));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        [
            "start 2 (6/2)",
            "stop 2 (4/2)",
            "start 2 (4/4)",
            "stop 2 (2/4)",
            "start 2 (2/6)",
            "stop 2 (0/6)"
        ]
    );
}

#[test]
fn r6_min_50_on_8_slots() {
    let mut s = sim(on_capacity(rolling(6, 50, 200), 8));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        [
            "stop 3 (3/0)",
            "start 5 (3/5)",
            "stop 3 (0/5)",
            "start 1 (0/6)"
        ]
    );
}

#[test]
fn r7_min_50_with_room() {
    let mut s = sim(on_capacity(rolling(6, 50, 200), 12));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        ["stop 3 (3/0)", "start 6 (3/6)", "stop 3 (0/6)"]
    );
}

#[test]
fn r8_load_balancer_timings_stretch_each_round() {
    let mut cfg = on_capacity(rolling(6, 100, 200), 8);
    cfg.service.health.load_balancer = Some(LoadBalancer::default());
    let mut s = sim(cfg);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    let b = s.batches();
    assert_eq!(b.len(), 6);
    let timings = s.config().timings;
    let to_running = u64::from(
        timings.provisioning_secs
            + timings.pending_secs
            + timings.image_pull_secs
            + timings.container_start_secs,
    );
    let stop_tail = u64::from(timings.app_shutdown_secs + timings.deprovisioning_secs);
    for round in 0..3 {
        let (start, stop) = (b[2 * round], b[2 * round + 1]);
        // New tasks need 5 x 30 s of ALB checks after RUNNING before old ones may stop.
        assert_eq!(stop.t - start.t, to_running + 150, "round {round}");
        if round < 2 {
            // Old tasks drain for the 300 s deregistration delay before their room is free.
            assert_eq!(
                b[2 * round + 2].t - stop.t,
                300 + stop_tail,
                "round {round}"
            );
        }
    }
    // Three rounds of about 2.5 min + 5 min: 22.5 min plus start and stop overheads.
    let done = s.deployment().finished_at.expect("finished");
    assert_eq!(done, 3 * (to_running + 150 + 300 + stop_tail));
}

#[test]
fn r9_r15_min_100_max_100_is_stuck_with_the_aws_message() {
    for desired in [1, 10] {
        let mut s = sim(rolling(desired, 100, 100));
        let status = settle(&mut s);
        let DeploymentStatus::Stuck(reason) = status else {
            panic!("expected stuck, got {status:?}");
        };
        assert!(matches!(
            reason,
            StuckReason::DeploymentConfiguration { .. }
        ));
        assert!(reason.to_string().starts_with(
            "unable to stop or start tasks during a deployment because of the service deployment configuration"
        ));
        assert!(s.batches().is_empty());
        assert_eq!(s.time(), 1, "detected at once");
    }
}

#[test]
fn r9_draining_cannot_proceed_at_100_100() {
    let mut cfg = rolling(4, 100, 100);
    cfg.deployment = None;
    cfg.cluster = four_task_instances(2);
    cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
    let mut s = sim(cfg);
    let busy = s.instances()[0].id;
    s.inject(Injection::DrainInstance(busy)).expect("drain");
    s.run_until(600);
    assert!(s.events().iter().any(|e| matches!(
        &e.kind,
        EventKind::DeploymentStuck {
            reason: StuckReason::DeploymentConfiguration { .. }
        }
    )));
    assert_eq!(s.instances()[0].tasks, 4, "nothing moved");
}

#[test]
fn r10_seed_example_batches_4_4_2() {
    let mut s = sim(rolling(10, 60, 100));
    assert_eq!(s.limits(), (10, 6, 10));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        [
            "stop 4 (6/0)",
            "start 4 (6/4)",
            "stop 4 (2/4)",
            "start 4 (2/8)",
            "stop 2 (0/8)",
            "start 2 (0/10)"
        ]
    );
    // Starts happen in the same second as the stops (stopping tasks do not count toward U).
    assert_eq!(s.batches()[0].t, s.batches()[1].t);
    let first = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::OldTasksStopped { .. }));
    assert_eq!(
        first.map(|e| e.message()).as_deref(),
        Some("stopped 4 old tasks: 6 healthy stay ≥ lower limit 6; 6 old left")
    );
}

#[test]
fn r10_with_stopping_counted_in_max_starts_after_stopped() {
    let mut cfg = rolling(10, 60, 100);
    cfg.model.count_stopping_in_max = true;
    let mut s = sim(cfg);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    let b = s.batches();
    assert_eq!(b[0].to_string(), "stop 4 (6/0)");
    assert!(
        b[1].t > b[0].t,
        "starts wait until the stopped tasks are gone"
    );
    let counts: Vec<u32> = b
        .iter()
        .filter(|b| b.action == BatchAction::Stop)
        .map(|b| b.count)
        .collect();
    assert_eq!(counts, [4, 4, 2]);
}

#[test]
fn r11_derived_desired_caps_the_start_budget() {
    // Reconstructed from 3.2 / X13: with max 200 the start budget U - L = 15 exceeds
    // D - newLive = 10, which binds.
    let mut s = sim(rolling(10, 50, 200));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        ["stop 5 (5/0)", "start 10 (5/10)", "stop 5 (0/10)"]
    );
}

#[test]
fn r12_r14_single_task_zero_downtime() {
    for min in [100, 50] {
        let mut s = sim(rolling(1, min, 200));
        assert_eq!(s.limits(), (1, 1, 2));
        assert_eq!(settle(&mut s), DeploymentStatus::Completed);
        assert_eq!(batches(&s), ["start 1 (1/1)", "stop 1 (0/1)"]);
    }
}

#[test]
fn r13_single_task_min_0_has_downtime() {
    let mut s = sim(rolling(1, 0, 100));
    let mut saw_zero = false;
    s.step();
    while !s.status().is_final() {
        saw_zero |= s.counts().healthy == 0;
        s.step();
    }
    assert!(saw_zero);
    assert_eq!(batches(&s), ["stop 1 (0/0)", "start 1 (0/1)"]);
}

#[test]
fn r16_desired_zero_stops_everything() {
    let mut cfg = rolling(0, 100, 200);
    cfg.service.initial_tasks = Some(3);
    let mut s = sim(cfg);
    assert_eq!(s.limits(), (0, 0, 0));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(batches(&s), ["stop 3 (0/0)"]);
    assert!(s.tasks().is_empty());
}

/// `count` m5.large instances: 2 vCPU and 8 GiB, so CPU fits 4 tasks of 512 CPU / 1024 MiB.
fn four_task_instances(count: u32) -> ClusterConfig {
    ClusterConfig {
        capacity: Capacity::Ec2 {
            instances: vec![InstanceType::ec2("m5.large", 2048, 8192); count as usize],
        },
        ..ClusterConfig::default()
    }
}

fn draining_cluster(min: u32, max: u32) -> Simulation {
    let mut cfg = rolling(4, min, max);
    cfg.deployment = None;
    cfg.cluster = four_task_instances(2);
    cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
    let mut s = sim(cfg);
    assert_eq!(
        s.instances()[0].tasks,
        4,
        "binpack puts all 4 on the first instance"
    );
    let id = s.instances()[0].id;
    s.inject(Injection::DrainInstance(id)).expect("drain");
    s
}

fn first_decisions(s: &Simulation) -> Vec<(u64, &'static str, u32)> {
    s.events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::OldTasksStopped { count, .. } => Some((e.t, "stop", count)),
            EventKind::TasksStarted { count, .. } => Some((e.t, "start", count)),
            _ => None,
        })
        .collect()
}

#[test]
fn r17_draining_instance_follows_the_deployment_limits() {
    // (a) min 50: stop 2 draining tasks, then start 2 replacements.
    let mut s = draining_cluster(50, 100);
    s.run_until(900);
    let d = first_decisions(&s);
    assert_eq!((d[0].1, d[0].2), ("stop", 2));
    assert_eq!((d[1].1, d[1].2), ("start", 2));
    assert_eq!(s.instances()[0].tasks, 0);
    assert_eq!(s.instances()[1].tasks, 4);

    // (b) max 200: start 4 replacements before stopping the 4.
    let mut s = draining_cluster(100, 200);
    s.run_until(900);
    let d = first_decisions(&s);
    assert_eq!((d[0].1, d[0].2), ("start", 4));
    assert_eq!((d[1].1, d[1].2), ("stop", 4));
    assert!(d[1].0 > d[0].0);

    // (c) max 100: replacements only after the draining tasks stopped; with stopping tasks
    // counted toward the maximum (X2) they wait for STOPPED.
    let mut cfg = rolling(4, 0, 100);
    cfg.deployment = None;
    cfg.cluster = four_task_instances(2);
    cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
    cfg.model.count_stopping_in_max = true;
    let mut s = sim(cfg);
    let id = s.instances()[0].id;
    s.inject(Injection::DrainInstance(id)).expect("drain");
    s.run_until(900);
    let d = first_decisions(&s);
    assert_eq!((d[0].1, d[0].2), ("stop", 4));
    let stopped_at = s.stopped_tasks().iter().map(|t| t.state_since).min();
    assert_eq!(d[1].1, "start");
    assert!(d[1].0 > d[0].0 && Some(d[1].0) >= stopped_at);
}

#[test]
fn r17_pending_tasks_on_a_draining_instance_stop_at_once() {
    let mut cfg = rolling(4, 100, 200);
    cfg.deployment = None;
    cfg.cluster = four_task_instances(2);
    cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
    let mut s = sim(cfg);
    s.set_desired(5).expect("desired");
    s.step();
    let pending = s
        .tasks()
        .iter()
        .find(|t| t.state == TaskState::Provisioning)
        .map(|t| (t.id, t.instance()));
    let (id, Some(instance)) = pending.expect("a new task") else {
        panic!("placed on an instance");
    };
    s.inject(Injection::DrainInstance(instance)).expect("drain");
    let t = s
        .tasks()
        .iter()
        .chain(s.stopped_tasks())
        .find(|t| t.id == id)
        .expect("task");
    assert!(t.desired_stopped);
    assert_eq!(t.stop_reason, Some(StopReason::Draining));
}

#[test]
fn r18_spot_draining_with_min_100_waits_for_new_tasks() {
    // Model: with min 100 an old task can stop only after its replacement passes the ALB
    // checks (150 s + start), longer than a 2-minute Spot notice; with min 50 it stops at once.
    for (min, late) in [(100, true), (50, false)] {
        let mut cfg = rolling(4, min, 200);
        cfg.deployment = None;
        cfg.cluster = ClusterConfig::ec2_instances(2);
        cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
        cfg.service.health.load_balancer = Some(LoadBalancer::default());
        let mut s = sim(cfg);
        let id = s.instances()[0].id;
        s.inject(Injection::DrainInstance(id)).expect("drain");
        s.run_until(900);
        let first_stop = first_decisions(&s)
            .into_iter()
            .find(|d| d.1 == "stop")
            .map(|d| d.0);
        assert_eq!(
            first_stop.is_some_and(|t| t > 120),
            late,
            "min {min}: {first_stop:?}"
        );
    }
}

fn with_container_check(mut cfg: SimConfig) -> SimConfig {
    cfg.deployment = None;
    cfg.service.health.container_check = Some(ContainerHealthCheck::default());
    cfg
}

#[test]
fn r19a_room_to_replace_first() {
    let mut s = sim(with_container_check(rolling(4, 100, 200)));
    let victim = s.tasks()[0].id;
    s.inject(Injection::FailHealthCheck(victim))
        .expect("inject");
    // Detected after interval x retries = 90 s.
    s.run_until(91);
    let c = s.counts();
    assert_eq!(c.unhealthy, 1);
    assert_eq!(
        s.tasks().iter().filter(|t| t.is_live()).count(),
        5,
        "replacement started first"
    );
    let still = s.tasks().iter().find(|t| t.id == victim).expect("victim");
    assert!(
        !still.desired_stopped,
        "unhealthy task kept until its replacement is healthy"
    );
    s.run_until(400);
    let victim_task = s
        .stopped_tasks()
        .iter()
        .find(|t| t.id == victim)
        .expect("stopped");
    assert_eq!(victim_task.stop_reason, Some(StopReason::ReplacedUnhealthy));
    assert_eq!(s.counts().healthy, 4);
}

#[test]
fn r19b_no_room_stops_the_unhealthy_task_first() {
    let mut s = sim(with_container_check(rolling(4, 100, 100)));
    let victim = s.tasks()[0].id;
    s.inject(Injection::FailHealthCheck(victim))
        .expect("inject");
    s.run_until(91);
    let stop = s
        .events()
        .iter()
        .position(|e| {
            matches!(
                e.kind,
                EventKind::TasksStopped {
                    reason: StopReason::Unhealthy,
                    ..
                }
            )
        })
        .expect("stopped first");
    let start = s
        .events()
        .iter()
        .position(|e| matches!(e.kind, EventKind::TasksStarted { .. }))
        .expect("then replaced");
    assert!(stop < start);
    s.run_until(400);
    let c = s.counts();
    assert_eq!((c.healthy, c.in_flight), (4, 4));
    // Healthy tasks were never stopped to make room.
    assert_eq!(s.stopped_tasks().len(), 1);
}

#[test]
fn r20_no_lb_no_check_counts_after_40_seconds() {
    let mut s = sim(rolling(1, 100, 200));
    s.run_until(200);
    let t = s
        .tasks()
        .iter()
        .find(|t| t.revision == 2)
        .expect("new task");
    let running = t.running_since.expect("running");
    let healthy_at = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TasksHealthy { .. }))
        .map(|e| e.t);
    assert_eq!(healthy_at, Some(running + 40));
}

#[test]
fn r22_fast_alb_checks_take_10_seconds() {
    let mut cfg = rolling(1, 100, 200);
    cfg.service.health.load_balancer = Some(LoadBalancer {
        interval_secs: 5,
        healthy_threshold: 2,
        ..LoadBalancer::default()
    });
    let mut s = sim(cfg);
    s.run_until(200);
    let running = s
        .tasks()
        .iter()
        .chain(s.stopped_tasks())
        .find(|t| t.revision == 2)
        .and_then(|t| t.running_since);
    let healthy = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TasksHealthy { .. }))
        .map(|e| e.t);
    assert_eq!(healthy, running.map(|r| r + 10));
}

#[test]
fn r24_stop_2_start_4_then_stop_2() {
    let mut s = sim(rolling(4, 50, 200));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        ["stop 2 (2/0)", "start 4 (2/4)", "stop 2 (0/4)"]
    );
    assert_eq!(s.batches()[0].t, s.batches()[1].t, "same tick");
}

#[test]
fn r25_derived_rounding_shaves_one_task() {
    // Reconstructed from 3.2 / X13: D=5, 50/150: L = ceil(2.5) = 3, U = floor(7.5) = 7;
    // the first start is U - L = 4, one less than (150 - 50)% x 5 = 5.
    let mut s = sim(rolling(5, 50, 150));
    assert_eq!(s.limits(), (5, 3, 7));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(
        batches(&s),
        [
            "stop 2 (3/0)",
            "start 4 (3/4)",
            "stop 3 (0/4)",
            "start 1 (0/5)"
        ]
    );
}

fn broken(desired: u32, min: u32, max: u32, fault: ImageFault, rollback: bool) -> SimConfig {
    let mut cfg = rolling(desired, min, max);
    cfg.deployment = Some(DeploymentPlan { at: 0, fault });
    cfg.service.circuit_breaker = CircuitBreakerConfig {
        enable: true,
        rollback,
        ..CircuitBreakerConfig::default()
    };
    cfg
}

#[test]
fn c1_single_task_breaker_trips_at_3() {
    let mut s = sim(broken(1, 100, 200, ImageFault::FailStart, false));
    assert_eq!(s.breaker_threshold(), 3);
    assert_eq!(settle(&mut s), DeploymentStatus::Failed);
    assert!(s.deployment().breaker_count >= 3);
    let mut cfg = broken(1, 100, 200, ImageFault::FailStart, false);
    cfg.model.legacy_breaker_minimum = true;
    assert_eq!(sim(cfg).breaker_threshold(), 10);
}

#[test]
fn c3_c5_thresholds_for_large_services() {
    let mut cfg = broken(400, 100, 200, ImageFault::None, false);
    assert_eq!(sim(cfg.clone()).breaker_threshold(), 200);
    cfg.service.desired = 800;
    assert_eq!(sim(cfg.clone()).breaker_threshold(), 200);
    cfg.service.circuit_breaker.threshold = Threshold::UnboundedPercent(50);
    assert_eq!(sim(cfg.clone()).breaker_threshold(), 400);
    let mut cfg = broken(10, 100, 200, ImageFault::None, false);
    cfg.service.circuit_breaker.threshold = Threshold::Count(2);
    assert_eq!(sim(cfg).breaker_threshold(), 2);
}

#[test]
fn c4_crashing_image_fails_then_rolls_back() {
    let mut s = sim(broken(10, 100, 200, ImageFault::FailStart, true));
    assert_eq!(s.breaker_threshold(), 5);
    assert_eq!(settle(&mut s), DeploymentStatus::RolledBack);
    let failed = &s.deployments()[1];
    assert_eq!(failed.rollout, RolloutState::Failed);
    assert_eq!(failed.breaker, BreakerStatus::Triggered);
    assert!(failed.breaker_count >= 5);
    let failed_at = failed.finished_at.expect("failed at");
    // No more launches of the broken revision after the failure.
    let late = s
        .events()
        .iter()
        .any(|e| e.t > failed_at && matches!(e.kind, EventKind::TasksStarted { revision: 2, .. }));
    assert!(!late);
    let rollback = s.deployment();
    assert_eq!((rollback.revision, rollback.rollback_of), (1, Some(2)));
    assert_eq!(
        s.tasks()
            .iter()
            .filter(|t| t.revision == 1 && t.is_counted_healthy())
            .count(),
        10
    );
}

#[test]
fn c4_without_rollback_the_deployment_stays_failed() {
    let mut s = sim(broken(10, 60, 100, ImageFault::FailStart, false));
    assert_eq!(settle(&mut s), DeploymentStatus::Failed);
    let at = s.time();
    s.run_until(at + 600);
    assert!(!s.events().iter().any(|e| e.t > at && e.is_decision()));
    // The six old tasks that were never stopped still serve.
    assert_eq!(s.counts().healthy, 6);
}

#[test]
fn health_failures_count_in_stage_two_and_roll_back() {
    let mut cfg = broken(4, 50, 200, ImageFault::FailHealth, true);
    cfg.service.health.load_balancer = Some(LoadBalancer {
        deregistration_delay_secs: 5,
        ..LoadBalancer::default()
    });
    let mut s = sim(cfg);
    assert_eq!(settle(&mut s), DeploymentStatus::RolledBack);
    assert!(s.deployments()[1].breaker_stage_two);
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::TasksUnhealthy { .. }))
    );
}

#[test]
fn a_broken_image_without_checks_goes_unnoticed() {
    let mut s = sim(broken(3, 100, 200, ImageFault::FailHealth, true));
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert!(
        s.events()
            .iter()
            .any(|e| e.kind == EventKind::FaultInvisible)
    );
}

#[test]
fn healthy_task_resets_the_breaker_count() {
    let mut cfg = rolling(3, 100, 200);
    cfg.service.circuit_breaker.enable = true;
    let mut s = sim(cfg);
    s.run_until(2);
    // A new task dies before RUNNING: stage 1 counts it.
    let doomed = s
        .tasks()
        .iter()
        .find(|t| t.revision == 2)
        .map(|t| t.id)
        .expect("new task");
    s.inject(Injection::Crash(doomed)).expect("crash");
    assert_eq!(s.deployment().breaker_count, 1);
    // The others become healthy: the count resets, and the deployment completes.
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert!(s.events().iter().any(|e| e.kind == EventKind::BreakerReset));
    assert_eq!(s.deployment().breaker, BreakerStatus::MonitoringComplete);
    assert_eq!(s.deployment().breaker_count, 0);
}

#[test]
fn start_failures_are_throttled_without_a_breaker() {
    let mut s = sim(broken(2, 100, 200, ImageFault::FailStart, false));
    let mut cfg = s.config().clone();
    cfg.service.circuit_breaker.enable = false;
    s = sim(cfg);
    s.run_until(HOUR);
    assert_eq!(s.status(), DeploymentStatus::InProgress);
    let delays: Vec<u32> = s
        .events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Throttled { delay_secs, .. } => Some(delay_secs),
            _ => None,
        })
        .collect();
    assert!(delays.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(delays.last(), Some(&900), "capped at 15 minutes");
    assert!(s.events().iter().any(|e| {
        e.message()
            .contains("unable to consistently start tasks successfully")
    }));
}

#[test]
fn c7_alarm_already_in_alarm_is_ignored() {
    let mut cfg = rolling(4, 50, 200);
    cfg.service.deployment_alarms = Some(DeploymentAlarms {
        initially_in_alarm: true,
        ..DeploymentAlarms::default()
    });
    let mut s = sim(cfg);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert!(s.deployment().alarms_ignored);
    assert!(s.events().iter().any(|e| e.kind == EventKind::AlarmIgnored));
}

#[test]
fn deployment_alarm_fails_and_bake_time_delays_completion() {
    let mut cfg = rolling(4, 50, 200);
    cfg.service.deployment_alarms = Some(DeploymentAlarms {
        rollback: true,
        ..DeploymentAlarms::default()
    });
    // Without an alarm the deployment completes after the bake time (3 x 60 s).
    let mut s = sim(cfg.clone());
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    let bake = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::BakeStarted { .. }))
        .map(|e| e.t);
    assert_eq!(s.deployment().finished_at, bake.map(|b| b + 180));
    // An alarm during the deployment fails it and rolls back.
    let mut s = sim(cfg);
    s.run_until(30);
    s.inject(Injection::SetDeploymentAlarm(true))
        .expect("alarm");
    assert_eq!(settle(&mut s), DeploymentStatus::RolledBack);
}

#[test]
fn daemon_rolls_one_task_per_instance() {
    let mut cfg = rolling(0, 0, 100);
    cfg.service = deckhand::sim::ServiceConfig::daemon();
    cfg.cluster = ClusterConfig::ec2_instances(4);
    let mut s = sim(cfg.clone());
    assert_eq!(s.desired(), 4);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(batches(&s), ["stop 4 (0/0)", "start 4 (0/4)"]);
    for i in s.instances() {
        assert_eq!(i.daemon_tasks, 1);
    }
    // Console defaults (X11): minimum healthy 50 -> two at a time.
    cfg.service.min_healthy = 50;
    let mut s = sim(cfg);
    assert_eq!(settle(&mut s), DeploymentStatus::Completed);
    assert_eq!(s.batches()[0].to_string(), "stop 2 (2/0)");
}

#[test]
fn stuck_without_room_names_the_placement_failure() {
    let mut s = sim(on_capacity(rolling(6, 100, 200), 6));
    let status = settle(&mut s);
    assert_eq!(
        status,
        DeploymentStatus::Stuck(StuckReason::NoContainerInstance)
    );
    assert!(
        status_reason_text(&status).contains("no container instance met all of its requirements")
    );
}

fn status_reason_text(s: &DeploymentStatus) -> String {
    match s {
        DeploymentStatus::Stuck(r) => r.to_string(),
        _ => String::new(),
    }
}

#[test]
fn same_seed_same_story_and_clones_predict() {
    let mut a = sim(on_capacity(rolling(12, 50, 150), 14));
    let mut b = sim(on_capacity(rolling(12, 50, 150), 14));
    settle(&mut a);
    settle(&mut b);
    assert_eq!(a.events(), b.events());

    // Predict the next decision on a clone, then check the original does the same.
    let mut s = sim(rolling(10, 60, 100));
    s.run_until(5);
    let mut copy = s.clone();
    let predicted: Vec<_> = copy
        .run_until_next_decision(HOUR)
        .expect("a decision")
        .2
        .iter()
        .filter(|e| e.is_decision())
        .cloned()
        .collect();
    assert!(matches!(
        predicted[0].kind,
        EventKind::OldTasksStopped { count: 4, .. }
    ));
    let actual: Vec<_> = s
        .run_until_next_decision(HOUR)
        .expect("a decision")
        .2
        .iter()
        .filter(|e| e.is_decision())
        .cloned()
        .collect();
    assert_eq!(predicted, actual);
}

#[test]
fn grace_period_delays_health_check_kills() {
    let mut cfg = broken(2, 100, 200, ImageFault::FailHealth, false);
    cfg.service.circuit_breaker.enable = false;
    cfg.service.health.load_balancer = Some(LoadBalancer::default());
    cfg.service.health.grace_period_secs = 300;
    let mut s = sim(cfg);
    s.run_until(HOUR / 2);
    let first = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TasksUnhealthy { .. }))
        .map(|e| e.t)
        .expect("detected");
    // RUNNING at 30 s, grace until 330 s (checks would fail at 90 s).
    assert_eq!(first, 330);
}

#[test]
fn x4_legacy_reading_stops_counting_once_a_task_ran() {
    let mut cfg = broken(4, 50, 200, ImageFault::FailHealth, false);
    cfg.service.health.load_balancer = Some(LoadBalancer::default());
    cfg.model.breaker_counts_health_failures = false;
    let mut s = sim(cfg);
    s.run_until(HOUR);
    assert_eq!(
        s.status(),
        DeploymentStatus::InProgress,
        "health failures are not counted"
    );
    assert_eq!(s.deployment().breaker_count, 0);
}

#[test]
fn x5_desired_change_as_a_deployment() {
    let mut cfg = rolling(4, 50, 200);
    cfg.deployment = None;
    cfg.model.desired_change_starts_deployment = true;
    let mut s = sim(cfg);
    s.set_desired(6).expect("desired");
    assert_eq!(s.deployment().revision, 1, "same revision, new deployment");
    assert_eq!(s.run_until_settled(HOUR), DeploymentStatus::Completed);
    let id = s.deployment().id;
    assert_eq!(s.tasks().iter().filter(|t| t.deployment == id).count(), 6);
}
