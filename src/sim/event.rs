//! The event log: every decision in plain words, with its simulated time and a structured
//! kind that carries the numbers (for charts, marks and generated questions).

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::config::{AdjustmentType, Aggregation, Comparison, Controller, MetricKind, Stage};
use super::placement::PlacementWhy;

/// One entry of the event log.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Simulated time in seconds.
    pub t: u64,
    /// What happened, with its numbers.
    pub kind: EventKind,
}

impl Event {
    /// The plain-words message, e.g. `stopped 4 old tasks: 6 healthy stay ≥ lower limit 6`.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// True for scheduler, scaling and capacity decisions (the points where the visualiser
    /// can ask "what happens next?").
    pub fn is_decision(&self) -> bool {
        self.kind.is_decision()
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", clock(self.t), self.kind)
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Event", 3)?;
        st.serialize_field("t", &self.t)?;
        st.serialize_field("message", &self.message())?;
        st.serialize_field("kind", &self.kind)?;
        st.end()
    }
}

/// `mm:ss` (or `h:mm:ss`) for a time in seconds.
pub fn clock(t: u64) -> String {
    let (h, m, s) = (t / 3600, (t / 60) % 60, t % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

fn tasks(n: u32) -> &'static str {
    if n == 1 { "task" } else { "tasks" }
}

use super::config::duration as minutes;

fn instances(n: u32) -> &'static str {
    if n == 1 { "instance" } else { "instances" }
}

/// Old (being replaced) or new (current revision) tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Tasks of the revision being deployed (the "new" tasks during a deployment).
    New,
    /// Tasks being replaced: older revisions, or tasks on a draining instance.
    Old,
    /// Tasks of a service that is not replacing anything.
    Current,
    /// Tasks of a rollback deployment (the last completed revision coming back).
    Rollback,
}

impl Role {
    /// Every role, in the order of its discriminant.
    pub const ALL: [Role; 4] = [Role::New, Role::Old, Role::Current, Role::Rollback];

    /// "new", "old", "rollback" or nothing, to put before "task(s)".
    fn word(self) -> &'static str {
        match self {
            Role::New => "new ",
            Role::Old => "old ",
            Role::Current => "",
            Role::Rollback => "rollback ",
        }
    }
}

/// Why tasks were started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartReason {
    /// To reach the desired count (a deployment, a scale-out or a lost task).
    Desired,
    /// To replace an unhealthy task before stopping it.
    ReplaceUnhealthy,
    /// A scale-out during a deployment adds to the old revision too.
    ScaleOutShare,
    /// A failed or killed task of the old revision is replaced by its own revision.
    OwnRevision,
    /// A daemon task for an instance that has none.
    Daemon,
    /// The green revision of a blue/green, linear or canary deployment, beside blue.
    Green,
}

/// What capped a start batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartLimit {
    /// Everything wanted was started.
    None,
    /// D - newLive: the desired count is covered.
    Desired,
    /// U - inflight: the upper limit.
    Upper,
    /// Free capacity on the container instances.
    Capacity,
    /// The tasks started per second ([`ModelChoices::starts_per_second`](super::config::ModelChoices)).
    PerSecond,
}

/// Why tasks were stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// Replaced by a deployment.
    Deployment,
    /// The desired count went down.
    ScaleIn,
    /// Failed its health checks; stopped after its replacement became healthy.
    ReplacedUnhealthy,
    /// Failed its health checks and there was no room to start a replacement first.
    Unhealthy,
    /// Its container instance is draining.
    Draining,
    /// The essential container exited before the task reached RUNNING.
    FailedToStart,
    /// The essential container exited while RUNNING.
    Crashed,
    /// Fargate Spot reclaimed the capacity.
    SpotInterruption,
    /// Its instance was terminated under it.
    InstanceTerminated,
    /// The placement it waited for was cancelled.
    Cancelled,
    /// Blue's tasks after a traffic-shifting deployment's bake time.
    CleanUp,
}

impl StopReason {
    fn words(self) -> &'static str {
        match self {
            StopReason::Deployment => "replaced by the deployment",
            StopReason::ScaleIn => "desired count went down",
            StopReason::ReplacedUnhealthy => "unhealthy; its replacement is healthy",
            StopReason::Unhealthy => "unhealthy; no room to start a replacement first",
            StopReason::Draining => "its instance is draining",
            StopReason::FailedToStart => "essential container exited before RUNNING",
            StopReason::Crashed => "essential container exited",
            StopReason::SpotInterruption => "Fargate Spot interruption",
            StopReason::InstanceTerminated => "its instance was terminated",
            StopReason::Cancelled => "no longer needed",
            StopReason::CleanUp => "blue is cleaned up after the bake time",
        }
    }
}

