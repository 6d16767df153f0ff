//! The corpus formats agree on tricky text (quotes, `<&>`, tabs, backslashes, emoji): TSV
//! (after unescaping), JSON Lines, TMX (after XML unescaping) and Moses carry the same pairs.

use crate::common::{selaras, test_data};
use quick_xml::events::Event;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn data(p: &str) -> PathBuf {
    test_data("batch").join(p)
}

fn batch(format: &str, out: &Path) {
    selaras()
        .args([
            "batch",
            data("escape").to_str().unwrap(),
            "-q",
            "--keep-empty",
        ])
        .args([
            "--keep-identical",
            "--keep-num-mismatch",
            "-f",
            format,
            "-o",
        ])
        .arg(out)
        .assert()
        .code(0);
}

#[test]
fn all_formats_carry_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    batch("jsonl", &d.join("c.jsonl"));
    let json: Vec<(String, String)> = std::fs::read_to_string(d.join("c.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id_text"].as_str().unwrap().to_string(),
                v["en_text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(json.len(), 4);
    assert!(json[0].0.contains("\"harga <b>turun</b> & stabil\""));
    assert!(json[1].0.contains('\t'));
    assert!(json[2].1.contains('🎉'));
    assert!(json[3].0.contains("C:\\data\\baru"));

    batch("tsv", &d.join("c.tsv"));
    let tsv = std::fs::read_to_string(d.join("c.tsv")).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_reader(tsv.as_bytes());
    let rows: Vec<(String, String)> = rdr
        .records()
        .map(|r| {
            let r = r.unwrap();
            assert_eq!(r.len(), 7);
            (
                selaras::export::tsv_unescape(&r[5]).into_owned(),
                selaras::export::tsv_unescape(&r[6]).into_owned(),
            )
        })
        .collect();
    assert_eq!(rows, json);
    assert!(tsv.contains("Kolom\\tpertama"));
    assert!(tsv.contains("C:\\\\data\\\\baru"));

    batch("tmx", &d.join("c.tmx"));
    let xml = std::fs::read_to_string(d.join("c.tmx")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut segs, mut cur, mut in_seg) = (Vec::new(), String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "seg" => {
                in_seg = true;
                cur.clear();
            }
            Event::End(e) if e.name().0 == "seg" => {
                in_seg = false;
                segs.push(cur.clone());
            }
            Event::Text(t) if in_seg => cur.push_str(&t.into_inner()),
            Event::GeneralRef(r) if in_seg => {
                let name = r.into_inner();
                cur.push_str(match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let tmx: Vec<(String, String)> = segs
        .chunks(2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect();
    assert_eq!(tmx, json);

    batch("moses", &d.join("c"));
    let id = std::fs::read_to_string(d.join("c.id")).unwrap();
    let en = std::fs::read_to_string(d.join("c.en")).unwrap();
    let moses: Vec<(String, String)> = id
        .lines()
        .zip(en.lines())
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let expect: Vec<(String, String)> = json
        .iter()
        .map(|(a, b)| (a.replace('\t', " "), b.replace('\t', " ")))
        .collect();
    assert_eq!(moses, expect);
}
