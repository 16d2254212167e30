//! content (being written).
