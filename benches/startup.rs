//! `cargo bench --bench startup`: how long deckhand takes from `exec` to its first frame (Home
//! drawn with its counts) with a 50,000-card pack, in a real pseudo-terminal, and how much
//! memory it peaks at; against `toml` + serde parsing the same files in a process of its own
//! (the floor), in the same run. See docs/benchmarks.md for the figures and how to read them.
//!
//! - the pack: 100 files of 500 cards (`benches/support/gen.rs`, the content benchmark's
//!   generator), loaded with `--pack`;
//! - cold: the first start (an empty data directory: no database, no compiled-pack cache);
//! - warm: the next starts in that data directory;
//! - history: warm, with a year of history written through the store (10 answers per card,
//!   500,000 review rows, about 10 % of the cards due today).
//!
//! Environment (all optional):
//! - `DECKHAND_BENCH_RUNS` — runs per figure (default 11; medians are reported);
//! - `DECKHAND_BENCH_DIR` — where the generated pack and history are kept (default
//!   `target/startup-bench`; they are made once and reused);
//! - `DECKHAND_BENCH_BIN` — the deckhand binary to measure (default the one cargo built);
//! - `DECKHAND_BENCH_BASE` — a second binary (an older build) measured in the same run, its
//!   runs interleaved with ours so the ratios are paired; `DECKHAND_BENCH_BASE_SCHEMA` — the
//!   schema version that binary knows, when it is older than the history database's.

#[path = "support/floor.rs"]
mod floor;
#[path = "support/gen.rs"]
mod generator;
#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use deckhand::srs::Rating;
use deckhand::srs::queue::ItemKey;
use deckhand::store::{AnswerMeta, ItemKind, Store};

const CARDS: usize = 50_000;
const FILES: usize = 100;
const REVIEWS_PER_CARD: usize = 10;
/// The end of a frame: ratatui hides the cursor once it has drawn one.
const FRAME_END: &[u8] = b"\x1b[?25l";
/// What the first frame must show to count: Home's column of due counts.
const HOME: &[u8] = b"due";

