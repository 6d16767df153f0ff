//! Aligning clauses where the two sides end their sentences in different places.
//!
//! Translators do not always end sentences where the original does: one side may run two
//! sentences of the other together with a comma, a semicolon or "and", or move a clause
//! across a sentence boundary. A sentence aligner then has to pair whole sentences with
//! partly matching ones. After the sentence alignment, every sentence is cut at its clause
//! ends ([`clause_ends`]: after `,` `;` `:`, a dash, or `?` `!` `.` closing a quote), and where
//! it seems to end with no punctuation at all ([`open_ends`]: before a capitalised sentence
//! opener, at [`ClauseParams::cut_open`]), and the pieces are aligned again, near the
//! sentence alignment, by dynamic programming over beads of consecutive pieces scored with the
//! sentence model of the document
//! ([`super::model`]). Each bead boundary must be a sentence boundary on at least one side
//! — the other side's sentence boundary is the evidence that a clause ends a translation
//! there — and each boundary inside a sentence costs [`ClauseParams::cut`] after a comma
//! ([`ClauseParams::cut_strong`] after a semicolon, colon, dash or closed quote). A bead that
//! runs over a junction between two beads of the sentence alignment pays
//! [`ClauseParams::junction_cost`]: a cut inside a sentence bead costs only the cut, moving a junction
//! the sentence aligner chose costs more. A bead's shape prior counts the sentences it touches
//! on each side; a sentence left unpaired is whole, except that a part of one (its start up to
//! a clause end, or the rest after one) may be left unpaired at [`ClauseParams::unpaired_part`]
//! more: a verse or clause whose translation is missing, run into a sentence of its own side.
//! The pieces of one sentence that stay in one bead are joined again, so a bead holds whole
//! sentences and at most one part of a sentence at each end; with no better explanation the
//! sentence alignment stays as it is. A bead that is a bead of the sentence alignment keeps
//! its score; any other is scored from the clause alignment itself: its posterior among the
//! window's paths (forward–backward sums over every bead the search considered) and the parts of
//! its score, through the same calibration as the sentence aligner's beads.
//!
//! Where many of a document's beads then hold a part of a sentence ([`ClauseParams::fine_share`]),
//! its translation pairs smaller units than sentences (verses, clauses), and the pieces are
//! aligned once more with [`ClauseParams::fine`]: cuts at a comma for free, bead boundaries also
//! where neither side ends a sentence ([`ClauseParams::cut_both`]), and the path chosen by
//! maximum expected accuracy ([`ClauseParams::mea`]). Its beads are scored at least as sure as
//! the beads of the first search they share text with.
//!
//! Where each part lives: `pieces` cuts sentences at their clause ends ([`clause_ends`],
//! [`open_ends`]) and holds one side of a window cut into pieces; `windows` chooses the runs of
//! sentence beads to align again and assembles the [`Split`]; `search` is the dynamic
//! programming over pairs of piece boundaries; `posterior` the forward–backward sums and each
//! bead's posterior; `decode` reads the path from the search (the best one, or by maximum
//! expected accuracy) and scores its beads.

mod decode;
mod pieces;
mod posterior;
mod search;
mod windows;

use crate::score::{Prepared, cover_with};
use crate::segment::{Lang, Sentence};

use super::model::{DocStats, SentStat, Tables};
use super::{Aligner, Bead, chance_rates, doc_ratio, pair_stats};

pub use pieces::{clause_ends, clause_pieces, open_ends};

use windows::ClauseDoc;

