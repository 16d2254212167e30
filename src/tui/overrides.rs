//! The user's key bindings from `config.toml` (`[keys.<context>] <action> = keys`), applied
//! over the defaults. Every problem is reported at its line: an unknown context or action
//! (with "did you mean"), a key that does not parse, and a key that another action of a
//! context active at the same time already uses. A colliding override is not applied: both
//! actions keep their default keys, so neither silently disappears.

use std::collections::HashSet;
use std::ops::Range;

use super::action::Action;
use super::keymap::{Ctx, Key, Keymap};
use crate::config::KeyOverrides;
use crate::content::did_you_mean;

/// A problem with a key override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// Where it is in `config.toml`.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: String,
}

/// An override that was applied.
struct Applied {
    ctx: Ctx,
    action: Action,
    span: Range<usize>,
    defaults: Vec<Key>,
}

impl Keymap {
    /// The defaults with the user's overrides applied, and the problems found.
    pub fn with_overrides(overrides: &KeyOverrides) -> (Keymap, Vec<KeyProblem>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let mut applied: Vec<Applied> = Vec::new();
        for (ctx_name, actions) in overrides {
            let name = ctx_name.get_ref();
            let Some(ctx) = Ctx::from_name(name) else {
                let names: Vec<&str> = Ctx::ALL.iter().map(|c| c.name()).collect();
                problems.push(KeyProblem {
                    span: Some(ctx_name.span()),
                    message: format!("[keys.{name}]: unknown context"),
                    help: suggest(name, &names, "contexts"),
                });
                continue;
            };
            let actions_here: Vec<&str> = map
                .bindings()
                .iter()
                .filter(|b| b.ctx == ctx)
                .map(|b| b.action.name())
                .collect();
            for (action_name, keys) in actions {
                let what = format!("[keys.{name}] {}", action_name.get_ref());
                let action = Action::from_name(action_name.get_ref());
                let Some(binding) = action.and_then(|a| map.binding_mut(ctx, a)) else {
                    let message = match action {
                        None => format!("{what}: unknown action"),
                        Some(_) => format!("{what}: not an action of this context"),
                    };
                    problems.push(KeyProblem {
                        span: Some(keys.span.clone()),
                        message,
                        help: suggest(
                            action_name.get_ref(),
                            &actions_here,
                            "this context's actions",
                        ),
                    });
                    continue;
                };
                let parsed: Result<Vec<Key>, String> =
                    keys.keys().into_iter().map(Key::parse).collect();
                match parsed {
                    Ok(parsed) if !parsed.is_empty() => {
                        let defaults = std::mem::replace(&mut binding.keys, parsed);
                        applied.push(Applied {
                            ctx,
                            action: binding.action,
                            span: keys.span.clone(),
                            defaults,
                        });
                    }
                    Ok(_) => problems.push(KeyProblem {
                        span: Some(keys.span.clone()),
                        message: format!("{what}: no key given"),
                        help: "give a key name, such as \"b\", or a list of them".into(),
                    }),
                    Err(e) => problems.push(KeyProblem {
                        span: Some(keys.span.clone()),
                        message: format!("{what}: {e}"),
                        help: "keys are named like a, A, ?, space, enter, esc, tab, up, \
                               pagedown, f5, ctrl-x, alt-x"
                            .into(),
                    }),
                }
            }
        }
        map.drop_collisions(applied, &mut problems);
        (map, problems)
    }

