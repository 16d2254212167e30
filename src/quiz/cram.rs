//! A quiz ("cram"): N random questions from the chosen topics and kinds, in any state, that
//! never touches the schedule. It keeps the score and lists the questions missed (for
//! "retry the ones I missed").

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

/// The default number of questions.
pub const DEFAULT_QUESTIONS: usize = 20;

/// A quiz over items of type `T` (whatever identifies a question to the caller).
#[derive(Debug, Clone)]
pub struct Cram<T> {
    items: Vec<T>,
    results: Vec<Option<bool>>,
    position: usize,
}

impl<T: Clone> Cram<T> {
    /// Pick `n` items at random from `pool` (all of them when the pool is smaller).
    pub fn pick(pool: &[T], n: usize, seed: u64) -> Self {
        let mut items = pool.to_vec();
        items.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed));
        items.truncate(n);
        Self::over(items)
    }

    /// A quiz over exactly these items, in this order.
    pub fn over(items: Vec<T>) -> Self {
        let results = vec![None; items.len()];
        Cram {
            items,
            results,
            position: 0,
        }
    }

    /// The question being asked, or `None` when the quiz is over.
    pub fn current(&self) -> Option<&T> {
        self.items.get(self.position)
    }

    /// Record the answer to the current question and move on.
    pub fn answer(&mut self, right: bool) {
        if let Some(r) = self.results.get_mut(self.position) {
            *r = Some(right);
            self.position += 1;
        }
    }

    /// Questions answered so far, and how many of them right.
    pub fn score(&self) -> (usize, usize) {
        let answered = self.results.iter().flatten().count();
        let right = self.results.iter().flatten().filter(|&&r| r).count();
        (right, answered)
    }

    /// How many questions in all.
    pub fn count(&self) -> usize {
        self.items.len()
    }

    /// Questions not yet answered.
    pub fn remaining(&self) -> usize {
        self.items.len() - self.position
    }

    /// The questions answered wrong, in quiz order.
    pub fn missed(&self) -> Vec<T> {
        self.items
            .iter()
            .zip(&self.results)
            .filter(|(_, r)| **r == Some(false))
            .map(|(i, _)| i.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_n_distinct_items_reproducibly() {
        let pool: Vec<u32> = (0..100).collect();
        let a = Cram::pick(&pool, 20, 7);
        let b = Cram::pick(&pool, 20, 7);
        assert_eq!(a.items, b.items);
        assert_eq!(a.count(), 20);
        let mut sorted = a.items.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 20);
        assert_ne!(Cram::pick(&pool, 20, 8).items, a.items);
        assert_eq!(Cram::pick(&pool[..5], 20, 1).count(), 5);
    }

    #[test]
    fn scores_and_lists_the_missed_ones() {
        let mut quiz = Cram::over(vec!["a", "b", "c", "d"]);
        quiz.answer(true);
        quiz.answer(false);
        assert_eq!(quiz.current(), Some(&"c"));
        quiz.answer(false);
        assert_eq!(quiz.remaining(), 1);
        quiz.answer(false);
        assert_eq!(quiz.current(), None);
        assert_eq!(quiz.score(), (1, 4));
        assert_eq!(quiz.missed(), vec!["b", "c", "d"]);
    }
}
