//! `sim`: a deterministic, discrete-time model of how Amazon ECS runs a service: rolling
//! updates, blue/green, linear and canary deployments (ECS or CodeDeploy), task placement,
//! service auto scaling, capacity providers and cluster auto scaling.
//!
//! It follows the rules gathered in `shared/research/ecs-sim.md` (cited below as "spec").
//! No terminal types, no wall clock (time moves only through [`Simulation::step`], one
//! simulated second per call), and all randomness comes from the seed in [`SimConfig`]
//! (two explicitly seeded `Xoshiro256PlusPlus` streams: one for the load noise, one for
//! placement ties and the `random` strategy).
//!
//! # Using it
//!
//! ```
//! use deckhand::sim::{BatchAction, DeploymentStatus, SimConfig, Simulation};
//!
//! // Desired 10, minimum healthy 60 %, maximum 100 %: batches of 4, 4 and 2.
//! let mut sim = Simulation::new(SimConfig::rolling(10, 60, 100)).unwrap();
//! assert_eq!(sim.run_until_settled(3600), DeploymentStatus::Completed);
//! let stops: Vec<u32> = sim
//!     .batches()
//!     .iter()
//!     .filter(|b| b.action == BatchAction::Stop)
//!     .map(|b| b.count)
//!     .collect();
//! assert_eq!(stops, [4, 4, 2]);
//! ```
//!
//! A [`Simulation`] is `Clone`: to predict the next decision, clone it and call
//! [`Simulation::run_until_next_decision`] on the copy; it says in which second and which
//! [`Phase`] of that second the decision is taken, and [`Simulation::run_to`] pauses a
//! simulation there, so a question can be asked from exactly the state the decision rests on.
//! Scenario presets of content cards ([`Preset`]) map one-to-one onto configurations;
//! [`check_preset`] runs one to its end and says what looks wrong with it.
//!
//! # The model
//!
//! **Tasks** walk PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING →
//! DEPROVISIONING → STOPPED (spec 1.1). A task counts as healthy for minimumHealthyPercent
//! per spec 1.3, timed as [`health`] documents: with neither load balancer nor container
//! health check, 40 s after RUNNING; with a container check, when a check passes; behind a
//! load balancer, after `interval × healthy threshold` passed checks (150 s by default, 10 s
//! with 5 s × 2); with both, when both pass. A slow application (`app_ready_secs`) fails
//! its first checks: the target group marks it unhealthy after `unhealthy threshold`
//! failures and the scheduler replaces it, unless the grace period outlasts its time to
//! healthy. Only live RUNNING tasks count.
//!
//! **Container instances** register less memory than is installed: the kernel and platform
//! keep some, and `ECS_RESERVED_MEMORY` more
//! (<https://docs.aws.amazon.com/AmazonECS/latest/developerguide/memory-management.html>).
//!
//! **Each second** runs in [`Phase`]s, in this order: Deploy (a planned deployment starts);
//! Advance (booted instances register, task timers and health results advance, the circuit
//! breaker trips if the failures just counted reach its threshold); Scheduled (scheduled
//! actions due this minute); Metrics (at a full minute the datapoints close and every alarm
//! is evaluated); Scaling (service and cluster auto scaling act on the alarms); Scheduler;
//! Checks (circuit breaker, bake time, completion, stuck; the load is accounted).
//!
//! **The scheduler** (spec 3.2) with D desired, L = ceil(D × min% / 100) and
//! U = floor(D × max% / 100): old tasks (older revisions, or tasks on a DRAINING instance)
//! that are not counted healthy may be stopped freely, a few per second; healthy old tasks
//! are stopped while `H − stopped ≥ L`; an unhealthy current task gets a replacement first
//! and is stopped once the replacement is healthy, or, if U leaves no room, is stopped first
//! (one at a time); tasks beyond D are scaled in; then
//! `min(D − newLive, U − inflight, capacity)` tasks start. When nothing is due and neither a
//! stop nor a start is possible, the deployment is **stuck** with the AWS message (e.g. at
//! 100 % / 100 %). A deployment **completes** when only its own tasks remain, D of them,
//! all healthy (and, with deployment alarms, after the bake time).
//!
//! **Circuit breaker** (spec 4.1): T = clamp(ceil(50 % × D), 3, 200) by default; stage 1
//! counts new tasks that stop before RUNNING, stage 2 (once one new task ran) counts health
//! check failures; a healthy new task resets the count (`resetOnHealthyTask`, default on);
//! at T the deployment FAILS and, with rollback, a deployment back to the last COMPLETED
//! revision starts. The threshold is configurable: BOUNDED_PERCENT (value % of D, clamped
//! to 3..200; the default 50), UNBOUNDED_PERCENT (value % of D) or COUNT (value)
//! (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ThresholdConfiguration.html>).
//!
//! **Deployment alarms** (spec 4.2,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html>):
//! an alarm going into ALARM fails the deployment (and rolls back if set); once the new
//! tasks are up and the old gone, ECS keeps watching for a bake time before COMPLETED; an
//! alarm already in ALARM when a deployment starts is ignored for it. The alarm itself is
//! abstract: it is set by hand (the visualiser's alarm key, [`Injection::SetDeploymentAlarm`])
//! or by a *failing release*, which trips it once the new revision has served traffic for
//! the alarm's period × evaluation periods.
//!
//! **Blue/green, linear and canary deployments** ([`config::TrafficShift`]; `shift.rs`
//! documents the stages): the green revision scales up to D beside blue with no traffic;
//! test traffic moves to it (with a test listener); production traffic moves all at once
//! (blue/green), in equal steps with a bake time between them (linear: `stepPercent`,
//! `stepBakeTimeInMinutes`, defaults 10 % and 6 minutes) or a canary share first and the
//! rest after its bake time (canary: `canaryPercent`, `canaryBakeTimeInMinutes`, defaults
//! 5 % and 10 minutes); both revisions then run for the bake time (`bakeTimeInMinutes`) and
//! blue is cleaned up. Lifecycle hooks run at the stages that take them; a hook reporting
//! failure, or an alarm in ALARM before the clean-up, sends all traffic back to blue and
//! removes green. CodeDeploy does the same with its lifecycle events (BeforeInstall …
//! AfterAllowTraffic) and its predefined configurations (ECSAllAtOnce,
//! ECSLinear10PercentEvery1Minutes / 3Minutes, ECSCanary10Percent5Minutes / 15Minutes), except
//! that a failing BeforeInstall hook fails the deployment with no rollback: the replacement
//! task set does not exist yet, and the original keeps serving.
//! Sources: <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/canary-deployment.html>,
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>;
//! worked examples in `tests/sim_bluegreen.rs`.
//!
//! **Task placement** on EC2 ([`config::PlacementConstraint`], [`placement`]): the
//! instances with room for the task's CPU and memory, then those every constraint allows
//! (`distinctInstance`: no other task of the service whose desired status is RUNNING;
//! `memberOf` with a cluster query language expression on `attribute:ecs.instance-type` or
//! `attribute:ecs.availability-zone`: `==`, `!=`, `=~`, `in`, `not_in`), then the strategies
//! in order, each keeping the instances it ranks best (spread on the AZ attribute: the AZ
//! with the fewest tasks of the service; spread on instanceId: the instance with the
//! fewest; binpack on cpu or memory: the least left that still fits; random). A task no
//! instance satisfies is not placed (the service event "unable to place a task because no
//! container instance met all of its requirements"). Sources:
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/strategy-examples.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/constraint-examples.html>;
//! worked examples in `tests/sim_placement.rs`.
//!
//! **Service auto scaling** (spec 5): target tracking with managed alarms (3 one-minute
//! datapoints above target; 15 below 0.9 × target), desired = ceil(running × metric /
//! target) within min/max, several policies (out if any wants out, in only if all want in,
//! largest capacity wins), cooldowns, DisableScaleIn; no action on insufficient data (no
//! CPU or memory datapoints while no task runs,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html>);
//! step scaling with all three adjustment types, percent rounding and
//! MinAdjustmentMagnitude; scheduled actions (`at`, `rate`, `cron`) setting min/max with no
//! revert; no scale-in while a deployment is in progress. The load → metric mapping is
//! documented in [`load`]: on Fargate CPU stops at 100 % and the rest is unmet demand.
//!
//! **Capacity** (spec 6-8): Fargate (unlimited unless a quota is set), fixed EC2 instances
//! (tasks that do not fit fail placement), or a capacity provider strategy (base, then
//! weights) of FARGATE / FARGATE_SPOT or Auto Scaling group providers, never both kinds.
//! ASG providers with managed scaling publish CapacityProviderReservation = M / N × 100
//! (100 when M = N = 0, 200 when N = 0 < M), scale out after one datapoint above target
//! (step sizes, warm-up, 2 instances from zero) and in after 15 below (gradually, only
//! empty instances under managed termination protection). Tasks that find no room wait in
//! PROVISIONING. Fargate task sizes are validated ([`fargate`]).
//!
//! # Every \[Model\] choice and its setting
//!
//! Where AWS is silent or contradicts itself the simulator chooses, and every choice is a
//! setting (field of [`ModelChoices`], [`Timings`] or the named config) with this default:
//!
//! | Choice | Default | Setting |
//! | --- | --- | --- |
//! | Durations AWS does not give (spec 1.1) | PROVISIONING 5 s, PENDING 5 s, image pull 15 s, container start 5 s, DEACTIVATING without LB 1 s, app exits 5 s after SIGTERM (STOPPING = min(that, stopTimeout)), DEPROVISIONING 5 s, instance boot 60 s | [`Timings`] |
//! | Health checks run at whole multiples of their interval after RUNNING; the application answers them `app_ready_secs` after RUNNING (0) | — | `ServiceConfig::app_ready_secs`, [`ContainerHealthCheck`], [`LoadBalancer`] |
//! | Memory the kernel and platform keep on an instance | installed × 207 / 8192 (the documented m4.large: 8 GiB installed, 7,985 MiB for tasks), a c5.large registers 3,992 MiB | `InstanceType::overhead`, `ClusterConfig::reserved_memory` (ECS_RESERVED_MEMORY, 0) |
//! | Initial tasks on an Auto Scaling group provider without room | wait in PROVISIONING (a service created on an empty group) | fixed |
//! | A failed start happens at the end of ACTIVATING and goes straight to DEPROVISIONING; a crash before RUNNING counts as a start failure | — | fixed |
//! | Capacity of a stopped task is freed at STOPPED (1.1) | at STOPPED | `ModelChoices::capacity_release` |
//! | Grace period clock (X6) | from RUNNING | `ModelChoices::grace_clock` |
//! | Grace period also covers container checks (X6) | yes | `ModelChoices::grace_covers_container_checks` |
//! | Start-failure backoff (1.6) | 0, then 30 s doubling, cap 900 s; reset by a new deployment or a task reaching RUNNING | `throttle_base_secs`, `throttle_cap_secs` |
//! | Old tasks not counted healthy stopped freely during a deployment (3.2) | 1 per second; all those above the upper limit at once (after the desired count fell) | `unhealthy_old_stops_per_tick` |
//! | Victim order (3.2, 6.1) | not yet RUNNING first, then not healthy, then older revisions, then the provider most above its share, then placement (binpack: most room left afterwards; spread/none: AZ with most tasks, then instance with most, random tie) | `stop_older_revisions_first` |
//! | Which states count toward maximumPercent (X2) | PROVISIONING..RUNNING only | `count_stopping_in_max` |
//! | Stuck: nothing is due (no timer, health result, booting instance, throttle, bake, or cluster growth for waiting tasks) and the scheduler can neither stop nor start | reported once with the AWS message | fixed |
//! | A deployment completes only after old tasks reach STOPPED | yes | `complete_after_old_stopped` |
//! | A FAILED deployment without rollback launches and stops nothing more | — | fixed |
//! | Scale-out during a deployment (3.4) | shared with the old revision in proportion to its live share (rounded) | `scale_out_split` |
//! | A lost old task during a deployment (1.5, 2025-11) | replaced by its own revision | `replace_with_own_revision` |
//! | A rollback deployment adopts running tasks of its revision | yes | `rollback_adopts_tasks` |
//! | Circuit breaker minimum (X1) | 3 (legacy 10) | `legacy_breaker_minimum` |
//! | Circuit breaker counting after a task ran (X4) | health check failures keep counting (two-stage) | `breaker_counts_health_failures` |
//! | Circuit breaker percentages (4.1) | round up | `breaker_round_up` |
//! | Bake time (4.2) | alarm period × evaluation periods | [`DeploymentAlarms`] |
//! | Does a desired-count change start a deployment (X5) | no (current API) | `desired_change_starts_deployment` |
//! | Fargate capacity (2.1) | unlimited | `Capacity::Fargate { quota }` |
//! | Fargate Spot without capacity | launches fail (retried every second) until capacity returns | [`Injection::SetSpotCapacity`] |
//! | Tasks in PROVISIONING per cluster (7.3) | 500; beyond it launches fail | `ClusterConfig::provisioning_quota` |
//! | Provider distribution (6.2) | minimise (assigned + 1) / weight, ties to the earlier item | fixed ([`cluster::next_provider`]) |
//! | Placement ties | fewest tasks on the instance, then lowest id (the prediction questions never ask about a tie) | fixed |
//! | Tasks started per second | as many as the limits allow; the placement scenario starts one a second so each placement can be watched and asked about | `starts_per_second` |
//! | Placement explanations | off; on in the placement scenario (a `TaskPlaced` event per task, a `PlacementFailed` event when one cannot be placed, reported again only when the reason changes) | `explain_placement` |
//! | Cluster query language | the subset above (two attributes; `=~` matches `.` and `*`, whole value); task groups and custom attributes are not modelled | — |
//! | The Region | us-east-1 (AZ names us-east-1a …) | fixed |
//! | A failing release | trips the deployment alarm after the alarm's period × evaluation periods of serving traffic (rolling: from the first healthy new task; blue/green: from the first production shift) | `DeploymentAlarms::failing_release` |
//! | After a traffic-shifting rollback | the alarm's metric recovers: the alarm returns to OK | fixed |
//! | Lifecycle hooks | take their set time (30 s) and report success or failure | `LifecycleHook` |
//! | Traffic shifts | the second a step is due; green tasks failing their checks are replaced while green scales up | fixed |
//! | Linear step percentages | rounded to 0.1 %; the last step takes green to 100 % | fixed |
//! | Target tracking alarms (X7) | 3 × 1 min high; 15 × 1 min low at 0.9 × target | `tt_high_datapoints`, `tt_low_datapoints`, `tt_low_factor` |
//! | Target tracking capacity (X7) | ceil(running × metric / target); scale-in rounds up too | [`target_tracking_capacity`], `tt_scale_in_rounds_up` |
//! | An alarm in ALARM re-invokes its policy every minute | yes | `reinvoke_while_in_alarm` |
//! | Scale-out cooldown: capacity just added counts as there | the policy keeps computing from the running count when the cooldown began; it scales out again only for a larger result | fixed |
//! | Cooldowns are per policy; any scale-out cancels running scale-in cooldowns; a step policy's cooldown blocks its scale-in | — | fixed |
//! | Several policies | out if any wants out; TT scale-in only if every TT policy with scale-in wants in; the largest capacity wins; step policies act in the direction of their matched step | fixed |
//! | Scale from zero | CPU and memory have no datapoints without tasks: no action; a metric with data at zero tasks (a queue's backlog, requests) above 0 → max(1, min), said to be the simulator's rule | `tt_scale_from_zero` |
//! | Below min, a scale-out starts from min (A6 "+1 after the jump"); above max, a scale-in starts from max | — | fixed |
//! | A scheduled action lowering desired during a deployment | the new bounds apply, the lowering waits | fixed |
//! | `rate(...)` without a start time | first runs one interval after second 0 | fixed |
//! | Cron day-of-week numbers | EventBridge 1 = SUN (the 2023 example `30 6 * * 2 *` = Tuesday implies 1 = MON) | `cron_day_numbering` |
//! | Time zones of scheduled actions | UTC only (the `Timezone` parameter is not modelled) | — |
//! | Metric and alarm period | 60 s (the 20-second high-resolution metrics are not modelled) | fixed |
//! | CAS alarms (X8) | 1 datapoint high; 15 low, both against target capacity | `cas_high_datapoints`, `cas_low_datapoints` |
//! | CPR and scale-in pace (X3) | M / N; remove min(excess, max(1, ceil(N/2) − 1)) per minute | `cas_gradual_scale_in` ([`cluster::scale_in_pace`]) |
//! | M | instances running a non-daemon task; with waiting tasks, instances in use after packing them into free room plus new instances of the group's type; N counts booting and draining instances | fixed |
//! | First scale-out from zero instances (X12) | 2 instances | `cas_first_step_from_zero` |
//! | minimumScalingStepSize with mixed types (X9) | ignored (one instance type per group) | — |
//! | ASG termination policy | AZ with most instances, then oldest, blind to tasks; managed termination protection keeps busy instances out; managed draining drains a busy victim first, otherwise its tasks are killed | `AsgConfig::managed_termination_protection`, `AsgConfig::managed_draining` |
//! | Max providers per strategy (X10) | 20 | `max_providers_per_strategy` |
//! | DAEMON minimumHealthyPercent (X11) | 0 (API); 50 with console defaults | `RollingPreset::console_defaults` |
//! | maximumPercent below 100 for a replica service | refused | fixed |
//! | Load → utilisation | see [`load`] | [`LoadConfig`] |
//! | Reported CPU under overload | Fargate: at most 100 %, the rest is unmet demand; EC2: above 100 % (tasks use idle CPU of the instance) | `utilisation_cap` |
//! | Number of availability zones | 3 | `ClusterConfig::availability_zones` |

