//! A seeded mutation fuzzer over the built-in pack (`content/`) and the example pack
//! (`docs/example-pack`), issue 14 §3. Each mutant is a real pack on disk, one of its files
//! changed by one to three mutations (bit flips, deletions, duplicated or dropped lines,
//! TOML tokens spliced in, huge numbers, odd Unicode, control characters, very long values,
//! truncation). It goes through what `deckhand check` runs (load and validate, every card's
//! simulator scenario, the lints) or what the trainer loads, in a worker thread with a time
//! limit per mutant. Proven: no panic, no hang, and every error located (a file and a line),
//! every diagnostic printable as it is (no control or bidi character reaches the terminal).
//!
//! `cargo test` runs a bounded number; the full run:
//! `DECKHAND_FUZZ_MUTANTS=100000 cargo test --profile bench --test proofs_fuzz -- --nocapture`
//! (`DECKHAND_FUZZ_SEED` picks the seed, `DECKHAND_FUZZ_LIMIT_MS` the time limit). A mutant
//! that panics or hangs is written to `target/fuzz-findings/` to be replayed.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use deckhand::content::{self, Diagnostic, is_bidi_control};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// A pack to mutate: its files as (path inside the pack folder, bytes).
#[derive(Clone)]
struct Base {
    name: String,
    files: Vec<(String, Vec<u8>)>,
}

/// The bases: the built-in manifest with each of its card files, and the example pack whole.
fn bases() -> Vec<Base> {
    let builtin = content::builtin_files();
    let manifest = builtin
        .iter()
        .find(|(p, _)| p.ends_with("pack.toml"))
        .expect("the built-in manifest");
    // The manifest without its mock exams: they need every topic's cards, and each base holds
    // one card file (the whole pack is read for every mutant otherwise).
    let manifest = manifest
        .1
        .split("\n[[exams]]")
        .next()
        .expect("text")
        .as_bytes()
        .to_vec();
    let mut out: Vec<Base> = builtin
        .iter()
        .filter(|(p, _)| !p.ends_with("pack.toml"))
        .map(|(path, text)| {
            let name = Path::new(path).file_name().expect("name").to_string_lossy();
            Base {
                name: format!("content/{name}"),
                files: vec![
                    ("pack.toml".into(), manifest.clone()),
                    (name.to_string(), text.as_bytes().to_vec()),
                ],
            }
        })
        .collect();
    let example = Path::new("docs/example-pack");
    let mut files = vec![(
        "pack.toml".to_string(),
        std::fs::read(example.join("pack.toml")).expect("example manifest"),
    )];
    let mut cards: Vec<PathBuf> = std::fs::read_dir(example.join("cards"))
        .expect("example cards")
        .map(|e| e.expect("entry").path())
        .collect();
    cards.sort();
    for p in cards {
        let name = format!("cards/{}", p.file_name().expect("name").to_string_lossy());
        files.push((name, std::fs::read(&p).expect("example card file")));
    }
    out.push(Base {
        name: "docs/example-pack".into(),
        files,
    });
    out
}

/// TOML fragments spliced in at random places.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "#",
    "\n",
    "\\",
    "\\u",
    "\\U0010FFFF",
    "\\uD800",
    "[pack]",
    "[[topics]]",
    "[[cards]]",
    "[[diagrams]]",
    "[[exams]]",
    "[cards.sim]",
    "id = \"x\"",
    "kind = \"cloze\"",
    "kind = \"choice\"",
    "kind = \"typed\"",
    "kind = \"truefalse\"",
    "kind = \"multi\"",
    "text = \"{{c1::a}}\"",
    "text = \"{{c1::\"",
    "{{c1::",
    "}}",
    "{{c99999999999::x}}",
    "correct = [0, 0, 99]",
    "answer = true",
    "topic = \"nope\"",
    "diagram = \"\"",
    "refs = []",
    "tags = [[]]",
    "a.b.c = 1",
    "x = { y = { z = [] } }",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "1979-05-27",
    "nan",
    "inf",
    "-inf",
    "+0",
    "-0",
    "0x_1",
    "1__0",
    "0o777",
    "0b102",
    "true",
    "false",
    "[[cards]]\nid = \"fuzz\"\nkind = \"basic\"\ntopic = \"ecs\"\nfront = \"f\"\nback = \"b\"\n",
];

/// Numbers that do not fit where numbers go.
const HUGE: &[&str] = &[
    "99999999999999999999999999",
    "18446744073709551616",
    "18446744073709551615",
    "9223372036854775807",
    "-9223372036854775808",
    "4294967296",
    "4294967295",
    "2147483648",
    "-1",
    "0",
    "1e308",
    "1e400",
    "-1e308",
    "5e-324",
    "nan",
    "inf",
    "1.7976931348623157e308",
];

