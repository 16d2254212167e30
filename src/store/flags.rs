//! Flags learners put on cards ("this card looks wrong"), for authors to collect with
//! `deckhand cards --flagged`.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::{Store, StoreError, from_ms, to_ms};
use crate::srs::queue::ItemKey;

/// A flag on one study item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub key: ItemKey,
    /// What the learner wrote (may be empty).
    pub note: String,
    pub flagged_at: DateTime<Utc>,
}

impl Store {
    /// Flag `key` with `note` (replacing an earlier flag of it).
    pub fn set_flag(
        &mut self,
        key: &ItemKey,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO flags (pack, item, note, flagged_ms) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (pack, item) DO UPDATE SET note = ?3, flagged_ms = ?4",
                params![key.pack, key.item, note, to_ms(now)],
            )
            .map(|_| ())
        })
    }

    /// Take the flag off `key`.
    pub fn clear_flag(&mut self, key: &ItemKey) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM flags WHERE pack = ?1 AND item = ?2",
                params![key.pack, key.item],
            )
            .map(|_| ())
        })
    }

    /// Every flag, oldest first.
    pub fn flags(&self) -> Result<Vec<Flag>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT pack, item, note, flagged_ms FROM flags ORDER BY flagged_ms, pack, item",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Flag {
                    key: ItemKey::new(r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    note: r.get(2)?,
                    flagged_at: from_ms(r.get(3)?),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}
