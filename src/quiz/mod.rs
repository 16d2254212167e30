//! Questions as the learner sees them, and answer checking. Pure: a showing is built from a
//! card, the face asked and a seed (for the option order), and answers are checked without
//! any I/O.
//!
//! - [`present`] turns a card face into a [`Shown`] question, shuffling options per showing
//!   so that their position cannot be memorised.
//! - [`check_options`], [`check_typed`] and [`Outcome`] decide right, almost or wrong.
//! - [`cram`] picks questions for a quiz that leaves the schedule alone.

pub mod cram;
pub mod predict;
mod typed;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::content::{Card, CardBody, Face, Segment};

pub use typed::{DiffOp, TypedVerdict, check_typed, normalize_answer};

/// How an answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Right,
    /// A typed answer one or two typos away from an accepted one.
    Almost,
    Wrong,
}

impl Outcome {
    /// Whether the answer counts as right (an "almost" is a typo, not a lapse of memory).
    pub fn is_right(self) -> bool {
        self != Outcome::Wrong
    }
}

/// A question ready to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Self-graded: the prompt, then the answer.
    Flash { prompt: String, answer: String },
    /// Cloze text with the asked deletion hidden.
    Cloze { parts: Vec<ClozePart> },
    /// Lettered options; `choose` is 1 for a choice card and N for "choose N".
    Options {
        question: String,
        options: Vec<ShownOption>,
        choose: usize,
    },
    /// A text input; any of `answers` is accepted.
    Typed {
        question: String,
        answers: Vec<String>,
    },
    /// A statement to judge.
    TrueFalse { statement: String, answer: bool },
}

/// A run of cloze text as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClozePart {
    Text(String),
    /// A deletion: `asked` ones are hidden until revealed (shown as `[...]` or `[hint]`).
    Gap {
        answer: String,
        hint: Option<String>,
        asked: bool,
    },
}

/// An option in the order shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownOption {
    pub text: String,
    pub why: String,
    pub correct: bool,
    /// Its position in the card's source (0 = the author's option A).
    pub source_index: usize,
}

/// Build the question for one face of a card. `seed` decides the option order; pass a new
/// seed for each showing.
pub fn present(card: &Card, face: Face, seed: u64) -> Shown {
    match &card.body {
        CardBody::Basic { front, back, .. } => {
            let (prompt, answer) = if face == Face::Reverse {
                (back.clone(), front.clone())
            } else {
                (front.clone(), back.clone())
            };
            Shown::Flash { prompt, answer }
        }
        CardBody::Cloze { text } => {
            let asked = match face {
                Face::Cloze(n) => n,
                _ => text.numbers().first().copied().unwrap_or(1),
            };
            let parts = text
                .segments
                .iter()
                .map(|s| match s {
                    Segment::Text(t) => ClozePart::Text(t.clone()),
                    Segment::Deletion { n, answer, hint } => ClozePart::Gap {
                        answer: answer.clone(),
                        hint: hint.clone(),
                        asked: *n == asked,
                    },
                })
                .collect();
            Shown::Cloze { parts }
        }
        CardBody::Choice {
            question,
            options,
            answer,
        } => Shown::Options {
            question: question.clone(),
            options: shuffled(options, &[*answer], seed),
            choose: 1,
        },
        CardBody::Multi {
            question,
            options,
            answers,
        } => Shown::Options {
            question: question.clone(),
            options: shuffled(options, answers, seed),
            choose: answers.len(),
        },
        CardBody::Typed { question, answers } => Shown::Typed {
            question: question.clone(),
            answers: answers.clone(),
        },
        CardBody::TrueFalse { statement, answer } => Shown::TrueFalse {
            statement: statement.clone(),
            answer: *answer,
        },
    }
}

fn shuffled(
    options: &[crate::content::AnswerOption],
    correct: &[usize],
    seed: u64,
) -> Vec<ShownOption> {
    let mut order: Vec<usize> = (0..options.len()).collect();
    order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
    order
        .into_iter()
        .map(|i| ShownOption {
            text: options[i].text.clone(),
            why: options[i].why.clone(),
            correct: correct.contains(&i),
            source_index: i,
        })
        .collect()
}

/// The letter of the option at `index` in the shown order (A, B, ...).
pub fn letter(index: usize) -> char {
    (b'A' + (index % 26) as u8) as char
}

/// The verdict on a choice or multi answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsVerdict {
    pub outcome: Outcome,
    /// Per shown option: was it chosen, is it correct.
    pub marks: Vec<OptionMark>,
}

