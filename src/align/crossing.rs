//! Moved content: after the monotonic alignment, the sentences it left without a partner are
//! matched across the whole document where the evidence is strong, so that a block of
//! sentences a translator moved elsewhere is paired again (a *crossing* bead: its English
//! sentences lie out of order with its neighbours').
//!
//! Method (see `docs/align.md`, "Moved content"): the unpaired sentences of each side, and
//! those of beads whose lexical evidence is below [`WEAK_LEX`], fall into runs of consecutive
//! sentences. Every Indonesian run is aligned against every English
//! run that lies elsewhere in the document (at least [`MIN_CROSSED`] paired sentences away) by
//! the aligner's own dynamic programming (same bead scores, same statistics of the document).
//! A bead of that alignment is kept when it beats leaving its sentences unpaired by
//! [`MIN_MARGIN`] and its lexical evidence (items found against not found, a close translation
//! against unrelated sentences) is at least [`MIN_LEX`]; the gain of the pair of runs is the
//! summed lexical evidence of its kept beads. Pairs of runs are taken greedily, best gain
//! first, only where each is the other's best and the gain exceeds [`MIN_SEED`]; the
//! sentences they pair leave the runs, and the search repeats. The lexical evidence, not the
//! margin, decides: a 1-1 bead of two unrelated sentences beats two unpaired sentences by the
//! priors alone, while its lexical evidence stays near or below zero.
//!
//! The beads of a pair of runs grow at once ([`Aligner::grow`]): the sentences next to a
//! crossing bead on both sides are aligned again, and the bead that continues it is kept where
//! the swap improves the score (against leaving its sentences unpaired, or against the
//! monotonic beads whose sentences it takes). Once a crossing bead stands, its neighbours are
//! weighed as the monotonic search weighs sentences between two anchors: by the bead score,
//! with no lexical bar. A pair of runs whose gain exceeds [`MIN_GAIN`] stands alone; one that
//! gains less is kept as a moved block only when the block as a whole says so
//! ([`block_holds`]): at least [`MIN_BLOCK`] beads once grown (or one bead of [`MIN_WHOLE`]
//! sentences that takes both runs whole), summed lexical evidence not below zero, and a clean
//! hole at both its places (no other open sentence of the other side stands where it was
//! taken out or put in).
//!
//! Once no pair of runs is left, holes of the monotonic alignment that match are paired
//! without lexical support ([`Aligner::match_holes`]): an Indonesian and an English run of
//! as many unpaired sentences, each a clean and plain hole, that align one to one. And holes
//! on either side of one stretch of in-order beads ([`Aligner::match_transposed`]): where the
//! monotonic alignment kept a moved block in order, the passage it jumped over.
//!
//! Once the blocks stand, each is aligned again as a whole ([`Aligner::settle`]: the growth
//! takes one bead at a time), and the gaps between in-order beads that they changed are
//! aligned again ([`Aligner::refill`]): the sentences a block stood between face each other
//! once it is out.

use crate::score::{CoverIndex, Prepared};

use super::model::{Model, SentStat, Tables};
use super::{Aligner, Bead, Detail, DocStats, calibrate, dp};

/// Least margin (log-likelihood ratio against leaving the sentences unpaired) of a crossing
/// bead.
pub const MIN_MARGIN: f64 = 3.0;

/// Least lexical evidence of a crossing bead (log-likelihood ratio of its items found and not
/// found on the other side, close translation against unrelated sentences).
pub const MIN_LEX: f64 = 0.0;

/// Summed lexical evidence ([`MIN_LEX`]) of the beads kept for a pair of runs above which
/// they stand alone; a pair that gains less must make a moved block ([`MIN_BLOCK`]).
pub const MIN_GAIN: f64 = 10.0;

/// Least gain of a pair of runs that may make a moved block with the beads that grow from it
/// (at least [`MIN_BLOCK`] beads, see `docs/align.md`): some bead of it must have lexical
/// support.
pub const MIN_SEED: f64 = 3.0;

/// Least number of beads of a moved block whose pair of runs gains less than [`MIN_GAIN`]
/// (its beads and those that grew from them).
pub const MIN_BLOCK: usize = 2;

/// Least number of sentences of a single bead that makes a moved block alone (in place of
/// [`MIN_BLOCK`] beads): it must take both its runs whole (see [`block_holds`]). A lone 1-1
/// bead of two runs of one sentence is what two verses left untranslated on each side look
/// like; a merge whose shape both holes have is not.
pub const MIN_WHOLE: usize = 3;

/// Least improvement of the score for a bead to grow next to a crossing bead.
pub const MIN_GROW: f64 = 0.0;

/// Least number of paired sentences a crossing bead's English lies away from its Indonesian's
/// place: runs facing each other were already weighed by the monotonic alignment (with the
/// paragraph terms this step leaves out).
pub const MIN_CROSSED: usize = 1;

/// Beads of the monotonic alignment with less lexical evidence than this are open to the
/// crossing search like unpaired sentences (a crossing bead that takes a sentence of one
/// leaves the rest of it unpaired).
pub const WEAK_LEX: f64 = -3.0;

/// How many sentences of each side next to a crossing bead [`Aligner::grow`] aligns again at
/// a time (the most a bead holds).
const GROW_WINDOW: usize = 3;

/// Most rounds of pairing runs (each pairs at least one sentence).
const MAX_ROUNDS: usize = 64;

/// Most pairs of runs scored in one round (documents with more unpaired runs keep the
/// monotonic alignment: the search would be long and such a document is hardly parallel).
const MAX_RUN_PAIRS: usize = 250_000;

/// A run of consecutive unpaired sentences: `start..end`.
type Run = (usize, usize);

/// Beads found for one pair of runs (`runs`), in document indices, with their summed lexical
/// evidence.
struct Found {
    gain: f64,
    beads: Vec<dp::PathBead>,
    runs: (Run, Run),
}

