//! `deckhand sim bluegreen|linear|canary`: the flags of a traffic-shifting deployment and
//! the preset they make.

use clap::Args;

use super::{HealthArgs, RunArgs, Usage, count, minutes, opt_count};
use crate::sim::{BlueGreenPreset, ControllerKind, ShiftKind};

/// Settings every traffic-shifting deployment takes.
#[derive(Debug, Args)]
pub struct ShiftCommon {
    /// Desired count.
    #[arg(long, default_value_t = 4, allow_negative_numbers = true)]
    pub desired: i64,
    /// Minutes both revisions run after production traffic moved: the ECS bake time, or
    /// CodeDeploy's wait before it terminates the original task set.
    #[arg(
        long,
        value_name = "MINUTES",
        default_value_t = 5,
        allow_negative_numbers = true
    )]
    pub bake_minutes: i64,
    /// No test listener: production traffic moves without a test traffic stage.
    #[arg(long)]
    pub no_test_traffic: bool,
    /// A lifecycle hook at this stage (e.g. POST_TEST_TRAFFIC_SHIFT, or AfterAllowTestTraffic
    /// with CodeDeploy).
    #[arg(
        long,
        value_name = "STAGE",
        help_heading = "Lifecycle hooks and alarms"
    )]
    pub hook: Option<String>,
    /// How long the hook runs.
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Lifecycle hooks and alarms"
    )]
    pub hook_secs: Option<i64>,
    /// The hook reports failure (the deployment rolls back).
    #[arg(long, help_heading = "Lifecycle hooks and alarms")]
    pub hook_fails: bool,
    /// The new revision trips the deployment alarm once it serves production traffic.
    #[arg(long, help_heading = "Lifecycle hooks and alarms")]
    pub failing_release: bool,
    /// Do not roll back when the alarm goes into ALARM.
    #[arg(long, help_heading = "Lifecycle hooks and alarms")]
    pub no_rollback: bool,
    #[command(flatten)]
    pub health: HealthArgs,
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

/// `deckhand sim bluegreen`.
#[derive(Debug, Args)]
pub struct BlueGreenArgs {
    /// Deploy with AWS CodeDeploy using this deployment configuration, e.g.
    /// CodeDeployDefault.ECSCanary10Percent5Minutes (default: the ECS controller, all at once).
    #[arg(long, value_name = "CONFIG")]
    pub codedeploy: Option<String>,
    #[command(flatten)]
    pub common: ShiftCommon,
}

/// `deckhand sim linear`.
#[derive(Debug, Args)]
pub struct LinearArgs {
    /// Percent of production traffic moved at each step (3.0 to 100.0).
    #[arg(
        long,
        value_name = "PCT",
        default_value_t = 10.0,
        allow_negative_numbers = true
    )]
    pub step_percent: f64,
    /// Minutes between steps (the step bake time).
    #[arg(
        long,
        value_name = "MINUTES",
        default_value_t = 6,
        allow_negative_numbers = true
    )]
    pub step_minutes: i64,
    #[command(flatten)]
    pub common: ShiftCommon,
}

/// `deckhand sim canary`.
#[derive(Debug, Args)]
pub struct CanaryArgs {
    /// Percent of production traffic in the canary step (0.1 to 100.0).
    #[arg(
        long,
        value_name = "PCT",
        default_value_t = 5.0,
        allow_negative_numbers = true
    )]
    pub canary_percent: f64,
    /// Minutes before the rest moves (the canary bake time).
    #[arg(
        long,
        value_name = "MINUTES",
        default_value_t = 10,
        allow_negative_numbers = true
    )]
    pub canary_minutes: i64,
    #[command(flatten)]
    pub common: ShiftCommon,
}

fn common(c: &ShiftCommon, strategy: ShiftKind) -> Result<BlueGreenPreset, Usage> {
    let (health_check_secs, healthy_threshold, dereg_delay_secs) = c.health.parse()?;
    Ok(BlueGreenPreset {
        strategy,
        desired: count("desired", c.desired)?,
        bake_minutes: Some(count("bake-minutes", c.bake_minutes)?),
        test_traffic: Some(!c.no_test_traffic),
        hook: c.hook.clone(),
        hook_secs: opt_count("hook-secs", c.hook_secs)?,
        hook_fails: c.hook_fails,
        failing_release: c.failing_release,
        rollback: Some(!c.no_rollback),
        health_check_secs,
        healthy_threshold,
        dereg_delay_secs,
        minutes: Some(minutes(c.minutes)?),
        seed: c.run.seed,
        ..BlueGreenPreset::default()
    })
}

pub(super) fn bluegreen(a: &BlueGreenArgs) -> Result<BlueGreenPreset, Usage> {
    let mut p = common(&a.common, ShiftKind::BlueGreen)?;
    if let Some(config) = &a.codedeploy {
        p.controller = ControllerKind::CodeDeploy;
        p.codedeploy_config = Some(config.clone());
    }
    Ok(p)
}

fn percent(flag: &str, v: f64) -> Result<f64, Usage> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Usage(format!("--{flag} must be a number (got {v})")))
    }
}

pub(super) fn linear(a: &LinearArgs) -> Result<BlueGreenPreset, Usage> {
    Ok(BlueGreenPreset {
        step_percent: Some(percent("step-percent", a.step_percent)?),
        step_minutes: Some(count("step-minutes", a.step_minutes)?),
        ..common(&a.common, ShiftKind::Linear)?
    })
}

pub(super) fn canary(a: &CanaryArgs) -> Result<BlueGreenPreset, Usage> {
    Ok(BlueGreenPreset {
        canary_percent: Some(percent("canary-percent", a.canary_percent)?),
        canary_minutes: Some(count("canary-minutes", a.canary_minutes)?),
        ..common(&a.common, ShiftKind::Canary)?
    })
}
