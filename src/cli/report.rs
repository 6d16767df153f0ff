//! `selaras report`: a self-contained HTML report of an aligned corpus.

use super::args::TableArgs;
use std::path::PathBuf;

/// Arguments of `selaras report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    /// Write the HTML page to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Title shown in the report (default: the input file name).
    #[arg(long)]
    pub title: Option<String>,
    /// No line on standard error saying what was written.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Run `selaras report`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let input = args.input.input()?;
    let title = args.title.as_deref();
    let output = selaras::output::given(args.output);
    let messages = &mut super::messages(args.quiet);
    selaras::job::table::report(&input, output.as_deref(), title, messages)?;
    Ok(super::EXIT_OK)
}
