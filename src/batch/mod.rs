//! Many article pairs on all cores: read, segment, align (with a corpus-level learned
//! lexicon), filter and export, in input order, whatever the number of threads.
//!
//! The documents of a directory or manifest are handed to the threads of a local rayon pool
//! one at a time, and each result is taken on the calling thread in input order as soon as
//! it and those before it are done (no thread waits for the others at the end of a window;
//! the writing goes on beside the aligning), with at most [`Options::chunk`] documents worked
//! on ahead of the next one taken. A stream is read, segmented and aligned in windows of
//! `chunk` documents (its online learning is by window), each written in input order on the
//! calling thread. Memory holds one window (plus, for a directory or manifest with learning,
//! the segmented documents up to [`CACHE_BYTES`]; of the documents beyond, only their
//! first-pass alignment, and pass 2 reads their files again).
//!
//! Corpus-level learning:
//! - directory / manifest ([`Batch::run_all`]): pass 1 aligns every document and gathers
//!   [`LearnStats`]; the learned aligner ([`Aligner::with_learned`]) realigns every document
//!   in pass 2 (`two-pass`);
//! - JSON Lines stream ([`Batch::run_stream`]): memory must stay flat, so learning is
//!   `online`: each window is aligned with the aligner learned from all earlier windows,
//!   its statistics are added, and it is realigned with the aligner learned from all windows
//!   so far, including itself. Same two alignments per document as the two-pass mode; the
//!   window size (not the thread count) fixes the result. Statistics stop growing after
//!   [`STREAM_LEARN_BEADS`] confident beads: from then on the learned lexicon is frozen and
//!   each window is aligned once, so memory and time per document stay flat however long
//!   the stream.
//!
//! Each document goes through the steps of [`crate::pipeline`]: it is segmented and prepared
//! for matching once ([`Pipeline::load`]); both passes and the number filter reuse that.
//!
//! A document that cannot be read (missing file, invalid UTF-8, empty side, bad JSON line) is
//! reported to the error callback and the rest goes on.

pub mod filter;
pub mod input;
pub mod stats;

use crate::align::{Aligner, LearnStats};
use crate::error::{Error, Result};
use crate::export::{CorpusWriter, DocAlignment};
use crate::pipeline::{Aligned, Document, FirstPass, Input, Pipeline};
use crate::place::Place;
use crate::segment::Segmenter;
use filter::{Filters, Verdicts};
use input::{DocError, DocSource, Item, Shard, item_doc};
use rayon::prelude::*;
use stats::Tally;
use std::collections::HashSet;
use std::io::Write;
use std::sync::Mutex;

/// Segmented documents kept whole between the two passes, at most this many bytes
/// ([`Document::bytes`]); beyond it, a run's memory grows only by the first passes it keeps
/// of the documents it reads again.
pub const CACHE_BYTES: usize = 128 << 20;

/// In a stream, learning stops after this many confident beads (about 10,000 articles).
pub const STREAM_LEARN_BEADS: u32 = 200_000;

/// Where aligned documents go.
pub trait Sink {
    /// Write one document (its `beads` are the ones kept).
    fn write_doc(&mut self, doc: &DocAlignment) -> Result<()>;
    /// Flush what was written (called after each window).
    fn flush(&mut self) -> Result<()>;
}

/// A sink that passes every document on and, when asked, also keeps its pairs for an HTML
/// report (`batch --report`; the pairs of the whole run are then held in memory).
pub struct ReportSink<'a> {
    inner: &'a mut dyn Sink,
    pairs: Option<Vec<crate::check::Pair>>,
}

impl<'a> ReportSink<'a> {
    /// Pass documents on to `inner`; keep their pairs when `keep` is true.
    pub fn new(inner: &'a mut dyn Sink, keep: bool) -> Self {
        ReportSink {
            inner,
            pairs: keep.then(Vec::new),
        }
    }

    /// The pairs kept (empty when not asked to keep them).
    pub fn into_pairs(self) -> Vec<crate::check::Pair> {
        self.pairs.unwrap_or_default()
    }
}

