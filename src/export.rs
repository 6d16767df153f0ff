//! Corpus writers: TSV, JSON Lines, Vecalign ladder, Moses, TMX and a side-by-side view. Used
//! by `selaras align` (one document) and `selaras batch` (many).
//!
//! A caller builds a [`DocAlignment`] per document (its sentences and the beads to export,
//! already filtered if it filters) and hands it to a [`CorpusWriter`] made for the chosen
//! [`Format`]. Writers take any `impl Write`; [`CorpusWriter::finish`] flushes and gives the
//! underlying writers back (so the caller can commit atomic files).
//!
//! Formats:
//! - `tsv`: header `doc id_idx en_idx bead score id en`, tab-delimited (the csv crate, no
//!   quoting). Indices are comma lists (`3,4`), empty for an empty side; `bead` is `2-1`;
//!   `score` has four decimals; the sentences of one side are joined with one space. Inside
//!   the text fields a backslash is written `\\`, a tab `\t`, a line feed `\n` and a carriage
//!   return `\r`, so every record is exactly one line of exactly seven fields. Quotes are
//!   written as they are; read the file with quoting off ([`tsv_unescape`] undoes the rest).
//! - `jsonl`: one bead per line: `doc`, `id`, `en` (index arrays), `bead`, `score` (four
//!   decimals), `id_text`, `en_text`, `id_spans`, `en_spans` (byte `[start, end)` of each
//!   sentence in the original input file, counting a skipped byte-order mark).
//! - `ladder`: Vecalign's `[0,1]:[2]:0.9300`, one bead per line.
//! - `moses`: two line-aligned plain-text files, one line per bead; any line or paragraph
//!   separator inside a text (`\n`, `\r`, VT, FF, FS/GS/RS, NEL, U+2028, U+2029) and tabs become
//!   spaces, so both files always have the same number of lines.
//! - `side`: for reading, not parsing: per bead a line `[3,4]:[3]  2-1  0.6176` (the ladder's
//!   indices, the bead type, the score), then the Indonesian and English sentences side by side
//!   in two columns, each sentence wrapped on its own lines (textwrap), then a blank line; a
//!   line `== doc ==` starts each document of a batch.
//! - `tmx`: TMX 1.4b written with quick-xml; one `tu` per bead with `prop`s `x-doc`, `x-score`,
//!   `x-bead` and two `tuv`s (`xml:lang` `id` and `en`); a `tu` holding a part of a sentence
//!   has `segtype="phrase"` (the header's is `sentence`). Characters XML 1.0 forbids (C0
//!   controls other than tab/LF/CR, U+FFFE/U+FFFF) are replaced by U+FFFD.

use crate::align::Bead;
use crate::error::{Error, Result};
use crate::segment::Sentence;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde::Serialize;
use std::io::Write;

/// One aligned document to export.
#[derive(Clone, Copy, Debug)]
pub struct DocAlignment<'a> {
    /// Document id (the `doc` column); may be empty for a single `align` run.
    pub doc: &'a str,
    /// Indonesian sentences (spans are byte offsets into the decoded text).
    pub id: &'a [Sentence],
    /// English sentences.
    pub en: &'a [Sentence],
    /// The beads to export, indices into `id` and `en`.
    pub beads: &'a [Bead],
    /// Bytes skipped at the start of the Indonesian file (a byte-order mark): added to spans.
    pub id_offset: usize,
    /// Bytes skipped at the start of the English file.
    pub en_offset: usize,
    /// Per Indonesian segment: the input sentence it is, `None` for a part of one (cut by the
    /// clause alignment or off a run-in headline); empty: every segment is a whole sentence.
    pub id_sentence: &'a [Option<usize>],
    /// The same for the English segments.
    pub en_sentence: &'a [Option<usize>],
}

