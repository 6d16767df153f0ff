//! Layout detection end to end: hard-wrapped text is found without `--wrapped`, read as
//! `--wrapped` reads it, and named on stderr (`split`, `align`) and in the stats (`batch`);
//! `--no-wrapped` reads every line break as a paragraph end.
//!
//! `tests/data/layout/pasar.{id,en}.txt` is a short news article, one paragraph per line with
//! blank lines between, under a headline; `pasar72` is the same text hard-wrapped at 72
//! columns, `pasar66` at 66 columns with no blank lines between paragraphs (as text taken from
//! a PDF).

use crate::common::{selaras, test_data};
use serde_json::Value;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    test_data("layout").join(name)
}

/// Standard output and standard error of a run that must succeed.
fn run(args: &[&str], files: &[PathBuf]) -> (String, String) {
    let out = selaras().args(args).args(files).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{err}");
    (String::from_utf8(out.stdout).unwrap(), err)
}

/// The sentences of a file as `selaras split` finds them: (paragraph, text).
fn split(lang: &str, file: &str, options: &[&str]) -> (Vec<(u64, String)>, String) {
    let mut args = vec!["split", "--lang", lang, "--format", "jsonl"];
    args.extend(options);
    let (out, err) = run(&args, &[data(file)]);
    let rows = out
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["para"].as_u64().unwrap(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (rows, err)
}

#[test]
fn wrapped_text_splits_as_the_unwrapped_text() {
    for lang in ["id", "en"] {
        let (plain, err) = split(lang, &format!("pasar.{lang}.txt"), &[]);
        assert_eq!(plain.len(), 9);
        assert_eq!(err, "", "an unwrapped text is not named");
        for file in ["pasar72", "pasar66"] {
            let name = format!("{file}.{lang}.txt");
            let (wrapped, err) = split(lang, &name, &[]);
            assert_eq!(wrapped, plain, "{name}");
            // One line naming the file and the width.
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(&name) && err.contains("hard-wrapped"), "{err}");
            assert!(err.contains(" columns)"), "{err}");
            // --wrapped reads it the same way, and says nothing.
            let (given, err) = split(lang, &name, &["--wrapped"]);
            assert_eq!((given, err.as_str()), (plain.clone(), ""));
            // --no-wrapped: every line a paragraph.
            let (lines, err) = split(lang, &name, &["--no-wrapped"]);
            assert!(lines.len() > plain.len() && err.is_empty(), "{lines:?}");
        }
    }
}

#[test]
fn wrapped_and_no_wrapped_conflict() {
    for cmd in [
        &["split", "--lang", "id"][..],
        &["align"][..],
        &["batch", "-q"][..],
    ] {
        let out = selaras()
            .args(cmd)
            .args(["--wrapped", "--no-wrapped"])
            .arg(data("pasar.id.txt"))
            .args((cmd[0] == "align").then(|| data("pasar.en.txt")))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    }
}

#[test]
fn wrapped_pair_aligns_as_the_unwrapped_pair() {
    let ladder = |file: &str| {
        let files = [
            data(&format!("{file}.id.txt")),
            data(&format!("{file}.en.txt")),
        ];
        run(&["align", "--format", "jsonl"], &files)
    };
    let texts = |out: &str| -> Vec<(String, String)> {
        out.lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (v["id_text"].to_string(), v["en_text"].to_string())
            })
            .collect()
    };
    let (plain, err) = ladder("pasar");
    assert_eq!(err, "");
    assert_eq!(texts(&plain).len(), 9);
    for file in ["pasar72", "pasar66"] {
        let (out, err) = ladder(file);
        assert_eq!(texts(&out), texts(&plain), "{file}");
        // One line on stderr names both files.
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("{file}.id.txt")) && err.contains(&format!("{file}.en.txt")));
    }
}

