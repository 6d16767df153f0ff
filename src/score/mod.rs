//! Evidence that two texts translate each other: length, lexicon, shared tokens (numbers,
//! names, acronyms), cognates. The one scoring module: the aligner builds bead costs from it
//! and `selaras score`/`check` build pair probabilities from it ([`pair`]).
//!
//! A text is prepared once ([`Evidence::prepare`]): it becomes a list of *items* (content words,
//! numbers, names/acronyms), each carrying integer keys. Two prepared texts are compared by
//! [`Evidence::cover`], which says which items of each side find a counterpart on the other side
//! (as bit masks, so the aligner can union them over multi-sentence beads without allocating).
//! An item of one side is matched by an item of the other side when
//! - they are the same token (names, loanwords, acronyms: [`surface_key`]);
//! - they are the same number after mapping conventions ([`number_values`]);
//! - the lexicon translates the Indonesian stem into the English stem;
//! - they are cognates: equal prefixes after orthographic mapping ([`cognate_form`]) and a
//!   normalised Levenshtein similarity of at least [`COGNATE_SIM`].

pub mod cognate;
mod cover;
pub mod number;
pub mod pair;
pub mod token;
pub mod unit;
mod word;

pub use cover::{CoverIndex, cover_with};

pub use cognate::{COGNATE_SIM, cognate_form, cognates};
pub use number::{number_phrase, number_values, ordinal_word, scale_word, time_values};
pub use pair::PairScorer;
pub use token::{Token, is_name, tokenize};

use std::sync::Arc;

use crate::lexicon::{self, Lexicon};
use crate::segment::Lang;
use number::canon_number;
use token::{is_clitic, sentence_ends};
use word::{Word, word_info};

/// Most items kept per text (the masks are 128 bits wide).
pub const MAX_ITEMS: usize = 128;
/// Length of the cognate prefix key.
const COGNATE_PREFIX: usize = 5;

const TAG_SURFACE: u8 = b's';
const TAG_NUMBER: u8 = b'n';
const TAG_COGNATE: u8 = b'c';
const TAG_EN_STEM: u8 = b'e';

/// The evidence model: lexicon, stemmers and token rules. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Evidence {
    lex: Arc<Lexicon>,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence::bundled()
    }
}

/// What kind of evidence an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A content word.
    Word,
    /// A number (digits).
    Number,
    /// A name or acronym (capitalised, not sentence-initial; or all capitals).
    Name,
}

/// One piece of evidence of a prepared text: its kind and its word (16 bytes: a long
/// document holds millions of items; the word is shared by all its items).
#[derive(Clone, Debug)]
pub struct Item {
    /// Kind of the item.
    pub kind: ItemKind,
    word: Arc<Word>,
}

impl Item {
    /// The lowercase token.
    pub fn token(&self) -> &str {
        &self.word.token
    }

    /// The orthographically mapped form, for cognates (empty for numbers).
    pub fn cognate(&self) -> &str {
        &self.word.cognate
    }

    /// The lexicon key of its stem (0 for a number).
    pub fn stem(&self) -> u64 {
        self.word.stem
    }

    /// Indonesian: the English-stem keys the lexicon translates its word into, sorted (held
    /// once per word: see [`Prepared::qindex`]).
    #[inline]
    pub(crate) fn translations(&self) -> &[u64] {
        &self.word.translations
    }

    /// Whether two items have the same token.
    #[inline]
    pub fn same_token(&self, other: &Item) -> bool {
        Arc::ptr_eq(&self.word, &other.word) || self.word.token == other.word.token
    }
}

/// A key of a prepared text with the item it belongs to. Packed (9 bytes, not 16): a long
/// document holds millions of them. Ordered by key, then item (a learned query after the
/// text's own queries of that key).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
#[repr(C, packed)]
pub(crate) struct Keyed {
    key: u64,
    /// The item's index, with [`LEARNED`] set on a query added by
    /// [`Prepared::add_translations`].
    item: u8,
}

/// The bit of a key's item marking a learned query (items are fewer than 128).
const LEARNED: u8 = 0x80;

impl Keyed {
    fn new(key: u64, item: usize) -> Keyed {
        Keyed {
            key,
            item: item as u8,
        }
    }

    /// The index of its item.
    #[inline]
    fn item(&self) -> u8 {
        self.item & !LEARNED
    }
}

/// The learned queries of a prepared text, taken out of it
/// ([`Prepared::take_translations`]).
#[derive(Debug, Default)]
pub(crate) struct Translations(Vec<Keyed>);

