//! `deckhand sim card CARD_ID [--json]`: play the scenario a card names (its `sim = {…}`)
//! headless, say what it shows, and print its warnings on stderr.

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;
use std::io::Write as _;

use super::super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::content::{self, did_you_mean};
use crate::sim::{BatchAction, DeploymentStatus, Preset, Simulation, check};

/// `deckhand sim card`.
#[derive(Debug, Args)]
pub struct CardArgs {
    /// The card's id, as its `id = "…"` spells it (the built-in pack, then the packs in the
    /// data folder and those given with --pack).
    #[arg(value_name = "CARD_ID")]
    pub card: String,
    /// Print JSON instead of a timeline.
    #[arg(long)]
    pub json: bool,
}

/// What `deckhand sim card --json` prints.
#[derive(Serialize)]
struct CardReport {
    card: String,
    pack: String,
    preset: Preset,
    /// What the scenario shows, in one sentence.
    shows: String,
    /// Why the scenario does not show what it was written to show (empty when clean).
    warnings: Vec<String>,
    report: serde_json::Value,
}

/// The preset's settings that differ from the defaults, in words:
/// `rolling: min_healthy 60, max_percent 100`.
fn settings(preset: &Preset) -> String {
    let value = serde_json::to_value(preset).unwrap_or_default();
    let default = serde_json::to_value(match preset {
        Preset::Rolling(_) => Preset::Rolling(Default::default()),
        Preset::Scaling(_) => Preset::Scaling(Default::default()),
        Preset::BlueGreen(_) => Preset::BlueGreen(Default::default()),
        Preset::Placement(_) => Preset::Placement(Default::default()),
    })
    .unwrap_or_default();
    let kind = value.get("kind").and_then(|k| k.as_str()).unwrap_or("?");
    let fields: Vec<String> = value
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, v)| k.as_str() != "kind" && default.get(k.as_str()) != Some(*v))
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{k} {s}"),
            other => format!("{k} {other}"),
        })
        .collect();
    if fields.is_empty() {
        format!("{kind}, every setting at its default")
    } else {
        format!("{kind}: {} (the rest at their defaults)", fields.join(", "))
    }
}

/// What a finished run shows, in one sentence.
fn shows(preset: &Preset, sim: &Simulation) -> String {
    match preset {
        Preset::BlueGreen(_) => {
            let shifts: Vec<String> = sim
                .events()
                .iter()
                .filter_map(|e| match e.kind {
                    crate::sim::EventKind::TrafficShifted {
                        production,
                        rollback: false,
                        step: 1..,
                        ..
                    } => Some(format!(
                        "{} {}%",
                        crate::sim::clock(e.t),
                        crate::sim::event::num(production)
                    )),
                    _ => None,
                })
                .collect();
            format!(
                "production traffic to green: {}; the deployment ends {}",
                if shifts.is_empty() {
                    "none".to_string()
                } else {
                    shifts.join(" → ")
                },
                sim.status().word().replace('_', " ")
            )
        }
        Preset::Rolling(_) => {
            let batches: Vec<String> = sim.batches().iter().map(ToString::to_string).collect();
            let stops = sim
                .batches()
                .iter()
                .filter(|b| b.action == BatchAction::Stop)
                .count();
            let end = match sim.status() {
                DeploymentStatus::Stuck(reason) => format!("stuck: {reason}"),
                status => {
                    let at = sim
                        .deployment()
                        .finished_at
                        .map(|t| format!(" at {}", crate::sim::clock(t)))
                        .unwrap_or_default();
                    format!(
                        "{}{at}, {} tasks of revision {} live",
                        status.word().replace('_', " "),
                        sim.counts().new_live,
                        sim.deployment().revision
                    )
                }
            };
            if batches.is_empty() {
                format!("no batch; the deployment ends {end}")
            } else {
                format!(
                    "{} batches ({stops} {}): {}; the deployment ends {end}",
                    batches.len(),
                    if stops == 1 { "stop" } else { "stops" },
                    batches.join(" → ")
                )
            }
        }
        Preset::Placement(_) => {
            let report = crate::sim::PlacementReport::new(sim);
            let spread: Vec<String> = report
                .instances
                .iter()
                .filter(|i| i.tasks > 0)
                .map(|i| format!("{} {}", i.id, i.tasks))
                .collect();
            format!(
                "{} of {} tasks placed ({}){}",
                report.placed,
                report.desired,
                spread.join(", "),
                if report.failures.is_empty() {
                    String::new()
                } else {
                    "; the rest cannot be placed".to_string()
                }
            )
        }
        Preset::Scaling(_) => {
            let samples = sim.samples();
            let first = samples.first().map_or(0, |s| s.desired);
            let peak = samples.iter().map(|s| s.desired).max().unwrap_or(0);
            let last = samples.last().map_or(0, |s| s.desired);
            let mut s = format!(
                "desired {first} at the start, {peak} at the peak, {last} at the end ({} minutes)",
                sim.time() / 60
            );
            if !sim.instances().is_empty() || !sim.terminated_instances().is_empty() {
                let most = samples.iter().map(|s| s.instances).max().unwrap_or(0);
                s.push_str(&format!(
                    "; up to {most} instances, {} at the end",
                    sim.instances().len()
                ));
            }
            s
        }
    }
}

pub(super) fn run(ctx: &Context, args: &CardArgs) -> anyhow::Result<u8> {
    let library = content::load_library(true, Some(&ctx.paths.packs_dir()), &ctx.packs);
    let found = library.packs.iter().find_map(|p| {
        p.cards
            .iter()
            .find(|c| c.id == args.card)
            .map(|c| (p.id().to_string(), c))
    });
    let Some((pack, card)) = found else {
        let ids = library
            .packs
            .iter()
            .flat_map(|p| p.cards.iter().map(|c| c.id.as_str()));
        let hint = did_you_mean(&args.card, ids)
            .map(|s| format!("\nhelp: did you mean `{s}`?"))
            .unwrap_or_default();
        eprintln!("error: no card `{}` in the loaded packs{hint}", args.card);
        return Ok(EXIT_USAGE);
    };
    let Some(preset) = card.sim.as_deref().cloned() else {
        eprintln!(
            "error: card `{}` names no simulator scenario (it has no `sim = {{…}}`)",
            args.card
        );
        return Ok(EXIT_USAGE);
    };
    let sim = match check::run_preset(&preset) {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("error: card `{}`: its scenario cannot run: {e}", args.card);
            return Ok(EXIT_FAILURE);
        }
    };
    let warnings = check::warnings(&preset, &sim);
    for w in &warnings {
        eprintln!("warning: card `{}`: {w}", args.card);
    }
    let shows = shows(&preset, &sim);
    let output = if args.json {
        let (report, _) = super::report_parts(&preset, &sim)?;
        serde_json::to_string_pretty(&CardReport {
            card: card.id.clone(),
            pack,
            preset: preset.clone(),
            shows,
            warnings,
            report,
        })
        .context("writing JSON")?
    } else {
        format!(
            "Card {} ({pack}), defined at {}\nScenario: {}\nShows: {shows}\n\n{}",
            card.id,
            card.location,
            settings(&preset),
            super::report(&preset, &sim, false)?
        )
    };
    writeln!(std::io::stdout(), "{}", output.trim_end())?;
    Ok(EXIT_OK)
}
