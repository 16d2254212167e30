//! The statistics screen, the plan (its line on Home, setting the exam date, the daily new
//! cards it needs, bringing cards forward in the last days) and "study more today".

use super::{App, Screen, Toast};
use crate::plan::{Plan, PlanInput, PlanSettings, day_number_of, weakest_at};
use crate::srs::queue::ItemKey;
use crate::study::input::TextInput;
use crate::study::{Failure, Node, Notice, Session};
use crate::tui::action::Action;
use crate::tui::overlay::Overlay;
use crate::tui::screens::home::PlanLine;
use crate::tui::screens::plan::{PlanForm, StudyMore};
use crate::tui::screens::stats::{PAGES, RANGES, StatsScreen};
use crate::tui::screens::study::StudyScreen;

/// What a pack's plan is computed from, besides the pack's cards.
#[derive(Debug, Clone, PartialEq)]
struct PlanInputs {
    settings: PlanSettings,
    day: i64,
    scheduling: crate::srs::queue::PackSettings,
    /// The store's progress change mark.
    progress: i64,
}

/// A pack's plan and what it was computed from.
#[derive(Debug, Clone)]
pub(super) struct KeptPlan {
    inputs: PlanInputs,
    plan: Plan,
}

impl App {
    /// `s` on Home: the statistics of the highlighted row's pack.
    pub(super) fn open_stats(&mut self) {
        let pack = self
            .selected_pack()
            .map(|p| self.cat.packs()[p].id().to_string());
        match crate::stats::compute(
            &self.store,
            self.cat.packs(),
            pack.as_deref(),
            self.now(),
            self.day,
        ) {
            Ok(stats) => self.screen = Screen::Stats(Box::new(StatsScreen::new(stats))),
            Err(e) => self.notify(Notice::failed(Failure::ReadProgress, e)),
        }
    }

    pub(super) fn stats_action(&mut self, action: Action) {
        let Screen::Stats(s) = &mut self.screen else {
            return;
        };
        match action {
            Action::NextPage => s.page = (s.page + 1) % PAGES.len(),
            Action::PreviousPage => s.page = (s.page + PAGES.len() - 1) % PAGES.len(),
            Action::CycleRange => s.range = (s.range + 1) % RANGES.len(),
            Action::Up | Action::Down => _ = s.scroll.step(action, 1),
            Action::Back => self.screen = Screen::Home,
            _ => {}
        }
    }

    /// `d` on Home: the exam date, budget and target of the highlighted row's pack.
    pub(super) fn open_plan_form(&mut self) {
        let Some(pack) = self.selected_pack() else {
            return;
        };
        let stored = match self.store.exam_plan(self.cat.packs()[pack].id()) {
            Ok(p) => p,
            Err(e) => return self.notify(Notice::failed(Failure::ReadProgress, e)),
        };
        let field = |s: String| {
            let mut t = TextInput::default();
            t.paste(&s);
            t
        };
        let fields = match stored {
            Some(p) => [
                field(p.exam_date.to_string()),
                field(p.minutes_per_day.map_or(String::new(), |m| m.to_string())),
                field(
                    p.target_retention
                        .map_or(String::new(), |t| format!("{:.0}", t * 100.0)),
                ),
            ],
            None => Default::default(),
        };
        self.overlays.push(Overlay::PlanForm(PlanForm {
            pack,
            fields,
            field: 0,
            error: None,
        }));
    }

    pub(super) fn plan_form_action(&mut self, action: Action) {
        let Some(Overlay::PlanForm(form)) = self.overlays.last_mut() else {
            return;
        };
        let input = &mut form.fields[form.field];
        match action {
            Action::Up => form.field = form.field.saturating_sub(1),
            Action::Down => form.field = (form.field + 1).min(form.fields.len() - 1),
            Action::Insert(c) => input.insert(c),
            Action::DeleteBack => input.backspace(),
            Action::ClearInput => input.clear(),
            Action::Back => {
                self.overlays.pop();
            }
            Action::Submit => self.save_plan_form(),
            _ => {}
        }
    }

    fn save_plan_form(&mut self) {
        let Some(Overlay::PlanForm(form)) = self.overlays.last() else {
            return;
        };
        let pack = self.cat.packs()[form.pack].id().to_string();
        let text = |i: usize| form.fields[i].text().trim().to_string();
        let today = self.day.day_number(self.now());
        let parsed = parse_plan(&text(0), &text(1), &text(2), today);
        let result = match parsed {
            Ok(None) => self
                .store
                .clear_exam_plan(&pack)
                .map(|_| "Exam date removed.".to_string()),
            Ok(Some(plan)) => self
                .store
                .set_exam_plan(&pack, &plan)
                .map(|_| format!("Exam date set: {}.", plan.exam_date)),
            Err(message) => {
                if let Some(Overlay::PlanForm(form)) = self.overlays.last_mut() {
                    form.error = Some(message);
                }
                return;
            }
        };
        match result {
            Ok(text) => {
                self.overlays.pop();
                self.refresh_home();
                self.toast = Some(Toast { text, error: false });
            }
            Err(e) => self.notify(Notice::failed(Failure::ChangeCard, e)),
        }
    }

