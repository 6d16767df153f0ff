//! Every corpus format selaras writes, read back as a pair [`Table`] for `score`, `check` and
//! `report`: TSV with a header row, two tab-separated columns without one, JSON Lines, a
//! Moses pair of line-aligned files, and TMX.
//!
//! Each becomes a table of escaped fields (the corpus escapes of the TSV format), so the
//! commands read its pairs and write its rows back the same way whatever it was read from.

use super::Columns;
use super::table::{Row, Table, TableOptions};
use crate::error::{Error, Result};
use crate::export::tsv_escape;
use crate::text::{Input, count, file_lines, read_input};
use quick_xml::events::Event;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The format of a pair table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// Tab-separated values with a header row (`selaras align -f tsv`).
    Tsv,
    /// One JSON object a line (`selaras align -f jsonl`, or `{"id": …, "en": …}`).
    Jsonl,
    /// Two line-aligned files `PREFIX.id` and `PREFIX.en` (`selaras align -f moses`).
    Moses,
    /// Two tab-separated columns, Indonesian and English, without a header row.
    Text,
    /// A TMX translation memory (`selaras align -f tmx`): a row per `tu`.
    Tmx,
}

impl TableFormat {
    /// Every format, in the order the command line lists them.
    pub const ALL: [TableFormat; 5] = [
        TableFormat::Tsv,
        TableFormat::Jsonl,
        TableFormat::Moses,
        TableFormat::Text,
        TableFormat::Tmx,
    ];

    /// The name given to `--from`.
    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Tsv => "tsv",
            TableFormat::Jsonl => "jsonl",
            TableFormat::Moses => "moses",
            TableFormat::Text => "text",
            TableFormat::Tmx => "tmx",
        }
    }

    /// What the format is (for `--help`).
    pub fn about(self) -> &'static str {
        match self {
            TableFormat::Tsv => "Tab-separated values with a header row (the default)",
            TableFormat::Jsonl => {
                "JSON Lines: selaras's (id_text, en_text) or any object with the text columns"
            }
            TableFormat::Moses => "A Moses pair: FILE is PREFIX, read from PREFIX.id and PREFIX.en",
            TableFormat::Text => "Two tab-separated columns, Indonesian then English, no header",
            TableFormat::Tmx => "TMX: a row per translation unit, its id and en texts and props",
        }
    }

    /// The format a file's name says: `.jsonl`, `.json` JSON Lines; `.id`, `.en` one file of
    /// a Moses pair; `.tmx` TMX; anything else (standard input too) TSV.
    pub fn of_path(path: &Path) -> TableFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl" | "json") => TableFormat::Jsonl,
            Some("id" | "en") => TableFormat::Moses,
            Some("tmx" | "TMX") => TableFormat::Tmx,
            _ => TableFormat::Tsv,
        }
    }

    /// The files a table of this format at `path` is read from (none for standard input).
    pub fn files(self, path: &Path) -> Vec<PathBuf> {
        if path.as_os_str() == "-" {
            return Vec::new();
        }
        match self {
            TableFormat::Moses => {
                let (id, en) = crate::export::moses_paths(&moses_prefix(path));
                vec![id, en]
            }
            _ => vec![path.to_path_buf()],
        }
    }
}

impl Table {
    /// Read a pair table in any format selaras writes (`path` `-`: standard input, not for a
    /// Moses pair). `columns` are the text columns, checked to be text in JSON Lines.
    pub fn read(path: &Path, opts: TableOptions, columns: &Columns) -> Result<Table> {
        let format = opts.format.unwrap_or_else(|| TableFormat::of_path(path));
        if opts.quoted && !matches!(format, TableFormat::Tsv | TableFormat::Text) {
            return Err(Error::Invalid(format!(
                "--quoted reads quoted tab-separated fields, not {}",
                format.name()
            )));
        }
        let opts = TableOptions {
            format: Some(format),
            ..opts
        };
        match format {
            TableFormat::Tsv | TableFormat::Text => Table::parse(&read_input(path)?, opts),
            TableFormat::Jsonl => from_jsonl(&read_input(path)?, columns),
            TableFormat::Moses => from_moses(path),
            TableFormat::Tmx => from_tmx(&read_input(path)?),
        }
    }
}

/// The Moses pair a path names: `PREFIX.id` or `PREFIX.en` stand for `PREFIX`.
fn moses_prefix(path: &Path) -> PathBuf {
    match path.extension().and_then(|e| e.to_str()) {
        Some("id" | "en") => path.with_extension(""),
        _ => path.to_path_buf(),
    }
}

