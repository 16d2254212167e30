//! `deckhand optimize [--pack ID] [--reschedule]`: fit FSRS-6 parameters to the user's own
//! review log with the `fsrs` crate, judge them on the newest reviews held out of the fit
//! (log loss and RMSE before and after), store them per pack when they predict better, and
//! replay every card's answers under them so stored stabilities and difficulties match the
//! parameters (due dates stay unless `--reschedule`).
//!
//! Also the hidden `deckhand __answer-loop`, which answers items in a loop and acknowledges
//! each committed answer on stdout (used by the kill and concurrency tests).

use std::collections::BTreeMap;
use std::io::Write;

use super::ready::{Access, Ready};
use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::config::Config;
use crate::interop::Progress as _;
use crate::srs::fit::{self, Review};
use crate::srs::queue::{DayClock, ItemKey, ItemProgress, Next};
use crate::srs::replay::{LoggedGrade, restate};
use crate::srs::{DEFAULT_PARAMETERS, PackOptions, Rating, Scheduler};
use crate::store::{AnswerMeta, ItemKind, LoggedAnswer, Store};

/// Reviews (a day or more after the previous answer to the same item) needed before fitting.
pub const MIN_REVIEWS: usize = 400;

/// Arguments of `deckhand optimize`.
#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// Optimise only this pack (default: every pack with reviews, each on its own).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Also move due dates to where the fitted parameters put them (default: keep them).
    #[arg(long)]
    pub reschedule: bool,
    /// Minimum number of long-term reviews required.
    #[arg(long, default_value_t = MIN_REVIEWS, hide = true)]
    pub min_reviews: usize,
}

/// Run `deckhand optimize`.
pub fn run(ctx: &Context, args: OptimizeArgs) -> anyhow::Result<u8> {
    let path = ctx.paths.database();
    // Reading first: an empty data directory gets no database.
    let ready = Ready::open(ctx, Access::Read)?;
    let log = ready.store.review_log(args.pack.as_deref())?;
    if let Some(id) = &args.pack {
        // A pack no longer loaded can still be optimised from its reviews.
        if let (true, Err(e)) = (log.is_empty(), ready.pack(id)) {
            eprintln!("{e}");
            return Ok(EXIT_USAGE);
        }
    }
    let Ready {
        library, mut store, ..
    } = ready;
    let mut by_pack: BTreeMap<String, Vec<LoggedAnswer>> = BTreeMap::new();
    for a in log {
        by_pack.entry(a.key.pack.clone()).or_default().push(a);
    }
    if let Some(pack) = &args.pack {
        by_pack.entry(pack.clone()).or_default();
    }
    let mut out = std::io::stdout();
    if by_pack.is_empty() {
        writeln!(
            out,
            "No reviews yet in {}: nothing to optimise.",
            path.display()
        )?;
        return Ok(EXIT_OK);
    }
    // The manifest's and config.toml's settings, as the trainer schedules with them.
    let (config, _) = Config::load(&ctx.paths.config_file());
    for pack in &library.packs {
        let overrides = config.packs.get(pack.id()).cloned().unwrap_or_default();
        store.set_pack_layers(pack.id(), pack.manifest.options.clone(), overrides);
    }
    let mut code = EXIT_OK;
    for (pack, log) in by_pack {
        let reviews: Vec<Review> = log
            .iter()
            .map(|a| Review {
                key: a.key.clone(),
                at: a.at,
                rating: a.rating,
            })
            .collect();
        let samples = fit::training_items(&reviews);
        if samples.len() < args.min_reviews.max(2) {
            let needed = args.min_reviews.max(2);
            writeln!(
                out,
                "{pack}: not enough reviews to optimise yet: {} of the {needed} needed. FSRS \
                 fits 21 parameters to reviews that come a day or more after the previous \
                 answer to the same item; with fewer the fit follows noise. Keep reviewing ({} \
                 more) and run `deckhand optimize` again; until then the default parameters \
                 are used.",
                samples.len(),
                needed - samples.len()
            )?;
            continue;
        }
        let mut options = store.pack_options(&pack)?;
        let current = options
            .parameters
            .clone()
            .unwrap_or_else(|| DEFAULT_PARAMETERS.to_vec());
        let bar = super::bar::Bar::stderr();
        bar.start(&format!("Fitting {pack}"), 0);
        let fit = fit::fit_with_progress(&current, &samples, &mut |done, total| {
            bar.set(done as u64, total as u64)
        });
        bar.finish();
        let fit = fit?;
        writeln!(
            out,
            "{pack}: {} reviews; fitted to the oldest {}, judged on the newest {} (held out)",
            samples.len(),
            fit.trained,
            fit.held_out
        )?;
        writeln!(
            out,
            "  {:<10} {:>10} {:>10}   (on the held-out reviews)",
            "", "log loss", "RMSE"
        )?;
        for (name, score) in [("current", fit.current), ("fitted", fit.fitted)] {
            writeln!(
                out,
                "  {name:<10} {:>10.4} {:>10.4}",
                score.log_loss, score.rmse
            )?;
        }
        if !fit.valid {
            writeln!(
                out,
                "  the fitted parameters are out of range; keeping the current ones"
            )?;
            code = EXIT_FAILURE;
            continue;
        }
        if !fit.keep {
            writeln!(
                out,
                "  the fitted parameters do not predict the held-out reviews better; keeping \
                 the current ones"
            )?;
            continue;
        }
        let shown: Vec<String> = fit.parameters.iter().map(|w| format!("{w:.4}")).collect();
        options.parameters = Some(fit.parameters);
        store.set_pack_options(&pack, &options)?;
        writeln!(
            out,
            "  stored the fitted parameters for {pack}: {}",
            shown.join(", ")
        )?;
        let scheduler = store.pack_settings(&pack)?.scheduler;
        let replayed = replay_pack(&mut store, &scheduler, &log, args.reschedule)?;
        writeln!(out, "  {}", replayed.describe(args.reschedule))?;
    }
    Ok(code)
}

