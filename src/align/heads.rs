//! Run-in headlines: a title or subhead with no final punctuation that runs into the first
//! sentence of its paragraph on the same line (`Pemerintah Umumkan Kebijakan Baru Secara
//! historis, …` / `Government Announces New Policy Historically, …`). The segmenter sees no
//! sentence end there, so each side holds headline and sentence as one sentence, and the
//! pair aligns as one bead where the translation pairs two.
//!
//! Where a headline may end is read from its form on each side ([`head_cuts`]), each place
//! with a prior by how sure the form is: after at least four capitalised words of a
//! title-cased run (three, at a lower prior, where it writes small words in lower case),
//! before one of the last capitalised words before the first word in lower
//! case that a title would capitalise (the sentence may open with a short name; surely one of
//! them where the run capitalises a function word and writes small words in lower case, as a
//! title does and a name does not), and surely before a small function word capitalised where
//! the title writes such words in lower case;
//! in sentence case, before a capitalised function word (sure), or a capitalised word after one
//! in lower case or after another capitalised word (unsure: names go on). A name opening the
//! sentence counts against a place (`Gubernur Jawa Tengah Surya Cahaya meresmikan …` is a
//! title and a name, not a headline and a sentence), unless either side is surely a title or
//! holds a verb in its title run (a clause: `… Kenseth Menang dengan Mudah | Elliott …`); a
//! place between two words that the other side writes as they are side by side is inside a name and
//! counts against too, and so does a headline that would end with a word that needs what follows
//! it (an article, a preposition, a conjunction that opens a clause, a form of address, an
//! Indonesian word for a kind of place before its name: `Kepulauan | Granite`) or a sentence
//! that would open with a word that ends a place's name (`Flores | Timur`). The two sides decide together
//! ([`Aligner::split_heads`]): for a bead whose first sentence starts a paragraph on both
//! sides, every pair of places is weighed by the two priors, by the words that would find their
//! translation only across the cut (`misplaced`; the parts read in sentence case, so that a
//! title's words match as words, not as names) and by how well the lengths of the parts agree.
//! The best pair splits both sentences where its score, with one such word forgiven (word
//! matches are noisy), is above nothing; the bead becomes the headline's bead and the rest,
//! and a subhead after the headline is looked for the same way. A strong form on one side and
//! a weak one on the other can split; weak forms on both sides cannot, since a sentence cut at
//! matching places looks as consistent as a headline does.

use crate::score::{Evidence, Prepared, cover_with};
use crate::segment::{Lang, Sentence, is_title_before_name};

use super::model::{DocStats, length_term};
use super::{Aligner, Bead};

/// Weights of the decision (log odds).
#[derive(Clone, Debug)]
pub struct HeadParams {
    /// Prior of a cut before the last capitalised word of a title-cased run (before the first
    /// word in lower case that a title would capitalise).
    pub title: f64,
    /// Less for each capitalised word between the cut and the end of the run.
    pub title_step: f64,
    /// More for every place of a run that is surely a title: it writes small words in lower
    /// case and capitalises a function word that is not one of them, after its first word,
    /// not `I` and not beside a name (`It Was as Though He Was …`, `… Is Familiar, or Should
    /// Be`). A name (`Head of the Surabaya City Education Office`) has no such word, and no
    /// sentence holds such a run: it ends at one of its places, and a name there opens the
    /// sentence at no cost ([`HeadParams::name_opener`]).
    pub sure_title: f64,
    /// Less where the place falls between two capitalised words that the other side writes
    /// as they are, side by side (`… Penduduk Amnesty | International mengutip …` against
    /// `Amnesty International cites`): inside a name, which the step back along the title
    /// run would otherwise prefer to its start.
    pub inside_name: f64,
    /// More for a small function word that is capitalised in a run that writes others in
    /// lower case (`… Says In China the …`).
    pub small_cap: f64,
    /// Prior of a cut in sentence case before a capitalised function word.
    pub function: f64,
    /// Before an opening quote and a capital, where the quotation runs on (not a quoted term
    /// that closes within a few words).
    pub quote: f64,
    /// Before a capitalised common word (one the lexicon knows) after a word in lower case.
    pub common: f64,
    /// Before another capitalised word (a name?) after a word in lower case.
    pub name: f64,
    /// Cost of each word that finds its translation only across the cut (`misplaced`).
    pub cross: f64,
    /// Misplaced words forgiven in deciding whether to split at all (not in choosing where).
    pub forgiven: f64,
    /// Weight of the length terms.
    pub len: f64,
    /// Before a capitalised word (not a function word) after another (inside a name?).
    pub after_capital: f64,
    /// Less where the word that would open the sentence is a name (capitalised and unknown
    /// to the lexicon, or written as it is on the other side): a title and a name going on
    /// (`Gubernur Jawa Tengah Surya Cahaya meresmikan …`) are not a headline and a sentence.
    pub name_opener: f64,
    /// Less where the place follows a list's `and` and names (`Bogor Regency, Bekasi City and
    /// Karawang | Regency are …`).
    pub listed: f64,
    /// The same where the name follows a word in lower case in sentence case (`… dorongan
    /// untuk membunuh | Cotton dilahirkan …`): a rank before a name is capitalised, so a
    /// place there is less likely inside a lead's title and name.
    pub name_after_lower: f64,
    /// Less where the headline would end with an article, a conjunction or a preposition
    /// (`… Louis the | German invaded`): a title does not; the same where the sentence would
    /// open with a word that goes after a place's name (`… Flores | Timur kembali …`).
    pub dangling: f64,
    /// Less where the headline would end with an Indonesian word for a kind of place, which
    /// stands before the place's name (`… Samudra Hindia Kepulauan | Granite mencakup …`).
    /// Small, since the word may also stand for a place of that kind without its name (`…
    /// Beberapa Rangkaian Pegunungan | Andes …`).
    pub place_word: f64,
    /// Prior of a place before a capitalised word of a text that is one title-cased run, if
    /// such places are looked for (only in a headline already cut off: a subhead stacked on
    /// it, `Kembali ke Kereta | Sebuah Kota Kecil …`).
    pub inside_title: Option<f64>,
    /// How many capitalised words from the end of a title-cased run may open the sentence
    /// (farther back, only a small word capitalised where the run writes such words in lower
    /// case: `… in May | The Central Java Trade Office said …`).
    pub title_reach: usize,
    /// Least score of a split.
    pub threshold: f64,
    /// Least number of capitalised words (not small ones) in a title-cased headline at the
    /// prior [`HeadParams::title`].
    pub title_words: usize,
    /// Less where the title has one capitalised word fewer.
    pub short_title: f64,
    /// Least number of words in a headline.
    pub min_words: usize,
}

impl Default for HeadParams {
    fn default() -> Self {
        HeadParams {
            inside_title: None,
            name_after_lower: 1.0,
            dangling: 2.0,
            place_word: 1.0,
            title: 1.5,
            title_step: 0.6,
            sure_title: 4.0,
            inside_name: 1.0,
            small_cap: 1.5,
            function: 2.0,
            quote: 0.5,
            common: -0.5,
            name: -0.5,
            after_capital: -1.0,
            name_opener: 2.0,
            title_reach: 3,
            listed: 1.0,
            cross: 0.6,
            forgiven: 1.0,
            len: 0.4,
            threshold: 0.0,
            title_words: 4,
            short_title: 1.0,
            min_words: 3,
        }
    }
}

