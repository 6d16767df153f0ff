//! Splitting sentence beads at clause boundaries.
//!
//! Translators do not always end sentences where the original does: one side may run two
//! sentences of the other together with a comma, a semicolon or "and". A sentence aligner
//! then has to pair both sentences with the long one (a 2-1 bead). Where the long sentence
//! holds a clause boundary that matches the short side's sentence boundary — the words of the
//! first sentence translated before it, those of the second after it — the bead is split
//! there into two finer pairs.
//!
//! Only beads with both sides non-empty and two or more sentences on one side are looked at.
//! Inside such a bead, every way of cutting it into sub-beads is considered where each cut
//! pairs a sentence boundary of one side with a sentence or clause boundary of the other
//! (after `,` `;` `:`, or after `?` `!` `.` closing a quote: [`clause_ends`]); two clause
//! boundaries never pair, as the other side's sentence boundary is the evidence that a cut
//! belongs there. A cut pays off when the items (words, numbers, names) of each part find
//! their counterparts in their own part and not across the cut — as in IBM Model 1, an item
//! whose counterparts all lie in its own part (ℓ characters of the other side, out of L in the
//! bead) gains ln(L/ℓ), and one whose only counterpart lies across the cut loses `cross` —
//! and when the lengths of the parts keep the bead's own length ratio (the Gale–Church term).
//! Each extra sub-bead must gain `margin` more than it costs; the best cutting is found by
//! dynamic programming over the cuts. The pieces of one sentence that stay in one sub-bead
//! are joined again, so a sub-bead holds whole sentences and at most one part of a sentence
//! at each end. Sub-beads keep the score of the bead they come from.

use crate::score::{Prepared, cover_with};
use crate::segment::{Lang, Sentence};

use super::{Aligner, Bead};

/// Parameters of the clause split.
#[derive(Clone, Debug)]
pub struct ClauseParams {
    /// What one extra sub-bead must gain (log).
    pub margin: f64,
    /// Log penalty of an item whose only counterpart lies across a cut.
    pub cross: f64,
    /// Weight of the length term.
    pub w_len: f64,
    /// Gale–Church variance per character.
    pub s2: f64,
    /// Most pieces per side of a bead considered (larger beads are left whole).
    pub max_pieces: usize,
}

impl Default for ClauseParams {
    fn default() -> Self {
        ClauseParams {
            margin: 0.0,
            cross: 2.0,
            w_len: 0.7,
            s2: 3.5,
            max_pieces: 12,
        }
    }
}

/// Byte offsets inside `text` where a clause may end: just after `,` `;` `:` (or `?` `!` `.`
/// closing a quote), after any closing quotes, before white space, outside brackets, with a
/// letter or digit still to come.
pub fn clause_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let closing = |c: char| matches!(c, '”' | '’' | '"' | '\'' | '»');
    let mut k = 0;
    while k < b.len() {
        let c = b[k].1;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        let punct = matches!(c, ',' | ';' | ':')
            || (matches!(c, '?' | '!' | '.') && b.get(k + 1).is_some_and(|&(_, d)| closing(d)));
        if punct && depth == 0 {
            let mut e = k + 1;
            while e < b.len() && (closing(b[e].1) || matches!(b[e].1, '?' | '!' | '.')) {
                e += 1;
            }
            if e < b.len()
                && b[e].1.is_whitespace()
                && b[e..].iter().any(|&(_, d)| d.is_alphanumeric())
            {
                out.push(b[e].0);
            }
            k = e;
            continue;
        }
        k += 1;
    }
    out
}

/// The pieces of a run of sentences, each sentence cut at its clause ends.
struct Pieces {
    pieces: Vec<Sentence>,
    /// Per piece boundary (0..=pieces): is it a sentence boundary?
    strong: Vec<bool>,
    /// Per piece: the sentence (index into the run) it comes from.
    from: Vec<usize>,
}

/// A sentence cut at each of its clause ends ([`clause_ends`]): the pieces, trimmed, with
/// their byte spans in the input text.
pub fn clause_pieces(s: &Sentence) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut cuts = clause_ends(&s.text);
    cuts.push(s.text.len());
    for c in cuts {
        let piece = &s.text[from..c];
        let lead = piece.len() - piece.trim_start().len();
        let text = piece.trim();
        if !text.is_empty() {
            out.push(Sentence {
                text: text.to_string(),
                start: s.start + from + lead,
                end: s.start + from + lead + text.len(),
                para: s.para,
            });
        }
        from = c;
    }
    out
}

fn pieces(sents: &[&Sentence]) -> Pieces {
    let mut out = Vec::new();
    let mut strong = vec![true];
    let mut src = Vec::new();
    for (k, s) in sents.iter().enumerate() {
        for piece in clause_pieces(s) {
            out.push(piece);
            strong.push(false);
            src.push(k);
        }
        if let Some(last) = strong.last_mut() {
            *last = true;
        }
    }
    Pieces {
        pieces: out,
        strong,
        from: src,
    }
}

