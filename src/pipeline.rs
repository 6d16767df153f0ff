//! One article pair from text to beads: what `selaras align` does, what `selaras batch` does
//! to each document, and what a binding calls.
//!
//! The steps, in order:
//! 1. [`Pipeline::side`]: cut each side into sentences (running text by the segmenter of its
//!    language, or one sentence per non-blank line with [`Options::presplit`]; sentences given
//!    as a list are taken as they are) and prepare each sentence for matching once
//!    ([`crate::score::Evidence::prepare`]);
//! 2. align the sentences, either learning word translations from the document itself
//!    ([`Pipeline::align_document`], as `selaras align` does), or with an aligner that learned
//!    them from a whole corpus, starting from a first alignment of the document
//!    ([`Pipeline::first_pass`], then [`Pipeline::realign`], as `selaras batch` does);
//! 3. split off run-in headlines where both sides show where one ends
//!    ([`Aligner::split_heads`]), then split beads of running text at clauses
//!    ([`Aligner::split_clauses_with`]), unless sentences are kept whole
//!    ([`Options::whole_sentences`]) or were given;
//! 4. the result: an owned [`Aligned`] document (segments with their byte spans, beads with
//!    scores, and what the steps noted about the document).
//!
//! [`Pipeline::align`] runs them all for one pair. A step that every document goes through
//! belongs here: before the alignment in [`Pipeline::side`] or [`Pipeline::load`], after it in
//! the common tail of both paths (`Pipeline::finish`), so `align`, `batch` and the bindings
//! all run it.

use std::borrow::Cow;

use serde::Serialize;

use crate::align::clauses::{ClauseParams, Finer};
use crate::align::document::{self, DocFeatures};
use crate::align::{Aligner, Bead, Detail, DocStats, LearnStats};
use crate::error::{Error, Result};
use crate::export::DocAlignment;
use crate::language::Languages;
use crate::score::Prepared;
use crate::segment::{Lang, Layout, Segmenter, Sentence, Wrap};

/// One side of an article pair as given.
#[derive(Clone, Debug)]
pub enum Input<'a> {
    /// Text: cut into sentences by the segmenter, or with [`Options::presplit`] one sentence
    /// per non-blank line. Spans are byte offsets into it.
    Text(&'a str),
    /// Sentences, one per item, each its own paragraph, taken as they are (never split at
    /// clauses). Spans are byte offsets into the items joined by `\n`.
    Sentences(Cow<'a, [String]>),
}

impl Input<'_> {
    /// The text (sentences joined by line breaks).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Input::Text(t) => Cow::Borrowed(t),
            Input::Sentences(list) => Cow::Owned(list.join("\n")),
        }
    }
}

impl<'a> From<&'a str> for Input<'a> {
    fn from(text: &'a str) -> Self {
        Input::Text(text)
    }
}

impl<'a> From<&'a String> for Input<'a> {
    fn from(text: &'a String) -> Self {
        Input::Text(text)
    }
}

impl<'a> From<&'a [String]> for Input<'a> {
    fn from(sentences: &'a [String]) -> Self {
        Input::Sentences(Cow::Borrowed(sentences))
    }
}

impl<'a> From<&'a Vec<String>> for Input<'a> {
    fn from(sentences: &'a Vec<String>) -> Self {
        Input::Sentences(Cow::Borrowed(sentences))
    }
}

impl From<Vec<String>> for Input<'static> {
    fn from(sentences: Vec<String>) -> Self {
        Input::Sentences(Cow::Owned(sentences))
    }
}

/// What the pipeline does to a document.
#[derive(Clone, Debug)]
pub struct Options {
    /// Text input is already split: one sentence per non-blank line (`--presplit`).
    pub presplit: bool,
    /// How line breaks of text input are read ([`Segmenter::read`]): as found from each text
    /// (the default), hard-wrapped (`--wrapped`), or each a paragraph end (`--no-wrapped`).
    pub wrapped: Wrap,
    /// Learn word translations (`--no-learn` turns it off): from the document itself in
    /// [`Pipeline::align_document`]; [`Pipeline::realign`] takes those of the corpus aligner
    /// it is given.
    pub learn: bool,
    /// Keep sentences whole: no bead is split at clauses (`--whole-sentences`).
    pub whole_sentences: bool,
    /// When the clause pieces are also paired clause with clause (`--clause-pairs`).
    pub clause_pairs: Finer,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            presplit: false,
            wrapped: Wrap::Auto,
            learn: true,
            whole_sentences: false,
            clause_pairs: Finer::Auto,
        }
    }
}

