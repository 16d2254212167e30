//! The study layer driven directly, without a terminal: a review and a quiz over the test
//! pack, answers, undo of every kind, bury, suspend and the summary.

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use deckhand::quiz::Shown;
use deckhand::quiz::cram::Cram;
use deckhand::srs::Rating;
use deckhand::srs::queue::DayClock;
use deckhand::store::Store;
use deckhand::study::{Catalog, Env, Kind, Node, Notice, Phase, Seeds, Session, Undid};

struct Desk {
    cat: Catalog,
    store: Store,
    seeds: Seeds,
    now: DateTime<Utc>,
}

impl Desk {
    fn new() -> Desk {
        let library = deckhand::content::load_path(Path::new("tests/fixtures/tui-pack"));
        Desk {
            cat: Catalog::new(library),
            store: Store::open_in_memory().expect("store"),
            seeds: Seeds::new(7),
            now: "2026-11-21T09:00:00Z".parse().expect("time"),
        }
    }

    fn env(&mut self) -> Env<'_> {
        self.now += TimeDelta::seconds(5);
        Env {
            cat: &self.cat,
            store: &mut self.store,
            now: self.now,
            seeds: &mut self.seeds,
        }
    }

    fn review(&mut self) -> Session {
        let items = self.cat.selection(&[Node::Pack(0)]);
        Session::review(&mut self.env(), "pack".into(), &items, DayClock::default())
            .expect("session")
    }
}

fn shown(s: &Session) -> Option<String> {
    s.current().map(|a| a.key.item.clone())
}

/// Answer the card shown rightly (whatever its kind) and grade it.
fn answer(desk: &mut Desk, s: &mut Session, rating: Rating) -> Vec<Notice> {
    let card = s.current_mut().expect("a card");
    match card.shown.clone() {
        Shown::Options { options, .. } => {
            for (i, o) in options.iter().enumerate() {
                if o.correct {
                    card.choose(i);
                }
            }
            assert_eq!(s.submit(&mut desk.env()), None);
        }
        Shown::Typed { answers, .. } => {
            card.input.paste(&answers[0]);
            assert_eq!(s.submit(&mut desk.env()), None);
        }
        Shown::TrueFalse { answer, .. } => s.answer_true_false(&mut desk.env(), answer),
        _ => s.reveal(&mut desk.env()),
    }
    assert_eq!(s.current().map(|a| a.phase), Some(Phase::Answered));
    s.grade(&mut desk.env(), rating)
}

#[test]
fn undo_takes_back_answers_buries_and_suspends_in_order() {
    let mut desk = Desk::new();
    let mut s = desk.review();
    let start = s.status();
    assert_eq!(shown(&s).as_deref(), Some("agent"));
    answer(&mut desk, &mut s, Rating::Good);
    let after_one = s.status();
    assert_eq!(shown(&s).as_deref(), Some("fargate-cloze:c1"));
    assert_eq!(s.bury(&mut desk.env()), Some(Notice::Buried));
    assert_eq!(shown(&s).as_deref(), Some("awslogs"));
    assert_eq!(s.suspend(&mut desk.env()), Some(Notice::Suspended));
    assert_eq!(shown(&s).as_deref(), Some("s3-mount"));

    assert_eq!(
        s.undo(&mut desk.env()),
        Some(Notice::Undone(Undid::Suspend))
    );
    assert_eq!(shown(&s).as_deref(), Some("awslogs"));
    assert_eq!(s.undo(&mut desk.env()), Some(Notice::Undone(Undid::Bury)));
    assert_eq!(shown(&s).as_deref(), Some("fargate-cloze:c1"));
    assert_eq!(s.status(), after_one);
    assert_eq!(s.undo(&mut desk.env()), Some(Notice::Undone(Undid::Answer)));
    assert_eq!(shown(&s).as_deref(), Some("agent"));
    assert_eq!(s.status(), start, "counts as at the start");
    assert_eq!(s.undo(&mut desk.env()), Some(Notice::NothingToUndo));
    for key in ["agent", "fargate-cloze:c1", "awslogs"] {
        let p = desk
            .store
            .progress(&deckhand::srs::queue::ItemKey::new("tui", key))
            .expect("read");
        assert_eq!(p, None, "{key} is new again");
    }
    assert_eq!(desk.store.review_count().expect("count"), 0);
}