/// A text prepared for matching (normalised tokens, stems, numbers, names, length): its
/// items, each with its stem ([`Item::stem`]), and the keys of each item.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// Length in characters of the normalised text.
    pub chars: usize,
    /// Sentences in the text (sentence ends followed by a capital, plus one).
    pub sentences: u32,
    /// The items (at most [`MAX_ITEMS`]).
    pub items: Vec<Item>,
    /// Two lists of keys with their items, each sorted, in one vector (a long document holds
    /// one for each of its sentences): the first `own` are the keys other texts look up in
    /// this one ([`Prepared::index`]); the rest are the keys this text looks up in the other
    /// one, its own keys and the translations added to it ([`Prepared::qindex`], for a merge
    /// join with the other side's index). The lexicon translations of an Indonesian text's
    /// words are not here but in its items ([`Item::translations`]): a long document would
    /// hold a copy of a word's translations in every sentence with the word.
    keys: Vec<Keyed>,
    /// Keys of [`Prepared::index`].
    own: u16,
    /// Bit mask of items that are numbers.
    pub num_mask: u128,
    /// Bit mask of items that are names.
    pub name_mask: u128,
    /// Bit mask of all items.
    pub all_mask: u128,
}

/// What the evidence says about one Indonesian text against one English text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    /// Characters on the Indonesian side.
    pub len_id: f64,
    /// Characters on the English side.
    pub len_en: f64,
    /// Share of Indonesian content words with a translation on the English side.
    pub lex_id: f64,
    /// Share of English content words with a translation on the Indonesian side.
    pub lex_en: f64,
    /// Numbers found on both sides (after mapping conventions: 12,5 = 12.5, 2 miliar = 2 billion).
    pub num_shared: u32,
    /// Numbers found only on the Indonesian side.
    pub num_id_only: u32,
    /// Numbers found only on the English side.
    pub num_en_only: u32,
    /// Names and acronyms found on both sides.
    pub names_shared: u32,
    /// Names and acronyms found only on the Indonesian side.
    pub names_id_only: u32,
    /// Names and acronyms found only on the English side.
    pub names_en_only: u32,
    /// Content words on the Indonesian side.
    pub words_id: u32,
    /// Content words on the English side.
    pub words_en: u32,
    /// Share of all Indonesian items (words, numbers, names) matched on the English side.
    pub cover_id: f64,
    /// Share of all English items matched on the Indonesian side.
    pub cover_en: f64,
}

/// The key of a token as written (lowercase): identical tokens match across the languages.
pub fn surface_key(lower: &str) -> u64 {
    untag(lexicon::key_tagged(TAG_SURFACE, lower))
}

fn number_key(canon: &str) -> u64 {
    untag(lexicon::key_tagged(TAG_NUMBER, canon))
}

fn cognate_key(form: &str) -> Option<u64> {
    if form.len() < COGNATE_PREFIX {
        return None;
    }
    Some(untag(lexicon::key_tagged(
        TAG_COGNATE,
        &form[..COGNATE_PREFIX],
    )))
}

fn en_stem_key(stem_key: u64) -> u64 {
    (stem_key & !(0xff << 56)) | ((TAG_EN_STEM as u64) << 56)
}

fn is_en_stem_key(k: u64) -> bool {
    (k >> 56) as u8 == TAG_EN_STEM
}

/// Keep other keys out of the English-stem key space.
fn untag(k: u64) -> u64 {
    if is_en_stem_key(k) { k ^ (1 << 56) } else { k }
}

/// A word token's item as [`Evidence::prepare_part`] finds it.
struct WordItem {
    kind: ItemKind,
    word: Arc<Word>,
}

impl Prepared {
    /// Add an item of `kind` with its own keys `own`, the keys it looks for `query` (sorted
    /// and deduplicated here), and its word; its keys go to `lists` (index, queries), which
    /// [`Prepared::finish`] takes.
    fn push_item(
        &mut self,
        (kind, word): (ItemKind, Arc<Word>),
        own: &[u64],
        query: &mut Vec<u64>,
        lists: &mut [Vec<Keyed>; 2],
    ) {
        let idx = self.items.len();
        let bit = 1u128 << idx;
        self.all_mask |= bit;
        match kind {
            ItemKind::Number => self.num_mask |= bit,
            ItemKind::Name => self.name_mask |= bit,
            ItemKind::Word => {}
        }
        lists[0].extend(own.iter().map(|&k| Keyed::new(k, idx)));
        query.sort_unstable();
        query.dedup();
        lists[1].extend(query.iter().map(|&q| Keyed::new(q, idx)));
        self.items.push(Item { kind, word });
    }

