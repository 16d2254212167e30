//! Configuration of a simulation: the service, the cluster, auto scaling, the load, the
//! timings and every modelling choice where AWS is silent.
//!
//! Every struct has a `Default` that follows the AWS defaults (API defaults, not console
//! defaults, unless said otherwise) or, where AWS gives no number, the simulator's documented
//! choice. [`SimConfig::validate`] checks a configuration and returns a typed
//! [`ConfigError`] with a message fit to show to a learner.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::fargate::{self, OsFamily};
use super::schedule::Schedule;

/// AWS default quota "tasks per service": the most tasks the simulator accepts.
pub const MAX_TASKS_PER_SERVICE: u32 = 5_000;
/// AWS default quota "container instances per cluster".
pub const MAX_INSTANCES_PER_CLUSTER: u32 = 5_000;

/// Default seed when none is given.
pub const DEFAULT_SEED: u64 = 0x5EED_0EC5;

/// The whole configuration of one simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    /// Seed of the only random generator (load noise, random placement, spread ties).
    pub seed: u64,
    /// Wall-clock time that simulated second 0 stands for (scheduled actions use it).
    #[serde(with = "rfc3339")]
    pub epoch: DateTime<Utc>,
    /// The ECS service.
    pub service: ServiceConfig,
    /// Where tasks run: Fargate, fixed EC2 instances or capacity providers.
    pub cluster: ClusterConfig,
    /// Service auto scaling (Application Auto Scaling), if registered.
    pub scaling: Option<ScalingConfig>,
    /// The offered load and how it maps to task utilisation.
    pub load: LoadConfig,
    /// A deployment to start during the run, if any.
    pub deployment: Option<DeploymentPlan>,
    /// Durations of the lifecycle phases.
    pub timings: Timings,
    /// Choices where AWS is silent (section 10 of the spec), all overridable.
    pub model: ModelChoices,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: DEFAULT_SEED,
            epoch: default_epoch(),
            service: ServiceConfig::default(),
            cluster: ClusterConfig::default(),
            scaling: None,
            load: LoadConfig::default(),
            deployment: None,
            timings: Timings::default(),
            model: ModelChoices::default(),
        }
    }
}

/// Serde for UTC times as RFC 3339 strings.
mod rfc3339 {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }

    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            t: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_some(&t.to_rfc3339()),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|text| {
                    DateTime::parse_from_rfc3339(&text)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(serde::de::Error::custom)
                })
                .transpose()
        }
    }
}

/// Monday 2026-01-05 00:00:00 UTC: the default moment simulated second 0 stands for.
pub fn default_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

impl SimConfig {
    /// A rolling update on Fargate: `desired` healthy old tasks, a new revision deployed at
    /// second 0, no load balancer and no container health check (the 40-second rule).
    pub fn rolling(desired: u32, min_healthy: u32, max_percent: u32) -> Self {
        SimConfig {
            service: ServiceConfig {
                desired,
                min_healthy,
                max_percent,
                ..ServiceConfig::default()
            },
            deployment: Some(DeploymentPlan::default()),
            ..SimConfig::default()
        }
    }

    /// Check the configuration. The simulator refuses to start on any error.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.service.validate(&self.cluster)?;
        self.cluster.validate(&self.service, &self.model)?;
        if let Some(scaling) = &self.scaling {
            scaling.validate(&self.service)?;
        }
        self.load.validate()?;
        let stop = self.timings.stop_timeout_secs;
        if self.cluster.is_fargate() && !(2..=120).contains(&stop) {
            return Err(ConfigError::StopTimeout { secs: stop });
        }
        self.model.validate()?;
        Ok(())
    }
}

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
    /// Deployment circuit breaker (not configured by default, as in the API).
    pub circuit_breaker: CircuitBreakerConfig,
    /// CloudWatch alarm failure detection for deployments.
    pub deployment_alarms: Option<DeploymentAlarms>,
    /// Placement strategies for EC2 (best effort, up to 4); default spread by AZ.
    pub placement: Vec<PlacementStrategy>,
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
            circuit_breaker: CircuitBreakerConfig::default(),
            deployment_alarms: None,
            placement: vec![PlacementStrategy::SpreadAz],
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

    fn validate(&self, cluster: &ClusterConfig) -> Result<(), ConfigError> {
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
    fn validate(&self) -> Result<(), ConfigError> {
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
    fn validate(&self) -> Result<(), ConfigError> {
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
/// state is set with [`Injection::SetDeploymentAlarm`](super::Injection::SetDeploymentAlarm).
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
}

impl Default for DeploymentAlarms {
    fn default() -> Self {
        DeploymentAlarms {
            rollback: false,
            period_secs: 60,
            evaluation_periods: 3,
            initially_in_alarm: false,
        }
    }
}

/// One placement strategy (spec 6.1). Ranked in order, best effort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementStrategy {
    /// spread on `attribute:ecs.availability-zone` (the service default).
    SpreadAz,
    /// spread on `instanceId`.
    SpreadInstance,
    /// binpack on CPU.
    BinpackCpu,
    /// binpack on memory.
    BinpackMemory,
    /// random.
    Random,
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

/// Where tasks run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Launch type or capacity providers.
    pub capacity: Capacity,
    /// Availability zones of the cluster (instances and Fargate tasks are spread over them).
    pub availability_zones: u8,
    /// Quota "tasks in the PROVISIONING state per cluster" \[Model: 500\].
    pub provisioning_quota: u32,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            capacity: Capacity::Fargate { quota: None },
            availability_zones: 3,
            provisioning_quota: 500,
        }
    }
}

impl ClusterConfig {
    /// A fixed EC2 cluster that fits exactly `tasks` tasks of `size`: instances of the
    /// default type (4 default tasks each) and a smaller last one for the remainder.
    pub fn ec2_fitting(tasks: u32, size: TaskSize) -> Self {
        let itype = InstanceType::default();
        let per = itype.fits(size).max(1);
        let mut instances = Vec::new();
        let mut left = tasks;
        while left > 0 {
            let n = left.min(per);
            instances.push(InstanceType {
                name: if n == per {
                    itype.name.clone()
                } else {
                    format!("custom ({n} task slots)")
                },
                cpu: size.cpu * n,
                memory: size.memory * n,
            });
            left -= n;
        }
        ClusterConfig {
            capacity: Capacity::Ec2 { instances },
            ..ClusterConfig::default()
        }
    }

