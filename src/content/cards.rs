//! A pack's cards: held whole in memory (loaded from source), or, when they come from the
//! compiled-pack cache, as a small head per card (id, topic, kind and study items: what
//! Home, the catalog and the queues need) with the texts left in the cache file and decoded a
//! chunk at a time when a card is first shown, browsed or searched.
//!
//! The cache file stays open, so the texts read later are those of the file whose checksum
//! was verified at the start (deckhand replaces the cache by renaming a new file over it,
//! never by writing into it). Each chunk's bytes are checked against the hash taken at the
//! start before they are decoded; a chunk that no longer matches, or does not decode, is
//! taken from the pack's source instead: a broken cache is never trusted.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::{AnswerOption, Card, CardBody, CardKind, ClozeText, Face, Location, Origin, Segment};

/// Cards per chunk of texts.
pub(super) const CHUNK: usize = 512;

/// The cards of a pack, in file order.
#[derive(Clone)]
pub struct Cards(Repr);

#[derive(Clone)]
enum Repr {
    Loaded(Vec<Card>),
    Lazy(Arc<Lazy>),
}

/// What a card's head says: enough to list its study items and group it, without its texts.
#[derive(Debug, Clone, Copy)]
pub struct CardHead<'a> {
    pub id: &'a str,
    pub topic: &'a str,
    pub kind: CardKind,
    shape: Shape<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Shape<'a> {
    Front,
    Reverse,
    Deletions(&'a [u32]),
    Cloze(&'a ClozeText),
}

impl CardHead<'_> {
    /// The card's study items ([`Card::faces`]).
    pub fn faces(&self) -> Vec<Face> {
        match self.shape {
            Shape::Front => vec![Face::Front],
            Shape::Reverse => vec![Face::Front, Face::Reverse],
            Shape::Deletions(ns) => ns.iter().map(|&n| Face::Cloze(n)).collect(),
            Shape::Cloze(text) => text.numbers().into_iter().map(Face::Cloze).collect(),
        }
    }

    /// The id progress is stored under for one face ([`Card::item_id`]).
    pub fn item_id(&self, face: Face) -> String {
        super::item_id(self.id, face)
    }
}

impl<'a> From<&'a Card> for CardHead<'a> {
    fn from(card: &'a Card) -> Self {
        let shape = match &card.body {
            CardBody::Basic { reverse: true, .. } => Shape::Reverse,
            CardBody::Cloze { text } => Shape::Cloze(text),
            _ => Shape::Front,
        };
        CardHead {
            id: &card.id,
            topic: &card.topic,
            kind: card.body.kind(),
            shape,
        }
    }
}

impl Cards {
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Loaded(cards) => cards.len(),
            Repr::Lazy(lazy) => lazy.heads.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Card `i`, its texts read from the cache if they were not yet.
    pub fn get(&self, i: usize) -> Option<&Card> {
        match &self.0 {
            Repr::Loaded(cards) => cards.get(i),
            Repr::Lazy(lazy) => lazy.card(i),
        }
    }

    /// The head of card `i`, never reading texts.
    pub fn head(&self, i: usize) -> Option<CardHead<'_>> {
        match &self.0 {
            Repr::Loaded(cards) => cards.get(i).map(CardHead::from),
            Repr::Lazy(lazy) => lazy.head(i),
        }
    }

    /// Every card's head, in order, never reading texts.
    pub fn heads(&self) -> impl Iterator<Item = CardHead<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.head(i))
    }

    /// Every card, in order (reading the texts of those not read yet).
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            cards: self,
            next: 0,
            end: self.len(),
        }
    }

    /// The position of the card with this id, never reading texts.
    pub fn position(&self, id: &str) -> Option<usize> {
        match &self.0 {
            Repr::Loaded(cards) => cards.iter().position(|c| c.id == id),
            Repr::Lazy(lazy) => lazy.heads.iter().position(|h| &*h.id == id),
        }
    }

    /// The cards as a plain list (reading every text).
    pub fn to_vec(&self) -> Vec<Card> {
        self.iter().cloned().collect()
    }

    /// Whether the texts are read on demand (the cards came from the cache).
    pub fn is_lazy(&self) -> bool {
        matches!(self.0, Repr::Lazy(_))
    }
}

impl std::ops::Index<usize> for Cards {
    type Output = Card;

    fn index(&self, i: usize) -> &Card {
        match &self.0 {
            Repr::Loaded(cards) => &cards[i],
            Repr::Lazy(lazy) => match lazy.card(i) {
                Some(card) => card,
                None => panic!("card {i} of a pack of {}", lazy.heads.len()),
            },
        }
    }
}

