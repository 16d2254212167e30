//! The built-in pack: what the validator cannot check. Size, coverage per topic, the
//! balance of kinds, explanations, documentation links, and the diagrams the seeds call for.

use std::collections::{HashMap, HashSet};

use deckhand::content::{self, CardBody, CardKind, Pack};
use unicode_width::UnicodeWidthStr;

fn pack() -> Pack {
    let lib = content::load_builtin();
    assert_eq!(
        lib.report.errors() + lib.report.warnings(),
        0,
        "{:?}",
        lib.report.diagnostics
    );
    lib.packs.into_iter().next().expect("the built-in pack")
}

#[test]
fn size_and_every_topic_has_at_least_five_cards() {
    let pack = pack();
    assert!(pack.cards.len() >= 300, "{} cards", pack.cards.len());
    assert!(
        pack.diagrams.len() >= 15,
        "{} diagrams",
        pack.diagrams.len()
    );
    let mut per_topic: HashMap<&str, usize> = HashMap::new();
    for card in &pack.cards {
        *per_topic.entry(card.topic.as_str()).or_default() += 1;
    }
    let required = [
        "ecs-basics",
        "launch-types",
        "task-definitions",
        "iam-roles",
        "load-balancing",
        "storage",
        "service-autoscaling",
        "cluster-autoscaling",
        "rolling-updates",
        "pricing",
        "logging",
        "architectures",
        "services-tasks",
        "ecr",
        "eks",
        "app-runner",
        "app2container",
    ];
    for topic in required {
        let n = per_topic.get(topic).copied().unwrap_or(0);
        assert!(n >= 5, "topic {topic} has {n} cards");
    }
    for topic in &pack.topics {
        assert!(
            per_topic.contains_key(topic.id.as_str()),
            "topic {} has no card",
            topic.id
        );
    }
}

#[test]
fn the_kinds_are_balanced_and_there_are_enough_exam_questions() {
    let pack = pack();
    let mut count: HashMap<CardKind, usize> = HashMap::new();
    for card in &pack.cards {
        *count.entry(card.body.kind()).or_default() += 1;
    }
    let total = pack.cards.len() as f64;
    let share = |kinds: &[CardKind]| {
        kinds
            .iter()
            .map(|k| count.get(k).copied().unwrap_or(0))
            .sum::<usize>() as f64
            / total
    };
    let basic = share(&[CardKind::Basic]);
    let cloze = share(&[CardKind::Cloze]);
    let questions = share(&[CardKind::Choice, CardKind::Multi]);
    let rest = share(&[CardKind::Typed, CardKind::TrueFalse]);
    assert!((0.25..=0.40).contains(&basic), "basic {basic:.2}");
    assert!((0.15..=0.25).contains(&cloze), "cloze {cloze:.2}");
    assert!(
        (0.28..=0.40).contains(&questions),
        "choice/multi {questions:.2}"
    );
    assert!((0.08..=0.25).contains(&rest), "typed/truefalse {rest:.2}");
    let exam = count.get(&CardKind::Choice).copied().unwrap_or(0)
        + count.get(&CardKind::Multi).copied().unwrap_or(0);
    assert!(exam >= 80, "{exam} exam-style questions");
}

#[test]
fn every_option_has_its_own_explanation() {
    for card in &pack().cards {
        let options = match &card.body {
            CardBody::Choice { options, .. } | CardBody::Multi { options, .. } => options,
            _ => continue,
        };
        assert!(
            options.len() >= 4,
            "{}: exam questions have four or five options",
            card.id
        );
        let whys: HashSet<&str> = options.iter().map(|o| o.why.trim()).collect();
        assert_eq!(
            whys.len(),
            options.len(),
            "{}: two options share an explanation",
            card.id
        );
        for o in options {
            assert_ne!(
                o.why.trim(),
                o.text.trim(),
                "{}: an explanation repeats its option",
                card.id
            );
        }
        if let CardBody::Multi {
            question, answers, ..
        } = &card.body
        {
            let words = ["", "", "two", "three", "four"];
            let n = words.get(answers.len()).copied().unwrap_or("");
            assert!(
                question.to_lowercase().contains(&format!("choose {n}")),
                "{}: a multi card says how many to choose ({n})",
                card.id
            );
        }
    }
}

