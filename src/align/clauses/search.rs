//! The search of the clause alignment: dynamic programming over pairs of piece boundaries in a
//! band around the sentence alignment, keeping every bead it considers ([`Edge`]) for the
//! posteriors and the decoding.

use rustc_hash::FxHashMap as HashMap;

use crate::score::{Prepared, cover_with};

use super::super::Aligner;
use super::super::model::{Params, Parts, Tables, length_term};
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
        let (ni, ne) = (si.len(), se.len());
        let band = band(si, se, params.reach);
        let in_band = |i: usize, j: usize| band[i].0 <= j && j <= band[i].1;
        if !in_band(0, 0) || !in_band(ni, ne) {
            return None;
        }
        let junctions = junctions(si, se);
        // junctions[junction_from[b]..]: those at Indonesian boundary b or later.
        let mut junction_from = vec![junctions.len(); ni + 2];
        for (k, &(bi, _)) in junctions.iter().enumerate().rev() {
            junction_from[bi] = k;
        }
        for b in (0..=ni).rev() {
            junction_from[b] = junction_from[b].min(junction_from[b + 1]);
        }
        let search = Search {
            si,
            se,
            t,
            model: &self.config().params,
            params,
            cells: Cells::new(&band),
            band,
            terms_i: piece_terms(&si.prep, t, 0),
            terms_e: piece_terms(&se.prep, t, 1),
            junctions,
            junction_from,
            cut_i: si.cuts(params),
            cut_e: se.cuts(params),
        };
        let mut lattice = Lattice::new(search.cells.len(), !params.mea.is_nan());
        let mut scratch = Scratch::default();
        lattice.best[0] = 0.0;
        for i in 0..=ni {
            let (lo, hi) = search.band[i];
            for j in lo..=hi {
                let from = search.cells.of((i, j));
                let cur = lattice.best[from];
                if cur == f64::NEG_INFINITY {
                    continue;
                }
                let mut step = Step {
                    search: &search,
                    lattice: &mut lattice,
                    from: (i, j),
                    cur,
                };
                step.unpaired();
                if i < ni && j < ne {
                    step.paired(&mut scratch);
                }
            }
        }
        lattice.path(&search)
    }
}

/// What the search of one window works from.
struct Search<'s> {
    si: &'s Side,
    se: &'s Side,
    t: &'s Tables,
    /// The sentence model's parameters.
    model: &'s Params,
    params: &'s ClauseParams,
    /// Per Indonesian boundary, the English boundaries searched.
    band: Vec<(usize, usize)>,
    cells: Cells,
    terms_i: Vec<[Terms; 3]>,
    terms_e: Vec<[Terms; 3]>,
    /// The junctions of the sentence alignment ([`junctions`]).
    junctions: Vec<(usize, usize)>,
    /// `junctions[junction_from[b]..]`: those at Indonesian boundary `b` or later.
    junction_from: Vec<usize>,
    /// The cost of a bead boundary at each boundary of each side.
    cut_i: Vec<f64>,
    cut_e: Vec<f64>,
}

impl Search<'_> {
    fn in_band(&self, i: usize, j: usize) -> bool {
        self.band[i].0 <= j && j <= self.band[i].1
    }
}

/// What the search finds: per pair of boundaries in the band (numbered by [`Cells`]) the best
/// score of a path to it, where that path comes from and the parts of its last bead's score;
/// every bead considered, in the order its start is reached (for the posteriors), and with
/// decoding by expected accuracy the parts of each of their scores.
struct Lattice {
    best: Vec<f64>,
    back: Vec<(usize, usize)>,
    back_parts: Vec<Parts>,
    edges: Vec<Edge>,
    /// Decoding by expected accuracy (the parts of every edge are kept).
    mea: bool,
    edge_parts: Vec<Parts>,
}

impl Lattice {
    fn new(cells: usize, mea: bool) -> Lattice {
        Lattice {
            best: vec![f64::NEG_INFINITY; cells],
            back: vec![(0, 0); cells],
            back_parts: vec![Parts::default(); cells],
            edges: Vec::new(),
            mea,
            edge_parts: Vec::new(),
        }
    }

