//! Options that several commands take, and the parser of library values (the library's
//! types know nothing of clap).

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use selaras::align::clauses::Finer;
use selaras::batch::filter::Filters;
use selaras::check::CheckConfig;
use selaras::check::table::{TableFormat, TableOptions};
use selaras::export::Format;
use selaras::job::{Model, Segmentation};
use selaras::segment::{Lang, Wrap};
use std::path::PathBuf;

/// A value parser over the values of a library enum, named and described by the library.
pub fn values<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
    about: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    let possible = all
        .iter()
        .map(move |&v| PossibleValue::new(name(v)).help(about(v)));
    PossibleValuesParser::new(possible).map(move |given| {
        let value = all.iter().find(|&&v| name(v).eq_ignore_ascii_case(&given));
        *value.expect("one of the possible values")
    })
}

/// `--lang`: the language of a text.
pub fn lang() -> impl TypedValueParser<Value = Lang> {
    values(&Lang::ALL, Lang::code, Lang::name)
}

/// The corpus format options of `align` and `batch`.
#[derive(clap::Args, Debug)]
pub struct FormatArgs {
    /// Output format.
    #[arg(short, long, default_value = "tsv", value_parser = values(&Format::ALL, Format::name, Format::about))]
    pub format: Format,
    /// Line width of the `side` format.
    #[arg(long, value_name = "N", default_value_t = selaras::export::SIDE_WIDTH, value_parser = parse_width)]
    pub width: usize,
}

/// `--width N` of the `side` format: at least [`selaras::export::SIDE_MIN_WIDTH`].
fn parse_width(s: &str) -> Result<usize, String> {
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
    /// Skip the second pass that learns word translations from the first alignment (in
    /// `batch`, from the whole corpus).
    #[arg(long)]
    pub no_learn: bool,
}

impl ModelArgs {
    /// The library's model options.
    pub fn model(&self) -> Model {
        Model {
            lexicon: self.lexicon.clone(),
            beads: self.beads.clone(),
            moved: !self.no_moved,
        }
    }
}

/// How texts are cut into sentences: `split`, `align` and `batch`.
#[derive(clap::Args, Debug)]
pub struct SegmentArgs {
    /// The input is already split: one sentence per non-blank line, as given.
    #[arg(long)]
    pub presplit: bool,
    /// Segmentation rules (SRX 2.0) to use instead of the bundled ones.
    #[arg(long, value_name = "FILE.srx", conflicts_with = "presplit")]
    pub rules: Option<PathBuf>,
    /// Read the text as hard-wrapped (e-mail, text taken from a PDF): paragraphs end at blank
    /// lines and at lines well short of the width; a line break inside one is a space. Without
    /// it or --no-wrapped, a text whose lines are evidently cut at a width is read so (named on
    /// stderr by `split` and `align`, counted in the stats of `batch`).
    #[arg(long, conflicts_with = "presplit")]
    pub wrapped: bool,
    /// Every line break ends a paragraph, however the lines look (no wrap detection).
    #[arg(long, conflicts_with_all = ["presplit", "wrapped"])]
    pub no_wrapped: bool,
}

impl SegmentArgs {
    /// The library's segmentation options.
    pub fn segmentation(&self) -> Segmentation {
        Segmentation {
            presplit: self.presplit,
            rules: self.rules.clone(),
            wrap: Wrap::from_flags(self.wrapped, self.no_wrapped),
        }
    }
}

/// Whether sentences are cut at clauses: `align` and `batch`.
#[derive(clap::Args, Debug)]
pub struct ClauseArgs {
    /// Keep sentences whole: do not pair a sentence boundary of one side with a clause
    /// boundary of the other, nor clause with clause (segments are then exactly the sentences
    /// of `selaras split`). Pre-split input and the `ladder` format are never split.
    #[arg(long)]
    pub whole_sentences: bool,
    /// When the pieces of running text are also paired clause with clause, so that a bead may
    /// end where neither side ends a sentence: `auto` where a document's translation evidently
    /// pairs verses or clauses rather than sentences. No effect with `--whole-sentences`,
    /// `--presplit` or `--format ladder`.
    #[arg(long, default_value = "auto", value_parser = values(&Finer::ALL, Finer::name, Finer::about))]
    pub clause_pairs: Finer,
}

/// The threads and messages of the long-running commands, `batch` and `pair`.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Worker threads (default: all cores; more than the cores are capped to them, with a
    /// note). The output is the same for any number.
    #[arg(short, long, default_value_t = 0, hide_default_value = true, value_parser = clap::value_parser!(u16).range(0..=selaras::batch::MAX_JOBS as i64))]
    pub jobs: u16,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

impl RunArgs {
    /// The worker threads to start: `--jobs` (0: all cores), capped to the cores
    /// ([`selaras::batch::threads`]). A capped count is said on stderr in one line, unless
    /// `--quiet`.
    pub fn jobs(&self) -> usize {
        let asked = usize::from(self.jobs);
        let threads = selaras::batch::threads(asked);
        if asked > threads && !self.quiet {
            eprintln!(
                "selaras: -j {asked}: this machine runs {threads} threads at once: using {threads}"
            );
        }
        threads
    }
}

