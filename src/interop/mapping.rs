//! Notes read from a file (text rows or a package's notes) become the cards of a [`Draft`]:
//! deckhand's own note types exactly, Anki's stock ones and unknown ones by their fields.

use crate::content::{AnswerOption, CardBody, ClozeText, Severity};

use super::Problem;
use super::draft::{Draft, DraftCard, DraftDiagram, DraftTopic, Ids, id_from_guid, slug};
use super::html;
use super::notetype::NoteKind;

/// The longest text a card may hold (as the pack loader says).
const MAX_TEXT_BYTES: usize = 16 * 1024;

/// What is known of a note's type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceType {
    /// The note type's name (empty for a text file's rows).
    pub name: String,
    /// Field names, when known.
    pub fields: Vec<String>,
    /// An Anki cloze note type.
    pub cloze: bool,
    /// The templates' question formats.
    pub templates: Vec<String>,
}

impl SourceType {
    fn index(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| {
            self.fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(n))
        })
    }

    /// The field a `{{type:Field}}` template asks for.
    fn typed_field(&self) -> Option<usize> {
        self.templates.iter().find_map(|q| {
            let start = q.find("{{type:")? + 7;
            let name = q[start..].split("}}").next()?;
            let name = name.rsplit(':').next().unwrap_or(name);
            self.index(&[name])
        })
    }
}

/// A note as read, before it becomes a card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceNote {
    /// Where it was read: `file:line` or `file: note ID`.
    pub at: String,
    pub guid: Option<String>,
    pub notetype: SourceType,
    /// Anki deck name (`A::B`).
    pub deck: Option<String>,
    pub tags: Vec<String>,
    pub fields: Vec<String>,
    /// Fields are HTML (else plain text).
    pub html: bool,
}

/// Turns notes into a draft, collecting problems.
#[derive(Debug, Default)]
pub struct Builder {
    ids: Ids,
    diagram_ids: Ids,
    topic_override: Option<DraftTopic>,
    topics: Vec<DraftTopic>,
    diagrams: Vec<DraftDiagram>,
    cards: Vec<DraftCard>,
    decks: Vec<String>,
    /// Every problem met so far.
    pub problems: Vec<Problem>,
}

impl Builder {
    /// A builder; with `topic`, every card goes to that topic.
    pub fn new(topic: Option<&str>) -> Self {
        Builder {
            topic_override: topic.map(|t| DraftTopic {
                id: slug(t, 60).unwrap_or_else(|| "imported".into()),
                title: t.trim().to_string(),
            }),
            ..Default::default()
        }
    }

