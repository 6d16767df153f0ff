//! Where the documents of one side come from: a directory of `.txt` files (any names, any
//! depth), a list file (one path a line, relative to the list's directory), or JSON Lines
//! (`{"doc": …, "text": …}` a line, on a path or `-` for standard input).
//!
//! Listing fails only when the input itself cannot be read; a document that cannot be used
//! (a name that cannot be written in a manifest, a bad JSON line) is listed with its reason
//! and the run goes on.

use crate::batch::input::{Side, json_object};
use crate::error::{Error, Result};
use crate::text::file_line_texts;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::place::Place;

/// One document of a collection, not read yet.
#[derive(Clone, Debug)]
pub struct Source {
    /// Its name: the path below the directory, the path as the list file gives it, or the
    /// JSON `doc`.
    pub name: String,
    /// The file to write in a manifest (`None` for a document given inline).
    pub path: Option<PathBuf>,
    /// Where it is: its file, or its JSON line.
    pub place: Place,
    /// Where its text is.
    pub side: Side,
}

impl Source {
    /// A document given with its text (a JSON line, a Python string), named in messages by
    /// `place`.
    fn inline(name: String, text: String, place: Place) -> Source {
        Source {
            name,
            path: None,
            side: Side::Text {
                text,
                origin: place.clone(),
            },
            place,
        }
    }
}

/// A document that cannot take part: its name, where it is, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The document's name (or `line N`).
    pub name: String,
    /// The file (or the line) concerned.
    pub file: Place,
    /// What is wrong with it.
    pub reason: String,
}

/// A listed document, or one known to be unusable.
pub type Listed = std::result::Result<Source, Rejected>;

/// How an input is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A directory of `.txt` files.
    Dir,
    /// A file naming one document file a line.
    List,
    /// JSON Lines, one `{"doc", "text"}` object a line.
    JsonLines,
}

/// List the documents of `path`: `-` is JSON Lines on standard input; a directory is read
/// recursively for `.txt` files; a file whose first non-blank character is `{` is JSON
/// Lines, any other file a list of paths. Documents come sorted by name.
pub fn list(path: &Path) -> Result<(Layout, Vec<Listed>)> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("<stdin>", e))?;
        return Ok((Layout::JsonLines, json_lines(&bytes, None)));
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Ok((Layout::Dir, list_dir(path)?));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    let bom = bytes.starts_with(crate::batch::input::BOM);
    if first == Some(&b'{') || (bom && bytes[3..].trim_ascii_start().starts_with(b"{")) {
        return Ok((Layout::JsonLines, json_lines(&bytes, Some(path))));
    }
    Ok((Layout::List, list_file(path, bytes)?))
}

/// The `.txt` files below `dir`, named by their path below it (`/` between parts), sorted.
/// Symbolic links are followed, to files and to directories; a directory reached a second
/// time through a link (a loop, or a second way to it) is not read again and is a rejected
/// entry saying so, as `batch` lists it.
fn list_dir(dir: &Path) -> Result<Vec<Listed>> {
    let walked = crate::walk::walk(dir)?;
    // A directory below that cannot be read: its error is the listing's (`pair` pairs the
    // files of the whole tree, and a part of it missing would pair others wrongly).
    if let Some((_, path, e)) = walked.unreadable.into_iter().next() {
        return Err(Error::io(path, e));
    }
    // A `.TXT` or `.Txt` file is most likely a document whose name a system wrote in capitals:
    // told, not passed over.
    let other_case: Vec<(Vec<u8>, Listed)> = (walked.files.iter())
        .filter(|(name, path, _)| {
            !name.ends_with(b".txt")
                && name.to_ascii_lowercase().ends_with(b".txt")
                && listable(path)
        })
        .map(|(name, path, _)| {
            let rejected = Rejected {
                name: String::from_utf8_lossy(name).into_owned(),
                file: Place::File(path.clone()),
                reason: "its extension is not `.txt` in lower case, which the documents of a \
                         directory have: rename the file"
                    .into(),
            };
            (name.clone(), Err(rejected))
        })
        .collect();
    let found: Vec<(Vec<u8>, PathBuf)> = (walked.files.into_iter())
        .filter(|(name, path, _)| name.ends_with(b".txt") && listable(path))
        .map(|(name, path, _)| (name, path))
        .collect();
    if found.is_empty() && other_case.is_empty() {
        return Err(Error::Empty {
            path: dir.to_path_buf(),
            what: "no .txt files in this directory",
        });
    }
    let mut listed: Vec<(Vec<u8>, Listed)> = found
        .into_iter()
        .map(|(name, path)| match String::from_utf8(name.clone()) {
            Ok(text) => (name, file_source(text, path)),
            Err(e) => {
                let rejected = Rejected {
                    name: e.as_bytes().escape_ascii().to_string(),
                    file: Place::File(path.clone()),
                    reason: "the file name is not valid UTF-8: rename the file".into(),
                };
                (name, Err(rejected))
            }
        })
        .collect();
    // A directory reached again through a link: its files are listed once, under the name
    // it was first reached by, and the link is told.
    listed.extend(other_case);
    listed.extend(walked.repeated.into_iter().map(|(name, path, why)| {
        let rejected = Rejected {
            name: String::from_utf8_lossy(&name).into_owned(),
            file: Place::File(path),
            reason: why,
        };
        (name, Err(rejected))
    }));
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(listed.into_iter().map(|(_, l)| l).collect())
}

