//! Summaries of a run for scripts (JSON through serde) and people (a text timeline).

use std::fmt::Write as _;

use serde::Serialize;

use super::deployment::{Batch, DeploymentStatus};
use super::event::{Event, EventKind, clock, num};
use super::simulation::Simulation;

/// What `deckhand sim rolling --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct RollingReport {
    /// Always "rolling".
    pub kind: &'static str,
    /// D.
    pub desired: u32,
    /// minimumHealthyPercent.
    pub min_healthy: u32,
    /// maximumPercent.
    pub max_percent: u32,
    /// L.
    pub lower: u32,
    /// U.
    pub upper: u32,
    /// completed, stuck, failed, rolled_back, in_progress or rolling_back.
    pub status: &'static str,
    /// Why it is stuck or failed, in plain words.
    pub reason: Option<String>,
    /// Second the deployment ended (completed, stuck, failed, rolled back).
    pub finished_at: Option<u64>,
    /// Batches, merged as AWS narrates them.
    pub batches: Vec<Batch>,
    /// Circuit breaker count and threshold, when enabled.
    pub circuit_breaker: Option<BreakerSummary>,
    /// The event log.
    pub events: Vec<Event>,
}

/// Circuit breaker numbers at the end of a run.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct BreakerSummary {
    /// Failures counted by the deployment that tripped or finished.
    pub count: u32,
    /// Threshold T.
    pub threshold: u32,
}

fn ended_at(sim: &Simulation, status: &DeploymentStatus) -> Option<u64> {
    match status {
        DeploymentStatus::Stuck(_) => sim
            .events()
            .iter()
            .rev()
            .find(|e| matches!(e.kind, EventKind::DeploymentStuck { .. }))
            .map(|e| e.t),
        s if s.is_final() => sim.deployment().finished_at,
        _ => None,
    }
}

fn reason(sim: &Simulation, status: &DeploymentStatus) -> Option<String> {
    match status {
        DeploymentStatus::Stuck(r) => Some(r.to_string()),
        DeploymentStatus::Failed | DeploymentStatus::RolledBack | DeploymentStatus::RollingBack => {
            sim.events()
                .iter()
                .rev()
                .find(|e| {
                    matches!(
                        e.kind,
                        EventKind::BreakerTriggered { .. } | EventKind::DeploymentAlarmFired { .. }
                    )
                })
                .map(Event::message)
        }
        DeploymentStatus::InProgress => Some(
            "the deployment did not finish within the time limit (without a circuit breaker ECS keeps replacing failing tasks)"
                .into(),
        ),
        _ => None,
    }
}

impl RollingReport {
    /// Summarise a rolling-update run.
    pub fn new(sim: &Simulation) -> Self {
        let svc = &sim.config().service;
        let (desired, lower, upper) = sim.limits();
        let status = sim.status();
        // The breaker numbers of the deployment that was monitored (not its rollback).
        let monitored = sim
            .deployments()
            .iter()
            .rev()
            .find(|d| d.rollback_of.is_none() && d.id > 1);
        RollingReport {
            kind: "rolling",
            desired,
            min_healthy: svc.min_healthy,
            max_percent: svc.max_percent,
            lower,
            upper,
            status: status.word(),
            reason: reason(sim, &status),
            finished_at: ended_at(sim, &status),
            batches: sim.batches().to_vec(),
            circuit_breaker: svc.circuit_breaker.enable.then(|| BreakerSummary {
                count: monitored.map_or(0, |d| d.breaker_count),
                threshold: sim.breaker_threshold(),
            }),
            events: sim.events().to_vec(),
        }
    }

    /// A readable timeline.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Rolling update: desired {}, minimum healthy {}%, maximum {}%",
            self.desired, self.min_healthy, self.max_percent
        );
        let _ = writeln!(
            s,
            "lower limit L = ceil({} x {}%) = {} healthy tasks; upper limit U = floor({} x {}%) = {} tasks in flight",
            self.desired, self.min_healthy, self.lower, self.desired, self.max_percent, self.upper
        );
        let _ = writeln!(s);
        for e in &self.events {
            let _ = writeln!(s, "  {e}");
        }
        let _ = writeln!(s);
        let mut deployments: Vec<u32> = self.batches.iter().map(|b| b.deployment).collect();
        deployments.dedup();
        for d in &deployments {
            let line: Vec<String> = self
                .batches
                .iter()
                .filter(|b| b.deployment == *d)
                .map(ToString::to_string)
                .collect();
            let label = if deployments.len() > 1 {
                format!("deployment {d} batches")
            } else {
                "batches".to_string()
            };
            let _ = writeln!(
                s,
                "{label} (old/new live after each): {}",
                line.join(" -> ")
            );
        }
        let _ = write!(s, "status: {}", self.status);
        if let Some(t) = self.finished_at {
            let _ = write!(s, " at {}", clock(t));
        }
        let _ = writeln!(s);
        if let Some(r) = &self.reason {
            let _ = writeln!(s, "reason: {r}");
        }
        s
    }
}

