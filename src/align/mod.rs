//! Sentence alignment.
//!
//! Method (details in `docs/align.md`):
//! 1. every sentence is prepared once by the evidence model ([`crate::score::Evidence`]);
//! 2. a bead's score is a log-likelihood ratio of "translation" against "unrelated": each
//!    item (content word, number, name) that finds a counterpart on the other side counts
//!    `ln(p/r)`, each that does not counts `ln((1-p)/(1-r))`, where `p` is the rate of matched
//!    items in true pairs and `r` the rate in random pairs *of this document* — so the score
//!    calibrates itself to the document and to the lexicon's coverage; a Gale–Church length term
//!    with the length ratio of the document, the log prior of the bead type and a small bonus
//!    for beads ending at a paragraph end on both sides are added;
//! 3. dynamic programming finds the best path, exactly for short documents, in a band around
//!    a path through rare shared tokens (anchors) for long ones;
//! 4. the per-document statistics are re-estimated from the confident beads of that path and
//!    the document is aligned again;
//! 5. optionally (all documents of a run) word translations are learned from the confident
//!    1-1 beads ([`LearnStats`]) and the documents are aligned once more
//!    ([`Aligner::with_learned`]);
//! 6. each bead's score is turned into a calibrated probability ([`calibrate`]).
//!
//! Where each part lives: [`model`] the bead score; `anchors` the first path of a long
//! document; `dp` the band and the dynamic programming over it (best path and posteriors);
//! `logspace` sums of probabilities kept as logarithms (for `dp` and the clause search);
//! [`calibrate`] the calibrated probabilities; [`clauses`] the clause alignment after the
//! sentence alignment (its own module map); this module the aligner, its passes and the
//! learned lexicon.

mod anchors;
pub mod calibrate;
pub mod clauses;
mod crossing;
pub mod document;
mod dp;
pub mod heads;
mod learn;
mod logspace;
pub mod model;

use std::sync::Arc;

use serde::Serialize;

use crate::lexicon::Lexicon;
use crate::score::{CoverIndex, Evidence, Prepared};
use crate::segment::{Lang, Sentence};

pub use crossing::{
    MIN_BLOCK, MIN_CROSSED, MIN_GAIN, MIN_GROW, MIN_LEX, MIN_MARGIN, MIN_SEED, WEAK_LEX,
};
pub use dp::Band;
pub use learn::LearnStats;
use learn::Learned;
pub use model::{Params, Parts};

pub use model::DocStats;
use model::{Masks, Model, SentStat, Tables};

/// One bead of an alignment: consecutive Indonesian sentences `id` aligned to consecutive
/// English sentences `en` (either may be empty), with a calibrated probability `score`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bead {
    /// 0-based indices of the Indonesian sentences, ascending and consecutive.
    pub id: Vec<usize>,
    /// 0-based indices of the English sentences, ascending and consecutive.
    pub en: Vec<usize>,
    /// Probability in [0, 1] that this bead is right.
    pub score: f64,
}

impl Bead {
    /// The bead type, as `2-1`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.id.len(), self.en.len())
    }

    /// Whether it pairs sentences of both sides (neither side empty).
    pub fn is_paired(&self) -> bool {
        !self.id.is_empty() && !self.en.is_empty()
    }
}

/// The bead types allowed by default.
pub const DEFAULT_BEADS: &[(usize, usize)] = &[
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
];

/// Parse a bead set such as `1-1,1-0,0-1,2-1,1-2`.
pub fn parse_beads(s: &str) -> crate::Result<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || crate::Error::Invalid(format!("bad bead type `{part}` (expected like 2-1)"));
        let (a, b) = part.split_once('-').ok_or_else(bad)?;
        let a: usize = a.parse().map_err(|_| bad())?;
        let b: usize = b.parse().map_err(|_| bad())?;
        if a > 3 || b > 3 || a + b == 0 || (a > 1 && b > 1 && (a, b) != (2, 2)) {
            return Err(crate::Error::Invalid(format!(
                "unsupported bead type `{part}` (supported: 1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1)"
            )));
        }
        if !out.contains(&(a, b)) {
            out.push((a, b));
        }
    }
    if !out.contains(&(1, 0)) || !out.contains(&(0, 1)) {
        return Err(crate::Error::Invalid(
            "the bead set must include 1-0 and 0-1 (every sentence must be placed)".into(),
        ));
    }
    Ok(out)
}