impl Options {
    /// Whether beads of running text are split at clauses (not for pre-split input, nor with
    /// whole sentences).
    pub fn clauses(&self) -> bool {
        !self.presplit && !self.whole_sentences
    }
}

/// One side cut into sentences and prepared for matching ([`Pipeline::side`]).
#[derive(Clone, Debug)]
pub struct Side {
    lang: Lang,
    sentences: Vec<Sentence>,
    prepared: Vec<Prepared>,
    /// The sentences were given (a list, or `presplit` text): never split at clauses.
    given: bool,
    /// How its line breaks were read.
    layout: Layout,
}

impl Side {
    /// The sentences.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
}

/// The first pass of a document ([`Document::take_first_pass`]), kept without the document.
#[derive(Clone, Debug, Default)]
pub struct FirstPass(Vec<Detail>);

/// A document ready to align: both sides segmented and prepared ([`Pipeline::load`]).
#[derive(Clone, Debug)]
pub struct Document {
    id: Side,
    en: Side,
    /// The alignment of a first pass ([`Pipeline::first_pass`]; empty until then): the second
    /// starts from it.
    first: Vec<Detail>,
    /// The language of each side as given ([`crate::language::identify`]).
    languages: Languages,
}

impl Document {
    /// Both sides (after [`Pipeline::side`]), Indonesian first.
    ///
    /// # Panics
    ///
    /// If `id` is not an Indonesian side or `en` not an English one.
    pub fn new(id: Side, en: Side) -> Document {
        assert!(id.lang == Lang::Id && en.lang == Lang::En, "sides swapped");
        Document {
            id,
            en,
            first: Vec::new(),
            languages: Languages::default(),
        }
    }

    /// The language of each side as given, and the verdict on the pair (its sides are
    /// already the right way round when it was swapped).
    pub fn languages(&self) -> &Languages {
        &self.languages
    }

    /// The Indonesian sentences.
    pub fn id(&self) -> &[Sentence] {
        &self.id.sentences
    }

    /// The English sentences.
    pub fn en(&self) -> &[Sentence] {
        &self.en.sentences
    }

    /// The sentences prepared for matching by the pipeline's aligner (without learned
    /// translations), Indonesian then English; each side without what only a text of the
    /// other side is asked for ([`Prepared::shed`]).
    pub fn prepared(&self) -> (&[Prepared], &[Prepared]) {
        (&self.id.prepared, &self.en.prepared)
    }

    /// Add the confident beads of the first pass to corpus learning statistics.
    pub fn learn_into(&self, stats: &mut LearnStats) {
        stats.add_prepared(
            &self.id.prepared,
            &self.en.prepared,
            self.first.iter().map(|d| &d.bead),
        );
    }

    /// Take the first pass out, to keep while the document itself is dropped and read again
    /// ([`Document::restore_first_pass`]): a corpus run keeps this much of a document between
    /// its passes once the documents it keeps whole fill its memory budget.
    pub fn take_first_pass(&mut self) -> FirstPass {
        FirstPass(std::mem::take(&mut self.first))
    }

    /// Put back the first pass taken from this document as read earlier (the same text
    /// loaded by the same pipeline gives the same sentences). A first pass that does not
    /// cover this document's sentences (its file changed between the passes) is dropped: the
    /// second pass then starts afresh.
    pub fn restore_first_pass(&mut self, first: FirstPass) {
        let covers =
            |side: fn(&Detail) -> usize, n: usize| first.0.iter().map(side).sum::<usize>() == n;
        if covers(|d| d.bead.id.len(), self.id.sentences.len())
            && covers(|d| d.bead.en.len(), self.en.sentences.len())
        {
            self.first = first.0;
        }
    }

