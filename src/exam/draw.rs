//! Drawing a paper: each domain's share of the questions, at random (seeded), one item per
//! card, preferring cards the learner has not met in a mock exam before.

use std::collections::{HashMap, HashSet};

use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use rand::{Rng, RngExt, SeedableRng};

use super::paper::Question;
use crate::content::{Card, ExamProfile, Face, Pack};
use crate::srs::queue::ItemKey;

/// Why no paper could be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    /// The pack has fewer usable questions than the profile asks for (cards may have been
    /// removed since `deckhand check` last ran, or have errors).
    #[error(
        "exam `{profile}` needs {needed} questions, but pack `{pack}` holds only {available} it can use"
    )]
    TooFewQuestions {
        pack: String,
        profile: String,
        needed: u32,
        available: usize,
    },
}

/// Draw the questions of `profile` from `pack`. `seen` counts, per card id, how often the
/// learner has met the card in earlier mock exams: unseen cards come first, then the least
/// seen. A domain that runs short (when domains overlap through tags) is topped up from the
/// other domains, so the paper always has `profile.questions` questions when the pack holds
/// that many. The order of the questions and of each question's options is seeded.
pub fn draw(
    profile: &ExamProfile,
    pack: &Pack,
    seen: &HashMap<String, u32>,
    seed: u64,
) -> Result<Vec<Question>, DrawError> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let eligible: Vec<&Card> = pack
        .cards
        .iter()
        .filter(|c| profile.accepts(c) && profile.domains.iter().any(|d| d.domain.matches(c)))
        .collect();
    let needed = profile.questions as usize;
    if eligible.len() < needed {
        return Err(DrawError::TooFewQuestions {
            pack: pack.id().to_string(),
            profile: profile.id.clone(),
            needed: profile.questions,
            available: eligible.len(),
        });
    }
    let mut used: HashSet<&str> = HashSet::new();
    let mut picked: Vec<(&Card, String)> = Vec::with_capacity(needed);
    for (domain, quota) in profile.domains.iter().zip(profile.quotas()) {
        let pool: Vec<&Card> = eligible
            .iter()
            .copied()
            .filter(|c| domain.domain.matches(c) && !used.contains(c.id.as_str()))
            .collect();
        for card in ordered(pool, seen, &mut rng)
            .into_iter()
            .take(quota as usize)
        {
            used.insert(&card.id);
            picked.push((card, domain.domain.key()));
        }
    }
    if picked.len() < needed {
        let rest: Vec<&Card> = eligible
            .iter()
            .copied()
            .filter(|c| !used.contains(c.id.as_str()))
            .collect();
        for card in ordered(rest, seen, &mut rng)
            .into_iter()
            .take(needed - picked.len())
        {
            let domain = profile
                .domains
                .iter()
                .find(|d| d.domain.matches(card))
                .map(|d| d.domain.key())
                .unwrap_or_default();
            picked.push((card, domain));
        }
    }
    picked.shuffle(&mut rng);
    Ok(picked
        .into_iter()
        .map(|(card, domain)| {
            let faces = card.faces();
            let face = faces
                .get(rng.random_range(0..faces.len().max(1)))
                .copied()
                .unwrap_or(Face::Front);
            Question::new(
                ItemKey::new(pack.id(), card.item_id(face)),
                card.id.clone(),
                face,
                domain,
                rng.next_u64(),
            )
        })
        .collect())
}

/// `pool` shuffled, then the least seen first (the sort is stable, so the shuffle decides
/// among cards seen equally often).
fn ordered<'c>(
    mut pool: Vec<&'c Card>,
    seen: &HashMap<String, u32>,
    rng: &mut Xoshiro256PlusPlus,
) -> Vec<&'c Card> {
    pool.shuffle(rng);
    pool.sort_by_key(|c| seen.get(&c.id).copied().unwrap_or(0));
    pool
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{CardKind, Domain, ExamDomain, load_builtin};

    fn profile(questions: u32) -> ExamProfile {
        ExamProfile {
            id: "t".into(),
            title: "T".into(),
            questions,
            minutes: 10,
            pass_mark: 720,
            kinds: vec![CardKind::Choice, CardKind::Multi, CardKind::TrueFalse],
            domains: vec![
                ExamDomain {
                    domain: Domain::Topic("launch-types".into()),
                    weight: 60.0,
                },
                ExamDomain {
                    domain: Domain::Topic("iam-roles".into()),
                    weight: 40.0,
                },
            ],
        }
    }

    #[test]
    fn draws_each_domain_its_share_of_allowed_kinds_once_per_card() {
        let lib = load_builtin();
        let pack = &lib.packs[0];
        let p = profile(10);
        let qs = draw(&p, pack, &HashMap::new(), 7).expect("draw");
        assert_eq!(qs.len(), 10);
        let by_domain = |d: &str| qs.iter().filter(|q| q.domain == d).count();
        assert_eq!((by_domain("launch-types"), by_domain("iam-roles")), (6, 4));
        let cards: HashSet<&str> = qs.iter().map(|q| q.card.as_str()).collect();
        assert_eq!(cards.len(), 10, "one item per card");
        for q in &qs {
            let card = pack.card(&q.card).expect("card exists");
            assert!(p.accepts(card), "{} is a {:?}", card.id, card.body.kind());
            assert_eq!(card.topic, q.domain);
        }
        assert_eq!(qs, draw(&p, pack, &HashMap::new(), 7).expect("draw"));
        assert_ne!(qs, draw(&p, pack, &HashMap::new(), 8).expect("draw"));
    }

    #[test]
    fn prefers_cards_not_seen_in_an_earlier_mock() {
        let lib = load_builtin();
        let pack = &lib.packs[0];
        let p = profile(10);
        let first = draw(&p, pack, &HashMap::new(), 1).expect("draw");
        let seen: HashMap<String, u32> = first.iter().map(|q| (q.card.clone(), 1)).collect();
        let second = draw(&p, pack, &seen, 2).expect("draw");
        // launch-types and iam-roles hold far more than 6 and 4 exam cards: no repeats.
        assert!(second.iter().all(|q| !seen.contains_key(&q.card)));
    }

    #[test]
    fn too_small_a_pack_is_an_error_not_a_short_paper() {
        let lib = load_builtin();
        let p = profile(500);
        assert!(matches!(
            draw(&p, &lib.packs[0], &HashMap::new(), 1),
            Err(DrawError::TooFewQuestions { needed: 500, .. })
        ));
    }
}
