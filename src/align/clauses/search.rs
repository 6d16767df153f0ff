//! The search of the clause alignment: dynamic programming over pairs of piece boundaries in a
//! band around the sentence alignment, keeping every bead it considers ([`Edge`]) for the
//! posteriors and the decoding.

use rustc_hash::FxHashMap as HashMap;

use crate::score::cover_with;

use super::super::Aligner;
use super::super::model::{Parts, SentStat, Tables, length_term};
use super::ClauseParams;
use super::decode::{PieceBead, expected_accuracy_path};
use super::pieces::Side;
use super::posterior::{forward_backward, posteriors};

/// The band of the search: per Indonesian boundary, the English boundaries `lo..=hi` within
/// `reach` beads of the sentence alignment.
fn band(si: &Side, se: &Side, reach: usize) -> Vec<(usize, usize)> {
    let ne = se.len();
    (0..=si.len())
        .map(|i| {
            let (x0, x1) = si.bead[i];
            // Bead ranges grow along each side, so the boundaries within reach are a run.
            let lo = se.bead.partition_point(|&(_, y1)| y1 + reach < x0).min(ne);
            let hi = se.bead.partition_point(|&(y0, _)| y0 <= x1 + reach);
            (lo, hi.saturating_sub(1).max(lo))
        })
        .collect()
}

