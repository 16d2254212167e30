//! Service auto scaling: the scalable target, target tracking and step policies, and
//! scheduled actions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::super::schedule::Schedule;
use super::{ConfigError, MAX_TASKS_PER_SERVICE, SchedulingStrategy, ServiceConfig, rfc3339};

/// Service auto scaling: the scalable target and its policies (spec 5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalingConfig {
    /// MinCapacity (may be 0 for ECS).
    pub min: u32,
    /// MaxCapacity.
    pub max: u32,
    /// Dynamic policies (target tracking and step scaling, any mix).
    pub policies: Vec<ScalingPolicy>,
    /// Scheduled actions.
    pub scheduled: Vec<ScheduledAction>,
    /// DynamicScalingInSuspended.
    pub suspend_scale_in: bool,
    /// DynamicScalingOutSuspended.
    pub suspend_scale_out: bool,
    /// ScheduledScalingSuspended.
    pub suspend_scheduled: bool,
}

impl Default for ScalingConfig {
    fn default() -> Self {
        ScalingConfig {
            min: 1,
            max: 10,
            policies: vec![ScalingPolicy::TargetTracking(TargetTracking::default())],
            scheduled: Vec::new(),
            suspend_scale_in: false,
            suspend_scale_out: false,
            suspend_scheduled: false,
        }
    }
}

impl ScalingConfig {
    pub(super) fn validate(&self, service: &ServiceConfig) -> Result<(), ConfigError> {
        if self.max > MAX_TASKS_PER_SERVICE {
            return Err(ConfigError::Quota {
                what: "maximum task count",
                value: self.max,
                max: MAX_TASKS_PER_SERVICE,
            });
        }
        if self.min > self.max {
            return Err(ConfigError::ScalingMinAboveMax {
                min: self.min,
                max: self.max,
            });
        }
        if service.scheduling == SchedulingStrategy::Daemon {
            return Err(ConfigError::DaemonScaling);
        }
        for p in &self.policies {
            match p {
                ScalingPolicy::TargetTracking(tt) => {
                    if !(tt.target.is_finite() && tt.target > 0.0) {
                        return Err(ConfigError::TargetValue { value: tt.target });
                    }
                }
                ScalingPolicy::Step(s) => s.validate()?,
            }
        }
        for a in &self.scheduled {
            if let Some(v) = a
                .min
                .into_iter()
                .chain(a.max)
                .find(|v| *v > MAX_TASKS_PER_SERVICE)
            {
                return Err(ConfigError::Quota {
                    what: "scheduled capacity",
                    value: v,
                    max: MAX_TASKS_PER_SERVICE,
                });
            }
            if let (Some(min), Some(max)) = (a.min, a.max)
                && min > max
            {
                return Err(ConfigError::ScheduledMinAboveMax {
                    name: a.name.clone(),
                    min,
                    max,
                });
            }
            if a.min.is_none() && a.max.is_none() {
                return Err(ConfigError::ScheduledEmpty {
                    name: a.name.clone(),
                });
            }
        }
        Ok(())
    }
}

/// The metric a policy watches (spec 5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// ECSServiceAverageCPUUtilization (%).
    #[default]
    Cpu,
    /// ECSServiceAverageMemoryUtilization (%).
    Memory,
    /// ALBRequestCountPerTarget (requests per target per minute).
    Requests,
    /// A custom metric: SQS backlog per task (messages).
    Backlog,
}

impl MetricKind {
    /// The CloudWatch-style name.
    pub fn name(self) -> &'static str {
        match self {
            MetricKind::Cpu => "ECSServiceAverageCPUUtilization",
            MetricKind::Memory => "ECSServiceAverageMemoryUtilization",
            MetricKind::Requests => "ALBRequestCountPerTarget",
            MetricKind::Backlog => "BacklogPerTask",
        }
    }

    /// A short label with unit, e.g. "CPU %".
    pub fn label(self) -> &'static str {
        match self {
            MetricKind::Cpu => "CPU %",
            MetricKind::Memory => "memory %",
            MetricKind::Requests => "requests/target/min",
            MetricKind::Backlog => "backlog/task",
        }
    }
}

impl std::str::FromStr for MetricKind {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "cpu" => Ok(MetricKind::Cpu),
            "memory" => Ok(MetricKind::Memory),
            "requests" => Ok(MetricKind::Requests),
            "backlog" => Ok(MetricKind::Backlog),
            _ => Err(ConfigError::Preset(format!(
                "unknown metric `{s}`: use one of cpu, memory, requests, backlog"
            ))),
        }
    }
}

