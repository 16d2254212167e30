//! Driving the hidden `deckhand __answer-loop` (answers in a loop, one `ack` line per committed
//! answer) for the durability and concurrency tests.
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use deckhand::store::Store;

/// Start the loop over `dir`: `count` answers in `pack`, over `items` distinct items.
pub fn spawn_loop(dir: &Path, pack: &str, count: u32, items: u32) -> Child {
    Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .arg("--data-dir")
        .arg(dir)
        .args(["__answer-loop", "--pack", pack])
        .args(["--count", &count.to_string(), "--items", &items.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn deckhand")
}

/// (pack, item, time ms) of every `ack` line.
pub fn parse_acks(text: &str) -> Vec<(String, String, i64)> {
    text.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            (w.next()? == "ack").then_some(())?;
            let _n = w.next()?;
            Some((
                w.next()?.to_owned(),
                w.next()?.to_owned(),
                w.next()?.parse().ok()?,
            ))
        })
        .collect()
}

/// (pack, item, time ms) of every answer in the log.
pub fn logged(store: &Store) -> HashSet<(String, String, i64)> {
    store
        .review_log(None)
        .expect("read log")
        .into_iter()
        .map(|a| (a.key.pack, a.key.item, a.at.timestamp_millis()))
        .collect()
}
