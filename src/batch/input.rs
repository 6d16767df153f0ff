//! Where the documents of a batch come from: a directory of `NAME.id.txt` + `NAME.en.txt`
//! pairs (read recursively, NAME the path below it), a manifest TSV (`doc`, `id`, `en`; paths relative to the manifest), or JSON Lines
//! (`{"doc": …, "id": "<text>", "en": "<text>"}`, one article pair per line).
//!
//! Listing never fails on one bad document: a lone file, a bad manifest row or a bad JSON
//! line becomes a [`DocError`] row and the rest goes on.

use crate::error::{Error, Result};
use crate::place::Place;
use crate::text::{Input, decode, fnv1a64, read_input};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One side of a document: a file to read, or text given inline (JSON Lines).
#[derive(Clone, Debug)]
pub enum Side {
    /// A file path.
    File(PathBuf),
    /// A file a manifest row names: its path (relative to the manifest's directory resolved),
    /// the field as the row gives it, and the row (`m.tsv:3`), which a missing file is
    /// reported at.
    Listed {
        path: PathBuf,
        given: String,
        row: Place,
    },
    /// Inline text and where it is, named in messages (`<stdin>:LINE`).
    Text { text: String, origin: Place },
}

impl Side {
    /// The name of this side in messages and in the errors file.
    pub fn origin(&self) -> Place {
        match self {
            Side::File(p) | Side::Listed { path: p, .. } => Place::File(p.clone()),
            Side::Text { origin, .. } => origin.clone(),
        }
    }

    /// The file of this side (none for inline text).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Side::File(p) | Side::Listed { path: p, .. } => Some(p),
            Side::Text { .. } => None,
        }
    }

    /// Read (or take) and decode the text. An error is the place to name (the file, or for
    /// a file a manifest names that is missing, a directory, a broken link or a loop of
    /// links, the manifest row) and the reason, as a [`DocError`] gives them.
    pub fn load(self) -> std::result::Result<Input, (Place, String)> {
        let origin = self.origin();
        match self {
            Side::File(p) => read_input(&p).map_err(|e| (origin, reason(&e))),
            Side::Listed { path, given, row } => read_input(&path).map_err(|e| match &e {
                Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                    (row, format!("file {given} not found"))
                }
                Error::Io { source, .. } if source.kind() == std::io::ErrorKind::IsADirectory => {
                    (row, format!("file {given} is a directory, not a file"))
                }
                Error::BrokenLink { .. } | Error::LinkLoop { .. } => {
                    (row, format!("file {given} is {}", reason(&e)))
                }
                _ => (origin, reason(&e)),
            }),
            Side::Text { text, origin } => {
                let name = origin.to_string();
                decode(&name, text.into_bytes()).map_err(|e| (origin, reason(&e)))
            }
        }
    }
}

/// The reason of an error, without the file name (the errors file has its own column).
pub fn reason(e: &Error) -> String {
    match e {
        Error::Io { source, .. } => match source.kind() {
            std::io::ErrorKind::NotFound => "file not found".into(),
            _ => source.to_string(),
        },
        Error::BrokenLink { target, end, .. } => crate::error::broken_link(target, end),
        Error::LinkLoop { target, back, .. } => crate::error::link_loop(target, back.as_deref()),
        Error::InvalidUtf8 {
            byte, line, hint, ..
        } => {
            format!("invalid UTF-8 at byte {byte} (line {line}){hint}")
        }
        Error::Empty { what, .. } => (*what).to_string(),
        Error::InvalidText { what, .. } => what.clone(),
        Error::Parse { line, msg, .. } => format!("line {line}: {msg}"),
        Error::NoSentences { .. } => "no sentences found".into(),
        other => other.to_string(),
    }
}

/// One document of a batch.
#[derive(Clone, Debug)]
pub struct DocSource {
    /// The document id.
    pub doc: String,
    /// The Indonesian side.
    pub id: Side,
    /// The English side.
    pub en: Side,
}

/// A document that could not be processed: one row of `OUT.errors.tsv`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DocError {
    /// The document id (or `line N` when a JSON line has none).
    pub doc: String,
    /// The file concerned, or the line that names it (`<stdin>:LINE`, `MANIFEST:LINE`). The
    /// errors file names it relative to its own directory, the messages as given.
    pub file: Place,
    /// What went wrong.
    pub reason: String,
}

impl DocError {
    /// The error on one line, `doc: file: reason`; a document named only by its line (`line
    /// 2`, from `<stdin>:2`) is not named twice.
    pub fn one_line(&self) -> String {
        let placeholder = (self.doc.strip_prefix("line "))
            .is_some_and(|n| matches!(self.file, Place::Line(_, l) if l.to_string() == n));
        match placeholder {
            true => format!("{}: {}", self.file, self.reason),
            false => format!("{}: {}: {}", self.doc, self.file, self.reason),
        }
    }
}