/// Join the pieces `range` of one side into segments, one per sentence they come from, each
/// with the input index of its sentence (`idx`: that of each of `sents`) when it is all of it.
fn join_pieces(
    p: &Pieces,
    range: std::ops::Range<usize>,
    sents: &[&Sentence],
    idx: &[usize],
) -> Vec<(Sentence, Option<usize>)> {
    let mut out = Vec::new();
    let mut x = range.start;
    while x < range.end {
        let k = p.from[x];
        let mut y = x;
        while y + 1 < range.end && p.from[y + 1] == k {
            y += 1;
        }
        let s = sents[k];
        let (start, end) = (p.pieces[x].start, p.pieces[y].end);
        let seg = Sentence {
            text: s.text[start - s.start..end - s.start].to_string(),
            start,
            end,
            para: s.para,
        };
        out.push((seg, ((start, end) == (s.start, s.end)).then_some(idx[k])));
        x = y + 1;
    }
    out
}

/// Segments and beads after splitting beads at clause boundaries.
#[derive(Clone, Debug, Default)]
pub struct Split {
    /// Indonesian segments: the input sentences, except where a bead was split: there the
    /// pieces of its sentences (with their byte spans in the input text).
    pub id: Vec<Sentence>,
    /// English segments.
    pub en: Vec<Sentence>,
    /// Beads over the segments.
    pub beads: Vec<Bead>,
    /// Per Indonesian segment: the index of the input sentence it is, `None` for a piece.
    pub id_sentence: Vec<Option<usize>>,
    /// Per English segment: the same.
    pub en_sentence: Vec<Option<usize>>,
}

impl Split {
    /// Append a bead of these segments (each with its input sentence, if whole).
    fn push(
        &mut self,
        id: impl IntoIterator<Item = (Sentence, Option<usize>)>,
        en: impl IntoIterator<Item = (Sentence, Option<usize>)>,
        score: f64,
    ) {
        let (i0, e0) = (self.id.len(), self.en.len());
        for (seg, k) in id {
            self.id.push(seg);
            self.id_sentence.push(k);
        }
        for (seg, k) in en {
            self.en.push(seg);
            self.en_sentence.push(k);
        }
        self.beads.push(Bead {
            id: (i0..self.id.len()).collect(),
            en: (e0..self.en.len()).collect(),
            score,
        });
    }
}

/// The score of one part of a bead against leaving the bead whole.
struct Scorer<'a> {
    /// Cover masks per (Indonesian piece, English piece).
    mi: Vec<Vec<u128>>,
    me: Vec<Vec<u128>>,
    /// Characters per piece, and their totals (the bead's).
    ci: Vec<f64>,
    ce: Vec<f64>,
    ti: f64,
    te: f64,
    p: &'a ClauseParams,
}

impl Scorer<'_> {
    /// The items of pieces `xs` matched in other-side pieces `ys` and not outside them (each
    /// gains `gain`), and matched only outside them (each loses `cross`).
    fn side(
        masks: &dyn Fn(usize, usize) -> u128,
        xs: std::ops::Range<usize>,
        ys: std::ops::Range<usize>,
        ny: usize,
        gain: f64,
        cross: f64,
    ) -> f64 {
        let mut s = 0.0;
        for x in xs {
            let (mut own, mut acr) = (0u128, 0u128);
            for y in 0..ny {
                if ys.contains(&y) {
                    own |= masks(x, y);
                } else {
                    acr |= masks(x, y);
                }
            }
            s += (own & !acr).count_ones() as f64 * gain;
            s -= (acr & !own).count_ones() as f64 * cross;
        }
        s
    }

    /// The score of the part made of Indonesian pieces `p0..p1` and English pieces `q0..q1`.
    fn part(&self, (p0, p1): (usize, usize), (q0, q1): (usize, usize)) -> f64 {
        let (ni, ne) = (self.ci.len(), self.ce.len());
        let li: f64 = self.ci[p0..p1].iter().sum();
        let le: f64 = self.ce[q0..q1].iter().sum();
        let (ti, te) = (self.ti, self.te);
        let gi = (te / le.max(1.0)).ln();
        let ge = (ti / li.max(1.0)).ln();
        let lex = Self::side(&|x, y| self.mi[x][y], p0..p1, q0..q1, ne, gi, self.p.cross)
            + Self::side(&|y, x| self.me[x][y], q0..q1, p0..p1, ni, ge, self.p.cross);
        let ratio = te / ti.max(1.0);
        lex + self.p.w_len * super::model::length_term(li, le, ratio, self.p.s2)
    }
}

