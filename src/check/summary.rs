//! The corpus summary of `selaras check`: counts per flag, score histogram, bead types,
//! per-document quality, and the documents that look like wrong pairings.

use super::{Flag, Pair, PairCheck};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// Number of bins of the score histogram (over [0, 1]).
pub const BINS: usize = 10;

/// Quality of one document.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DocSummary {
    /// Document name.
    pub doc: String,
    /// Pairs (beads) in the document.
    pub pairs: usize,
    /// Pairs with both sides non-empty (the ones with a score).
    pub scored: usize,
    /// Mean pair probability over the pairs with both sides non-empty (0 when there are none).
    pub mean_score: f64,
    /// Share of 1-1 beads.
    pub share_1_1: f64,
    /// Share of beads with an empty side.
    pub share_empty: f64,
    /// Share of pairs with at least one flag.
    pub share_flagged: f64,
    /// Share of non-empty pairs flagged `low_score`.
    pub share_low: f64,
    /// Why the document looks like a wrong pairing (not a translation of its partner), if it
    /// does.
    pub suspect: Option<String>,
}

/// One bin of the score histogram.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Bin {
    /// Lower bound (inclusive).
    pub lo: f64,
    /// Upper bound (exclusive, except for the last bin).
    pub hi: f64,
    /// Pairs with both sides non-empty whose score falls in the bin.
    pub count: usize,
}

/// The summary of a checked corpus.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Summary {
    /// Pairs in the corpus.
    pub pairs: usize,
    /// Documents in the corpus.
    pub documents: usize,
    /// Pairs with at least one flag.
    pub flagged: usize,
    /// Share of pairs without any flag (the `--fail-under` measure).
    pub clean_share: f64,
    /// Mean pair probability over the pairs with both sides non-empty.
    pub mean_score: f64,
    /// Pairs carrying each flag (every flag listed).
    pub flags: BTreeMap<String, usize>,
    /// Histogram of pair probabilities (pairs with both sides non-empty).
    pub histogram: Vec<Bin>,
    /// Beads of each type (`1-1`, `2-1`, ...).
    pub beads: BTreeMap<String, usize>,
    /// Per-document quality, in order of first appearance.
    pub docs: Vec<DocSummary>,
    /// Names of the documents that look like wrong pairings.
    pub suspect_docs: Vec<String>,
}

fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    }
}

