//! Reading input text safely and normalising it for matching.
//!
//! Input is UTF-8, or UTF-16 (LE or BE) that begins with its byte-order mark or, without
//! one, shows itself by its zero bytes ([`utf16_by_zeros`]). A UTF-8
//! byte-order mark is accepted and skipped, CRLF and CR line ends are accepted (segmentation treats them as line breaks). The text handed to
//! segmentation is the original text, so byte spans point back into the input file;
//! [`normalize`] gives the form used for matching.

use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A decoded input text.
#[derive(Clone, Debug)]
pub struct Input {
    /// Name used in messages (the path, or `<stdin>`).
    pub name: PathBuf,
    /// The text, without a leading byte-order mark.
    pub text: String,
    /// Bytes skipped at the start of the file (3 for a UTF-8 BOM, else 0): add it to an
    /// offset in `text` to get an offset in the file.
    pub offset: usize,
}

/// Read a file (or standard input for `-`) and decode it as UTF-8. Errors name the file and,
/// for bad UTF-8, the byte and line of the first bad byte. Empty or whitespace-only input is
/// an error.
pub fn read_input(path: &Path) -> Result<Input> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    let name = if path.as_os_str() == "-" {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    };
    decode(name, bytes)
}

/// Bytes as text: UTF-8, or UTF-16 (little- or big-endian) when they begin with its
/// byte-order mark (kept as U+FEFF at the start of the text, as a UTF-8 one is) or, without
/// one, when their zero bytes show it ([`utf16_by_zeros`]). An error names `name` and, for
/// UTF-8, the byte and line of the first bad byte.
pub fn utf8(name: &Path, bytes: Vec<u8>) -> Result<String> {
    let utf16 = match utf16_encoding(&bytes) {
        Some(encoding) => Some((encoding, "it begins with its byte-order mark")),
        None => utf16_by_zeros(&bytes).map(|e| {
            (
                e,
                "read as such by its zero bytes: it has no byte-order mark",
            )
        }),
    };
    if let Some((encoding, why)) = utf16 {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes)
            .map(|text| text.into_owned())
            .ok_or_else(|| Error::InvalidText {
                path: name.to_path_buf(),
                what: format!(
                    "invalid {} ({why}): {}",
                    encoding.name(),
                    utf16_fault(&bytes, encoding == encoding_rs::UTF_16BE)
                ),
            });
    }
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        Error::InvalidUtf8 {
            path: name.to_path_buf(),
            byte,
            line: line_of(e.as_bytes(), byte),
            // No error length: the bytes end inside a character (a file cut short).
            hint: utf8_hint(e.as_bytes(), e.utf8_error().error_len().is_none()),
        }
    })
}

/// What to add to the message of `bytes` that are not UTF-8 ([`Error::InvalidUtf8`]): that
/// they end inside a character (`cut_short`: a file cut short), or else that they read as an
/// 8-bit encoding such as Windows-1252, where they do.
pub fn utf8_hint(bytes: &[u8], cut_short: bool) -> &'static str {
    match cut_short {
        true => ": the file ends inside a character (cut short?)",
        false => legacy_hint(bytes),
    }
}

/// What to say about bytes that are not UTF-8 when none of their bytes above ASCII forms a
/// UTF-8 character: text in an 8-bit encoding, most often Windows-1252 (or Latin-1, which it
/// extends), as older Indonesian and English sites and Windows tools write it. Where some
/// characters are UTF-8, the text is UTF-8 with a fault, and nothing is said.
fn legacy_hint(bytes: &[u8]) -> &'static str {
    let eight_bit = bytes.utf8_chunks().all(|c| c.valid().is_ascii());
    if eight_bit {
        ": it reads as an 8-bit encoding such as Windows-1252: convert it to UTF-8 \
         (iconv -f WINDOWS-1252 -t UTF-8)"
    } else {
        ""
    }
}

/// The byte ranges of the lines of `text`, without their line ends. LF, CRLF and a lone CR
/// all end a line, and so do the other Unicode line ends (VT, FF, NEL, U+2028, U+2029), so
/// that no sentence ever holds a line break.
pub fn lines(text: &str) -> Vec<(usize, usize)> {
    split_lines(text, true)
}