impl Aligner {
    /// Split the beads of an alignment of `id` and `en` at clause boundaries where that
    /// explains the bead better (see the module's documentation). 1-1 beads, beads with an
    /// empty side and beads no cut explains better stay as they are.
    pub fn split_clauses(
        &self,
        id: &[Sentence],
        en: &[Sentence],
        beads: &[Bead],
        params: &ClauseParams,
    ) -> Split {
        let mut out = Split::default();
        for b in beads {
            let si: Vec<&Sentence> = b.id.iter().map(|&k| &id[k]).collect();
            let se: Vec<&Sentence> = b.en.iter().map(|&k| &en[k]).collect();
            if si.is_empty() || se.is_empty() || si.len() + se.len() < 3 {
                // Nothing to split: the bead as it is.
                let whole = |side: &[&Sentence], idx: &[usize]| -> Vec<(Sentence, Option<usize>)> {
                    side.iter()
                        .zip(idx)
                        .map(|(s, &k)| ((*s).clone(), Some(k)))
                        .collect()
                };
                out.push(whole(&si, &b.id), whole(&se, &b.en), b.score);
                continue;
            }
            let (pi, pe) = (pieces(&si), pieces(&se));
            let cuts = if pi.pieces.len() > params.max_pieces || pe.pieces.len() > params.max_pieces
            {
                vec![(0, 0), (pi.pieces.len(), pe.pieces.len())]
            } else {
                self.best_cuts(&pi, &pe, params)
            };
            for w in cuts.windows(2) {
                let ((p0, q0), (p1, q1)) = (w[0], w[1]);
                out.push(
                    join_pieces(&pi, p0..p1, &si, &b.id),
                    join_pieces(&pe, q0..q1, &se, &b.en),
                    b.score,
                );
            }
        }
        out
    }

    /// The best cut points (piece boundaries, both sides) of a bead, from (0, 0) to the end.
    fn best_cuts(&self, pi: &Pieces, pe: &Pieces, params: &ClauseParams) -> Vec<(usize, usize)> {
        let (strong_i, strong_e) = (&pi.strong, &pe.strong);
        let (pi, pe) = (&pi.pieces, &pe.pieces);
        let ev = self.evidence();
        let prep = |s: &[Sentence], lang: Lang| -> Vec<Prepared> {
            s.iter().map(|x| ev.prepare(&x.text, lang)).collect()
        };
        let (ppi, ppe) = (prep(pi, Lang::Id), prep(pe, Lang::En));
        let mut mi = vec![vec![0u128; ppe.len()]; ppi.len()];
        let mut me = vec![vec![0u128; ppe.len()]; ppi.len()];
        for (x, a) in ppi.iter().enumerate() {
            for (y, e) in ppe.iter().enumerate() {
                (mi[x][y], me[x][y]) = cover_with(a, e);
            }
        }
        let ci: Vec<f64> = ppi.iter().map(|p| p.chars as f64).collect();
        let ce: Vec<f64> = ppe.iter().map(|p| p.chars as f64).collect();
        let sc = Scorer {
            mi,
            me,
            ti: ci.iter().sum(),
            te: ce.iter().sum(),
            ci,
            ce,
            p: params,
        };
        let (ni, ne) = (pi.len(), pe.len());
        // best[p][q]: best score of the parts before cut (p, q); a cut pairs a sentence
        // boundary of one side with any piece boundary of the other.
        let mut best = vec![vec![f64::NEG_INFINITY; ne + 1]; ni + 1];
        let mut back = vec![vec![(0usize, 0usize); ne + 1]; ni + 1];
        best[0][0] = 0.0;
        let ok = |p: usize, q: usize| (p == ni && q == ne) || strong_i[p] || strong_e[q];
        for p in 1..=ni {
            for q in 1..=ne {
                if !ok(p, q) || (p == ni) != (q == ne) {
                    continue;
                }
                for p0 in 0..p {
                    for q0 in 0..q {
                        if best[p0][q0] == f64::NEG_INFINITY {
                            continue;
                        }
                        let extra = if p0 == 0 { 0.0 } else { params.margin };
                        let s = best[p0][q0] + sc.part((p0, p), (q0, q)) - extra;
                        if s > best[p][q] {
                            best[p][q] = s;
                            back[p][q] = (p0, q0);
                        }
                    }
                }
            }
        }
        let mut cuts = vec![(ni, ne)];
        let (mut p, mut q) = (ni, ne);
        while (p, q) != (0, 0) {
            (p, q) = back[p][q];
            cuts.push((p, q));
        }
        cuts.reverse();
        cuts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_ends_found() {
        let t = "He set him on the temple, and said to him, “If you are (a, b) the Son.” Then.";
        let e = clause_ends(t);
        let cut: Vec<&str> = e.iter().map(|&k| &t[..k]).collect();
        assert_eq!(
            cut,
            vec![
                "He set him on the temple,",
                "He set him on the temple, and said to him,",
                "He set him on the temple, and said to him, “If you are (a, b) the Son.”"
            ]
        );
        assert!(clause_ends("Harga naik 1,5 persen.").is_empty());
        assert_eq!(clause_ends("“Why?” Jesus said."), vec!["“Why?”".len()]);
    }
}