#![warn(missing_docs)]

pub mod arith;
pub mod autoscale;
mod cas;
pub mod check;
mod checks_deploy;
pub mod cluster;
pub mod config;
pub mod deployment;
pub mod event;
pub mod fargate;
pub mod health;
mod launch;
mod lifecycle;
pub mod load;
pub mod placement;
#[cfg(test)]
mod placement_tests;
pub mod preset;
mod read;
mod records;
pub mod report;
pub mod report_placement;
mod scaling_state;
pub mod schedule;
mod scheduler;
mod shift;
mod simulation;
mod steering;
pub mod task;
mod types;
pub mod view;
pub mod view_placement;
pub mod view_shift;

pub use arith::{percent_adjustment, step_capacity, target_tracking_capacity};
pub use check::{check_preset, run_preset};
pub use cluster::{Instance, InstanceState};
pub use config::{
    AdjustmentType, Aggregation, AsgConfig, CODEDEPLOY_CONFIGS, Capacity, CapacityRelease,
    CircuitBreakerConfig, ClusterConfig, Comparison, ConfigError, ContainerHealthCheck, Controller,
    CronDayNumbering, DeploymentAlarms, DeploymentPlan, GraceClock, HealthConfig, ImageFault,
    InstanceType, LifecycleHook, LoadBalancer, LoadConfig, LoadPreset, ManagedScaling, MetricKind,
    ModelChoices, PlacementStrategy, ProviderConfig, ProviderKind, ScaleOutSplit, ScalingConfig,
    ScalingPolicy, ScheduledAction, SchedulingStrategy, ServiceConfig, ShiftPlan, SimConfig, Stage,
    StepAdjustment, StepAlarm, StepScaling, StrategyItem, TargetTracking, TaskSize, Threshold,
    Timings, TrafficShift,
};
pub use deployment::{
    Batch, BatchAction, BreakerStatus, Deployment, DeploymentStatus, RecordStatus, RolloutState,
    ShiftState, breaker_threshold, lower_limit, upper_limit,
};
pub use event::{
    AlarmSide, BlockReason, Event, EventKind, FailReason, Role, ScaleCause, StartLimit,
    StartReason, StepUsed, StopReason, StuckReason, clock,
};
pub use fargate::{FargateSizeError, OsFamily};
pub use load::Datapoints;
pub use preset::{
    ActionPreset, AdjustmentKind, BlueGreenPreset, BrokenImage, ControllerKind, DEFAULT_INSTANCES,
    LaunchType, LoadKind, PlacementKind, PlacementPreset, PolicyKind, Preset, RollingPreset,
    ScalingPreset, ShiftKind, StrategyKind, ThresholdKind, codedeploy_plan, parse_stage,
};
pub use report::{RollingReport, ScalingReport, ShiftReport};
pub use report_placement::PlacementReport;
pub use scaling_state::PolicyMark;
pub use schedule::{Schedule, ScheduleError};
pub use simulation::{Phase, Simulation};
pub use task::{HealthStatus, InstanceId, Placement, Task, TaskId, TaskState};
pub use types::{
    Counts, Injection, MinuteSample, ProviderRole, ProviderSample, ProviderState, SimError,
};
pub use view::LiveSplit;
pub use view_shift::TrafficSplit;
