//! `selaras batch` end to end: input forms, formats, filters, sharding, failures.

use crate::common::{read, selaras, test_data};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn data(p: &str) -> PathBuf {
    test_data("batch").join(p)
}

/// Number of sentences `selaras split` finds in a file (`ext`: `id.txt` or `en.txt`).
fn sentences(file: &Path, ext: &str) -> usize {
    let out = selaras()
        .args(["split", "--lang", &ext[..2]])
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().count()
}

fn stats(out: &Path) -> Value {
    let mut p = out.as_os_str().to_os_string();
    p.push(".stats.json");
    serde_json::from_str(&read(PathBuf::from(p))).unwrap()
}

fn errors(out: &Path) -> Vec<Vec<String>> {
    let mut p = out.as_os_str().to_os_string();
    p.push(".errors.tsv");
    read(PathBuf::from(p))
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// A batch over the manifest `m` that must finish with failed documents (exit 3): the rows of
/// its errors file, and the corpus written beside the manifest.
fn manifest_errors(m: &Path) -> (Vec<Vec<String>>, PathBuf) {
    let out = m.with_file_name("o.tsv");
    selaras()
        .args(["batch", m.to_str().unwrap(), "-q", "-o"])
        .arg(&out)
        .assert()
        .code(3);
    (errors(&out), out)
}

/// JSON Lines output of a batch (stdout), parsed.
fn jsonl(args: &[&str], stdin: Option<String>) -> (Vec<Value>, i32) {
    let mut cmd = selaras();
    cmd.arg("batch").args(args).args(["-f", "jsonl", "-q"]);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.output().unwrap();
    let rows = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (rows, out.status.code().unwrap())
}

/// `n` small synthetic documents as JSON Lines.
fn synthetic(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let k = 3 + i % 4;
        let id: Vec<String> = (0..k)
            .map(|j| format!("Laporan nomor {i} bagian {j} membahas pasar ikan di kota pelabuhan."))
            .collect();
        let en: Vec<String> = (0..k)
            .map(|j| format!("Report number {i} part {j} covers the fish market in the port city."))
            .collect();
        s.push_str(
            &serde_json::json!({"doc": format!("d{i:03}"), "id": id.join("\n"), "en": en.join("\n")})
                .to_string(),
        );
        s.push('\n');
    }
    s
}

