//! The built-in pack: what the validator cannot check. Size, coverage per topic, the
//! balance of kinds, explanations, documentation links, and the diagrams the seeds call for.

use std::collections::{HashMap, HashSet};

use deckhand::content::lint::{
    correct_is_uniquely_longest, correct_is_uniquely_shortest, diagram_gives_away, options_of,
    words,
};
use deckhand::content::{self, Card, CardBody, CardKind, Pack, Segment};
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
        ("networking", "net-"),
        ("security-ops", "sec-"),
        ("ecr-operations", "ecr-"),
        ("eks-operations", "eks-"),
        ("choosing-a-service", "choose-"),
        ("deployments", "deploy-"),
        ("placement", "place-"),
    ]
    .into_iter()
    .collect();
    for card in &pack().cards {
        let Some(prefix) = prefixes.get(card.topic.as_str()) else {
            panic!(
                "topic {} has no id prefix here: add it to this table and to the coverage map's",
                card.topic
            );
        };
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
        "cas-", "roll-", "ecr-", "eks-", "ar-", "a2c-", "net-", "sec-", "choose-", "deploy-",
        "place-",
    ];
    // Ids merged into another card (its `replaces`) may still be named, as history.
    let replaced: HashSet<&str> = pack
        .cards
        .iter()
        .flat_map(|c| c.replaces.iter().map(String::as_str))
        .collect();
    let mut named = 0;
    for word in doc.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
        if prefixes.iter().any(|p| word.starts_with(p)) && word.len() > 6 && !word.ends_with('-') {
            named += 1;
            // Diagram and topic ids share the prefixes; anything else must be a card.
            let known = pack.card(word).is_some()
                || pack.diagram(word).is_some()
                || pack.topic(word).is_some()
                || replaced.contains(word);
            assert!(
                known,
                "the coverage map names `{word}`, which is no card (nor one a card replaces)"
            );
        }
    }
    assert!(named > 300, "the map names {named} cards");
}

// ---------------------------------------------------------------------------
// The honesty measures of issue 12 §3. Each test prints the value it measures. The length
// tell is held in a band around chance: neither "pick the longest" nor "pick the shortest"
// may score much better than a random guess (random placement gives about 25 % each). The
// notes phrases, wide diagram titles and answers in pre-answer diagrams have reached 0 and
// are asserted as such. The measures are the lint's own (`deckhand::content::lint`).

/// The band (in %, inclusive) for the share of choice and multi cards whose correct option(s)
/// are the uniquely longest, and for the share whose correct option(s) are the uniquely
/// shortest. Measured at the review of the second edition: 20.6 % and 20.0 % of 180 cards.
const LENGTH_TELL_BAND_PERCENT: (f64, f64) = (15.0, 30.0);

