//! `deckhand sim`: run the ECS simulator headless and print a timeline or JSON.
//!
//! ```text
//! deckhand sim rolling --desired 10 --min-healthy 60 --max-percent 100 [--capacity TASKS] [--broken-image] [--json]
//! deckhand sim scaling --policy target-tracking --target 50 --load spike [--launch-type ec2 --instances 2 --target-capacity 100] [--json]
//! deckhand sim bluegreen [--codedeploy CONFIG] | linear | canary … [--json]
//! deckhand sim placement [--instance TYPE@AZ]… [--strategy S]… [--distinct-instance] [--member-of EXPR] [--json]
//! deckhand sim card CARD_ID [--json]
//! ```
//!
//! Bad values print a clear error and exit with code 2.

use anyhow::Context as _;
use clap::{Args, Subcommand};
use std::io::Write as _;

mod card;
mod placement;
mod rolling;
mod scaling;
mod shift;

pub use card::CardArgs;
pub use placement::PlacementArgs;
pub use rolling::RollingArgs;
pub use scaling::ScalingArgs;
pub use shift::{BlueGreenArgs, CanaryArgs, LinearArgs};

use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::sim::{
    OsFamily, PlacementReport, Preset, RollingReport, ScalingReport, ShiftReport, Simulation,
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
    /// A blue/green deployment: green scales up beside blue, then takes the traffic at once
    /// (ECS), or as a CodeDeploy deployment configuration says.
    Bluegreen(BlueGreenArgs),
    /// A linear deployment (ECS): production traffic moves in equal steps.
    Linear(LinearArgs),
    /// A canary deployment (ECS): a small share of production traffic first, then the rest.
    Canary(CanaryArgs),
    /// Task placement: a new service's tasks placed one by one on EC2 instances across AZs,
    /// each with the reasons it went where it went.
    Placement(PlacementArgs),
    /// The scenario a card names (its `sim = {…}`), played to its end.
    Card(CardArgs),
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

/// The target group's health check and deregistration delay (a rolling update behind a load
/// balancer, and the traffic-shifting deployments).
#[derive(Debug, Args)]
pub struct HealthArgs {
    /// The target group's health check interval in seconds (default 30; a rolling update
    /// needs --lb).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub health_check_secs: Option<i64>,
    /// The target group's healthy threshold: consecutive checks passed before a target is
    /// healthy (default 5: healthy after 30 s x 5 = 150 s; a rolling update needs --lb).
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub healthy_threshold: Option<i64>,
    /// The target group's deregistration delay in seconds: how long a deregistering target
    /// drains its in-flight requests before it is removed (default 300; a rolling update
    /// needs --lb).
    #[arg(
        long,
        value_name = "SECS",
        allow_negative_numbers = true,
        help_heading = "Health checks"
    )]
    pub dereg_delay_secs: Option<i64>,
}

/// Parsed health check settings: (interval s, healthy threshold, deregistration delay s).
type HealthSpec = (Option<u32>, Option<u32>, Option<u32>);

impl HealthArgs {
    fn parse(&self) -> Result<HealthSpec, Usage> {
        Ok((
            opt_count("health-check-secs", self.health_check_secs)?,
            opt_count("healthy-threshold", self.healthy_threshold)?,
            opt_count("dereg-delay-secs", self.dereg_delay_secs)?,
        ))
    }
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
pub(super) struct Usage(pub String);

pub(super) fn count(flag: &str, v: i64) -> Result<u32, Usage> {
    u32::try_from(v).map_err(|_| {
        Usage(if v < 0 {
            format!("--{flag} must be 0 or more (got {v})")
        } else {
            format!("--{flag} is too large (got {v})")
        })
    })
}

pub(super) fn opt_count(flag: &str, v: Option<i64>) -> Result<Option<u32>, Usage> {
    v.map(|v| count(flag, v)).transpose()
}

pub(super) fn word<T: std::str::FromStr>(v: &str) -> Result<T, Usage>
where
    T::Err: std::fmt::Display,
{
    v.parse().map_err(|e: T::Err| Usage(e.to_string()))
}

pub(super) fn minutes(v: i64) -> Result<u32, Usage> {
    let m = count("minutes", v)?;
    if m == 0 || m > 24 * 60 {
        return Err(Usage(format!("--minutes must be 1 to 1440 (got {m})")));
    }
    Ok(m)
}

/// Run `deckhand sim`.
pub fn run(ctx: &Context, args: SimArgs) -> anyhow::Result<u8> {
    let (preset, json) = match &args.command {
        SimCommand::Rolling(a) => (rolling::preset(a).map(Preset::Rolling), a.run.json),
        SimCommand::Scaling(a) => (scaling::preset(a).map(Preset::Scaling), a.run.json),
        SimCommand::Bluegreen(a) => (
            shift::bluegreen(a).map(Preset::BlueGreen),
            a.common.run.json,
        ),
        SimCommand::Linear(a) => (shift::linear(a).map(Preset::BlueGreen), a.common.run.json),
        SimCommand::Canary(a) => (shift::canary(a).map(Preset::BlueGreen), a.common.run.json),
        SimCommand::Placement(a) => (placement::preset(a).map(Preset::Placement), a.run.json),
        SimCommand::Card(a) => return card::run(ctx, a),
    };
    let preset = match preset {
        Ok(p) => p,
        Err(Usage(msg)) => {
            eprintln!("error: {msg}");
            return Ok(EXIT_USAGE);
        }
    };
    let sim = match crate::sim::run_preset(&preset) {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let output = report(&preset, &sim, json)?;
    writeln!(std::io::stdout(), "{}", output.trim_end())?;
    Ok(EXIT_OK)
}

/// The report of a finished run, as a JSON value and as a readable timeline.
pub(super) fn report_parts(
    preset: &Preset,
    sim: &Simulation,
) -> anyhow::Result<(serde_json::Value, String)> {
    fn parts<R: serde::Serialize>(
        r: R,
        text: impl Fn(&R) -> String,
    ) -> anyhow::Result<(serde_json::Value, String)> {
        Ok((serde_json::to_value(&r).context("writing JSON")?, text(&r)))
    }
    match preset {
        Preset::Rolling(_) => parts(RollingReport::new(sim), RollingReport::to_text),
        Preset::Scaling(_) => parts(ScalingReport::new(sim), ScalingReport::to_text),
        Preset::BlueGreen(_) => parts(ShiftReport::new(sim), ShiftReport::to_text),
        Preset::Placement(_) => parts(PlacementReport::new(sim), PlacementReport::to_text),
    }
}

/// The report of a finished run: JSON or a readable timeline.
pub(super) fn report(preset: &Preset, sim: &Simulation, json: bool) -> anyhow::Result<String> {
    let (value, text) = report_parts(preset, sim)?;
    Ok(if json {
        serde_json::to_string_pretty(&value).context("writing JSON")?
    } else {
        text
    })
}
