//! The service scheduler, evaluated every second on one snapshot (spec 3.2): stop old tasks
//! within the lower limit, replace unhealthy tasks, scale in, start tasks within the upper
//! limit and the free capacity; then the deployment checks (circuit breaker, alarms,
//! completion, stuck).

use std::cmp::Reverse;

use rand::RngExt;

use super::cluster::{InstanceState, next_provider};
use super::config::{Capacity, PlacementStrategy};
use super::deployment::{BatchAction, BreakerStatus, RecordStatus, RolloutState, push_batch};
use super::event::{EventKind, FailReason, Role, StartLimit, StartReason, StopReason, StuckReason};
use super::simulation::Simulation;
use super::task::{HealthStatus, InstanceId, Placement, TaskId, TaskState};
use super::types::ProviderRole;

/// Counters used while launching a batch of tasks.
pub(super) struct LaunchContext {
    provider_counts: Vec<u32>,
    fargate_az: Vec<u32>,
    fargate_live: u32,
    unplaced: u32,
}

impl Simulation {
    pub(super) fn launch_context(&self) -> LaunchContext {
        let azs = usize::from(self.cfg.cluster.availability_zones.max(1));
        let mut ctx = LaunchContext {
            provider_counts: vec![0; self.providers.len()],
            fargate_az: vec![0; azs],
            fargate_live: 0,
            unplaced: 0,
        };
        for task in self.tasks.iter().filter(|t| t.is_live()) {
            if let Some(p) = task.provider
                && let Some(c) = ctx.provider_counts.get_mut(p)
            {
                *c += 1;
            }
            match task.placement {
                Placement::Fargate { .. } => {
                    ctx.fargate_live += 1;
                    if let Some(c) = ctx.fargate_az.get_mut(usize::from(task.az)) {
                        *c += 1;
                    }
                }
                Placement::Unplaced => ctx.unplaced += 1,
                Placement::Instance(_) => {}
            }
        }
        ctx
    }

    /// Where the next task goes: (placement, provider, AZ), or `None` with
    /// `self.launch_block` set when it cannot be launched now.
    pub(super) fn find_placement(
        &mut self,
        ctx: &mut LaunchContext,
        daemon_on: Option<InstanceId>,
    ) -> Option<(Placement, Option<usize>, u8)> {
        let size = self.cfg.service.task_size;
        if let Some(iid) = daemon_on {
            let inst = &self.instances[self.instance_index(iid)?];
            if inst.state != InstanceState::Active || !inst.fits(size) {
                return None;
            }
            return Some((Placement::Instance(iid), inst.provider, inst.az));
        }
        let fargate = |ctx: &mut LaunchContext, spot: bool| {
            let az = ctx
                .fargate_az
                .iter()
                .enumerate()
                .min_by_key(|(i, c)| (**c, *i))
                .map_or(0, |(i, _)| i);
            if let Some(c) = ctx.fargate_az.get_mut(az) {
                *c += 1;
            }
            ctx.fargate_live += 1;
            (Placement::Fargate { spot }, az as u8)
        };
        match &self.cfg.cluster.capacity {
            Capacity::Fargate { quota } => {
                if quota.is_some_and(|q| ctx.fargate_live >= q) {
                    self.launch_block = Some(StuckReason::FargateQuota);
                    return None;
                }
                let (p, az) = fargate(ctx, false);
                Some((p, None, az))
            }
            Capacity::Ec2 { .. } => match self.choose_instance(None) {
                Some(iid) => {
                    let az = self.instances[self.instance_index(iid)?].az;
                    Some((Placement::Instance(iid), None, az))
                }
                None => {
                    self.launch_block = Some(StuckReason::NoContainerInstance);
                    None
                }
            },
            Capacity::Providers { strategy, .. } => {
                let pi = next_provider(strategy, &ctx.provider_counts)?;
                let result = match self.providers[pi].role {
                    ProviderRole::Fargate => {
                        let (p, az) = fargate(ctx, false);
                        (p, Some(pi), az)
                    }
                    ProviderRole::FargateSpot => {
                        if !self.providers[pi].spot_available {
                            self.launch_block = Some(StuckReason::SpotUnavailable);
                            return None;
                        }
                        let (p, az) = fargate(ctx, true);
                        (p, Some(pi), az)
                    }
                    ProviderRole::Asg => match self.choose_instance(Some(pi)) {
                        Some(iid) => {
                            let az = self.instances[self.instance_index(iid)?].az;
                            (Placement::Instance(iid), Some(pi), az)
                        }
                        None => {
                            if ctx.unplaced >= self.cfg.cluster.provisioning_quota {
                                self.launch_block = Some(StuckReason::ProvisioningQuota);
                                return None;
                            }
                            ctx.unplaced += 1;
                            (Placement::Unplaced, Some(pi), 0)
                        }
                    },
                };
                ctx.provider_counts[pi] += 1;
                Some(result)
            }
        }
    }

