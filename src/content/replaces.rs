//! The pack-level checks of `replaces = ["old-id", ...]`, the field that carries a learner's
//! progress from cards an author renamed or merged to the card that takes over.
//!
//! A replaced id must be gone from the pack (else the card would exist twice over), be
//! replaced by one card only (progress moves to one place), and replacements do not chain or
//! form cycles (the card that stays lists every old id itself). A replaced id that no earlier
//! version had is harmless (nothing carries over); `deckhand check --strict` warns about it,
//! since it is most often a typo that would leave progress behind.

use std::collections::{HashMap, HashSet};

use super::diag::{Diagnostic, Severity};
use super::schema::{PendingCard, Span};
use super::source::SourceFile;

/// What `--strict` knows of a pack's earlier versions.
pub(crate) enum Known<'a> {
    /// Not strict: unknown replaced ids are fine.
    Lenient,
    /// Strict, with the card ids of the earlier version(s) of this pack.
    Ids(&'a HashSet<String>),
    /// Strict, but no earlier version of this pack was given.
    Nothing,
}

/// Check every `replaces` entry of one pack's cards. Returns the entries that are in error,
/// as `(index into cards, replaced id)`: they must not move any progress.
pub(crate) fn check(
    cards: &[(&SourceFile, PendingCard)],
    pack_id: &str,
    known: Known<'_>,
    diags: &mut Vec<Diagnostic>,
) -> HashSet<(usize, String)> {
    // Card id -> index of its first definition.
    let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(cards.len());
    for (i, (_, p)) in cards.iter().enumerate() {
        if let Some(id) = p.id() {
            index_of.entry(id).or_insert(i);
        }
    }
    let mut bad = HashSet::new();
    // Replaced id -> (card index, entry span) of the first card replacing it.
    let mut first_replacer: HashMap<&str, (usize, &Span)> = HashMap::new();
    for (i, (file, p)) in cards.iter().enumerate() {
        let name = p.id().unwrap_or("without an id");
        for (old, span) in &p.replaces {
            let at = |severity, message: String, help: String| {
                Diagnostic::at(severity, file, span.clone(), message, help)
            };
            if p.id() == Some(old.as_str()) {
                diags.push(at(
                    Severity::Error,
                    format!("card `{name}` replaces itself"),
                    "`replaces` lists the ids of earlier cards; a card keeps its own progress without it".into(),
                ));
                bad.insert((i, old.clone()));
                continue;
            }
            if let Some(&j) = index_of.get(old.as_str()) {
                bad.insert((i, old.clone()));
                let (other_file, other) = &cards[j];
                let defined = format!(
                    "`{old}` is defined at {}:{}",
                    other_file.path,
                    other_file.line_col(other.id_span.start).line
                );
                let d = match cycle(cards, &index_of, i, j) {
                    // Reported once, at the first card of the cycle in file order.
                    Some(path) if path.iter().min() == Some(&i) => {
                        let names: Vec<String> = path
                            .iter()
                            .chain(std::iter::once(&i))
                            .map(|&k| format!("`{}`", cards[k].1.id().unwrap_or("?")))
                            .collect();
                        let message = if path.len() == 2 {
                            format!("cards `{name}` and `{old}` replace each other")
                        } else {
                            format!("`replaces` forms a cycle: {}", names.join(" → "))
                        };
                        Some(at(
                            Severity::Error,
                            message,
                            "keep one card: remove the others and list all their ids in its `replaces`"
                                .into(),
                        ))
                    }
                    Some(_) => None,
                    None if !other.replaces.is_empty() => {
                        let mut all = vec![format!("\"{old}\"")];
                        all.extend(other.replaces.iter().map(|(r, _)| format!("\"{r}\"")));
                        Some(at(
                            Severity::Error,
                            format!(
                                "card `{name}` replaces `{old}`, which itself replaces `{}`: replacements do not chain",
                                other.replaces[0].0
                            ),
                            format!(
                                "remove card `{old}` and list every old id on `{name}`: `replaces = [{}]`",
                                all.join(", ")
                            ),
                        ))
                    }
                    None => Some(at(
                        Severity::Error,
                        format!(
                            "card `{name}` replaces `{old}`, but `{old}` is still a card of this pack"
                        ),
                        format!(
                            "remove card `{old}` to merge it into `{name}` (its progress moves over), or take \"{old}\" out of `replaces`"
                        ),
                    )),
                };
                if let Some(d) = d {
                    diags.push(d.with_note(defined));
                }
                continue;
            }
            if let Some(&(j, first_span)) = first_replacer.get(old.as_str()) {
                let (first_file, first) = &cards[j];
                let first_name = first.id().unwrap_or("without an id");
                let pos = first_file.line_col(first_span.start);
                diags.push(
                    at(
                        Severity::Error,
                        format!("`{old}` is replaced by two cards, `{first_name}` and `{name}`"),
                        format!(
                            "progress moves to one card only: keep \"{old}\" in one `replaces`; \
                             to split a card, let one part replace it and give the others new ids"
                        ),
                    )
                    .with_note(format!(
                        "`{first_name}` replaces it at {}:{}:{}",
                        first_file.path, pos.line, pos.col
                    )),
                );
                bad.insert((i, old.clone()));
                bad.insert((j, old.clone()));
                continue;
            }
            first_replacer.insert(old, (i, span));
            let unknown = match known {
                Known::Lenient => None,
                Known::Ids(ids) if ids.contains(old) => None,
                Known::Ids(_) => Some((
                    format!("`{old}` was not a card of the previous version of pack `{pack_id}`"),
                    "check the spelling: only progress under an id learners had can carry over"
                        .to_string(),
                )),
                Known::Nothing => Some((
                    format!("cannot confirm that `{old}` was ever a card of pack `{pack_id}`"),
                    "give the previous release with `--previous PATH` so that `check --strict` can confirm it"
                        .to_string(),
                )),
            };
            if let Some((message, help)) = unknown {
                diags.push(at(Severity::Warning, message, help));
            }
        }
    }
    bad
}

/// If following `replaces` from card `to` (which card `from` replaces) through cards of the
/// pack leads back to `from`, the cards of the cycle in order, starting with `from`.
fn cycle(
    cards: &[(&SourceFile, PendingCard)],
    index_of: &HashMap<&str, usize>,
    from: usize,
    to: usize,
) -> Option<Vec<usize>> {
    let mut path = vec![from];
    let mut seen = HashSet::from([from]);
    let mut stack = vec![(to, 0usize)];
    // Depth-first search over "replaces" edges between cards of the pack.
    while let Some((node, next)) = stack.pop() {
        if node == from {
            return Some(path);
        }
        if next == 0 {
            if !seen.insert(node) {
                continue;
            }
            path.push(node);
        }
        let edges = &cards[node].1.replaces;
        match edges[next..]
            .iter()
            .position(|(r, _)| index_of.contains_key(r.as_str()))
        {
            Some(k) => {
                let r = &edges[next + k].0;
                stack.push((node, next + k + 1));
                stack.push((index_of[r.as_str()], 0));
            }
            None => {
                path.pop();
            }
        }
    }
    None
}