#[test]
fn directory_to_tsv_with_stats_and_errors_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.tsv");
    selaras()
        .args(["batch", data("good").to_str().unwrap(), "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let tsv = read(&out);
    let mut lines = tsv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "doc\tid_idx\ten_idx\tbead\tscore\tid\ten"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 7));
    let docs: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    // Documents in name order, each complete before the next.
    let mut seen = Vec::new();
    for d in &docs {
        if seen.last() != Some(d) {
            seen.push(*d);
        }
    }
    assert_eq!(seen, ["cuaca", "pasar", "sekolah"]);
    assert!(tsv.contains("Rp 80.000.\tA trader said a kilo of red chillies now costs Rp 80,000."));
    let s = stats(&out);
    assert_eq!(s["documents"]["ok"], 3);
    assert_eq!(s["documents"]["failed"], 0);
    assert_eq!(s["pairs"]["kept"], rows.len());
    assert_eq!(
        s["pairs"]["aligned"].as_u64().unwrap(),
        s["pairs"]["kept"].as_u64().unwrap() + s["pairs"]["dropped"].as_u64().unwrap()
    );
    assert_eq!(s["learning"]["mode"], "two-pass");
    assert!(s["scores"]["all"]["p50"].is_number());
    // How the corpus was made: version and the options that shape it.
    let run = &s["run"];
    assert_eq!(run["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["settings"]["input"], data("good").to_str().unwrap());
    assert_eq!(run["settings"]["clauses"], true);
    assert_eq!(run["settings"]["clause_pairs"], "auto");
    assert_eq!(run["settings"]["lexicon"], Value::Null);
    assert_eq!(run["settings"]["filters"]["min_score"], 0.0);
    assert_eq!(run["settings"]["filters"]["keep_empty"], false);
    assert!(errors(&out).is_empty());
}

/// File names that are not UTF-8 (Linux only: other systems refuse them) never lose or mix up
/// a document: each such pair is an error row of its own, the rest is aligned.
#[cfg(target_os = "linux")]
#[test]
fn directory_names_that_are_not_utf8_are_error_rows() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let good = data("good");
    for side in ["id", "en"] {
        let text = read(good.join(format!("pasar.{side}.txt")));
        std::fs::write(dir.path().join(format!("pasar.{side}.txt")), &text).unwrap();
        for b in [0xffu8, 0xfe] {
            let name = [&b"a"[..], &[b], format!(".{side}.txt").as_bytes()].concat();
            let path = dir.path().join(std::ffi::OsStr::from_bytes(&name));
            std::fs::write(path, &text).unwrap();
        }
    }
    let out = dir.path().join("out").join("o.tsv");
    std::fs::create_dir(out.parent().unwrap()).unwrap();
    selaras()
        .args(["batch", "-q", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .code(3);
    let errs = errors(&out);
    assert_eq!(errs.len(), 2, "{errs:?}");
    // Each named by its bytes, escaped (and the backslash escaped again in the TSV field).
    let docs: Vec<&str> = errs.iter().map(|e| e[0].as_str()).collect();
    assert_eq!(docs, [r"a\\xfe", r"a\\xff"]);
    for e in &errs {
        assert!(e[1].ends_with(".id.txt"), "{e:?}");
        assert!(
            e[2].starts_with("the file name is not valid UTF-8"),
            "{e:?}"
        );
    }
    assert_eq!(stats(&out)["documents"]["ok"], 1);
    assert!(read(&out).lines().skip(1).all(|l| l.starts_with("pasar\t")));
}

#[test]
fn manifest_paths_are_relative_to_it_and_missing_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.jsonl");
    selaras()
        .current_dir(dir.path())
        .args([
            "batch",
            data("manifest.tsv").to_str().unwrap(),
            "-f",
            "jsonl",
            "-q",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(3);
    let docs: BTreeSet<String> = read(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs, BTreeSet::from(["P".into(), "C".into(), "S".into()]));
    let errs = errors(&out);
    assert_eq!(errs.len(), 1);
    // A missing file is reported at the manifest row that names it, as the row gives it; the
    // manifest is named relative to the errors file's directory.
    assert_eq!(errs[0][0], "X");
    let manifest = errs[0][1].strip_suffix(":5").unwrap();
    assert!(Path::new(manifest).is_relative(), "{manifest}");
    assert_eq!(
        std::fs::canonicalize(dir.path().join(manifest)).unwrap(),
        std::fs::canonicalize(data("manifest.tsv")).unwrap()
    );
    assert_eq!(errs[0][2], "file good/hilang.id.txt not found");
    // On stderr, one line.
    let run = selaras()
        .args(["batch", "-q"])
        .arg(data("manifest.tsv"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "selaras: failed: X: {}:5: file good/hilang.id.txt not found\n",
            data("manifest.tsv").display()
        )
    );
}

#[test]
fn json_lines_stream_in_input_order_with_bad_lines_reported() {
    let input = read(data("docs.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let errs = dir.path().join("e.tsv");
    let out = selaras()
        .args(["batch", "-", "-f", "jsonl", "-q", "--errors"])
        .arg(&errs)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut order: Vec<&str> = rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    order.dedup();
    assert_eq!(order, ["pasar", "cuaca", "sekolah"]);
    // Spans point into the document text.
    let first = &rows[0];
    assert_eq!(first["id_spans"], serde_json::json!([[0, 49]]));
    let e = read(&errs);
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines[0], "doc\tfile\treason");
    assert!(
        lines[1].starts_with("line 2\t<stdin>:2\tinvalid JSON document"),
        "{e}"
    );
    assert_eq!(
        lines[2],
        "kosong\t<stdin>:6\t`en`: input holds only whitespace"
    );
    assert_eq!(lines.len(), 3);
}

#[test]
fn json_lines_after_a_bom() {
    let doc = |d: &str| format!("{{\"doc\":\"{d}\",\"id\":\"Satu.\",\"en\":\"One.\"}}\n");
    let (rows, code) = jsonl(&["-"], Some(format!("\u{feff}{}{}", doc("a"), doc("b"))));
    assert_eq!(code, 0);
    let docs: Vec<&str> = rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a", "b"]);
}

#[test]
fn json_lines_end_at_crlf_and_cr_too() {
    let doc = |d: &str| format!("{{\"doc\":\"{d}\",\"id\":\"Satu.\",\"en\":\"One.\"}}");
    for nl in ["\r\n", "\r"] {
        let input = format!("{}{nl}{}{nl}", doc("a"), doc("b"));
        let (rows, code) = jsonl(&["-"], Some(input));
        assert_eq!(code, 0, "{nl:?}");
        let docs: Vec<&str> = rows.iter().map(|r| r["doc"].as_str().unwrap()).collect();
        assert_eq!(docs, ["a", "b"], "{nl:?}");
    }
}

#[test]
fn json_lines_doc_id_given_twice_is_an_error_row() {
    let doc = |d: &str, en: &str| format!("{{\"doc\":\"{d}\",\"id\":\"Satu.\",\"en\":\"{en}\"}}\n");
    let input = [doc("a", "One."), doc("b", "One."), doc("a", "Uno.")].concat();
    let dir = tempfile::tempdir().unwrap();
    let errs = dir.path().join("e.tsv");
    let out = selaras()
        .args(["batch", "-", "-q", "--errors"])
        .arg(&errs)
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().filter(|l| l.starts_with("a\t")).count(), 1);
    assert!(!stdout.contains("Uno."), "{stdout}");
    assert!(stdout.contains("\nb\t"), "{stdout}");
    assert_eq!(
        read(&errs),
        "doc\tfile\treason\na\t<stdin>:3\tdoc id `a` given twice (first on line 1)\n"
    );
}

#[test]
fn empty_stream_is_an_empty_corpus() {
    selaras()
        .args(["batch", "-", "-q"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout("doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n");
}

#[test]
fn broken_files_mixed_into_a_good_batch() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.tsv");
    selaras()
        .args(["batch", data("mixed").to_str().unwrap(), "-o"])
        .arg(&out)
        .assert()
        .code(3)
        .stderr(predicates::str::contains("2 ok, 3 failed"));
    let tsv = read(&out);
    let docs: BTreeSet<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(docs, BTreeSet::from(["cuaca", "pasar"]));
    let errs = errors(&out);
    let by_doc: Vec<(&str, &str)> = errs
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        by_doc,
        [
            ("kosong", "input holds only whitespace"),
            (
                "rusak",
                "invalid UTF-8 at byte 67 (line 2): it reads as an 8-bit encoding such as \
             Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
            ),
            ("sendiri", "no partner: sendiri.en.txt is missing"),
        ]
    );
    assert!(errs[0][1].ends_with("kosong.en.txt"));
    assert!(errs[1][1].ends_with("rusak.id.txt"));
    let s = stats(&out);
    assert_eq!(
        (
            s["documents"]["ok"].as_u64(),
            s["documents"]["failed"].as_u64()
        ),
        (Some(2), Some(3))
    );
}

#[test]
fn moses_files_have_equal_line_counts() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("corpus");
    selaras()
        .args([
            "batch",
            data("good").to_str().unwrap(),
            "-q",
            "-f",
            "moses",
            "--keep-empty",
            "-o",
        ])
        .arg(&prefix)
        .assert()
        .code(0);
    let id = read(dir.path().join("corpus.id"));
    let en = read(dir.path().join("corpus.en"));
    let kept = stats(&prefix)["pairs"]["kept"].as_u64().unwrap() as usize;
    assert_eq!(id.lines().count(), kept);
    assert_eq!(en.lines().count(), kept);
    assert!(id.lines().any(|l| l.is_empty()) || en.lines().any(|l| l.is_empty()));
    // Without -o there is nowhere to put two files.
    selaras()
        .args(["batch", data("good").to_str().unwrap(), "-f", "moses"])
        .assert()
        .code(2);
}

#[test]
fn tmx_parses_with_one_tu_per_kept_pair() {
    use quick_xml::events::Event;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.tmx");
    selaras()
        .args([
            "batch",
            data("good").to_str().unwrap(),
            "-q",
            "-f",
            "tmx",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let xml = read(&out);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut tu, mut tuv, mut header_srclang) = (0, 0, String::new());
    let mut langs = BTreeSet::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().0 == "tu" => tu += 1,
            Event::Start(e) if e.name().0 == "tuv" => {
                tuv += 1;
                let a = e.try_get_attribute("xml:lang").unwrap().unwrap();
                langs.insert(
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned(),
                );
            }
            Event::Empty(e) if e.name().0 == "header" => {
                let a = e.try_get_attribute("srclang").unwrap().unwrap();
                header_srclang = a
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap()
                    .into_owned();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let kept = stats(&out)["pairs"]["kept"].as_u64().unwrap() as usize;
    assert!(kept > 0);
    assert_eq!(tu, kept);
    assert_eq!(tuv, 2 * kept);
    assert_eq!(header_srclang, "id");
    assert_eq!(langs, BTreeSet::from(["en".to_string(), "id".to_string()]));
}

/// The names of the files in `dir`, sorted, without the mark of a directory selaras wrote.
fn file_names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != selaras::output::DIR_MARKER)
        .collect()
}

#[test]
fn ladder_writes_one_file_per_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ladders");
    selaras()
        .args([
            "batch",
            data("good").to_str().unwrap(),
            "-q",
            "-f",
            "ladder",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let names = file_names(&out);
    assert_eq!(
        names,
        BTreeSet::from(["cuaca".into(), "pasar".into(), "sekolah".into()])
    );
    let pasar = read(out.join("pasar"));
    let re = regex::Regex::new(r"^\[[0-9,]*\]:\[[0-9,]*\]:[01]\.[0-9]{4}$").unwrap();
    assert!(pasar.lines().all(|l| re.is_match(l)), "{pasar}");
    // A ladder is the whole alignment, without --keep-* flags: every sentence of both sides
    // appears exactly once.
    for name in ["cuaca", "pasar", "sekolah"] {
        let ladder = read(out.join(name));
        let doc = data("good").join(name);
        for (side, ext) in [(0, "id.txt"), (1, "en.txt")] {
            let mut got = Vec::new();
            for l in ladder.lines() {
                let list = l.split(':').nth(side).unwrap();
                got.extend(
                    list.trim_matches(['[', ']'])
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(|s| s.parse::<usize>().unwrap()),
                );
            }
            let n = sentences(&doc.with_extension(ext), ext);
            assert_eq!(got, (0..n).collect::<Vec<_>>(), "{name} {ext}: {ladder}");
        }
    }
}

#[test]
fn ladder_files_of_long_doc_ids_are_written() {
    // A doc id longer than a file name may be is cut and given its hash (it stopped the run).
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ladders");
    let long = "berita-".repeat(60);
    let input = format!(
        "{{\"doc\":\"{long}\",\"id\":\"Hujan turun.\",\"en\":\"It rained.\"}}\n\
         {{\"doc\":\"b\",\"id\":\"Pasar ramai.\",\"en\":\"The market is busy.\"}}\n"
    );
    selaras()
        .args(["batch", "-", "-q", "-f", "ladder", "-o"])
        .arg(&out)
        .write_stdin(input)
        .assert()
        .code(0);
    let names = file_names(&out);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&selaras::export::ladder_file_name(&long)));
}

#[test]
fn ladder_files_never_overwrite_each_other() {
    // `a/b` and `a_b` give the same file name: the second gets `~` and a hash.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ladders");
    selaras()
        .args(["batch", "-", "-q", "-f", "ladder", "-o"])
        .arg(&out)
        .write_stdin(
            "{\"doc\":\"a/b\",\"id\":\"Hujan turun.\",\"en\":\"It rained.\"}\n\
             {\"doc\":\"a_b\",\"id\":\"Pasar ramai.\",\"en\":\"The market is busy.\"}\n",
        )
        .assert()
        .code(0);
    let names: Vec<String> = file_names(&out).into_iter().collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0], "a_b");
    assert!(names[1].starts_with("a_b~"), "{names:?}");
}

