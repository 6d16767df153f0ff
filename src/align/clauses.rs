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
//! [`ClauseParams::keep`]: a cut inside a sentence bead costs only the cut, moving a junction
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

use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use crate::score::{Evidence, Prepared, cover_with};
use crate::segment::{Lang, Sentence};

use super::model::{DocStats, Params, Parts, SentStat, Tables, length_term, paras_inside};
use super::{
    Aligner, Bead, Detail, calibrate, chance_rates, doc_ratio, pair_stats, several_per_paragraph,
};

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
    pub keep: f64,
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
            keep: 1.5,
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

/// Byte offsets inside `text` where a clause may end: just after `,` `;` `:`, a dash (`—`,
/// `–`), or `?` `!` `.` closing a quote, after any closing quotes, before white space, outside
/// brackets, with a letter or digit still to come.
pub fn clause_ends(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let b: Vec<(usize, char)> = text.char_indices().collect();
    let closing = |c: char| matches!(c, '”' | '’' | '"' | '\'' | '»');
    let mut k = 0;
    while k < b.len() {
        let c = b[k].1;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        let punct = matches!(c, ',' | ';' | ':' | '—' | '–')
            || (matches!(c, '?' | '!' | '.') && b.get(k + 1).is_some_and(|&(_, d)| closing(d)));
        if punct && depth == 0 {
            let mut e = k + 1;
            while e < b.len() && (closing(b[e].1) || matches!(b[e].1, '?' | '!' | '.')) {
                e += 1;
            }
            if e < b.len()
                && b[e].1.is_whitespace()
                && b[e..].iter().any(|&(_, d)| d.is_alphanumeric())
            {
                out.push(b[e].0);
            }
            k = e;
            continue;
        }
        k += 1;
    }
    out
}

/// Byte offsets inside `text` where a sentence may end with no punctuation at all: before a
/// capitalised word that reads as a sentence opener ("… which it shares with Haiti Besides
/// white sand …", a unit whose final full stop is missing). The word must be a function word
/// (after any word but a function word), or a common word, one with an entry in the lexicon,
/// after a word in lower case (so that `Harvard Law School` or `dan Sekolah Hukum` are not cut);
/// after a closing double quote, any capitalised word (a quoted nickname, `Joko “Jokowi”
/// Widodo`, is a candidate too: the cut is only taken where the other side ends a sentence).
/// Outside brackets; never after punctuation (those are [`clause_ends`]).
pub fn open_ends(text: &str, lang: Lang, ev: &Evidence) -> Vec<usize> {
    let mut chunks = Vec::new();
    let mut start = None;
    for (k, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                chunks.push((s, k));
                start = None;
            }
            (false, None) => start = Some(k),
            _ => {}
        }
    }
    if let Some(s) = start {
        chunks.push((s, text.len()));
    }
    let stop = |w: &str| crate::lexicon::is_stop(w, lang);
    let mut out = Vec::new();
    let mut depth = 0i32;
    for pair in chunks.windows(2) {
        let (p, n) = (&text[pair[0].0..pair[0].1], &text[pair[1].0..pair[1].1]);
        for c in p.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        let word = n
            .trim_start_matches(['"', '“', '‘', '\''])
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let mut cs = word.chars();
        let titled = cs.next().is_some_and(char::is_uppercase)
            && (cs.clone().next().is_some() || (lang == Lang::En && word == "A"))
            && cs.all(char::is_lowercase);
        let ends_word = p
            .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
            .ends_with(char::is_alphanumeric);
        if depth > 0 || !titled || !ends_word {
            continue;
        }
        // After a closing double quote any capitalised word may open the next sentence (`…
        // permanent resident "green card" Hsieh implied …`).
        if p.ends_with(['"', '”']) {
            out.push(pair[0].1);
            continue;
        }
        let pw = p
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if pw.is_empty() || stop(&pw) {
            continue;
        }
        let lower = word.to_lowercase();
        let after_lower = p
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if stop(&lower) || (after_lower && ev.is_common_word(&lower, lang)) {
            out.push(pair[0].1);
        }
    }
    out
}

/// A sentence cut at each of its clause ends ([`clause_ends`]): the pieces, trimmed, with
/// their byte spans in the input text.
pub fn clause_pieces(s: &Sentence) -> Vec<Sentence> {
    pieces_at(&s.text, &clause_ends(&s.text))
        .into_iter()
        .map(|(r, _)| s.part(r.start, r.end))
        .collect()
}

/// `text` cut at the byte offsets `cuts` (ascending): the bytes of each non-empty piece,
/// trimmed, with the index in `cuts` of the cut that ends it (`cuts.len()` for the end).
fn pieces_at(text: &str, cuts: &[usize]) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (k, &c) in cuts.iter().chain([&text.len()]).enumerate() {
        let piece = &text[from..c];
        let lead = piece.len() - piece.trim_start().len();
        let len = piece.trim().len();
        if len > 0 {
            out.push((from + lead..from + lead + len, k));
        }
        from = c;
    }
    out
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

/// One side of a document cut into clause pieces.
struct Side {
    /// Per piece: its bytes in the text of the sentence it comes from.
    pieces: Vec<Range<usize>>,
    /// Per piece: it ends with a comma.
    comma: Vec<bool>,
    /// Per piece: the sentence it comes from.
    from: Vec<usize>,
    /// Per boundary (0..=pieces; boundary b lies before piece b): a sentence boundary.
    strong: Vec<bool>,
    /// Per boundary: a sentence end without punctuation ([`open_ends`]).
    open: Vec<bool>,
    prep: Vec<Prepared>,
    stat: Vec<SentStat>,
    /// Per boundary: the lowest and highest bead of the sentence alignment it touches.
    bead: Vec<(usize, usize)>,
    /// Characters before each boundary.
    chars: Vec<f64>,
    /// Per piece: `dup[x][d - 1]`, its items whose token occurs in one of the `d` pieces
    /// before it (up to [`DUP_REACH`]).
    dups: Vec<Vec<u128>>,
}

/// How many pieces back a repeated token is looked for.
const DUP_REACH: usize = 24;

