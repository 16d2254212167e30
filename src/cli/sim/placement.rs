//! `deckhand sim placement`: the flags of a task placement scenario and the preset they make.

use clap::Args;

use super::{RunArgs, Usage, count, minutes, opt_count, word};
use crate::sim::{PlacementPreset, StrategyKind};

/// `deckhand sim placement`.
#[derive(Debug, Args)]
pub struct PlacementArgs {
    /// Tasks to place (the new service's desired count).
    #[arg(long, default_value_t = 8, allow_negative_numbers = true)]
    pub tasks: i64,
    /// A container instance, TYPE@AZ (m5.large@a, t3.medium@us-east-1b); repeat for each
    /// (default: an m5.large in each of us-east-1a, b and c, then a t3.medium in each).
    #[arg(long = "instance", value_name = "TYPE@AZ")]
    pub instances: Vec<String>,
    /// A placement strategy, in order (repeat, up to 4): spread-az (the default),
    /// spread-instance, binpack-cpu, binpack-memory or random.
    #[arg(long = "strategy", value_name = "STRATEGY")]
    pub strategies: Vec<String>,
    /// The distinctInstance constraint: each task on a different instance.
    #[arg(long)]
    pub distinct_instance: bool,
    /// A memberOf constraint, e.g. "attribute:ecs.instance-type =~ t3.*" or
    /// "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]".
    #[arg(long, value_name = "EXPRESSION")]
    pub member_of: Option<String>,
    /// Task CPU units (default 512).
    #[arg(
        long,
        value_name = "UNITS",
        allow_negative_numbers = true,
        help_heading = "Task definition"
    )]
    pub cpu: Option<i64>,
    /// Task memory in MiB (default 1024).
    #[arg(
        long,
        value_name = "MIB",
        allow_negative_numbers = true,
        help_heading = "Task definition"
    )]
    pub memory: Option<i64>,
    /// Stop the run after this many simulated minutes.
    #[arg(
        long,
        default_value_t = 10,
        allow_negative_numbers = true,
        help_heading = "Output"
    )]
    pub minutes: i64,
    #[command(flatten)]
    pub run: RunArgs,
}

pub(super) fn preset(a: &PlacementArgs) -> Result<PlacementPreset, Usage> {
    let d = PlacementPreset::default();
    Ok(PlacementPreset {
        instances: if a.instances.is_empty() {
            d.instances
        } else {
            a.instances.clone()
        },
        strategy: if a.strategies.is_empty() {
            d.strategy
        } else {
            a.strategies
                .iter()
                .map(|s| word::<StrategyKind>(s))
                .collect::<Result<_, _>>()?
        },
        distinct_instance: a.distinct_instance,
        member_of: a.member_of.clone(),
        tasks: count("tasks", a.tasks)?,
        cpu: opt_count("cpu", a.cpu)?,
        memory: opt_count("memory", a.memory)?,
        minutes: Some(minutes(a.minutes)?),
        seed: a.run.seed,
    })
}
