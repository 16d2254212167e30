//! Mock exams in the store: a paper is written when it starts and saved after every answer,
//! flag and move (so `kill -9` loses nothing and an unfinished exam resumes), then submitted
//! in one transaction with its score, each question's verdict, and the reviews its answers
//! become. Also the exam history and each pack's exam plan (date, budget, target).

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::study::{AnswerMeta, SessionKind, SessionTally};
use super::{Store, StoreError, from_ms, to_ms};
use crate::exam::{Answer, DomainResult, Exam, ExamReport, Question};
use crate::plan::PlanSettings;
use crate::srs::Rating;
use crate::srs::State;
use crate::srs::queue::{Graded, ItemKey, queue_kind};

/// One answer of a submitted exam that becomes a review of its card.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamReview {
    pub key: ItemKey,
    pub rating: Rating,
    pub meta: AnswerMeta,
}

/// A finished exam, as the history lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamRecord {
    pub id: i64,
    pub pack: String,
    pub profile: String,
    pub title: String,
    pub started: DateTime<Utc>,
    pub finished: DateTime<Utc>,
    pub right: u32,
    pub total: u32,
    pub score: u32,
    pub pass_mark: u32,
    pub passed: bool,
    pub auto_submitted: bool,
    pub time_used: Duration,
    pub time_limit: Duration,
    /// Results per domain, by domain key.
    pub domains: Vec<DomainResult>,
}

