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
}

/// The logistic model of [`probability`]: intercept, then the weights of [`design`] (fitted
/// by `benches/pair_fit.py`).
const MODEL: [f64; 7] = [-17.687, 9.303, 16.43, -6.018, -0.117, -2.369, 12.52];
/// The usual `ln(English characters / Indonesian characters)` of a translation.
const LOG_RATIO_MEAN: f64 = -0.1;

/// The features as the model reads them.
pub fn design(f: &DocFeatures) -> [f64; 6] {
    [
        f.cover_id,
        f.cover_en,
        (f.log_ratio - LOG_RATIO_MEAN).abs(),
        (f64::from(f.num_matched) + 1.0).ln(),
        (f64::from(f.num_unmatched) + 1.0).ln(),
        f.in_order,
    ]
}

/// The probability that the documents translate each other.
pub fn probability(f: &DocFeatures) -> f64 {
    let x = design(f);
    let z = MODEL[0] + x.iter().zip(&MODEL[1..]).map(|(a, b)| a * b).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

/// The features of an Indonesian document against an English one (`index` is
/// `CoverIndex::new(&en.sents)`).
pub fn features(id: &DocPrep, en: &DocPrep, index: &CoverIndex) -> DocFeatures {
    let (ni, ne) = (id.sents.len(), en.sents.len());
    let mut covered_en = vec![0u128; ne];
    let mut row = vec![(0u128, 0u128); ne];
    let (mut w_id, mut w_id_cov) = (0.0, 0.0);
    let (mut num_matched, mut num_unmatched) = (0u32, 0u32);
    let mut in_order = 0.0;
    let mut id_weight_all = 0.0;
    for (i, s) in id.sents.iter().enumerate() {
        row.iter_mut().for_each(|m| *m = (0, 0));
        index.cover_row(s, &en.sents, 0, &mut row);
        let mut mi = 0u128;
        let mut best = (0.0, 0usize);
        for (j, &(a, b)) in row.iter().enumerate() {
            mi |= a;
            covered_en[j] |= b;
            let w = id.weight(i, a);
            if w > best.0 {
                best = (w, j);
            }
        }
        let all = id.weight(i, u128::MAX);
        w_id += all;
        w_id_cov += id.weight(i, mi);
        num_matched += (mi & s.num_mask).count_ones();
        num_unmatched += (!mi & s.num_mask).count_ones();
        // Where the best match lies, relative to the documents' lengths.
        if best.0 > 0.0 {
            let at_id = (i as f64 + 0.5) / ni as f64;
            let at_en = (best.1 as f64 + 0.5) / ne as f64;
            if (at_id - at_en).abs() <= 0.2 + 1.0 / ne.min(ni) as f64 {
                in_order += all;
            }
        }
        id_weight_all += all;
    }
    let (mut w_en, mut w_en_cov) = (0.0, 0.0);
    for (j, s) in en.sents.iter().enumerate() {
        w_en += en.weight(j, u128::MAX);
        w_en_cov += en.weight(j, covered_en[j]);
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
        in_order: share(in_order, id_weight_all),
    }
}
