//! Layout detection: whether a text is hard-wrapped (e-mail, text taken from a PDF, lines cut
//! at a fixed width), decided from the text itself.
//!
//! A hard-wrapped text breaks its lines where a width runs out, not where a paragraph ends. Two
//! things show it, and both must hold ([`detect_wrap`]):
//!
//! - most lines that another line follows are *full*: the next line's first word would not
//!   have fitted on them within the width the lines were evidently cut at (a greedy wrapper
//!   moves a word to the next line only when it does not fit);
//! - most of those lines end *open*, inside a sentence (no `.`, `?`, `!`, `…`, `:` or `;` at the
//!   end), and many are continued by a line that starts in lower case.
//!
//! Text with one paragraph per line has lines of every length that end with a full stop; a
//! list or a column of headlines has short lines that the next line does not continue; so
//! neither reads as wrapped. A text with no line followed by another (paragraphs one line each,
//! separated by blank lines) reads the same either way and is not called wrapped.
//!
//! A text read as wrapped is read as [`Segmenter::split_wrapped`] reads it, except that, when
//! the width is known, a line that is not full ends its paragraph even without a blank line
//! after it (a headline over its article, the last line of a paragraph): the next line's first
//! word would have fitted on it, so the line break was the writer's, not the wrapper's. Not
//! when the line ends inside a sentence that the next line continues in lower case (in text
//! taken from a PDF a line of wide letters holds fewer characters).

use serde::Serialize;

use super::{Segmenter, Sentence};
use crate::text::lines;

/// How the line breaks of a text are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wrap {
    /// Decided from the text ([`detect_wrap`]).
    #[default]
    Auto,
    /// Hard-wrapped (`--wrapped`): a line break inside a paragraph is a space.
    Wrapped,
    /// Every line break ends a paragraph (`--no-wrapped`).
    Lines,
}

impl Wrap {
    /// The reading that the options `--wrapped` and `--no-wrapped` ask for (neither: detect).
    pub fn from_flags(wrapped: bool, no_wrapped: bool) -> Wrap {
        match (wrapped, no_wrapped) {
            (true, _) => Wrap::Wrapped,
            (false, true) => Wrap::Lines,
            (false, false) => Wrap::Auto,
        }
    }
}

/// How a text was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// Read as hard-wrapped.
    pub wrapped: bool,
    /// The reading was decided from the text ([`Wrap::Auto`]), not given.
    pub detected: bool,
    /// The width (in characters) the lines were evidently cut at, when the text looks wrapped.
    pub width: Option<usize>,
}

/// Share of the lines followed by another line that must be full at the width found (see the
/// module text); below 1 for paragraphs that end without a blank line.
const FULL_SHARE: f64 = 0.6;
/// Share of those lines that must end inside a sentence.
const OPEN_SHARE: f64 = 0.5;
/// Share of those lines that must be continued by a line starting in lower case.
const LOWER_SHARE: f64 = 0.2;
/// Fewest lines followed by another line to find a width from; with fewer (a short text),
/// every one of them must end inside a sentence, one at least be continued in lower case, and
/// all be full at the longest one's length, at most [`MAX_SHORT_WIDTH`].
const MIN_LINES: usize = 3;
/// The widest width taken from fewer than [`MIN_LINES`] lines.
const MAX_SHORT_WIDTH: usize = 100;
/// Narrowest width taken for wrapping (a list of short items is not a text cut at 20 columns).
const MIN_WIDTH: usize = 30;
/// How many characters a full line may fall short of the width beyond the next word, per
/// character of width (the letters of a PDF line take different room, so its length in
/// characters varies a little at the same width).
const SLACK: f64 = 0.05;
/// Lines looked at to find the width (the start of a long text shows it as well as the whole).
const SAMPLE: usize = 4000;

/// A non-blank line followed by another non-blank line.
struct Inner {
    /// Its length in characters (trailing blanks left out).
    len: usize,
    /// Length of the next line's first word.
    next_word: usize,
    /// It ends inside a sentence.
    open: bool,
    /// The next line starts in lower case.
    lower: bool,
}