/// Parameters of the clause alignment.
#[derive(Clone, Debug)]
pub struct ClauseParams {
    /// Cost (log) of a bead boundary inside a sentence after a comma.
    pub cut: f64,
    /// Cost of one after `;` `:`, a dash, or `?` `!` `.` closing a quote (a comma also
    /// separates the items of a list).
    pub cut_strong: f64,
    /// How many beads of the sentence alignment away from its own a piece may find its
    /// partners.
    pub reach: usize,
    /// Most pieces on one side of a bead that ends inside a sentence (beads ending at a
    /// sentence boundary are always considered, within three sentences).
    pub max_pieces: usize,
    /// 1-1 sentence beads at least this sure, with no other bead within `window`, are kept as
    /// they are (above 1: every bead is aligned again).
    pub sure: f64,
    /// How many beads either way of one that is not sure are aligned again with it.
    pub window: usize,
    /// A 1-1 bead whose lengths differ by more than this many standard deviations of the length
    /// model is aligned again however sure (one side may hold a clause the other lacks).
    pub odd_length: f64,
    /// Cost (log) of leaving a part of a sentence unpaired, on top of the 1-0 prior and the cut:
    /// high, so that only a part with nothing to pair with is (a clause whose translation is
    /// free is better kept in its bead).
    pub unpaired_part: f64,
    /// Cost (log) of each junction between two beads of the sentence alignment that a bead of
    /// pieces runs over (moving or removing a junction the sentence aligner chose; cuts inside
    /// its beads pay nothing of it).
    pub junction_cost: f64,
    /// Whether a sentence may also be cut where it ends without punctuation ([`open_ends`]).
    pub open: bool,
    /// Cost (log) of a bead boundary at a sentence end without punctuation.
    pub cut_open: f64,
    /// A sentence of more clause pieces than this is kept whole (a list of hundreds of items:
    /// the search grows with the square of the pieces a bead may span).
    pub sentence_pieces: usize,
    /// Cost (log) of a bead boundary where neither side ends a sentence, on top of both
    /// sides' cuts (infinite: no such boundary).
    pub cut_both: f64,
    /// Decode by maximum expected accuracy: the path whose boundaries' posteriors, less this
    /// each, sum highest (NaN: the best path).
    pub mea: f64,
    /// Most beads of the sentence alignment in one window of the search.
    pub max_window: usize,
    /// Most clause pieces (of a window's beads, each on its larger side) in one window.
    pub max_window_pieces: usize,
    /// The share of a document's beads holding a part of a sentence, after a search with these
    /// parameters, from which its pieces are aligned again with `fine`: the translation's
    /// units evidently end inside sentences (verses, clauses), so cuts are cheaper and a bead
    /// boundary may lie where neither side ends a sentence.
    pub fine_share: f64,
    /// The least number of such beads for that (a cut inside a sentence makes two; at least four
    /// places where the two sides' sentences disagree).
    pub fine_min: usize,
    /// The parameters of that second search (`None`: none).
    pub fine: Option<Box<ClauseParams>>,
}

impl Default for ClauseParams {
    fn default() -> Self {
        ClauseParams {
            fine: Some(Box::new(ClauseParams {
                cut: 0.0,
                cut_both: -4.0,
                unpaired_part: 1.0,
                sure: 1.1,
                mea: 0.2,
                max_pieces: 8,
                ..ClauseParams::coarse()
            })),
            ..ClauseParams::coarse()
        }
    }
}

/// When the pieces of a document are also paired clause with clause (the finer search of
/// [`ClauseParams::fine`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Finer {
    /// Where the document's units evidently are not sentences ([`ClauseParams::fine_share`],
    /// [`ClauseParams::fine_min`]).
    #[default]
    Auto,
    /// Never: a bead boundary always lies at a sentence boundary of one side at least.
    Never,
    /// In every document.
    Always,
}

impl Finer {
    /// Every choice, in the order the command line lists them.
    pub const ALL: [Finer; 3] = [Finer::Auto, Finer::Never, Finer::Always];

    /// The choice's name as given to `--clause-pairs`.
    pub fn name(self) -> &'static str {
        match self {
            Finer::Auto => "auto",
            Finer::Never => "never",
            Finer::Always => "always",
        }
    }

    /// What the choice does, in a sentence (for `--help`).
    pub fn about(self) -> &'static str {
        match self {
            Finer::Auto => {
                "Where a document's translation evidently pairs units smaller than sentences \
                 (verses, clauses): many of its beads hold a part of a sentence"
            }
            Finer::Never => "Never: sentence pairs that translate each other whole stay whole",
            Finer::Always => "In every document",
        }
    }
}

impl ClauseParams {
    /// These parameters with the finer search run as `finer` says.
    pub fn with_finer(mut self, finer: Finer) -> Self {
        match finer {
            Finer::Auto => {}
            Finer::Never => self.fine = None,
            Finer::Always => {
                self.fine_share = 0.0;
                self.fine_min = 0;
            }
        }
        self
    }