impl Side {
    /// `sent_prep`: the sentences prepared; `sent_bead`: the bead of each sentence; `beads`:
    /// how many there are; `next_para`: the paragraph of the sentence after the last;
    /// `use_para`: whether paragraph ends count (as for the sentence aligner); `params`:
    /// whether sentences are cut where they end without punctuation too (`open`,
    /// [`open_ends`]), and above how many pieces a sentence is kept whole (`sentence_pieces`).
    fn new(
        al: &Aligner,
        (sents, sent_prep): (&[Sentence], &[Prepared]),
        lang: Lang,
        (sent_bead, beads): (&[usize], usize),
        next_para: Option<usize>,
        use_para: bool,
        params: &ClauseParams,
    ) -> Side {
        let mut pieces = Vec::new();
        let mut comma = Vec::new();
        let mut from = Vec::new();
        let mut strong = vec![true];
        let mut open = vec![false];
        for (k, s) in sents.iter().enumerate() {
            // Clause ends, and sentence ends without punctuation (`true`).
            let mut cuts: Vec<(usize, bool)> = clause_ends(&s.text)
                .into_iter()
                .map(|c| (c, false))
                .collect();
            if params.open {
                cuts.extend(
                    open_ends(&s.text, lang, al.evidence())
                        .into_iter()
                        .map(|c| (c, true)),
                );
                cuts.sort_unstable();
                cuts.dedup_by_key(|c| c.0);
            }
            let at: Vec<usize> = cuts.iter().map(|c| c.0).collect();
            let mut ps = pieces_at(&s.text, &at);
            if ps.is_empty() || ps.len() > params.sentence_pieces {
                // A list of hundreds of items is not cut: the search would grow with its square.
                ps = vec![(0..s.text.len(), cuts.len())];
            }
            for (p, k_end) in ps {
                comma.push(s.text[..p.end].ends_with(','));
                pieces.push(p);
                from.push(k);
                strong.push(false);
                open.push(cuts.get(k_end).is_some_and(|c| c.1));
            }
            if let Some(last) = strong.last_mut() {
                *last = true;
            }
        }
        let n = pieces.len();
        // A sentence of one piece is prepared already.
        let prep: Vec<Prepared> = pieces
            .iter()
            .enumerate()
            .map(|(x, p)| {
                let text = &sents[from[x]].text;
                if strong[x] && strong[x + 1] && p.len() == text.len() {
                    sent_prep[from[x]].clone()
                } else {
                    // A piece after a sentence end without punctuation opens a sentence.
                    al.evidence()
                        .prepare_part(&text[p.clone()], lang, !strong[x] && !open[x])
                }
            })
            .collect();
        let mut stat: Vec<SentStat> = (0..n)
            .map(|x| {
                let k = from[x];
                let next = sents.get(k + 1).map(|s| s.para).or(next_para);
                let para_end = use_para && strong[x + 1] && next != Some(sents[k].para);
                SentStat::new(&prep[x], para_end)
            })
            .collect();
        SentStat::rank_paras(&mut stat);
        // The first and last boundaries reach the first and last bead, so that unpaired
        // sentences of the other side at either end stay within reach.
        let bead = (0..=n)
            .map(|b| {
                let before = if b > 0 { sent_bead[from[b - 1]] } else { 0 };
                let after = if b < n {
                    sent_bead[from[b]]
                } else {
                    beads.saturating_sub(1)
                };
                (before.min(after), before.max(after))
            })
            .collect();
        let mut chars = vec![0.0];
        for st in &stat {
            chars.push(chars[chars.len() - 1] + st.chars);
        }
        // The last piece each token was seen in, and per piece the distance back to it.
        let mut seen: HashMap<&str, usize> = HashMap::default();
        let dups = prep
            .iter()
            .enumerate()
            .map(|(x, p)| {
                let mut by_dist = vec![0u128; DUP_REACH.min(x)];
                for (k, item) in p.items.iter().enumerate() {
                    if let Some(&last) = seen.get(item.token.as_ref())
                        && x - last <= by_dist.len()
                    {
                        by_dist[x - last - 1] |= 1u128 << k;
                    }
                }
                for item in &p.items {
                    seen.insert(item.token.as_ref(), x);
                }
                for d in 1..by_dist.len() {
                    by_dist[d] |= by_dist[d - 1];
                }
                by_dist
            })
            .collect();
        Side {
            pieces,
            comma,
            from,
            strong,
            open,
            prep,
            stat,
            bead,
            chars,
            dups,
        }
    }

    /// The items of piece `x` whose token occurs in the `back` pieces before it.
    fn dup(&self, x: usize, back: usize) -> u128 {
        match back.min(self.dups[x].len()) {
            0 => 0,
            d => self.dups[x][d - 1],
        }
    }

    fn len(&self) -> usize {
        self.pieces.len()
    }

    /// Paragraph ends inside pieces `a..b` (before the last), as the sentence model counts them.
    fn inside_paras(&self, a: usize, b: usize) -> u32 {
        paras_inside(&self.stat[a..b])
    }

    /// Sentences touched by pieces `a..b`.
    fn touched(&self, a: usize, b: usize) -> usize {
        if b <= a {
            0
        } else {
            self.from[b - 1] - self.from[a] + 1
        }
    }

    /// Where a bead side starting at boundary `a` may end (into `out`): at every sentence
    /// boundary within three sentences, and inside a sentence within two sentences and `max`
    /// pieces (a partial bead over three sentences changed no dev figure).
    fn ends_into(&self, a: usize, max: usize, out: &mut Vec<usize>) {
        out.clear();
        out.extend(
            (a + 1..=self.len())
                .take_while(|&b| self.touched(a, b) <= 3)
                .filter(|&b| self.strong[b] || (b - a <= max && self.touched(a, b) <= 2)),
        );
    }

    /// Where a part of a sentence starting at boundary `a` may end when it is left unpaired:
    /// at each clause end of the sentence from its start, or at the sentence's end from a clause
    /// end (a whole sentence is left unpaired elsewhere).
    fn parts_from(&self, a: usize) -> std::ops::Range<usize> {
        let end = self.next_strong(a);
        match self.strong[a] {
            true => a + 1..end,
            false => end..end + 1,
        }
    }

    /// The cost of a bead boundary at each piece boundary: nothing at a sentence boundary,
    /// `cut` after a comma, `cut_strong` after another clause end.
    fn cuts(&self, params: &ClauseParams) -> Vec<f64> {
        (0..=self.len())
            .map(|b| match self.strong[b] {
                true => 0.0,
                false if self.open[b] => params.cut_open,
                false if self.comma[b - 1] => params.cut,
                false => params.cut_strong,
            })
            .collect()
    }

    /// The next sentence boundary after `a`.
    fn next_strong(&self, a: usize) -> usize {
        (a + 1..=self.len())
            .find(|&b| self.strong[b])
            .unwrap_or(self.len())
    }