/// A Moses pair as a table of the columns `id` and `en`, a row a line; lines blank on both
/// sides are skipped. The two files must have as many lines.
fn from_moses(path: &Path) -> Result<Table> {
    if path.as_os_str() == "-" {
        return Err(Error::Invalid(
            "--from moses reads PREFIX.id and PREFIX.en: give PREFIX, not `-`".into(),
        ));
    }
    let prefix = moses_prefix(path);
    let (id_path, en_path) = crate::export::moses_paths(&prefix);
    let (id, en) = (read_input(&id_path)?, read_input(&en_path)?);
    let (id_lines, en_lines) = (file_lines(&id.text), file_lines(&en.text));
    if id_lines.len() != en_lines.len() {
        return Err(Error::Parse {
            path: en_path,
            line: en_lines.len().min(id_lines.len()) + 1,
            msg: format!(
                "{}, but {} has {}: the two files of a Moses pair are line-aligned",
                count(en_lines.len() as u64, "line"),
                id_path.display(),
                count(id_lines.len() as u64, "line")
            ),
        });
    }
    let text = |input: &Input, (start, end): (usize, usize)| input.text[start..end].to_string();
    let rows = (id_lines.into_iter().zip(en_lines))
        .enumerate()
        .map(|(k, (i, e))| (k + 1, text(&id, i), text(&en, e)))
        .filter(|(_, i, e)| !(i.trim().is_empty() && e.trim().is_empty()))
        .map(|(line, i, e)| Row {
            line,
            fields: vec![tsv_escape(&i).into_owned(), tsv_escape(&e).into_owned()],
        })
        .collect();
    Ok(Table {
        path: prefix,
        headers: vec!["id".into(), "en".into()],
        rows,
        quoted: false,
        header_line: 0,
    })
}

/// The columns of selaras's JSON Lines, in the order of its TSV; other keys follow in the
/// order met.
const JSONL_ORDER: [&str; 7] = ["doc", "id_idx", "en_idx", "bead", "score", "id", "en"];

/// The columns of `rows` (each a row's column names and values) and then `always`, each
/// once: the known columns in the TSV's order, then the others as met.
fn columns_of<'a>(
    rows: impl Iterator<Item = &'a [(String, String)]>,
    always: &[&str],
) -> Vec<String> {
    let mut headers: Vec<String> = Vec::new();
    for row in rows {
        for (column, _) in row {
            if !headers.contains(column) {
                headers.push(column.clone());
            }
        }
    }
    for column in always {
        if !headers.iter().any(|h| h == column) {
            headers.push(column.to_string());
        }
    }
    let rank = |h: &String| {
        JSONL_ORDER
            .iter()
            .position(|k| k == h)
            .unwrap_or(usize::MAX)
    };
    headers.sort_by_key(rank);
    headers
}

/// The column of key `key` in an object of selaras's JSON Lines (`ours`: it has `id_text`):
/// its index arrays `id`, `en` are the TSV's `id_idx`, `en_idx`, its texts the TSV's `id`, `en`.
fn column_of(key: &str, ours: bool) -> &str {
    match (key, ours) {
        ("id", true) => "id_idx",
        ("en", true) => "en_idx",
        ("id_text", true) => "id",
        ("en_text", true) => "en",
        _ => key,
    }
}

/// A JSON value as a table field: text escaped, numbers as written, a list of indices as
/// `3,4`, anything else as compact JSON.
fn field(value: &Value) -> String {
    match value {
        Value::String(s) => tsv_escape(s).into_owned(),
        Value::Null => String::new(),
        Value::Array(items) if items.iter().all(Value::is_u64) => {
            let parts: Vec<String> = items.iter().map(Value::to_string).collect();
            parts.join(",")
        }
        other => tsv_escape(&other.to_string()).into_owned(),
    }
}

