//! One table of key bindings: (context, keys, action, description). The same table resolves
//! keys, draws the footer hints and generates the `?` help, so they cannot disagree. Users
//! override keys in `config.toml` under `[keys.<context>]`, by action name.

use super::action::Action;
pub use super::key::Key;

/// Where a binding applies. The app computes the active contexts from its state, most
/// specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ctx {
    Global,
    Home,
    /// Home with marked rows.
    Marked,
    /// Any card screen (review or quiz).
    Study,
    /// Review sessions only (actions that change the schedule).
    Review,
    /// A card not answered yet.
    Question,
    /// A flashcard or cloze before the answer is revealed.
    Flash,
    /// Lettered options.
    Options,
    /// A typed-answer card whose input is not focused.
    Typed,
    /// Typing an answer (printable keys go to the input).
    Typing,
    TrueFalse,
    /// The answer is shown; grade and go on.
    Answered,
    /// A quiz question answered: no grade, go on.
    QuizAnswered,
    /// A quiz flashcard revealed: did you know it?
    QuizFlash,
    /// Waiting for a learning card to fall due.
    Wait,
    Summary,
    /// The summary of a quiz (it can retry the questions missed).
    QuizSummary,
    /// After a quiz: every question with its answer.
    Answers,
    QuizSetup,
    Popup,
    /// The notice of what changed in the packs since the last start.
    Updates,
    Help,
    Zoom,
    /// The visualiser.
    Visual,
    /// Editing the visualiser's parameters.
    VisualEdit,
    /// A prediction answered, waiting to go on.
    Predicted,
    /// A card that names a simulator scenario.
    Scenario,
    /// Choosing a mock exam (or resuming one).
    ExamSetup,
    /// A mock exam in progress.
    Exam,
    /// The question map of an exam.
    ExamMap,
    /// A yes/no question (submit the exam, leave it, discard it).
    Confirm,
    /// The report of a submitted exam.
    ExamReport,
    /// The statistics screen.
    Stats,
    /// Setting the exam date, budget and target of a pack.
    PlanForm,
    /// "Study more today".
    StudyMore,
    /// The card browser's list.
    Browser,
    /// Typing the browser's search.
    Search,
    /// Typing the note of a flag.
    Note,
}

impl Ctx {
    /// Every context, in help order.
    pub const ALL: [Ctx; 38] = [
        Ctx::Global,
        Ctx::Home,
        Ctx::Marked,
        Ctx::Study,
        Ctx::Review,
        Ctx::Question,
        Ctx::Flash,
        Ctx::Options,
        Ctx::Typed,
        Ctx::Typing,
        Ctx::TrueFalse,
        Ctx::Answered,
        Ctx::QuizAnswered,
        Ctx::QuizFlash,
        Ctx::Wait,
        Ctx::Summary,
        Ctx::QuizSummary,
        Ctx::Answers,
        Ctx::QuizSetup,
        Ctx::Popup,
        Ctx::Updates,
        Ctx::Help,
        Ctx::Zoom,
        Ctx::Visual,
        Ctx::VisualEdit,
        Ctx::Predicted,
        Ctx::Scenario,
        Ctx::ExamSetup,
        Ctx::Exam,
        Ctx::ExamMap,
        Ctx::Confirm,
        Ctx::ExamReport,
        Ctx::Stats,
        Ctx::PlanForm,
        Ctx::StudyMore,
        Ctx::Browser,
        Ctx::Search,
        Ctx::Note,
    ];