impl Aligner {
    /// Pair the sentences the monotonic alignment `details` left unpaired (1-0 and 0-1 beads)
    /// across the document where the evidence is strong (see the module's documentation).
    /// `id` / `en` are the sentences as the last pass prepared them and `stats` the statistics
    /// it scored beads with. The beads come back in Indonesian order: a crossing bead stands
    /// where its first Indonesian sentence stood; its English sentences lie elsewhere. Every
    /// sentence stays in exactly one bead.
    pub fn match_moved(
        &self,
        id: &[Prepared],
        en: &[Prepared],
        details: Vec<Detail>,
        stats: &DocStats,
    ) -> Vec<Detail> {
        let tables = Tables::new(stats, &self.config.beads, self.config.params.free_match);
        let mut free_id = vec![false; id.len()];
        let mut free_en = vec![false; en.len()];
        for d in &details {
            match (d.bead.id.as_slice(), d.bead.en.as_slice()) {
                ([i], []) => free_id[*i] = true,
                ([], [j]) => free_en[*j] = true,
                _ => {}
            }
        }
        let layout = Layout::new(&details, id.len(), &free_en);
        // Unpaired by the monotonic alignment (`settle`).
        let unpaired = (free_id.clone(), free_en.clone());
        // Beads without lexical support are open too: where a block moved, the monotonic
        // search may pair a sentence left at its old place with whatever stands there now.
        for d in details.iter().filter(|d| d.parts.lex < WEAK_LEX) {
            d.bead.id.iter().for_each(|&i| free_id[i] = true);
            d.bead.en.iter().for_each(|&j| free_en[j] = true);
        }
        // Open at the start: where a block was taken out or put in (`block_holds`).
        let open = (free_id.clone(), free_en.clone());
        let mut state = Grown::new(&details, (&open.0, &open.1));
        let mut found: Vec<dp::PathBead> = Vec::new();
        // The beads of each kept block (found and grown).
        let mut blocks: Vec<Vec<dp::PathBead>> = Vec::new();
        // The first Indonesian sentence of each bead re-formed from what crossing beads left
        // of monotonic beads.
        let mut reformed: Vec<usize> = Vec::new();
        // Built at the first round (a document with too many runs never gets one).
        let mut shared: Option<Shared> = None;
        // The pairs of runs that gain more than `MIN_SEED`, kept from round to round: a round
        // changes only the runs it paired sentences of, every other pair of runs comes out of
        // the same alignment again.
        let mut cands: Vec<Found> = Vec::new();
        let mut before: (Vec<Run>, Vec<Run>) = (Vec::new(), Vec::new());
        'rounds: for _ in 0..MAX_ROUNDS {
            let (ri, re) = (runs(&free_id), runs(&free_en));
            if ri.is_empty() || re.is_empty() || ri.len() * re.len() > MAX_RUN_PAIRS {
                break;
            }
            let shared = shared.get_or_insert_with(|| Shared::new(id, en, &free_id, &free_en));
            cands.retain(|f| {
                ri.binary_search(&f.runs.0).is_ok() && re.binary_search(&f.runs.1).is_ok()
            });
            let args = (&tables, &layout, &*shared);
            self.add_candidates((id, en), args, (&ri, &re), &before, &mut cands);
            // Pairs of runs in order; one that makes no block leaves the candidates while its
            // runs stand, and the next best is tried.
            while let Some(k) = best_pair(&cands, (&ri, &re)) {
                let f = cands.swap_remove(k);
                let mut grown_state = state.clone();
                f.beads.iter().for_each(|b| grown_state.take(b));
                let (grown, re_formed) =
                    self.grow((id, en), &tables, &details, &mut grown_state, &f.beads);
                if f.gain <= MIN_GAIN && !block_holds(&f, &grown, &layout, &open) {
                    continue;
                }
                state = grown_state;
                for b in f.beads.iter().chain(&grown).chain(&re_formed) {
                    free_id[b.i0..b.i1].iter_mut().for_each(|x| *x = false);
                    free_en[b.j0..b.j1].iter_mut().for_each(|x| *x = false);
                }
                let kept = (&mut found, &mut blocks, &mut reformed);
                keep_block(kept, f.beads, grown, re_formed);
                before = (ri, re);
                continue 'rounds;
            }
            break;
        }
        // A block found in the holes: its sentences taken, grown, and kept.
        let mut accept = |state: &mut Grown, beads: Vec<dp::PathBead>| {
            beads.iter().for_each(|b| state.take(b));
            let (grown, re_formed) = self.grow((id, en), &tables, &details, state, &beads);
            keep_block(
                (&mut found, &mut blocks, &mut reformed),
                beads,
                grown,
                re_formed,
            );
        };
        for f in self.match_holes((id, en), &tables, &layout, &details, (&unpaired, &state)) {
            accept(&mut state, f.beads);
        }
        for f in self.match_transposed((id, en), &tables, &details, &state) {
            // Two transpositions may share a hole (hole, stretch, hole, stretch, hole): the
            // first keeps it.
            let taken = |b: &dp::PathBead| {
                state.taken_id[b.i0..b.i1].contains(&true)
                    || state.taken_en[b.j0..b.j1].contains(&true)
            };
            if !f.beads.iter().any(taken) {
                accept(&mut state, f.beads);
            }
        }
        if found.is_empty() {
            return details;
        }
        for block in &blocks {
            self.settle(
                (id, en),
                &tables,
                block,
                (&unpaired, &state),
                &mut found,
                &mut reformed,
            );
        }
        // The first Indonesian sentence of each crossing bead.
        let crossing: Vec<usize> = found
            .iter()
            .map(|b| b.i0)
            .filter(|i| !reformed.contains(i))
            .collect();
        // What the crossing beads changed: their sentences and those of the monotonic beads
        // they broke.
        let mut changed_id = vec![false; id.len()];
        let mut changed_en = vec![false; en.len()];
        for b in &found {
            changed_id[b.i0..b.i1].iter_mut().for_each(|x| *x = true);
            changed_en[b.j0..b.j1].iter_mut().for_each(|x| *x = true);
        }
        for (d, _) in details.iter().zip(&state.broken).filter(|x| *x.1) {
            d.bead.id.iter().for_each(|&i| changed_id[i] = true);
            d.bead.en.iter().for_each(|&j| changed_en[j] = true);
        }
        let out = place(details, found, &tables);
        self.refill(
            (id, en),
            &tables,
            out,
            (&crossing, &reformed),
            (&changed_id, &changed_en),
        )
    }

    /// Pairs of holes that make a moved block though the words of their sentences do not say
    /// so: where the translation is free, a moved block's pairs may have no lexical support
    /// ([`MIN_LEX`]), and the search cannot tell them from passages left untranslated on each
    /// side. A hole here is a run of at least [`MIN_BLOCK`] sentences of one side that the
    /// monotonic alignment left unpaired (`unpaired`: not the weak beads) and no crossing bead
    /// took a sentence of (`state`), clean (no sentence of the other side left unpaired where
    /// it stands, as [`block_holds`] asks) and plain (the sentence before it and the one after
    /// it on its side stand in beads of one sentence of that side: a merge beside a hole may
    /// have taken a sentence of its passage, and the hole is then not where the passage was).
    /// An Indonesian hole and an English hole of as many sentences, at least [`MIN_CROSSED`]
    /// paired sentences apart, make a block when their alignment as a pair of runs pairs them
    /// one to one, in order, with a mean margin of at least [`MIN_MARGIN`], and neither has
    /// another such partner. Only this simplest shape is taken: where the words do not decide,
    /// a merge is what lengths alone make of two unrelated passages.
    fn match_holes(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        layout: &Layout,
        details: &[Detail],
        (unpaired, state): (&(Vec<bool>, Vec<bool>), &Grown),
    ) -> Vec<Found> {
        // Per sentence, how many sentences of its side its monotonic bead holds.
        let mut size_id = vec![0; id.len()];
        let mut size_en = vec![0; en.len()];
        for d in details {
            d.bead.id.iter().for_each(|&i| size_id[i] = d.bead.id.len());
            d.bead.en.iter().for_each(|&j| size_en[j] = d.bead.en.len());
        }
        let holes = |free: &[bool], taken: &[bool], size: &[usize]| -> Vec<Run> {
            runs(free)
                .into_iter()
                .filter(|&(a, e)| {
                    e - a >= MIN_BLOCK
                        && !taken[a..e].contains(&true)
                        && (a == 0 || size[a - 1] == 1)
                        && (e == size.len() || size[e] == 1)
                })
                .collect()
        };
        let ri = holes(&unpaired.0, &state.taken_id, &size_id);
        let re = holes(&unpaired.1, &state.taken_en, &size_en);
        if ri.len() * re.len() > MAX_RUN_PAIRS {
            return Vec::new();
        }
        let mut pairs: Vec<Found> = Vec::new();
        for &r in &ri {
            for &s in re.iter().filter(|s| s.1 - s.0 == r.1 - r.0) {
                if layout.crossed(r, s) < MIN_CROSSED {
                    continue;
                }
                let (_, path) = self.realign((id, en), tables, r, s);
                if path.iter().any(|b| b.i1 != b.i0 + 1 || b.j1 != b.j0 + 1) {
                    continue;
                }
                let sum: f64 = path.iter().map(|b| margin(b, tables)).sum();
                let whole = dp::PathBead {
                    i0: r.0,
                    i1: r.1,
                    j0: s.0,
                    j1: s.1,
                    ..path[0].clone()
                };
                if sum < MIN_MARGIN * path.len() as f64
                    || layout.facing_id(unpaired, &whole) > 0
                    || layout.facing_en(unpaired, &whole) > 0
                {
                    continue;
                }
                pairs.push(Found {
                    gain: sum,
                    beads: path,
                    runs: (r, s),
                });
            }
        }
        let alone = |f: &Found| {
            let count = |same: &dyn Fn(&Found) -> bool| pairs.iter().filter(|g| same(g)).count();
            count(&|g| g.runs.0 == f.runs.0) == 1 && count(&|g| g.runs.1 == f.runs.1) == 1
        };
        let keep: Vec<bool> = pairs.iter().map(alone).collect();
        pairs
            .into_iter()
            .zip(keep)
            .filter_map(|(f, k)| k.then_some(f))
            .collect()
    }

    /// Holes on either side of one stretch of in-order beads, paired with each other: where a
    /// block moved, the monotonic search keeps in order whichever of the block and the passage
    /// it jumped over weighs more, and when it keeps the block, the passage is left open on the
    /// Indonesian side just before (after) the block's place and on the English side just
    /// after (before) it; swapping the two is the transposition that undoes the move. The
    /// passage is often longer than a block, freely translated and holds a merge or a sentence
    /// without a partner, so [`Aligner::match_holes`] (holes of one shape, plain, one to one)
    /// and the search for pairs of runs (lexical support) miss it. Here a hole is a maximal run
    /// of consecutive 1-0 beads (0-1 beads) of the monotonic alignment, none of whose sentences a
    /// crossing bead took, with beads of both sides (or a document end) next to it, so clean on
    /// both ends; an Indonesian hole and an English hole of at least [`MIN_BLOCK`] sentences
    /// each, with nothing but beads of both sides between them (the stretch), are aligned as a
    /// pair of runs (all bead shapes, as in [`Aligner::realign`]); the pair is a block when that
    /// alignment pairs at least [`MIN_BLOCK`] beads and each of them beats leaving its
    /// sentences unpaired by [`MIN_MARGIN`]. No lexical bar: the place is the evidence, and
    /// every bead must say so on its own (lengths and priors alone give a 1-1 bead of
    /// unrelated sentences about 6; in unmoved documents such pairs of holes hold a bead below
    /// 3).
    fn match_transposed(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        details: &[Detail],
        state: &Grown,
    ) -> Vec<Found> {
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Paired,
            IdOnly,
            EnOnly,
            Taken,
        }
        let kind = |d: &Detail| {
            if d.bead.id.iter().any(|&i| state.taken_id[i])
                || d.bead.en.iter().any(|&j| state.taken_en[j])
            {
                Kind::Taken
            } else if d.bead.en.is_empty() {
                Kind::IdOnly
            } else if d.bead.id.is_empty() {
                Kind::EnOnly
            } else {
                Kind::Paired
            }
        };
        // Maximal runs of beads of one kind: (kind, first, end) in `details`.
        let mut segs: Vec<(Kind, usize, usize)> = Vec::new();
        for (k, d) in details.iter().enumerate() {
            let x = kind(d);
            match segs.last_mut() {
                Some(s) if s.0 == x => s.2 = k + 1,
                _ => segs.push((x, k, k + 1)),
            }
        }
        let paired_or_end =
            |k: Option<&(Kind, usize, usize)>| k.is_none_or(|s| s.0 == Kind::Paired);
        let mut out = Vec::new();
        for (k, w) in segs.windows(3).enumerate() {
            let (g1, m, g2) = (w[0], w[1], w[2]);
            let (hi, he) = match (g1.0, m.0, g2.0) {
                (Kind::IdOnly, Kind::Paired, Kind::EnOnly) => (g1, g2),
                (Kind::EnOnly, Kind::Paired, Kind::IdOnly) => (g2, g1),
                _ => continue,
            };
            if !paired_or_end(k.checked_sub(1).and_then(|p| segs.get(p)))
                || !paired_or_end(segs.get(k + 3))
            {
                continue;
            }
            let xi: Vec<usize> = details[hi.1..hi.2]
                .iter()
                .flat_map(|d| d.bead.id.iter().copied())
                .collect();
            let xe: Vec<usize> = details[he.1..he.2]
                .iter()
                .flat_map(|d| d.bead.en.iter().copied())
                .collect();
            if xi.len() < MIN_BLOCK || xe.len() < MIN_BLOCK {
                continue;
            }
            let (r, s) = (span(&xi), span(&xe));
            if r.1 - r.0 != xi.len() || s.1 - s.0 != xe.len() {
                continue;
            }
            let (_, path) = self.realign((id, en), tables, r, s);
            let beads: Vec<dp::PathBead> = path
                .into_iter()
                .filter(|b| b.i1 > b.i0 && b.j1 > b.j0)
                .collect();
            if beads.len() < MIN_BLOCK || beads.iter().any(|b| margin(b, tables) < MIN_MARGIN) {
                continue;
            }
            out.push(Found {
                gain: beads.iter().map(|b| margin(b, tables)).sum(),
                beads,
                runs: (r, s),
            });
        }
        out
    }

    /// Align the kept block `block` (its found and grown beads) again as a whole: the growth
    /// takes one bead at a time from the seed outwards, so a block whose seed took a sentence
    /// of its neighbour (`[10]:[33]`, then `[8, 9]:[32]` grown, where the block is `[8]:[32]`,
    /// `[9, 10]:[33]`) keeps the wrong shape, and a neighbour whose partner a re-formed bead
    /// took is never grown. The rectangle from the block's first to its last sentence on each
    /// side, one sentence more at each end where it may be taken, is aligned as a pair of runs
    /// ([`Aligner::run_path`]) where every sentence in it is the block's, or was left unpaired
    /// by the monotonic alignment and is in no crossing bead (`state`), or is in a bead
    /// re-formed from a broken monotonic bead (`reformed`, by first Indonesian sentence). Its
    /// beads take the block's place in `found` (and those re-formed beads leave) when they
    /// score more than the block, the re-formed beads and the open sentences unpaired.
    fn settle(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        block: &[dp::PathBead],
        ((unpaired_id, unpaired_en), state): (&(Vec<bool>, Vec<bool>), &Grown),
        found: &mut Vec<dp::PathBead>,
        reformed: &mut Vec<usize>,
    ) {
        let mut r: Run = (
            block.iter().map(|b| b.i0).min().unwrap_or(0),
            block.iter().map(|b| b.i1).max().unwrap_or(0),
        );
        let mut s: Run = (
            block.iter().map(|b| b.j0).min().unwrap_or(0),
            block.iter().map(|b| b.j1).max().unwrap_or(0),
        );
        let re_of_id = |i: usize| {
            found
                .iter()
                .position(|b| reformed.contains(&b.i0) && (b.i0..b.i1).contains(&i))
        };
        let re_of_en = |j: usize| {
            found
                .iter()
                .position(|b| reformed.contains(&b.i0) && (b.j0..b.j1).contains(&j))
        };
        let ok_id = |i: usize| (unpaired_id[i] && !state.taken_id[i]) || re_of_id(i).is_some();
        let ok_en = |j: usize| (unpaired_en[j] && !state.taken_en[j]) || re_of_en(j).is_some();
        // One sentence more at each end where it is open (or re-formed): the neighbour the
        // growth could not take.
        if r.0 > 0 && ok_id(r.0 - 1) {
            r.0 -= 1;
        }
        if r.1 < id.len() && ok_id(r.1) {
            r.1 += 1;
        }
        if s.0 > 0 && ok_en(s.0 - 1) {
            s.0 -= 1;
        }
        if s.1 < en.len() && ok_en(s.1) {
            s.1 += 1;
        }
        let in_id = |i: usize| block.iter().any(|b| (b.i0..b.i1).contains(&i));
        let in_en = |j: usize| block.iter().any(|b| (b.j0..b.j1).contains(&j));
        let open_id: Vec<usize> = (r.0..r.1).filter(|&i| !in_id(i)).collect();
        let open_en: Vec<usize> = (s.0..s.1).filter(|&j| !in_en(j)).collect();
        if open_id.iter().any(|&i| !ok_id(i)) || open_en.iter().any(|&j| !ok_en(j)) {
            return;
        }
        // The re-formed beads the rectangle takes sentences of.
        let mut res: Vec<usize> = open_id
            .iter()
            .filter_map(|&i| re_of_id(i))
            .chain(open_en.iter().filter_map(|&j| re_of_en(j)))
            .collect();
        res.sort_unstable();
        res.dedup();
        // The score now: the block, the re-formed beads it would break, the open sentences
        // unpaired; after: the rectangle aligned, the rest of those re-formed beads unpaired.
        let oi = open_id.iter().filter(|&&i| re_of_id(i).is_none()).count();
        let oj = open_en.iter().filter(|&&j| re_of_en(j).is_none()).count();
        let mut now = block.iter().map(|b| b.total).sum::<f64>() + tables.unaligned(oi, oj);
        let mut left = (0, 0);
        for &k in &res {
            let b = &found[k];
            now += b.total;
            left.0 += (b.i0..b.i1).filter(|i| !(r.0..r.1).contains(i)).count();
            left.1 += (b.j0..b.j1).filter(|j| !(s.0..s.1).contains(j)).count();
        }
        let (mut total, path) = self.realign((id, en), tables, r, s);
        total += tables.unaligned(left.0, left.1);
        if total <= now + 1e-9 {
            return;
        }
        let gone: Vec<(usize, usize, usize, usize)> = block
            .iter()
            .chain(res.iter().map(|&k| &found[k]))
            .map(|b| (b.i0, b.i1, b.j0, b.j1))
            .collect();
        for &k in &res {
            let i0 = found[k].i0;
            reformed.retain(|&x| x != i0);
        }
        found.retain(|b| !gone.contains(&(b.i0, b.i1, b.j0, b.j1)));
        found.extend(path.into_iter().filter(|b| b.i1 > b.i0 && b.j1 > b.j0));
    }

    /// Align again the gaps between consecutive in-order beads (`crossing`: the first
    /// Indonesian sentences of the crossing beads, which are not in order) that hold unpaired
    /// sentences on both sides and a sentence the crossing step `changed`: once a block is
    /// taken out, the sentences it stood between face each other, and a monotonic bead it broke
    /// leaves its other sentences open beside them. The beads re-formed from such a bead alone
    /// (`reformed`, by their first Indonesian sentence) are open here too: the gap may join
    /// their sentences with those beside them. Each gap (its open sentences contiguous on both
    /// sides, not inside a crossing block) is aligned as the monotonic search aligns sentences
    /// between two anchors; its beads stand in order.
    fn refill(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        out: Vec<Detail>,
        (crossing, reformed): (&[usize], &[usize]),
        (changed_id, changed_en): (&[bool], &[bool]),
    ) -> Vec<Detail> {
        let mut open_id = vec![false; id.len()];
        let mut open_en = vec![false; en.len()];
        // The in-order beads with both sides: (first, last) sentence of each side.
        let mut anchors: Vec<((usize, usize), (usize, usize))> = Vec::new();
        for d in &out {
            let (is, js) = (d.bead.id.as_slice(), d.bead.en.as_slice());
            if is.is_empty() || js.is_empty() || reformed.contains(&is[0]) {
                is.iter().for_each(|&i| open_id[i] = true);
                js.iter().for_each(|&j| open_en[j] = true);
            } else if !crossing.contains(&is[0]) {
                anchors.push(((is[0], is[is.len() - 1]), (js[0], js[js.len() - 1])));
            }
        }
        let mut gaps: Vec<(Run, Run, Vec<dp::PathBead>)> = Vec::new();
        let mut prev = (0, 0);
        let ends = anchors
            .iter()
            .map(|&((i0, i1), (j0, j1))| ((i0, j0), (i1 + 1, j1 + 1)))
            .chain(std::iter::once(((id.len(), en.len()), (0, 0))));
        for ((ci, cj), next) in ends {
            let (pi, pj) = prev;
            prev = next;
            if ci <= pi || cj <= pj {
                continue;
            }
            let touched = changed_id[pi..ci].contains(&true) || changed_en[pj..cj].contains(&true);
            let gi: Vec<usize> = (pi..ci).filter(|&i| open_id[i]).collect();
            let gj: Vec<usize> = (pj..cj).filter(|&j| open_en[j]).collect();
            if !touched || gi.is_empty() || gj.is_empty() {
                continue;
            }
            let (r, s) = (span(&gi), span(&gj));
            // Contiguous, and not inside a crossing block (between two of its sentences: the
            // growth weighed those).
            let inside = |(a, e): Run, (lo, hi): Run| a > lo && e < hi;
            if r.1 - r.0 != gi.len()
                || s.1 - s.0 != gj.len()
                || inside(r, (pi, ci))
                || inside(s, (pj, cj))
            {
                continue;
            }
            let (_, path) = self.realign((id, en), tables, r, s);
            gaps.push((r, s, path));
        }
        if gaps.is_empty() {
            return out;
        }
        // Each gap's beads stand where the first bead of its Indonesian sentences stood (the
        // beads stay in Indonesian order); a sentence the gap leaves unpaired keeps its detail
        // if it had one.
        let gap_of = |d: &Detail| {
            gaps.iter()
                .position(|((i0, i1), (j0, j1), _)| match d.bead.id.first() {
                    Some(i) => (i0..i1).contains(&i),
                    None => d.bead.en.first().is_some_and(|j| (j0..j1).contains(&j)),
                })
        };
        let mut alone: std::collections::HashMap<(Option<usize>, Option<usize>), Detail> =
            std::collections::HashMap::new();
        let mut res = Vec::with_capacity(out.len());
        let mut at = vec![usize::MAX; gaps.len()];
        for d in out {
            let Some(g) = gap_of(&d) else {
                res.push(d);
                continue;
            };
            if at[g] == usize::MAX && !d.bead.id.is_empty() {
                at[g] = res.len();
                res.push(d.clone());
            }
            if d.bead.id.is_empty() || d.bead.en.is_empty() {
                let key = (d.bead.id.first().copied(), d.bead.en.first().copied());
                alone.insert(key, d);
            }
        }
        // Fill in from the last gap so that the places of the earlier ones hold.
        for g in (0..gaps.len()).rev() {
            if at[g] == usize::MAX {
                continue;
            }
            let beads: Vec<Detail> = gaps[g]
                .2
                .iter()
                .map(|b| match (b.i1 > b.i0, b.j1 > b.j0) {
                    (true, true) => detail(b, tables),
                    (true, false) => alone
                        .remove(&(Some(b.i0), None))
                        .unwrap_or_else(|| unpaired(vec![b.i0], vec![], tables)),
                    _ => alone
                        .remove(&(None, Some(b.j0)))
                        .unwrap_or_else(|| unpaired(vec![], vec![b.j0], tables)),
                })
                .collect();
            res.splice(at[g]..at[g] + 1, beads);
        }
        res
    }

    /// Add to `cands` the pairs of the runs `ri` × `re` not aligned before (one of its runs
    /// is not among the runs `before`) that cross the monotonic alignment, share an item and
    /// gain more than [`MIN_SEED`].
    fn add_candidates(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        (tables, layout, shared): (&Tables, &Layout, &Shared),
        (ri, re): (&[Run], &[Run]),
        before: &(Vec<Run>, Vec<Run>),
        cands: &mut Vec<Found>,
    ) {
        let new_r: Vec<bool> = ri
            .iter()
            .map(|r| before.0.binary_search(r).is_err())
            .collect();
        for &s in re {
            let new_s = before.1.binary_search(&s).is_err();
            let mut index: Option<CoverIndex> = None;
            for (&r, &new) in ri.iter().zip(&new_r) {
                if !(new || new_s) || layout.crossed(r, s) < MIN_CROSSED || !shared.any(r, s) {
                    continue;
                }
                let index = index.get_or_insert_with(|| CoverIndex::new(&en[s.0..s.1]));
                let f = self.align_runs(id, en, tables, r, s, index);
                if f.gain > MIN_SEED {
                    cands.push(f);
                }
            }
        }
    }

    /// Align the Indonesian run `r` against the English run `s` (indexed by `index`) and keep
    /// the beads that beat [`MIN_MARGIN`].
    fn align_runs(
        &self,
        id: &[Prepared],
        en: &[Prepared],
        tables: &Tables,
        r: Run,
        s: Run,
        index: &CoverIndex,
    ) -> Found {
        let path = self.run_path(id, en, tables, r, s, index);
        let mut gain = 0.0;
        let beads = path
            .into_iter()
            .filter(|b| b.i1 > b.i0 && b.j1 > b.j0)
            .filter(|b| margin(b, tables) >= MIN_MARGIN && b.parts.lex >= MIN_LEX)
            .inspect(|b| gain += b.parts.lex)
            .collect();
        Found {
            gain,
            beads,
            runs: (r, s),
        }
    }

    /// The best path of beads (all shapes) of the Indonesian run `r` against the English run
    /// `s` (indexed by `index`), in document indices, scored as the monotonic pass scores
    /// beads without the paragraph terms.
    fn run_path(
        &self,
        id: &[Prepared],
        en: &[Prepared],
        tables: &Tables,
        (i0, i1): Run,
        (j0, j1): Run,
        index: &CoverIndex,
    ) -> Vec<dp::PathBead> {
        let stat = |p: &Prepared| SentStat::new(p, false);
        let sub = Model {
            id: &id[i0..i1],
            en: &en[j0..j1],
            sid: id[i0..i1].iter().map(stat).collect(),
            sen: en[j0..j1].iter().map(stat).collect(),
            use_para: false,
            cover_index: index,
        };
        let band = dp::Band::full(i1 - i0, j1 - j0);
        let masks = dp::MaskCache::new(&sub, &band);
        let params = &self.config.params;
        let (path, _) = dp::best_path(
            &sub,
            &masks,
            tables,
            params,
            &band,
            &self.config.beads,
            true,
        );
        path.into_iter()
            .map(|b| dp::PathBead {
                i0: b.i0 + i0,
                i1: b.i1 + i0,
                j0: b.j0 + j0,
                j1: b.j1 + j0,
                ..b
            })
            .collect()
    }

    /// Grow the crossing beads `seeds` into the sentences next to them (see [`GROW_WINDOW`]):
    /// a moved block is contiguous on both sides, so the sentences that follow (precede) a
    /// crossing bead on both sides are aligned again, and the bead that continues the crossing
    /// bead ([`Aligner::next_to`]) is kept when the swap improves the score by more than
    /// [`MIN_GROW`]: the bead, with what it leaves of the monotonic beads whose sentences it
    /// takes aligned again, against those sentences as they stand (open sentences unpaired,
    /// each monotonic bead's sentences aligned among themselves). Where no monotonic bead is
    /// taken that is the bead's margin. Its neighbours are then aligned as the monotonic
    /// search aligns sentences between two anchors, by the bead score. Returns the grown beads
    /// and those re-formed from what was left of a monotonic bead (they stand in order);
    /// `state` takes them.
    #[allow(clippy::type_complexity)]
    fn grow(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        details: &[Detail],
        state: &mut Grown,
        seeds: &[dp::PathBead],
    ) -> (Vec<dp::PathBead>, Vec<dp::PathBead>) {
        let mut grown: Vec<dp::PathBead> = Vec::new();
        let mut rest = Vec::new();
        let mut k = 0;
        while k < seeds.len() + grown.len() {
            let from = match seeds.get(k) {
                Some(b) => b.clone(),
                None => grown[k - seeds.len()].clone(),
            };
            for forward in [true, false] {
                let mut at = from.clone();
                while let Some((b, gain, re_formed)) =
                    self.next_to((id, en), tables, details, state, &at, forward)
                {
                    if gain <= MIN_GROW {
                        break;
                    }
                    state.take(&b);
                    re_formed.iter().for_each(|x| state.take(x));
                    rest.extend(re_formed);
                    grown.push(b.clone());
                    at = b;
                }
            }
            k += 1;
        }
        (grown, rest)
    }

    /// The bead that continues `at` after it (`forward`) or before it with the largest swap
    /// gain ([`Aligner::swap`]), with that gain and the beads re-formed from what it leaves of
    /// monotonic beads: every allowed shape with both sides at the corner, among the up to
    /// [`GROW_WINDOW`] sentences of each side next to `at` not taken yet, each scored as its
    /// sentences align alone (a shape whose sentences align better as more than one bead is
    /// not a bead).
    #[allow(clippy::type_complexity)]
    fn next_to(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        details: &[Detail],
        state: &Grown,
        at: &dp::PathBead,
        forward: bool,
    ) -> Option<(dp::PathBead, f64, Vec<dp::PathBead>)> {
        let r = window(&state.taken_id, (at.i0, at.i1), forward);
        let s = window(&state.taken_en, (at.j0, at.j1), forward);
        let mut best: Option<(dp::PathBead, f64, Vec<dp::PathBead>)> = None;
        for &(a, b) in &self.config.beads {
            if a == 0 || b == 0 || a > r.1 - r.0 || b > s.1 - s.0 {
                continue;
            }
            let (ra, sb) = match forward {
                true => ((r.0, r.0 + a), (s.0, s.0 + b)),
                false => ((r.1 - a, r.1), (s.1 - b, s.1)),
            };
            let (_, path) = self.realign((id, en), tables, ra, sb);
            let [bead] = path.as_slice() else {
                continue;
            };
            let (gain, re_formed) = self.swap((id, en), tables, details, state, bead);
            if best.as_ref().is_none_or(|x| gain > x.1) {
                best = Some((bead.clone(), gain, re_formed));
            }
        }
        best
    }

    /// What taking bead `b` gains: its score, with what it leaves of the monotonic beads whose
    /// sentences it takes aligned again, minus the score of its sentences as they stand (open
    /// sentences unpaired, each of those beads' sentences aligned among themselves); and the
    /// beads re-formed from what it leaves.
    fn swap(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        details: &[Detail],
        state: &Grown,
        b: &dp::PathBead,
    ) -> (f64, Vec<dp::PathBead>) {
        let held = state.held(b);
        let mut before = tables.unaligned(
            (b.i0..b.i1)
                .filter(|&i| state.open(state.bead_id[i]))
                .count(),
            (b.j0..b.j1)
                .filter(|&j| state.open(state.bead_en[j]))
                .count(),
        );
        let mut after = b.total;
        let mut re_formed = Vec::new();
        for &d in &held {
            let bead = &details[d].bead;
            before += self
                .realign((id, en), tables, span(&bead.id), span(&bead.en))
                .0;
            let outside = |xs: &[usize], (lo, hi): Run| -> Vec<usize> {
                xs.iter().copied().filter(|&x| x < lo || x >= hi).collect()
            };
            let left_id = outside(&bead.id, (b.i0, b.i1));
            let left_en = outside(&bead.en, (b.j0, b.j1));
            let apart = |v: &[usize]| v.windows(2).any(|w| w[1] != w[0] + 1);
            if left_id.is_empty() || left_en.is_empty() || apart(&left_id) || apart(&left_en) {
                after += tables.unaligned(left_id.len(), left_en.len());
                continue;
            }
            let (t, path) = self.realign((id, en), tables, span(&left_id), span(&left_en));
            after += t;
            re_formed.extend(path.into_iter().filter(|x| x.i1 > x.i0 && x.j1 > x.j0));
        }
        (after - before, re_formed)
    }

    /// The best alignment of `id[r]` against `en[s]` (as [`Aligner::run_path`] aligns) with
    /// its total score.
    fn realign(
        &self,
        (id, en): (&[Prepared], &[Prepared]),
        tables: &Tables,
        r: Run,
        s: Run,
    ) -> (f64, Vec<dp::PathBead>) {
        let index = CoverIndex::new(&en[s.0..s.1]);
        let path = self.run_path(id, en, tables, r, s, &index);
        (path.iter().map(|b| b.total).sum(), path)
    }
}

