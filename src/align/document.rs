//! Document-level evidence: the probability that two documents translate each other at all,
//! read from their alignment.
//!
//! A bead's score is the probability that the bead is right *given* that the documents are a
//! translation: the bead model compares each candidate with the other ways of aligning the
//! same two documents, so the beads of an article paired with another article's English still
//! look like the best of what there is. This module asks the question the bead model cannot:
//! does the alignment, as a whole, show the evidence a translation shows?
//!
//! The features ([`DocFeatures`]) are the alignment's own evidence, computed with the bundled
//! lexicon only (never words learned from the document itself, which a mis-paired document
//! would learn from its own wrong beads):
//! - each paired bead (neither side empty) is scored as a pair outside any alignment
//!   ([`crate::score::pair::probability`], the score of `selaras score` and `check`): the
//!   share of the sentences in beads with lexical support (pair probability ≥ 0.5) and with
//!   strong support (≥ 0.9), and the paired beads' mean pair probability;
//! - the longest stretch of supported beads (beads in order, supported ones counting for,
//!   unsupported paired ones against, empty ones neither): a partly translated document keeps
//!   a long supported stretch, a mis-paired one has only scattered chance support;
//! - the share of sentences left unpaired, the bead scores' mean, and how far the whole
//!   documents' length ratio lies from that of translations;
//! - the order features of `selaras pair`'s document score ([`crate::pair::score::features`],
//!   every item weighted alike): whether the best match of each sentence lies at the same
//!   relative place in the other document, and the share of items translated by a sentence
//!   near the same relative place.
//!
//! A logistic model over these ([`probability`]) is fitted by `scripts/fit_document.py` on
//! collections cut from the dev sets (genuine documents, documents given another document's
//! English, partly translated documents).

use serde::Serialize;

use super::Bead;
use crate::pair::score::near;
use crate::score::{CoverIndex, Evidence, Prepared};
use crate::segment::{Lang, Sentence};

/// What an alignment shows about its two documents as a whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocFeatures {
    /// Sentences (Indonesian plus English).
    pub sentences: usize,
    /// Sentences of the shorter side.
    pub shorter: usize,
    /// Share of all sentences in paired beads with lexical support.
    pub supported: f64,
    /// Share of the sentences of paired beads in beads with lexical support.
    pub supported_paired: f64,
    /// Share of all sentences in paired beads with strong lexical support (pair probability
    /// ≥ [`STRONG`]), which chance matches of names and common words rarely reach.
    pub strong: f64,
    /// Share of the Indonesian sentences in beads with lexical support.
    pub supported_id: f64,
    /// Share of the English sentences in beads with lexical support (1 when the English
    /// translates a part of the Indonesian document, all of it supported).
    pub supported_en: f64,
    /// Mean pair probability of the paired beads (weighted by their sentences).
    pub mean_pair: f64,
    /// Sentences in the best stretch of supported beads, as a share of all sentences.
    pub stretch: f64,
    /// Sentences in that stretch.
    pub stretch_sentences: usize,
    /// Share of sentences in beads with an empty side.
    pub unpaired: f64,
    /// Mean bead score of the paired beads (weighted by their sentences).
    pub mean_bead: f64,
    /// `|ln(English characters / Indonesian characters) − LOG_RATIO_MEAN|` of the documents.
    pub length: f64,
    /// Items of the Indonesian document with a counterpart in the English one (all alike).
    pub cover_id: f64,
    /// Items of the English document with a counterpart in the Indonesian one.
    pub cover_en: f64,
    /// Share of Indonesian items whose sentence's best match lies at the same relative place.
    pub in_order: f64,
    /// Share of the items of both sides translated by a sentence near the same relative place.
    pub cover_near: f64,
    /// Share of the items of both sides translated along the best monotone chain of sentence
    /// pairs.
    pub monotone: f64,
    /// The weight of evidence for the best part that translates: the largest sum, over a run
    /// of paired beads in order, of each bead's log-odds of translation above those of
    /// strong support (`ln(p / (1 − p)) − ln(STRONG / (1 − STRONG))` of its pair
    /// probability `p`, whose odds are a likelihood ratio), 0 where none is positive. A
    /// partly translated document whose other side holds text of its own has a long run of
    /// pairs that clearly translate; a mis-paired one has at most a few that chance matches
    /// of names and a shared topic lift above strong support.
    pub run_odds: f64,
}

