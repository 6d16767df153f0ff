//! Which items of two prepared texts find a counterpart in the other: a merge join of their
//! sorted keys for one pair ([`cover_with`]), or one lookup per query key against many
//! English sentences at once ([`CoverIndex`]).

use super::{Item, ItemKind, Keyed, Prepared, TAG_EN_STEM, cognates, is_en_stem_key};

/// [`super::Evidence::cover`] for two prepared texts: a merge join of the two sorted key
/// lists, then of each Indonesian word's sorted lexicon translations with the English stems;
/// does not allocate.
pub fn cover_with(id: &Prepared, en: &Prepared) -> (u128, u128) {
    if id.items.is_empty() || en.items.is_empty() {
        return (0, 0);
    }
    let (q, x) = (id.qindex(), en.index());
    let (mi, me) = join_queries(id, en, q, x);
    let (ti, te) = join_translations(id, x);
    (mi | ti, me | te)
}

/// The matches of the sorted queries `q` of `id` in the sorted index `x` of `en`: a merge join.
#[inline]
fn join_queries(id: &Prepared, en: &Prepared, q: &[Keyed], x: &[Keyed]) -> (u128, u128) {
    let (mut mi, mut me) = (0u128, 0u128);
    let (mut a, mut b) = (0, 0);
    while a < q.len() && b < x.len() {
        let (ka, kb) = (q[a].key, x[b].key);
        if ka < kb {
            a += 1;
        } else if kb < ka {
            b += 1;
        } else {
            let mut b_end = b;
            while b_end < x.len() && x[b_end].key == ka {
                b_end += 1;
            }
            while a < q.len() && q[a].key == ka {
                let i = usize::from(q[a].item());
                for j in x[b..b_end].iter().map(|k| k.item) {
                    if items_match(ka, &id.items[i], &en.items[j as usize]) {
                        mi |= 1u128 << i;
                        me |= 1u128 << j;
                    }
                }
                a += 1;
            }
            b = b_end;
        }
    }
    (mi, me)
}

/// The matches of the lexicon translations of `id`'s items in the sorted index `x` of an
/// English text: its English-stem keys are one run of it (they share their top byte), which
/// each item's sorted translations are merged with. A lexicon match needs no check of the
/// items ([`items_match`]).
#[inline]
fn join_translations(id: &Prepared, x: &[Keyed]) -> (u128, u128) {
    let from = x.partition_point(|k| k.key >> 56 < u64::from(TAG_EN_STEM));
    let to = from + x[from..].partition_point(|k| k.key >> 56 == u64::from(TAG_EN_STEM));
    let stems = &x[from..to];
    let (mut mi, mut me) = (0u128, 0u128);
    if stems.is_empty() {
        return (0, 0);
    }
    for (i, item) in id.items.iter().enumerate() {
        let t = item.translations();
        let (mut a, mut b) = (0, 0);
        while a < t.len() && b < stems.len() {
            let (ka, kb) = (t[a], stems[b].key);
            if ka < kb {
                a += 1;
            } else if kb < ka {
                b += 1;
            } else {
                mi |= 1u128 << i;
                me |= 1u128 << stems[b].item;
                b += 1;
            }
        }
    }
    (mi, me)
}

/// Whether an Indonesian item and an English item sharing the key `key` match: always through
/// the lexicon (an English-stem key) or as numbers; otherwise (surface and cognate keys) when
/// the tokens are equal or their cognate forms similar enough.
#[inline]
fn items_match(key: u64, id: &Item, en: &Item) -> bool {
    is_en_stem_key(key)
        || id.kind == ItemKind::Number
        || en.kind == ItemKind::Number
        || id.same_token(en)
        || cognates(id.cognate(), en.cognate())
}

/// An English sentence and one of its items: packed (5 bytes, not 8), a long document's
/// index holds millions.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, packed)]
struct Entry {
    sentence: u32,
    item: u8,
}

/// Most keys a [`CoverIndex`] makes room for before counting them.
const ROOM: usize = 4096;