/// For each Indonesian sentence open to the search, the open English sentences it shares an
/// item with (ascending). A pair of runs none of whose sentences share an item has no bead
/// with lexical evidence above zero ([`MIN_LEX`]), so it is never aligned.
struct Shared {
    with: Vec<Vec<u32>>,
}

impl Shared {
    fn new(id: &[Prepared], en: &[Prepared], free_id: &[bool], free_en: &[bool]) -> Shared {
        let index = CoverIndex::new(en);
        let mut row = vec![(0, 0); en.len()];
        let mut touched = Vec::new();
        let any_en = free_en.contains(&true);
        let with = (0..id.len())
            .map(|i| {
                if !free_id[i] || !any_en {
                    return Vec::new();
                }
                index.cover_touched(&id[i], en, &mut row, &mut touched);
                let mut js: Vec<u32> = touched
                    .drain(..)
                    .filter(|&j| {
                        row[j as usize] = (0, 0);
                        free_en[j as usize]
                    })
                    .collect();
                js.sort_unstable();
                js
            })
            .collect();
        Shared { with }
    }

    /// Whether some sentence of the Indonesian run `r` shares an item with one of the English
    /// run `s`.
    fn any(&self, (i0, i1): Run, (j0, j1): Run) -> bool {
        self.with[i0..i1].iter().any(|js| {
            let k = js.partition_point(|&j| (j as usize) < j0);
            k < js.len() && (js[k] as usize) < j1
        })
    }
}