/// Pair probability at or above which a bead has lexical support.
pub const SUPPORTED: f64 = 0.5;
/// Pair probability at or above which a bead has strong lexical support.
pub const STRONG: f64 = 0.9;
/// The pair probabilities read as odds are kept this far from 0 and 1 (the pair model's
/// probabilities for its surest cases are not that exact).
const ODDS_CLAMP: f64 = 1e-4;
/// The usual `ln(English characters / Indonesian characters)` of a translation.
const LOG_RATIO_MEAN: f64 = -0.1;

/// The pair probability of one bead's sides (0 for a bead with an empty side).
fn bead_pair(
    ev: &Evidence,
    b: &Bead,
    (id, pid): (&[Sentence], &[Prepared]),
    (en, pen): (&[Sentence], &[Prepared]),
) -> f64 {
    if !b.is_paired() {
        return 0.0;
    }
    let joined = |idx: &[usize], sents: &[Sentence], lang| {
        let text: Vec<&str> = idx.iter().map(|&k| sents[k].text.as_str()).collect();
        ev.prepare(&text.join(" "), lang)
    };
    let f = match (b.id.as_slice(), b.en.as_slice()) {
        ([i], [j]) => ev.features(&pid[*i], &pen[*j]),
        ([i], _) => ev.features(&pid[*i], &joined(&b.en, en, Lang::En)),
        (_, [j]) => ev.features(&joined(&b.id, id, Lang::Id), &pen[*j]),
        _ => ev.features(&joined(&b.id, id, Lang::Id), &joined(&b.en, en, Lang::En)),
    };
    crate::score::pair::probability(&f)
}

/// The features of an alignment: `beads` over the sentences `id` and `en`, prepared as
/// `pid` and `pen` by `ev` (without learned translations).
pub fn features(
    ev: &Evidence,
    (id, pid): (&[Sentence], &[Prepared]),
    (en, pen): (&[Sentence], &[Prepared]),
    beads: &[Bead],
) -> DocFeatures {
    let whole = coverage(pid, pen);
    features_with(ev, (id, pid), (en, pen), beads, &whole)
}

/// [`features`] with the reading of the whole documents, which does not depend on the
/// alignment, done before ([`coverage`] of `pid` and `pen`; a long document's alignment runs
/// meanwhile).
pub fn features_with(
    ev: &Evidence,
    sides: (&[Sentence], &[Prepared]),
    other: (&[Sentence], &[Prepared]),
    beads: &[Bead],
    whole: &Coverage,
) -> DocFeatures {
    read_with(ev, sides, other, beads, whole).0
}

