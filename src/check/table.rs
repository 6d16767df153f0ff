//! Reading and writing pair tables: tab-separated files with a header row, as written by
//! `selaras align`/`batch` (columns `doc id_idx en_idx bead score id en`) or any other TSV
//! with an Indonesian and an English column.
//!
//! By default fields are not quoted and text escapes tab, line feed and backslash as `\t`,
//! `\n`, `\\` (the selaras corpus format); [`TableOptions::quoted`] reads CSV-style quoted
//! fields instead (spreadsheets, pandas). Rows are kept as they were read so that commands can
//! pass them through unchanged and only append columns.

pub use super::formats::TableFormat;
use crate::error::{Error, Result};
use crate::text::{Input, LineCounter};
use std::path::{Path, PathBuf};

/// How to read a table.
#[derive(Clone, Copy, Debug, Default)]
pub struct TableOptions {
    /// Fields may be quoted CSV-style (`"a ""b"""`); otherwise quotes are ordinary characters.
    pub quoted: bool,
    /// The file's format (`None`: by its name, [`TableFormat::of_path`]).
    pub format: Option<TableFormat>,
}

/// One data row: its fields as read (still escaped) and its 1-based line in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// 1-based line number of the row in the input.
    pub line: usize,
    /// Fields as read (escapes not undone).
    pub fields: Vec<String>,
}

/// A pair table: header and rows.
#[derive(Clone, Debug)]
pub struct Table {
    /// File name used in messages.
    pub path: PathBuf,
    /// Column names.
    pub headers: Vec<String>,
    /// Data rows.
    pub rows: Vec<Row>,
    /// Whether the fields were read CSV-quoted.
    pub quoted: bool,
    /// 1-based line of the header row (the first line that is not blank).
    pub header_line: usize,
}