    /// A fixed EC2 cluster of `count` instances of the default type.
    pub fn ec2_instances(count: u32) -> Self {
        ClusterConfig {
            capacity: Capacity::Ec2 {
                instances: vec![InstanceType::default(); count as usize],
            },
            ..ClusterConfig::default()
        }
    }

    /// One Auto Scaling group capacity provider with managed scaling at `target_capacity`.
    pub fn asg(initial: u32, max_size: u32, target_capacity: u32) -> Self {
        ClusterConfig {
            capacity: Capacity::Providers {
                providers: vec![ProviderConfig {
                    name: "asg".into(),
                    kind: ProviderKind::Asg(AsgConfig {
                        initial_size: initial,
                        max_size,
                        managed_scaling: Some(ManagedScaling {
                            target_capacity,
                            ..ManagedScaling::default()
                        }),
                        ..AsgConfig::default()
                    }),
                }],
                strategy: vec![StrategyItem {
                    provider: "asg".into(),
                    base: 0,
                    weight: 1,
                }],
            },
            ..ClusterConfig::default()
        }
    }

    /// True when tasks run on Fargate (launch type or Fargate providers).
    pub fn is_fargate(&self) -> bool {
        match &self.capacity {
            Capacity::Fargate { .. } => true,
            Capacity::Ec2 { .. } => false,
            Capacity::Providers { providers, .. } => providers
                .iter()
                .all(|p| !matches!(p.kind, ProviderKind::Asg(_))),
        }
    }

    fn validate(&self, service: &ServiceConfig, model: &ModelChoices) -> Result<(), ConfigError> {
        if self.availability_zones == 0 {
            return Err(ConfigError::NoAvailabilityZones);
        }
        match &self.capacity {
            Capacity::Fargate { .. } => Ok(()),
            Capacity::Ec2 { instances } => {
                if instances.len() > MAX_INSTANCES_PER_CLUSTER as usize {
                    return Err(ConfigError::Quota {
                        what: "container instances",
                        value: u32::try_from(instances.len()).unwrap_or(u32::MAX),
                        max: MAX_INSTANCES_PER_CLUSTER,
                    });
                }
                for i in instances {
                    i.validate()?;
                }
                Ok(())
            }
            Capacity::Providers {
                providers,
                strategy,
            } => validate_strategy(providers, strategy, service, model),
        }
    }
}

fn validate_strategy(
    providers: &[ProviderConfig],
    strategy: &[StrategyItem],
    service: &ServiceConfig,
    model: &ModelChoices,
) -> Result<(), ConfigError> {
    if strategy.is_empty() {
        return Err(ConfigError::EmptyStrategy);
    }
    if strategy.len() > model.max_providers_per_strategy as usize {
        return Err(ConfigError::TooManyProviders {
            count: strategy.len(),
            max: model.max_providers_per_strategy,
        });
    }
    let mut fargate = false;
    let mut asg = false;
    let mut bases = 0;
    for (i, item) in strategy.iter().enumerate() {
        let Some(p) = providers.iter().find(|p| p.name == item.provider) else {
            return Err(ConfigError::UnknownProvider {
                name: item.provider.clone(),
            });
        };
        if strategy[..i].iter().any(|o| o.provider == item.provider) {
            return Err(ConfigError::DuplicateProvider {
                name: item.provider.clone(),
            });
        }
        match &p.kind {
            ProviderKind::Fargate | ProviderKind::FargateSpot => fargate = true,
            ProviderKind::Asg(a) => {
                asg = true;
                a.validate(&p.name)?;
            }
        }
        if item.weight > 1000 {
            return Err(ConfigError::WeightRange {
                provider: item.provider.clone(),
                weight: item.weight,
            });
        }
        if item.base > 100_000 {
            return Err(ConfigError::BaseRange {
                provider: item.provider.clone(),
                base: item.base,
            });
        }
        if item.base > 0 {
            bases += 1;
        }
        if matches!(p.kind, ProviderKind::FargateSpot) && service.os == OsFamily::Windows {
            return Err(ConfigError::SpotWindows);
        }
    }
    if fargate && asg {
        return Err(ConfigError::MixedProviders);
    }
    if bases > 1 {
        return Err(ConfigError::SeveralBases);
    }
    if strategy.iter().all(|s| s.weight == 0) {
        return Err(ConfigError::AllWeightsZero);
    }
    Ok(())
}

/// Launch type or capacity provider strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// FARGATE launch type: unlimited room unless a task quota is set \[Model\].
    Fargate {
        /// Optional cap on running tasks (account quota).
        quota: Option<u32>,
    },
    /// EC2 launch type on fixed instances; a task that does not fit fails placement.
    Ec2 {
        /// The container instances.
        instances: Vec<InstanceType>,
    },
    /// A capacity provider strategy.
    Providers {
        /// Providers associated with the cluster.
        providers: Vec<ProviderConfig>,
        /// The service's strategy (base and weight per provider).
        strategy: Vec<StrategyItem>,
    },
}

/// An EC2 instance type as the simulator sees it: registered CPU units and memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceType {
    /// Display name.
    pub name: String,
    /// CPU units (1024 per vCPU).
    pub cpu: u32,
    /// Memory available to tasks (MiB).
    pub memory: u32,
}

impl Default for InstanceType {
    fn default() -> Self {
        InstanceType {
            name: "c5.large".into(),
            cpu: 2048,
            memory: 4096,
        }
    }
}

impl InstanceType {
    /// How many tasks of `size` fit on an empty instance of this type.
    pub fn fits(&self, size: TaskSize) -> u32 {
        if size.cpu == 0 || size.memory == 0 {
            return 0;
        }
        (self.cpu / size.cpu).min(self.memory / size.memory)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.cpu == 0 || self.memory == 0 {
            return Err(ConfigError::InstanceType {
                name: self.name.clone(),
            });
        }
        Ok(())
    }
}

/// A capacity provider associated with the cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderConfig {
    /// Name used in the strategy (FARGATE, FARGATE_SPOT or any ASG provider name).
    pub name: String,
    /// What the provider is.
    pub kind: ProviderKind,
}

impl ProviderConfig {
    /// The built-in FARGATE provider.
    pub fn fargate() -> Self {
        ProviderConfig {
            name: "FARGATE".into(),
            kind: ProviderKind::Fargate,
        }
    }

