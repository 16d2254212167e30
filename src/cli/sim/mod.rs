//! `deckhand sim`: run the ECS simulator headless and print a timeline or JSON.
//!
//! ```text
//! deckhand sim rolling --desired 10 --min-healthy 60 --max-percent 100 [--capacity TASKS] [--broken-image] [--json]
//! deckhand sim scaling --policy target-tracking --target 50 --load spike [--launch-type ec2 --instances 2 --target-capacity 100] [--json]
//! ```
//!
//! Bad values print a clear error and exit with code 2.

use anyhow::Context as _;
use clap::{Args, Subcommand};
use std::io::Write as _;

use super::{EXIT_OK, EXIT_USAGE};
use crate::sim::preset::{
    ActionPreset, AdjustmentKind, BrokenImage, LaunchType, LoadKind, PlacementKind, PolicyKind,
};
use crate::sim::{
    MetricKind, OsFamily, Preset, RollingPreset, RollingReport, ScalingPreset, ScalingReport,
    Simulation,
};

/// Arguments of `deckhand sim`.
#[derive(Debug, Args)]
pub struct SimArgs {
    #[command(subcommand)]
    pub command: SimCommand,
}

/// Which scenario to simulate.
#[derive(Debug, Subcommand)]
pub enum SimCommand {
    /// A rolling update: old tasks replaced within minimum healthy / maximum percent.
    Rolling(RollingArgs),
    /// Service auto scaling (and cluster auto scaling on EC2) under a load preset.
    Scaling(ScalingArgs),
}

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
    /// Put the service behind an Application Load Balancer.
    #[arg(long)]
    pub lb: bool,
    /// Define a container health check in the task definition.
    #[arg(long, help_heading = "Health checks")]
    pub container_check: bool,
    /// The target group's health check interval in seconds (default 30; needs --lb).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub health_check_secs: Option<i64>,
    /// The target group's healthy threshold (default 5: healthy after 30 s x 5 = 150 s; needs --lb).
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub healthy_threshold: Option<i64>,
    /// The target group's unhealthy threshold (default 2; needs --lb).
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub unhealthy_threshold: Option<i64>,
    /// Target group deregistration delay in seconds (default 300; needs --lb).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub dereg_delay_secs: Option<i64>,
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

/// `deckhand sim scaling`.
#[derive(Debug, Args)]
pub struct ScalingArgs {
    /// target-tracking, step or scheduled.
    #[arg(long, default_value = "target-tracking")]
    pub policy: String,
    /// Target value (target tracking) or alarm threshold (step).
    #[arg(long, default_value_t = 50.0, allow_negative_numbers = true)]
    pub target: f64,
    /// cpu, memory, requests or backlog (default cpu; backlog for sqs-backlog).
    #[arg(long)]
    pub metric: Option<String>,
    /// steady, spike, daily-wave or sqs-backlog.
    #[arg(long, default_value = "spike")]
    pub load: String,
    /// fargate or ec2 (an Auto Scaling group capacity provider with managed scaling).
    #[arg(long, default_value = "fargate")]
    pub launch_type: String,
    /// Instances in the Auto Scaling group at the start (EC2; default 2).
    #[arg(long, allow_negative_numbers = true)]
    pub instances: Option<i64>,
    /// Auto Scaling group maximum size (EC2; default 10).
    #[arg(long, allow_negative_numbers = true)]
    pub max_instances: Option<i64>,
    /// Managed scaling target capacity in percent (EC2; default 100).
    #[arg(long, value_name = "PCT", allow_negative_numbers = true)]
    pub target_capacity: Option<i64>,
    /// Instance warm-up in seconds (EC2; default 300).
    #[arg(long, value_name = "SECS", allow_negative_numbers = true)]
    pub warmup_secs: Option<i64>,
    /// Managed termination protection (EC2).
    #[arg(long)]
    pub termination_protection: bool,
    /// spread, binpack or random (EC2; default binpack).
    #[arg(long)]
    pub placement: Option<String>,
    /// Minimum task count (default 1).
    #[arg(long, allow_negative_numbers = true)]
    pub min: Option<i64>,
    /// Maximum task count (default 20).
    #[arg(long, allow_negative_numbers = true)]
    pub max: Option<i64>,
    /// Desired count at the start (default 3).
    #[arg(long, allow_negative_numbers = true)]
    pub desired: Option<i64>,
    /// Turn off the scale-in side of target tracking (or drop the step scale-in policy).
    #[arg(long)]
    pub disable_scale_in: bool,
    /// Step adjustment type: percent, change or exact.
    #[arg(long, default_value = "percent")]
    pub adjustment: String,
    /// A scheduled action `EXPR;min=N;max=N` (repeatable), e.g. `cron(0/20 * * * ? *);min=5`.
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
    /// Deploy a new revision at this minute.
    #[arg(long, allow_negative_numbers = true)]
    pub deploy_at_minute: Option<i64>,
    #[command(flatten)]
    pub task: TaskArgs,
    /// How many simulated minutes to run.
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

/// The seed and the output format.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct RunArgs {
    /// Random seed (load noise, placement ties).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Print JSON instead of a timeline.
    #[arg(long)]
    pub json: bool,
}