    /// The pieces `range` joined into segments, one per sentence they come from, each with
    /// its sentence's index when it is all of it.
    fn join(
        &self,
        range: std::ops::Range<usize>,
        sents: &[Sentence],
    ) -> Vec<(Sentence, Option<usize>)> {
        let mut out = Vec::new();
        let mut x = range.start;
        while x < range.end {
            let k = self.from[x];
            let mut y = x;
            while y + 1 < range.end && self.from[y + 1] == k {
                y += 1;
            }
            let s = &sents[k];
            if self.strong[x] && self.strong[y + 1] {
                out.push((s.clone(), Some(k)));
            } else {
                out.push((s.part(self.pieces[x].start, self.pieces[y].end), None));
            }
            x = y + 1;
        }
        out
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
    let paired = beads
        .iter()
        .filter(|b| !b.id.is_empty() && !b.en.is_empty());
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
            (&sid[i], &sen[j], cover_with(&id[i], &en[j]))
        });
    pair_stats(&mut st, pairs, params);
    st
}

/// The runs of beads to align again (`true`) and to keep (`false`), as `(start, end, open)`:
/// a bead is kept when it is 1-1 with a score of at least `sure`, its lengths agree (`odd[k]`
/// false) and no other bead lies within `window` of it.
fn windows(
    beads: &[Bead],
    params: &ClauseParams,
    odd: &[bool],
    pieces: &[usize],
) -> Vec<(usize, usize, bool)> {
    let n = beads.len();
    let settled = |b: &Bead| b.id.len() == 1 && b.en.len() == 1 && b.score >= params.sure;
    let mut open = vec![false; n];
    for (k, b) in beads.iter().enumerate() {
        if !settled(b) || odd[k] {
            for o in open
                .iter_mut()
                .take((k + params.window + 1).min(n))
                .skip(k.saturating_sub(params.window))
            {
                *o = true;
            }
        }
    }
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    for (k, &o) in open.iter().enumerate() {
        match runs.last_mut() {
            Some(last) if last.2 == o => last.1 = k + 1,
            _ => runs.push((k, k + 1, o)),
        }
    }
    // A run to align again holds at most `max_window` beads and `max_window_pieces` clause
    // pieces (`pieces[k]`: bead k's, on its larger side), as the search keeps every bead it
    // considers for the posteriors: a longer one is cut after the surest 1-1 bead in the
    // second half of the longest stretch that fits.
    let limit = params.max_window.max(2);
    let sure = |k: usize| {
        let b = &beads[k];
        if b.id.len() == 1 && b.en.len() == 1 {
            b.score
        } else {
            -1.0
        }
    };
    let mut out = Vec::with_capacity(runs.len());
    for (mut k0, k1, o) in runs {
        while o && k0 < k1 {
            let (mut end, mut held) = (k0, 0);
            while end < k1
                && end - k0 < limit
                && (end == k0 || held + pieces[end] <= params.max_window_pieces)
            {
                held += pieces[end];
                end += 1;
            }
            if end == k1 {
                break;
            }
            let cut = (k0 + (end - k0) / 2..end)
                .max_by(|&a, &b| sure(a).total_cmp(&sure(b)))
                .map_or(end, |k| k + 1);
            out.push((k0, cut, true));
            k0 = cut;
        }
        out.push((k0, k1, o));
    }
    out
}

