//! Finding cards: a search over the catalog's text, ids, topics, tags and kinds, with filters
//! on the cards' state (new, learning, review, suspended, buried, leech, flagged, due today).
//! The searchable text is built once; a search is one pass over it, so it stays fast on
//! 50,000 cards.
//!
//! A query is words and filters, as typed in the browser's search line or given to
//! `deckhand cards`: `fargate is:due topic:logging tag:exam kind:typed id:awslogs pack:p`.
//! Every word must appear (in any case) in the card's text, id, topic or tags; every filter
//! must hold; several `is:` filters must all hold.

use chrono::{DateTime, Utc};

use super::catalog::{Catalog, item_kind};
use crate::content::{Card, CardBody};
use crate::srs::State;
use crate::srs::queue::ItemProgress;

/// What a card can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateFilter {
    New,
    Learning,
    Review,
    Suspended,
    Buried,
    Leech,
    Flagged,
    /// Due by the end of the study day (learning or review, not suspended or buried).
    Due,
}

impl StateFilter {
    pub const ALL: [StateFilter; 8] = [
        StateFilter::New,
        StateFilter::Learning,
        StateFilter::Review,
        StateFilter::Suspended,
        StateFilter::Buried,
        StateFilter::Leech,
        StateFilter::Flagged,
        StateFilter::Due,
    ];

    /// The name after `is:`.
    pub fn name(self) -> &'static str {
        match self {
            StateFilter::New => "new",
            StateFilter::Learning => "learning",
            StateFilter::Review => "review",
            StateFilter::Suspended => "suspended",
            StateFilter::Buried => "buried",
            StateFilter::Leech => "leech",
            StateFilter::Flagged => "flagged",
            StateFilter::Due => "due",
        }
    }

    pub fn from_name(name: &str) -> Option<StateFilter> {
        StateFilter::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }
}

/// The fields a query can name (`field:value`).
const FIELDS: [&str; 6] = ["is", "id", "topic", "tag", "kind", "pack"];

/// A search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Words that must all appear (lowercase).
    pub words: Vec<String>,
    /// Part of the item id (`id:`).
    pub id: Option<String>,
    /// Part of the topic's id or title (`topic:`).
    pub topic: Option<String>,
    /// A tag (`tag:`).
    pub tag: Option<String>,
    /// An item kind: basic, reverse, cloze, choice, multi, typed, truefalse, predict (`kind:`).
    pub kind: Option<String>,
    /// A pack id (`pack:`).
    pub pack: Option<String>,
    /// States that must all hold (`is:`).
    pub states: Vec<StateFilter>,
}

impl Query {
    /// Parse a search line. An unknown `is:` state or field is an error that names the
    /// known ones.
    pub fn parse(text: &str) -> Result<Query, String> {
        let mut q = Query::default();
        for token in text.split_whitespace() {
            let lower = token.to_lowercase();
            let Some((field, value)) = lower.split_once(':') else {
                q.words.push(lower);
                continue;
            };
            if value.is_empty() && FIELDS.contains(&field) {
                // Still being typed (`is:`): not a filter yet.
                continue;
            }
            let value = value.to_string();
            match field {
                "is" => match StateFilter::from_name(&value) {
                    Some(s) => q.states.push(s),
                    None => {
                        let known: Vec<&str> = StateFilter::ALL.iter().map(|s| s.name()).collect();
                        return Err(format!(
                            "is:{value} is not a state; states are {}",
                            known.join(", ")
                        ));
                    }
                },
                "id" => q.id = Some(value),
                "topic" => q.topic = Some(value),
                "tag" => q.tag = Some(value),
                "kind" => q.kind = Some(value),
                "pack" => q.pack = Some(value),
                // A colon inside a word (`awsvpc:` in a question) is a word.
                _ => q.words.push(lower),
            }
        }
        Ok(q)
    }

    /// Whether it asks for nothing in particular (every card).
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }
}

/// What is known of one item's state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemState<'a> {
    /// Stored progress (`None`: new).
    pub progress: Option<&'a ItemProgress>,
    pub flagged: bool,
}

impl ItemState<'_> {
    /// Whether the state filter holds at `now`, with the study day ending at `day_end`.
    pub fn is(&self, f: StateFilter, now: DateTime<Utc>, day_end: DateTime<Utc>) -> bool {
        let p = self.progress;
        let state = p.map_or(State::New, |p| p.card.state);
        let suspended = p.is_some_and(|p| p.suspended);
        let buried = p.is_some_and(|p| p.is_buried(now));
        match f {
            StateFilter::New => state == State::New,
            StateFilter::Learning => state.is_learning(),
            StateFilter::Review => state == State::Review,
            StateFilter::Suspended => suspended,
            StateFilter::Buried => buried,
            StateFilter::Leech => p.is_some_and(|p| p.leech),
            StateFilter::Flagged => self.flagged,
            StateFilter::Due => {
                !suspended
                    && !buried
                    && state != State::New
                    && p.and_then(|p| p.card.due).is_some_and(|d| d < day_end)
            }
        }
    }
}

