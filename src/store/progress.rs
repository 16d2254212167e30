//! Stored progress: per-pack options and settings (with the manifest and config.toml layers),
//! one item's progress, and everything today's queue needs.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::rows::{STATE_COLUMNS, read_progress, same_stored, stored_progress, write_progress};
use super::{Store, StoreError, to_ms};
use crate::srs::PackOptions;
use crate::srs::State;
use crate::srs::queue::{DayClock, DoneToday, ItemKey, ItemProgress, PackSettings, QueueInput};

/// How many entries of the log of progress changes are kept at least (older ones are dropped
/// at start; a window that had not looked since then reads all progress again).
pub const CHANGES_KEPT: i64 = 50_000;

/// What today's queue needs besides the list of items.
#[derive(Debug, Clone, Default)]
pub struct DayState {
    /// Stored progress of every item of the packs asked for (new items have none).
    pub progress: HashMap<ItemKey, ItemProgress>,
    /// What was done today, by pack id.
    pub done_today: HashMap<String, DoneToday>,
    /// Items answered today.
    pub answered_today: HashSet<ItemKey>,
}

impl Store {
    /// Set the option layers of `pack` for this run (not written to the database):
    /// `defaults` (the pack manifest's) apply where nothing is stored, `overrides` (the
    /// user's config.toml) win over what is stored.
    pub fn set_pack_layers(&mut self, pack: &str, defaults: PackOptions, overrides: PackOptions) {
        self.layers.insert(pack.to_string(), (defaults, overrides));
    }

    /// The options in effect for `pack`: overrides, then stored options, then defaults.
    pub fn effective_options(&self, pack: &str) -> Result<PackOptions, StoreError> {
        let stored = self.pack_options(pack)?;
        Ok(match self.layers.get(pack) {
            Some((defaults, overrides)) => overrides.over(&stored.over(defaults)),
            None => stored,
        })
    }

    /// The scheduling settings of `pack` (see [`Store::effective_options`]).
    pub fn pack_settings(&self, pack: &str) -> Result<PackSettings, StoreError> {
        self.effective_options(pack)?
            .settings(pack)
            .map_err(|detail| self.invalid(detail))
    }