    /// The built-in FARGATE_SPOT provider.
    pub fn fargate_spot() -> Self {
        ProviderConfig {
            name: "FARGATE_SPOT".into(),
            kind: ProviderKind::FargateSpot,
        }
    }
}

/// Kinds of capacity providers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// FARGATE.
    Fargate,
    /// FARGATE_SPOT (Linux only, 2-minute interruption notice).
    FargateSpot,
    /// An Auto Scaling group provider.
    Asg(AsgConfig),
}

/// An Auto Scaling group capacity provider (spec 7.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AsgConfig {
    /// Instance type of the group.
    pub instance_type: InstanceType,
    /// ASG MinSize (cluster auto scaling never changes it).
    pub min_size: u32,
    /// ASG MaxSize (must be > 0).
    pub max_size: u32,
    /// Instances running at second 0.
    pub initial_size: u32,
    /// Managed scaling; `None` = DISABLED.
    pub managed_scaling: Option<ManagedScaling>,
    /// managedTerminationProtection (default off).
    pub managed_termination_protection: bool,
    /// managedDraining: drain an instance before the ASG terminates it (default on).
    pub managed_draining: bool,
}

impl Default for AsgConfig {
    fn default() -> Self {
        AsgConfig {
            instance_type: InstanceType::default(),
            min_size: 0,
            max_size: 10,
            initial_size: 2,
            managed_scaling: Some(ManagedScaling::default()),
            managed_termination_protection: false,
            managed_draining: true,
        }
    }
}

impl AsgConfig {
    fn validate(&self, name: &str) -> Result<(), ConfigError> {
        self.instance_type.validate()?;
        if self.max_size > MAX_INSTANCES_PER_CLUSTER {
            return Err(ConfigError::Quota {
                what: "Auto Scaling group maximum size",
                value: self.max_size,
                max: MAX_INSTANCES_PER_CLUSTER,
            });
        }
        if self.max_size == 0 || self.min_size > self.max_size {
            return Err(ConfigError::AsgSize {
                provider: name.to_string(),
                min: self.min_size,
                max: self.max_size,
            });
        }
        if self.initial_size < self.min_size || self.initial_size > self.max_size {
            return Err(ConfigError::AsgInitial {
                provider: name.to_string(),
                initial: self.initial_size,
                min: self.min_size,
                max: self.max_size,
            });
        }
        if self.managed_termination_protection && self.managed_scaling.is_none() {
            return Err(ConfigError::TerminationProtectionNeedsScaling {
                provider: name.to_string(),
            });
        }
        if let Some(m) = &self.managed_scaling {
            if m.target_capacity == 0 || m.target_capacity > 100 {
                return Err(ConfigError::TargetCapacity {
                    value: m.target_capacity,
                });
            }
            let step_ok = |s: u32| (1..=10_000).contains(&s);
            if !step_ok(m.minimum_scaling_step_size)
                || !step_ok(m.maximum_scaling_step_size)
                || m.minimum_scaling_step_size > m.maximum_scaling_step_size
            {
                return Err(ConfigError::ScalingStep {
                    min: m.minimum_scaling_step_size,
                    max: m.maximum_scaling_step_size,
                });
            }
            if m.instance_warmup_secs > 10_000 {
                return Err(ConfigError::Warmup {
                    secs: m.instance_warmup_secs,
                });
            }
        }
        Ok(())
    }
}

/// Managed scaling settings (spec 7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedScaling {
    /// targetCapacity, 1-100 (default 100).
    pub target_capacity: u32,
    /// minimumScalingStepSize (default 1).
    pub minimum_scaling_step_size: u32,
    /// maximumScalingStepSize (default 10,000).
    pub maximum_scaling_step_size: u32,
    /// instanceWarmupPeriod (default 300 s).
    pub instance_warmup_secs: u32,
}

impl Default for ManagedScaling {
    fn default() -> Self {
        ManagedScaling {
            target_capacity: 100,
            minimum_scaling_step_size: 1,
            maximum_scaling_step_size: 10_000,
            instance_warmup_secs: 300,
        }
    }
}

/// One item of a capacity provider strategy (spec 6.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyItem {
    /// Provider name.
    pub provider: String,
    /// Tasks that go to this provider first (0-100,000; at most one item may set it).
    pub base: u32,
    /// Relative share of the rest (0-1,000; API default 0).
    pub weight: u32,
}

/// Service auto scaling: the scalable target and its policies (spec 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalingConfig {
    /// MinCapacity (may be 0 for ECS).
    pub min: u32,
    /// MaxCapacity.
    pub max: u32,
    /// Dynamic policies (target tracking and step scaling, any mix).
    pub policies: Vec<ScalingPolicy>,
    /// Scheduled actions.
    pub scheduled: Vec<ScheduledAction>,
    /// DynamicScalingInSuspended.
    pub suspend_scale_in: bool,
    /// DynamicScalingOutSuspended.
    pub suspend_scale_out: bool,
    /// ScheduledScalingSuspended.
    pub suspend_scheduled: bool,
}

impl Default for ScalingConfig {
    fn default() -> Self {
        ScalingConfig {
            min: 1,
            max: 10,
            policies: vec![ScalingPolicy::TargetTracking(TargetTracking::default())],
            scheduled: Vec::new(),
            suspend_scale_in: false,
            suspend_scale_out: false,
            suspend_scheduled: false,
        }
    }
}

impl ScalingConfig {
    fn validate(&self, service: &ServiceConfig) -> Result<(), ConfigError> {
        if self.max > MAX_TASKS_PER_SERVICE {
            return Err(ConfigError::Quota {
                what: "maximum task count",
                value: self.max,
                max: MAX_TASKS_PER_SERVICE,
            });
        }
        if self.min > self.max {
            return Err(ConfigError::ScalingMinAboveMax {
                min: self.min,
                max: self.max,
            });
        }
        if service.scheduling == SchedulingStrategy::Daemon {
            return Err(ConfigError::DaemonScaling);
        }
        for p in &self.policies {
            match p {
                ScalingPolicy::TargetTracking(tt) => {
                    if !(tt.target.is_finite() && tt.target > 0.0) {
                        return Err(ConfigError::TargetValue { value: tt.target });
                    }
                }
                ScalingPolicy::Step(s) => s.validate()?,
            }
        }
        for a in &self.scheduled {
            if let Some(v) = a
                .min
                .into_iter()
                .chain(a.max)
                .find(|v| *v > MAX_TASKS_PER_SERVICE)
            {
                return Err(ConfigError::Quota {
                    what: "scheduled capacity",
                    value: v,
                    max: MAX_TASKS_PER_SERVICE,
                });
            }
            if let (Some(min), Some(max)) = (a.min, a.max)
                && min > max
            {
                return Err(ConfigError::ScheduledMinAboveMax {
                    name: a.name.clone(),
                    min,
                    max,
                });
            }
            if a.min.is_none() && a.max.is_none() {
                return Err(ConfigError::ScheduledEmpty {
                    name: a.name.clone(),
                });
            }
        }
        Ok(())
    }
}