/// The lines of `text` followed by another non-blank line.
fn inner_lines(text: &str) -> Vec<Inner> {
    let ls: Vec<&str> = lines(text).into_iter().map(|(a, b)| &text[a..b]).collect();
    ls.windows(2).filter_map(|w| inner(w[0], w[1])).collect()
}

/// `line` followed by `next`, when neither is blank.
fn inner(line: &str, next: &str) -> Option<Inner> {
    if line.trim().is_empty() || next.trim().is_empty() {
        return None;
    }
    let line = line.trim_end();
    let next = next.trim_start();
    let word = next.split(char::is_whitespace).next().unwrap_or("");
    let last = line
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*'])
        .chars()
        .last();
    Some(Inner {
        len: line.chars().count(),
        next_word: word.chars().count(),
        open: !last.is_some_and(|c| matches!(c, '.' | '?' | '!' | '…' | ':' | ';')),
        lower: next.starts_with(char::is_lowercase),
    })
}

impl Inner {
    /// Whether the line is full at `width`: no longer, and the next line's first word would
    /// not have fitted on it (give or take [`SLACK`]).
    fn full(&self, width: usize) -> bool {
        let slack = SLACK * width as f64;
        self.len <= width && (self.len + 1 + self.next_word) as f64 + slack > width as f64
    }
}

/// The width the lines of `text` were cut at, when it reads as hard-wrapped (see the module
/// text); `None` when it does not.
pub fn detect_wrap(text: &str) -> Option<usize> {
    let mut inner = inner_lines(text);
    inner.truncate(SAMPLE);
    let n = inner.len();
    if n == 0 {
        return None;
    }
    if n < MIN_LINES {
        let width = inner.iter().map(|l| l.len).max().unwrap_or(0);
        let wrapped = (MIN_WIDTH..=MAX_SHORT_WIDTH).contains(&width)
            && inner.iter().all(|l| l.open && l.full(width))
            && inner.iter().any(|l| l.lower);
        return wrapped.then_some(width);
    }
    let share =
        |f: &dyn Fn(&Inner) -> bool| inner.iter().filter(|l| f(l)).count() as f64 / n as f64;
    let open = share(&|l| l.open);
    let lower = share(&|l| l.open && l.lower);
    if open < OPEN_SHARE || lower < LOWER_SHARE {
        return None;
    }
    let (width, full) = best_width(&inner)?;
    (full >= FULL_SHARE * n as f64).then_some(width)
}