/// Options of the aligner.
#[derive(Clone, Debug)]
pub struct AlignConfig {
    /// Largest number of sentences on one side of a bead (1..=3).
    pub max_side: usize,
    /// Allowed bead types (a, b): `a` Indonesian and `b` English sentences.
    pub beads: Vec<(usize, usize)>,
    /// Score parameters.
    pub params: Params,
    /// Documents with at most this many cells (n × m) are searched exactly.
    pub exact_cells: usize,
    /// Initial half-width of the band for long documents.
    pub band: usize,
    /// Half-width of the band around a path already found (the refined pass, pass 2), for
    /// every document; widened like the first band when the path touches its edge.
    pub refine_band: usize,
    /// Re-estimate the document's statistics from a first path and align again.
    pub refine: bool,
    /// Pair the sentences a moved block left unpaired across the document
    /// ([`Aligner::match_moved`]) in [`Aligner::align_document`] and the pipeline (`align`, `batch`).
    pub moved: bool,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            max_side: 3,
            beads: DEFAULT_BEADS.to_vec(),
            params: Params::default(),
            exact_cells: 250_000,
            band: 12,
            refine_band: 3,
            refine: true,
            moved: true,
        }
    }
}

/// A bead of the best path with the parts of its score (for calibration and reports).
#[derive(Clone, Debug)]
pub struct Detail {
    /// The bead (with its calibrated score).
    pub bead: Bead,
    /// Parts of the bead score.
    pub parts: Parts,
    /// Total log score of the bead.
    pub total: f64,
    /// The bead's score minus the score of leaving its sentences unaligned.
    pub margin: f64,
    /// Posterior probability of the bead over all paths (forward–backward).
    pub posterior: f64,
}

/// One document aligned by [`Aligner::align_document`].
#[derive(Clone, Debug)]
pub struct AlignedDoc {
    /// The beads.
    pub beads: Vec<Bead>,
    /// The Indonesian sentences as the last pass prepared them (with any learned translations).
    pub id: Vec<Prepared>,
    /// The English sentences, prepared.
    pub en: Vec<Prepared>,
    /// The statistics the last pass scored beads with.
    pub stats: DocStats,
}

/// The aligner.
#[derive(Clone, Debug)]
pub struct Aligner {
    config: AlignConfig,
    ev: Evidence,
    learned: Option<Arc<Learned>>,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner::new(AlignConfig::default())
    }
}

impl Aligner {
    /// An aligner with the bundled lexicon.
    pub fn new(config: AlignConfig) -> Self {
        Aligner::with_evidence(config, Evidence::bundled())
    }

    /// An aligner with the bundled lexicon and the user's extra lexicon.
    pub fn with_lexicon(config: AlignConfig, extra: &Lexicon) -> Self {
        Aligner::with_evidence(config, Evidence::bundled().with_lexicon(extra))
    }

    /// An aligner using the given evidence model.
    pub fn with_evidence(mut config: AlignConfig, ev: Evidence) -> Self {
        let max = config.max_side.clamp(1, 3);
        config.beads.retain(|&(a, b)| a <= max && b <= max);
        for nb in [(1, 0), (0, 1)] {
            if !config.beads.contains(&nb) {
                config.beads.push(nb);
            }
        }
        Aligner {
            config,
            ev,
            learned: None,
        }
    }

    /// The evidence model in use.
    pub fn evidence(&self) -> &Evidence {
        &self.ev
    }

    /// The configuration.
    pub fn config(&self) -> &AlignConfig {
        &self.config
    }

    /// Align two documents given as sentences. Every sentence of both sides is in exactly
    /// one bead, in order.
    pub fn align<S: AsRef<str>>(&self, id: &[S], en: &[S]) -> Vec<Bead> {
        self.align_detailed(id, en, None, None)
            .into_iter()
            .map(|d| d.bead)
            .collect()
    }

    /// Align two segmented documents, using their paragraph numbers as soft anchors.
    pub fn align_sentences(&self, id: &[Sentence], en: &[Sentence]) -> Vec<Bead> {
        self.align_document(id, en, false).beads
    }

    /// Prepare the sentences of one side.
    pub fn prepare<S: AsRef<str>>(&self, sents: &[S], lang: Lang) -> Vec<Prepared> {
        sents
            .iter()
            .map(|s| self.ev.prepare(s.as_ref(), lang))
            .collect()
    }

