//! Read helpers for a traffic-shifting deployment, shared by the visualiser's blue/green
//! header and the prediction questions: who is blue and who green, where traffic stands,
//! and the header's items.

use serde::Serialize;

use super::config::{Controller, Stage};
use super::event::{clock, num};
use super::simulation::Simulation;

/// The share of each revision.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrafficSplit {
    /// The revision traffic comes from (blue).
    pub blue: u32,
    /// The revision traffic goes to (green), while a shift is in progress or being rolled
    /// back.
    pub green: Option<u32>,
    /// Production traffic on green, in percent.
    pub production: f64,
    /// Test traffic on green, in percent.
    pub test: f64,
}

impl Simulation {
    /// Who is blue and who green, and where traffic stands.
    pub fn traffic_split(&self) -> TrafficSplit {
        let dep = self.deployment();
        if let Some(state) = self.shift_state() {
            return TrafficSplit {
                blue: dep.replaces,
                green: Some(dep.revision),
                production: state.production_green,
                test: state.test_green,
            };
        }
        if dep.rollback_of.is_some() && self.deployment_in_progress() {
            // Rolled back: traffic went back to blue; green is being removed.
            return TrafficSplit {
                blue: dep.revision,
                green: Some(dep.replaces),
                production: 0.0,
                test: 0.0,
            };
        }
        TrafficSplit {
            blue: dep.revision,
            green: None,
            production: 0.0,
            test: 0.0,
        }
    }

    /// The controller of the configured traffic shift (ECS without one).
    pub fn shift_controller(&self) -> Controller {
        self.config()
            .service
            .traffic_shift
            .as_ref()
            .map_or(Controller::Ecs, |s| s.controller)
    }

    /// Live and counted-healthy tasks of `revision`.
    pub fn revision_counts(&self, revision: u32) -> (u32, u32) {
        let mut live = 0;
        let mut healthy = 0;
        for t in self
            .tasks()
            .iter()
            .filter(|t| t.is_live() && t.revision == revision)
        {
            live += 1;
            healthy += u32::from(t.is_counted_healthy());
        }
        (live, healthy)
    }

    /// The blue/green header's items: the stage, the deployment alarm's state, the traffic
    /// split and the tasks of each revision (`stage BAKE_TIME (04:00 left)`, `alarm OK`,
    /// `production: green 10%, blue 90%`,
    /// `test: green 100%`, `blue rev 1 4 live, 4 healthy`, `green rev 2 …`).
    pub fn shift_items(&self) -> Vec<String> {
        let mut items = Vec::new();
        let controller = self.shift_controller();
        if let Some(state) = self.shift_state() {
            let mut stage = format!("stage {}", state.stage.name(controller).unwrap_or("?"));
            if state.hook_until.is_some() {
                stage.push_str(" (hook running)");
            }
            if let Some(until) = state.bake_until.filter(|_| state.stage == Stage::BakeTime) {
                stage.push_str(&format!(
                    " ({} left)",
                    clock(until.saturating_sub(self.time()))
                ));
            }
            items.push(stage);
            if self.config().service.deployment_alarms.is_some() {
                items.push(
                    if self.alarm_in_alarm() {
                        "alarm ALARM"
                    } else {
                        "alarm OK"
                    }
                    .to_string(),
                );
            }
        }
        let s = self.traffic_split();
        match s.green {
            Some(green) => {
                items.push(format!(
                    "production: green {}%, blue {}%",
                    num(s.production),
                    num(100.0 - s.production)
                ));
                items.push(format!("test: green {}%", num(s.test)));
                let (b, bh) = self.revision_counts(s.blue);
                let (g, gh) = self.revision_counts(green);
                items.push(format!("blue rev {} {b} live, {bh} healthy", s.blue));
                items.push(format!("green rev {green} {g} live, {gh} healthy"));
            }
            None => {
                let (n, h) = self.revision_counts(s.blue);
                items.push(format!("all traffic to rev {}", s.blue));
                items.push(format!("rev {} {n} live, {h} healthy", s.blue));
            }
        }
        items
    }
}
