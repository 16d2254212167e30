//! The deployment checks the scheduler runs after each round (spec 3.2): the circuit
//! breaker, CloudWatch deployment alarms, completion, failure and rollback, and whether a
//! deployment is stuck.

use super::cluster::InstanceState;
use super::deployment::{BreakerStatus, RecordStatus, RolloutState};
use super::event::{EventKind, FailReason, StuckReason};
use super::simulation::Simulation;
use super::task::{HealthStatus, Placement};

impl Simulation {
    pub(super) fn check_deployment(&mut self) {
        let pidx = self.primary_index();
        if self.deployments[pidx].rollout != RolloutState::InProgress {
            let pid = self.deployments[pidx].id;
            let any_retiring = (0..self.tasks.len()).any(|i| self.is_retiring(i, pid));
            if any_retiring && self.deployments[pidx].rollout == RolloutState::Completed {
                self.check_stuck(false);
            } else {
                self.service_stuck = None;
            }
            return;
        }
        if self.check_breaker() {
            return;
        }
        if let Some(shift) = &self.deployments[pidx].shift {
            // A traffic-shifting deployment completes when blue is gone after the clean-up.
            if shift.stage == super::config::Stage::CleanUp && self.deployment_done() {
                self.complete_deployment();
            }
            return;
        }
        if self.deployment_done() {
            if let Some(alarms) = self.cfg.service.deployment_alarms
                && !self.deployments[pidx].alarms_ignored
            {
                let t = self.t;
                match self.deployments[pidx].bake_until {
                    None => {
                        let secs = alarms.period_secs * alarms.evaluation_periods;
                        self.deployments[pidx].bake_until = Some(t + u64::from(secs));
                        self.emit(EventKind::BakeStarted { secs });
                        return;
                    }
                    Some(until) if t < until => return,
                    Some(_) => {}
                }
            }
            self.complete_deployment();
            return;
        }
        self.deployments[pidx].bake_until = None;
        self.check_stuck(true);
    }

    /// Trip the circuit breaker if the count reached the threshold; true if it did.
    pub(super) fn check_breaker(&mut self) -> bool {
        let cb = self.cfg.service.circuit_breaker;
        let dep = self.deployment();
        if !cb.enable
            || dep.rollout != RolloutState::InProgress
            || dep.breaker != BreakerStatus::Monitoring
            || dep.breaker_count < self.breaker_threshold()
        {
            return false;
        }
        let rollback = dep.rollback_enabled;
        self.fail_deployment(FailReason::CircuitBreaker, rollback);
        true
    }

    pub(super) fn deployment_done(&self) -> bool {
        let pid = self.primary_id();
        if self.old_share_pending > 0 {
            return false;
        }
        let strict = self.cfg.model.complete_after_old_stopped;
        let mut keepers = 0;
        for task in &self.tasks {
            if task.deployment != pid {
                if strict || task.is_live() {
                    return false;
                }
                continue;
            }
            if !task.is_live() {
                continue;
            }
            if self.on_draining_instance(task)
                || task.health == HealthStatus::Unhealthy
                || !task.is_counted_healthy()
            {
                return false;
            }
            keepers += 1;
        }
        keepers == self.desired
    }

    pub(super) fn complete_deployment(&mut self) {
        let t = self.t;
        let desired = self.desired;
        let pidx = self.primary_index();
        let dep = &mut self.deployments[pidx];
        dep.rollout = RolloutState::Completed;
        dep.finished_at = Some(t);
        dep.stuck = None;
        dep.bake_until = None;
        if dep.breaker == BreakerStatus::Monitoring {
            dep.breaker = BreakerStatus::MonitoringComplete;
        }
        let (id, revision, rollback) = (dep.id, dep.revision, dep.rollback_of.is_some());
        for d in &mut self.deployments {
            if d.status == RecordStatus::Active {
                d.status = RecordStatus::Inactive;
            }
        }
        self.last_completed_revision = revision;
        self.emit(EventKind::DeploymentCompleted {
            deployment: id,
            revision,
            desired,
            rollback,
        });
    }

    pub(super) fn fail_deployment(&mut self, reason: FailReason, rollback: bool) {
        let t = self.t;
        let threshold = self.breaker_threshold();
        let pidx = self.primary_index();
        let dep = &mut self.deployments[pidx];
        dep.rollout = RolloutState::Failed;
        dep.finished_at = Some(t);
        dep.stuck = None;
        let (id, count) = (dep.id, dep.breaker_count);
        match reason {
            FailReason::CircuitBreaker => {
                dep.breaker = BreakerStatus::Triggered;
                self.emit(EventKind::BreakerTriggered {
                    count,
                    threshold,
                    rollback,
                });
            }
            FailReason::Alarm => self.emit(EventKind::DeploymentAlarmFired { rollback }),
            FailReason::LifecycleHook => {}
        }
        self.emit(EventKind::DeploymentFailed {
            deployment: id,
            reason,
        });
        if rollback {
            let target = self.last_completed_revision;
            self.start_deployment(target, Some(id));
        }
    }