    /// Undo every override whose new key another action already uses in a context active
    /// at the same time, and the other one too if it is an override: both keep their
    /// defaults.
    fn drop_collisions(&mut self, mut applied: Vec<Applied>, problems: &mut Vec<KeyProblem>) {
        let together = co_active();
        loop {
            let clash = applied.iter().enumerate().find_map(|(i, a)| {
                let keys = &self.binding(a.ctx, a.action)?.keys;
                keys.iter()
                    .filter(|k| !a.defaults.contains(k))
                    .find_map(|k| {
                        self.bindings()
                            .iter()
                            .find(|b| {
                                b.action != a.action
                                    && b.keys.contains(k)
                                    && together.contains(&(a.ctx, b.ctx))
                            })
                            .map(|b| (i, *k, b.ctx, b.action))
                    })
            });
            let Some((i, key, other_ctx, other)) = clash else {
                return;
            };
            let a = applied.remove(i);
            problems.push(KeyProblem {
                span: Some(a.span.clone()),
                message: format!(
                    "[keys.{}] {}: {key} already does `{}` in [keys.{}]",
                    a.ctx.name(),
                    a.action.name(),
                    other.name(),
                    other_ctx.name()
                ),
                help: format!(
                    "choose another key; both `{}` and `{}` keep their default keys",
                    a.action.name(),
                    other.name()
                ),
            });
            if let Some(b) = self.binding_mut(a.ctx, a.action) {
                b.keys = a.defaults;
            }
            if let Some(j) = applied
                .iter()
                .position(|o| o.ctx == other_ctx && o.action == other)
            {
                let o = applied.remove(j);
                if let Some(b) = self.binding_mut(o.ctx, o.action) {
                    b.keys = o.defaults;
                }
            }
        }
    }
}

/// Pairs of contexts active together in some screen (each with itself too).
fn co_active() -> HashSet<(Ctx, Ctx)> {
    let mut out = HashSet::new();
    for stack in Ctx::stacks() {
        for a in &stack {
            for b in &stack {
                out.insert((*a, *b));
            }
        }
    }
    out
}

fn suggest(word: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(word, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("{what}: {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn overrides(text: &str) -> (Keymap, Vec<KeyProblem>) {
        let (config, problems) = crate::config::Config::parse("c.toml", text);
        assert!(problems.is_empty(), "{problems:?}");
        Keymap::with_overrides(&config.keys)
    }

    const CARD: [Ctx; 5] = [
        Ctx::Flash,
        Ctx::Question,
        Ctx::Review,
        Ctx::Study,
        Ctx::Global,
    ];

    #[test]
    fn overrides_replace_keys_and_report_problems_with_suggestions() {
        let (map, problems) = overrides(
            "[keys.review]\nbury = [\"x\", \"ctrl-b\"]\n[keys.home]\nfly = \"f\"\n\
             start_reveiw = \"r\"\nopen_quiz = \"hyper-r\"\n[keys.reviw]\nquit = \"q\"\n",
        );
        assert_eq!(
            map.action(&CARD, Key::plain(KeyCode::Char('x'))),
            Some(Action::Bury)
        );
        assert_eq!(map.action(&CARD, Key::plain(KeyCode::Char('b'))), None);
        let texts: Vec<String> = problems
            .iter()
            .map(|p| format!("{} / {}", p.message, p.help))
            .collect();
        assert_eq!(problems.len(), 4, "{texts:#?}");
        assert!(texts.iter().any(|p| p.contains("fly: unknown action")));
        assert!(
            texts
                .iter()
                .any(|p| p.contains("start_reveiw") && p.contains("did you mean `start_review`"))
        );
        assert!(texts.iter().any(|p| p.contains("unknown key `hyper-r`")));
        assert!(
            texts
                .iter()
                .any(|p| p.contains("[keys.reviw]") && p.contains("did you mean `review`"))
        );
        assert!(problems.iter().all(|p| p.span.is_some()));
    }

    #[test]
    fn a_colliding_override_keeps_both_defaults() {
        let (map, problems) = overrides("[keys.review]\nbury = [\"u\"]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("u already does `undo`"));
        let (b, u) = (
            Key::plain(KeyCode::Char('b')),
            Key::plain(KeyCode::Char('u')),
        );
        assert_eq!(map.action(&CARD, b), Some(Action::Bury));
        assert_eq!(map.action(&CARD, u), Some(Action::Undo));
        // Swapping two keys in one go is no collision.
        let (map, problems) = overrides("[keys.review]\nbury = \"u\"\nundo = \"b\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.action(&CARD, u), Some(Action::Bury));
        // A key used by a context never active with this one is fine.
        let (_, problems) = overrides("[keys.home]\nopen_quiz = \"z\"\n");
        assert!(problems.is_empty(), "{problems:?}");
    }
}
