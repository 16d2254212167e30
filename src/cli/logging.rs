//! Logs: `tracing` events go to a daily file in the data directory (`logs/deckhand.DATE.log`,
//! the last [`KEEP_DAYS`] days kept), never to the terminal, so nothing disturbs the trainer's
//! screen or a script reading a subcommand's output.
//!
//! The level is `info` (start-up phases with their times, store errors, pack problems);
//! `--verbose` raises it to `debug` (`-vv`: `trace`), and `DECKHAND_LOG` takes a full filter
//! (`DECKHAND_LOG=debug`, `DECKHAND_LOG=deckhand::interop=trace`) and wins over both.
//!
//! A filter is comma-separated `LEVEL` and `TARGET=LEVEL` directives, as `env_logger` reads
//! them; a target is a module path prefix. It is parsed by `tracing_subscriber`'s `Targets`,
//! not `EnvFilter`: span and field filters are not needed here, and `EnvFilter`'s regex engine
//! was a large part of the release binary. A value that is not such a filter is ignored (the
//! level from `--verbose` holds) and noted in the log.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The environment variable holding a log filter.
pub const LOG_ENV: &str = "DECKHAND_LOG";
/// How many daily files are kept.
pub const KEEP_DAYS: usize = 14;

/// The folder the log files are written to.
pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Today's log file (the appender names files by the UTC date).
pub fn log_file(data_dir: &Path, today_utc: chrono::NaiveDate) -> PathBuf {
    log_dir(data_dir).join(format!("deckhand.{}.log", today_utc.format("%Y-%m-%d")))
}

/// The filter for `verbose` (the number of `-v`), unless `DECKHAND_LOG` says otherwise.
fn filter(verbose: u8, env: Option<&str>) -> Targets {
    let level = match verbose {
        0 => LevelFilter::INFO,
        1 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    };
    env.and_then(parse_filter)
        .unwrap_or_else(|| Targets::new().with_default(level))
}

/// `DECKHAND_LOG`'s value as a filter: `None` when it is blank or not a filter. Blanks around
/// and between directives are allowed; span and field filters (`target[span]=level`,
/// `target[{field}]=level`) are refused rather than silently matching nothing.
fn parse_filter(value: &str) -> Option<Targets> {
    let directives: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    if directives.is_empty() || directives.iter().any(|d| d.contains(['[', ']', '{', '}'])) {
        return None;
    }
    directives.join(",").parse().ok()
}

/// Start logging into `data_dir/logs`. Returns `false` (and logs nothing) when the data
/// directory does not exist (a read-only command on a fresh machine creates nothing) or the
/// folder cannot be created: logs are a help, never a reason to fail.
pub fn init(data_dir: &Path, verbose: u8) -> bool {
    if !data_dir.is_dir() {
        return false;
    }
    let dir = log_dir(data_dir);
    if std::fs::create_dir_all(&dir).is_err() {
        return false;
    }
    let Ok(appender) = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("deckhand")
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(&dir)
    else {
        return false;
    };
    let env = std::env::var(LOG_ENV).ok();
    let targets = filter(verbose, env.as_deref());
    let started = tracing_subscriber::registry()
        .with(targets)
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(appender)
                .with_ansi(false)
                .with_target(true),
        )
        .try_init()
        .is_ok();
    if let Some(value) = env.filter(|v| !v.trim().is_empty() && parse_filter(v).is_none()) {
        tracing::warn!(
            "{LOG_ENV}={:?} is not a log filter (LEVEL or TARGET=LEVEL, comma-separated); ignored",
            value
        );
    }
    started
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `filter` lets an event of `level` from `target` through.
    fn lets(filter: &Targets, target: &str, level: tracing::Level) -> bool {
        filter.would_enable(target, &level)
    }

    #[test]
    fn verbose_raises_the_level_and_the_environment_wins() {
        use tracing::Level;
        let info = filter(0, None);
        assert!(lets(&info, "deckhand::store", Level::INFO));
        assert!(!lets(&info, "deckhand::store", Level::DEBUG));
        assert!(lets(&filter(1, None), "deckhand", Level::DEBUG));
        assert!(!lets(&filter(1, None), "deckhand", Level::TRACE));
        assert!(lets(&filter(3, None), "deckhand", Level::TRACE));
        let warn = filter(2, Some("warn"));
        assert!(lets(&warn, "deckhand", Level::WARN));
        assert!(!lets(&warn, "deckhand", Level::INFO));
        assert!(lets(&filter(0, Some("DEBUG")), "fsrs", Level::DEBUG));
        // Blank: the level from --verbose.
        assert!(lets(&filter(2, Some("  ")), "deckhand", Level::TRACE));
    }

    #[test]
    fn a_target_filter_enables_that_module_and_its_children_only() {
        use tracing::Level;
        let f = filter(0, Some("deckhand::interop=trace"));
        assert!(lets(&f, "deckhand::interop", Level::TRACE));
        assert!(lets(&f, "deckhand::interop::apkg", Level::TRACE));
        assert!(!lets(&f, "deckhand::store", Level::ERROR));
        let f = filter(0, Some(" info , deckhand::interop=trace,"));
        assert!(lets(&f, "deckhand::store", Level::INFO));
        assert!(!lets(&f, "deckhand::store", Level::DEBUG));
        assert!(lets(&f, "deckhand::interop::csv", Level::TRACE));
        let f = filter(0, Some("deckhand=off,warn"));
        assert!(!lets(&f, "deckhand::store", Level::ERROR));
        assert!(lets(&f, "fsrs", Level::WARN));
    }

    #[test]
    fn a_value_that_is_not_a_filter_leaves_the_verbose_level() {
        use tracing::Level;
        for bad in [
            "deckhand=loud",
            "deckhand=debug=trace",
            "deckhand[study]=debug",
            "deckhand[{card}]=debug",
        ] {
            assert!(parse_filter(bad).is_none(), "{bad}");
            let f = filter(1, Some(bad));
            assert!(lets(&f, "deckhand::store", Level::DEBUG), "{bad}");
            assert!(!lets(&f, "deckhand::store", Level::TRACE), "{bad}");
        }
    }

    #[test]
    fn the_log_file_is_named_by_date() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
        assert_eq!(
            log_file(Path::new("/d"), day),
            Path::new("/d/logs/deckhand.2026-12-06.log")
        );
    }
}