    /// Launch up to `k` tasks of a revision; returns the ids launched.
    pub(super) fn launch(&mut self, k: u32, revision: u32, deployment: u32) -> Vec<TaskId> {
        let mut ctx = self.launch_context();
        let mut ids = Vec::new();
        for _ in 0..k {
            let Some((placement, provider, az)) = self.find_placement(&mut ctx, None) else {
                if let Some(why) = self.take_placement_why(None)
                    && self.placement_failed.as_ref() != Some(&why)
                {
                    self.placement_failed = Some(why.clone());
                    self.emit(EventKind::PlacementFailed { why: Box::new(why) });
                }
                break;
            };
            let id = self.new_task(revision, deployment, placement, provider, az, false);
            if let Some(why) = self.take_placement_why(Some(id)) {
                self.placement_failed = None;
                self.emit(EventKind::TaskPlaced { why: Box::new(why) });
            }
            ids.push(id);
        }
        ids
    }

    /// Place tasks waiting in PROVISIONING on capacity that has appeared.
    pub(super) fn place_waiting(&mut self) {
        if !self
            .tasks
            .iter()
            .any(|t| t.is_live() && t.placement == Placement::Unplaced)
        {
            return;
        }
        let mut placed = vec![0u32; self.providers.len()];
        // Providers for whose next waiting task no instance was found. Placing only takes
        // room and occupies instances, and a search that finds nothing draws no random
        // number, so their later tasks would find nothing either: they are not searched.
        let mut full: Vec<Option<usize>> = Vec::new();
        for idx in 0..self.tasks.len() {
            let task = &self.tasks[idx];
            if !task.is_live() || task.placement != Placement::Unplaced {
                continue;
            }
            let provider = task.provider;
            if !full.contains(&provider) && !self.place_waiting_task(idx, &mut placed) {
                full.push(provider);
            }
        }
        self.report_placed(placed);
    }

    /// Place waiting task `idx` on the best instance of its provider, counting it in
    /// `placed`; false when no instance can take it.
    pub(super) fn place_waiting_task(&mut self, idx: usize, placed: &mut [u32]) -> bool {
        let provider = self.tasks[idx].provider;
        let Some(iid) = self.choose_instance(provider) else {
            self.placement_why = None;
            return false;
        };
        let task = self.tasks[idx].id;
        if let Some(why) = self.take_placement_why(Some(task)) {
            self.emit(EventKind::TaskPlaced { why: Box::new(why) });
        }
        self.reserve(idx, iid);
        if let Some(ii) = self.instance_index(iid) {
            self.tasks[idx].az = self.instances[ii].az;
        }
        self.tasks[idx].until = self.t + u64::from(self.cfg.timings.provisioning_secs);
        if let Some(c) = provider.and_then(|p| placed.get_mut(p)) {
            *c += 1;
        }
        true
    }

    /// Report the waiting tasks placed per provider.
    pub(super) fn report_placed(&mut self, placed: Vec<u32>) {
        for (pi, count) in placed.into_iter().enumerate() {
            if count > 0 {
                let provider = self.providers[pi].name.clone();
                self.providers[pi].waiting_reported = 0;
                self.emit(EventKind::TasksPlaced { count, provider });
            }
        }
    }

