//! Scenario presets: the flat form content cards and the CLI use, e.g.
//! `sim = { kind = "rolling", desired = 10, min_healthy = 60, max_percent = 100 }` or
//! `sim = { kind = "scaling", policy = "target-tracking", target = 50, load = "spike",
//! launch_type = "ec2", instances = 2, target_capacity = 100 }`.
//! [`Preset::to_config`] turns one into a full [`SimConfig`].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use super::config::{ConfigError, LoadPreset, PlacementStrategy, SimConfig};

/// A scenario preset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Preset {
    /// A rolling update.
    Rolling(RollingPreset),
    /// Service (and cluster) auto scaling.
    Scaling(ScalingPreset),
    /// A blue/green, linear or canary deployment (ECS), or CodeDeploy blue/green.
    #[serde(rename = "bluegreen")]
    BlueGreen(BlueGreenPreset),
    /// Task placement on EC2 instances across AZs.
    Placement(PlacementPreset),
}

impl Preset {
    /// The full configuration.
    pub fn to_config(&self) -> Result<SimConfig, ConfigError> {
        match self {
            Preset::Rolling(p) => p.to_config(),
            Preset::Scaling(p) => p.to_config(),
            Preset::BlueGreen(p) => p.to_config(),
            Preset::Placement(p) => p.to_config(),
        }
    }

    /// How long the scenario runs (seconds).
    pub fn duration_secs(&self) -> u64 {
        let minutes = match self {
            Preset::Rolling(p) => p.minutes,
            Preset::Scaling(p) => p.minutes,
            Preset::BlueGreen(p) => p.minutes,
            Preset::Placement(p) => Some(p.minutes.unwrap_or(10)),
        };
        u64::from(minutes.unwrap_or(60)) * 60
    }

    /// The `kind` word: rolling, scaling, bluegreen or placement.
    pub fn kind(&self) -> &'static str {
        match self {
            Preset::Rolling(_) => "rolling",
            Preset::Scaling(_) => "scaling",
            Preset::BlueGreen(_) => "bluegreen",
            Preset::Placement(_) => "placement",
        }
    }

    /// A rolling update or a traffic-shifting deployment: it runs until it ends.
    pub fn is_deployment(&self) -> bool {
        matches!(self, Preset::Rolling(_) | Preset::BlueGreen(_))
    }
}

