//! Sentence alignment (SKELETON: the contract other modules rely on; the real aligner
//! replaces the body, keeping these signatures).

use serde::Serialize;

/// One bead of an alignment: consecutive Indonesian sentences `id` aligned to consecutive
/// English sentences `en` (either may be empty), with a calibrated probability `score`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bead {
    /// 0-based indices of the Indonesian sentences, ascending and consecutive.
    pub id: Vec<usize>,
    /// 0-based indices of the English sentences, ascending and consecutive.
    pub en: Vec<usize>,
    /// Probability in [0, 1] that this bead is right.
    pub score: f64,
}

impl Bead {
    /// The bead type, as `2-1`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.id.len(), self.en.len())
    }
}

/// Options of the aligner.
#[derive(Clone, Debug)]
pub struct AlignConfig {
    /// Largest number of sentences on one side of a bead (1..=3).
    pub max_side: usize,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig { max_side: 3 }
    }
}

/// The aligner.
#[derive(Clone, Debug, Default)]
pub struct Aligner {
    config: AlignConfig,
}

impl Aligner {
    /// An aligner with the bundled lexicon.
    pub fn new(config: AlignConfig) -> Self {
        Aligner { config }
    }

    /// Align two documents given as sentences. Every sentence of both sides is in exactly
    /// one bead, in order.
    pub fn align<S: AsRef<str>>(&self, id: &[S], en: &[S]) -> Vec<Bead> {
        let _ = &self.config;
        let n = id.len().max(en.len());
        (0..n)
            .map(|k| Bead {
                id: if k < id.len() { vec![k] } else { vec![] },
                en: if k < en.len() { vec![k] } else { vec![] },
                score: 0.5,
            })
            .collect()
    }

    /// A copy of this aligner that also uses the word translations learned in `stats`
    /// (the second pass).
    pub fn with_learned(&self, stats: &LearnStats) -> Aligner {
        let _ = stats;
        self.clone()
    }
}

/// Co-occurrence statistics gathered from confident beads of a first pass, over any number
/// of documents; mergeable, so documents can be processed in parallel.
#[derive(Clone, Debug, Default)]
pub struct LearnStats {}

impl LearnStats {
    /// Add one aligned document.
    pub fn add<S: AsRef<str>>(&mut self, aligner: &Aligner, id: &[S], en: &[S], beads: &[Bead]) {
        let _ = (aligner, id, en, beads);
    }

    /// Merge statistics gathered elsewhere.
    pub fn merge(&mut self, other: LearnStats) {
        let _ = other;
    }
}
