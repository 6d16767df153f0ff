//! Dynamic programming over beads inside a band of cells. Memory is linear in the band: scores
//! are kept for the last four rows only; back pointers (one byte a cell), cover masks and,
//! for the posteriors, forward/backward sums for the whole band.

use super::logspace::log_sum_exp;
use super::model::{Masks, Model, Params, Parts, Tables};

/// The cells searched: for each row `i` (Indonesian sentences consumed, 0..=n), the columns
/// `lo[i]..=hi[i]` (English sentences consumed). `lo` and `hi` never decrease.
#[derive(Clone, Debug)]
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
}

impl Band {
    /// Every cell.
    pub fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    /// The cells in both bands (bands around paths through both: every row keeps a cell of
    /// them, and both bounds stay non-decreasing as the element-wise max / min of
    /// non-decreasing bounds).
    pub fn intersect(&self, other: &Band) -> Band {
        let lo: Vec<usize> = self
            .lo
            .iter()
            .zip(&other.lo)
            .map(|(a, b)| *a.max(b))
            .collect();
        let hi: Vec<usize> = (self.hi.iter().zip(&other.hi))
            .zip(&lo)
            .map(|((a, b), l)| *a.min(b).max(l))
            .collect();
        Band { lo, hi }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h + 1 - l).sum()
    }

    /// A band of half-width `w` around a path given by `center(i)` (a column for each row).
    pub fn around(center: &[f64], m: usize, w: usize) -> Band {
        Band::around_widths(center, m, |_| w)
    }

    /// A band around a path given by `center(i)`, of half-width `w(i)` at row `i`.
    pub fn around_widths(center: &[f64], m: usize, w: impl Fn(usize) -> usize) -> Band {
        let n = center.len() - 1;
        let mut lo = vec![0; n + 1];
        let mut hi = vec![m; n + 1];
        for i in 0..=n {
            let a = center[i.saturating_sub(1)]
                .min(center[i])
                .min(center[(i + 1).min(n)]);
            let b = center[i.saturating_sub(1)]
                .max(center[i])
                .max(center[(i + 1).min(n)]);
            let w = w(i) as i64;
            lo[i] = ((a.floor() as i64) - w).clamp(0, m as i64) as usize;
            hi[i] = ((b.ceil() as i64) + w).clamp(0, m as i64) as usize;
        }
        lo[0] = 0;
        hi[n] = m;
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        Band { lo, hi }
    }
}

/// One bead of the best path, with the parts of its score.
#[derive(Clone, Debug)]
pub struct PathBead {
    pub i0: usize,
    pub i1: usize,
    pub j0: usize,
    pub j1: usize,
    pub parts: Parts,
    pub total: f64,
    /// Posterior probability of the bead over all paths in the band (forward–backward).
    pub posterior: f64,
}

/// Cover masks of every sentence pair the band's beads touch, computed once per band and
/// shared by the passes over it. Most pairs in a band share no item, so a cell holds only a
/// 4-byte slot (0: both masks empty, else where its masks are): a long document's cache is a
/// fraction of a dense one. Masks of sentences of at most 64 items (nearly all) are kept in
/// 16 bytes, not 32.
pub struct MaskCache<'m, 'a> {
    model: &'m Model<'a>,
    /// Per row: the first English sentence of its span.
    start: Vec<usize>,
    /// Per row: where its cells start in `slot` (one more entry than rows).
    cell: Vec<usize>,
    slot: Vec<u32>,
    /// Masks that fit in 64 bits (slot: one more than the index here).
    narrow: Vec<(u64, u64)>,
    /// The others (slot: [`WIDE`] plus the index here).
    wide: Vec<(u128, u128)>,
}

/// The slot bit of masks kept in [`MaskCache::wide`].
const WIDE: u32 = 1 << 31;

