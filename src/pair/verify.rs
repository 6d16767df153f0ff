//! The aligner's word on a pair: each pair the assignment keeps is aligned, as `batch` would
//! align it, and its score is read together with the alignment's document score
//! ([`crate::pipeline::Judgement`]). A pair is refused where the alignment finds it far from
//! a translation (a document score below [`FAR`]) or where the two scores together fall below
//! the threshold.
//!
//! The pair score reads whole documents: which words and numbers each translates and in what
//! order. Two short articles on the same kind of story (two forest fires, two floods) share
//! many of those, and in a small pile no rival lowers their score, which can reach 1. The
//! alignment reads them sentence by sentence and sees that hardly any sentence translates
//! another.

use crate::pipeline::{Input, Pipeline};
use rayon::prelude::*;

use super::input::Source;

/// The stage [`super::pair`] reports while it aligns the pairs kept.
pub const ALIGNING: &str = "aligning";

/// A document score of the alignment below which a pair is refused whatever its pair score:
/// two documents on the same kind of story score 0.004-0.008, the true pairs of
/// `benches/pair_bench.py` that the alignment doubts most (New Testament chapters) 0.12 and
/// more.
pub const FAR: f64 = 0.05;

/// What the alignment says of a pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The probability that the two translate each other, by the alignment (0 where a side
    /// could not be read again or holds no sentence).
    pub probability: f64,
    /// Why the two are not a translation, as the alignment says it (`None` where it takes
    /// them as one).
    pub reason: Option<String>,
    /// A side could not be read again or holds no sentence: that side's place and why. The
    /// pair is then refused as unusable, not as an untranslated pair.
    pub unusable: Option<String>,
}

/// Per pair (the Indonesian and the English document), what the alignment says. Runs on the
/// calling rayon pool.
pub fn verify(pipeline: &Pipeline, pairs: &[(&Source, &Source)]) -> Vec<Verdict> {
    pairs
        .par_iter()
        .map(|&(id, en)| judge(pipeline, id, en))
        .collect()
}

fn judge(pipeline: &Pipeline, id: &Source, en: &Source) -> Verdict {
    let unusable = |why: String| Verdict {
        probability: 0.0,
        reason: None,
        unusable: Some(why),
    };
    let (id_text, en_text) = match (id.side.clone().load(), en.side.clone().load()) {
        (Ok(i), Ok(e)) => (i.text, e.text),
        (Err((place, r)), _) | (_, Err((place, r))) => return unusable(format!("{place}: {r}")),
    };
    match pipeline.align(Input::Text(&id_text), Input::Text(&en_text)) {
        Ok(aligned) => Verdict {
            probability: aligned.document.probability,
            reason: aligned.document.reason,
            unusable: None,
        },
        Err(e) => unusable(e.to_string()),
    }
}

impl Verdict {
    /// Whether a pair of pair score `score` is refused with this verdict, and the two scores
    /// together ([`together`]).
    pub fn refuses(&self, score: f64, min_score: f64) -> (bool, f64) {
        let both = together(score, self.probability);
        let refused = self.unusable.is_some() || self.probability < FAR || both < min_score;
        (refused, both)
    }
}

/// The pair score `pair` read together with the alignment's document score `aligned`: their
/// log odds added (each read as evidence over even odds).
pub fn together(pair: f64, aligned: f64) -> f64 {
    use crate::check::logit;
    super::score::sigmoid(logit(pair) + logit(aligned))
}

/// A pair refused: its pair score, what the alignment said, and the two together.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub score: f64,
    pub verdict: Verdict,
    pub together: f64,
}

impl Refusal {
    /// The refusal in words, for the unpaired file.
    pub fn describe(&self) -> String {
        if let Some(why) = &self.verdict.unusable {
            return format!("its pair could not be read again to align it: {why}");
        }
        format!(
            "paired by its score, then refused once the two were aligned: {} (document score \
             {:.4}; both scores together {:.4})",
            self.verdict
                .reason
                .as_deref()
                .unwrap_or("few of its sentences translate each other"),
            self.verdict.probability,
            self.together
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_together() {
        // Even odds add nothing; a sure alignment lifts a weak pair score, a refusing one
        // sinks a strong pair score.
        assert!((together(0.7, 0.5) - 0.7).abs() < 1e-9);
        assert!(together(0.4, 0.99) > 0.98);
        assert!(together(0.63, 0.0042) < 0.01);
        assert!(together(1.0, 1.0) > 0.999);
    }
}