impl Sink for ReportSink<'_> {
    fn write_doc(&mut self, doc: &DocAlignment) -> Result<()> {
        if let Some(pairs) = self.pairs.as_mut() {
            let id: Vec<&str> = doc.id.iter().map(|s| s.text.as_str()).collect();
            let en: Vec<&str> = doc.en.iter().map(|s| s.text.as_str()).collect();
            pairs.extend(
                doc.beads
                    .iter()
                    .map(|b| crate::check::Pair::from_bead(doc.doc, b, &id, &en)),
            );
        }
        self.inner.write_doc(doc)
    }
    fn flush(&mut self) -> Result<()> {
        self.inner.flush()
    }
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
    /// What is done to each document; `learn` is corpus-level learning (a second pass with
    /// the word translations learned from all documents).
    pub pipeline: crate::pipeline::Options,
    /// Documents per window of a stream; for a listed input, the most documents worked on
    /// ahead of the next one written.
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
            pipeline: crate::pipeline::Options::default(),
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

/// Most worker threads a batch starts (`--jobs`, Python's `jobs`).
pub const MAX_JOBS: usize = 1024;

/// The worker threads to start for `asked` (0: all cores): at most the threads this machine
/// runs at once, since threads beyond them only cost memory (each holds the document it
/// works on) and finish nothing sooner. `batch` and `pair` (and the Python package) start
/// this many; the caller compares with `asked` to tell a user about a capped count.
pub fn threads(asked: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if asked == 0 { cores } else { asked.min(cores) }
}

/// A document after pass 2, or why it failed.
type Finished = std::result::Result<Done, DocError>;

/// A document segmented and prepared, with its name and where its text lies in its files.
struct Loaded {
    doc: String,
    /// The English file as given (named when the document is not a translation).
    en_file: Place,
    document: Document,
    id_offset: usize,
    en_offset: usize,
}

type Loading = std::result::Result<Loaded, DocError>;

/// What pass 1 kept of a document for pass 2: the whole document, or its first pass only.
type Kept = (Option<Loading>, Option<FirstPass>);

/// An aligned, filtered document ready to write.
struct Done {
    doc: String,
    en_file: Place,
    id_offset: usize,
    en_offset: usize,
    aligned: Aligned,
    verdicts: Verdicts,
}

/// A batch run: the per-document pipeline, the options and the pool.
pub struct Batch {
    pipeline: Pipeline,
    options: Options,
    pool: rayon::ThreadPool,
}

impl Batch {
    /// A batch with this aligner and options. More than [`MAX_JOBS`] threads is an error;
    /// more than the cores are capped to them ([`threads`]).
    pub fn new(aligner: Aligner, options: Options) -> Result<Batch> {
        if options.jobs > MAX_JOBS {
            return Err(Error::Invalid(format!(
                "jobs: at most {MAX_JOBS} threads, not {}",
                options.jobs
            )));
        }
        let jobs = threads(options.jobs);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .map_err(|e| Error::Invalid(format!("cannot start {jobs} threads: {e}")))?;
        Ok(Batch {
            pipeline: Pipeline::new(aligner, options.pipeline.clone()),
            options: Options {
                chunk: options.chunk.max(1),
                ..options
            },
            pool,
        })
    }

    /// Use these segmenters (e.g. from the user's SRX rules) instead of the bundled ones.
    pub fn with_segmenters(mut self, id: Segmenter, en: Segmenter) -> Batch {
        self.pipeline = self.pipeline.with_segmenters(id, en);
        self
    }

