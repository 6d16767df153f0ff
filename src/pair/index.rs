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
pub const TOP_K: usize = 12;

/// The most documents of one side a key may occur in and still be looked up: twenty times the
/// square root of their number, at least 100 (a quarter of 7,000 documents). Bounds the
/// search to `O(keys × √n)` per document, `O(n^1.5)` in all. Common keys are kept this far
/// because a free translation shares few rare words with its original: on the New Testament
/// of the benchmark, four times the root missed 13 of 1,013 true partners, twenty times none.
pub fn max_df(docs: usize) -> usize {
    ((20.0 * (docs as f64).sqrt()) as usize).max(100)
}

/// Documents of one side by key: the posting list of each key (ascending document numbers).
#[derive(Debug, Default)]
pub struct Postings {
    /// The posting lists, one after the other.
    docs: Vec<u32>,
    /// Key → its range of `docs`.
    ranges: FxHashMap<u64, (u32, u32)>,
}

impl Postings {
    /// Index documents given as their sorted, distinct keys. The lists are laid out by
    /// counting (each key's number of documents, then each document in its key's place), so
    /// the index takes four bytes a posting beside the table of keys.
    pub fn new(docs: &[Vec<u64>]) -> Postings {
        let mut ranges: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        for keys in docs {
            for &k in keys {
                ranges.entry(k).or_default().1 += 1;
            }
        }
        // Each key its start (in any order: a list's place does not change what it holds);
        // `.1` then counts the documents placed.
        let mut start = 0u32;
        for r in ranges.values_mut() {
            let n = r.1;
            *r = (start, start);
            start += n;
        }
        let mut lists = vec![0u32; start as usize];
        for (d, keys) in docs.iter().enumerate() {
            for k in keys {
                let r = ranges.get_mut(k).expect("counted key");
                lists[r.1 as usize] = d as u32;
                r.1 += 1;
            }
        }
        Postings {
            docs: lists,
            ranges,
        }
    }

    /// The documents holding `key`, ascending.
    pub fn docs(&self, key: u64) -> &[u32] {
        let (a, b) = self.ranges.get(&key).copied().unwrap_or((0, 0));
        &self.docs[a as usize..b as usize]
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
    pub fn top(&self, d: usize, norms: &[f32], acc: &mut [f32]) -> Vec<(u32, f32)> {
        let limit = max_df(self.into_keys.len());
        let mut own = 0.0f32;
        for &k in &self.from[d] {
            let w = self.weight(k, limit) as f32;
            if w == 0.0 {
                continue;
            }
            own += w;
            for &e in self.into.docs(k) {
                acc[e as usize] += w;
            }
        }
        let mut best: Vec<(u32, f32)> = Vec::new();
        for (e, a) in acc.iter_mut().enumerate() {
            if *a > 0.0 {
                best.push((e as u32, *a / (own * norms[e]).sqrt().max(1e-9)));
                *a = 0.0;
            }
        }
        let order = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if best.len() > TOP_K {
            best.select_nth_unstable_by(TOP_K, order);
            best.truncate(TOP_K);
        }
        best.sort_unstable_by(order);
        best
    }

    /// The weight of every document searched in: the sum of its looked-up keys' weights.
    pub fn norms(&self) -> Vec<f32> {
        let limit = max_df(self.into_keys.len());
        self.into_keys
            .iter()
            .map(|keys| keys.iter().map(|&k| self.weight(k, limit)).sum::<f64>() as f32)
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
        assert_eq!(postings.docs(3), [0, 1, 2]);
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