impl DocAlignment<'_> {
    /// The Indonesian text of a bead (sentences joined with one space).
    pub fn id_text(&self, bead: &Bead) -> String {
        join(self.id, &bead.id)
    }

    /// The English text of a bead.
    pub fn en_text(&self, bead: &Bead) -> String {
        join(self.en, &bead.en)
    }

    /// Whether a bead holds a part of a sentence on either side.
    pub fn holds_part(&self, bead: &Bead) -> bool {
        let part = |of: &[Option<usize>], idx: &[usize]| {
            idx.iter().any(|&k| of.get(k).is_some_and(Option::is_none))
        };
        part(self.id_sentence, &bead.id) || part(self.en_sentence, &bead.en)
    }
}

fn join(sents: &[Sentence], idx: &[usize]) -> String {
    let mut out = String::new();
    for &i in idx {
        if let Some(s) = sents.get(i) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s.text);
        }
    }
    out
}

fn spans(sents: &[Sentence], idx: &[usize], offset: usize) -> Vec<[usize; 2]> {
    idx.iter()
        .filter_map(|&i| sents.get(i))
        .map(|s| [s.start.saturating_add(offset), s.end.saturating_add(offset)])
        .collect()
}

/// A score with four decimals, as every format writes it.
pub fn round_score(score: f64) -> f64 {
    if score.is_finite() {
        (score * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

/// A score with four decimals (as `format!("{:.4}", round_score(score))` writes it, from the
/// score in ten-thousandths: the float formatting was most of the cost of a TSV row).
fn score_str(score: f64) -> String {
    let r = round_score(score);
    let tenths = (r * 10_000.0).round();
    if tenths.abs() >= 1e15 {
        return format!("{r:.4}");
    }
    let n = tenths.abs() as u64;
    let mut s = String::with_capacity(8);
    if r.is_sign_negative() {
        s.push('-');
    }
    push_number(&mut s, n / 10_000);
    s.push('.');
    let frac = n % 10_000;
    s.extend([1000, 100, 10, 1].map(|d| char::from(b'0' + (frac / d % 10) as u8)));
    s
}

fn index_list(idx: &[usize]) -> String {
    let mut s = String::new();
    for (k, &i) in idx.iter().enumerate() {
        if k > 0 {
            s.push(',');
        }
        push_number(&mut s, i as u64);
    }
    s
}

/// `n` in decimal at the end of `s`.
fn push_number(s: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// Output format of a corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Tab-separated values with a header row.
    #[default]
    Tsv,
    /// One JSON object per bead.
    Jsonl,
    /// Vecalign ladder `[0,1]:[2]:0.9300`.
    Ladder,
    /// Two line-aligned text files, PREFIX.id and PREFIX.en.
    Moses,
    /// TMX 1.4b translation memory.
    Tmx,
    /// Both sides in two columns, for reading.
    Side,
}

/// Line width of the `side` format unless set ([`CorpusWriter::with_width`]).
pub const SIDE_WIDTH: usize = 100;

/// Narrowest line the `side` format fits into: two columns of 10 and its 3-column gutter.
pub const SIDE_MIN_WIDTH: usize = 23;

/// Widest line the `side` format accepts (`--width`): wider than any screen or page.
pub const SIDE_MAX_WIDTH: usize = 10_000;

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Format; 6] = [
        Format::Tsv,
        Format::Jsonl,
        Format::Ladder,
        Format::Moses,
        Format::Tmx,
        Format::Side,
    ];

    /// What the format is, in a few words (for `--help`).
    pub fn about(self) -> &'static str {
        match self {
            Format::Tsv => "Tab-separated values with a header row",
            Format::Jsonl => "One JSON object per bead",
            Format::Ladder => "Vecalign ladder `[0,1]:[2]:0.9300`",
            Format::Moses => "Two line-aligned text files, PREFIX.id and PREFIX.en",
            Format::Tmx => "TMX 1.4b translation memory",
            Format::Side => "Both sides in two columns, for reading",
        }
    }

    /// The format's name as given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Ladder => "ladder",
            Format::Moses => "moses",
            Format::Tmx => "tmx",
            Format::Side => "side",
        }
    }

    /// True for Moses, which writes two files.
    pub fn two_files(self) -> bool {
        self == Format::Moses
    }
}

