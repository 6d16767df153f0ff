//! `selaras batch`: many article pairs (a directory, a manifest, or JSON Lines on standard
//! input) into one corpus, with its statistics, its errors file and an HTML report.
//!
//! [`Job::open`] checks and opens everything before any work (bad input fails before any
//! output is opened; no output replaces another or an input); [`Run::run`] aligns and writes;
//! [`Finished::write_messages`] gives the end of the run for standard error.

use super::{Model, Segmentation, clause_splits};
use crate::align::Aligner;
use crate::align::clauses::Finer;
use crate::batch::filter::Filters;
use crate::batch::input::{self, DocError, Item, Shard};
use crate::batch::stats::{Learning, RunInfo, Settings, Summary};
use crate::batch::{Batch, Options, Progress, ReportSink, Sink};
use crate::error::{Error, Result};
use crate::export::{DocAlignment, Format, moses_paths};
use crate::output::{AtomicFile, CorpusOutput, CorpusSink};
use crate::segment::{Lang, Segmenter};
use crate::text::count;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What `selaras batch` is asked to do.
#[derive(Clone, Debug)]
pub struct Job {
    /// A directory of `NAME.id.txt` + `NAME.en.txt`, a manifest, or `-` for JSON Lines on
    /// standard input.
    pub input: PathBuf,
    /// The corpus (`None`: standard output); for `moses` the prefix of its two files, for
    /// `ladder` a directory.
    pub output: Option<PathBuf>,
    /// The corpus format.
    pub format: Format,
    /// Line width of the `side` format.
    pub width: usize,
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// Corpus-level learning (a second pass with the word translations of all documents).
    pub learn: bool,
    /// The aligner's model.
    pub model: Model,
    /// How the texts are cut into sentences.
    pub segmentation: Segmentation,
    /// Keep sentences whole (no clause split).
    pub whole_sentences: bool,
    /// When clause pieces are also paired clause with clause.
    pub clause_pairs: Finer,
    /// Only the documents of this shard.
    pub shard: Option<Shard>,
    /// The filters asked for (a ladder keeps what they drop by default).
    pub filters: Filters,
    /// The stats file (default `OUT.stats.json`).
    pub stats: Option<PathBuf>,
    /// The errors file (default `OUT.errors.tsv`).
    pub errors: Option<PathBuf>,
    /// An HTML report of the corpus written.
    pub report: Option<PathBuf>,
    /// Documents per window of a stream; for a listed input, the most documents worked on
    /// ahead of the next one written.
    pub chunk: usize,
}

/// A run whose inputs are read and outputs opened: [`Run::run`] does the work.
pub struct Run {
    job: Job,
    start: Instant,
    listed: Option<Vec<Item>>,
    notes: Vec<String>,
    batch: Batch,
    settings: Settings,
    corpus: CorpusOutput,
    stats: Option<AtomicFile>,
    report: Option<AtomicFile>,
    errors: Option<ErrorsFile>,
    errors_path: Option<PathBuf>,
}

/// What a run did, for its summary on standard error and its exit code.
pub struct Finished {
    /// The statistics (as written to the stats file); `None` when the corpus went to a pipe
    /// that closed before the end (`selaras batch … | head`): the run stopped there, and
    /// wrote no stats file or report.
    pub summary: Option<Summary>,
    /// Documents that failed before the run ended (all of them, unless a pipe closed).
    pub failed_docs: u64,
    /// The failed documents (`doc: file: reason`) when there is no errors file.
    pub failed: Vec<String>,
    /// The errors file, when there is one.
    pub errors_path: Option<PathBuf>,
}

/// `p` with `suffix` added to its name (`out/` names `out`: `out.stats.json`, not a hidden
/// `out/.stats.json`).
fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.components().as_path().as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

impl Job {
    fn stream(&self) -> bool {
        self.input.as_os_str() == "-"
    }

