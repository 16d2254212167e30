//! When a task that just reached RUNNING turns healthy, or is found unhealthy, from its
//! health checks (spec 1.2-1.4).
//!
//! * **Target group** (ALB): the load balancer checks a new target every `interval`
//!   seconds; it turns healthy after `healthy threshold` consecutive successes and unhealthy
//!   after `unhealthy threshold` consecutive failures. With the defaults (30 s x 5) a task
//!   that answers at once is healthy after 150 s; with 5 s x 2, after 10 s
//!   (<https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/load-balancer-healthcheck.html>;
//!   <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html>).
//! * **Container health check** (task definition): a check every `interval` seconds; one
//!   success makes the container HEALTHY; `retries` consecutive failures make it UNHEALTHY,
//!   but failures inside the `start period` do not count
//!   (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html>).
//! * **Both**: the task counts as healthy when both pass; either failing makes it unhealthy.
//! * **Neither**: the task counts as healthy 40 s after RUNNING, and nothing can find it
//!   unhealthy (`minimumHealthyPercent` in
//!   <https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html>).
//! * **Grace period** (`healthCheckGracePeriodSeconds`): the scheduler ignores failing load
//!   balancer (and, by default, container) checks until it ends; a task that turns healthy
//!   before then is never replaced
//!   (<https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html>).
//!
//! \[Model\]: checks run at whole multiples of the interval after RUNNING; the application
//! answers its checks `ready` seconds after RUNNING (0 for a quick start, never for an image
//! that fails its health checks).

use super::config::HealthConfig;

/// When health results arrive, in seconds after RUNNING.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthTimes {
    /// The task counts as healthy (never, if `None`).
    pub healthy_after: Option<u64>,
    /// The scheduler finds the task unhealthy and replaces it (never, if `None`).
    pub unhealthy_after: Option<u64>,
}

/// Health results of a task whose application answers `ready` seconds after RUNNING
/// (`None`: never). `grace_end` is when the grace period ends, in seconds after RUNNING
/// (0 without one); `settle` is the 40-second rule for tasks nothing checks.
pub fn health_times(
    health: &HealthConfig,
    ready: Option<u64>,
    settle: u64,
    grace_end: u64,
    grace_covers_container_checks: bool,
) -> HealthTimes {
    let lb = health.load_balancer.map(|lb| {
        let i = u64::from(lb.interval_secs.max(1));
        // The first check the application passes, and the failures before it.
        let first_pass = ready.map(|r| r.div_ceil(i).max(1));
        let failures = first_pass.map_or(u64::MAX, |k| k - 1);
        let unhealthy_threshold = u64::from(lb.unhealthy_threshold);
        (
            first_pass.map(|k| (k + u64::from(lb.healthy_threshold) - 1) * i),
            (failures >= unhealthy_threshold).then(|| (unhealthy_threshold * i).max(grace_end)),
        )
    });
    let container = health.container_check.map(|c| {
        let i = u64::from(c.interval_secs.max(1));
        let first_pass = ready.map(|r| r.div_ceil(i).max(1));
        // Failures inside the start period do not count toward the retries.
        let last_failure = u64::from(c.start_period_secs) / i + u64::from(c.retries);
        let failed = first_pass.is_none_or(|k| last_failure < k);
        let at = last_failure * i;
        (
            first_pass.map(|k| k * i),
            failed.then(|| {
                if grace_covers_container_checks {
                    at.max(grace_end)
                } else {
                    at
                }
            }),
        )
    });
    let healthy_after = match (lb, container) {
        (None, None) => return settle_only(settle),
        (Some((a, _)), Some((b, _))) => a.zip(b).map(|(a, b)| a.max(b)),
        (Some((a, _)), None) | (None, Some((a, _))) => a,
    };
    let unhealthy_after = [lb.and_then(|l| l.1), container.and_then(|c| c.1)]
        .into_iter()
        .flatten()
        .min()
        // A task that turns healthy before the scheduler acts on a failure is kept.
        .filter(|u| healthy_after.is_none_or(|h| h > *u));
    HealthTimes {
        healthy_after,
        unhealthy_after,
    }
}

/// Without a load balancer or a container check: healthy after `settle`, never unhealthy.
fn settle_only(settle: u64) -> HealthTimes {
    HealthTimes {
        healthy_after: Some(settle),
        unhealthy_after: None,
    }
}

/// True when something checks the tasks' health (a load balancer or a container check).
pub fn is_checked(health: &HealthConfig) -> bool {
    health.load_balancer.is_some() || health.container_check.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::{ContainerHealthCheck, LoadBalancer};

    fn lb(interval: u32, healthy: u32) -> HealthConfig {
        HealthConfig {
            load_balancer: Some(LoadBalancer {
                interval_secs: interval,
                healthy_threshold: healthy,
                ..LoadBalancer::default()
            }),
            ..HealthConfig::default()
        }
    }

    fn times(h: &HealthConfig, ready: Option<u64>, grace: u64) -> (Option<u64>, Option<u64>) {
        let t = health_times(h, ready, 40, grace, true);
        (t.healthy_after, t.unhealthy_after)
    }

    #[test]
    fn target_group_defaults_take_150_seconds_and_fast_checks_10() {
        // load-balancer-healthcheck.html: 30 s x 5 = 150 s; 5 s x 2 = 10 s.
        assert_eq!(times(&lb(30, 5), Some(0), 0), (Some(150), None));
        assert_eq!(times(&lb(5, 2), Some(0), 0), (Some(10), None));
    }

    #[test]
    fn a_slow_start_is_killed_without_a_grace_period_and_kept_with_one() {
        // Ready after 180 s: two failed checks (30 s, 60 s) make the target unhealthy at 60 s.
        assert_eq!(times(&lb(30, 5), Some(180), 0), (Some(300), Some(60)));
        // A grace period that outlasts the time to healthy keeps the task.
        assert_eq!(times(&lb(30, 5), Some(180), 330), (Some(300), None));
        // One that ends before: the scheduler acts on the failure when it ends.
        assert_eq!(times(&lb(30, 5), Some(180), 240), (Some(300), Some(240)));
    }

    #[test]
    fn a_broken_image_fails_after_the_unhealthy_threshold_or_the_grace_period() {
        assert_eq!(times(&lb(30, 5), None, 0), (None, Some(60)));
        assert_eq!(times(&lb(30, 5), None, 3600), (None, Some(3600)));
    }

    #[test]
    fn container_checks_need_one_success_and_ignore_the_start_period() {
        let h = HealthConfig {
            container_check: Some(ContainerHealthCheck::default()),
            ..HealthConfig::default()
        };
        assert_eq!(times(&h, Some(0), 0), (Some(30), None));
        // Never answers: 3 retries of 30 s.
        assert_eq!(times(&h, None, 0), (None, Some(90)));
        let h = HealthConfig {
            container_check: Some(ContainerHealthCheck {
                start_period_secs: 60,
                ..ContainerHealthCheck::default()
            }),
            ..HealthConfig::default()
        };
        // Failures at 30 s and 60 s are inside the start period; 90, 120, 150 count.
        assert_eq!(times(&h, None, 0), (None, Some(150)));
        // Ready at 100 s: the check at 120 s passes before three failures count.
        assert_eq!(times(&h, Some(100), 0), (Some(120), None));
    }

    #[test]
    fn nothing_checks_a_task_without_load_balancer_or_container_check() {
        let h = HealthConfig::default();
        assert_eq!(times(&h, None, 0), (Some(40), None));
        assert!(!is_checked(&h));
    }
}
