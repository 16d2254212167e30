//! Task placement on EC2 container instances: strategies (best effort, ranked in order) and
//! constraints (binding), with the cluster query language subset the constraints use.
//!
//! Sources:
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html> (the
//! order: resources, then constraints, then strategies),
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/strategy-examples.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/constraint-examples.html>,
//! <https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html>.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ConfigError;

/// One placement strategy. A service takes up to 4, applied in order: each keeps the
/// instances it ranks best, the next one chooses among those.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementStrategy {
    /// spread on `attribute:ecs.availability-zone` (the service default).
    SpreadAz,
    /// spread on `instanceId`.
    SpreadInstance,
    /// binpack on CPU.
    BinpackCpu,
    /// binpack on memory.
    BinpackMemory,
    /// random.
    Random,
}

impl PlacementStrategy {
    /// As the API writes it: `spread(attribute:ecs.availability-zone)`, `binpack(memory)`.
    pub fn api(self) -> &'static str {
        match self {
            PlacementStrategy::SpreadAz => "spread(attribute:ecs.availability-zone)",
            PlacementStrategy::SpreadInstance => "spread(instanceId)",
            PlacementStrategy::BinpackCpu => "binpack(cpu)",
            PlacementStrategy::BinpackMemory => "binpack(memory)",
            PlacementStrategy::Random => "random",
        }
    }
}

/// The availability zone names of the simulated Region \[Model: us-east-1\].
pub fn az_name(az: u8) -> String {
    format!("us-east-1{}", char::from(b'a' + az.min(25)))
}

/// The AZ index of a name: `us-east-1b`, or just `b`.
pub fn az_index(name: &str) -> Option<u8> {
    let letter = name.trim().strip_prefix("us-east-1").unwrap_or(name.trim());
    let mut chars = letter.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'a'..='z'), None) => Some(c as u8 - b'a'),
        _ => None,
    }
}

/// What a constraint's expression looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// `attribute:ecs.instance-type`.
    InstanceType,
    /// `attribute:ecs.availability-zone`.
    AvailabilityZone,
}

impl Attribute {
    fn name(self) -> &'static str {
        match self {
            Attribute::InstanceType => "attribute:ecs.instance-type",
            Attribute::AvailabilityZone => "attribute:ecs.availability-zone",
        }
    }
}

/// A comparison of the cluster query language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// `==`
    Equals,
    /// `!=`
    NotEquals,
    /// `=~` (a pattern: `.` any character, `*` any number of the one before it)
    Matches,
    /// `in [a, b]`
    In,
    /// `not_in [a, b]`
    NotIn,
}

impl Operator {
    fn symbol(self) -> &'static str {
        match self {
            Operator::Equals => "==",
            Operator::NotEquals => "!=",
            Operator::Matches => "=~",
            Operator::In => "in",
            Operator::NotIn => "not_in",
        }
    }
}

/// A `memberOf` expression: `attribute:ecs.instance-type =~ t3.*`,
/// `attribute:ecs.availability-zone in [us-east-1a, us-east-1b]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expression {
    /// What it looks at.
    pub attribute: Attribute,
    /// How it compares.
    pub operator: Operator,
    /// One value, or the list of `in` / `not_in`.
    pub values: Vec<String>,
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.operator {
            Operator::In | Operator::NotIn => write!(
                f,
                "{} {} [{}]",
                self.attribute.name(),
                self.operator.symbol(),
                self.values.join(", ")
            ),
            _ => write!(
                f,
                "{} {} {}",
                self.attribute.name(),
                self.operator.symbol(),
                self.values.first().map_or("", String::as_str)
            ),
        }
    }
}

