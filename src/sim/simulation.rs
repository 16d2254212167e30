//! The simulation value: state, construction, the one-second step, task lifecycle timers,
//! read access for drawing, and the steering inputs (deploy, desired count, injections).

use std::collections::VecDeque;

use chrono::{Duration, Timelike};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use serde::Serialize;

use super::cluster::{Instance, InstanceState};
use super::config::{
    AsgConfig, Capacity, CapacityRelease, ConfigError, DeploymentPlan, GraceClock, ImageFault,
    ProviderKind, SchedulingStrategy, SimConfig,
};
use super::deployment::{
    Batch, BreakerStatus, Deployment, DeploymentStatus, RecordStatus, RolloutState, lower_limit,
    upper_limit,
};
use super::event::{Event, EventKind, Role, ScaleCause, StopReason};
use super::load::{Datapoints, LoadState};
use super::scaling_state::{PolicyMark, ScalingRuntime};
use super::task::{HealthStatus, InstanceId, Placement, Task, TaskId, TaskState};

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

/// A deterministic ECS service simulation. Cheap to clone; time moves only through
/// [`Simulation::step`].
#[derive(Debug, Clone)]
pub struct Simulation {
    pub(super) cfg: SimConfig,
    pub(super) t: u64,
    pub(super) load_rng: Xoshiro256PlusPlus,
    pub(super) place_rng: Xoshiro256PlusPlus,
    pub(super) desired: u32,
    pub(super) tasks: Vec<Task>,
    pub(super) stopped: Vec<Task>,
    pub(super) next_task: TaskId,
    pub(super) instances: Vec<Instance>,
    /// Instances in DRAINING (a fast path for the per-task draining check).
    pub(super) draining: u32,
    pub(super) terminated: Vec<Instance>,
    pub(super) next_instance: InstanceId,
    pub(super) providers: Vec<ProviderState>,
    pub(super) revisions: Vec<ImageFault>,
    pub(super) deployments: Vec<Deployment>,
    pub(super) last_completed_revision: u32,
    pub(super) batches: Vec<Batch>,
    pub(super) events: Vec<Event>,
    pub(super) samples: Vec<MinuteSample>,
    pub(super) load: LoadState,
    pub(super) scaling: Option<ScalingRuntime>,
    pub(super) start_failures: u32,
    pub(super) throttle_until: u64,
    pub(super) old_share_pending: u32,
    pub(super) deployment_alarm: bool,
    pub(super) launch_block: Option<super::event::StuckReason>,
    pub(super) service_stuck: Option<super::event::StuckReason>,
    pub(super) pending_plan: Option<DeploymentPlan>,
    pub(super) last_datapoints: Option<Datapoints>,
    pub(super) fault_invisible_reported: bool,
    pub(super) acted: bool,
    pub(super) minute_scheduled: Vec<String>,
    pub(super) phase: Phase,
}

/// The phases of one simulated second, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// A planned deployment starts.
    Deploy,
    /// Instances register; task timers and health results advance; the circuit breaker
    /// trips on the failures just counted.
    Advance,
    /// Scheduled actions due this minute run.
    Scheduled,
    /// At a full minute: the metric datapoints close and the alarms are evaluated.
    Metrics,
    /// At a full minute: service and cluster auto scaling act on the alarms.
    Scaling,
    /// The service scheduler stops and starts tasks.
    Scheduler,
    /// Deployment checks (circuit breaker, bake time, completion, stuck); the load is
    /// accounted and the clock moves on.
    Checks,
}

impl Phase {
    fn next(self) -> Phase {
        match self {
            Phase::Deploy => Phase::Advance,
            Phase::Advance => Phase::Scheduled,
            Phase::Scheduled => Phase::Metrics,
            Phase::Metrics => Phase::Scaling,
            Phase::Scaling => Phase::Scheduler,
            Phase::Scheduler => Phase::Checks,
            Phase::Checks => Phase::Deploy,
        }
    }
}

/// Health of a passing task: HEALTHY when a container check or a load balancer target check
/// exists, UNKNOWN when nothing checks it (spec 1.2).
fn checked_health(cfg: &SimConfig) -> HealthStatus {
    let h = &cfg.service.health;
    if h.container_check.is_some() || h.load_balancer.is_some() {
        HealthStatus::Healthy
    } else {
        HealthStatus::Unknown
    }
}

