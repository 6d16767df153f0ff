//! The document score: the probability that an Indonesian document and an English document
//! translate each other, from the evidence the aligner uses for sentences
//! ([`crate::score::Evidence`]), gathered over the whole documents.
//!
//! Every sentence of both documents is prepared once; each Indonesian sentence is covered
//! against all English sentences of the candidate at once ([`CoverIndex::cover_row`]), so
//! an item (a content word, a number, a name) counts as translated when some sentence of the
//! other document holds its counterpart — word order and sentence boundaries do not matter.
//! Items are weighted by their inverse document frequency on their own side: a shared rare
//! name or number says more than a shared common word. The features ([`DocFeatures`]) go
//! through a logistic model fitted on the dev collections of `benches/pair_bench.py`
//! (true pairs against every other candidate the search proposed), so the score reads as a
//! probability and `--min-score 0.5` is the even-odds decision.

use crate::score::{CoverIndex, Prepared};

/// A document prepared for scoring: its sentences and each item's weight.
#[derive(Clone, Debug, Default)]
pub struct DocPrep {
    /// The prepared sentences.
    pub sents: Vec<Prepared>,
    /// Per sentence, the weight of each item (its inverse document frequency).
    pub weights: Vec<Vec<f32>>,
    /// Characters of the normalised text (all sentences).
    pub chars: usize,
}

impl DocPrep {
    /// The summed weight of the items of sentence `s` in `mask`.
    fn weight(&self, s: usize, mask: u128) -> f64 {
        let w = &self.weights[s];
        let mut m = mask & self.sents[s].all_mask;
        let mut sum = 0.0;
        while m != 0 {
            let i = m.trailing_zeros() as usize;
            sum += f64::from(w[i]);
            m &= m - 1;
        }
        sum
    }
}

/// What the evidence says about two whole documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocFeatures {
    /// Weighted share of the Indonesian items translated in the English document.
    pub cover_id: f64,
    /// Weighted share of the English items translated in the Indonesian document.
    pub cover_en: f64,
    /// `ln(English characters / Indonesian characters)`.
    pub log_ratio: f64,
    /// Numbers on both sides (occurrences matched on the other side, both sides).
    pub num_matched: u32,
    /// Numbers without a counterpart (both sides).
    pub num_unmatched: u32,
    /// Share of the Indonesian sentences whose best English sentence lies near the same
    /// relative place in its document (a translation keeps the order; a document on the same
    /// topic does not).
    pub in_order: f64,
    /// Weighted share of the items of both sides translated by a sentence near the same
    /// relative place in the other document ([`near`]).
    pub cover_near: f64,
    /// Weighted share of the items of both sides translated along the best monotone chain of
    /// sentence pairs (each sentence used once, the order kept on both sides).
    pub monotone: f64,
}

impl DocFeatures {
    /// The names of the features, in the order of [`DocFeatures::values`].
    pub const NAMES: [&'static str; 8] = [
        "cover_id",
        "cover_en",
        "log_ratio",
        "num_matched",
        "num_unmatched",
        "in_order",
        "cover_near",
        "monotone",
    ];

    /// The features' values, in the order of [`DocFeatures::NAMES`].
    pub fn values(&self) -> [f64; 8] {
        [
            self.cover_id,
            self.cover_en,
            self.log_ratio,
            f64::from(self.num_matched),
            f64::from(self.num_unmatched),
            self.in_order,
            self.cover_near,
            self.monotone,
        ]
    }
}

/// The logistic model of [`probability`]: intercept, then the weights of [`design`] (fitted
/// by `benches/pair_fit.py`).
const MODEL: [f64; 9] = [
    -8.968, -22.229, -17.904, -3.322, -0.068, -1.532, 3.379, 38.091, 44.205,
];
/// The usual `ln(English characters / Indonesian characters)` of a translation.
const LOG_RATIO_MEAN: f64 = -0.1;

/// The features as the model reads them.
pub fn design(f: &DocFeatures) -> [f64; 8] {
    [
        f.cover_id,
        f.cover_en,
        (f.log_ratio - LOG_RATIO_MEAN).abs(),
        (f64::from(f.num_matched) + 1.0).ln(),
        (f64::from(f.num_unmatched) + 1.0).ln(),
        f.in_order,
        f.cover_near,
        f.monotone,
    ]
}