/// The band of the search: per Indonesian boundary, the English boundaries `lo..=hi` within
/// `reach` beads of the sentence alignment.
fn band(si: &Side, se: &Side, reach: usize) -> Vec<(usize, usize)> {
    let ne = se.len();
    (0..=si.len())
        .map(|i| {
            let (x0, x1) = si.bead[i];
            // Bead ranges grow along each side, so the boundaries within reach are a run.
            let lo = se.bead.partition_point(|&(_, y1)| y1 + reach < x0).min(ne);
            let hi = se.bead.partition_point(|&(y0, _)| y0 <= x1 + reach);
            (lo, hi.saturating_sub(1).max(lo))
        })
        .collect()
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
        let sid: Vec<SentStat> = pid.iter().map(|p| SentStat::new(p, false)).collect();
        let sen: Vec<SentStat> = pen.iter().map(|p| SentStat::new(p, false)).collect();
        let cover = |i: usize, j: usize| cover_with(&pid[i], &pen[j]);
        let r = chance_rates(&sid, &sen, &cover, &self.config().params);
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

    /// The best path over piece boundaries, from (0, 0) to the end; `None` where the search
    /// finds none.
    fn piece_path(
        &self,
        t: &Tables,
        (si, se): (&Side, &Side),
        params: &ClauseParams,
    ) -> Option<Vec<PieceBead>> {
        let mp = &self.config().params;
        let (ni, ne) = (si.len(), se.len());
        let band = band(si, se, params.reach);
        let in_band = |i: usize, j: usize| band[i].0 <= j && j <= band[i].1;
        if !in_band(0, 0) || !in_band(ni, ne) {
            return None;
        }
        let mut masks: HashMap<(usize, usize), (u128, u128)> = HashMap::default();
        let mut mask = |x: usize, y: usize| -> (u128, u128) {
            *masks
                .entry((x, y))
                .or_insert_with(|| cover_with(&si.prep[x], &se.prep[y]))
        };
        let terms_i = piece_terms(&si.stat, t, 0);
        let terms_e = piece_terms(&se.stat, t, 1);
        let junctions = junctions(si, se);
        // junctions[jx[b]..]: those at Indonesian boundary b or later.
        let mut jx = vec![junctions.len(); ni + 2];
        for (k, &(bi, _)) in junctions.iter().enumerate().rev() {
            jx[bi] = k;
        }
        for b in (0..=ni).rev() {
            jx[b] = jx[b].min(jx[b + 1]);
        }
        let (cut_i, cut_e) = (si.cuts(params), se.cuts(params));
        let mut buf = Scratch::default();
        let neg = f64::NEG_INFINITY;
        // Per pair of boundaries (i, j) in the band (numbered by `cells`): the best score of a
        // path to it, where that path comes from, and the parts of its last bead's score.
        let cells = Cells::new(&band);
        let mut best = vec![neg; cells.len()];
        let mut back = vec![(0, 0); cells.len()];
        let mut back_parts = vec![Parts::default(); cells.len()];
        // Every bead considered, in the order its start is reached (for the posteriors).
        let mut edges: Vec<Edge> = Vec::new();
        // The parts of each of their scores, for decoding by expected accuracy only.
        let mea = !params.mea.is_nan();
        let mut edge_parts: Vec<Parts> = Vec::new();
        let unpaired = |prior: f64| Parts {
            prior,
            ..Parts::default()
        };
        best[0] = 0.0;
        for i in 0..=ni {
            let (lo, hi) = band[i];
            for j in lo..=hi {
                let from = cells.of((i, j));
                let cur = best[from];
                if cur == neg {
                    continue;
                }
                let mut relax = |i2: usize, j2: usize, s: f64, parts: Parts| {
                    if !in_band(i2, j2) {
                        return;
                    }
                    let to = cells.of((i2, j2));
                    edges.push(Edge {
                        from: from as u32,
                        to: to as u32,
                        score: s - cur,
                    });
                    if mea {
                        edge_parts.push(parts);
                    }
                    if s > best[to] {
                        best[to] = s;
                        back[to] = (i, j);
                        back_parts[to] = parts;
                    }
                };
                // A sentence left unpaired (whole, wherever the other side is).
                if si.strong[i] && i < ni {
                    let p = t.prior[1][0];
                    relax(si.next_strong(i), j, cur + p, unpaired(p));
                }
                if se.strong[j] && j < ne {
                    let p = t.prior[0][1];
                    relax(i, se.next_strong(j), cur + p, unpaired(p));
                }
                // A part of a sentence left unpaired: from its start to a clause end, or from a
                // clause end to its end (a verse whose translation is missing, run into the next
                // sentence of its side), while the other side stays at a sentence boundary.
                if se.strong[j] && i < ni {
                    for i2 in si.parts_from(i) {
                        let cost = params.unpaired_part + cut_i[i2];
                        let p = t.prior[1][0];
                        relax(i2, j, cur + p - cost, unpaired(p));
                    }
                }
                if si.strong[i] && j < ne {
                    for j2 in se.parts_from(j) {
                        let cost = params.unpaired_part + cut_e[j2];
                        let p = t.prior[0][1];
                        relax(i, j2, cur + p - cost, unpaired(p));
                    }
                }
                if i == ni || j == ne {
                    continue;
                }
                si.ends_into(i, params.max_pieces, &mut buf.ei);
                se.ends_into(j, params.max_pieces, &mut buf.ee);
                let (ei, ee) = (&buf.ei, &buf.ee);
                let (imax, jmax) = (ei[ei.len() - 1], ee[ee.len() - 1]);
                let (wi, we) = (imax - i, jmax - j);
                // cov_i[(x - i) * we + y - j]: the items of Indonesian piece x found in English
                // pieces j..=y; cov_e the same the other way.
                buf.cov_i.clear();
                buf.cov_i.resize(wi * we, 0);
                buf.cov_e.clear();
                buf.cov_e.resize(wi * we, 0);
                for x in 0..wi {
                    for y in 0..we {
                        let (mi, me) = mask(i + x, j + y);
                        let left = if y > 0 { buf.cov_i[x * we + y - 1] } else { 0 };
                        let up = if x > 0 { buf.cov_e[y * wi + x - 1] } else { 0 };
                        buf.cov_i[x * we + y] = mi | left;
                        buf.cov_e[y * wi + x] = me | up;
                    }
                }
                // lex_i[q * (wi + 1) + p]: the lexical terms of Indonesian pieces i..i + p
                // against English pieces j..ee[q]; lex_e[p * (we + 1) + q] those of English
                // pieces j..j + q against Indonesian pieces i..ei[p] (close, free translation).
                running_sums(&mut buf.lex_i, ee, wi, |x, j2| {
                    let o = se.touched(j, j2) - 1;
                    let cov = buf.cov_i[x * we + j2 - 1 - j];
                    terms_i[i + x][o].of(cov, si.dup(i + x, x))
                });
                running_sums(&mut buf.lex_e, ei, we, |y, i2| {
                    let o = si.touched(i, i2) - 1;
                    let cov = buf.cov_e[y * wi + i2 - 1 - i];
                    terms_e[j + y][o].of(cov, se.dup(j + y, y))
                });
                for (p, &i2) in ei.iter().enumerate() {
                    let a = si.touched(i, i2);
                    // Junctions of the sentence alignment within these Indonesian pieces.
                    let near = &junctions[jx[i]..jx[i2 + 1]];
                    for (q, &j2) in ee.iter().enumerate() {
                        let end = i2 == ni && j2 == ne;
                        let both = !end && !si.strong[i2] && !se.strong[j2];
                        if both && params.cut_both == f64::INFINITY {
                            continue;
                        }
                        let b = se.touched(j, j2);
                        let prior = t.prior[a][b];
                        if prior == neg || !in_band(i2, j2) {
                            continue;
                        }
                        let x = buf.lex_i[q * (wi + 1) + i2 - i];
                        let y = buf.lex_e[p * (we + 1) + j2 - j];
                        let para_end = si.stat[i2 - 1].para_end && se.stat[j2 - 1].para_end;
                        let parts = Parts {
                            prior,
                            lex: x[0] + y[0],
                            lex_free: x[1] + y[1],
                            len: length_term(
                                si.chars[i2] - si.chars[i],
                                se.chars[j2] - se.chars[j],
                                t.ratio,
                                t.s2,
                            ),
                            para: f64::from(u8::from(para_end)),
                            cross: f64::from(si.inside_paras(i, i2) + se.inside_paras(j, j2)),
                            ..Parts::default()
                        };
                        // Junctions this bead runs over (not at its corners).
                        let crossed = near
                            .iter()
                            .filter(|&&(bi, bj)| {
                                j <= bj && bj <= j2 && (bi, bj) != (i, j) && (bi, bj) != (i2, j2)
                            })
                            .count();
                        let s = cur + parts.total(mp)
                            - params.keep * crossed as f64
                            - cut_i[i2]
                            - cut_e[j2]
                            - if both { params.cut_both } else { 0.0 };
                        relax(i2, j2, s, parts);
                    }
                }
            }
        }
        if best[cells.of((ni, ne))] == neg {
            return None;
        }
        let end = cells.of((ni, ne));
        let sums = forward_backward(&edges, cells.len(), end);
        let mut path = Vec::new();
        if mea {
            for k in expected_accuracy_path(&edges, &sums, end, params.mea) {
                let e = &edges[k];
                path.push(PieceBead {
                    from: cells.at(e.from as usize),
                    to: cells.at(e.to as usize),
                    parts: edge_parts[k],
                    posterior: 0.0,
                });
            }
        } else {
            let (mut p, mut q) = (ni, ne);
            while (p, q) != (0, 0) {
                let c = cells.of((p, q));
                path.push(PieceBead {
                    from: back[c],
                    to: (p, q),
                    parts: back_parts[c],
                    posterior: 0.0,
                });
                (p, q) = back[c];
            }
            path.reverse();
        }
        posteriors(&mut path, &edges, &cells, &sums);
        Some(path)
    }
}