    /// Memory the document holds in bytes (sentences, prepared sentences, the first pass).
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        let side = |s: &Side| {
            s.sentences
                .iter()
                .map(|x| size_of::<Sentence>() + x.text.capacity() + 16 * x.shifts.capacity())
                .chain(s.prepared.iter().map(Prepared::bytes))
                .sum::<usize>()
        };
        let first: usize = (self.first.iter())
            .map(|d| size_of::<Detail>() + 8 * (d.bead.id.capacity() + d.bead.en.capacity()))
            .sum();
        side(&self.id) + side(&self.en) + first
    }

    /// Whether some side's sentences were given (no clause split then).
    fn given(&self) -> bool {
        self.id.given || self.en.given
    }

    /// Paragraph numbers of a side's sentences.
    fn paras(side: &Side) -> Vec<usize> {
        side.sentences.iter().map(|s| s.para).collect()
    }
}

/// What a step decided about one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// The step (`clauses`, ...).
    pub step: &'static str,
    /// What it decided, in words.
    pub detail: String,
}

/// What the pipeline found about a document as a whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Judgement {
    /// The language of each side as given, and the verdict on the pair.
    pub languages: Languages,
    /// The probability that the two documents translate each other; every bead's score
    /// includes it.
    pub probability: f64,
    /// Why the document is not a translation (`None` when it may be one).
    pub reason: Option<String>,
    /// The alignment's evidence the probability was read from (`None` when the languages
    /// decided).
    pub features: Option<DocFeatures>,
    /// Per sentence of each side (Indonesian, English), where it ends in its text and the
    /// probability that it lies in a part the other side translates
    /// ([`document::translated_parts`]); empty where not read (a document too short for the
    /// document model, or one its languages decided).
    #[serde(skip)]
    pub parts: (Parts, Parts),
    /// Paired beads that lie, by [`document::translated_parts`], more likely than not in a
    /// part the other side does not translate.
    pub untranslated: usize,
}

/// Per sentence of a side: where it ends in its text, and the probability that it lies in a
/// part the other side translates.
pub type Parts = Vec<(usize, f64)>;

impl Default for Judgement {
    fn default() -> Self {
        Judgement {
            languages: Languages::default(),
            probability: 1.0,
            reason: None,
            features: None,
            parts: Default::default(),
            untranslated: 0,
        }
    }
}

impl Judgement {
    /// Whether the document is taken as a translation.
    pub fn parallel(&self) -> bool {
        self.reason.is_none()
    }

    /// The judgement in one line: why the document is not a translation, with its document
    /// score.
    pub fn describe(&self) -> Option<String> {
        self.reason.as_ref().map(|r| {
            format!(
                "not a translation: {r} (document score {:.4})",
                self.probability
            )
        })
    }
}

/// An aligned article pair: what is exported.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aligned {
    /// Indonesian segments: the sentences, or parts of them where a bead was split at clauses
    /// (with their byte spans in the input).
    pub id: Vec<Sentence>,
    /// English segments.
    pub en: Vec<Sentence>,
    /// The beads over the segments; every segment is in exactly one. In Indonesian order; a
    /// crossing bead (moved content, [`Aligner::match_moved`]) holds English segments out of
    /// order with its neighbours'.
    pub beads: Vec<Bead>,
    /// Per Indonesian segment: the sentence it is, `None` for a part of one.
    pub id_sentence: Vec<Option<usize>>,
    /// Per English segment: the same.
    pub en_sentence: Vec<Option<usize>>,
    /// The alignment of the sentences, before any clause split (what a gold ladder over the
    /// sentences is compared with).
    pub sentence_beads: Vec<Bead>,
    /// Sentences per side (Indonesian, English), before any clause split.
    pub sentences: (usize, usize),
    /// Run-in headlines split off their sentence on both sides ([`Aligner::split_heads`]).
    pub headlines: usize,
    /// What the steps noted about the document.
    pub notes: Vec<Note>,
    /// How each side's line breaks were read (Indonesian, English).
    pub layout: (Layout, Layout),
    /// Whether the two documents translate each other at all.
    pub document: Judgement,
}