    /// Check the options and the input, read the listing, the lexicon and the rules, and open
    /// every output, before any work.
    pub fn open(mut self) -> Result<Run> {
        let start = Instant::now();
        self.output = crate::output::given(self.output.take());
        self.check()?;
        // Read the listing first so bad input fails before any output is opened.
        let mut notes = Vec::new();
        let listed = if self.stream() {
            None
        } else if self.input.is_dir() {
            Some(input::list_dir(&self.input)?)
        } else {
            Some(input::read_manifest(&self.input, &mut notes)?)
        };
        // The lexicon and the rules too: a bad file of either fails before any output is
        // opened. The lexicon loads while the two languages' segmentation rules compile (each
        // once per process; `Batch::new` then finds them compiled).
        let (aligner, _) = rayon::join(
            || self.model.aligner(),
            || rayon::join(|| Segmenter::new(Lang::Id), || Segmenter::new(Lang::En)),
        );
        let aligner = aligner?;
        let segmenters = self.segmentation.segmenters()?;
        let (stats_path, errors_path) = self.plan_outputs(listed.as_deref())?;
        // Output files first (their temporary files show nothing); standard output gets its
        // first bytes (a header) only once every file has opened.
        let corpus = CorpusOutput::open(self.output.as_deref(), self.format, self.width, true)?;
        let stats = stats_path.as_ref().map(AtomicFile::create).transpose()?;
        let report = self.report.as_ref().map(AtomicFile::create).transpose()?;
        let errors = errors_path.as_deref().map(ErrorsFile::create).transpose()?;
        let (batch, settings) = self.batch(aligner, segmenters)?;
        Ok(Run {
            job: self,
            start,
            listed,
            notes: notes.into_iter().map(|n| format!("selaras: {n}")).collect(),
            batch,
            settings,
            corpus,
            stats,
            report,
            errors,
            errors_path,
        })
    }

    /// The batch of these options, and the settings the stats record.
    fn batch(
        &self,
        aligner: Aligner,
        segmenters: Option<(Segmenter, Segmenter)>,
    ) -> Result<(Batch, Settings)> {
        let presplit = self.segmentation.presplit;
        let clauses = clause_splits(presplit, self.whole_sentences, self.format);
        let options = Options {
            filters: self.filters.for_format(self.format),
            pipeline: crate::pipeline::Options {
                presplit,
                wrapped: self.segmentation.wrap,
                learn: self.learn,
                whole_sentences: !clauses,
                // What shaped the corpus: no clause pairs where nothing is cut at clauses.
                clause_pairs: match clauses {
                    true => self.clause_pairs,
                    false => Finer::Never,
                },
            },
            chunk: self.chunk,
            shard: self.shard,
            jobs: self.jobs,
        };
        let show = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        let settings = Settings {
            input: self.input.display().to_string(),
            presplit,
            wrapped: options.pipeline.wrapped,
            clauses,
            clause_pairs: options.pipeline.clause_pairs,
            rules: show(&self.segmentation.rules),
            lexicon: show(&self.model.lexicon),
            beads: self.model.beads.clone(),
            filters: options.filters.clone(),
        };
        let mut batch = Batch::new(aligner, options)?;
        if let Some((id, en)) = segmenters {
            batch = batch.with_segmenters(id, en);
        }
        Ok((batch, settings))
    }

    /// The options that are wrong together or alone, refused before any work.
    fn check(&self) -> Result<()> {
        let invalid = |m: &str| Err(Error::Invalid(m.into()));
        if !self.stream() && !self.input.exists() {
            return Err(Error::io(
                &self.input,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
            ));
        }
        self.filters.validate()?;
        crate::output::check_moses_output(self.format, self.output.as_deref())?;
        if self.output.is_none() && self.format == Format::Ladder {
            return invalid("--format ladder writes one file per document: give -o DIR");
        }
        Ok(())
    }

