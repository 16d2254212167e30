//! Task and instance lifecycles: creating tasks and reserving their room, the state timers
//! of every second, health results, start failures and the circuit breaker's counting, and
//! stopping tasks.

use super::cluster::InstanceState;
use super::config::{CapacityRelease, GraceClock, ImageFault};
use super::deployment::BreakerStatus;
use super::event::{EventKind, Role, StopReason};
use super::task::{HealthStatus, InstanceId, Placement, Task, TaskId, TaskState};

use super::simulation::{Simulation, checked_health};

impl Simulation {
    /// Create a task in PROVISIONING and reserve its capacity if placed.
    pub(super) fn new_task(
        &mut self,
        revision: u32,
        deployment: u32,
        placement: Placement,
        provider: Option<usize>,
        az: u8,
        daemon: bool,
    ) -> TaskId {
        let id = self.next_task;
        self.next_task += 1;
        let t = self.t;
        let fault = self
            .revisions
            .get(revision as usize - 1)
            .copied()
            .unwrap_or_default();
        let placed = placement != Placement::Unplaced;
        self.tasks.push(Task {
            id,
            revision,
            deployment,
            state: TaskState::Provisioning,
            desired_stopped: false,
            health: HealthStatus::Unknown,
            counted_healthy: false,
            placement,
            provider,
            az,
            daemon,
            launched_at: t,
            state_since: t,
            running_since: None,
            stop_reason: None,
            replacement: None,
            until: if placed {
                t + u64::from(self.cfg.timings.provisioning_secs)
            } else {
                u64::MAX
            },
            healthy_at: None,
            unhealthy_at: None,
            fault,
            holds_capacity: false,
            registered: false,
            spot_notice: false,
            old_by_design: false,
        });
        if let Placement::Instance(iid) = placement {
            let idx = self.tasks.len() - 1;
            self.reserve(idx, iid);
        }
        id
    }

    /// Reserve capacity for task `idx` on instance `iid`.
    pub(super) fn reserve(&mut self, idx: usize, iid: InstanceId) {
        let size = self.cfg.service.task_size;
        let daemon = self.tasks[idx].daemon;
        if let Some(ii) = self.instance_index(iid) {
            let inst = &mut self.instances[ii];
            inst.cpu_used += size.cpu;
            inst.memory_used += size.memory;
            inst.tasks += 1;
            if daemon {
                inst.daemon_tasks += 1;
            }
            self.tasks[idx].holds_capacity = true;
            self.tasks[idx].placement = Placement::Instance(iid);
        }
    }

    pub(super) fn release(&mut self, idx: usize) {
        if !self.tasks[idx].holds_capacity {
            return;
        }
        self.tasks[idx].holds_capacity = false;
        let size = self.cfg.service.task_size;
        let daemon = self.tasks[idx].daemon;
        if let Some(iid) = self.tasks[idx].instance()
            && let Some(ii) = self.instance_index(iid)
        {
            let inst = &mut self.instances[ii];
            inst.cpu_used = inst.cpu_used.saturating_sub(size.cpu);
            inst.memory_used = inst.memory_used.saturating_sub(size.memory);
            inst.tasks = inst.tasks.saturating_sub(1);
            if daemon {
                inst.daemon_tasks = inst.daemon_tasks.saturating_sub(1);
            }
        }
    }

    pub(super) fn advance_instances(&mut self) {
        let t = self.t;
        let mut registered = Vec::new();
        for inst in &mut self.instances {
            if inst.state == InstanceState::Booting && t >= inst.ready_at {
                inst.state = InstanceState::Active;
                registered.push((inst.id, inst.provider));
            }
        }
        for (id, provider) in registered {
            let provider = provider
                .and_then(|p| self.providers.get(p))
                .map_or_else(|| "cluster".to_string(), |p| p.name.clone());
            self.emit(EventKind::InstanceRegistered {
                instance: id,
                provider,
            });
        }
        let empty: Vec<InstanceId> = self
            .instances
            .iter()
            .filter(|i| i.terminate_when_empty && i.is_empty())
            .map(|i| i.id)
            .collect();
        for id in empty {
            self.terminate_instance(id);
        }
    }

