//! What the front end does with the store: review sessions (answer, undo, bury, suspend),
//! quiz/exam session records, home-screen counts, today's figures, the streak, per-pack
//! settings and the review history for the optimiser.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

use super::{Store, StoreError, from_ms, to_ms};
use crate::srs::queue::{
    Counts, DailyLimits, DayClock, DoneToday, Graded, ItemKey, ItemProgress, LeechPolicy, Next,
    PackSettings, QueueInput, Session,
};
use crate::srs::{
    CardState, Fuzz, GradePreview, Memory, Parameters, Rating, Scheduler, SchedulerConfig, State,
};

/// The kind of card an answer was given on (stored in the review log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardKind {
    /// Front/back flashcard.
    Basic,
    /// The reversed side of a flashcard.
    Reverse,
    /// One deletion of a cloze card.
    Cloze,
    /// Multiple choice, one right answer.
    Choice,
    /// Multiple response.
    Multi,
    /// Typed answer.
    Typed,
    /// True/false.
    TrueFalse,
    /// Predict the outcome.
    Predict,
}

impl CardKind {
    /// The short label stored in the log.
    pub fn label(self) -> &'static str {
        match self {
            CardKind::Basic => "basic",
            CardKind::Reverse => "reverse",
            CardKind::Cloze => "cloze",
            CardKind::Choice => "choice",
            CardKind::Multi => "multi",
            CardKind::Typed => "typed",
            CardKind::TrueFalse => "truefalse",
            CardKind::Predict => "predict",
        }
    }

    /// The kind with label `label`.
    pub fn from_label(label: &str) -> Option<CardKind> {
        [
            CardKind::Basic,
            CardKind::Reverse,
            CardKind::Cloze,
            CardKind::Choice,
            CardKind::Multi,
            CardKind::Typed,
            CardKind::TrueFalse,
            CardKind::Predict,
        ]
        .into_iter()
        .find(|k| k.label() == label)
    }
}

/// What the front end knows about an answer besides the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerMeta {
    /// The card kind.
    pub kind: CardKind,
    /// Whether the answer was right; `None` for self-graded flashcards.
    pub correct: Option<bool>,
    /// Time taken to answer, in milliseconds.
    pub answer_ms: u32,
}

/// Kinds of session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// Today's scheduled review: changes card states.
    Review,
    /// Quiz (cram): never changes card states; only the summary is stored.
    Quiz,
    /// Exam simulation: only the summary is stored.
    Exam,
}

impl SessionKind {
    fn label(self) -> &'static str {
        match self {
            SessionKind::Review => "review",
            SessionKind::Quiz => "quiz",
            SessionKind::Exam => "exam",
        }
    }

    fn from_label(s: &str) -> Option<SessionKind> {
        match s {
            "review" => Some(SessionKind::Review),
            "quiz" => Some(SessionKind::Quiz),
            "exam" => Some(SessionKind::Exam),
            _ => None,
        }
    }
}

/// Counts of one session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionTally {
    /// Answers given.
    pub answered: u32,
    /// Answers known to be right (right/wrong cards; self-graded ones rated Hard or better).
    pub correct: u32,
    /// Answers known to be wrong (or rated Again).
    pub wrong: u32,
    /// New items seen for the first time.
    pub new_seen: u32,
}

impl SessionTally {
    fn add(&mut self, right: bool, was_new: bool, sign: i32) {
        let bump = |v: &mut u32| {
            *v = if sign > 0 {
                v.saturating_add(1)
            } else {
                v.saturating_sub(1)
            }
        };
        bump(&mut self.answered);
        bump(if right {
            &mut self.correct
        } else {
            &mut self.wrong
        });
        if was_new {
            bump(&mut self.new_seen);
        }
    }
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    /// Row id.
    pub id: i64,
    /// Review, quiz or exam.
    pub kind: SessionKind,
    /// Start time.
    pub started: DateTime<Utc>,
    /// End time; `None` if it was never finished (the program was killed).
    pub ended: Option<DateTime<Utc>>,
    /// The counts.
    pub tally: SessionTally,
}

/// Today's figures for the home screen.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TodayStats {
    /// Answers given today (review sessions).
    pub answers: u32,
    /// Distinct items answered today.
    pub items: u32,
    /// Right answers today (the right/wrong flag, or Hard or better when self-graded).
    pub right: u32,
    /// `right / answers`; `None` before the first answer.
    pub retention: Option<f64>,
}

