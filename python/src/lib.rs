//! Python bindings of selaras: `import selaras`.
//!
//! Each function calls the library's entry point for its job, the one the command line
//! calls: [`selaras::pipeline::Pipeline::align`] for `align`, the segmenter for `split`,
//! [`selaras::check::check_pairs`] for `score_pairs` and `check`,
//! [`selaras::batch::Batch::run_stream`] (the `selaras batch -` stream) for `batch`, and
//! [`selaras::pair::pair`] for `pair`. The work
//! runs with the GIL released. Errors are raised as `selaras.SelarasError` with the one-line
//! message the command line prints.
//!
//! The `selaras` command that the package installs is the same command line, compiled in
//! from the main crate's `src/cli/` and run by [`main`].

use std::collections::HashMap;
use std::ffi::OsString;
use std::sync::mpsc;
use std::thread::JoinHandle;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString, PyTuple};

use selaras::align::clauses::Finer;
use selaras::align::{AlignConfig, Aligner};
use selaras::batch::input::{DocError, DocSource, Item, Side};
use selaras::batch::{Batch, Options as BatchOptions, Sink};
use selaras::check::{CheckConfig, Pair, check_pairs};
use selaras::export::DocAlignment;
use selaras::lexicon::Lexicon;
use selaras::pair::input::{Listed, named_texts};
use selaras::pipeline::{Input, Options, Pipeline};
use selaras::place::Place;
use selaras::score::{Evidence, pair::PairScorer};
use selaras::segment::{Lang, Segmenter, Wrap};

#[allow(dead_code, clippy::all)]
#[path = "../../src/cli/mod.rs"]
mod cli;

create_exception!(
    _selaras,
    SelarasError,
    PyException,
    "An error of selaras: bad input (a file, an option, a document) or a failed write."
);

/// The error as the command line prints it: the message and its causes on one line.
fn py_err(err: impl std::error::Error + 'static) -> PyErr {
    SelarasError::new_err(selaras::error::one_line(&err))
}

fn invalid(msg: String) -> PyErr {
    SelarasError::new_err(msg)
}

fn lang(code: &str) -> PyResult<Lang> {
    match code {
        "id" => Ok(Lang::Id),
        "en" => Ok(Lang::En),
        other => Err(invalid(format!(
            "lang must be \"id\" or \"en\", not {other:?}"
        ))),
    }
}

/// `wrapped`: `None` decides from the text, as the command line does without `--wrapped` or
/// `--no-wrapped`.
fn wrap(wrapped: Option<bool>) -> Wrap {
    match wrapped {
        None => Wrap::Auto,
        Some(true) => Wrap::Wrapped,
        Some(false) => Wrap::Lines,
    }
}

fn finer(value: &str) -> PyResult<Finer> {
    match value {
        "auto" => Ok(Finer::Auto),
        "never" => Ok(Finer::Never),
        "always" => Ok(Finer::Always),
        other => Err(invalid(format!(
            "clause_pairs must be \"auto\", \"never\" or \"always\", not {other:?}"
        ))),
    }
}

/// The aligner of `selaras align` / `batch`, with the user's lexicon file when given.
fn aligner(lexicon: Option<&str>) -> PyResult<Aligner> {
    let config = AlignConfig::default();
    Ok(match lexicon {
        Some(path) => Aligner::with_lexicon(config, &Lexicon::read(path.as_ref()).map_err(py_err)?),
        None => Aligner::new(config),
    })
}

/// One side as given: running text, or a list of sentences.
enum Text {
    Running(String),
    Sentences(Vec<String>),
}

/// The name of the type of `value`, for a message (`NoneType`, `int`).
fn type_name(value: &Bound<'_, PyAny>) -> String {
    (value.get_type().name()).map_or_else(|_| "object".into(), |n| n.to_string())
}