    /// Complete the item lists once every item is in: the key lists sorted and joined, the
    /// spare room given back (prepared sentences live for the whole document).
    fn finish(&mut self, [mut index, mut qindex]: [Vec<Keyed>; 2]) {
        index.sort_unstable();
        qindex.sort_unstable();
        self.items.shrink_to_fit();
        // An item has a few own keys, and there are at most 128 items.
        self.own = index.len() as u16;
        self.keys = Vec::with_capacity(index.len() + qindex.len());
        self.keys.extend(index);
        self.keys.extend(qindex);
    }

    /// Keys other texts look up in this one, with their items, sorted.
    #[inline]
    pub(crate) fn index(&self) -> &[Keyed] {
        &self.keys[..usize::from(self.own)]
    }

    /// Keys this text looks up in the other one, with their items, sorted (besides its items'
    /// lexicon translations, [`Item::translations`]).
    #[inline]
    pub(crate) fn qindex(&self) -> &[Keyed] {
        &self.keys[usize::from(self.own)..]
    }

    /// The keys other texts look up in this one (tokens, numbers, cognates, English stems).
    pub fn own_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.index().iter().map(|k| k.key)
    }

    /// Add word translations (Indonesian stem key → English stem keys, e.g. learned ones) to a
    /// prepared Indonesian text, without preparing it again (marked, so that they can be
    /// taken out again).
    pub fn add_translations<S: std::hash::BuildHasher>(
        &mut self,
        pairs: &std::collections::HashMap<u64, Vec<u64>, S>,
    ) {
        let (from, before) = (usize::from(self.own), self.keys.len());
        for (i, item) in self.items.iter().enumerate() {
            let s = item.stem();
            if s == 0 {
                continue;
            }
            if let Some(v) = pairs.get(&s) {
                for &e in v {
                    let q = en_stem_key(e);
                    let known = |k: &Keyed| k.key == q && usize::from(k.item()) == i;
                    let lexicon = item.translations().binary_search(&q).is_ok();
                    if !lexicon && !self.keys[from..before].iter().any(known) {
                        self.keys.push(Keyed {
                            key: q,
                            item: i as u8 | LEARNED,
                        });
                    }
                }
            }
        }
        if self.keys.len() > before {
            self.keys[from..].sort_unstable();
            // Prepared texts live for the whole document: give back what growing left over.
            self.keys.shrink_to_fit();
        }
    }

    /// Take out the queries [`Prepared::add_translations`] added (the text is then as
    /// prepared), to put back with [`Prepared::restore_translations`].
    pub(crate) fn take_translations(&mut self) -> Translations {
        let learned: Vec<Keyed> = (self.qindex().iter())
            .filter(|k| k.item & LEARNED != 0)
            .copied()
            .collect();
        if !learned.is_empty() {
            // Only queries are marked.
            self.keys.retain(|k| k.item & LEARNED == 0);
        }
        Translations(learned)
    }

    /// Put back the queries [`Prepared::take_translations`] took out (the same order as
    /// before: the queries are sorted again).
    pub(crate) fn restore_translations(&mut self, learned: Translations) {
        if !learned.0.is_empty() {
            self.keys.extend(learned.0);
            let from = usize::from(self.own);
            self.keys[from..].sort_unstable();
        }
    }

    /// Add word translations (Indonesian stem key → English stem keys) exactly as preparing the
    /// text again with a lexicon extended by them would ([`Evidence::with_stem_pairs`]): an
    /// item looks up its stem and, when that differs, its unstemmed token; both its query keys
    /// and its sorted query index are updated. Cheaper than [`Evidence::prepare`].
    pub fn add_translations_full<S: std::hash::BuildHasher>(
        &mut self,
        pairs: &std::collections::HashMap<u64, Vec<u64>, S>,
    ) {
        // Each item's own queries, in key order.
        let mut by_item: Vec<(u8, u64)> =
            (self.qindex().iter()).map(|k| (k.item(), k.key)).collect();
        by_item.sort_unstable();
        let mut added = false;
        let mut qindex = Vec::with_capacity(self.qindex().len());
        let mut queries = Vec::new();
        let mut at = 0;
        for (i, item) in self.items.iter().enumerate() {
            queries.clear();
            while at < by_item.len() && usize::from(by_item[at].0) == i {
                queries.push(by_item[at].1);
                at += 1;
            }
            let own = queries.len();
            let s = item.stem();
            if s != 0 {
                let surface = item.word.key;
                let keys = [Some(s), (surface != s).then_some(surface)];
                for k in keys.into_iter().flatten() {
                    if let Some(v) = pairs.get(&k) {
                        let lexicon = |q: &u64| item.translations().binary_search(q).is_ok();
                        queries.extend(v.iter().map(|&e| en_stem_key(e)).filter(|q| !lexicon(q)));
                    }
                }
            }
            if queries.len() > own {
                added = true;
                queries.sort_unstable();
                queries.dedup();
            }
            qindex.extend(queries.iter().map(|&q| Keyed::new(q, i)));
        }
        if !added {
            return;
        }
        qindex.sort_unstable();
        self.keys.truncate(usize::from(self.own));
        self.keys.extend(qindex);
    }

    /// Bit masks of its items per kind: words, numbers, names.
    #[inline]
    pub fn kind_masks(&self) -> [u128; 3] {
        let word = self.all_mask & !self.num_mask & !self.name_mask;
        [word, self.num_mask, self.name_mask]
    }

    /// Memory the prepared text holds in bytes.
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        size_of::<Prepared>()
            + self.items.capacity() * size_of::<Item>()
            + self.keys.capacity() * size_of::<Keyed>()
    }

    /// The keys this text looks up in the other one (with lexicon translations), in no
    /// particular order (a key may come once for each item that looks it up).
    pub fn query_keys(&self) -> impl Iterator<Item = u64> + '_ {
        let translations = self
            .items
            .iter()
            .flat_map(|it| it.translations().iter().copied());
        self.qindex().iter().map(|k| k.key).chain(translations)
    }

    /// Drop what a text of side `lang` is never asked for when it is only covered against
    /// texts of the other side, Indonesian looking up English ([`Evidence::cover`],
    /// [`CoverIndex`]): an Indonesian text's index and an English text's queries.
    pub fn shed(&mut self, lang: Lang) {
        match lang {
            Lang::Id => {
                self.keys.drain(..usize::from(self.own));
                self.own = 0;
            }
            Lang::En => self.keys.truncate(usize::from(self.own)),
        }
        self.keys.shrink_to_fit();
    }
}