fn main() {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        // Re-executed as the floor: parse the pack with toml + serde and exit.
        Some("--floor") => {
            let dir = PathBuf::from(args.next().expect("--floor DIR"));
            let cards = floor::parse(&floor::files(&dir));
            assert_eq!(cards, CARDS);
            return;
        }
        // Re-executed to write the history (see below).
        Some("--history") => {
            let deck = PathBuf::from(args.next().expect("--history DECK DB"));
            let db = PathBuf::from(args.next().expect("--history DECK DB"));
            write_history(&deck, &db);
            return;
        }
        _ => {}
    }
    let runs: usize = env_or("DECKHAND_BENCH_RUNS", 11);
    let root = std::env::var_os("DECKHAND_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/startup-bench"));
    let ours = std::env::var_os("DECKHAND_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_deckhand")));
    let base = std::env::var_os("DECKHAND_BENCH_BASE").map(PathBuf::from);
    let deck = root.join("deck");
    if !deck.join("pack.toml").exists() {
        generator::write_pack(&deck, CARDS, FILES).expect("generate the pack");
    }
    let history = root.join("history.sqlite3");
    if !fresh(&history) {
        // In a process of its own: it loads the whole pack, and a child forked from a large
        // process reports at least that process's size as its peak RSS (Linux keeps the
        // high-water mark across exec), which would inflate every figure of this run.
        let status = Command::new(std::env::current_exe().expect("own path"))
            .arg("--history")
            .arg(&deck)
            .arg(&history)
            .status()
            .expect("run the history writer");
        assert!(status.success(), "writing the history failed");
    }
    let mut bins = vec![("deckhand", ours)];
    if let Some(b) = base {
        bins.push(("base", b));
    }
    println!(
        "{CARDS} cards in {FILES} files; {runs} runs a figure; times to the first frame in a pty; \
         load average {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let config = root.join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    let mut rows: Vec<Row> = Vec::new();
    for case in [Case::Cold, Case::Warm, Case::History] {
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); bins.len()];
        for (name, bin) in &bins {
            let data = root.join(format!("data-{name}"));
            prepare(case, &data, &history, name, bin, &deck, &config);
        }
        for _ in 0..runs {
            for (b, (name, bin)) in bins.iter().enumerate() {
                let data = root.join(format!("data-{name}"));
                if case == Case::Cold {
                    let _ = std::fs::remove_dir_all(&data);
                }
                samples[b].push(start_once(bin, &data, &deck, &config));
            }
        }
        for (b, (name, _)) in bins.iter().enumerate() {
            rows.push(Row::new(format!("{name} {}", case.name()), &samples[b]));
        }
        if bins.len() == 2 {
            let ratios: Vec<f64> = samples[0]
                .iter()
                .zip(&samples[1])
                .map(|(a, b)| a.ms / b.ms)
                .collect();
            println!(
                "  paired ratio deckhand/base, {}: {:.2}",
                case.name(),
                median(ratios)
            );
        }
    }
    let me = std::env::current_exe().expect("own path");
    let floor_samples: Vec<Sample> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let mut cmd = Command::new(&me);
            cmd.arg("--floor").arg(&deck);
            let mut child = pty::PtyChild::spawn(cmd, 80, 24).expect("spawn the floor");
            let (status, usage) = child
                .finish(Duration::from_secs(60))
                .expect("floor finishes");
            assert_eq!(status, 0, "floor failed");
            Sample {
                ms: t.elapsed().as_secs_f64() * 1e3,
                rss_kib: usage.max_rss_kib,
                cpu_ms: usage.cpu_ms,
            }
        })
        .collect();
    rows.push(Row::new(
        "toml + serde floor (process)".into(),
        &floor_samples,
    ));
    println!(
        "{:<34} {:>10} {:>10} {:>12} {:>10}",
        "", "median ms", "min ms", "peak RSS MiB", "CPU ms"
    );
    let floor_ms = rows.last().map_or(1.0, |r| r.median);
    for r in &rows {
        println!(
            "{:<34} {:>10.1} {:>10.1} {:>12.1} {:>10.1}   ({:.2}x the floor)",
            r.name,
            r.median,
            r.min,
            r.rss_mib,
            r.cpu_ms,
            r.median / floor_ms
        );
    }
}

/// One start: wall time to the first frame, peak RSS, CPU time of the whole run.
#[derive(Debug, Clone, Copy)]
struct Sample {
    ms: f64,
    rss_kib: i64,
    cpu_ms: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Cold,
    Warm,
    History,
}

impl Case {
    fn name(self) -> &'static str {
        match self {
            Case::Cold => "cold (first start)",
            Case::Warm => "warm",
            Case::History => "warm, a year of history",
        }
    }
}

struct Row {
    name: String,
    median: f64,
    min: f64,
    rss_mib: f64,
    cpu_ms: f64,
}

