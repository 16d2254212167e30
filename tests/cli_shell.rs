//! The command line as Rust users expect it: completions, man pages, `--color` everywhere
//! (help included), `check --format json`, and the log file.

use std::path::Path;
use std::process::{Command, Output};

fn deckhand(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(args)
        .env("DECKHAND_DATA_DIR", data)
        .env("DECKHAND_CONFIG_DIR", data.join("config"))
        .env_remove("NO_COLOR")
        .env_remove("DECKHAND_LOG")
        .output()
        .expect("run deckhand")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef deckhand"),
        ("fish", "complete -c deckhand"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[deckhand]"),
    ] {
        let out = deckhand(&["completions", shell], dir.path());
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("completions"),
            "{shell} completes subcommands"
        );
    }
    let out = deckhand(&["completions", "tcsh"], dir.path());
    assert_eq!(out.status.code(), Some(2), "an unknown shell is bad usage");
}

#[test]
fn man_pages_for_deckhand_and_each_subcommand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = deckhand(&["man"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let page = text(&out.stdout);
    assert!(page.contains(".TH deckhand 1"), "{page}");
    assert!(page.contains(".SH ENVIRONMENT"), "{page}");
    let out = deckhand(&["man", "check"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains(".TH deckhand-check 1"));
    assert!(
        text(&out.stdout).contains("format"),
        "check's options are listed"
    );
    let out = deckhand(&["man", "nonsense\x1b[2J"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("nonsense\\u{1b}[2J"), "escaped: {err}");
    assert!(!err.contains('\x1b'), "{err}");
}

#[test]
fn color_flag_governs_help_of_every_subcommand() {
    let dir = tempfile::tempdir().expect("tempdir");
    for sub in [
        &[][..],
        &["check"],
        &["sim"],
        &["paths"],
        &["completions"],
        &["man"],
        &["optimize"],
    ] {
        let mut always = vec!["--color", "always"];
        always.extend_from_slice(sub);
        always.push("--help");
        let out = deckhand(&always, dir.path());
        assert_eq!(out.status.code(), Some(0), "{always:?}");
        assert!(
            text(&out.stdout).contains("\x1b["),
            "{always:?} is coloured"
        );
        let mut never: Vec<&str> = sub.to_vec();
        never.extend(["--help", "--color=never"]);
        let out = deckhand(&never, dir.path());
        assert!(
            !text(&out.stdout).contains('\x1b'),
            "{never:?} is plain: {}",
            text(&out.stdout)
        );
    }
    // Usage errors too.
    let out = deckhand(&["--color", "always", "check", "--bogus"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("\x1b["));
}

#[test]
fn color_flag_governs_check_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = "tests/fixtures/broken/unknown-field.toml";
    let out = deckhand(&["--color", "always", "check", broken], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let coloured = text(&out.stdout);
    assert!(coloured.contains("\x1b[1;31merror\x1b[0m"), "{coloured}");
    let out = deckhand(&["check", broken], dir.path());
    let plain = text(&out.stdout);
    assert!(!plain.contains('\x1b'), "piped output is plain by default");
    let stripped = coloured
        .replace("\x1b[1;31m", "")
        .replace("\x1b[1;33m", "")
        .replace("\x1b[1;36m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[0m", "");
    assert_eq!(stripped, plain, "colour changes nothing but colour");
}

#[test]
fn check_format_json_lists_every_diagnostic_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = "tests/fixtures/broken/unknown-field.toml";
    let out = deckhand(&["check", "--format", "json", broken], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let diags = doc["diagnostics"].as_array().expect("diagnostics");
    assert!(!diags.is_empty());
    let first = diags
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    assert_eq!(first["file"], broken);
    assert!(first["line"].as_u64().expect("line") > 0);
    assert!(first["column"].as_u64().expect("column") > 0);
    assert_eq!(first["severity"], "error");
    assert!(
        first["message"]
            .as_str()
            .expect("message")
            .contains("explian")
    );
    assert!(first["help"].as_str().expect("help").contains("explain"));
    assert_eq!(
        doc["errors"].as_u64(),
        Some(diags.iter().filter(|d| d["severity"] == "error").count() as u64)
    );

    let out = deckhand(&["check", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0), "the built-in pack is clean");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["errors"], 0);
    assert!(doc["cards"].as_u64().expect("cards") > 100);
    assert_eq!(doc["lint"], serde_json::json!([]), "no lint without --lint");
    let out = deckhand(&["check", "--lint", "--format", "json"], dir.path());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(doc["lint"].is_array(), "{doc}");
}

#[test]
fn logs_go_to_a_daily_file_that_paths_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = deckhand(&["paths"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    let line = listing
        .lines()
        .find(|l| l.starts_with("log file"))
        .expect("paths shows the log file");
    let file = Path::new(line.trim_start_matches("log file").trim());
    assert!(file.starts_with(dir.path().join("logs")), "{listing}");
    let log = std::fs::read_to_string(file).expect("the log file exists");
    assert!(log.contains("deckhand starts"), "{log}");
    assert!(log.contains("INFO"), "{log}");
    assert!(
        !text(&out.stderr).contains("deckhand starts"),
        "nothing on the terminal"
    );

    // A broken pack is logged; DECKHAND_LOG raises the level.
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(["check", "tests/fixtures/broken/unknown-field.toml"])
        .env("DECKHAND_DATA_DIR", dir.path())
        .env("DECKHAND_LOG", "debug")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let log = std::fs::read_to_string(file).expect("the log file exists");
    assert!(log.contains("pack error"), "{log}");
}

/// The package names no public address: nobody knows the project's URL yet, and a guessed
/// `repository` or `homepage` would send crates.io and `cargo info` readers to someone
/// else's (or no) project. What is known stays: description, licence, readme, keywords,
/// categories.
#[test]
fn the_package_publishes_no_made_up_address() {
    let manifest: toml::Table =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .expect("Cargo.toml")
            .parse()
            .expect("Cargo.toml parses");
    let package = manifest["package"].as_table().expect("[package]");
    for key in ["repository", "homepage", "documentation"] {
        assert!(
            !package.contains_key(key),
            "Cargo.toml names a {key} ({}), but the project has no known public address",
            package[key]
        );
    }
    for key in ["description", "license", "readme", "keywords", "categories"] {
        assert!(package.contains_key(key), "Cargo.toml lost its {key}");
    }
    let readme = package["readme"].as_str().expect("readme is a path");
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(readme).is_file(),
        "the readme {readme} exists"
    );
}