    /// Align, returning the parts of every bead's score (`para_*`: paragraph numbers).
    pub fn align_detailed<S: AsRef<str>>(
        &self,
        id: &[S],
        en: &[S],
        para_id: Option<&[usize]>,
        para_en: Option<&[usize]>,
    ) -> Vec<Detail> {
        let pid = self.prepare(id, Lang::Id);
        let pen = self.prepare(en, Lang::En);
        self.align_prepared(&pid, &pen, para_id, para_en)
    }

    /// Align prepared sentences.
    pub fn align_prepared(
        &self,
        id: &[Prepared],
        en: &[Prepared],
        para_id: Option<&[usize]>,
        para_en: Option<&[usize]>,
    ) -> Vec<Detail> {
        self.align_prepared_from(id, en, para_id, para_en, None).0
    }

    /// Align prepared sentences, starting from an earlier alignment of the same document
    /// (`init`, e.g. the first pass before learning): the document's statistics are estimated
    /// from it and the band is laid around it, which saves a pass. Also returns the statistics
    /// the last pass scored beads with (for [`Aligner::split_clauses_with`]).
    ///
    /// # Panics
    ///
    /// If `init` names a sentence that `id` or `en` does not hold (it must be an alignment of
    /// this document).
    pub fn align_prepared_from(
        &self,
        id: &[Prepared],
        en: &[Prepared],
        para_id: Option<&[usize]>,
        para_en: Option<&[usize]>,
        init: Option<&[Detail]>,
    ) -> (Vec<Detail>, DocStats) {
        let init = init.map(path_of);
        self.align_indexed(id, en, para_id, para_en, init, &CoverIndex::new(en))
    }

    /// [`Aligner::align_prepared_from`] with the English side already indexed (`index`, from
    /// `en`): two passes over the same English side share it; `init`: the path of the earlier
    /// alignment.
    fn align_indexed(
        &self,
        id: &[Prepared],
        en: &[Prepared],
        para_id: Option<&[usize]>,
        para_en: Option<&[usize]>,
        init: Option<Vec<dp::PathBead>>,
        index: &CoverIndex,
    ) -> (Vec<Detail>, DocStats) {
        let params = &self.config.params;
        // Per sentence: its statistics, with the paragraph ends numbered; and whether the
        // paragraphs say anything (some holds several sentences).
        let side = |prep: &[Prepared], paras: Option<&[usize]>| -> (Vec<SentStat>, bool) {
            let n = prep.len();
            let (ends, informative) = match paras {
                Some(p) if p.len() == n && n > 0 => (
                    (0..n).map(|k| k + 1 == n || p[k + 1] != p[k]).collect(),
                    several_per_paragraph(p),
                ),
                _ => (vec![false; n], false),
            };
            let mut v: Vec<SentStat> = prep
                .iter()
                .zip(ends)
                .map(|(p, e)| SentStat::new(p, e))
                .collect();
            SentStat::rank_paras(&mut v);
            (v, informative)
        };
        let ((sid, ui), (sen, ue)) = (side(id, para_id), side(en, para_en));
        let model = Model {
            id,
            en,
            sid,
            sen,
            use_para: ui && ue,
            cover_index: index,
        };
        let allowed = &self.config.beads;
        let refine = self.config.refine && !id.is_empty() && !en.is_empty();
        let init_path = init;
        // Half-widths of the first and the refined band (a band that proves too narrow is
        // widened from its own width).
        let (bw, rw) = (self.config.band, self.refine_width());
        let mut band = match &init_path {
            Some(p) => self.refine_band(p, id.len(), en.len()),
            None => self.band(&model),
        };
        let mut masks = dp::MaskCache::new(&model, &band);
        let mut stats = initial_stats(&model, &masks, params);
        let mut tables = Tables::new(&stats, allowed, params.free_match);
        // The last pass: around the path of an earlier alignment, around a first path, or in
        // the first band.
        let last = match init_path {
            Some(p) => {
                if refine {
                    refine_stats(&mut stats, &model, &p, params);
                    tables = Tables::new(&stats, allowed, params.free_match);
                }
                Pass::last(allowed, rw)
            }
            None if refine => {
                // The first path only places the refined band and re-estimates the statistics
                // (from its 1-1 beads): the rare many-to-many shapes are left to the refined pass
                // — and in the band of a long document also 2-1/1-2 (measured on the 10k pair
                // built from the dev documents: as accurate as all shapes, 9 % faster).
                let most = if self.exact(id.len(), en.len()) { 3 } else { 2 };
                let first: Vec<(usize, usize)> = allowed
                    .iter()
                    .copied()
                    .filter(|&(a, b)| a + b <= most)
                    .collect();
                let pass = Pass::first(&first, bw);
                let path = self.search(&model, &tables, &mut band, &mut masks, pass);
                refine_stats(&mut stats, &model, &path, params);
                tables = Tables::new(&stats, allowed, params.free_match);
                // Inside the band searched: the cached masks still serve.
                band = band.intersect(&self.refine_band(&path, id.len(), en.len()));
                Pass::last(allowed, rw)
            }
            None => Pass::last(allowed, bw),
        };
        let path = self.search(&model, &tables, &mut band, &mut masks, last);
        let details = path
            .into_iter()
            .map(|b| {
                let null = tables.unaligned(b.i1 - b.i0, b.j1 - b.j0);
                let margin = b.total - null;
                let bead = Bead {
                    id: (b.i0..b.i1).collect(),
                    en: (b.j0..b.j1).collect(),
                    score: 0.0,
                };
                let mut d = Detail {
                    bead,
                    parts: b.parts,
                    total: b.total,
                    margin,
                    posterior: b.posterior,
                };
                d.bead.score = calibrate::probability(&d);
                d
            })
            .collect();
        (details, stats)
    }

