//! `deckhand completions SHELL` (clap_complete) and `deckhand man` (clap_mangen). The same
//! output is kept in `assets/` for packagers; `tests/assets.rs` fails when it is stale.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, EXIT_OK};

/// Arguments of `deckhand completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to write a completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells completions are generated for, with the file name packagers expect.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "deckhand.bash"),
    (Shell::Zsh, "_deckhand"),
    (Shell::Fish, "deckhand.fish"),
    (Shell::PowerShell, "_deckhand.ps1"),
    (Shell::Elvish, "deckhand.elv"),
];

/// The completion script for `shell`.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "deckhand", &mut out);
    out
}

/// Arguments of `deckhand man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand's own page (`deckhand man import`) instead of `deckhand(1)`.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
}

/// The subcommands that get a page of their own (`deckhand-NAME(1)`): every visible one.
pub fn man_subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .collect()
}

/// The man page (roff) of deckhand, or of one subcommand; `None` for an unknown subcommand.
pub fn man_page(subcommand: Option<&str>) -> std::io::Result<Option<Vec<u8>>> {
    let root = Cli::command();
    let mut out = Vec::new();
    match subcommand {
        None => {
            let man = clap_mangen::Man::new(root.clone());
            man.render_title(&mut out)?;
            man.render_name_section(&mut out)?;
            man.render_synopsis_section(&mut out)?;
            man.render_description_section(&mut out)?;
            man.render_options_section(&mut out)?;
            man.render_subcommands_section(&mut out)?;
            out.extend_from_slice(extra_sections().as_bytes());
            man.render_version_section(&mut out)?;
        }
        Some(name) => {
            let Some(sub) = root.find_subcommand(name).filter(|c| !c.is_hide_set()) else {
                return Ok(None);
            };
            let cmd = sub.clone().name(format!("deckhand-{name}"));
            clap_mangen::Man::new(cmd).render(&mut out)?;
        }
    }
    Ok(Some(out))
}

/// FILES, ENVIRONMENT, EXIT STATUS and SEE ALSO of `deckhand(1)`.
fn extra_sections() -> String {
    use clap_mangen::roff::{Roff, bold, roman};
    let mut r = Roff::new();
    let item = |r: &mut Roff, term: &str, text: &str| {
        r.control("TP", []).text([bold(term)]).text([roman(text)]);
    };
    r.control("SH", ["FILES"]);
    item(
        &mut r,
        "progress.sqlite3",
        "Progress (card states and the review log), in the data directory.",
    );
    item(
        &mut r,
        "packs/",
        "Packs in the data directory, loaded at every start.",
    );
    item(
        &mut r,
        "logs/deckhand.DATE.log",
        "The daily log in the data directory (the last 14 days are kept).",
    );
    item(
        &mut r,
        "config.toml",
        "Settings, in the config directory. `deckhand paths` prints every location.",
    );
    r.control("SH", ["ENVIRONMENT"]);
    item(
        &mut r,
        "DECKHAND_DATA_DIR",
        "The data directory (--data-dir wins).",
    );
    item(
        &mut r,
        "DECKHAND_CONFIG_DIR",
        "The config directory (--config-dir wins).",
    );
    item(
        &mut r,
        "DECKHAND_LOG",
        "A log filter such as debug or deckhand::interop=trace; wins over --verbose.",
    );
    item(
        &mut r,
        "NO_COLOR",
        "Any value turns colour off unless --color always.",
    );
    r.control("SH", ["EXIT STATUS"]);
    item(&mut r, "0", "Success.");
    item(
        &mut r,
        "1",
        "Failure: a pack with errors, a file that cannot be read or written (a message on stderr).",
    );
    item(
        &mut r,
        "2",
        "Bad usage: an unknown flag, a bad value, a missing path.",
    );
    r.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = man_subcommands()
        .iter()
        .map(|s| format!("deckhand-{s}(1)"))
        .collect();
    r.text([roman(pages.join(", "))]);
    r.to_roff()
}

/// Print the completion script.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    out.write_all(&completion_script(args.shell))?;
    Ok(EXIT_OK)
}

/// Print the man page.
pub fn man(args: &ManArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    match man_page(args.subcommand.as_deref())? {
        Some(page) => {
            out.write_all(&page)?;
            Ok(EXIT_OK)
        }
        None => {
            eprintln!(
                "error: no subcommand `{}`; pages exist for: {}",
                crate::interop::printable(args.subcommand.as_deref().unwrap_or_default()),
                man_subcommands().join(", ")
            );
            Ok(super::EXIT_USAGE)
        }
    }
}
