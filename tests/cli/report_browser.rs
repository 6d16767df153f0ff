//! End to end: the HTML report opened in a real headless browser (Chromium). Checks the
//! rendered DOM (after the inline script has run) and saves a screenshot under the build
//! directory (`target/tmp/report.png`). Skips with a note when Chromium is not installed
//! (`apt-get install -y chromium`).

use crate::common::{QUALITY_DATA as DATA, selaras};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("SELARAS_CHROMIUM").map(PathBuf::from),
        Some(PathBuf::from("/usr/bin/chromium")),
        Some(PathBuf::from("/usr/bin/chromium-browser")),
    ];
    let found = candidates.into_iter().flatten().find(|p| p.is_file());
    if found.is_none() {
        crate::common::skip("chromium (apt-get install -y chromium)");
    }
    found
}

/// Run headless Chromium on `page` with `extra` arguments; returns its standard output.
/// Gives up (failing the test) if the browser has not finished after two minutes.
fn run_chromium(bin: &Path, page: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// A corpus of the committed documents plus the flag examples (7 documents, 70 pairs), with
/// one document's English taken from another so that a wrong pairing shows.
fn corpus() -> String {
    let good = std::fs::read_to_string(format!("{DATA}/good.tsv")).unwrap();
    let flags = std::fs::read_to_string(format!("{DATA}/flags.tsv")).unwrap();
    let mut rows: Vec<Vec<String>> = good
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let gempa: Vec<String> = rows
        .iter()
        .filter(|r| r[0] == "gempa")
        .map(|r| r[6].clone())
        .collect();
    for (k, r) in rows.iter_mut().filter(|r| r[0] == "sampah").enumerate() {
        r[6] = gempa[k].clone();
    }
    let mut out: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
    for l in flags.lines().skip(1) {
        out.push_str("pasar");
        out.push_str(&l[1..]);
        out.push('\n');
    }
    out
}

fn count(dom: &str, needle: &str) -> usize {
    dom.matches(needle).count()
}

#[test]
fn report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(dir).unwrap();
    let page = dir.join("report.html");
    selaras()
        .args(["report", "--title", "selaras test corpus", "-o"])
        .arg(&page)
        .arg("-")
        .write_stdin(corpus())
        .assert()
        .success();
    let dom = run_chromium(&bin, &page, &["--dump-dom".into()]);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the inline script did not run"
    );
    assert!(dom.contains("data-docs=\"7\""));
    assert_eq!(count(&dom, "<details class=\"doc"), 7);
    assert_eq!(count(&dom, "<tr class=\"bead"), 70);
    assert_eq!(count(&dom, "<svg class=\"path\""), 7);
    assert_eq!(count(&dom, "<svg class=\"hist\""), 1);
    assert!(dom.contains("7 of 7 shown"));
    assert!(
        dom.contains("href=\"#d4\">sampah</a>"),
        "the wrong pairing is not listed"
    );

    let shot = dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &bin,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000);
    println!("screenshot: {}", shot.display());
}

/// A thousand documents: every section is there and the script still runs.
#[test]
fn report_with_a_thousand_documents_renders() {
    let Some(bin) = chromium() else { return };
    let good = std::fs::read_to_string(format!("{DATA}/good.tsv")).unwrap();
    let rows: Vec<&str> = good.lines().skip(1).collect();
    let mut corpus = String::from("doc\tid_idx\ten_idx\tbead\tscore\tid\ten\n");
    for d in 0..1000 {
        for k in 0..5 {
            let r = rows[(d * 7 + k) % rows.len()];
            let rest: Vec<&str> = r.split('\t').skip(4).collect();
            corpus.push_str(&format!("doc{d:04}\t{k}\t{k}\t1-1\t{}\n", rest.join("\t")));
        }
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(dir).unwrap();
    let page = dir.join("report-1000.html");
    selaras()
        .args(["report", "-o"])
        .arg(&page)
        .arg("-")
        .write_stdin(corpus)
        .assert()
        .success();
    let size = std::fs::metadata(&page).unwrap().len();
    println!("1000-document report: {size} bytes");
    let dom = run_chromium(&bin, &page, &["--dump-dom".into()]);
    assert!(dom.contains("data-ready=\"1\""));
    assert_eq!(count(&dom, "<details class=\"doc"), 1000);
    assert_eq!(count(&dom, "<tr class=\"bead"), 5000);
    assert!(dom.contains("1000 of 1000 shown"));
}
