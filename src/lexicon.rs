//! The Indonesian–English lexicon and the stemmers it is keyed on.
//!
//! The bundled lexicon (derived from the FreeDict English–Indonesian dictionary, CC BY-SA,
//! plus a small hand-made core list; see `corpus/lexicon/`) is embedded in the binary. Users may
//! add their own file ([`Lexicon::parse`]): TSV `id<TAB>en`, or hunalign's `en @ id` format.
//!
//! Entries are keyed on stems: Indonesian words are stemmed with the Nazief–Adriani/ECS stemmer
//! of the sastrawi crate, English words with a light suffix stripper ([`stem_en`]). A stem is
//! identified by a 64-bit hash ([`key`]) so prepared texts carry plain integers and matching
//! never touches strings.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use sastrawi::{Dictionary, Stemmer};

use crate::segment::Lang;
use crate::{Error, Result};

/// The bundled FreeDict-derived lexicon (`id<TAB>en`, lowercase).
const FREEDICT: &str = include_str!("../corpus/lexicon/freedict-id-en.tsv");
/// The bundled core lexicon (function words, frequent words), `id<TAB>en`.
const CORE: &str = include_str!("../corpus/lexicon/core-id-en.tsv");
/// The stems of the bundled lexicons' Indonesian words that differ from the word itself,
/// `word<TAB>stem`, as [`stem_id`] gives them: loading the lexicon then needs no stemming
/// (a test checks the table against the stemmer).
const BUNDLED_STEMS: &str = include_str!("../corpus/lexicon/id-stems.tsv");

/// A stable 64-bit hash of a string (FNV-1a), used as the identity of stems and tokens.
pub fn key(s: &str) -> u64 {
    key_tagged(0, s)
}

/// [`key`] with a one-byte tag, so different kinds of token never collide.
pub fn key_tagged(tag: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(tag).chain(s.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn stemmer() -> &'static Stemmer<'static> {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    static STEMMER: OnceLock<Stemmer<'static>> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::new(DICT.get_or_init(Dictionary::new)))
}

/// Indonesian function words (closed classes, hand-written; see the file's header).
const ID_STOP: &str = include_str!("lexicon/id.stop.txt");
/// English function words (closed classes, hand-written; see the file's header).
const EN_STOP: &str = include_str!("lexicon/en.stop.txt");

/// English irregular forms (hand-written; see the file's header): base, then other forms.
const EN_IRREGULAR: &str = include_str!("lexicon/en.irregular.txt");

/// Irregular form → base form (`saw` → `see`, `men` → `man`).
fn en_irregular() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::default();
        for line in EN_IRREGULAR.lines() {
            let line = line.split('#').next().unwrap_or("");
            let mut words = line.split_whitespace();
            if let Some(base) = words.next() {
                for form in words {
                    m.entry(form).or_insert(base);
                }
            }
        }
        m
    })
}

/// The words of a stop-word file: one per line, `#` starts a comment.
fn stop_set(text: &'static str) -> FxHashSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|w| !w.is_empty())
        .collect()
}

fn id_stopwords() -> &'static FxHashSet<&'static str> {
    static STOP: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    STOP.get_or_init(|| stop_set(ID_STOP))
}

fn en_stopwords() -> &'static FxHashSet<&'static str> {
    static STOP: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    STOP.get_or_init(|| stop_set(EN_STOP))
}

/// Stems computed so far, shared by all threads: each word is stemmed once per process
/// (sastrawi is the costliest step of preparing a sentence; callers keep their own per-thread
/// memo in front of this, so the lock is taken only for words new to a thread).
static STEMS: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();

/// Words kept in [`STEMS`] before it is emptied.
const STEMS_MAX: usize = 200_000;

/// The stem of a lowercase Indonesian word (Nazief–Adriani/ECS via sastrawi), cached.
pub fn stem_id(word: &str) -> String {
    if word.len() <= 3 || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
        return word.to_string();
    }
    let cache = STEMS.get_or_init(Default::default);
    let lock = || cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = lock().get(word) {
        return s.clone();
    }
    let s = stemmer().stem_word(word).into_owned();
    let s = if s.is_empty() { word.to_string() } else { s };
    let mut c = lock();
    if c.len() >= STEMS_MAX {
        c.clear();
    }
    c.insert(word.to_string(), s.clone());
    s
}