const LOAD_STREAM: u64 = 0x10AD;
const PLACE_STREAM: u64 = 0x91ACE;

impl Simulation {
    /// Validate the configuration and set up second 0: instances registered, the initial
    /// tasks RUNNING and healthy (deployment 1, revision 1, COMPLETED).
    pub fn new(cfg: SimConfig) -> Result<Self, ConfigError> {
        cfg.validate()?;
        let mut sim = Simulation {
            t: 0,
            load_rng: Xoshiro256PlusPlus::seed_from_u64(cfg.seed ^ LOAD_STREAM),
            place_rng: Xoshiro256PlusPlus::seed_from_u64(cfg.seed ^ PLACE_STREAM),
            desired: cfg.service.desired,
            tasks: Vec::new(),
            stopped: Vec::new(),
            next_task: 1,
            instances: Vec::new(),
            draining: 0,
            terminated: Vec::new(),
            next_instance: 1,
            providers: Vec::new(),
            revisions: vec![ImageFault::None],
            deployments: vec![Deployment {
                id: 1,
                revision: 1,
                replaces: 1,
                status: RecordStatus::Primary,
                rollout: RolloutState::Completed,
                started_at: 0,
                finished_at: Some(0),
                rollback_of: None,
                breaker: BreakerStatus::Disabled,
                breaker_count: 0,
                breaker_stage_two: false,
                rollback_enabled: false,
                stuck: None,
                alarms_ignored: false,
                bake_until: None,
            }],
            last_completed_revision: 1,
            batches: Vec::new(),
            events: Vec::new(),
            samples: Vec::new(),
            load: LoadState::default(),
            scaling: None,
            start_failures: 0,
            throttle_until: 0,
            old_share_pending: 0,
            deployment_alarm: cfg
                .service
                .deployment_alarms
                .is_some_and(|a| a.initially_in_alarm),
            launch_block: None,
            service_stuck: None,
            pending_plan: cfg.deployment,
            last_datapoints: None,
            fault_invisible_reported: false,
            acted: false,
            minute_scheduled: Vec::new(),
            phase: Phase::Deploy,
            cfg,
        };
        sim.setup_cluster();
        if let Some(scaling) = sim.cfg.scaling.clone() {
            sim.scaling = Some(ScalingRuntime::new(&scaling));
            let clamped = sim.desired.clamp(scaling.min, scaling.max);
            if clamped != sim.desired {
                sim.emit(EventKind::DesiredChanged {
                    from: sim.desired,
                    to: clamped,
                    cause: ScaleCause::Registration,
                    running: 0,
                    metric: None,
                    target: None,
                    computed: None,
                    step: None,
                });
                sim.desired = clamped;
            }
        }
        sim.setup_initial_tasks()?;
        sim.record_sample(Datapoints::default());
        Ok(sim)
    }

    /// A simulation for a card or CLI preset.
    pub fn from_preset(preset: &super::preset::Preset) -> Result<Self, ConfigError> {
        Simulation::new(preset.to_config()?)
    }

    fn setup_cluster(&mut self) {
        let azs = self.cfg.cluster.availability_zones;
        match self.cfg.cluster.capacity.clone() {
            Capacity::Fargate { .. } => {}
            Capacity::Ec2 { instances } => {
                for (i, it) in instances.iter().enumerate() {
                    let az = (i % usize::from(azs)) as u8;
                    self.add_instance(None, it, az, InstanceState::Active);
                }
            }
            Capacity::Providers {
                providers,
                strategy,
            } => {
                for item in &strategy {
                    let Some(p) = providers.iter().find(|p| p.name == item.provider) else {
                        continue;
                    };
                    let (role, asg) = match &p.kind {
                        ProviderKind::Fargate => (ProviderRole::Fargate, None),
                        ProviderKind::FargateSpot => (ProviderRole::FargateSpot, None),
                        ProviderKind::Asg(a) => (ProviderRole::Asg, Some(a.clone())),
                    };
                    self.providers.push(ProviderState {
                        name: p.name.clone(),
                        role,
                        base: item.base,
                        weight: item.weight,
                        asg,
                        cpr: None,
                        needed: 0,
                        running: 0,
                        high_alarm: false,
                        low_alarm: false,
                        spot_available: true,
                        history: VecDeque::new(),
                        warmup_reported: false,
                        protected_reported: false,
                        waiting_reported: 0,
                    });
                }
                for pi in 0..self.providers.len() {
                    let Some(asg) = self.providers[pi].asg.clone() else {
                        continue;
                    };
                    for _ in 0..asg.initial_size {
                        let az = self.az_for_new_instance(Some(pi));
                        self.add_instance(Some(pi), &asg.instance_type, az, InstanceState::Active);
                    }
                }
            }
        }
    }