    /// `+` on Home: study more today in the highlighted row's pack.
    pub(super) fn open_study_more(&mut self) {
        if let Some(pack) = self.selected_pack() {
            self.overlays.push(Overlay::StudyMore(StudyMore {
                pack,
                row: 0,
                count: 10,
            }));
        }
    }

    pub(super) fn study_more_action(&mut self, action: Action) {
        let Some(Overlay::StudyMore(more)) = self.overlays.last_mut() else {
            return;
        };
        match action {
            Action::Up => more.row = 0,
            Action::Down => more.row = 1,
            Action::More => more.more(),
            Action::Fewer => more.fewer(),
            Action::Back => {
                self.overlays.pop();
            }
            Action::Submit => {
                let more = more.clone();
                self.overlays.pop();
                self.study_more(&more);
            }
            _ => {}
        }
    }

    fn study_more(&mut self, more: &StudyMore) {
        let pack = self.cat.packs()[more.pack].id().to_string();
        let now = self.now();
        let today = self.day.day_number(now);
        if more.row == 0 {
            if let Err(e) = self.store.add_extra_new_cards(&pack, today, more.count) {
                return self.notify(Notice::failed(Failure::ChangeCard, e));
            }
        } else {
            let keys = match self.weakest_review_cards(more.pack, more.count as usize) {
                Ok(k) => k,
                Err(n) => return self.notify(n),
            };
            if keys.is_empty() {
                self.toast = Some(Toast {
                    text: "No card of this pack is waiting for a later review: nothing to review ahead."
                        .into(),
                    error: false,
                });
                return;
            }
            if let Err(e) = self.store.bring_forward(&pack, &keys, now, None) {
                return self.notify(Notice::failed(Failure::ChangeCard, e));
            }
        }
        self.refresh_home();
        let items = self.cat.items(Node::Pack(more.pack)).to_vec();
        let label = self.cat.packs()[more.pack].manifest.title.clone();
        let day = self.day;
        let (mut env, screen) = self.env();
        match Session::review(&mut env, label, &items, day) {
            Ok(s) => {
                *screen = Screen::Study(Box::new(StudyScreen::new(s, vec![Node::Pack(more.pack)])))
            }
            Err(n) => self.notify(n),
        }
    }

    /// The `n` cards of a pack that are not due yet and are weakest: on the exam day when the
    /// pack has an exam date, else now.
    fn weakest_review_cards(&self, pack: usize, n: usize) -> Result<Vec<ItemKey>, Notice> {
        let p = &self.cat.packs()[pack];
        let now = self.now();
        let plan = self
            .store
            .exam_plan(p.id())
            .map_err(|e| Notice::failed(Failure::ReadProgress, e))?;
        let settings = PlanSettings {
            exam_date: plan.map_or(now.date_naive(), |pl| pl.exam_date),
            minutes_per_day: None,
            target_retention: None,
        };
        let input = PlanInput::read(&self.store, p, settings, now, self.day)
            .map_err(|e| Notice::failed(Failure::ReadProgress, e))?;
        let at = plan.map_or(now, |pl| crate::plan::exam_time(self.day, pl.exam_date));
        let day_end = self.day.day_end(now);
        let cards: Vec<_> = input.items.iter().map(|i| i.card.clone()).collect();
        let weak = weakest_at(&input.settings.scheduler, &cards, at, |c| {
            c.due.is_some_and(|d| d >= day_end)
        });
        Ok(weak
            .into_iter()
            .filter(|(_, i)| !input.items[*i].suspended)
            .take(n)
            .map(|(_, i)| input.keys[i].clone())
            .collect())
    }

    /// The plans of the packs that have an exam date: Home's lines, today's new-card limit
    /// (what the plan needs, plus what was asked for with "study more"), and, in the last
    /// days, the cards brought forward once a day.
    pub(super) fn refresh_plans(&mut self) {
        let now = self.now();
        let today = self.day.day_number(now);
        let mut lines = Vec::new();
        for p in 0..self.cat.packs().len() {
            let pack = self.cat.packs()[p].id().to_string();
            let defaults = self.cat.packs()[p].manifest.options.clone();
            let overrides = self.config.packs.get(&pack).cloned().unwrap_or_default();
            self.store
                .set_pack_layers(&pack, defaults.clone(), overrides.clone());
            let extra = self.store.extra_new_cards(&pack, today).unwrap_or(0);
            let plan = self.store.exam_plan(&pack).ok().flatten();
            let base = self
                .store
                .effective_options(&pack)
                .ok()
                .and_then(|o| o.new_per_day)
                .unwrap_or(crate::srs::queue::DailyLimits::default().new_per_day);
            let mut needed = base;
            if let Some(settings) = plan
                && let Some(computed) = self.pack_plan(p, settings)
            {
                needed = needed.max(computed.new_per_day);
                lines.push(PlanLine {
                    pack: p,
                    text: computed.summary(),
                    on_track: computed.on_track,
                });
            }
            if needed + extra != base {
                let mut overrides = overrides;
                overrides.new_per_day = Some(needed + extra);
                self.store.set_pack_layers(&pack, defaults, overrides);
            }
        }
        self.home.plans = lines;
    }

