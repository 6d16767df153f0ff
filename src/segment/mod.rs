//! Sentence segmentation for Indonesian and English.
//!
//! A text is first cut into paragraphs at line breaks (LF, CRLF or CR); a sentence never
//! crosses a paragraph, and a line without final punctuation (a headline) is a sentence of
//! its own. Inside a paragraph, segmentation rules decide where a sentence ends. The rules
//! are data: an SRX 2.0 file (`src/segment/rules.srx`) embedded in the binary as the
//! default, with abbreviation and sentence-opener word lists (`src/segment/*.txt`) that the
//! rules name as `{{LIST}}`. A user's own SRX file can replace them
//! ([`Segmenter::from_srx`]).
//!
//! SRX semantics: at a candidate position, the rules of the language are tried in order;
//! the first rule whose `beforebreak` regex matches the text ending at the position and
//! whose `afterbreak` regex matches the text starting there decides (break or no break).
//! When no rule matches there is no break. Candidate positions are the ends of the matches
//! of the `beforebreak` expressions of the break rules, so only a few positions per
//! sentence are ever tested, and all regexes are compiled once, into two regex sets.

mod layout;
mod srx;

use crate::error::{Error, Result};
pub use crate::text::lines;
use crate::text::{file_lines, is_line_end};
pub use layout::{Layout, Wrap, detect_wrap};
use regex::{Regex, RegexSet};
use serde::Serialize;
use srx::{expand, parse_srx, regex_msg};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Language of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Lang {
    /// Indonesian.
    Id,
    /// English.
    En,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    /// The other of the two languages.
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// The language's English name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Id => "Indonesian",
            Lang::En => "English",
        }
    }

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// Whether `word` is a form of address or a rank that stands before a name (`Mrs`, `Dr.`,
/// `Prof`, `Ny.`): a capitalised entry of the language's bundled list of titles
/// (`src/segment/LANG.titles.txt`), written with or without its final dot.
pub fn is_title_before_name(word: &str, lang: Lang) -> bool {
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let stem = word.strip_suffix('.').unwrap_or(word);
    let list = format!("{}.titles", lang.code());
    srx::list_words(&list).any(|e| e.strip_suffix('.') == Some(stem))
}

/// One sentence of an input text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The original sentence text, trimmed (never normalised; from
    /// [`Segmenter::split_wrapped`], its line breaks are single spaces).
    pub text: String,
    /// Byte offset of the first byte of `text` in the input text.
    pub start: usize,
    /// Byte offset one past the last byte of `text` in the input text.
    pub end: usize,
    /// 0-based paragraph number (blank lines are not counted).
    pub para: usize,
    /// Where `text` no longer lies byte for byte over the input (from
    /// [`Segmenter::split_wrapped`]: a line break and the blanks around it read as one space, or
    /// as nothing after a hyphen): `(t, shift)`, ascending, says that from byte `t` of `text` on,
    /// byte `t` is input byte `start + t + shift`. Empty when `text` is the input as it is.
    #[serde(skip)]
    pub shifts: Vec<(usize, usize)>,
}

impl Sentence {
    /// The input offset of byte `t` of `text`; `after`: of the end of a run of text that ends
    /// at `t` (where a line break was taken out at `t`, the end stays before it).
    pub fn input_offset(&self, t: usize, after: bool) -> usize {
        let shift = self
            .shifts
            .iter()
            .rev()
            .find(|&&(at, _)| if after { at < t } else { at <= t })
            .map_or(0, |&(_, shift)| shift);
        self.start + t + shift
    }

    /// Bytes `a..b` of `text` as a sentence of their own, with their span in the input.
    pub fn part(&self, a: usize, b: usize) -> Sentence {
        let start = self.input_offset(a, false);
        let base = start - self.start - a;
        Sentence {
            text: self.text[a..b].to_string(),
            start,
            end: self.input_offset(b, true),
            para: self.para,
            shifts: self
                .shifts
                .iter()
                .filter(|&&(at, _)| a < at && at < b)
                .map(|&(at, shift)| (at - a, shift - base))
                .collect(),
        }
    }
}