impl Aligned {
    /// The document to export, named `doc`, its spans shifted by `offsets` (bytes before the
    /// text in each input file, a byte-order mark: [`crate::text::Input::offset`]).
    pub fn export<'a>(&'a self, doc: &'a str, offsets: (usize, usize)) -> DocAlignment<'a> {
        DocAlignment {
            doc,
            id: &self.id,
            en: &self.en,
            beads: &self.beads,
            id_offset: offsets.0,
            en_offset: offsets.1,
            id_sentence: &self.id_sentence,
            en_sentence: &self.en_sentence,
        }
    }
}

/// The per-document pipeline: an aligner, the segmenters and the options.
#[derive(Clone, Debug)]
pub struct Pipeline {
    aligner: Aligner,
    /// The user's segmenters (Indonesian, English); the bundled ones when `None`.
    segmenters: Option<(Segmenter, Segmenter)>,
    options: Options,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new(Aligner::default(), Options::default())
    }
}

impl Pipeline {
    /// A pipeline with this aligner and the bundled segmentation rules.
    pub fn new(aligner: Aligner, options: Options) -> Pipeline {
        Pipeline {
            aligner,
            segmenters: None,
            options,
        }
    }

    /// Use these segmenters (e.g. from the user's SRX rules) instead of the bundled ones.
    pub fn with_segmenters(mut self, id: Segmenter, en: Segmenter) -> Pipeline {
        self.segmenters = Some((id, en));
        self
    }

    /// The aligner.
    pub fn aligner(&self) -> &Aligner {
        &self.aligner
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Align one article pair (each side running text or sentences), as `selaras align` does.
    ///
    /// # Errors
    ///
    /// [`Error::NoSentences`] when a side holds no sentence.
    pub fn align<'a>(&self, id: impl Into<Input<'a>>, en: impl Into<Input<'a>>) -> Result<Aligned> {
        Ok(self.align_document(self.load(id.into(), en.into())?))
    }

    /// Cut both sides into sentences and prepare them ([`Pipeline::side`]).
    ///
    /// # Errors
    ///
    /// [`Error::NoSentences`] when a side holds no sentence.
    pub fn load(&self, id: Input, en: Input) -> Result<Document> {
        let mut languages = crate::language::identify(&id.text(), &en.text());
        let (id, en) = match languages.swapped() {
            true => (en, id),
            false => (id, en),
        };
        // Lines of a side that are the other side's text again (a page with the original
        // beside its translation) are left out, read as blank lines.
        let (mut id_text, mut en_text) = (None, None);
        if let (false, Input::Text(i), Input::Text(e)) = (languages.not_parallel(), &id, &en) {
            use crate::language::{blank, copied_lines};
            let (ci, ce) = (copied_lines(i, e, Lang::En), copied_lines(e, i, Lang::Id));
            languages.copied = (ci.len(), ce.len());
            id_text = (!ci.is_empty()).then(|| blank(i, &ci));
            en_text = (!ce.is_empty()).then(|| blank(e, &ce));
        }
        let id = id_text.as_deref().map_or(id, Input::Text);
        let en = en_text.as_deref().map_or(en, Input::Text);
        // An error names the side as given.
        let given = |e: Error| match e {
            Error::NoSentences { side } if languages.swapped() => Error::NoSentences {
                side: if side == "id" { "en" } else { "id" },
            },
            e => e,
        };
        // The two sides are cut and prepared at once (on two threads when one is free).
        let (id, en) = rayon::join(|| self.side(id, Lang::Id), || self.side(en, Lang::En));
        let mut doc = Document::new(id.map_err(given)?, en.map_err(given)?);
        doc.languages = languages;
        Ok(doc)
    }

