//! The service: scheduling strategy, task size, health checks, the circuit breaker,
//! deployment alarms, placement and the image deployed.

use serde::{Deserialize, Serialize};

use super::super::fargate::{self, OsFamily};
use super::{
    ClusterConfig, ConfigError, MAX_TASKS_PER_SERVICE, PlacementConstraint, PlacementStrategy,
    TrafficShift,
};

/// REPLICA or DAEMON scheduling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SchedulingStrategy {
    /// Keep `desired` tasks across the cluster.
    #[default]
    Replica,
    /// One task on every active container instance (EC2 only).
    Daemon,
}

/// Task-level CPU units and memory (MiB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSize {
    /// CPU units (1024 = 1 vCPU).
    pub cpu: u32,
    /// Memory in MiB.
    pub memory: u32,
}

impl Default for TaskSize {
    fn default() -> Self {
        TaskSize {
            cpu: 512,
            memory: 1024,
        }
    }
}

/// The service being deployed and scaled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceConfig {
    /// REPLICA (default) or DAEMON.
    pub scheduling: SchedulingStrategy,
    /// Desired count D (ignored for DAEMON, where D is the number of active instances).
    pub desired: u32,
    /// Old tasks running and healthy at second 0 (default: `desired`).
    pub initial_tasks: Option<u32>,
    /// minimumHealthyPercent (lower limit L = ceil(D x min / 100)). API default 100 (REPLICA).
    pub min_healthy: u32,
    /// maximumPercent (upper limit U = floor(D x max / 100)). API default 200 (REPLICA).
    pub max_percent: u32,
    /// Task size (mandatory and validated on Fargate).
    pub task_size: TaskSize,
    /// Operating system family of the task definition.
    pub os: OsFamily,
    /// Load balancer, container health check and grace period.
    pub health: HealthConfig,
    /// Seconds after RUNNING until the application answers its health checks (a slow
    /// start; default 0).
    pub app_ready_secs: u32,
    /// Deployment circuit breaker (not configured by default, as in the API).
    pub circuit_breaker: CircuitBreakerConfig,
    /// CloudWatch alarm failure detection for deployments.
    pub deployment_alarms: Option<DeploymentAlarms>,
    /// Placement strategies for EC2 (best effort, up to 4); default spread by AZ.
    pub placement: Vec<PlacementStrategy>,
    /// Placement constraints for EC2 (binding, up to 10); none by default.
    #[serde(default)]
    pub placement_constraints: Vec<PlacementConstraint>,
    /// A blue/green, linear or canary deployment (or CodeDeploy's) instead of a rolling
    /// update.
    pub traffic_shift: Option<TrafficShift>,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            scheduling: SchedulingStrategy::Replica,
            desired: 10,
            initial_tasks: None,
            min_healthy: 100,
            max_percent: 200,
            task_size: TaskSize::default(),
            os: OsFamily::Linux,
            health: HealthConfig::default(),
            app_ready_secs: 0,
            circuit_breaker: CircuitBreakerConfig::default(),
            deployment_alarms: None,
            placement: vec![PlacementStrategy::SpreadAz],
            placement_constraints: Vec::new(),
            traffic_shift: None,
        }
    }
}

impl ServiceConfig {
    /// A daemon service: one task per instance, minimumHealthyPercent 0 (API default) and
    /// maximumPercent 100.
    pub fn daemon() -> Self {
        ServiceConfig {
            scheduling: SchedulingStrategy::Daemon,
            min_healthy: 0,
            max_percent: 100,
            ..ServiceConfig::default()
        }
    }