/// Why a deployment cannot make progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum StuckReason {
    /// Neither a stop nor a start is allowed by minimumHealthyPercent / maximumPercent.
    DeploymentConfiguration {
        /// H.
        healthy: u32,
        /// L.
        lower: u32,
        /// Tasks in flight.
        in_flight: u32,
        /// U.
        upper: u32,
    },
    /// EC2 launch type and no instance has room.
    NoContainerInstance,
    /// Tasks wait in PROVISIONING and the provider cannot grow.
    ProviderCannotGrow {
        /// Provider name.
        provider: String,
    },
    /// The Fargate task quota is reached.
    FargateQuota,
    /// FARGATE_SPOT has no capacity now.
    SpotUnavailable,
    /// The quota of tasks in PROVISIONING is reached.
    ProvisioningQuota,
}

impl fmt::Display for StuckReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StuckReason::DeploymentConfiguration {
                healthy,
                lower,
                in_flight,
                upper,
            } => write!(
                f,
                "unable to stop or start tasks during a deployment because of the service deployment configuration: stopping would leave {} healthy < lower limit {lower}, starting would make {} in flight > upper limit {upper}",
                healthy.saturating_sub(1),
                in_flight + 1
            ),
            StuckReason::NoContainerInstance => write!(
                f,
                "unable to place a task because no container instance met all of its requirements"
            ),
            StuckReason::ProviderCannotGrow { provider } => write!(
                f,
                "tasks wait in PROVISIONING: capacity provider {provider} cannot add instances (at maximum size, managed scaling off, or the task is larger than its instance type)"
            ),
            StuckReason::FargateQuota => write!(f, "the Fargate task quota is reached"),
            StuckReason::SpotUnavailable => {
                write!(f, "FARGATE_SPOT has no spare capacity right now")
            }
            StuckReason::ProvisioningQuota => write!(
                f,
                "the quota of tasks waiting in PROVISIONING per cluster is reached"
            ),
        }
    }
}

/// Which managed alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmSide {
    /// Scale-out alarm.
    High,
    /// Scale-in alarm.
    Low,
}

/// What moved the desired count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ScaleCause {
    /// A target tracking policy.
    TargetTracking {
        /// Policy name.
        policy: String,
    },
    /// A step scaling policy.
    Step {
        /// Policy name.
        policy: String,
    },
    /// Scale from zero: one datapoint with demand, to the minimum step.
    FromZero {
        /// Policy name.
        policy: String,
    },
    /// A scheduled action.
    Scheduled {
        /// Action name.
        action: String,
    },
    /// The scalable target pulled capacity inside min/max when registered.
    Registration,
    /// Set by hand.
    Manual,
}

/// The step a step scaling policy applied (spec 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StepUsed {
    /// Lower bound of the step, relative to the threshold (`None`: minus infinity).
    pub lower: Option<f64>,
    /// Upper bound (`None`: infinity).
    pub upper: Option<f64>,
    /// ScalingAdjustment.
    pub adjustment: i32,
    /// AdjustmentType.
    pub kind: AdjustmentType,
    /// The alarm's comparison.
    pub comparison: Comparison,
    /// How the alarm's datapoints were aggregated.
    pub aggregation: Aggregation,
}

impl StepUsed {
    /// The interval in the documented notation, e.g. `[10, 20)` above the threshold or
    /// `(-20, -10]` below it.
    pub fn interval(&self) -> String {
        step_interval(self.lower, self.upper)
    }

    /// The adjustment with its unit, e.g. `+30 %`, `-1 task`, `= 5 tasks`.
    pub fn adjustment_text(&self) -> String {
        adjustment_text(self.kind, self.adjustment)
    }
}

/// A step interval relative to the threshold: lower bound inclusive and upper exclusive
/// above the threshold, the other way round below it.
pub fn step_interval(lower: Option<f64>, upper: Option<f64>) -> String {
    let above =
        lower.is_some_and(|l| l >= 0.0) || (upper.is_none_or(|u| u > 0.0) && lower.is_some());
    let lo = lower.map_or_else(|| "-∞".to_string(), num);
    let hi = upper.map_or_else(|| "∞".to_string(), num);
    if above {
        format!("[{lo}, {hi})")
    } else {
        format!("({lo}, {hi}]")
    }
}

/// A step adjustment with its unit.
pub fn adjustment_text(kind: AdjustmentType, adjustment: i32) -> String {
    match kind {
        AdjustmentType::ChangeInCapacity => format!(
            "{adjustment:+} {}",
            if adjustment.abs() == 1 {
                "task"
            } else {
                "tasks"
            }
        ),
        AdjustmentType::PercentChangeInCapacity => format!("{adjustment:+} %"),
        AdjustmentType::ExactCapacity => format!(
            "= {adjustment} {}",
            if adjustment == 1 { "task" } else { "tasks" }
        ),
    }
}

/// Why a wanted scaling did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum BlockReason {
    /// A scale-in cooldown is running.
    Cooldown {
        /// Seconds left.
        remaining: u64,
    },
    /// Application Auto Scaling does not scale in during a deployment.
    Deployment,
    /// The direction is suspended.
    Suspended,
}

