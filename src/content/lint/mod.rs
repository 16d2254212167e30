//! `deckhand check --lint`: what makes a pack weaker as study material, beyond errors and
//! warnings. Each finding names its cards (with where they are defined) and says how to fix
//! them; the measures (how often the correct option is the longest, where the correct
//! letters fall) are reported whatever they are.
//!
//! The measures are public functions so that a pack's own tests use the same definitions
//! (the built-in pack's tests do: `tests/pack_lint.rs`).

mod similar;
mod text;

use std::collections::{BTreeMap, HashMap};

pub use similar::{NearDuplicate, near_duplicates};
pub use text::{
    SHORT_ANSWER_CHARS, contains_words, correct_is_uniquely_longest, correct_is_uniquely_shortest,
    options_of, short_answers, words,
};

use super::cloze::Segment;
use super::{Card, CardBody, Location, Pack};

/// Above this share (in %) of choice and multi cards whose correct option is the uniquely
/// longest, learners can score by length (random placement gives about 25 %).
pub const LONGEST_CORRECT_MAX_PERCENT: f64 = 30.0;
/// The same bound for the mirror tell: the correct option is the uniquely shortest.
pub const SHORTEST_CORRECT_MAX_PERCENT: f64 = 30.0;
/// Cards at least this similar (Jaccard similarity of their content words) are near
/// duplicates.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.6;
/// A topic with fewer cards than this is too small to study on its own.
pub const MIN_TOPIC_CARDS: usize = 5;
/// An option's `why` with fewer words than this explains nothing ("Wrong.").
pub const MIN_WHY_WORDS: usize = 3;

/// The kinds of finding, each with a code for `lint[code]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lint {
    LongestCorrect,
    ShortestCorrect,
    ClozeGivesAway,
    StemGivesAway,
    DiagramGivesAway,
    NearDuplicate,
    NoRefs,
    NoExplain,
    ThinWhy,
    SmallTopic,
}

impl Lint {
    /// Every lint, in report order.
    pub const ALL: [Lint; 10] = [
        Lint::LongestCorrect,
        Lint::ShortestCorrect,
        Lint::ClozeGivesAway,
        Lint::StemGivesAway,
        Lint::DiagramGivesAway,
        Lint::NearDuplicate,
        Lint::NoRefs,
        Lint::NoExplain,
        Lint::ThinWhy,
        Lint::SmallTopic,
    ];

    /// The code shown as `lint[code]`.
    pub fn code(self) -> &'static str {
        match self {
            Lint::LongestCorrect => "longest-correct",
            Lint::ShortestCorrect => "shortest-correct",
            Lint::ClozeGivesAway => "cloze-gives-away",
            Lint::StemGivesAway => "stem-gives-away",
            Lint::DiagramGivesAway => "diagram-gives-away",
            Lint::NearDuplicate => "near-duplicate",
            Lint::NoRefs => "no-refs",
            Lint::NoExplain => "no-explain",
            Lint::ThinWhy => "thin-why",
            Lint::SmallTopic => "small-topic",
        }
    }

    fn help(self) -> String {
        match self {
            Lint::LongestCorrect => format!(
                "learners learn to pick the longest option: keep the share at {LONGEST_CORRECT_MAX_PERCENT} % or \
                 less by shortening the correct option or giving distractors the same detail"
            ),
            Lint::ShortestCorrect => format!(
                "learners learn to pick the shortest option: keep the share at {SHORTEST_CORRECT_MAX_PERCENT} % or \
                 less by giving the correct option the same detail as the distractors"
            ),
            Lint::ClozeGivesAway => {
                "reword the text around the gap, or drop the hint that names the hidden words".into()
            }
            Lint::StemGivesAway => {
                "ask without naming the answer: the question should not contain it".into()
            }
            Lint::DiagramGivesAway => {
                "set `diagram_after = true` so the diagram shows once the card is answered".into()
            }
            Lint::NearDuplicate => {
                "merge them: keep one card and list the other's id in its `replaces`".into()
            }
            Lint::NoRefs => {
                "add `refs` with the documentation page each card rests on, so learners can check it"
                    .into()
            }
            Lint::NoExplain => "add `explain`: learners read it after answering".into(),
            Lint::ThinWhy => format!(
                "say in {MIN_WHY_WORDS} words or more why the option is right or wrong: \
                 that is what a learner who chose it reads"
            ),
            Lint::SmallTopic => format!(
                "give each topic at least {MIN_TOPIC_CARDS} cards, or merge it into a related topic"
            ),
        }
    }
}

