//! report (SKELETON).
