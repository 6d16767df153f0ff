//! Quality flags for aligned pairs (`selaras check`, batch filters) and the corpus summary.
//!
//! Each pair gets zero or more named [`Flag`]s. [`flags_for`] gives the flags that depend on
//! one pair only (everything but `duplicate`); [`Duplicates`] adds `duplicate`;
//! [`check_pairs`] does both for a whole corpus and builds the [`Summary`].

pub mod formats;
pub mod langid;
pub mod summary;
pub mod table;

pub use summary::{DocSummary, Summary};

use crate::error::{Error, Result};
use crate::score::pair::length_z;
use crate::score::unit::count_conversions;
use crate::score::{Features, PairScorer, Prepared};
use crate::segment::Lang;
use rayon::prelude::*;
use std::collections::HashSet;
use table::Table;

/// A reason to distrust a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// One side is empty (a 1-0 or 0-1 bead).
    EmptySide,
    /// The pair probability is low: below [`CheckConfig::hard_min_score`], or below
    /// [`CheckConfig::min_score`] without standing out from chance pairings of the same
    /// sentences.
    LowScore,
    /// The length ratio is an outlier under the length model.
    LengthRatio,
    /// Numbers on one side are missing on the other (the numbers of a unit conversion,
    /// `5 km` / `3 miles`, count as shared: [`count_conversions`]).
    NumbersDiffer,
    /// Names on one side are missing on the other.
    NamesDiffer,
    /// Same text on both sides, or English on the Indonesian side, or Indonesian on the English.
    Untranslated,
    /// Both sides are very short (little evidence either way, little use for training).
    TooShort,
    /// A side is very long (likely several sentences run together).
    TooLong,
    /// The same pair appeared earlier in the corpus.
    Duplicate,
}

impl Flag {
    /// Every flag, in the order they are listed in outputs.
    pub const ALL: [Flag; 9] = [
        Flag::EmptySide,
        Flag::LowScore,
        Flag::LengthRatio,
        Flag::NumbersDiffer,
        Flag::NamesDiffer,
        Flag::Untranslated,
        Flag::TooShort,
        Flag::TooLong,
        Flag::Duplicate,
    ];

    /// The flag's name in outputs (`low_score`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Flag::EmptySide => "empty_side",
            Flag::LowScore => "low_score",
            Flag::LengthRatio => "length_ratio",
            Flag::NumbersDiffer => "numbers_differ",
            Flag::NamesDiffer => "names_differ",
            Flag::Untranslated => "untranslated",
            Flag::TooShort => "too_short",
            Flag::TooLong => "too_long",
            Flag::Duplicate => "duplicate",
        }
    }

    /// Parse a flag name.
    pub fn from_name(s: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// Join flag names with commas (the `flags` column).
pub fn flag_list(flags: &[Flag]) -> String {
    flags.iter().map(|f| f.name()).collect::<Vec<_>>().join(",")
}

/// Thresholds of the flags.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckConfig {
    /// `low_score` below this pair probability, unless the pair scores clearly higher than
    /// chance pairings of its sentences (see [`CheckConfig::min_margin`]).
    pub min_score: f64,
    /// `low_score` below this pair probability in any case.
    pub hard_min_score: f64,
    /// A pair under `min_score` escapes `low_score` when its log-odds exceed the baseline
    /// (the mean log-odds of its Indonesian with other pairs' English and of its English with
    /// other pairs' Indonesian, [`BASELINE_PARTNERS`] each, drawn from the corpus) by at
    /// least this much. Some sentences score low with anything (free translations, few
    /// dictionary words): the baseline tells a low true pair from a wrong one.
    pub min_margin: f64,
    /// Compute the baseline of each pair (`check`, `report`, `score`); when off, `low_score`
    /// is simply `score < min_score`.
    pub baseline: bool,
    /// `length_ratio` when |z| of the length model exceeds this.
    pub max_length_z: f64,
    /// `numbers_differ` when at least this many numbers are unmatched.
    pub max_unmatched_numbers: u32,
    /// `names_differ` when at least this many names are unmatched on each side and none is
    /// shared.
    pub max_unmatched_names: u32,
    /// `too_short` when both sides have fewer characters than this.
    pub min_chars: usize,
    /// `too_long` when a side has more characters than this.
    pub max_chars: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            min_score: 0.3,
            hard_min_score: 0.05,
            min_margin: 2.5,
            baseline: true,
            max_length_z: 4.0,
            max_unmatched_numbers: 2,
            max_unmatched_names: 3,
            min_chars: 12,
            max_chars: 1000,
        }
    }
}