    /// Where the stats and the errors go, checked with every other output before anything is
    /// opened: no output may replace another (or lie in a ladder directory) or an input (the
    /// manifest or directory, a file it lists, the lexicon or rules).
    fn plan_outputs(&self, listed: Option<&[Item]>) -> Result<(Option<PathBuf>, Option<PathBuf>)> {
        // Side files beside OUT by default; none beside a device or descriptor (`-o
        // /dev/null` would put them in /dev), as none beside stdout.
        let beside = self
            .output
            .as_ref()
            .filter(|p| !crate::output::writes_through(p));
        let stats_path =
            (self.stats.clone()).or_else(|| beside.map(|p| with_suffix(p, ".stats.json")));
        let errors_path =
            (self.errors.clone()).or_else(|| beside.map(|p| with_suffix(p, ".errors.tsv")));
        let corpus_files = match (&self.output, self.format) {
            (Some(p), Format::Moses) => {
                let (i, e) = moses_paths(p);
                vec![i, e]
            }
            (Some(_), Format::Ladder) | (None, _) => vec![],
            (Some(p), _) => vec![p.clone()],
        };
        let mut outputs: Vec<(&str, &Path)> =
            corpus_files.iter().map(|p| ("-o", p.as_path())).collect();
        // A side file the user did not name is called by what it is.
        let label = |given: bool, opt, what| if given { opt } else { what };
        let stats_label = label(self.stats.is_some(), "--stats", "the stats file");
        let errors_label = label(self.errors.is_some(), "--errors", "the errors file");
        outputs.extend(stats_path.as_deref().map(|p| (stats_label, p)));
        outputs.extend(errors_path.as_deref().map(|p| (errors_label, p)));
        outputs.extend(self.report.as_deref().map(|p| ("--report", p)));
        crate::output::check_distinct(&outputs)?;
        let ladder_dir = match (&self.output, self.format) {
            (Some(dir), Format::Ladder) => Some(dir.as_path()),
            _ => None,
        };
        let mut written = outputs.clone();
        written.extend(ladder_dir.map(|dir| ("-o", dir)));
        let mut inputs: Vec<(&str, &Path)> = vec![("INPUT", &self.input)];
        inputs.extend(self.model.lexicon.as_deref().map(|p| ("--lexicon", p)));
        inputs.extend(self.segmentation.rules.as_deref().map(|p| ("--rules", p)));
        for doc in listed.unwrap_or_default().iter().flatten() {
            for side in [&doc.id, &doc.en] {
                if let Some(p) = side.path() {
                    inputs.push(("(listed in INPUT)", p));
                }
            }
        }
        crate::output::check_not_input(&inputs, &written)?;
        if let Some(dir) = ladder_dir {
            // Its files are named by the documents: no other output may lie there.
            crate::output::check_not_in_dir("-o", dir, &outputs)?;
        }
        Ok((stats_path, errors_path))
    }
}

/// The errors file: a TSV of `doc`, `file`, `reason`, its files named relative to its own
/// directory (`base`, absolute), as a manifest names its own, so that it can be moved with the
/// corpus and the documents it names.
struct ErrorsFile {
    w: csv::Writer<AtomicFile>,
    base: PathBuf,
}

impl ErrorsFile {
    fn create(path: &Path) -> Result<ErrorsFile> {
        let base = crate::place::dir_of(Some(path));
        let mut w = csv::WriterBuilder::new()
            .delimiter(b'\t')
            .quote_style(csv::QuoteStyle::Never)
            .from_writer(AtomicFile::create(path)?);
        w.write_record(["doc", "file", "reason"])
            .map_err(Error::from_csv_write)?;
        Ok(ErrorsFile { w, base })
    }

    fn write(&mut self, e: &DocError) -> Result<()> {
        let esc = crate::export::tsv_escape;
        let file = e.file.from_dir(&self.base);
        self.w
            .write_record([&*esc(&e.doc), &*esc(&file), &*esc(&e.reason)])
            .map_err(Error::from_csv_write)
    }

