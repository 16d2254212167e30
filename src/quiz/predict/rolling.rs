//! Questions about the scheduler's decisions in a rolling update: how many old tasks stop,
//! how many tasks start, and what happens when neither is allowed. Each is posed from the
//! state just before the scheduler acts, the numbers of the visualiser's Tasks header.

use super::{Asked, Candidate, int};
use crate::sim::{EventKind, Simulation, StartLimit, clock};

/// The state in words: what the Tasks header and cells show, then what already happened in
/// this second (a deployment starting, tasks becoming healthy).
pub fn situation(sim: &Simulation) -> String {
    let c = sim.counts();
    let split = sim.live_split();
    let mut s = format!(
        "At {}: desired {}, lower limit L = {}, upper limit U = {}. Live tasks: {}. {} counted healthy, {} starting, {} in flight toward U.",
        clock(sim.time()),
        c.desired,
        c.lower,
        c.upper,
        split.summary(),
        c.healthy,
        c.pending,
        c.in_flight
    );
    let now: Vec<String> = sim
        .events()
        .iter()
        .rev()
        .take_while(|e| e.t == sim.time())
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::DeploymentStarted { .. } | EventKind::TasksHealthy { .. }
            )
        })
        .map(|e| e.message())
        .collect();
    if !now.is_empty() {
        let mut now = now;
        now.reverse();
        s.push_str(&format!(" Just now: {}.", now.join("; ")));
    }
    if c.waiting > 0 {
        s.push_str(&format!(" {} tasks wait for capacity.", c.waiting));
    }
    s
}

fn stop_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::OldTasksStopped {
        count,
        unhealthy,
        healthy_after,
        old_left,
        ..
    } = event
    else {
        return None;
    };
    let c = sim.counts();
    let (d, l, u) = (int(c.desired), int(c.lower), int(c.upper));
    let n = int(*count);
    let old = int(*old_left) + n;
    // H just before the stop (unhealthy ones do not count toward it).
    let h = int(*healthy_after) + n - int(*unhealthy);
    let wrong = vec![
        Candidate::new(
            l,
            format!(
                "{l} is the lower limit L: how many healthy tasks must stay, not how many stop."
            ),
        ),
        Candidate::new(
            old,
            format!(
                "Stopping all {old} old tasks at once would leave {} healthy, below L = {l}.",
                (h - old).max(0)
            ),
        ),
        Candidate::new(
            u - l,
            format!(
                "U - L = {} bounds a round's starts from a settled state; stops are bounded by H - L = {} and the old tasks left ({old}).",
                u - l,
                h - l
            ),
        ),
        Candidate::new(
            0,
            format!("None would stop only if the {h} healthy tasks were all needed for L = {l}."),
        ),
        Candidate::new(
            n + 1,
            if n + 1 > old {
                format!("There are only {old} old tasks to stop.")
            } else {
                format!("One more would leave {} healthy, below L = {l}.", h - n - 1)
            },
        ),
        Candidate::new(
            d,
            format!("{d} is the desired count; stopping that many would leave nothing serving."),
        ),
        Candidate::new(
            n + 2,
            if n + 2 > old {
                format!("There are only {old} old tasks to stop.")
            } else {
                format!("Two more would leave {} healthy, below L = {l}.", h - n - 2)
            },
        ),
    ];
    Some(Asked {
        situation: situation(sim),
        question: "How many old tasks will ECS stop now?".into(),
        right: Candidate::right(n, event),
        wrong,
    })
}

fn start_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::TasksStarted {
        count,
        in_flight_after,
        upper,
        live_after,
        desired,
        limit,
        ..
    } = event
    else {
        return None;
    };
    let c = sim.counts();
    let l = int(c.lower);
    let n = int(*count);
    let (u, d) = (int(*upper), int(*desired));
    let in_flight = int(*in_flight_after) - n;
    let room = u - in_flight;
    let missing = d - (int(*live_after) - n);
    // What really capped this batch, in words, for the wrong answers above it.
    let cap = match limit {
        StartLimit::Capacity => format!("the cluster has room for only {n} more tasks"),
        StartLimit::Upper => format!("only {room} fit under U = {u} with {in_flight} in flight"),
        StartLimit::Desired | StartLimit::None => format!("only {missing} tasks are missing"),
        StartLimit::PerSecond => "this scenario starts one task a second".to_string(),
    };
    let wrong = vec![
        Candidate::new(
            missing,
            format!("{missing} tasks are still missing, but {cap}."),
        ),
        Candidate::new(
            room,
            format!("{room} is the room under U = {u} ({in_flight} in flight), but {cap}."),
        ),
        Candidate::new(d, format!("{d} is the desired count, but {cap}.")),
        Candidate::new(
            u - l,
            format!(
                "U - L = {} is the round size from a settled state, not a fixed batch.",
                u - l
            ),
        ),
        Candidate::new(
            0,
            format!("Nothing would start only with no room under U = {u} or no free capacity."),
        ),
        Candidate::new(n + 1, format!("One more is not possible: {cap}.")),
        Candidate::new(n + 2, format!("Two more are not possible: {cap}.")),
    ];
    Some(Asked {
        situation: situation(sim),
        question: "How many tasks will ECS start now?".into(),
        right: Candidate::right(n, event),
        wrong,
    })
}

fn stuck_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let c = sim.counts();
    let (l, u, h) = (int(c.lower), int(c.upper), int(c.healthy));
    let wrong = vec![
        Candidate::text(
            "Stop one old task, then start a new one",
            format!("Stopping one would leave {} healthy, below L = {l}.", h - 1),
        ),
        Candidate::text(
            "Start one new task before stopping old ones",
            format!(
                "Starting one would put {} in flight, above U = {u}.",
                int(c.in_flight) + 1
            ),
        ),
        Candidate::text(
            "Replace every task at once",
            "That ignores both limits; a rolling update never does it.",
        ),
    ];
    Some(Asked {
        situation: situation(sim),
        question: "What will ECS do next?".into(),
        right: Candidate::text(
            "Nothing: the deployment is stuck",
            format!(
                "Right: {}.",
                crate::sim::Event {
                    t: 0,
                    kind: event.clone()
                }
                .message()
            ),
        ),
        wrong,
    })
}

/// A question about a rolling-update decision, if `event` is one.
pub fn ask(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    match event {
        EventKind::OldTasksStopped { .. } => stop_question(sim, event),
        EventKind::TasksStarted { .. } => start_question(sim, event),
        EventKind::DeploymentStuck { .. } => stuck_question(sim, event),
        _ => None,
    }
}