/// One row of the review log.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedAnswer {
    /// Row id.
    pub id: i64,
    /// The item.
    pub key: ItemKey,
    /// When.
    pub at: DateTime<Utc>,
    /// The grade.
    pub rating: Rating,
    /// Time taken, ms.
    pub answer_ms: u32,
    /// Card kind label.
    pub kind: String,
    /// Right/wrong flag.
    pub correct: Option<bool>,
    /// The review session it belongs to.
    pub session_id: Option<i64>,
    /// State before the answer.
    pub state_before: State,
}

/// Per-pack settings as stored; `None` means "use the default".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PackOptions {
    /// Desired retention (default 0.9).
    pub desired_retention: Option<f64>,
    /// New items per day (default 20).
    pub new_per_day: Option<u32>,
    /// Reviews per day (default 200).
    pub reviews_per_day: Option<u32>,
    /// Maximum interval in days (default 36500).
    pub maximum_interval: Option<u32>,
    /// Lapses that make a leech (default 8).
    pub leech_threshold: Option<u32>,
    /// Whether leeches are suspended (default yes).
    pub leech_suspend: Option<bool>,
    /// Fitted FSRS parameters (from `deckhand optimize`).
    pub parameters: Option<Vec<f64>>,
}

/// A review session bound to the store: [`Store::start_review`] builds it; the front end loops
/// over [`StudySession::next`], shows [`StudySession::preview`] on the grade buttons and
/// records grades with [`Store::answer`].
#[derive(Debug)]
pub struct StudySession {
    inner: Session,
    id: i64,
    log_ids: Vec<i64>,
    tally: SessionTally,
    clock: DayClock,
}

impl StudySession {
    /// The next item to show at `now` (see [`Session::next`]).
    pub fn next(&mut self, now: DateTime<Utc>) -> Next {
        self.inner.next(now)
    }

    /// New / learning / review items left.
    pub fn counts(&self) -> Counts {
        self.inner.counts()
    }

    /// What each grade would do (next state and interval), Again first.
    pub fn preview(&self, key: &ItemKey, now: DateTime<Utc>) -> Option<[GradePreview; 4]> {
        self.inner.preview(key, now)
    }

    /// The item's current progress.
    pub fn progress(&self, key: &ItemKey) -> Option<&ItemProgress> {
        self.inner.progress(key)
    }

    /// This session's counts so far.
    pub fn tally(&self) -> SessionTally {
        self.tally
    }

    /// The session's row id.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Whether there is an answer to undo.
    pub fn can_undo(&self) -> bool {
        self.inner.last_answer().is_some()
    }

    /// The pure queue inside (for tests and tools).
    pub fn queue(&self) -> &Session {
        &self.inner
    }
}

/// Home-screen data for a set of items: counts per pack or any subset (a topic), the next due
/// time, each item's progress.
#[derive(Debug, Clone)]
pub struct Overview {
    input: QueueInput,
    settings: HashMap<String, PackSettings>,
    now: DateTime<Utc>,
    clock: DayClock,
}

impl Overview {
    /// Counts (new available today, learning due today, reviews due today) over `keys`, with
    /// each pack's daily limits applied.
    pub fn counts_for<'a>(&self, keys: impl IntoIterator<Item = &'a ItemKey>) -> Counts {
        let items: Vec<ItemKey> = keys.into_iter().cloned().collect();
        let progress = items
            .iter()
            .filter_map(|k| self.input.progress.get(k).map(|p| (k.clone(), p.clone())))
            .collect();
        let input = QueueInput {
            items,
            progress,
            done_today: self.input.done_today.clone(),
            answered_today: self.input.answered_today.clone(),
        };
        Session::new(input, self.settings.clone(), self.now, self.clock).counts()
    }

    /// Counts for every pack that has items.
    pub fn pack_counts(&self) -> BTreeMap<String, Counts> {
        let mut by_pack: BTreeMap<String, Vec<&ItemKey>> = BTreeMap::new();
        for k in &self.input.items {
            by_pack.entry(k.pack.clone()).or_default().push(k);
        }
        by_pack
            .into_iter()
            .map(|(pack, keys)| (pack, self.counts_for(keys)))
            .collect()
    }

    /// Counts over all items.
    pub fn total(&self) -> Counts {
        self.counts_for(&self.input.items)
    }

    /// The earliest due time after now among the items (for "nothing due; next at …").
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        crate::srs::queue::next_due(&self.input.items, &self.input.progress, self.now)
    }

    /// An item's stored progress (`None` for a new item).
    pub fn progress(&self, key: &ItemKey) -> Option<&ItemProgress> {
        self.input.progress.get(key)
    }
}

