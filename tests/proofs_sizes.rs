//! Every screen at every size, and resize storms (issue 14 §3).
//!
//! - Every screen (Home, each card kind before and after answering with its help, source and
//!   zoomed diagram, typing, quiz set-up, question and summary, review summary, problems,
//!   study more, the plan form, the visualiser's tabs, the exam chooser, an exam and its map
//!   and submit question, the exam report, every statistics page, the update notice) is drawn
//!   at every size from 1×1 to 40×20, every size from 58×16 to 84×26 and on a grid up to
//!   400×120 in `cargo test`; the full
//!   sweep of every size from 1×1 to 400×120:
//!   `DECKHAND_PROOF_SIZES=full cargo test --profile bench --test proofs_sizes every -- --nocapture`.
//!   Each draw must not panic, and must fill exactly the terminal it was given.
//! - A resize storm through the app: thousands of seeded random sizes (0×0 included), each
//!   followed by a draw, with random keys between them, over every screen the keys reach.
//! - A resize storm on the real binary in a pseudo-terminal: SIGWINCH after SIGWINCH with
//!   keys in between; the trainer keeps drawing, quits cleanly and restores the terminal.

#[path = "../benches/support/pty.rs"]
mod pty;
mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use deckhand::config::Config;
use deckhand::content::{self, CardKind};
use deckhand::quiz::Shown;
use deckhand::store::Store;
use deckhand::tui::app::App;
use deckhand::tui::ui;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::*;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Home over the built-in pack (and the simulator's), after these keys.
fn keyed(keys: &str) -> App {
    let (mut app, _) = app_of(library(), Vec::new());
    for c in keys.chars() {
        ch(&mut app, c);
    }
    app
}

/// Answer whatever is on screen rightly (exam-pack cards).
fn answer_shown(app: &mut App) {
    match app.current().map(|c| c.shown.clone()) {
        Some(Shown::Flash { .. }) | Some(Shown::Cloze { .. }) => ch(app, ' '),
        Some(Shown::Typed { .. }) => {
            app.type_text("awslogs");
            press(app, KeyCode::Enter);
        }
        Some(Shown::TrueFalse { answer, .. }) => ch(app, if answer { 't' } else { 'f' }),
        Some(Shown::Options { .. }) => {
            for l in right_letters(app) {
                ch(app, l);
            }
            press(app, KeyCode::Enter);
        }
        None => {}
    }
}

/// The exam pack with two days of reviews, a submitted exam and an exam date: every
/// readiness screen has data.
fn exam_app_with_history() -> (App, std::rc::Rc<deckhand::study::FixedClock>) {
    let (mut app, clock) = app_over(
        Path::new("tests/fixtures/exam-pack"),
        Store::open_in_memory().expect("store"),
        Config::default(),
    );
    for _ in 0..2 {
        press(&mut app, KeyCode::Enter);
        for n in 0..30 {
            if app.current().is_none() {
                break;
            }
            answer_shown(&mut app);
            clock.advance(TimeDelta::seconds(20));
            ch(&mut app, if n % 3 == 0 { '1' } else { '3' });
        }
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Enter);
        clock.advance(TimeDelta::days(1));
    }
    ch(&mut app, 'x');
    press(&mut app, KeyCode::Enter);
    for n in 0..5 {
        answer_exam_question(&mut app, n % 2 == 0);
        ch(&mut app, 'n');
    }
    clock.advance(TimeDelta::minutes(6));
    ch(&mut app, 'S');
    ch(&mut app, 'y');
    ch(&mut app, 'q');
    ch(&mut app, 'd');
    app.type_text("2026-12-14");
    press(&mut app, KeyCode::Tab);
    app.type_text("20");
    press(&mut app, KeyCode::Enter);
    (app, clock)
}

/// The exam pack's app, then these steps.
fn exam_screen(steps: impl FnOnce(&mut App)) -> App {
    let (mut app, _) = exam_app_with_history();
    steps(&mut app);
    app
}

/// The update notice: an evolving pack answered at v1, then started at v2.
fn update_notice(dir: &Path) -> App {
    let start = |version: &str| {
        let store = Store::open(&dir.join("progress.sqlite3")).expect("store");
        let pack = format!("tests/fixtures/evolve/{version}.toml");
        app_over(Path::new(&pack), store, Config::default()).0
    };
    let mut app = start("v1");
    press(&mut app, KeyCode::Enter);
    for answer in [' ', 't', 'f'] {
        ch(&mut app, answer);
        ch(&mut app, '4');
    }
    drop(app);
    start("v2")
}