    /// Pick `k` tasks to stop among `candidates` (indices into `tasks`) \[Model order\]:
    /// tasks not yet RUNNING first, then tasks not counted healthy, then older revisions,
    /// then the provider most above its share, then by placement: binpack stops where the
    /// most room is left; spread (and no strategy) keeps AZs balanced (AZ with most tasks,
    /// then instance with most tasks, random among equals).
    fn choose_victims(&mut self, candidates: Vec<usize>, k: u32) -> Vec<usize> {
        let k = k as usize;
        if k == 0 {
            return Vec::new();
        }
        if k >= candidates.len() {
            return candidates;
        }
        let azs = usize::from(self.cfg.cluster.availability_zones.max(1));
        let mut az_count = vec![0i64; azs];
        let mut inst_count = vec![0i64; self.instances.len()];
        let mut prov_count = vec![0i64; self.providers.len()];
        for task in self.tasks.iter().filter(|t| t.is_live()) {
            if let Some(c) = az_count.get_mut(usize::from(task.az)) {
                *c += 1;
            }
            if let Some(ii) = task.instance().and_then(|id| self.instance_index(id)) {
                inst_count[ii] += 1;
            }
            if let Some(c) = task.provider.and_then(|p| prov_count.get_mut(p)) {
                *c += 1;
            }
        }
        let ideal: Vec<i64> = match &self.cfg.cluster.capacity {
            Capacity::Providers { strategy, .. } => {
                let total: i64 = prov_count.iter().sum();
                super::cluster::distribute(strategy, total.max(0) as u32)
                    .into_iter()
                    .map(i64::from)
                    .collect()
            }
            _ => Vec::new(),
        };
        let binpack = self.cfg.service.placement.iter().find_map(|s| match s {
            PlacementStrategy::BinpackCpu => Some(true),
            PlacementStrategy::BinpackMemory => Some(false),
            _ => None,
        });
        let older_first = self.cfg.model.stop_older_revisions_first;
        let size = self.cfg.service.task_size;
        let mut remaining = candidates;
        let mut chosen = Vec::with_capacity(k);
        for _ in 0..k {
            let mut best: Option<([i64; 7], usize)> = None;
            for (pos, &idx) in remaining.iter().enumerate() {
                let task = &self.tasks[idx];
                let ii = task.instance().and_then(|id| self.instance_index(id));
                let state_rank = match task.state {
                    TaskState::Provisioning if task.placement == Placement::Unplaced => 5,
                    TaskState::Provisioning => 4,
                    TaskState::Pending => 3,
                    TaskState::Activating => 2,
                    _ if !task.counted_healthy => 1,
                    _ => 0,
                };
                let provider_excess = task.provider.map_or(0, |p| {
                    prov_count.get(p).copied().unwrap_or(0) - ideal.get(p).copied().unwrap_or(0)
                });
                let (p1, p2) = match (ii, binpack) {
                    (Some(ii), Some(cpu)) => {
                        // Room left once this and the tasks already chosen are gone.
                        let inst = &self.instances[ii];
                        let (total, per) = if cpu {
                            (inst.cpu_total, size.cpu)
                        } else {
                            (inst.memory_total, size.memory)
                        };
                        let free = i64::from(total) - (inst_count[ii] - 1) * i64::from(per);
                        (free, 0)
                    }
                    (Some(ii), None) => (
                        az_count.get(usize::from(task.az)).copied().unwrap_or(0),
                        inst_count[ii],
                    ),
                    (None, _) => (az_count.get(usize::from(task.az)).copied().unwrap_or(0), 0),
                };
                let key = [
                    state_rank,
                    if older_first {
                        -i64::from(task.revision)
                    } else {
                        0
                    },
                    provider_excess,
                    p1,
                    p2,
                    i64::from(self.place_rng.random::<u16>()),
                    i64::from(task.id),
                ];
                if best.as_ref().is_none_or(|(b, _)| key > *b) {
                    best = Some((key, pos));
                }
            }
            let Some((_, pos)) = best else { break };
            let idx = remaining.swap_remove(pos);
            let task = &self.tasks[idx];
            if let Some(c) = az_count.get_mut(usize::from(task.az)) {
                *c -= 1;
            }
            if let Some(ii) = task.instance().and_then(|id| self.instance_index(id)) {
                inst_count[ii] -= 1;
            }
            if let Some(c) = task.provider.and_then(|p| prov_count.get_mut(p)) {
                *c -= 1;
            }
            chosen.push(idx);
        }
        chosen
    }