    fn error(&mut self, at: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(Severity::Error, at, message));
    }

    fn warn(&mut self, at: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(Severity::Warning, at, message));
    }

    /// Add one note; returns the card id it got, or `None` when it was refused (with an
    /// error recorded) or skipped (an empty row).
    pub fn add(&mut self, note: &SourceNote) -> Option<String> {
        let mut media = Vec::new();
        let fields: Vec<String> = note
            .fields
            .iter()
            .map(|f| {
                if note.html {
                    let c = html::to_text(f);
                    media.extend(c.media);
                    c.text
                } else {
                    f.trim().to_string()
                }
            })
            .collect();
        if fields.iter().all(String::is_empty) && media.is_empty() {
            return None;
        }
        for m in &media {
            self.warn(
                &note.at,
                format!("media `{m}` left out: deckhand shows text only"),
            );
        }
        let ours = NoteKind::from_name(&note.notetype.name);
        let mapped = match ours {
            Some(kind) => ours_to_card(kind, note, &fields),
            None => foreign_to_card(&note.notetype, &fields),
        };
        let mapped = match mapped {
            Ok(m) => m,
            Err(message) => {
                self.error(&note.at, message);
                return None;
            }
        };
        if let Some(problem) = text_problem(&mapped.body, &mapped.explain) {
            self.error(&note.at, problem);
            return None;
        }
        let topic = self.topic_for(note, mapped.topic.as_deref());
        let wanted = note
            .guid
            .as_deref()
            .and_then(id_from_guid)
            .or_else(|| slug(&prompt(&mapped.body), 48))
            .unwrap_or_else(|| "card".into());
        let (id, changed) = self.ids.claim(&wanted);
        if changed && note.guid.is_some() {
            self.warn(
                &note.at,
                format!("two notes have the id `{wanted}`; this one became `{id}`"),
            );
        }
        let diagram = mapped.diagram.map(|(d_id, title, art)| {
            let wanted = d_id.unwrap_or_else(|| format!("{id}-diagram"));
            if let Some(same) = self
                .diagrams
                .iter()
                .find(|d| d.id == wanted && d.art == art)
            {
                return same.id.clone();
            }
            let (d_id, _) = self.diagram_ids.claim(&wanted);
            self.diagrams.push(DraftDiagram {
                id: d_id.clone(),
                title,
                art,
            });
            d_id
        });
        self.cards.push(DraftCard {
            id: id.clone(),
            topic,
            tags: note.tags.clone(),
            refs: mapped.refs,
            explain: mapped.explain,
            diagram_after: diagram.is_some() && mapped.diagram_after,
            diagram,
            body: mapped.body,
        });
        Some(id)
    }

    fn topic_for(&mut self, note: &SourceNote, wanted_id: Option<&str>) -> String {
        if let Some(t) = &self.topic_override {
            let t = t.clone();
            self.ensure_topic(t.clone());
            return t.id;
        }
        let deck = note.deck.as_deref().unwrap_or("").replace('\x1f', "::");
        if !deck.is_empty() && !self.decks.contains(&deck) {
            self.decks.push(deck.clone());
        }
        let leaf = deck.rsplit("::").next().unwrap_or("").trim();
        let title = if leaf.is_empty() { "Imported" } else { leaf };
        let id = wanted_id
            .filter(|w| crate::content::valid_id(w))
            .map(str::to_string)
            .or_else(|| slug(title, 60))
            .unwrap_or_else(|| "imported".into());
        self.ensure_topic(DraftTopic {
            id: id.clone(),
            title: title.to_string(),
        });
        id
    }

    fn ensure_topic(&mut self, topic: DraftTopic) {
        if !self.topics.iter().any(|t| t.id == topic.id) {
            self.topics.push(topic);
        }
    }

    /// The draft, or the problems if any is an error or there is no card at all.
    pub fn finish(
        self,
        id: &str,
        fallback_title: &str,
        at: &str,
    ) -> Result<(Draft, Vec<Problem>), Vec<Problem>> {
        let mut problems = self.problems;
        if self.cards.is_empty() && !problems.iter().any(Problem::is_error) {
            problems.push(Problem::new(
                Severity::Error,
                at,
                "no cards found: the file has no notes or rows with text",
            ));
        }
        if problems.iter().any(Problem::is_error) {
            return Err(problems);
        }
        // Decks `Pack::Topic`: the shared root names the pack.
        let roots: Vec<&str> = self
            .decks
            .iter()
            .filter(|d| d.contains("::"))
            .filter_map(|d| d.split("::").next())
            .collect();
        let title = match roots.first() {
            Some(first) if roots.iter().all(|r| r == first) && roots.len() == self.decks.len() => {
                first.trim().to_string()
            }
            _ => fallback_title.to_string(),
        };
        Ok((
            Draft {
                id: id.to_string(),
                title,
                description: String::new(),
                topics: self.topics,
                diagrams: self.diagrams,
                cards: self.cards,
            },
            problems,
        ))
    }
}

/// A card's parts before it gets its id and topic.
struct Mapped {
    body: CardBody,
    explain: String,
    refs: Vec<String>,
    /// (id, title, art)
    diagram: Option<(Option<String>, String, String)>,
    /// The diagram holds the answer: show it after answering.
    diagram_after: bool,
    topic: Option<String>,
}

fn prompt(body: &CardBody) -> String {
    match body {
        CardBody::Basic { front, .. } => front.clone(),
        CardBody::Cloze { text } => text.plain(),
        CardBody::Choice { question, .. }
        | CardBody::Multi { question, .. }
        | CardBody::Typed { question, .. } => question.clone(),
        CardBody::TrueFalse { statement, .. } => statement.clone(),
    }
}