impl Store {
    /// Store a new exam (and its `exam` session row) and give it its id.
    pub fn start_exam(&mut self, exam: &mut Exam, now: DateTime<Utc>) -> Result<i64, StoreError> {
        let session = self.start_session(SessionKind::Exam, now)?;
        let e = &*exam;
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO exams (pack, profile, title, session_id, pass_mark, time_limit_ms, \
                 started_ms, used_ms, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    e.pack,
                    e.profile,
                    e.title,
                    session,
                    e.pass_mark,
                    ms(e.time_limit),
                    to_ms(e.started),
                    ms(e.used_at_checkpoint()),
                    e.position() as i64,
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (i, q) in e.questions.iter().enumerate() {
                tx.execute(
                    "INSERT INTO exam_questions (exam_id, position, pack, item, domain, \
                     option_seed, answer, flagged, time_ms) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![
                        id,
                        i as i64,
                        q.key.pack,
                        q.key.item,
                        q.domain,
                        q.option_seed as i64,
                        answer_json(q),
                        q.flagged,
                        q.time_ms as i64,
                    ],
                )?;
            }
            Ok(id)
        })?;
        exam.id = id;
        Ok(id)
    }

    /// Save where the exam stands (time used as of its last checkpoint, position, every
    /// answer and flag), in one transaction.
    pub fn save_exam(&mut self, exam: &Exam) -> Result<(), StoreError> {
        self.write(|tx| save(tx, exam))
    }

    /// The most recently started exam that was neither submitted nor discarded, resumed at
    /// `now`. Questions whose item is not in `exists` any more stay on the paper (they are
    /// reported as removed when it is scored).
    pub fn unfinished_exam(&self, now: DateTime<Utc>) -> Result<Option<Exam>, StoreError> {
        let header = self
            .conn()
            .query_row(
                "SELECT id, pack, profile, title, pass_mark, time_limit_ms, started_ms, used_ms, \
                 position FROM exams WHERE finished_ms IS NULL ORDER BY started_ms DESC, id DESC \
                 LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, u32>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, i64>(6)?,
                        r.get::<_, i64>(7)?,
                        r.get::<_, i64>(8)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, pack, profile, title, pass_mark, limit, started, used, position)) = header
        else {
            return Ok(None);
        };
        let questions = self.exam_questions(id)?;
        Ok(Some(Exam::restore(
            id,
            pack,
            profile,
            title,
            pass_mark,
            duration(limit),
            from_ms(started),
            questions,
            usize::try_from(position).unwrap_or(0),
            duration(used),
            now,
        )))
    }

    fn exam_questions(&self, id: i64) -> Result<Vec<Question>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT pack, item, domain, option_seed, answer, flagged, time_ms \
                 FROM exam_questions WHERE exam_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], read_question)
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(
                row.map_err(|e| self.err(e))?
                    .map_err(|detail| self.invalid_exam(id, detail))?,
            );
        }
        Ok(out)
    }

    /// Throw away an unfinished exam (its answers never become reviews).
    pub fn discard_exam(&mut self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        let session: Option<i64> = self
            .conn()
            .query_row(
                "SELECT session_id FROM exams WHERE id = ?1 AND finished_ms IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .flatten();
        self.write(|tx| {
            tx.execute(
                "DELETE FROM exams WHERE id = ?1 AND finished_ms IS NULL",
                [id],
            )?;
            if let Some(s) = session {
                tx.execute(
                    "UPDATE sessions SET ended_ms = ?2 WHERE id = ?1 AND ended_ms IS NULL",
                    params![s, to_ms(now)],
                )?;
            }
            Ok(())
        })
    }

    /// Submit `exam`: its final state, the score and each question's verdict, and `reviews`
    /// (each scheduled from the card's stored state, logged in the exam's session), all in
    /// one transaction. Returns the reviews as graded.
    pub fn submit_exam(
        &mut self,
        exam: &Exam,
        report: &ExamReport,
        reviews: &[ExamReview],
        now: DateTime<Utc>,
    ) -> Result<Vec<Graded>, StoreError> {
        let session: Option<i64> = self
            .conn()
            .query_row(
                "SELECT session_id FROM exams WHERE id = ?1 AND finished_ms IS NULL",
                [exam.id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| self.invalid_exam(exam.id, "not found, or already submitted".into()))?;
        let mut graded = Vec::with_capacity(reviews.len());
        let mut tally = SessionTally::default();
        for r in reviews {
            let settings = self.pack_settings(&r.key.pack)?;
            let before = self.progress(&r.key)?.unwrap_or_default();
            let kind = queue_kind(before.card.state);
            let g =
                crate::srs::queue::grade_progress(&settings, &r.key, before, r.rating, now, kind);
            tally.answered += 1;
            if r.rating == Rating::Again {
                tally.wrong += 1;
            } else {
                tally.correct += 1;
            }
            tally.new_seen += u32::from(g.before.card.state == State::New);
            graded.push((g, r.meta));
        }
        self.write(|tx| {
            save(tx, exam)?;
            tx.execute(
                "UPDATE exams SET finished_ms = ?2, auto_submitted = ?3, correct = ?4, \
                 total = ?5, score = ?6, passed = ?7 WHERE id = ?1",
                params![
                    exam.id,
                    to_ms(now),
                    report.auto_submitted,
                    report.right,
                    report.total,
                    report.score,
                    report.passed,
                ],
            )?;
            let mut stmt = tx.prepare_cached(
                "UPDATE exam_questions SET verdict = ?3 WHERE exam_id = ?1 AND position = ?2",
            )?;
            for (i, q) in report.questions.iter().enumerate() {
                stmt.execute(params![exam.id, i as i64, q.verdict.label()])?;
            }
            for (g, meta) in &graded {
                super::rows::write_progress(tx, &g.key, &g.after)?;
                super::rows::insert_log(tx, g, meta, session)?;
            }
            if let Some(s) = session {
                tx.execute(
                    "UPDATE sessions SET ended_ms = ?2, answered = ?3, correct = ?4, wrong = ?5, \
                     new_seen = ?6 WHERE id = ?1",
                    params![
                        s,
                        to_ms(now),
                        tally.answered,
                        tally.correct,
                        tally.wrong,
                        tally.new_seen
                    ],
                )?;
            }
            Ok(())
        })?;
        Ok(graded.into_iter().map(|(g, _)| g).collect())
    }

    /// How often each card of `pack` was asked in a mock exam (finished or not), by card id.
    pub fn exam_seen(&self, pack: &str) -> Result<HashMap<String, u32>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT item FROM exam_questions WHERE pack = ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([pack], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        let mut out: HashMap<String, u32> = HashMap::new();
        for item in rows {
            let item = item.map_err(|e| self.err(e))?;
            let card = ItemKey::new(pack, item).card_id().to_string();
            *out.entry(card).or_default() += 1;
        }
        Ok(out)
    }

    /// Finished exams (of one pack, or all), oldest first.
    pub fn exam_history(&self, pack: Option<&str>) -> Result<Vec<ExamRecord>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, pack, profile, title, started_ms, finished_ms, correct, total, score, \
                 pass_mark, passed, auto_submitted, used_ms, time_limit_ms FROM exams \
                 WHERE finished_ms IS NOT NULL AND (?1 IS NULL OR pack = ?1) \
                 ORDER BY finished_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([pack], |r| {
                Ok(ExamRecord {
                    id: r.get(0)?,
                    pack: r.get(1)?,
                    profile: r.get(2)?,
                    title: r.get(3)?,
                    started: from_ms(r.get(4)?),
                    finished: from_ms(r.get(5)?),
                    right: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
                    total: r.get::<_, Option<u32>>(7)?.unwrap_or(0),
                    score: r.get::<_, Option<u32>>(8)?.unwrap_or(0),
                    pass_mark: r.get(9)?,
                    passed: r.get::<_, Option<bool>>(10)?.unwrap_or(false),
                    auto_submitted: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
                    time_used: duration(r.get(12)?),
                    time_limit: duration(r.get(13)?),
                    domains: Vec::new(),
                })
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(|e| self.err(e))?);
        }
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT domain, SUM(verdict = 'right'), SUM(verdict != 'removed') \
                 FROM exam_questions WHERE exam_id = ?1 GROUP BY domain ORDER BY domain",
            )
            .map_err(|e| self.err(e))?;
        for rec in &mut out {
            let rows = stmt
                .query_map([rec.id], |r| {
                    Ok(DomainResult {
                        domain: r.get(0)?,
                        right: r.get(1)?,
                        total: r.get(2)?,
                    })
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                let d = row.map_err(|e| self.err(e))?;
                if d.total > 0 {
                    rec.domains.push(d);
                }
            }
        }
        Ok(out)
    }

    /// The exam plan of `pack`, if one is set.
    pub fn exam_plan(&self, pack: &str) -> Result<Option<PlanSettings>, StoreError> {
        let row = self
            .conn()
            .query_row(
                "SELECT exam_date, minutes_per_day, target_retention FROM exam_plans \
                 WHERE pack = ?1",
                [pack],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<u32>>(1)?,
                        r.get::<_, Option<f64>>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((date, minutes_per_day, target_retention)) = row else {
            return Ok(None);
        };
        let exam_date = date
            .parse::<NaiveDate>()
            .map_err(|_| self.invalid_data(format!("exam date `{date}` of pack {pack}")))?;
        let plan = PlanSettings {
            exam_date,
            minutes_per_day,
            target_retention,
        };
        plan.validate()
            .map_err(|e| self.invalid_data(format!("exam plan of pack {pack}: {e}")))?;
        Ok(Some(plan))
    }

    /// Set (or replace) the exam plan of `pack`; an invalid one is refused.
    pub fn set_exam_plan(&mut self, pack: &str, plan: &PlanSettings) -> Result<(), StoreError> {
        plan.validate()
            .map_err(|e| self.invalid_data(format!("exam plan of pack {pack}: {e}")))?;
        let date = plan.exam_date.format("%Y-%m-%d").to_string();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO exam_plans (pack, exam_date, minutes_per_day, target_retention) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (pack) DO UPDATE SET exam_date = ?2, \
                 minutes_per_day = ?3, target_retention = ?4",
                params![pack, date, plan.minutes_per_day, plan.target_retention],
            )
            .map(|_| ())
        })
    }

    /// The study day on which the plan of `pack` last brought cards forward.
    pub fn ahead_day(&self, pack: &str) -> Result<Option<i64>, StoreError> {
        self.conn()
            .query_row(
                "SELECT ahead_day FROM exam_plans WHERE pack = ?1",
                [pack],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.err(e))
    }

    /// Bring `keys` forward: due at `now` (cards in the Review state only; the others are
    /// left as they are), and record `day` as the plan's review-ahead day of `pack`, in one
    /// transaction. Returns how many came due.
    pub fn bring_forward(
        &mut self,
        pack: &str,
        keys: &[ItemKey],
        now: DateTime<Utc>,
        day: Option<i64>,
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut n = 0;
            for key in keys {
                let mut p = super::rows::stored_progress(tx, key)?;
                if p.card.state == State::Review && p.card.due.is_some_and(|d| d > now) {
                    p.card.due = Some(now);
                    super::rows::write_progress(tx, key, &p)?;
                    n += 1;
                }
            }
            if let Some(day) = day {
                tx.execute(
                    "UPDATE exam_plans SET ahead_day = ?2 WHERE pack = ?1",
                    params![pack, day],
                )?;
            }
            Ok(n)
        })
    }

    /// The extra new cards asked for with "study more today" in `pack` on study day `day`.
    pub fn extra_new_cards(&self, pack: &str, day: i64) -> Result<u32, StoreError> {
        self.conn()
            .query_row(
                "SELECT new_cards FROM study_more WHERE pack = ?1 AND day = ?2",
                params![pack, day],
                |r| r.get::<_, u32>(0),
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.err(e))
    }

    /// Add `n` extra new cards to study day `day` of `pack` ("study more today"); earlier
    /// days' grants are dropped. Returns the day's total.
    pub fn add_extra_new_cards(&mut self, pack: &str, day: i64, n: u32) -> Result<u32, StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM study_more WHERE pack = ?1 AND day < ?2",
                params![pack, day],
            )?;
            tx.query_row(
                "INSERT INTO study_more (pack, day, new_cards) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (pack, day) DO UPDATE SET new_cards = new_cards + ?3 \
                 RETURNING new_cards",
                params![pack, day, n],
                |r| r.get(0),
            )
        })
    }

    /// Remove the exam plan of `pack`.
    pub fn clear_exam_plan(&mut self, pack: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM exam_plans WHERE pack = ?1", [pack])
                .map(|_| ())
        })
    }

    fn invalid_exam(&self, id: i64, detail: String) -> StoreError {
        self.invalid_data(format!("exam {id}: {detail}"))
    }

    fn invalid_data(&self, detail: String) -> StoreError {
        StoreError::InvalidData {
            path: self.path().to_path_buf(),
            detail,
        }
    }
}