#[test]
fn filters_are_applied_and_counted() {
    let good = data("good");
    let good = good.to_str().unwrap();
    // Everything, to compute what each filter must drop.
    let (all, _) = jsonl(
        &[
            good,
            "--keep-empty",
            "--keep-identical",
            "--keep-num-mismatch",
        ],
        None,
    );
    let both = |r: &Value| {
        !r["id_text"].as_str().unwrap().is_empty() && !r["en_text"].as_str().unwrap().is_empty()
    };
    let empty = all.iter().filter(|r| !both(r)).count();
    assert!(empty > 0, "the test data has an unmatched sentence");

    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| -> (Vec<Value>, Value) {
        let out = dir.path().join("f.jsonl");
        selaras()
            .args([
                "batch",
                good,
                "-q",
                "-f",
                "jsonl",
                "--keep-num-mismatch",
                "-o",
            ])
            .arg(&out)
            .args(args)
            .assert()
            .code(0);
        let rows = read(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (rows, stats(&out))
    };
    let dropped =
        |s: &Value, r: &str| s["pairs"]["dropped_by_reason"][r].as_u64().unwrap() as usize;

    // Default: empty sides and the untranslated line go.
    let (rows, s) = run(&[]);
    assert!(rows.iter().all(both));
    assert_eq!(dropped(&s, "empty_side"), empty);
    assert_eq!(dropped(&s, "identical"), 1);
    assert!(!rows.iter().any(|r| r["id_text"] == "Jakarta Post Online"));
    let base = rows.len();
    assert_eq!(base, all.len() - empty - 1);

    // --keep-identical keeps it.
    let (rows, _) = run(&["--keep-identical"]);
    assert_eq!(rows.len(), base + 1);

    // --dedup: the sekolah document repeats a pasar pair.
    let (rows, s) = run(&["--dedup"]);
    assert_eq!(dropped(&s, "duplicate"), 1);
    assert_eq!(rows.len(), base - 1);

    // --min-score: exactly the pairs scored below the bound (checked before `identical`).
    let scores: Vec<f64> = all
        .iter()
        .filter(|r| both(r))
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    let mut sorted = scores.clone();
    sorted.sort_by(f64::total_cmp);
    let bound = sorted[sorted.len() / 2];
    let below = scores.iter().filter(|&&x| x < bound).count();
    let (rows, s) = run(&["--min-score", &bound.to_string()]);
    assert_eq!(dropped(&s, "low_score"), below);
    assert!(rows.iter().all(|r| r["score"].as_f64().unwrap() >= bound));

    // --min-words / --max-words on each side.
    let words = |r: &Value, k: &str| r[k].as_str().unwrap().split_whitespace().count();
    let (rows, s) = run(&["--min-words", "10", "--max-words", "12"]);
    assert!(dropped(&s, "length") > 0);
    for r in &rows {
        for k in ["id_text", "en_text"] {
            assert!((10..=12).contains(&words(r, k)), "{r}");
        }
    }

    // --max-ratio on characters.
    let (rows, s) = run(&["--max-ratio", "1.15"]);
    assert!(dropped(&s, "ratio") > 0);
    for r in &rows {
        let a = r["id_text"].as_str().unwrap().chars().count() as f64;
        let b = r["en_text"].as_str().unwrap().chars().count() as f64;
        assert!(a.max(b) / a.min(b) <= 1.15);
    }
}

#[test]
fn shards_partition_the_documents() {
    let input = synthetic(40);
    let (whole, code) = jsonl(&["-"], Some(input.clone()));
    assert_eq!(code, 0);
    let docs_of = |rows: &[Value]| -> BTreeSet<String> {
        rows.iter()
            .map(|r| r["doc"].as_str().unwrap().to_string())
            .collect()
    };
    let all_docs = docs_of(&whole);
    assert_eq!(all_docs.len(), 40);
    let mut union = BTreeSet::new();
    let mut lines = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let (rows, code) = jsonl(&["-", "--shard", &shard, "--no-learn"], Some(input.clone()));
        assert_eq!(code, 0);
        let docs = docs_of(&rows);
        assert!(!docs.is_empty(), "shard {shard} is empty");
        assert!(union.is_disjoint(&docs), "shard {shard} overlaps");
        union.extend(docs);
        lines += rows.len();
    }
    assert_eq!(union, all_docs);
    assert_eq!(lines, whole.len());
    // The same split for a directory input.
    let mut union = BTreeSet::new();
    for k in 1..=2 {
        let (rows, _) = jsonl(
            &[data("good").to_str().unwrap(), "--shard", &format!("{k}/2")],
            None,
        );
        let docs = docs_of(&rows);
        assert!(union.is_disjoint(&docs));
        union.extend(docs);
    }
    assert_eq!(union.len(), 3);
    selaras()
        .args(["batch", "-", "--shard", "4/3"])
        .assert()
        .code(2);
}

#[test]
fn output_is_the_same_for_any_number_of_threads() {
    let input = synthetic(60);
    let run = |jobs: &str, chunk: &str| {
        selaras()
            .args([
                "batch", "-", "-q", "-f", "jsonl", "--chunk", chunk, "-j", jobs,
            ])
            .write_stdin(input.clone())
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1", "7");
    assert!(!one.is_empty());
    assert_eq!(one, run("2", "7"));
    assert_eq!(one, run("3", "7"));
    let dir_run = |jobs: &str| {
        selaras()
            .args([
                "batch",
                data("good").to_str().unwrap(),
                "-q",
                "--chunk",
                "2",
                "-j",
                jobs,
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(dir_run("1"), dir_run("2"));
}

#[test]
fn bad_usage_exits_2_with_one_line() {
    let out = selaras()
        .args(["batch", "no/such/dir", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/dir"));
    selaras()
        .args(["batch", "-", "--min-score", "2"])
        .assert()
        .code(2);
}

#[test]
fn a_killed_run_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.tsv");
    let (mut child, stdin) = streaming_batch(&out);
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    assert!(!out.exists(), "a partial corpus was left behind");
    let mut stats = out.as_os_str().to_os_string();
    stats.push(".stats.json");
    assert!(!Path::new(&stats).exists());
}

/// Interrupted (Ctrl-C): exit code 130, and not even a hidden temporary file is left.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, stdin) = streaming_batch(&dir.path().join("c.tsv"));
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `selaras batch - -o out` over a stream still open, with windows of 5 documents already
/// written to its temporary file: the running child and its standard input.
fn streaming_batch(out: &Path) -> (std::process::Child, std::process::ChildStdin) {
    use std::io::Write;
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("selaras"))
        .args(["batch", "-", "-q", "--chunk", "5", "-o"])
        .arg(out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(synthetic(30).as_bytes()).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    (child, stdin)
}

#[test]
fn spans_point_into_the_original_files_even_after_a_bom() {
    let dir = data("para");
    let (rows, code) = jsonl(&[dir.to_str().unwrap(), "--keep-empty"], None);
    assert_eq!(code, 0);
    let id = std::fs::read(dir.join("sepeda.id.txt")).unwrap();
    let en = std::fs::read(dir.join("sepeda.en.txt")).unwrap();
    assert!(id.starts_with(b"\xef\xbb\xbf"));
    let mut n_id = 0;
    for r in &rows {
        for (file, spans, text) in [(&id, "id_spans", "id_text"), (&en, "en_spans", "en_text")] {
            let pieces: Vec<&str> = r[spans]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    let (a, b) = (
                        s[0].as_u64().unwrap() as usize,
                        s[1].as_u64().unwrap() as usize,
                    );
                    std::str::from_utf8(&file[a..b]).unwrap()
                })
                .collect();
            assert_eq!(pieces.join(" "), r[text].as_str().unwrap());
        }
        n_id += r["id"].as_array().unwrap().len();
    }
    // Paragraphs are split into sentences (5 Indonesian sentences in 3 paragraphs).
    assert_eq!(n_id, 5);
}

#[test]
fn pairs_whose_numbers_disagree_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.tsv");
    selaras()
        .args(["batch", data("angka").to_str().unwrap(), "-q", "-o"])
        .arg(&out)
        .assert()
        .code(0);
    let tsv = read(&out);
    assert!(!tsv.contains("15 persen"), "{tsv}");
    assert!(tsv.contains("Rp 6.500"), "matching numbers are kept: {tsv}");
    assert!(
        tsv.contains("Maret 2026"),
        "a number on one side only is kept: {tsv}"
    );
    let s = stats(&out);
    assert_eq!(s["pairs"]["dropped_by_reason"]["numbers"], 1);
    let (rows, _) = jsonl(
        &[data("angka").to_str().unwrap(), "--keep-num-mismatch"],
        None,
    );
    assert!(
        rows.iter()
            .any(|r| r["id_text"].as_str().unwrap().contains("15 persen"))
    );
}

#[test]
fn rules_file_and_presplit_change_segmentation_only() {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/segment/rules.srx");
    let para = data("para");
    let run = |extra: &[&str]| {
        selaras()
            .args(["batch", para.to_str().unwrap(), "-q", "--keep-empty"])
            .args(extra)
            .output()
            .unwrap()
    };
    let default = run(&[]);
    assert_eq!(default.status.code(), Some(0));
    // The bundled rules given as a file segment the same way.
    assert_eq!(
        run(&["--rules", rules.to_str().unwrap()]).stdout,
        default.stdout
    );
    // --presplit takes each line as one sentence: fewer, longer beads.
    let pre = run(&["--presplit"]);
    assert!(!pre.stdout.is_empty() && pre.stdout != default.stdout);
    let lines = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).lines().count();
    assert!(lines(&pre) < lines(&default));
    // A bad rules file is a one-line input error.
    let bad = run(&["--rules", data("docs.jsonl").to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);
}

#[test]
fn stats_file_with_stdout_output() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("s.json");
    let out = selaras()
        .args(["batch", data("good").to_str().unwrap(), "-q", "--stats"])
        .arg(&stats)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s: Value = serde_json::from_str(&read(&stats)).unwrap();
    let rows = String::from_utf8(out.stdout).unwrap().lines().count() - 1;
    assert_eq!(s["pairs"]["kept"].as_u64(), Some(rows as u64));
    assert_eq!(s["run"]["format"], "tsv");
}

#[test]
fn manifest_problems() {
    let dir = tempfile::tempdir().unwrap();
    let good = data("good");
    // No doc/id/en header: bad input, exit 2, one line naming the file and line.
    let m = dir.path().join("bad.tsv");
    std::fs::write(&m, "name\tleft\tright\nx\ta\tb\n").unwrap();
    let out = selaras()
        .args(["batch", m.to_str().unwrap(), "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.tsv: line 1"), "{err}");
    // A doc id given twice and a short row are error rows; the rest is aligned.
    let p = |f: &str| good.join(f).display().to_string();
    // The manifest `name` holding `text`, run: its error rows and corpus.
    let run = |name: &str, text: String| {
        let m = dir.path().join(name);
        std::fs::write(&m, text).unwrap();
        manifest_errors(&m)
    };
    let (errs, out_path) = run(
        "m.tsv",
        format!(
            "en\tdoc\tid\n{}\tP\t{}\n{}\tP\t{}\nshort\n",
            p("pasar.en.txt"),
            p("pasar.id.txt"),
            p("cuaca.en.txt"),
            p("cuaca.id.txt")
        ),
    );
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0][0], "P");
    assert!(errs[0][1].ends_with("m.tsv:3"), "{:?}", errs[0]);
    assert_eq!(errs[0][2], "doc id `P` given twice (first on line 2)");
    assert!(errs[1][1].ends_with("m.tsv:4"), "{:?}", errs[1]);
    // The error names the field that is missing.
    assert_eq!(
        errs[1][2],
        "no field `doc` (column 2 of the header; the row has 1 field)"
    );
    assert!(read(&out_path).contains("Pasar Minggu"));
    // A field beyond the header's columns is an error row; a trailing empty field is not.
    let (errs, out_path) = run(
        "extra.tsv",
        format!(
            "doc\tid\ten\nP\t{}\t{}\textra\nC\t{}\t{}\t\n",
            p("pasar.id.txt"),
            p("pasar.en.txt"),
            p("cuaca.id.txt"),
            p("cuaca.en.txt")
        ),
    );
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "P");
    assert!(errs[0][1].ends_with("extra.tsv:2"), "{:?}", errs[0]);
    assert_eq!(
        errs[0][2],
        "the row has 4 fields but the header has 3 columns"
    );
    assert!(read(&out_path).contains("\nC\t"));
}