/// The searchable fields of every catalog item, in catalog order, lowercase, laid out for
/// fast scans: all texts in one string (words are found with one substring search over it,
/// not one per card), and topics, tags, packs and kinds as small numbers.
#[derive(Debug, Clone)]
pub struct Index {
    /// Every item's text, id, topic and tags, one after another, each ended by `\0`.
    text: String,
    /// Where each item's part of `text` starts (one more entry: the end).
    starts: Vec<usize>,
    /// Every item id, ended by `\0`, and where each starts.
    ids: String,
    id_starts: Vec<usize>,
    /// Per item: its pack, topic and kind (indexes into the tables below) and its tags.
    packs: Vec<u32>,
    topics: Vec<u32>,
    kinds: Vec<&'static str>,
    tag_starts: Vec<usize>,
    tags: Vec<u32>,
    /// The tables: pack ids, topics (`id\ntitle`), tags.
    pack_names: Vec<String>,
    topic_names: Vec<String>,
    tag_names: Vec<String>,
}

/// Positions in `haystack` (one string of parts ended by `\0`, starting at `starts`) of the
/// parts that contain `needle`, in order. One SIMD substring search over the whole haystack.
fn parts_containing(haystack: &str, starts: &[usize], needle: &str) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut at = 0;
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    while let Some(found) = finder.find(&haystack.as_bytes()[at..]) {
        let pos = at + found;
        // The part holding `pos`: the last start at or before it; go on after its end.
        let part = starts.partition_point(|s| *s <= pos) - 1;
        out.push(part);
        at = starts[part + 1];
        if at >= haystack.len() {
            break;
        }
    }
    out
}

/// Numbers for names, in order of first sight.
fn intern(
    names: &mut Vec<String>,
    lookup: &mut std::collections::HashMap<String, u32>,
    name: String,
) -> u32 {
    *lookup.entry(name).or_insert_with_key(|n| {
        names.push(n.clone());
        (names.len() - 1) as u32
    })
}

impl Index {
    pub fn new(cat: &Catalog) -> Index {
        use std::collections::HashMap;
        let n = cat.all_items().len();
        let mut ix = Index {
            text: String::new(),
            starts: Vec::with_capacity(n + 1),
            ids: String::new(),
            id_starts: Vec::with_capacity(n + 1),
            packs: Vec::with_capacity(n),
            topics: Vec::with_capacity(n),
            kinds: Vec::with_capacity(n),
            tag_starts: Vec::with_capacity(n + 1),
            tags: Vec::new(),
            pack_names: Vec::new(),
            topic_names: Vec::new(),
            tag_names: Vec::new(),
        };
        let (mut packs, mut topics, mut tags) = (HashMap::new(), HashMap::new(), HashMap::new());
        for (r, key) in cat.entries() {
            let pack = cat.pack(r);
            let card = cat.card(r);
            let title = pack
                .topic(&card.topic)
                .map_or_else(String::new, |t| t.title.clone());
            ix.starts.push(ix.text.len());
            let mut text = card_text(card);
            for part in [key.item.as_str(), &card.topic, &title] {
                text.push('\n');
                text.push_str(part);
            }
            for tag in &card.tags {
                text.push('\n');
                text.push_str(tag);
            }
            ix.text.push_str(&text.to_lowercase().replace('\0', " "));
            ix.text.push('\0');
            ix.id_starts.push(ix.ids.len());
            ix.ids.push_str(&key.item.to_lowercase());
            ix.ids.push('\0');
            ix.packs.push(intern(
                &mut ix.pack_names,
                &mut packs,
                key.pack.to_lowercase(),
            ));
            let topic = format!("{}\n{}", card.topic, title).to_lowercase();
            ix.topics
                .push(intern(&mut ix.topic_names, &mut topics, topic));
            ix.kinds.push(item_kind(card, r.face).label());
            ix.tag_starts.push(ix.tags.len());
            for tag in &card.tags {
                let t = intern(&mut ix.tag_names, &mut tags, tag.to_lowercase());
                ix.tags.push(t);
            }
        }
        ix.starts.push(ix.text.len());
        ix.id_starts.push(ix.ids.len());
        ix.tag_starts.push(ix.tags.len());
        ix
    }