/// A document's sentences and sentence alignment, as the clause searches read them.
struct ClauseDoc<'a> {
    al: &'a Aligner,
    id: &'a [Sentence],
    pid: &'a [Prepared],
    en: &'a [Sentence],
    pen: &'a [Prepared],
    beads: &'a [Bead],
    stats: &'a DocStats,
    /// Paragraph ends count as they do for the sentence aligner: only where some paragraph of
    /// each side holds several sentences.
    use_para: bool,
    /// The bead of each sentence, per side.
    bead_i: Vec<usize>,
    bead_e: Vec<usize>,
}

impl<'a> ClauseDoc<'a> {
    fn new(
        al: &'a Aligner,
        (id, pid): (&'a [Sentence], &'a [Prepared]),
        (en, pen): (&'a [Sentence], &'a [Prepared]),
        beads: &'a [Bead],
        stats: &'a DocStats,
    ) -> Self {
        let paras = |s: &[Sentence]| s.iter().map(|x| x.para).collect::<Vec<_>>();
        let use_para = several_per_paragraph(&paras(id)) && several_per_paragraph(&paras(en));
        let mut bead_i = vec![0; id.len()];
        let mut bead_e = vec![0; en.len()];
        for (k, b) in beads.iter().enumerate() {
            for &i in &b.id {
                bead_i[i] = k;
            }
            for &j in &b.en {
                bead_e[j] = k;
            }
        }
        ClauseDoc {
            al,
            id,
            pid,
            en,
            pen,
            beads,
            stats,
            use_para,
            bead_i,
            bead_e,
        }
    }

    /// 1-1 beads whose lengths disagree: one side may hold a clause the other lacks.
    fn odd(&self, params: &ClauseParams) -> Vec<bool> {
        self.beads
            .iter()
            .map(|b| match (&b.id[..], &b.en[..]) {
                (&[i], &[j]) => {
                    let (li, le) = (self.pid[i].chars as f64, self.pen[j].chars as f64);
                    let d = (le - self.stats.ratio * li) / (self.stats.s2 * li.max(1.0)).sqrt();
                    d.abs() > params.odd_length
                }
                _ => false,
            })
            .collect()
    }

    /// The clause pieces of each bead, on its larger side (ends without punctuation not
    /// counted).
    fn pieces(&self, params: &ClauseParams) -> Vec<usize> {
        let count = |s: &Sentence| match clause_ends(&s.text).len() + 1 {
            n if n > params.sentence_pieces => 1,
            n => n,
        };
        self.beads
            .iter()
            .map(|b| {
                let side = |idx: &[usize], sents: &[Sentence]| -> usize {
                    idx.iter().map(|&k| count(&sents[k])).sum()
                };
                side(&b.id, self.id).max(side(&b.en, self.en))
            })
            .collect()
    }

    /// Align the pieces again in the windows `params` open, keep the other beads as they are.
    fn search<'t>(&self, params: &ClauseParams, tables: &dyn Fn() -> &'t Tables) -> Split {
        let (id, pid, en, pen, beads) = (self.id, self.pid, self.en, self.pen, self.beads);
        let (bead_i, bead_e, use_para) = (&self.bead_i, &self.bead_e, self.use_para);
        let mut out = Split::default();
        let windows = windows(beads, params, &self.odd(params), &self.pieces(params));
        for (k0, k1, open) in windows {
            let run = &beads[k0..k1];
            let span = |side: fn(&Bead) -> &[usize]| {
                let first = run.iter().find_map(|b| side(b).first().copied())?;
                let last = run.iter().rev().find_map(|b| side(b).last().copied())?;
                Some(first..last + 1)
            };
            let (ri, re) = (span(|b| &b.id), span(|b| &b.en));
            let aligned = match (open, ri, re) {
                (true, Some(ri), Some(re)) => {
                    let t = tables();
                    let side = |(sents, prep): (&[Sentence], &[Prepared]),
                                r: Range<usize>,
                                bead_of: &[usize],
                                lang| {
                        let local: Vec<usize> = bead_of[r.clone()].iter().map(|k| k - k0).collect();
                        let next = sents.get(r.end).map(|s| s.para);
                        Side::new(
                            self.al,
                            (&sents[r.clone()], &prep[r]),
                            lang,
                            (&local, run.len()),
                            next,
                            use_para,
                            params,
                        )
                    };
                    let si = side((id, pid), ri.clone(), bead_i, Lang::Id);
                    let se = side((en, pen), re.clone(), bead_e, Lang::En);
                    self.al
                        .piece_path(t, (&si, &se), params)
                        .map(|path| (path, si, se, ri.start, re.start, t))
                }
                _ => None,
            };
            let Some((path, si, se, i0, j0, t)) = aligned else {
                // Kept as they are.
                let whole = |idx: &[usize], sents: &[Sentence]| -> Vec<(Sentence, Option<usize>)> {
                    idx.iter().map(|&k| (sents[k].clone(), Some(k))).collect()
                };
                for b in run {
                    out.push(whole(&b.id, id), whole(&b.en, en), b.score);
                }
                continue;
            };
            let shift = |segs: Vec<(Sentence, Option<usize>)>, by: usize| {
                segs.into_iter().map(move |(s, k)| (s, k.map(|k| k + by)))
            };
            for pb in &path {
                let ((p0, q0), (p1, q1)) = (pb.from, pb.to);
                let ids: Vec<_> = shift(si.join(p0..p1, &id[i0..]), i0).collect();
                let ens: Vec<_> = shift(se.join(q0..q1, &en[j0..]), j0).collect();
                let score = match same_bead(&ids, &ens, beads, (bead_i, bead_e)) {
                    // A bead of the sentence alignment: its score, from the whole document.
                    Some(k) => beads[k].score,
                    None => pb.probability((ids.len(), ens.len()), t, &self.al.config().params),
                };
                out.push(ids, ens, score);
            }
        }
        out
    }
}

/// The bead of the sentence alignment that segments `ids` and `ens` are, if they are one (whole
/// sentences, with their indices).
fn same_bead(
    ids: &[(Sentence, Option<usize>)],
    ens: &[(Sentence, Option<usize>)],
    beads: &[Bead],
    (bead_i, bead_e): (&[usize], &[usize]),
) -> Option<usize> {
    let whole = |segs: &[(Sentence, Option<usize>)]| -> Option<Vec<usize>> {
        segs.iter().map(|(_, k)| *k).collect()
    };
    let (x, y) = (whole(ids)?, whole(ens)?);
    let k = match (x.first(), y.first()) {
        (Some(&i), _) => bead_i[i],
        (None, Some(&j)) => bead_e[j],
        (None, None) => return None,
    };
    (beads[k].id == x && beads[k].en == y).then_some(k)
}