/// The metric a policy watches (spec 5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// ECSServiceAverageCPUUtilization (%).
    #[default]
    Cpu,
    /// ECSServiceAverageMemoryUtilization (%).
    Memory,
    /// ALBRequestCountPerTarget (requests per target per minute).
    Requests,
    /// A custom metric: SQS backlog per task (messages).
    Backlog,
}

impl MetricKind {
    /// The CloudWatch-style name.
    pub fn name(self) -> &'static str {
        match self {
            MetricKind::Cpu => "ECSServiceAverageCPUUtilization",
            MetricKind::Memory => "ECSServiceAverageMemoryUtilization",
            MetricKind::Requests => "ALBRequestCountPerTarget",
            MetricKind::Backlog => "BacklogPerTask",
        }
    }

    /// A short label with unit, e.g. "CPU %".
    pub fn label(self) -> &'static str {
        match self {
            MetricKind::Cpu => "CPU %",
            MetricKind::Memory => "memory %",
            MetricKind::Requests => "requests/target/min",
            MetricKind::Backlog => "backlog/task",
        }
    }
}

impl std::str::FromStr for MetricKind {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "cpu" => Ok(MetricKind::Cpu),
            "memory" => Ok(MetricKind::Memory),
            "requests" => Ok(MetricKind::Requests),
            "backlog" => Ok(MetricKind::Backlog),
            _ => Err(ConfigError::Preset(format!(
                "unknown metric `{s}`: use one of cpu, memory, requests, backlog"
            ))),
        }
    }
}

/// A dynamic scaling policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalingPolicy {
    /// Target tracking.
    TargetTracking(TargetTracking),
    /// Step scaling.
    Step(StepScaling),
}

impl ScalingPolicy {
    /// The policy's name.
    pub fn name(&self) -> &str {
        match self {
            ScalingPolicy::TargetTracking(t) => &t.name,
            ScalingPolicy::Step(s) => &s.name,
        }
    }

    /// The metric it watches.
    pub fn metric(&self) -> MetricKind {
        match self {
            ScalingPolicy::TargetTracking(t) => t.metric,
            ScalingPolicy::Step(s) => s.metric,
        }
    }
}

/// A target tracking policy (spec 5.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetTracking {
    /// Policy name.
    pub name: String,
    /// Metric.
    pub metric: MetricKind,
    /// TargetValue.
    pub target: f64,
    /// DisableScaleIn.
    pub disable_scale_in: bool,
    /// ScaleOutCooldown (ECS default 300 s).
    pub scale_out_cooldown_secs: u32,
    /// ScaleInCooldown (ECS default 300 s).
    pub scale_in_cooldown_secs: u32,
}

impl Default for TargetTracking {
    fn default() -> Self {
        TargetTracking {
            name: "cpu-target".into(),
            metric: MetricKind::Cpu,
            target: 50.0,
            disable_scale_in: false,
            scale_out_cooldown_secs: 300,
            scale_in_cooldown_secs: 300,
        }
    }
}

/// Step scaling adjustment types (spec 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentType {
    /// Add or remove n tasks.
    ChangeInCapacity,
    /// Set desired to n.
    ExactCapacity,
    /// Change by n% of the current capacity.
    PercentChangeInCapacity,
}

/// How the alarm's datapoints are aggregated when a step policy runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Average (default).
    #[default]
    Average,
    /// Minimum.
    Minimum,
    /// Maximum.
    Maximum,
}

/// Comparison of a step policy's alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// metric > threshold.
    Greater,
    /// metric >= threshold.
    GreaterOrEqual,
    /// metric < threshold.
    Less,
    /// metric <= threshold.
    LessOrEqual,
}

impl Comparison {
    /// Does `value` breach `threshold`?
    pub fn breaches(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::Greater => value > threshold,
            Comparison::GreaterOrEqual => value >= threshold,
            Comparison::Less => value < threshold,
            Comparison::LessOrEqual => value <= threshold,
        }
    }

    /// The symbol, for messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
        }
    }
}

/// The CloudWatch alarm a step policy owns.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StepAlarm {
    /// Threshold.
    pub threshold: f64,
    /// Comparison.
    pub comparison: Comparison,
    /// Evaluation periods (1-minute periods).
    pub evaluation_periods: u32,
    /// Datapoints to alarm (<= evaluation periods).
    pub datapoints_to_alarm: u32,
}

/// One step: bounds relative to the alarm threshold, `None` = infinity (spec 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StepAdjustment {
    /// MetricIntervalLowerBound.
    pub lower: Option<f64>,
    /// MetricIntervalUpperBound.
    pub upper: Option<f64>,
    /// ScalingAdjustment.
    pub adjustment: i32,
}

/// A step scaling policy with its alarm (spec 5.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepScaling {
    /// Policy name.
    pub name: String,
    /// Metric of the alarm.
    pub metric: MetricKind,
    /// The alarm.
    pub alarm: StepAlarm,
    /// AdjustmentType.
    pub adjustment_type: AdjustmentType,
    /// StepAdjustments.
    pub steps: Vec<StepAdjustment>,
    /// MinAdjustmentMagnitude (percent changes only).
    pub min_adjustment_magnitude: Option<u32>,
    /// Cooldown (default 300 s).
    pub cooldown_secs: u32,
    /// MetricAggregationType.
    pub aggregation: Aggregation,
}

