//! The completion scripts and the man page kept in `assets/` for packagers are what the binary
//! generates now. When the command line changes, regenerate them:
//! `DECKHAND_UPDATE_ASSETS=1 cargo test --test assets`.

use std::path::{Path, PathBuf};

use deckhand::cli::shell::{SHELLS, completion_script, man_page, man_subcommands};

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Compare `path` with `want`; rewrite it when DECKHAND_UPDATE_ASSETS is set. Returns the
/// problem, if any.
fn check(path: &Path, want: &[u8]) -> Option<String> {
    if std::env::var_os("DECKHAND_UPDATE_ASSETS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create assets dir");
        std::fs::write(path, want).expect("write asset");
        return None;
    }
    match std::fs::read(path) {
        Ok(have) if have == want => None,
        Ok(_) => Some(format!("{} is stale", path.display())),
        Err(e) => Some(format!("{} is missing: {e}", path.display())),
    }
}

#[test]
fn completions_and_man_page_in_assets_are_current() {
    let mut problems = Vec::new();
    for (shell, file) in SHELLS {
        let script = completion_script(shell);
        assert!(
            String::from_utf8_lossy(&script).contains("completions"),
            "{shell}: the script names the subcommands"
        );
        problems.extend(check(&assets().join("completions").join(file), &script));
    }
    let man = man_page(None).expect("render").expect("the main page");
    let text = String::from_utf8_lossy(&man);
    assert!(text.contains(".TH deckhand 1"), "{text}");
    assert!(text.contains("DECKHAND_LOG"), "{text}");
    let subs = man_subcommands();
    for sub in ["check", "completions", "man", "paths"] {
        assert!(subs.iter().any(|s| s == sub), "{subs:?}");
    }
    problems.extend(check(&assets().join("man").join("deckhand.1"), &man));
    for sub in &subs {
        let page = man_page(Some(sub)).expect("render").expect("a page");
        let page_text = String::from_utf8_lossy(&page);
        assert!(
            page_text.contains(&format!(".TH deckhand-{sub} 1")),
            "{page_text}"
        );
        assert!(
            text.contains(&format!("deckhand\\-{sub}(1)")),
            "SEE ALSO lists {sub}"
        );
        let file = assets().join("man").join(format!("deckhand-{sub}.1"));
        problems.extend(check(&file, &page));
    }
    // No page is left behind for a subcommand that went away.
    for entry in std::fs::read_dir(assets().join("man")).expect("assets/man") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let known = name == "deckhand.1" || subs.iter().any(|s| name == format!("deckhand-{s}.1"));
        if !known {
            problems.push(format!("assets/man/{name} belongs to no subcommand"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\nregenerate with: DECKHAND_UPDATE_ASSETS=1 cargo test --test assets",
        problems.join("\n")
    );
}
