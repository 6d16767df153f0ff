//! `selaras report`: a self-contained HTML report of an aligned corpus.

use super::check::{FlagArgs, TableArgs};
use selaras::check::Summary;
use selaras::output::AtomicFile;
use selaras::report::{ReportInput, write_html};
use std::path::PathBuf;

/// Arguments of `selaras report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    #[command(flatten)]
    pub flags: FlagArgs,
    /// The HTML file to write (atomically).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Title shown in the report (default: the input file name).
    #[arg(long)]
    pub title: Option<String>,
}

/// Run `selaras report`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let cfg = args.flags.config()?;
    args.input
        .refuse_replacing_input("-o", Some(&args.output))?;
    // Opened before the work, so a path that cannot be written fails first.
    let mut file = AtomicFile::create(&args.output)?;
    let (table, pairs) = args.input.read()?;
    let checks = selaras::check::check_pairs(&pairs, &args.flags.scorer()?, &cfg);
    let summary = Summary::build(&pairs, &checks);
    let title = args.title.clone().unwrap_or_else(|| {
        table.path.file_name().map_or_else(
            || table.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    write_html(
        &mut file,
        &ReportInput {
            title: &title,
            pairs: &pairs,
            checks: &checks,
            summary: &summary,
        },
    )?;
    file.commit()?;
    eprintln!(
        "selaras: wrote {} ({} document{}, {} pair{})",
        args.output.display(),
        summary.documents,
        if summary.documents == 1 { "" } else { "s" },
        summary.pairs,
        if summary.pairs == 1 { "" } else { "s" }
    );
    Ok(super::EXIT_OK)
}