/// The topics of the first edition; every other topic is new and must be substantial.
const FIRST_EDITION_TOPICS: [&str; 17] = [
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

/// Every text of a card a learner reads.
fn learner_texts(card: &Card) -> Vec<String> {
    let mut texts = vec![card.explain.clone()];
    match &card.body {
        CardBody::Basic { front, back, .. } => texts.extend([front.clone(), back.clone()]),
        CardBody::Cloze { text } => {
            for segment in &text.segments {
                match segment {
                    Segment::Text(t) => texts.push(t.clone()),
                    Segment::Deletion { answer, hint, .. } => {
                        texts.push(answer.clone());
                        texts.extend(hint.clone());
                    }
                }
            }
        }
        CardBody::Choice {
            question, options, ..
        }
        | CardBody::Multi {
            question, options, ..
        } => {
            texts.push(question.clone());
            for o in options {
                texts.extend([o.text.clone(), o.why.clone()]);
            }
        }
        CardBody::Typed { question, answers } => {
            texts.push(question.clone());
            texts.extend(answers.iter().cloned());
        }
        CardBody::TrueFalse { statement, .. } => texts.push(statement.clone()),
    }
    texts
}

fn notes_phrases(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("study note").count() + lower.matches("the notes").count()
}

#[test]
fn correct_options_are_not_given_away_by_their_length() {
    let pack = pack();
    let mut questions = 0;
    let mut longest = Vec::new();
    let mut shortest = Vec::new();
    for card in &pack.cards {
        let Some((options, correct)) = options_of(card) else {
            continue;
        };
        questions += 1;
        if correct_is_uniquely_longest(options, &correct) {
            longest.push(card.id.as_str());
        }
        if correct_is_uniquely_shortest(options, &correct) {
            shortest.push(card.id.as_str());
        }
    }
    let (low, high) = LENGTH_TELL_BAND_PERCENT;
    for (which, ids) in [("longest", &longest), ("shortest", &shortest)] {
        let percent = 100.0 * ids.len() as f64 / questions as f64;
        println!(
            "correct option uniquely the {which}: {} of {questions} choice/multi cards = {percent:.1} %",
            ids.len()
        );
        assert!(
            (low..=high).contains(&percent),
            "uniquely the {which}: {percent:.1} % is outside {low}..={high} %: {ids:?}"
        );
    }
}

#[test]
fn learner_facing_text_teaches_aws_not_the_notes() {
    let pack = pack();
    let mut found = Vec::new();
    for card in &pack.cards {
        let n: usize = learner_texts(card).iter().map(|t| notes_phrases(t)).sum();
        if n > 0 {
            found.push((card.id.as_str(), n));
        }
    }
    for d in &pack.diagrams {
        let n = notes_phrases(&d.title) + notes_phrases(&d.art);
        if n > 0 {
            found.push((d.id.as_str(), n));
        }
    }
    let total: usize = found.iter().map(|(_, n)| n).sum();
    println!("\"study notes\" / \"the notes\" in learner-facing text: {total}");
    // Reached its final value, 0: learner-facing text teaches AWS, never the notes.
    assert_eq!(total, 0, "{found:?}");
    assert_eq!(notes_phrases("The study notes say; the notes list"), 2);
}

#[test]
fn diagram_titles_fit_the_card_view() {
    let pack = pack();
    let wide: Vec<(&str, usize)> = pack
        .diagrams
        .iter()
        .map(|d| (d.id.as_str(), d.title.width()))
        .filter(|(_, w)| *w > 76)
        .collect();
    println!("diagram titles over 76 columns: {}", wide.len());
    // Reached its final value, 0: every title fits the card view at 80 columns.
    assert!(
        wide.is_empty(),
        "diagram titles wider than 76 columns: {wide:?}"
    );
}

#[test]
fn every_new_topic_is_a_real_topic_with_scenario_questions() {
    let pack = pack();
    for topic in &pack.topics {
        if FIRST_EDITION_TOPICS.contains(&topic.id.as_str()) {
            continue;
        }
        let cards: Vec<&Card> = pack.cards.iter().filter(|c| c.topic == topic.id).collect();
        let scenarios = cards
            .iter()
            .filter(|c| matches!(c.body.kind(), CardKind::Choice | CardKind::Multi))
            .count();
        let kinds: HashSet<CardKind> = cards.iter().map(|c| c.body.kind()).collect();
        println!(
            "new topic {}: {} cards, {scenarios} choice/multi, {} kinds",
            topic.id,
            cards.len(),
            kinds.len()
        );
        assert!(
            cards.len() >= 10,
            "new topic {} has {} cards",
            topic.id,
            cards.len()
        );
        assert!(
            scenarios >= 4,
            "new topic {} has {scenarios} scenario questions",
            topic.id
        );
        assert!(
            kinds.len() >= 4,
            "new topic {} mixes only {} card kinds",
            topic.id,
            kinds.len()
        );
    }
}

/// Cards whose diagram, shown before the answer, contains the answer (found as whole words in
/// the diagram's title or art).
#[test]
fn no_diagram_shown_before_the_answer_gives_the_answer_away() {
    let pack = pack();
    let mut found = Vec::new();
    for card in &pack.cards {
        for answer in diagram_gives_away(&pack, card) {
            let diagram = card.diagram.as_deref().unwrap_or_default();
            found.push(format!("{} ({diagram}): {answer}", card.id));
        }
    }
    println!(
        "answers inside a diagram shown before answering: {}",
        found.len()
    );
    // Reached its final value, 0: no card shows a diagram holding its answer before answering.
    assert!(found.is_empty(), "{found:#?}");
    assert_eq!(words("┌─ ECS agent ─┐"), "ecs agent");
}

/// `build.rs` compresses the pack into the binary; what comes out is `content/` as it is on
/// disk: every `.toml` file, by its path, byte for byte, in path order.
#[test]
fn the_compiled_in_files_are_the_content_folder() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read content/") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut on_disk = Vec::new();
    walk(&root.join("content"), &mut on_disk);
    on_disk.sort();
    let compiled = content::builtin_files();
    let paths: Vec<&str> = compiled.iter().map(|(p, _)| *p).collect();
    let expected: Vec<String> = on_disk
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .expect("under the crate")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(paths, expected);
    for ((path, text), file) in compiled.iter().zip(&on_disk) {
        let disk = std::fs::read_to_string(file).expect("read");
        assert!(*text == disk, "{path} differs from {}", file.display());
    }
    assert!(compiled.iter().any(|(p, _)| p.ends_with("/pack.toml")));
}
