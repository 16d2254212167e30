//! The offered load and its shapes.

use serde::{Deserialize, Serialize};

use super::ConfigError;

/// The load offered to the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadConfig {
    /// The shape over time.
    pub preset: LoadPreset,
    /// Multiplicative noise per second, uniform in +/- this fraction (seeded).
    pub noise: f64,
    /// Requests (or messages) per second one task handles at 100% CPU.
    pub rps_per_task: f64,
    /// Memory utilisation of an idle task (%).
    pub memory_base_percent: f64,
    /// Extra memory % per CPU % (memory = base + slope x CPU).
    pub memory_per_cpu: f64,
}

impl Default for LoadConfig {
    fn default() -> Self {
        LoadConfig {
            preset: LoadPreset::Steady { rps: 100.0 },
            noise: 0.03,
            rps_per_task: 100.0,
            memory_base_percent: 25.0,
            memory_per_cpu: 0.4,
        }
    }
}

impl LoadConfig {
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if !(0.0..1.0).contains(&self.noise) {
            return Err(ConfigError::Load {
                reason: format!("noise must be in [0, 1), got {}", self.noise),
            });
        }
        if !(self.rps_per_task.is_finite() && self.rps_per_task > 0.0) {
            return Err(ConfigError::Load {
                reason: "requests per task must be above 0".into(),
            });
        }
        self.preset.validate()
    }
}

/// Load shapes. Rates are requests (or messages) per second; times are minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "shape")]
pub enum LoadPreset {
    /// Constant load.
    Steady {
        /// Requests per second.
        rps: f64,
    },
    /// Base load with one rectangular spike.
    Spike {
        /// Load outside the spike.
        base_rps: f64,
        /// Load during the spike.
        peak_rps: f64,
        /// Minute the spike begins.
        start_min: u32,
        /// Length of the spike in minutes.
        duration_min: u32,
    },
    /// A sine wave between low and high ("a day" compressed into `period_min`).
    DailyWave {
        /// Trough.
        low_rps: f64,
        /// Peak.
        high_rps: f64,
        /// Period in minutes.
        period_min: u32,
    },
    /// Queue workers: messages arrive fast for a while (backlog grows), then slowly
    /// (backlog drains). Tasks take messages at `rps_per_task` each when busy.
    SqsBacklog {
        /// Arrival rate while the backlog grows.
        arrival_rps: f64,
        /// Minutes of fast arrivals.
        grow_min: u32,
        /// Arrival rate afterwards.
        tail_rps: f64,
    },
    /// A custom series, one value per minute (the last value holds afterwards).
    Series {
        /// Requests per second for minute 0, 1, ...
        per_minute: Vec<f64>,
    },
}

impl LoadPreset {
    /// The spike preset used by the CLI and the visualiser: 140 rps, 420 rps from minute 5
    /// for 20 minutes (3 tasks at 46.7 % before, 9 tasks at 46.7 % during the spike).
    pub fn spike() -> Self {
        LoadPreset::Spike {
            base_rps: 140.0,
            peak_rps: 420.0,
            start_min: 5,
            duration_min: 20,
        }
    }

    /// The daily wave preset: 60 to 400 rps over a 60-minute "day".
    pub fn daily_wave() -> Self {
        LoadPreset::DailyWave {
            low_rps: 60.0,
            high_rps: 400.0,
            period_min: 60,
        }
    }

    /// The SQS preset: 500 msg/s for 15 minutes, then 20 msg/s.
    pub fn sqs_backlog() -> Self {
        LoadPreset::SqsBacklog {
            arrival_rps: 500.0,
            grow_min: 15,
            tail_rps: 20.0,
        }
    }

    /// The steady preset: 150 rps.
    pub fn steady() -> Self {
        LoadPreset::Steady { rps: 150.0 }
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let ok = |v: f64| v.is_finite() && v >= 0.0;
        let good = match self {
            LoadPreset::Steady { rps } => ok(*rps),
            LoadPreset::Spike {
                base_rps, peak_rps, ..
            } => ok(*base_rps) && ok(*peak_rps),
            LoadPreset::DailyWave {
                low_rps,
                high_rps,
                period_min,
            } => ok(*low_rps) && ok(*high_rps) && low_rps <= high_rps && *period_min > 0,
            LoadPreset::SqsBacklog {
                arrival_rps,
                tail_rps,
                ..
            } => ok(*arrival_rps) && ok(*tail_rps),
            LoadPreset::Series { per_minute } => per_minute.iter().all(|v| ok(*v)),
        };
        if good {
            Ok(())
        } else {
            Err(ConfigError::Load {
                reason: "load rates must be finite and not negative (and low <= high)".into(),
            })
        }
    }

    /// Whether this preset is a queue (backlog) rather than request traffic.
    pub fn is_queue(&self) -> bool {
        matches!(self, LoadPreset::SqsBacklog { .. })
    }
}
