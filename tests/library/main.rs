//! The library tested directly: property tests of the aligner, the segmenter and the pair-table
//! reader, the hand-checked segmentation cases, and the quality experiments of `score` and
//! `check` (those on the development sets say `skipping: ../shared not found` without them).

#[path = "../common/mod.rs"]
mod common;

mod align;
mod check;
mod check_swapped_pairs;
mod check_wrong_documents;
mod score;
mod segment;