/// The two files of a Moses corpus written with `-o PREFIX`: `PREFIX.id` and `PREFIX.en`.
pub fn moses_paths(prefix: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let with = |ext: &str| {
        let mut s = prefix.as_os_str().to_os_string();
        s.push(".");
        s.push(ext);
        std::path::PathBuf::from(s)
    };
    (with("id"), with("en"))
}

/// Escape a text field for the TSV format: `\` → `\\`, tab → `\t`, LF → `\n`, CR → `\r`.
pub fn tsv_escape(s: &str) -> std::borrow::Cow<'_, str> {
    // Byte by byte: the four are ASCII, and a text seldom holds any.
    if !s
        .bytes()
        .any(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
    {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.into()
}

/// Undo [`tsv_escape`]. An unknown escape (`\x`) is kept as written.
pub fn tsv_unescape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\\') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out.into()
}

/// Make a text safe for one line of a Moses file: line/paragraph separators and tabs become
/// spaces.
pub fn moses_line(s: &str) -> std::borrow::Cow<'_, str> {
    let sep = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\t'
                | '\u{0b}'
                | '\u{0c}'
                | '\u{1c}'
                | '\u{1d}'
                | '\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    if !s.contains(sep) {
        return s.into();
    }
    s.chars()
        .map(|c| if sep(c) { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// Replace characters that XML 1.0 does not allow by U+FFFD.
fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if !s.contains(bad) {
        return s.into();
    }
    s.chars()
        .map(|c| if bad(c) { '\u{fffd}' } else { c })
        .collect::<String>()
        .into()
}

#[derive(Serialize)]
struct JsonBead<'a> {
    doc: &'a str,
    id: &'a [usize],
    en: &'a [usize],
    bead: String,
    score: f64,
    id_text: String,
    en_text: String,
    id_spans: Vec<[usize; 2]>,
    en_spans: Vec<[usize; 2]>,
}

enum Inner<W: Write> {
    Tsv(Box<csv::Writer<W>>),
    Jsonl(W),
    Ladder(W),
    Moses(W, W),
    Tmx(quick_xml::Writer<W>),
    Side(SideWriter<W>),
}

/// The `side` format's writer.
struct SideWriter<W> {
    out: W,
    width: usize,
    /// The document of the last bead written.
    doc: Option<String>,
}

