//! The study layer's notices in words, with key names taken from the keymap.

use super::action::Action;
use super::keymap::Ctx;
use super::view::View;
use crate::study::{Failure, Notice, Undid};

/// The title of the popup that reports a failure.
pub fn failure_title(what: Failure) -> &'static str {
    match what {
        Failure::SaveAnswer => "Your answer was not saved",
        Failure::Undo => "Cannot undo",
        Failure::Bury | Failure::Suspend | Failure::ChangeCard => "Not saved",
        Failure::ReadProgress => "Cannot read progress",
        Failure::StartReview => "Cannot start the review",
        Failure::RecordQuiz => "The quiz will not be recorded",
        Failure::RecordEnd => "The session end was not recorded",
        Failure::SavePrediction => "The prediction was not saved",
        Failure::StartExam => "Cannot start the exam",
        Failure::SaveExam => "The exam was not saved",
        Failure::SubmitExam => "The exam was not submitted",
    }
}

/// Whether a failure is shown in a popup (it stops the learner) rather than the footer.
pub fn in_popup(what: Failure) -> bool {
    !matches!(
        what,
        Failure::RecordQuiz | Failure::RecordEnd | Failure::SavePrediction
    )
}

/// The popup lines of a failure: what went wrong, and what to do.
pub fn failure_lines(view: &View, what: Failure, detail: &str) -> Vec<String> {
    let mut lines: Vec<String> = detail.lines().map(str::to_string).collect();
    if what.can_retry() {
        lines.push(String::new());
        lines.push(format!(
            "{} press {} to save it again, or {} and try again later.",
            if what == Failure::SubmitExam {
                "The exam is kept, open:"
            } else {
                "Your answer is kept:"
            },
            view.key(Ctx::Popup, Action::RetrySave),
            view.keymap.label(Ctx::Popup, Action::Dismiss),
        ));
    }
    lines
}

/// A one-line message for the footer.
pub fn toast_text(view: &View, notice: &Notice) -> String {
    match notice {
        Notice::ChooseMore { need, chosen } => format!(
            "Choose {need} options ({chosen} chosen): letters or {} mark them.",
            view.key(Ctx::Options, Action::ToggleOption)
        ),
        Notice::TypeFirst => format!(
            "Type an answer first (or {} to end the session).",
            view.key(Ctx::Study, Action::Back)
        ),
        Notice::Leech {
            lapses,
            suspended: true,
        } => format!(
            "This card is a leech ({lapses} lapses): tagged and suspended; the card browser ({}) brings it back.",
            view.key(Ctx::Home, Action::OpenBrowser)
        ),
        Notice::Leech { lapses, .. } => format!("This card is a leech ({lapses} lapses): tagged."),
        Notice::ChangedElsewhere => {
            "This card was answered in another window meanwhile: your grade was added to that answer."
                .into()
        }
        Notice::Suspended => format!(
            "Suspended: it comes back when you unsuspend it in the card browser ({}).",
            view.key(Ctx::Home, Action::OpenBrowser)
        ),
        Notice::Buried => "Buried until tomorrow.".into(),
        Notice::Undone(Undid::Answer) => "Undone: the card is back as it was.".into(),
        Notice::Undone(Undid::Bury) => "Undone: the card is no longer buried.".into(),
        Notice::Undone(Undid::Suspend) => "Undone: the card is no longer suspended.".into(),
        Notice::NothingToUndo => "Nothing to undo in this session.".into(),
        Notice::UndoConflict => {
            "Not undone: the card was changed in another window since.".into()
        }
        Notice::CheckedAnswerCounts => "In a quiz a checked answer counts: nothing to undo.".into(),
        Notice::NothingDue { label, next } => {
            let when = next.map_or_else(
                || " None of its cards is scheduled.".to_string(),
                |t| format!(" Its next card is due {}.", view.due(t)),
            );
            format!(
                "Nothing due in {label}.{when} Press {} for a quiz.",
                view.key(Ctx::Home, Action::OpenQuiz)
            )
        }
        Notice::NoQuestionOfKinds => "No question of the chosen kinds in this selection.".into(),
        Notice::NothingMissed => "Nothing missed: nothing to retry.".into(),
        Notice::NoDiagram => "This card has no diagram.".into(),
        Notice::DiagramAfterAnswer => "This card's diagram shows once it is answered.".into(),
        Notice::NoScenario => "This card has no simulator scenario.".into(),
        Notice::Scheduled { card } => {
            format!("Scheduled: the card {card} comes back in your reviews.")
        }
        Notice::ExamWarning { minutes } => format!(
            "{} left. {} shows the questions still unanswered or flagged.",
            if *minutes == 1 {
                "1 minute".to_string()
            } else {
                format!("{minutes} minutes")
            },
            view.key(Ctx::Exam, Action::ExamMap)
        ),
        Notice::ExamTimeUp => "Time is up: the exam was submitted as it stood.".into(),
        Notice::AllAnswered => format!(
            "Every question has an answer; {} submits the exam.",
            view.key(Ctx::Exam, Action::SubmitExam)
        ),
        Notice::WeakDomainsQuiz => {
            "Nothing in your weakest domains is due today: here is a quiz over them (the schedule is left alone)."
                .into()
        }
        Notice::Failed { what, detail } => format!("{}: {detail}", failure_title(*what)),
    }
}
