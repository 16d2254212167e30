//! "Predict the next step": questions generated from the simulator at its decision points.
//!
//! [`next_prediction`] runs a copy of a [`Simulation`] to its next decision (ECS stopping or
//! starting tasks, auto scaling changing the desired count, the capacity provider adding
//! instances, a deployment getting stuck) and turns it into a four-option question whose
//! right answer is what the simulator then does, and whose wrong answers are the numbers a
//! learner gets by applying the wrong rule, each explained.
//!
//! [`generated_pack`] does this over a fixed set of scenarios and makes the questions cards of
//! a generated pack, so that they are scheduled like any other card and come back in reviews.

use crate::content::{AnswerOption, Card, CardBody, Location, Manifest, Origin, Pack, Topic};
use crate::sim::{
    Event, EventKind, Preset, RollingPreset, ScaleCause, ScalingPreset, Simulation, StartLimit,
    clock,
};

/// The generated pack's id (progress on its cards is keyed on it like any pack's).
pub const PACK_ID: &str = "deckhand-predict";
/// Its one topic.
pub const TOPIC_ID: &str = "predict";

/// A question about the simulator's next decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The second of the decision: the simulation is paused here, before stepping it.
    pub at: u64,
    /// What the learner sees before choosing: the state, then the question.
    pub situation: String,
    pub question: String,
    /// Four options, one right.
    pub options: Vec<AnswerOption>,
    pub answer: usize,
    /// What the simulator did, in its own words (the decision tick's events).
    pub explanation: String,
}

/// A candidate answer: a number (or a phrase) and why it would be chosen.
struct Candidate {
    text: String,
    why: String,
}

/// The next question from `sim`'s current state, looking at most `horizon` seconds ahead.
/// Decisions that make no good question (a deployment starting, a steady state) are skipped.
pub fn next_prediction(sim: &Simulation, horizon: u64) -> Option<Prediction> {
    let limit = sim.time() + horizon;
    let mut probe = sim.clone();
    loop {
        let before = probe.clone();
        let events: Vec<Event> = probe.run_until_next_decision(limit).to_vec();
        let first = events.first()?;
        let mut at_decision = before;
        at_decision.run_until(first.t);
        if let Some(p) = question(&at_decision, &events) {
            return Some(p);
        }
    }
}

/// The state in words at the decision: the counts before the tick, then what already
/// happened in that tick before the scheduler acted (a deployment starting, tasks becoming
/// healthy), so the learner has every number the decision rests on.
fn situation(sim: &Simulation, events: &[Event]) -> String {
    let c = sim.counts();
    let scaling = events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::DesiredChanged { .. } | EventKind::InstancesLaunched { .. }
        )
    });
    if scaling {
        let mut s = format!(
            "At minute {}: desired {}, {} tasks running",
            sim.time() / 60,
            c.desired,
            c.running
        );
        if let Some((min, max)) = sim.scaling_bounds() {
            s.push_str(&format!(" (minimum {min}, maximum {max})"));
        }
        if c.waiting > 0 {
            s.push_str(&format!(", {} waiting for capacity", c.waiting));
        }
        s.push('.');
        return s;
    }
    let mut s = format!(
        "At {}: desired {}, lower limit L = {}, upper limit U = {}. ",
        clock(sim.time()),
        c.desired,
        c.lower,
        c.upper
    );
    let starting = events
        .iter()
        .any(|e| matches!(e.kind, EventKind::DeploymentStarted { .. }));
    if starting {
        s.push_str(&format!(
            "A new revision is being deployed now; the {} tasks of the current revision are live and {} of them healthy.",
            c.old_live + c.new_live,
            c.healthy
        ));
    } else {
        s.push_str(&format!(
            "{} old and {} new tasks are live; {} counted healthy, {} starting, {} in flight toward U.",
            c.old_live, c.new_live, c.healthy, c.pending, c.in_flight
        ));
        for e in events {
            if let EventKind::TasksHealthy { .. } = e.kind {
                s.push_str(&format!(" Just now: {}.", e.message()));
            }
        }
    }
    if c.waiting > 0 {
        s.push_str(&format!(" {} tasks wait for capacity.", c.waiting));
    }
    s
}