    /// Cut one side into sentences and prepare each for matching.
    ///
    /// # Errors
    ///
    /// [`Error::NoSentences`] when it holds no sentence.
    pub fn side(&self, input: Input, lang: Lang) -> Result<Side> {
        let lines = Layout::default();
        let (sentences, given, layout) = match input {
            Input::Text(text) if self.options.presplit => {
                (crate::segment::presplit(text), true, lines)
            }
            Input::Text(text) => {
                let (sentences, layout) = match &self.segmenters {
                    Some((id, en)) => match lang {
                        Lang::Id => id,
                        Lang::En => en,
                    }
                    .read(text, self.options.wrapped),
                    None => Segmenter::new(lang).read(text, self.options.wrapped),
                };
                (sentences, false, layout)
            }
            Input::Sentences(list) => (listed(&list), true, lines),
        };
        if sentences.is_empty() {
            return Err(Error::NoSentences { side: lang.code() });
        }
        let ev = self.aligner.evidence();
        // Every reading of a document covers its Indonesian side against its English one.
        // A long side is prepared in runs of sentences on the threads that are free (each
        // sentence on its own: the order of the results is kept).
        use rayon::prelude::*;
        let prepared = sentences
            .par_iter()
            .with_min_len(PREPARE_RUN)
            .map(|s| {
                let mut p = ev.prepare(&s.text, lang);
                p.shed(lang);
                p
            })
            .collect();
        Ok(Side {
            lang,
            sentences,
            prepared,
            given,
            layout,
        })
    }

    /// Align a document on its own: with [`Options::learn`], a second pass with the word
    /// translations learned from the first ([`Aligner::align_document`]).
    pub fn align_document(&self, doc: Document) -> Aligned {
        let Document {
            id, en, languages, ..
        } = doc;
        let given = id.given || en.given;
        let layout = (id.layout, en.layout);
        // The whole documents are read for the judgement (which does not depend on the
        // alignment) while the first pass aligns them.
        let judged_here = languages.reason().is_none();
        let (mut aligned, whole) = self.aligner.align_document_beside(
            (&id.sentences, id.prepared),
            (&en.sentences, en.prepared),
            self.options.learn,
            |pid, pen, index| judged_here.then(|| document::coverage_indexed(pid, pen, index)),
        );
        // The document is judged without the translations learned from it, which the
        // alignment added to the Indonesian side (the English side comes back as it went
        // in): they are taken out meanwhile, and put back for the clause split.
        let learned: Vec<_> = (aligned.id.iter_mut())
            .map(Prepared::take_translations)
            .collect();
        let judgement = self.judge(
            languages,
            (&id.sentences, &aligned.id),
            (&en.sentences, &aligned.en),
            &aligned.beads,
            whole,
        );
        if !given && self.options.clauses() {
            for (p, l) in aligned.id.iter_mut().zip(learned) {
                p.restore_translations(l);
            }
        } else {
            drop(learned);
        }
        let out = self.finish(
            &self.aligner,
            (id.sentences, Cow::Owned(aligned.id)),
            (en.sentences, Cow::Owned(aligned.en)),
            aligned.beads,
            &aligned.stats,
            given,
        );
        judged(with_layout(out, layout), judgement)
    }

    /// The first pass of a corpus run: align `doc` with `aligner` (the corpus aligner before
    /// learning) and keep the alignment, which [`Document::learn_into`] learns from and
    /// [`Pipeline::realign`] starts from.
    pub fn first_pass(&self, aligner: &Aligner, doc: &mut Document) {
        doc.first = Self::align_from(aligner, doc, &doc.id.prepared).0;
    }

