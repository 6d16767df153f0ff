//! Many article pairs on all cores: read, segment, align (with a corpus-level learned
//! lexicon), filter and export, in input order, whatever the number of threads.
//!
//! Documents are processed in windows of [`Options::chunk`] documents: a window is read,
//! segmented and aligned in parallel on a local rayon pool, then written in input order on
//! the calling thread. Memory holds one window (plus, for a directory or manifest with
//! learning, the segmented corpus up to [`CACHE_BYTES`], beyond which pass 2 reads the files
//! again).
//!
//! Corpus-level learning:
//! - directory / manifest ([`Batch::run_all`]): pass 1 aligns every document and gathers
//!   [`LearnStats`]; the learned aligner ([`Aligner::with_learned`]) realigns every document
//!   in pass 2 (`two-pass`);
//! - JSON Lines stream ([`Batch::run_stream`]): memory must stay flat, so learning is
//!   `online`: each window is aligned with the aligner learned from all earlier windows,
//!   its statistics are added, and it is realigned with the aligner learned from all windows
//!   so far, including itself. Same two alignments per document as the two-pass mode; the
//!   window size (not the thread count) fixes the result.
//!
//! A document that cannot be read (missing file, invalid UTF-8, empty side, bad JSON line) is
//! reported to the error callback and the rest goes on.

pub mod filter;
pub mod input;
pub mod stats;

use crate::align::{Aligner, Bead, LearnStats};
use crate::error::{Error, Result};
use crate::export::{CorpusWriter, DocAlignment};
use crate::score::Evidence;
use crate::segment::{Lang, Segmenter, Sentence};
use filter::{DropReason, Filters, dedup_key};
use input::{DocError, DocSource, Item, Shard, item_doc};
use rayon::prelude::*;
use stats::Tally;
use std::collections::HashSet;
use std::io::Write;

/// Segmented text kept between the two passes, at most this many bytes of sentence text.
pub const CACHE_BYTES: usize = 512 << 20;

/// Where aligned documents go.
pub trait Sink {
    /// Write one document (its `beads` are the ones kept).
    fn write_doc(&mut self, doc: &DocAlignment) -> Result<()>;
    /// Flush what was written (called after each window).
    fn flush(&mut self) -> Result<()>;
}

impl<W: Write> Sink for CorpusWriter<W> {
    fn write_doc(&mut self, doc: &DocAlignment) -> Result<()> {
        CorpusWriter::write_doc(self, doc)
    }
    fn flush(&mut self) -> Result<()> {
        CorpusWriter::flush(self)
    }
}

/// Options of a batch run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Export filters.
    pub filters: Filters,
    /// Corpus-level learning (second pass).
    pub learn: bool,
    /// Input is one sentence per line, as given.
    pub presplit: bool,
    /// Documents per window.
    pub chunk: usize,
    /// Only the documents of this shard.
    pub shard: Option<Shard>,
    /// Worker threads (0: all cores).
    pub jobs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            filters: Filters::default(),
            learn: true,
            presplit: false,
            chunk: 256,
            shard: None,
            jobs: 0,
        }
    }
}

/// Progress after a window.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// `learning` (pass 1 of a directory/manifest run) or `aligning`.
    pub stage: &'static str,
    /// Documents done in this stage.
    pub docs: u64,
    /// Documents in all (unknown for a stream).
    pub total: Option<u64>,
    /// Pairs aligned in this stage.
    pub pairs: u64,
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Counts.
    pub tally: Tally,
    /// Documents the final learned lexicon came from (0 without learning).
    pub learned_docs: u64,
    /// Worker threads used.
    pub jobs: usize,
}

/// A segmented document.
#[derive(Clone, Debug)]
struct Loaded {
    doc: String,
    id: Vec<Sentence>,
    en: Vec<Sentence>,
    id_offset: usize,
    en_offset: usize,
}