/// A place where a headline may end: the byte offset in the sentence's text of the word that
/// opens the sentence after it, and the prior of a cut there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadCut {
    pub at: usize,
    pub prior: f64,
    /// What the prior lost for the capitalised words between the place and the end of its
    /// title run ([`HeadParams::title_step`]): how long a name may open the sentence, which
    /// the two sides of a translation share.
    pub step: f64,
    /// What the prior lost for a name opening the sentence, which a sure title on the other
    /// side gives back: the bead has a headline, and this side may capitalise every word (as
    /// Indonesian titles often do) and then cannot tell by itself.
    pub lifted: f64,
}

/// Function words written with a capital inside a sentence too.
const ALWAYS_CAPITAL: &[&str] = &["i", "anda", "kau", "engkau", "tuhan", "allah"];

/// Prior of a place inside a headline already cut off that is one title-cased run
/// ([`HeadParams::inside_title`]): as likely as not before the other side's evidence.
const INSIDE_TITLE: f64 = 0.0;

/// Most places on each side weighed in pairs ([`Aligner::split_heads`]): those of the highest
/// priors.
const MAX_PLACES: usize = 12;

/// Most headlines split off one sentence (a headline, a subhead, a deck).
const MAX_HEADS: usize = 3;

/// Most words before a place where a headline may end: a headline is short, and a paragraph
/// of thousands of words with no sentence end (a list, text without punctuation) must not
/// cost a search over every pair of its capitalised words.
const MAX_HEAD_WORDS: usize = 64;

/// Small function words that titles write in lower case.
fn is_small(lower: &str, lang: Lang) -> bool {
    const EN: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "for", "of", "in", "on", "at",
        "to", "by", "with", "from", "as", "into", "onto", "upon", "over", "per", "via", "vs",
        "than", "off", "up", "out",
    ];
    const ID: &[&str] = &[
        "di", "ke", "dari", "dan", "atau", "yang", "untuk", "dengan", "pada", "dalam", "oleh",
        "bagi", "akan", "serta", "tentang", "terhadap", "sebagai", "karena", "hingga", "sampai",
        "antara", "tanpa", "si", "sang", "para", "kepada", "daripada", "agar", "bahwa", "atas",
        "tidak", "tak",
    ];
    match lang {
        Lang::En => EN.contains(&lower),
        Lang::Id => ID.contains(&lower),
    }
}

/// Small words that every style of title writes in lower case (longer function words such
/// as `Than`, `From`, `Terhadap`, `Daripada` are capitalised by some styles).
fn always_small(lower: &str, lang: Lang) -> bool {
    const EN: &[&str] = &[
        "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "by", "for",
        "as", "with", "from", "into", "onto", "over", "via", "vs", "per",
    ];
    const ID: &[&str] = &[
        "di", "ke", "dari", "dan", "atau", "yang", "untuk", "dengan", "pada", "dalam", "oleh",
        "bagi",
    ];
    match lang {
        Lang::En => EN.contains(&lower),
        Lang::Id => ID.contains(&lower),
    }
}

/// Words that never end a title: articles, conjunctions, prepositions and the adjective
/// `former` that need what follows them (`… towards | Sicily and Italy`, `… mantan | Menteri
/// Hukum`), and the conjunctions that open a clause (`… Samples Once | Hans Pettersson was …`:
/// `Once` opens the sentence).
fn dangles(lower: &str, lang: Lang) -> bool {
    const EN: &[&str] = &[
        "although",
        "because",
        "if",
        "unless",
        "whether",
        "whereas",
        "when",
        "whenever",
        "once",
        "towards",
        "toward",
        "between",
        "among",
        "amongst",
        "against",
        "during",
        "within",
        "across",
        "along",
        "including",
        "despite",
        "former",
    ];
    const ID: &[&str] = &[
        "si",
        "sang",
        "para",
        "serta",
        "bahwa",
        "ketika",
        "setelah",
        "sesudah",
        "sebelum",
        "meskipun",
        "walaupun",
        "jika",
        "apabila",
        "kalau",
        "sehingga",
        "supaya",
        "agar",
        "karena",
        "namun",
        "tetapi",
        "sedangkan",
        "antara",
        "kepada",
        "terhadap",
        "tentang",
        "menuju",
        "sepanjang",
        "melalui",
        "selama",
        "seperti",
        "termasuk",
        "betapa",
        "mantan",
    ];
    always_small(lower, lang)
        || match lang {
            Lang::En => EN.contains(&lower),
            Lang::Id => ID.contains(&lower),
        }
}

/// Indonesian words for a kind of place or institution that stand before its name
/// (`Kepulauan Granite`, `sungai Nestus`, `Universitas Indonesia`), and `bulan` before the name
/// of a month (`bulan Mei`; not before another word: `Gerhana Bulan`, the moon)
/// ([`HeadParams::place_word`]). `next` is the word after it, in lower case. Words that stand
/// alone for the place more often than not (`kota`, `desa`, `jalan`) are left out.
fn stands_before_a_name(lower: &str, next: &str, lang: Lang) -> bool {
    lang == Lang::Id
        && (lower == "bulan" && crate::lexicon::is_month_id(next)
            || matches!(
                lower,
                "pulau"
                    | "kepulauan"
                    | "sungai"
                    | "gunung"
                    | "pegunungan"
                    | "danau"
                    | "selat"
                    | "teluk"
                    | "tanjung"
                    | "samudra"
                    | "samudera"
                    | "kabupaten"
                    | "provinsi"
                    | "kecamatan"
                    | "kelurahan"
                    | "universitas"
            ))
}

/// Words that go after a place's name and are part of it: Indonesian points of the compass
/// (`Jawa Timur`, `Jakarta Utara`), English kinds of place (`Flores Regency`, `Seribu
/// Islands`). Words that often open a sentence as common nouns (`Island residents …`, `City
/// officials …`, `Daya beli …`) are left out.
fn ends_a_place(lower: &str, lang: Lang) -> bool {
    match lang {
        Lang::Id => matches!(
            lower,
            "timur" | "barat" | "utara" | "selatan" | "tengah" | "tenggara"
        ),
        Lang::En => matches!(
            lower,
            "regency" | "province" | "islands" | "strait" | "peninsula" | "mountains"
        ),
    }
}

/// Whether `text` is written as a title: at least two capitalised words, and no word in lower
/// case that a title would capitalise.
fn is_title(text: &str, lang: Lang) -> bool {
    let mut capitals = 0;
    for (_, w) in crate::text::words(text) {
        match case_of(w) {
            Case::Upper => capitals += 1,
            Case::Lower if !is_small(&bare(w), lang) => return false,
            _ => {}
        }
    }
    capitals >= 2
}