    /// The second pass of a corpus run: align `doc` with `learned` (this pipeline's aligner
    /// with the word translations learned from the corpus, [`Aligner::with_learned`]; or the
    /// aligner itself without learning), starting from its first pass if it had one.
    pub fn realign(&self, learned: &Aligner, doc: &Document) -> Aligned {
        // A learned aligner carries its word translations in its evidence model, which shows
        // in the prepared Indonesian side: they are added to a copy of that side (the same as
        // preparing it again, cheaper); the English side does not change.
        let learned_id = self.options.learn.then(|| {
            let mut pid = doc.id.prepared.clone();
            for p in &mut pid {
                learned.add_learned(p);
            }
            pid
        });
        let pid = learned_id.as_deref().unwrap_or(&doc.id.prepared);
        let (mut details, stats) = Self::align_from(learned, doc, pid);
        if learned.config().moved {
            details = learned.match_moved(pid, &doc.en.prepared, details, &stats);
        }
        let beads: Vec<Bead> = details.into_iter().map(|d| d.bead).collect();
        let judgement = self.judge(
            doc.languages,
            (&doc.id.sentences, &doc.id.prepared),
            (&doc.en.sentences, &doc.en.prepared),
            &beads,
            None,
        );
        let out = self.finish(
            learned,
            (doc.id.sentences.clone(), Cow::Borrowed(pid)),
            (doc.en.sentences.clone(), Cow::Borrowed(&doc.en.prepared)),
            beads,
            &stats,
            doc.given(),
        );
        judged(with_layout(out, (doc.id.layout, doc.en.layout)), judgement)
    }

    /// Whether the documents translate each other: not when their languages say so;
    /// otherwise the probability read from the alignment `beads` of the sentences `id` and
    /// `en` (prepared by this pipeline's aligner, without learned translations); `whole`: the
    /// reading of the whole documents ([`document::coverage`]) when it was done already.
    fn judge(
        &self,
        languages: Languages,
        id: (&[Sentence], &[Prepared]),
        en: (&[Sentence], &[Prepared]),
        beads: &[Bead],
        whole: Option<document::Coverage>,
    ) -> Judgement {
        if let Some(reason) = languages.reason() {
            return Judgement {
                languages,
                probability: 0.0,
                reason: Some(reason),
                features: None,
                parts: Default::default(),
                untranslated: 0,
            };
        }
        let whole = whole.unwrap_or_else(|| document::coverage(id.1, en.1));
        let (features, pairs) = document::read_with(self.aligner.evidence(), id, en, beads, &whole);
        let mut probability = document::probability(&features);
        let mut parts = Default::default();
        let mut untranslated = 0;
        if features.shorter < document::MIN_SENTENCES {
            let ev = self.aligner.evidence();
            if let Some(p) = document::judge_short(ev, id.0, en.0, beads) {
                probability = p;
            }
        } else {
            let of_beads = document::translated_parts(&pairs);
            untranslated = (pairs.iter().zip(&of_beads))
                .filter(|(p, q)| p.is_some() && **q < 0.5)
                .count();
            parts = (
                document::sentence_parts(id.0, beads, &of_beads, |b| &b.id),
                document::sentence_parts(en.0, beads, &of_beads, |b| &b.en),
            );
        }
        Judgement {
            languages,
            probability,
            reason: (probability < 0.5)
                .then(|| "its sentences rarely translate each other".to_string()),
            features: Some(features),
            parts,
            untranslated,
        }
    }

    /// Align with paragraph boundaries as soft anchors, with `pid` as the prepared Indonesian
    /// side, starting from the first pass when there is one.
    fn align_from(aligner: &Aligner, doc: &Document, pid: &[Prepared]) -> (Vec<Detail>, DocStats) {
        let pi = Document::paras(&doc.id);
        let pe = Document::paras(&doc.en);
        let init = (!doc.first.is_empty()).then_some(doc.first.as_slice());
        aligner.align_prepared_from(pid, &doc.en.prepared, Some(&pi), Some(&pe), init)
    }

