//! `selaras align`: an Indonesian document and its English translation, from their files to
//! the alignment written in one format, and its scores against a gold ladder when given.

use super::{Model, Segmentation, clause_splits, wrap_note};
use crate::align::clauses::Finer;
use crate::batch::filter::{self, Filters};
use crate::error::Result;
use crate::eval::{DocEval, Link, Tally};
use crate::export::Format;
use crate::output::{CorpusOutput, check_moses_output, check_not_input, present};
use crate::pipeline::{Options, Pipeline};
use crate::segment::{Lang, Segmenter};
use crate::text::Input;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `selaras align` is asked to do.
#[derive(Clone, Debug)]
pub struct Job {
    /// The Indonesian document.
    pub id: PathBuf,
    /// The English document.
    pub en: PathBuf,
    /// The output (`None`: standard output); for `moses`, the prefix of its two files.
    pub output: Option<PathBuf>,
    /// The output format.
    pub format: Format,
    /// Line width of the `side` format.
    pub width: usize,
    /// The document id written in the output (default: [`doc_name`] of the Indonesian file).
    pub doc: Option<String>,
    /// A gold ladder to score the sentence alignment against.
    pub gold: Option<PathBuf>,
    /// The aligner's model.
    pub model: Model,
    /// How the texts are cut into sentences.
    pub segmentation: Segmentation,
    /// Learn word translations from the document (a second pass).
    pub learn: bool,
    /// Keep sentences whole (no clause split).
    pub whole_sentences: bool,
    /// When clause pieces are also paired clause with clause.
    pub clause_pairs: Finer,
    /// Which beads are written (as `batch` filters its corpus; the `ladder` format keeps
    /// what [`Filters::for_format`] says).
    pub filters: Filters,
    /// Write no notes to the messages (the scores against `gold` are still written).
    pub quiet: bool,
}

/// The document id of an Indonesian file: its name without `.txt`, then without `.id` or
/// `.en` (`berita.id.txt` → `berita`, as `batch` names `NAME.id.txt`; `berita.en.txt` given as
/// the Indonesian file of a swapped pair → `berita`).
pub fn doc_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".txt").unwrap_or(&name);
    // `.en` too: the files of a swapped pair are named the other way round.
    name.strip_suffix(".id")
        .or_else(|| name.strip_suffix(".en"))
        .unwrap_or(name)
        .to_string()
}

/// Read one side, and compile the user's rules for its language (`rules`: their text and
/// path) or warm the bundled ones (`bundled`), while the lexicon loads.
fn read_side(
    path: &Path,
    lang: Lang,
    rules: Option<(&str, &Path)>,
    bundled: bool,
) -> Result<(Input, Option<Segmenter>)> {
    let input = crate::text::read_input(path)?;
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

/// Refuse outputs that name an input, before any work.
fn check_outputs(job: &Job) -> Result<()> {
    check_moses_output(job.format, job.output.as_deref())?;
    let moses = match (&job.output, job.format) {
        (Some(prefix), Format::Moses) => Some(crate::export::moses_paths(prefix)),
        _ => None,
    };
    let outputs = match &moses {
        Some((pi, pe)) => present(&[("-o", Some(pi.as_path())), ("-o", Some(pe.as_path()))]),
        None => present(&[("-o", job.output.as_deref())]),
    };
    let inputs = present(&[
        ("ID_FILE", Some(&job.id)),
        ("EN_FILE", Some(&job.en)),
        ("--rules", job.segmentation.rules.as_deref()),
        ("--lexicon", job.model.lexicon.as_deref()),
        ("--gold", job.gold.as_deref()),
    ]);
    check_not_input(&inputs, &outputs)
}

/// What `selaras align` found, beyond the output it wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Why the two documents are not a translation of each other, with the document score
    /// (`None` for a translation). Its output is written all the same, every bead's score
    /// including the document's, as `batch --keep-unparallel` writes it.
    pub not_parallel: Option<String>,
}