    /// The context's name in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Ctx::Global => "global",
            Ctx::Home => "home",
            Ctx::Marked => "marked",
            Ctx::Study => "study",
            Ctx::Review => "review",
            Ctx::Question => "question",
            Ctx::Flash => "flash",
            Ctx::Options => "options",
            Ctx::Typed => "typed",
            Ctx::Typing => "typing",
            Ctx::TrueFalse => "truefalse",
            Ctx::Answered => "answered",
            Ctx::QuizAnswered => "quiz_answered",
            Ctx::QuizFlash => "quiz_flash",
            Ctx::Wait => "wait",
            Ctx::Summary => "summary",
            Ctx::QuizSummary => "quiz_summary",
            Ctx::Answers => "answers",
            Ctx::QuizSetup => "quiz_setup",
            Ctx::Popup => "popup",
            Ctx::Updates => "updates",
            Ctx::Help => "help",
            Ctx::Zoom => "zoom",
            Ctx::Visual => "visual",
            Ctx::VisualEdit => "visual_edit",
            Ctx::Predicted => "predicted",
            Ctx::Scenario => "scenario",
            Ctx::ExamSetup => "exam_setup",
            Ctx::Exam => "exam",
            Ctx::ExamMap => "exam_map",
            Ctx::Confirm => "confirm",
            Ctx::ExamReport => "exam_report",
            Ctx::Stats => "stats",
            Ctx::PlanForm => "plan_form",
            Ctx::StudyMore => "study_more",
            Ctx::Browser => "browser",
            Ctx::Search => "search",
            Ctx::Note => "note",
        }
    }

    /// The heading of the context in the help screen.
    pub fn heading(self) -> &'static str {
        match self {
            Ctx::Global => "Everywhere",
            Ctx::Home => "Home",
            Ctx::Marked => "Home, with marked rows",
            Ctx::Study => "Cards",
            Ctx::Review => "Review session",
            Ctx::Question => "Before answering",
            Ctx::Flash => "Flashcard",
            Ctx::Options => "Options",
            Ctx::Typed => "Typed answer",
            Ctx::Typing => "Typing",
            Ctx::TrueFalse => "True or false",
            Ctx::Answered => "After answering",
            Ctx::QuizAnswered => "After answering (quiz)",
            Ctx::QuizFlash => "Did you know it? (quiz)",
            Ctx::Wait => "Waiting",
            Ctx::Summary => "Summary",
            Ctx::QuizSummary => "Quiz summary",
            Ctx::Answers => "The quiz's answers",
            Ctx::QuizSetup => "Quiz set-up",
            Ctx::Popup => "Message",
            Ctx::Updates => "Pack updates",
            Ctx::Help => "Help",
            Ctx::Zoom => "Diagram",
            Ctx::Visual => "Visualiser",
            Ctx::VisualEdit => "Editing parameters",
            Ctx::Predicted => "After a prediction",
            Ctx::Scenario => "Card with a scenario",
            Ctx::ExamSetup => "Mock exams",
            Ctx::Exam => "Exam",
            Ctx::ExamMap => "Question map",
            Ctx::Confirm => "Question",
            Ctx::ExamReport => "Exam report",
            Ctx::Stats => "Statistics",
            Ctx::PlanForm => "Exam date and plan",
            Ctx::StudyMore => "Study more today",
            Ctx::Browser => "Card browser",
            Ctx::Search => "Searching",
            Ctx::Note => "Flag note",
        }
    }

    /// The context called `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Ctx> {
        Ctx::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Contexts where every printable key is text for an input.
    pub fn takes_text(self) -> bool {
        matches!(self, Ctx::Typing | Ctx::Search | Ctx::Note | Ctx::PlanForm)
    }

    /// The contexts of a card screen, most specific first: `first` (the card's state), then
    /// the review's and the scenario's when they apply.
    pub fn study_stack(first: &[Ctx], review: bool, scenario: bool) -> Vec<Ctx> {
        if first == [Ctx::Typing] {
            return vec![Ctx::Typing, Ctx::Global];
        }
        let mut out = first.to_vec();
        if review {
            out.push(Ctx::Review);
        }
        if scenario {
            out.push(Ctx::Scenario);
        }
        out.extend([Ctx::Study, Ctx::Global]);
        out
    }

    /// Every stack of contexts the screens use. Two bindings of one key conflict only when
    /// their contexts are active together in one of them.
    pub fn stacks() -> Vec<Vec<Ctx>> {
        use Ctx::*;
        let mut out: Vec<Vec<Ctx>> = [
            &[Help, Global][..],
            &[Popup, Global],
            &[QuizSetup, Global],
            &[Zoom, Global],
            &[Updates, Global],
            &[Home, Global],
            &[Marked, Home, Global],
            &[VisualEdit, Global],
            &[Visual, Global],
            &[Predicted, Visual, Global],
            &[Summary, Global],
            &[QuizSummary, Summary, Global],
            &[ExamSetup, Global],
            &[Exam, Global],
            &[Typed, Exam, Global],
            &[TrueFalse, Exam, Global],
            &[ExamMap, Global],
            &[Confirm, Global],
            &[ExamReport, Global],
            &[Stats, Global],
            &[PlanForm, Global],
            &[StudyMore, Global],
            &[Browser, Global],
            &[Search, Typing, Global],
            &[Note, Typing, Global],
            &[Answers, Global],
        ]
        .iter()
        .map(|s| s.to_vec())
        .collect();
        let cards: [&[Ctx]; 7] = [
            &[Flash, Question],
            &[Options, Question],
            &[Typed, Question],
            &[TrueFalse, Question],
            &[Typing],
            &[Answered],
            &[Wait],
        ];
        for first in cards {
            for review in [false, true] {
                // A card's scenario opens once it is answered.
                for scenario in [false, first == [Answered]] {
                    out.push(Ctx::study_stack(first, review, scenario));
                }
            }
        }
        // A quiz answered: no grade, and no review.
        for first in [&[QuizAnswered][..], &[QuizFlash, QuizAnswered]] {
            for scenario in [false, true] {
                out.push(Ctx::study_stack(first, false, scenario));
            }
        }
        out
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub ctx: Ctx,
    pub action: Action,
    pub keys: Vec<Key>,
    pub description: &'static str,
    /// The short label in the footer, for the most useful ones.
    pub footer: Option<&'static str>,
}

