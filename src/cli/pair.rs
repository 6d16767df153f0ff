//! `selaras pair`: which article translates which, in two collections without a manifest.

use super::args::RunArgs;
use super::progress::Bar;
use super::{EXIT_OK, EXIT_PARTIAL};
use selaras::output::{AtomicFile, Output, present};
use selaras::pair::{self, Options, Progress};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Arguments of `selaras pair`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The Indonesian documents: a directory of .txt files (read recursively), a list file
    /// (one path a line, relative to the list), or JSON Lines ({"doc": …, "text": …} a line;
    /// `-` for stdin).
    pub id_input: PathBuf,
    /// The English documents, as ID_INPUT.
    pub en_input: PathBuf,
    /// The manifest to write (`doc id en score`, as `selaras batch` reads it; paths relative
    /// to its directory). Also writes OUT.unpaired.tsv. Without it the manifest goes to stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The documents left without a partner, with their best candidate and the reason
    /// (default OUT.unpaired.tsv; without it and without OUT, unusable documents are listed
    /// on stderr).
    #[arg(long, value_name = "FILE")]
    pub unpaired: Option<PathBuf>,
    /// Keep pairs whose document score (the probability that the two translate each other)
    /// is at least this.
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

/// `p` with `suffix` added to its file name.
fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Run `selaras pair`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let start = Instant::now();
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(selaras::Error::Invalid("--min-score must be between 0 and 1".into()).into());
    }
    if args.id_input.as_os_str() == "-" && args.en_input.as_os_str() == "-" {
        return Err(selaras::Error::Invalid(
            "only one of ID_INPUT and EN_INPUT can be `-` (standard input)".into(),
        )
        .into());
    }
    let output = selaras::output::given(args.output.clone());
    let unpaired_path = args
        .unpaired
        .clone()
        .or_else(|| output.as_deref().map(|o| with_suffix(o, ".unpaired.tsv")));
    let outputs = present(&[
        ("-o", output.as_deref()),
        ("--unpaired", unpaired_path.as_deref()),
        ("--candidates", args.candidates.as_deref()),
    ]);
    selaras::output::check_distinct(&outputs)?;
    let ev = selaras::score::Evidence::with_lexicon_file(args.lexicon.as_deref())?;
    let (_, id_docs) = pair::input::list(&args.id_input)?;
    let (_, en_docs) = pair::input::list(&args.en_input)?;
    // No output may replace an input: the two inputs, and every document file they name.
    let mut inputs: Vec<(&str, &Path)> =
        vec![("ID_INPUT", &args.id_input), ("EN_INPUT", &args.en_input)];
    for (what, docs) in [("ID_INPUT", &id_docs), ("EN_INPUT", &en_docs)] {
        let files = docs.iter().filter_map(|d| d.as_ref().ok()?.path.as_deref());
        inputs.extend(files.map(|p| (what, p)));
    }
    selaras::output::check_not_input(&inputs, &outputs)?;
    // Outputs are opened before the work, so a path that cannot be written fails first.
    let out = Output::open(output.as_deref())?;
    let unpaired_file = unpaired_path.as_ref().map(AtomicFile::create).transpose()?;
    let candidates_file = args
        .candidates
        .as_ref()
        .map(AtomicFile::create)
        .transpose()?;

    let bar = Bar::new(
        args.run.quiet,
        "{prefix:>9} [{bar:30}] {percent:>3}%, ETA {eta}",
        vec!["reading", "searching", "scoring"],
    );
    let progress = |p: Progress| {
        if let Some(bar) = &bar {
            bar.show(p.stage, p.done, p.total);
        }
    };
    let opts = Options {
        min_score: args.min_score,
        jobs: usize::from(args.run.jobs),
        keep_candidates: candidates_file.is_some(),
    };
    let outcome = pair::pair(id_docs, en_docs, &ev, &opts, &progress)?;
    if let Some(bar) = &bar {
        bar.finish();
    }
    let dir = output
        .as_deref()
        .filter(|o| !selaras::output::writes_through(o))
        .and_then(Path::parent)
        .unwrap_or(Path::new(""))
        .to_path_buf();
    out.write_with(|w| pair::write::write_manifest(w, &outcome.pairs, &dir))?;
    if let Some(mut f) = unpaired_file {
        pair::write::write_unpaired(&mut f, &outcome.unpaired)?;
        f.commit()?;
    }
    if let Some(mut f) = candidates_file {
        pair::write::write_candidates(&mut f, &outcome.features)?;
        f.commit()?;
    }
    if !args.run.quiet {
        let seconds = start.elapsed().as_secs_f64();
        let mut err = std::io::stderr().lock();
        let unpaired = unpaired_path.as_deref();
        let _ = pair::write::write_summary(&mut err, &outcome, unpaired, args.min_score, seconds);
    }
    Ok(if outcome.failed() > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