/// An item of a batch input: a document to process, or one already known to be broken.
pub type Item = std::result::Result<DocSource, DocError>;

/// Why a file of a directory has no partner (`name`: the partner's file name; `dirs`: the
/// names of the directory's subdirectories named like data files).
fn no_partner(name: &str, dirs: &std::collections::HashSet<Vec<u8>>) -> String {
    match dirs.contains(name.as_bytes()) {
        true => format!("no partner: {name} is a directory, not a file"),
        false => format!("no partner: {name} is missing"),
    }
}

/// The document id of an item.
pub fn item_doc(item: &Item) -> &str {
    match item {
        Ok(d) => &d.doc,
        Err(e) => &e.doc,
    }
}

/// List the `NAME.id.txt` + `NAME.en.txt` pairs in a directory and every directory below it
/// (as `pair` reads a directory), sorted by NAME. NAME is the path below `dir`, with `/`
/// between its parts (`2024/banjir` for `dir/2024/banjir.id.txt`); two files pair when they
/// are in the same directory. Symbolic links are followed, to files and to directories; a
/// directory reached a second time through a link (a loop, or a second way to it) is not
/// read again and is an error item saying so. A file whose partner is missing is an error item, and so is a pair whose
/// NAME is not valid UTF-8: the doc id names the document in every output row, so it must be
/// the NAME itself (a lossy conversion would not lead back to the files, and two NAMEs could
/// give one id). Files are paired by their names as the system gives them. Other files are
/// ignored; a file whose partner's name is a directory is an error item saying so.
pub fn list_dir(dir: &Path) -> Result<Vec<Item>> {
    type Pair = (Option<PathBuf>, Option<PathBuf>);
    let mut pairs: BTreeMap<Vec<u8>, Pair> = BTreeMap::new();
    let found = crate::walk::walk(dir)?;
    // Directories (links to them included), by their name below `dir`: a file whose partner's
    // name is one is told so.
    let mut dirs: std::collections::HashSet<Vec<u8>> = found.dirs.into_iter().collect();
    // Files that are not regular files (a pipe, socket or device named like a data file):
    // reading one could wait for ever.
    let mut special: std::collections::HashSet<PathBuf> = Default::default();
    // Directories below `dir` that cannot be read, or reached a second time through a
    // symbolic link: each is an error item.
    let unreadable: Vec<Item> = (found.unreadable.into_iter())
        .map(|(name, path, e)| {
            Err(DocError {
                doc: String::from_utf8_lossy(&name).into_owned(),
                file: Place::File(path.clone()),
                reason: format!("this directory cannot be read ({e}): its documents are left out"),
            })
        })
        .chain(found.repeated.into_iter().map(|(name, path, why)| {
            Err(DocError {
                doc: String::from_utf8_lossy(&name).into_owned(),
                file: Place::File(path.clone()),
                reason: why,
            })
        }))
        .collect();
    let mut other_case: Vec<Item> = Vec::new();
    for (name, path, _) in found.files {
        let (stem, is_id) = if let Some(s) = name.strip_suffix(b".id.txt") {
            (s, true)
        } else if let Some(s) = name.strip_suffix(b".en.txt") {
            (s, false)
        } else {
            // `NAME.ID.TXT`: most likely a document whose name a system wrote in capitals,
            // told rather than passed over.
            let lower = name.to_ascii_lowercase();
            if lower.ends_with(b".id.txt") || lower.ends_with(b".en.txt") {
                other_case.push(Err(DocError {
                    doc: String::from_utf8_lossy(&name).into_owned(),
                    file: Place::File(path.clone()),
                    reason: "named like a document in other letter case: a directory's \
                             documents are NAME.id.txt and NAME.en.txt, in lower case: rename \
                             the file"
                        .into(),
                }));
            }
            continue;
        };
        if stem.is_empty() || stem.ends_with(b"/") {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                dirs.insert(name.clone());
                continue;
            }
            Ok(m) if !m.is_file() => {
                special.insert(path.clone());
            }
            _ => {}
        }
        let slot = pairs.entry(stem.to_vec()).or_default();
        if is_id {
            slot.0 = Some(path);
        } else {
            slot.1 = Some(path);
        }
    }
    if pairs.is_empty() && unreadable.is_empty() && other_case.is_empty() {
        return Err(Error::Empty {
            path: dir.to_path_buf(),
            what: "no NAME.id.txt or NAME.en.txt files in this directory or below it",
        });
    }
    let mut items: Vec<Item> = pairs
        .into_iter()
        .map(|(stem, pair)| {
            let doc = match String::from_utf8(stem) {
                Ok(doc) => doc,
                Err(e) => {
                    let file = pair.0.as_ref().or(pair.1.as_ref());
                    return Err(DocError {
                        // Escaped, so that two such names stay apart.
                        doc: e.as_bytes().escape_ascii().to_string(),
                        file: Place::File(file.cloned().unwrap_or_default()),
                        reason: "the file name is not valid UTF-8 (the doc id is the name): \
                                 rename the file"
                            .into(),
                    });
                }
            };
            if let Some(f) = [&pair.0, &pair.1]
                .into_iter()
                .flatten()
                .find(|f| special.contains(*f))
            {
                return Err(DocError {
                    doc,
                    file: Place::File(f.clone()),
                    reason: "not a regular file (a pipe, socket or device): a directory's \
                             documents are read from files"
                        .into(),
                });
            }
            match pair {
                (Some(id), Some(en)) => Ok(DocSource {
                    doc,
                    id: Side::File(id),
                    en: Side::File(en),
                }),
                (Some(id), None) => Err(DocError {
                    reason: no_partner(&format!("{doc}.en.txt"), &dirs),
                    doc,
                    file: Place::File(id),
                }),
                (None, Some(en)) => Err(DocError {
                    reason: no_partner(&format!("{doc}.id.txt"), &dirs),
                    doc,
                    file: Place::File(en),
                }),
                (None, None) => unreachable!("a listed name has at least one file"),
            }
        })
        .collect();
    items.extend(unreadable);
    items.extend(other_case);
    items.sort_by(|a, b| item_doc(a).cmp(item_doc(b)));
    Ok(items)
}