/// The index keys of a run of English sentences, for covering an Indonesian sentence against
/// many of them at once ([`CoverIndex::cover_row`]): the masks of [`cover_with`], found by one
/// hash lookup per query key instead of a merge join per pair.
#[derive(Debug, Default)]
pub struct CoverIndex {
    /// (sentence, item) of every key, grouped by key; within a key in sentence order, then
    /// item order.
    entries: Vec<Entry>,
    /// Key → its range of `entries`.
    ranges: rustc_hash::FxHashMap<u64, (u32, u32)>,
}

impl CoverIndex {
    /// Index the English sentences `en`: the keys counted, each given its range, then the
    /// entries placed in order (no sort: a long document holds millions of keys).
    pub fn new(en: &[Prepared]) -> CoverIndex {
        let keyed = || {
            (en.iter().enumerate())
                .filter(|(_, p)| !p.items.is_empty())
                .flat_map(|(j, p)| p.index().iter().map(move |k| (k.key, j as u32, k.item)))
        };
        // Room for as many keys as a short document holds (a long one's table grows to its
        // distinct keys, far fewer than its entries): the table is not rebuilt as it fills.
        let room = en.iter().map(|p| p.index().len()).sum::<usize>().min(ROOM);
        let mut ranges = rustc_hash::FxHashMap::<u64, (u32, u32)>::with_capacity_and_hasher(
            room,
            Default::default(),
        );
        let mut total = 0u32;
        for (key, _, _) in keyed() {
            ranges.entry(key).or_default().1 += 1;
            total += 1;
        }
        // Each range starts empty at its place; placing an entry moves its end.
        let mut start = 0;
        for r in ranges.values_mut() {
            *r = (start, start + std::mem::take(&mut r.1));
            start = r.1;
            r.1 = r.0;
        }
        let mut entries = vec![Entry::default(); total as usize];
        for (key, j, item) in keyed() {
            if let Some(r) = ranges.get_mut(&key) {
                entries[r.1 as usize] = Entry { sentence: j, item };
                r.1 += 1;
            }
        }
        CoverIndex { entries, ranges }
    }

    /// The cover masks of `id` against each of `en[j0..j0 + out.len()]` (`en` as indexed),
    /// OR-ed into `out`.
    pub fn cover_row(&self, id: &Prepared, en: &[Prepared], j0: usize, out: &mut [(u128, u128)]) {
        self.each_match(id, en, (j0, j0 + out.len()), |j, i, t| {
            let m = &mut out[j - j0];
            m.0 |= 1u128 << i;
            m.1 |= 1u128 << t;
        });
    }

    /// [`CoverIndex::cover_row`] against all of `en` (`out.len() == en.len()`), adding to
    /// `touched` the sentences whose cell was empty before (so a caller can read and reset
    /// just those: a sentence shares items with few of a long document's).
    pub fn cover_touched(
        &self,
        id: &Prepared,
        en: &[Prepared],
        out: &mut [(u128, u128)],
        touched: &mut Vec<u32>,
    ) {
        self.each_match(id, en, (0, out.len()), |j, i, t| {
            let m = &mut out[j];
            if *m == (0, 0) {
                touched.push(j as u32);
            }
            m.0 |= 1u128 << i;
            m.1 |= 1u128 << t;
        });
    }

    /// Call `hit(j, i, t)` for each item `i` of `id` matching item `t` of `en[j]`, `j` in
    /// `j0..j1`.
    fn each_match(
        &self,
        id: &Prepared,
        en: &[Prepared],
        (j0, j1): (usize, usize),
        mut hit: impl FnMut(usize, u8, u8),
    ) {
        if id.items.is_empty() || j1 <= j0 {
            return;
        }
        let translations = (id.items.iter().enumerate())
            .flat_map(|(i, it)| it.translations().iter().map(move |&t| (t, i as u8)));
        let queries = id.qindex().iter().map(|k| (k.key, k.item()));
        for (q, i) in queries.chain(translations) {
            let Some(&(a, b)) = self.ranges.get(&q) else {
                continue;
            };
            let run = &self.entries[a as usize..b as usize];
            let from = run.partition_point(|e| ({ e.sentence } as usize) < j0);
            for &Entry {
                sentence: j,
                item: t,
            } in &run[from..]
            {
                if j as usize >= j1 {
                    break;
                }
                if items_match(q, &id.items[i as usize], &en[j as usize].items[t as usize]) {
                    hit(j as usize, i, t);
                }
            }
        }
    }
}
