//! The visualiser's parameters: the fields of each tab (label, value, and what the value
//! implies, such as the limits L and U), and changing the selected one.

use super::visual::{Tab, Visual};
use crate::sim::preset;
use crate::sim::view::{adjustment_name, step_alarm, step_rows};
use crate::sim::{
    AdjustmentKind, BrokenImage, LaunchType, LoadKind, MetricKind, PolicyKind, ScalingPolicy,
    ThresholdKind, breaker_threshold,
};

/// One row of the Parameters panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    /// What the value implies, shown after it (e.g. `L = 6`).
    pub note: Option<String>,
    /// False when the field does not apply to the other settings (shown, not changeable).
    pub enabled: bool,
}

pub(super) fn field(label: &'static str, value: impl Into<String>) -> Field {
    Field {
        label,
        value: value.into(),
        note: None,
        enabled: true,
    }
}

pub(super) fn off_field(label: &'static str) -> Field {
    Field {
        label,
        value: "-".into(),
        note: None,
        enabled: false,
    }
}

pub(super) fn on(b: bool) -> String {
    if b { "on" } else { "off" }.to_string()
}

/// A metric's short name in the form.
pub fn metric_word(m: MetricKind) -> &'static str {
    match m {
        MetricKind::Cpu => "CPU %",
        MetricKind::Memory => "memory %",
        MetricKind::Requests => "requests per target",
        MetricKind::Backlog => "SQS backlog per task",
    }
}

/// Step `v` by `by` within `lo..=hi`.
pub(super) fn step(v: u32, by: i32, lo: u32, hi: u32) -> u32 {
    (i64::from(v) + i64::from(by)).clamp(i64::from(lo), i64::from(hi)) as u32
}

/// The next of `all` after (or before) `current`, wrapping around.
pub(super) fn cycle<T: Copy + PartialEq>(all: &[T], current: T, delta: i32) -> T {
    let at = all.iter().position(|x| *x == current).unwrap_or(0) as i32;
    all[(at + delta).rem_euclid(all.len() as i32) as usize]
}

impl Visual {
    /// The fields of the tab shown.
    pub fn fields(&self) -> Vec<Field> {
        match self.tab {
            Tab::Rolling => self.rolling_fields(),
            Tab::Scaling => self.scaling_fields(),
            Tab::BlueGreen => self.shift_fields(),
            Tab::Placement => self.placement_fields(),
        }
    }

    fn rolling_fields(&self) -> Vec<Field> {
        let r = &self.rolling;
        let (d, l, u) = self.sim.limits();
        let ec2 = r.launch_type == Some(LaunchType::Ec2);
        let lb = r.load_balancer;
        let interval = r.health_check_secs.unwrap_or(30);
        let threshold = r.healthy_threshold.unwrap_or(5);
        let mut min = field(
            "minimum healthy %",
            r.min_healthy.unwrap_or(100).to_string(),
        );
        min.note = Some(format!("L = {l}"));
        let mut max = field("maximum %", r.max_percent.unwrap_or(200).to_string());
        max.note = Some(format!("U = {u}"));
        let cb = r.circuit_breaker || r.rollback;
        let kind = r.breaker_threshold_type.unwrap_or_default();
        let value = r.breaker_threshold.unwrap_or(50);
        let mut breaker = field(
            "breaker threshold",
            match kind {
                ThresholdKind::Count => value.to_string(),
                _ => format!("{value} %"),
            },
        );
        breaker.enabled = cb;
        breaker.note = Some(format!(
            "T = {}",
            breaker_threshold(preset::threshold(kind, value), d, false, true)
        ));
        let mut kind_field = field("threshold type", kind.to_string());
        kind_field.enabled = cb;
        let alarms = r.alarms;
        let periods = r.alarm_periods.unwrap_or(3);
        let mut periods_field = field("alarm periods", format!("{periods} × 60 s"));
        periods_field.enabled = alarms;
        periods_field.note = alarms.then(|| format!("bake {} s", periods * 60));
        let health = if lb {
            let mut f = field("LB check interval", format!("{interval} s"));
            f.note = Some(format!("× {threshold} = {} s", interval * threshold));
            f
        } else {
            off_field("LB check interval")
        };
        vec![
            field("desired count", d.to_string()),
            min,
            max,
            field("launch type", if ec2 { "EC2" } else { "Fargate" }),
            if ec2 {
                field(
                    "cluster room (tasks)",
                    r.capacity.unwrap_or(r.desired * 2).to_string(),
                )
            } else {
                let mut f = off_field("cluster room (tasks)");
                f.value = "unlimited".into();
                f
            },
            field("load balancer", on(lb)),
            health,
            if lb {
                field("healthy threshold", threshold.to_string())
            } else {
                off_field("healthy threshold")
            },
            if lb {
                field(
                    "deregistration delay",
                    format!("{} s", r.dereg_delay_secs.unwrap_or(300)),
                )
            } else {
                off_field("deregistration delay")
            },
            field("container check", on(r.container_check)),
            field(
                "app ready after",
                format!("{} s", r.app_ready_secs.unwrap_or(0)),
            ),
            field("grace period", format!("{} s", r.grace_secs.unwrap_or(0))),
            field(
                "broken image",
                match r.broken_image {
                    BrokenImage::None => "off",
                    BrokenImage::Start => "fails to start",
                    BrokenImage::Health => "fails health checks",
                },
            ),
            field("circuit breaker", on(r.circuit_breaker)),
            breaker,
            field("rollback", on(r.rollback)),
            kind_field,
            field("deployment alarm", on(alarms)),
            periods_field,
            if alarms {
                field("failing release", on(r.failing_release))
            } else {
                off_field("failing release")
            },
            if alarms {
                field("alarm rollback", on(r.alarm_rollback.unwrap_or(true)))
            } else {
                off_field("alarm rollback")
            },
        ]
    }

