//! `selaras align` end to end: the bundled corpus pairs align exactly as their gold says, the
//! output formats, `--gold`, `--presplit`, `--lexicon`, `--beads`, and usage errors.

use crate::common::{corpus, selaras};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const PAIRS: &[&str] = &["seed", "rupiah", "flyover", "dengue", "badminton"];

/// A temporary directory holding `id.txt` and `en.txt` with these texts.
fn pair_files(id: &str, en: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (pi, pe) = (dir.path().join("id.txt"), dir.path().join("en.txt"));
    std::fs::write(&pi, id).unwrap();
    std::fs::write(&pe, en).unwrap();
    (dir, pi, pe)
}

/// `selaras align OPTIONS ID EN`, which must succeed: its standard output.
fn align_stdout(options: &[&str], id: impl AsRef<Path>, en: impl AsRef<Path>) -> String {
    let out = selaras()
        .arg("align")
        .args(options)
        .arg(id.as_ref())
        .arg(en.as_ref())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `selaras align --presplit --format ladder` on a pair of texts: its output.
fn presplit_ladder(id: &str, en: &str) -> String {
    let (_dir, id, en) = pair_files(id, en);
    align_stdout(&["--presplit", "--format", "ladder"], id, en)
}

fn ladder_beads(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            let mut parts = l.splitn(3, ':');
            format!("{}:{}", parts.next().unwrap(), parts.next().unwrap_or(""))
        })
        .collect()
}

#[test]
fn corpus_pairs_align_exactly_as_their_gold() {
    for name in PAIRS {
        let id = corpus(&format!("{name}.id.txt"));
        if !id.exists() {
            continue;
        }
        let out = align_stdout(
            &["--format", "ladder"],
            &id,
            corpus(&format!("{name}.en.txt")),
        );
        let got = ladder_beads(&out);
        let gold: Vec<String> = std::fs::read_to_string(corpus(&format!("{name}.gold")))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.replace(' ', ""))
            .collect();
        assert_eq!(got, gold, "{name}");
    }
}

#[test]
fn gold_prints_scores_on_stderr() {
    selaras()
        .args(["align", "--format", "ladder", "--gold"])
        .arg(corpus("seed.gold"))
        .arg(corpus("seed.id.txt"))
        .arg(corpus("seed.en.txt"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("[0]:[0]:"))
        .stderr(predicate::str::contains("strict_F1").and(predicate::str::contains("1.0000")));
}

#[test]
fn tsv_has_header_and_one_row_per_bead() {
    let text = align_stdout(
        &["--whole-sentences", "--keep-empty"],
        corpus("rupiah.id.txt"),
        corpus("rupiah.en.txt"),
    );
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "doc\tid_idx\ten_idx\tbead\tscore\tid\ten"
    );
    let gold = std::fs::read_to_string(corpus("rupiah.gold")).unwrap();
    assert_eq!(
        lines.clone().count(),
        gold.lines().filter(|l| !l.trim().is_empty()).count()
    );
    for l in lines {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 7, "{l}");
        let s: f64 = f[4].parse().unwrap();
        assert!((0.0..=1.0).contains(&s));
    }
}

#[test]
fn jsonl_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    selaras()
        .args(["align", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(corpus("seed.id.txt"))
        .arg(corpus("seed.en.txt"))
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], serde_json::json!([0]));
    assert!(first["id_spans"].is_array());
}

#[test]
fn moses_writes_two_files() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("corpus");
    selaras()
        .args(["align", "--format", "moses", "-o"])
        .arg(&prefix)
        .arg(corpus("seed.id.txt"))
        .arg(corpus("seed.en.txt"))
        .assert()
        .success();
    let a = std::fs::read_to_string(dir.path().join("corpus.id")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("corpus.en")).unwrap();
    assert_eq!(a.lines().count(), b.lines().count());
}

#[test]
fn presplit_lexicon_and_beads() {
    let (dir, id, en) = pair_files(
        "Kucing itu tidur.\nAnjing menggonggong keras sekali.\n",
        "The cat sleeps.\nThe dog barks loudly.\n",
    );
    let lex = dir.path().join("lex.txt");
    std::fs::write(&lex, "cat @ kucing\nanjing\tdog\n").unwrap();
    selaras()
        .args([
            "align",
            "--presplit",
            "--format",
            "ladder",
            "--beads",
            "1-1,1-0,0-1",
            "--lexicon",
        ])
        .arg(&lex)
        .arg(&id)
        .arg(&en)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("[0]:[0]:").and(predicate::str::contains("[1]:[1]:")));
}

