//! Where tasks run: Fargate, fixed EC2 instances or a capacity provider strategy.

use serde::{Deserialize, Serialize};

use super::super::fargate::OsFamily;
use super::{ConfigError, MAX_INSTANCES_PER_CLUSTER, ModelChoices, ServiceConfig, TaskSize};

/// Where tasks run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Launch type or capacity providers.
    pub capacity: Capacity,
    /// Availability zones of the cluster (instances and Fargate tasks are spread over them).
    pub availability_zones: u8,
    /// Quota "tasks in the PROVISIONING state per cluster" \[Model: 500\].
    pub provisioning_quota: u32,
    /// `ECS_RESERVED_MEMORY` of the container agent on every instance (MiB, default 0):
    /// memory kept back from tasks.
    pub reserved_memory: u32,
    /// The AZ of each fixed EC2 instance, in order (empty: round robin over the AZs).
    #[serde(default)]
    pub instance_azs: Vec<u8>,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            capacity: Capacity::Fargate { quota: None },
            availability_zones: 3,
            provisioning_quota: 500,
            reserved_memory: 0,
            instance_azs: Vec::new(),
        }
    }
}

impl ClusterConfig {
    /// A fixed EC2 cluster that fits exactly `tasks` tasks of `size`: instances of the
    /// default type (4 default tasks each) and a smaller last one for the remainder.
    pub fn ec2_fitting(tasks: u32, size: TaskSize) -> Self {
        let itype = InstanceType::default();
        let per = itype.fits(size, 0).max(1);
        let mut instances = Vec::new();
        let mut left = tasks;
        while left > 0 {
            let n = left.min(per);
            instances.push(if n == per && itype.fits(size, 0) > 0 {
                itype.clone()
            } else {
                InstanceType {
                    name: format!("custom ({n} task slots)"),
                    cpu: size.cpu * n,
                    memory: size.memory * n,
                    overhead: 0,
                }
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

    pub(super) fn validate(
        &self,
        service: &ServiceConfig,
        model: &ModelChoices,
    ) -> Result<(), ConfigError> {
        if self.availability_zones == 0 {
            return Err(ConfigError::NoAvailabilityZones);
        }
        if let Some(az) = self
            .instance_azs
            .iter()
            .find(|az| **az >= self.availability_zones)
        {
            return Err(ConfigError::Placement {
                reason: format!(
                    "an instance is in AZ {}, but the cluster has {} AZs",
                    super::az_name(*az),
                    self.availability_zones
                ),
            });
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
                    i.validate(self.reserved_memory)?;
                }
                Ok(())
            }
            Capacity::Providers {
                providers,
                strategy,
            } => validate_strategy(providers, strategy, service, model, self.reserved_memory),
        }
    }
}

fn validate_strategy(
    providers: &[ProviderConfig],
    strategy: &[StrategyItem],
    service: &ServiceConfig,
    model: &ModelChoices,
    reserved: u32,
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
                a.validate(&p.name, reserved)?;
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

/// An EC2 instance type as the simulator sees it: CPU units, installed memory, and the
/// memory the kernel and platform keep, which the container agent does not register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceType {
    /// Display name.
    pub name: String,
    /// CPU units (1024 per vCPU).
    pub cpu: u32,
    /// Installed memory (MiB), as EC2 advertises it.
    pub memory: u32,
    /// Memory the kernel and platform keep (MiB): the agent registers `memory` minus this
    /// (and minus `ECS_RESERVED_MEMORY`).
    pub overhead: u32,
}

impl Default for InstanceType {
    /// A c5.large: 2 vCPU, 4 GiB installed, 3,992 MiB registered.
    fn default() -> Self {
        InstanceType::ec2("c5.large", 2048, 4096)
    }
}

/// Memory the kernel and platform keep on an instance with `installed` MiB \[Model\]:
/// scaled from the example of
/// <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html>
/// (an m4.large has 8 GiB installed and 7,985 MiB for tasks): `installed x 207 / 8192`,
/// rounded up.
pub fn platform_overhead(installed: u32) -> u32 {
    (u64::from(installed) * 207).div_ceil(8192) as u32
}

impl InstanceType {
    /// An EC2 instance type with `installed` MiB of memory and the modelled overhead.
    pub fn ec2(name: &str, cpu: u32, installed: u32) -> Self {
        InstanceType {
            name: name.into(),
            cpu,
            memory: installed,
            overhead: platform_overhead(installed),
        }
    }

    /// The memory the container agent registers (MiB), with `ECS_RESERVED_MEMORY` =
    /// `reserved`.
    pub fn registered_memory(&self, reserved: u32) -> u32 {
        self.memory
            .saturating_sub(self.overhead)
            .saturating_sub(reserved)
    }

    /// How many tasks of `size` fit on an empty instance of this type.
    pub fn fits(&self, size: TaskSize, reserved: u32) -> u32 {
        if size.cpu == 0 || size.memory == 0 {
            return 0;
        }
        (self.cpu / size.cpu).min(self.registered_memory(reserved) / size.memory)
    }

    pub(super) fn validate(&self, reserved: u32) -> Result<(), ConfigError> {
        if self.cpu == 0 || self.registered_memory(reserved) == 0 {
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
    pub(super) fn validate(&self, name: &str, reserved: u32) -> Result<(), ConfigError> {
        self.instance_type.validate(reserved)?;
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