    fn scaling_fields(&self) -> Vec<Field> {
        let s = &self.scaling;
        let ec2 = s.launch_type == LaunchType::Ec2;
        let step_policy = s.policy == PolicyKind::Step;
        vec![
            field("policy", s.policy.to_string()),
            field("metric", metric_word(s.metric.unwrap_or_default())),
            field(
                if step_policy {
                    "alarm threshold"
                } else {
                    "target"
                },
                format!("{:.0}", s.target),
            ),
            if step_policy {
                field("adjustment type", s.adjustment.to_string())
            } else {
                off_field("adjustment type")
            },
            field("load", s.load.to_string()),
            field("minimum tasks", s.min.unwrap_or(1).to_string()),
            field("maximum tasks", s.max.unwrap_or(20).to_string()),
            field(
                "scale-in",
                if s.disable_scale_in {
                    "disabled"
                } else {
                    "enabled"
                },
            ),
            field(
                "launch type",
                if ec2 { "EC2 (ASG provider)" } else { "Fargate" },
            ),
            if ec2 {
                field("instances", s.instances.unwrap_or(2).to_string())
            } else {
                off_field("instances")
            },
            if ec2 {
                field(
                    "target capacity %",
                    s.target_capacity.unwrap_or(100).to_string(),
                )
            } else {
                off_field("target capacity %")
            },
            field("minutes", s.minutes.unwrap_or(60).to_string()),
        ]
    }

    /// The step policies in words, one row each: its alarm, its adjustment type, then
    /// each step (shown under the fields of the Parameters panel).
    pub fn policy_notes(&self) -> Vec<Vec<String>> {
        let Some(scaling) = &self.sim.config().scaling else {
            return Vec::new();
        };
        scaling
            .policies
            .iter()
            .filter_map(|p| match p {
                ScalingPolicy::Step(sp) => {
                    let mut rows = vec![
                        format!("{}: alarm {}", sp.name, step_alarm(sp)),
                        format!("  {}:", adjustment_name(sp.adjustment_type)),
                    ];
                    rows.extend(step_rows(sp).into_iter().map(|r| format!("  {r}")));
                    Some(rows)
                }
                ScalingPolicy::TargetTracking(_) => None,
            })
            .collect()
    }

    /// Change the selected field by `delta` steps (←/→), then restart.
    pub fn change(&mut self, delta: i32) {
        let changed = match self.tab {
            Tab::Rolling => self.change_rolling(delta),
            Tab::Scaling => self.change_scaling(delta),
            Tab::BlueGreen => self.change_shift(delta),
            Tab::Placement => self.change_placement(delta),
        };
        if changed {
            self.restart();
        }
    }