/// Where the monotonic alignment placed the sentences, to tell which pairs of runs cross it.
struct Layout {
    /// Per Indonesian sentence: the English sentences the alignment placed before its bead.
    col: Vec<usize>,
    /// Per English sentence: the Indonesian sentences the alignment placed before its bead.
    row: Vec<usize>,
    /// Per English boundary `j`: how many of the sentences before it the alignment paired.
    paired: Vec<usize>,
}

impl Layout {
    fn new(details: &[Detail], n: usize, free_en: &[bool]) -> Layout {
        let mut col = vec![0; n];
        let mut row = vec![0; free_en.len()];
        let (mut i, mut j) = (0, 0);
        for d in details {
            for &x in &d.bead.id {
                col[x] = j;
            }
            for &y in &d.bead.en {
                row[y] = i;
            }
            i += d.bead.id.len();
            j += d.bead.en.len();
        }
        let mut paired = vec![0; free_en.len() + 1];
        for (k, &f) in free_en.iter().enumerate() {
            paired[k + 1] = paired[k] + usize::from(!f);
        }
        Layout { col, row, paired }
    }

    /// How many sentences open in `open`, outside bead `b`, stand on the English side at the
    /// place of the open Indonesian run around `b`'s first sentence (from the English place of
    /// its first sentence to that of its last, the bead after an unpaired run included).
    fn facing_id(&self, (oi, oe): &(Vec<bool>, Vec<bool>), b: &dp::PathBead) -> usize {
        let (a, e) = around(oi, b.i0);
        (self.col[a]..=self.col[e - 1])
            .filter(|&y| y < oe.len() && oe[y] && !(b.j0..b.j1).contains(&y))
            .count()
    }