impl Text {
    /// The argument `name` of `function`: a `str` (running text) or a sequence of `str`
    /// (sentences). Anything else is a `TypeError` naming the argument and what it was (the
    /// first item that is not a `str`), as Python's own messages do.
    fn from_arg(value: &Bound<'_, PyAny>, function: &str, name: &str) -> PyResult<Text> {
        if value.is_instance_of::<PyString>() {
            return Ok(Text::Running(value.extract()?));
        }
        if let Ok(sentences) = value.extract::<Vec<String>>() {
            return Ok(Text::Sentences(sentences));
        }
        let wanted = format!(
            "{function}() argument '{name}' must be a str (running text) or a list of str \
             (sentences)"
        );
        // Items are looked at in a list or a tuple only (bytes iterate as ints, a generator
        // would be used up).
        let listed = value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>();
        let bad_item = listed
            .then(|| value.try_iter().ok())
            .flatten()
            .and_then(|items| {
                (items.enumerate()).find_map(|(i, item)| match item {
                    Ok(item) if item.is_instance_of::<PyString>() => None,
                    Ok(item) => Some(format!("{wanted}; item {i} is {}", type_name(&item))),
                    Err(_) => Some(format!("{wanted}; item {i} could not be read")),
                })
            });
        Err(PyTypeError::new_err(bad_item.unwrap_or_else(|| {
            format!("{wanted}, not {}", type_name(value))
        })))
    }

    fn input(&self) -> Input<'_> {
        match self {
            Text::Running(t) => Input::Text(t),
            Text::Sentences(s) => Input::from(s),
        }
    }
}

/// One bead of an alignment: which segments of each side translate each other.
#[pyclass(frozen, get_all, module = "selaras")]
#[derive(Clone)]
struct Bead {
    /// Indices of the Indonesian segments (sentences, or parts of sentences), in order.
    id: Vec<usize>,
    /// Indices of the English segments.
    en: Vec<usize>,
    /// Probability that the bead is right.
    score: f64,
    /// The bead type, like `2-1`.
    kind: String,
    /// The Indonesian segments joined by a space.
    id_text: String,
    /// The English segments joined by a space.
    en_text: String,
}

#[pymethods]
impl Bead {
    fn __repr__(&self) -> String {
        format!(
            "Bead(id={:?}, en={:?}, score={:.4}, kind={:?}, id_text={:?}, en_text={:?})",
            self.id, self.en, self.score, self.kind, self.id_text, self.en_text
        )
    }
}

/// One row of a batch corpus: a bead of a document that the filters kept.
#[pyclass(frozen, get_all, module = "selaras")]
#[derive(Clone)]
struct Row {
    /// The document.
    doc: String,
    /// Indices of the Indonesian segments in the document.
    id: Vec<usize>,
    /// Indices of the English segments.
    en: Vec<usize>,
    /// Probability that the bead is right.
    score: f64,
    /// The bead type, like `2-1`.
    kind: String,
    /// The Indonesian text.
    id_text: String,
    /// The English text.
    en_text: String,
}

#[pymethods]
impl Row {
    fn __repr__(&self) -> String {
        format!(
            "Row(doc={:?}, id={:?}, en={:?}, score={:.4}, kind={:?}, id_text={:?}, en_text={:?})",
            self.doc, self.id, self.en, self.score, self.kind, self.id_text, self.en_text
        )
    }
}

/// The check of one pair: its probability and the quality flags raised.
#[pyclass(frozen, get_all, module = "selaras")]
struct Check {
    /// Probability that the pair is a translation.
    score: f64,
    /// The flags raised (names as `selaras check` writes them).
    flags: Vec<String>,
}

#[pymethods]
impl Check {
    fn __repr__(&self) -> String {
        format!("Check(score={:.4}, flags={:?})", self.score, self.flags)
    }
}

/// Character offsets of byte offsets in `text` (Python indexes strings by code point).
fn char_offsets(text: &str) -> impl Fn(usize) -> usize + '_ {
    move |byte: usize| text[..byte.min(text.len())].chars().count()
}

/// Split `text` into sentences (see `selaras.split`).
#[pyfunction]
#[pyo3(signature = (text, lang = "id", *, spans = false, wrapped = None))]
fn split(
    py: Python<'_>,
    text: &str,
    lang: &str,
    spans: bool,
    wrapped: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let lang = self::lang(lang)?;
    let sentences = py.detach(|| Segmenter::new(lang).read(text, wrap(wrapped)).0);
    if spans {
        let at = char_offsets(text);
        let out: Vec<(String, usize, usize)> = sentences
            .into_iter()
            .map(|s| {
                let (start, end) = (at(s.start), at(s.end));
                (s.text, start, end)
            })
            .collect();
        Ok(out.into_pyobject(py)?.into_any().unbind())
    } else {
        let out: Vec<String> = sentences.into_iter().map(|s| s.text).collect();
        Ok(out.into_pyobject(py)?.into_any().unbind())
    }
}