/// The first text rule a card breaks, if any: texts must not be empty or too long.
fn text_problem(body: &CardBody, explain: &str) -> Option<String> {
    let mut texts: Vec<(&str, &str)> = vec![("explanation", explain)];
    let required: Vec<(&str, &str)> = match body {
        CardBody::Basic { front, back, .. } => vec![("front", front), ("back", back)],
        CardBody::Cloze { .. } => vec![],
        CardBody::Choice { question, .. }
        | CardBody::Multi { question, .. }
        | CardBody::Typed { question, .. } => vec![("question", question)],
        CardBody::TrueFalse { statement, .. } => vec![("statement", statement)],
    };
    for (name, text) in &required {
        if text.trim().is_empty() {
            return Some(format!("the {name} is empty"));
        }
    }
    texts.extend(required);
    texts
        .iter()
        .find(|(_, t)| t.len() > MAX_TEXT_BYTES)
        .map(|(name, t)| {
            format!(
                "the {name} is {} KB; a card holds at most 16 KB",
                t.len() / 1024
            )
        })
}

fn cloze(text: &str) -> Result<CardBody, String> {
    match ClozeText::parse(text) {
        Ok(t) if !t.numbers().is_empty() => Ok(CardBody::Cloze { text: t }),
        Ok(_) => Err("a cloze note without a deletion (`{{c1::…}}`)".into()),
        Err(errors) => Err(format!(
            "malformed cloze text: {}",
            errors.first().map_or("", |e| e.message.as_str())
        )),
    }
}

fn is_cloze_text(text: &str) -> bool {
    text.contains("{{c") && ClozeText::parse(text).is_ok_and(|t| !t.numbers().is_empty())
}

/// A note of a non-deckhand type (or a text row).
fn foreign_to_card(t: &SourceType, fields: &[String]) -> Result<Mapped, String> {
    let get = |i: Option<usize>| i.and_then(|i| fields.get(i)).cloned().unwrap_or_default();
    let explain_at = t.index(&["Back Extra", "Extra", "Explanation", "Explain", "Notes"]);
    let first = t
        .index(&["Text", "Front", "Question", "Term", "Word"])
        .unwrap_or(0);
    let text = get(Some(first));
    let cloze_type = t.cloze || t.name.to_ascii_lowercase().contains("cloze");
    if cloze_type || (t.name.is_empty() && is_cloze_text(&text)) {
        let explain_at = explain_at.or(Some(1).filter(|&i| i != first));
        return Ok(Mapped {
            body: cloze(&text)?,
            explain: get(explain_at),
            refs: Vec::new(),
            diagram: None,
            diagram_after: false,
            topic: None,
        });
    }
    let back_at = t
        .typed_field()
        .or_else(|| t.index(&["Back", "Answer", "Definition", "Meaning"]))
        .or_else(|| (0..fields.len()).find(|&i| i != first && Some(i) != explain_at));
    let back = get(back_at);
    if back_at.is_none() {
        return Err(format!(
            "only one field (`{}`): a card needs a front and a back, or cloze deletions",
            super::printable(&shorten(&text))
        ));
    }
    let body = if t.typed_field().is_some() {
        CardBody::Typed {
            question: text,
            answers: vec![back],
        }
    } else {
        let optional = t.index(&["Add Reverse", "Add reverse card"]);
        let reverse = match optional {
            Some(i) => fields.get(i).is_some_and(|f| !f.trim().is_empty()),
            None => t.templates.len() >= 2,
        };
        CardBody::Basic {
            front: text,
            back,
            reverse,
        }
    };
    Ok(Mapped {
        body,
        explain: get(explain_at),
        refs: Vec::new(),
        diagram: None,
        diagram_after: false,
        topic: None,
    })
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// A note of one of deckhand's own note types: every field in its place.
fn ours_to_card(kind: NoteKind, note: &SourceNote, text: &[String]) -> Result<Mapped, String> {
    let names = kind.fields();
    if note.fields.len() < names.len() {
        return Err(format!(
            "note type `{}` has {} fields here, expected {} ({})",
            kind.name(),
            note.fields.len(),
            names.len(),
            names.join(", ")
        ));
    }
    let raw = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .map_or("", |i| note.fields[i].as_str())
    };
    let plain = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .map_or(String::new(), |i| text[i].clone())
    };
    let options = |letters_field: &str| -> Result<(Vec<AnswerOption>, Vec<usize>), String> {
        let texts = list_items(raw("Options"), false);
        let whys = list_items(raw("Explanations"), true);
        if texts.is_empty() || texts.len() != whys.len() {
            return Err(format!(
                "{} options but {} explanations",
                texts.len(),
                whys.len()
            ));
        }
        let right: Vec<usize> = letters_field
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| match s.as_bytes() {
                [b] if b.is_ascii_uppercase() && usize::from(b - b'A') < texts.len() => {
                    Ok(usize::from(b - b'A'))
                }
                _ => Err(format!(
                    "answer `{}` is not an option's letter",
                    super::printable(s)
                )),
            })
            .collect::<Result<_, _>>()?;
        let options = texts
            .into_iter()
            .zip(whys)
            .map(|(text, why)| AnswerOption { text, why })
            .collect();
        Ok((options, right))
    };
    let body = match kind {
        NoteKind::Basic | NoteKind::Reversed => CardBody::Basic {
            front: plain("Front"),
            back: plain("Back"),
            reverse: kind == NoteKind::Reversed,
        },
        NoteKind::Cloze => cloze(&plain("Text"))?,
        NoteKind::Typed => {
            let mut answers = vec![plain("Back")];
            answers.extend(
                plain("Also accepted")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string),
            );
            CardBody::Typed {
                question: plain("Front"),
                answers,
            }
        }
        NoteKind::Choice => {
            let (options, right) = options(&plain("Answer"))?;
            let [answer] = right[..] else {
                return Err("a multiple-choice note needs exactly one answer letter".into());
            };
            CardBody::Choice {
                question: plain("Question"),
                options,
                answer,
            }
        }
        NoteKind::Multi => {
            let (options, mut answers) = options(&plain("Answer"))?;
            answers.sort_unstable();
            CardBody::Multi {
                question: plain("Question"),
                options,
                answers,
            }
        }
        NoteKind::TrueFalse => CardBody::TrueFalse {
            statement: plain("Statement"),
            answer: match plain("Answer").to_ascii_lowercase().as_str() {
                "true" => true,
                "false" => false,
                other => {
                    return Err(format!(
                        "answer `{}` is neither True nor False",
                        super::printable(other)
                    ));
                }
            },
        },
    };
    let explain = if kind == NoteKind::Cloze {
        plain("Back Extra")
    } else {
        plain("Explanation")
    };
    Ok(Mapped {
        body,
        explain,
        refs: refs(raw("References")),
        diagram: diagram(raw("Diagram")).or_else(|| diagram(raw("Diagram after answer"))),
        diagram_after: diagram(raw("Diagram")).is_none()
            && diagram(raw("Diagram after answer")).is_some(),
        topic: Some(plain("Topic")).filter(|t| !t.is_empty()),
    })
}