const STATE_COLUMNS: &str = "state, step, stability, difficulty, due_ms, last_review_ms, reps, \
                             lapses, suspended, leech, buried_until_ms";

impl Store {
    /// Set the option layers of `pack` for this run (not written to the database):
    /// `defaults` (the pack manifest's) apply where nothing is stored, `overrides` (the
    /// user's config.toml) win over what is stored.
    pub fn set_pack_layers(&mut self, pack: &str, defaults: PackOptions, overrides: PackOptions) {
        self.layers.insert(pack.to_string(), (defaults, overrides));
    }

    /// The options in effect for `pack`: overrides, then stored options, then defaults.
    pub fn effective_options(&self, pack: &str) -> Result<PackOptions, StoreError> {
        let stored = self.pack_options(pack)?;
        let Some((defaults, overrides)) = self.layers.get(pack) else {
            return Ok(stored);
        };
        let pick = |o: &PackOptions, s: &PackOptions, d: &PackOptions| PackOptions {
            desired_retention: o
                .desired_retention
                .or(s.desired_retention)
                .or(d.desired_retention),
            new_per_day: o.new_per_day.or(s.new_per_day).or(d.new_per_day),
            reviews_per_day: o
                .reviews_per_day
                .or(s.reviews_per_day)
                .or(d.reviews_per_day),
            maximum_interval: o
                .maximum_interval
                .or(s.maximum_interval)
                .or(d.maximum_interval),
            leech_threshold: o
                .leech_threshold
                .or(s.leech_threshold)
                .or(d.leech_threshold),
            leech_suspend: o.leech_suspend.or(s.leech_suspend).or(d.leech_suspend),
            parameters: o
                .parameters
                .clone()
                .or(s.parameters.clone())
                .or(d.parameters.clone()),
        };
        Ok(pick(overrides, &stored, defaults))
    }

    /// The scheduling settings of `pack` (see [`Store::effective_options`]).
    pub fn pack_settings(&self, pack: &str) -> Result<PackSettings, StoreError> {
        let o = self.effective_options(pack)?;
        settings_from_options(pack, &o).map_err(|detail| StoreError::InvalidData {
            path: self.path.clone(),
            detail,
        })
    }

