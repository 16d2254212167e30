//! Near-duplicate cards: two cards whose question, answer and explanation, as sets of content
//! words, are mostly the same (the Dice coefficient: shared words over the average count). Candidate pairs come from an index of the words, so
//! a pack of tens of thousands of cards is not compared pair by pair.

use std::collections::{HashMap, HashSet};

use super::text::words;
use crate::content::{Card, CardBody, Cards};

/// Two cards that say mostly the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate {
    /// Indexes into the pack's cards, `first < second`.
    pub first: usize,
    pub second: usize,
    /// Dice similarity of their content words, 0 to 1.
    pub similarity: f64,
}

/// Words too common to tell cards apart.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "any", "are", "as", "at", "be", "by", "can", "do", "does", "each", "for",
    "from", "has", "have", "how", "in", "into", "is", "it", "its", "more", "must", "no", "not",
    "of", "on", "one", "only", "or", "that", "the", "their", "them", "then", "there", "these",
    "this", "to", "two", "use", "uses", "what", "when", "where", "which", "who", "why", "will",
    "with", "you", "your", "true", "false", "choose",
];

/// What a card says: its question side, its answer and its explanation.
fn card_text(card: &Card) -> String {
    let said = match &card.body {
        CardBody::Basic { front, back, .. } => format!("{front} {back}"),
        CardBody::Cloze { text } => text.plain(),
        CardBody::Choice {
            question,
            options,
            answer,
        } => format!("{question} {}", options[*answer].text),
        CardBody::Multi {
            question,
            options,
            answers,
        } => {
            let right: Vec<&str> = answers.iter().map(|&i| options[i].text.as_str()).collect();
            format!("{question} {}", right.join(" "))
        }
        CardBody::Typed { question, answers } => {
            format!("{question} {}", answers.first().map_or("", String::as_str))
        }
        CardBody::TrueFalse { statement, .. } => statement.clone(),
    };
    format!("{said} {}", card.explain)
}

/// The content words of a text: lowercase, without stopwords, a plural `s` dropped.
fn terms(text: &str) -> HashSet<String> {
    words(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_string(),
            _ => w.to_string(),
        })
        .collect()
}

/// Pairs of cards with similarity at least `threshold`, most similar first.
pub fn near_duplicates(cards: &Cards, threshold: f64) -> Vec<NearDuplicate> {
    let sets: Vec<HashSet<String>> = cards.iter().map(|c| terms(&card_text(c))).collect();
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        for t in set {
            index.entry(t.as_str()).or_default().push(i);
        }
    }
    // A word in very many cards cannot make two of them near duplicates on its own; leaving
    // it out of the candidate search keeps the search linear in practice.
    let common = (cards.len() / 200).max(50);
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for list in index.values().filter(|l| l.len() <= common) {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    let mut out: Vec<NearDuplicate> = shared
        .into_keys()
        .filter_map(|(a, b)| {
            let (x, y) = (&sets[a], &sets[b]);
            let shared = x.intersection(y).count();
            let similarity = 2.0 * shared as f64 / (x.len() + y.len()).max(1) as f64;
            (similarity >= threshold).then_some(NearDuplicate {
                first: a,
                second: b,
                similarity,
            })
        })
        .collect();
    out.sort_by(|p, q| {
        q.similarity
            .total_cmp(&p.similarity)
            .then((p.first, p.second).cmp(&(q.first, q.second)))
    });
    out
}
