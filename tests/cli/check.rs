//! `selaras check` end to end: flags, summary, wrong pairings, --fail-under.

use crate::common::{QUALITY_DATA as DATA, selaras};
use predicates::prelude::*;

#[test]
fn flags_each_planted_problem() {
    let out = selaras()
        .args(["check", "-q", &format!("{DATA}/flags.tsv")])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "doc\tid_idx\ten_idx\tbead\tscore\tid\ten\tpair_score\tflags"
    );
    let flags: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(
        flags,
        [
            "",
            "empty_side",
            "empty_side",
            "untranslated",
            "too_short",
            "duplicate",
            "numbers_differ",
            "low_score,length_ratio",
            "low_score",
            ""
        ]
    );
}

#[test]
fn a_good_corpus_is_clean_and_passes_fail_under() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.json");
    let out = dir.path().join("rows.tsv");
    selaras()
        .args(["check", "--fail-under", "0.95", "-o"])
        .arg(&out)
        .arg("--summary")
        .arg(&summary)
        .arg(format!("{DATA}/good.tsv"))
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "60 pairs in 6 documents; 0 flagged (100.0% clean)",
        ));
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["pairs"], 60);
    assert_eq!(s["documents"], 6);
    assert_eq!(s["clean_share"], 1.0);
    assert_eq!(s["beads"]["1-1"], 60);
    assert_eq!(s["flags"]["low_score"], 0);
    assert_eq!(s["histogram"].as_array().unwrap().len(), 10);
    assert_eq!(s["docs"].as_array().unwrap().len(), 6);
    assert!(s["suspect_docs"].as_array().unwrap().is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 61);
}

/// One document's English replaced by another document's: it must stand out in the summary,
/// and --fail-under must fail the run with exit code 4.
#[test]
fn a_wrongly_paired_document_stands_out() {
    let text = std::fs::read_to_string(format!("{DATA}/good.tsv")).unwrap();
    let mut lines: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let gempa: Vec<String> = lines
        .iter()
        .filter(|r| r[0] == "gempa")
        .map(|r| r[6].clone())
        .collect();
    for (k, r) in lines.iter_mut().filter(|r| r[0] == "kopi").enumerate() {
        r[6] = gempa[k].clone();
    }
    let corpus: String = lines.iter().map(|r| r.join("\t") + "\n").collect();
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("s.json");
    selaras()
        .args(["check", "--no-rows", "--fail-under", "0.95", "--summary"])
        .arg(&summary)
        .arg("-")
        .write_stdin(corpus.clone())
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            predicate::str::contains("1 document looks like a wrong pairing:")
                .and(predicate::str::contains("  kopi: "))
                .and(predicate::str::contains(
                    "corpus below --fail-under: clean share",
                )),
        );
    let s: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["suspect_docs"], serde_json::json!(["kopi"]));
    // the mean-score measure passes a low threshold
    selaras()
        .args([
            "check",
            "-q",
            "--no-rows",
            "--fail-metric",
            "mean-score",
            "--fail-under",
            "0.5",
            "-",
        ])
        .write_stdin(corpus)
        .assert()
        .success();
}

#[test]
fn bad_options_are_usage_errors() {
    selaras()
        .args(["check", "--fail-under", "2", &format!("{DATA}/good.tsv")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--fail-under must be between 0 and 1",
        ));
    selaras()
        .args([
            "check",
            "--no-rows",
            "-o",
            "x.tsv",
            &format!("{DATA}/good.tsv"),
        ])
        .assert()
        .code(2);
}

#[test]
fn outputs_are_distinct_files_and_a_full_disk_is_a_write_failure() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s.json");
    selaras()
        .args(["check", "-q", &format!("{DATA}/flags.tsv"), "-o"])
        .arg(&s)
        .arg("--summary")
        .arg(&s)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name the same file"));
    assert!(!s.exists());
    // A device is written directly, never replaced by a file; a write that fails there is
    // exit 1 (not bad input). Linux has /dev/full.
    let full = std::path::Path::new("/dev/full");
    if full.exists() {
        selaras()
            .args([
                "check",
                "-q",
                &format!("{DATA}/flags.tsv"),
                "-o",
                "/dev/full",
            ])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("/dev/full"));
        assert!(!std::fs::metadata(full).unwrap().is_file());
    }
}

#[test]
fn an_empty_corpus_says_so_and_fails_a_gate() {
    selaras()
        .args(["check", "-", "--no-rows", "--fail-under", "0.5"])
        .write_stdin("doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n")
        .assert()
        .code(4)
        .stderr(
            predicate::str::contains("the corpus is empty")
                .and(predicate::str::contains("it holds no pairs"))
                .and(predicate::str::contains("% clean").not()),
        );
}

/// `check`'s `numbers_differ` and `batch`'s number filter agree on every pair of
/// `numbers.tsv` (its `numbers` column says which they should find differ): a unit
/// conversion (`5 km` / `3 miles`, also with a scale word, `5 juta ton` / `11 billion
/// pounds`) is neither flagged nor dropped; a true mismatch is both.
#[test]
fn check_and_the_batch_number_filter_agree() {
    let table = format!("{DATA}/numbers.tsv");
    let out = selaras()
        .args(["check", "-q", &table])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (doc, expect, id, en, flags) = (
        col("doc"),
        col("numbers"),
        col("id"),
        col("en"),
        col("flags"),
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 15);
    // Each pair as a document of one sentence a side.
    let stdin: String = rows
        .iter()
        .map(|r| {
            let d = serde_json::json!({"doc": r[doc], "id": r[id], "en": r[en]});
            format!("{d}\n")
        })
        .collect();
    let out = selaras()
        .args(["batch", "-", "-q", "-f", "jsonl", "--keep-unparallel"])
        .write_stdin(stdin)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let kept: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(row["bead"], "1-1", "{row}");
            row["doc"].as_str().unwrap().to_string()
        })
        .collect();
    for r in &rows {
        let differ = r[expect] == "differ";
        let flagged = r[flags].split(',').any(|f| f == "numbers_differ");
        let dropped = !kept.iter().any(|k| k == r[doc]);
        assert_eq!(
            (flagged, dropped),
            (differ, differ),
            "{}: {} | {} (flags `{}`)",
            r[doc],
            r[id],
            r[en],
            r[flags]
        );
    }
}