    /// The stored options of `pack`.
    pub fn pack_options(&self, pack: &str) -> Result<PackOptions, StoreError> {
        let row = self
            .conn()
            .query_row(
                "SELECT desired_retention, new_per_day, reviews_per_day, maximum_interval, \
                 leech_threshold, leech_suspend, parameters FROM pack_settings WHERE pack = ?1",
                [pack],
                |r| {
                    Ok((
                        PackOptions {
                            desired_retention: r.get(0)?,
                            new_per_day: r.get(1)?,
                            reviews_per_day: r.get(2)?,
                            maximum_interval: r.get(3)?,
                            leech_threshold: r.get(4)?,
                            leech_suspend: r.get(5)?,
                            parameters: None,
                        },
                        r.get::<_, Option<String>>(6)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((mut o, params)) = row else {
            return Ok(PackOptions::default());
        };
        if let Some(json) = params {
            o.parameters =
                Some(
                    serde_json::from_str(&json).map_err(|e| StoreError::InvalidData {
                        path: self.path.clone(),
                        detail: format!("parameters of pack {pack}: {e}"),
                    })?,
                );
        }
        Ok(o)
    }

    /// Store the options of `pack` (validated first: an invalid retention or parameter set is
    /// refused with [`StoreError::InvalidData`]).
    pub fn set_pack_options(&mut self, pack: &str, o: &PackOptions) -> Result<(), StoreError> {
        settings_from_options(pack, o).map_err(|detail| StoreError::InvalidData {
            path: self.path.clone(),
            detail,
        })?;
        let params = o
            .parameters
            .as_ref()
            .map(|p| serde_json::to_string(p).unwrap_or_default());
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pack_settings (pack, desired_retention, new_per_day, reviews_per_day, \
                 maximum_interval, leech_threshold, leech_suspend, parameters) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (pack) DO UPDATE SET \
                 desired_retention = ?2, new_per_day = ?3, reviews_per_day = ?4, \
                 maximum_interval = ?5, leech_threshold = ?6, leech_suspend = ?7, parameters = ?8",
                params![
                    pack,
                    o.desired_retention,
                    o.new_per_day,
                    o.reviews_per_day,
                    o.maximum_interval,
                    o.leech_threshold,
                    o.leech_suspend,
                    params
                ],
            )
            .map(|_| ())
        })
    }

    /// Stored progress of one item (`None` if never answered, buried or suspended).
    pub fn progress(&self, key: &ItemKey) -> Result<Option<ItemProgress>, StoreError> {
        let sql = format!("SELECT {STATE_COLUMNS} FROM card_state WHERE pack = ?1 AND item = ?2");
        let row = self
            .conn()
            .query_row(&sql, params![key.pack, key.item], |r| read_progress(r, 0))
            .optional()
            .map_err(|e| self.err(e))?;
        row.transpose().map_err(|detail| self.invalid(detail))
    }

    /// Everything the queue needs for `items` at `now`: stored progress of their packs (items
    /// that vanished from a pack keep their rows but are not listed, so they are not shown),
    /// what was done today and which items were answered today.
    pub fn queue_input(
        &self,
        items: &[ItemKey],
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<QueueInput, StoreError> {
        let packs: HashSet<&str> = items.iter().map(|k| k.pack.as_str()).collect();
        let mut progress = HashMap::with_capacity(items.len());
        let sql = format!("SELECT item, {STATE_COLUMNS} FROM card_state WHERE pack = ?1");
        let mut stmt = self.conn().prepare_cached(&sql).map_err(|e| self.err(e))?;
        for pack in &packs {
            let mut rows = stmt.query([pack]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                let item: String = r.get(0).map_err(|e| self.err(e))?;
                let p = read_progress(r, 1)
                    .map_err(|e| self.err(e))?
                    .map_err(|d| self.invalid(d))?;
                progress.insert(ItemKey::new(*pack, item), p);
            }
        }
        let mut done_today: HashMap<String, DoneToday> = HashMap::new();
        let mut answered_today = HashSet::new();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT pack, item, b_state FROM review_log WHERE reviewed_ms >= ?1")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query([to_ms(clock.day_start(now))])
            .map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let (pack, item, before): (String, String, u8) =
                (|| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))().map_err(|e| self.err(e))?;
            if !packs.contains(pack.as_str()) {
                continue;
            }
            let done = done_today.entry(pack.clone()).or_default();
            match State::from_code(before) {
                Some(State::New) => done.new += 1,
                Some(State::Review) => done.reviews += 1,
                _ => {}
            }
            answered_today.insert(ItemKey::new(pack, item));
        }
        Ok(QueueInput {
            items: items.to_vec(),
            progress,
            done_today,
            answered_today,
        })
    }

    fn settings_for(&self, items: &[ItemKey]) -> Result<HashMap<String, PackSettings>, StoreError> {
        let packs: HashSet<&str> = items.iter().map(|k| k.pack.as_str()).collect();
        packs
            .into_iter()
            .map(|p| Ok((p.to_owned(), self.pack_settings(p)?)))
            .collect()
    }