    /// The first search's parameters, with no second one.
    fn coarse() -> Self {
        ClauseParams {
            cut: 1.0,
            cut_strong: 0.0,
            reach: 2,
            max_pieces: 12,
            sure: 0.9,
            window: 1,
            odd_length: 2.0,
            unpaired_part: 4.0,
            junction_cost: 1.5,
            open: true,
            cut_open: 2.0,
            sentence_pieces: 16,
            cut_both: f64::INFINITY,
            mea: f64::NAN,
            max_window: 64,
            max_window_pieces: 128,
            fine_share: 0.15,
            fine_min: 8,
            fine: None,
        }
    }
}

/// Segments and beads after splitting beads at clause boundaries.
#[derive(Clone, Debug, Default)]
pub struct Split {
    /// Indonesian segments: the input sentences, except where a bead was split: there the
    /// pieces of its sentences (with their byte spans in the input text).
    pub id: Vec<Sentence>,
    /// English segments.
    pub en: Vec<Sentence>,
    /// Beads over the segments.
    pub beads: Vec<Bead>,
    /// Per Indonesian segment: the index of the input sentence it is, `None` for a piece.
    pub id_sentence: Vec<Option<usize>>,
    /// Per English segment: the same.
    pub en_sentence: Vec<Option<usize>>,
}

impl Split {
    /// Score every bead at least as sure as the least sure of the beads of `coarse` (a split of
    /// the same text) that share some of its text: a finer split's beads are no less sure than
    /// the coarser split's they come from.
    fn score_from(&mut self, coarse: &Split) {
        // The bead of `coarse` holding each of its segments, per side.
        let mut bead_i = vec![0; coarse.id.len()];
        let mut bead_e = vec![0; coarse.en.len()];
        for (k, b) in coarse.beads.iter().enumerate() {
            for &s in &b.id {
                bead_i[s] = k;
            }
            for &s in &b.en {
                bead_e[s] = k;
            }
        }
        // The bead of `coarse` holding byte `at` of a side's text.
        let owner = |segs: &[Sentence], bead: &[usize], at: usize| {
            bead[segs.partition_point(|s| s.start <= at).max(1) - 1]
        };
        for b in &mut self.beads {
            let mut ks = Vec::new();
            for (segs, own, coarse_segs, bead) in [
                (&b.id, &self.id, &coarse.id, &bead_i),
                (&b.en, &self.en, &coarse.en, &bead_e),
            ] {
                for &s in segs {
                    let seg = &own[s];
                    ks.push(owner(coarse_segs, bead, seg.start));
                    ks.push(owner(coarse_segs, bead, seg.end.max(seg.start + 1) - 1));
                }
            }
            if let (Some(&lo), Some(&hi)) = (ks.iter().min(), ks.iter().max()) {
                let least = coarse.beads[lo..=hi]
                    .iter()
                    .map(|c| c.score)
                    .fold(f64::INFINITY, f64::min);
                b.score = b.score.max(least);
            }
        }
    }

    /// How many beads hold a part of a sentence.
    pub fn partial(&self) -> usize {
        let part = |segs: &[usize], of: &[Option<usize>]| segs.iter().any(|&k| of[k].is_none());
        self.beads
            .iter()
            .filter(|b| part(&b.id, &self.id_sentence) || part(&b.en, &self.en_sentence))
            .count()
    }

    /// Append a bead of these segments (each with its input sentence, if whole).
    fn push(
        &mut self,
        id: impl IntoIterator<Item = (Sentence, Option<usize>)>,
        en: impl IntoIterator<Item = (Sentence, Option<usize>)>,
        score: f64,
    ) {
        let (i0, e0) = (self.id.len(), self.en.len());
        for (seg, k) in id {
            self.id.push(seg);
            self.id_sentence.push(k);
        }
        for (seg, k) in en {
            self.en.push(seg);
            self.en_sentence.push(k);
        }
        self.beads.push(Bead {
            id: (i0..self.id.len()).collect(),
            en: (e0..self.en.len()).collect(),
            score,
        });
    }
}

