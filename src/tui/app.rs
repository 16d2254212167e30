//! The application: its state, and `dispatch`, the one place where actions change it.
//!
//! Keys become [`Action`]s through the keymap (`handle_key`), and `dispatch` applies them.
//! Time comes from an injected [`Clock`] and shuffles from a seed, so tests drive the whole
//! app with actions and get the same screens every time.

use std::cell::Cell;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::keymap::{Ctx, Key, Keymap};
use super::screens::home::{Home, Node};
use super::screens::study::{CardView, Judged, Mode, Phase, Study};
use super::screens::summary::Summary;
use super::screens::updates::UpdatesView;
use super::screens::visual::Visual;
use super::theme::Theme;
use crate::config::Config;
use crate::content::{Card, CardBody, Diagnostic, Face, Library, Pack, Severity};
use crate::quiz::cram::Cram;
use crate::quiz::{self, Outcome, Shown};
use crate::srs::Rating;
use crate::srs::queue::{DayClock, ItemKey, Next};
use crate::store::{AnswerMeta, CardKind, SessionKind, SessionTally, Store};

/// Where the app gets the time.
pub trait Clock {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to (tests, snapshots).
#[derive(Debug)]
pub struct FixedClock(Cell<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Cell::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.0.set(at);
    }

    pub fn advance(&self, by: TimeDelta) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for std::rc::Rc<FixedClock> {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

/// One study item of the library: pack index, card index, face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub pack: usize,
    pub card: usize,
    pub face: Face,
}

/// The library with its indexes: item keys to items, items per topic.
#[derive(Debug)]
pub struct Catalog {
    pub library: Library,
    refs: HashMap<ItemKey, ItemRef>,
    /// `[pack][topic]` -> the items of that topic.
    topics: Vec<Vec<Vec<ItemRef>>>,
}

impl Catalog {
    pub fn new(library: Library) -> Self {
        let mut refs = HashMap::new();
        let mut topics = Vec::with_capacity(library.packs.len());
        for (p, pack) in library.packs.iter().enumerate() {
            let index: HashMap<&str, usize> = pack
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), i))
                .collect();
            let mut per_topic = vec![Vec::new(); pack.topics.len()];
            for (c, card) in pack.cards.iter().enumerate() {
                for face in card.faces() {
                    let r = ItemRef {
                        pack: p,
                        card: c,
                        face,
                    };
                    refs.insert(ItemKey::new(pack.id(), card.item_id(face)), r);
                    if let Some(&t) = index.get(card.topic.as_str()) {
                        per_topic[t].push(r);
                    }
                }
            }
            topics.push(per_topic);
        }
        Catalog {
            library,
            refs,
            topics,
        }
    }

    pub fn packs(&self) -> &[Pack] {
        &self.library.packs
    }

    pub fn pack(&self, r: ItemRef) -> &Pack {
        &self.library.packs[r.pack]
    }

    pub fn card(&self, r: ItemRef) -> &Card {
        &self.library.packs[r.pack].cards[r.card]
    }

    pub fn key(&self, r: ItemRef) -> ItemKey {
        ItemKey::new(self.pack(r).id(), self.card(r).item_id(r.face))
    }

    pub fn find(&self, key: &ItemKey) -> Option<ItemRef> {
        self.refs.get(key).copied()
    }

    /// The items of a home-screen node.
    pub fn items(&self, node: Node) -> Vec<ItemRef> {
        match node {
            Node::Pack(p) => self
                .topics
                .get(p)
                .map_or_else(Vec::new, |ts| ts.iter().flatten().copied().collect()),
            Node::Topic(p, t) => self
                .topics
                .get(p)
                .and_then(|ts| ts.get(t))
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// Every item of every pack.
    pub fn all_items(&self) -> Vec<ItemRef> {
        (0..self.library.packs.len())
            .flat_map(|p| self.items(Node::Pack(p)))
            .collect()
    }

    /// How many items a topic has.
    pub fn topic_len(&self, pack: usize, topic: usize) -> usize {
        self.topics
            .get(pack)
            .and_then(|t| t.get(topic))
            .map_or(0, Vec::len)
    }
}

/// The kind label of an item, as the review log stores it.
pub fn item_kind(card: &Card, face: Face) -> CardKind {
    match (&card.body, face) {
        (_, Face::Reverse) => CardKind::Reverse,
        (CardBody::Basic { .. }, _) => CardKind::Basic,
        (CardBody::Cloze { .. }, _) => CardKind::Cloze,
        (CardBody::Choice { .. }, _) => CardKind::Choice,
        (CardBody::Multi { .. }, _) => CardKind::Multi,
        (CardBody::Typed { .. }, _) => CardKind::Typed,
        (CardBody::TrueFalse { .. }, _) => CardKind::TrueFalse,
    }
}

/// Which screen is showing.
#[derive(Debug)]
pub enum Screen {
    Home,
    Study(Box<Study>),
    Summary(Summary),
    /// The visualiser; `back` is the screen it was opened from (a card), restored by Esc.
    Visual {
        visual: Box<Visual>,
        back: Option<Box<Screen>>,
    },
}

/// Windows over the screen; the last one gets the keys.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// A message; `retry` offers `r` to retry a failed save.
    Popup {
        title: String,
        lines: Vec<String>,
        scroll: u16,
        retry: bool,
        error: bool,
    },
    QuizSetup(QuizSetup),
    /// The card's diagram, full screen.
    Zoom {
        x: u16,
        y: u16,
    },
    /// What changed in the packs since the previous start.
    Updates(UpdatesView),
}

