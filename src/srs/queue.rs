//! Today's queue and the review session: what to show next, daily limits, sibling burying,
//! leeches and undo. Pure: the store supplies the states ([`QueueInput`]), the caller supplies
//! `now` and the [`DayClock`] (UTC offset and rollover hour).
//!
//! Order of a session: learning cards due now first, then reviews due today (most overdue
//! first) with new cards interleaved evenly among them; learning cards that fall due during
//! the session come back in it. When only learning cards due later remain, the session shows
//! one early if it is due within the learn-ahead window (20 minutes, as Anki), and otherwise
//! says when to come back ([`Next::Wait`]).

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use chrono::{DateTime, FixedOffset, Offset, TimeDelta, Utc};

use crate::srs::{CardState, GradePreview, Rating, Scheduler, SchedulerConfig, State};

/// One study item: a pack id and the item id inside the pack (`ecs-fargate`,
/// `ecs-fargate:reverse`, `lb-types:c2`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey {
    /// Pack id.
    pub pack: String,
    /// Item id within the pack.
    pub item: String,
}

impl ItemKey {
    /// The key of `item` in `pack`.
    pub fn new(pack: impl Into<String>, item: impl Into<String>) -> Self {
        ItemKey {
            pack: pack.into(),
            item: item.into(),
        }
    }

    /// The card this item belongs to (the part of the item id before the first `:`); items of
    /// one card are siblings.
    pub fn card_id(&self) -> &str {
        self.item.split(':').next().unwrap_or(&self.item)
    }
}

/// Card ids (sibling groups) per pack, looked up without allocating.
#[derive(Debug, Clone, Default)]
struct Groups(HashMap<String, HashSet<String>>);

impl Groups {
    fn insert(&mut self, key: &ItemKey) {
        if !self.contains(key) {
            self.0
                .entry(key.pack.clone())
                .or_default()
                .insert(key.card_id().to_owned());
        }
    }

    fn contains(&self, key: &ItemKey) -> bool {
        self.0
            .get(&key.pack)
            .is_some_and(|cards| cards.contains(key.card_id()))
    }
}

/// Everything remembered about one item: its schedule plus the user's flags.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemProgress {
    /// Scheduling state.
    pub card: CardState,
    /// Suspended items are never shown until unsuspended.
    pub suspended: bool,
    /// Tagged as a leech (too many lapses).
    pub leech: bool,
    /// Buried: not shown before this time (the start of the next study day).
    pub buried_until: Option<DateTime<Utc>>,
}

impl ItemProgress {
    /// Whether the item is buried at `now`.
    pub fn is_buried(&self, now: DateTime<Utc>) -> bool {
        self.buried_until.is_some_and(|until| until > now)
    }
}

/// Where study days begin: the user's UTC offset and the rollover hour (04:00 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayClock {
    offset: FixedOffset,
    rollover_hour: u32,
}

impl DayClock {
    /// A clock for a user at `utc_offset_seconds` east of UTC whose day starts at
    /// `rollover_hour` local time (values above 23 are taken as 23; an invalid offset as 0).
    pub fn new(utc_offset_seconds: i32, rollover_hour: u32) -> Self {
        DayClock {
            offset: FixedOffset::east_opt(utc_offset_seconds).unwrap_or(Utc.fix()),
            rollover_hour: rollover_hour.min(23),
        }
    }

    /// The study-day number of `t` (days since 1970-01-01 of the shifted local time).
    pub fn day_number(&self, t: DateTime<Utc>) -> i64 {
        let shifted = t.timestamp() + i64::from(self.offset.local_minus_utc())
            - i64::from(self.rollover_hour) * 3600;
        shifted.div_euclid(86_400)
    }

