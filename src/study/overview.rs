//! Home's figures: what is due today in every pack and topic, when each one's next card is
//! due, today's answers and the streak. Counted in one pass over the catalog's items, by the
//! rules of today's queue, with each pack's daily limits applied to whatever set of topics is
//! asked about.
//!
//! The progress of every item is kept, in catalog order; a refresh reads again only the items
//! whose progress changed since the last one (the store's log of changes says which, whoever
//! changed them), so refreshing Home after a session stays cheap at 50,000 cards.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::catalog::{Catalog, Node};
use crate::srs::queue::{
    CardDue, Counts, DailyLimits, DayClock, DoneToday, ItemProgress, item_due,
};
use crate::store::{Store, StoreError, TodayStats};

/// The stored progress of every catalog item (`None`: new), in catalog order.
pub fn read_all_progress(
    cat: &Catalog,
    store: &Store,
) -> Result<Vec<Option<ItemProgress>>, StoreError> {
    let mut progress = vec![None; cat.all_items().len()];
    for pack in cat.packs() {
        store.each_progress(pack.id(), |item, p| {
            if let Some(i) = cat.position(pack.id(), item) {
                progress[i] = Some(p);
            }
        })?;
    }
    Ok(progress)
}

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
    /// The stored progress of each catalog item (`None`: new), in catalog order.
    progress: Vec<Option<ItemProgress>>,
    /// Where the store's log of changes stood when `progress` was read.
    mark: Option<i64>,
    /// The streak through yesterday, kept while no answer before today is added: (today's
    /// study day, the newest log row when counted, the streak).
    streak_before: Option<(i64, i64, u32)>,
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
        let mut o = Overview::default();
        o.refresh(cat, store, now, day)?;
        Ok(o)
    }

    /// Count again at `now`, reading only the progress that changed since the last time.
    pub fn refresh(
        &mut self,
        cat: &Catalog,
        store: &Store,
        now: DateTime<Utc>,
        day: DayClock,
    ) -> Result<(), StoreError> {
        self.read_progress(cat, store)?;
        let packs = cat.packs();
        let (done_today, answered_keys) = store.today_answers(now, day)?;
        let mut answered = vec![false; self.progress.len()];
        for key in &answered_keys {
            if let Some(i) = cat.position(&key.pack, &key.item) {
                answered[i] = true;
            }
        }
        let day_end = day.day_end(now);
        let mut topics = Vec::with_capacity(packs.len());
        let mut limits = Vec::with_capacity(packs.len());
        for (p, pack) in packs.iter().enumerate() {
            let settings = store.pack_settings(pack.id())?;
            let done = done_today.get(pack.id()).copied().unwrap_or_default();
            limits.push((settings.limits, done));
            let mut raws = Vec::with_capacity(pack.topics.len());
            for t in 0..pack.topics.len() {
                let range = cat.range(Node::Topic(p, t));
                let items = &cat.all_items()[range.clone()];
                let mut raw = Raw::default();
                let mut start = 0;
                // The items of one card are next to each other.
                while start < items.len() {
                    let card = items[start].card;
                    let end = items[start..]
                        .iter()
                        .position(|r| r.card != card)
                        .map_or(items.len(), |n| start + n);
                    let at = range.start + start..range.start + end;
                    let due = CardDue::of(
                        at.clone().map(|i| (self.progress[i].as_ref(), answered[i])),
                        now,
                        day_end,
                    );
                    raw.learning += due.learning;
                    raw.reviews += u32::from(due.review);
                    raw.new += u32::from(due.new);
                    for i in at {
                        let next = self.progress[i].as_ref().and_then(item_due);
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
        self.topics = topics;
        self.limits = limits;
        self.today = store.today(now, day)?;
        self.streak =
            self.streak_before_today(store, now, day)? + u32::from(self.today.answers > 0);
        Ok(())
    }

    /// Study days in a row with answers, ending yesterday. Days before today only change when
    /// answers from before today are added (an import), so the count is kept until then.
    fn streak_before_today(
        &mut self,
        store: &Store,
        now: DateTime<Utc>,
        day: DayClock,
    ) -> Result<u32, StoreError> {
        let today = day.day_number(now);
        if let Some((counted_on, newest, streak)) = self.streak_before
            && counted_on == today
        {
            let (latest, earliest_added) = store.log_added_since(newest)?;
            let past_unchanged = earliest_added.is_none_or(|t| t >= day.day_start(now));
            if past_unchanged {
                self.streak_before = Some((today, latest, streak));
                return Ok(streak);
            }
        }
        let latest = store.newest_log_row()?;
        let streak = store.streak_ending(today - 1, day)?;
        self.streak_before = Some((today, latest, streak));
        Ok(streak)
    }

    /// Bring the kept progress up to date: only the items changed since the last read, or
    /// everything when the catalog changed or the store's log no longer reaches back.
    fn read_progress(&mut self, cat: &Catalog, store: &Store) -> Result<(), StoreError> {
        let n = cat.all_items().len();
        let changes = match self.mark {
            Some(mark) if self.progress.len() == n => store.changes_since(mark)?,
            _ => None,
        };
        match changes {
            Some((mark, keys)) => {
                for key in keys {
                    if let Some(i) = cat.position(&key.pack, &key.item) {
                        self.progress[i] = store.progress(&key)?;
                    }
                }
                self.mark = Some(mark);
            }
            None => {
                // The mark first: a change made while reading is read again next time.
                let mark = store.change_mark()?;
                self.progress = read_all_progress(cat, store)?;
                self.mark = Some(mark);
            }
        }
        Ok(())
    }

    /// The stored progress of each catalog item as of the last refresh (`None`: new), in
    /// catalog order.
    pub fn progress(&self) -> &[Option<ItemProgress>] {
        &self.progress
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
