//! Service auto scaling (Application Auto Scaling, spec 5): target tracking with its managed
//! alarms, step scaling, scheduled actions, cooldowns, min/max and no scale-in during a
//! deployment.

use super::arith::{aggregate, find_step, step_capacity, target_tracking_capacity};
use super::config::{AdjustmentType, Comparison, ScalingPolicy, StepScaling, TargetTracking};
use super::event::{AlarmSide, BlockReason, EventKind, ScaleCause, StepUsed};
use super::load::Datapoints;
use super::scaling_state::{HISTORY, ScalingRuntime};
use super::simulation::Simulation;

struct Proposal {
    policy: usize,
    capacity: u32,
    /// Tasks the policy computed from.
    base: u32,
    cause: ScaleCause,
    metric: Option<f64>,
    target: Option<f64>,
    /// The result before min and max.
    computed: Option<u32>,
    step: Option<StepUsed>,
}

/// The proposal with the largest capacity (ties to the earlier policy).
fn largest(proposals: Vec<Proposal>) -> Option<Proposal> {
    proposals
        .into_iter()
        .max_by_key(|p| (p.capacity, std::cmp::Reverse(p.policy)))
}

impl Simulation {
    fn apply_proposal(&mut self, best: &Proposal, from: u32) {
        self.emit(EventKind::DesiredChanged {
            from,
            to: best.capacity,
            cause: best.cause.clone(),
            running: best.base,
            metric: best.metric,
            target: best.target,
            computed: best.computed,
            step: best.step,
        });
        self.change_desired(best.capacity);
    }

    /// The minute's alarms (Metrics phase): record the datapoints, put each policy's alarms
    /// in or out of ALARM, and note which policies fire this minute.
    pub(super) fn evaluate_scaling_alarms(&mut self, dp: Datapoints) {
        let Some(cfg) = self.cfg.scaling.clone() else {
            return;
        };
        let Some(mut rt) = self.scaling.take() else {
            return;
        };
        let model = self.cfg.model;
        rt.history.push_back(dp);
        while rt.history.len() > HISTORY {
            rt.history.pop_front();
        }
        let running = self.counts().running;
        for (i, policy) in cfg.policies.iter().enumerate() {
            let (was_high, was_low) = (rt.policies[i].high, rt.policies[i].low);
            let (high, low, value, sides) = match policy {
                ScalingPolicy::TargetTracking(tt) => {
                    let value = dp.get(tt.metric);
                    if value.is_none() && running == 0 && !rt.policies[i].no_data_reported {
                        rt.policies[i].no_data_reported = true;
                        self.emit(EventKind::InsufficientData {
                            policy: tt.name.clone(),
                            metric: tt.metric,
                        });
                    } else if value.is_some() {
                        rt.policies[i].no_data_reported = false;
                    }
                    let high = rt
                        .last(model.tt_high_datapoints, tt.metric)
                        .is_some_and(|v| v.iter().all(|x| x.is_some_and(|x| x > tt.target)));
                    let low_threshold = tt.target * model.tt_low_factor;
                    let low = !tt.disable_scale_in
                        && rt
                            .last(model.tt_low_datapoints, tt.metric)
                            .is_some_and(|v| {
                                v.iter().all(|x| x.is_some_and(|x| x < low_threshold))
                            });
                    (
                        high,
                        low,
                        value,
                        [
                            (tt.target, model.tt_high_datapoints),
                            (low_threshold, model.tt_low_datapoints),
                        ],
                    )
                }
                ScalingPolicy::Step(sp) => {
                    let breaching = rt
                        .last(sp.alarm.evaluation_periods, sp.metric)
                        .unwrap_or_default()
                        .iter()
                        .filter(|x| {
                            x.is_some_and(|x| sp.alarm.comparison.breaches(x, sp.alarm.threshold))
                        })
                        .count() as u32;
                    let in_alarm = breaching >= sp.alarm.datapoints_to_alarm;
                    let side = (sp.alarm.threshold, sp.alarm.datapoints_to_alarm);
                    match sp.alarm.comparison {
                        Comparison::Greater | Comparison::GreaterOrEqual => {
                            (in_alarm, false, dp.get(sp.metric), [side, side])
                        }
                        Comparison::Less | Comparison::LessOrEqual => {
                            (false, in_alarm, dp.get(sp.metric), [side, side])
                        }
                    }
                }
            };
            let state = &mut rt.policies[i];
            state.high = high;
            state.low = low;
            state.fire_high = high && (model.reinvoke_while_in_alarm || !was_high);
            state.fire_low = low && (model.reinvoke_while_in_alarm || !was_low);
            for ((side, now, was), (threshold, points)) in [
                (AlarmSide::High, high, was_high),
                (AlarmSide::Low, low, was_low),
            ]
            .into_iter()
            .zip(sides)
            {
                if now != was {
                    self.emit(EventKind::AlarmChanged {
                        source: policy.name().to_string(),
                        alarm: side,
                        in_alarm: now,
                        value: value.unwrap_or(0.0),
                        threshold,
                        datapoints: points,
                    });
                }
            }
        }
        self.scaling = Some(rt);
    }

