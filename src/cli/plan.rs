//! `deckhand plan [--exam DATE] [--minutes-per-day N] [--target R] [--pack ID] [--json]`:
//! set the exam date (and a daily budget, a target retention) of a pack, and show the plan to
//! it. The settings are stored; the trainer's Home shows the same plan in one line.

use std::io::Write;

use chrono::NaiveDate;

use super::pack::printable;
use super::ready::{Access, Ready};
use super::stats::plural;
use super::{Context, EXIT_FAILURE, EXIT_OK, EXIT_USAGE};
use crate::plan::{Plan, PlanInput, PlanSettings, day_number_of, percent};

/// Arguments of `deckhand plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The exam date, YYYY-MM-DD (stored for the pack; today or later).
    #[arg(long, value_name = "DATE")]
    pub exam: Option<NaiveDate>,
    /// Minutes a day you can study (0 removes the budget).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1440))]
    pub minutes_per_day: Option<u32>,
    /// The share of cards to recall on the exam day: 0.5 to 0.99, or 50 to 99 (percent).
    #[arg(long, value_name = "R")]
    pub target: Option<f64>,
    /// The pack (default: the built-in pack).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Remove the pack's exam date and plan.
    #[arg(long, conflicts_with_all = ["exam", "minutes_per_day", "target"])]
    pub clear: bool,
    /// Print JSON (the form is documented in README.md).
    #[arg(long)]
    pub json: bool,
}

/// Run `deckhand plan`.
pub fn run(ctx: &Context, args: PlanArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let changes = args.clear
        || args.exam.is_some()
        || args.minutes_per_day.is_some()
        || args.target.is_some();
    let access = if changes { Access::Write } else { Access::Read };
    let mut ready = Ready::open(ctx, access)?;
    let pack = match ready.pack_or_builtin(args.pack.as_deref()) {
        Ok(p) => p.id().to_string(),
        Err(message) => {
            eprintln!("{message}");
            return Ok(EXIT_USAGE);
        }
    };
    if args.clear {
        ready.store.clear_exam_plan(&pack)?;
        writeln!(out, "Removed the exam date of {}.", printable(&pack))?;
        return Ok(EXIT_OK);
    }
    let stored = ready.store.exam_plan(&pack)?;
    let target = match args.target.map(|t| if t > 1.0 { t / 100.0 } else { t }) {
        Some(t) if !(0.5..=0.99).contains(&t) => {
            eprintln!(
                "error: a target of {} is out of range\nhelp: give a share from 0.5 to 0.99 (or 50 to 99)",
                args.target.unwrap_or_default()
            );
            return Ok(EXIT_USAGE);
        }
        other => other,
    };
    let exam_date = match (args.exam, stored) {
        (Some(date), _) => date,
        (None, Some(s)) => s.exam_date,
        (None, None) => {
            eprintln!(
                "error: pack {} has no exam date\nhelp: set one with `deckhand plan --exam YYYY-MM-DD`",
                printable(&pack)
            );
            return Ok(if changes { EXIT_USAGE } else { EXIT_FAILURE });
        }
    };
    if args.exam.is_some() && day_number_of(exam_date) < ready.clock.day_number(ready.now) {
        eprintln!(
            "error: the exam date {exam_date} is in the past\nhelp: give today's date or a later one"
        );
        return Ok(EXIT_USAGE);
    }
    let settings = PlanSettings {
        exam_date,
        minutes_per_day: match args.minutes_per_day {
            Some(0) => None,
            Some(m) => Some(m),
            None => stored.and_then(|s| s.minutes_per_day),
        },
        target_retention: target.or(stored.and_then(|s| s.target_retention)),
    };
    if changes {
        ready.store.set_exam_plan(&pack, &settings)?;
    }
    let pack = ready.pack(&pack).map_err(anyhow::Error::msg)?;
    let plan = Plan::compute(&PlanInput::read(
        &ready.store,
        pack,
        settings,
        ready.now,
        ready.clock,
    )?);
    if args.json {
        let mut value = serde_json::to_value(&plan)?;
        value["pack"] = serde_json::Value::String(pack.id().to_string());
        value["summary"] = serde_json::Value::String(plan.summary());
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        text(
            &plan,
            &printable(pack.id()),
            &printable(&pack.manifest.title),
            out,
        )?;
    }
    Ok(EXIT_OK)
}

fn text(p: &Plan, id: &str, title: &str, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "Plan for {id} ({title}): exam on {}", p.exam_date)?;
    writeln!(out, "{}", p.summary())?;
    writeln!(out)?;
    writeln!(
        out,
        "Cards            {} ({} never studied)",
        p.cards, p.new_cards
    )?;
    if p.new_cards > 0 {
        writeln!(
            out,
            "New a day        {} to see every card before the exam",
            p.new_per_day
        )?;
    }
    match (p.minutes_per_day, p.budget_new_per_day) {
        (Some(m), Some(allowed)) => writeln!(
            out,
            "Budget           {} a day: room for {allowed} new a day",
            plural(m, "minute", "minutes")
        )?,
        _ => writeln!(
            out,
            "Budget           none (set one with --minutes-per-day)"
        )?,
    }
    writeln!(
        out,
        "Expected time    {:.0} min a day on average, {:.0} on the busiest day, at {:.0} s an answer ({})",
        p.expected_minutes,
        p.peak_minutes,
        p.pace.secs_per_answer,
        if p.pace.measured {
            "your own pace"
        } else {
            "a default until you have answered 20"
        }
    )?;
    writeln!(
        out,
        "Recall on exam   {} predicted following the plan (target {}); {} with no more study",
        percent(p.predicted_recall),
        percent(p.target),
        percent(p.recall_if_idle)
    )?;
    if p.review_ahead > 0 {
        writeln!(
            out,
            "Review ahead     {} in the last days, for cards that would fall below the target",
            plural(p.review_ahead, "review", "reviews")
        )?;
    }
    if p.days.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Day          new  reviews  ahead  minutes")?;
    let n = p.days.len();
    for (i, d) in p.days.iter().enumerate() {
        if n > 14 && i == 7 {
            writeln!(out, "  … {} more days", n - 14)?;
        }
        if n > 14 && (7..n - 7).contains(&i) {
            continue;
        }
        writeln!(
            out,
            "{}  {:>4}  {:>7}  {:>5}  {:>7.0}",
            d.date, d.new, d.reviews, d.ahead, d.minutes
        )?;
    }
    Ok(())
}