    /// The instant study day `day` begins.
    pub fn day_start_of(&self, day: i64) -> DateTime<Utc> {
        let secs = day * 86_400 + i64::from(self.rollover_hour) * 3600
            - i64::from(self.offset.local_minus_utc());
        DateTime::from_timestamp(secs, 0).unwrap_or(if secs < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
    }

    /// The instant the study day containing `now` began.
    pub fn day_start(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.day_start_of(self.day_number(now))
    }

    /// The instant the study day containing `now` ends (the next rollover).
    pub fn day_end(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.day_start_of(self.day_number(now) + 1)
    }
}

impl Default for DayClock {
    /// UTC, day starts at 04:00.
    fn default() -> Self {
        DayClock::new(0, 4)
    }
}

/// `now + window`, or the end of representable time (never a panic near chrono's limit).
fn ahead(now: DateTime<Utc>, window: TimeDelta) -> DateTime<Utc> {
    now.checked_add_signed(window)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Daily limits of one pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyLimits {
    /// New items introduced per day (default 20).
    pub new_per_day: u32,
    /// Reviews per day (default 200).
    pub reviews_per_day: u32,
}

impl Default for DailyLimits {
    fn default() -> Self {
        DailyLimits {
            new_per_day: 20,
            reviews_per_day: 200,
        }
    }
}

/// What happens to an item that lapses too often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeechPolicy {
    /// Lapses that make an item a leech (default 8); it is flagged again every half of this
    /// many further lapses (as Anki). 0 turns leech detection off.
    pub threshold: u32,
    /// Whether a leech is also suspended (default yes); otherwise it is only tagged.
    pub suspend: bool,
}

impl Default for LeechPolicy {
    fn default() -> Self {
        LeechPolicy {
            threshold: 8,
            suspend: true,
        }
    }
}

impl LeechPolicy {
    /// Whether reaching `lapses` lapses makes the item a leech.
    pub fn is_leech_at(&self, lapses: u32) -> bool {
        if self.threshold == 0 || lapses < self.threshold {
            return false;
        }
        (lapses - self.threshold).is_multiple_of((self.threshold / 2).max(1))
    }
}

/// Scheduling settings of one pack (all settable per pack).
#[derive(Debug, Clone, PartialEq)]
pub struct PackSettings {
    /// The scheduler (parameters, retention, steps, maximum interval, fuzz).
    pub scheduler: Scheduler,
    /// Daily limits.
    pub limits: DailyLimits,
    /// Leech handling.
    pub leech: LeechPolicy,
}

impl Default for PackSettings {
    fn default() -> Self {
        PackSettings {
            scheduler: Scheduler::new(SchedulerConfig::default())
                .unwrap_or_else(|_| unreachable!("the default scheduler config is valid")),
            limits: DailyLimits::default(),
            leech: LeechPolicy::default(),
        }
    }
}

/// What was already done today in one pack (from the review log).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DoneToday {
    /// New items answered for the first time today.
    pub new: u32,
    /// Answers to Review-state items today.
    pub reviews: u32,
}

/// Everything the queue needs, as read from the store.
#[derive(Debug, Clone, Default)]
pub struct QueueInput {
    /// The items that exist in the packs now, in pack order (new items are introduced in this
    /// order). Progress of items not listed here is kept but not shown.
    pub items: Vec<ItemKey>,
    /// Stored progress by item (items without an entry are new).
    pub progress: HashMap<ItemKey, ItemProgress>,
    /// Counts already done today, by pack id.
    pub done_today: HashMap<String, DoneToday>,
    /// Items answered today (their siblings are buried for the rest of the day).
    pub answered_today: HashSet<ItemKey>,
}

/// Which part of the queue an item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueueKind {
    /// Never answered.
    New,
    /// In learning or relearning steps.
    Learning,
    /// Review due today.
    Review,
}

/// The session's answer to "what next?".
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// Show this item.
    Card {
        /// The item.
        key: ItemKey,
        /// Which queue it came from.
        kind: QueueKind,
    },
    /// Only learning items remain, due later today; the earliest is due at this time.
    Wait(DateTime<Utc>),
    /// Nothing left today.
    Done,
}

/// Items left in a session or due in a pack, by queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// New items that will be introduced today (within the daily limit).
    pub new: u32,
    /// Learning/relearning items due today.
    pub learning: u32,
    /// Review items due today (within the daily limit).
    pub review: u32,
}

impl Counts {
    /// All three added up.
    pub fn total(&self) -> u32 {
        self.new + self.learning + self.review
    }
}

/// The result of grading one item: what to store, and what the session applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    /// The item.
    pub key: ItemKey,
    /// The final grade.
    pub rating: Rating,
    /// The time of the answer.
    pub at: DateTime<Utc>,
    /// Progress before the answer (restored by undo).
    pub before: ItemProgress,
    /// Progress after the answer.
    pub after: ItemProgress,
    /// Whether this answer made the item a leech (tagged, and suspended if the policy says so).
    pub became_leech: bool,
    /// The queue the item was in.
    pub kind: QueueKind,
}

