//! Questions about auto scaling decisions: target tracking, step scaling, and the capacity
//! provider adding instances. Each is posed from the minute's datapoint and alarms, the
//! numbers the visualiser's scaling header shows at that moment.

use super::{Asked, Candidate, int};
use crate::sim::event::{adjustment_text, num, step_interval};
use crate::sim::view::{adjustment_name, step_alarm, step_table};
use crate::sim::{AdjustmentType, EventKind, ScaleCause, ScalingPolicy, Simulation, StepUsed};

/// The state in words: what the scaling header shows.
pub fn situation(sim: &Simulation) -> String {
    let c = sim.counts();
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
    if let Some((metric, v)) = sim.headline_metric() {
        s.push_str(&format!("; {} this minute {}", metric.label(), num(v)));
    }
    for p in sim.providers().iter().filter(|p| p.cpr.is_some()) {
        s.push_str(&format!(
            "; capacity provider {}: {} instances, CapacityProviderReservation {} %",
            p.name,
            p.running,
            num(p.cpr.unwrap_or(100.0))
        ));
    }
    s.push('.');
    s
}

fn distance(d: f64) -> String {
    if d >= 0.0 {
        format!("{} above", num(d))
    } else {
        format!("{} below", num(-d))
    }
}

fn tt_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::DesiredChanged {
        from,
        to,
        running,
        metric: Some(m),
        target: Some(t),
        computed,
        ..
    } = event
    else {
        return None;
    };
    let (from, to, base) = (int(*from), int(*to), int(*running));
    let (m, t) = (*m, *t);
    let out = to > from;
    let alarm = if out {
        "high (scale-out)"
    } else {
        "low (scale-in)"
    };
    let exact = base as f64 * m / t;
    let running_now = int(sim.counts().running);
    let base_words = if base == running_now {
        format!("over {base} running tasks")
    } else {
        format!(
            "over {running_now} running tasks (during its scale-out cooldown the policy computes from the {base} that ran when the cooldown began)"
        )
    };
    let mut wrong = vec![
        Candidate::new(
            from,
            format!("It stays at {from} only while no alarm fires or a cooldown blocks it."),
        ),
        Candidate::new(
            exact.floor() as i64,
            if out {
                format!(
                    "{base} x {} / {} = {exact:.2}: target tracking rounds up when it adds, so it does not fall short.",
                    num(m),
                    num(t)
                )
            } else {
                format!(
                    "{base} x {} / {} = {exact:.2}: target tracking rounds up when it removes too, so it removes fewer tasks.",
                    num(m),
                    num(t)
                )
            },
        ),
    ];
    if let Some(c) = computed.map(int).filter(|c| *c != to) {
        wrong.push(Candidate::new(
            c,
            format!(
                "ceil({base} x {} / {}) = {c}, but the scalable target's {} is {to}.",
                num(m),
                num(t),
                if c > to { "maximum" } else { "minimum" }
            ),
        ));
    }
    if out {
        wrong.push(Candidate::new(
            base * 2,
            "Target tracking sizes in proportion to metric / target, it does not double.",
        ));
        wrong.push(Candidate::new(
            base + 1,
            "Target tracking is not a fixed step of one: it computes running x metric / target.",
        ));
    } else {
        wrong.push(Candidate::new(
            base - 1,
            "Scale-in is not one task at a time: it computes running x metric / target.",
        ));
    }
    bounds_and_neighbours(sim, to, &mut wrong);
    Some(Asked {
        situation: situation(sim),
        question: format!(
            "The target tracking policy's target is {}; the metric averages {} {base_words} and its {alarm} alarm has fired. What will the desired count become?",
            num(t),
            num(m)
        ),
        right: Candidate::right(to, event),
        wrong,
    })
}