    /// The same on the Indonesian side at the place of the open English run around `b`'s
    /// first English sentence.
    fn facing_en(&self, (oi, oe): &(Vec<bool>, Vec<bool>), b: &dp::PathBead) -> usize {
        let (a, e) = around(oe, b.j0);
        (self.row[a]..=self.row[e - 1])
            .filter(|&x| x < oi.len() && oi[x] && !(b.i0..b.i1).contains(&x))
            .count()
    }

    /// How many paired English sentences lie between the English run `s` and the place of the
    /// Indonesian run `r` in the monotonic alignment: pairing them crosses that many.
    fn crossed(&self, (i0, _): Run, (j0, j1): Run) -> usize {
        let c = self.col[i0];
        if j1 <= c {
            self.paired[c] - self.paired[j1]
        } else if j0 >= c {
            self.paired[j0] - self.paired[c]
        } else {
            0
        }
    }
}

/// Record a kept block: its seed beads and the beads grown from them (`found`, and as one
/// block in `blocks`), and the beads re-formed from what it left of monotonic beads (`found`,
/// and their first Indonesian sentences in `reformed`).
fn keep_block(
    (found, blocks, reformed): (
        &mut Vec<dp::PathBead>,
        &mut Vec<Vec<dp::PathBead>>,
        &mut Vec<usize>,
    ),
    seeds: Vec<dp::PathBead>,
    grown: Vec<dp::PathBead>,
    re_formed: Vec<dp::PathBead>,
) {
    blocks.push(seeds.iter().chain(&grown).cloned().collect());
    reformed.extend(re_formed.iter().map(|b| b.i0));
    found.extend(seeds);
    found.extend(grown);
    found.extend(re_formed);
}

