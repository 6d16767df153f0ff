//! `selaras batch`: many article pairs into one corpus.

use super::{EXIT_OK, EXIT_PARTIAL};
use selaras::batch::filter::Filters;
use selaras::batch::input::{self, DocError, Shard};
use selaras::batch::stats::{Learning, RunInfo, Settings, Summary};
use selaras::batch::{Batch, Options, Outcome, Progress, ReportSink, Sink};
use selaras::export::{CorpusWriter, DocAlignment, Format, ladder_file_name, moses_paths};
use selaras::output::{AtomicDir, AtomicFile};
use selaras::segment::{Lang, Segmenter};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `selaras batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A directory of NAME.id.txt + NAME.en.txt pairs, a manifest TSV (doc, id, en), or `-`
    /// for JSON Lines on stdin ({"doc": …, "id": "<text>", "en": "<text>"} per line).
    pub input: PathBuf,
    /// Output corpus (moses: a prefix for PREFIX.id and PREFIX.en; ladder: a directory with
    /// one ladder file per document). Also writes OUT.stats.json and OUT.errors.tsv.
    /// Without it the corpus goes to stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Corpus format.
    #[arg(short, long, value_enum, default_value_t = Format::Tsv)]
    pub format: Format,
    /// Line width of the `side` format.
    #[arg(long, value_name = "N", default_value_t = selaras::export::SIDE_WIDTH, value_parser = super::parse_width)]
    pub width: usize,
    /// Worker threads (default: all cores; at most 1024). The output is the same for any
    /// number.
    #[arg(short, long, default_value_t = 0, hide_default_value = true, value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub jobs: u16,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Align once, without the corpus-level learned lexicon.
    #[arg(long)]
    pub no_learn: bool,
    #[command(flatten)]
    pub model: super::ModelArgs,
    /// Input is one sentence per line, as given (no segmentation).
    #[arg(long)]
    pub presplit: bool,
    /// Segmentation rules (SRX 2.0) to use instead of the bundled ones.
    #[arg(long, value_name = "FILE", conflicts_with = "presplit")]
    pub rules: Option<PathBuf>,
    /// Read the text as hard-wrapped (e-mail, text taken from a PDF): paragraphs end at blank
    /// lines and at lines well short of the width; a line break inside one is a space. Without
    /// it or --no-wrapped, a text whose lines are evidently cut at a width is read so (counted in
    /// the stats).
    #[arg(long, conflicts_with = "presplit")]
    pub wrapped: bool,
    /// Every line break ends a paragraph, however the lines look (no wrap detection).
    #[arg(long, conflicts_with_all = ["presplit", "wrapped"])]
    pub no_wrapped: bool,
    /// Keep sentences whole: do not pair a sentence boundary of one side with a clause
    /// boundary of the other, nor clause with clause. Pre-split input and the `ladder` format
    /// are never split.
    #[arg(long)]
    pub whole_sentences: bool,
    /// When the pieces of running text are also paired clause with clause, so that a bead may
    /// end where neither side ends a sentence: `auto` where a document's translation evidently
    /// pairs verses or clauses rather than sentences. No effect with `--whole-sentences`,
    /// `--presplit` or `--format ladder`.
    #[arg(long, value_enum, default_value_t = super::ClausePairs::Auto)]
    pub clause_pairs: super::ClausePairs,
    /// Process only shard K of N (1-based), by a stable hash of the document id.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    /// Drop pairs scored below this.
    #[arg(
        long,
        default_value_t = 0.0,
        value_name = "P",
        allow_negative_numbers = true
    )]
    pub min_score: f64,
    /// Keep beads with an empty side (1-0, 0-1); a `ladder` always keeps them.
    #[arg(long)]
    pub keep_empty: bool,
    /// Drop pairs with a side of fewer words.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_words: usize,
    /// Drop pairs with a side of more words (0: no bound).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub max_words: usize,
    /// Drop pairs whose longer side has more than R times the characters of the shorter
    /// (0: no bound).
    #[arg(
        long,
        default_value_t = 0.0,
        value_name = "R",
        allow_negative_numbers = true
    )]
    pub max_ratio: f64,
    /// Keep pairs whose two sides are the same text (untranslated); a `ladder` always keeps them.
    #[arg(long)]
    pub keep_identical: bool,
    /// Keep pairs whose numbers disagree; a `ladder` always keeps them.
    #[arg(long)]
    pub keep_num_mismatch: bool,
    /// Keep the documents whose sides do not translate each other (the same text or the same
    /// language on both sides, another language, or a document score below 0.5) in the
    /// corpus, their beads scored that low, instead of listing them in the errors file.
    #[arg(long)]
    pub keep_unparallel: bool,
    /// Drop pairs identical to one already written (whole corpus).
    #[arg(long)]
    pub dedup: bool,
    /// Stats file (default OUT.stats.json; none when writing to stdout or a device).
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
    /// Errors file (default OUT.errors.tsv; without it and without an OUT file, errors go to
    /// stderr).
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Also write a self-contained HTML report of the corpus written (holds its pairs in
    /// memory until the end of the run).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Documents per window (memory and streaming granularity).
    #[arg(long, default_value_t = 256, hide = true)]
    pub chunk: usize,
}

/// `p` with `suffix` added to its name (`out/` names `out`: `out.stats.json`, not a hidden
/// `out/.stats.json`).
fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.components().as_path().as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// A ladder file per document in a directory (named by [`ladder_file_name`]), which appears
/// whole when the run ends ([`AtomicDir`]).
struct LadderDir {
    dir: AtomicDir,
    /// Names written so far: a second document whose id gives the same name (`a/b` and `a_b`,
    /// or a repeated id) gets `~` and its hash instead of overwriting the first.
    written: std::collections::HashSet<String>,
}

impl Sink for LadderDir {
    fn write_doc(&mut self, doc: &DocAlignment) -> selaras::Result<()> {
        let mut name = ladder_file_name(doc.doc);
        while !self.written.insert(name.clone()) {
            name = format!("{name}~{:016x}", selaras::batch::input::fnv1a64(&name));
        }
        let f = self.dir.create_file(&name)?;
        let mut w = CorpusWriter::new(Format::Ladder, f)?;
        w.write_doc(doc)?;
        for mut f in w.finish()? {
            f.flush().map_err(|e| selaras::Error::Output {
                path: self.dir.path().join(&name),
                source: e,
            })?;
        }
        Ok(())
    }
    fn flush(&mut self) -> selaras::Result<()> {
        Ok(())
    }
}

enum Out {
    Stdout(CorpusWriter<std::io::BufWriter<std::io::StdoutLock<'static>>>),
    File(CorpusWriter<AtomicFile>),
    Ladder(LadderDir),
}

impl Out {
    fn sink(&mut self) -> &mut dyn Sink {
        match self {
            Out::Stdout(w) => w,
            Out::File(w) => w,
            Out::Ladder(w) => w,
        }
    }
    fn finish(self) -> anyhow::Result<()> {
        match self {
            Out::Stdout(w) => {
                w.finish()?;
            }
            Out::File(w) => {
                for f in w.finish()? {
                    f.commit()?;
                }
            }
            Out::Ladder(l) => l.dir.commit()?,
        }
        Ok(())
    }
}

/// Run `selaras batch`.
pub fn run(mut args: Args) -> anyhow::Result<u8> {
    let start = Instant::now();
    args.output = super::output_path(args.output.take());
    let stream = args.input.as_os_str() == "-";
    check_args(&args, stream)?;

    // Read the listing first so bad input fails before any output is opened.
    let listed = if stream {
        None
    } else if args.input.is_dir() {
        Some(input::list_dir(&args.input)?)
    } else {
        Some(input::read_manifest(&args.input)?)
    };

    // The lexicon and the rules too: a bad file of either fails before any output is opened.
    // The lexicon loads while the two languages' segmentation rules compile (each once per
    // process; `Batch::new` then finds them compiled).
    let (aligner, _) = rayon::join(
        || args.model.aligner(),
        || rayon::join(|| Segmenter::new(Lang::Id), || Segmenter::new(Lang::En)),
    );
    let aligner = aligner?;
    let segmenters = match &args.rules {
        Some(path) => {
            let rules = selaras::text::read_input(path)?;
            Some((
                Segmenter::from_srx(&rules.text, Lang::Id, path)?,
                Segmenter::from_srx(&rules.text, Lang::En, path)?,
            ))
        }
        None => None,
    };

    let plan = plan_outputs(&args, listed.as_deref())?;
    let (stats_path, errors_path) = (&plan.stats, &plan.errors);

    // Output files first (their temporary files show nothing); standard output gets its first
    // bytes (a header) only once every file has opened.
    let file_out = match (&args.output, args.format) {
        (None, _) => None,
        (Some(p), Format::Moses) => {
            let (i, e) = moses_paths(p);
            Some(Out::File(CorpusWriter::moses(
                AtomicFile::create(i)?,
                AtomicFile::create(e)?,
            )))
        }
        (Some(p), Format::Ladder) => Some(Out::Ladder(LadderDir {
            dir: AtomicDir::create(p)?,
            written: Default::default(),
        })),
        (Some(p), f) => Some(Out::File(
            CorpusWriter::new(f, AtomicFile::create(p)?)?.with_width(args.width),
        )),
    };

    let stats_file = stats_path.as_ref().map(AtomicFile::create).transpose()?;
    let report_file = args.report.as_ref().map(AtomicFile::create).transpose()?;
    let mut errors_w = match &errors_path {
        Some(p) => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(b'\t')
                .quote_style(csv::QuoteStyle::Never)
                .from_writer(AtomicFile::create(p)?);
            w.write_record(["doc", "file", "reason"])?;
            Some(w)
        }
        None => None,
    };
    let mut out = match file_out {
        Some(out) => out,
        None => {
            Out::Stdout(CorpusWriter::new(args.format, super::stdout())?.with_width(args.width))
        }
    };
    let mut failed_lines = Vec::new();
    let quiet = args.quiet;
    let mut on_error = |e: &DocError| -> selaras::Result<()> {
        match errors_w.as_mut() {
            Some(w) => {
                let esc = selaras::export::tsv_escape;
                w.write_record([&*esc(&e.doc), &*esc(&e.file), &*esc(&e.reason)])
                    .map_err(selaras::check::table::write_error)?;
            }
            None => failed_lines.push(format!("{}: {}: {}", e.doc, e.file, e.reason)),
        }
        Ok(())
    };

    let bar = progress_bar(quiet, listed.as_ref().map(|l| l.len() as u64));
    let stage = std::cell::Cell::new("");
    let progress = |p: Progress| {
        if let Some(bar) = &bar {
            if stage.get() != p.stage {
                // A new stage (learning, then aligning): rate and ETA start again.
                stage.set(p.stage);
                bar.reset();
                bar.set_prefix(p.stage);
            }
            if let Some(t) = p.total {
                bar.set_length(t);
            }
            bar.set_position(p.docs);
            let secs = bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} pairs, {:.0} pairs/s",
                p.pairs,
                p.pairs as f64 / secs
            ));
        }
    };

    // A ladder is the alignment of each document, as `selaras align` writes it: the filters
    // that drop beads by default (empty side, identical sides, numbers that disagree) do not
    // apply to it; the ones asked for do.
    let whole = args.format == Format::Ladder;
    let clauses = super::clause_splits(args.presplit, args.whole_sentences, args.format);
    let options = Options {
        filters: Filters {
            min_score: args.min_score,
            keep_empty: args.keep_empty || whole,
            min_words: args.min_words,
            max_words: args.max_words,
            max_ratio: args.max_ratio,
            keep_identical: args.keep_identical || whole,
            keep_num_mismatch: args.keep_num_mismatch || whole,
            dedup: args.dedup,
            keep_unparallel: args.keep_unparallel,
        },
        pipeline: selaras::pipeline::Options {
            presplit: args.presplit,
            wrapped: selaras::segment::Wrap::from_flags(args.wrapped, args.no_wrapped),
            learn: !args.no_learn,
            whole_sentences: !clauses,
            // What shaped the corpus: no clause pairs where nothing is cut at clauses.
            clause_pairs: match clauses {
                true => args.clause_pairs.into(),
                false => selaras::align::clauses::Finer::Never,
            },
        },
        chunk: args.chunk,
        shard: args.shard,
        jobs: usize::from(args.jobs),
    };
    let show = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
    let settings = Settings {
        input: args.input.display().to_string(),
        presplit: options.pipeline.presplit,
        wrapped: options.pipeline.wrapped,
        clauses,
        clause_pairs: options.pipeline.clause_pairs,
        rules: show(&args.rules),
        lexicon: show(&args.model.lexicon),
        beads: args.model.beads.clone(),
        filters: options.filters.clone(),
    };
    let mut batch = Batch::new(aligner, options)?;
    if let Some((id, en)) = segmenters {
        batch = batch.with_segmenters(id, en);
    }
    let mut sink = ReportSink::new(out.sink(), args.report.is_some());
    let outcome: Outcome = match listed {
        Some(items) => batch.run_all(items, &mut sink, &mut on_error, &progress)?,
        None => {
            let stdin = std::io::stdin().lock();
            let lines = input::JsonLines::new(std::io::BufReader::new(stdin), "<stdin>");
            batch.run_stream(lines, &mut sink, &mut on_error, &progress)?
        }
    };
    let report_pairs = sink.into_pairs();
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    out.finish()?;
    let t = &outcome.tally;
    let seconds = start.elapsed().as_secs_f64();
    let summary = Summary::new(
        t,
        Learning {
            enabled: !args.no_learn,
            mode: if args.no_learn {
                "off"
            } else if stream {
                "online"
            } else {
                "two-pass"
            },
            documents: outcome.learned_docs,
        },
        RunInfo {
            version: env!("CARGO_PKG_VERSION"),
            settings,
            format: args.format.name(),
            jobs: outcome.jobs,
            shard: args.shard.map(|s| s.to_string()),
            seconds: (seconds * 1000.0).round() / 1000.0,
            pairs_per_second: (t.aligned() as f64 / seconds.max(1e-9)).round(),
        },
    );
    if let Some(w) = errors_w {
        let f = w
            .into_inner()
            .map_err(|e| anyhow::anyhow!("writing the errors file: {}", e.error()))?;
        f.commit()?;
    }
    if let Some(mut f) = report_file {
        let title = format!("selaras batch {}", args.input.display());
        selaras::report::write_corpus_html(&mut f, &title, &report_pairs, &Default::default())?;
        f.commit()?;
    }
    if let Some(mut f) = stats_file {
        serde_json::to_writer_pretty(&mut f, &summary)?;
        f.write_all(b"\n")?;
        f.commit()?;
    }
    print_summary(&summary, &failed_lines, quiet, errors_path.as_deref());
    Ok(if t.docs_failed > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

/// The options that are wrong together or alone, refused before any work.
fn check_args(args: &Args, stream: bool) -> anyhow::Result<()> {
    if !stream && !args.input.exists() {
        return Err(selaras::Error::io(
            &args.input,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
        )
        .into());
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(selaras::Error::Invalid("--min-score must be between 0 and 1".into()).into());
    }
    if args.max_ratio < 0.0 || args.max_ratio.is_nan() {
        return Err(selaras::Error::Invalid("--max-ratio must be 0 or more".into()).into());
    }
    let invalid = |m: &str| -> anyhow::Result<()> { Err(selaras::Error::Invalid(m.into()).into()) };
    if args.max_words > 0 && args.max_words < args.min_words {
        return invalid("--max-words is below --min-words: every pair would be dropped");
    }
    super::check_moses_output(args.format, args.output.as_deref())?;
    if args.output.is_none() && args.format == Format::Ladder {
        return invalid("--format ladder writes one file per document: give -o DIR");
    }
    Ok(())
}

/// The side files of a run: where the stats and the errors go.
struct Plan {
    stats: Option<PathBuf>,
    errors: Option<PathBuf>,
}

/// Where every output of the run goes, checked before anything is opened: no output may
/// replace another (or lie in a ladder directory) or an input (the manifest or directory, a
/// file it lists, the lexicon or rules).
fn plan_outputs(args: &Args, listed: Option<&[input::Item]>) -> anyhow::Result<Plan> {
    // Side files beside OUT by default; none beside a device or descriptor (`-o /dev/null`
    // would put them in /dev), as none beside stdout.
    let beside = args
        .output
        .as_ref()
        .filter(|p| !selaras::output::writes_through(p));
    let stats_path = args
        .stats
        .clone()
        .or_else(|| beside.map(|p| with_suffix(p, ".stats.json")));
    let errors_path = args
        .errors
        .clone()
        .or_else(|| beside.map(|p| with_suffix(p, ".errors.tsv")));
    // Every output file is opened (and so checked) before the run: none may replace another.
    let corpus_files = match (&args.output, args.format) {
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
    let stats_label = label(args.stats.is_some(), "--stats", "the stats file");
    let errors_label = label(args.errors.is_some(), "--errors", "the errors file");
    outputs.extend(stats_path.as_deref().map(|p| (stats_label, p)));
    outputs.extend(errors_path.as_deref().map(|p| (errors_label, p)));
    outputs.extend(args.report.as_deref().map(|p| ("--report", p)));
    selaras::output::check_distinct(&outputs)?;
    let mut written = outputs.clone();
    if let (Some(dir), Format::Ladder) = (&args.output, args.format) {
        written.push(("-o", dir));
    }
    let mut inputs: Vec<(&str, &Path)> = vec![("INPUT", &args.input)];
    inputs.extend(args.model.lexicon.as_deref().map(|p| ("--lexicon", p)));
    inputs.extend(args.rules.as_deref().map(|p| ("--rules", p)));
    for doc in listed.unwrap_or_default().iter().flatten() {
        for side in [&doc.id, &doc.en] {
            if let input::Side::File(p) = side {
                inputs.push(("(listed in INPUT)", p));
            }
        }
    }
    selaras::output::check_not_input(&inputs, &written)?;
    if let (Some(dir), Format::Ladder) = (&args.output, args.format) {
        // Its files are named by the documents: no other output may lie there.
        selaras::output::check_not_in_dir("-o", dir, &outputs)?;
    }
    Ok(Plan {
        stats: stats_path,
        errors: errors_path,
    })
}

/// The end of a run on stderr: each failed document when there is no errors file (even with
/// `--quiet`), then the summary line.
fn print_summary(
    summary: &Summary,
    failed_lines: &[String],
    quiet: bool,
    errors_path: Option<&Path>,
) {
    let mut err = std::io::stderr().lock();
    for l in failed_lines {
        let _ = writeln!(err, "selaras: failed: {l}");
    }
    if !quiet {
        let dropped: Vec<String> = summary
            .pairs
            .dropped_by_reason
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        let _ = writeln!(
            err,
            "selaras batch: {} document{} ({} ok, {} failed), {} pairs aligned, {} kept, {} dropped{} in {:.2} s ({:.0} pairs/s, {} threads)",
            summary.documents.total,
            if summary.documents.total == 1 {
                ""
            } else {
                "s"
            },
            summary.documents.ok,
            summary.documents.failed,
            summary.pairs.aligned,
            summary.pairs.kept,
            summary.pairs.dropped,
            if dropped.is_empty() {
                String::new()
            } else {
                format!(" ({})", dropped.join(", "))
            },
            summary.run.seconds,
            summary.run.pairs_per_second,
            summary.run.jobs,
        );
        if summary.documents.failed > 0
            && let Some(p) = errors_path
        {
            let _ = writeln!(
                err,
                "selaras batch: failed documents are listed in {}",
                p.display()
            );
        }
    }
}

fn progress_bar(quiet: bool, total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let template = if total.is_some() {
        "{prefix:>9} [{bar:30}] {pos}/{len} docs, {msg}, ETA {eta}"
    } else {
        "{prefix:>9} {spinner} {pos} docs, {msg}"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.set_prefix("reading");
    bar.set_message("0 pairs");
    Some(bar)
}