/// How one option fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionMark {
    pub chosen: bool,
    pub correct: bool,
}

/// Check the chosen options (indexes into the shown order). Right only when exactly the
/// correct ones were chosen; a partly right answer is wrong, and the marks still show which
/// were right.
pub fn check_options(options: &[ShownOption], chosen: &[usize]) -> OptionsVerdict {
    let marks: Vec<OptionMark> = options
        .iter()
        .enumerate()
        .map(|(i, o)| OptionMark {
            chosen: chosen.contains(&i),
            correct: o.correct,
        })
        .collect();
    let right = marks.iter().all(|m| m.chosen == m.correct);
    OptionsVerdict {
        outcome: if right {
            Outcome::Right
        } else {
            Outcome::Wrong
        },
        marks,
    }
}

/// Check a true/false answer.
pub fn check_true_false(answer: bool, given: bool) -> Outcome {
    if answer == given {
        Outcome::Right
    } else {
        Outcome::Wrong
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{AnswerOption, Location};

    fn choice_card() -> Card {
        Card {
            id: "c".into(),
            topic: "t".into(),
            tags: vec![],
            refs: vec![],
            explain: String::new(),
            diagram: None,
            diagram_after: false,
            replaces: Vec::new(),
            sim: None,
            body: CardBody::Choice {
                question: "Q?".into(),
                options: ["A0", "B1", "C2", "D3", "E4"]
                    .iter()
                    .map(|t| AnswerOption {
                        text: (*t).into(),
                        why: format!("why {t}"),
                    })
                    .collect(),
                answer: 2,
            },
            location: Location {
                file: "f.toml".into(),
                line: 1,
            },
        }
    }

    fn order(shown: &Shown) -> Vec<usize> {
        match shown {
            Shown::Options { options, .. } => options.iter().map(|o| o.source_index).collect(),
            _ => panic!("options expected"),
        }
    }

    #[test]
    fn options_are_shuffled_per_seed_and_keep_their_truth() {
        let card = choice_card();
        let a = present(&card, Face::Front, 1);
        assert_eq!(a, present(&card, Face::Front, 1), "same seed, same order");
        let orders: std::collections::HashSet<Vec<usize>> = (0..20)
            .map(|s| order(&present(&card, Face::Front, s)))
            .collect();
        assert!(orders.len() > 5, "seeds give different orders: {orders:?}");
        let Shown::Options {
            options, choose, ..
        } = a
        else {
            unreachable!()
        };
        assert_eq!(choose, 1);
        for o in &options {
            assert_eq!(o.correct, o.source_index == 2);
            assert_eq!(o.why, format!("why {}", o.text));
        }
    }

    #[test]
    fn partly_right_multi_answers_are_wrong_but_marked() {
        let opts: Vec<ShownOption> = [true, false, true, false]
            .iter()
            .enumerate()
            .map(|(i, &correct)| ShownOption {
                text: i.to_string(),
                why: String::new(),
                correct,
                source_index: i,
            })
            .collect();
        assert_eq!(check_options(&opts, &[0, 2]).outcome, Outcome::Right);
        assert_eq!(check_options(&opts, &[2, 0]).outcome, Outcome::Right);
        let partial = check_options(&opts, &[0]);
        assert_eq!(partial.outcome, Outcome::Wrong);
        assert_eq!(
            partial.marks[2],
            OptionMark {
                chosen: false,
                correct: true
            }
        );
        assert_eq!(check_options(&opts, &[0, 1, 2]).outcome, Outcome::Wrong);
    }

    #[test]
    fn reverse_swaps_the_sides_and_cloze_hides_only_the_asked_deletion() {
        let mut card = choice_card();
        card.body = CardBody::Basic {
            front: "F".into(),
            back: "B".into(),
            reverse: true,
        };
        assert_eq!(
            present(&card, Face::Reverse, 0),
            Shown::Flash {
                prompt: "B".into(),
                answer: "F".into()
            }
        );
        card.body = CardBody::Cloze {
            text: crate::content::ClozeText::parse("{{c1::a}} and {{c2::b::hint}}").unwrap(),
        };
        let Shown::Cloze { parts } = present(&card, Face::Cloze(2), 0) else {
            panic!()
        };
        assert_eq!(
            parts,
            vec![
                ClozePart::Gap {
                    answer: "a".into(),
                    hint: None,
                    asked: false
                },
                ClozePart::Text(" and ".into()),
                ClozePart::Gap {
                    answer: "b".into(),
                    hint: Some("hint".into()),
                    asked: true
                },
            ]
        );
    }

    #[test]
    fn letters() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(4), 'E');
    }
}