/// Why a deployment failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    /// The circuit breaker reached its threshold.
    CircuitBreaker,
    /// A deployment alarm went into ALARM.
    Alarm,
    /// A lifecycle hook reported failure.
    LifecycleHook,
}

/// Every kind of event, with the numbers that explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum EventKind {
    /// A deployment began.
    DeploymentStarted {
        /// Deployment id.
        deployment: u32,
        /// Task definition revision.
        revision: u32,
        /// The revision it replaces.
        replaces: u32,
        /// D.
        desired: u32,
        /// L.
        lower: u32,
        /// U.
        upper: u32,
        /// The failed deployment this one rolls back, if it is a rollback.
        rollback_of: Option<u32>,
        /// How it shifts traffic, for a blue/green, linear, canary or CodeDeploy deployment.
        strategy: Option<String>,
    },
    /// The scheduler stopped old tasks.
    OldTasksStopped {
        /// Tasks stopped.
        count: u32,
        /// Of which were not counted healthy.
        unhealthy: u32,
        /// H after the stop.
        healthy_after: u32,
        /// L.
        lower: u32,
        /// Old tasks still live.
        old_left: u32,
    },
    /// The scheduler started tasks.
    TasksStarted {
        /// Tasks started.
        count: u32,
        /// Their revision.
        revision: u32,
        /// New or old revision.
        role: Role,
        /// Why.
        reason: StartReason,
        /// Tasks in flight afterwards.
        in_flight_after: u32,
        /// U.
        upper: u32,
        /// Live tasks of that role afterwards.
        live_after: u32,
        /// D.
        desired: u32,
        /// What capped the batch.
        limit: StartLimit,
    },
    /// The scheduler stopped tasks for another reason than replacing old ones.
    TasksStopped {
        /// Tasks stopped.
        count: u32,
        /// Why.
        reason: StopReason,
        /// Live tasks afterwards.
        live_after: u32,
        /// D.
        desired: u32,
    },
    /// Tasks could not be launched (no room, quota, no Spot capacity).
    LaunchBlocked {
        /// Tasks the limits allowed that could not be launched.
        not_launched: u32,
        /// Why.
        reason: StuckReason,
    },
    /// Tasks wait in PROVISIONING for capacity.
    WaitingForCapacity {
        /// Tasks waiting.
        count: u32,
        /// Provider.
        provider: String,
    },
    /// Waiting tasks were placed.
    TasksPlaced {
        /// Tasks placed.
        count: u32,
        /// Provider.
        provider: String,
    },
    /// Tasks became healthy.
    TasksHealthy {
        /// How many.
        count: u32,
        /// Their role.
        role: Role,
        /// H afterwards.
        healthy_now: u32,
    },
    /// Tasks stopped before RUNNING.
    TasksFailedToStart {
        /// How many.
        count: u32,
        /// Their role.
        role: Role,
    },
    /// Tasks failed their health checks.
    TasksUnhealthy {
        /// How many.
        count: u32,
        /// Their role.
        role: Role,
    },
    /// A broken image nobody checks: no health check, so the tasks count as healthy.
    FaultInvisible,
    /// Start failures made the scheduler back off.
    Throttled {
        /// Consecutive start failures.
        failures: u32,
        /// Seconds until the next launch attempt.
        delay_secs: u32,
    },
    /// The circuit breaker counted failures.
    BreakerCounted {
        /// Count now.
        count: u32,
        /// Threshold T.
        threshold: u32,
    },
    /// A healthy new task reset the circuit breaker count.
    BreakerReset,
    /// The circuit breaker tripped.
    BreakerTriggered {
        /// Count.
        count: u32,
        /// Threshold.
        threshold: u32,
        /// Whether a rollback follows.
        rollback: bool,
    },
    /// The deployment alarm was already in ALARM: alarms are ignored for this deployment.
    AlarmIgnored,
    /// A deployment alarm went into ALARM.
    DeploymentAlarmFired {
        /// Whether a rollback follows.
        rollback: bool,
    },
    /// Bake time started before COMPLETED.
    BakeStarted {
        /// Seconds.
        secs: u32,
    },
    /// The deployment failed.
    DeploymentFailed {
        /// Deployment id.
        deployment: u32,
        /// Why.
        reason: FailReason,
    },
    /// The deployment cannot make progress.
    DeploymentStuck {
        /// Why.
        reason: StuckReason,
    },
    /// The service reached a steady state; the deployment is COMPLETED.
    DeploymentCompleted {
        /// Deployment id.
        deployment: u32,
        /// Revision.
        revision: u32,
        /// D.
        desired: u32,
        /// A rollback completed.
        rollback: bool,
    },
    /// An instance was set to DRAINING.
    InstanceDraining {
        /// Instance id.
        instance: u32,
        /// Tasks on it.
        tasks: u32,
    },
    /// A Fargate Spot task got its interruption notice.
    SpotInterrupted {
        /// Task id.
        task: u32,
    },
    /// A task's essential container exited.
    TaskCrashed {
        /// Task id.
        task: u32,
    },
    /// A managed alarm changed state.
    AlarmChanged {
        /// Policy or capacity provider.
        source: String,
        /// High or low alarm.
        alarm: AlarmSide,
        /// Now in ALARM?
        in_alarm: bool,
        /// Latest value.
        value: f64,
        /// Threshold.
        threshold: f64,
        /// Datapoints the alarm needs.
        datapoints: u32,
    },
    /// Auto scaling (or a person) changed the desired count.
    DesiredChanged {
        /// Before.
        from: u32,
        /// After.
        to: u32,
        /// Who.
        cause: ScaleCause,
        /// Running tasks used as the base.
        running: u32,
        /// Metric value used, if any.
        metric: Option<f64>,
        /// Target or threshold, if any.
        target: Option<f64>,
        /// The policy's result before the scalable target's min and max, if it computed one.
        computed: Option<u32>,
        /// The step a step scaling policy applied.
        step: Option<StepUsed>,
    },
    /// A target tracking policy has no datapoints (no task runs to report the metric): it
    /// does not act on insufficient data.
    InsufficientData {
        /// Policy name.
        policy: String,
        /// Its metric.
        metric: MetricKind,
    },
    /// A wanted scaling did not happen.
    ScalingBlocked {
        /// Policy name.
        policy: String,
        /// Desired count it wanted.
        wanted: u32,
        /// Why not.
        reason: BlockReason,
    },
    /// A scheduled action ran.
    ScheduledActionRan {
        /// Name.
        name: String,
        /// New min, if set.
        min: Option<u32>,
        /// New max, if set.
        max: Option<u32>,
        /// Desired before.
        from: u32,
        /// Desired after.
        to: u32,
    },
    /// A scheduled action could not run.
    ScheduledActionFailed {
        /// Name.
        name: String,
        /// Min it asked for.
        min: u32,
        /// Max in force.
        max: u32,
    },
    /// Cluster auto scaling launched instances.
    InstancesLaunched {
        /// Provider.
        provider: String,
        /// Instances added.
        count: u32,
        /// CapacityProviderReservation that triggered it.
        cpr: f64,
        /// Instances before.
        before: u32,
        /// Instances after.
        after: u32,
    },
    /// A scale-out waits for instances still warming up.
    WaitingForWarmup {
        /// Provider.
        provider: String,
        /// When the youngest instance is warm.
        until: u64,
    },
    /// An instance registered with the cluster.
    InstanceRegistered {
        /// Instance id.
        instance: u32,
        /// Provider.
        provider: String,
    },
    /// Cluster auto scaling removed instances (or began draining them).
    InstancesTerminated {
        /// Provider.
        provider: String,
        /// Instances removed or drained.
        count: u32,
        /// Instances left.
        after: u32,
        /// Of those, how many still had tasks (no termination protection).
        busy: u32,
    },
    /// A stage of a traffic-shifting deployment began.
    StageStarted {
        /// The stage.
        stage: Stage,
        /// ECS or CodeDeploy (the stage's name).
        controller: Controller,
        /// D (green scales up to it).
        desired: u32,
        /// The bake time in seconds.
        bake_secs: u32,
    },
    /// A lifecycle hook began.
    HookStarted {
        /// Its stage.
        stage: Stage,
        /// ECS or CodeDeploy.
        controller: Controller,
        /// How long it takes.
        secs: u32,
    },
    /// A lifecycle hook finished.
    HookFinished {
        /// Its stage.
        stage: Stage,
        /// ECS or CodeDeploy.
        controller: Controller,
        /// It reported failure (the deployment rolls back).
        failed: bool,
    },
    /// Traffic moved between blue and green.
    TrafficShifted {
        /// Share of production traffic on green, in percent.
        production: f64,
        /// Share of test traffic on green, in percent.
        test: f64,
        /// The production step (0 for test traffic or a rollback).
        step: u32,
        /// Production steps in all.
        steps: u32,
        /// All traffic went back to blue.
        rollback: bool,
    },
    /// A task was placed on an instance (with placement explained): why there.
    TaskPlaced {
        /// The steps that chose the instance.
        why: Box<PlacementWhy>,
    },
    /// No instance met all of a task's requirements (with placement explained).
    PlacementFailed {
        /// What each step excluded.
        why: Box<PlacementWhy>,
    },
    /// The scale-in alarm is on, but managed termination protection keeps every instance.
    ScaleInProtected {
        /// Provider.
        provider: String,
        /// Instances the metric would remove.
        excess: u32,
    },
}

