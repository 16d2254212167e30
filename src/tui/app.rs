//! The application: its state, and `dispatch`, the one place where actions change it.
//!
//! Keys become [`Action`]s through the keymap (`handle_key`), typed characters and pasted
//! text too, and `dispatch` applies them: to the overlay on top, else to the screen. What
//! studying does is the study layer's ([`crate::study`]); the app routes actions to it and
//! turns the notices that come back into toasts and popups. Time comes from an injected
//! [`Clock`] and shuffles from a seed, so tests drive the whole app with actions and get the
//! same screens every time.

mod browser;
mod exam;
mod home;
mod pointer;
mod readiness;
mod study;
mod visual;

use std::cell::Cell;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::keymap::{Ctx, Key, Keymap};
use super::mouse::Hits;
use super::notice::{failure_lines, failure_title, in_popup, toast_text};
use super::overlay::{Overlay, QUIZ_KINDS};
use super::screens::answers::AnswersView;
use super::screens::browser::BrowserScreen;
use super::screens::exam::ExamScreen;
use super::screens::exam_report::ReportScreen;
use super::screens::home::{Home, ProblemCount};
use super::screens::stats::StatsScreen;
use super::screens::study::StudyScreen;
use super::screens::updates::UpdatesView;
use super::screens::visual::Visual;
use super::theme::Theme;
use super::ui::{MIN_HEIGHT, MIN_WIDTH};
use super::view::View;
use super::widgets::scroll::Scroll;
use crate::config::Config;
use crate::content::{Diagnostic, Library, Severity};
use crate::quiz::{self, Shown};
use crate::srs::queue::DayClock;
use crate::store::Store;
use crate::study::{Catalog, Clock, Env, Notice, Phase, Seeds, Summary};

/// Which screen is showing.
#[derive(Debug)]
pub enum Screen {
    Home,
    Study(Box<StudyScreen>),
    Summary(Box<Summary>),
    /// After a quiz: every question with its answer; Esc goes back to the summary.
    Answers(Box<AnswersView>),
    /// The visualiser; `back` is the screen it was opened from (a card), restored by Esc.
    Visual {
        visual: Box<Visual>,
        back: Option<Box<Screen>>,
    },
    /// A mock exam in progress.
    Exam(Box<ExamScreen>),
    /// The report of a submitted exam.
    ExamReport(Box<ReportScreen>),
    Stats(Box<StatsScreen>),
    /// The card browser; `back` is the screen it was opened from (a card), if not Home.
    Browser {
        browser: Box<BrowserScreen>,
        back: Option<Box<Screen>>,
    },
}

/// A short message under the screen until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
}

/// What the app is built from.
pub struct AppInit {
    pub library: Library,
    pub store: Store,
    pub config: Config,
    pub clock: Box<dyn Clock>,
    /// Seeds every shuffle.
    pub seed: u64,
    /// The local UTC offset in seconds (for the 04:00 day start).
    pub utc_offset: i32,
    pub color: bool,
    /// Problems found while starting (packs, config): shown at once.
    pub problems: Vec<Diagnostic>,
}

/// The application.
pub struct App {
    pub cat: Catalog,
    pub store: Store,
    pub config: Config,
    pub keymap: Keymap,
    pub theme: Theme,
    clock: Box<dyn Clock>,
    pub day: DayClock,
    /// The local UTC offset in seconds, for showing times.
    pub utc_offset: i32,
    seeds: Seeds,
    /// Each pack's plan with what it was computed from (see `refresh_plans`).
    plans: std::collections::HashMap<String, readiness::KeptPlan>,
    pub screen: Screen,
    pub home: Home,
    pub overlays: Vec<Overlay>,
    pub toast: Option<Toast>,
    pub problems: Vec<Diagnostic>,
    /// The size of the last frame drawn: while it is too small, only quitting works.
    drawn: Cell<Option<(u16, u16)>>,
    quit: bool,
    /// Where the last frame takes clicks and the wheel.
    pub hits: Hits,
    /// Draw references as hyperlinks (the terminal shows OSC 8 links).
    pub links: bool,
    /// Opens a link in the browser (`None`: links are only recorded, as in tests).
    pub opener: Option<fn(&str) -> std::io::Result<()>>,
    /// The links asked to open, in order.
    pub opened: Vec<String>,
    /// The last click, for telling a double click.
    last_click: Option<(DateTime<Utc>, Action)>,
}