/// The default bindings: (context, action, keys, description, footer label if in the footer).
type Row = (
    Ctx,
    Action,
    &'static [&'static str],
    &'static str,
    Option<&'static str>,
);

#[rustfmt::skip]
const DEFAULTS: &[Row] = &[
    (Ctx::Global, Action::Quit, &["ctrl-c"], "quit", None),
    (Ctx::Global, Action::Help, &["?", "f1"], "help", Some("help")),
    (Ctx::Home, Action::Up, &["up", "k"], "move up", None),
    (Ctx::Home, Action::Down, &["down", "j"], "move down", None),
    (Ctx::Home, Action::Right, &["right", "l"], "open a pack", None),
    (Ctx::Home, Action::Left, &["left", "h"], "close a pack", None),
    (Ctx::Home, Action::Top, &["home", "g"], "first row", None),
    (Ctx::Home, Action::Bottom, &["end", "G"], "last row", None),
    (Ctx::Home, Action::StartReview, &["enter"], "review today's cards", Some("review")),
    (Ctx::Home, Action::OpenQuiz, &["c"], "quiz (leaves the schedule alone)", Some("quiz")),
    (Ctx::Home, Action::ToggleMark, &["space"], "mark or unmark the row (it stays selected)", Some("mark")),
    (Ctx::Home, Action::ShowProblems, &["p"], "show problems in packs", None),
    (Ctx::Home, Action::OpenVisualiser, &["v"], "visualiser: rolling updates and auto scaling", Some("visualiser")),
    (Ctx::Home, Action::Back, &["q"], "quit", Some("quit")),
    (Ctx::Home, Action::QuitHint, &["esc"], "nothing to close here: say which key quits (Esc never quits)", None),
    (Ctx::Marked, Action::ClearMarks, &["esc"], "clear the marks", Some("clear marks")),
    (Ctx::Home, Action::OpenExam, &["x"], "mock exam: timed, scored like the real one", Some("exam")),
    (Ctx::Home, Action::OpenStats, &["s"], "statistics and charts", Some("stats")),
    (Ctx::Home, Action::SetExamDate, &["d"], "set the exam date of the pack (and the plan)", None),
    (Ctx::Home, Action::StudyMore, &["+"], "study more today: new cards or review ahead", None),
    (Ctx::Home, Action::OpenBrowser, &["/"], "find cards: search, suspend, flag (the card browser)", Some("cards")),
    (Ctx::Study, Action::Back, &["q", "esc"], "end the session", Some("end")),
    (Ctx::Study, Action::OpenBrowser, &["/"], "this card in the card browser", None),
    (Ctx::Study, Action::ZoomDiagram, &["z", "tab"], "diagram full screen", None),
    (Ctx::Study, Action::DiagramUp, &["pageup"], "scroll the diagram up", None),
    (Ctx::Study, Action::DiagramDown, &["pagedown"], "scroll the diagram down", None),
    (Ctx::Scenario, Action::OpenVisualiser, &["v"], "open the card's scenario in the visualiser", Some("scenario")),
    (Ctx::Review, Action::Suspend, &["s", "@"], "suspend this card", None),
    (Ctx::Review, Action::Bury, &["b", "-"], "bury this card until tomorrow", None),
    (Ctx::Review, Action::Undo, &["u"], "undo: answer again, or take back the last answer, bury or suspend", Some("undo")),
    (Ctx::Question, Action::ShowSource, &["e"], "where is this card defined", None),
    (Ctx::Flash, Action::Reveal, &["space", "enter"], "show the answer", Some("show answer")),
    (Ctx::Options, Action::Up, &["up", "k"], "previous option", None),
    (Ctx::Options, Action::Down, &["down", "j"], "next option", None),
    (Ctx::Options, Action::ToggleOption, &["space"], "choose / unchoose the option", None),
    (Ctx::Options, Action::Submit, &["enter"], "submit", Some("submit")),
    (Ctx::Typed, Action::StartTyping, &["i", "enter"], "type the answer", Some("type")),
    (Ctx::Typing, Action::Submit, &["enter"], "submit", Some("submit")),
    (Ctx::Typing, Action::StopTyping, &["esc"], "stop typing", Some("stop typing")),
    (Ctx::Typing, Action::ClearInput, &["ctrl-u"], "clear", Some("clear")),
    (Ctx::Typing, Action::DeleteBack, &["backspace"], "delete back", None),
    (Ctx::Typing, Action::DeleteForward, &["delete"], "delete forward", None),
    (Ctx::Typing, Action::CursorLeft, &["left"], "cursor left", None),
    (Ctx::Typing, Action::CursorRight, &["right"], "cursor right", None),
    (Ctx::Typing, Action::CursorHome, &["home", "ctrl-a"], "start of input", None),
    (Ctx::Typing, Action::CursorEnd, &["end", "ctrl-e"], "end of input", None),
    (Ctx::TrueFalse, Action::AnswerTrue, &["t"], "true", Some("true")),
    (Ctx::TrueFalse, Action::AnswerFalse, &["f"], "false", Some("false")),
    (Ctx::Answered, Action::GradeAgain, &["1"], "again", Some("again")),
    (Ctx::Answered, Action::GradeHard, &["2"], "hard", Some("hard")),
    (Ctx::Answered, Action::GradeGood, &["3"], "good", Some("good")),
    (Ctx::Answered, Action::GradeEasy, &["4"], "easy", Some("easy")),
    (Ctx::Answered, Action::Continue, &["enter", "space"], "next, with the marked grade", Some("next")),
    (Ctx::Answered, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::Answered, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Answered, Action::ShowSource, &["e"], "where is this card defined", None),
    (Ctx::Answered, Action::OpenLink, &["o"], "open the card's documentation in the browser", None),
    (Ctx::QuizFlash, Action::KnewIt, &["y"], "I knew it", Some("knew it")),
    (Ctx::QuizFlash, Action::DidNotKnow, &["n"], "I did not know it", Some("didn't")),
    (Ctx::QuizAnswered, Action::Continue, &["enter", "space"], "next question", Some("next")),
    (Ctx::QuizAnswered, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::QuizAnswered, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::QuizAnswered, Action::ShowSource, &["e"], "where is this card defined", None),
    (Ctx::QuizAnswered, Action::OpenLink, &["o"], "open the card's documentation in the browser", None),
    (Ctx::QuizSummary, Action::RetryMissed, &["r"], "retry the ones I missed", Some("retry missed")),
    (Ctx::QuizSummary, Action::ReviewAnswers, &["a"], "every question with your answer and why", Some("answers")),
    (Ctx::Answers, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::Answers, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Answers, Action::PageUp, &["pageup"], "page up", None),
    (Ctx::Answers, Action::PageDown, &["pagedown", "space"], "page down", Some("page down")),
    (Ctx::Answers, Action::Top, &["home", "g"], "first question", None),
    (Ctx::Answers, Action::Bottom, &["end", "G"], "last question", None),
    (Ctx::Answers, Action::RetryMissed, &["r"], "retry the ones I missed", Some("retry missed")),
    (Ctx::Answers, Action::Back, &["q", "esc"], "back to the summary", Some("back")),
    (Ctx::Summary, Action::Back, &["enter", "q", "esc"], "back to home", Some("home")),
    (Ctx::QuizSetup, Action::StartQuiz, &["enter"], "start the quiz", Some("start")),
    (Ctx::QuizSetup, Action::Up, &["up", "k"], "previous row", None),
    (Ctx::QuizSetup, Action::Down, &["down", "j"], "next row", None),
    (Ctx::QuizSetup, Action::ToggleOption, &["space"], "include / leave out a kind", Some("include kind")),
    (Ctx::QuizSetup, Action::More, &["+", "right", "l"], "more questions", Some("more")),
    (Ctx::QuizSetup, Action::Fewer, &["-", "left", "h"], "fewer questions", Some("fewer")),
    (Ctx::QuizSetup, Action::Bottom, &["a", "end"], "all the questions that match", None),
    (Ctx::QuizSetup, Action::Back, &["q", "esc"], "cancel", Some("cancel")),
    (Ctx::Browser, Action::Search, &["/"], "search: words, is:state, topic:, tag:, kind:, id:", Some("search")),
    (Ctx::Browser, Action::Up, &["up", "k"], "previous card", None),
    (Ctx::Browser, Action::Down, &["down", "j"], "next card", None),
    (Ctx::Browser, Action::PageUp, &["pageup"], "a page up", None),
    (Ctx::Browser, Action::PageDown, &["pagedown"], "a page down", None),
    (Ctx::Browser, Action::Top, &["home", "g"], "first card", None),
    (Ctx::Browser, Action::Bottom, &["end", "G"], "last card", None),
    (Ctx::Browser, Action::Suspend, &["s"], "suspend or unsuspend", Some("suspend")),
    (Ctx::Browser, Action::Bury, &["b"], "bury until tomorrow, or unbury", Some("bury")),
    (Ctx::Browser, Action::Flag, &["f"], "flag with a note, or take the flag off", Some("flag")),
    (Ctx::Browser, Action::ResetProgress, &["R"], "reset its progress to new (asks first)", Some("reset")),
    (Ctx::Browser, Action::ZoomDiagram, &["z"], "its diagram, full screen", None),
    (Ctx::Browser, Action::OpenVisualiser, &["v"], "its scenario in the visualiser", None),
    (Ctx::Browser, Action::Back, &["esc", "q"], "back", Some("back")),
    (Ctx::Search, Action::Submit, &["enter"], "done searching", Some("done")),
    (Ctx::Search, Action::StopTyping, &["esc"], "stop typing", None),
    (Ctx::Note, Action::Submit, &["enter"], "save the flag", Some("save")),
    (Ctx::Note, Action::StopTyping, &["esc"], "cancel", Some("cancel")),
    (Ctx::Popup, Action::RetrySave, &["r"], "retry", None),
    (Ctx::Popup, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::Popup, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Popup, Action::Dismiss, &["enter", "esc", "q"], "close", Some("close")),
    (Ctx::Updates, Action::ListChanges, &["enter"], "list every change", Some("list changes")),
    (Ctx::Updates, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::Updates, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Updates, Action::PageUp, &["pageup"], "page up", None),
    (Ctx::Updates, Action::PageDown, &["pagedown", "space"], "page down", None),
    (Ctx::Updates, Action::Dismiss, &["esc", "q"], "close", Some("close")),
    (Ctx::Help, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::Help, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Help, Action::PageUp, &["pageup"], "page up", None),
    (Ctx::Help, Action::PageDown, &["pagedown", "space"], "page down", None),
    (Ctx::Help, Action::Back, &["esc", "q", "?"], "close the help", Some("close")),
    (Ctx::Zoom, Action::Up, &["up", "k"], "scroll up", Some("scroll")),
    (Ctx::Zoom, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Zoom, Action::Left, &["left", "h"], "scroll left", None),
    (Ctx::Zoom, Action::Right, &["right", "l"], "scroll right", None),
    (Ctx::Zoom, Action::Back, &["esc", "q", "z", "tab"], "back to the card", Some("back")),
    (Ctx::Predicted, Action::StepEvent, &["enter", "n", "right", "space"], "let the simulator do it and go on", Some("go on")),
    (Ctx::ExamSetup, Action::Up, &["up", "k"], "previous exam", None),
    (Ctx::ExamSetup, Action::Down, &["down", "j"], "next exam", None),
    (Ctx::ExamSetup, Action::Submit, &["enter"], "start (or resume) this exam", Some("start")),
    (Ctx::ExamSetup, Action::Back, &["esc", "q"], "cancel", Some("cancel")),
    (Ctx::Exam, Action::ExamNext, &["right", "n", "enter"], "next question", Some("next")),
    (Ctx::Exam, Action::ExamPrevious, &["left", "p"], "previous question", Some("previous")),
    (Ctx::Exam, Action::ExamFlag, &["F", "*"], "flag for review / unflag", Some("flag")),
    (Ctx::Exam, Action::ExamMap, &["m", "tab"], "question map", Some("map")),
    (Ctx::Exam, Action::ExamNextUnanswered, &["u"], "next unanswered question", None),
    (Ctx::Exam, Action::ZoomDiagram, &["z"], "the question's diagram, full screen", None),
    (Ctx::Exam, Action::Up, &["up", "k"], "previous option", None),
    (Ctx::Exam, Action::Down, &["down", "j"], "next option", None),
    (Ctx::Exam, Action::ToggleOption, &["space"], "choose / unchoose the option", None),
    (Ctx::Exam, Action::ExamClear, &["backspace", "delete"], "clear the answer", None),
    (Ctx::Exam, Action::SubmitExam, &["S"], "submit the exam (asks first)", Some("submit")),
    (Ctx::Exam, Action::Back, &["q", "esc"], "leave (saved, resumes from Home)", Some("leave")),
    (Ctx::ExamMap, Action::Up, &["up", "k"], "previous question", None),
    (Ctx::ExamMap, Action::Down, &["down", "j"], "next question", None),
    (Ctx::ExamMap, Action::PageUp, &["pageup"], "page up", None),
    (Ctx::ExamMap, Action::PageDown, &["pagedown"], "page down", None),
    (Ctx::ExamMap, Action::ExamGoTo, &["enter", "space"], "go to the question", Some("go to")),
    (Ctx::ExamMap, Action::ExamNextUnanswered, &["u"], "next unanswered", Some("unanswered")),
    (Ctx::ExamMap, Action::ExamFlag, &["F", "*"], "next flagged", Some("flagged")),
    (Ctx::ExamMap, Action::Back, &["esc", "m", "q", "tab"], "close the map", Some("close")),
    (Ctx::Confirm, Action::Confirm, &["y", "enter"], "yes", Some("yes")),
    (Ctx::Confirm, Action::Cancel, &["n", "esc", "q"], "no", Some("no")),
    (Ctx::ExamReport, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::ExamReport, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::ExamReport, Action::PageUp, &["pageup"], "page up", None),
    (Ctx::ExamReport, Action::PageDown, &["pagedown", "space"], "page down", Some("page")),
    (Ctx::ExamReport, Action::ExamNext, &["n", "right"], "next question", Some("next question")),
    (Ctx::ExamReport, Action::ExamPrevious, &["p", "left"], "previous question", None),
    (Ctx::ExamReport, Action::Top, &["home", "g"], "back to the score", None),
    (Ctx::ExamReport, Action::StudyWeak, &["w"], "study my weak domains", Some("study weak domains")),
    (Ctx::ExamReport, Action::Back, &["q", "esc"], "back to home", Some("home")),
    (Ctx::Stats, Action::NextPage, &["tab", "right", "l"], "next page", Some("next page")),
    (Ctx::Stats, Action::PreviousPage, &["backtab", "left", "h"], "previous page", None),
    (Ctx::Stats, Action::CycleRange, &["r"], "reviews over 30, 90 or 365 days", Some("range")),
    (Ctx::Stats, Action::Up, &["up", "k"], "scroll up", None),
    (Ctx::Stats, Action::Down, &["down", "j"], "scroll down", None),
    (Ctx::Stats, Action::Back, &["q", "esc"], "back to home", Some("home")),
    (Ctx::PlanForm, Action::Up, &["up", "backtab"], "previous field", None),
    (Ctx::PlanForm, Action::Down, &["down", "tab"], "next field", Some("next field")),
    (Ctx::PlanForm, Action::DeleteBack, &["backspace"], "delete back", None),
    (Ctx::PlanForm, Action::ClearInput, &["ctrl-u"], "clear the field", None),
    (Ctx::PlanForm, Action::Submit, &["enter"], "save (an empty date removes the plan)", Some("save")),
    (Ctx::PlanForm, Action::Back, &["esc"], "cancel", Some("cancel")),
    (Ctx::StudyMore, Action::Up, &["up", "k"], "previous choice", None),
    (Ctx::StudyMore, Action::Down, &["down", "j"], "next choice", None),
    (Ctx::StudyMore, Action::More, &["+", "right", "l"], "more cards", Some("more")),
    (Ctx::StudyMore, Action::Fewer, &["-", "left", "h"], "fewer cards", Some("fewer")),
    (Ctx::StudyMore, Action::Submit, &["enter"], "start", Some("start")),
    (Ctx::StudyMore, Action::Back, &["esc", "q"], "cancel", Some("cancel")),
    (Ctx::Visual, Action::TogglePlay, &["space"], "play / pause", Some("play/pause")),
    (Ctx::Visual, Action::StepEvent, &["n", "right"], "step to the next event", Some("step")),
    (Ctx::Visual, Action::Faster, &["+", "="], "faster", Some("faster")),
    (Ctx::Visual, Action::Slower, &["-"], "slower", None),
    (Ctx::Visual, Action::Restart, &["r"], "restart", Some("restart")),
    (Ctx::Visual, Action::ToggleQuizMe, &["p"], "quiz me: predict each decision", Some("quiz me")),
    (Ctx::Visual, Action::EditParams, &["e"], "edit the parameters", Some("edit")),
    (Ctx::Visual, Action::ShowRolling, &["1"], "rolling update", None),
    (Ctx::Visual, Action::ShowScaling, &["2"], "service auto scaling", None),
    (Ctx::Visual, Action::ShowBlueGreen, &["3"], "blue/green, linear and canary deployments", None),
    (Ctx::Visual, Action::ShowPlacement, &["4"], "task placement", None),
    (Ctx::Visual, Action::TripAlarm, &["x"], "put the deployment alarm into ALARM", None),
    (Ctx::Visual, Action::PageUp, &["pageup"], "older events", None),
    (Ctx::Visual, Action::PageDown, &["pagedown"], "newer events", None),
    (Ctx::Visual, Action::Back, &["q", "esc"], "back", Some("back")),
    (Ctx::VisualEdit, Action::Up, &["up", "k"], "previous parameter", None),
    (Ctx::VisualEdit, Action::Down, &["down", "j"], "next parameter", None),
    (Ctx::VisualEdit, Action::Left, &["left", "h"], "less / previous value", Some("change")),
    (Ctx::VisualEdit, Action::Right, &["right", "l"], "more / next value", None),
    (Ctx::VisualEdit, Action::Back, &["enter", "esc", "e", "q"], "done editing", Some("done")),
];

