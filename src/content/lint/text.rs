//! Text measures the lint shares with the pack's own tests: words as compared, the answers a
//! card could give away, and whether one text contains another as whole words.

use crate::content::cloze::Segment;
use crate::content::{AnswerOption, Card, CardBody};

/// Lowercase words, box drawing and punctuation turned into spaces (`.`, `_`, `/` and `-`
/// inside a word are kept: `awsvpc`, `ecs.amazonaws.com`, `FARGATE_SPOT`).
pub fn words(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || matches!(c, '.' | '_' | '/' | '-') {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.split_whitespace()
        .map(|w| w.trim_matches(|c| c == '.' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does `haystack` hold `needle` as whole words (both compared as [`words`])? Needles under
/// three characters never match: they are too common to be a tell.
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    let needle = words(needle);
    if needle.chars().count() < 3 {
        return false;
    }
    format!(" {} ", words(haystack)).contains(&format!(" {needle} "))
}

/// The longest answer the give-away checks look for (longer ones are sentences, not terms).
pub const SHORT_ANSWER_CHARS: usize = 60;

/// The short answers a card's question side or diagram could give away: cloze gaps, typed
/// answers, the correct options, and a basic card's back when it is a short phrase.
pub fn short_answers(card: &Card) -> Vec<String> {
    let mut answers: Vec<String> = match &card.body {
        CardBody::Cloze { text } => text
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Deletion { answer, .. } => Some(answer.clone()),
                Segment::Text(_) => None,
            })
            .collect(),
        CardBody::Typed { answers, .. } => answers.clone(),
        CardBody::Choice {
            options, answer, ..
        } => vec![options[*answer].text.clone()],
        CardBody::Multi {
            options, answers, ..
        } => answers.iter().map(|&i| options[i].text.clone()).collect(),
        CardBody::Basic { back, .. } => vec![back.clone()],
        CardBody::TrueFalse { .. } => Vec::new(),
    };
    answers.retain(|a| a.chars().count() <= SHORT_ANSWER_CHARS);
    answers
}

/// The trimmed lengths (in characters) of the correct options and of the wrong ones.
fn lengths(options: &[AnswerOption], correct: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let len = |o: &AnswerOption| o.text.trim().chars().count();
    let right = correct.iter().filter_map(|&i| options.get(i)).map(len);
    let wrong = options
        .iter()
        .enumerate()
        .filter(|(i, _)| !correct.contains(i))
        .map(|(_, o)| len(o));
    (right.collect(), wrong.collect())
}

/// True when "choose the longest option(s)" finds exactly the correct answer: every correct
/// option is longer (in characters, trimmed) than every wrong one.
pub fn correct_is_uniquely_longest(options: &[AnswerOption], correct: &[usize]) -> bool {
    let (right, wrong) = lengths(options, correct);
    matches!((right.iter().min(), wrong.iter().max()), (Some(r), Some(w)) if r > w)
}

/// True when "choose the shortest option(s)" finds exactly the correct answer: every correct
/// option is shorter (in characters, trimmed) than every wrong one. The mirror of
/// [`correct_is_uniquely_longest`]: a pack that avoids one tell can fall into the other.
pub fn correct_is_uniquely_shortest(options: &[AnswerOption], correct: &[usize]) -> bool {
    let (right, wrong) = lengths(options, correct);
    matches!((right.iter().max(), wrong.iter().min()), (Some(r), Some(w)) if r < w)
}

/// The options and correct indexes of a choice or multi card.
pub fn options_of(card: &Card) -> Option<(&[AnswerOption], Vec<usize>)> {
    match &card.body {
        CardBody::Choice {
            options, answer, ..
        } => Some((options, vec![*answer])),
        CardBody::Multi {
            options, answers, ..
        } => Some((options, answers.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(text: &str) -> AnswerOption {
        AnswerOption {
            text: text.into(),
            why: "why".into(),
        }
    }

    #[test]
    fn words_drop_drawing_and_keep_identifiers() {
        assert_eq!(words("┌─ ECS agent ─┐"), "ecs agent");
        assert_eq!(words("FARGATE_SPOT, awsvpc."), "fargate_spot awsvpc");
        assert!(contains_words(
            "the task execution role pulls",
            "Task execution role"
        ));
        assert!(!contains_words(
            "the task execution roles",
            "task execution role"
        ));
        assert!(!contains_words("an IP address", "IP"));
    }

    #[test]
    fn the_longest_option_counts_what_it_should() {
        let options = [
            o("short"),
            o("a much longer option"),
            o("mid size"),
            o("tiny"),
        ];
        assert!(correct_is_uniquely_longest(&options, &[1]));
        assert!(!correct_is_uniquely_longest(&options, &[2]));
        let tied = [o("same length"), o("same-length"), o("x")];
        assert!(!correct_is_uniquely_longest(&tied, &[0]));
        assert!(correct_is_uniquely_longest(&options, &[1, 2]));
        assert!(!correct_is_uniquely_longest(&options, &[1, 3]));
    }

    #[test]
    fn the_shortest_option_counts_what_it_should() {
        let options = [
            o("short"),
            o("a much longer option"),
            o("mid size"),
            o("tiny"),
        ];
        assert!(correct_is_uniquely_shortest(&options, &[3]));
        assert!(!correct_is_uniquely_shortest(&options, &[0]));
        let tied = [o("same length"), o("same-length"), o("a longer one")];
        assert!(!correct_is_uniquely_shortest(&tied, &[0]));
        assert!(correct_is_uniquely_shortest(&options, &[0, 3]));
        assert!(!correct_is_uniquely_shortest(&options, &[2, 3]));
        // Every option correct, or none: no wrong option to compare with, no tell.
        assert!(!correct_is_uniquely_shortest(&options, &[0, 1, 2, 3]));
        assert!(!correct_is_uniquely_shortest(&options, &[]));
    }
}