    /// The path to the end: the best one, or the one of maximum expected accuracy, with the
    /// posteriors of its beads; `None` when the end is not reached.
    fn path(self, search: &Search) -> Option<Vec<PieceBead>> {
        let (ni, ne) = (search.si.len(), search.se.len());
        let cells = &search.cells;
        let end = cells.of((ni, ne));
        if self.best[end] == f64::NEG_INFINITY {
            return None;
        }
        let sums = forward_backward(&self.edges, cells.len(), end);
        let mut path = Vec::new();
        if self.mea {
            for k in expected_accuracy_path(&self.edges, &sums, end, search.params.mea) {
                let e = &self.edges[k];
                path.push(PieceBead {
                    from: cells.at(e.from as usize),
                    to: cells.at(e.to as usize),
                    parts: self.edge_parts[k],
                    posterior: 0.0,
                });
            }
        } else {
            let (mut p, mut q) = (ni, ne);
            while (p, q) != (0, 0) {
                let c = cells.of((p, q));
                path.push(PieceBead {
                    from: self.back[c],
                    to: (p, q),
                    parts: self.back_parts[c],
                    posterior: 0.0,
                });
                (p, q) = self.back[c];
            }
            path.reverse();
        }
        posteriors(&mut path, &self.edges, cells, &sums);
        Some(path)
    }
}

/// The beads that start at one pair of boundaries.
struct Step<'a, 's> {
    search: &'a Search<'s>,
    lattice: &'a mut Lattice,
    /// The pair of boundaries they start at, and the best score of a path to it.
    from: (usize, usize),
    cur: f64,
}

impl Step<'_, '_> {
    /// Consider the bead from here to `(i2, j2)`, the path to its end scoring `s`.
    fn relax(&mut self, (i2, j2): (usize, usize), s: f64, parts: Parts) {
        if !self.search.in_band(i2, j2) {
            return;
        }
        let cells = &self.search.cells;
        let (from, to) = (cells.of(self.from), cells.of((i2, j2)));
        let l = &mut *self.lattice;
        l.edges.push(Edge {
            from: from as u32,
            to: to as u32,
            score: s - self.cur,
        });
        if l.mea {
            l.edge_parts.push(parts);
        }
        if s > l.best[to] {
            l.best[to] = s;
            l.back[to] = self.from;
            l.back_parts[to] = parts;
        }
    }

    /// The beads with an empty side.
    fn unpaired(&mut self) {
        let Search {
            si, se, t, params, ..
        } = *self.search;
        let ((i, j), cur) = (self.from, self.cur);
        let (ni, ne) = (si.len(), se.len());
        let unpaired = |prior: f64| Parts {
            prior,
            ..Parts::default()
        };
        // A sentence left unpaired (whole, wherever the other side is).
        if si.strong[i] && i < ni {
            let p = t.prior[1][0];
            self.relax((si.next_strong(i), j), cur + p, unpaired(p));
        }
        if se.strong[j] && j < ne {
            let p = t.prior[0][1];
            self.relax((i, se.next_strong(j)), cur + p, unpaired(p));
        }
        // A part of a sentence left unpaired: from its start to a clause end, or from a
        // clause end to its end (a verse whose translation is missing, run into the next
        // sentence of its side), while the other side stays at a sentence boundary.
        if se.strong[j] && i < ni {
            for i2 in si.parts_from(i) {
                let cost = params.unpaired_part + self.search.cut_i[i2];
                let p = t.prior[1][0];
                self.relax((i2, j), cur + p - cost, unpaired(p));
            }
        }
        if si.strong[i] && j < ne {
            for j2 in se.parts_from(j) {
                let cost = params.unpaired_part + self.search.cut_e[j2];
                let p = t.prior[0][1];
                self.relax((i, j2), cur + p - cost, unpaired(p));
            }
        }
    }

