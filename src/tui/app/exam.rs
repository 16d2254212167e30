//! Mock exams in the app: choosing one (or resuming the unfinished one), the exam's actions
//! forwarded to its session, the question map, the yes/no questions, the countdown's ticks,
//! and the report with "study my weak domains".

use super::{App, Screen, Toast};
use crate::exam::Exam;
use crate::quiz::Shown;
use crate::quiz::cram::Cram;
use crate::study::{Attempt, Failure, Node, Notice, Session};
use crate::tui::action::Action;
use crate::tui::overlay::Overlay;
use crate::tui::screens::exam::{
    Confirm, ConfirmWhat, ExamMapView, ExamScreen, ExamSetup, SetupRow,
};
use crate::tui::screens::exam_report::{ReportScreen, domain_title, report_lines};
use crate::tui::screens::study::StudyScreen;
use crate::tui::widgets::scroll::Scroll;

impl App {
    /// The pack of Home's highlighted row.
    pub(super) fn selected_pack(&self) -> Option<usize> {
        match self.home.rows(&self.cat).get(self.home.selected)? {
            Node::Pack(p) | Node::Topic(p, _) => Some(*p),
        }
    }

    /// `x` on Home: the pack's exams, with the unfinished exam (of any pack) first.
    pub(super) fn open_exam_setup(&mut self) {
        let Some(pack) = self.selected_pack() else {
            return;
        };
        let unfinished = match self.store.unfinished_exam(self.now()) {
            Ok(u) => u,
            Err(e) => return self.notify(Notice::failed(Failure::StartExam, e)),
        };
        let history = match self.store.exam_history(Some(self.cat.packs()[pack].id())) {
            Ok(h) => h,
            Err(e) => return self.notify(Notice::failed(Failure::StartExam, e)),
        };
        let p = &self.cat.packs()[pack];
        if p.exams.is_empty() && unfinished.is_none() {
            self.toast = Some(Toast {
                text: format!(
                    "{} has no mock exam: a pack defines them with [[exams]] in its pack.toml.",
                    p.manifest.title
                ),
                error: true,
            });
            return;
        }
        let mut rows = Vec::new();
        if let Some(u) = &unfinished {
            rows.push(SetupRow::Resume {
                title: u.title.clone(),
                answered: u.answered(),
                questions: u.questions.len(),
                seconds_left: u.remaining(self.now()).as_secs(),
            });
        }
        for (i, e) in p.exams.iter().enumerate() {
            let taken: Vec<_> = history.iter().filter(|h| h.profile == e.id).collect();
            rows.push(SetupRow::Profile {
                profile: i,
                taken: taken.len(),
                last: taken.last().map(|h| h.score),
            });
        }
        self.overlays
            .push(Overlay::ExamSetup(ExamSetup { pack, rows, row: 0 }));
    }

