//! `selaras eval` run as a binary on files under tests/data/eval.

use crate::common::selaras;
use assert_cmd::Command;
use predicates::prelude::*;

/// The overall row of `selaras eval` for the predicted ladder `a` against its gold.
const OVERALL_A: &str = "overall    0.6000   0.6667    0.6316  0.8000 1.0000 0.8889";

/// `selaras eval` of the predicted ladder `a` against its gold, with `extra` options.
fn eval_a(extra: &[&str]) -> Command {
    let mut cmd = selaras();
    cmd.args([
        "eval",
        "--gold",
        "tests/data/eval/gold/a",
        "--pred",
        "tests/data/eval/pred/a",
    ])
    .args(extra);
    cmd
}

#[test]
fn file_against_file() {
    eval_a(&[])
        .assert()
        .success()
        .stdout(predicate::str::contains(OVERALL_A));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("a");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read("tests/data/eval/pred/a").unwrap());
    std::fs::write(&pred, bytes).unwrap();
    selaras()
        .args(["eval", "--gold", "tests/data/eval/gold/a", "--pred"])
        .arg(&pred)
        .assert()
        .success()
        .stdout(predicate::str::contains(OVERALL_A));
}

#[test]
fn directories_count_a_missing_prediction_as_empty() {
    let out = selaras()
        .args([
            "eval",
            "--gold",
            "tests/data/eval/gold",
            "--pred",
            "tests/data/eval/pred",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("(no prediction)"), "{out}");
    // overall: precision 3/5 strict, recall 2/5 strict (b's two gold beads are missed)
    assert!(out.contains("overall    0.6000   0.4000"), "{out}");
}

#[test]
fn json_output() {
    let out = selaras()
        .args([
            "eval",
            "--gold",
            "tests/data/eval/gold/a",
            "--pred",
            "tests/data/eval/gold/a",
        ])
        .args(["--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["overall"]["strict"]["f1"], 1.0);
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn malformed_ladder_is_a_one_line_error() {
    selaras()
        .args([
            "eval",
            "--gold",
            "tests/data/eval/gold/a",
            "--pred",
            "tests/data/eval/bad.ladder",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.ladder: line 2:"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn text_after_a_bead_or_a_sentence_in_two_beads_is_an_error() {
    for (file, line, what) in [
        ("trailing.ladder", 2, "expected nothing or `:SCORE`"),
        (
            "twice.ladder",
            3,
            "Indonesian sentence 1 is in two beads (line 2",
        ),
    ] {
        selaras()
            .args(["eval", "--gold", "tests/data/eval/gold/a", "--pred"])
            .arg(format!("tests/data/eval/{file}"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{file}: line {line}: {what}"
            )))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    }
}

#[test]
fn a_gold_directory_beside_its_texts_scores_batch_ladders() {
    // `corpus/` holds NAME.id.txt, NAME.en.txt and NAME.gold; `batch -f ladder` names its
    // ladders NAME.
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred");
    selaras()
        .args(["batch", "corpus", "-f", "ladder", "-q", "-o"])
        .arg(&pred)
        .assert()
        .success();
    let out = selaras()
        .args(["eval", "--gold", "corpus", "--pred"])
        .arg(&pred)
        .assert()
        .success();
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(table.lines().any(|l| l.starts_with("dengue ")), "{table}");
    assert!(
        !table.contains("README") && !table.contains("(no prediction)"),
        "{table}"
    );
}

/// A gold directory is read with the directories below it, as `batch DIR` reads one: the
/// gold `2024/dengue.gold` beside its texts is the document `2024/dengue`, matched to the
/// ladder `batch -f ladder` writes for it (`2024_dengue`) or to `2024/dengue` below the
/// prediction directory, and scored as the same document at the top.
#[test]
fn a_nested_gold_directory_is_read_as_batch_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, sub) = (dir.path().join("gold"), dir.path().join("gold/2024"));
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::create_dir_all(gold.join(".hidden")).unwrap();
    for f in ["dengue.id.txt", "dengue.en.txt", "dengue.gold"] {
        std::fs::copy(format!("corpus/{f}"), sub.join(f)).unwrap();
    }
    std::fs::copy("corpus/dengue.gold", gold.join(".hidden/x.gold")).unwrap();
    let pred = dir.path().join("pred");
    selaras()
        .args(["batch", "-f", "ladder", "-q", "-o"])
        .arg(&pred)
        .arg(&gold)
        .assert()
        .success();
    assert!(pred.join("2024_dengue").is_file());
    let table = |pred: &std::path::Path| {
        let out = selaras()
            .args(["eval", "--gold"])
            .arg(&gold)
            .arg("--pred")
            .arg(pred)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let flat = table(&pred);
    let nested = dir.path().join("nested");
    std::fs::create_dir_all(nested.join("2024")).unwrap();
    std::fs::copy(pred.join("2024_dengue"), nested.join("2024/dengue")).unwrap();
    assert_eq!(table(&nested), flat);
    let rows: Vec<&str> = flat.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{flat}");
    assert!(rows[0].starts_with("2024/dengue "), "{flat}");
    // The same scores as the document aligned and evaluated at the top of `corpus/`.
    let top = selaras()
        .args([
            "align",
            "-f",
            "ladder",
            "-q",
            "corpus/dengue.id.txt",
            "corpus/dengue.en.txt",
        ])
        .output()
        .unwrap();
    std::fs::write(dir.path().join("top"), top.stdout).unwrap();
    let out = selaras()
        .args(["eval", "--gold", "corpus/dengue.gold", "--pred"])
        .arg(dir.path().join("top"))
        .assert()
        .success();
    let one = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let scores = |row: &str| row.split_whitespace().skip(1).collect::<Vec<_>>().join(" ");
    assert_eq!(
        scores(rows[1]),
        scores(one.lines().last().unwrap()),
        "{flat}\n{one}"
    );
}

#[test]
fn missing_file_is_an_error() {
    selaras()
        .args([
            "eval",
            "--gold",
            "tests/data/eval/nope",
            "--pred",
            "tests/data/eval/gold/a",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tests/data/eval/nope"));
}

#[test]
fn output_file_written_atomically_holds_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.json");
    eval_a(&["--format", "json", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["overall"]["strict"]["precision"], 0.6, "{v}");
}

#[test]
fn documents_are_listed_in_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    for d in ["gold", "pred"] {
        std::fs::create_dir(dir.path().join(d)).unwrap();
        for name in ["doc_10", "doc_2"] {
            std::fs::write(dir.path().join(d).join(name), "[0]:[0]\n").unwrap();
        }
    }
    let out = selaras()
        .arg("eval")
        .arg("--gold")
        .arg(dir.path().join("gold"))
        .arg("--pred")
        .arg(dir.path().join("pred"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let (a, b) = (table.find("doc_2").unwrap(), table.find("doc_10").unwrap());
    assert!(a < b, "{table}");
}

/// A gold directory reached a second time through a symbolic link is read once, as `batch
/// DIR` reads it, and the link is named on stderr with why, one line (batch makes it an error
/// row); the scores are those of the tree without the link. A link to nothing is named too.
#[cfg(unix)]
#[test]
fn a_gold_directory_reached_twice_is_read_once_and_told() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, pred) = (dir.path().join("gold"), dir.path().join("pred"));
    for d in [&gold, &pred] {
        std::fs::create_dir_all(d.join("2024")).unwrap();
    }
    std::fs::copy("tests/data/eval/gold/a", gold.join("2024/a")).unwrap();
    std::fs::copy("tests/data/eval/pred/a", pred.join("2024/a")).unwrap();
    let eval = || {
        let out = selaras()
            .args(["eval", "--gold"])
            .arg(&gold)
            .arg("--pred")
            .arg(&pred)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (text(out.stdout), text(out.stderr))
    };
    let (want, quiet) = eval();
    assert_eq!(quiet, "");
    std::os::unix::fs::symlink("2024", gold.join("again")).unwrap();
    let (got, err) = eval();
    assert_eq!(got, want);
    assert!(
        got.contains("\n2024/a ") && got.contains(OVERALL_A),
        "{got}"
    );
    assert_eq!(
        err,
        format!(
            "selaras: {}: the directory read as `2024`, reached again by way of a symbolic \
             link: its files are read once, there; not read again\n",
            gold.join("again").display()
        )
    );
    // A link that leads nowhere is left out, and named in one line.
    std::fs::remove_file(gold.join("again")).unwrap();
    std::os::unix::fs::symlink("nowhere.gold", gold.join("2024/b")).unwrap();
    let (got, err) = eval();
    assert_eq!(got, want);
    assert_eq!(
        err,
        format!(
            "selaras: {}: a broken symbolic link (its target nowhere.gold does not exist); \
             left out\n",
            gold.join("2024/b").display()
        )
    );
}