/// Run `selaras align`: messages (the hard-wrapped note, the scores against the gold ladder)
/// go to `messages`.
pub fn run(job: &Job, messages: &mut dyn Write) -> Result<Outcome> {
    job.filters.validate()?;
    check_outputs(job)?;
    let rules = match &job.segmentation.rules {
        Some(path) => Some((crate::text::read_input(path)?.text, path)),
        None => None,
    };
    let rules = rules
        .as_ref()
        .map(|(xml, path)| (xml.as_str(), path.as_path()));
    let bundled = !job.segmentation.presplit;
    // The lexicon loads while both sides are read and the rules compile (each language's
    // bundled rules compile once per process).
    let (aligner, (id, en)) = rayon::join(
        || job.model.aligner(),
        || {
            rayon::join(
                || read_side(&job.id, Lang::Id, rules, bundled),
                || read_side(&job.en, Lang::En, rules, bundled),
            )
        },
    );
    let aligner = aligner?;
    let (id, id_rules) = id?;
    let (en, en_rules) = en?;
    let gold = match &job.gold {
        Some(path) => {
            let input = crate::text::read_input(path)?;
            Some(crate::eval::parse_ladder(&input.text, path)?)
        }
        None => None,
    };

    let output = CorpusOutput::open(job.output.as_deref(), job.format, job.width, false)?;
    let options = Options {
        presplit: job.segmentation.presplit,
        wrapped: job.segmentation.wrap,
        learn: job.learn,
        whole_sentences: !clause_splits(job.segmentation.presplit, job.whole_sentences, job.format),
        clause_pairs: job.clause_pairs,
    };
    let mut pipeline = Pipeline::new(aligner, options);
    if let (Some(i), Some(e)) = (id_rules, en_rules) {
        pipeline = pipeline.with_segmenters(i, e);
    }
    // The sentences hold their own text: the files' text is not kept while aligning.
    let (id_offset, en_offset) = (id.offset, en.offset);
    // Loading and aligning run on a thread of the pool, which runs the steps in turn while
    // the other takes the work they offer beside them: the memory one step frees is reused
    // by the next (the allocator keeps an arena per thread).
    let aligned = rayon::scope(|_| -> Result<_> {
        let doc = pipeline.load((&id.text).into(), (&en.text).into())?;
        drop((id, en));
        Ok(pipeline.align_document(doc))
    })?;
    // The sentence alignment scored against the gold, refused (before any output is written)
    // when the gold is of another document or segmentation, as `selaras eval` refuses it.
    let predicted: Vec<Link> = match &job.gold {
        Some(_) => (aligned.sentence_beads.iter())
            .map(|b| (b.id.clone(), b.en.clone()))
            .collect(),
        None => Vec::new(),
    };
    if let (Some(gold), Some(path)) = (&gold, &job.gold) {
        crate::eval::check_coverage(&path.display().to_string(), gold, &predicted)?;
    }
    // The sides as aligned: exchanged when the files' languages were.
    let swapped = aligned.document.languages.swapped();
    let (files, offsets) = match swapped {
        true => ([&job.en, &job.id], (en_offset, id_offset)),
        false => ([&job.id, &job.en], (id_offset, en_offset)),
    };
    let sides = [
        (files[0].as_path(), aligned.layout.0),
        (files[1].as_path(), aligned.layout.1),
    ];
    let name = job.doc.clone().unwrap_or_else(|| doc_name(&job.id));
    let doc = aligned.export(&name, offsets);
    let evidence = pipeline.aligner().evidence();
    let verdicts = (job.filters.for_format(job.format)).judge(&aligned, &doc, evidence, (&[], &[]));
    let mut dropped = Default::default();
    let kept = filter::keep(
        aligned.beads.clone(),
        &verdicts,
        &mut Default::default(),
        &mut dropped,
    );
    let mut writer = output.writer()?;
    let written = (writer.write_doc(&crate::export::DocAlignment {
        beads: &kept,
        ..doc
    }))
    .and_then(|()| writer.finish());
    match written {
        // A consumer such as `head` took what it wanted: not an error, and the notes, the
        // scores and the outcome (a pair that is not a translation) are told as without it.
        Err(e) if e.is_broken_pipe() => {}
        written => written?,
    }

    let mut notes = Vec::new();
    notes.extend(wrap_note(&sides));
    let (id_file, en_file) = (job.id.display(), job.en.display());
    if swapped {
        notes.push(format!(
            "selaras: {id_file} reads as English and {en_file} as Indonesian: aligned the other way round"
        ));
    }
    let copied = aligned.document.languages.copied;
    for (file, n, other) in [
        (files[0], copied.0, "English"),
        (files[1], copied.1, "Indonesian"),
    ] {
        if n > 0 {
            notes.push(format!(
                "selaras: {}: {} {} the {other} side's text again (the original beside its translation): left out",
                file.display(),
                crate::text::count(n as u64, "line"),
                if n == 1 { "is" } else { "are" }
            ));
        }
    }
    if let Some(why) = aligned.document.describe() {
        notes.push(format!(
            "selaras: {id_file} and {en_file}: {why}; every bead's score includes it"
        ));
    }
    let untranslated = aligned.document.untranslated;
    if untranslated > 0 && aligned.document.parallel() {
        notes.push(format!(
            "selaras: {id_file} and {en_file}: {} in a part the other side does not seem to \
             translate, scored below 0.5",
            crate::text::count(untranslated as u64, "pair"),
        ));
    }
    if let Some(left) = filter::describe_dropped(&dropped, aligned.beads.len()) {
        notes.push(format!("selaras: {left}"));
    }
    for note in notes.iter().filter(|_| !job.quiet) {
        let _ = writeln!(messages, "{note}");
    }

    if let (Some(gold), Some(path)) = (gold, &job.gold) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let docs = [DocEval {
            doc: name,
            tally: Tally::new(&gold, &predicted),
            predicted: true,
        }];
        crate::eval::write_table(messages, &docs, false)?;
    }
    Ok(Outcome {
        not_parallel: aligned.document.describe(),
    })
}