/// The capitalised words of `text`, in lower case, without the punctuation around them.
fn names_in(text: &str) -> std::collections::HashSet<String> {
    text.split_whitespace()
        .filter(|w| case_of(w) == Case::Upper)
        .map(bare)
        .collect()
}

/// `text` with every capitalised word after the first in lower case (a title read as a
/// sentence: its words are matched as words, not as names); words in capitals stay.
fn sentence_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, w) in text.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let mut cs = w.chars();
        let titled = k > 0
            && case_of(w) == Case::Upper
            && w.chars().filter(|c| c.is_uppercase()).count() == 1;
        if titled {
            out.extend(cs.by_ref().flat_map(char::to_lowercase));
        } else {
            out.push_str(w);
        }
    }
    out
}

/// How a word is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Its first letter is a capital.
    Upper,
    /// Its first letter is in lower case.
    Lower,
    /// No letter before a digit or at all (`$5.000`, `2035`, `-`).
    Other,
}

fn case_of(word: &str) -> Case {
    for c in word.chars() {
        if c.is_uppercase() {
            return Case::Upper;
        }
        if c.is_lowercase() {
            return Case::Lower;
        }
        if c.is_ascii_digit() {
            return Case::Other;
        }
    }
    Case::Other
}

/// The letters of a word in lower case, without the punctuation around it.
fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Whether the lexicon knows `lower` (a word in lower case), also as the word an English
/// clitic is written onto (`we’ve`, `isn’t`, `city’s`).
fn known(ev: &Evidence, lower: &str, lang: Lang) -> bool {
    if ev.is_common_word(lower, lang) {
        return true;
    }
    if lang == Lang::Id {
        return false;
    }
    let w = lower.replace('’', "'");
    let stem = ["n't", "'s", "'ve", "'re", "'ll", "'d", "'m"]
        .iter()
        .find_map(|c| w.strip_suffix(c));
    match stem {
        Some("ca") => true,
        Some("wo") => true,
        Some(s) if !s.is_empty() => ev.is_common_word(s, lang),
        _ => false,
    }
}