impl CheckConfig {
    /// Refuse thresholds that cannot be used (a probability outside 0–1, say).
    pub fn validate(&self) -> Result<()> {
        for (name, v) in [
            ("--min-score", self.min_score),
            ("--hard-min-score", self.hard_min_score),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::Invalid(format!(
                    "{name} must be between 0 and 1, not {v}"
                )));
            }
        }
        if !self.min_margin.is_finite() {
            return Err(Error::Invalid("--min-margin must be a number".into()));
        }
        if self.max_length_z.is_nan() || self.max_length_z <= 0.0 {
            return Err(Error::Invalid("--max-length-z must be positive".into()));
        }
        Ok(())
    }
}

/// True when the text holds at least one letter.
fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// Whether `text` is written as a title: at least three words with letters, none of those
/// longer than three letters in lower case (`Harga Cabai Rawit Melonjak Menjelang Lebaran`,
/// `Bird's Eye Chilli Prices Soar Ahead of Eid`; short function words stay in lower case in
/// most title styles). A sentence full of names still writes its verbs in lower case (`Joko
/// Widodo bertemu Anwar Ibrahim di Jakarta`), though a short one may not (`met`): both sides
/// must read as titles.
fn title_cased(text: &str) -> bool {
    let words: Vec<&str> = (text.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let lower = (words.iter())
        .filter(|w| w.chars().count() > 3 && w.starts_with(char::is_lowercase))
        .count();
    words.len() >= 3 && lower == 0
}

/// The `untranslated` test: the same text on both sides, or a side in the wrong language.
pub fn is_untranslated(id: &str, en: &str) -> bool {
    let (a, b) = (crate::text::normalize(id), crate::text::normalize(en));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.to_lowercase() == b.to_lowercase() && has_letters(&a) && a.chars().count() >= 8 {
        return true;
    }
    langid::guess(&a).lang == Some(Lang::En) || langid::guess(&b).lang == Some(Lang::Id)
}

/// Log-odds of a probability (clamped away from 0 and 1).
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
}

/// The flags of one pair from its features and pair probability (every flag but
/// `duplicate`, which needs the whole corpus: see [`Duplicates`]). Sorted as [`Flag::ALL`].
/// Without context, `low_score` is simply `score < cfg.min_score`. `numbers_differ` reads
/// the number counts of `f`: give it [`count_conversions`]'s features, as [`check_pairs`]
/// does, for unit conversions to count as shared numbers.
pub fn flags_for(f: &Features, score: f64, id: &str, en: &str, cfg: &CheckConfig) -> Vec<Flag> {
    flags_in_context(f, score, None, id, en, cfg)
}

/// Chance partners drawn per side for a pair's baseline (see [`CheckConfig::min_margin`]).
pub const BASELINE_PARTNERS: usize = 8;

/// [`flags_for`] given the pair's baseline: the mean log-odds of its sentences paired with
/// other sentences of the corpus (`None` when not computed).
pub fn flags_in_context(
    f: &Features,
    score: f64,
    baseline: Option<f64>,
    id: &str,
    en: &str,
    cfg: &CheckConfig,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    let id_empty = id.trim().is_empty();
    let en_empty = en.trim().is_empty();
    if id_empty || en_empty {
        flags.push(Flag::EmptySide);
        let side = if id_empty { en } else { id };
        if side.chars().count() > cfg.max_chars {
            flags.push(Flag::TooLong);
        }
        return flags;
    }
    let low = score < cfg.hard_min_score
        || (score < cfg.min_score && baseline.is_none_or(|b| logit(score) - b < cfg.min_margin));
    if low {
        flags.push(Flag::LowScore);
    }
    if length_z(f.len_id, f.len_en).abs() > cfg.max_length_z {
        flags.push(Flag::LengthRatio);
    }
    if f.num_id_only + f.num_en_only >= cfg.max_unmatched_numbers
        || (f.num_shared == 0 && f.num_id_only > 0 && f.num_en_only > 0)
    {
        flags.push(Flag::NumbersDiffer);
    }
    // A title-cased headline capitalises its common words, which then read as names.
    if f.names_shared == 0
        && f.names_id_only >= cfg.max_unmatched_names
        && f.names_en_only >= cfg.max_unmatched_names
        && !(title_cased(id) && title_cased(en))
    {
        flags.push(Flag::NamesDiffer);
    }
    if is_untranslated(id, en) {
        flags.push(Flag::Untranslated);
    }
    let (ci, ce) = (id.chars().count(), en.chars().count());
    if ci < cfg.min_chars && ce < cfg.min_chars {
        flags.push(Flag::TooShort);
    }
    if ci > cfg.max_chars || ce > cfg.max_chars {
        flags.push(Flag::TooLong);
    }
    flags
}

