//! `selaras score`, `check` and `report`: the pairs of a table scored and flagged, written
//! back as rows with extra columns, summarised, or shown in an HTML report.

use crate::check::table::{Table, TableFormat, TableOptions};
use crate::check::{self, CheckConfig, Columns, Pair, PairCheck, Summary};
use crate::error::{Error, Result};
use crate::output::{AtomicFile, Output, check_distinct, check_not_input, present};
use crate::score::pair::{INPUTS, design};
use crate::score::{Evidence, PairScorer};
use crate::text::count;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The pair table to read and how its pairs are flagged.
#[derive(Clone, Debug)]
pub struct Input {
    /// The table (`-`: standard input).
    pub file: PathBuf,
    /// Its text columns.
    pub columns: Columns,
    /// How its fields are quoted.
    pub options: TableOptions,
    /// The flags' thresholds.
    pub config: CheckConfig,
    /// An extra lexicon for the pair scores.
    pub lexicon: Option<PathBuf>,
}

/// A table read, its pairs scored and flagged.
struct Checked {
    table: Table,
    pairs: Vec<Pair>,
    checks: Vec<PairCheck>,
    scorer: PairScorer,
    summary: Summary,
}

impl Input {
    /// The table's format: as given, or by its file's name.
    fn format(&self) -> TableFormat {
        (self.options.format).unwrap_or_else(|| TableFormat::of_path(&self.file))
    }

    /// Refuse an output that names an input file (any of a Moses pair's two), also through a
    /// link: an output never replaces an input, not even rows written back over their own TSV
    /// table (`score --score-col score` would lose the aligner's scores).
    fn refuse_replacing(&self, opt: &str, output: Option<&Path>) -> Result<()> {
        let Some(output) = output else {
            return Ok(());
        };
        let files = self.format().files(&self.file);
        let inputs: Vec<(&str, &Path)> = files.iter().map(|f| ("FILE", f.as_path())).collect();
        check_not_input(&inputs, &[(opt, output)])
    }

    /// Read the table, then score and flag its pairs.
    fn check(&self) -> Result<Checked> {
        self.check_with(|_| Ok(()))
    }

    /// Read the table, let `accept` refuse it before any pair is scored, then score and flag
    /// its pairs.
    fn check_with(&self, accept: impl FnOnce(&Table) -> Result<()>) -> Result<Checked> {
        let (table, pairs) = check::read_pairs(&self.file, &self.columns, self.options)?;
        accept(&table)?;
        let evidence = Evidence::with_lexicon_file(self.lexicon.as_deref())?;
        let scorer = PairScorer::with_evidence(evidence);
        let checks = check::check_pairs(&pairs, &scorer, &self.config);
        let summary = Summary::build(&pairs, &checks);
        Ok(Checked {
            table,
            pairs,
            checks,
            scorer,
            summary,
        })
    }
}

/// The columns `selaras score` writes the pair probability and the flags to.
#[derive(Clone, Debug, Default)]
pub struct ScoreColumns {
    /// The pair probability's column; `None`: `score`, refused when the input has one.
    pub score: Option<String>,
    /// The flags' column; `None`: `flags`, refused when the input has one.
    pub flags: Option<String>,
}

impl ScoreColumns {
    /// The two column names, or an error naming the table when a default one is already a
    /// column of it (writing would overwrite it unasked: a `batch` corpus's `score` is the
    /// aligner's bead score), when the two are one name, or when one is a text column.
    fn names(&self, table: &Table, columns: &Columns) -> Result<[String; 2]> {
        // At the header line, where the table has one (JSON Lines and TMX have none).
        let refuse = |msg: String| match table.header_line {
            0 => Error::Invalid(format!("{}: {msg}", table.path.display())),
            line => Error::Parse {
                path: table.path.clone(),
                line,
                msg,
            },
        };
        let mut names = [String::new(), String::new()];
        for (k, (given, default, opt)) in [
            (&self.score, "score", "--score-col"),
            (&self.flags, "flags", "--flags-col"),
        ]
        .into_iter()
        .enumerate()
        {
            names[k] = match given {
                Some(name) if *name == columns.id || *name == columns.en => {
                    return Err(refuse(format!(
                        "{opt} {name}: `{name}` is a text column of the pairs"
                    )));
                }
                Some(name) => name.clone(),
                None if table.headers.iter().any(|h| h == default) => {
                    return Err(refuse(format!(
                        "a `{default}` column is there already, which `selaras score` would \
                         overwrite: name the new one with {opt} NAME (e.g. {opt} \
                         pair_{default}), or give {opt} {default} to replace it"
                    )));
                }
                None => default.to_string(),
            };
        }
        if names[0] == names[1] {
            return Err(refuse(format!(
                "--score-col and --flags-col are both `{}`",
                names[0]
            )));
        }
        Ok(names)
    }
}

/// Run `selaras score`: the rows with the pair probability and the flags in two more columns
/// (`score` and `flags`, or as `columns` names them; a default name the table already has is
/// refused) and, with `features`, the model inputs as `f_<name>` columns, to `output` (`None`:
/// standard output).
pub fn score(
    input: &Input,
    output: Option<&Path>,
    columns: &ScoreColumns,
    features: bool,
) -> Result<()> {
    input.refuse_replacing("-o", output)?;
    let output = Output::open(output)?;
    let mut names = [String::new(), String::new()];
    let Checked {
        table,
        pairs,
        checks,
        scorer,
        ..
    } = input.check_with(|table| {
        names = columns.names(table, &input.columns)?;
        Ok(())
    })?;
    let mut extra: Vec<String> = names.to_vec();
    let feats: Vec<[f64; INPUTS.len()]> = if features {
        extra.extend(INPUTS.iter().skip(1).map(|n| format!("f_{n}")));
        use rayon::prelude::*;
        pairs
            .par_iter()
            .map(|p| design(&scorer.features(&p.id, &p.en)))
            .collect()
    } else {
        Vec::new()
    };
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    output.write_with(|w| {
        table.write_with_columns(w, &extra, |i| {
            let mut v = vec![
                format!("{:.4}", checks[i].score),
                check::flag_list(&checks[i].flags),
            ];
            if let Some(x) = feats.get(i) {
                v.extend(x.iter().skip(1).map(|a| format!("{a:.6}")));
            }
            v
        })
    })
}

