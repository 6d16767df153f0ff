//! No output replaces an input, outputs appear whole or not at all, `-o -` is standard
//! output, and inputs that once stopped a run (UTF-16, one bad manifest row) are read.

use crate::common::{read, selaras, test_data};
use std::path::{Path, PathBuf};

fn data(p: &str) -> PathBuf {
    test_data("batch").join(p)
}

/// The names in `dir`, sorted (hidden ones too).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A directory with the pair `good/cuaca` as `x.id.txt` and `x.en.txt`.
fn pair_dir() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let id = dir.path().join("x.id.txt");
    let en = dir.path().join("x.en.txt");
    std::fs::copy(data("good/cuaca.id.txt"), &id).unwrap();
    std::fs::copy(data("good/cuaca.en.txt"), &en).unwrap();
    (dir, id, en)
}

#[test]
fn an_output_naming_an_input_is_refused_and_the_input_kept() {
    let (dir, id, en) = pair_dir();
    let before = read(&id);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("x.en.txt", &link).unwrap();
    for out in [&id, &link] {
        let msg = format!("-o {} is the input", out.display());
        selaras()
            .arg("align")
            .args([&id, &en])
            .arg("-o")
            .arg(out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(msg));
    }
    selaras()
        .args(["split", "--lang", "id"])
        .arg(&id)
        .arg("-o")
        .arg(&id)
        .assert()
        .code(2);
    assert_eq!(read(&id), before);
    let manifest = dir.path().join("m.tsv");
    let listing = "doc\tid\ten\nx\tx.id.txt\tx.en.txt\n";
    std::fs::write(&manifest, listing).unwrap();
    for out in [&manifest, &en] {
        selaras()
            .arg("batch")
            .arg(&manifest)
            .arg("-o")
            .arg(out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is the input"));
    }
    // The directory of the input as the ladder directory.
    selaras()
        .arg("batch")
        .arg(dir.path())
        .args(["-f", "ladder", "-o"])
        .arg(dir.path())
        .assert()
        .code(2);
    assert_eq!(read(&manifest), listing);
    assert_eq!(read(&id), before);
}

/// `score`, `check` and `report` never write over the table they read, not even rows over
/// their own TSV (`score --score-col score` would lose the aligner's scores), also through a
/// link.
#[test]
fn a_table_command_never_writes_over_its_input_table() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.tsv");
    selaras()
        .args(["batch", "-q", "-o"])
        .arg(&corpus)
        .arg(data("good"))
        .assert()
        .success();
    let before = read(&corpus);
    let link = dir.path().join("l.tsv");
    std::os::unix::fs::symlink("c.tsv", &link).unwrap();
    for args in [
        vec!["score", "--score-col", "score"],
        vec!["score", "--score-col", "pair_score"],
        vec!["check", "-q"],
        vec!["report"],
    ] {
        for input in [&corpus, &link] {
            let out = selaras()
                .args(&args)
                .arg(input)
                .arg("-o")
                .arg(&corpus)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?} {input:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(err.contains("an output never replaces an input"), "{err}");
            assert_eq!(read(&corpus), before, "{args:?}");
        }
    }
}

#[test]
fn dash_is_standard_output() {
    let (dir, id, en) = pair_dir();
    let out = selaras()
        .current_dir(dir.path())
        .arg("align")
        .args([&id, &en])
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("doc\t"));
    let out = selaras()
        .current_dir(dir.path())
        .arg("batch")
        .arg(data("good"))
        .args(["-q", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("doc\t"));
    assert_eq!(names(dir.path()), ["x.en.txt", "x.id.txt"]);
}

