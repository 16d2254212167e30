//! `deckhand pack diff OLD NEW`: the changes between two releases, as text and JSON, and
//! the exit codes.

use std::process::Command;

fn deckhand(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "deckhand panicked: {stderr}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
        out.status.code().expect("exit code"),
    )
}

const V1: &str = "tests/fixtures/evolve/v1.toml";

#[test]
fn every_kind_of_change_as_text() {
    let (out, _, code) = deckhand(&["pack", "diff", V1, "tests/fixtures/evolve/v1b.toml"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("every_kind_of_change", out);
}

#[test]
fn renames_and_merges_as_json() {
    let (out, _, code) = deckhand(&[
        "pack",
        "diff",
        V1,
        "tests/fixtures/evolve/v2.toml",
        "--json",
    ]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["summary"], "3 merged");
    assert_eq!(
        (json["old_version"].as_str(), json["new_version"].as_str()),
        (Some("1.0.0"), Some("2.0.0"))
    );
    let replaced: Vec<(String, Vec<String>)> = json["replaced"]
        .as_array()
        .expect("replaced")
        .iter()
        .map(|r| {
            let old = r["old"].as_array().expect("old").iter();
            (
                r["id"].as_str().expect("id").to_string(),
                old.map(|o| o.as_str().expect("o").to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        replaced,
        [
            ("d".into(), vec!["a".into()]),
            ("e".into(), vec!["b".into(), "c".into()])
        ]
    );
    for empty in ["added", "removed", "changed"] {
        assert_eq!(json[empty].as_array().map(Vec::len), Some(0), "{empty}");
    }
}

#[test]
fn changed_fields_and_removals_in_json() {
    let (out, _, _) = deckhand(&[
        "pack",
        "diff",
        V1,
        "tests/fixtures/evolve/v1b.toml",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["changed"][0]["id"], "a");
    assert_eq!(
        json["changed"][0]["fields"],
        serde_json::json!(["front", "explain"])
    );
    assert_eq!(json["removed"][0]["id"], "b");
    assert_eq!(json["added"][0]["id"], "f");
    assert_eq!(json["replaced"][0]["old"], serde_json::json!(["c"]));
}

#[test]
fn a_release_diffed_with_itself_has_no_change() {
    let (out, _, code) = deckhand(&["pack", "diff", V1, V1]);
    assert_eq!(
        (out.as_str(), code),
        ("evolve 1.0.0 → 1.0.0: no card changed\n", 0)
    );
}

#[test]
fn a_release_with_errors_is_refused() {
    let (out, err, code) = deckhand(&[
        "pack",
        "diff",
        V1,
        "tests/fixtures/broken/replaces-chain.toml",
    ]);
    assert_eq!((out.as_str(), code), ("", 1));
    assert!(err.contains("replacements do not chain"), "{err}");
    assert!(err.contains("fix them first"), "{err}");
}

#[test]
fn a_missing_release_is_bad_usage() {
    let (_, err, code) = deckhand(&["pack", "diff", V1, "no/such/pack"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no such file or folder: no/such/pack"),
        "{err}"
    );
    let (_, _, code) = deckhand(&["pack", "diff", V1]);
    assert_eq!(code, 2);
}