#[test]
fn presplit_line_of_two_sentences_pairs_with_two_lines() {
    // A merge: one Indonesian line holds what the English gives as two lines. Its bead counts
    // as two 1-1 beads would, so it is found and sure.
    let text = presplit_ladder(
        "Polisi menangkap dua tersangka di Bandung pada Selasa malam. Keduanya kini ditahan.\n",
        "Police arrested two suspects in Bandung on Tuesday night.\nBoth are now in custody.\n",
    );
    assert_eq!(ladder_beads(&text), vec!["[0]:[0,1]"]);
    let score: f64 = text.trim().rsplit(':').next().unwrap().parse().unwrap();
    assert!(score >= 0.9, "{text}");
}

#[test]
fn presplit_line_numbers_hold_with_unicode_separators_inside_a_line() {
    // Line k of a pre-split file is unit k, as for the tools that write and count such files:
    // a U+2028, NEL or form feed inside a line does not start a new one.
    let text = presplit_ladder(
        "Hujan turun\u{2028}sejak pagi.\nJalan di Bogor\u{85}tergenang.\nSekolah\x0cditutup.\n",
        "It has rained since morning.\nRoads in Bogor are flooded.\nSchools are closed.\n",
    );
    assert_eq!(ladder_beads(&text), vec!["[0]:[0]", "[1]:[1]", "[2]:[2]"]);
}

#[test]
fn usage_errors_exit_2() {
    let id = corpus("seed.id.txt");
    let en = corpus("seed.en.txt");
    selaras()
        .args(["align", "--beads", "1-1,5-1"])
        .arg(&id)
        .arg(&en)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("5-1"));
    selaras()
        .args(["align", "--format", "moses"])
        .arg(&id)
        .arg(&en)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o PREFIX"));
    selaras()
        .arg("align")
        .arg(&id)
        .arg("no/such/file.txt")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
    selaras()
        .args(["align", "--max-ratio", "0.9"])
        .arg(&id)
        .arg(&en)
        .assert()
        .code(2)
        .stdout("")
        .stderr("selaras: --max-ratio is below 1: every pair would be dropped (0: no bound)\n");
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("bad.lex");
    std::fs::write(&lex, "one two three\n").unwrap();
    selaras()
        .args(["align", "--lexicon"])
        .arg(&lex)
        .arg(&id)
        .arg(&en)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 1"));
}

#[test]
fn user_segmentation_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (id, en) = (dir.path().join("a.id"), dir.path().join("a.en"));
    std::fs::write(&id, "Satu; dua. Tiga.\n").unwrap();
    std::fs::write(&en, "One; two. Three.\n").unwrap();
    let rules = crate::common::test_data("split");
    selaras()
        .args(["align", "--format", "ladder", "--rules"])
        .arg(rules.join("semicolons.srx"))
        .arg(&id)
        .arg(&en)
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("[0]:[0]:").and(predicate::str::contains("\n[1]:[1]:")),
        );
    selaras()
        .args(["align", "--rules"])
        .arg(rules.join("bad_rules.srx"))
        .arg(&id)
        .arg(&en)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("bad_rules.srx: line 7"));
}

/// Where the translator joined two sentences with a comma, the 2-1 bead of the sentence
/// alignment is split at that comma into two 1-1 pairs (running text only; `--whole-sentences`
/// keeps the 2-1 bead). The expected pairs are the corpus's own (see corpus/*.gold).
#[test]
fn running_text_beads_split_at_clauses() {
    let rows = |name: &str, extra: &[&str]| -> Vec<(String, String, String)> {
        align_stdout(
            extra,
            corpus(&format!("{name}.id.txt")),
            corpus(&format!("{name}.en.txt")),
        )
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[3].to_string(), f[5].to_string(), f[6].to_string())
        })
        .collect()
    };
    let split = rows("dengue", &[]);
    let pair = |id: &str, en: &str| ("1-1".to_string(), id.to_string(), en.to_string());
    for want in [
        pair(
            "Angka itu naik 38 persen dibandingkan periode yang sama tahun lalu.",
            "up 38 percent from the same period last year.",
        ),
        pair(
            "Ia meminta masyarakat menjalankan gerakan 3M Plus,",
            "She urged the public to follow the 3M Plus campaign.",
        ),
        pair(
            "Perkiraan itu bergantung pada curah hujan dalam beberapa minggu mendatang.",
            "depending on rainfall in the coming weeks.",
        ),
        // Sentences that translate each other whole stay whole: three places where the
        // sentences disagree do not make a news article one whose units are clauses (the
        // finer search, clause against clause, is for such documents only).
        pair(
            "Namun, Siti menegaskan bahwa pengasapan hanya membunuh nyamuk dewasa.",
            "However, Siti stressed that fogging only kills adult mosquitoes.",
        ),
        pair(
            "Sebanyak 71 pasien dilaporkan meninggal dunia, sebagian besar anak-anak berusia di \
             bawah 14 tahun.",
            "A total of 71 patients were reported to have died, most of them children under the \
             age of 14.",
        ),
    ] {
        assert!(split.contains(&want), "{want:?} not in {split:#?}");
    }
    assert!(
        split
            .iter()
            .all(|r| ["1-1", "1-0", "0-1"].contains(&r.0.as_str()))
    );
    // The same text, only cut finer: joining the segments gives the whole-sentence output.
    let whole = rows("dengue", &["--whole-sentences"]);
    assert!(whole.iter().any(|r| r.0 == "2-1"));
    let join = |rows: &[(String, String, String)], side: usize| -> String {
        rows.iter()
            .map(|r| if side == 0 { r.1.clone() } else { r.2.clone() })
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(join(&split, 0), join(&whole, 0));
    assert_eq!(join(&split, 1), join(&whole, 1));
    // `--clause-pairs never` changes nothing here; `always` pairs clause with clause.
    assert_eq!(rows("dengue", &["--clause-pairs", "never"]), split);
    let finer = rows("dengue", &["--clause-pairs", "always"]);
    assert!(finer.len() > split.len());
    assert!(finer.contains(&pair("Namun,", "However,")), "{finer:#?}");
    assert_eq!(join(&finer, 0), join(&whole, 0));
    assert_eq!(join(&finer, 1), join(&whole, 1));
}

