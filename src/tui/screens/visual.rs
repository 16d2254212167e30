//! The visualiser: a rolling update, service auto scaling, a blue/green, linear or canary
//! deployment, or task placement, played by the simulator, with the parameters edited in place and a
//! "quiz me" mode that pauses at each decision and asks what the simulator will do.
//!
//! Time: while playing, the app wakes about 30 times a second and the simulation advances by
//! the elapsed time × speed; paused, nothing runs and the loop blocks on input.

use chrono::{DateTime, Utc};

use super::super::action::Action;
use crate::quiz::predict::{self, Prediction};
use crate::sim::{
    BlueGreenPreset, DeploymentStatus, Injection, PlacementPreset, Preset, RollingPreset,
    ScalingPreset, Simulation,
};

/// Simulated seconds per real second.
pub const SPEEDS: [u32; 8] = [1, 2, 5, 10, 30, 60, 120, 300];
/// The starting speeds (indexes into [`SPEEDS`]): 2× for placement (a task a second), 10×
/// for a rolling update (a few minutes), 30× for a blue/green deployment (ten minutes and
/// more), 60× for an hour of auto scaling.
const PLACEMENT_SPEED: usize = 1;
const ROLLING_SPEED: usize = 3;
const SHIFT_SPEED: usize = 4;
const SCALING_SPEED: usize = 5;
/// Frames per second while playing.
pub const FPS: i64 = 30;

/// Which scenario is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Rolling,
    Scaling,
    BlueGreen,
    Placement,
}

impl Tab {
    fn speed(self) -> usize {
        match self {
            Tab::Rolling => ROLLING_SPEED,
            Tab::Scaling => SCALING_SPEED,
            Tab::BlueGreen => SHIFT_SPEED,
            Tab::Placement => PLACEMENT_SPEED,
        }
    }
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
    pub bluegreen: BlueGreenPreset,
    pub placement: PlacementPreset,
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
        let mut rolling = RollingPreset::default();
        let mut scaling = ScalingPreset::default();
        let mut bluegreen = BlueGreenPreset::default();
        let mut placement = PlacementPreset::default();
        let tab = match preset {
            Preset::Rolling(r) => {
                rolling = r;
                Tab::Rolling
            }
            Preset::Scaling(s) => {
                scaling = s;
                Tab::Scaling
            }
            Preset::BlueGreen(b) => {
                bluegreen = b;
                Tab::BlueGreen
            }
            Preset::Placement(p) => {
                placement = p;
                Tab::Placement
            }
        };
        let sim = Simulation::from_preset(&Preset::Rolling(RollingPreset::default()))
            .expect("the default preset always runs");
        let mut v = Visual {
            tab,
            rolling,
            scaling,
            bluegreen,
            placement,
            sim,
            error: None,
            playing: false,
            speed: tab.speed(),
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
        self.speed = tab.speed();
        self.restart();
    }

    /// The preset of the tab shown.
    pub fn preset(&self) -> Preset {
        match self.tab {
            Tab::Rolling => Preset::Rolling(self.rolling.clone()),
            Tab::Scaling => Preset::Scaling(self.scaling.clone()),
            Tab::BlueGreen => Preset::BlueGreen(self.bluegreen.clone()),
            Tab::Placement => Preset::Placement(self.placement.clone()),
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

    /// `true` once nothing more will happen (a deployment ended, every task placed or one
    /// that cannot be, or the scaling scenario's time is up).
    pub fn finished(&self) -> bool {
        let t = self.sim.time();
        if t >= self.horizon() {
            return true;
        }
        match self.tab {
            Tab::Scaling => return false,
            Tab::Placement => return self.sim.placement_settled(),
            Tab::Rolling | Tab::BlueGreen => {}
        }
        matches!(
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
            // Pause where the decision is taken, so the screen shows the state asked about.
            let (at, phase) = (p.at, p.phase);
            self.sim.run_to(at, phase);
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
}

/// What an action on the visualiser asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VisualOutcome {
    /// Nothing beyond the visualiser's own state.
    None,
    /// A prediction was answered; `card` is the generated card it is (to schedule it).
    Answered { card: String, right: bool },
    /// Leave the visualiser.
    Back,
}

impl Visual {
    /// Apply a named action (the keymap turned a key into it).
    pub fn update(&mut self, action: Action) -> VisualOutcome {
        if self.editing {
            match action {
                Action::Up => self.field = self.field.saturating_sub(1),
                Action::Down => self.field = (self.field + 1).min(self.fields().len() - 1),
                Action::Left => self.change(-1),
                Action::Right => self.change(1),
                Action::Back => self.editing = false,
                _ => {}
            }
            return VisualOutcome::None;
        }
        match action {
            Action::Choose(i) => {
                let Some(right) = self.answer(i) else {
                    return VisualOutcome::None;
                };
                if let Some(card) = self.asked.as_ref().and_then(|a| a.card.clone()) {
                    return VisualOutcome::Answered { card, right };
                }
            }
            Action::TogglePlay => self.toggle_play(),
            Action::StepEvent => self.step_event(),
            Action::Faster => self.faster(),
            Action::Slower => self.slower(),
            Action::Restart => self.restart(),
            Action::ToggleQuizMe => self.toggle_predict(),
            Action::EditParams => {
                self.editing = true;
                self.playing = false;
            }
            Action::ShowRolling => self.switch(Tab::Rolling),
            Action::ShowScaling => self.switch(Tab::Scaling),
            Action::ShowBlueGreen => self.switch(Tab::BlueGreen),
            Action::ShowPlacement => self.switch(Tab::Placement),
            // Only a service with deployment alarms has one to trip.
            Action::TripAlarm if self.sim.config().service.deployment_alarms.is_some() => {
                let _ = self.sim.inject(Injection::SetDeploymentAlarm(true));
                self.plan_prediction();
            }
            Action::PageUp => {
                self.log_back = (self.log_back + 5).min(self.sim.events().len().saturating_sub(1))
            }
            Action::PageDown => self.log_back = self.log_back.saturating_sub(5),
            Action::Back => return VisualOutcome::Back,
            _ => {}
        }
        VisualOutcome::None
    }

    fn switch(&mut self, tab: Tab) {
        if self.tab != tab {
            self.show(tab);
        }
    }
}

impl Default for Visual {
    fn default() -> Self {
        Visual::new()
    }
}
