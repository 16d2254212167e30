//! `deckhand pack new NAME`: a commented pack to start from, with one card of every kind and
//! a diagram, that `deckhand check` passes without a warning.

use std::path::Path;

use super::draft::{slug, toml_string};

/// The files of a new pack (path inside the folder, text).
pub fn files(id: &str, title: &str) -> Vec<(&'static str, String)> {
    let pack = PACK_TOML
        .replace("{id}", &toml_string(id))
        .replace("{title}", &toml_string(title));
    vec![
        ("pack.toml", pack),
        ("cards/basics.toml", CARDS_TOML.to_string()),
    ]
}

/// The pack id for a folder name: the name itself when it is a valid id, else a slug of it.
pub fn id_for(name: &str) -> Option<String> {
    if crate::content::valid_id(name) {
        Some(name.to_string())
    } else {
        slug(name, 60)
    }
}

/// Why a pack could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("{0} already exists; choose a new folder name")]
    Exists(String),
    #[error("`{0}` gives no usable pack id; use letters or digits in the name")]
    BadName(String),
    #[error("cannot write {0}: {1}")]
    Io(String, std::io::Error),
}

/// Write a new pack into the folder `dir` (which must not exist). Returns the pack id.
pub fn create(dir: &Path) -> Result<String, ScaffoldError> {
    let shown = dir.display().to_string();
    if dir.exists() {
        return Err(ScaffoldError::Exists(shown));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = id_for(&name).ok_or_else(|| ScaffoldError::BadName(name.clone()))?;
    let title = title_of(&name);
    let write = || -> std::io::Result<()> {
        for (file, text) in files(&id, &title) {
            let path = dir.join(file);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = std::fs::remove_dir_all(dir);
        ScaffoldError::Io(shown, e)
    })?;
    Ok(id)
}

/// "ecs-deep-dive" → "Ecs deep dive".
fn title_of(name: &str) -> String {
    let words = name.replace(['-', '_', '.'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "New pack".to_string(),
    }
}

const PACK_TOML: &str = r#"# A deckhand content pack. The format is described in docs/authoring.md of deckhand's
# source; `deckhand check` explains every problem it finds.
#
# Check it while you write:     deckhand check <this folder>
# Study it:                     deckhand --pack <this folder>
#   (or copy the folder into the packs folder that `deckhand paths` shows)
#
# Progress is keyed on the pack id and each card's id: fix typos and reword freely,
# but never change an id just to rename it, and never reuse one for another fact.

[pack]
id = {id}                  # stable: lowercase letters, digits, - _ .
title = {title}
version = "0.1.0"                 # your own version, free text
description = "What this pack teaches, in a sentence or two."
authors = ["Your Name"]
license = "CC-BY-4.0"
# desired_retention = 0.9         # 0.70 to 0.99: how sure learners should be at the due date
# new_per_day = 20                # new cards a day
# reviews_per_day = 200           # reviews a day

# Topics group the cards (exam domains, chapters). Every card names one.
[[topics]]
id = "basics"
title = "The basics"
description = "Start here."       # optional
# weight = 20                     # optional: the topic's share of the exam, in %

[[topics]]
id = "scenarios"
title = "Scenarios"
"#;

const CARDS_TOML: &str = r#"# Cards and diagrams may live in any .toml file of the pack folder (subfolders too).
# One card of each kind follows; copy the one you need. Every card has an `id`, a `kind`
# and a `topic`; `tags`, `refs` (documentation links) and `explain` (shown after answering)
# are optional but a card without `explain` gets a warning.

# basic: a front and a back. `reverse = true` also asks back -> front, as a second card.
[[cards]]
id = "fargate-what"
kind = "basic"
topic = "basics"
tags = ["fargate"]
refs = ["https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html"]
front = "What is AWS Fargate?"
back = "A serverless compute engine for containers: no servers to provision or manage."
reverse = false
explain = "With Fargate you size the task (CPU and memory); AWS runs the infrastructure."

# cloze: {{c1::hidden words}} or {{c1::hidden words::a hint}}; each number is one card.
[[cards]]
id = "ecs-agent"
kind = "cloze"
topic = "basics"
text = "Each EC2 container instance runs the {{c1::ECS container agent}} to {{c2::register with the cluster::what for?}}."
explain = "The agent reports the instance's resources and starts and stops tasks on it."

# choice: one right option. `answer` is its letter (A is the first); every option says
# `why` it is right or wrong. Options are shuffled each time, so avoid "all of the above".
[[cards]]
id = "lb-for-grpc"
kind = "choice"
topic = "scenarios"
question = "A service on ECS needs path-based routing for HTTP requests. Which load balancer fits?"
answer = "A"
options = [
  { text = "Application Load Balancer", why = "Right: ALB routes HTTP(S) by path and host." },
  { text = "Network Load Balancer", why = "NLB works at layer 4; it does not look at paths." },
  { text = "Gateway Load Balancer", why = "GWLB is for third-party virtual appliances." },
]
explain = "Layer-7 routing (paths, hosts, headers) is what an Application Load Balancer does."
diagram = "alb-paths"              # shows the diagram defined below with the card
diagram_after = true               # ...but only after answering, as it holds the answer

# multi: several right options ("choose two"); `answer` lists their letters.
[[cards]]
id = "fargate-storage"
kind = "multi"
topic = "scenarios"
question = "Which storage can a task on Fargate use? (Choose two.)"
answer = ["A", "C"]
options = [
  { text = "Amazon EFS file systems", why = "Right: EFS volumes work with Fargate tasks." },
  { text = "An S3 bucket mounted as a file system", why = "S3 is object storage; tasks cannot mount it." },
  { text = "The task's ephemeral storage", why = "Right: every Fargate task gets ephemeral storage." },
]
explain = "Fargate tasks get ephemeral storage and can mount Amazon EFS."

# typed: the learner types the answer; any of `answers` is accepted (case, spacing and
# punctuation do not count; one or two typos are "almost").
[[cards]]
id = "awslogs"
kind = "typed"
topic = "basics"
question = "Which log driver sends container logs to CloudWatch Logs?"
answers = ["awslogs"]
explain = "Set it in the container definition's logConfiguration."

# truefalse: a statement and whether it holds.
[[cards]]
id = "s3-mount"
kind = "truefalse"
topic = "basics"
statement = "An ECS task can mount an S3 bucket as a file system."
answer = false
explain = "S3 is object storage; use Amazon EFS for a shared file system."

# A diagram: at most 100 columns wide, no tabs. Literal strings ('''…''') keep backslashes.
[[diagrams]]
id = "alb-paths"
title = "An ALB routing by path"
art = '''
  client ──► ALB ──┬── /api/* ──► api service
                   └── /*     ──► web service
'''
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ids_and_titles() {
        assert_eq!(id_for("ecs-deep-dive").as_deref(), Some("ecs-deep-dive"));
        assert_eq!(id_for("My ECS Notes").as_deref(), Some("my-ecs-notes"));
        assert_eq!(id_for("???"), None);
        assert_eq!(title_of("ecs-deep-dive"), "Ecs deep dive");
    }
}
