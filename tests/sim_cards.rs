//! The simulator scenarios of the built-in pack's cards model what their cards say.

mod sim_support;
use sim_support::deckhand;

use deckhand::content;
use deckhand::sim::{
    DeploymentStatus, EventKind, Preset, Role, ScaleCause, Simulation, StopReason, TaskState,
};

fn preset(card: &str) -> Preset {
    let lib = content::load_builtin();
    lib.packs
        .iter()
        .flat_map(|p| p.cards.iter())
        .find(|c| c.id == card)
        .unwrap_or_else(|| panic!("card {card} in the built-in pack"))
        .sim
        .as_deref()
        .cloned()
        .unwrap_or_else(|| panic!("card {card} names a scenario"))
}

fn sim(card: &str) -> Simulation {
    Simulation::from_preset(&preset(card)).unwrap_or_else(|e| panic!("{card}: {e}"))
}

/// Seconds from the first new task reaching RUNNING to the first new task counted healthy.
fn time_to_healthy(s: &mut Simulation) -> u64 {
    let mut running_at = None;
    while s.time() < 3600 {
        s.step();
        if running_at.is_none() {
            running_at = s
                .tasks()
                .iter()
                .filter(|t| t.revision == 2)
                .find_map(|t| t.running_since);
        }
        if let Some(e) = s.events().iter().find(|e| {
            matches!(
                e.kind,
                EventKind::TasksHealthy {
                    role: Role::New,
                    ..
                }
            )
        }) {
            return e.t - running_at.expect("ran before healthy");
        }
    }
    panic!("no new task became healthy within an hour");
}

#[test]
fn roll_speed_scenario_takes_150_seconds_to_healthy_as_its_card_says() {
    // "the new tasks need about 150 s to be marked healthy": 30 s x 5 by default.
    assert_eq!(time_to_healthy(&mut sim("roll-speed-scenario")), 150);
}

#[test]
fn roll_alb_150_takes_10_seconds_with_5_second_checks_and_threshold_2() {
    assert_eq!(time_to_healthy(&mut sim("roll-alb-150")), 10);
}

#[test]
fn a_grace_period_covering_the_warm_up_keeps_slow_starters() {
    // lb-q-health-grace (ready after 180 s; it replaces roll-grace-period since issue 12): the
    // target group marks the tasks unhealthy after two failed checks, but a grace period longer
    // than the time to healthy keeps them; they turn healthy 5 passed checks after the first
    // one passes.
    let card = "lb-q-health-grace";
    assert_eq!(time_to_healthy(&mut sim(card)), 300, "{card}");
    let mut s = sim(card);
    let status = s.run_until_settled(3600);
    assert_eq!(status, DeploymentStatus::Completed, "{card}");
    let replaced = s.stopped_tasks().iter().filter(|t| t.revision == 2).count();
    assert_eq!(replaced, 0, "{card}: no new task replaced");
}

#[test]
fn roll_grace_scenario_leaves_a_broken_task_alone_for_the_hour() {
    let mut s = sim("roll-grace-scenario");
    let status = s.run_until_settled(75 * 60);
    assert_eq!(status, DeploymentStatus::RolledBack);
    let failed_at = s
        .events()
        .iter()
        .find(|e| matches!(e.kind, EventKind::TasksUnhealthy { .. }))
        .expect("the broken tasks are found out")
        .t;
    assert!(
        (3600..3700).contains(&failed_at),
        "only when the 3,600 s grace period ends: {failed_at}"
    );
}

#[test]
fn roll_cb_stages_counts_health_check_failures_in_stage_two() {
    let mut s = sim("roll-cb-stages");
    assert_eq!(s.run_until_settled(3600), DeploymentStatus::RolledBack);
    let unhealthy: u32 = s
        .events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::TasksUnhealthy { count, .. } => Some(count),
            _ => None,
        })
        .sum();
    assert!(unhealthy >= 5, "stage 2 counted health check failures");
    assert!(
        !s.events()
            .iter()
            .any(|e| matches!(e.kind, EventKind::FaultInvisible))
    );
    assert!(
        s.stopped_tasks()
            .iter()
            .all(|t| t.stop_reason != Some(StopReason::FailedToStart)),
        "the image starts; it fails its health checks"
    );
}

