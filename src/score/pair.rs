//! Pair scoring outside any alignment (`selaras score`, `check`): a probability that two
//! texts translate each other, from the [`Evidence`] features.
//!
//! The model is a logistic regression over a few transforms of [`Features`] (see
//! [`design`]). Its coefficients are fit by `scripts/fit_pair_scorer.py` on the development
//! sets: positives are the true unit pairs, negatives the same Indonesian units paired with a
//! random English unit of the same set and with a neighbouring English unit (the harder
//! case), in equal numbers. The length model ([`length_z`]) is fit on the same positives.

use super::{Evidence, Features, Prepared};
use crate::segment::Lang;

/// Names of the model inputs, in the order of [`design`] and [`COEF`].
pub const INPUTS: [&str; 18] = [
    "bias",
    "lex_id",
    "lex_en",
    "lex_min",
    "cover_id",
    "cover_en",
    "cover_min",
    "len_abs_z",
    "num_shared",
    "num_unshared",
    "names_shared",
    "names_unshared",
    "log_len",
    "cover_x_len",
    "matched_id",
    "matched_en",
    "unmatched_id",
    "unmatched_en",
];

/// Logistic-regression coefficients, one per entry of [`INPUTS`].
///
/// Fit with `scripts/fit_pair_scorer.py` (L2-regularised Newton's method, λ = 1e-3) on the
/// fixed-seed sample of `scripts/pair_sample.py` (seed 5, 1,500 true pairs per set, one random
/// and one neighbour negative each) over the three development sets, with the bundled lexicon
/// of the evidence model. ROC AUC on that sample, pooled: 0.992 against random pairs, 0.972
/// against neighbours (tests/library/score.rs pins its own fixed-seed sample).
pub const COEF: [f64; 18] = [
    0.5076, 0.0194, 0.0221, 0.2673, 0.1389, 0.4805, 0.4589, -0.6751, 0.4603, -1.2356, 0.8581,
    -1.2765, 0.4115, 1.5262, 0.6718, 0.4208, -0.3494, -1.3829,
];

/// Length model (fit by `scripts/fit_pair_scorer.py --length` on the true pairs of the sample):
/// the log ratio ln((en+1)/(id+1)) of translations is about normal with this
/// mean and the variance [`LEN_VAR_BASE`] + [`LEN_VAR_SHORT`] / (mean length in characters).
pub const LEN_MU: f64 = -0.152;
/// See [`LEN_MU`].
pub const LEN_VAR_BASE: f64 = 0.0258;
/// See [`LEN_MU`].
pub const LEN_VAR_SHORT: f64 = 1.642;

/// How many standard deviations the length ratio of an Indonesian text of `len_id` characters
/// and an English text of `len_en` characters lies from that of typical translations
/// (negative: English shorter than expected). 0 when either side is empty.
pub fn length_z(len_id: f64, len_en: f64) -> f64 {
    if len_id <= 0.0 || len_en <= 0.0 {
        return 0.0;
    }
    let r = ((len_en + 1.0) / (len_id + 1.0)).ln();
    let n = (len_id + len_en) / 2.0;
    (r - LEN_MU) / (LEN_VAR_BASE + LEN_VAR_SHORT / n).sqrt()
}

/// The model inputs computed from the features (order of [`INPUTS`]).
pub fn design(f: &Features) -> [f64; 18] {
    let lex_min = f.lex_id.min(f.lex_en);
    let cover_min = f.cover_id.min(f.cover_en);
    let z = length_z(f.len_id, f.len_en).abs().min(8.0);
    let log_len = (1.0 + f.len_id.min(f.len_en)).ln();
    [
        1.0,
        f.lex_id,
        f.lex_en,
        lex_min,
        f.cover_id,
        f.cover_en,
        cover_min,
        z,
        (1.0 + f64::from(f.num_shared)).ln(),
        (1.0 + f64::from(f.num_id_only + f.num_en_only)).ln(),
        (1.0 + f64::from(f.names_shared)).ln(),
        (1.0 + f64::from(f.names_id_only + f.names_en_only)).ln(),
        log_len,
        (f.cover_id + f.cover_en) / 2.0 * log_len,
        (1.0 + f.lex_id * f64::from(f.words_id)).ln(),
        (1.0 + f.lex_en * f64::from(f.words_en)).ln(),
        (1.0 + (1.0 - f.lex_id) * f64::from(f.words_id)).ln(),
        (1.0 + (1.0 - f.lex_en) * f64::from(f.words_en)).ln(),
    ]
}

/// The probability given by the model for these features. 0 when a side is empty.
pub fn probability(f: &Features) -> f64 {
    if f.len_id <= 0.0 || f.len_en <= 0.0 {
        return 0.0;
    }
    let x = design(f);
    let t: f64 = x.iter().zip(COEF.iter()).map(|(a, b)| a * b).sum();
    let p = 1.0 / (1.0 + (-t).exp());
    if p.is_finite() { p } else { 0.0 }
}

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

    /// A scorer over a given evidence model (e.g. one with a learned lexicon).
    pub fn with_evidence(evidence: Evidence) -> Self {
        PairScorer { evidence }
    }

    /// The evidence model used.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }

    /// The features of a pair.
    pub fn features(&self, id: &str, en: &str) -> Features {
        let (pi, pe): (Prepared, Prepared) = (
            self.evidence.prepare(id, Lang::Id),
            self.evidence.prepare(en, Lang::En),
        );
        self.evidence.features(&pi, &pe)
    }

    /// Probability in [0, 1] that `en` is a translation of `id`.
    pub fn score(&self, id: &str, en: &str) -> f64 {
        probability(&self.features(id, en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_z_is_centred_on_translations() {
        assert!(length_z(100.0, 91.0).abs() < 0.5);
        assert!(length_z(100.0, 30.0) < -4.0);
        assert!(length_z(30.0, 100.0) > 4.0);
        assert_eq!(length_z(0.0, 10.0), 0.0);
    }

    #[test]
    fn empty_side_scores_zero_and_scores_are_probabilities() {
        let s = PairScorer::new();
        assert_eq!(s.score("", "Hello."), 0.0);
        assert_eq!(s.score("Halo.", ""), 0.0);
        let p = s.score("Rumah itu besar.", "The house is big.");
        assert!((0.0..=1.0).contains(&p));
    }
}
