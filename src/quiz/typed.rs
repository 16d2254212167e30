//! Typed answers: lenient matching (case, surrounding spaces and punctuation do not count)
//! and "almost" for one or two typos, with the difference to show.

use crate::content::edit_distance;

/// The verdict on a typed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypedVerdict {
    /// Matches accepted answer number `index`.
    Right {
        index: usize,
    },
    /// One or two typos away from accepted answer number `index`; `diff` aligns what was
    /// typed with it.
    Almost {
        index: usize,
        diff: Vec<DiffOp>,
    },
    Wrong,
}

/// One step of the alignment between the typed answer and the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffOp {
    /// The same character in both.
    Same(char),
    /// Expected but not typed.
    Missing(char),
    /// Typed but not expected.
    Extra(char),
    /// Typed `typed` where `expected` was expected.
    Changed { typed: char, expected: char },
}

/// The form answers are compared in: lowercase, punctuation as spaces, spaces collapsed.
pub fn normalize_answer(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// How many typos an answer of `len` characters tolerates.
fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Check a typed answer against the accepted ones.
pub fn check_typed(input: &str, accepted: &[String]) -> TypedVerdict {
    let typed = normalize_answer(input);
    if typed.is_empty() {
        return TypedVerdict::Wrong;
    }
    let normalized: Vec<String> = accepted.iter().map(|a| normalize_answer(a)).collect();
    if let Some(index) = normalized.iter().position(|a| *a == typed) {
        return TypedVerdict::Right { index };
    }
    let best = normalized
        .iter()
        .enumerate()
        .map(|(i, a)| (edit_distance(&typed, a), i))
        .filter(|&(d, i)| d <= tolerance(normalized[i].chars().count()))
        .min();
    match best {
        Some((_, index)) => TypedVerdict::Almost {
            index,
            diff: diff(&typed, &normalized[index]),
        },
        None => TypedVerdict::Wrong,
    }
}

/// Align `typed` with `expected` by edit distance and return the steps.
pub fn diff(typed: &str, expected: &str) -> Vec<DiffOp> {
    let a: Vec<char> = typed.chars().collect();
    let b: Vec<char> = expected.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
        }
    }
    let mut ops = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]) {
            ops.push(if a[i - 1] == b[j - 1] {
                DiffOp::Same(a[i - 1])
            } else {
                DiffOp::Changed {
                    typed: a[i - 1],
                    expected: b[j - 1],
                }
            });
            i -= 1;
            j -= 1;
        } else if j > 0 && d[i][j] == d[i][j - 1] + 1 {
            ops.push(DiffOp::Missing(b[j - 1]));
            j -= 1;
        } else {
            ops.push(DiffOp::Extra(a[i - 1]));
            i -= 1;
        }
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn case_spaces_and_punctuation_do_not_count() {
        let accepted = answers(&["awslogs", "the awslogs driver"]);
        assert_eq!(
            check_typed("  AWSLogs. ", &accepted),
            TypedVerdict::Right { index: 0 }
        );
        assert_eq!(
            check_typed("The awslogs-driver!", &accepted),
            TypedVerdict::Right { index: 1 }
        );
        assert_eq!(
            normalize_answer("ECS_ENABLE_TASK_IAM_ROLE"),
            "ecs enable task iam role"
        );
        assert_eq!(check_typed("", &accepted), TypedVerdict::Wrong);
        assert_eq!(check_typed("...", &accepted), TypedVerdict::Wrong);
    }

    #[test]
    fn one_or_two_typos_are_almost_with_the_difference() {
        let accepted = answers(&["Application Auto Scaling"]);
        let TypedVerdict::Almost { index, diff } =
            check_typed("aplication auto scalling", &accepted)
        else {
            panic!("expected almost");
        };
        assert_eq!(index, 0);
        assert_eq!(
            diff.iter()
                .filter(|d| !matches!(d, DiffOp::Same(_)))
                .count(),
            2
        );
        assert!(diff.contains(&DiffOp::Missing('p')));
        assert!(diff.contains(&DiffOp::Extra('l')));
        assert_eq!(
            check_typed("aplikashun otto scaling", &accepted),
            TypedVerdict::Wrong
        );
    }

    #[test]
    fn short_answers_need_to_be_exact() {
        let accepted = answers(&["ALB", "awsvpc"]);
        assert_eq!(check_typed("NLB", &accepted), TypedVerdict::Wrong);
        assert!(matches!(
            check_typed("awsvcp", &accepted),
            TypedVerdict::Almost { index: 1, .. }
        ));
    }

    #[test]
    fn diff_reconstructs_both_strings() {
        let ops = diff("fargte", "fargate");
        let typed: String = ops
            .iter()
            .filter_map(|o| match o {
                DiffOp::Same(c) | DiffOp::Extra(c) | DiffOp::Changed { typed: c, .. } => Some(*c),
                DiffOp::Missing(_) => None,
            })
            .collect();
        let expected: String = ops
            .iter()
            .filter_map(|o| match o {
                DiffOp::Same(c) | DiffOp::Missing(c) | DiffOp::Changed { expected: c, .. } => {
                    Some(*c)
                }
                DiffOp::Extra(_) => None,
            })
            .collect();
        assert_eq!((typed.as_str(), expected.as_str()), ("fargte", "fargate"));
    }
}
