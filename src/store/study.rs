//! Review sessions against the store: answering (with the stale-state guard), bury, suspend,
//! any change to an item's flags, and taking a change back; quiz and exam session rows.
//!
//! # Two windows on one item
//! A session grades from the state it loaded. Another deckhand on the same database may have
//! answered the item since. Inside the answer's transaction the stored state is compared with
//! the state the session graded from; when they differ the answer is graded again from the
//! stored state, so both answers count and neither is lost (as Anki refuses a "card was
//! modified" answer). [`Answered::regraded`] says so. Taking a change back is guarded the same
//! way: it only happens while the item still holds what the change wrote.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::rows::{bump_session, insert_log, same_stored, stored_progress, write_progress};
use super::{Store, StoreError, to_ms};
use crate::srs::queue::{
    DayClock, Graded, ItemKey, ItemProgress, Next, Session, grade_progress, queue_kind,
};
use crate::srs::{GradePreview, Rating, State};

/// The kind of study item an answer was given on, as the review log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
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
    /// A prediction of the simulator's next step, answered in the visualiser.
    Predict,
}

impl ItemKind {
    /// Every kind.
    pub const ALL: [ItemKind; 8] = [
        ItemKind::Basic,
        ItemKind::Reverse,
        ItemKind::Cloze,
        ItemKind::Choice,
        ItemKind::Multi,
        ItemKind::Typed,
        ItemKind::TrueFalse,
        ItemKind::Predict,
    ];

    /// The short label stored in the log.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Basic => "basic",
            ItemKind::Reverse => "reverse",
            ItemKind::Cloze => "cloze",
            ItemKind::Choice => "choice",
            ItemKind::Multi => "multi",
            ItemKind::Typed => "typed",
            ItemKind::TrueFalse => "truefalse",
            ItemKind::Predict => "predict",
        }
    }

    /// The kind with label `label`.
    pub fn from_label(label: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.label() == label)
    }
}

/// What the front end knows about an answer besides the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerMeta {
    /// The item's kind.
    pub kind: ItemKind,
    /// Whether the answer was right; `None` for self-graded flashcards.
    pub correct: Option<bool>,
    /// Time taken to answer, in milliseconds.
    pub answer_ms: u32,
}