/// A bead the clause alignment considered: from one pair of piece boundaries (Indonesian,
/// English) to another, as cells of a [`Cells`] numbering, with its score (costs of cuts and
/// junctions included). Small: a window may hold millions.
struct Edge {
    from: u32,
    to: u32,
    score: f64,
}

/// Numbers the pairs of piece boundaries inside a band row by row: row `i` holds the columns
/// `band[i].0..=band[i].1`.
struct Cells {
    start: Vec<usize>,
    lo: Vec<usize>,
}

impl Cells {
    fn new(band: &[(usize, usize)]) -> Cells {
        let mut start = Vec::with_capacity(band.len() + 1);
        let mut n = 0;
        for &(lo, hi) in band {
            start.push(n);
            n += hi + 1 - lo;
        }
        start.push(n);
        Cells {
            start,
            lo: band.iter().map(|b| b.0).collect(),
        }
    }

    fn len(&self) -> usize {
        self.start[self.start.len() - 1]
    }

    fn of(&self, (i, j): (usize, usize)) -> usize {
        self.start[i] + j - self.lo[i]
    }

    /// The pair of boundaries numbered `c` (the inverse of [`Cells::of`]).
    fn at(&self, c: usize) -> (usize, usize) {
        let i = self.start.partition_point(|&s| s <= c) - 1;
        (i, self.lo[i] + c - self.start[i])
    }
}

/// A bead of the clause alignment's best path: the parts of its score (without the costs of
/// cuts and junctions) and its posterior probability among the window's paths.
struct PieceBead {
    from: (usize, usize),
    to: (usize, usize),
    parts: Parts,
    posterior: f64,
}

impl PieceBead {
    /// The calibrated probability that this bead, of `a` Indonesian and `b` English segments,
    /// is right (the sentence beads' calibration, [`calibrate`]).
    fn probability(&self, (a, b): (usize, usize), t: &Tables, params: &Params) -> f64 {
        let total = self.parts.total(params);
        calibrate::probability(&Detail {
            bead: Bead {
                id: (0..a).collect(),
                en: (0..b).collect(),
                score: 0.0,
            },
            parts: self.parts,
            total,
            margin: total - t.unaligned(a, b),
            posterior: self.posterior,
        })
    }
}

/// ln(e^a + e^b).
fn log_add(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY || lo - hi < -40.0 {
        // e^-40 is below an f64's precision next to 1 (and -inf - -inf is NaN).
        hi
    } else {
        hi + (lo - hi).exp().ln_1p()
    }
}

/// The forward and backward log sums over all paths through `edges` from the first cell to
/// `end` (`edges` in the order their starts were reached, so every bead into a boundary pair
/// comes before the beads out of it).
type Sums = (Vec<f64>, Vec<f64>);

fn forward_backward(edges: &[Edge], cells: usize, end: usize) -> Sums {
    let mut fwd = vec![f64::NEG_INFINITY; cells];
    let mut bwd = fwd.clone();
    fwd[0] = 0.0;
    for e in edges {
        let x = fwd[e.from as usize] + e.score;
        fwd[e.to as usize] = log_add(fwd[e.to as usize], x);
    }
    bwd[end] = 0.0;
    for e in edges.iter().rev() {
        let x = e.score + bwd[e.to as usize];
        bwd[e.from as usize] = log_add(bwd[e.from as usize], x);
    }
    (fwd, bwd)
}

/// The edges (indices into `edges`) of the path from the first cell to `end` whose boundary
/// pairs' posteriors, less `cost` each, sum highest: decoding by maximum expected accuracy
/// (ties go to the better-scoring path).
fn expected_accuracy_path(edges: &[Edge], (fwd, bwd): &Sums, end: usize, cost: f64) -> Vec<usize> {
    let z = fwd[end];
    let neg = f64::NEG_INFINITY;
    let gain_at: Vec<f64> = fwd
        .iter()
        .zip(bwd)
        .map(|(f, b)| (f + b - z).exp() - cost)
        .collect();
    let mut gain = vec![neg; fwd.len()];
    let mut via = vec![usize::MAX; fwd.len()];
    gain[0] = 0.0;
    for (k, e) in edges.iter().enumerate() {
        let (from, to) = (e.from as usize, e.to as usize);
        if gain[from] == neg || bwd[to] == neg {
            continue;
        }
        let g = gain[from] + gain_at[to] + 1e-9 * e.score;
        if g > gain[to] {
            gain[to] = g;
            via[to] = k;
        }
    }
    let mut path = Vec::new();
    let mut c = end;
    while c != 0 {
        path.push(via[c]);
        c = edges[via[c]].from as usize;
    }
    path.reverse();
    path
}

/// The posterior of each bead of `path` over all paths through `edges` (with their
/// [`forward_backward`] sums).
fn posteriors(path: &mut [PieceBead], edges: &[Edge], cells: &Cells, (fwd, bwd): &Sums) {
    let Some(end) = path.last().map(|b| cells.of(b.to)) else {
        return;
    };
    let z = fwd[end];
    // The step of the path that starts at each boundary pair (`usize::MAX`: none).
    let mut step = vec![usize::MAX; cells.len()];
    for (k, b) in path.iter().enumerate() {
        step[cells.of(b.from)] = k;
    }
    let mut sum = vec![f64::NEG_INFINITY; path.len()];
    for e in edges {
        let k = step[e.from as usize];
        if k != usize::MAX && cells.of(path[k].to) == e.to as usize {
            let x = fwd[e.from as usize] + e.score + bwd[e.to as usize] - z;
            sum[k] = log_add(sum[k], x);
        }
    }
    for (b, s) in path.iter_mut().zip(sum) {
        b.posterior = if s.is_finite() { s.exp().min(1.0) } else { 0.0 };
    }
}

/// The junctions between the beads of the sentence alignment, as piece boundaries
/// (Indonesian, English), in order: junction k lies before the first piece of bead k + 1 on each
/// side (for a bead with an empty side, where the next bead starts).
fn junctions(si: &Side, se: &Side) -> Vec<(usize, usize)> {
    let nb = si.bead[si.len()].1.max(se.bead[se.len()].1) + 1;
    // Per bead k ≥ 1: the first boundary whose following piece lies in bead k or later.
    let starts = |side: &Side| {
        let mut out = vec![side.len(); nb];
        for b in (0..side.len()).rev() {
            out[side.bead[b].1] = b;
        }
        for k in (0..nb - 1).rev() {
            out[k] = out[k].min(out[k + 1]);
        }
        out
    };
    let (a, b) = (starts(si), starts(se));
    (1..nb).map(|k| (a[k], b[k])).collect()
}