/// Task size and OS (validated against the Fargate table on Fargate).
#[derive(Debug, Args)]
#[command(next_help_heading = "Task definition")]
pub struct TaskArgs {
    /// Task CPU units (default 512).
    #[arg(long, value_name = "UNITS", allow_negative_numbers = true)]
    pub cpu: Option<i64>,
    /// Task memory in MiB (default 1024).
    #[arg(long, value_name = "MIB", allow_negative_numbers = true)]
    pub memory: Option<i64>,
    /// linux or windows.
    #[arg(long)]
    pub os: Option<String>,
}

/// Parsed task size and OS: (CPU units, memory MiB, OS).
type TaskSpec = (Option<u32>, Option<u32>, Option<OsFamily>);

impl TaskArgs {
    fn parse(&self) -> Result<TaskSpec, Usage> {
        Ok((
            opt_count("cpu", self.cpu)?,
            opt_count("memory", self.memory)?,
            self.os.as_deref().map(word::<OsFamily>).transpose()?,
        ))
    }
}

/// A usage error: the message to print.
struct Usage(String);

fn count(flag: &str, v: i64) -> Result<u32, Usage> {
    u32::try_from(v).map_err(|_| {
        Usage(if v < 0 {
            format!("--{flag} must be 0 or more (got {v})")
        } else {
            format!("--{flag} is too large (got {v})")
        })
    })
}

fn opt_count(flag: &str, v: Option<i64>) -> Result<Option<u32>, Usage> {
    v.map(|v| count(flag, v)).transpose()
}

fn word<T: std::str::FromStr>(v: &str) -> Result<T, Usage>
where
    T::Err: std::fmt::Display,
{
    v.parse().map_err(|e: T::Err| Usage(e.to_string()))
}

fn minutes(v: i64) -> Result<u32, Usage> {
    let m = count("minutes", v)?;
    if m == 0 || m > 24 * 60 {
        return Err(Usage(format!("--minutes must be 1 to 1440 (got {m})")));
    }
    Ok(m)
}

fn rolling_preset(a: &RollingArgs) -> Result<RollingPreset, Usage> {
    let (cpu, memory, os) = a.task.parse()?;
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
        load_balancer: a.lb,
        container_check: a.container_check,
        health_check_secs: opt_count("health-check-secs", a.health_check_secs)?,
        healthy_threshold: opt_count("healthy-threshold", a.healthy_threshold)?,
        unhealthy_threshold: opt_count("unhealthy-threshold", a.unhealthy_threshold)?,
        container_interval_secs: opt_count("container-interval-secs", a.container_interval_secs)?,
        container_retries: opt_count("container-retries", a.container_retries)?,
        start_period_secs: opt_count("start-period-secs", a.start_period_secs)?,
        app_ready_secs: opt_count("app-ready-secs", a.app_ready_secs)?,
        dereg_delay_secs: opt_count("dereg-delay-secs", a.dereg_delay_secs)?,
        grace_secs: opt_count("grace-secs", a.grace_secs)?,
        daemon: a.daemon,
        console_defaults: a.console_defaults,
        count_stopping_in_max: a.count_stopping_in_max,
        minutes: Some(minutes(a.minutes)?),
        seed: a.run.seed,
    })
}

