//! Screen snapshots (insta over ratatui's TestBackend) at 80×24 and at the minimum size
//! 60×18, with a fixed clock and seed: every screen and every card kind, before and after
//! answering, plus the "too small" notice. And no size from 1×1 to 120×40 panics.

mod support;

use deckhand::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use support::*;

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_60x18"), screen(app, 60, 18));
}

#[test]
fn home() {
    let (app, _) = app();
    snap("home", &app);
}

#[test]
fn basic_card_with_diagram() {
    let mut app = review_at("agent");
    snap("basic_question", &app);
    ch(&mut app, ' ');
    snap("basic_answered", &app);
}

#[test]
fn cloze_card() {
    let mut app = review_at("fargate-cloze:c1");
    snap("cloze_question", &app);
    ch(&mut app, ' ');
    snap("cloze_answered", &app);
}

#[test]
fn typed_card() {
    let mut app = review_at("awslogs");
    app.type_text("awsl");
    snap("typed_question", &app);
    app.type_text("gs");
    press(&mut app, KeyCode::Enter);
    snap("typed_almost", &app);
}

#[test]
fn true_false_card() {
    let mut app = review_at("s3-mount");
    snap("truefalse_question", &app);
    ch(&mut app, 't');
    snap("truefalse_wrong", &app);
}

#[test]
fn choice_card() {
    let mut app = review_at("lb-choice");
    snap("choice_question", &app);
    let l = wrong_letters(&app)[0];
    ch(&mut app, l);
    press(&mut app, KeyCode::Enter);
    snap("choice_wrong", &app);
}

#[test]
fn multi_card() {
    let mut app = review_at("storage-multi");
    let l = right_letters(&app)[0];
    ch(&mut app, l);
    snap("multi_question", &app);
    let l = wrong_letters(&app)[0];
    ch(&mut app, l);
    press(&mut app, KeyCode::Enter);
    snap("multi_partly_right", &app);
}

#[test]
fn overlays() {
    let mut app = review_at("agent");
    ch(&mut app, '?');
    snap("help_on_a_card", &app);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'z');
    snap("diagram_zoomed", &app);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'e');
    snap("card_source", &app);
}

#[test]
fn quiz_setup_and_summary() {
    let (mut app, _) = app();
    ch(&mut app, 'c');
    snap("quiz_setup", &app);
    // All 8 questions that match, then 5.
    ch(&mut app, '-');
    press(&mut app, KeyCode::Enter);
    snap("quiz_question", &app);
    // Miss every question.
    let mut guard = 0;
    while let Some(card) = app.current() {
        match &card.shown {
            deckhand::quiz::Shown::Options { choose, .. } => {
                let choose = *choose;
                for l in wrong_letters(&app).into_iter().take(choose) {
                    ch(&mut app, l);
                }
                press(&mut app, KeyCode::Enter);
            }
            deckhand::quiz::Shown::Typed { .. } => {
                app.type_text("nope");
                press(&mut app, KeyCode::Enter);
            }
            deckhand::quiz::Shown::TrueFalse { .. } => ch(&mut app, 't'),
            _ => ch(&mut app, ' '),
        }
        // A quiz takes no grade: Enter goes on; a flashcard asks whether you knew it.
        if app.current().is_some_and(|c| c.outcome().is_none()) {
            ch(&mut app, 'n');
        } else {
            press(&mut app, KeyCode::Enter);
        }
        guard += 1;
        assert!(guard < 20, "the quiz does not end");
    }
    snap("quiz_summary", &app);
}

#[test]
fn review_summary() {
    let (mut app, _) = app();
    press(&mut app, KeyCode::Enter);
    ch(&mut app, ' ');
    ch(&mut app, '3');
    ch(&mut app, 'q');
    snap("review_summary", &app);
}

#[test]
fn too_small() {
    let (app, _) = app();
    insta::assert_snapshot!("too_small_59x17", screen(&app, 59, 17));
    insta::assert_snapshot!("too_small_30x5", screen(&app, 30, 5));
}

#[test]
fn every_size_renders_without_panic() {
    let mut apps = vec![app().0, review_at("lb-choice"), review_at("agent")];
    let mut answered = review_at("storage-multi");
    ch(&mut answered, 'a');
    ch(&mut answered, 'b');
    press(&mut answered, KeyCode::Enter);
    apps.push(answered);
    let mut help = review_at("awslogs");
    press(&mut help, KeyCode::Esc);
    ch(&mut help, '?');
    apps.push(help);
    for app in &apps {
        for w in 1..=120 {
            for h in 1..=40 {
                screen(app, w, h);
            }
        }
    }
}

#[test]
fn wide_characters_align() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = dir.path().join("wide.toml");
    std::fs::write(
        &pack,
        "[pack]\nid = \"wide\"\ntitle = \"Wide 容器 🚢\"\nversion = \"1\"\n[[topics]]\nid = \"t\"\ntitle = \"コンテナ topic\"\n\
         [[cards]]\nid = \"w\"\nkind = \"choice\"\ntopic = \"t\"\nquestion = \"哪个服务运行容器？ Which service runs 容器 without servers? 🚢🚢\"\n\
         answer = \"A\"\noptions = [\n  { text = \"Fargate 无服务器 ✅\", why = \"正确: serverless\" },\n  { text = \"EC2 实例 🖥️\", why = \"你管理实例\" },\n\
         { text = \"Lambda λ\", why = \"不运行 ECS 任务\" },\n]\nexplain = \"Fargate 是无服务器的。\"\n",
    )
    .expect("write");
    let library = deckhand::content::load_path(&pack);
    assert_eq!(
        library.report.errors(),
        0,
        "{:?}",
        library.report.diagnostics
    );
    let clock = std::rc::Rc::new(deckhand::study::FixedClock::new(t0()));
    let mut app = App::new(deckhand::tui::app::AppInit {
        library,
        store: deckhand::store::Store::open_in_memory().expect("store"),
        config: Default::default(),
        clock: Box::new(clock),
        seed: 7,
        utc_offset: 0,
        color: false,
        problems: Vec::new(),
    });
    press(&mut app, KeyCode::Enter);
    snap("wide_characters_question", &app);
    ch(&mut app, 'a');
    press(&mut app, KeyCode::Enter);
    snap("wide_characters_answered", &app);
}