/// The bindings in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|&(ctx, action, keys, description, footer)| Binding {
                ctx,
                action,
                // The defaults are written by us and covered by a test.
                keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                description,
                footer,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action of `key` in the active contexts (most specific first).
    pub fn action(&self, active: &[Ctx], key: Key) -> Option<Action> {
        active.iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.ctx == *ctx && b.keys.contains(&key))
                .map(|b| b.action)
        })
    }

    /// The bindings of the active contexts, each action once (the most specific wins),
    /// without the keys `reserved` says are taken (letters that choose options, or every
    /// printable key while typing).
    pub fn active(&self, active: &[Ctx], reserved: &dyn Fn(&Key) -> bool) -> Vec<Binding> {
        let mut out: Vec<Binding> = Vec::new();
        for ctx in active {
            for b in self.bindings.iter().filter(|b| b.ctx == *ctx) {
                let keys: Vec<Key> = b
                    .keys
                    .iter()
                    .filter(|k| !reserved(k) && !out.iter().any(|o| o.keys.contains(k)))
                    .copied()
                    .collect();
                if !keys.is_empty() && !out.iter().any(|o| o.action == b.action) {
                    out.push(Binding { keys, ..b.clone() });
                }
            }
        }
        out
    }

    /// Every binding.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The binding of `action` in `ctx`.
    pub fn binding(&self, ctx: Ctx, action: Action) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.ctx == ctx && b.action == action)
    }

    pub(super) fn binding_mut(&mut self, ctx: Ctx, action: Action) -> Option<&mut Binding> {
        self.bindings
            .iter_mut()
            .find(|b| b.ctx == ctx && b.action == action)
    }

    /// The first key of `action` in context `ctx`, if it has one.
    pub fn key(&self, ctx: Ctx, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.ctx == ctx && b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// The name of the first key of `action` in `ctx`, for prose ("press c for a quiz"); `?`
    /// when it has none.
    pub fn label(&self, ctx: Ctx, action: Action) -> String {
        self.key(ctx, action)
            .map_or_else(|| "?".to_string(), |k| k.to_string())
    }

    /// Every key of `action` in `ctx`, joined with `or` ("i or Enter").
    pub fn labels(&self, ctx: Ctx, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.ctx == ctx && b.action == action)
            .map_or_else(
                || "?".to_string(),
                |b| {
                    b.keys
                        .iter()
                        .map(Key::to_string)
                        .collect::<Vec<_>>()
                        .join(" or ")
                },
            )
    }

    /// The footer hints: `(key, description, action)` of the footer bindings in effect.
    pub fn footer(
        &self,
        active: &[Ctx],
        reserved: &dyn Fn(&Key) -> bool,
    ) -> Vec<(String, &'static str, Action)> {
        self.active(active, reserved)
            .into_iter()
            .filter_map(|b| {
                b.footer
                    .map(|label| (keys_label(&b.keys[..1]), label, b.action))
            })
            .collect()
    }

    /// Every binding in effect, grouped by context, for the help screen.
    pub fn help(
        &self,
        active: &[Ctx],
        reserved: &dyn Fn(&Key) -> bool,
    ) -> Vec<(Ctx, Vec<HelpRow>)> {
        let bindings = self.active(active, reserved);
        active
            .iter()
            .filter_map(|ctx| {
                let rows: Vec<HelpRow> = bindings
                    .iter()
                    .filter(|b| b.ctx == *ctx)
                    .map(|b| HelpRow {
                        keys: keys_label(&b.keys),
                        action: b.action,
                        description: b.description,
                    })
                    .collect();
                (!rows.is_empty()).then_some((*ctx, rows))
            })
            .collect()
    }
}

