//! Time and randomness, passed in: the [`Clock`] the study layer reads, and the stream of
//! seeds every shuffle draws from. Tests and snapshots use a [`FixedClock`] and a fixed seed
//! and get the same screens every time.

use std::cell::Cell;
use std::rc::Rc;

use chrono::{DateTime, TimeDelta, Utc};

/// Where the time comes from.
pub trait Clock {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        crate::systime::now()
    }
}

/// A clock that only moves when told to (tests, snapshots). Share it with `Rc` to move it
/// from outside.
#[derive(Debug)]
pub struct FixedClock(Cell<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Cell::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.0.set(at);
    }

    pub fn advance(&self, by: TimeDelta) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

impl Clock for Rc<FixedClock> {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

/// Independent, reproducible seeds from one start seed: splitmix64 of (seed, counter).
#[derive(Debug, Clone)]
pub struct Seeds {
    seed: u64,
    drawn: u64,
}

impl Seeds {
    pub fn new(seed: u64) -> Seeds {
        Seeds { seed, drawn: 0 }
    }

    /// The next seed.
    pub fn next_seed(&mut self) -> u64 {
        self.drawn += 1;
        let mut z = self
            .seed
            .wrapping_add(self.drawn.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_reproducible_and_differ() {
        let (mut a, mut b) = (Seeds::new(7), Seeds::new(7));
        let first = a.next_seed();
        assert_eq!(first, b.next_seed());
        assert_ne!(first, a.next_seed());
        let clock = FixedClock::new(DateTime::UNIX_EPOCH);
        clock.advance(TimeDelta::seconds(5));
        assert_eq!(clock.now().timestamp(), 5);
    }
}
