//! Questions about blue/green, linear, canary and CodeDeploy deployments: how many green
//! tasks start, how much production traffic green takes at a step, what a failing alarm or
//! hook does, and what happens to blue after the bake time. Each is posed from the state the
//! visualiser's blue/green header shows at that moment.

use super::{Asked, Candidate};
use crate::sim::event::num;
use crate::sim::{EventKind, ShiftPlan, Simulation, StartReason, StopReason, TrafficShift, clock};

/// The state in words: the header's items (stage, traffic, tasks of each revision), the
/// plan, then what already happened in this second.
pub fn situation(sim: &Simulation) -> String {
    let mut s = format!(
        "At {}: {}.",
        clock(sim.time()),
        sim.shift_items().join("; ")
    );
    if let Some(cfg) = &sim.config().service.traffic_shift {
        s.push_str(&format!(
            " The plan: {}, bake time {} minutes.",
            cfg.describe(),
            cfg.bake_secs / 60
        ));
    }
    let now: Vec<String> = sim
        .events()
        .iter()
        .rev()
        .take_while(|e| e.t == sim.time())
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::StageStarted { .. }
                    | EventKind::HookFinished { .. }
                    | EventKind::TasksHealthy { .. }
                    | EventKind::DeploymentStarted { .. }
            )
        })
        .map(|e| e.message())
        .collect();
    if !now.is_empty() {
        let mut now = now;
        now.reverse();
        s.push_str(&format!(" Just now: {}.", now.join("; ")));
    }
    s
}

fn pct(p: f64) -> String {
    format!("{}%", num(p))
}

fn percent(p: f64, why: impl Into<String>) -> Candidate {
    Candidate::text(pct(p), why)
}

/// Green's share after a production step, and the shares a wrong rule gives.
fn traffic_question(sim: &Simulation, cfg: &TrafficShift, event: &EventKind) -> Option<Asked> {
    let EventKind::TrafficShifted {
        production,
        step,
        steps,
        rollback: false,
        ..
    } = event
    else {
        return None;
    };
    if *step == 0 {
        return None;
    }
    let now = sim.traffic_split().production;
    let share = *production;
    let wrong = match cfg.plan {
        ShiftPlan::AllAtOnce => vec![
            percent(
                10.0,
                "10% at a time is a linear plan; blue/green moves all production traffic at once.",
            ),
            percent(
                50.0,
                "Blue/green does not split production traffic: it all moves at once.",
            ),
            percent(
                0.0,
                "Production traffic moves when green is up and the test traffic stage is over; the bake time comes after it.",
            ),
        ],
        ShiftPlan::Linear { percent: p, .. } => {
            let mut w = vec![
                percent(
                    (share + p).min(100.0),
                    format!("That is one step ahead: each step adds {}.", pct(p)),
                ),
                percent(
                    p,
                    format!(
                        "{} is the step size; the steps add up ({} after step {step}).",
                        pct(p),
                        pct(share)
                    ),
                ),
                percent(
                    100.0,
                    "All at once is blue/green; a linear deployment moves traffic in equal steps.",
                ),
            ];
            if now > 0.0 {
                w.push(percent(
                    now,
                    "That is where traffic stands now: the step that is due moves it on.",
                ));
            }
            w.push(percent(
                (share + 2.0 * p).min(100.0),
                "That is two steps ahead.",
            ));
            w.push(percent(
                0.0,
                "Traffic does not go back to blue between steps; only a failure sends it back.",
            ));
            w
        }
        ShiftPlan::Canary { percent: p, .. } => {
            if *step < *steps {
                vec![
                    percent(
                        100.0,
                        format!(
                            "A canary first sends only {} to green and waits before the rest.",
                            pct(p)
                        ),
                    ),
                    percent(
                        (2.0 * p).min(100.0),
                        "A canary has one small step, not a series of them.",
                    ),
                    percent(50.0, "A canary is not an even split."),
                ]
            } else {
                vec![
                    percent(
                        (2.0 * p).min(100.0),
                        "A canary has one small step and then moves all the rest at once.",
                    ),
                    percent(
                        p,
                        "The canary's share does not stay: after its bake time the rest moves.",
                    ),
                    percent(
                        50.0,
                        "After the canary the rest moves at once, not half of it.",
                    ),
                ]
            }
        }
    };
    Some(Asked {
        situation: situation(sim),
        question: "What share of production traffic will green take now?".into(),
        right: right_text(pct(share), event),
        wrong,
    })
}

fn right_text(text: String, event: &EventKind) -> Candidate {
    let message = crate::sim::Event {
        t: 0,
        kind: event.clone(),
    }
    .message();
    Candidate::text(text, format!("Right: {message}."))
}