/// Every screen to draw, by name.
fn screens(dir: &Path) -> Vec<(String, App)> {
    let lib = library();
    let mut out: Vec<(String, App)> = vec![("home".into(), keyed(""))];
    let pack = &lib.packs[0];
    for kind in CardKind::ALL {
        // The card of this kind with the most to show.
        let Some(card) = pack
            .cards
            .iter()
            .filter(|c| c.body.kind() == kind)
            .max_by_key(|c| format!("{:?}", c.body).len() + c.explain.len())
        else {
            continue;
        };
        let id = &card.id;
        let name = kind.name();
        out.push((format!("{name} question"), card_app(id)));
        out.push((format!("{name} answered"), card_app_answered(id)));
        for (key, what) in [('?', "help"), ('e', "source"), ('z', "zoom")] {
            let mut app = card_app_answered(id);
            ch(&mut app, key);
            out.push((format!("{name} {what}"), app));
        }
        if kind == CardKind::Typed {
            let mut app = card_app(id);
            press(&mut app, KeyCode::Enter);
            app.type_text("a long answer typed 漢字 👩‍👩‍👧 past the width of the input");
            out.push(("typing".into(), app));
        }
    }
    if let Some(card) = pack.cards.iter().find(|c| c.sim.is_some()) {
        let mut app = card_app_answered(&card.id);
        ch(&mut app, 'v');
        out.push(("a card's scenario in the visualiser".into(), app));
    }
    out.push(("quiz set-up".into(), keyed("c")));
    let mut quiz = keyed("c");
    press(&mut quiz, KeyCode::Enter);
    out.push(("quiz question".into(), quiz));
    let mut quiz = keyed("c");
    press(&mut quiz, KeyCode::Enter);
    for _ in 0..40 {
        if app_current_answered(&quiz) {
            press(&mut quiz, KeyCode::Enter);
        }
        if quiz.current().is_none() {
            break;
        }
        answer_wrong(&mut quiz);
        ch(&mut quiz, '1');
    }
    out.push(("quiz summary".into(), quiz));
    let mut review = keyed("");
    press(&mut review, KeyCode::Enter);
    answer_wrong(&mut review);
    ch(&mut review, '3');
    ch(&mut review, 'q');
    out.push(("review summary".into(), review));

    let broken = content::load_path(Path::new("tests/fixtures/broken/unknown-field.toml"));
    let (problems, _) = app_of(library(), broken.report.diagnostics.clone());
    out.push(("problems".into(), problems));
    let mut many = broken.report.diagnostics.clone();
    while many.len() < 300 {
        many.extend(broken.report.diagnostics.iter().cloned());
    }
    let (mut problems, _) = app_of(library(), many);
    for _ in 0..40 {
        press(&mut problems, KeyCode::Down);
    }
    out.push(("many problems, scrolled".into(), problems));
    out.push(("study more".into(), keyed("+")));
    out.push(("plan form".into(), keyed("d")));
    out.push(("help on Home".into(), keyed("?")));
    for (name, keys) in [
        ("rolling", ""),
        ("rolling mid", "nnnnnn"),
        ("rolling late", "nnnnnnnnnnnnnnnnnnnnnnnnn"),
        ("editing", "e"),
        ("scaling", "2nnnnnnnnnn"),
        ("blue/green", "3nnnnnn"),
        ("blue/green, alarm tripped", "3nnnnnnx"),
        ("placement", "4nnnnnn"),
        ("quiz me", "pn"),
        ("help", "?"),
    ] {
        out.push((format!("visualiser {name}"), keyed(&format!("v{keys}"))));
    }

    out.push(("exam chooser".into(), exam_screen(|a| ch(a, 'x'))));
    let in_exam = |a: &mut App| {
        ch(a, 'x');
        press(a, KeyCode::Enter);
        answer_exam_question(a, true);
        ch(a, 'n');
        ch(a, 'F');
    };
    out.push(("exam in progress".into(), exam_screen(in_exam)));
    out.push((
        "exam map".into(),
        exam_screen(|a| {
            in_exam(a);
            ch(a, 'm');
        }),
    ));
    out.push((
        "exam submit question".into(),
        exam_screen(|a| {
            in_exam(a);
            ch(a, 'S');
        }),
    ));
    let report = |a: &mut App| {
        in_exam(a);
        ch(a, 'S');
        ch(a, 'y');
    };
    out.push(("exam report".into(), exam_screen(report)));
    out.push((
        "exam report, a question".into(),
        exam_screen(|a| {
            report(a);
            ch(a, 'n');
            ch(a, 'n');
        }),
    ));
    out.push(("home with an exam date".into(), exam_screen(|_| {})));
    for page in 0..3 {
        out.push((
            format!("statistics page {}", page + 1),
            exam_screen(|a| {
                ch(a, 's');
                for _ in 0..page {
                    press(a, KeyCode::Tab);
                }
            }),
        ));
    }
    out.push(("plan form with history".into(), exam_screen(|a| ch(a, 'd'))));
    let notice = update_notice(&dir.join("notice"));
    out.push(("update notice".into(), notice));
    let mut listed = update_notice(&dir.join("listed"));
    press(&mut listed, KeyCode::Enter);
    out.push(("update notice, listed".into(), listed));
    out
}

