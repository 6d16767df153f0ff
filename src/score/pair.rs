//! Pair scoring outside any alignment (`selaras score`, `check`): a probability that two
//! texts translate each other, from the [`Evidence`](super::Evidence) features.
//! (SKELETON.)

use super::Evidence;
use crate::segment::Lang;

/// Scores sentence pairs outside any alignment.
#[derive(Clone, Debug, Default)]
pub struct PairScorer {
    evidence: Evidence,
}

impl PairScorer {
    /// A scorer with the bundled lexicon.
    pub fn new() -> Self {
        PairScorer {
            evidence: Evidence::bundled(),
        }
    }

    /// Probability in [0, 1] that `en` is a translation of `id`.
    pub fn score(&self, id: &str, en: &str) -> f64 {
        let f = self.evidence.features(
            &self.evidence.prepare(id, Lang::Id),
            &self.evidence.prepare(en, Lang::En),
        );
        if f.len_id == 0.0 || f.len_en == 0.0 {
            return 0.0;
        }
        (f.len_id.min(f.len_en) / f.len_id.max(f.len_en)).clamp(0.0, 1.0)
    }
}
