//! `selaras check`: flag suspicious pairs of a corpus and summarise its quality.

use super::args::{TableArgs, values};
use selaras::job::table::{Check, FailMetric};
use std::path::PathBuf;

/// Arguments of `selaras check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    /// Write the rows with `pair_score` and `flags` columns (TSV) to FILE (atomically) instead
    /// of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Don't write the rows (only the summary).
    #[arg(long, conflicts_with = "output")]
    pub no_rows: bool,
    /// Write the summary as JSON to this file.
    #[arg(long)]
    pub summary: Option<PathBuf>,
    /// Exit with code 4 when the corpus measure (see --fail-metric) is below this value (0-1).
    #[arg(long, allow_negative_numbers = true)]
    pub fail_under: Option<f64>,
    /// The measure compared with --fail-under.
    #[arg(long, default_value = "clean", value_parser = values(&FailMetric::ALL, FailMetric::name, FailMetric::about))]
    pub fail_metric: FailMetric,
    /// No summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Run `selaras check`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let input = args.input.input()?;
    let job = Check {
        rows: !args.no_rows,
        output: args.output,
        summary: args.summary,
        fail_under: args.fail_under.map(|x| (args.fail_metric, x)),
        quiet: args.quiet,
    };
    let passed = selaras::job::table::check(&input, &job, &mut std::io::stderr())?;
    Ok(if passed {
        super::EXIT_OK
    } else {
        super::EXIT_QUALITY
    })
}
