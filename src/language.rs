//! Which language is which: each side of an article pair is identified as Indonesian,
//! English or another language before it is aligned, and the pair is judged from the two
//! ([`identify`]).
//!
//! The evidence is the function-word and letter-sequence check of `check`'s `untranslated`
//! flag, sentence by sentence ([`crate::check::langid::guess_text`]: quotes in the other
//! language do not outweigh the text around them), plus two tests of its own: a
//! side whose letters are mostly outside the Latin script, or whose words are almost never
//! frequent function words of either language, is another language. A whole article gives
//! that check hundreds of words, so the decision is clear; a side too short or too mixed to
//! tell is left as given.
//!
//! The verdicts: the sides as expected; swapped (the Indonesian file reads as English and the
//! English one as Indonesian: aligned the right way round); or not parallel (the same text on
//! both sides, both sides in one language, or another language), which
//! [`crate::pipeline`] turns into a document probability of 0.

use serde::Serialize;

use crate::check::langid;
use crate::segment::Lang;

/// The language of one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Indonesian.
    Indonesian,
    /// English.
    English,
    /// Some other language (another script, or no function word of either language).
    Other,
    /// Too short or too mixed to tell.
    Unknown,
}

impl Language {
    /// The language in words.
    pub fn name(self) -> &'static str {
        match self {
            Language::Indonesian => "Indonesian",
            Language::English => "English",
            Language::Other => "another language",
            Language::Unknown => "unknown",
        }
    }
}

/// What the two sides are, together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pairing {
    /// Indonesian (or unknown) on the Indonesian side, English (or unknown) on the English
    /// side.
    AsGiven,
    /// The Indonesian side reads as English and the English side as Indonesian.
    Swapped,
    /// The same text on both sides.
    Identical,
    /// Both sides in the same language (or one side in the other's language and the other
    /// too short to tell).
    SameLanguage,
    /// A side in another language.
    OtherLanguage,
}

/// The languages of an article pair and what follows from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Languages {
    /// The language of the text given as Indonesian.
    pub id: Language,
    /// The language of the text given as English.
    pub en: Language,
    /// The verdict.
    pub pairing: Pairing,
    /// Lines of each side as aligned (Indonesian, English) left out as a copy of the other
    /// side's text in its language ([`copied_lines`]: a page that holds the original beside
    /// its translation).
    pub copied: (usize, usize),
}

impl Default for Languages {
    fn default() -> Self {
        Languages {
            id: Language::Unknown,
            en: Language::Unknown,
            pairing: Pairing::AsGiven,
            copied: (0, 0),
        }
    }
}

impl Languages {
    /// Whether the sides are to be exchanged before aligning.
    pub fn swapped(&self) -> bool {
        self.pairing == Pairing::Swapped
    }

    /// Whether the pair cannot be a translation, whatever its alignment shows.
    pub fn not_parallel(&self) -> bool {
        matches!(
            self.pairing,
            Pairing::Identical | Pairing::SameLanguage | Pairing::OtherLanguage
        )
    }

    /// Why the pair is not a translation, in words (`None` when it may be one).
    pub fn reason(&self) -> Option<String> {
        match self.pairing {
            Pairing::AsGiven | Pairing::Swapped => None,
            Pairing::Identical => Some("the same text on both sides".into()),
            Pairing::SameLanguage => Some(format!(
                "both sides read as {}",
                match (self.id, self.en) {
                    (Language::English, _) | (_, Language::English) => "English",
                    _ => "Indonesian",
                }
            )),
            Pairing::OtherLanguage => {
                let side = if self.id == Language::Other {
                    "the Indonesian side"
                } else {
                    "the English side"
                };
                Some(format!("{side} is in another language"))
            }
        }
    }

    /// The note for a swapped pair.
    pub fn swap_note(&self) -> Option<&'static str> {
        self.swapped().then_some(
            "the Indonesian side reads as English and the English side as Indonesian: aligned \
             the other way round",
        )
    }
}

/// Words a side needs before it can be called another language.
const OTHER_MIN_WORDS: usize = 12;
/// Below this share of function words of either language, a side of enough words is another
/// language (Indonesian and English running text: 0.2–0.5).
const OTHER_MAX_FUNCTION_SHARE: f64 = 0.04;

/// Below this share of its lowercase words known to the bundled lexicon (as Indonesian or
/// English words), a side without function words is another language; a list of names
/// (`anak Matatias, anak Amos, …`) has few function words but known words.
const OTHER_MAX_KNOWN_SHARE: f64 = 0.5;

