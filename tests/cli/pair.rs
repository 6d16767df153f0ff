//! `selaras pair` end to end: the bundled articles under other names among distractors,
//! every kind of bad input, the input forms, and `selaras batch` reading the manifest.

use crate::common::{read, selaras};
use std::path::{Path, PathBuf};

const ARTICLES: [&str; 5] = ["badminton", "dengue", "flyover", "rupiah", "seed"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The TSV rows of a file, header first.
fn rows(p: impl AsRef<Path>) -> Vec<Vec<String>> {
    read(p)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// The Indonesian and English file names given to article `k`: shuffled, unrelated to the
/// article, the English ones in a subdirectory.
fn names(k: usize) -> (String, String) {
    (
        format!("artikel-{}.txt", [3, 0, 4, 1, 2][k]),
        format!("2025/story{}.txt", [1, 4, 2, 0, 3][k]),
    )
}

/// Two piles in `dir/id` and `dir/en`: the five bundled articles under shuffled names and
/// the good distractors of `tests/data/pair` (documents without a partner).
fn piles(dir: &Path) {
    for side in ["id", "en"] {
        std::fs::create_dir_all(dir.join(side).join("2025")).unwrap();
    }
    for (k, a) in ARTICLES.iter().enumerate() {
        let (i, e) = names(k);
        let corpus = root().join("corpus");
        std::fs::copy(corpus.join(format!("{a}.id.txt")), dir.join("id").join(i)).unwrap();
        std::fs::copy(corpus.join(format!("{a}.en.txt")), dir.join("en").join(e)).unwrap();
    }
    let data = root().join("tests/data/pair");
    for f in ["id/panen-padi.txt", "id/perpustakaan-desa.txt"] {
        std::fs::copy(data.join(f), dir.join(f)).unwrap();
    }
    for f in ["en/ferry-schedule.txt", "en/coral-garden.txt"] {
        std::fs::copy(data.join(f), dir.join(f)).unwrap();
    }
}

/// The manifest rows a correct pairing of [`piles`] gives, relative to `dir/out`.
fn expected_pairs() -> Vec<(String, String, String)> {
    let mut want: Vec<(String, String, String)> = (0..5)
        .map(|k| {
            let (i, e) = names(k);
            (
                i.trim_end_matches(".txt").to_string(),
                format!("../id/{i}"),
                format!("../en/{e}"),
            )
        })
        .collect();
    want.sort();
    want
}

fn pairs_of(manifest: &Path) -> Vec<(String, String, String)> {
    let rows = rows(manifest);
    assert_eq!(rows[0], ["doc", "id", "en", "score"]);
    rows[1..]
        .iter()
        .map(|r| {
            let score: f64 = r[3].parse().unwrap();
            assert!((0.3..=1.0).contains(&score), "{r:?}");
            (r[0].clone(), r[1].clone(), r[2].clone())
        })
        .collect()
}

#[test]
fn bundled_articles_pair_exactly_among_distractors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    std::fs::create_dir(d.join("out")).unwrap();
    let manifest = d.join("out/pairs.tsv");
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "out/pairs.tsv", "-j", "2"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("5 pairs"), "{stderr}");
    assert_eq!(pairs_of(&manifest), expected_pairs());
    // The four distractors are left without a partner, none as bad input; the files are
    // named relative to the unpaired file's directory, as the manifest names them.
    let unpaired = rows(d.join("out/pairs.tsv.unpaired.tsv"));
    assert_eq!(unpaired[0], ["side", "file", "best", "score", "reason"]);
    let files: Vec<&str> = unpaired[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        files,
        [
            "../id/panen-padi.txt",
            "../id/perpustakaan-desa.txt",
            "../en/coral-garden.txt",
            "../en/ferry-schedule.txt"
        ]
    );
    // Their best candidates are named as the `file` column names documents.
    for r in &unpaired[1..] {
        let other = if r[0] == "id" { "../en/" } else { "../id/" };
        assert!(r[2].is_empty() || r[2].starts_with(other), "{r:?}");
    }
    // One thread gives the same files.
    let again = d.join("out/again.tsv");
    selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "out/again.tsv", "-j", "1", "-q"])
        .assert()
        .code(0)
        .stderr("");
    assert_eq!(read(&again), read(&manifest));
    assert_eq!(
        read(d.join("out/again.tsv.unpaired.tsv")),
        read(d.join("out/pairs.tsv.unpaired.tsv"))
    );
    // `selaras batch` reads the manifest as it is.
    let out = selaras()
        .arg("batch")
        .arg(&manifest)
        .arg("-o")
        .arg(d.join("out/corpus.tsv"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("5 documents (5 ok, 0 failed)"), "{stderr}");
}