impl Aligner {
    /// The best path over piece boundaries, from (0, 0) to the end; `None` where the search
    /// finds none.
    pub(super) fn piece_path(
        &self,
        t: &Tables,
        (si, se): (&Side, &Side),
        params: &ClauseParams,
    ) -> Option<Vec<PieceBead>> {
        let mp = &self.config().params;
        let (ni, ne) = (si.len(), se.len());
        let band = band(si, se, params.reach);
        let in_band = |i: usize, j: usize| band[i].0 <= j && j <= band[i].1;
        if !in_band(0, 0) || !in_band(ni, ne) {
            return None;
        }
        let mut masks: HashMap<(usize, usize), (u128, u128)> = HashMap::default();
        let mut mask = |x: usize, y: usize| -> (u128, u128) {
            *masks
                .entry((x, y))
                .or_insert_with(|| cover_with(&si.prep[x], &se.prep[y]))
        };
        let terms_i = piece_terms(&si.stat, t, 0);
        let terms_e = piece_terms(&se.stat, t, 1);
        let junctions = junctions(si, se);
        // junctions[jx[b]..]: those at Indonesian boundary b or later.
        let mut jx = vec![junctions.len(); ni + 2];
        for (k, &(bi, _)) in junctions.iter().enumerate().rev() {
            jx[bi] = k;
        }
        for b in (0..=ni).rev() {
            jx[b] = jx[b].min(jx[b + 1]);
        }
        let (cut_i, cut_e) = (si.cuts(params), se.cuts(params));
        let mut buf = Scratch::default();
        let neg = f64::NEG_INFINITY;
        // Per pair of boundaries (i, j) in the band (numbered by `cells`): the best score of a
        // path to it, where that path comes from, and the parts of its last bead's score.
        let cells = Cells::new(&band);
        let mut best = vec![neg; cells.len()];
        let mut back = vec![(0, 0); cells.len()];
        let mut back_parts = vec![Parts::default(); cells.len()];
        // Every bead considered, in the order its start is reached (for the posteriors).
        let mut edges: Vec<Edge> = Vec::new();
        // The parts of each of their scores, for decoding by expected accuracy only.
        let mea = !params.mea.is_nan();
        let mut edge_parts: Vec<Parts> = Vec::new();
        let unpaired = |prior: f64| Parts {
            prior,
            ..Parts::default()
        };
        best[0] = 0.0;
        for i in 0..=ni {
            let (lo, hi) = band[i];
            for j in lo..=hi {
                let from = cells.of((i, j));
                let cur = best[from];
                if cur == neg {
                    continue;
                }
                let mut relax = |i2: usize, j2: usize, s: f64, parts: Parts| {
                    if !in_band(i2, j2) {
                        return;
                    }
                    let to = cells.of((i2, j2));
                    edges.push(Edge {
                        from: from as u32,
                        to: to as u32,
                        score: s - cur,
                    });
                    if mea {
                        edge_parts.push(parts);
                    }
                    if s > best[to] {
                        best[to] = s;
                        back[to] = (i, j);
                        back_parts[to] = parts;
                    }
                };
                // A sentence left unpaired (whole, wherever the other side is).
                if si.strong[i] && i < ni {
                    let p = t.prior[1][0];
                    relax(si.next_strong(i), j, cur + p, unpaired(p));
                }
                if se.strong[j] && j < ne {
                    let p = t.prior[0][1];
                    relax(i, se.next_strong(j), cur + p, unpaired(p));
                }
                // A part of a sentence left unpaired: from its start to a clause end, or from a
                // clause end to its end (a verse whose translation is missing, run into the next
                // sentence of its side), while the other side stays at a sentence boundary.
                if se.strong[j] && i < ni {
                    for i2 in si.parts_from(i) {
                        let cost = params.unpaired_part + cut_i[i2];
                        let p = t.prior[1][0];
                        relax(i2, j, cur + p - cost, unpaired(p));
                    }
                }
                if si.strong[i] && j < ne {
                    for j2 in se.parts_from(j) {
                        let cost = params.unpaired_part + cut_e[j2];
                        let p = t.prior[0][1];
                        relax(i, j2, cur + p - cost, unpaired(p));
                    }
                }
                if i == ni || j == ne {
                    continue;
                }
                si.ends_into(i, params.max_pieces, &mut buf.ei);
                se.ends_into(j, params.max_pieces, &mut buf.ee);
                let (ei, ee) = (&buf.ei, &buf.ee);
                let (imax, jmax) = (ei[ei.len() - 1], ee[ee.len() - 1]);
                let (wi, we) = (imax - i, jmax - j);
                // cov_i[(x - i) * we + y - j]: the items of Indonesian piece x found in English
                // pieces j..=y; cov_e the same the other way.
                buf.cov_i.clear();
                buf.cov_i.resize(wi * we, 0);
                buf.cov_e.clear();
                buf.cov_e.resize(wi * we, 0);
                for x in 0..wi {
                    for y in 0..we {
                        let (mi, me) = mask(i + x, j + y);
                        let left = if y > 0 { buf.cov_i[x * we + y - 1] } else { 0 };
                        let up = if x > 0 { buf.cov_e[y * wi + x - 1] } else { 0 };
                        buf.cov_i[x * we + y] = mi | left;
                        buf.cov_e[y * wi + x] = me | up;
                    }
                }
                // lex_i[q * (wi + 1) + p]: the lexical terms of Indonesian pieces i..i + p
                // against English pieces j..ee[q]; lex_e[p * (we + 1) + q] those of English
                // pieces j..j + q against Indonesian pieces i..ei[p] (close, free translation).
                running_sums(&mut buf.lex_i, ee, wi, |x, j2| {
                    let o = se.touched(j, j2) - 1;
                    let cov = buf.cov_i[x * we + j2 - 1 - j];
                    terms_i[i + x][o].of(cov, si.dup(i + x, x))
                });
                running_sums(&mut buf.lex_e, ei, we, |y, i2| {
                    let o = si.touched(i, i2) - 1;
                    let cov = buf.cov_e[y * wi + i2 - 1 - i];
                    terms_e[j + y][o].of(cov, se.dup(j + y, y))
                });
                for (p, &i2) in ei.iter().enumerate() {
                    let a = si.touched(i, i2);
                    // Junctions of the sentence alignment within these Indonesian pieces.
                    let near = &junctions[jx[i]..jx[i2 + 1]];
                    for (q, &j2) in ee.iter().enumerate() {
                        let end = i2 == ni && j2 == ne;
                        let both = !end && !si.strong[i2] && !se.strong[j2];
                        if both && params.cut_both == f64::INFINITY {
                            continue;
                        }
                        let b = se.touched(j, j2);
                        let prior = t.prior[a][b];
                        if prior == neg || !in_band(i2, j2) {
                            continue;
                        }
                        let x = buf.lex_i[q * (wi + 1) + i2 - i];
                        let y = buf.lex_e[p * (we + 1) + j2 - j];
                        let para_end = si.stat[i2 - 1].para_end && se.stat[j2 - 1].para_end;
                        let parts = Parts {
                            prior,
                            lex: x[0] + y[0],
                            lex_free: x[1] + y[1],
                            len: length_term(
                                si.chars[i2] - si.chars[i],
                                se.chars[j2] - se.chars[j],
                                t.ratio,
                                t.s2,
                            ),
                            para: f64::from(u8::from(para_end)),
                            cross: f64::from(si.inside_paras(i, i2) + se.inside_paras(j, j2)),
                            ..Parts::default()
                        };
                        // Junctions this bead runs over (not at its corners).
                        let crossed = near
                            .iter()
                            .filter(|&&(bi, bj)| {
                                j <= bj && bj <= j2 && (bi, bj) != (i, j) && (bi, bj) != (i2, j2)
                            })
                            .count();
                        let s = cur + parts.total(mp)
                            - params.keep * crossed as f64
                            - cut_i[i2]
                            - cut_e[j2]
                            - if both { params.cut_both } else { 0.0 };
                        relax(i2, j2, s, parts);
                    }
                }
            }
        }
        if best[cells.of((ni, ne))] == neg {
            return None;
        }
        let end = cells.of((ni, ne));
        let sums = forward_backward(&edges, cells.len(), end);
        let mut path = Vec::new();
        if mea {
            for k in expected_accuracy_path(&edges, &sums, end, params.mea) {
                let e = &edges[k];
                path.push(PieceBead {
                    from: cells.at(e.from as usize),
                    to: cells.at(e.to as usize),
                    parts: edge_parts[k],
                    posterior: 0.0,
                });
            }
        } else {
            let (mut p, mut q) = (ni, ne);
            while (p, q) != (0, 0) {
                let c = cells.of((p, q));
                path.push(PieceBead {
                    from: back[c],
                    to: (p, q),
                    parts: back_parts[c],
                    posterior: 0.0,
                });
                (p, q) = back[c];
            }
            path.reverse();
        }
        posteriors(&mut path, &edges, &cells, &sums);
        Some(path)
    }
}

