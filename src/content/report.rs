//! What loading packs found (the report of diagnostics and counts), what `deckhand check`
//! asks beyond loading, and the cap on diagnostics kept per pack.

use std::collections::{HashMap, HashSet};

use super::diag::{Diagnostic, Severity};

/// What loading found: the diagnostics and how much was read.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// Every problem, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Files read.
    pub files: usize,
    /// Cards read, including those left out because of errors.
    pub cards: usize,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// `N cards in M files, K errors, W warnings`.
    pub fn summary(&self) -> String {
        fn n(count: usize, one: &str, many: &str) -> String {
            format!("{count} {}", if count == 1 { one } else { many })
        }
        format!(
            "{} in {}, {}, {}",
            n(self.cards, "card", "cards"),
            n(self.files, "file", "files"),
            n(self.errors(), "error", "errors"),
            n(self.warnings(), "warning", "warnings")
        )
    }

    pub(super) fn absorb(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
        self.files += other.files;
        self.cards += other.cards;
    }

    pub(super) fn sort(&mut self) {
        self.diagnostics.sort_by_key(Diagnostic::sort_key);
    }
}

/// What `deckhand check` asks beyond loading.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--strict`: warn about replaced ids that no earlier version of the pack had.
    pub strict: bool,
    /// The card ids of earlier versions, by pack id (`--previous`), for `strict`.
    pub previous: HashMap<String, HashSet<String>>,
    /// Keep at most this many diagnostics per pack, and a count of the rest (the trainer:
    /// 200,000 broken cards must not cost gigabytes); `None` keeps all (`deckhand check`).
    pub max_diagnostics: Option<usize>,
}

/// How many diagnostics the trainer keeps per pack.
pub const MAX_DIAGNOSTICS_PER_PACK: usize = 1_000;

/// Diagnostics left out of a pack's list, by severity.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Omitted {
    errors: usize,
    warnings: usize,
}

impl Omitted {
    /// Keep at most `cap` of the diagnostics from `start` on; count the rest.
    pub(super) fn trim(&mut self, diags: &mut Vec<Diagnostic>, start: usize, cap: Option<usize>) {
        let Some(cap) = cap else { return };
        if diags.len() - start <= cap {
            return;
        }
        for d in diags.drain(start + cap..) {
            if d.is_error() {
                self.errors += 1;
            } else {
                self.warnings += 1;
            }
        }
    }

    /// The line that says how many were left out.
    pub(super) fn note(self, pack: &str) -> Option<Diagnostic> {
        let total = self.errors + self.warnings;
        (total > 0).then(|| {
            Diagnostic::path(
                if self.errors > 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                pack.to_string(),
                format!(
                    "{total} more problems in this pack are not listed ({} errors, {} warnings)",
                    self.errors, self.warnings
                ),
                "`deckhand check` on this pack lists every one",
            )
        })
    }
}