/// The quiz set-up dialog: how many questions, which kinds, over the selection.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizSetup {
    pub count: usize,
    /// Included kinds, in [`QUIZ_KINDS`] order.
    pub kinds: [bool; 6],
    /// Row 0 is the count, rows 1..=6 the kinds.
    pub row: usize,
    pub selection: Vec<Node>,
    pub label: String,
}

/// The kinds a quiz can include, with their labels.
pub const QUIZ_KINDS: [(crate::content::CardKind, &str); 6] = [
    (
        crate::content::CardKind::Basic,
        "flashcards (basic and reversed)",
    ),
    (crate::content::CardKind::Cloze, "cloze"),
    (crate::content::CardKind::Choice, "multiple choice"),
    (crate::content::CardKind::Multi, "multiple response"),
    (crate::content::CardKind::Typed, "typed answers"),
    (crate::content::CardKind::TrueFalse, "true or false"),
];

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
    seed: u64,
    shows: u64,
    pub screen: Screen,
    pub home: Home,
    pub overlays: Vec<Overlay>,
    pub toast: Option<Toast>,
    pub problems: Vec<Diagnostic>,
    quit: bool,
}

impl App {
    pub fn new(init: AppInit) -> App {
        let (keymap, key_problems) = Keymap::with_overrides(&init.config.keys);
        let mut problems = init.problems;
        problems.extend(key_problems.into_iter().map(|p| {
            Diagnostic::path(
                Severity::Error,
                "config.toml",
                p,
                "fix the key binding; the default is used meanwhile",
            )
        }));
        let mut store = init.store;
        // Carry progress over `replaces` and note what changed since the previous start,
        // before anything reads the store.
        let updates = match store.update_packs(&init.library.packs, init.clock.now()) {
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
            let m = &pack.manifest;
            let defaults = crate::store::PackOptions {
                desired_retention: m.desired_retention,
                new_per_day: m.new_per_day,
                reviews_per_day: m.reviews_per_day,
                ..Default::default()
            };
            let overrides = init
                .config
                .packs
                .get(pack.id())
                .map(|p| p.options())
                .unwrap_or_default();
            store.set_pack_layers(pack.id(), defaults, overrides);
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
            seed: init.seed,
            shows: 0,
            screen: Screen::Home,
            home,
            overlays: Vec::new(),
            toast: None,
            problems,
            quit: false,
        };
        app.refresh_home();
        if !updates.is_empty() {
            app.overlays.push(Overlay::Updates(UpdatesView {
                updates,
                listing: false,
                scroll: 0,
            }));
        }
        if !app.problems.is_empty() {
            app.show_problems();
        }
        app
    }

    /// The current time.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// `true` once the user asked to quit.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// When the app needs to wake up without a key (a learning card falling due), if ever.
    pub fn wake_at(&self) -> Option<DateTime<Utc>> {
        match &self.screen {
            Screen::Study(s) if s.current.is_none() => s.wait_until,
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
        if let Screen::Visual { visual, .. } = &mut self.screen {
            visual.frame(now);
            return;
        }
        if let Screen::Study(s) = &self.screen
            && s.current.is_none()
            && s.wait_until.is_some_and(|t| t <= self.now())
        {
            self.advance();
        }
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
            None => self.contexts_below_overlays(),
        }
    }

    /// The contexts of the screen itself (what the help describes).
    pub fn contexts_below_overlays(&self) -> Vec<Ctx> {
        use Ctx::*;
        match &self.screen {
            Screen::Home => vec![Home, Global],
            Screen::Visual { visual, .. } if visual.editing => vec![VisualEdit, Global],
            Screen::Visual { visual, .. }
                if visual.asked.as_ref().is_some_and(|a| a.chosen.is_some()) =>
            {
                vec![Predicted, Visual, Global]
            }
            Screen::Visual { .. } => vec![Visual, Global],
            Screen::Summary(s) if s.quiz => vec![QuizSummary, Summary, Global],
            Screen::Summary(_) => vec![Summary, Global],
            Screen::Study(study) => {
                let review = matches!(study.mode, Mode::Review(_));
                let mut ctx = match &study.current {
                    None => vec![Wait],
                    Some(card) if card.phase == Phase::Answered => vec![Answered],
                    Some(card) => match &card.shown {
                        Shown::Flash { .. } | Shown::Cloze { .. } => vec![Flash, Question],
                        Shown::Options { .. } => vec![Options, Question],
                        Shown::Typed { .. } if card.typing => return vec![Typing, Global],
                        Shown::Typed { .. } => vec![Typed, Question],
                        Shown::TrueFalse { .. } => vec![TrueFalse, Question],
                    },
                };
                if review && study.current.is_some() {
                    ctx.push(Review);
                }
                if study
                    .current
                    .as_ref()
                    .is_some_and(|c| self.cat.card(c.item).sim.is_some())
                {
                    ctx.push(Scenario);
                }
                ctx.extend([Study, Global]);
                ctx
            }
        }
    }

