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
