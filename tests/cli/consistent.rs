//! One consistent command line: the same filters and defaults in `align` and `batch`, every
//! corpus format read back by `score`, `check` and `report`, the shared options alike on
//! every command, and inputs that are not text refused by name.

use crate::common::{read, selaras, test_data};
use std::path::PathBuf;

fn data(p: &str) -> PathBuf {
    test_data("consistent").join(p)
}

fn good(p: &str) -> PathBuf {
    test_data("batch/good").join(p)
}

#[test]
fn a_side_that_is_not_text_is_refused_by_name() {
    for (file, what) in [
        ("control.txt", "control characters (a binary file?)"),
        ("nul.txt", "a NUL byte at byte 18 (line 2)"),
    ] {
        let out = selaras()
            .arg("align")
            .arg(data(file))
            .arg(good("cuaca.en.txt"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(out.stdout.is_empty(), "{file}: no output");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        let want = format!("{}: not text: ", data(file).display());
        assert!(err.starts_with(&format!("selaras: {want}")), "{err}");
        assert!(err.contains(what), "{err}");
    }
    // In a batch it is that document's error; the others are written.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.tsv");
    selaras()
        .args(["batch", "-q", "-o"])
        .arg(&out)
        .arg(data("manifest.tsv"))
        .assert()
        .code(3);
    let errors = read(dir.path().join("o.tsv.errors.tsv"));
    let rows: Vec<&str> = errors.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{errors}");
    assert!(rows[0].starts_with("biner\t"), "{errors}");
    assert!(rows[0].contains("not text: "), "{errors}");
    let corpus = read(&out);
    let docs: std::collections::BTreeSet<&str> = corpus
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["cuaca", "pasar"]);
}

/// The (id, en) pairs of a Moses pair `PREFIX.id`, `PREFIX.en`.
fn moses_pairs(prefix: &std::path::Path) -> Vec<(String, String)> {
    let side = |ext: &str| read(prefix.with_extension(ext));
    let (id, en) = (side("id"), side("en"));
    assert_eq!(id.lines().count(), en.lines().count());
    id.lines()
        .zip(en.lines())
        .map(|(i, e)| (i.to_string(), e.to_string()))
        .collect()
}

#[test]
fn align_and_batch_write_the_same_pairs() {
    // An Indonesian sentence the English lacks: a 1-0 bead.
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let mut id = read(good("pasar.id.txt"));
    id.push_str("\nKalimat tambahan ini tidak pernah diterjemahkan ke bahasa Inggris.\n");
    std::fs::write(docs.join("pasar.id.txt"), id).unwrap();
    std::fs::copy(good("pasar.en.txt"), docs.join("pasar.en.txt")).unwrap();
    let run = |cmd: &[&str], out: &std::path::Path, more: &[&str]| {
        let args = [cmd, &["-f", "moses", "-o"]].concat();
        let run = selaras().args(args).arg(out).args(more).output().unwrap();
        assert!(run.status.success(), "{run:?}");
        (moses_pairs(out), String::from_utf8(run.stderr).unwrap())
    };
    let (id_file, en_file) = (docs.join("pasar.id.txt"), docs.join("pasar.en.txt"));
    let align = [
        "align",
        id_file.to_str().unwrap(),
        en_file.to_str().unwrap(),
    ];
    let batch = ["batch", "-q", docs.to_str().unwrap()];
    for keep in [&[][..], &["--keep-empty"]] {
        let (a, note) = run(&align, &dir.path().join("a"), keep);
        let (b, _) = run(&batch, &dir.path().join("b"), keep);
        assert_eq!(a, b, "{keep:?}");
        let empty = a
            .iter()
            .filter(|(i, e)| i.is_empty() || e.is_empty())
            .count();
        if keep.is_empty() {
            assert_eq!(empty, 0);
            assert!(
                note.contains("left out 1 of ") && note.contains("1 empty_side (--keep-empty)"),
                "{note}"
            );
        } else {
            assert_eq!(empty, 1);
            assert!(!note.contains("left out"), "{note}");
        }
    }
    // The same bounds are refused alike, and -q silences align's notes.
    for cmd in [&align[..], &batch[..]] {
        selaras()
            .args(cmd)
            .args(["--min-score", "2"])
            .assert()
            .code(2)
            .stderr("selaras: --min-score must be between 0 and 1\n");
    }
    let quiet = selaras().args(align).arg("-q").output().unwrap();
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}

#[test]
fn score_check_and_report_read_every_corpus_format() {
    // The same four pairs of `align` as TSV, JSON Lines, a Moses pair, headerless text and
    // TMX (`align -f tmx`).
    let forms: [&[&str]; 7] = [
        &["corpus.tsv"],
        &["corpus.jsonl"],
        &["corpus.id"],
        &["--from", "moses", "corpus"],
        &["--from", "text", "corpus.txt"],
        &["corpus.tmx"],
        &["--from", "tmx", "corpus.tmx"],
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut scored = Vec::new();
    for form in forms {
        let args = |cmd: &str| {
            let mut a = vec![cmd.to_string()];
            a.extend(form.iter().map(|s| match s.starts_with("corpus") {
                true => data(s).display().to_string(),
                false => s.to_string(),
            }));
            a
        };
        // A corpus's `score` (the aligner's) is kept: the pair probability goes beside it.
        let out = selaras()
            .args(args("score"))
            .args(["--score-col", "pair_score"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{form:?}: {out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let (id, en, score) = (col("id"), col("en"), col("pair_score"));
        let rows: Vec<(String, String, String)> = lines
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[id].into(), f[en].into(), f[score].into())
            })
            .collect();
        assert_eq!(rows.len(), 4, "{form:?}");
        scored.push(rows);
        let summary = dir.path().join("s.json");
        selaras()
            .args(args("check"))
            .args(["-q", "--no-rows", "--summary"])
            .arg(&summary)
            .assert()
            .success();
        let summary: serde_json::Value = serde_json::from_str(&read(&summary)).unwrap();
        assert_eq!(summary["pairs"], 4, "{form:?}");
        let html = dir.path().join("r.html");
        selaras()
            .args(args("report"))
            .arg("-o")
            .arg(&html)
            .assert()
            .success();
        assert!(read(&html).contains("Suhu udara diperkirakan"), "{form:?}");
    }
    assert!(scored.iter().all(|s| *s == scored[0]), "{scored:?}");
}

#[test]
fn a_corpus_that_cannot_be_read_is_one_line_naming_file_and_line() {
    let path = |p: &str| data(p).display().to_string();
    for (args, want) in [
        (
            vec![path("bad.jsonl")],
            format!(
                "{}: line 2: field `id_text` is a number, not text",
                path("bad.jsonl")
            ),
        ),
        (
            vec![path("short.id")],
            format!(
                "{}: line 3: 2 lines, but {} has 3 lines: the two files of a Moses pair are line-aligned",
                path("short.en"),
                path("short.id")
            ),
        ),
        (
            vec![path("corpus.txt")],
            "; a file of two columns without a header row: --from text".into(),
        ),
        (
            vec![path("bad.tmx")],
            format!(
                "{}: line 11: a second Indonesian text in one <tu>",
                path("bad.tmx")
            ),
        ),
        (
            vec![path("cut.tmx")],
            format!(
                "{}: line 22: the file ends inside <tu> (opened on line 16)",
                path("cut.tmx")
            ),
        ),
        (
            vec![path("appended.tmx")],
            format!("{}: line 51: text after </tmx>", path("appended.tmx")),
        ),
        (
            vec!["--from".into(), "tmx".into(), path("corpus.tsv")],
            format!(
                "{}: line 1: not TMX: the file does not begin with XML markup",
                path("corpus.tsv")
            ),
        ),
        (
            vec!["--from".into(), "tmx".into(), path("amp.tsv")],
            format!(
                "{}: line 1: not TMX: the file does not begin with XML markup",
                path("amp.tsv")
            ),
        ),
        (
            vec!["--from".into(), "moses".into(), "-".into()],
            "--from moses reads PREFIX.id and PREFIX.en: give PREFIX, not `-`".into(),
        ),
    ] {
        for cmd in ["score", "check"] {
            let out = selaras().arg(cmd).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd} {args:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(&want), "{cmd} {args:?}: {err}");
        }
    }
    // Rows written as TSV never replace a JSON Lines, Moses or TMX input.
    let dir = tempfile::tempdir().unwrap();
    for name in ["corpus.jsonl", "corpus.tmx"] {
        let copy = dir.path().join(name);
        std::fs::copy(data(name), &copy).unwrap();
        selaras()
            .arg("score")
            .arg(&copy)
            .arg("-o")
            .arg(&copy)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "an output never replaces an input",
            ));
        assert_eq!(read(&copy), read(data(name)));
    }
}