/// Finds repeated pairs: the second and later occurrences of a pair (same texts after
/// normalisation, case ignored) are duplicates.
#[derive(Debug, Default)]
pub struct Duplicates {
    seen: HashSet<(String, String)>,
}

impl Duplicates {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record a pair; true when it was seen before. Pairs with an empty side never count.
    pub fn is_repeat(&mut self, id: &str, en: &str) -> bool {
        let key = (
            crate::text::normalize(id).to_lowercase(),
            crate::text::normalize(en).to_lowercase(),
        );
        if key.0.is_empty() || key.1.is_empty() {
            return false;
        }
        !self.seen.insert(key)
    }
}

/// One pair of a corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pair {
    /// 1-based line in the input file (0 when not read from a file).
    pub line: usize,
    /// Document name (the file name when the table has no `doc` column or it is empty).
    pub doc: String,
    /// Indonesian sentence indices in the document.
    pub id_idx: Vec<usize>,
    /// English sentence indices in the document.
    pub en_idx: Vec<usize>,
    /// Bead type, like `2-1`.
    pub bead: String,
    /// Indonesian text (escapes undone).
    pub id: String,
    /// English text (escapes undone).
    pub en: String,
}

impl Pair {
    /// The pair of an aligner bead: its sentences joined by a space (for `align`/`batch
    /// --report` and filters). Indices out of range are skipped, never a panic.
    pub fn from_bead<S: AsRef<str>>(
        doc: &str,
        bead: &crate::align::Bead,
        id_sentences: &[S],
        en_sentences: &[S],
    ) -> Pair {
        let join = |idx: &[usize], sents: &[S]| {
            idx.iter()
                .filter_map(|&i| sents.get(i).map(|s| s.as_ref().trim()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        Pair {
            line: 0,
            doc: doc.to_string(),
            id_idx: bead.id.clone(),
            en_idx: bead.en.clone(),
            bead: bead.kind(),
            id: join(&bead.id, id_sentences),
            en: join(&bead.en, en_sentences),
        }
    }
}

/// Which columns hold what.
#[derive(Clone, Debug)]
pub struct Columns {
    /// Indonesian text column.
    pub id: String,
    /// English text column.
    pub en: String,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            id: "id".into(),
            en: "en".into(),
        }
    }
}

fn parse_indices(table: &Table, line: usize, col: &str, s: &str) -> Result<Vec<usize>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|p| {
            p.trim().parse::<usize>().map_err(|_| Error::Parse {
                path: table.path.clone(),
                line,
                msg: format!("column `{col}`: `{s}` is not a comma-separated list of indices"),
            })
        })
        .collect()
}

/// Read a pair table (`-`: standard input) in any format selaras writes ([`Table::read`])
/// and its pairs.
pub fn read_pairs(
    path: &std::path::Path,
    cols: &Columns,
    opts: table::TableOptions,
) -> Result<(Table, Vec<Pair>)> {
    if cols.id == cols.en {
        return Err(Error::Invalid(format!(
            "--id-col and --en-col both name the column `{}`",
            cols.id
        )));
    }
    let table = Table::read(path, opts, cols)?;
    let pairs = pairs_from_table(&table, cols)?;
    Ok((table, pairs))
}