/// An item and the line of the manifest it comes from.
type LineItem = (usize, Item);

/// The bytes of a manifest with each line that is not valid UTF-8 blanked (its line end
/// kept, so lines keep their numbers), and those lines as error items with their line
/// numbers. A bad header (the first line that is not blank) is an error of the whole file.
fn blank_bad_lines(path: &Path, bytes: Vec<u8>) -> Result<(Vec<u8>, Vec<LineItem>)> {
    if std::str::from_utf8(&bytes).is_ok() || bytes.starts_with(&[0xff, 0xfe]) {
        return Ok((bytes, Vec::new()));
    }
    let mut clean = Vec::with_capacity(bytes.len());
    let mut bad = Vec::new();
    let (mut start, mut line, mut header_seen) = (0, 1, false);
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |k| start + k);
        let text = &bytes[start..end];
        // Said as a document's invalid UTF-8 is, with what the line's bytes more likely are
        // (a row of a manifest from elsewhere may be in another encoding than the rest), or
        // that the file ends inside a character of the line.
        let invalid = |e: std::str::Utf8Error| Error::InvalidUtf8 {
            path: path.to_path_buf(),
            byte: start + e.valid_up_to(),
            line,
            hint: crate::text::utf8_hint(text, e.error_len().is_none() && end == bytes.len()),
        };
        match std::str::from_utf8(text) {
            Ok(t) => {
                header_seen |= !t.trim().is_empty();
                clean.extend_from_slice(text);
            }
            // The header: no row could be read without it.
            Err(e) if !header_seen => return Err(invalid(e)),
            Err(e) => {
                let error = invalid(e);
                bad.push((
                    line,
                    Err(DocError {
                        doc: format!("line {line}"),
                        file: Place::Line(Some(path.to_path_buf()), line),
                        reason: reason(&error),
                    }),
                ))
            }
        }
        // The line end: LF, CR, or CRLF (one line end).
        let mut next = end;
        if next < bytes.len() {
            next += 1;
            if bytes[end] == b'\r' && bytes.get(next) == Some(&b'\n') {
                next += 1;
            }
            line += 1;
        }
        clean.extend_from_slice(&bytes[end..next]);
        start = next;
    }
    Ok((clean, bad))
}

/// The column names a manifest header is known by: those `batch` reads and those `pair`
/// writes. A later line of these names alone (and the header's own) is a header, not a
/// document.
const MANIFEST_COLUMNS: [&str; 4] = ["doc", "id", "en", "score"];

/// The names of a header line, or of a row read as one: its fields trimmed, a byte-order
/// mark before the first removed, trailing empty fields left out.
fn header_names(rec: &csv::StringRecord) -> Vec<&str> {
    let mut names: Vec<&str> = (rec.iter().enumerate())
        .map(|(k, f)| match k {
            0 => f.trim_start_matches('\u{feff}').trim(),
            _ => f.trim(),
        })
        .collect();
    while names.last() == Some(&"") {
        names.pop();
    }
    names
}

