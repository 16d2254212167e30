//! The system's wall clock, read without ever panicking: chrono's `Utc::now()` panics when the
//! clock reads a time before 1970 (a dead RTC battery, a broken VM). deckhand clamps such a
//! reading to the earliest time it can store, 1970-01-01 00:00 UTC, says so, and goes on;
//! every answer is still saved. Domain code never calls this: the clock is passed in.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, Offset, TimeZone, Utc};

/// One reading of the wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    /// The time used.
    pub at: DateTime<Utc>,
    /// The clock read before 1970 (or beyond what can be represented) and was clamped.
    pub clamped: bool,
}

/// Convert a system time, clamping what chrono cannot hold or deckhand cannot store.
pub fn read(t: SystemTime) -> Reading {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => match i64::try_from(d.as_secs())
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, d.subsec_nanos()))
        {
            Some(at) => Reading { at, clamped: false },
            None => Reading {
                at: DateTime::<Utc>::MAX_UTC,
                clamped: true,
            },
        },
        Err(_) => Reading {
            at: DateTime::UNIX_EPOCH,
            clamped: true,
        },
    }
}

/// The current time (clamped, see [`read`]).
pub fn now() -> DateTime<Utc> {
    read(SystemTime::now()).at
}

/// The local UTC offset at `at`, in seconds east of UTC.
pub fn utc_offset(at: DateTime<Utc>) -> i32 {
    Local
        .offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// What to tell the user about a clamped reading.
pub fn problem(reading: Reading) -> Option<(String, String)> {
    reading.clamped.then(|| {
        (
            format!(
                "the system clock reads a time deckhand cannot use; it counts it as {}",
                reading.at.format("%Y-%m-%d %H:%M UTC")
            ),
            "set the system clock: answers are saved at that time, and what is due is counted from it"
                .to_string(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_clock_before_1970_is_clamped_not_a_panic() {
        let r = read(UNIX_EPOCH - Duration::from_secs(86_400 * 200));
        assert_eq!(r.at, DateTime::UNIX_EPOCH);
        assert!(r.clamped);
        assert!(problem(r).is_some());
    }

    #[test]
    fn a_normal_clock_is_read_as_is() {
        let t = UNIX_EPOCH + Duration::from_millis(1_790_000_000_123);
        let r = read(t);
        assert_eq!(r.at.timestamp_millis(), 1_790_000_000_123);
        assert!(!r.clamped && problem(r).is_none());
    }
}
