//! `deckhand sim` end to end: JSON output, the stuck case, text timelines and usage errors.

mod sim_support;

use sim_support::{deckhand, json, text};

#[test]
fn seed_example_json_has_batches_4_4_2() {
    let v = json(&[
        "sim",
        "rolling",
        "--desired",
        "10",
        "--min-healthy",
        "60",
        "--max-percent",
        "100",
        "--json",
    ]);
    assert_eq!(v["lower"], 6);
    assert_eq!(v["upper"], 10);
    assert_eq!(v["status"], "completed");
    let batches: Vec<(String, u64, u64, u64)> = v["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .map(|b| {
            (
                b["action"].as_str().unwrap_or_default().to_string(),
                b["count"].as_u64().unwrap_or(0),
                b["old"].as_u64().unwrap_or(0),
                b["new"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("stop", 4, 6, 0),
        ("start", 4, 6, 4),
        ("stop", 4, 2, 4),
        ("start", 4, 2, 8),
        ("stop", 2, 0, 8),
        ("start", 2, 0, 10),
    ];
    assert_eq!(batches.len(), expected.len());
    for (got, want) in batches.iter().zip(expected) {
        assert_eq!((got.0.as_str(), got.1, got.2, got.3), want);
    }
    let events = v["events"].as_array().expect("events");
    assert!(
        events
            .iter()
            .all(|e| e["t"].is_u64() && e["message"].is_string())
    );
    assert!(
        events
            .iter()
            .any(|e| e["message"]
                == "stopped 4 old tasks: 6 healthy stay ≥ lower limit 6; 6 old left")
    );
}

#[test]
fn min_100_max_100_reports_stuck_with_the_reason() {
    let v = json(&[
        "sim",
        "rolling",
        "--desired",
        "10",
        "--min-healthy",
        "100",
        "--max-percent",
        "100",
        "--json",
    ]);
    assert_eq!(v["status"], "stuck");
    let reason = v["reason"].as_str().expect("reason");
    assert!(reason.contains(
        "unable to stop or start tasks during a deployment because of the service deployment configuration"
    ));
    assert!(v["batches"].as_array().is_some_and(|b| b.is_empty()));

    let out = deckhand(&[
        "sim",
        "rolling",
        "--desired",
        "10",
        "--min-healthy",
        "100",
        "--max-percent",
        "100",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("status: stuck"));
    assert!(text.contains("reason: unable to stop or start tasks"));
}

#[test]
fn text_timeline_is_readable() {
    let out = deckhand(&[
        "sim",
        "rolling",
        "--desired",
        "10",
        "--min-healthy",
        "60",
        "--max-percent",
        "100",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("lower limit L = ceil(10 x 60%) = 6"));
    assert!(text.contains("00:00 stopped 4 old tasks"));
    assert!(text.contains(
        "batches (old/new live after each): stop 4 (6/0) -> start 4 (6/4) -> stop 4 (2/4) -> start 4 (2/8) -> stop 2 (0/8) -> start 2 (0/10)"
    ));
    assert!(text.contains("status: completed"));
}

#[test]
fn capacity_and_broken_image_with_rollback() {
    let v = json(&[
        "sim",
        "rolling",
        "--desired",
        "6",
        "--capacity",
        "8",
        "--min-healthy",
        "50",
        "--json",
    ]);
    assert_eq!(v["status"], "completed");
    let counts: Vec<u64> = v["batches"]
        .as_array()
        .expect("batches")
        .iter()
        .map(|b| b["count"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(counts, [3, 5, 3, 1]);

    let v = json(&[
        "sim",
        "rolling",
        "--desired",
        "10",
        "--broken-image",
        "--rollback",
        "--json",
    ]);
    assert_eq!(v["status"], "rolled_back");
    assert_eq!(v["circuit_breaker"]["threshold"], 5);
    let v = json(&[
        "sim",
        "rolling",
        "--desired",
        "4",
        "--broken-image",
        "health",
        "--lb",
        "--circuit-breaker",
        "--json",
    ]);
    assert_eq!(v["status"], "failed");
}

#[test]
fn scaling_json_has_per_minute_series() {
    let v = json(&[
        "sim",
        "scaling",
        "--policy",
        "target-tracking",
        "--target",
        "50",
        "--load",
        "spike",
        "--launch-type",
        "ec2",
        "--instances",
        "2",
        "--target-capacity",
        "100",
        "--json",
    ]);
    let series = v["series"].as_array().expect("series");
    assert_eq!(series.len(), 61);
    for key in [
        "minute",
        "desired",
        "running",
        "pending",
        "instances",
        "metric",
        "cpr",
        "load",
    ] {
        assert!(series[5].get(key).is_some(), "missing {key}");
    }
    assert!(v["lower"].is_u64() && v["upper"].is_u64() && v["status"].is_string());
    assert!(v["events"].as_array().is_some_and(|e| !e.is_empty()));
    // Scale-out within about three minutes of the load rising at minute 5.
    let first_up = series
        .iter()
        .find(|p| p["desired"].as_u64() > Some(3))
        .and_then(|p| p["minute"].as_u64());
    assert_eq!(first_up, Some(8));
    let most = series.iter().filter_map(|p| p["instances"].as_u64()).max();
    assert_eq!(most, Some(3), "one instance added for the waiting task");
}

#[test]
fn scaling_text_shows_a_table() {
    let out = deckhand(&["sim", "scaling", "--load", "steady", "--minutes", "5"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("min   load  unmet  metric  desired running pending instances"));
    assert!(text.contains("status: steady"));
}

fn usage_error(args: &[&str], needle: &str) {
    let out = deckhand(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_values_exit_with_2_and_a_clear_message() {
    usage_error(
        &[
            "sim",
            "rolling",
            "--min-healthy",
            "80",
            "--max-percent",
            "50",
        ],
        "minimum healthy percent (80) is above maximum percent (50)",
    );
    usage_error(
        &["sim", "rolling", "--desired", "-3"],
        "--desired must be 0 or more (got -3)",
    );
    usage_error(
        &["sim", "rolling", "--capacity", "-1"],
        "--capacity must be 0 or more",
    );
    usage_error(
        &["sim", "rolling", "--cpu", "256", "--memory", "4096"],
        "invalid Fargate size: 256 CPU units take 512, 1024 or 2048 MiB",
    );
    usage_error(
        &["sim", "rolling", "--os", "windows", "--cpu", "512"],
        "Windows tasks need 1024",
    );
    usage_error(
        &["sim", "rolling", "--min-healthy", "120"],
        "between 0 and 100",
    );
    usage_error(
        &["sim", "scaling", "--min", "5", "--max", "2"],
        "minimum task count (5) is above maximum task count (2)",
    );
    usage_error(
        &["sim", "scaling", "--load", "tsunami"],
        "unknown load `tsunami`",
    );
    usage_error(
        &["sim", "scaling", "--policy", "magic"],
        "unknown policy `magic`",
    );
    usage_error(
        &["sim", "scaling", "--target", "0"],
        "--target must be above 0",
    );
    usage_error(
        &["sim", "scaling", "--instances", "3"],
        "need launch type ec2",
    );
    usage_error(
        &["sim", "scaling", "--action", "every day;min=2"],
        "invalid schedule expression",
    );
    usage_error(
        &["sim", "rolling", "--daemon"],
        "daemon service runs on EC2",
    );
    usage_error(&["sim", "rolling", "--desird", "3"], "unexpected argument");
    usage_error(
        &["sim", "rolling", "--desired", "99999"],
        "desired count 99999 is above the AWS default quota of 5000",
    );
    usage_error(
        &["sim", "rolling", "--capacity", "4000000000"],
        "container instances 1333333334 is above the AWS default quota",
    );
}

#[test]
fn step_scaling_output_shows_the_alarm_and_the_step_adjustments() {
    let out = text(&["sim", "scaling", "--policy", "step", "--minutes", "15"]);
    assert!(!out.contains("(target 50)"), "{out}");
    assert!(
        out.contains("step-out: step scaling, alarm CPU % > 50 for 3 of 3 minutes"),
        "{out}"
    );
    assert!(
        out.contains("[0, 10) +0 %, [10, 20) +10 %, [20, ∞) +30 %"),
        "{out}"
    );
    // Each scale-out says which step it applied and how.
    assert!(
        out.contains("step [20, ∞) +30 %: 3 + 30 % of 3 (0.9 rounds to 1) = 4"),
        "{out}"
    );
}

#[test]
fn a_c5_large_registers_less_than_4_gib_so_4_tasks_of_1_gib_do_not_fit() {
    let out = deckhand(&[
        "sim",
        "rolling",
        "--launch-type",
        "ec2",
        "--instances",
        "1",
        "--desired",
        "4",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the 4 initial tasks do not fit the cluster (room for 3)"),
        "{err}"
    );
    // ECS_RESERVED_MEMORY takes more: 2 tasks of 1 GiB fit in 3,992 - 1,024 MiB.
    let out = deckhand(&[
        "sim",
        "rolling",
        "--launch-type",
        "ec2",
        "--instances",
        "1",
        "--desired",
        "3",
        "--reserved-memory",
        "1024",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("(room for 2)"), "{err}");
}

#[test]
fn tasks_not_launched_are_counted_right() {
    // Room for 12 tasks, 10 running: 10 new tasks are allowed under U = 20, 2 fit.
    let out = text(&["sim", "rolling", "--capacity", "12", "--lb"]);
    assert!(out.contains("8 tasks not launched"), "{out}");
    assert!(!out.contains("10 tasks not launched"), "{out}");
}

#[test]
fn clamped_arithmetic_is_not_printed_as_an_equality() {
    let out = text(&[
        "sim",
        "scaling",
        "--metric",
        "requests",
        "--target",
        "50",
        "--minutes",
        "5",
    ]);
    let line = out
        .lines()
        .find(|l| l.contains("scale-out desired 3 → 20"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains(", lowered to the maximum 20"), "{line}");
}

#[test]
fn deployment_events_say_which_revision_replaces_which() {
    let out = text(&["sim", "rolling", "--desired", "4"]);
    assert!(
        out.contains("deployment 2 started: revision 2 replaces revision 1"),
        "{out}"
    );
    assert!(!out.contains("deployment 2 of revision 2"), "{out}");
}

#[test]
fn help_says_what_each_option_does_in_its_own_command() {
    let scaling = text(&["sim", "scaling", "--help"]);
    let minutes = scaling
        .lines()
        .skip_while(|l| !l.contains("--minutes"))
        .nth(1)
        .unwrap_or_default();
    assert!(!minutes.contains("rolling update"), "{scaling}");
    assert!(minutes.contains("How many simulated minutes"), "{scaling}");
    let rolling = text(&["sim", "rolling", "--help"]);
    for internal in ["ambiguity", "X2", "X1", "[Model"] {
        assert!(!rolling.contains(internal), "{internal} in:\n{rolling}");
    }
    // The global options stand apart from the simulator's.
    let global = rolling
        .find("Global options:")
        .unwrap_or_else(|| panic!("{rolling}"));
    for flag in ["--data-dir", "--config-dir", "--color"] {
        let at = rolling.find(flag).unwrap_or_else(|| panic!("{flag}"));
        assert!(at > global, "{flag} among the simulator's options");
    }
    assert!(rolling.find("--desired").unwrap_or(usize::MAX) < global);
}
