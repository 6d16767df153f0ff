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
fn requires_an_output_file() {
    selaras()
        .args(["report", &format!("{DATA}/good.tsv")])
        .assert()
        .code(2);
}