/// The lines of a file of one unit per line ([`crate::segment::presplit`]): only LF, CRLF and
/// a lone CR end a line, as for the tools that write such files and count their lines
/// (Python's universal newlines), so that line k of the file is unit k even when a unit holds
/// a VT, FF, NEL, U+2028 or U+2029.
pub fn file_lines(text: &str) -> Vec<(usize, usize)> {
    split_lines(text, false)
}

/// The lines of `text` ended by [`is_line_end`] (`unicode`) or by LF and CR only; CRLF is one
/// line end.
fn split_lines(text: &str, unicode: bool) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Only these bytes can begin a line end (VT, FF; NEL is C2 85, U+2028/9 E2 80 A8/9).
        if !matches!(bytes[i], b'\n' | b'\r' | 0x0b | 0x0c | 0xc2 | 0xe2) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        let ends = match c {
            '\n' | '\r' => true,
            _ => unicode && is_line_end(c),
        };
        if !ends {
            i += 1;
            continue;
        }
        out.push((start, i));
        i += c.len_utf8();
        if c == '\r' && bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        start = i;
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// True for the characters that end a line (see [`lines`]).
pub fn is_line_end(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The lines of a text file, each without its line end: LF, CRLF and a lone CR each end a
/// line ([`file_lines`]), where `str::lines` knows only the first two.
pub fn file_line_texts(text: &str) -> impl Iterator<Item = &str> {
    file_lines(text)
        .into_iter()
        .map(move |(start, end)| &text[start..end])
}

/// The 1-based line of byte `byte` of `bytes`: LF, CRLF and a lone CR each end a line (as
/// [`file_lines`] splits a file), so messages count lines as editors do
/// for files from any system.
pub fn line_of(bytes: &[u8], byte: usize) -> usize {
    LineCounter::new(bytes).line_at(byte)
}

/// [`line_of`] for a rising sequence of offsets into one text (the rows of a table): each
/// call counts on from where the last one stopped, so a whole file costs one pass.
#[derive(Clone, Debug)]
pub struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    /// A counter at the start of `bytes` (line 1).
    pub fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `byte` (past the end: the line after the last line end).
    /// An offset before the previous one counts again from the start.
    pub fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if byte < self.pos {
            (self.pos, self.line) = (0, 1);
        }
        for i in self.pos..byte {
            match self.bytes[i] {
                b'\n' => self.line += 1,
                b'\r' if self.bytes.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.pos = byte;
        self.line
    }

    /// The line of the first byte at or after `byte` that is not a line end: where a record
    /// begins when `byte` is the end of the one before, as the csv crate reports a record's
    /// position (the LF of a CRLF and blank lines are still ahead of it there).
    pub fn line_of_record(&mut self, byte: usize) -> usize {
        let skip = self.bytes.get(byte..).map_or(0, |rest| {
            rest.iter()
                .take_while(|&&b| matches!(b, b'\n' | b'\r'))
                .count()
        });
        self.line_at(byte + skip)
    }
}

/// The UTF-16 encoding whose byte-order mark begins `bytes`, if any.
fn utf16_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match bytes {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// Where UTF-16 `bytes` that do not decode go wrong: an unpaired surrogate, named by its byte
/// and line (lines counted as [`line_of`] counts them in UTF-8: LF, CRLF and a lone CR each
/// end one), or a last byte without its pair.
fn utf16_fault(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|u| {
        let u = [u[0], u[1]];
        if big_endian {
            u16::from_be_bytes(u)
        } else {
            u16::from_le_bytes(u)
        }
    });
    let (mut at, mut line, mut after_cr) = (0, 1, false);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                // A CR ends a line at once; the LF of a CRLF then ends none.
                line += usize::from(c == '\r' || (c == '\n' && !after_cr));
                after_cr = c == '\r';
                at += 2 * c.len_utf16();
            }
            Err(e) => {
                return format!(
                    "an unpaired surrogate {:#06x} at byte {at} (line {line})",
                    e.unpaired_surrogate()
                );
            }
        }
    }
    format!(
        "an odd number of bytes ({}): the last byte has no pair",
        bytes.len()
    )
}

