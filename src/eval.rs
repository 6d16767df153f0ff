//! eval (SKELETON).