#[test]
fn every_card_rests_on_aws_documentation() {
    for card in &pack().cards {
        assert!(!card.refs.is_empty(), "{} has no refs", card.id);
        for r in &card.refs {
            assert!(
                r.starts_with("https://docs.aws.amazon.com/")
                    || r.starts_with("https://aws.amazon.com/"),
                "{}: {r}",
                card.id
            );
        }
        assert!(
            !card.explain.trim().is_empty(),
            "{} has no explain",
            card.id
        );
    }
}

#[test]
fn every_diagram_is_shown_fits_80_columns_and_the_seed_pictures_exist() {
    let pack = pack();
    let used: HashSet<&str> = pack
        .cards
        .iter()
        .filter_map(|c| c.diagram.as_deref())
        .collect();
    for d in &pack.diagrams {
        assert!(used.contains(d.id.as_str()), "diagram {} is not used", d.id);
        assert!(!d.title.is_empty(), "diagram {} has no title", d.id);
        for line in d.art.lines() {
            assert!(
                line.width() <= 80,
                "diagram {}: {} columns: {line}",
                d.id,
                line.width()
            );
        }
    }
    for id in [
        "ec2-launch-type",
        "fargate-launch-type",
        "iam-roles",
        "alb-tasks",
        "efs-shared",
        "eventbridge-s3-fargate",
        "eventbridge-schedule",
        "sqs-autoscaled-service",
        "stopped-task-sns",
        "service-autoscaling",
        "capacity-provider-scaling",
        "rolling-update",
        "eks-node-types",
        "app-runner-flow",
        "app2container-flow",
    ] {
        assert!(
            pack.diagram(id).is_some(),
            "the seeds' picture {id} is missing"
        );
    }
}

#[test]
fn card_ids_use_their_topic_prefix() {
    let prefixes: HashMap<&str, &str> = [
        ("ecs-basics", "basics-"),
        ("launch-types", "lt-"),
        ("task-definitions", "td-"),
        ("iam-roles", "iam-"),
        ("pricing", "price-"),
        ("services-tasks", "svc-"),
        ("logging", "log-"),
        ("load-balancing", "lb-"),
        ("storage", "vol-"),
        ("architectures", "arch-"),
        ("service-autoscaling", "sas-"),
        ("cluster-autoscaling", "cas-"),
        ("rolling-updates", "roll-"),
        ("ecr", "ecr-"),
        ("eks", "eks-"),
        ("app-runner", "ar-"),
        ("app2container", "a2c-"),
    ]
    .into_iter()
    .collect();
    for card in &pack().cards {
        let prefix = prefixes[card.topic.as_str()];
        assert!(
            card.id.starts_with(prefix),
            "{} in topic {}",
            card.id,
            card.topic
        );
    }
}

#[test]
fn every_card_named_in_the_coverage_map_exists() {
    let pack = pack();
    let doc = std::fs::read_to_string("docs/content-coverage.md").expect("coverage map");
    let prefixes = [
        "basics-", "lt-", "td-", "iam-", "price-", "svc-", "log-", "lb-", "vol-", "arch-", "sas-",
        "cas-", "roll-", "ecr-", "eks-", "ar-", "a2c-",
    ];
    let mut named = 0;
    for word in doc.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        if prefixes.iter().any(|p| word.starts_with(p)) && word.len() > 6 && !word.ends_with('-') {
            named += 1;
            // Diagram and topic ids share the prefixes; anything else must be a card.
            let known = pack.card(word).is_some()
                || pack.diagram(word).is_some()
                || pack.topic(word).is_some();
            assert!(known, "the coverage map names `{word}`, which is no card");
        }
    }
    assert!(named > 300, "the map names {named} cards");
}
