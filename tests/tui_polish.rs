//! Issue 16, every screen right at every size: the list on Home scrolls with marks, scroll
//! marks sit on borders (never over text), diagrams show where they are cut and always keep
//! the zoom key in their title.

mod support;

use deckhand::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use support::*;

/// The rows of the screen at `w`×`h`.
fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    screen(app, w, h)
        .lines()
        .map(|l| l.trim_matches('"').to_string())
        .collect()
}

#[test]
fn home_marks_the_rows_below_and_above_and_keeps_the_selection_in_view() {
    let (mut app, _) = app_of(library(), Vec::new());
    let screen = rows(&app, 80, 24);
    let bottom = screen
        .iter()
        .position(|r| r.starts_with('└'))
        .expect("the tree's bottom border");
    assert!(
        screen[bottom].contains("more"),
        "no mark of the rows below: {screen:#?}"
    );
    // The README shows this screen.
    insta::assert_snapshot!("home_builtin_80x24", support::screen(&app, 80, 24));
    // The last row: selected, in view, and a mark of the rows above.
    press(&mut app, KeyCode::End);
    let screen = rows(&app, 80, 24);
    assert!(
        screen
            .iter()
            .any(|r| r.contains('▶') && r.contains("Predict the simulator")),
        "the selected last row is not shown: {screen:#?}"
    );
    assert!(
        screen[1].contains("more"),
        "no mark of the rows above: {screen:#?}"
    );
}

/// Marks of more text above or below sit on a border row, never inside the text.
#[test]
fn scroll_marks_sit_on_the_border() {
    // The longest multiple-response card, answered: its explanations run past 80×24.
    let mut app = card_app_answered("ecr-cross-account-pull-multi");
    let screen = rows(&app, 80, 24);
    let marked: Vec<&String> = screen.iter().filter(|r| r.contains(" more ")).collect();
    assert!(!marked.is_empty(), "no scroll mark: {screen:#?}");
    for r in marked {
        assert!(
            r.starts_with('└') || r.starts_with('┌'),
            "a scroll mark inside the text: {r:?}"
        );
    }
    press(&mut app, KeyCode::Down);
    let screen = rows(&app, 80, 24);
    assert!(
        screen[2].starts_with('┌') && screen[2].contains("↑ more"),
        "{screen:#?}"
    );
}

/// An answered card scrolled past its end: one Up moves it again, by one row.
#[test]
fn the_answered_card_stops_at_its_end() {
    let mut app = card_app_answered("ecr-cross-account-pull-multi");
    support::scroll::one_up_after_the_end_moves(&mut app, 50, "answered card");
}

/// The diagram under an answered card scrolled past its end: one PageUp moves it again, by
/// the diagram's step of three rows.
#[test]
fn the_cards_diagram_stops_at_its_end() {
    let mut app = card_app_answered("sas-tt-vs-step-scenario");
    support::scroll::one_back_after_the_end_moves(
        &mut app,
        (KeyCode::PageDown, KeyCode::PageUp),
        3,
        50,
        "card's diagram",
    );
}

/// A diagram wider than its pane shows `…` where rows are cut, and the zoom key stays in
/// the title however long the title is. At 70×30 the diagram goes under the card, cut to
/// its width.
#[test]
fn cropped_diagrams_are_marked_and_keep_the_zoom_key() {
    let app = card_app_answered("choose-express-mode-name");
    let screen = rows(&app, 70, 30);
    let pane = screen
        .iter()
        .rposition(|r| r.starts_with('┌'))
        .expect("the diagram pane");
    let top = &screen[pane];
    assert!(top.contains("z full screen"), "{top}");
    let cut = screen[pane + 1..]
        .iter()
        .take_while(|r| !r.starts_with('└'))
        .filter(|r| r.trim_end_matches('│').ends_with('…'))
        .count();
    assert!(
        cut > 0,
        "no row of the diagram is marked as cut: {screen:#?}"
    );
    // At 120 columns it does not fit beside the card: it goes under it, whole.
    let screen = rows(&app, 120, 36);
    assert!(!screen.iter().any(|r| r.contains('…')), "{screen:#?}");
}