/// One row of the help: the keys, the action (its name is what `config.toml` uses) and
/// what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: String,
    pub action: Action,
    pub description: &'static str,
}

/// `Enter / Space`.
pub fn keys_label(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn every_default_key_parses() {
        for (ctx, action, keys, _, _) in DEFAULTS {
            for k in *keys {
                assert!(Key::parse(k).is_ok(), "{ctx:?} {action:?}: {k}");
            }
        }
    }

    #[test]
    fn the_most_specific_context_wins() {
        let map = Keymap::default();
        let enter = Key::plain(KeyCode::Enter);
        assert_eq!(
            map.action(&[Ctx::Flash, Ctx::Question, Ctx::Study, Ctx::Global], enter),
            Some(Action::Reveal)
        );
        assert_eq!(
            map.action(
                &[Ctx::Options, Ctx::Question, Ctx::Study, Ctx::Global],
                enter
            ),
            Some(Action::Submit)
        );
        assert_eq!(
            map.action(&[Ctx::Home, Ctx::Global], enter),
            Some(Action::StartReview)
        );
        let ctrl_c = Key {
            code: KeyCode::Char('c'),
            ctrl: true,
            alt: false,
        };
        assert_eq!(
            map.action(&[Ctx::Typing, Ctx::Global], ctrl_c),
            Some(Action::Quit)
        );
        // Suspend and bury exist only in review sessions, not in quizzes.
        let s = Key::plain(KeyCode::Char('s'));
        assert_eq!(
            map.action(&[Ctx::Flash, Ctx::Question, Ctx::Study, Ctx::Global], s),
            None
        );
        assert_eq!(
            map.action(
                &[
                    Ctx::Flash,
                    Ctx::Question,
                    Ctx::Review,
                    Ctx::Study,
                    Ctx::Global
                ],
                s
            ),
            Some(Action::Suspend)
        );
    }

    #[test]
    fn help_lists_what_the_footer_shows() {
        let map = Keymap::default();
        let ctx = [Ctx::Answered, Ctx::Review, Ctx::Study, Ctx::Global];
        let help: Vec<&str> = map
            .help(&ctx, &|_| false)
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|r| r.description))
            .collect();
        let footer_actions: Vec<Action> = map
            .active(&ctx, &|_| false)
            .iter()
            .filter(|b| b.footer.is_some())
            .map(|b| b.action)
            .collect();
        assert!(footer_actions.contains(&Action::GradeGood));
        assert_eq!(
            map.footer(&ctx, &|_| false)[0],
            ("1".to_string(), "again", Action::GradeAgain)
        );
        assert!(help.contains(&"bury this card until tomorrow"));
    }
}
