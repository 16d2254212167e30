//! srs (being written).