/// The light theme paints its own background under every cell, so it reads the same on a
/// dark terminal as on a light one: no cell is left to the terminal's background.
#[test]
fn the_light_theme_paints_every_cell() {
    use deckhand::config::ThemeName;
    use ratatui::style::Color;
    let light = || app().0;
    let mut screens = Vec::new();
    screens.push(("home", light()));
    let mut card = light();
    press(&mut card, KeyCode::Enter);
    ch(&mut card, ' ');
    screens.push(("answered card", card));
    let mut help = light();
    ch(&mut help, '?');
    screens.push(("help", help));
    let mut setup = light();
    ch(&mut setup, 'c');
    screens.push(("quiz set-up", setup));
    let mut visual = light();
    ch(&mut visual, 'v');
    screens.push(("visualiser", visual));
    for (name, mut app) in screens {
        app.theme = deckhand::tui::theme::Theme::new(ThemeName::Light, true);
        for (w, h) in [(80, 24), (160, 48)] {
            let buf = buffer(&app, w, h);
            let bare: Vec<ratatui::layout::Position> = buf
                .area
                .positions()
                .filter(|p| buf[*p].bg == Color::Reset)
                .collect();
            assert!(
                bare.is_empty(),
                "{name} at {w}x{h}: {} cells on the terminal's background, first at {:?}",
                bare.len(),
                bare[0]
            );
        }
    }
}

/// Starts a quiz over the test pack's "Exam questions" topic (a choice and a
/// multiple-response question).
fn exam_quiz() -> App {
    let (mut app, _) = app();
    app.home.selected = 2;
    ch(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    app
}

/// In a quiz an option question needs no grade: the row under it says Enter goes on, and
/// Enter does; a flashcard asks whether you knew it.
#[test]
fn a_quiz_asks_no_grade_after_an_option_question_and_knew_it_for_a_flashcard() {
    let mut app = exam_quiz();
    let l = right_letters(&app);
    for c in l {
        ch(&mut app, c);
    }
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 80, 24);
    assert!(
        !text.contains("Again") && !text.contains("schedule alone"),
        "a grade row after a quiz question: {text}"
    );
    assert!(text.contains("Enter next question"), "{text}");
    let first = shown(&app);
    press(&mut app, KeyCode::Enter);
    assert_ne!(shown(&app), first, "Enter goes on");

    // A flashcard in a quiz: "Did you know it?", y or n; Enter alone only asks.
    let (mut app, _) = support::app();
    app.home.selected = 1; // ECS basics: flashcards and cloze
    ch(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    while app
        .current()
        .is_some_and(|c| !matches!(c.shown, deckhand::quiz::Shown::Flash { .. }))
    {
        answer_right(&mut app, '3');
    }
    ch(&mut app, ' ');
    let text = screen(&app, 80, 24);
    assert!(text.contains("Did you know it?"), "{text}");
    assert!(
        text.contains("y knew it") && text.contains("n didn't"),
        "{text}"
    );
    let item = shown(&app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(shown(&app), item, "Enter does not say whether you knew it");
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("Did you know it?")),
        "{:?}",
        app.toast
    );
    ch(&mut app, 'n');
    assert_ne!(shown(&app), item);
    insta::assert_snapshot!("quiz_option_answered_80x24", {
        let mut app = exam_quiz();
        let l = wrong_letters(&app)[0];
        ch(&mut app, l);
        if app.current().is_some_and(|c| c.choose_count() > 1) {
            let l = wrong_letters(&app)[1];
            ch(&mut app, l);
        }
        press(&mut app, KeyCode::Enter);
        screen(&app, 80, 24)
    });
}

/// The set-up remembers the last count and kinds (in the store, so across runs), shows how
/// many questions match, and takes all of them.
#[test]
fn the_quiz_set_up_remembers_and_counts_what_matches() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("progress.sqlite3");
    let open = || {
        app_with(
            deckhand::store::Store::open(&path).expect("store"),
            deckhand::config::Config::default(),
        )
        .0
    };
    let mut app = open();
    ch(&mut app, 'c');
    let text = screen(&app, 80, 24);
    assert!(text.contains("all 8"), "the count of what matches: {text}");
    // Leave out flashcards and cloze: 4 match.
    for _ in 0..2 {
        press(&mut app, KeyCode::Down);
        ch(&mut app, ' ');
    }
    let text = screen(&app, 80, 24);
    assert!(text.contains("all 4"), "{text}");
    ch(&mut app, '-');
    assert!(screen(&app, 80, 24).contains("◂   3 ▸ of 4"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.current().map(|_| ()), Some(()));
    drop(app);

    let mut app = open();
    ch(&mut app, 'c');
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("◂   3 ▸ of 4"),
        "the count is remembered: {text}"
    );
    assert!(
        text.contains("[ ] flashcards") && text.contains("[ ] cloze"),
        "{text}"
    );
    assert!(text.contains("[x] multiple choice"), "{text}");
    // `a`: all of them.
    ch(&mut app, 'a');
    assert!(screen(&app, 80, 24).contains("all 4"));
    insta::assert_snapshot!("quiz_setup_remembered_80x24", screen(&app, 80, 24));
}

