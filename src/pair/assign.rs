//! One-to-one assignment of scored candidate pairs, with "no partner" as an outcome.
//!
//! Competitive linking: the candidate pairs are taken best first, and a pair is kept when
//! neither document has a partner yet and its score reaches the threshold. A document whose
//! every candidate is below the threshold, or whose candidates all found better partners,
//! stays unpaired. With scores that read as probabilities and few strong candidates per
//! document (translations stand far above the rest), this gives the same pairs as an
//! optimal assignment in practice, at the cost of a sort.

/// A candidate pair and its document score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scored {
    /// The Indonesian document.
    pub id: u32,
    /// The English document.
    pub en: u32,
    /// The probability that they translate each other.
    pub score: f64,
}

/// The pairs kept by competitive linking, in the order they were taken (best first; ties in
/// score go to the lower Indonesian, then English, document number).
pub fn link(cands: &[Scored], n_id: usize, n_en: usize, min_score: f64) -> Vec<Scored> {
    let mut order: Vec<&Scored> = cands.iter().filter(|c| c.score >= min_score).collect();
    order.sort_unstable_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.id.cmp(&b.id))
            .then(a.en.cmp(&b.en))
    });
    let mut id_taken = vec![false; n_id];
    let mut en_taken = vec![false; n_en];
    let mut out = Vec::new();
    for c in order {
        let (i, e) = (c.id as usize, c.en as usize);
        if id_taken[i] || en_taken[e] {
            continue;
        }
        id_taken[i] = true;
        en_taken[e] = true;
        out.push(*c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_pairs_first_and_below_threshold_unpaired() {
        let s = |id, en, score| Scored { id, en, score };
        let cands = [
            s(0, 0, 0.9),
            s(0, 1, 0.95),
            s(1, 1, 0.8),
            s(1, 0, 0.7),
            s(2, 2, 0.3),
        ];
        let kept = link(&cands, 3, 3, 0.5);
        assert_eq!(kept, [s(0, 1, 0.95), s(1, 0, 0.7)]);
    }
}
