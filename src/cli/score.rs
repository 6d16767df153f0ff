//! `selaras score`: the probability that each pair of a TSV is a translation.

use super::args::TableArgs;
use std::path::PathBuf;

/// Arguments of `selaras score`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    /// Write the rows with `score` and `flags` columns (TSV) to FILE (atomically) instead of
    /// standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the model inputs as columns `f_<name>` (for fitting and debugging).
    #[arg(long)]
    pub features: bool,
}

/// Run `selaras score`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let input = args.input.input()?;
    selaras::job::table::score(&input, args.output.as_deref(), args.features)?;
    Ok(super::EXIT_OK)
}
