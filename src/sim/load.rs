//! The offered load and its mapping to the metrics auto scaling watches.
//!
//! The mapping (all \[Model\]; AWS publishes the metrics, not how an application produces them):
//!
//! * The load is a rate `r(t)` in requests (or queue messages) per second, from a preset,
//!   multiplied every second by a seeded noise factor uniform in `1 +/- noise`.
//! * One task handles `rps_per_task` per second at 100% CPU. Only tasks that count as healthy
//!   receive traffic (they are the registered targets); tasks still starting idle at 0%.
//! * **CPU** (ECSServiceAverageCPUUtilization) averages over all RUNNING tasks:
//!   `100 x r / rps_per_task / running`. It is not capped, so an overload shows above 100%
//!   (scenario A2) unless [`ModelChoices::utilisation_cap`](super::ModelChoices) is set.
//!   No RUNNING task means no datapoint (INSUFFICIENT_DATA); RUNNING tasks but no healthy
//!   target means 0%.
//! * **Memory** = `memory_base_percent + memory_per_cpu x CPU` on the same tasks.
//! * **Requests per target** (ALBRequestCountPerTarget) = requests in the minute divided by
//!   healthy targets (by 1 when there is none, so demand is visible at zero tasks).
//! * **Queue preset** (`SqsBacklog`): messages arrive at `r(t)` into a backlog; healthy tasks
//!   take up to `rps_per_task` each per second, so CPU is at most 100% and the backlog grows
//!   while arrivals exceed capacity. **Backlog per task** = backlog / max(1, running tasks).
//! * A minute's datapoint is the average of its per-second values (the sum, for requests).

use std::f64::consts::PI;

use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus;
use serde::{Deserialize, Serialize};

use super::config::{LoadConfig, LoadPreset, MetricKind};

/// One minute of metric datapoints. `None` means no data (INSUFFICIENT_DATA).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Datapoints {
    /// Average offered load (requests or messages per second).
    pub load: f64,
    /// ECSServiceAverageCPUUtilization.
    pub cpu: Option<f64>,
    /// ECSServiceAverageMemoryUtilization.
    pub memory: Option<f64>,
    /// ALBRequestCountPerTarget.
    pub requests: Option<f64>,
    /// Backlog per task (queue preset; otherwise 0).
    pub backlog: Option<f64>,
    /// Queue backlog at the end of the minute (messages).
    pub queue_depth: f64,
    /// Average requests per second no task could take this minute (the CPU was capped at
    /// 100 %, or no task was healthy). Queue presets keep theirs in the backlog instead.
    #[serde(default)]
    pub unmet: f64,
}

impl Datapoints {
    /// The value of one metric.
    pub fn get(&self, metric: MetricKind) -> Option<f64> {
        match metric {
            MetricKind::Cpu => self.cpu,
            MetricKind::Memory => self.memory,
            MetricKind::Requests => self.requests,
            MetricKind::Backlog => self.backlog,
        }
    }
}

/// Per-second load state and the current minute's sums.
#[derive(Debug, Clone, Default)]
pub(crate) struct LoadState {
    backlog: f64,
    seconds: u32,
    load_sum: f64,
    cpu_sum: f64,
    cpu_n: u32,
    req_sum: f64,
    req_n: u32,
    backlog_sum: f64,
    unmet_sum: f64,
}

/// The offered rate at second `t` before noise.
pub fn rate_at(preset: &LoadPreset, t: u64) -> f64 {
    let minute = t / 60;
    match preset {
        LoadPreset::Steady { rps } => *rps,
        LoadPreset::Spike {
            base_rps,
            peak_rps,
            start_min,
            duration_min,
        } => {
            let start = u64::from(*start_min);
            if minute >= start && minute < start + u64::from(*duration_min) {
                *peak_rps
            } else {
                *base_rps
            }
        }
        LoadPreset::DailyWave {
            low_rps,
            high_rps,
            period_min,
        } => {
            let period = f64::from((*period_min).max(1)) * 60.0;
            let phase = (t as f64 % period) / period;
            low_rps + (high_rps - low_rps) * (1.0 - (2.0 * PI * phase).cos()) / 2.0
        }
        LoadPreset::SqsBacklog {
            arrival_rps,
            grow_min,
            tail_rps,
        } => {
            if minute < u64::from(*grow_min) {
                *arrival_rps
            } else {
                *tail_rps
            }
        }
        LoadPreset::Series { per_minute } => per_minute
            .get(minute as usize)
            .or(per_minute.last())
            .copied()
            .unwrap_or(0.0),
    }
}