/// A new directory holding `files` of `tests/data/pair` at the same relative paths.
fn copied(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("tests/data/pair");
    for f in files {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(data.join(f), to).unwrap();
    }
    dir
}

#[test]
fn a_lone_unrelated_pair_is_not_a_translation() {
    // One document a side, on different topics: with no rival to stand out from, the pair
    // must carry evidence of its own, and it has none.
    let dir = copied(&["id/panen-padi.txt", "en/ferry-schedule.txt"]);
    let d = dir.path();
    selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "pairs.tsv", "-q"])
        .assert()
        .code(0);
    assert_eq!(read(d.join("pairs.tsv")), "doc\tid\ten\tscore\n");
    let unpaired = rows(d.join("pairs.tsv.unpaired.tsv"));
    assert_eq!(unpaired.len(), 3, "{unpaired:?}");
    for r in &unpaired[1..] {
        let score: f64 = r[3].parse().unwrap();
        assert!(score < 0.1, "{r:?}");
        assert!(r[4].starts_with("no candidate scores 0.3 or more"), "{r:?}");
    }
}

#[test]
fn two_articles_on_the_same_kind_of_story_are_refused_once_aligned() {
    // Two peat and forest fire reports, neither a translation of the other, beside a true
    // pair: their words and numbers give them a high pair score, but aligned, hardly a
    // sentence translates another. They are listed with why; the true pair stays.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let near = root().join("tests/data/pair/near");
    for (side, f) in [("id", "kebakaran-gambut.txt"), ("en", "forest-fires.txt")] {
        std::fs::create_dir_all(d.join(side)).unwrap();
        std::fs::copy(near.join(side).join(f), d.join(side).join(f)).unwrap();
        let dengue = format!("dengue.{side}.txt");
        std::fs::copy(
            root().join("corpus").join(&dengue),
            d.join(side).join(&dengue),
        )
        .unwrap();
    }
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "pairs.tsv"])
        .assert()
        .code(3);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains(
            "selaras pair: 2 documents without a partner because their pair was refused once \
             aligned, as not a translation"
        ),
        "{err}"
    );
    let pairs = rows(d.join("pairs.tsv"));
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert_eq!(pairs[1][0], "dengue.id");
    let unpaired = rows(d.join("pairs.tsv.unpaired.tsv"));
    assert_eq!(unpaired.len(), 3, "{unpaired:?}");
    for r in &unpaired[1..] {
        assert!(
            r[4].starts_with("paired by its score, then refused once the two were aligned"),
            "{r:?}"
        );
        assert!(r[4].contains("document score 0.0"), "{r:?}");
    }
}

#[test]
fn a_document_left_alone_beside_an_unreadable_one_says_so() {
    // The Indonesian documents cannot be used (one unreadable, one empty): the English one's
    // row says that its partner may be among them.
    let dir = copied(&["id/rusak.txt", "id/kosong.txt", "en/ferry-schedule.txt"]);
    let d = dir.path();
    selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "pairs.tsv", "-q"])
        .assert()
        .code(3);
    let unpaired = rows(d.join("pairs.tsv.unpaired.tsv"));
    let en = unpaired.iter().find(|r| r[0] == "en").unwrap();
    assert!(
        en[4].ends_with(
            "; 2 documents of the other side could not be used, and its partner may be among them"
        ),
        "{en:?}"
    );
}