/// Standard input redirected from the file an output names (`-o in.jsonl < in.jsonl`) is
/// refused before anything is written, as a named input is.
#[cfg(unix)]
#[test]
fn an_output_naming_the_file_standard_input_reads_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let line = r#"{"doc":"a","id":"Harga beras naik lagi. Pedagang mengeluh.","en":"Rice prices rose again. Traders complained."}"#;
    std::fs::write(&input, format!("{line}\n")).unwrap();
    // The file itself as standard input (as the shell's `<` gives it), not a pipe.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("selaras"))
        .current_dir(dir.path())
        .args(["batch", "-", "-q", "-o", "in.jsonl"])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("standard input") && err.lines().count() == 1,
        "{err}"
    );
    assert_eq!(read(&input), format!("{line}\n"));
    assert_eq!(names(dir.path()), ["in.jsonl"]);
}

/// `selaras batch INPUT -q -f ladder -o OUT`: its exit code.
fn ladder_run(input: &Path, out: &Path) -> i32 {
    let st = selaras()
        .arg("batch")
        .arg(input)
        .args(["-q", "-f", "ladder", "-o"])
        .arg(out)
        .output()
        .unwrap();
    st.status.code().unwrap()
}

#[test]
fn a_ladder_directory_is_written_whole_and_never_mixes_runs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pred");
    assert_eq!(ladder_run(&data("good"), &out), 0);
    assert_eq!(
        names(&out),
        [selaras::output::DIR_MARKER, "cuaca", "pasar", "sekolah"]
    );
    // A second run over other documents replaces the whole directory.
    assert_eq!(ladder_run(&data("angka"), &out), 0);
    assert_eq!(names(&out), [selaras::output::DIR_MARKER, "panen"]);
    // A non-empty directory selaras did not write is refused, untouched.
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    selaras()
        .arg("batch")
        .arg(data("good"))
        .args(["-q", "-f", "ladder", "-o"])
        .arg(&mine)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("selaras did not write"));
    assert_eq!(names(&mine), ["notes.txt"]);
    // No temporary directory is left beside them.
    assert_eq!(
        names(dir.path()),
        ["mine", "pred", "pred.errors.tsv", "pred.stats.json"]
    );
}

#[test]
fn a_manifest_row_of_bad_utf8_is_that_rows_error() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.tsv");
    let mut bytes = b"doc\tid\ten\n".to_vec();
    for name in ["cuaca", "pasar"] {
        let good = data("good");
        bytes.extend(
            format!(
                "{name}\t{}\t{}\n",
                good.join(format!("{name}.id.txt")).display(),
                good.join(format!("{name}.en.txt")).display()
            )
            .bytes(),
        );
        if name == "cuaca" {
            // A row in Windows-1252 (`café`), and a UTF-8 row with a fault in it.
            bytes.extend(b"caf\xe9\tx.id.txt\tx.en.txt\n");
            bytes.extend("caf\u{e9}\tx\u{e9}.id.txt\t".as_bytes());
            bytes.extend(b"x\xff.en.txt\n");
        }
    }
    std::fs::write(&m, bytes).unwrap();
    let out = dir.path().join("c.tsv");
    selaras()
        .arg("batch")
        .arg(&m)
        .arg("-q")
        .arg("-o")
        .arg(&out)
        .assert()
        .code(3);
    let errors = read(dir.path().join("c.tsv.errors.tsv"));
    let rows: Vec<Vec<&str>> = (errors.lines().skip(1))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 2, "{errors}");
    // Each names its line, and the one in an 8-bit encoding says so, as a document does.
    let (legacy, faulty) = (&rows[0], &rows[1]);
    assert_eq!(legacy[..2], ["line 3", "m.tsv:3"]);
    assert!(
        legacy[2].starts_with("invalid UTF-8 at byte ")
            && legacy[2].ends_with(
                " (line 3): it reads as an 8-bit encoding such as Windows-1252: convert it \
                 to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
            ),
        "{errors}"
    );
    assert_eq!(faulty[..2], ["line 4", "m.tsv:4"]);
    assert!(faulty[2].ends_with(" (line 4)"), "{errors}");
    let corpus = read(&out);
    assert!(corpus.contains("\ncuaca\t") && corpus.contains("\npasar\t"));
}

