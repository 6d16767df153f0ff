//! Document pairing: which Indonesian document translates which English document, in two
//! collections that come without a manifest (two crawls of a news site's editions).
//!
//! 1. Every document is read, checked (empty, invalid UTF-8, the wrong language, a text
//!    given twice: [`Unpaired`] rows with their reason) and prepared sentence by sentence
//!    with the aligner's evidence model ([`crate::score::Evidence`]).
//! 2. The candidate search ([`index`]) proposes, for each document, the few documents of the
//!    other side it shares rare keys with: lexicon translations of its content words, numbers
//!    in all their forms, names and tokens as written, cognates.
//! 3. Each candidate pair gets a document score ([`score`]): the probability that the two
//!    translate each other.
//! 4. A one-to-one assignment ([`assign`]) keeps the best pairs whose score reaches the
//!    threshold; every other document is left without a partner, with its best candidate.
//! 5. Each pair kept is aligned ([`verify`]); a pair the alignment finds not to be a
//!    translation is refused, and the assignment runs again without it.
//!
//! All steps run on all cores; the result does not depend on the number of threads.

pub mod assign;
pub mod index;
pub mod input;
pub mod score;
pub mod verify;
pub mod write;

use crate::error::{Error, Result};
use crate::score::{CoverIndex, Evidence, Prepared, surface_key};
use crate::segment::{Lang, Segmenter};
use assign::Scored;
use input::{Listed, Place, Source};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use score::{DocFeatures, DocPrep};
use std::path::PathBuf;

/// The reason of a document in the other side's language (what its unpaired row begins with).
pub const WRONG_LANGUAGE: &str = "wrong language";

/// The default `--min-score`. A pair is kept only when it is also the best left for both its
/// documents (competitive linking), so a score below even odds can still be kept safely:
/// on `benches/pair_bench.py` (seeds 1-5) 0.3 keeps 0.1-0.2 points more of the true pairs
/// than 0.5 at the same precision (≥ 0.996).
pub const DEFAULT_MIN_SCORE: f64 = 0.3;

/// Documents handled between two progress reports.
const CHUNK: usize = 512;

/// How to pair.
#[derive(Clone, Debug)]
pub struct Options {
    /// Pairs scored below this are not kept.
    pub min_score: f64,
    /// Worker threads (0: all cores).
    pub jobs: usize,
    /// Keep every candidate pair's features in the outcome (for calibration).
    pub keep_candidates: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_score: DEFAULT_MIN_SCORE,
            jobs: 0,
            keep_candidates: false,
        }
    }
}

/// Where a run is, for a progress bar.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// What is being done: `reading`, `searching`, `scoring`, `aligning`.
    pub stage: &'static str,
    /// Units of this stage done.
    pub done: u64,
    /// Units of this stage in all.
    pub total: u64,
}

/// A pair kept: one row of the manifest.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The Indonesian document's name.
    pub id: String,
    /// The English document's name.
    pub en: String,
    /// The Indonesian document's file (`None` for JSON Lines).
    pub id_path: Option<PathBuf>,
    /// The English document's file (`None` for JSON Lines).
    pub en_path: Option<PathBuf>,
    /// The document score.
    pub score: f64,
}

/// A document left without a partner: one row of the unpaired file.
#[derive(Clone, Debug, PartialEq)]
pub struct Unpaired {
    /// Its side.
    pub side: Lang,
    /// Its name.
    pub name: String,
    /// Where it is: its file, or the line that names it or holds it.
    pub file: Place,
    /// Its best candidate on the other side, and that pair's score.
    pub best: Option<(Place, f64)>,
    /// Why it has no partner.
    pub reason: String,
    /// True when the document itself could not be used (bad input), not merely unmatched.
    pub failed: bool,
    /// The document of its side whose text it repeats (the copy kept), named after the
    /// reason as the `file` column names documents.
    pub same_as: Option<Place>,
    /// It was paired, and the pair refused once aligned ([`verify`]).
    pub refused: bool,
}

