//! `selaras score`: the probability that each pair of a TSV is a translation.

use super::args::TableArgs;
use std::path::PathBuf;

/// Arguments of `selaras score`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    /// Write the rows with the score and flags columns (TSV) to FILE (atomically) instead of
    /// standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the pair probability to this column (default `score`). An input that already has
    /// a `score` column (a `batch` corpus: the aligner's bead score) is refused unless this
    /// names a column; naming an existing column replaces it.
    #[arg(long, value_name = "NAME")]
    pub score_col: Option<String>,
    /// Write the flags to this column (default `flags`; an input that already has one is
    /// refused unless this names a column, as for --score-col).
    #[arg(long, value_name = "NAME")]
    pub flags_col: Option<String>,
    /// Also write the model inputs as columns `f_<name>` (for fitting and debugging).
    #[arg(long)]
    pub features: bool,
}

/// Run `selaras score`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let input = args.input.input()?;
    let columns = selaras::job::table::ScoreColumns {
        score: args.score_col,
        flags: args.flags_col,
    };
    selaras::job::table::score(&input, args.output.as_deref(), &columns, args.features)?;
    Ok(super::EXIT_OK)
}
