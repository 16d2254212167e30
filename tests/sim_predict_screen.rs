//! "Predict the next step" asks from exactly the state on screen: for every decision of every
//! canonical scenario (the generated pack's) and every card scenario of the built-in pack,
//! the numbers in the question equal the numbers of the visualiser's header and cells at the
//! moment it is asked.

mod support;
mod visual_support;

use std::collections::BTreeMap;

use deckhand::content;
use deckhand::quiz::predict;
use deckhand::sim::Preset;
use ratatui::crossterm::event::KeyCode;
use support::*;
use visual_support::{open_on, visual};

/// Every number that follows `label` in `text` (e.g. `"healthy "` in `"healthy 10 ≥ L 6"`).
fn numbers_after(text: &str, label: &str) -> Vec<String> {
    text.match_indices(label)
        .filter_map(|(i, _)| {
            let rest = &text[i + label.len()..];
            let n: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let n = n.trim_end_matches('.').to_string();
            (!n.is_empty()).then_some(n)
        })
        .collect()
}

/// The first number after `label`, which must be there.
fn number_after(text: &str, label: &str) -> String {
    numbers_after(text, label)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no `{label}` in:\n{text}"))
}

/// Cells on screen by state code: `[2 ok]` counts as `ok`.
fn cells(screen: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (i, _) in screen.match_indices('[') {
        let cell: String = screen[i + 1..].chars().take_while(|c| *c != ']').collect();
        if let Some((rev, code)) = cell.split_once(' ')
            && rev.chars().all(|c| c.is_ascii_digit())
            && code.chars().count() == 2
        {
            *out.entry(code.to_string()).or_insert(0) += 1;
        }
    }
    out
}

fn count(cells: &BTreeMap<String, usize>, codes: &[&str]) -> usize {
    codes
        .iter()
        .map(|c| cells.get(*c).copied().unwrap_or(0))
        .sum()
}

/// The header line of the rolling update (the Tasks panel's first line).
fn rolling_header(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("healthy ") && l.contains(" ≥ L "))
        .unwrap_or_else(|| panic!("no header on screen:\n{screen}"))
        .to_string()
}

fn check_rolling(scenario: &str, situation: &str, screen: &str) {
    let header = rolling_header(screen);
    let ctx = format!("{scenario}: {situation}\n{header}");
    // Header against question.
    assert_eq!(
        number_after(&header, "healthy "),
        situation_healthy(situation),
        "{ctx}"
    );
    assert_eq!(
        number_after(&header, "≥ L "),
        number_after(situation, "lower limit L = "),
        "{ctx}"
    );
    assert_eq!(
        number_after(&header, "in flight "),
        situation_in_flight(situation),
        "{ctx}"
    );
    assert_eq!(
        number_after(&header, "≤ U "),
        number_after(situation, "upper limit U = "),
        "{ctx}"
    );
    for role in [
        "old rev ",
        "new rev ",
        "failed rev ",
        "rollback rev ",
        "draining ",
    ] {
        let on_screen = numbers_after(&header, role);
        let asked = numbers_after(situation, role);
        assert_eq!(on_screen, asked, "{ctx}: {role}");
    }
    // Cells against question.
    let cells = cells(screen);
    let healthy: usize = situation_healthy(situation).parse().expect("number");
    assert_eq!(count(&cells, &["ok"]), healthy, "{ctx}: ok cells {cells:?}");
    let starting: usize = number_before(situation, " starting")
        .parse()
        .expect("number");
    assert_eq!(
        count(&cells, &["pv", "pe", "ac"]),
        starting,
        "{ctx}: starting cells {cells:?}"
    );
}

/// H in "… 10 counted healthy, …".
fn situation_healthy(situation: &str) -> String {
    number_before(situation, " counted healthy")
}

/// The in-flight count in "… 10 in flight toward U".
fn situation_in_flight(situation: &str) -> String {
    number_before(situation, " in flight toward U")
}

/// The number just before `label`.
fn number_before(text: &str, label: &str) -> String {
    let i = text
        .find(label)
        .unwrap_or_else(|| panic!("no `{label}` in {text}"));
    let n: String = text[..i]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    n.chars().rev().collect()
}

fn check_scaling(scenario: &str, situation: &str, screen: &str) {
    // The header wraps onto a second row on narrow screens.
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("minute ") && l.contains("desired "))
        .unwrap_or_else(|| panic!("no scaling header on screen:\n{screen}"));
    let header = lines[at..(at + 2).min(lines.len())].join(" ");
    let ctx = format!("{scenario}: {situation}\n{header}");
    assert_eq!(
        number_after(&header, "minute "),
        number_after(situation, "At minute "),
        "{ctx}"
    );
    assert_eq!(
        number_after(&header, "desired "),
        number_after(situation, "desired "),
        "{ctx}"
    );
    assert_eq!(
        number_after(&header, "running "),
        number_before(situation, " tasks running"),
        "{ctx}"
    );
    if situation.contains("this minute ") {
        assert!(
            header.contains(&format!(" {} ", number_after(situation, "this minute "))),
            "{ctx}: the metric's value"
        );
    }
    if situation.contains("CapacityProviderReservation ") {
        assert_eq!(
            number_after(&header, "reservation "),
            number_after(situation, "CapacityProviderReservation "),
            "{ctx}"
        );
    }
}