    /// Stop old (retiring) tasks not counted healthy while the tasks in flight are above
    /// the upper limit `u` (after a scale-in lowered it), newest state first.
    fn stop_surplus_old(&mut self, pid: u32, l: u32, u: u32) {
        let surplus = self.in_flight().saturating_sub(u) as usize;
        if surplus == 0 {
            return;
        }
        let mut spare: Vec<usize> = (0..self.tasks.len())
            .filter(|&i| {
                let t = &self.tasks[i];
                self.is_retiring(i, pid) && t.is_in_flight() && !t.is_counted_healthy()
            })
            .collect();
        spare.sort_by_key(|&i| {
            let t = &self.tasks[i];
            (t.health != HealthStatus::Unhealthy, t.state, Reverse(t.id))
        });
        spare.truncate(surplus);
        if spare.is_empty() {
            return;
        }
        let count = spare.len() as u32;
        for idx in spare {
            let reason = if self.tasks[idx].deployment != pid {
                StopReason::Deployment
            } else {
                StopReason::Draining
            };
            self.stop_task(idx, reason);
        }
        let healthy_after = self.tasks.iter().filter(|t| t.is_counted_healthy()).count() as u32;
        let old_left = self.counts().old_live;
        self.emit(EventKind::OldTasksStopped {
            count,
            unhealthy: count,
            healthy_after,
            lower: l,
            old_left,
        });
        if self.deployments[self.primary_index()].rollout == RolloutState::InProgress {
            self.record_batch(pid, BatchAction::Stop, count);
        }
    }

    #[inline]
    fn is_retiring(&self, idx: usize, primary: u32) -> bool {
        let task = &self.tasks[idx];
        task.is_live() && (task.deployment != primary || self.on_draining_instance(task))
    }

    /// A task kept toward the desired count: live, of the primary deployment on an instance
    /// not draining, and not unhealthy.
    #[inline]
    fn is_keeper(&self, idx: usize, primary: u32) -> bool {
        let t = &self.tasks[idx];
        t.is_live() && !self.is_retiring(idx, primary) && t.health != HealthStatus::Unhealthy
    }

    fn keeper_count(&self, primary: u32) -> u32 {
        (0..self.tasks.len())
            .filter(|&i| self.is_keeper(i, primary))
            .count() as u32
    }

    fn in_flight(&self) -> u32 {
        let count_stopping = self.cfg.model.count_stopping_in_max;
        self.tasks
            .iter()
            .filter(|t| {
                t.is_in_flight() || (count_stopping && !t.is_live() && t.state.is_stopping())
            })
            .count() as u32
    }

    fn eligible_instances(&self) -> u32 {
        self.instances
            .iter()
            .filter(|i| i.state == InstanceState::Active)
            .count() as u32
    }

