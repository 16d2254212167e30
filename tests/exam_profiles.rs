//! `[[exams]]` profiles in a pack manifest: read into the pack, and every authoring mistake
//! reported by `deckhand check` with its location (weights not summing to 100, an unknown
//! topic or tag, a domain without enough questions, bad fields).

use std::path::Path;
use std::process::Command;

use deckhand::content::{CardKind, Domain, load_builtin, load_path};

fn check(path: &str) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_deckhand"))
        .args(["check", path])
        .env("NO_COLOR", "1")
        .output()
        .expect("run deckhand");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "deckhand panicked: {stderr}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().expect("exit code"),
    )
}

macro_rules! broken {
    ($($name:ident => $file:literal;)*) => {$(
        #[test]
        fn $name() {
            let (out, code) = check(concat!("tests/fixtures/exams/", $file));
            assert_eq!(code, 1, "{out}");
            insta::assert_snapshot!(stringify!($name), out);
        }
    )*};
}

broken! {
    exam_weights_not_summing_to_100 => "weights-sum.toml";
    exam_weight_for_unknown_topic_or_tag => "unknown-topic.toml";
    exam_domain_with_too_few_questions => "too-few-questions.toml";
    exam_profile_with_bad_fields => "bad-fields.toml";
}

#[test]
fn good_profiles_are_read_into_the_pack() {
    let (out, code) = check("tests/fixtures/exams/good.toml");
    assert_eq!(code, 0, "{out}");
    let lib = load_path(Path::new("tests/fixtures/exams/good.toml"));
    let pack = lib.pack("exam-fixture").expect("pack loads");
    assert_eq!(pack.exams.len(), 2);
    let mock = &pack.exams[0];
    assert_eq!(
        (
            mock.id.as_str(),
            mock.questions,
            mock.minutes,
            mock.pass_mark
        ),
        ("mock", 4, 8, 700)
    );
    assert_eq!(
        mock.kinds,
        vec![CardKind::Choice, CardKind::Multi, CardKind::TrueFalse]
    );
    let domains: Vec<(Domain, f64)> = mock
        .domains
        .iter()
        .map(|d| (d.domain.clone(), d.weight))
        .collect();
    assert_eq!(
        domains,
        vec![
            (Domain::Topic("ecs".into()), 50.0),
            (Domain::Tag("fargate".into()), 25.0),
            (Domain::Topic("ecr".into()), 25.0),
        ]
    );
    assert_eq!(mock.quotas(), vec![2, 1, 1]);
    let all = &pack.exams[1];
    assert!(all.kinds.contains(&CardKind::Typed) && all.kinds.contains(&CardKind::Cloze));
}

#[test]
fn a_broken_profile_leaves_the_rest_of_the_pack_usable() {
    let lib = load_path(Path::new("tests/fixtures/exams/weights-sum.toml"));
    let pack = lib.pack("exam-fixture").expect("the pack still loads");
    assert!(pack.exams.is_empty());
    assert_eq!(pack.cards.len(), 5);
}

#[test]
fn builtin_pack_ships_a_full_and_a_short_exam_over_every_topic() {
    let lib = load_builtin();
    assert_eq!(lib.report.errors(), 0, "{:?}", lib.report.diagnostics);
    let pack = &lib.packs[0];
    let full = pack.exams.iter().find(|e| e.id == "full").expect("full");
    assert_eq!(
        (full.questions, full.minutes, full.pass_mark),
        (65, 130, 720)
    );
    let short = pack.exams.iter().find(|e| e.id == "short").expect("short");
    assert_eq!((short.questions, short.minutes), (20, 40));
    for exam in [full, short] {
        let sum: f64 = exam.domains.iter().map(|d| d.weight).sum();
        assert!((sum - 100.0).abs() < 1e-9);
        for topic in &pack.topics {
            assert!(
                exam.domains
                    .iter()
                    .any(|d| d.domain == Domain::Topic(topic.id.clone())),
                "exam `{}` gives topic `{}` no weight: add `{} = N` under each [exams.weights] \
                 of content/pack.toml (and lower others so they still add up to 100)",
                exam.id,
                topic.id,
                topic.id
            );
        }
    }
}
