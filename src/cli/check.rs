//! `selaras check`: flag suspicious pairs of a corpus and summarise its quality.

use clap::ValueEnum;
use selaras::check::table::{Table, TableOptions, write_error};
use selaras::check::{self, CheckConfig, Columns, Pair, Summary};
use selaras::output::AtomicFile;
use selaras::score::PairScorer;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Input options shared by `score`, `check` and `report`.
#[derive(clap::Args, Debug, Clone)]
pub struct TableArgs {
    /// Pair table: tab-separated with a header row (`-` for standard input).
    pub file: PathBuf,
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
}

impl TableArgs {
    /// Refuse an output that would replace the input table with something else (a summary,
    /// a report). Rows written back over it (`-o` the same file) keep every row and column.
    pub fn refuse_replacing_input(&self, opt: &str, output: Option<&Path>) -> selaras::Result<()> {
        match output {
            Some(p) if self.file.as_os_str() != "-" => {
                selaras::output::check_distinct(&[("the input", &self.file), (opt, p)])
            }
            _ => Ok(()),
        }
    }

    /// Read the table and its pairs.
    pub fn read(&self) -> anyhow::Result<(Table, Vec<Pair>)> {
        if self.id_col == self.en_col {
            return Err(selaras::Error::Invalid(format!(
                "--id-col and --en-col both name the column `{}`",
                self.id_col
            ))
            .into());
        }
        let input = selaras::text::read_input(&self.file)?;
        let table = Table::parse(
            &input,
            TableOptions {
                quoted: self.quoted,
            },
        )?;
        let pairs = check::pairs_from_table(
            &table,
            &Columns {
                id: self.id_col.clone(),
                en: self.en_col.clone(),
            },
        )?;
        Ok((table, pairs))
    }
}

/// Threshold options of the flags.
#[derive(clap::Args, Debug, Clone)]
pub struct FlagArgs {
    /// `low_score` below this pair probability, unless the pair's log-odds exceed its chance
    /// baseline by --min-margin.
    #[arg(long, default_value_t = CheckConfig::default().min_score, allow_negative_numbers = true)]
    pub min_score: f64,
    /// `low_score` below this pair probability in any case.
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

impl FlagArgs {
    /// The pair scorer: the bundled lexicon plus any `--lexicon`.
    pub fn scorer(&self) -> anyhow::Result<PairScorer> {
        Ok(match &self.lexicon {
            Some(path) => PairScorer::with_evidence(
                selaras::score::Evidence::bundled()
                    .with_lexicon(&selaras::lexicon::Lexicon::read(path)?),
            ),
            None => PairScorer::new(),
        })
    }

    /// The flag configuration.
    pub fn config(&self) -> anyhow::Result<CheckConfig> {
        for (name, v) in [
            ("--min-score", self.min_score),
            ("--hard-min-score", self.hard_min_score),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(selaras::Error::Invalid(format!(
                    "{name} must be between 0 and 1, not {v}"
                ))
                .into());
            }
        }
        if !self.min_margin.is_finite() {
            return Err(selaras::Error::Invalid("--min-margin must be a number".into()).into());
        }
        if self.max_length_z.is_nan() || self.max_length_z <= 0.0 {
            return Err(selaras::Error::Invalid("--max-length-z must be positive".into()).into());
        }
        Ok(CheckConfig {
            min_score: self.min_score,
            hard_min_score: self.hard_min_score,
            min_margin: self.min_margin,
            baseline: !self.no_baseline,
            max_length_z: self.max_length_z,
            min_chars: self.min_chars,
            max_chars: self.max_chars,
            ..CheckConfig::default()
        })
    }
}

/// What `--fail-under` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailMetric {
    /// Share of pairs without any flag.
    Clean,
    /// Mean pair probability (pairs with both sides non-empty).
    MeanScore,
}

impl FailMetric {
    /// The measure's name and its value for a corpus.
    fn of(self, summary: &Summary) -> (&'static str, f64) {
        match self {
            FailMetric::Clean => ("clean share", summary.clean_share),
            FailMetric::MeanScore => ("mean score", summary.mean_score),
        }
    }
}

