//! `deckhand check [PATH...]`: validate packs and print compiler-style diagnostics.

use std::io::Write;
use std::path::PathBuf;

use crate::content::lint::Finding;
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
    /// Also report what makes the packs weaker as study material (see docs/authoring.md).
    #[arg(long)]
    pub lint: bool,
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
    let mut library = content::validate_paths_with(&args.paths, &options);
    // Every card's simulator scenario, run to its end.
    let scenarios = content::check_scenarios(&library);
    library.report.diagnostics.extend(scenarios);
    let report = &library.report;
    for d in &report.diagnostics {
        writeln!(out, "{d}")?;
    }
    if args.lint {
        let mut findings = 0;
        for pack in &library.packs {
            let lint = content::lint::lint(pack);
            for f in &lint.findings {
                write_finding(f, out)?;
                findings += f.items.len();
            }
            writeln!(out, "{}\n", lint.measures_line())?;
        }
        writeln!(
            out,
            "{}, {findings} lint {}",
            report.summary(),
            if findings == 1 { "finding" } else { "findings" }
        )?;
    } else {
        writeln!(out, "{}", report.summary())?;
    }
    Ok(if report.errors() > 0 {
        EXIT_FAILURE
    } else {
        EXIT_OK
    })
}

/// A finding as the compiler-style diagnostics are shown: what, each card where it is
/// defined, and a `help:` line.
fn write_finding(f: &Finding, out: &mut dyn Write) -> anyhow::Result<()> {
    if f.message.is_empty() {
        writeln!(out, "lint[{}]", f.lint.code())?;
    } else {
        writeln!(out, "lint[{}]: {}", f.lint.code(), f.message)?;
    }
    for (at, what) in &f.items {
        match at {
            Some(at) => writeln!(out, "   {at}: {what}")?,
            None => writeln!(out, "   {what}")?,
        }
    }
    writeln!(out, "   = help: {}\n", f.help)?;
    Ok(())
}
