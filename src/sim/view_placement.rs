//! Read helpers for task placement, shared by the visualiser's placement tab and the
//! prediction questions: the header's items, each instance in words, and the newest
//! placement explanation.

use super::cluster::Instance;
use super::config::az_name;
use super::event::EventKind;
use super::placement::PlacementWhy;
use super::simulation::Simulation;

impl Simulation {
    /// Live tasks of the service on instance `id`.
    pub fn tasks_on(&self, id: u32) -> u32 {
        self.tasks()
            .iter()
            .filter(|t| t.is_live() && t.instance() == Some(id))
            .count() as u32
    }

    /// The placement header's items: `placed 3 of 8`, the strategies in order
    /// (`spread(attribute:ecs.availability-zone) › binpack(memory)`) and the constraints.
    pub fn placement_items(&self) -> Vec<String> {
        let cfg = self.config();
        let placed = self.tasks().iter().filter(|t| t.is_live()).count();
        let strategies: Vec<&str> = cfg.service.placement.iter().map(|s| s.api()).collect();
        let constraints: Vec<String> = cfg
            .service
            .placement_constraints
            .iter()
            .map(ToString::to_string)
            .collect();
        vec![
            format!("placed {placed} of {}", self.desired()),
            if strategies.is_empty() {
                "no strategy".to_string()
            } else {
                strategies.join(" › ")
            },
            if constraints.is_empty() {
                "no constraint".to_string()
            } else {
                format!("constraints {}", constraints.join(", "))
            },
        ]
    }

    /// An instance in words: `i-1 m5.large us-east-1a: 2 tasks, CPU 1024/2048, memory
    /// 2048/7985 MiB`.
    pub fn instance_words(&self, inst: &Instance) -> String {
        let n = self.tasks_on(inst.id);
        format!(
            "i-{} {} {}: {n} {}, CPU {}/{}, memory {}/{} MiB",
            inst.id,
            inst.type_name,
            az_name(inst.az),
            if n == 1 { "task" } else { "tasks" },
            inst.cpu_used,
            inst.cpu_total,
            inst.memory_used,
            inst.memory_total
        )
    }

    /// The newest placement explanation (a task placed, or one that could not be).
    pub fn last_placement(&self) -> Option<&PlacementWhy> {
        self.events().iter().rev().find_map(|e| match &e.kind {
            EventKind::TaskPlaced { why } | EventKind::PlacementFailed { why } => Some(&**why),
            _ => None,
        })
    }
}
