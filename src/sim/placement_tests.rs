//! Placement's fast paths against the plain search they stand for, over random clusters of
//! two Auto Scaling group providers with random strategies and constraints: the search
//! without explanations chooses what the explained search chooses and draws the same
//! random numbers; both choose what a plain scan of every instance chooses (the
//! aggregates counted once per search equal the ones counted per instance); and placing
//! waiting tasks, which does not search again for a provider that has just failed, leaves
//! the whole simulation exactly as searching for every waiting task does.

use proptest::collection::vec;
use proptest::prelude::*;
use rand::RngExt;

use super::cluster::InstanceState;
use super::config::{
    AsgConfig, Capacity, ClusterConfig, DeploymentPlan, Expression, ImageFault, InstanceType,
    ManagedScaling, PlacementConstraint, PlacementStrategy, ProviderConfig, ProviderKind,
    SimConfig, StrategyItem,
};
use super::simulation::{Phase, Simulation};
use super::task::{InstanceId, Placement};

/// Simulated seconds per case: the initial placement, a deployment at minute 2, and
/// instances launched for both.
const SECONDS: u64 = 600;

fn strategy() -> impl Strategy<Value = PlacementStrategy> {
    prop_oneof![
        Just(PlacementStrategy::SpreadAz),
        Just(PlacementStrategy::SpreadInstance),
        Just(PlacementStrategy::BinpackCpu),
        Just(PlacementStrategy::BinpackMemory),
        Just(PlacementStrategy::Random),
    ]
}

fn constraint() -> impl Strategy<Value = PlacementConstraint> {
    let member = |text: &str| {
        PlacementConstraint::MemberOf(Expression::parse(text).expect("a valid expression"))
    };
    prop_oneof![
        Just(PlacementConstraint::DistinctInstance),
        Just(member("attribute:ecs.instance-type =~ t3.*")),
        Just(member(
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"
        )),
    ]
}

fn provider(name: &str, type_name: &str, initial: u32, extra: u32) -> ProviderConfig {
    ProviderConfig {
        name: name.into(),
        kind: ProviderKind::Asg(AsgConfig {
            instance_type: InstanceType::ec2(type_name, 2048, 8192),
            initial_size: initial,
            max_size: (initial + extra).max(1),
            managed_scaling: Some(ManagedScaling {
                instance_warmup_secs: 60,
                ..ManagedScaling::default()
            }),
            ..AsgConfig::default()
        }),
    }
}

prop_compose! {
    fn scenario()(
        desired in 1u32..30,
        initial_tasks in 0u32..30,
        max in 100u32..=200,
        strategies in vec(strategy(), 0..4),
        constraints in vec(constraint(), 0..3),
        sizes in (0u32..4, 0u32..6, 0u32..4, 0u32..6),
        azs in 1u8..=3,
        explain in any::<bool>(),
        seed in any::<u64>(),
    ) -> SimConfig {
        let mut cfg = SimConfig::rolling(desired, 50, max);
        cfg.seed = seed;
        cfg.service.initial_tasks = Some(initial_tasks.min(desired));
        cfg.service.placement = strategies;
        cfg.service.placement_constraints = constraints;
        cfg.model.explain_placement = explain;
        cfg.deployment = Some(DeploymentPlan { at: 120, fault: ImageFault::None });
        let (t3, t3_extra, m5, m5_extra) = sizes;
        cfg.cluster = ClusterConfig {
            capacity: Capacity::Providers {
                providers: vec![
                    provider("t3", "t3.large", t3, t3_extra),
                    provider("m5", "m5.large", m5, m5_extra),
                ],
                strategy: vec![
                    StrategyItem { provider: "t3".into(), base: 0, weight: 1 },
                    StrategyItem { provider: "m5".into(), base: 0, weight: 1 },
                ],
            },
            availability_zones: azs,
            ..ClusterConfig::default()
        };
        cfg
    }
}

