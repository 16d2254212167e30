//! `deckhand check [PATH...]`: validate packs and print compiler-style diagnostics.

use std::io::Write;
use std::path::PathBuf;

use crate::content::{self, CheckOptions};

use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

/// Arguments of `deckhand check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Pack files or folders to check (default: the built-in pack).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also warn about ids in `replaces` that no earlier version of the pack had.
    #[arg(long)]
    pub strict: bool,
    /// An earlier release of a pack, whose card ids `--strict` accepts in `replaces`
    /// (repeatable).
    #[arg(long, value_name = "PATH", requires = "strict")]
    pub previous: Vec<PathBuf>,
}

/// Check the packs, print every diagnostic and a summary line; exit 1 on any error.
pub fn run(args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(missing) = args
        .paths
        .iter()
        .chain(&args.previous)
        .find(|p| !p.exists())
    {
        eprintln!(
            "error: no such file or folder: {}\nhelp: `deckhand check` takes pack folders (with pack.toml) or .toml pack files",
            missing.display()
        );
        return Ok(EXIT_USAGE);
    }
    let mut options = CheckOptions {
        strict: args.strict,
        ..CheckOptions::default()
    };
    for path in &args.previous {
        for pack in content::load_path(path).packs {
            let ids = options.previous.entry(pack.id().to_string()).or_default();
            for card in &pack.cards {
                ids.insert(card.id.clone());
                ids.extend(card.replaces.iter().cloned());
            }
        }
    }
    let library = content::validate_paths_with(&args.paths, &options);
    let report = &library.report;
    for d in &report.diagnostics {
        writeln!(out, "{d}")?;
    }
    writeln!(out, "{}", report.summary())?;
    Ok(if report.errors() > 0 {
        EXIT_FAILURE
    } else {
        EXIT_OK
    })
}
