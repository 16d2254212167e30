//! Issue 16, what the walk through every screen at 80×24 and 160×48 found: a plan's verdict
//! cut on Home, the topics of the statistics cut (and Up and Down doing nothing there), the
//! exam's question map hiding questions without a mark, the answers list offering a key
//! that does nothing there, and the exam report cutting domain names on a wide screen.

mod support;

use chrono::TimeDelta;
use deckhand::quiz::Shown;
use deckhand::tui::app::{App, Screen};
use ratatui::crossterm::event::KeyCode;
use support::*;

/// The rows of the screen at `w`×`h`.
fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    screen(app, w, h)
        .lines()
        .map(|l| l.trim_matches('"').to_string())
        .collect()
}

/// The rows of the panel whose top border starts with `┌ {title}`, borders included.
fn panel(screen: &[String], title: &str) -> Vec<String> {
    let top = screen
        .iter()
        .position(|r| r.contains(&format!("┌ {title}")))
        .unwrap_or_else(|| panic!("no panel {title}: {screen:#?}"));
    let bottom = screen[top..]
        .iter()
        .position(|r| r.starts_with('└'))
        .map_or(screen.len(), |b| top + b + 1);
    screen[top..bottom].to_vec()
}

/// The words of `text`, blanks and borders dropped.
fn words(text: &str) -> String {
    text.replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plan's verdict on Home ("behind: needs 40 new a day (budget allows 5)") is longer
/// than a row at 80 columns: it wraps, whole, instead of stopping at the border.
#[test]
fn a_plans_verdict_on_home_is_never_cut() {
    let (mut app, _) = app_of(library(), Vec::new());
    ch(&mut app, 'd');
    app.type_text("2026-11-28");
    press(&mut app, KeyCode::Tab);
    app.type_text("5");
    press(&mut app, KeyCode::Enter);
    let verdict = app.home.plans.first().expect("a plan").text.clone();
    assert!(verdict.contains("behind"), "{verdict}");
    for (w, h) in [(60, 18), (80, 24), (160, 48)] {
        let screen = rows(&app, w, h);
        let today = words(&panel(&screen, "Today").join(" "));
        assert!(
            today.contains(&words(&verdict)),
            "at {w}x{h} the verdict {verdict:?} is not all there: {screen:#?}"
        );
    }
}

/// The built-in pack's statistics on their topics page.
fn topics_of_the_statistics() -> App {
    let (mut app, _) = app_of(library(), Vec::new());
    ch(&mut app, 's');
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    app
}

/// The statistics' topics list at 80×24 shows a mark of the topics below; Down scrolls it
/// (it did nothing), and a mark of the topics above appears; the last topic can be reached.
#[test]
fn the_topics_of_the_statistics_scroll_with_marks() {
    let mut app = topics_of_the_statistics();
    let screen = rows(&app, 80, 24);
    let list = panel(&screen, "Mastery by topic");
    assert!(
        list.last().is_some_and(|r| r.contains("↓ more")),
        "no mark of the topics below: {list:#?}"
    );
    let first_topic = list[2].clone();
    press(&mut app, KeyCode::Down);
    let list = panel(&rows(&app, 80, 24), "Mastery by topic");
    assert_ne!(list[2], first_topic, "Down did not scroll: {list:#?}");
    assert!(list[0].contains("↑ more"), "no mark above: {list:#?}");
    for _ in 0..100 {
        press(&mut app, KeyCode::Down);
    }
    let list = panel(&rows(&app, 80, 24), "Mastery by topic");
    assert!(
        list.iter()
            .any(|r| r.contains("Choosing a container service")),
        "the last topic is never shown: {list:#?}"
    );
    assert!(!list.last().unwrap().contains("more"), "{list:#?}");
    // One Up after scrolling past the end moves at once.
    press(&mut app, KeyCode::Up);
    let list = panel(&rows(&app, 80, 24), "Mastery by topic");
    assert!(list.last().unwrap().contains("↓ more"), "{list:#?}");
}

/// Scrolled to the end at 80×24, then drawn taller (fewer topics left out): one Up moves the
/// list at once, from the end the taller window shows.
#[test]
fn the_topics_of_the_statistics_move_at_once_after_a_resize() {
    let mut app = topics_of_the_statistics();
    rows(&app, 80, 24);
    for _ in 0..100 {
        press(&mut app, KeyCode::Down);
    }
    rows(&app, 80, 24);
    let end = panel(&rows(&app, 80, 30), "Mastery by topic");
    assert!(
        end[0].contains("↑ more"),
        "nothing left out at 80x30: {end:#?}"
    );
    press(&mut app, KeyCode::Up);
    let up = panel(&rows(&app, 80, 30), "Mastery by topic");
    assert_eq!(
        up[3], end[2],
        "one Up after a resize did not move the topics by one row: {up:#?}"
    );
}

/// The full mock exam (65 questions): its question map at 80×24 marks the questions above
/// and below the window, and so does the strip of questions under a question at 60×18.
#[test]
fn the_exam_map_marks_the_questions_it_leaves_out() {
    let (mut app, _) = app_of(library(), Vec::new());
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Exam(_)));
    let screen = rows(&app, 60, 18);
    let strip = panel(&screen, "Questions");
    assert!(
        strip.last().is_some_and(|r| r.contains("more")),
        "the strip hides questions without a mark: {screen:#?}"
    );
    ch(&mut app, 'm');
    for _ in 0..30 {
        press(&mut app, KeyCode::Down);
    }
    let screen = rows(&app, 80, 24);
    let map = panel(&screen, "Question map");
    assert!(
        map[0].contains("↑ more"),
        "no mark of the questions above: {map:#?}"
    );
    assert!(
        map.last().is_some_and(|r| r.contains("↓ more")),
        "no mark of the questions below: {map:#?}"
    );
    // At 160×48 the list beside the question marks the questions below it.
    press(&mut app, KeyCode::Enter);
    let screen = rows(&app, 160, 48);
    let list = panel(&screen, "Question map");
    assert!(list.last().is_some_and(|r| r.contains("more")), "{list:#?}");
}