/// The statistics of the bead score for a document from its alignment `beads`: the length
/// ratio of its paired sentences, the match rates and the length variance of its confident
/// 1-1 beads; the chance match rates `r` (and the bead priors) are given. Measured against
/// the statistics the sentence aligner ended with (estimated before its last pass, the length
/// ratio from all sentences): equal on the dev sets, better where many sentences are unpaired
/// (FLORES with 30 % deletions 0.968 → 0.974).
fn bead_stats(
    al: &Aligner,
    (id, en): (&[Prepared], &[Prepared]),
    beads: &[Bead],
    r: [[f64; 3]; 2],
) -> DocStats {
    let params = &al.config().params;
    let sid: Vec<SentStat> = id.iter().map(|p| SentStat::new(p, false)).collect();
    let sen: Vec<SentStat> = en.iter().map(|p| SentStat::new(p, false)).collect();
    let paired = beads.iter().filter(|b| b.is_paired());
    let pi: Vec<SentStat> = paired
        .clone()
        .flat_map(|b| b.id.iter().map(|&i| sid[i]))
        .collect();
    let pe: Vec<SentStat> = paired.flat_map(|b| b.en.iter().map(|&j| sen[j])).collect();
    let mut st = DocStats {
        ratio: doc_ratio(&pi, &pe, params),
        s2: params.s2,
        p: [params.p_word, params.p_num, params.p_name],
        r,
        prior: params.prior,
    };
    let pairs = beads
        .iter()
        .filter(|b| b.id.len() == 1 && b.en.len() == 1 && b.score >= 0.5)
        .map(|b| {
            let (i, j) = (b.id[0], b.en[0]);
            (&id[i], &en[j], cover_with(&id[i], &en[j]))
        });
    pair_stats(&mut st, pairs, params);
    st
}

impl Aligner {
    /// Align the clause pieces of `id` and `en` around their sentence alignment `beads` (see
    /// the module's documentation). Returns the segments (whole sentences, or parts of them)
    /// and the beads over them; every segment is in exactly one bead, in order. The
    /// statistics of the document are estimated from `beads`; [`Aligner::split_clauses_with`]
    /// takes those the aligner used.
    ///
    /// # Panics
    ///
    /// If `beads` name a sentence that `id` or `en` does not hold (they must be an alignment of
    /// these sentences, as [`Aligner::align_document`] returns).
    pub fn split_clauses(
        &self,
        id: &[Sentence],
        en: &[Sentence],
        beads: &[Bead],
        params: &ClauseParams,
    ) -> Split {
        let prep = |sents: &[Sentence], lang: Lang| -> Vec<Prepared> {
            sents
                .iter()
                .map(|s| self.evidence().prepare(&s.text, lang))
                .collect()
        };
        let (pid, pen) = (prep(id, Lang::Id), prep(en, Lang::En));
        let cover = |i: usize, j: usize| cover_with(&pid[i], &pen[j]);
        let r = chance_rates(&pid, &pen, &cover, None, &self.config().params);
        let stats = bead_stats(self, (&pid, &pen), beads, r);
        self.split_scored(
            (id, &pid),
            (en, &pen),
            beads,
            &stats,
            || stats.clone(),
            params,
        )
    }

    /// [`Aligner::split_clauses`] with the sentences prepared by this aligner (`pid`, `pen`:
    /// as [`Aligner::prepare`] does) and the statistics of the document that the sentence
    /// alignment was scored with ([`Aligner::align_prepared_from`]): its chance match rates
    /// are used, the rest is estimated again from `beads`.
    ///
    /// # Panics
    ///
    /// As [`Aligner::split_clauses`], and if `pid` / `pen` do not hold one prepared sentence
    /// for each of `id` / `en`.
    pub fn split_clauses_with(
        &self,
        (id, pid): (&[Sentence], &[Prepared]),
        (en, pen): (&[Sentence], &[Prepared]),
        beads: &[Bead],
        stats: &DocStats,
        params: &ClauseParams,
    ) -> Split {
        let scoring = || bead_stats(self, (pid, pen), beads, stats.r);
        self.split_scored((id, pid), (en, pen), beads, stats, scoring, params)
    }