/// Whether a `.txt` entry of a directory is listed: a file, or a path that cannot be looked
/// at (a symbolic link whose target is missing), which is then reported when it is read
/// rather than skipped unseen; not a device.
fn listable(path: &Path) -> bool {
    match std::fs::metadata(path) {
        Ok(m) => m.is_file(),
        Err(_) => true,
    }
}

/// A document file, unless its path cannot stand in a manifest field.
fn file_source(name: String, path: PathBuf) -> Listed {
    let shown = path.display().to_string();
    if shown.contains(['\t', '\n', '\r']) || shown.trim() != shown {
        return Err(Rejected {
            name,
            file: Place::File(path),
            reason: "the path holds a tab, a line break or blanks at an end, which a manifest \
                     cannot hold: rename the file"
                .into(),
        });
    }
    Ok(Source {
        name,
        side: Side::File(path.clone()),
        place: Place::File(path.clone()),
        path: Some(path),
    })
}

/// A list file: one document path a line (relative to the list's directory), blank lines
/// skipped, sorted by name; a path given twice is listed once, at its first line. A file
/// that is missing is reported at its line (`list.txt:5`), as `batch` reports a manifest's.
fn list_file(path: &Path, bytes: Vec<u8>) -> Result<Vec<Listed>> {
    let input = crate::text::decode(path, bytes)?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut names: Vec<(&str, usize)> = file_line_texts(&input.text)
        .zip(1..)
        .map(|(l, line)| (l.trim(), line))
        .filter(|(l, _)| !l.is_empty())
        .collect();
    // A file none of whose lines names a file or directory is not a list of paths (an
    // article given where its directory was meant, say): one error, not a row per line.
    if !names.is_empty()
        && !(names.iter()).any(|(n, _)| std::fs::symlink_metadata(base.join(n)).is_ok())
    {
        let lines = match names.len() {
            1 => "its one line names no file".to_string(),
            k => format!("none of its {k} lines names a file"),
        };
        return Err(Error::InvalidText {
            path: path.to_path_buf(),
            what: format!(
                "not a list of documents: {lines} (a side is a directory of .txt \
                 files, a list file of paths relative to it, or JSON Lines)"
            ),
        });
    }
    // Stable: of a path given twice, the first line is kept.
    names.sort_by_key(|&(n, _)| n);
    names.dedup_by_key(|&mut (n, _)| n);
    Ok(names
        .into_iter()
        .map(|(n, line)| {
            let row = Place::Line(Some(path.to_path_buf()), line);
            let file = base.join(n);
            file_source(n.to_string(), file.clone()).map(|src| Source {
                side: Side::Listed {
                    path: file,
                    given: n.to_string(),
                    row,
                },
                ..src
            })
        })
        .collect())
}

#[derive(serde::Deserialize)]
struct JsonDoc {
    doc: serde_json::Value,
    text: String,
}

