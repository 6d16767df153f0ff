//! One module per subcommand. Each has an `Args` struct (clap derive) and a `run` function
//! that returns the process exit code.
//!
//! Exit codes (documented in the README):
//! 0 success; 1 an error writing output or another runtime failure; 2 bad input or usage
//! (missing file, invalid UTF-8, empty input, bad option); 3 a batch finished but some
//! documents failed (see its errors file); 4 `check --fail-under`: the corpus is below the
//! threshold; 130 interrupted.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use selaras::align::{AlignConfig, Aligner, parse_beads};
use selaras::export::Format;
use selaras::lexicon::Lexicon;
use selaras::output::AtomicFile;

pub mod align;
pub mod batch;
pub mod check;
pub mod eval;
pub mod pair;
pub mod report;
pub mod score;
pub mod split;

/// Indonesian–English sentence alignment and parallel corpus building.
#[derive(Parser, Debug)]
#[command(name = "selaras", version, about, long_about = None)]
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
    /// Score arbitrary sentence pairs from a TSV file.
    Score(score::Args),
    /// Flag suspicious pairs in an aligned corpus and summarise its quality.
    Check(check::Args),
    /// Write a self-contained HTML report of an aligned corpus.
    Report(report::Args),
    /// Find which document translates which in two collections, as a manifest for `batch`.
    Pair(pair::Args),
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: a runtime failure (writing output, ...).
pub const EXIT_FAILURE: u8 = 1;
/// Exit code: bad input or usage.
pub const EXIT_INPUT: u8 = 2;
/// Exit code: a batch finished but some documents failed.
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
            eprintln!("selaras: {}", one_line(&err));
            let input = err.chain().any(
                |e| matches!(e.downcast_ref::<selaras::Error>(), Some(e) if e.is_input_error()),
            );
            if input { EXIT_INPUT } else { EXIT_FAILURE }
        }
    }
}

/// The error and its causes on one line, each cause once (a typed error often already
/// includes its source in its own message).
fn one_line(err: &anyhow::Error) -> String {
    let mut msg = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !msg.contains(&cause) {
            msg.push_str(": ");
            msg.push_str(&cause);
        }
    }
    msg.replace(['\n', '\r'], " ")
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<selaras::Error>()
                .is_some_and(selaras::Error::is_broken_pipe)
    })
}

/// The aligner's model options, shared by `align` and `batch`.
#[derive(clap::Args, Debug)]
pub struct ModelArgs {
    /// An extra lexicon: TSV `id<TAB>en` per line, or hunalign's `en @ id`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Allowed bead types, e.g. `1-1,1-0,0-1,2-1,1-2` (1-0 and 0-1 are required).
    #[arg(
        long,
        value_name = "LIST",
        default_value = "1-1,1-0,0-1,2-1,1-2,2-2,3-1,1-3"
    )]
    pub beads: String,
    /// Keep the alignment monotonic: do not pair blocks of sentences moved elsewhere in the
    /// translation across the document (crossing beads).
    #[arg(long)]
    pub no_moved: bool,
}

impl ModelArgs {
    /// The aligner these options ask for: the bundled lexicon plus any `--lexicon`, the beads
    /// of `--beads`.
    pub fn aligner(&self) -> anyhow::Result<Aligner> {
        let config = AlignConfig {
            beads: parse_beads(&self.beads)?,
            moved: !self.no_moved,
            ..AlignConfig::default()
        };
        Ok(match &self.lexicon {
            Some(path) => Aligner::with_lexicon(config, &Lexicon::read(path)?),
            None => Aligner::new(config),
        })
    }
}

/// `--clause-pairs`: when the pieces of running text are also paired clause with clause.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum ClausePairs {
    /// Where a document's translation evidently pairs units smaller than sentences (verses,
    /// clauses): many of its beads hold a part of a sentence.
    #[default]
    Auto,
    /// Never: sentence pairs that translate each other whole stay whole.
    Never,
    /// In every document.
    Always,
}

impl From<ClausePairs> for selaras::align::clauses::Finer {
    fn from(c: ClausePairs) -> Self {
        match c {
            ClausePairs::Auto => Self::Auto,
            ClausePairs::Never => Self::Never,
            ClausePairs::Always => Self::Always,
        }
    }
}