impl Unpaired {
    /// The reason, with the document it repeats named by `shown` (as the `file` column names
    /// documents, relative to the unpaired file's directory).
    pub fn reason_shown(&self, shown: impl Fn(&Place) -> String) -> String {
        match &self.same_as {
            Some(p) => format!("{} {}", self.reason, shown(p)),
            None => self.reason.clone(),
        }
    }
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The pairs kept, sorted by the Indonesian document's name.
    pub pairs: Vec<Pair>,
    /// The documents without a partner: Indonesian first, each side sorted by name.
    pub unpaired: Vec<Unpaired>,
    /// Documents read on each side (Indonesian, English), usable or not.
    pub docs: (usize, usize),
    /// Candidate pairs scored.
    pub candidates: usize,
    /// Every candidate pair's names, features and score (with `keep_candidates`).
    pub features: Vec<(String, String, DocFeatures, f64)>,
    /// Worker threads used.
    pub jobs: usize,
    /// Documents found in the other pile's language and paired as what they are: each one's
    /// name, its file, and the language it was taken as.
    pub moved: Vec<(String, String, Lang)>,
}

impl Outcome {
    /// Documents that could not be used (bad input).
    pub fn failed(&self) -> usize {
        self.unpaired.iter().filter(|u| u.failed).count()
    }

    /// Documents left without a partner because their pair was refused once aligned as not
    /// a translation ([`verify`]).
    pub fn refused(&self) -> usize {
        (self.unpaired.iter())
            .filter(|u| u.refused && !u.failed)
            .count()
    }
}

/// A usable document of one side.
struct Doc {
    src: Source,
    prep: DocPrep,
    /// The keys of the candidate search (sorted, distinct).
    keys: Vec<u64>,
    /// Surface keys of its items (sorted, distinct), for the item weights.
    terms: Vec<u64>,
    /// Hash of the normalised text (duplicates).
    hash: u64,
    /// Its text reads as the other pile's language: it was prepared as that language and
    /// joins the other pile.
    moved: bool,
}

/// Pair the Indonesian documents `id` with the English documents `en`.
pub fn pair(
    id: Vec<Listed>,
    en: Vec<Listed>,
    ev: &Evidence,
    opts: &Options,
    progress: &dyn Fn(Progress),
) -> Result<Outcome> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(crate::batch::threads(opts.jobs))
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start worker threads: {e}")))?;
    let jobs = pool.current_num_threads();
    run(id, en, ev, opts, progress, &pool, jobs)
}

