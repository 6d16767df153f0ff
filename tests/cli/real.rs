//! Real article pairs that are not clean: swapped languages, the same text on both sides, an
//! article paired with another article's English, a partly translated article.
//!
//! `tests/data/real/` holds four short news articles written for these tests, each in
//! Indonesian and English: `banjir` (a flood), `guru` (teacher training), `pasar` (rice
//! prices), whose English translates only its first three paragraphs of five, and `gempa` (an
//! earthquake), whose Indonesian quotes three statements in English.
//! `manifest.tsv` pairs them as given, swapped (`guru`), mis-paired (`salah`: the flood
//! article with the teacher article's English), identical (`sama`) and partly parallel
//! (`pasar`).

use crate::common::{read, selaras, test_data};
use serde_json::Value;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    test_data("real").join(name)
}

/// Standard output, standard error and exit code of `selaras align` on two files of
/// `tests/data/real`, every bead written (no filter).
fn align(id: &str, en: &str) -> (String, String, i32) {
    let out = selaras()
        .arg("align")
        .args(["--keep-empty", "--keep-identical", "--keep-num-mismatch"])
        .arg(data(id))
        .arg(data(en))
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

/// The (score, id, en) of each row of a TSV corpus.
fn rows(tsv: &str) -> Vec<(String, f64, String, String)> {
    tsv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].to_string(),
                f[4].parse().unwrap(),
                f[5].to_string(),
                f[6].to_string(),
            )
        })
        .collect()
}

#[test]
fn an_indonesian_article_quoting_english_is_indonesian() {
    // Its English quotes are nearly as many words as its Indonesian sentences, and denser
    // with function words: the side is read sentence by sentence.
    let (out, err, code) = align("gempa.id.txt", "gempa.en.txt");
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    let rows = rows(&out);
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().all(|r| r.1 > 0.9), "{rows:?}");
}

#[test]
fn swapped_files_are_aligned_the_right_way_round() {
    let (out, err, code) = align("guru.en.txt", "guru.id.txt");
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("guru.en.txt reads as English") && err.contains("other way round"),
        "{err}"
    );
    let rows = rows(&out);
    assert_eq!(rows.len(), 7);
    for (_, score, id, en) in &rows {
        assert!(
            !id.contains("The ") && !en.contains(" yang "),
            "{id} | {en}"
        );
        if !id.is_empty() && !en.is_empty() {
            assert!(*score > 0.9, "{score}: {id} | {en}");
        }
    }
    assert!(rows[0].2.starts_with("Kementerian Pendidikan"));
}

#[test]
fn the_same_text_on_both_sides_is_not_a_translation() {
    let (out, err, code) = align("banjir.id.txt", "banjir.id.txt");
    // Written, and the exit code says it is not a translation, as `batch`'s does.
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not a translation: the same text on both sides (document score 0.0000)"),
        "{err}"
    );
    assert!(rows(&out).iter().all(|r| r.1 == 0.0));
}