    /// The band around a path found before.
    fn refine_band(&self, path: &[dp::PathBead], n: usize, m: usize) -> Band {
        Band::around(&center_of(path, n), m, self.refine_width())
    }

    /// Half-width of the band around a path found before (at least 1).
    fn refine_width(&self) -> usize {
        self.config.refine_band.max(1)
    }

    /// Whether an `n` × `m` document is searched exactly (the whole table).
    fn exact(&self, n: usize, m: usize) -> bool {
        (n + 1) * (m + 1) <= self.config.exact_cells
    }

    fn band(&self, model: &Model) -> Band {
        let (n, m) = (model.id.len(), model.en.len());
        if self.exact(n, m) {
            return Band::full(n, m);
        }
        let center = anchors::center_path(model);
        Band::around(&center, m, self.config.band)
    }

    /// The best path in `band`. Where the path touches the band's edge, the stretch of it
    /// around the touched rows is searched again in a band twice as wide
    /// ([`Aligner::search_stretch`]; again while it touches, up to 8× the first band's width).
    /// After a first pass (no posteriors), `band` and `masks` are widened to hold those
    /// stretches, as the caller narrows them around the path for the next pass.
    fn search<'m, 'a>(
        &self,
        model: &'m Model<'a>,
        tables: &Tables,
        band: &mut Band,
        masks: &mut dp::MaskCache<'m, 'a>,
        pass: Pass,
    ) -> Vec<dp::PathBead> {
        let (n, m) = (model.id.len(), model.en.len());
        let (mut path, mut touched) = dp::best_path(
            model,
            masks,
            tables,
            &self.config.params,
            band,
            pass.beads,
            pass.posteriors,
        );
        let full = band.lo.iter().all(|&l| l == 0) && band.hi.iter().all(|&h| h == m);
        if full {
            return path;
        }
        // The searches again may take at most this many cells: the work stays linear in the
        // band, also where most of the path is suspect (one side many times the other's length).
        let mut budget = SEARCH_AGAIN * band.cells();
        // A long run of beads no better than leaving their sentences unaligned means the
        // band may have lost the path (a long passage missing on one side, between sparse
        // anchors): those rows are searched again like the ones that touched the edge.
        touched.extend(suspect_rows(&path, tables, 0, n));
        if touched.is_empty() {
            return path;
        }
        touched.sort_unstable();
        touched.dedup();
        // Only the stretches of the path near the rows that touched are searched again, in a
        // band twice as wide (and again while they touch, up to `max`); the rest stands.
        let max = 4 * self.config.band.max(pass.width);
        let mut widths = vec![pass.width.max(1); n + 1];
        while !touched.is_empty() {
            let mut next = Vec::new();
            for (r0, r1) in stretches(&touched, &widths, n) {
                let w = 2 * widths[r0..=r1].iter().copied().max().unwrap_or(1);
                if w > 2 * max {
                    continue;
                }
                for x in &mut widths[r0..=r1] {
                    *x = w;
                }
                let Some(t) =
                    self.search_stretch(model, tables, &mut path, (r0, r1), w, &pass, &mut budget)
                else {
                    continue;
                };
                next.extend(t);
                next.extend(suspect_rows(&path, tables, r0, r1));
            }
            next.sort_unstable();
            next.dedup();
            touched = next;
        }
        if !pass.posteriors {
            // The caller narrows this band around the path for the next pass: it must hold
            // the stretches searched again.
            *band = Band::around_widths(&center_of(&path, n), m, |i| widths[i]);
            *masks = dp::MaskCache::new(model, band);
        }
        path
    }

