//! Filters for the exported corpus. Each dropped bead is counted under the first reason that
//! applies, in this order: empty side, score, length, ratio, identical sides, numbers,
//! duplicate.

use crate::align::Bead;
use crate::export::{DocAlignment, Format};
use crate::pipeline::Aligned;
use crate::score::unit::count_conversions;
use crate::score::{Evidence, Features, Prepared};
use crate::segment::Lang;
use crate::text::normalize;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

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

    /// The option that keeps what this reason drops, or sets its bound.
    pub fn option(self) -> &'static str {
        match self {
            DropReason::EmptySide => "--keep-empty",
            DropReason::LowScore => "--min-score",
            DropReason::Length => "--min-words/--max-words",
            DropReason::Ratio => "--max-ratio",
            DropReason::Identical => "--keep-identical",
            DropReason::Numbers => "--keep-num-mismatch",
            DropReason::Duplicate => "--dedup",
        }
    }
}

/// The filters' verdict on each bead of one document, in bead order, before `--dedup`
/// (which needs the corpus written so far: [`Verdicts::verdict`]).
#[derive(Clone, Debug, Default)]
pub struct Verdicts {
    verdicts: Vec<Option<DropReason>>,
    /// The `--dedup` key of each bead (0 for a dropped one); empty without `--dedup`.
    keys: Vec<u128>,
}

impl Verdicts {
    /// The verdict on bead `k`, `--dedup` included: a pair already in `seen` is a
    /// duplicate; a kept one is added to it.
    pub fn verdict(&self, k: usize, seen: &mut HashSet<u128>) -> Option<DropReason> {
        let dup = |key: &u128| (!seen.insert(*key)).then_some(DropReason::Duplicate);
        self.verdicts[k].or_else(|| self.keys.get(k).and_then(dup))
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
    /// Refuse bounds that mean nothing (a score outside 0-1, a negative ratio) or drop every
    /// pair.
    pub fn validate(&self) -> crate::Result<()> {
        let invalid = |m: &str| Err(crate::Error::Invalid(m.into()));
        if !(0.0..=1.0).contains(&self.min_score) {
            return invalid("--min-score must be between 0 and 1");
        }
        if self.max_ratio < 0.0 || self.max_ratio.is_nan() {
            return invalid("--max-ratio must be 0 or more");
        }
        // The longer side has at least the characters of the shorter: a bound below 1 keeps
        // nothing.
        if self.max_ratio > 0.0 && self.max_ratio < 1.0 {
            return invalid("--max-ratio is below 1: every pair would be dropped (0: no bound)");
        }
        if self.max_words > 0 && self.max_words < self.min_words {
            return invalid("--max-words is below --min-words: every pair would be dropped");
        }
        Ok(())
    }

    /// The filters for a corpus written in `format`. A ladder is the alignment of each
    /// document, as `selaras align` writes it: the filters that drop beads by default (empty
    /// side, identical sides, numbers that disagree) do not apply to it; the ones asked for
    /// do.
    pub fn for_format(&self, format: Format) -> Filters {
        let whole = format == Format::Ladder;
        Filters {
            keep_empty: self.keep_empty || whole,
            keep_identical: self.keep_identical || whole,
            keep_num_mismatch: self.keep_num_mismatch || whole,
            ..self.clone()
        }
    }

    /// The verdict on every bead of `aligned` (exported as `doc`), but `--dedup`'s. The
    /// number filter reads the prepared sentence of a side that is one whole sentence from
    /// `prepared` (when given, as in a batch) and prepares the other sides' texts with
    /// `evidence`.
    pub fn judge(
        &self,
        aligned: &Aligned,
        doc: &DocAlignment,
        evidence: &Evidence,
        prepared: (&[Prepared], &[Prepared]),
    ) -> Verdicts {
        let mut out = Verdicts::default();
        if self.keeps_all() {
            out.verdicts = vec![None; aligned.beads.len()];
            return out;
        }
        for b in &aligned.beads {
            let (id, en) = (doc.id_text(b), doc.en_text(b));
            let features = || match (
                whole_sentence(&b.id, &aligned.id_sentence, prepared.0),
                whole_sentence(&b.en, &aligned.en_sentence, prepared.1),
            ) {
                (Some(p), Some(q)) => evidence.features(p, q),
                _ => evidence.features(
                    &evidence.prepare(&id, Lang::Id),
                    &evidence.prepare(&en, Lang::En),
                ),
            };
            let v = self.check(b, &id, &en, features, evidence);
            if self.dedup {
                out.keys
                    .push(if v.is_none() { dedup_key(&id, &en) } else { 0 });
            }
            out.verdicts.push(v);
        }
        out
    }

    /// No filter drops anything (a ladder without bounds): no text need be read.
    fn keeps_all(&self) -> bool {
        self.keep_empty
            && self.keep_identical
            && self.keep_num_mismatch
            && !self.dedup
            && self.min_score <= 0.0
            && self.min_words == 0
            && self.max_words == 0
            && self.max_ratio == 0.0
    }

    /// The verdict on one bead with texts `id` and `en` (sentences joined by a space), all
    /// filters but dedup. `features` gives the evidence features of the pair (called only
    /// when the number filter needs them); `evidence` compares the texts again without the
    /// numbers of a unit conversion when they disagree.
    pub fn check(
        &self,
        bead: &Bead,
        id: &str,
        en: &str,
        features: impl FnOnce() -> Features,
        evidence: &Evidence,
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
            // The numbers of a unit conversion (`5 km` / `3 miles`) agree, as for `check`'s
            // `numbers_differ`; a true mismatch besides (`5 km, 15 orang` / `3 miles, 50
            // people`) still disagrees.
            let f = count_conversions(evidence, id, en, &features());
            // Disagree: each side has a number the other lacks (15 vs 50). A number only on
            // one side is common in good translations (a date left out) and is not enough.
            if f.num_id_only > 0 && f.num_en_only > 0 {
                return Some(DropReason::Numbers);
            }
        }
        None
    }
}

