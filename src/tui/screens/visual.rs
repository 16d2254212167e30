//! The visualiser: a rolling update or service auto scaling, played by the simulator, with
//! the parameters edited in place and a "quiz me" mode that pauses at each decision and asks
//! what the simulator will do.
//!
//! Time: while playing, the app wakes about 30 times a second and the simulation advances by
//! the elapsed time × speed; paused, nothing runs and the loop blocks on input.

use chrono::{DateTime, Utc};

use crate::quiz::predict::{self, Prediction};
use crate::sim::{
    BrokenImage, DeploymentStatus, LaunchType, LoadKind, MetricKind, PolicyKind, Preset,
    RollingPreset, ScalingPreset, Simulation,
};

/// Simulated seconds per real second.
pub const SPEEDS: [u32; 8] = [1, 2, 5, 10, 30, 60, 120, 300];
/// The starting speeds (indexes into [`SPEEDS`]): 10× for a rolling update (a few
/// minutes), 60× for an hour of auto scaling.
const ROLLING_SPEED: usize = 3;
const SCALING_SPEED: usize = 5;
/// Frames per second while playing.
pub const FPS: i64 = 30;

/// Which scenario is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Rolling,
    Scaling,
}

/// A prediction being asked, or answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    pub prediction: Prediction,
    /// The option chosen, once answered.
    pub chosen: Option<usize>,
    /// The generated card this question is (when the scenario is one of the generated
    /// pack's), so the answer is scheduled.
    pub card: Option<String>,
    /// The n-th question of this run.
    pub index: usize,
}

/// The visualiser's state.
#[derive(Debug, Clone)]
pub struct Visual {
    pub tab: Tab,
    pub rolling: RollingPreset,
    pub scaling: ScalingPreset,
    pub sim: Simulation,
    /// Why the parameters cannot run (the simulation keeps the last valid ones).
    pub error: Option<String>,
    pub playing: bool,
    pub speed: usize,
    /// When the last frame advanced the simulation.
    pub last_frame: Option<DateTime<Utc>>,
    /// Simulated milliseconds owed to the next frame.
    pub carry_ms: i64,
    /// Editing the parameters (↑↓ choose, ←→ change).
    pub editing: bool,
    pub field: usize,
    /// Quiz me: pause at each decision and ask.
    pub predict: bool,
    pub upcoming: Option<Prediction>,
    pub asked: Option<Asked>,
    pub questions: usize,
    pub score: (u32, u32),
    /// Events scrolled back from the newest.
    pub log_back: usize,
}

impl Visual {
    /// The seed example: desired 10, minimum healthy 60 %, maximum 100 %.
    pub fn new() -> Visual {
        let rolling = RollingPreset {
            desired: 10,
            min_healthy: Some(60),
            max_percent: Some(100),
            ..RollingPreset::default()
        };
        Visual::with(Preset::Rolling(rolling))
    }

    /// Open on a card's preset.
    pub fn with(preset: Preset) -> Visual {
        let (tab, rolling, scaling) = match preset {
            Preset::Rolling(r) => (Tab::Rolling, r, ScalingPreset::default()),
            Preset::Scaling(s) => (Tab::Scaling, RollingPreset::default(), s),
        };
        let sim = Simulation::from_preset(&Preset::Rolling(RollingPreset::default()))
            .expect("the default preset always runs");
        let mut v = Visual {
            tab,
            rolling,
            scaling,
            sim,
            error: None,
            playing: false,
            speed: if tab == Tab::Rolling {
                ROLLING_SPEED
            } else {
                SCALING_SPEED
            },
            last_frame: None,
            carry_ms: 0,
            editing: false,
            field: 0,
            predict: false,
            upcoming: None,
            asked: None,
            questions: 0,
            score: (0, 0),
            log_back: 0,
        };
        v.restart();
        v
    }

    /// Switch to the other scenario (its parameters were kept), at its starting speed.
    pub fn show(&mut self, tab: Tab) {
        self.tab = tab;
        self.field = 0;
        self.speed = if tab == Tab::Rolling {
            ROLLING_SPEED
        } else {
            SCALING_SPEED
        };
        self.restart();
    }

    /// The preset of the tab shown.
    pub fn preset(&self) -> Preset {
        match self.tab {
            Tab::Rolling => Preset::Rolling(self.rolling.clone()),
            Tab::Scaling => Preset::Scaling(self.scaling.clone()),
        }
    }