/// The texts of the `<li>` items of a list field; with `marked`, each item's leading
/// `<b>A ✓</b>` is dropped.
fn list_items(field: &str, marked: bool) -> Vec<String> {
    field
        .split("<li>")
        .skip(1)
        .map(|item| {
            let item = item.split("</li>").next().unwrap_or(item);
            let item = match (marked, item.find("</b>")) {
                (true, Some(end)) if item.starts_with("<b>") => {
                    let rest = &item[end + 4..];
                    rest.strip_prefix(' ').unwrap_or(rest)
                }
                _ => item,
            };
            html::to_text(item).text
        })
        .collect()
}

/// The links of a References field.
fn refs(field: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in field.split("<a ").skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        if let Some(href) = html::attribute(tag, "href") {
            out.push(href);
        }
    }
    if out.is_empty() {
        out = html::to_text(field)
            .text
            .split_whitespace()
            .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
            .map(str::to_string)
            .collect();
    }
    out
}

/// The diagram of a Diagram field: (id, title, art).
fn diagram(field: &str) -> Option<(Option<String>, String, String)> {
    let start = field.find("<pre")?;
    let tag_end = start + field[start..].find('>')?;
    let tag = &field[start + 1..tag_end];
    let inner = &field[tag_end + 1..];
    let inner = inner.split("</pre>").next().unwrap_or(inner);
    let art = html::decode(&inner.replace("<br>", "\n"));
    if art.trim().is_empty() {
        return None;
    }
    let id = html::attribute(tag, "data-id").filter(|i| crate::content::valid_id(i));
    let title = html::attribute(tag, "title").unwrap_or_default();
    Some((id, title, art))
}