/// The lines of `raw` (trimmed) joined by one space, or by nothing after a hyphen between
/// letters when the next line starts in lower case (`kupu-` + `kupu`: `kupu-kupu`), and where
/// the result's bytes lie in `raw` ([`Sentence::shifts`]).
fn unwrap_lines(raw: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(raw.len());
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    for (a, b) in lines(raw) {
        let line = &raw[a..b];
        let part = line.trim();
        let hyphen = out
            .strip_suffix('-')
            .is_some_and(|o| o.ends_with(char::is_alphabetic))
            && part.starts_with(char::is_lowercase);
        if !out.is_empty() && !hyphen {
            out.push(' ');
        }
        let from = a + line.len() - line.trim_start().len();
        let shift = from - out.len();
        if shifts.last().map_or(0, |s| s.1) != shift {
            shifts.push((out.len(), shift));
        }
        out.push_str(part);
    }
    (out, shifts)
}

/// The sentence for `text[start..end]`, trimmed; `None` when it is blank.
fn sentence(text: &str, start: usize, end: usize, para: usize) -> Option<Sentence> {
    let raw = &text[start..end];
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    let lead = raw.len() - raw.trim_start().len();
    Some(Sentence {
        text: trimmed.to_string(),
        start: start + lead,
        end: start + lead + trimmed.len(),
        para,
        shifts: Vec::new(),
    })
}

/// Write sentences as `selaras split` does: one a line, or (`jsonl`) one JSON object a line
/// with the text, its paragraph and its byte span in the file (`offset`: bytes of the file
/// before the text, a byte-order mark).
pub fn write_sentences(
    out: &mut dyn std::io::Write,
    sentences: &[Sentence],
    jsonl: bool,
    offset: usize,
) -> std::io::Result<()> {
    /// One line of the JSON Lines form.
    #[derive(Serialize)]
    struct Row<'a> {
        text: &'a str,
        para: usize,
        start: usize,
        end: usize,
    }
    for s in sentences {
        if !jsonl {
            writeln!(out, "{}", s.text)?;
            continue;
        }
        let row = Row {
            text: &s.text,
            para: s.para,
            start: s.start + offset,
            end: s.end + offset,
        };
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One sentence per non-blank line, as given (`--presplit`). Each non-blank line is its own
/// paragraph; LF, CRLF and CR line ends are accepted ([`file_lines`]; other line separators
/// inside a line stay in its sentence).
pub fn presplit(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (start, end) in file_lines(text) {
        let para = out.len();
        out.extend(sentence(text, start, end, para));
    }
    out
}

/// Whether the segmentation rules look through `c`: the zero-width characters (U+200B
/// zero-width space, U+200C and U+200D non-joiner and joiner, U+2060 word joiner, U+FEFF
/// zero-width no-break space) and the soft hyphen U+00AD. Text copied from web pages and word
/// processors carries them beside punctuation (`terkendali.\u{200b} Dia`), where the rules
/// would take them for the start of a word and find no sentence end.
fn is_transparent(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
    )
}

/// `p` without its transparent characters ([`is_transparent`]), and where they were taken
/// out: `(at, removed)`, ascending, says that byte `at` of the result and those after it lie
/// `removed` bytes further on in `p`.
fn without_transparent(p: &str) -> (String, Vec<(usize, usize)>) {
    let mut seen = String::with_capacity(p.len());
    let mut removed: Vec<(usize, usize)> = Vec::new();
    let mut gone = 0;
    for c in p.chars() {
        if is_transparent(c) {
            gone += c.len_utf8();
            continue;
        }
        if removed.last().map_or(0, |r| r.1) != gone {
            removed.push((seen.len(), gone));
        }
        seen.push(c);
    }
    (seen, removed)
}

/// The default rules (SRX 2.0).
pub const DEFAULT_SRX: &str = include_str!("rules.srx");

/// How far back (in bytes) a `beforebreak` expression may look.
const WINDOW: usize = 256;

