//! selaras: Indonesian–English sentence alignment and parallel corpus building.
//!
//! The library holds everything; the `selaras` binary only parses arguments and calls it.
//! Library code writes to `impl Write` and returns typed [`Error`]s; it never prints.
//!
//! - [`text`]: reading input safely (UTF-8, BOM, line ends) and normalising it for matching;
//! - [`segment`]: sentence segmentation (SRX rules) for Indonesian and English;
//! - [`lexicon`]: the bundled Indonesian–English lexicon and stemming;
//! - [`score`]: evidence that two texts translate each other (length, lexicon, tokens);
//! - [`align`]: the aligner (beads, dynamic programming, learned lexicon) and, in
//!   [`align::clauses`], the clause alignment that cuts beads where the sides' sentences differ;
//! - [`export`]: corpus writers (TSV, JSON Lines, ladder, Moses, TMX);
//! - [`eval`]: strict and lax precision/recall/F1 against gold alignments;
//! - [`check`]: quality flags for aligned pairs;
//! - [`batch`]: many article pairs on all cores;
//! - [`report`]: the self-contained HTML report;
//! - [`output`]: atomic output files.

pub mod align;
pub mod batch;
pub mod check;
pub mod error;
pub mod eval;
pub mod export;
pub mod lexicon;
pub mod output;
pub mod report;
pub mod score;
pub mod segment;
pub mod text;

pub use error::{Error, Result};
