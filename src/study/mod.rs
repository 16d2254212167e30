//! The study layer: what happens when the learner studies, without any terminal. The front
//! end turns keys into calls here and draws what comes back.
//!
//! - [`catalog`]: the index over the loaded library ([`Catalog`], [`ItemRef`], [`Node`]).
//! - [`clock`]: [`Clock`] and the [`Seeds`] every shuffle draws from.
//! - [`attempt`]: one card being answered.
//! - [`session`]: review and quiz behind one API ([`Session`]); [`exam`]: its exam mode.
//! - [`overview`]: Home's counts, in one pass.
//! - [`browse`]: finding cards by text, id, topic, tag, kind and state.
//! - [`summary`] and [`notice`]: what a session did, and typed outcomes to put into words.

pub mod attempt;
pub mod browse;
pub mod catalog;
pub mod clock;
pub mod exam;
pub mod input;
pub mod notice;
pub mod overview;
pub mod session;
pub mod summary;

pub use attempt::{Attempt, Judged, Phase};
pub use catalog::{Catalog, ItemRef, Node};
pub use clock::{Clock, FixedClock, Seeds, SystemClock};
pub use notice::{Failure, Notice, Undid};
pub use overview::Overview;
pub use session::{Env, Kind, Session, Status};
pub use summary::Summary;
