//! The bead score: a log-likelihood ratio of "these sentences translate each other" against
//! "they are unrelated", from the evidence of [`crate::score`], plus the log prior of the bead
//! type (a merge of two sentences into one unit counted as two 1-1 beads) and a paragraph
//! bonus. Every statistic it uses (length ratio and variance, how often an item finds a
//! counterpart in a true and in a random pair) is estimated from the document pair itself,
//! starting from global defaults.

use crate::score::{CoverIndex, Prepared, cover_with};

/// Global parameters of the bead score (the few values tuned on the dev sets).
#[derive(Clone, Debug)]
pub struct Params {
    /// Weight of the lexical log-likelihood ratio.
    pub w_lex: f64,
    /// Weight of the length term.
    pub w_len: f64,
    /// Default probability that a content word of a true pair finds its counterpart.
    pub p_word: f64,
    /// Default probability for a number.
    pub p_num: f64,
    /// Default probability for a name.
    pub p_name: f64,
    /// Default English/Indonesian character ratio.
    pub ratio: f64,
    /// Default variance per character of the length difference (Gale–Church s²).
    pub s2: f64,
    /// Prior probabilities of the bead types 1-1, 1-0 (and 0-1), 2-1 (and 1-2), 2-2, 3-1 (and 1-3).
    pub prior: [f64; 5],
    /// Bonus (log) when a bead ends at a paragraph end on both sides.
    pub para_bonus: f64,
    /// Cost (log) of each paragraph end inside one side of a bead (not at its end).
    pub para_cross: f64,
    /// Pseudo-count pulling per-document estimates towards the defaults.
    pub shrink: f64,
    /// Share of true pairs translated so freely that their words look unrelated: the lexical
    /// log-likelihood ratio of a bead is ln((1 - free)·e^lex + free·e^lex_free), where
    /// `lex_free` scores the items against the match rates of a free translation.
    pub free: f64,
    /// How far a free translation's match rate lies from chance towards a close translation's:
    /// p_free = r + free_match·(p − r). At 0 a free translation looks like an unrelated pair
    /// (the lexical ratio is then bounded below by ln(free), however many items are missed).
    pub free_match: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            w_lex: 1.0,
            w_len: 0.7,
            p_word: 0.45,
            p_num: 0.9,
            p_name: 0.8,
            ratio: 0.9,
            s2: 3.5,
            prior: [0.78, 0.04, 0.055, 0.002, 0.002],
            para_bonus: 0.5,
            para_cross: 2.0,
            shrink: 30.0,
            free: 0.1,
            free_match: 0.3,
        }
    }
}

/// Per-sentence data the inner loop needs (no allocation there). Its items' masks per kind
/// are its prepared sentence's ([`Prepared::kind_masks`]), not copied here: a long document
/// holds one of these for each of its sentences.
#[derive(Clone, Copy, Debug, Default)]
pub struct SentStat {
    pub chars: f64,
    /// Counts of items per kind: word, number, name.
    pub n: [u32; 3],
    /// Last sentence of its paragraph.
    pub para_end: bool,
    /// Paragraph ends before this sentence (set by [`SentStat::rank_paras`]; 0 otherwise).
    pub paras_before: u32,
    /// Sentences in it ([`Prepared::sentences`]).
    pub sents: u32,
}

impl SentStat {
    pub fn new(p: &Prepared, para_end: bool) -> Self {
        SentStat {
            chars: p.chars as f64,
            n: p.kind_masks().map(u128::count_ones),
            para_end,
            paras_before: 0,
            sents: p.sentences,
        }
    }

    /// Number the paragraph ends of a document's sentences (`paras_before`), so that those
    /// inside a bead are counted without a loop.
    pub fn rank_paras(stats: &mut [SentStat]) {
        let mut before = 0;
        for s in stats {
            s.paras_before = before;
            before += u32::from(s.para_end);
        }
    }
}

/// Paragraph ends inside a run of sentences (not counting one after its last), from their
/// [`SentStat::rank_paras`] numbers.
pub fn paras_inside(s: &[SentStat]) -> u32 {
    s[s.len() - 1].paras_before - s[0].paras_before
}

