//! `deckhand pack`: tools for pack authors.
//!
//! `deckhand pack new NAME` writes a commented pack to start from (one card of every kind
//! and a diagram) that `deckhand check` passes.
//!
//! `deckhand pack diff OLD NEW [--json]` prints what changed between two releases of a pack
//! (folders or files): cards added, removed, changed (with the fields), and replaced (merged
//! or renamed through `replaces`), the same computation as the trainer's update notice, for
//! an author's release notes.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::content::diff::{self, Changes, PackPrint, Reader};
use crate::content::{self, Pack};

/// Arguments of `deckhand pack`.
#[derive(Debug, Args)]
pub struct PackArgs {
    #[command(subcommand)]
    pub command: PackCommand,
}

/// The `pack` subcommands.
#[derive(Debug, Subcommand)]
pub enum PackCommand {
    /// Start a pack: a folder with a commented pack.toml and a card of every kind.
    New(NewArgs),
    /// What changed between two releases of a pack: added, removed, changed, replaced cards.
    Diff(DiffArgs),
}

/// `deckhand pack new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to create; its name gives the pack id (`ecs-deep-dive`).
    #[arg(value_name = "NAME")]
    pub path: PathBuf,
}

/// `deckhand pack diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier release (a pack folder with pack.toml, or a .toml pack file).
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later release.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Run a `pack` subcommand.
pub fn run(args: PackArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    match args.command {
        PackCommand::Diff(d) => run_diff(&d, out),
        PackCommand::New(n) => run_new(&n, out),
    }
}

fn run_new(args: &NewArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let shown = crate::interop::printable(&args.path.display().to_string()).into_owned();
    match crate::interop::scaffold::create(&args.path) {
        Ok(id) => {
            writeln!(
                out,
                "created pack `{id}` in {shown}: pack.toml and cards/basics.toml"
            )?;
            writeln!(out, "check it:  deckhand check {shown}")?;
            writeln!(out, "study it:  deckhand --pack {shown}")?;
            Ok(EXIT_OK)
        }
        Err(e) => {
            eprintln!("error: {}", crate::interop::printable(&e.to_string()));
            Ok(EXIT_FAILURE)
        }
    }
}

/// The JSON of `pack diff --json`.
#[derive(Debug, serde::Serialize)]
struct DiffJson<'a> {
    pack: &'a str,
    old_version: &'a str,
    new_version: &'a str,
    summary: String,
    added: &'a [diff::CardName],
    removed: &'a [diff::CardName],
    changed: &'a [diff::Changed],
    replaced: &'a [diff::Replaced],
}

fn run_diff(args: &DiffArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    if let Some(missing) = [&args.old, &args.new].into_iter().find(|p| !p.exists()) {
        eprintln!(
            "error: no such file or folder: {}\nhelp: `deckhand pack diff` takes two pack folders (with pack.toml) or .toml pack files",
            missing.display()
        );
        return Ok(EXIT_USAGE);
    }
    let (Some(old), Some(new)) = (load(&args.old), load(&args.new)) else {
        return Ok(EXIT_FAILURE);
    };
    if old.id() != new.id() {
        eprintln!(
            "note: the packs have different ids (`{}` and `{}`); progress never carries over between packs",
            old.id(),
            new.id()
        );
    }
    let (old, new) = (diff::print(&old), diff::print(&new));
    let changes = diff::diff_packs(&old, &new);
    if args.json {
        let json = DiffJson {
            pack: &new.id,
            old_version: &old.version,
            new_version: &new.version,
            summary: changes.summary_for(Reader::Author),
            added: &changes.added,
            removed: &changes.retired,
            changed: &changes.changed,
            replaced: &changes.replaced,
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else {
        write_text(&old, &new, &changes, out)?;
    }
    Ok(EXIT_OK)
}

fn write_text(
    old: &PackPrint,
    new: &PackPrint,
    changes: &Changes,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} {} → {}: {}",
        printable(&new.id),
        printable(&old.version),
        printable(&new.version),
        changes.summary_for(Reader::Author)
    )?;
    for line in changes.lines_for(Reader::Author) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Author text with control characters made visible (it goes to a terminal).
pub(super) fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Load one release; a pack with errors is refused (cards left out would show as removed).
fn load(path: &Path) -> Option<Pack> {
    let lib = content::load_path(path);
    let errors: Vec<_> = lib
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    if !errors.is_empty() {
        for d in &errors {
            eprintln!("{d}");
        }
        eprintln!(
            "error: {} has {} {}; fix them first (`deckhand check {}`): cards left out would show as removed",
            path.display(),
            errors.len(),
            if errors.len() == 1 { "error" } else { "errors" },
            path.display()
        );
        return None;
    }
    lib.packs.into_iter().next()
}