/// A review session over today's queue. Build it with [`Session::new`] from the store's
/// [`QueueInput`]; then loop: [`Session::next`], show the item with
/// [`Session::preview`] on the grade buttons, [`Session::grade`], commit the [`Graded`] to the
/// store, and [`Session::apply`] it. The session is a plain value: undo keeps a copy from
/// before an action and puts it back, which restores the queue exactly.
#[derive(Debug, Clone)]
pub struct Session {
    settings: HashMap<String, PackSettings>,
    default_settings: PackSettings,
    progress: HashMap<ItemKey, ItemProgress>,
    learning: BTreeSet<(DateTime<Utc>, ItemKey)>,
    main: VecDeque<(ItemKey, QueueKind)>,
    current: Option<(ItemKey, QueueKind)>,
    shown_groups: Groups,
    day_end: DateTime<Utc>,
    learn_ahead: TimeDelta,
}

impl Session {
    /// Today's queue at `now`. `settings` holds per-pack settings; packs not in it use the
    /// defaults.
    pub fn new(
        input: QueueInput,
        settings: HashMap<String, PackSettings>,
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Session {
        let day_end = clock.day_end(now);
        let default_settings = PackSettings::default();
        let mut answered_groups = Groups::default();
        for key in &input.answered_today {
            answered_groups.insert(key);
        }

        let mut learning = BTreeSet::new();
        let mut reviews: Vec<(DateTime<Utc>, ItemKey)> = Vec::new();
        let mut new_items: Vec<ItemKey> = Vec::new();
        let mut progress = HashMap::new();
        let mut seen = HashSet::with_capacity(input.items.len());
        let fresh = ItemProgress::default();
        for key in &input.items {
            if !seen.insert(key) {
                continue;
            }
            let p = input.progress.get(key).unwrap_or(&fresh);
            if p.suspended || p.is_buried(now) {
                continue;
            }
            let due = p.card.due;
            // One item per card a day: a card answered today offers no review or new item.
            let answered_card = answered_groups.contains(key);
            match p.card.state {
                State::Learning | State::Relearning => match due {
                    Some(due) if due < day_end => {
                        learning.insert((due, key.clone()));
                    }
                    _ => continue,
                },
                State::Review => match due {
                    Some(due) if due < day_end && !answered_card => {
                        reviews.push((due, key.clone()))
                    }
                    _ => continue,
                },
                State::New if !answered_card => new_items.push(key.clone()),
                State::New => continue,
            }
            progress.insert(key.clone(), p.clone());
        }

        reviews.sort();
        // One item per card a day: a second sibling (the reverse side, another cloze
        // deletion) waits for another day, so it does not take a place in today's limits.
        let mut gathered = Groups::default();
        for (_, key) in &learning {
            gathered.insert(key);
        }
        let mut first_of_card = |key: &ItemKey| {
            let first = !gathered.contains(key);
            gathered.insert(key);
            first
        };
        reviews.retain(|(_, k)| first_of_card(k));
        new_items.retain(|k| first_of_card(k));
        let limit = |pack: &str, f: fn(&PackSettings, DoneToday) -> u32| {
            let s = settings.get(pack).unwrap_or(&default_settings);
            f(s, input.done_today.get(pack).copied().unwrap_or_default())
        };
        let reviews = take_per_pack(reviews.into_iter().map(|(_, k)| k), |pack| {
            limit(pack, |s, d| {
                s.limits.reviews_per_day.saturating_sub(d.reviews)
            })
        });
        let new_items = take_per_pack(new_items.into_iter(), |pack| {
            limit(pack, |s, d| s.limits.new_per_day.saturating_sub(d.new))
        });
        let kept: HashSet<&ItemKey> = learning
            .iter()
            .map(|(_, k)| k)
            .chain(&reviews)
            .chain(&new_items)
            .collect();
        progress.retain(|k, _| kept.contains(k));
        let main = interleave(reviews, new_items);

        Session {
            settings,
            default_settings,
            progress,
            learning,
            main,
            current: None,
            shown_groups: answered_groups,
            day_end,
            learn_ahead: TimeDelta::minutes(20),
        }
    }

    /// Change the learn-ahead window (default 20 minutes; zero waits for every learning step).
    pub fn set_learn_ahead(&mut self, window: TimeDelta) {
        self.learn_ahead = window.max(TimeDelta::zero());
    }

    /// The settings that apply to `pack`.
    pub fn settings(&self, pack: &str) -> &PackSettings {
        self.settings.get(pack).unwrap_or(&self.default_settings)
    }

    /// The item to show at `now`. Calling it again before the item is graded returns the same
    /// item. Showing an item buries its new and review siblings for the day.
    pub fn next(&mut self, now: DateTime<Utc>) -> Next {
        if let Some((key, kind)) = &self.current {
            return Next::Card {
                key: key.clone(),
                kind: *kind,
            };
        }
        let picked = match self.learning.first() {
            Some((due, _)) if *due <= now => self.learning.pop_first().map(|(_, k)| k),
            _ => None,
        };
        let picked = match picked {
            Some(k) => Some((k, QueueKind::Learning)),
            None => self.pop_main(),
        };
        let picked = match picked {
            Some(p) => Some(p),
            None => match self.learning.first() {
                Some((due, _)) if *due <= ahead(now, self.learn_ahead) => self
                    .learning
                    .pop_first()
                    .map(|(_, k)| (k, QueueKind::Learning)),
                Some((due, _)) => return Next::Wait(*due),
                None => return Next::Done,
            },
        };
        let Some((key, kind)) = picked else {
            return Next::Done;
        };
        self.shown_groups.insert(&key);
        self.current = Some((key.clone(), kind));
        Next::Card { key, kind }
    }

    fn pop_main(&mut self) -> Option<(ItemKey, QueueKind)> {
        while let Some((key, kind)) = self.main.pop_front() {
            if self.shown_groups.contains(&key) {
                // A sibling was shown today: buried for the day.
                self.progress.remove(&key);
                continue;
            }
            return Some((key, kind));
        }
        None
    }

    /// Items left, including the one being shown. Siblings buried by an item already shown
    /// are not counted.
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            learning: u32::try_from(self.learning.len()).unwrap_or(u32::MAX),
            ..Counts::default()
        };
        for (key, kind) in self.main.iter().chain(self.current.iter()) {
            let buried = self.shown_groups.contains(key)
                && self.current.as_ref().is_none_or(|(k, _)| k != key);
            match kind {
                _ if buried => {}
                QueueKind::New => c.new += 1,
                QueueKind::Review => c.review += 1,
                QueueKind::Learning => c.learning += 1,
            }
        }
        c
    }

    /// The stored progress of an item in this session.
    pub fn progress(&self, key: &ItemKey) -> Option<&ItemProgress> {
        self.progress.get(key)
    }

    /// What each grade would do to `key` at `now` (next state and interval), for the buttons.
    pub fn preview(&self, key: &ItemKey, now: DateTime<Utc>) -> Option<[GradePreview; 4]> {
        let p = self.progress.get(key)?;
        Some(self.settings(&key.pack).scheduler.preview(&p.card, now))
    }

    /// Grade `key` with `rating` at `now` without changing the session: returns what to store.
    /// For right/wrong cards pass the suggested grade or the user's override. `None` if
    /// the item is not in this session.
    pub fn grade(&self, key: &ItemKey, rating: Rating, now: DateTime<Utc>) -> Option<Graded> {
        let before = self.progress.get(key)?.clone();
        let kind = match &self.current {
            Some((k, kind)) if k == key => *kind,
            _ => queue_kind(before.card.state),
        };
        Some(grade_progress(
            self.settings(&key.pack),
            key,
            before,
            rating,
            now,
            kind,
        ))
    }

    /// Apply a graded answer (after the store committed it): the item leaves the queue, or
    /// comes back later in the session if it is in learning steps due today.
    pub fn apply(&mut self, graded: &Graded) {
        let key = &graded.key;
        if self.current.as_ref().is_some_and(|(k, _)| k == key) {
            self.current = None;
        }
        self.remove_everywhere(key);
        self.shown_groups.insert(key);
        self.progress.insert(key.clone(), graded.after.clone());
        self.requeue_learning(key, &graded.after);
    }

    /// The day's end: buried items come back then.
    pub fn day_end(&self) -> DateTime<Utc> {
        self.day_end
    }

    /// Take `key` out of the session (buried or suspended).
    pub fn drop_item(&mut self, key: &ItemKey) {
        if self.current.as_ref().is_some_and(|(k, _)| k == key) {
            self.current = None;
        }
        self.remove_everywhere(key);
        self.progress.remove(key);
    }

    fn remove_everywhere(&mut self, key: &ItemKey) {
        self.main.retain(|(k, _)| k != key);
        self.learning.retain(|(_, k)| k != key);
    }

    fn requeue_learning(&mut self, key: &ItemKey, p: &ItemProgress) {
        if p.suspended || !p.card.state.is_learning() {
            return;
        }
        if let Some(due) = p.card.due
            && due < self.day_end
        {
            self.learning.insert((due, key.clone()));
        }
    }
}

