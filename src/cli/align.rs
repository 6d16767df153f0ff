//! `selaras align`: align an Indonesian document with its English translation.

use super::args::{ClauseArgs, FilterArgs, FormatArgs, ModelArgs, SegmentArgs};
use selaras::job::align::Job;
use std::path::PathBuf;

/// Arguments of `selaras align`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The Indonesian document (UTF-8 text; paragraphs end at blank lines or line breaks).
    #[arg(value_name = "ID_FILE")]
    id: PathBuf,
    /// The English document.
    #[arg(value_name = "EN_FILE")]
    en: PathBuf,
    #[command(flatten)]
    segment: SegmentArgs,
    #[command(flatten)]
    format: FormatArgs,
    /// The document id written in the output's `doc` field (default: the Indonesian file's
    /// name without `.txt` and `.id` or `.en`, as `batch` names `NAME.id.txt`).
    #[arg(long, value_name = "NAME")]
    doc: Option<String>,
    /// Write to FILE (atomically) instead of standard output; for `moses`, the prefix of
    /// PREFIX.id and PREFIX.en.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// A gold ladder (`[0,1]:[2]` per line, over the sentences as split): print strict and lax
    /// precision/recall/F1 of the sentence alignment (before any clause split) to standard
    /// error.
    #[arg(long, value_name = "FILE")]
    gold: Option<PathBuf>,
    #[command(flatten)]
    model: ModelArgs,
    #[command(flatten)]
    clauses: ClauseArgs,
    #[command(flatten)]
    filters: FilterArgs,
    /// No notes on standard error (the hard-wrapped sides, swapped languages, a pair that is
    /// not a translation, the pairs left out); the `--gold` scores are still printed, and a
    /// pair that is not a translation still exits with code 3.
    #[arg(short, long)]
    quiet: bool,
}

/// Run `selaras align`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let job = Job {
        id: args.id,
        en: args.en,
        output: selaras::output::given(args.output),
        format: args.format.format,
        width: args.format.width,
        doc: args.doc,
        gold: args.gold,
        model: args.model.model(),
        segmentation: args.segment.segmentation(),
        learn: !args.model.no_learn,
        whole_sentences: args.clauses.whole_sentences,
        clause_pairs: args.clauses.clause_pairs,
        filters: args.filters.filters(),
        quiet: args.quiet,
    };
    let outcome = selaras::job::align::run(&job, &mut std::io::stderr())?;
    // Not a translation: the output is written (as `batch --keep-unparallel` would), and the
    // exit code says so as `batch`'s does for a document it lists as an error, also under
    // `--quiet`.
    Ok(match outcome.not_parallel {
        Some(_) => super::EXIT_PARTIAL,
        None => super::EXIT_OK,
    })
}
