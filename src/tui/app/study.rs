//! The card screen's actions, forwarded to the study session; the session's end.

use super::{App, Screen, Toast};
use crate::srs::Rating;
use crate::study::{Attempt, Kind, Notice, Phase};
use crate::tui::action::Action;
use crate::tui::keymap::Ctx;
use crate::tui::overlay::Overlay;
use crate::tui::screens::study::StudyScreen;
use crate::tui::screens::visual::Visual;

/// Rows the diagram under or beside the card moves per key.
const DIAGRAM_STEP: u16 = 3;

impl App {
    pub(super) fn study_action(&mut self, action: Action) {
        let Screen::Study(study) = &self.screen else {
            return;
        };
        let current = study.session.current().map(|c| (c.item, c.phase));
        // What the app itself does: leave, overlays, the visualiser.
        match (current, action) {
            (_, Action::Back) => return self.finish_study(),
            (Some((item, phase)), Action::ZoomDiagram) => {
                let card = self.cat.card(item);
                if card.diagram_shown(phase == Phase::Answered).is_some() {
                    self.overlays.push(Overlay::Zoom { item, x: 0, y: 0 });
                } else if card.diagram.is_some() {
                    self.notify(Notice::DiagramAfterAnswer);
                } else {
                    self.notify(Notice::NoDiagram);
                }
                return;
            }
            (Some((item, _)), Action::ShowSource) => return self.show_source(item),
            (Some((item, Phase::Answered)), Action::OpenLink) => return self.open_link(item),
            (Some((item, _)), Action::OpenVisualiser) => {
                match self.cat.card(item).sim.as_deref().cloned() {
                    Some(preset) => {
                        let study = std::mem::replace(&mut self.screen, Screen::Home);
                        self.screen = Screen::Visual {
                            visual: Box::new(Visual::with(preset)),
                            back: Some(Box::new(study)),
                        };
                    }
                    None => self.notify(Notice::NoScenario),
                }
                return;
            }
            _ => {}
        }
        // What the session does.
        let mut notices: Vec<Notice> = Vec::new();
        let mut ask_known = false;
        {
            let (mut env, screen) = self.env();
            let Screen::Study(study) = screen else {
                return;
            };
            let session = &mut study.session;
            let mut keep_scroll = false;
            match (current.map(|c| c.1), action) {
                (_, Action::Undo) => notices.extend(session.undo(&mut env)),
                (None, _) => {}
                (Some(_), Action::DiagramUp) => {
                    study.diagram_scroll.step(Action::PageUp, DIAGRAM_STEP);
                    keep_scroll = true;
                }
                (Some(_), Action::DiagramDown) => {
                    study.diagram_scroll.step(Action::PageDown, DIAGRAM_STEP);
                    keep_scroll = true;
                }
                (Some(_), Action::Suspend) => notices.extend(session.suspend(&mut env)),
                (Some(_), Action::Bury) => notices.extend(session.bury(&mut env)),
                (Some(Phase::Question), Action::Reveal) => session.reveal(&mut env),
                (Some(Phase::Question), Action::Submit) => notices.extend(session.submit(&mut env)),
                (Some(Phase::Question), Action::AnswerTrue) => {
                    session.answer_true_false(&mut env, true)
                }
                (Some(Phase::Question), Action::AnswerFalse) => {
                    session.answer_true_false(&mut env, false)
                }
                (Some(Phase::Question), action) => {
                    keep_scroll = true;
                    if let Some(card) = session.current_mut() {
                        edit_question(card, action);
                    }
                }
                (Some(Phase::Answered), Action::Up | Action::Down) => {
                    study.scroll.step(action, 1);
                    keep_scroll = true;
                }
                (Some(Phase::Answered), action) => {
                    // A quiz flashcard is right when the learner knew it; Enter does not say.
                    let self_graded = session.kind() == Kind::Quiz
                        && session.current().is_some_and(|c| c.outcome().is_none());
                    let grade = match action {
                        Action::GradeAgain | Action::DidNotKnow => Some(Rating::Again),
                        Action::GradeHard => Some(Rating::Hard),
                        Action::GradeGood | Action::KnewIt => Some(Rating::Good),
                        Action::GradeEasy => Some(Rating::Easy),
                        Action::Continue if self_graded => {
                            ask_known = true;
                            None
                        }
                        Action::Continue => session.current().map(|c| c.grade),
                        _ => None,
                    };
                    if let Some(g) = grade {
                        notices.extend(session.grade(&mut env, g));
                    }
                }
            }
            if !keep_scroll {
                study.scroll.reset();
                study.diagram_scroll.reset();
            }
        }
        if ask_known {
            self.toast = Some(Toast {
                text: format!(
                    "Did you know it? {} if you did, {} if not.",
                    self.keymap.label(Ctx::QuizFlash, Action::KnewIt),
                    self.keymap.label(Ctx::QuizFlash, Action::DidNotKnow)
                ),
                error: false,
            });
        }
        self.after_study(notices);
    }

    /// After a study action: say what happened, and show the summary once the session is over.
    fn after_study(&mut self, notices: Vec<Notice>) {
        for n in notices {
            self.notify(n);
        }
        if matches!(&self.screen, Screen::Study(s) if s.session.is_over()) {
            self.finish_study();
        }
    }

    /// Save again the answer whose saving failed.
    pub(super) fn retry_save(&mut self) {
        if matches!(self.screen, Screen::Exam(_)) {
            return self.submit_exam_now(false);
        }
        let (mut env, screen) = self.env();
        let Screen::Study(study) = screen else {
            return;
        };
        let notices = study.session.retry_save(&mut env);
        study.scroll.reset();
        self.after_study(notices);
    }

    /// Time passed: a learning card that was waited for may be due.
    pub(super) fn study_tick(&mut self) {
        let (mut env, screen) = self.env();
        if let Screen::Study(study) = screen {
            study.session.tick(&mut env);
        }
    }

    /// End the session (if one runs) and show its summary.
    pub(super) fn finish_study(&mut self) {
        let Screen::Study(study) = std::mem::replace(&mut self.screen, Screen::Home) else {
            return;
        };
        let StudyScreen { session, scope, .. } = *study;
        let (mut env, _) = self.env();
        let (mut summary, notice) = session.finish(&mut env);
        if let Some(n) = notice {
            self.notify(n);
        }
        self.refresh_home();
        summary.next_due = if scope.is_empty() {
            self.home.overview.next_due()
        } else {
            self.home.overview.next_due_of(&scope)
        };
        self.screen = Screen::Summary(Box::new(summary));
    }
}

/// Choosing, typing and moving on a question: changes to the attempt that need nothing else.
fn edit_question(card: &mut Attempt, action: Action) {
    match action {
        Action::Up => card.cursor_up(),
        Action::Down => card.cursor_down(),
        Action::Choose(i) => card.choose(i),
        Action::ToggleOption => card.toggle_cursor(),
        Action::StartTyping => card.set_typing(true),
        Action::StopTyping => card.set_typing(false),
        _ => {
            if let Some(input) = card.input_mut() {
                edit_input(input, action);
            }
        }
    }
}

/// Typing in an answer's input; whether the action was one.
pub(super) fn edit_input(input: &mut crate::study::input::TextInput, action: Action) -> bool {
    match action {
        Action::Insert(c) => input.insert(c),
        Action::ClearInput => input.clear(),
        Action::DeleteBack => input.backspace(),
        Action::DeleteForward => input.delete(),
        Action::CursorLeft => input.left(),
        Action::CursorRight => input.right(),
        Action::CursorHome => input.home(),
        Action::CursorEnd => input.end(),
        _ => return false,
    }
    true
}