    /// The steps after the sentence alignment: the clause split, then the owned result.
    /// `aligner` is the one that aligned the sentences; `id`, `en`: the sentences and how
    /// they were prepared for that alignment; `stats`: what it scored beads with.
    fn finish(
        &self,
        aligner: &Aligner,
        (mut id, mut pid): (Vec<Sentence>, Cow<[Prepared]>),
        (mut en, mut pen): (Vec<Sentence>, Cow<[Prepared]>),
        beads: Vec<Bead>,
        stats: &DocStats,
        given: bool,
    ) -> Aligned {
        let mut notes = Vec::new();
        let sentences = (id.len(), en.len());
        if given || !self.options.clauses() {
            let whole = |n: usize| (0..n).map(Some).collect();
            return Aligned {
                id_sentence: whole(id.len()),
                en_sentence: whole(en.len()),
                id,
                en,
                beads: beads.clone(),
                sentence_beads: beads,
                sentences,
                headlines: 0,
                notes,
                layout: Default::default(),
                document: Judgement::default(),
            };
        }
        // Run-in headlines are split off first; the parts are pieces of sentences, as the
        // clauses are.
        // The sentences go into the split (copied first only where they are borrowed).
        let heads = (aligner.find_heads((&id, &pid), (&en, &pen), &beads, stats)).map(|cuts| {
            aligner.apply_heads(
                (&mut id, pid.to_mut()),
                (&mut en, pen.to_mut()),
                &beads,
                &cuts,
            )
        });
        if let Some(h) = &heads {
            notes.push(Note {
                step: "headlines",
                detail: format!(
                    "{} run into the first sentence of a paragraph, split off",
                    crate::text::count(h.split as u64, "headline")
                ),
            });
        }
        let params = ClauseParams::default().with_finer(self.options.clause_pairs);
        let mut split = match &heads {
            Some(h) => aligner.split_clauses_with(
                (&h.id, &h.pid),
                (&h.en, &h.pen),
                &h.beads,
                stats,
                &params,
            ),
            None => aligner.split_clauses_with((&id, &pid), (&en, &pen), &beads, stats, &params),
        };
        if let Some(h) = &heads {
            h.to_sentences(&mut split.id_sentence, &mut split.en_sentence);
        }
        let partial = split.partial();
        if partial > 0 {
            notes.push(Note {
                step: "clauses",
                detail: format!(
                    "{partial} of {} {} a part of a sentence",
                    crate::text::count(split.beads.len() as u64, "bead"),
                    if partial == 1 { "holds" } else { "hold" }
                ),
            });
        }
        Aligned {
            id: split.id,
            en: split.en,
            beads: split.beads,
            id_sentence: split.id_sentence,
            en_sentence: split.en_sentence,
            sentence_beads: beads,
            sentences,
            headlines: heads.as_ref().map_or(0, |h| h.split),
            notes,
            layout: Default::default(),
            document: Judgement::default(),
        }
    }
}

/// `aligned` with the judgement of the document as a whole: every bead's score is multiplied
/// by the probability that the documents translate each other, and by the mean probability
/// of its sentences that they lie in a part the other side translates.
fn judged(mut aligned: Aligned, judgement: Judgement) -> Aligned {
    if let Some(note) = judgement.languages.swap_note() {
        aligned.notes.push(Note {
            step: "languages",
            detail: note.into(),
        });
    }
    let (id_parts, en_parts) = &judgement.parts;
    // The part of sentence `k`.
    let of = |parts: &[(usize, f64)], k: usize| parts.get(k).map_or(1.0, |p| p.1);
    // The part of segment `k`: its sentence's, or, for a piece of one, the part of the
    // sentence it starts in (found by its byte offset).
    let part =
        |parts: &[(usize, f64)], segs: &[Sentence], whole: &[Option<usize>], k: usize| match whole
            .get(k)
            .copied()
            .flatten()
        {
            Some(s) => of(parts, s),
            None => of(
                parts,
                parts.partition_point(|&(end, _)| end <= segs[k].start),
            ),
        };
    let mean = |ps: &mut dyn Iterator<Item = f64>| {
        let (sum, n) = ps.fold((0.0, 0), |(s, n), p| (s + p, n + 1));
        if n == 0 { 1.0 } else { sum / n as f64 }
    };
    for b in &mut aligned.beads {
        let (id, en) = (&aligned.id, &aligned.en);
        let ids =
            b.id.iter()
                .map(|&k| part(id_parts, id, &aligned.id_sentence, k));
        let ens =
            b.en.iter()
                .map(|&k| part(en_parts, en, &aligned.en_sentence, k));
        b.score *= judgement.probability * mean(&mut ids.chain(ens));
    }
    for b in &mut aligned.sentence_beads {
        let ids = b.id.iter().map(|&k| of(id_parts, k));
        let ens = b.en.iter().map(|&k| of(en_parts, k));
        b.score *= judgement.probability * mean(&mut ids.chain(ens));
    }
    aligned.document = judgement;
    aligned
}

