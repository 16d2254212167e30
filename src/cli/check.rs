//! `deckhand check [PATH...]`: validate packs and print compiler-style diagnostics, or JSON
//! for editors and CI (`--format json`).

use std::io::Write;
use std::path::PathBuf;

use crate::content::lint::Finding;
use crate::content::{self, CheckOptions, Diagnostic, Report, Severity};

use super::style::Painter;
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

/// How `deckhand check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error: what`, the line with a caret, and a `help:` line.
    #[default]
    Text,
    /// One JSON document: every diagnostic (file, line, column, severity, message, help,
    /// note), the lint findings with --lint, and the counts.
    Json,
}

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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Check the packs, print every diagnostic and a summary line; exit 1 on any error.
pub fn run(args: CheckArgs, out: &mut dyn Write, paint: Painter) -> anyhow::Result<u8> {
    if let Some(missing) = args
        .paths
        .iter()
        .chain(&args.previous)
        .find(|p| !p.exists())
    {
        eprintln!(
            "{}: no such file or folder: {}\n{}: `deckhand check` takes pack folders (with pack.toml) or .toml pack files",
            paint.error("error"),
            crate::interop::printable(&missing.display().to_string()),
            paint.help("help"),
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
    tracing::info!("check: {}", report.summary());
    super::log_problems(&report.diagnostics);
    if args.format == Format::Json {
        let lint: Vec<content::lint::Finding> = if args.lint {
            library
                .packs
                .iter()
                .flat_map(|p| content::lint::lint(p).findings)
                .collect()
        } else {
            Vec::new()
        };
        serde_json::to_writer_pretty(&mut *out, &json_report(report, &lint))?;
        writeln!(out)?;
        return Ok(if report.errors() > 0 {
            EXIT_FAILURE
        } else {
            EXIT_OK
        });
    }
    for d in &report.diagnostics {
        writeln!(out, "{}", painted(d, paint))?;
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

/// The text rendering, with the first line's label coloured when the painter is on.
fn painted(d: &Diagnostic, paint: Painter) -> String {
    let text = d.to_string();
    if !paint.is_on() {
        return text;
    }
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let prefix = format!("{}: {label}: ", d.location());
    let first = match first.strip_prefix(&prefix) {
        Some(message) => {
            let coloured = match d.severity {
                Severity::Error => paint.error(label),
                Severity::Warning => paint.warning(label),
            };
            format!("{}: {coloured}: {message}", paint.bold(&d.location()))
        }
        None => first.to_string(),
    };
    let rest = rest.replace("= help:", &format!("= {}:", paint.help("help")));
    format!("{first}\n{rest}")
}

/// The JSON document of `--format json`.
pub fn json_report(report: &Report, lint: &[Finding]) -> serde_json::Value {
    let diagnostics: Vec<serde_json::Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file,
                "line": d.snippet.as_ref().map(|s| s.line),
                "column": d.snippet.as_ref().map(|s| s.col),
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": d.message,
                "help": d.help,
                "note": d.note,
            })
        })
        .collect();
    let lint: Vec<serde_json::Value> = lint
        .iter()
        .map(|f| {
            serde_json::json!({
                "lint": f.lint.code(),
                "message": f.message,
                "help": f.help,
                "items": f.items.iter().map(|(at, what)| serde_json::json!({
                    "at": at.as_ref().map(ToString::to_string),
                    "what": what,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "diagnostics": diagnostics,
        "lint": lint,
        "cards": report.cards,
        "files": report.files,
        "errors": report.errors(),
        "warnings": report.warnings(),
    })
}
