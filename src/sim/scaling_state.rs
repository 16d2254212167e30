//! The live state of service auto scaling (the scalable target's bounds, each policy's
//! alarms and cooldowns, the recent datapoints) and the marks it leaves in minute samples.

use std::collections::VecDeque;

use serde::Serialize;

use super::config::{MetricKind, ScalingConfig, ScalingPolicy};
use super::load::Datapoints;

/// One policy's state in a minute sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyMark {
    /// Policy name.
    pub name: String,
    /// Metric value this minute.
    pub value: Option<f64>,
    /// Target (target tracking) or alarm threshold (step).
    pub target: f64,
    /// Scale-out (or step) alarm in ALARM.
    pub high_alarm: bool,
    /// Scale-in alarm in ALARM.
    pub low_alarm: bool,
    /// A cooldown of this policy is running.
    pub cooldown: bool,
}

/// Live state of one policy.
#[derive(Debug, Clone, Default)]
pub(crate) struct PolicyRuntime {
    pub high: bool,
    pub low: bool,
    /// The alarm fires the policy this minute.
    pub fire_high: bool,
    pub fire_low: bool,
    /// "No datapoints" was reported.
    pub no_data_reported: bool,
    /// Running tasks when the current scale-out cooldown began.
    pub out_base: u32,
    pub out_until: u64,
    pub in_until: u64,
    pub blocked_until_reported: u64,
    pub deployment_reported: bool,
}

/// Live state of the scalable target.
#[derive(Debug, Clone)]
pub(crate) struct ScalingRuntime {
    pub min: u32,
    pub max: u32,
    pub history: VecDeque<Datapoints>,
    pub policies: Vec<PolicyRuntime>,
}

pub(super) const HISTORY: usize = 64;

impl ScalingRuntime {
    pub fn new(cfg: &ScalingConfig) -> Self {
        ScalingRuntime {
            min: cfg.min,
            max: cfg.max,
            history: VecDeque::new(),
            policies: vec![PolicyRuntime::default(); cfg.policies.len()],
        }
    }

    pub fn last(&self, n: u32, metric: MetricKind) -> Option<Vec<Option<f64>>> {
        let n = n as usize;
        if self.history.len() < n {
            return None;
        }
        Some(
            self.history
                .iter()
                .skip(self.history.len() - n)
                .map(|d| d.get(metric))
                .collect(),
        )
    }

    /// Marks for the minute sample.
    pub fn marks(&self, cfg: Option<&ScalingConfig>, dp: &Datapoints, t: u64) -> Vec<PolicyMark> {
        let Some(cfg) = cfg else {
            return Vec::new();
        };
        cfg.policies
            .iter()
            .zip(&self.policies)
            .map(|(p, rt)| PolicyMark {
                name: p.name().to_string(),
                value: dp.get(p.metric()),
                target: match p {
                    ScalingPolicy::TargetTracking(tt) => tt.target,
                    ScalingPolicy::Step(s) => s.alarm.threshold,
                },
                high_alarm: rt.high,
                low_alarm: rt.low,
                cooldown: t < rt.out_until || t < rt.in_until,
            })
            .collect()
    }
}