/// The prepared sentence of a one-segment side that is a whole sentence (`sentence`: the
/// sentence of each segment, when it is one whole), if any.
fn whole_sentence<'a>(
    side: &[usize],
    sentence: &[Option<usize>],
    prep: &'a [Prepared],
) -> Option<&'a Prepared> {
    match side {
        [k] => sentence
            .get(*k)
            .copied()
            .flatten()
            .and_then(|s| prep.get(s)),
        _ => None,
    }
}

/// Keep the beads of `aligned` the verdicts let through (`seen`: the pairs written before,
/// for `--dedup`); count each dropped one under its reason in `dropped`.
pub fn keep(
    beads: Vec<Bead>,
    verdicts: &Verdicts,
    seen: &mut HashSet<u128>,
    dropped: &mut BTreeMap<DropReason, u64>,
) -> Vec<Bead> {
    let mut kept = Vec::with_capacity(beads.len());
    for (k, bead) in beads.into_iter().enumerate() {
        match verdicts.verdict(k, seen) {
            Some(r) => *dropped.entry(r).or_default() += 1,
            None => kept.push(bead),
        }
    }
    kept
}

/// One line saying what the filters left out of `total` beads (`None`: nothing), with the
/// option that keeps each.
pub fn describe_dropped(dropped: &BTreeMap<DropReason, u64>, total: usize) -> Option<String> {
    let n: u64 = dropped.values().sum();
    if n == 0 {
        return None;
    }
    let parts: Vec<String> = dropped
        .iter()
        .map(|(r, k)| format!("{k} {} ({})", r.name(), r.option()))
        .collect();
    Some(format!(
        "left out {n} of {}: {}",
        crate::text::count(total as u64, "bead"),
        parts.join(", ")
    ))
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
            f.check(&empty, "Halo.", "", ev("Halo.", ""), &evidence),
            Some(DropReason::EmptySide)
        );
        let keep = Filters {
            keep_empty: true,
            ..f.clone()
        };
        assert_eq!(
            keep.check(&empty, "Halo.", "", ev("Halo.", ""), &evidence),
            None
        );
        assert_eq!(
            f.check(&bead(0.4), "a b", "c d", ev("a b", "c d"), &evidence),
            Some(DropReason::LowScore)
        );
        assert_eq!(
            f.check(&bead(0.9), "a", "c d", ev("a", "c d"), &evidence),
            Some(DropReason::Length)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "a b c d e f",
                "c d",
                ev("a b c d e f", "c d"),
                &evidence
            ),
            Some(DropReason::Length)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "aaaaaaaaaa bbbbbbbbbb",
                "c d",
                ev("aaaaaaaaaa bbbbbbbbbb", "c d"),
                &evidence
            ),
            Some(DropReason::Ratio)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "Jakarta, Indonesia.",
                "jakarta indonesia",
                ev("Jakarta, Indonesia.", "jakarta indonesia"),
                &evidence
            ),
            Some(DropReason::Identical)
        );
        assert_eq!(
            f.check(
                &bead(0.9),
                "Saya makan.",
                "I eat.",
                ev("Saya makan.", "I eat."),
                &evidence
            ),
            None
        );
    }

    #[test]
    fn unit_conversions_are_no_number_mismatch() {
        let evidence = Evidence::bundled();
        let f = Filters::default();
        let verdict = |id: &str, en: &str| {
            let e = &evidence;
            let features = || e.features(&e.prepare(id, Lang::Id), &e.prepare(en, Lang::En));
            f.check(&bead(0.9), id, en, features, e)
        };
        for (id, en) in [
            ("Jaraknya 5 km dari kota.", "It is 3 miles from town."),
            ("Beratnya 100 kg.", "It weighs 220 pounds."),
            ("Suhunya mencapai 30 °C.", "It reached 86 °F."),
            (
                "Jalan sepanjang 4.800 km itu selesai.",
                "The 3,000-mile road is done.",
            ),
            (
                "Ekspor batu bara mencapai 5 juta ton.",
                "Coal exports reached 11 billion pounds.",
            ),
            (
                "Kebakaran menghanguskan 2 juta hektar hutan.",
                "The fires burned 4.9 million acres of forest.",
            ),
            // A scale word and a unit on both sides, or a currency.
            (
                "Produksi beras mencapai 5 juta ton.",
                "Rice production reached 5 million tons.",
            ),
            ("Dana Rp 2,5 triliun.", "A fund of 2.5 trillion rupiah."),
            ("Nilainya 2,5 miliar dolar.", "It is worth $2.5 billion."),
        ] {
            assert_eq!(verdict(id, en), None, "{id} | {en}");
        }
        for (id, en) in [
            ("Naik 15 persen.", "Rose 50 percent."),
            ("Jaraknya 5 km dari kota.", "It is 50 km from town."),
            ("Jaraknya 5 km dari kota.", "It is 30 miles from town."),
            (
                "Jaraknya 5 km, dan 15 orang datang.",
                "It is 3 miles away, and 50 people came.",
            ),
            (
                "Ekspor batu bara mencapai 5 juta ton.",
                "Coal exports reached 8 billion pounds.",
            ),
            // The kilometres disagree; the miles given besides do not make up for them.
            (
                "Anginnya mencapai 240 kilometer per jam.",
                "Winds reached 727 kilometers an hour (149 miles per hour).",
            ),
        ] {
            assert_eq!(verdict(id, en), Some(DropReason::Numbers), "{id} | {en}");
        }
    }

    #[test]
    fn a_ratio_bound_below_one_is_refused() {
        let with = |max_ratio| Filters {
            max_ratio,
            ..Filters::default()
        };
        for r in [0.5, 0.999] {
            let e = with(r).validate().unwrap_err().to_string();
            assert!(e.contains("--max-ratio is below 1"), "{e}");
        }
        for r in [0.0, 1.0, 1.15] {
            assert!(with(r).validate().is_ok(), "{r}");
        }
    }

    #[test]
    fn dedup_key_normalises() {
        assert_eq!(dedup_key("a  b", "c"), dedup_key("a b", "c"));
        assert_ne!(dedup_key("ab", "c"), dedup_key("a", "bc"));
    }
}