    /// Home-screen data for `items` (the items that exist in the packs now).
    pub fn overview(
        &self,
        items: &[ItemKey],
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<Overview, StoreError> {
        Ok(Overview {
            input: self.queue_input(items, now, clock)?,
            settings: self.settings_for(items)?,
            now,
            clock,
        })
    }

    /// Start today's review over `items` (records a session row).
    pub fn start_review(
        &mut self,
        items: &[ItemKey],
        now: DateTime<Utc>,
        clock: DayClock,
    ) -> Result<StudySession, StoreError> {
        let input = self.queue_input(items, now, clock)?;
        let settings = self.settings_for(items)?;
        let id = self.start_session(SessionKind::Review, now)?;
        Ok(StudySession {
            inner: Session::new(input, settings, now, clock),
            id,
            log_ids: Vec::new(),
            tally: SessionTally::default(),
            clock,
        })
    }

    /// Record the answer `rating` to `key` at `now`: the new card state and the log row are
    /// committed in one transaction before this returns; then the session moves on. Returns
    /// what happened (state before/after, whether the item became a leech).
    pub fn answer(
        &mut self,
        session: &mut StudySession,
        key: &ItemKey,
        rating: Rating,
        meta: AnswerMeta,
        now: DateTime<Utc>,
    ) -> Result<Graded, StoreError> {
        let graded = session
            .inner
            .grade(key, rating, now)
            .ok_or_else(|| self.not_in_session(key))?;
        let right = meta.correct.unwrap_or(rating != Rating::Again);
        let sid = session.id;
        let id = self.write(|tx| {
            write_progress(tx, key, &graded.after)?;
            let id = insert_log(tx, &graded, &meta, Some(sid))?;
            bump_session(tx, sid, right, graded.before.card.state == State::New, 1)?;
            Ok(id)
        })?;
        session
            .tally
            .add(right, graded.before.card.state == State::New, 1);
        session.log_ids.push(id);
        session.inner.apply(graded.clone());
        Ok(graded)
    }

    /// Record an answer given outside a review session (a prediction answered in the
    /// visualiser): the item is scheduled from its stored state (or as new), and the new state
    /// and the log row are committed in one transaction. Undo does not apply to it.
    pub fn answer_outside_session(
        &mut self,
        key: &ItemKey,
        rating: Rating,
        meta: AnswerMeta,
        now: DateTime<Utc>,
    ) -> Result<Graded, StoreError> {
        let settings = self.pack_settings(&key.pack)?;
        let before = self.progress(key)?.unwrap_or_default();
        let kind = crate::srs::queue::queue_kind(before.card.state);
        let graded = crate::srs::queue::grade_progress(&settings, key, before, rating, now, kind);
        self.write(|tx| {
            write_progress(tx, key, &graded.after)?;
            insert_log(tx, &graded, &meta, None)?;
            Ok(())
        })?;
        Ok(graded)
    }

    /// Undo the last answer of `session`: the item's previous state is restored (also
    /// un-suspending it if that answer made it a leech), its log row removed, and it is shown
    /// next. Returns the item, or `None` if there is nothing to undo.
    pub fn undo(&mut self, session: &mut StudySession) -> Result<Option<ItemKey>, StoreError> {
        let (Some(graded), Some(&log_id)) = (session.inner.last_answer(), session.log_ids.last())
        else {
            return Ok(None);
        };
        let graded = graded.clone();
        let (right, was_new): (bool, bool) = self
            .conn()
            .query_row(
                "SELECT COALESCE(correct, rating > 1), b_state = 0 FROM review_log WHERE id = ?1",
                [log_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .unwrap_or((graded.rating != Rating::Again, false));
        let sid = session.id;
        self.write(|tx| {
            if graded.before == ItemProgress::default() {
                tx.execute(
                    "DELETE FROM card_state WHERE pack = ?1 AND item = ?2",
                    params![graded.key.pack, graded.key.item],
                )?;
            } else {
                write_progress(tx, &graded.key, &graded.before)?;
            }
            tx.execute("DELETE FROM review_log WHERE id = ?1", [log_id])?;
            bump_session(tx, sid, right, was_new, -1)
        })?;
        session.log_ids.pop();
        session.tally.add(right, was_new, -1);
        Ok(session.inner.undo().map(|g| g.key))
    }

    /// Bury `key` until the next day start (it leaves the session).
    pub fn bury(
        &mut self,
        session: &mut StudySession,
        key: &ItemKey,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let until = session.clock.day_end(now);
        let mut p = session
            .inner
            .progress(key)
            .cloned()
            .ok_or_else(|| self.not_in_session(key))?;
        p.buried_until = Some(until);
        self.write(|tx| write_progress(tx, key, &p))?;
        session.inner.bury(key, until);
        Ok(())
    }

    /// Suspend `key` (it leaves the session and is not shown until unsuspended).
    pub fn suspend(&mut self, session: &mut StudySession, key: &ItemKey) -> Result<(), StoreError> {
        let mut p = session
            .inner
            .progress(key)
            .cloned()
            .ok_or_else(|| self.not_in_session(key))?;
        p.suspended = true;
        self.write(|tx| write_progress(tx, key, &p))?;
        session.inner.suspend(key);
        Ok(())
    }

    /// Suspend or unsuspend an item outside a session. Unsuspending a leech keeps its tag.
    pub fn set_suspended(&mut self, key: &ItemKey, suspended: bool) -> Result<(), StoreError> {
        let mut p = self.progress(key)?.unwrap_or_default();
        p.suspended = suspended;
        self.write(|tx| write_progress(tx, key, &p))
    }

    /// Bury an item outside a session until `until` (`None` unburies).
    pub fn set_buried(
        &mut self,
        key: &ItemKey,
        until: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let mut p = self.progress(key)?.unwrap_or_default();
        p.buried_until = until;
        self.write(|tx| write_progress(tx, key, &p))
    }

    /// Close a review session (records its end time); returns its summary.
    pub fn finish_review(
        &mut self,
        session: &StudySession,
        now: DateTime<Utc>,
    ) -> Result<SessionSummary, StoreError> {
        self.finish_session(session.id, now, None)
    }

    /// Start a session row of `kind` (quiz and exam sessions use this directly; they never
    /// change card states). Returns its id.
    pub fn start_session(
        &mut self,
        kind: SessionKind,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sessions (kind, started_ms) VALUES (?1, ?2)",
                params![kind.label(), to_ms(now)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Record the end of session `id`, with its counts for quiz/exam sessions (`tally`; review
    /// sessions count their answers themselves, pass `None`).
    pub fn finish_session(
        &mut self,
        id: i64,
        now: DateTime<Utc>,
        tally: Option<SessionTally>,
    ) -> Result<SessionSummary, StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sessions SET ended_ms = ?2 WHERE id = ?1",
                params![id, to_ms(now)],
            )?;
            if let Some(t) = tally {
                tx.execute(
                    "UPDATE sessions SET answered = ?2, correct = ?3, wrong = ?4, new_seen = ?5 \
                     WHERE id = ?1",
                    params![id, t.answered, t.correct, t.wrong, t.new_seen],
                )?;
            }
            Ok(())
        })?;
        self.sessions(i64::MAX)?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| self.invalid(format!("session {id} not found")))
    }

    /// The most recent `limit` sessions, newest first.
    pub fn sessions(&self, limit: i64) -> Result<Vec<SessionSummary>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, kind, started_ms, ended_ms, answered, correct, wrong, new_seen \
                 FROM sessions ORDER BY started_ms DESC, id DESC LIMIT ?1",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    SessionTally {
                        answered: r.get(4)?,
                        correct: r.get(5)?,
                        wrong: r.get(6)?,
                        new_seen: r.get(7)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, started, ended, tally) = row.map_err(|e| self.err(e))?;
            let kind = SessionKind::from_label(&kind)
                .ok_or_else(|| self.invalid(format!("session kind {kind}")))?;
            out.push(SessionSummary {
                id,
                kind,
                started: from_ms(started),
                ended: ended.map(from_ms),
                tally,
            });
        }
        Ok(out)
    }

    /// Today's answers, distinct items and retention.
    pub fn today(&self, now: DateTime<Utc>, clock: DayClock) -> Result<TodayStats, StoreError> {
        let (answers, items, right): (u32, u32, u32) = self
            .conn()
            .query_row(
                "SELECT COUNT(*), COUNT(DISTINCT pack || char(31) || item), \
                 COALESCE(SUM(COALESCE(correct, rating > 1)), 0) \
                 FROM review_log WHERE reviewed_ms >= ?1 AND reviewed_ms < ?2",
                params![to_ms(clock.day_start(now)), to_ms(clock.day_end(now))],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| self.err(e))?;
        Ok(TodayStats {
            answers,
            items,
            right,
            retention: (answers > 0).then(|| f64::from(right) / f64::from(answers)),
        })
    }

    /// Consecutive study days with at least one answer, ending today (or yesterday, when
    /// nothing was answered yet today).
    pub fn streak(&self, now: DateTime<Utc>, clock: DayClock) -> Result<u32, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM review_log WHERE reviewed_ms >= ?1 AND reviewed_ms < ?2)",
            )
            .map_err(|e| self.err(e))?;
        let mut any_on = |day: i64| -> Result<bool, StoreError> {
            let (a, b) = (clock.day_start_of(day), clock.day_start_of(day + 1));
            stmt.query_row([to_ms(a), to_ms(b)], |r| r.get(0))
                .map_err(|e| classify_here(&self.path, e))
        };
        let today = clock.day_number(now);
        let mut day = if any_on(today)? { today } else { today - 1 };
        let mut streak = 0;
        while any_on(day)? {
            streak += 1;
            day -= 1;
        }
        Ok(streak)
    }

    /// The review log (of one pack, or all), ordered by pack, item and time: the optimiser's
    /// input.
    pub fn review_log(&self, pack: Option<&str>) -> Result<Vec<LoggedAnswer>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, pack, item, reviewed_ms, rating, answer_ms, kind, correct, session_id, \
                 b_state FROM review_log WHERE ?1 IS NULL OR pack = ?1 \
                 ORDER BY pack, item, reviewed_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([pack], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    ItemKey::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                    r.get::<_, i64>(3)?,
                    r.get::<_, u8>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<bool>>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                    r.get::<_, u8>(9)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, key, at, rating, answer_ms, kind, correct, session_id, before) =
                row.map_err(|e| self.err(e))?;
            out.push(LoggedAnswer {
                id,
                key,
                at: from_ms(at),
                rating: Rating::from_number(rating)
                    .ok_or_else(|| self.invalid(format!("rating {rating}")))?,
                answer_ms,
                kind,
                correct,
                session_id,
                state_before: State::from_code(before)
                    .ok_or_else(|| self.invalid(format!("state {before}")))?,
            });
        }
        Ok(out)
    }

    /// Number of rows in the review log.
    pub fn review_count(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM review_log", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn invalid(&self, detail: String) -> StoreError {
        StoreError::InvalidData {
            path: self.path.clone(),
            detail,
        }
    }

    fn not_in_session(&self, key: &ItemKey) -> StoreError {
        self.invalid(format!(
            "item {}/{} is not in this session",
            key.pack, key.item
        ))
    }
}