#[test]
fn bad_inputs_are_listed_with_their_reason_and_the_run_completes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    let data = root().join("tests/data/pair");
    for f in [
        "id/kosong.txt",
        "id/rusak.txt",
        "id/salah-bahasa.txt",
        "en/blank.txt",
    ] {
        std::fs::copy(data.join(f), d.join(f)).unwrap();
    }
    // The same article twice on the Indonesian side: the second copy is refused.
    let (first, _) = names(1);
    std::fs::copy(d.join("id").join(&first), d.join("id/zz-salinan.txt")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "out/pairs.tsv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("5 unusable"), "{stderr}");
    assert_eq!(pairs_of(&d.join("out/pairs.tsv")), expected_pairs());
    let unpaired = rows(d.join("out/pairs.tsv.unpaired.tsv"));
    let reason = |file: &str| -> String {
        let row = unpaired.iter().find(|r| r[1] == format!("../{file}"));
        row.unwrap_or_else(|| panic!("{file} not in {unpaired:?}"))[4].clone()
    };
    assert_eq!(reason("id/kosong.txt"), "input is empty");
    assert_eq!(reason("en/blank.txt"), "input holds only whitespace");
    assert_eq!(
        reason("id/rusak.txt"),
        "invalid UTF-8 at byte 31 (line 1): it reads as an 8-bit encoding such as \
         Windows-1252: convert it to UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)"
    );
    // An English text among the Indonesian documents would join the English ones, but one of
    // them has its text already.
    assert_eq!(
        reason("id/salah-bahasa.txt"),
        "wrong language: the text reads as English, not Indonesian, and the English \
         documents have its name or its text already"
    );
    // The copy kept is named as the file column names documents: relative to the unpaired
    // file's directory, so that two piles' files of one name are told apart.
    assert_eq!(
        reason("id/zz-salinan.txt"),
        format!("the same text as ../id/{first}")
    );
}

#[test]
fn json_lines_and_list_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    // Indonesian as JSON Lines on stdin, English as a list file (paths relative to it).
    let mut jsonl = String::new();
    for (k, a) in ARTICLES.iter().enumerate() {
        let text = read(root().join(format!("corpus/{a}.id.txt")));
        let doc = serde_json::json!({"doc": format!("doc{k}"), "text": text});
        jsonl.push_str(&format!("{doc}\n"));
    }
    jsonl.push_str("{\"doc\": \"broken\"\n");
    jsonl.push_str("[\"doc9\", \"Teks.\"]\n");
    let list: String = (0..5).map(|k| format!("en/{}\n", names(k).1)).collect();
    std::fs::write(d.join("english.list"), list).unwrap();
    let out = selaras()
        .current_dir(d)
        .args(["pair", "-", "english.list", "--unpaired", "left.tsv"])
        .write_stdin(jsonl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let manifest = String::from_utf8(out.stdout).unwrap();
    let got: Vec<(&str, &str)> = manifest
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[1], f[2])
        })
        .collect();
    let want: Vec<(String, String)> = (0..5)
        .map(|k| (format!("doc{k}"), format!("en/{}", names(k).1)))
        .collect();
    let want: Vec<(&str, &str)> = want.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
    let left = read(d.join("left.tsv"));
    assert!(
        left.contains("<stdin>:6\t\t\tinvalid JSON document"),
        "{left}"
    );
    // A line that is JSON but not an object says what a line must be.
    assert!(
        left.contains(
            "<stdin>:7\t\t\texpected a JSON object {\"doc\": …, \"text\": …}, not an array\n"
        ),
        "{left}"
    );
}

/// Without an unpaired file (the manifest on standard output), every document left without
/// a partner is one line on stderr, with `-q` too (as `batch` names its failed documents
/// without an errors file); with a file, `-q` is silent.
#[test]
fn documents_left_out_are_named_on_stderr_when_no_file_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    std::fs::copy(
        root().join("tests/data/pair/id/kosong.txt"),
        d.join("id/kosong.txt"),
    )
    .unwrap();
    for quiet in [true, false] {
        let out = selaras()
            .current_dir(d)
            .args(["pair", "id", "en", "-j", "1"])
            .args(quiet.then_some("-q"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "quiet {quiet}");
        let manifest = String::from_utf8(out.stdout).unwrap();
        assert_eq!(manifest.lines().count(), 6, "{manifest}");
        let err = String::from_utf8(out.stderr).unwrap();
        let named: Vec<&str> = err
            .lines()
            .filter(|l| !l.contains(" Indonesian x "))
            .collect();
        let files: Vec<&str> = named
            .iter()
            .map(|l| {
                l.strip_prefix("selaras pair: ")
                    .unwrap()
                    .split(": ")
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            files,
            [
                "id/kosong.txt",
                "id/panen-padi.txt",
                "id/perpustakaan-desa.txt",
                "en/coral-garden.txt",
                "en/ferry-schedule.txt"
            ],
            "{err}"
        );
        assert_eq!(named[0], "selaras pair: id/kosong.txt: input is empty");
        for l in &named[1..] {
            assert!(l.contains(": no candidate"), "{l}");
        }
        // The summary only without -q.
        assert_eq!(
            err.lines().count(),
            named.len() + usize::from(!quiet),
            "{err}"
        );
    }
    selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-q", "-o", "pairs.tsv"])
        .assert()
        .code(3)
        .stderr("");
}

#[test]
fn usage_errors() {
    selaras()
        .args(["pair", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "only one of ID_INPUT and EN_INPUT",
        ));
    selaras()
        .args(["pair", "no/such/dir", "no/such/other"])
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with("selaras: no/such/dir: "));
    selaras()
        .args(["pair", "a", "b", "--min-score", "1.5"])
        .assert()
        .code(2);
}

