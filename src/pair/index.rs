//! The candidate search: an inverted index over the keys that cross the two languages, so
//! that each document is compared with the few documents it shares rare keys with, never
//! with the whole other collection.
//!
//! A document's keys are those of its prepared sentences ([`crate::score::Prepared`]): an
//! Indonesian document has the keys it looks up (its names and tokens as written, its
//! numbers in every reading, the English stems the lexicon translates its words into, the
//! cognate forms of its words); an English document has the keys it is found by (the same
//! kinds, its own stems). A key shared by many documents says little about which pairs
//! translate each other and makes the search quadratic: keys found in more than
//! [`max_df`] documents of the other side are not looked up. Each remaining shared key adds
//! its inverse document frequency to the pair; a document's candidates are its
//! [`TOP_K`] best partners by that sum (normalised by both documents' key weights), in both
//! directions.

use rustc_hash::FxHashMap;

/// Candidates kept per document and direction.
pub const TOP_K: usize = 8;

/// The most documents of one side a key may occur in and still be looked up: four times the
/// square root of their number, at least 100. Bounds the search to `O(keys × √n)` per
/// document, `O(n^1.5)` in all.
pub fn max_df(docs: usize) -> usize {
    ((4.0 * (docs as f64).sqrt()) as usize).max(100)
}

/// Documents of one side by key: the posting list of each key (sorted document numbers).
#[derive(Debug, Default)]
pub struct Postings {
    /// (key, document), sorted.
    entries: Vec<(u64, u32)>,
    /// Key → its range of `entries`.
    ranges: FxHashMap<u64, (u32, u32)>,
}

impl Postings {
    /// Index documents given as their sorted, distinct keys.
    pub fn new(docs: &[Vec<u64>]) -> Postings {
        let mut entries: Vec<(u64, u32)> = docs
            .iter()
            .enumerate()
            .flat_map(|(d, keys)| keys.iter().map(move |&k| (k, d as u32)))
            .collect();
        entries.sort_unstable();
        let mut ranges = FxHashMap::default();
        ranges.reserve(entries.len() / 2);
        let mut a = 0;
        while a < entries.len() {
            let k = entries[a].0;
            let mut b = a + 1;
            while b < entries.len() && entries[b].0 == k {
                b += 1;
            }
            ranges.insert(k, (a as u32, b as u32));
            a = b;
        }
        Postings { entries, ranges }
    }

    /// The documents holding `key`, ascending.
    pub fn docs(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let (a, b) = self.ranges.get(&key).copied().unwrap_or((0, 0));
        self.entries[a as usize..b as usize].iter().map(|e| e.1)
    }

    /// In how many documents `key` occurs.
    pub fn df(&self, key: u64) -> usize {
        self.ranges.get(&key).map_or(0, |&(a, b)| (b - a) as usize)
    }
}

/// The weight of a key found in `df` of `n` documents (inverse document frequency).
pub fn idf(df: usize, n: usize) -> f64 {
    ((n as f64 + 1.0) / (df as f64 + 0.5)).ln().max(0.0)
}

/// The search from one side into the other.
pub struct Search<'a> {
    /// The keys of the documents searched from (sorted, distinct).
    pub from: &'a [Vec<u64>],
    /// The documents searched in, by key.
    pub into: &'a Postings,
    /// The keys of the documents searched in (for their weights).
    pub into_keys: &'a [Vec<u64>],
}

impl Search<'_> {
    /// The weight of a key in this search (0 when it is not looked up).
    fn weight(&self, key: u64, limit: usize) -> f64 {
        let df = self.into.df(key);
        if df == 0 || df > limit {
            return 0.0;
        }
        idf(df, self.into_keys.len())
    }

    /// The [`TOP_K`] best documents of the other side for document `d`, as (document, search
    /// score), best first (ties: the lower document number). `acc` is a scratch buffer with
    /// one zero per document searched in, left zeroed.
    pub fn top(&self, d: usize, norms: &[f64], acc: &mut [f64]) -> Vec<(u32, f64)> {
        let limit = max_df(self.into_keys.len());
        let mut touched: Vec<u32> = Vec::new();
        let mut own = 0.0;
        for &k in &self.from[d] {
            let w = self.weight(k, limit);
            if w == 0.0 {
                continue;
            }
            own += w;
            for e in self.into.docs(k) {
                if acc[e as usize] == 0.0 {
                    touched.push(e);
                }
                acc[e as usize] += w;
            }
        }
        let mut best: Vec<(u32, f64)> = touched
            .iter()
            .map(|&e| {
                let s = acc[e as usize] / (own * norms[e as usize]).sqrt().max(1e-9);
                acc[e as usize] = 0.0;
                (e, s)
            })
            .collect();
        best.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(TOP_K);
        best
    }

    /// The weight of every document searched in: the sum of its looked-up keys' weights.
    pub fn norms(&self) -> Vec<f64> {
        let limit = max_df(self.into_keys.len());
        self.into_keys
            .iter()
            .map(|keys| keys.iter().map(|&k| self.weight(k, limit)).sum())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_finds_documents_sharing_rare_keys() {
        let into_keys = vec![vec![1, 2, 3], vec![3, 4, 5], vec![3, 6, 7]];
        let postings = Postings::new(&into_keys);
        assert_eq!(postings.docs(3).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(postings.df(9), 0);
        let from = vec![vec![3, 4, 5, 9]];
        let search = Search {
            from: &from,
            into: &postings,
            into_keys: &into_keys,
        };
        let norms = search.norms();
        let mut acc = vec![0.0; 3];
        let top = search.top(0, &norms, &mut acc);
        assert_eq!(top[0].0, 1);
        assert_eq!(top.len(), 3);
        assert!(acc.iter().all(|&a| a == 0.0));
    }
}