/// The queue an item in `state` belongs to.
pub fn queue_kind(state: State) -> QueueKind {
    match state {
        State::New => QueueKind::New,
        State::Learning | State::Relearning => QueueKind::Learning,
        State::Review => QueueKind::Review,
    }
}

/// Keeps items in order while each pack has room under its limit.
fn take_per_pack(
    items: impl Iterator<Item = ItemKey>,
    mut limit: impl FnMut(&str) -> u32,
) -> Vec<ItemKey> {
    let mut left: HashMap<String, u32> = HashMap::new();
    items
        .filter(|k| {
            let room = left.entry(k.pack.clone()).or_insert_with(|| limit(&k.pack));
            if *room == 0 {
                false
            } else {
                *room -= 1;
                true
            }
        })
        .collect()
}

/// Grade one item: its next state under `settings`, with leech detection (a lapse that
/// reaches the threshold tags the item and, if the policy says so, suspends it).
pub fn grade_progress(
    settings: &PackSettings,
    key: &ItemKey,
    before: ItemProgress,
    rating: Rating,
    now: DateTime<Utc>,
    kind: QueueKind,
) -> Graded {
    let card = settings.scheduler.review(&before.card, rating, now);
    let became_leech = card.lapses > before.card.lapses && settings.leech.is_leech_at(card.lapses);
    let after = ItemProgress {
        card,
        suspended: before.suspended || (became_leech && settings.leech.suspend),
        leech: before.leech || became_leech,
        buried_until: before.buried_until,
    };
    Graded {
        key: key.clone(),
        rating,
        at: now,
        before,
        after,
        became_leech,
        kind,
    }
}

