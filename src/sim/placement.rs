//! Task placement on container instances (the rules and sources are in
//! [`config::placement`](super::config)): the instances with room for the task, then those
//! every constraint allows, then the strategies in order, each keeping the instances it
//! ranks best; among several left, the one with the fewest tasks, then the lowest id
//! \[Model\].
//!
//! With [`ModelChoices::explain_placement`](super::config::ModelChoices) each placement is
//! recorded as a [`PlacementWhy`]: what each step excluded or kept.

use std::fmt;

use rand::RngExt;
use serde::Serialize;

use super::cluster::InstanceState;
use super::config::{PlacementConstraint, PlacementStrategy, az_name};
use super::simulation::Simulation;
use super::task::{InstanceId, TaskId};

/// An instance as a placement explanation names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Its id (`i-3`).
    pub id: InstanceId,
    /// Its AZ index.
    pub az: u8,
    /// Its instance type.
    pub type_name: String,
}

impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "i-{}", self.id)
    }
}

/// Why a task went where it went, or why it could not be placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementWhy {
    /// The task placed (`None` when it could not be).
    pub task: Option<TaskId>,
    /// Where it went.
    pub chosen: Option<Candidate>,
    /// Active instances considered.
    pub considered: u32,
    /// Instances without the CPU or memory the task needs.
    pub no_room: Vec<Candidate>,
    /// Instances a constraint excluded, with the constraint.
    pub excluded: Vec<(Candidate, String)>,
    /// After each strategy, the instances it kept (ranked best, ties).
    pub steps: Vec<(PlacementStrategy, Vec<Candidate>)>,
    /// Several were left after the strategies: the fewest tasks, then the lowest id, chose.
    pub tie_break: bool,
}

fn list(c: &[Candidate]) -> String {
    c.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl PlacementWhy {
    /// The filtering in words: `all 6 instances have room`, or `of 6 instances, i-2 has no
    /// room for its CPU and memory; distinctInstance excludes i-1, i-4`.
    pub fn filters(&self) -> String {
        let n = self.considered;
        if self.no_room.is_empty() && self.excluded.is_empty() {
            return match n {
                0 => "the cluster has no active instance".to_string(),
                1 => "the only instance has room".to_string(),
                _ => format!("all {n} instances have room"),
            };
        }
        let mut parts = vec![format!(
            "of {n} {}",
            if n == 1 { "instance" } else { "instances" }
        )];
        if !self.no_room.is_empty() {
            parts.push(format!(
                "{} {} no room for its CPU and memory",
                list(&self.no_room),
                if self.no_room.len() == 1 {
                    "has"
                } else {
                    "have"
                }
            ));
        }
        let mut by: Vec<(String, Vec<Candidate>)> = Vec::new();
        for (c, rule) in &self.excluded {
            match by.iter_mut().find(|(r, _)| r == rule) {
                Some((_, v)) => v.push(c.clone()),
                None => by.push((rule.clone(), vec![c.clone()])),
            }
        }
        for (rule, cs) in by {
            parts.push(format!("{rule} excludes {}", list(&cs)));
        }
        let head = parts.remove(0);
        format!("{head}, {}", parts.join("; "))
    }

    /// The strategies in words: `spread(attribute:ecs.availability-zone) keeps i-3, i-6;
    /// binpack(memory) keeps i-3`.
    pub fn ranking(&self) -> String {
        let mut parts: Vec<String> = self
            .steps
            .iter()
            .map(|(s, kept)| format!("{} keeps {}", s.api(), list(kept)))
            .collect();
        if self.tie_break {
            parts.push("of those, the one with the fewest tasks, then the lowest id".into());
        }
        parts.join("; ")
    }
}

impl fmt::Display for PlacementWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.chosen {
            Some(c) => {
                let task = self.task.map(|t| format!("task {t} ")).unwrap_or_default();
                write!(
                    f,
                    "{task}placed on {c} ({}, {}): {}",
                    az_name(c.az),
                    c.type_name,
                    self.filters()
                )?;
                let ranking = self.ranking();
                if !ranking.is_empty() {
                    write!(f, "; {ranking}")?;
                }
                Ok(())
            }
            None => write!(
                f,
                "unable to place a task because no container instance met all of its requirements: {}",
                self.filters()
            ),
        }
    }
}

/// How a candidate ranks: the strategies' keys in order (up to four), then its task count,
/// then its id; the lowest key wins. Ids are unique, so no two keys are equal.
type Key = [i64; 6];

/// Why an instance is not a candidate.
enum Skip<'a> {
    /// It lacks the CPU or memory the task needs.
    NoRoom,
    /// The first constraint it breaks.
    Constraint(&'a PlacementConstraint),
}

impl Simulation {
    fn candidate(&self, ii: usize) -> Candidate {
        let inst = &self.instances[ii];
        Candidate {
            id: inst.id,
            az: inst.az,
            type_name: inst.type_name.clone(),
        }
    }