    /// Remove an instance from the cluster; tasks still on it stop at once.
    pub(super) fn terminate_instance(&mut self, id: InstanceId) {
        let on_it: Vec<usize> = (0..self.tasks.len())
            .filter(|&i| self.tasks[i].instance() == Some(id) && self.tasks[i].holds_capacity)
            .collect();
        for idx in on_it {
            if !self.tasks[idx].desired_stopped {
                self.tasks[idx].desired_stopped = true;
                self.tasks[idx].stop_reason = Some(StopReason::InstanceTerminated);
            }
            self.release(idx);
            self.set_state(idx, TaskState::Stopped, 0);
        }
        if let Some(ii) = self.instance_index(id) {
            let mut inst = self.instances.remove(ii);
            if inst.state == InstanceState::Draining {
                self.draining -= 1;
            }
            inst.terminated_at = Some(self.t);
            self.terminated.push(inst);
        }
        self.collect_stopped();
    }

    pub(super) fn set_state(&mut self, idx: usize, state: TaskState, duration: u32) {
        let t = self.t;
        let task = &mut self.tasks[idx];
        task.state = state;
        task.state_since = t;
        task.until = if state == TaskState::Running || state == TaskState::Stopped {
            u64::MAX
        } else {
            t + u64::from(duration)
        };
    }

    /// Move STOPPED tasks to the history.
    pub(super) fn collect_stopped(&mut self) {
        if !self.tasks.iter().any(|t| t.state == TaskState::Stopped) {
            return;
        }
        let t = self.t;
        let (done, keep): (Vec<Task>, Vec<Task>) = std::mem::take(&mut self.tasks)
            .into_iter()
            .partition(|task| task.state == TaskState::Stopped);
        self.tasks = keep;
        for mut task in done {
            task.state_since = task.state_since.min(t);
            self.stopped.push(task);
        }
    }