fn step_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::DesiredChanged {
        from,
        to,
        cause: ScaleCause::Step { policy },
        running,
        metric: Some(value),
        step: Some(used),
        ..
    } = event
    else {
        return None;
    };
    let sp = sim
        .config()
        .scaling
        .as_ref()?
        .policies
        .iter()
        .find_map(|p| match p {
            ScalingPolicy::Step(s) if s.name == *policy => Some(s),
            _ => None,
        })?;
    let (from, to, base) = (int(*from), int(*to), int(*running));
    let (min, max) = sim
        .scaling_bounds()
        .map_or((0, i64::MAX), |(a, b)| (int(a), int(b)));
    let mut wrong = vec![Candidate::new(
        from,
        "It would stay put only if the metric fell in a step with adjustment 0.",
    )];
    for other in &sp.steps {
        if other.lower == used.lower && other.upper == used.upper {
            continue;
        }
        let c = apply(used.kind, base, other.adjustment).clamp(min, max);
        wrong.push(Candidate::new(
            c,
            format!(
                "That is the step {} ({}); {} is {} the threshold, which is the step {}.",
                step_interval(other.lower, other.upper),
                adjustment_text(sp.adjustment_type, other.adjustment),
                num(*value),
                distance(*value - sp.alarm.threshold),
                used.interval()
            ),
        ));
    }
    if used.kind == AdjustmentType::PercentChangeInCapacity {
        let raw = base as f64 * f64::from(used.adjustment) / 100.0;
        let truncated = base + raw.trunc() as i64;
        wrong.push(Candidate::new(
            truncated.clamp(min, max),
            format!(
                "{} % of {base} is {}: a percent change between 0 and 1 becomes 1 (and -1 between -1 and 0); larger ones round toward zero.",
                used.adjustment,
                num(raw)
            ),
        ));
    }
    bounds_and_neighbours(sim, to, &mut wrong);
    Some(Asked {
        situation: situation(sim),
        question: format!(
            "Step scaling policy {policy}: its alarm ({}) is in ALARM; the {} of its datapoints is {}. Steps relative to the threshold, {}: {}. What will the desired count become?",
            step_alarm(sp),
            aggregation_word(used),
            num(*value),
            adjustment_name(sp.adjustment_type),
            step_table(sp)
        ),
        right: Candidate::right(to, event),
        wrong,
    })
}

fn aggregation_word(used: &StepUsed) -> &'static str {
    match used.aggregation {
        crate::sim::Aggregation::Average => "average",
        crate::sim::Aggregation::Minimum => "minimum",
        crate::sim::Aggregation::Maximum => "maximum",
    }
}

fn apply(kind: AdjustmentType, base: i64, adjustment: i32) -> i64 {
    let adj = i64::from(adjustment);
    match kind {
        AdjustmentType::ChangeInCapacity => base + adj,
        AdjustmentType::ExactCapacity => adj,
        AdjustmentType::PercentChangeInCapacity => {
            base + crate::sim::percent_adjustment(base as f64 * adj as f64 / 100.0)
        }
    }
}

/// The scalable target's bounds and the neighbours of the right answer, as distractors.
fn bounds_and_neighbours(sim: &Simulation, to: i64, wrong: &mut Vec<Candidate>) {
    if let Some((min, max)) = sim.scaling_bounds() {
        let (min, max) = (int(min), int(max));
        wrong.push(Candidate::new(
            max,
            format!("{max} is the maximum: it bounds the result but is not reached here."),
        ));
        wrong.push(Candidate::new(
            min,
            format!("{min} is the minimum: it bounds the result but is not reached here."),
        ));
    }
    wrong.push(Candidate::new(to + 1, "One more than the policy computes."));
    wrong.push(Candidate::new(
        to - 1,
        "One fewer than the policy computes.",
    ));
}

fn instances_question(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    let EventKind::InstancesLaunched {
        provider,
        count,
        cpr,
        before,
        ..
    } = event
    else {
        return None;
    };
    let (n, before) = (int(*count), int(*before));
    let needed = sim
        .providers()
        .iter()
        .find(|p| p.name == *provider)
        .map_or(0, |p| int(p.needed));
    let wrong = vec![
        Candidate::new(
            0,
            format!(
                "CapacityProviderReservation is {} %, above the target capacity: managed scaling adds instances.",
                num(*cpr)
            ),
        ),
        Candidate::new(
            n + 1,
            "Managed scaling adds what the waiting and running tasks need (within the step sizes), not more.",
        ),
        Candidate::new(
            (n - 1).max(0),
            "Fewer would leave tasks waiting in PROVISIONING.",
        ),
        Candidate::new(before + n + 2, "Far more than the tasks need."),
    ];
    Some(Asked {
        situation: situation(sim),
        question: format!(
            "Capacity provider {provider}: CapacityProviderReservation is {} % with {before} instances ({needed} needed). How many instances will managed scaling add now?",
            num(*cpr)
        ),
        right: Candidate::right(n, event),
        wrong,
    })
}

/// A question about a scaling decision, if `event` is one.
pub fn ask(sim: &Simulation, event: &EventKind) -> Option<Asked> {
    match event {
        EventKind::DesiredChanged {
            cause: ScaleCause::TargetTracking { .. },
            ..
        } => tt_question(sim, event),
        EventKind::DesiredChanged {
            cause: ScaleCause::Step { .. },
            ..
        } => step_question(sim, event),
        EventKind::InstancesLaunched { .. } => instances_question(sim, event),
        _ => None,
    }
}
