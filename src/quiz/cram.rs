//! A quiz ("cram"): N random questions from the chosen topics and kinds, in any state, that
//! never touches the schedule. It keeps the score and can retry the questions missed.

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

    /// Take back the last answer: its question is asked again.
    pub fn undo(&mut self) -> bool {
        if self.position == 0 {
            return false;
        }
        self.position -= 1;
        self.results[self.position] = None;
        true
    }

    /// Skip the current question without answering (it counts as missed).
    pub fn skip(&mut self) {
        self.answer(false);
    }

    /// Questions answered so far, and how many of them right.
    pub fn score(&self) -> (usize, usize) {
        let answered = self.results.iter().flatten().count();
        let right = self.results.iter().flatten().filter(|&&r| r).count();
        (right, answered)
    }

    /// How many questions in all, and how many are left.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// `true` when there is no question at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Questions not yet answered.
    pub fn remaining(&self) -> usize {
        self.items.len() - self.position
    }

    /// `true` once every question was answered.
    pub fn is_finished(&self) -> bool {
        self.position >= self.items.len()
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

    /// A new quiz over the questions missed ("retry the ones I missed").
    pub fn retry_missed(&self) -> Self {
        Self::over(self.missed())
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
        assert_eq!(a.len(), 20);
        let mut sorted = a.items.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 20);
        assert_ne!(Cram::pick(&pool, 20, 8).items, a.items);
        assert_eq!(Cram::pick(&pool[..5], 20, 1).len(), 5);
    }

    #[test]
    fn scores_and_retries_the_missed_ones() {
        let mut quiz = Cram::over(vec!["a", "b", "c", "d"]);
        quiz.answer(true);
        quiz.answer(false);
        quiz.answer(true);
        assert!(quiz.undo());
        assert_eq!(quiz.current(), Some(&"c"));
        quiz.answer(false);
        quiz.skip();
        assert!(quiz.is_finished());
        assert_eq!(quiz.score(), (1, 4));
        let retry = quiz.retry_missed();
        assert_eq!(retry.items, vec!["b", "c", "d"]);
        assert_eq!(retry.score(), (0, 0));
    }
}
