//! `deckhand export`: packs to an Anki package (`--anki`), Anki's text format (`--tsv`) or
//! JSON (`--json`, with `--progress` the progress too).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use super::style::Painter;
use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::content::{self, Pack};
use crate::interop::{self, printable};
use crate::store::Store;

/// Arguments of `deckhand export`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("format").required(true).args(["anki", "tsv", "json"])))]
pub struct ExportArgs {
    /// Write an Anki package (.apkg) that Anki imports; notes keep the card ids as GUIDs, so
    /// exporting again updates the same notes.
    #[arg(long, value_name = "OUT.apkg")]
    pub anki: Option<PathBuf>,
    /// Write Anki's text format (tab-separated, with its #headers).
    #[arg(long, value_name = "OUT.txt")]
    pub tsv: Option<PathBuf>,
    /// Write JSON (to standard output when OUT is `-` or left out).
    #[arg(long, value_name = "OUT.json", num_args = 0..=1, default_missing_value = "-")]
    pub json: Option<PathBuf>,
    /// Only this pack (repeatable; default: every pack the trainer loads).
    #[arg(long = "pack", value_name = "ID")]
    pub packs: Vec<String>,
    /// With --anki: include your scheduling and review log.
    #[arg(long)]
    pub with_progress: bool,
    /// With --json: include your progress (card states, review log, sessions, settings).
    #[arg(long, requires = "json")]
    pub progress: bool,
}

/// Run `deckhand export`.
pub fn run(ctx: &Context, args: ExportArgs, paint: Painter) -> anyhow::Result<u8> {
    let library = content::load_library(true, Some(&ctx.paths.packs_dir()), &ctx.packs);
    super::log_problems(&library.report.diagnostics);
    let packs: Vec<&Pack> = if args.packs.is_empty() {
        library.packs.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for id in &args.packs {
            match library.pack(id) {
                Some(p) => chosen.push(p),
                None => {
                    let known: Vec<&str> = library.packs.iter().map(Pack::id).collect();
                    eprintln!(
                        "{}: no pack `{}`; packs: {}",
                        paint.error("error"),
                        printable(id),
                        known.join(", ")
                    );
                    return Ok(EXIT_USAGE);
                }
            }
        }
        chosen
    };
    if args.with_progress && args.anki.is_none() {
        eprintln!(
            "{}: --with-progress goes with --anki (use --progress with --json)",
            paint.error("error")
        );
        return Ok(EXIT_USAGE);
    }
    let bar = super::bar::Bar::stderr();
    let now = chrono::Utc::now();
    if let Some(out) = &args.anki {
        let history = if args.with_progress {
            let store = Store::open(&ctx.paths.database())?;
            let mut all = BTreeMap::new();
            for p in &packs {
                all.extend(store.history(p.id())?);
            }
            Some(all)
        } else {
            None
        };
        let notes = interop::apkg::write::write(&packs, out, history.as_ref(), now, &bar)?;
        done(out, notes, "notes");
    } else if let Some(out) = &args.tsv {
        let tmp = out.with_extension("tsv-partial");
        let written = (|| -> anyhow::Result<usize> {
            let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            let n = interop::text::write_tsv(&packs, &mut file)?;
            file.flush()?;
            drop(file);
            std::fs::rename(&tmp, out)?;
            Ok(n)
        })();
        match written {
            Ok(n) => done(out, n, "notes"),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                eprintln!(
                    "{}: cannot write {}: {}",
                    paint.error("error"),
                    printable(&out.display().to_string()),
                    e
                );
                return Ok(EXIT_FAILURE);
            }
        }
    } else if let Some(out) = &args.json {
        let progress = if args.progress {
            let ids: Vec<String> = packs.iter().map(|p| p.id().to_string()).collect();
            Some(Store::open(&ctx.paths.database())?.dump_progress(Some(&ids))?)
        } else {
            None
        };
        let doc = interop::json::document(&packs, progress.as_ref(), &now.to_rfc3339());
        let text = serde_json::to_string_pretty(&doc)?;
        if out.as_os_str() == "-" {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{text}")?;
        } else {
            std::fs::write(out, format!("{text}\n"))?;
            done(out, packs.iter().map(|p| p.cards.len()).sum(), "cards");
        }
    }
    Ok(EXIT_OK)
}

fn done(out: &std::path::Path, n: usize, what: &str) {
    tracing::info!(out = %out.display(), count = n, "exported");
    eprintln!(
        "wrote {n} {what} to {}",
        printable(&out.display().to_string())
    );
}