    /// One scheduler round.
    pub(super) fn schedule(&mut self) {
        self.place_waiting();
        // A failing release trips the alarm first; a rollback it starts is scheduled below.
        if self.deployment().rollout == RolloutState::InProgress {
            self.note_serving();
            self.trip_release_alarm();
        }
        let pidx = self.primary_index();
        if self.deployments[pidx].rollout == RolloutState::Failed {
            // A failed deployment without rollback launches and stops nothing more [Model].
            return;
        }
        let pid = self.deployments[pidx].id;
        let revision = self.deployments[pidx].revision;
        let deploying = self.deployments[pidx].rollout == RolloutState::InProgress;
        if deploying && self.deployments[pidx].shift.is_some() {
            self.schedule_shift();
            self.collect_stopped();
            return;
        }
        if self.is_daemon() {
            self.desired = self.eligible_instances();
        }
        let (d, l, u) = self.limits();
        let n = self.tasks.len();
        let retiring: Vec<bool> = (0..n).map(|i| self.is_retiring(i, pid)).collect();

        // 1. Stop old tasks: not-healthy ones freely (a few per tick), healthy ones while H >= L.
        let mut not_healthy: Vec<usize> = (0..n)
            .filter(|&i| {
                let t = &self.tasks[i];
                retiring[i]
                    && !t.is_counted_healthy()
                    && !(t.old_by_design && t.health != HealthStatus::Unhealthy)
            })
            .collect();
        not_healthy.sort_by_key(|&i| {
            let t = &self.tasks[i];
            (t.health != HealthStatus::Unhealthy, t.state, Reverse(t.id))
        });
        not_healthy.truncate(self.cfg.model.unhealthy_old_stops_per_tick as usize);
        let healthy_now = self.tasks.iter().filter(|t| t.is_counted_healthy()).count() as u32;
        let budget = healthy_now.saturating_sub(l);
        let healthy_old: Vec<usize> = (0..n)
            .filter(|&i| retiring[i] && self.tasks[i].is_counted_healthy())
            .collect();
        let victims = self.choose_victims(healthy_old, budget);
        let stopped_healthy = victims.len() as u32;
        let unhealthy_count = not_healthy.len() as u32;
        for idx in not_healthy.into_iter().chain(victims) {
            let reason = if self.tasks[idx].deployment != pid {
                StopReason::Deployment
            } else {
                StopReason::Draining
            };
            self.stop_task(idx, reason);
        }
        if stopped_healthy + unhealthy_count > 0 {
            let c = self.counts();
            self.emit(EventKind::OldTasksStopped {
                count: stopped_healthy + unhealthy_count,
                unhealthy: unhealthy_count,
                healthy_after: healthy_now - stopped_healthy,
                lower: l,
                old_left: c.old_live,
            });
            if deploying {
                self.record_batch(pid, BatchAction::Stop, stopped_healthy + unhealthy_count);
            }
        }

        // 2. Unhealthy current tasks: stop those whose replacement is healthy.
        let being_replaced: Vec<usize> = (0..n)
            .filter(|&i| {
                let t = &self.tasks[i];
                !retiring[i] && t.is_live() && t.health == HealthStatus::Unhealthy
            })
            .collect();
        let mut replaced_done = 0;
        for &idx in &being_replaced {
            let done = self.tasks[idx].replacement.is_some_and(|rid| {
                self.tasks
                    .iter()
                    .any(|t| t.id == rid && t.is_counted_healthy())
            });
            if done {
                self.stop_task(idx, StopReason::ReplacedUnhealthy);
                replaced_done += 1;
            }
        }
        if replaced_done > 0 {
            self.emit_stopped(replaced_done, StopReason::ReplacedUnhealthy, pid, d);
        }

        // 3. Scale in: more current tasks than desired.
        if !self.is_daemon() {
            let excess = self.keeper_count(pid).saturating_sub(d);
            if excess > 0 {
                let keep = (0..self.tasks.len())
                    .filter(|&i| self.is_keeper(i, pid))
                    .collect();
                let victims = self.choose_victims(keep, excess);
                for &idx in &victims {
                    self.stop_task(idx, StopReason::ScaleIn);
                }
                self.emit_stopped(victims.len() as u32, StopReason::ScaleIn, pid, d);
            }
            // Unhealthy tasks nobody needs to replace any more.
            if self.keeper_count(pid) >= d {
                let spare: Vec<usize> = (0..self.tasks.len())
                    .filter(|&i| {
                        let t = &self.tasks[i];
                        t.is_live()
                            && !self.is_retiring(i, pid)
                            && t.health == HealthStatus::Unhealthy
                            && t.replacement.is_none()
                    })
                    .collect();
                if !spare.is_empty() {
                    let count = spare.len() as u32;
                    for idx in spare {
                        self.stop_task(idx, StopReason::Unhealthy);
                    }
                    self.emit_stopped(count, StopReason::Unhealthy, pid, d);
                }
            }
        }

        // 3b. The desired count went down below what old tasks still hold: old tasks not
        // counted healthy above the upper limit are not needed (nothing waits on them), so
        // they stop now rather than one a second.
        self.stop_surplus_old(pid, l, u);

        // 4. No room to replace an unhealthy task first: stop one at a time.
        if self.in_flight() >= u
            && let Some(idx) = (0..self.tasks.len()).find(|&i| {
                let t = &self.tasks[i];
                t.is_live()
                    && !self.is_retiring(i, pid)
                    && t.health == HealthStatus::Unhealthy
                    && t.replacement.is_none()
            })
        {
            self.stop_task(idx, StopReason::Unhealthy);
            self.emit_stopped(1, StopReason::Unhealthy, pid, d);
        }

        // 5. Start tasks within U - inflight and the capacity.
        let previous_block = self.launch_block.take();
        if self.t < self.throttle_until {
            self.launch_block = previous_block;
            self.collect_stopped();
            return;
        }
        let mut room = u.saturating_sub(self.in_flight());
        // Tasks the limits allowed but placement could not launch.
        let mut not_launched = 0;
        let role = self.deploying_role();
        if self.old_share_pending > 0 {
            if deploying {
                let k = self.old_share_pending.min(room);
                if let Some((old_rev, old_dep)) = self.old_revision(pid) {
                    let ids = self.launch(k, old_rev, old_dep);
                    for task in self.tasks.iter_mut().filter(|t| ids.contains(&t.id)) {
                        task.old_by_design = true;
                    }
                    let launched = ids.len() as u32;
                    not_launched += k - launched;
                    self.old_share_pending -= launched;
                    room -= launched;
                    if launched > 0 {
                        self.emit_started(
                            launched,
                            old_rev,
                            Role::Old,
                            StartReason::ScaleOutShare,
                            u,
                            d,
                            StartLimit::None,
                        );
                    }
                } else {
                    // No old task is left to share with.
                    self.old_share_pending = 0;
                }
            } else {
                self.old_share_pending = 0;
            }
        }
        if self.is_daemon() {
            let launched = self.start_daemons(room, revision, pid);
            if launched > 0 {
                self.emit_started(
                    launched,
                    revision,
                    role,
                    StartReason::Daemon,
                    u,
                    d,
                    StartLimit::None,
                );
                if deploying {
                    self.record_batch(pid, BatchAction::Start, launched);
                }
            }
        } else {
            let want = d.saturating_sub(self.keeper_count(pid));
            let per_second = self.cfg.model.starts_per_second.unwrap_or(u32::MAX);
            let k = want.min(room).min(per_second);
            if k > 0 {
                let ids = self.launch(k, revision, pid);
                let launched = ids.len() as u32;
                not_launched += k - launched;
                // Link replacements to unhealthy tasks still waiting for one.
                let mut waiting: Vec<usize> = (0..self.tasks.len())
                    .filter(|&i| {
                        let t = &self.tasks[i];
                        t.is_live()
                            && t.deployment == pid
                            && t.health == HealthStatus::Unhealthy
                            && t.replacement.is_none()
                    })
                    .collect();
                waiting.sort_by_key(|&i| self.tasks[i].id);
                let replacing = (waiting.len() as u32).min(launched);
                for (w, id) in waiting.into_iter().zip(ids.iter()) {
                    self.tasks[w].replacement = Some(*id);
                }
                let limit = if launched < k {
                    StartLimit::Capacity
                } else if want > room && room <= per_second {
                    StartLimit::Upper
                } else if want > per_second {
                    StartLimit::PerSecond
                } else {
                    StartLimit::Desired
                };
                if replacing > 0 {
                    self.emit_started(
                        replacing,
                        revision,
                        role,
                        StartReason::ReplaceUnhealthy,
                        u,
                        d,
                        if replacing == launched {
                            limit
                        } else {
                            StartLimit::None
                        },
                    );
                }
                if launched > replacing {
                    self.emit_started(
                        launched - replacing,
                        revision,
                        role,
                        StartReason::Desired,
                        u,
                        d,
                        limit,
                    );
                }
                if deploying {
                    self.record_batch(pid, BatchAction::Start, launched);
                }
                if launched < k && self.launch_block.is_none() {
                    self.launch_block = previous_block.clone();
                }
            }
        }
        if let Some(reason) = self.launch_block.clone()
            && previous_block.as_ref() != Some(&reason)
        {
            self.emit(EventKind::LaunchBlocked {
                not_launched,
                reason,
            });
        }
        self.report_waiting();
        self.collect_stopped();
    }

