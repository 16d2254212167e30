//! Questions about task placement: where the next task goes, or whether it can be placed at
//! all. Each is posed from the state the visualiser's placement tab shows: the tasks placed
//! so far and every instance's tasks, CPU and memory. The wrong answers are the other
//! instances, each with the step that ruled it out.

use super::{Asked, Candidate};
use crate::sim::config::az_name;
use crate::sim::placement::{Candidate as Inst, PlacementWhy};
use crate::sim::{EventKind, Simulation, clock};

/// The state in words: the header's items, then each instance.
pub fn situation(sim: &Simulation) -> String {
    let instances: Vec<String> = sim
        .instances()
        .iter()
        .map(|i| sim.instance_words(i))
        .collect();
    format!(
        "At {}: {}. Instances: {}. Task size: {} CPU units, {} MiB.",
        clock(sim.time()),
        sim.placement_items().join("; "),
        instances.join("; "),
        sim.config().service.task_size.cpu,
        sim.config().service.task_size.memory
    )
}

/// `i-3 (us-east-1b, m5.large)`
fn label(c: &Inst) -> String {
    format!("i-{} ({}, {})", c.id, az_name(c.az), c.type_name)
}

/// Why `c` is not where the task goes.
fn ruled_out(why: &PlacementWhy, c: &Inst) -> String {
    if why.no_room.iter().any(|x| x.id == c.id) {
        return format!("i-{} has no room left for the task's CPU and memory.", c.id);
    }
    if let Some((_, rule)) = why.excluded.iter().find(|(x, _)| x.id == c.id) {
        return format!("{rule} excludes i-{}: constraints are binding.", c.id);
    }
    for (strategy, kept) in &why.steps {
        if !kept.iter().any(|x| x.id == c.id) {
            return format!(
                "{} ranks i-{} below {}.",
                strategy.api(),
                c.id,
                kept.iter()
                    .map(|k| format!("i-{}", k.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    "The strategies leave it tied with others; the simulator then takes the one with the fewest tasks, then the lowest id.".to_string()
}

/// The instances in the order a wrong answer is most tempting: ruled out by the last
/// strategy, then by an earlier one, then by a constraint, then for room.
fn tempting(why: &PlacementWhy, all: &[Inst]) -> Vec<Inst> {
    let rank = |c: &Inst| -> usize {
        if why.no_room.iter().any(|x| x.id == c.id) {
            return 10;
        }
        if why.excluded.iter().any(|(x, _)| x.id == c.id) {
            return 5;
        }
        // Dropped at step k: later steps are more tempting.
        let dropped = why
            .steps
            .iter()
            .position(|(_, kept)| !kept.iter().any(|x| x.id == c.id));
        match dropped {
            Some(k) => why.steps.len().saturating_sub(k),
            None => 0,
        }
    };
    let mut out: Vec<Inst> = all.to_vec();
    out.sort_by_key(|c| (rank(c), c.id));
    out
}

fn all_instances(sim: &Simulation) -> Vec<Inst> {
    sim.instances()
        .iter()
        .map(|i| Inst {
            id: i.id,
            az: i.az,
            type_name: i.type_name.clone(),
        })
        .collect()
}

fn message(event: &EventKind) -> String {
    crate::sim::Event {
        t: 0,
        kind: event.clone(),
    }
    .message()
}

/// Live tasks of the service per AZ, by AZ index.
fn az_tasks(sim: &Simulation) -> Vec<(u8, u32)> {
    let mut azs: Vec<u8> = sim.instances().iter().map(|i| i.az).collect();
    azs.sort_unstable();
    azs.dedup();
    azs.into_iter()
        .map(|az| {
            let n = sim
                .instances()
                .iter()
                .filter(|i| i.az == az)
                .map(|i| sim.tasks_on(i.id))
                .sum();
            (az, n)
        })
        .collect()
}

/// Where in the AZs the strategies left the task: the AZ question, for placements the
/// strategies narrow to one AZ but leave several instances in it tied (the simulator's
/// tie-break, where AWS is silent, is not asked about).
fn az_question(sim: &Simulation, why: &PlacementWhy, event: &EventKind) -> Option<Asked> {
    let chosen = why.chosen.as_ref()?;
    let (_, kept) = why.steps.last()?;
    if kept.iter().any(|c| c.az != chosen.az) {
        return None;
    }
    let counts = az_tasks(sim);
    let count_of = |az: u8| counts.iter().find(|(a, _)| *a == az).map_or(0, |c| c.1);
    let usable = |az: u8| {
        sim.instances().iter().filter(|i| i.az == az).any(|i| {
            !why.no_room.iter().any(|c| c.id == i.id)
                && !why.excluded.iter().any(|(c, _)| c.id == i.id)
        })
    };
    let wrong = counts
        .iter()
        .filter(|(az, _)| *az != chosen.az)
        .map(|(az, n)| {
            let name = az_name(*az);
            let why_not = if !usable(*az) {
                format!("No instance in {name} can take the task: no room, or a constraint excludes them.")
            } else {
                let first = why.steps.iter().find(|(_, k)| !k.iter().any(|c| c.az == *az));
                match first {
                    Some((s, _)) => format!(
                        "{} ranks {name} ({n} {}) below {} ({} {}).",
                        s.api(),
                        if *n == 1 { "task" } else { "tasks" },
                        az_name(chosen.az),
                        count_of(chosen.az),
                        if count_of(chosen.az) == 1 { "task" } else { "tasks" }
                    ),
                    None => format!("{name} is not where the strategies lead."),
                }
            };
            Candidate::text(name, why_not)
        })
        .chain(std::iter::once(Candidate::text(
            "Nowhere: no instance meets all of its requirements",
            format!("{} still has room and meets every constraint.", label(chosen)),
        )))
        .collect();
    Some(Asked {
        situation: situation(sim),
        question: "In which Availability Zone will ECS place the next task?".into(),
        right: Candidate::text(az_name(chosen.az), format!("Right: {}.", message(event))),
        wrong,
    })
}

/// A question about a placement, if `event` is one: the instance when the strategies and
/// constraints decide it, the AZ when they narrow it to one AZ, or that it cannot be
/// placed.
pub fn ask(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let (why, placed) = match event {
        EventKind::TaskPlaced { why } => (why, true),
        EventKind::PlacementFailed { why } => (why, false),
        _ => return None,
    };
    if placed && why.tie_break {
        return az_question(sim, why, event);
    }
    let all = all_instances(sim);
    let nowhere = "Nowhere: no instance meets all of its requirements";
    let (right, wrong) = if placed {
        let chosen = why.chosen.clone()?;
        let mut wrong: Vec<Candidate> = tempting(why, &all)
            .into_iter()
            .filter(|c| c.id != chosen.id)
            .map(|c| Candidate::text(label(&c), ruled_out(why, &c)))
            .collect();
        wrong.push(Candidate::text(
            nowhere,
            format!(
                "{} still has room and meets every constraint.",
                label(&chosen)
            ),
        ));
        (
            Candidate::text(label(&chosen), format!("Right: {}.", message(event))),
            wrong,
        )
    } else {
        let wrong = tempting(why, &all)
            .into_iter()
            .map(|c| Candidate::text(label(&c), ruled_out(why, &c)))
            .collect();
        (
            Candidate::text(nowhere, format!("Right: {}.", message(event))),
            wrong,
        )
    };
    Some(Asked {
        situation: situation(sim),
        question: "Where will ECS place the next task?".into(),
        right,
        wrong,
    })
}