/// One finding: a lint and the cards (or topics) it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub lint: Lint,
    /// What is wrong, for all the items at once.
    pub message: String,
    /// Each card or topic concerned: where it is defined (if known) and what is wrong with it.
    pub items: Vec<(Option<Location>, String)>,
    pub help: String,
}

/// The measures a lint run takes, whatever they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measures {
    /// Choice and multi cards.
    pub questions: usize,
    /// Those whose correct option is the uniquely longest.
    pub longest_correct: Vec<String>,
    /// Those whose correct option is the uniquely shortest.
    pub shortest_correct: Vec<String>,
    /// How often each letter (in the order written) is a correct answer.
    pub letters: BTreeMap<char, usize>,
}

impl Measures {
    /// The share of questions whose correct option is the uniquely longest, in %.
    pub fn longest_correct_percent(&self) -> f64 {
        self.percent_of_questions(self.longest_correct.len())
    }

    /// The share of questions whose correct option is the uniquely shortest, in %.
    pub fn shortest_correct_percent(&self) -> f64 {
        self.percent_of_questions(self.shortest_correct.len())
    }

    fn percent_of_questions(&self, n: usize) -> f64 {
        if self.questions == 0 {
            0.0
        } else {
            100.0 * n as f64 / self.questions as f64
        }
    }
}

/// The lint of one pack.
#[derive(Debug, Clone, PartialEq)]
pub struct LintReport {
    pub pack: String,
    pub measures: Measures,
    pub findings: Vec<Finding>,
}

impl LintReport {
    /// How many cards (or topics) a lint found.
    pub fn count(&self, lint: Lint) -> usize {
        self.findings
            .iter()
            .filter(|f| f.lint == lint)
            .map(|f| f.items.len())
            .sum()
    }

    /// The measures as one line.
    pub fn measures_line(&self) -> String {
        let m = &self.measures;
        let letters: Vec<String> = m.letters.iter().map(|(l, n)| format!("{l} {n}")).collect();
        format!(
            "pack `{}`: correct option uniquely the longest in {} of {} choice and multi cards ({:.1} %), uniquely the shortest in {} ({:.1} %); correct letters: {}",
            self.pack,
            m.longest_correct.len(),
            m.questions,
            m.longest_correct_percent(),
            m.shortest_correct.len(),
            m.shortest_correct_percent(),
            if letters.is_empty() {
                "none".to_string()
            } else {
                letters.join(", ")
            }
        )
    }
}

/// The letter of option `i` as written (`A` is the first).
fn letter(i: usize) -> char {
    char::from(b'A' + (i % 26) as u8)
}

