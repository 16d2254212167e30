//! The index over the loaded library: every study item once, with its key, in teaching order
//! (the pack's topic order, then the cards' order in their files), grouped by pack and topic
//! into the tree Home shows.

use std::collections::HashMap;
use std::ops::Range;

use crate::content::{Card, CardBody, CardHead, CardKind, Face, Library, Pack};
use crate::srs::queue::ItemKey;
use crate::store::ItemKind;

/// One study item of the library: pack index, card index, face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub pack: usize,
    pub card: usize,
    pub face: Face,
}

/// A node of the topic tree: a pack, or one topic of a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Pack(usize),
    Topic(usize, usize),
}

/// The library with its indexes.
#[derive(Debug)]
pub struct Catalog {
    pub library: Library,
    /// Every item in teaching order; each topic's items are one run.
    items: Vec<ItemRef>,
    /// Per pack: its items by the hash of their ids. The ids themselves are not held: an
    /// item's id is its card's id (in the card's head) and its face's suffix.
    index: Vec<IdTable>,
    /// Pack id to pack index.
    pack_index: HashMap<String, usize>,
    /// `[pack][topic]`: the run of `items` of that topic.
    topics: Vec<Vec<Range<usize>>>,
}

impl Catalog {
    pub fn new(library: Library) -> Self {
        let mut items = Vec::new();
        let mut topics = Vec::with_capacity(library.packs.len());
        for (p, pack) in library.packs.iter().enumerate() {
            let index: HashMap<&str, usize> = pack
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), i))
                .collect();
            let mut per_topic: Vec<Vec<ItemRef>> = vec![Vec::new(); pack.topics.len()];
            // The cards' heads only: their texts stay unread until a card is shown.
            for (c, card) in pack.cards.heads().enumerate() {
                if let Some(&t) = index.get(card.topic) {
                    per_topic[t].extend(card.faces().into_iter().map(|face| ItemRef {
                        pack: p,
                        card: c,
                        face,
                    }));
                }
            }
            let mut runs = Vec::with_capacity(per_topic.len());
            for topic in per_topic {
                let start = items.len();
                items.extend(topic);
                runs.push(start..items.len());
            }
            topics.push(runs);
        }
        let mut hashes = vec![Vec::new(); library.packs.len()];
        let mut id = String::new();
        for (i, r) in items.iter().enumerate() {
            if let Some(head) = library.packs[r.pack].cards.head(r.card) {
                id.clear();
                id.push_str(head.id);
                r.face.push_suffix(&mut id);
                hashes[r.pack].push((id_hash(&id), i));
            }
        }
        let index = hashes.iter().map(|h| IdTable::new(h)).collect();
        let pack_index = library
            .packs
            .iter()
            .enumerate()
            .map(|(p, pack)| (pack.id().to_string(), p))
            .collect();
        Catalog {
            library,
            items,
            index,
            pack_index,
            topics,
        }
    }

    pub fn packs(&self) -> &[Pack] {
        &self.library.packs
    }

    pub fn pack(&self, r: ItemRef) -> &Pack {
        &self.library.packs[r.pack]
    }

    pub fn card(&self, r: ItemRef) -> &Card {
        &self.library.packs[r.pack].cards[r.card]
    }

    /// The head of an item's card (its id, topic and kind), without reading its texts.
    pub fn head(&self, r: ItemRef) -> CardHead<'_> {
        match self.library.packs[r.pack].cards.head(r.card) {
            Some(head) => head,
            None => panic!("item {r:?} outside the library"),
        }
    }

    /// The kind of an item's card.
    pub fn kind(&self, r: ItemRef) -> CardKind {
        self.head(r).kind
    }

    /// The key progress is stored under.
    pub fn key(&self, r: ItemRef) -> ItemKey {
        ItemKey::new(self.pack(r).id(), self.head(r).item_id(r.face))
    }

    /// The item with this key, if the library has it.
    pub fn find(&self, key: &ItemKey) -> Option<ItemRef> {
        self.position(&key.pack, &key.item).map(|i| self.items[i])
    }

    /// The position in [`Catalog::entries`] of item `item` of pack `pack`.
    pub fn position(&self, pack: &str, item: &str) -> Option<usize> {
        let p = *self.pack_index.get(pack)?;
        self.index[p].find(id_hash(item), |i| {
            let r = self.items[i];
            item.strip_prefix(self.head(r).id)
                .is_some_and(|rest| r.face.is_suffix(rest))
        })
    }

    /// Every item and its key, in teaching order.
    pub fn entries(&self) -> impl Iterator<Item = (ItemRef, ItemKey)> + '_ {
        self.items.iter().map(|&r| (r, self.key(r)))
    }

    /// The key of the item at a position of [`Catalog::entries`].
    pub fn key_at(&self, position: usize) -> ItemKey {
        self.key(self.items[position])
    }

    /// The positions in [`Catalog::entries`] of a node's items.
    pub fn range(&self, node: Node) -> Range<usize> {
        let runs = |p: usize| self.topics.get(p).map_or(&[][..], Vec::as_slice);
        match node {
            Node::Pack(p) => {
                let runs = runs(p);
                match (runs.first(), runs.last()) {
                    (Some(a), Some(b)) => a.start..b.end,
                    _ => 0..0,
                }
            }
            Node::Topic(p, t) => runs(p).get(t).cloned().unwrap_or(0..0),
        }
    }

    /// The items of a node, in teaching order.
    pub fn items(&self, node: Node) -> &[ItemRef] {
        &self.items[self.range(node)]
    }

    /// The keys of a node's items.
    pub fn keys(&self, node: Node) -> Vec<ItemKey> {
        self.items(node).iter().map(|&r| self.key(r)).collect()
    }

    /// Every item of every pack.
    pub fn all_items(&self) -> &[ItemRef] {
        &self.items
    }

    /// Every item's key.
    pub fn all_keys(&self) -> Vec<ItemKey> {
        self.items.iter().map(|&r| self.key(r)).collect()
    }

    /// How many items a topic has.
    pub fn topic_len(&self, pack: usize, topic: usize) -> usize {
        self.range(Node::Topic(pack, topic)).len()
    }

    /// The items of the nodes, each once, in teaching order: a review introduces new cards
    /// in this order.
    pub fn selection(&self, nodes: &[Node]) -> Vec<ItemRef> {
        let mut ranges: Vec<Range<usize>> = nodes.iter().map(|n| self.range(*n)).collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut out = Vec::new();
        let mut upto = 0;
        for r in ranges {
            let start = r.start.max(upto);
            if start < r.end {
                out.extend_from_slice(&self.items[start..r.end]);
                upto = r.end;
            }
        }
        out
    }

    /// The title of a node.
    pub fn title(&self, node: Node) -> &str {
        match node {
            Node::Pack(p) => &self.packs()[p].manifest.title,
            Node::Topic(p, t) => &self.packs()[p].topics[t].title,
        }
    }
}

