//! The service scheduler, evaluated every second on one snapshot (spec 3.2): stop old tasks
//! within the lower limit, replace unhealthy tasks, scale in, start tasks within the upper
//! limit and the free capacity; then the deployment checks (circuit breaker, alarms,
//! completion, stuck: `checks_deploy.rs`). Where a started task goes is `launch.rs`.

use std::cmp::Reverse;

use rand::RngExt;

use super::cluster::InstanceState;
use super::config::{Capacity, PlacementStrategy};
use super::deployment::{BatchAction, RolloutState, push_batch};
use super::event::{EventKind, Role, StartLimit, StartReason, StopReason};
use super::simulation::Simulation;
use super::task::{HealthStatus, InstanceId, Placement, TaskState};
use super::types::ProviderRole;

impl Simulation {
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
    pub(super) fn is_retiring(&self, idx: usize, primary: u32) -> bool {
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
}
