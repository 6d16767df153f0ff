//! The SRX 2.0 reader: the rules of one language from an SRX document, with the bundled word
//! lists that rules name as `{{NAME}}` expanded into alternations.

use super::Lang;
use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use regex::Regex;
use std::path::{Path, PathBuf};

/// `(NAME, the text of NAME.txt)` for each name.
macro_rules! word_lists {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!($name, ".txt")))),*]
    };
}

/// The bundled word lists that rules may name as `{{NAME}}`: `NAME.txt` beside this file.
const LISTS: &[(&str, &str)] = &word_lists![
    "id.titles",
    "id.beforenumber",
    "id.mayend",
    "id.beforename",
    "id.starters",
    "en.titles",
    "en.beforenumber",
    "en.mayend",
    "en.beforename",
    "en.starters",
    "en.countries",
    "en.continuations",
    "labels"
];

/// The entries of the bundled word list `name` (empty for an unknown name).
pub(super) fn list_words(name: &str) -> impl Iterator<Item = &'static str> {
    (LISTS.iter().filter(move |(n, _)| *n == name))
        .flat_map(|(_, list)| list.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// One rule as read from an SRX file.
#[derive(Debug, Default)]
pub(super) struct RawRule {
    pub(super) brk: bool,
    pub(super) before: String,
    pub(super) after: String,
    /// Lines of the `<beforebreak>` and `<afterbreak>` tags (of `<rule>` when absent).
    pub(super) before_line: usize,
    pub(super) after_line: usize,
}

/// A one-line message for a regex that does not compile.
pub(super) fn regex_msg(what: &str, src: &str, e: &regex::Error) -> String {
    let full = e.to_string();
    let reason = full
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .trim_start_matches("error: ");
    format!("bad {what} expression {src:?}: {reason}")
}

/// Expand `{{NAME}}` list references into alternations of the list's escaped entries.
pub(super) fn expand(re: &str) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(re.len());
    let mut rest = re;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 2..];
        let Some(j) = tail.find("}}") else {
            return Err("`{{` without `}}`".into());
        };
        let name = tail[..j].trim();
        if !LISTS.iter().any(|(n, _)| *n == name) {
            let known: Vec<&str> = LISTS.iter().map(|(n, _)| *n).collect();
            return Err(format!(
                "unknown word list {{{{{name}}}}} (known: {})",
                known.join(", ")
            ));
        };
        let mut words: Vec<&str> = list_words(name).collect();
        // Longest first, so that an alternation never stops at a shorter entry.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alts: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        out.push_str("(?:");
        out.push_str(&alts.join("|"));
        out.push(')');
        rest = &tail[j + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Which text the parser is collecting.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Before,
    After,
}

/// What the reader has gathered so far from an SRX document.
struct Reader<'p> {
    path: &'p Path,
    /// `<header cascade="yes">`: every matching language map adds its rules.
    cascade: bool,
    saw_srx: bool,
    /// Each `<languagerule>`: its name and rules.
    rulesets: Vec<(String, Vec<RawRule>)>,
    /// Each `<languagemap>`: its pattern, its rule set's name and its line.
    maps: Vec<(String, String, usize)>,
    in_ruleset: bool,
    rule: Option<RawRule>,
    field: Field,
}