    /// Search the beads of `path` over rows `r0..=r1` again, in a band of half-width `w`
    /// around them, from the path's cell before them to its cell after them; returns the
    /// rows where the new stretch touched its band. `None` (the path left as it is) when the
    /// band holds more cells than `budget` has left; else they are taken from it.
    #[allow(clippy::too_many_arguments)]
    fn search_stretch(
        &self,
        model: &Model,
        tables: &Tables,
        path: &mut Vec<dp::PathBead>,
        (r0, r1): (usize, usize),
        w: usize,
        pass: &Pass,
        budget: &mut usize,
    ) -> Option<Vec<usize>> {
        let ka = path.iter().rposition(|b| b.i0 <= r0).unwrap_or(0);
        let kb = (path.iter().position(|b| b.i1 >= r1))
            .unwrap_or(path.len() - 1)
            .max(ka);
        let (i0, j0, i1, j1) = (path[ka].i0, path[ka].j0, path[kb].i1, path[kb].j1);
        let index = CoverIndex::new(&model.en[j0..j1]);
        let sub = Model {
            id: &model.id[i0..i1],
            en: &model.en[j0..j1],
            sid: model.sid[i0..i1].to_vec(),
            sen: model.sen[j0..j1].to_vec(),
            use_para: model.use_para,
            cover_index: &index,
        };
        let local: Vec<dp::PathBead> = path[ka..=kb]
            .iter()
            .map(|b| dp::PathBead {
                i0: b.i0 - i0,
                i1: b.i1 - i0,
                j0: b.j0 - j0,
                j1: b.j1 - j0,
                ..b.clone()
            })
            .collect();
        let band = Band::around(&center_of(&local, i1 - i0), j1 - j0, w);
        *budget = budget.checked_sub(band.cells())?;
        let masks = dp::MaskCache::new(&sub, &band);
        let (found, touched) = dp::best_path(
            &sub,
            &masks,
            tables,
            &self.config.params,
            &band,
            pass.beads,
            pass.posteriors,
        );
        let found = found.into_iter().map(|b| dp::PathBead {
            i0: b.i0 + i0,
            i1: b.i1 + i0,
            j0: b.j0 + j0,
            j1: b.j1 + j0,
            ..b
        });
        path.splice(ka..=kb, found);
        Some(touched.into_iter().map(|i| i + i0).collect())
    }

    /// Align one document in two passes: the word translations learned from the confident
    /// beads of the first pass are added for the second (each sentence is prepared once).
    /// For many documents, gather [`LearnStats`] over all of them instead.
    pub fn align_learned(&self, id: &[Sentence], en: &[Sentence]) -> Vec<Bead> {
        self.align_document(id, en, true).beads
    }

    /// Align two segmented documents with their paragraph numbers as soft anchors, in two
    /// passes when `learn` (as [`Aligner::align_learned`]), then (unless the configuration
    /// says otherwise) pair moved blocks across the document ([`Aligner::match_moved`]: the
    /// beads are then in Indonesian order, and a crossing bead's English sentences lie out of
    /// order); also returns what the clause alignment ([`Aligner::split_clauses_with`]) takes
    /// from the sentence alignment.
    pub fn align_document(&self, id: &[Sentence], en: &[Sentence], learn: bool) -> AlignedDoc {
        let pid: Vec<Prepared> = id
            .iter()
            .map(|s| self.ev.prepare(&s.text, Lang::Id))
            .collect();
        let pen: Vec<Prepared> = en
            .iter()
            .map(|s| self.ev.prepare(&s.text, Lang::En))
            .collect();
        self.align_document_prepared((id, pid), (en, pen), learn)
    }