/// `aligned` with how each side's line breaks were read, and a note for each side found to be
/// hard-wrapped.
fn with_layout(mut aligned: Aligned, layout: (Layout, Layout)) -> Aligned {
    for (side, l) in [("id", layout.0), ("en", layout.1)] {
        if l.wrapped && l.detected {
            let width = l
                .width
                .map(|w| format!(" (lines cut at {w} columns)"))
                .unwrap_or_default();
            aligned.notes.push(Note {
                step: "layout",
                detail: format!("{side} read as hard-wrapped text{width}"),
            });
        }
    }
    aligned.layout = layout;
    aligned
}

/// Fewest sentences of a side prepared as one piece of work: a short document (most of a
/// corpus) is prepared on its own thread.
const PREPARE_RUN: usize = 128;

/// Sentences given as a list: each its own paragraph, with its span in the list joined by
/// `\n` (as [`crate::segment::presplit`] reads that text when no item is blank, holds a line
/// break or has blanks around it).
fn listed(items: &[String]) -> Vec<Sentence> {
    let mut start = 0;
    items
        .iter()
        .enumerate()
        .map(|(para, text)| {
            let s = Sentence {
                text: text.clone(),
                start,
                end: start + text.len(),
                para,
                shifts: Vec::new(),
            };
            start += text.len() + 1;
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "Harga beras naik. Pemerintah akan menambah pasokan.\n";
    const EN: &str = "Rice prices rose. The government will add supply.\n";

    #[test]
    fn listed_sentences_align_as_presplit_text() {
        let lines = |s: &str| -> Vec<String> {
            Pipeline::default()
                .side(Input::Text(s), Lang::Id)
                .unwrap()
                .sentences()
                .iter()
                .map(|s| s.text.clone())
                .collect()
        };
        let (id, en) = (lines(ID), lines(EN));
        let presplit = Pipeline::new(
            Aligner::default(),
            Options {
                presplit: true,
                ..Options::default()
            },
        );
        let text = presplit
            .align(id.join("\n").as_str(), en.join("\n").as_str())
            .unwrap();
        let listed = Pipeline::default().align(&id, &en).unwrap();
        assert_eq!(text, listed);
        assert_eq!(listed.id[1].start, "Harga beras naik.".len() + 1);
        assert_eq!(listed.sentences, (2, 2));
    }

    #[test]
    fn a_first_pass_of_other_sentences_is_not_restored() {
        let p = Pipeline::new(Aligner::default(), Options::default());
        let text = |n: usize| {
            (0..n)
                .map(|k| format!("Kalimat nomor {k}."))
                .collect::<Vec<_>>()
        };
        let en = |n: usize| {
            (0..n)
                .map(|k| format!("Sentence number {k}."))
                .collect::<Vec<_>>()
        };
        let mut a = p.load(Input::from(text(4)), Input::from(en(4))).unwrap();
        p.first_pass(p.aligner(), &mut a);
        let first = a.take_first_pass();
        let mut same = p.load(Input::from(text(4)), Input::from(en(4))).unwrap();
        same.restore_first_pass(first.clone());
        assert_eq!(same.first.len(), first.0.len());
        let mut other = p.load(Input::from(text(6)), Input::from(en(5))).unwrap();
        other.restore_first_pass(first);
        assert!(other.first.is_empty());
    }

    #[test]
    fn an_empty_side_is_an_error() {
        let p = Pipeline::default();
        let err = p.align(ID, Vec::<String>::new()).unwrap_err();
        assert!(matches!(err, Error::NoSentences { side: "en" }), "{err}");
    }

    #[test]
    fn whole_sentences_keep_the_sentence_beads() {
        let p = Pipeline::new(
            Aligner::default(),
            Options {
                whole_sentences: true,
                ..Options::default()
            },
        );
        let a = p.align(ID, EN).unwrap();
        assert_eq!(a.beads, a.sentence_beads);
        assert_eq!(a.id_sentence, vec![Some(0), Some(1)]);
    }
}