    /// The AZ with the fewest instances of this provider.
    pub(super) fn az_for_new_instance(&self, provider: Option<usize>) -> u8 {
        let azs = usize::from(self.cfg.cluster.availability_zones.max(1));
        let mut counts = vec![0u32; azs];
        for i in self.instances.iter().filter(|i| i.provider == provider) {
            if let Some(c) = counts.get_mut(usize::from(i.az)) {
                *c += 1;
            }
        }
        counts
            .iter()
            .enumerate()
            .min_by_key(|(i, c)| (**c, *i))
            .map_or(0, |(i, _)| i as u8)
    }

    pub(super) fn add_instance(
        &mut self,
        provider: Option<usize>,
        itype: &super::config::InstanceType,
        az: u8,
        state: InstanceState,
    ) -> InstanceId {
        let id = self.next_instance;
        self.next_instance += 1;
        let t = self.t;
        let (ready_at, warm_until) = if state == InstanceState::Booting {
            let warm = provider
                .and_then(|p| self.providers.get(p))
                .and_then(|p| p.asg.as_ref())
                .and_then(|a| a.managed_scaling)
                .map_or(0, |m| u64::from(m.instance_warmup_secs));
            (t + u64::from(self.cfg.timings.instance_boot_secs), t + warm)
        } else {
            (t, t)
        };
        self.instances.push(Instance {
            id,
            provider,
            type_name: itype.name.clone(),
            az,
            cpu_total: itype.cpu,
            memory_total: itype.registered_memory(self.cfg.cluster.reserved_memory),
            cpu_used: 0,
            memory_used: 0,
            state,
            launched_at: t,
            ready_at,
            warm_until,
            tasks: 0,
            daemon_tasks: 0,
            terminate_when_empty: false,
            terminated_at: None,
        });
        id
    }

    fn setup_initial_tasks(&mut self) -> Result<(), ConfigError> {
        if self.is_daemon() {
            let ids: Vec<InstanceId> = self.instances.iter().map(|i| i.id).collect();
            self.desired = ids.len() as u32;
            for id in ids {
                if !self.create_running_task(Some(id)) {
                    return Err(ConfigError::InitialTasksDoNotFit {
                        tasks: self.desired,
                        room: self.tasks.len() as u32,
                    });
                }
            }
            return Ok(());
        }
        let count = self.cfg.service.initial_count();
        for placed in 0..count {
            if !self.create_running_task(None) {
                return Err(ConfigError::InitialTasksDoNotFit {
                    tasks: count,
                    room: placed,
                });
            }
        }
        Ok(())
    }

    /// Create one task of revision 1 already RUNNING and healthy (second 0 only). On an
    /// Auto Scaling group provider without room it waits in PROVISIONING instead, as a
    /// service created on an empty group does.
    fn create_running_task(&mut self, daemon_on: Option<InstanceId>) -> bool {
        let mut ctx = self.launch_context();
        let Some((placement, provider, az)) = self.find_placement(&mut ctx, daemon_on) else {
            return false;
        };
        if placement == Placement::Unplaced {
            self.new_task(1, 1, placement, provider, az, false);
            return true;
        }
        let id = self.new_task(1, 1, placement, provider, az, daemon_on.is_some());
        if let Some(task) = self.tasks.iter_mut().find(|t| t.id == id) {
            task.state = TaskState::Running;
            task.until = u64::MAX;
            task.running_since = Some(0);
            task.health = checked_health(&self.cfg);
            task.counted_healthy = true;
            task.registered = self.cfg.service.health.load_balancer.is_some();
        }
        true
    }

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