impl std::fmt::Debug for Cards {
    /// As a list of the cards (the texts read), like the `Vec<Card>` it stands for.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Cards {
    /// The same cards, texts and all.
    fn eq(&self, other: &Cards) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Default for Cards {
    fn default() -> Self {
        Cards(Repr::Loaded(Vec::new()))
    }
}

impl From<Vec<Card>> for Cards {
    fn from(cards: Vec<Card>) -> Self {
        Cards(Repr::Loaded(cards))
    }
}

impl FromIterator<Card> for Cards {
    fn from_iter<I: IntoIterator<Item = Card>>(iter: I) -> Self {
        Cards(Repr::Loaded(iter.into_iter().collect()))
    }
}

impl<'a> IntoIterator for &'a Cards {
    type Item = &'a Card;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The cards of a pack in order: see [`Cards::iter`].
#[derive(Clone)]
pub struct Iter<'a> {
    cards: &'a Cards,
    next: usize,
    end: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Card;

    fn next(&mut self) -> Option<&'a Card> {
        if self.next >= self.end {
            return None;
        }
        self.next += 1;
        self.cards.get(self.next - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<&'a Card> {
        self.next = self.next.saturating_add(n).min(self.end);
        self.next()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.next >= self.end {
            return None;
        }
        self.end -= 1;
        self.cards.get(self.end)
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// A card's head as the cache holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Head {
    id: Box<str>,
    /// Index into the pack's list of topic names.
    topic: u32,
    kind: CardKind,
    reverse: bool,
    /// The deletion numbers of a cloze card.
    cloze: Box<[u32]>,
}

/// Where a chunk's texts are in the cache file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(super) struct ChunkAt {
    pub(super) at: u64,
    pub(super) len: u32,
    pub(super) hash: u64,
}

/// The heads of a pack's cards and the topic names they use, as written to the cache.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Heads {
    pub(super) topics: Vec<Box<str>>,
    pub(super) heads: Vec<Head>,
}

impl Heads {
    /// The heads of `cards`.
    pub(super) fn of(cards: &Cards) -> Heads {
        let mut out = Heads::default();
        for card in cards {
            let topic = match out.topics.iter().rposition(|t| **t == *card.topic) {
                Some(t) => t,
                None => {
                    out.topics.push(card.topic.as_str().into());
                    out.topics.len() - 1
                }
            };
            let head = CardHead::from(card);
            let cloze = match &card.body {
                CardBody::Cloze { text } => text.numbers().into(),
                _ => Box::default(),
            };
            out.heads.push(Head {
                id: card.id.as_str().into(),
                topic: topic as u32,
                kind: head.kind,
                reverse: matches!(head.shape, Shape::Reverse),
                cloze,
            });
        }
        out
    }

    /// Whether every head names a topic of the list.
    pub(super) fn sound(&self) -> bool {
        self.heads
            .iter()
            .all(|h| (h.topic as usize) < self.topics.len())
    }
}

/// The open cache file the texts are read from, shared by every pack of one load.
pub(super) type CacheFile = Arc<Mutex<File>>;

/// Cards whose texts are read from the cache on demand.
pub(super) struct Lazy {
    topics: Vec<Box<str>>,
    heads: Vec<Head>,
    chunks: Vec<(ChunkAt, OnceLock<Box<[Card]>>)>,
    /// The names of the pack's files, shared by the cards read (as after a load from source).
    files: Vec<Arc<str>>,
    file: CacheFile,
    /// The pack's id and origin, to read a chunk from source when the cache fails.
    pack: String,
    origin: Origin,
    /// The pack as its source has it now, once a chunk had to be read from there.
    source: OnceLock<Option<Box<super::Pack>>>,
}

impl Cards {
    /// Cards read from `file` on demand: `heads` of every card, `chunks` where each
    /// [`CHUNK`] of their texts is.
    pub(super) fn lazy(
        heads: Heads,
        chunks: Vec<ChunkAt>,
        files: Vec<Arc<str>>,
        file: CacheFile,
        pack: String,
        origin: Origin,
    ) -> Cards {
        Cards(Repr::Lazy(Arc::new(Lazy {
            topics: heads.topics,
            heads: heads.heads,
            chunks: chunks.into_iter().map(|c| (c, OnceLock::new())).collect(),
            files,
            file,
            pack,
            origin,
            source: OnceLock::new(),
        })))
    }
}