    pub(super) fn advance_tasks(&mut self) {
        let t = self.t;
        let timings = self.cfg.timings;
        let mut healthy = [0u32; 4];
        let mut failed_start = [0u32; 4];
        let mut unhealthy = [0u32; 4];
        // Of which tasks of the deployment in progress (for the circuit breaker).
        let (mut failed_primary, mut unhealthy_primary, mut healthy_primary) = (0, 0, 0);
        let primary = self.primary_id();
        let in_progress = self.deployment_in_progress();
        let checked = checked_health(&self.cfg);
        for idx in 0..self.tasks.len() {
            if self.tasks[idx].next_due() > t {
                continue;
            }
            // State timers (a zero-length state passes within the same second).
            while self.tasks[idx].until <= t {
                let task = &self.tasks[idx];
                match task.state {
                    TaskState::Provisioning => {
                        self.set_state(idx, TaskState::Pending, timings.pending_secs);
                    }
                    TaskState::Pending => self.set_state(
                        idx,
                        TaskState::Activating,
                        timings
                            .image_pull_secs
                            .saturating_add(timings.container_start_secs),
                    ),
                    TaskState::Activating => {
                        if task.fault == ImageFault::FailStart && !task.desired_stopped {
                            if task.deployment == primary && in_progress {
                                failed_primary += 1;
                            }
                            let role = self.role_of(&self.tasks[idx]);
                            failed_start[role as usize] += 1;
                            self.tasks[idx].desired_stopped = true;
                            self.tasks[idx].stop_reason = Some(StopReason::FailedToStart);
                            self.set_state(
                                idx,
                                TaskState::Deprovisioning,
                                timings.deprovisioning_secs,
                            );
                        } else if task.desired_stopped {
                            self.set_state(idx, TaskState::Stopping, self.shutdown_secs(idx));
                        } else {
                            self.enter_running(idx, primary, in_progress);
                        }
                    }
                    TaskState::Running => break,
                    TaskState::Deactivating => {
                        self.set_state(idx, TaskState::Stopping, self.shutdown_secs(idx));
                    }
                    TaskState::Stopping => {
                        self.set_state(idx, TaskState::Deprovisioning, timings.deprovisioning_secs)
                    }
                    TaskState::Deprovisioning => {
                        self.release(idx);
                        self.set_state(idx, TaskState::Stopped, 0);
                    }
                    TaskState::Stopped => break,
                }
            }
            // Health timers of live RUNNING tasks.
            let task = &self.tasks[idx];
            if task.state == TaskState::Running && task.is_live() {
                let role = self.role_of(task) as usize;
                if let Some(u) = task.unhealthy_at
                    && u <= t
                    && task.health != HealthStatus::Unhealthy
                {
                    let task = &mut self.tasks[idx];
                    task.health = HealthStatus::Unhealthy;
                    task.counted_healthy = false;
                    unhealthy[role] += 1;
                    if task.deployment == primary && in_progress {
                        unhealthy_primary += 1;
                    }
                } else if let Some(h) = task.healthy_at
                    && h <= t
                    && !task.counted_healthy
                    && task.health != HealthStatus::Unhealthy
                {
                    let deployment = task.deployment;
                    let task = &mut self.tasks[idx];
                    task.counted_healthy = true;
                    task.health = checked;
                    healthy[role] += 1;
                    if deployment == primary && in_progress {
                        healthy_primary += 1;
                    }
                }
            }
        }
        for (i, role) in Role::ALL.into_iter().enumerate() {
            if failed_start[i] > 0 {
                self.emit(EventKind::TasksFailedToStart {
                    count: failed_start[i],
                    role,
                });
            }
            if unhealthy[i] > 0 {
                self.emit(EventKind::TasksUnhealthy {
                    count: unhealthy[i],
                    role,
                });
            }
        }
        if healthy_primary > 0 {
            self.breaker_healthy_task();
        }
        self.count_breaker_failures(failed_primary, false);
        self.count_breaker_failures(unhealthy_primary, true);
        let failed_total: u32 = failed_start.iter().sum();
        if failed_total > 0 {
            self.on_start_failures(failed_total);
        }
        if healthy.iter().any(|h| *h > 0) {
            let now = self.tasks.iter().filter(|t| t.is_counted_healthy()).count() as u32;
            for (i, role) in Role::ALL.into_iter().enumerate() {
                if healthy[i] > 0 {
                    self.emit(EventKind::TasksHealthy {
                        count: healthy[i],
                        role,
                        healthy_now: now,
                    });
                }
            }
        }
        self.collect_stopped();
    }

    pub(super) fn shutdown_secs(&self, idx: usize) -> u32 {
        let timings = self.cfg.timings;
        let mut secs = timings.app_shutdown_secs.min(timings.stop_timeout_secs);
        if self.tasks[idx].spot_notice {
            secs = secs.min(120);
        }
        secs
    }

    pub(super) fn enter_running(&mut self, idx: usize, primary: u32, in_progress: bool) {
        let t = self.t;
        self.set_state(idx, TaskState::Running, 0);
        let health = self.cfg.service.health;
        let settle = u64::from(self.cfg.timings.settle_secs);
        let model = self.cfg.model;
        let ready_secs = u64::from(self.cfg.service.app_ready_secs);
        let task = &mut self.tasks[idx];
        task.running_since = Some(t);
        task.registered = health.load_balancer.is_some();
        let grace_start = match model.grace_clock {
            GraceClock::FromRunning => t,
            GraceClock::FromLaunch => task.launched_at,
        };
        let grace_end = (grace_start + u64::from(health.grace_period_secs)).saturating_sub(t);
        let broken = task.fault == ImageFault::FailHealth;
        let times = super::health::health_times(
            &health,
            (!broken).then_some(ready_secs),
            settle,
            grace_end,
            model.grace_covers_container_checks,
        );
        task.healthy_at = times.healthy_after.map(|s| t + s);
        task.unhealthy_at = times.unhealthy_after.map(|s| t + s);
        let invisible = broken && !super::health::is_checked(&health);
        let deployment = task.deployment;
        self.start_failures = 0;
        if deployment == primary && in_progress {
            self.deployments_primary_mut().breaker_stage_two = true;
        }
        if invisible && !self.fault_invisible_reported {
            self.fault_invisible_reported = true;
            self.emit(EventKind::FaultInvisible);
        }
    }

