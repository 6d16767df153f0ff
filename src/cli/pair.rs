//! `selaras pair`: which article translates which, in two collections without a manifest.

use super::args::RunArgs;
use super::progress::Bar;
use super::{EXIT_OK, EXIT_PARTIAL};
use selaras::job::pair::{Job, WRITING};
use selaras::pair::{self, Progress, verify::ALIGNING};
use std::cell::OnceCell;
use std::path::PathBuf;

/// Arguments of `selaras pair`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The Indonesian documents: a directory of .txt files (read recursively), a list file
    /// (one path a line, relative to the list), or JSON Lines ({"doc": …, "text": …} a line;
    /// `-` for stdin).
    pub id_input: PathBuf,
    /// The English documents, as ID_INPUT.
    pub en_input: PathBuf,
    /// The manifest to write (`doc id en score`; for files, paths relative to its directory, as
    /// `selaras batch` reads it; for JSON Lines input, the documents' `doc` values, which
    /// `batch` does not resolve: give it the pairs' texts as a `batch -` stream). Also writes
    /// OUT.unpaired.tsv. Without it the manifest goes to stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The documents left without a partner, with their best candidate and the reason
    /// (default OUT.unpaired.tsv; without it and without OUT, each is one line on stderr,
    /// even with -q).
    #[arg(long, value_name = "FILE")]
    pub unpaired: Option<PathBuf>,
    /// Keep pairs whose score (the probability that the two translate each other: the pair
    /// score, then with the alignment's document score) is at least this.
    #[arg(long, value_name = "P", default_value_t = pair::DEFAULT_MIN_SCORE, allow_negative_numbers = true)]
    pub min_score: f64,
    #[command(flatten)]
    pub run: RunArgs,
    /// An extra lexicon: TSV `id<TAB>en` per line, or hunalign's `en @ id`.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Write every candidate pair's features and score here (for calibration).
    #[arg(long, value_name = "FILE", hide = true)]
    pub candidates: Option<PathBuf>,
}

impl Args {
    fn job(self) -> Job {
        Job {
            id_input: self.id_input,
            en_input: self.en_input,
            output: self.output,
            unpaired: self.unpaired,
            min_score: self.min_score,
            jobs: self.run.jobs(),
            lexicon: self.lexicon,
            candidates: self.candidates,
            quiet: self.run.quiet,
        }
    }
}

/// Run `selaras pair`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let quiet = args.run.quiet;
    // The bar appears with the first report of the pairing, once the inputs are read and the
    // outputs open, and is cleared before anything is written.
    let bar = OnceCell::new();
    let progress = |p: Progress| {
        let bar = bar.get_or_init(|| {
            Bar::new(
                quiet,
                "{prefix:>9} [{bar:30}] {percent:>3}%, ETA {eta}",
                vec!["reading", "searching", "scoring", ALIGNING],
            )
        });
        if let Some(bar) = bar {
            match p.stage {
                WRITING => bar.finish(),
                stage => bar.show(stage, p.done, p.total),
            }
        }
    };
    let outcome = selaras::job::pair::run(&args.job(), &mut std::io::stderr(), &progress)?;
    // Documents that could not be used, and pairs refused as not translations, as `batch`
    // exits for its failed documents and those that are not translations.
    Ok(if outcome.failed() > 0 || outcome.refused() > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
