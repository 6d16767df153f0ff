//! Evidence that two texts translate each other: length, lexicon, shared tokens (numbers,
//! names, acronyms), cognates. The one scoring module: the aligner builds bead costs from it
//! and `selaras score`/`check` build pair probabilities from it ([`pair`]).
//!
//! (SKELETON: the aligner work fills in [`Evidence`] and [`Features`].)

pub mod pair;

pub use pair::PairScorer;

use crate::segment::Lang;

/// The evidence model: lexicon, stemmers and token rules. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Evidence {}

/// A text prepared for matching (normalised tokens, stems, numbers, names, length).
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// Length in characters of the normalised text.
    pub chars: usize,
}

/// What the evidence says about one Indonesian text against one English text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Characters on the Indonesian side.
    pub len_id: f64,
    /// Characters on the English side.
    pub len_en: f64,
    /// Share of Indonesian content words with a translation on the English side.
    pub lex_id: f64,
    /// Share of English content words with a translation on the Indonesian side.
    pub lex_en: f64,
    /// Numbers found on both sides (after mapping conventions: 12,5 = 12.5, 2 miliar = 2 billion).
    pub num_shared: u32,
    /// Numbers found only on the Indonesian side.
    pub num_id_only: u32,
    /// Numbers found only on the English side.
    pub num_en_only: u32,
    /// Names and acronyms found on both sides.
    pub names_shared: u32,
    /// Names and acronyms found only on the Indonesian side.
    pub names_id_only: u32,
    /// Names and acronyms found only on the English side.
    pub names_en_only: u32,
}

impl Evidence {
    /// The evidence model with the bundled lexicon.
    pub fn bundled() -> Self {
        Evidence {}
    }

    /// Prepare one text of language `lang` for matching.
    pub fn prepare(&self, text: &str, lang: Lang) -> Prepared {
        let _ = lang;
        Prepared {
            chars: crate::text::normalize(text).chars().count(),
        }
    }

    /// Compare a prepared Indonesian text with a prepared English text.
    pub fn features(&self, id: &Prepared, en: &Prepared) -> Features {
        Features {
            len_id: id.chars as f64,
            len_en: en.chars as f64,
            ..Features::default()
        }
    }
}