impl App {
    pub fn new(mut init: AppInit) -> App {
        let (keymap, key_problems) = Keymap::with_overrides(&init.config.keys);
        let mut problems = init.problems;
        problems.extend(
            key_problems
                .into_iter()
                .map(|p| init.config.diagnostic(p.span, p.message, p.help)),
        );
        let mut store = init.store;
        // Carry progress over `replaces` and note what changed since the previous start,
        // before anything reads the store.
        let updates = match store.update_packs_known(
            &init.library.packs,
            &init.library.prints,
            std::mem::take(&mut init.library.computed_prints),
            init.clock.now(),
        ) {
            Ok(updates) => updates,
            Err(e) => {
                problems.push(Diagnostic::path(
                    Severity::Error,
                    store.path().display().to_string(),
                    format!("cannot bring progress up to date with the packs: {e}"),
                    "progress was left as it was; cards renamed in a pack start over until this succeeds",
                ));
                Vec::new()
            }
        };
        for pack in &init.library.packs {
            let overrides = init
                .config
                .packs
                .get(pack.id())
                .cloned()
                .unwrap_or_default();
            store.set_pack_layers(pack.id(), pack.manifest.options.clone(), overrides);
        }
        let day = DayClock::new(init.utc_offset, init.config.day_starts_at);
        let theme = Theme::new(init.config.theme, init.color);
        let cat = Catalog::new(init.library);
        let home = Home::new(&cat);
        let mut app = App {
            cat,
            store,
            config: init.config,
            keymap,
            theme,
            clock: init.clock,
            day,
            utc_offset: init.utc_offset,
            seeds: Seeds::new(init.seed),
            plans: Default::default(),
            screen: Screen::Home,
            home,
            overlays: Vec::new(),
            toast: None,
            problems,
            drawn: Cell::new(None),
            quit: false,
            hits: Hits::default(),
            links: false,
            opener: None,
            opened: Vec::new(),
            last_click: None,
        };
        app.refresh_home();
        if !updates.is_empty() {
            app.overlays.push(Overlay::Updates(UpdatesView {
                updates,
                listing: false,
                scroll: Scroll::default(),
            }));
        }
        app.show_new_problems();
        app
    }

