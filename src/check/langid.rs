//! A small language check for the `untranslated` flag: is a text Indonesian or English?
//!
//! Two kinds of evidence of our own, no model files: the share of tokens that are frequent
//! function words of each language, and a few letter sequences that are typical of one
//! language and rare in the other (`th`, `wh`, `-ly` against `ng`, `ny`, `-kan`, `-nya`).
//! It only has to tell these two languages apart on sentences, and says "don't know" when
//! the text is too short or the evidence is weak.

use crate::segment::Lang;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Frequent Indonesian function words (lowercase).
const ID_WORDS: &[&str] = &[
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "ini",
    "itu",
    "dengan",
    "untuk",
    "tidak",
    "dalam",
    "akan",
    "pada",
    "juga",
    "ada",
    "adalah",
    "oleh",
    "karena",
    "sebagai",
    "atau",
    "mereka",
    "kami",
    "kita",
    "saya",
    "dia",
    "ia",
    "telah",
    "sudah",
    "bisa",
    "dapat",
    "lebih",
    "para",
    "tersebut",
    "bahwa",
    "secara",
    "tetapi",
    "namun",
    "jika",
    "kalau",
    "maka",
    "agar",
    "hanya",
    "semua",
    "satu",
    "tahun",
    "saat",
    "sejak",
    "hingga",
    "sampai",
    "antara",
    "serta",
    "masih",
    "belum",
    "harus",
    "sangat",
    "banyak",
    "setelah",
    "sebelum",
    "kepada",
    "bagi",
    "tentang",
    "seperti",
    "yaitu",
    "ialah",
    "merupakan",
    "menjadi",
    "kata",
    "nya",
    "pun",
    "lalu",
    "kemudian",
    "sementara",
    "sedang",
    "tanpa",
    "orang",
    "apa",
    "siapa",
    "mengapa",
    "bagaimana",
    "kamu",
    "engkau",
    "aku",
    "anda",
    "beliau",
    "sini",
    "sana",
    "begitu",
];

/// Frequent English function words (lowercase).
const EN_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "by",
    "he", "she", "they", "be", "are", "at", "this", "from", "have", "has", "had", "not", "but",
    "or", "an", "which", "were", "their", "his", "her", "will", "would", "been", "who", "what",
    "when", "there", "all", "can", "more", "one", "about", "also", "into", "than", "them", "its",
    "said", "we", "you", "i", "my", "our", "your", "him", "these", "those", "after", "before",
    "should", "could", "may", "because", "while", "where", "how", "why", "some", "other", "such",
    "only", "over", "then", "so", "if", "no", "do", "does", "did", "being", "most", "very", "up",
    "out", "between", "during", "under", "against", "shall",
];

/// What the check found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Guess {
    /// The language the text looks like, or `None` when the evidence is too weak.
    pub lang: Option<Lang>,
    /// Evidence for Indonesian minus evidence for English (positive: Indonesian).
    pub margin: f64,
    /// Word tokens seen.
    pub words: usize,
    /// Tokens that are frequent function words of either language.
    pub function_words: usize,
}

/// Which function-word lists hold `w` (lowercase): bit 0 the Indonesian, bit 1 the English.
fn function_word(w: &str) -> u8 {
    static WORDS: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut m = FxHashMap::default();
        for (list, bit) in [(ID_WORDS, 1), (EN_WORDS, 2)] {
            for w in list {
                *m.entry(*w).or_insert(0) |= bit;
            }
        }
        m
    });
    words.get(w).copied().unwrap_or(0)
}

/// Whether a token (no white space in it) is a web address or an e-mail address, whose
/// words (`/the-visit-of-the-president/`) say nothing of the language around it.
fn is_address(token: &str) -> bool {
    token.contains("://")
        || token.starts_with("www.")
        || (token.contains('@') && token.contains('.'))
}

/// The words of `text` (letters and apostrophes, apostrophes trimmed), lowercase, web and
/// e-mail addresses left out.
fn lower_words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split_whitespace()
        .filter(|t| !is_address(t))
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic() && c != '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
        .map(|w| match w.is_ascii() {
            true if !w.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Borrowed(w),
            true => Cow::Owned(w.to_ascii_lowercase()),
            false => Cow::Owned(w.to_lowercase()),
        })
}

/// Letter-sequence evidence of one word: positive for Indonesian, negative for English.
fn letter_evidence(w: &str) -> f64 {
    // The two-letter sequences of the word, in one pass (the patterns are ASCII, so bytes
    // match as characters do).
    let (mut th_wh, mut ny, mut ng, mut inner_w) = (false, false, false, false);
    for pair in w.as_bytes().windows(2) {
        match pair {
            b"th" | b"wh" => th_wh = true,
            b"ny" => ny = true,
            b"ng" => ng = true,
            _ => {}
        }
        inner_w |= pair[1] == b'w';
    }
    let mut e = 0.0;
    if th_wh {
        e -= 1.0;
    }
    if w.ends_with("ly") || w.ends_with("tion") || w.ends_with("ed") || w.ends_with("ing") {
        e -= 0.7;
    }
    if inner_w && !w.starts_with('w') {
        e -= 0.3;
    }
    if ny || w.ends_with("kan") || w.ends_with("nya") || w.starts_with("meng") {
        e += 1.0;
    }
    if w.starts_with("ber") || w.starts_with("mem") || w.starts_with("peng") || w.ends_with("an") {
        e += 0.4;
    }
    if ng && !w.ends_with("ing") {
        e += 0.3;
    }
    e
}

