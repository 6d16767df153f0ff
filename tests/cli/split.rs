//! `selaras split` run as a binary on files under tests/data and on the bundled seed.

use crate::common::selaras;
use predicates::prelude::*;

fn stdout_of(args: &[&str]) -> String {
    let out = selaras().args(args).assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

fn jsonl(args: &[&str]) -> Vec<serde_json::Value> {
    stdout_of(args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Check every row's span against the file's bytes; return (text, para) pairs.
fn check_spans(file: &str, rows: &[serde_json::Value]) -> Vec<(String, u64)> {
    spans_with(file, rows, |raw| raw.to_string())
}

/// [`check_spans`], comparing each row's text with `raw` of its span (the file's bytes there).
fn spans_with(
    file: &str,
    rows: &[serde_json::Value],
    raw: impl Fn(&str) -> String,
) -> Vec<(String, u64)> {
    let bytes = std::fs::read(file).unwrap();
    rows.iter()
        .map(|r| {
            let text = r["text"].as_str().unwrap();
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            let span = std::str::from_utf8(&bytes[s..e]).unwrap();
            assert_eq!(raw(span), text, "span of {text:?} in {file}");
            (text.to_string(), r["para"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn seed_article_has_twelve_sentences() {
    let out = stdout_of(&["split", "--lang", "id", "corpus/seed.id.txt"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 12, "{out}");
    assert!(lines[4].starts_with("“Tatanan dunia"));
    assert!(lines[8].starts_with("Hal ini mengikuti"));
    assert!(lines[11].starts_with("Perdagangan antara kedua negara"));
    let rows = jsonl(&[
        "split",
        "--lang",
        "id",
        "--format",
        "jsonl",
        "corpus/seed.id.txt",
    ]);
    let got = check_spans("corpus/seed.id.txt", &rows);
    let paras: Vec<u64> = got.iter().map(|(_, p)| *p).collect();
    assert_eq!(paras, vec![0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 9]);
    // -o writes the same lines to a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.lines");
    let args = ["split", "--lang", "id", "corpus/seed.id.txt", "-o"];
    assert_eq!(
        stdout_of(&[&args[..], &[file.to_str().unwrap()]].concat()),
        ""
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), out);
}

#[test]
fn english_text_and_jsonl_spans() {
    let out = stdout_of(&["split", "--lang", "en", "tests/data/split/en.txt"]);
    assert_eq!(
        out,
        "Floods Hit Hundreds of Homes\n\
         The river rose overnight in the U.S. state of Ohio.\n\
         Dr. Brown said 1,200 homes were hit.\n\
         \"We will rebuild,\" Mr. Lee said.\n\
         Damage is put at $1.2 billion.\n"
    );
    let rows = jsonl(&[
        "split",
        "--lang",
        "en",
        "--format",
        "jsonl",
        "tests/data/split/en.txt",
    ]);
    let got = check_spans("tests/data/split/en.txt", &rows);
    assert_eq!(got.len(), 5);
    let raw = stdout_of(&[
        "split",
        "--lang",
        "en",
        "--format",
        "jsonl",
        "tests/data/split/en.txt",
    ]);
    assert!(
        raw.starts_with(r#"{"text":"Floods Hit Hundreds of Homes","para":0,"start":0,"end":28}"#),
        "{raw}"
    );
}

#[test]
fn bom_is_skipped_and_spans_count_it() {
    let out = stdout_of(&["split", "--lang", "id", "tests/data/split/bom.txt"]);
    assert_eq!(out, "Harga naik.\nWarga mengeluh.\nJudul Berita\n");
    let rows = jsonl(&[
        "split",
        "--lang",
        "id",
        "--format",
        "jsonl",
        "tests/data/split/bom.txt",
    ]);
    assert_eq!(rows[0]["start"], 3);
    check_spans("tests/data/split/bom.txt", &rows);
}

#[test]
fn invisible_characters_after_a_full_stop_do_not_hide_the_sentence_end() {
    // Zero-width spaces, joiners, U+FEFF and soft hyphens after the full stop; the last line
    // has a title before a name, which goes on.
    for lang in ["id", "en"] {
        let file = format!("tests/data/split/invisible.{lang}.txt");
        let rows = jsonl(&["split", "--lang", lang, "--format", "jsonl", &file]);
        let got = check_spans(&file, &rows);
        let paras: Vec<u64> = got.iter().map(|g| g.1).collect();
        assert_eq!(paras, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5], "{lang}: {got:?}");
        // The invisible characters stay with the sentence they follow.
        assert!(got[0].0.ends_with(".\u{200b}"), "{got:?}");
        assert!(got[1].0.starts_with(char::is_uppercase), "{got:?}");
    }
    let out = selaras()
        .args(["split", "--lang", "id"])
        .write_stdin("Inflasi terkendali.\u{200b} Dia pergi ke pasar.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "Inflasi terkendali.\u{200b}\nDia pergi ke pasar.\n"
    );
}

#[test]
fn crlf_and_cr_line_ends() {
    let out = stdout_of(&["split", "--lang", "id", "tests/data/split/crlf.txt"]);
    assert_eq!(
        out,
        "Judul Berita\nHarga naik.\nWarga mengeluh.\nPasar ramai.\n"
    );
    let rows = jsonl(&[
        "split",
        "--lang",
        "id",
        "--format",
        "jsonl",
        "tests/data/split/crlf.txt",
    ]);
    let got = check_spans("tests/data/split/crlf.txt", &rows);
    let paras: Vec<u64> = got.iter().map(|(_, p)| *p).collect();
    assert_eq!(paras, vec![0, 1, 1, 2]);
    let out = stdout_of(&["split", "--lang", "en", "tests/data/split/cr.txt"]);
    assert_eq!(out, "Satu.\nDua.\nTiga.\n");
}

#[test]
fn stdin_with_dash_or_no_file() {
    for args in [
        &["split", "--lang", "en", "-"][..],
        &["split", "--lang", "en"][..],
    ] {
        selaras()
            .args(args)
            .write_stdin("He said: \"I don't know.\" Then he left.\n")
            .assert()
            .success()
            .stdout("He said: \"I don't know.\"\nThen he left.\n");
    }
}

#[test]
fn presplit_keeps_lines() {
    let out = stdout_of(&[
        "split",
        "--lang",
        "id",
        "--presplit",
        "tests/data/split/crlf.txt",
    ]);
    assert_eq!(
        out,
        "Judul Berita\nHarga naik. Warga mengeluh.\nPasar ramai.\n"
    );
}

#[test]
fn user_rules_file() {
    selaras()
        .args([
            "split",
            "--lang",
            "en",
            "--rules",
            "tests/data/split/semicolons.srx",
            "-",
        ])
        .write_stdin("One; two. Three")
        .assert()
        .success()
        .stdout("One;\ntwo. Three\n");
}

fn fails_with(args: &[&str], stdin: Option<&str>, needles: &[&str]) {
    let mut cmd = selaras();
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.assert().code(2).stdout("").get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one-line error: {err}");
    for n in needles {
        assert!(err.contains(n), "{err:?} lacks {n:?}");
    }
}

#[test]
fn bad_utf8_names_file_and_byte() {
    fails_with(
        &["split", "--lang", "id", "tests/data/split/bad_utf8.txt"],
        None,
        &["tests/data/split/bad_utf8.txt", "byte 28", "line 2"],
    );
}

#[test]
fn missing_empty_and_blank_inputs_fail() {
    fails_with(
        &["split", "--lang", "id", "tests/data/split/no-such-file.txt"],
        None,
        &["no-such-file.txt"],
    );
    fails_with(
        &["split", "--lang", "id", "tests/data/split/empty.txt"],
        None,
        &["empty.txt", "empty"],
    );
    fails_with(
        &["split", "--lang", "en", "tests/data/split/blank.txt"],
        None,
        &["blank.txt", "whitespace"],
    );
    fails_with(
        &["split", "--lang", "en", "-"],
        Some(" \n \r\n"),
        &["<stdin>"],
    );
}

#[test]
fn bad_rules_file_fails_with_line() {
    fails_with(
        &[
            "split",
            "--lang",
            "en",
            "--rules",
            "tests/data/split/bad_rules.srx",
            "tests/data/split/en.txt",
        ],
        None,
        &["bad_rules.srx", "line 7", "beforebreak"],
    );
}

#[test]
fn bad_language_is_a_usage_error() {
    selaras()
        .args(["split", "--lang", "fr", "tests/data/split/en.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fr"));
}

/// Every bundled article splits into exactly the sentences its gold alignment counts.
#[test]
fn corpus_sentence_counts_match_the_golds() {
    let mut checked = 0;
    for entry in std::fs::read_dir("corpus").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "gold") {
            continue;
        }
        let gold = std::fs::read_to_string(&path).unwrap();
        let mut counts = [0usize; 2];
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            for (side, part) in line.split(':').take(2).enumerate() {
                let ids = part.trim().trim_start_matches('[').trim_end_matches(']');
                for id in ids.split(',').filter(|s| !s.trim().is_empty()) {
                    let id: usize = id.trim().parse().unwrap();
                    counts[side] = counts[side].max(id + 1);
                }
            }
        }
        let stem = path.with_extension("");
        for (side, lang) in ["id", "en"].iter().enumerate() {
            let file = format!("{}.{lang}.txt", stem.display());
            let out = stdout_of(&["split", "--lang", lang, &file]);
            assert_eq!(out.lines().count(), counts[side], "{file}:\n{out}");
        }
        checked += 1;
    }
    assert!(checked >= 1);
}

#[test]
fn wrapped_text_is_split_by_paragraph_not_by_line() {
    let file = "tests/data/wrapped/flood.id.txt";
    let rows = jsonl(&[
        "split",
        "--lang",
        "id",
        "--wrapped",
        "--format",
        "jsonl",
        file,
    ]);
    // The span is the sentence in the file; only its line breaks became spaces.
    let got = spans_with(file, &rows, |raw| {
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    });
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].0.starts_with("Banjir merendam") && got[0].0.ends_with("empat jam."));
    assert_eq!(
        got.iter().map(|g| g.1).collect::<Vec<_>>(),
        vec![0, 1, 1, 2]
    );
    // With --no-wrapped every line is a paragraph, and sentences end at line ends.
    let lines = stdout_of(&["split", "--lang", "id", "--no-wrapped", file]);
    assert_eq!(lines.lines().count(), 8);
}

#[test]
fn wrapped_conflicts_with_presplit() {
    selaras()
        .args([
            "split",
            "--lang",
            "id",
            "--wrapped",
            "--presplit",
            "tests/data/wrapped/flood.id.txt",
        ])
        .assert()
        .code(2);
}
