//! `deckhand` with no subcommand: load everything and open the trainer.

use super::{Context, EXIT_FAILURE, EXIT_OK};
use crate::config::Config;
use crate::content;
use crate::store::Store;
use crate::study::SystemClock;
use crate::tui::app::AppInit;

/// Open the trainer. Broken packs and a broken config are shown inside it; a database that
/// cannot be opened stops here, with a message and the file untouched.
pub fn run(ctx: &Context) -> anyhow::Result<u8> {
    let (config, config_problems) = Config::load(&ctx.paths.config_file());
    let mut library = content::load_library(true, Some(&ctx.paths.packs_dir()), &ctx.packs);
    let mut problems = library.report.diagnostics.clone();
    // The simulator's prediction questions, scheduled like any card.
    library.packs.push(crate::quiz::predict::generated_pack());
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
    let store = match Store::open(&ctx.paths.database()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_FAILURE);
        }
    };
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
    crate::tui::run(init, color == crate::config::ColorMode::Always)?;
    Ok(EXIT_OK)
}