fn app_current_answered(app: &App) -> bool {
    app.current()
        .is_some_and(|c| c.phase == deckhand::study::Phase::Answered)
}

/// The sizes to draw at: everything up to 40×20, everything around the smallest laid out
/// size (60×18) and a grid up to 400×120; or (full) everything up to 400×120.
fn sizes(full: bool) -> Vec<(u16, u16)> {
    let mut out = Vec::new();
    if full {
        for w in 1..=400 {
            for h in 1..=120 {
                out.push((w, h));
            }
        }
        return out;
    }
    for w in 1..=40 {
        for h in 1..=20 {
            out.push((w, h));
        }
    }
    // Where the screens start (60×18) and the common sizes around it.
    for w in 58..=84 {
        for h in 16..=26 {
            out.push((w, h));
        }
    }
    for w in [100, 161, 233, 400] {
        for h in [1, 18, 24, 49, 120] {
            out.push((w, h));
        }
    }
    for h in 21..=120 {
        out.push((1, h));
    }
    for h in (27..=120).step_by(7) {
        out.push((60, h));
    }
    out
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Draw `app` on `terminal` resized to `w`×`h`; a panic or a frame of the wrong size is an
/// error.
fn draw_at(terminal: &mut Terminal<TestBackend>, app: &App, w: u16, h: u16) -> Result<(), String> {
    terminal.backend_mut().resize(w, h);
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        terminal.draw(|f| ui::render(app, f)).map(|_| ())
    }));
    match drawn {
        Err(p) => Err(format!("panicked: {}", panic_message(&*p))),
        Ok(Err(e)) => Err(format!("draw failed: {e}")),
        Ok(Ok(())) => {
            let area = *terminal.backend().buffer().area();
            if (area.width, area.height) != (w, h) {
                return Err(format!("drew {}x{}", area.width, area.height));
            }
            if app.drawn_size() != Some((w, h)) {
                return Err(format!("the app thinks it drew {:?}", app.drawn_size()));
            }
            Ok(())
        }
    }
}

