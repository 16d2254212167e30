//! deckhand: a terminal study trainer for AWS container services exams.
//!
//! The library holds every piece of the program; `src/main.rs` only calls [`cli::main`].
//! Domain modules (`content`, `srs`, `store`, `study`, `quiz`, `sim`) hold no terminal types; only `tui`
//! touches ratatui or crossterm.

pub mod cli;
pub mod config;
pub mod content;
pub mod exam;
pub mod files;
pub mod interop;
pub mod paths;
pub mod plan;
pub mod quiz;
pub mod sim;
pub mod srs;
pub mod stats;
pub mod store;
pub mod study;
pub mod systime;
pub mod tui;