fn run(
    id: Vec<Listed>,
    en: Vec<Listed>,
    ev: &Evidence,
    opts: &Options,
    progress: &dyn Fn(Progress),
    pool: &rayon::ThreadPool,
    jobs: usize,
) -> Result<Outcome> {
    let mut outcome = Outcome {
        docs: (id.len(), en.len()),
        jobs,
        ..Outcome::default()
    };
    let total = (id.len() + en.len()) as u64;
    let (ids, mut bad_id) = load_side(id, Lang::Id, ev, (0, total), progress, pool);
    let (ens, mut bad_en) = load_side(en, Lang::En, ev, (ids.len() as u64, total), progress, pool);
    // A document in the other pile's language (an Indonesian article in the English crawl)
    // joins that pile, unless a document of that pile has its name or its text already.
    let (to_en, mut ids): (Vec<Doc>, Vec<Doc>) = ids.into_iter().partition(|d| d.moved);
    let (to_id, mut ens): (Vec<Doc>, Vec<Doc>) = ens.into_iter().partition(|d| d.moved);
    for (docs, pile, bad, lang) in [
        (to_id, &mut ids, &mut bad_en, Lang::Id),
        (to_en, &mut ens, &mut bad_id, Lang::En),
    ] {
        let mut names: FxHashSet<String> = pile.iter().map(|o| o.src.name.clone()).collect();
        let mut hashes: FxHashSet<u64> = pile.iter().map(|o| o.hash).collect();
        for d in docs {
            if names.contains(&d.src.name) || hashes.contains(&d.hash) {
                bad.push(wrong_language(lang, d.src.name, d.src.place));
            } else {
                names.insert(d.src.name.clone());
                hashes.insert(d.hash);
                outcome
                    .moved
                    .push((d.src.name.clone(), d.src.place.to_string(), lang));
                pile.push(d);
            }
        }
    }
    outcome
        .moved
        .sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    pool.install(|| {
        set_weights(&mut ids);
        set_weights(&mut ens);
    });
    let cands = candidates(&mut ids, &mut ens, progress, pool);
    outcome.candidates = cands.len();
    let mut scored = score_all(&ids, &ens, &cands, progress, pool);
    let logits: Vec<(u32, u32, f64)> = scored.iter().map(|(s, _)| (s.id, s.en, s.score)).collect();
    let finals = score::with_margins(&logits, ids.len(), ens.len());
    for ((s, _), p) in scored.iter_mut().zip(finals) {
        s.score = p;
    }
    if opts.keep_candidates {
        outcome.features = scored
            .iter()
            .map(|(s, f)| {
                let (i, e) = (&ids[s.id as usize], &ens[s.en as usize]);
                (i.src.name.clone(), e.src.name.clone(), f.clone(), s.score)
            })
            .collect();
    }
    let scored: Vec<Scored> = scored.into_iter().map(|(s, _)| s).collect();
    let (kept, refused) = link_verified(&scored, &ids, &ens, ev, opts, progress, pool);
    // Per document, the first pair of it the alignment refused (its documents are linked
    // again without it, and may be refused again with their next candidate, or paired).
    let mut id_refused: FxHashMap<u32, (u32, &verify::Refusal)> = FxHashMap::default();
    let mut en_refused: FxHashMap<u32, (u32, &verify::Refusal)> = FxHashMap::default();
    for ((i, e), r) in &refused {
        id_refused.entry(*i).or_insert((*e, r));
        en_refused.entry(*e).or_insert((*i, r));
    }
    let mut id_partner = vec![None; ids.len()];
    let mut en_partner = vec![None; ens.len()];
    for k in &kept {
        id_partner[k.id as usize] = Some(k.en);
        en_partner[k.en as usize] = Some(k.id);
        let (i, e) = (&ids[k.id as usize], &ens[k.en as usize]);
        outcome.pairs.push(Pair {
            id: i.src.name.clone(),
            en: e.src.name.clone(),
            id_path: i.src.path.clone(),
            en_path: e.src.path.clone(),
            score: k.score,
        });
    }
    outcome
        .pairs
        .sort_by(|a, b| a.id.cmp(&b.id).then(a.en.cmp(&b.en)));
    let (best_id, best_en) = best_candidates(&scored, ids.len(), ens.len());
    let unmatched = |side: Lang,
                     docs: &[Doc],
                     others: &[Doc],
                     partner: &[Option<u32>],
                     best: &[Option<(u32, f64)>],
                     refused: &FxHashMap<u32, (u32, &verify::Refusal)>,
                     unreadable: usize,
                     bad: Vec<Unpaired>| {
        let mut rows = bad;
        for (d, doc) in docs.iter().enumerate() {
            if partner[d].is_some() {
                continue;
            }
            // The candidate as the `file` column names documents: its file where it has one
            // (so that two piles' `guru.txt` are told apart), its id for JSON Lines.
            // A document whose pair the alignment refused names that partner, with the
            // pair's score.
            let refusal = refused.get(&(d as u32));
            let best = refusal.map(|&(o, r)| (o, r.score)).or(best[d]);
            let best = best.map(|(o, s)| {
                let other = &others[o as usize];
                let name = match other.src.path {
                    Some(_) => other.src.place.clone(),
                    None => Place::Name(other.src.name.clone()),
                };
                (name, s)
            });
            let reason = match (&best, refusal) {
                (_, Some((_, r))) => r.describe(),
                (None, _) => "no candidate: shares no rare word, name or number with a document of the other side".to_string(),
                (Some((_, s)), _) if *s < opts.min_score => format!(
                    "no candidate scores {} or more: none seems a translation",
                    opts.min_score
                ),
                (Some(_), _) => "its candidates were paired with documents they match better".to_string(),
            };
            // Its partner may be a document of the other side that could not be used (an
            // empty file is often a download that failed).
            let reason = match (refusal, unreadable) {
                (None, n) if n > 0 => format!(
                    "{reason}; {} of the other side could not be used, and its partner may be \
                     among them",
                    crate::text::count(n as u64, "document")
                ),
                _ => reason,
            };
            rows.push(Unpaired {
                side,
                name: doc.src.name.clone(),
                file: doc.src.place.clone(),
                best,
                reason,
                failed: refusal.is_some_and(|(_, r)| r.verdict.unusable.is_some()),
                same_as: None,
                refused: refusal.is_some(),
            });
        }
        rows.sort_by_cached_key(|r| (r.name.clone(), r.file.to_string()));
        rows
    };
    // Documents of each side that could not be used (empty, unreadable, ...; not those of
    // the wrong language or given twice, whose text another document of the pile holds).
    let unreadable = |bad: &[Unpaired]| {
        (bad.iter())
            .filter(|u| u.same_as.is_none() && !u.reason.starts_with(WRONG_LANGUAGE))
            .count()
    };
    let (unreadable_id, unreadable_en) = (unreadable(&bad_id), unreadable(&bad_en));
    outcome.unpaired = unmatched(
        Lang::Id,
        &ids,
        &ens,
        &id_partner,
        &best_id,
        &id_refused,
        unreadable_en,
        bad_id,
    );
    outcome.unpaired.extend(unmatched(
        Lang::En,
        &ens,
        &ids,
        &en_partner,
        &best_en,
        &en_refused,
        unreadable_id,
        bad_en,
    ));
    Ok(outcome)
}