/// What `--fail-under` compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailMetric {
    /// Share of pairs without any flag.
    Clean,
    /// Mean pair probability (pairs with both sides non-empty).
    MeanScore,
}

impl FailMetric {
    /// Both measures, in the order the command line lists them.
    pub const ALL: [FailMetric; 2] = [FailMetric::Clean, FailMetric::MeanScore];

    /// The measure's name as given to `--fail-metric`.
    pub fn name(self) -> &'static str {
        match self {
            FailMetric::Clean => "clean",
            FailMetric::MeanScore => "mean-score",
        }
    }

    /// What the measure is (for `--help`).
    pub fn about(self) -> &'static str {
        match self {
            FailMetric::Clean => "Share of pairs without any flag",
            FailMetric::MeanScore => "Mean pair probability (pairs with both sides non-empty)",
        }
    }

    /// The measure's name in a message and its value for a corpus.
    fn of(self, summary: &Summary) -> (&'static str, f64) {
        match self {
            FailMetric::Clean => ("clean share", summary.clean_share),
            FailMetric::MeanScore => ("mean score", summary.mean_score),
        }
    }
}

/// What `selaras check` is asked to do besides reading its input.
#[derive(Clone, Debug)]
pub struct Check {
    /// Write the rows (with `pair_score` and `flags`).
    pub rows: bool,
    /// Where the rows go (`None`: standard output).
    pub output: Option<PathBuf>,
    /// A JSON file for the summary.
    pub summary: Option<PathBuf>,
    /// Fail when this measure of the corpus is below this value.
    pub fail_under: Option<(FailMetric, f64)>,
    /// Write the human summary to the messages.
    pub quiet: bool,
}

/// Run `selaras check`: the human summary goes to `messages` (unless `quiet`). Returns
/// whether the corpus passes `--fail-under` (with the message saying why not).
pub fn check(input: &Input, job: &Check, messages: &mut dyn Write) -> Result<bool> {
    if let Some((_, x)) = job.fail_under
        && !(0.0..=1.0).contains(&x)
    {
        return Err(Error::Invalid(format!(
            "--fail-under must be between 0 and 1, not {x}"
        )));
    }
    check_distinct(&present(&[
        ("-o", job.output.as_deref()),
        ("--summary", job.summary.as_deref()),
    ]))?;
    input.refuse_replacing("--summary", job.summary.as_deref())?;
    input.refuse_replacing("-o", job.output.as_deref())?;
    // Outputs open before the work, so a path that cannot be written fails first.
    let summary_file = job.summary.as_ref().map(AtomicFile::create).transpose()?;
    let rows_out = (job.rows)
        .then(|| Output::open(job.output.as_deref()))
        .transpose()?;
    let Checked {
        table,
        checks,
        summary,
        ..
    } = input.check()?;
    if let Some(out) = rows_out {
        out.write_with(|w| {
            table.write_with_columns(w, &["pair_score", "flags"], |i| {
                vec![
                    format!("{:.4}", checks[i].score),
                    check::flag_list(&checks[i].flags),
                ]
            })
        })?;
    }
    if let Some(mut file) = summary_file {
        serde_json::to_writer_pretty(&mut file, &summary).map_err(|e| Error::Write(e.into()))?;
        file.write_all(b"\n").map_err(Error::Write)?;
        file.commit()?;
    }
    if !job.quiet {
        let _ = summary.write_human(messages);
    }
    let Some((metric, x)) = job.fail_under else {
        return Ok(true);
    };
    if summary.pairs == 0 {
        let _ = writeln!(
            messages,
            "selaras: corpus below --fail-under: it holds no pairs"
        );
        return Ok(false);
    }
    let (name, value) = metric.of(&summary);
    if value < x {
        let _ = writeln!(
            messages,
            "selaras: corpus below --fail-under: {name} {value:.4} < {x}"
        );
        return Ok(false);
    }
    Ok(true)
}

/// Run `selaras report`: the HTML report of the table to `output` (`None`: standard output),
/// titled `title` (default: the input's file name); the line that says what was written to a
/// file goes to `messages`.
pub fn report(
    input: &Input,
    output: Option<&Path>,
    title: Option<&str>,
    messages: &mut dyn Write,
) -> Result<()> {
    input.refuse_replacing("-o", output)?;
    // Opened before the work, so a path that cannot be written fails first.
    let out = Output::open(output)?;
    let checked = input.check()?;
    let (table, summary) = (&checked.table, &checked.summary);
    let title = title.map(str::to_string).unwrap_or_else(|| {
        table.path.file_name().map_or_else(
            || table.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    });
    let report = crate::report::ReportInput {
        title: &title,
        pairs: &checked.pairs,
        checks: &checked.checks,
        summary,
    };
    out.write_with(|w| crate::report::write_html(w, &report))?;
    let Some(output) = output.filter(|p| !crate::output::is_stdout(p)) else {
        return Ok(());
    };
    let _ = writeln!(
        messages,
        "selaras: wrote {} ({}, {})",
        output.display(),
        count(summary.documents as u64, "document"),
        count(summary.pairs as u64, "pair"),
    );
    Ok(())
}
