//! Filters for the exported corpus. Each dropped bead is counted under the first reason that
//! applies, in this order: empty side, score, length, ratio, identical sides, numbers,
//! duplicate.

use crate::align::Bead;
use crate::score::Features;
use crate::text::normalize;
use serde::Serialize;

/// Why a bead was left out of the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// One side is empty (1-0, 0-1); kept with `--keep-empty`.
    EmptySide,
    /// Score below `--min-score`.
    LowScore,
    /// A side is shorter than `--min-words` or longer than `--max-words`.
    Length,
    /// The character-length ratio of the sides is above `--max-ratio`.
    Ratio,
    /// Both sides are the same text (untranslated).
    Identical,
    /// Each side has a number the other lacks.
    Numbers,
    /// The same pair was already written (`--dedup`).
    Duplicate,
}

impl DropReason {
    /// Every reason, in the order they are checked.
    pub const ALL: [DropReason; 7] = [
        DropReason::EmptySide,
        DropReason::LowScore,
        DropReason::Length,
        DropReason::Ratio,
        DropReason::Identical,
        DropReason::Numbers,
        DropReason::Duplicate,
    ];

    /// The name used in the stats file and summary.
    pub fn name(self) -> &'static str {
        match self {
            DropReason::EmptySide => "empty_side",
            DropReason::LowScore => "low_score",
            DropReason::Length => "length",
            DropReason::Ratio => "ratio",
            DropReason::Identical => "identical",
            DropReason::Numbers => "numbers",
            DropReason::Duplicate => "duplicate",
        }
    }
}

/// Filter settings.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Filters {
    /// Drop beads scored below this.
    pub min_score: f64,
    /// Keep beads with an empty side.
    pub keep_empty: bool,
    /// Minimum words on each side (0: no bound).
    pub min_words: usize,
    /// Maximum words on each side (0: no bound).
    pub max_words: usize,
    /// Maximum ratio of the longer to the shorter side in characters (0: no bound).
    pub max_ratio: f64,
    /// Keep pairs whose sides are the same text.
    pub keep_identical: bool,
    /// Keep pairs whose numbers disagree.
    pub keep_num_mismatch: bool,
    /// Drop pairs already written.
    pub dedup: bool,
    /// Keep the documents that are not translations of each other (by their languages or
    /// their document score), rather than listing them as errors.
    pub keep_unparallel: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            min_score: 0.0,
            keep_empty: false,
            min_words: 0,
            max_words: 0,
            max_ratio: 0.0,
            keep_identical: false,
            keep_num_mismatch: false,
            dedup: false,
            keep_unparallel: false,
        }
    }
}

impl Filters {
    /// The verdict on one bead with texts `id` and `en` (sentences joined by a space), all
    /// filters but dedup. `features` gives the evidence features of the pair (called only
    /// when the number filter needs them).
    pub fn check(
        &self,
        bead: &Bead,
        id: &str,
        en: &str,
        features: impl FnOnce() -> Features,
    ) -> Option<DropReason> {
        let id_empty = id.trim().is_empty();
        let en_empty = en.trim().is_empty();
        if id_empty || en_empty {
            // Empty-side beads are exempt from the pair filters when kept.
            return (!self.keep_empty).then_some(DropReason::EmptySide);
        }
        // Compare the score as written (four decimals), so a bound read off the output holds.
        if crate::export::round_score(bead.score) < self.min_score {
            return Some(DropReason::LowScore);
        }
        if self.min_words > 0 || self.max_words > 0 {
            for side in [id, en] {
                let w = side.split_whitespace().count();
                if w < self.min_words || (self.max_words > 0 && w > self.max_words) {
                    return Some(DropReason::Length);
                }
            }
        }
        if self.max_ratio > 0.0 {
            let a = id.chars().count() as f64;
            let b = en.chars().count() as f64;
            if a.max(b) / a.min(b).max(1.0) > self.max_ratio {
                return Some(DropReason::Ratio);
            }
        }
        if !self.keep_identical && same_text(id, en) {
            return Some(DropReason::Identical);
        }
        if !self.keep_num_mismatch {
            let f = features();
            // Disagree: each side has a number the other lacks (15 vs 50). A number only on
            // one side is common in good translations (a date left out) and is not enough.
            if f.num_id_only > 0 && f.num_en_only > 0 {
                return Some(DropReason::Numbers);
            }
        }
        None
    }
}