/// Lint one pack.
pub fn lint(pack: &Pack) -> LintReport {
    let measures = measure(pack);
    let mut findings = Vec::new();
    let mut per_card: HashMap<Lint, Vec<(Option<Location>, String)>> = HashMap::new();
    for card in &pack.cards {
        let mut note = |lint: Lint, what: String| {
            per_card
                .entry(lint)
                .or_default()
                .push((Some(card.location.clone()), format!("{}: {what}", card.id)));
        };
        // One line per card, with everything it gives away.
        for (lint, found) in [
            (Lint::ClozeGivesAway, cloze_gives_away(card)),
            (Lint::StemGivesAway, stem_gives_away(card)),
        ] {
            if !found.is_empty() {
                note(lint, found.join("; "));
            }
        }
        let drawn = diagram_gives_away(pack, card);
        if let (false, Some(d)) = (drawn.is_empty(), &card.diagram) {
            let answers: Vec<String> = drawn.iter().map(|a| format!("`{a}`")).collect();
            let verb = if answers.len() == 1 { "is" } else { "are" };
            note(
                Lint::DiagramGivesAway,
                format!("{} {verb} in diagram `{d}`", answers.join(", ")),
            );
        }
        if card.refs.is_empty() {
            note(Lint::NoRefs, "no `refs`".into());
        }
        if card.explain.trim().is_empty() {
            note(Lint::NoExplain, "no `explain`".into());
        }
        if let Some((options, _)) = options_of(card) {
            let thin: Vec<String> = options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.why.split_whitespace().count() < MIN_WHY_WORDS)
                .map(|(i, _)| letter(i).to_string())
                .collect();
            if !thin.is_empty() {
                note(
                    Lint::ThinWhy,
                    format!("the `why` of option {}", thin.join(", ")),
                );
            }
        }
    }
    for (lint, ids, max, which) in [
        (
            Lint::LongestCorrect,
            &measures.longest_correct,
            LONGEST_CORRECT_MAX_PERCENT,
            "longest",
        ),
        (
            Lint::ShortestCorrect,
            &measures.shortest_correct,
            SHORTEST_CORRECT_MAX_PERCENT,
            "shortest",
        ),
    ] {
        let percent = measures.percent_of_questions(ids.len());
        if percent > max {
            let items = ids
                .iter()
                .filter_map(|id| pack.card(id))
                .map(|c| (Some(c.location.clone()), c.id.clone()))
                .collect();
            findings.push(Finding {
                lint,
                message: format!(
                    "the correct option is the uniquely {which} in {} of {} choice and multi cards ({percent:.1} %), more than {max} %",
                    ids.len(),
                    measures.questions,
                ),
                items,
                help: lint.help(),
            });
        }
    }
    let pairs = near_duplicates(&pack.cards, NEAR_DUPLICATE_SIMILARITY);
    if !pairs.is_empty() {
        per_card.insert(
            Lint::NearDuplicate,
            pairs
                .iter()
                .map(|p| {
                    let (a, b) = (&pack.cards[p.first], &pack.cards[p.second]);
                    (
                        Some(a.location.clone()),
                        format!(
                            "{} and {} ({}) are {:.0} % alike",
                            a.id,
                            b.id,
                            b.location,
                            100.0 * p.similarity
                        ),
                    )
                })
                .collect(),
        );
    }
    let small: Vec<(Option<Location>, String)> = pack
        .topics
        .iter()
        .filter_map(|t| {
            let n = pack.cards.iter().filter(|c| c.topic == t.id).count();
            (n < MIN_TOPIC_CARDS).then(|| {
                (
                    None,
                    format!(
                        "topic {}: {n} {}",
                        t.id,
                        if n == 1 { "card" } else { "cards" }
                    ),
                )
            })
        })
        .collect();
    if !small.is_empty() {
        per_card.insert(Lint::SmallTopic, small);
    }
    for lint in Lint::ALL {
        if let Some(items) = per_card.remove(&lint) {
            findings.push(Finding {
                lint,
                message: message(lint, items.len()),
                items,
                help: lint.help(),
            });
        }
    }
    findings.sort_by_key(|f| f.lint);
    LintReport {
        pack: pack.id().to_string(),
        measures,
        findings,
    }
}

fn message(lint: Lint, n: usize) -> String {
    let cards = if n == 1 {
        "1 card".to_string()
    } else {
        format!("{n} cards")
    };
    match lint {
        Lint::LongestCorrect | Lint::ShortestCorrect => String::new(),
        Lint::ClozeGivesAway => {
            format!("{cards}: a cloze gap is given away by its hint or the text around it")
        }
        Lint::StemGivesAway => format!("{cards}: the question contains its answer"),
        Lint::DiagramGivesAway => {
            format!("{cards}: the diagram, shown before answering, contains the answer")
        }
        Lint::NearDuplicate => format!(
            "{n} {} of near-duplicate cards",
            if n == 1 { "pair" } else { "pairs" }
        ),
        Lint::NoRefs => format!("{cards} without `refs`"),
        Lint::NoExplain => format!("{cards} without `explain`"),
        Lint::ThinWhy => format!(
            "{cards} with options whose `why` explains nothing (under {MIN_WHY_WORDS} words)"
        ),
        Lint::SmallTopic => format!(
            "{n} {} with fewer than {MIN_TOPIC_CARDS} cards",
            if n == 1 { "topic" } else { "topics" }
        ),
    }
}

