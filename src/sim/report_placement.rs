//! What `deckhand sim placement` reports: each placement with its reasons, what could not be
//! placed, and the tasks on each instance at the end.

use serde::Serialize;

use super::config::az_name;
use super::event::{EventKind, clock};
use super::placement::PlacementWhy;
use super::simulation::Simulation;

/// One instance at the end of the run.
#[derive(Debug, Clone, Serialize)]
pub struct InstanceLoad {
    /// `i-3`.
    pub id: String,
    /// Instance type.
    pub instance_type: String,
    /// AZ name.
    pub az: String,
    /// Tasks of the service on it.
    pub tasks: u32,
    /// CPU units reserved and registered.
    pub cpu: (u32, u32),
    /// Memory reserved and registered (MiB).
    pub memory: (u32, u32),
}

/// One placement, or one failure.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementMark {
    /// Second.
    pub t: u64,
    /// The reasons.
    pub why: PlacementWhy,
    /// The reasons in words.
    pub message: String,
}

/// What `deckhand sim placement --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementReport {
    /// Always "placement".
    pub kind: &'static str,
    /// The strategies, as the API writes them.
    pub strategies: Vec<&'static str>,
    /// The constraints, as the API writes them.
    pub constraints: Vec<String>,
    /// Tasks wanted.
    pub desired: u32,
    /// Tasks placed.
    pub placed: u32,
    /// Every placement, in order.
    pub placements: Vec<PlacementMark>,
    /// Every failure to place (reported once until something changes).
    pub failures: Vec<PlacementMark>,
    /// The instances at the end.
    pub instances: Vec<InstanceLoad>,
}

impl PlacementReport {
    /// Summarise a placement run.
    pub fn new(sim: &Simulation) -> Self {
        let cfg = sim.config();
        let mut placements = Vec::new();
        let mut failures = Vec::new();
        for e in sim.events() {
            match &e.kind {
                EventKind::TaskPlaced { why } => placements.push(PlacementMark {
                    t: e.t,
                    why: (**why).clone(),
                    message: e.message(),
                }),
                EventKind::PlacementFailed { why } => failures.push(PlacementMark {
                    t: e.t,
                    why: (**why).clone(),
                    message: e.message(),
                }),
                _ => {}
            }
        }
        let instances = sim
            .instances()
            .iter()
            .map(|i| InstanceLoad {
                id: format!("i-{}", i.id),
                instance_type: i.type_name.clone(),
                az: az_name(i.az),
                tasks: sim
                    .tasks()
                    .iter()
                    .filter(|t| t.is_live() && t.instance() == Some(i.id))
                    .count() as u32,
                cpu: (i.cpu_used, i.cpu_total),
                memory: (i.memory_used, i.memory_total),
            })
            .collect();
        PlacementReport {
            kind: "placement",
            strategies: cfg.service.placement.iter().map(|s| s.api()).collect(),
            constraints: cfg
                .service
                .placement_constraints
                .iter()
                .map(ToString::to_string)
                .collect(),
            desired: sim.desired(),
            placed: placements.len() as u32,
            placements,
            failures,
            instances,
        }
    }

    /// The report as text.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Task placement: {} tasks; strategies {}; constraints {}\n\n",
            self.desired,
            if self.strategies.is_empty() {
                "none".to_string()
            } else {
                self.strategies.join(", ")
            },
            if self.constraints.is_empty() {
                "none".to_string()
            } else {
                self.constraints.join(", ")
            }
        );
        let mut marks: Vec<&PlacementMark> =
            self.placements.iter().chain(self.failures.iter()).collect();
        marks.sort_by_key(|m| m.t);
        for m in marks {
            out.push_str(&format!("  {} {}\n", clock(m.t), m.message));
        }
        out.push_str("\ninstances at the end:\n");
        for i in &self.instances {
            out.push_str(&format!(
                "  {:<5} {:<10} {}  {} {}  cpu {}/{}  memory {}/{} MiB\n",
                i.id,
                i.instance_type,
                i.az,
                i.tasks,
                if i.tasks == 1 { "task " } else { "tasks" },
                i.cpu.0,
                i.cpu.1,
                i.memory.0,
                i.memory.1
            ));
        }
        out.push_str(&format!(
            "placed: {} of {}{}\n",
            self.placed,
            self.desired,
            if self.placed < self.desired {
                " (the rest stay unplaced: no container instance met all of their requirements)"
            } else {
                ""
            }
        ));
        out
    }
}

impl Simulation {
    /// A placement scenario has nothing more to show: every wanted task is placed and
    /// RUNNING, or a task could not be placed and every placed task is RUNNING.
    pub fn placement_settled(&self) -> bool {
        let live: Vec<_> = self.tasks().iter().filter(|t| t.is_live()).collect();
        let all_running = live
            .iter()
            .all(|t| t.state == super::task::TaskState::Running);
        let blocked = self
            .events()
            .iter()
            .rev()
            .find_map(|e| match e.kind {
                EventKind::TaskPlaced { .. } => Some(false),
                EventKind::PlacementFailed { .. } => Some(true),
                _ => None,
            })
            .unwrap_or(false);
        all_running && (live.len() as u32 >= self.desired() || blocked)
    }
}