/// `selaras align … | head -1` where the pair is not a translation: the closed pipe is not an
/// error, and the judgement and the exit code are the ones without the pipe.
#[cfg(unix)]
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_a_pair_that_is_not_a_translation() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_selaras"))
        .arg("align")
        .args(["--keep-empty", "--keep-identical", "--keep-num-mismatch"])
        .arg(data("banjir.id.txt"))
        .arg(data("banjir.id.txt"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before anything is written (the output is a few lines, and would all fit in
    // the pipe's buffer before a reader of one line closed it).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("not a translation: the same text on both sides (document score 0.0000)"),
        "{err}"
    );
}

#[test]
fn batch_lists_what_is_not_a_translation_and_counts_swapped_sides() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tsv");
    let run = selaras()
        .args(["batch", "-q"])
        .arg(data("manifest.tsv"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    // Documents in the errors file: exit code 3.
    assert_eq!(run.status.code(), Some(3));
    let corpus = rows(&read(&out));
    let docs: std::collections::BTreeSet<&str> = corpus.iter().map(|r| r.0.as_str()).collect();
    assert!(docs.contains("guru") && docs.contains("banjir") && !docs.contains("sama"));
    // No English in the id column: the swapped document's rows are Indonesian first.
    for (doc, _, id, _) in &corpus {
        assert!(!id.contains("The ") && !id.contains(" the "), "{doc}: {id}");
    }
    let errors = read(dir.path().join("out.tsv.errors.tsv"));
    let sama = errors.lines().find(|l| l.starts_with("sama\t")).unwrap();
    assert!(
        sama.ends_with("not a translation: the same text on both sides (document score 0.0000)")
    );
    let stats: Value = serde_json::from_str(&read(dir.path().join("out.tsv.stats.json"))).unwrap();
    assert_eq!(stats["documents"]["swapped"], 1);
    assert!(stats["documents"]["not_parallel"].as_u64().unwrap() >= 1);
    assert_eq!(
        stats["run"]["settings"]["filters"]["keep_unparallel"],
        false
    );

    // --keep-unparallel keeps them, their beads scored 0 (and --keep-identical the beads of
    // the same text on both sides).
    let kept = dir.path().join("kept.tsv");
    let run = selaras()
        .args(["batch", "-q", "--keep-unparallel", "--keep-identical"])
        .arg(data("manifest.tsv"))
        .arg("-o")
        .arg(&kept)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let corpus = rows(&read(&kept));
    let same: Vec<_> = corpus.iter().filter(|r| r.0 == "sama").collect();
    assert!(!same.is_empty() && same.iter().all(|r| r.1 == 0.0));
}

#[test]
fn a_swapped_json_line_is_aligned_the_right_way_round() {
    let line = serde_json::json!({
        "doc": "guru",
        "id": read(data("guru.en.txt")),
        "en": read(data("guru.id.txt")),
    });
    let out = selaras()
        .args(["batch", "-q", "-"])
        .write_stdin(format!("{line}\n"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let corpus = rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(corpus.len(), 7);
    assert!(
        corpus[0].2.starts_with("Kementerian Pendidikan"),
        "{:?}",
        corpus[0]
    );
}

#[test]
fn another_articles_english_is_not_a_translation() {
    let (out, err, code) = align("banjir.id.txt", "guru.en.txt");
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(
            "not a translation: its sentences rarely translate each other (document score 0.0"
        ),
        "{err}"
    );
    let rows = rows(&out);
    assert!(rows.len() >= 8);
    assert!(rows.iter().all(|r| r.1 < 0.5), "{rows:?}");
}

/// `banjir-guru.en.txt` translates the first three paragraphs of `banjir` and then holds
/// three of `guru`'s: the document is kept, the translated part scores high and the pairs
/// the alignment finds in the rest score below 0.5 (its own sentences, not a translation).
#[test]
fn pairs_in_a_part_the_other_side_does_not_translate_score_low() {
    let (out, err, code) = align("banjir.id.txt", "banjir-guru.en.txt");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "banjir-guru.en.txt: 2 pairs in a part the other side does not seem to translate, \
             scored below 0.5"
        ),
        "{err}"
    );
    let paired: Vec<_> = rows(&out)
        .into_iter()
        .filter(|r| !r.2.is_empty() && !r.3.is_empty())
        .collect();
    let guru = |r: &(String, f64, String, String)| {
        ["Teachers", "programme", "ministry", "teacher"]
            .iter()
            .any(|w| r.3.contains(w))
    };
    let (foreign, own): (Vec<_>, Vec<_>) = paired.iter().partition(|r| guru(r));
    assert!(own.len() >= 5 && own.iter().all(|r| r.1 > 0.9), "{own:?}");
    assert!(!foreign.is_empty(), "{paired:?}");
    assert!(foreign.iter().all(|r| r.1 < 0.5), "{foreign:?}");
}

#[test]
fn batch_lists_a_mispaired_document_and_keeps_a_partly_parallel_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tsv");
    let run = selaras()
        .arg("batch")
        .arg(data("manifest.tsv"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(
        err.contains(
            "selaras batch: 2 documents whose sides do not translate each other; 1 document \
             whose languages were swapped (aligned the right way round)\n"
        ),
        "{err}"
    );
    let errors = read(dir.path().join("out.tsv.errors.tsv"));
    let salah = errors.lines().find(|l| l.starts_with("salah\t")).unwrap();
    assert!(salah.ends_with(".txt\tnot a translation: its sentences rarely translate each other (document score 0.0000)") && salah.contains("guru.en.txt"), "{salah}");
    assert!(!errors.contains("pasar"), "{errors}");
    let corpus = rows(&read(&out));
    assert!(corpus.iter().all(|r| r.0 != "salah"));
    // The three translated paragraphs of `pasar`: five pairs, each scored high.
    let pasar: Vec<_> = corpus.iter().filter(|r| r.0 == "pasar").collect();
    assert_eq!(pasar.len(), 5);
    assert!(pasar.iter().all(|r| r.1 > 0.9), "{pasar:?}");
    let stats: Value = serde_json::from_str(&read(dir.path().join("out.tsv.stats.json"))).unwrap();
    assert_eq!(stats["documents"]["not_parallel"], 2);
}

#[test]
fn quiet_align_of_a_pair_that_is_not_a_translation_still_exits_with_3() {
    let run = selaras()
        .args(["align", "-q"])
        .arg(data("banjir.id.txt"))
        .arg(data("guru.en.txt"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!run.stdout.is_empty());
}

#[test]
fn a_page_with_the_original_beside_its_translation_aligns_the_translation() {
    // The English file holds the English article, then the Indonesian one again.
    let (with_copy, err, code) = align("banjir.id.txt", "banjir-bilingual.en.txt");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("banjir-bilingual.en.txt: 5 lines are the Indonesian side's text again"),
        "{err}"
    );
    let (clean, _, _) = align("banjir.id.txt", "banjir.en.txt");
    let texts = |out: &str| -> Vec<(String, String)> {
        rows(out).into_iter().map(|r| (r.2, r.3)).collect()
    };
    assert_eq!(texts(&with_copy), texts(&clean));
}

#[test]
fn a_swapped_pair_is_named_after_its_files_without_the_language() {
    let dir = tempfile::tempdir().unwrap();
    for side in ["id", "en"] {
        std::fs::copy(
            data(&format!("guru.{side}.txt")),
            dir.path().join(format!("guru.{side}.txt")),
        )
        .unwrap();
    }
    // The English file given first.
    let out = selaras()
        .args(["align", "-f", "jsonl", "-q"])
        .arg(dir.path().join("guru.en.txt"))
        .arg(dir.path().join("guru.id.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let first = String::from_utf8_lossy(&out.stdout);
    let first: Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
    assert_eq!(first["doc"], "guru");
}

/// UTF-16 without a byte-order mark (little-endian on one side, big-endian on the other),
/// text with curly quotes and `é`, told by its zero bytes: aligned as the same text in
/// UTF-8. Latin-1 is still bad UTF-8, not taken for UTF-16.
#[test]
fn utf16_without_a_byte_order_mark_is_read() {
    let dir = |f: &str| test_data("utf16").join(f);
    let run = |id: &str, en: &str| {
        selaras()
            .args(["align", "--doc", "gempa"])
            .arg(dir(id))
            .arg(dir(en))
            .output()
            .unwrap()
    };
    let utf8 = run("gempa-utf8.id.txt", "gempa-utf8.en.txt");
    assert_eq!(utf8.status.code(), Some(0));
    let utf16 = run("gempa.id.txt", "gempa.en.txt");
    assert_eq!(utf16.status.code(), Some(0), "{utf16:?}");
    assert_eq!(utf16.stdout, utf8.stdout);
    assert!(String::from_utf8(utf8.stdout).unwrap().contains("André"));
    let latin1 = run("gempa-latin1.id.txt", "gempa-utf8.en.txt");
    assert_eq!(latin1.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(latin1.stderr).unwrap(),
        format!(
            "selaras: {}: invalid UTF-8 at byte 521 (line 7): it reads as an 8-bit encoding \
             such as Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)\n",
            dir("gempa-latin1.id.txt").display()
        )
    );
}
