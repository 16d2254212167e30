//! Scenario presets: the flat form content cards and the CLI use, e.g.
//! `sim = { kind = "rolling", desired = 10, min_healthy = 60, max_percent = 100 }` or
//! `sim = { kind = "scaling", policy = "target-tracking", target = 50, load = "spike",
//! launch_type = "ec2", instances = 2, target_capacity = 100 }`.
//! [`Preset::to_config`] turns one into a full [`SimConfig`].

use std::fmt;
use std::str::FromStr;

use chrono::Duration;
use serde::{Deserialize, Deserializer, Serialize};

use super::config::{
    AdjustmentType, CircuitBreakerConfig, ClusterConfig, ConfigError, ContainerHealthCheck,
    DeploymentPlan, HealthConfig, ImageFault, LoadBalancer, LoadConfig, LoadPreset,
    MAX_INSTANCES_PER_CLUSTER, ManagedScaling, MetricKind, ModelChoices, PlacementStrategy,
    ProviderKind, ScalingConfig, ScalingPolicy, ScheduledAction, ServiceConfig, SimConfig,
    StepScaling, TargetTracking, default_epoch,
};
use super::fargate::OsFamily;
use super::schedule::Schedule;

/// A scenario preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Preset {
    /// A rolling update.
    Rolling(RollingPreset),
    /// Service (and cluster) auto scaling.
    Scaling(ScalingPreset),
}

impl Preset {
    /// The full configuration.
    pub fn to_config(&self) -> Result<SimConfig, ConfigError> {
        match self {
            Preset::Rolling(p) => p.to_config(),
            Preset::Scaling(p) => p.to_config(),
        }
    }

    /// How long the scenario runs (seconds).
    pub fn duration_secs(&self) -> u64 {
        match self {
            Preset::Rolling(p) => u64::from(p.minutes.unwrap_or(60)) * 60,
            Preset::Scaling(p) => u64::from(p.minutes.unwrap_or(60)) * 60,
        }
    }
}