    /// Rank every active instance of `provider` for a new task, in instance order: `visit`
    /// gets each one's index and its key, or why it is not a candidate. Aggregates a
    /// strategy or constraint needs (tasks per AZ, instances a live task occupies) are
    /// counted once per call, and only when in force.
    fn rank_instances(
        &mut self,
        provider: Option<usize>,
        mut visit: impl FnMut(usize, Result<Key, Skip<'_>>),
    ) {
        let Simulation {
            cfg,
            instances,
            tasks,
            place_rng,
            ..
        } = self;
        let size = cfg.service.task_size;
        let strategies = &cfg.service.placement[..cfg.service.placement.len().min(4)];
        let constraints = &cfg.service.placement_constraints;
        let mut az_tasks = Vec::new();
        if strategies.contains(&PlacementStrategy::SpreadAz) {
            az_tasks = vec![0i64; usize::from(cfg.cluster.availability_zones.max(1))];
            for inst in instances.iter() {
                if let Some(c) = az_tasks.get_mut(usize::from(inst.az)) {
                    *c += i64::from(inst.tasks - inst.daemon_tasks);
                }
            }
        }
        // Instances a live task (not being stopped) occupies, for distinctInstance.
        let mut occupied = Vec::new();
        if constraints.contains(&PlacementConstraint::DistinctInstance) {
            occupied = vec![false; instances.len()];
            for task in tasks.iter().filter(|t| t.is_live()) {
                if let Some(id) = task.instance()
                    && let Ok(ii) = instances.binary_search_by_key(&id, |i| i.id)
                {
                    occupied[ii] = true;
                }
            }
        }
        for (ii, inst) in instances.iter().enumerate() {
            if inst.state != InstanceState::Active || inst.provider != provider {
                continue;
            }
            if !inst.fits(size) {
                visit(ii, Err(Skip::NoRoom));
                continue;
            }
            let broken = constraints.iter().find(|c| match c {
                PlacementConstraint::DistinctInstance => occupied[ii],
                PlacementConstraint::MemberOf(e) => !e.matches(&inst.type_name, inst.az),
            });
            if let Some(rule) = broken {
                visit(ii, Err(Skip::Constraint(rule)));
                continue;
            }
            let mut key: Key = [0; 6];
            for (k, s) in strategies.iter().enumerate() {
                key[k] = match s {
                    PlacementStrategy::SpreadAz => {
                        az_tasks.get(usize::from(inst.az)).copied().unwrap_or(0)
                    }
                    PlacementStrategy::SpreadInstance => i64::from(inst.tasks - inst.daemon_tasks),
                    PlacementStrategy::BinpackCpu => i64::from(inst.cpu_free() - size.cpu),
                    PlacementStrategy::BinpackMemory => i64::from(inst.memory_free() - size.memory),
                    PlacementStrategy::Random => i64::from(place_rng.random::<u32>()),
                };
            }
            key[4] = i64::from(inst.tasks - inst.daemon_tasks);
            key[5] = i64::from(inst.id);
            visit(ii, Ok(key));
        }
    }

    /// The best active instance for a new task (of `provider`'s instances), or `None`. With
    /// placement explained, the reasons are kept for [`Simulation::take_placement_why`].
    pub(super) fn choose_instance(&mut self, provider: Option<usize>) -> Option<InstanceId> {
        if self.cfg.model.explain_placement {
            return self.choose_instance_explained(provider);
        }
        let mut best: Option<(Key, usize)> = None;
        self.rank_instances(provider, |ii, ranked| {
            if let Ok(key) = ranked
                && best.is_none_or(|(b, _)| key < b)
            {
                best = Some((key, ii));
            }
        });
        best.map(|(_, ii)| self.instances[ii].id)
    }

    /// [`Simulation::choose_instance`] keeping what each step excluded or kept.
    #[cold]
    #[inline(never)]
    fn choose_instance_explained(&mut self, provider: Option<usize>) -> Option<InstanceId> {
        let mut considered = 0;
        let mut no_room = Vec::new();
        let mut excluded = Vec::new();
        let mut keyed: Vec<(Key, usize)> = Vec::new();
        self.rank_instances(provider, |ii, ranked| {
            considered += 1;
            match ranked {
                Ok(key) => keyed.push((key, ii)),
                Err(Skip::NoRoom) => no_room.push(ii),
                Err(Skip::Constraint(rule)) => excluded.push((ii, rule.to_string())),
            }
        });
        let best = keyed.iter().min_by_key(|(k, _)| *k).map(|(_, ii)| *ii);
        // Each strategy keeps the candidates that rank best so far.
        let mut steps = Vec::new();
        let mut left: Vec<&(Key, usize)> = keyed.iter().collect();
        for (k, s) in self.cfg.service.placement.iter().take(4).enumerate() {
            let min = left.iter().map(|(key, _)| key[k]).min();
            left.retain(|(key, _)| Some(key[k]) == min);
            let kept = left.iter().map(|(_, ii)| self.candidate(*ii)).collect();
            steps.push((*s, kept));
        }
        self.placement_why = Some(PlacementWhy {
            task: None,
            chosen: best.map(|ii| self.candidate(ii)),
            considered,
            no_room: no_room.into_iter().map(|ii| self.candidate(ii)).collect(),
            excluded: excluded
                .into_iter()
                .map(|(ii, rule)| (self.candidate(ii), rule))
                .collect(),
            steps,
            tie_break: left.len() > 1,
        });
        best.map(|ii| self.instances[ii].id)
    }

    /// The explanation of the last [`Simulation::choose_instance`] (with placement
    /// explained), for the task it was for.
    pub(super) fn take_placement_why(&mut self, task: Option<TaskId>) -> Option<PlacementWhy> {
        let mut why = self.placement_why.take()?;
        why.task = task;
        Some(why)
    }
}