/// [`features_with`], and each bead's pair probability ([`crate::score::pair::probability`]
/// of its two sides; `None` for a bead with an empty side), which [`translated_parts`] reads.
pub fn read_with(
    ev: &Evidence,
    (id, pid): (&[Sentence], &[Prepared]),
    (en, pen): (&[Sentence], &[Prepared]),
    beads: &[Bead],
    whole: &Coverage,
) -> (DocFeatures, Vec<Option<f64>>) {
    let mut pairs = Vec::with_capacity(beads.len());
    let total = (id.len() + en.len()).max(1) as f64;
    let (mut paired, mut support, mut pair_sum, mut bead_sum, mut unpaired) =
        (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut support_id, mut support_en, mut strong) = (0usize, 0usize, 0.0);
    // The best stretch: the largest sum over a run of beads (Kadane).
    let (mut run, mut run_sents, mut best, mut best_sents) = (0.0f64, 0usize, 0.0f64, 0usize);
    let (mut odds_run, mut odds_best) = (0.0f64, 0.0f64);
    let strong_odds = (STRONG / (1.0 - STRONG)).ln();
    for b in beads {
        let n = (b.id.len() + b.en.len()) as f64;
        if !b.is_paired() {
            unpaired += n;
            pairs.push(None);
            continue;
        }
        let p = bead_pair(ev, b, (id, pid), (en, pen));
        pairs.push(Some(p));
        paired += n;
        pair_sum += n * p;
        bead_sum += n * b.score;
        let ok = p >= SUPPORTED;
        if p >= STRONG {
            strong += n;
        }
        if ok {
            support += n;
            support_id += b.id.len();
            support_en += b.en.len();
        }
        if run <= 0.0 {
            (run, run_sents) = (0.0, 0);
        }
        run += if ok { n } else { -n };
        run_sents += n as usize;
        if run > best {
            (best, best_sents) = (run, run_sents);
        }
        let q = p.clamp(ODDS_CLAMP, 1.0 - ODDS_CLAMP);
        odds_run = odds_run.max(0.0) + (q / (1.0 - q)).ln() - strong_odds;
        odds_best = odds_best.max(odds_run);
    }
    let share = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let features = DocFeatures {
        sentences: id.len() + en.len(),
        shorter: id.len().min(en.len()),
        supported: support / total,
        supported_paired: share(support, paired),
        strong: strong / total,
        supported_id: share(support_id as f64, id.len() as f64),
        supported_en: share(support_en as f64, en.len() as f64),
        mean_pair: share(pair_sum, paired),
        stretch: best / total,
        stretch_sentences: best_sents,
        unpaired: unpaired / total,
        mean_bead: share(bead_sum, paired),
        length: (whole.log_ratio - LOG_RATIO_MEAN).abs(),
        cover_id: whole.cover_id,
        cover_en: whole.cover_en,
        in_order: whole.in_order,
        cover_near: whole.cover_near,
        monotone: whole.monotone,
        run_odds: odds_best,
    };
    (features, pairs)
}

/// The prior that a document taken as a translation is translated where it starts
/// ([`translated_parts`]).
pub const PART_PRIOR: f64 = 0.9;

/// The probability that the next paired bead lies in the same kind of part as the one before
/// (translated or not): parts run for tens of beads, not a bead or two.
pub const PART_STAY: f64 = 0.9;

/// For each bead (`pairs`: its pair probability, `None` for a bead with an empty side), the
/// probability that it lies in a part of the document that the other side translates.
///
/// A document taken as a translation may translate only some of its paragraphs, and the
/// English may hold text of its own (another article's, a page's boilerplate): the alignment
/// still pairs the sentences there, each pair the best of what there is. The paired beads in
/// order are read as a two-state hidden Markov model (translated or not, [`PART_STAY`] of
/// staying, [`PART_PRIOR`] at the start) whose evidence is each bead's pair probability: the
/// pair model was fitted on as many unrelated pairs as true ones, so its odds are the
/// likelihood ratio of the two states. Forward and backward passes give each bead's
/// probability; a bead with an empty side takes its paired neighbour's (the one before, or
/// after where none is before), 1 in a document with no paired bead.
pub fn translated_parts(pairs: &[Option<f64>]) -> Vec<f64> {
    let evidence: Vec<(f64, f64)> = pairs
        .iter()
        .flatten()
        .map(|p| {
            let p = p.clamp(ODDS_CLAMP, 1.0 - ODDS_CLAMP);
            (p, 1.0 - p)
        })
        .collect();
    let n = evidence.len();
    let (stay, leave) = (PART_STAY, 1.0 - PART_STAY);
    // Forward: each step's state probabilities given the beads up to it, normalised.
    let mut forward = Vec::with_capacity(n);
    let mut prev = (PART_PRIOR, 1.0 - PART_PRIOR);
    for (k, &(yes, no)) in evidence.iter().enumerate() {
        let (a, b) = if k == 0 {
            prev
        } else {
            (
                prev.0 * stay + prev.1 * leave,
                prev.0 * leave + prev.1 * stay,
            )
        };
        let (a, b) = (a * yes, b * no);
        prev = (a / (a + b), b / (a + b));
        forward.push(prev);
    }
    // Backward: the beads after each step given its state, normalised.
    let mut post = vec![0.0; n];
    let mut next = (1.0, 1.0);
    for k in (0..n).rev() {
        let (a, b) = (forward[k].0 * next.0, forward[k].1 * next.1);
        post[k] = a / (a + b);
        let (yes, no) = evidence[k];
        let (a, b) = (
            stay * yes * next.0 + leave * no * next.1,
            leave * yes * next.0 + stay * no * next.1,
        );
        next = (a / (a + b), b / (a + b));
    }
    // Back to every bead: an unpaired one takes the paired one before it (or after).
    let mut out = Vec::with_capacity(pairs.len());
    let mut k = 0;
    for p in pairs {
        if p.is_some() {
            k += 1;
        }
        out.push(match (k, post.get(k)) {
            (0, Some(&after)) => after,
            (0, None) => 1.0,
            (k, _) => post[k - 1],
        });
    }
    out
}