/// Arguments of `selaras check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    #[command(flatten)]
    pub flags: FlagArgs,
    /// Write the rows with `pair_score` and `flags` columns here (atomically) instead of
    /// standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Don't write the rows (only the summary).
    #[arg(long, conflicts_with = "output")]
    pub no_rows: bool,
    /// Write the summary as JSON to this file.
    #[arg(long)]
    pub summary: Option<PathBuf>,
    /// Exit with code 4 when the corpus measure (see --fail-metric) is below this value (0-1).
    #[arg(long, allow_negative_numbers = true)]
    pub fail_under: Option<f64>,
    /// The measure compared with --fail-under.
    #[arg(long, value_enum, default_value_t = FailMetric::Clean)]
    pub fail_metric: FailMetric,
    /// Don't print the human summary on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Write `table`'s rows with extra columns: existing columns of the same name are replaced.
pub fn write_rows<W: Write>(
    w: W,
    table: &Table,
    extra: &[&str],
    values: impl Fn(usize) -> Vec<String>,
) -> selaras::Result<()> {
    let mut headers = table.headers.clone();
    let slots: Vec<usize> = extra
        .iter()
        .map(|name| match headers.iter().position(|h| h == name) {
            Some(i) => i,
            None => {
                headers.push(name.to_string());
                headers.len() - 1
            }
        })
        .collect();
    let mut wr = table.writer(w);
    wr.write_record(&headers).map_err(write_error)?;
    let mut rec = Vec::with_capacity(headers.len());
    for (i, row) in table.rows.iter().enumerate() {
        rec.clear();
        rec.extend(row.fields.iter().cloned());
        rec.resize(headers.len(), String::new());
        for (slot, v) in slots.iter().zip(values(i)) {
            rec[*slot] = v;
        }
        wr.write_record(&rec).map_err(write_error)?;
    }
    wr.flush().map_err(selaras::Error::Write)?;
    Ok(())
}

/// Run `selaras check`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let cfg = args.flags.config()?;
    if let Some(x) = args.fail_under
        && !(0.0..=1.0).contains(&x)
    {
        return Err(selaras::Error::Invalid(format!(
            "--fail-under must be between 0 and 1, not {x}"
        ))
        .into());
    }
    let outputs: Vec<(&str, &Path)> = [("-o", &args.output), ("--summary", &args.summary)]
        .into_iter()
        .filter_map(|(o, p)| Some((o, p.as_deref()?)))
        .collect();
    selaras::output::check_distinct(&outputs)?;
    args.input
        .refuse_replacing_input("--summary", args.summary.as_deref())?;
    // Outputs open before the work, so a path that cannot be written fails first.
    let summary_file = args.summary.as_ref().map(AtomicFile::create).transpose()?;
    let rows_out = (!args.no_rows)
        .then(|| super::Output::open(args.output.as_deref()))
        .transpose()?;
    let (table, pairs) = args.input.read()?;
    let checks = check::check_pairs(&pairs, &args.flags.scorer()?, &cfg);
    let summary = Summary::build(&pairs, &checks);
    if let Some(out) = rows_out {
        out.write(|w| {
            write_rows(w, &table, &["pair_score", "flags"], |i| {
                vec![
                    format!("{:.4}", checks[i].score),
                    check::flag_list(&checks[i].flags),
                ]
            })
        })?;
    }
    if let Some(mut file) = summary_file {
        serde_json::to_writer_pretty(&mut file, &summary)
            .map_err(|e| selaras::Error::Write(e.into()))?;
        file.write_all(b"\n").map_err(selaras::Error::Write)?;
        file.commit()?;
    }
    if !args.quiet {
        let mut err = std::io::stderr().lock();
        let _ = summary.write_human(&mut err);
    }
    if let Some(x) = args.fail_under {
        if summary.pairs == 0 {
            eprintln!("selaras: corpus below --fail-under: it holds no pairs");
            return Ok(super::EXIT_QUALITY);
        }
        let (name, value) = args.fail_metric.of(&summary);
        if value < x {
            eprintln!("selaras: corpus below --fail-under: {name} {value:.4} < {x}");
            return Ok(super::EXIT_QUALITY);
        }
    }
    Ok(super::EXIT_OK)
}