    /// Worker threads.
    pub fn jobs(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Read, segment and prepare one document (its sides the right way round when they
    /// were swapped).
    fn load(&self, src: DocSource) -> Loading {
        let doc = src.doc;
        let origins = [src.id.origin(), src.en.origin()];
        // The two texts of a JSON Lines document share one origin (its line): the reason
        // names the field.
        let texts = [&src.id, &src.en].map(|s| matches!(s, input::Side::Text { .. }));
        let fail_at = |k: usize, file: Place, reason: String| DocError {
            doc: doc.clone(),
            file,
            reason: match texts[k] {
                true => format!("`{}`: {reason}", ["id", "en"][k]),
                false => reason,
            },
        };
        let fail = |k: usize, reason: String| fail_at(k, origins[k].clone(), reason);
        let id = src.id.load().map_err(|(f, r)| fail_at(0, f, r))?;
        let en = src.en.load().map_err(|(f, r)| fail_at(1, f, r))?;
        let document = self
            .pipeline
            .load(Input::Text(&id.text), Input::Text(&en.text))
            .map_err(|e| {
                let k = match &e {
                    Error::NoSentences { side: "en" } => 1,
                    _ => 0,
                };
                fail(k, input::reason(&e))
            })?;
        let (id_offset, en_offset) = match document.languages().swapped() {
            true => (en.offset, id.offset),
            false => (id.offset, en.offset),
        };
        let [_, en_file] = origins;
        Ok(Loaded {
            doc,
            en_file,
            document,
            id_offset,
            en_offset,
        })
    }

    fn load_item(&self, item: Item) -> Loading {
        item.and_then(|s| self.load(s))
    }

    /// Load a document again for pass 2, with the first pass kept from pass 1 (if it had one).
    fn reload(&self, item: Item, first: Option<FirstPass>) -> Loading {
        let mut loaded = self.load_item(item);
        if let (Ok(l), Some(f)) = (&mut loaded, first) {
            l.document.restore_first_pass(f);
        }
        loaded
    }

    /// Pass 1 over a window: load (unless already loaded), align with `aligner` and add the
    /// learning statistics to the accumulator of the worker thread (`accs`, one per thread).
    /// The order of the window is kept; statistics are sums, so which thread counted what
    /// does not change them.
    fn learn_window(
        &self,
        aligner: &Aligner,
        window: &mut [Option<Loading>],
        items: Vec<Item>,
        accs: &[Mutex<LearnStats>],
    ) {
        let mut slots: Vec<(Option<Item>, &mut Option<Loading>)> =
            items.into_iter().map(Some).zip(window.iter_mut()).collect();
        self.pool.install(|| {
            slots.par_iter_mut().for_each(|(item, slot)| {
                let mut loaded = match (slot.take(), item.take()) {
                    (Some(l), _) => l,
                    (None, Some(i)) => self.load_item(i),
                    (None, None) => unreachable!("every slot has an item or a load"),
                };
                if let Ok(l) = &mut loaded {
                    self.pipeline.first_pass(aligner, &mut l.document);
                    let k = rayon::current_thread_index().unwrap_or(0) % accs.len();
                    let mut acc = accs[k].lock().unwrap_or_else(|e| e.into_inner());
                    l.document.learn_into(&mut acc);
                }
                **slot = Some(loaded);
            })
        });
    }

    fn accumulators(&self) -> Vec<Mutex<LearnStats>> {
        (0..self.jobs())
            .map(|_| Mutex::new(LearnStats::default()))
            .collect()
    }

    /// Merge the per-thread accumulators into one (emptying them).
    fn merged(accs: &[Mutex<LearnStats>]) -> LearnStats {
        let mut all = LearnStats::default();
        for a in accs {
            let mut a = a.lock().unwrap_or_else(|e| e.into_inner());
            all.merge(std::mem::take(&mut *a));
        }
        all
    }

    /// Pass 2 of one document: align with `aligner` ([`Pipeline::realign`]) and judge every
    /// bead by the filters.
    fn finish(&self, aligner: &Aligner, loaded: Loaded) -> Done {
        let aligned = self.pipeline.realign(aligner, &loaded.document);
        let (pid, pen) = loaded.document.prepared();
        let evidence = self.pipeline.aligner().evidence();
        let doc = aligned.export(&loaded.doc, (0, 0));
        let verdicts = (self.options.filters).judge(&aligned, &doc, evidence, (pid, pen));
        Done {
            doc: loaded.doc,
            en_file: loaded.en_file,
            id_offset: loaded.id_offset,
            en_offset: loaded.en_offset,
            aligned,
            verdicts,
        }
    }

    fn write(
        &self,
        done: Finished,
        sink: &mut dyn Sink,
        on_error: &mut dyn FnMut(&DocError) -> Result<()>,
        tally: &mut Tally,
        seen: &mut HashSet<u128>,
    ) -> Result<()> {
        let mut done = match done {
            Ok(d) => d,
            Err(e) => {
                tally.docs_failed += 1;
                return on_error(&e);
            }
        };
        tally.swapped += u64::from(done.aligned.document.languages.swapped());
        let copied = done.aligned.document.languages.copied;
        tally.with_copies += u64::from(copied.0 + copied.1 > 0);
        if let Some(why) = done.aligned.document.describe() {
            tally.not_parallel += 1;
            if !self.options.filters.keep_unparallel {
                tally.docs_failed += 1;
                return on_error(&DocError {
                    doc: done.doc,
                    file: done.en_file,
                    reason: why,
                });
            }
        }
        tally.docs_ok += 1;
        tally.sent_id += done.aligned.sentences.0 as u64;
        tally.sent_en += done.aligned.sentences.1 as u64;
        let (wi, we) = (done.aligned.layout.0.wrapped, done.aligned.layout.1.wrapped);
        tally.wrapped.id += u64::from(wi);
        tally.wrapped.en += u64::from(we);
        tally.wrapped.documents += u64::from(wi || we);
        tally.headlines += done.aligned.headlines as u64;
        let beads = std::mem::take(&mut done.aligned.beads);
        let mut kept = Vec::with_capacity(beads.len());
        for (k, bead) in beads.into_iter().enumerate() {
            *tally.beads.entry(bead.kind()).or_default() += 1;
            tally.all_scores.add(bead.score);
            match done.verdicts.verdict(k, seen) {
                Some(r) => *tally.dropped.entry(r).or_default() += 1,
                None => {
                    tally.kept += 1;
                    tally.kept_scores.add(bead.score);
                    kept.push(bead);
                }
            }
        }
        sink.write_doc(&DocAlignment {
            beads: &kept,
            ..done
                .aligned
                .export(&done.doc, (done.id_offset, done.en_offset))
        })
    }

    fn in_shard(&self, item: &Item) -> bool {
        self.options
            .shard
            .is_none_or(|s| s.contains(item_doc(item)))
    }

    /// Pass 2 of every document of a window, on the pool.
    fn finish_window(&self, aligner: &Aligner, window: Vec<Loading>) -> Vec<Finished> {
        self.pool.install(|| {
            window
                .into_par_iter()
                .map(|l| l.map(|l| self.finish(aligner, l)))
                .collect()
        })
    }

    /// Write the documents of a finished window, in order.
    fn write_done(
        &self,
        out: Vec<Finished>,
        sink: &mut dyn Sink,
        on_error: &mut dyn FnMut(&DocError) -> Result<()>,
        tally: &mut Tally,
        seen: &mut HashSet<u128>,
    ) -> Result<()> {
        for d in out {
            self.write(d, sink, on_error, tally, seen)?;
        }
        sink.flush()
    }

    /// `work` over `items` on the pool, one item at a time, each result handed to `take` on
    /// the calling thread in input order as soon as it and those before it are done (so no
    /// thread waits for a whole window, and the last result is written right after it is
    /// computed). At most `chunk` items are worked on beyond the next one to take, so at most
    /// that many results wait in memory. `work` gets the number of the pool thread it runs on
    /// (below [`Batch::jobs`]) with its item; with one job the items are worked on in turn. A
    /// failure of `take` stops the work and is returned.
    ///
    /// Each item is a job of the pool, queued in input order by the calling thread: `chunk`
    /// at first, then one more for each result taken. A pool thread takes the next job as
    /// soon as it is free, and no job ever waits for another (a job that waited for its turn
    /// inside the pool could deadlock: a pool thread waiting in `rayon::join` for work its
    /// document offered beside itself runs other jobs meanwhile, and one run there would wait
    /// for the document suspended beneath it).
    fn in_order<T: Send, R: Send>(
        &self,
        items: Vec<T>,
        work: &(dyn Fn(usize, T) -> R + Sync),
        take: &mut dyn FnMut(R) -> Result<()>,
    ) -> Result<()> {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::mpsc;
        if self.jobs() == 1 {
            return items
                .into_iter()
                .try_for_each(|t| take(self.pool.install(|| work(0, t))));
        }
        let n = items.len();
        let mut items = items.into_iter().enumerate();
        // Set once the results are no longer taken: the jobs still queued then do nothing.
        let stop = AtomicBool::new(false);
        let (tx, rx) = mpsc::channel::<(usize, std::thread::Result<R>)>();
        let (mut result, mut panic) = (Ok(()), None);
        self.pool.in_place_scope_fifo(|s| {
            let spawn = |(k, t): (usize, T)| {
                let (tx, stop) = (tx.clone(), &stop);
                s.spawn_fifo(move |_| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let w = rayon::current_thread_index().unwrap_or(0);
                    // A panic goes to the calling thread, which stops the run and raises it.
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(w, t)));
                    let _ = tx.send((k, r));
                })
            };
            items.by_ref().take(self.options.chunk).for_each(spawn);
            let mut done: std::collections::BTreeMap<usize, R> = Default::default();
            let mut want = 0;
            'results: while want < n {
                let Ok((k, r)) = rx.recv() else { break };
                match r {
                    Ok(r) => done.insert(k, r),
                    Err(e) => {
                        panic = Some(e);
                        break;
                    }
                };
                while let Some(r) = done.remove(&want) {
                    want += 1;
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| take(r))) {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => {
                            result = Err(e);
                            break 'results;
                        }
                        Err(e) => {
                            panic = Some(e);
                            break 'results;
                        }
                    }
                    if let Some(item) = items.next() {
                        spawn(item);
                    }
                }
            }
            stop.store(true, Ordering::Relaxed);
        });
        if let Some(e) = panic {
            std::panic::resume_unwind(e);
        }
        result
    }

    /// Run over a listed input (directory or manifest): two passes with learning.
    pub fn run_all(
        &self,
        items: Vec<Item>,
        sink: &mut dyn Sink,
        on_error: &mut dyn FnMut(&DocError) -> Result<()>,
        progress: &dyn Fn(Progress),
    ) -> Result<Outcome> {
        let items: Vec<Item> = items.into_iter().filter(|i| self.in_shard(i)).collect();
        let total = items.len() as u64;
        let chunk = self.options.chunk as u64;
        // What pass 1 keeps of each document for pass 2 (see `Kept`).
        let mut kept: Vec<Kept> = Vec::with_capacity(items.len());
        let mut aligner = self.pipeline.aligner().clone();
        let mut learned_docs = 0;
        if self.options.pipeline.learn {
            let accs = self.accumulators();
            let base = self.pipeline.aligner();
            let learn = |w: usize, item: Item| {
                let mut loaded = self.load_item(item);
                if let Ok(l) = &mut loaded {
                    self.pipeline.first_pass(base, &mut l.document);
                    let mut acc = accs[w].lock().unwrap_or_else(|e| e.into_inner());
                    l.document.learn_into(&mut acc);
                }
                loaded
            };
            let (mut cached, mut pairs) = (0usize, 0u64);
            let mut keep = |mut loaded: Loading| -> Result<()> {
                let mut first = None;
                if let Ok(l) = &mut loaded {
                    learned_docs += 1;
                    pairs += l.document.id().len().max(l.document.en().len()) as u64;
                    let b = l.document.bytes();
                    if cached + b <= CACHE_BYTES {
                        cached += b;
                    } else {
                        // Read again in pass 2, which starts from this first pass.
                        first = Some(l.document.take_first_pass());
                    }
                }
                let whole = first.is_none().then_some(loaded);
                kept.push((whole, first));
                let docs = kept.len() as u64;
                if docs.is_multiple_of(chunk) || docs == total {
                    progress(Progress {
                        stage: "learning",
                        docs,
                        total: Some(total),
                        pairs,
                    });
                }
                Ok(())
            };
            self.in_order(items.clone(), &learn, &mut keep)?;
            aligner = self.pipeline.aligner().with_learned(&Self::merged(&accs));
        } else {
            kept.resize_with(items.len(), || (None, None));
        }
        let mut tally = Tally::default();
        let mut seen = HashSet::new();
        let aligner = &aligner;
        let finish = |_: usize, ((whole, first), item): (Kept, Item)| -> Finished {
            let loaded = whole.unwrap_or_else(|| self.reload(item, first));
            loaded.map(|l| self.finish(aligner, l))
        };
        let mut written = 0u64;
        let mut write = |done: Finished| -> Result<()> {
            self.write(done, sink, on_error, &mut tally, &mut seen)?;
            written += 1;
            if written.is_multiple_of(chunk) || written == total {
                sink.flush()?;
                progress(Progress {
                    stage: "aligning",
                    docs: written,
                    total: Some(total),
                    pairs: tally.aligned(),
                });
            }
            Ok(())
        };
        let todo: Vec<(Kept, Item)> = kept.into_iter().zip(items).collect();
        self.in_order(todo, &finish, &mut write)?;
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
        let mut aligner = self.pipeline.aligner().clone();
        let mut stats = LearnStats::default();
        let accs = self.accumulators();
        let mut learning = self.options.pipeline.learn;
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
                batch.push(item);
                if batch.len() == chunk {
                    break;
                }
            }
            let window: Vec<Loading> = if learning {
                let mut window: Vec<Option<Loading>> = (0..batch.len()).map(|_| None).collect();
                self.learn_window(&aligner, &mut window, batch, &accs);
                stats.merge(Self::merged(&accs));
                let window: Vec<Loading> = window.into_iter().flatten().collect();
                learned_docs += window.iter().filter(|l| l.is_ok()).count() as u64;
                aligner = self.pipeline.aligner().with_learned(&stats);
                if stats.beads() >= STREAM_LEARN_BEADS {
                    learning = false;
                    stats = LearnStats::default();
                }
                window
            } else {
                self.pool
                    .install(|| batch.into_par_iter().map(|i| self.load_item(i)).collect())
            };
            let out = self.finish_window(&aligner, window);
            self.write_done(out, sink, on_error, &mut tally, &mut seen)?;
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
