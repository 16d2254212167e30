//! The public value types of a simulation: capacity provider state, steering inputs, counts
//! and the per-minute samples the charts draw.

use std::collections::VecDeque;

use serde::Serialize;

use super::config::AsgConfig;
use super::load::Datapoints;
use super::scaling_state::PolicyMark;
use super::task::{InstanceId, TaskId};

/// What a capacity provider is, without its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderRole {
    /// FARGATE.
    Fargate,
    /// FARGATE_SPOT.
    FargateSpot,
    /// An Auto Scaling group.
    Asg,
}

/// Live state of one capacity provider of the strategy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderState {
    /// Name.
    pub name: String,
    /// Kind.
    pub role: ProviderRole,
    /// Strategy base.
    pub base: u32,
    /// Strategy weight.
    pub weight: u32,
    /// The Auto Scaling group settings (ASG providers).
    pub asg: Option<AsgConfig>,
    /// Latest CapacityProviderReservation (ASG providers with managed scaling).
    pub cpr: Option<f64>,
    /// M: instances needed at the latest evaluation.
    pub needed: u32,
    /// N: instances in the group at the latest evaluation.
    pub running: u32,
    /// Scale-out alarm in ALARM.
    pub high_alarm: bool,
    /// Scale-in alarm in ALARM.
    pub low_alarm: bool,
    /// Fargate Spot capacity is available (FARGATE_SPOT).
    pub spot_available: bool,
    pub(super) history: VecDeque<f64>,
    pub(super) warmup_reported: bool,
    pub(super) protected_reported: bool,
    pub(super) waiting_reported: u32,
}

/// A way to steer the simulation, as the visualiser and tests do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Injection {
    /// The task starts failing its health checks.
    FailHealthCheck(TaskId),
    /// The task's essential container exits.
    Crash(TaskId),
    /// Fargate Spot reclaims the task's capacity (2-minute notice).
    SpotInterruption(TaskId),
    /// Set the container instance to DRAINING.
    DrainInstance(InstanceId),
    /// The deployment alarm goes into ALARM (true) or back to OK (false).
    SetDeploymentAlarm(bool),
    /// Fargate Spot capacity becomes available (true) or unavailable (false).
    SetSpotCapacity(bool),
}

/// Why a steering input was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    /// No such live task.
    #[error("task {0} is not running in this simulation")]
    UnknownTask(TaskId),
    /// No such instance.
    #[error("instance i-{0} is not part of this cluster")]
    UnknownInstance(InstanceId),
    /// The injection does not apply to this task.
    #[error("task {task} cannot take this injection: {reason}")]
    NotApplicable {
        /// Task id.
        task: TaskId,
        /// Why.
        reason: &'static str,
    },
    /// A daemon service has no desired count to set.
    #[error("a daemon service's desired count follows its instances")]
    Daemon,
}

/// Counts at this moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// D.
    pub desired: u32,
    /// L.
    pub lower: u32,
    /// U.
    pub upper: u32,
    /// H: live RUNNING tasks counted healthy.
    pub healthy: u32,
    /// Tasks counted toward maximumPercent.
    pub in_flight: u32,
    /// Live tasks being replaced (old revisions, draining instances).
    pub old_live: u32,
    /// Live tasks of the current revision.
    pub new_live: u32,
    /// Live tasks in RUNNING.
    pub running: u32,
    /// Live tasks before RUNNING.
    pub pending: u32,
    /// Tasks on their way to STOPPED.
    pub stopping: u32,
    /// Live tasks failing health checks.
    pub unhealthy: u32,
    /// Tasks waiting in PROVISIONING for capacity.
    pub waiting: u32,
}

/// One provider in a minute sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderSample {
    /// Provider name.
    pub name: String,
    /// CapacityProviderReservation, if managed scaling is on.
    pub cpr: Option<f64>,
    /// M.
    pub needed: u32,
    /// N.
    pub instances: u32,
    /// Scale-out alarm in ALARM.
    pub high_alarm: bool,
    /// Scale-in alarm in ALARM.
    pub low_alarm: bool,
}

/// What the charts draw, once a minute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinuteSample {
    /// Minute number (0 = start).
    pub minute: u32,
    /// Second.
    pub t: u64,
    /// The minute's datapoints (load and every metric).
    pub metrics: Datapoints,
    /// Every scaling policy's value, target, alarms and cooldown.
    pub policies: Vec<PolicyMark>,
    /// Desired count after this minute's decisions.
    pub desired: u32,
    /// Live RUNNING tasks.
    pub running: u32,
    /// Live tasks before RUNNING.
    pub pending: u32,
    /// Tasks counted healthy.
    pub healthy: u32,
    /// Container instances (booting, active or draining).
    pub instances: u32,
    /// Scalable target minimum.
    pub min: Option<u32>,
    /// Scalable target maximum.
    pub max: Option<u32>,
    /// Capacity providers.
    pub providers: Vec<ProviderSample>,
    /// Scheduled actions that ran this minute.
    pub scheduled: Vec<String>,
    /// A deployment is in progress.
    pub deploying: bool,
}

impl MinuteSample {
    /// Any alarm (policy or provider) in ALARM.
    pub fn any_alarm(&self) -> bool {
        self.policies.iter().any(|p| p.high_alarm || p.low_alarm)
            || self.providers.iter().any(|p| p.high_alarm || p.low_alarm)
    }

    /// Any policy cooldown running.
    pub fn cooldown_active(&self) -> bool {
        self.policies.iter().any(|p| p.cooldown)
    }
}
