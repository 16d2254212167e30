//! Cluster auto scaling (spec 7): the CapacityProviderReservation metric of every Auto
//! Scaling group provider with managed scaling, its alarms (1 datapoint high, 15 low, X8),
//! scale-out with step sizes and warm-up, and gradual scale-in with managed termination
//! protection and managed draining.

use super::cluster::{
    InstanceState, capacity_provider_reservation, instances_needed, scale_in_pace, scale_out_step,
};
use super::config::AsgConfig;
use super::event::{AlarmSide, EventKind};
use super::simulation::Simulation;
use super::task::{InstanceId, Placement};

impl Simulation {
    /// (M, N) for provider `pi` (spec 7.2). N counts the group's instances (booting, active
    /// or draining). Without waiting tasks M is the number of instances running at least one
    /// non-daemon task. With tasks waiting in PROVISIONING (that fit the instance type, K9),
    /// they are packed first into free room on the group's non-draining instances, then onto
    /// new instances of the group's type: M = instances in use + new instances.
    pub(super) fn provider_m_n(&self, pi: usize, asg: &AsgConfig) -> (u32, u32) {
        let size = self.cfg.service.task_size;
        let per_instance = asg
            .instance_type
            .fits(size, self.cfg.cluster.reserved_memory);
        let mine = || {
            self.instances
                .iter()
                .filter(move |i| i.provider == Some(pi))
        };
        let n = mine().count() as u32;
        let waiting = if per_instance == 0 {
            0
        } else {
            self.tasks
                .iter()
                .filter(|t| {
                    t.is_live() && t.placement == Placement::Unplaced && t.provider == Some(pi)
                })
                .count() as u32
        };
        let mut used = mine().filter(|i| !i.is_empty()).count() as u32;
        if waiting == 0 {
            return (used, n);
        }
        let mut left = waiting;
        for inst in mine().filter(|i| i.state != InstanceState::Draining) {
            if left == 0 {
                break;
            }
            let slots = inst.free_slots(size);
            if slots == 0 {
                continue;
            }
            left -= slots.min(left);
            if inst.is_empty() {
                used += 1;
            }
        }
        (used + instances_needed(left, per_instance), n)
    }

    /// The minute's CapacityProviderReservation of every managed provider and its alarms
    /// (Metrics phase): M, N and the metric are kept for the Scaling phase.
    pub(super) fn evaluate_providers(&mut self) {
        let model = self.cfg.model;
        for pi in 0..self.providers.len() {
            let Some(asg) = self.providers[pi].asg.clone() else {
                continue;
            };
            let Some(ms) = asg.managed_scaling else {
                continue;
            };
            let (m, n) = self.provider_m_n(pi, &asg);
            let cpr = capacity_provider_reservation(m, n);
            let target = f64::from(ms.target_capacity);
            let name = self.providers[pi].name.clone();
            let (high, low, was_high, was_low) = {
                let p = &mut self.providers[pi];
                p.cpr = Some(cpr);
                p.needed = m;
                p.running = n;
                p.history.push_back(cpr);
                while p.history.len() > 32 {
                    p.history.pop_front();
                }
                let last = |k: u32| -> Option<Vec<f64>> {
                    let k = k as usize;
                    (p.history.len() >= k).then(|| {
                        p.history
                            .iter()
                            .skip(p.history.len() - k)
                            .copied()
                            .collect()
                    })
                };
                let high =
                    last(model.cas_high_datapoints).is_some_and(|v| v.iter().all(|x| *x > target));
                let low =
                    last(model.cas_low_datapoints).is_some_and(|v| v.iter().all(|x| *x < target));
                let was = (p.high_alarm, p.low_alarm);
                p.high_alarm = high;
                p.low_alarm = low;
                (high, low, was.0, was.1)
            };
            for (side, now, was, points) in [
                (AlarmSide::High, high, was_high, model.cas_high_datapoints),
                (AlarmSide::Low, low, was_low, model.cas_low_datapoints),
            ] {
                if now != was {
                    self.emit(EventKind::AlarmChanged {
                        source: name.clone(),
                        alarm: side,
                        in_alarm: now,
                        value: cpr,
                        threshold: target,
                        datapoints: points,
                    });
                }
            }
        }
    }

