//! Fitting FSRS parameters to a learner's own reviews (with the `fsrs` crate), and judging
//! whether the fitted parameters predict better than the current ones.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use fsrs::{CombinedProgressState, ComputeParametersInput, FSRS, FSRSItem, FSRSReview};

use super::queue::ItemKey;
use super::{Parameters, Rating, elapsed_days};

/// One answer of the review log, as the fit needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub key: ItemKey,
    pub at: DateTime<Utc>,
    pub rating: Rating,
}

/// The training items of one pack: for each item's history, one `FSRSItem` per answer that
/// came at least a whole day after the previous one (what the model predicts), with the history
/// before it. Days are whole 24-hour periods, as the scheduler counts them.
pub fn training_items(log: &[Review]) -> Vec<FSRSItem> {
    let mut by_item: BTreeMap<&ItemKey, Vec<&Review>> = BTreeMap::new();
    for a in log {
        by_item.entry(&a.key).or_default().push(a);
    }
    let mut items = Vec::new();
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
                items.push(FSRSItem {
                    reviews: reviews.clone(),
                });
            }
        }
    }
    items
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
    /// The current parameters' score.
    pub current: Score,
    /// The fitted parameters' score.
    pub fitted: Score,
    /// The fitted parameters.
    pub parameters: Vec<f64>,
    /// Whether they are valid parameters (within the model's bounds).
    pub valid: bool,
    /// Whether to keep them: valid, and better than the current ones.
    pub keep: bool,
}

/// An error of the fitting library.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FitError(String);

/// Fit parameters to `items` and compare them with `current`.
pub fn fit(current: &[f64], items: &[FSRSItem]) -> Result<Fit, FitError> {
    fit_with_progress(current, items, &mut |_, _| {})
}

/// [`fit`], calling `progress(done, total)` about ten times a second while the parameters
/// are fitted (the long part), so a front end can draw a progress bar.
pub fn fit_with_progress(
    current: &[f64],
    items: &[FSRSItem],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Fit, FitError> {
    let score = |w: &[f32]| -> Result<Score, FitError> {
        let m = FSRS::new(w).map_err(|e| FitError(format!("evaluating: {e}")))?;
        let eval = m
            .evaluate(items.to_vec(), |_| true)
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
        train_set: items.to_vec(),
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
        current,
        fitted: scored,
        keep: valid && scored.log_loss < current.log_loss,
        valid,
        parameters,
    })
}