/// A manifest whose header is not valid UTF-8 fails as a whole, its hint judged by the header's
/// bytes as a row's is: Windows-1252 when they read so, a file cut short when it ends inside a
/// character of the header.
#[test]
fn a_manifest_header_of_bad_utf8_is_judged_by_its_own_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.tsv");
    let run = |bytes: &[u8]| {
        std::fs::write(&m, bytes).unwrap();
        let out = selaras().arg("batch").arg(&m).arg("-q").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    // A header in Windows-1252 above rows in UTF-8.
    let stderr = run(b"doc\tid\ten\xe9\ncaf\xc3\xa9\ta.id.txt\ta.en.txt\n");
    assert!(
        stderr.contains(
            "m.tsv: invalid UTF-8 at byte 9 (line 1): it reads as an 8-bit encoding such as \
             Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
        ),
        "{stderr}"
    );
    // A manifest cut short inside a character of its header.
    let stderr = run(b"doc\tid\ten\xc3");
    assert!(
        stderr.contains(
            "m.tsv: invalid UTF-8 at byte 9 (line 1): the file ends inside a character (cut \
             short?)"
        ),
        "{stderr}"
    );
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let (dir, id, en) = pair_dir();
    let want = selaras().arg("align").args([&id, &en]).output().unwrap();
    assert!(want.status.success());
    let text = read(&id);
    for (name, bom, le) in [("le", [0xff, 0xfe], true), ("be", [0xfe, 0xff], false)] {
        let mut bytes = bom.to_vec();
        for u in text.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let p = dir.path().join(format!("x.{name}.id.txt"));
        std::fs::write(&p, bytes).unwrap();
        let got = selaras()
            .arg("align")
            .args([&p, &en])
            .args(["--doc", "x"])
            .output()
            .unwrap();
        assert!(got.status.success(), "{name}");
        assert_eq!(got.stdout, want.stdout, "{name}");
    }
}

#[test]
fn eval_refuses_a_prediction_of_other_sentences_or_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold");
    let pred = dir.path().join("pred");
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&pred).unwrap();
    std::fs::write(gold.join("a"), "[0]:[0]\n[1]:[1]\n[2]:[2]\n").unwrap();
    // Another segmentation: four sentences.
    std::fs::write(pred.join("a"), "[0]:[0]\n[1]:[1]\n[2,3]:[2]\n").unwrap();
    let eval = |g: &Path, p: &Path| {
        let mut c = selaras();
        c.arg("eval").arg("--gold").arg(g).arg("--pred").arg(p);
        c
    };
    eval(&gold, &pred)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "a: gold and prediction cover different sentences",
        ));
    // Names that match no gold file.
    std::fs::remove_file(pred.join("a")).unwrap();
    std::fs::write(pred.join("a.ladder"), "[0]:[0]\n[1]:[1]\n[2]:[2]\n").unwrap();
    eval(&gold, &pred)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no file is named as a gold file"));
    // The JSON counts say what they count.
    let out = eval(&gold.join("a"), &pred.join("a.ladder"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tally"]["predicted"]["strict_right"], 3);
    assert_eq!(v["tally"]["gold"]["lax_missed"], 0);
}

#[test]
fn messages_name_the_output_and_count_one_document() {
    let (dir, id, en) = pair_dir();
    let missing = dir.path().join("nowhere").join("x.tsv");
    selaras()
        .arg("align")
        .args([&id, &en])
        .arg("-o")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "output {}: its directory",
            missing.display()
        )));
    selaras()
        .arg("batch")
        .arg(data("angka"))
        .arg("-o")
        .arg(dir.path().join("c.tsv"))
        .assert()
        .success()
        .stderr(predicates::str::contains("selaras batch: 1 document (1 ok"));
    let help = selaras().args(["batch", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    // The jobs option says its default is all cores, not `[default: 0]`.
    let jobs = &help[help.find("--jobs").unwrap()..help.find("--quiet").unwrap()];
    assert!(
        jobs.contains("default: all") && !jobs.contains("[default"),
        "{jobs}"
    );
}