/// Characters and sequences that stress widths, bidi and grapheme handling.
const ODD_UNICODE: &[&str] = &[
    "\u{202E}",
    "\u{2066}",
    "\u{200D}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{0301}",
    "\u{0301}\u{0301}\u{0301}\u{0301}",
    "\u{FFFD}",
    "\u{FFFF}",
    "\u{10FFFF}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "É",
    "ｗｉｄｅ",
    "漢字かな",
    "👩\u{200D}👩\u{200D}👧\u{200D}👦",
    "🇯🇵🇫🇷",
    "🏳\u{FE0F}\u{200D}🌈",
    "क्षि",
    "ﷺ",
    "𒐫",
    "\u{E0001}\u{E0041}",
];

/// Control characters and terminal escape sequences.
const CONTROLS: &[&str] = &[
    "\0",
    "\u{7}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\r",
    "\r\n",
    "\t",
    "\u{7f}",
    "\u{1b}",
    "\u{1b}[31m",
    "\u{1b}]0;owned\u{7}",
    "\u{1b}]52;c;aGVsbG8=\u{7}",
    "\u{1b}[2J",
    "\u{9b}",
];

fn pick<'a>(rng: &mut Xoshiro256PlusPlus, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

fn at(rng: &mut Xoshiro256PlusPlus, len: usize) -> usize {
    rng.random_range(0..=len)
}

/// The byte ranges of the file's lines (each with its line break).
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// The byte ranges of runs of ASCII digits (numbers to replace).
fn numbers(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let s = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The byte ranges of the contents of basic strings on one line (`"…"`).
fn strings(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, e) in lines(bytes) {
        let line = &bytes[s..e];
        let quotes: Vec<usize> = line
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'"')
            .map(|(i, _)| i)
            .collect();
        if quotes.len() >= 2 {
            out.push((s + quotes[0] + 1, s + quotes[quotes.len() - 1]));
        }
    }
    out
}

/// A place inside a string value mostly (where a value's text reaches the screen), anywhere
/// in the file one time in four.
fn in_a_string(rng: &mut Xoshiro256PlusPlus, bytes: &[u8]) -> usize {
    let ss = strings(bytes);
    if ss.is_empty() || rng.random_range(0..4) == 0 {
        at(rng, bytes.len())
    } else {
        let (s, e) = ss[rng.random_range(0..ss.len())];
        rng.random_range(s..=e)
    }
}

/// Apply one mutation; returns its name.
fn mutate(rng: &mut Xoshiro256PlusPlus, bytes: &mut Vec<u8>) -> &'static str {
    let len = bytes.len();
    match rng.random_range(0..13) {
        0 if len > 0 => {
            let i = rng.random_range(0..len);
            bytes[i] ^= 1 << rng.random_range(0..8);
            "bit flip"
        }
        1 if len > 0 => {
            let i = rng.random_range(0..len);
            bytes[i] = rng.random_range(0..=255u8);
            "byte"
        }
        2 if len > 0 => {
            let s = rng.random_range(0..len);
            let e = (s + rng.random_range(1..64)).min(len);
            bytes.drain(s..e);
            "deletion"
        }
        3 => {
            let ls = lines(bytes);
            if ls.is_empty() {
                return "nothing";
            }
            let (s, e) = ls[rng.random_range(0..ls.len())];
            let line = bytes[s..e].to_vec();
            let to = ls[rng.random_range(0..ls.len())].0;
            let times = if rng.random_range(0..8) == 0 { 50 } else { 1 };
            for _ in 0..times {
                bytes.splice(to..to, line.iter().copied());
            }
            "duplicated line"
        }
        4 => {
            let ls = lines(bytes);
            if ls.is_empty() {
                return "nothing";
            }
            let (s, e) = ls[rng.random_range(0..ls.len())];
            bytes.drain(s..e);
            "dropped line"
        }
        5 => {
            let token = pick(rng, TOKENS);
            let i = at(rng, len);
            bytes.splice(i..i, token.bytes());
            "token"
        }
        6 if len > 0 => {
            // A piece of this file spliced elsewhere (keys, values and headers moved).
            let s = rng.random_range(0..len);
            let e = (s + rng.random_range(1..40)).min(len);
            let piece = bytes[s..e].to_vec();
            let i = at(rng, len);
            bytes.splice(i..i, piece);
            "splice"
        }
        7 => {
            let ns = numbers(bytes);
            let huge = pick(rng, HUGE);
            if ns.is_empty() {
                let i = at(rng, len);
                bytes.splice(i..i, huge.bytes());
            } else {
                let (s, e) = ns[rng.random_range(0..ns.len())];
                bytes.splice(s..e, huge.bytes());
            }
            "huge number"
        }
        8 => {
            let odd = pick(rng, ODD_UNICODE);
            let i = in_a_string(rng, bytes);
            let times = rng.random_range(1..4);
            for _ in 0..times {
                bytes.splice(i..i, odd.bytes());
            }
            "odd unicode"
        }
        9 => {
            let ctl = pick(rng, CONTROLS);
            let i = in_a_string(rng, bytes);
            bytes.splice(i..i, ctl.bytes());
            "control character"
        }
        10 => {
            let ss = strings(bytes);
            if ss.is_empty() {
                return "nothing";
            }
            let (s, e) = ss[rng.random_range(0..ss.len())];
            let unit = if rng.random_range(0..2) == 0 {
                "word "
            } else {
                "字\u{301}"
            };
            let long = unit.repeat(rng.random_range(1_000..20_000));
            bytes.splice(s..e, long.bytes());
            "long value"
        }
        11 => {
            bytes.truncate(at(rng, len));
            "truncation"
        }
        _ => {
            // Swap two lines (a key under another table).
            let ls = lines(bytes);
            if ls.len() < 2 {
                return "nothing";
            }
            let a = ls[rng.random_range(0..ls.len())];
            let b = ls[rng.random_range(0..ls.len())];
            let (first, second) = if a.0 <= b.0 { (a, b) } else { (b, a) };
            if first == second {
                return "nothing";
            }
            let x = bytes[first.0..first.1].to_vec();
            let y = bytes[second.0..second.1].to_vec();
            bytes.splice(second.0..second.1, x);
            bytes.splice(first.0..first.1, y);
            "swapped lines"
        }
    }
}