/// UTF-16 without a byte-order mark, told by its zero bytes. Text in a Latin script is mostly
/// characters below U+0100 (ASCII, and `é`), whose high byte is zero: in UTF-16 one of the
/// two byte positions of a unit (the second for little-endian, the first for big-endian) is
/// zero in at least half the units, and the other in at most one sixteenth as many (a
/// character such as U+2000 or U+0100 has a zero low byte; curly quotes, U+201C, have none).
/// UTF-8 and Latin-1 text holds no zero byte at all, so is never taken for it; a binary file
/// taken for it reads as control characters, which [`not_text`] refuses.
pub fn utf16_by_zeros(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    // Two units at least; most files have no zero byte, found at memchr speed.
    if bytes.len() < 4 || !bytes.contains(&0) {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut first, mut second) = (0usize, 0usize);
    for unit in bytes.chunks_exact(2) {
        first += usize::from(unit[0] == 0);
        second += usize::from(unit[1] == 0);
    }
    let shows = |high: usize, low: usize| high * 2 >= units && low * 16 <= high;
    if shows(second, first) {
        Some(encoding_rs::UTF_16LE)
    } else if shows(first, second) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Decode bytes as UTF-8, or UTF-16 with a byte-order mark or told by its zero bytes (see [`read_input`] and [`utf8`]).
/// Byte offsets of UTF-16 input count in the text as UTF-8 (there is no byte of the file to
/// point to), after the mark ([`Input::offset`] 0).
pub fn decode(name: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Input> {
    let name = name.into();
    let utf16 = utf16_encoding(&bytes).is_some();
    let text = utf8(&name, bytes)?;
    let (text, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_string(), if utf16 { 0 } else { 3 }),
        None => (text, 0),
    };
    if text.is_empty() {
        return Err(Error::Empty {
            path: name,
            what: "input is empty",
        });
    }
    if text.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(Error::Empty {
            path: name,
            what: "input holds only whitespace",
        });
    }
    if let Some(what) = not_text(&text) {
        return Err(Error::InvalidText { path: name, what });
    }
    Ok(Input { name, text, offset })
}

/// Why a decoded text is not text at all (a binary file that happens to be valid UTF-8, or
/// UTF-16 without its byte-order mark): it holds a NUL, or control characters other than
/// tab and the line ends make up more than one in [`CONTROL_SHARE`] of its characters.
/// Aligned, such a side would give confident 1-0 and 0-1 beads of garbage.
pub fn not_text(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Some(format!(
            "not text: a NUL byte at byte {at} (line {}): a binary file, or UTF-16 without its byte-order mark",
            line_of(bytes, at)
        ));
    }
    // Counted over bytes: C0 controls and DEL are single bytes, C1 controls (U+0080-U+009F)
    // are 0xC2 and a second byte 0x80-0x9F; every character has one byte that is not a
    // continuation byte.
    let mut controls = 0usize;
    let mut chars = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        chars += usize::from(b & 0xC0 != 0x80);
        let c1 = b == 0xC2
            && bytes
                .get(i + 1)
                .is_some_and(|n| (0x80..0xA0).contains(n) && *n != 0x85);
        let c0 = (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F;
        controls += usize::from(c0 || c1);
    }
    (controls * CONTROL_SHARE > chars).then(|| {
        format!(
            "not text: {controls} of its {chars} characters are control characters (a binary file?)"
        )
    })
}

/// A text refused by [`not_text`] has more than one control character in this many.
pub const CONTROL_SHARE: usize = 20;

/// Zero-width and other invisible format characters that never carry meaning for matching.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}'
    )
}

