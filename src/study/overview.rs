//! Home's figures: what is due today in every pack and topic, when each one's next card is
//! due, today's answers and the streak. Counted in one pass over the catalog's items (keys
//! built once), by the rules of today's queue, with each pack's daily limits applied to
//! whatever set of topics is asked about.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::catalog::{Catalog, Node};
use crate::srs::queue::{CardDue, Counts, DailyLimits, DayClock, DoneToday, item_due};
use crate::store::{Store, StoreError, TodayStats};

/// Before the daily limits: what one topic holds today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Raw {
    learning: u32,
    reviews: u32,
    new: u32,
    next_due: Option<DateTime<Utc>>,
}

/// Home's figures at one moment.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// `[pack][topic]`.
    topics: Vec<Vec<Raw>>,
    /// Per pack: its limits and what was done today.
    limits: Vec<(DailyLimits, DoneToday)>,
    pub today: TodayStats,
    pub streak: u32,
}

impl Overview {
    /// Read the store and count.
    pub fn load(
        cat: &Catalog,
        store: &Store,
        now: DateTime<Utc>,
        day: DayClock,
    ) -> Result<Overview, StoreError> {
        let packs = cat.packs();
        let state = store.day_state(packs.iter().map(|p| p.id()), now, day)?;
        let day_end = day.day_end(now);
        let mut topics = Vec::with_capacity(packs.len());
        let mut limits = Vec::with_capacity(packs.len());
        for (p, pack) in packs.iter().enumerate() {
            let settings = store.pack_settings(pack.id())?;
            let done = state.done_today.get(pack.id()).copied().unwrap_or_default();
            limits.push((settings.limits, done));
            let mut raws = Vec::with_capacity(pack.topics.len());
            for t in 0..pack.topics.len() {
                let node = Node::Topic(p, t);
                let (items, keys) = (cat.items(node), cat.keys(node));
                let mut raw = Raw::default();
                let mut start = 0;
                // The items of one card are next to each other.
                while start < items.len() {
                    let card = items[start].card;
                    let end = items[start..]
                        .iter()
                        .position(|r| r.card != card)
                        .map_or(items.len(), |n| start + n);
                    let siblings = &keys[start..end];
                    let due = CardDue::of(
                        siblings,
                        &state.progress,
                        &state.answered_today,
                        now,
                        day_end,
                    );
                    raw.learning += due.learning;
                    raw.reviews += u32::from(due.review);
                    raw.new += u32::from(due.new);
                    for key in siblings {
                        let next = state.progress.get(key).and_then(item_due);
                        if let Some(next) = next.filter(|d| *d > now) {
                            raw.next_due = Some(raw.next_due.map_or(next, |n| n.min(next)));
                        }
                    }
                    start = end;
                }
                raws.push(raw);
            }
            topics.push(raws);
        }
        Ok(Overview {
            topics,
            limits,
            today: store.today(now, day)?,
            streak: store.streak(now, day)?,
        })
    }

    /// The topics the nodes cover, each once.
    fn covered(&self, nodes: &[Node]) -> BTreeSet<(usize, usize)> {
        let mut out = BTreeSet::new();
        for node in nodes {
            match *node {
                Node::Pack(p) => {
                    let n = self.topics.get(p).map_or(0, Vec::len);
                    out.extend((0..n).map(|t| (p, t)));
                }
                Node::Topic(p, t) => {
                    if self.topics.get(p).is_some_and(|ts| t < ts.len()) {
                        out.insert((p, t));
                    }
                }
            }
        }
        out
    }

    /// Today's counts over the nodes (each pack's daily limits applied once).
    pub fn counts_of(&self, nodes: &[Node]) -> Counts {
        let mut per_pack: Vec<(u32, u32, u32)> = vec![(0, 0, 0); self.topics.len()];
        for (p, t) in self.covered(nodes) {
            let raw = self.topics[p][t];
            let sum = &mut per_pack[p];
            sum.0 += raw.learning;
            sum.1 += raw.reviews;
            sum.2 += raw.new;
        }
        let mut total = Counts::default();
        for (p, (learning, reviews, new)) in per_pack.into_iter().enumerate() {
            let (limits, done) = self.limits[p];
            let c = Counts::within_limits(learning, reviews, new, limits, done);
            total.learning += c.learning;
            total.review += c.review;
            total.new += c.new;
        }
        total
    }

    /// Today's counts of one node.
    pub fn counts(&self, node: Node) -> Counts {
        self.counts_of(&[node])
    }

    /// Today's counts over every pack.
    pub fn total(&self) -> Counts {
        let all: Vec<Node> = (0..self.topics.len()).map(Node::Pack).collect();
        self.counts_of(&all)
    }

    /// When the next card of the nodes is due (after the moment of counting), if any is
    /// scheduled.
    pub fn next_due_of(&self, nodes: &[Node]) -> Option<DateTime<Utc>> {
        self.covered(nodes)
            .into_iter()
            .filter_map(|(p, t)| self.topics[p][t].next_due)
            .min()
    }

    /// When the next card of any pack is due.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        let all: Vec<Node> = (0..self.topics.len()).map(Node::Pack).collect();
        self.next_due_of(&all)
    }
}
