//! Named actions: every key becomes one of these (through the keymap) before it changes any
//! state. The names are what `config.toml` uses under `[keys.<context>]`.

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Back,
    Help,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    // Home
    StartReview,
    OpenQuiz,
    ToggleMark,
    ClearMarks,
    ShowProblems,
    // The card browser
    OpenBrowser,
    Search,
    Flag,
    ResetProgress,
    // Cards
    Reveal,
    Submit,
    ToggleOption,
    /// Choose the option with this index (from a letter key).
    Choose(usize),
    AnswerTrue,
    AnswerFalse,
    GradeAgain,
    GradeHard,
    GradeGood,
    GradeEasy,
    Continue,
    /// A quiz flashcard: the learner knew it, or did not.
    KnewIt,
    DidNotKnow,
    /// Open the card's first reference in the browser.
    OpenLink,
    Undo,
    Suspend,
    Bury,
    ShowSource,
    ZoomDiagram,
    DiagramUp,
    DiagramDown,
    // Typed answers
    /// A typed character (or one of pasted text) for the input that has the keyboard.
    Insert(char),
    StartTyping,
    StopTyping,
    ClearInput,
    DeleteBack,
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    // Quiz set-up and summary
    More,
    Fewer,
    StartQuiz,
    RetryMissed,
    /// After a quiz: every question with its answer.
    ReviewAnswers,
    // Dialogs
    Dismiss,
    RetrySave,
    /// The update notice: list every change.
    ListChanges,
    // Visualiser
    OpenVisualiser,
    TogglePlay,
    StepEvent,
    Faster,
    Slower,
    Restart,
    ToggleQuizMe,
    EditParams,
    ShowRolling,
    ShowScaling,
    // Exam readiness: mock exams, statistics, the plan
    OpenExam,
    OpenStats,
    SetExamDate,
    StudyMore,
    ExamNext,
    ExamPrevious,
    ExamFlag,
    ExamMap,
    ExamNextUnanswered,
    ExamClear,
    ExamGoTo,
    SubmitExam,
    /// A question asked in a dialog: yes / no.
    Confirm,
    Cancel,
    StudyWeak,
    NextPage,
    PreviousPage,
    CycleRange,
    ShowBlueGreen,
    ShowPlacement,
    /// Put the deployment's CloudWatch alarm into ALARM (the visualiser's steering).
    TripAlarm,
    /// Esc on Home: nothing to close, so say which key quits (Esc never quits).
    QuitHint,
}

/// The configurable actions with their names (`Choose` is bound to letters and `Insert` to
/// every printable key while typing; they are not named).
pub const NAMED: &[(Action, &str)] = &[
    (Action::Quit, "quit"),
    (Action::Back, "back"),
    (Action::Help, "help"),
    (Action::Up, "up"),
    (Action::Down, "down"),
    (Action::Left, "left"),
    (Action::Right, "right"),
    (Action::PageUp, "page_up"),
    (Action::PageDown, "page_down"),
    (Action::Top, "top"),
    (Action::Bottom, "bottom"),
    (Action::StartReview, "start_review"),
    (Action::OpenQuiz, "open_quiz"),
    (Action::ToggleMark, "toggle_mark"),
    (Action::ClearMarks, "clear_marks"),
    (Action::OpenBrowser, "open_browser"),
    (Action::Search, "search"),
    (Action::Flag, "flag"),
    (Action::ResetProgress, "reset_progress"),
    (Action::ShowProblems, "show_problems"),
    (Action::Reveal, "reveal"),
    (Action::Submit, "submit"),
    (Action::ToggleOption, "toggle_option"),
    (Action::AnswerTrue, "answer_true"),
    (Action::AnswerFalse, "answer_false"),
    (Action::GradeAgain, "grade_again"),
    (Action::GradeHard, "grade_hard"),
    (Action::GradeGood, "grade_good"),
    (Action::GradeEasy, "grade_easy"),
    (Action::Continue, "continue"),
    (Action::KnewIt, "knew_it"),
    (Action::DidNotKnow, "did_not_know"),
    (Action::OpenLink, "open_link"),
    (Action::Undo, "undo"),
    (Action::Suspend, "suspend"),
    (Action::Bury, "bury"),
    (Action::ShowSource, "show_source"),
    (Action::ZoomDiagram, "zoom_diagram"),
    (Action::DiagramUp, "diagram_up"),
    (Action::DiagramDown, "diagram_down"),
    (Action::StartTyping, "start_typing"),
    (Action::StopTyping, "stop_typing"),
    (Action::ClearInput, "clear_input"),
    (Action::DeleteBack, "delete_back"),
    (Action::DeleteForward, "delete_forward"),
    (Action::CursorLeft, "cursor_left"),
    (Action::CursorRight, "cursor_right"),
    (Action::CursorHome, "cursor_home"),
    (Action::CursorEnd, "cursor_end"),
    (Action::More, "more"),
    (Action::Fewer, "fewer"),
    (Action::StartQuiz, "start_quiz"),
    (Action::RetryMissed, "retry_missed"),
    (Action::ReviewAnswers, "review_answers"),
    (Action::Dismiss, "dismiss"),
    (Action::RetrySave, "retry_save"),
    (Action::ListChanges, "list_changes"),
    (Action::OpenVisualiser, "open_visualiser"),
    (Action::TogglePlay, "toggle_play"),
    (Action::StepEvent, "step"),
    (Action::Faster, "faster"),
    (Action::Slower, "slower"),
    (Action::Restart, "restart"),
    (Action::ToggleQuizMe, "toggle_quiz_me"),
    (Action::EditParams, "edit_parameters"),
    (Action::ShowRolling, "show_rolling"),
    (Action::ShowScaling, "show_scaling"),
    (Action::OpenExam, "open_exam"),
    (Action::OpenStats, "open_stats"),
    (Action::SetExamDate, "set_exam_date"),
    (Action::StudyMore, "study_more"),
    (Action::ExamNext, "exam_next"),
    (Action::ExamPrevious, "exam_previous"),
    (Action::ExamFlag, "exam_flag"),
    (Action::ExamMap, "exam_map"),
    (Action::ExamNextUnanswered, "exam_next_unanswered"),
    (Action::ExamClear, "exam_clear"),
    (Action::ExamGoTo, "exam_go_to"),
    (Action::SubmitExam, "submit_exam"),
    (Action::Confirm, "confirm"),
    (Action::Cancel, "cancel"),
    (Action::StudyWeak, "study_weak_domains"),
    (Action::NextPage, "next_page"),
    (Action::PreviousPage, "previous_page"),
    (Action::CycleRange, "cycle_range"),
    (Action::ShowBlueGreen, "show_blue_green"),
    (Action::ShowPlacement, "show_placement"),
    (Action::TripAlarm, "trip_alarm"),
    (Action::QuitHint, "quit_hint"),
];

impl Action {
    /// The action's name in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Choose(_) => "choose",
            Action::Insert(_) => "insert",
            other => NAMED
                .iter()
                .find(|(a, _)| *a == other)
                .map_or("unnamed", |(_, n)| n),
        }
    }

    /// The action called `name`.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED.iter().find(|(_, n)| *n == name).map(|(a, _)| *a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (action, name) in NAMED {
            assert_eq!(Action::from_name(name), Some(*action));
            assert_eq!(action.name(), *name);
            assert!(seen.insert(*name), "duplicate name {name}");
        }
    }
}