/// The log-odds that the documents translate each other, from their own features.
pub fn logit(f: &DocFeatures) -> f64 {
    let x = design(f);
    MODEL[0] + x.iter().zip(&MODEL[1..]).map(|(a, b)| a * b).sum::<f64>()
}

/// The probability that the documents translate each other.
pub fn probability(f: &DocFeatures) -> f64 {
    sigmoid(logit(f))
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Whether sentence `i` of `ni` and sentence `j` of `nj` lie near the same relative place in
/// their documents: within a fifth of the document, plus a sentence of the shorter one.
pub fn near(i: usize, ni: usize, j: usize, nj: usize) -> bool {
    let at_i = (i as f64 + 0.5) / ni as f64;
    let at_j = (j as f64 + 0.5) / nj as f64;
    (at_i - at_j).abs() <= 0.2 + 1.0 / ni.min(nj) as f64
}

/// The features of an Indonesian document against an English one (`index` is
/// `CoverIndex::new(&en.sents)`).
pub fn features(id: &DocPrep, en: &DocPrep, index: &CoverIndex) -> DocFeatures {
    let (ni, ne) = (id.sents.len(), en.sents.len());
    // One row of cover masks at a time (Indonesian sentence `i` against every English
    // sentence), read by the features and by the monotone chain as it is made: the whole
    // grid would take `ni × ne × 32` bytes, 15 GB for two documents of 22,000 sentences.
    let mut row = vec![(0u128, 0u128); ne];
    let mut covered_en = vec![0u128; ne];
    let mut near_en = vec![0u128; ne];
    let (mut w_id, mut w_id_cov, mut w_id_near) = (0.0, 0.0, 0.0);
    let (mut num_matched, mut num_unmatched) = (0u32, 0u32);
    let mut in_order = 0.0;
    let mut chain = Chain::new(ne);
    for (i, s) in id.sents.iter().enumerate() {
        row.fill((0, 0));
        index.cover_row(s, &en.sents, 0, &mut row);
        let (mut mi, mut mi_near) = (0u128, 0u128);
        let mut best = (0.0, 0usize);
        for (j, &(a, b)) in row.iter().enumerate() {
            mi |= a;
            covered_en[j] |= b;
            if near(i, ni, j, ne) {
                mi_near |= a;
                near_en[j] |= b;
            }
            let w = id.weight(i, a);
            if w > best.0 {
                best = (w, j);
            }
        }
        chain.row(id, en, i, &row);
        let all = id.weight(i, u128::MAX);
        w_id += all;
        w_id_cov += id.weight(i, mi);
        w_id_near += id.weight(i, mi_near);
        num_matched += (mi & s.num_mask).count_ones();
        num_unmatched += (!mi & s.num_mask).count_ones();
        if best.0 > 0.0 && near(i, ni, best.1, ne) {
            in_order += all;
        }
    }
    let (mut w_en, mut w_en_cov, mut w_en_near) = (0.0, 0.0, 0.0);
    for (j, s) in en.sents.iter().enumerate() {
        w_en += en.weight(j, u128::MAX);
        w_en_cov += en.weight(j, covered_en[j]);
        w_en_near += en.weight(j, near_en[j]);
        num_matched += (covered_en[j] & s.num_mask).count_ones();
        num_unmatched += (!covered_en[j] & s.num_mask).count_ones();
    }
    let share = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    DocFeatures {
        cover_id: share(w_id_cov, w_id),
        cover_en: share(w_en_cov, w_en),
        log_ratio: ((en.chars.max(1)) as f64 / (id.chars.max(1)) as f64).ln(),
        num_matched,
        num_unmatched,
        in_order: share(in_order, w_id),
        cover_near: share(w_id_near + w_en_near, w_id + w_en),
        monotone: share(chain.weight(), w_id + w_en),
    }
}

/// The weight of the items translated along the best monotone chain of sentence pairs: a
/// longest-common-subsequence over the sentences, where a pair is worth the weight of the
/// items it translates on both sides. Fed one row of cover masks at a time, it keeps two
/// rows of the table.
struct Chain {
    prev: Vec<f64>,
    cur: Vec<f64>,
}

impl Chain {
    fn new(ne: usize) -> Chain {
        Chain {
            prev: vec![0.0; ne + 1],
            cur: vec![0.0; ne + 1],
        }
    }

    /// Extend the table by Indonesian sentence `i`, whose cover masks are `row`.
    fn row(&mut self, id: &DocPrep, en: &DocPrep, i: usize, row: &[(u128, u128)]) {
        let (prev, cur) = (&self.prev, &mut self.cur);
        for (j, &(a, b)) in row.iter().enumerate() {
            let pair = if a == 0 {
                0.0
            } else {
                id.weight(i, a) + en.weight(j, b)
            };
            cur[j + 1] = (prev[j] + pair).max(prev[j + 1]).max(cur[j]);
        }
        std::mem::swap(&mut self.prev, &mut self.cur);
    }

    /// The chain's weight over the rows given so far.
    fn weight(&self) -> f64 {
        self.prev[self.prev.len() - 1]
    }
}

/// The model of [`with_margins`]: intercept and the weight of a pair's summed margins over
/// the best rival of each of its documents (fitted by `benches/pair_fit.py`).
const MARGIN_MODEL: [f64; 2] = [-0.138, 0.726];
/// The fixed weight of a pair's own log-odds in [`with_margins`]: a pair must carry evidence
/// of its own, not only stand out from weaker rivals (a lone pair in a small collection).
const OWN_WEIGHT: f64 = 0.5;
/// Log-odds are clamped to `±Z_CAP` before margins are taken.
const Z_CAP: f64 = 12.0;
/// A rival never counts as weaker than this: some unrelated document of a collection
/// usually scores about this well (the upper tenth of wrong candidates on the benchmark), so
/// a pair does not stand out merely because its documents have few or no other candidates.
const RIVAL_FLOOR: f64 = -6.0;

/// The final scores of candidate pairs `(id, en, log-odds)`: a translation stands out from the
/// other candidates of both its documents, so each pair's own log-odds ([`logit`]) are read
/// with its margins over the best other candidate on each side. This lifts a true pair whose
/// documents share little evidence (a free translation) when nothing else comes close, and
/// lowers a pair between two documents that each match another document as well.
pub fn with_margins(cands: &[(u32, u32, f64)], n_id: usize, n_en: usize) -> Vec<f64> {
    let none = (u32::MAX, RIVAL_FLOOR);
    let mut top_id = vec![[none; 2]; n_id];
    let mut top_en = vec![[none; 2]; n_en];
    let push = |top: &mut [(u32, f64); 2], other: u32, z: f64| {
        if z > top[0].1 || (z == top[0].1 && other < top[0].0) {
            top[1] = top[0];
            top[0] = (other, z);
        } else if z > top[1].1 || (z == top[1].1 && other < top[1].0) {
            top[1] = (other, z);
        }
    };
    for &(i, e, z) in cands {
        let z = z.clamp(-Z_CAP, Z_CAP);
        push(&mut top_id[i as usize], e, z);
        push(&mut top_en[e as usize], i, z);
    }
    // The best other candidate's log-odds (the floor when it is weaker or missing).
    let rival = |top: &[(u32, f64); 2], other: u32| {
        if top[0].0 == other {
            top[1].1
        } else {
            top[0].1
        }
    };
    cands
        .iter()
        .map(|&(i, e, z)| {
            let z = z.clamp(-Z_CAP, Z_CAP);
            let margin = 2.0 * z - rival(&top_id[i as usize], e) - rival(&top_en[e as usize], i);
            sigmoid(OWN_WEIGHT * z + MARGIN_MODEL[0] + MARGIN_MODEL[1] * margin)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_lift_a_pair_that_stands_out_and_not_a_lone_weak_one() {
        // Document 0 of each side: a weak pair (log-odds 0) far above its rivals.
        let standing_out = [(0, 0, 0.0), (0, 1, -10.0), (1, 0, -10.0), (1, 1, 5.0)];
        let p = with_margins(&standing_out, 2, 2);
        assert!(p[0] > 0.9, "{p:?}");
        assert!(p[1] < 0.01 && p[2] < 0.01, "{p:?}");
        // The same pair with rivals as good on both sides.
        let rivalled = [(0, 0, 0.0), (1, 0, 0.0), (0, 1, 0.0)];
        let p = with_margins(&rivalled, 2, 2);
        assert!(p[0] < 0.5, "{p:?}");
        // A lone pair with no evidence of its own.
        assert!(with_margins(&[(0, 0, -8.0)], 1, 1)[0] < 0.1);
    }

    #[test]
    fn near_allows_a_fifth_of_the_document_and_a_sentence() {
        assert!(near(0, 10, 0, 10));
        assert!(near(0, 10, 2, 10));
        assert!(!near(0, 10, 4, 10));
        assert!(near(0, 2, 1, 2));
    }
}