/// The width at which most lines are full (no longer than it, and too long for the next
/// line's first word to fit), with how many are; `None` when no width of at least
/// [`MIN_WIDTH`] fits any line.
fn best_width(inner: &[Inner]) -> Option<(usize, f64)> {
    let mut widths: Vec<usize> = inner
        .iter()
        .map(|l| l.len)
        .filter(|&w| w >= MIN_WIDTH)
        .collect();
    widths.sort_unstable();
    widths.dedup();
    let full_at = |w: usize| inner.iter().filter(|l| l.full(w)).count() as f64;
    widths
        .into_iter()
        .map(|w| (w, full_at(w)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
}

impl Segmenter {
    /// Split `text` into sentences, reading its line breaks as `wrap` says: hard-wrapped
    /// ([`Segmenter::split_wrapped`], with paragraphs also ending at lines well short of the
    /// width), line by line ([`Segmenter::split`]), or as [`detect_wrap`] finds. Returns the
    /// sentences and how the text was read.
    pub fn read(&self, text: &str, wrap: Wrap) -> (Vec<Sentence>, Layout) {
        let width = match wrap {
            Wrap::Lines => None,
            Wrap::Auto | Wrap::Wrapped => detect_wrap(text),
        };
        let wrapped = match wrap {
            Wrap::Auto => width.is_some(),
            Wrap::Wrapped => true,
            Wrap::Lines => false,
        };
        let layout = Layout {
            wrapped,
            detected: wrap == Wrap::Auto,
            width,
        };
        let sentences = match (wrapped, width) {
            (false, _) => self.split(text),
            (true, None) => self.split_wrapped(text),
            (true, Some(w)) => self.split_wrapped_width(text, w),
        };
        (sentences, layout)
    }

    /// [`Segmenter::split_wrapped`] with lines cut at `width`: a line that is not full (the
    /// next line's first word would have fitted on it) ends its paragraph, unless it ends
    /// inside a sentence that the next line continues in lower case.
    fn split_wrapped_width(&self, text: &str, width: usize) -> Vec<Sentence> {
        let ls = lines(text);
        let mut out = Vec::new();
        let mut para = 0;
        let mut from = 0;
        for (k, w) in ls.windows(2).enumerate() {
            let Some(l) = inner(&text[w[0].0..w[0].1], &text[w[1].0..w[1].1]) else {
                continue;
            };
            // A line continued mid-sentence in lower case is wrapped however short.
            let continued = l.open && l.lower;
            if !(l.full(width) || continued) {
                let end = ls[k].1;
                para = self.push_wrapped(text, (from, end), para, &mut out);
                from = ls[k + 1].0;
            }
        }
        self.push_wrapped(text, (from, text.len()), para, &mut out);
        out
    }

    /// The sentences of `text[a..b]` read as wrapped, appended to `out` with spans into `text`
    /// and paragraphs numbered from `para`; returns the next paragraph number.
    fn push_wrapped(
        &self,
        text: &str,
        (a, b): (usize, usize),
        para: usize,
        out: &mut Vec<Sentence>,
    ) -> usize {
        let part = self.split_wrapped(&text[a..b]);
        let next = part.last().map_or(para, |s| para + s.para + 1);
        out.extend(part.into_iter().map(|mut s| {
            s.start += a;
            s.end += a;
            s.para += para;
            s
        }));
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;

    const WRAPPED: &str = "Banjir merendam sedikitnya 300 rumah di Kecamatan\n\
        Cibeunying, Bandung, pada Minggu malam setelah hujan\n\
        deras turun selama empat jam.\n\n\
        Badan Penanggulangan Bencana Daerah mencatat ketinggian\n\
        air mencapai satu meter. Warga dari 80 rumah mengungsi ke\n\
        masjid terdekat.\n";

    #[test]
    fn wrapped_text_is_detected() {
        assert_eq!(detect_wrap(WRAPPED), Some(57));
        let (s, layout) = Segmenter::new(Lang::Id).read(WRAPPED, Wrap::Auto);
        assert!(layout.wrapped && layout.detected);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].para, 1);
        let (s, layout) = Segmenter::new(Lang::Id).read(WRAPPED, Wrap::Lines);
        assert!(!layout.wrapped && !layout.detected);
        assert_eq!(s.len(), 7);
    }

    #[test]
    fn paragraphs_and_lists_are_not_wrapped() {
        let paras = "Banjir merendam sedikitnya 300 rumah di Kecamatan Cibeunying.\n\
            Badan Penanggulangan Bencana Daerah mencatat ketinggian air mencapai satu meter.\n\
            Warga mengungsi.\nPetugas memperkirakan air surut pada Selasa pagi.\n";
        assert_eq!(detect_wrap(paras), None);
        let headlines = "Banjir di Bandung\nHarga cabai naik\nRupiah menguat\nTimnas menang\n";
        assert_eq!(detect_wrap(headlines), None);
        let list = "Bahan:\ndua butir telur\nsatu gelas gula pasir yang sudah dihaluskan dengan \
            garam\ntepung\nair\n";
        // Open lines, continued in lower case, but not cut at a width.
        assert_eq!(detect_wrap(list), None);
        assert_eq!(detect_wrap("Satu baris\n\nDua baris\n\nTiga baris\n"), None);
    }

    #[test]
    fn a_short_line_ends_its_paragraph() {
        let text = format!("Banjir Melanda Bandung\n{WRAPPED}");
        let (s, layout) = Segmenter::new(Lang::Id).read(&text, Wrap::Auto);
        assert!(layout.wrapped);
        assert_eq!(s[0].text, "Banjir Melanda Bandung");
        assert_eq!((s[1].para, s[2].para), (1, 2));
        assert_eq!(&text[s[1].start..s[1].start + 6], "Banjir");
        for x in &s {
            let raw: Vec<&str> = text[x.start..x.end].split_whitespace().collect();
            assert_eq!(raw.join(" "), x.text);
        }
    }
}
