//! Moved content through the binary: a news article whose English moves a paragraph of two
//! sentences six places down (tests/data/moved); its gold ladder is non-monotonic. And one
//! whose English moves a paragraph of three sentences up over a loosely translated passage
//! (tests/data/moved/passage, one sentence a line).

use crate::common::selaras;
use predicates::prelude::*;
use std::path::Path;

const ID: &str = "tests/data/moved/id.txt";
const EN: &str = "tests/data/moved/en.txt";
const GOLD: &str = "tests/data/moved/gold";

/// `selaras align OPTIONS ID EN` on the moved pair: its standard output.
fn align(options: &[&str]) -> String {
    let out = selaras()
        .arg("align")
        .args(options)
        .args([ID, EN])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The `[i]:[j]` part of each ladder line.
fn beads(ladder: &str) -> Vec<String> {
    ladder
        .lines()
        .map(|l| l.rsplit_once(':').map_or(l, |(b, _)| b).to_string())
        .collect()
}

/// The gold ladder's lines (no scores).
fn gold() -> Vec<String> {
    let text = std::fs::read_to_string(GOLD).unwrap();
    text.lines().map(String::from).collect()
}

#[test]
fn the_moved_block_is_paired_in_the_ladder_in_indonesian_order() {
    assert_eq!(beads(&align(&["-f", "ladder"])), gold());
}

#[test]
fn without_moved_content_the_block_stays_unpaired() {
    let b = beads(&align(&["-f", "ladder", "--no-moved"]));
    for unpaired in ["[4]:[]", "[5]:[]", "[]:[10]", "[]:[11]"] {
        assert!(b.iter().any(|x| x == unpaired), "{unpaired} not in {b:?}");
    }
}

#[test]
fn a_loosely_translated_sentence_of_the_moved_block_grows_onto_it() {
    // The block's first sentence, translated loosely, has no lexical support of its own: the
    // search for pairs of runs pairs only the second; the bead next to it then takes the first.
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.txt");
    let text = std::fs::read_to_string(EN).unwrap().replace(
        "Residents welcomed the opening of the bridge.",
        "Residents living around it were pleased.",
    );
    std::fs::write(&en, text).unwrap();
    let run = |more: &[&str]| {
        let out = selaras()
            .args(["align", "-f", "ladder"])
            .args(more)
            .arg(ID)
            .arg(&en)
            .output()
            .unwrap();
        assert!(out.status.success());
        beads(&String::from_utf8(out.stdout).unwrap())
    };
    assert_eq!(run(&[]), gold());
    let mono = run(&["--no-moved"]);
    assert!(mono.iter().any(|b| b == "[4]:[]"), "{mono:?}");
}

#[test]
fn a_passage_the_block_jumped_over_is_paired_across_it() {
    // The three sentences that moved up carry names and numbers: the monotonic alignment keeps
    // them in order and leaves the passage they jumped over open on both sides, the Indonesian
    // before them and the English after them. Its pairs have too little lexical support for
    // the search for pairs of runs (one is a merge) and the holes differ in length; the
    // transposition pairs them.
    let dir = "tests/data/moved/passage";
    let run = |more: &[&str]| {
        let out = selaras()
            .args(["align", "--presplit", "-f", "ladder"])
            .args(more)
            .arg(format!("{dir}/id.lines"))
            .arg(format!("{dir}/en.lines"))
            .output()
            .unwrap();
        assert!(out.status.success());
        beads(&String::from_utf8(out.stdout).unwrap())
    };
    let gold: Vec<String> = std::fs::read_to_string(format!("{dir}/gold"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(run(&[]), gold);
    let mono = run(&["--no-moved"]);
    for unpaired in ["[1]:[]", "[2]:[]", "[3]:[]", "[]:[4]", "[]:[5]"] {
        assert!(
            mono.iter().any(|x| x == unpaired),
            "{unpaired} not in {mono:?}"
        );
    }
}

#[test]
fn tsv_rows_carry_the_crossing_beads() {
    let out = align(&["-f", "tsv"]);
    let rows: Vec<Vec<&str>> = out
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 12);
    let row = |k: usize| (rows[k][1], rows[k][2], rows[k][3]);
    assert_eq!(row(4), ("4", "10", "1-1"));
    assert_eq!(row(5), ("5", "11", "1-1"));
    assert_eq!(row(6), ("6", "4", "1-1"));
    assert!(rows[4][5].starts_with("Warga sekitar") && rows[4][6].starts_with("Residents"));
    assert!(rows[4][4].parse::<f64>().unwrap() > 0.9);
}

#[test]
fn moses_and_tmx_pair_the_moved_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("c");
    align(&["-f", "moses", "-o", prefix.to_str().unwrap()]);
    let read = |ext: &str| std::fs::read_to_string(dir.path().join(format!("c.{ext}"))).unwrap();
    let (id, en) = (read("id"), read("en"));
    let k = id
        .lines()
        .position(|l| l.starts_with("Warga sekitar"))
        .unwrap();
    assert!(en.lines().nth(k).unwrap().starts_with("Residents welcomed"));
    let tmx = align(&["-f", "tmx"]);
    let a = tmx.find("Warga sekitar").unwrap();
    let b = tmx.find("Residents welcomed").unwrap();
    let c = tmx.find("Dinas Pekerjaan Umum").unwrap();
    assert!(
        a < b && b < c,
        "the moved pair is one translation unit, in Indonesian order"
    );
}

#[test]
fn batch_writes_the_crossing_beads_too() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("manifest.tsv");
    let abs = |p: &str| std::fs::canonicalize(p).unwrap().display().to_string();
    std::fs::write(
        &manifest,
        format!("doc\tid\ten\nmoved\t{}\t{}\n", abs(ID), abs(EN)),
    )
    .unwrap();
    let out = dir.path().join("ladders");
    selaras()
        .args(["batch", "-q", "-f", "ladder", "-o"])
        .arg(&out)
        .arg(&manifest)
        .assert()
        .success();
    let ladder = std::fs::read_to_string(out.join("moved")).unwrap();
    assert_eq!(beads(&ladder), gold());
}

/// `selaras eval` of a prediction file with these ladder lines against the moved gold: its
/// overall row.
fn eval_overall(pred: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pred");
    std::fs::write(&p, pred).unwrap();
    let out = selaras()
        .args(["eval", "--gold", GOLD, "--pred"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .find(|l| l.starts_with("overall"))
        .unwrap()
        .to_string()
}

#[test]
fn eval_scores_a_non_monotonic_gold() {
    // The aligner's own output: every bead right.
    let all = "overall    1.0000   1.0000    1.0000  1.0000 1.0000 1.0000";
    assert_eq!(eval_overall(&align(&["-f", "ladder"])), all);
    // Lines in another order, indices in a bead in another order: the same beads.
    let mut shuffled: Vec<String> = gold();
    shuffled.reverse();
    assert_eq!(eval_overall(&(shuffled.join("\n") + "\n")), all);
    // The monotonic alignment: 10 of 14 beads right, 10 of 12 gold pairs found.
    let mono = align(&["-f", "ladder", "--no-moved"]);
    assert!(eval_overall(&mono).starts_with("overall    0.7143   0.8333    0.7692"));
}

#[test]
fn check_reads_a_corpus_with_crossing_beads() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.tsv");
    align(&["-f", "tsv", "-o", corpus.to_str().unwrap()]);
    assert!(Path::new(&corpus).is_file());
    selaras()
        .arg("check")
        .arg(&corpus)
        .assert()
        .code(predicate::in_iter([0, 1]));
}