/// The pairs of a table. Columns `doc`, `id_idx`, `en_idx` and `bead` are used when present;
/// otherwise the whole file is one document, sentences are numbered in order and the bead type
/// is 1-1, 1-0 or 0-1 by which sides are empty.
pub fn pairs_from_table(table: &Table, cols: &Columns) -> Result<Vec<Pair>> {
    let ci = table.require(&cols.id)?;
    let ce = table.require(&cols.en)?;
    let cdoc = table.find("doc");
    let cii = table.find("id_idx");
    let cei = table.find("en_idx");
    let cbead = table.find("bead");
    let default_doc = table.path.file_name().map_or_else(
        || "corpus".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut pairs = Vec::with_capacity(table.rows.len());
    let mut counters: std::collections::HashMap<String, (usize, usize)> = Default::default();
    for row in &table.rows {
        let id = table.text(row, ci);
        let en = table.text(row, ce);
        let doc = cdoc
            .map(|c| table.text(row, c))
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| default_doc.clone());
        let next = counters.entry(doc.clone()).or_default();
        let id_idx = match cii {
            Some(c) => parse_indices(table, row.line, "id_idx", &row.fields[c])?,
            None if id.trim().is_empty() => Vec::new(),
            None => vec![next.0],
        };
        let en_idx = match cei {
            Some(c) => parse_indices(table, row.line, "en_idx", &row.fields[c])?,
            None if en.trim().is_empty() => Vec::new(),
            None => vec![next.1],
        };
        if let Some(&m) = id_idx.iter().max() {
            next.0 = next.0.max(m.saturating_add(1));
        }
        if let Some(&m) = en_idx.iter().max() {
            next.1 = next.1.max(m.saturating_add(1));
        }
        let bead = match cbead {
            Some(c) if !row.fields[c].trim().is_empty() => row.fields[c].trim().to_string(),
            _ => format!("{}-{}", id_idx.len(), en_idx.len()),
        };
        pairs.push(Pair {
            line: row.line,
            doc,
            id_idx,
            en_idx,
            bead,
            id,
            en,
        });
    }
    Ok(pairs)
}

/// The check of one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct PairCheck {
    /// Pair probability from [`PairScorer`] (0 for an empty side).
    pub score: f64,
    /// Flags, sorted as [`Flag::ALL`].
    pub flags: Vec<Flag>,
    /// The pair's baseline: mean log-odds of its sentences with chance partners (see
    /// [`CheckConfig::min_margin`]), when computed.
    pub baseline: Option<f64>,
}

/// Most pairs kept prepared as chance partners (an evenly spread sample of the corpus), so
/// memory stays bounded on large corpora.
pub const BASELINE_POOL: usize = 4096;