/// The form of a sentence used for matching: mojibake repaired ([`repair_mojibake`]), NFKC,
/// invisible and control characters removed, every run of whitespace collapsed to one space,
/// trimmed. Case is kept.
pub fn normalize(s: &str) -> String {
    let s = &*repair_mojibake(s);
    // Text already in NFKC (all ASCII text, nearly all other text) skips the decomposition.
    if is_nfkc(s) {
        clean(s.chars(), s.len())
    } else {
        clean(s.nfkc(), s.len())
    }
}

/// Undo mojibake: UTF-8 text that was read as Windows-1252 somewhere on its way, so that `é`
/// became `Ã©` and `–` became `â€“` (`RepÃºblica`, `JimÃ©nez` in web text). Each run of a
/// UTF-8 lead byte read as a character (`Â`…`ô`) and the continuation bytes it needs, each read
/// as a character of Windows-1252, becomes the character those bytes encode — when that is one
/// such text would hold (Latin letters and signs, punctuation, currency and letter-like signs,
/// emoji); anything else is left as it is, so that `„Straße“` or `CAFÉ”` stay as they are.
/// Text without such a lead character is returned unchanged.
pub fn repair_mojibake(s: &str) -> std::borrow::Cow<'_, str> {
    let lead = |c: char| ('\u{c2}'..='\u{f4}').contains(&c);
    if s.is_ascii() || !s.contains(lead) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let need = match c as u32 {
            0xc2..=0xdf => 1,
            0xe0..=0xef => 2,
            0xf0..=0xf4 => 3,
            _ => 0,
        };
        if need > 0 {
            let end = rest
                .char_indices()
                .nth(need + 1)
                .map_or(rest.len(), |(k, _)| k);
            let run = &rest[..end];
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(run);
            if !unmappable
                && bytes.len() == need + 1
                && bytes[1..].iter().all(|b| (0x80..0xc0).contains(b))
                && let Ok(fixed) = std::str::from_utf8(&bytes)
                && fixed.chars().all(is_plausible_repair)
            {
                out.push_str(fixed);
                rest = &rest[end..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.into()
}

/// The characters a repair may give: Latin letters and signs (U+00A0–U+017F: `é`, `ü`, `ß`,
/// `ł`, `ő`, no-break space), general punctuation (dashes, quotes, `…`, bullets), currency
/// signs (`€`) and letter-like symbols (`™`), and emoji. Anything else (IPA, Hebrew, NKo, CJK
/// …) would come from legitimate text that happens to look like mojibake: `ß“` reads as
/// U+07D3, `É”` as `ɔ`.
fn is_plausible_repair(c: char) -> bool {
    matches!(
        c as u32,
        0xa0..=0x17f | 0x2000..=0x206f | 0x20a0..=0x20cf | 0x2100..=0x214f | 0x1f000..=0x1faff
    )
}

/// True when `s` is known to be in NFKC already (a quick check: ASCII, or no character that
/// NFKC could change).
pub fn is_nfkc(s: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfkc_quick};
    s.is_ascii() || is_nfkc_quick(s.chars()) == IsNormalized::Yes
}

/// Drop invisible and control characters, collapse and trim white space.
fn clean(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if is_invisible(c) || c.is_control() {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// The stable 64-bit FNV-1a hash of a string (the same on every machine and run).
pub fn fnv1a64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The words of `text` (runs of characters other than whitespace) with their byte offsets.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (k, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..k]));
                start = None;
            }
            (false, None) => start = Some(k),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// `n` things, the noun in the singular for one: `1 document`, `3 documents`.
pub fn count(n: u64, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{s}")
}