    fn release(&mut self, idx: usize) {
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

    /// Position of an instance in the (id-sorted) instance list.
    pub(super) fn instance_index(&self, id: InstanceId) -> Option<usize> {
        self.instances.binary_search_by_key(&id, |i| i.id).ok()
    }

    pub(super) fn emit(&mut self, kind: EventKind) {
        if kind.is_decision() && !matches!(kind, EventKind::DeploymentStarted { .. }) {
            self.acted = true;
        }
        self.events.push(Event { t: self.t, kind });
    }

    /// True for a DAEMON service.
    pub fn is_daemon(&self) -> bool {
        self.cfg.service.scheduling == SchedulingStrategy::Daemon
    }

    // ------------------------------------------------------------------------------------
    // Time.

    /// Advance one second: deployments due, instances, task timers, the circuit breaker,
    /// scheduled actions, the minute's metrics and scaling, the scheduler, deployment checks,
    /// the load. From a paused phase (see [`Simulation::step_phase`]) it completes the second.
    pub fn step(&mut self) {
        loop {
            let last = self.phase == Phase::Checks;
            self.step_phase();
            if last {
                return;
            }
        }
    }

    /// The phase the current second will run next.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Run one phase of the current second; after [`Phase::Checks`] the clock moves on. A
    /// simulation paused between phases shows the state a decision is taken from (the
    /// visualiser asks its questions there).
    pub fn step_phase(&mut self) {
        let minute = self.t > 0 && self.t.is_multiple_of(60);
        match self.phase {
            Phase::Deploy => {
                self.acted = false;
                if let Some(plan) = self.pending_plan
                    && plan.at <= self.t
                {
                    self.pending_plan = None;
                    self.deploy(plan.fault);
                }
            }
            Phase::Advance => {
                self.advance_instances();
                self.advance_tasks();
                // Failures counted just now trip the breaker before the scheduler acts again.
                self.check_breaker();
            }
            Phase::Scheduled => self.run_scheduled_actions(),
            Phase::Metrics => {
                if minute {
                    let dp = self.load.close_minute(&self.cfg.load);
                    self.last_datapoints = Some(dp);
                    self.evaluate_scaling_alarms(dp);
                    self.evaluate_providers();
                }
            }
            Phase::Scaling => {
                if minute {
                    self.autoscale();
                    self.cluster_autoscale();
                    let dp = self.last_datapoints.unwrap_or_default();
                    self.record_sample(dp);
                    self.minute_scheduled.clear();
                }
            }
            Phase::Scheduler => self.schedule(),
            Phase::Checks => {
                self.check_deployment();
                self.tick_load();
                self.t += 1;
            }
        }
        self.phase = self.phase.next();
    }

    /// Run until second `t` reaches `phase` (nothing runs if it is already there or past).
    pub fn run_to(&mut self, t: u64, phase: Phase) {
        while (self.t, self.phase) < (t, phase) {
            self.step_phase();
        }
    }

    /// Step until `t` (exclusive of steps at `t`: afterwards `time() == t`).
    pub fn run_until(&mut self, t: u64) {
        while self.t < t {
            self.step();
        }
    }

    /// Run phase by phase until one makes a decision (see [`Event::is_decision`]) or
    /// second `limit` is reached; returns the second and phase of the decision and the
    /// phase's events (`None` at the limit).
    pub fn run_until_next_decision(&mut self, limit: u64) -> Option<(u64, Phase, &[Event])> {
        while self.t < limit {
            let (t, phase) = (self.t, self.phase);
            let first = self.events.len();
            self.step_phase();
            if self.events[first..].iter().any(Event::is_decision) {
                return Some((t, phase, &self.events[first..]));
            }
        }
        None
    }

    /// Step until the latest deployment is completed, stuck, failed or rolled back, or
    /// until `limit`; returns the status.
    pub fn run_until_settled(&mut self, limit: u64) -> DeploymentStatus {
        loop {
            let status = self.status();
            if status.is_final() && self.pending_plan.is_none() || self.t >= limit {
                return status;
            }
            self.step();
        }
    }

    fn tick_load(&mut self) {
        let mut running = 0;
        let mut serving = 0;
        for task in &self.tasks {
            if task.is_live() && task.state == TaskState::Running {
                running += 1;
                if task.counted_healthy {
                    serving += 1;
                }
            }
        }
        let cap = self
            .cfg
            .model
            .utilisation_cap
            .or(if self.cfg.cluster.is_fargate() {
                Some(100.0)
            } else {
                None
            });
        self.load.tick(
            &self.cfg.load,
            cap,
            self.t,
            running,
            serving,
            &mut self.load_rng,
        );
    }

    pub(super) fn record_sample(&mut self, dp: Datapoints) {
        let c = self.counts();
        let policies = self
            .scaling
            .as_ref()
            .map(|s| s.marks(self.cfg.scaling.as_ref(), &dp, self.t))
            .unwrap_or_default();
        let providers = self
            .providers
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == ProviderRole::Asg)
            .map(|(pi, p)| ProviderSample {
                name: p.name.clone(),
                cpr: p.cpr,
                needed: p.needed,
                instances: self
                    .instances
                    .iter()
                    .filter(|i| i.provider == Some(pi))
                    .count() as u32,
                high_alarm: p.high_alarm,
                low_alarm: p.low_alarm,
            })
            .collect();
        let (min, max) = self
            .scaling
            .as_ref()
            .map_or((None, None), |s| (Some(s.min), Some(s.max)));
        self.samples.push(MinuteSample {
            minute: (self.t / 60) as u32,
            t: self.t,
            metrics: dp,
            policies,
            desired: c.desired,
            running: c.running,
            pending: c.pending,
            healthy: c.healthy,
            instances: self.instances.len() as u32,
            min,
            max,
            providers,
            scheduled: self.minute_scheduled.clone(),
            deploying: self.deployment_in_progress(),
        });
    }

