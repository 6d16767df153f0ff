//! Helpers shared by the test binaries: the `selaras` binary as a command, the paths of the
//! bundled corpus and test data, the development sets (`../shared/data/dev`), a seeded random
//! generator, ROC AUC and calibration error.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The `selaras` binary built by this package, as a command to run.
pub fn selaras() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("selaras").unwrap()
}

/// A file or directory of the bundled corpus (`corpus/NAME`).
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

/// The pair tables of the quality tests (`score`, `check`, `report`).
pub const QUALITY_DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quality");

/// The text of a file the test expects to read (panics naming the file otherwise).
pub fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

/// A file or directory under `tests/data`.
pub fn test_data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// Say that the running test skips (all or part of) what it checks because `what` is not
/// here: on standard error itself, which the test harness does not capture, so the run's
/// output shows it beside the test's `ok`. In CI (`CI=true`), which always has the
/// development data and the tools, it fails the test instead.
pub fn skip(what: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{test}: {what} not found (CI must have it: the test would skip)");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {what} not found");
}

/// The development sets directory, or `None` (after [`skip`]) when absent.
pub fn dev_dir() -> Option<PathBuf> {
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    let dev = shared.join("data/dev");
    if dev.is_dir() {
        Some(dev)
    } else {
        skip("../shared/data/dev");
        None
    }
}

/// One development set: aligned units and the document of each.
pub struct DevSet {
    pub name: String,
    pub id: Vec<String>,
    pub en: Vec<String>,
    pub docs: Vec<String>,
}

/// Read the development sets (sorted by name). Documents named `NA` are cut into runs of 25
/// units, as the data's README says.
pub fn dev_sets(dev: &Path) -> Vec<DevSet> {
    let mut names: Vec<String> = std::fs::read_dir(dev)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("units.id").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| -> Vec<String> {
                std::fs::read_to_string(dev.join(&name).join(format!("units.{ext}")))
                    .unwrap()
                    .lines()
                    .map(str::to_string)
                    .collect()
            };
            let (id, en) = (read("id"), read("en"));
            let n = id.len().min(en.len());
            let mut docs = read("docs");
            docs.resize(n, "NA".into());
            for (i, d) in docs.iter_mut().enumerate() {
                if d == "NA" {
                    *d = format!("run{:03}", i / 25);
                }
            }
            DevSet {
                name,
                id: id[..n].to_vec(),
                en: en[..n].to_vec(),
                docs,
            }
        })
        .collect()
}

/// SplitMix64: a small seeded generator, enough for reproducible samples.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Shuffle in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// ROC AUC of scores of positives against negatives (ties count half).
pub fn auc(pos: &[f64], neg: &[f64]) -> f64 {
    let mut all: Vec<(f64, bool)> = pos
        .iter()
        .map(|&s| (s, true))
        .chain(neg.iter().map(|&s| (s, false)))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j < all.len() && all[j].0 == all[i].0 {
            j += 1;
        }
        let r = (i + j + 1) as f64 / 2.0;
        rank_sum += r * all[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    let (n1, n0) = (pos.len() as f64, neg.len() as f64);
    (rank_sum - n1 * (n1 + 1.0) / 2.0) / (n1 * n0)
}

/// Expected calibration error of probabilities against outcomes: over `bins` equal-width
/// bins, the share of items in the bin times |mean probability − share right|.
pub fn ece(scored: &[(f64, bool)], bins: usize) -> f64 {
    let mut sum = vec![(0usize, 0.0f64, 0usize); bins];
    for &(s, right) in scored {
        let b = ((s * bins as f64) as usize).min(bins - 1);
        sum[b].0 += 1;
        sum[b].1 += s;
        sum[b].2 += usize::from(right);
    }
    let n = scored.len() as f64;
    sum.iter()
        .filter(|b| b.0 > 0)
        .map(|&(k, s, r)| k as f64 / n * (s / k as f64 - r as f64 / k as f64).abs())
        .sum()
}

/// ROC AUC of probabilities against outcomes.
pub fn auc_of(scored: &[(f64, bool)]) -> f64 {
    let pos: Vec<f64> = scored.iter().filter(|x| x.1).map(|x| x.0).collect();
    let neg: Vec<f64> = scored.iter().filter(|x| !x.1).map(|x| x.0).collect();
    auc(&pos, &neg)
}