/// An open-addressing table from the hash of an item id to the item's position: one probe
/// (and one comparison of ids) for most lookups, which matters when Home reads the progress of
/// every item at the start.
#[derive(Debug, Default)]
struct IdTable {
    /// (the hash's high 32 bits, position + 1); 0 marks an empty slot. Never more than half
    /// full.
    slots: Vec<(u32, u32)>,
}

impl IdTable {
    fn new(entries: &[(u64, usize)]) -> IdTable {
        let size = (entries.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(0u32, 0u32); size];
        for &(hash, i) in entries {
            let mut s = hash as usize & (size - 1);
            while slots[s].1 != 0 {
                s = (s + 1) & (size - 1);
            }
            slots[s] = ((hash >> 32) as u32, i as u32 + 1);
        }
        IdTable { slots }
    }

    /// The first position with this hash that `is` accepts.
    fn find(&self, hash: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut s = hash as usize & mask;
        loop {
            let (high, pos) = self.slots[s];
            if pos == 0 {
                return None;
            }
            if high == (hash >> 32) as u32 && is(pos as usize - 1) {
                return Some(pos as usize - 1);
            }
            s = (s + 1) & mask;
        }
    }
}

/// The hash an item id is indexed under.
fn id_hash(item: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(item.as_bytes())
}

/// The kind of an item, as the review log stores it.
pub fn item_kind(card: &Card, face: Face) -> ItemKind {
    match (&card.body, face) {
        (_, Face::Reverse) => ItemKind::Reverse,
        (CardBody::Basic { .. }, _) => ItemKind::Basic,
        (CardBody::Cloze { .. }, _) => ItemKind::Cloze,
        (CardBody::Choice { .. }, _) => ItemKind::Choice,
        (CardBody::Multi { .. }, _) => ItemKind::Multi,
        (CardBody::Typed { .. }, _) => ItemKind::Typed,
        (CardBody::TrueFalse { .. }, _) => ItemKind::TrueFalse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_found_by_its_key_and_near_misses_are_not() {
        let mut library = crate::content::load_builtin();
        library.packs.push(crate::quiz::predict::generated_pack());
        let cat = Catalog::new(library);
        assert!(cat.all_items().len() > 500);
        let mut kinds = std::collections::HashSet::new();
        for (i, (r, key)) in cat.entries().enumerate() {
            assert_eq!(cat.position(&key.pack, &key.item), Some(i), "{key:?}");
            assert_eq!(cat.find(&key), Some(r));
            assert_eq!(cat.key_at(i), key);
            kinds.insert(std::mem::discriminant(&r.face));
            let card = cat.head(r).id;
            for wrong in [
                format!("{}x", key.item),
                format!("{card}:c"),
                format!("{card}:c0"),
                format!("{card}:reverse:"),
                format!("{}:c01", card),
                card[..card.len() - 1].to_string(),
            ] {
                if let Some(j) = cat.position(&key.pack, &wrong) {
                    assert_eq!(
                        cat.key_at(j).item,
                        wrong,
                        "{wrong} found as {:?}",
                        cat.key_at(j)
                    );
                }
            }
            assert_eq!(cat.position("no-such-pack", &key.item), None);
        }
        assert_eq!(kinds.len(), 3, "fronts, reverses and cloze deletions");
    }
}
