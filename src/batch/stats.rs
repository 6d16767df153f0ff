//! Batch statistics: counts, beads by type, drops by reason, score quantiles. Memory is
//! fixed: scores go into a histogram of 10,001 bins (four decimals, as written), so the
//! quantiles are exact at the precision of the output.

use super::filter::DropReason;
use serde::Serialize;
use std::collections::BTreeMap;

const BINS: usize = 10_001;

/// Scores at four-decimal precision, counted.
#[derive(Clone, Debug)]
pub struct ScoreHistogram {
    counts: Vec<u64>,
    total: u64,
    sum: f64,
}

impl Default for ScoreHistogram {
    fn default() -> Self {
        ScoreHistogram {
            counts: vec![0; BINS],
            total: 0,
            sum: 0.0,
        }
    }
}

/// Quantiles of a score distribution.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quantiles {
    /// Number of scores.
    pub count: u64,
    /// Mean score.
    pub mean: f64,
    /// Smallest score.
    pub min: f64,
    /// 5th percentile.
    pub p05: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 25th percentile.
    pub p25: f64,
    /// Median.
    pub p50: f64,
    /// 75th percentile.
    pub p75: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest score.
    pub max: f64,
}

impl ScoreHistogram {
    /// Count one score (clamped to [0, 1]).
    pub fn add(&mut self, score: f64) {
        let s = if score.is_finite() {
            score.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let bin = (s * 10_000.0).round() as usize;
        self.counts[bin.min(BINS - 1)] += 1;
        self.total += 1;
        self.sum += bin as f64 / 10_000.0;
    }

    /// The smallest score with at least a share `q` of the scores at or below it.
    fn quantile(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let target = ((q * self.total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (bin, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= target {
                return bin as f64 / 10_000.0;
            }
        }
        1.0
    }

    /// The quantiles.
    pub fn quantiles(&self) -> Quantiles {
        if self.total == 0 {
            return Quantiles::default();
        }
        let r = |x: f64| (x * 10_000.0).round() / 10_000.0;
        Quantiles {
            count: self.total,
            mean: r(self.sum / self.total as f64),
            min: self.quantile(0.0),
            p05: self.quantile(0.05),
            p10: self.quantile(0.10),
            p25: self.quantile(0.25),
            p50: self.quantile(0.50),
            p75: self.quantile(0.75),
            p90: self.quantile(0.90),
            p95: self.quantile(0.95),
            max: self.quantile(1.0),
        }
    }
}

/// Running totals of a batch.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Documents aligned and exported.
    pub docs_ok: u64,
    /// Documents that failed (in the errors file), including those left out as not
    /// translations of each other.
    pub docs_failed: u64,
    /// Documents whose sides do not translate each other (by their languages or their
    /// document score): in the errors file, or kept with `--keep-unparallel`.
    pub not_parallel: u64,
    /// Documents whose sides were swapped (aligned the right way round).
    pub swapped: u64,
    /// Documents with lines left out as a copy of the other side's text.
    pub with_copies: u64,
    /// Indonesian sentences.
    pub sent_id: u64,
    /// English sentences.
    pub sent_en: u64,
    /// Beads by type (`1-1`, `2-1`, ...).
    pub beads: BTreeMap<String, u64>,
    /// Beads written.
    pub kept: u64,
    /// Beads dropped, by reason.
    pub dropped: BTreeMap<DropReason, u64>,
    /// Scores of all beads.
    pub all_scores: ScoreHistogram,
    /// Scores of the beads written.
    pub kept_scores: ScoreHistogram,
    /// Documents and sides read as hard-wrapped.
    pub wrapped: WrappedCounts,
    /// Run-in headlines split off their sentence.
    pub headlines: u64,
}

/// How many documents were read as hard-wrapped ([`crate::segment::Segmenter::read`]).
#[derive(Clone, Debug, Default, Serialize)]
pub struct WrappedCounts {
    /// Documents with a side read as hard-wrapped.
    pub documents: u64,
    /// Indonesian sides.
    pub id: u64,
    /// English sides.
    pub en: u64,
}

impl Tally {
    /// All beads aligned.
    pub fn aligned(&self) -> u64 {
        self.beads.values().sum()
    }

    /// All beads dropped.
    pub fn dropped_total(&self) -> u64 {
        self.dropped.values().sum()
    }

    /// Beads dropped per reason, every reason named (0 where none was dropped for it).
    pub fn dropped_by_reason(&self) -> BTreeMap<&'static str, u64> {
        DropReason::ALL
            .into_iter()
            .map(|r| (r.name(), self.dropped.get(&r).copied().unwrap_or(0)))
            .collect()
    }
}

/// The `OUT.stats.json` summary.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Documents.
    pub documents: DocCounts,
    /// Sentences found by segmentation.
    pub sentences: SentCounts,
    /// Documents read as hard-wrapped (by `--wrapped`, or found so without `--no-wrapped`).
    pub wrapped: WrappedCounts,
    /// Headlines run into the first sentence of their paragraph, split off on both sides.
    pub headlines: u64,
    /// Beads by type.
    pub beads: BTreeMap<String, u64>,
    /// Pairs (beads) aligned, kept, and dropped by reason.
    pub pairs: PairCounts,
    /// Score quantiles of all beads and of the beads kept.
    pub scores: ScoreCounts,
    /// Corpus-level learning.
    pub learning: Learning,
    /// The run.
    pub run: RunInfo,
}