    /// The plan of pack `p`, computed again only when what it is computed from changed since
    /// the last time: its settings, the study day, the pack's scheduling settings, or any
    /// item's progress (an answer anywhere, cards brought forward). A refresh with none of
    /// them changed costs a few reads instead of the budget search's simulations
    /// (`cargo bench --bench study -- plan`). When it is computed, the cards the plan brings
    /// forward today are brought forward, once a day.
    fn pack_plan(&mut self, p: usize, settings: PlanSettings) -> Option<Plan> {
        let now = self.now();
        let today = self.day.day_number(now);
        let pack = self.cat.packs()[p].id().to_string();
        let inputs = PlanInputs {
            settings,
            day: today,
            scheduling: self.store.pack_settings(&pack).ok()?,
            progress: self.store.change_mark().ok()?,
        };
        if let Some(kept) = self.plans.get(&pack)
            && kept.inputs == inputs
        {
            return Some(kept.plan.clone());
        }
        let input =
            PlanInput::read(&self.store, &self.cat.packs()[p], settings, now, self.day).ok()?;
        let plan = Plan::compute(&input);
        let applied = self.store.ahead_day(&pack).ok().flatten();
        if applied != Some(today) {
            let due_today = self.home.overview.counts(Node::Pack(p)).review as usize;
            let keys: Vec<ItemKey> = Plan::ahead_today(&input, due_today)
                .into_iter()
                .map(|i| input.keys[i].clone())
                .collect();
            if !keys.is_empty()
                && let Err(e) = self.store.bring_forward(&pack, &keys, now, Some(today))
            {
                self.notify(Notice::failed(Failure::ChangeCard, e));
            }
        }
        self.plans.insert(
            pack,
            KeptPlan {
                inputs,
                plan: plan.clone(),
            },
        );
        Some(plan)
    }

    /// Quitting during an exam saves it (it resumes from Home).
    pub(super) fn save_exam_on_quit(&mut self) {
        let Screen::Exam(exam) = std::mem::replace(&mut self.screen, Screen::Home) else {
            return;
        };
        let (mut env, _) = self.env();
        let _ = exam.session.finish(&mut env);
    }
}

/// The plan form's fields as settings: `None` for an empty date (remove the plan), or what
/// is wrong.
fn parse_plan(
    date: &str,
    minutes: &str,
    target: &str,
    today: i64,
) -> Result<Option<PlanSettings>, String> {
    if date.is_empty() {
        return Ok(None);
    }
    let exam_date = date
        .parse::<chrono::NaiveDate>()
        .map_err(|_| format!("`{date}` is not a date: write it as YYYY-MM-DD"))?;
    if day_number_of(exam_date) < today {
        return Err(format!(
            "{exam_date} is in the past: give today or a later day"
        ));
    }
    let minutes_per_day = match minutes {
        "" | "0" => None,
        m => Some(
            m.parse::<u32>()
                .ok()
                .filter(|m| (1..=1440).contains(m))
                .ok_or_else(|| format!("`{m}` minutes: give a whole number from 1 to 1440"))?,
        ),
    };
    let target_retention = match target {
        "" => None,
        t => {
            let v: f64 = t
                .trim_end_matches('%')
                .trim()
                .parse()
                .map_err(|_| format!("`{t}` is not a share: give 50 to 99 (percent)"))?;
            let v = if v > 1.0 { v / 100.0 } else { v };
            if !(0.5..=0.99).contains(&v) {
                return Err(format!("`{t}`: give a target from 50 to 99 %"));
            }
            Some(v)
        }
    };
    Ok(Some(PlanSettings {
        exam_date,
        minutes_per_day,
        target_retention,
    }))
}

#[cfg(test)]
mod tests {
    use super::parse_plan;
    use crate::plan::day_number_of;

    #[test]
    fn the_form_is_read_and_checked() {
        let today = day_number_of("2026-12-06".parse().unwrap());
        let p = parse_plan("2027-01-15", "30", "92", today)
            .unwrap()
            .unwrap();
        assert_eq!(
            (p.minutes_per_day, p.target_retention),
            (Some(30), Some(0.92))
        );
        assert_eq!(parse_plan("", "", "", today), Ok(None));
        let p = parse_plan("2026-12-06", "", "0.9", today).unwrap().unwrap();
        assert_eq!((p.minutes_per_day, p.target_retention), (None, Some(0.9)));
        assert!(
            parse_plan("2026-12-05", "", "", today)
                .unwrap_err()
                .contains("past")
        );
        assert!(parse_plan("15/01/2027", "", "", today).is_err());
        assert!(parse_plan("2027-01-15", "2000", "", today).is_err());
        assert!(parse_plan("2027-01-15", "", "100", today).is_err());
    }
}
