//! Mock-exam profiles: the `[[exams]]` tables of a pack's manifest (`pack.toml`).
//!
//! ```toml
//! [[exams]]
//! id = "full"
//! title = "Full mock exam"
//! questions = 65
//! minutes = 130
//! pass_mark = 720                      # on the scaled score, 100 to 1000
//! kinds = ["choice", "multi", "truefalse"]   # optional; "typed" and "cloze" may be added
//!
//! [exams.weights]                      # percent per domain: a topic id, or "tag:NAME"
//! launch-types = 40
//! iam-roles = 35
//! "tag:fargate" = 25
//! ```
//!
//! Each profile is checked where it is written (fields, ranges, kinds, weights summing to
//! 100) and then against the whole pack (every domain names a declared topic or a tag some
//! card carries, and each domain holds enough questions of the allowed kinds for its share).

use std::collections::HashMap;
use std::ops::RangeInclusive;

use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, Severity, did_you_mean};
use super::schema::{Cx, Span};
use super::source::SourceFile;
use super::{Card, CardKind, Topic};

/// The card kinds an exam draws when its profile does not say.
pub const DEFAULT_EXAM_KINDS: [CardKind; 3] =
    [CardKind::Choice, CardKind::Multi, CardKind::TrueFalse];

/// The lowest and highest scaled score (as AWS reports it).
pub const SCALED_MIN: u32 = 100;
/// The highest scaled score.
pub const SCALED_MAX: u32 = 1000;

const FIELDS: &[&str] = &[
    "id",
    "title",
    "questions",
    "minutes",
    "pass_mark",
    "kinds",
    "weights",
];

/// A mock exam as the pack defines it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExamProfile {
    /// Stable id within the pack.
    pub id: String,
    pub title: String,
    /// How many questions are drawn.
    pub questions: u32,
    /// The time allowed.
    pub minutes: u32,
    /// The pass mark on the 100–1000 scaled score.
    pub pass_mark: u32,
    /// The card kinds questions are drawn from.
    pub kinds: Vec<CardKind>,
    /// The domains and their weights (summing to 100).
    pub domains: Vec<ExamDomain>,
}

/// One weighted domain of an exam.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ExamDomain {
    pub domain: Domain,
    /// Percent of the questions.
    pub weight: f64,
}

/// What a domain covers: the cards of one topic, or the cards carrying one tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Domain {
    Topic(String),
    Tag(String),
}

impl Domain {
    /// The key as written in `[exams.weights]` (`launch-types`, `tag:fargate`); also how
    /// results are stored.
    pub fn key(&self) -> String {
        match self {
            Domain::Topic(t) => t.clone(),
            Domain::Tag(t) => format!("tag:{t}"),
        }
    }

    /// The domain written as `key`.
    pub fn from_key(key: &str) -> Domain {
        match key.strip_prefix("tag:") {
            Some(tag) => Domain::Tag(tag.to_string()),
            None => Domain::Topic(key.to_string()),
        }
    }

    /// Whether `card` belongs to this domain.
    pub fn matches(&self, card: &Card) -> bool {
        match self {
            Domain::Topic(t) => card.topic == *t,
            Domain::Tag(t) => card.tags.iter().any(|x| x == t),
        }
    }
}

impl ExamProfile {
    /// Whether the profile draws questions from `card`'s kind.
    pub fn accepts(&self, card: &Card) -> bool {
        self.kinds.contains(&card.body.kind())
    }

    /// How many questions each domain gets, in domain order: each its share of
    /// [`ExamProfile::questions`], rounded by largest remainder so they add up exactly.
    pub fn quotas(&self) -> Vec<u32> {
        quotas(
            self.questions,
            &self.domains.iter().map(|d| d.weight).collect::<Vec<_>>(),
        )
    }

    /// The scaled score (100–1000) for `right` of `total` questions right: linear, so that
    /// none right is 100 and all right is 1000 (rounded to the nearest whole point).
    pub fn scaled_score(right: u32, total: u32) -> u32 {
        if total == 0 {
            return SCALED_MIN;
        }
        let span = f64::from(SCALED_MAX - SCALED_MIN);
        let score = f64::from(SCALED_MIN) + span * f64::from(right.min(total)) / f64::from(total);
        score.round() as u32
    }

