//! `deckhand sim scaling`: the flags of service auto scaling and the preset they make.

use clap::Args;

use super::{RunArgs, TaskArgs, Usage, count, minutes, opt_count, word};
use crate::sim::preset::{
    ActionPreset, AdjustmentKind, LaunchType, LoadKind, PlacementKind, PolicyKind,
};
use crate::sim::{MetricKind, ScalingPreset};

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

pub(super) fn preset(a: &ScalingArgs) -> Result<ScalingPreset, Usage> {
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