/// One minute of a scaling run.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesPoint {
    /// Minute.
    pub minute: u32,
    /// Offered load (requests or messages per second).
    pub load: f64,
    /// The first policy's metric value.
    pub metric: Option<f64>,
    /// Desired count.
    pub desired: u32,
    /// Running tasks.
    pub running: u32,
    /// Pending tasks (before RUNNING, including those waiting for capacity).
    pub pending: u32,
    /// Requests per second no task could take (Fargate tasks at 100 % CPU).
    pub unmet: f64,
    /// Container instances.
    pub instances: u32,
    /// CapacityProviderReservation of the first managed provider.
    pub cpr: Option<f64>,
    /// Any alarm in ALARM.
    pub alarm: bool,
    /// Any cooldown running.
    pub cooldown: bool,
    /// Scheduled actions that ran.
    pub scheduled: Vec<String>,
}

/// What `deckhand sim scaling --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct ScalingReport {
    /// Always "scaling".
    pub kind: &'static str,
    /// Policy names.
    pub policies: Vec<String>,
    /// Each policy in words: target tracking with its target, or step scaling with its
    /// alarm and step adjustments.
    pub policy_details: Vec<String>,
    /// The first policy's metric.
    pub metric: String,
    /// The first policy's target (target tracking) or alarm threshold (step scaling).
    pub target: Option<f64>,
    /// L at the end.
    pub lower: u32,
    /// U at the end.
    pub upper: u32,
    /// The deployment status if one ran; otherwise `steady` (running = desired, nothing
    /// pending) or `in_progress`.
    pub status: &'static str,
    /// Desired at the end.
    pub desired: u32,
    /// Batches of a deployment, if one ran.
    pub batches: Vec<Batch>,
    /// Per-minute series.
    pub series: Vec<SeriesPoint>,
    /// The event log.
    pub events: Vec<Event>,
}

impl ScalingReport {
    /// Summarise a scaling run.
    pub fn new(sim: &Simulation) -> Self {
        let cfg = sim.config();
        let all = cfg
            .scaling
            .as_ref()
            .map(|s| s.policies.as_slice())
            .unwrap_or_default();
        let policies: Vec<String> = all.iter().map(|p| p.name().to_string()).collect();
        let policy_details: Vec<String> = all
            .iter()
            .map(|p| super::view::describe_policy(p, &cfg.model))
            .collect();
        let first = cfg.scaling.as_ref().and_then(|s| s.policies.first());
        let metric = first.map_or(super::config::MetricKind::Cpu, |p| p.metric());
        let target = first.map(|p| match p {
            super::config::ScalingPolicy::TargetTracking(t) => t.target,
            super::config::ScalingPolicy::Step(s) => s.alarm.threshold,
        });
        let (desired, lower, upper) = sim.limits();
        let c = sim.counts();
        let status = match sim.status() {
            DeploymentStatus::None => {
                if c.running == desired && c.pending == 0 {
                    "steady"
                } else {
                    "in_progress"
                }
            }
            s => s.word(),
        };
        let series = sim
            .samples()
            .iter()
            .map(|s| SeriesPoint {
                minute: s.minute,
                load: (s.metrics.load * 10.0).round() / 10.0,
                metric: s.metrics.get(metric).map(|v| (v * 10.0).round() / 10.0),
                desired: s.desired,
                running: s.running,
                pending: s.pending,
                instances: s.instances,
                unmet: (s.metrics.unmet * 10.0).round() / 10.0,
                cpr: s.providers.iter().find_map(|p| p.cpr),
                alarm: s.any_alarm(),
                cooldown: s.cooldown_active(),
                scheduled: s.scheduled.clone(),
            })
            .collect();
        ScalingReport {
            kind: "scaling",
            policies,
            policy_details,
            metric: metric.name().to_string(),
            target,
            lower,
            upper,
            status,
            desired,
            batches: sim.batches().to_vec(),
            series,
            events: sim.events().to_vec(),
        }
    }

    /// A readable timeline: a table per minute, then the events.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Service auto scaling on {}", self.metric);
        if self.policy_details.is_empty() {
            let _ = writeln!(s, "  scheduled actions only");
        }
        for d in &self.policy_details {
            let _ = writeln!(s, "  {d}");
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            " min   load  unmet  metric  desired running pending instances   CPR  marks"
        );
        for p in &self.series {
            let metric = p.metric.map_or_else(|| "-".to_string(), num);
            let cpr = p.cpr.map_or_else(|| "-".to_string(), num);
            let mut marks = Vec::new();
            if p.alarm {
                marks.push("alarm".to_string());
            }
            if p.cooldown {
                marks.push("cooldown".to_string());
            }
            for a in &p.scheduled {
                marks.push(format!("scheduled {a}"));
            }
            let _ = writeln!(
                s,
                "{:>4} {:>6} {:>6} {:>7} {:>8} {:>7} {:>7} {:>9} {:>5}  {}",
                p.minute,
                num(p.load),
                num(p.unmet),
                metric,
                p.desired,
                p.running,
                p.pending,
                p.instances,
                cpr,
                marks.join(", ")
            );
        }
        let _ = writeln!(s);
        for e in &self.events {
            let _ = writeln!(s, "  {e}");
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "status: {} (desired {})", self.status, self.desired);
        s
    }
}

