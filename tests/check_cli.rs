//! `deckhand check`: one broken-pack fixture per error class, each asserted by its exact
//! diagnostics (insta snapshots), plus the exit codes and bad input that must never panic.

use std::path::Path;
use std::process::{Command, Output};

fn deckhand(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand")
}

/// Run `deckhand check` on the paths; return stdout and the exit code.
fn check(paths: &[&str]) -> (String, i32) {
    let mut args = vec!["check"];
    args.extend_from_slice(paths);
    let out = deckhand(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "deckhand panicked: {stderr}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().expect("exit code"),
    )
}

/// Each broken fixture: its diagnostics are snapshotted exactly, and `check` exits 1
/// (0 for the fixture that only has a warning).
macro_rules! broken {
    ($($name:ident => $file:literal, $code:literal;)*) => {$(
        #[test]
        fn $name() {
            let (out, code) = check(&[concat!("tests/fixtures/broken/", $file)]);
            assert_eq!(code, $code, "{out}");
            insta::assert_snapshot!(stringify!($name), out);
        }
    )*};
}

broken! {
    toml_syntax_error => "toml-syntax.toml", 1;
    unknown_field_suggests_the_right_one => "unknown-field.toml", 1;
    missing_required_field => "missing-field.toml", 1;
    wrong_types => "wrong-type.toml", 1;
    duplicate_card_id_in_one_file => "duplicate-card-id.toml", 1;
    duplicate_card_id_across_files => "duplicate-id-across-files", 1;
    unknown_card_kind => "unknown-kind.toml", 1;
    choice_answer_out_of_range => "choice-answer-out-of-range.toml", 1;
    choice_with_two_correct_answers => "choice-two-correct.toml", 1;
    multi_with_one_correct_answer => "multi-one-correct.toml", 1;
    cloze_without_deletion => "cloze-no-deletion.toml", 1;
    cloze_malformed_deletion => "cloze-malformed.toml", 1;
    typed_without_accepted_answer => "typed-no-answer.toml", 1;
    card_names_missing_diagram => "unknown-diagram.toml", 1;
    diagram_wider_than_100_columns => "diagram-too-wide.toml", 1;
    diagram_with_a_tab => "diagram-tab.toml", 1;
    empty_text => "empty-text.toml", 1;
    duplicate_options => "duplicate-options.toml", 1;
    sim_preset_the_simulator_refuses => "sim-preset.toml", 1;
    card_without_explain_is_a_warning => "missing-explain.toml", 0;
}

#[test]
fn two_packs_with_one_id() {
    let (out, code) = check(&[
        "tests/fixtures/broken/same-pack-id-a",
        "tests/fixtures/broken/same-pack-id-b",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("two_packs_with_one_id", out);
}

#[test]
fn builtin_pack_is_clean() {
    let (out, code) = check(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(", 0 errors, 0 warnings\n"), "{out}");
}

#[test]
fn example_pack_in_the_docs_is_clean() {
    let (out, code) = check(&["docs/example-pack"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(", 0 errors, 0 warnings\n"), "{out}");
}

#[test]
fn a_path_that_does_not_exist_is_bad_usage() {
    let out = deckhand(&["check", "no/such/pack"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such file or folder: no/such/pack"),
        "{err}"
    );
}

#[test]
fn an_unknown_flag_is_bad_usage() {
    let out = deckhand(&["check", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Write `bytes` as a single-file pack in a temporary folder and check it.
fn check_bytes(name: &str, bytes: &[u8]) -> (String, i32) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    let (out, code) = check(&[path.to_str().expect("utf-8 temp path")]);
    (
        out.replace(&dir.path().display().to_string(), "<tmp>"),
        code,
    )
}

#[test]
fn empty_file_gets_a_located_message() {
    let (out, code) = check_bytes("empty.toml", b"");
    assert_eq!(code, 1);
    assert!(
        out.starts_with("<tmp>/empty.toml:1:1: error: missing the `[pack]` manifest"),
        "{out}"
    );
}

#[test]
fn binary_garbage_gets_a_located_message() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (out, code) = check_bytes("garbage.toml", &garbage);
    assert_eq!(code, 1);
    assert!(out.starts_with("<tmp>/garbage.toml:"), "{out}");
    assert!(out.contains(": error: "), "{out}");
}

#[test]
fn invalid_utf8_is_located_at_the_bad_byte() {
    let (out, code) = check_bytes("latin1.toml", b"[pack]\nid = \"caf\xe9\"\n");
    assert_eq!(code, 1);
    assert!(
        out.starts_with(
            "<tmp>/latin1.toml:2:10: error: file is not valid UTF-8 (byte 0xE9 at offset 16)"
        ),
        "{out}"
    );
}

#[test]
fn a_ten_megabyte_string_is_refused_with_a_short_message() {
    let pack =
        std::fs::read_to_string("tests/fixtures/broken/missing-explain.toml").expect("fixture");
    let huge = pack.replace("What is Fargate?", &"x".repeat(10 * 1024 * 1024));
    let (out, code) = check_bytes("huge.toml", huge.as_bytes());
    assert_eq!(code, 1);
    assert!(
        out.contains("<tmp>/huge.toml:14:9: error: the `front` of card `fargate` is 10240 KB long"),
        "{out}"
    );
    assert!(
        out.len() < 2_000,
        "the message must not echo the string: {} bytes",
        out.len()
    );
}

#[test]
fn deeply_nested_tables_are_refused_without_a_crash() {
    let nested = format!("x = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let (out, code) = check_bytes("nested.toml", nested.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("<tmp>/nested.toml:1:"), "{out}");
    assert!(out.contains("nested too deeply"), "{out}");
    let headers: String = (1..=300)
        .map(|i| format!("[{}]\n", vec!["a"; i].join(".")))
        .collect();
    let (out, code) = check_bytes("headers.toml", headers.as_bytes());
    assert_eq!(code, 1);
    assert!(out.contains("<tmp>/headers.toml:"), "{out}");
}

#[test]
fn a_directory_where_a_file_is_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("pack.toml")).expect("mkdir");
    let (out, code) = check(&[dir.path().to_str().expect("utf-8")]);
    let out = out.replace(&dir.path().display().to_string(), "<tmp>");
    assert_eq!(code, 1);
    assert!(
        out.starts_with(
            "<tmp>/pack.toml: error: is a directory, but a pack's manifest must be a file"
        ),
        "{out}"
    );
}

#[test]
fn a_folder_without_pack_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (out, code) = check(&[dir.path().to_str().expect("utf-8")]);
    assert_eq!(code, 1);
    assert!(out.contains("this folder has no pack.toml"), "{out}");
    assert!(Path::new(dir.path()).exists());
}
