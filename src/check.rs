//! check (SKELETON).
