//! Deployments that shift traffic between two full sets of tasks: Amazon ECS blue/green,
//! linear and canary deployments (deployment controller `ECS`), and blue/green deployments
//! with AWS CodeDeploy (deployment controller `CODE_DEPLOY`).
//!
//! Sources:
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-how-it-works.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-linear.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/canary-deployment.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinearConfiguration.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CanaryConfiguration.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-bluegreen.html>,
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>.

use serde::{Deserialize, Serialize};

use super::ConfigError;

/// Who runs the deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Controller {
    /// Deployment controller `ECS` with strategy BLUE_GREEN, LINEAR or CANARY (2025).
    #[default]
    Ecs,
    /// Deployment controller `CODE_DEPLOY`: AWS CodeDeploy shifts traffic between task sets.
    CodeDeploy,
}

/// How production traffic moves to the new (green) revision.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ShiftPlan {
    /// All at once (ECS BLUE_GREEN; CodeDeploy ECSAllAtOnce).
    AllAtOnce,
    /// `percent` more every `interval_secs` until 100 % (ECS LINEAR: stepPercent and
    /// stepBakeTimeInMinutes, defaults 10 % and 6 minutes; CodeDeploy ECSLinear…).
    Linear {
        /// Percent shifted at each step.
        percent: f64,
        /// Wait between steps (not after the last one).
        interval_secs: u32,
    },
    /// `percent` first, the rest `interval_secs` later (ECS CANARY: canaryPercent and
    /// canaryBakeTimeInMinutes, defaults 5 % and 10 minutes; CodeDeploy ECSCanary…).
    Canary {
        /// Percent of the canary step.
        percent: f64,
        /// Wait before the rest.
        interval_secs: u32,
    },
}

impl ShiftPlan {
    /// The green share of production traffic after each step, in order; the last is 100.
    pub fn steps(&self) -> Vec<f64> {
        match *self {
            ShiftPlan::AllAtOnce => vec![100.0],
            ShiftPlan::Canary { percent, .. } if percent < 100.0 => vec![percent, 100.0],
            ShiftPlan::Canary { .. } => vec![100.0],
            ShiftPlan::Linear { percent, .. } => {
                let mut out = Vec::new();
                let mut k = 1.0;
                loop {
                    // Multiples of 0.1: round away the float error of k x percent.
                    let v = (k * percent * 10.0).round() / 10.0;
                    if v >= 100.0 - 1e-9 {
                        out.push(100.0);
                        return out;
                    }
                    out.push(v);
                    k += 1.0;
                }
            }
        }
    }

    /// The wait between steps (0 for all at once).
    pub fn interval_secs(&self) -> u32 {
        match *self {
            ShiftPlan::AllAtOnce => 0,
            ShiftPlan::Linear { interval_secs, .. } | ShiftPlan::Canary { interval_secs, .. } => {
                interval_secs
            }
        }
    }
}

/// A percentage with at most one decimal.
fn tenth(p: f64) -> String {
    if (p - p.round()).abs() < 1e-9 {
        format!("{}", p.round() as i64)
    } else {
        format!("{p:.1}")
    }
}

/// `6 minutes`, `1 minute`, `90 s`.
pub fn duration(secs: u32) -> String {
    if secs.is_multiple_of(60) {
        let m = secs / 60;
        format!("{m} {}", if m == 1 { "minute" } else { "minutes" })
    } else {
        format!("{secs} s")
    }
}

/// The predefined CodeDeploy deployment configurations for the Amazon ECS compute platform.
pub const CODEDEPLOY_CONFIGS: [(&str, ShiftPlan); 5] = [
    ("CodeDeployDefault.ECSAllAtOnce", ShiftPlan::AllAtOnce),
    (
        "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
        ShiftPlan::Linear {
            percent: 10.0,
            interval_secs: 60,
        },
    ),
    (
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
        ShiftPlan::Linear {
            percent: 10.0,
            interval_secs: 180,
        },
    ),
    (
        "CodeDeployDefault.ECSCanary10Percent5Minutes",
        ShiftPlan::Canary {
            percent: 10.0,
            interval_secs: 300,
        },
    ),
    (
        "CodeDeployDefault.ECSCanary10Percent15Minutes",
        ShiftPlan::Canary {
            percent: 10.0,
            interval_secs: 900,
        },
    ),
];