/// Buffers of the search, reused from one starting cell to the next.
#[derive(Default)]
struct Scratch {
    ei: Vec<usize>,
    ee: Vec<usize>,
    cov_i: Vec<u128>,
    cov_e: Vec<u128>,
    lex_i: Vec<[f64; 2]>,
    lex_e: Vec<[f64; 2]>,
}

/// The lexical terms of one piece against a bead with 1, 2 or 3 sentences on the other side:
/// close and free translation, per item of each kind left unmatched (`no`) and what a match
/// adds to that (`add`).
#[derive(Clone, Copy, Default)]
struct Terms {
    no: [[f64; 2]; 3],
    add: [[f64; 2]; 3],
    mask: [u128; 3],
}

impl Terms {
    /// The terms of the piece when the items `cov` found a counterpart; the items `dup` are
    /// left out (their token is counted in an earlier piece of the bead).
    #[inline]
    fn of(&self, cov: u128, dup: u128) -> [f64; 2] {
        let mut lex = [0.0; 2];
        for k in 0..3 {
            let m = self.mask[k] & !dup;
            let n = f64::from(m.count_ones());
            let c = f64::from((cov & m).count_ones());
            lex[0] += n * self.no[k][0] + c * self.add[k][0];
            lex[1] += n * self.no[k][1] + c * self.add[k][1];
        }
        lex
    }
}

/// For each of `ends`, the running sums of `term(x, end)` over `x` in `0..w`, from 0: `w + 1`
/// values per end, appended to `out` (cleared first).
fn running_sums(
    out: &mut Vec<[f64; 2]>,
    ends: &[usize],
    w: usize,
    term: impl Fn(usize, usize) -> [f64; 2],
) {
    out.clear();
    for &end in ends {
        let mut acc = [0.0; 2];
        out.push(acc);
        for x in 0..w {
            let t = term(x, end);
            acc = [acc[0] + t[0], acc[1] + t[1]];
            out.push(acc);
        }
    }
}