fn save(tx: &Transaction<'_>, exam: &Exam) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE exams SET used_ms = ?2, position = ?3 WHERE id = ?1",
        params![
            exam.id,
            ms(exam.used_at_checkpoint()),
            exam.position() as i64
        ],
    )?;
    let mut stmt = tx.prepare_cached(
        "UPDATE exam_questions SET answer = ?3, flagged = ?4, time_ms = ?5 \
         WHERE exam_id = ?1 AND position = ?2",
    )?;
    for (i, q) in exam.questions.iter().enumerate() {
        stmt.execute(params![
            exam.id,
            i as i64,
            answer_json(q),
            q.flagged,
            q.time_ms as i64
        ])?;
    }
    Ok(())
}

fn answer_json(q: &Question) -> Option<String> {
    q.answer
        .as_ref()
        .and_then(|a| serde_json::to_string(a).ok())
}

fn read_question(r: &Row<'_>) -> rusqlite::Result<Result<Question, String>> {
    let pack: String = r.get(0)?;
    let item: String = r.get(1)?;
    let domain: String = r.get(2)?;
    let seed: i64 = r.get(3)?;
    let answer: Option<String> = r.get(4)?;
    let flagged: bool = r.get(5)?;
    let time_ms: i64 = r.get(6)?;
    let answer = match answer.map(|a| serde_json::from_str::<Answer>(&a)) {
        None => None,
        Some(Ok(a)) => Some(a),
        Some(Err(e)) => return Ok(Err(format!("answer to {item}: {e}"))),
    };
    let key = ItemKey::new(pack, item);
    let card = key.card_id().to_string();
    let face = crate::exam::face_of(&key.item);
    let mut q = Question::new(key, card, face, domain, seed as u64);
    q.answer = answer;
    q.flagged = flagged;
    q.time_ms = u64::try_from(time_ms).unwrap_or(0);
    Ok(Ok(q))
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn duration(ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}
