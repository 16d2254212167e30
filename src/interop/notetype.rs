//! deckhand's cards as Anki notes and back. Each card kind has a note type of its own
//! ("deckhand Basic", "deckhand Multiple choice", …) whose fields carry everything a card
//! holds, so an export imports back into the same cards; notes of Anki's stock types (Basic,
//! Basic (and reversed card), Basic (type in the answer), Cloze) and of unknown types map to
//! the nearest kind.

use crate::content::{AnswerOption, Card, CardBody, Pack};

use super::draft::letter;
use super::html;

/// deckhand's note types, one per card kind (`basic` with `reverse` has its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Basic,
    Reversed,
    Cloze,
    Typed,
    Choice,
    Multi,
    TrueFalse,
}

/// The fields every note type ends with: a diagram shown with the question, or (when it
/// holds the answer) with the answer, the topic id, the documentation links.
const TAIL: [&str; 4] = ["Diagram", "Diagram after answer", "Topic", "References"];

impl NoteKind {
    pub const ALL: [NoteKind; 7] = [
        NoteKind::Basic,
        NoteKind::Reversed,
        NoteKind::Cloze,
        NoteKind::Typed,
        NoteKind::Choice,
        NoteKind::Multi,
        NoteKind::TrueFalse,
    ];

    /// The note type's name in Anki.
    pub fn name(self) -> &'static str {
        match self {
            NoteKind::Basic => "deckhand Basic",
            NoteKind::Reversed => "deckhand Basic (and reversed card)",
            NoteKind::Cloze => "deckhand Cloze",
            NoteKind::Typed => "deckhand Basic (type in the answer)",
            NoteKind::Choice => "deckhand Multiple choice",
            NoteKind::Multi => "deckhand Multiple response",
            NoteKind::TrueFalse => "deckhand True or false",
        }
    }

    /// The note type with this name.
    pub fn from_name(name: &str) -> Option<NoteKind> {
        NoteKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// A stable Anki model id (so a second export reuses the note types).
    pub fn model_id(self) -> i64 {
        1_733_000_000_000 + NoteKind::ALL.iter().position(|&k| k == self).unwrap_or(0) as i64
    }

    /// The fields, in order.
    pub fn fields(self) -> Vec<&'static str> {
        let head: &[&str] = match self {
            NoteKind::Basic | NoteKind::Reversed => &["Front", "Back", "Explanation"],
            NoteKind::Cloze => &["Text", "Back Extra"],
            NoteKind::Typed => &["Front", "Back", "Also accepted", "Explanation"],
            NoteKind::Choice | NoteKind::Multi => &[
                "Question",
                "Options",
                "Answer",
                "Explanations",
                "Explanation",
            ],
            NoteKind::TrueFalse => &["Statement", "Answer", "Explanation"],
        };
        head.iter().chain(TAIL.iter()).copied().collect()
    }

    /// Whether Anki treats it as a cloze note type.
    pub fn is_cloze(self) -> bool {
        self == NoteKind::Cloze
    }

    /// The card templates: (name, question format, answer format).
    pub fn templates(self) -> Vec<(&'static str, String, String)> {
        let explain = "{{#Explanation}}<div class=explain>{{Explanation}}</div>{{/Explanation}}";
        let tail = "{{#Diagram after answer}}{{Diagram after answer}}{{/Diagram after answer}}{{#References}}<div class=refs>{{References}}</div>{{/References}}";
        let diagram = "{{#Diagram}}{{Diagram}}{{/Diagram}}";
        let answer = |q: &str, a: &str| {
            (
                format!("{q}{diagram}"),
                format!("{{{{FrontSide}}}}<hr id=answer>{a}{explain}{tail}"),
            )
        };
        let one = |name, (q, a): (String, String)| vec![(name, q, a)];
        match self {
            NoteKind::Basic => one("Card 1", answer("{{Front}}", "{{Back}}")),
            NoteKind::Reversed => vec![
                {
                    let (q, a) = answer("{{Front}}", "{{Back}}");
                    ("Card 1", q, a)
                },
                {
                    let (q, a) = answer("{{Back}}", "{{Front}}");
                    ("Card 2", q, a)
                },
            ],
            NoteKind::Cloze => one(
                "Cloze",
                (
                    format!("{{{{cloze:Text}}}}{diagram}"),
                    format!(
                        "{{{{cloze:Text}}}}{diagram}{{{{#Back Extra}}}}<div class=explain>{{{{Back Extra}}}}</div>{{{{/Back Extra}}}}{tail}"
                    ),
                ),
            ),
            NoteKind::Typed => one(
                "Card 1",
                (
                    format!("{{{{Front}}}}{diagram}<br>{{{{type:Back}}}}"),
                    format!(
                        "{{{{Front}}}}{diagram}<hr id=answer>{{{{type:Back}}}}{{{{#Also accepted}}}}<div>Also accepted: {{{{Also accepted}}}}</div>{{{{/Also accepted}}}}{explain}{tail}"
                    ),
                ),
            ),
            NoteKind::Choice | NoteKind::Multi => one(
                "Card 1",
                answer(
                    "{{Question}}<div class=options>{{Options}}</div>",
                    "<div class=answer>Answer: {{Answer}}</div>{{Explanations}}",
                ),
            ),
            NoteKind::TrueFalse => one(
                "Card 1",
                answer(
                    "{{Statement}}<div class=options>True or false?</div>",
                    "<div class=answer>{{Answer}}</div>",
                ),
            ),
        }
    }

    /// The note type of a card.
    pub fn of(body: &CardBody) -> NoteKind {
        match body {
            CardBody::Basic { reverse: true, .. } => NoteKind::Reversed,
            CardBody::Basic { .. } => NoteKind::Basic,
            CardBody::Cloze { .. } => NoteKind::Cloze,
            CardBody::Typed { .. } => NoteKind::Typed,
            CardBody::Choice { .. } => NoteKind::Choice,
            CardBody::Multi { .. } => NoteKind::Multi,
            CardBody::TrueFalse { .. } => NoteKind::TrueFalse,
        }
    }
}

