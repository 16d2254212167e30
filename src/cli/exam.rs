//! `deckhand exam [--history] [--pack ID] [--json]`: the mock exams the packs offer (with how
//! each went so far, and the unfinished one to resume), or the history of finished exams
//! with their results per domain. Exams are taken in the trainer.

use std::io::Write;

use chrono::SecondsFormat;
use serde_json::{Value, json};

use super::pack::printable;
use super::ready::{Access, Ready};
use super::stats::plural;
use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::store::ExamRecord;

/// Arguments of `deckhand exam`.
#[derive(Debug, clap::Args)]
pub struct ExamArgs {
    /// List the finished exams, oldest first, with their results per domain.
    #[arg(long)]
    pub history: bool,
    /// Only this pack (default: every pack).
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Print JSON (the form is documented in README.md).
    #[arg(long)]
    pub json: bool,
}

/// Run `deckhand exam`. Reads only: an empty data directory creates nothing.
pub fn run(ctx: &Context, args: ExamArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let ready = Ready::open(ctx, Access::Read)?;
    if let Some(id) = &args.pack
        && let Err(message) = ready.pack(id)
    {
        eprintln!("{message}");
        return Ok(EXIT_USAGE);
    }
    let history = ready.store.exam_history(args.pack.as_deref())?;
    if args.history {
        if args.json {
            let list: Vec<Value> = history.iter().map(record_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        } else {
            history_text(&history, out)?;
        }
        return Ok(EXIT_OK);
    }
    let mut profiles = Vec::new();
    for pack in &ready.library.packs {
        if args.pack.as_deref().is_some_and(|id| id != pack.id()) {
            continue;
        }
        for e in &pack.exams {
            let taken: Vec<&ExamRecord> = history
                .iter()
                .filter(|h| h.pack == pack.id() && h.profile == e.id)
                .collect();
            let quotas = e.quotas();
            profiles.push(json!({
                "pack": pack.id(),
                "id": e.id,
                "title": e.title,
                "questions": e.questions,
                "minutes": e.minutes,
                "pass_mark": e.pass_mark,
                "kinds": e.kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
                "domains": e.domains.iter().zip(quotas).map(|(d, q)| json!({
                    "domain": d.domain.key(),
                    "weight": d.weight,
                    "questions": q,
                })).collect::<Vec<_>>(),
                "taken": taken.len(),
                "last_score": taken.last().map(|h| h.score),
                "best_score": taken.iter().map(|h| h.score).max(),
            }));
        }
    }
    let unfinished = ready
        .store
        .unfinished_exam(ready.now)?
        .filter(|e| args.pack.as_deref().is_none_or(|id| id == e.pack))
        .map(|e| {
            json!({
                "id": e.id,
                "pack": e.pack,
                "profile": e.profile,
                "title": e.title,
                "questions": e.questions.len(),
                "answered": e.answered(),
                "flagged": e.flagged(),
                "seconds_left": e.remaining(ready.now).as_secs(),
                "started": e.started.to_rfc3339_opts(SecondsFormat::Secs, true),
            })
        });
    if args.json {
        let value = json!({ "profiles": profiles, "unfinished": unfinished });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(EXIT_OK);
    }
    if profiles.is_empty() {
        writeln!(out, "No pack defines a mock exam ([[exams]] in pack.toml).")?;
        return Ok(EXIT_OK);
    }
    writeln!(out, "Mock exams")?;
    for p in &profiles {
        let s = |k: &str| printable(p[k].as_str().unwrap_or_default());
        let n = |k: &str| p[k].as_u64().unwrap_or_default();
        let record = match (
            n("taken"),
            p["last_score"].as_u64(),
            p["best_score"].as_u64(),
        ) {
            (0, ..) => "not taken yet".to_string(),
            (t, Some(last), Some(best)) => format!("taken {t}×, last {last}, best {best}"),
            (t, ..) => format!("taken {t}×"),
        };
        writeln!(
            out,
            "  {}/{}  {}: {} questions, {} min, pass {} · {record}",
            s("pack"),
            s("id"),
            s("title"),
            n("questions"),
            n("minutes"),
            n("pass_mark"),
        )?;
    }
    if let Some(u) = &unfinished {
        let n = |k: &str| u[k].as_u64().unwrap_or_default();
        writeln!(
            out,
            "\nUnfinished: {} ({}), {} of {} answered, {} left. The trainer resumes it.",
            printable(u["title"].as_str().unwrap_or_default()),
            printable(u["pack"].as_str().unwrap_or_default()),
            n("answered"),
            n("questions"),
            plural((n("seconds_left") / 60) as u32, "minute", "minutes"),
        )?;
    }
    writeln!(
        out,
        "\nTake one from Home in the trainer; `deckhand exam --history` lists the results."
    )?;
    Ok(EXIT_OK)
}

fn record_json(h: &ExamRecord) -> Value {
    json!({
        "id": h.id,
        "pack": h.pack,
        "profile": h.profile,
        "title": h.title,
        "started": h.started.to_rfc3339_opts(SecondsFormat::Secs, true),
        "finished": h.finished.to_rfc3339_opts(SecondsFormat::Secs, true),
        "score": h.score,
        "pass_mark": h.pass_mark,
        "passed": h.passed,
        "right": h.right,
        "total": h.total,
        "auto_submitted": h.auto_submitted,
        "seconds_used": h.time_used.as_secs(),
        "seconds_allowed": h.time_limit.as_secs(),
        "domains": h.domains.iter().map(|d| json!({
            "domain": d.domain,
            "right": d.right,
            "total": d.total,
        })).collect::<Vec<_>>(),
    })
}

fn history_text(history: &[ExamRecord], out: &mut dyn Write) -> std::io::Result<()> {
    if history.is_empty() {
        return writeln!(out, "No mock exam finished yet.");
    }
    for h in history {
        writeln!(
            out,
            "{}  {}/{}  {}  {} {}  {}/{} right  {} of {} min{}",
            h.finished.format("%Y-%m-%d %H:%M"),
            printable(&h.pack),
            printable(&h.profile),
            printable(&h.title),
            h.score,
            if h.passed { "pass" } else { "fail" },
            h.right,
            h.total,
            h.time_used.as_secs().div_ceil(60),
            h.time_limit.as_secs() / 60,
            if h.auto_submitted {
                " (time ran out)"
            } else {
                ""
            }
        )?;
        let domains: Vec<String> = h
            .domains
            .iter()
            .map(|d| format!("{} {}/{}", printable(&d.domain), d.right, d.total))
            .collect();
        writeln!(out, "    {}", domains.join(" · "))?;
    }
    Ok(())
}
