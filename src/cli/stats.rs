//! `deckhand stats [--pack ID] [--json]`: the statistics of the trainer's stats screen, as
//! text or as JSON for scripts (the form is documented in README.md).

use std::io::Write;

use super::pack::printable;
use super::ready::{Access, Ready};
use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::plan::percent;
use crate::stats::{self, Rate, Stats};

/// Arguments of `deckhand stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Only this pack (default: every pack).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Print JSON (the form is documented in README.md).
    #[arg(long)]
    pub json: bool,
}

/// Run `deckhand stats`. Reads only: an empty data directory shows zeros and creates nothing.
pub fn run(ctx: &Context, args: StatsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let ready = Ready::open(ctx, Access::Read)?;
    if let Some(id) = &args.pack
        && let Err(message) = ready.pack(id)
    {
        eprintln!("{message}");
        return Ok(EXIT_USAGE);
    }
    let stats = stats::compute(
        &ready.store,
        &ready.library.packs,
        args.pack.as_deref(),
        ready.now,
        ready.clock,
    )?;
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&stats)?)?;
    } else {
        text(&stats, out)?;
    }
    Ok(EXIT_OK)
}

fn text(s: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
    let scope = s
        .pack
        .as_deref()
        .map_or("every pack".to_string(), printable);
    writeln!(out, "Statistics of {scope} · {}", s.today.date)?;
    writeln!(out)?;
    let t = &s.today;
    let right = t
        .right_share
        .map_or(String::new(), |r| format!(", {} right", percent(r)));
    writeln!(
        out,
        "Today         {} · {} · {:.1} min{right}",
        plural(t.cards, "card", "cards"),
        plural(t.answers, "answer", "answers"),
        t.minutes
    )?;
    for n in [7, 30, 365] {
        let days = s.last_days(n);
        let answers: u32 = days.iter().map(|d| d.answers).sum();
        let active = days.iter().filter(|d| d.answers > 0).count() as u32;
        let minutes: f64 = days.iter().map(|d| d.minutes).sum();
        writeln!(
            out,
            "{:<13} {} on {} · {:.0} min",
            format!("Last {n} days"),
            plural(answers, "answer", "answers"),
            plural(active, "day", "days"),
            minutes
        )?;
    }
    writeln!(
        out,
        "Streak        {} (longest {})",
        plural(s.streak.current, "day", "days"),
        s.streak.longest
    )?;
    writeln!(
        out,
        "All time      {} · {:.1} h on {}",
        plural(
            s.total.answers.min(u64::from(u32::MAX)) as u32,
            "answer",
            "answers"
        ),
        s.total.minutes / 60.0,
        plural(s.total.days_studied, "day", "days")
    )?;
    let c = &s.cards;
    writeln!(
        out,
        "Cards         {}: {} new, {} learning, {} known, {} suspended, {}",
        c.total,
        c.new,
        c.learning,
        c.known,
        c.suspended,
        plural(c.leeches, "leech", "leeches")
    )?;
    let due = |n: usize| s.forecast.iter().take(n).map(|f| f.due).sum::<u32>();
    writeln!(
        out,
        "Due           today {} · tomorrow {} · 7 days {} · 30 days {}",
        due(1),
        s.forecast.get(1).map_or(0, |f| f.due),
        due(7),
        due(30)
    )?;
    writeln!(out)?;
    writeln!(out, "True retention   young         mature        all")?;
    for (label, w) in [
        ("last 7 days", &s.retention.days_7),
        ("last 30 days", &s.retention.days_30),
        ("last 365 days", &s.retention.days_365),
    ] {
        writeln!(
            out,
            "  {label:<14} {:<13} {:<13} {}",
            rate(&w.young),
            rate(&w.mature),
            rate(&w.all)
        )?;
    }
    if !s.exams.is_empty() {
        writeln!(out)?;
        writeln!(out, "Mock exams (oldest first)")?;
        for e in &s.exams {
            writeln!(
                out,
                "  {}  {:<24} {:>4}  {}  {}/{}",
                e.date,
                printable(&e.title),
                e.score,
                if e.passed { "pass" } else { "fail" },
                e.right,
                e.total
            )?;
        }
    }
    writeln!(out)?;
    let exam = s.topics.iter().any(|t| t.recall_at_exam.is_some());
    write!(
        out,
        "{:<44} {:>5} {:>5} {:>5} {:>5} {:>7}",
        "Topic", "cards", "new", "learn", "known", "recall"
    )?;
    writeln!(out, "{}", if exam { "  at exam" } else { "" })?;
    for t in &s.topics {
        let title: String = printable(&t.title).chars().take(44).collect();
        write!(
            out,
            "{title:<44} {:>5} {:>5} {:>5} {:>5} {:>7}",
            t.cards,
            t.new,
            t.learning,
            t.known,
            t.recall_now.map_or("-".to_string(), percent)
        )?;
        match t.recall_at_exam {
            Some(r) if exam => writeln!(out, "  {:>7}", percent(r))?,
            _ => writeln!(out)?,
        }
    }
    if !s.leeches.is_empty() {
        writeln!(out)?;
        writeln!(out, "Leeches (most lapses first)")?;
        for l in &s.leeches {
            writeln!(
                out,
                "  {}/{}  {} lapses{}",
                printable(&l.pack),
                printable(&l.item),
                l.lapses,
                if l.suspended { ", suspended" } else { "" }
            )?;
        }
    }
    Ok(())
}

fn rate(r: &Rate) -> String {
    match r.share {
        Some(x) => format!("{} of {}", percent(x), r.passed + r.failed),
        None => "-".to_string(),
    }
}

/// `1 card`, `2 cards`.
pub(super) fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