    /// The fewest right answers out of `total` that reach the pass mark.
    pub fn right_needed(&self, total: u32) -> u32 {
        (0..=total)
            .find(|&r| Self::scaled_score(r, total) >= self.pass_mark)
            .unwrap_or(total)
    }
}

/// Split `n` by `weights` (any positive scale): floor of each share, then the remaining
/// units to the largest fractional parts (earlier domains win ties).
pub fn quotas(n: u32, weights: &[f64]) -> Vec<u32> {
    let total: f64 = weights.iter().sum();
    if weights.is_empty() || total <= 0.0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| f64::from(n) * w / total).collect();
    let mut out: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let given: u32 = out.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = exact[a] - exact[a].floor();
        let fb = exact[b] - exact[b].floor();
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(n.saturating_sub(given) as usize) {
        out[i] += 1;
    }
    out
}

/// A profile as read from its file, with the spans the pack-level checks point at.
#[derive(Debug)]
pub(crate) struct PendingExam {
    pub profile: ExamProfile,
    pub id_span: Span,
    /// The span of each domain's key, in domain order.
    pub domain_spans: Vec<Span>,
}

/// Read one `[[exams]]` table; `None` (with the problems reported) when it cannot be used.
pub(crate) fn read(cx: &mut Cx<'_>, t: &DeTable<'_>, span: Span) -> Option<PendingExam> {
    cx.unknown_keys(t, FIELDS, "an exam profile");
    let id = match t.get("id") {
        Some(v) => cx.id(v, &"the exam `id`"),
        None => {
            cx.missing(&span, "id", "an exam profile", "\"full\"");
            None
        }
    };
    let owner = match &id {
        Some(id) => format!("exam `{id}`"),
        None => "an exam profile".to_string(),
    };
    let title = match t.get("title") {
        Some(v) => cx.text(v, &format_args!("the `title` of {owner}")),
        None => {
            cx.missing(&span, "title", &owner, "\"Full mock exam\"");
            None
        }
    };
    let count = |cx: &mut Cx<'_>, field: &str, range: RangeInclusive<u32>, example: &str| match t
        .get(field)
    {
        Some(v) => cx.uint(v, &format_args!("the `{field}` of {owner}"), range),
        None => {
            cx.missing(&span, field, &owner, example);
            None
        }
    };
    let questions = count(cx, "questions", 1..=500, "65");
    let minutes = count(cx, "minutes", 1..=1440, "130");
    let pass_mark = count(cx, "pass_mark", SCALED_MIN..=SCALED_MAX, "720");
    let kinds = match t.get("kinds") {
        Some(v) => kinds(cx, v, &owner),
        None => Some(DEFAULT_EXAM_KINDS.to_vec()),
    };
    let weights = match t.get("weights") {
        Some(v) => weights(cx, v, &owner),
        None => {
            cx.missing(&span, "weights", &owner, "{ my-topic = 100 }");
            None
        }
    };
    let (domains, domain_spans) = weights?;
    Some(PendingExam {
        profile: ExamProfile {
            id: id?,
            title: title?,
            questions: questions?,
            minutes: minutes?,
            pass_mark: pass_mark?,
            kinds: kinds?,
            domains,
        },
        id_span: t.get("id").map_or(span, |v| v.span()),
        domain_spans,
    })
}