/// Same text after normalisation, ignoring case and punctuation.
fn same_text(a: &str, b: &str) -> bool {
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    // Text already in NFKC (nearly all) needs no normalised copy: what `normalize` would
    // still change (white space, invisible and control characters) the key drops anyway.
    if crate::text::is_nfkc(a) && crate::text::is_nfkc(b) {
        return key(a).next().is_some() && key(a).eq(key(b));
    }
    let (na, nb) = (normalize(a), normalize(b));
    key(&na).next().is_some() && key(&na).eq(key(&nb))
}

/// The key of a pair for `--dedup`: a 128-bit FNV-1a hash of both normalised sides.
pub fn dedup_key(id: &str, en: &str) -> u128 {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    let prime: u128 = 0x0000000001000000000000000000013B;
    for b in normalize(id)
        .bytes()
        .chain(std::iter::once(0xff))
        .chain(normalize(en).bytes())
    {
        h ^= u128::from(b);
        h = h.wrapping_mul(prime);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(score: f64) -> Bead {
        Bead {
            id: vec![0],
            en: vec![0],
            score,
        }
    }

    use crate::score::Evidence;
    use crate::segment::Lang;

    #[test]
    fn identical_ignores_case_punctuation_and_forms() {
        assert!(same_text("Jakarta, 2024.", "jakarta 2024"));
        assert!(same_text("KPK\u{200b}!", "kpk"));
        // Not in NFKC: compared after normalisation.
        assert!(same_text("\u{fb01}le \u{2460}", "file 1"));
        assert!(same_text("Cafe\u{301}", "caf\u{e9}"));
        assert!(!same_text("Jakarta", "Bandung"));
        assert!(!same_text("...", "!!!"));
        assert!(!same_text("", ""));
    }

    #[test]
    fn reasons_in_order() {
        let evidence = Evidence::bundled();
        let ev = |id: &str, en: &str| {
            let (id, en) = (id.to_string(), en.to_string());
            let e = evidence.clone();
            move || e.features(&e.prepare(&id, Lang::Id), &e.prepare(&en, Lang::En))
        };
        let f = Filters {
            min_score: 0.5,
            min_words: 2,
            max_words: 5,
            max_ratio: 2.0,
            ..Filters::default()
        };
        let empty = Bead {
            id: vec![0],
            en: vec![],
            score: 0.1,
        };
        assert_eq!(
            f.check(&empty, "Halo.", "", ev("Halo.", "")),
            Some(DropReason::EmptySide)
        );
        let keep = Filters {
            keep_empty: true,
            ..f.clone()
        };
        assert_eq!(keep.check(&empty, "Halo.", "", ev("Halo.", "")), None);
        assert_eq!(
            f.check(&bead(0.4), "a b", "c d", ev("a b", "c d")),
            Some(DropReason::LowScore)
        );
        assert_eq!(
            f.check(&bead(0.9), "a", "c d", ev("a", "c d")),
            Some(DropReason::Length)
        );
        assert_eq!(
            f.check(&bead(0.9), "a b c d e f", "c d", ev("a b c d e f", "c d")),
            Some(DropReason::Length)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "aaaaaaaaaa bbbbbbbbbb",
                "c d",
                ev("aaaaaaaaaa bbbbbbbbbb", "c d")
            ),
            Some(DropReason::Ratio)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "Jakarta, Indonesia.",
                "jakarta indonesia",
                ev("Jakarta, Indonesia.", "jakarta indonesia")
            ),
            Some(DropReason::Identical)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "Saya makan.",
                "I eat.",
                ev("Saya makan.", "I eat.")
            ),
            None
        );
    }

    #[test]
    fn dedup_key_normalises() {
        assert_eq!(dedup_key("a  b", "c"), dedup_key("a b", "c"));
        assert_ne!(dedup_key("ab", "c"), dedup_key("a", "bc"));
    }
}