    /// The positions (in catalog order) of the items that match. `state` gives each item's
    /// state by position.
    pub fn search<'a>(
        &self,
        q: &Query,
        state: impl Fn(usize) -> ItemState<'a>,
        now: DateTime<Utc>,
        day_end: DateTime<Utc>,
    ) -> Vec<usize> {
        let n = self.kinds.len();
        let mut keep = vec![true; n];
        // Words and ids: one substring search each over all the text.
        let narrow = |keep: &mut [bool], found: Vec<usize>| {
            let mut hit = vec![false; n];
            for i in found {
                hit[i] = true;
            }
            for (k, h) in keep.iter_mut().zip(hit) {
                *k &= h;
            }
        };
        // The longest word first (likely the rarest); once few cards are left, the others
        // are looked for in those cards only.
        let mut words: Vec<&String> = q.words.iter().collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let mut left = n;
        for w in words {
            if left > n / 16 {
                narrow(&mut keep, parts_containing(&self.text, &self.starts, w));
            } else {
                let finder = memchr::memmem::Finder::new(w.as_bytes());
                for (i, k) in keep.iter_mut().enumerate().filter(|(_, k)| **k) {
                    let part = &self.text.as_bytes()[self.starts[i]..self.starts[i + 1]];
                    *k = finder.find(part).is_some();
                }
            }
            left = keep.iter().filter(|k| **k).count();
        }
        if let Some(id) = &q.id {
            narrow(&mut keep, parts_containing(&self.ids, &self.id_starts, id));
        }
        // Packs, topics and tags: which of the few names match, then one number per item.
        let named = |names: &[String], want: &dyn Fn(&str) -> bool| -> Vec<bool> {
            names.iter().map(|n| want(n)).collect()
        };
        let packs = q
            .pack
            .as_ref()
            .map(|p| named(&self.pack_names, &|n| n == p));
        let topics = q
            .topic
            .as_ref()
            .map(|t| named(&self.topic_names, &|n| n.contains(t.as_str())));
        let tags = q.tag.as_ref().map(|t| named(&self.tag_names, &|n| n == t));
        (0..n)
            .filter(|&i| {
                keep[i]
                    && packs.as_ref().is_none_or(|p| p[self.packs[i] as usize])
                    && topics.as_ref().is_none_or(|t| t[self.topics[i] as usize])
                    && q.kind.as_ref().is_none_or(|k| self.kinds[i] == k)
                    && tags.as_ref().is_none_or(|t| {
                        self.tags[self.tag_starts[i]..self.tag_starts[i + 1]]
                            .iter()
                            .any(|tag| t[*tag as usize])
                    })
                    && (q.states.is_empty() || {
                        let s = state(i);
                        q.states.iter().all(|f| s.is(*f, now, day_end))
                    })
            })
            .collect()
    }
}

/// Everything a card says: its question, answers, options and explanation.
fn card_text(card: &Card) -> String {
    let mut parts: Vec<&str> = Vec::new();
    match &card.body {
        CardBody::Basic { front, back, .. } => parts.extend([front.as_str(), back.as_str()]),
        CardBody::Cloze { text } => {
            return format!("{}\n{}", text.plain(), card.explain);
        }
        CardBody::Choice {
            question, options, ..
        }
        | CardBody::Multi {
            question, options, ..
        } => {
            parts.push(question);
            for o in options {
                parts.extend([o.text.as_str(), o.why.as_str()]);
            }
        }
        CardBody::Typed { question, answers } => {
            parts.push(question);
            parts.extend(answers.iter().map(String::as_str));
        }
        CardBody::TrueFalse { statement, .. } => parts.push(statement),
    }
    parts.push(&card.explain);
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_words_fields_and_states() {
        let q = Query::parse("Fargate is:due TOPIC:Logging tag:exam kind:typed id:aws pack:p")
            .expect("query");
        assert_eq!(q.words, vec!["fargate"]);
        assert_eq!(q.states, vec![StateFilter::Due]);
        assert_eq!(q.topic.as_deref(), Some("logging"));
        assert_eq!(
            (q.tag.as_deref(), q.kind.as_deref(), q.id.as_deref()),
            (Some("exam"), Some("typed"), Some("aws"))
        );
        assert_eq!(q.pack.as_deref(), Some("p"));
        let err = Query::parse("is:sleeping").expect_err("unknown state");
        assert!(err.contains("suspended"), "{err}");
        assert!(Query::parse("").expect("empty").is_empty());
        assert_eq!(
            Query::parse("awsvpc:").expect("word").words,
            vec!["awsvpc:"]
        );
        assert!(Query::parse("is:").expect("being typed").is_empty());
    }
}