/// The pairs of competitive linking ([`assign::link`]), each aligned ([`verify`]) and scored
/// by its pair score and the alignment's document score together ([`verify::together`]),
/// and the pairs refused, whose evidence together falls below the threshold. Each refused
/// pair leaves the candidates and the linking runs again, so that its documents may pair
/// with their next candidates (aligned in turn); every pair is aligned at most once.
type Refused = Vec<((u32, u32), verify::Refusal)>;

fn link_verified(
    scored: &[Scored],
    ids: &[Doc],
    ens: &[Doc],
    ev: &Evidence,
    opts: &Options,
    progress: &dyn Fn(Progress),
    pool: &rayon::ThreadPool,
) -> (Vec<Scored>, Refused) {
    let aligner = crate::align::Aligner::with_evidence(Default::default(), ev.clone());
    // The document's judgement does not depend on the split at clauses, which costs most of
    // the time on text whose sentences end at commas (the New Testament's verses).
    let options = crate::pipeline::Options {
        whole_sentences: true,
        ..Default::default()
    };
    let pipeline = crate::pipeline::Pipeline::new(aligner, options);
    let mut cands = scored.to_vec();
    // The score of each pair aligned, both pieces of evidence together.
    let mut checked: FxHashMap<(u32, u32), f64> = FxHashMap::default();
    let mut refused: Refused = Vec::new();
    loop {
        let kept = assign::link(&cands, ids.len(), ens.len(), opts.min_score);
        let new: Vec<&Scored> = (kept.iter())
            .filter(|k| !checked.contains_key(&(k.id, k.en)))
            .collect();
        let mut out = FxHashSet::default();
        // Counted over all rounds: a round after a refusal aligns only the new pairs.
        let (before, total) = (checked.len(), (checked.len() + new.len()) as u64);
        for (n, chunk) in new.chunks(CHUNK).enumerate() {
            progress(Progress {
                stage: verify::ALIGNING,
                done: (before + n * CHUNK) as u64,
                total,
            });
            let sources: Vec<_> = (chunk.iter())
                .map(|k| (&ids[k.id as usize].src, &ens[k.en as usize].src))
                .collect();
            let verdicts = pool.install(|| verify::verify(&pipeline, &sources));
            for (k, verdict) in chunk.iter().zip(verdicts) {
                let (refuses, together) = verdict.refuses(k.score, opts.min_score);
                checked.insert((k.id, k.en), together);
                if refuses {
                    out.insert((k.id, k.en));
                    let refusal = verify::Refusal {
                        score: k.score,
                        verdict,
                        together,
                    };
                    refused.push(((k.id, k.en), refusal));
                }
            }
        }
        if out.is_empty() {
            let kept = (kept.into_iter())
                .map(|k| Scored {
                    score: checked[&(k.id, k.en)],
                    ..k
                })
                .collect();
            return (kept, refused);
        }
        cands.retain(|c| !out.contains(&(c.id, c.en)));
    }
}

/// Each document's best candidate and its score (ties: the lower document number).
type Best = Vec<Option<(u32, f64)>>;

fn best_candidates(scored: &[Scored], n_id: usize, n_en: usize) -> (Best, Best) {
    let mut best_id: Best = vec![None; n_id];
    let mut best_en: Best = vec![None; n_en];
    let better = |slot: &Option<(u32, f64)>, o: u32, s: f64| match slot {
        None => true,
        Some((bo, bs)) => s > *bs || (s == *bs && o < *bo),
    };
    for c in scored {
        if better(&best_id[c.id as usize], c.en, c.score) {
            best_id[c.id as usize] = Some((c.en, c.score));
        }
        if better(&best_en[c.en as usize], c.id, c.score) {
            best_en[c.en as usize] = Some((c.id, c.score));
        }
    }
    (best_id, best_en)
}