/// What replaying a pack's cards under new parameters did.
#[derive(Debug, Default)]
struct Replayed {
    /// Cards whose stored state was recomputed and differs.
    changed: usize,
    /// Cards whose state is the same under the new parameters.
    same: usize,
    /// Cards answered meanwhile, or whose state does not come from their log: left alone.
    left: usize,
    /// Mean factor between old and new stability (≥ 1) over the changed cards.
    factor: f64,
}

impl Replayed {
    fn describe(&self, reschedule: bool) -> String {
        let cards = |n: usize| if n == 1 { "card" } else { "cards" };
        let mut s = format!(
            "replayed every card's answers under them: {} {} changed",
            self.changed,
            cards(self.changed)
        );
        if self.changed > 0 {
            s.push_str(&format!(
                " (stability by a factor of {:.2} on average)",
                self.factor
            ));
        }
        s.push_str(&format!(", {} unchanged", self.same));
        if self.left > 0 {
            s.push_str(&format!(
                ", {} left as {} (answered meanwhile, or progress without its log)",
                self.left,
                if self.left == 1 {
                    "it was"
                } else {
                    "they were"
                }
            ));
        }
        s.push_str(if reschedule {
            "; due dates moved to where the new parameters put them"
        } else {
            "; due dates kept (--reschedule moves them)"
        });
        s
    }
}

/// Recompute the stored state of every card of `log` (one pack's, grouped by item, oldest
/// first) under `scheduler`, and store what changed.
fn replay_pack(
    store: &mut Store,
    scheduler: &Scheduler,
    log: &[LoggedAnswer],
    reschedule: bool,
) -> anyhow::Result<Replayed> {
    let mut replayed = Replayed::default();
    let mut rewrites: Vec<(ItemKey, ItemProgress, ItemProgress)> = Vec::new();
    let mut factors = 0.0;
    for answers in log.chunk_by(|a, b| a.key == b.key) {
        let key = &answers[0].key;
        let Some(stored) = store.progress(key)? else {
            continue;
        };
        let grades: Vec<LoggedGrade> = answers
            .iter()
            .map(|a| LoggedGrade {
                at: a.at,
                rating: a.rating,
                before: a.state_before,
            })
            .collect();
        let Some(card) = restate(scheduler, &stored.card, &grades, reschedule) else {
            replayed.left += 1;
            continue;
        };
        if card == stored.card {
            replayed.same += 1;
            continue;
        }
        if let (Some(old), Some(new)) = (stored.card.memory, card.memory) {
            let r = new.stability / old.stability;
            factors += r.max(1.0 / r);
        }
        let new = ItemProgress {
            card,
            ..stored.clone()
        };
        rewrites.push((key.clone(), stored, new));
    }
    let written = store.rewrite_progress(&rewrites)?;
    replayed.changed = written;
    replayed.left += rewrites.len() - written;
    if !rewrites.is_empty() {
        replayed.factor = factors / rewrites.len() as f64;
    }
    Ok(replayed)
}

/// Arguments of the hidden `deckhand __answer-loop`.
#[derive(Debug, clap::Args)]
pub struct AnswerLoopArgs {
    /// Pack id to answer in.
    #[arg(long, default_value = "loop")]
    pub pack: String,
    /// Number of answers to give.
    #[arg(long, default_value_t = 1000)]
    pub count: u32,
    /// Number of distinct items (new ones keep coming, so the loop never runs dry).
    #[arg(long, default_value_t = 100_000)]
    pub items: u32,
}

/// Answer items in a loop; print `ack <n> <pack> <item> <time ms>` after each committed
/// answer. Exists for the kill and concurrency tests.
pub fn answer_loop(ctx: &Context, args: AnswerLoopArgs) -> anyhow::Result<u8> {
    if args.items == 0 {
        eprintln!("--items must be at least 1");
        return Ok(EXIT_USAGE);
    }
    let mut store = Store::open(&ctx.paths.database())?;
    store.set_pack_options(
        &args.pack,
        &PackOptions {
            new_per_day: Some(u32::MAX),
            reviews_per_day: Some(u32::MAX),
            ..store.pack_options(&args.pack)?
        },
    )?;
    let items: Vec<ItemKey> = (0..args.items)
        .map(|i| ItemKey::new(args.pack.as_str(), format!("item-{i}")))
        .collect();
    let clock = DayClock::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut n = 0;
    let mut session = store.start_review(&items, crate::systime::now(), clock)?;
    while n < args.count {
        let now = crate::systime::now();
        let key = match session.next(now) {
            Next::Card { key, .. } => key,
            Next::Wait(_) | Next::Done => {
                session = store.start_review(&items, now, clock)?;
                match session.next(now) {
                    Next::Card { key, .. } => key,
                    _ => anyhow::bail!("nothing left to answer; use more --items"),
                }
            }
        };
        let rating = Rating::ALL[(n % 4) as usize];
        let answered = store.answer(
            &mut session,
            &key,
            rating,
            AnswerMeta {
                kind: ItemKind::Basic,
                correct: None,
                answer_ms: 1000,
            },
            now,
        )?;
        n += 1;
        writeln!(
            out,
            "ack {n} {} {} {}",
            key.pack,
            key.item,
            answered.graded.at.timestamp_millis()
        )?;
        out.flush()?;
    }
    Ok(EXIT_OK)
}
