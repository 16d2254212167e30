//! Packs that change under a learner: at each start, progress is carried over `replaces`
//! (once per replaced id), and what changed since the version seen last is worked out for
//! the update notice. Both happen in one transaction, so a crash leaves either the old
//! progress and the old record of the pack, or the new ones.
//!
//! - **Replacements**: the state and review log of each replaced id move to the card that
//!   replaces it, face by face (`old:c2` to `new:c2` when the new card has that face, else
//!   to its first face). When several items land on one (a merge), the state of the one
//!   reviewed most recently wins; every log row moves, and keeps the id it was answered
//!   under in `answered_as`, so history stays true. The `replacements` table remembers what
//!   was applied: it is never applied twice.
//! - **Retired cards** (gone from the pack, not replaced) keep their rows; they leave every
//!   count and queue because those are built from the pack's cards, and they come back with
//!   their progress when the id returns.
//! - **What was seen**: `pack_seen` holds the version and content hash of each pack at the
//!   last start, `pack_seen_cards` the print of each card (with retired ones flagged), so
//!   the next start can say what is new, changed, merged, retired or restored.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, StoreError, to_ms};
use crate::content::diff::{self, CardName, CardPrint, Changes, PackPrint, Replaced, SeenCard};
use crate::content::{Card, Pack};

/// What changed in one pack since the learner's previous start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackUpdate {
    pub pack: String,
    pub title: String,
    pub version: String,
    /// The version seen at the previous start; `None` when this database had not seen the
    /// pack before (then only the progress carried over and the cards gone are known).
    pub previous_version: Option<String>,
    pub changes: Changes,
    /// Study items whose progress moved over `replaces`, and review log rows moved.
    pub moved_items: usize,
    pub moved_reviews: usize,
}

impl PackUpdate {
    /// `AWS container services 0.2.0: 40 new cards, 12 changed, 3 merged, 2 retired`.
    pub fn headline(&self) -> String {
        format!(
            "{} {}: {}",
            self.title,
            self.version,
            self.changes.summary()
        )
    }
}

/// Progress moved from one replaced id.
#[derive(Debug, Default, Clone, Copy)]
struct Moved {
    items: usize,
    reviews: usize,
}

impl Store {
    /// At start: carry progress over `replaces`, compare each pack with the version seen
    /// last and remember this one, in one transaction. Returns what to announce: every pack
    /// seen before whose version or content changed, and a pack seen for the first time
    /// only when progress moved or cards with progress are gone.
    pub fn update_packs(
        &mut self,
        packs: &[Pack],
        now: DateTime<Utc>,
    ) -> Result<Vec<PackUpdate>, StoreError> {
        self.update_packs_known(packs, &HashMap::new(), HashMap::new(), now)
    }

    /// [`Store::update_packs`], with the print hashes ([`diff::print`]) of some packs already
    /// known, by pack id (the compiled-pack cache keeps them), so those are not hashed again,
    /// and the whole prints this process already computed (`computed`, by pack id), so a
    /// changed pack's cards are not printed a second time.
    /// Packs unchanged since the last start are found by reading alone: a start that changes
    /// nothing writes nothing, and so does not wait for the integrity check.
    pub fn update_packs_known(
        &mut self,
        packs: &[Pack],
        known: &HashMap<String, String>,
        mut computed: HashMap<String, PackPrint>,
        now: DateTime<Utc>,
    ) -> Result<Vec<PackUpdate>, StoreError> {
        let mut changed: Vec<(&Pack, Option<PackPrint>)> = Vec::new();
        for pack in packs {
            let seen = seen_pack(self.conn(), pack.id()).map_err(|e| self.err(e))?;
            let same = |hash: &str| {
                seen.as_ref()
                    .is_some_and(|(v, h)| *v == pack.manifest.version && h == hash)
            };
            match known.get(pack.id()) {
                Some(hash) if same(hash) => {}
                Some(_) => changed.push((pack, computed.remove(pack.id()))),
                None => {
                    let print = diff::print(pack);
                    if !same(&print.hash) {
                        changed.push((pack, Some(print)));
                    }
                }
            }
        }
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        let changed: Vec<(&Pack, PackPrint)> = changed
            .into_iter()
            .map(|(pack, print)| (pack, print.unwrap_or_else(|| diff::print(pack))))
            .collect();
        self.write(|tx| {
            let mut updates = Vec::new();
            for (pack, print) in &changed {
                if let Some(update) = update_pack(tx, pack, print, now)? {
                    updates.push(update);
                }
            }
            Ok(updates)
        })
    }

