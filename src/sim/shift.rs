//! Deployments that shift traffic (the rules and sources are in
//! [`config::shift`](super::config)): the green revision scales up beside blue, test traffic
//! then production traffic moves to it (at once, linearly or canary first), both run for the
//! bake time, and blue is cleaned up. A failing lifecycle hook, or a deployment alarm going
//! into ALARM before the clean-up, moves the traffic back to blue and removes green.
//!
//! \[Model\]: traffic moves the second a step is due; a hook takes its set time; green tasks
//! that fail their health checks are replaced while green scales up.

use super::config::{Controller, ShiftPlan, Stage, TrafficShift};
use super::deployment::{BatchAction, RolloutState, ShiftState};
use super::event::{EventKind, FailReason, Role, StartLimit, StartReason, StopReason};
use super::simulation::Simulation;
use super::task::HealthStatus;

/// The stage after `stage` for `controller` (stages it does not have are skipped).
fn next_stage(stage: Stage, controller: Controller) -> Option<Stage> {
    Stage::ALL
        .iter()
        .copied()
        .skip_while(|s| *s != stage)
        .skip(1)
        .find(|s| s.name(controller).is_some())
}

impl Simulation {
    /// The traffic-shifting deployment's state, while one is in progress.
    pub fn shift_state(&self) -> Option<&ShiftState> {
        self.deployment_in_progress()
            .then(|| self.deployment().shift.as_ref())
            .flatten()
    }

    /// The share of production and test traffic on the revision being deployed (green),
    /// in percent; blue takes the rest. Without a shift in progress everything goes to the
    /// current revision (reported as 100 % green after a completed shift).
    pub fn traffic(&self) -> (f64, f64) {
        match self.shift_state() {
            Some(s) => (s.production_green, s.test_green),
            None => (100.0, 100.0),
        }
    }

    fn shift_mut(&mut self) -> Option<&mut ShiftState> {
        self.deployments_primary_mut().shift.as_mut()
    }

    /// One scheduler round of a traffic-shifting deployment, instead of the rolling steps.
    pub(super) fn schedule_shift(&mut self) {
        let Some(cfg) = self.cfg.service.traffic_shift.clone() else {
            return;
        };
        // Stages without work pass within the same second.
        for _ in 0..Stage::ALL.len() {
            if !self.advance_stage(&cfg) || !self.deployment_in_progress() {
                break;
            }
        }
        if self.deployment_in_progress() {
            self.keep_green();
        }
    }

    /// Announce the first stage of a traffic-shifting deployment that just started.
    pub(super) fn begin_shift(&mut self) {
        if let Some(cfg) = self.cfg.service.traffic_shift.clone() {
            self.enter_stage(Stage::PreScaleUp, &cfg);
        }
    }

    /// Green is kept at the desired count from SCALE_UP on: missing tasks start, tasks
    /// failing their health checks stop (and are replaced next round).
    fn keep_green(&mut self) {
        let Some(stage) = self.shift_state().map(|s| s.stage) else {
            return;
        };
        if stage < Stage::ScaleUp {
            return;
        }
        let pid = self.primary_id();
        let revision = self.deployment().revision;
        let failing: Vec<usize> = (0..self.tasks.len())
            .filter(|&i| {
                let t = &self.tasks[i];
                t.is_live() && t.deployment == pid && t.health == HealthStatus::Unhealthy
            })
            .collect();
        if !failing.is_empty() {
            let count = failing.len() as u32;
            for idx in failing {
                self.stop_task(idx, StopReason::Unhealthy);
            }
            self.emit_stopped(count, StopReason::Unhealthy, pid, self.desired);
        }
        let live = self
            .tasks
            .iter()
            .filter(|t| t.is_live() && t.deployment == pid)
            .count() as u32;
        let missing = self.desired.saturating_sub(live);
        if missing == 0 || self.t < self.throttle_until {
            return;
        }
        let launched = self.launch(missing, revision, pid).len() as u32;
        if launched > 0 {
            let (_, _, u) = self.limits();
            self.emit_started(
                launched,
                revision,
                Role::New,
                StartReason::Green,
                u,
                self.desired,
                StartLimit::Desired,
            );
            self.record_batch(pid, BatchAction::Start, launched);
        }
    }

    /// Move on from the current stage if it is done; true if the stage changed.
    fn advance_stage(&mut self, cfg: &TrafficShift) -> bool {
        let t = self.t;
        let controller = cfg.controller;
        let Some(state) = self.shift_state().cloned() else {
            return false;
        };
        // A lifecycle hook of this stage runs first.
        if let Some(until) = state.hook_until {
            if t < until {
                return false;
            }
            let hook = cfg.hooks.iter().find(|h| h.stage == state.stage).copied();
            if let Some(s) = self.shift_mut() {
                s.hook_until = None;
            }
            let failed = hook.is_some_and(|h| h.fails);
            self.emit(EventKind::HookFinished {
                stage: state.stage,
                controller,
                failed,
            });
            if failed {
                if state.stage.hook_failure_rolls_back(controller) {
                    self.shift_rollback(FailReason::LifecycleHook);
                } else {
                    self.fail_deployment(FailReason::LifecycleHook, false);
                }
                return false;
            }
        }
        let done = match state.stage {
            Stage::ScaleUp => {
                let pid = self.primary_id();
                let healthy = self
                    .tasks
                    .iter()
                    .filter(|t| t.deployment == pid && t.is_counted_healthy())
                    .count() as u32;
                healthy >= self.desired
            }
            Stage::TestTrafficShift => {
                if cfg.test_traffic {
                    self.shift_test_traffic();
                }
                true
            }
            Stage::ProductionTrafficShift => self.shift_production_step(&cfg.plan),
            Stage::BakeTime => state.bake_until.is_none_or(|until| t >= until),
            Stage::CleanUp => {
                self.clean_up_blue();
                false
            }
            _ => true,
        };
        if !done {
            return false;
        }
        match next_stage(state.stage, controller) {
            Some(next) => {
                self.enter_stage(next, cfg);
                true
            }
            None => false,
        }
    }