/// [`Terms`] of every piece of one side (`side` 0 Indonesian, 1 English).
fn piece_terms(stat: &[SentStat], t: &Tables, side: usize) -> Vec<[Terms; 3]> {
    stat.iter()
        .map(|s| {
            std::array::from_fn(|o| {
                let mut out = Terms {
                    mask: s.mask,
                    ..Terms::default()
                };
                for k in 0..3 {
                    let (yes, no) = t.llr[side][o][k];
                    let (yes_f, no_f) = t.llr_free[side][o][k];
                    out.no[k] = [no, no_f];
                    out.add[k] = [yes - no, yes_f - no_f];
                }
                out
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posteriors_share_the_mass_of_equal_paths() {
        let band = [(0, 2), (0, 2), (0, 2)];
        let cells = Cells::new(&band);
        let edge = |from, to, score| Edge {
            from: cells.of(from) as u32,
            to: cells.of(to) as u32,
            score,
        };
        // Two beads of score 0 through (1, 1), or one of score 0 straight to (2, 2); a third
        // path through (1, 1) at -ln 2 makes the first bead less likely than the second.
        let edges = [
            edge((0, 0), (1, 1), 0.0),
            edge((0, 0), (1, 1), -(2f64.ln())),
            edge((0, 0), (2, 2), 0.0),
            edge((1, 1), (2, 2), 0.0),
        ];
        let bead = |from, to| PieceBead {
            from,
            to,
            parts: Parts::default(),
            posterior: 0.0,
        };
        let mut path = vec![bead((0, 0), (1, 1)), bead((1, 1), (2, 2))];
        let sums = forward_backward(&edges, cells.len(), cells.of((2, 2)));
        posteriors(&mut path, &edges, &cells, &sums);
        // Paths: 1 + 0.5 through (1, 1), 1 straight: the two steps hold 1.5 / 2.5 of the mass,
        // the first counting both of its beads.
        assert!(
            (path[0].posterior - 0.6).abs() < 1e-9,
            "{}",
            path[0].posterior
        );
        assert!(
            (path[1].posterior - 0.6).abs() < 1e-9,
            "{}",
            path[1].posterior
        );
    }

    #[test]
    fn open_ends_found_before_sentence_openers() {
        let ev = Evidence::bundled();
        let cut = |t: &str, lang| -> Vec<String> {
            open_ends(t, lang, &ev)
                .iter()
                .map(|&k| t[..k].to_string())
                .collect()
        };
        let t = "It occupies half of the island, which it shares with Haiti Besides white sand \
                 beaches, the country is home to the oldest city";
        assert_eq!(
            cut(t, Lang::En),
            vec![t[..t.find(" Besides").unwrap()].to_string()]
        );
        let t = "Foton lebih kecil dari atom Setelah ratusan jam filamen bohlam terbakar";
        assert_eq!(
            cut(t, Lang::Id),
            vec!["Foton lebih kecil dari atom".to_string()]
        );
        // Names go on: after a capitalised word, after a function word, in brackets.
        for t in [
            "Ma belajar di Universitas New York dan Sekolah Hukum Harvard",
            "He studied at Harvard Law School and once held a card",
            "the office of Vice President Mike Pence (in Bahasa Indonesia)",
        ] {
            let lang = if t.contains(" di ") {
                Lang::Id
            } else {
                Lang::En
            };
            assert!(cut(t, lang).is_empty(), "{t}: {:?}", cut(t, lang));
        }
        // After a closing quote, a name too; not before a word in lower case.
        let t = "pernah memegang status penduduk tetap Amerika: \"green card\" Hsieh menyiratkan";
        assert!(cut(t, Lang::Id).contains(&t[..t.find(" Hsieh").unwrap()].to_string()));
        let t = "film “Laskar Pelangi” karya Andrea Hirata";
        assert!(
            !cut(t, Lang::Id).iter().any(|c| c.ends_with('”')),
            "{:?}",
            cut(t, Lang::Id)
        );
    }

    #[test]
    fn clause_ends_found() {
        let t = "He set him on the temple, and said to him, “If you are (a, b) the Son.” Then.";
        let e = clause_ends(t);
        let cut: Vec<&str> = e.iter().map(|&k| &t[..k]).collect();
        assert_eq!(
            cut,
            vec![
                "He set him on the temple,",
                "He set him on the temple, and said to him,",
                "He set him on the temple, and said to him, “If you are (a, b) the Son.”"
            ]
        );
        assert!(clause_ends("Harga naik 1,5 persen.").is_empty());
        assert_eq!(clause_ends("“Why?” Jesus said."), vec!["“Why?”".len()]);
        // A dash between words ends a clause; one inside a word or a range does not.
        let t = "Ia sedang berdoa — lalu mereka datang pada 2010–2015.";
        assert_eq!(clause_ends(t), vec!["Ia sedang berdoa —".len()]);
    }

    fn bead(id: &[usize], en: &[usize], score: f64) -> Bead {
        Bead {
            id: id.to_vec(),
            en: en.to_vec(),
            score,
        }
    }

    #[test]
    fn sure_one_to_one_beads_are_kept_away_from_the_others() {
        let beads = vec![
            bead(&[0], &[0], 0.99),
            bead(&[1], &[1], 0.99),
            bead(&[2], &[2], 0.99),
            bead(&[3, 4], &[3], 0.99),
            bead(&[5], &[4], 0.99),
            bead(&[6], &[5], 0.99),
            bead(&[7], &[6], 0.5),
        ];
        let p = ClauseParams::default();
        let even = [false; 7];
        let one = [1; 7];
        // The 2-1 bead opens beads 2..=4, the unsure one 5..=6.
        assert_eq!(
            windows(&beads, &p, &even, &one),
            vec![(0, 2, false), (2, 7, true)]
        );
        // Two beads either way: 1..=5 and 4..=6.
        let wide = ClauseParams {
            window: 2,
            ..ClauseParams::default()
        };
        assert_eq!(
            windows(&beads, &wide, &even, &one),
            vec![(0, 1, false), (1, 7, true)]
        );
        // A sure 1-1 bead whose lengths disagree opens its neighbours too.
        let odd = [true, false, false, false, false, false, false];
        assert_eq!(windows(&beads, &p, &odd, &one), vec![(0, 7, true)]);
        let far = ClauseParams { window: 0, ..p };
        assert_eq!(
            windows(&beads, &far, &even, &one),
            vec![(0, 3, false), (3, 4, true), (4, 6, false), (6, 7, true)]
        );
    }

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

    fn sentences(lang: Lang, text: &str) -> Vec<Sentence> {
        crate::segment::Segmenter::new(lang).split(text)
    }

    /// The pieces of `sents` (the sentences of a window, `beads` = (each one's bead, how many)),
    /// with the default parameters.
    fn side_of(
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

    #[test]
    fn a_token_repeated_in_an_earlier_piece_is_marked() {
        let al = Aligner::default();
        let id = sentences(Lang::Id, "Harga beras naik, harga gula naik. Gula mahal.");
        let side = side_of(&al, &id, Lang::Id, (&[0, 1], 2), true);
        assert_eq!(side.len(), 3);
        let tokens = |x: usize, mask: u128| -> Vec<String> {
            let items = &side.prep[x].items;
            (0..items.len())
                .filter(|&k| mask >> k & 1 == 1)
                .map(|k| items[k].token.to_string())
                .collect()
        };
        assert_eq!(side.dup(0, 5), 0);
        assert_eq!(tokens(1, side.dup(1, 1)), vec!["harga", "naik"]);
        // "gula" is in the piece before; in a bead starting at piece 2 nothing repeats.
        assert_eq!(tokens(2, side.dup(2, 1)), vec!["gula"]);
        assert_eq!(side.dup(2, 0), 0);
    }

    #[test]
    fn junctions_are_where_the_next_bead_starts_on_each_side() {
        let al = Aligner::default();
        let side = |lang, text: &str, bead_of: &[usize], beads| {
            side_of(&al, &sentences(lang, text), lang, (bead_of, beads), true)
        };
        // Beads: [0]:[0], [1]:[], [2]:[1]; the first Indonesian sentence is two pieces.
        let si = side(
            Lang::Id,
            "Harga naik, gula naik. Beras murah. Minyak turun.",
            &[0, 1, 2],
            3,
        );
        let se = side(Lang::En, "Prices rose. Oil fell.", &[0, 2], 3);
        assert_eq!(si.len(), 4);
        // Bead 1 starts after piece 2 (Indonesian) and has no English side: the English
        // junction before it is where bead 2 starts.
        assert_eq!(junctions(&si, &se), vec![(2, 1), (3, 1)]);
    }

    #[test]
    fn paragraph_ends_count_only_where_the_aligner_uses_them() {
        let al = Aligner::default();
        let id = sentences(
            Lang::Id,
            "Harga naik, gula naik.\n\nBeras murah. Minyak turun.",
        );
        let ends = |use_para| -> Vec<bool> {
            let side = side_of(&al, &id, Lang::Id, (&[0, 1, 2], 3), use_para);
            side.stat.iter().map(|s| s.para_end).collect()
        };
        // Pieces: "Harga naik," "gula naik." | "Beras murah." "Minyak turun." (document end).
        assert_eq!(ends(true), vec![false, true, false, true]);
        assert_eq!(ends(false), vec![false; 4]);
        assert!(several_per_paragraph(&[0, 1, 1]));
        assert!(!several_per_paragraph(&[0, 1, 2]));
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
    fn a_long_list_is_not_cut() {
        let al = Aligner::default();
        let list: Vec<String> = (0..40).map(|k| format!("apel {k}")).collect();
        let id = sentences(
            Lang::Id,
            &format!("Daftar: {}. Harga naik, lalu turun.", list.join(", ")),
        );
        let side = side_of(&al, &id, Lang::Id, (&[0, 0], 1), true);
        assert_eq!(side.len(), 3);
        assert_eq!(side.pieces[0], 0..id[0].text.len());
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

    #[test]
    fn a_long_run_of_beads_is_searched_in_windows_of_at_most_max_window() {
        let beads: Vec<Bead> = (0..300)
            .map(|k| bead(&[k], &[k], if k % 7 == 0 { 0.8 } else { 0.5 }))
            .collect();
        let params = ClauseParams::default();
        // Every bead of `pieces` clause pieces.
        let of = |pieces| windows(&beads, &params, &[false; 300], &[pieces; 300]);
        let w = of(1);
        assert_eq!(w.first().map(|x| x.0), Some(0));
        assert_eq!(w.last().map(|x| x.1), Some(300));
        for pair in w.windows(2) {
            assert_eq!(pair[0].1, pair[1].0);
        }
        // Beads of 40 pieces: at most 128 pieces (three beads) a window.
        let heavy = of(40);
        assert_eq!(heavy.last().map(|x| x.1), Some(300));
        assert!(heavy.iter().all(|&(k0, k1, _)| k1 - k0 <= 3), "{heavy:?}");
        for &(k0, k1, open) in &w {
            assert!(open && k1 - k0 <= params.max_window, "{k0}..{k1}");
            // Cut after the surest bead in reach.
            if k1 < 300 {
                assert_eq!((k1 - 1) % 7, 0, "{k0}..{k1}");
            }
        }
    }
}
