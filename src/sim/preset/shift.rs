//! The blue/green, linear, canary and CodeDeploy preset:
//! `sim = { kind = "bluegreen", strategy = "canary", canary_percent = 10, canary_minutes = 5 }`.

use serde::{Deserialize, Serialize};

use super::{ControllerKind, ShiftKind, bad};
use crate::sim::config::{
    CODEDEPLOY_CONFIGS, ConfigError, Controller, DeploymentAlarms, DeploymentPlan, ImageFault,
    LifecycleHook, LoadBalancer, ServiceConfig, ShiftPlan, SimConfig, Stage, TrafficShift,
};

/// A traffic-shifting deployment scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BlueGreenPreset {
    /// blue-green (default), linear or canary (ECS); with CodeDeploy, the configuration
    /// decides.
    pub strategy: ShiftKind,
    /// ecs (default) or codedeploy.
    pub controller: ControllerKind,
    /// A CodeDeploy deployment configuration, e.g. `CodeDeployDefault.ECSCanary10Percent5Minutes`
    /// (the `CodeDeployDefault.` prefix may be left out; default ECSAllAtOnce).
    pub codedeploy_config: Option<String>,
    /// Desired count (default 4).
    pub desired: u32,
    /// Linear: percent shifted at each step (default 10).
    pub step_percent: Option<f64>,
    /// Linear: minutes between steps (default 6).
    pub step_minutes: Option<u32>,
    /// Canary: percent of the canary step (default 5).
    pub canary_percent: Option<f64>,
    /// Canary: minutes before the rest (default 10).
    pub canary_minutes: Option<u32>,
    /// Minutes both revisions run after production traffic moved (ECS bake time, CodeDeploy
    /// wait before terminating the original task set; default 5).
    pub bake_minutes: Option<u32>,
    /// A test listener sends test traffic to green first (default true).
    pub test_traffic: Option<bool>,
    /// A lifecycle hook at this stage (ECS name, e.g. `POST_TEST_TRAFFIC_SHIFT`, or
    /// CodeDeploy name, e.g. `AfterAllowTestTraffic`).
    pub hook: Option<String>,
    /// How long the hook takes (default 30 s).
    pub hook_secs: Option<u32>,
    /// The hook reports failure.
    pub hook_fails: bool,
    /// The new revision trips the deployment alarm once it serves production traffic.
    pub failing_release: bool,
    /// Roll back when the alarm goes into ALARM (default true).
    pub rollback: Option<bool>,
    /// The target group's health check interval (default 30 s).
    pub health_check_secs: Option<u32>,
    /// The target group's healthy threshold (default 5).
    pub healthy_threshold: Option<u32>,
    /// The target group's deregistration delay (default 300 s).
    pub dereg_delay_secs: Option<u32>,
    /// Time limit in minutes (default 60).
    pub minutes: Option<u32>,
    /// Random seed.
    pub seed: Option<u64>,
}

impl Default for BlueGreenPreset {
    fn default() -> Self {
        BlueGreenPreset {
            strategy: ShiftKind::BlueGreen,
            controller: ControllerKind::Ecs,
            codedeploy_config: None,
            desired: 4,
            step_percent: None,
            step_minutes: None,
            canary_percent: None,
            canary_minutes: None,
            bake_minutes: None,
            test_traffic: None,
            hook: None,
            hook_secs: None,
            hook_fails: false,
            failing_release: false,
            rollback: None,
            health_check_secs: None,
            healthy_threshold: None,
            dereg_delay_secs: None,
            minutes: None,
            seed: None,
        }
    }
}

/// A stage by its ECS or CodeDeploy name (case does not matter).
pub fn parse_stage(name: &str, controller: Controller) -> Result<Stage, ConfigError> {
    let found = Stage::ALL.iter().copied().find(|s| {
        s.name(controller)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.trim()))
    });
    found.ok_or_else(|| {
        let names: Vec<&str> = Stage::ALL
            .iter()
            .filter(|s| s.takes_hook(controller))
            .filter_map(|s| s.name(controller))
            .collect();
        bad(format!(
            "unknown stage `{name}`: hooks run at {}",
            names.join(", ")
        ))
    })
}

