//! The dry run of every card's simulator scenario, for `deckhand check`: a card whose
//! scenario warns (it does not show what it was written to show) is an error. Loading a pack
//! only builds each scenario (settings and initial placement); running them all is left to
//! the check, which can afford it.

use std::collections::HashMap;

use super::diag::{Diagnostic, Severity};
use super::load::Library;

/// A diagnostic for every card whose scenario warns when run to its end.
pub fn check_scenarios(library: &Library) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    for pack in &library.packs {
        for card in &pack.cards {
            let Some(preset) = &card.sim else { continue };
            let key = serde_json::to_string(preset).unwrap_or_default();
            let warnings = seen.entry(key).or_insert_with(|| {
                crate::sim::check_preset(preset).unwrap_or_else(|e| vec![e.to_string()])
            });
            for w in warnings.iter() {
                out.push(Diagnostic::path(
                    Severity::Error,
                    card.location.to_string(),
                    format!("card `{}`: its `sim` scenario warns: {w}", card.id),
                    format!(
                        "run `deckhand sim card {}` to see the scenario play out",
                        card.id
                    ),
                ));
            }
        }
    }
    out
}
