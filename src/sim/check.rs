//! Running a scenario preset to its end, headless, and saying what looks wrong with it: the
//! dry run behind `deckhand sim card` and the `sim` check of `deckhand check`.

use super::config::ConfigError;
use super::deployment::DeploymentStatus;
use super::event::EventKind;
use super::preset::Preset;
use super::simulation::Simulation;

/// Run `preset` from second 0 to its end: a rolling update until it completes, fails, gets
/// stuck or runs out of time; auto scaling for its minutes (one second past the last
/// minute, so that minute's sample is taken).
pub fn run_preset(preset: &Preset) -> Result<Simulation, ConfigError> {
    let mut sim = Simulation::from_preset(preset)?;
    let limit = preset.duration_secs();
    match preset {
        Preset::Scaling(_) => sim.run_until(limit + 1),
        Preset::Placement(_) => {
            while !sim.placement_settled() && sim.time() < limit {
                sim.step();
            }
        }
        _ => {
            sim.run_until_settled(limit);
        }
    }
    Ok(sim)
}

/// What a finished run says about its scenario: each entry is a reason the scenario does
/// not show what it was written to show (empty when it runs clean).
pub fn warnings(preset: &Preset, sim: &Simulation) -> Vec<String> {
    let mut out = Vec::new();
    for e in sim.events() {
        match &e.kind {
            EventKind::FaultInvisible => out.push(
                "the broken image fails its health checks, but nothing checks them (no load balancer, no container health check): ECS counts its tasks healthy and the deployment completes; add `load_balancer = true` or `container_check = true`".to_string(),
            ),
            EventKind::ScheduledActionFailed { name, .. } => out.push(format!(
                "scheduled action {name} cannot run: {}",
                e.message()
            )),
            _ => {}
        }
    }
    let planned = sim.config().deployment.is_some();
    if planned && matches!(preset, Preset::Rolling(_)) && !sim.status().is_final() {
        out.push(format!(
            "the deployment has not ended after {} simulated minutes (status {}): raise `minutes` or change the scenario",
            preset.duration_secs() / 60,
            sim.status().word()
        ));
    }
    if matches!(preset, Preset::Placement(_)) && !sim.placement_settled() {
        out.push(format!(
            "the tasks are not all placed and running after {} simulated minutes: raise `minutes`",
            preset.duration_secs() / 60
        ));
    }
    if sim.status() == DeploymentStatus::None && planned && matches!(preset, Preset::Rolling(_)) {
        out.push("the deployment never started".into());
    }
    out.dedup();
    out
}

/// Check a preset for a content card: it must build (valid settings, initial tasks placed)
/// and its dry run must show no warning. Returns the warnings, or why it cannot run.
pub fn check_preset(preset: &Preset) -> Result<Vec<String>, ConfigError> {
    let sim = run_preset(preset)?;
    Ok(warnings(preset, &sim))
}