impl EventKind {
    /// True for decisions (see [`Event::is_decision`]).
    pub fn is_decision(&self) -> bool {
        matches!(
            self,
            EventKind::DeploymentStarted { .. }
                | EventKind::OldTasksStopped { .. }
                | EventKind::TasksStarted { .. }
                | EventKind::TasksStopped { .. }
                | EventKind::BreakerTriggered { .. }
                | EventKind::DeploymentStuck { .. }
                | EventKind::DeploymentCompleted { .. }
                | EventKind::DesiredChanged { .. }
                | EventKind::ScheduledActionRan { .. }
                | EventKind::InstancesLaunched { .. }
                | EventKind::InstancesTerminated { .. }
                | EventKind::TrafficShifted { .. }
                | EventKind::TaskPlaced { .. }
                | EventKind::PlacementFailed { .. }
        )
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EventKind as K;
        match self {
            K::DeploymentStarted {
                deployment,
                revision,
                replaces,
                desired,
                lower,
                upper,
                rollback_of,
                strategy,
            } => {
                if let Some(strategy) = strategy {
                    write!(
                        f,
                        "deployment {deployment} started: revision {revision} replaces revision {replaces} by {strategy}; desired {desired}"
                    )
                } else if let Some(failed) = rollback_of {
                    write!(
                        f,
                        "rollback: deployment {deployment} returns to revision {revision} after deployment {failed} (revision {replaces}) failed; desired {desired}, lower limit L = {lower}, upper limit U = {upper}"
                    )
                } else {
                    write!(
                        f,
                        "deployment {deployment} started: revision {revision} replaces revision {replaces}; desired {desired}, lower limit L = {lower} (rounded up), upper limit U = {upper} (rounded down)"
                    )
                }
            }
            K::OldTasksStopped {
                count,
                unhealthy,
                healthy_after,
                lower,
                old_left,
            } => {
                if *unhealthy == *count {
                    write!(
                        f,
                        "stopped {count} old {} that {} not counted healthy: {healthy_after} healthy stay ≥ lower limit {lower}; {old_left} old left",
                        tasks(*count),
                        if *count == 1 { "was" } else { "were" }
                    )
                } else {
                    write!(
                        f,
                        "stopped {count} old {}: {healthy_after} healthy stay ≥ lower limit {lower}; {old_left} old left",
                        tasks(*count)
                    )
                }
            }
            K::TasksStarted {
                count,
                revision,
                role,
                reason,
                in_flight_after,
                upper,
                live_after,
                desired,
                limit,
            } => {
                let why = match reason {
                    StartReason::Desired => String::new(),
                    StartReason::ReplaceUnhealthy => " to replace unhealthy tasks".into(),
                    StartReason::ScaleOutShare => {
                        " (the old revision's share of a scale-out)".into()
                    }
                    StartReason::OwnRevision => {
                        " to replace lost old tasks with their own revision".into()
                    }
                    StartReason::Daemon => ", one per instance (daemon)".into(),
                    StartReason::Green => {
                        return write!(
                            f,
                            "started {count} green {} (revision {revision}) beside blue; {live_after} green cover desired {desired}",
                            tasks(*count)
                        );
                    }
                };
                write!(
                    f,
                    "started {count} {}{} (revision {revision}){why}: {in_flight_after} in flight ≤ upper limit {upper}",
                    role.word(),
                    tasks(*count)
                )?;
                match limit {
                    StartLimit::None => Ok(()),
                    StartLimit::Desired => write!(
                        f,
                        "; {live_after} {}now cover desired {desired}",
                        role.word()
                    ),
                    StartLimit::Upper => write!(f, "; the upper limit allows no more"),
                    StartLimit::Capacity => write!(f, "; no room for more on the cluster"),
                    StartLimit::PerSecond => {
                        write!(f, "; one at a time, the next one a second later")
                    }
                }
            }
            K::TasksStopped {
                count,
                reason,
                live_after,
                desired,
            } => write!(
                f,
                "stopped {count} {} ({}): {live_after} live for desired {desired}",
                tasks(*count),
                reason.words()
            ),
            K::LaunchBlocked {
                not_launched,
                reason,
            } => write!(
                f,
                "{not_launched} {} not launched: {reason}",
                tasks(*not_launched)
            ),
            K::WaitingForCapacity { count, provider } => write!(
                f,
                "{count} {} in PROVISIONING for capacity from {provider}",
                if *count == 1 {
                    "task waits"
                } else {
                    "tasks wait"
                }
            ),
            K::TasksPlaced { count, provider } => write!(
                f,
                "{count} waiting {} placed on new capacity from {provider}",
                tasks(*count)
            ),
            K::TasksHealthy {
                count,
                role,
                healthy_now,
            } => write!(
                f,
                "{count} {}{} became healthy: {healthy_now} healthy now",
                role.word(),
                tasks(*count)
            ),
            K::TasksFailedToStart { count, role } => write!(
                f,
                "{count} {}{} stopped before reaching RUNNING (essential container exited)",
                role.word(),
                tasks(*count)
            ),
            K::TasksUnhealthy { count, role } => write!(
                f,
                "{count} {}{} failed {} health checks",
                role.word(),
                tasks(*count),
                if *count == 1 { "its" } else { "their" }
            ),
            K::FaultInvisible => write!(
                f,
                "the new image fails its checks, but the service has no load balancer and no container health check: ECS counts the tasks healthy 40 s after RUNNING"
            ),
            K::Throttled {
                failures,
                delay_secs,
            } => write!(
                f,
                "unable to consistently start tasks successfully: {failures} start failures in a row, next launch in {delay_secs} s"
            ),
            K::BreakerCounted { count, threshold } => {
                write!(
                    f,
                    "circuit breaker: {count} failed {} counted (threshold {threshold})",
                    tasks(*count)
                )
            }
            K::BreakerReset => write!(
                f,
                "circuit breaker: a new task became healthy, the failure count resets to 0"
            ),
            K::BreakerTriggered {
                count,
                threshold,
                rollback,
            } => write!(
                f,
                "circuit breaker triggered: {count} failed tasks ≥ threshold {threshold}; the deployment FAILED{}",
                if *rollback {
                    " and rolls back"
                } else {
                    " and launches no more tasks"
                }
            ),
            K::AlarmIgnored => write!(
                f,
                "a deployment alarm is already in ALARM: alarms are ignored for this deployment"
            ),
            K::DeploymentAlarmFired { rollback } => write!(
                f,
                "a deployment alarm went into ALARM: the deployment FAILED{}",
                if *rollback { " and rolls back" } else { "" }
            ),
            K::BakeStarted { secs } => write!(
                f,
                "new tasks are up and old ones gone: bake time of {secs} s watches the alarms before COMPLETED"
            ),
            K::DeploymentFailed { deployment, reason } => write!(
                f,
                "deployment {deployment} FAILED ({})",
                match reason {
                    FailReason::CircuitBreaker => "circuit breaker",
                    FailReason::Alarm => "CloudWatch alarm",
                    FailReason::LifecycleHook => "lifecycle hook",
                }
            ),
            K::DeploymentStuck { reason } => write!(f, "{reason}"),
            K::DeploymentCompleted {
                deployment,
                revision,
                desired,
                rollback,
            } => write!(
                f,
                "service has reached a steady state: deployment {deployment} COMPLETED with {desired} {} of revision {revision}{}",
                tasks(*desired),
                if *rollback { " (rolled back)" } else { "" }
            ),
            K::InstanceDraining { instance, tasks: n } => write!(
                f,
                "instance i-{instance} set to DRAINING: its {n} {} will be replaced within the deployment limits",
                tasks(*n)
            ),
            K::SpotInterrupted { task } => write!(
                f,
                "Fargate Spot interruption: task {task} gets SIGTERM now and stops within 2 minutes"
            ),
            K::TaskCrashed { task } => write!(f, "task {task}: essential container exited"),
            K::AlarmChanged {
                source,
                alarm,
                in_alarm,
                value,
                threshold,
                datapoints,
            } => {
                let (side, cmp) = match alarm {
                    AlarmSide::High => ("high", ">"),
                    AlarmSide::Low => ("low", "<"),
                };
                if *in_alarm {
                    write!(
                        f,
                        "{source}: {side} alarm in ALARM: {datapoints} {} {cmp} {}, latest {}",
                        if *datapoints == 1 {
                            "datapoint"
                        } else {
                            "datapoints"
                        },
                        num(*threshold),
                        num(*value)
                    )
                } else {
                    write!(
                        f,
                        "{source}: {side} alarm back to OK (latest {})",
                        num(*value)
                    )
                }
            }
            K::DesiredChanged {
                from,
                to,
                cause,
                running,
                metric,
                target,
                computed,
                step,
            } => {
                let dir = if to > from { "scale-out" } else { "scale-in" };
                let bounded = |f: &mut fmt::Formatter<'_>| -> fmt::Result {
                    match computed {
                        Some(c) if c > to => write!(f, "{c}, lowered to the maximum {to}"),
                        Some(c) if c < to => write!(f, "{c}, raised to the minimum {to}"),
                        _ => write!(f, "{to}"),
                    }
                };
                match cause {
                    ScaleCause::TargetTracking { policy } => {
                        write!(
                            f,
                            "{policy}: {dir} desired {from} → {to}: ceil({running} running × {} / {}) = ",
                            num(metric.unwrap_or(0.0)),
                            num(target.unwrap_or(0.0)),
                        )?;
                        bounded(f)
                    }
                    ScaleCause::Step { policy } => {
                        write!(f, "{policy}: {dir} desired {from} → {to}: ")?;
                        match step {
                            Some(st) => {
                                let value = metric.unwrap_or(0.0);
                                let threshold = target.unwrap_or(0.0);
                                write!(
                                    f,
                                    "{} {} is {} the threshold {}, step {} {}: ",
                                    aggregation_word(st.aggregation),
                                    num(value),
                                    signed_distance(value - threshold),
                                    num(threshold),
                                    st.interval(),
                                    st.adjustment_text()
                                )?;
                                match st.kind {
                                    AdjustmentType::ExactCapacity => write!(f, "set to ")?,
                                    AdjustmentType::ChangeInCapacity => write!(
                                        f,
                                        "{running} {} {} = ",
                                        if st.adjustment < 0 { "-" } else { "+" },
                                        st.adjustment.unsigned_abs()
                                    )?,
                                    AdjustmentType::PercentChangeInCapacity => {
                                        let raw =
                                            f64::from(*running) * f64::from(st.adjustment) / 100.0;
                                        let change = super::arith::percent_adjustment(raw);
                                        write!(
                                            f,
                                            "{running} {} {} % of {running} ({} rounds to {}) = ",
                                            if st.adjustment < 0 { "-" } else { "+" },
                                            st.adjustment.unsigned_abs(),
                                            num(raw.abs()),
                                            change.abs()
                                        )?
                                    }
                                }
                                bounded(f)
                            }
                            None => write!(
                                f,
                                "metric {}, threshold {}",
                                num(metric.unwrap_or(0.0)),
                                num(target.unwrap_or(0.0))
                            ),
                        }
                    }
                    ScaleCause::FromZero { policy } => write!(
                        f,
                        "{policy}: scale from zero, desired {from} → {to} after one datapoint with demand (the simulator's model: AWS documents no rule for target tracking at zero tasks)"
                    ),
                    ScaleCause::Scheduled { action } => {
                        write!(f, "scheduled action {action}: desired {from} → {to}")
                    }
                    ScaleCause::Registration => write!(
                        f,
                        "scalable target registered: desired {from} → {to} to sit inside min/max"
                    ),
                    ScaleCause::Manual => write!(f, "desired count set by hand: {from} → {to}"),
                }
            }
            K::InsufficientData { policy, metric } => write!(
                f,
                "{policy}: no {} datapoints while no task runs: target tracking does not act on insufficient data",
                metric.name()
            ),
            K::ScalingBlocked {
                policy,
                wanted,
                reason,
            } => match reason {
                BlockReason::Cooldown { remaining } => write!(
                    f,
                    "{policy}: scale-in to {wanted} waits for the scale-in cooldown ({remaining} s left)"
                ),
                BlockReason::Deployment => write!(
                    f,
                    "{policy}: no scale-in to {wanted} while a deployment is in progress"
                ),
                BlockReason::Suspended => {
                    write!(f, "{policy}: scaling to {wanted} is suspended")
                }
            },
            K::ScheduledActionRan {
                name,
                min,
                max,
                from,
                to,
            } => {
                let range = match (min, max) {
                    (Some(a), Some(b)) => format!("min {a}, max {b}"),
                    (Some(a), None) => format!("min {a}"),
                    (None, Some(b)) => format!("max {b}"),
                    (None, None) => String::new(),
                };
                if from == to {
                    write!(
                        f,
                        "scheduled action {name}: {range}; desired {from} already inside"
                    )
                } else {
                    write!(f, "scheduled action {name}: {range}; desired {from} → {to}")
                }
            }
            K::ScheduledActionFailed { name, min, max } => write!(
                f,
                "scheduled action {name} failed: min {min} would cross max {max}; give both bounds"
            ),
            K::InstancesLaunched {
                provider,
                count,
                cpr,
                before,
                after,
            } => write!(
                f,
                "{provider}: CapacityProviderReservation {} → launched {count} {} ({before} → {after})",
                num(*cpr),
                instances(*count)
            ),
            K::WaitingForWarmup { provider, until } => write!(
                f,
                "{provider}: scale-out waits until {} for instances in warm-up",
                clock(*until)
            ),
            K::InstanceRegistered { instance, provider } => {
                write!(
                    f,
                    "instance i-{instance} of {provider} registered with the cluster"
                )
            }
            K::InstancesTerminated {
                provider,
                count,
                after,
                busy,
            } => {
                if *busy > 0 {
                    write!(
                        f,
                        "{provider}: scale-in removes {count} {} ({busy} still running tasks: no termination protection); {after} left",
                        instances(*count)
                    )
                } else {
                    write!(
                        f,
                        "{provider}: scale-in removes {count} empty {}; {after} left",
                        instances(*count)
                    )
                }
            }
            K::StageStarted {
                stage,
                controller,
                desired,
                bake_secs,
            } => {
                let name = stage.name(*controller).unwrap_or("?");
                let ecs = *controller == Controller::Ecs;
                let what = match stage {
                    Stage::PreScaleUp => {
                        "the green revision has not started; blue serves all traffic".to_string()
                    }
                    Stage::ScaleUp if ecs => format!(
                        "green scales up to {desired} {} beside blue; it serves no traffic yet",
                        tasks(*desired)
                    ),
                    Stage::ScaleUp => format!(
                        "the replacement task set (green) starts {desired} {} beside the original (blue)",
                        tasks(*desired)
                    ),
                    Stage::PostScaleUp => "green is up; blue still serves all traffic".to_string(),
                    Stage::TestTrafficShift => {
                        "the test listener sends test traffic to green".to_string()
                    }
                    Stage::PostTestTrafficShift => {
                        "green serves the test traffic; production stays on blue".to_string()
                    }
                    Stage::PreProductionTrafficShift => {
                        "production traffic is about to move to green".to_string()
                    }
                    Stage::ProductionTrafficShift => {
                        "production traffic moves to green".to_string()
                    }
                    Stage::PostProductionTrafficShift => {
                        "green serves all production traffic".to_string()
                    }
                    Stage::BakeTime if ecs => format!(
                        "both revisions run for {} while the alarms are watched; an alarm now still rolls back",
                        minutes(*bake_secs)
                    ),
                    Stage::BakeTime => format!(
                        "the original task set waits {} before it is terminated; an alarm now still rolls back",
                        minutes(*bake_secs)
                    ),
                    Stage::CleanUp if ecs => "blue is scaled down".to_string(),
                    Stage::CleanUp => "the original task set (blue) is terminated".to_string(),
                };
                write!(f, "{name}: {what}")
            }
            K::HookStarted {
                stage,
                controller,
                secs,
            } => write!(
                f,
                "lifecycle hook at {} runs ({secs} s)",
                stage.name(*controller).unwrap_or("?")
            ),
            K::HookFinished {
                stage,
                controller,
                failed,
            } => {
                let name = stage.name(*controller).unwrap_or("?");
                if *failed && stage.hook_failure_rolls_back(*controller) {
                    write!(
                        f,
                        "lifecycle hook at {name} failed: the deployment rolls back"
                    )
                } else if *failed {
                    write!(
                        f,
                        "lifecycle hook at {name} failed: the deployment fails, with no rollback \
                         (the replacement task set was never created; the original keeps serving)"
                    )
                } else {
                    write!(f, "lifecycle hook at {name} succeeded")
                }
            }
            K::TrafficShifted {
                production,
                test,
                step,
                steps,
                rollback,
            } => {
                if *rollback {
                    write!(
                        f,
                        "rollback: all production and test traffic back to blue; green is removed"
                    )
                } else if *step == 0 {
                    write!(
                        f,
                        "test traffic: {}% to green; production stays {}% on blue",
                        num(*test),
                        num(100.0 - production)
                    )
                } else {
                    write!(
                        f,
                        "production traffic step {step} of {steps}: green {}%, blue {}%",
                        num(*production),
                        num(100.0 - production)
                    )
                }
            }
            K::TaskPlaced { why } | K::PlacementFailed { why } => write!(f, "{why}"),
            K::ScaleInProtected { provider, excess } => write!(
                f,
                "{provider}: {excess} {} more than needed, but every one runs tasks and is protected",
                instances(*excess)
            ),
        }
    }
}

