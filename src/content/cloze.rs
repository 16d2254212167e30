//! Anki-style cloze text: `{{c1::answer}}` or `{{c1::answer::hint}}`.
//!
//! Every distinct number makes one study item; deletions that share a number are hidden
//! together. The other deletions of the text are shown as plain text.

use std::ops::Range;

/// Cloze text split into plain runs and deletions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClozeText {
    pub segments: Vec<Segment>,
}

/// A run of cloze text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Segment {
    Text(String),
    Deletion {
        n: u32,
        answer: String,
        hint: Option<String>,
    },
}

/// A cloze syntax problem, at a byte range of the cloze text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClozeError {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

impl ClozeText {
    /// Parse cloze text, reporting every malformed deletion.
    pub fn parse(text: &str) -> Result<ClozeText, Vec<ClozeError>> {
        let mut segments = Vec::new();
        let mut errors = Vec::new();
        let mut plain = String::new();
        let mut rest = 0;
        while let Some(found) = text[rest..].find("{{") {
            let open = rest + found;
            plain.push_str(&text[rest..open]);
            let Some(close_rel) = text[open + 2..].find("}}") else {
                errors.push(ClozeError {
                    span: open..text.len(),
                    message: "cloze deletion is not closed".into(),
                    help: "end the deletion with `}}`, as in `{{c1::answer}}`".into(),
                });
                rest = text.len();
                break;
            };
            let close = open + 2 + close_rel;
            let inner = &text[open + 2..close];
            let span = open..close + 2;
            rest = close + 2;
            match parse_deletion(inner) {
                Ok(seg) => {
                    if !plain.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut plain)));
                    }
                    segments.push(seg);
                }
                Err((message, help)) => errors.push(ClozeError {
                    span,
                    message,
                    help,
                }),
            }
        }
        plain.push_str(&text[rest..]);
        if !plain.is_empty() {
            segments.push(Segment::Text(plain));
        }
        if errors.is_empty()
            && !segments
                .iter()
                .any(|s| matches!(s, Segment::Deletion { .. }))
        {
            errors.push(ClozeError {
                // The first character, whatever its width in bytes.
                span: 0..text.chars().next().map_or(0, char::len_utf8),
                message: "cloze text has no deletion".into(),
                help: "mark the words to hide as `{{c1::words}}` (add `::hint` for a hint)".into(),
            });
        }
        if errors.is_empty() {
            Ok(ClozeText { segments })
        } else {
            Err(errors)
        }
    }

    /// The distinct deletion numbers, ascending.
    pub fn numbers(&self) -> Vec<u32> {
        let mut ns: Vec<u32> = self
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Deletion { n, .. } => Some(*n),
                Segment::Text(_) => None,
            })
            .collect();
        ns.sort_unstable();
        ns.dedup();
        ns
    }

    /// The answers of deletion `n`, in order.
    pub fn answers(&self, n: u32) -> Vec<&str> {
        self.segments
            .iter()
            .filter_map(|s| match s {
                Segment::Deletion { n: m, answer, .. } if *m == n => Some(answer.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The text with every deletion shown (no markup).
    pub fn plain(&self) -> String {
        self.segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.as_str(),
                Segment::Deletion { answer, .. } => answer.as_str(),
            })
            .collect()
    }
}

fn parse_deletion(inner: &str) -> Result<Segment, (String, String)> {
    let usage = "write deletions as `{{c1::answer}}` or `{{c1::answer::hint}}`".to_string();
    let Some((tag, rest)) = inner.split_once("::") else {
        return Err((format!("malformed cloze deletion `{{{{{inner}}}}}`"), usage));
    };
    let number = tag
        .strip_prefix('c')
        .or_else(|| tag.strip_prefix('C'))
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|&n| n >= 1);
    let Some(n) = number else {
        return Err((
            format!("cloze deletion `{tag}` must be `c` followed by a number from 1"),
            usage,
        ));
    };
    let (answer, hint) = match rest.split_once("::") {
        Some((a, h)) => (a, Some(h)),
        None => (rest, None),
    };
    if answer.trim().is_empty() {
        return Err((
            format!("cloze deletion c{n} hides nothing"),
            "put the hidden words between `::` and `}}`".into(),
        ));
    }
    if answer.contains("{{") {
        return Err((
            format!("cloze deletion c{n} contains another deletion"),
            "deletions cannot be nested; split them into two deletions".into(),
        ));
    }
    if let Some(h) = hint
        && (h.trim().is_empty() || h.contains("::"))
    {
        return Err((
            format!("cloze deletion c{n} has a malformed hint"),
            "a hint follows the answer once: `{{c1::answer::hint}}`".into(),
        ));
    }
    Ok(Segment::Deletion {
        n,
        answer: answer.trim().to_string(),
        hint: hint.map(|h| h.trim().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_deletions_and_hints() {
        let c = ClozeText::parse(
            "ECS runs {{c1::tasks}} on {{c2::Fargate::serverless}} or {{c1::EC2}}.",
        )
        .unwrap();
        assert_eq!(c.numbers(), vec![1, 2]);
        assert_eq!(c.answers(1), vec!["tasks", "EC2"]);
        assert_eq!(c.plain(), "ECS runs tasks on Fargate or EC2.");
        assert!(c.segments.contains(&Segment::Deletion {
            n: 2,
            answer: "Fargate".into(),
            hint: Some("serverless".into())
        }));
    }

    #[test]
    fn reports_every_malformed_deletion() {
        let errs = ClozeText::parse("a {{c1:x}} b {{cx::y}} c {{c2::}} d {{c3::z").unwrap_err();
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(errs.len(), 4, "{messages:?}");
        assert!(messages[0].starts_with("malformed cloze deletion"));
        assert!(messages[1].contains("must be `c` followed by a number"));
        assert!(messages[2].contains("hides nothing"));
        assert!(messages[3].contains("not closed"));
        assert_eq!(errs[0].span, 2..10);
    }

    #[test]
    fn text_without_deletion_is_an_error() {
        let errs = ClozeText::parse("no gaps here").unwrap_err();
        assert!(errs[0].message.contains("no deletion"));
    }

    proptest::proptest! {
        /// Every error span falls on character boundaries, whatever the text.
        #[test]
        fn error_spans_fall_on_char_boundaries(text in "(\\PC|[{}:c1é𝒳👩‍🚀]){0,40}") {
            if let Err(errors) = ClozeText::parse(&text) {
                for e in errors {
                    proptest::prop_assert!(text.is_char_boundary(e.span.start), "{:?} in {:?}", e.span, text);
                    proptest::prop_assert!(text.is_char_boundary(e.span.end), "{:?} in {:?}", e.span, text);
                    proptest::prop_assert!(text.get(e.span.clone()).is_some());
                }
            }
        }
    }
}