/// Where a headline at the start of `text` (the first sentence of a paragraph) may end, with
/// the prior of each (see the module's documentation), ascending; whether `text` opens
/// surely with a title ([`HeadParams::sure_title`]); and whether its title run holds a verb,
/// which makes it a clause, not a lead's title and name.
pub fn head_cuts(
    text: &str,
    lang: Lang,
    other: &str,
    ev: &Evidence,
    params: &HeadParams,
) -> (Vec<HeadCut>, bool, bool) {
    let names = names_in(other);
    let ws = crate::text::words(text);
    // Places lie before word `k` for `k` below this.
    let last = ws.len().min(MAX_HEAD_WORDS + 1);
    if ws.len() <= params.min_words {
        return (Vec::new(), false, false);
    }
    let case: Vec<Case> = ws.iter().map(|(_, w)| case_of(w)).collect();
    let small: Vec<bool> = ws.iter().map(|(_, w)| is_small(&bare(w), lang)).collect();
    // The first word in lower case that a title would capitalise ends the title-cased run.
    let run = (0..ws.len())
        .find(|&k| case[k] == Case::Lower && !small[k])
        .unwrap_or(ws.len());
    let mut out = Vec::new();
    // A word that ends with punctuation ends a clause or a sentence, not a headline.
    let open_after = |k: usize| {
        !ws[k - 1]
            .1
            .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
            .ends_with(['.', ',', ';', ':', '!', '?', '-', '–', '—', '…', '/', '('])
    };
    // A name: a capitalised word the other side writes as it is (Indonesian names are often
    // words: `Putri`, `Indah`), or one the lexicon does not know before such a word (a rank
    // or an abbreviated title: `Kombes Yudi Permana`). A word the lexicon lacks is not a name
    // by itself: the lexicon misses many words (`Sekalipun`, `Gaining`).
    let verbatim = |k: usize| case[k] == Case::Upper && names.contains(&bare(ws[k].1));
    let unknown = |k: usize| {
        let w = bare(ws[k].1);
        case[k] == Case::Upper
            && !w.is_empty()
            && (names.contains(&w) || (!known(ev, &w, lang) && k + 1 < ws.len() && verbatim(k + 1)))
    };
    let in_name = |k: usize| unknown(k - 1) && unknown(k);
    // The run writes small words in lower case (not every word capitalised).
    let lowers = (0..run).any(|k| k > 0 && small[k] && case[k] == Case::Lower);
    // A function word beside a name may be part of it (`Health Will Harding`, `Reporters
    // Without Borders`): it does not count.
    let sure_title = lowers
        && (1..run).any(|k| {
            let w = bare(ws[k].1);
            case[k] == Case::Upper
                && !small[k]
                && !ALWAYS_CAPITAL.contains(&w.as_str())
                && crate::lexicon::is_stop(&w, lang)
                && !unknown(k)
                && !unknown(k - 1)
                && !(k + 1 < ws.len() && unknown(k + 1))
        });
    // A title run with a verb in it is a clause, a headline, not a lead's title and name
    // (`… dan Kenseth Menang dengan Mudah | Elliott menghadiri …`, `… Technicians, Were
    // Involved | Stalin had …`): a name may open the sentence after it at no cost, as after a
    // sure title.
    let clause =
        (1..run).any(|k| case[k] == Case::Upper && !unknown(k) && is_verb(&bare(ws[k].1), lang));
    if run < ws.len() && run > params.min_words {
        let and = |w: &str| matches!(bare(w).as_str(), "and" | "dan" | "serta" | "or" | "atau");
        let mut later = 0;
        for k in (params.min_words..run.min(last)).rev() {
            if case[k] != Case::Upper {
                continue;
            }
            // A title has capitalised words of its own (not a name joined by `and`).
            let titled = (0..k)
                .filter(|&x| case[x] == Case::Upper && !small[x])
                .count();
            // A comma in the run and `and` just before makes the place more likely inside a
            // list of names (`Bogor Regency, Bekasi City and Karawang | Regency are …`).
            let listed = ws[..k].iter().any(|w| w.1.ends_with(','))
                && (k.saturating_sub(3)..k).any(|j| and(ws[j].1) && (j + 1..k).all(unknown));
            // A title of one capitalised word fewer is a place too, but a less likely one: it
            // takes the other side's evidence to split there (`Rupiah Melemah terhadap Dolar |
            // Saham-saham AS turun …`). Only where the run writes small words in lower case, as
            // a title does: a name of four words opening a lead does not (`Dinas Perdagangan
            // Jawa | Tengah mengatakan …`).
            let short = lowers && titled + 1 == params.title_words;
            // Beyond the last capitalised words, a small word capitalised where the run writes
            // such words in lower case still opens the sentence, before a long name (`… in May
            // | The Central Java Trade Office said …`).
            if open_after(k)
                && (later < params.title_reach || (lowers && always_small(&bare(ws[k].1), lang)))
                && (titled >= params.title_words || short)
            {
                let step = later as f64 * params.title_step;
                let mut prior = params.title - step - if short { params.short_title } else { 0.0 };
                if sure_title {
                    prior += params.sure_title;
                }
                // Sure where the title writes its small words in lower case; less where it
                // has none (it may capitalise every word).
                if always_small(&bare(ws[k].1), lang) {
                    prior += params.small_cap * if lowers { 1.0 } else { 0.5 };
                }
                // A name opening the sentence costs where the run may be a lead's title and
                // name going on, not where it is surely a title or a clause (on either side:
                // `lifted`).
                let lifted = if unknown(k) && !sure_title && !clause {
                    params.name_opener
                } else {
                    0.0
                };
                prior -= lifted;
                if listed {
                    prior -= params.listed;
                }
                out.push(HeadCut {
                    at: ws[k].0,
                    prior,
                    step,
                    lifted,
                });
            }
            later += 1;
        }
    }
    // Inside a headline already cut off that is all one title-cased run (a subhead stacked on
    // it): before any capitalised word that is not a name.
    if let (Some(prior), true) = (params.inside_title, run == ws.len()) {
        for k in params.min_words..last {
            if case[k] == Case::Upper && !small[k] && open_after(k) {
                let prior = prior - if unknown(k) { params.name_opener } else { 0.0 };
                out.push(HeadCut {
                    at: ws[k].0,
                    prior,
                    step: 0.0,
                    lifted: 0.0,
                });
            }
        }
    }
    // Stacked titles (a headline, then a subhead, both title-cased): inside the run, before
    // the last places, a small word that every title style writes in lower case, capitalised
    // where this run writes such words in lower case (`… to Make Shoes | The Consumer Can …`).
    if lowers {
        let end = run.saturating_sub(params.title_reach).min(last);
        for k in params.min_words..end {
            if case[k] == Case::Upper
                && always_small(&bare(ws[k].1), lang)
                && open_after(k)
                && !unknown(k)
            {
                out.push(HeadCut {
                    at: ws[k].0,
                    prior: params.small_cap,
                    step: 0.0,
                    lifted: 0.0,
                });
            }
        }
    }
    // In sentence case, after the title-cased run (if any): a capitalised word that would
    // not be capitalised inside a sentence.
    for k in params.min_words.max(run)..last {
        let w = ws[k].1;
        let quoted = w.starts_with(['"', '“', '‘']);
        let core = w.trim_start_matches(['"', '“', '‘', '\'', '(']);
        if case_of(core) != Case::Upper || !open_after(k) {
            continue;
        }
        let lower = bare(core);
        let after_lower = case[k - 1] != Case::Upper;
        let prior = if ALWAYS_CAPITAL.contains(&lower.as_str()) {
            // `I`, `Anda`, `Tuhan` are capitalised inside a sentence too: after a word in lower
            // case they tell as much as a common word.
            if !after_lower {
                continue;
            }
            params.common
        } else if crate::lexicon::is_stop(&lower, lang) && !core.ends_with('.') {
            // A function word, not an abbreviation spelled as one (`No. 17`).
            params.function
        } else if quoted {
            // A quotation that opens a sentence runs on, and closes after a sentence's or a
            // clause's punctuation (`"Harga beras turun," kata …`); a quoted term closes within
            // a few words, after a word (`menunjuk "Agen Politik" untuk …`).
            let term = ws[k..].iter().take(5).any(|(_, w)| {
                let core = w.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
                core.ends_with(['"', '”'])
                    && !core
                        .trim_end_matches(['"', '”'])
                        .ends_with(['.', ',', '!', '?'])
            });
            if term { 0.0 } else { params.quote }
        } else if !after_lower {
            params.after_capital - if in_name(k) { params.name_opener } else { 0.0 }
        } else if known(ev, &lower, lang) {
            params.common
        } else {
            params.name
        };
        // The other side writes it as it is: a name or the title of a work (`… di album Over
        // My Head`), not a sentence's first word.
        let prior = prior
            - if names.contains(&lower) {
                if after_lower {
                    params.name_after_lower
                } else {
                    params.name_opener
                }
            } else {
                0.0
            };
        out.push(HeadCut {
            at: ws[k].0,
            prior,
            step: 0.0,
            lifted: 0.0,
        });
    }
    let rest_ok = |at: usize| ws.iter().filter(|w| w.0 >= at).count() >= params.min_words;
    out.retain(|c| rest_ok(c.at));
    // A sentence does not open with a bracket, and a headline does not end inside one or
    // inside a quotation (`MetroPlus (also called | First Class)`, `the "South | Sea"`).
    out.retain(|c| !text[c.at..].starts_with(['(', '[']) && !unclosed(&text[..c.at]));
    // A headline does not end with an article, a conjunction or a preposition, nor with a
    // form of address or a rank, which stands before a name (`… Than It Already Is Mrs |
    // Clinton has …`), nor inside the name after one (`… Stalls Mrs Sari | Wulandari opened`).
    let addressed = |k: usize| {
        (0..k)
            .rev()
            .take_while(|&j| j + 1 == k || unknown(j + 1))
            .any(|j| is_title_before_name(ws[j].1, lang))
    };
    // Every place lies before a word (`rest_ok`): `k`, the word that opens the sentence.
    let word_at = |at: usize| ws.iter().take_while(|w| w.0 < at).count();
    for c in &mut out {
        let k = word_at(c.at);
        let before = k.checked_sub(1).map(|j| ws[j]);
        let next = bare(ws[k].1);
        if before.is_some_and(|w| stands_before_a_name(&bare(w.1), &next, lang)) {
            c.prior -= params.place_word;
        }
        // Nor before a word that goes after a place's name, after a capitalised word (`Flores
        // | Timur`, `East Flores | Regency`): the place's name goes on.
        if before.is_some_and(|w| dangles(&bare(w.1), lang))
            || (k > 0 && unknown(k) && addressed(k))
            || before.is_some_and(|w| is_title_before_name(w.1, lang))
            || (k > 0 && case[k - 1] == Case::Upper && ends_a_place(&next, lang))
        {
            c.prior -= params.dangling;
        }
    }
    // Pairs of capitalised words the other side writes side by side.
    let other_words: Vec<&str> = other.split_whitespace().collect();
    let other_pairs: Vec<(String, String)> = other_words
        .windows(2)
        .filter(|p| {
            p.iter().all(|w| case_of(w) == Case::Upper)
                && !p[0].ends_with([',', '.', ';', ':', '!', '?'])
        })
        .map(|p| (name_form(p[0]), name_form(p[1])))
        .collect();
    for c in &mut out {
        let k = word_at(c.at);
        if k > 0 && case[k - 1] == Case::Upper && case[k] == Case::Upper {
            let (u, v) = (name_form(ws[k - 1].1), name_form(ws[k].1));
            if other_pairs.iter().any(|(p, q)| u == *p && v == *q) {
                c.prior -= params.inside_name;
            }
        }
    }
    // A place found by two rules keeps the higher prior.
    out.sort_by(|a, b| a.at.cmp(&b.at).then(b.prior.total_cmp(&a.prior)));
    out.dedup_by_key(|c| c.at);
    (out, sure_title, clause)
}

