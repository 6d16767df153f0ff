//! export (SKELETON).
