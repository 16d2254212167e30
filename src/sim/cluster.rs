//! Container instances, capacity providers and the pure arithmetic of placement and
//! capacity provider strategies (spec 6 and 7).

use serde::Serialize;

use super::config::{StrategyItem, TaskSize};
use super::task::InstanceId;

/// Lifecycle of a container instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InstanceState {
    /// Launched by the Auto Scaling group, not yet registered.
    Booting,
    /// Registered and accepting tasks.
    Active,
    /// DRAINING: no new tasks; its tasks are replaced.
    Draining,
}

/// An EC2 container instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    /// Id (shown as `i-<id>`).
    pub id: InstanceId,
    /// Index of its capacity provider, `None` for a launch-type cluster.
    pub provider: Option<usize>,
    /// Instance type name.
    pub type_name: String,
    /// Availability zone index.
    pub az: u8,
    /// Registered CPU units.
    pub cpu_total: u32,
    /// Registered memory (MiB).
    pub memory_total: u32,
    /// CPU units reserved by tasks.
    pub cpu_used: u32,
    /// Memory reserved by tasks (MiB).
    pub memory_used: u32,
    /// State.
    pub state: InstanceState,
    /// Second it was launched.
    pub launched_at: u64,
    /// Second it registers (or registered).
    pub ready_at: u64,
    /// End of its warm-up period.
    pub warm_until: u64,
    /// Tasks reserving capacity on it (including ones still stopping).
    pub tasks: u32,
    /// Of which daemon tasks.
    pub daemon_tasks: u32,
    /// Terminate once empty (cluster scale-in with managed draining).
    pub terminate_when_empty: bool,
    /// Second it was terminated.
    pub terminated_at: Option<u64>,
}

impl Instance {
    /// CPU units still free.
    pub fn cpu_free(&self) -> u32 {
        self.cpu_total.saturating_sub(self.cpu_used)
    }

    /// Memory still free (MiB).
    pub fn memory_free(&self) -> u32 {
        self.memory_total.saturating_sub(self.memory_used)
    }

    /// Does a task of `size` fit now?
    pub fn fits(&self, size: TaskSize) -> bool {
        self.cpu_free() >= size.cpu && self.memory_free() >= size.memory
    }

    /// How many more tasks of `size` fit.
    pub fn free_slots(&self, size: TaskSize) -> u32 {
        if size.cpu == 0 || size.memory == 0 {
            return 0;
        }
        (self.cpu_free() / size.cpu).min(self.memory_free() / size.memory)
    }

    /// Runs no task apart from daemons ("empty" for cluster scale-in).
    pub fn is_empty(&self) -> bool {
        self.tasks == self.daemon_tasks
    }

    /// Protected from scale-in: managed termination protection keeps instances with tasks.
    pub fn is_protected(&self, managed_termination_protection: bool) -> bool {
        managed_termination_protection && !self.is_empty()
    }

    /// Still in its warm-up period at `t`.
    pub fn is_warming(&self, t: u64) -> bool {
        t < self.warm_until
    }
}