fn bad(msg: impl Into<String>) -> ConfigError {
    ConfigError::Preset(msg.into())
}

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident $label:literal { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $name {
            $($(#[$vm])* $variant),+
        }

        impl $name {
            /// Every accepted word.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word for this value.
            pub fn word(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl FromStr for $name {
            type Err = ConfigError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err(bad(format!(
                        "unknown {} `{s}`: use one of {}",
                        $label,
                        $name::WORDS.join(", ")
                    ))),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.word())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

word_enum!(
    /// Launch type of a preset.
    LaunchType "launch type" {
        /// Fargate.
        #[default]
        Fargate = "fargate",
        /// EC2.
        Ec2 = "ec2",
    }
);

word_enum!(
    /// Broken image setting.
    BrokenImage "broken image setting" {
        /// The image works.
        #[default]
        None = "none",
        /// New tasks stop before RUNNING.
        Start = "start",
        /// New tasks fail their health checks.
        Health = "health",
    }
);

word_enum!(
    /// Which scaling policy a preset uses.
    PolicyKind "policy" {
        /// Target tracking.
        #[default]
        TargetTracking = "target-tracking",
        /// Step scaling (the documented percent example, scale-out and scale-in halves).
        Step = "step",
        /// Target tracking plus two scheduled actions: the minimum raised to 6 at minute 10,
        /// ahead of the peak, and lowered back at minute 40.
        Scheduled = "scheduled",
    }
);

word_enum!(
    /// Load presets.
    LoadKind "load" {
        /// Constant.
        Steady = "steady",
        /// One spike.
        #[default]
        Spike = "spike",
        /// A compressed day.
        DailyWave = "daily-wave",
        /// A queue backlog growing, then draining.
        SqsBacklog = "sqs-backlog",
    }
);

word_enum!(
    /// Placement strategy of a preset.
    PlacementKind "placement" {
        /// Spread by AZ (the ECS service default).
        #[default]
        Spread = "spread",
        /// Binpack on memory.
        Binpack = "binpack",
        /// Random.
        Random = "random",
    }
);

word_enum!(
    /// Step scaling adjustment type of a preset.
    AdjustmentKind "adjustment type" {
        /// PercentChangeInCapacity.
        #[default]
        Percent = "percent",
        /// ChangeInCapacity.
        Change = "change",
        /// ExactCapacity.
        Exact = "exact",
    }
);

impl LoadKind {
    /// The load shape.
    pub fn preset(self) -> LoadPreset {
        match self {
            LoadKind::Steady => LoadPreset::steady(),
            LoadKind::Spike => LoadPreset::spike(),
            LoadKind::DailyWave => LoadPreset::daily_wave(),
            LoadKind::SqsBacklog => LoadPreset::sqs_backlog(),
        }
    }
}

impl PlacementKind {
    fn strategy(self) -> PlacementStrategy {
        match self {
            PlacementKind::Spread => PlacementStrategy::SpreadAz,
            PlacementKind::Binpack => PlacementStrategy::BinpackMemory,
            PlacementKind::Random => PlacementStrategy::Random,
        }
    }
}

/// `broken_image` accepts `true`/`false` or `"start"`/`"health"`/`"none"`.
fn broken_image<'de, D: Deserializer<'de>>(d: D) -> Result<BrokenImage, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Flag(bool),
        Word(String),
    }
    match Either::deserialize(d)? {
        Either::Flag(true) => Ok(BrokenImage::Start),
        Either::Flag(false) => Ok(BrokenImage::None),
        Either::Word(w) => w.parse().map_err(serde::de::Error::custom),
    }
}

/// A rolling-update scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RollingPreset {
    /// Desired count (default 10).
    pub desired: u32,
    /// minimumHealthyPercent (default 100; 0 for a daemon).
    pub min_healthy: Option<u32>,
    /// maximumPercent (default 200; 100 for a daemon).
    pub max_percent: Option<u32>,
    /// An EC2 cluster with room for exactly this many tasks.
    pub capacity: Option<u32>,
    /// fargate (default) or ec2.
    pub launch_type: Option<LaunchType>,
    /// EC2 instances of the default type, c5.large (3,992 MiB registered: 3 default tasks).
    pub instances: Option<u32>,
    /// `ECS_RESERVED_MEMORY` on every instance (MiB kept from tasks; EC2 only, default 0).
    pub reserved_memory: Option<u32>,
    /// none (default), start or health.
    #[serde(deserialize_with = "broken_image")]
    pub broken_image: BrokenImage,
    /// Enable the deployment circuit breaker.
    pub circuit_breaker: bool,
    /// Roll back on failure (implies the circuit breaker).
    pub rollback: bool,
    /// Behind an Application Load Balancer.
    pub load_balancer: bool,
    /// A container health check in the task definition.
    pub container_check: bool,
    /// The target group's health check interval (default 30; needs the load balancer).
    pub health_check_secs: Option<u32>,
    /// The target group's healthy threshold (default 5; needs the load balancer).
    pub healthy_threshold: Option<u32>,
    /// The target group's unhealthy threshold (default 2; needs the load balancer).
    pub unhealthy_threshold: Option<u32>,
    /// The container health check's interval (default 30; needs the container check).
    pub container_interval_secs: Option<u32>,
    /// The container health check's retries (default 3; needs the container check).
    pub container_retries: Option<u32>,
    /// The container health check's start period (default 0; needs the container check).
    pub start_period_secs: Option<u32>,
    /// Seconds after RUNNING until the application answers its health checks (default 0).
    pub app_ready_secs: Option<u32>,
    /// Target group deregistration delay (default 300; needs the load balancer).
    pub dereg_delay_secs: Option<u32>,
    /// healthCheckGracePeriodSeconds.
    pub grace_secs: Option<u32>,
    /// DAEMON scheduling (EC2 only).
    pub daemon: bool,
    /// Console defaults: a daemon gets minimumHealthyPercent 50 (X11).
    pub console_defaults: bool,
    /// Count stopping tasks toward maximumPercent (X2).
    pub count_stopping_in_max: bool,
    /// Task CPU units (default 512).
    pub cpu: Option<u32>,
    /// Task memory in MiB (default 1024).
    pub memory: Option<u32>,
    /// linux (default) or windows.
    pub os: Option<OsFamily>,
    /// Time limit in minutes (default 60).
    pub minutes: Option<u32>,
    /// Random seed.
    pub seed: Option<u64>,
}

impl Default for RollingPreset {
    fn default() -> Self {
        RollingPreset {
            desired: 10,
            min_healthy: None,
            max_percent: None,
            capacity: None,
            launch_type: None,
            instances: None,
            reserved_memory: None,
            broken_image: BrokenImage::None,
            circuit_breaker: false,
            rollback: false,
            load_balancer: false,
            container_check: false,
            health_check_secs: None,
            healthy_threshold: None,
            unhealthy_threshold: None,
            container_interval_secs: None,
            container_retries: None,
            start_period_secs: None,
            app_ready_secs: None,
            dereg_delay_secs: None,
            grace_secs: None,
            daemon: false,
            console_defaults: false,
            count_stopping_in_max: false,
            cpu: None,
            memory: None,
            os: None,
            minutes: None,
            seed: None,
        }
    }
}

/// Apply the optional task size and OS of a preset.
fn size_and_os(
    service: &mut ServiceConfig,
    cpu: Option<u32>,
    memory: Option<u32>,
    os: Option<OsFamily>,
) {
    if let Some(cpu) = cpu {
        service.task_size.cpu = cpu;
    }
    if let Some(memory) = memory {
        service.task_size.memory = memory;
    }
    if let Some(os) = os {
        service.os = os;
    }
}

fn ec2_cluster(
    launch_type: Option<LaunchType>,
    capacity: Option<u32>,
    instances: Option<u32>,
    service: &ServiceConfig,
) -> Result<Option<ClusterConfig>, ConfigError> {
    // Refuse absurd sizes before building the instance list.
    let per = super::config::InstanceType::default()
        .fits(service.task_size, 0)
        .max(1);
    let needed = capacity.map(|c| c.div_ceil(per)).or(instances);
    if let Some(value) = needed.filter(|n| *n > MAX_INSTANCES_PER_CLUSTER) {
        return Err(ConfigError::Quota {
            what: "container instances",
            value,
            max: MAX_INSTANCES_PER_CLUSTER,
        });
    }
    match (launch_type, capacity, instances) {
        (Some(LaunchType::Fargate), Some(_), _) | (Some(LaunchType::Fargate), _, Some(_)) => Err(
            bad("capacity and instances apply to the EC2 launch type; Fargate has unlimited room"),
        ),
        (_, Some(_), Some(_)) => Err(bad(
            "give either capacity (task slots) or instances, not both",
        )),
        (_, Some(c), None) => Ok(Some(ClusterConfig::ec2_fitting(c, service.task_size))),
        (_, None, Some(i)) => Ok(Some(ClusterConfig::ec2_instances(i))),
        (Some(LaunchType::Ec2), None, None) => Err(bad(
            "the EC2 launch type needs a capacity (task slots) or a number of instances",
        )),
        _ => Ok(None),
    }
}

impl RollingPreset {
    /// The full configuration: the old revision runs `desired` healthy tasks and a new
    /// revision is deployed at second 0.
    pub fn to_config(&self) -> Result<SimConfig, ConfigError> {
        let mut service = if self.daemon {
            let mut s = ServiceConfig::daemon();
            if self.console_defaults {
                s.min_healthy = 50;
            }
            s
        } else {
            ServiceConfig::default()
        };
        service.desired = self.desired;
        size_and_os(&mut service, self.cpu, self.memory, self.os);
        if let Some(v) = self.min_healthy {
            service.min_healthy = v;
        }
        if let Some(v) = self.max_percent {
            service.max_percent = v;
        }
        let lb_fields = [
            ("dereg_delay_secs", self.dereg_delay_secs.is_some()),
            ("health_check_secs", self.health_check_secs.is_some()),
            ("healthy_threshold", self.healthy_threshold.is_some()),
            ("unhealthy_threshold", self.unhealthy_threshold.is_some()),
        ];
        if let Some((name, _)) = lb_fields.iter().find(|f| f.1 && !self.load_balancer) {
            return Err(bad(format!(
                "`{name}` is a target group setting: it needs `load_balancer = true`"
            )));
        }
        let check_fields = [
            (
                "container_interval_secs",
                self.container_interval_secs.is_some(),
            ),
            ("container_retries", self.container_retries.is_some()),
            ("start_period_secs", self.start_period_secs.is_some()),
        ];
        if let Some((name, _)) = check_fields.iter().find(|f| f.1 && !self.container_check) {
            return Err(bad(format!(
                "`{name}` is a container health check setting: it needs `container_check = true`"
            )));
        }
        service.health = HealthConfig {
            load_balancer: self.load_balancer.then(|| {
                let d = LoadBalancer::default();
                LoadBalancer {
                    interval_secs: self.health_check_secs.unwrap_or(d.interval_secs),
                    healthy_threshold: self.healthy_threshold.unwrap_or(d.healthy_threshold),
                    unhealthy_threshold: self.unhealthy_threshold.unwrap_or(d.unhealthy_threshold),
                    deregistration_delay_secs: self
                        .dereg_delay_secs
                        .unwrap_or(d.deregistration_delay_secs),
                }
            }),
            container_check: self.container_check.then(|| {
                let d = ContainerHealthCheck::default();
                ContainerHealthCheck {
                    interval_secs: self.container_interval_secs.unwrap_or(d.interval_secs),
                    retries: self.container_retries.unwrap_or(d.retries),
                    start_period_secs: self.start_period_secs.unwrap_or(d.start_period_secs),
                    ..d
                }
            }),
            grace_period_secs: self.grace_secs.unwrap_or(0),
        };
        service.app_ready_secs = self.app_ready_secs.unwrap_or(0);
        service.circuit_breaker = CircuitBreakerConfig {
            enable: self.circuit_breaker || self.rollback,
            rollback: self.rollback,
            ..CircuitBreakerConfig::default()
        };
        let cluster = match ec2_cluster(self.launch_type, self.capacity, self.instances, &service)?
        {
            Some(c) => c,
            None if self.daemon => {
                return Err(bad(
                    "a daemon service runs on EC2: give capacity or instances",
                ));
            }
            None => ClusterConfig::default(),
        };
        let mut cluster = cluster;
        if let Some(mib) = self.reserved_memory {
            if cluster.is_fargate() {
                return Err(bad(
                    "`reserved_memory` (ECS_RESERVED_MEMORY) applies to EC2 container instances",
                ));
            }
            cluster.reserved_memory = mib;
        }
        let fault = match self.broken_image {
            BrokenImage::None => ImageFault::None,
            BrokenImage::Start => ImageFault::FailStart,
            BrokenImage::Health => ImageFault::FailHealth,
        };
        let cfg = SimConfig {
            seed: self.seed.unwrap_or(super::config::DEFAULT_SEED),
            service,
            cluster,
            deployment: Some(DeploymentPlan { at: 0, fault }),
            model: ModelChoices {
                count_stopping_in_max: self.count_stopping_in_max,
                ..ModelChoices::default()
            },
            ..SimConfig::default()
        };
        cfg.validate()?;
        Ok(cfg)
    }
}

/// A scheduled action in a preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionPreset {
    /// `at(...)`, `rate(...)` or `cron(...)`.
    pub schedule: String,
    /// New minimum.
    pub min: Option<u32>,
    /// New maximum.
    pub max: Option<u32>,
}

/// An auto scaling scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScalingPreset {
    /// target-tracking (default), step or scheduled.
    pub policy: PolicyKind,
    /// Target value (target tracking) or alarm threshold (step); default 50.
    pub target: f64,
    /// cpu (default), memory, requests or backlog.
    pub metric: Option<MetricKind>,
    /// steady, spike (default), daily-wave or sqs-backlog.
    pub load: LoadKind,
    /// fargate (default) or ec2 (an Auto Scaling group capacity provider).
    pub launch_type: LaunchType,
    /// Instances in the group at the start (EC2; default 2).
    pub instances: Option<u32>,
    /// Group maximum size (EC2; default 10).
    pub max_instances: Option<u32>,
    /// Managed scaling target capacity (EC2; default 100).
    pub target_capacity: Option<u32>,
    /// Instance warm-up (EC2; default 300 s).
    pub warmup_secs: Option<u32>,
    /// Managed termination protection (EC2).
    pub termination_protection: bool,
    /// Placement (EC2; default binpack, which lets cluster scale-in empty instances).
    pub placement: Option<PlacementKind>,
    /// Scalable target minimum (default 1).
    pub min: Option<u32>,
    /// Scalable target maximum (default 20).
    pub max: Option<u32>,
    /// Desired count at the start (default 3).
    pub desired: Option<u32>,
    /// DisableScaleIn.
    pub disable_scale_in: bool,
    /// Step adjustment type (step policy; default percent).
    pub adjustment: AdjustmentKind,
    /// Scheduled actions (the scheduled policy has two default ones).
    pub actions: Vec<ActionPreset>,
    /// Deploy a new revision at this minute (shows "no scale-in during a deployment").
    pub deploy_at_minute: Option<u32>,
    /// Task CPU units (default 512).
    pub cpu: Option<u32>,
    /// Task memory in MiB (default 1024).
    pub memory: Option<u32>,
    /// linux (default) or windows.
    pub os: Option<OsFamily>,
    /// Length in minutes (default 60).
    pub minutes: Option<u32>,
    /// Random seed.
    pub seed: Option<u64>,
}

