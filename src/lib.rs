//! selaras: Indonesian–English sentence alignment and parallel corpus building.
//!
//! The library holds everything; the `selaras` binary only parses arguments and calls it.
//! Library code writes to `impl Write` and returns typed [`Error`]s; it never prints.
//!
//! Where each behaviour lives (`docs/architecture.md` has the same map as a table):
//!
//! - [`text`]: reading input (UTF-8, UTF-16 with a BOM, line ends), mojibake repair and
//!   normalisation for matching;
//! - [`error`]: typed errors, each naming the file and the place;
//! - [`output`]: output safety: atomic files, links and devices, no output over an input, a
//!   ladder directory written whole; where a command's data goes ([`output::Output`],
//!   [`output::CorpusOutput`]);
//! - [`segment`]: sentence segmentation: paragraphs, the SRX rule engine and the bundled rules
//!   (read by `segment/srx.rs`), hard-wrapped text (detected in `segment/layout.rs`) and
//!   pre-split text;
//! - [`language`]: which language each side is in (Indonesian, English, another, the same
//!   text on both sides): swapped sides, and pairs that cannot be translations;
//! - [`lexicon`]: the bundled and user lexicons, Indonesian and English stemming;
//! - [`score`]: evidence that two texts translate each other (tokens, numbers, names,
//!   cognates, lexicon covers); [`score::pair`] turns it into pair probabilities for `score`
//!   and `check`;
//! - [`align`]: sentence alignment: the bead score ([`align::model`]), the banded search
//!   (`align/dp.rs`, `align/anchors.rs`), the learned lexicon (`align/learn.rs`), calibrated probabilities
//!   ([`align::calibrate`]); [`align::clauses`] is the clause split that cuts beads where the
//!   sides' sentences end in different places (pieces, windows, search, posteriors, decoding);
//!   moved content is paired across the document in `align/crossing.rs`;
//!   [`align::document`] is the probability that the two documents translate each other at
//!   all, read from their alignment, which every bead's score includes;
//! - [`pipeline`]: one article pair from text to beads ([`pipeline::Pipeline::align`]): the
//!   steps every document goes through (languages, segmentation, preparation, alignment,
//!   the document's judgement, clause split),
//!   for `align`, `batch` and bindings;
//! - [`job`]: one function per command of the binary: its files read and checked, its
//!   outputs opened before the work (never over an input), its messages for standard error;
//! - [`batch`]: many article pairs on all cores: inputs, the two passes with corpus learning,
//!   filters, statistics;
//! - [`export`]: corpus writers (TSV, JSON Lines, ladder, Moses, TMX, side by side);
//! - [`eval`]: strict and lax precision/recall/F1 against gold alignments;
//! - [`check`]: quality flags, the corpus summary and wrongly paired documents;
//! - [`report`]: the self-contained HTML report;
//! - [`pair`]: which document translates which, in two collections without a manifest:
//!   reading the piles, the candidate search, the document score, the one-to-one assignment.

pub mod align;
pub mod batch;
pub mod check;
pub mod error;
pub mod eval;
pub mod export;
pub mod job;
pub mod language;
pub mod lexicon;
pub mod output;
pub mod pair;
pub mod pipeline;
pub mod place;
pub mod report;
pub mod score;
pub mod segment;
pub mod text;
pub mod walk;
mod xml;

pub use error::{Error, Result};
