//! `selaras align`: align an Indonesian document with its English translation.

use std::io::Write;
use std::path::{Path, PathBuf};

use selaras::align::Bead;
use selaras::eval::{DocEval, Link, Tally};
use selaras::export::{CorpusWriter, DocAlignment, Format, moses_paths};
use selaras::output::AtomicFile;
use selaras::pipeline::{Options, Pipeline};
use selaras::segment::{Lang, Segmenter, Wrap};
use selaras::text::Input;

/// Arguments of `selaras align`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The Indonesian document (UTF-8 text; paragraphs end at blank lines or line breaks).
    #[arg(value_name = "ID_FILE")]
    id: PathBuf,
    /// The English document.
    #[arg(value_name = "EN_FILE")]
    en: PathBuf,
    /// The inputs are already split: one sentence per non-blank line.
    #[arg(long)]
    presplit: bool,
    /// Segmentation rules (SRX 2.0) to use instead of the bundled ones.
    #[arg(long, value_name = "FILE.srx", conflicts_with = "presplit")]
    rules: Option<PathBuf>,
    /// Read the text as hard-wrapped (e-mail, text taken from a PDF): paragraphs end at blank
    /// lines and at lines well short of the width; a line break inside one is a space. Without
    /// it or --no-wrapped, a text whose lines are evidently cut at a width is read so (named on
    /// stderr).
    #[arg(long, conflicts_with = "presplit")]
    wrapped: bool,
    /// Every line break ends a paragraph, however the lines look (no wrap detection).
    #[arg(long, conflicts_with_all = ["presplit", "wrapped"])]
    no_wrapped: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "tsv")]
    format: Format,
    /// The document id written in the output's `doc` field (default: the Indonesian file's
    /// name without `.txt` and `.id`, as `batch` names `NAME.id.txt`).
    #[arg(long, value_name = "NAME")]
    doc: Option<String>,
    /// Line width of the `side` format.
    #[arg(long, value_name = "N", default_value_t = selaras::export::SIDE_WIDTH, value_parser = super::parse_width)]
    width: usize,
    /// Write to FILE (atomically) instead of standard output; for `moses`, the prefix of
    /// PREFIX.id and PREFIX.en.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// A gold ladder (`[0,1]:[2]` per line, over the sentences as split): print strict and lax
    /// precision/recall/F1 of the sentence alignment (before any clause split) to standard
    /// error.
    #[arg(long, value_name = "FILE")]
    gold: Option<PathBuf>,
    #[command(flatten)]
    model: super::ModelArgs,
    /// Skip the second pass that learns word translations from the first alignment.
    #[arg(long)]
    no_learn: bool,
    /// Keep sentences whole: do not pair a sentence boundary of one side with a clause
    /// boundary of the other, nor clause with clause (segments are then exactly the sentences
    /// of `selaras split`). Pre-split input and the `ladder` format are never split.
    #[arg(long)]
    whole_sentences: bool,
    /// When the pieces of running text are also paired clause with clause, so that a bead may
    /// end where neither side ends a sentence: `auto` where a document's translation evidently
    /// pairs verses or clauses rather than sentences. No effect with `--whole-sentences`,
    /// `--presplit` or `--format ladder`.
    #[arg(long, value_enum, default_value_t = super::ClausePairs::Auto)]
    clause_pairs: super::ClausePairs,
}

/// Read one side, and compile the user's rules for its language (`rules`: their text and
/// path) or warm the bundled ones (`bundled`), while the lexicon loads.
fn read_side(
    path: &Path,
    lang: Lang,
    rules: Option<(&str, &Path)>,
    bundled: bool,
) -> anyhow::Result<(Input, Option<Segmenter>)> {
    let input = selaras::text::read_input(path)?;
    let segmenter = match rules {
        Some((xml, rules)) => Some(Segmenter::from_srx(xml, lang, rules)?),
        None => {
            if bundled {
                Segmenter::new(lang);
            }
            None
        }
    };
    Ok((input, segmenter))
}

/// The document id of an Indonesian file: its name without `.txt`, then without `.id`
/// (`berita.id.txt` → `berita`).
fn doc_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".txt").unwrap_or(&name);
    name.strip_suffix(".id").unwrap_or(name).to_string()
}

