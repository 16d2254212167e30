//! Building [`Stats`] from the store and the loaded packs.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeDelta, Utc};

use super::{
    Bucket, CardCounts, DIFFICULTY_EDGES, Day, ExamPoint, FORECAST_DAYS, Forecast, HISTORY_DAYS,
    LEECHES_LISTED, Leech, Rate, Retention, STABILITY_EDGES, STATS_VERSION, Stats, Streak, Today,
    TopicMastery, Totals, Window,
};
use crate::content::{Card, CardBody, Face, Pack, Segment};
use crate::exam::face_of;
use crate::plan::{exam_time, recall_at};
use crate::srs::State;
use crate::srs::queue::DayClock;
use crate::store::{LogDay, Store, StoreError};

/// Compute every figure for `pack` (or every pack when `None`) at `now`. `packs` are the
/// loaded packs: they say which cards exist and which topic each belongs to.
pub fn compute(
    store: &Store,
    packs: &[Pack],
    pack: Option<&str>,
    now: DateTime<Utc>,
    clock: DayClock,
) -> Result<Stats, StoreError> {
    let today = clock.day_number(now);
    let log = store.log_days(pack, clock)?;
    let by_day: HashMap<i64, &LogDay> = log.iter().map(|d| (d.day, d)).collect();
    let empty = LogDay::default();
    let day_of = |d: i64| by_day.get(&d).copied().unwrap_or(&empty);

    let days: Vec<Day> = (today - HISTORY_DAYS as i64 + 1..=today)
        .map(|d| {
            let l = day_of(d);
            Day {
                date: date(d),
                answers: l.answers,
                new: l.new,
                learning: l.learning,
                review: l.review,
                right: l.right,
                minutes: minutes(l.answer_ms),
            }
        })
        .collect();
    let t = day_of(today);
    let today_figures = Today {
        date: date(today),
        cards: store.items_answered(
            pack,
            clock.day_start_of(today),
            clock.day_start_of(today + 1),
        )?,
        answers: t.answers,
        right: t.right,
        right_share: (t.answers > 0).then(|| f64::from(t.right) / f64::from(t.answers)),
        minutes: minutes(t.answer_ms),
    };
    let window = |n: i64| {
        let (mut yp, mut yf, mut mp, mut mf) = (0, 0, 0, 0);
        for l in log.iter().filter(|l| l.day > today - n && l.day <= today) {
            yp += l.young_pass;
            yf += l.young_fail;
            mp += l.mature_pass;
            mf += l.mature_fail;
        }
        Window {
            young: Rate::new(yp, yf),
            mature: Rate::new(mp, mf),
            all: Rate::new(yp + mp, yf + mf),
        }
    };
    let retention = Retention {
        days_7: window(7),
        days_30: window(30),
        days_365: window(365),
    };
    let studied: BTreeSet<i64> = log
        .iter()
        .filter(|l| l.answers > 0)
        .map(|l| l.day)
        .collect();
    let total = Totals {
        answers: log.iter().map(|l| u64::from(l.answers)).sum(),
        minutes: minutes(log.iter().map(|l| l.answer_ms).sum()),
        days_studied: studied.len() as u32,
    };

    let cards = Cards::read(store, packs, pack, now, clock, today)?;
    let exams = store
        .exam_history(pack)?
        .into_iter()
        .map(|e| ExamPoint {
            date: date(clock.day_number(e.finished)),
            pack: e.pack,
            profile: e.profile,
            title: e.title,
            score: e.score,
            pass_mark: e.pass_mark,
            passed: e.passed,
            right: e.right,
            total: e.total,
        })
        .collect();
    Ok(Stats {
        version: STATS_VERSION,
        generated: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        pack: pack.map(str::to_string),
        today: today_figures,
        days,
        forecast: cards.forecast,
        retention,
        cards: cards.counts,
        topics: cards.topics,
        streak: streak(&studied, today),
        total,
        leeches: cards.leeches,
        exams,
        stability: buckets(&STABILITY_EDGES, &cards.stability),
        difficulty: buckets(&DIFFICULTY_EDGES, &cards.difficulty),
    })
}