fn action(text: &str) -> Result<ActionPreset, Usage> {
    let mut parts = text.split(';');
    let schedule = parts.next().unwrap_or_default().trim().to_string();
    let mut out = ActionPreset {
        schedule,
        min: None,
        max: None,
    };
    for part in parts {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| Usage(format!("--action part `{part}` must be min=N or max=N")))?;
        let n: i64 = v
            .trim()
            .parse()
            .map_err(|_| Usage(format!("--action {k} must be a whole number (got `{v}`)")))?;
        match k.trim() {
            "min" => out.min = Some(count("action min", n)?),
            "max" => out.max = Some(count("action max", n)?),
            other => return Err(Usage(format!("--action knows min and max, not `{other}`"))),
        }
    }
    Ok(out)
}

fn scaling_preset(a: &ScalingArgs) -> Result<ScalingPreset, Usage> {
    if !(a.target.is_finite() && a.target > 0.0) {
        return Err(Usage(format!(
            "--target must be above 0 (got {})",
            a.target
        )));
    }
    let (cpu, memory, os) = a.task.parse()?;
    Ok(ScalingPreset {
        cpu,
        memory,
        os,
        policy: word::<PolicyKind>(&a.policy)?,
        target: a.target,
        metric: a.metric.as_deref().map(word::<MetricKind>).transpose()?,
        load: word::<LoadKind>(&a.load)?,
        launch_type: word::<LaunchType>(&a.launch_type)?,
        instances: opt_count("instances", a.instances)?,
        max_instances: opt_count("max-instances", a.max_instances)?,
        target_capacity: opt_count("target-capacity", a.target_capacity)?,
        warmup_secs: opt_count("warmup-secs", a.warmup_secs)?,
        termination_protection: a.termination_protection,
        placement: a
            .placement
            .as_deref()
            .map(word::<PlacementKind>)
            .transpose()?,
        min: opt_count("min", a.min)?,
        max: opt_count("max", a.max)?,
        desired: opt_count("desired", a.desired)?,
        disable_scale_in: a.disable_scale_in,
        adjustment: word::<AdjustmentKind>(&a.adjustment)?,
        actions: a
            .actions
            .iter()
            .map(|s| action(s))
            .collect::<Result<_, _>>()?,
        deploy_at_minute: opt_count("deploy-at-minute", a.deploy_at_minute)?,
        minutes: Some(minutes(a.minutes)?),
        seed: a.run.seed,
    })
}

/// Run `deckhand sim`.
pub fn run(args: SimArgs) -> anyhow::Result<u8> {
    let preset = match &args.command {
        SimCommand::Rolling(a) => rolling_preset(a).map(Preset::Rolling),
        SimCommand::Scaling(a) => scaling_preset(a).map(Preset::Scaling),
    };
    let preset = match preset {
        Ok(p) => p,
        Err(Usage(msg)) => {
            eprintln!("error: {msg}");
            return Ok(EXIT_USAGE);
        }
    };
    let sim = match Simulation::from_preset(&preset) {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let limit = preset.duration_secs();
    let json = match &args.command {
        SimCommand::Rolling(a) => a.run.json,
        SimCommand::Scaling(a) => a.run.json,
    };
    let mut sim = sim;
    let output = match preset {
        Preset::Rolling(_) => {
            sim.run_until_settled(limit);
            let report = RollingReport::new(&sim);
            if json {
                serde_json::to_string_pretty(&report).context("writing JSON")?
            } else {
                report.to_text()
            }
        }
        Preset::Scaling(_) => {
            // One second past the last minute so its sample is taken.
            sim.run_until(limit + 1);
            let report = ScalingReport::new(&sim);
            if json {
                serde_json::to_string_pretty(&report).context("writing JSON")?
            } else {
                report.to_text()
            }
        }
    };
    writeln!(std::io::stdout(), "{}", output.trim_end())?;
    Ok(EXIT_OK)
}
