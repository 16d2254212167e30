//! The visualiser's page of `?`: how to read its cells, states, counts, batches and chart
//! marks (the keys are listed above it, from the keymap).

use ratatui::text::{Line, Span};

use super::visual::{Tab, Visual};
use super::visual_rolling::STATES;
use super::visual_scaling::{MARKS, glyph};
use crate::tui::theme::Theme;
use crate::tui::widgets::text::hanging;

/// A term and what it means, as one wrapped entry.
fn entry(th: &Theme, term: &str, meaning: &str, width: usize) -> Vec<Line<'static>> {
    hanging(
        vec![Span::styled(format!("  {term:<11} "), th.key)],
        meaning,
        th.text,
        width,
    )
}

/// The legend lines for the help overlay, `width` columns wide.
pub fn help_lines(v: &Visual, th: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Reading the visualiser", th.title)];
    let mut add = |term: &str, meaning: &str| lines.extend(entry(th, term, meaning, width));
    match v.tab {
        Tab::Rolling => {
            add(
                "[2 ok]",
                "one task: its task definition revision, then its state. Tasks being replaced are drawn dim, the ones replacing them bright; healthy ones reversed.",
            );
            for (code, word) in STATES {
                let meaning = match code {
                    "pv" => {
                        "PROVISIONING: network set-up, or waiting for an instance (under \"waiting\")"
                    }
                    "pe" => "PENDING: waiting for the container agent",
                    "ac" => "ACTIVATING: image pull, container start, load balancer registration",
                    "ru" => "RUNNING, not (yet) counted healthy: its health checks have not passed",
                    "ok" => "RUNNING and counted healthy toward minimum healthy percent",
                    "!!" => "RUNNING but failing its health checks: ECS replaces it",
                    "de" => "DEACTIVATING: being taken out of service",
                    "dr" => {
                        "DEACTIVATING behind a load balancer: draining connections for the deregistration delay"
                    }
                    "st" => "STOPPING: SIGTERM sent, SIGKILL after the stop timeout",
                    "dp" => "DEPROVISIONING: network clean-up",
                    _ => "STOPPED (shown for a few seconds, then removed)",
                };
                add(code, &format!("{word}: {meaning}"));
            }
            add(
                "i-3 drain",
                "a container instance (EC2) and the tasks placed on it; \"boot\" while it starts, \"drain\" while it is DRAINING.",
            );
            add(
                "healthy",
                "H ≥ L: tasks counted healthy must stay at or above the lower limit L = ceil(desired x minimum healthy %).",
            );
            add(
                "in flight",
                "F ≤ U: tasks from PROVISIONING to RUNNING must stay at or below the upper limit U = floor(desired x maximum %).",
            );
            add(
                "old / new",
                "live tasks being replaced and replacing them, with their revisions; in a rollback the failed revision's tasks are replaced by the revision rolled back to.",
            );
            add(
                "stop 4 (6/0)",
                "a batch as AWS narrates it: 4 old tasks stopped, leaving 6 old and 0 new live; \"start 4 (6/4)\" then starts 4 new ones.",
            );
        }
        Tab::BlueGreen => {
            add(
                "stage",
                "the stage the deployment is in (ECS lifecycle stages, or CodeDeploy's lifecycle events), done ones ticked ✓ and the current one in brackets.",
            );
            add(
                "█ ▒",
                "the traffic split: blue's share drawn █, green's ▒; production traffic from users, test traffic from the test listener.",
            );
            add(
                "blue rev 1",
                "the revision running before the deployment; it keeps serving until production traffic moves, and runs on through the bake time.",
            );
            add(
                "green rev 2",
                "the new revision: it scales up to the desired count beside blue before any traffic reaches it.",
            );
            add(
                "[2 ok]",
                "one task: its revision, then its state (the states are those of the rolling update).",
            );
            add(
                "alarm",
                "the deployment's CloudWatch alarm: in ALARM before the clean-up it moves all traffic back to blue and removes green.",
            );
        }
        Tab::Placement => {
            add(
                "us-east-1a",
                "an Availability Zone, and under it its container instances: id, instance type, the tasks placed on it, and the CPU units and memory (MiB) reserved of what it registered.",
            );
            add(
                "▶i-3",
                "the instance the newest task went to; ✗ marks instances that task could not use (no room, or a constraint excludes them).",
            );
            add(
                "why",
                "how ECS chose: the instances with room for the task's CPU and memory, then those every constraint allows, then each strategy in order keeps the ones it ranks best; among several left, the simulator takes the one with the fewest tasks, then the lowest id.",
            );
            add(
                "spread",
                "spread(attribute:ecs.availability-zone) keeps the instances in the AZ with the fewest tasks of the service; spread(instanceId) the instances with the fewest tasks.",
            );
            add(
                "binpack",
                "binpack(memory) or binpack(cpu) keeps the instance with the least of that left that still fits the task, so fewer instances are used.",
            );
            add(
                "constraints",
                "distinctInstance: no two tasks of the service on one instance. memberOf(expression): only instances the expression matches. Constraints are binding: a task no instance satisfies is not placed.",
            );
            add(
                "[1 ok]",
                "one task: its revision, then its state (the states are those of the rolling update).",
            );
        }
        Tab::Scaling => {
            add(
                "minute 7",
                "the numbers of the latest minute: the first policy's metric, desired, running and pending tasks, the scalable target's range, demand no task could take, and each capacity provider's instances and reservation.",
            );
            for (meaning, marker) in MARKS {
                add(&glyph(marker).to_string(), meaning);
            }
        }
    }
    lines
}