/// What a failing hook or alarm does.
fn rollback_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::TrafficShifted { rollback: true, .. } = event else {
        return None;
    };
    // Paused before the decision: a hook ending now that reports failure is the cause,
    // otherwise the deployment's alarm.
    let controller = sim.shift_controller();
    let failing_hook = sim.shift_state().and_then(|state| {
        let ends_now = state.hook_until == Some(sim.time());
        let hook = cfg_hooks(sim).find(|h| h.stage == state.stage && h.fails)?;
        ends_now.then_some(hook.stage)
    });
    let cause = match failing_hook {
        Some(stage) => format!(
            "the lifecycle hook at {} reports failure",
            stage.name(controller).unwrap_or("?")
        ),
        None => "the deployment's CloudWatch alarm goes into ALARM".to_string(),
    };
    let split = sim.traffic_split();
    let wrong = vec![
        Candidate::text(
            "Keep the traffic split and retry",
            "A failed hook or an alarm in ALARM fails the deployment; ECS does not retry it.",
        ),
        Candidate::text(
            "Stop blue and keep green",
            format!(
                "Blue (rev {}) is what the rollback keeps: it still runs until the clean-up.",
                split.blue
            ),
        ),
        Candidate::text(
            "Nothing until the bake time ends",
            "The alarms are watched during the whole deployment, the bake time included; a failure acts at once.",
        ),
        Candidate::text(
            "Replace green's tasks one by one",
            "Replacing tasks is for failing health checks; a failed deployment goes back to blue.",
        ),
    ];
    Some(Asked {
        situation: format!("{} Then {cause}.", situation(sim)),
        question: "What will ECS do now?".into(),
        right: right_text(
            "Send all traffic back to blue and remove green".into(),
            event,
        ),
        wrong,
    })
}

fn cfg_hooks(sim: &Simulation) -> impl Iterator<Item = &crate::sim::LifecycleHook> {
    sim.config()
        .service
        .traffic_shift
        .iter()
        .flat_map(|c| c.hooks.iter())
}

/// Blue after the bake time.
fn clean_up_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::TasksStopped {
        count,
        reason: StopReason::CleanUp,
        ..
    } = event
    else {
        return None;
    };
    let min = sim.config().service.min_healthy;
    let wrong = vec![
        Candidate::text(
            "Keep blue running as a standby",
            "Blue is kept only through the bake time; then it is scaled down.",
        ),
        Candidate::text(
            format!("Stop blue's tasks in batches within minimum healthy {min} %"),
            "Batches are how a rolling update replaces tasks; green already has all the traffic.",
        ),
        Candidate::text(
            "Stop half of blue, the rest after another bake time",
            "There is one bake time; when it ends blue goes in one step.",
        ),
        Candidate::text(
            "Register blue with the test listener",
            "The test listener pointed at green; blue serves nothing after the shift.",
        ),
    ];
    Some(Asked {
        situation: situation(sim),
        question: "The bake time is over. What happens to blue?".into(),
        right: right_text(format!("ECS stops all {count} blue tasks"), event),
        wrong,
    })
}

/// Green scaling up.
fn green_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::TasksStarted {
        count,
        reason: StartReason::Green,
        ..
    } = event
    else {
        return None;
    };
    let d = i64::from(sim.counts().desired);
    let n = i64::from(*count);
    let (green_live, _) = sim
        .traffic_split()
        .green
        .map_or((0, 0), |g| sim.revision_counts(g));
    if green_live > 0 {
        // A replacement of a failing green task: not the scale-up question.
        return None;
    }
    let max = i64::from(sim.config().service.max_percent);
    let wrong = vec![
        Candidate::new(
            (d / 2).max(1),
            "Half is a rolling batch; green scales up to the full desired count beside blue.",
        ),
        Candidate::new(
            1,
            "Green is not started one by one: the whole revision starts beside blue.",
        ),
        Candidate::new(
            d * max / 100 - d,
            format!(
                "maximumPercent {max} % bounds a rolling update; blue/green runs a full green set beside blue."
            ),
        ),
        Candidate::new(2 * d, "Green runs the desired count, not twice it."),
        Candidate::new(0, "Green starts before any traffic moves."),
    ];
    Some(Asked {
        situation: situation(sim),
        question: "How many green tasks will ECS start now?".into(),
        right: Candidate::right(n, event),
        wrong,
    })
}

/// A question about a traffic-shifting decision, if `event` is one.
pub fn ask(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let cfg = sim.config().service.traffic_shift.clone()?;
    match event {
        EventKind::TrafficShifted { rollback: true, .. } => rollback_question(sim, event),
        EventKind::TrafficShifted { .. } => traffic_question(sim, &cfg, event),
        EventKind::TasksStopped { .. } => clean_up_question(sim, event),
        EventKind::TasksStarted { .. } => green_question(sim, event),
        _ => None,
    }
}