/// Read a manifest TSV with a header `doc<TAB>id<TAB>en` (columns found by name; other
/// columns ignored). Paths are relative to the manifest's directory. A bad row (missing
/// field, empty doc, a field beyond the header's columns, a doc id given twice, a line that
/// is not valid UTF-8, one that begins with a byte-order mark) is an error item naming its
/// line.
///
/// A later line with the header's column names (after a byte-order mark: manifests joined
/// with `cat`) is a header again, not a document: it is skipped, and `notes` gets one line
/// naming the lines skipped; the rows after it are read by its columns, where their order
/// differs. Each file a row names is still relative to this manifest's directory, so a row
/// of a manifest from elsewhere fails alone, as a missing file. A later line of other column
/// names, each one the header's or one of `doc`, `id`, `en`, `score` (a manifest of other
/// columns joined), is an error item naming its line; the rows after it are read by the
/// header.
pub fn read_manifest(path: &Path, notes: &mut Vec<String>) -> Result<Vec<Item>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (bytes, bad_lines) = blank_bad_lines(path, bytes)?;
    let mut bad_lines = bad_lines.into_iter().peekable();
    let input = decode(path, bytes)?;
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .has_headers(true)
        .from_reader(input.text.as_bytes());
    let parse_err = |line: usize, msg: String| Error::Parse {
        path: path.to_path_buf(),
        line,
        msg,
    };
    // Lines from byte offsets: the csv crate's line count misses CRLF and lone CR. The header
    // is the first line that is not blank.
    let mut lines = crate::text::LineCounter::new(input.text.as_bytes());
    let header_line = lines.line_of_record(0);
    let mut headers = rdr
        .headers()
        .map_err(|e| parse_err(header_line, e.to_string()))?
        .clone();
    let columns = |headers: &csv::StringRecord| {
        let names = header_names(headers);
        let col = |name: &str| {
            (names.iter().position(|h| *h == name)).ok_or_else(|| {
                parse_err(
                    header_line,
                    format!("the header needs columns doc, id, en; no `{name}`"),
                )
            })
        };
        Ok::<_, Error>((col("doc")?, col("id")?, col("en")?))
    };
    let (mut cd, mut ci, mut ce) = columns(&headers)?;
    let sorted = |mut names: Vec<&str>| {
        names.sort_unstable();
        names.join("\t")
    };
    let first = headers.clone();
    let own_names = header_names(&first);
    let header_set = sorted(own_names.clone());
    // Lines that repeat the header, and whether one gave its columns in another order.
    let (mut repeated, mut reordered) = (Vec::new(), false);
    let mut seen = std::collections::HashMap::new();
    let mut items = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| lines.line_of_record(p.byte() as usize));
                return Err(parse_err(line, e.to_string()));
            }
        };
        let line = rec
            .position()
            .map_or(0, |p| lines.line_of_record(p.byte() as usize));
        while let Some((_, item)) = bad_lines.next_if(|(l, _)| *l < line) {
            items.push(item);
        }
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let names = header_names(&rec);
        if sorted(names.clone()) == header_set {
            repeated.push(line);
            if names != header_names(&headers) {
                reordered = true;
                headers = rec.clone();
                (cd, ci, ce) = columns(&headers)?;
            }
            continue;
        }
        // A header of other columns (a manifest of other columns joined with `cat`, such as
        // one `pair` wrote): not a document, and not read as a header, whose columns would
        // then read the rows after it by guesswork. It names two columns at least: a row whose
        // doc id is a column name (`score`, `id`) is a row.
        let known = |n: &&str| MANIFEST_COLUMNS.iter().chain(&own_names).any(|k| k == n);
        if names.len() >= 2 && names.iter().all(known) {
            items.push(Err(DocError {
                doc: format!("line {line}"),
                file: Place::Line(Some(path.to_path_buf()), line),
                reason: format!(
                    "a header line ({}) unlike the manifest's header ({}) (manifests of other \
                     columns joined?): not a document; the rows after it are read by the \
                     manifest's header",
                    names.join(", "),
                    header_names(&headers).join(", ")
                ),
            }));
            continue;
        }
        // A byte-order mark before the first field is an error (below), not part of the id.
        let field = |i: usize| {
            rec.get(i)
                .map_or("", |f| f.trim_start_matches('\u{feff}').trim())
        };
        let (doc, id, en) = (field(cd), field(ci), field(ce));
        let bad = |reason: String| DocError {
            doc: if doc.is_empty() {
                format!("line {line}")
            } else {
                doc.to_string()
            },
            file: Place::Line(Some(path.to_path_buf()), line),
            reason,
        };
        // Manifests joined with `cat`, the second without a header line.
        if rec.get(0).is_some_and(|f| f.starts_with('\u{feff}')) {
            items.push(Err(bad(
                "a byte-order mark (U+FEFF) begins this line, which only the file's first \
                 line may have (manifests joined together?): remove it"
                    .into(),
            )));
            continue;
        }
        // A field beyond the header's columns (trailing empty ones aside) has no column to
        // belong to: most likely a tab inside a path, which shifted the fields after it.
        if rec.iter().skip(headers.len()).any(|f| !f.trim().is_empty()) {
            let reason = format!(
                "the row has {} but the header has {}",
                crate::text::count(rec.len() as u64, "field"),
                crate::text::count(headers.len() as u64, "column")
            );
            items.push(Err(bad(reason)));
            continue;
        }
        // The first field that is missing or empty, by its column's name.
        let missing = [("doc", cd, doc), ("id", ci, id), ("en", ce, en)]
            .into_iter()
            .find(|(_, _, v)| v.is_empty());
        if let Some((name, col, _)) = missing {
            let reason = match rec.get(col) {
                Some(_) => format!("the field `{name}` is empty"),
                None => format!(
                    "no field `{name}` (column {} of the header; the row has {})",
                    col + 1,
                    crate::text::count(rec.len() as u64, "field")
                ),
            };
            items.push(Err(bad(reason)));
            continue;
        }
        if let Some(&first) = seen.get(doc) {
            items.push(Err(bad(given_twice(doc, first))));
            continue;
        }
        seen.insert(doc.to_string(), line);
        let listed = |given: &str| Side::Listed {
            path: base.join(given),
            given: given.to_string(),
            row: Place::Line(Some(path.to_path_buf()), line),
        };
        items.push(Ok(DocSource {
            doc: doc.to_string(),
            id: listed(id),
            en: listed(en),
        }));
    }
    items.extend(bad_lines.map(|(_, item)| item));
    if !repeated.is_empty() {
        let lines: Vec<String> = repeated.iter().map(usize::to_string).collect();
        let (at, what) = match lines.len() {
            1 => (format!(":{}", lines[0]), "a second header line".to_string()),
            _ => (
                String::new(),
                format!("header lines again on lines {}", lines.join(", ")),
            ),
        };
        let order = match reordered {
            true => "; the rows after one are read by its columns",
            false => "",
        };
        notes.push(format!(
            "{}{at}: {what} (manifests joined?): skipped{order}; every file a row names is \
             still relative to this manifest's directory",
            path.display()
        ));
    }
    Ok(items)
}

