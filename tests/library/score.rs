//! How well the pair score separates true pairs from random and neighbouring pairs on the
//! development sets (fixed-seed sample). Prints the figures; skips when ../shared is absent.

use crate::common::{Rng, auc, dev_dir, dev_sets};
use rayon::prelude::*;
use selaras::score::PairScorer;

/// True pairs sampled per set.
const PER_SET: usize = 1000;

/// Per-set floors just under the figures measured when the model was fit (AUC against random,
/// against neighbours), so that a regression in the evidence or the model shows.
fn floors(set: &str) -> (f64, f64) {
    if set.starts_with("ebible") {
        (0.975, 0.93)
    } else {
        (0.995, 0.985)
    }
}

#[test]
fn auc_on_dev_sets() {
    let Some(dev) = dev_dir() else { return };
    let scorer = PairScorer::new();
    let mut rng = Rng(5);
    let mut all = (Vec::new(), Vec::new(), Vec::new());
    println!(
        "{:24} {:>6} {:>10} {:>10}",
        "set", "pairs", "AUC random", "AUC neighb"
    );
    for set in dev_sets(&dev) {
        let n = set.id.len();
        let mut order: Vec<usize> = (0..n).collect();
        rng.shuffle(&mut order);
        order.truncate(PER_SET);
        order.sort_unstable();
        // (true, random, neighbour) English index for each sampled unit.
        let triples: Vec<(usize, usize, usize)> = order
            .iter()
            .map(|&i| {
                let mut j = rng.below(n - 1);
                if j >= i {
                    j += 1;
                }
                let k = if i == 0 || (rng.below(2) == 0 && i + 1 < n) {
                    i + 1
                } else {
                    i - 1
                };
                (i, j, k)
            })
            .collect();
        let scores: Vec<(f64, f64, f64)> = triples
            .par_iter()
            .map(|&(i, j, k)| {
                (
                    scorer.score(&set.id[i], &set.en[i]),
                    scorer.score(&set.id[i], &set.en[j]),
                    scorer.score(&set.id[i], &set.en[k]),
                )
            })
            .collect();
        let pos: Vec<f64> = scores.iter().map(|s| s.0).collect();
        let rnd: Vec<f64> = scores.iter().map(|s| s.1).collect();
        let nb: Vec<f64> = scores.iter().map(|s| s.2).collect();
        println!(
            "{:24} {:>6} {:>10.4} {:>10.4}",
            set.name,
            pos.len(),
            auc(&pos, &rnd),
            auc(&pos, &nb)
        );
        let (fr, fnb) = floors(&set.name);
        assert!(
            auc(&pos, &rnd) >= fr && auc(&pos, &nb) >= fnb,
            "{}: AUC fell below the pinned floors {fr}/{fnb}",
            set.name
        );
        all.0.extend(pos);
        all.1.extend(rnd);
        all.2.extend(nb);
    }
    let (a_rnd, a_nb) = (auc(&all.0, &all.1), auc(&all.0, &all.2));
    println!(
        "{:24} {:>6} {:>10.4} {:>10.4}",
        "all",
        all.0.len(),
        a_rnd,
        a_nb
    );
    assert!(a_rnd >= 0.98, "AUC against random pairs {a_rnd:.4} < 0.98");
    assert!(a_nb >= 0.90, "AUC against neighbour pairs {a_nb:.4} < 0.90");
}
