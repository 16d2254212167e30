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

mod placement;
mod rolling;
mod scaling;
mod shift;

use crate::content::{AnswerOption, Card, CardBody, Location, Manifest, Origin, Pack, Topic};
use crate::sim::{
    BlueGreenPreset, ControllerKind, Event, EventKind, Phase, PlacementPreset, Preset,
    RollingPreset, ScalingPreset, ShiftKind, Simulation, StrategyKind,
};

/// The generated pack's id (progress on its cards is keyed on it like any pack's).
pub const PACK_ID: &str = "deckhand-predict";
/// Its one topic.
pub const TOPIC_ID: &str = "predict";

/// A question about the simulator's next decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The second of the decision.
    pub at: u64,
    /// The phase of that second that takes the decision: the simulation is paused at its
    /// start, so the screen shows exactly the state the question describes.
    pub phase: Phase,
    /// What the learner sees before choosing: the state, then the question.
    pub situation: String,
    pub question: String,
    /// Four options, one right.
    pub options: Vec<AnswerOption>,
    pub answer: usize,
    /// What the simulator did, in its own words (the decision phase's events).
    pub explanation: String,
}

/// A candidate answer: a number (or a phrase) and why it would be chosen.
pub(super) struct Candidate {
    text: String,
    why: String,
}

impl Candidate {
    fn new(n: i64, why: impl Into<String>) -> Candidate {
        Candidate {
            text: n.to_string(),
            why: why.into(),
        }
    }

    fn text(text: impl Into<String>, why: impl Into<String>) -> Candidate {
        Candidate {
            text: text.into(),
            why: why.into(),
        }
    }

    /// The right answer `n`, explained by the event that decided it.
    fn right(n: i64, event: &EventKind) -> Candidate {
        let message = Event {
            t: 0,
            kind: event.clone(),
        }
        .message();
        Candidate::new(n, format!("Right: {message}."))
    }
}

/// A question before its options are drawn: the state, the question, the right answer and
/// the wrong ones a learner gets by applying a wrong rule.
pub(super) struct Asked {
    situation: String,
    question: String,
    right: Candidate,
    wrong: Vec<Candidate>,
}

fn int(n: u32) -> i64 {
    i64::from(n)
}

/// The next question from `sim`'s current state, looking at most `horizon` seconds ahead.
/// Decisions that make no good question (a deployment starting, a steady state) are skipped.
pub fn next_prediction(sim: &Simulation, horizon: u64) -> Option<Prediction> {
    let limit = sim.time() + horizon;
    let mut probe = sim.clone();
    loop {
        let before = probe.clone();
        let (t, phase, events) = {
            let (t, phase, events) = probe.run_until_next_decision(limit)?;
            (t, phase, events.to_vec())
        };
        let mut at_decision = before;
        at_decision.run_to(t, phase);
        if let Some(p) = question(&at_decision, &events) {
            return Some(p);
        }
    }
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
        let negative = d.text.parse::<i64>().is_ok_and(|v| v < 0);
        if !negative && !out.iter().any(|o| o.text == d.text) {
            out.push(AnswerOption {
                text: d.text,
                why: d.why,
            });
        }
    }
    // Sort numeric answers (`4`, `10%`) so the order itself gives nothing away.
    let right_text = out[0].text.clone();
    let value = |text: &str| text.strip_suffix('%').unwrap_or(text).parse::<f64>().ok();
    if out.iter().all(|o| value(&o.text).is_some()) {
        out.sort_by(|a, b| {
            value(&a.text)
                .unwrap_or(0.0)
                .total_cmp(&value(&b.text).unwrap_or(0.0))
        });
    } else {
        // Phrases: the right one's place follows from the texts, not from always being first.
        let k = out
            .iter()
            .flat_map(|o| o.text.bytes())
            .fold(0usize, |h, b| {
                h.wrapping_mul(31).wrapping_add(usize::from(b))
            });
        out.rotate_right(k % 4);
    }
    let answer = out.iter().position(|o| o.text == right_text)?;
    (out.len() == 4).then_some((out, answer))
}