/// Natural order of names: runs of ASCII digits compare as numbers (`doc_2` before `doc_10`),
/// the rest as text; names equal so (`a01`, `a1`) fall back to plain order.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    while let (Some(&cx), Some(&cy)) = (x.first(), y.first()) {
        let ord = if cx.is_ascii_digit() && cy.is_ascii_digit() {
            let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
            let (nx, ny) = (run(x), run(y));
            let trim = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
            let (dx, dy) = (
                &x[trim(&x[..nx]).min(nx)..nx],
                &y[trim(&y[..ny]).min(ny)..ny],
            );
            let ord = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(dy));
            (x, y) = (&x[nx..], &y[ny..]);
            ord
        } else {
            (x, y) = (&x[1..], &y[1..]);
            cx.cmp(&cy)
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_text_is_refused() {
        let nul = decode("b.txt", b"Satu.\nDua\0.\n".to_vec()).unwrap_err();
        assert_eq!(
            nul.to_string(),
            "b.txt: not text: a NUL byte at byte 9 (line 2): a binary file, or UTF-16 without its byte-order mark"
        );
        let controls = decode("c.txt", b"\x01\x02abc\x1b\x7f\n".to_vec()).unwrap_err();
        assert!(
            controls
                .to_string()
                .starts_with("c.txt: not text: 4 of its 8 characters")
        );
        let c1 = decode("c.txt", "a\u{90}\u{91}".as_bytes().to_vec()).unwrap_err();
        assert!(c1.to_string().contains("2 of its 3 characters"), "{c1}");
        // Tabs, line ends, form feeds and a stray control character in a long text pass.
        let text = format!("a\tb\r\n\x0c\u{85}{}\x1b", "x".repeat(40));
        assert!(decode("ok.txt", text.into_bytes()).is_ok());
    }

    #[test]
    fn names_sort_naturally() {
        let mut v = vec!["doc_10", "doc_2", "doc_1", "doc_02", "a", "doc_b", "doc_"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            v,
            ["a", "doc_", "doc_1", "doc_02", "doc_2", "doc_10", "doc_b"]
        );
    }

    /// The UTF-16 code units `units` as little- and big-endian bytes.
    fn utf16_bytes(units: impl Iterator<Item = u16>) -> (Vec<u8>, Vec<u8>) {
        let (mut le, mut be) = (Vec::new(), Vec::new());
        for u in units {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        (le, be)
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let text = "Halo, dunia.\nApa kabar?";
        let (le, be) = utf16_bytes(std::iter::once(0xfeff).chain(text.encode_utf16()));
        for bytes in [le, be] {
            let input = decode("t.txt", bytes.clone()).unwrap();
            assert_eq!((input.text.as_str(), input.offset), (text, 0));
            // An odd number of bytes is named as bad UTF-16, not as bad UTF-8 at byte 0.
            let mut odd = bytes;
            odd.push(b'x');
            let e = decode("t.txt", odd).unwrap_err().to_string();
            assert!(e.starts_with("t.txt: invalid UTF-16"), "{e}");
            assert!(
                e.ends_with("an odd number of bytes (49): the last byte has no pair"),
                "{e}"
            );
        }
        // An unpaired surrogate is named by its byte and line.
        let units = "\u{feff}Satu.\nDua ".encode_utf16().chain([0xd800]);
        let (le, _) = utf16_bytes(units.chain("x.".encode_utf16()));
        let e = decode("t.txt", le).unwrap_err().to_string();
        assert!(
            e.ends_with("an unpaired surrogate 0xd800 at byte 22 (line 2)"),
            "{e}"
        );
    }

    #[test]
    fn utf16_without_a_bom_is_told_by_its_zero_bytes() {
        // Indonesian with curly quotes (no zero byte in UTF-16) and `é`, U+00E9.
        let text = "Kata \u{201c}kafé\u{201d} itu, katanya.\nIa pergi ke pasar.\n";
        let (le, be) = utf16_bytes(text.encode_utf16());
        assert_eq!(utf16_by_zeros(&le), Some(encoding_rs::UTF_16LE));
        assert_eq!(utf16_by_zeros(&be), Some(encoding_rs::UTF_16BE));
        for bytes in [le, be] {
            let input = decode("t.txt", bytes.clone()).unwrap();
            assert_eq!((input.text.as_str(), input.offset), (text, 0));
            let mut odd = bytes;
            odd.push(b'x');
            let e = decode("t.txt", odd).unwrap_err().to_string();
            assert!(e.starts_with("t.txt: invalid UTF-16"), "{e}");
            assert!(e.contains("zero bytes"), "{e}");
        }
        // UTF-8 and Latin-1 hold no zero byte: never UTF-16.
        assert_eq!(utf16_by_zeros(text.as_bytes()), None);
        let latin1: Vec<u8> = text
            .chars()
            .filter_map(|c| u8::try_from(u32::from(c)).ok())
            .collect();
        assert_eq!(utf16_by_zeros(&latin1), None);
        // A stray NUL in UTF-8 is still a NUL, not UTF-16.
        assert_eq!(utf16_by_zeros(b"Satu.\nDua\0.\n"), None);
        // Zeros in both positions (a binary file) are not UTF-16.
        assert_eq!(utf16_by_zeros(&[0, 0, 0, 0, 1, 0, 0, 2]), None);
    }

    #[test]
    fn normalize_collapses_and_strips() {
        assert_eq!(normalize("  a\u{200b}b \t\n c\u{0007} "), "ab c");
        assert_eq!(normalize("ﬁ ①"), "fi 1");
    }

    #[test]
    fn mojibake_is_repaired() {
        assert_eq!(
            repair_mojibake("RepÃºblica, JimÃ©nez"),
            "República, Jiménez"
        );
        assert_eq!(repair_mojibake("1990â€“2000, Ã¼ber"), "1990–2000, über");
        assert_eq!(repair_mojibake("â€œkataâ€\u{9d}"), "“kata”");
        assert_eq!(repair_mojibake("ðŸ™‚ â„¢ â‚¬5"), "🙂 ™ €5");
        // Real text with such letters stays as it is.
        for t in [
            "Ã la carte",
            "São Paulo, Â",
            "ça va, déjà",
            "plain",
            "die „Straße“",
            "“She ordered a ‘café’”",
            "Touché…”",
            "CAFÉ”, ANDRÉ’S, «JOSÉ»",
            "È… Ü– 2×½",
        ] {
            assert_eq!(repair_mojibake(t), t);
        }
        assert_eq!(normalize("TaÃ\u{ad}nos"), "Taínos");
    }

    #[test]
    fn decode_reports_bad_byte() {
        let err = decode("x.txt", b"ab\ncd\xffef".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.txt: invalid UTF-8 at byte 5 (line 2): it reads as an 8-bit encoding such as \
             Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
        );
        // UTF-8 with a fault in it: no word about other encodings.
        let err = decode("x.txt", "café\n".bytes().chain([0xff]).collect()).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: invalid UTF-8 at byte 6 (line 2)");
        // Cut off inside a character: said so, not taken for another encoding.
        let err = decode("x.txt", b"abc\n\xe2\x80".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.txt: invalid UTF-8 at byte 4 (line 2): the file ends inside a character (cut short?)"
        );
    }

    #[test]
    fn lines_end_at_lf_crlf_and_cr() {
        for text in ["a\nb\nc", "a\r\nb\r\nc", "a\rb\rc"] {
            let b = text.find('b').unwrap();
            let c = text.find('c').unwrap();
            let found = [0, b, c].map(|k| line_of(text.as_bytes(), k));
            assert_eq!(found, [1, 2, 3], "{text:?}");
        }
        // x CR CR y CRLF LF z: the LF of a CRLF ends no second line
        let mut lines = LineCounter::new(b"x\r\ry\r\n\nz");
        assert_eq!(
            [1, 3, 4, 5, 6, 7, 8].map(|b| lines.line_at(b)),
            [1, 3, 3, 3, 4, 5, 5]
        );
        assert_eq!(lines.line_at(0), 1);
        assert_eq!([1, 4].map(|b| lines.line_of_record(b)), [3, 5]);
        let err = decode("x.txt", b"ab\rcd\r\xffef".to_vec()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("x.txt: invalid UTF-8 at byte 6 (line 3):"),
            "{err}"
        );
    }

    #[test]
    fn decode_drops_bom_and_rejects_blank() {
        let inp = decode("x", "\u{feff}Halo.".as_bytes().to_vec()).unwrap();
        assert_eq!((inp.text.as_str(), inp.offset), ("Halo.", 3));
        assert!(decode("x", b"".to_vec()).is_err());
        assert!(decode("x", b" \n\t\r\n".to_vec()).is_err());
    }
}