/// Whether `head` leaves a bracket or a double quotation open: more opening brackets than
/// closing ones, or more words that open with a double quote than words that close with one
/// anywhere after a letter or digit of it (`"Stephen"…`, `"Dilan"-nya`). A quote right after a
/// digit closes nothing (`6,5"`, inches), a quote inside a word opens nothing (`7â€“2`, an en
/// dash read in the wrong encoding), and a quote alone between spaces, which may open or
/// close, counts for neither.
fn unclosed(head: &str) -> bool {
    let count = |c: char| head.chars().filter(|&x| x == c).count();
    let quote = ['"', '“', '”'];
    let words = || {
        head.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
    };
    let opened = words().filter(|w| w.starts_with(quote)).count();
    // A quote after the word's first letter or digit, not right after a digit.
    let closes = |w: &str| {
        let cs: Vec<char> = w.chars().collect();
        (1..cs.len()).any(|k| {
            quote.contains(&cs[k])
                && cs[..k].iter().any(|c| c.is_alphanumeric())
                && !cs[k - 1].is_ascii_digit()
        })
    };
    let closed = words().filter(|w| closes(w)).count();
    count('(') > count(')') || count('[') > count(']') || opened > closed
}

/// Whether `lower` (a word in lower case) is a verb form that a name or a title of rank does
/// not hold: in English an auxiliary (`were`, `has`), in Indonesian a copula or an auxiliary
/// (`adalah`, `telah`) or a transitive verb: the prefix of an active or a passive verb and the
/// suffix `-kan` or `-i` on a root (`mendapatkan`, `diperlakukan`, `menyeberangi`; the stemmer
/// strips them only down to a root it knows). Without the suffix the prefix also makes
/// adjectives and place names that titles of rank hold (`Usaha Kecil dan Menengah`, `Menuju`,
/// `Merapi`), and `ber-` and `ter-` make them too (`Persatuan Bersepeda`, `Universitas
/// Terbuka`).
fn is_verb(lower: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => matches!(
            lower,
            "is" | "are"
                | "was"
                | "were"
                | "has"
                | "had"
                | "have"
                | "does"
                | "did"
                | "would"
                | "could"
                | "should"
        ),
        Lang::Id => {
            matches!(lower, "adalah" | "merupakan" | "telah" | "sudah" | "sedang")
                || ((lower.starts_with("me") || lower.starts_with("di")) && {
                    let stem = crate::lexicon::stem_id(lower);
                    stem != lower
                        && stem.len() >= 3
                        && ["kan", "i"]
                            .iter()
                            .any(|suffix| lower.ends_with(suffix) && !stem.ends_with(suffix))
                })
        }
    }
}

/// A word as a part of a name is compared: bare, without an English possessive (`Town's`).
fn name_form(word: &str) -> String {
    let w = bare(word);
    match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        Some(stem) => stem.to_string(),
        None => w,
    }
}

/// Sentences, how they were prepared, and an alignment of them, after splitting run-in
/// headlines.
pub struct Heads {
    pub id: Vec<Sentence>,
    pub pid: Vec<Prepared>,
    pub en: Vec<Sentence>,
    pub pen: Vec<Prepared>,
    pub beads: Vec<Bead>,
    /// Per Indonesian sentence here: the index of the input sentence it is, `None` for a part.
    pub id_sentence: Vec<Option<usize>>,
    /// Per English sentence: the same.
    pub en_sentence: Vec<Option<usize>>,
    /// How many headlines were split.
    pub split: usize,
}

impl Heads {
    /// Indices of sentences here (as a clause split of these sentences gives them) turned into
    /// indices of the input sentences, `None` for a part of one.
    pub fn to_sentences(&self, id: &mut [Option<usize>], en: &mut [Option<usize>]) {
        for (ks, of) in [(id, &self.id_sentence), (en, &self.en_sentence)] {
            for k in ks.iter_mut() {
                *k = k.and_then(|k| of[k]);
            }
        }
    }
}

/// Per bead that starts with headlines: its first Indonesian sentence, the offsets of the
/// headline ends in it, the same for English, and the probability of each cut; in bead order
/// ([`Aligner::find_heads`]).
pub(crate) type HeadCuts = Vec<(usize, Vec<usize>, usize, Vec<usize>, Vec<f64>)>;

/// The offsets of headline ends in an Indonesian and an English sentence, and the
/// probability of each cut ([`Aligner::heads_in`]).
type Ends = (Vec<usize>, Vec<usize>, Vec<f64>);

/// A sentence cut at byte `at` of its text, each part trimmed.
fn cut(s: &Sentence, at: usize) -> (Sentence, Sentence) {
    let head = s.text[..at].trim_end().len();
    (s.part(0, head), s.part(at, s.text.len()))
}

/// The items of a split pair that find a counterpart only across the cut: of the Indonesian
/// headline `a` in the English sentence `d` and not in the English headline `c`, and so on for
/// each part. A headline's words often come again in its first sentence, matching on both
/// sides of the cut; a word that matches only across it was cut off from its translation.
fn misplaced((a, b): (&Prepared, &Prepared), (c, d): (&Prepared, &Prepared)) -> f64 {
    let (ac_a, ac_c) = cover_with(a, c);
    let (ad_a, ad_d) = cover_with(a, d);
    let (bc_b, bc_c) = cover_with(b, c);
    let (bd_b, bd_d) = cover_with(b, d);
    let n = (ad_a & !ac_a).count_ones()
        + (bc_b & !bd_b).count_ones()
        + (bc_c & !ac_c).count_ones()
        + (ad_d & !bd_d).count_ones();
    f64::from(n)
}

impl Aligner {
    /// Split the run-in headlines of the sentences `id` and `en` (prepared as `pid`, `pen` by
    /// this aligner) where their alignment `beads` pairs two sentences that start a paragraph
    /// and the two sides agree on where a headline ends (see the module's documentation);
    /// `stats`: the document's statistics the beads were scored with. `None` where nothing
    /// is split.
    pub fn split_heads(
        &self,
        (id, pid): (&[Sentence], &[Prepared]),
        (en, pen): (&[Sentence], &[Prepared]),
        beads: &[Bead],
        stats: &DocStats,
    ) -> Option<Heads> {
        let cuts = self.find_heads((id, pid), (en, pen), beads, stats)?;
        let (mut id, mut pid, mut en, mut pen) =
            (id.to_vec(), pid.to_vec(), en.to_vec(), pen.to_vec());
        Some(self.apply_heads((&mut id, &mut pid), (&mut en, &mut pen), beads, &cuts))
    }

