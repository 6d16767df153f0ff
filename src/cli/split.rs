//! `selaras split`: cut a text into sentences, one per line (or JSON Lines with spans).

use super::args::SegmentArgs;
use selaras::segment::Lang;
use std::path::PathBuf;

/// Arguments of `selaras split`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Language of the text.
    #[arg(long, ignore_case = true, value_parser = super::args::lang())]
    lang: Lang,
    /// Input text (UTF-8); `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    input: Option<PathBuf>,
    /// Output format: one sentence per line, or JSON Lines with paragraph and byte span.
    #[arg(short, long, value_enum, default_value = "text")]
    format: Format,
    #[command(flatten)]
    segment: SegmentArgs,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// No notes on standard error (a text read as hard-wrapped).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    /// One sentence per line.
    Text,
    /// One JSON object per sentence: text, para, start, end (byte offsets in the file).
    Jsonl,
}

/// Run `selaras split`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let job = selaras::job::split::Job {
        lang: args.lang,
        input: args.input,
        output: args.output,
        segmentation: args.segment.segmentation(),
        jsonl: args.format == Format::Jsonl,
    };
    selaras::job::split::run(&job, &mut super::messages(args.quiet))?;
    Ok(super::EXIT_OK)
}
