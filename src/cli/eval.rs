//! `selaras eval`: strict and lax precision/recall/F1 of predicted ladders against gold.

use selaras::output::{Output, present};
use std::path::PathBuf;

/// Arguments of `selaras eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold ladder file, or a directory of gold ladder files (its `NAME.gold` files where it
    /// holds any, as `corpus/` does beside its texts), read with the directories below it as
    /// `batch DIR` reads one: `2024/banjir.gold` is the gold of the document `2024/banjir`,
    /// predicted in `2024/banjir` or, as `batch -f ladder` writes it, `2024_banjir`.
    #[arg(long)]
    gold: PathBuf,
    /// Predicted ladder file, or a directory of same-named predicted ladder files (`NAME` for
    /// a gold `NAME.gold`, as `batch -f ladder` writes them; `/` in a name as `_`).
    #[arg(long)]
    pred: PathBuf,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "text")]
    format: Format,
    /// Print only the overall row (text format).
    #[arg(long)]
    overall_only: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Format {
    Text,
    Json,
}

/// Run `selaras eval`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    selaras::output::check_not_input(
        &[("--gold", &args.gold), ("--pred", &args.pred)],
        &present(&[("-o", args.output.as_deref())]),
    )?;
    let output = Output::open(args.output.as_deref())?;
    let mut notes = Vec::new();
    let docs = selaras::eval::evaluate_paths(&args.gold, &args.pred, &mut notes)?;
    for note in notes {
        eprintln!("selaras: {note}");
    }
    output.write_with(|out| match args.format {
        Format::Text => selaras::eval::write_table(out, &docs, !args.overall_only),
        Format::Json => selaras::eval::write_json(out, &docs),
    })?;
    Ok(super::EXIT_OK)
}