/// The stages of a traffic-shifting deployment, in order. ECS names them as lifecycle
/// stages (`PRE_SCALE_UP` …), CodeDeploy as lifecycle events (`BeforeInstall` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The green revision has not started; blue takes all traffic.
    PreScaleUp,
    /// Green scales up to the desired count (no traffic yet).
    ScaleUp,
    /// Green is up; blue still takes all traffic.
    PostScaleUp,
    /// Test traffic moves to green (with a test listener).
    TestTrafficShift,
    /// Green takes all test traffic.
    PostTestTrafficShift,
    /// Before production traffic moves (CodeDeploy BeforeAllowTraffic only).
    PreProductionTrafficShift,
    /// Production traffic moves to green, step by step.
    ProductionTrafficShift,
    /// Green takes all production traffic.
    PostProductionTrafficShift,
    /// Both revisions run; the alarms are watched (ECS bake time, CodeDeploy's wait before
    /// terminating the original task set).
    BakeTime,
    /// Blue is scaled down.
    CleanUp,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 10] = [
        Stage::PreScaleUp,
        Stage::ScaleUp,
        Stage::PostScaleUp,
        Stage::TestTrafficShift,
        Stage::PostTestTrafficShift,
        Stage::PreProductionTrafficShift,
        Stage::ProductionTrafficShift,
        Stage::PostProductionTrafficShift,
        Stage::BakeTime,
        Stage::CleanUp,
    ];

    /// Its name under `controller`; `None` where that controller has no such stage (ECS has
    /// no stage before the production traffic shift).
    pub fn name(self, controller: Controller) -> Option<&'static str> {
        Some(match (controller, self) {
            (Controller::Ecs, Stage::PreScaleUp) => "PRE_SCALE_UP",
            (Controller::Ecs, Stage::ScaleUp) => "SCALE_UP",
            (Controller::Ecs, Stage::PostScaleUp) => "POST_SCALE_UP",
            (Controller::Ecs, Stage::TestTrafficShift) => "TEST_TRAFFIC_SHIFT",
            (Controller::Ecs, Stage::PostTestTrafficShift) => "POST_TEST_TRAFFIC_SHIFT",
            (Controller::Ecs, Stage::PreProductionTrafficShift) => return None,
            (Controller::Ecs, Stage::ProductionTrafficShift) => "PRODUCTION_TRAFFIC_SHIFT",
            (Controller::Ecs, Stage::PostProductionTrafficShift) => "POST_PRODUCTION_TRAFFIC_SHIFT",
            (Controller::Ecs, Stage::BakeTime) => "BAKE_TIME",
            (Controller::Ecs, Stage::CleanUp) => "CLEAN_UP",
            (Controller::CodeDeploy, Stage::PreScaleUp) => "BeforeInstall",
            (Controller::CodeDeploy, Stage::ScaleUp) => "Install",
            (Controller::CodeDeploy, Stage::PostScaleUp) => "AfterInstall",
            (Controller::CodeDeploy, Stage::TestTrafficShift) => "AllowTestTraffic",
            (Controller::CodeDeploy, Stage::PostTestTrafficShift) => "AfterAllowTestTraffic",
            (Controller::CodeDeploy, Stage::PreProductionTrafficShift) => "BeforeAllowTraffic",
            (Controller::CodeDeploy, Stage::ProductionTrafficShift) => "AllowTraffic",
            (Controller::CodeDeploy, Stage::PostProductionTrafficShift) => "AfterAllowTraffic",
            (Controller::CodeDeploy, Stage::BakeTime) => "wait before termination",
            (Controller::CodeDeploy, Stage::CleanUp) => "terminate original task set",
        })
    }

    /// Whether a failing lifecycle hook here rolls the deployment back. CodeDeploy's
    /// BeforeInstall runs "before the replacement task set is created … A rollback is not
    /// possible at this point": the deployment fails and the original task set keeps serving
    /// (<https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html>).
    /// ECS rolls back from a failing hook at any stage.
    pub fn hook_failure_rolls_back(self, controller: Controller) -> bool {
        !(controller == Controller::CodeDeploy && self == Stage::PreScaleUp)
    }

    /// Whether a lifecycle hook can run at this stage under `controller`.
    pub fn takes_hook(self, controller: Controller) -> bool {
        match controller {
            Controller::Ecs => matches!(
                self,
                Stage::PreScaleUp
                    | Stage::PostScaleUp
                    | Stage::TestTrafficShift
                    | Stage::PostTestTrafficShift
                    | Stage::ProductionTrafficShift
                    | Stage::PostProductionTrafficShift
            ),
            Controller::CodeDeploy => matches!(
                self,
                Stage::PreScaleUp
                    | Stage::PostScaleUp
                    | Stage::PostTestTrafficShift
                    | Stage::PreProductionTrafficShift
                    | Stage::PostProductionTrafficShift
            ),
        }
    }
}

