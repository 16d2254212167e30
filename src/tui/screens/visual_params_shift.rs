//! The parameters of the blue/green tab: the controller, the traffic plan, the bake time,
//! test traffic, a lifecycle hook, and a release that trips the alarm.

use super::visual::Visual;
use super::visual_params::{Field, cycle, field, off_field, on, step};
use crate::sim::{
    CODEDEPLOY_CONFIGS, Controller, ControllerKind, ShiftKind, Stage, codedeploy_plan,
};

/// The stages a hook can run at under `controller`, by name.
fn hook_stages(controller: Controller) -> Vec<&'static str> {
    Stage::ALL
        .iter()
        .filter(|s| s.takes_hook(controller))
        .filter_map(|s| s.name(controller))
        .collect()
}

fn controller(kind: ControllerKind) -> Controller {
    match kind {
        ControllerKind::Ecs => Controller::Ecs,
        ControllerKind::CodeDeploy => Controller::CodeDeploy,
    }
}

impl Visual {
    pub(super) fn shift_fields(&self) -> Vec<Field> {
        let b = &self.bluegreen;
        let codedeploy = b.controller == ControllerKind::CodeDeploy;
        let linear = !codedeploy && b.strategy == ShiftKind::Linear;
        let canary = !codedeploy && b.strategy == ShiftKind::Canary;
        let plan = if codedeploy {
            let name = b
                .codedeploy_config
                .clone()
                .unwrap_or_else(|| CODEDEPLOY_CONFIGS[0].0.to_string());
            field(
                "configuration",
                name.trim_start_matches("CodeDeployDefault."),
            )
        } else {
            field("strategy", b.strategy.to_string())
        };
        let (percent, minutes) = if linear {
            (
                field("step %", format!("{}", b.step_percent.unwrap_or(10.0))),
                field("step every", format!("{} min", b.step_minutes.unwrap_or(6))),
            )
        } else if canary {
            (
                field("canary %", format!("{}", b.canary_percent.unwrap_or(5.0))),
                field(
                    "rest after",
                    format!("{} min", b.canary_minutes.unwrap_or(10)),
                ),
            )
        } else {
            (off_field("step %"), off_field("step every"))
        };
        let mut hook = field(
            "lifecycle hook",
            b.hook.clone().unwrap_or_else(|| "none".into()),
        );
        if b.hook.is_some() {
            hook.note = Some(format!("{} s", b.hook_secs.unwrap_or(30)));
        }
        vec![
            field("controller", if codedeploy { "CodeDeploy" } else { "ECS" }),
            plan,
            percent,
            minutes,
            field(
                if codedeploy {
                    "wait to terminate"
                } else {
                    "bake time"
                },
                format!("{} min", b.bake_minutes.unwrap_or(5)),
            ),
            field("test traffic", on(b.test_traffic.unwrap_or(true))),
            hook,
            if b.hook.is_some() {
                field("hook fails", on(b.hook_fails))
            } else {
                off_field("hook fails")
            },
            field("failing release", on(b.failing_release)),
            field("rollback on alarm", on(b.rollback.unwrap_or(true))),
            field("desired count", b.desired.to_string()),
        ]
    }

    pub(super) fn change_shift(&mut self, delta: i32) -> bool {
        let b = &mut self.bluegreen;
        let codedeploy = b.controller == ControllerKind::CodeDeploy;
        match self.field {
            0 => {
                b.controller = if codedeploy {
                    ControllerKind::Ecs
                } else {
                    ControllerKind::CodeDeploy
                };
                b.codedeploy_config = None;
                b.strategy = ShiftKind::BlueGreen;
                b.step_percent = None;
                b.step_minutes = None;
                b.canary_percent = None;
                b.canary_minutes = None;
                // Stage names differ between the controllers: the hook is dropped.
                b.hook = None;
                b.hook_secs = None;
                b.hook_fails = false;
            }
            1 if codedeploy => {
                let names: Vec<&str> = CODEDEPLOY_CONFIGS.iter().map(|(n, _)| *n).collect();
                let current = b.codedeploy_config.as_deref().unwrap_or(names[0]);
                let at = names
                    .iter()
                    .position(|n| codedeploy_plan(current).ok() == codedeploy_plan(n).ok())
                    .unwrap_or(0);
                b.codedeploy_config = Some(cycle(&names, names[at], delta).to_string());
            }
            1 => {
                let all = [ShiftKind::BlueGreen, ShiftKind::Linear, ShiftKind::Canary];
                b.strategy = cycle(&all, b.strategy, delta);
                b.step_percent = None;
                b.step_minutes = None;
                b.canary_percent = None;
                b.canary_minutes = None;
            }
            2 if b.strategy == ShiftKind::Linear && !codedeploy => {
                let v = b.step_percent.unwrap_or(10.0) + f64::from(delta) * 5.0;
                b.step_percent = Some(v.clamp(5.0, 100.0));
            }
            2 if b.strategy == ShiftKind::Canary && !codedeploy => {
                let v = b.canary_percent.unwrap_or(5.0) + f64::from(delta) * 5.0;
                b.canary_percent = Some(v.clamp(5.0, 100.0));
            }
            3 if b.strategy == ShiftKind::Linear && !codedeploy => {
                b.step_minutes = Some(step(b.step_minutes.unwrap_or(6), delta, 0, 60));
            }
            3 if b.strategy == ShiftKind::Canary && !codedeploy => {
                b.canary_minutes = Some(step(b.canary_minutes.unwrap_or(10), delta, 0, 60));
            }
            4 => b.bake_minutes = Some(step(b.bake_minutes.unwrap_or(5), delta, 0, 60)),
            5 => b.test_traffic = Some(!b.test_traffic.unwrap_or(true)),
            6 => {
                let mut stages = vec!["none"];
                stages.extend(hook_stages(controller(b.controller)));
                let current = b.hook.as_deref().unwrap_or("none");
                let next = cycle(&stages, current, delta);
                b.hook = (next != "none").then(|| next.to_string());
                if b.hook.is_none() {
                    b.hook_fails = false;
                    b.hook_secs = None;
                }
            }
            7 if b.hook.is_some() => b.hook_fails = !b.hook_fails,
            8 => b.failing_release = !b.failing_release,
            9 => b.rollback = Some(!b.rollback.unwrap_or(true)),
            10 => b.desired = step(b.desired, delta, 1, 20),
            _ => return false,
        }
        true
    }
}