/// Document counts.
#[derive(Clone, Debug, Serialize)]
pub struct DocCounts {
    /// Documents of the input (in this shard).
    pub total: u64,
    /// Aligned.
    pub ok: u64,
    /// Failed (see the errors file), including those left out as not translations.
    pub failed: u64,
    /// Not translations of each other (by their languages or their document score): in the
    /// errors file, or kept with `--keep-unparallel`.
    pub not_parallel: u64,
    /// The Indonesian side read as English and the English side as Indonesian: aligned the
    /// right way round.
    pub swapped: u64,
    /// A side holds lines that are the other side's text again (the original beside its
    /// translation): left out before aligning.
    pub with_copies: u64,
}

/// Sentence counts.
#[derive(Clone, Debug, Serialize)]
pub struct SentCounts {
    /// Indonesian.
    pub id: u64,
    /// English.
    pub en: u64,
}

/// Pair counts.
#[derive(Clone, Debug, Serialize)]
pub struct PairCounts {
    /// Beads aligned.
    pub aligned: u64,
    /// Beads written to the corpus.
    pub kept: u64,
    /// Beads left out.
    pub dropped: u64,
    /// Beads left out, by reason (every reason listed).
    pub dropped_by_reason: BTreeMap<&'static str, u64>,
}

/// Score quantiles.
#[derive(Clone, Debug, Serialize)]
pub struct ScoreCounts {
    /// Every bead aligned.
    pub all: Quantiles,
    /// Beads written.
    pub kept: Quantiles,
}

/// What corpus-level learning did.
#[derive(Clone, Debug, Serialize)]
pub struct Learning {
    /// Whether it was on.
    pub enabled: bool,
    /// `two-pass` (whole corpus, then realign) or `online` (stream: documents so far).
    pub mode: &'static str,
    /// Documents the final learned lexicon was estimated from.
    pub documents: u64,
}

/// How the corpus was made, so that it can be made again: the options that change what is
/// written (file paths as given on the command line).
#[derive(Clone, Debug, Serialize)]
pub struct Settings {
    /// The input (directory, manifest, or `-`).
    pub input: String,
    /// `--presplit`.
    pub presplit: bool,
    /// `--wrapped` (`wrapped`), `--no-wrapped` (`lines`) or neither (`auto`: each side is looked
    /// at).
    pub wrapped: crate::segment::Wrap,
    /// Beads cut at clauses (off with `--whole-sentences`, `--presplit` or `-f ladder`).
    pub clauses: bool,
    /// `--clause-pairs`.
    pub clause_pairs: crate::align::clauses::Finer,
    /// `--rules`, when given.
    pub rules: Option<String>,
    /// `--lexicon`, when given.
    pub lexicon: Option<String>,
    /// The bead types allowed (`--beads`).
    pub beads: String,
    /// The filters.
    pub filters: crate::batch::filter::Filters,
}

/// Facts about the run.
#[derive(Clone, Debug, Serialize)]
pub struct RunInfo {
    /// The selaras version that wrote the corpus.
    pub version: &'static str,
    /// The options that shaped the corpus.
    pub settings: Settings,
    /// Output format.
    pub format: &'static str,
    /// Worker threads.
    pub jobs: usize,
    /// The shard processed, `K/N`.
    pub shard: Option<String>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Aligned pairs per second.
    pub pairs_per_second: f64,
}

impl Summary {
    /// Build the summary from the totals.
    pub fn new(t: &Tally, learning: Learning, run: RunInfo) -> Summary {
        Summary {
            documents: DocCounts {
                total: t.docs_ok + t.docs_failed,
                ok: t.docs_ok,
                failed: t.docs_failed,
                not_parallel: t.not_parallel,
                swapped: t.swapped,
                with_copies: t.with_copies,
            },
            sentences: SentCounts {
                id: t.sent_id,
                en: t.sent_en,
            },
            wrapped: t.wrapped.clone(),
            headlines: t.headlines,
            beads: t.beads.clone(),
            pairs: PairCounts {
                aligned: t.aligned(),
                kept: t.kept,
                dropped: t.dropped_total(),
                dropped_by_reason: t.dropped_by_reason(),
            },
            scores: ScoreCounts {
                all: t.all_scores.quantiles(),
                kept: t.kept_scores.quantiles(),
            },
            learning,
            run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_exact_at_four_decimals() {
        let mut h = ScoreHistogram::default();
        for i in 1..=100 {
            h.add(i as f64 / 100.0);
        }
        let q = h.quantiles();
        assert_eq!(q.count, 100);
        assert_eq!(q.min, 0.01);
        assert_eq!(q.p50, 0.5);
        assert_eq!(q.p90, 0.9);
        assert_eq!(q.max, 1.0);
        assert_eq!(q.mean, 0.505);
        h.add(f64::NAN);
        h.add(7.0);
        assert_eq!(h.quantiles().max, 1.0);
        assert_eq!(ScoreHistogram::default().quantiles(), Quantiles::default());
    }
}