/// What a JSON value is, in a message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// JSON Lines as a table: one object a line (blank lines skipped), its keys the columns.
/// The text columns must hold text in every object that has them.
fn from_jsonl(input: &Input, columns: &Columns) -> Result<Table> {
    let path = &input.name;
    let error = |line: usize, msg: String| Error::Parse {
        path: path.clone(),
        line,
        msg,
    };
    let mut objects = Vec::new();
    for (k, (start, end)) in file_lines(&input.text).into_iter().enumerate() {
        let (line, text) = (k + 1, input.text[start..end].trim());
        if text.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(text)
            .map_err(|e| error(line, format!("not JSON: {}", strip_position(&e))))?;
        let Value::Object(object) = value else {
            return Err(error(line, format!("{}, not a JSON object", kind(&value))));
        };
        let ours = object.contains_key("id_text") || object.contains_key("en_text");
        let mut row: Vec<(String, String)> = Vec::with_capacity(object.len());
        for (key, value) in &object {
            let column = column_of(key, ours);
            if (column == columns.id || column == columns.en) && !value.is_string() {
                return Err(error(
                    line,
                    format!("field `{key}` is {}, not text", kind(value)),
                ));
            }
            row.push((column.to_string(), field(value)));
        }
        objects.push((line, row));
    }
    let headers = columns_of(objects.iter().map(|(_, row)| row.as_slice()), &[]);
    let rows = objects
        .into_iter()
        .map(|(line, row)| {
            let mut fields = vec![String::new(); headers.len()];
            for (column, value) in row {
                if let Some(i) = headers.iter().position(|h| *h == column) {
                    fields[i] = value;
                }
            }
            Row { line, fields }
        })
        .collect();
    Ok(Table {
        path: path.clone(),
        headers,
        rows,
        quoted: false,
        header_line: 0,
    })
}

/// The column of a TMX `prop` of type `ty`: selaras's `x-doc`, `x-score` and `x-bead` are
/// the TSV's `doc`, `score` and `bead`; any other type is a column of that name.
fn tmx_column(ty: &str) -> &str {
    match ty {
        "x-doc" => "doc",
        "x-score" => "score",
        "x-bead" => "bead",
        _ => ty,
    }
}

/// The side a `tuv` of language `lang` is (0 Indonesian: `id`, or the withdrawn code `in`;
/// 1 English), whatever its region (`en-GB`); `None` for another language.
fn tmx_side(lang: &str) -> Option<usize> {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "id" | "in" => Some(0),
        "en" => Some(1),
        _ => None,
    }
}

/// Elements of a `seg` that hold the original document's formatting codes, not its text.
const TMX_CODES: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// One `tu` as read: its line, its props (column, value) and its Indonesian and English texts.
type Unit = (usize, Vec<(String, String)>, [Option<String>; 2]);