    /// [`Aligner::split_clauses_with`], with the statistics that score the pieces' beads from
    /// `scoring` (called only when some window is aligned again).
    fn split_scored(
        &self,
        (id, pid): (&[Sentence], &[Prepared]),
        (en, pen): (&[Sentence], &[Prepared]),
        beads: &[Bead],
        stats: &DocStats,
        scoring: impl FnOnce() -> DocStats,
        params: &ClauseParams,
    ) -> Split {
        // Crossing beads (moved content) stay whole; the rest is split as a monotonic alignment.
        if let Some(u) = super::crossing::Uncrossed::of(beads) {
            let (i, e) = (
                (u.id_side(id), u.id_side(pid)),
                (u.en_side(en), u.en_side(pen)),
            );
            let part =
                self.split_scored((&i.0, &i.1), (&e.0, &e.1), &u.beads, stats, scoring, params);
            return u.restore(part, id, en, beads);
        }
        // The bead score's tables, only where some window is aligned again.
        let scoring = std::cell::Cell::new(Some(scoring));
        let tables = std::cell::OnceCell::new();
        let tables = || {
            tables.get_or_init(|| {
                let scoring = scoring.take().expect("called once");
                Tables::new(
                    &scoring(),
                    &self.config().beads,
                    self.config().params.free_match,
                )
            })
        };
        let doc = ClauseDoc::new(self, (id, pid), (en, pen), beads, stats);
        // First every bead boundary at a sentence boundary on one side at least; where many
        // beads then end inside a sentence (the translation's units are not its sentences:
        // verses, clauses), again with boundaries where neither side ends a sentence too.
        let first = doc.search(params, &tables);
        match &params.fine {
            Some(fine)
                if first.partial() >= params.fine_min
                    && first.partial() as f64 >= params.fine_share * first.beads.len() as f64 =>
            {
                let mut out = doc.search(fine, &tables);
                out.score_from(&first);
                out
            }
            _ => first,
        }
    }
}

/// Helpers of the tests of the clause alignment's modules.
#[cfg(test)]
mod test_util {
    use super::pieces::Side;
    use super::*;

    pub fn bead(id: &[usize], en: &[usize], score: f64) -> Bead {
        Bead {
            id: id.to_vec(),
            en: en.to_vec(),
            score,
        }
    }

    pub fn sentences(lang: Lang, text: &str) -> Vec<Sentence> {
        crate::segment::Segmenter::new(lang).split(text)
    }

