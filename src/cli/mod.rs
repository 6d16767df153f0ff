//! One module per subcommand. Each has an `Args` struct (clap derive) and a `run` function
//! that returns the process exit code.
//!
//! Exit codes (documented in the README):
//! 0 success; 1 an error writing output or another runtime failure; 2 bad input or usage
//! (missing file, invalid UTF-8, empty input, bad option); 3 a batch finished but some
//! documents failed (see its errors file); 4 `check --fail-under`: the corpus is below the
//! threshold; 130 interrupted.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub mod align;
pub mod args;
pub mod batch;
pub mod check;
pub mod eval;
pub mod pair;
mod progress;
pub mod report;
pub mod score;
pub mod split;

/// Indonesian–English sentence alignment and parallel corpus building.
#[derive(Parser, Debug)]
#[command(name = "selaras", version, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Split a text into sentences, one per line.
    Split(split::Args),
    /// Align an Indonesian document with its English translation.
    Align(align::Args),
    /// Score predicted alignments against gold alignments (strict and lax P/R/F1).
    Eval(eval::Args),
    /// Align many article pairs (a directory, a manifest, or JSON Lines on stdin) into a corpus.
    Batch(batch::Args),
    /// Score arbitrary sentence pairs of a corpus (TSV, JSON Lines, a Moses pair, two columns).
    Score(score::Args),
    /// Flag suspicious pairs in an aligned corpus and summarise its quality.
    Check(check::Args),
    /// Write a self-contained HTML report of an aligned corpus.
    Report(report::Args),
    /// Find which document translates which in two collections, as a manifest for `batch`.
    Pair(pair::Args),
}

/// Where a command's notes go: standard error, or nowhere with `-q`.
fn messages(quiet: bool) -> Box<dyn std::io::Write> {
    match quiet {
        true => Box::new(std::io::sink()),
        false => Box::new(std::io::stderr()),
    }
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a runtime failure (writing output, ...).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code: bad input or usage.
pub const EXIT_INPUT: u8 = 2;
/// Exit code: a batch finished but some documents failed; `align` wrote a pair that is not
/// a translation.
pub const EXIT_PARTIAL: u8 = 3;
/// Exit code: `check --fail-under` found the corpus below the threshold.
pub const EXIT_QUALITY: u8 = 4;
/// Exit code: interrupted (SIGINT or SIGTERM), as a shell reports Ctrl-C.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Parse the command line and run it. `--help` and `--version` print as clap writes them; a
/// usage error is one line on stderr, as every other error (exit code 2).
pub fn main() -> ExitCode {
    ExitCode::from(main_from(std::env::args_os()))
}

/// [`main`] with these arguments (the program name first): the exit code. The Python
/// package's `selaras` command runs the command line through this.
pub fn main_from(args: impl IntoIterator<Item = std::ffi::OsString>) -> u8 {
    // Interrupted (Ctrl-C, a kill): no hidden temporary output file is left behind; the
    // outputs themselves are untouched (written only by a completed rename).
    let _ = ctrlc::set_handler(|| {
        selaras::output::remove_temporaries();
        std::process::exit(EXIT_INTERRUPTED);
    });
    match Cli::try_parse_from(args) {
        Ok(cli) => run(cli),
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            EXIT_OK
        }
        // `selaras` alone: the help, as a usage error.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            EXIT_INPUT
        }
        Err(e) => {
            eprintln!("selaras: {}", usage_line(&e.render().to_string()));
            EXIT_INPUT
        }
    }
}

/// A clap usage error on one line: its message up to the first blank line, without the
/// `error:` label, the lines joined (the usage summary and the `--help` hint are left out).
fn usage_line(rendered: &str) -> String {
    let text = rendered.trim_start();
    let text = text.strip_prefix("error:").unwrap_or(text);
    let mut blocks = text.split("\n\n");
    let join = |lines: &mut dyn Iterator<Item = &str>| {
        lines
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut line = join(&mut blocks.next().unwrap_or_default().lines());
    // A suggestion (`tip: a similar argument exists: '--lexicon'`) is kept.
    for tip in blocks
        .flat_map(str::lines)
        .filter(|l| l.trim_start().starts_with("tip:"))
    {
        line.push_str("; ");
        line.push_str(tip.trim());
    }
    line
}

/// Run the parsed command line and turn its outcome into an exit code. Errors are printed on
/// one line to stderr; a closed output pipe is not an error.
pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Split(a) => split::run(a),
        Command::Align(a) => align::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Batch(a) => batch::run(a),
        Command::Score(a) => score::run(a),
        Command::Check(a) => check::run(a),
        Command::Report(a) => report::run(a),
        Command::Pair(a) => pair::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return EXIT_OK;
            }
            eprintln!("selaras: {}", selaras::error::one_line(err.as_ref()));
            let input = err.chain().any(
                |e| matches!(e.downcast_ref::<selaras::Error>(), Some(e) if e.is_input_error()),
            );
            if input { EXIT_INPUT } else { EXIT_FAILURE }
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<selaras::Error>()
                .is_some_and(selaras::Error::is_broken_pipe)
    })
}
