//! The task placement preset: a cluster of EC2 instances across AZs and a new service whose
//! tasks are placed one a second, each with the reasons it went where it went:
//! `sim = { kind = "placement", strategy = ["spread-az", "binpack-memory"], tasks = 6 }`.

use serde::{Deserialize, Serialize};

use super::{StrategyKind, bad};
use crate::sim::config::{
    ClusterConfig, ConfigError, Expression, INSTANCE_TYPES, InstanceType, ModelChoices,
    PlacementConstraint, ServiceConfig, SimConfig, az_index, az_name,
};

/// A placement scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlacementPreset {
    /// The container instances, each `TYPE@AZ` (`m5.large@a`, `t3.medium@us-east-1b`), in
    /// id order. Default: an m5.large in each of us-east-1a, b and c, then a t3.medium in
    /// each.
    pub instances: Vec<String>,
    /// The strategies, in order (default `["spread-az"]`, the service default; up to 4).
    pub strategy: Vec<StrategyKind>,
    /// The distinctInstance constraint.
    pub distinct_instance: bool,
    /// A memberOf constraint's expression, e.g. `attribute:ecs.instance-type =~ t3.*`.
    pub member_of: Option<String>,
    /// Tasks to place: the new service's desired count (default 8).
    pub tasks: u32,
    /// Task CPU units (default 512).
    pub cpu: Option<u32>,
    /// Task memory in MiB (default 1024).
    pub memory: Option<u32>,
    /// Time limit in minutes (default 10).
    pub minutes: Option<u32>,
    /// Random seed (the random strategy).
    pub seed: Option<u64>,
}

impl Default for PlacementPreset {
    fn default() -> Self {
        PlacementPreset {
            instances: DEFAULT_INSTANCES.iter().map(|s| s.to_string()).collect(),
            strategy: vec![StrategyKind::SpreadAz],
            distinct_instance: false,
            member_of: None,
            tasks: 8,
            cpu: None,
            memory: None,
            minutes: None,
            seed: None,
        }
    }
}

/// The default cluster.
pub const DEFAULT_INSTANCES: [&str; 6] = [
    "m5.large@a",
    "m5.large@b",
    "m5.large@c",
    "t3.medium@a",
    "t3.medium@b",
    "t3.medium@c",
];

/// `m5.large@b` as an instance type and an AZ index.
pub fn parse_instance(text: &str) -> Result<(InstanceType, u8), ConfigError> {
    let (name, az) = text.split_once('@').ok_or_else(|| {
        bad(format!(
            "instance `{text}`: write TYPE@AZ, e.g. `m5.large@a` or `t3.medium@us-east-1b`"
        ))
    })?;
    let (_, cpu, memory) = INSTANCE_TYPES
        .iter()
        .find(|(n, _, _)| *n == name.trim())
        .ok_or_else(|| {
            let names: Vec<&str> = INSTANCE_TYPES.iter().map(|(n, _, _)| *n).collect();
            bad(format!(
                "unknown instance type `{name}`: use one of {}",
                names.join(", ")
            ))
        })?;
    let az = az_index(az).filter(|a| *a < 6).ok_or_else(|| {
        bad(format!(
            "unknown AZ `{az}`: use a to f (us-east-1a to us-east-1f)"
        ))
    })?;
    Ok((InstanceType::ec2(name.trim(), *cpu, *memory), az))
}

impl PlacementPreset {
    /// The full configuration: the instances, no task running, and a service of `tasks`
    /// tasks whose scheduler starts one a second, placement explained.
    pub fn to_config(&self) -> Result<SimConfig, ConfigError> {
        if self.instances.is_empty() {
            return Err(bad("the placement scenario needs at least one instance"));
        }
        if self.strategy.len() > 4 {
            return Err(ConfigError::TooManyPlacementStrategies {
                count: self.strategy.len(),
            });
        }
        let mut types = Vec::new();
        let mut azs = Vec::new();
        for text in &self.instances {
            let (t, az) = parse_instance(text)?;
            types.push(t);
            azs.push(az);
        }
        let mut constraints = Vec::new();
        if self.distinct_instance {
            constraints.push(PlacementConstraint::DistinctInstance);
        }
        if let Some(e) = &self.member_of {
            constraints.push(PlacementConstraint::MemberOf(Expression::parse(e)?));
        }
        let mut service = ServiceConfig {
            desired: self.tasks,
            initial_tasks: Some(0),
            placement: self.strategy.iter().map(|s| s.strategy()).collect(),
            placement_constraints: constraints,
            ..ServiceConfig::default()
        };
        super::rolling::size_and_os(&mut service, self.cpu, self.memory, None);
        let zones = azs.iter().copied().max().unwrap_or(0) + 1;
        let mut cluster = ClusterConfig::ec2_instances(0);
        cluster.capacity = crate::sim::config::Capacity::Ec2 { instances: types };
        cluster.availability_zones = zones.max(1);
        cluster.instance_azs = azs;
        let cfg = SimConfig {
            seed: self.seed.unwrap_or(crate::sim::config::DEFAULT_SEED),
            service,
            cluster,
            deployment: None,
            model: ModelChoices {
                starts_per_second: Some(1),
                explain_placement: true,
                ..ModelChoices::default()
            },
            ..SimConfig::default()
        };
        cfg.validate()?;
        Ok(cfg)
    }

    /// The cluster in words: `m5.large in us-east-1a, …`.
    pub fn describe_instances(&self) -> String {
        self.instances
            .iter()
            .map(|text| match parse_instance(text) {
                Ok((t, az)) => format!("{} in {}", t.name, az_name(az)),
                Err(_) => text.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}