impl StepScaling {
    /// The scale-out half of the documented example (A7): threshold 50, percent steps
    /// [0,10) 0, [10,20) +10, [20,inf) +30.
    pub fn example_out(metric: MetricKind, threshold: f64) -> Self {
        StepScaling {
            name: "step-out".into(),
            metric,
            alarm: StepAlarm {
                threshold,
                comparison: Comparison::Greater,
                evaluation_periods: 3,
                datapoints_to_alarm: 3,
            },
            adjustment_type: AdjustmentType::PercentChangeInCapacity,
            steps: vec![
                StepAdjustment {
                    lower: Some(0.0),
                    upper: Some(10.0),
                    adjustment: 0,
                },
                StepAdjustment {
                    lower: Some(10.0),
                    upper: Some(20.0),
                    adjustment: 10,
                },
                StepAdjustment {
                    lower: Some(20.0),
                    upper: None,
                    adjustment: 30,
                },
            ],
            min_adjustment_magnitude: None,
            cooldown_secs: 300,
            aggregation: Aggregation::Average,
        }
    }

    /// The scale-in half of the documented example (A7): (-10,0] 0, (-20,-10] -10,
    /// (-inf,-20] -30.
    pub fn example_in(metric: MetricKind, threshold: f64) -> Self {
        StepScaling {
            name: "step-in".into(),
            metric,
            alarm: StepAlarm {
                threshold,
                comparison: Comparison::Less,
                evaluation_periods: 15,
                datapoints_to_alarm: 15,
            },
            adjustment_type: AdjustmentType::PercentChangeInCapacity,
            steps: vec![
                StepAdjustment {
                    lower: Some(-10.0),
                    upper: Some(0.0),
                    adjustment: 0,
                },
                StepAdjustment {
                    lower: Some(-20.0),
                    upper: Some(-10.0),
                    adjustment: -10,
                },
                StepAdjustment {
                    lower: None,
                    upper: Some(-20.0),
                    adjustment: -30,
                },
            ],
            min_adjustment_magnitude: None,
            cooldown_secs: 300,
            aggregation: Aggregation::Average,
        }
    }

    /// Check the step list: no gaps, no overlaps, at most one open end on each side, never
    /// both ends open in one step; exact capacities not negative.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let err = |reason: &str| ConfigError::Steps {
            policy: self.name.clone(),
            reason: reason.to_string(),
        };
        if self.steps.is_empty() {
            return Err(err("a step policy needs at least one step"));
        }
        if self.alarm.evaluation_periods == 0
            || self.alarm.datapoints_to_alarm == 0
            || self.alarm.datapoints_to_alarm > self.alarm.evaluation_periods
        {
            return Err(err(
                "the alarm needs 1 <= datapoints to alarm <= evaluation periods",
            ));
        }
        let mut steps = self.steps.clone();
        for s in &steps {
            if s.lower.is_none() && s.upper.is_none() {
                return Err(err("a step cannot leave both bounds open"));
            }
            if let (Some(l), Some(u)) = (s.lower, s.upper)
                && l >= u
            {
                return Err(err("a step's lower bound must be below its upper bound"));
            }
            if self.adjustment_type == AdjustmentType::ExactCapacity && s.adjustment < 0 {
                return Err(err("ExactCapacity adjustments must be 0 or more"));
            }
        }
        if steps.iter().filter(|s| s.lower.is_none()).count() > 1
            || steps.iter().filter(|s| s.upper.is_none()).count() > 1
        {
            return Err(err("at most one step may be open on each side"));
        }
        steps.sort_by(|a, b| {
            let la = a.lower.unwrap_or(f64::NEG_INFINITY);
            let lb = b.lower.unwrap_or(f64::NEG_INFINITY);
            la.total_cmp(&lb)
        });
        for w in steps.windows(2) {
            match (w[0].upper, w[1].lower) {
                (Some(u), Some(l)) if u == l => {}
                (Some(u), Some(l)) if u < l => return Err(err("the steps leave a gap")),
                _ => return Err(err("the steps overlap")),
            }
        }
        Ok(())
    }
}

/// A scheduled action (spec 5.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledAction {
    /// Name.
    pub name: String,
    /// `at(...)`, `rate(...)` or `cron(...)`.
    pub schedule: Schedule,
    /// New MinCapacity.
    pub min: Option<u32>,
    /// New MaxCapacity.
    pub max: Option<u32>,
    /// StartTime (UTC).
    #[serde(with = "rfc3339::option", default)]
    pub start_time: Option<DateTime<Utc>>,
    /// EndTime (UTC).
    #[serde(with = "rfc3339::option", default)]
    pub end_time: Option<DateTime<Utc>>,
}

/// The load offered to the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadConfig {
    /// The shape over time.
    pub preset: LoadPreset,
    /// Multiplicative noise per second, uniform in +/- this fraction (seeded).
    pub noise: f64,
    /// Requests (or messages) per second one task handles at 100% CPU.
    pub rps_per_task: f64,
    /// Memory utilisation of an idle task (%).
    pub memory_base_percent: f64,
    /// Extra memory % per CPU % (memory = base + slope x CPU).
    pub memory_per_cpu: f64,
}

impl Default for LoadConfig {
    fn default() -> Self {
        LoadConfig {
            preset: LoadPreset::Steady { rps: 100.0 },
            noise: 0.03,
            rps_per_task: 100.0,
            memory_base_percent: 25.0,
            memory_per_cpu: 0.4,
        }
    }
}

impl LoadConfig {
    fn validate(&self) -> Result<(), ConfigError> {
        if !(0.0..1.0).contains(&self.noise) {
            return Err(ConfigError::Load {
                reason: format!("noise must be in [0, 1), got {}", self.noise),
            });
        }
        if !(self.rps_per_task.is_finite() && self.rps_per_task > 0.0) {
            return Err(ConfigError::Load {
                reason: "requests per task must be above 0".into(),
            });
        }
        self.preset.validate()
    }
}

/// Load shapes. Rates are requests (or messages) per second; times are minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "shape")]
pub enum LoadPreset {
    /// Constant load.
    Steady {
        /// Requests per second.
        rps: f64,
    },
    /// Base load with one rectangular spike.
    Spike {
        /// Load outside the spike.
        base_rps: f64,
        /// Load during the spike.
        peak_rps: f64,
        /// Minute the spike begins.
        start_min: u32,
        /// Length of the spike in minutes.
        duration_min: u32,
    },
    /// A sine wave between low and high ("a day" compressed into `period_min`).
    DailyWave {
        /// Trough.
        low_rps: f64,
        /// Peak.
        high_rps: f64,
        /// Period in minutes.
        period_min: u32,
    },
    /// Queue workers: messages arrive fast for a while (backlog grows), then slowly
    /// (backlog drains). Tasks take messages at `rps_per_task` each when busy.
    SqsBacklog {
        /// Arrival rate while the backlog grows.
        arrival_rps: f64,
        /// Minutes of fast arrivals.
        grow_min: u32,
        /// Arrival rate afterwards.
        tail_rps: f64,
    },
    /// A custom series, one value per minute (the last value holds afterwards).
    Series {
        /// Requests per second for minute 0, 1, ...
        per_minute: Vec<f64>,
    },
}