impl<'m, 'a> MaskCache<'m, 'a> {
    /// Masks for sentence `i` against the English sentences the band's beads may pair with it.
    pub fn new(model: &'m Model<'a>, band: &Band) -> Self {
        let (n, m) = (model.id.len(), model.en.len());
        let span = |i: usize| {
            let j0 = band.lo[i + 1].saturating_sub(3);
            let j1 = band.hi[(i + 3).min(n)].min(m);
            (j0, j1.max(j0))
        };
        let cells = (0..n).map(|i| span(i).1 - span(i).0).sum();
        let mut start = Vec::with_capacity(n);
        let mut cell = Vec::with_capacity(n + 1);
        let mut slot = Vec::with_capacity(cells);
        let (mut narrow, mut wide) = (Vec::new(), Vec::new());
        let mut row = Vec::new();
        for i in 0..n {
            let (j0, j1) = span(i);
            start.push(j0);
            cell.push(slot.len());
            row.clear();
            row.resize(j1 - j0, (0, 0));
            model
                .cover_index
                .cover_row(&model.id[i], model.en, j0, &mut row);
            for &mk in &row {
                // At most one mask per cell, and a band holds far fewer than 2^31 cells.
                if mk == (0, 0) {
                    slot.push(0);
                } else if let (Ok(a), Ok(b)) = (u64::try_from(mk.0), u64::try_from(mk.1)) {
                    narrow.push((a, b));
                    slot.push(narrow.len() as u32);
                } else {
                    slot.push(WIDE | wide.len() as u32);
                    wide.push(mk);
                }
            }
        }
        cell.push(slot.len());
        narrow.shrink_to_fit();
        MaskCache {
            model,
            start,
            cell,
            slot,
            narrow,
            wide,
        }
    }
}

impl Masks for MaskCache<'_, '_> {
    #[inline]
    fn get(&self, i: usize, j: usize) -> (u128, u128) {
        let s = self.start[i];
        if j >= s {
            let k = self.cell[i] + j - s;
            if k < self.cell[i + 1] {
                return match self.slot[k] {
                    0 => (0, 0),
                    x if x & WIDE == 0 => {
                        let (a, b) = self.narrow[x as usize - 1];
                        (a.into(), b.into())
                    }
                    x => self.wide[(x & !WIDE) as usize],
                };
            }
        }
        self.model.cover(i, j)
    }
}

/// The band's cells in one array, row after row.
struct Cells<'b> {
    band: &'b Band,
    /// Where each row starts.
    offset: Vec<usize>,
    /// Cells in all.
    total: usize,
}

impl<'b> Cells<'b> {
    fn new(band: &'b Band) -> Self {
        let n = band.lo.len() - 1;
        let mut offset = Vec::with_capacity(n + 2);
        let mut total = 0usize;
        for i in 0..=n {
            offset.push(total);
            total += band.hi[i] + 1 - band.lo[i];
        }
        Cells {
            band,
            offset,
            total,
        }
    }

    /// The index of cell `(i, j)`.
    #[inline]
    fn at(&self, i: usize, j: usize) -> usize {
        self.offset[i] + j - self.band.lo[i]
    }

    /// Whether `(i, j)` is in the band.
    #[inline]
    fn holds(&self, i: usize, j: usize) -> bool {
        j >= self.band.lo[i] && j <= self.band.hi[i]
    }
}

/// What the search scores beads with.
struct Scoring<'s, 'm, 'a> {
    model: &'s Model<'a>,
    masks: &'s MaskCache<'m, 'a>,
    tables: &'s Tables,
    params: &'s Params,
    allowed: &'s [(usize, usize)],
}

/// What the forward pass leaves: the back pointer of every cell (the index in `allowed` of
/// the best bead ending there, `u8::MAX` for none) and, for the posteriors, the forward sums
/// and the score of every bead with both sides (cell of its end × [`Slots`]).
struct Forward {
    back: Vec<u8>,
    alpha: Vec<f32>,
    bead_score: Vec<f32>,
    slots: Slots,
}

/// Where the forward pass keeps a bead's score for the backward pass: a slot per cell for
/// each shape with both sides. A bead with an empty side is not kept: it scores the same
/// wherever it may lie (`empty`), which is wherever the cell it starts from is reachable.
struct Slots {
    /// Per shape (index in `allowed`): its slot, or `None` for a shape with an empty side.
    slot: [Option<usize>; 8],
    /// Slots per cell.
    per_cell: usize,
    /// Per shape with an empty side: its bead's score (as the forward pass adds it).
    empty: [f32; 8],
}