/// Run `selaras align`.
pub fn run(mut args: Args) -> anyhow::Result<u8> {
    args.output = super::output_path(args.output.take());
    super::check_moses_output(args.format, args.output.as_deref())?;
    let moses = match (&args.output, args.format) {
        (Some(prefix), Format::Moses) => Some(moses_paths(prefix)),
        _ => None,
    };
    let outputs = match &moses {
        Some((pi, pe)) => [("-o", Some(pi.as_path())), ("-o", Some(pe.as_path()))],
        None => [("-o", args.output.as_deref()), ("-o", None)],
    };
    super::check_not_input(
        &[
            ("ID_FILE", Some(&args.id)),
            ("EN_FILE", Some(&args.en)),
            ("--rules", args.rules.as_deref()),
            ("--lexicon", args.model.lexicon.as_deref()),
            ("--gold", args.gold.as_deref()),
        ],
        &outputs,
    )?;
    let rules = match &args.rules {
        Some(path) => Some((selaras::text::read_input(path)?.text, path)),
        None => None,
    };
    let rules = rules
        .as_ref()
        .map(|(xml, path)| (xml.as_str(), path.as_path()));
    let bundled = !args.presplit;
    // The lexicon loads while both sides are read and the rules compile (each language's
    // bundled rules compile once per process).
    let (aligner, (id, en)) = rayon::join(
        || args.model.aligner(),
        || {
            rayon::join(
                || read_side(&args.id, Lang::Id, rules, bundled),
                || read_side(&args.en, Lang::En, rules, bundled),
            )
        },
    );
    let aligner = aligner?;
    let (id, id_rules) = id?;
    let (en, en_rules) = en?;
    let gold = match &args.gold {
        Some(path) => {
            let input = selaras::text::read_input(path)?;
            Some(selaras::eval::parse_ladder(&input.text, path)?)
        }
        None => None,
    };

    let dest = Dest::open(&args)?;
    let options = Options {
        presplit: args.presplit,
        wrapped: Wrap::from_flags(args.wrapped, args.no_wrapped),
        learn: !args.no_learn,
        whole_sentences: !super::clause_splits(args.presplit, args.whole_sentences, args.format),
        clause_pairs: args.clause_pairs.into(),
    };
    let mut pipeline = Pipeline::new(aligner, options);
    if let (Some(i), Some(e)) = (id_rules, en_rules) {
        pipeline = pipeline.with_segmenters(i, e);
    }
    let aligned = pipeline.align(&id.text, &en.text)?;
    // The sides as aligned: exchanged when the files' languages were.
    let swapped = aligned.document.languages.swapped();
    let (files, offsets) = match swapped {
        true => ([&args.en, &args.id], (en.offset, id.offset)),
        false => ([&args.id, &args.en], (id.offset, en.offset)),
    };
    let sides = [
        (files[0].as_path(), aligned.layout.0),
        (files[1].as_path(), aligned.layout.1),
    ];
    if let Some(note) = super::wrap_note(&sides) {
        eprintln!("{note}");
    }
    if swapped {
        eprintln!(
            "selaras: {} reads as English and {} as Indonesian: aligned the other way round",
            args.id.display(),
            args.en.display()
        );
    }
    if let Some(why) = aligned.document.describe() {
        eprintln!(
            "selaras: {} and {}: {why}; every bead's score includes it",
            args.id.display(),
            args.en.display()
        );
    }
    let name = args.doc.clone().unwrap_or_else(|| doc_name(&args.id));
    dest.write(&args, &aligned.export(&name, offsets))?;

    if let Some(gold) = gold {
        let pred: Vec<Link> = aligned
            .sentence_beads
            .iter()
            .map(|b: &Bead| (b.id.clone(), b.en.clone()))
            .collect();
        let name = args
            .gold
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let docs = [DocEval {
            doc: name,
            tally: Tally::new(&gold, &pred),
            predicted: true,
        }];
        let mut err = std::io::stderr().lock();
        selaras::eval::write_table(&mut err, &docs, false)?;
    }
    Ok(super::EXIT_OK)
}

/// Where the alignment goes, opened before the work (a path that cannot be written fails
/// first).
enum Dest {
    Moses(AtomicFile, AtomicFile),
    File(AtomicFile),
    Stdout,
}

impl Dest {
    fn open(args: &Args) -> anyhow::Result<Dest> {
        Ok(match (&args.output, args.format) {
            (Some(prefix), Format::Moses) => {
                let (pi, pe) = moses_paths(prefix);
                selaras::output::check_distinct(&[("-o", &pi), ("-o", &pe)])?;
                Dest::Moses(AtomicFile::create(&pi)?, AtomicFile::create(&pe)?)
            }
            (Some(path), _) => Dest::File(AtomicFile::create(path)?),
            (None, _) => Dest::Stdout,
        })
    }

    fn write(self, args: &Args, doc: &DocAlignment) -> anyhow::Result<()> {
        let files = match self {
            Dest::Moses(fi, fe) => {
                let mut w = CorpusWriter::moses(fi, fe);
                w.write_doc(doc)?;
                w.finish()?
            }
            Dest::File(f) => {
                let mut w = CorpusWriter::new(args.format, f)?.with_width(args.width);
                w.write_doc(doc)?;
                w.finish()?
            }
            Dest::Stdout => {
                let mut w = CorpusWriter::new(args.format, super::stdout())?.with_width(args.width);
                w.write_doc(doc)?;
                for mut out in w.finish()? {
                    out.flush().map_err(selaras::Error::Write)?;
                }
                return Ok(());
            }
        };
        for f in files {
            f.commit()?;
        }
        Ok(())
    }
}