fn explanation(events: &[Event]) -> String {
    events
        .iter()
        .filter(|e| e.is_decision())
        .map(|e| e.message())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Four options: the right one and the first three distinct distractors, in a fixed order
/// (the card screen shuffles them).
fn options(right: Candidate, distractors: Vec<Candidate>) -> Option<(Vec<AnswerOption>, usize)> {
    let mut out = vec![AnswerOption {
        text: right.text,
        why: right.why,
    }];
    for d in distractors {
        if out.len() == 4 {
            break;
        }
        if !out.iter().any(|o| o.text == d.text) {
            out.push(AnswerOption {
                text: d.text,
                why: d.why,
            });
        }
    }
    // Sort numeric answers so the order itself gives nothing away.
    let right_text = out[0].text.clone();
    if out.iter().all(|o| o.text.parse::<i64>().is_ok()) {
        out.sort_by_key(|o| o.text.parse::<i64>().unwrap_or(0));
    }
    let answer = out.iter().position(|o| o.text == right_text)?;
    (out.len() == 4).then_some((out, answer))
}

fn num(n: i64) -> String {
    n.to_string()
}

fn question(sim: &Simulation, events: &[Event]) -> Option<Prediction> {
    let c = sim.counts();
    let (d, l, u) = (i64::from(c.desired), i64::from(c.lower), i64::from(c.upper));
    let h = i64::from(c.healthy);
    let explanation = explanation(events);
    let make = |question: String, right: Candidate, distractors: Vec<Candidate>| {
        let (opts, answer) = options(right, distractors)?;
        Some(Prediction {
            at: sim.time(),
            situation: situation(sim, events),
            question,
            options: opts,
            answer,
            explanation: explanation.clone(),
        })
    };
    for event in events {
        match &event.kind {
            EventKind::OldTasksStopped {
                count,
                unhealthy,
                healthy_after,
                old_left,
                ..
            } => {
                let n = i64::from(*count);
                let old = i64::from(*old_left) + n;
                // H just before the stop (unhealthy ones do not count toward it).
                let h = i64::from(*healthy_after) + n - i64::from(*unhealthy);
                let mut wrong = vec![
                    Candidate {
                        text: num(l),
                        why: format!(
                            "{l} is the lower limit L: how many healthy tasks must stay, not how many stop."
                        ),
                    },
                    Candidate {
                        text: num(old),
                        why: format!(
                            "Stopping all {old} old tasks at once would leave {} healthy, below L = {l}.",
                            (h - old).max(0)
                        ),
                    },
                    Candidate {
                        text: num(u - l),
                        why: format!(
                            "U - L = {} bounds a round's starts from a settled state; stops are bounded by H - L = {} and the old tasks left ({old}).",
                            u - l,
                            h - l
                        ),
                    },
                    Candidate {
                        text: "0".into(),
                        why: format!(
                            "None would stop only if the {h} healthy tasks were all needed for L = {l}."
                        ),
                    },
                    Candidate {
                        text: num(n + 1),
                        why: if n + 1 > old {
                            format!("There are only {old} old tasks to stop.")
                        } else {
                            format!("One more would leave {} healthy, below L = {l}.", h - n - 1)
                        },
                    },
                    Candidate {
                        text: num(d),
                        why: format!(
                            "{d} is the desired count; stopping that many would leave nothing serving."
                        ),
                    },
                ];
                wrong.retain(|w| w.text.parse::<i64>().is_ok_and(|v| v >= 0 && v != n));
                return make(
                    "How many old tasks will ECS stop now?".into(),
                    Candidate {
                        text: num(n),
                        why: format!("Right: {}.", event.message()),
                    },
                    wrong,
                );
            }
            EventKind::TasksStarted {
                count,
                in_flight_after,
                upper,
                live_after,
                desired,
                limit,
                ..
            } => {
                let n = i64::from(*count);
                let (u, d) = (i64::from(*upper), i64::from(*desired));
                let in_flight = i64::from(*in_flight_after) - n;
                let room = u - in_flight;
                let missing = d - (i64::from(*live_after) - n);
                // What really capped this batch, in words, for the wrong answers above it.
                let cap = match limit {
                    StartLimit::Capacity => format!("the cluster has room for only {n} more tasks"),
                    StartLimit::Upper => {
                        format!("only {room} fit under U = {u} with {in_flight} in flight")
                    }
                    StartLimit::Desired | StartLimit::None => {
                        format!("only {missing} tasks are missing")
                    }
                };
                let mut wrong = vec![
                    Candidate {
                        text: num(missing),
                        why: format!("{missing} tasks are still missing, but {cap}."),
                    },
                    Candidate {
                        text: num(room),
                        why: format!(
                            "{room} is the room under U = {u} ({in_flight} in flight), but {cap}."
                        ),
                    },
                    Candidate {
                        text: num(d),
                        why: format!("{d} is the desired count, but {cap}."),
                    },
                    Candidate {
                        text: num(u - l),
                        why: format!(
                            "U - L = {} is the round size from a settled state, not a fixed batch.",
                            u - l
                        ),
                    },
                    Candidate {
                        text: "0".into(),
                        why: format!(
                            "Nothing would start only with no room under U = {u} or no free capacity."
                        ),
                    },
                    Candidate {
                        text: num(n + 1),
                        why: format!("One more is not possible: {cap}."),
                    },
                ];
                wrong.retain(|w| w.text.parse::<i64>().is_ok_and(|v| v >= 0 && v != n));
                return make(
                    "How many tasks will ECS start now?".into(),
                    Candidate {
                        text: num(n),
                        why: format!("Right: {}.", event.message()),
                    },
                    wrong,
                );
            }
            EventKind::DesiredChanged {
                from,
                to,
                cause,
                running,
                metric,
                target,
            } => {
                let (from, to, running) = (i64::from(*from), i64::from(*to), i64::from(*running));
                let bounds = sim.scaling_bounds();
                let mut wrong = vec![Candidate {
                    text: num(from),
                    why: format!(
                        "It stays at {from} only while no alarm fires or a cooldown blocks it."
                    ),
                }];
                let mut q = "What will the desired count become?".to_string();
                if let (ScaleCause::TargetTracking { .. }, Some(m), Some(t)) =
                    (cause, metric, target)
                {
                    let exact = running as f64 * m / t;
                    let out = to > from;
                    let alarm = if out {
                        "high (scale-out)"
                    } else {
                        "low (scale-in)"
                    };
                    q = format!(
                        "The target tracking policy's target is {t:.0}; the metric averages {m:.1} over {running} running tasks and its {alarm} alarm has fired. What will the desired count become?"
                    );
                    wrong.push(Candidate {
                        text: num(exact.floor() as i64),
                        why: if out {
                            format!("{running} x {m:.1} / {t:.0} = {exact:.2}: target tracking rounds up when it adds, so it does not fall short.")
                        } else {
                            format!("{running} x {m:.1} / {t:.0} = {exact:.2}: target tracking rounds up when it removes too, so it removes fewer tasks.")
                        },
                    });
                    if out {
                        wrong.push(Candidate {
                            text: num(running * 2),
                            why: "Target tracking sizes in proportion to metric / target, it does not double.".into(),
                        });
                        wrong.push(Candidate {
                            text: num(running + 1),
                            why: "Target tracking is not a fixed step of one: it computes running x metric / target.".into(),
                        });
                    } else {
                        wrong.push(Candidate {
                            text: num(running - 1),
                            why: "Scale-in is not one task at a time: it computes running x metric / target.".into(),
                        });
                    }
                }
                if let Some((min, max)) = bounds {
                    let (min, max) = (i64::from(min), i64::from(max));
                    if to != max {
                        wrong.push(Candidate { text: num(max), why: format!("{max} is the maximum: it bounds the result but is not reached here.") });
                    }
                    if to != min {
                        wrong.push(Candidate { text: num(min), why: format!("{min} is the minimum: it bounds the result but is not reached here.") });
                    }
                }
                wrong.push(Candidate {
                    text: num(to + 1),
                    why: "One more than the policy computes.".into(),
                });
                wrong.push(Candidate {
                    text: num(to - 1),
                    why: "One fewer than the policy computes.".into(),
                });
                wrong.retain(|w| w.text.parse::<i64>().is_ok_and(|v| v >= 0 && v != to));
                return make(
                    q,
                    Candidate {
                        text: num(to),
                        why: format!("Right: {}.", event.message()),
                    },
                    wrong,
                );
            }
            EventKind::InstancesLaunched {
                count, cpr, before, ..
            } => {
                let (n, before) = (i64::from(*count), i64::from(*before));
                let wrong = vec![
                    Candidate {
                        text: "0".into(),
                        why: format!("CapacityProviderReservation is {cpr:.0} %, above the target capacity: managed scaling adds instances."),
                    },
                    Candidate {
                        text: num(n + 1),
                        why: "Managed scaling adds what the waiting and running tasks need (within the step sizes), not more.".into(),
                    },
                    Candidate {
                        text: num((n - 1).max(0)),
                        why: "Fewer would leave tasks waiting in PROVISIONING.".into(),
                    },
                    Candidate { text: num(before + n + 2), why: "Far more than the tasks need.".into() },
                ];
                let wrong = wrong.into_iter().filter(|w| w.text != num(n)).collect();
                return make(
                    format!(
                        "The capacity provider's reservation is {cpr:.0} % with {before} instances. How many instances will managed scaling add now?"
                    ),
                    Candidate {
                        text: num(n),
                        why: format!("Right: {}.", event.message()),
                    },
                    wrong,
                );
            }
            EventKind::DeploymentStuck { .. } => {
                let wrong = vec![
                    Candidate {
                        text: "Stop one old task, then start a new one".into(),
                        why: format!("Stopping one would leave {} healthy, below L = {l}.", h - 1),
                    },
                    Candidate {
                        text: "Start one new task before stopping old ones".into(),
                        why: format!(
                            "Starting one would put {} in flight, above U = {u}.",
                            i64::from(c.in_flight) + 1
                        ),
                    },
                    Candidate {
                        text: "Replace every task at once".into(),
                        why: "That ignores both limits; a rolling update never does it.".into(),
                    },
                ];
                return make(
                    "What will ECS do next?".into(),
                    Candidate {
                        text: "Nothing: the deployment is stuck".into(),
                        why: format!("Right: {}.", event.message()),
                    },
                    wrong,
                );
            }
            _ => {}
        }
    }
    None
}

/// The scenarios the generated pack asks about, with stable ids.
pub fn scenarios() -> Vec<(&'static str, &'static str, Preset)> {
    let rolling = |desired: u32, min: u32, max: u32| RollingPreset {
        desired,
        min_healthy: Some(min),
        max_percent: Some(max),
        ..RollingPreset::default()
    };
    vec![
        (
            "rolling-10-60-100",
            "Rolling update: desired 10, minimum healthy 60 %, maximum 100 % (Fargate)",
            Preset::Rolling(rolling(10, 60, 100)),
        ),
        (
            "rolling-4-50-200",
            "Rolling update: desired 4, minimum healthy 50 %, maximum 200 % (Fargate)",
            Preset::Rolling(rolling(4, 50, 200)),
        ),
        (
            "rolling-6-100-200-cap8",
            "Rolling update: desired 6, minimum healthy 100 %, maximum 200 %, an EC2 cluster with room for 8 tasks",
            Preset::Rolling(RollingPreset {
                capacity: Some(8),
                launch_type: Some(crate::sim::LaunchType::Ec2),
                ..rolling(6, 100, 200)
            }),
        ),
        (
            "rolling-1-0-100",
            "Rolling update: desired 1, minimum healthy 0 %, maximum 100 % (Fargate)",
            Preset::Rolling(rolling(1, 0, 100)),
        ),
        (
            "rolling-4-100-100",
            "Rolling update: desired 4, minimum healthy 100 %, maximum 100 % (Fargate)",
            Preset::Rolling(rolling(4, 100, 100)),
        ),
        (
            "scaling-tt50-spike",
            "Service auto scaling: target tracking at 50 % CPU, a load spike (Fargate)",
            Preset::Scaling(ScalingPreset::default()),
        ),
    ]
}

/// The predictions of a whole scenario run, in order (at most `max`).
pub fn predictions(preset: &Preset, max: usize) -> Vec<Prediction> {
    let Ok(mut sim) = Simulation::from_preset(preset) else {
        return Vec::new();
    };
    let horizon = preset.duration_secs();
    let mut out = Vec::new();
    while out.len() < max {
        let Some(p) = next_prediction(&sim, horizon.saturating_sub(sim.time())) else {
            break;
        };
        sim.run_until(p.at);
        sim.step();
        out.push(p);
    }
    out
}

/// The card id of prediction `index` of scenario `scenario`.
pub fn card_id(scenario: &str, index: usize) -> String {
    format!("{scenario}-q{}", index + 1)
}

/// The scenario id of `preset`, if it is one of [`scenarios`].
pub fn scenario_of(preset: &Preset) -> Option<&'static str> {
    scenarios()
        .into_iter()
        .find(|(_, _, p)| p == preset)
        .map(|(id, _, _)| id)
}