impl Slots {
    fn new(allowed: &[(usize, usize)], tables: &Tables, params: &Params) -> Slots {
        // What `Parts::total` adds to the prior of a bead without items.
        let empty_side = Parts::default().total(params);
        let mut slots = Slots {
            slot: [None; 8],
            per_cell: 0,
            empty: [f32::NEG_INFINITY; 8],
        };
        for (k, &(a, b)) in allowed.iter().enumerate() {
            if a > 0 && b > 0 {
                slots.slot[k] = Some(slots.per_cell);
                slots.per_cell += 1;
            } else if tables.prior[a][b] != f64::NEG_INFINITY {
                slots.empty[k] = (tables.prior[a][b] + empty_side) as f32;
            }
        }
        slots
    }
}

/// The best path through the band, and the rows where it touched the band's edge (where the edge is
/// not the border of the matrix; ascending), where the band may have been too narrow.
pub fn best_path(
    model: &Model,
    masks: &MaskCache,
    tables: &Tables,
    params: &Params,
    band: &Band,
    allowed: &[(usize, usize)],
    posteriors: bool,
) -> (Vec<PathBead>, Vec<usize>) {
    let cells = Cells::new(band);
    let scoring = Scoring {
        model,
        masks,
        tables,
        params,
        allowed,
    };
    let mut fwd = forward(&scoring, &cells, posteriors);
    let beta = match posteriors {
        true => backward(&cells, allowed, &fwd, model.en.len()),
        false => Vec::new(),
    };
    // The bead scores served the backward pass only: not held while the path is read.
    fwd.bead_score = Vec::new();
    let z = if posteriors {
        fwd.alpha[cells.total - 1]
    } else {
        0.0
    };
    let (path, touched) = trace_back(&cells, &fwd.back, allowed, model.en.len());
    let out = path
        .into_iter()
        .map(|(i0, i1, j0, j1)| {
            let parts = model.parts(tables, masks, (i0, i1), (j0, j1));
            let total = parts.total(params);
            let lp = if posteriors {
                fwd.alpha[cells.at(i0, j0)] as f64 + total + beta[cells.at(i1, j1)] as f64
                    - z as f64
            } else {
                f64::NAN
            };
            PathBead {
                i0,
                i1,
                j0,
                j1,
                total,
                parts,
                posterior: if lp.is_finite() {
                    lp.exp().min(1.0)
                } else {
                    0.0
                },
            }
        })
        .collect();
    (out, touched)
}

/// The forward pass: the best score of every cell (scores are kept for the last four rows
/// only) with its back pointer, and with `posteriors` the forward sums.
fn forward(scoring: &Scoring, cells: &Cells, posteriors: bool) -> Forward {
    let Scoring {
        model,
        masks,
        tables,
        params,
        allowed,
    } = *scoring;
    let band = cells.band;
    let n = model.id.len();
    let mut back = vec![u8::MAX; cells.total];
    let shapes = allowed.len();
    // Forward sums and every bead score (for the backward pass of the posteriors).
    let post_cells = if posteriors { cells.total } else { 0 };
    let mut alpha = vec![f32::NEG_INFINITY; post_cells];
    let slots = Slots::new(allowed, tables, params);
    let mut bead_score = vec![f32::NEG_INFINITY; post_cells * slots.per_cell];
    let mut score: [Vec<f64>; 4] = Default::default();
    // A bead with an empty side scores its prior plus what `Parts::total` adds to a bead without
    // items: the same for every such bead, so computed once.
    let empty_side = Parts::default().total(params);
    for i in 0..=n {
        let (lo, hi) = (band.lo[i], band.hi[i]);
        let mut row = std::mem::take(&mut score[i % 4]);
        row.clear();
        row.resize(hi + 1 - lo, f64::NEG_INFINITY);
        for j in lo..=hi {
            let cell = cells.at(i, j);
            if i == 0 && j == 0 {
                row[0] = 0.0;
                if posteriors {
                    alpha[cell] = 0.0;
                }
                continue;
            }
            let mut terms = [f32::NEG_INFINITY; 8];
            let mut best = f64::NEG_INFINITY;
            let mut arg = u8::MAX;
            for (k, &(a, b)) in allowed.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let (pi, pj) = (i - a, j - b);
                if !cells.holds(pi, pj) {
                    continue;
                }
                let prev = if a == 0 {
                    row[pj - lo]
                } else {
                    score[pi % 4][pj - band.lo[pi]]
                };
                if prev == f64::NEG_INFINITY || tables.prior[a][b] == f64::NEG_INFINITY {
                    continue;
                }
                let bs = if a == 0 || b == 0 {
                    tables.prior[a][b] + empty_side
                } else {
                    model.parts(tables, masks, (pi, i), (pj, j)).total(params)
                };
                if posteriors {
                    if let Some(s) = slots.slot[k] {
                        bead_score[cell * slots.per_cell + s] = bs as f32;
                    }
                    terms[k] = alpha[cells.at(pi, pj)] + bs as f32;
                }
                let s = prev + bs;
                if s > best {
                    best = s;
                    arg = k as u8;
                }
            }
            row[j - lo] = best;
            back[cell] = arg;
            if posteriors {
                alpha[cell] = log_sum_exp(&terms[..shapes]);
            }
        }
        score[i % 4] = row;
    }
    Forward {
        back,
        alpha,
        bead_score,
        slots,
    }
}