    /// At start: show the problems of packs and config.toml, but only when they changed
    /// since they were last shown (Home keeps a line about them meanwhile).
    fn show_new_problems(&mut self) {
        const KEY: &str = "problems_shown";
        let text: String = self.problems.iter().map(ToString::to_string).collect();
        let print = format!(
            "{:016x}",
            text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        );
        let seen = self.store.app_value(KEY).ok().flatten();
        if seen.as_deref() == Some(print.as_str()) {
            return;
        }
        if !self.problems.is_empty() {
            self.show_problems();
        }
        // Not remembering only means showing them again next time.
        let _ = self.store.set_app_value(KEY, &print);
    }

    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// `true` once the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// What the screens draw from.
    pub fn view(&self) -> View<'_> {
        View {
            cat: &self.cat,
            theme: &self.theme,
            keymap: &self.keymap,
            now: self.now(),
            utc_offset: self.utc_offset,
            hits: &self.hits,
            links: self.links,
        }
    }

    /// The study layer's view of the app, for one action at `now`.
    fn env(&mut self) -> (Env<'_>, &mut Screen) {
        let now = self.clock.now();
        (
            Env {
                cat: &self.cat,
                store: &mut self.store,
                now,
                seeds: &mut self.seeds,
            },
            &mut self.screen,
        )
    }

    /// Problems found in packs and config, counted for Home.
    pub fn problem_count(&self) -> ProblemCount {
        ProblemCount {
            all: self.problems.len(),
            errors: self.problems.iter().filter(|d| d.is_error()).count(),
        }
    }

    /// Record the size of the frame just drawn.
    pub fn drawn_at(&self, width: u16, height: u16) {
        self.drawn.set(Some((width, height)));
    }

    /// The size of the last frame drawn.
    pub fn drawn_size(&self) -> Option<(u16, u16)> {
        self.drawn.get()
    }

    /// Whether the last frame was too small to show the screens.
    pub fn too_small(&self) -> bool {
        self.drawn
            .get()
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// When the app needs to wake up without a key (a learning card falling due), if ever.
    pub fn wake_at(&self) -> Option<DateTime<Utc>> {
        match &self.screen {
            Screen::Study(s) => s.session.wait_until(),
            // The countdown on screen, every second.
            Screen::Exam(e) => e.session.exam_wake_at(self.now()),
            // Animation: about 30 frames a second, only while playing.
            Screen::Visual { visual, .. } if visual.playing && self.overlays.is_empty() => {
                Some(self.now() + TimeDelta::milliseconds(1000 / super::screens::visual::FPS))
            }
            _ => None,
        }
    }

    /// Called when the wake-up time passed.
    pub fn tick(&mut self) {
        let now = self.now();
        match &mut self.screen {
            Screen::Visual { visual, .. } => visual.frame(now),
            Screen::Study(_) => self.study_tick(),
            Screen::Exam(_) => self.exam_tick(),
            _ => {}
        }
    }

    /// Say what happened: errors that need reading in a popup, the rest in the footer.
    fn notify(&mut self, notice: Notice) {
        let view = self.view();
        if let Notice::Failed { what, detail } = &notice
            && in_popup(*what)
        {
            let lines = failure_lines(&view, *what, detail);
            self.overlays.push(Overlay::Popup {
                title: failure_title(*what).to_string(),
                lines,
                scroll: Scroll::default(),
                retry: what.can_retry(),
                error: true,
            });
            return;
        }
        self.toast = Some(Toast {
            text: toast_text(&view, &notice),
            error: notice.is_error(),
        });
    }

    // ---------------------------------------------------------------- keys and contexts

    /// The contexts whose bindings apply now, most specific first.
    pub fn contexts(&self) -> Vec<Ctx> {
        use Ctx::*;
        match self.overlays.last() {
            Some(Overlay::Help { .. }) => vec![Help, Global],
            Some(Overlay::Popup { .. }) => vec![Popup, Global],
            Some(Overlay::QuizSetup(_)) => vec![QuizSetup, Global],
            Some(Overlay::Zoom { .. }) => vec![Zoom, Global],
            Some(Overlay::Updates(_)) => vec![Updates, Global],
            Some(Overlay::ExamSetup(_)) => vec![ExamSetup, Global],
            Some(Overlay::ExamMap(_)) => vec![ExamMap, Global],
            Some(Overlay::Confirm(_)) => vec![Confirm, Global],
            Some(Overlay::PlanForm(_)) => vec![PlanForm, Global],
            Some(Overlay::StudyMore(_)) => vec![StudyMore, Global],
            None => self.contexts_below_overlays(),
        }
    }

    /// The contexts of the screen itself (what the help describes).
    pub fn contexts_below_overlays(&self) -> Vec<Ctx> {
        use Ctx::*;
        match &self.screen {
            Screen::Home if !self.home.marked.is_empty() => vec![Marked, Home, Global],
            Screen::Home => vec![Home, Global],
            Screen::Visual { visual, .. } if visual.editing => vec![VisualEdit, Global],
            Screen::Visual { visual, .. }
                if visual.asked.as_ref().is_some_and(|a| a.chosen.is_some()) =>
            {
                vec![Predicted, Visual, Global]
            }
            Screen::Visual { .. } => vec![Visual, Global],
            Screen::Exam(e) => match e.session.current() {
                Some(card) => match &card.shown {
                    Shown::Typed { .. } | Shown::Cloze { .. } if card.typing => {
                        vec![Typing, Global]
                    }
                    Shown::Typed { .. } | Shown::Cloze { .. } => vec![Typed, Exam, Global],
                    Shown::TrueFalse { .. } => vec![TrueFalse, Exam, Global],
                    _ => vec![Exam, Global],
                },
                None => vec![Exam, Global],
            },
            Screen::ExamReport(_) => vec![ExamReport, Global],
            Screen::Stats(_) => vec![Stats, Global],
            Screen::Browser { browser: b, .. } if b.confirm_reset => vec![Confirm, Global],
            Screen::Browser { browser: b, .. } if b.note.is_some() => vec![Note, Typing, Global],
            Screen::Browser { browser: b, .. } if b.typing => vec![Search, Typing, Global],
            Screen::Browser { .. } => vec![Browser, Global],
            Screen::Summary(s) if s.missed.is_some() => vec![QuizSummary, Summary, Global],
            Screen::Summary(_) => vec![Summary, Global],
            Screen::Answers(_) => vec![Answers, Global],
            Screen::Study(study) => {
                let session = &study.session;
                let review = session.kind() == crate::study::Kind::Review;
                let current = session.current();
                let first: &[Ctx] = match current {
                    None => &[Wait],
                    // A quiz needs no grade: Enter goes on; a flashcard asks "knew it?".
                    Some(card) if card.phase == Phase::Answered && !review => {
                        if card.outcome().is_none() {
                            &[QuizFlash, QuizAnswered]
                        } else {
                            &[QuizAnswered]
                        }
                    }
                    Some(card) if card.phase == Phase::Answered => &[Answered],
                    Some(card) => match &card.shown {
                        Shown::Flash { .. } | Shown::Cloze { .. } => &[Flash, Question],
                        Shown::Options { .. } => &[Options, Question],
                        Shown::Typed { .. } if card.typing => &[Typing],
                        Shown::Typed { .. } => &[Typed, Question],
                        Shown::TrueFalse { .. } => &[TrueFalse, Question],
                    },
                };
                // Its scenario opens once the card is answered (before, it would play the answer).
                let scenario = current.is_some_and(|c| {
                    c.phase == Phase::Answered && self.cat.card(c.item).sim.is_some()
                });
                Ctx::study_stack(first, review, scenario)
            }
        }
    }

    /// The keys the screen takes for itself (option letters, or every printable key while
    /// typing), so the keymap's bindings for them do not apply; `below_overlays` describes the
    /// screen under the help.
    pub fn taken_keys(&self, below_overlays: bool) -> TakenKeys {
        let contexts = if below_overlays {
            self.contexts_below_overlays()
        } else {
            self.contexts()
        };
        let letters = if below_overlays || self.overlays.is_empty() {
            self.option_letters()
        } else {
            Vec::new()
        };
        TakenKeys {
            typing: contexts.first().is_some_and(|c| c.takes_text()),
            letters,
        }
    }

    /// The letter keys that choose options on the screen, whether or not an overlay covers it.
    fn option_letters(&self) -> Vec<Key> {
        let n = match &self.screen {
            Screen::Visual { visual, .. } => match &visual.asked {
                Some(a) if a.chosen.is_none() => a.prediction.options.len(),
                _ => 0,
            },
            Screen::Study(s) => match s.session.current() {
                Some(card) if card.phase == Phase::Question => card.option_count(),
                _ => 0,
            },
            Screen::Exam(e) => e.session.current().map_or(0, |c| c.option_count()),
            _ => 0,
        };
        letter_keys(n)
    }

    /// Handle a key press.
    pub fn handle_key(&mut self, event: KeyEvent) {
        let key = Key::from_event(&event);
        self.toast = None;
        let contexts = self.contexts();
        let taken = self.taken_keys(false);
        let action = match key.code {
            KeyCode::Char(c) if taken.contains(&key) && taken.typing => Some(Action::Insert(c)),
            KeyCode::Char(c) if taken.contains(&key) => Some(Action::Choose(usize::from(
                c.to_ascii_uppercase() as u8 - b'A',
            ))),
            _ => self.keymap.action(&contexts, key),
        };
        if let Some(action) = action {
            self.dispatch(action);
        }
    }

    /// Pasted text goes to the typed-answer input, as typed characters (line breaks and tabs
    /// become spaces).
    pub fn paste(&mut self, text: &str) {
        let typed_card = match &self.screen {
            Screen::Study(s) => s.session.current().is_some_and(|c| {
                c.phase == Phase::Question && matches!(c.shown, Shown::Typed { .. })
            }),
            Screen::Exam(e) => e
                .session
                .current()
                .is_some_and(|c| matches!(c.shown, Shown::Typed { .. } | Shown::Cloze { .. })),
            _ => false,
        };
        if !typed_card || !self.overlays.is_empty() {
            return;
        }
        self.dispatch(Action::StartTyping);
        // The input takes no more than this; a megabyte of paste stops here.
        for c in text.chars().take(crate::study::input::MAX_CHARS) {
            self.dispatch(Action::Insert(if c.is_whitespace() { ' ' } else { c }));
        }
    }

    /// Type text into the answer input, as keys would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.handle_key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    /// The card shown, if a session runs.
    pub fn current(&self) -> Option<&crate::study::Attempt> {
        match &self.screen {
            Screen::Study(s) => s.session.current(),
            Screen::Exam(e) => e.session.current(),
            _ => None,
        }
    }

    // ---------------------------------------------------------------- dispatch

    /// Apply one action.
    pub fn dispatch(&mut self, action: Action) {
        if action == Action::Quit {
            self.finish_study();
            self.save_exam_on_quit();
            self.quit = true;
            return;
        }
        if self.too_small() {
            // Nothing can be seen: only quitting (above) and resizing work.
            return;
        }
        if action == Action::Help && !matches!(self.overlays.last(), Some(Overlay::Help { .. })) {
            self.overlays.push(Overlay::Help {
                scroll: Scroll::default(),
            });
            return;
        }
        if !self.overlays.is_empty() {
            self.overlay_action(action);
            return;
        }
        match &self.screen {
            Screen::Home => self.home_action(action),
            Screen::Summary(_) | Screen::Answers(_) => self.summary_action(action),
            Screen::Study(_) if action == Action::OpenBrowser => self.open_browser(),
            Screen::Study(_) => self.study_action(action),
            Screen::Visual { .. } => self.visual_action(action),
            Screen::Exam(_) => self.exam_action(action),
            Screen::ExamReport(_) => self.report_action(action),
            Screen::Stats(_) => self.stats_action(action),
            Screen::Browser { .. } => self.browser_action(action),
        }
    }

    fn overlay_action(&mut self, action: Action) {
        let Some(top) = self.overlays.last_mut() else {
            return;
        };
        match top {
            Overlay::ExamSetup(_) => self.exam_setup_action(action),
            Overlay::ExamMap(_) => self.exam_map_action(action),
            Overlay::Confirm(_) => self.confirm_action(action),
            Overlay::PlanForm(_) => self.plan_form_action(action),
            Overlay::StudyMore(_) => self.study_more_action(action),
            Overlay::Help { scroll } | Overlay::Popup { scroll, .. } => match action {
                Action::RetrySave => {
                    self.overlays.pop();
                    self.retry_save();
                }
                Action::Back | Action::Dismiss | Action::Help => {
                    self.overlays.pop();
                }
                _ => {
                    scroll.step(action, POPUP_PAGE);
                }
            },
            Overlay::Updates(view) => match action {
                Action::ListChanges => {
                    view.listing = true;
                    view.scroll.reset();
                }
                Action::Back | Action::Dismiss => {
                    self.overlays.pop();
                }
                _ => {
                    view.scroll.step(action, POPUP_PAGE);
                }
            },
            Overlay::Zoom { x, y, .. } => match action {
                Action::Up => *y = y.saturating_sub(1),
                Action::Down => *y = y.saturating_add(1),
                Action::Left => *x = x.saturating_sub(2),
                Action::Right => *x = x.saturating_add(2),
                Action::Back => {
                    self.overlays.pop();
                }
                _ => {}
            },
            Overlay::QuizSetup(setup) => match action {
                Action::Up => setup.row = setup.row.saturating_sub(1),
                Action::Down => setup.row = (setup.row + 1).min(QUIZ_KINDS.len()),
                Action::More => setup.more(),
                Action::Fewer => setup.fewer(),
                Action::Bottom => setup.take_all(),
                Action::ToggleOption if setup.row > 0 => setup.kinds[setup.row - 1] ^= true,
                // A click on a kind's row.
                Action::Choose(i) if i < QUIZ_KINDS.len() => {
                    setup.row = i + 1;
                    setup.kinds[i] ^= true;
                }
                Action::StartQuiz => self.start_quiz(),
                Action::Back => {
                    self.overlays.pop();
                }
                _ => {}
            },
        }
    }

    fn summary_action(&mut self, action: Action) {
        if let Screen::Answers(a) = &mut self.screen
            && a.scroll_by(action)
        {
            return;
        }
        let summary = match &self.screen {
            Screen::Summary(s) => s.as_ref(),
            Screen::Answers(a) => &a.summary,
            _ => return,
        };
        match action {
            Action::RetryMissed => {
                let Some(missed) = summary.missed.clone() else {
                    return;
                };
                if missed.is_empty() {
                    self.notify(Notice::NothingMissed);
                    return;
                }
                let label = format!("retry of {}", summary.label);
                self.begin_quiz(crate::quiz::cram::Cram::over(missed), label, Vec::new());
            }
            Action::ReviewAnswers if !summary.answers.is_empty() => {
                let summary = summary.clone();
                self.screen = Screen::Answers(Box::new(AnswersView::new(summary)));
            }
            Action::Back => {
                self.screen = match std::mem::replace(&mut self.screen, Screen::Home) {
                    Screen::Answers(a) => Screen::Summary(Box::new(a.summary)),
                    _ => Screen::Home,
                }
            }
            _ => {}
        }
    }

    /// Show where the card shown is defined.
    fn show_source(&mut self, item: crate::study::ItemRef) {
        let c = self.cat.card(item);
        let pack = self.cat.pack(item);
        let defined = match pack.origin {
            crate::content::Origin::Generated => {
                "generated by deckhand from the simulator's scenarios (no file)".to_string()
            }
            _ => c.location.to_string(),
        };
        let mut lines = vec![
            format!("card     {}", self.cat.key(item).item),
            format!("pack     {} ({})", pack.manifest.title, pack.id()),
            format!("defined  {defined}"),
        ];
        if let Some(d) = c.diagram.as_deref().and_then(|d| pack.diagram(d)) {
            lines.push(format!("diagram  {} ({})", d.id, d.location));
        }
        for r in &c.refs {
            lines.push(format!("docs     {r}"));
        }
        self.overlays.push(Overlay::Popup {
            title: "Where this card comes from".into(),
            lines,
            scroll: Scroll::default(),
            retry: false,
            error: false,
        });
    }

    fn show_problems(&mut self) {
        if self.problems.is_empty() {
            self.toast = Some(Toast {
                text: "No problems in the packs or the config.".into(),
                error: false,
            });
            return;
        }
        let lines: Vec<String> = self
            .problems
            .iter()
            .flat_map(|d| {
                d.to_string()
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let count = self.problem_count();
        self.overlays.push(Overlay::Popup {
            title: format!(
                "Problems: {}, {} (the rest loaded)",
                super::screens::count(count.errors, "error", "errors"),
                super::screens::count(count.all - count.errors, "warning", "warnings")
            ),
            lines,
            scroll: Scroll::default(),
            retry: false,
            error: count.errors > 0,
        });
    }
}

/// How many rows PageUp and PageDown move a popup.
const POPUP_PAGE: u16 = 10;

/// Keys a screen takes for itself; see [`App::taken_keys`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenKeys {
    /// Typing an answer: every printable key goes to the input.
    pub typing: bool,
    /// Option letters.
    pub letters: Vec<Key>,
}

impl TakenKeys {
    pub fn contains(&self, key: &Key) -> bool {
        if self.typing {
            return !key.ctrl && !key.alt && matches!(key.code, KeyCode::Char(_));
        }
        self.letters.contains(key)
    }
}

/// The letter keys (both cases) of `n` options.
fn letter_keys(n: usize) -> Vec<Key> {
    (0..n)
        .flat_map(|i| {
            let c = quiz::letter(i);
            [
                Key::plain(KeyCode::Char(c.to_ascii_lowercase())),
                Key::plain(KeyCode::Char(c)),
            ]
        })
        .collect()
}