/// The junctions between the beads of the sentence alignment, as piece boundaries
/// (Indonesian, English), in order: junction k lies before the first piece of bead k + 1 on each
/// side (for a bead with an empty side, where the next bead starts).
fn junctions(si: &Side, se: &Side) -> Vec<(usize, usize)> {
    let nb = si.bead[si.len()].1.max(se.bead[se.len()].1) + 1;
    // Per bead k ≥ 1: the first boundary whose following piece lies in bead k or later.
    let starts = |side: &Side| {
        let mut out = vec![side.len(); nb];
        for b in (0..side.len()).rev() {
            out[side.bead[b].1] = b;
        }
        for k in (0..nb - 1).rev() {
            out[k] = out[k].min(out[k + 1]);
        }
        out
    };
    let (a, b) = (starts(si), starts(se));
    (1..nb).map(|k| (a[k], b[k])).collect()
}

/// A bead the clause alignment considered: from one pair of piece boundaries (Indonesian,
/// English) to another, as cells of a [`Cells`] numbering, with its score (costs of cuts and
/// junctions included). Small: a window may hold millions.
pub(super) struct Edge {
    pub(super) from: u32,
    pub(super) to: u32,
    pub(super) score: f64,
}

/// Numbers the pairs of piece boundaries inside a band row by row: row `i` holds the columns
/// `band[i].0..=band[i].1`.
pub(super) struct Cells {
    start: Vec<usize>,
    lo: Vec<usize>,
}