/// What one mutant did.
#[derive(Debug, Default)]
struct Outcome {
    errors: usize,
    diagnostics: usize,
    /// Problems with the diagnostics themselves: unlocated errors, bad lines, raw controls.
    faults: Vec<String>,
}

/// Which way into the loader a mutant takes.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// `deckhand check`: validate, run every scenario, lint.
    Check,
    /// The trainer: the packs folder, with the per-pack cap on diagnostics.
    Trainer,
}

fn inspect(d: &Diagnostic, max_line: usize, out: &mut Outcome) {
    out.diagnostics += 1;
    out.errors += usize::from(d.is_error());
    let shown = d.to_string();
    if d.file.is_empty() {
        out.faults.push(format!("no file: {shown}"));
    }
    match &d.snippet {
        None if d.is_error() => out.faults.push(format!("an error without a line: {shown}")),
        None => {}
        Some(s) => {
            if s.line == 0 || s.col == 0 || s.line > max_line {
                out.faults.push(format!(
                    "line {}:{} outside the file ({max_line} lines): {shown}",
                    s.line, s.col
                ));
            }
            if s.caret_at > s.text.chars().count() {
                out.faults.push(format!("caret past the line: {shown}"));
            }
        }
    }
    if let Some(c) = shown
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_bidi_control(c))
    {
        out.faults
            .push(format!("{:?} reaches the terminal: {shown:?}", c));
    }
}

fn run_one(dir: &Path, pack: &Path, entry: Entry, max_line: usize) -> Outcome {
    let mut out = Outcome::default();
    match entry {
        Entry::Check => {
            let library = content::validate_paths(&[pack.to_path_buf()]);
            for d in &library.report.diagnostics {
                inspect(d, max_line, &mut out);
            }
            for d in &content::check_scenarios(&library) {
                inspect(d, max_line, &mut out);
            }
            for p in &library.packs {
                let lint = content::lint::lint(p);
                std::hint::black_box(lint.measures_line());
            }
        }
        Entry::Trainer => {
            let library = content::load_library(false, Some(dir), &[]);
            for d in &library.report.diagnostics {
                inspect(d, max_line, &mut out);
            }
        }
    }
    out
}

struct Job {
    dir: PathBuf,
    pack: PathBuf,
    entry: Entry,
    max_line: usize,
}

#[derive(Debug, Default)]
struct Counts {
    mutants: usize,
    /// Mutants with at least one error.
    errors: usize,
    /// Mutants that loaded without an error.
    accepted: usize,
    diagnostics: usize,
    panics: usize,
    hangs: usize,
    faults: usize,
    slowest: Duration,
    /// Which mutant took longest.
    slowest_what: String,
}

fn save_finding(kind: &str, n: usize, base: &Base, file: &str, bytes: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-findings");
    std::fs::create_dir_all(&dir).expect("findings folder");
    let path = dir.join(format!(
        "{kind}-{n}-{}-{}",
        base.name.replace('/', "_"),
        file.replace('/', "_")
    ));
    std::fs::write(&path, bytes).expect("write finding");
    path
}