impl Table {
    /// Parse a decoded input as a table: TSV with a header row, or without one
    /// ([`TableFormat::Text`]: the columns `id` and `en`). Errors name the file and line.
    pub fn parse(input: &Input, opts: TableOptions) -> Result<Table> {
        let path = input.name.clone();
        let headerless = opts.format == Some(TableFormat::Text);
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .has_headers(!headerless)
            .quoting(opts.quoted)
            .flexible(true)
            .from_reader(input.text.as_bytes());
        // Lines are counted from the byte offsets: the csv crate's own line count misses
        // CRLF and lone CR line ends.
        let mut lines = LineCounter::new(input.text.as_bytes());
        let (header_line, headers): (usize, Vec<String>) = match headerless {
            true => (0, vec!["id".into(), "en".into()]),
            false => (
                lines.line_of_record(0),
                rdr.headers()
                    .map_err(|e| csv_error(&path, &mut lines, e))?
                    .iter()
                    .map(|h| h.trim().to_string())
                    .collect(),
            ),
        };
        let unclosed = |start: usize, lines: &mut LineCounter| {
            let text = input.text.as_bytes();
            let open = unclosed_quote(text.get(start..).unwrap_or_default())?;
            Some(Error::Parse {
                path: path.clone(),
                line: lines.line_at(start + open),
                msg: "unclosed quote: the quoted field that starts on this line runs to the end \
                      of the file"
                    .into(),
            })
        };
        // The csv crate reads an unclosed quote to the end of the input without complaint, so
        // a record that reaches the end is checked for one.
        let at_end = |rdr: &csv::Reader<&[u8]>| rdr.position().byte() as usize >= input.text.len();
        if opts.quoted
            && at_end(&rdr)
            && let Some(e) = unclosed(0, &mut lines)
        {
            return Err(e);
        }
        if headers.iter().all(|h| h.is_empty()) {
            return Err(Error::Parse {
                path,
                line: header_line,
                msg: "the header row is empty".into(),
            });
        }
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => return Err(csv_error(&path, &mut lines, e)),
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            if opts.quoted
                && at_end(&rdr)
                && let Some(e) = unclosed(start, &mut lines)
            {
                return Err(e);
            }
            let line = lines.line_of_record(start);
            if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
                continue; // a blank line
            }
            if record.len() != headers.len() {
                return Err(Error::Parse {
                    path,
                    line,
                    msg: format!(
                        "expected {} tab-separated fields ({}), found {}",
                        headers.len(),
                        match headerless {
                            true => "Indonesian, English",
                            false => "as in the header",
                        },
                        record.len()
                    ),
                });
            }
            rows.push(Row {
                line,
                fields: record.iter().map(str::to_string).collect(),
            });
        }
        Ok(Table {
            path,
            headers,
            rows,
            quoted: opts.quoted,
            header_line,
        })
    }

    /// Index of the column `name`, if present.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// Index of the column `name`, or an error naming the file and the columns it has.
    pub fn require(&self, name: &str) -> Result<usize> {
        // Two columns that are not the names asked for: likely a table without a header.
        let hint = match self.headers.len() {
            2 => "; a file of two columns without a header row: --from text",
            _ => "",
        };
        self.find(name).ok_or_else(|| Error::Parse {
            path: self.path.clone(),
            line: self.header_line,
            msg: format!(
                "no column `{name}` in the header (columns: {}){hint}",
                self.headers.join(", ")
            ),
        })
    }

    /// The text of field `col` of `row`, escapes undone (quoted tables have none).
    pub fn text(&self, row: &Row, col: usize) -> String {
        let raw = row.fields.get(col).map_or("", String::as_str);
        if self.quoted {
            raw.to_string()
        } else {
            crate::export::tsv_unescape(raw).into_owned()
        }
    }

    /// A writer for rows of this table's kind to `w`: tab-separated, quoted as the input was.
    pub fn writer<W: std::io::Write>(&self, w: W) -> csv::Writer<W> {
        csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(if self.quoted {
                csv::QuoteStyle::Necessary
            } else {
                csv::QuoteStyle::Never
            })
            .from_writer(w)
    }

    /// Write the rows with extra columns (`extra`, valued by `values` for each row index);
    /// existing columns of the same name are replaced.
    pub fn write_with_columns<W: std::io::Write>(
        &self,
        w: W,
        extra: &[&str],
        values: impl Fn(usize) -> Vec<String>,
    ) -> Result<()> {
        let mut headers = self.headers.clone();
        let slots: Vec<usize> = extra
            .iter()
            .map(|name| match headers.iter().position(|h| h == name) {
                Some(i) => i,
                None => {
                    headers.push(name.to_string());
                    headers.len() - 1
                }
            })
            .collect();
        let mut wr = self.writer(w);
        wr.write_record(&headers).map_err(Error::from_csv_write)?;
        let mut rec = Vec::with_capacity(headers.len());
        for (i, row) in self.rows.iter().enumerate() {
            rec.clear();
            rec.extend(row.fields.iter().cloned());
            rec.resize(headers.len(), String::new());
            for (slot, v) in slots.iter().zip(values(i)) {
                rec[*slot] = v;
            }
            wr.write_record(&rec).map_err(Error::from_csv_write)?;
        }
        wr.flush().map_err(Error::Write)
    }
}

fn csv_error(path: &Path, lines: &mut LineCounter, e: csv::Error) -> Error {
    let line = e
        .position()
        .map_or(0, |p| lines.line_of_record(p.byte() as usize));
    let msg = match e.kind() {
        csv::ErrorKind::Io(io) => io.to_string(),
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8 in field {}", err.field() + 1),
        _ => e.to_string(),
    };
    Error::Parse {
        path: path.to_path_buf(),
        line,
        msg,
    }
}