    fn advance_instances(&mut self) {
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

    fn advance_tasks(&mut self) {
        let t = self.t;
        let timings = self.cfg.timings;
        let mut healthy = [0u32; 3];
        let mut failed_start = [0u32; 3];
        let mut unhealthy = [0u32; 3];
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
        for (i, role) in [Role::New, Role::Old, Role::Current]
            .into_iter()
            .enumerate()
        {
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
            for (i, role) in [Role::New, Role::Old, Role::Current]
                .into_iter()
                .enumerate()
            {
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

    fn shutdown_secs(&self, idx: usize) -> u32 {
        let timings = self.cfg.timings;
        let mut secs = timings.app_shutdown_secs.min(timings.stop_timeout_secs);
        if self.tasks[idx].spot_notice {
            secs = secs.min(120);
        }
        secs
    }

    fn enter_running(&mut self, idx: usize, primary: u32, in_progress: bool) {
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
    fn on_start_failures(&mut self, failures: u32) {
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
    fn count_breaker_failures(&mut self, failures: u32, health_check: bool) {
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

    fn breaker_healthy_task(&mut self) {
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

    // ------------------------------------------------------------------------------------
    // Deployment records.

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
        self.emit(EventKind::DeploymentStarted {
            deployment: id,
            revision,
            replaces,
            desired,
            lower,
            upper,
            rollback_of,
        });
        if alarms_ignored {
            self.emit(EventKind::AlarmIgnored);
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

    // ------------------------------------------------------------------------------------
    // Read access.

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

    /// Old (being replaced), new (being deployed) or current (nothing is being replaced).
    pub fn role_of(&self, task: &Task) -> Role {
        if task.deployment != self.primary_id() || self.on_draining_instance(task) {
            Role::Old
        } else if self.deployment_in_progress() {
            Role::New
        } else {
            Role::Current
        }
    }

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

    // ------------------------------------------------------------------------------------
    // Steering.

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

    fn live_task(&self, id: TaskId) -> Result<usize, SimError> {
        self.tasks
            .iter()
            .position(|t| t.id == id && t.is_live())
            .ok_or(SimError::UnknownTask(id))
    }

    fn inject_health_failure(&mut self, id: TaskId) -> Result<(), SimError> {
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
