//! Decoding the clause search: the path by maximum expected accuracy, and the beads of a path
//! with their calibrated scores.

use super::super::model::{Params, Parts, Tables};
use super::super::{Bead, Detail, calibrate};
use super::posterior::Sums;
use super::search::Edge;

/// A bead of the clause alignment's best path: the parts of its score (without the costs of
/// cuts and junctions) and its posterior probability among the window's paths.
pub(super) struct PieceBead {
    pub(super) from: (usize, usize),
    pub(super) to: (usize, usize),
    pub(super) parts: Parts,
    pub(super) posterior: f64,
}

impl PieceBead {
    /// The calibrated probability that this bead, of `a` Indonesian and `b` English segments,
    /// is right (the sentence beads' calibration, [`calibrate`]).
    pub(super) fn probability(&self, (a, b): (usize, usize), t: &Tables, params: &Params) -> f64 {
        let total = self.parts.total(params);
        calibrate::probability(&Detail {
            bead: Bead {
                id: (0..a).collect(),
                en: (0..b).collect(),
                score: 0.0,
            },
            parts: self.parts,
            total,
            margin: total - t.unaligned(a, b),
            posterior: self.posterior,
        })
    }
}

/// The edges (indices into `edges`) of the path from the first cell to `end` whose boundary
/// pairs' posteriors, less `cost` each, sum highest: decoding by maximum expected accuracy
/// (ties go to the better-scoring path).
pub(super) fn expected_accuracy_path(
    edges: &[Edge],
    (fwd, bwd): &Sums,
    end: usize,
    cost: f64,
) -> Vec<usize> {
    let z = fwd[end];
    let neg = f64::NEG_INFINITY;
    let gain_at: Vec<f64> = fwd
        .iter()
        .zip(bwd)
        .map(|(f, b)| (f + b - z).exp() - cost)
        .collect();
    let mut gain = vec![neg; fwd.len()];
    let mut via = vec![usize::MAX; fwd.len()];
    gain[0] = 0.0;
    for (k, e) in edges.iter().enumerate() {
        let (from, to) = (e.from as usize, e.to as usize);
        if gain[from] == neg || bwd[to] == neg {
            continue;
        }
        let g = gain[from] + gain_at[to] + 1e-9 * e.score;
        if g > gain[to] {
            gain[to] = g;
            via[to] = k;
        }
    }
    let mut path = Vec::new();
    let mut c = end;
    while c != 0 {
        path.push(via[c]);
        c = edges[via[c]].from as usize;
    }
    path.reverse();
    path
}