#[test]
fn every_screen_at_every_size() {
    let full = std::env::var("DECKHAND_PROOF_SIZES").is_ok_and(|v| v == "full");
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let screens = screens(dir.path());
    let sizes = sizes(full);
    let mut failures = Vec::new();
    let mut draws = 0u64;
    for (name, app) in &screens {
        let mut terminal = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
        for &(w, h) in &sizes {
            draws += 1;
            if let Err(e) = draw_at(&mut terminal, app, w, h) {
                failures.push(format!("{name} at {w}x{h}: {e}"));
            }
        }
        if full {
            // The full sweep takes a while: say how far it got.
            eprintln!(
                "{name}: {} sizes drawn, {} failures so far, {:.1?}",
                sizes.len(),
                failures.len(),
                started.elapsed()
            );
        }
    }
    println!(
        "{} screens x {} sizes ({}): {draws} draws, {} failures, {:.1?}",
        screens.len(),
        sizes.len(),
        if full {
            "every size 1x1..400x120"
        } else {
            "1x1..40x20, 58x16..84x26 and a grid to 400x120"
        },
        failures.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

/// The keys a storm presses between draws.
fn random_key(rng: &mut Xoshiro256PlusPlus) -> KeyEvent {
    const CHARS: &str = " 0123456789abcdefghijklmnopqrstuvwxyzFGS?+-=*@";
    let codes = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
    ];
    if rng.random_range(0..3) == 0 {
        KeyEvent::from(codes[rng.random_range(0..codes.len())])
    } else {
        let c = CHARS
            .chars()
            .nth(rng.random_range(0..CHARS.chars().count()))
            .expect("a char");
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }
}

fn random_size(rng: &mut Xoshiro256PlusPlus) -> (u16, u16) {
    match rng.random_range(0..6) {
        0 => (rng.random_range(0..=3), rng.random_range(0..=3)),
        1 => (rng.random_range(0..=80), rng.random_range(0..=24)),
        2 => (rng.random_range(55..=85), rng.random_range(15..=26)),
        _ => (rng.random_range(0..=400), rng.random_range(0..=120)),
    }
}

#[test]
fn a_resize_storm_through_the_app() {
    let events = env_number("DECKHAND_PROOF_STORM", 600);
    let seed = env_number("DECKHAND_PROOF_SEED", 14);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let started = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let fresh = |rng: &mut Xoshiro256PlusPlus| {
        if rng.random_range(0..2) == 0 {
            keyed("")
        } else {
            exam_app_with_history().0
        }
    };
    let mut app = fresh(&mut rng);
    let (mut keys, mut resizes, mut restarts) = (0, 0, 0);
    let mut trail: Vec<String> = Vec::new();
    for n in 0..events {
        // A burst of resizes with no key between them, then a few keys.
        for _ in 0..rng.random_range(1..6) {
            let (w, h) = random_size(&mut rng);
            resizes += 1;
            trail.push(format!("{w}x{h}"));
            terminal.backend_mut().resize(w, h);
            let drawn = catch_unwind(AssertUnwindSafe(|| {
                terminal.draw(|f| ui::render(&app, f)).map(|_| ())
            }));
            let last: Vec<&String> = trail.iter().rev().take(12).collect();
            match drawn {
                Err(p) => panic!(
                    "event {n}: drawing at {w}x{h} panicked: {}; last events (newest first): {last:?}",
                    panic_message(&*p)
                ),
                Ok(r) => r.expect("draw"),
            }
            assert_eq!(app.drawn_size(), Some((w, h)), "event {n}");
        }
        for _ in 0..rng.random_range(0..4) {
            let key = random_key(&mut rng);
            keys += 1;
            trail.push(format!("{:?}", key.code));
            let handled = catch_unwind(AssertUnwindSafe(|| app.handle_key(key)));
            if let Err(p) = handled {
                let last: Vec<&String> = trail.iter().rev().take(12).collect();
                panic!(
                    "event {n}: the key {:?} panicked: {}; last events (newest first): {last:?}",
                    key.code,
                    panic_message(&*p)
                );
            }
            if app.should_quit() {
                restarts += 1;
                app = fresh(&mut rng);
                trail.clear();
            }
        }
    }
    println!(
        "resize storm (seed {seed}): {resizes} resizes, each drawn, {keys} keys, {restarts} \
         restarts after quitting, 0 panics; {:.1?}",
        started.elapsed()
    );
}

#[test]
fn a_resize_storm_on_the_real_binary() {
    let resizes = env_number("DECKHAND_PROOF_PTY_STORM", 300);
    let seed = env_number("DECKHAND_PROOF_SEED", 14);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deckhand"));
    cmd.arg("--data-dir")
        .arg(dir.path().join("data"))
        .arg("--config-dir")
        .arg(dir.path().join("config"));
    let mut child = pty::PtyChild::spawn(cmd, 80, 24).expect("spawn");
    const FRAME_END: &[u8] = b"\x1b[?25l";
    child
        .wait_for(FRAME_END, 0, Duration::from_secs(60))
        .expect("the first frame");
    let started = Instant::now();
    for n in 0..resizes {
        let (w, h) = random_size(&mut rng);
        child.resize(w, h).expect("resize");
        if n % 7 == 0 {
            // Move and open things while the size changes (no key that quits from Home):
            // help, the visualiser and its tabs, the rows.
            let keys: &[&[u8]] = &[b"?", b"v", b"1", b"2", b"n", b"j", b"k", b"+"];
            child
                .write(keys[rng.random_range(0..keys.len())])
                .expect("type");
        }
        child.pump(Duration::from_millis(rng.random_range(0..4)));
        assert!(
            child.child.try_wait().expect("try_wait").is_none(),
            "deckhand exited during the storm, after {n} resizes at {w}x{h}: {}",
            String::from_utf8_lossy(&child.output[child.output.len().saturating_sub(2000)..])
        );
    }
    // Back to a usable size: it draws again, and quits on Ctrl-C.
    let drawn = child.output.len();
    child.resize(100, 30).expect("resize");
    child
        .wait_for(FRAME_END, drawn, Duration::from_secs(30))
        .expect("a frame after the storm");
    child.write(b"\x03").expect("Ctrl-C");
    let (status, _) = child
        .finish(Duration::from_secs(30))
        .expect("exits after Ctrl-C");
    let modes = child.termios().expect("modes");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "status {status:#x} after the storm"
    );
    assert!(pty::is_cooked(&modes), "terminal left in raw mode");
    println!(
        "pty resize storm (seed {seed}): {resizes} resizes in {:.1?}, still drawing, clean exit",
        started.elapsed()
    );
}