fn classify_here(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
    super::classify(path, e)
}

/// A stable fuzz seed per pack (FNV-1a of the pack id): reproducible, and different packs
/// spread differently.
fn pack_seed(pack: &str) -> u64 {
    pack.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn settings_from_options(pack: &str, o: &PackOptions) -> Result<PackSettings, String> {
    let base = SchedulerConfig::default();
    let parameters = match &o.parameters {
        None => base.parameters.clone(),
        Some(w) => Parameters::new(w)
            .ok_or_else(|| format!("pack {pack}: stored FSRS parameters are out of range"))?,
    };
    let config = SchedulerConfig {
        parameters,
        desired_retention: o.desired_retention.unwrap_or(base.desired_retention),
        maximum_interval: o.maximum_interval.unwrap_or(base.maximum_interval),
        fuzz: Fuzz::Seeded(pack_seed(pack)),
        ..base
    };
    let scheduler = Scheduler::new(config).map_err(|e| format!("pack {pack}: {e}"))?;
    let limits = DailyLimits::default();
    let leech = LeechPolicy::default();
    Ok(PackSettings {
        scheduler,
        limits: DailyLimits {
            new_per_day: o.new_per_day.unwrap_or(limits.new_per_day),
            reviews_per_day: o.reviews_per_day.unwrap_or(limits.reviews_per_day),
        },
        leech: LeechPolicy {
            threshold: o.leech_threshold.unwrap_or(leech.threshold),
            suspend: o.leech_suspend.unwrap_or(leech.suspend),
        },
    })
}

/// Reads the 11 state columns starting at `at`.
fn read_progress(r: &Row<'_>, at: usize) -> rusqlite::Result<Result<ItemProgress, String>> {
    let code: u8 = r.get(at)?;
    let step: Option<u32> = r.get(at + 1)?;
    let stability: Option<f64> = r.get(at + 2)?;
    let difficulty: Option<f64> = r.get(at + 3)?;
    let due: Option<i64> = r.get(at + 4)?;
    let last: Option<i64> = r.get(at + 5)?;
    let reps: u32 = r.get(at + 6)?;
    let lapses: u32 = r.get(at + 7)?;
    let suspended: bool = r.get(at + 8)?;
    let leech: bool = r.get(at + 9)?;
    let buried: Option<i64> = r.get(at + 10)?;
    let Some(state) = State::from_code(code) else {
        return Ok(Err(format!("unknown card state {code}")));
    };
    let memory = match (stability, difficulty) {
        (Some(stability), Some(difficulty)) if stability > 0.0 && stability.is_finite() => {
            Some(Memory {
                stability,
                difficulty,
            })
        }
        (None, None) => None,
        _ => return Ok(Err("stability and difficulty are inconsistent".into())),
    };
    Ok(Ok(ItemProgress {
        card: CardState {
            state,
            step,
            memory,
            due: due.map(from_ms),
            last_review: last.map(from_ms),
            reps,
            lapses,
        },
        suspended,
        leech,
        buried_until: buried.map(from_ms),
    }))
}

pub(super) fn write_progress(
    tx: &Transaction<'_>,
    key: &ItemKey,
    p: &ItemProgress,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO card_state (pack, item, state, step, stability, difficulty, due_ms, \
         last_review_ms, reps, lapses, suspended, leech, buried_until_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) \
         ON CONFLICT (pack, item) DO UPDATE SET state = ?3, step = ?4, stability = ?5, \
         difficulty = ?6, due_ms = ?7, last_review_ms = ?8, reps = ?9, lapses = ?10, \
         suspended = ?11, leech = ?12, buried_until_ms = ?13",
    )?;
    let head = [Value::Text(key.pack.clone()), Value::Text(key.item.clone())];
    stmt.execute(params_from_iter(head.into_iter().chain(state_values(p))))?;
    Ok(())
}

