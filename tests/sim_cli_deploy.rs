//! `deckhand sim bluegreen|linear|canary|placement` and the rolling update's failure
//! detection flags, end to end: JSON, text, and usage errors (exit 2).

mod sim_support;

use serde_json::Value;
use sim_support::{deckhand, json, text};

fn stages(v: &Value) -> Vec<String> {
    v["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|s| s["stage"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// Green's production shares after each production step, in order.
fn production(v: &Value) -> Vec<f64> {
    v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| &e["kind"])
        .filter(|k| k["type"] == "traffic_shifted" && k["step"].as_u64().unwrap_or(0) > 0)
        .map(|k| k["production"].as_f64().unwrap_or(-1.0))
        .collect()
}

#[test]
fn bluegreen_json_runs_the_ecs_stages_and_completes() {
    let v = json(&["sim", "bluegreen", "--json"]);
    assert_eq!(v["kind"], "bluegreen");
    assert_eq!(v["status"], "completed");
    assert_eq!(
        stages(&v),
        [
            "PRE_SCALE_UP",
            "SCALE_UP",
            "POST_SCALE_UP",
            "TEST_TRAFFIC_SHIFT",
            "POST_TEST_TRAFFIC_SHIFT",
            "PRODUCTION_TRAFFIC_SHIFT",
            "POST_PRODUCTION_TRAFFIC_SHIFT",
            "BAKE_TIME",
            "CLEAN_UP"
        ]
    );
    assert_eq!(production(&v), [100.0]);
}

#[test]
fn linear_and_canary_move_production_traffic_in_their_steps() {
    let v = json(&[
        "sim",
        "linear",
        "--step-percent",
        "25",
        "--step-minutes",
        "2",
        "--json",
    ]);
    assert_eq!(production(&v), [25.0, 50.0, 75.0, 100.0]);
    let v = json(&["sim", "canary", "--canary-percent", "10", "--json"]);
    assert_eq!(production(&v), [10.0, 100.0]);
    assert_eq!(v["status"], "completed");
}

#[test]
fn codedeploy_names_its_lifecycle_events_and_follows_its_configuration() {
    let v = json(&[
        "sim",
        "bluegreen",
        "--codedeploy",
        "ECSLinear10PercentEvery1Minutes",
        "--json",
    ]);
    assert_eq!(production(&v).len(), 10);
    let names = stages(&v);
    assert_eq!(names.first().map(String::as_str), Some("BeforeInstall"));
    assert!(names.iter().any(|s| s == "BeforeAllowTraffic"));
    let out = deckhand(&["sim", "bluegreen", "--codedeploy", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ECSCanary10Percent5Minutes"));
}

#[test]
fn a_failing_hook_rolls_back_and_the_text_says_why() {
    let t = text(&[
        "sim",
        "bluegreen",
        "--hook",
        "POST_TEST_TRAFFIC_SHIFT",
        "--hook-fails",
    ]);
    assert!(
        t.contains("lifecycle hook at POST_TEST_TRAFFIC_SHIFT failed"),
        "{t}"
    );
    assert!(
        t.contains("rolled back") || t.contains("rolled_back"),
        "{t}"
    );
}

#[test]
fn placement_json_explains_each_task_and_reports_what_cannot_be_placed() {
    let v = json(&[
        "sim",
        "placement",
        "--distinct-instance",
        "--tasks",
        "8",
        "--json",
    ]);
    assert_eq!(v["kind"], "placement");
    assert_eq!(v["placed"], 6);
    assert_eq!(v["constraints"][0], "distinctInstance");
    let failures = v["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("distinctInstance excludes i-1, i-2, i-3, i-4, i-5, i-6")
    );
    let first = &v["placements"][0];
    assert_eq!(first["why"]["chosen"]["id"], 1);
}

#[test]
fn placement_text_lists_the_instances_at_the_end() {
    let t = text(&[
        "sim",
        "placement",
        "--instance",
        "t3.medium@a",
        "--instance",
        "m5.large@b",
        "--strategy",
        "binpack-memory",
        "--tasks",
        "4",
    ]);
    assert!(t.contains("strategies binpack(memory)"), "{t}");
    // The t3.medium takes 3 tasks of 1 GiB (3,992 MiB registered), the 4th goes to the
    // m5.large.
    assert!(t.contains("i-1   t3.medium  us-east-1a  3 tasks"), "{t}");
    assert!(t.contains("i-2   m5.large   us-east-1b  1 task"), "{t}");
    assert!(t.contains("placed: 4 of 4"), "{t}");
}

#[test]
fn rolling_alarms_and_breaker_threshold_from_the_command_line() {
    let v = json(&[
        "sim",
        "rolling",
        "--desired",
        "4",
        "--alarms",
        "--failing-release",
        "--json",
    ]);
    assert_eq!(v["status"], "rolled_back");
    let v = json(&[
        "sim",
        "rolling",
        "--broken-image",
        "--circuit-breaker",
        "--breaker-threshold",
        "2",
        "--breaker-threshold-type",
        "count",
        "--max-percent",
        "120",
        "--json",
    ]);
    assert_eq!(v["status"], "failed");
}

#[test]
fn bad_values_exit_with_2_and_say_what_is_wrong() {
    for (args, needle) in [
        (
            vec!["sim", "placement", "--instance", "m5.large"],
            "write TYPE@AZ",
        ),
        (
            vec!["sim", "placement", "--strategy", "pack"],
            "unknown placement strategy `pack`",
        ),
        (
            vec!["sim", "placement", "--member-of", "attribute:ecs.cpu > 3"],
            "placement:",
        ),
        (
            vec!["sim", "rolling", "--breaker-threshold", "2"],
            "needs `circuit_breaker = true`",
        ),
        (
            vec!["sim", "rolling", "--failing-release"],
            "needs `alarms = true`",
        ),
        (
            vec!["sim", "linear", "--step-percent", "1"],
            "3.0 to 100.0 percent",
        ),
    ] {
        let out = deckhand(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn help_describes_the_new_commands_in_their_own_words() {
    let t = text(&["sim", "placement", "--help"]);
    assert!(t.contains("--member-of <EXPRESSION>"), "{t}");
    assert!(t.contains("--distinct-instance"), "{t}");
    let t = text(&["sim", "rolling", "--help"]);
    assert!(t.contains("Failure detection:"), "{t}");
    assert!(t.contains("--breaker-threshold-type <TYPE>"), "{t}");
    let t = text(&["sim", "--help"]);
    for cmd in ["bluegreen", "linear", "canary", "placement"] {
        assert!(t.contains(cmd), "{cmd}: {t}");
    }
}

/// The target group's health check flags are one set: every deployment that takes them
/// explains them in the same words (under "Health checks").
#[test]
fn every_deployment_explains_the_health_check_flags_alike() {
    let flags = [
        "--health-check-secs",
        "--healthy-threshold",
        "--dereg-delay-secs",
    ];
    // The help of `flag` in a subcommand's --help: its line and the lines that continue it.
    let help = |command: &str, flag: &str| {
        let out = text(&["sim", command, "--help"]);
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("{flag} in sim {command} --help:\n{out}"));
        let heading = lines[..at]
            .iter()
            .rev()
            .find(|l| !l.starts_with(' ') && l.ends_with(':'))
            .copied()
            .unwrap_or_default();
        assert_eq!(heading, "Health checks:", "{flag} in sim {command}");
        let mut text = lines[at].trim().to_string();
        for l in &lines[at + 1..] {
            if l.trim().is_empty() || l.trim_start().starts_with('-') {
                break;
            }
            text.push(' ');
            text.push_str(l.trim());
        }
        text
    };
    for flag in flags {
        let rolling = help("rolling", flag);
        for command in ["bluegreen", "linear", "canary"] {
            assert_eq!(
                help(command, flag),
                rolling,
                "{flag}: sim {command} and sim rolling"
            );
        }
    }
}