/// A quiz ended early says after how many of how many; its answers can be gone through.
#[test]
fn a_quiz_stopped_early_says_so_and_lists_every_answer() {
    let (mut app, _) = app();
    ch(&mut app, 'c');
    press(&mut app, KeyCode::Enter);
    answer_right(&mut app, '3');
    answer_wrong(&mut app);
    if app.current().is_some_and(|c| c.outcome().is_none()) {
        ch(&mut app, 'n');
    } else {
        press(&mut app, KeyCode::Enter);
    }
    ch(&mut app, 'q');
    let text = screen(&app, 80, 24);
    assert!(text.contains("stopped after 2 of 8"), "{text}");
    ch(&mut app, 'a');
    let text = screen(&app, 80, 24);
    assert!(text.contains("1/2") && text.contains("2/2"), "{text}");
    assert!(text.contains("✓") && text.contains("✗"), "{text}");
    insta::assert_snapshot!("quiz_answers_80x24", text);
    insta::assert_snapshot!("quiz_answers_160x48", screen(&app, 160, 48));
    // Esc goes back to the summary, Esc again home.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, deckhand::tui::app::Screen::Summary(_)));
}

/// A pack of one card with these references, answered.
fn refs_app(refs: &str) -> App {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("refs.toml");
    std::fs::write(
        &pack,
        format!(
            "[pack]\nid = \"refs\"\ntitle = \"Refs\"\nversion = \"1\"\n[[topics]]\nid = \"t\"\ntitle = \"T\"\n\
             [[cards]]\nid = \"c\"\nkind = \"basic\"\ntopic = \"t\"\nfront = \"Q?\"\nback = \"A.\"\n\
             explain = \"Because.\"\nrefs = [{refs}]\n"
        ),
    )
    .expect("write");
    let (mut app, _) = app_over(
        &pack,
        deckhand::store::Store::open_in_memory().expect("store"),
        deckhand::config::Config::default(),
    );
    press(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    app
}

/// References show on the answered card, as OSC 8 links when the terminal takes them (each
/// cell carries the link around its own character), as plain text otherwise; pack text never
/// puts an escape sequence of its own on the screen.
#[test]
fn references_are_links_where_the_terminal_shows_them() {
    let url = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html";
    let mut app = refs_app(&format!(
        "\"{url}\", \"https://example.com/\\u001b]8;;https://evil\\u0007x\""
    ));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Docs") && text.contains("Welcome.html"),
        "{text}"
    );
    let escapes = |app: &App| {
        let buf = buffer(app, 80, 24);
        buf.content()
            .iter()
            .filter(|c| c.symbol().contains('\x1b'))
            .map(|c| c.symbol().to_string())
            .collect::<Vec<_>>()
    };
    assert!(escapes(&app).is_empty(), "links are off: plain text");
    app.links = true;
    let linked = escapes(&app);
    assert!(!linked.is_empty(), "no link drawn");
    for s in &linked {
        assert!(
            s.starts_with("\x1b]8;id=") && s.contains(&format!(";{url}\x1b\\")),
            "a cell with another escape: {s:?}"
        );
        assert!(!s.contains("evil"), "{s:?}");
    }
    // Every character of the URL is linked, one cell each.
    assert_eq!(linked.len(), url.chars().count());
}

/// `o` opens the first reference in the browser, and says so; a card without one, or with
/// one that is not a web link, says why nothing opens.
#[test]
fn o_opens_the_first_reference() {
    let mut app = refs_app("\"https://example.com/a\", \"https://example.com/b\"");
    ch(&mut app, 'o');
    assert_eq!(app.opened, vec!["https://example.com/a".to_string()]);
    let toast = app.toast.clone().expect("a message");
    assert!(
        toast.text.contains("Opening https://example.com/a"),
        "{toast:?}"
    );
    let mut app = refs_app("\"https://example.com/\\u001b]8;;https://evil\\u0007x\"");
    ch(&mut app, 'o');
    assert!(app.opened.is_empty());
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.error && t.text.contains("not a plain web address")),
        "{:?}",
        app.toast
    );
    let mut app = refs_app("");
    ch(&mut app, 'o');
    assert!(
        app.toast
            .as_ref()
            .is_some_and(|t| t.text.contains("no documentation"))
    );
}

fn click(app: &mut App, x: u16, y: u16) {
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
}

