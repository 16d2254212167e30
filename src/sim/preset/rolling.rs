//! The rolling update preset.

use serde::{Deserialize, Serialize};

use super::{BrokenImage, LaunchType, ThresholdKind, bad, broken_image};
use crate::sim::config::{
    CircuitBreakerConfig, ClusterConfig, ConfigError, ContainerHealthCheck, DeploymentAlarms,
    DeploymentPlan, HealthConfig, ImageFault, LoadBalancer, MAX_INSTANCES_PER_CLUSTER,
    ModelChoices, ServiceConfig, SimConfig, Threshold,
};
use crate::sim::fargate::OsFamily;

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
    /// The circuit breaker's threshold value (ThresholdConfiguration value; default 50).
    pub breaker_threshold: Option<u32>,
    /// How the value counts: bounded-percent (default), unbounded-percent or count.
    pub breaker_threshold_type: Option<ThresholdKind>,
    /// resetOnHealthyTask: a healthy new task resets the failure count (default true).
    pub reset_on_healthy_task: Option<bool>,
    /// A CloudWatch alarm watches the deployment (deploymentConfiguration.alarms).
    pub alarms: bool,
    /// Roll back when the alarm goes into ALARM (default true; needs `alarms`).
    pub alarm_rollback: Option<bool>,
    /// The alarm's evaluation periods of 60 s (default 3; needs `alarms`): also the bake
    /// time after the new tasks are up.
    pub alarm_periods: Option<u32>,
    /// The new revision trips the alarm once it has served traffic for the alarm's
    /// periods (needs `alarms`).
    pub failing_release: bool,
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
            breaker_threshold: None,
            breaker_threshold_type: None,
            reset_on_healthy_task: None,
            alarms: false,
            alarm_rollback: None,
            alarm_periods: None,
            failing_release: false,
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

/// The circuit breaker threshold a preset's type and value give.
pub fn threshold(kind: ThresholdKind, value: u32) -> Threshold {
    match kind {
        ThresholdKind::BoundedPercent => Threshold::BoundedPercent(value),
        ThresholdKind::UnboundedPercent => Threshold::UnboundedPercent(value),
        ThresholdKind::Count => Threshold::Count(value),
    }
}

/// Apply the optional task size and OS of a preset.
pub(super) fn size_and_os(
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

pub(super) fn ec2_cluster(
    launch_type: Option<LaunchType>,
    capacity: Option<u32>,
    instances: Option<u32>,
    service: &ServiceConfig,
) -> Result<Option<ClusterConfig>, ConfigError> {
    // Refuse absurd sizes before building the instance list.
    let per = crate::sim::config::InstanceType::default()
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
        let breaker = self.circuit_breaker || self.rollback;
        let breaker_fields = [
            ("breaker_threshold", self.breaker_threshold.is_some()),
            (
                "breaker_threshold_type",
                self.breaker_threshold_type.is_some(),
            ),
            (
                "reset_on_healthy_task",
                self.reset_on_healthy_task.is_some(),
            ),
        ];
        if let Some((name, _)) = breaker_fields.iter().find(|f| f.1 && !breaker) {
            return Err(bad(format!(
                "`{name}` is a circuit breaker setting: it needs `circuit_breaker = true`"
            )));
        }
        let d = CircuitBreakerConfig::default();
        service.circuit_breaker = CircuitBreakerConfig {
            enable: breaker,
            rollback: self.rollback,
            reset_on_healthy_task: self
                .reset_on_healthy_task
                .unwrap_or(d.reset_on_healthy_task),
            threshold: threshold(
                self.breaker_threshold_type.unwrap_or_default(),
                self.breaker_threshold.unwrap_or(50),
            ),
        };
        let alarm_fields = [
            ("alarm_rollback", self.alarm_rollback.is_some()),
            ("alarm_periods", self.alarm_periods.is_some()),
            ("failing_release", self.failing_release),
        ];
        if let Some((name, _)) = alarm_fields.iter().find(|f| f.1 && !self.alarms) {
            return Err(bad(format!(
                "`{name}` is a deployment alarm setting: it needs `alarms = true`"
            )));
        }
        service.deployment_alarms = self.alarms.then(|| {
            let d = DeploymentAlarms::default();
            DeploymentAlarms {
                rollback: self.alarm_rollback.unwrap_or(true),
                evaluation_periods: self.alarm_periods.unwrap_or(d.evaluation_periods),
                failing_release: self.failing_release,
                ..d
            }
        });
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
            seed: self.seed.unwrap_or(crate::sim::config::DEFAULT_SEED),
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
