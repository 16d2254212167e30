//! Reading a plan's input from the store: the pack's items and their progress, its
//! scheduler settings, and the learner's pace from the review log.

use chrono::{DateTime, Utc};

use super::{Pace, PlanInput, PlanSettings};
use crate::content::Pack;
use crate::srs::queue::{DayClock, ItemKey};
use crate::store::{Store, StoreError};

impl PlanInput {
    /// Everything the plan of `pack` needs, as the store has it at `now`. The seed is fixed
    /// per pack and day, so the plan does not change between two looks on one day unless
    /// the learner studies.
    pub fn read(
        store: &Store,
        pack: &Pack,
        plan: PlanSettings,
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<PlanInput, StoreError> {
        let keys: Vec<ItemKey> = pack
            .items()
            .map(|(card, face)| ItemKey::new(pack.id(), card.item_id(face)))
            .collect();
        let mut input = store.queue_input(&keys, now, clock)?;
        let items: Vec<_> = keys
            .iter()
            .map(|k| input.progress.remove(k).unwrap_or_default())
            .collect();
        let (answers, ms) = store
            .log_days(Some(pack.id()), clock)?
            .iter()
            .fold((0u64, 0u64), |(n, t), d| {
                (n + u64::from(d.answers), t + d.answer_ms)
            });
        let seed = pack.id().bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        }) ^ clock.day_number(now) as u64;
        Ok(PlanInput {
            items,
            keys,
            settings: store.pack_settings(pack.id())?,
            plan,
            pace: Pace::from_log(answers, ms),
            now,
            clock,
            seed,
        })
    }
}
