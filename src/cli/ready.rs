//! What `deckhand stats`, `plan` and `exam` share: the loaded packs, the progress store, the
//! time and the study-day clock, and the `--pack ID` check.

use chrono::{DateTime, Local, Utc};

use super::Context;
use crate::config::Config;
use crate::content::{self, Library, Pack};
use crate::srs::queue::DayClock;
use crate::store::Store;

/// The packs, the progress and the clock of one command.
pub(super) struct Ready {
    pub library: Library,
    pub store: Store,
    pub now: DateTime<Utc>,
    pub clock: DayClock,
}

/// How a command that only reads treats a data directory without a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// Read an empty, in-memory progress instead: nothing is created.
    Read,
    /// Create the database (the command writes to it).
    Write,
}

impl Ready {
    /// Load the packs (built-in, the data directory's, `--pack` paths), the config's day
    /// start and the progress. A database that cannot be opened is an error naming it.
    pub fn open(ctx: &Context, access: Access) -> anyhow::Result<Ready> {
        let (config, _) = Config::load(&ctx.paths.config_file());
        let mut library = content::load_library(true, Some(&ctx.paths.packs_dir()), &ctx.packs);
        // The simulator's prediction questions, as in the trainer.
        library.packs.push(crate::quiz::predict::generated_pack());
        let path = ctx.paths.database();
        let store = if access == Access::Read && !path.exists() {
            Store::open_in_memory()?
        } else {
            Store::open(&path)?
        };
        let now = Utc::now();
        let clock = DayClock::new(
            Local::now().offset().local_minus_utc(),
            config.day_starts_at,
        );
        Ok(Ready {
            library,
            store,
            now,
            clock,
        })
    }

    /// The pack called `id`, or a usage error listing the packs there are.
    pub fn pack(&self, id: &str) -> Result<&Pack, String> {
        self.library.pack(id).ok_or_else(|| {
            let ids: Vec<&str> = self.library.packs.iter().map(Pack::id).collect();
            let hint = match content::did_you_mean(id, ids.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the packs are: {}", ids.join(", ")),
            };
            format!("error: no pack `{id}` is loaded\nhelp: {hint}")
        })
    }

    /// The pack named by `--pack`, else the built-in pack.
    pub fn pack_or_builtin(&self, id: Option<&str>) -> Result<&Pack, String> {
        self.pack(id.unwrap_or(content::BUILTIN_PACK_ID))
    }
}