/// The reason of a document whose id was given before, on line `first`.
fn given_twice(doc: &str, first: usize) -> String {
    format!("doc id `{doc}` given twice (first on line {first})")
}

/// A UTF-8 byte-order mark.
pub(crate) const BOM: &[u8] = b"\xef\xbb\xbf";

/// One JSON Lines line read as a document object (`shape`: the object as a message shows it,
/// `{"doc": …, …}`); a byte-order mark before the input's first line is the caller's to skip.
/// On failure, what is wrong with the line: a byte-order mark at its start (files joined
/// together: serde would say only `expected value` at column 1), not UTF-8, JSON that is not
/// an object (serde would read an array as the struct's fields in order, and name the struct
/// in its message), or serde's detail with its column.
pub(crate) fn json_object<T: serde::de::DeserializeOwned>(
    raw: &[u8],
    shape: &str,
) -> std::result::Result<T, String> {
    use serde_json::Value;
    if raw.starts_with(BOM) {
        return Err(
            "a byte-order mark (U+FEFF) begins this line, which only the input's first \
                    line may have (files joined together?): remove it"
                .into(),
        );
    }
    // JSON text holds no zero byte (a control character is escaped): UTF-16 does.
    if raw.starts_with(b"\xff\xfe") || raw.starts_with(b"\xfe\xff") || raw.contains(&0) {
        return Err(
            "UTF-16 (zero bytes or a UTF-16 byte-order mark), but JSON Lines are read \
                    as UTF-8: convert the input (iconv -f UTF-16 -t UTF-8)"
                .into(),
        );
    }
    let err = match serde_json::from_slice::<T>(raw) {
        Ok(t) if raw.first() == Some(&b'{') => return Ok(t),
        Ok(_) => None,
        Err(e) => Some(e),
    };
    if let Err(e) = std::str::from_utf8(raw) {
        // The place names the line; the byte is counted from the line's start.
        return Err(format!(
            "invalid UTF-8 at byte {} of the line{}",
            e.valid_up_to(),
            crate::text::utf8_hint(raw, false)
        ));
    }
    let what = match serde_json::from_slice::<Value>(raw) {
        Ok(Value::Array(_)) => "an array",
        Ok(Value::String(_)) => "a string",
        Ok(Value::Number(_)) => "a number",
        Ok(Value::Bool(_)) => "a boolean",
        Ok(Value::Null) => "null",
        Ok(Value::Object(_)) | Err(_) => "",
    };
    match err {
        Some(e) if what.is_empty() => {
            let msg = e.to_string();
            let msg = msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
            Err(format!(
                "invalid JSON document (column {}): {msg}",
                e.column()
            ))
        }
        _ => Err(format!("expected a JSON object {shape}, not {what}")),
    }
}

#[derive(serde::Deserialize)]
struct JsonDoc {
    doc: serde_json::Value,
    id: String,
    en: String,
}