    /// The pieces of `sents` (the sentences of a window, `beads` = (each one's bead, how many)),
    /// with the default parameters.
    pub fn side_of(
        al: &Aligner,
        sents: &[Sentence],
        lang: Lang,
        beads: (&[usize], usize),
        use_para: bool,
    ) -> Side {
        let prep = al.prepare(
            &sents.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            lang,
        );
        Side::new(
            al,
            (sents, &prep),
            lang,
            beads,
            None,
            use_para,
            &ClauseParams::default(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::{bead, sentences};
    use super::*;

    /// The texts of each bead's segments, per side.
    fn bead_texts(split: &Split) -> Vec<(Vec<&str>, Vec<&str>)> {
        split
            .beads
            .iter()
            .map(|b| {
                (
                    b.id.iter().map(|&i| split.id[i].text.as_str()).collect(),
                    b.en.iter().map(|&j| split.en[j].text.as_str()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_clause_with_nothing_to_pair_with_is_left_unpaired() {
        let al = Aligner::default();
        // A stray clause run into the sentence before the one both sides share.
        let id = sentences(
            Lang::Id,
            "Harga minyak goreng turun 3 persen di Bandung. Harga gula naik 7 persen di Makassar. \
             Harga telur stabil di Surabaya. Harga cabai turun 5 persen di Jakarta. Kucing hitam \
             tetangga kami melompat ke atas pagar kayu yang baru dicat kemarin sore, harga beras \
             naik 12 persen di Medan.",
        );
        let en = sentences(
            Lang::En,
            "Cooking oil prices fell 3 percent in Bandung. Sugar prices rose 7 percent in \
             Makassar. Egg prices were stable in Surabaya. Chili prices fell 5 percent in Jakarta. \
             Rice prices rose 12 percent in Medan.",
        );
        let mut beads: Vec<Bead> = (0..4).map(|k| bead(&[k], &[k], 0.99)).collect();
        beads.push(bead(&[4], &[4], 0.5));
        let split = al.split_clauses(&id, &en, &beads, &ClauseParams::default());
        let texts = bead_texts(&split);
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert!(texts[4].0[0].starts_with("Kucing hitam") && texts[4].1.is_empty());
        assert_eq!(
            texts[5],
            (
                vec!["harga beras naik 12 persen di Medan."],
                vec!["Rice prices rose 12 percent in Medan."]
            )
        );
        // With a prohibitive cost the clause stays in its bead.
        let keep_all = ClauseParams {
            unpaired_part: 1e9,
            ..ClauseParams::default()
        };
        assert_eq!(al.split_clauses(&id, &en, &beads, &keep_all).beads.len(), 5);
    }

    #[test]
    fn a_sentence_boundary_pairs_with_a_clause_of_the_other_side() {
        let al = Aligner::default();
        let id = sentences(
            Lang::Id,
            "Harga beras naik 12 persen di Medan dan harga gula naik 7 persen di Makassar. \
             Harga minyak goreng turun 3 persen di Bandung.",
        );
        let en = sentences(
            Lang::En,
            "Rice prices rose 12 percent in Medan. Sugar prices rose 7 percent in Makassar, \
             while cooking oil prices fell 3 percent in Bandung.",
        );
        let beads = vec![bead(&[0, 1], &[0, 1], 0.9)];
        let split = al.split_clauses(&id, &en, &beads, &ClauseParams::default());
        let got = bead_texts(&split);
        assert_eq!(
            got,
            vec![
                (
                    vec![id[0].text.as_str()],
                    vec![
                        "Rice prices rose 12 percent in Medan.",
                        "Sugar prices rose 7 percent in Makassar,"
                    ]
                ),
                (
                    vec![id[1].text.as_str()],
                    vec!["while cooking oil prices fell 3 percent in Bandung."]
                ),
            ]
        );
        assert_eq!(split.en_sentence, vec![Some(0), None, None]);
        // Scored by the clause alignment (its posterior, calibrated), not inherited.
        let scores: Vec<f64> = split.beads.iter().map(|b| b.score).collect();
        assert!(scores.iter().all(|&s| s > 0.5 && s <= 1.0), "{scores:?}");
    }

    /// Two sentence pairs whose halves translate each other clause for clause.
    fn clause_for_clause() -> (Vec<Sentence>, Vec<Sentence>) {
        let id = sentences(
            Lang::Id,
            "Presiden tiba di Jakarta pada hari Senin, dan menteri keuangan berbicara di \
             Bandung pada hari Selasa. Harga beras naik 12 persen di Medan, dan harga gula \
             turun 7 persen di Makassar.",
        );
        let en = sentences(
            Lang::En,
            "The president arrived in Jakarta on Monday, and the finance minister spoke in \
             Bandung on Tuesday. Rice prices rose 12 percent in Medan, and sugar prices fell 7 \
             percent in Makassar.",
        );
        (id, en)
    }

    #[test]
    fn sentences_that_translate_whole_are_not_cut_into_clause_pairs() {
        let al = Aligner::default();
        let (id, en) = clause_for_clause();
        let beads = vec![bead(&[0], &[0], 0.6), bead(&[1], &[1], 0.6)];
        let split = al.split_clauses(&id, &en, &beads, &ClauseParams::default());
        assert_eq!(split.partial(), 0);
        assert_eq!(split.beads.len(), 2);
    }

    #[test]
    fn the_finer_search_pairs_clause_with_clause() {
        let al = Aligner::default();
        let (id, en) = clause_for_clause();
        let beads = vec![bead(&[0], &[0], 0.6), bead(&[1], &[1], 0.6)];
        // As in a document whose units end inside sentences.
        let params = ClauseParams {
            fine_share: 0.0,
            fine_min: 0,
            ..ClauseParams::default()
        };
        let split = al.split_clauses(&id, &en, &beads, &params);
        let texts = bead_texts(&split);
        assert_eq!(split.beads.len(), 4, "{texts:?}");
        assert_eq!(
            texts[0],
            (
                vec!["Presiden tiba di Jakarta pada hari Senin,"],
                vec!["The president arrived in Jakarta on Monday,"]
            )
        );
        assert_eq!(
            texts[3],
            (
                vec!["dan harga gula turun 7 persen di Makassar."],
                vec!["and sugar prices fell 7 percent in Makassar."]
            )
        );
        assert_eq!(split.partial(), 4);
        // Scored at least as sure as the sentence beads they come from.
        assert!(split.beads.iter().all(|b| b.score >= 0.6 && b.score <= 1.0));
    }
}