#[test]
fn side_by_side_has_a_header_per_bead_within_the_width() {
    let pair = |format: &str, extra: &[&str]| -> String {
        let options: Vec<&str> = ["--format", format]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        align_stdout(
            &options,
            corpus("badminton.id.txt"),
            corpus("badminton.en.txt"),
        )
    };
    let side = pair("side", &["--width", "60"]);
    let jsonl = pair("jsonl", &[]);
    // One header per bead, with the bead's indices, type and score as the other formats say.
    let headers: Vec<&str> = side.lines().filter(|l| l.starts_with('[')).collect();
    let expected: Vec<String> = jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let list = |k: &str| {
                v[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            format!(
                "[{}]:[{}]  {}  {:.4}",
                list("id"),
                list("en"),
                v["bead"].as_str().unwrap(),
                v["score"].as_f64().unwrap()
            )
        })
        .collect();
    assert_eq!(headers, expected);
    assert!(side.lines().all(|l| l.chars().count() <= 60), "{side}");
    // Narrower than two columns of 10 and the gutter, or wider than any page: a usage error
    // (a format width over 65,535 panicked before).
    for (width, message) in [("22", "at least 23"), ("131080", "at most 10000")] {
        selaras()
            .args(["align", "-f", "side", "--width", width])
            .arg(corpus("badminton.id.txt"))
            .arg(corpus("badminton.en.txt"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn wrapped_clause_pieces_point_into_the_input() {
    // The English sentence runs over a line break (with indentation); the clause alignment cuts
    // it after "this year,": each piece's span must still hold exactly its words.
    let (_dir, id, en) = pair_files(
        "Dinas Kesehatan Provinsi Jawa Barat mencatat 12.480 kasus demam berdarah dengue (DBD) \
         sejak Januari hingga pertengahan Oktober tahun ini. Angka itu naik 38 persen \
         dibandingkan periode yang sama tahun lalu.\n",
        "The West Java provincial health agency\r\n      recorded 12,480 cases of dengue \
         hemorrhagic fever from January to mid-October this year, up 38 percent from the same \
         period last year.\n",
    );
    let text = align_stdout(&["--wrapped", "--format", "jsonl"], &id, &en);
    let inputs = [std::fs::read(&id).unwrap(), std::fs::read(&en).unwrap()];
    assert_eq!(text.lines().count(), 2, "{text}");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for (side, input) in ["id", "en"].iter().zip(&inputs) {
            let spans = v[format!("{side}_spans")].as_array().unwrap();
            let words: Vec<String> = spans
                .iter()
                .map(|s| {
                    let (a, b) = (
                        s[0].as_u64().unwrap() as usize,
                        s[1].as_u64().unwrap() as usize,
                    );
                    let raw = std::str::from_utf8(&input[a..b]).unwrap();
                    raw.split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .collect();
            assert_eq!(words.join(" "), v[format!("{side}_text")], "{line}");
        }
    }
}

#[test]
fn wrapped_pair_aligns_sentence_by_sentence() {
    let text = align_stdout(
        &["--wrapped", "--format", "ladder"],
        "tests/data/wrapped/flood.id.txt",
        "tests/data/wrapped/flood.en.txt",
    );
    assert_eq!(
        ladder_beads(&text),
        vec!["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"]
    );
}

#[test]
fn doc_field_names_the_pair() {
    // As batch names NAME.id.txt: the Indonesian file's name without `.txt` and `.id`.
    let tsv = align_stdout(&[], corpus("seed.id.txt"), corpus("seed.en.txt"));
    let docs: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert!(
        !docs.is_empty() && docs.iter().all(|d| *d == "seed"),
        "{docs:?}"
    );
    let jsonl = align_stdout(
        &["--doc", "berita-42", "-f", "jsonl"],
        corpus("seed.id.txt"),
        corpus("seed.en.txt"),
    );
    assert!(
        jsonl
            .lines()
            .all(|l| l.starts_with(r#"{"doc":"berita-42","#)),
        "{jsonl}"
    );
}

/// The indices of a ladder line's side (`[0,1]`).
fn ladder_side(s: &str) -> Vec<usize> {
    let s = s.trim_start_matches('[').trim_end_matches(']');
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(|x| x.parse().unwrap())
        .collect()
}

/// A pair with one side 20 times the other's length (one word a line, so nearly every line
/// of the long side is left unpaired) aligns, either way round, into beads that hold every
/// line of both sides exactly once: the searches again of the band stay within their budget
/// instead of widening over the whole document (docs/align.md, "Speed and memory").
#[test]
fn very_uneven_pair_aligns_every_line_once() {
    let ids = [
        "rumah", "air", "kota", "buku", "jalan", "anak", "hari", "malam",
    ];
    let ens = [
        "house", "water", "city", "book", "road", "child", "day", "night",
    ];
    let side = |words: &[&str], n: usize, seed: usize| -> String {
        (0..n)
            .map(|k| format!("{}\n", words[(k * 7 + k / 3 + seed) % words.len()]))
            .collect()
    };
    let (long, short) = (20_000, 1_000);
    for (n, m) in [(long, short), (short, long)] {
        let (_dir, id, en) = pair_files(&side(&ids, n, 1), &side(&ens, m, 5));
        // Word lists repeated are no translation of each other: written all the same, exit
        // code 3.
        let out = selaras()
            .args(["align", "--presplit", "--format", "ladder"])
            .arg(&id)
            .arg(&en)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 3)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let ladder = String::from_utf8(out.stdout).unwrap();
        let (mut seen_id, mut seen_en) = (vec![0; n], vec![0; m]);
        for line in ladder.lines() {
            let mut parts = line.split(':');
            let (a, b) = (parts.next().unwrap(), parts.next().unwrap());
            ladder_side(a).into_iter().for_each(|i| seen_id[i] += 1);
            ladder_side(b).into_iter().for_each(|j| seen_en[j] += 1);
        }
        assert!(
            seen_id.iter().all(|&c| c == 1),
            "{n} × {m}: an Indonesian line not once"
        );
        assert!(
            seen_en.iter().all(|&c| c == 1),
            "{n} × {m}: an English line not once"
        );
    }
}

#[test]
fn a_directory_given_as_a_file_is_named_and_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.txt");
    std::fs::write(&en, "One sentence.\n").unwrap();
    selaras()
        .arg("align")
        .arg(dir.path())
        .arg(&en)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "selaras: {}: is a directory, not a file\n",
            dir.path().display()
        ));
}

#[test]
fn an_output_in_a_directory_where_no_file_can_be_made_gives_the_reason() {
    // `/proc` exists, but no file can be created in it: the message must not say it is
    // missing.
    if !Path::new("/proc/self").exists() {
        return;
    }
    let (id, en) = (corpus("dengue.id.txt"), corpus("dengue.en.txt"));
    selaras()
        .arg("align")
        .arg(&id)
        .arg(&en)
        .args(["-o", "/proc/x.tsv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "selaras: output /proc/x.tsv: cannot create a temporary file in /proc: ",
        ));
    selaras()
        .args(["batch", "-q", "-f", "ladder", "-o", "/proc/ladders"])
        .arg(corpus(""))
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "selaras: output /proc/ladders: cannot create a temporary directory in /proc: ",
        ));
}

#[test]
fn a_gold_of_another_document_is_refused_as_eval_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o.tsv");
    let gold = corpus("seed.gold");
    selaras()
        .args(["align", "--gold"])
        .arg(&gold)
        .arg(corpus("dengue.id.txt"))
        .arg(corpus("dengue.en.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::starts_with(format!(
                "selaras: {}: gold and prediction cover different sentences (Indonesian: gold 12 \
                 sentences in 0..=11, prediction ",
                gold.display()
            ))
            .and(predicate::str::ends_with(
                "): not alignments of one segmentation of one document\n",
            ))
            .and(predicate::function(|e: &str| e.lines().count() == 1)),
        );
    assert!(!out.exists(), "no output is written");
}