impl Expression {
    /// Parse the subset of the cluster query language the simulator models.
    pub fn parse(text: &str) -> Result<Expression, ConfigError> {
        let bad = |why: &str| ConfigError::Placement {
            reason: format!("`{text}`: {why}"),
        };
        let text_t = text.trim();
        let (subject, rest) = text_t
            .split_once(char::is_whitespace)
            .ok_or_else(|| bad("write `attribute:ecs.instance-type == t3.medium`"))?;
        let attribute = match subject {
            "attribute:ecs.instance-type" => Attribute::InstanceType,
            "attribute:ecs.availability-zone" => Attribute::AvailabilityZone,
            _ => {
                return Err(bad(
                    "the simulator knows attribute:ecs.instance-type and attribute:ecs.availability-zone",
                ));
            }
        };
        let rest = rest.trim();
        let (op, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let operator = match op {
            "==" => Operator::Equals,
            "!=" => Operator::NotEquals,
            "=~" => Operator::Matches,
            "in" => Operator::In,
            "not_in" => Operator::NotIn,
            _ => return Err(bad("use ==, !=, =~, in or not_in")),
        };
        let arg = arg.trim();
        let values: Vec<String> = match operator {
            Operator::In | Operator::NotIn => {
                let inner = arg
                    .strip_prefix('[')
                    .and_then(|a| a.strip_suffix(']'))
                    .ok_or_else(|| bad("`in` takes a list: [us-east-1a, us-east-1b]"))?;
                inner
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect()
            }
            _ => vec![arg.to_string()],
        };
        if values.is_empty() || values.iter().any(|v| v.is_empty() || v.contains(' ')) {
            return Err(bad("a value is missing"));
        }
        Ok(Expression {
            attribute,
            operator,
            values,
        })
    }

    /// Whether an instance of type `type_name` in AZ `az` matches.
    pub fn matches(&self, type_name: &str, az: u8) -> bool {
        let value = match self.attribute {
            Attribute::InstanceType => type_name.to_string(),
            Attribute::AvailabilityZone => az_name(az),
        };
        let first = self.values.first().map_or("", String::as_str);
        match self.operator {
            Operator::Equals => value == first,
            Operator::NotEquals => value != first,
            Operator::Matches => pattern_matches(first, &value),
            Operator::In => self.values.contains(&value),
            Operator::NotIn => !self.values.contains(&value),
        }
    }
}

/// A whole-string match of a pattern where `.` is any character and `*` repeats the item
/// before it any number of times (the part of Java regular expressions the documented
/// examples use, such as `t2.*`).
fn pattern_matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    fn at(p: &[char], t: &[char]) -> bool {
        match p {
            [] => t.is_empty(),
            [c, '*', rest @ ..] => {
                let mut i = 0;
                loop {
                    if at(rest, &t[i..]) {
                        return true;
                    }
                    if i < t.len() && (*c == '.' || t[i] == *c) {
                        i += 1;
                    } else {
                        return false;
                    }
                }
            }
            [c, rest @ ..] => !t.is_empty() && (*c == '.' || t[0] == *c) && at(rest, &t[1..]),
        }
    }
    at(&p, &t)
}

/// A task placement constraint (binding: a task no instance satisfies is not placed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementConstraint {
    /// `distinctInstance`: each active task of the service on a different instance (tasks
    /// whose desired status is STOPPED do not count).
    DistinctInstance,
    /// `memberOf` with an expression.
    MemberOf(Expression),
}

impl fmt::Display for PlacementConstraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementConstraint::DistinctInstance => f.write_str("distinctInstance"),
            PlacementConstraint::MemberOf(e) => write!(f, "memberOf({e})"),
        }
    }
}

/// The EC2 instance types the simulator knows by name: (name, CPU units, installed MiB).
pub const INSTANCE_TYPES: [(&str, u32, u32); 10] = [
    ("t2.small", 1024, 2048),
    ("t2.medium", 2048, 4096),
    ("t3.medium", 2048, 4096),
    ("t3.large", 2048, 8192),
    ("c5.large", 2048, 4096),
    ("c5.xlarge", 4096, 8192),
    ("m5.large", 2048, 8192),
    ("m5.xlarge", 4096, 16384),
    ("r5.large", 2048, 16384),
    ("r5.xlarge", 4096, 32768),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_expressions_parse_and_match() {
        let t2 = Expression::parse("attribute:ecs.instance-type =~ t2.*").expect("t2");
        assert!(t2.matches("t2.small", 0));
        assert!(!t2.matches("t3.small", 0));
        assert!(!t2.matches("m5.large", 0));
        let az = Expression::parse("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]")
            .expect("in");
        assert!(az.matches("m5.large", 0) && az.matches("m5.large", 1));
        assert!(!az.matches("m5.large", 2));
        assert_eq!(
            az.to_string(),
            "attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"
        );
        let ne = Expression::parse("attribute:ecs.instance-type != t2.small").expect("ne");
        assert!(ne.matches("t2.medium", 0) && !ne.matches("t2.small", 0));
        assert!(Expression::parse("task:group == databases").is_err());
        assert!(Expression::parse("attribute:ecs.instance-type >= 3").is_err());
        assert!(Expression::parse("attribute:ecs.availability-zone in us-east-1a").is_err());
    }

    #[test]
    fn az_names() {
        assert_eq!(az_name(1), "us-east-1b");
        assert_eq!(az_index("us-east-1c"), Some(2));
        assert_eq!(az_index("a"), Some(0));
        assert_eq!(az_index("eu-west-1a"), None);
    }
}