/// Read, check and prepare the documents of one side; the unusable ones become failed
/// [`Unpaired`] rows. Item weights are set from the usable documents.
fn load_side(
    listed: Vec<Listed>,
    lang: Lang,
    ev: &Evidence,
    (done_before, total): (u64, u64),
    progress: &dyn Fn(Progress),
    pool: &rayon::ThreadPool,
) -> (Vec<Doc>, Vec<Unpaired>) {
    let segs = (Segmenter::new(lang), Segmenter::new(lang.other()));
    let mut loaded: Vec<std::result::Result<Doc, Box<Unpaired>>> = Vec::with_capacity(listed.len());
    let mut listed = listed.into_iter();
    loop {
        let chunk: Vec<Listed> = listed.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        pool.install(|| {
            loaded.par_extend(chunk.into_par_iter().map(|l| load_doc(l, lang, ev, &segs)))
        });
        progress(Progress {
            stage: "reading",
            done: done_before + loaded.len() as u64,
            total,
        });
    }
    let mut docs = Vec::new();
    let mut bad = Vec::new();
    let mut first_of: FxHashMap<u64, Place> = FxHashMap::default();
    for l in loaded {
        match l {
            Ok(d) => match first_of.get(&d.hash) {
                Some(first) => bad.push(Unpaired {
                    side: lang,
                    reason: "the same text as".to_string(),
                    name: d.src.name,
                    file: d.src.place,
                    best: None,
                    failed: true,
                    same_as: Some(first.clone()),
                    refused: false,
                }),
                None => {
                    first_of.insert(d.hash, d.src.place.clone());
                    docs.push(d);
                }
            },
            Err(u) => bad.push(*u),
        }
    }
    (docs, bad)
}

/// The failed row of a document in `lang` (the other pile's language) that could not join
/// that pile: it was listed on the other side.
fn wrong_language(lang: Lang, name: String, file: Place) -> Unpaired {
    let side = lang.other();
    let (is, want) = (lang.name(), side.name());
    Unpaired {
        side,
        name,
        file,
        best: None,
        reason: format!(
            "{WRONG_LANGUAGE}: the text reads as {is}, not {want}, and the {is} documents \
             have its name or its text already"
        ),
        failed: true,
        same_as: None,
        refused: false,
    }
}

/// Read one document listed on the side `lang`, check it and prepare it: as the other
/// side's language when its text reads as that (`segs`: the segmenters of `lang` and the
/// other language).
fn load_doc(
    l: Listed,
    lang: Lang,
    ev: &Evidence,
    segs: &(Segmenter, Segmenter),
) -> std::result::Result<Doc, Box<Unpaired>> {
    let failed = |name: String, file: Place, reason: String| {
        Box::new(Unpaired {
            side: lang,
            name,
            file,
            best: None,
            reason,
            failed: true,
            same_as: None,
            refused: false,
        })
    };
    let src = l.map_err(|r| failed(r.name, r.file, r.reason))?;
    let input = match src.side.clone().load() {
        Ok(i) => i,
        // The place is the file, or for a missing file a list names, the list's line.
        Err((place, r)) => return Err(failed(src.name, place, r)),
    };
    let text = input.text;
    let other = lang.other();
    let moved = crate::check::langid::guess_text(&text).lang == Some(other);
    let (lang, seg) = if moved {
        (other, &segs.1)
    } else {
        (lang, &segs.0)
    };
    let mut sents: Vec<Prepared> = seg
        .split(&text)
        .iter()
        .map(|s| ev.prepare(&s.text, lang))
        .collect();
    let chars = sents.iter().map(|p| p.chars).sum();
    let mut keys: Vec<u64> = match lang {
        Lang::Id => sents.iter().flat_map(|p| p.query_keys()).collect(),
        Lang::En => sents.iter().flat_map(|p| p.own_keys()).collect(),
    };
    keys.sort_unstable();
    keys.dedup();
    keys.shrink_to_fit();
    let mut terms: Vec<u64> = sents
        .iter()
        .flat_map(|p| p.items.iter().map(|it| surface_key(it.token())))
        .collect();
    terms.sort_unstable();
    terms.dedup();
    terms.shrink_to_fit();
    // Held for the whole run: only what the scoring reads is kept.
    sents.iter_mut().for_each(|p| p.shed(lang));
    let hash = crate::text::fnv1a64(&crate::text::normalize(&text));
    Ok(Doc {
        src,
        prep: DocPrep {
            sents,
            weights: Vec::new(),
            chars,
        },
        keys,
        terms,
        hash,
        moved,
    })
}