/// The style sheet of every deckhand note type.
pub const CSS: &str = ".card { font-family: arial; font-size: 20px; text-align: left; color: black; background-color: white; }
.cloze { font-weight: bold; color: blue; }
.nightMode .cloze { color: lightblue; }
pre.deckhand-diagram { font-family: monospace; font-size: 14px; line-height: 1.2; white-space: pre; overflow-x: auto; }
ol.options { list-style-type: upper-alpha; }
.answer { font-weight: bold; }
.explain { margin-top: 1em; font-style: italic; }
.refs { margin-top: 1em; font-size: 12px; }
";

/// A card as an Anki note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The card id: Anki matches notes by GUID, so a second export updates.
    pub guid: String,
    pub kind: NoteKind,
    /// `Pack title::Topic title`.
    pub deck: String,
    pub tags: Vec<String>,
    /// HTML, in the order of [`NoteKind::fields`].
    pub fields: Vec<String>,
}

/// The Anki deck of a topic: the pack's title with the topic's title as a subdeck.
pub fn deck_name(pack: &Pack, topic: &str) -> String {
    let clean = |s: &str| s.replace("::", ":").replace('\x1f', " ");
    let title = pack.topic(topic).map_or(topic, |t| t.title.as_str());
    format!("{}::{}", clean(&pack.manifest.title), clean(title))
}

/// An Anki tag: no spaces (Anki separates tags with them).
pub fn anki_tag(tag: &str) -> String {
    tag.split_whitespace().collect::<Vec<_>>().join("_")
}

/// The options of a choice or multi card, as a lettered list.
fn options_html(options: &[AnswerOption]) -> String {
    let items: String = options
        .iter()
        .map(|o| format!("<li>{}</li>", html::escape(&o.text)))
        .collect();
    format!("<ol class=options type=A>{items}</ol>")
}

/// Every option's explanation, marked right (✓) or wrong (✗).
fn explanations_html(options: &[AnswerOption], right: &[usize]) -> String {
    let items: String = options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mark = if right.contains(&i) { '✓' } else { '✗' };
            format!(
                "<li><b>{} {mark}</b> {}</li>",
                letter(i),
                html::escape(&o.why)
            )
        })
        .collect();
    format!("<ul class=explanations>{items}</ul>")
}

fn letters(indexes: &[usize]) -> String {
    indexes
        .iter()
        .map(|&i| letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The card as a note of its deckhand note type.
pub fn note_of(pack: &Pack, card: &Card) -> Note {
    let kind = NoteKind::of(&card.body);
    let e = |s: &str| html::escape(s);
    let explain = e(&card.explain);
    let mut fields: Vec<String> = match &card.body {
        CardBody::Basic { front, back, .. } => vec![e(front), e(back), explain],
        CardBody::Cloze { text } => vec![e(&super::draft::cloze_source(text)), explain],
        CardBody::Typed { question, answers } => vec![
            e(question),
            e(answers.first().map_or("", String::as_str)),
            answers
                .get(1..)
                .unwrap_or_default()
                .iter()
                .map(|a| e(a))
                .collect::<Vec<_>>()
                .join("<br>"),
            explain,
        ],
        CardBody::Choice {
            question,
            options,
            answer,
        } => vec![
            e(question),
            options_html(options),
            letters(&[*answer]),
            explanations_html(options, &[*answer]),
            explain,
        ],
        CardBody::Multi {
            question,
            options,
            answers,
        } => vec![
            e(question),
            options_html(options),
            letters(answers),
            explanations_html(options, answers),
            explain,
        ],
        CardBody::TrueFalse { statement, answer } => vec![
            e(statement),
            if *answer { "True" } else { "False" }.to_string(),
            explain,
        ],
    };
    let diagram = card
        .diagram
        .as_deref()
        .and_then(|id| pack.diagram(id))
        .map(|d| {
            format!(
                "<pre class=\"deckhand-diagram\" data-id=\"{}\" title=\"{}\">{}</pre>",
                e(&d.id),
                e(&d.title),
                html::escape_pre(&d.art)
            )
        })
        .unwrap_or_default();
    let refs = card
        .refs
        .iter()
        .map(|r| format!("<a href=\"{0}\">{0}</a>", e(r)))
        .collect::<Vec<_>>()
        .join("<br>");
    let (before, after) = if card.diagram_after {
        (String::new(), diagram)
    } else {
        (diagram, String::new())
    };
    fields.extend([before, after, e(&card.topic), refs]);
    Note {
        guid: card.id.clone(),
        kind,
        deck: deck_name(pack, &card.topic),
        tags: card.tags.iter().map(|t| anki_tag(t)).collect(),
        fields,
    }
}