    /// [`Aligner::align_document`] with the sentences of each side already prepared by this
    /// aligner ([`Aligner::prepare`]; one per sentence).
    pub fn align_document_prepared(
        &self,
        id: (&[Sentence], Vec<Prepared>),
        en: (&[Sentence], Vec<Prepared>),
        learn: bool,
    ) -> AlignedDoc {
        self.align_document_beside(id, en, learn, |_, _, _| ()).0
    }

    /// [`Aligner::align_document_prepared`], with `beside` run on the prepared sentences as
    /// given (before any learned translations are added) and the index of the English ones
    /// while the first pass aligns them: on another thread when one is free.
    pub fn align_document_beside<T: Send>(
        &self,
        (id, mut pid): (&[Sentence], Vec<Prepared>),
        (en, pen): (&[Sentence], Vec<Prepared>),
        learn: bool,
        beside: impl FnOnce(&[Prepared], &[Prepared], &CoverIndex) -> T + Send,
    ) -> (AlignedDoc, T) {
        let pi: Vec<usize> = id.iter().map(|s| s.para).collect();
        let pe: Vec<usize> = en.iter().map(|s| s.para).collect();
        let index = CoverIndex::new(&pen);
        // The first pass on this thread (which goes on to the second), `beside` on another
        // when one is free.
        let ((mut details, mut stats), found) = rayon::join(
            || self.align_indexed(&pid, &pen, Some(&pi), Some(&pe), None, &index),
            || beside(&pid, &pen, &index),
        );
        if learn {
            let learned = {
                let mut learning = LearnStats::default();
                learning.add_prepared(&pid, &pen, details.iter().map(|d| &d.bead));
                learning.translations()
            };
            if !learned.map.is_empty() {
                for p in &mut pid {
                    p.add_translations(&learned.map);
                }
                // The first pass is not kept while the second runs: its path is all it takes.
                let init = path_of(&details);
                drop(details);
                (details, stats) =
                    self.align_indexed(&pid, &pen, Some(&pi), Some(&pe), Some(init), &index);
            }
        }
        if self.config.moved {
            details = self.match_moved(&pid, &pen, details, &stats);
        }
        let doc = AlignedDoc {
            beads: details.into_iter().map(|d| d.bead).collect(),
            id: pid,
            en: pen,
            stats,
        };
        (doc, found)
    }
}

/// What one search of the best path uses.
struct Pass<'b> {
    /// The bead shapes allowed.
    beads: &'b [(usize, usize)],
    /// Compute the posterior of every bead (the last pass).
    posteriors: bool,
    /// The half-width the band was laid with (widened from there when the path touches it).
    width: usize,
}

impl<'b> Pass<'b> {
    fn first(beads: &'b [(usize, usize)], width: usize) -> Self {
        Pass {
            beads,
            posteriors: false,
            width,
        }
    }

    fn last(beads: &'b [(usize, usize)], width: usize) -> Self {
        Pass {
            beads,
            posteriors: true,
            width,
        }
    }
}

/// Whether some paragraph holds several sentences (`paras`: the paragraph of each sentence):
/// only then do paragraph ends tell the aligner anything (one sentence per line does not).
fn several_per_paragraph(paras: &[usize]) -> bool {
    paras.windows(2).any(|w| w[0] == w[1])
}

/// The cells the searches again of one search may take, as a multiple of its first band's
/// cells. The dev documents take at most 3.5 (the long document with passages missing);
/// a document with one side 10 times the other's length, where most of the path is runs
/// of unpaired sentences, took 13 in the first pass and 52 in the last.
const SEARCH_AGAIN: usize = 8;

/// Beads in a row no better than leaving their sentences unaligned that make a run
/// suspicious (see [`Aligner::search`]).
const SUSPECT_RUN: usize = 8;

/// The rows (within `r0..=r1`) of the beads of `path` in runs of at least [`SUSPECT_RUN`]
/// beads whose score does not beat leaving their sentences unaligned.
fn suspect_rows(path: &[dp::PathBead], tables: &Tables, r0: usize, r1: usize) -> Vec<usize> {
    let bad = |b: &dp::PathBead| b.total <= tables.unaligned(b.i1 - b.i0, b.j1 - b.j0) + 1e-9;
    let mut out = Vec::new();
    let mut k = 0;
    while k < path.len() {
        if !bad(&path[k]) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < path.len() && bad(&path[e]) {
            e += 1;
        }
        let (a, b) = (path[k].i0.max(r0), path[e - 1].i1.min(r1));
        if e - k >= SUSPECT_RUN && a <= b {
            out.extend(a..=b);
        }
        k = e;
    }
    out
}

