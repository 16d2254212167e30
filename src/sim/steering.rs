//! Steering a simulation as the visualiser and tests do: the desired count and injections.

use chrono::{Duration, Timelike};

use super::cluster::InstanceState;
use super::config::{GraceClock, ImageFault};
use super::event::{EventKind, Role, ScaleCause, StopReason};
use super::task::{Placement, TaskId, TaskState};

use super::simulation::Simulation;
use super::types::{Injection, ProviderRole, SimError};

impl Simulation {
    /// Set the desired count by hand (no new deployment, X5; min/max not applied, A6).
    pub fn set_desired(&mut self, desired: u32) -> Result<(), SimError> {
        if self.is_daemon() {
            return Err(SimError::Daemon);
        }
        let from = self.desired;
        if from != desired {
            let running = self.counts().running;
            self.emit(EventKind::DesiredChanged {
                from,
                to: desired,
                cause: ScaleCause::Manual,
                running,
                metric: None,
                target: None,
                computed: None,
                step: None,
            });
            self.change_desired(desired);
        }
        Ok(())
    }

    /// Apply a new desired count; a scale-out during a deployment is shared with the old
    /// revision \[Model, spec 3.4\].
    pub(super) fn change_desired(&mut self, desired: u32) {
        let from = self.desired;
        self.desired = desired;
        if from != desired && self.cfg.model.desired_change_starts_deployment {
            // X5, 2023 reading: the change rolls out as a deployment of the same revision.
            let revision = self.deployment().revision;
            self.start_deployment(revision, None);
            return;
        }
        if desired > from
            && self.deployment_in_progress()
            && self.cfg.model.scale_out_split == super::config::ScaleOutSplit::Proportional
        {
            let c = self.counts();
            let live = c.old_live + c.new_live;
            if live > 0 && c.old_live > 0 {
                let add = f64::from(desired - from) * f64::from(c.old_live) / f64::from(live);
                self.old_share_pending += add.round() as u32;
            }
        }
    }

    /// Apply an injection.
    pub fn inject(&mut self, injection: Injection) -> Result<(), SimError> {
        match injection {
            Injection::FailHealthCheck(id) => self.inject_health_failure(id),
            Injection::Crash(id) => {
                let idx = self.live_task(id)?;
                let old_revision = self.role_of(&self.tasks[idx]) == Role::Old
                    && self.tasks[idx].deployment != self.primary_id();
                let before_running = self.tasks[idx].state.is_starting();
                let of_deployment = self.tasks[idx].deployment == self.primary_id()
                    && self.deployment_in_progress();
                self.emit(EventKind::TaskCrashed { task: id });
                self.tasks[idx].desired_stopped = true;
                self.tasks[idx].stop_reason = Some(if before_running {
                    StopReason::FailedToStart
                } else {
                    StopReason::Crashed
                });
                self.tasks[idx].counted_healthy = false;
                let secs = self.cfg.timings.deprovisioning_secs;
                self.set_state(idx, TaskState::Deprovisioning, secs);
                if before_running {
                    // Stopped before RUNNING: a start failure (throttle, breaker stage 1).
                    if of_deployment {
                        self.count_breaker_failures(1, false);
                    }
                    self.on_start_failures(1);
                }
                if old_revision
                    && self.deployment_in_progress()
                    && self.cfg.model.replace_with_own_revision
                {
                    self.old_share_pending += 1;
                }
                Ok(())
            }
            Injection::SpotInterruption(id) => {
                let idx = self.live_task(id)?;
                if self.tasks[idx].placement != (Placement::Fargate { spot: true }) {
                    return Err(SimError::NotApplicable {
                        task: id,
                        reason: "it does not run on FARGATE_SPOT",
                    });
                }
                self.emit(EventKind::SpotInterrupted { task: id });
                self.tasks[idx].spot_notice = true;
                self.tasks[idx].desired_stopped = true;
                self.tasks[idx].stop_reason = Some(StopReason::SpotInterruption);
                self.tasks[idx].counted_healthy = false;
                let secs = self.shutdown_secs(idx);
                self.set_state(idx, TaskState::Stopping, secs);
                Ok(())
            }
            Injection::DrainInstance(id) => {
                let ii = self
                    .instance_index(id)
                    .ok_or(SimError::UnknownInstance(id))?;
                if self.instances[ii].state != InstanceState::Draining {
                    self.draining += 1;
                }
                self.instances[ii].state = InstanceState::Draining;
                let on_it: Vec<usize> = (0..self.tasks.len())
                    .filter(|&i| self.tasks[i].instance() == Some(id) && self.tasks[i].is_live())
                    .collect();
                self.emit(EventKind::InstanceDraining {
                    instance: id,
                    tasks: on_it.len() as u32,
                });
                for idx in on_it {
                    if self.tasks[idx].state <= TaskState::Pending {
                        self.stop_task(idx, StopReason::Draining);
                    }
                }
                self.collect_stopped();
                Ok(())
            }
            Injection::SetDeploymentAlarm(on) => {
                let was = self.deployment_alarm;
                self.deployment_alarm = on;
                if on && !was {
                    self.deployment_alarm_fired();
                }
                Ok(())
            }
            Injection::SetSpotCapacity(on) => {
                for p in &mut self.providers {
                    if p.role == ProviderRole::FargateSpot {
                        p.spot_available = on;
                    }
                }
                Ok(())
            }
        }
    }

    pub(super) fn live_task(&self, id: TaskId) -> Result<usize, SimError> {
        self.tasks
            .iter()
            .position(|t| t.id == id && t.is_live())
            .ok_or(SimError::UnknownTask(id))
    }

    pub(super) fn inject_health_failure(&mut self, id: TaskId) -> Result<(), SimError> {
        let idx = self.live_task(id)?;
        if self.tasks[idx].state != TaskState::Running {
            return Err(SimError::NotApplicable {
                task: id,
                reason: "health checks run only on RUNNING tasks",
            });
        }
        let t = self.t;
        let health = self.cfg.service.health;
        let model = self.cfg.model;
        let task = &mut self.tasks[idx];
        let since = task.running_since.unwrap_or(t);
        let grace_start = match model.grace_clock {
            GraceClock::FromRunning => since,
            GraceClock::FromLaunch => task.launched_at,
        };
        let grace_end = grace_start + u64::from(health.grace_period_secs);
        let lb = health
            .load_balancer
            .map(|lb| (t + u64::from(lb.interval_secs * lb.unhealthy_threshold)).max(grace_end));
        let hc = health.container_check.map(|c| {
            let at = (t + u64::from(c.interval_secs * c.retries))
                .max(since + u64::from(c.start_period_secs));
            if model.grace_covers_container_checks {
                at.max(grace_end)
            } else {
                at
            }
        });
        let at = match (lb, hc) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match at {
            Some(at) => {
                task.fault = ImageFault::FailHealth;
                task.unhealthy_at = Some(at);
                if !task.counted_healthy {
                    task.healthy_at = None;
                }
            }
            None => self.emit(EventKind::FaultInvisible),
        }
        Ok(())
    }

    /// Wall-clock time of the current second.
    pub fn wall_time(&self) -> chrono::DateTime<chrono::Utc> {
        self.cfg.epoch + Duration::seconds(self.t as i64)
    }

    pub(super) fn at_wall_minute(&self) -> bool {
        self.wall_time().second() == 0
    }
}