    /// The stored options of `pack`.
    pub fn pack_options(&self, pack: &str) -> Result<PackOptions, StoreError> {
        let row = self
            .conn()
            .query_row(
                "SELECT desired_retention, new_per_day, reviews_per_day, maximum_interval, \
                 leech_threshold, leech_suspend, parameters FROM pack_settings WHERE pack = ?1",
                [pack],
                |r| {
                    Ok((
                        PackOptions {
                            desired_retention: r.get(0)?,
                            new_per_day: r.get(1)?,
                            reviews_per_day: r.get(2)?,
                            maximum_interval: r.get(3)?,
                            leech_threshold: r.get(4)?,
                            leech_suspend: r.get(5)?,
                            parameters: None,
                        },
                        r.get::<_, Option<String>>(6)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((mut o, params)) = row else {
            return Ok(PackOptions::default());
        };
        if let Some(json) = params {
            o.parameters =
                Some(
                    serde_json::from_str(&json).map_err(|e| StoreError::InvalidData {
                        path: self.path.clone(),
                        detail: format!("parameters of pack {pack}: {e}"),
                    })?,
                );
        }
        Ok(o)
    }

    /// Store the options of `pack` (validated first: an invalid retention or parameter set is
    /// refused with [`StoreError::InvalidData`]).
    pub fn set_pack_options(&mut self, pack: &str, o: &PackOptions) -> Result<(), StoreError> {
        o.settings(pack).map_err(|detail| self.invalid(detail))?;
        let params = o
            .parameters
            .as_ref()
            .map(|p| serde_json::to_string(p).unwrap_or_default());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pack_settings (pack, desired_retention, new_per_day, reviews_per_day, \
                 maximum_interval, leech_threshold, leech_suspend, parameters) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (pack) DO UPDATE SET \
                 desired_retention = ?2, new_per_day = ?3, reviews_per_day = ?4, \
                 maximum_interval = ?5, leech_threshold = ?6, leech_suspend = ?7, parameters = ?8",
                params![
                    pack,
                    o.desired_retention,
                    o.new_per_day,
                    o.reviews_per_day,
                    o.maximum_interval,
                    o.leech_threshold,
                    o.leech_suspend,
                    params
                ],
            )
            .map(|_| ())
        })
    }

    /// Replace the progress of items in one transaction, each `(key, read, new)` only where
    /// the stored progress is still `read`: an item answered meanwhile (in a window that is
    /// open) keeps its answer. Returns how many items were written.
    pub fn rewrite_progress(
        &mut self,
        rewrites: &[(ItemKey, ItemProgress, ItemProgress)],
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut written = 0;
            for (key, read, new) in rewrites {
                if same_stored(&stored_progress(tx, key)?, read) {
                    write_progress(tx, key, new)?;
                    written += 1;
                }
            }
            Ok(written)
        })
    }

    /// Stored progress of one item (`None` if never answered, buried or suspended).
    pub fn progress(&self, key: &ItemKey) -> Result<Option<ItemProgress>, StoreError> {
        let sql = format!("SELECT {STATE_COLUMNS} FROM card_state WHERE pack = ?1 AND item = ?2");
        self.conn()
            .query_row(&sql, params![key.pack, key.item], |r| read_progress(r, 0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The stored progress of `packs`, what was done today and which items were answered
    /// today (items that vanished from a pack keep their rows; callers list the items that
    /// exist).
    pub fn day_state<'a>(
        &self,
        packs: impl IntoIterator<Item = &'a str>,
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<DayState, StoreError> {
        let packs: HashSet<&str> = packs.into_iter().collect();
        let mut progress = HashMap::new();
        for pack in &packs {
            self.each_progress(pack, |item, p| {
                progress.insert(ItemKey::new(*pack, item), p);
            })?;
        }
        let (done_today, answered) = self.today_answers(now, clock)?;
        Ok(DayState {
            progress,
            done_today: done_today
                .into_iter()
                .filter(|(p, _)| packs.contains(p.as_str()))
                .collect(),
            answered_today: answered
                .into_iter()
                .filter(|k| packs.contains(k.pack.as_str()))
                .collect(),
        })
    }

    /// Call `f` with every stored progress row of `pack` (the item id and its progress).
    pub fn each_progress(
        &self,
        pack: &str,
        mut f: impl FnMut(&str, ItemProgress),
    ) -> Result<(), StoreError> {
        let sql = format!("SELECT item, {STATE_COLUMNS} FROM card_state WHERE pack = ?1");
        let mut stmt = self.conn().prepare_cached(&sql).map_err(|e| self.err(e))?;
        let mut rows = stmt.query([pack]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let p = read_progress(r, 1).map_err(|e| self.err(e))?;
            let item = r
                .get_ref(0)
                .and_then(|v| v.as_str().map_err(Into::into))
                .map_err(|e| self.err(e))?;
            f(item, p);
        }
        Ok(())
    }

    /// What was done today per pack, and the items answered today.
    pub fn today_answers(
        &self,
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<(HashMap<String, DoneToday>, HashSet<ItemKey>), StoreError> {
        let mut done_today: HashMap<String, DoneToday> = HashMap::new();
        let mut answered = HashSet::new();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT pack, item, b_state FROM review_log WHERE reviewed_ms >= ?1")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query([to_ms(clock.day_start(now))])
            .map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let (pack, item, before): (String, String, u8) =
                (|| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))().map_err(|e| self.err(e))?;
            let done = done_today.entry(pack.clone()).or_default();
            match State::from_code(before) {
                Some(State::New) => done.new += 1,
                Some(State::Review) => done.reviews += 1,
                _ => {}
            }
            answered.insert(ItemKey::new(pack, item));
        }
        Ok((done_today, answered))
    }

    /// Where the log of progress changes stands now (0 before any change).
    pub fn change_mark(&self) -> Result<i64, StoreError> {
        self.conn()
            .query_row(
                "SELECT COALESCE((SELECT MAX(seq) FROM progress_changes), 0)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The items whose progress changed after `mark` (by anyone: this window, another one, a
    /// tool), and the new mark; `None` when the log no longer reaches back to `mark` and
    /// everything must be read again.
    pub fn changes_since(&self, mark: i64) -> Result<Option<(i64, Vec<ItemKey>)>, StoreError> {
        let (low, high): (Option<i64>, Option<i64>) = self
            .conn()
            .query_row(
                "SELECT (SELECT MIN(seq) FROM progress_changes), \
                 (SELECT MAX(seq) FROM progress_changes)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let (Some(low), Some(high)) = (low, high) else {
            return Ok((mark == 0).then(|| (0, Vec::new())));
        };
        if mark > high || mark < low - 1 {
            return Ok(None);
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT DISTINCT pack, item FROM progress_changes WHERE seq > ?1")
            .map_err(|e| self.err(e))?;
        let keys = stmt
            .query_map([mark], |r| {
                Ok(ItemKey::new(r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(Some((high, keys)))
    }

    /// Keep the log of progress changes short: once it holds twice [`CHANGES_KEPT`] entries,
    /// drop all but the newest [`CHANGES_KEPT`]. Only reads when there is nothing to drop, so
    /// a start does not wait on a write.
    pub(crate) fn prune_changes(&mut self) -> Result<(), StoreError> {
        let span: i64 = self
            .conn()
            .query_row(
                "SELECT COALESCE((SELECT MAX(seq) FROM progress_changes), 0) - \
                 COALESCE((SELECT MIN(seq) FROM progress_changes), 0)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if span < 2 * CHANGES_KEPT {
            return Ok(());
        }
        self.write(|tx| {
            tx.execute(
                "DELETE FROM progress_changes WHERE seq <= \
                 (SELECT MAX(seq) FROM progress_changes) - ?1",
                [CHANGES_KEPT],
            )
            .map(|_| ())
        })
    }

    /// A small value kept between runs.
    pub fn app_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn()
            .query_row("SELECT value FROM app_values WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Keep a small value between runs.
    pub fn set_app_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO app_values (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = ?2",
                params![key, value],
            )
            .map(|_| ())
        })
    }

    /// Everything the queue needs for `items` at `now` (see [`Store::day_state`]).
    pub fn queue_input(
        &self,
        items: &[ItemKey],
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<QueueInput, StoreError> {
        let day = self.day_state(items.iter().map(|k| k.pack.as_str()), now, clock)?;
        Ok(QueueInput {
            items: items.to_vec(),
            progress: day.progress,
            done_today: day.done_today,
            answered_today: day.answered_today,
        })
    }

    /// The settings of every pack among `items`.
    pub(crate) fn settings_for(
        &self,
        items: &[ItemKey],
    ) -> Result<HashMap<String, PackSettings>, StoreError> {
        let packs: HashSet<&str> = items.iter().map(|k| k.pack.as_str()).collect();
        packs
            .into_iter()
            .map(|p| Ok((p.to_owned(), self.pack_settings(p)?)))
            .collect()
    }
}