    /// Where [`Aligner::split_heads`] splits: per bead that starts with headlines, its first
    /// sentence on each side and the offsets of the headline ends in them (a headline, then a
    /// subhead, …). `None` where nothing is split.
    pub(crate) fn find_heads(
        &self,
        (id, pid): (&[Sentence], &[Prepared]),
        (en, pen): (&[Sentence], &[Prepared]),
        beads: &[Bead],
        stats: &DocStats,
    ) -> Option<HeadCuts> {
        let params = HeadParams::default();
        // How many sentences come before sentence `k` in its paragraph (at most MAX_HEADS),
        // and whether all of them are titles (a headline the segmenter cut at its own full
        // stop: `Sekarang Jepang. Jepang Adalah …`): a run-in headline may end in `k` too.
        let after_titles = |s: &[Sentence], k: usize, lang: Lang| -> Option<(usize, bool)> {
            let n = (0..k)
                .rev()
                .take(MAX_HEADS + 1)
                .take_while(|&j| s[j].para == s[k].para)
                .count();
            (n <= MAX_HEADS).then(|| (n, (k - n..k).all(|j| is_title(&s[j].text, lang))))
        };
        // Per bead that starts with headlines: its first sentence on each side and the
        // offsets of the headline ends in them (a headline, then a subhead, …).
        let mut cuts: HeadCuts = Vec::new();
        // A bead's last sentence on a side that starts its paragraph or follows only titles
        // in it, all of them in the bead (a headline the segmenter cut at its own full stop,
        // or a sentence without a counterpart, may share the headline's bead).
        let opening = |ks: &[usize], s: &[Sentence], lang: Lang| {
            (0..ks.len())
                .rev()
                .find(|&p| after_titles(s, ks[p], lang).is_some_and(|(n, titled)| n <= p && titled))
                .map(|p| ks[p])
        };
        for b in beads {
            let (Some(&i0), Some(&j0)) = (b.id.first(), b.en.first()) else {
                continue;
            };
            // Both first sentences start their paragraph, or follow as many titles in it, at
            // least one side's all written as titles; failing a cut there, the bead's last
            // such sentences.
            let first = match (
                after_titles(id, i0, Lang::Id),
                after_titles(en, j0, Lang::En),
            ) {
                (Some((a, ta)), Some((b, tb))) if a == b && (ta || tb) => Some((i0, j0)),
                _ => None,
            };
            let search = |(i, j): (usize, usize)| {
                self.heads_in((&id[i], &pid[i]), (&en[j], &pen[j]), stats, &params)
                    .map(|c| (i, j, c))
            };
            let found = first.and_then(search).or_else(|| {
                match (opening(&b.id, id, Lang::Id), opening(&b.en, en, Lang::En)) {
                    (Some(i), Some(j)) if Some((i, j)) != first => search((i, j)),
                    _ => None,
                }
            });
            if let Some((i, j, (at_i, at_e, sure))) = found {
                cuts.push((i, at_i, j, at_e, sure));
            }
        }
        (!cuts.is_empty()).then_some(cuts)
    }

    /// The headline ends in the sentences `s` and `t` (a headline, then a subhead, …): their
    /// offsets on each side and the probability of each cut; `None` where none is found.
    fn heads_in(
        &self,
        (s, ps): (&Sentence, &Prepared),
        (t, pt): (&Sentence, &Prepared),
        stats: &DocStats,
        params: &HeadParams,
    ) -> Option<Ends> {
        let (mut at_i, mut at_e, mut sure) = (Vec::new(), Vec::new(), Vec::new());
        // Offsets in the texts of the whole sentences where `s` and `t` start.
        let (mut base_i, mut base_e) = (0, 0);
        // What is left of the sentences after the cuts so far (the sentences themselves,
        // borrowed, until the first cut).
        let mut rest: Option<[(Sentence, Prepared); 2]> = None;
        while at_i.len() < MAX_HEADS {
            let ((s, ps), (t, pt)) = match &rest {
                Some([(s, ps), (t, pt)]) => ((s, ps), (t, pt)),
                None => ((s, ps), (t, pt)),
            };
            let Some((ci, ce, p)) = self.head_of((s, ps), (t, pt), stats, params) else {
                break;
            };
            // The cut found may end a subhead stacked on the headline (`Headline Subhead
            // Sentence …`): the part before it is searched again.
            if at_i.len() + 1 < MAX_HEADS {
                let (hs, ht) = (cut(s, ci).0, cut(t, ce).0);
                let (phs, pht) = (
                    self.prepare_side(&hs.text, Lang::Id),
                    self.prepare_side(&ht.text, Lang::En),
                );
                let inner = HeadParams {
                    inside_title: Some(INSIDE_TITLE),
                    ..params.clone()
                };
                if let Some((ni, ne, np)) = self.head_of((&hs, &phs), (&ht, &pht), stats, &inner) {
                    sure.push(np);
                    at_i.push(base_i + ni);
                    at_e.push(base_e + ne);
                }
            }
            sure.push(p);
            base_i += ci;
            base_e += ce;
            at_i.push(base_i);
            at_e.push(base_e);
            let (s, t) = (cut(s, ci).1, cut(t, ce).1);
            let (ps, pt) = (
                self.prepare_side(&s.text, Lang::Id),
                self.prepare_side(&t.text, Lang::En),
            );
            rest = Some([(s, ps), (t, pt)]);
        }
        (!at_i.is_empty()).then_some((at_i, at_e, sure))
    }

    /// A text prepared as this aligner prepares a side (with its learned translations).
    fn prepare_side(&self, text: &str, lang: Lang) -> Prepared {
        let mut p = self.evidence().prepare(text, lang);
        if lang == Lang::Id {
            self.add_learned(&mut p);
        }
        p
    }