/// The stretches of rows to search again around the rows where a path touched its band
/// (ascending): each touched row with as many rows again as twice its band's half-width on
/// either side, so the path can swing out and back; overlapping stretches are joined.
fn stretches(touched: &[usize], widths: &[usize], n: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &i in touched {
        let r = 4 * widths[i] + 8;
        let (a, b) = (i.saturating_sub(r), (i + r).min(n));
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The column of a path at each row.
fn center_of(path: &[dp::PathBead], n: usize) -> Vec<f64> {
    let mut center = vec![0.0; n + 1];
    for b in path {
        for (k, i) in (b.i0..=b.i1).enumerate() {
            let f = if b.i1 > b.i0 {
                k as f64 / (b.i1 - b.i0) as f64
            } else {
                1.0
            };
            center[i] = b.j0 as f64 + f * (b.j1 - b.j0) as f64;
        }
    }
    center
}

/// The path of an alignment given as details.
fn path_of(details: &[Detail]) -> Vec<dp::PathBead> {
    let (mut i, mut j) = (0, 0);
    details
        .iter()
        .map(|d| {
            let (a, b) = (d.bead.id.len(), d.bead.en.len());
            let p = dp::PathBead {
                i0: i,
                i1: i + a,
                j0: j,
                j1: j + b,
                parts: d.parts,
                total: d.total,
                posterior: d.posterior,
            };
            i += a;
            j += b;
            p
        })
        .collect()
}

/// Sample pairs far from the diagonal to estimate how often items match by chance.
fn initial_stats(model: &Model, masks: &dyn Masks, params: &Params) -> DocStats {
    DocStats {
        ratio: doc_ratio(&model.sid, &model.sen, params),
        s2: params.s2,
        p: [params.p_word, params.p_num, params.p_name],
        r: chance_rates(
            model.id,
            model.en,
            &|i, j| masks.get(i, j),
            Some(model.cover_index),
            params,
        ),
        prior: params.prior,
    }
}

/// The English/Indonesian character ratio of a document pair, kept near the default.
fn doc_ratio(sid: &[SentStat], sen: &[SentStat], params: &Params) -> f64 {
    let ci: f64 = sid.iter().map(|s| s.chars).sum();
    let ce: f64 = sen.iter().map(|s| s.chars).sum();
    if ci > 0.0 && ce > 0.0 {
        // Lengths of documents with many unmatched sentences are unreliable: stay near the default.
        (ce / ci).clamp(params.ratio * 0.6, params.ratio * 1.6)
    } else {
        params.ratio
    }
}

/// How often an item of each side and kind finds a counterpart in a random sentence of the
/// other side: pairs far from the diagonal (all of them, or 3,000 drawn), shrunk towards
/// defaults. `cover(i, j)` gives the cover masks of a pair; `index`, the English side indexed
/// (when it is), gives those of all pairs of a sentence at once.
fn chance_rates(
    sid: &[Prepared],
    sen: &[Prepared],
    cover: &dyn Fn(usize, usize) -> (u128, u128),
    index: Option<&CoverIndex>,
    params: &Params,
) -> [[f64; 3]; 2] {
    let (n, m) = (sid.len(), sen.len());
    let mut cov = [[0u64; 3]; 2];
    let mut tot = [[0u64; 3]; 2];
    if n > 0 && m > 0 {
        let gap = 3.0_f64.max(0.1 * n.max(m) as f64).min(12.0);
        let far = |i: usize, j: usize| (i as f64 * m as f64 / n as f64 - j as f64).abs() >= gap;
        let mut sample = |i: usize, j: usize, (mi, me): (u128, u128)| {
            let (a, b) = (sid[i].kind_masks(), sen[j].kind_masks());
            for t in 0..3 {
                cov[0][t] += (mi & a[t]).count_ones() as u64;
                tot[0][t] += a[t].count_ones() as u64;
                cov[1][t] += (me & b[t]).count_ones() as u64;
                tot[1][t] += b[t].count_ones() as u64;
            }
        };
        if let (true, Some(index)) = (n * m <= 3000, index) {
            // Every pair: a sentence's row at once (one lookup per key, not a join per pair);
            // the items are counted per sentence, the matches only where there are some.
            let count = |p: &Prepared| p.kind_masks().map(|k| u64::from(k.count_ones()));
            let en_items: Vec<[u64; 3]> = sen.iter().map(count).collect();
            let mut row = vec![(0u128, 0u128); m];
            for (i, p) in sid.iter().enumerate() {
                row.fill((0, 0));
                index.cover_row(p, sen, 0, &mut row);
                let (a, ni) = (p.kind_masks(), count(p));
                let mut pairs = 0;
                for (j, &(mi, me)) in row.iter().enumerate() {
                    if !far(i, j) {
                        continue;
                    }
                    pairs += 1;
                    for t in 0..3 {
                        tot[1][t] += en_items[j][t];
                    }
                    if (mi, me) != (0, 0) {
                        let b = sen[j].kind_masks();
                        for t in 0..3 {
                            cov[0][t] += u64::from((mi & a[t]).count_ones());
                            cov[1][t] += u64::from((me & b[t]).count_ones());
                        }
                    }
                }
                for t in 0..3 {
                    tot[0][t] += ni[t] * pairs;
                }
            }
        } else if n * m <= 3000 {
            for i in 0..n {
                for j in 0..m {
                    if far(i, j) {
                        sample(i, j, cover(i, j));
                    }
                }
            }
        } else {
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
            for _ in 0..3000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let i = (x % n as u64) as usize;
                let j = ((x >> 32) % m as u64) as usize;
                if far(i, j) {
                    sample(i, j, cover(i, j));
                }
            }
        }
    }
    let r0 = [0.03, 0.02, 0.05];
    let k = params.shrink;
    let mut r = [[0.0; 3]; 2];
    for s in 0..2 {
        for t in 0..3 {
            r[s][t] = (cov[s][t] as f64 + k * r0[t]) / (tot[s][t] as f64 + k);
        }
    }
    r
}

/// Re-estimate the match rates and the length variance from the confident 1-1 beads.
fn refine_stats(st: &mut DocStats, model: &Model, path: &[dp::PathBead], params: &Params) {
    let pairs = path
        .iter()
        .filter(|b| {
            b.i1 - b.i0 == 1 && b.j1 - b.j0 == 1 && b.total >= 2.0 * params.prior[1].ln() + 2.0
        })
        .map(|b| (&model.id[b.i0], &model.en[b.j0], model.cover(b.i0, b.j0)));
    pair_stats(st, pairs, params);
}

/// Estimate the match rates of true pairs, the length ratio and its variance from 1-1 pairs
/// believed right (each: the two sentences and their cover masks).
fn pair_stats<'s>(
    st: &mut DocStats,
    pairs: impl Iterator<Item = (&'s Prepared, &'s Prepared, (u128, u128))>,
    params: &Params,
) {
    let mut cov = [0u64; 3];
    let mut tot = [0u64; 3];
    let (mut sq, mut cnt, mut li_sum, mut le_sum) = (0.0, 0.0, 0.0, 0.0);
    for (a, e, (mi, me)) in pairs {
        let (ka, ke) = (a.kind_masks(), e.kind_masks());
        for t in 0..3 {
            cov[t] += ((mi & ka[t]).count_ones() + (me & ke[t]).count_ones()) as u64;
            tot[t] += (ka[t].count_ones() + ke[t].count_ones()) as u64;
        }
        let (ca, ce) = (a.chars as f64, e.chars as f64);
        li_sum += ca;
        le_sum += ce;
        sq += (ce - st.ratio * ca).powi(2) / ((ca + ce / st.ratio) / 2.0).max(1.0);
        cnt += 1.0;
    }
    let k = params.shrink;
    let p0 = [params.p_word, params.p_num, params.p_name];
    for t in 0..3 {
        st.p[t] = (cov[t] as f64 + k * p0[t]) / (tot[t] as f64 + k);
    }
    if cnt >= 3.0 && li_sum > 0.0 {
        let ratio = (le_sum / li_sum).clamp(params.ratio * 0.6, params.ratio * 1.6);
        st.ratio = (ratio * cnt + st.ratio * 5.0) / (cnt + 5.0);
    }
    st.s2 = (sq + 5.0 * params.s2) / (cnt + 5.0);
}