fn fuzz(mutants: usize, seed: u64, limit: Duration) -> (Counts, Vec<String>) {
    let bases = bases();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let root = tempfile::tempdir().expect("temp dir");
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done_rx) = mpsc::channel::<std::thread::Result<Outcome>>();
    let worker = std::thread::spawn(move || {
        for job in job_rx {
            let result =
                std::panic::catch_unwind(|| run_one(&job.dir, &job.pack, job.entry, job.max_line));
            if done_tx.send(result).is_err() {
                break;
            }
        }
    });
    let mut counts = Counts::default();
    let mut findings = Vec::new();
    for n in 0..mutants {
        let base = &bases[rng.random_range(0..bases.len())];
        // Mostly a card file; the manifest one time in six.
        let target = if base.files.len() > 1 && rng.random_range(0..6) != 0 {
            rng.random_range(1..base.files.len())
        } else {
            0
        };
        let mut bytes = base.files[target].1.clone();
        let mut applied = Vec::new();
        for _ in 0..rng.random_range(1..=3) {
            applied.push(mutate(&mut rng, &mut bytes));
        }
        let entry = if rng.random_range(0..4) == 0 {
            Entry::Trainer
        } else {
            Entry::Check
        };
        // A fresh folder per mutant: packs/<n>/… (the trainer reads every pack in packs/).
        let dir = root.path().join(format!("m{n}"));
        let pack = dir.join("pack");
        let mut max_line = 0;
        for (i, (name, original)) in base.files.iter().enumerate() {
            let path = pack.join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            let data = if i == target { &bytes } else { original };
            std::fs::write(&path, data).expect("write mutant");
            max_line = max_line.max(data.split(|b| *b == b'\n').count() + 1);
        }
        let started = Instant::now();
        job_tx
            .send(Job {
                dir: dir.clone(),
                pack,
                entry,
                max_line,
            })
            .expect("worker alive");
        let what = format!(
            "mutant {n} of {} ({}, {entry:?}): {}",
            base.name,
            base.files[target].0,
            applied.join(" + ")
        );
        match done_rx.recv_timeout(limit) {
            Ok(Ok(outcome)) => {
                counts.diagnostics += outcome.diagnostics;
                if outcome.errors > 0 {
                    counts.errors += 1;
                } else {
                    counts.accepted += 1;
                }
                if !outcome.faults.is_empty() {
                    counts.faults += outcome.faults.len();
                    let saved = save_finding("fault", n, base, &base.files[target].0, &bytes);
                    for f in outcome.faults.into_iter().take(3) {
                        findings.push(format!("{what} [{}]: {f}", saved.display()));
                    }
                }
            }
            Ok(Err(panic)) => {
                counts.panics += 1;
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let saved = save_finding("panic", n, base, &base.files[target].0, &bytes);
                findings.push(format!("{what} [{}]: PANIC {message}", saved.display()));
            }
            Err(_) => {
                counts.hangs += 1;
                counts.mutants += 1;
                let saved = save_finding("hang", n, base, &base.files[target].0, &bytes);
                findings.push(format!(
                    "{what} [{}]: HANG, no answer within {limit:?}",
                    saved.display()
                ));
                // The worker is stuck in that mutant; stop here (the thread is left behind).
                return (counts, findings);
            }
        }
        if started.elapsed() > counts.slowest {
            counts.slowest = started.elapsed();
            counts.slowest_what = what;
        }
        counts.mutants += 1;
        std::fs::remove_dir_all(&dir).expect("clean the mutant");
    }
    drop(job_tx);
    worker.join().expect("worker");
    (counts, findings)
}

#[test]
fn mutated_packs_never_panic_hang_or_go_unlocated() {
    let mutants = env_number("DECKHAND_FUZZ_MUTANTS", 800) as usize;
    let seed = env_number("DECKHAND_FUZZ_SEED", 14);
    let limit = Duration::from_millis(env_number("DECKHAND_FUZZ_LIMIT_MS", 20_000));
    let started = Instant::now();
    let (counts, findings) = fuzz(mutants, seed, limit);
    println!(
        "fuzz (seed {seed}): {} mutants, {} with errors, {} accepted, {} diagnostics, \
         {} panics, {} hangs, {} unlocated or unprintable diagnostics; slowest mutant \
         {:.1?} ({}); {:.1?} in all",
        counts.mutants,
        counts.errors,
        counts.accepted,
        counts.diagnostics,
        counts.panics,
        counts.hangs,
        counts.faults,
        counts.slowest,
        counts.slowest_what,
        started.elapsed()
    );
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        findings
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(counts.mutants, mutants);
    assert!(
        counts.errors > 0 && counts.accepted > 0,
        "the mutants should include both broken and still valid packs: {counts:?}"
    );
}