#[test]
fn cas_cpr_special_cases_starts_with_tasks_waiting_on_zero_instances() {
    let mut s = sim("cas-cpr-special-cases");
    assert!(s.instances().is_empty());
    assert!(
        s.tasks().iter().all(|t| t.state == TaskState::Provisioning),
        "the service's tasks wait for capacity"
    );
    s.run_until(61);
    assert!(s.events().iter().any(|e| matches!(
        e.kind,
        EventKind::InstancesLaunched {
            count: 2,
            before: 0,
            ..
        }
    )));
}

/// Every change of the desired count: (from, to, cause).
fn desired_changes(s: &Simulation) -> Vec<(u32, u32, ScaleCause)> {
    s.events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::DesiredChanged {
                from, to, cause, ..
            } => Some((*from, *to, cause.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn roll_cb_scenario_10_fails_after_5_failed_tasks() {
    // The card: threshold = max(3, ceil(0.5 x 10)) = 5; the deployment fails after 5 failed
    // tasks and rolls back.
    let mut s = sim("roll-cb-scenario-10");
    assert_eq!(s.run_until_settled(3600), DeploymentStatus::RolledBack);
    let tripped: Vec<(u32, u32)> = s
        .events()
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::BreakerTriggered {
                count, threshold, ..
            } => Some((count, threshold)),
            _ => None,
        })
        .collect();
    assert_eq!(
        tripped,
        vec![(5, 5)],
        "trips at 5 failed tasks of threshold 5"
    );
}

#[test]
fn sas_disable_scale_in_adds_tasks_and_never_removes_them() {
    let mut s = sim("sas-disable-scale-in");
    s.run_until(3600);
    let changes = desired_changes(&s);
    assert!(
        changes.iter().any(|(from, to, _)| to > from),
        "target tracking still scales out: {changes:?}"
    );
    assert!(
        changes.iter().all(|(from, to, _)| to >= from),
        "no scale-in once the load falls: {changes:?}"
    );
    let peak = s.samples().iter().map(|m| m.desired).max().unwrap_or(0);
    assert_eq!(s.desired(), peak, "the peak is kept to the end");
}

#[test]
fn cas_target_capacity_scenario_runs_10_instances_for_9_instances_of_tasks() {
    // The card: tasks that need exactly 9 instances at a target capacity of 90 %:
    // N = 9 x 100 / 90 = 10 instances, CapacityProviderReservation 9 / 10 x 100 = 90.
    let mut s = sim("cas-target-capacity-scenario");
    s.run_until(30 * 60);
    let used = s.instances().iter().filter(|i| i.tasks > 0).count();
    assert_eq!(used, 9, "the tasks need 9 instances");
    assert_eq!(s.instances().len(), 10, "managed scaling runs 10");
    let last = s.samples().last().expect("a sample");
    assert_eq!(last.desired, 9);
    assert!(
        s.providers()
            .iter()
            .all(|p| p.needed == 9 && p.running == 10 && p.cpr == Some(90.0)),
        "M = 9, N = 10, CapacityProviderReservation at the 90 target: {:?}",
        s.providers()
    );
}

#[test]
fn arch_tf_min_zero_scales_in_to_zero_and_out_again_on_the_queue() {
    // The card: a minimum of 0 is allowed; scale out from zero on a metric that exists
    // without tasks (the queue), e.g. a step scaling policy on an alarm on it.
    let mut s = sim("arch-tf-min-zero");
    s.run_until(3600);
    let changes = desired_changes(&s);
    let to_zero = changes
        .iter()
        .position(|(_, to, _)| *to == 0)
        .unwrap_or_else(|| panic!("scales in to 0: {changes:?}"));
    assert!(
        changes[to_zero..].iter().any(|(from, to, cause)| *from == 0
            && *to > 0
            && matches!(cause, ScaleCause::Step { .. })),
        "a step scaling policy on the queue scales out from 0: {changes:?}"
    );
    assert!(
        !changes
            .iter()
            .any(|(_, _, cause)| matches!(cause, ScaleCause::FromZero { .. })),
        "target tracking's scale from zero (the simulator's own model) is not what the card teaches"
    );
}

/// `deckhand check` on a one-file pack holding one card with `sim`.
fn check_card(sim: &str) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pack.toml");
    std::fs::write(
        &path,
        format!(
            "[pack]\nid = \"fixture\"\ntitle = \"Fixture\"\nversion = \"1.0.0\"\n\n\
             [[topics]]\nid = \"ecs\"\ntitle = \"ECS\"\n\n\
             [[cards]]\nid = \"scenario\"\nkind = \"truefalse\"\ntopic = \"ecs\"\n\
             statement = \"A statement.\"\nanswer = true\nexplain = \"Why.\"\nsim = {sim}\n"
        ),
    )
    .expect("write pack");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("run deckhand");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn check_fails_a_card_whose_initial_tasks_cannot_be_placed() {
    let (code, out) =
        check_card(r#"{ kind = "rolling", desired = 4, launch_type = "ec2", capacity = 2 }"#);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the 4 initial tasks do not fit the cluster (room for 2)"),
        "{out}"
    );
}

#[test]
fn check_fails_a_card_whose_scenario_warns() {
    // A broken image nothing checks: the scenario would show a deployment that completes.
    let (code, out) = check_card(r#"{ kind = "rolling", desired = 4, broken_image = "health" }"#);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("card `scenario`: its `sim` scenario warns"),
        "{out}"
    );
    assert!(out.contains("deckhand sim card scenario"), "{out}");
    let (code, out) = check_card(
        r#"{ kind = "rolling", desired = 4, broken_image = "health", load_balancer = true, circuit_breaker = true }"#,
    );
    assert_eq!(code, 0, "{out}");
}

#[test]
fn every_card_scenario_runs_headless_with_exit_0_and_no_warning() {
    let lib = content::load_builtin();
    let cards: Vec<(String, Preset)> = lib
        .packs
        .iter()
        .flat_map(|p| p.cards.iter())
        .filter_map(|c| c.sim.as_deref().map(|s| (c.id.clone(), s.clone())))
        .collect();
    assert!(cards.len() >= 50, "{} cards name a scenario", cards.len());
    for (id, preset) in &cards {
        let out = deckhand(&["sim", "card", id, "--json"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{id}: {stderr}");
        assert!(stderr.is_empty(), "{id} warns: {stderr}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(v["card"], id.as_str());
        assert_eq!(v["warnings"], serde_json::json!([]), "{id}");
        let kind = preset.kind();
        assert_eq!(v["report"]["kind"], kind, "{id}");
        assert!(!v["shows"].as_str().unwrap_or("").is_empty(), "{id}");
    }
}

#[test]
fn sim_card_says_what_the_scenario_shows() {
    let out = deckhand(&["sim", "card", "roll-speed-scenario"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Card roll-speed-scenario (aws-containers)"),
        "{text}"
    );
    assert!(
        text.contains("Shows: 2 batches (1 stop): start 6 (6/6) → stop 6 (0/6); the deployment ends completed at 08:10"),
        "{text}"
    );
    assert!(text.contains("03:00 6 new tasks became healthy"), "{text}");
}

#[test]
fn sim_card_refuses_unknown_cards_and_cards_without_a_scenario_and_prints_warnings() {
    let out = deckhand(&["sim", "card", "roll-sped-scenario"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `roll-speed-scenario`?"), "{err}");
    let lib = content::load_builtin();
    let plain = lib
        .packs
        .iter()
        .flat_map(|p| p.cards.iter())
        .find(|c| c.sim.is_none())
        .expect("a card without a scenario");
    let out = deckhand(&["sim", "card", &plain.id]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("names no simulator scenario"));
    // A pack whose scenario warns: exit 0, the run on stdout, the warning on stderr.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pack.toml");
    std::fs::write(
        &path,
        "[pack]\nid = \"fixture\"\ntitle = \"Fixture\"\nversion = \"1.0.0\"\n\n\
         [[topics]]\nid = \"ecs\"\ntitle = \"ECS\"\n\n\
         [[cards]]\nid = \"quiet-failure\"\nkind = \"truefalse\"\ntopic = \"ecs\"\n\
         statement = \"A statement.\"\nanswer = true\nexplain = \"Why.\"\n\
         sim = { kind = \"rolling\", desired = 4, broken_image = \"health\" }\n",
    )
    .expect("write pack");
    let out = deckhand(&[
        "--pack",
        path.to_str().expect("path"),
        "sim",
        "card",
        "quiet-failure",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("warning: card `quiet-failure`: the broken image fails its health checks"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Shows:"));
}