    /// The best pair of headline ends of the sentences `s` (Indonesian) and `t` (English), if
    /// splitting both there is likelier than not.
    fn head_of(
        &self,
        (s, ps): (&Sentence, &Prepared),
        (t, pt): (&Sentence, &Prepared),
        stats: &DocStats,
        params: &HeadParams,
    ) -> Option<(usize, usize, f64)> {
        let ev = self.evidence();
        let (mut ci, sure_i, clause_i) = head_cuts(&s.text, Lang::Id, &t.text, ev, params);
        let (mut ce, sure_e, clause_e) = head_cuts(&t.text, Lang::En, &s.text, ev, params);
        // Where one side is surely a title, or a clause, the other is read knowing it.
        for (cuts, other_sure) in [(&mut ci, sure_e || clause_e), (&mut ce, sure_i || clause_i)] {
            if other_sure {
                cuts.iter_mut().for_each(|c| c.prior += c.lifted);
            }
        }
        // Only the likeliest places are weighed in pairs: each pair prepares and compares the
        // parts, and a long paragraph with no sentence end (a list, text without punctuation)
        // offers a place at many of its capitalised words.
        for cuts in [&mut ci, &mut ce] {
            if cuts.len() > MAX_PLACES {
                cuts.sort_by(|a, b| b.prior.total_cmp(&a.prior).then(a.at.cmp(&b.at)));
                cuts.truncate(MAX_PLACES);
                cuts.sort_by_key(|c| c.at);
            }
        }
        // The decision's score is at most the two priors: where the best of them cannot split,
        // the parts need not be prepared.
        let top = |cuts: &[HeadCut]| {
            cuts.iter()
                .map(|c| c.prior)
                .fold(f64::NEG_INFINITY, f64::max)
        };
        if ci.is_empty() || ce.is_empty() || top(&ci) + top(&ce) <= params.threshold {
            return None;
        }
        // Each place's two parts, read in sentence case.
        let parts = |text: &str, cuts: &[HeadCut], lang: Lang| -> Vec<(Prepared, Prepared)> {
            let prep = |part: &str| self.prepare_side(&sentence_case(part), lang);
            cuts.iter()
                .map(|c| (prep(&text[..c.at]), prep(&text[c.at..])))
                .collect()
        };
        let parts_i = parts(&s.text, &ci, Lang::Id);
        let parts_e = parts(&t.text, &ce, Lang::En);
        let len = |a: &Prepared, b: &Prepared| {
            length_term(a.chars as f64, b.chars as f64, stats.ratio, stats.s2)
        };
        let whole = len(ps, pt);
        // The best pair by everything; whether to split, by the same score with a few
        // misplaced words forgiven (word matches are noisy: a headline word whose
        // translation in its sentence is inflected otherwise matches only across).
        // (score, the pair, the score to decide by)
        let mut best = (f64::NEG_INFINITY, (0, 0), f64::NEG_INFINITY);
        for (x, (a, b)) in ci.iter().zip(&parts_i) {
            for (y, (c, d)) in ce.iter().zip(&parts_e) {
                let cross = misplaced((a, b), (c, d));
                // Where the bead surely has a headline, how many capitalised words open the
                // sentence is one question for both sides, asked once: the pair pays the
                // larger of the two steps back, not their sum.
                let shared = if sure_i || sure_e {
                    x.step.min(y.step)
                } else {
                    0.0
                };
                let base = x.prior
                    + y.prior
                    + shared
                    + params.len * (len(a, c) + len(b, d) - whole).min(0.0);
                let score = base - params.cross * cross;
                if score > best.0 {
                    let forgiven = (cross - params.forgiven).max(0.0);
                    best = (score, (x.at, y.at), base - params.cross * forgiven);
                }
            }
        }
        // The decision's score is log odds (the priors are): the cut's probability.
        let p = 1.0 / (1.0 + (-best.2).exp());
        (best.2 > params.threshold).then_some((best.1.0, best.1.1, p))
    }