    /// Letter keys that choose options on the card shown (they win over other bindings).
    pub fn reserved_keys(&self) -> Vec<Key> {
        if self.overlays.is_empty() {
            self.reserved_keys_below_overlays()
        } else {
            Vec::new()
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
        TakenKeys {
            typing: contexts.first() == Some(&Ctx::Typing),
            letters: if below_overlays {
                self.reserved_keys_below_overlays()
            } else {
                self.reserved_keys()
            },
        }
    }

    /// The option letters of the card shown, whether or not an overlay covers it.
    pub fn reserved_keys_below_overlays(&self) -> Vec<Key> {
        if let Screen::Visual { visual, .. } = &self.screen {
            return match &visual.asked {
                Some(a) if a.chosen.is_none() => letter_keys(a.prediction.options.len()),
                _ => Vec::new(),
            };
        }
        match self.current() {
            Some(card) if card.phase == Phase::Question => match &card.shown {
                Shown::Options { options, .. } => (0..options.len())
                    .flat_map(|i| {
                        let c = quiz::letter(i);
                        [
                            Key::plain(KeyCode::Char(c.to_ascii_lowercase())),
                            Key::plain(KeyCode::Char(c)),
                        ]
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// Handle a key press.
    pub fn handle_key(&mut self, event: KeyEvent) {
        let key = Key::from_event(&event);
        self.toast = None;
        let contexts = self.contexts();
        if contexts.first() == Some(&Ctx::Typing)
            && !key.ctrl
            && !key.alt
            && let KeyCode::Char(c) = key.code
        {
            if let Some(card) = self.current_mut() {
                card.input.insert(c);
            }
            return;
        }
        if self.reserved_keys().contains(&key)
            && let KeyCode::Char(c) = key.code
        {
            self.dispatch(Action::Choose(usize::from(
                c.to_ascii_uppercase() as u8 - b'A',
            )));
            return;
        }
        if let Some(action) = self.keymap.action(&contexts, key) {
            self.dispatch(action);
        }
    }

    /// Pasted text goes to the typed-answer input.
    pub fn paste(&mut self, text: &str) {
        if let Some(card) = self.current_mut()
            && card.phase == Phase::Question
            && matches!(card.shown, Shown::Typed { .. })
        {
            card.typing = true;
            card.input.paste(text);
        }
    }

    /// Type text into the answer input, as keys would.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.handle_key(KeyEvent::from(KeyCode::Char(c)));
        }
    }

    /// The card shown, if a session runs.
    pub fn current(&self) -> Option<&CardView> {
        match &self.screen {
            Screen::Study(s) => s.current.as_ref(),
            _ => None,
        }
    }

    fn current_mut(&mut self) -> Option<&mut CardView> {
        match &mut self.screen {
            Screen::Study(s) => s.current.as_mut(),
            _ => None,
        }
    }

    fn study_mut(&mut self) -> Option<&mut Study> {
        match &mut self.screen {
            Screen::Study(s) => Some(s),
            _ => None,
        }
    }

    // ---------------------------------------------------------------- dispatch

    /// Apply one action.
    pub fn dispatch(&mut self, action: Action) {
        if action == Action::Quit {
            self.finish_study();
            self.quit = true;
            return;
        }
        if action == Action::Help && !matches!(self.overlays.last(), Some(Overlay::Help { .. })) {
            self.overlays.push(Overlay::Help { scroll: 0 });
            return;
        }
        if let Some(top) = self.overlays.last_mut() {
            match top {
                Overlay::Help { scroll } | Overlay::Popup { scroll, .. } => match action {
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::Down => *scroll = scroll.saturating_add(1),
                    Action::PageUp => *scroll = scroll.saturating_sub(10),
                    Action::PageDown => *scroll = scroll.saturating_add(10),
                    Action::RetrySave => {
                        self.overlays.pop();
                        self.commit_pending();
                    }
                    Action::Back | Action::Dismiss | Action::Help => {
                        self.overlays.pop();
                    }
                    _ => {}
                },
                Overlay::Updates(view) => match action {
                    Action::ListChanges => {
                        view.listing = true;
                        view.scroll = 0;
                    }
                    Action::Up => view.scroll = view.scroll.saturating_sub(1),
                    Action::Down => view.scroll = view.scroll.saturating_add(1),
                    Action::PageUp => view.scroll = view.scroll.saturating_sub(10),
                    Action::PageDown => view.scroll = view.scroll.saturating_add(10),
                    Action::Back | Action::Dismiss => {
                        self.overlays.pop();
                    }
                    _ => {}
                },
                Overlay::Zoom { x, y } => match action {
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
                    Action::More => setup.count = (setup.count + 5 - setup.count % 5).min(200),
                    Action::Fewer => {
                        setup.count = setup
                            .count
                            .saturating_sub(if setup.count % 5 == 0 {
                                5
                            } else {
                                setup.count % 5
                            })
                            .max(1)
                    }
                    Action::ToggleOption if setup.row > 0 => setup.kinds[setup.row - 1] ^= true,
                    Action::StartQuiz => self.start_quiz(),
                    Action::Back => {
                        self.overlays.pop();
                    }
                    _ => {}
                },
            }
            return;
        }
        match &self.screen {
            Screen::Home => self.home_action(action),
            Screen::Summary(_) => self.summary_action(action),
            Screen::Study(_) => self.study_action(action),
            Screen::Visual { .. } => self.visual_action(action),
        }
    }

    // ---------------------------------------------------------------- home

    fn home_action(&mut self, action: Action) {
        let rows = self.home.rows(&self.cat);
        let last = rows.len().saturating_sub(1);
        match action {
            Action::Up => self.home.selected = self.home.selected.saturating_sub(1),
            Action::Down => self.home.selected = (self.home.selected + 1).min(last),
            Action::Top => self.home.selected = 0,
            Action::Bottom => self.home.selected = last,
            Action::Right => {
                if let Some(Node::Pack(p)) = rows.get(self.home.selected) {
                    self.home.expanded.insert(*p);
                }
            }
            Action::Left => match rows.get(self.home.selected) {
                Some(Node::Pack(p)) => {
                    self.home.expanded.remove(p);
                }
                Some(Node::Topic(p, _)) => {
                    let p = *p;
                    self.home.expanded.remove(&p);
                    self.home.selected = self
                        .home
                        .rows(&self.cat)
                        .iter()
                        .position(|n| *n == Node::Pack(p))
                        .unwrap_or(0);
                }
                None => {}
            },
            Action::ToggleMark => {
                if let Some(node) = rows.get(self.home.selected) {
                    if !self.home.marked.remove(node) {
                        self.home.marked.insert(*node);
                    }
                    self.home.selected = (self.home.selected + 1).min(last);
                }
            }
            Action::StartReview => self.start_review(),
            Action::OpenQuiz => self.open_quiz(),
            Action::ShowProblems => self.show_problems(),
            Action::OpenVisualiser => {
                self.screen = Screen::Visual {
                    visual: Box::new(Visual::new()),
                    back: None,
                };
            }
            Action::Back => self.quit = true,
            _ => {}
        }
        self.home.selected = self
            .home
            .selected
            .min(self.home.rows(&self.cat).len().saturating_sub(1));
    }

    /// The nodes a review or quiz covers: the marked ones, else the highlighted one.
    fn selection(&self) -> (Vec<Node>, String) {
        let nodes: Vec<Node> = if self.home.marked.is_empty() {
            self.home
                .rows(&self.cat)
                .get(self.home.selected)
                .copied()
                .into_iter()
                .collect()
        } else {
            self.home.marked.iter().copied().collect()
        };
        let label = match nodes.as_slice() {
            [one] => self.home.node_title(&self.cat, *one),
            [] => "nothing".to_string(),
            many => format!("{} marked topics and packs", many.len()),
        };
        (nodes, label)
    }

    /// The items of the selected nodes, each once, in teaching order (the pack's topic
    /// order, then the cards' order in their files): new cards are introduced in this order.
    fn selection_items(&self, nodes: &[Node]) -> Vec<ItemRef> {
        let mut nodes = nodes.to_vec();
        nodes.sort();
        let mut seen = HashSet::new();
        nodes
            .iter()
            .flat_map(|n| self.cat.items(*n))
            .filter(|r| seen.insert(*r))
            .collect()
    }

    /// Re-read the home screen's counts and today's figures.
    pub fn refresh_home(&mut self) {
        let now = self.now();
        let all: Vec<ItemKey> = self
            .cat
            .all_items()
            .into_iter()
            .map(|r| self.cat.key(r))
            .collect();
        let result = (|| -> Result<(), crate::store::StoreError> {
            let overview = self.store.overview(&all, now, self.day)?;
            let mut counts = HashMap::new();
            for (p, pack) in self.cat.packs().iter().enumerate() {
                let pack_keys: Vec<ItemKey> = self
                    .cat
                    .items(Node::Pack(p))
                    .into_iter()
                    .map(|r| self.cat.key(r))
                    .collect();
                counts.insert(Node::Pack(p), overview.counts_for(&pack_keys));
                for t in 0..pack.topics.len() {
                    let keys: Vec<ItemKey> = self
                        .cat
                        .items(Node::Topic(p, t))
                        .into_iter()
                        .map(|r| self.cat.key(r))
                        .collect();
                    counts.insert(Node::Topic(p, t), overview.counts_for(&keys));
                }
            }
            self.home.counts = counts;
            self.home.next_due = overview.next_due();
            self.home.today = self.store.today(now, self.day)?;
            self.home.streak = self.store.streak(now, self.day)?;
            Ok(())
        })();
        if let Err(e) = result {
            self.popup_error("Cannot read progress", &e.to_string(), false);
        }
    }

    fn start_review(&mut self) {
        let (nodes, label) = self.selection();
        let items = self.selection_items(&nodes);
        let total: u32 = {
            let keys: Vec<ItemKey> = items.iter().map(|r| self.cat.key(*r)).collect();
            match self.store.overview(&keys, self.now(), self.day) {
                Ok(o) => o.counts_for(&keys).total(),
                Err(e) => {
                    self.popup_error("Cannot read progress", &e.to_string(), false);
                    return;
                }
            }
        };
        if total == 0 {
            let when = self.home.next_due.map_or_else(String::new, |t| {
                format!(
                    " Next due {}.",
                    super::screens::describe_due(t, self.now(), self.utc_offset)
                )
            });
            self.toast = Some(Toast {
                text: format!("Nothing due in {label}.{when} Press c for a quiz."),
                error: false,
            });
            return;
        }
        let keys: Vec<ItemKey> = items.iter().map(|r| self.cat.key(*r)).collect();
        let now = self.now();
        match self.store.start_review(&keys, now, self.day) {
            Ok(session) => {
                self.screen = Screen::Study(Box::new(Study::new(
                    Mode::Review(Box::new(session)),
                    label,
                    now,
                )));
                self.advance();
            }
            Err(e) => self.popup_error("Cannot start the review", &e.to_string(), false),
        }
    }

    fn open_quiz(&mut self) {
        let (selection, label) = self.selection();
        self.overlays.push(Overlay::QuizSetup(QuizSetup {
            count: self.config.quiz_questions,
            kinds: [true; 6],
            row: 0,
            selection,
            label,
        }));
    }

    fn start_quiz(&mut self) {
        let Some(Overlay::QuizSetup(setup)) = self.overlays.last() else {
            return;
        };
        let setup = setup.clone();
        let pool: Vec<ItemRef> = self
            .selection_items(&setup.selection)
            .into_iter()
            .filter(|r| {
                let kind = self.cat.card(*r).body.kind();
                QUIZ_KINDS
                    .iter()
                    .zip(setup.kinds)
                    .any(|((k, _), on)| on && *k == kind)
            })
            .collect();
        if pool.is_empty() {
            self.toast = Some(Toast {
                text: "No question of the chosen kinds in this selection.".into(),
                error: true,
            });
            return;
        }
        self.overlays.pop();
        let seed = self.next_seed();
        let now = self.now();
        let cram = Cram::pick(&pool, setup.count, seed);
        self.begin_quiz(cram, setup.label, now);
    }

    fn begin_quiz(&mut self, cram: Cram<ItemRef>, label: String, now: DateTime<Utc>) {
        let session_id = match self.store.start_session(SessionKind::Quiz, now) {
            Ok(id) => Some(id),
            Err(e) => {
                // The quiz itself needs no storage: go on, and say the summary will not be kept.
                self.toast = Some(Toast {
                    text: format!("The quiz will not be recorded: {e}"),
                    error: true,
                });
                None
            }
        };
        self.screen = Screen::Study(Box::new(Study::new(
            Mode::Quiz { cram, session_id },
            label,
            now,
        )));
        self.advance();
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
        let errors = self.problems.iter().filter(|d| d.is_error()).count();
        self.overlays.push(Overlay::Popup {
            title: format!(
                "Problems: {errors} errors, {} warnings (the rest loaded)",
                self.problems.len() - errors
            ),
            lines,
            scroll: 0,
            retry: false,
            error: errors > 0,
        });
    }

    fn popup_error(&mut self, title: &str, message: &str, retry: bool) {
        let mut lines: Vec<String> = message.lines().map(str::to_string).collect();
        if retry {
            lines.push(String::new());
            lines.push(
                "Your answer is kept: press r to save it again, or Esc and grade again later."
                    .into(),
            );
        }
        self.overlays.push(Overlay::Popup {
            title: title.to_string(),
            lines,
            scroll: 0,
            retry,
            error: true,
        });
    }

    fn next_seed(&mut self) -> u64 {
        self.shows += 1;
        // splitmix64 of (seed, counter): independent, reproducible shuffles.
        let mut z = self
            .seed
            .wrapping_add(self.shows.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    // ---------------------------------------------------------------- study

    /// Show the next card (or the waiting screen, or the summary).
    fn advance(&mut self) {
        let now = self.now();
        let Screen::Study(study) = &mut self.screen else {
            return;
        };
        let next: Option<ItemRef> = match &mut study.mode {
            Mode::Review(session) => match session.next(now) {
                Next::Card { key, kind } => {
                    study.queue = Some(kind);
                    study.wait_until = None;
                    self.cat.find(&key)
                }
                Next::Wait(t) => {
                    study.current = None;
                    study.wait_until = Some(t);
                    return;
                }
                Next::Done => None,
            },
            Mode::Quiz { cram, .. } => cram.current().copied(),
        };
        match next {
            Some(item) => {
                let seed = self.next_seed();
                let card = self.cat.card(item);
                let shown = quiz::present(card, item.face, seed);
                let view = CardView::new(item, self.cat.key(item), shown, now);
                if let Some(study) = self.study_mut() {
                    study.current = Some(view);
                }
            }
            None => self.finish_study(),
        }
    }

    /// End the session (if one runs) and show its summary.
    fn finish_study(&mut self) {
        let Screen::Study(study) = std::mem::replace(&mut self.screen, Screen::Home) else {
            return;
        };
        let now = self.now();
        let study = *study;
        let summary = match study.mode {
            Mode::Review(session) => {
                let tally = session.tally();
                if let Err(e) = self.store.finish_review(&session, now) {
                    self.toast = Some(Toast {
                        text: format!("The session end was not recorded: {e}"),
                        error: true,
                    });
                }
                Summary::review(study.label, tally, now - study.started)
            }
            Mode::Quiz { cram, session_id } => {
                let (right, answered) = cram.score();
                let tally = SessionTally {
                    answered: answered as u32,
                    correct: right as u32,
                    wrong: (answered - right) as u32,
                    new_seen: 0,
                };
                if let Some(id) = session_id
                    && let Err(e) = self.store.finish_session(id, now, Some(tally))
                {
                    self.toast = Some(Toast {
                        text: format!("The quiz was not recorded: {e}"),
                        error: true,
                    });
                }
                Summary::quiz(study.label, &cram, now - study.started)
            }
        };
        self.refresh_home();
        let mut summary = summary;
        summary.next_due = self.home.next_due;
        self.screen = Screen::Summary(summary);
    }

    fn visual_action(&mut self, action: Action) {
        let now = self.now();
        let Screen::Visual { visual, .. } = &mut self.screen else {
            return;
        };
        let v = visual.as_mut();
        if v.editing {
            match action {
                Action::Up => v.field = v.field.saturating_sub(1),
                Action::Down => v.field = (v.field + 1).min(v.fields().len() - 1),
                Action::Left => v.change(-1),
                Action::Right => v.change(1),
                Action::Back => v.editing = false,
                _ => {}
            }
            return;
        }
        match action {
            Action::Choose(i) => {
                let Some(right) = v.answer(i) else { return };
                let card = v.asked.as_ref().and_then(|a| a.card.clone());
                if let Some(id) = card {
                    self.record_prediction(&id, right, now);
                }
            }
            Action::TogglePlay => v.toggle_play(),
            Action::StepEvent => v.step_event(),
            Action::Faster => v.faster(),
            Action::Slower => v.slower(),
            Action::Restart => v.restart(),
            Action::ToggleQuizMe => v.toggle_predict(),
            Action::EditParams => {
                v.editing = true;
                v.playing = false;
            }
            Action::ShowRolling | Action::ShowScaling => {
                let tab = if action == Action::ShowRolling {
                    super::screens::visual::Tab::Rolling
                } else {
                    super::screens::visual::Tab::Scaling
                };
                if v.tab != tab {
                    v.show(tab);
                }
            }
            Action::PageUp => {
                v.log_back = (v.log_back + 5).min(v.sim.events().len().saturating_sub(1))
            }
            Action::PageDown => v.log_back = v.log_back.saturating_sub(5),
            Action::Back => {
                let Screen::Visual { back, .. } = std::mem::replace(&mut self.screen, Screen::Home)
                else {
                    return;
                };
                match back {
                    Some(screen) => self.screen = *screen,
                    None => self.refresh_home(),
                }
            }
            _ => {}
        }
    }

    /// Schedule a prediction answered in the visualiser: it is a card of the generated pack.
    fn record_prediction(&mut self, card_id: &str, right: bool, now: DateTime<Utc>) {
        let key = ItemKey::new(crate::quiz::predict::PACK_ID, card_id);
        if self.cat.find(&key).is_none() {
            return;
        }
        let rating = if right { Rating::Good } else { Rating::Again };
        let meta = AnswerMeta {
            kind: CardKind::Predict,
            correct: Some(right),
            answer_ms: 0,
        };
        match self.store.answer_outside_session(&key, rating, meta, now) {
            Ok(_) => {
                let text = format!("Scheduled: the card {card_id} comes back in your reviews.");
                self.toast = Some(Toast { text, error: false });
            }
            Err(e) => {
                self.toast = Some(Toast {
                    text: format!("The prediction was not saved: {e}"),
                    error: true,
                })
            }
        }
    }

    fn summary_action(&mut self, action: Action) {
        match action {
            Action::RetryMissed => {
                let Screen::Summary(summary) = &self.screen else {
                    return;
                };
                let Some(missed) = summary.missed.clone() else {
                    return;
                };
                if missed.is_empty() {
                    self.toast = Some(Toast {
                        text: "Nothing missed: nothing to retry.".into(),
                        error: false,
                    });
                    return;
                }
                let label = format!("retry of {}", summary.label);
                let now = self.now();
                self.begin_quiz(Cram::over(missed), label, now);
            }
            Action::Back => self.screen = Screen::Home,
            _ => {}
        }
    }

    fn study_action(&mut self, action: Action) {
        let now = self.now();
        let diagram = self.current().map(|c| {
            let card = self.cat.card(c.item);
            (
                card.diagram.is_some(),
                card.diagram_shown(c.phase == Phase::Answered).is_some(),
            )
        });
        let Screen::Study(study) = &mut self.screen else {
            return;
        };
        let Some(card) = study.current.as_mut() else {
            // Waiting for a learning card.
            match action {
                Action::Back => self.finish_study(),
                Action::Undo => self.undo(),
                _ => {}
            }
            return;
        };
        match (card.phase, action) {
            (_, Action::Back) => self.finish_study(),
            (_, Action::ZoomDiagram) => match diagram {
                Some((_, true)) => self.overlays.push(Overlay::Zoom { x: 0, y: 0 }),
                Some((true, false)) => {
                    self.toast = Some(Toast {
                        text: "This card's diagram shows once it is answered.".into(),
                        error: false,
                    });
                }
                _ => {
                    self.toast = Some(Toast {
                        text: "This card has no diagram.".into(),
                        error: false,
                    });
                }
            },
            (_, Action::DiagramUp) => card.diagram_scroll = card.diagram_scroll.saturating_sub(3),
            (_, Action::DiagramDown) => card.diagram_scroll = card.diagram_scroll.saturating_add(3),
            (_, Action::ShowSource) => self.show_source(),
            (_, Action::OpenVisualiser) => match self.cat.card(card.item).sim.clone() {
                Some(preset) => {
                    let study = std::mem::replace(&mut self.screen, Screen::Home);
                    self.screen = Screen::Visual {
                        visual: Box::new(Visual::with(preset)),
                        back: Some(Box::new(study)),
                    };
                }
                None => {
                    self.toast = Some(Toast {
                        text: "This card has no simulator scenario.".into(),
                        error: false,
                    })
                }
            },
            (_, Action::Suspend) => self.suspend_or_bury(true),
            (_, Action::Bury) => self.suspend_or_bury(false),
            (Phase::Question, Action::Undo) => self.undo(),
            (Phase::Answered, Action::Undo) => card.reopen(),
            (Phase::Question, Action::Reveal) => {
                card.judged = Some(Judged::Flash);
                card.answered_at = Some(now);
                card.grade = Rating::Good;
                card.phase = Phase::Answered;
                self.load_previews();
            }
            (Phase::Question, Action::Up) => card.cursor = card.cursor.saturating_sub(1),
            (Phase::Question, Action::Down) => {
                card.cursor = (card.cursor + 1).min(card.option_count().saturating_sub(1))
            }
            (Phase::Question, Action::Choose(i)) if i < card.option_count() => {
                card.cursor = i;
                if card.choose_count() > 1 {
                    card.toggle(i);
                } else {
                    card.chosen = vec![i];
                }
            }
            (Phase::Question, Action::ToggleOption) => {
                let i = card.cursor;
                if card.choose_count() > 1 {
                    card.toggle(i);
                } else {
                    card.chosen = vec![i];
                }
            }
            (Phase::Question, Action::Submit) => self.submit(),
            (Phase::Question, Action::StartTyping) => card.typing = true,
            (Phase::Question, Action::StopTyping) => card.typing = false,
            (Phase::Question, Action::ClearInput) => card.input.clear(),
            (Phase::Question, Action::DeleteBack) => card.input.backspace(),
            (Phase::Question, Action::DeleteForward) => card.input.delete(),
            (Phase::Question, Action::CursorLeft) => card.input.left(),
            (Phase::Question, Action::CursorRight) => card.input.right(),
            (Phase::Question, Action::CursorHome) => card.input.home(),
            (Phase::Question, Action::CursorEnd) => card.input.end(),
            (Phase::Question, Action::AnswerTrue | Action::AnswerFalse) => {
                if let Shown::TrueFalse { answer, .. } = card.shown {
                    let given = action == Action::AnswerTrue;
                    let outcome = quiz::check_true_false(answer, given);
                    card.set_judged(Judged::TrueFalse { given, outcome }, now);
                    self.load_previews();
                }
            }
            (Phase::Answered, Action::Up) => card.scroll = card.scroll.saturating_sub(1),
            (Phase::Answered, Action::Down) => card.scroll = card.scroll.saturating_add(1),
            (Phase::Answered, Action::GradeAgain) => self.grade(Rating::Again),
            (Phase::Answered, Action::GradeHard) => self.grade(Rating::Hard),
            (Phase::Answered, Action::GradeGood) => self.grade(Rating::Good),
            (Phase::Answered, Action::GradeEasy) => self.grade(Rating::Easy),
            (Phase::Answered, Action::Continue) => {
                let g = card.grade;
                self.grade(g);
            }
            _ => {}
        }
    }

    fn submit(&mut self) {
        let now = self.now();
        let Some(card) = self.current_mut() else {
            return;
        };
        let judged = match &card.shown {
            Shown::Options {
                options, choose, ..
            } => {
                let chosen = if *choose == 1 && card.chosen.is_empty() {
                    vec![card.cursor]
                } else {
                    card.chosen.clone()
                };
                if *choose > 1 && chosen.len() != *choose {
                    let text = format!(
                        "Choose {choose} options ({} chosen): letters or Space mark them.",
                        chosen.len()
                    );
                    self.toast = Some(Toast { text, error: false });
                    return;
                }
                card.chosen = chosen.clone();
                Judged::Options(quiz::check_options(options, &chosen))
            }
            Shown::Typed { answers, .. } => {
                if card.input.text().trim().is_empty() {
                    card.typing = true;
                    self.toast = Some(Toast {
                        text: "Type an answer first (or q to end the session).".into(),
                        error: false,
                    });
                    return;
                }
                Judged::Typed {
                    given: card.input.text().to_string(),
                    verdict: quiz::check_typed(card.input.text(), answers),
                }
            }
            _ => return,
        };
        card.set_judged(judged, now);
        self.load_previews();
    }

    /// The grade buttons' intervals (review sessions only).
    fn load_previews(&mut self) {
        let now = self.now();
        let Some(study) = self.study_mut() else {
            return;
        };
        let Mode::Review(session) = &study.mode else {
            return;
        };
        let Some(card) = study.current.as_mut() else {
            return;
        };
        card.previews = session.preview(&card.key, now);
    }

    fn grade(&mut self, rating: Rating) {
        let Some(card) = self.current_mut() else {
            return;
        };
        card.grade = rating;
        card.pending = true;
        self.commit_pending();
    }

    /// Save the graded answer of the card shown; on failure keep it and offer a retry.
    fn commit_pending(&mut self) {
        let now = self.now();
        let Screen::Study(study) = &mut self.screen else {
            return;
        };
        let Some(card) = study.current.as_ref() else {
            return;
        };
        if !card.pending {
            return;
        }
        let right = card.outcome().map(Outcome::is_right);
        let rating = card.grade;
        match &mut study.mode {
            Mode::Review(session) => {
                let item = card.item;
                let key = card.key.clone();
                let answer_ms = super::screens::study::answer_time(card)
                    .num_milliseconds()
                    .clamp(0, i64::from(u32::MAX)) as u32;
                let kind = item_kind(self.cat.card(item), item.face);
                let meta = AnswerMeta {
                    kind,
                    correct: right,
                    answer_ms,
                };
                match self.store.answer(session, &key, rating, meta, now) {
                    Ok(graded) => {
                        if graded.became_leech {
                            let lapses = graded.after.card.lapses;
                            let text = if graded.after.suspended {
                                format!(
                                    "This card is a leech ({lapses} lapses): tagged and suspended. Rewrite it or study it in a quiz."
                                )
                            } else {
                                format!("This card is a leech ({lapses} lapses): tagged.")
                            };
                            self.toast = Some(Toast { text, error: false });
                        }
                        self.advance();
                    }
                    Err(e) => self.popup_error("Your answer was not saved", &e.to_string(), true),
                }
            }
            Mode::Quiz { cram, .. } => {
                cram.answer(right.unwrap_or(rating != Rating::Again));
                self.advance();
            }
        }
    }

    fn undo(&mut self) {
        let Screen::Study(study) = &mut self.screen else {
            return;
        };
        match &mut study.mode {
            Mode::Review(session) => match self.store.undo(session) {
                Ok(Some(_)) => {
                    self.toast = Some(Toast {
                        text: "Undone: the card is back as it was.".into(),
                        error: false,
                    });
                    self.advance();
                }
                Ok(None) => {
                    self.toast = Some(Toast {
                        text: "Nothing to undo in this session.".into(),
                        error: false,
                    })
                }
                Err(e) => self.popup_error("Cannot undo", &e.to_string(), false),
            },
            Mode::Quiz { cram, .. } => {
                if cram.undo() {
                    self.advance();
                } else {
                    self.toast = Some(Toast {
                        text: "Nothing to undo in this quiz.".into(),
                        error: false,
                    });
                }
            }
        }
    }

    fn suspend_or_bury(&mut self, suspend: bool) {
        let now = self.now();
        let Screen::Study(study) = &mut self.screen else {
            return;
        };
        let Mode::Review(session) = &mut study.mode else {
            return;
        };
        let Some(card) = study.current.as_ref() else {
            return;
        };
        let key = card.key.clone();
        let result = if suspend {
            self.store.suspend(session, &key)
        } else {
            self.store.bury(session, &key, now)
        };
        match result {
            Ok(()) => {
                let text = if suspend {
                    "Suspended: this card will not come back until you unsuspend it."
                } else {
                    "Buried until tomorrow."
                };
                self.toast = Some(Toast {
                    text: text.into(),
                    error: false,
                });
                self.advance();
            }
            Err(e) => self.popup_error("Not saved", &e.to_string(), false),
        }
    }

    fn show_source(&mut self) {
        let Some(card) = self.current() else { return };
        let c = self.cat.card(card.item);
        let pack = self.cat.pack(card.item);
        let mut lines = vec![
            format!("card     {}", card.key.item),
            format!("pack     {} ({})", pack.manifest.title, pack.id()),
            format!("defined  {}", c.location),
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
            scroll: 0,
            retry: false,
            error: false,
        });
    }

    /// Marked nodes on the home screen.
    pub fn marked(&self) -> &BTreeSet<Node> {
        &self.home.marked
    }
}

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