/// The share of the lowercase words of `text` (three letters or more) that the bundled lexicon
/// knows as an Indonesian or an English word.
fn known_share(text: &str) -> f64 {
    use crate::lexicon::{Lexicon, is_stop_en, is_stop_id, key, stem_en, stem_id};
    let lex = Lexicon::bundled();
    let (mut known, mut all) = (0usize, 0usize);
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().count() < 3 || !w.chars().all(char::is_lowercase) {
            continue;
        }
        all += 1;
        known += usize::from(
            is_stop_id(w)
                || is_stop_en(w)
                || !lex.translations(key(&stem_id(w))).is_empty()
                || lex.has_en(key(&stem_en(w))),
        );
    }
    if all == 0 {
        1.0
    } else {
        known as f64 / all as f64
    }
}

/// Most bytes of a side [`side_language`] reads (from its start, cut at a space): the
/// language of a long document shows in its first pages.
pub const LANGUAGE_BYTES: usize = 64 << 10;

/// `text` up to about `max` bytes, cut at a white space.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(k) if k > 0 => &text[..k],
        _ => &text[..end],
    }
}

/// The language of one side (read from its first [`LANGUAGE_BYTES`]).
pub fn side_language(text: &str) -> Language {
    let text = head(text, LANGUAGE_BYTES);
    // ASCII letters are Latin: counted byte by byte; only other characters are decoded.
    let ascii = text.bytes().filter(u8::is_ascii_alphabetic).count();
    let (mut latin, mut letters) = (ascii, ascii);
    if !text.is_ascii() {
        for c in text.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()) {
            letters += 1;
            latin += usize::from(('\u{c0}'..='\u{24f}').contains(&c));
        }
    }
    if letters >= 20 && latin * 2 < letters {
        return Language::Other;
    }
    let g = langid::guess_text(text);
    match g.lang {
        Some(Lang::Id) => Language::Indonesian,
        Some(Lang::En) => Language::English,
        None if g.words >= OTHER_MIN_WORDS
            && (g.function_words as f64) < OTHER_MAX_FUNCTION_SHARE * g.words as f64
            && known_share(text) < OTHER_MAX_KNOWN_SHARE =>
        {
            Language::Other
        }
        None => Language::Unknown,
    }
}

/// Whether two texts are the same text (ignoring case, spacing and Unicode forms).
fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        crate::text::normalize(s)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    // First their beginnings (normalising a long text twice is the cost of this test, and
    // two texts that differ almost always differ in their first words): the same text
    // starts the same way, up to the word each beginning was cut in.
    let (ha, hb) = (norm(head(a, 512)), norm(head(b, 512)));
    let (short, long) = if ha.len() <= hb.len() {
        (&ha, &hb)
    } else {
        (&hb, &ha)
    };
    let whole_words = short.rfind(' ').map_or("", |k| &short[..k]);
    if !long.starts_with(whole_words) {
        return false;
    }
    let a = norm(a);
    a.chars().filter(|c| c.is_alphabetic()).count() >= 8 && a == norm(b)
}

/// Identify the language of each side of a pair given as (Indonesian, English) and judge the
/// pair.
pub fn identify(id: &str, en: &str) -> Languages {
    let (li, le) = (side_language(id), side_language(en));
    use Language::*;
    let pairing = if same_text(id, en) {
        Pairing::Identical
    } else {
        match (li, le) {
            (Other, _) | (_, Other) => Pairing::OtherLanguage,
            (English, Indonesian) => Pairing::Swapped,
            (Indonesian, Indonesian) | (English, English) => Pairing::SameLanguage,
            // A side in the other side's language, the other side too short to tell: an
            // English text is never written as Indonesian.
            (English, Unknown) | (Unknown, Indonesian) => Pairing::SameLanguage,
            _ => Pairing::AsGiven,
        }
    };
    Languages {
        id: li,
        en: le,
        pairing,
        copied: (0, 0),
    }
}

/// The lines of `text` that are a copy of the other side: a line that is also a line of
/// `other` (the same text, spaces around it aside) and reads as `other_lang` (the other
/// side's language, not `text`'s). A page holding the original beside its translation would
/// otherwise align the original with itself (beads dropped as identical) and leave the
/// translation unpaired. Byte ranges of the lines, without their line breaks.
pub fn copied_lines(text: &str, other: &str, other_lang: Lang) -> Vec<std::ops::Range<usize>> {
    let lines: rustc_hash::FxHashSet<&str> = other
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        // The language is read only of lines found on the other side.
        if lines.contains(body.trim()) && langid::guess(body).lang == Some(other_lang) {
            out.push(start..start + body.len());
        }
        start += line.len();
    }
    out
}

