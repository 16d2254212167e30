//! Durations of lifecycle phases and every modelling choice where AWS is silent.

use serde::{Deserialize, Serialize};

use super::super::schedule::CronDayNumbering;
use super::ConfigError;

/// Durations of lifecycle phases. Those AWS documents carry their AWS defaults; the rest are
/// \[Model\] choices (spec 1.1: "AWS gives no numbers").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    /// PROVISIONING once placed (ENI attachment) \[Model: 5 s\].
    pub provisioning_secs: u32,
    /// PENDING (waiting for the agent) \[Model: 5 s\].
    pub pending_secs: u32,
    /// Image pull, part of ACTIVATING \[Model: 15 s\].
    pub image_pull_secs: u32,
    /// Container start, the rest of ACTIVATING \[Model: 5 s\].
    pub container_start_secs: u32,
    /// DEACTIVATING without a load balancer \[Model: 1 s\].
    pub deactivating_secs: u32,
    /// Time the application takes to exit after SIGTERM \[Model: 5 s\]; STOPPING lasts
    /// min(this, stop timeout).
    pub app_shutdown_secs: u32,
    /// stopTimeout (default 30 s; Fargate 2-120).
    pub stop_timeout_secs: u32,
    /// DEPROVISIONING \[Model: 5 s\].
    pub deprovisioning_secs: u32,
    /// A task without load balancer and health check counts as healthy this long after
    /// RUNNING (documented: 40 s).
    pub settle_secs: u32,
    /// EC2 instance boot until it registers with the cluster \[Model: 60 s\].
    pub instance_boot_secs: u32,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            provisioning_secs: 5,
            pending_secs: 5,
            image_pull_secs: 15,
            container_start_secs: 5,
            deactivating_secs: 1,
            app_shutdown_secs: 5,
            stop_timeout_secs: 30,
            deprovisioning_secs: 5,
            settle_secs: 40,
            instance_boot_secs: 60,
        }
    }
}

/// When a stopped task's CPU and memory become free on its instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CapacityRelease {
    /// When the task reaches STOPPED (default, spec 1.1 \[Model\]).
    #[default]
    AtStopped,
    /// As soon as the scheduler decides to stop it.
    AtStopDecision,
}

/// When the health check grace period clock starts (ambiguity X6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum GraceClock {
    /// When the task reaches RUNNING (default).
    #[default]
    FromRunning,
    /// When the task is launched.
    FromLaunch,
}

/// How a scale-out during a rolling deployment is shared between revisions (spec 3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ScaleOutSplit {
    /// In proportion to each revision's current share (default, 2025-11 behaviour).
    #[default]
    Proportional,
    /// All to the new revision (behaviour before 2025-11).
    NewOnly,
}