/// A lifecycle hook: a Lambda function (or a pause) that runs at a stage and lets the
/// deployment go on or rolls it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleHook {
    /// Where it runs.
    pub stage: Stage,
    /// How long it takes \[Model\].
    pub secs: u32,
    /// It reports failure: the deployment rolls back.
    pub fails: bool,
}

/// A blue/green, linear or canary deployment (ECS) or a CodeDeploy blue/green deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrafficShift {
    /// ECS or CodeDeploy.
    pub controller: Controller,
    /// How production traffic moves.
    pub plan: ShiftPlan,
    /// ECS bakeTimeInMinutes, or CodeDeploy's wait before it terminates the original task
    /// set (terminationWaitTimeInMinutes), in seconds.
    pub bake_secs: u32,
    /// A test listener: test traffic goes to green before production traffic does.
    pub test_traffic: bool,
    /// Lifecycle hooks.
    pub hooks: Vec<LifecycleHook>,
}

impl Default for TrafficShift {
    fn default() -> Self {
        TrafficShift {
            controller: Controller::Ecs,
            plan: ShiftPlan::AllAtOnce,
            bake_secs: 300,
            test_traffic: true,
            hooks: Vec::new(),
        }
    }
}

impl TrafficShift {
    /// In words: `an ECS blue/green deployment`, `an ECS linear deployment (10 % every 6
    /// minutes)`, `CodeDeploy (CodeDeployDefault.ECSCanary10Percent5Minutes)`.
    pub fn describe(&self) -> String {
        let plan = match self.plan {
            ShiftPlan::AllAtOnce => "all at once".to_string(),
            ShiftPlan::Linear {
                percent,
                interval_secs,
            } => format!("{} % every {}", tenth(percent), duration(interval_secs)),
            ShiftPlan::Canary {
                percent,
                interval_secs,
            } => format!(
                "{} % first, the rest {} later",
                tenth(percent),
                duration(interval_secs)
            ),
        };
        match self.controller {
            Controller::Ecs => match self.plan {
                ShiftPlan::AllAtOnce => "an ECS blue/green deployment".to_string(),
                ShiftPlan::Linear { .. } => format!("an ECS linear deployment ({plan})"),
                ShiftPlan::Canary { .. } => format!("an ECS canary deployment ({plan})"),
            },
            Controller::CodeDeploy => {
                let name = CODEDEPLOY_CONFIGS
                    .iter()
                    .find(|(_, p)| *p == self.plan)
                    .map_or("a custom configuration", |(n, _)| n);
                format!("CodeDeploy blue/green with {name} ({plan})")
            }
        }
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let bad = |reason: String| ConfigError::TrafficShift { reason };
        let tenths = |p: f64| ((p * 10.0).round() - p * 10.0).abs() < 1e-6;
        match self.plan {
            ShiftPlan::AllAtOnce => {}
            ShiftPlan::Linear {
                percent,
                interval_secs,
            } => {
                if !(3.0..=100.0).contains(&percent) || !tenths(percent) {
                    return Err(bad(format!(
                        "a linear step is a multiple of 0.1 from 3.0 to 100.0 percent (got {percent})"
                    )));
                }
                if interval_secs > 1440 * 60 {
                    return Err(bad("a step bake time is 0 to 1,440 minutes".into()));
                }
            }
            ShiftPlan::Canary {
                percent,
                interval_secs,
            } => {
                if !(0.1..=100.0).contains(&percent) || !tenths(percent) {
                    return Err(bad(format!(
                        "the canary is a multiple of 0.1 from 0.1 to 100.0 percent (got {percent})"
                    )));
                }
                if interval_secs > 1440 * 60 {
                    return Err(bad("a canary bake time is 0 to 1,440 minutes".into()));
                }
            }
        }
        let max_bake = match self.controller {
            Controller::Ecs => 1440 * 60,
            Controller::CodeDeploy => 2880 * 60,
        };
        if self.bake_secs > max_bake {
            return Err(bad(format!(
                "the bake time is at most {} minutes",
                max_bake / 60
            )));
        }
        for h in &self.hooks {
            if !h.stage.takes_hook(self.controller) {
                return Err(bad(format!(
                    "{} takes no lifecycle hook",
                    h.stage
                        .name(self.controller)
                        .unwrap_or("that stage (it does not exist for this controller)")
                )));
            }
        }
        Ok(())
    }
}