/// Most Indonesian sentences the whole-document reading takes: a longer document is read at
/// evenly spaced sentences (its shares are then estimates; a sentence's best match costs time
/// in proportion to the document's length).
pub const COVERAGE_SENTENCES: usize = 2000;

/// What [`crate::pair::score::features`] reads of two whole documents, with every item
/// weighted alike, computed from the sentence pairs that share an item only (the full grid of
/// sentence pairs of a long document would not fit in memory). It reads the sentences only,
/// not their alignment.
pub fn coverage(pid: &[Prepared], pen: &[Prepared]) -> Coverage {
    coverage_indexed(pid, pen, &CoverIndex::new(pen))
}

/// [`coverage`] with the English side already indexed (`index`, from `pen`).
pub fn coverage_indexed(pid: &[Prepared], pen: &[Prepared], index: &CoverIndex) -> Coverage {
    let (ni, ne) = (pid.len(), pen.len());
    let step = ni.div_ceil(COVERAGE_SENTENCES).max(1);
    let weight = |p: &Prepared, m: u128| f64::from((m & p.all_mask).count_ones());
    // Items of a cover mask, which holds only the items of its sentence.
    let items = |m: u128| m.count_ones();
    let mut row = vec![(0u128, 0u128); ne];
    let mut touched = Vec::new();
    let mut seen = vec![0u64; ne.div_ceil(64)];
    let (mut covered_en, mut near_en) = (vec![0u128; ne], vec![0u128; ne]);
    let (mut w_id, mut w_id_cov, mut w_id_near, mut in_order) = (0.0, 0.0, 0.0, 0.0);
    let mut chain = Chain::new(ne);
    for (i, p) in pid.iter().enumerate().step_by(step) {
        index.cover_touched(p, pen, &mut row, &mut touched);
        // The touched sentences in descending order, read off a bit set (a sort of the
        // thousands a long document's sentence touches costs more).
        for &j in &touched {
            seen[j as usize / 64] |= 1 << (j % 64);
        }
        let descending = (0..seen.len()).rev().flat_map(|w| {
            let mut bits = std::mem::take(&mut seen[w]);
            std::iter::from_fn(move || {
                let b = 63usize.checked_sub(bits.leading_zeros() as usize)?;
                bits ^= 1 << b;
                Some(w * 64 + b)
            })
        });
        let (mut mi, mut mi_near) = (0u128, 0u128);
        // The first sentence with the most items translated.
        let mut best = (0, 0usize);
        for j in descending {
            let (a, b) = std::mem::take(&mut row[j]);
            mi |= a;
            covered_en[j] |= b;
            if near(i, ni, j, ne) {
                mi_near |= a;
                near_en[j] |= b;
            }
            let w = items(a);
            if w >= best.0 && w > 0 {
                best = (w, j);
            }
            chain.add(j, w + items(b));
        }
        touched.clear();
        let all = weight(p, u128::MAX);
        w_id += all;
        w_id_cov += weight(p, mi);
        w_id_near += weight(p, mi_near);
        if best.0 > 0 && near(i, ni, best.1, ne) {
            in_order += all;
        }
    }
    let (mut w_en, mut w_en_cov, mut w_en_near) = (0.0, 0.0, 0.0);
    for (j, p) in pen.iter().enumerate() {
        w_en += weight(p, u128::MAX);
        w_en_cov += weight(p, covered_en[j]);
        w_en_near += weight(p, near_en[j]);
    }
    let chars = |ps: &[Prepared]| ps.iter().map(|p| p.chars).sum::<usize>().max(1) as f64;
    let share = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    Coverage {
        cover_id: share(w_id_cov, w_id),
        cover_en: share(w_en_cov, w_en),
        log_ratio: (chars(pen) / chars(pid)).ln(),
        in_order: share(in_order, w_id),
        cover_near: share(w_id_near + w_en_near, w_id + w_en),
        monotone: share(f64::from(chain.best), w_id + w_en),
    }
}

