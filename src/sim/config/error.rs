//! Why a configuration was refused.

use super::super::fargate;
use super::super::schedule;

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
    /// A placement constraint the simulator cannot use.
    #[error("placement: {reason}")]
    Placement {
        /// Why.
        reason: String,
    },
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
    Schedule(#[from] schedule::ScheduleError),
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
    /// A blue/green, linear, canary or CodeDeploy setting out of range or not allowed.
    #[error("{reason}")]
    TrafficShift {
        /// What is wrong.
        reason: String,
    },
    /// Unknown preset name or value.
    #[error("{0}")]
    Preset(String),
}
