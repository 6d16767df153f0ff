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

/// The `<tu>` tags of a TMX file (`tu segtype="phrase"`), each with the text of its first `seg`.
fn units(xml: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut out, mut in_seg) = (Vec::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "tu" => {
                let raw: &str = &e;
                out.push((raw.to_string(), String::new()));
            }
            Event::Start(e) if e.name().0 == "seg" => in_seg = true,
            Event::End(e) if e.name().0 == "seg" => in_seg = false,
            Event::Text(t) if in_seg => {
                let last = out.last_mut().unwrap();
                if last.1.is_empty() {
                    last.1 = t.into_inner().into_owned();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn tmx_units_holding_part_of_a_sentence_say_phrase() {
    // dengue's "Ia meminta masyarakat menjalankan gerakan 3M Plus," is the first part of a
    // sentence, paired with an English sentence of its own by the clause alignment.
    let ids = crate::common::corpus("dengue.id.txt");
    let ens = crate::common::corpus("dengue.en.txt");
    let run = |args: &[&str]| {
        let out = selaras()
            .args(["align", "-q", "-f", "tmx"])
            .args(args)
            .arg(&ids)
            .arg(&ens)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let xml = run(&[]);
    assert!(
        xml.contains(" segtype=\"sentence\" "),
        "the header's default"
    );
    let phrases: Vec<String> = units(&xml)
        .into_iter()
        .filter(|(tu, _)| tu == "tu segtype=\"phrase\"")
        .map(|(_, id)| id)
        .collect();
    assert!(
        phrases.contains(&"Ia meminta masyarakat menjalankan gerakan 3M Plus,".to_string()),
        "{phrases:?}"
    );
    // Every unit of whole sentences is a plain <tu>.
    for (tu, _) in units(&run(&["--whole-sentences"])) {
        assert_eq!(tu, "tu");
    }
    // batch writes the same units.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.tmx");
    selaras()
        .args(["batch", "-q", "-f", "tmx", "-o"])
        .arg(&out)
        .arg(crate::common::corpus(""))
        .assert()
        .success();
    let batch = std::fs::read_to_string(&out).unwrap();
    let in_batch: Vec<String> = units(&batch)
        .into_iter()
        .filter(|(tu, _)| tu == "tu segtype=\"phrase\"")
        .map(|(_, id)| id)
        .collect();
    assert!(in_batch.iter().any(|p| phrases.contains(p)), "{in_batch:?}");
}
