//! Evidence that two texts translate each other (SKELETON): length, lexicon, shared tokens,
//! cognates. One module, used by the aligner and by `selaras score`/`check`.

/// Scores sentence pairs outside any alignment.
#[derive(Clone, Debug, Default)]
pub struct PairScorer {}

impl PairScorer {
    /// A scorer with the bundled lexicon.
    pub fn new() -> Self {
        PairScorer {}
    }

    /// Probability in [0, 1] that `en` is a translation of `id`.
    pub fn score(&self, id: &str, en: &str) -> f64 {
        let (a, b) = (id.chars().count() as f64, en.chars().count() as f64);
        if a == 0.0 || b == 0.0 {
            return 0.0;
        }
        (a.min(b) / a.max(b)).clamp(0.0, 1.0)
    }
}
