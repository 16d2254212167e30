//! Read access for drawing, reports and questions.

use super::cluster::{Instance, InstanceState};
use super::config::SimConfig;
use super::deployment::{Batch, lower_limit, upper_limit};
use super::event::{Event, Role};
use super::load::Datapoints;
use super::task::{HealthStatus, Placement, Task, TaskState};

use super::simulation::Simulation;
use super::types::{Counts, MinuteSample, ProviderState};

impl Simulation {
    /// Simulated seconds since the start.
    pub fn time(&self) -> u64 {
        self.t
    }

    /// The configuration.
    pub fn config(&self) -> &SimConfig {
        &self.cfg
    }

    /// Tasks not yet STOPPED, in launch order.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// Tasks that reached STOPPED, in the order they did.
    pub fn stopped_tasks(&self) -> &[Task] {
        &self.stopped
    }

    /// Container instances in the cluster (booting, active, draining), by id.
    pub fn instances(&self) -> &[Instance] {
        &self.instances
    }

    /// Instances terminated by cluster scale-in.
    pub fn terminated_instances(&self) -> &[Instance] {
        &self.terminated
    }

    /// Capacity providers of the strategy (empty for a launch type).
    pub fn providers(&self) -> &[ProviderState] {
        &self.providers
    }

    /// The event log.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Batches of the deployments so far (merged as AWS narrates them).
    pub fn batches(&self) -> &[Batch] {
        &self.batches
    }

    /// One sample per minute (minute 0 is the starting state).
    pub fn samples(&self) -> &[MinuteSample] {
        &self.samples
    }

    /// The latest minute's datapoints.
    pub fn datapoints(&self) -> Option<&Datapoints> {
        self.last_datapoints.as_ref()
    }

    /// The desired count D.
    pub fn desired(&self) -> u32 {
        self.desired
    }

    /// Scalable target bounds, if auto scaling is registered.
    pub fn scaling_bounds(&self) -> Option<(u32, u32)> {
        self.scaling.as_ref().map(|s| (s.min, s.max))
    }

    /// Messages waiting in the queue (queue load preset).
    pub fn queue_depth(&self) -> f64 {
        self.load.backlog()
    }

    /// Current circuit breaker threshold T for the latest deployment.
    pub fn breaker_threshold(&self) -> u32 {
        super::deployment::breaker_threshold(
            self.cfg.service.circuit_breaker.threshold,
            self.desired,
            self.cfg.model.legacy_breaker_minimum,
            self.cfg.model.breaker_round_up,
        )
    }

    /// (D, L, U) now.
    pub fn limits(&self) -> (u32, u32, u32) {
        let d = self.desired;
        let svc = &self.cfg.service;
        (
            d,
            lower_limit(d, svc.min_healthy),
            upper_limit(d, svc.max_percent),
        )
    }

    /// Old (being replaced), new (being deployed), rollback (a rollback being deployed) or
    /// current (nothing is being replaced).
    pub fn role_of(&self, task: &Task) -> Role {
        if task.deployment != self.primary_id() || self.on_draining_instance(task) {
            Role::Old
        } else {
            self.deploying_role()
        }
    }

    /// The role of tasks the primary deployment starts: new, rollback, or current.
    pub fn deploying_role(&self) -> Role {
        if !self.deployment_in_progress() {
            Role::Current
        } else if self.deployment().rollback_of.is_some() {
            Role::Rollback
        } else {
            Role::New
        }
    }

    #[inline]
    pub(super) fn on_draining_instance(&self, task: &Task) -> bool {
        self.draining > 0
            && task
                .instance()
                .and_then(|id| self.instance_index(id))
                .is_some_and(|ii| self.instances[ii].state == InstanceState::Draining)
    }

    /// Protected from cluster scale-in: its provider uses managed termination protection and
    /// it runs tasks other than daemons.
    pub fn is_protected(&self, instance: &Instance) -> bool {
        let mtp = instance
            .provider
            .and_then(|p| self.providers.get(p))
            .and_then(|p| p.asg.as_ref())
            .is_some_and(|a| a.managed_termination_protection);
        instance.is_protected(mtp)
    }

    /// Name of a capacity provider by index.
    pub fn provider_name(&self, index: usize) -> Option<&str> {
        self.providers.get(index).map(|p| p.name.as_str())
    }

    /// Counts at this moment.
    pub fn counts(&self) -> Counts {
        let (desired, lower, upper) = self.limits();
        let count_stopping = self.cfg.model.count_stopping_in_max;
        let pid = self.primary_id();
        let mut c = Counts {
            desired,
            lower,
            upper,
            ..Counts::default()
        };
        for task in &self.tasks {
            if task.is_live() {
                if task.is_counted_healthy() {
                    c.healthy += 1;
                }
                if task.is_in_flight() {
                    c.in_flight += 1;
                }
                if task.deployment != pid || self.on_draining_instance(task) {
                    c.old_live += 1;
                } else {
                    c.new_live += 1;
                }
                if task.state == TaskState::Running {
                    c.running += 1;
                } else if task.state.is_starting() {
                    c.pending += 1;
                }
                if task.health == HealthStatus::Unhealthy {
                    c.unhealthy += 1;
                }
                if task.placement == Placement::Unplaced {
                    c.waiting += 1;
                }
            } else if task.state != TaskState::Stopped {
                c.stopping += 1;
                if count_stopping && task.state.is_stopping() {
                    c.in_flight += 1;
                }
            }
        }
        c
    }
}
