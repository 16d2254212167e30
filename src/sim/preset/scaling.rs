//! The auto scaling preset.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::rolling::size_and_os;
use super::{AdjustmentKind, LaunchType, LoadKind, PlacementKind, PolicyKind, bad};
use crate::sim::config::{
    AdjustmentType, ClusterConfig, ConfigError, DeploymentPlan, ImageFault, LoadConfig,
    ManagedScaling, MetricKind, PlacementStrategy, ProviderKind, ScalingConfig, ScalingPolicy,
    ScheduledAction, ServiceConfig, SimConfig, StepScaling, TargetTracking, default_epoch,
};
use crate::sim::fargate::OsFamily;
use crate::sim::schedule::Schedule;

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
                if let crate::sim::config::Capacity::Providers { providers, .. } = &mut c.capacity {
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
            seed: self.seed.unwrap_or(crate::sim::config::DEFAULT_SEED),
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