impl LoadPreset {
    /// The spike preset used by the CLI and the visualiser: 140 rps, 420 rps from minute 5
    /// for 20 minutes (3 tasks at 46.7 % before, 9 tasks at 46.7 % during the spike).
    pub fn spike() -> Self {
        LoadPreset::Spike {
            base_rps: 140.0,
            peak_rps: 420.0,
            start_min: 5,
            duration_min: 20,
        }
    }

    /// The daily wave preset: 60 to 400 rps over a 60-minute "day".
    pub fn daily_wave() -> Self {
        LoadPreset::DailyWave {
            low_rps: 60.0,
            high_rps: 400.0,
            period_min: 60,
        }
    }

    /// The SQS preset: 500 msg/s for 15 minutes, then 20 msg/s.
    pub fn sqs_backlog() -> Self {
        LoadPreset::SqsBacklog {
            arrival_rps: 500.0,
            grow_min: 15,
            tail_rps: 20.0,
        }
    }

    /// The steady preset: 150 rps.
    pub fn steady() -> Self {
        LoadPreset::Steady { rps: 150.0 }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let ok = |v: f64| v.is_finite() && v >= 0.0;
        let good = match self {
            LoadPreset::Steady { rps } => ok(*rps),
            LoadPreset::Spike {
                base_rps, peak_rps, ..
            } => ok(*base_rps) && ok(*peak_rps),
            LoadPreset::DailyWave {
                low_rps,
                high_rps,
                period_min,
            } => ok(*low_rps) && ok(*high_rps) && low_rps <= high_rps && *period_min > 0,
            LoadPreset::SqsBacklog {
                arrival_rps,
                tail_rps,
                ..
            } => ok(*arrival_rps) && ok(*tail_rps),
            LoadPreset::Series { per_minute } => per_minute.iter().all(|v| ok(*v)),
        };
        if good {
            Ok(())
        } else {
            Err(ConfigError::Load {
                reason: "load rates must be finite and not negative (and low <= high)".into(),
            })
        }
    }

    /// Whether this preset is a queue (backlog) rather than request traffic.
    pub fn is_queue(&self) -> bool {
        matches!(self, LoadPreset::SqsBacklog { .. })
    }
}

/// Durations of lifecycle phases. Those AWS documents carry their AWS defaults; the rest are
/// \[Model\] choices (spec 1.1: "AWS gives no numbers").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    /// PROVISIONING once placed (ENI attachment) \[Model: 5 s\].
    pub provisioning_secs: u32,
    /// PENDING (waiting for the agent) \[Model: 5 s\].
    pub pending_secs: u32,
    /// Image pull, part of ACTIVATING \[Model: 15 s\].
    pub image_pull_secs: u32,
    /// Container start, the rest of ACTIVATING \[Model: 5 s\].
    pub container_start_secs: u32,
    /// DEACTIVATING without a load balancer \[Model: 1 s\].
    pub deactivating_secs: u32,
    /// Time the application takes to exit after SIGTERM \[Model: 5 s\]; STOPPING lasts
    /// min(this, stop timeout).
    pub app_shutdown_secs: u32,
    /// stopTimeout (default 30 s; Fargate 2-120).
    pub stop_timeout_secs: u32,
    /// DEPROVISIONING \[Model: 5 s\].
    pub deprovisioning_secs: u32,
    /// A task without load balancer and health check counts as healthy this long after
    /// RUNNING (documented: 40 s).
    pub settle_secs: u32,
    /// EC2 instance boot until it registers with the cluster \[Model: 60 s\].
    pub instance_boot_secs: u32,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            provisioning_secs: 5,
            pending_secs: 5,
            image_pull_secs: 15,
            container_start_secs: 5,
            deactivating_secs: 1,
            app_shutdown_secs: 5,
            stop_timeout_secs: 30,
            deprovisioning_secs: 5,
            settle_secs: 40,
            instance_boot_secs: 60,
        }
    }
}

/// When a stopped task's CPU and memory become free on its instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CapacityRelease {
    /// When the task reaches STOPPED (default, spec 1.1 \[Model\]).
    #[default]
    AtStopped,
    /// As soon as the scheduler decides to stop it.
    AtStopDecision,
}

/// When the health check grace period clock starts (ambiguity X6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GraceClock {
    /// When the task reaches RUNNING (default).
    #[default]
    FromRunning,
    /// When the task is launched.
    FromLaunch,
}

/// How a scale-out during a rolling deployment is shared between revisions (spec 3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScaleOutSplit {
    /// In proportion to each revision's current share (default, 2025-11 behaviour).
    #[default]
    Proportional,
    /// All to the new revision (behaviour before 2025-11).
    NewOnly,
}

/// Day-of-week numbering in cron expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CronDayNumbering {
    /// EventBridge numbering, 1 = SUN ... 7 = SAT (current AWS docs; default).
    #[default]
    SundayIsOne,
    /// 1 = MON ... 7 = SUN, which the 2023 example "30 6 * * 2 * = every Tuesday" implies.
    MondayIsOne,
}

