//! Fitting FSRS parameters to a learner's own reviews (with the `fsrs` crate), and judging
//! whether the fitted parameters predict better than the current ones on reviews the fit has
//! not seen: the newest fifth of the reviews is held out (a time-series split), so a fit that
//! only learns the past by heart does not win.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use fsrs::{CombinedProgressState, ComputeParametersInput, FSRS, FSRSItem, FSRSReview};

use super::queue::ItemKey;
use super::{Parameters, Rating, elapsed_days};

/// The share of the reviews, the newest, held out to judge a fit.
pub const HELD_OUT: f64 = 0.2;

/// One answer of the review log, as the fit needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub key: ItemKey,
    pub at: DateTime<Utc>,
    pub rating: Rating,
}

/// One answer the model predicts, with the history before it, and when it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub at: DateTime<Utc>,
    pub item: FSRSItem,
}

/// The training samples of one pack, oldest first: for each item's history, one `FSRSItem` per
/// answer that came at least a whole day after the previous one (what the model predicts),
/// with the history before it. Days are whole 24-hour periods, as the scheduler counts them.
pub fn training_items(log: &[Review]) -> Vec<Sample> {
    let mut by_item: BTreeMap<&ItemKey, Vec<&Review>> = BTreeMap::new();
    for a in log {
        by_item.entry(&a.key).or_default().push(a);
    }
    let mut samples = Vec::new();
    for answers in by_item.values_mut() {
        answers.sort_by_key(|a| a.at);
        let mut reviews: Vec<FSRSReview> = Vec::with_capacity(answers.len());
        let mut last = None;
        for a in answers.iter() {
            let delta_t = last.map_or(0, |l| elapsed_days(l, a.at).max(0));
            last = Some(a.at);
            reviews.push(FSRSReview {
                rating: u32::from(a.rating.number()),
                delta_t: u32::try_from(delta_t).unwrap_or(u32::MAX),
            });
            if reviews.len() > 1 && delta_t > 0 {
                samples.push(Sample {
                    at: a.at,
                    item: FSRSItem {
                        reviews: reviews.clone(),
                    },
                });
            }
        }
    }
    samples.sort_by_key(|s| s.at);
    samples
}

/// How well a parameter set predicts a set of reviews.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub log_loss: f64,
    pub rmse: f64,
}

/// The result of a fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Samples the parameters were fitted to (the older ones).
    pub trained: usize,
    /// Samples held out to judge them (the newest ones).
    pub held_out: usize,
    /// The current parameters' score on the held-out samples.
    pub current: Score,
    /// The fitted parameters' score on the held-out samples.
    pub fitted: Score,
    /// The fitted parameters.
    pub parameters: Vec<f64>,
    /// Whether they are valid parameters (within the model's bounds).
    pub valid: bool,
    /// Whether to keep them: valid, and better than the current ones on held-out samples.
    pub keep: bool,
}

/// An error of the fitting library.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FitError(String);

/// Where `samples` (oldest first) are split: the training part is `..at`, the held-out part
/// `at..` (the newest [`HELD_OUT`], at least one sample, and at least one left to train on).
pub fn split_point(samples: usize) -> usize {
    let held = ((samples as f64 * HELD_OUT).round() as usize).max(1);
    samples.saturating_sub(held).max(1).min(samples)
}

/// Fit parameters to `samples` (oldest first) and compare them with `current`.
pub fn fit(current: &[f64], samples: &[Sample]) -> Result<Fit, FitError> {
    fit_with_progress(current, samples, &mut |_, _| {})
}

/// [`fit`], calling `progress(done, total)` about ten times a second while the parameters
/// are fitted (the long part), so a front end can draw a progress bar.
pub fn fit_with_progress(
    current: &[f64],
    samples: &[Sample],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Fit, FitError> {
    if samples.len() < 2 {
        return Err(FitError(format!(
            "{} reviews: too few to fit and judge parameters",
            samples.len()
        )));
    }
    let (train, test) = samples.split_at(split_point(samples.len()));
    let train: Vec<FSRSItem> = train.iter().map(|s| s.item.clone()).collect();
    let test: Vec<FSRSItem> = test.iter().map(|s| s.item.clone()).collect();
    let score = |w: &[f32]| -> Result<Score, FitError> {
        let m = FSRS::new(w).map_err(|e| FitError(format!("evaluating: {e}")))?;
        let eval = m
            .evaluate(test.clone(), |_| true)
            .map_err(|e| FitError(format!("evaluating: {e}")))?;
        Ok(Score {
            log_loss: f64::from(eval.log_loss),
            rmse: f64::from(eval.rmse_bins),
        })
    };
    let old: Vec<f32> = current.iter().map(|w| *w as f32).collect();
    let current = score(&old)?;
    let state = CombinedProgressState::new_shared();
    let input = ComputeParametersInput {
        train_set: train.clone(),
        progress: Some(state.clone()),
        ..ComputeParametersInput::default()
    };
    let fitted = std::thread::scope(|scope| {
        let worker = scope.spawn(move || fsrs::compute_parameters(input));
        while !worker.is_finished() {
            if let Ok(s) = state.lock() {
                progress(s.current(), s.total());
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        worker.join().unwrap_or(Err(fsrs::FSRSError::Interrupted))
    })
    .map_err(|e| FitError(format!("fitting parameters: {e}")))?;
    let scored = score(&fitted)?;
    let parameters: Vec<f64> = fitted.iter().map(|w| f64::from(*w)).collect();
    let valid = Parameters::new(&parameters).is_some();
    Ok(Fit {
        trained: train.len(),
        held_out: test.len(),
        current,
        fitted: scored,
        keep: valid && scored.log_loss < current.log_loss,
        valid,
        parameters,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeDelta, TimeZone};

    use super::*;

    #[test]
    fn samples_come_oldest_first_and_the_newest_are_held_out() {
        let t0 = Utc
            .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
            .single()
            .expect("t");
        let day = |d: i64| t0 + TimeDelta::days(d);
        let review = |item: &str, at, rating| Review {
            key: ItemKey::new("p", item),
            at,
            rating,
        };
        let log = [
            review("b", day(0), Rating::Good),
            review("b", day(5), Rating::Good),
            review("a", day(0), Rating::Good),
            review("a", day(0) + TimeDelta::minutes(10), Rating::Good),
            review("a", day(2), Rating::Again),
            review("a", day(9), Rating::Hard),
        ];
        let samples = training_items(&log);
        let times: Vec<_> = samples.iter().map(|s| s.at).collect();
        assert_eq!(
            times,
            [day(2), day(5), day(9)],
            "same-day answers are not samples"
        );
        assert_eq!(samples[2].item.reviews.len(), 4);
        assert_eq!(split_point(3), 2);
        assert_eq!(split_point(400), 320);
        assert_eq!(split_point(2), 1);
    }
}