/// The generated pack: every prediction of every scenario as a choice card.
pub fn generated_pack() -> Pack {
    let mut cards = Vec::new();
    let file: std::sync::Arc<str> = "(generated by the simulator)".into();
    for (id, title, preset) in scenarios() {
        for (i, p) in predictions(&preset, 8).into_iter().enumerate() {
            cards.push(Card {
                id: card_id(id, i),
                topic: TOPIC_ID.into(),
                tags: vec!["simulator".into(), "predict".into()],
                refs: vec!["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html".into()],
                explain: format!("{title}. The simulator then did this: {}", p.explanation),
                diagram: None,
                diagram_after: false,
                replaces: Vec::new(),
                sim: Some(preset.clone()),
                body: CardBody::Choice {
                    question: format!("{title}.\n{}\n{}", p.situation, p.question),
                    options: p.options,
                    answer: p.answer,
                },
                location: Location { file: file.clone(), line: 0 },
            });
        }
    }
    Pack {
        manifest: Manifest {
            id: PACK_ID.into(),
            title: "Simulator: predict the next step".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            description: "Questions generated from the ECS simulator's decisions.".into(),
            authors: vec!["deckhand".into()],
            license: String::new(),
            options: Default::default(),
        },
        topics: vec![Topic {
            id: TOPIC_ID.into(),
            title: "Predict the simulator's next step".into(),
            description: "Rolling updates and auto scaling, decision by decision.".into(),
            weight: None,
        }],
        diagrams: Vec::new(),
        cards,
        exams: Vec::new(),
        origin: Origin::Generated,
        files: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_example_asks_for_batches_4_4_2() {
        let (_, _, preset) = &scenarios()[0];
        let preds = predictions(preset, 8);
        let stops: Vec<&str> = preds
            .iter()
            .filter(|p| p.question.contains("stop"))
            .map(|p| p.options[p.answer].text.as_str())
            .collect();
        assert_eq!(stops, ["4", "4", "2"]);
        for p in &preds {
            assert_eq!(p.options.len(), 4, "{p:?}");
            let texts: std::collections::HashSet<&str> =
                p.options.iter().map(|o| o.text.as_str()).collect();
            assert_eq!(texts.len(), 4);
            assert!(p.options[p.answer].why.starts_with("Right: "));
        }
        assert_eq!(
            preds[0].situation,
            "At 00:00: desired 10, lower limit L = 6, upper limit U = 10. A new revision is being deployed now; the 10 tasks of the current revision are live and 10 of them healthy."
        );
    }

    #[test]
    fn the_deadlock_is_a_question_too() {
        let preset = scenarios()
            .into_iter()
            .find(|s| s.0 == "rolling-4-100-100")
            .expect("scenario")
            .2;
        let preds = predictions(&preset, 8);
        let last = preds.last().expect("a question");
        assert_eq!(
            last.options[last.answer].text,
            "Nothing: the deployment is stuck"
        );
    }

    #[test]
    fn target_tracking_asks_for_the_new_desired_count() {
        let preset = scenarios()
            .into_iter()
            .find(|s| s.0 == "scaling-tt50-spike")
            .expect("scenario")
            .2;
        let preds = predictions(&preset, 8);
        let first = preds
            .iter()
            .find(|p| p.question.starts_with("The target tracking policy"))
            .expect("a scaling question");
        assert!(
            first.explanation.contains("desired"),
            "{}",
            first.explanation
        );
    }

    #[test]
    fn the_generated_pack_is_reproducible_and_keyed_by_scenario() {
        let a = generated_pack();
        let b = generated_pack();
        assert_eq!(a.cards, b.cards);
        assert!(a.cards.len() >= 10, "{} cards", a.cards.len());
        assert!(a.card("rolling-10-60-100-q1").is_some());
        assert_eq!(scenario_of(&scenarios()[1].2), Some("rolling-4-50-200"));
    }
}