/// What [`coverage`] reads.
#[derive(Clone, Debug)]
pub struct Coverage {
    cover_id: f64,
    cover_en: f64,
    log_ratio: f64,
    in_order: f64,
    cover_near: f64,
    monotone: f64,
}

/// The best monotone chain of sentence pairs (a longest common subsequence weighted by the
/// items each pair translates), built row by row from the pairs that share an item: a
/// Fenwick tree over the English sentences holds the best chain ending before each. Items
/// are counted in integers (cheaper to compare than floats, and exact).
struct Chain {
    tree: Vec<u32>,
    best: u32,
}

impl Chain {
    fn new(ne: usize) -> Chain {
        Chain {
            tree: vec![0; ne + 1],
            best: 0,
        }
    }

    /// The pair of the current row with English sentence `j`, worth `w`. Within a row, pairs
    /// come in descending `j`, so a pair never extends a chain ending in its own row.
    fn add(&mut self, j: usize, w: u32) {
        let mut before = 0;
        let mut k = j;
        while k > 0 {
            before = before.max(self.tree[k]);
            k &= k - 1;
        }
        let v = before + w;
        self.best = self.best.max(v);
        let mut k = j + 1;
        while k < self.tree.len() {
            self.tree[k] = self.tree[k].max(v);
            k += k & k.wrapping_neg();
        }
    }
}

/// Names of the model inputs, in the order of [`design`] and [`COEF`].
pub const INPUTS: [&str; 11] = [
    "bias",
    "supported",
    "mean_pair",
    "stretch",
    "log_stretch_sentences",
    "unpaired",
    "mean_bead",
    "in_order",
    "strong",
    "cover_near",
    "log_run_odds",
];

/// Logistic-regression coefficients, one per entry of [`INPUTS`]: fitted by
/// `scripts/fit_document.py` (L2, λ = 0.1) on the collections of `benches/mispaired.py` with
/// seeds 2, 3, 6 and 7 and 5 % mixed documents (`--mixed 0.05`: the English holds another
/// document's paragraphs beside a translation of some), each aligned both as `batch` and as
/// `align` aligns it (8,908 documents that translate each other, 1,020 mis-paired; the
/// mis-paired weighted four times all the others together). The documents' length ratio, their whole-document coverage and
/// `selaras pair`'s monotone chain were tried and left out: they add nothing the alignment's
/// own evidence does not show, and the length ratio of a partly translated document looks
/// like that of a mis-paired one.
pub const COEF: [f64; 11] = [
    -15.8968, 3.5913, 14.3511, 3.0263, -1.0646, -6.3892, 5.9886, 5.3459, -4.1107, -9.2383, 3.6467,
];