/// Every choice where AWS is silent or contradicts itself, with the spec's default. See the
/// module documentation for the list with reasons.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelChoices {
    /// X2: count DEACTIVATING/STOPPING/DEPROVISIONING tasks toward maximumPercent (default off).
    pub count_stopping_in_max: bool,
    /// X1: legacy circuit-breaker minimum threshold of 10 instead of 3 (default off).
    pub legacy_breaker_minimum: bool,
    /// 1.1: when stopped tasks free their instance capacity.
    pub capacity_release: CapacityRelease,
    /// X6: grace period clock.
    pub grace_clock: GraceClock,
    /// X6: the grace period also covers container health checks (default true).
    pub grace_covers_container_checks: bool,
    /// 1.6: start-failure backoff: 0 after the first failure, then this, doubling.
    pub throttle_base_secs: u32,
    /// 1.6: backoff cap (default 900 s).
    pub throttle_cap_secs: u32,
    /// 3.2: old tasks not counted healthy that may be stopped per tick, beyond the budget.
    pub unhealthy_old_stops_per_tick: u32,
    /// 3.2: stop older revisions before newer ones.
    pub stop_older_revisions_first: bool,
    /// 3.4: share of a scale-out during a deployment.
    pub scale_out_split: ScaleOutSplit,
    /// 1.5 (2025-11): a failed or killed task is replaced with a task of its own revision
    /// during a deployment.
    pub replace_with_own_revision: bool,
    /// 4.1: a rollback deployment adopts running tasks of the revision it returns to.
    pub rollback_adopts_tasks: bool,
    /// 3.2: a deployment completes only when its old tasks have reached STOPPED.
    pub complete_after_old_stopped: bool,
    /// X7: datapoints (1-minute) above target for the target-tracking high alarm.
    pub tt_high_datapoints: u32,
    /// X7: datapoints below `tt_low_factor x target` for the low alarm.
    pub tt_low_datapoints: u32,
    /// X7: low alarm threshold factor.
    pub tt_low_factor: f64,
    /// An alarm that stays in ALARM re-invokes its policy every minute.
    pub reinvoke_while_in_alarm: bool,
    /// X8: datapoints above target capacity for the cluster scale-out alarm.
    pub cas_high_datapoints: u32,
    /// X8: datapoints below target capacity for the cluster scale-in alarm.
    pub cas_low_datapoints: u32,
    /// X12: instances launched on the first scale-out from zero instances (CPR 200).
    pub cas_first_step_from_zero: u32,
    /// X10: maximum providers in one strategy.
    pub max_providers_per_strategy: u32,
    /// Cron day-of-week numbering (2023 example vs EventBridge).
    pub cron_day_numbering: CronDayNumbering,
    /// Cap on reported CPU utilisation (None: overload shows above 100%).
    pub utilisation_cap: Option<f64>,
    /// 4.1: circuit breaker percentages round up (as the documented 25 -> 13 case does).
    pub breaker_round_up: bool,
    /// X4: health check failures keep counting once a new task ran (current two-stage
    /// text); off = the 2023 reading, counting stops once the deployment has a running task.
    pub breaker_counts_health_failures: bool,
    /// X5: a desired-count change starts a new deployment (2023 guide); off = current API.
    pub desired_change_starts_deployment: bool,
    /// X7: target tracking scale-in rounds the new capacity up (removes fewer tasks).
    pub tt_scale_in_rounds_up: bool,
    /// X3: cluster scale-in removes at least one and less than half of the instances per
    /// minute; off = all excess empty instances at once.
    pub cas_gradual_scale_in: bool,
}

impl Default for ModelChoices {
    fn default() -> Self {
        ModelChoices {
            count_stopping_in_max: false,
            legacy_breaker_minimum: false,
            capacity_release: CapacityRelease::AtStopped,
            grace_clock: GraceClock::FromRunning,
            grace_covers_container_checks: true,
            throttle_base_secs: 30,
            throttle_cap_secs: 900,
            unhealthy_old_stops_per_tick: 1,
            stop_older_revisions_first: true,
            scale_out_split: ScaleOutSplit::Proportional,
            replace_with_own_revision: true,
            rollback_adopts_tasks: true,
            complete_after_old_stopped: true,
            tt_high_datapoints: 3,
            tt_low_datapoints: 15,
            tt_low_factor: 0.9,
            reinvoke_while_in_alarm: true,
            cas_high_datapoints: 1,
            cas_low_datapoints: 15,
            cas_first_step_from_zero: 2,
            max_providers_per_strategy: 20,
            cron_day_numbering: CronDayNumbering::SundayIsOne,
            utilisation_cap: None,
            breaker_round_up: true,
            breaker_counts_health_failures: true,
            desired_change_starts_deployment: false,
            tt_scale_in_rounds_up: true,
            cas_gradual_scale_in: true,
        }
    }
}

impl ModelChoices {
    fn validate(&self) -> Result<(), ConfigError> {
        if self.tt_high_datapoints == 0
            || self.tt_low_datapoints == 0
            || self.cas_high_datapoints == 0
            || self.cas_low_datapoints == 0
        {
            return Err(ConfigError::Model {
                reason: "alarm datapoints must be at least 1".into(),
            });
        }
        if !(self.tt_low_factor > 0.0 && self.tt_low_factor <= 1.0) {
            return Err(ConfigError::Model {
                reason: "the target-tracking low-alarm factor must be in (0, 1]".into(),
            });
        }
        if self.unhealthy_old_stops_per_tick == 0 {
            return Err(ConfigError::Model {
                reason: "at least one unhealthy old task must be stoppable per tick".into(),
            });
        }
        Ok(())
    }
}

