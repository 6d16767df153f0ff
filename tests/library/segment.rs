//! The segmentation suite: hand-checked cases from `tests/data/segment/cases.txt`, span
//! properties, user rules, and (ignored) boundary precision/recall on the dev data.

use proptest::prelude::*;
use selaras::segment::{Lang, Segmenter, Sentence, presplit};
use std::collections::BTreeSet;
use std::path::Path;

struct Case {
    line: usize,
    lang: Lang,
    input: String,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/segment/cases.txt");
    let text = std::fs::read_to_string(path).expect("cases.txt");
    let mut out = Vec::new();
    let mut lang = Lang::Id;
    let mut cur: Option<Case> = None;
    for (i, line) in text.lines().enumerate() {
        let input = line.strip_prefix("> ").or((line == ">").then_some(""));
        let expected = line.strip_prefix("= ");
        match (input, expected) {
            (Some(inp), _) => {
                let c = cur.get_or_insert_with(|| Case {
                    line: i + 1,
                    lang,
                    input: String::new(),
                    expected: Vec::new(),
                });
                assert!(
                    c.expected.is_empty(),
                    "cases.txt:{}: input after expected lines",
                    i + 1
                );
                if c.line != i + 1 {
                    c.input.push('\n');
                }
                c.input.push_str(inp);
            }
            (None, Some(exp)) => {
                let c = cur
                    .as_mut()
                    .unwrap_or_else(|| panic!("cases.txt:{}: expected line without input", i + 1));
                c.expected.push(exp.to_string());
            }
            (None, None) => {
                out.extend(cur.take());
                if let Some(l) = line.strip_prefix("@ ") {
                    lang = match l.trim() {
                        "id" => Lang::Id,
                        "en" => Lang::En,
                        other => panic!("cases.txt:{}: unknown language {other}", i + 1),
                    };
                }
            }
        }
    }
    out.extend(cur.take());
    out
}

