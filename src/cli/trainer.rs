//! `deckhand` with no subcommand: load everything and open the trainer.

use std::time::Instant;

use super::{Context, EXIT_FAILURE, EXIT_OK};
use crate::config::Config;
use crate::content;
use crate::store::Store;
use crate::study::SystemClock;
use crate::tui::app::AppInit;

/// Open the trainer. Broken packs and a broken config are shown inside it; a database that
/// cannot be opened stops here, with a message and the file untouched.
pub fn run(ctx: &Context) -> anyhow::Result<u8> {
    let started = Instant::now();
    let (config, config_problems) = Config::load(&ctx.paths.config_file());
    let phase = Instant::now();
    // The packs, through the compiled-pack cache, with the simulator's prediction questions
    // (scheduled like any card) after them.
    let (library, cache) = content::load_library_cached(
        true,
        Some(&ctx.paths.packs_dir()),
        &ctx.packs,
        &ctx.paths.pack_cache(),
        || vec![crate::quiz::predict::generated_pack()],
    );
    tracing::info!(
        cache = ?cache,
        packs = library.packs.len(),
        cards = library.report.cards,
        files = library.report.files,
        errors = library.report.errors(),
        warnings = library.report.warnings(),
        ms = phase.elapsed().as_millis() as u64,
        "packs loaded"
    );
    super::log_problems(&library.report.diagnostics);
    let mut problems = library.report.diagnostics.clone();
    for problem in &config_problems {
        tracing::warn!(location = %problem.location(), "config.toml: {}", problem.message);
    }
    problems.extend(config_problems);
    let clock = crate::systime::read(std::time::SystemTime::now());
    if let Some((message, help)) = crate::systime::problem(clock) {
        problems.push(content::Diagnostic::path(
            content::Severity::Warning,
            "system clock",
            message,
            help,
        ));
    }
    let phase = Instant::now();
    let store = match Store::open(&ctx.paths.database()) {
        Ok(s) => s,
        Err(e) => {
            tracing::error!("opening the progress database failed: {e}");
            eprintln!("error: {e}");
            return Ok(EXIT_FAILURE);
        }
    };
    tracing::info!(
        path = %ctx.paths.database().display(),
        ms = phase.elapsed().as_millis() as u64,
        "progress database open"
    );
    let color = ctx.color.unwrap_or(config.color);
    let no_color = std::env::var("NO_COLOR").ok();
    let use_color = color.use_color(no_color.as_deref());
    let now = clock.at;
    let init = AppInit {
        library,
        store,
        config,
        clock: Box::new(SystemClock),
        seed: now.timestamp_nanos_opt().unwrap_or_default() as u64,
        utc_offset: crate::systime::utc_offset(now),
        color: use_color,
        problems,
    };
    tracing::info!(
        ms = started.elapsed().as_millis() as u64,
        "start-up done, opening the trainer"
    );
    crate::tui::run(init, color == crate::config::ColorMode::Always)?;
    tracing::info!("trainer closed");
    Ok(EXIT_OK)
}