#[test]
fn no_output_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    let before = read(d.join("id/artikel-0.txt"));
    for args in [
        ["-o", "id/artikel-0.txt"],
        ["--unpaired", "en/2025/story1.txt"],
    ] {
        selaras()
            .current_dir(d)
            .args(["pair", "id", "en"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("input"));
    }
    assert_eq!(read(d.join("id/artikel-0.txt")), before);
    // `-o -` is standard output, and no `-.unpaired.tsv` is written.
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "-", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 6);
    assert!(!d.join("-.unpaired.tsv").exists());
}

#[test]
fn one_document_a_side_reads_as_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for side in ["id", "en"] {
        std::fs::create_dir(d.join(side)).unwrap();
        let f = format!("dengue.{side}.txt");
        std::fs::copy(root().join("corpus").join(&f), d.join(side).join(f)).unwrap();
    }
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "pairs.tsv"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.starts_with(
            "selaras pair: 1 Indonesian x 1 English document, 1 pair (score >= 0.3), \
             0 without a partner, 0 unusable, 1 candidate scored in "
        ),
        "{err}"
    );
}

/// Piles given the wrong way round: every document is taken as the language it reads as, so
/// the pairs are those of the right way round, and the summary says what probably happened.
#[test]
fn piles_given_the_wrong_way_round_are_named() {
    let dir = tempfile::tempdir().unwrap();
    piles(dir.path());
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let out = selaras()
        .args(["pair"])
        .arg(dir.path().join("en"))
        .arg(dir.path().join("id"))
        .arg("-o")
        .arg(dir.path().join("out/m.tsv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("were ID_INPUT and EN_INPUT given the wrong way round? Each document was paired as the language it reads as") && err.contains("in the other pile's language"),
        "{err}"
    );
    assert_eq!(pairs_of(&dir.path().join("out/m.tsv")), expected_pairs());
    // The right way round: no such line.
    let out = selaras()
        .args(["pair", "-q"])
        .arg(dir.path().join("id"))
        .arg(dir.path().join("en"))
        .arg("-o")
        .arg(dir.path().join("m2.tsv"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrong way round"));
}

/// The unpaired file names files relative to its own directory, as the manifest does, so that
/// the two can be moved together: the documents, their best candidates, and the list file of
/// a `LIST:LINE` place; through a symbolic link, the directory the file is written in.
#[test]
fn the_unpaired_file_names_files_relative_to_its_own_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    std::fs::copy(
        root().join("tests/data/pair/id/kosong.txt"),
        d.join("id/kosong.txt"),
    )
    .unwrap();
    std::fs::create_dir_all(d.join("lists")).unwrap();
    let mut list: String = (0..5).map(|k| format!("../en/{}\n", names(k).1)).collect();
    list.push_str("../en/coral-garden.txt\n../en/ferry-schedule.txt\n../en/hilang.txt\n");
    std::fs::write(d.join("lists/en.list"), list).unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    selaras()
        .current_dir(d)
        .args(["pair", "id", "lists/en.list", "-q", "-o", "sub/p.tsv"])
        .assert()
        .code(3);
    let unpaired = rows(d.join("sub/p.tsv.unpaired.tsv"));
    let got: Vec<[&str; 3]> = (unpaired[1..].iter())
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str()])
        .collect();
    assert_eq!(
        got,
        [
            ["id", "../id/kosong.txt", ""],
            ["id", "../id/panen-padi.txt", "../en/ferry-schedule.txt"],
            [
                "id",
                "../id/perpustakaan-desa.txt",
                "../en/coral-garden.txt"
            ],
            [
                "en",
                "../en/coral-garden.txt",
                "../id/perpustakaan-desa.txt"
            ],
            ["en", "../en/ferry-schedule.txt", "../id/panen-padi.txt"],
            ["en", "../lists/en.list:8", ""],
        ]
    );
    // The manifest names its files alike.
    assert_eq!(pairs_of(&d.join("sub/p.tsv")), expected_pairs());
    // Elsewhere, with the manifest on standard output: relative to the unpaired file still.
    let unpaired_to = |file: &str| {
        selaras()
            .current_dir(d)
            .args(["pair", "id", "lists/en.list", "-q", "--unpaired", file])
            .assert()
            .code(3);
    };
    std::fs::create_dir_all(d.join("a/b")).unwrap();
    unpaired_to("a/b/left.tsv");
    let left = rows(d.join("a/b/left.tsv"));
    assert_eq!(left[1][1], "../../id/kosong.txt");
    assert_eq!(left[2][2], "../../en/ferry-schedule.txt");
    assert_eq!(left[6][1], "../../lists/en.list:8");
    // Through a symbolic link: relative to the directory the file is written in.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("a/b/far.tsv", d.join("link.tsv")).unwrap();
        unpaired_to("link.tsv");
        let far = rows(d.join("a/b/far.tsv"));
        assert_eq!(far[1][1], "../../id/kosong.txt");
    }
}

