//! A first path for long documents: sentence pairs sharing at least two rare keys (numbers,
//! names, rare words or their translations) are anchor candidates; the heaviest chain that is
//! increasing on both sides is the path the band is laid around. "Rare" is local: a key may
//! occur up to `max(3, m/5000)` times in the whole document, but only the occurrences within a
//! window around the diagonal position count, so long or repetitive documents still have
//! anchors — except a key found exactly once on each side, which counts wherever it is (a
//! passage only one side has can put the true pairs far from the diagonal).

use rustc_hash::FxHashMap as HashMap;

use super::model::Model;

/// Keys in more sentences than this (on either side) are not rare, at least.
const MIN_MAX_DF: usize = 3;

/// For each row `i` (0..=n) the column of the first path.
pub fn center_path(model: &Model) -> Vec<f64> {
    let (n, m) = (model.id.len(), model.en.len());
    let cands = candidates(model);
    let mut points = vec![(0.0, 0.0)];
    for c in heaviest_chain(&cands, m) {
        points.push((cands[c].0 as f64 + 0.5, cands[c].1 as f64 + 0.5));
    }
    points.push((n as f64, m as f64));
    let points = drop_spikes(points, m as f64 / n.max(1) as f64);
    let mut center = vec![0.0; n + 1];
    let mut s = 0;
    for (i, c) in center.iter_mut().enumerate() {
        let x = i as f64;
        while s + 2 < points.len() && points[s + 1].0 <= x {
            s += 1;
        }
        let (a, b) = (points[s], points[s + 1]);
        *c = if b.0 > a.0 {
            a.1 + (x - a.0) / (b.0 - a.0) * (b.1 - a.1)
        } else {
            b.1
        };
    }
    center
}

/// In how many sentences of a side each key occurs.
fn document_frequency<K: Iterator<Item = u64>>(keys: impl Iterator<Item = K>) -> HashMap<u64, u32> {
    let mut df: HashMap<u64, u32> = HashMap::default();
    for sentence in keys {
        let mut ks: Vec<u64> = sentence.collect();
        ks.sort_unstable();
        ks.dedup();
        for k in ks {
            *df.entry(k).or_default() += 1;
        }
    }
    df
}

/// The anchor candidates `(i, j, weight)`, by row then column: sentence pairs that share at
/// least two rare keys (weight: how many).
fn candidates(model: &Model) -> Vec<(usize, usize, u32)> {
    let (n, m) = (model.id.len(), model.en.len());
    let max_df = MIN_MAX_DF.max(m.max(n) / 5000) as u32;
    let window = (m / 50).clamp(100, 2000);
    let df_en = document_frequency(model.en.iter().map(|p| p.own_keys()));
    let df_id = document_frequency(model.id.iter().map(|p| p.query_keys()));
    // The English sentences of each rare key, ascending.
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
    for (j, p) in model.en.iter().enumerate() {
        for k in p.own_keys() {
            if df_en[&k] <= max_df && df_id.get(&k).is_some_and(|&d| d <= max_df) {
                let v = postings.entry(k).or_default();
                if v.last() != Some(&(j as u32)) {
                    v.push(j as u32);
                }
            }
        }
    }
    let mut cands: Vec<(usize, usize, u32)> = Vec::new();
    let mut hits: HashMap<u32, u32> = HashMap::default();
    for (i, p) in model.id.iter().enumerate() {
        hits.clear();
        let mut ks: Vec<u64> = p.query_keys().collect();
        ks.sort_unstable();
        ks.dedup();
        let centre = i * m / n.max(1);
        let (lo, hi) = (
            centre.saturating_sub(window) as u32,
            (centre + window) as u32,
        );
        for k in ks {
            if let Some(js) = postings.get(&k) {
                // A key found once on each side says where the sentence is wherever that is
                // (a passage only one side has can put the pair far from the diagonal).
                if js.len() == 1 && df_id.get(&k) == Some(&1) {
                    *hits.entry(js[0]).or_default() += 1;
                    continue;
                }
                let start = js.partition_point(|&j| j < lo);
                let inside = &js[start..start + js[start..].partition_point(|&j| j <= hi)];
                // Only keys that are rare in the window say where the sentence is.
                if inside.len() > MIN_MAX_DF {
                    continue;
                }
                for &j in inside {
                    *hits.entry(j).or_default() += 1;
                }
            }
        }
        let mut row: Vec<(usize, usize, u32)> = hits
            .iter()
            .filter(|&(_, &c)| c >= 2)
            .map(|(&j, &c)| (i, j as usize, c))
            .collect();
        row.sort_unstable();
        cands.extend(row);
    }
    cands
}

/// The heaviest chain of candidates increasing in both rows and columns (a Fenwick tree of
/// prefix maxima over the columns, `m` of them): the candidates' indices, in order.
fn heaviest_chain(cands: &[(usize, usize, u32)], m: usize) -> Vec<usize> {
    let mut tree: Vec<(u64, usize)> = vec![(0, usize::MAX); m + 1];
    let mut best: Vec<(u64, usize)> = vec![(0, usize::MAX); cands.len()];
    let mut k = 0;
    while k < cands.len() {
        let i = cands[k].0;
        let mut row_end = k;
        while row_end < cands.len() && cands[row_end].0 == i {
            row_end += 1;
        }
        for c in k..row_end {
            let (_, j, w) = cands[c];
            // max over columns < j
            let (mut q, mut acc) = (j, (0u64, usize::MAX));
            while q > 0 {
                if tree[q].0 > acc.0 {
                    acc = tree[q];
                }
                q &= q - 1;
            }
            best[c] = (acc.0 + w as u64, acc.1);
        }
        for c in k..row_end {
            let mut q = cands[c].1 + 1;
            while q <= m {
                if best[c].0 > tree[q].0 {
                    tree[q] = (best[c].0, c);
                }
                q += q & q.wrapping_neg();
            }
        }
        k = row_end;
    }
    let mut chain = Vec::new();
    if let Some(end) = (0..best.len()).max_by_key(|&c| (best[c].0, std::cmp::Reverse(c))) {
        let mut c = end;
        while c != usize::MAX {
            chain.push(c);
            c = best[c].1;
        }
        chain.reverse();
    }
    chain
}

/// Drop anchors that jump away from both neighbours (a wrong match pulls the band aside).
fn drop_spikes(points: Vec<(f64, f64)>, slope: f64) -> Vec<(f64, f64)> {
    let off = |a: (f64, f64), b: (f64, f64)| {
        let di = b.0 - a.0;
        ((b.1 - a.1) - di * slope).abs() - (8.0 + 0.25 * di)
    };
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for k in 0..points.len() {
        if k == 0 || k + 1 == points.len() {
            out.push(points[k]);
            continue;
        }
        let prev = *out.last().unwrap();
        let next = points[k + 1];
        if off(prev, points[k]) > 0.0 && off(points[k], next) > 0.0 {
            continue;
        }
        out.push(points[k]);
    }
    out
}
