//! The arithmetic of service auto scaling, free of any simulation state: the target
//! tracking capacity, percent rounding, the step an alarm value falls in, and how a step
//! changes the capacity (spec 5.3-5.4).

use super::config::{AdjustmentType, Aggregation, StepAdjustment, StepScaling};

/// Target tracking capacity \[Model, X7\]: `ceil(running x metric / target)`.
pub fn target_tracking_capacity(running: u32, metric: f64, target: f64) -> u32 {
    if target <= 0.0 || !metric.is_finite() {
        return running;
    }
    let raw = f64::from(running) * metric / target;
    // Guard against 7.000000001 becoming 8.
    (raw - 1e-9).ceil().max(0.0) as u32
}

/// Round a PercentChangeInCapacity result (spec 5.4): above 1 round down; between 0 and 1
/// give 1; between -1 and 0 give -1; below -1 round toward zero.
pub fn percent_adjustment(raw: f64) -> i64 {
    if raw == 0.0 {
        0
    } else if raw > 0.0 && raw < 1.0 {
        1
    } else if raw < 0.0 && raw > -1.0 {
        -1
    } else {
        raw.trunc() as i64
    }
}

/// The step whose interval contains `delta = metric - threshold`: above the threshold the
/// lower bound is inclusive and the upper exclusive; below it the other way round.
pub fn find_step(steps: &[StepAdjustment], delta: f64) -> Option<&StepAdjustment> {
    steps.iter().find(|s| {
        let lo = s.lower.unwrap_or(f64::NEG_INFINITY);
        let hi = s.upper.unwrap_or(f64::INFINITY);
        let above =
            s.lower.is_some_and(|l| l >= 0.0) || (s.upper.is_none_or(|u| u > 0.0) && delta >= 0.0);
        if above {
            lo <= delta && delta < hi
        } else {
            lo < delta && delta <= hi
        }
    })
}

/// The capacity a step policy asks for from `current` when its aggregated metric is
/// `value`, before min/max; `None` when no step matches.
pub fn step_capacity(policy: &StepScaling, current: u32, value: f64) -> Option<i64> {
    let step = find_step(&policy.steps, value - policy.alarm.threshold)?;
    let current = i64::from(current);
    let adj = i64::from(step.adjustment);
    Some(match policy.adjustment_type {
        AdjustmentType::ChangeInCapacity => current + adj,
        AdjustmentType::ExactCapacity => adj,
        AdjustmentType::PercentChangeInCapacity => {
            let mut change = percent_adjustment(current as f64 * adj as f64 / 100.0);
            if let Some(min) = policy.min_adjustment_magnitude {
                let min = i64::from(min);
                if change != 0 && change.abs() < min {
                    change = change.signum() * min;
                }
            }
            current + change
        }
    })
}

pub(super) fn aggregate(values: &[f64], how: Aggregation) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    Some(match how {
        Aggregation::Average => values.iter().sum::<f64>() / values.len() as f64,
        Aggregation::Minimum => values.iter().copied().fold(f64::INFINITY, f64::min),
        Aggregation::Maximum => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::MetricKind;

    #[test]
    fn a1_a2_target_tracking_formula() {
        assert_eq!(target_tracking_capacity(4, 80.0, 50.0), 7);
        assert_eq!(target_tracking_capacity(4, 200.0, 50.0), 16);
        assert_eq!(target_tracking_capacity(7, 50.0, 50.0), 7);
        assert_eq!(target_tracking_capacity(10, 12.0, 50.0), 3);
    }

    #[test]
    fn a8_percent_rounding() {
        assert_eq!(percent_adjustment(12.7), 12);
        assert_eq!(percent_adjustment(0.67), 1);
        assert_eq!(percent_adjustment(-0.58), -1);
        assert_eq!(percent_adjustment(-6.67), -6);
        assert_eq!(percent_adjustment(1.0), 1);
        assert_eq!(percent_adjustment(0.0), 0);
    }

    #[test]
    fn a7_documented_step_example() {
        let out = StepScaling::example_out(MetricKind::Cpu, 50.0);
        let inn = StepScaling::example_in(MetricKind::Cpu, 50.0);
        assert_eq!(step_capacity(&out, 10, 60.0), Some(11));
        assert_eq!(step_capacity(&out, 11, 70.0), Some(14));
        assert_eq!(step_capacity(&inn, 14, 40.0), Some(13));
        assert_eq!(step_capacity(&inn, 13, 30.0), Some(10));
        // Between 40 and 60 nothing changes.
        assert_eq!(step_capacity(&out, 10, 55.0), Some(10));
        assert_eq!(step_capacity(&inn, 10, 45.0), Some(10));
    }

    #[test]
    fn step_bounds_follow_the_side_of_the_threshold() {
        let out = StepScaling::example_out(MetricKind::Cpu, 50.0);
        // delta exactly 10 belongs to [10, 20).
        assert_eq!(find_step(&out.steps, 10.0).map(|s| s.adjustment), Some(10));
        assert_eq!(find_step(&out.steps, 20.0).map(|s| s.adjustment), Some(30));
        let inn = StepScaling::example_in(MetricKind::Cpu, 50.0);
        // delta exactly -10 belongs to (-20, -10].
        assert_eq!(
            find_step(&inn.steps, -10.0).map(|s| s.adjustment),
            Some(-10)
        );
        assert_eq!(
            find_step(&inn.steps, -20.0).map(|s| s.adjustment),
            Some(-30)
        );
        assert_eq!(find_step(&inn.steps, 0.0).map(|s| s.adjustment), Some(0));
    }

    #[test]
    fn a10_change_and_exact_capacity() {
        let mut p = StepScaling::example_out(MetricKind::Cpu, 50.0);
        p.steps = vec![StepAdjustment {
            lower: Some(0.0),
            upper: None,
            adjustment: 5,
        }];
        p.adjustment_type = AdjustmentType::ChangeInCapacity;
        assert_eq!(step_capacity(&p, 3, 60.0), Some(8));
        p.adjustment_type = AdjustmentType::ExactCapacity;
        assert_eq!(step_capacity(&p, 3, 60.0), Some(5));
    }

    #[test]
    fn min_adjustment_magnitude_floors_percent_changes() {
        let mut p = StepScaling::example_out(MetricKind::Cpu, 50.0);
        p.min_adjustment_magnitude = Some(2);
        // 10% of 4 = 0.4 -> 1 -> raised to 2.
        assert_eq!(step_capacity(&p, 4, 65.0), Some(6));
    }
}