/// A file a list names that does not exist is reported at the list's line, as `batch`
/// reports a manifest row's (`m.tsv:5: file … not found`).
#[test]
fn a_missing_file_of_a_list_is_named_at_its_line() {
    let out = selaras()
        .current_dir(root())
        .args([
            "pair",
            "tests/data/pair/lists/id.list",
            "tests/data/pair/lists/en.list",
            "-q",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.lines().any(|l| l
            == "selaras pair: tests/data/pair/lists/en.list:4: file ../en/hilang.txt not found"),
        "{err}"
    );
    // The files that are there are named as before.
    assert!(
        err.contains("selaras pair: tests/data/pair/lists/../en/ferry-schedule.txt: "),
        "{err}"
    );
}

/// A `.txt` symbolic link whose target is missing, inside a directory read, is a document
/// that cannot be used, named with the link's target (as `batch` names it), not skipped.
#[cfg(unix)]
#[test]
fn a_broken_link_in_a_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    std::os::unix::fs::symlink("hilang.txt", d.join("id/lepas.txt")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-q", "-o", "out/pairs.tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{:?}", out);
    assert_eq!(pairs_of(&d.join("out/pairs.tsv")), expected_pairs());
    let unpaired = rows(d.join("out/pairs.tsv.unpaired.tsv"));
    let row = unpaired.iter().find(|r| r[1] == "../id/lepas.txt");
    assert_eq!(
        row.unwrap_or_else(|| panic!("{unpaired:?}"))[4],
        "a broken symbolic link (its target hilang.txt does not exist)"
    );
    // Without an unpaired file, it is a line on stderr.
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.lines().any(|l| l
            == "selaras pair: id/lepas.txt: a broken symbolic link (its target hilang.txt does not exist)"),
        "{err}"
    );
}

/// Two long documents (the bundled articles 80 times over: 7,000 and 6,400 sentences) are
/// scored in memory that grows with their length, not with the product of their lengths:
/// under a 1 GB address-space limit (the cover masks of every sentence pair alone would take
/// 1.4 GB).
#[test]
fn two_long_documents_pair_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for side in ["id", "en"] {
        let article: Vec<String> = ARTICLES
            .iter()
            .map(|a| read(root().join("corpus").join(format!("{a}.{side}.txt"))))
            .collect();
        std::fs::create_dir(d.join(side)).unwrap();
        let text = format!("{}\n\n", article.join("\n\n")).repeat(80);
        std::fs::write(d.join(side).join("long.txt"), text).unwrap();
    }
    let out = std::process::Command::new("sh")
        .current_dir(d)
        .args(["-c", "ulimit -v 1000000 && exec \"$0\" pair -q id en"])
        .arg(env!("CARGO_BIN_EXE_selaras"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let manifest = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        manifest,
        "doc\tid\ten\tscore\nlong\tid/long.txt\ten/long.txt\t1.0000\n"
    );
}

