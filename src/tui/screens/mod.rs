//! The screens: each holds its state and draws itself from a [`View`](super::view::View),
//! never from the app.

pub mod answers;
pub mod browser;
pub mod card_text;
pub mod exam;
pub mod exam_report;
pub mod home;
pub mod plan;
pub mod quiz_setup;
pub mod stats;
pub mod study;
pub mod summary;
pub mod updates;
pub mod visual;
pub mod visual_events;
pub mod visual_legend;
pub mod visual_params;
pub mod visual_params_placement;
pub mod visual_params_shift;
pub mod visual_placement;
pub mod visual_rolling;
pub mod visual_scaling;
pub mod visual_shift;
pub mod visual_view;

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};

/// `1 problem`, `2 problems`: a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A short interval for the grade buttons: `1m`, `10m`, `3h`, `2d`, `1.5mo`, `1.2y`.
pub fn interval_label(d: TimeDelta) -> String {
    let mins = d.num_minutes().max(1);
    if mins < 60 {
        format!("{mins}m")
    } else if mins < 24 * 60 {
        format!("{}h", (mins + 30) / 60)
    } else {
        let days = d.num_seconds() as f64 / 86_400.0;
        if days < 30.0 {
            format!("{}d", days.round() as i64)
        } else if days < 365.0 {
            format!("{:.1}mo", days / 30.0)
        } else {
            format!("{:.1}y", days / 365.0)
        }
    }
}

/// A duration as `12m 30s` or `1h 05m`.
pub fn duration_label(d: TimeDelta) -> String {
    let secs = d.num_seconds().max(0);
    if secs < 60 {
        format!("{secs}s")
    } else if secs < 3600 {
        format!("{}m {:02}s", secs / 60, secs % 60)
    } else {
        format!("{}h {:02}m", secs / 3600, (secs % 3600) / 60)
    }
}

/// When something is due, in words: `now`, `in 12 min (14:32)`, `tomorrow at 09:10`,
/// `on 3 Dec`. Local times use `offset`.
pub fn describe_due(t: DateTime<Utc>, now: DateTime<Utc>, offset: i32) -> String {
    let tz =
        FixedOffset::east_opt(offset).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    let local = t.with_timezone(&tz);
    let d = t - now;
    if d <= TimeDelta::zero() {
        "now".to_string()
    } else if d < TimeDelta::hours(1) {
        format!(
            "in {} min ({})",
            d.num_minutes().max(1),
            local.format("%H:%M")
        )
    } else if local.date_naive() == now.with_timezone(&tz).date_naive() {
        format!("today at {}", local.format("%H:%M"))
    } else if local.date_naive() == now.with_timezone(&tz).date_naive() + chrono::Days::new(1) {
        format!("tomorrow at {}", local.format("%H:%M"))
    } else {
        format!("on {}", local.format("%-d %b"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(0, "error", "errors"), "0 errors");
    }

    #[test]
    fn intervals_and_durations() {
        assert_eq!(interval_label(TimeDelta::seconds(30)), "1m");
        assert_eq!(interval_label(TimeDelta::minutes(10)), "10m");
        assert_eq!(interval_label(TimeDelta::hours(5)), "5h");
        assert_eq!(interval_label(TimeDelta::days(3)), "3d");
        assert_eq!(interval_label(TimeDelta::days(45)), "1.5mo");
        assert_eq!(interval_label(TimeDelta::days(730)), "2.0y");
        assert_eq!(duration_label(TimeDelta::seconds(750)), "12m 30s");
        assert_eq!(duration_label(TimeDelta::seconds(3900)), "1h 05m");
    }

    #[test]
    fn due_times_in_words() {
        let now: DateTime<Utc> = "2026-11-21T10:00:00Z".parse().unwrap();
        assert_eq!(describe_due(now, now, 0), "now");
        assert_eq!(
            describe_due(now + TimeDelta::minutes(12), now, 0),
            "in 12 min (10:12)"
        );
        assert_eq!(
            describe_due(now + TimeDelta::hours(3), now, 0),
            "today at 13:00"
        );
        assert_eq!(
            describe_due(now + TimeDelta::hours(23), now, 0),
            "tomorrow at 09:00"
        );
        assert_eq!(
            describe_due(now + TimeDelta::days(12), now, 3600),
            "on 3 Dec"
        );
    }
}