    pub(super) fn validate(&self, cluster: &ClusterConfig) -> Result<(), ConfigError> {
        for (what, value) in [
            ("desired count", self.desired),
            ("initial task count", self.initial_count()),
        ] {
            if value > MAX_TASKS_PER_SERVICE {
                return Err(ConfigError::Quota {
                    what,
                    value,
                    max: MAX_TASKS_PER_SERVICE,
                });
            }
        }
        if self.min_healthy > 100 {
            return Err(ConfigError::MinHealthyRange {
                value: self.min_healthy,
            });
        }
        if self.min_healthy > self.max_percent {
            return Err(ConfigError::MinHealthyAboveMax {
                min_healthy: self.min_healthy,
                max_percent: self.max_percent,
            });
        }
        if self.scheduling == SchedulingStrategy::Replica && self.max_percent < 100 {
            return Err(ConfigError::MaxPercentBelow100 {
                value: self.max_percent,
            });
        }
        if self.scheduling == SchedulingStrategy::Daemon {
            if self.max_percent != 100 {
                return Err(ConfigError::DaemonMaxPercent {
                    value: self.max_percent,
                });
            }
            if cluster.is_fargate() {
                return Err(ConfigError::DaemonOnFargate);
            }
            if self.circuit_breaker.enable {
                return Err(ConfigError::DaemonCircuitBreaker);
            }
        }
        if self.placement.len() > 4 {
            return Err(ConfigError::TooManyPlacementStrategies {
                count: self.placement.len(),
            });
        }
        if !self.placement_constraints.is_empty() && cluster.is_fargate() {
            return Err(ConfigError::Placement {
                reason: "task placement constraints apply to EC2 container instances; Fargate does not support them".into(),
            });
        }
        if self.placement_constraints.len() > 10 {
            return Err(ConfigError::Placement {
                reason: format!(
                    "at most 10 placement constraints per task (got {})",
                    self.placement_constraints.len()
                ),
            });
        }
        if cluster.is_fargate() {
            fargate::validate_size(self.task_size.cpu, self.task_size.memory, self.os)?;
        } else if !(128..=196_608).contains(&self.task_size.cpu) || self.task_size.memory == 0 {
            return Err(ConfigError::Ec2TaskSize {
                cpu: self.task_size.cpu,
                memory: self.task_size.memory,
            });
        }
        self.health.validate()?;
        self.circuit_breaker.validate()?;
        if let Some(shift) = &self.traffic_shift {
            let bad = |reason: &str| ConfigError::TrafficShift {
                reason: reason.to_string(),
            };
            if self.health.load_balancer.is_none() {
                return Err(bad(
                    "shifting traffic between revisions needs a load balancer (its listeners and two target groups)",
                ));
            }
            if self.scheduling == SchedulingStrategy::Daemon {
                return Err(bad("a daemon service deploys with rolling updates only"));
            }
            if self.circuit_breaker.enable {
                return Err(bad(
                    "the deployment circuit breaker is for rolling updates; these deployments roll back on alarms and lifecycle hooks",
                ));
            }
            shift.validate()?;
        }
        if let Some(alarms) = &self.deployment_alarms
            && (alarms.period_secs == 0 || alarms.evaluation_periods == 0)
        {
            return Err(ConfigError::AlarmShape);
        }
        Ok(())
    }

    /// Old tasks at second 0.
    pub fn initial_count(&self) -> u32 {
        self.initial_tasks.unwrap_or(self.desired)
    }
}

/// How task health is judged (spec 1.2-1.4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct HealthConfig {
    /// An Application Load Balancer target group, if the service is behind one.
    pub load_balancer: Option<LoadBalancer>,
    /// A container health check on the essential container, if defined.
    pub container_check: Option<ContainerHealthCheck>,
    /// healthCheckGracePeriodSeconds (default 0).
    pub grace_period_secs: u32,
}

impl HealthConfig {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if let Some(lb) = &self.load_balancer {
            if !(5..=300).contains(&lb.interval_secs) {
                return Err(ConfigError::HealthCheckRange {
                    what: "target group health check interval",
                    value: lb.interval_secs,
                    min: 5,
                    max: 300,
                });
            }
            if !(2..=10).contains(&lb.healthy_threshold) {
                return Err(ConfigError::HealthCheckRange {
                    what: "target group healthy threshold",
                    value: lb.healthy_threshold,
                    min: 2,
                    max: 10,
                });
            }
            if !(2..=10).contains(&lb.unhealthy_threshold) {
                return Err(ConfigError::HealthCheckRange {
                    what: "target group unhealthy threshold",
                    value: lb.unhealthy_threshold,
                    min: 2,
                    max: 10,
                });
            }
            if lb.deregistration_delay_secs > 3600 {
                return Err(ConfigError::HealthCheckRange {
                    what: "deregistration delay",
                    value: lb.deregistration_delay_secs,
                    min: 0,
                    max: 3600,
                });
            }
        }
        if let Some(c) = &self.container_check {
            for (what, value, min, max) in [
                ("container health check interval", c.interval_secs, 5, 300),
                ("container health check timeout", c.timeout_secs, 2, 60),
                ("container health check retries", c.retries, 1, 10),
                (
                    "container health check start period",
                    c.start_period_secs,
                    0,
                    300,
                ),
            ] {
                if !(min..=max).contains(&value) {
                    return Err(ConfigError::HealthCheckRange {
                        what,
                        value,
                        min,
                        max,
                    });
                }
            }
        }
        Ok(())
    }
}

