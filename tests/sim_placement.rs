//! Task placement, checked on worked examples written from the AWS documentation:
//!
//! * the process (resources, then constraints, then strategies):
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html>;
//! * the strategies and their documented combinations:
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html>,
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/strategy-examples.html>
//!   ("binpack on memory: a task is placed on the instance with the least amount of
//!   remaining memory but still enough to run the task", API_PlacementStrategy);
//! * the constraints: <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html>
//!   (binding; distinctInstance looks at the desired status, so a task whose desired status
//!   is STOPPED does not block an instance),
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/constraint-examples.html>
//!   (`attribute:ecs.instance-type =~ t2.*`) and
//!   <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html>.

use std::collections::BTreeMap;

use deckhand::sim::config::{
    ClusterConfig, DeploymentPlan, Expression, InstanceType, PlacementConstraint, SimConfig,
};
use deckhand::sim::{
    ConfigError, EventKind, PlacementPreset, PlacementReport, Preset, Simulation, StrategyKind,
    run_preset,
};

fn run(p: PlacementPreset) -> Simulation {
    run_preset(&Preset::Placement(p)).expect("valid preset")
}

/// Tasks per instance id at the end.
fn per_instance(s: &Simulation) -> BTreeMap<u32, u32> {
    s.instances()
        .iter()
        .map(|i| (i.id, s.tasks_on(i.id)))
        .collect()
}

/// Tasks per AZ name at the end.
fn per_az(s: &Simulation) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for i in s.instances() {
        *out.entry(deckhand::sim::config::az_name(i.az)).or_insert(0) += s.tasks_on(i.id);
    }
    out
}

/// The instance each task went to, in order.
fn order(s: &Simulation) -> Vec<u32> {
    s.events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::TaskPlaced { why } => why.chosen.as_ref().map(|c| c.id),
            _ => None,
        })
        .collect()
}

fn failures(s: &Simulation) -> usize {
    s.events()
        .iter()
        .filter(|e| matches!(e.kind, EventKind::PlacementFailed { .. }))
        .count()
}

#[test]
fn spread_on_the_az_attribute_evens_out_the_zones() {
    // "Distribute tasks evenly across Availability Zones": 6 tasks over 3 AZs, 2 each,
    // whatever the instance types.
    let s = run(PlacementPreset {
        tasks: 6,
        ..PlacementPreset::default()
    });
    assert!(per_az(&s).values().all(|n| *n == 2), "{:?}", per_az(&s));
    // At every step no AZ is more than one task ahead of another.
    let azs: Vec<u8> = s.instances().iter().map(|i| i.az).collect();
    let mut counts = [0u32; 3];
    for id in order(&s) {
        counts[usize::from(azs[id as usize - 1])] += 1;
        let (lo, hi) = (counts.iter().min(), counts.iter().max());
        assert!(hi.zip(lo).is_some_and(|(h, l)| h - l <= 1), "{counts:?}");
    }
}

#[test]
fn spread_on_instance_id_evens_out_the_instances() {
    // "Distribute tasks evenly across all instances": 12 tasks on 6 instances, 2 each.
    let s = run(PlacementPreset {
        tasks: 12,
        strategy: vec![StrategyKind::SpreadInstance],
        ..PlacementPreset::default()
    });
    assert!(
        per_instance(&s).values().all(|n| *n == 2),
        "{:?}",
        per_instance(&s)
    );
}

#[test]
fn binpack_on_memory_fills_the_instance_with_the_least_memory_left() {
    // "Bin pack tasks based on memory": t3.medium registers 3,992 MiB (3 tasks of 1 GiB),
    // m5.large 7,985 MiB. The first task goes to a t3.medium (least memory that fits), the
    // next ones fill it before another instance is used.
    let s = run(PlacementPreset {
        tasks: 7,
        strategy: vec![StrategyKind::BinpackMemory],
        ..PlacementPreset::default()
    });
    let types: Vec<String> = s.instances().iter().map(|i| i.type_name.clone()).collect();
    let order = order(&s);
    assert_eq!(types[order[0] as usize - 1], "t3.medium");
    // The 3 tasks of a t3.medium, then the next t3.medium: 3 instances used for 7 tasks.
    assert_eq!(&order[..3], &[order[0]; 3]);
    let used = per_instance(&s).values().filter(|n| **n > 0).count();
    assert_eq!(used, 3, "{:?}", per_instance(&s));
}

#[test]
fn spread_across_zones_then_binpack_within_each() {
    // "Distribute tasks evenly across Availability Zones and then bin pack tasks based on
    // memory within each Availability Zone": 6 tasks of 2 GiB, 2 per AZ; in each AZ the
    // first goes to the t3.medium (less memory left), which then has no room for a second.
    let s = run(PlacementPreset {
        tasks: 6,
        memory: Some(2048),
        strategy: vec![StrategyKind::SpreadAz, StrategyKind::BinpackMemory],
        ..PlacementPreset::default()
    });
    assert!(per_az(&s).values().all(|n| *n == 2));
    assert!(
        per_instance(&s).values().all(|n| *n == 1),
        "{:?}",
        per_instance(&s)
    );
    let t3_first: Vec<u32> = order(&s)[..3].to_vec();
    assert!(
        t3_first.iter().all(|id| *id >= 4),
        "t3.medium first: {t3_first:?}"
    );
}