pub(super) fn bad(msg: impl Into<String>) -> ConfigError {
    ConfigError::Preset(msg.into())
}

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident $label:literal { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $name {
            $($(#[$vm])* $variant),+
        }

        impl $name {
            /// Every accepted word.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word for this value.
            pub fn word(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl FromStr for $name {
            type Err = ConfigError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($word => Ok($name::$variant),)+
                    _ => Err(bad(format!(
                        "unknown {} `{s}`: use one of {}",
                        $label,
                        $name::WORDS.join(", ")
                    ))),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.word())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

word_enum!(
    /// Launch type of a preset.
    LaunchType "launch type" {
        /// Fargate.
        #[default]
        Fargate = "fargate",
        /// EC2.
        Ec2 = "ec2",
    }
);

word_enum!(
    /// Broken image setting.
    BrokenImage "broken image setting" {
        /// The image works.
        #[default]
        None = "none",
        /// New tasks stop before RUNNING.
        Start = "start",
        /// New tasks fail their health checks.
        Health = "health",
    }
);

word_enum!(
    /// Which scaling policy a preset uses.
    PolicyKind "policy" {
        /// Target tracking.
        #[default]
        TargetTracking = "target-tracking",
        /// Step scaling (the documented percent example, scale-out and scale-in halves).
        Step = "step",
        /// Target tracking plus two scheduled actions: the minimum raised to 6 at minute 10,
        /// ahead of the peak, and lowered back at minute 40.
        Scheduled = "scheduled",
    }
);

word_enum!(
    /// Load presets.
    LoadKind "load" {
        /// Constant.
        Steady = "steady",
        /// One spike.
        #[default]
        Spike = "spike",
        /// A compressed day.
        DailyWave = "daily-wave",
        /// A queue backlog growing, then draining.
        SqsBacklog = "sqs-backlog",
    }
);

word_enum!(
    /// Placement strategy of a preset.
    PlacementKind "placement" {
        /// Spread by AZ (the ECS service default).
        #[default]
        Spread = "spread",
        /// Binpack on memory.
        Binpack = "binpack",
        /// Random.
        Random = "random",
    }
);

word_enum!(
    /// How the circuit breaker's threshold value counts (ThresholdConfiguration type).
    ThresholdKind "threshold type" {
        /// value % of the desired count, clamped to 3..200 (the default).
        #[default]
        BoundedPercent = "bounded-percent",
        /// value % of the desired count, not clamped.
        UnboundedPercent = "unbounded-percent",
        /// value failures.
        Count = "count",
    }
);

word_enum!(
    /// Step scaling adjustment type of a preset.
    AdjustmentKind "adjustment type" {
        /// PercentChangeInCapacity.
        #[default]
        Percent = "percent",
        /// ChangeInCapacity.
        Change = "change",
        /// ExactCapacity.
        Exact = "exact",
    }
);

word_enum!(
    /// How an ECS traffic-shifting deployment moves production traffic.
    ShiftKind "strategy" {
        /// All at once (BLUE_GREEN).
        #[default]
        BlueGreen = "blue-green",
        /// In equal steps (LINEAR).
        Linear = "linear",
        /// A canary step, then the rest (CANARY).
        Canary = "canary",
    }
);

word_enum!(
    /// The deployment controller of a traffic-shifting preset.
    ControllerKind "controller" {
        /// ECS.
        #[default]
        Ecs = "ecs",
        /// AWS CodeDeploy.
        CodeDeploy = "codedeploy",
    }
);

word_enum!(
    /// A placement strategy of the placement preset.
    StrategyKind "placement strategy" {
        /// spread on attribute:ecs.availability-zone.
        #[default]
        SpreadAz = "spread-az",
        /// spread on instanceId.
        SpreadInstance = "spread-instance",
        /// binpack on cpu.
        BinpackCpu = "binpack-cpu",
        /// binpack on memory.
        BinpackMemory = "binpack-memory",
        /// random.
        Random = "random",
    }
);

impl StrategyKind {
    /// The strategy it names.
    pub fn strategy(self) -> PlacementStrategy {
        match self {
            StrategyKind::SpreadAz => PlacementStrategy::SpreadAz,
            StrategyKind::SpreadInstance => PlacementStrategy::SpreadInstance,
            StrategyKind::BinpackCpu => PlacementStrategy::BinpackCpu,
            StrategyKind::BinpackMemory => PlacementStrategy::BinpackMemory,
            StrategyKind::Random => PlacementStrategy::Random,
        }
    }
}

impl LoadKind {
    /// The load shape.
    pub fn preset(self) -> LoadPreset {
        match self {
            LoadKind::Steady => LoadPreset::steady(),
            LoadKind::Spike => LoadPreset::spike(),
            LoadKind::DailyWave => LoadPreset::daily_wave(),
            LoadKind::SqsBacklog => LoadPreset::sqs_backlog(),
        }
    }
}

impl PlacementKind {
    fn strategy(self) -> PlacementStrategy {
        match self {
            PlacementKind::Spread => PlacementStrategy::SpreadAz,
            PlacementKind::Binpack => PlacementStrategy::BinpackMemory,
            PlacementKind::Random => PlacementStrategy::Random,
        }
    }
}

/// `broken_image` accepts `true`/`false` or `"start"`/`"health"`/`"none"`.
pub(super) fn broken_image<'de, D: Deserializer<'de>>(d: D) -> Result<BrokenImage, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Flag(bool),
        Word(String),
    }
    match Either::deserialize(d)? {
        Either::Flag(true) => Ok(BrokenImage::Start),
        Either::Flag(false) => Ok(BrokenImage::None),
        Either::Word(w) => w.parse().map_err(serde::de::Error::custom),
    }
}

mod placement;
mod rolling;
mod scaling;
mod shift;

pub use placement::{DEFAULT_INSTANCES, PlacementPreset, parse_instance};
pub use rolling::RollingPreset;
pub use rolling::threshold;
pub use scaling::{ActionPreset, ScalingPreset};
pub use shift::{BlueGreenPreset, codedeploy_plan, parse_stage};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::Capacity;

    #[derive(Deserialize)]
    struct Card {
        sim: Preset,
    }

    #[test]
    fn card_presets_parse_one_to_one() {
        let card: Card = toml::from_str(
            r#"sim = { kind = "rolling", desired = 10, min_healthy = 60, max_percent = 100 }"#,
        )
        .expect("rolling preset");
        let Preset::Rolling(r) = &card.sim else {
            panic!("expected rolling");
        };
        assert_eq!(
            (r.desired, r.min_healthy, r.max_percent),
            (10, Some(60), Some(100))
        );
        let cfg = card.sim.to_config().expect("config");
        assert_eq!(cfg.service.min_healthy, 60);
        assert!(cfg.cluster.is_fargate());
        let mut sim = crate::sim::Simulation::from_preset(&card.sim).expect("simulation");
        assert_eq!(sim.limits(), (10, 6, 10));
        assert!(sim.run_until_settled(card.sim.duration_secs()).is_final());

        let card: Card = toml::from_str(
            r#"sim = { kind = "scaling", policy = "target-tracking", target = 50, load = "spike", launch_type = "ec2", instances = 2, target_capacity = 100 }"#,
        )
        .expect("scaling preset");
        let cfg = card.sim.to_config().expect("config");
        assert!(matches!(cfg.cluster.capacity, Capacity::Providers { .. }));
        assert_eq!(cfg.scaling.as_ref().map(|s| s.policies.len()), Some(1));
    }

    #[test]
    fn unknown_words_and_fields_are_refused() {
        assert!(toml::from_str::<Card>(r#"sim = { kind = "canary" }"#).is_err());
        assert!(toml::from_str::<Card>(r#"sim = { kind = "rolling", desird = 3 }"#).is_err());
        assert!(toml::from_str::<Card>(r#"sim = { kind = "scaling", load = "tsunami" }"#).is_err());
        let err = "tsunami".parse::<LoadKind>().unwrap_err();
        assert!(
            err.to_string()
                .contains("steady, spike, daily-wave, sqs-backlog")
        );
    }

    #[test]
    fn broken_image_takes_a_flag_or_a_word() {
        let card: Card =
            toml::from_str(r#"sim = { kind = "rolling", broken_image = true }"#).expect("flag");
        let Preset::Rolling(r) = card.sim else {
            panic!("rolling");
        };
        assert_eq!(r.broken_image, BrokenImage::Start);
        let card: Card =
            toml::from_str(r#"sim = { kind = "rolling", broken_image = "health" }"#).expect("word");
        let Preset::Rolling(r) = card.sim else {
            panic!("rolling");
        };
        assert_eq!(r.broken_image, BrokenImage::Health);
    }

    #[test]
    fn inconsistent_presets_are_refused() {
        let p = RollingPreset {
            min_healthy: Some(80),
            max_percent: Some(50),
            ..RollingPreset::default()
        };
        assert!(p.to_config().is_err());
        let p = RollingPreset {
            dereg_delay_secs: Some(5),
            ..RollingPreset::default()
        };
        assert!(p.to_config().is_err());
        let p = ScalingPreset {
            min: Some(5),
            max: Some(2),
            ..ScalingPreset::default()
        };
        assert_eq!(
            p.to_config().unwrap_err(),
            ConfigError::ScalingMinAboveMax { min: 5, max: 2 }
        );
    }
}