    /// Act on the providers' alarms (Scaling phase): launch instances when the high alarm
    /// is in ALARM (after warm-up), remove empty ones when the low alarm is.
    pub(super) fn cluster_autoscale(&mut self) {
        let t = self.t;
        let model = self.cfg.model;
        for pi in 0..self.providers.len() {
            let Some(asg) = self.providers[pi].asg.clone() else {
                continue;
            };
            let Some(ms) = asg.managed_scaling else {
                continue;
            };
            let p = &self.providers[pi];
            let (m, n, cpr, high, low) = (
                p.needed,
                p.running,
                p.cpr.unwrap_or(100.0),
                p.high_alarm,
                p.low_alarm,
            );
            let target = f64::from(ms.target_capacity);
            let name = p.name.clone();
            if high {
                self.providers[pi].protected_reported = false;
                let warm_until = self
                    .instances
                    .iter()
                    .filter(|i| i.provider == Some(pi) && i.is_warming(t))
                    .map(|i| i.warm_until)
                    .max();
                if let Some(until) = warm_until {
                    if !self.providers[pi].warmup_reported {
                        self.providers[pi].warmup_reported = true;
                        self.emit(EventKind::WaitingForWarmup {
                            provider: name,
                            until,
                        });
                    }
                    continue;
                }
                self.providers[pi].warmup_reported = false;
                let add = scale_out_step(
                    m,
                    n,
                    ms.target_capacity,
                    ms.minimum_scaling_step_size,
                    ms.maximum_scaling_step_size,
                    model.cas_first_step_from_zero,
                )
                .min(asg.max_size.saturating_sub(n));
                if add == 0 {
                    continue;
                }
                for _ in 0..add {
                    let az = self.az_for_new_instance(Some(pi));
                    self.add_instance(Some(pi), &asg.instance_type, az, InstanceState::Booting);
                }
                self.emit(EventKind::InstancesLaunched {
                    provider: name,
                    count: add,
                    cpr,
                    before: n,
                    after: n + add,
                });
            } else if low {
                self.scale_in_provider(pi, &asg, m, n, target, name);
            }
        }
    }

    fn scale_in_provider(
        &mut self,
        pi: usize,
        asg: &AsgConfig,
        m: u32,
        n: u32,
        target: f64,
        name: String,
    ) {
        let leaving = self
            .instances
            .iter()
            .filter(|i| i.provider == Some(pi) && i.terminate_when_empty)
            .count() as u32;
        let staying = n - leaving;
        let goal = ((f64::from(m) * 100.0 / target) - 1e-9).ceil().max(0.0) as u32;
        let goal = goal.max(asg.min_size);
        let excess = staying.saturating_sub(goal);
        if excess == 0 {
            return;
        }
        let pace = if self.cfg.model.cas_gradual_scale_in {
            scale_in_pace(excess, staying)
        } else {
            excess
        };
        // Victims: the AZ with the most instances first, then the oldest [Model: ASG default
        // termination policy]. With managed termination protection only empty instances.
        let azs = usize::from(self.cfg.cluster.availability_zones.max(1));
        let mut per_az = vec![0u32; azs];
        for i in self.instances.iter().filter(|i| i.provider == Some(pi)) {
            if let Some(c) = per_az.get_mut(usize::from(i.az)) {
                *c += 1;
            }
        }
        let protect = asg.managed_termination_protection;
        let mut candidates: Vec<(u32, u64, InstanceId, bool)> = self
            .instances
            .iter()
            .filter(|i| {
                i.provider == Some(pi)
                    && i.state == InstanceState::Active
                    && !i.terminate_when_empty
                    && !i.is_protected(protect)
            })
            .map(|i| {
                (
                    per_az.get(usize::from(i.az)).copied().unwrap_or(0),
                    i.launched_at,
                    i.id,
                    i.is_empty(),
                )
            })
            .collect();
        if candidates.is_empty() {
            if !self.providers[pi].protected_reported {
                self.providers[pi].protected_reported = true;
                self.emit(EventKind::ScaleInProtected {
                    provider: name,
                    excess,
                });
            }
            return;
        }
        // The ASG's termination policy knows nothing of tasks: the AZ with the most
        // instances, then the oldest. Only managed termination protection (which keeps
        // busy instances out of the candidates above) spares the busy ones.
        candidates.sort_by_key(|&(az, launched, id, _)| (std::cmp::Reverse(az), launched, id));
        candidates.truncate(pace as usize);
        let mut busy = 0;
        for &(_, _, id, empty) in &candidates {
            if empty {
                self.terminate_instance(id);
            } else {
                busy += 1;
                if asg.managed_draining {
                    if let Some(ii) = self.instance_index(id) {
                        if self.instances[ii].state != InstanceState::Draining {
                            self.draining += 1;
                        }
                        self.instances[ii].state = InstanceState::Draining;
                        self.instances[ii].terminate_when_empty = true;
                    }
                } else {
                    self.terminate_instance(id);
                }
            }
        }
        let after = self
            .instances
            .iter()
            .filter(|i| i.provider == Some(pi) && !i.terminate_when_empty)
            .count() as u32;
        self.emit(EventKind::InstancesTerminated {
            provider: name,
            count: candidates.len() as u32,
            after,
            busy,
        });
    }
}