fn aggregation_word(a: Aggregation) -> &'static str {
    match a {
        Aggregation::Average => "average",
        Aggregation::Minimum => "minimum",
        Aggregation::Maximum => "maximum",
    }
}

fn signed_distance(d: f64) -> String {
    if d >= 0.0 {
        format!("{} above", num(d))
    } else {
        format!("{} below", num(-d))
    }
}

/// A number with at most one decimal, without a trailing ".0".
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_message_reads_as_in_the_issue() {
        let e = Event {
            t: 0,
            kind: EventKind::OldTasksStopped {
                count: 4,
                unhealthy: 0,
                healthy_after: 6,
                lower: 6,
                old_left: 6,
            },
        };
        assert!(
            e.message()
                .starts_with("stopped 4 old tasks: 6 healthy stay ≥ lower limit 6")
        );
        assert!(e.is_decision());
        assert_eq!(e.to_string().split_once(' ').map(|p| p.0), Some("00:00"));
    }

    #[test]
    fn clock_and_numbers() {
        assert_eq!(clock(75), "01:15");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(num(6.0), "6");
        assert_eq!(num(6.44), "6.4");
    }

    #[test]
    fn events_serialise_with_message_and_kind() {
        let e = Event {
            t: 60,
            kind: EventKind::BreakerCounted {
                count: 2,
                threshold: 5,
            },
        };
        let v = serde_json::to_value(&e).expect("json");
        assert_eq!(v["t"], 60);
        assert_eq!(v["kind"]["type"], "breaker_counted");
        assert_eq!(v["kind"]["threshold"], 5);
        assert!(
            v["message"]
                .as_str()
                .unwrap_or("")
                .contains("2 failed tasks counted (threshold 5)")
        );
    }
}
