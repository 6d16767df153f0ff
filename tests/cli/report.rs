//! `selaras report` end to end (the browser test is `report_browser`).

use crate::common::{QUALITY_DATA as DATA, selaras};
use predicates::prelude::*;

#[test]
fn writes_a_self_contained_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    selaras()
        .args(["report", "-o"])
        .arg(&out)
        .arg(format!("{DATA}/flags.tsv"))
        .assert()
        .success()
        .stderr(predicate::str::contains("(1 document, 10 pairs)"));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<details class=\"doc").count(), 1);
    assert_eq!(html.matches("<tr class=\"bead").count(), 10);
    assert!(html.contains("<svg class=\"hist\""));
    assert!(html.contains("<svg class=\"path\""));
    for external in ["http://", "https://", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(external), "report refers to {external}");
    }
}

#[test]
fn without_an_output_file_the_page_goes_to_stdout() {
    let out = selaras()
        .args(["report", &format!("{DATA}/good.tsv")])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("</html>"));
}

#[test]
fn scores_and_segments_are_named_and_documents_sort_naturally() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let corpus = "doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n\
                  doc_10\t0\t0\t1-1\t0.9\tHujan turun.\tIt rained.\n\
                  doc_2\t0\t0\t1-1\t0.9\tPasar ramai.\tThe market is busy.\n";
    selaras()
        .args(["report", "-o"])
        .arg(&out)
        .arg("-")
        .write_stdin(corpus)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    // The check's pair score, not the aligner's bead score of the corpus's `score` column.
    assert!(html.contains(">pair score</th>") && html.contains(">mean pair score</th>"));
    assert!(!html.contains("<th>score</th>"));
    // Clause splits make the units of the path segments, not sentences.
    assert!(
        html.contains("1 Indonesian segment × 1 English segment"),
        "path caption"
    );
    // The document list sorts names with their numbers as numbers (doc_2 before doc_10).
    assert!(html.contains("{numeric:true}"));
}