/// Which provider gets the next task, given live task counts per strategy item (spec 6.2):
/// the base provider until it holds `base` tasks, then the provider minimising
/// `(assigned + 1) / weight` over weights above 0, ties to the earlier item \[Model\].
pub fn next_provider(strategy: &[StrategyItem], counts: &[u32]) -> Option<usize> {
    if let Some(i) = strategy
        .iter()
        .enumerate()
        .position(|(i, s)| s.base > 0 && counts.get(i).copied().unwrap_or(0) < s.base)
    {
        return Some(i);
    }
    let mut best: Option<(usize, f64)> = None;
    for (i, s) in strategy.iter().enumerate() {
        if s.weight == 0 {
            continue;
        }
        let assigned = counts.get(i).copied().unwrap_or(0).saturating_sub(s.base);
        let score = f64::from(assigned + 1) / f64::from(s.weight);
        if best.is_none_or(|(_, b)| score < b - 1e-12) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// How `n` tasks split over the strategy's providers.
pub fn distribute(strategy: &[StrategyItem], n: u32) -> Vec<u32> {
    let mut counts = vec![0; strategy.len()];
    for _ in 0..n {
        match next_provider(strategy, &counts) {
            Some(i) => counts[i] += 1,
            None => break,
        }
    }
    counts
}

/// How many instances of a type `per_instance` tasks each are needed for `tasks` tasks.
pub fn instances_needed(tasks: u32, per_instance: u32) -> u32 {
    if per_instance == 0 {
        0
    } else {
        tasks.div_ceil(per_instance)
    }
}

/// The CapacityProviderReservation metric for M needed and N running instances (spec 7.2).
pub fn capacity_provider_reservation(m: u32, n: u32) -> f64 {
    match (m, n) {
        (0, 0) => 100.0,
        (_, 0) => 200.0,
        _ => 100.0 * f64::from(m) / f64::from(n),
    }
}

/// Instances to launch when the high alarm fires (spec 7.2 "managed scale-out"): enough to
/// bring N to ceil(M x 100 / target), at least the minimum step, at most the maximum step;
/// from zero instances the first step is `from_zero` (CPR 200, X12).
pub fn scale_out_step(
    m: u32,
    n: u32,
    target_capacity: u32,
    min_step: u32,
    max_step: u32,
    from_zero: u32,
) -> u32 {
    let wanted = if n == 0 {
        from_zero
    } else {
        let goal = (u64::from(m) * 100).div_ceil(u64::from(target_capacity.max(1))) as u32;
        goal.saturating_sub(n)
    };
    wanted.max(min_step).min(max_step)
}

/// Instances removed in one minute of scale-in \[Model, X3\]: at least one and less than half,
/// `min(excess, max(1, ceil(N/2) - 1))`.
pub fn scale_in_pace(excess: u32, n: u32) -> u32 {
    excess.min(n.div_ceil(2).saturating_sub(1).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, base: u32, weight: u32) -> StrategyItem {
        StrategyItem {
            provider: name.into(),
            base,
            weight,
        }
    }

    #[test]
    fn k12_weights_split_tasks() {
        let s = [item("A", 0, 1), item("B", 0, 4)];
        assert_eq!(distribute(&s, 10), vec![2, 8]);
        let s = [item("A", 0, 1), item("B", 0, 1)];
        assert_eq!(distribute(&s, 10), vec![5, 5]);
    }

    #[test]
    fn base_goes_first_then_weights() {
        let s = [item("A", 2, 1), item("B", 0, 1)];
        assert_eq!(distribute(&s, 2), vec![2, 0]);
        assert_eq!(distribute(&s, 6), vec![4, 2]);
        // Weight 0 gets nothing beyond its base.
        let s = [item("A", 3, 0), item("B", 0, 1)];
        assert_eq!(distribute(&s, 7), vec![3, 4]);
    }

    #[test]
    fn k4_and_special_cases_of_cpr() {
        assert_eq!(capacity_provider_reservation(0, 0), 100.0);
        assert_eq!(capacity_provider_reservation(3, 0), 200.0);
        assert_eq!(capacity_provider_reservation(4, 2), 200.0);
        assert_eq!(capacity_provider_reservation(2, 4), 50.0);
    }

    #[test]
    fn k1_k6_k7_scale_out_steps() {
        // K1: M=4, N=2, target 100 -> +2.
        assert_eq!(scale_out_step(4, 2, 100, 1, 10_000, 2), 2);
        // K6: target 90, M=9, N=9 -> N goes to 10.
        assert_eq!(scale_out_step(9, 9, 90, 1, 10_000, 2), 1);
        // K7: need 3 with min step 5 -> 5; need 30 with max step 10 -> 10.
        assert_eq!(scale_out_step(13, 10, 100, 5, 10_000, 2), 5);
        assert_eq!(scale_out_step(40, 10, 100, 1, 10, 2), 10);
        // K3: from zero instances, two.
        assert_eq!(scale_out_step(10, 0, 100, 1, 10_000, 2), 2);
    }

    #[test]
    fn scale_in_is_gradual() {
        assert_eq!(scale_in_pace(2, 4), 1);
        assert_eq!(scale_in_pace(10, 20), 9);
        assert_eq!(scale_in_pace(3, 1), 1);
        assert_eq!(scale_in_pace(0, 4), 0);
    }

    #[test]
    fn instances_needed_rounds_up() {
        assert_eq!(instances_needed(9, 4), 3);
        assert_eq!(instances_needed(0, 4), 0);
        assert_eq!(instances_needed(5, 0), 0);
    }
}
