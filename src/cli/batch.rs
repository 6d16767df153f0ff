//! `selaras batch`: many article pairs into one corpus.

use super::args::{ClauseArgs, FilterArgs, FormatArgs, ModelArgs, RunArgs, SegmentArgs};
use super::progress::Bar;
use super::{EXIT_OK, EXIT_PARTIAL};
use selaras::batch::Progress;
use selaras::batch::filter::Filters;
use selaras::batch::input::Shard;
use selaras::job::batch::Job;
use std::path::PathBuf;

/// Arguments of `selaras batch`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A directory of NAME.id.txt + NAME.en.txt pairs (read recursively; a pair below it is named
    /// by its path, DIR/a/b.id.txt: `a/b`), a manifest TSV (doc, id, en), or `-`
    /// for JSON Lines on stdin ({"doc": …, "id": "<text>", "en": "<text>"} per line).
    pub input: PathBuf,
    /// Write the corpus to OUT (atomically) instead of standard output (moses: a prefix for
    /// PREFIX.id and PREFIX.en; ladder: a directory with one ladder file per document). Also
    /// writes OUT.stats.json and OUT.errors.tsv.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub segment: SegmentArgs,
    #[command(flatten)]
    pub clauses: ClauseArgs,
    /// Process only shard K of N (1-based), by a stable hash of the document id.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<Shard>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Keep the documents whose sides do not translate each other (the same text or the same
    /// language on both sides, another language, or a document score below 0.5) in the
    /// corpus, their beads scored that low, instead of listing them in the errors file.
    #[arg(long)]
    pub keep_unparallel: bool,
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

impl Args {
    fn job(self) -> Job {
        Job {
            input: self.input,
            output: self.output,
            format: self.format.format,
            width: self.format.width,
            jobs: self.run.jobs(),
            learn: !self.model.no_learn,
            model: self.model.model(),
            segmentation: self.segment.segmentation(),
            whole_sentences: self.clauses.whole_sentences,
            clause_pairs: self.clauses.clause_pairs,
            shard: self.shard,
            filters: Filters {
                keep_unparallel: self.keep_unparallel,
                ..self.filters.filters()
            },
            stats: self.stats,
            errors: self.errors,
            report: self.report,
            chunk: self.chunk,
        }
    }
}

/// Run `selaras batch`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let quiet = args.run.quiet;
    let learn = !args.model.no_learn;
    let run = args.job().open()?;
    if !quiet {
        for note in run.notes() {
            eprintln!("{note}");
        }
    }
    let (template, stages) = match run.documents() {
        Some(_) => (
            "{prefix:>9} [{bar:30}] {percent:>3}%{msg}, ETA {eta}",
            match learn {
                true => vec!["learning", "aligning"],
                false => vec!["aligning"],
            },
        ),
        None => ("{prefix:>9} {spinner} {pos} docs{msg}", vec![]),
    };
    let bar = Bar::new(quiet, template, stages);
    let progress = |p: Progress| {
        if let Some(b) = &bar {
            b.show(p.stage, p.docs, p.total.unwrap_or(0));
            // The pairs that go into the corpus: the second pass's, when there are two.
            if p.stage == "aligning" {
                b.pairs(p.pairs);
            }
        }
    };
    let finished = run.run(&progress);
    if let Some(b) = &bar {
        b.finish();
    }
    let finished = finished?;
    let _ = finished.write_messages(&mut std::io::stderr().lock(), quiet);
    Ok(if finished.partial() {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