    pub(super) fn exam_setup_action(&mut self, action: Action) {
        let Some(Overlay::ExamSetup(setup)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Up => setup.row = setup.row.saturating_sub(1),
            Action::Down => setup.row = (setup.row + 1).min(setup.rows.len().saturating_sub(1)),
            Action::Back => {
                self.overlays.pop();
            }
            Action::Submit => {
                let setup = setup.clone();
                let resumable = setup
                    .rows
                    .iter()
                    .any(|r| matches!(r, SetupRow::Resume { .. }));
                match setup.rows.get(setup.row) {
                    Some(SetupRow::Resume { .. }) => {
                        self.overlays.pop();
                        self.resume_exam();
                    }
                    Some(SetupRow::Profile { profile, .. }) if resumable => {
                        self.overlays.push(Overlay::Confirm(Confirm {
                            what: ConfirmWhat::DiscardAndStart {
                                pack: setup.pack,
                                profile: *profile,
                            },
                            title: "Start a new exam?".into(),
                            lines: vec![
                                "The unfinished exam will be thrown away: its answers are not scored"
                                    .into(),
                                "and do not count as reviews.".into(),
                            ],
                        }));
                    }
                    Some(SetupRow::Profile { profile, .. }) => {
                        self.overlays.pop();
                        self.start_exam(setup.pack, *profile);
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }

    fn start_exam(&mut self, pack: usize, profile: usize) {
        let profile = self.cat.packs()[pack].exams[profile].clone();
        let (mut env, screen) = self.env();
        match Session::exam(&mut env, pack, &profile) {
            Ok(session) => *screen = Screen::Exam(Box::new(ExamScreen { session, pack })),
            Err(n) => self.notify(n),
        }
    }

    fn resume_exam(&mut self) {
        let now = self.now();
        let paper: Exam = match self.store.unfinished_exam(now) {
            Ok(Some(p)) => p,
            Ok(None) => return,
            Err(e) => return self.notify(Notice::failed(Failure::StartExam, e)),
        };
        let Some(pack) = self.cat.packs().iter().position(|p| p.id() == paper.pack) else {
            self.toast = Some(Toast {
                text: format!("The pack {} of this exam is not loaded.", paper.pack),
                error: true,
            });
            return;
        };
        let (mut env, screen) = self.env();
        let session = Session::resume_exam(&mut env, paper);
        *screen = Screen::Exam(Box::new(ExamScreen { session, pack }));
    }

    pub(super) fn exam_action(&mut self, action: Action) {
        let Screen::Exam(exam) = &self.screen else {
            return;
        };
        let Some(paper) = exam.session.paper() else {
            return;
        };
        let (answered, total, flagged) = (paper.answered(), paper.questions.len(), paper.flagged());
        match action {
            Action::Back => {
                return self.overlays.push(Overlay::Confirm(Confirm {
                    what: ConfirmWhat::LeaveExam,
                    title: "Leave the exam?".into(),
                    lines: vec![
                        "It is saved as it stands and the clock stops;".into(),
                        format!(
                            "{} on Home resumes it.",
                            self.keymap
                                .label(crate::tui::keymap::Ctx::Home, Action::OpenExam)
                        ),
                    ],
                }));
            }
            Action::SubmitExam => {
                let mut lines = vec![format!("{answered} of {total} questions answered.")];
                if answered < total {
                    lines.push(format!("{} not answered count as wrong.", total - answered));
                }
                if flagged > 0 {
                    lines.push(format!("{flagged} flagged for review."));
                }
                lines.push("Answers cannot change after this.".into());
                return self.overlays.push(Overlay::Confirm(Confirm {
                    what: ConfirmWhat::SubmitExam,
                    title: "Submit the exam?".into(),
                    lines,
                }));
            }
            Action::ExamMap => {
                return self.overlays.push(Overlay::ExamMap(ExamMapView {
                    row: paper.position(),
                    ..ExamMapView::default()
                }));
            }
            Action::ZoomDiagram => {
                let Some(item) = exam.session.current().map(|a| a.item) else {
                    return;
                };
                let card = self.cat.card(item);
                if card.diagram_shown(false).is_some() {
                    self.overlays.push(Overlay::Zoom { item, x: 0, y: 0 });
                } else if card.diagram.is_some() {
                    self.toast = Some(Toast {
                        text: "This question's diagram holds the answer: it shows in the report."
                            .into(),
                        error: false,
                    });
                } else {
                    self.notify(Notice::NoDiagram);
                }
                return;
            }
            _ => {}
        }
        let mut notices = Vec::new();
        {
            let (mut env, screen) = self.env();
            let Screen::Exam(exam) = screen else {
                return;
            };
            let s = &mut exam.session;
            let typing = s.current().is_some_and(|a| a.typing);
            let n = match action {
                Action::ExamNext => s.exam_next(&mut env),
                Action::ExamPrevious => s.exam_previous(&mut env),
                Action::ExamFlag => s.exam_flag(&mut env),
                Action::ExamClear => s.exam_clear_answer(&mut env),
                Action::ExamNextUnanswered => {
                    match s.paper().and_then(|p| p.find_next(|q| !q.is_answered())) {
                        Some(i) => s.exam_go_to(&mut env, i),
                        None => Some(Notice::AllAnswered),
                    }
                }
                Action::AnswerTrue => s.exam_true_false(&mut env, true),
                Action::AnswerFalse => s.exam_true_false(&mut env, false),
                Action::Submit | Action::StopTyping if typing => {
                    if let Some(a) = s.current_mut() {
                        a.typing = false;
                    }
                    s.exam_answer_changed(&mut env)
                }
                other => {
                    let changed = s.current_mut().is_some_and(|a| edit(a, other));
                    if changed {
                        s.exam_answer_changed(&mut env)
                    } else {
                        None
                    }
                }
            };
            notices.extend(n);
        }
        for n in notices {
            self.notify(n);
        }
    }

    pub(super) fn exam_map_action(&mut self, action: Action) {
        let Screen::Exam(exam) = &self.screen else {
            self.overlays.pop();
            return;
        };
        let Some(paper) = exam.session.paper() else {
            return;
        };
        let last = paper.questions.len().saturating_sub(1);
        let Some(Overlay::ExamMap(map)) = self.overlays.last_mut() else {
            return;
        };
        let from = map.row;
        let find = |pred: &dyn Fn(&crate::exam::Question) -> bool| {
            (1..=paper.questions.len())
                .map(|k| (from + k) % paper.questions.len())
                .find(|&i| pred(&paper.questions[i]))
        };
        match action {
            Action::Up => map.row = map.row.saturating_sub(1),
            Action::Down => map.row = (map.row + 1).min(last),
            Action::PageUp => map.row = map.row.saturating_sub(10),
            Action::PageDown => map.row = (map.row + 10).min(last),
            Action::ExamNextUnanswered => {
                if let Some(i) = find(&|q| !q.is_answered()) {
                    map.row = i;
                }
            }
            Action::ExamFlag => {
                if let Some(i) = find(&|q| q.flagged) {
                    map.row = i;
                }
            }
            Action::ExamGoTo => {
                let to = map.row;
                self.overlays.pop();
                let (mut env, screen) = self.env();
                if let Screen::Exam(exam) = screen
                    && let Some(n) = exam.session.exam_go_to(&mut env, to)
                {
                    self.notify(n);
                }
            }
            Action::Back => {
                self.overlays.pop();
            }
            _ => {}
        }
    }

    pub(super) fn confirm_action(&mut self, action: Action) {
        let Some(Overlay::Confirm(confirm)) = self.overlays.last() else {
            return;
        };
        let what = confirm.what;
        match action {
            Action::Cancel => {
                self.overlays.pop();
            }
            Action::Confirm => {
                self.overlays.pop();
                match what {
                    ConfirmWhat::SubmitExam => self.submit_exam_now(false),
                    ConfirmWhat::LeaveExam => self.leave_exam(),
                    ConfirmWhat::DiscardAndStart { pack, profile } => {
                        // The chooser under the question goes too.
                        self.overlays.pop();
                        let now = self.now();
                        if let Ok(Some(u)) = self.store.unfinished_exam(now)
                            && let Err(e) = self.store.discard_exam(u.id, now)
                        {
                            return self.notify(Notice::failed(Failure::StartExam, e));
                        }
                        self.start_exam(pack, profile);
                    }
                }
            }
            _ => {}
        }
    }

    /// Leave the exam: it is saved and resumes from Home.
    fn leave_exam(&mut self) {
        let Screen::Exam(exam) = std::mem::replace(&mut self.screen, Screen::Home) else {
            return;
        };
        let (mut env, _) = self.env();
        let (summary, notice) = exam.session.finish(&mut env);
        match notice {
            Some(n) => self.notify(n),
            None => {
                self.toast = Some(Toast {
                    text: format!(
                        "Exam saved ({} of {} answered): {} on Home resumes it.",
                        summary.answered,
                        summary.answered + summary.left,
                        self.keymap
                            .label(crate::tui::keymap::Ctx::Home, Action::OpenExam)
                    ),
                    error: false,
                });
            }
        }
        self.refresh_home();
    }

    /// Submit the exam on screen (asked, or the time ran out) and show its report.
    pub(super) fn submit_exam_now(&mut self, auto: bool) {
        let day = self.day;
        let notices = {
            let (mut env, screen) = self.env();
            let Screen::Exam(exam) = screen else {
                return;
            };
            exam.session.submit_exam(&mut env, day, auto)
        };
        for n in notices {
            self.notify(n);
        }
        self.show_report_if_submitted();
    }

    fn show_report_if_submitted(&mut self) {
        let Screen::Exam(exam) = &self.screen else {
            return;
        };
        let (Some(report), Some(paper)) = (exam.session.exam_report(), exam.session.paper()) else {
            return;
        };
        let screen = ReportScreen {
            paper: paper.clone(),
            report: report.clone(),
            pack: exam.pack,
            scroll: Scroll::default(),
        };
        self.screen = Screen::ExamReport(Box::new(screen));
        self.refresh_home();
    }

    /// Time passed during an exam: the warning, or the end.
    pub(super) fn exam_tick(&mut self) {
        let day = self.day;
        let notices = {
            let (mut env, screen) = self.env();
            let Screen::Exam(exam) = screen else {
                return;
            };
            exam.session.exam_tick(&mut env, day)
        };
        for n in notices {
            self.notify(n);
        }
        self.show_report_if_submitted();
    }

    pub(super) fn report_action(&mut self, action: Action) {
        let width = self.drawn_size().map_or(76, |(w, _)| w.saturating_sub(4)) as usize;
        let page = self.drawn_size().map_or(10, |(_, h)| h.saturating_sub(6));
        let Screen::ExamReport(report) = &self.screen else {
            return;
        };
        let starts = {
            let view = self.view();
            report_lines(&view, report, width).1
        };
        let Screen::ExamReport(report) = &mut self.screen else {
            return;
        };
        let scroll = &mut report.scroll;
        if scroll.step(action, page) {
            return;
        }
        let at = scroll.at() as usize;
        match action {
            Action::Top => scroll.reset(),
            Action::ExamNext => {
                if let Some(&s) = starts.iter().find(|&&s| s > at) {
                    scroll.set(s as u16);
                }
            }
            Action::ExamPrevious => {
                scroll.set(
                    starts
                        .iter()
                        .rev()
                        .find(|&&s| s < at)
                        .map_or(0, |&s| s as u16),
                );
            }
            Action::StudyWeak => self.study_weak_domains(),
            Action::Back => {
                self.screen = Screen::Home;
                self.refresh_home();
            }
            _ => {}
        }
    }

    /// A review over the weakest domains of the report on screen; a quiz over them when
    /// nothing there is due today.
    fn study_weak_domains(&mut self) {
        let Screen::ExamReport(report) = &self.screen else {
            return;
        };
        let pack = report.pack;
        let p = &self.cat.packs()[pack];
        let weak: Vec<String> = report
            .report
            .weakest(3)
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut nodes = Vec::new();
        let mut items = Vec::new();
        for key in &weak {
            match key.strip_prefix("tag:") {
                Some(tag) => items.extend(
                    self.cat
                        .items(Node::Pack(pack))
                        .iter()
                        .filter(|r| self.cat.card(**r).tags.iter().any(|t| t == tag))
                        .copied(),
                ),
                None => {
                    if let Some(t) = p.topics.iter().position(|t| t.id == *key) {
                        nodes.push(Node::Topic(pack, t));
                    }
                }
            }
        }
        items.extend(self.cat.selection(&nodes));
        items.sort();
        items.dedup();
        let label = weak
            .iter()
            .map(|k| domain_title(p, k))
            .collect::<Vec<_>>()
            .join(", ");
        if items.is_empty() {
            return;
        }
        let day = self.day;
        let result = {
            let (mut env, _) = self.env();
            Session::review(&mut env, label.clone(), &items, day)
        };
        match result {
            Ok(session) if !session.is_over() => {
                self.screen = Screen::Study(Box::new(StudyScreen::new(session, nodes)));
            }
            Ok(session) => {
                let (mut env, _) = self.env();
                let _ = session.finish(&mut env);
                let cram = Cram::pick(&items, self.config.quiz_questions, self.seeds.next_seed());
                self.begin_quiz(cram, format!("quiz of {label}"), nodes);
                self.notify(Notice::WeakDomainsQuiz);
            }
            Err(n) => self.notify(n),
        }
    }
}

/// Choosing and typing on an exam question. Returns whether the answer may have changed.
fn edit(a: &mut Attempt, action: Action) -> bool {
    let typed = matches!(a.shown, Shown::Typed { .. } | Shown::Cloze { .. });
    match action {
        Action::Up => a.cursor_up(),
        Action::Down => a.cursor_down(),
        Action::Choose(i) => {
            a.choose(i);
            return true;
        }
        Action::ToggleOption => {
            a.toggle_cursor();
            return true;
        }
        Action::StartTyping if typed => a.typing = true,
        Action::StopTyping => a.typing = false,
        _ if typed && a.typing => return super::study::edit_input(&mut a.input, action),
        _ => {}
    }
    false
}