/// The backward sums of every cell, from the bead scores of the forward pass (`m`: English
/// sentences).
fn backward(cells: &Cells, allowed: &[(usize, usize)], fwd: &Forward, m: usize) -> Vec<f32> {
    let slots = &fwd.slots;
    let band = cells.band;
    let n = band.lo.len() - 1;
    let shapes = allowed.len();
    let mut beta = vec![f32::NEG_INFINITY; cells.total];
    beta[cells.total - 1] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            if i == n && j == m {
                continue;
            }
            let start = cells.at(i, j);
            let mut terms = [f32::NEG_INFINITY; 8];
            for (k, &(a, b)) in allowed.iter().enumerate() {
                let (end_i, end_j) = (i + a, j + b);
                if end_i > n || end_j > m || !cells.holds(end_i, end_j) {
                    continue;
                }
                let end = cells.at(end_i, end_j);
                let bs = match slots.slot[k] {
                    Some(s) => fwd.bead_score[end * slots.per_cell + s],
                    // Reachable from the start: the forward pass scored this bead.
                    None if fwd.alpha[start] != f32::NEG_INFINITY => slots.empty[k],
                    None => f32::NEG_INFINITY,
                };
                if bs == f32::NEG_INFINITY {
                    continue;
                }
                terms[k] = bs + beta[end];
            }
            beta[start] = log_sum_exp(&terms[..shapes]);
        }
    }
    beta
}

/// A bead as the sentences it spans: `(i0, i1, j0, j1)`.
type BeadSpan = (usize, usize, usize, usize);

/// The best path's beads from the back pointers, and the rows where it
/// touched the band's edge (ascending).
fn trace_back(
    cells: &Cells,
    back: &[u8],
    allowed: &[(usize, usize)],
    m: usize,
) -> (Vec<BeadSpan>, Vec<usize>) {
    let band = cells.band;
    let mut path = Vec::new();
    let mut touched = Vec::new();
    let (mut i, mut j) = (band.lo.len() - 1, m);
    while i > 0 || j > 0 {
        let k = back[cells.at(i, j)];
        if k == u8::MAX {
            // Unreachable (cannot happen with 1-0 and 0-1 allowed); fall back to a deletion.
            let (a, b) = if i > 0 { (1, 0) } else { (0, 1) };
            path.push((i - a, i, j - b, j));
            i -= a;
            j -= b;
            continue;
        }
        let (a, b) = allowed[k as usize];
        if (j == band.lo[i] && j > 0) || (j == band.hi[i] && j < m) {
            touched.push(i);
        }
        path.push((i - a, i, j - b, j));
        i -= a;
        j -= b;
    }
    path.reverse();
    touched.reverse();
    (path, touched)
}
