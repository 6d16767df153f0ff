//! `selaras report`: a self-contained HTML report of an aligned corpus.

use super::args::TableArgs;
use std::path::PathBuf;

/// Arguments of `selaras report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    /// The HTML file to write (atomically).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Title shown in the report (default: the input file name).
    #[arg(long)]
    pub title: Option<String>,
}

/// Run `selaras report`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let input = args.input.input()?;
    let title = args.title.as_deref();
    selaras::job::table::report(&input, &args.output, title, &mut std::io::stderr())?;
    Ok(super::EXIT_OK)
}