impl Default for ScalingPreset {
    fn default() -> Self {
        ScalingPreset {
            policy: PolicyKind::TargetTracking,
            target: 50.0,
            metric: None,
            load: LoadKind::Spike,
            launch_type: LaunchType::Fargate,
            instances: None,
            max_instances: None,
            target_capacity: None,
            warmup_secs: None,
            termination_protection: false,
            placement: None,
            min: None,
            max: None,
            desired: None,
            disable_scale_in: false,
            adjustment: AdjustmentKind::Percent,
            actions: Vec::new(),
            deploy_at_minute: None,
            cpu: None,
            memory: None,
            os: None,
            minutes: None,
            seed: None,
        }
    }
}

impl ScalingPreset {
    /// The full configuration.
    pub fn to_config(&self) -> Result<SimConfig, ConfigError> {
        let metric = self.metric.unwrap_or(if self.load == LoadKind::SqsBacklog {
            MetricKind::Backlog
        } else {
            MetricKind::Cpu
        });
        let min = self.min.unwrap_or(1);
        let max = self.max.unwrap_or(20);
        let desired = self.desired.unwrap_or(3);
        let epoch = default_epoch();
        let mut policies = Vec::new();
        match self.policy {
            // Scheduled actions move min and max; target tracking keeps working within them.
            PolicyKind::TargetTracking | PolicyKind::Scheduled => {
                policies.push(ScalingPolicy::TargetTracking(TargetTracking {
                    name: format!("{}-target", metric_short(metric)),
                    metric,
                    target: self.target,
                    disable_scale_in: self.disable_scale_in,
                    ..TargetTracking::default()
                }));
            }
            PolicyKind::Step => {
                let mut out = StepScaling::example_out(metric, self.target);
                let mut inn = StepScaling::example_in(metric, self.target);
                let kind = match self.adjustment {
                    AdjustmentKind::Percent => AdjustmentType::PercentChangeInCapacity,
                    AdjustmentKind::Change => AdjustmentType::ChangeInCapacity,
                    AdjustmentKind::Exact => AdjustmentType::ExactCapacity,
                };
                if kind != AdjustmentType::PercentChangeInCapacity {
                    // Same intervals; adjustments in tasks (change) or absolute counts (exact).
                    let (o, i): ([i32; 3], [i32; 3]) = if kind == AdjustmentType::ChangeInCapacity {
                        ([0, 1, 3], [0, -1, -3])
                    } else {
                        (
                            [
                                desired as i32,
                                (max as i32 + desired as i32) / 2,
                                max as i32,
                            ],
                            [
                                desired as i32,
                                (min as i32 + desired as i32) / 2,
                                min as i32,
                            ],
                        )
                    };
                    for (s, a) in out.steps.iter_mut().zip(o) {
                        s.adjustment = a;
                    }
                    for (s, a) in inn.steps.iter_mut().zip(i) {
                        s.adjustment = a;
                    }
                    out.adjustment_type = kind;
                    inn.adjustment_type = kind;
                }
                policies.push(ScalingPolicy::Step(out));
                if !self.disable_scale_in {
                    policies.push(ScalingPolicy::Step(inn));
                }
            }
        }
        let mut scheduled = Vec::new();
        let actions: Vec<ActionPreset> =
            if self.actions.is_empty() && self.policy == PolicyKind::Scheduled {
                let at = |m: i64| {
                    format!(
                        "at({})",
                        (epoch + Duration::minutes(m)).format("%Y-%m-%dT%H:%M:%S")
                    )
                };
                vec![
                    ActionPreset {
                        schedule: at(10),
                        min: Some(6),
                        max: Some(max),
                    },
                    ActionPreset {
                        schedule: at(40),
                        min: Some(min),
                        max: None,
                    },
                ]
            } else {
                self.actions.clone()
            };
        for (i, a) in actions.iter().enumerate() {
            scheduled.push(ScheduledAction {
                name: format!("action-{}", i + 1),
                schedule: a.schedule.parse::<Schedule>()?,
                min: a.min,
                max: a.max,
                start_time: None,
                end_time: None,
            });
        }
        let mut service = ServiceConfig {
            desired,
            placement: vec![if self.launch_type == LaunchType::Ec2 {
                self.placement.unwrap_or(PlacementKind::Binpack).strategy()
            } else {
                PlacementStrategy::SpreadAz
            }],
            ..ServiceConfig::default()
        };
        size_and_os(&mut service, self.cpu, self.memory, self.os);
        let cluster = match self.launch_type {
            LaunchType::Fargate => {
                if self.instances.is_some()
                    || self.target_capacity.is_some()
                    || self.max_instances.is_some()
                    || self.warmup_secs.is_some()
                    || self.termination_protection
                {
                    return Err(bad(
                        "instances, target capacity, warm-up and termination protection need launch type ec2",
                    ));
                }
                ClusterConfig::default()
            }
            LaunchType::Ec2 => {
                let mut c = ClusterConfig::asg(
                    self.instances.unwrap_or(2),
                    self.max_instances.unwrap_or(10),
                    self.target_capacity.unwrap_or(100),
                );
                if let super::config::Capacity::Providers { providers, .. } = &mut c.capacity {
                    for p in providers {
                        if let ProviderKind::Asg(a) = &mut p.kind {
                            a.managed_termination_protection = self.termination_protection;
                            if let Some(w) = self.warmup_secs {
                                a.managed_scaling = Some(ManagedScaling {
                                    instance_warmup_secs: w,
                                    ..a.managed_scaling.unwrap_or_default()
                                });
                            }
                        }
                    }
                }
                c
            }
        };
        let cfg = SimConfig {
            seed: self.seed.unwrap_or(super::config::DEFAULT_SEED),
            epoch,
            service,
            cluster,
            scaling: Some(ScalingConfig {
                min,
                max,
                policies,
                scheduled,
                ..ScalingConfig::default()
            }),
            load: LoadConfig {
                preset: self.load.preset(),
                ..LoadConfig::default()
            },
            deployment: self.deploy_at_minute.map(|m| DeploymentPlan {
                at: u64::from(m) * 60,
                fault: ImageFault::None,
            }),
            ..SimConfig::default()
        };
        cfg.validate()?;
        Ok(cfg)
    }
}

