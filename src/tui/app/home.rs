//! Home's actions: moving in the tree, marking, starting a review or a quiz, refreshing the
//! counts.

use super::{App, Screen, Toast};
use crate::quiz::cram::Cram;
use crate::study::{Failure, Node, Notice, Session};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::overlay::{Overlay, QUIZ_KINDS, QuizSetup};

/// Where the last quiz set-up is kept between runs (the store's app values).
const QUIZ_COUNT: &str = "quiz.count";
const QUIZ_KINDS_KEY: &str = "quiz.kinds";
use crate::tui::screens::study::StudyScreen;
use crate::tui::screens::visual::Visual;

impl App {
    pub(super) fn home_action(&mut self, action: Action) {
        let rows = self.home.rows(&self.cat);
        let last = rows.len().saturating_sub(1);
        match action {
            Action::Up => self.home.selected = self.home.selected.saturating_sub(1),
            Action::Down => self.home.selected = (self.home.selected + 1).min(last),
            Action::Top => self.home.selected = 0,
            Action::Bottom => self.home.selected = last,
            // A click on a row.
            Action::Choose(i) => self.home.selected = i.min(last),
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
                if let Some(node) = rows.get(self.home.selected)
                    && !self.home.marked.remove(node)
                {
                    self.home.marked.insert(*node);
                }
            }
            Action::ClearMarks => self.home.marked.clear(),
            Action::StartReview => self.start_review(),
            Action::OpenExam => self.open_exam_setup(),
            Action::OpenStats => self.open_stats(),
            Action::SetExamDate => self.open_plan_form(),
            Action::StudyMore => self.open_study_more(),
            Action::OpenBrowser => self.open_browser(),
            Action::OpenQuiz => self.open_quiz(),
            Action::ShowProblems => self.show_problems(),
            Action::OpenVisualiser => {
                self.screen = Screen::Visual {
                    visual: Box::new(Visual::new()),
                    back: None,
                };
            }
            Action::Back => self.quit = true,
            Action::QuitHint => {
                self.toast = Some(Toast {
                    text: format!(
                        "Nothing to close here: {} quits deckhand.",
                        self.view().key(Ctx::Home, Action::Back)
                    ),
                    error: false,
                });
            }
            _ => {}
        }
        self.home.selected = self
            .home
            .selected
            .min(self.home.rows(&self.cat).len().saturating_sub(1));
    }

    /// The nodes a review or quiz covers: the marked ones, else the highlighted one; and
    /// their name.
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
            [one] => self.cat.title(*one).to_string(),
            [] => "nothing".to_string(),
            many => format!("{} marked topics and packs", many.len()),
        };
        (nodes, label)
    }

    /// Re-read Home's counts and today's figures.
    pub fn refresh_home(&mut self) {
        // The plans first: they set today's new-card limits and may bring cards forward.
        self.refresh_plans();
        let now = self.now();
        let result = self
            .home
            .overview
            .refresh(&self.cat, &self.store, now, self.day);
        if let Err(e) = result {
            self.notify(Notice::Failed {
                what: Failure::ReadProgress,
                detail: e.to_string(),
            });
        }
    }

    fn start_review(&mut self) {
        let (nodes, label) = self.selection();
        self.refresh_home();
        if self.home.overview.counts_of(&nodes).total() == 0 {
            let next = self.home.overview.next_due_of(&nodes);
            self.notify(Notice::NothingDue { label, next });
            return;
        }
        let items = self.cat.selection(&nodes);
        let day = self.day;
        let (mut env, screen) = self.env();
        match Session::review(&mut env, label, &items, day) {
            Ok(session) => *screen = Screen::Study(Box::new(StudyScreen::new(session, nodes))),
            Err(notice) => self.notify(notice),
        }
    }

    fn open_quiz(&mut self) {
        let (selection, label) = self.selection();
        let mut available = [0; 6];
        for item in self.cat.selection(&selection) {
            let kind = self.cat.kind(item);
            if let Some(i) = QUIZ_KINDS.iter().position(|(k, _)| *k == kind) {
                available[i] += 1;
            }
        }
        let mut setup = QuizSetup {
            count: Some(self.config.quiz_questions),
            kinds: [true; 6],
            row: 0,
            selection,
            label,
            available,
        };
        // The last choice, kept between runs.
        let count = self.store.app_value(QUIZ_COUNT).ok().flatten();
        let kinds = self.store.app_value(QUIZ_KINDS_KEY).ok().flatten();
        setup.recall(count.as_deref(), kinds.as_deref());
        self.overlays.push(Overlay::QuizSetup(setup));
    }

    pub(super) fn start_quiz(&mut self) {
        let Some(Overlay::QuizSetup(setup)) = self.overlays.last() else {
            return;
        };
        let setup = setup.clone();
        let pool: Vec<_> = self
            .cat
            .selection(&setup.selection)
            .into_iter()
            .filter(|r| setup.includes(self.cat.kind(*r)))
            .collect();
        if pool.is_empty() {
            self.toast = Some(super::Toast {
                text: super::toast_text(&self.view(), &Notice::NoQuestionOfKinds),
                error: true,
            });
            return;
        }
        // Kept for next time; a store that cannot keep it only loses the convenience.
        let (count, kinds) = setup.remembered();
        let _ = self.store.set_app_value(QUIZ_COUNT, &count);
        let _ = self.store.set_app_value(QUIZ_KINDS_KEY, &kinds);
        self.overlays.pop();
        let cram = Cram::pick(&pool, setup.questions(), self.seeds.next_seed());
        self.begin_quiz(cram, setup.label, setup.selection);
    }

    pub(super) fn begin_quiz(
        &mut self,
        cram: Cram<crate::study::ItemRef>,
        label: String,
        scope: Vec<Node>,
    ) {
        let (mut env, screen) = self.env();
        let (session, notice) = Session::quiz(&mut env, label, cram);
        *screen = Screen::Study(Box::new(StudyScreen::new(session, scope)));
        if let Some(n) = notice {
            self.notify(n);
        }
    }
}