/// Statistics of one document pair.
#[derive(Clone, Debug)]
pub struct DocStats {
    pub ratio: f64,
    pub s2: f64,
    /// Probability that an item of a true pair finds its counterpart, per kind.
    pub p: [f64; 3],
    /// Probability that an Indonesian (0) / English (1) item finds one in a random sentence.
    pub r: [[f64; 3]; 2],
    /// Bead type probabilities (as [`Params::prior`]).
    pub prior: [f64; 5],
}

/// The class of a bead shape in [`Params::prior`].
pub fn shape_class(a: usize, b: usize) -> Option<usize> {
    match (a.min(b), a.max(b)) {
        (1, 1) => Some(0),
        (0, 1) => Some(1),
        (1, 2) => Some(2),
        (2, 2) => Some(3),
        (1, 3) => Some(4),
        _ => None,
    }
}

/// Log-likelihood tables derived from [`DocStats`].
#[derive(Clone, Debug)]
pub struct Tables {
    /// `[side][other side's sentence count 1..=3 → 0..3][kind]` → (covered, uncovered) LLR.
    pub llr: [[[(f64, f64); 3]; 3]; 2],
    /// The same for a free translation.
    pub llr_free: [[[(f64, f64); 3]; 3]; 2],
    pub ratio: f64,
    pub s2: f64,
    /// Log priors, by (a, b) bead shape, `[a][b]`.
    pub prior: [[f64; 4]; 4],
}

impl Tables {
    pub fn new(st: &DocStats, allowed: &[(usize, usize)], free_match: f64) -> Tables {
        let mut llr = [[[(0.0, 0.0); 3]; 3]; 2];
        let mut llr_free = llr;
        for side in 0..2 {
            for k in 0..3 {
                for t in 0..3 {
                    let r1 = st.r[side][t].clamp(0.002, 0.9);
                    let r = 1.0 - (1.0 - r1).powi(k as i32 + 1);
                    let p = st.p[t].clamp(0.01, 0.99).max(r);
                    let ratios = |p: f64| ((p / r).ln(), ((1.0 - p) / (1.0 - r)).ln());
                    llr[side][k][t] = ratios(p);
                    llr_free[side][k][t] = ratios(r + free_match * (p - r));
                }
            }
        }
        let mut prior = [[f64::NEG_INFINITY; 4]; 4];
        for &(a, b) in allowed {
            let Some(c) = shape_class(a, b) else {
                continue;
            };
            let pr = st.prior[c];
            prior[a][b] = pr.ln();
        }
        Tables {
            llr,
            llr_free,
            ratio: st.ratio,
            s2: st.s2,
            prior,
        }
    }

    /// The score of leaving `a` Indonesian and `b` English sentences unaligned (as 1-0 and 0-1
    /// beads).
    pub fn unaligned(&self, a: usize, b: usize) -> f64 {
        a as f64 * self.prior[1][0] + b as f64 * self.prior[0][1]
    }
}

/// ln of the two-sided normal tail probability 2·(1 − Φ(|d|)).
pub fn log_two_tail(d: f64) -> f64 {
    let x = d.abs() / std::f64::consts::SQRT_2;
    if x < 5.0 {
        erfc(x).max(1e-300).ln()
    } else {
        -x * x - (x * std::f64::consts::PI.sqrt()).ln()
    }
}

/// The complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Step of the tabulated [`log_two_tail`].
const TAIL_STEP: f64 = 0.004;
/// Extent of the table.
const TAIL_MAX: f64 = 12.0;

fn tail_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let n = (TAIL_MAX / TAIL_STEP) as usize + 2;
        (0..n).map(|k| log_two_tail(k as f64 * TAIL_STEP)).collect()
    })
}

/// [`log_two_tail`] from a table (linear interpolation), for the inner loop.
pub fn log_two_tail_fast(d: f64) -> f64 {
    let x = d.abs();
    if x >= TAIL_MAX || x.is_nan() {
        return log_two_tail(x);
    }
    let t = tail_table();
    let f = x / TAIL_STEP;
    let k = f as usize;
    let w = f - k as f64;
    t[k] * (1.0 - w) + t[k + 1] * w
}