/// Which of the candidate pairs of runs `cands` (of the runs `ri` × `re`) has the largest
/// gain among those that are the best of both their runs.
fn best_pair(cands: &[Found], (ri, re): (&[Run], &[Run])) -> Option<usize> {
    let at = |f: &Found| {
        let x = ri.binary_search(&f.runs.0).expect("a run");
        let y = re.binary_search(&f.runs.1).expect("a run");
        (x, y)
    };
    let mut best_x = vec![f64::NEG_INFINITY; ri.len()];
    let mut best_y = vec![f64::NEG_INFINITY; re.len()];
    for f in cands {
        let (x, y) = at(f);
        best_x[x] = best_x[x].max(f.gain);
        best_y[y] = best_y[y].max(f.gain);
    }
    (0..cands.len())
        .filter(|&k| {
            let (x, y) = at(&cands[k]);
            cands[k].gain >= best_x[x] && cands[k].gain >= best_y[y]
        })
        .max_by(|&a, &b| cands[a].gain.total_cmp(&cands[b].gain))
}

/// Whether the beads `f` found for a pair of runs that gains [`MIN_GAIN`] or less, with those
/// that grew from them, make a moved block: at least [`MIN_BLOCK`] beads (or one bead of
/// [`MIN_WHOLE`] sentences that takes both runs whole), summed lexical evidence not below
/// zero, and a clean hole where the block was taken out and where it was
/// put in. A block moved in the translation leaves its Indonesian sentences unpaired between
/// two monotonic beads whose English sentences are adjacent (nothing open there), and its
/// English sentences between two whose Indonesian sentences are adjacent; sentences the
/// monotonic alignment could not place in a freely translated passage leave open sentences on
/// both sides at the same place, and pair by chance with sentences of another such passage
/// (`open`: the sentences open to the search at the start).
fn block_holds(
    f: &Found,
    grown: &[dp::PathBead],
    layout: &Layout,
    open: &(Vec<bool>, Vec<bool>),
) -> bool {
    let seed = &f.beads[0];
    let lex: f64 = f.beads.iter().chain(grown).map(|b| b.parts.lex).sum();
    // One bead of three or more sentences that takes both runs whole: the two holes have the
    // block's shape.
    let whole = match (f.beads.as_slice(), grown) {
        ([b], []) => {
            b.i1 - b.i0 + b.j1 - b.j0 >= MIN_WHOLE
                && (b.i0, b.i1) == f.runs.0
                && (b.j0, b.j1) == f.runs.1
        }
        _ => false,
    };
    (f.beads.len() + grown.len() >= MIN_BLOCK || whole)
        && lex >= 0.0
        && layout.facing_id(open, seed) == 0
        && layout.facing_en(open, seed) == 0
}