    /// The sentences with the headlines `cuts` split off ([`Aligner::find_heads`]), and the
    /// beads over them. The sentences and prepared sentences are moved into the result, not
    /// copied (a long document holds many): `id`, `pid`, `en` and `pen` are left empty.
    pub(crate) fn apply_heads(
        &self,
        (id, pid): (&mut [Sentence], &mut [Prepared]),
        (en, pen): (&mut [Sentence], &mut [Prepared]),
        beads: &[Bead],
        cuts: &HeadCuts,
    ) -> Heads {
        // Per side: the new sentences, and the new index of each old one's first part.
        let side = |sents: &mut [Sentence],
                    prep: &mut [Prepared],
                    at: Vec<(usize, &[usize])>,
                    lang: Lang| {
            let mut out = Vec::with_capacity(sents.len() + at.len());
            let mut pout = Vec::with_capacity(sents.len() + at.len());
            let mut index = Vec::with_capacity(sents.len() + 1);
            let mut origin = Vec::with_capacity(sents.len() + at.len());
            let mut next = at.into_iter().peekable();
            for (k, (s, p)) in sents.iter_mut().zip(prep).enumerate() {
                index.push(out.len());
                if let Some((_, offsets)) = next.next_if(|&(i, _)| i == k) {
                    let mut rest = std::mem::take(s);
                    let mut from = 0;
                    for &c in offsets {
                        let (h, r) = cut(&rest, c - from);
                        from = c;
                        pout.push(self.prepare_side(&h.text, lang));
                        out.push(h);
                        origin.push(None);
                        rest = r;
                    }
                    pout.push(self.prepare_side(&rest.text, lang));
                    out.push(rest);
                    origin.push(None);
                } else {
                    out.push(std::mem::take(s));
                    pout.push(std::mem::take(p));
                    origin.push(Some(k));
                }
            }
            index.push(out.len());
            (out, pout, index, origin)
        };
        let (nid, npid, xi, oi) = side(
            id,
            pid,
            cuts.iter().map(|c| (c.0, &c.1[..])).collect(),
            Lang::Id,
        );
        let (nen, npen, xe, oe) = side(
            en,
            pen,
            cuts.iter().map(|c| (c.2, &c.3[..])).collect(),
            Lang::En,
        );
        let heads_of: std::collections::HashMap<usize, (usize, &[f64])> =
            cuts.iter().map(|c| (c.0, (c.2, &c.4[..]))).collect();
        let mut out = Vec::with_capacity(beads.len() + cuts.len());
        for b in beads {
            let map = |ks: &[usize], x: &[usize]| -> Vec<usize> {
                ks.iter().flat_map(|&k| x[k]..x[k + 1]).collect()
            };
            let (bi, be) = (map(&b.id, &xi), map(&b.en, &xe));
            // The cut sentences of the bead, if any: where their first parts are in it.
            let cut_here = b.id.iter().find_map(|i| heads_of.get(i));
            let Some(&(j, sure)) = cut_here else {
                out.push(Bead {
                    id: bi,
                    en: be,
                    score: b.score,
                });
                continue;
            };
            let i = *b.id.iter().find(|i| heads_of.contains_key(i)).unwrap_or(&0);
            let (pi, pe) = (
                bi.iter().position(|&k| k == xi[i]).unwrap_or(0),
                be.iter().position(|&k| k == xe[j]).unwrap_or(0),
            );
            let n = sure.len();
            // A part is right where the cuts on both its ends are: its bead's score times
            // their probabilities.
            let ends = |h: usize| {
                let before = if h > 0 { sure[h - 1] } else { 1.0 };
                before * sure.get(h).copied().unwrap_or(1.0)
            };
            // The first headline's bead holds the sentences of the bead before the cut ones.
            for h in 0..n {
                let (from_i, from_e) = if h == 0 { (0, 0) } else { (pi + h, pe + h) };
                out.push(Bead {
                    id: bi[from_i..=pi + h].to_vec(),
                    en: be[from_e..=pe + h].to_vec(),
                    score: b.score * ends(h),
                });
            }
            out.push(Bead {
                id: bi[pi + n..].to_vec(),
                en: be[pe + n..].to_vec(),
                score: b.score * ends(n),
            });
        }
        Heads {
            id: nid,
            pid: npid,
            en: nen,
            pen: npen,
            beads: out,
            id_sentence: oi,
            en_sentence: oe,
            split: cuts.iter().map(|c| c.1.len()).sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text before each place a headline may end, with its prior.
    fn cuts(text: &str, lang: Lang) -> Vec<(String, f64)> {
        head_cuts(text, lang, "", &Evidence::bundled(), &HeadParams::default())
            .0
            .into_iter()
            .map(|c| (text[..c.at].trim_end().to_string(), c.prior))
            .collect()
    }

    /// The place with the highest prior.
    fn best(text: &str, lang: Lang) -> Option<String> {
        cuts(text, lang)
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|c| c.0)
    }

    #[test]
    fn a_title_ends_before_the_sentence_opener() {
        let t =
            "Pasar Tradisional Kembali Dibuka Setelah Renovasi Warga menyambut baik pembukaan itu.";
        assert_eq!(
            best(t, Lang::Id).as_deref(),
            Some("Pasar Tradisional Kembali Dibuka Setelah Renovasi")
        );
        // A capitalised article inside a title opens the sentence, though a name follows.
        let t =
            "Traditional Market Reopens After Renovation The Semarang city government reopened it.";
        assert_eq!(
            best(t, Lang::En).as_deref(),
            Some("Traditional Market Reopens After Renovation")
        );
    }

    #[test]
    fn a_contraction_opens_a_sentence_as_its_word_does() {
        // `We’ve` is a known word with a clitic, not a name.
        assert_eq!(
            best(
                "Today Khanzir May Be a Lonely Pig but He Is Not Always Alone “We’ve requested other nations to help",
                Lang::En
            )
            .as_deref(),
            Some("Today Khanzir May Be a Lonely Pig but He Is Not Always Alone")
        );
    }

    #[test]
    fn a_capitalised_article_inside_a_title_starts_a_stacked_subhead() {
        let t = "Adidas Is Helping to Clean Up the Oceans by Using the Waste to Make Shoes The \
                 Consumer Can Boost the Demand for Change A major report in January said";
        let places = cuts(t, Lang::En);
        assert!(
            places
                .iter()
                .any(|(head, p)| head.ends_with("to Make Shoes") && *p >= 1.5),
            "{places:?}"
        );
    }

    #[test]
    fn a_title_does_not_end_with_an_article_or_open_a_sentence_with_a_bracket() {
        let t = "Their First King Was Mojmír I (Ruled 830–846) Louis the German invaded Moravia";
        let places = cuts(t, Lang::En);
        let prior = |end: &str| places.iter().find(|(h, _)| h == end).map(|p| p.1);
        // Before `German` the title would end with `the`: the place before `Louis` is likelier.
        assert!(
            prior("Their First King Was Mojmír I (Ruled 830–846) Louis the")
                < prior("Their First King Was Mojmír I (Ruled 830–846)"),
            "{places:?}"
        );
        assert_eq!(prior("Their First King Was Mojmír I"), None, "{places:?}");
    }

    #[test]
    fn i_after_a_word_in_lower_case_may_open_a_sentence() {
        let t = "I can just do that with my life I wanted to watch it with them";
        assert_eq!(
            best(t, Lang::En).as_deref(),
            Some("I can just do that with my life")
        );
    }

    #[test]
    fn titles_are_told_from_sentences() {
        assert!(is_title("Sekarang Jepang.", Lang::Id));
        assert!(is_title(
            "Matahari tidak Memiliki Kerak Seperti Bumi.",
            Lang::Id
        ));
        assert!(is_title("Now for Japan.", Lang::En));
        assert!(!is_title("Cobalah untuk berbicara dengan orang.", Lang::Id));
        assert!(!is_title("Jakarta.", Lang::Id));
    }

    #[test]
    fn a_capitalised_function_word_opens_a_sentence_in_sentence_case() {
        let t = "Harga beras naik lagi di pasar tradisional Mereka mengatakan stok menipis.";
        assert_eq!(
            cuts(t, Lang::Id),
            vec![(
                "Harga beras naik lagi di pasar tradisional".to_string(),
                2.0
            )]
        );
    }

    #[test]
    fn a_headline_does_not_end_needing_an_object() {
        // A preposition or an adjective that needs what follows it ends no headline: the
        // capitalised word after it goes on the sentence.
        for (t, lang, head) in [
            (
                "Warga setempat mulai mengeluh kepada Kantor Pos Obanazawa bahwa surat belum tiba",
                Lang::Id,
                "Warga setempat mulai mengeluh kepada",
            ),
            (
                "He strengthened the defences between Egypt and Asia and built the walls",
                Lang::En,
                "He strengthened the defences between",
            ),
            (
                "Dalam pesannya, mantan Menteri Hukum menuduh rekannya",
                Lang::Id,
                "Dalam pesannya, mantan",
            ),
        ] {
            let place = cuts(t, lang).into_iter().find(|c| c.0 == head);
            assert!(
                place.is_some_and(|c| c.1 < -2.0),
                "{t}: {:?}",
                cuts(t, lang)
            );
        }
    }

    #[test]
    fn a_headline_does_not_end_inside_brackets_or_a_quotation() {
        for (t, lang) in [
            (
                "Ada MetroPlus (disebut juga Kelas Satu) dan Metro untuk para penumpang",
                Lang::Id,
            ),
            (
                "Sailors visiting the region called it the \"South Sea\" for many years",
                Lang::En,
            ),
        ] {
            assert!(
                cuts(t, lang).iter().all(|c| !unclosed(&c.0)),
                "{t}: {:?}",
                cuts(t, lang)
            );
        }
        // A quote inside a word (an en dash read in the wrong encoding) opens no quotation,
        // and a quoted term that closes is closed.
        assert!(!unclosed(
            "Rekornya Melawan Petenis Itu Yaitu 7\u{e2}\u{20ac}\u{201c}2"
        ));
        assert!(!unclosed("Lagu \"Stephen\" Ditulis Bersama"));
        assert!(unclosed("Ada MetroPlus (disebut juga"));
        // Punctuation after a closing quote; inches; a quote alone between spaces.
        for closed in [
            "Lagu \"Stephen\"… Ditulis",
            "Film \"Dilan\"-nya Laris",
            "Layar 6,5\" Baru",
        ] {
            assert!(!unclosed(closed), "{closed}");
        }
        assert!(unclosed("Layar 6,5\" dan \"Kami"));
    }

    #[test]
    fn places_lie_within_the_first_words() {
        // A paragraph of thousands of words and no sentence end: places only near its start.
        let t = "Harga beras naik lagi di pasar Mereka mengatakan stok menipis ".repeat(2000);
        let cuts = cuts(&t, Lang::Id);
        assert!(!cuts.is_empty());
        assert!(
            cuts.iter()
                .all(|c| c.0.split_whitespace().count() <= MAX_HEAD_WORDS)
        );
    }

    #[test]
    fn sentences_without_a_headline_have_no_sure_place() {
        for (t, lang) in [
            (
                "Presiden Joko Widodo mengatakan Indonesia akan membangun jalan baru.",
                Lang::Id,
            ),
            (
                "He said that I would be there with Anda and Budi on Monday.",
                Lang::En,
            ),
            (
                "The report, published on Monday, said prices rose again.",
                Lang::En,
            ),
        ] {
            assert!(
                cuts(t, lang).iter().all(|c| c.1 <= 0.0),
                "{t}: {:?}",
                cuts(t, lang)
            );
        }
        // Nor after punctuation, nor where either part is shorter than three words.
        let t = "Kabar Baru Hari Ini, Mereka Datang Lagi hari ini.";
        assert!(cuts(t, Lang::Id).iter().all(|c| !c.0.ends_with(',')));
        assert!(
            cuts("Kabar Baru Hari Ini Ia datang.", Lang::Id)
                .iter()
                .all(|c| c.0 != "Kabar Baru Hari Ini")
        );
    }
}