/// The figures that come from the card states.
struct Cards {
    counts: CardCounts,
    topics: Vec<TopicMastery>,
    forecast: Vec<Forecast>,
    leeches: Vec<Leech>,
    stability: Vec<f64>,
    difficulty: Vec<f64>,
}

/// One pack in scope: what its rows are matched against.
struct PackScope<'p> {
    pack: &'p Pack,
    params: crate::srs::Parameters,
    exam_at: Option<DateTime<Utc>>,
    exam_date: Option<String>,
    /// Card id -> the card and its topic index.
    topic_of: HashMap<&'p str, (&'p Card, usize)>,
    topics: Vec<Mastery>,
}

impl Cards {
    fn read(
        store: &Store,
        packs: &[Pack],
        pack: Option<&str>,
        now: DateTime<Utc>,
        clock: DayClock,
        today: i64,
    ) -> Result<Cards, StoreError> {
        let mut scopes: HashMap<&str, PackScope<'_>> = HashMap::new();
        let mut order = Vec::new();
        for p in packs.iter().filter(|p| pack.is_none_or(|id| p.id() == id)) {
            let settings = store.pack_settings(p.id())?;
            let plan = store.exam_plan(p.id())?;
            let topic_index: HashMap<&str, usize> = p
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), i))
                .collect();
            let mut topics = vec![Mastery::default(); p.topics.len()];
            let mut topic_of = HashMap::with_capacity(p.cards.len());
            for card in &p.cards {
                if let Some(&ti) = topic_index.get(card.topic.as_str()) {
                    topics[ti].cards += face_count(card);
                    topic_of.insert(card.id.as_str(), (card, ti));
                }
            }
            order.push(p.id());
            scopes.insert(
                p.id(),
                PackScope {
                    pack: p,
                    params: settings.scheduler.config().parameters.clone(),
                    exam_at: plan.map(|pl| exam_time(clock, pl.exam_date)),
                    exam_date: plan.map(|pl| pl.exam_date.format("%Y-%m-%d").to_string()),
                    topic_of,
                    topics,
                },
            );
        }
        let mut out = Cards {
            counts: CardCounts::default(),
            topics: Vec::new(),
            forecast: (0..FORECAST_DAYS)
                .map(|i| Forecast {
                    date: date(today + i as i64),
                    due: 0,
                })
                .collect(),
            leeches: Vec::new(),
            stability: Vec::new(),
            difficulty: Vec::new(),
        };
        store.for_each_card(pack, |row| {
            let Some(scope) = scopes.get_mut(row.pack) else {
                return;
            };
            // Rows of items a card no longer has (a removed reverse side or cloze gap) are
            // left out, as the queue leaves them out.
            let card_id = row.item.split(':').next().unwrap_or(row.item);
            let Some(&(card, ti)) = scope.topic_of.get(card_id) else {
                return;
            };
            if !has_face(card, row.item) {
                return;
            }
            let m = &mut scope.topics[ti];
            if row.leech {
                out.counts.leeches += 1;
                out.leeches.push(Leech {
                    pack: row.pack.to_string(),
                    item: row.item.to_string(),
                    lapses: row.lapses,
                    suspended: row.suspended,
                });
            }
            if row.suspended {
                m.suspended += 1;
                return;
            }
            match row.state {
                State::New => return,
                State::Learning | State::Relearning => m.learning += 1,
                State::Review => m.known += 1,
            }
            if let Some(due) = row.due {
                let d = (clock.day_number(due) - today).max(0) as usize;
                if let Some(f) = out.forecast.get_mut(d) {
                    f.due += 1;
                }
            }
            if let (Some(s), Some(last)) = (row.stability, row.last_review) {
                m.recall_now.push(recall_at(&scope.params, s, last, now));
                if let Some(at) = scope.exam_at {
                    m.recall_exam.push(recall_at(&scope.params, s, last, at));
                }
                out.stability.push(s);
            }
            if let Some(d) = row.difficulty {
                out.difficulty.push(d);
            }
        })?;
        for id in order {
            let Some(scope) = scopes.remove(id) else {
                continue;
            };
            for (t, m) in scope.pack.topics.iter().zip(scope.topics) {
                let new = m.cards - m.learning - m.known - m.suspended;
                out.counts.total += m.cards;
                out.counts.new += new;
                out.counts.learning += m.learning;
                out.counts.known += m.known;
                out.counts.suspended += m.suspended;
                out.topics.push(TopicMastery {
                    pack: scope.pack.id().to_string(),
                    topic: t.id.clone(),
                    title: t.title.clone(),
                    cards: m.cards,
                    new,
                    learning: m.learning,
                    known: m.known,
                    suspended: m.suspended,
                    recall_now: mean(&m.recall_now),
                    recall_at_exam: scope.exam_at.and(mean(&m.recall_exam)),
                    exam_date: scope.exam_date.clone(),
                });
            }
        }
        out.leeches.sort_by(|a, b| {
            b.lapses
                .cmp(&a.lapses)
                .then_with(|| (&a.pack, &a.item).cmp(&(&b.pack, &b.item)))
        });
        out.leeches.truncate(LEECHES_LISTED);
        Ok(out)
    }
}