/// A bead's score minus the score of leaving its sentences unpaired.
fn margin(b: &dp::PathBead, tables: &Tables) -> f64 {
    b.total - tables.unaligned(b.i1 - b.i0, b.j1 - b.j0)
}

/// The run of `true` in `flags` around `k` (just `k` when it is false).
fn around(flags: &[bool], k: usize) -> Run {
    let (mut a, mut e) = (k, k + 1);
    while a > 0 && flags[a - 1] {
        a -= 1;
    }
    while e < flags.len() && flags[e] {
        e += 1;
    }
    (a, e)
}

/// The runs of `true` in `free`.
fn runs(free: &[bool]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < free.len() {
        if !free[k] {
            k += 1;
            continue;
        }
        let start = k;
        while k < free.len() && free[k] {
            k += 1;
        }
        out.push((start, k));
    }
    out
}

/// What [`Aligner::grow`] keeps while it grows the crossing beads.
#[derive(Clone)]
struct Grown {
    /// The monotonic bead of each Indonesian sentence not open to the search (`usize::MAX`:
    /// open).
    bead_id: Vec<usize>,
    /// The same for the English sentences.
    bead_en: Vec<usize>,
    /// Sentences in crossing beads (found, grown or re-formed).
    taken_id: Vec<bool>,
    taken_en: Vec<bool>,
    /// Monotonic beads a grown bead took sentences of: what is left of them is open.
    broken: Vec<bool>,
}

impl Grown {
    fn new(details: &[Detail], (free_id, free_en): (&[bool], &[bool])) -> Grown {
        let mut bead_id = vec![usize::MAX; free_id.len()];
        let mut bead_en = vec![usize::MAX; free_en.len()];
        for (k, d) in details.iter().enumerate() {
            d.bead
                .id
                .iter()
                .filter(|&&i| !free_id[i])
                .for_each(|&i| bead_id[i] = k);
            d.bead
                .en
                .iter()
                .filter(|&&j| !free_en[j])
                .for_each(|&j| bead_en[j] = k);
        }
        Grown {
            bead_id,
            bead_en,
            taken_id: vec![false; free_id.len()],
            taken_en: vec![false; free_en.len()],
            broken: vec![false; details.len()],
        }
    }

    /// Whether the sentences of monotonic bead `d` (`usize::MAX`: none) are open.
    fn open(&self, d: usize) -> bool {
        d == usize::MAX || self.broken[d]
    }

    /// The monotonic beads, not open, that bead `b` takes sentences of.
    fn held(&self, b: &dp::PathBead) -> Vec<usize> {
        let mut held: Vec<usize> = (b.i0..b.i1)
            .map(|i| self.bead_id[i])
            .chain((b.j0..b.j1).map(|j| self.bead_en[j]))
            .filter(|&d| !self.open(d))
            .collect();
        held.sort_unstable();
        held.dedup();
        held
    }

    /// Take the sentences of bead `b` (breaking the monotonic beads it takes sentences of).
    fn take(&mut self, b: &dp::PathBead) {
        for d in self.held(b) {
            self.broken[d] = true;
        }
        self.taken_id[b.i0..b.i1].iter_mut().for_each(|x| *x = true);
        self.taken_en[b.j0..b.j1].iter_mut().for_each(|x| *x = true);
    }
}

/// The sentences next to the bead `start..end` that [`Aligner::grow`] aligns again: up to
/// [`GROW_WINDOW`] of them after it (`forward`) or before it, up to the first one `taken`.
fn window(taken: &[bool], (start, end): Run, forward: bool) -> Run {
    if forward {
        let mut e = end;
        while e < taken.len() && e < end + GROW_WINDOW && !taken[e] {
            e += 1;
        }
        (end, e)
    } else {
        let mut s = start;
        while s > 0 && s + GROW_WINDOW > start && !taken[s - 1] {
            s -= 1;
        }
        (s, start)
    }
}

/// The run from the first to the last of the ascending sentences `xs` (not empty).
fn span(xs: &[usize]) -> Run {
    (xs[0], xs[xs.len() - 1] + 1)
}

/// The monotonic `details` with the crossing beads `found` in place of the 1-0 and 0-1 beads
/// of their sentences: each where its first Indonesian sentence stood.
fn place(details: Vec<Detail>, found: Vec<dp::PathBead>, tables: &Tables) -> Vec<Detail> {
    let mut at_id: Vec<(usize, dp::PathBead)> = found.into_iter().map(|b| (b.i0, b)).collect();
    at_id.sort_by_key(|x| x.0);
    let taken_en: std::collections::HashSet<usize> =
        at_id.iter().flat_map(|(_, b)| b.j0..b.j1).collect();
    let taken_id: std::collections::HashSet<usize> =
        at_id.iter().flat_map(|(_, b)| b.i0..b.i1).collect();
    let mut out = Vec::with_capacity(details.len());
    for d in details {
        let touched = d.bead.id.iter().any(|i| taken_id.contains(i))
            || d.bead.en.iter().any(|j| taken_en.contains(j));
        if !touched {
            out.push(d);
            continue;
        }
        // A bead some of whose sentences a crossing bead took: the crossing bead stands at its
        // first Indonesian sentence, the sentences left are unpaired.
        for &i in &d.bead.id {
            if let Ok(k) = at_id.binary_search_by_key(&i, |x| x.0) {
                out.push(detail(&at_id[k].1, tables));
            } else if !taken_id.contains(&i) {
                out.push(unpaired(vec![i], vec![], tables));
            }
        }
        for &j in d.bead.en.iter().filter(|j| !taken_en.contains(j)) {
            out.push(unpaired(vec![], vec![j], tables));
        }
    }
    out
}

/// The detail of a sentence left unpaired when a crossing bead took its partner.
fn unpaired(id: Vec<usize>, en: Vec<usize>, tables: &Tables) -> Detail {
    let prior = tables.prior[id.len()][en.len()];
    let mut d = Detail {
        bead: Bead { id, en, score: 0.0 },
        parts: super::Parts {
            prior,
            ..Default::default()
        },
        total: prior,
        margin: 0.0,
        posterior: 0.5,
    };
    d.bead.score = calibrate::probability(&d);
    d
}

/// The detail of a crossing bead, with its calibrated probability.
fn detail(b: &dp::PathBead, tables: &Tables) -> Detail {
    let mut d = Detail {
        bead: Bead {
            id: (b.i0..b.i1).collect(),
            en: (b.j0..b.j1).collect(),
            score: 0.0,
        },
        parts: b.parts,
        total: b.total,
        margin: margin(b, tables),
        posterior: b.posterior,
    };
    d.bead.score = calibrate::probability(&d);
    d
}

