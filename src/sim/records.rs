//! Deployment records: the primary deployment, starting a deployment, and the status the
//! CLI and the visualiser report.

use super::config::ImageFault;
use super::deployment::{
    BreakerStatus, Deployment, DeploymentStatus, RecordStatus, RolloutState, ShiftState,
};
use super::event::EventKind;

use super::simulation::Simulation;

impl Simulation {
    pub(super) fn primary_index(&self) -> usize {
        self.deployments
            .iter()
            .rposition(|d| d.status == RecordStatus::Primary)
            .unwrap_or(self.deployments.len() - 1)
    }

    pub(super) fn primary_id(&self) -> u32 {
        self.deployments[self.primary_index()].id
    }

    pub(super) fn deployments_primary_mut(&mut self) -> &mut Deployment {
        let i = self.primary_index();
        &mut self.deployments[i]
    }

    /// The latest (PRIMARY) deployment.
    pub fn deployment(&self) -> &Deployment {
        &self.deployments[self.primary_index()]
    }

    /// Every deployment so far, oldest first (deployment 1 is the starting configuration).
    pub fn deployments(&self) -> &[Deployment] {
        &self.deployments
    }

    /// A deployment is IN_PROGRESS.
    pub fn deployment_in_progress(&self) -> bool {
        self.deployment().rollout == RolloutState::InProgress
    }

    /// Start a deployment of a new task definition revision whose image has `fault`.
    /// Returns the deployment id.
    pub fn deploy(&mut self, fault: ImageFault) -> u32 {
        self.revisions.push(fault);
        let revision = self.revisions.len() as u32;
        self.start_deployment(revision, None)
    }

    pub(super) fn start_deployment(&mut self, revision: u32, rollback_of: Option<u32>) -> u32 {
        let replaces = self.deployment().revision;
        for d in &mut self.deployments {
            if d.status == RecordStatus::Primary {
                d.status = RecordStatus::Active;
            }
        }
        let id = self.deployments.len() as u32 + 1;
        let cb = self.cfg.service.circuit_breaker;
        let alarms_ignored = self.cfg.service.deployment_alarms.is_some() && self.deployment_alarm;
        self.deployments.push(Deployment {
            id,
            revision,
            replaces,
            status: RecordStatus::Primary,
            rollout: RolloutState::InProgress,
            started_at: self.t,
            finished_at: None,
            rollback_of,
            breaker: if cb.enable {
                BreakerStatus::Monitoring
            } else {
                BreakerStatus::Disabled
            },
            breaker_count: 0,
            breaker_stage_two: false,
            rollback_enabled: cb.rollback && rollback_of.is_none(),
            stuck: None,
            alarms_ignored,
            bake_until: None,
            serving_since: None,
            shift: match &self.cfg.service.traffic_shift {
                Some(_) if rollback_of.is_none() => Some(ShiftState::new(self.t)),
                _ => None,
            },
        });
        if rollback_of.is_some() && self.cfg.model.rollback_adopts_tasks {
            for task in &mut self.tasks {
                if task.revision == revision && task.is_live() {
                    task.deployment = id;
                }
            }
        }
        self.start_failures = 0;
        self.throttle_until = self.t;
        self.old_share_pending = 0;
        self.fault_invisible_reported = false;
        self.service_stuck = None;
        let (desired, lower, upper) = self.limits();
        let strategy = self
            .deployments
            .last()
            .and_then(|d| d.shift.as_ref())
            .and(self.cfg.service.traffic_shift.as_ref())
            .map(super::config::TrafficShift::describe);
        self.emit(EventKind::DeploymentStarted {
            deployment: id,
            revision,
            replaces,
            desired,
            lower,
            upper,
            rollback_of,
            strategy,
        });
        if alarms_ignored && rollback_of.is_none() {
            self.emit(EventKind::AlarmIgnored);
        }
        if self.deployments.last().is_some_and(|d| d.shift.is_some()) {
            self.begin_shift();
        }
        id
    }

    /// Overall status of the latest deployment.
    pub fn status(&self) -> DeploymentStatus {
        if self.deployments.len() == 1 {
            return DeploymentStatus::None;
        }
        let d = self.deployment();
        if let (RolloutState::InProgress, Some(reason)) = (d.rollout, &d.stuck) {
            return DeploymentStatus::Stuck(reason.clone());
        }
        match (d.rollout, d.rollback_of.is_some()) {
            (RolloutState::InProgress, false) => DeploymentStatus::InProgress,
            (RolloutState::InProgress, true) => DeploymentStatus::RollingBack,
            (RolloutState::Completed, false) => DeploymentStatus::Completed,
            (RolloutState::Completed, true) => DeploymentStatus::RolledBack,
            (RolloutState::Failed, _) => DeploymentStatus::Failed,
        }
    }
}
