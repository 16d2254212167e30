//! `deckhand optimize [--pack ID]`: fit FSRS-6 parameters to the user's own review log with
//! the `fsrs` crate, show old and new log loss and RMSE, and store the parameters per pack.
//!
//! Also the hidden `deckhand __answer-loop`, which answers items in a loop and acknowledges
//! each committed answer on stdout (used by the kill and concurrency tests).

use std::collections::BTreeMap;
use std::io::Write;

use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::interop::Progress as _;
use crate::srs::fit::{self, Review};
use crate::srs::queue::{DayClock, ItemKey, Next};
use crate::srs::{DEFAULT_PARAMETERS, PackOptions, Rating};
use crate::store::{AnswerMeta, ItemKind, LoggedAnswer, Store};

/// Reviews (a day or more after the previous answer to the same item) needed before fitting.
pub const MIN_REVIEWS: usize = 400;

/// Arguments of `deckhand optimize`.
#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// Optimise only this pack (default: every pack with reviews, each on its own).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Minimum number of long-term reviews required.
    #[arg(long, default_value_t = MIN_REVIEWS, hide = true)]
    pub min_reviews: usize,
}

/// Run `deckhand optimize`.
pub fn run(ctx: &Context, args: OptimizeArgs) -> anyhow::Result<u8> {
    let path = ctx.paths.database();
    let mut store = Store::open(&path)?;
    let log = store.review_log(args.pack.as_deref())?;
    let mut by_pack: BTreeMap<String, Vec<LoggedAnswer>> = BTreeMap::new();
    for a in log {
        by_pack.entry(a.key.pack.clone()).or_default().push(a);
    }
    if let Some(pack) = &args.pack {
        by_pack.entry(pack.clone()).or_default();
    }
    if by_pack.is_empty() {
        writeln!(
            std::io::stdout(),
            "No reviews yet in {}: nothing to optimise.",
            path.display()
        )?;
        return Ok(EXIT_OK);
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
        let items = fit::training_items(&reviews);
        if items.len() < args.min_reviews {
            writeln!(
                std::io::stdout(),
                "{pack}: not enough reviews to optimise yet: {} of the {} needed. FSRS fits 21 \
                 parameters to reviews that come a day or more after the previous answer to the \
                 same item; with fewer the fit follows noise. Keep reviewing ({} more) and run \
                 `deckhand optimize` again; until then the default parameters are used.",
                items.len(),
                args.min_reviews,
                args.min_reviews - items.len()
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
        let fit = fit::fit_with_progress(&current, &items, &mut |done, total| {
            bar.set(done as u64, total as u64)
        });
        bar.finish();
        let fit = fit?;
        let mut out = std::io::stdout();
        writeln!(out, "{pack}: {} reviews", items.len())?;
        writeln!(out, "  {:<10} {:>10} {:>10}", "", "log loss", "RMSE")?;
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
        } else if fit.keep {
            let shown: Vec<String> = fit.parameters.iter().map(|w| format!("{w:.4}")).collect();
            options.parameters = Some(fit.parameters);
            store.set_pack_options(&pack, &options)?;
            writeln!(
                out,
                "  stored the fitted parameters for {pack}: {}",
                shown.join(", ")
            )?;
        } else {
            writeln!(
                out,
                "  the fitted parameters do not predict better; keeping the current ones"
            )?;
        }
    }
    Ok(code)
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