#[test]
fn hand_checked_cases() {
    let cases = cases();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    for lang in [Lang::Id, Lang::En] {
        let n = cases.iter().filter(|c| c.lang == lang).count();
        assert!(n >= 60, "only {n} {} cases", lang.code());
    }
    let seg = [Segmenter::new(Lang::Id), Segmenter::new(Lang::En)];
    let mut failures = Vec::new();
    for c in &cases {
        assert!(!c.expected.is_empty(), "cases.txt:{}: no expected", c.line);
        let s = &seg[if c.lang == Lang::Id { 0 } else { 1 }];
        let got: Vec<String> = s.split(&c.input).into_iter().map(|s| s.text).collect();
        if got != c.expected {
            failures.push(format!(
                "cases.txt:{} ({}):\n  expected: {:?}\n  got:      {:?}",
                c.line,
                c.lang.code(),
                c.expected,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

const BREAKS: [char; 7] = [
    '\n', '\r', '\u{0b}', '\u{0c}', '\u{85}', '\u{2028}', '\u{2029}',
];

/// Every sentence's span holds its text, spans are in order and do not overlap, and
/// paragraph numbers count the non-blank lines (of running text: ended by any of [`BREAKS`]).
fn check_spans(text: &str, sents: &[Sentence]) {
    check_spans_with(text, sents, &BREAKS);
}

/// [`check_spans`] with lines ended by `breaks` (a pre-split file: LF and CR only).
fn check_spans_with(text: &str, sents: &[Sentence], breaks: &[char]) {
    let mut last_end = 0;
    let mut last_para = 0;
    for s in sents {
        assert_eq!(&text[s.start..s.end], s.text);
        assert_eq!(s.text, s.text.trim());
        assert!(!s.text.is_empty());
        assert!(s.start >= last_end);
        assert!(s.para == last_para || s.para == last_para + 1 || last_end == 0);
        assert!(!s.text.contains(breaks));
        last_end = s.end;
        last_para = s.para;
    }
    let paras = text.split(breaks).filter(|l| !l.trim().is_empty()).count();
    assert_eq!(sents.last().map_or(0, |s| s.para + 1), paras);
}

#[test]
fn spans_line_ends_and_paragraphs() {
    let text = "Satu. Dua!\r\nTiga?\rEmpat\n\n  Lima.  Enam.\n";
    let s = Segmenter::new(Lang::Id).split(text);
    let got: Vec<(&str, usize)> = s.iter().map(|s| (s.text.as_str(), s.para)).collect();
    assert_eq!(
        got,
        vec![
            ("Satu.", 0),
            ("Dua!", 0),
            ("Tiga?", 1),
            ("Empat", 2),
            ("Lima.", 3),
            ("Enam.", 3)
        ]
    );
    check_spans(text, &s);
    assert_eq!((s[4].start, s[4].end), (27, 32));
}

#[test]
fn presplit_keeps_lines() {
    let text = "Satu. Dua.\r\n\r\nTiga\rEmpat ";
    let s = presplit(text);
    let got: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(got, vec!["Satu. Dua.", "Tiga", "Empat"]);
    check_spans(text, &s);
}

#[test]
fn blank_text_has_no_sentences() {
    assert!(Segmenter::new(Lang::En).split("").is_empty());
    assert!(Segmenter::new(Lang::En).split(" \n\r\n\t").is_empty());
}

#[test]
fn user_rules_replace_the_bundled_ones() {
    let srx = r#"<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="semicolons">
        <rule break="no"><beforebreak>x;</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>;</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="en" languagerulename="semicolons"/>
    </maprules>
  </body>
</srx>"#;
    let s = Segmenter::from_srx(srx, Lang::En, Path::new("user.srx")).unwrap();
    let got: Vec<String> = s
        .split("One; two. Three x; four")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(got, vec!["One;", "two. Three x; four"]);
    // The same file has no rules for Indonesian.
    let err = Segmenter::from_srx(srx, Lang::Id, Path::new("user.srx")).unwrap_err();
    assert!(err.to_string().starts_with("user.srx: line 1:"), "{err}");
}

#[test]
fn srx_entities_and_lists() {
    let srx = "<srx><body><languagerules><languagerule languagerulename='a'>\
               <rule break='no'><beforebreak>{{en.titles}}</beforebreak><afterbreak>\\s</afterbreak></rule>\
               <rule><beforebreak>[.&#63;]</beforebreak><afterbreak>\\s</afterbreak></rule>\
               <rule><beforebreak>&amp;</beforebreak><afterbreak>\\s</afterbreak></rule>\
               </languagerule></languagerules><maprules>\
               <languagemap languagepattern='.*' languagerulename='a'/></maprules></body></srx>";
    let s = Segmenter::from_srx(srx, Lang::Id, Path::new("x.srx")).unwrap();
    let got: Vec<String> = s
        .split("Mr. A. B? C & D")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(got, vec!["Mr. A.", "B?", "C &", "D"]);
}

#[test]
fn srx_errors_name_file_and_line() {
    let p = Path::new("bad.srx");
    let cases = [
        ("<srx><body>\n<x></body></srx>", 2),
        ("<notsrx/>", 1),
        (
            "<srx><body><languagerules>\n<languagerule languagerulename='a'>\n\
             <rule><beforebreak>{{nope}}</beforebreak></rule></languagerule></languagerules>\
             <maprules><languagemap languagepattern='.*' languagerulename='a'/></maprules></body></srx>",
            3,
        ),
        (
            "<srx><body><languagerules><languagerule languagerulename='a'>\
             <rule><beforebreak>(?=x)</beforebreak></rule></languagerule></languagerules>\n\
             <maprules><languagemap languagepattern='.*' languagerulename='a'/></maprules></body></srx>",
            1,
        ),
        (
            "<srx><body><maprules>\n<languagemap languagepattern='.*' languagerulename='zz'/>\
             </maprules></body></srx>",
            2,
        ),
    ];
    for (xml, line) in cases {
        match Segmenter::from_srx(xml, Lang::En, p) {
            Err(selaras::Error::Parse { line: l, path, .. }) => {
                assert_eq!((l, path.as_path()), (line, p), "{xml}")
            }
            other => panic!("{xml}: expected a parse error, got {other:?}"),
        }
    }
}

proptest! {
    #[test]
    fn spans_always_hold(text in "[a-zA-Z0-9 .,?!…\"“”()'\n\r\u{2028}\u{85}:;-]{0,200}") {
        for lang in [Lang::Id, Lang::En] {
            let s = Segmenter::new(lang).split(&text);
            check_spans(&text, &s);
        }
        check_spans_with(&text, &presplit(&text), &['\n', '\r']);
    }

    #[test]
    fn wrapped_spans_hold_for_sentences_and_their_clause_pieces(
        text in "[a-zA-Z0-9 .,;:?!\"“”()'\n\r\u{2028}-]{0,200}"
    ) {
        // A wrapped sentence's text differs from its span only in white space (line breaks
        // taken out); so does each of its clause pieces'.
        let bare = |t: &str| t.split_whitespace().collect::<String>();
        for lang in [Lang::Id, Lang::En] {
            for s in Segmenter::new(lang).split_wrapped(&text) {
                prop_assert_eq!(bare(&text[s.start..s.end]), bare(&s.text));
                for p in selaras::align::clauses::clause_pieces(&s) {
                    prop_assert!(s.start <= p.start && p.end <= s.end);
                    prop_assert_eq!(bare(&text[p.start..p.end]), bare(&p.text));
                }
            }
        }
    }
}

/// Boundary precision/recall against the unit boundaries of the dev data's running
/// paragraphs (`bench/*/{id,en}.txt` vs the units of `units.{id,en}`). Run with
/// `cargo test --release --test library segment::dev_boundaries -- --ignored --nocapture`.
#[test]
#[ignore]
fn dev_boundaries() {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/dev"));
    if !shared.is_dir() {
        crate::common::skip("../shared/data/dev");
        return;
    }
    for set in ["flores200_dev", "ud_pud_test"] {
        // Each unit split on its own, Indonesian vs English: a unit and its translation
        // usually hold the same number of sentences.
        let dir = shared.join(set);
        let counts: Vec<Vec<usize>> = [Lang::Id, Lang::En]
            .iter()
            .map(|&lang| {
                let units =
                    std::fs::read_to_string(dir.join(format!("units.{}", lang.code()))).unwrap();
                let seg = Segmenter::new(lang);
                units.lines().map(|u| seg.split(u).len()).collect()
            })
            .collect();
        let same = counts[0]
            .iter()
            .zip(&counts[1])
            .filter(|(a, b)| a == b)
            .count();
        let multi = |side: &Vec<usize>| side.iter().filter(|&&n| n > 1).count();
        println!(
            "{set:14} units split alone: same sentence count in id and en for {same} of {} \
             units; units of several sentences: id {}, en {}",
            counts[0].len(),
            multi(&counts[0]),
            multi(&counts[1])
        );
        for lang in [Lang::Id, Lang::En] {
            let r = dev_set(&shared.join(set), lang);
            println!(
                "{set:14} {}  all ends: P {:.4} R {:.4} F1 {:.4} (gold {})   \
                 inside paragraphs: P {:.4} R {:.4} F1 {:.4} (gold {})   \
                 extra breaks inside one unit: {}",
                lang.code(),
                r.all.p(),
                r.all.r(),
                r.all.f(),
                r.all.tp + r.all.fn_,
                r.inner.p(),
                r.inner.r(),
                r.inner.f(),
                r.inner.tp + r.inner.fn_,
                r.inner.fp
            );
        }
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, gold: &BTreeSet<usize>, pred: &BTreeSet<usize>) {
        self.tp += gold.intersection(pred).count();
        self.fp += pred.difference(gold).count();
        self.fn_ += gold.difference(pred).count();
    }
    fn p(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn r(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[derive(Default)]
struct DevResult {
    all: Counts,
    inner: Counts,
}

/// Split a line of a `.lines` file into the original units it joins (bench files join
/// neighbouring units on one side).
fn split_units<'a>(line: &'a str, known: &std::collections::HashSet<&str>) -> Vec<&'a str> {
    let line = line.trim();
    if known.contains(line) {
        return vec![line];
    }
    for (i, _) in line.match_indices(' ') {
        let head = line[..i].trim();
        if known.contains(head) {
            let rest = split_units(&line[i + 1..], known);
            if rest.iter().all(|r| known.contains(r)) {
                let mut out = vec![head];
                out.extend(rest);
                return out;
            }
        }
    }
    vec![line]
}

fn dev_set(dir: &Path, lang: Lang) -> DevResult {
    let units = std::fs::read_to_string(dir.join(format!("units.{}", lang.code()))).unwrap();
    let known: std::collections::HashSet<&str> = units.lines().map(str::trim).collect();
    let seg = Segmenter::new(lang);
    let mut res = DevResult::default();
    let mut docs: Vec<_> = std::fs::read_dir(dir.join("bench"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    docs.sort();
    for d in docs {
        let txt = std::fs::read_to_string(d.join(format!("{}.txt", lang.code()))).unwrap();
        let lines = std::fs::read_to_string(d.join(format!("{}.lines", lang.code()))).unwrap();
        let mut gold = BTreeSet::new();
        let mut cur = 0;
        for line in lines.lines().filter(|l| !l.trim().is_empty()) {
            for u in split_units(line, &known) {
                let i = cur + txt[cur..].find(u).expect("unit in running text");
                cur = i + u.len();
                gold.insert(cur);
            }
        }
        let para_ends: BTreeSet<usize> = selaras::segment::lines(&txt)
            .into_iter()
            .filter(|&(s, e)| !txt[s..e].trim().is_empty())
            .map(|(s, e)| s + txt[s..e].trim_end().len())
            .collect();
        let pred: BTreeSet<usize> = seg.split(&txt).into_iter().map(|s| s.end).collect();
        res.all.add(&gold, &pred);
        let gi = gold.difference(&para_ends).copied().collect();
        let pi = pred.difference(&para_ends).copied().collect();
        res.inner.add(&gi, &pi);
    }
    res
}