/// TMX as a table: a row per `tu` that has an Indonesian or English `tuv` (its line the
/// line of `<tu>`), the columns its `prop`s ([`tmx_column`]) and `id`, `en`, the text of its
/// `seg`s without their formatting codes. A `tu` holds at most one text per language.
fn from_tmx(input: &Input) -> Result<Table> {
    let path = &input.name;
    let error = |line: usize, msg: String| Error::Parse {
        path: path.clone(),
        line,
        msg,
    };
    let xml = input.text.as_str();
    // XML begins with markup (after white space; the reader took off a byte-order mark): text
    // there is some other format, which the XML reader would fault at its first `&` or `<`.
    if !xml.trim_start().starts_with('<') {
        return Err(error(
            1,
            "not TMX: the file does not begin with XML markup".into(),
        ));
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    // Positions rise: one counter counts the lines of the whole file once.
    let mut lines = crate::text::LineCounter::new(xml.as_bytes());
    // Whether <tmx> was opened, and whether it was closed (nothing may follow it).
    let (mut saw_tmx, mut closed) = (false, false);
    let mut units: Vec<Unit> = Vec::new();
    let mut tu: Option<Unit> = None;
    // The prop being read (column, text), the side of the tuv being read (`None`: another
    // language), whether inside a tuv, the text of the seg being read, and the depth of
    // formatting-code elements inside it.
    let mut prop: Option<(String, String)> = None;
    let (mut side, mut in_tuv) = (None, false);
    let mut seg: Option<String> = None;
    let mut codes = 0usize;
    let mut languages: Vec<String> = Vec::new();
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            let line = crate::text::line_of(xml.as_bytes(), reader.error_position() as usize);
            error(line, format!("bad XML: {e}"))
        })?;
        let line = lines.line_at(pos);
        let text = match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let local = e.local_name();
                let name: &str = local.as_ref();
                if !saw_tmx && name != "tmx" {
                    return Err(error(line, format!("not TMX: <{name}> where <tmx> begins")));
                }
                if closed {
                    return Err(error(line, format!("<{name}> after </tmx>")));
                }
                let attr = |n: &str| crate::xml::attr(e, n).map_err(|msg| error(line, msg));
                match name {
                    "tmx" => saw_tmx = true,
                    _ if seg.is_some() => codes += usize::from(!empty && TMX_CODES.contains(&name)),
                    "tu" if !empty => tu = Some((line, Vec::new(), [None, None])),
                    "prop" if tu.is_some() && !in_tuv && !empty => {
                        prop = attr("type")?.map(|ty| (tmx_column(&ty).to_string(), String::new()));
                    }
                    "tuv" if tu.is_some() && !empty => {
                        let lang = attr("lang")?.unwrap_or_default();
                        side = tmx_side(&lang);
                        if !languages.contains(&lang) {
                            languages.push(lang);
                        }
                        in_tuv = true;
                    }
                    "seg" if in_tuv => match empty {
                        true => set_side(&mut tu, side, String::new(), line, &error)?,
                        false => seg = Some(String::new()),
                    },
                    _ => {}
                }
                continue;
            }
            Event::End(ref e) => {
                let local = e.local_name();
                match local.as_ref() {
                    "seg" => {
                        if let Some(text) = seg.take() {
                            set_side(&mut tu, side, text, line, &error)?;
                        }
                        codes = 0;
                    }
                    name if seg.is_some() && TMX_CODES.contains(&name) => {
                        codes = codes.saturating_sub(1);
                    }
                    "prop" => {
                        if let (Some(p), Some((_, props, _))) = (prop.take(), tu.as_mut()) {
                            props.push(p);
                        }
                    }
                    "tuv" => (side, in_tuv) = (None, false),
                    "tu" => units.extend(tu.take()),
                    "tmx" => closed = true,
                    _ => {}
                }
                continue;
            }
            Event::Text(ref t) => t.xml10_content().into_owned(),
            Event::CData(ref t) => t.xml10_content().into_owned(),
            Event::GeneralRef(ref r) => crate::xml::reference(r).map_err(|msg| error(line, msg))?,
            Event::Eof => {
                // A file cut short would lose its last unit without a word.
                let end = lines.line_at(xml.trim_end().len());
                if let Some((opened, ..)) = tu {
                    let msg = format!("the file ends inside <tu> (opened on line {opened})");
                    return Err(error(end, msg));
                }
                if saw_tmx && !closed {
                    return Err(error(end, "the file ends before </tmx>".into()));
                }
                break;
            }
            _ => continue,
        };
        // Text after the end of the document: a file with more than one TMX in it, or one
        // that something appended to.
        if closed && !text.trim().is_empty() {
            let at = pos + text.len() - text.trim_start().len();
            return Err(error(lines.line_at(at), "text after </tmx>".into()));
        }
        match (&mut seg, &mut prop) {
            (Some(s), _) if codes == 0 => s.push_str(&text),
            (None, Some((_, p))) => p.push_str(&text),
            _ => {}
        }
    }
    if !saw_tmx {
        return Err(error(1, "not TMX: no <tmx> element".into()));
    }
    units.retain(|(_, _, texts)| texts.iter().any(Option::is_some));
    if units.is_empty() && !languages.is_empty() {
        return Err(error(
            1,
            format!(
                "no Indonesian (id) or English (en) <tuv> (languages: {})",
                languages.join(", ")
            ),
        ));
    }
    let headers = columns_of(
        units.iter().map(|(_, props, _)| props.as_slice()),
        &["id", "en"],
    );
    // A prop named `id` or `en` shares the column of the text, which is written over it.
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_default();
    let (ci, ce) = (column("id"), column("en"));
    let rows = units
        .into_iter()
        .map(|(line, props, [id, en])| {
            let mut fields = vec![String::new(); headers.len()];
            for (column, value) in props {
                if let Some(i) = headers.iter().position(|h| *h == column) {
                    fields[i] = tsv_escape(&value).into_owned();
                }
            }
            fields[ci] = tsv_escape(&id.unwrap_or_default()).into_owned();
            fields[ce] = tsv_escape(&en.unwrap_or_default()).into_owned();
            Row { line, fields }
        })
        .collect();
    Ok(Table {
        path: path.clone(),
        headers,
        rows,
        quoted: false,
        header_line: 0,
    })
}

/// Record the text of a `seg` as the Indonesian or English text of the unit being read
/// (`side` `None`: another language, not read); a second text of one language is an error.
fn set_side(
    tu: &mut Option<Unit>,
    side: Option<usize>,
    text: String,
    line: usize,
    error: &dyn Fn(usize, String) -> Error,
) -> Result<()> {
    let (Some((_, _, texts)), Some(side)) = (tu.as_mut(), side) else {
        return Ok(());
    };
    if texts[side].is_some() {
        let lang = ["Indonesian", "English"][side];
        return Err(error(line, format!("a second {lang} text in one <tu>")));
    }
    texts[side] = Some(text);
    Ok(())
}