/// JSON Lines documents: `{"doc": <string or number>, "text": <string>}` a line; LF, CRLF and
/// a lone CR end a line, a BOM before the first is skipped, blank lines are skipped. A bad
/// line, or a `doc` given before, is a rejected document naming its line (of `file`, or of
/// standard input for `None`). Sorted by name.
fn json_lines(bytes: &[u8], file: Option<&Path>) -> Vec<Listed> {
    let bytes = bytes
        .strip_prefix(crate::batch::input::BOM)
        .unwrap_or(bytes);
    let mut out = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (k, raw) in byte_lines(bytes).enumerate() {
        let line = k + 1;
        let raw = raw.trim_ascii();
        if raw.is_empty() {
            continue;
        }
        let place = Place::Line(file.map(Path::to_path_buf), line);
        let reject = |name: Option<String>, reason: String| Rejected {
            name: name.unwrap_or_else(|| format!("line {line}")),
            file: place.clone(),
            reason,
        };
        let item = match json_object::<JsonDoc>(raw, r#"{"doc": …, "text": …}"#) {
            Ok(j) => match j.doc {
                serde_json::Value::String(s) if !s.trim().is_empty() => Ok((s, j.text)),
                serde_json::Value::Number(n) => Ok((n.to_string(), j.text)),
                _ => Err(reject(
                    None,
                    "`doc` must be a non-empty string or number".into(),
                )),
            },
            Err(msg) => Err(reject(None, msg)),
        };
        out.push(item.and_then(|(name, text)| {
            if let Some(first) = seen.get(&name) {
                let reason = format!("doc `{name}` given twice (first on line {first})");
                return Err(reject(Some(name), reason));
            }
            seen.insert(name.clone(), line);
            Ok(Source::inline(name, text, place.clone()))
        }));
    }
    out.sort_by(|a, b| listed_name(a).cmp(listed_name(b)));
    out
}

/// Documents given as `(name, text)` in memory (the Python package's piles): each named by
/// its name. An empty name, or a name given before, is a rejected document (`document N`
/// for the N-th without a name). Sorted by name.
pub fn named_texts(items: Vec<(String, String)>) -> Vec<Listed> {
    let mut seen = std::collections::HashMap::new();
    let mut out: Vec<Listed> = (items.into_iter().enumerate())
        .map(|(k, (name, text))| {
            let n = k + 1;
            if name.trim().is_empty() {
                return Err(Rejected {
                    name: format!("document {n}"),
                    file: Place::Name(format!("document {n}")),
                    reason: "the name must not be empty".into(),
                });
            }
            let place = Place::Name(name.clone());
            if let Some(first) = seen.get(&name) {
                return Err(Rejected {
                    reason: format!("doc `{name}` given twice (first as document {first})"),
                    name,
                    file: place,
                });
            }
            seen.insert(name.clone(), n);
            Ok(Source::inline(name, text, place))
        })
        .collect();
    out.sort_by(|a, b| listed_name(a).cmp(listed_name(b)));
    out
}

/// The name of a listed document.
pub fn listed_name(l: &Listed) -> &str {
    match l {
        Ok(s) => &s.name,
        Err(r) => &r.name,
    }
}

/// The lines of `bytes`: LF, CRLF and a lone CR each end one.
fn byte_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let line = &rest[..end];
        let mut next = end;
        if rest.get(end) == Some(&b'\r') && rest.get(end + 1) == Some(&b'\n') {
            next += 2;
        } else if end < rest.len() {
            next += 1;
        }
        rest = &rest[next..];
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_name_bad_lines_and_repeats() {
        let input =
            b"{\"doc\":\"b\",\"text\":\"Halo.\"}\r\n\r\n{oops\r{\"doc\":\"b\",\"text\":\"x\"}\n\
                      {\"doc\":7,\"text\":\"y\"}\n{\"doc\":\"z\"}";
        let items = json_lines(input, Some(Path::new("in.jsonl")));
        let shown: Vec<(String, String)> = items
            .iter()
            .map(|l| match l {
                Ok(s) => (s.name.clone(), s.side.origin().to_string()),
                Err(r) => (r.name.clone(), format!("{}: {}", r.file, r.reason)),
            })
            .collect();
        assert_eq!(shown[0], ("7".into(), "in.jsonl:5".into()));
        assert_eq!(shown[1], ("b".into(), "in.jsonl:1".into()));
        assert_eq!(
            shown[2],
            (
                "b".into(),
                "in.jsonl:4: doc `b` given twice (first on line 1)".into()
            )
        );
        assert!(
            shown[3].1.starts_with("in.jsonl:3: invalid JSON"),
            "{shown:?}"
        );
        assert!(shown[4].1.contains("missing field `text`"), "{shown:?}");
    }
}
