//! `deckhand check` on the fields of evolving packs: every `replaces` error and the
//! `diagram_after` errors with their exact diagnostics (insta snapshots), `--strict`, and
//! `--lint` on a fixture with each finding.

use std::process::Command;

/// Run `deckhand` with `args`; return stdout and the exit code.
fn deckhand(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "deckhand panicked: {stderr}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().expect("exit code"),
    )
}

macro_rules! check {
    ($($name:ident => [$($arg:literal),*], $code:literal;)*) => {$(
        #[test]
        fn $name() {
            let (out, code) = deckhand(&["check", $($arg),*]);
            assert_eq!(code, $code, "{out}");
            insta::assert_snapshot!(stringify!($name), out);
        }
    )*};
}

check! {
    replaced_id_still_a_card => ["tests/fixtures/broken/replaces-still-a-card.toml"], 1;
    one_id_replaced_by_two_cards => ["tests/fixtures/broken/replaces-two-cards.toml"], 1;
    replacements_do_not_chain => ["tests/fixtures/broken/replaces-chain.toml"], 1;
    replacement_cycles => ["tests/fixtures/broken/replaces-cycle.toml"], 1;
    malformed_replaces => ["tests/fixtures/broken/replaces-malformed.toml"], 1;
    diagram_after_needs_a_diagram => ["tests/fixtures/broken/diagram-after-without-diagram.toml"], 1;
    strict_warns_about_an_id_the_previous_version_lacked => [
        "--strict", "--previous", "tests/fixtures/evolve/v1.toml",
        "tests/fixtures/broken/replaces-unknown.toml"
    ], 0;
    strict_without_a_previous_version_cannot_confirm => [
        "--strict", "tests/fixtures/evolve/v2.toml"
    ], 0;
    lint_finds_each_weakness => ["--lint", "tests/fixtures/lint/every-finding.toml"], 0;
    lint_of_a_clean_pack => ["--lint", "tests/fixtures/lint/clean.toml"], 0;
}

#[test]
fn lint_findings_never_fail_the_check_but_errors_still_do() {
    let (out, code) = deckhand(&[
        "check",
        "--lint",
        "tests/fixtures/broken/replaces-chain.toml",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.ends_with(", 1 error, 0 warnings, 3 lint findings\n"),
        "{out}"
    );
    assert!(
        out.contains("lint[small-topic]: 1 topic with fewer than 5 cards"),
        "{out}"
    );
}

#[test]
fn an_unknown_replaced_id_is_fine_without_strict() {
    let (out, code) = deckhand(&["check", "tests/fixtures/broken/replaces-unknown.toml"]);
    assert_eq!(code, 0);
    assert_eq!(out, "2 cards in 1 file, 0 errors, 0 warnings\n");
}

#[test]
fn strict_accepts_ids_of_the_previous_version() {
    let (out, code) = deckhand(&[
        "check",
        "--strict",
        "--previous",
        "tests/fixtures/evolve/v1.toml",
        "tests/fixtures/evolve/v2.toml",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out, "2 cards in 1 file, 0 errors, 0 warnings\n");
}

#[test]
fn previous_needs_strict_and_must_exist() {
    let (_, code) = deckhand(&[
        "check",
        "--previous",
        "tests/fixtures/evolve/v1.toml",
        "tests/fixtures/evolve/v2.toml",
    ]);
    assert_eq!(code, 2);
    let (_, code) = deckhand(&[
        "check",
        "--strict",
        "--previous",
        "no/such/pack",
        "tests/fixtures/evolve/v2.toml",
    ]);
    assert_eq!(code, 2);
}

/// A card whose replacement is in error keeps loading, but moves no progress.
#[test]
fn a_replacement_in_error_carries_nothing() {
    let lib = deckhand::content::load_path(std::path::Path::new(
        "tests/fixtures/broken/replaces-still-a-card.toml",
    ));
    let card = lib.packs[0].card("fargate-serverless").expect("card kept");
    assert_eq!(card.replaces, ["fargate-basics"]);
    let lib = deckhand::content::load_path(std::path::Path::new(
        "tests/fixtures/broken/replaces-two-cards.toml",
    ));
    for id in ["awsvpc-eni", "bridge-ports"] {
        assert!(
            lib.packs[0]
                .card(id)
                .expect("card kept")
                .replaces
                .is_empty()
        );
    }
}

#[test]
fn the_fixture_packs_of_an_evolving_pack_are_clean() {
    for pack in [
        "tests/fixtures/evolve/v1.toml",
        "tests/fixtures/evolve/v2.toml",
        "tests/fixtures/evolve/diagram-after.toml",
    ] {
        let (out, code) = deckhand(&["check", pack]);
        assert_eq!(
            (code, out.ends_with(", 0 errors, 0 warnings\n")),
            (0, true),
            "{out}"
        );
    }
}
