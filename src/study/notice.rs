//! What happened, as typed values the front end puts into words. The study layer never writes
//! a key name: the front end takes those from its keymap.

use chrono::{DateTime, Utc};

/// What an undo took back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undid {
    Answer,
    Bury,
    Suspend,
}

/// What failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Saving an answer: it is kept and can be saved again.
    SaveAnswer,
    Undo,
    Bury,
    Suspend,
    /// Reading progress (Home, starting a review).
    ReadProgress,
    StartReview,
    /// A quiz's session row: the quiz goes on without being recorded.
    RecordQuiz,
    /// The end of a session could not be recorded.
    RecordEnd,
    /// A prediction answered in the visualiser.
    SavePrediction,
    /// A change made in the card browser.
    ChangeCard,
    /// Drawing or storing a new mock exam.
    StartExam,
    /// Saving an exam in progress (an answer, a flag, a move).
    SaveExam,
    /// Submitting an exam: it stays open and can be submitted again.
    SubmitExam,
}

impl Failure {
    /// Whether the same action can simply be tried again.
    pub fn can_retry(self) -> bool {
        matches!(self, Failure::SaveAnswer | Failure::SubmitExam)
    }
}

/// An outcome to tell the learner about.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// A multiple-response card needs `need` options; `chosen` are chosen.
    ChooseMore {
        need: usize,
        chosen: usize,
    },
    /// Submit on an empty typed answer.
    TypeFirst,
    /// The answer made the card a leech.
    Leech {
        lapses: u32,
        suspended: bool,
    },
    /// The card had been answered in another window since this session loaded it: the grade
    /// was applied on top of that answer.
    ChangedElsewhere,
    Suspended,
    Buried,
    /// The last action was taken back.
    Undone(Undid),
    NothingToUndo,
    /// The card changed in another window after the action: the undo would lose that, so
    /// nothing was taken back.
    UndoConflict,
    /// A quiz counts an answer once it is checked.
    CheckedAnswerCounts,
    /// Nothing due in the selection; `next` is when its next card is due, if ever.
    NothingDue {
        label: String,
        next: Option<DateTime<Utc>>,
    },
    /// The quiz set-up left nothing to ask.
    NoQuestionOfKinds,
    /// "Retry the ones I missed" with nothing missed.
    NothingMissed,
    NoDiagram,
    /// The card's diagram holds the answer: it shows once the card is answered.
    DiagramAfterAnswer,
    NoScenario,
    /// A prediction answered in the visualiser was scheduled as its card.
    Scheduled {
        card: String,
    },
    /// A mock exam has `minutes` left.
    ExamWarning {
        minutes: u32,
    },
    /// The exam's time ran out: it was submitted as it stood.
    ExamTimeUp,
    /// Every question of the exam has an answer.
    AllAnswered,
    /// Nothing of the weakest domains is due today: a quiz over them instead.
    WeakDomainsQuiz,
    /// Something could not be done; `detail` says why.
    Failed {
        what: Failure,
        detail: String,
    },
}

impl Notice {
    /// Whether it reports an error.
    pub fn is_error(&self) -> bool {
        matches!(self, Notice::Failed { .. } | Notice::UndoConflict)
    }

    pub(crate) fn failed(what: Failure, e: impl std::fmt::Display) -> Notice {
        Notice::Failed {
            what,
            detail: e.to_string(),
        }
    }
}
