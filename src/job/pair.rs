//! `selaras pair`: two piles of documents without a manifest, from their files to the
//! manifest `batch` reads, the documents left without a partner and the run's summary.

use crate::error::{Error, Result};
use crate::output::{AtomicFile, Output, check_distinct, check_not_input, present};
use crate::pair::{self, Options, Outcome, Progress};
use crate::place::dir_of;
use crate::score::Evidence;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The stage [`run`] reports once the pairing is done, before it writes any output: a
/// progress bar on the terminal clears then, so that the manifest written to standard output
/// and the summary do not mix with it.
pub const WRITING: &str = "writing";

/// What `selaras pair` is asked to do.
#[derive(Clone, Debug)]
pub struct Job {
    /// The Indonesian documents: a directory of `.txt` files, a list file, or JSON Lines
    /// (`-`: standard input).
    pub id_input: PathBuf,
    /// The English documents, as `id_input`.
    pub en_input: PathBuf,
    /// The manifest (`None`: standard output).
    pub output: Option<PathBuf>,
    /// The documents left without a partner (default `OUT.unpaired.tsv`; none beside
    /// standard output).
    pub unpaired: Option<PathBuf>,
    /// Pairs whose document score is below this are not kept (between 0 and 1).
    pub min_score: f64,
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// An extra lexicon file, added to the bundled one.
    pub lexicon: Option<PathBuf>,
    /// Every candidate pair's features and score, for calibration.
    pub candidates: Option<PathBuf>,
    /// Write no summary to the messages.
    pub quiet: bool,
}

/// `p` with `suffix` added to its file name.
fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

impl Job {
    /// The options that are wrong alone or together, refused before any work.
    fn check(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.min_score) {
            return Err(Error::Invalid("--min-score must be between 0 and 1".into()));
        }
        if self.id_input.as_os_str() == "-" && self.en_input.as_os_str() == "-" {
            return Err(Error::Invalid(
                "only one of ID_INPUT and EN_INPUT can be `-` (standard input)".into(),
            ));
        }
        Ok(())
    }
}

/// Run `selaras pair`: check the options, read both piles and the lexicon, open every
/// output (none may replace another or an input: the two inputs and every document file they
/// name), pair, then write the manifest, the unpaired file and the candidates file, each
/// whole at the end. `progress` gets the stages of [`pair::pair`], then [`WRITING`] once
/// before the first output is written. When no unpaired file lists them, `messages` gets
/// each document left without a partner, even when `quiet`; unless `quiet`, the summary.
/// The outcome's
/// [`Outcome::failed`] counts the documents that could not be used.
pub fn run(job: &Job, messages: &mut dyn Write, progress: &dyn Fn(Progress)) -> Result<Outcome> {
    let start = Instant::now();
    job.check()?;
    let output = crate::output::given(job.output.clone());
    let unpaired_path = (job.unpaired.clone())
        .or_else(|| output.as_deref().map(|o| with_suffix(o, ".unpaired.tsv")));
    let outputs = present(&[
        ("-o", output.as_deref()),
        ("--unpaired", unpaired_path.as_deref()),
        ("--candidates", job.candidates.as_deref()),
    ]);
    check_distinct(&outputs)?;
    let ev = Evidence::with_lexicon_file(job.lexicon.as_deref())?;
    let (_, id_docs) = pair::input::list(&job.id_input)?;
    let (_, en_docs) = pair::input::list(&job.en_input)?;
    // No output may replace an input: the two inputs, and every document file they name.
    let mut inputs: Vec<(&str, &Path)> =
        vec![("ID_INPUT", &job.id_input), ("EN_INPUT", &job.en_input)];
    for (what, docs) in [("ID_INPUT", &id_docs), ("EN_INPUT", &en_docs)] {
        let files = docs.iter().filter_map(|d| d.as_ref().ok()?.path.as_deref());
        inputs.extend(files.map(|p| (what, p)));
    }
    check_not_input(&inputs, &outputs)?;
    // Outputs are opened before the work, so a path that cannot be written fails first.
    let out = Output::open(output.as_deref())?;
    let unpaired_file = unpaired_path.as_ref().map(AtomicFile::create).transpose()?;
    let candidates_file = (job.candidates.as_ref())
        .map(AtomicFile::create)
        .transpose()?;

    let opts = Options {
        min_score: job.min_score,
        jobs: job.jobs,
        keep_candidates: candidates_file.is_some(),
    };
    let outcome = pair::pair(id_docs, en_docs, &ev, &opts, progress)?;
    progress(Progress {
        stage: WRITING,
        done: 0,
        total: 0,
    });
    // The manifest and the unpaired file name the documents relative to their own directory.
    let dir = dir_of(output.as_deref());
    out.write_with(|w| pair::write::write_manifest(w, &outcome.pairs, &dir))?;
    if let Some(mut f) = unpaired_file {
        let dir = dir_of(unpaired_path.as_deref());
        pair::write::write_unpaired(&mut f, &outcome.unpaired, &dir)?;
        f.commit()?;
    }
    if let Some(mut f) = candidates_file {
        pair::write::write_candidates(&mut f, &outcome.features)?;
        f.commit()?;
    }
    // Without a file that lists them, the documents left out of the manifest are named on
    // the messages even when `quiet`, as `batch` names its failed documents without an
    // errors file: quiet stops the progress and the summary, never word of a loss.
    if unpaired_path.is_none() {
        let _ = pair::write::write_unpaired_lines(messages, &outcome);
    }
    if !job.quiet {
        let seconds = start.elapsed().as_secs_f64();
        let unpaired = unpaired_path.as_deref();
        let _ = pair::write::write_summary(messages, &outcome, unpaired, job.min_score, seconds);
    }
    Ok(outcome)
}