/// The blue/green header's items as the question quotes them (`stage …`, `production:
/// green 10%, blue 90%`, `test: green 100%`, `blue rev 1 4 live, 4 healthy` …): each is on
/// screen, whole, at the moment of the question (at 80 columns the stage may be cut).
fn check_shift(scenario: &str, situation: &str, screen: &str, width: u16) {
    let (_, rest) = situation
        .split_once(": ")
        .unwrap_or_else(|| panic!("no time in {situation}"));
    let items = rest.split(". ").next().unwrap_or(rest);
    let flat: String = screen.lines().collect::<Vec<_>>().join("\n");
    for item in items.split("; ") {
        if width < 100 && item.starts_with("stage ") {
            continue;
        }
        assert!(
            flat.contains(item),
            "{scenario}: `{item}` is not on screen:\n{screen}"
        );
    }
    assert!(
        items.contains("production: green "),
        "{scenario}: {situation}"
    );
}

/// The placement header's count, and at 160 columns each instance's line: its task cells
/// and its CPU and memory as the question states them.
fn check_placement(scenario: &str, situation: &str, screen: &str, width: u16) {
    let placed = format!("placed {}", number_after(situation, "placed "));
    assert!(
        screen.contains(&placed),
        "{scenario}: `{placed}`:\n{screen}"
    );
    if width < 100 {
        return;
    }
    let instances = situation
        .split("Instances: ")
        .nth(1)
        .and_then(|r| r.split(". Task size").next())
        .unwrap_or_else(|| panic!("{scenario}: no instances in {situation}"));
    for inst in instances.split("; ") {
        let id = inst.split(' ').next().unwrap_or("?");
        let line = screen
            .lines()
            .find(|l| l.contains(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{scenario}: {id} not on screen:\n{screen}"));
        let tasks: usize = number_after(inst, ": ").parse().expect("tasks");
        assert_eq!(
            cells(line).values().sum::<usize>(),
            tasks,
            "{scenario}: {inst}\n{line}"
        );
        let cpu = inst.split("CPU ").nth(1).and_then(|r| r.split(',').next());
        let mem = inst
            .split("memory ")
            .nth(1)
            .and_then(|r| r.split(' ').next());
        let usage = format!("CPU {} · mem {}", cpu.unwrap_or("?"), mem.unwrap_or("?"));
        assert!(line.contains(&usage), "{scenario}: `{usage}` in {line}");
    }
}

/// Play `preset` in quiz-me mode, answering each question; check each one against the
/// screen. Returns how many were asked.
fn play(scenario: &str, preset: Preset, max: usize) -> usize {
    let (mut app, _) = open_on(preset.clone());
    ch(&mut app, 'p');
    let mut asked = 0;
    let mut guard = 0;
    while asked < max && !visual(&app).finished() && guard < 100_000 {
        guard += 1;
        let pending = visual(&app)
            .asked
            .as_ref()
            .filter(|a| a.chosen.is_none())
            .map(|a| a.prediction.situation.clone());
        match pending {
            Some(situation) => {
                asked += 1;
                for (w, h) in [(160, 48), (80, 24)] {
                    let s = screen(&app, w, h);
                    match preset {
                        Preset::Rolling(_) => {
                            if w == 160 {
                                check_rolling(scenario, &situation, &s)
                            } else {
                                let header = rolling_header(&s);
                                assert!(
                                    header.contains(&format!(
                                        "healthy {} ≥ L",
                                        situation_healthy(&situation)
                                    )),
                                    "{scenario} at 80x24: {header}"
                                );
                            }
                        }
                        Preset::Scaling(_) => check_scaling(scenario, &situation, &s),
                        Preset::BlueGreen(_) => check_shift(scenario, &situation, &s, w),
                        Preset::Placement(_) => check_placement(scenario, &situation, &s, w),
                    }
                }
                ch(&mut app, 'a');
                press(&mut app, KeyCode::Enter);
            }
            None => ch(&mut app, 'n'),
        }
    }
    asked
}

#[test]
fn canonical_scenarios_ask_from_the_numbers_on_screen() {
    let mut total = 0;
    for (id, _, preset) in predict::scenarios() {
        total += play(id, preset, usize::MAX);
    }
    assert!(total >= 15, "{total} questions");
}

#[test]
fn card_scenarios_ask_from_the_numbers_on_screen() {
    let lib = content::load_builtin();
    let mut seen: Vec<Preset> = Vec::new();
    let mut total = 0;
    for card in lib.packs.iter().flat_map(|p| p.cards.iter()) {
        let Some(preset) = card.sim.as_deref() else {
            continue;
        };
        if seen.contains(preset) {
            continue;
        }
        seen.push(preset.clone());
        total += play(&card.id, preset.clone(), usize::MAX);
    }
    assert!(
        total >= 40,
        "{total} questions over {} scenarios",
        seen.len()
    );
}

#[test]
fn the_issue_example_ec2_room_12_with_a_load_balancer_agrees() {
    // Header `healthy 10 ≥ L 10` while the question said 12 healthy: asked from the second
    // before the health checks passed.
    let preset: Preset = Preset::Rolling(deckhand::sim::RollingPreset {
        desired: 10,
        launch_type: Some(deckhand::sim::LaunchType::Ec2),
        capacity: Some(12),
        load_balancer: true,
        ..Default::default()
    });
    assert!(play("ec2-room-12-lb", preset, 12) >= 8);
}