/// A light English stemmer for lowercase words: irregular forms to their base (`saw` → `see`,
/// `men` → `man`: `src/lexicon/en.irregular.txt`), then plural `-s/-es/-ies`, `-ing`, `-ed`
/// (`-ied` → `-y`), `'s`; last, a final `e` goes, so that `love`, `loved` and `loving` share
/// one stem (`lov`). Texts and the lexicon's English side are stemmed alike.
pub fn stem_en(word: &str) -> String {
    let mut w = word
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_string();
    // One form for a word with and without its final e (`love`, `loved`, `loving` → `lov`).
    let drop_e = |mut w: String| -> String {
        if w.len() > 3 && w.ends_with('e') && w.is_ascii() {
            w.pop();
        }
        w
    };
    if let Some(base) = en_irregular().get(w.as_str()) {
        return drop_e((*base).to_string());
    }
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w;
    }
    if w.ends_with("ies") && n > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses")
        || w.ends_with("ches")
        || w.ends_with("shes")
        || w.ends_with("xes")
    {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    }
    let strip = |w: &mut String, suf: &str, min: usize| -> bool {
        if w.ends_with(suf) && w.len() >= suf.len() + min {
            w.truncate(w.len() - suf.len());
            let b = w.as_bytes();
            let l = b.len();
            if l >= 2 && b[l - 1] == b[l - 2] && !matches!(b[l - 1], b'l' | b's' | b'z') {
                w.truncate(l - 1);
            }
            true
        } else {
            false
        }
    };
    if w.ends_with("ied") && w.len() > 4 {
        // studied, carried, tried → study, carry, try
        w.truncate(w.len() - 3);
        w.push('y');
    } else if !strip(&mut w, "ing", 3) {
        strip(&mut w, "ed", 3);
    }
    drop_e(w)
}

/// An English stem without a derivational or comparison suffix (`criticism` → `critic`,
/// `happiness` → `happy`, `quickly` → `quick`, `government` → `govern`, `greater` → `great`,
/// `earlier` → `early`), when it has one and at least four letters remain (three before
/// `-ier`/`-iest`); itself a stem as [`stem_en`] gives it (`management` → `manag`, as `manage`).
pub fn base_en(stem: &str) -> Option<String> {
    if !stem.is_ascii() {
        return None;
    }
    let base = |stem: &str| -> Option<String> {
        for suf in ["iest", "ier"] {
            if let Some(b) = stem.strip_suffix(suf)
                && b.len() >= 3
            {
                return Some(format!("{b}y"));
            }
        }
        for suf in ["ness", "ment", "ism", "ly", "est", "er"] {
            if let Some(b) = stem.strip_suffix(suf)
                && b.len() >= 4
            {
                let mut b = b.to_string();
                if b.ends_with('i') && suf != "ism" {
                    b.pop();
                    b.push('y');
                }
                return Some(b);
            }
        }
        None
    };
    base(stem).map(|b| stem_en(&b))
}

/// True for a lowercase Indonesian function word (`src/lexicon/id.stop.txt`): pronouns,
/// demonstratives, prepositions, conjunctions, auxiliaries, negation, particles. A listed word
/// with the particle `-lah`, `-kah` or `-pun` or a pronoun clitic `-nya`, `-ku`, `-mu` attached
/// (`itulah`, `apakah`, `meskipun`, `kepadanya`) counts too.
pub fn is_stop_id(word: &str) -> bool {
    let stop = id_stopwords();
    if stop.contains(word) {
        return true;
    }
    // Particles, and the pronoun clitics on a function word (kepadanya, dirinya, denganmu);
    // `-ku`/`-mu` only after three letters (siku, tamu are content words).
    [
        ("lah", 2),
        ("kah", 2),
        ("pun", 2),
        ("nya", 2),
        ("ku", 3),
        ("mu", 3),
    ]
    .iter()
    .any(|&(p, min)| {
        word.strip_suffix(p)
            .is_some_and(|base| base.len() >= min && stop.contains(base))
    })
}

/// True for a lowercase English function word (`src/lexicon/en.stop.txt`), the same word
/// classes as [`is_stop_id`].
pub fn is_stop_en(word: &str) -> bool {
    en_stopwords().contains(word)
}

/// [`is_stop_id`] or [`is_stop_en`], by language.
pub fn is_stop(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Id => is_stop_id(word),
        Lang::En => is_stop_en(word),
    }
}