/// A stage of a traffic-shifting deployment and when it began.
#[derive(Debug, Clone, Serialize)]
pub struct StageMark {
    /// Its name (ECS lifecycle stage or CodeDeploy lifecycle event).
    pub stage: String,
    /// Second it began.
    pub t: u64,
}

/// Where traffic stood after a shift.
#[derive(Debug, Clone, Serialize)]
pub struct TrafficMark {
    /// Second of the shift.
    pub t: u64,
    /// Share of production traffic on green, in percent.
    pub production: f64,
    /// Share of test traffic on green, in percent.
    pub test: f64,
    /// The shift sent everything back to blue.
    pub rollback: bool,
}

/// What `deckhand sim bluegreen|linear|canary --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct ShiftReport {
    /// Always "bluegreen".
    pub kind: &'static str,
    /// The deployment in words, e.g. "an ECS canary deployment (5 % first, the rest 10
    /// minutes later)".
    pub strategy: String,
    /// D.
    pub desired: u32,
    /// completed, rolled_back, failed, in_progress or rolling_back.
    pub status: &'static str,
    /// Why it failed or rolled back, in plain words.
    pub reason: Option<String>,
    /// Second the deployment ended.
    pub finished_at: Option<u64>,
    /// The stages, in order.
    pub stages: Vec<StageMark>,
    /// Every traffic shift.
    pub traffic: Vec<TrafficMark>,
    /// The event log.
    pub events: Vec<Event>,
}

impl ShiftReport {
    /// Summarise a traffic-shifting run.
    pub fn new(sim: &Simulation) -> Self {
        let cfg = sim.config();
        let status = sim.status();
        let mut stages = Vec::new();
        let mut traffic = Vec::new();
        for e in sim.events() {
            match &e.kind {
                EventKind::StageStarted {
                    stage, controller, ..
                } => stages.push(StageMark {
                    stage: stage.name(*controller).unwrap_or("?").to_string(),
                    t: e.t,
                }),
                EventKind::TrafficShifted {
                    production,
                    test,
                    rollback,
                    ..
                } => traffic.push(TrafficMark {
                    t: e.t,
                    production: *production,
                    test: *test,
                    rollback: *rollback,
                }),
                _ => {}
            }
        }
        let reason = match status {
            DeploymentStatus::Failed
            | DeploymentStatus::RolledBack
            | DeploymentStatus::RollingBack => sim
                .events()
                .iter()
                .rev()
                .find(|e| {
                    matches!(
                        e.kind,
                        EventKind::DeploymentAlarmFired { .. }
                            | EventKind::HookFinished { failed: true, .. }
                    )
                })
                .map(Event::message),
            DeploymentStatus::InProgress => {
                Some("the deployment did not finish within the time limit".into())
            }
            _ => None,
        };
        ShiftReport {
            kind: "bluegreen",
            strategy: cfg
                .service
                .traffic_shift
                .as_ref()
                .map(super::config::TrafficShift::describe)
                .unwrap_or_default(),
            desired: sim.desired(),
            status: status.word(),
            reason,
            finished_at: ended_at(sim, &status),
            stages,
            traffic,
            events: sim.events().to_vec(),
        }
    }

    /// A readable timeline.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Deployment by {}: desired {}",
            self.strategy, self.desired
        );
        let _ = writeln!(s);
        for e in &self.events {
            let _ = writeln!(s, "  {e}");
        }
        let _ = writeln!(s);
        let stages: Vec<String> = self
            .stages
            .iter()
            .map(|m| format!("{} {}", m.stage, clock(m.t)))
            .collect();
        let _ = writeln!(s, "stages: {}", stages.join(" → "));
        let traffic: Vec<String> = self
            .traffic
            .iter()
            .map(|m| {
                if m.rollback {
                    format!("{} all back to blue", clock(m.t))
                } else {
                    format!(
                        "{} green {}% of production, {}% of test",
                        clock(m.t),
                        num(m.production),
                        num(m.test)
                    )
                }
            })
            .collect();
        if traffic.is_empty() {
            let _ = writeln!(s, "traffic: none moved; blue served all of it");
        } else {
            let _ = writeln!(s, "traffic: {}", traffic.join(" → "));
        }
        let _ = write!(s, "status: {}", self.status);
        if let Some(t) = self.finished_at {
            let _ = write!(s, " at {}", clock(t));
        }
        let _ = writeln!(s);
        if let Some(r) = &self.reason {
            let _ = writeln!(s, "reason: {r}");
        }
        s
    }
}