    /// The review log rows of `pack` that moved over `replaces`, oldest first: `(item now,
    /// item answered as)`.
    pub fn moved_log(&self, pack: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT item, answered_as FROM review_log
                 WHERE pack = ?1 AND answered_as IS NOT NULL ORDER BY reviewed_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([pack], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The replaced ids already carried over in `pack`, with the card each went to.
    pub fn replacements_applied(&self, pack: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT old_card, new_card FROM replacements WHERE pack = ?1 ORDER BY old_card",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([pack], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// The version and print hash of `pack` at the last start.
fn seen_pack(
    conn: &rusqlite::Connection,
    pack: &str,
) -> rusqlite::Result<Option<(String, String)>> {
    conn.query_row(
        "SELECT version, hash FROM pack_seen WHERE pack = ?1",
        [pack],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

fn update_pack(
    tx: &Transaction<'_>,
    pack: &Pack,
    print: &PackPrint,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<PackUpdate>> {
    let seen = seen_pack(tx, &print.id)?;
    if let Some((version, hash)) = &seen
        && *version == print.version
        && *hash == print.hash
    {
        return Ok(None);
    }
    let moved = carry_over(tx, pack, now)?;
    let (moved_items, moved_reviews) = moved
        .values()
        .fold((0, 0), |(i, r), m| (i + m.items, r + m.reviews));
    let changes = match &seen {
        Some((_, hash)) => {
            let mut changes = diff::diff(&seen_cards(tx, &print.id)?, print);
            // Field hashes of another print format (an older deckhand) cannot be compared;
            // what was added, merged, retired or restored is known by id all the same.
            if hash.split_once(':').map(|(format, _)| format) != Some(diff::PRINT_FORMAT) {
                changes.changed.clear();
            }
            changes
        }
        None => first_sighting(tx, pack, print, &moved)?,
    };
    remember(tx, print, now)?;
    let announce = seen.is_some() || !changes.is_empty();
    Ok(announce.then(|| PackUpdate {
        pack: print.id.clone(),
        title: print.title.clone(),
        version: print.version.clone(),
        previous_version: seen.map(|(v, _)| v),
        changes,
        moved_items,
        moved_reviews,
    }))
}

/// Apply every replacement of `pack` not applied yet; what moved, by replaced id.
fn carry_over(
    tx: &Transaction<'_>,
    pack: &Pack,
    now: DateTime<Utc>,
) -> rusqlite::Result<HashMap<String, Moved>> {
    let pack_id = pack.id();
    let applied: HashSet<String> = {
        let mut stmt = tx.prepare("SELECT old_card FROM replacements WHERE pack = ?1")?;
        let rows = stmt.query_map([pack_id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut moved = HashMap::new();
    for card in pack.cards.iter().filter(|c| !c.replaces.is_empty()) {
        let pending: Vec<&String> = card
            .replaces
            .iter()
            .filter(|old| !applied.contains(*old))
            .collect();
        if pending.is_empty() {
            continue;
        }
        // Target item -> the old items landing on it.
        let mut landing: HashMap<String, Vec<String>> = HashMap::new();
        let mut per_old: HashMap<&str, Moved> = HashMap::new();
        for old in &pending {
            for item in items_of(tx, pack_id, old)? {
                let target = target_item(card, old, &item);
                per_old.entry(old.as_str()).or_default().items += 1;
                landing.entry(target).or_default().push(item);
            }
        }
        for (target, items) in &landing {
            merge_states(tx, pack_id, target, items)?;
            for item in items {
                let reviews = tx.execute(
                    "UPDATE review_log SET answered_as = COALESCE(answered_as, item), item = ?3
                     WHERE pack = ?1 AND item = ?2",
                    params![pack_id, item, target],
                )?;
                let old = pending
                    .iter()
                    .find(|o| belongs_to(item, o))
                    .map_or("", |o| o.as_str());
                per_old.entry(old).or_default().reviews += reviews;
            }
        }
        for old in pending {
            let m = per_old.get(old.as_str()).copied().unwrap_or_default();
            tx.execute(
                "INSERT INTO replacements (pack, old_card, new_card, applied_ms, items, reviews)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    pack_id,
                    old,
                    card.id,
                    to_ms(now),
                    m.items as i64,
                    m.reviews as i64
                ],
            )?;
            moved.insert(old.clone(), m);
        }
    }
    Ok(moved)
}

/// Is `item` a study item of card `card` (`card`, `card:reverse`, `card:c2`)?
fn belongs_to(item: &str, card: &str) -> bool {
    item.strip_prefix(card)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
}

/// The study items of card `old` that have a state or log rows.
fn items_of(tx: &Transaction<'_>, pack: &str, old: &str) -> rusqlite::Result<Vec<String>> {
    // `old:` < every `old:...` < `old;` (';' follows ':'), so the index serves the range.
    let sql = "SELECT item FROM card_state WHERE pack = ?1 AND (item = ?2 OR (item > ?3 AND item < ?4))
               UNION
               SELECT DISTINCT item FROM review_log WHERE pack = ?1 AND (item = ?2 OR (item > ?3 AND item < ?4))
               ORDER BY 1";
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map(
        params![pack, old, format!("{old}:"), format!("{old};")],
        |r| r.get(0),
    )?;
    rows.collect()
}

/// Where an item of a replaced card lands: the same face of the new card when it has one
/// (`old:c2` to `new:c2`), else the new card's first face.
fn target_item(card: &Card, old: &str, item: &str) -> String {
    let suffix = &item[old.len().min(item.len())..];
    let faces: Vec<String> = card.faces().into_iter().map(|f| card.item_id(f)).collect();
    let same = format!("{}{suffix}", card.id);
    if faces.contains(&same) {
        same
    } else {
        faces.into_iter().next().unwrap_or(same)
    }
}

/// Keep, as `target`'s state, the most recently reviewed state among `target`'s own and
/// `items`'; the other states are removed.
fn merge_states(
    tx: &Transaction<'_>,
    pack: &str,
    target: &str,
    items: &[String],
) -> rusqlite::Result<()> {
    let mut candidates: Vec<&str> = items.iter().map(String::as_str).collect();
    candidates.push(target);
    let mut newest: Option<(i64, String)> = None;
    for item in &candidates {
        let last: Option<Option<i64>> = tx
            .query_row(
                "SELECT last_review_ms FROM card_state WHERE pack = ?1 AND item = ?2",
                params![pack, item],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(last) = last {
            let last = last.unwrap_or(i64::MIN);
            if newest.as_ref().is_none_or(|(best, _)| last > *best) {
                newest = Some((last, (*item).to_string()));
            }
        }
    }
    let Some((_, winner)) = newest else {
        return Ok(());
    };
    for item in &candidates {
        if *item != winner {
            tx.execute(
                "DELETE FROM card_state WHERE pack = ?1 AND item = ?2",
                params![pack, item],
            )?;
        }
    }
    if winner != target {
        tx.execute(
            "UPDATE card_state SET item = ?3 WHERE pack = ?1 AND item = ?2",
            params![pack, winner, target],
        )?;
    }
    Ok(())
}

/// The cards remembered from the previous start.
fn seen_cards(tx: &Transaction<'_>, pack: &str) -> rusqlite::Result<Vec<SeenCard>> {
    let mut stmt = tx.prepare(
        "SELECT card, fields, prompt, replaces, retired FROM pack_seen_cards
         WHERE pack = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([pack], |r| {
        let fields: String = r.get(1)?;
        let replaces: String = r.get(3)?;
        Ok(SeenCard {
            print: CardPrint {
                id: r.get(0)?,
                fields: decode_fields(&fields),
                prompt: r.get(2)?,
                replaces: replaces.split_whitespace().map(str::to_string).collect(),
            },
            retired: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// A pack this database had not seen: no earlier prints to compare with, so only what the
/// progress shows is reported (ids carried over, and cards with progress that are gone).
fn first_sighting(
    tx: &Transaction<'_>,
    pack: &Pack,
    print: &PackPrint,
    moved: &HashMap<String, Moved>,
) -> rusqlite::Result<Changes> {
    let mut changes = Changes::default();
    for card in &print.cards {
        let old: Vec<String> = card
            .replaces
            .iter()
            .filter(|r| moved.get(*r).is_some_and(|m| m.items > 0))
            .cloned()
            .collect();
        if !old.is_empty() {
            changes.replaced.push(Replaced {
                id: card.id.clone(),
                prompt: card.prompt.clone(),
                old,
            });
        }
    }
    let live: HashSet<&str> = pack.cards.iter().map(|c| c.id.as_str()).collect();
    let mut stmt =
        tx.prepare("SELECT DISTINCT item FROM card_state WHERE pack = ?1 ORDER BY item")?;
    let items: Vec<String> = stmt
        .query_map([pack.id()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let gone: std::collections::BTreeSet<String> = items
        .iter()
        .map(|i| i.split(':').next().unwrap_or(i).to_string())
        .filter(|c| !live.contains(c.as_str()))
        .collect();
    changes.retired = gone
        .into_iter()
        .map(|id| CardName {
            id,
            prompt: String::new(),
        })
        .collect();
    Ok(changes)
}

/// Remember this version: its hash and the print of every card; cards no longer in the pack
/// stay, flagged retired.
fn remember(tx: &Transaction<'_>, print: &PackPrint, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO pack_seen (pack, version, hash, seen_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (pack) DO UPDATE SET version = ?2, hash = ?3, seen_ms = ?4",
        params![print.id, print.version, print.hash, to_ms(now)],
    )?;
    tx.execute(
        "UPDATE pack_seen_cards SET retired = 1 WHERE pack = ?1",
        [&print.id],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO pack_seen_cards (pack, card, fields, prompt, replaces, retired, position)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)
         ON CONFLICT (pack, card) DO UPDATE SET fields = ?3, prompt = ?4, replaces = ?5,
             retired = 0, position = ?6",
    )?;
    for (i, card) in print.cards.iter().enumerate() {
        stmt.execute(params![
            print.id,
            card.id,
            encode_fields(&card.fields),
            card.prompt,
            card.replaces.join(" "),
            i as i64
        ])?;
    }
    Ok(())
}

fn encode_fields(fields: &[(std::borrow::Cow<'static, str>, u64)]) -> String {
    fields
        .iter()
        .map(|(name, hash)| format!("{name}={hash:016x}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn decode_fields(text: &str) -> Vec<(std::borrow::Cow<'static, str>, u64)> {
    text.split(';')
        .filter_map(|f| {
            let (name, hash) = f.split_once('=')?;
            let hash = u64::from_str_radix(hash, 16).ok()?;
            Some((std::borrow::Cow::Owned(name.to_string()), hash))
        })
        .collect()
}
