//! Logs: `tracing` events go to a daily file in the data directory (`logs/deckhand.DATE.log`,
//! the last [`KEEP_DAYS`] days kept), never to the terminal, so nothing disturbs the trainer's
//! screen or a script reading a subcommand's output.
//!
//! The level is `info` (start-up phases with their times, store errors, pack problems);
//! `--verbose` raises it to `debug` (`-vv`: `trace`), and `DECKHAND_LOG` takes a full filter
//! (`DECKHAND_LOG=debug`, `DECKHAND_LOG=deckhand::interop=trace`) and wins over both.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

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
fn filter(verbose: u8, env: Option<&str>) -> EnvFilter {
    let level = match verbose {
        0 => "info",
        1 => "debug",
        _ => "trace",
    };
    env.filter(|v| !v.trim().is_empty())
        .and_then(|v| EnvFilter::try_new(v).ok())
        .unwrap_or_else(|| EnvFilter::new(level))
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
    tracing_subscriber::fmt()
        .with_env_filter(filter(verbose, env.as_deref()))
        .with_writer(appender)
        .with_ansi(false)
        .with_target(true)
        .try_init()
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbose_raises_the_level_and_the_environment_wins() {
        assert_eq!(filter(0, None).to_string(), "info");
        assert_eq!(filter(1, None).to_string(), "debug");
        assert_eq!(filter(3, None).to_string(), "trace");
        assert_eq!(filter(0, Some("warn")).to_string(), "warn");
        assert_eq!(filter(2, Some("  ")).to_string(), "trace");
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