/// A dynamic scaling policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalingPolicy {
    /// Target tracking.
    TargetTracking(TargetTracking),
    /// Step scaling.
    Step(StepScaling),
}

impl ScalingPolicy {
    /// The policy's name.
    pub fn name(&self) -> &str {
        match self {
            ScalingPolicy::TargetTracking(t) => &t.name,
            ScalingPolicy::Step(s) => &s.name,
        }
    }

    /// The metric it watches.
    pub fn metric(&self) -> MetricKind {
        match self {
            ScalingPolicy::TargetTracking(t) => t.metric,
            ScalingPolicy::Step(s) => s.metric,
        }
    }
}

/// A target tracking policy (spec 5.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetTracking {
    /// Policy name.
    pub name: String,
    /// Metric.
    pub metric: MetricKind,
    /// TargetValue.
    pub target: f64,
    /// DisableScaleIn.
    pub disable_scale_in: bool,
    /// ScaleOutCooldown (ECS default 300 s).
    pub scale_out_cooldown_secs: u32,
    /// ScaleInCooldown (ECS default 300 s).
    pub scale_in_cooldown_secs: u32,
}

impl Default for TargetTracking {
    fn default() -> Self {
        TargetTracking {
            name: "cpu-target".into(),
            metric: MetricKind::Cpu,
            target: 50.0,
            disable_scale_in: false,
            scale_out_cooldown_secs: 300,
            scale_in_cooldown_secs: 300,
        }
    }
}

/// Step scaling adjustment types (spec 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentType {
    /// Add or remove n tasks.
    ChangeInCapacity,
    /// Set desired to n.
    ExactCapacity,
    /// Change by n% of the current capacity.
    PercentChangeInCapacity,
}

/// How the alarm's datapoints are aggregated when a step policy runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Average (default).
    #[default]
    Average,
    /// Minimum.
    Minimum,
    /// Maximum.
    Maximum,
}

/// Comparison of a step policy's alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// metric > threshold.
    Greater,
    /// metric >= threshold.
    GreaterOrEqual,
    /// metric < threshold.
    Less,
    /// metric <= threshold.
    LessOrEqual,
}

impl Comparison {
    /// Does `value` breach `threshold`?
    pub fn breaches(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::Greater => value > threshold,
            Comparison::GreaterOrEqual => value >= threshold,
            Comparison::Less => value < threshold,
            Comparison::LessOrEqual => value <= threshold,
        }
    }

    /// The symbol, for messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
        }
    }
}

/// The CloudWatch alarm a step policy owns.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StepAlarm {
    /// Threshold.
    pub threshold: f64,
    /// Comparison.
    pub comparison: Comparison,
    /// Evaluation periods (1-minute periods).
    pub evaluation_periods: u32,
    /// Datapoints to alarm (<= evaluation periods).
    pub datapoints_to_alarm: u32,
}

/// One step: bounds relative to the alarm threshold, `None` = infinity (spec 5.4).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StepAdjustment {
    /// MetricIntervalLowerBound.
    pub lower: Option<f64>,
    /// MetricIntervalUpperBound.
    pub upper: Option<f64>,
    /// ScalingAdjustment.
    pub adjustment: i32,
}

/// A step scaling policy with its alarm (spec 5.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepScaling {
    /// Policy name.
    pub name: String,
    /// Metric of the alarm.
    pub metric: MetricKind,
    /// The alarm.
    pub alarm: StepAlarm,
    /// AdjustmentType.
    pub adjustment_type: AdjustmentType,
    /// StepAdjustments.
    pub steps: Vec<StepAdjustment>,
    /// MinAdjustmentMagnitude (percent changes only).
    pub min_adjustment_magnitude: Option<u32>,
    /// Cooldown (default 300 s).
    pub cooldown_secs: u32,
    /// MetricAggregationType.
    pub aggregation: Aggregation,
}