impl<W: Write> SideWriter<W> {
    fn bead(&mut self, doc: &DocAlignment, bead: &Bead) -> std::io::Result<()> {
        if !doc.doc.is_empty() && self.doc.as_deref() != Some(doc.doc) {
            writeln!(self.out, "== {} ==\n", moses_line(doc.doc))?;
            self.doc = Some(doc.doc.to_string());
        }
        writeln!(
            self.out,
            "[{}]:[{}]  {}  {}",
            index_list(&bead.id),
            index_list(&bead.en),
            bead.kind(),
            score_str(bead.score)
        )?;
        // Two columns and a 3-column gutter; each sentence starts a new line in its column.
        let col = (self.width.saturating_sub(3) / 2).max(10);
        let lines = |sents: &[Sentence], idx: &[usize]| -> Vec<String> {
            idx.iter()
                .filter_map(|&i| sents.get(i))
                .flat_map(|s| {
                    // Reduplications (`berturut-turut`) stay whole.
                    let opts = textwrap::Options::new(col)
                        .word_splitter(textwrap::WordSplitter::NoHyphenation);
                    textwrap::wrap(&moses_line(&s.text), opts)
                        .into_iter()
                        .map(|l| l.into_owned())
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let (left, right) = (lines(doc.id, &bead.id), lines(doc.en, &bead.en));
        for k in 0..left.len().max(right.len()) {
            let l = left.get(k).map_or("", String::as_str);
            let r = right.get(k).map_or("", String::as_str);
            let pad = col.saturating_sub(textwrap::core::display_width(l));
            let row = format!("{l}{} | {r}", " ".repeat(pad));
            writeln!(self.out, "{}", row.trim_end())?;
        }
        writeln!(self.out)
    }
}

/// The file name of a document's ladder in a directory of ladders (`batch -f ladder -o DIR`):
/// the doc id, with `/`, `\` and NUL made `_` and a leading `.` prefixed with `_` (so that no
/// name leaves the directory or hides in it); an id longer than 200 bytes is cut to 180 and
/// ends in `~` and 16 hex digits of its hash (file systems take 255 bytes at most).
pub fn ladder_file_name(doc: &str) -> String {
    let mut name: String = doc
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | '\0') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.starts_with('.') {
        name.insert(0, '_');
    }
    if name.len() > 200 {
        let mut cut = 180;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name = format!("{}~{:016x}", &name[..cut], crate::text::fnv1a64(doc));
    }
    name
}

/// A corpus writer for one [`Format`].
pub struct CorpusWriter<W: Write> {
    inner: Inner<W>,
    beads: usize,
}

fn werr(e: std::io::Error) -> Error {
    Error::Write(e)
}

impl<W: Write> CorpusWriter<W> {
    /// A writer for a one-file format (everything but Moses). Writes the header (TSV, TMX).
    pub fn new(format: Format, out: W) -> Result<Self> {
        let inner = match format {
            Format::Tsv => {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(b'\t')
                    .quote_style(csv::QuoteStyle::Never)
                    .from_writer(out);
                w.write_record(["doc", "id_idx", "en_idx", "bead", "score", "id", "en"])
                    .map_err(Error::from_csv_write)?;
                Inner::Tsv(Box::new(w))
            }
            Format::Jsonl => Inner::Jsonl(out),
            Format::Ladder => Inner::Ladder(out),
            Format::Moses => {
                return Err(Error::Invalid(
                    "the moses format writes two files: use CorpusWriter::moses".into(),
                ));
            }
            Format::Tmx => {
                let mut w = quick_xml::Writer::new_with_indent(out, b' ', 2);
                tmx_header(&mut w).map_err(werr)?;
                Inner::Tmx(w)
            }
            Format::Side => Inner::Side(SideWriter {
                out,
                width: SIDE_WIDTH,
                doc: None,
            }),
        };
        Ok(CorpusWriter { inner, beads: 0 })
    }

    /// A Moses writer: one line per bead in `id` and in `en`.
    pub fn moses(id: W, en: W) -> Self {
        CorpusWriter {
            inner: Inner::Moses(id, en),
            beads: 0,
        }
    }

    /// The line width of the `side` format (other formats ignore it).
    pub fn with_width(mut self, width: usize) -> Self {
        if let Inner::Side(w) = &mut self.inner {
            w.width = width;
        }
        self
    }

    /// Beads written so far.
    pub fn beads_written(&self) -> usize {
        self.beads
    }

    /// Write every bead of `doc.beads`.
    pub fn write_doc(&mut self, doc: &DocAlignment) -> Result<()> {
        for bead in doc.beads {
            self.write_bead(doc, bead)?;
        }
        Ok(())
    }

    /// Write one bead of `doc` (its indices refer to `doc.id` and `doc.en`).
    pub fn write_bead(&mut self, doc: &DocAlignment, bead: &Bead) -> Result<()> {
        self.beads += 1;
        match &mut self.inner {
            Inner::Tsv(w) => {
                let id_text = doc.id_text(bead);
                let en_text = doc.en_text(bead);
                w.write_record([
                    tsv_escape(doc.doc).as_ref(),
                    &index_list(&bead.id),
                    &index_list(&bead.en),
                    &bead.kind(),
                    &score_str(bead.score),
                    &tsv_escape(&id_text),
                    &tsv_escape(&en_text),
                ])
                .map_err(Error::from_csv_write)
            }
            Inner::Jsonl(w) => {
                let rec = JsonBead {
                    doc: doc.doc,
                    id: &bead.id,
                    en: &bead.en,
                    bead: bead.kind(),
                    score: round_score(bead.score),
                    id_text: doc.id_text(bead),
                    en_text: doc.en_text(bead),
                    id_spans: spans(doc.id, &bead.id, doc.id_offset),
                    en_spans: spans(doc.en, &bead.en, doc.en_offset),
                };
                serde_json::to_writer(&mut *w, &rec)
                    .map_err(|e| Error::Write(std::io::Error::from(e)))?;
                w.write_all(b"\n").map_err(werr)
            }
            Inner::Ladder(w) => writeln!(
                w,
                "[{}]:[{}]:{}",
                index_list(&bead.id),
                index_list(&bead.en),
                score_str(bead.score)
            )
            .map_err(werr),
            Inner::Moses(i, e) => {
                let id_text = doc.id_text(bead);
                let en_text = doc.en_text(bead);
                writeln!(i, "{}", moses_line(&id_text)).map_err(werr)?;
                writeln!(e, "{}", moses_line(&en_text)).map_err(werr)
            }
            Inner::Tmx(w) => write_tu(w, doc, bead).map_err(werr),
            Inner::Side(w) => w.bead(doc, bead).map_err(werr),
        }
    }

    /// Write the trailer (TMX), flush, and give back the writer(s): one, or two for Moses
    /// (Indonesian first).
    pub fn finish(self) -> Result<Vec<W>> {
        match self.inner {
            Inner::Tsv(w) => {
                let w = (*w)
                    .into_inner()
                    .map_err(|e| Error::Write(e.into_error()))?;
                Ok(vec![w])
            }
            Inner::Jsonl(mut w)
            | Inner::Ladder(mut w)
            | Inner::Side(SideWriter { out: mut w, .. }) => {
                w.flush().map_err(werr)?;
                Ok(vec![w])
            }
            Inner::Moses(mut i, mut e) => {
                i.flush().map_err(werr)?;
                e.flush().map_err(werr)?;
                Ok(vec![i, e])
            }
            Inner::Tmx(mut w) => {
                w.write_event(Event::End(BytesEnd::new("body")))
                    .map_err(werr)?;
                w.write_event(Event::End(BytesEnd::new("tmx")))
                    .map_err(werr)?;
                let mut out = w.into_inner();
                out.write_all(b"\n").map_err(werr)?;
                out.flush().map_err(werr)?;
                Ok(vec![out])
            }
        }
    }

    /// Flush what has been written so far (for streaming).
    pub fn flush(&mut self) -> Result<()> {
        match &mut self.inner {
            Inner::Tsv(w) => w.flush().map_err(werr),
            Inner::Jsonl(w) | Inner::Ladder(w) | Inner::Side(SideWriter { out: w, .. }) => {
                w.flush().map_err(werr)
            }
            Inner::Moses(i, e) => {
                i.flush().map_err(werr)?;
                e.flush().map_err(werr)
            }
            Inner::Tmx(w) => w.get_mut().flush().map_err(werr),
        }
    }
}

fn tmx_header<W: Write>(w: &mut quick_xml::Writer<W>) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(
        BytesStart::new("tmx").with_attributes([("version", "1.4")]),
    ))?;
    w.create_element("header")
        .with_attributes([
            ("creationtool", "selaras"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("datatype", "plaintext"),
            ("segtype", "sentence"),
            ("adminlang", "en"),
            ("srclang", "id"),
            ("o-tmf", "selaras"),
        ])
        .write_empty()?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    Ok(())
}

fn write_tu<W: Write>(
    w: &mut quick_xml::Writer<W>,
    doc: &DocAlignment,
    bead: &Bead,
) -> std::io::Result<()> {
    let id_text = doc.id_text(bead);
    let en_text = doc.en_text(bead);
    let doc_id = xml_chars(doc.doc);
    let score = score_str(bead.score);
    let kind = bead.kind();
    // The header says `sentence`, written before any bead (batch streams); a unit holding a
    // part of a sentence says `phrase` itself, as TMX 1.4 lets a `tu` override the header.
    let tu = match doc.holds_part(bead) {
        true => w.create_element("tu").with_attribute(("segtype", "phrase")),
        false => w.create_element("tu"),
    };
    tu.write_inner_content(|w| {
        for (ty, value) in [
            ("x-doc", doc_id.as_ref()),
            ("x-score", score.as_str()),
            ("x-bead", kind.as_str()),
        ] {
            w.create_element("prop")
                .with_attribute(("type", ty))
                .write_text_content(BytesText::new(value))?;
        }
        for (lang, text) in [("id", &id_text), ("en", &en_text)] {
            w.create_element("tuv")
                .with_attribute(("xml:lang", lang))
                .write_inner_content(|w| {
                    w.create_element("seg")
                        .write_text_content(BytesText::new(&xml_chars(text)))?;
                    Ok(())
                })?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str, start: usize) -> Sentence {
        Sentence {
            text: text.to_string(),
            start,
            end: start + text.len(),
            para: 0,
            shifts: Vec::new(),
        }
    }

    struct Fixture {
        id: Vec<Sentence>,
        en: Vec<Sentence>,
        beads: Vec<Bead>,
        id_sentence: Vec<Option<usize>>,
    }

    impl Fixture {
        /// The fixture as document `doc` (its Indonesian offsets start at `id_offset`).
        fn doc<'a>(&'a self, doc: &'a str, id_offset: usize) -> DocAlignment<'a> {
            DocAlignment {
                doc,
                id: &self.id,
                en: &self.en,
                beads: &self.beads,
                id_offset,
                en_offset: 0,
                id_sentence: &self.id_sentence,
                en_sentence: &[],
            }
        }
    }

    fn fixture() -> Fixture {
        Fixture {
            id: vec![
                sent("Harga naik 5%.", 0),
                sent("Kata \"baru\"\tdan\nbaris \\ 🙂.", 15),
                sent("A <b> & C.", 44),
            ],
            en: vec![
                sent("Prices rose 5%.", 0),
                sent("The word \"new\"\tand line \\ 🙂.", 16),
            ],
            beads: vec![
                Bead {
                    id: vec![0],
                    en: vec![0],
                    score: 0.93,
                },
                Bead {
                    id: vec![1, 2],
                    en: vec![1],
                    score: 0.123456,
                },
                Bead {
                    id: vec![],
                    en: vec![],
                    score: 1.0,
                },
            ],
            id_sentence: Vec::new(),
        }
    }

    fn render(format: Format, f: &Fixture) -> String {
        let doc = f.doc("d\t1", 3);
        let mut w = CorpusWriter::new(format, Vec::new()).unwrap();
        w.write_doc(&doc).unwrap();
        String::from_utf8(w.finish().unwrap().remove(0)).unwrap()
    }

    #[test]
    fn scores_and_index_lists_are_written_as_the_formatter_writes_them() {
        let mut x = -2.5f64;
        while x < 2.5 {
            for s in [x, x + 0.00005, x - 0.00005, x + 1e-9, -x] {
                assert_eq!(score_str(s), format!("{:.4}", round_score(s)), "{s}");
            }
            x += 0.000_37;
        }
        for s in [
            0.0,
            -0.0,
            -1e-9,
            1e300,
            -1e300,
            f64::NAN,
            f64::INFINITY,
            0.99995,
            123456.78915,
        ] {
            assert_eq!(score_str(s), format!("{:.4}", round_score(s)), "{s}");
        }
        assert_eq!(
            index_list(&[0, 7, 10, 1234567, 4294967295]),
            "0,7,10,1234567,4294967295"
        );
        assert_eq!(index_list(&[]), "");
    }

    #[test]
    fn tsv_escapes_and_is_one_line_per_bead() {
        let out = render(Format::Tsv, &fixture());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "doc\tid_idx\ten_idx\tbead\tscore\tid\ten");
        assert_eq!(
            lines[1],
            "d\\t1\t0\t0\t1-1\t0.9300\tHarga naik 5%.\tPrices rose 5%."
        );
        assert_eq!(
            lines[2],
            "d\\t1\t1,2\t1\t2-1\t0.1235\tKata \"baru\"\\tdan\\nbaris \\\\ 🙂. A <b> & C.\t\
             The word \"new\"\\tand line \\\\ 🙂."
        );
        assert_eq!(lines[3], "d\\t1\t\t\t0-0\t1.0000\t\t");
        for l in &lines {
            assert_eq!(l.split('\t').count(), 7);
        }
        // Round trip through the csv crate with quoting off.
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .quoting(false)
            .from_reader(out.as_bytes());
        let recs: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(
            tsv_unescape(&recs[1][5]),
            "Kata \"baru\"\tdan\nbaris \\ 🙂. A <b> & C."
        );
        assert_eq!(tsv_unescape(&recs[0][0]), "d\t1");
    }

    #[test]
    fn escape_round_trips() {
        for s in ["", "a\\b", "\\t", "x\ty\nz\r", "\\\\n", "emoji 🙂\\"] {
            assert_eq!(tsv_unescape(&tsv_escape(s)), s);
            assert!(!tsv_escape(s).contains(['\t', '\n', '\r']));
        }
    }

    #[test]
    fn jsonl_has_spans_with_offset() {
        let out = render(Format::Jsonl, &fixture());
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["doc"], "d\t1");
        assert_eq!(lines[0]["id_spans"], serde_json::json!([[3, 17]]));
        assert_eq!(lines[0]["en_spans"], serde_json::json!([[0, 15]]));
        assert_eq!(lines[1]["id"], serde_json::json!([1, 2]));
        assert_eq!(lines[1]["bead"], "2-1");
        assert_eq!(lines[1]["score"], 0.1235);
        assert_eq!(
            lines[1]["id_text"],
            "Kata \"baru\"\tdan\nbaris \\ 🙂. A <b> & C."
        );
        assert_eq!(lines[2]["id_text"], "");
        assert_eq!(lines[2]["id_spans"], serde_json::json!([]));
    }

    #[test]
    fn ladder_is_vecalign_and_parses() {
        let out = render(Format::Ladder, &fixture());
        assert_eq!(out, "[0]:[0]:0.9300\n[1,2]:[1]:0.1235\n[]:[]:1.0000\n");
        let parsed = crate::eval::parse_ladder(&out, std::path::Path::new("x")).unwrap();
        assert_eq!(parsed.len(), 2);
    }

    #[test]
    fn moses_equal_lines() {
        let f = fixture();
        let doc = f.doc("d", 0);
        let mut w = CorpusWriter::moses(Vec::new(), Vec::new());
        w.write_doc(&doc).unwrap();
        let mut files = w.finish().unwrap();
        let en = String::from_utf8(files.pop().unwrap()).unwrap();
        let id = String::from_utf8(files.pop().unwrap()).unwrap();
        assert_eq!(id.lines().count(), 3);
        assert_eq!(en.lines().count(), 3);
        assert_eq!(
            id.lines().nth(1).unwrap(),
            "Kata \"baru\" dan baris \\ 🙂. A <b> & C."
        );
        assert_eq!(moses_line("a\u{2028}b\u{85}c\rd"), "a b c d");
        assert!(CorpusWriter::new(Format::Moses, Vec::new()).is_err());
    }

    #[test]
    fn ladder_file_names_stay_in_their_directory() {
        assert_eq!(ladder_file_name("berita-01"), "berita-01");
        assert_eq!(ladder_file_name("../a/b\\c"), "_.._a_b_c");
        assert_eq!(ladder_file_name(".hidden"), "_.hidden");
        let long = "é".repeat(150);
        let name = ladder_file_name(&long);
        assert!(name.len() <= 200 && name.starts_with("éé"), "{name}");
        assert_ne!(name, ladder_file_name(&"é".repeat(151)));
    }

    #[test]
    fn side_takes_any_width() {
        // A cell's padding was a format width, which panics past 65,535.
        let f = fixture();
        let doc = f.doc("d", 0);
        let mut w = CorpusWriter::new(Format::Side, Vec::new())
            .unwrap()
            .with_width(200_000);
        w.write_doc(&doc).unwrap();
        assert!(!w.finish().unwrap().remove(0).is_empty());
    }

    #[test]
    fn side_columns_fit_and_keep_every_word() {
        let mut f = fixture();
        f.id.push(sent(
            "Mereka kemudian merebut tujuh poin berturut-turut untuk berbalik unggul dalam gim pertama.",
            60,
        ));
        f.beads.push(Bead {
            id: vec![3],
            en: vec![],
            score: 0.5,
        });
        let doc = f.doc("d\t1", 0);
        let width = 40;
        let mut w = CorpusWriter::new(Format::Side, Vec::new())
            .unwrap()
            .with_width(width);
        w.write_doc(&doc).unwrap();
        let out = String::from_utf8(w.finish().unwrap().remove(0)).unwrap();
        // The document once (tab made a space), then a header per bead.
        assert!(
            out.starts_with("== d 1 ==\n\n[0]:[0]  1-1  0.9300\n"),
            "{out}"
        );
        let headers: Vec<&str> = out.lines().filter(|l| l.starts_with('[')).collect();
        assert_eq!(
            headers,
            [
                "[0]:[0]  1-1  0.9300",
                "[1,2]:[1]  2-1  0.1235",
                "[]:[]  0-0  1.0000",
                "[3]:[]  1-0  0.5000"
            ]
        );
        for l in out.lines() {
            assert!(textwrap::core::display_width(l) <= width, "too wide: {l:?}");
        }
        // Reading each column top to bottom gives back every word of its sentences, in order;
        // a reduplication is never cut at its hyphen.
        let col = |side: usize| -> Vec<String> {
            out.lines()
                .filter(|l| l.contains(" | ") || l.ends_with(" |"))
                .filter_map(|l| {
                    let (a, b) = l.split_once(" |").unwrap();
                    let t = if side == 0 { a } else { b };
                    (!t.trim().is_empty()).then(|| t.trim().to_string())
                })
                .flat_map(|t| t.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                .collect()
        };
        let words = |v: &[Sentence]| -> Vec<String> {
            v.iter()
                .flat_map(|s| {
                    moses_line(&s.text)
                        .split_whitespace()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        assert_eq!(col(0), words(&f.id));
        assert_eq!(col(1), words(&f.en));
        assert!(col(0).contains(&"berturut-turut".to_string()));
    }

    #[test]
    fn tmx_is_well_formed_and_escaped() {
        let mut f = fixture();
        f.id[0].text = "Kontrol \u{1}x".into();
        let out = render(Format::Tmx, &f);
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(out.contains("srclang=\"id\""));
        assert!(out.contains("A &lt;b&gt; &amp; C."));
        assert!(out.contains("Kontrol \u{fffd}x"));
        // Parse it back and count elements.
        let mut reader = quick_xml::Reader::from_str(&out);
        let (mut tu, mut tuv, mut segs) = (0, 0, Vec::new());
        let mut in_seg = false;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) if e.name().0 == "tu" => tu += 1,
                Event::Start(e) if e.name().0 == "tuv" => tuv += 1,
                Event::Start(e) if e.name().0 == "seg" => in_seg = true,
                Event::End(e) if e.name().0 == "seg" => in_seg = false,
                Event::Text(t) if in_seg => segs.push(t.into_inner().into_owned()),
                Event::GeneralRef(_) if in_seg => {}
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!((tu, tuv), (3, 6));
        assert!(segs.iter().any(|s| s.contains("🙂")));
    }

    #[test]
    fn tmx_units_holding_part_of_a_sentence_say_phrase() {
        let mut f = fixture();
        assert!(!render(Format::Tmx, &f).contains("<tu segtype"));
        // The second bead's last Indonesian segment is a part of a sentence.
        f.id_sentence = vec![Some(0), Some(1), None];
        let out = render(Format::Tmx, &f);
        assert!(out.contains("segtype=\"sentence\" adminlang"), "{out}");
        let tus: Vec<&str> = out
            .lines()
            .filter(|l| l.trim_start().starts_with("<tu>") || l.trim_start().starts_with("<tu "))
            .collect();
        assert_eq!(tus, ["    <tu>", "    <tu segtype=\"phrase\">", "    <tu>"]);
    }
}