/// Which aligned pairs are written: `align` and `batch`.
#[derive(clap::Args, Debug)]
pub struct FilterArgs {
    /// Drop pairs whose bead score (the aligner's confidence in the bead, the `score` the
    /// corpus is written with, compared as written to four decimals) is below this; 0 drops
    /// none. A filter on the aligner's score, not the pair probability of `check --min-score`.
    #[arg(long, default_value = "0", allow_negative_numbers = true)]
    pub min_score: f64,
    /// Keep beads with an empty side (1-0, 0-1: blank lines in `moses`, an empty `<seg>` in
    /// `tmx`, rows with an empty text in `tsv` and `jsonl`); dropped by default. A `ladder`
    /// always keeps them.
    #[arg(long)]
    pub keep_empty: bool,
    /// Drop pairs with a side of fewer words.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_words: usize,
    /// Drop pairs with a side of more words (0: no bound).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub max_words: usize,
    /// Drop pairs whose longer side has more than this many times the characters of the
    /// shorter (0: no bound; otherwise at least 1).
    #[arg(long, default_value = "0", allow_negative_numbers = true)]
    pub max_ratio: f64,
    /// Keep pairs whose two sides are the same text (untranslated); dropped by default. A
    /// `ladder` always keeps them.
    #[arg(long)]
    pub keep_identical: bool,
    /// Keep pairs whose numbers disagree (each side has a number the other lacks); dropped by
    /// default. A `ladder` always keeps them.
    #[arg(long)]
    pub keep_num_mismatch: bool,
    /// Drop pairs identical to one already written (in `batch`, in the whole corpus).
    #[arg(long)]
    pub dedup: bool,
}

impl FilterArgs {
    /// The library's filters (documents that are not translations listed, not kept).
    pub fn filters(&self) -> Filters {
        Filters {
            min_score: self.min_score,
            keep_empty: self.keep_empty,
            min_words: self.min_words,
            max_words: self.max_words,
            max_ratio: self.max_ratio,
            keep_identical: self.keep_identical,
            keep_num_mismatch: self.keep_num_mismatch,
            dedup: self.dedup,
            keep_unparallel: false,
        }
    }
}

/// The pair table read by `score`, `check` and `report`, and how its pairs are flagged.
#[derive(clap::Args, Debug, Clone)]
pub struct TableArgs {
    /// The corpus to read (`-` for standard input): TSV with a header row, JSON Lines, a
    /// Moses pair, two columns without a header or TMX, as --from says.
    pub file: PathBuf,
    /// The corpus format; by default from FILE's name: `.jsonl`/`.json` JSON Lines, `.id`/`.en`
    /// a Moses pair (`x.id` reads `x.id` and `x.en`), `.tmx` TMX, anything else TSV with a
    /// header row.
    #[arg(long, value_name = "FORMAT", value_parser = values(&TableFormat::ALL, TableFormat::name, TableFormat::about))]
    pub from: Option<TableFormat>,
    /// Column holding the Indonesian text.
    #[arg(long, default_value = "id")]
    pub id_col: String,
    /// Column holding the English text.
    #[arg(long, default_value = "en")]
    pub en_col: String,
    /// Fields are CSV-quoted (as spreadsheets write them) instead of using the corpus escapes
    /// `\t`, `\n`, `\\`.
    #[arg(long)]
    pub quoted: bool,
    #[command(flatten)]
    pub flags: FlagArgs,
}

impl TableArgs {
    /// The library's table input, with its flags' thresholds (checked).
    pub fn input(&self) -> selaras::Result<selaras::job::table::Input> {
        let flags = &self.flags;
        let config = CheckConfig {
            min_score: flags.min_score,
            hard_min_score: flags.hard_min_score,
            min_margin: flags.min_margin,
            baseline: !flags.no_baseline,
            max_length_z: flags.max_length_z,
            min_chars: flags.min_chars,
            max_chars: flags.max_chars,
            ..CheckConfig::default()
        };
        config.validate()?;
        Ok(selaras::job::table::Input {
            file: self.file.clone(),
            columns: selaras::check::Columns {
                id: self.id_col.clone(),
                en: self.en_col.clone(),
            },
            options: TableOptions {
                quoted: self.quoted,
                format: self.from,
            },
            config,
            lexicon: flags.lexicon.clone(),
        })
    }
}

/// The flags' thresholds and the pair scorer: `score`, `check` and `report`.
#[derive(clap::Args, Debug, Clone)]
pub struct FlagArgs {
    /// Flag a pair `low_score` when its pair probability (the sentence-pair model's, computed
    /// here from the two texts) is below this, unless its log-odds exceed its chance baseline
    /// by --min-margin. Only flags; no pair is dropped, and a `score` column of the input (the
    /// aligner's bead score that `batch --min-score` filters on) is not read.
    #[arg(long, default_value_t = CheckConfig::default().min_score, allow_negative_numbers = true)]
    pub min_score: f64,
    /// Flag a pair `low_score` when its pair probability is below this, whatever its chance
    /// baseline.
    #[arg(long, default_value_t = CheckConfig::default().hard_min_score, allow_negative_numbers = true)]
    pub hard_min_score: f64,
    /// Log-odds margin over the chance baseline (the same sentences paired with others of the
    /// file) that keeps a pair under --min-score unflagged.
    #[arg(long, default_value_t = CheckConfig::default().min_margin, allow_negative_numbers = true)]
    pub min_margin: f64,
    /// Don't compute the chance baseline: `low_score` is then just below --min-score.
    #[arg(long)]
    pub no_baseline: bool,
    /// `length_ratio` when the length ratio is more than this many standard deviations off.
    #[arg(long, default_value_t = CheckConfig::default().max_length_z, allow_negative_numbers = true)]
    pub max_length_z: f64,
    /// An extra lexicon for the pair scores: TSV `id<TAB>en` per line, or hunalign's `en @ id`
    /// (as `align --lexicon`).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// `too_short` when both sides have fewer characters than this.
    #[arg(long, default_value_t = CheckConfig::default().min_chars)]
    pub min_chars: usize,
    /// `too_long` when a side has more characters than this.
    #[arg(long, default_value_t = CheckConfig::default().max_chars)]
    pub max_chars: usize,
}