pub(super) fn insert_log(
    tx: &Transaction<'_>,
    g: &Graded,
    meta: &AnswerMeta,
    session: Option<i64>,
) -> rusqlite::Result<i64> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO review_log (pack, item, session_id, reviewed_ms, rating, answer_ms, kind, \
         correct, queue, \
         b_state, b_step, b_stability, b_difficulty, b_due_ms, b_last_review_ms, b_reps, \
         b_lapses, b_suspended, b_leech, b_buried_until_ms, \
         a_state, a_step, a_stability, a_difficulty, a_due_ms, a_last_review_ms, a_reps, \
         a_lapses, a_suspended, a_leech, a_buried_until_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, \
         ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, \
         ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
    )?;
    let queue = match g.kind {
        crate::srs::queue::QueueKind::New => "new",
        crate::srs::queue::QueueKind::Learning => "learning",
        crate::srs::queue::QueueKind::Review => "review",
    };
    let head = [
        Value::Text(g.key.pack.clone()),
        Value::Text(g.key.item.clone()),
        session.map_or(Value::Null, Value::Integer),
        Value::Integer(to_ms(g.at)),
        Value::Integer(i64::from(g.rating.number())),
        Value::Integer(i64::from(meta.answer_ms)),
        Value::Text(meta.kind.label().to_owned()),
        meta.correct
            .map_or(Value::Null, |c| Value::Integer(i64::from(c))),
        Value::Text(queue.to_owned()),
    ];
    let values = head
        .into_iter()
        .chain(state_values(&g.before))
        .chain(state_values(&g.after));
    stmt.execute(params_from_iter(values))?;
    Ok(tx.last_insert_rowid())
}