/// JSON Lines documents read one line at a time (memory: one line, and the set of doc ids
/// read). LF, CRLF and a lone CR end a line, and a UTF-8 BOM before the first line is
/// skipped, as for every input. Blank lines are skipped; a line that is not valid UTF-8 or
/// JSON, or lacks `doc`/`id`/`en`, is an error item `line N: …`. `doc` may be a string or a
/// number. A document whose doc id an earlier one had is an error item naming the line of
/// the first (as in a manifest).
pub struct JsonLines<R: BufRead> {
    reader: R,
    line: usize,
    buf: Vec<u8>,
    file: Option<PathBuf>,
    /// The last line ended with CR: an LF right after it belongs to that line end.
    after_cr: bool,
    /// The line of each doc id read so far (a later document with the same id is an error).
    seen: std::collections::HashMap<String, usize>,
    /// A line was UTF-16: what is left of a UTF-16 line end (its zero byte) is no document.
    utf16: bool,
}

impl<R: BufRead> JsonLines<R> {
    /// Read from `reader`, the file `file` or standard input (`None`), which names its lines
    /// in errors.
    pub fn new(reader: R, file: Option<&Path>) -> Self {
        JsonLines {
            reader,
            line: 0,
            buf: Vec::new(),
            file: file.map(Path::to_path_buf),
            after_cr: false,
            seen: std::collections::HashMap::new(),
            utf16: false,
        }
    }

    /// Read the next line into `buf` without its line end: LF, CRLF and a lone CR each end a
    /// line (JSON text holds no raw CR or LF, so none is inside a document). False at the end.
    fn read_line(&mut self) -> std::io::Result<bool> {
        self.buf.clear();
        let mut any = false;
        loop {
            let avail = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                return Ok(any);
            }
            if std::mem::take(&mut self.after_cr) && avail[0] == b'\n' {
                self.reader.consume(1);
                continue;
            }
            any = true;
            match avail.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(i) => {
                    self.buf.extend_from_slice(&avail[..i]);
                    self.after_cr = avail[i] == b'\r';
                    self.reader.consume(i + 1);
                    return Ok(true);
                }
                None => {
                    let n = avail.len();
                    self.buf.extend_from_slice(avail);
                    self.reader.consume(n);
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Item>;

    fn next(&mut self) -> Option<Result<Item>> {
        loop {
            match self.read_line() {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    let name = self.file.clone().unwrap_or_else(|| "<stdin>".into());
                    return Some(Err(Error::io(name, e)));
                }
            }
            self.line += 1;
            let line = self.line;
            let mut raw = self.buf.as_slice();
            if line == 1 {
                raw = raw.strip_prefix(BOM).unwrap_or(raw);
            }
            let raw = raw.trim_ascii();
            // A UTF-16 line end is LF or CR and a zero byte: split at LF and CR, the zero byte
            // opens the next line, and after the last line end it stands alone.
            let residue = self.utf16 && raw.iter().all(|&b| b == 0 || b.is_ascii_whitespace());
            if raw.is_empty() || residue {
                continue;
            }
            // UTF-16: its byte-order mark, or a zero byte in about every other place (a stray
            // NUL in UTF-8 is not; a line of zero bytes after one stays an error row).
            let zeros = raw.iter().filter(|&&b| b == 0).count();
            self.utf16 |= raw.starts_with(b"\xff\xfe")
                || raw.starts_with(b"\xfe\xff")
                || (raw.len() >= 8 && 3 * zeros >= raw.len());
            let origin = Place::Line(self.file.clone(), line);
            let bad = |doc: Option<String>, reason: String| DocError {
                doc: doc.unwrap_or_else(|| format!("line {line}")),
                file: origin.clone(),
                reason,
            };
            let shape = r#"{"doc": …, "id": …, "en": …}"#;
            let item = match json_object::<JsonDoc>(raw, shape) {
                Ok(j) => {
                    let doc = match j.doc {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Number(n) => n.to_string(),
                        _ => String::new(),
                    };
                    if doc.trim().is_empty() {
                        Err(bad(
                            None,
                            "`doc` must be a non-empty string or number".into(),
                        ))
                    } else if let Some(first) = self.seen.get(&doc) {
                        let reason = given_twice(&doc, *first);
                        Err(bad(Some(doc), reason))
                    } else {
                        self.seen.insert(doc.clone(), line);
                        Ok(DocSource {
                            doc,
                            id: Side::Text {
                                text: j.id,
                                origin: origin.clone(),
                            },
                            en: Side::Text {
                                text: j.en,
                                origin: origin.clone(),
                            },
                        })
                    }
                }
                Err(msg) => {
                    // Keep the doc id when the line is JSON but not a usable document (or
                    // one after a byte-order mark, or one whose text is not valid UTF-8 where
                    // its doc id is).
                    let json = raw.strip_prefix(BOM).unwrap_or(raw);
                    let doc =
                        serde_json::from_str::<serde_json::Value>(&String::from_utf8_lossy(json))
                            .ok()
                            .and_then(|v| match v.get("doc") {
                                Some(serde_json::Value::String(s))
                                    if !s.is_empty()
                                        && !s.contains(char::REPLACEMENT_CHARACTER) =>
                                {
                                    Some(s.clone())
                                }
                                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                                _ => None,
                            });
                    // The doc id is taken: a later line with it is a second document of that
                    // id, as after a good line (one id in both the errors and the corpus
                    // would read as one document).
                    if let Some(d) = &doc {
                        self.seen.entry(d.clone()).or_insert(line);
                    }
                    Err(bad(doc, msg))
                }
            };
            return Some(Ok(item));
        }
    }
}

/// The SplitMix64 / MurmurHash3 finaliser: spreads every input bit over every output bit.
/// FNV-1a alone is weak in its low bits (its low bit is the parity of the input bytes' low
/// bits), which would unbalance `% N` for N a power of two.
pub fn mix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// The stable shard key of a document id: `mix64(fnv1a64(doc))`.
pub fn shard_key(doc: &str) -> u64 {
    mix64(fnv1a64(doc))
}

/// A shard `K/N` (1-based K): the documents whose [`shard_key`] is K-1 modulo N.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard number.
    pub k: u64,
    /// Number of shards.
    pub n: u64,
}