/// The model inputs (order of [`INPUTS`]).
pub fn design(f: &DocFeatures) -> [f64; 11] {
    [
        1.0,
        f.supported,
        f.mean_pair,
        f.stretch,
        (1.0 + f.stretch_sentences as f64).ln(),
        f.unpaired,
        f.mean_bead,
        f.in_order,
        f.strong,
        f.cover_near,
        f.run_odds.ln_1p(),
    ]
}

/// Below this many sentences on a side, a document is not judged by this model (which was
/// fitted on documents of four units or more; [`probability`] gives 1) but as one pair of
/// texts ([`short_probability`]).
pub const MIN_SENTENCES: usize = 3;

/// The share of a collection's documents that translate each other, taken as the prior of a
/// short document's judgement: one in ten mis-paired, the share `benches/mispaired.py` and
/// the collections the document model was fitted on hold.
pub const SHORT_PRIOR: f64 = 0.9;

/// The probability that a document too short for the model ([`MIN_SENTENCES`]) translates
/// its other side, from the sentence-pair model's probability `pair` for the sentences its
/// beads pair, joined on each side. That model was fitted on as many unrelated pairs as true
/// ones, so its odds are a likelihood ratio; the prior [`SHORT_PRIOR`] turns them into odds
/// for a document of a collection. A pair with no lexical evidence either way (`pair` about
/// 0.1: words the lexicon does not know) is thus left near even, while one whose known words
/// find no translation on the other side falls far below. `choices`: how many sentences of the
/// longer side there were for each one the beads pair (at least 1): the alignment took the
/// best of them, and the best of several unrelated sentences matches by chance that many
/// times as often, so the odds are divided by it (one sentence against ten unrelated ones).
pub fn short_probability(pair: f64, choices: f64) -> f64 {
    let odds =
        pair / (1.0 - pair).max(1e-12) * SHORT_PRIOR / (1.0 - SHORT_PRIOR) / choices.max(1.0);
    let p = odds / (1.0 + odds);
    if p.is_finite() { p } else { 0.0 }
}

/// The probability that a document too short for the model ([`MIN_SENTENCES`]) translates
/// its other side ([`short_probability`]): the sentences its beads pair, joined on each side
/// (a partly translated document is judged by the part that has a translation), or its whole
/// sides where no bead pairs anything, scored as `selaras score` scores a pair; `None` where a
/// side has no text. Its one or two beads' scores are the alignment's choice among the shapes
/// of so few sentences, not whether they translate.
pub fn judge_short(ev: &Evidence, id: &[Sentence], en: &[Sentence], beads: &[Bead]) -> Option<f64> {
    let any = beads.iter().any(Bead::is_paired);
    let taken = || beads.iter().filter(move |b| !any || b.is_paired());
    let joined = |side: &[Sentence], of: fn(&Bead) -> &[usize]| {
        let texts: Vec<&str> = (taken().flat_map(of))
            .filter_map(|&k| side.get(k))
            .map(|s| s.text.as_str())
            .collect();
        texts.join(" ")
    };
    let (ti, te) = (joined(id, |b| &b.id), joined(en, |b| &b.en));
    if ti.is_empty() || te.is_empty() {
        return None;
    }
    let (pi, pe) = (ev.prepare(&ti, Lang::Id), ev.prepare(&te, Lang::En));
    let pair = crate::score::pair::probability(&ev.features(&pi, &pe));
    // The longer side's sentences for each of its sentences the beads pair.
    let paired = |of: fn(&Bead) -> &[usize]| -> usize {
        (beads.iter().filter(|b| b.is_paired()))
            .map(|b| of(b).len())
            .sum()
    };
    let (ni, ne) = (paired(|b| &b.id), paired(|b| &b.en));
    let choices = if id.len() >= en.len() {
        id.len() as f64 / ni.max(1) as f64
    } else {
        en.len() as f64 / ne.max(1) as f64
    };
    Some(short_probability(pair, choices))
}