fn share(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

impl Summary {
    /// Summarise checked pairs (`checks[i]` belongs to `pairs[i]`).
    pub fn build(pairs: &[Pair], checks: &[PairCheck]) -> Summary {
        let mut flags: BTreeMap<String, usize> = Flag::ALL
            .iter()
            .map(|f| (f.name().to_string(), 0))
            .collect();
        let mut histogram: Vec<Bin> = (0..BINS)
            .map(|i| Bin {
                lo: i as f64 / BINS as f64,
                hi: (i + 1) as f64 / BINS as f64,
                count: 0,
            })
            .collect();
        let mut beads: BTreeMap<String, usize> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        let mut by_doc: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        let mut scores = Vec::new();
        let mut flagged = 0;
        for (i, (p, c)) in pairs.iter().zip(checks).enumerate() {
            for f in &c.flags {
                *flags.entry(f.name().to_string()).or_default() += 1;
            }
            flagged += usize::from(!c.flags.is_empty());
            if !c.flags.contains(&Flag::EmptySide) {
                scores.push(c.score);
                let b = ((c.score * BINS as f64) as usize).min(BINS - 1);
                histogram[b].count += 1;
            }
            *beads.entry(p.bead.clone()).or_default() += 1;
            by_doc
                .entry(p.doc.as_str())
                .or_insert_with(|| {
                    order.push(p.doc.as_str());
                    Vec::new()
                })
                .push(i);
        }
        let corpus_mean = mean(&scores);
        let mut docs = Vec::with_capacity(order.len());
        for name in &order {
            let idx = &by_doc[name];
            let n = idx.len();
            let nonempty: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| !checks[i].flags.contains(&Flag::EmptySide))
                .collect();
            let s: Vec<f64> = nonempty.iter().map(|&i| checks[i].score).collect();
            let low = nonempty
                .iter()
                .filter(|&&i| checks[i].flags.contains(&Flag::LowScore))
                .count();
            let one_one = idx.iter().filter(|&&i| pairs[i].bead == "1-1").count();
            let empty = n - nonempty.len();
            let flagged_n = idx.iter().filter(|&&i| !checks[i].flags.is_empty()).count();
            let mut d = DocSummary {
                doc: name.to_string(),
                pairs: n,
                scored: nonempty.len(),
                mean_score: mean(&s),
                share_1_1: share(one_one, n),
                share_empty: share(empty, n),
                share_flagged: share(flagged_n, n),
                share_low: share(low, nonempty.len()),
                suspect: None,
            };
            d.suspect = suspect_reason(&d, nonempty.len(), corpus_mean);
            docs.push(d);
        }
        let suspect_docs = docs
            .iter()
            .filter(|d| d.suspect.is_some())
            .map(|d| d.doc.clone())
            .collect();
        Summary {
            pairs: pairs.len(),
            documents: docs.len(),
            flagged,
            clean_share: share(pairs.len() - flagged, pairs.len()),
            mean_score: corpus_mean,
            flags,
            histogram,
            beads,
            docs,
            suspect_docs,
        }
    }

    /// Write the human summary (a few lines of text).
    pub fn write_human<W: Write + ?Sized>(&self, w: &mut W) -> std::io::Result<()> {
        if self.pairs == 0 {
            return writeln!(w, "0 pairs: the corpus is empty");
        }
        writeln!(
            w,
            "{} in {}; {} flagged ({:.1}% clean); mean pair_score {:.3}",
            crate::text::count(self.pairs as u64, "pair"),
            crate::text::count(self.documents as u64, "document"),
            self.flagged,
            100.0 * self.clean_share,
            self.mean_score
        )?;
        let flags: Vec<String> = Flag::ALL
            .iter()
            .map(|f| format!("{} {}", f.name(), self.flags.get(f.name()).unwrap_or(&0)))
            .collect();
        writeln!(w, "flags: {}", flags.join(", "))?;
        let beads: Vec<String> = self.beads.iter().map(|(k, v)| format!("{k} {v}")).collect();
        writeln!(w, "beads: {}", beads.join(", "))?;
        let hist: Vec<String> = self.histogram.iter().map(|b| b.count.to_string()).collect();
        writeln!(
            w,
            "score histogram (0.0-0.1 ... 0.9-1.0): {}",
            hist.join(" ")
        )?;
        if self.suspect_docs.is_empty() {
            writeln!(w, "no document looks like a wrong pairing")?;
        } else {
            let n = self.suspect_docs.len();
            match n {
                1 => writeln!(w, "1 document looks like a wrong pairing:")?,
                _ => writeln!(w, "{n} documents look like wrong pairings:")?,
            }
            for d in self.docs.iter().filter(|d| d.suspect.is_some()) {
                let reason = d.suspect.as_deref().unwrap_or("");
                let pairs = crate::text::count(d.pairs as u64, "pair");
                // A reason that is the mean score already gives it.
                match reason.starts_with(MEAN_REASON) {
                    true => writeln!(w, "  {}: {reason} ({pairs})", d.doc)?,
                    false => writeln!(
                        w,
                        "  {}: {reason} (mean score {:.3}, {pairs})",
                        d.doc, d.mean_score
                    )?,
                }
            }
        }
        Ok(())
    }
}

/// How the reason that a document's mean score is far below the corpus's begins.
const MEAN_REASON: &str = "mean score";

/// Why a document looks like a wrong pairing: most of its pairs score low, its mean score is
/// far below the corpus, or most of its beads have an empty side (the aligner found nothing
/// to pair). Needs at least three pairs.
fn suspect_reason(d: &DocSummary, nonempty: usize, corpus_mean: f64) -> Option<String> {
    if d.pairs < 3 {
        return None;
    }
    if nonempty >= 2 && d.share_low >= 0.6 {
        return Some(format!(
            "{:.0}% of its pairs score low",
            100.0 * d.share_low
        ));
    }
    if nonempty >= 2 && d.mean_score < corpus_mean - 0.35 {
        return Some(format!(
            "{MEAN_REASON} {:.2} against {:.2} for the corpus",
            d.mean_score, corpus_mean
        ));
    }
    if d.share_empty >= 0.6 {
        return Some(format!(
            "{:.0}% of its beads have an empty side",
            100.0 * d.share_empty
        ));
    }
    None
}
