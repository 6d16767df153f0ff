//! What preparing a content word needs that depends only on the word and its language (and,
//! for an Indonesian word, the lexicon): computed once per word and thread ([`word_info`]) and
//! shared by every item of the word ([`Word`]).

use std::sync::{Arc, Weak};

use rustc_hash::FxHashMap;

use super::{cognate_form, cognate_key, en_stem_key, scale_word, surface_key};
use crate::lexicon::{self, Lexicon};
use crate::segment::Lang;

/// What an item holds that depends only on its token and language (and the lexicon it was
/// prepared with), shared by all the items of the token.
#[derive(Debug, Default)]
pub(super) struct Word {
    /// The lowercase token.
    pub(super) token: Box<str>,
    /// The orthographically mapped form, for cognates (empty for numbers).
    pub(super) cognate: Box<str>,
    /// The lexicon key of its stem (0 for a number).
    pub(super) stem: u64,
    /// The lexicon key of the token itself (0 for a number).
    pub(super) key: u64,
    /// Indonesian: the English-stem keys the lexicon translates its stem and its token into,
    /// sorted and deduplicated (held here once, not in the queries of every sentence with the
    /// word); empty for English words and numbers.
    pub(super) translations: Box<[u64]>,
}

/// What preparing a content word needs, computed once per word and thread ([`word_info`]).
#[derive(Clone, Debug)]
pub(super) struct WordInfo {
    /// The token, its cognate form, the lexicon key of its stem and its translations.
    pub(super) word: Arc<Word>,
    pub(super) surface: u64,
    pub(super) cognate_key: Option<u64>,
    /// English: the key of the stem without a derivational suffix, when it has one.
    pub(super) base: Option<u64>,
    /// A function word (dropped unless written in capitals).
    stop: bool,
    /// Never an item: shorter than two characters, or a scale word (`juta`, `million`).
    skip: bool,
}

/// A thread's words of one language (and lexicon). A word of at most 15 bytes (most words)
/// is keyed by its bytes packed in a `u128`, so that finding it reads the table's entry and
/// no other memory (the memo is large and looked up for every token: a key on the heap cost
/// a second cache miss a lookup).
#[derive(Default)]
struct Words {
    short: FxHashMap<u128, WordInfo>,
    long: FxHashMap<Box<str>, WordInfo>,
}

/// `word` packed with its length, if it has at most 15 bytes.
fn packed(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let mut k = [0u8; 16];
    k.get_mut(..b.len())?.copy_from_slice(b);
    k[15] = u8::try_from(b.len()).ok().filter(|&n| n < 16)?;
    Some(u128::from_le_bytes(k))
}

impl Words {
    fn get(&self, word: &str) -> Option<&WordInfo> {
        match packed(word) {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        }
    }

    fn insert(&mut self, word: &str, info: WordInfo) {
        match packed(word) {
            Some(k) => self.short.insert(k, info),
            None => self.long.insert(word.into(), info),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// A thread's words: English ones, and Indonesian ones for each of the last
/// [`LEXICONS`] lexicons used (an Indonesian word holds its translations in one).
#[derive(Default)]
struct Memo {
    en: Words,
    /// Each lexicon (held weakly: its address stays its own while held, so it names the
    /// lexicon) with its words; the most recently used first.
    id: Vec<(Weak<Lexicon>, Words)>,
}

thread_local! {
    static WORDS: std::cell::RefCell<Memo> = Default::default();
}

/// Words kept per thread, language and lexicon before the memo is emptied.
const WORDS_MAX: usize = 100_000;
/// Lexicons whose Indonesian words a thread keeps (the bundled one, or the user's, and one
/// extended by learned translations).
const LEXICONS: usize = 2;

/// The words of `lang` as prepared with `lex`, made the most recently used.
fn words_of<'m>(memo: &'m mut Memo, lang: Lang, lex: &Arc<Lexicon>) -> &'m mut Words {
    if lang == Lang::En {
        return &mut memo.en;
    }
    let at = (memo.id.iter()).position(|(l, _)| std::ptr::eq(l.as_ptr(), Arc::as_ptr(lex)));
    match at {
        Some(0) => {}
        Some(k) => memo.id[..=k].rotate_right(1),
        None => {
            memo.id.truncate(LEXICONS - 1);
            memo.id.insert(0, (Arc::downgrade(lex), Words::default()));
        }
    }
    &mut memo.id[0].1
}

/// The [`WordInfo`] of a lowercase word prepared with lexicon `lex`, or None when it is not
/// an item (`all_caps`: written in capitals, which keeps a function word such as an acronym
/// `IT`).
pub(super) fn word_info(
    lower: &str,
    lang: Lang,
    all_caps: bool,
    lex: &Arc<Lexicon>,
) -> Option<WordInfo> {
    let w = WORDS.with(|m| {
        let mut m = m.borrow_mut();
        let map = words_of(&mut m, lang, lex);
        if let Some(w) = map.get(lower) {
            return w.clone();
        }
        let w = new_word(lower, lang, lex);
        if map.len() >= WORDS_MAX {
            map.clear();
        }
        map.insert(lower, w.clone());
        w
    });
    ((!w.stop || all_caps) && !w.skip).then_some(w)
}

/// The [`WordInfo`] of a lowercase word of `lang` prepared with `lex`.
fn new_word(lower: &str, lang: Lang, lex: &Lexicon) -> WordInfo {
    let cognate = cognate_form(lower, lang);
    let token = lexicon::key(lower);
    let (stem, base, translations) = match lang {
        Lang::Id => {
            let stem = lexicon::key(&lexicon::stem_id(lower));
            // The translations of its stem and, when that differs, of the token itself.
            let of_token = if token != stem {
                lex.translations(token)
            } else {
                &[]
            };
            let mut t: Vec<u64> = (lex.translations(stem).iter())
                .chain(of_token)
                .map(|&e| en_stem_key(e))
                .collect();
            t.sort_unstable();
            t.dedup();
            (stem, None, t)
        }
        Lang::En => {
            let stem = lexicon::stem_en(lower);
            let base = lexicon::base_en(&stem).map(|b| lexicon::key(&b));
            (lexicon::key(&stem), base, Vec::new())
        }
    };
    WordInfo {
        base,
        surface: surface_key(lower),
        cognate_key: cognate_key(&cognate),
        word: Arc::new(Word {
            token: lower.into(),
            cognate: cognate.into(),
            stem,
            key: token,
            translations: translations.into(),
        }),
        stop: lexicon::is_stop(lower, lang),
        skip: lower.chars().count() < 2 || scale_word(lower) != 1.0,
    }
}