#[test]
fn random_places_every_task_where_it_fits_and_repeats_with_the_seed() {
    let p = PlacementPreset {
        tasks: 10,
        strategy: vec![StrategyKind::Random],
        seed: Some(42),
        ..PlacementPreset::default()
    };
    let a = run(p.clone());
    let b = run(p);
    assert_eq!(order(&a), order(&b));
    assert_eq!(per_instance(&a).values().sum::<u32>(), 10);
}

#[test]
fn member_of_an_instance_type_pattern_places_on_t2_only_and_leaves_the_rest_pending() {
    // The documented memberOf example `attribute:ecs.instance-type =~ t2.*`: two t2.small
    // (1,024 CPU units and 1,996 MiB registered: one task of 512 CPU / 1 GiB each) and an
    // m5.large. Constraints are binding: the third task has
    // nowhere to go although the m5.large is empty.
    let s = run(PlacementPreset {
        instances: vec![
            "t2.small@a".into(),
            "t2.small@b".into(),
            "m5.large@c".into(),
        ],
        member_of: Some("attribute:ecs.instance-type =~ t2.*".into()),
        tasks: 3,
        ..PlacementPreset::default()
    });
    let r = PlacementReport::new(&s);
    assert_eq!(per_instance(&s), BTreeMap::from([(1, 1), (2, 1), (3, 0)]));
    assert_eq!(r.placed, 2);
    assert_eq!(failures(&s), 1);
    let failure = &r.failures[0].message;
    assert!(
        failure.starts_with(
            "unable to place a task because no container instance met all of its requirements"
        ),
        "{failure}"
    );
    assert!(failure.contains("i-1, i-2 have no room"), "{failure}");
    assert!(
        failure.contains("memberOf(attribute:ecs.instance-type =~ t2.*) excludes i-3"),
        "{failure}"
    );
}

#[test]
fn member_of_a_zone_list_keeps_tasks_out_of_the_other_zone() {
    let s = run(PlacementPreset {
        member_of: Some("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]".into()),
        tasks: 6,
        ..PlacementPreset::default()
    });
    assert_eq!(per_az(&s).get("us-east-1c"), Some(&0));
    assert_eq!(per_az(&s).values().sum::<u32>(), 6);
}

#[test]
fn distinct_instance_puts_each_task_on_its_own_instance() {
    let s = run(PlacementPreset {
        distinct_instance: true,
        tasks: 8,
        ..PlacementPreset::default()
    });
    assert!(per_instance(&s).values().all(|n| *n == 1));
    assert_eq!(PlacementReport::new(&s).placed, 6);
    assert_eq!(failures(&s), 1, "reported once while nothing changes");
}

#[test]
fn distinct_instance_counts_only_tasks_whose_desired_status_is_running() {
    // A rolling update with distinctInstance on exactly 3 instances (minimum healthy 0 %,
    // maximum 100 %): the old tasks are stopped first; while they are still STOPPING their
    // desired status is STOPPED, so the new tasks may already be placed beside them.
    let mut cfg = SimConfig::rolling(3, 0, 100);
    cfg.cluster = ClusterConfig::ec2_instances(3);
    cfg.service.placement_constraints = vec![PlacementConstraint::DistinctInstance];
    cfg.model.explain_placement = true;
    cfg.deployment = Some(DeploymentPlan::default());
    let mut s = Simulation::new(cfg).expect("valid");
    s.run_until_settled(3600);
    let new_placed = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TaskPlaced { .. }))
        .map(|e| e.t)
        .expect("new tasks placed");
    let old_gone = s
        .stopped_tasks()
        .iter()
        .filter(|t| t.revision == 1)
        .map(|t| t.state_since)
        .max()
        .expect("old stopped");
    assert!(
        new_placed < old_gone,
        "placed at {new_placed}, old gone at {old_gone}"
    );
    assert!(per_instance(&s).values().all(|n| *n == 1));
}

#[test]
fn constraints_are_refused_on_fargate_and_bad_expressions_explain_themselves() {
    let mut cfg = SimConfig::rolling(3, 100, 200);
    cfg.service.placement_constraints = vec![PlacementConstraint::DistinctInstance];
    assert!(matches!(cfg.validate(), Err(ConfigError::Placement { .. })));
    let err = Preset::Placement(PlacementPreset {
        member_of: Some("task:group == databases".into()),
        ..PlacementPreset::default()
    })
    .to_config()
    .expect_err("refused");
    assert!(
        err.to_string().contains("attribute:ecs.instance-type"),
        "{err}"
    );
    let err = Preset::Placement(PlacementPreset {
        instances: vec!["m9.huge@a".into()],
        ..PlacementPreset::default()
    })
    .to_config()
    .expect_err("refused");
    assert!(err.to_string().contains("unknown instance type"), "{err}");
    assert!(Expression::parse("attribute:ecs.instance-type == t3.medium").is_ok());
    assert_eq!(
        InstanceType::ec2("t3.medium", 2048, 4096).registered_memory(0),
        3992
    );
}