/// An alignment whose beads cross, split into a monotonic alignment of the sentences outside
/// the crossing beads and the crossing beads themselves: steps that walk beads in order (the
/// clause split) work on the first and leave the second whole.
pub(crate) struct Uncrossed {
    /// The Indonesian sentences outside the crossing beads, ascending.
    id: Vec<usize>,
    /// The English sentences outside the crossing beads, ascending.
    en: Vec<usize>,
    /// The other beads over those sentences (numbered in `id` / `en`), monotonic.
    pub beads: Vec<Bead>,
    /// The crossing beads.
    crossing: Vec<Bead>,
}

impl Uncrossed {
    /// `None` when `beads` are monotonic (each side's sentences in order). Otherwise the
    /// longest run of beads whose English sentences ascend stays, the rest are crossing beads.
    /// The beads must be in Indonesian order (as [`Aligner::match_moved`] leaves them);
    /// `None` when they are not.
    pub(crate) fn of(beads: &[Bead]) -> Option<Uncrossed> {
        let ordered = |side: &dyn Fn(&Bead) -> &[usize]| {
            beads
                .iter()
                .flat_map(side)
                .enumerate()
                .all(|(k, &x)| k == x)
        };
        if ordered(&|b: &Bead| &b.en) || !ordered(&|b: &Bead| &b.id) {
            return None;
        }
        let with_en: Vec<usize> = (0..beads.len())
            .filter(|&k| !beads[k].en.is_empty())
            .collect();
        let keep = ascending(&with_en.iter().map(|&k| beads[k].en[0]).collect::<Vec<_>>());
        let mut crossing_at = vec![false; beads.len()];
        for (n, &k) in with_en.iter().enumerate() {
            crossing_at[k] = !keep[n];
        }
        let (mut id, mut en, mut mono, mut crossing) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (b, &c) in beads.iter().zip(&crossing_at) {
            if c {
                crossing.push(b.clone());
            } else {
                mono.push(b.clone());
                id.extend(&b.id);
                en.extend(&b.en);
            }
        }
        en.sort_unstable();
        let renumber = |all: &[usize], xs: &[usize]| -> Vec<usize> {
            xs.iter()
                .map(|x| all.binary_search(x).expect("kept"))
                .collect()
        };
        for b in &mut mono {
            b.id = renumber(&id, &b.id);
            b.en = renumber(&en, &b.en);
        }
        Some(Uncrossed {
            id,
            en,
            beads: mono,
            crossing,
        })
    }

    /// The Indonesian sentences (and their prepared forms) the monotonic beads hold.
    pub(crate) fn id_side<T: Clone>(&self, all: &[T]) -> Vec<T> {
        self.id.iter().map(|&k| all[k].clone()).collect()
    }

    /// The English sentences the monotonic beads hold.
    pub(crate) fn en_side<T: Clone>(&self, all: &[T]) -> Vec<T> {
        self.en.iter().map(|&k| all[k].clone()).collect()
    }

    /// The clause split of the whole document from `split`, the split of the monotonic part:
    /// the crossing beads' sentences go back in among its segments (in text order), whole;
    /// each crossing bead goes before the first bead whose Indonesian side comes after it.
    /// Where a bead of the part's split joins segments that a crossing bead's sentence stood
    /// between, the document keeps its sentence alignment `whole` instead (segments are the
    /// sentences).
    pub(crate) fn restore(
        self,
        split: super::clauses::Split,
        id: &[crate::segment::Sentence],
        en: &[crate::segment::Sentence],
        whole: &[Bead],
    ) -> super::clauses::Split {
        let (xi, xe): (Vec<usize>, Vec<usize>) = (
            self.crossing.iter().flat_map(|b| b.id.clone()).collect(),
            self.crossing.iter().flat_map(|b| b.en.clone()).collect(),
        );
        let (sid, id_sentence, map_id, new_id) =
            merge(split.id, &split.id_sentence, &self.id, id, xi);
        let (sen, en_sentence, map_en, new_en) =
            merge(split.en, &split.en_sentence, &self.en, en, xe);
        let mut beads: Vec<Bead> = split
            .beads
            .into_iter()
            .map(|b| Bead {
                id: b.id.iter().map(|&k| map_id[k]).collect(),
                en: b.en.iter().map(|&k| map_en[k]).collect(),
                score: b.score,
            })
            .collect();
        for c in self.crossing {
            let c = Bead {
                id: c.id.iter().map(|k| new_id[k]).collect(),
                en: c.en.iter().map(|k| new_en[k]).collect(),
                score: c.score,
            };
            let first = c.id.first().copied().unwrap_or(0);
            let at = beads
                .iter()
                .position(|b| b.id.first().is_some_and(|&i| i > first))
                .unwrap_or(beads.len());
            beads.insert(at, c);
        }
        let apart = |v: &[usize]| v.windows(2).any(|w| w[1] != w[0] + 1);
        if beads.iter().any(|b| apart(&b.id) || apart(&b.en)) {
            return super::clauses::Split {
                id: id.to_vec(),
                en: en.to_vec(),
                beads: whole.to_vec(),
                id_sentence: (0..id.len()).map(Some).collect(),
                en_sentence: (0..en.len()).map(Some).collect(),
            };
        }
        super::clauses::Split {
            id: sid,
            en: sen,
            beads,
            id_sentence,
            en_sentence,
        }
    }
}

/// One side of [`Uncrossed::restore`]: the segments of the monotonic part's split (`segs`,
/// with the sentence of the part each one is, `which`) and the crossing beads' sentences
/// `extra` (of `all`), in text order. Returns the segments, the input sentence each one is,
/// the new number of each of the part's segments and of each extra sentence.
#[allow(clippy::type_complexity)]
fn merge(
    segs: Vec<crate::segment::Sentence>,
    which: &[Option<usize>],
    kept: &[usize],
    all: &[crate::segment::Sentence],
    mut extra: Vec<usize>,
) -> (
    Vec<crate::segment::Sentence>,
    Vec<Option<usize>>,
    Vec<usize>,
    std::collections::HashMap<usize, usize>,
) {
    extra.sort_unstable();
    let (mut out, mut sent) = (Vec::new(), Vec::new());
    let mut map = Vec::with_capacity(segs.len());
    let mut new_extra = std::collections::HashMap::new();
    let mut x = extra.into_iter().peekable();
    for (seg, w) in segs.into_iter().zip(which) {
        while let Some(&k) = x.peek().filter(|&&k| all[k].start <= seg.start) {
            new_extra.insert(k, out.len());
            out.push(all[k].clone());
            sent.push(Some(k));
            x.next();
        }
        map.push(out.len());
        out.push(seg);
        sent.push(w.map(|r| kept[r]));
    }
    for k in x {
        new_extra.insert(k, out.len());
        out.push(all[k].clone());
        sent.push(Some(k));
    }
    (out, sent, map, new_extra)
}

/// Which of `xs` make up a longest strictly ascending subsequence.
fn ascending(xs: &[usize]) -> Vec<bool> {
    // Patience sorting: `tails[l]` is the index of the smallest last element of an ascending
    // subsequence of length l + 1; `prev` links each element to its predecessor.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; xs.len()];
    for (k, &x) in xs.iter().enumerate() {
        let l = tails.partition_point(|&t| xs[t] < x);
        if l > 0 {
            prev[k] = tails[l - 1];
        }
        if l == tails.len() {
            tails.push(k);
        } else {
            tails[l] = k;
        }
    }
    let mut keep = vec![false; xs.len()];
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        keep[k] = true;
        k = prev[k];
    }
    keep
}