/// Per sentence of `side`: where it ends in its text, and the probability of the part its
/// bead lies in (`parts`, one per bead of `beads`, [`translated_parts`]; 1 for a sentence in
/// no bead). `of` gives a bead's sentences on this side.
pub fn sentence_parts(
    side: &[Sentence],
    beads: &[Bead],
    parts: &[f64],
    of: fn(&Bead) -> &[usize],
) -> Vec<(usize, f64)> {
    let mut out: Vec<(usize, f64)> = side.iter().map(|s| (s.end, 1.0)).collect();
    for (b, &p) in beads.iter().zip(parts) {
        for &k in of(b) {
            if let Some(s) = out.get_mut(k) {
                s.1 = p;
            }
        }
    }
    out
}

/// The probability that the two documents translate each other (1 for a document of fewer
/// than [`MIN_SENTENCES`] sentences on a side).
pub fn probability(f: &DocFeatures) -> f64 {
    if f.shorter < MIN_SENTENCES {
        return 1.0;
    }
    let t: f64 = design(f).iter().zip(COEF.iter()).map(|(a, b)| a * b).sum();
    let p = 1.0 / (1.0 + (-t).exp());
    if p.is_finite() { p } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::score::DocPrep;
    use crate::segment::Segmenter;

    /// A run of pairs without lexical support after supported ones is an untranslated part; a
    /// weak pair among strong ones is not; a bead with an empty side takes its neighbour's.
    #[test]
    fn a_run_of_unsupported_pairs_is_a_part_without_translation() {
        let mut pairs: Vec<Option<f64>> = vec![Some(0.99); 6];
        pairs.extend([Some(0.05), None, Some(0.1), Some(0.02), Some(0.2)]);
        let parts = translated_parts(&pairs);
        assert!(parts[..6].iter().all(|&p| p > 0.9), "{parts:?}");
        assert!(parts[6..].iter().all(|&p| p < 0.2), "{parts:?}");
        assert_eq!(parts[7], parts[6]);
        let mut one = vec![Some(0.99); 9];
        one[4] = Some(0.1);
        assert!(translated_parts(&one).iter().all(|&p| p > 0.5));
        assert_eq!(translated_parts(&[None, None]), [1.0, 1.0]);
    }

    /// The sparse reading gives what `selaras pair`'s dense grid gives, field by field, on
    /// every pairing of the bundled articles (matched and mismatched).
    #[test]
    fn coverage_is_the_pair_modules_whole_document_reading() {
        let ev = Evidence::bundled();
        let names = ["badminton", "dengue", "flyover", "rupiah", "seed"];
        let side = |name: &str, lang: Lang| -> Vec<Prepared> {
            let path = format!(
                "{}/corpus/{name}.{}.txt",
                env!("CARGO_MANIFEST_DIR"),
                lang.code()
            );
            let text = std::fs::read_to_string(path).unwrap();
            (Segmenter::new(lang).split(&text).iter())
                .map(|s| ev.prepare(&s.text, lang))
                .collect()
        };
        let doc = |sents: &[Prepared]| DocPrep {
            sents: sents.to_vec(),
            weights: sents.iter().map(|p| vec![1.0; p.items.len()]).collect(),
            chars: sents.iter().map(|p| p.chars).sum(),
        };
        for a in names {
            for b in names {
                let (pid, pen) = (side(a, Lang::Id), side(b, Lang::En));
                let dense =
                    crate::pair::score::features(&doc(&pid), &doc(&pen), &CoverIndex::new(&pen));
                let sparse = coverage(&pid, &pen);
                let got = [
                    sparse.cover_id,
                    sparse.cover_en,
                    sparse.log_ratio,
                    sparse.in_order,
                    sparse.cover_near,
                    sparse.monotone,
                ];
                let want = [
                    dense.cover_id,
                    dense.cover_en,
                    dense.log_ratio,
                    dense.in_order,
                    dense.cover_near,
                    dense.monotone,
                ];
                assert_eq!(got, want, "{a} against {b}");
            }
        }
    }
}
