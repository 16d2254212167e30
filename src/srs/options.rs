//! The per-pack study settings, one type for every place that sets them: a pack's manifest
//! (the author's defaults), the progress database (fitted parameters, settings stored by
//! tools) and the user's `config.toml` (which wins). Each layer leaves a value `None` to let
//! the one below decide; [`PackOptions::over`] stacks them and [`PackOptions::settings`] turns
//! the result into the scheduler's [`PackSettings`]. The valid ranges live here too, so the
//! manifest and `config.toml` refuse the same values.

use std::ops::RangeInclusive;

use super::queue::{DailyLimits, LeechPolicy, PackSettings};
use super::{Fuzz, Parameters, Scheduler, SchedulerConfig};

/// Desired retention: what the manifest and `config.toml` accept.
pub const RETENTION: RangeInclusive<f64> = 0.7..=0.99;
/// New cards a day.
pub const NEW_PER_DAY: RangeInclusive<u32> = 0..=9999;
/// Reviews a day.
pub const REVIEWS_PER_DAY: RangeInclusive<u32> = 0..=99_999;
/// Maximum interval in days.
pub const MAXIMUM_INTERVAL: RangeInclusive<u32> = 1..=36_500;
/// Lapses that make a leech (0 turns leech detection off).
pub const LEECH_THRESHOLD: RangeInclusive<u32> = 0..=99;

/// Per-pack settings; `None` means "let the layer below decide".
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PackOptions {
    /// Desired retention (default 0.9).
    pub desired_retention: Option<f64>,
    /// New items per day (default 20).
    pub new_per_day: Option<u32>,
    /// Reviews per day (default 200).
    pub reviews_per_day: Option<u32>,
    /// Maximum interval in days (default 36500).
    pub maximum_interval: Option<u32>,
    /// Lapses that make a leech (default 8).
    pub leech_threshold: Option<u32>,
    /// Whether leeches are suspended (default yes).
    pub leech_suspend: Option<bool>,
    /// Fitted FSRS parameters (from `deckhand optimize`).
    pub parameters: Option<Vec<f64>>,
}

impl PackOptions {
    /// These options over `below`: each value set here wins, the others come from `below`.
    pub fn over(&self, below: &PackOptions) -> PackOptions {
        PackOptions {
            desired_retention: self.desired_retention.or(below.desired_retention),
            new_per_day: self.new_per_day.or(below.new_per_day),
            reviews_per_day: self.reviews_per_day.or(below.reviews_per_day),
            maximum_interval: self.maximum_interval.or(below.maximum_interval),
            leech_threshold: self.leech_threshold.or(below.leech_threshold),
            leech_suspend: self.leech_suspend.or(below.leech_suspend),
            parameters: self.parameters.clone().or_else(|| below.parameters.clone()),
        }
    }

    /// The scheduling settings of pack `pack` (its id seeds the interval fuzz), with the
    /// defaults for what is unset. Fails with a message on an invalid value.
    pub fn settings(&self, pack: &str) -> Result<PackSettings, String> {
        let base = SchedulerConfig::default();
        let parameters = match &self.parameters {
            None => base.parameters.clone(),
            Some(w) => Parameters::new(w)
                .ok_or_else(|| format!("pack {pack}: stored FSRS parameters are out of range"))?,
        };
        let config = SchedulerConfig {
            parameters,
            desired_retention: self.desired_retention.unwrap_or(base.desired_retention),
            maximum_interval: self.maximum_interval.unwrap_or(base.maximum_interval),
            fuzz: Fuzz::Seeded(pack_seed(pack)),
            ..base
        };
        let scheduler = Scheduler::new(config).map_err(|e| format!("pack {pack}: {e}"))?;
        let limits = DailyLimits::default();
        let leech = LeechPolicy::default();
        Ok(PackSettings {
            scheduler,
            limits: DailyLimits {
                new_per_day: self.new_per_day.unwrap_or(limits.new_per_day),
                reviews_per_day: self.reviews_per_day.unwrap_or(limits.reviews_per_day),
            },
            leech: LeechPolicy {
                threshold: self.leech_threshold.unwrap_or(leech.threshold),
                suspend: self.leech_suspend.unwrap_or(leech.suspend),
            },
        })
    }
}

/// A stable fuzz seed per pack (FNV-1a of the pack id): reproducible, and different packs
/// spread differently.
fn pack_seed(pack: &str) -> u64 {
    pack.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_stack_and_settings_fill_the_defaults() {
        let user = PackOptions {
            new_per_day: Some(5),
            ..PackOptions::default()
        };
        let pack = PackOptions {
            new_per_day: Some(30),
            desired_retention: Some(0.85),
            ..PackOptions::default()
        };
        let o = user.over(&pack);
        assert_eq!((o.new_per_day, o.desired_retention), (Some(5), Some(0.85)));
        let s = o.settings("p").expect("valid");
        assert_eq!(s.limits.new_per_day, 5);
        assert_eq!(s.limits.reviews_per_day, 200);
        assert_eq!(s.scheduler.config().desired_retention, 0.85);
        let bad = PackOptions {
            desired_retention: Some(1.5),
            ..PackOptions::default()
        };
        assert!(bad.settings("p").is_err());
    }
}