/// The search as a plain scan: every constraint and aggregate worked out per instance.
fn plain_choice(sim: &mut Simulation, provider: Option<usize>) -> Option<InstanceId> {
    let size = sim.cfg.service.task_size;
    let strategies: Vec<PlacementStrategy> =
        sim.cfg.service.placement.iter().take(4).copied().collect();
    let mut best: Option<([i64; 6], InstanceId)> = None;
    for ii in 0..sim.instances.len() {
        let inst = &sim.instances[ii];
        if inst.state != InstanceState::Active || inst.provider != provider || !inst.fits(size) {
            continue;
        }
        let broken = sim
            .cfg
            .service
            .placement_constraints
            .iter()
            .any(|c| match c {
                PlacementConstraint::DistinctInstance => sim
                    .tasks
                    .iter()
                    .any(|t| t.is_live() && t.instance() == Some(inst.id)),
                PlacementConstraint::MemberOf(e) => !e.matches(&inst.type_name, inst.az),
            });
        if broken {
            continue;
        }
        let mut key = [0i64; 6];
        for (k, s) in strategies.iter().enumerate() {
            let inst = &sim.instances[ii];
            key[k] = match s {
                PlacementStrategy::SpreadAz => sim
                    .instances
                    .iter()
                    .filter(|i| i.az == inst.az)
                    .map(|i| i64::from(i.tasks - i.daemon_tasks))
                    .sum(),
                PlacementStrategy::SpreadInstance => i64::from(inst.tasks - inst.daemon_tasks),
                PlacementStrategy::BinpackCpu => i64::from(inst.cpu_free() - size.cpu),
                PlacementStrategy::BinpackMemory => i64::from(inst.memory_free() - size.memory),
                PlacementStrategy::Random => i64::from(sim.place_rng.random::<u32>()),
            };
        }
        let inst = &sim.instances[ii];
        key[4] = i64::from(inst.tasks - inst.daemon_tasks);
        key[5] = i64::from(inst.id);
        if best.is_none_or(|(b, _)| key < b) {
            best = Some((key, inst.id));
        }
    }
    best.map(|(_, id)| id)
}

/// Placing waiting tasks with a search for every one of them.
fn place_every_waiting_task(sim: &mut Simulation) {
    let mut placed = vec![0u32; sim.providers.len()];
    for idx in 0..sim.tasks.len() {
        let task = &sim.tasks[idx];
        if task.is_live() && task.placement == Placement::Unplaced {
            sim.place_waiting_task(idx, &mut placed);
        }
    }
    sim.report_placed(placed);
}

fn check(cfg: SimConfig) -> Result<(), TestCaseError> {
    let Ok(mut sim) = Simulation::new(cfg) else {
        return Ok(());
    };
    for t in 0..SECONDS {
        sim.run_to(t, Phase::Scheduler);
        for provider in [Some(0), Some(1)] {
            let mut fast = sim.clone();
            fast.cfg.model.explain_placement = false;
            let mut explained = sim.clone();
            explained.cfg.model.explain_placement = true;
            let mut plain = sim.clone();
            let chosen = fast.choose_instance(provider);
            prop_assert_eq!(chosen, explained.choose_instance(provider));
            prop_assert_eq!(chosen, plain_choice(&mut plain, provider));
            let why = explained.placement_why.as_ref().expect("an explanation");
            prop_assert_eq!(chosen, why.chosen.as_ref().map(|c| c.id));
            prop_assert!(fast.place_rng == explained.place_rng);
            prop_assert!(fast.place_rng == plain.place_rng);
        }
        if sim
            .tasks
            .iter()
            .any(|t| t.is_live() && t.placement == Placement::Unplaced)
        {
            let mut fast = sim.clone();
            fast.place_waiting();
            let mut plain = sim.clone();
            place_every_waiting_task(&mut plain);
            prop_assert_eq!(format!("{fast:?}"), format!("{plain:?}"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn fast_placement_equals_the_plain_search(cfg in scenario()) {
        check(cfg)?;
    }
}