/// Align an Indonesian text with its English translation (see `selaras.align`).
#[pyfunction]
#[pyo3(signature = (id, en, *, lexicon = None, learn = true, whole_sentences = false,
                    clause_pairs = "auto", wrapped = None))]
#[allow(clippy::too_many_arguments)]
fn align(
    py: Python<'_>,
    id: &Bound<'_, PyAny>,
    en: &Bound<'_, PyAny>,
    lexicon: Option<&str>,
    learn: bool,
    whole_sentences: bool,
    clause_pairs: &str,
    wrapped: Option<bool>,
) -> PyResult<Vec<Bead>> {
    let id = Text::from_arg(id, "align", "id")?;
    let en = Text::from_arg(en, "align", "en")?;
    let options = Options {
        learn,
        whole_sentences,
        wrapped: wrap(wrapped),
        clause_pairs: finer(clause_pairs)?,
        ..Options::default()
    };
    let aligner = aligner(lexicon)?;
    py.detach(|| {
        let pipeline = Pipeline::new(aligner, options);
        let aligned = pipeline.align(id.input(), en.input()).map_err(py_err)?;
        let doc = aligned.export("", (0, 0));
        Ok(doc
            .beads
            .iter()
            .map(|b| Bead {
                id: b.id.clone(),
                en: b.en.clone(),
                score: b.score,
                kind: b.kind(),
                id_text: doc.id_text(b),
                en_text: doc.en_text(b),
            })
            .collect())
    })
}

fn scorer(lexicon: Option<&str>) -> PyResult<PairScorer> {
    Ok(match lexicon {
        Some(path) => PairScorer::with_evidence(
            Evidence::bundled().with_lexicon(&Lexicon::read(path.as_ref()).map_err(py_err)?),
        ),
        None => PairScorer::new(),
    })
}

fn checks(
    py: Python<'_>,
    pairs: Vec<(String, String)>,
    lexicon: Option<&str>,
) -> PyResult<Vec<Check>> {
    let scorer = scorer(lexicon)?;
    let pairs: Vec<Pair> = pairs
        .into_iter()
        .enumerate()
        .map(|(i, (id, en))| Pair {
            line: i + 1,
            id,
            en,
            ..Pair::default()
        })
        .collect();
    Ok(py.detach(|| {
        check_pairs(&pairs, &scorer, &CheckConfig::default())
            .into_iter()
            .map(|c| Check {
                score: c.score,
                flags: c.flags.iter().map(|f| f.name().to_string()).collect(),
            })
            .collect()
    }))
}

/// The probability that each `(id, en)` pair is a translation (see `selaras.score_pairs`).
#[pyfunction]
#[pyo3(signature = (pairs, *, lexicon = None))]
fn score_pairs(
    py: Python<'_>,
    pairs: Vec<(String, String)>,
    lexicon: Option<&str>,
) -> PyResult<Vec<f64>> {
    Ok(checks(py, pairs, lexicon)?
        .into_iter()
        .map(|c| c.score)
        .collect())
}

/// Score and flag each `(id, en)` pair (see `selaras.check`).
#[pyfunction]
#[pyo3(signature = (pairs, *, lexicon = None))]
fn check(
    py: Python<'_>,
    pairs: Vec<(String, String)>,
    lexicon: Option<&str>,
) -> PyResult<Vec<Check>> {
    checks(py, pairs, lexicon)
}

/// What the batch worker sends back.
enum Out {
    Row(Row),
    Error(DocError),
}

/// Sends each kept bead of a document back to Python.
struct ChannelSink(mpsc::Sender<Out>);

impl Sink for ChannelSink {
    fn write_doc(&mut self, doc: &DocAlignment) -> selaras::Result<()> {
        for b in doc.beads {
            let row = Row {
                doc: doc.doc.to_string(),
                id: b.id.clone(),
                en: b.en.clone(),
                score: b.score,
                kind: b.kind(),
                id_text: doc.id_text(b),
                en_text: doc.en_text(b),
            };
            // Python stopped reading: the rest is not wanted.
            let _ = self.0.send(Out::Row(row));
        }
        Ok(())
    }
    fn flush(&mut self) -> selaras::Result<()> {
        Ok(())
    }
}