#[test]
fn the_undone_card_comes_back_as_it_was_shown() {
    let mut desk = Desk::new();
    let mut s = desk.review();
    while shown(&s).as_deref() != Some("lb-choice") {
        answer(&mut desk, &mut s, Rating::Easy);
    }
    let options = s.current().expect("card").shown.clone();
    answer(&mut desk, &mut s, Rating::Easy);
    s.undo(&mut desk.env());
    let card = s.current().expect("card");
    assert_eq!(card.shown, options, "the same option order");
    assert_eq!((card.phase, card.chosen.len()), (Phase::Question, 0));
}

#[test]
fn a_review_runs_to_its_summary() {
    let mut desk = Desk::new();
    let mut s = desk.review();
    let mut answered = 0;
    while s.current().is_some() {
        answer(&mut desk, &mut s, Rating::Easy);
        answered += 1;
        assert!(answered < 20);
    }
    assert!(s.is_over());
    let (summary, notice) = s.finish(&mut desk.env());
    assert_eq!(notice, None);
    assert_eq!(
        (summary.kind, summary.answered, summary.left),
        (Kind::Review, 6, 0)
    );
    assert!(!summary.ended_early());
}

#[test]
fn a_quiz_counts_a_checked_answer() {
    let mut desk = Desk::new();
    let items = desk.cat.selection(&[Node::Topic(0, 1)]);
    let (mut s, notice) = Session::quiz(&mut desk.env(), "quiz".into(), Cram::over(items));
    assert_eq!(notice, None);
    let card = s.current_mut().expect("card");
    let wrong = match &card.shown {
        Shown::Options { options, .. } => options.iter().position(|o| !o.correct),
        _ => None,
    };
    card.choose(wrong.expect("a wrong option"));
    s.submit(&mut desk.env());
    assert_eq!(s.undo(&mut desk.env()), Some(Notice::CheckedAnswerCounts));
    assert_eq!(s.current().map(|c| c.phase), Some(Phase::Answered));
    s.grade(&mut desk.env(), Rating::Easy);
    assert_eq!(s.undo(&mut desk.env()), Some(Notice::CheckedAnswerCounts));
    let status = s.status();
    assert_eq!((status.done, status.right), (1, Some(0)));
    let (summary, _) = s.finish(&mut desk.env());
    assert_eq!(summary.missed.map(|m| m.len()), Some(1));
    assert_eq!(summary.left, 1);
    assert_eq!(
        desk.store.review_count().expect("count"),
        0,
        "a quiz logs nothing"
    );
}

#[test]
fn home_counts_follow_changes_made_in_another_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("progress.sqlite3");
    let mut desk = Desk::new();
    desk.store = Store::open(&db).expect("store");
    let day = DayClock::default();
    let mut overview =
        deckhand::study::Overview::load(&desk.cat, &desk.store, desk.now, day).expect("load");
    assert_eq!(overview.counts(Node::Pack(0)).new, 6);
    // Another window suspends two cards and answers one.
    let mut other = Store::open(&db).expect("other");
    for item in ["agent", "lb-choice"] {
        other
            .update_progress(&deckhand::srs::queue::ItemKey::new("tui", item), |p| {
                p.suspended = true
            })
            .expect("suspend");
    }
    overview
        .refresh(&desk.cat, &desk.store, desk.now, day)
        .expect("refresh");
    // The suspended agent card gives way to its reverse side.
    assert_eq!(overview.counts(Node::Pack(0)).new, 5);
    assert_eq!(overview.counts(Node::Topic(0, 1)).new, 1);
    // And this window's own answers count too.
    let mut s = desk.review();
    answer(&mut desk, &mut s, Rating::Easy);
    overview
        .refresh(&desk.cat, &desk.store, desk.now, day)
        .expect("refresh");
    let fresh =
        deckhand::study::Overview::load(&desk.cat, &desk.store, desk.now, day).expect("load");
    assert_eq!(overview.counts(Node::Pack(0)), fresh.counts(Node::Pack(0)));
    assert_eq!(overview.next_due(), fresh.next_due());
    assert_eq!(
        (overview.streak, overview.today),
        (fresh.streak, fresh.today)
    );
    assert_eq!(overview.streak, 1);
}