    /// A target tracking policy's proposal, if it wants to move the desired count.
    fn tt_proposal(
        &self,
        i: usize,
        tt: &TargetTracking,
        rt: &ScalingRuntime,
        running: u32,
    ) -> Option<(bool, Proposal)> {
        let model = self.cfg.model;
        let (t, desired, min, max) = (self.t, self.desired, rt.min, rt.max);
        let state = &rt.policies[i];
        let value = self.last_datapoints.and_then(|dp| dp.get(tt.metric));
        let cause = ScaleCause::TargetTracking {
            policy: tt.name.clone(),
        };
        if running == 0 && desired == 0 {
            // Scale from zero [Model]: only a metric with data at zero tasks (a queue's
            // backlog, requests) can ask for it; CPU and memory have no datapoints.
            let v = value.filter(|v| *v > 0.0)?;
            if !model.tt_scale_from_zero {
                return None;
            }
            return Some((
                true,
                Proposal {
                    policy: i,
                    capacity: min.max(1).min(max),
                    base: 0,
                    cause: ScaleCause::FromZero {
                        policy: tt.name.clone(),
                    },
                    metric: Some(v),
                    target: Some(tt.target),
                    computed: None,
                    step: None,
                },
            ));
        }
        let v = value?;
        let base = if state.fire_high && t < state.out_until {
            state.out_base.min(running)
        } else {
            running
        };
        let mut raw = target_tracking_capacity(base, v, tt.target);
        if state.fire_low && !state.fire_high && !model.tt_scale_in_rounds_up {
            raw = (f64::from(base) * v / tt.target + 1e-9).floor().max(0.0) as u32;
        }
        let cap = raw.max(min).min(max);
        let proposal = Proposal {
            policy: i,
            capacity: cap,
            base,
            cause,
            metric: Some(v),
            target: Some(tt.target),
            computed: Some(raw),
            step: None,
        };
        if state.fire_high && cap > desired {
            Some((true, proposal))
        } else if state.fire_low && cap < desired {
            Some((false, proposal))
        } else {
            None
        }
    }

    /// A step policy's proposal, if its alarm fires and a step moves the desired count.
    fn step_proposal(
        &self,
        i: usize,
        sp: &StepScaling,
        rt: &ScalingRuntime,
        running: u32,
    ) -> Option<(bool, Proposal)> {
        let (t, desired, min, max) = (self.t, self.desired, rt.min, rt.max);
        let state = &rt.policies[i];
        let high_side = matches!(
            sp.alarm.comparison,
            Comparison::Greater | Comparison::GreaterOrEqual
        );
        if !(state.fire_high || state.fire_low) {
            return None;
        }
        let recent = rt
            .last(sp.alarm.evaluation_periods, sp.metric)
            .unwrap_or_default();
        let values: Vec<f64> = recent.iter().flatten().copied().collect();
        let value = aggregate(&values, sp.aggregation)?;
        let mut base = if high_side && t < state.out_until {
            state.out_base.min(running)
        } else {
            running
        };
        if desired < min {
            base = base.max(min);
        }
        if desired > max {
            base = base.min(max);
        }
        let step = find_step(&sp.steps, value - sp.alarm.threshold)?;
        let raw = step_capacity(sp, base, value)?;
        let cap = raw.clamp(i64::from(min), i64::from(max)) as u32;
        let proposal = Proposal {
            policy: i,
            capacity: cap,
            base,
            cause: ScaleCause::Step {
                policy: sp.name.clone(),
            },
            metric: Some(value),
            target: Some(sp.alarm.threshold),
            computed: Some(raw.max(0) as u32),
            step: Some(StepUsed {
                lower: step.lower,
                upper: step.upper,
                adjustment: step.adjustment,
                kind: sp.adjustment_type,
                comparison: sp.alarm.comparison,
                aggregation: sp.aggregation,
            }),
        };
        // A step's sign gives its direction; ExactCapacity goes either way.
        let sign = step.adjustment.signum();
        let exact = sp.adjustment_type == AdjustmentType::ExactCapacity;
        if cap > desired && (sign > 0 || exact) {
            Some((true, proposal))
        } else if cap < desired && (sign < 0 || exact) {
            Some((false, proposal))
        } else {
            None
        }
    }