impl StepScaling {
    /// The scale-out half of the documented example (A7): threshold 50, percent steps
    /// [0,10) 0, [10,20) +10, [20,inf) +30.
    pub fn example_out(metric: MetricKind, threshold: f64) -> Self {
        StepScaling {
            name: "step-out".into(),
            metric,
            alarm: StepAlarm {
                threshold,
                comparison: Comparison::Greater,
                evaluation_periods: 3,
                datapoints_to_alarm: 3,
            },
            adjustment_type: AdjustmentType::PercentChangeInCapacity,
            steps: vec![
                StepAdjustment {
                    lower: Some(0.0),
                    upper: Some(10.0),
                    adjustment: 0,
                },
                StepAdjustment {
                    lower: Some(10.0),
                    upper: Some(20.0),
                    adjustment: 10,
                },
                StepAdjustment {
                    lower: Some(20.0),
                    upper: None,
                    adjustment: 30,
                },
            ],
            min_adjustment_magnitude: None,
            cooldown_secs: 300,
            aggregation: Aggregation::Average,
        }
    }

    /// The scale-in half of the documented example (A7): (-10,0] 0, (-20,-10] -10,
    /// (-inf,-20] -30.
    pub fn example_in(metric: MetricKind, threshold: f64) -> Self {
        StepScaling {
            name: "step-in".into(),
            metric,
            alarm: StepAlarm {
                threshold,
                comparison: Comparison::Less,
                evaluation_periods: 15,
                datapoints_to_alarm: 15,
            },
            adjustment_type: AdjustmentType::PercentChangeInCapacity,
            steps: vec![
                StepAdjustment {
                    lower: Some(-10.0),
                    upper: Some(0.0),
                    adjustment: 0,
                },
                StepAdjustment {
                    lower: Some(-20.0),
                    upper: Some(-10.0),
                    adjustment: -10,
                },
                StepAdjustment {
                    lower: None,
                    upper: Some(-20.0),
                    adjustment: -30,
                },
            ],
            min_adjustment_magnitude: None,
            cooldown_secs: 300,
            aggregation: Aggregation::Average,
        }
    }

    /// Check the step list: no gaps, no overlaps, at most one open end on each side, never
    /// both ends open in one step; exact capacities not negative.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let err = |reason: &str| ConfigError::Steps {
            policy: self.name.clone(),
            reason: reason.to_string(),
        };
        if self.steps.is_empty() {
            return Err(err("a step policy needs at least one step"));
        }
        if self.alarm.evaluation_periods == 0
            || self.alarm.datapoints_to_alarm == 0
            || self.alarm.datapoints_to_alarm > self.alarm.evaluation_periods
        {
            return Err(err(
                "the alarm needs 1 <= datapoints to alarm <= evaluation periods",
            ));
        }
        let mut steps = self.steps.clone();
        for s in &steps {
            if s.lower.is_none() && s.upper.is_none() {
                return Err(err("a step cannot leave both bounds open"));
            }
            if let (Some(l), Some(u)) = (s.lower, s.upper)
                && l >= u
            {
                return Err(err("a step's lower bound must be below its upper bound"));
            }
            if self.adjustment_type == AdjustmentType::ExactCapacity && s.adjustment < 0 {
                return Err(err("ExactCapacity adjustments must be 0 or more"));
            }
        }
        if steps.iter().filter(|s| s.lower.is_none()).count() > 1
            || steps.iter().filter(|s| s.upper.is_none()).count() > 1
        {
            return Err(err("at most one step may be open on each side"));
        }
        steps.sort_by(|a, b| {
            let la = a.lower.unwrap_or(f64::NEG_INFINITY);
            let lb = b.lower.unwrap_or(f64::NEG_INFINITY);
            la.total_cmp(&lb)
        });
        for w in steps.windows(2) {
            match (w[0].upper, w[1].lower) {
                (Some(u), Some(l)) if u == l => {}
                (Some(u), Some(l)) if u < l => return Err(err("the steps leave a gap")),
                _ => return Err(err("the steps overlap")),
            }
        }
        Ok(())
    }
}

/// A scheduled action (spec 5.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduledAction {
    /// Name.
    pub name: String,
    /// `at(...)`, `rate(...)` or `cron(...)`.
    pub schedule: Schedule,
    /// New MinCapacity.
    pub min: Option<u32>,
    /// New MaxCapacity.
    pub max: Option<u32>,
    /// StartTime (UTC).
    #[serde(with = "rfc3339::option", default)]
    pub start_time: Option<DateTime<Utc>>,
    /// EndTime (UTC).
    #[serde(with = "rfc3339::option", default)]
    pub end_time: Option<DateTime<Utc>>,
}