/// A serde_json message without its ` at line 1 column N` (the line is the file's, given
/// beside it; the column is kept).
fn strip_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(at) => format!("{} (column {})", &msg[..at], e.column()),
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jsonl(text: &str) -> Result<Table> {
        let input = crate::text::decode("t.jsonl", text.as_bytes().to_vec()).unwrap();
        from_jsonl(&input, &Columns::default())
    }

    #[test]
    fn formats_by_name() {
        let of = |p: &str| TableFormat::of_path(Path::new(p));
        assert_eq!(of("a.jsonl"), TableFormat::Jsonl);
        assert_eq!(of("corpus.id"), TableFormat::Moses);
        assert_eq!(of("corpus.tsv"), TableFormat::Tsv);
        assert_eq!(of("-"), TableFormat::Tsv);
        assert_eq!(moses_prefix(Path::new("d/c.en")), Path::new("d/c"));
    }

    #[test]
    fn selaras_json_lines_read_as_its_tsv() {
        let t = jsonl(concat!(
            r#"{"doc":"p","id":[0,1],"en":[2],"bead":"2-1","score":0.9,"id_text":"A\tb","en_text":"C","id_spans":[[0,3]]}"#,
            "\n\n",
            r#"{"doc":"p","id":[],"en":[3],"bead":"0-1","score":0.5,"id_text":"","en_text":"D"}"#,
        ))
        .unwrap();
        assert_eq!(
            t.headers,
            [
                "doc", "id_idx", "en_idx", "bead", "score", "id", "en", "id_spans"
            ]
        );
        assert_eq!(
            t.rows[0].fields[..7],
            ["p", "0,1", "2", "2-1", "0.9", "A\\tb", "C"]
        );
        assert_eq!(t.rows[1].line, 3);
        assert_eq!(t.rows[1].fields[7], "");
    }

    #[test]
    fn tmx_units_read_as_rows_without_formatting_codes() {
        let tmx = concat!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header/><body>\n",
            "<tu><prop type=\"x-doc\">d</prop><prop type=\"note\">n</prop>\n",
            "<tuv xml:lang=\"id-ID\"><seg>A &amp; <bpt i=\"1\">&lt;b&gt;</bpt>b",
            "<ept i=\"1\">&lt;/b&gt;</ept> <hi>c</hi>\td.</seg></tuv>",
            "<tuv lang=\"EN\"><seg><![CDATA[E & f]]>&#46;</seg></tuv>",
            "<tuv xml:lang=\"fr\"><seg>G</seg></tuv></tu>\n",
            "<tu><tuv xml:lang=\"fr\"><seg>H</seg></tuv></tu>\n",
            "<tu><tuv xml:lang=\"in\"><seg/></tuv><tuv xml:lang=\"en\"><seg>I</seg></tuv></tu>",
            "</body></tmx>",
        );
        let input = crate::text::decode("t.tmx", tmx.as_bytes().to_vec()).unwrap();
        let t = from_tmx(&input).unwrap();
        assert_eq!(t.headers, ["doc", "id", "en", "note"]);
        let rows: Vec<(usize, &[String])> =
            t.rows.iter().map(|r| (r.line, &r.fields[..])).collect();
        assert_eq!(
            rows[0],
            (
                3,
                &["d", "A & b c\\td.", "E & f.", "n"].map(String::from)[..]
            )
        );
        assert_eq!(rows[1], (6, &["", "", "I", ""].map(String::from)[..]));
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn json_lines_errors_name_the_line_and_field() {
        let err = |text: &str| jsonl(text).unwrap_err().to_string();
        assert_eq!(
            err("{\"id\":\"a\",\"en\":\"b\"}\n{\"id\":5,\"en\":\"b\"}\n"),
            "t.jsonl: line 2: field `id` is a number, not text"
        );
        assert_eq!(
            err("{\"id_text\":[1],\"en_text\":\"b\"}"),
            "t.jsonl: line 1: field `id_text` is a list, not text"
        );
        assert_eq!(err("[1, 2]"), "t.jsonl: line 1: a list, not a JSON object");
        assert!(err("{\"id\": \"a\",").starts_with("t.jsonl: line 1: not JSON: EOF while parsing"));
    }
}