impl Row {
    fn new(name: String, samples: &[Sample]) -> Row {
        let times: Vec<f64> = samples.iter().map(|s| s.ms).collect();
        let rss: Vec<f64> = samples.iter().map(|s| s.rss_kib as f64 / 1024.0).collect();
        Row {
            name,
            cpu_ms: median(samples.iter().map(|s| s.cpu_ms).collect()),
            min: times.iter().copied().fold(f64::INFINITY, f64::min),
            median: median(times),
            rss_mib: median(rss),
        }
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The history is relative to now (what is due today); made again after half a day.
fn fresh(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age < Duration::from_secs(12 * 3600))
}

/// Set up the data directory for a case: empty for cold; for warm and history, one start
/// that is not measured (it writes the database and any cache).
fn prepare(
    case: Case,
    data: &Path,
    history: &Path,
    name: &str,
    bin: &Path,
    deck: &Path,
    config: &Path,
) {
    let _ = std::fs::remove_dir_all(data);
    std::fs::create_dir_all(data).expect("data dir");
    if case == Case::History {
        let db = data.join("progress.sqlite3");
        std::fs::copy(history, &db).expect("copy the history");
        if name == "base"
            && let Ok(v) = std::env::var("DECKHAND_BENCH_BASE_SCHEMA")
        {
            let conn = rusqlite::Connection::open(&db).expect("open the copy");
            conn.pragma_update(None, "user_version", v.parse::<i64>().expect("a version"))
                .expect("set the version");
        }
    }
    if case != Case::Cold {
        start_once(bin, data, deck, config);
    }
}

/// Start deckhand once in a pty; the time until Home is drawn and the peak RSS.
fn start_once(bin: &Path, data: &Path, deck: &Path, config: &Path) -> Sample {
    let mut cmd = Command::new(bin);
    cmd.arg("--data-dir")
        .arg(data)
        .arg("--config-dir")
        .arg(config)
        .arg("--pack")
        .arg(deck)
        .env_remove("NO_COLOR");
    let start = Instant::now();
    let mut child = pty::PtyChild::spawn(cmd, 80, 24).expect("spawn deckhand");
    let drawn = child.wait_for(FRAME_END, 0, Duration::from_secs(60));
    let home = child.output.windows(HOME.len()).any(|w| w == HOME);
    let (Some(_), true) = (drawn, home) else {
        panic!(
            "{} never drew Home; it wrote: {}",
            bin.display(),
            String::from_utf8_lossy(&child.output)
        );
    };
    let ms = start.elapsed().as_secs_f64() * 1e3;
    child.write(b"q").expect("type q");
    let (_, usage) = child
        .finish(Duration::from_secs(30))
        .expect("deckhand quits on q");
    Sample {
        ms,
        rss_kib: usage.max_rss_kib,
        cpu_ms: usage.cpu_ms,
    }
}

/// A year of answers through the store: `REVIEWS_PER_CARD` per card (its first item), spread
/// over the last 365 days; one card in ten is reviewed early and often with a hard last
/// answer, so that about 10 % are due today.
fn write_history(deck: &Path, path: &Path) {
    let started = Instant::now();
    let library = deckhand::content::load_path(deck);
    let pack = &library.packs[0];
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(path.with_extension("sqlite3-wal"));
    let _ = std::fs::remove_file(path.with_extension("sqlite3-shm"));
    let mut store = Store::open(path).expect("create the history");
    let now = Utc::now();
    let meta = AnswerMeta {
        kind: ItemKind::Basic,
        correct: None,
        answer_ms: 4000,
    };
    let keys: Vec<ItemKey> = pack
        .cards
        .iter()
        .map(|c| ItemKey::new(pack.id(), c.item_id(c.faces()[0])))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        let due_soon = i % 10 == 0;
        // Reviews every 36 days from a year ago, or every 8 days ending 8 weeks ago.
        let (first, step) = if due_soon {
            (now - TimeDelta::days(130), TimeDelta::days(8))
        } else {
            (now - TimeDelta::days(365), TimeDelta::days(36))
        };
        for r in 0..REVIEWS_PER_CARD {
            let at = first + step * r as i32 + TimeDelta::seconds(i as i64 % 3600);
            let rating = match (due_soon, r) {
                (_, 0) => Rating::Again,
                (true, _) => Rating::Hard,
                (false, r) if r % 4 == 3 => Rating::Hard,
                _ => Rating::Good,
            };
            store
                .answer_outside_session(key, rating, meta, at)
                .expect("answer");
        }
    }
    let due = keys
        .iter()
        .filter(|k| {
            store
                .progress(k)
                .ok()
                .flatten()
                .and_then(|p| p.card.due)
                .is_some_and(|d| d <= now + TimeDelta::hours(12))
        })
        .count();
    println!(
        "wrote {} answers for {} cards in {:.0} s; {:.1} % due today",
        keys.len() * REVIEWS_PER_CARD,
        keys.len(),
        started.elapsed().as_secs_f64(),
        due as f64 * 100.0 / keys.len() as f64
    );
}