/// Where in `bytes` (the text from the start of a record on) a quoted field opens that is
/// never closed, read as the csv crate reads quotes: a quote opens a field only as its first
/// character, `""` inside it is a quote, the field runs on over tabs and line ends to its
/// closing quote, and characters after that quote belong to the field unquoted.
fn unclosed_quote(bytes: &[u8]) -> Option<usize> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        QuoteInQuoted(usize),
    }
    let mut state = State::FieldStart;
    for (i, &b) in bytes.iter().enumerate() {
        let ends_field = matches!(b, b'\t' | b'\n' | b'\r');
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::Quoted(open) => match b {
                b'"' => State::QuoteInQuoted(open),
                _ => State::Quoted(open),
            },
            State::QuoteInQuoted(open) if b == b'"' => State::Quoted(open),
            _ if ends_field => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    match state {
        State::Quoted(open) => Some(open),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(s: &str) -> Input {
        crate::text::decode("t.tsv", s.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn header_errors_name_the_header_line() {
        let t = Table::parse(&input("\n\r\nx\ty\na\tb\n"), TableOptions::default()).unwrap();
        let err = t.require("id").unwrap_err().to_string();
        assert!(err.starts_with("t.tsv: line 3: no column `id`"), "{err}");
        let err = Table::parse(&input("\n\n\t\na\tb\n"), TableOptions::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.tsv: line 3: the header row is empty"),
            "{err}"
        );
    }

    #[test]
    fn unclosed_quotes_are_found() {
        assert_eq!(unclosed_quote(b"a\t\"b\nc\td\n"), Some(2));
        assert_eq!(unclosed_quote(b"\"a \"\"b\"\"\t"), Some(0));
        for closed in [
            &b"a\t\"b\nc\"\n"[..],
            b"\"a \"\"b\"\"\"\t\"\"\n",
            b"a\"b\tc\"\n",
            b"\"a\"b\"\tc\n",
            b"a\r\"b\"",
        ] {
            assert_eq!(unclosed_quote(closed), None, "{closed:?}");
        }
        let quoted = TableOptions {
            quoted: true,
            ..TableOptions::default()
        };
        for (text, line) in [
            ("id\ten\nSatu.\t\"One.\nDua.\tTwo.\nTiga.\tThree.\n", 2),
            ("id\ten\r\nSatu.\tOne.\r\n\"Dua.\tTwo.\r\nTiga.\tThree.", 3),
            ("id\t\"en\nSatu.\tOne.\n", 1),
        ] {
            let err = Table::parse(&input(text), quoted).unwrap_err().to_string();
            let want = format!("t.tsv: line {line}: unclosed quote: ");
            assert!(err.starts_with(&want), "{text:?}: {err}");
        }
        let t = Table::parse(&input("id\ten\n\"a\nb\"\t\"c \"\"d\"\"\""), quoted).unwrap();
        assert_eq!(t.rows[0].fields, ["a\nb", "c \"d\""]);
        // Without --quoted a quote is an ordinary character.
        let t = Table::parse(&input("id\ten\na\t\"b\n"), TableOptions::default()).unwrap();
        assert_eq!(t.rows[0].fields, ["a", "\"b"]);
    }

    #[test]
    fn escapes_round_trip() {
        let s = "a\tb\nc\\d\\x";
        let (esc, unesc) = (crate::export::tsv_escape, crate::export::tsv_unescape);
        assert_eq!(unesc(&esc(s)), s);
        assert_eq!(unesc("x\\ty"), "x\ty");
    }

    #[test]
    fn parses_rows_and_reports_bad_lines() {
        let t = Table::parse(
            &input("id\ten\nSatu.\tOne.\n\"Dua\"\t\"Two\"\n"),
            TableOptions::default(),
        )
        .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].line, 3);
        assert_eq!(t.text(&t.rows[1], 0), "\"Dua\"");
        let err = Table::parse(&input("id\ten\na\tb\tc\n"), TableOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.tsv: line 2: expected 2 tab-separated fields (as in the header), found 3"
        );
        // Lines after a blank one are counted, and CRLF and a lone CR end a line as LF does.
        for nl in ["\n", "\r\n", "\r"] {
            let text = format!("id\ten{nl}a\tb{nl}{nl}c\td{nl}e\tf\tg{nl}");
            let err = Table::parse(&input(&text), TableOptions::default()).unwrap_err();
            assert!(
                err.to_string().starts_with("t.tsv: line 5: "),
                "{nl:?}: {err}"
            );
            let t = Table::parse(
                &input(&text[..text.rfind('e').unwrap()]),
                TableOptions::default(),
            );
            let lines: Vec<usize> = t.unwrap().rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 4], "{nl:?}");
        }
        let t = Table::parse(&input("x\ty\n"), TableOptions::default()).unwrap();
        assert!(
            t.require("id")
                .unwrap_err()
                .to_string()
                .contains("no column `id`")
        );
    }
}
