//! Deployment records, the limits L and U, the circuit breaker threshold and the batches
//! of a rolling update.

use serde::Serialize;

use super::config::{Stage, Threshold};
use super::event::StuckReason;

/// Lower limit L = ceil(D x min% / 100): healthy tasks that must stay (spec 2.1).
pub fn lower_limit(desired: u32, min_healthy: u32) -> u32 {
    (u64::from(desired) * u64::from(min_healthy)).div_ceil(100) as u32
}

/// Upper limit U = floor(D x max% / 100): tasks in flight allowed (spec 2.1).
pub fn upper_limit(desired: u32, max_percent: u32) -> u32 {
    u32::try_from(u64::from(desired) * u64::from(max_percent) / 100).unwrap_or(u32::MAX)
}

/// The circuit breaker threshold T for desired count D (spec 4.1): BOUNDED_PERCENT clamps
/// to 3..200 (10..200 with the legacy minimum, X1); percentages round up \[Model\] unless
/// `round_up` is off.
pub fn breaker_threshold(
    threshold: Threshold,
    desired: u32,
    legacy_minimum: bool,
    round_up: bool,
) -> u32 {
    let pct = |p: u32| {
        let product = u64::from(desired) * u64::from(p);
        (if round_up {
            product.div_ceil(100)
        } else {
            product / 100
        }) as u32
    };
    match threshold {
        Threshold::Count(n) => n,
        Threshold::UnboundedPercent(p) => pct(p).max(1),
        Threshold::BoundedPercent(p) => {
            let min = if legacy_minimum { 10 } else { 3 };
            pct(p).clamp(min, 200)
        }
    }
}

/// `rolloutState` of a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RolloutState {
    /// IN_PROGRESS.
    InProgress,
    /// COMPLETED.
    Completed,
    /// FAILED.
    Failed,
}

/// `status` of a deployment record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RecordStatus {
    /// The newest deployment.
    Primary,
    /// Older, still has tasks.
    Active,
    /// Fully replaced.
    Inactive,
}

/// Circuit breaker status values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BreakerStatus {
    /// Counting failures.
    Monitoring,
    /// Tripped.
    Triggered,
    /// The deployment completed.
    MonitoringComplete,
    /// Not enabled.
    Disabled,
}

/// One deployment of the service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deployment {
    /// Id (1 = the configuration running at second 0).
    pub id: u32,
    /// Task definition revision.
    pub revision: u32,
    /// The revision it replaces (the one running when it started).
    pub replaces: u32,
    /// PRIMARY / ACTIVE / INACTIVE.
    pub status: RecordStatus,
    /// IN_PROGRESS / COMPLETED / FAILED.
    pub rollout: RolloutState,
    /// Second it started.
    pub started_at: u64,
    /// Second it completed or failed.
    pub finished_at: Option<u64>,
    /// The failed deployment this one rolls back.
    pub rollback_of: Option<u32>,
    /// Circuit breaker status.
    pub breaker: BreakerStatus,
    /// Circuit breaker failure count.
    pub breaker_count: u32,
    /// Stage 2 of the breaker: at least one new task reached RUNNING.
    pub breaker_stage_two: bool,
    /// Roll back if the breaker trips.
    pub rollback_enabled: bool,
    /// Why it cannot make progress, if stuck.
    pub stuck: Option<StuckReason>,
    /// Alarms are ignored (already in ALARM at start).
    pub alarms_ignored: bool,
    /// End of the bake time, while baking.
    pub bake_until: Option<u64>,
    /// When the revision first served traffic: its first task counted healthy (rolling) or
    /// the first production traffic shift (blue/green, linear, canary).
    pub serving_since: Option<u64>,
    /// Where a blue/green, linear, canary or CodeDeploy deployment stands (`None` for a
    /// rolling update).
    pub shift: Option<ShiftState>,
}

/// Where a traffic-shifting deployment stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftState {
    /// The stage now.
    pub stage: Stage,
    /// Second the stage began.
    pub stage_since: u64,
    /// End of the running lifecycle hook, if one runs.
    pub hook_until: Option<u64>,
    /// Share of production traffic on the new (green) revision, in percent.
    pub production_green: f64,
    /// Share of test traffic on green, in percent.
    pub test_green: f64,
    /// Production traffic steps taken.
    pub steps_done: u32,
    /// When the next production step is due.
    pub next_step_at: Option<u64>,
    /// End of the bake time.
    pub bake_until: Option<u64>,
}

impl ShiftState {
    /// The state at the start of a deployment.
    pub fn new(t: u64) -> Self {
        ShiftState {
            stage: Stage::PreScaleUp,
            stage_since: t,
            hook_until: None,
            production_green: 0.0,
            test_green: 0.0,
            steps_done: 0,
            next_step_at: None,
            bake_until: None,
        }
    }
}