impl AnswerMeta {
    /// Whether the answer counts as right: the right/wrong flag, or, for a self-graded card,
    /// any grade but Again.
    pub fn is_right(&self, rating: Rating) -> bool {
        self.correct.unwrap_or(rating != Rating::Again)
    }
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
    pub(crate) fn label(self) -> &'static str {
        match self {
            SessionKind::Review => "review",
            SessionKind::Quiz => "quiz",
            SessionKind::Exam => "exam",
        }
    }

    pub(crate) fn from_label(s: &str) -> Option<SessionKind> {
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
    fn add(&mut self, right: bool, was_new: bool) {
        self.answered += 1;
        if right {
            self.correct += 1;
        } else {
            self.wrong += 1;
        }
        if was_new {
            self.new_seen += 1;
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

/// A review session bound to the store: [`Store::start_review`] builds it; the front end loops
/// over [`StudySession::next`], shows [`StudySession::preview`] on the grade buttons and
/// records grades with [`Store::answer`]. It is a plain value: a copy taken before an action
/// and put back, with [`Store::revert`] of the action's [`Change`], is an exact undo.
#[derive(Debug, Clone)]
pub struct StudySession {
    inner: Session,
    id: i64,
    tally: SessionTally,
    clock: DayClock,
}

impl StudySession {
    /// The next item to show at `now` (see [`Session::next`]).
    pub fn next(&mut self, now: DateTime<Utc>) -> Next {
        self.inner.next(now)
    }

    /// New / learning / review items left.
    pub fn counts(&self) -> crate::srs::queue::Counts {
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

    /// The pure queue inside (for tests and tools).
    pub fn queue(&self) -> &Session {
        &self.inner
    }
}

/// One change to an item: its progress before and after, and the log row an answer added.
/// [`Store::revert`] takes it back.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The item.
    pub key: ItemKey,
    /// Its progress before (as stored).
    pub before: ItemProgress,
    /// Its progress after.
    pub after: ItemProgress,
    /// For an answer: the log row and how it counted in its session.
    pub log: Option<LogEntry>,
}

/// The log row of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogEntry {
    /// Row id in the review log.
    pub id: i64,
    /// The session it counted in.
    pub session: Option<i64>,
    /// Whether it counted as right.
    pub right: bool,
    /// Whether the item was new.
    pub was_new: bool,
}

/// A committed answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// What the grade did.
    pub graded: Graded,
    /// The change, for undo.
    pub change: Change,
    /// The item had been changed elsewhere (another window) since the session loaded it: the
    /// grade was applied to the stored state instead.
    pub regraded: bool,
}

impl Store {
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
            tally: SessionTally::default(),
            clock,
        })
    }

    /// Record the answer `rating` to `key` at `now`: the new card state and the log row are
    /// committed in one transaction before this returns; then the session moves on. If the
    /// stored state is no longer the one the session graded from, the grade is applied to the
    /// stored state (see the module notes).
    pub fn answer(
        &mut self,
        session: &mut StudySession,
        key: &ItemKey,
        rating: Rating,
        meta: AnswerMeta,
        now: DateTime<Utc>,
    ) -> Result<Answered, StoreError> {
        let graded = session
            .inner
            .grade(key, rating, now)
            .ok_or_else(|| self.not_in_session(key))?;
        let settings = session.inner.settings(&key.pack).clone();
        let sid = session.id;
        let (graded, log, regraded) = self.write(|tx| {
            let stored = stored_progress(tx, key)?;
            let regraded = !same_stored(&stored, &graded.before);
            let g = if regraded {
                grade_progress(&settings, key, stored, rating, now, graded.kind)
            } else {
                graded.clone()
            };
            let right = meta.is_right(rating);
            let was_new = g.before.card.state == State::New;
            write_progress(tx, key, &g.after)?;
            let id = insert_log(tx, &g, &meta, Some(sid))?;
            bump_session(tx, sid, right, was_new, 1)?;
            let log = LogEntry {
                id,
                session: Some(sid),
                right,
                was_new,
            };
            Ok((g, log, regraded))
        })?;
        session.tally.add(log.right, log.was_new);
        session.inner.apply(&graded);
        let change = Change {
            key: key.clone(),
            before: graded.before.clone(),
            after: graded.after.clone(),
            log: Some(log),
        };
        Ok(Answered {
            graded,
            change,
            regraded,
        })
    }

    /// Record an answer given outside a review session (a prediction answered in the
    /// visualiser): the item is scheduled from its stored state (or as new), and the new state
    /// and the log row are committed in one transaction.
    pub fn answer_outside_session(
        &mut self,
        key: &ItemKey,
        rating: Rating,
        meta: AnswerMeta,
        now: DateTime<Utc>,
    ) -> Result<Graded, StoreError> {
        let settings = self.pack_settings(&key.pack)?;
        self.write(|tx| {
            let before = stored_progress(tx, key)?;
            let kind = queue_kind(before.card.state);
            let graded = grade_progress(&settings, key, before, rating, now, kind);
            write_progress(tx, key, &graded.after)?;
            insert_log(tx, &graded, &meta, None)?;
            Ok(graded)
        })
    }

    /// Change an item's stored progress with `f` (suspend, unsuspend, bury, unbury, reset), in
    /// one transaction from what is stored now. Returns the change.
    pub fn update_progress(
        &mut self,
        key: &ItemKey,
        mut f: impl FnMut(&mut ItemProgress),
    ) -> Result<Change, StoreError> {
        self.write(|tx| {
            let before = stored_progress(tx, key)?;
            let mut after = before.clone();
            f(&mut after);
            write_progress(tx, key, &after)?;
            Ok(Change {
                key: key.clone(),
                before,
                after,
                log: None,
            })
        })
    }

    /// Bury `key` until the next day start; it leaves the session.
    pub fn bury(
        &mut self,
        session: &mut StudySession,
        key: &ItemKey,
        now: DateTime<Utc>,
    ) -> Result<Change, StoreError> {
        self.session_item(session, key)?;
        let until = session.clock.day_end(now);
        let change = self.update_progress(key, |p| p.buried_until = Some(until))?;
        session.inner.drop_item(key);
        Ok(change)
    }

    /// Suspend `key`; it leaves the session and is not shown until unsuspended.
    pub fn suspend(
        &mut self,
        session: &mut StudySession,
        key: &ItemKey,
    ) -> Result<Change, StoreError> {
        self.session_item(session, key)?;
        let change = self.update_progress(key, |p| p.suspended = true)?;
        session.inner.drop_item(key);
        Ok(change)
    }

    /// Take `change` back: the item's progress before it is restored and an answer's log row
    /// removed (with its session counts), in one transaction. Returns `false`, changing
    /// nothing, when the item no longer holds what the change wrote (another window changed it
    /// since).
    pub fn revert(&mut self, change: &Change) -> Result<bool, StoreError> {
        self.write(|tx| {
            let stored = stored_progress(tx, &change.key)?;
            if !same_stored(&stored, &change.after) {
                return Ok(false);
            }
            write_progress(tx, &change.key, &change.before)?;
            if let Some(log) = change.log {
                tx.execute("DELETE FROM review_log WHERE id = ?1", [log.id])?;
                if let Some(sid) = log.session {
                    bump_session(tx, sid, log.right, log.was_new, -1)?;
                }
            }
            Ok(true)
        })
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

    fn session_item(&self, session: &StudySession, key: &ItemKey) -> Result<(), StoreError> {
        match session.inner.progress(key) {
            Some(_) => Ok(()),
            None => Err(self.not_in_session(key)),
        }
    }

    fn not_in_session(&self, key: &ItemKey) -> StoreError {
        self.invalid(format!(
            "item {}/{} is not in this session",
            key.pack, key.item
        ))
    }
}