/// Draw at 80×24 and find `text` on screen: its column and row.
fn find(app: &App, text: &str) -> (u16, u16) {
    let rows = rows(app, 80, 24);
    for (y, r) in rows.iter().enumerate() {
        if let Some(i) = r.find(text) {
            return (r[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen: {rows:#?}")
}

/// Clicks do what keys do: a Home row (a double click opens it), an option, the submit hint
/// in the footer, a grade button, a visualiser tab, a quiz set-up kind; the wheel scrolls
/// lists and long cards.
#[test]
fn the_mouse_clicks_and_scrolls() {
    let (mut app, clock) = app();
    let (x, y) = find(&app, "Exam questions");
    click(&mut app, x, y);
    assert_eq!(app.home.selected, 2);
    let (x, y) = find(&app, "ECS basics");
    wheel(&mut app, x, y, true);
    assert_eq!(app.home.selected, 1, "the wheel moves the selection");
    // A double click opens the row: a review of its cards.
    let (x, y) = find(&app, "Exam questions");
    click(&mut app, x, y);
    clock.advance(chrono::TimeDelta::milliseconds(150));
    click(&mut app, x, y);
    assert!(matches!(app.screen, deckhand::tui::app::Screen::Study(_)));

    let mut app = review_at("lb-choice");
    let right = right_letters(&app)[0];
    let option = match app.current().map(|c| &c.shown) {
        Some(deckhand::quiz::Shown::Options { options, .. }) => {
            options[(right as u8 - b'a') as usize].text.clone()
        }
        _ => panic!("options"),
    };
    let (x, y) = find(&app, &option);
    click(&mut app, x, y);
    assert_eq!(
        app.current().map(|c| c.chosen.clone()),
        Some(vec![(right as u8 - b'a') as usize])
    );
    let (x, y) = find(&app, "Enter submit");
    click(&mut app, x, y);
    assert!(
        app.current()
            .is_some_and(|c| c.phase == deckhand::study::Phase::Answered)
    );
    let (x, y) = find(&app, "4 Easy");
    click(&mut app, x, y);
    assert_ne!(
        shown(&app).as_deref(),
        Some("lb-choice"),
        "the grade button graded"
    );

    // The wheel scrolls a long answered card.
    let mut app = card_app_answered("ecr-cross-account-pull-multi");
    let (x, y) = find(&app, "Wrong");
    wheel(&mut app, x, y, false);
    wheel(&mut app, x, y, false);
    match &app.screen {
        deckhand::tui::app::Screen::Study(s) => assert_eq!(s.scroll.at(), 2),
        _ => panic!("card"),
    }

    let (mut app, _) = support::app();
    ch(&mut app, 'v');
    let (x, y) = find(&app, "2 scaling");
    click(&mut app, x + 2, y);
    match &app.screen {
        deckhand::tui::app::Screen::Visual { visual, .. } => {
            assert_eq!(visual.tab, deckhand::tui::screens::visual::Tab::Scaling)
        }
        _ => panic!("visualiser"),
    }

    let (mut app, _) = support::app();
    ch(&mut app, 'c');
    let (x, y) = find(&app, "[x] cloze");
    click(&mut app, x, y);
    assert!(screen(&app, 80, 24).contains("[ ] cloze"));
}

/// A window (help, a dialog) dims the screen behind it in the colour themes, not the window
/// itself, the header or the footer; the mono theme (NO_COLOR) leaves the screen as it is.
#[test]
fn a_window_dims_the_screen_behind_it_in_colour() {
    use deckhand::config::ThemeName;
    use ratatui::layout::Position;
    use ratatui::style::Modifier;
    let dim = |buf: &ratatui::buffer::Buffer, x: u16, y: u16| {
        buf[Position::new(x, y)].modifier.contains(Modifier::DIM)
    };
    for open in ['?', 'c'] {
        for theme in [ThemeName::Dark, ThemeName::Light, ThemeName::Mono] {
            let (mut app, _) = app();
            app.theme = deckhand::tui::theme::Theme::new(theme, theme != ThemeName::Mono);
            let before = buffer(&app, 80, 24);
            assert!(!dim(&before, 1, 1), "Home alone is not dimmed");
            ch(&mut app, open);
            let buf = buffer(&app, 80, 24);
            // The top-left of the body is behind the window; the centre is the window.
            assert_eq!(
                dim(&buf, 0, 1),
                theme != ThemeName::Mono,
                "{open} in {theme:?}: the screen behind the window"
            );
            assert!(
                !dim(&buf, 40, 12),
                "{open} in {theme:?}: the window is not dimmed"
            );
            assert!(
                !dim(&buf, 1, 23),
                "{open} in {theme:?}: the footer is not dimmed"
            );
        }
    }
}