/// Overall state of the latest deployment, as the CLI and the visualiser report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentStatus {
    /// No deployment has been started.
    None,
    /// Running.
    InProgress,
    /// Cannot make progress (the reason says why).
    Stuck(StuckReason),
    /// Reached a steady state.
    Completed,
    /// Failed without rollback.
    Failed,
    /// A rollback deployment is running.
    RollingBack,
    /// The rollback completed.
    RolledBack,
}

impl DeploymentStatus {
    /// The JSON word: `completed`, `stuck`, `failed`, `rolled_back`, `in_progress`,
    /// `rolling_back` or `none`.
    pub fn word(&self) -> &'static str {
        match self {
            DeploymentStatus::None => "none",
            DeploymentStatus::InProgress => "in_progress",
            DeploymentStatus::Stuck(_) => "stuck",
            DeploymentStatus::Completed => "completed",
            DeploymentStatus::Failed => "failed",
            DeploymentStatus::RollingBack => "rolling_back",
            DeploymentStatus::RolledBack => "rolled_back",
        }
    }

    /// Completed, stuck, failed or rolled back.
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            DeploymentStatus::Stuck(_)
                | DeploymentStatus::Completed
                | DeploymentStatus::Failed
                | DeploymentStatus::RolledBack
        )
    }
}

/// Stop or start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchAction {
    /// Old tasks stopped.
    Stop,
    /// New tasks started.
    Start,
}

/// Consecutive scheduler actions of one kind during a deployment, merged as AWS narrates
/// them: `stop 4 (6/0)` means 4 old tasks stopped, leaving 6 old and 0 new live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Batch {
    /// Deployment the batch belongs to.
    pub deployment: u32,
    /// Second of the first action of the batch.
    pub t: u64,
    /// Stop or start.
    pub action: BatchAction,
    /// Tasks in the batch.
    pub count: u32,
    /// Old tasks live after the batch.
    pub old: u32,
    /// New tasks live after the batch.
    pub new: u32,
}

impl std::fmt::Display for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self.action {
            BatchAction::Stop => "stop",
            BatchAction::Start => "start",
        };
        write!(f, "{word} {} ({}/{})", self.count, self.old, self.new)
    }
}

/// One scheduler action of a deployment: (deployment, second, stop or start, tasks, old
/// live after, new live after).
pub type BatchStep = (u32, u64, BatchAction, u32, u32, u32);

/// Append an action, merging it into the last batch when it is of the same kind and the
/// same deployment.
pub fn push_batch(batches: &mut Vec<Batch>, step: BatchStep) {
    let (deployment, t, action, count, old, new) = step;
    if count == 0 {
        return;
    }
    if let Some(last) = batches.last_mut()
        && last.action == action
        && last.deployment == deployment
    {
        last.count += count;
        last.old = old;
        last.new = new;
        return;
    }
    batches.push(Batch {
        deployment,
        t,
        action,
        count,
        old,
        new,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r1_to_r4_limits_round_in_the_documented_direction() {
        assert_eq!(lower_limit(4, 50), 2);
        assert_eq!(lower_limit(2, 75), 2);
        assert_eq!(upper_limit(4, 200), 8);
        assert_eq!(upper_limit(3, 125), 3);
        assert_eq!(lower_limit(1, 50), 1);
        assert_eq!(lower_limit(0, 100), 0);
        assert_eq!(upper_limit(0, 200), 0);
        assert_eq!(lower_limit(10, 60), 6);
        assert_eq!(upper_limit(10, 100), 10);
    }

    #[test]
    fn c1_c3_c5_breaker_thresholds() {
        let d = Threshold::BoundedPercent(50);
        assert_eq!(breaker_threshold(d, 1, false, true), 3);
        assert_eq!(breaker_threshold(d, 1, true, true), 10);
        assert_eq!(breaker_threshold(d, 10, false, true), 5);
        assert_eq!(breaker_threshold(d, 25, false, true), 13);
        assert_eq!(breaker_threshold(d, 400, false, true), 200);
        assert_eq!(breaker_threshold(d, 800, false, true), 200);
        assert_eq!(breaker_threshold(Threshold::Count(2), 10, false, true), 2);
        assert_eq!(
            breaker_threshold(Threshold::UnboundedPercent(50), 800, false, true),
            400
        );
    }

    #[test]
    fn batches_merge_consecutive_actions() {
        let mut b = Vec::new();
        push_batch(&mut b, (2, 0, BatchAction::Stop, 3, 3, 0));
        push_batch(&mut b, (2, 0, BatchAction::Start, 2, 3, 2));
        push_batch(&mut b, (2, 10, BatchAction::Start, 3, 3, 5));
        push_batch(&mut b, (2, 70, BatchAction::Stop, 0, 3, 5));
        push_batch(&mut b, (2, 70, BatchAction::Stop, 3, 0, 5));
        push_batch(&mut b, (3, 80, BatchAction::Stop, 1, 0, 5));
        let text: Vec<String> = b.iter().map(|b| b.to_string()).collect();
        assert_eq!(
            text,
            [
                "stop 3 (3/0)",
                "start 5 (3/5)",
                "stop 3 (0/5)",
                "stop 1 (0/5)"
            ]
        );
    }
}