    /// The revision and deployment of the newest old tasks still live.
    fn old_revision(&self, primary: u32) -> Option<(u32, u32)> {
        self.tasks
            .iter()
            .filter(|t| t.is_live() && t.deployment != primary)
            .max_by_key(|t| t.deployment)
            .map(|t| (t.revision, t.deployment))
    }

    fn start_daemons(&mut self, mut room: u32, revision: u32, pid: u32) -> u32 {
        let size = self.cfg.service.task_size;
        let candidates: Vec<InstanceId> = self
            .instances
            .iter()
            .filter(|i| i.state == InstanceState::Active && i.fits(size))
            .map(|i| i.id)
            .filter(|id| {
                !self
                    .tasks
                    .iter()
                    .any(|t| t.is_live() && t.daemon && t.instance() == Some(*id))
            })
            .collect();
        let mut launched = 0;
        for iid in candidates {
            if room == 0 {
                break;
            }
            let mut ctx = self.launch_context();
            if let Some((placement, provider, az)) = self.find_placement(&mut ctx, Some(iid)) {
                self.new_task(revision, pid, placement, provider, az, true);
                launched += 1;
                room -= 1;
            }
        }
        launched
    }

    fn report_waiting(&mut self) {
        for pi in 0..self.providers.len() {
            if self.providers[pi].role != ProviderRole::Asg {
                continue;
            }
            let waiting = self
                .tasks
                .iter()
                .filter(|t| {
                    t.is_live() && t.placement == Placement::Unplaced && t.provider == Some(pi)
                })
                .count() as u32;
            if waiting > self.providers[pi].waiting_reported {
                let provider = self.providers[pi].name.clone();
                self.emit(EventKind::WaitingForCapacity {
                    count: waiting,
                    provider,
                });
            }
            self.providers[pi].waiting_reported = waiting;
        }
    }