#[test]
fn batch_counts_wrapped_documents() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("m.tsv");
    let mut m = String::from("doc\tid\ten\n");
    for f in ["pasar", "pasar72", "pasar66"] {
        let (i, e) = (data(&format!("{f}.id.txt")), data(&format!("{f}.en.txt")));
        m += &format!("{f}\t{}\t{}\n", i.display(), e.display());
    }
    std::fs::write(&manifest, m).unwrap();
    let out = dir.path().join("c.tsv");
    let stats = |options: &[&str]| -> Value {
        let o = selaras()
            .args(["batch", "-q", "-o"])
            .arg(&out)
            .args(options)
            .arg(&manifest)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(dir.path().join("c.tsv.stats.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let s = stats(&[]);
    let w = &s["wrapped"];
    assert_eq!(
        (&w["documents"], &w["id"], &w["en"]),
        (&2.into(), &2.into(), &2.into())
    );
    assert_eq!(s["run"]["settings"]["wrapped"], "auto");
    // Every document read alike: 9 sentences a side each.
    assert_eq!(s["sentences"]["id"], 27);
    let s = stats(&["--no-wrapped"]);
    assert_eq!(s["wrapped"]["documents"], 0);
    assert_eq!(s["run"]["settings"]["wrapped"], "lines");
    assert!(s["sentences"]["id"].as_u64().unwrap() > 27);
    let s = stats(&["--wrapped"]);
    assert_eq!(s["wrapped"]["documents"], 3);
    assert_eq!(s["sentences"]["id"], 27);
}

/// The beads `align` writes for `{name}.id.txt` and `{name}.en.txt`, as JSON Lines rows.
fn beads(name: &str) -> Vec<Value> {
    let files = [
        data(&format!("{name}.id.txt")),
        data(&format!("{name}.en.txt")),
    ];
    let (out, _) = run(&["align", "-f", "jsonl"], &files);
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The pairs `align` writes for `{name}.id.txt` and `{name}.en.txt`: (Indonesian, English).
fn pairs(name: &str) -> Vec<(String, String)> {
    beads(name)
        .iter()
        .map(|v| {
            let text = |k: &str| v[k].as_str().unwrap().to_string();
            (text("id_text"), text("en_text"))
        })
        .collect()
}

/// `align` on `{name}.id.txt` and `{name}.en.txt` splits the headline `head` off on both sides,
/// and the next pair opens with `next`'s words on each side.
fn split_off(name: &str, head: (&str, &str), next: (&str, &str)) {
    let pairs = pairs(name);
    assert!(pairs.len() >= 2, "{pairs:?}");
    assert_eq!(
        (pairs[0].0.as_str(), pairs[0].1.as_str()),
        head,
        "{pairs:?}"
    );
    assert!(pairs[1].0.starts_with(next.0), "{pairs:?}");
    assert!(pairs[1].1.starts_with(next.1), "{pairs:?}");
}

/// `pasar-runin` is `pasar` with its headline run into the first sentence and a subhead run
/// into a later paragraph, on both sides (no final punctuation, the Indonesian title case
/// writing small words in lower case): both are split off and paired on their own, and the
/// sentences pair as they do with the headline on a line of its own.
#[test]
fn run_in_headlines_are_split_off() {
    let mut own = pairs("pasar");
    let at = own
        .iter()
        .position(|(id, _)| id.starts_with("Para pedagang"))
        .unwrap();
    own.insert(
        at,
        (
            "Pedagang Keluhkan Sewa yang Naik".to_string(),
            "Traders Complain of Higher Rents".to_string(),
        ),
    );
    assert_eq!(pairs("pasar-runin"), own);
}

/// A headline split off and the sentence it ran into are scored with the probability of the
/// cut: lower than the bead they were split from, or than the same pairs with the headline on
/// a line of its own.
#[test]
fn split_headlines_are_scored_with_their_cut() {
    let scores = |name: &str| -> Vec<f64> {
        beads(name)
            .iter()
            .map(|v| v["score"].as_f64().unwrap())
            .collect()
    };
    let (run_in, own) = (scores("pasar-runin"), scores("pasar"));
    assert!(own[0] > 0.99 && own[1] > 0.99, "{own:?}");
    assert!((0.5..0.97).contains(&run_in[0]), "{run_in:?}");
    assert!((0.5..0.97).contains(&run_in[1]), "{run_in:?}");
}

/// `leads` holds news leads that open with a title and a name (`Gubernur Jawa Tengah Surya
/// Cahaya meresmikan …`), several of them dictionary words, some of them in a title of rank
/// that holds a word with a prefix that also makes verbs (`Persatuan Bersepeda`, `Usaha Kecil
/// dan Menengah`, `Menuju Swasembada`); `news-leads` forty first paragraphs of news stories
/// (agencies, places of two names such as `Kabupaten Flores Timur`, titles of works, quotes,
/// a quoted term: `menunjuk "Agen Politik" untuk …`):
/// no headline there, every sentence is paired whole.
#[test]
fn leads_that_open_with_a_title_and_a_name_stay_whole() {
    for (id, en) in pairs("leads").into_iter().chain(pairs("news-leads")) {
        for text in [&id, &en] {
            let end = text.trim_end_matches(['"', '”', '’']);
            assert!(end.ends_with(['.', '!', '?']), "cut: {id} | {en}");
        }
    }
}

/// `news-heads`: forty news headlines written as news desks write them (short, telegraphic:
/// `Gubernur Resmikan Jembatan Baru di Semarang`), each run into the first sentence of its
/// story, in title case or sentence case on each side; `news-heads.tsv` lists the headlines.
/// How many are split off exactly is pinned, so that it does not fall: most of the rest are not
/// split, since their sentence opens with a long name (`Gubernur Jawa Tengah Surya Cahaya …`),
/// as a lead with no headline does.
#[test]
fn news_headlines_split_off_exactly_at_least_as_often_as_pinned() {
    let out = pairs("news-heads");
    let list = std::fs::read_to_string(data("news-heads.tsv")).unwrap();
    let heads: Vec<(String, String)> = list
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (id, en) = l.split_once('\t').unwrap();
            (id.to_string(), en.to_string())
        })
        .collect();
    assert_eq!(heads.len(), 40);
    let exact = heads.iter().filter(|h| out.contains(h)).count();
    assert!(exact >= 16, "{exact} of 40 split off exactly");
}

/// `batch` counts the headlines it split off in its stats.
#[test]
fn batch_counts_the_headlines_split_off() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("manifest.tsv");
    let side = |lang: &str| {
        data(&format!("pasar-runin.{lang}.txt"))
            .display()
            .to_string()
    };
    std::fs::write(
        &manifest,
        format!("doc\tid\ten\nrunin\t{}\t{}\n", side("id"), side("en")),
    )
    .unwrap();
    let out = dir.path().join("corpus.tsv");
    let run = selaras()
        .args(["batch", "-q", "-o"])
        .arg(&out)
        .arg(&manifest)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stats: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("corpus.tsv.stats.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(stats["headlines"], 2);
}

/// `pasar-name`: the first sentence opens with a name, which follows a word in lower case on
/// the Indonesian side (sentence case: a name goes on there as likely as a sentence starts),
/// and the English headline is title-cased with a capitalised function word and small words
/// in lower case, which no sentence and no name writes: it is split off before the name.
#[test]
fn a_title_cased_headline_ends_before_a_name_that_opens_the_sentence() {
    split_off(
        "pasar-name",
        (
            "Pasar yang direnovasi itu akhirnya dibuka lagi",
            "The Renovated Market Is Open Again at Last",
        ),
        ("Semarang, yang", "Semarang, which"),
    );
}

/// `cabai-verb`: a headline title-cased on both sides, neither of them surely a title, runs
/// into a sentence that opens with a name (`… Menjelang Lebaran | Sari Wulandari, pedagang …`),
/// as a lead's title runs into its name; the Indonesian title holds a verb (`Mendapatkan`),
/// which a title of rank does not: it is a headline, split off before the name.
#[test]
fn a_title_run_with_a_verb_ends_before_a_name_that_opens_the_sentence() {
    split_off(
        "cabai-verb",
        (
            "Pedagang Pasar Mendapatkan Bantuan Menjelang Lebaran",
            "Market Traders Get Aid Ahead of Eid",
        ),
        ("Sari Wulandari, pedagang", "Sari Wulandari, a trader"),
    );
}

/// `rupiah-short`: an Indonesian headline of three capitalised words (`Rupiah Melemah terhadap
/// Dolar`) runs into a sentence that opens with a common word and a country's abbreviation;
/// the English title is surely one. The short title ends where the English one does, before
/// `Saham-saham` / `Stocks`, not before `AS` / `U.S.`.
#[test]
fn a_short_title_ends_where_the_other_side_shows_it_does() {
    split_off(
        "rupiah-short",
        (
            "Rupiah Melemah terhadap Dolar",
            "Rupiah Weakens Against the Dollar",
        ),
        ("Saham-saham AS turun", "Stocks in the U.S. fell"),
    );
}

/// `pasar-once`: a title-cased headline runs into a sentence that opens with a conjunction and a
/// name (`… Lebih Luas | Setelah Sari Wulandari membuka …` / `… Larger Stalls | Once Sari
/// Wulandari opened …`). A title does not end with a conjunction that opens a clause: the
/// headline ends before `Setelah` / `Once`, not after it.
#[test]
fn a_headline_does_not_end_with_a_conjunction_that_opens_a_clause() {
    split_off(
        "pasar-once",
        (
            "Pedagang Pasar Johar Akhirnya Mendapat Kios yang Lebih Luas",
            "Johar Market Traders Finally Get Larger Stalls",
        ),
        ("Setelah Sari", "Once Sari"),
    );
}

/// `pulau-place`: a title-cased headline runs into a sentence that opens with an Indonesian word
/// for a kind of place and its name (`… Menghadapi Banjir | Sungai Ciliwung meluap …` / `…
/// Brace for Floods | The Ciliwung overflowed …`). The word stands before the name, so the
/// headline ends before it, not between it and the name.
#[test]
fn a_headline_does_not_end_with_the_word_before_a_place_name() {
    split_off(
        "pulau-place",
        (
            "Warga Jakarta Timur Bersiap Menghadapi Banjir",
            "East Jakarta Residents Brace for Floods",
        ),
        ("Sungai Ciliwung", "The Ciliwung"),
    );
}

/// `pasar-article`: a title-cased English headline runs into a sentence that opens with an
/// article and a name of four words (`… in May | The Central Java Trade Office said …`); the
/// Indonesian headline, in sentence case, ends with a month after `bulan` (`… pada bulan Mei |
/// Dinas Perdagangan Jawa Tengah mengatakan …`). The headline ends before the article and
/// after the month, and the name is not cut as a subhead.
#[test]
fn a_headline_ends_before_an_article_and_a_long_name() {
    split_off(
        "pasar-article",
        (
            "Pejabat mengatakan pasar akan dibuka kembali pada bulan Mei",
            "Officials Say the Market Will Reopen in May",
        ),
        (
            "Dinas Perdagangan Jawa Tengah mengatakan",
            "The Central Java Trade Office said",
        ),
    );
}

/// `gerhana-bulan`: `bulan` stands before a month's name (`bulan Mei`), but here it is the moon
/// and ends the headline (`… Saksikan Gerhana Bulan | Ribuan warga …`).
#[test]
fn bulan_ends_a_headline_where_no_month_follows() {
    split_off(
        "gerhana-bulan",
        (
            "Warga Jakarta Saksikan Gerhana Bulan",
            "Jakarta Residents Watch Lunar Eclipse",
        ),
        ("Ribuan warga", "Thousands of residents"),
    );
}

/// `abbrev`: an abbreviation spelled as a function word (`No. 17`) is no function word opening a
/// sentence: `Residents living near No. 17 …` is one sentence, not a headline and a sentence.
#[test]
fn an_abbreviation_spelled_as_a_function_word_opens_no_sentence() {
    let pairs = pairs("abbrev");
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert!(pairs[0].0.starts_with("Warga yang tinggal"), "{pairs:?}");
    assert!(pairs[0].0.ends_with("berlangsung."), "{pairs:?}");
    assert!(pairs[0].1.ends_with("during construction."), "{pairs:?}");
}

/// `pasar-mrs`: the first sentence opens with a form of address and a name of two words
/// (`Ny. Sari Wulandari` / `Mrs Sari Wulandari`), which a title-cased headline runs into: the
/// headline ends before the form of address, not after it or inside the name.
#[test]
fn a_headline_does_not_end_after_a_form_of_address_or_inside_its_name() {
    let pairs = pairs("pasar-mrs");
    assert_eq!(
        pairs[0],
        (
            "Pedagang Pasar Johar Akhirnya Kembali ke Kios Mereka".to_string(),
            "Johar Market Traders Are Finally Back in Their Stalls".to_string()
        ),
        "{pairs:?}"
    );
    assert!(
        pairs[1].0.starts_with("Ny. Sari Wulandari membuka"),
        "{pairs:?}"
    );
    assert!(
        pairs[1].1.starts_with("Mrs Sari Wulandari opened"),
        "{pairs:?}"
    );
}

/// `dokter-name`: a title-cased headline runs into a sentence that opens with a name of two
/// words both sides write alike (`Transparency International`); the Indonesian title
/// capitalises every word, so only the English one is surely a title. The headline ends
/// before the name, not inside it.
#[test]
fn a_headline_does_not_end_inside_a_name_both_sides_write_alike() {
    let pairs = pairs("dokter-name");
    assert_eq!(
        pairs[0],
        (
            "Di Awal Tahun Ini, Hanya Ada Lima Dokter Untuk Setiap Desa".to_string(),
            "Early This Year, There Were Only Five Doctors for Every Village".to_string()
        ),
        "{pairs:?}"
    );
    assert!(
        pairs[1]
            .0
            .starts_with("Transparency International mencatat"),
        "{pairs:?}"
    );
    assert!(
        pairs[1].1.starts_with("Transparency International noted"),
        "{pairs:?}"
    );
}

/// `video-name`: a sure title runs into a sentence that opens with a name of three words on
/// both sides (`Surabaya Morning Post`). How many capitalised words open the sentence is one
/// question for both sides: the headline ends before the whole name, not inside it.
#[test]
fn a_headline_ends_before_a_long_name_that_opens_the_sentence_on_both_sides() {
    let pairs = pairs("video-name");
    assert!(pairs[0].0.ends_with("Bernyanyi Sendiri"), "{pairs:?}");
    assert!(pairs[0].1.ends_with("She Sings Alone"), "{pairs:?}");
    assert!(
        pairs[1].0.starts_with("Surabaya Morning Post menyebutnya"),
        "{pairs:?}"
    );
    assert!(
        pairs[1].1.starts_with("Surabaya Morning Post called"),
        "{pairs:?}"
    );
}

/// `pasar-stacked` is `pasar-runin` with a subhead after the headline, both run into the
/// first sentence: each is split off on both sides.
#[test]
fn a_subhead_stacked_on_the_headline_is_split_off_too() {
    let pairs = pairs("pasar-stacked");
    assert_eq!(
        pairs[..2],
        [
            (
                "Pasar Tradisional Kembali Dibuka Setelah Renovasi".to_string(),
                "Traditional Market Reopens After Renovation".to_string()
            ),
            (
                "Rumah Baru bagi 1.400 Pedagang".to_string(),
                "A New Home for 1,400 Traders".to_string()
            ),
        ]
    );
    assert!(
        pairs[2].0.starts_with("Pemerintah Kota Semarang"),
        "{pairs:?}"
    );
}
