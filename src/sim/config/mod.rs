//! Configuration of a simulation: the service, the cluster, auto scaling, the load, the
//! timings and every modelling choice where AWS is silent.
//!
//! Every struct has a `Default` that follows the AWS defaults (API defaults, not console
//! defaults, unless said otherwise) or, where AWS gives no number, the simulator's documented
//! choice. [`SimConfig::validate`] checks a configuration and returns a typed
//! [`ConfigError`] with a message fit to show to a learner.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

mod cluster;
mod error;
mod load;
mod model;
mod placement;
mod scaling;
mod service;
mod shift;

pub use super::schedule::CronDayNumbering;
pub use cluster::*;
pub use error::ConfigError;
pub use load::*;
pub use model::*;
pub use placement::*;
pub use scaling::*;
pub use service::*;
pub use shift::*;

/// AWS default quota "tasks per service": the most tasks the simulator accepts.
pub const MAX_TASKS_PER_SERVICE: u32 = 5_000;
/// AWS default quota "container instances per cluster".
pub const MAX_INSTANCES_PER_CLUSTER: u32 = 5_000;

/// Default seed when none is given.
pub const DEFAULT_SEED: u64 = 0x5EED_0EC5;

/// The whole configuration of one simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimConfig {
    /// Seed of the only random generator (load noise, random placement, spread ties).
    pub seed: u64,
    /// Wall-clock time that simulated second 0 stands for (scheduled actions use it).
    #[serde(with = "rfc3339")]
    pub epoch: DateTime<Utc>,
    /// The ECS service.
    pub service: ServiceConfig,
    /// Where tasks run: Fargate, fixed EC2 instances or capacity providers.
    pub cluster: ClusterConfig,
    /// Service auto scaling (Application Auto Scaling), if registered.
    pub scaling: Option<ScalingConfig>,
    /// The offered load and how it maps to task utilisation.
    pub load: LoadConfig,
    /// A deployment to start during the run, if any.
    pub deployment: Option<DeploymentPlan>,
    /// Durations of the lifecycle phases.
    pub timings: Timings,
    /// Choices where AWS is silent (section 10 of the spec), all overridable.
    pub model: ModelChoices,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: DEFAULT_SEED,
            epoch: default_epoch(),
            service: ServiceConfig::default(),
            cluster: ClusterConfig::default(),
            scaling: None,
            load: LoadConfig::default(),
            deployment: None,
            timings: Timings::default(),
            model: ModelChoices::default(),
        }
    }
}

/// Serde for UTC times as RFC 3339 strings.
pub(super) mod rfc3339 {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }

    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            t: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_some(&t.to_rfc3339()),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|text| {
                    DateTime::parse_from_rfc3339(&text)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(serde::de::Error::custom)
                })
                .transpose()
        }
    }
}

/// Monday 2026-01-05 00:00:00 UTC: the default moment simulated second 0 stands for.
pub fn default_epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

impl SimConfig {
    /// A rolling update on Fargate: `desired` healthy old tasks, a new revision deployed at
    /// second 0, no load balancer and no container health check (the 40-second rule).
    pub fn rolling(desired: u32, min_healthy: u32, max_percent: u32) -> Self {
        SimConfig {
            service: ServiceConfig {
                desired,
                min_healthy,
                max_percent,
                ..ServiceConfig::default()
            },
            deployment: Some(DeploymentPlan::default()),
            ..SimConfig::default()
        }
    }

    /// Check the configuration. The simulator refuses to start on any error.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.service.validate(&self.cluster)?;
        self.cluster.validate(&self.service, &self.model)?;
        if let Some(scaling) = &self.scaling {
            scaling.validate(&self.service)?;
        }
        self.load.validate()?;
        let stop = self.timings.stop_timeout_secs;
        if self.cluster.is_fargate() && !(2..=120).contains(&stop) {
            return Err(ConfigError::StopTimeout { secs: stop });
        }
        self.model.validate()?;
        Ok(())
    }
}