impl LoadState {
    /// Account one second with `running` RUNNING tasks of which `serving` are healthy.
    pub fn tick(
        &mut self,
        cfg: &LoadConfig,
        cap: Option<f64>,
        t: u64,
        running: u32,
        serving: u32,
        rng: &mut Xoshiro256PlusPlus,
    ) {
        let noise = if cfg.noise > 0.0 {
            1.0 + rng.random_range(-cfg.noise..cfg.noise)
        } else {
            1.0
        };
        let rate = rate_at(&cfg.preset, t) * noise;
        self.seconds += 1;
        self.load_sum += rate;
        let rpt = cfg.rps_per_task;
        let mut served = if cfg.preset.is_queue() {
            self.backlog += rate;
            let capacity = f64::from(serving) * rpt;
            let done = self.backlog.min(capacity);
            self.backlog -= done;
            done
        } else if serving > 0 {
            rate
        } else {
            0.0
        };
        if running > 0 {
            let mut per_serving = if serving > 0 {
                100.0 * served / rpt / f64::from(serving)
            } else {
                0.0
            };
            if let Some(cap) = cap
                && per_serving > cap
            {
                per_serving = cap;
                served = cap / 100.0 * rpt * f64::from(serving);
            }
            self.cpu_sum += per_serving * f64::from(serving) / f64::from(running);
            self.cpu_n += 1;
        }
        if !cfg.preset.is_queue() {
            self.unmet_sum += (rate - served).max(0.0);
        }
        let targets = f64::from(serving.max(1));
        if rate > 0.0 || serving > 0 {
            self.req_sum += if cfg.preset.is_queue() { served } else { rate } / targets;
            self.req_n += 1;
        }
        self.backlog_sum += self.backlog / f64::from(running.max(1));
    }

    /// Close the minute: datapoints from the sums, then reset the sums.
    pub fn close_minute(&mut self, cfg: &LoadConfig) -> Datapoints {
        let secs = f64::from(self.seconds.max(1));
        let cpu = (self.cpu_n > 0).then(|| self.cpu_sum / f64::from(self.cpu_n));
        let dp = Datapoints {
            load: self.load_sum / secs,
            cpu,
            memory: cpu.map(|c| cfg.memory_base_percent + cfg.memory_per_cpu * c),
            requests: (self.req_n > 0).then_some(self.req_sum),
            backlog: Some(self.backlog_sum / secs),
            queue_depth: self.backlog,
            unmet: self.unmet_sum / secs,
        };
        let backlog = self.backlog;
        *self = LoadState {
            backlog,
            ..LoadState::default()
        };
        dp
    }

    /// Messages waiting in the queue now.
    pub fn backlog(&self) -> f64 {
        self.backlog
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn quiet(preset: LoadPreset) -> LoadConfig {
        LoadConfig {
            preset,
            noise: 0.0,
            ..LoadConfig::default()
        }
    }

    #[test]
    fn spike_rises_at_its_minute() {
        let p = LoadPreset::spike();
        assert_eq!(rate_at(&p, 299), 140.0);
        assert_eq!(rate_at(&p, 300), 420.0);
        assert_eq!(rate_at(&p, 25 * 60 - 1), 420.0);
        assert_eq!(rate_at(&p, 25 * 60), 140.0);
    }

    #[test]
    fn wave_goes_from_low_to_high_and_back() {
        let p = LoadPreset::daily_wave();
        assert!((rate_at(&p, 0) - 60.0).abs() < 1e-9);
        assert!((rate_at(&p, 30 * 60) - 400.0).abs() < 1e-9);
        assert!((rate_at(&p, 60 * 60) - 60.0).abs() < 1e-9);
    }

    #[test]
    fn cpu_is_load_over_running_capacity() {
        // A1: 4 tasks at 80%: 320 rps with 100 rps per task.
        let cfg = quiet(LoadPreset::Steady { rps: 320.0 });
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut s = LoadState::default();
        for t in 0..60 {
            s.tick(&cfg, None, t, 4, 4, &mut rng);
        }
        let dp = s.close_minute(&cfg);
        assert!((dp.cpu.unwrap_or(0.0) - 80.0).abs() < 1e-9);
        assert!((dp.requests.unwrap_or(0.0) - 60.0 * 80.0).abs() < 1e-6);
        assert!((dp.memory.unwrap_or(0.0) - (25.0 + 0.4 * 80.0)).abs() < 1e-9);
    }

    #[test]
    fn no_running_task_means_no_cpu_datapoint() {
        let cfg = quiet(LoadPreset::Steady { rps: 100.0 });
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut s = LoadState::default();
        s.tick(&cfg, None, 0, 0, 0, &mut rng);
        let dp = s.close_minute(&cfg);
        assert_eq!(dp.cpu, None);
        assert!(dp.requests.is_some());
    }

    #[test]
    fn backlog_grows_then_drains() {
        let cfg = quiet(LoadPreset::SqsBacklog {
            arrival_rps: 300.0,
            grow_min: 1,
            tail_rps: 0.0,
        });
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(1);
        let mut s = LoadState::default();
        for t in 0..60 {
            s.tick(&cfg, None, t, 2, 2, &mut rng);
        }
        let grown = s.backlog();
        assert!((grown - 60.0 * 100.0).abs() < 1e-6, "{grown}");
        let dp = s.close_minute(&cfg);
        assert!((dp.cpu.unwrap_or(0.0) - 100.0).abs() < 1e-9);
        for t in 60..120 {
            s.tick(&cfg, None, t, 2, 2, &mut rng);
        }
        assert_eq!(s.backlog(), 0.0);
    }
}