/// One topic's counts while they are gathered.
#[derive(Debug, Clone, Default)]
struct Mastery {
    cards: u32,
    learning: u32,
    known: u32,
    suspended: u32,
    recall_now: Vec<f64>,
    recall_exam: Vec<f64>,
}

/// How many study items `card` has (as [`Card::faces`], without allocating).
pub(super) fn face_count(card: &Card) -> u32 {
    match &card.body {
        CardBody::Basic { reverse: true, .. } => 2,
        CardBody::Cloze { text } => {
            let mut seen = 0u64;
            let mut big = Vec::new();
            for s in &text.segments {
                if let Segment::Deletion { n, .. } = s {
                    match 1u64.checked_shl(*n) {
                        Some(bit) => seen |= bit,
                        None if !big.contains(n) => big.push(*n),
                        None => {}
                    }
                }
            }
            seen.count_ones() + big.len() as u32
        }
        _ => 1,
    }
}

/// Whether `item` is one of `card`'s study items.
pub(super) fn has_face(card: &Card, item: &str) -> bool {
    match (face_of(item), &card.body) {
        (Face::Front, CardBody::Cloze { .. }) => false,
        (Face::Front, _) => item.len() == card.id.len(),
        (Face::Reverse, CardBody::Basic { reverse, .. }) => *reverse,
        (Face::Cloze(n), CardBody::Cloze { text }) => text
            .segments
            .iter()
            .any(|s| matches!(s, Segment::Deletion { n: m, .. } if *m == n)),
        _ => false,
    }
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

fn streak(studied: &BTreeSet<i64>, today: i64) -> Streak {
    let mut current = 0;
    let mut day = if studied.contains(&today) {
        today
    } else {
        today - 1
    };
    while studied.contains(&day) {
        current += 1;
        day -= 1;
    }
    let (mut longest, mut run, mut prev) = (0, 0, None);
    for &d in studied {
        run = if prev == Some(d - 1) { run + 1 } else { 1 };
        longest = longest.max(run);
        prev = Some(d);
    }
    Streak { current, longest }
}

fn buckets(edges: &[f64], values: &[f64]) -> Vec<Bucket> {
    let mut out: Vec<Bucket> = edges
        .iter()
        .enumerate()
        .map(|(i, &from)| Bucket {
            from,
            to: edges.get(i + 1).copied(),
            count: 0,
        })
        .collect();
    for &v in values {
        let i = edges.partition_point(|&e| e <= v).saturating_sub(1);
        out[i].count += 1;
    }
    out
}

/// The calendar date of study day `day`.
fn date(day: i64) -> String {
    (NaiveDate::default() + TimeDelta::days(day))
        .format("%Y-%m-%d")
        .to_string()
}

fn minutes(ms: u64) -> f64 {
    (ms as f64 / 60_000.0 * 10.0).round() / 10.0
}