/// The longest- and shortest-option shares and the spread of correct letters.
pub fn measure(pack: &Pack) -> Measures {
    let mut m = Measures::default();
    for card in &pack.cards {
        let Some((options, correct)) = options_of(card) else {
            continue;
        };
        m.questions += 1;
        if correct_is_uniquely_longest(options, &correct) {
            m.longest_correct.push(card.id.clone());
        }
        if correct_is_uniquely_shortest(options, &correct) {
            m.shortest_correct.push(card.id.clone());
        }
        for i in correct {
            *m.letters.entry(letter(i)).or_default() += 1;
        }
    }
    m
}

/// For each deletion of a cloze card given away by its hint or the text shown around it:
/// `c1: "awsvpc" is in the text around it`.
pub fn cloze_gives_away(card: &Card) -> Vec<String> {
    let CardBody::Cloze { text } = &card.body else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in text.numbers() {
        // What the learner sees while deletion n is asked: the plain text, the other
        // deletions shown as plain text, and the hints of deletion n.
        let mut around = String::new();
        let mut hints = String::new();
        for s in &text.segments {
            match s {
                Segment::Text(t) => around.push_str(t),
                Segment::Deletion { n: m, hint, .. } if *m == n => {
                    around.push_str(" … ");
                    if let Some(h) = hint {
                        hints.push_str(h);
                        hints.push(' ');
                    }
                }
                Segment::Deletion { answer, .. } => around.push_str(answer),
            }
        }
        for answer in text.answers(n) {
            let place = if contains_words(&hints, answer) {
                "its hint"
            } else if contains_words(&around, answer) {
                "the text around it"
            } else {
                continue;
            };
            out.push(format!("c{n}: `{}` is in {place}", words(answer)));
        }
    }
    out
}

/// The answers a card's question side names: `"task execution role" is in the question`.
pub fn stem_gives_away(card: &Card) -> Vec<String> {
    let short = |s: &str| s.chars().count() <= SHORT_ANSWER_CHARS;
    let found = |stem: &str, answers: &[&str]| -> Vec<String> {
        answers
            .iter()
            .filter(|a| short(a) && contains_words(stem, a))
            .map(|a| format!("`{}` is in the question", words(a)))
            .collect()
    };
    match &card.body {
        CardBody::Choice { question, .. } | CardBody::Multi { question, .. } => {
            let Some((options, correct)) = options_of(card) else {
                return Vec::new();
            };
            // A wrong option named in the question too is no tell.
            let wrong_named = options.iter().enumerate().any(|(i, o)| {
                !correct.contains(&i) && short(&o.text) && contains_words(question, &o.text)
            });
            if wrong_named {
                return Vec::new();
            }
            let right: Vec<&str> = correct.iter().map(|&i| options[i].text.as_str()).collect();
            found(question, &right)
        }
        CardBody::Typed { question, answers } => {
            let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
            found(question, &answers)
        }
        CardBody::Basic {
            front,
            back,
            reverse,
        } => {
            let mut out = found(front, &[back]);
            if *reverse {
                out.extend(
                    found(back, &[front])
                        .into_iter()
                        .map(|s| format!("{s} (reversed)")),
                );
            }
            out
        }
        CardBody::Cloze { .. } | CardBody::TrueFalse { .. } => Vec::new(),
    }
}

/// The answers (as [`words`]) found in the diagram a card shows before it is answered.
pub fn diagram_gives_away(pack: &Pack, card: &Card) -> Vec<String> {
    if card.diagram_after {
        return Vec::new();
    }
    let Some(diagram) = card.diagram.as_deref().and_then(|d| pack.diagram(d)) else {
        return Vec::new();
    };
    let drawn = format!("{} {}", diagram.title, diagram.art);
    short_answers(card)
        .iter()
        .filter(|a| contains_words(&drawn, a))
        .map(|a| words(a))
        .collect()
}