    fn change_rolling(&mut self, delta: i32) -> bool {
        let r = &mut self.rolling;
        let ec2 = r.launch_type == Some(LaunchType::Ec2);
        let lb = r.load_balancer;
        let cb = r.circuit_breaker || r.rollback;
        match self.field {
            0 => r.desired = step(r.desired, delta, 0, 100),
            1 => r.min_healthy = Some(step(r.min_healthy.unwrap_or(100), delta * 10, 0, 100)),
            2 => r.max_percent = Some(step(r.max_percent.unwrap_or(200), delta * 10, 100, 400)),
            3 => {
                r.launch_type = Some(if ec2 {
                    LaunchType::Fargate
                } else {
                    LaunchType::Ec2
                });
                r.capacity = if ec2 { None } else { Some(r.desired * 2) };
                r.instances = None;
                r.reserved_memory = None;
            }
            4 if ec2 => r.capacity = Some(step(r.capacity.unwrap_or(r.desired * 2), delta, 1, 400)),
            5 => {
                r.load_balancer = !lb;
                if lb {
                    r.health_check_secs = None;
                    r.healthy_threshold = None;
                    r.unhealthy_threshold = None;
                    r.dereg_delay_secs = None;
                }
            }
            6 if lb => {
                r.health_check_secs =
                    Some(step(r.health_check_secs.unwrap_or(30), delta * 5, 5, 300))
            }
            7 if lb => {
                r.healthy_threshold = Some(step(r.healthy_threshold.unwrap_or(5), delta, 2, 10))
            }
            8 if lb => {
                r.dereg_delay_secs =
                    Some(step(r.dereg_delay_secs.unwrap_or(300), delta * 30, 0, 3600))
            }
            9 => r.container_check = !r.container_check,
            10 => r.app_ready_secs = Some(step(r.app_ready_secs.unwrap_or(0), delta * 30, 0, 900)),
            11 => r.grace_secs = Some(step(r.grace_secs.unwrap_or(0), delta * 30, 0, 3600)),
            12 => {
                let all = [BrokenImage::None, BrokenImage::Start, BrokenImage::Health];
                r.broken_image = cycle(&all, r.broken_image, delta);
            }
            13 => {
                r.circuit_breaker = !r.circuit_breaker;
                if !r.circuit_breaker {
                    r.rollback = false;
                    r.breaker_threshold = None;
                    r.breaker_threshold_type = None;
                }
            }
            14 if cb => {
                let v = r.breaker_threshold.unwrap_or(50);
                r.breaker_threshold = Some(match r.breaker_threshold_type.unwrap_or_default() {
                    ThresholdKind::Count => step(v, delta, 1, 200),
                    _ => step(v, delta * 10, 10, 100),
                });
            }
            15 => {
                r.rollback = !r.rollback;
                if r.rollback {
                    r.circuit_breaker = true;
                }
            }
            16 if cb => {
                let all = [
                    ThresholdKind::BoundedPercent,
                    ThresholdKind::UnboundedPercent,
                    ThresholdKind::Count,
                ];
                let kind = cycle(&all, r.breaker_threshold_type.unwrap_or_default(), delta);
                r.breaker_threshold_type = Some(kind);
                r.breaker_threshold = Some(match kind {
                    ThresholdKind::Count => 3,
                    _ => 50,
                });
            }
            17 => {
                r.alarms = !r.alarms;
                if !r.alarms {
                    r.alarm_periods = None;
                    r.alarm_rollback = None;
                    r.failing_release = false;
                }
            }
            18 if r.alarms => {
                r.alarm_periods = Some(step(r.alarm_periods.unwrap_or(3), delta, 1, 10))
            }
            19 if r.alarms => r.failing_release = !r.failing_release,
            20 if r.alarms => r.alarm_rollback = Some(!r.alarm_rollback.unwrap_or(true)),
            _ => return false,
        }
        true
    }

    fn change_scaling(&mut self, delta: i32) -> bool {
        let s = &mut self.scaling;
        let ec2 = s.launch_type == LaunchType::Ec2;
        match self.field {
            0 => {
                let all = [
                    PolicyKind::TargetTracking,
                    PolicyKind::Step,
                    PolicyKind::Scheduled,
                ];
                s.policy = cycle(&all, s.policy, delta);
            }
            1 => {
                let all = [
                    MetricKind::Cpu,
                    MetricKind::Memory,
                    MetricKind::Requests,
                    MetricKind::Backlog,
                ];
                s.metric = Some(cycle(&all, s.metric.unwrap_or_default(), delta));
            }
            2 => s.target = (s.target + f64::from(delta) * 5.0).clamp(5.0, 1000.0),
            3 if s.policy == PolicyKind::Step => {
                let all = [
                    AdjustmentKind::Percent,
                    AdjustmentKind::Change,
                    AdjustmentKind::Exact,
                ];
                s.adjustment = cycle(&all, s.adjustment, delta);
            }
            4 => {
                let all = [
                    LoadKind::Steady,
                    LoadKind::Spike,
                    LoadKind::DailyWave,
                    LoadKind::SqsBacklog,
                ];
                s.load = cycle(&all, s.load, delta);
            }
            5 => s.min = Some(step(s.min.unwrap_or(1), delta, 0, s.max.unwrap_or(20))),
            6 => {
                s.max = Some(step(
                    s.max.unwrap_or(20),
                    delta,
                    s.min.unwrap_or(1).max(1),
                    200,
                ))
            }
            7 => s.disable_scale_in = !s.disable_scale_in,
            8 => {
                s.launch_type = if ec2 {
                    LaunchType::Fargate
                } else {
                    LaunchType::Ec2
                }
            }
            9 if ec2 => s.instances = Some(step(s.instances.unwrap_or(2), delta, 0, 50)),
            10 if ec2 => {
                s.target_capacity =
                    Some(step(s.target_capacity.unwrap_or(100), delta * 10, 10, 100))
            }
            11 => s.minutes = Some(step(s.minutes.unwrap_or(60), delta * 15, 15, 240)),
            _ => return false,
        }
        true
    }
}