#[test]
fn manifest_rows_are_named_by_line_with_crlf_and_cr_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let good = data("good");
    let p = |f: &str| good.join(f).display().to_string();
    for nl in ["\r\n", "\r"] {
        let m = dir.path().join("man.tsv");
        let (id, en) = (p("pasar.id.txt"), p("pasar.en.txt"));
        std::fs::write(
            &m,
            format!("doc\tid\ten{nl}short{nl}P\t{id}\t{en}{nl}P\t{id}\t{en}{nl}"),
        )
        .unwrap();
        let (errs, _) = manifest_errors(&m);
        assert_eq!(errs.len(), 2, "{nl:?}: {errs:?}");
        assert!(errs[0][1].ends_with("man.tsv:2"), "{nl:?}: {:?}", errs[0]);
        assert_eq!(errs[0][0], "short");
        assert!(errs[1][1].ends_with("man.tsv:4"), "{nl:?}: {:?}", errs[1]);
        assert_eq!(errs[1][2], "doc id `P` given twice (first on line 3)");
    }
}

#[test]
fn report_of_the_corpus_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.tsv");
    let html = dir.path().join("c.html");
    selaras()
        .arg("batch")
        .arg(data("good"))
        .arg("-o")
        .arg(&out)
        .arg("--report")
        .arg(&html)
        .arg("-q")
        .assert()
        .success();
    let page = read(&html);
    let rows = read(&out).lines().count() - 1;
    let docs = read(&out)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect::<BTreeSet<_>>();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..40]);
    assert!(page.contains("<svg"));
    assert_eq!(page.matches("<details").count(), docs.len());
    assert!(rows > 0);
    for d in &docs {
        assert!(page.contains(d.as_str()), "{d} missing from the report");
    }
}

#[test]
fn wrapped_directory_pairs_whole_sentences() {
    // tests/data/wrapped holds one hard-wrapped pair: with --wrapped, four sentence pairs.
    let dir = test_data("wrapped");
    let out = selaras()
        .args(["batch", "--wrapped", "-q", "-f", "jsonl"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| r["id"].as_array().unwrap().len() == 1));
    assert!(
        rows[0]["en_text"]
            .as_str()
            .unwrap()
            .ends_with("of heavy rain.")
    );
}

