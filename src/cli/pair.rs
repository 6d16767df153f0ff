//! `selaras pair`: which article translates which, in two collections without a manifest.

use super::{EXIT_OK, EXIT_PARTIAL};
use selaras::output::AtomicFile;
use selaras::pair::{self, Options, Progress};
use std::io::{IsTerminal, Write};
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
    /// Worker threads (default: all cores; at most 1024). The output is the same for any
    /// number.
    #[arg(short, long, default_value_t = 0, hide_default_value = true, value_parser = clap::value_parser!(u16).range(0..=1024))]
    pub jobs: u16,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
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
    let output = super::output_path(args.output.clone());
    let unpaired_path = args
        .unpaired
        .clone()
        .or_else(|| output.as_deref().map(|o| with_suffix(o, ".unpaired.tsv")));
    let outputs: Vec<(&str, &Path)> = [
        ("-o", output.as_deref()),
        ("--unpaired", unpaired_path.as_deref()),
        ("--candidates", args.candidates.as_deref()),
    ]
    .into_iter()
    .filter_map(|(o, p)| Some((o, p?)))
    .collect();
    selaras::output::check_distinct(&outputs)?;
    let ev = match &args.lexicon {
        Some(p) => {
            selaras::score::Evidence::bundled().with_lexicon(&selaras::lexicon::Lexicon::read(p)?)
        }
        None => selaras::score::Evidence::bundled(),
    };
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
    let out = super::Output::open(output.as_deref())?;
    let unpaired_file = unpaired_path.as_ref().map(AtomicFile::create).transpose()?;
    let candidates_file = args
        .candidates
        .as_ref()
        .map(AtomicFile::create)
        .transpose()?;

    let bar = progress_bar(args.quiet);
    let stage = std::cell::Cell::new("");
    let progress = |p: Progress| {
        if let Some(bar) = &bar {
            if stage.get() != p.stage {
                stage.set(p.stage);
                bar.reset();
                bar.set_prefix(p.stage);
            }
            bar.set_length(p.total);
            bar.set_position(p.done);
        }
    };
    let opts = Options {
        min_score: args.min_score,
        jobs: usize::from(args.jobs),
        keep_candidates: candidates_file.is_some(),
    };
    let outcome = pair::pair(id_docs, en_docs, &ev, &opts, &progress)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let dir = output
        .as_deref()
        .filter(|o| !selaras::output::writes_through(o))
        .and_then(Path::parent)
        .unwrap_or(Path::new(""))
        .to_path_buf();
    out.write(|w| pair::write::write_manifest(w, &outcome.pairs, &dir))?;
    if let Some(mut f) = unpaired_file {
        pair::write::write_unpaired(&mut f, &outcome.unpaired)?;
        f.commit()?;
    }
    if let Some(mut f) = candidates_file {
        writeln!(
            f,
            "id\ten\tcover_id\tcover_en\tlog_ratio\tnum_matched\tnum_unmatched\tin_order\tscore"
        )?;
        for (i, e, x, s) in &outcome.features {
            writeln!(
                f,
                "{i}\t{e}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{:.4}\t{s:.4}",
                x.cover_id, x.cover_en, x.log_ratio, x.num_matched, x.num_unmatched, x.in_order
            )?;
        }
        f.commit()?;
    }
    let failed = outcome.failed();
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        if unpaired_path.is_none() {
            for u in outcome.unpaired.iter().filter(|u| u.failed) {
                let _ = writeln!(err, "selaras pair: {}: {}", u.file, u.reason);
            }
        }
        let without = outcome.unpaired.len() - failed;
        let _ = writeln!(
            err,
            "selaras pair: {} Indonesian x {} English documents, {} pairs (score >= {}), \
             {without} without a partner, {failed} unusable, {} candidates scored in {:.2} s \
             ({} threads)",
            outcome.docs.0,
            outcome.docs.1,
            outcome.pairs.len(),
            args.min_score,
            outcome.candidates,
            start.elapsed().as_secs_f64(),
            outcome.jobs,
        );
        if failed > 0
            && let Some(p) = &unpaired_path
        {
            let _ = writeln!(
                err,
                "selaras pair: unusable documents are listed in {}",
                p.display()
            );
        }
    }
    Ok(if failed > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

/// A progress bar on a terminal, in the style of `selaras batch`'s.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{prefix:>9} [{bar:30}] {pos}/{len}, ETA {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.set_prefix("reading");
    Some(bar)
}