/// A CodeDeploy configuration by name, with or without `CodeDeployDefault.`.
pub fn codedeploy_plan(name: &str) -> Result<ShiftPlan, ConfigError> {
    let full = if name.starts_with("CodeDeployDefault.") {
        name.to_string()
    } else {
        format!("CodeDeployDefault.{name}")
    };
    CODEDEPLOY_CONFIGS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(&full))
        .map(|(_, p)| *p)
        .ok_or_else(|| {
            let names: Vec<&str> = CODEDEPLOY_CONFIGS.iter().map(|(n, _)| *n).collect();
            bad(format!(
                "unknown CodeDeploy configuration `{name}`: use one of {}",
                names.join(", ")
            ))
        })
}

impl BlueGreenPreset {
    /// The traffic plan the settings ask for.
    pub fn plan(&self) -> Result<(Controller, ShiftPlan), ConfigError> {
        let linear_set = self.step_percent.is_some() || self.step_minutes.is_some();
        let canary_set = self.canary_percent.is_some() || self.canary_minutes.is_some();
        match self.controller {
            ControllerKind::CodeDeploy => {
                if linear_set || canary_set || self.strategy != ShiftKind::BlueGreen {
                    return Err(bad(
                        "with CodeDeploy the traffic plan comes from `codedeploy_config`, not from strategy, step or canary settings",
                    ));
                }
                let name = self
                    .codedeploy_config
                    .as_deref()
                    .unwrap_or("CodeDeployDefault.ECSAllAtOnce");
                Ok((Controller::CodeDeploy, codedeploy_plan(name)?))
            }
            ControllerKind::Ecs => {
                if self.codedeploy_config.is_some() {
                    return Err(bad(
                        "`codedeploy_config` needs `controller = \"codedeploy\"`",
                    ));
                }
                let plan = match self.strategy {
                    ShiftKind::BlueGreen if linear_set || canary_set => {
                        return Err(bad(
                            "step and canary settings need `strategy = \"linear\"` or `\"canary\"`",
                        ));
                    }
                    ShiftKind::BlueGreen => ShiftPlan::AllAtOnce,
                    ShiftKind::Linear if canary_set => {
                        return Err(bad("canary settings need `strategy = \"canary\"`"));
                    }
                    ShiftKind::Linear => ShiftPlan::Linear {
                        percent: self.step_percent.unwrap_or(10.0),
                        interval_secs: self.step_minutes.unwrap_or(6) * 60,
                    },
                    ShiftKind::Canary if linear_set => {
                        return Err(bad("step settings need `strategy = \"linear\"`"));
                    }
                    ShiftKind::Canary => ShiftPlan::Canary {
                        percent: self.canary_percent.unwrap_or(5.0),
                        interval_secs: self.canary_minutes.unwrap_or(10) * 60,
                    },
                };
                Ok((Controller::Ecs, plan))
            }
        }
    }

    /// The full configuration: four healthy blue tasks behind an Application Load Balancer,
    /// and the new revision deployed at second 0.
    pub fn to_config(&self) -> Result<SimConfig, ConfigError> {
        let (controller, plan) = self.plan()?;
        let hooks = match &self.hook {
            Some(name) => vec![LifecycleHook {
                stage: parse_stage(name, controller)?,
                secs: self.hook_secs.unwrap_or(30),
                fails: self.hook_fails,
            }],
            None if self.hook_secs.is_some() || self.hook_fails => {
                return Err(bad("`hook_secs` and `hook_fails` need a `hook` stage"));
            }
            None => Vec::new(),
        };
        let lb = LoadBalancer::default();
        let mut service = ServiceConfig {
            desired: self.desired,
            traffic_shift: Some(TrafficShift {
                controller,
                plan,
                bake_secs: self.bake_minutes.unwrap_or(5) * 60,
                test_traffic: self.test_traffic.unwrap_or(true),
                hooks,
            }),
            deployment_alarms: Some(DeploymentAlarms {
                rollback: self.rollback.unwrap_or(true),
                failing_release: self.failing_release,
                ..DeploymentAlarms::default()
            }),
            ..ServiceConfig::default()
        };
        service.health.load_balancer = Some(LoadBalancer {
            interval_secs: self.health_check_secs.unwrap_or(lb.interval_secs),
            healthy_threshold: self.healthy_threshold.unwrap_or(lb.healthy_threshold),
            deregistration_delay_secs: self
                .dereg_delay_secs
                .unwrap_or(lb.deregistration_delay_secs),
            ..lb
        });
        let cfg = SimConfig {
            seed: self.seed.unwrap_or(crate::sim::config::DEFAULT_SEED),
            service,
            deployment: Some(DeploymentPlan {
                at: 0,
                fault: ImageFault::None,
            }),
            ..SimConfig::default()
        };
        cfg.validate()?;
        Ok(cfg)
    }
}