/// ALB target group settings (spec 1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadBalancer {
    /// Health check interval (default 30 s).
    pub interval_secs: u32,
    /// Consecutive successes to become healthy (default 5: 150 s).
    pub healthy_threshold: u32,
    /// Consecutive failures to become unhealthy (default 2).
    pub unhealthy_threshold: u32,
    /// Deregistration delay while DEACTIVATING (default 300 s).
    pub deregistration_delay_secs: u32,
}

impl Default for LoadBalancer {
    fn default() -> Self {
        LoadBalancer {
            interval_secs: 30,
            healthy_threshold: 5,
            unhealthy_threshold: 2,
            deregistration_delay_secs: 300,
        }
    }
}

/// Container health check in the task definition (spec 1.1 defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerHealthCheck {
    /// Interval (default 30 s).
    pub interval_secs: u32,
    /// Timeout (default 5 s).
    pub timeout_secs: u32,
    /// Retries before UNHEALTHY (default 3).
    pub retries: u32,
    /// Start period in which failures do not count (default 0).
    pub start_period_secs: u32,
}

impl Default for ContainerHealthCheck {
    fn default() -> Self {
        ContainerHealthCheck {
            interval_secs: 30,
            timeout_secs: 5,
            retries: 3,
            start_period_secs: 0,
        }
    }
}

/// Circuit breaker threshold types (spec 4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum Threshold {
    /// value% of D, clamped to 3..200 (default, value 50).
    BoundedPercent(u32),
    /// value% of D, no clamp.
    UnboundedPercent(u32),
    /// A fixed count.
    Count(u32),
}

/// Deployment circuit breaker (spec 4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CircuitBreakerConfig {
    /// `enable`.
    pub enable: bool,
    /// `rollback`: start a deployment back to the last COMPLETED revision on failure.
    pub rollback: bool,
    /// `resetOnHealthyTask` (default true: a healthy new task resets the count).
    pub reset_on_healthy_task: bool,
    /// Threshold (default BOUNDED_PERCENT 50).
    pub threshold: Threshold,
}

impl Default for CircuitBreakerConfig {
    fn default() -> Self {
        CircuitBreakerConfig {
            enable: false,
            rollback: false,
            reset_on_healthy_task: true,
            threshold: Threshold::BoundedPercent(50),
        }
    }
}

impl CircuitBreakerConfig {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        match self.threshold {
            Threshold::Count(0) => Err(ConfigError::BreakerThreshold),
            Threshold::BoundedPercent(p) | Threshold::UnboundedPercent(p) if p == 0 || p > 100 => {
                Err(ConfigError::BreakerThreshold)
            }
            _ => Ok(()),
        }
    }
}

/// CloudWatch alarm detection for deployments (spec 4.2). The alarm itself is abstract: its
/// state is set with [`Injection::SetDeploymentAlarm`](crate::sim::Injection::SetDeploymentAlarm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeploymentAlarms {
    /// Roll back when an alarm fails the deployment.
    pub rollback: bool,
    /// Alarm period (bake time = period x evaluation periods) \[Model\].
    pub period_secs: u32,
    /// Alarm evaluation periods.
    pub evaluation_periods: u32,
    /// The alarm is already in ALARM at second 0.
    pub initially_in_alarm: bool,
    /// The new revision is bad in a way only its traffic shows: the alarm goes into ALARM
    /// once the new revision has served traffic for period x evaluation periods (a rolling
    /// update: from its first healthy task; blue/green, linear, canary: from the first
    /// production traffic shift) \[Model\].
    #[serde(default)]
    pub failing_release: bool,
}

impl Default for DeploymentAlarms {
    fn default() -> Self {
        DeploymentAlarms {
            rollback: false,
            period_secs: 60,
            evaluation_periods: 3,
            initially_in_alarm: false,
            failing_release: false,
        }
    }
}

/// What a broken image does to new tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ImageFault {
    /// The image works.
    #[default]
    None,
    /// New tasks stop before reaching RUNNING (e.g. the essential container exits at start).
    FailStart,
    /// New tasks reach RUNNING but never pass their health checks.
    FailHealth,
}

/// A deployment to start during the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DeploymentPlan {
    /// Second at which the new revision is deployed.
    pub at: u64,
    /// What is wrong with the new image, if anything.
    pub fault: ImageFault,
}