    /// Build the simulation afresh from the parameters (paused at 0:00).
    pub fn restart(&mut self) {
        match Simulation::from_preset(&self.preset()) {
            Ok(sim) => {
                self.sim = sim;
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
        self.playing = false;
        self.last_frame = None;
        self.carry_ms = 0;
        self.asked = None;
        self.upcoming = None;
        self.questions = 0;
        self.log_back = 0;
        self.plan_prediction();
    }

    /// How long the scenario runs, in simulated seconds.
    pub fn horizon(&self) -> u64 {
        self.preset().duration_secs()
    }

    /// `true` once nothing more will happen (a rolling update settled, or the scaling
    /// scenario's time is up).
    pub fn finished(&self) -> bool {
        let t = self.sim.time();
        if t >= self.horizon() {
            return true;
        }
        self.tab == Tab::Rolling
            && matches!(
                self.sim.status(),
                DeploymentStatus::Completed
                    | DeploymentStatus::Stuck(_)
                    | DeploymentStatus::Failed
                    | DeploymentStatus::RolledBack
            )
    }

    /// In quiz-me mode, find the next decision to ask about.
    fn plan_prediction(&mut self) {
        self.upcoming = if self.predict && self.error.is_none() {
            predict::next_prediction(&self.sim, self.horizon().saturating_sub(self.sim.time()))
        } else {
            None
        };
    }

    pub fn toggle_predict(&mut self) {
        self.predict = !self.predict;
        self.asked = None;
        self.plan_prediction();
    }

    /// One frame at `now`: advance by the elapsed real time × speed, stopping at a
    /// question or at the end.
    pub fn frame(&mut self, now: DateTime<Utc>) {
        if !self.playing {
            self.last_frame = None;
            return;
        }
        let elapsed = self
            .last_frame
            .map_or(0, |t| (now - t).num_milliseconds().clamp(0, 1000));
        self.last_frame = Some(now);
        self.carry_ms += elapsed * i64::from(SPEEDS[self.speed]);
        let secs = self.carry_ms / 1000;
        self.carry_ms %= 1000;
        for _ in 0..secs {
            if !self.advance_one() {
                break;
            }
        }
    }

    /// Advance one simulated second, unless a question is due or the run is over. Returns
    /// whether it advanced.
    fn advance_one(&mut self) -> bool {
        if self.finished() {
            self.playing = false;
            return false;
        }
        if let Some(p) = &self.upcoming
            && p.at == self.sim.time()
            && self.asked.is_none()
        {
            self.ask();
            return false;
        }
        if self.asked.as_ref().is_some_and(|a| a.chosen.is_none()) {
            self.playing = false;
            return false;
        }
        self.sim.step();
        true
    }

    fn ask(&mut self) {
        let Some(prediction) = self.upcoming.take() else {
            return;
        };
        let card =
            predict::scenario_of(&self.preset()).map(|s| predict::card_id(s, self.questions));
        self.asked = Some(Asked {
            prediction,
            chosen: None,
            card,
            index: self.questions,
        });
        self.questions += 1;
        self.playing = false;
    }

    /// Step to the next event (the next second in which something is logged), or answer
    /// the pending question's "continue".
    pub fn step_event(&mut self) {
        if self.error.is_some() {
            return;
        }
        if self.asked.as_ref().is_some_and(|a| a.chosen.is_some()) {
            self.continue_after_answer();
            return;
        }
        let start = self.sim.events().len();
        while self.sim.events().len() == start {
            if !self.advance_one() {
                return;
            }
        }
    }

    /// Answer the pending question with option `i`. Returns whether it was right.
    pub fn answer(&mut self, i: usize) -> Option<bool> {
        let asked = self.asked.as_mut()?;
        if asked.chosen.is_some() || i >= asked.prediction.options.len() {
            return None;
        }
        asked.chosen = Some(i);
        let right = i == asked.prediction.answer;
        self.score.1 += 1;
        if right {
            self.score.0 += 1;
        }
        Some(right)
    }

    /// After an answer: let the simulator take the decision, then look for the next one.
    pub fn continue_after_answer(&mut self) {
        if self.asked.as_ref().is_some_and(|a| a.chosen.is_some()) {
            self.asked = None;
            self.sim.step();
            self.plan_prediction();
            self.playing = true;
        }
    }

    pub fn toggle_play(&mut self) {
        if self.error.is_some() || self.asked.as_ref().is_some_and(|a| a.chosen.is_none()) {
            return;
        }
        if self.asked.is_some() {
            self.continue_after_answer();
            return;
        }
        if self.finished() {
            self.restart();
        }
        self.playing = !self.playing;
        self.last_frame = None;
    }

    pub fn faster(&mut self) {
        self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
    }

    pub fn slower(&mut self) {
        self.speed = self.speed.saturating_sub(1);
    }

    /// The editable fields of the tab shown: (label, value shown).
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let on = |b: bool| if b { "on" } else { "off" }.to_string();
        match self.tab {
            Tab::Rolling => {
                let r = &self.rolling;
                let ec2 = r.launch_type == Some(LaunchType::Ec2);
                vec![
                    ("desired count", r.desired.to_string()),
                    (
                        "minimum healthy %",
                        r.min_healthy.unwrap_or(100).to_string(),
                    ),
                    ("maximum %", r.max_percent.unwrap_or(200).to_string()),
                    (
                        "launch type",
                        if ec2 { "EC2" } else { "Fargate" }.to_string(),
                    ),
                    (
                        "cluster room (tasks)",
                        if ec2 {
                            r.capacity.unwrap_or(r.desired * 2).to_string()
                        } else {
                            "unlimited".into()
                        },
                    ),
                    ("load balancer", on(r.load_balancer)),
                    (
                        "health check (s)",
                        if r.load_balancer {
                            format!("{} x 5", r.health_check_secs.unwrap_or(30))
                        } else {
                            "40 s after RUNNING".into()
                        },
                    ),
                    (
                        "deregistration delay",
                        if r.load_balancer {
                            format!("{} s", r.dereg_delay_secs.unwrap_or(300))
                        } else {
                            "-".into()
                        },
                    ),
                    (
                        "broken image",
                        match r.broken_image {
                            BrokenImage::None => "off",
                            BrokenImage::Start => "fails to start",
                            BrokenImage::Health => "fails health checks",
                        }
                        .into(),
                    ),
                    ("circuit breaker", on(r.circuit_breaker)),
                    ("rollback", on(r.rollback)),
                ]
            }
            Tab::Scaling => {
                let s = &self.scaling;
                let ec2 = s.launch_type == LaunchType::Ec2;
                vec![
                    ("policy", s.policy.to_string()),
                    (
                        "metric",
                        metric_word(s.metric.unwrap_or_default()).to_string(),
                    ),
                    ("target", format!("{:.0}", s.target)),
                    ("load", s.load.to_string()),
                    ("minimum tasks", s.min.unwrap_or(1).to_string()),
                    ("maximum tasks", s.max.unwrap_or(20).to_string()),
                    (
                        "scale-in",
                        if s.disable_scale_in {
                            "disabled"
                        } else {
                            "enabled"
                        }
                        .into(),
                    ),
                    (
                        "launch type",
                        if ec2 {
                            "EC2 + capacity provider"
                        } else {
                            "Fargate"
                        }
                        .into(),
                    ),
                    (
                        "instances",
                        if ec2 {
                            s.instances.unwrap_or(2).to_string()
                        } else {
                            "-".into()
                        },
                    ),
                    (
                        "target capacity %",
                        if ec2 {
                            s.target_capacity.unwrap_or(100).to_string()
                        } else {
                            "-".into()
                        },
                    ),
                    ("minutes", s.minutes.unwrap_or(60).to_string()),
                ]
            }
        }
    }

    /// Change the selected field by `delta` steps (←/→), then restart.
    pub fn change(&mut self, delta: i32) {
        let step = |v: u32, by: i32, lo: u32, hi: u32| -> u32 {
            (i64::from(v) + i64::from(by)).clamp(i64::from(lo), i64::from(hi)) as u32
        };
        match self.tab {
            Tab::Rolling => {
                let r = &mut self.rolling;
                match self.field {
                    0 => r.desired = step(r.desired, delta, 0, 100),
                    1 => {
                        r.min_healthy = Some(step(r.min_healthy.unwrap_or(100), delta * 10, 0, 100))
                    }
                    2 => {
                        r.max_percent =
                            Some(step(r.max_percent.unwrap_or(200), delta * 10, 100, 400))
                    }
                    3 => {
                        let ec2 = r.launch_type == Some(LaunchType::Ec2);
                        r.launch_type = Some(if ec2 {
                            LaunchType::Fargate
                        } else {
                            LaunchType::Ec2
                        });
                        r.capacity = if ec2 { None } else { Some(r.desired * 2) };
                        r.instances = None;
                    }
                    4 if r.launch_type == Some(LaunchType::Ec2) => {
                        r.capacity = Some(step(r.capacity.unwrap_or(r.desired * 2), delta, 1, 400));
                    }
                    5 => {
                        r.load_balancer = !r.load_balancer;
                        if !r.load_balancer {
                            r.health_check_secs = None;
                            r.dereg_delay_secs = None;
                        }
                    }
                    6 if r.load_balancer => {
                        r.health_check_secs =
                            Some(step(r.health_check_secs.unwrap_or(30), delta * 5, 5, 300))
                    }
                    7 if r.load_balancer => {
                        r.dereg_delay_secs =
                            Some(step(r.dereg_delay_secs.unwrap_or(300), delta * 30, 0, 3600))
                    }
                    8 => {
                        let all = [BrokenImage::None, BrokenImage::Start, BrokenImage::Health];
                        let at = all.iter().position(|b| *b == r.broken_image).unwrap_or(0) as i32;
                        r.broken_image = all[(at + delta).rem_euclid(3) as usize];
                    }
                    9 => {
                        r.circuit_breaker = !r.circuit_breaker;
                        if !r.circuit_breaker {
                            r.rollback = false;
                        }
                    }
                    10 => {
                        r.rollback = !r.rollback;
                        if r.rollback {
                            r.circuit_breaker = true;
                        }
                    }
                    _ => return,
                }
            }
            Tab::Scaling => {
                let s = &mut self.scaling;
                let ec2 = s.launch_type == LaunchType::Ec2;
                match self.field {
                    0 => {
                        let all = [
                            PolicyKind::TargetTracking,
                            PolicyKind::Step,
                            PolicyKind::Scheduled,
                        ];
                        let at = all.iter().position(|p| *p == s.policy).unwrap_or(0) as i32;
                        s.policy = all[(at + delta).rem_euclid(3) as usize];
                    }
                    1 => {
                        let all = [
                            MetricKind::Cpu,
                            MetricKind::Memory,
                            MetricKind::Requests,
                            MetricKind::Backlog,
                        ];
                        let at = all.iter().position(|m| Some(*m) == s.metric).unwrap_or(0) as i32;
                        s.metric = Some(all[(at + delta).rem_euclid(4) as usize]);
                    }
                    2 => s.target = (s.target + f64::from(delta) * 5.0).clamp(5.0, 1000.0),
                    3 => {
                        let all = [
                            LoadKind::Steady,
                            LoadKind::Spike,
                            LoadKind::DailyWave,
                            LoadKind::SqsBacklog,
                        ];
                        let at = all.iter().position(|l| *l == s.load).unwrap_or(0) as i32;
                        s.load = all[(at + delta).rem_euclid(4) as usize];
                    }
                    4 => s.min = Some(step(s.min.unwrap_or(1), delta, 0, s.max.unwrap_or(20))),
                    5 => {
                        s.max = Some(step(
                            s.max.unwrap_or(20),
                            delta,
                            s.min.unwrap_or(1).max(1),
                            200,
                        ))
                    }
                    6 => s.disable_scale_in = !s.disable_scale_in,
                    7 => {
                        s.launch_type = if ec2 {
                            LaunchType::Fargate
                        } else {
                            LaunchType::Ec2
                        }
                    }
                    8 if ec2 => s.instances = Some(step(s.instances.unwrap_or(2), delta, 0, 50)),
                    9 if ec2 => {
                        s.target_capacity =
                            Some(step(s.target_capacity.unwrap_or(100), delta * 10, 10, 100))
                    }
                    10 => s.minutes = Some(step(s.minutes.unwrap_or(60), delta * 15, 15, 240)),
                    _ => return,
                }
            }
        }
        self.restart();
    }
}

impl Default for Visual {
    fn default() -> Self {
        Visual::new()
    }
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