#[test]
fn extra_lexicon_and_bead_set() {
    // Words the bundled lexicon lacks: only the user's lexicon links them.
    let doc = serde_json::json!({
        "doc": "roof",
        "id": "Tukang itu memperbaiki genteng yang bocor sejak kemarau.",
        "en": "The handyman repaired the tiles that had leaked since the dry season.",
    });
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("roof.tsv");
    std::fs::write(&lex, "tukang\thandyman\ngenteng\ttile\nbocor\tleak\n").unwrap();
    let lex_arg = lex.to_str().unwrap();
    // With no word the bundled lexicon links, this one-sentence document cannot be told from
    // an unrelated pair (it is judged at about even odds), so its row is kept to be read.
    let score = |extra: &[&str]| -> f64 {
        let args = [&["-", "--no-learn", "--keep-unparallel"], extra].concat();
        let (rows, code) = jsonl(&args, Some(format!("{doc}\n")));
        assert_eq!((code, rows.len()), (0, 1), "{rows:?}");
        rows[0]["score"].as_f64().unwrap()
    };
    let (without, with) = (score(&[]), score(&["--lexicon", lex_arg]));
    assert!(without < 0.95 && with > 0.99, "{without} -> {with}");

    // A merge is a 2-1 bead by default and none with only 1-1, 1-0 and 0-1 allowed.
    let merge = serde_json::json!({
        "doc": "arrest",
        "id": "Polisi menangkap dua tersangka di Bandung pada Selasa malam. Keduanya kini ditahan.",
        "en": "Police arrested two suspects in Bandung on Tuesday night, and both are now in custody.",
    });
    let beads = |extra: &[&str]| -> Vec<String> {
        let args = [&["-", "--keep-empty", "--whole-sentences"], extra].concat();
        let (rows, code) = jsonl(&args, Some(format!("{merge}\n")));
        assert_eq!(code, 0);
        rows.iter()
            .map(|r| r["bead"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(beads(&[]), ["2-1"]);
    assert!(
        beads(&["--beads", "1-1,1-0,0-1"])
            .iter()
            .all(|b| ["1-1", "1-0", "0-1"].contains(&b.as_str()))
    );

    // A lexicon that cannot be read stops the run before any document: exit 2, its line named.
    std::fs::write(&lex, "tukang handyman extra\n").unwrap();
    let out = selaras()
        .args(["batch", "-", "-q", "--lexicon", lex_arg])
        .write_stdin(format!("{doc}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("roof.tsv") && err.contains("line 1"), "{err}");
    assert!(out.stdout.is_empty());
    // So does a bad rules file: not even the ladder directory is made.
    let (rules, ladders) = (dir.path().join("bad.srx"), dir.path().join("ladders"));
    std::fs::write(&rules, "<srx>").unwrap();
    selaras()
        .args(["batch", "-", "-q", "-f", "ladder", "--rules"])
        .arg(&rules)
        .arg("-o")
        .arg(&ladders)
        .write_stdin(format!("{doc}\n"))
        .assert()
        .code(2);
    assert!(!ladders.exists());
}

/// `selaras batch tests/data/batch/good -q ARGS`: its output (status, stdout, stderr).
fn batch_good(args: &[&str]) -> std::process::Output {
    selaras()
        .args(["batch", data("good").to_str().unwrap(), "-q"])
        .args(args)
        .output()
        .unwrap()
}

/// `path` as a command-line argument (temporary directories have UTF-8 names).
fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn outputs_naming_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("x.tsv");
    let same = dir.path().join(".").join("x.tsv");
    for (opt, path) in [("--stats", &x), ("--errors", &same)] {
        let out = batch_good(&["-o", arg(&x), opt, arg(path)]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(&format!(" and {opt} ")) && err.contains("name the same file"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_bad_output_path_fails_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    // A side file whose directory is missing fails at once, not after aligning everything,
    // and the message names it, not its hidden temporary file.
    let out = batch_good(&["-o", arg(&p("x.tsv")), "--report", arg(&p("no/r.html"))]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("selaras: ") && err.contains("r.html") && !err.contains(".r.html."),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // A directory, a name that can only be one, a ladder directory that is a file.
    std::fs::create_dir(p("sub")).unwrap();
    std::fs::write(p("afile"), "").unwrap();
    for o in [arg(&p("sub")), "new/", "new/.", ".."] {
        assert_eq!(batch_good(&["-o", o]).status.code(), Some(2), "{o}");
    }
    assert_eq!(
        batch_good(&["-f", "ladder", "-o", arg(&p("afile"))])
            .status
            .code(),
        Some(2)
    );
    // A ladder directory, as an output file, needs its parent: it is made, its parents are
    // not, and the message is the one an output file gets.
    for (format, out) in [("tsv", "nodir/x.tsv"), ("ladder", "nd2/a/b")] {
        let o = p(out);
        let run = batch_good(&["-f", format, "-o", arg(&o)]);
        assert_eq!(run.status.code(), Some(2), "{format}");
        let err = String::from_utf8(run.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("selaras: output ")
                && err.contains(&format!(
                    "its directory {} does not exist",
                    o.parent().unwrap().display()
                )),
            "{err}"
        );
    }
    assert!(!p("nodir").exists() && !p("nd2").exists());
    std::fs::create_dir_all(p("nd2/a")).unwrap();
    assert!(
        batch_good(&["-f", "ladder", "-o", arg(&p("nd2/a/b"))])
            .status
            .success()
    );
    assert!(p("nd2/a/b").join(".selaras").is_file());
}

#[test]
fn side_files_of_a_ladder_directory_lie_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    // Given with a slash, the directory still gets its side files beside it, not hidden in it.
    let slash = format!("{}/", arg(&p("ladders")));
    assert!(batch_good(&["-f", "ladder", "-o", &slash]).status.success());
    assert!(p("ladders.stats.json").exists() && p("ladders.errors.tsv").exists());
    // A side file inside it, named directly or through a link, could replace a ladder.
    let other = p("other");
    let inside = other.join("cuaca");
    let out = batch_good(&["-f", "ladder", "-o", arg(&other), "--stats", arg(&inside)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!other.exists(), "the directory was made before the refusal");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(p("ladders").join("cuaca"), p("in-lad")).unwrap();
        let out = batch_good(&[
            "-f",
            "ladder",
            "-o",
            arg(&p("ladders")),
            "--errors",
            arg(&p("in-lad")),
        ]);
        assert_eq!(out.status.code(), Some(2));
    }
}

#[cfg(unix)]
#[test]
fn links_devices_and_descriptors() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    // A symbolic link stays a link: the file it points to gets the corpus.
    std::fs::write(p("real.tsv"), "old\n").unwrap();
    std::os::unix::fs::symlink("real.tsv", p("link.tsv")).unwrap();
    assert!(batch_good(&["-o", arg(&p("link.tsv"))]).status.success());
    assert!(
        std::fs::symlink_metadata(p("link.tsv"))
            .unwrap()
            .is_symlink()
    );
    assert!(read(p("real.tsv")).starts_with("doc\tid_idx"));
    // A loop of links is an error, and stays a loop.
    std::os::unix::fs::symlink("loop2", p("loop1")).unwrap();
    std::os::unix::fs::symlink("loop1", p("loop2")).unwrap();
    assert_eq!(batch_good(&["-o", arg(&p("loop1"))]).status.code(), Some(2));
    assert!(std::fs::symlink_metadata(p("loop1")).unwrap().is_symlink());
    // An open descriptor is written through, however it is named: stats after the corpus on
    // one stdout.
    std::os::unix::fs::symlink("/dev/stdout", p("so")).unwrap();
    for stats in ["/dev/stdout", "/dev/../dev/stdout", arg(&p("so"))] {
        let out = batch_good(&["--stats", stats]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with("doc\tid_idx") && text.contains("\"documents\": {"),
            "{text}"
        );
    }
    // Beside a device there are no side files (they would land in /dev).
    assert!(batch_good(&["-o", "/dev/null"]).status.success());
    assert!(!Path::new("/dev/null.stats.json").exists());
    // A new file gets 0666 less the umask, as any new file does.
    let sh = format!(
        "umask 077 && exec {} batch {} -q -o {}",
        env!("CARGO_BIN_EXE_selaras"),
        data("good").display(),
        p("private.tsv").display()
    );
    assert!(
        std::process::Command::new("sh")
            .args(["-c", &sh])
            .status()
            .unwrap()
            .success()
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(p("private.tsv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn usage_errors_are_one_line_and_negative_numbers_reach_the_checks() {
    for args in [
        &["batch", "-", "--shard", "0/3"][..],
        &["batch", "-", "--jobs", "1025"],
        &["batch", "-", "--max-ratio", "-1"],
        &["batch", "-", "--min-score", "-0.5"],
        &["batch", "--no-such-option", "-"],
        &["batch"],
        &["frobnicate"],
        &["check", "-", "--fail-under", "-1"],
        &["check", "-", "--id-col", "en"],
        &["batch", "-", "--min-words", "5", "--max-words", "2"],
        &["batch", "-", "--max-ratio", "0.5"],
        &["batch", "-", "-f", "moses", "-o", "some/dir/"],
    ] {
        let out = selaras().args(args).write_stdin("").output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("selaras: ") && !err.contains("error:"),
            "{err}"
        );
    }
    // A negative value given with a space reaches the option's own check.
    let out = selaras()
        .args(["batch", "-", "--max-ratio", "-1"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--max-ratio must be 0 or more")
    );
    // A ratio below 1 would drop every pair; 1 (equal lengths) and 0 (no bound) are bounds.
    let out = selaras()
        .args(["batch", "-", "--max-ratio", "0.5"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--max-ratio is below 1: every pair would be dropped")
    );
    // `selaras` alone prints the help (a usage error); --help and --version succeed.
    let out = selaras().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("Usage:"));
    selaras().arg("--version").assert().success();
    selaras().args(["batch", "--help"]).assert().success();
}

#[test]
fn one_document_of_one_pair_reads_as_counts() {
    let dir = tempfile::tempdir().unwrap();
    let out = selaras()
        .args(["batch", "-", "-o"])
        .arg(dir.path().join("x.tsv"))
        .write_stdin(
            "{\"doc\":\"a\",\"id\":\"Satu kalimat saja.\",\"en\":\"Just one sentence.\"}\n",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(
            "selaras batch: 1 document (1 ok, 0 failed), 1 pair aligned, 1 kept, 0 dropped in "
        ),
        "{err}"
    );
}

#[test]
fn json_lines_that_are_not_objects_say_what_a_line_must_be() {
    // An array of three would fill the fields in order: it is refused as well.
    let input =
        "[\"x\"]\n\"x\"\n[\"a\", \"Satu.\", \"One.\"]\n{\"doc\": \"b\", \"id\": \"Satu.\"}\n";
    let out = selaras()
        .args(["batch", "-", "-q"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let want = "{\"doc\": …, \"id\": …, \"en\": …}";
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "selaras: failed: <stdin>:1: expected a JSON object {want}, not an array\n\
             selaras: failed: <stdin>:2: expected a JSON object {want}, not a string\n\
             selaras: failed: <stdin>:3: expected a JSON object {want}, not an array\n\
             selaras: failed: b: <stdin>:4: invalid JSON document (column 27): missing field `en`\n"
        )
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n"
    );
}

/// A batch over the directory `mix` holding the good pair `pasar` and what `odd` puts beside
/// it (given the directory): it exits 3, and its error rows are returned with the temporary
/// directory that holds `mix`.
fn batch_beside_a_good_pair(odd: impl FnOnce(&Path)) -> (tempfile::TempDir, Vec<Vec<String>>) {
    let dir = tempfile::tempdir().unwrap();
    let mix = dir.path().join("mix");
    std::fs::create_dir(&mix).unwrap();
    odd(&mix);
    std::fs::copy(data("good/pasar.id.txt"), mix.join("pasar.id.txt")).unwrap();
    std::fs::copy(data("good/pasar.en.txt"), mix.join("pasar.en.txt")).unwrap();
    let out = dir.path().join("x.tsv");
    selaras()
        .arg("batch")
        .arg(&mix)
        .args(["-q", "-o"])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(3);
    let errs = errors(&out);
    (dir, errs)
}

#[test]
fn a_directory_named_like_a_data_file_is_said_to_be_one() {
    let (dir, errs) = batch_beside_a_good_pair(|mix| {
        std::fs::create_dir(mix.join("dir.id.txt")).unwrap();
        std::fs::write(mix.join("dir.en.txt"), "One sentence.\n").unwrap();
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "dir");
    assert_eq!(
        errs[0][2],
        "no partner: dir.id.txt is a directory, not a file"
    );
    // A manifest naming a directory: the row says so.
    let m = dir.path().join("m.tsv");
    std::fs::write(&m, "doc\tid\ten\nd\tmix\tmix/dir.en.txt\n").unwrap();
    let (errs, _) = manifest_errors(&m);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][2], "file mix is a directory, not a file");
    assert!(errs[0][1].ends_with("m.tsv:2"), "{errs:?}");
}

/// A pipe named like a data file in a batch directory is an error row, not a read that waits
/// for a writer for ever.
#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_data_file_is_an_error_row() {
    let (_dir, errs) = batch_beside_a_good_pair(|mix| {
        let made = std::process::Command::new("mkfifo")
            .arg(mix.join("pipe.id.txt"))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        std::fs::write(mix.join("pipe.en.txt"), "One sentence.\n").unwrap();
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "pipe");
    assert!(errs[0][2].starts_with("not a regular file"), "{errs:?}");
}

/// A document of one sentence a side whose English is another text's is judged as one pair
/// of texts (too short for the document model): none of its Indonesian words the lexicon knows
/// finds a translation, so it is kept out of the corpus; a short genuine one passes.
#[test]
fn a_short_mispaired_document_is_not_kept() {
    let id = "Harga beras dan minyak goreng di pasar tradisional naik lagi minggu ini karena \
              pasokan dari daerah berkurang.\n";
    let (dir, errs) = batch_beside_a_good_pair(|mix| {
        let write = |name: &str, text: &str| std::fs::write(mix.join(name), text).unwrap();
        write("stub.id.txt", id);
        write(
            "stub.en.txt",
            "The national football team won the championship after beating the defending \
             champions in the final on Saturday night.\n",
        );
        write("short.id.txt", id);
        write(
            "short.en.txt",
            "The prices of rice and cooking oil at traditional markets rose again this week \
             because supplies from the regions fell.\n",
        );
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "stub");
    assert!(errs[0][2].contains("not a translation"), "{errs:?}");
    let corpus = read(dir.path().join("x.tsv"));
    assert!(corpus.lines().any(|l| l.starts_with("short\t")), "{corpus}");
    assert!(!corpus.lines().any(|l| l.starts_with("stub\t")), "{corpus}");
}

#[test]
fn json_lines_errors_of_one_text_name_its_field() {
    let input = "{\"doc\":\"g\",\"id\":\"Satu.\",\"en\":\"\"}\n{\"doc\":\"h\",\"id\":\" \",\"en\":\"One.\"}\n";
    let out = selaras()
        .args(["batch", "-", "-q"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "selaras: failed: g: <stdin>:1: `en`: input is empty\n\
         selaras: failed: h: <stdin>:2: `id`: input holds only whitespace\n"
    );
}

/// A directory is read recursively, as `pair` reads one: a pair below it is named by its
/// path below the directory, and aligned as it is at the top (here the pairs of `good/`,
/// two of them moved into subdirectories).
#[test]
fn a_directory_is_read_with_its_subdirectories() {
    let run = |dir: &str| {
        let out = selaras()
            .args(["batch", "-q", "-j", "2"])
            .arg(data(dir))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{dir}");
        String::from_utf8(out.stdout).unwrap()
    };
    let nested = run("nested");
    let docs: BTreeSet<&str> = nested
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        ["2024/11/sekolah", "2024/pasar", "cuaca"]
    );
    // The rows of each document are those of the flat directory, under the new name.
    let renamed = nested
        .replace("\n2024/11/sekolah\t", "\nsekolah\t")
        .replace("\n2024/pasar\t", "\npasar\t");
    let sorted = |t: &str| t.lines().map(str::to_string).collect::<BTreeSet<_>>();
    assert_eq!(sorted(&renamed), sorted(&run("good")));
    // The errors name a lone file by its path below the directory too.
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("in").join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(data("good/pasar.id.txt"), sub.join("pasar.id.txt")).unwrap();
    let out = dir.path().join("x.tsv");
    selaras()
        .arg("batch")
        .arg(dir.path().join("in"))
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .code(3);
    let errs = errors(&out);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        (errs[0][0].as_str(), errs[0][2].as_str()),
        ("sub/pasar", "no partner: sub/pasar.en.txt is missing")
    );
}

/// A symbolic link to a directory is followed, as `pair` follows it: its pairs are named by
/// the link's name. A link back to a directory on its own way down (a loop) or a second way to
/// a directory read already is an error row naming the link, and the rest is aligned.
#[cfg(unix)]
#[test]
fn a_linked_subdirectory_is_read_and_a_loop_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let (top, away) = (dir.path().join("in"), dir.path().join("away"));
    std::fs::create_dir_all(&top).unwrap();
    std::fs::create_dir_all(&away).unwrap();
    for (at, name) in [(&top, "pasar"), (&away, "cuaca")] {
        for side in ["id", "en"] {
            let file = format!("{name}.{side}.txt");
            std::fs::copy(data(&format!("good/{file}")), at.join(file)).unwrap();
        }
    }
    std::os::unix::fs::symlink("../away", top.join("2024")).unwrap();
    std::os::unix::fs::symlink("../in", away.join("back")).unwrap();
    std::os::unix::fs::symlink("2024", top.join("latest")).unwrap();
    let out = dir.path().join("x.tsv");
    selaras()
        .arg("batch")
        .arg(&top)
        .args(["-q", "-o"])
        .arg(&out)
        .assert()
        .code(3);
    let docs: BTreeSet<String> = (read(&out).lines().skip(1))
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(
        docs.into_iter().collect::<Vec<_>>(),
        ["2024/cuaca", "pasar"]
    );
    let errs = errors(&out);
    let named: Vec<(&str, &str)> = (errs.iter())
        .map(|e| (e[0].as_str(), e[2].as_str()))
        .collect();
    assert_eq!(
        named,
        [
            (
                "2024/back",
                "a symbolic link loop: it leads back to the input directory, which holds it; \
                 not followed"
            ),
            (
                "latest",
                "the directory read as `2024`, reached again by way of a symbolic link: its \
                 files are read once, there; not read again"
            ),
        ]
    );
    // Named relative to the errors file's directory, through the real directory they are in,
    // as `pair` names files.
    assert_eq!(errs[0][1], "away/back");
    assert_eq!(errs[1][1], "in/latest");
}

/// Manifests joined with `cat`, the second beginning with a byte-order mark: its header line
/// is skipped with one note naming the line (it read as a document `\u{feff}doc` whose file
/// `id` was missing), and the corpus is the one of the manifest without it. A header with
/// its columns in another order is read as such for the rows after it; a row beginning with
/// a byte-order mark (the second manifest had no header) is an error row saying so.
#[test]
fn a_header_line_repeated_in_a_manifest_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let file = |doc: &str, side: &str| {
        data(&format!("good/{doc}.{side}.txt"))
            .display()
            .to_string()
    };
    let row = |doc: &str| format!("{doc}\t{}\t{}\n", file(doc, "id"), file(doc, "en"));
    let plain = format!("doc\tid\ten\n{}{}", row("pasar"), row("cuaca"));
    std::fs::write(p("plain.tsv"), &plain).unwrap();
    let joined = format!(
        "\u{feff}doc\tid\ten\n{}\u{feff}doc\tid\ten\r\n{}",
        row("pasar"),
        row("cuaca")
    );
    std::fs::write(p("joined.tsv"), joined).unwrap();
    let reordered = format!(
        "doc\tid\ten\n{}en \tdoc\tid\n{}\tcuaca\t{}\n",
        row("pasar"),
        file("cuaca", "en"),
        file("cuaca", "id")
    );
    std::fs::write(p("reordered.tsv"), reordered).unwrap();
    let run = |m: &str| {
        let out = selaras()
            .args(["batch", "-f", "jsonl", "--no-learn"])
            .arg(p(m))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{m}: {out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        (out.stdout, err.lines().next().unwrap().to_string())
    };
    let (want, _) = run("plain.tsv");
    let (got, note) = run("joined.tsv");
    assert_eq!(got, want);
    assert_eq!(
        note,
        format!(
            "selaras: {}:3: a second header line (manifests joined?): skipped; every file a \
             row names is still relative to this manifest's directory",
            p("joined.tsv").display()
        )
    );
    let (got, note) = run("reordered.tsv");
    assert_eq!(got, want);
    assert!(
        note.ends_with(
            ":3: a second header line (manifests joined?): skipped; the rows after one are \
             read by its columns; every file a row names is still relative to this manifest's \
             directory"
        ),
        "{note}"
    );
    // Without a header line, the second manifest's first row is an error row.
    let headless = format!("doc\tid\ten\n{}\u{feff}{}", row("pasar"), row("cuaca"));
    std::fs::write(p("headless.tsv"), headless).unwrap();
    let (errs, _) = manifest_errors(&p("headless.tsv"));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "cuaca");
    assert_eq!(errs[0][1], "headless.tsv:3");
    assert!(
        errs[0][2].starts_with("a byte-order mark (U+FEFF) begins this line"),
        "{errs:?}"
    );
}

/// A header line of other known column names in the middle of a manifest (a manifest `pair`
/// wrote, `doc id en score`, joined to one of `doc id en`; or one of the header's own names
/// left out) is an error row naming its line, not a document; the rows after it are read by
/// the manifest's header.
#[test]
fn a_header_line_of_other_columns_in_a_manifest_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.tsv");
    let file = |doc: &str, side: &str| {
        data(&format!("good/{doc}.{side}.txt"))
            .display()
            .to_string()
    };
    let row = |doc: &str| format!("{doc}\t{}\t{}\t\n", file(doc, "id"), file(doc, "en"));
    let text = format!(
        "doc\tid\ten\turl\n{}doc\tid\ten\tscore\r\n{}en\turl\n{}",
        row("pasar"),
        row("cuaca"),
        row("sekolah")
    );
    std::fs::write(&m, text).unwrap();
    let (errs, out) = manifest_errors(&m);
    let at = |line: usize| format!("m.tsv:{line}");
    assert_eq!(
        errs,
        [
            [
                "line 3".to_string(),
                at(3),
                "a header line (doc, id, en, score) unlike the manifest's header (doc, id, en, \
                 url) (manifests of other columns joined?): not a document; the rows after it \
                 are read by the manifest's header"
                    .into()
            ],
            [
                "line 5".to_string(),
                at(5),
                "a header line (en, url) unlike the manifest's header (doc, id, en, url) \
                 (manifests of other columns joined?): not a document; the rows after it are \
                 read by the manifest's header"
                    .into()
            ]
        ]
    );
    let corpus = read(&out);
    let docs: std::collections::BTreeSet<&str> = (corpus.lines().skip(1))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(docs, ["cuaca", "pasar", "sekolah"].into());
}

/// A row whose doc id happens to be a column name (`score`, `id`) with its other fields empty
/// or missing is a row with a fault, named by its id, not a header line.
#[test]
fn a_row_whose_doc_id_is_a_column_name_is_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.tsv");
    std::fs::write(&m, "doc\tid\ten\nscore\t\t\nid\n").unwrap();
    let (errs, _) = manifest_errors(&m);
    let ids: Vec<&str> = errs.iter().map(|e| e[0].as_str()).collect();
    assert_eq!(ids, ["score", "id"], "{errs:?}");
    assert!(
        errs.iter().all(|e| !e[2].contains("a header line")),
        "{errs:?}"
    );
}

/// A JSON Lines stream in UTF-16 is named as such in its error rows (JSON Lines on stdin are
/// read as UTF-8), not as bad JSON; one row per line, none for the zero byte after the last
/// line end.
#[test]
fn a_utf16_json_lines_stream_is_named_as_utf16() {
    let lines = "{\"doc\": \"a\", \"id\": \"Saya makan nasi.\", \"en\": \"I eat rice.\"}\n\
                 {\"doc\": \"b\", \"id\": \"Saya minum air.\", \"en\": \"I drink water.\"}\r\n";
    let mut bytes = vec![0xff, 0xfe];
    for u in lines.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let out = selaras()
        .args(["batch", "-q", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.lines().next().unwrap().contains(
            "<stdin>:1: UTF-16 (zero bytes or a UTF-16 byte-order mark), but JSON Lines are read as UTF-8"
        ),
        "{err}"
    );
    assert!(err.lines().all(|l| l.contains("UTF-16")), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
}

/// A subdirectory that cannot be read is an error row naming it, and the rest is aligned.
/// (Run as root, every directory can be read: the test says so and checks nothing.)
#[cfg(unix)]
#[test]
fn an_unreadable_subdirectory_is_an_error_row_and_the_rest_is_aligned() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (top, locked) = (dir.path().join("in"), dir.path().join("in").join("locked"));
    std::fs::create_dir_all(&locked).unwrap();
    for name in ["pasar.id.txt", "pasar.en.txt"] {
        std::fs::copy(data(&format!("good/{name}")), top.join(name)).unwrap();
        std::fs::copy(data(&format!("good/{name}")), locked.join(name)).unwrap();
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: every directory is readable to this user (root?)");
        return;
    }
    let out = dir.path().join("x.tsv");
    let run = selaras()
        .arg("batch")
        .arg(&top)
        .args(["-q", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.status.code(), Some(3));
    let errs = errors(&out);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "locked");
    assert!(
        errs[0][2].starts_with("this directory cannot be read"),
        "{errs:?}"
    );
    assert!(read(&out).lines().skip(1).all(|l| l.starts_with("pasar\t")));
}

/// A corpus piped into a consumer that stops reading (`selaras batch … | head -1`): the pipe
/// is not an error, but a document that failed before it closed is still told on stderr
/// (also when an errors file was asked for: the stopped run writes no file), and the exit
/// code is the one the run gives without the pipe (3).
#[cfg(unix)]
#[test]
fn failures_before_a_closed_pipe_are_told_and_set_the_exit_code() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.tsv");
    // A failing document first, then enough good ones (about 400 KB of corpus) that the
    // corpus is still being written when the pipe closes.
    let mut rows = format!(
        "doc\tid\ten\nkosong\t{}\t{}\n",
        data("mixed/kosong.id.txt").display(),
        data("mixed/kosong.en.txt").display()
    );
    for i in 0..200 {
        for name in ["cuaca", "pasar", "sekolah"] {
            let file = |side: &str| data(&format!("good/{name}.{side}.txt"));
            rows += &format!(
                "{name}{i}\t{}\t{}\n",
                file("id").display(),
                file("en").display()
            );
        }
    }
    std::fs::write(&m, rows).unwrap();
    let failed = format!(
        "selaras: failed: kosong: {}: input holds only whitespace\n",
        data("mixed/kosong.en.txt").display()
    );
    // Without the pipe closing: exit 3, the failure on stderr.
    let whole = selaras()
        .args(["batch", "-q", "-j", "2"])
        .arg(&m)
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(3));
    assert!(whole.stdout.len() > 200_000, "{}", whole.stdout.len());
    assert_eq!(String::from_utf8(whole.stderr).unwrap(), failed);
    // Reading one line and closing the pipe: the same code and message, nothing about the
    // pipe, and no summary (the run stopped at the pipe).
    let closed = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_selaras"))
            .args(["batch", "-j", "2"])
            .args(args)
            .arg(&m)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert_eq!(first, "doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n");
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    assert_eq!(closed(&["-q"]), (Some(3), failed.clone()));
    assert_eq!(closed(&[]), (Some(3), failed.clone()));
    // With an errors file, a stats file and a report asked for, the run that stopped writes
    // none of them (an earlier run's files stay as they were, not mixed with a part of this
    // one's): the failure is told on stderr.
    let (errs, stats) = (dir.path().join("e.tsv"), dir.path().join("s.json"));
    std::fs::write(&errs, "earlier run\n").unwrap();
    std::fs::write(&stats, "earlier run\n").unwrap();
    let (code, stderr) = closed(&["--errors", arg(&errs), "--stats", arg(&stats)]);
    assert_eq!(code, Some(3));
    assert_eq!(stderr, failed);
    assert_eq!(read(&errs), "earlier run\n");
    assert_eq!(read(&stats), "earlier run\n");
}

/// A symbolic link whose target is missing, given as input, is said to be one (naming the
/// link and its target), not a missing file: to `align`, to `batch` as its INPUT, in a
/// directory and in a manifest.
#[cfg(unix)]
#[test]
fn a_broken_symbolic_link_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let said = |link: &Path| {
        format!(
            "{}: a broken symbolic link (its target gone.txt does not exist)",
            link.display()
        )
    };
    std::os::unix::fs::symlink("gone.txt", p("link.id.txt")).unwrap();
    let run = selaras()
        .arg("align")
        .arg(p("link.id.txt"))
        .arg(data("good/pasar.en.txt"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(err, format!("selaras: {}\n", said(&p("link.id.txt"))));
    // A link to a link to nothing: the message names where the chain ends.
    std::os::unix::fs::symlink("link.id.txt", p("chain.id.txt")).unwrap();
    let run = selaras()
        .arg("align")
        .arg(p("chain.id.txt"))
        .arg(data("good/pasar.en.txt"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "selaras: {}: a broken symbolic link (its target link.id.txt is a link whose chain \
             ends at gone.txt, which does not exist)\n",
            p("chain.id.txt").display()
        )
    );
    // As the INPUT of batch.
    std::os::unix::fs::symlink("gone.txt", p("m.tsv")).unwrap();
    let run = selaras().arg("batch").arg(p("m.tsv")).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(err, format!("selaras: {}\n", said(&p("m.tsv"))));
    // In a directory: the document's error row names the link.
    let (_tmp, errs) = batch_beside_a_good_pair(|mix| {
        std::os::unix::fs::symlink("gone.txt", mix.join("link.id.txt")).unwrap();
        std::fs::copy(data("good/cuaca.en.txt"), mix.join("link.en.txt")).unwrap();
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "link");
    assert!(errs[0][1].ends_with("link.id.txt"), "{errs:?}");
    assert_eq!(
        errs[0][2],
        "a broken symbolic link (its target gone.txt does not exist)"
    );
    // In a manifest: at the row, as a missing file is.
    std::fs::remove_file(p("m.tsv")).unwrap();
    let rows = format!(
        "doc\tid\ten\nlink\tlink.id.txt\t{}\n",
        data("good/cuaca.en.txt").display()
    );
    std::fs::write(p("m.tsv"), rows).unwrap();
    let run = selaras()
        .args(["batch", "-q"])
        .arg(p("m.tsv"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "selaras: failed: link: {}:2: file link.id.txt is a broken symbolic link (its \
             target gone.txt does not exist)\n",
            p("m.tsv").display()
        )
    );
}

/// A symbolic link loop named in a manifest is said to be one at the manifest's row, as a
/// broken link is (it gave the system's `Too many levels of symbolic links` at the file); in
/// a directory, at the link; to `align`, naming the link.
#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_said_to_be_one_at_the_manifest_row() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::os::unix::fs::symlink("loop2.id.txt", p("loop1.id.txt")).unwrap();
    std::os::unix::fs::symlink("loop1.id.txt", p("loop2.id.txt")).unwrap();
    std::os::unix::fs::symlink("self.id.txt", p("self.id.txt")).unwrap();
    let en = data("good/cuaca.en.txt").display().to_string();
    let rows = format!("doc\tid\ten\na\tloop1.id.txt\t{en}\nb\tself.id.txt\t{en}\n");
    std::fs::write(p("m.tsv"), rows).unwrap();
    let run = selaras()
        .args(["batch", "-q"])
        .arg(p("m.tsv"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let m = p("m.tsv").display().to_string();
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "selaras: failed: a: {m}:2: file loop1.id.txt is a symbolic link loop (its target \
             loop2.id.txt is a link whose chain comes back to loop1.id.txt)\n\
             selaras: failed: b: {m}:3: file self.id.txt is a symbolic link loop (its target \
             self.id.txt is the link itself)\n"
        )
    );
    // To `align`: the link is named, and what it is.
    let run = selaras()
        .arg("align")
        .arg(p("self.id.txt"))
        .arg(&en)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!(
            "selaras: {}: a symbolic link loop (its target self.id.txt is the link itself)\n",
            p("self.id.txt").display()
        )
    );
    // In a directory: the document's error row names the link.
    let (_tmp, errs) = batch_beside_a_good_pair(|mix| {
        std::os::unix::fs::symlink("self.id.txt", mix.join("self.id.txt")).unwrap();
        std::fs::copy(data("good/cuaca.en.txt"), mix.join("self.en.txt")).unwrap();
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0][0], "self");
    assert!(errs[0][1].ends_with("self.id.txt"), "{errs:?}");
    assert_eq!(
        errs[0][2],
        "a symbolic link loop (its target self.id.txt is the link itself)"
    );
}

/// Two JSON Lines files joined together (`cat a.jsonl b.jsonl`), each beginning with a
/// byte-order mark: the second mark is an error naming the line and saying what is there
/// (it read `invalid JSON document (column 1): expected value`); the rest is aligned.
#[test]
fn a_byte_order_mark_inside_json_lines_is_named() {
    let run = selaras()
        .args(["batch", "-q", "-"])
        .write_stdin(std::fs::read(data("joined.jsonl")).unwrap())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        "selaras: failed: cuaca: <stdin>:2: a byte-order mark (U+FEFF) begins this line, which \
         only the input's first line may have (files joined together?): remove it\n"
    );
    let docs: BTreeSet<String> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(docs, BTreeSet::from(["pasar".into(), "sekolah".into()]));
}

/// More threads than the machine runs at once only cost memory: `-j` is capped at the
/// available parallelism, said in one line on stderr (none with `-q`), and the stats file
/// gives the threads used.
#[test]
fn jobs_above_the_cores_are_capped_and_said_so() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores >= 1024 {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.tsv");
    let run = selaras()
        .args(["batch", "-j", "1024", "--stats"])
        .arg(dir.path().join("s.json"))
        .arg(data("good"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let err = String::from_utf8(run.stderr).unwrap();
    assert_eq!(
        err.lines().next().unwrap(),
        format!("selaras: -j 1024: this machine runs {cores} threads at once: using {cores}")
    );
    let stats: serde_json::Value = serde_json::from_str(&read(dir.path().join("s.json"))).unwrap();
    assert_eq!(stats["run"]["jobs"], cores);
    let quiet = selaras()
        .args(["batch", "-q", "-j", "1024"])
        .arg(data("good"))
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(quiet.stderr.is_empty());
    assert_eq!(quiet.stdout, read(&out).into_bytes());
}

/// An errors or stats file that is a pipe its reader closed (`--errors >(head -3)`) is not
/// the corpus pipe closing: the run finishes, the corpus is written whole, the failed
/// documents are told on stderr (the errors file could not take them) and the exit code is
/// the run's (3).
#[cfg(unix)]
#[test]
fn a_closed_pipe_on_a_side_file_finishes_the_run_and_tells_the_failures() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.tsv");
    let good = |side: &str| data(&format!("good/cuaca.{side}.txt"));
    std::fs::write(
        &m,
        format!(
            "doc\tid\ten\ncuaca\t{}\t{}\nhilang\tnope.id.txt\tnope.en.txt\n",
            good("id").display(),
            good("en").display()
        ),
    )
    .unwrap();
    let corpus = dir.path().join("c.tsv");
    for side in ["--errors", "--stats"] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_selaras"))
            .args(["batch", "-q"])
            .arg(&m)
            .arg("-o")
            .arg(&corpus)
            .args([side, "/dev/stdout"])
            .stdout(writer)
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(3), "{side}: {err}");
        let rows = std::fs::read_to_string(&corpus).unwrap();
        assert!(rows.lines().count() > 3, "{side}: {rows}");
        let told = err.contains("selaras: failed: hilang:");
        // With the errors file closed, stderr tells the failure; with the stats closed, the
        // errors file beside the corpus lists it.
        match side {
            "--errors" => assert!(told, "{err}"),
            _ => {
                let listed = std::fs::read_to_string(dir.path().join("c.tsv.errors.tsv")).unwrap();
                assert!(listed.contains("hilang\t"), "{listed}");
            }
        }
    }
}

/// A file named like a document in other letter case (`B.ID.TXT`, as some systems write
/// names) is an error row saying so, not passed over: its partner is then told as without
/// one, and the rest is aligned.
#[test]
fn a_document_named_in_capitals_is_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for (from, to) in [
        ("good/cuaca.id.txt", "cuaca.id.txt"),
        ("good/cuaca.en.txt", "cuaca.en.txt"),
        ("good/pasar.id.txt", "PASAR.ID.TXT"),
        ("good/pasar.en.txt", "PASAR.en.txt"),
    ] {
        std::fs::copy(data(from), input.join(to)).unwrap();
    }
    let out = dir.path().join("c.tsv");
    let run = selaras()
        .args(["batch", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let errors = std::fs::read_to_string(dir.path().join("c.tsv.errors.tsv")).unwrap();
    let row = errors.lines().find(|l| l.starts_with("PASAR.ID.TXT\t"));
    assert!(
        row.is_some_and(|r| r.ends_with("named like a document in other letter case: a directory's documents are NAME.id.txt and NAME.en.txt, in lower case: rename the file")),
        "{errors}"
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .skip(1)
            .all(|l| l.starts_with("cuaca\t"))
    );
}

/// A manifest row that names a directory where a file belongs is an error at the row, as a
/// missing file is (it named the directory alone).
#[test]
fn a_directory_a_manifest_row_names_is_an_error_at_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::fs::create_dir(p("id")).unwrap();
    let en = data("good/cuaca.en.txt").display().to_string();
    std::fs::write(p("m.tsv"), format!("doc\tid\ten\na\tid\t{en}\n")).unwrap();
    let run = selaras()
        .args(["batch", "-q"])
        .arg(p("m.tsv"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let m = p("m.tsv").display().to_string();
    assert_eq!(
        String::from_utf8(run.stderr).unwrap(),
        format!("selaras: failed: a: {m}:2: file id is a directory, not a file\n")
    );
}

/// A stray zero byte in a UTF-8 JSON Lines stream does not make the stream UTF-16: a later
/// line of zero bytes is an error row, not passed over as what a UTF-16 line end leaves.
#[test]
fn a_stray_zero_byte_does_not_hide_a_later_line() {
    let out = selaras()
        .args(["batch", "-q", "-"])
        .write_stdin(b"ab\x00\ncd\n\x00\x00\n".to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(err.lines().last().unwrap().contains("<stdin>:3"), "{err}");
}

/// The errors file names files relative to its own directory, as a manifest `pair` writes
/// names its documents, so that it can be moved with the corpus: a document's file, and the
/// manifest of a `MANIFEST:LINE`. The messages on stderr name them as given.
#[test]
fn the_errors_file_names_files_relative_to_its_own_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("m/good")).unwrap();
    for name in ["pasar.id.txt", "pasar.en.txt", "cuaca.en.txt"] {
        std::fs::copy(data(&format!("good/{name}")), d.join("m/good").join(name)).unwrap();
    }
    std::fs::write(d.join("m/good/cuaca.id.txt"), "").unwrap();
    std::fs::write(
        d.join("m/m.tsv"),
        "doc\tid\ten\nP\tgood/pasar.id.txt\tgood/pasar.en.txt\n\
         X\tgood/hilang.id.txt\tgood/hilang.en.txt\nC\tgood/cuaca.id.txt\tgood/cuaca.en.txt\n",
    )
    .unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    let files = |errors: &Path| -> Vec<[String; 2]> {
        (read(errors).lines().skip(1))
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                [f[0].to_string(), f[1].to_string()]
            })
            .collect()
    };
    let want = |up: &str| {
        vec![
            ["C".to_string(), format!("{up}m/good/cuaca.id.txt")],
            ["X".to_string(), format!("{up}m/m.tsv:3")],
        ]
    };
    selaras()
        .current_dir(d)
        .args(["batch", "m/m.tsv", "-q", "-o", "sub/corpus.tsv"])
        .assert()
        .code(3);
    let mut got = files(&d.join("sub/corpus.tsv.errors.tsv"));
    got.sort();
    assert_eq!(got, want("../"));
    // From another working directory, and with `--errors` elsewhere: relative to the errors
    // file still.
    std::fs::create_dir_all(d.join("a/b")).unwrap();
    selaras()
        .current_dir(d.join("m"))
        .args(["batch", "m.tsv", "-q", "-o", "../sub/corpus.tsv"])
        .args(["--errors", "../a/b/e.tsv"])
        .assert()
        .code(3);
    let mut got = files(&d.join("a/b/e.tsv"));
    got.sort();
    assert_eq!(got, want("../../"));
    // With no errors file, each failure on stderr names its files as given.
    let out = selaras()
        .current_dir(d)
        .args(["batch", "m/m.tsv", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("selaras: failed: X: m/m.tsv:3: file good/hilang.id.txt not found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("selaras: failed: C: m/good/cuaca.id.txt: "),
        "{stderr}"
    );
}
