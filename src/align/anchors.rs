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
    let max_df = MIN_MAX_DF.max(m.max(n) / 5000) as u32;
    let window = (m / 50).clamp(100, 2000);
    let mut df_en: HashMap<u64, u32> = HashMap::default();
    for p in model.en {
        let mut ks: Vec<u64> = p.own_keys().collect();
        ks.sort_unstable();
        ks.dedup();
        for k in ks {
            *df_en.entry(k).or_default() += 1;
        }
    }
    let mut df_id: HashMap<u64, u32> = HashMap::default();
    for p in model.id {
        let mut ks: Vec<u64> = p.query_keys().collect();
        ks.sort_unstable();
        ks.dedup();
        for k in ks {
            *df_id.entry(k).or_default() += 1;
        }
    }
    let mut post: HashMap<u64, Vec<u32>> = HashMap::default();
    for (j, p) in model.en.iter().enumerate() {
        for k in p.own_keys() {
            if df_en[&k] <= max_df && df_id.get(&k).is_some_and(|&d| d <= max_df) {
                let v = post.entry(k).or_default();
                if v.last() != Some(&(j as u32)) {
                    v.push(j as u32);
                }
            }
        }
    }
    // Candidates (i, j, weight).
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
            if let Some(js) = post.get(&k) {
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
    // Heaviest chain increasing in i and j (Fenwick tree of prefix maxima over j).
    let mut tree: Vec<(u64, usize)> = vec![(0, usize::MAX); m + 1];
    let mut best: Vec<(u64, usize)> = vec![(0, usize::MAX); cands.len()];
    let mut k = 0;
    while k < cands.len() {
        let i = cands[k].0;
        let mut e = k;
        while e < cands.len() && cands[e].0 == i {
            e += 1;
        }
        for c in k..e {
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
        for c in k..e {
            let mut q = cands[c].1 + 1;
            while q <= m {
                if best[c].0 > tree[q].0 {
                    tree[q] = (best[c].0, c);
                }
                q += q & q.wrapping_neg();
            }
        }
        k = e;
    }
    let mut points = vec![(0.0, 0.0)];
    if let Some(end) = (0..best.len()).max_by_key(|&c| (best[c].0, std::cmp::Reverse(c))) {
        let mut chain = Vec::new();
        let mut c = end;
        while c != usize::MAX {
            chain.push(c);
            c = best[c].1;
        }
        chain.reverse();
        for c in chain {
            points.push((cands[c].0 as f64 + 0.5, cands[c].1 as f64 + 0.5));
        }
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