    fn enter_stage(&mut self, stage: Stage, cfg: &TrafficShift) {
        let t = self.t;
        let hook = cfg.hooks.iter().find(|h| h.stage == stage).copied();
        if let Some(s) = self.shift_mut() {
            s.stage = stage;
            s.stage_since = t;
            s.hook_until = hook.map(|h| t + u64::from(h.secs));
            if stage == Stage::BakeTime {
                s.bake_until = Some(t + u64::from(cfg.bake_secs));
            }
        }
        let (desired, bake_secs) = (self.desired, cfg.bake_secs);
        self.emit(EventKind::StageStarted {
            stage,
            controller: cfg.controller,
            desired,
            bake_secs,
        });
        if let Some(h) = hook {
            self.emit(EventKind::HookStarted {
                stage,
                controller: cfg.controller,
                secs: h.secs,
            });
        }
    }

    fn shift_test_traffic(&mut self) {
        let Some(state) = self.shift_mut() else {
            return;
        };
        state.test_green = 100.0;
        let production = state.production_green;
        self.emit(EventKind::TrafficShifted {
            production,
            test: 100.0,
            step: 0,
            steps: 0,
            rollback: false,
        });
    }

    /// Take the production step that is due; true once green has all of it.
    fn shift_production_step(&mut self, plan: &ShiftPlan) -> bool {
        let t = self.t;
        let steps = plan.steps();
        let Some(state) = self.shift_state().cloned() else {
            return false;
        };
        let taken = state.steps_done as usize;
        if taken >= steps.len() {
            return true;
        }
        if state.next_step_at.is_some_and(|at| t < at) {
            return false;
        }
        let share = steps[taken];
        let last = taken + 1 == steps.len();
        if let Some(s) = self.shift_mut() {
            s.production_green = share;
            s.steps_done += 1;
            s.next_step_at = (!last).then(|| t + u64::from(plan.interval_secs()));
        }
        self.deployments_primary_mut()
            .serving_since
            .get_or_insert(t);
        let test = self.shift_state().map_or(0.0, |s| s.test_green);
        self.emit(EventKind::TrafficShifted {
            production: share,
            test,
            step: taken as u32 + 1,
            steps: steps.len() as u32,
            rollback: false,
        });
        last
    }

    /// Stop every blue task: the bake time is over.
    fn clean_up_blue(&mut self) {
        let pid = self.primary_id();
        let blue: Vec<usize> = (0..self.tasks.len())
            .filter(|&i| self.tasks[i].is_live() && self.tasks[i].deployment != pid)
            .collect();
        if blue.is_empty() {
            return;
        }
        let count = blue.len() as u32;
        for idx in blue {
            self.stop_task(idx, StopReason::CleanUp);
        }
        self.emit_stopped(count, StopReason::CleanUp, pid, self.desired);
        self.record_batch(pid, BatchAction::Stop, count);
    }

    /// Roll back: all traffic back to blue, the deployment FAILED, and a deployment back to
    /// the blue revision that adopts its tasks and removes green.
    pub(super) fn shift_rollback(&mut self, reason: FailReason) {
        // \[Model\] With traffic back on blue the alarm's metric recovers: it returns to OK.
        self.deployment_alarm = false;
        if let Some(s) = self.shift_mut() {
            s.production_green = 0.0;
            s.test_green = 0.0;
        }
        self.emit(EventKind::TrafficShifted {
            production: 0.0,
            test: 0.0,
            step: 0,
            steps: 0,
            rollback: true,
        });
        self.fail_deployment(reason, true);
    }

    /// Whether an alarm at this moment still rolls the shift back (before the clean-up).
    pub(super) fn shift_watches_alarms(&self) -> bool {
        self.shift_state().is_some_and(|s| {
            s.stage < Stage::CleanUp && self.deployment().rollout == RolloutState::InProgress
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_follow_the_controller() {
        assert_eq!(
            next_stage(Stage::PostTestTrafficShift, Controller::Ecs),
            Some(Stage::ProductionTrafficShift)
        );
        assert_eq!(
            next_stage(Stage::PostTestTrafficShift, Controller::CodeDeploy),
            Some(Stage::PreProductionTrafficShift)
        );
        assert_eq!(next_stage(Stage::CleanUp, Controller::Ecs), None);
    }
}