/// A running batch: iterate it for the corpus rows; `errors` lists the documents that
/// failed, `summary` the counts once it is done.
#[pyclass(module = "selaras")]
struct BatchRun {
    docs: Py<PyIterator>,
    items: Option<mpsc::SyncSender<Item>>,
    /// The rows sent back (a `Mutex` only so the object is `Sync`; one thread reads).
    rows: Option<std::sync::Mutex<mpsc::Receiver<Out>>>,
    worker: Option<JoinHandle<selaras::Result<selaras::batch::Outcome>>>,
    seen: HashMap<String, usize>,
    given: usize,
    /// Documents that failed: `(doc, reason)`.
    #[pyo3(get)]
    errors: Vec<(String, String)>,
    /// Counts of the finished run (`None` until then).
    #[pyo3(get)]
    summary: Option<Py<PyAny>>,
}

/// Why a record of `batch` is not a `(doc, id_text, en_text)` tuple of strings, and its doc
/// name when it has one: a sequence is named by its first item if that is a string, and
/// the reason names a wrong number of items or the first field that is not a string
/// (`en_text` is float: a missing text that pandas read as NaN, say), as the command line's
/// stream names a bad line by its `doc` when it has one.
fn bad_record(record: &Bound<'_, PyAny>) -> (Option<String>, String) {
    let wanted = "expected a (doc, id_text, en_text) tuple of strings";
    let Ok(items) = record.extract::<Vec<Bound<'_, PyAny>>>() else {
        return (None, format!("{wanted}, not {}", type_name(record)));
    };
    let name = (items.first())
        .and_then(|d| d.extract::<String>().ok())
        .filter(|d| !d.trim().is_empty());
    let reason = match items.len() {
        3 => {
            let mut fields = ["doc", "id_text", "en_text"].into_iter().zip(&items);
            match fields.find(|(_, v)| v.extract::<String>().is_err()) {
                Some((field, v)) => format!("{wanted}: `{field}` is {}", type_name(v)),
                None => wanted.to_string(),
            }
        }
        n => format!("{wanted}, not a {} of {n} items", type_name(record)),
    };
    (name, reason)
}

impl BatchRun {
    /// The next document of the Python iterable as a batch item (a repeated or malformed one
    /// as an error item, as `selaras batch -` reports them).
    fn next_item(&mut self, py: Python<'_>) -> PyResult<Option<Item>> {
        let Some(next) = self.docs.bind(py).clone().next() else {
            return Ok(None);
        };
        self.given += 1;
        let origin = Place::Name(format!("<python>:{}", self.given));
        let bad = |doc: String, reason: String| DocError {
            doc,
            file: origin.clone(),
            reason,
        };
        // A record of another shape is its document's error, as a bad line of the command
        // line's stream is: the other documents go on.
        let record = next?;
        let Ok((doc, id, en)) = record.extract::<(String, String, String)>() else {
            let (doc, reason) = bad_record(&record);
            let doc = doc.unwrap_or_else(|| format!("document {}", self.given));
            return Ok(Some(Err(bad(doc, reason))));
        };
        Ok(Some(if doc.trim().is_empty() {
            Err(bad(
                format!("document {}", self.given),
                "the doc name is empty".into(),
            ))
        } else if let Some(first) = self.seen.get(&doc) {
            let reason = format!("document {doc:?} given twice (first as document {first})");
            Err(bad(doc, reason))
        } else {
            self.seen.insert(doc.clone(), self.given);
            Ok(DocSource {
                doc,
                id: Side::Text {
                    text: id,
                    origin: origin.clone(),
                },
                en: Side::Text { text: en, origin },
            })
        }))
    }

    /// The run is over: join the worker and keep its counts.
    fn finish(&mut self, py: Python<'_>) -> PyResult<()> {
        if let Some(worker) = self.worker.take() {
            let outcome = py
                .detach(|| worker.join())
                .map_err(|_| invalid("the batch worker stopped unexpectedly".into()))?
                .map_err(py_err)?;
            // The counts of the command line's `OUT.stats.json`, each named by its section
            // and key there (`pairs.kept` is `pairs_kept`; `documents.total` is `documents`).
            let t = &outcome.tally;
            let summary = pyo3::types::PyDict::new(py);
            summary.set_item("documents", t.docs_ok + t.docs_failed)?;
            summary.set_item("documents_ok", t.docs_ok)?;
            summary.set_item("documents_failed", t.docs_failed)?;
            summary.set_item("documents_not_parallel", t.not_parallel)?;
            summary.set_item("documents_swapped", t.swapped)?;
            summary.set_item("documents_with_copies", t.with_copies)?;
            summary.set_item("pairs_aligned", t.aligned())?;
            summary.set_item("pairs_kept", t.kept)?;
            summary.set_item("pairs_dropped", t.dropped_total())?;
            summary.set_item("pairs_dropped_by_reason", t.dropped_by_reason())?;
            summary.set_item("jobs", outcome.jobs)?;
            self.summary = Some(summary.into_any().unbind());
        }
        Ok(())
    }