/// An article given where its directory was meant is read as a list file, and none of its
/// lines names a file: one error line and exit 2, not a "file … not found" row per line.
#[test]
fn an_article_given_for_a_side_is_not_read_as_a_list() {
    let out = selaras()
        .current_dir(root())
        .args(["pair", "corpus/dengue.id.txt", "corpus"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    let lines = read(root().join("corpus/dengue.id.txt"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(
        err,
        format!(
            "selaras: corpus/dengue.id.txt: not a list of documents: none of its {lines} lines \
             names a file (a side is a directory of .txt files, a list file of paths relative \
             to it, or JSON Lines)\n"
        )
    );
    assert!(out.stdout.is_empty());
}

/// A symbolic link to a directory is followed (its files are named by the link's name), as
/// `batch` follows it; a link back to a directory on its own way down (a loop) is a document
/// that cannot be used, naming the link, and the pairing is the same.
#[cfg(unix)]
#[test]
fn a_linked_directory_is_read_and_a_loop_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    std::fs::rename(d.join("en/2025"), d.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", d.join("en/2025")).unwrap();
    std::os::unix::fs::symlink("../en", d.join("elsewhere/loop")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-q", "-o", "out/pairs.tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{:?}", out);
    // The manifest names each file through the real directory it is in, as always.
    let want: Vec<(String, String, String)> = (expected_pairs().into_iter())
        .map(|(doc, id, en)| (doc, id, en.replace("../en/2025/", "../elsewhere/")))
        .collect();
    assert_eq!(pairs_of(&d.join("out/pairs.tsv")), want);
    let unpaired = rows(d.join("out/pairs.tsv.unpaired.tsv"));
    // Named as the manifest names a file, through the real directory it is in.
    let row = unpaired.iter().find(|r| r[1] == "../elsewhere/loop");
    assert_eq!(
        row.unwrap_or_else(|| panic!("{unpaired:?}"))[4],
        "a symbolic link loop: it leads back to the input directory, which holds it; not followed"
    );
}

/// A pair whose two articles were crawled into each other's pile (the Indonesian article
/// among the English documents, its translation among the Indonesian ones): each is taken
/// as the language it reads as, the pair is found, and the summary names them.
#[test]
fn a_pair_in_each_others_piles_is_paired() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    let (i, e) = names(2);
    std::fs::rename(d.join("id").join(&i), d.join("en").join("tertukar.txt")).unwrap();
    std::fs::rename(d.join("en").join(&e), d.join("id").join("swapped.txt")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-o", "out/m.tsv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "2 documents in the other pile's language, taken as the language they read as: \
             en/tertukar.txt (Indonesian), id/swapped.txt (English)"
        ),
        "{err}"
    );
    let pairs = pairs_of(&d.join("out/m.tsv"));
    assert_eq!(pairs.len(), 5, "{pairs:?}");
    assert!(
        pairs.contains(&(
            "tertukar".to_string(),
            "../en/tertukar.txt".to_string(),
            "../id/swapped.txt".to_string()
        )),
        "{pairs:?}"
    );
}

/// A `.TXT` file in a pile is an unusable document saying why, not passed over.
#[test]
fn a_file_with_its_extension_in_capitals_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    piles(d);
    std::fs::rename(
        d.join("en/ferry-schedule.txt"),
        d.join("en/ferry-schedule.TXT"),
    )
    .unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let out = selaras()
        .current_dir(d)
        .args(["pair", "id", "en", "-q", "-o", "out/pairs.tsv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(pairs_of(&d.join("out/pairs.tsv")), expected_pairs());
    let unpaired = rows(d.join("out/pairs.tsv.unpaired.tsv"));
    let row = unpaired.iter().find(|r| r[1] == "../en/ferry-schedule.TXT");
    assert_eq!(
        row.unwrap_or_else(|| panic!("{unpaired:?}"))[4],
        "its extension is not `.txt` in lower case, which the documents of a directory have: rename the file"
    );
}