/// Word translations, keyed on stems: Indonesian stem key → English stem keys.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    map: HashMap<u64, Vec<u64>>,
    en: FxHashSet<u64>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Self {
        Lexicon::default()
    }

    /// The bundled lexicon (built once per process, shared).
    pub fn bundled() -> Arc<Lexicon> {
        static BUNDLED: OnceLock<Arc<Lexicon>> = OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                let mut lex = Lexicon::build_bundled_from_table();
                for (id, en) in MONTHS.iter().chain(BUILTIN) {
                    lex.insert(id, en);
                }
                Arc::new(lex)
            })
            .clone()
    }

    /// The bundled word lists, their Indonesian words stemmed by the table [`BUNDLED_STEMS`]
    /// (a word not in it is its own stem).
    fn build_bundled_from_table() -> Lexicon {
        let stems: HashMap<&str, &str> = BUNDLED_STEMS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect();
        Lexicon::build_bundled(|w| stems.get(w).copied().unwrap_or(w).to_string())
    }

    /// The bundled word lists, with the Indonesian words stemmed by `stem`.
    fn build_bundled(stem: impl Fn(&str) -> String) -> Lexicon {
        let mut lex = Lexicon::new();
        for text in [FREEDICT, CORE] {
            for line in text.lines() {
                if let Some((id, en)) = line.split_once('\t') {
                    lex.insert_with(id, en, &stem);
                }
            }
        }
        lex
    }

    /// Read a user lexicon file ([`Lexicon::parse`]; the file read as every input is,
    /// [`crate::text::read_input`]).
    pub fn read(path: &Path) -> Result<Lexicon> {
        let input = crate::text::read_input(path)?;
        Lexicon::parse(&input.text, path)
    }

    /// Parse a user lexicon: TSV `id<TAB>en` (one pair a line), or hunalign's `en @ id`.
    /// Blank lines and lines starting with `#` are skipped. `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::new();
        for (n, line) in crate::text::file_line_texts(text).enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (id, en) = if let Some((id, en)) = line.split_once('\t') {
                (id, en)
            } else if let Some((en, id)) = line.split_once(" @ ") {
                (id, en)
            } else {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: n + 1,
                    msg: "expected `id<TAB>en` or hunalign's `en @ id`".into(),
                });
            };
            lex.insert(&id.to_lowercase(), &en.to_lowercase());
        }
        Ok(lex)
    }

    /// Add one entry. Only single-word entries are used (an English `to ` is dropped).
    pub fn insert(&mut self, id: &str, en: &str) {
        self.insert_with(id, en, stem_id);
    }

    /// [`Lexicon::insert`] with the Indonesian word stemmed by `stem`.
    fn insert_with(&mut self, id: &str, en: &str, stem: impl Fn(&str) -> String) {
        let id = id.trim();
        let en = en.trim();
        let en = en.strip_prefix("to ").unwrap_or(en);
        if id.is_empty() || en.is_empty() || id.contains(' ') || en.contains(' ') {
            return;
        }
        let (ki, ke) = (key(&stem(id)), key(&stem_en(en)));
        let v = self.map.entry(ki).or_default();
        if !v.contains(&ke) {
            v.push(ke);
        }
        self.en.insert(ke);
    }

    /// Add the entries of another lexicon.
    pub fn extend(&mut self, other: &Lexicon) {
        for (k, vs) in &other.map {
            let v = self.map.entry(*k).or_default();
            for e in vs {
                if !v.contains(e) {
                    v.push(*e);
                }
            }
        }
        self.en.extend(other.en.iter().copied());
    }

    /// Add translations given as stem keys (Indonesian stem key → English stem keys).
    pub fn extend_keys<S: BuildHasher>(
        &mut self,
        pairs: &std::collections::HashMap<u64, Vec<u64>, S>,
    ) {
        for (k, vs) in pairs {
            let v = self.map.entry(*k).or_default();
            for e in vs {
                if !v.contains(e) {
                    v.push(*e);
                }
                self.en.insert(*e);
            }
        }
    }

    /// True when the English stem key is the translation of some Indonesian entry.
    pub fn has_en(&self, en: u64) -> bool {
        self.en.contains(&en)
    }

    /// English stem keys translating the Indonesian stem key `id`.
    pub fn translations(&self, id: u64) -> &[u64] {
        self.map.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of Indonesian stems with translations.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The names of the months, Indonesian and English.
const MONTHS: &[(&str, &str)] = &[
    ("januari", "january"),
    ("februari", "february"),
    ("maret", "march"),
    ("april", "april"),
    ("mei", "may"),
    ("juni", "june"),
    ("juli", "july"),
    ("agustus", "august"),
    ("september", "september"),
    ("oktober", "october"),
    ("november", "november"),
    ("desember", "december"),
];

/// Whether `lower` (a word in lower case) is the Indonesian name of a month.
pub fn is_month_id(lower: &str) -> bool {
    MONTHS.iter().any(|(id, _)| *id == lower)
}

/// Weekday names and a few words the dictionaries miss (with [`MONTHS`]).
const BUILTIN: &[(&str, &str)] = &[
    ("senin", "monday"),
    ("selasa", "tuesday"),
    ("rabu", "wednesday"),
    ("kamis", "thursday"),
    ("jumat", "friday"),
    ("sabtu", "saturday"),
    ("minggu", "sunday"),
    ("minggu", "week"),
    ("tahun", "year"),
    ("bulan", "month"),
    ("hari", "day"),
    ("jam", "hour"),
    ("persen", "percent"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_base_words() {
        for (w, b) in [
            ("criticism", Some("critic")),
            ("happiness", Some("happy")),
            ("quickly", Some("quick")),
            ("government", Some("govern")),
            ("greater", Some("great")),
            ("earlier", Some("early")),
            ("longest", Some("long")),
            ("early", None),
            ("moment", None),
            ("house", None),
        ] {
            assert_eq!(base_en(&stem_en(w)).as_deref(), b, "{w}");
        }
    }

    #[test]
    fn function_words_only() {
        for w in [
            "dan", "yang", "di", "kami", "itulah", "apakah", "meskipun", "tidak",
        ] {
            assert!(is_stop_id(w), "{w}");
        }
        // Content words that large stop lists drop.
        for w in [
            "datang", "ingin", "besar", "sekolah", "masalah", "rumahnya", "siku", "tamu",
        ] {
            assert!(!is_stop_id(w), "{w}");
        }
        for w in ["the", "we", "and", "would", "thee"] {
            assert!(is_stop_en(w), "{w}");
        }
        for w in ["come", "wanted", "big", "school"] {
            assert!(!is_stop_en(w), "{w}");
        }
    }

    #[test]
    fn english_stems() {
        // Irregular forms meet their base (both in texts and in the lexicon).
        for (w, b) in [
            ("saw", "see"),
            ("seen", "see"),
            ("brought", "bring"),
            ("men", "man"),
        ] {
            assert_eq!(stem_en(w), b);
        }
        assert_eq!(stem_en("cities"), "city");
        assert_eq!(stem_en("running"), "run");
        assert_eq!(stem_en("walked"), "walk");
        assert_eq!(stem_en("books"), "book");
        assert_eq!(stem_en("boss"), "boss");
        // One stem with and without a final e, and -ied as -y.
        for group in [
            &["love", "loved", "loves", "loving"][..],
            &["believe", "believed"],
            &["study", "studied", "studies"],
            &["die", "died", "dying"],
        ] {
            let s = stem_en(group[0]);
            assert!(group.iter().all(|w| stem_en(w) == s), "{group:?}");
        }
    }

    #[test]
    fn indonesian_stems() {
        assert_eq!(stem_id("perekonomian"), "ekonomi");
        assert_eq!(stem_id("dan"), "dan");
    }

    #[test]
    fn parses_both_formats() {
        let lex = Lexicon::parse("rumah\thouse\n# c\nbook @ buku\n", Path::new("x")).unwrap();
        assert_eq!(
            lex.translations(key(&stem_id("rumah"))),
            &[key(&stem_en("house"))]
        );
        assert_eq!(lex.translations(key(&stem_id("buku"))), &[key("book")]);
        assert!(Lexicon::parse("nonsense\n", Path::new("x")).is_err());
        // A lone CR ends a line too.
        let cr = Lexicon::parse("rumah\thouse\rbook @ buku\r", Path::new("x")).unwrap();
        assert_eq!(cr.translations(key(&stem_id("buku"))), &[key("book")]);
    }

    /// The stem table of the bundled lexicon (`corpus/lexicon/id-stems.tsv`) is what the
    /// stemmer gives: the lexicon built from it equals the one built by stemming every word.
    /// `SELARAS_UPDATE_STEMS=1 cargo test --lib bundled_stems` rewrites the table.
    #[test]
    fn bundled_stems_are_current() {
        let mut words: Vec<&str> = [FREEDICT, CORE]
            .iter()
            .flat_map(|t| t.lines())
            .filter_map(|l| l.split_once('\t'))
            .map(|(id, _)| id.trim())
            .filter(|w| !w.is_empty() && !w.contains(' '))
            .collect();
        words.sort_unstable();
        words.dedup();
        let mut table = String::from(
            "# Stems of the bundled lexicons' Indonesian words where they differ from the word\n\
             # (sastrawi, Nazief–Adriani/ECS, via selaras's stem_id); generated, see the test\n\
             # bundled_stems_are_current in src/lexicon.rs. Derived from the word lists beside it.\n",
        );
        for w in &words {
            let s = stem_id(w);
            if s != *w {
                table.push_str(&format!("{w}\t{s}\n"));
            }
        }
        if std::env::var_os("SELARAS_UPDATE_STEMS").is_some() {
            let p = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/lexicon/id-stems.tsv");
            std::fs::write(p, &table).unwrap();
            return;
        }
        assert!(
            table == BUNDLED_STEMS,
            "corpus/lexicon/id-stems.tsv is out of date: run SELARAS_UPDATE_STEMS=1 cargo test --lib bundled_stems"
        );
        let fresh = Lexicon::build_bundled(stem_id);
        let table = Lexicon::build_bundled_from_table();
        assert_eq!(fresh.map, table.map);
        assert_eq!(fresh.en, table.en);
    }

    #[test]
    fn months_are_bundled() {
        let lex = Lexicon::bundled();
        assert!(lex.translations(key("agustus")).contains(&key("august")));
    }
}