/// The question for a decision phase's events, posed from `sim` paused at that phase.
fn question(sim: &Simulation, events: &[Event]) -> Option<Prediction> {
    events.iter().find_map(|e| {
        // Each scenario asks about what its screen shows: scheduler decisions of a rolling
        // update, the stages and traffic of a blue/green, linear or canary deployment, or
        // the scaling decisions of an auto scaling run.
        let asked = if sim.config().scaling.is_some() {
            scaling::ask(sim, &e.kind)?
        } else if sim.config().model.explain_placement {
            placement::ask(sim, &e.kind)?
        } else if sim.config().service.traffic_shift.is_some() {
            shift::ask(sim, &e.kind)?
        } else {
            rolling::ask(sim, &e.kind)?
        };
        let (options, answer) = options(asked.right, asked.wrong)?;
        Some(Prediction {
            at: sim.time(),
            phase: sim.phase(),
            situation: asked.situation,
            question: asked.question,
            options,
            answer,
            explanation: explanation(events),
        })
    })
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
            "bluegreen-ecs-4",
            "ECS blue/green deployment: desired 4, test listener, bake time 5 minutes",
            Preset::BlueGreen(BlueGreenPreset::default()),
        ),
        (
            "linear-ecs-25-3",
            "ECS linear deployment: desired 4, 25 % every 3 minutes, bake time 5 minutes",
            Preset::BlueGreen(BlueGreenPreset {
                strategy: ShiftKind::Linear,
                step_percent: Some(25.0),
                step_minutes: Some(3),
                ..BlueGreenPreset::default()
            }),
        ),
        (
            "canary-ecs-5-10",
            "ECS canary deployment: desired 4, 5 % for 10 minutes, bake time 5 minutes",
            Preset::BlueGreen(BlueGreenPreset {
                strategy: ShiftKind::Canary,
                ..BlueGreenPreset::default()
            }),
        ),
        (
            "codedeploy-canary10-5",
            "Blue/green with CodeDeploy: CodeDeployDefault.ECSCanary10Percent5Minutes, desired 4, 5 minutes before the original task set is terminated",
            Preset::BlueGreen(BlueGreenPreset {
                controller: ControllerKind::CodeDeploy,
                codedeploy_config: Some("CodeDeployDefault.ECSCanary10Percent5Minutes".into()),
                ..BlueGreenPreset::default()
            }),
        ),
        (
            "canary-alarm-rollback",
            "ECS canary deployment of a bad release: 10 % for 10 minutes, a CloudWatch alarm (3 periods of 60 s) with rollback",
            Preset::BlueGreen(BlueGreenPreset {
                strategy: ShiftKind::Canary,
                canary_percent: Some(10.0),
                failing_release: true,
                ..BlueGreenPreset::default()
            }),
        ),
        (
            "bluegreen-hook-fails",
            "ECS blue/green deployment: a lifecycle hook at POST_TEST_TRAFFIC_SHIFT reports failure",
            Preset::BlueGreen(BlueGreenPreset {
                hook: Some("POST_TEST_TRAFFIC_SHIFT".into()),
                hook_fails: true,
                ..BlueGreenPreset::default()
            }),
        ),
        (
            "placement-spread-az",
            "Task placement: 8 tasks, the service default spread(attribute:ecs.availability-zone), an m5.large and a t3.medium in each of 3 AZs",
            Preset::Placement(PlacementPreset::default()),
        ),
        (
            "placement-binpack-memory",
            "Task placement: 8 tasks, binpack(memory), an m5.large and a t3.medium in each of 3 AZs",
            Preset::Placement(PlacementPreset {
                strategy: vec![StrategyKind::BinpackMemory],
                ..PlacementPreset::default()
            }),
        ),
        (
            "placement-distinct-instance",
            "Task placement: 8 tasks with distinctInstance on 6 instances across 3 AZs",
            Preset::Placement(PlacementPreset {
                distinct_instance: true,
                ..PlacementPreset::default()
            }),
        ),
        (
            "placement-member-of-t3",
            "Task placement: 10 tasks with memberOf(attribute:ecs.instance-type =~ t3.*), an m5.large and a t3.medium in each of 3 AZs",
            Preset::Placement(PlacementPreset {
                member_of: Some("attribute:ecs.instance-type =~ t3.*".into()),
                tasks: 10,
                ..PlacementPreset::default()
            }),
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
        sim.run_to(p.at, p.phase);
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
                sim: Some(Box::new(preset.clone())),
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
            description: "Rolling updates, blue/green, linear and canary deployments, task placement and auto scaling, decision by decision.".into(),
            weight: None,
        }],
        diagrams: Vec::new(),
        cards: cards.into(),
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
            "At 00:00: desired 10, lower limit L = 6, upper limit U = 10. Live tasks: old rev 1 10 · new rev 2 0. 10 counted healthy, 0 starting, 10 in flight toward U. Just now: deployment 2 started: revision 2 replaces revision 1; desired 10, lower limit L = 6 (rounded up), upper limit U = 10 (rounded down)."
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

    fn scenario(id: &str) -> Preset {
        scenarios()
            .into_iter()
            .find(|s| s.0 == id)
            .expect("scenario")
            .2
    }

    #[test]
    fn a_linear_deployment_asks_for_each_share_of_production_traffic() {
        let preds = predictions(&scenario("linear-ecs-25-3"), 8);
        let shares: Vec<&str> = preds
            .iter()
            .filter(|p| p.question.contains("share of production traffic"))
            .map(|p| p.options[p.answer].text.as_str())
            .collect();
        assert_eq!(shares, ["25%", "50%", "75%", "100%"]);
        // Sorted like numbers, so the right one is not always first.
        let answers: Vec<usize> = preds.iter().map(|p| p.answer).collect();
        assert!(answers.iter().any(|a| *a != 0), "{answers:?}");
        let last = preds.last().expect("questions");
        assert_eq!(last.options[last.answer].text, "ECS stops all 4 blue tasks");
    }

    #[test]
    fn a_failing_hook_or_alarm_asks_what_ecs_does() {
        for (id, cause) in [
            (
                "bluegreen-hook-fails",
                "the lifecycle hook at POST_TEST_TRAFFIC_SHIFT reports failure",
            ),
            (
                "canary-alarm-rollback",
                "the deployment's CloudWatch alarm goes into ALARM",
            ),
        ] {
            let preds = predictions(&scenario(id), 8);
            let q = preds
                .iter()
                .find(|p| p.question == "What will ECS do now?")
                .expect("a rollback question");
            assert!(q.situation.contains(cause), "{id}: {}", q.situation);
            assert_eq!(
                q.options[q.answer].text,
                "Send all traffic back to blue and remove green"
            );
        }
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
