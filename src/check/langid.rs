//! A small language check for the `untranslated` flag: is a text Indonesian or English?
//!
//! Two kinds of evidence of our own, no model files: the share of tokens that are frequent
//! function words of each language, and a few letter sequences that are typical of one
//! language and rare in the other (`th`, `wh`, `-ly` against `ng`, `ny`, `-kan`, `-nya`).
//! It only has to tell these two languages apart on sentences, and says "don't know" when
//! the text is too short or the evidence is weak.

use crate::segment::Lang;

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

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Letter-sequence evidence of one word: positive for Indonesian, negative for English.
fn letter_evidence(w: &str) -> f64 {
    let mut e = 0.0;
    if w.contains("th") || w.contains("wh") {
        e -= 1.0;
    }
    if w.ends_with("ly") || w.ends_with("tion") || w.ends_with("ed") || w.ends_with("ing") {
        e -= 0.7;
    }
    if w.contains('w') && !w.starts_with('w') {
        e -= 0.3;
    }
    if w.contains("ny") || w.ends_with("kan") || w.ends_with("nya") || w.starts_with("meng") {
        e += 1.0;
    }
    if w.starts_with("ber") || w.starts_with("mem") || w.starts_with("peng") || w.ends_with("an") {
        e += 0.4;
    }
    if w.contains("ng") && !w.ends_with("ing") {
        e += 0.3;
    }
    e
}

/// Guess whether `text` is Indonesian or English. Needs at least four words and a clear
/// margin; otherwise `lang` is `None`.
pub fn guess(text: &str) -> Guess {
    let words = lower_words(text);
    let n = words.len();
    if n == 0 {
        return Guess {
            lang: None,
            margin: 0.0,
            words: 0,
            function_words: 0,
        };
    }
    let mut id_hits = 0usize;
    let mut en_hits = 0usize;
    let mut either = 0usize;
    let mut letters = 0.0;
    for w in &words {
        let (is_id, is_en) = (
            ID_WORDS.contains(&w.as_str()),
            EN_WORDS.contains(&w.as_str()),
        );
        id_hits += usize::from(is_id);
        en_hits += usize::from(is_en);
        either += usize::from(is_id || is_en);
        if !is_id && !is_en {
            letters += letter_evidence(w);
        }
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
    fn short_or_neutral_text_is_unknown() {
        assert_eq!(guess("Jakarta, 2024").lang, None);
        assert_eq!(guess("").lang, None);
        assert_eq!(guess("Joko Widodo").lang, None);
    }
}
