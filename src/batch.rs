//! batch (SKELETON).