/// The 11 state columns of `p`, in [`STATE_COLUMNS`] order.
fn state_values(p: &ItemProgress) -> [Value; 11] {
    let c = &p.card;
    let int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    let real = |v: Option<f64>| v.map_or(Value::Null, Value::Real);
    [
        Value::Integer(i64::from(c.state.code())),
        int(c.step.map(i64::from)),
        real(c.memory.map(|m| m.stability)),
        real(c.memory.map(|m| m.difficulty)),
        int(c.due.map(to_ms)),
        int(c.last_review.map(to_ms)),
        Value::Integer(i64::from(c.reps)),
        Value::Integer(i64::from(c.lapses)),
        Value::Integer(i64::from(p.suspended)),
        Value::Integer(i64::from(p.leech)),
        int(p.buried_until.map(to_ms)),
    ]
}

fn bump_session(
    tx: &Transaction<'_>,
    id: i64,
    right: bool,
    was_new: bool,
    by: i64,
) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE sessions SET answered = MAX(answered + ?2, 0), \
         correct = MAX(correct + ?3, 0), wrong = MAX(wrong + ?4, 0), \
         new_seen = MAX(new_seen + ?5, 0) WHERE id = ?1",
    )?;
    stmt.execute(params![
        id,
        by,
        if right { by } else { 0 },
        if right { 0 } else { by },
        if was_new { by } else { 0 },
    ])?;
    Ok(())
}
