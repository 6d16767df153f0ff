//! `selaras score` end to end.

use crate::common::{QUALITY_DATA as DATA, selaras};
use predicates::prelude::*;

#[test]
fn scores_any_pair_table_with_chosen_columns() {
    let out = selaras()
        .args(["score", "--id-col", "ind", "--en-col", "eng"])
        .arg(format!("{DATA}/pairs.tsv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "note\tind\teng\tscore\tflags");
    assert_eq!(lines.len(), 4);
    let score = |l: &str| l.split('\t').nth(3).unwrap().parse::<f64>().unwrap();
    assert!(score(lines[1]) > 0.8, "{}", lines[1]);
    // escapes pass through unchanged
    assert!(lines[2].starts_with("tab\tKata\\tdengan tab.\tWord\\twith a tab.\t"));
    assert!(score(lines[3]) < 0.4, "{}", lines[3]);
    assert!(lines[3].ends_with("\tlow_score"));
}

#[test]
fn an_existing_score_column_is_refused_unless_a_column_is_named() {
    let table = "id\ten\tscore\nRumah itu besar.\tThe house is big.\t0.9731\n";
    // Unasked, it would overwrite the input's own score (a batch corpus's bead score).
    selaras()
        .args(["score", "-"])
        .write_stdin(table)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "selaras: <stdin>: line 1: a `score` column is there already, which `selaras score` \
             would overwrite: name the new one with --score-col NAME (e.g. --score-col \
             pair_score), or give --score-col score to replace it\n",
        );
    // JSON Lines has no header line: the message names the input alone.
    let jsonl = "{\"id\": \"Rumah itu besar.\", \"en\": \"The house is big.\", \"score\": 0.97}\n";
    selaras()
        .args(["score", "--from", "jsonl", "-"])
        .write_stdin(jsonl)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "selaras: <stdin>: a `score` column is there already",
        ));
    // Beside it.
    selaras()
        .args(["score", "-", "--score-col", "pair_score"])
        .write_stdin(table)
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"^id\ten\tscore\tpair_score\tflags\nRumah itu besar\.\tThe house is big\.\t0\.9731\t0\.\d{4}\t\n$",
            )
            .unwrap(),
        );
    // Named, it is replaced.
    selaras()
        .args(["score", "-", "--score-col", "score"])
        .write_stdin(table)
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"^id\ten\tscore\tflags\nRumah itu besar\.\tThe house is big\.\t0\.\d{4}\t\n$",
            )
            .unwrap(),
        );
    // A `flags` column likewise (a `check` output has one); a text column is never written.
    let checked = "id\ten\tflags\nRumah itu besar.\tThe house is big.\t\n";
    selaras()
        .args(["score", "-"])
        .write_stdin(checked)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a `flags` column is there already, which `selaras score` would overwrite: name the new one with --flags-col NAME",
        ));
    selaras()
        .args(["score", "-", "--flags-col", "pair_flags"])
        .write_stdin(checked)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "id\ten\tflags\tscore\tpair_flags\n",
        ));
    selaras()
        .args(["score", "-", "--score-col", "en"])
        .write_stdin(checked)
        .assert()
        .code(2)
        .stderr("selaras: <stdin>: line 1: --score-col en: `en` is a text column of the pairs\n");
    selaras()
        .args(["score", "-", "--score-col", "x", "--flags-col", "x"])
        .write_stdin("id\ten\nA.\tA.\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--score-col and --flags-col are both `x`",
        ));
}

#[test]
fn quoted_tables_and_feature_columns() {
    selaras()
        .args(["score", "--quoted", "--features", "-"])
        .write_stdin("id\ten\n\"Dia berkata \"\"halo\"\".\"\t\"He said \"\"hello\"\".\"\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("f_lex_id").and(predicate::str::contains("f_len_abs_z")));
}

#[test]
fn writes_atomically_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scored.tsv");
    selaras()
        .args(["score", "--id-col", "ind", "--en-col", "eng", "-o"])
        .arg(&out)
        .arg(format!("{DATA}/pairs.tsv"))
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn bad_input_is_one_line_naming_file_and_line() {
    selaras()
        .args(["score", &format!("{DATA}/bad_fields.tsv")])
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"^selaras: .*bad_fields\.tsv: line 3: expected 2 tab-separated fields \(as in the header\), found 3\n$").unwrap());
    selaras()
        .args(["score", &format!("{DATA}/pairs.tsv")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pairs.tsv: line 1: no column `id` in the header (columns: note, ind, eng)",
        ));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, b"id\ten\nok\tok\nbad \xff\tx\n").unwrap();
    selaras()
        .arg("score")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.tsv: invalid UTF-8 at byte 16 (line 3)",
        ));
    selaras()
        .args(["score", "/nonexistent/x.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/x.tsv"));
    selaras()
        .args(["score", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>: input is empty"));
}

#[test]
fn an_extra_lexicon_links_words_the_bundled_one_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("roof.tsv");
    std::fs::write(&lex, "tukang\thandyman\ngenteng\ttile\nbocor\tleak\n").unwrap();
    let pair = "id\ten\nTukang itu memperbaiki genteng yang bocor sejak kemarau.\t\
                The handyman repaired the tiles that had leaked since the dry season.\n";
    let score = |extra: &[&std::ffi::OsStr]| -> f64 {
        let out = selaras()
            .args(["score", "-", "--no-baseline"])
            .args(extra)
            .write_stdin(pair)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .nth(1)
            .unwrap()
            .split('\t')
            .nth(2)
            .unwrap()
            .parse()
            .unwrap()
    };
    let (without, with) = (score(&[]), score(&["--lexicon".as_ref(), lex.as_os_str()]));
    assert!(without < 0.3 && with > 0.9, "{without} -> {with}");
}

#[test]
fn line_numbers_count_crlf_and_cr_line_ends() {
    for nl in ["\n", "\r\n", "\r"] {
        let table = format!("id\ten{nl}Satu.\tOne.{nl}Dua.\tTwo.\textra{nl}");
        for cmd in ["score", "check"] {
            selaras()
                .args([cmd, "-"])
                .write_stdin(table.clone())
                .assert()
                .code(2)
                .stderr(
                    "selaras: <stdin>: line 3: expected 2 tab-separated fields (as in the header), \
                     found 3\n",
                );
        }
    }
}

#[test]
fn an_unclosed_quote_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q.tsv");
    for (text, line) in [
        ("id\ten\nSatu.\t\"One.\nDua.\tTwo.\nTiga.\tThree.\n", 2),
        ("id\ten\nSatu.\tOne.\n\"Dua.\tTwo.\nTiga.\tThree.\n", 3),
    ] {
        std::fs::write(&q, text).unwrap();
        for cmd in ["score", "check"] {
            selaras()
                .args([cmd, "--quoted"])
                .arg(&q)
                .assert()
                .code(2)
                .stdout("")
                .stderr(
                    predicate::str::is_match(format!(
                        r"^selaras: .*q\.tsv: line {line}: unclosed quote: [^\n]*\n$"
                    ))
                    .unwrap(),
                );
        }
    }
}