    /// Apply the policies that fire this minute (Scaling phase): the largest scale-out wins;
    /// otherwise a scale-in, unless a cooldown, a deployment or a suspension blocks it.
    pub(super) fn autoscale(&mut self) {
        let Some(cfg) = self.cfg.scaling.clone() else {
            return;
        };
        let Some(mut rt) = self.scaling.take() else {
            return;
        };
        let t = self.t;
        let running = self.counts().running;
        let desired = self.desired;
        let mut outs: Vec<Proposal> = Vec::new();
        let mut ins: Vec<Proposal> = Vec::new();
        let mut tt_veto = false;
        for (i, policy) in cfg.policies.iter().enumerate() {
            let proposal = match policy {
                ScalingPolicy::TargetTracking(tt) => {
                    if !tt.disable_scale_in && !rt.policies[i].low {
                        tt_veto = true;
                    }
                    self.tt_proposal(i, tt, &rt, running)
                }
                ScalingPolicy::Step(sp) => self.step_proposal(i, sp, &rt, running),
            };
            match proposal {
                Some((true, p)) => outs.push(p),
                Some((false, p)) => ins.push(p),
                None => {}
            }
        }
        if cfg.suspend_scale_out {
            outs.clear();
        }
        if let Some(best) = largest(outs) {
            self.apply_proposal(&best, desired);
            // A scale-out cancels scale-in cooldowns; the winner starts its cooldown.
            for p in &mut rt.policies {
                p.in_until = p.in_until.min(t);
            }
            let winner = &mut rt.policies[best.policy];
            if t >= winner.out_until {
                winner.out_base = running;
            }
            match &cfg.policies[best.policy] {
                ScalingPolicy::TargetTracking(tt) => {
                    winner.out_until = t + u64::from(tt.scale_out_cooldown_secs);
                }
                ScalingPolicy::Step(sp) => {
                    let until = t + u64::from(sp.cooldown_secs);
                    winner.out_until = until;
                    winner.in_until = until;
                }
            }
            self.scaling = Some(rt);
            return;
        }
        if tt_veto {
            ins.retain(|p| !matches!(cfg.policies[p.policy], ScalingPolicy::TargetTracking(_)));
        }
        if ins.is_empty() {
            for p in &mut rt.policies {
                p.deployment_reported = false;
            }
            self.scaling = Some(rt);
            return;
        }
        if cfg.suspend_scale_in || self.deployment_in_progress() {
            let reason = if cfg.suspend_scale_in {
                BlockReason::Suspended
            } else {
                BlockReason::Deployment
            };
            for p in &ins {
                if !rt.policies[p.policy].deployment_reported {
                    rt.policies[p.policy].deployment_reported = true;
                    self.emit(EventKind::ScalingBlocked {
                        policy: cfg.policies[p.policy].name().to_string(),
                        wanted: p.capacity,
                        reason,
                    });
                }
            }
            self.scaling = Some(rt);
            return;
        }
        let mut allowed = Vec::new();
        for p in ins {
            let until = rt.policies[p.policy].in_until;
            if t < until {
                if rt.policies[p.policy].blocked_until_reported != until {
                    rt.policies[p.policy].blocked_until_reported = until;
                    self.emit(EventKind::ScalingBlocked {
                        policy: cfg.policies[p.policy].name().to_string(),
                        wanted: p.capacity,
                        reason: BlockReason::Cooldown {
                            remaining: until - t,
                        },
                    });
                }
            } else {
                allowed.push(p);
            }
        }
        if let Some(best) = largest(allowed) {
            self.apply_proposal(&best, desired);
            match &cfg.policies[best.policy] {
                ScalingPolicy::TargetTracking(tt) => {
                    rt.policies[best.policy].in_until = t + u64::from(tt.scale_in_cooldown_secs);
                }
                ScalingPolicy::Step(sp) => {
                    let until = t + u64::from(sp.cooldown_secs);
                    rt.policies[best.policy].out_until = until;
                    rt.policies[best.policy].in_until = until;
                }
            }
        }
        self.scaling = Some(rt);
    }

    /// Run the scheduled actions due this minute (they ignore cooldowns).
    pub(super) fn run_scheduled_actions(&mut self) {
        let Some(cfg) = self.cfg.scaling.as_ref() else {
            return;
        };
        if cfg.suspend_scheduled || cfg.scheduled.is_empty() || !self.at_wall_minute() {
            return;
        }
        let now = self.wall_time();
        let epoch = self.cfg.epoch;
        let numbering = self.cfg.model.cron_day_numbering;
        let due: Vec<_> = cfg
            .scheduled
            .iter()
            .filter(|a| {
                a.start_time.is_none_or(|s| now >= s)
                    && a.end_time.is_none_or(|e| now <= e)
                    && a.schedule.fires_at(
                        now,
                        a.start_time.unwrap_or(epoch),
                        a.start_time.is_some(),
                        numbering,
                    )
            })
            .cloned()
            .collect();
        for action in due {
            let Some(rt) = self.scaling.as_mut() else {
                return;
            };
            let min = action.min.unwrap_or(rt.min);
            let max = action.max.unwrap_or(rt.max);
            if min > max {
                self.emit(EventKind::ScheduledActionFailed {
                    name: action.name.clone(),
                    min,
                    max,
                });
                continue;
            }
            rt.min = min;
            rt.max = max;
            let from = self.desired;
            let mut to = from.clamp(min, max);
            if to < from && self.deployment_in_progress() {
                self.emit(EventKind::ScalingBlocked {
                    policy: action.name.clone(),
                    wanted: to,
                    reason: BlockReason::Deployment,
                });
                to = from;
            }
            self.emit(EventKind::ScheduledActionRan {
                name: action.name.clone(),
                min: action.min,
                max: action.max,
                from,
                to,
            });
            self.minute_scheduled.push(action.name.clone());
            if to != from {
                self.change_desired(to);
            }
        }
    }
}