/// `text` with the bytes of `ranges` made spaces (each range within one line, its line break
/// kept): what is left out reads as blank lines, and every other byte keeps its offset.
pub fn blank(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        bytes[r.clone()].fill(b' ');
    }
    // Whole lines were replaced, so no character was cut.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {

    #[test]
    fn lines_that_copy_the_other_side_are_found() {
        let id = "Banjir merendam ratusan rumah di kota itu pada hari Senin.\n\
                  \"We will rebuild the bridge this year,\" kata wali kota.\n";
        let en = "Floods submerged hundreds of homes in the city on Monday.\n\
                  \"We will rebuild the bridge this year,\" the mayor said.\n\
                  Banjir merendam ratusan rumah di kota itu pada hari Senin.\n";
        // The Indonesian sentence again on the English side.
        let copies = copied_lines(en, id, Lang::Id);
        assert_eq!(copies.len(), 1);
        assert!(en[copies[0].clone()].starts_with("Banjir merendam"));
        let blanked = blank(en, &copies);
        assert_eq!(blanked.len(), en.len());
        assert!(!blanked.contains("Banjir") && blanked.contains("Floods"));
        // A quote in English within an Indonesian line is not a copy of an English line.
        assert!(copied_lines(id, en, Lang::En).is_empty());
    }

    use super::*;

    const ID: &str = "Presiden mengatakan bahwa pemerintah akan membangun jalan baru tahun ini. \
                      Jalan itu akan menghubungkan dua kota di pulau tersebut.";
    const EN: &str = "The president said that the government would build a new road this year. \
                      The road will connect two cities on the island.";

    #[test]
    fn a_pair_as_given() {
        use Language::*;
        let l = identify(ID, EN);
        assert_eq!(
            (l.id, l.en, l.pairing),
            (Indonesian, English, Pairing::AsGiven)
        );
        assert_eq!(l.reason(), None);
    }

    #[test]
    fn swapped_sides() {
        let l = identify(EN, ID);
        assert!(l.swapped() && !l.not_parallel());
        assert!(l.swap_note().is_some());
    }

    #[test]
    fn not_parallel_pairs() {
        assert_eq!(identify(ID, ID).pairing, Pairing::Identical);
        assert_eq!(
            identify(ID, &ID.replace("pulau", "negeri")).pairing,
            Pairing::SameLanguage
        );
        let fr = "Le président a déclaré que le gouvernement construirait une nouvelle route \
                  cette année, qui reliera deux villes de l'île.";
        let l = identify(ID, fr);
        assert_eq!(l.pairing, Pairing::OtherLanguage);
        assert_eq!(
            l.reason().unwrap(),
            "the English side is in another language"
        );
        let zh = "总统说政府今年将修建一条新路。这条路将连接岛上的两个城市。";
        assert_eq!(identify(zh, EN).pairing, Pairing::OtherLanguage);
        let de = "Der Präsident sagte, die Regierung werde dieses Jahr eine neue Straße bauen, \
                  welche zwei Städte der Insel verbinden soll.";
        assert_eq!(identify(ID, de).pairing, Pairing::OtherLanguage);
    }

    #[test]
    fn long_texts_the_same_but_for_case_and_spacing() {
        let a = ID.repeat(20);
        let b = a.to_uppercase().replace(' ', "  \n");
        assert_eq!(identify(&a, &b).pairing, Pairing::Identical);
        let c = format!("{a} Satu kalimat lagi.");
        assert_eq!(identify(&a, &c).pairing, Pairing::SameLanguage);
    }

    #[test]
    fn a_list_of_names_is_not_another_language() {
        let id = "anak Matatias, anak Amos, anak Nahum, anak Esli, anak Nagai, anak Maat, \
                  anak Simei, anak Yosek, anak Yoda, anak Yohanan, anak Resa,";
        let en = "the son of Mattathias, the son of Amos, the son of Nahum, the son of Esli, \
                  the son of Naggai, the son of Maath, the son of Semein,";
        assert_eq!(identify(id, en).pairing, Pairing::AsGiven);
    }

    #[test]
    fn short_sides_are_left_as_given() {
        assert_eq!(
            identify("Jakarta, 2024", "Jakarta, 2024.").pairing,
            Pairing::AsGiven
        );
        assert_eq!(identify("Ya.", "Yes.").pairing, Pairing::AsGiven);
    }
}