    fn commit(self) -> Result<()> {
        let file = self.w.into_inner().map_err(|e| {
            let kind = e.error().kind();
            Error::Write(std::io::Error::new(
                kind,
                format!("writing the errors file: {}", e.error()),
            ))
        })?;
        file.commit()
    }
}

impl Sink for CorpusSink {
    fn write_doc(&mut self, doc: &DocAlignment) -> Result<()> {
        CorpusSink::write_doc(self, doc)
    }
    fn flush(&mut self) -> Result<()> {
        CorpusSink::flush(self)
    }
}

impl Run {
    /// What reading the input noticed and set right (a manifest's header line repeated, say),
    /// one line each for standard error, before the run.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The documents listed (`None` for a stream), for a progress bar.
    pub fn documents(&self) -> Option<u64> {
        self.listed.as_ref().map(|l| l.len() as u64)
    }

    /// Align every document and write the corpus, the errors, the report and the stats.
    /// `progress` is called after each window.
    pub fn run(self, progress: &dyn Fn(Progress)) -> Result<Finished> {
        let (job, start) = (&self.job, self.start);
        let mut errors = self.errors;
        let mut out = self.corpus.writer()?;
        // Every failed document as one line, also when the errors file lists them: if a pipe
        // closes, the run writes no files but the corpus, and these go to standard error.
        let mut failed = Vec::new();
        // An errors file that is a pipe its reader closed (`--errors >(head -3)`) takes no
        // more lines; the run goes on, and the failed documents are told on standard error.
        let mut errors_closed = false;
        let mut on_error = |e: &DocError| -> Result<()> {
            if let Some(w) = errors.as_mut() {
                match w.write(e) {
                    Err(err) if err.is_broken_pipe() => {
                        errors = None;
                        errors_closed = true;
                    }
                    written => written?,
                }
            }
            failed.push(e.one_line());
            Ok(())
        };
        let mut sink = ReportSink::new(&mut out, job.report.is_some());
        let outcome = match self.listed {
            Some(items) => self
                .batch
                .run_all(items, &mut sink, &mut on_error, progress),
            None => {
                let stdin = std::io::stdin().lock();
                let lines = input::JsonLines::new(std::io::BufReader::new(stdin), None);
                self.batch
                    .run_stream(lines, &mut sink, &mut on_error, progress)
            }
        };
        let report_pairs = sink.into_pairs();
        let outcome = outcome.and_then(|o| out.finish().map(|()| o));
        let outcome = match outcome {
            // A consumer such as `head` took what it wanted: not an error, but the documents
            // that failed before are still told on standard error and still set the exit
            // code. No file is written (the errors file, the stats and the report describe a
            // whole run, and an earlier run's files beside a part of this one's would mislead).
            Err(e) if e.is_broken_pipe() => {
                return Ok(Finished {
                    summary: None,
                    failed_docs: failed.len() as u64,
                    failed,
                    errors_path: None,
                });
            }
            outcome => outcome?,
        };
        let t = &outcome.tally;
        let seconds = start.elapsed().as_secs_f64();
        let mode = match (job.learn, job.stream()) {
            (false, _) => "off",
            (true, true) => "online",
            (true, false) => "two-pass",
        };
        let learning = Learning {
            enabled: job.learn,
            mode,
            documents: outcome.learned_docs,
        };
        let info = RunInfo {
            version: env!("CARGO_PKG_VERSION"),
            settings: self.settings,
            format: job.format.name(),
            jobs: outcome.jobs,
            shard: job.shard.map(|s| s.to_string()),
            seconds: (seconds * 1000.0).round() / 1000.0,
            pairs_per_second: (t.aligned() as f64 / seconds.max(1e-9)).round(),
        };
        let summary = Summary::new(t, learning, info);
        // A side file that is a pipe its reader closed is not the corpus pipe closing: the
        // run is whole, and what the reader did not take it did not want.
        let side = |r: Result<()>| match r {
            Err(e) if e.is_broken_pipe() => Ok(false),
            r => r.map(|()| true),
        };
        if let Some(w) = errors {
            errors_closed |= !side(w.commit())?;
        }
        if let Some(mut f) = self.report {
            let title = format!("selaras batch {}", job.input.display());
            side(
                crate::report::write_corpus_html(
                    &mut f,
                    &title,
                    &report_pairs,
                    &Default::default(),
                )
                .and_then(|()| f.commit()),
            )?;
        }
        if let Some(mut f) = self.stats {
            side(
                serde_json::to_writer_pretty(&mut f, &summary)
                    .map_err(|e| Error::Write(e.into()))
                    .and_then(|()| f.write_all(b"\n").map_err(Error::Write))
                    .and_then(|()| f.commit()),
            )?;
        }
        // With an errors file, the failed documents are told there, not on standard error
        // (unless its reader closed it).
        let failed_docs = failed.len() as u64;
        if self.errors_path.is_some() && !errors_closed {
            failed.clear();
        }
        Ok(Finished {
            summary: Some(summary),
            failed_docs,
            failed,
            errors_path: self.errors_path.filter(|_| !errors_closed),
        })
    }
}

