//! The simulation value: state, construction, the one-second step, task lifecycle timers,
//! read access for drawing, and the steering inputs (deploy, desired count, injections).

use std::collections::VecDeque;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use serde::Serialize;

use super::cluster::{Instance, InstanceState};
use super::config::{
    Capacity, ConfigError, DeploymentPlan, ImageFault, ProviderKind, SchedulingStrategy, SimConfig,
};
use super::deployment::{
    Batch, BreakerStatus, Deployment, DeploymentStatus, RecordStatus, RolloutState,
};
use super::event::{Event, EventKind, ScaleCause};
use super::load::{Datapoints, LoadState};
use super::scaling_state::ScalingRuntime;
use super::task::{HealthStatus, InstanceId, Placement, Task, TaskId, TaskState};
use super::types::{MinuteSample, ProviderRole, ProviderSample, ProviderState};

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
    /// Why the last instance was chosen (with placement explained), until it is reported.
    pub(super) placement_why: Option<super::placement::PlacementWhy>,
    /// The last placement failure reported (reported again only when it changes).
    pub(super) placement_failed: Option<super::placement::PlacementWhy>,
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
pub(super) fn checked_health(cfg: &SimConfig) -> HealthStatus {
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
                serving_since: None,
                shift: None,
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
            placement_why: None,
            placement_failed: None,
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
                    let az = self
                        .cfg
                        .cluster
                        .instance_azs
                        .get(i)
                        .copied()
                        .unwrap_or((i % usize::from(azs)) as u8);
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
}