/// A sentence segmenter: compiled SRX rules for one language. Cheap to clone, and safe to
/// share between threads.
#[derive(Clone, Debug)]
pub struct Segmenter {
    inner: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    lang: Lang,
    /// For each rule: does it break?
    breaks: Vec<bool>,
    /// `(?:before)\z` for every rule, in rule order.
    before: RegexSet,
    /// `\A(?:after)` for every rule, in rule order.
    after: RegexSet,
    /// The `beforebreak` of every break rule, unanchored: their match ends are the
    /// candidate positions.
    candidates: Vec<Regex>,
}

impl Segmenter {
    /// A segmenter for `lang` with the bundled rules. The rules are compiled once per
    /// process and language; later calls share them.
    pub fn new(lang: Lang) -> Segmenter {
        static CACHE: [OnceLock<Segmenter>; 2] = [OnceLock::new(), OnceLock::new()];
        let slot = match lang {
            Lang::Id => &CACHE[0],
            Lang::En => &CACHE[1],
        };
        slot.get_or_init(|| {
            Segmenter::from_srx(DEFAULT_SRX, lang, Path::new("<bundled rules.srx>"))
                .expect("the bundled segmentation rules compile")
        })
        .clone()
    }

    /// A segmenter for `lang` from SRX 2.0 rules. `path` names the rules in error messages;
    /// errors (bad XML, a bad regex, an unknown `{{LIST}}`, no rules for the language) are
    /// [`Error::Parse`] with the line.
    pub fn from_srx(xml: &str, lang: Lang, path: &Path) -> Result<Segmenter> {
        let rules = parse_srx(xml, lang, path)?;
        let err = |line: usize, msg: String| Error::Parse {
            path: path.to_path_buf(),
            line,
            msg,
        };
        let mut befores = Vec::with_capacity(rules.len());
        let mut afters = Vec::with_capacity(rules.len());
        let mut expanded = Vec::with_capacity(rules.len());
        for r in &rules {
            let before = expand(&r.before).map_err(|m| err(r.before_line, m))?;
            let after = expand(&r.after).map_err(|m| err(r.after_line, m))?;
            befores.push(format!("(?:{before})\\z"));
            afters.push(format!("\\A(?:{after})"));
            expanded.push(before);
        }
        // Compile the rules together first; only when that fails compile them one by one to
        // say which rule is wrong (compiling each rule twice would double the start-up time).
        let (before, after) = match (RegexSet::new(&befores), RegexSet::new(&afters)) {
            (Ok(b), Ok(a)) => (b, a),
            (b, a) => {
                for (k, r) in rules.iter().enumerate() {
                    for (what, re, src, line) in [
                        ("beforebreak", &befores[k], &r.before, r.before_line),
                        ("afterbreak", &afters[k], &r.after, r.after_line),
                    ] {
                        Regex::new(re).map_err(|e| err(line, regex_msg(what, src, &e)))?;
                    }
                }
                let e = b
                    .err()
                    .or(a.err())
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                return Err(err(1, format!("rules do not compile together: {e}")));
            }
        };
        let mut candidates = Vec::new();
        for (r, before) in rules.iter().zip(&expanded) {
            if r.brk {
                candidates
                    .push(Regex::new(before).map_err(|e| {
                        err(r.before_line, regex_msg("beforebreak", &r.before, &e))
                    })?);
            }
        }
        Ok(Segmenter {
            inner: Arc::new(Compiled {
                lang,
                breaks: rules.iter().map(|r| r.brk).collect(),
                before,
                after,
                candidates,
            }),
        })
    }

    /// The language of the rules.
    pub fn lang(&self) -> Lang {
        self.inner.lang
    }