/// Reviews in order with new items spread evenly among them.
fn interleave(reviews: Vec<ItemKey>, new_items: Vec<ItemKey>) -> VecDeque<(ItemKey, QueueKind)> {
    let (r, n) = (reviews.len(), new_items.len());
    let mut out = VecDeque::with_capacity(r + n);
    let mut new_iter = new_items.into_iter().enumerate().peekable();
    for (i, key) in reviews.into_iter().enumerate() {
        // New item j goes after round((j + 1) * r / (n + 1)) reviews.
        while let Some((j, _)) = new_iter.peek() {
            if ((j + 1) * r + n.div_ceil(2)) / (n + 1) <= i {
                if let Some((_, k)) = new_iter.next() {
                    out.push_back((k, QueueKind::New));
                }
            } else {
                break;
            }
        }
        out.push_back((key, QueueKind::Review));
    }
    out.extend(new_iter.map(|(_, k)| (k, QueueKind::New)));
    out
}

/// When an item next shows up (its due time, or the end of its burial if later); `None` for
/// new and suspended items.
pub fn item_due(p: &ItemProgress) -> Option<DateTime<Utc>> {
    if p.suspended || p.card.state == State::New {
        return None;
    }
    let due = p.card.due?;
    Some(match p.buried_until {
        Some(until) if until > due => until,
        _ => due,
    })
}

/// The earliest due time of a shown (not suspended, not buried) item among `items` after `now`,
/// for "next review at …" on the home screen.
pub fn next_due(
    items: &[ItemKey],
    progress: &HashMap<ItemKey, ItemProgress>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    items
        .iter()
        .filter_map(|k| progress.get(k))
        .filter_map(item_due)
        .filter(|due| *due > now)
        .min()
}

/// What one card adds to today's counts before the daily limits, by the rules of
/// [`Session::new`]: every learning item due today counts; otherwise one review item due
/// today, or else one new item (one item per card a day), unless an item of the card was
/// already answered today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CardDue {
    /// Learning items due today.
    pub learning: u32,
    /// A review due today.
    pub review: bool,
    /// A new item to introduce.
    pub new: bool,
}