/// Whether beads of the output are split at clauses: never for pre-split input, with
/// `--whole-sentences`, or for a ladder (Vecalign's format indexes the sentences as split).
pub fn clause_splits(presplit: bool, whole_sentences: bool, format: Format) -> bool {
    !presplit && !whole_sentences && format != Format::Ladder
}

/// `-o PREFIX` of the `moses` format: required, and a file name prefix (it names two files,
/// `PREFIX.id` and `PREFIX.en`; a directory there would get the hidden files `.id` and `.en`).
pub fn check_moses_output(format: Format, output: Option<&Path>) -> selaras::Result<()> {
    let problem = match output {
        _ if format != Format::Moses => return Ok(()),
        None => "--format moses writes two files: give their prefix with -o PREFIX".to_string(),
        Some(p) if p.is_dir() || selaras::output::names_directory(p) => format!(
            "-o {}: --format moses writes PREFIX.id and PREFIX.en: give a file name prefix, not a directory",
            p.display()
        ),
        Some(_) => return Ok(()),
    };
    Err(selaras::Error::Invalid(problem))
}

/// Where a command's data goes: a file written atomically (`-o`), or standard output.
/// Opened before the work, so a path that cannot be written fails first.
pub enum Output {
    File(AtomicFile),
    Stdout,
}

impl Output {
    /// Open `path`, or standard output when there is none or it is `-`.
    pub fn open(path: Option<&Path>) -> selaras::Result<Output> {
        Ok(match path {
            Some(p) if !selaras::output::is_stdout(p) => Output::File(AtomicFile::create(p)?),
            _ => Output::Stdout,
        })
    }

    /// Write the data with `f` and complete the file (or flush standard output).
    pub fn write(
        self,
        f: impl FnOnce(&mut dyn Write) -> selaras::Result<()>,
    ) -> selaras::Result<()> {
        match self {
            Output::File(mut file) => {
                f(&mut file)?;
                file.commit()
            }
            Output::Stdout => {
                let mut out = stdout();
                f(&mut out)?;
                out.flush().map_err(selaras::Error::Write)
            }
        }
    }
}

/// An output path, `None` for standard output (none given, or `-`).
pub fn output_path(path: Option<PathBuf>) -> Option<PathBuf> {
    path.filter(|p| !selaras::output::is_stdout(p))
}

/// Refuse outputs that name an input, before any work (exit code 2; the input untouched).
/// Inputs and outputs that are not given are left out.
pub fn check_not_input(
    inputs: &[(&str, Option<&Path>)],
    outputs: &[(&str, Option<&Path>)],
) -> selaras::Result<()> {
    let inputs: Vec<(&str, &Path)> = inputs
        .iter()
        .filter_map(|(o, p)| Some((*o, (*p)?)))
        .collect();
    let outputs: Vec<(&str, &Path)> = outputs
        .iter()
        .filter_map(|(o, p)| Some((*o, (*p)?)))
        .collect();
    selaras::output::check_not_input(&inputs, &outputs)
}

/// Standard output, buffered (data goes here; messages go to standard error).
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// `--width N` of the `side` format: at least [`selaras::export::SIDE_MIN_WIDTH`].
pub fn parse_width(s: &str) -> Result<usize, String> {
    let n: usize = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    let min = selaras::export::SIDE_MIN_WIDTH;
    if n < min {
        return Err(format!("at least {min} (two columns of 10 and the gutter)"));
    }
    let max = selaras::export::SIDE_MAX_WIDTH;
    if n > max {
        return Err(format!("at most {max}"));
    }
    Ok(n)
}

/// The one line that names the inputs found hard-wrapped (not when `--wrapped` said so), or
/// `None` when there are none.
pub fn wrap_note(sides: &[(&std::path::Path, selaras::segment::Layout)]) -> Option<String> {
    let found: Vec<String> = sides
        .iter()
        .filter(|(_, l)| l.wrapped && l.detected)
        .map(|(p, l)| match l.width {
            Some(w) => format!("{} (lines cut at {w} columns)", p.display()),
            None => p.display().to_string(),
        })
        .collect();
    (!found.is_empty()).then(|| {
        format!(
            "selaras: read as hard-wrapped text: {}; --no-wrapped reads every line break as a paragraph end",
            found.join(", ")
        )
    })
}