/// Why a configuration was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// minimumHealthyPercent above 100.
    #[error("minimum healthy percent must be between 0 and 100 (got {value})")]
    MinHealthyRange {
        /// Given value.
        value: u32,
    },
    /// minimumHealthyPercent above maximumPercent.
    #[error("minimum healthy percent ({min_healthy}) is above maximum percent ({max_percent})")]
    MinHealthyAboveMax {
        /// Given minimum.
        min_healthy: u32,
        /// Given maximum.
        max_percent: u32,
    },
    /// maximumPercent below 100 for a replica service.
    #[error(
        "maximum percent must be at least 100 for a replica service (got {value}): below that ECS could never run the desired count"
    )]
    MaxPercentBelow100 {
        /// Given value.
        value: u32,
    },
    /// DAEMON with maximumPercent other than 100.
    #[error("a daemon service must keep maximum percent at 100 (got {value})")]
    DaemonMaxPercent {
        /// Given value.
        value: u32,
    },
    /// DAEMON on Fargate.
    #[error("the DAEMON scheduling strategy is not available on Fargate")]
    DaemonOnFargate,
    /// DAEMON with circuit breaker.
    #[error("the deployment circuit breaker is for replica services only")]
    DaemonCircuitBreaker,
    /// DAEMON with service auto scaling.
    #[error("a daemon service has no desired count to scale")]
    DaemonScaling,
    /// More than four placement strategies.
    #[error("at most 4 placement strategies per service (got {count})")]
    TooManyPlacementStrategies {
        /// Given count.
        count: usize,
    },
    /// Invalid Fargate size.
    #[error(transparent)]
    Fargate(#[from] fargate::FargateSizeError),
    /// EC2 task size out of range.
    #[error(
        "EC2 task CPU must be 128 to 196,608 units and memory above 0 (got {cpu} CPU, {memory} MiB)"
    )]
    Ec2TaskSize {
        /// CPU units.
        cpu: u32,
        /// Memory MiB.
        memory: u32,
    },
    /// Health check setting out of range.
    #[error("{what} must be between {min} and {max} (got {value})")]
    HealthCheckRange {
        /// Which setting.
        what: &'static str,
        /// Given value.
        value: u32,
        /// Lowest allowed.
        min: u32,
        /// Highest allowed.
        max: u32,
    },
    /// Circuit breaker threshold invalid.
    #[error("circuit breaker threshold must be a count above 0 or a percentage from 1 to 100")]
    BreakerThreshold,
    /// Deployment alarm shape invalid.
    #[error("deployment alarm period and evaluation periods must be above 0")]
    AlarmShape,
    /// stopTimeout out of the Fargate range.
    #[error("stop timeout on Fargate must be 2 to 120 seconds (got {secs})")]
    StopTimeout {
        /// Given value.
        secs: u32,
    },
    /// No availability zones.
    #[error("the cluster needs at least one availability zone")]
    NoAvailabilityZones,
    /// Bad instance type.
    #[error("instance type {name} needs CPU and memory above 0")]
    InstanceType {
        /// Type name.
        name: String,
    },
    /// Empty strategy.
    #[error("a capacity provider strategy needs at least one provider")]
    EmptyStrategy,
    /// Too many providers.
    #[error("a capacity provider strategy may hold at most {max} providers (got {count})")]
    TooManyProviders {
        /// Given count.
        count: usize,
        /// Allowed.
        max: u32,
    },
    /// Unknown provider in strategy.
    #[error("capacity provider {name} is not associated with the cluster")]
    UnknownProvider {
        /// Name.
        name: String,
    },
    /// Provider listed twice.
    #[error("capacity provider {name} appears twice in the strategy")]
    DuplicateProvider {
        /// Name.
        name: String,
    },
    /// Fargate and ASG providers mixed.
    #[error("a capacity provider strategy cannot mix Fargate and Auto Scaling group providers")]
    MixedProviders,
    /// More than one base.
    #[error("only one capacity provider in a strategy can have a base")]
    SeveralBases,
    /// All weights zero.
    #[error("at least one capacity provider in the strategy needs a weight above 0")]
    AllWeightsZero,
    /// Weight out of range.
    #[error("weight of {provider} must be 0 to 1,000 (got {weight})")]
    WeightRange {
        /// Provider.
        provider: String,
        /// Given weight.
        weight: u32,
    },
    /// Base out of range.
    #[error("base of {provider} must be 0 to 100,000 (got {base})")]
    BaseRange {
        /// Provider.
        provider: String,
        /// Given base.
        base: u32,
    },
    /// Fargate Spot with Windows.
    #[error("FARGATE_SPOT runs Linux tasks only")]
    SpotWindows,
    /// ASG min/max invalid.
    #[error(
        "Auto Scaling group {provider} needs 0 <= min <= max and max above 0 (got min {min}, max {max})"
    )]
    AsgSize {
        /// Provider.
        provider: String,
        /// Min.
        min: u32,
        /// Max.
        max: u32,
    },
    /// ASG initial size outside min/max.
    #[error("Auto Scaling group {provider} starts with {initial} instances, outside {min}..{max}")]
    AsgInitial {
        /// Provider.
        provider: String,
        /// Initial.
        initial: u32,
        /// Min.
        min: u32,
        /// Max.
        max: u32,
    },
    /// Managed termination protection without managed scaling.
    #[error("managed termination protection on {provider} needs managed scaling")]
    TerminationProtectionNeedsScaling {
        /// Provider.
        provider: String,
    },
    /// targetCapacity out of range.
    #[error("target capacity must be above 0 and at most 100 (got {value})")]
    TargetCapacity {
        /// Given value.
        value: u32,
    },
    /// Step sizes out of range.
    #[error("scaling step sizes must be 1 to 10,000 with min <= max (got min {min}, max {max})")]
    ScalingStep {
        /// Min step.
        min: u32,
        /// Max step.
        max: u32,
    },
    /// Warm-up out of range.
    #[error("instance warm-up must be 0 to 10,000 seconds (got {secs})")]
    Warmup {
        /// Given value.
        secs: u32,
    },
    /// Scalable target min above max.
    #[error("minimum task count ({min}) is above maximum task count ({max})")]
    ScalingMinAboveMax {
        /// Min.
        min: u32,
        /// Max.
        max: u32,
    },
    /// Target value invalid.
    #[error("target value must be a number above 0 (got {value})")]
    TargetValue {
        /// Given value.
        value: f64,
    },
    /// Step list invalid.
    #[error("step policy {policy}: {reason}")]
    Steps {
        /// Policy.
        policy: String,
        /// What is wrong.
        reason: String,
    },
    /// Scheduled action min above max.
    #[error("scheduled action {name}: min {min} is above max {max}")]
    ScheduledMinAboveMax {
        /// Action.
        name: String,
        /// Min.
        min: u32,
        /// Max.
        max: u32,
    },
    /// Scheduled action without bounds.
    #[error("scheduled action {name} must set a minimum, a maximum or both")]
    ScheduledEmpty {
        /// Action.
        name: String,
    },
    /// Bad schedule expression.
    #[error(transparent)]
    Schedule(#[from] super::schedule::ScheduleError),
    /// Load invalid.
    #[error("load: {reason}")]
    Load {
        /// What is wrong.
        reason: String,
    },
    /// Initial tasks do not fit.
    #[error("the {tasks} initial tasks do not fit the cluster (room for {room})")]
    InitialTasksDoNotFit {
        /// Tasks.
        tasks: u32,
        /// Room.
        room: u32,
    },
    /// Model choice invalid.
    #[error("model setting: {reason}")]
    Model {
        /// What is wrong.
        reason: String,
    },
    /// Above an AWS default quota.
    #[error("{what} {value} is above the AWS default quota of {max}")]
    Quota {
        /// What.
        what: &'static str,
        /// Given value.
        value: u32,
        /// The quota.
        max: u32,
    },
    /// Unknown preset name or value.
    #[error("{0}")]
    Preset(String),
}