impl Lazy {
    fn head(&self, i: usize) -> Option<CardHead<'_>> {
        let h = self.heads.get(i)?;
        let shape = match h.kind {
            CardKind::Cloze => Shape::Deletions(&h.cloze),
            CardKind::Basic if h.reverse => Shape::Reverse,
            _ => Shape::Front,
        };
        Some(CardHead {
            id: &h.id,
            topic: self.topics.get(h.topic as usize).map_or("", |t| t),
            kind: h.kind,
            shape,
        })
    }

    fn card(&self, i: usize) -> Option<&Card> {
        let (at, cell) = self.chunks.get(i / CHUNK)?;
        let cards = cell.get_or_init(|| self.read(i / CHUNK, at));
        cards.get(i % CHUNK)
    }

    /// The cards of chunk `c`: from the cache, or from source if the cache fails.
    fn read(&self, c: usize, at: &ChunkAt) -> Box<[Card]> {
        let heads = &self.heads[(c * CHUNK).min(self.heads.len())..];
        let heads = &heads[..heads.len().min(CHUNK)];
        let mut cards = match self.read_cache(at) {
            Ok(cards)
                if cards.len() == heads.len()
                    && cards.iter().zip(heads).all(|(c, h)| *c.id == *h.id) =>
            {
                cards
            }
            _ => self.read_source(heads),
        };
        for card in &mut cards {
            share_name(&self.files, &mut card.location);
        }
        cards.into_boxed_slice()
    }

    fn read_cache(&self, at: &ChunkAt) -> Result<Vec<Card>, String> {
        let mut bytes = vec![0u8; at.len as usize];
        {
            let mut file = self.file.lock().map_err(|e| e.to_string())?;
            file.seek(SeekFrom::Start(at.at))
                .map_err(|e| e.to_string())?;
            file.read_exact(&mut bytes).map_err(|e| e.to_string())?;
        }
        if xxhash_rust::xxh3::xxh3_64(&bytes) != at.hash {
            return Err("the cache changed".into());
        }
        decode_chunk(&bytes)
    }

    /// The chunk's cards as the pack's source has them now; a card no longer there (the
    /// source changed since the start) keeps its place with a note saying so.
    fn read_source(&self, heads: &[Head]) -> Vec<Card> {
        let pack = self.source.get_or_init(|| {
            let library = match &self.origin {
                Origin::Builtin => super::load_builtin(),
                Origin::Path(path) => super::load_path(path),
                Origin::Generated => super::Library::default(),
            };
            library
                .packs
                .into_iter()
                .find(|p| p.id() == self.pack)
                .map(Box::new)
        });
        heads
            .iter()
            .map(|h| {
                pack.as_ref()
                    .and_then(|p| p.card(&h.id))
                    .cloned()
                    .unwrap_or_else(|| self.unreadable(h))
            })
            .collect()
    }

    /// A stand-in for a card whose text can no longer be read: its items stay the same.
    fn unreadable(&self, h: &Head) -> Card {
        let note = format!(
            "The text of card `{}` could not be read (the pack changed or the pack cache was \
             damaged since deckhand started). Restart deckhand to read it again.",
            h.id
        );
        let options = || {
            vec![AnswerOption {
                text: note.clone(),
                why: String::new(),
            }]
        };
        let body = match h.kind {
            CardKind::Basic => CardBody::Basic {
                front: note.clone(),
                back: note.clone(),
                reverse: h.reverse,
            },
            CardKind::Cloze => CardBody::Cloze {
                text: ClozeText {
                    segments: std::iter::once(Segment::Text(format!("{note} ")))
                        .chain(h.cloze.iter().map(|&n| Segment::Deletion {
                            n,
                            answer: "?".into(),
                            hint: None,
                        }))
                        .collect(),
                },
            },
            CardKind::Choice => CardBody::Choice {
                question: note.clone(),
                options: options(),
                answer: 0,
            },
            CardKind::Multi => CardBody::Multi {
                question: note.clone(),
                options: options(),
                answers: vec![0],
            },
            CardKind::Typed => CardBody::Typed {
                question: note.clone(),
                answers: vec!["?".into()],
            },
            CardKind::TrueFalse => CardBody::TrueFalse {
                statement: note.clone(),
                answer: true,
            },
        };
        Card {
            id: h.id.to_string(),
            topic: self
                .topics
                .get(h.topic as usize)
                .map_or_else(String::new, |t| t.to_string()),
            tags: Vec::new(),
            refs: Vec::new(),
            explain: note,
            diagram: None,
            diagram_after: false,
            sim: None,
            replaces: Vec::new(),
            body,
            location: Location {
                file: self.files.first().cloned().unwrap_or_else(|| "".into()),
                line: 0,
            },
        }
    }
}

/// A record of cards: their count, then each card.
pub(super) fn decode_chunk(bytes: &[u8]) -> Result<Vec<Card>, String> {
    let bad = |e: postcard::Error| format!("does not decode: {e}");
    let (count, mut rest) = postcard::take_from_bytes::<usize>(bytes).map_err(bad)?;
    if count == 0 || count > CHUNK {
        return Err(format!("a chunk of {count} cards"));
    }
    let mut cards = Vec::with_capacity(count);
    for _ in 0..count {
        let (card, after) = postcard::take_from_bytes::<Card>(rest).map_err(bad)?;
        cards.push(card);
        rest = after;
    }
    if rest.is_empty() {
        Ok(cards)
    } else {
        Err("a chunk of cards with bytes after them".into())
    }
}

/// A location names its file with the pack's shared name (decoding gave each its own).
pub(super) fn share_name(names: &[Arc<str>], location: &mut Location) {
    if let Some(name) = names.iter().find(|n| ***n == *location.file) {
        location.file = name.clone();
    }
}