impl Loaded {
    fn bytes(&self) -> usize {
        self.id
            .iter()
            .chain(&self.en)
            .map(|s| s.text.len() + 64)
            .sum()
    }
}

/// An aligned, filtered document ready to write.
struct Done {
    loaded: Loaded,
    beads: Vec<Bead>,
    verdicts: Vec<Option<DropReason>>,
    keys: Vec<u128>,
}

enum Work {
    Failed(DocError),
    Cached(Loaded),
    Source(DocSource),
}

/// A batch run: the aligner, the evidence model for filters, and the options.
pub struct Batch {
    aligner: Aligner,
    seg_id: Segmenter,
    seg_en: Segmenter,
    evidence: Evidence,
    options: Options,
    pool: rayon::ThreadPool,
}

fn texts(s: &[Sentence]) -> Vec<&str> {
    s.iter().map(|s| s.text.as_str()).collect()
}

impl Batch {
    /// A batch with this aligner and options.
    pub fn new(aligner: Aligner, options: Options) -> Result<Batch> {
        let jobs = if options.jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            options.jobs
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| Error::Invalid(format!("cannot start {jobs} threads: {e}")))?;
        let evidence = aligner.evidence().clone();
        Ok(Batch {
            aligner,
            seg_id: Segmenter::new(Lang::Id),
            seg_en: Segmenter::new(Lang::En),
            evidence,
            options: Options {
                chunk: options.chunk.max(1),
                ..options
            },
            pool,
        })
    }

    /// Worker threads.
    pub fn jobs(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Use these segmenters (e.g. from the user's SRX rules) instead of the bundled ones.
    pub fn with_segmenters(mut self, id: Segmenter, en: Segmenter) -> Batch {
        self.seg_id = id;
        self.seg_en = en;
        self
    }

    fn split(&self, text: &str, lang: Lang) -> Vec<Sentence> {
        if self.options.presplit {
            return crate::segment::presplit(text);
        }
        match lang {
            Lang::Id => self.seg_id.split(text),
            Lang::En => self.seg_en.split(text),
        }
    }

    fn load(&self, src: DocSource) -> std::result::Result<Loaded, DocError> {
        let doc = src.doc;
        let mut sides = Vec::with_capacity(2);
        for (side, lang) in [(src.id, Lang::Id), (src.en, Lang::En)] {
            let origin = side.origin();
            let input = side.load().map_err(|reason| DocError {
                doc: doc.clone(),
                file: origin.clone(),
                reason,
            })?;
            let sents = self.split(&input.text, lang);
            if sents.is_empty() {
                return Err(DocError {
                    doc,
                    file: origin,
                    reason: "no sentences found".into(),
                });
            }
            sides.push((sents, input.offset));
        }
        let (en, en_offset) = sides.pop().expect("two sides");
        let (id, id_offset) = sides.pop().expect("two sides");
        Ok(Loaded {
            doc,
            id,
            en,
            id_offset,
            en_offset,
        })
    }

    fn work(&self, w: Work) -> std::result::Result<Loaded, DocError> {
        match w {
            Work::Failed(e) => Err(e),
            Work::Cached(l) => Ok(l),
            Work::Source(s) => self.load(s),
        }
    }

    fn pass1(
        &self,
        aligner: &Aligner,
        w: Work,
    ) -> (std::result::Result<Loaded, DocError>, LearnStats) {
        let mut stats = LearnStats::default();
        let loaded = self.work(w);
        if let Ok(l) = &loaded {
            let beads = aligner.align_sentences(&l.id, &l.en);
            stats.add(aligner, &texts(&l.id), &texts(&l.en), &beads);
        }
        (loaded, stats)
    }

    fn finish(&self, aligner: &Aligner, loaded: Loaded) -> Done {
        let beads = aligner.align_sentences(&loaded.id, &loaded.en);
        let f = &self.options.filters;
        let mut verdicts = Vec::with_capacity(beads.len());
        let mut keys = Vec::new();
        for b in &beads {
            let doc = DocAlignment {
                doc: &loaded.doc,
                id: &loaded.id,
                en: &loaded.en,
                beads: &[],
                id_offset: 0,
                en_offset: 0,
            };
            let (id, en) = (doc.id_text(b), doc.en_text(b));
            let v = f.check(b, &id, &en, &self.evidence);
            if f.dedup {
                keys.push(if v.is_none() { dedup_key(&id, &en) } else { 0 });
            }
            verdicts.push(v);
        }
        Done {
            loaded,
            beads,
            verdicts,
            keys,
        }
    }

    fn write(
        &self,
        done: std::result::Result<Done, DocError>,
        sink: &mut dyn Sink,
        on_error: &mut dyn FnMut(&DocError) -> Result<()>,
        tally: &mut Tally,
        seen: &mut HashSet<u128>,
    ) -> Result<()> {
        let done = match done {
            Ok(d) => d,
            Err(e) => {
                tally.docs_failed += 1;
                return on_error(&e);
            }
        };
        tally.docs_ok += 1;
        tally.sent_id += done.loaded.id.len() as u64;
        tally.sent_en += done.loaded.en.len() as u64;
        let mut kept = Vec::with_capacity(done.beads.len());
        for (k, (bead, verdict)) in done.beads.into_iter().zip(done.verdicts).enumerate() {
            *tally.beads.entry(bead.kind()).or_default() += 1;
            tally.all_scores.add(bead.score);
            let verdict = verdict.or_else(|| {
                (self.options.filters.dedup && !seen.insert(done.keys[k]))
                    .then_some(DropReason::Duplicate)
            });
            match verdict {
                Some(r) => *tally.dropped.entry(r).or_default() += 1,
                None => {
                    tally.kept += 1;
                    tally.kept_scores.add(bead.score);
                    kept.push(bead);
                }
            }
        }
        let l = &done.loaded;
        sink.write_doc(&DocAlignment {
            doc: &l.doc,
            id: &l.id,
            en: &l.en,
            beads: &kept,
            id_offset: l.id_offset,
            en_offset: l.en_offset,
        })
    }

    fn in_shard(&self, item: &Item) -> bool {
        self.options
            .shard
            .is_none_or(|s| s.contains(item_doc(item)))
    }

    /// Run over a listed input (directory or manifest): two passes with learning.
    pub fn run_all(
        &self,
        items: Vec<Item>,
        sink: &mut dyn Sink,
        on_error: &mut dyn FnMut(&DocError) -> Result<()>,
        progress: &dyn Fn(Progress),
    ) -> Result<Outcome> {
        let mut work: Vec<Option<Work>> = items
            .into_iter()
            .filter(|i| self.in_shard(i))
            .map(|i| {
                Some(match i {
                    Ok(s) => Work::Source(s),
                    Err(e) => Work::Failed(e),
                })
            })
            .collect();
        let total = work.len() as u64;
        let chunk = self.options.chunk;
        let mut aligner = self.aligner.clone();
        let mut learned_docs = 0;
        if self.options.learn {
            let mut stats = LearnStats::default();
            let mut cached = 0usize;
            let (mut docs, mut pairs) = (0, 0);
            for start in (0..work.len()).step_by(chunk) {
                let end = (start + chunk).min(work.len());
                // Keep the sources: a document not cached is read again in pass 2.
                let batch: Vec<Work> = work[start..end]
                    .iter()
                    .map(|w| match w.as_ref().expect("filled") {
                        Work::Failed(e) => Work::Failed(e.clone()),
                        Work::Cached(l) => Work::Cached(l.clone()),
                        Work::Source(s) => Work::Source(s.clone()),
                    })
                    .collect();
                let out: Vec<_> = self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|w| self.pass1(&self.aligner, w))
                        .collect()
                });
                for (k, (loaded, s)) in out.into_iter().enumerate() {
                    docs += 1;
                    match loaded {
                        Ok(l) => {
                            learned_docs += 1;
                            pairs += l.id.len().max(l.en.len()) as u64;
                            stats.merge(s);
                            let b = l.bytes();
                            if cached + b <= CACHE_BYTES {
                                cached += b;
                                work[start + k] = Some(Work::Cached(l));
                            }
                        }
                        Err(e) => work[start + k] = Some(Work::Failed(e)),
                    }
                }
                progress(Progress {
                    stage: "learning",
                    docs,
                    total: Some(total),
                    pairs,
                });
            }
            aligner = self.aligner.with_learned(&stats);
        }
        let mut tally = Tally::default();
        let mut seen = HashSet::new();
        for start in (0..work.len()).step_by(chunk) {
            let end = (start + chunk).min(work.len());
            let batch: Vec<Work> = work[start..end]
                .iter_mut()
                .map(|w| w.take().expect("filled"))
                .collect();
            let out: Vec<_> = self.pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|w| self.work(w).map(|l| self.finish(&aligner, l)))
                    .collect()
            });
            for d in out {
                self.write(d, sink, on_error, &mut tally, &mut seen)?;
            }
            sink.flush()?;
            progress(Progress {
                stage: "aligning",
                docs: tally.docs_ok + tally.docs_failed,
                total: Some(total),
                pairs: tally.aligned(),
            });
        }
        Ok(Outcome {
            tally,
            learned_docs,
            jobs: self.jobs(),
        })
    }

    /// Run over a stream of documents (JSON Lines), writing each window as it is done, with
    /// online learning. An error of the stream itself (reading stdin) stops the run.
    pub fn run_stream(
        &self,
        items: impl Iterator<Item = Result<Item>>,
        sink: &mut dyn Sink,
        on_error: &mut dyn FnMut(&DocError) -> Result<()>,
        progress: &dyn Fn(Progress),
    ) -> Result<Outcome> {
        let chunk = self.options.chunk;
        let mut items = items.peekable();
        let mut aligner = self.aligner.clone();
        let mut stats = LearnStats::default();
        let mut learned_docs = 0;
        let mut tally = Tally::default();
        let mut seen = HashSet::new();
        while items.peek().is_some() {
            let mut batch = Vec::with_capacity(chunk);
            for item in items.by_ref() {
                let item = item?;
                if !self.in_shard(&item) {
                    continue;
                }
                batch.push(match item {
                    Ok(s) => Work::Source(s),
                    Err(e) => Work::Failed(e),
                });
                if batch.len() == chunk {
                    break;
                }
            }
            let out: Vec<std::result::Result<Done, DocError>> = if self.options.learn {
                let first: Vec<_> = self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|w| self.pass1(&aligner, w))
                        .collect()
                });
                let mut loaded = Vec::with_capacity(first.len());
                let mut new_docs = 0;
                for (l, s) in first {
                    if l.is_ok() {
                        new_docs += 1;
                        stats.merge(s);
                    }
                    loaded.push(l);
                }
                if new_docs > 0 {
                    learned_docs += new_docs;
                    aligner = self.aligner.with_learned(&stats);
                }
                self.pool.install(|| {
                    loaded
                        .into_par_iter()
                        .map(|l| l.map(|l| self.finish(&aligner, l)))
                        .collect()
                })
            } else {
                self.pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|w| self.work(w).map(|l| self.finish(&aligner, l)))
                        .collect()
                })
            };
            for d in out {
                self.write(d, sink, on_error, &mut tally, &mut seen)?;
            }
            sink.flush()?;
            progress(Progress {
                stage: "aligning",
                docs: tally.docs_ok + tally.docs_failed,
                total: None,
                pairs: tally.aligned(),
            });
        }
        Ok(Outcome {
            tally,
            learned_docs,
            jobs: self.jobs(),
        })
    }
}
