//! Word translations learned from an alignment: co-occurrence statistics of the words of
//! confident 1-1 beads ([`LearnStats`], gathered over any number of documents) turned into
//! translations by their Dice coefficient, which a second pass uses ([`Aligner::with_learned`]).

use super::{Aligner, Bead};
use crate::score::Prepared;
use crate::segment::Lang;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Learned word translations (Indonesian stem key → English stem keys).
#[derive(Clone, Debug, Default)]
pub(super) struct Learned {
    pub(super) map: HashMap<u64, Vec<u64>>,
}

impl Aligner {
    /// Add this aligner's learned word translations (if any) to an Indonesian sentence prepared
    /// by an aligner without them: the same as preparing it again with [`Aligner::evidence`],
    /// but cheaper.
    pub fn add_learned(&self, p: &mut Prepared) {
        if let Some(l) = &self.learned {
            p.add_translations_full(&l.map);
        }
    }

    /// A copy of this aligner that also uses the word translations learned in `stats`
    /// (the second pass).
    pub fn with_learned(&self, stats: &LearnStats) -> Aligner {
        let mut a = self.clone();
        let learned = stats.translations();
        a.ev = self.ev.with_stem_pairs(&learned.map);
        a.learned = Some(Arc::new(learned));
        a
    }
}

/// Co-occurrence statistics gathered from confident beads of a first pass, over any number
/// of documents; mergeable, so documents can be processed in parallel.
///
/// Each stem is numbered as it is first seen (per side), and the pairs of stems are counted
/// in a small table per Indonesian stem, keyed by the English stem's number: a confident
/// bead updates the counts of every pair of its words, which in one table of all pairs were
/// as many scattered cache misses; here the pairs of one Indonesian word are counted in its
/// own table, whose 8-byte entries lie together.
#[derive(Clone, Debug, Default)]
pub struct LearnStats {
    /// By Indonesian stem number: the beads it was seen in with each English stem, by the
    /// English stem's number.
    pair: Vec<HashMap<u32, u32>>,
    /// Pairs counted (the sizes of the tables).
    pairs: usize,
    id: Stems,
    en: Stems,
    beads: u32,
}

/// The stems of one side: their numbers, and by number their keys and the beads each was
/// seen in.
#[derive(Clone, Debug, Default)]
struct Stems {
    number: HashMap<u64, u32>,
    key: Vec<u64>,
    beads: Vec<u32>,
}

impl Stems {
    /// The number of stem `key` (numbered now if new), its count raised by `n`.
    fn count(&mut self, key: u64, n: u32) -> u32 {
        let next = self.key.len() as u32;
        let k = *self.number.entry(key).or_insert(next);
        if k == next {
            self.key.push(key);
            self.beads.push(0);
        }
        self.beads[k as usize] += n;
        k
    }

    /// The numbers here of `other`'s stems (by their number there), their counts added.
    fn merge(&mut self, other: &Stems) -> Vec<u32> {
        (other.key.iter().zip(&other.beads))
            .map(|(&key, &n)| self.count(key, n))
            .collect()
    }
}

/// Least probability for a bead to be learned from.
const LEARN_MIN_SCORE: f64 = 0.8;

impl LearnStats {
    /// Add one aligned document.
    pub fn add<S: AsRef<str>>(&mut self, aligner: &Aligner, id: &[S], en: &[S], beads: &[Bead]) {
        for b in beads {
            if b.id.len() != 1 || b.en.len() != 1 || b.score < LEARN_MIN_SCORE {
                continue;
            }
            let (Some(x), Some(y)) = (id.get(b.id[0]), en.get(b.en[0])) else {
                continue;
            };
            let p = aligner.ev.prepare(x.as_ref(), Lang::Id);
            let q = aligner.ev.prepare(y.as_ref(), Lang::En);
            self.add_pair(&p, &q);
        }
    }