/// Read an SRX 2.0 document and return the rules that apply to `lang`, in order.
pub(super) fn parse_srx(xml: &str, lang: Lang, path: &Path) -> Result<Vec<RawRule>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut srx = Reader {
        path,
        cascade: true,
        saw_srx: false,
        rulesets: Vec::new(),
        maps: Vec::new(),
        in_ruleset: false,
        rule: None,
        field: Field::None,
    };
    // Positions rise: one counter counts the lines of the whole file once.
    let mut lines = crate::text::LineCounter::new(xml.as_bytes());
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            let line = crate::text::line_of(xml.as_bytes(), reader.error_position() as usize);
            srx.error(line, format!("bad XML: {e}"))
        })?;
        let line = lines.line_at(pos);
        match ev {
            Event::Start(ref e) => srx.start(e, false, line)?,
            Event::Empty(ref e) => srx.start(e, true, line)?,
            Event::End(ref e) => srx.end(e.local_name().as_ref()),
            Event::Text(ref t) => srx.push_text(&t.xml10_content()),
            Event::CData(ref t) => srx.push_text(&t.xml10_content()),
            Event::GeneralRef(ref r) => {
                let s = crate::xml::reference(r).map_err(|msg| srx.error(line, msg))?;
                srx.push_text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    srx.rules_of(lang)
}

impl Reader<'_> {
    fn error(&self, line: usize, msg: String) -> Error {
        Error::Parse {
            path: PathBuf::from(self.path),
            line,
            msg,
        }
    }

    /// The value of the attribute `name` of `e`, at `line`.
    fn attr(&self, e: &BytesStart, name: &str, line: usize) -> Result<Option<String>> {
        crate::xml::attr(e, name).map_err(|msg| self.error(line, msg))
    }

    /// An opening tag (`empty`: one that closes itself).
    fn start(&mut self, e: &BytesStart, empty: bool, line: usize) -> Result<()> {
        let local = e.local_name();
        let name: &str = local.as_ref();
        if !self.saw_srx && name != "srx" {
            return Err(self.error(line, format!("expected <srx>, found <{name}>")));
        }
        match name {
            "srx" => self.saw_srx = true,
            "header" => {
                if let Some(v) = self.attr(e, "cascade", line)? {
                    self.cascade = v.trim().eq_ignore_ascii_case("yes");
                }
            }
            "languagerule" => {
                let Some(n) = self.attr(e, "languagerulename", line)? else {
                    let msg = "<languagerule> without languagerulename".into();
                    return Err(self.error(line, msg));
                };
                self.rulesets.push((n, Vec::new()));
                self.in_ruleset = !empty;
            }
            "rule" => self.start_rule(e, empty, line)?,
            "beforebreak" | "afterbreak" => {
                let before = name == "beforebreak";
                let Some(r) = self.rule.as_mut() else {
                    return Err(self.error(line, format!("<{name}> outside <rule>")));
                };
                if before {
                    r.before_line = line;
                } else {
                    r.after_line = line;
                }
                if !empty {
                    self.field = if before { Field::Before } else { Field::After };
                }
            }
            "languagemap" => {
                let pattern = self.attr(e, "languagepattern", line)?;
                let (Some(pat), Some(n)) = (pattern, self.attr(e, "languagerulename", line)?)
                else {
                    let msg = "<languagemap> needs languagepattern and languagerulename";
                    return Err(self.error(line, msg.into()));
                };
                self.maps.push((pat, n, line));
            }
            _ => {}
        }
        Ok(())
    }

    /// A `<rule>` tag.
    fn start_rule(&mut self, e: &BytesStart, empty: bool, line: usize) -> Result<()> {
        if !self.in_ruleset {
            return Err(self.error(line, "<rule> outside <languagerule>".into()));
        }
        let brk = match self.attr(e, "break", line)?.as_deref().map(str::trim) {
            None | Some("yes") => true,
            Some("no") => false,
            Some(v) => {
                let msg = format!("break=\"{v}\": expected \"yes\" or \"no\"");
                return Err(self.error(line, msg));
            }
        };
        let r = RawRule {
            brk,
            before_line: line,
            after_line: line,
            ..RawRule::default()
        };
        if empty {
            self.rulesets.last_mut().expect("in a ruleset").1.push(r);
        } else {
            self.rule = Some(r);
        }
        Ok(())
    }

    /// A closing tag.
    fn end(&mut self, name: &str) {
        match name {
            "languagerule" => self.in_ruleset = false,
            "rule" => {
                if let Some(r) = self.rule.take() {
                    self.rulesets.last_mut().expect("in a ruleset").1.push(r);
                }
            }
            "beforebreak" | "afterbreak" => self.field = Field::None,
            _ => {}
        }
    }

    /// Text inside `<beforebreak>` or `<afterbreak>` (elsewhere it is ignored).
    fn push_text(&mut self, s: &str) {
        if let Some(r) = &mut self.rule {
            match self.field {
                Field::Before => r.before.push_str(s),
                Field::After => r.after.push_str(s),
                Field::None => {}
            }
        }
    }

    /// The rules of the rule sets whose language maps match `lang`, in order (only the first
    /// map's without cascading).
    fn rules_of(mut self, lang: Lang) -> Result<Vec<RawRule>> {
        if !self.saw_srx {
            return Err(self.error(1, "not an SRX document (no <srx> element)".into()));
        }
        let mut out = Vec::new();
        let mut matched = false;
        for (pat, name, line) in std::mem::take(&mut self.maps) {
            let re = Regex::new(&format!("^(?i:{pat})$"))
                .map_err(|e| self.error(line, format!("bad languagepattern: {e}")))?;
            if !re.is_match(lang.code()) {
                continue;
            }
            let Some(i) = self.rulesets.iter().position(|(n, _)| *n == name) else {
                return Err(self.error(line, format!("no <languagerule> named {name:?}")));
            };
            matched = true;
            out.append(&mut self.rulesets[i].1);
            if !self.cascade {
                break;
            }
        }
        if !matched {
            let msg = format!("no <languagemap> matches language {:?}", lang.code());
            return Err(self.error(1, msg));
        }
        Ok(out)
    }
}