    /// The beads that pair pieces of both sides.
    fn paired(&mut self, buf: &mut Scratch) {
        let search = self.search;
        let Search { si, se, t, .. } = *search;
        let (i, j) = self.from;
        let (ni, ne) = (si.len(), se.len());
        buf.fill(search, (i, j));
        let (ends_i, ends_e) = (&buf.ends_i, &buf.ends_e);
        let (width_i, width_e) = (buf.width_i, buf.width_e);
        for (p, &i2) in ends_i.iter().enumerate() {
            let a = si.touched(i, i2);
            // Junctions of the sentence alignment within these Indonesian pieces.
            let near = &search.junctions[search.junction_from[i]..search.junction_from[i2 + 1]];
            for (q, &j2) in ends_e.iter().enumerate() {
                let end = i2 == ni && j2 == ne;
                let both = !end && !si.strong[i2] && !se.strong[j2];
                if both && search.params.cut_both == f64::INFINITY {
                    continue;
                }
                let b = se.touched(j, j2);
                let prior = t.prior[a][b];
                if prior == f64::NEG_INFINITY || !search.in_band(i2, j2) {
                    continue;
                }
                let x = buf.lex_i[q * (width_i + 1) + i2 - i];
                let y = buf.lex_e[p * (width_e + 1) + j2 - j];
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
                let s = self.cur + parts.total(search.model)
                    - search.params.junction_cost * crossed as f64
                    - search.cut_i[i2]
                    - search.cut_e[j2]
                    - if both { search.params.cut_both } else { 0.0 };
                self.relax((i2, j2), s, parts);
            }
        }
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
    /// The cover masks of the pairs of pieces seen so far.
    masks: HashMap<(usize, usize), (u128, u128)>,
    /// The ends of the beads from the current cell on each side, and how many pieces they
    /// span at most.
    ends_i: Vec<usize>,
    ends_e: Vec<usize>,
    width_i: usize,
    width_e: usize,
    /// `cov_i[x * width_e + y]`: the items of Indonesian piece `i + x` found in English
    /// pieces `j..=j + y`; `cov_e` the same the other way.
    cov_i: Vec<u128>,
    cov_e: Vec<u128>,
    /// `lex_i[q * (width_i + 1) + p]`: the lexical terms of Indonesian pieces `i..i + p`
    /// against English pieces `j..ends_e[q]`; `lex_e[p * (width_e + 1) + q]` those of English
    /// pieces `j..j + q` against Indonesian pieces `i..ends_i[p]` (close, free translation).
    lex_i: Vec<[f64; 2]>,
    lex_e: Vec<[f64; 2]>,
}

impl Scratch {
    /// The ends, covers and lexical terms of the beads from `(i, j)`.
    fn fill(&mut self, search: &Search, (i, j): (usize, usize)) {
        let Search { si, se, .. } = *search;
        let max = search.params.max_pieces;
        si.ends_into(i, max, &mut self.ends_i);
        se.ends_into(j, max, &mut self.ends_e);
        let last_i = self.ends_i[self.ends_i.len() - 1];
        let last_e = self.ends_e[self.ends_e.len() - 1];
        let (width_i, width_e) = (last_i - i, last_e - j);
        (self.width_i, self.width_e) = (width_i, width_e);
        self.cov_i.clear();
        self.cov_i.resize(width_i * width_e, 0);
        self.cov_e.clear();
        self.cov_e.resize(width_i * width_e, 0);
        for x in 0..width_i {
            for y in 0..width_e {
                let (mi, me) = *self
                    .masks
                    .entry((i + x, j + y))
                    .or_insert_with(|| cover_with(&si.prep[i + x], &se.prep[j + y]));
                let left = if y > 0 {
                    self.cov_i[x * width_e + y - 1]
                } else {
                    0
                };
                let up = if x > 0 {
                    self.cov_e[y * width_i + x - 1]
                } else {
                    0
                };
                self.cov_i[x * width_e + y] = mi | left;
                self.cov_e[y * width_i + x] = me | up;
            }
        }
        let (cov_i, cov_e) = (&self.cov_i, &self.cov_e);
        running_sums(&mut self.lex_i, &self.ends_e, width_i, |x, j2| {
            let o = se.touched(j, j2) - 1;
            let cov = cov_i[x * width_e + j2 - 1 - j];
            search.terms_i[i + x][o].of(cov, si.dup(i + x, x))
        });
        running_sums(&mut self.lex_e, &self.ends_i, width_e, |y, i2| {
            let o = si.touched(i, i2) - 1;
            let cov = cov_e[y * width_i + i2 - 1 - i];
            search.terms_e[j + y][o].of(cov, se.dup(j + y, y))
        });
    }
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
fn piece_terms(prep: &[Prepared], t: &Tables, side: usize) -> Vec<[Terms; 3]> {
    prep.iter()
        .map(|p| {
            std::array::from_fn(|o| {
                let mut out = Terms {
                    mask: p.kind_masks(),
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
