//! `deckhand import FILE`: an Anki package or text file becomes a TOML pack; `deckhand import
//! --progress FILE.json` restores progress exported with `deckhand export --json --progress`.

use std::path::PathBuf;

use super::style::Painter;
use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::interop::{self, printable};
use crate::srs::queue::{DayClock, PackSettings};
use crate::store::{ItemAnswers, Store};

/// Arguments of `deckhand import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// An Anki package (.apkg, .colpkg) or text file (.csv, .tsv, .txt; Anki's text export,
    /// a spreadsheet, Quizlet's export); with --progress, a JSON export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Where to write the pack (default: <data dir>/packs/<pack id>, where the trainer loads it).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The new pack's id (default: made from the file's name).
    #[arg(long, value_name = "ID")]
    pub pack_id: Option<String>,
    /// Put every card in this topic (default: one topic per Anki deck).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Replace the output folder if it exists (progress is kept: it follows the card ids).
    #[arg(long)]
    pub force: bool,
    /// Also import the package's review history into your progress (FSRS states are replayed
    /// from it).
    #[arg(long)]
    pub with_progress: bool,
    /// FILE is a JSON export: restore its progress into this data directory.
    #[arg(long, conflicts_with_all = ["out", "pack_id", "topic", "force", "with_progress"])]
    pub progress: bool,
}

/// Run `deckhand import`.
pub fn run(ctx: &Context, args: ImportArgs, paint: Painter) -> anyhow::Result<u8> {
    if !args.file.is_file() {
        eprintln!(
            "{}: no such file: {}",
            paint.error("error"),
            printable(&args.file.display().to_string())
        );
        return Ok(EXIT_USAGE);
    }
    if args.progress {
        return restore(ctx, &args, paint);
    }
    let bar = super::bar::Bar::stderr();
    let plan = match interop::import::plan(
        &args.file,
        args.pack_id.as_deref(),
        args.topic.as_deref(),
        &bar,
    ) {
        Ok(plan) => plan,
        Err(problems) => {
            report(&problems, paint);
            eprintln!(
                "{}: nothing was imported: fix the problems above and run the import again",
                paint.error("error")
            );
            return Ok(EXIT_FAILURE);
        }
    };
    report(&plan.warnings, paint);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| ctx.paths.packs_dir().join(&plan.draft.id));
    let source = args
        .file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if let Err(e) = plan.draft.write(&out, &source, args.force) {
        tracing::error!("import of {} failed: {e}", args.file.display());
        eprintln!("{}: {}", paint.error("error"), printable(&e.to_string()));
        return Ok(EXIT_FAILURE);
    }
    tracing::info!(
        file = %args.file.display(),
        out = %out.display(),
        cards = plan.draft.cards.len(),
        warnings = plan.warnings.len(),
        "imported"
    );
    println!(
        "imported {} cards in {} topics from {} notes into {} (pack `{}`)",
        plan.draft.cards.len(),
        plan.draft.topics.len(),
        plan.notes,
        printable(&out.display().to_string()),
        plan.draft.id
    );
    if args.with_progress {
        if plan.history.is_empty() {
            println!("the file holds no review history");
        } else {
            let mut store = Store::open(&ctx.paths.database())?;
            // Buried cards come back when the next study day starts, as in Anki.
            let now = chrono::Utc::now();
            let (config, _) = crate::config::Config::load(&ctx.paths.config_file());
            let day = DayClock::new(crate::systime::utc_offset(now), config.day_starts_at);
            let (imported, skipped) =
                store.import_reviews(&PackSettings::default(), &plan.history, day.day_end(now))?;
            let answers: usize = plan.history.iter().map(|h| h.answers.len()).sum();
            let held = |f: fn(&ItemAnswers) -> bool| plan.history.iter().filter(|h| f(h)).count();
            println!(
                "review history: {imported} items ({answers} answers; {} suspended, {} buried until the next study day) imported into {}",
                held(|h| h.suspended),
                held(|h| h.buried),
                printable(&ctx.paths.database().display().to_string())
            );
            if skipped > 0 {
                println!("{skipped} items already had answers here and were left as they are");
            }
        }
    }
    Ok(EXIT_OK)
}

fn report(problems: &[interop::Problem], paint: Painter) {
    for p in problems {
        let line = p.to_string();
        let line = line
            .replacen(": error: ", &format!(": {}: ", paint.error("error")), 1)
            .replacen(
                ": warning: ",
                &format!(": {}: ", paint.warning("warning")),
                1,
            );
        eprintln!("{line}");
    }
}

fn restore(ctx: &Context, args: &ImportArgs, paint: Painter) -> anyhow::Result<u8> {
    let file = printable(&args.file.display().to_string()).into_owned();
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {file}: {e}", paint.error("error"));
            return Ok(EXIT_FAILURE);
        }
    };
    let dump = match interop::json::progress_of(&text) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}: {file}: {}", paint.error("error"), printable(&e));
            return Ok(EXIT_FAILURE);
        }
    };
    let mut store = Store::open(&ctx.paths.database())?;
    let s = store.restore_progress(&dump)?;
    tracing::info!(file = %args.file.display(), states = s.card_states, reviews = s.reviews, "progress restored");
    println!(
        "restored {} card states, {} answers ({} already here), {} sessions, {} mock exams, settings of {} packs and {} exam plans into {}",
        s.card_states,
        s.reviews,
        s.duplicates,
        s.sessions,
        s.exams,
        s.pack_settings,
        s.exam_plans,
        printable(&ctx.paths.database().display().to_string())
    );
    Ok(EXIT_OK)
}
