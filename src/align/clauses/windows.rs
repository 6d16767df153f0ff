//! The windows of the clause alignment: which runs of sentence beads are aligned again and which
//! are kept ([`windows`]), and the [`Split`] assembled from each window's path ([`ClauseDoc`]).

use std::ops::Range;

use crate::score::Prepared;
use crate::segment::{Lang, Sentence};

use super::super::model::{DocStats, Tables};
use super::super::{Aligner, Bead, several_per_paragraph};
use super::pieces::{Side, clause_ends};
use super::{ClauseParams, Split};

/// The runs of beads to align again (`true`) and to keep (`false`), as `(start, end, open)`:
/// a bead is kept when it is 1-1 with a score of at least `sure`, its lengths agree (`disagree[k]`
/// false) and no other bead lies within `window` of it.
fn windows(
    beads: &[Bead],
    params: &ClauseParams,
    disagree: &[bool],
    pieces: &[usize],
) -> Vec<(usize, usize, bool)> {
    let n = beads.len();
    let settled = |b: &Bead| b.id.len() == 1 && b.en.len() == 1 && b.score >= params.sure;
    let mut open = vec![false; n];
    for (k, b) in beads.iter().enumerate() {
        if !settled(b) || disagree[k] {
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

/// A document's sentences and sentence alignment, as the clause searches read them.
pub(super) struct ClauseDoc<'a> {
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
    pub(super) fn new(
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
    pub(super) fn lengths_disagree(&self, params: &ClauseParams) -> Vec<bool> {
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
    pub(super) fn pieces(&self, params: &ClauseParams) -> Vec<usize> {
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
    pub(super) fn search<'t>(
        &self,
        params: &ClauseParams,
        tables: &dyn Fn() -> &'t Tables,
    ) -> Split {
        let (id, pid, en, pen, beads) = (self.id, self.pid, self.en, self.pen, self.beads);
        let (bead_i, bead_e, use_para) = (&self.bead_i, &self.bead_e, self.use_para);
        let mut out = Split::default();
        let windows = windows(
            beads,
            params,
            &self.lengths_disagree(params),
            &self.pieces(params),
        );
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

#[cfg(test)]
mod tests {
    use super::super::test_util::bead;
    use super::*;

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
        let disagree = [true, false, false, false, false, false, false];
        assert_eq!(windows(&beads, &p, &disagree, &one), vec![(0, 7, true)]);
        let far = ClauseParams { window: 0, ..p };
        assert_eq!(
            windows(&beads, &far, &even, &one),
            vec![(0, 3, false), (3, 4, true), (4, 6, false), (6, 7, true)]
        );
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