/// Every choice where AWS is silent or contradicts itself, with the spec's default. See the
/// module documentation for the list with reasons.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelChoices {
    /// X2: count DEACTIVATING/STOPPING/DEPROVISIONING tasks toward maximumPercent (default off).
    pub count_stopping_in_max: bool,
    /// X1: legacy circuit-breaker minimum threshold of 10 instead of 3 (default off).
    pub legacy_breaker_minimum: bool,
    /// 1.1: when stopped tasks free their instance capacity.
    pub capacity_release: CapacityRelease,
    /// X6: grace period clock.
    pub grace_clock: GraceClock,
    /// X6: the grace period also covers container health checks (default true).
    pub grace_covers_container_checks: bool,
    /// 1.6: start-failure backoff: 0 after the first failure, then this, doubling.
    pub throttle_base_secs: u32,
    /// 1.6: backoff cap (default 900 s).
    pub throttle_cap_secs: u32,
    /// 3.2: old tasks not counted healthy that may be stopped per tick, beyond the budget.
    pub unhealthy_old_stops_per_tick: u32,
    /// 3.2: stop older revisions before newer ones.
    pub stop_older_revisions_first: bool,
    /// 3.4: share of a scale-out during a deployment.
    pub scale_out_split: ScaleOutSplit,
    /// 1.5 (2025-11): a failed or killed task is replaced with a task of its own revision
    /// during a deployment.
    pub replace_with_own_revision: bool,
    /// 4.1: a rollback deployment adopts running tasks of the revision it returns to.
    pub rollback_adopts_tasks: bool,
    /// 3.2: a deployment completes only when its old tasks have reached STOPPED.
    pub complete_after_old_stopped: bool,
    /// X7: datapoints (1-minute) above target for the target-tracking high alarm.
    pub tt_high_datapoints: u32,
    /// X7: datapoints below `tt_low_factor x target` for the low alarm.
    pub tt_low_datapoints: u32,
    /// X7: low alarm threshold factor.
    pub tt_low_factor: f64,
    /// An alarm that stays in ALARM re-invokes its policy every minute.
    pub reinvoke_while_in_alarm: bool,
    /// X8: datapoints above target capacity for the cluster scale-out alarm.
    pub cas_high_datapoints: u32,
    /// X8: datapoints below target capacity for the cluster scale-in alarm.
    pub cas_low_datapoints: u32,
    /// X12: instances launched on the first scale-out from zero instances (CPR 200).
    pub cas_first_step_from_zero: u32,
    /// X10: maximum providers in one strategy.
    pub max_providers_per_strategy: u32,
    /// Cron day-of-week numbering (2023 example vs EventBridge).
    pub cron_day_numbering: CronDayNumbering,
    /// Cap on reported CPU utilisation. `None`: 100 % on Fargate (a task cannot use more
    /// than its allocation; the rest is unmet demand), none on EC2 (a task may use idle CPU
    /// of its instance beyond its reservation, so an overload shows above 100 %).
    pub utilisation_cap: Option<f64>,
    /// 4.1: circuit breaker percentages round up (as the documented 25 -> 13 case does).
    pub breaker_round_up: bool,
    /// X4: health check failures keep counting once a new task ran (current two-stage
    /// text); off = the 2023 reading, counting stops once the deployment has a running task.
    pub breaker_counts_health_failures: bool,
    /// X5: a desired-count change starts a new deployment (2023 guide); off = current API.
    pub desired_change_starts_deployment: bool,
    /// X7: target tracking scale-in rounds the new capacity up (removes fewer tasks).
    pub tt_scale_in_rounds_up: bool,
    /// Scale from zero: with no task running, a target tracking policy whose metric still
    /// has data (a queue backlog, requests) sets desired to max(1, min) after one datapoint
    /// above 0. AWS documents only that target tracking does not act on insufficient data
    /// (CPU and memory have no datapoints without tasks); this rule is the simulator's.
    pub tt_scale_from_zero: bool,
    /// X3: cluster scale-in removes at least one and less than half of the instances per
    /// minute; off = all excess empty instances at once.
    pub cas_gradual_scale_in: bool,
    /// Tasks the scheduler starts per second (`None`: as many as the limits allow). The
    /// placement scenario starts one a second, so each placement is watched (and asked
    /// about) on its own; ECS places a batch one task after the other in the same way.
    #[serde(default)]
    pub starts_per_second: Option<u32>,
    /// Record why each task went where it went (a `TaskPlaced` event per task, and
    /// `PlacementFailed` listing the instances each rule excluded).
    #[serde(default)]
    pub explain_placement: bool,
}

impl Default for ModelChoices {
    fn default() -> Self {
        ModelChoices {
            count_stopping_in_max: false,
            legacy_breaker_minimum: false,
            capacity_release: CapacityRelease::AtStopped,
            grace_clock: GraceClock::FromRunning,
            grace_covers_container_checks: true,
            throttle_base_secs: 30,
            throttle_cap_secs: 900,
            unhealthy_old_stops_per_tick: 1,
            stop_older_revisions_first: true,
            scale_out_split: ScaleOutSplit::Proportional,
            replace_with_own_revision: true,
            rollback_adopts_tasks: true,
            complete_after_old_stopped: true,
            tt_high_datapoints: 3,
            tt_low_datapoints: 15,
            tt_low_factor: 0.9,
            reinvoke_while_in_alarm: true,
            cas_high_datapoints: 1,
            cas_low_datapoints: 15,
            cas_first_step_from_zero: 2,
            max_providers_per_strategy: 20,
            cron_day_numbering: CronDayNumbering::SundayIsOne,
            utilisation_cap: None,
            breaker_round_up: true,
            breaker_counts_health_failures: true,
            desired_change_starts_deployment: false,
            tt_scale_in_rounds_up: true,
            tt_scale_from_zero: true,
            cas_gradual_scale_in: true,
            starts_per_second: None,
            explain_placement: false,
        }
    }
}

impl ModelChoices {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.tt_high_datapoints == 0
            || self.tt_low_datapoints == 0
            || self.cas_high_datapoints == 0
            || self.cas_low_datapoints == 0
        {
            return Err(ConfigError::Model {
                reason: "alarm datapoints must be at least 1".into(),
            });
        }
        if !(self.tt_low_factor > 0.0 && self.tt_low_factor <= 1.0) {
            return Err(ConfigError::Model {
                reason: "the target-tracking low-alarm factor must be in (0, 1]".into(),
            });
        }
        if self.starts_per_second == Some(0) {
            return Err(ConfigError::Model {
                reason: "at least one task must be startable per second".into(),
            });
        }
        if self.unhealthy_old_stops_per_tick == 0 {
            return Err(ConfigError::Model {
                reason: "at least one unhealthy old task must be stoppable per tick".into(),
            });
        }
        Ok(())
    }
}