    fn take(&mut self, out: Out) -> Option<Row> {
        match out {
            Out::Row(row) => Some(row),
            Out::Error(e) => {
                self.errors.push((e.doc, e.reason));
                None
            }
        }
    }
}

#[pymethods]
impl BatchRun {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Row>> {
        loop {
            let Some(rows) = self.rows.take() else {
                return Ok(None);
            };
            let rows = rows.into_inner().unwrap_or_else(|e| e.into_inner());
            // A row already done comes first.
            match rows.try_recv() {
                Ok(out) => {
                    self.rows = Some(std::sync::Mutex::new(rows));
                    match self.take(out) {
                        Some(row) => return Ok(Some(row)),
                        None => continue,
                    }
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.finish(py)?;
                    return Ok(None);
                }
                Err(mpsc::TryRecvError::Empty) => {}
            }
            if self.items.is_some() {
                self.rows = Some(std::sync::Mutex::new(rows));
                match self.next_item(py) {
                    Ok(Some(item)) => {
                        let tx = self.items.clone().expect("sender");
                        // Blocks only while the worker's window is full. A worker that
                        // stopped reports its error when the run is joined.
                        let _ = py.detach(move || tx.send(item).is_ok());
                    }
                    Ok(None) => self.items = None,
                    Err(e) => {
                        self.items = None;
                        return Err(e);
                    }
                }
                continue;
            }
            // Everything was given: wait for the rest.
            let (got, rows) = py.detach(move || {
                let got = rows.recv();
                (got, rows)
            });
            match got {
                Ok(out) => {
                    self.rows = Some(std::sync::Mutex::new(rows));
                    if let Some(row) = self.take(out) {
                        return Ok(Some(row));
                    }
                }
                Err(_) => {
                    self.finish(py)?;
                    return Ok(None);
                }
            }
        }
    }
}

/// Align many documents on all cores, as `selaras batch -` does (see `selaras.batch`).
#[pyfunction]
#[pyo3(signature = (docs, *, jobs = None, lexicon = None, learn = true, whole_sentences = false,
                    clause_pairs = "auto", wrapped = None))]
#[allow(clippy::too_many_arguments)]
fn batch(
    docs: &Bound<'_, PyAny>,
    jobs: Option<usize>,
    lexicon: Option<&str>,
    learn: bool,
    whole_sentences: bool,
    clause_pairs: &str,
    wrapped: Option<bool>,
) -> PyResult<BatchRun> {
    let options = BatchOptions {
        jobs: jobs.unwrap_or(0),
        pipeline: Options {
            learn,
            whole_sentences,
            wrapped: wrap(wrapped),
            clause_pairs: finer(clause_pairs)?,
            ..Options::default()
        },
        ..BatchOptions::default()
    };
    let runner = Batch::new(aligner(lexicon)?, options).map_err(py_err)?;
    let window = 2 * BatchOptions::default().chunk;
    let (items_tx, items_rx) = mpsc::sync_channel::<Item>(window);
    let (rows_tx, rows_rx) = mpsc::channel::<Out>();
    let worker = std::thread::spawn(move || {
        let mut sink = ChannelSink(rows_tx.clone());
        let mut on_error = |e: &DocError| {
            let _ = rows_tx.send(Out::Error(e.clone()));
            Ok(())
        };
        runner.run_stream(
            items_rx.into_iter().map(Ok),
            &mut sink,
            &mut on_error,
            &|_| {},
        )
    });
    Ok(BatchRun {
        docs: docs.try_iter()?.unbind(),
        items: Some(items_tx),
        rows: Some(std::sync::Mutex::new(rows_rx)),
        worker: Some(worker),
        seen: HashMap::new(),
        given: 0,
        errors: Vec::new(),
        summary: None,
    })
}