    /// Tasks stopped before RUNNING: the scheduler backs off (spec 1.6) \[Model backoff\].
    pub(super) fn on_start_failures(&mut self, failures: u32) {
        let t = self.t;
        let model = self.cfg.model;
        self.start_failures += failures;
        let k = self.start_failures;
        let delay = if k <= 1 {
            0
        } else {
            let shift = (k - 2).min(20);
            model
                .throttle_base_secs
                .saturating_mul(1 << shift)
                .min(model.throttle_cap_secs)
        };
        if delay > 0 {
            self.throttle_until = self.throttle_until.max(t + u64::from(delay));
            self.emit(EventKind::Throttled {
                failures: k,
                delay_secs: delay,
            });
        }
    }

    /// New tasks failed: count them if the breaker is in the matching stage (spec 4.1).
    pub(super) fn count_breaker_failures(&mut self, failures: u32, health_check: bool) {
        if failures == 0
            || !self.cfg.service.circuit_breaker.enable
            || (health_check && !self.cfg.model.breaker_counts_health_failures)
        {
            return;
        }
        let threshold = self.breaker_threshold();
        let dep = self.deployments_primary_mut();
        if dep.breaker != BreakerStatus::Monitoring || dep.breaker_stage_two != health_check {
            return;
        }
        dep.breaker_count += failures;
        let count = dep.breaker_count;
        self.emit(EventKind::BreakerCounted { count, threshold });
    }

    pub(super) fn breaker_healthy_task(&mut self) {
        let cb = self.cfg.service.circuit_breaker;
        if !cb.enable || !cb.reset_on_healthy_task {
            return;
        }
        let dep = self.deployments_primary_mut();
        if dep.breaker == BreakerStatus::Monitoring && dep.breaker_count > 0 {
            dep.breaker_count = 0;
            self.emit(EventKind::BreakerReset);
        }
    }

    /// Ask task `idx` to stop (desiredStatus STOPPED) and start its way to STOPPED.
    pub(super) fn stop_task(&mut self, idx: usize, reason: StopReason) {
        if self.tasks[idx].desired_stopped {
            return;
        }
        let timings = self.cfg.timings;
        let id = self.tasks[idx].id;
        {
            let task = &mut self.tasks[idx];
            task.desired_stopped = true;
            task.stop_reason = Some(reason);
            task.counted_healthy = false;
        }
        if self.cfg.model.capacity_release == CapacityRelease::AtStopDecision {
            self.release(idx);
        }
        let task = &self.tasks[idx];
        match task.state {
            TaskState::Provisioning if task.placement == Placement::Unplaced => {
                self.set_state(idx, TaskState::Stopped, 0);
            }
            TaskState::Provisioning | TaskState::Pending => {
                self.set_state(idx, TaskState::Deprovisioning, timings.deprovisioning_secs);
            }
            TaskState::Activating => {
                let secs = self.shutdown_secs(idx);
                self.set_state(idx, TaskState::Stopping, secs);
            }
            TaskState::Running => {
                let secs = match self.cfg.service.health.load_balancer {
                    Some(lb) if task.registered => lb.deregistration_delay_secs,
                    _ => timings.deactivating_secs,
                };
                self.set_state(idx, TaskState::Deactivating, secs);
            }
            _ => {}
        }
        for other in &mut self.tasks {
            if other.replacement == Some(id) {
                other.replacement = None;
            }
        }
    }
}
