//! `deckhand cards [QUERY...]`: find cards as the card browser does (words, `is:state`,
//! `topic:`, `tag:`, `kind:`, `id:`, `pack:`), each with its state; `--flagged` lists the
//! flags learners put on cards, with their notes, for the pack's author. `--json` for
//! scripts. Reads only: on a data directory without progress it creates nothing.

use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::ready::{Access, Ready};
use super::{Context, EXIT_OK, EXIT_USAGE};
use crate::srs::State;
use crate::srs::queue::ItemProgress;
use crate::study::browse::{Index, ItemState, Query, StateFilter};
use crate::study::catalog::item_kind;
use crate::study::overview::read_all_progress;
use crate::study::{Catalog, ItemRef};

/// Arguments of `deckhand cards`.
#[derive(Debug, clap::Args)]
pub struct CardsArgs {
    /// Search words and filters, as in the card browser: `fargate is:due topic:logging
    /// tag:exam kind:typed id:awslogs` (states: new, learning, review, suspended, buried,
    /// leech, flagged, due).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only this pack.
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    /// Only cards in this state (repeatable): new, learning, review, suspended, buried,
    /// leech, flagged, due.
    #[arg(long, value_name = "STATE")]
    pub state: Vec<String>,
    /// List the flags learners put on cards, with their notes (for the pack's author).
    #[arg(long)]
    pub flagged: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run `deckhand cards`.
pub fn run(ctx: &Context, args: CardsArgs, out: &mut dyn Write) -> anyhow::Result<u8> {
    let mut words = args.query.join(" ");
    for s in &args.state {
        words.push_str(&format!(" is:{s}"));
    }
    let mut query = match Query::parse(&words) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let ready = Ready::open(ctx, Access::Read)?;
    if let Some(id) = &args.pack {
        if let Err(e) = ready.pack(id) {
            eprintln!("{e}");
            return Ok(EXIT_USAGE);
        }
        query.pack = Some(id.to_lowercase());
    }
    if args.flagged {
        query.states.push(StateFilter::Flagged);
    }
    let Ready {
        library,
        store,
        now,
        clock,
    } = ready;
    let cat = Catalog::new(library);
    let progress = read_all_progress(&cat, &store)?;
    let mut flags = vec![None; progress.len()];
    for flag in store.flags()? {
        if let Some(i) = cat.position(&flag.key.pack, &flag.key.item) {
            flags[i] = Some(flag);
        }
    }
    let found = Index::new(&cat).search(
        &query,
        |i| ItemState {
            progress: progress[i].as_ref(),
            flagged: flags[i].is_some(),
        },
        now,
        clock.day_end(now),
    );
    let items = cat.all_items();
    let rows: Vec<Value> = found
        .iter()
        .map(|&i| {
            let r = items[i];
            let mut row = describe(&cat, r, progress[i].as_ref(), now);
            if let Some(flag) = &flags[i] {
                row["flag"] = json!({
                    "note": flag.note,
                    "flagged_at": time(flag.flagged_at),
                });
            }
            row
        })
        .collect();
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    for row in &rows {
        let s = |k: &str| row[k].as_str().unwrap_or("").to_string();
        let mut line = format!(
            "{:<40} {:<9} {:<10} {:<10} {}",
            format!("{}/{}", s("pack"), s("item")),
            s("kind"),
            s("state"),
            row["due"].as_str().map_or("", |d| &d[..10.min(d.len())]),
            s("prompt")
        );
        if let Some(flag) = row.get("flag") {
            line = format!(
                "{:<40} flagged {}  \"{}\"  ({})",
                format!("{}/{}", s("pack"), s("item")),
                &flag["flagged_at"].as_str().unwrap_or("")[..10],
                flag["note"].as_str().unwrap_or(""),
                s("defined")
            );
        }
        writeln!(out, "{}", crate::interop::printable(&line))?;
    }
    let noun = if rows.len() == 1 { "card" } else { "cards" };
    writeln!(out, "{} {noun} of {}", rows.len(), items.len())?;
    Ok(EXIT_OK)
}

/// One item as JSON.
fn describe(cat: &Catalog, r: ItemRef, p: Option<&ItemProgress>, now: DateTime<Utc>) -> Value {
    let card = cat.card(r);
    let pack = cat.pack(r);
    let state = match p.map_or(State::New, |p| p.card.state) {
        State::New => "new",
        State::Learning => "learning",
        State::Relearning => "relearning",
        State::Review => "review",
    };
    let mut prompt = card.prompt(r.face).replace('\n', " ");
    if prompt.chars().count() > 70 {
        prompt = prompt.chars().take(69).collect::<String>() + "…";
    }
    json!({
        "pack": pack.id(),
        "card": card.id,
        "item": card.item_id(r.face),
        "kind": item_kind(card, r.face).label(),
        "topic": card.topic,
        "tags": card.tags,
        "state": state,
        "suspended": p.is_some_and(|p| p.suspended),
        "buried": p.is_some_and(|p| p.is_buried(now)),
        "leech": p.is_some_and(|p| p.leech),
        "due": p.and_then(|p| p.card.due).map(time),
        "stability": p.and_then(|p| p.card.memory).map(|m| m.stability),
        "difficulty": p.and_then(|p| p.card.memory).map(|m| m.difficulty),
        "reps": p.map_or(0, |p| p.card.reps),
        "lapses": p.map_or(0, |p| p.card.lapses),
        "defined": card.location.to_string(),
        "prompt": prompt,
    })
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}