/// Gale–Church length term: ln P(|δ|) for Indonesian length `li` and English length `le`.
pub fn length_term(li: f64, le: f64, ratio: f64, s2: f64) -> f64 {
    let var = s2 * ((li + le / ratio) / 2.0).max(1.0);
    log_two_tail_fast((le - ratio * li) / var.sqrt())
}

/// The parts of a bead score.
#[derive(Clone, Copy, Debug, Default)]
pub struct Parts {
    pub prior: f64,
    /// Lexical log-likelihood ratio of a close translation against an unrelated pair.
    pub lex: f64,
    /// The same for a free translation.
    pub lex_free: f64,
    pub len: f64,
    pub para: f64,
    /// Paragraph ends inside the bead's sides.
    pub cross: f64,
    /// Items covered / total, both sides.
    pub covered: u32,
    pub items: u32,
}

impl Parts {
    #[inline]
    pub fn total(&self, params: &Params) -> f64 {
        self.prior
            + params.w_lex * self.lex_free
            + mix_fast(params.w_lex * (self.lex - self.lex_free), params.free)
            + params.w_len * self.len
            + params.para_bonus * self.para
            - params.para_cross * self.cross
    }
}

/// ln((1 - free)·e^x + free), computed stably; `x` when `free` is 0.
#[inline]
pub fn mix(x: f64, free: f64) -> f64 {
    if free <= 0.0 {
        return x;
    }
    if x > 30.0 {
        x + (1.0 - free).ln()
    } else if x < -30.0 {
        free.ln()
    } else if x > 0.0 {
        x + ((1.0 - free) + free * (-x).exp()).ln()
    } else {
        ((1.0 - free) * x.exp() + free).ln()
    }
}

/// Step of the tabulated [`mix`].
const MIX_STEP: f64 = 1.0 / 64.0;
/// Extent of the table: [-MIX_MAX, MIX_MAX].
const MIX_MAX: f64 = 30.0;

/// [`mix`] from a table (linear interpolation, error below 1e-5) for the inner loop; exact
/// outside the table or for another `free` than the one tabulated first.
#[inline]
pub fn mix_fast(x: f64, free: f64) -> f64 {
    static TABLE: std::sync::OnceLock<(f64, Vec<f64>)> = std::sync::OnceLock::new();
    let (f, t) = TABLE.get_or_init(|| {
        let n = (2.0 * MIX_MAX / MIX_STEP) as usize + 2;
        let t = (0..n)
            .map(|k| mix(k as f64 * MIX_STEP - MIX_MAX, free))
            .collect();
        (free, t)
    });
    let u = (x + MIX_MAX) / MIX_STEP;
    if *f != free || u.is_nan() || u < 0.0 || u >= (t.len() - 1) as f64 {
        return mix(x, free);
    }
    let k = u as usize;
    let w = u - k as f64;
    t[k] * (1.0 - w) + t[k + 1] * w
}

/// A source of cover masks for sentence pairs (cached for the band).
pub trait Masks {
    fn get(&self, i: usize, j: usize) -> (u128, u128);
}

/// Everything needed to score beads of one document.
pub struct Model<'a> {
    pub id: &'a [Prepared],
    pub en: &'a [Prepared],
    pub sid: Vec<SentStat>,
    pub sen: Vec<SentStat>,
    pub use_para: bool,
    /// The English side indexed for covering many pairs at once.
    pub cover_index: &'a CoverIndex,
}

impl<'a> Model<'a> {
    pub fn cover(&self, i: usize, j: usize) -> (u128, u128) {
        cover_with(&self.id[i], &self.en[j])
    }