/// The list of every answer after a quiz shows the references but opens none: it does not
/// say that `o` opens them (it does nothing there).
#[test]
fn the_answers_list_promises_no_key_it_lacks() {
    let (mut app, _) = app_of(library(), Vec::new());
    ch(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    for _ in 0..20 {
        answer_wrong(&mut app);
        let flash = app
            .current()
            .is_some_and(|c| matches!(c.shown, Shown::Flash { .. } | Shown::Cloze { .. }));
        if flash {
            ch(&mut app, 'n');
        } else {
            press(&mut app, KeyCode::Enter);
        }
    }
    ch(&mut app, 'a');
    assert!(
        matches!(app.screen, Screen::Answers(_)),
        "{}",
        screen(&app, 80, 24)
    );
    let mut docs = 0;
    for _ in 0..40 {
        let text = screen(&app, 160, 48);
        docs += text.matches("Docs ").count();
        assert!(
            !text.contains("opens the first in your browser"),
            "the answers list offers a key that does nothing: {text}"
        );
        press(&mut app, KeyCode::PageDown);
    }
    assert!(docs > 0, "no references in the answers list");
}

/// The exam report at 160×48 names every domain in full (they were cut at 44 columns
/// whatever the width).
#[test]
fn the_exam_report_names_domains_in_full_when_there_is_room() {
    let (mut app, clock) = app_of(library(), Vec::new());
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for i in 0..20 {
        clock.advance(TimeDelta::seconds(30));
        answer_exam_question(&mut app, i % 2 == 0);
        ch(&mut app, 'n');
    }
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    let Screen::ExamReport(report) = &app.screen else {
        panic!("no report: {}", screen(&app, 80, 24));
    };
    let pack = &app.cat.packs()[report.pack];
    let names: Vec<String> = report
        .report
        .domains
        .iter()
        .map(|d| deckhand::tui::screens::exam_report::domain_title(pack, &d.domain))
        .collect();
    // The domain rows: a name, then its bar.
    let screen = rows(&app, 160, 48);
    for name in names {
        assert!(
            screen
                .iter()
                .any(|r| r.contains(&name) && (r.contains('█') || r.contains('░'))),
            "{name:?} is cut: {screen:#?}"
        );
    }
}

/// The diagrams' boxes close: a vertical line `│` continues a line or a corner above or
/// below it (a line drawn one column off shows as a broken box at every size; the ECS
/// components diagram had one).
#[test]
fn every_vertical_line_of_a_diagram_joins_another() {
    let up = "│┌┐├┤┬┼▲^|┃║╔╗╠╣╦╬";
    let down = "│└┘├┤┴┼▼v|┃║╚╝╠╣╩╬";
    let mut broken = Vec::new();
    for pack in &library().packs {
        for d in &pack.diagrams {
            let rows: Vec<Vec<char>> = d.art.lines().map(|r| r.chars().collect()).collect();
            let at = |y: usize, x: usize| rows.get(y).and_then(|r| r.get(x)).copied();
            for (y, row) in rows.iter().enumerate() {
                for (x, &c) in row.iter().enumerate() {
                    let above = y.checked_sub(1).and_then(|y| at(y, x));
                    let below = at(y + 1, x);
                    if c == '│'
                        && !above.is_some_and(|a| up.contains(a))
                        && !below.is_some_and(|b| down.contains(b))
                    {
                        broken.push(format!(
                            "{} row {y} column {x}: {:?}",
                            d.id,
                            d.art.lines().nth(y).unwrap_or_default()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "lines that join nothing:\n{}",
        broken.join("\n")
    );
}

/// The card browser's list marks the cards below and above the rows it shows (672 cards,
/// 7 rows at 80x24: the title's count was the only sign).
#[test]
fn the_card_browsers_list_marks_the_cards_it_leaves_out() {
    let (mut app, _) = app_of(library(), Vec::new());
    ch(&mut app, '/');
    press(&mut app, KeyCode::Enter);
    let screen = rows(&app, 80, 24);
    let list = panel(&screen, "Cards");
    assert!(
        list.last().is_some_and(|r| r.contains("↓ more")),
        "no mark of the cards below: {list:#?}"
    );
    assert!(!list[0].contains("more"), "{list:#?}");
    press(&mut app, KeyCode::End);
    let list = panel(&rows(&app, 80, 24), "Cards");
    assert!(
        list[0].contains("↑ more"),
        "no mark of the cards above: {list:#?}"
    );
    assert!(!list.last().unwrap().contains("more"), "{list:#?}");
}