/// Each item's weight: the inverse document frequency of its token on its side.
fn set_weights(docs: &mut [Doc]) {
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    for d in docs.iter() {
        for &t in &d.terms {
            *df.entry(t).or_default() += 1;
        }
    }
    let n = docs.len();
    docs.par_iter_mut().for_each(|d| {
        d.terms = Vec::new();
        d.prep.weights = d
            .prep
            .sents
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .map(|it| {
                        let k = surface_key(it.token());
                        index::idf(df.get(&k).copied().unwrap_or(1) as usize, n) as f32
                    })
                    .collect()
            })
            .collect();
    });
}

/// The candidate pairs (Indonesian, English), sorted and distinct: each document's best
/// [`index::TOP_K`] from its own side's search. The documents' search keys are used up.
fn candidates(
    ids: &mut [Doc],
    ens: &mut [Doc],
    progress: &dyn Fn(Progress),
    pool: &rayon::ThreadPool,
) -> Vec<(u32, u32)> {
    let take = |docs: &mut [Doc]| -> Vec<Vec<u64>> {
        docs.iter_mut()
            .map(|d| std::mem::take(&mut d.keys))
            .collect()
    };
    let (id_keys, en_keys) = (take(ids), take(ens));
    let (id_post, en_post) = pool.join(
        || index::Postings::new(&id_keys),
        || index::Postings::new(&en_keys),
    );
    let forward = index::Search {
        from: &id_keys,
        into: &en_post,
        into_keys: &en_keys,
    };
    let backward = index::Search {
        from: &en_keys,
        into: &id_post,
        into_keys: &id_keys,
    };
    let (fnorm, bnorm) = pool.join(|| forward.norms(), || backward.norms());
    let total = (ids.len() + ens.len()) as u64;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut done = 0u64;
    for (search, norms, n_from, flip) in [
        (&forward, &fnorm, ids.len(), false),
        (&backward, &bnorm, ens.len(), true),
    ] {
        let n_into = norms.len();
        for start in (0..n_from).step_by(CHUNK) {
            let end = (start + CHUNK).min(n_from);
            let found: Vec<Vec<(u32, f32)>> = pool.install(|| {
                (start..end)
                    .into_par_iter()
                    .map_init(|| vec![0.0; n_into], |acc, d| search.top(d, norms, acc))
                    .collect()
            });
            for (d, top) in (start..end).zip(found) {
                for (o, _) in top {
                    pairs.push(if flip { (o, d as u32) } else { (d as u32, o) });
                }
            }
            done += (end - start) as u64;
            progress(Progress {
                stage: "searching",
                done,
                total,
            });
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Score every candidate pair, grouped by English document (its sentences indexed once).
fn score_all(
    ids: &[Doc],
    ens: &[Doc],
    cands: &[(u32, u32)],
    progress: &dyn Fn(Progress),
    pool: &rayon::ThreadPool,
) -> Vec<(Scored, DocFeatures)> {
    let mut by_en: Vec<Vec<u32>> = vec![Vec::new(); ens.len()];
    for &(i, e) in cands {
        by_en[e as usize].push(i);
    }
    let mut out = Vec::with_capacity(cands.len());
    for start in (0..ens.len()).step_by(CHUNK) {
        let end = (start + CHUNK).min(ens.len());
        let part: Vec<Vec<(Scored, DocFeatures)>> = pool.install(|| {
            (start..end)
                .into_par_iter()
                .map(|e| {
                    if by_en[e].is_empty() {
                        return Vec::new();
                    }
                    let en = &ens[e].prep;
                    let index = CoverIndex::new(&en.sents);
                    by_en[e]
                        .iter()
                        .map(|&i| {
                            let f = score::features(&ids[i as usize].prep, en, &index);
                            let score = score::logit(&f);
                            (
                                Scored {
                                    id: i,
                                    en: e as u32,
                                    score,
                                },
                                f,
                            )
                        })
                        .collect()
                })
                .collect()
        });
        out.extend(part.into_iter().flatten());
        progress(Progress {
            stage: "scoring",
            done: end as u64,
            total: ens.len() as u64,
        });
    }
    out
}