impl Cells {
    pub(super) fn new(band: &[(usize, usize)]) -> Cells {
        let mut start = Vec::with_capacity(band.len() + 1);
        let mut n = 0;
        for &(lo, hi) in band {
            start.push(n);
            n += hi + 1 - lo;
        }
        start.push(n);
        Cells {
            start,
            lo: band.iter().map(|b| b.0).collect(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.start[self.start.len() - 1]
    }

    pub(super) fn of(&self, (i, j): (usize, usize)) -> usize {
        self.start[i] + j - self.lo[i]
    }

    /// The pair of boundaries numbered `c` (the inverse of [`Cells::of`]).
    pub(super) fn at(&self, c: usize) -> (usize, usize) {
        let i = self.start.partition_point(|&s| s <= c) - 1;
        (i, self.lo[i] + c - self.start[i])
    }
}

/// Buffers of the search, reused from one starting cell to the next.
#[derive(Default)]
struct Scratch {
    ei: Vec<usize>,
    ee: Vec<usize>,
    cov_i: Vec<u128>,
    cov_e: Vec<u128>,
    lex_i: Vec<[f64; 2]>,
    lex_e: Vec<[f64; 2]>,
}

/// The lexical terms of one piece against a bead with 1, 2 or 3 sentences on the other side:
/// close and free translation, per item of each kind left unmatched (`no`) and what a match
/// adds to that (`add`).
#[derive(Clone, Copy, Default)]
struct Terms {
    no: [[f64; 2]; 3],
    add: [[f64; 2]; 3],
    mask: [u128; 3],
}

impl Terms {
    /// The terms of the piece when the items `cov` found a counterpart; the items `dup` are
    /// left out (their token is counted in an earlier piece of the bead).
    #[inline]
    fn of(&self, cov: u128, dup: u128) -> [f64; 2] {
        let mut lex = [0.0; 2];
        for k in 0..3 {
            let m = self.mask[k] & !dup;
            let n = f64::from(m.count_ones());
            let c = f64::from((cov & m).count_ones());
            lex[0] += n * self.no[k][0] + c * self.add[k][0];
            lex[1] += n * self.no[k][1] + c * self.add[k][1];
        }
        lex
    }
}

/// For each of `ends`, the running sums of `term(x, end)` over `x` in `0..w`, from 0: `w + 1`
/// values per end, appended to `out` (cleared first).
fn running_sums(
    out: &mut Vec<[f64; 2]>,
    ends: &[usize],
    w: usize,
    term: impl Fn(usize, usize) -> [f64; 2],
) {
    out.clear();
    for &end in ends {
        let mut acc = [0.0; 2];
        out.push(acc);
        for x in 0..w {
            let t = term(x, end);
            acc = [acc[0] + t[0], acc[1] + t[1]];
            out.push(acc);
        }
    }
}

/// [`Terms`] of every piece of one side (`side` 0 Indonesian, 1 English).
fn piece_terms(stat: &[SentStat], t: &Tables, side: usize) -> Vec<[Terms; 3]> {
    stat.iter()
        .map(|s| {
            std::array::from_fn(|o| {
                let mut out = Terms {
                    mask: s.mask,
                    ..Terms::default()
                };
                for k in 0..3 {
                    let (yes, no) = t.llr[side][o][k];
                    let (yes_f, no_f) = t.llr_free[side][o][k];
                    out.no[k] = [no, no_f];
                    out.add[k] = [yes - no, yes_f - no_f];
                }
                out
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{sentences, side_of};
    use super::*;
    use crate::segment::Lang;

    #[test]
    fn junctions_are_where_the_next_bead_starts_on_each_side() {
        let al = Aligner::default();
        let side = |lang, text: &str, bead_of: &[usize], beads| {
            side_of(&al, &sentences(lang, text), lang, (bead_of, beads), true)
        };
        // Beads: [0]:[0], [1]:[], [2]:[1]; the first Indonesian sentence is two pieces.
        let si = side(
            Lang::Id,
            "Harga naik, gula naik. Beras murah. Minyak turun.",
            &[0, 1, 2],
            3,
        );
        let se = side(Lang::En, "Prices rose. Oil fell.", &[0, 2], 3);
        assert_eq!(si.len(), 4);
        // Bead 1 starts after piece 2 (Indonesian) and has no English side: the English
        // junction before it is where bead 2 starts.
        assert_eq!(junctions(&si, &se), vec![(2, 1), (3, 1)]);
    }
}