impl Evidence {
    /// The evidence model with the bundled lexicon.
    pub fn bundled() -> Self {
        Evidence {
            lex: Lexicon::bundled(),
        }
    }

    /// The evidence model with the bundled lexicon and, when given, the entries of a lexicon
    /// file.
    pub fn with_lexicon_file(path: Option<&std::path::Path>) -> crate::Result<Self> {
        Ok(match path {
            Some(p) => Evidence::bundled().with_lexicon(&Lexicon::read(p)?),
            None => Evidence::bundled(),
        })
    }

    /// The evidence model with the bundled lexicon and the user's extra entries.
    pub fn with_lexicon(&self, extra: &Lexicon) -> Self {
        let mut lex = (*self.lex).clone();
        lex.extend(extra);
        Evidence { lex: Arc::new(lex) }
    }

    /// The evidence model with extra word translations given as stem keys (Indonesian stem
    /// key → English stem keys, as [`lexicon::key`] of the stems), e.g. learned ones.
    pub fn with_stem_pairs<S: std::hash::BuildHasher>(
        &self,
        pairs: &std::collections::HashMap<u64, Vec<u64>, S>,
    ) -> Self {
        let mut lex = (*self.lex).clone();
        lex.extend_keys(pairs);
        Evidence { lex: Arc::new(lex) }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// True for a lowercase word of language `lang` that is a function word or has an entry in
    /// the lexicon: a common word, not a name (names are seldom in a bilingual dictionary).
    pub fn is_common_word(&self, lower: &str, lang: Lang) -> bool {
        lexicon::is_stop(lower, lang)
            || match lang {
                Lang::Id => {
                    let known = |w: &str| !self.lex.translations(lexicon::key(w)).is_empty();
                    known(&lexicon::stem_id(lower)) || known(lower)
                }
                Lang::En => self.lex.has_en(lexicon::key(&lexicon::stem_en(lower))),
            }
    }

    /// Prepare one text of language `lang` for matching.
    pub fn prepare(&self, text: &str, lang: Lang) -> Prepared {
        self.prepare_part(text, lang, false)
    }

    /// Prepare a part of a sentence: `inner` when it does not start the sentence, so that a
    /// capitalised first word is a name as it would be inside the sentence.
    pub fn prepare_part(&self, text: &str, lang: Lang, inner: bool) -> Prepared {
        let norm = crate::text::normalize(text);
        let tokens = tokenize(&norm);
        let mut p = Prepared {
            chars: norm.chars().count(),
            sentences: 1 + sentence_ends(text),
            ..Prepared::default()
        };
        // Room for every token up front (growing these vectors was 7 % of preparing).
        let cap = tokens.len().min(MAX_ITEMS);
        let mut seen: Vec<u64> = Vec::with_capacity(cap);
        p.items.reserve(cap);
        let mut lists = [Vec::with_capacity(3 * cap), Vec::with_capacity(4 * cap)];
        let mut word_pos = usize::from(inner);
        // An ASCII text is lowercased once and its tokens sliced from it (same byte offsets);
        // other texts token by token (lowercasing may change lengths there).
        let lowered;
        let lowers: Vec<std::borrow::Cow<str>> = if norm.is_ascii() {
            lowered = norm.to_ascii_lowercase();
            let base = norm.as_ptr() as usize;
            tokens
                .iter()
                .map(|t| {
                    let at = t.text.as_ptr() as usize - base;
                    std::borrow::Cow::Borrowed(&lowered[at..at + t.text.len()])
                })
                .collect()
        } else {
            tokens
                .iter()
                .map(|t| std::borrow::Cow::Owned(t.text.to_lowercase()))
                .collect()
        };
        let words: Vec<&str> = lowers.iter().map(|w| w.as_ref()).collect();
        let mut skip_until = 0;
        // Reused for every token (no allocation per token).
        let mut own: Vec<u64> = Vec::with_capacity(4);
        let mut query: Vec<u64> = Vec::with_capacity(8);
        for (t, tok) in tokens.iter().enumerate() {
            if p.items.len() >= MAX_ITEMS {
                break;
            }
            if t < skip_until {
                word_pos += 1;
                continue;
            }
            let lower: &str = &lowers[t];
            own.clear();
            query.clear();
            let kind;
            let mut word_of: Option<Arc<Word>> = None;
            let phrase = if tok.number {
                None
            } else {
                number_phrase(&words, t, lang)
            };
            if let Some((value, len)) = phrase {
                kind = ItemKind::Number;
                skip_until = t + len;
                word_pos += 1;
                own.push(number_key(&canon_number(value)));
                query.extend_from_slice(&own);
            } else if tok.number {
                kind = ItemKind::Number;
                let next = tokens.get(t + 1).map(|n| n.text.to_lowercase());
                let scale = next.as_deref().map(scale_word).unwrap_or(1.0);
                for v in number_values(tok.text, lang, scale) {
                    own.push(number_key(&v));
                }
                query.extend_from_slice(&own);
            } else {
                let position = word_pos;
                word_pos += 1;
                let Some(word) =
                    self.word_item(tok.text, lower, lang, position, &mut own, &mut query)
                else {
                    continue;
                };
                kind = word.kind;
                word_of = Some(word.word);
                // An ordinal word also stands for its number (`ketiga` meets `3rd`, `third`
                // meets `ke-3`); it stays a word, so that one left unmatched is no unmatched
                // number (`pertama`, `first` are often no count).
                if let Some(v) = ordinal_word(lower, lang) {
                    let k = number_key(&v.to_string());
                    own.push(k);
                    query.push(k);
                }
            }
            // One item per distinct token.
            let dedup = own.first().copied().unwrap_or(0);
            if seen.contains(&dedup) {
                continue;
            }
            seen.push(dedup);
            let word = word_of.unwrap_or_else(|| {
                Arc::new(Word {
                    token: lower.into(),
                    ..Word::default()
                })
            });
            p.push_item((kind, word), &own, &mut query, &mut lists);
        }
        p.finish(lists);
        p
    }

    /// A word token's item (`text` as written, `lower` lowercased, `position` among the
    /// sentence's words): its own keys added to `own` and the keys it looks for to `query`;
    /// its kind and word. `None` for a clitic or a token that is not
    /// an item (a function word, say).
    fn word_item(
        &self,
        text: &str,
        lower: &str,
        lang: Lang,
        position: usize,
        own: &mut Vec<u64>,
        query: &mut Vec<u64>,
    ) -> Option<WordItem> {
        if is_clitic(text) {
            return None;
        }
        let all_caps = text.chars().count() >= 2 && !text.chars().any(char::is_lowercase);
        let w = word_info(lower, lang, all_caps, &self.lex)?;
        // Capitalised function words ("Aku" for God in the Bible) are not names.
        let name = is_name(text, position);
        let kind = if name { ItemKind::Name } else { ItemKind::Word };
        own.push(w.surface);
        query.push(w.surface);
        if let Some(ck) = w.cognate_key {
            own.push(ck);
            query.push(ck);
        }
        // An Indonesian word's lexicon translations are its word's ([`Item::translations`]).
        if lang == Lang::En {
            own.push(en_stem_key(w.word.stem));
            if let Some(b) = w.base {
                own.push(en_stem_key(b));
            }
        }
        Some(WordItem { kind, word: w.word })
    }

    /// Which items of `id` find a counterpart in `en` (first mask) and which items of `en` find
    /// one in `id` (second mask). Word translations learned by the aligner's second pass are
    /// part of the prepared texts ([`Prepared::add_translations`]). Does not allocate.
    pub fn cover(&self, id: &Prepared, en: &Prepared) -> (u128, u128) {
        cover_with(id, en)
    }

    /// Compare a prepared Indonesian text with a prepared English text.
    pub fn features(&self, id: &Prepared, en: &Prepared) -> Features {
        let (mi, me) = self.cover(id, en);
        features_from_masks(id, en, mi, me)
    }
}

/// The [`Features`] of a pair given its cover masks.
pub fn features_from_masks(id: &Prepared, en: &Prepared, mi: u128, me: u128) -> Features {
    let c = |m: u128| m.count_ones();
    let share = |a: u32, b: u32| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (wi, we) = (id.kind_masks()[0], en.kind_masks()[0]);
    Features {
        len_id: id.chars as f64,
        len_en: en.chars as f64,
        lex_id: share(c(mi & wi), c(wi)),
        lex_en: share(c(me & we), c(we)),
        num_shared: c(mi & id.num_mask).min(c(me & en.num_mask)),
        num_id_only: c(id.num_mask & !mi),
        num_en_only: c(en.num_mask & !me),
        names_shared: c(mi & id.name_mask).min(c(me & en.name_mask)),
        names_id_only: c(id.name_mask & !mi),
        names_en_only: c(en.name_mask & !me),
        words_id: c(wi),
        words_en: c(we),
        cover_id: share(c(mi), c(id.all_mask)),
        cover_en: share(c(me), c(en.all_mask)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev() -> Evidence {
        Evidence::bundled()
    }

    #[test]
    fn sentence_ends_counted_inside_a_line() {
        let p = |t: &str| ev().prepare(t, Lang::En).sentences;
        assert_eq!(p("The cat sleeps."), 1);
        assert_eq!(p("The cat sleeps. The dog barks!"), 2);
        assert_eq!(
            p("He arrived in Jakarta. \"It was late,\" he said. Then 2019. Next"),
            4
        );
        // Abbreviations and initials do not end a sentence here.
        assert_eq!(
            p("Dr. Smith met Mr. Lee and U.S. officials at 5 p.m. Monday."),
            1
        );
        assert_eq!(p("Harga naik 1.5 persen.Lalu turun."), 1);
    }

    #[test]
    fn cover_rows_equal_pairwise_cover() {
        let e = ev();
        let id = [
            "Presiden Joko Widodo meresmikan jembatan sepanjang 1.250 meter di Surabaya.",
            "Koordinasi antarlembaga dinilai penting untuk hegemoni ekonomi.",
            "",
            "Harga beras naik 12,5 persen menjadi Rp 2 miliar pada Senin.",
        ];
        let en = [
            "President Joko Widodo opened a 1,250-metre bridge in Surabaya.",
            "",
            "Inter-agency coordination is seen as vital to economic hegemony.",
            "Rice prices rose 12.5 percent to 2 billion rupiah on Monday.",
            "Nothing here matches.",
        ];
        let pid: Vec<Prepared> = id.iter().map(|t| e.prepare(t, Lang::Id)).collect();
        let pen: Vec<Prepared> = en.iter().map(|t| e.prepare(t, Lang::En)).collect();
        let index = CoverIndex::new(&pen);
        for p in &pid {
            for j0 in 0..pen.len() {
                let mut row = vec![(0, 0); pen.len() - j0];
                index.cover_row(p, &pen, j0, &mut row);
                for (k, m) in row.iter().enumerate() {
                    assert_eq!(*m, e.cover(p, &pen[j0 + k]));
                }
            }
        }
        let mut row = vec![(0, 0); 1];
        index.cover_row(&pid[0], &pen, 0, &mut row);
        assert_ne!(row[0], (0, 0));
    }

    #[test]
    fn numbers_across_conventions() {
        let e = ev();
        let f = |a: &str, b: &str| {
            let (p, q) = (e.prepare(a, Lang::Id), e.prepare(b, Lang::En));
            e.features(&p, &q)
        };
        assert_eq!(f("naik 12,5 persen", "rose 12.5 percent").num_shared, 1);
        assert_eq!(f("sebanyak 1.250 orang", "some 1,250 people").num_shared, 1);
        assert_eq!(f("Rp 2 miliar", "$2 billion").num_shared, 1);
        assert_eq!(f("3 juta", "3 million").num_shared, 1);
        let g = f("pada 1945", "in 1946");
        assert_eq!((g.num_shared, g.num_id_only, g.num_en_only), (0, 1, 1));
    }

    #[test]
    fn numbers_in_words() {
        let e = ev();
        let f = |a: &str, b: &str| {
            let (p, q) = (e.prepare(a, Lang::Id), e.prepare(b, Lang::En));
            e.features(&p, &q)
        };
        assert_eq!(f("empat puluh hari", "forty days").num_shared, 1);
        assert_eq!(
            f("untuk 5.000 orang", "for the five thousand").num_shared,
            1
        );
        assert_eq!(f("dua belas murid", "twelve disciples").num_shared, 1);
        assert_eq!(
            f("seratus dua puluh", "one hundred and twenty").num_shared,
            1
        );
        assert_eq!(number_phrase(&["satu"], 0, Lang::Id), None);
        // `and` joins a smaller part to a number (`two thousand and five`), not two numbers.
        let en = |s: &str| {
            let w: Vec<&str> = s.split(' ').collect();
            number_phrase(&w, 0, Lang::En)
        };
        assert_eq!(en("two thousand and five"), Some((2005.0, 4)));
        assert_eq!(en("three million and five million"), Some((3e6, 2)));
        assert_eq!(en("twenty and thirty"), Some((20.0, 1)));
        // A larger scale after the smaller part multiplies the whole.
        assert_eq!(en("one hundred and fifty thousand"), Some((150_000.0, 5)));
        assert_eq!(en("one hundred and twenty million"), Some((120e6, 5)));
        assert_eq!(
            f(
                "Seratus lima puluh ribu orang datang.",
                "One hundred and fifty thousand people came."
            )
            .num_shared,
            1
        );
        let g = f(
            "tiga juta dan lima juta eksemplar",
            "three million and five million copies",
        );
        assert_eq!((g.num_shared, g.num_id_only, g.num_en_only), (2, 0, 0));
    }

    #[test]
    fn number_readings() {
        assert!(number_values("12,5", Lang::Id, 1.0).contains(&"12.5".to_string()));
        assert!(number_values("1,250", Lang::En, 1.0).contains(&"1250".to_string()));
        assert!(number_values("2", Lang::Id, 1e9).contains(&"2000000000".to_string()));
    }

    #[test]
    fn clock_times_match_across_conventions() {
        let t = |s: &str, l| number_values(s, l, 1.0);
        assert!(t("19.00", Lang::Id).contains(&"t19:00".to_string()));
        assert!(t("19.00", Lang::Id).contains(&"1900".to_string()));
        assert_eq!(t("7 p.m.", Lang::En), ["t19:00", "7"]);
        assert_eq!(t("7pm", Lang::En), ["t19:00", "7"]);
        assert_eq!(t("12 a.m.", Lang::En), ["t0:00", "12"]);
        assert_eq!(t("9:30 am", Lang::En), ["t9:30"]);
        assert_eq!(t("6:30", Lang::En), ["t6:30", "t18:30"]);
        assert_eq!(t("5:00", Lang::En), ["t5:00", "t17:00", "5"]);
        assert_eq!(t("06.30", Lang::Id)[0], "t6:30");
        assert!(time_values("12,5", Lang::Id).is_empty());
        assert!(time_values("1.250", Lang::Id).is_empty());
        assert!(time_values("25:00", Lang::En).is_empty());
        let toks: Vec<&str> = tokenize("at 2 p.m. local time, or 7 PM; 8:30 a.m. and 5 amps")
            .iter()
            .filter(|t| t.number)
            .map(|t| t.text)
            .collect();
        assert_eq!(toks, ["2 p.m.", "7 PM", "8:30 a.m.", "5"]);
        // A verse reference is not lost: both sides read it the same way.
        assert_eq!(t("3:16", Lang::Id)[0], "t3:16");
        assert!(t("3:16", Lang::En).contains(&"t3:16".to_string()));
    }

    #[test]
    fn times_are_shared_numbers() {
        let ev = Evidence::bundled();
        let f = ev.features(
            &ev.prepare(
                "Final dijadwalkan pukul 14.00 atau pukul 19.00 WIB.",
                Lang::Id,
            ),
            &ev.prepare("The final is at 2 p.m., or 7 p.m. in Jakarta.", Lang::En),
        );
        assert_eq!((f.num_shared, f.num_id_only, f.num_en_only), (2, 0, 0));
    }

    #[test]
    fn names_and_acronyms() {
        let e = ev();
        let p = e.prepare(
            "Presiden Joko Widodo bertemu delegasi ASEAN di Jakarta.",
            Lang::Id,
        );
        let q = e.prepare(
            "President Joko Widodo met the ASEAN delegation in Jakarta.",
            Lang::En,
        );
        let f = e.features(&p, &q);
        assert!(f.names_shared >= 4, "{f:?}");
        assert_eq!(f.names_id_only, 0);
        assert!(is_name("ASEAN", 0));
        assert!(!is_name("Presiden", 0));
        assert!(is_name("Jakarta", 3));
    }

    #[test]
    fn cognate_forms() {
        assert_eq!(
            cognate_form("coordination", Lang::En),
            cognate_form("koordinasi", Lang::Id)
        );
        assert_eq!(
            cognate_form("unilateralism", Lang::En),
            cognate_form("unilateralisme", Lang::Id)
        );
        assert_eq!(
            cognate_form("hegemony", Lang::En),
            cognate_form("hegemoni", Lang::Id)
        );
        assert_eq!(
            cognate_form("university", Lang::En),
            cognate_form("universitas", Lang::Id)
        );
        assert!(cognates(
            &cognate_form("philosophy", Lang::En),
            &cognate_form("filosofi", Lang::Id)
        ));
        // A soft g is an Indonesian j; a hard g stays (generasi, biologi).
        for (en, id) in [
            ("management", "manajemen"),
            ("manager", "manajer"),
            ("generation", "generasi"),
            ("biology", "biologi"),
        ] {
            let (a, b) = (cognate_form(en, Lang::En), cognate_form(id, Lang::Id));
            assert!(a[..5] == b[..5] && cognates(&a, &b), "{en} {a} / {id} {b}");
        }
        let e = ev();
        let f = e.features(
            &e.prepare("koordinasi hegemoni", Lang::Id),
            &e.prepare("coordination hegemony", Lang::En),
        );
        assert_eq!(f.lex_id, 1.0);
        // An English derivation meets the lexicon's base word (kritik → critic).
        let f = e.features(
            &e.prepare("kritik", Lang::Id),
            &e.prepare("criticism", Lang::En),
        );
        assert_eq!(f.lex_id, 1.0);
    }

    #[test]
    fn ordinals_are_numbers() {
        assert_eq!(
            token_texts("the 20th and 1st, 19th-century Thames"),
            ["the", "20th", "and", "1st", "19th", "century", "Thames"]
        );
        assert_eq!(number_values("20th", Lang::En, 1.0), ["20"]);
        let e = ev();
        let f = e.features(
            &e.prepare("abad ke-20", Lang::Id),
            &e.prepare("the 20th century", Lang::En),
        );
        assert_eq!((f.num_shared, f.num_en_only), (1, 0));
    }

    #[test]
    fn ordinal_words_meet_ordinals_in_digits() {
        let e = ev();
        let f = |id: &str, en: &str| e.features(&e.prepare(id, Lang::Id), &e.prepare(en, Lang::En));
        // (numbers unmatched on the Indonesian side, on the English side)
        let unmatched = |id: &str, en: &str| {
            let f = f(id, en);
            (f.num_id_only, f.num_en_only)
        };
        for (id, en) in [
            ("juara ketiga pada 2019", "came 3rd in 2019"),
            ("juara ke-3 pada 2019", "came third in 2019"),
            ("juara ke 3 pada 2019", "came third in 2019"),
            ("lantai kesepuluh", "the 10th floor"),
            ("hari kelima dan 15 orang", "on the 5th day 15 people"),
        ] {
            assert_eq!(unmatched(id, en), (0, 0), "{id} | {en}");
        }
        // Still a mismatch where the ordinals differ; an ordinal word alone is no number.
        assert_eq!(unmatched("juara ketiga", "came 4th"), (0, 1));
        assert_eq!(unmatched("juara ke-3", "came fourth"), (1, 0));
        assert_eq!(unmatched("kedua negara", "both countries").0, 0);
        assert_eq!(ordinal_word("kedua", Lang::Id), None);
        assert_eq!(ordinal_word("second", Lang::En), None);
        assert_eq!(ordinal_word("kesatu", Lang::Id), Some(1));
        assert_eq!(ordinal_word("kesebelas", Lang::Id), Some(11));
        assert_eq!(ordinal_word("keseratus", Lang::Id), None);
        assert_eq!(ordinal_word("kepala", Lang::Id), None);
    }

    #[test]
    fn months_match() {
        let e = ev();
        let f = e.features(
            &e.prepare("pada bulan Agustus", Lang::Id),
            &e.prepare("in August", Lang::En),
        );
        assert!(f.cover_en > 0.99, "{f:?}");
    }

    fn token_texts(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn tokens() {
        assert_eq!(
            token_texts("Rp12,5 juta, (US$3.5) anak-anak"),
            ["Rp", "12,5", "juta", "US", "3.5", "anak", "anak"]
        );
    }

    #[test]
    fn empty_texts() {
        let e = ev();
        let f = e.features(&e.prepare("", Lang::Id), &e.prepare("...", Lang::En));
        assert_eq!(f.len_id, 0.0);
        assert_eq!(f.cover_id, 0.0);
    }
}
