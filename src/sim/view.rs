//! Read helpers shared by the visualiser's headers and the prediction questions, so a
//! question names the tasks and numbers exactly as the screen does: who is replacing whom
//! (the live tasks split into the ones being replaced and the ones replacing them), and the
//! minute's headline metric.

use serde::Serialize;

use super::config::{AdjustmentType, MetricKind, ModelChoices, ScalingPolicy, StepScaling};
use super::event::Role;
use super::event::{adjustment_text, clock, num, step_interval};
use super::simulation::Simulation;

/// The live tasks of the service, split by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LiveSplit {
    /// Live tasks being replaced (older revisions, or tasks on a draining instance).
    pub replaced: u32,
    /// The revision of the tasks being replaced (the newest such revision), if any.
    pub replaced_revision: Option<u32>,
    /// Live tasks of the deployment in force (being deployed, or simply running).
    pub current: u32,
    /// Its task definition revision.
    pub revision: u32,
    /// A deployment is in progress.
    pub deploying: bool,
    /// That deployment is a rollback to `revision`.
    pub rollback: bool,
}

impl LiveSplit {
    /// What the replaced tasks are called: `old rev 1`, `failed rev 2` (during a rollback)
    /// or `draining` (tasks of the current revision on a draining instance).
    pub fn replaced_label(&self) -> String {
        match self.replaced_revision {
            Some(r) if r == self.revision => "draining".to_string(),
            Some(r) if self.rollback => format!("failed rev {r}"),
            Some(r) => format!("old rev {r}"),
            None => "old".to_string(),
        }
    }

    /// What the current tasks are called: `new rev 2`, `rollback rev 1`, or `rev 1` when
    /// nothing is being deployed.
    pub fn current_label(&self) -> String {
        let r = self.revision;
        match (self.deploying, self.rollback) {
            (true, true) => format!("rollback rev {r}"),
            (true, false) => format!("new rev {r}"),
            (false, _) => format!("rev {r}"),
        }
    }

    /// The split in words, as the visualiser's header shows it: `old rev 1 6 · new rev 2 4`,
    /// or `rev 1 10` when nothing is replaced.
    pub fn summary(&self) -> String {
        if self.replaced == 0 && !self.deploying {
            format!("{} {}", self.current_label(), self.current)
        } else {
            format!(
                "{} {} · {} {}",
                self.replaced_label(),
                self.replaced,
                self.current_label(),
                self.current
            )
        }
    }
}

impl Simulation {
    /// The live tasks split by role, with the revisions involved.
    pub fn live_split(&self) -> LiveSplit {
        let dep = self.deployment();
        let deploying = self.deployment_in_progress();
        let mut split = LiveSplit {
            replaced: 0,
            replaced_revision: deploying.then_some(dep.replaces),
            current: 0,
            revision: dep.revision,
            deploying,
            rollback: dep.rollback_of.is_some() && deploying,
        };
        for task in self.tasks().iter().filter(|t| t.is_live()) {
            if self.role_of(task) == Role::Old {
                split.replaced += 1;
                split.replaced_revision.get_or_insert(task.revision);
            } else {
                split.current += 1;
            }
        }
        split
    }

    /// Whether the deployment's CloudWatch alarm is in ALARM.
    pub fn alarm_in_alarm(&self) -> bool {
        self.deployment_alarm
    }

    /// How a rolling update's failures are being detected, as the header shows it:
    /// `breaker 2/5` (failures counted and the threshold) while the circuit breaker
    /// watches, `alarm OK` or `alarm ALARM`, and `bake 02:00 left` during the bake time.
    pub fn failure_items(&self) -> Vec<String> {
        let mut items = Vec::new();
        let dep = self.deployment();
        let watching = self.deployment_in_progress() && dep.shift.is_none();
        if self.config().service.circuit_breaker.enable && watching {
            items.push(format!(
                "breaker {}/{}",
                dep.breaker_count,
                self.breaker_threshold()
            ));
        }
        if self.config().service.deployment_alarms.is_some() && dep.shift.is_none() {
            items.push(if self.deployment_alarm {
                "alarm ALARM".to_string()
            } else {
                "alarm OK".to_string()
            });
            if let Some(until) = dep.bake_until.filter(|_| watching) {
                items.push(format!(
                    "bake {} left",
                    clock(until.saturating_sub(self.time()))
                ));
            }
        }
        items
    }

    /// The metric of the first scaling policy and its latest datapoint, if any.
    pub fn headline_metric(&self) -> Option<(MetricKind, f64)> {
        let metric = self
            .config()
            .scaling
            .as_ref()?
            .policies
            .first()
            .map(ScalingPolicy::metric)?;
        Some((metric, self.datapoints()?.get(metric)?))
    }
}

/// Each step of a policy in the documented notation, in order: `[0, 10) +0 %`.
pub fn step_rows(policy: &StepScaling) -> Vec<String> {
    let mut steps = policy.steps.clone();
    steps.sort_by(|a, b| {
        a.lower
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&b.lower.unwrap_or(f64::NEG_INFINITY))
    });
    steps
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                step_interval(s.lower, s.upper),
                adjustment_text(policy.adjustment_type, s.adjustment)
            )
        })
        .collect()
}

/// The step table of a policy on one line, e.g. `[0, 10) +0 %, [10, 20) +10 %, [20, ∞) +30 %`.
pub fn step_table(policy: &StepScaling) -> String {
    step_rows(policy).join(", ")
}

/// The alarm of a step policy in words, e.g. `CPU % > 50 for 3 of 3 minutes`.
pub fn step_alarm(policy: &StepScaling) -> String {
    format!(
        "{} {} {} for {} of {} minutes",
        policy.metric.label(),
        policy.alarm.comparison.symbol(),
        num(policy.alarm.threshold),
        policy.alarm.datapoints_to_alarm,
        policy.alarm.evaluation_periods
    )
}

/// The AWS name of an adjustment type.
pub fn adjustment_name(kind: AdjustmentType) -> &'static str {
    match kind {
        AdjustmentType::ChangeInCapacity => "ChangeInCapacity",
        AdjustmentType::ExactCapacity => "ExactCapacity",
        AdjustmentType::PercentChangeInCapacity => "PercentChangeInCapacity",
    }
}

/// One scaling policy in words: what it watches and how it acts.
pub fn describe_policy(policy: &ScalingPolicy, model: &ModelChoices) -> String {
    match policy {
        ScalingPolicy::TargetTracking(tt) => format!(
            "{}: target tracking on {}, target {} (scale-out after {} datapoints above it, scale-in after {} below {}{})",
            tt.name,
            tt.metric.name(),
            num(tt.target),
            model.tt_high_datapoints,
            model.tt_low_datapoints,
            num(tt.target * model.tt_low_factor),
            if tt.disable_scale_in {
                "; scale-in disabled"
            } else {
                ""
            }
        ),
        ScalingPolicy::Step(sp) => format!(
            "{}: step scaling, alarm {}; {} steps {}",
            sp.name,
            step_alarm(sp),
            adjustment_name(sp.adjustment_type),
            step_table(sp)
        ),
    }
}