    /// A rolling update's revision serves traffic from its first task counted healthy (a
    /// traffic shift's from its first production step).
    pub(super) fn note_serving(&mut self) {
        let pid = self.primary_id();
        let t = self.t;
        if self.deployment().shift.is_none()
            && self.deployment().serving_since.is_none()
            && self
                .tasks
                .iter()
                .any(|task| task.deployment == pid && task.is_counted_healthy())
        {
            self.deployments_primary_mut().serving_since = Some(t);
        }
    }

    /// The alarm a failing release trips (see
    /// [`DeploymentAlarms::failing_release`](super::config::DeploymentAlarms)): once the new
    /// revision has served traffic for the alarm's period x evaluation periods, while the
    /// alarms are still watched. True if it tripped now.
    pub(super) fn trip_release_alarm(&mut self) -> bool {
        let Some(alarms) = self.cfg.service.deployment_alarms else {
            return false;
        };
        let dep = self.deployment();
        let wait = u64::from(alarms.period_secs * alarms.evaluation_periods);
        let watched = match dep.shift {
            Some(_) => self.shift_watches_alarms(),
            None => dep.rollout == RolloutState::InProgress,
        };
        let due = alarms.failing_release
            && !self.deployment_alarm
            && dep.rollback_of.is_none()
            && watched
            && dep.serving_since.is_some_and(|t0| self.t >= t0 + wait);
        if due {
            self.deployment_alarm = true;
            self.deployment_alarm_fired();
        }
        due
    }

    pub(super) fn deployment_alarm_fired(&mut self) {
        let Some(alarms) = self.cfg.service.deployment_alarms else {
            return;
        };
        let dep = self.deployment();
        if dep.rollout != RolloutState::InProgress || dep.alarms_ignored {
            return;
        }
        if dep.shift.is_some() {
            // Blue/green, linear, canary: traffic goes back to blue (until the clean-up).
            if !self.shift_watches_alarms() {
                return;
            }
            if alarms.rollback {
                self.shift_rollback(FailReason::Alarm);
            } else {
                self.fail_deployment(FailReason::Alarm, false);
            }
            return;
        }
        self.fail_deployment(
            FailReason::Alarm,
            alarms.rollback && dep.rollback_of.is_none(),
        );
    }

    pub(super) fn check_stuck(&mut self, in_deployment: bool) {
        if self.acted {
            if in_deployment {
                self.deployments_primary_mut().stuck = None;
            } else {
                self.service_stuck = None;
            }
            return;
        }
        if self.can_progress() {
            return;
        }
        let reason = self.stuck_reason();
        let current = if in_deployment {
            self.deployment().stuck.clone()
        } else {
            self.service_stuck.clone()
        };
        if current.as_ref() != Some(&reason) {
            if in_deployment {
                self.deployments_primary_mut().stuck = Some(reason.clone());
            } else {
                self.service_stuck = Some(reason.clone());
            }
            self.emit(EventKind::DeploymentStuck { reason });
        }
    }

    /// Something is still due: a timer, a health result, an instance, a throttle, a bake,
    /// or cluster auto scaling able to add room for waiting tasks.
    pub(super) fn can_progress(&self) -> bool {
        let t = self.t;
        if self.tasks.iter().any(|task| task.next_due() != u64::MAX) {
            return true;
        }
        if self
            .instances
            .iter()
            .any(|i| i.state == InstanceState::Booting)
        {
            return true;
        }
        if t < self.throttle_until || self.deployment().bake_until.is_some() {
            return true;
        }
        let size = self.cfg.service.task_size;
        self.tasks
            .iter()
            .filter(|task| task.is_live() && task.placement == Placement::Unplaced)
            .any(|task| {
                task.provider
                    .and_then(|p| self.providers.get(p).map(|s| (p, s)))
                    .is_some_and(|(pi, p)| {
                        p.asg.as_ref().is_some_and(|a| {
                            a.managed_scaling.is_some()
                                && a.instance_type.fits(size, self.cfg.cluster.reserved_memory) > 0
                                && (self
                                    .instances
                                    .iter()
                                    .filter(|i| i.provider == Some(pi))
                                    .count() as u32)
                                    < a.max_size
                        })
                    })
            })
    }

    pub(super) fn stuck_reason(&self) -> StuckReason {
        if let Some(task) = self
            .tasks
            .iter()
            .find(|t| t.is_live() && t.placement == Placement::Unplaced)
        {
            let provider = task
                .provider
                .and_then(|p| self.provider_name(p))
                .unwrap_or("the cluster")
                .to_string();
            return StuckReason::ProviderCannotGrow { provider };
        }
        if let Some(reason) = &self.launch_block {
            return reason.clone();
        }
        let c = self.counts();
        StuckReason::DeploymentConfiguration {
            healthy: c.healthy,
            lower: c.lower,
            in_flight: c.in_flight,
            upper: c.upper,
        }
    }
}
