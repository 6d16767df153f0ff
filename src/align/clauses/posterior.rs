//! Forward–backward over the beads the clause search considered, and the posterior of each bead
//! of a path.

use super::decode::PieceBead;
use super::search::{Cells, Edge};
use crate::align::logspace::log_add;

/// The forward and backward log sums over all paths through `edges` from the first cell to
/// `end` (`edges` in the order their starts were reached, so every bead into a boundary pair
/// comes before the beads out of it).
pub(super) type Sums = (Vec<f64>, Vec<f64>);

pub(super) fn forward_backward(edges: &[Edge], cells: usize, end: usize) -> Sums {
    let mut fwd = vec![f64::NEG_INFINITY; cells];
    let mut bwd = fwd.clone();
    fwd[0] = 0.0;
    for e in edges {
        let x = fwd[e.from as usize] + e.score;
        fwd[e.to as usize] = log_add(fwd[e.to as usize], x);
    }
    bwd[end] = 0.0;
    for e in edges.iter().rev() {
        let x = e.score + bwd[e.to as usize];
        bwd[e.from as usize] = log_add(bwd[e.from as usize], x);
    }
    (fwd, bwd)
}

/// The posterior of each bead of `path` over all paths through `edges` (with their
/// [`forward_backward`] sums).
pub(super) fn posteriors(path: &mut [PieceBead], edges: &[Edge], cells: &Cells, (fwd, bwd): &Sums) {
    let Some(end) = path.last().map(|b| cells.of(b.to)) else {
        return;
    };
    let z = fwd[end];
    // The step of the path that starts at each boundary pair (`usize::MAX`: none).
    let mut step = vec![usize::MAX; cells.len()];
    for (k, b) in path.iter().enumerate() {
        step[cells.of(b.from)] = k;
    }
    let mut sum = vec![f64::NEG_INFINITY; path.len()];
    for e in edges {
        let k = step[e.from as usize];
        if k != usize::MAX && cells.of(path[k].to) == e.to as usize {
            let x = fwd[e.from as usize] + e.score + bwd[e.to as usize] - z;
            sum[k] = log_add(sum[k], x);
        }
    }
    for (b, s) in path.iter_mut().zip(sum) {
        b.posterior = if s.is_finite() { s.exp().min(1.0) } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::model::Parts;

    #[test]
    fn posteriors_share_the_mass_of_equal_paths() {
        let band = [(0, 2), (0, 2), (0, 2)];
        let cells = Cells::new(&band);
        let edge = |from, to, score| Edge {
            from: cells.of(from) as u32,
            to: cells.of(to) as u32,
            score,
        };
        // Two beads of score 0 through (1, 1), or one of score 0 straight to (2, 2); a third
        // path through (1, 1) at -ln 2 makes the first bead less likely than the second.
        let edges = [
            edge((0, 0), (1, 1), 0.0),
            edge((0, 0), (1, 1), -(2f64.ln())),
            edge((0, 0), (2, 2), 0.0),
            edge((1, 1), (2, 2), 0.0),
        ];
        let bead = |from, to| PieceBead {
            from,
            to,
            parts: Parts::default(),
            posterior: 0.0,
        };
        let mut path = vec![bead((0, 0), (1, 1)), bead((1, 1), (2, 2))];
        let sums = forward_backward(&edges, cells.len(), cells.of((2, 2)));
        posteriors(&mut path, &edges, &cells, &sums);
        // Paths: 1 + 0.5 through (1, 1), 1 straight: the two steps hold 1.5 / 2.5 of the mass,
        // the first counting both of its beads.
        assert!(
            (path[0].posterior - 0.6).abs() < 1e-9,
            "{}",
            path[0].posterior
        );
        assert!(
            (path[1].posterior - 0.6).abs() < 1e-9,
            "{}",
            path[1].posterior
        );
    }
}