impl Finished {
    /// Whether some documents failed (exit code 3).
    pub fn partial(&self) -> bool {
        let failed = self.summary.as_ref().map(|s| s.documents.failed);
        failed.unwrap_or(self.failed_docs) > 0
    }

    /// The end of a run for standard error: each failed document when there is no errors
    /// file (even when `quiet`), then the summary line (none when a pipe closed: the run
    /// stopped there) and where the failed documents are listed.
    pub fn write_messages(&self, w: &mut dyn Write, quiet: bool) -> std::io::Result<()> {
        for l in &self.failed {
            writeln!(w, "selaras: failed: {l}")?;
        }
        if quiet {
            return Ok(());
        }
        if let Some(s) = &self.summary {
            Self::write_summary(s, w)?;
        }
        if let (true, Some(p)) = (self.partial(), &self.errors_path) {
            writeln!(
                w,
                "selaras batch: failed documents are listed in {}",
                p.display()
            )?;
        }
        Ok(())
    }

    /// The summary line, and the line of documents judged whole, if any.
    fn write_summary(s: &Summary, w: &mut dyn Write) -> std::io::Result<()> {
        let dropped: Vec<String> = (s.pairs.dropped_by_reason.iter())
            .filter(|(_, n)| **n > 0)
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        let dropped = match dropped.is_empty() {
            true => String::new(),
            false => format!(" ({})", dropped.join(", ")),
        };
        writeln!(
            w,
            "selaras batch: {} ({} ok, {} failed), {} aligned, {} kept, {} dropped{dropped} in {:.2} s ({:.0} pairs/s, {})",
            count(s.documents.total, "document"),
            s.documents.ok,
            s.documents.failed,
            count(s.pairs.aligned, "pair"),
            s.pairs.kept,
            s.pairs.dropped,
            s.run.seconds,
            s.run.pairs_per_second,
            count(s.run.jobs as u64, "thread"),
        )?;
        let d = &s.documents;
        let mut judged = Vec::new();
        if d.not_parallel > 0 {
            judged.push(format!(
                "{} whose sides do not translate each other",
                count(d.not_parallel, "document")
            ));
        }
        if d.swapped > 0 {
            judged.push(format!(
                "{} whose languages were swapped (aligned the right way round)",
                count(d.swapped, "document")
            ));
        }
        if d.with_copies > 0 {
            judged.push(format!(
                "{} with lines that are the other side's text again (left out)",
                count(d.with_copies, "document")
            ));
        }
        if !judged.is_empty() {
            writeln!(w, "selaras batch: {}", judged.join("; "))?;
        }
        Ok(())
    }
}
