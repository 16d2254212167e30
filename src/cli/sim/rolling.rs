//! `deckhand sim rolling`: the flags of a rolling update and the preset they make.

use clap::Args;

use super::{HealthArgs, RunArgs, TaskArgs, Usage, count, minutes, opt_count, word};
use crate::sim::RollingPreset;
use crate::sim::preset::{BrokenImage, LaunchType, ThresholdKind};

/// `deckhand sim rolling`.
#[derive(Debug, Args)]
pub struct RollingArgs {
    /// Desired count.
    #[arg(long, default_value_t = 10, allow_negative_numbers = true)]
    pub desired: i64,
    /// minimumHealthyPercent (default 100; 0 for a daemon).
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub min_healthy: Option<i64>,
    /// maximumPercent (default 200; 100 for a daemon).
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub max_percent: Option<i64>,
    /// An EC2 cluster with room for exactly this many tasks (default: Fargate).
    #[arg(long, value_name = "TASKS", allow_negative_numbers = true)]
    pub capacity: Option<i64>,
    /// fargate or ec2.
    #[arg(long, value_name = "TYPE")]
    pub launch_type: Option<String>,
    /// EC2 container instances of type c5.large: 2 vCPU and 4 GiB installed, of which the
    /// agent registers 3,992 MiB, so 3 tasks of 512 CPU / 1024 MiB fit on each.
    #[arg(long, allow_negative_numbers = true)]
    pub instances: Option<i64>,
    /// ECS_RESERVED_MEMORY on every instance: MiB of memory kept from tasks (EC2).
    #[arg(long, value_name = "MIB", allow_negative_numbers = true)]
    pub reserved_memory: Option<i64>,
    /// The new image is broken: tasks fail to `start` (default) or fail their `health` checks.
    #[arg(long, value_name = "HOW", num_args = 0..=1, default_missing_value = "start")]
    pub broken_image: Option<String>,
    /// Enable the deployment circuit breaker.
    #[arg(long)]
    pub circuit_breaker: bool,
    /// Roll back when the circuit breaker trips (enables it).
    #[arg(long)]
    pub rollback: bool,
    /// The circuit breaker's threshold value (default 50; needs --circuit-breaker).
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Failure detection"
    )]
    pub breaker_threshold: Option<i64>,
    /// How the threshold value counts: bounded-percent (of the desired count, clamped to
    /// 3..200; default), unbounded-percent or count.
    #[arg(long, value_name = "TYPE", help_heading = "Failure detection")]
    pub breaker_threshold_type: Option<String>,
    /// resetOnHealthyTask: whether a healthy new task resets the failure count (default true).
    #[arg(long, value_name = "BOOL", help_heading = "Failure detection")]
    pub reset_on_healthy_task: Option<bool>,
    /// A CloudWatch alarm watches the deployment; it rolls back when the alarm goes into ALARM.
    #[arg(long, help_heading = "Failure detection")]
    pub alarms: bool,
    /// With --alarms: fail the deployment on ALARM without rolling back.
    #[arg(long, help_heading = "Failure detection")]
    pub no_alarm_rollback: bool,
    /// With --alarms: the alarm's evaluation periods of 60 s (default 3), also the bake time.
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Failure detection"
    )]
    pub alarm_periods: Option<i64>,
    /// With --alarms: the new revision trips the alarm once it has served traffic for the
    /// alarm's periods.
    #[arg(long, help_heading = "Failure detection")]
    pub failing_release: bool,
    /// Put the service behind an Application Load Balancer.
    #[arg(long)]
    pub lb: bool,
    /// Define a container health check in the task definition.
    #[arg(long, help_heading = "Health checks")]
    pub container_check: bool,
    #[command(flatten)]
    pub health: HealthArgs,
    /// The target group's unhealthy threshold (default 2; needs --lb).
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub unhealthy_threshold: Option<i64>,
    /// The container health check's interval in seconds (default 30; needs --container-check).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub container_interval_secs: Option<i64>,
    /// The container health check's retries (default 3; needs --container-check).
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub container_retries: Option<i64>,
    /// The container health check's start period in seconds (default 0; needs --container-check).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub start_period_secs: Option<i64>,
    /// Seconds after RUNNING until the application answers its health checks (default 0).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub app_ready_secs: Option<i64>,
    /// The service's health check grace period in seconds (default 0).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub grace_secs: Option<i64>,
    /// A DAEMON service (EC2 only; one task per instance).
    #[arg(long)]
    pub daemon: bool,
    /// Console defaults (a daemon gets minimum healthy 50%).
    #[arg(long)]
    pub console_defaults: bool,
    /// Count tasks that are stopping toward maximumPercent, as older AWS documentation
    /// reads it (default: only tasks from PROVISIONING to RUNNING count).
    #[arg(long)]
    pub count_stopping_in_max: bool,
    #[command(flatten)]
    pub task: TaskArgs,
    /// Stop the run after this many simulated minutes if the deployment has not ended.
    #[arg(
        long,
        default_value_t = 60,
        allow_negative_numbers = true,
        help_heading = "Output"
    )]
    pub minutes: i64,
    #[command(flatten)]
    pub run: RunArgs,
}

pub(super) fn preset(a: &RollingArgs) -> Result<RollingPreset, Usage> {
    let (cpu, memory, os) = a.task.parse()?;
    let (health_check_secs, healthy_threshold, dereg_delay_secs) = a.health.parse()?;
    Ok(RollingPreset {
        cpu,
        memory,
        os,
        desired: count("desired", a.desired)?,
        min_healthy: opt_count("min-healthy", a.min_healthy)?,
        max_percent: opt_count("max-percent", a.max_percent)?,
        capacity: opt_count("capacity", a.capacity)?,
        launch_type: a
            .launch_type
            .as_deref()
            .map(word::<LaunchType>)
            .transpose()?,
        instances: opt_count("instances", a.instances)?,
        reserved_memory: opt_count("reserved-memory", a.reserved_memory)?,
        broken_image: a
            .broken_image
            .as_deref()
            .map(word::<BrokenImage>)
            .transpose()?
            .unwrap_or_default(),
        circuit_breaker: a.circuit_breaker,
        rollback: a.rollback,
        breaker_threshold: opt_count("breaker-threshold", a.breaker_threshold)?,
        breaker_threshold_type: a
            .breaker_threshold_type
            .as_deref()
            .map(word::<ThresholdKind>)
            .transpose()?,
        reset_on_healthy_task: a.reset_on_healthy_task,
        alarms: a.alarms,
        alarm_rollback: a.no_alarm_rollback.then_some(false),
        alarm_periods: opt_count("alarm-periods", a.alarm_periods)?,
        failing_release: a.failing_release,
        load_balancer: a.lb,
        container_check: a.container_check,
        health_check_secs,
        healthy_threshold,
        unhealthy_threshold: opt_count("unhealthy-threshold", a.unhealthy_threshold)?,
        container_interval_secs: opt_count("container-interval-secs", a.container_interval_secs)?,
        container_retries: opt_count("container-retries", a.container_retries)?,
        start_period_secs: opt_count("start-period-secs", a.start_period_secs)?,
        app_ready_secs: opt_count("app-ready-secs", a.app_ready_secs)?,
        dereg_delay_secs,
        grace_secs: opt_count("grace-secs", a.grace_secs)?,
        daemon: a.daemon,
        console_defaults: a.console_defaults,
        count_stopping_in_max: a.count_stopping_in_max,
        minutes: Some(minutes(a.minutes)?),
        seed: a.run.seed,
    })
}
