//! Launching tasks: where each goes (the capacity provider strategy, then placement on an
//! instance or Fargate), tasks waiting for capacity placed as room appears, and the events
//! that report them.

use super::cluster::{InstanceState, next_provider};
use super::config::Capacity;
use super::event::{EventKind, StuckReason};
use super::simulation::Simulation;
use super::task::{InstanceId, Placement, TaskId};
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
}