fn metric_short(m: MetricKind) -> &'static str {
    match m {
        MetricKind::Cpu => "cpu",
        MetricKind::Memory => "memory",
        MetricKind::Requests => "requests",
        MetricKind::Backlog => "backlog",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::Capacity;

    #[derive(Deserialize)]
    struct Card {
        sim: Preset,
    }

    #[test]
    fn card_presets_parse_one_to_one() {
        let card: Card = toml::from_str(
            r#"sim = { kind = "rolling", desired = 10, min_healthy = 60, max_percent = 100 }"#,
        )
        .expect("rolling preset");
        let Preset::Rolling(r) = &card.sim else {
            panic!("expected rolling");
        };
        assert_eq!(
            (r.desired, r.min_healthy, r.max_percent),
            (10, Some(60), Some(100))
        );
        let cfg = card.sim.to_config().expect("config");
        assert_eq!(cfg.service.min_healthy, 60);
        assert!(cfg.cluster.is_fargate());
        let mut sim = crate::sim::Simulation::from_preset(&card.sim).expect("simulation");
        assert_eq!(sim.limits(), (10, 6, 10));
        assert!(sim.run_until_settled(card.sim.duration_secs()).is_final());

        let card: Card = toml::from_str(
            r#"sim = { kind = "scaling", policy = "target-tracking", target = 50, load = "spike", launch_type = "ec2", instances = 2, target_capacity = 100 }"#,
        )
        .expect("scaling preset");
        let cfg = card.sim.to_config().expect("config");
        assert!(matches!(cfg.cluster.capacity, Capacity::Providers { .. }));
        assert_eq!(cfg.scaling.as_ref().map(|s| s.policies.len()), Some(1));
    }

    #[test]
    fn unknown_words_and_fields_are_refused() {
        assert!(toml::from_str::<Card>(r#"sim = { kind = "canary" }"#).is_err());
        assert!(toml::from_str::<Card>(r#"sim = { kind = "rolling", desird = 3 }"#).is_err());
        assert!(toml::from_str::<Card>(r#"sim = { kind = "scaling", load = "tsunami" }"#).is_err());
        let err = "tsunami".parse::<LoadKind>().unwrap_err();
        assert!(
            err.to_string()
                .contains("steady, spike, daily-wave, sqs-backlog")
        );
    }

    #[test]
    fn broken_image_takes_a_flag_or_a_word() {
        let card: Card =
            toml::from_str(r#"sim = { kind = "rolling", broken_image = true }"#).expect("flag");
        let Preset::Rolling(r) = card.sim else {
            panic!("rolling");
        };
        assert_eq!(r.broken_image, BrokenImage::Start);
        let card: Card =
            toml::from_str(r#"sim = { kind = "rolling", broken_image = "health" }"#).expect("word");
        let Preset::Rolling(r) = card.sim else {
            panic!("rolling");
        };
        assert_eq!(r.broken_image, BrokenImage::Health);
    }

    #[test]
    fn inconsistent_presets_are_refused() {
        let p = RollingPreset {
            min_healthy: Some(80),
            max_percent: Some(50),
            ..RollingPreset::default()
        };
        assert!(p.to_config().is_err());
        let p = RollingPreset {
            dereg_delay_secs: Some(5),
            ..RollingPreset::default()
        };
        assert!(p.to_config().is_err());
        let p = ScalingPreset {
            min: Some(5),
            max: Some(2),
            ..ScalingPreset::default()
        };
        assert_eq!(
            p.to_config().unwrap_err(),
            ConfigError::ScalingMinAboveMax { min: 5, max: 2 }
        );
    }
}