impl Shard {
    /// True when document `doc` belongs to this shard.
    pub fn contains(&self, doc: &str) -> bool {
        shard_key(doc) % self.n == self.k - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}`: a shard is K/N, e.g. 2/8"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: K is not a number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{s}`: N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("`{s}`: need 1 <= K <= N"));
        }
        Ok(Shard { k, n })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a64(""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64("foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn shards_partition() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { k, n: 3 }).collect();
        for i in 0..500 {
            let doc = format!("doc{i}");
            assert_eq!(shards.iter().filter(|s| s.contains(&doc)).count(), 1);
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
        assert_eq!("2/3".parse::<Shard>().unwrap(), Shard { k: 2, n: 3 });
    }

    #[test]
    fn shards_are_balanced_for_structured_ids() {
        // Ids whose bytes all have an even low bit: plain FNV-1a % 2 puts them in one shard.
        let even = |mut i: usize| -> String {
            let mut s = String::from("d");
            for _ in 0..5 {
                s.push(b"02468"[i % 5] as char);
                i /= 5;
            }
            s
        };
        let ids: Vec<String> = (0..3125).map(even).collect();
        assert!(ids.iter().all(|d| fnv1a64(d) % 2 == fnv1a64(&ids[0]) % 2));
        for n in [2u64, 4, 8] {
            let mut counts = vec![0usize; n as usize];
            for d in &ids {
                counts[(shard_key(d) % n) as usize] += 1;
            }
            let expect = ids.len() / n as usize;
            for c in counts {
                assert!(c.abs_diff(expect) < expect / 5, "n={n}: {c} vs {expect}");
            }
        }
        assert_eq!(shard_key("a"), mix64(0xaf63dc4c8601ec8c));
    }

    #[test]
    fn manifest_row_of_bad_utf8_is_that_rows_error() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("m.tsv");
        let mut bytes =
            b"doc\tid\ten\r\na\ta.id\ta.en\r\nb\tb.\xff.id\tb.en\r\nc\tc.id\tc.en\n".to_vec();
        std::fs::write(&m, &bytes).unwrap();
        let items = read_manifest(&m, &mut Vec::new()).unwrap();
        let docs: Vec<&str> = items.iter().map(item_doc).collect();
        assert_eq!(docs, ["a", "line 3", "c"]);
        let Err(e) = &items[1] else { panic!() };
        assert_eq!(
            e.reason,
            "invalid UTF-8 at byte 28 (line 3): it reads as an 8-bit encoding such as \
             Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
        );
        assert!(e.file.to_string().ends_with("m.tsv:3"), "{}", e.file);
        // A bad header is the whole file's error, its hint judged by the header's bytes as
        // a row's is: Windows-1252 where the rows after it are UTF-8.
        bytes[1] = 0xff;
        bytes.extend("d\tcaf\u{e9}.id\td.en\n".as_bytes());
        std::fs::write(&m, &bytes).unwrap();
        let e = read_manifest(&m, &mut Vec::new()).unwrap_err();
        assert!(
            e.to_string().ends_with(
                "m.tsv: invalid UTF-8 at byte 1 (line 1): it reads as an 8-bit encoding such \
                 as Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
            ),
            "{e}"
        );
        // A header that the file ends inside a character of (a manifest cut short) says so,
        // not Windows-1252.
        std::fs::write(&m, "doc\tid\ten\u{e9}".as_bytes().split_last().unwrap().1).unwrap();
        let e = read_manifest(&m, &mut Vec::new()).unwrap_err();
        assert!(
            e.to_string().ends_with(
                "m.tsv: invalid UTF-8 at byte 9 (line 1): the file ends inside a character \
                 (cut short?)"
            ),
            "{e}"
        );
    }

    #[test]
    fn json_lines_report_bad_lines() {
        let input = "{\"doc\":\"a\",\"id\":\"Halo.\",\"en\":\"Hello.\"}\n\n{oops\n\
                     {\"doc\":\"b\",\"id\":\"x\"}\n{\"doc\":7,\"id\":\"x\",\"en\":\"y\"}\n";
        let items: Vec<Item> = JsonLines::new(input.as_bytes(), None)
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().unwrap().doc, "a");
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(
            (e.doc.as_str(), &*e.file.to_string()),
            ("line 3", "<stdin>:3")
        );
        assert!(
            e.reason.starts_with("invalid JSON document (column 2)"),
            "{}",
            e.reason
        );
        let e = items[2].as_ref().unwrap_err();
        assert_eq!(e.doc, "b");
        assert!(e.reason.contains("missing field `en`"), "{}", e.reason);
        assert_eq!(items[3].as_ref().unwrap().doc, "7");
    }

    #[test]
    fn json_lines_skip_a_bom_before_the_first_line_only() {
        let input = "\u{feff}{\"doc\":\"a\",\"id\":\"x\",\"en\":\"y\"}\n\
                     \u{feff}{\"doc\":\"b\",\"id\":\"x\",\"en\":\"y\"}\n";
        let items: Vec<Item> = JsonLines::new(input.as_bytes(), None)
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(items[0].as_ref().unwrap().doc, "a");
        let e = items[1].as_ref().unwrap_err();
        assert_eq!((e.doc.as_str(), &*e.file.to_string()), ("b", "<stdin>:2"));
        assert!(e.reason.starts_with("a byte-order mark"), "{}", e.reason);
    }

    #[test]
    fn json_lines_end_at_lf_crlf_and_cr() {
        let doc = |d: &str| format!("{{\"doc\":\"{d}\",\"id\":\"x\",\"en\":\"y\"}}");
        let input = format!(
            "{}\r{}\r\n\r\n{}\n\r{}\r",
            doc("a"),
            doc("b"),
            doc("c"),
            doc("d")
        );
        // A reader handing out one byte at a time splits every CRLF.
        let reader = std::io::BufReader::with_capacity(1, input.as_bytes());
        let items: Vec<(String, String)> = JsonLines::new(reader, None)
            .map(|r| {
                let d = r.unwrap().unwrap();
                (d.doc, d.id.origin().to_string())
            })
            .collect();
        let want = [("a", 1), ("b", 2), ("c", 4), ("d", 6)];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(d, l)| (d.to_string(), format!("<stdin>:{l}")))
            .collect();
        assert_eq!(items, want);
    }

    #[test]
    fn json_lines_report_a_doc_id_given_twice() {
        let doc = |d: &str| format!("{{\"doc\":{d},\"id\":\"x\",\"en\":\"y\"}}\n");
        let input = [
            doc("\"a\""),
            doc("7"),
            doc("\"a\""),
            doc("\"7\""),
            doc("\"b\""),
        ]
        .concat();
        let items: Vec<Item> = JsonLines::new(input.as_bytes(), None)
            .map(|r| r.unwrap())
            .collect();
        let docs: Vec<&str> = items.iter().map(item_doc).collect();
        assert_eq!(docs, ["a", "7", "a", "7", "b"]);
        assert!(items[0].is_ok() && items[1].is_ok() && items[4].is_ok());
        let e = items[2].as_ref().unwrap_err();
        assert_eq!(e.file, Place::Line(None, 3));
        assert_eq!(e.reason, "doc id `a` given twice (first on line 1)");
        let e = items[3].as_ref().unwrap_err();
        assert_eq!(e.reason, "doc id `7` given twice (first on line 2)");
    }

    #[test]
    fn json_lines_bad_utf8() {
        let input: &[u8] = b"{\"doc\":\"a\",\"id\":\"\xff\",\"en\":\"y\"}\n";
        let items: Vec<Item> = JsonLines::new(input, None).map(|r| r.unwrap()).collect();
        let e = items[0].as_ref().unwrap_err();
        assert_eq!(
            (&*e.file.to_string(), e.reason.as_str()),
            (
                "<stdin>:1",
                "invalid UTF-8 at byte 17 of the line: it reads as an 8-bit encoding such as \
                 Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
            )
        );
        // Named by its doc id where that is readable; by its line where the fault is in it.
        assert_eq!(e.doc, "a");
        let input: &[u8] = b"{\"doc\":\"\xff\",\"id\":\"x\",\"en\":\"y\"}\n";
        let items: Vec<Item> = JsonLines::new(input, None).map(|r| r.unwrap()).collect();
        assert_eq!(items[0].as_ref().unwrap_err().doc, "line 1");
        // A later line with the doc id of a bad one is a second document of that id.
        let input: &[u8] =
            b"{\"doc\":\"a\",\"id\":\"\xff\",\"en\":\"y\"}\n{\"doc\":\"a\",\"id\":\"x\",\"en\":\"y\"}\n";
        let items: Vec<Item> = JsonLines::new(input, None).map(|r| r.unwrap()).collect();
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.reason, "doc id `a` given twice (first on line 1)");
    }
}
