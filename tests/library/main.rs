//! The library tested directly: property tests of the aligner, the segmenter and the pair-table
//! reader, the hand-checked segmentation cases, the quality experiments of `score` and `check`
//! (those on the development sets say `SKIPPED …: ../shared/data/dev not found` without them,
//! and fail in CI), and the `rust-version` the locked dependencies need.

#[path = "../common/mod.rs"]
mod common;

mod align;
mod check;
mod check_swapped_pairs;
mod check_wrong_documents;
mod document;
mod pair_job;
mod rust_version;
mod score;
mod segment;
