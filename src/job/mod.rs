//! One function per command of the `selaras` binary that reads and writes files around the
//! library's steps: the files are checked and opened before any work (a bad input or an
//! output that cannot be written fails first, an output never replaces an input), and the
//! outputs appear whole at the end. The command line maps its arguments to these options and
//! prints only the messages they return.
//!
//! - [`split`]: `selaras split`, a text through [`crate::segment`];
//! - [`align`]: `selaras align`, one article pair through [`crate::pipeline`];
//! - [`batch`]: `selaras batch`, many pairs through [`crate::batch`];
//! - [`pair`]: `selaras pair`, two piles of documents into a manifest through [`crate::pair`];
//! - [`table`]: `selaras score`, `check` and `report`, a pair table through [`crate::check`].

pub mod align;
pub mod batch;
pub mod pair;
pub mod split;
pub mod table;

use crate::align::{AlignConfig, Aligner, parse_beads};
use crate::error::Result;
use crate::lexicon::Lexicon;
use crate::segment::{Lang, Layout, Segmenter, Wrap};
use std::path::{Path, PathBuf};

/// The aligner's model options (`--lexicon`, `--beads`, `--no-moved`).
#[derive(Clone, Debug)]
pub struct Model {
    /// An extra lexicon file, added to the bundled one.
    pub lexicon: Option<PathBuf>,
    /// The bead types allowed, e.g. `1-1,1-0,0-1,2-1,1-2`.
    pub beads: String,
    /// Pair blocks of sentences moved elsewhere in the translation (crossing beads).
    pub moved: bool,
}

impl Model {
    /// The aligner these options ask for: the bundled lexicon plus any extra one.
    pub fn aligner(&self) -> Result<Aligner> {
        let config = AlignConfig {
            beads: parse_beads(&self.beads)?,
            moved: self.moved,
            ..AlignConfig::default()
        };
        Ok(match &self.lexicon {
            Some(path) => Aligner::with_lexicon(config, &Lexicon::read(path)?),
            None => Aligner::new(config),
        })
    }
}

/// How the texts are cut into sentences (`--presplit`, `--rules`, `--wrapped`,
/// `--no-wrapped`).
#[derive(Clone, Debug, Default)]
pub struct Segmentation {
    /// The input is one sentence per non-blank line.
    pub presplit: bool,
    /// SRX 2.0 rules to use instead of the bundled ones.
    pub rules: Option<PathBuf>,
    /// How line breaks are read.
    pub wrap: Wrap,
}

impl Segmentation {
    /// The segmenters of the user's rules for both languages, `None` for the bundled ones.
    pub fn segmenters(&self) -> Result<Option<(Segmenter, Segmenter)>> {
        let Some(path) = &self.rules else {
            return Ok(None);
        };
        let rules = crate::text::read_input(path)?;
        Ok(Some((
            Segmenter::from_srx(&rules.text, Lang::Id, path)?,
            Segmenter::from_srx(&rules.text, Lang::En, path)?,
        )))
    }
}

/// Whether beads of the output are split at clauses: never for pre-split input, with
/// `--whole-sentences`, or for a ladder (Vecalign's format indexes the sentences as split).
pub fn clause_splits(presplit: bool, whole_sentences: bool, format: crate::export::Format) -> bool {
    !presplit && !whole_sentences && format != crate::export::Format::Ladder
}

/// The one line that names the inputs found hard-wrapped (not when `--wrapped` said so), or
/// `None` when there are none.
pub fn wrap_note(sides: &[(&Path, Layout)]) -> Option<String> {
    let found: Vec<String> = sides
        .iter()
        .filter(|(_, l)| l.wrapped && l.detected)
        .map(|(p, l)| match l.width {
            Some(w) => format!("{} (lines cut at {w} columns)", p.display()),
            None => p.display().to_string(),
        })
        .collect();
    (!found.is_empty()).then(|| {
        format!(
            "selaras: read as hard-wrapped text: {}; --no-wrapped reads every line break as a paragraph end",
            found.join(", ")
        )
    })
}
