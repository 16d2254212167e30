//! `cargo bench --bench sim`: one simulated hour of a 1,000-task service at one-second
//! steps. The requirement is under one second per hour; the figures are printed.

use std::hint::black_box;
use std::time::{Duration, Instant};

use deckhand::sim::{
    AsgConfig, Capacity, ClusterConfig, DeploymentPlan, ImageFault, InstanceType, LoadBalancer,
    LoadConfig, LoadPreset, ManagedScaling, MetricKind, PlacementStrategy, ProviderConfig,
    ProviderKind, ScalingConfig, ScalingPolicy, SimConfig, Simulation, StrategyItem,
    TargetTracking,
};

const HOUR: u64 = 3600;
const RUNS: usize = 7;

/// 1,000 Fargate tasks behind a load balancer, target tracking on a daily wave, and a
/// rolling deployment (50 % / 200 %) at minute 5.
fn fargate_service() -> SimConfig {
    let mut cfg = SimConfig::rolling(1000, 50, 200);
    cfg.service.health.load_balancer = Some(LoadBalancer {
        deregistration_delay_secs: 30,
        ..LoadBalancer::default()
    });
    cfg.deployment = Some(DeploymentPlan {
        at: 300,
        fault: ImageFault::None,
    });
    cfg.scaling = Some(ScalingConfig {
        min: 800,
        max: 1500,
        policies: vec![ScalingPolicy::TargetTracking(TargetTracking {
            metric: MetricKind::Cpu,
            target: 50.0,
            ..TargetTracking::default()
        })],
        ..ScalingConfig::default()
    });
    cfg.load = LoadConfig {
        preset: LoadPreset::DailyWave {
            low_rps: 40_000.0,
            high_rps: 70_000.0,
            period_min: 60,
        },
        ..LoadConfig::default()
    };
    cfg
}

/// 1,000 tasks on an Auto Scaling group capacity provider (250 m5.large instances of 4 tasks
/// each, binpack, managed scaling), with a rolling deployment (100 % / 200 %) at minute 5
/// that needs new instances.
fn ec2_service() -> SimConfig {
    let mut cfg = SimConfig::rolling(1000, 100, 200);
    cfg.service.placement = vec![PlacementStrategy::BinpackMemory];
    cfg.deployment = Some(DeploymentPlan {
        at: 300,
        fault: ImageFault::None,
    });
    cfg.cluster = ClusterConfig {
        capacity: Capacity::Providers {
            providers: vec![ProviderConfig {
                name: "asg".into(),
                kind: ProviderKind::Asg(AsgConfig {
                    instance_type: InstanceType::ec2("m5.large", 2048, 8192),
                    initial_size: 250,
                    max_size: 600,
                    managed_scaling: Some(ManagedScaling {
                        instance_warmup_secs: 120,
                        ..ManagedScaling::default()
                    }),
                    managed_termination_protection: true,
                    ..AsgConfig::default()
                }),
            }],
            strategy: vec![StrategyItem {
                provider: "asg".into(),
                base: 0,
                weight: 1,
            }],
        },
        provisioning_quota: 2000,
        ..ClusterConfig::default()
    };
    cfg
}

fn measure(name: &str, cfg: &SimConfig) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut summary = String::new();
    for _ in 0..RUNS {
        let mut sim = Simulation::new(cfg.clone()).expect("benchmark configuration");
        let start = Instant::now();
        sim.run_until(HOUR);
        times.push(start.elapsed());
        let sim = black_box(sim);
        summary = format!(
            "{} events, {} tasks stopped, deployment {}",
            sim.events().len(),
            sim.stopped_tasks().len(),
            sim.status().word()
        );
    }
    times.sort();
    let median = times[RUNS / 2];
    let min = times[0];
    let verdict = if median < Duration::from_secs(1) {
        "ok (< 1 s)"
    } else {
        "TOO SLOW (>= 1 s)"
    };
    println!(
        "{name}: one hour at 1 s steps: median {:.1} ms, min {:.1} ms over {RUNS} runs: {verdict}\n    {summary}",
        median.as_secs_f64() * 1000.0,
        min.as_secs_f64() * 1000.0
    );
}

fn main() {
    measure(
        "1,000 Fargate tasks, deployment + target tracking",
        &fargate_service(),
    );
    measure(
        "1,000 EC2 tasks on a capacity provider, deployment",
        &ec2_service(),
    );
}