impl CardDue {
    /// Classify the items of one card (its siblings): each one's stored progress (`None`
    /// when new) and whether it was answered today.
    pub fn of<'a>(
        items: impl IntoIterator<Item = (Option<&'a ItemProgress>, bool)>,
        now: DateTime<Utc>,
        day_end: DateTime<Utc>,
    ) -> CardDue {
        let fresh = ItemProgress::default();
        let mut out = CardDue::default();
        let (mut review, mut new, mut answered) = (false, false, false);
        for (p, answered_today) in items {
            answered |= answered_today;
            let p = p.unwrap_or(&fresh);
            if p.suspended || p.is_buried(now) {
                continue;
            }
            let due_today = p.card.due.is_some_and(|d| d < day_end);
            match p.card.state {
                State::Learning | State::Relearning if due_today => out.learning += 1,
                State::Review if due_today => review = true,
                State::New => new = true,
                _ => {}
            }
        }
        let open = out.learning == 0 && !answered;
        out.review = open && review;
        out.new = open && !review && new;
        out
    }
}

impl Counts {
    /// Counts from raw figures (learning items, cards with a review, cards with a new item)
    /// with one pack's daily limits, less what was done today, applied.
    pub fn within_limits(
        learning: u32,
        reviews: u32,
        new: u32,
        limits: DailyLimits,
        done: DoneToday,
    ) -> Counts {
        Counts {
            learning,
            review: reviews.min(limits.reviews_per_day.saturating_sub(done.reviews)),
            new: new.min(limits.new_per_day.saturating_sub(done.new)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 6, 2, h, m, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn day_starts_at_rollover_in_local_time() {
        let utc = DayClock::default();
        assert_eq!(utc.day_start(t(3, 59)), t(4, 0) - TimeDelta::days(1));
        assert_eq!(utc.day_start(t(4, 0)), t(4, 0));
        assert_eq!(utc.day_end(t(4, 0)), t(4, 0) + TimeDelta::days(1));
        // UTC-5 (New York summer is -4; any fixed offset works): local 04:00 is 09:00 UTC.
        let ny = DayClock::new(-5 * 3600, 4);
        assert_eq!(ny.day_start(t(12, 0)), t(9, 0));
        assert_eq!(ny.day_number(t(8, 59)) + 1, ny.day_number(t(9, 0)));
    }

    #[test]
    fn leech_at_threshold_then_every_half_threshold() {
        let p = LeechPolicy::default();
        let hits: Vec<u32> = (0..20).filter(|l| p.is_leech_at(*l)).collect();
        assert_eq!(hits, vec![8, 12, 16]);
        let off = LeechPolicy {
            threshold: 0,
            suspend: true,
        };
        assert!(!off.is_leech_at(100));
    }

    #[test]
    fn new_items_are_spread_among_reviews() {
        let k = |s: &str| ItemKey::new("p", s);
        let order: Vec<String> = interleave(
            vec![k("r1"), k("r2"), k("r3"), k("r4")],
            vec![k("n1"), k("n2")],
        )
        .into_iter()
        .map(|(k, _)| k.item)
        .collect();
        assert_eq!(order, ["r1", "n1", "r2", "r3", "n2", "r4"]);
        assert_eq!(interleave(vec![], vec![k("n")]).len(), 1);
    }

    #[test]
    fn card_id_is_the_part_before_the_first_colon() {
        assert_eq!(ItemKey::new("p", "lb-types:c2").card_id(), "lb-types");
        assert_eq!(ItemKey::new("p", "ecs-fargate").card_id(), "ecs-fargate");
    }

    #[test]
    fn learning_items_due_later_today_make_the_session_wait() {
        let key = ItemKey::new("p", "a");
        let mut progress = HashMap::new();
        let mut card = CardState::new();
        card.state = State::Learning;
        card.step = Some(1);
        card.due = Some(t(10, 0));
        progress.insert(
            key.clone(),
            ItemProgress {
                card,
                ..ItemProgress::default()
            },
        );
        let input = QueueInput {
            items: vec![key.clone()],
            progress,
            ..QueueInput::default()
        };
        let mut s = Session::new(input, HashMap::new(), t(9, 0), DayClock::default());
        assert_eq!(s.counts().learning, 1);
        assert_eq!(s.next(t(9, 0)), Next::Wait(t(10, 0)));
        assert_eq!(
            s.next(t(9, 45)),
            Next::Card {
                key,
                kind: QueueKind::Learning
            }
        );
    }
}