#[test]
fn shared_options_are_spelt_alike_on_every_command() {
    let help = |cmd: &str| {
        let out = selaras().args([cmd, "--help"]).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let has = |cmd: &str, opt: &str| help(cmd).lines().any(|l| l.trim_start().starts_with(opt));
    for cmd in [
        "split", "align", "eval", "batch", "score", "check", "report", "pair",
    ] {
        assert!(has(cmd, "-o, --output"), "{cmd}: -o");
    }
    for cmd in ["split", "align", "eval", "batch"] {
        assert!(has(cmd, "-f, --format"), "{cmd}: -f");
    }
    for cmd in ["split", "align", "batch", "check", "report", "pair"] {
        assert!(has(cmd, "-q, --quiet"), "{cmd}: -q");
    }
    for cmd in ["batch", "pair"] {
        assert!(help(cmd).contains("(default: all cores"), "{cmd}: -j");
    }
    // report writes to standard output as every other command does without -o.
    let out = selaras()
        .arg("report")
        .arg(data("corpus.tsv"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    assert!(out.stderr.is_empty());
    // -q silences split's note on a hard-wrapped text.
    let wrapped = test_data("wrapped");
    let file = std::fs::read_dir(&wrapped)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".id.txt"))
        .unwrap();
    for (quiet, noted) in [(false, true), (true, false)] {
        let mut cmd = selaras();
        cmd.args(["split", "--lang", "id"]).arg(&file);
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        assert_eq!(!out.stderr.is_empty(), noted, "{out:?}");
    }
    // An output in a missing directory is named as the output.
    selaras()
        .arg("score")
        .arg(data("corpus.tsv"))
        .args(["-o", "/nonexistent-dir/x.tsv"])
        .assert()
        .code(2)
        .stderr("selaras: output /nonexistent-dir/x.tsv: its directory /nonexistent-dir does not exist\n");
}

#[test]
fn messages_count_in_the_singular_and_name_a_place_once() {
    // A JSON line without a doc id is named by its place only.
    let out = selaras()
        .args(["batch", "-q", "-"])
        .write_stdin("{bad\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("selaras: failed: <stdin>:1: invalid JSON"),
        "{err}"
    );
    // One pair, one document, one thread.
    let one = data("one.tsv");
    let out = selaras()
        .arg("check")
        .arg(&one)
        .arg("--no-rows")
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("1 pair in 1 document;"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path();
    std::fs::copy(good("cuaca.id.txt"), docs.join("c.id.txt")).unwrap();
    std::fs::copy(good("cuaca.en.txt"), docs.join("c.en.txt")).unwrap();
    let out = selaras()
        .args(["batch", "-j", "1"])
        .arg(docs)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("selaras batch: 1 document (1 ok"), "{err}");
    assert!(err.contains(", 1 thread)"), "{err}");
}

/// A decoding error names its line alike in UTF-8 and in UTF-16, whatever ends the lines:
/// LF, CRLF and a lone CR each end one.
#[test]
fn decoding_errors_count_lines_alike_in_utf8_and_utf16() {
    let dir = tempfile::tempdir().unwrap();
    for (name, end) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let text = ["Satu.", "Dua.", "Tiga.", ""].join(end);
        // UTF-8: a byte no character begins with, at the start of line 4.
        let utf8 = dir.path().join(format!("{name}.utf8.txt"));
        std::fs::write(&utf8, [text.as_bytes(), b"\xff x"].concat()).unwrap();
        // UTF-16LE with its byte-order mark: an unpaired surrogate at the start of line 4.
        let mut bytes = vec![0xff, 0xfe];
        for u in text.encode_utf16().chain([0xd800, u16::from(b'x')]) {
            bytes.extend(u.to_le_bytes());
        }
        let utf16 = dir.path().join(format!("{name}.utf16.txt"));
        std::fs::write(&utf16, bytes).unwrap();
        for (file, what) in [(&utf8, "invalid UTF-8"), (&utf16, "an unpaired surrogate")] {
            let out = selaras()
                .args(["split", "--lang", "id"])
                .arg(file)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{name}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(what), "{err}");
            assert!(err.contains(" (line 4)"), "{name}: {err}");
        }
    }
}