/// Guess whether `text` is Indonesian or English. Needs at least four words and a clear
/// margin; otherwise `lang` is `None`.
pub fn guess(text: &str) -> Guess {
    let mut n = 0usize;
    let mut id_hits = 0usize;
    let mut en_hits = 0usize;
    let mut either = 0usize;
    let mut letters = 0.0;
    for w in lower_words(text) {
        n += 1;
        let f = function_word(&w);
        let (is_id, is_en) = (f & 1 != 0, f & 2 != 0);
        id_hits += usize::from(is_id);
        en_hits += usize::from(is_en);
        either += usize::from(is_id || is_en);
        if !is_id && !is_en {
            letters += letter_evidence(&w);
        }
    }
    if n == 0 {
        return Guess {
            lang: None,
            margin: 0.0,
            words: 0,
            function_words: 0,
        };
    }
    // Function words are strong evidence; letter sequences are weak but present in every word.
    let margin = (id_hits as f64 - en_hits as f64) * 1.5 + letters * 0.5;
    let per_word = margin / n as f64;
    let lang = if n < 4 {
        None
    } else if per_word >= 0.2 && margin >= 2.0 {
        Some(Lang::Id)
    } else if per_word <= -0.2 && margin <= -2.0 {
        Some(Lang::En)
    } else {
        None
    };
    Guess {
        lang,
        margin,
        words: n,
        function_words: either,
    }
}

/// Sentences of a text as the vote of [`guess_text`] reads them: runs of words ending at a
/// line break or after a word that ends with `.`, `!` or `?` (closing quotes after it).
fn rough_sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').flat_map(|line| {
        let mut start = 0;
        let mut out = Vec::new();
        for (k, _) in line.match_indices(char::is_whitespace) {
            let before = line[..k].trim_end_matches(['"', '\'', '”', '’', ')']);
            if before.ends_with(['.', '!', '?']) && k > start {
                out.push(&line[start..k]);
                start = k;
            }
        }
        out.push(&line[start..]);
        out
    })
}

/// The language of a whole text (a document's side): the language most of its sentences are
/// in, each sentence guessed on its own, so that quotes in the other language (an English
/// statement quoted in an Indonesian article, dense with English function words) do not
/// outweigh the text around them; where no language has more sentences, the whole text's
/// guess.
pub fn guess_text(text: &str) -> Guess {
    let whole = guess(text);
    let (mut id, mut en) = (0usize, 0usize);
    for s in rough_sentences(text) {
        match guess(s).lang {
            Some(Lang::Id) => id += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
    }
    let lang = match id.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Id),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => whole.lang,
    };
    Guess { lang, ..whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_two_languages_apart() {
        assert_eq!(
            guess("Presiden mengatakan bahwa pemerintah akan membangun jalan baru tahun ini.").lang,
            Some(Lang::Id)
        );
        assert_eq!(
            guess("The president said that the government would build a new road this year.").lang,
            Some(Lang::En)
        );
    }

    #[test]
    fn words_count_in_any_case() {
        let lower = guess("dan yang itu, the of \'tidak\' é");
        let upper = guess("DAN Yang ITU, THE Of \'TIDAK\' É");
        assert_eq!(lower, upper);
        assert_eq!((lower.words, lower.function_words), (7, 6));
        assert_eq!(function_word("the"), 2);
        assert_eq!(function_word("yang"), 1);
        assert_eq!(function_word("rumah"), 0);
    }

    #[test]
    fn letter_sequences() {
        assert_eq!(letter_evidence("whether"), -1.0);
        assert_eq!(letter_evidence("bawah"), -0.3);
        assert_eq!(letter_evidence("warna"), 0.0);
        assert_eq!(letter_evidence("menyanyikan"), 1.4);
        assert_eq!(letter_evidence("singing"), -0.7);
        assert_eq!(letter_evidence("bangun"), 0.3);
    }

    #[test]
    fn addresses_are_not_words() {
        let url = "Kunjungan presiden ke Jepang dan Korea itu berlangsung selama dua hari, lihat \
                   https://example.com/news/the-visit-of-the-president-to-japan-and-what-it-means";
        assert_eq!(guess(url).lang, Some(Lang::Id));
        assert_eq!(guess("Kirim ke the.editor.of.the@example.com").words, 2);
    }

    #[test]
    fn a_text_is_in_the_language_of_most_of_its_sentences() {
        let text = "Gempa mengguncang Sulawesi Tengah pada Minggu pagi.\n\
            Badan Meteorologi menyatakan gempa tidak berpotensi tsunami.\n\
            Sedikitnya 120 orang tewas dan ribuan rumah rusak berat.\n\
            \"We will stand with our friends in Indonesia and we will help them rebuild \
            after this terrible disaster,\" tulisnya. \"The American people are praying for \
            all of the victims and their families,\" tambahnya.";
        assert_eq!(guess(text).lang, Some(Lang::En));
        assert_eq!(guess_text(text).lang, Some(Lang::Id));
        let sentences: Vec<&str> = rough_sentences("Satu dua. \"Tiga.\" Empat\nLima").collect();
        assert_eq!(sentences, ["Satu dua.", " \"Tiga.\"", " Empat", "Lima"]);
    }

    #[test]
    fn short_or_neutral_text_is_unknown() {
        assert_eq!(guess("Jakarta, 2024").lang, None);
        assert_eq!(guess("").lang, None);
        assert_eq!(guess("Joko Widodo").lang, None);
    }
}
