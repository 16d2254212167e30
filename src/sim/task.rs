//! Tasks: lifecycle states (spec 1.1), health (1.2-1.4) and where they run.

use serde::Serialize;

use super::config::ImageFault;
use super::event::StopReason;

/// Task id, unique within a simulation.
pub type TaskId = u32;
/// Container instance id, unique within a simulation (shown as `i-<id>`).
pub type InstanceId = u32;

/// `lastStatus` of a task, walking forward only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TaskState {
    /// Pre-launch work (ENI); also where tasks wait for capacity from an ASG provider.
    Provisioning,
    /// Waiting for the agent.
    Pending,
    /// Image pull, container create, load balancer registration.
    Activating,
    /// Up; health evaluation runs.
    Running,
    /// Target deregistration (lasts the deregistration delay behind a load balancer).
    Deactivating,
    /// SIGTERM sent; SIGKILL after the stop timeout.
    Stopping,
    /// Post-stop cleanup.
    Deprovisioning,
    /// Terminal; capacity released.
    Stopped,
}

impl TaskState {
    /// The AWS name, e.g. `PROVISIONING`.
    pub fn name(self) -> &'static str {
        match self {
            TaskState::Provisioning => "PROVISIONING",
            TaskState::Pending => "PENDING",
            TaskState::Activating => "ACTIVATING",
            TaskState::Running => "RUNNING",
            TaskState::Deactivating => "DEACTIVATING",
            TaskState::Stopping => "STOPPING",
            TaskState::Deprovisioning => "DEPROVISIONING",
            TaskState::Stopped => "STOPPED",
        }
    }

    /// Before RUNNING.
    pub fn is_starting(self) -> bool {
        self < TaskState::Running
    }

    /// DEACTIVATING, STOPPING or DEPROVISIONING.
    pub fn is_stopping(self) -> bool {
        matches!(
            self,
            TaskState::Deactivating | TaskState::Stopping | TaskState::Deprovisioning
        )
    }
}

/// Task health as the scheduler sees it: from the container health check and, behind a load
/// balancer, the target health. UNKNOWN until a check has a result, and for good when no
/// check exists (such a task still counts as healthy 40 s after RUNNING, spec 1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HealthStatus {
    /// No check defined, still evaluating, or no data.
    Unknown,
    /// Passing.
    Healthy,
    /// Failing (outside the grace period).
    Unhealthy,
}

/// Combine essential containers' health: UNHEALTHY > UNKNOWN > HEALTHY (spec 1.2).
pub fn task_health(essential: &[HealthStatus]) -> HealthStatus {
    if essential.contains(&HealthStatus::Unhealthy) {
        HealthStatus::Unhealthy
    } else if essential.contains(&HealthStatus::Unknown) {
        HealthStatus::Unknown
    } else {
        HealthStatus::Healthy
    }
}

/// Where a task runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// On an EC2 container instance.
    Instance(InstanceId),
    /// On Fargate (Spot or on-demand).
    Fargate {
        /// FARGATE_SPOT.
        spot: bool,
    },
    /// Waiting in PROVISIONING for capacity.
    Unplaced,
}

/// One task of the service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Id.
    pub id: TaskId,
    /// Task definition revision.
    pub revision: u32,
    /// Deployment the task belongs to.
    pub deployment: u32,
    /// `lastStatus`.
    pub state: TaskState,
    /// `desiredStatus` is STOPPED (the scheduler or a failure decided to stop it).
    pub desired_stopped: bool,
    /// Task health.
    pub health: HealthStatus,
    /// Counts toward the healthy total of minimumHealthyPercent (spec 1.3).
    pub counted_healthy: bool,
    /// Where it runs.
    pub placement: Placement,
    /// Index of its capacity provider in the strategy, if any.
    pub provider: Option<usize>,
    /// Availability zone index.
    pub az: u8,
    /// A daemon task.
    pub daemon: bool,
    /// Second it was launched.
    pub launched_at: u64,
    /// Second it entered its current state.
    pub state_since: u64,
    /// Second it reached RUNNING.
    pub running_since: Option<u64>,
    /// Why it was stopped.
    pub stop_reason: Option<StopReason>,
    /// The task started to replace this unhealthy one.
    pub replacement: Option<TaskId>,
    /// When the current state ends (`u64::MAX`: no timer).
    pub(super) until: u64,
    pub(super) healthy_at: Option<u64>,
    pub(super) unhealthy_at: Option<u64>,
    pub(super) fault: ImageFault,
    pub(super) holds_capacity: bool,
    pub(super) registered: bool,
    pub(super) spot_notice: bool,
    /// Started for the old revision on purpose (its share of a scale-out, or to replace a
    /// lost old task): not stopped freely while it starts.
    pub(super) old_by_design: bool,
}

impl Task {
    /// `desiredStatus` RUNNING.
    pub fn is_live(&self) -> bool {
        !self.desired_stopped
    }

    /// Live and in PROVISIONING..RUNNING (what maximumPercent counts).
    pub fn is_in_flight(&self) -> bool {
        self.is_live() && self.state <= TaskState::Running
    }

    /// Live, RUNNING and counted healthy (what minimumHealthyPercent counts).
    pub fn is_counted_healthy(&self) -> bool {
        self.is_live() && self.state == TaskState::Running && self.counted_healthy
    }

    /// Registered with the load balancer's target group (its DEACTIVATING state drains
    /// connections for the deregistration delay).
    pub fn is_registered(&self) -> bool {
        self.registered
    }

    /// The instance it runs on, if any.
    pub fn instance(&self) -> Option<InstanceId> {
        match self.placement {
            Placement::Instance(id) => Some(id),
            _ => None,
        }
    }

    /// The earliest second at which something is due for this task.
    pub(super) fn next_due(&self) -> u64 {
        let mut due = self.until;
        if self.state == TaskState::Running && self.is_live() {
            if let Some(h) = self.healthy_at
                && !self.counted_healthy
            {
                due = due.min(h);
            }
            if let Some(u) = self.unhealthy_at
                && self.health != HealthStatus::Unhealthy
            {
                due = due.min(u);
            }
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HealthStatus::*;

    #[test]
    fn r21_essential_container_health_priority() {
        assert_eq!(task_health(&[Unhealthy, Unknown]), Unhealthy);
        assert_eq!(task_health(&[Healthy, Unknown]), Unknown);
        assert_eq!(task_health(&[Unhealthy, Healthy]), Unhealthy);
        assert_eq!(task_health(&[Healthy, Healthy]), Healthy);
    }

    #[test]
    fn states_are_ordered_along_the_lifecycle() {
        assert!(TaskState::Provisioning.is_starting());
        assert!(!TaskState::Running.is_starting());
        assert!(TaskState::Stopping.is_stopping());
        assert_eq!(TaskState::Deprovisioning.name(), "DEPROVISIONING");
    }
}