/// Chance partner `k` of pair `i`: an index below `n` (deterministic).
fn partner(i: usize, k: usize, n: usize) -> usize {
    let mut z = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (k as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z ^= z >> 31;
    z = z.wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 29;
    (z % n.max(1) as u64) as usize
}

/// Score and flag every pair (in parallel), then mark duplicates in corpus order. With
/// `cfg.baseline` (and at least 10 pairs with both sides), each pair's sentences are also
/// scored against chance partners from the corpus (see [`CheckConfig::min_margin`]), drawn
/// from an evenly spread sample of at most [`BASELINE_POOL`] pairs.
pub fn check_pairs(pairs: &[Pair], scorer: &PairScorer, cfg: &CheckConfig) -> Vec<PairCheck> {
    let ev = scorer.evidence();
    let prepare = |p: &Pair| (ev.prepare(&p.id, Lang::Id), ev.prepare(&p.en, Lang::En));
    // Pairs with both sides; an evenly spread sample of them is the pool of chance partners.
    let full: Vec<usize> = (0..pairs.len())
        .filter(|&i| !pairs[i].id.trim().is_empty() && !pairs[i].en.trim().is_empty())
        .collect();
    let use_baseline = cfg.baseline && full.len() >= 10;
    let pool_idx: Vec<usize> = if !use_baseline {
        Vec::new()
    } else if full.len() <= BASELINE_POOL {
        full.clone()
    } else {
        (0..BASELINE_POOL)
            .map(|k| full[k * full.len() / BASELINE_POOL])
            .collect()
    };
    let pool: Vec<(Prepared, Prepared)> =
        pool_idx.par_iter().map(|&j| prepare(&pairs[j])).collect();
    let mut checks: Vec<PairCheck> = (0..pairs.len())
        .into_par_iter()
        .map(|i| {
            let p = &pairs[i];
            let (pi, pe) = prepare(p);
            let f = ev.features(&pi, &pe);
            let score = crate::score::pair::probability(&f);
            // `numbers_differ` counts the numbers of a unit conversion as shared, as the batch
            // number filter does; the score reads the numbers as compared.
            let counted = count_conversions(ev, &p.id, &p.en, &f);
            let baseline = (use_baseline && f.len_id > 0.0 && f.len_en > 0.0).then(|| {
                let mut sum = 0.0;
                let mut m = 0usize;
                for k in 0..BASELINE_PARTNERS {
                    let j = partner(i, k, pool.len());
                    if pool_idx[j] == i {
                        continue;
                    }
                    let (qi, qe) = &pool[j];
                    sum += logit(crate::score::pair::probability(&ev.features(&pi, qe)));
                    sum += logit(crate::score::pair::probability(&ev.features(qi, &pe)));
                    m += 2;
                }
                if m == 0 { logit(score) } else { sum / m as f64 }
            });
            PairCheck {
                score,
                flags: flags_in_context(&counted, score, baseline, &p.id, &p.en, cfg),
                baseline,
            }
        })
        .collect();
    let mut dups = Duplicates::new();
    for (p, c) in pairs.iter().zip(checks.iter_mut()) {
        if dups.is_repeat(&p.id, &p.en) {
            c.flags.push(Flag::Duplicate);
        }
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(len_id: f64, len_en: f64) -> Features {
        Features {
            len_id,
            len_en,
            lex_id: 0.8,
            lex_en: 0.8,
            ..Features::default()
        }
    }

    const ID: &str = "Pemerintah membangun jembatan baru di kota itu.";
    const EN: &str = "The government built a new bridge in that city.";

    fn flags(f: &Features, score: f64, id: &str, en: &str) -> Vec<Flag> {
        flags_for(f, score, id, en, &CheckConfig::default())
    }

    #[test]
    fn a_good_pair_has_no_flags() {
        assert!(flags(&feats(47.0, 47.0), 0.95, ID, EN).is_empty());
    }

    #[test]
    fn low_score() {
        assert_eq!(flags(&feats(47.0, 47.0), 0.2, ID, EN), vec![Flag::LowScore]);
    }

    #[test]
    fn length_ratio() {
        let long = "The government built a new bridge in that city, and it was opened by the mayor on a sunny Monday morning before a large crowd of residents.";
        let f = feats(47.0, long.chars().count() as f64);
        assert_eq!(flags(&f, 0.9, ID, long), vec![Flag::LengthRatio]);
    }

    #[test]
    fn numbers_differ() {
        let mut f = feats(47.0, 47.0);
        f.num_id_only = 1;
        f.num_en_only = 1;
        assert_eq!(flags(&f, 0.9, ID, EN), vec![Flag::NumbersDiffer]);
        f.num_shared = 1;
        f.num_id_only = 0;
        assert!(flags(&f, 0.9, ID, EN).is_empty());
        f.num_id_only = 2;
        assert_eq!(flags(&f, 0.9, ID, EN), vec![Flag::NumbersDiffer]);
    }

    #[test]
    fn unit_conversions_are_no_numbers_differ() {
        let check = |id: &str, en: &str| {
            let pair = Pair {
                id: id.to_string(),
                en: en.to_string(),
                ..Pair::default()
            };
            check_pairs(&[pair], &PairScorer::new(), &CheckConfig::default())[0]
                .flags
                .contains(&Flag::NumbersDiffer)
        };
        for (id, en) in [
            ("Jaraknya 5 km dari kota.", "It is 3 miles from town."),
            (
                "Badai itu sekitar 4.800 km dari Miami dengan angin 64 km per jam (40 mph).",
                "The storm was about 3,000 miles from Miami with winds of 40 mph (64 kph).",
            ),
            (
                "Orang yang berbobot 90 kg di Bumi akan berbobot 16 kg di Io.",
                "A person who weighs 200 pounds (90kg) on Earth would weigh 36 pounds (16kg) on Io.",
            ),
            (
                "Ekspor batu bara mencapai 5 juta ton.",
                "Coal exports reached 11 billion pounds.",
            ),
        ] {
            assert!(!check(id, en), "{id} | {en}");
        }
        for (id, en) in [
            ("Jaraknya 5 km dari kota.", "It is 30 miles from town."),
            (
                "Jaraknya 5 km, dan 15 orang datang.",
                "It is 3 miles away, and 50 people came.",
            ),
        ] {
            assert!(check(id, en), "{id} | {en}");
        }
    }

    #[test]
    fn names_differ() {
        let mut f = feats(47.0, 47.0);
        f.names_id_only = 3;
        f.names_en_only = 1;
        assert!(flags(&f, 0.9, ID, EN).is_empty());
        f.names_en_only = 3;
        assert_eq!(flags(&f, 0.9, ID, EN), vec![Flag::NamesDiffer]);
        f.names_shared = 1;
        assert!(flags(&f, 0.9, ID, EN).is_empty());
        // Not in a title, which capitalises its common words.
        f.names_shared = 0;
        let (id, en) = (
            "Harga Cabai Rawit Melonjak Menjelang Lebaran",
            "Bird's Eye Chilli Prices Soar Ahead of Eid",
        );
        assert!(flags(&f, 0.9, id, en).is_empty());
        assert!(!title_cased(ID) && !title_cased(EN));
        // A sentence full of names is no title, though its other side may read as one.
        let (id, en) = (
            "Joko Widodo bertemu Anwar Ibrahim dan Lee Hsien Loong di Jakarta",
            "Barack Obama met Vladimir Putin and Angela Merkel in Moscow",
        );
        assert_eq!(flags(&f, 0.9, id, en), vec![Flag::NamesDiffer]);
    }

    #[test]
    fn untranslated() {
        assert_eq!(
            flags(&feats(47.0, 47.0), 0.9, EN, EN),
            vec![Flag::Untranslated]
        );
        assert_eq!(
            flags(&feats(47.0, 47.0), 0.9, ID, ID),
            vec![Flag::Untranslated]
        );
        let other_en = "The new bridge in the city was built by the government.";
        assert!(is_untranslated(other_en, EN));
        assert!(!is_untranslated(ID, EN));
    }

    #[test]
    fn too_short_and_too_long() {
        assert_eq!(
            flags(&feats(3.0, 3.0), 0.9, "Ya.", "Ya."),
            vec![Flag::TooShort]
        );
        let long_id = ID.repeat(25);
        let long_en = EN.repeat(25);
        let f = feats(long_id.len() as f64, long_en.len() as f64);
        assert_eq!(flags(&f, 0.9, &long_id, &long_en), vec![Flag::TooLong]);
    }

    #[test]
    fn empty_side() {
        assert_eq!(flags(&feats(47.0, 0.0), 0.0, ID, ""), vec![Flag::EmptySide]);
        assert_eq!(
            flags(&feats(0.0, 47.0), 0.0, " ", EN),
            vec![Flag::EmptySide]
        );
    }

    #[test]
    fn duplicate() {
        let pairs: Vec<Pair> = [(ID, EN), ("Lain.", "Other."), (ID, EN), (ID, "")]
            .iter()
            .map(|(i, e)| Pair {
                id: i.to_string(),
                en: e.to_string(),
                ..Pair::default()
            })
            .collect();
        let checks = check_pairs(&pairs, &PairScorer::new(), &CheckConfig::default());
        assert!(!checks[0].flags.contains(&Flag::Duplicate));
        assert!(checks[2].flags.contains(&Flag::Duplicate));
        assert!(!checks[3].flags.contains(&Flag::Duplicate));
        let mut d = Duplicates::new();
        assert!(!d.is_repeat("A b", "C d"));
        assert!(d.is_repeat("a  b", "c D"));
    }

    #[test]
    fn pair_from_bead() {
        let bead = crate::align::Bead {
            id: vec![0, 1],
            en: vec![0, 9],
            score: 0.9,
        };
        let p = Pair::from_bead("d", &bead, &["Satu.", " Dua. "], &["One and two."]);
        assert_eq!(
            (p.bead.as_str(), p.id.as_str(), p.en.as_str()),
            ("2-2", "Satu. Dua.", "One and two.")
        );
    }

    #[test]
    fn flag_names_round_trip() {
        for f in Flag::ALL {
            assert_eq!(Flag::from_name(f.name()), Some(f));
        }
        assert_eq!(
            flag_list(&[Flag::LowScore, Flag::Duplicate]),
            "low_score,duplicate"
        );
    }
}
