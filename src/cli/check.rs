//! `deckhand check [PATH...]`: validate packs and print compiler-style diagnostics.

use std::io::Write;
use std::path::PathBuf;

use crate::content;

use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

/// Arguments of `deckhand check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Pack files or folders to check (default: the built-in pack).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Check the packs, print every diagnostic and a summary line; exit 1 on any error.
pub fn run(args: CheckArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(missing) = args.paths.iter().find(|p| !p.exists()) {
        eprintln!(
            "error: no such file or folder: {}\nhelp: `deckhand check` takes pack folders (with pack.toml) or .toml pack files",
            missing.display()
        );
        return Ok(EXIT_USAGE);
    }
    let library = if args.paths.is_empty() {
        content::load_builtin()
    } else {
        content::validate_paths(&args.paths)
    };
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