/// The documents of one side of `pair`: a mapping of name to text, or an iterable of
/// `(name, text)` ([`selaras::pair::input::named_texts`]: a name given twice is a row of the
/// unpaired list).
fn pair_side(docs: &Bound<'_, PyAny>, argument: &str) -> PyResult<Vec<Listed>> {
    let items: Vec<(String, String)> = match docs.cast::<PyDict>() {
        Ok(map) => map.items().extract(),
        Err(_) => (docs.try_iter()).and_then(|items| items.map(|item| item?.extract()).collect()),
    }
    .map_err(|_| {
        PyTypeError::new_err(format!(
            "pair() argument '{argument}' must be a dict of name to text or an iterable of \
             (name, text) tuples of str, not {}",
            type_name(docs)
        ))
    })?;
    Ok(named_texts(items))
}

/// A document `pair` left without a partner: its side (`id` or `en`), its name, its best
/// candidate on the other side and that pair's score, and why.
type UnpairedRow = (String, String, Option<String>, Option<f64>, String);

/// What `pair` found: the pairs kept and the documents left without a partner.
#[pyclass(module = "selaras", frozen, get_all)]
struct Pairing {
    /// `(id_name, en_name, score)` per pair kept, by the Indonesian name.
    pairs: Vec<(String, String, f64)>,
    /// `(side, name, best, score, reason)` per document without a partner: its side (`id`
    /// or `en`), its best candidate on the other side and that pair's score (`None` without
    /// one), and why.
    unpaired: Vec<UnpairedRow>,
}

#[pymethods]
impl Pairing {
    fn __repr__(&self) -> String {
        format!(
            "Pairing({} pairs, {} unpaired)",
            self.pairs.len(),
            self.unpaired.len()
        )
    }
}

/// Pair two piles of documents, as `selaras pair` does (see `selaras.pair`).
#[pyfunction]
#[pyo3(signature = (id_docs, en_docs, *, min_score = selaras::pair::DEFAULT_MIN_SCORE, jobs = None, lexicon = None))]
fn pair(
    py: Python<'_>,
    id_docs: &Bound<'_, PyAny>,
    en_docs: &Bound<'_, PyAny>,
    min_score: f64,
    jobs: Option<usize>,
    lexicon: Option<&str>,
) -> PyResult<Pairing> {
    if !(0.0..=1.0).contains(&min_score) {
        return Err(invalid("min_score must be between 0 and 1".into()));
    }
    let (id, en) = (
        pair_side(id_docs, "id_docs")?,
        pair_side(en_docs, "en_docs")?,
    );
    let ev = Evidence::with_lexicon_file(lexicon.map(std::path::Path::new)).map_err(py_err)?;
    let opts = selaras::pair::Options {
        min_score,
        jobs: jobs.unwrap_or(0),
        keep_candidates: false,
    };
    let outcome = py
        .detach(|| selaras::pair::pair(id, en, &ev, &opts, &|_| {}))
        .map_err(py_err)?;
    let name = |p: &Place| match p {
        Place::Name(n) => n.clone(),
        other => other.to_string(),
    };
    Ok(Pairing {
        pairs: (outcome.pairs.iter())
            .map(|p| (p.id.clone(), p.en.clone(), p.score))
            .collect(),
        unpaired: (outcome.unpaired.iter())
            .map(|u| {
                let side = match u.side {
                    Lang::Id => "id",
                    Lang::En => "en",
                };
                (
                    side.to_string(),
                    u.name.clone(),
                    u.best.as_ref().map(|(p, _)| name(p)),
                    u.best.as_ref().map(|(_, s)| *s),
                    u.reason_shown(name),
                )
            })
            .collect(),
    })
}

/// Run the `selaras` command line with `argv` (the program name first); the exit code.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<OsString>) -> u8 {
    py.detach(|| cli::main_from(argv))
}

#[pymodule]
fn _selaras(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("SelarasError", m.py().get_type::<SelarasError>())?;
    m.add_class::<Bead>()?;
    m.add_class::<Row>()?;
    m.add_class::<Check>()?;
    m.add_class::<BatchRun>()?;
    m.add_class::<Pairing>()?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(score_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(batch, m)?)?;
    m.add_function(wrap_pyfunction!(pair, m)?)?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