    /// The parts of the score of bead id[i0..i1] ~ en[j0..j1].
    pub fn parts(
        &self,
        t: &Tables,
        masks: &dyn Masks,
        (i0, i1): (usize, usize),
        (j0, j1): (usize, usize),
    ) -> Parts {
        let (a, b) = (i1 - i0, j1 - j0);
        let mut prior = t.prior[a][b];
        // A 2-1 or 1-2 bead whose one unit holds as many sentences as the other side's two (a
        // merge): as likely as that many 1-1 beads, if that is likelier. Not for 3-1 / 1-3: a
        // unit of three sentences then took in a neighbour whose counterpart was missing
        // (Bible, many merges: 0.953 against 0.958).
        let merged = match (a, b) {
            (1, 2) => Some((self.sid[i0].sents, &self.sen[j0..j1])),
            (2, 1) => Some((self.sen[j0].sents, &self.sid[i0..i1])),
            _ => None,
        };
        if let Some((one, two)) = merged
            && one >= 2
            && one == two[0].sents + two[1].sents
        {
            prior = prior.max(t.prior[1][1] * f64::from(one));
        }
        let mut parts = Parts {
            prior,
            ..Parts::default()
        };
        if a == 0 || b == 0 {
            return parts;
        }
        let mut lex = [0.0; 2];
        let mut mi_acc = [0u128; 3];
        let mut me_acc = [0u128; 3];
        for (kx, x) in (i0..i1).enumerate() {
            for (ky, y) in (j0..j1).enumerate() {
                let (mi, me) = masks.get(x, y);
                mi_acc[kx] |= mi;
                me_acc[ky] |= me;
            }
        }
        let mut li = side_terms(
            (&self.sid[i0..i1], &self.id[i0..i1]),
            &mi_acc,
            [&t.llr[0][b - 1], &t.llr_free[0][b - 1]],
            &mut lex,
            &mut parts,
        );
        let mut le = side_terms(
            (&self.sen[j0..j1], &self.en[j0..j1]),
            &me_acc,
            [&t.llr[1][a - 1], &t.llr_free[1][a - 1]],
            &mut lex,
            &mut parts,
        );
        li += (a - 1) as f64;
        le += (b - 1) as f64;
        parts.lex = lex[0];
        parts.lex_free = lex[1];
        parts.len = length_term(li, le, t.ratio, t.s2);
        if self.use_para {
            if self.sid[i1 - 1].para_end && self.sen[j1 - 1].para_end {
                parts.para = 1.0;
            }
            parts.cross =
                f64::from(paras_inside(&self.sid[i0..i1]) + paras_inside(&self.sen[j0..j1]));
        }
        parts
    }
}

/// The lexical terms of one side of a bead (its sentences' statistics and prepared texts):
/// each sentence's items found (`covered[k]`) or not on the other side, weighted by the LLRs
/// of that side against a bead of that many sentences on the other (close and free
/// translation); adds to `lex` and the counts in `parts`, returns the side's characters.
#[inline(always)]
fn side_terms(
    (sents, preps): (&[SentStat], &[Prepared]),
    covered: &[u128; 3],
    [llr, llr_free]: [&[(f64, f64); 3]; 2],
    lex: &mut [f64; 2],
    parts: &mut Parts,
) -> f64 {
    let mut chars = 0.0;
    for ((s, p), &cov) in sents.iter().zip(preps).zip(covered) {
        chars += s.chars;
        // A cover mask holds only its sentence's items: those neither numbers nor names are
        // its words ([`Prepared::kind_masks`] without reading the mask of all items).
        let (num, name) = (p.num_mask, p.name_mask);
        let found = [cov & !(num | name), cov & num, cov & name].map(u128::count_ones);
        for (t, (c, n)) in found.into_iter().zip(s.n).enumerate() {
            let (yes, no) = llr[t];
            let (yes_f, no_f) = llr_free[t];
            lex[0] += c as f64 * yes + (n - c) as f64 * no;
            lex[1] += c as f64 * yes_f + (n - c) as f64 * no_f;
            parts.covered += c;
            parts.items += n;
        }
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails() {
        assert!((log_two_tail(0.0) - 0.0).abs() < 1e-6);
        assert!((log_two_tail(1.959_964).exp() - 0.05).abs() < 1e-4);
        assert!(log_two_tail(10.0) < -40.0);
        assert!(log_two_tail(4.99) > log_two_tail(5.01));
    }

    #[test]
    fn mix_table_is_close() {
        for free in [0.1, 0.2] {
            let mut x = -40.0;
            while x < 40.0 {
                assert!(
                    (mix_fast(x, free) - mix(x, free)).abs() < 1e-5,
                    "{x} {free}"
                );
                x += 0.0137;
            }
        }
    }

    #[test]
    fn length_prefers_proportional() {
        assert!(length_term(100.0, 90.0, 0.9, 2.5) > length_term(100.0, 40.0, 0.9, 2.5));
    }
}
