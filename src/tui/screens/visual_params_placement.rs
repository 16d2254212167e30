//! The parameters of the placement tab: the cluster, the tasks, up to two strategies and the
//! constraints.

use super::visual::Visual;
use super::visual_params::{Field, cycle, field, on, step};
use crate::sim::{DEFAULT_INSTANCES, StrategyKind};

/// The clusters the form offers: (name, instances).
const CLUSTERS: [(&str, &[&str]); 3] = [
    ("6 mixed, 3 AZs", &DEFAULT_INSTANCES),
    (
        "3 m5.large, 3 AZs",
        &["m5.large@a", "m5.large@b", "m5.large@c"],
    ),
    (
        "4 t3.medium, 2 AZs",
        &["t3.medium@a", "t3.medium@b", "t3.medium@a", "t3.medium@b"],
    ),
];

/// The memberOf expressions the form offers (`none` first).
const MEMBER_OF: [&str; 5] = [
    "none",
    "attribute:ecs.instance-type =~ t3.*",
    "attribute:ecs.instance-type == m5.large",
    "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
    "attribute:ecs.availability-zone != us-east-1c",
];

const STRATEGIES: [StrategyKind; 5] = [
    StrategyKind::SpreadAz,
    StrategyKind::SpreadInstance,
    StrategyKind::BinpackCpu,
    StrategyKind::BinpackMemory,
    StrategyKind::Random,
];

impl Visual {
    fn cluster_index(&self) -> Option<usize> {
        CLUSTERS.iter().position(|(_, list)| {
            list.len() == self.placement.instances.len()
                && list
                    .iter()
                    .zip(&self.placement.instances)
                    .all(|(a, b)| a == b)
        })
    }

    pub(super) fn placement_fields(&self) -> Vec<Field> {
        let p = &self.placement;
        let cluster = match self.cluster_index() {
            Some(i) => CLUSTERS[i].0.to_string(),
            None => format!("{} instances", p.instances.len()),
        };
        let then = p
            .strategy
            .get(1)
            .map_or("none".to_string(), ToString::to_string);
        vec![
            field("cluster", cluster),
            field("tasks", p.tasks.to_string()),
            field(
                "first strategy",
                p.strategy
                    .first()
                    .map_or("none".to_string(), ToString::to_string),
            ),
            field("then", then),
            field("distinctInstance", on(p.distinct_instance)),
            field(
                "memberOf",
                p.member_of.clone().unwrap_or_else(|| "none".into()),
            ),
            field("task CPU", p.cpu.unwrap_or(512).to_string()),
            field("task memory", format!("{} MiB", p.memory.unwrap_or(1024))),
        ]
    }

    pub(super) fn change_placement(&mut self, delta: i32) -> bool {
        let at = self.cluster_index();
        let p = &mut self.placement;
        match self.field {
            0 => {
                let names: Vec<usize> = (0..CLUSTERS.len()).collect();
                let next = cycle(&names, at.unwrap_or(0), delta);
                p.instances = CLUSTERS[next].1.iter().map(|s| s.to_string()).collect();
            }
            1 => p.tasks = step(p.tasks, delta, 1, 30),
            2 => {
                let first = p.strategy.first().copied().unwrap_or_default();
                let next = cycle(&STRATEGIES, first, delta);
                if p.strategy.is_empty() {
                    p.strategy.push(next);
                } else {
                    p.strategy[0] = next;
                }
            }
            3 => {
                // `none`, then each strategy.
                let options: Vec<Option<StrategyKind>> = std::iter::once(None)
                    .chain(STRATEGIES.iter().copied().map(Some))
                    .collect();
                let next = cycle(&options, p.strategy.get(1).copied(), delta);
                p.strategy.truncate(1);
                if p.strategy.is_empty() {
                    p.strategy.push(StrategyKind::SpreadAz);
                }
                p.strategy.extend(next);
            }
            4 => p.distinct_instance = !p.distinct_instance,
            5 => {
                let current = p.member_of.as_deref().unwrap_or("none");
                let next = cycle(&MEMBER_OF, current, delta);
                p.member_of = (next != "none").then(|| next.to_string());
            }
            6 => p.cpu = Some(step(p.cpu.unwrap_or(512), delta * 256, 256, 2048)),
            7 => p.memory = Some(step(p.memory.unwrap_or(1024), delta * 512, 512, 8192)),
            _ => return false,
        }
        true
    }
}