fn kinds(cx: &mut Cx<'_>, v: &toml::Spanned<DeValue<'_>>, owner: &str) -> Option<Vec<CardKind>> {
    let names = cx.string_list(
        v,
        &format_args!("the `kinds` of {owner}"),
        "`kinds = [\"choice\", \"multi\", \"truefalse\"]`",
    )?;
    let DeValue::Array(arr) = v.get_ref() else {
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (name, elem) in names.iter().zip(arr.iter()) {
        match CardKind::from_name(name) {
            Some(CardKind::Basic) => {
                cx.error(
                    elem.span(),
                    format!("{owner} cannot draw `basic` cards"),
                    "flashcards are graded by the learner, so an exam cannot score them; \
                     use choice, multi, truefalse, typed or cloze",
                );
                ok = false;
            }
            Some(k) => {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
            None => {
                let kinds = ["choice", "multi", "truefalse", "typed", "cloze"];
                let help = match did_you_mean(name, kinds) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("an exam draws {}", kinds.join(", ")),
                };
                cx.error(elem.span(), format!("unknown card kind `{name}`"), help);
                ok = false;
            }
        }
    }
    if ok && out.is_empty() {
        cx.error(
            v.span(),
            format!("{owner} allows no card kinds"),
            "list at least one, e.g. `kinds = [\"choice\"]`",
        );
        return None;
    }
    ok.then_some(out)
}

type Weights = (Vec<ExamDomain>, Vec<Span>);

fn weights(cx: &mut Cx<'_>, v: &toml::Spanned<DeValue<'_>>, owner: &str) -> Option<Weights> {
    let DeValue::Table(table) = v.get_ref() else {
        cx.wrong_type(
            v,
            &format_args!("the `weights` of {owner}"),
            "a table of percentages",
            "`[exams.weights]` with lines such as `launch-types = 20`",
        );
        return None;
    };
    let mut domains = Vec::new();
    let mut spans = Vec::new();
    let mut ok = true;
    // In the order written (the table iterates by key).
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        let domain = Domain::from_key(name);
        let id = match &domain {
            Domain::Topic(t) | Domain::Tag(t) => t,
        };
        if !super::schema::valid_id(id) && matches!(domain, Domain::Topic(_)) {
            cx.error(
                key.span(),
                format!("`{name}` in the `weights` of {owner} is not a topic id"),
                "write a topic id declared in [[topics]], or `\"tag:NAME\"` for a tag",
            );
            ok = false;
            continue;
        }
        if id.is_empty() {
            cx.error(
                key.span(),
                format!("`{name}` in the `weights` of {owner} names no tag"),
                "write the tag after `tag:`, e.g. `\"tag:fargate\" = 10`",
            );
            ok = false;
            continue;
        }
        let what = format_args!("the weight of `{name}` in {owner}");
        match cx.number(value, &what, 0.0, 100.0) {
            Some(w) if w > 0.0 => {
                domains.push(ExamDomain { domain, weight: w });
                spans.push(key.span());
            }
            Some(_) => {
                cx.error(
                    value.span(),
                    format!("the weight of `{name}` in {owner} is 0"),
                    "give the domain a share above 0, or remove the line",
                );
                ok = false;
            }
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    if domains.is_empty() {
        cx.error(
            v.span(),
            format!("{owner} has no weighted domains"),
            "add lines such as `launch-types = 100` under [exams.weights]",
        );
        return None;
    }
    let sum: f64 = domains.iter().map(|d| d.weight).sum();
    if (sum - 100.0).abs() > 1e-6 {
        let shown = if sum.fract().abs() < 1e-9 {
            format!("{sum:.0}")
        } else {
            format!("{sum:.2}")
        };
        cx.error(
            v.span(),
            format!("the weights of {owner} add up to {shown}, not 100"),
            "weights are percentages of the questions; make them sum to exactly 100",
        );
        return None;
    }
    Some((domains, spans))
}

/// Check the profiles against the whole pack: duplicate ids, unknown topics or tags, and
/// domains with fewer questions than their share. Returns the profiles that can be used.
pub(crate) fn check(
    pending: Vec<PendingExam>,
    file: &SourceFile,
    topics: &[Topic],
    cards: &[Card],
    diags: &mut Vec<Diagnostic>,
) -> Vec<ExamProfile> {
    let mut out: Vec<ExamProfile> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in pending {
        let profile = p.profile;
        if let Some(line) = seen.get(&profile.id) {
            diags.push(
                Diagnostic::at(
                    Severity::Error,
                    file,
                    p.id_span,
                    format!("duplicate exam id `{}`", profile.id),
                    "give each exam profile its own id",
                )
                .with_note(format!("first defined at {}:{line}", file.path)),
            );
            continue;
        }
        seen.insert(profile.id.clone(), file.line_of(p.id_span.start));
        let mut ok = true;
        let quotas = profile.quotas();
        for ((d, span), quota) in profile.domains.iter().zip(&p.domain_spans).zip(quotas) {
            let known = match &d.domain {
                Domain::Topic(t) => topics.iter().any(|x| x.id == *t),
                Domain::Tag(t) => cards.iter().any(|c| c.tags.iter().any(|x| x == t)),
            };
            if !known {
                ok = false;
                diags.push(unknown_domain(
                    file, span, &d.domain, &profile, topics, cards,
                ));
                continue;
            }
            let pool = cards
                .iter()
                .filter(|c| profile.accepts(c) && d.domain.matches(c))
                .count();
            if (quota as usize) > pool {
                ok = false;
                let kinds: Vec<&str> = profile.kinds.iter().map(|k| k.name()).collect();
                diags.push(Diagnostic::at(
                    Severity::Error,
                    file,
                    span.clone(),
                    format!(
                        "exam `{}` needs {quota} questions from `{}` ({}% of {}), but it holds only {pool} {} {}",
                        profile.id,
                        d.domain.key(),
                        d.weight,
                        profile.questions,
                        kinds.join("/"),
                        if pool == 1 { "card" } else { "cards" }
                    ),
                    format!(
                        "lower its weight to at most {:.0}, lower `questions`, or write more \
                         {} cards for it",
                        (pool as f64 * 100.0 / f64::from(profile.questions)).floor(),
                        kinds.join("/")
                    ),
                ));
            }
        }
        if ok {
            out.push(profile);
        }
    }
    out
}

fn unknown_domain(
    file: &SourceFile,
    span: &Span,
    domain: &Domain,
    profile: &ExamProfile,
    topics: &[Topic],
    cards: &[Card],
) -> Diagnostic {
    let (message, help) = match domain {
        Domain::Topic(t) => {
            let help = match did_you_mean(t, topics.iter().map(|x| x.id.as_str())) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "write a topic id declared in [[topics]], or `\"tag:NAME\"` for a tag"
                    .to_string(),
            };
            (
                format!(
                    "unknown topic `{t}` in the weights of exam `{}`",
                    profile.id
                ),
                help,
            )
        }
        Domain::Tag(t) => {
            let mut tags: Vec<&str> = cards
                .iter()
                .flat_map(|c| c.tags.iter().map(String::as_str))
                .collect();
            tags.sort_unstable();
            tags.dedup();
            let help = match did_you_mean(t, tags.iter().copied()) {
                Some(s) => format!("did you mean `tag:{s}`?"),
                None => "no card carries this tag; tag some cards with it or remove the line"
                    .to_string(),
            };
            (
                format!(
                    "no card has the tag `{t}` (weights of exam `{}`)",
                    profile.id
                ),
                help,
            )
        }
    };
    Diagnostic::at(Severity::Error, file, span.clone(), message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas_add_up_by_largest_remainder() {
        assert_eq!(quotas(20, &[50.0, 30.0, 20.0]), vec![10, 6, 4]);
        // 10 * (1/3) each = 3.33: the first domain takes the extra question.
        assert_eq!(quotas(10, &[1.0, 1.0, 1.0]), vec![4, 3, 3]);
        // 65 * 7% = 4.55, 65 * 13% = 8.45, 65 * 80% = 52: the .55 wins the odd one.
        assert_eq!(quotas(65, &[7.0, 13.0, 80.0]), vec![5, 8, 52]);
        assert_eq!(quotas(3, &[]), Vec::<u32>::new());
        for n in [1, 7, 20, 65, 130] {
            let q = quotas(n, &[5.0, 5.5, 9.5, 30.0, 50.0]);
            assert_eq!(q.iter().sum::<u32>(), n);
        }
    }

    #[test]
    fn scaled_score_is_linear_from_100_to_1000() {
        assert_eq!(ExamProfile::scaled_score(0, 65), 100);
        assert_eq!(ExamProfile::scaled_score(65, 65), 1000);
        // 45 of 65: 100 + 900 * 45 / 65 = 723.08.
        assert_eq!(ExamProfile::scaled_score(45, 65), 723);
        assert_eq!(ExamProfile::scaled_score(44, 65), 709);
        assert_eq!(ExamProfile::scaled_score(14, 20), 730);
        assert_eq!(ExamProfile::scaled_score(0, 0), 100);
    }

    #[test]
    fn right_needed_reaches_the_pass_mark() {
        let p = ExamProfile {
            id: "x".into(),
            title: "x".into(),
            questions: 65,
            minutes: 130,
            pass_mark: 720,
            kinds: DEFAULT_EXAM_KINDS.to_vec(),
            domains: Vec::new(),
        };
        assert_eq!(p.right_needed(65), 45);
        assert_eq!(p.right_needed(20), 14);
    }
}
