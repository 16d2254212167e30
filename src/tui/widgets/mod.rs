//! Small drawing helpers shared by the screens.

pub mod input;
pub mod text;