    /// Add a scheduler action to the batches with the old/new counts after it.
    pub(super) fn record_batch(&mut self, deployment: u32, action: BatchAction, count: u32) {
        let c = self.counts();
        push_batch(
            &mut self.batches,
            (deployment, self.t, action, count, c.old_live, c.new_live),
        );
    }

    pub(super) fn emit_stopped(&mut self, count: u32, reason: StopReason, pid: u32, desired: u32) {
        if count == 0 {
            return;
        }
        let live_after = (0..self.tasks.len())
            .filter(|&i| self.tasks[i].is_live() && !self.is_retiring(i, pid))
            .count() as u32;
        self.emit(EventKind::TasksStopped {
            count,
            reason,
            live_after,
            desired,
        });
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit_started(
        &mut self,
        count: u32,
        revision: u32,
        role: Role,
        reason: StartReason,
        upper: u32,
        desired: u32,
        limit: StartLimit,
    ) {
        let c = self.counts();
        self.emit(EventKind::TasksStarted {
            count,
            revision,
            role,
            reason,
            in_flight_after: c.in_flight,
            upper,
            live_after: if role == Role::Old {
                c.old_live
            } else {
                c.new_live
            },
            desired,
            limit,
        });
    }

    // ------------------------------------------------------------------------------------
    // Deployment checks.

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

    fn deployment_done(&self) -> bool {
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

    fn complete_deployment(&mut self) {
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
    fn note_serving(&mut self) {
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

    fn check_stuck(&mut self, in_deployment: bool) {
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
    fn can_progress(&self) -> bool {
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

    fn stuck_reason(&self) -> StuckReason {
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