    /// Add one aligned document given as prepared sentences.
    pub fn add_prepared<'b>(
        &mut self,
        id: &[Prepared],
        en: &[Prepared],
        beads: impl IntoIterator<Item = &'b Bead>,
    ) {
        for b in beads {
            if b.id.len() != 1 || b.en.len() != 1 || b.score < LEARN_MIN_SCORE {
                continue;
            }
            if let (Some(x), Some(y)) = (id.get(b.id[0]), en.get(b.en[0])) {
                self.add_pair(x, y);
            }
        }
    }

    /// Add one confident pair of prepared sentences.
    pub fn add_pair(&mut self, id: &Prepared, en: &Prepared) {
        let words = |p: &Prepared| -> Vec<u64> {
            let mut v: Vec<u64> = (p.items.iter())
                .filter(|it| it.kind != crate::score::ItemKind::Number && it.stem() != 0)
                .map(|it| it.stem())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let (a, b) = (words(id), words(en));
        let b: Vec<u32> = b.iter().map(|&y| self.en.count(y, 1)).collect();
        for &x in &a {
            let i = self.id.count(x, 1) as usize;
            self.pair.resize_with(self.id.key.len(), HashMap::default);
            let row = &mut self.pair[i];
            for &j in &b {
                let n = row.entry(j).or_default();
                self.pairs += usize::from(*n == 0);
                *n += 1;
            }
        }
        self.beads += 1;
    }

    /// Merge statistics gathered elsewhere (the smaller into the larger: counts are sums).
    pub fn merge(&mut self, mut other: LearnStats) {
        if other.pairs > self.pairs {
            std::mem::swap(self, &mut other);
        }
        let (ids, ens) = (self.id.merge(&other.id), self.en.merge(&other.en));
        self.pair.resize_with(self.id.key.len(), HashMap::default);
        for (i, row) in other.pair.into_iter().enumerate() {
            let mine = &mut self.pair[ids[i] as usize];
            for (j, c) in row {
                let n = mine.entry(ens[j as usize]).or_default();
                self.pairs += usize::from(*n == 0);
                *n += c;
            }
        }
        self.beads += other.beads;
    }

    /// Number of beads learned from.
    pub fn beads(&self) -> u32 {
        self.beads
    }

    /// Word pairs with a high Dice coefficient seen together at least twice.
    /// With little to learn from (one short document) a pair must be seen more often and be
    /// more exclusive: chance co-occurrences are common among few beads.
    pub(super) fn translations(&self) -> Learned {
        if self.beads >= LEARN_MANY_BEADS {
            self.translations_with(LEARN_MIN_COUNT, LEARN_MIN_DICE)
        } else {
            self.translations_with(LEARN_MIN_COUNT + 1, LEARN_MIN_DICE_FEW)
        }
    }

    /// Word pairs seen together at least `min_count` times with a Dice coefficient of at
    /// least `min_dice`.
    fn translations_with(&self, min_count: u32, min_dice: f64) -> Learned {
        let mut map = HashMap::default();
        let mut best: Vec<(f64, u64)> = Vec::new();
        for (i, row) in self.pair.iter().enumerate() {
            best.clear();
            for (&j, &c) in row {
                if c < min_count {
                    continue;
                }
                let j = j as usize;
                let dice = 2.0 * c as f64 / (self.id.beads[i] + self.en.beads[j]) as f64;
                if dice >= min_dice {
                    best.push((dice, self.en.key[j]));
                }
            }
            if !best.is_empty() {
                best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                map.insert(
                    self.id.key[i],
                    best.iter().take(3).map(|&(_, y)| y).collect(),
                );
            }
        }
        Learned { map }
    }
}

/// Beads from which the looser thresholds apply.
const LEARN_MANY_BEADS: u32 = 200;

/// Least Dice coefficient of a learned word pair when learning from fewer beads.
const LEARN_MIN_DICE_FEW: f64 = 0.5;

/// Least number of confident beads a learned word pair must be seen in.
const LEARN_MIN_COUNT: u32 = 2;

/// Least Dice coefficient of a learned word pair.
const LEARN_MIN_DICE: f64 = 0.3;