    /// Split `text` into sentences. Spans are byte offsets into `text`.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut para = 0;
        let mut cuts = Vec::new();
        for (start, end) in lines(text) {
            let line = &text[start..end];
            if line.trim().is_empty() {
                continue;
            }
            self.split_paragraph(line, (start, para), &mut cuts, &mut out);
            para += 1;
        }
        out
    }

    /// [`Segmenter::split_wrapped`] when `wrapped`, else [`Segmenter::split`] (as the
    /// commands' `--wrapped` chooses).
    pub fn split_text(&self, text: &str, wrapped: bool) -> Vec<Sentence> {
        match wrapped {
            true => self.split_wrapped(text),
            false => self.split(text),
        }
    }

    /// [`Segmenter::split`] for hard-wrapped text (e-mail, text taken from a PDF): a paragraph
    /// ends only at a blank line, and a line break inside one reads as a space. Spans are byte
    /// offsets into `text`; a sentence's text has its line breaks as spaces.
    pub fn split_wrapped(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut para = 0;
        let mut cuts = Vec::new();
        let ls = lines(text);
        let blank = |k: usize| text[ls[k].0..ls[k].1].trim().is_empty();
        let mut k = 0;
        while k < ls.len() {
            if blank(k) {
                k += 1;
                continue;
            }
            let first = k;
            while k < ls.len() && !blank(k) {
                k += 1;
            }
            let (start, end) = (ls[first].0, ls[k - 1].1);
            // Each line end as many spaces as it has bytes, so that offsets stay those of `text`.
            let mut flat = String::with_capacity(end - start);
            for c in text[start..end].chars() {
                match is_line_end(c) {
                    true => flat.extend(std::iter::repeat_n(' ', c.len_utf8())),
                    false => flat.push(c),
                }
            }
            let from = out.len();
            self.split_paragraph(&flat, (start, para), &mut cuts, &mut out);
            for s in &mut out[from..] {
                let raw = &text[s.start..s.end];
                if raw.contains(is_line_end) {
                    (s.text, s.shifts) = unwrap_lines(raw);
                }
            }
            para += 1;
        }
        out
    }

    /// The sentences of one paragraph `p`, which starts at byte `offset` of the input and is
    /// paragraph number `para`, appended to `out` (`cuts`: scratch).
    fn split_paragraph(
        &self,
        p: &str,
        (offset, para): (usize, usize),
        cuts: &mut Vec<usize>,
        out: &mut Vec<Sentence>,
    ) {
        cuts.clear();
        if p.contains(is_transparent) {
            // The rules read the paragraph without its transparent characters; each break is
            // put back before the same visible character of `p`, so the transparent characters
            // before it stay with the sentence they follow.
            let (seen, removed) = without_transparent(p);
            self.breaks_in(&seen, cuts);
            for cut in cuts.iter_mut() {
                let k = removed.partition_point(|&(at, _)| at <= *cut);
                *cut += k.checked_sub(1).map_or(0, |k| removed[k].1);
            }
        } else {
            self.breaks_in(p, cuts);
        }
        let mut from = 0;
        for &cut in cuts.iter().chain(std::iter::once(&p.len())) {
            out.extend(sentence(p, from, cut, para).map(|mut s| {
                s.start += offset;
                s.end += offset;
                s
            }));
            from = cut;
        }
    }

    /// The break positions inside one paragraph, in order.
    fn breaks_in(&self, para: &str, cuts: &mut Vec<usize>) {
        let c = &*self.inner;
        let mut cands: Vec<usize> = Vec::new();
        for re in &c.candidates {
            cands.extend(
                re.find_iter(para)
                    .map(|m| m.end())
                    .filter(|&e| e > 0 && e < para.len()),
            );
        }
        if c.candidates.len() > 1 {
            cands.sort_unstable();
            cands.dedup();
        }
        for p in cands {
            let mut from = p.saturating_sub(WINDOW);
            while !para.is_char_boundary(from) {
                from += 1;
            }
            let after = c.after.matches(&para[p..]);
            if !after.matched_any() {
                continue;
            }
            let before = c.before.matches_at(&para[..p], from);
            if after
                .iter()
                .find(|&i| before.matched(i))
                .is_some_and(|i| c.breaks[i])
            {
                cuts.push(p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lang: Lang, s: &str) -> Vec<String> {
        Segmenter::new(lang)
            .split(s)
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    /// A country abbreviation ends a sentence before a capital, but one that opens its
    /// paragraph or follows a sentence's end opens a sentence; after an abbreviation's full
    /// stop (`vs.`) it ends one as before.
    #[test]
    fn a_country_abbreviation_opening_a_sentence_stays_with_it() {
        assert_eq!(
            texts(
                Lang::En,
                "U.S. Stock Futures Rise Early. He lives in the U.S. U.S. officials agree."
            ),
            [
                "U.S. Stock Futures Rise Early.",
                "He lives in the U.S.",
                "U.S. officials agree."
            ]
        );
        assert_eq!(
            texts(
                Lang::En,
                "The final is Brazil vs. U.S. The match starts at noon."
            ),
            ["The final is Brazil vs. U.S.", "The match starts at noon."]
        );
    }

    #[test]
    fn lines_accept_every_line_end() {
        assert_eq!(lines("a\r\nb\rc\nd"), vec![(0, 1), (3, 4), (5, 6), (7, 8)]);
        assert_eq!(lines("a\n\n"), vec![(0, 1), (2, 2)]);
        assert_eq!(
            lines("a\u{2028}b\u{85}c\x0cd"),
            vec![(0, 1), (4, 5), (7, 8), (9, 10)]
        );
    }

    #[test]
    fn presplit_lines_end_only_at_lf_and_cr() {
        let s = presplit("satu\u{2028}dua\nempat\u{85}lima\x0cenam\u{b}tujuh\r\ndelapan");
        let t: Vec<_> = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "satu\u{2028}dua",
                "empat\u{85}lima\x0cenam\u{b}tujuh",
                "delapan"
            ]
        );
        assert_eq!((s[2].start, s[2].end, s[2].para), (35, 42, 2));
    }

    #[test]
    fn presplit_counts_paragraphs_and_cr() {
        let s = presplit("satu\r\rdua\r\n  tiga ");
        assert_eq!(s.len(), 3);
        assert_eq!((s[2].text.as_str(), s[2].para), ("tiga", 2));
        assert_eq!((s[2].start, s[2].end), (13, 17));
    }

    #[test]
    fn basic_split() {
        assert_eq!(
            texts(Lang::En, "He said: \"I don't know.\" Then he left."),
            vec!["He said: \"I don't know.\"", "Then he left."]
        );
        assert_eq!(
            texts(Lang::Id, "“Kami tidak akan mundur,” kata Ketua DPR."),
            vec!["“Kami tidak akan mundur,” kata Ketua DPR."]
        );
    }

    #[test]
    fn wrapped_text_joins_lines_into_paragraphs() {
        let text = "Dinas Kesehatan mencatat 1.200 kasus\r\nsejak Januari. Angka itu naik\r\n\r\n\
                    Warga diminta menguras bak mandi\nsetiap minggu. Kupu-\nkupu terbang.\n";
        let seg = Segmenter::new(Lang::Id);
        let out = seg.split_wrapped(text);
        let got: Vec<(&str, usize)> = out.iter().map(|s| (s.text.as_str(), s.para)).collect();
        assert_eq!(
            got,
            vec![
                ("Dinas Kesehatan mencatat 1.200 kasus sejak Januari.", 0),
                ("Angka itu naik", 0),
                ("Warga diminta menguras bak mandi setiap minggu.", 1),
                ("Kupu-kupu terbang.", 1),
            ]
        );
        // Spans are those of the input; only the line breaks differ.
        for s in &out[..3] {
            let raw: Vec<&str> = text[s.start..s.end].split_whitespace().collect();
            assert_eq!(raw.join(" "), s.text);
        }
        // Line by line, every line is a paragraph.
        assert_eq!(seg.split(text).len(), 7);
    }

    #[test]
    fn parts_of_wrapped_sentences_keep_input_spans() {
        let text = "Polisi menangkap dua\r\n    tersangka, lalu kupu-\n  kupu terbang, dan\nhujan turun.\n";
        let s = &Segmenter::new(Lang::Id).split_wrapped(text)[0];
        assert_eq!(
            s.text,
            "Polisi menangkap dua tersangka, lalu kupu-kupu terbang, dan hujan turun."
        );
        // Every part's span holds the same words as the part.
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let ends: Vec<usize> = s.text.match_indices(", ").map(|(k, _)| k + 1).collect();
        let mut cuts = vec![0];
        cuts.extend(ends.iter().flat_map(|&e| [e, e + 1]));
        cuts.push(s.text.len());
        for w in cuts.chunks(2) {
            let p = s.part(w[0], w[1]);
            assert_eq!(p.text, &s.text[w[0]..w[1]]);
            assert_eq!(
                words(&text[p.start..p.end]).replace("kupu- kupu", "kupu-kupu"),
                p.text
            );
        }
        // A part of a part still points into the input.
        let p = s.part(21, s.text.len()).part(11, 20);
        assert_eq!(
            (p.text.as_str(), &text[p.start..p.end]),
            ("lalu kupu", "lalu kupu")
        );
        let q = s.part(37, 46);
        assert_eq!(q.text, "kupu-kupu");
        assert_eq!(&text[q.start..q.end], "kupu-\n  kupu");
    }

    #[test]
    fn invisible_characters_after_a_sentence_end_are_looked_through() {
        for lang in Lang::ALL {
            for c in [
                '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
            ] {
                let text = format!("Inflasi terkendali.{c} Dia pergi ke pasar.{c}{c} Harga naik.");
                let out = Segmenter::new(lang).split(&text);
                let got: Vec<&str> = out.iter().map(|s| s.text.as_str()).collect();
                let one = format!("Inflasi terkendali.{c}");
                let two = format!("Dia pergi ke pasar.{c}{c}");
                assert_eq!(got, [&one, &two, "Harga naik."], "{lang:?} {c:?}");
                // Spans index the text as given; the invisible characters stay with the
                // sentence they follow.
                for s in &out {
                    assert_eq!(&text[s.start..s.end], s.text);
                }
            }
        }
        // Inside a word, too: a soft hyphen is not a letter that would hide the full stop.
        assert_eq!(
            texts(
                Lang::Id,
                "Dana itu untuk angga\u{ad}ran.\u{ad} Rapat ditutup."
            ),
            ["Dana itu untuk angga\u{ad}ran.\u{ad}", "Rapat ditutup."]
        );
        // A title before a name still holds the sentence together.
        assert_eq!(
            texts(Lang::En, "Said Dr.\u{200b} Smith, prices rose.").len(),
            1
        );
    }

    #[test]
    fn transparent_characters_are_mapped_back_to_their_bytes() {
        let (seen, removed) = without_transparent("a\u{200b}b\u{ad}\u{feff}c");
        assert_eq!(seen, "abc");
        assert_eq!(removed, [(1, 3), (2, 8)]);
        assert_eq!(without_transparent("abc"), ("abc".to_string(), vec![]));
    }

    #[test]
    fn segmenter_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone>() {}
        check::<Segmenter>();
    }

    #[test]
    fn forms_of_address_are_titles_before_a_name() {
        assert!(is_title_before_name("Mrs", Lang::En));
        assert!(is_title_before_name("Dr.", Lang::En));
        assert!(is_title_before_name("Ny.", Lang::Id));
        assert!(is_title_before_name("Prof", Lang::Id));
        assert!(!is_title_before_name("mrs", Lang::En));
        assert!(!is_title_before_name("Market", Lang::En));
        assert!(!is_title_before_name("e.g.", Lang::En));
    }

    #[test]
    fn srx_errors_have_lines() {
        let p = Path::new("r.srx");
        let e = Segmenter::from_srx("<srx><body>\n<oops></body></srx>", Lang::Id, p).unwrap_err();
        assert!(matches!(e, Error::Parse { line: 2, .. }), "{e}");
        let bad = "<srx><body><languagerules><languagerule languagerulename=\"d\">\n\
                   <rule><beforebreak>(</beforebreak></rule></languagerule></languagerules>\
                   <maprules><languagemap languagepattern=\".*\" languagerulename=\"d\"/>\
                   </maprules></body></srx>";
        let e = Segmenter::from_srx(bad, Lang::En, p).unwrap_err();
        assert!(matches!(e, Error::Parse { line: 2, .. }), "{e}");
    }
}
