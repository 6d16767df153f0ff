//! Property tests of the aligner: every sentence of both sides in exactly one bead, in order
//! (a monotone path; with moved content paired across the document, in Indonesian order),
//! deterministic, scores in [0, 1], no panic on empty or one-sided input.

use proptest::prelude::*;
use selaras::align::clauses::ClauseParams;
use selaras::align::{AlignConfig, Aligner, Bead};
use selaras::segment::{Lang, Segmenter, Sentence};

const WORDS: &[&str] = &[
    "rumah",
    "house",
    "Jakarta",
    "2025",
    "12,5",
    "presiden",
    "president",
    "air",
    "water",
    "dan",
    "and",
    "yang",
    "the",
    "besar",
    "big",
    "kota",
    "city",
    "Rp",
    "$",
    "juta",
    "million",
    "—",
    "«",
    "ASEAN",
    "koordinasi",
    "coordination",
    "",
    ".",
    "?",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..12).prop_map(|w| w.join(" "))
}

fn doc(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(sentence(), 0..max)
}

/// Checks coverage and order; returns a message on failure.
fn check(beads: &[Bead], n: usize, m: usize) -> Result<(), String> {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        if b.id.is_empty() && b.en.is_empty() {
            return Err("empty bead".into());
        }
        for &x in &b.id {
            if x != i {
                return Err(format!("id {x} out of order (expected {i})"));
            }
            i += 1;
        }
        for &y in &b.en {
            if y != j {
                return Err(format!("en {y} out of order (expected {j})"));
            }
            j += 1;
        }
        if !(0.0..=1.0).contains(&b.score) || b.score.is_nan() {
            return Err(format!("score {} outside [0, 1]", b.score));
        }
        if b.id.len() > 3 || b.en.len() > 3 {
            return Err(format!("bead {} too large", b.kind()));
        }
    }
    if i != n || j != m {
        return Err(format!("covered {i}/{n} id and {j}/{m} en sentences"));
    }
    Ok(())
}

/// Checks an alignment that may hold crossing beads (moved content): every sentence of both
/// sides in exactly one bead, each bead's sentences consecutive, the beads in Indonesian order,
/// scores in [0, 1]; returns a message on failure.
fn check_crossing(beads: &[Bead], n: usize, m: usize) -> Result<(), String> {
    let (mut seen_id, mut seen_en) = (vec![0; n], vec![0; m]);
    let mut last_id = None;
    for b in beads {
        if b.id.is_empty() && b.en.is_empty() {
            return Err("empty bead".into());
        }
        for side in [&b.id, &b.en] {
            if side.windows(2).any(|w| w[1] != w[0] + 1) {
                return Err(format!("bead {b:?}: sentences not consecutive"));
            }
        }
        if let Some(&i) = b.id.first() {
            if last_id.is_some_and(|l| i <= l) {
                return Err(format!("bead {b:?} out of Indonesian order"));
            }
            last_id = b.id.last().copied();
        }
        for &x in &b.id {
            *seen_id.get_mut(x).ok_or(format!("id {x} out of range"))? += 1;
        }
        for &y in &b.en {
            *seen_en.get_mut(y).ok_or(format!("en {y} out of range"))? += 1;
        }
        if !(0.0..=1.0).contains(&b.score) || b.score.is_nan() {
            return Err(format!("score {} outside [0, 1]", b.score));
        }
    }
    if let Some(k) = seen_id.iter().position(|&c| c != 1) {
        return Err(format!("id {k} in {} beads", seen_id[k]));
    }
    if let Some(k) = seen_en.iter().position(|&c| c != 1) {
        return Err(format!("en {k} in {} beads", seen_en[k]));
    }
    Ok(())
}

/// A document pair of numbered sentences (Indonesian, English), some left without a
/// translation on either side, with blocks of English moved elsewhere: each move takes
/// `len` sentences from `from` to `to` (positions taken modulo the length).
fn moved_pair(
    n: usize,
    gone: &[(bool, usize)],
    moves: &[(usize, usize, usize)],
) -> (Vec<String>, Vec<String>) {
    let places = ["Bandung", "Medan", "Surabaya", "Makassar", "Padang"];
    let mut id: Vec<String> = (0..n)
        .map(|k| format!("Rumah nomor {} di kota {} dijual.", 100 + k, places[k % 5]))
        .collect();
    let mut en: Vec<String> = (0..n)
        .map(|k| format!("House number {} in {} is for sale.", 100 + k, places[k % 5]))
        .collect();
    for &(on_id, at) in gone {
        let side = if on_id { &mut id } else { &mut en };
        if !side.is_empty() {
            side.remove(at % side.len());
        }
    }
    for &(from, len, to) in moves {
        if en.is_empty() {
            break;
        }
        let from = from % en.len();
        let block: Vec<String> = en.drain(from..(from + len).min(en.len())).collect();
        let to = to % (en.len() + 1);
        en.splice(to..to, block);
    }
    (id, en)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Pairing moved blocks across the document never loses nor duplicates a sentence, keeps
    /// the beads in Indonesian order, and the clause split of running text keeps that too.
    #[test]
    fn moved_blocks_keep_every_sentence_once(
        n in 0usize..24,
        gone in prop::collection::vec((any::<bool>(), 0usize..30), 0..4),
        moves in prop::collection::vec((0usize..30, 1usize..4, 0usize..30), 0..3),
        noise_id in doc(4),
        noise_en in doc(4),
    ) {
        let (mut id, mut en) = moved_pair(n, &gone, &moves);
        id.extend(noise_id);
        en.extend(noise_en);
        let (ti, te) = (id.join(" "), en.join(" "));
        let si = Segmenter::new(Lang::Id).split(&ti);
        let se = Segmenter::new(Lang::En).split(&te);
        let al = Aligner::default();
        let beads = al.align_learned(&si, &se);
        prop_assert_eq!(check_crossing(&beads, si.len(), se.len()), Ok(()));
        prop_assert_eq!(&beads, &al.align_learned(&si, &se));
        let split = al.split_clauses(&si, &se, &beads, &ClauseParams::default());
        prop_assert_eq!(check_crossing(&split.beads, split.id.len(), split.en.len()), Ok(()));
        prop_assert_eq!(check_segments(&ti, &si, &split.id, &split.id_sentence), Ok(()));
        prop_assert_eq!(check_segments(&te, &se, &split.en, &split.en_sentence), Ok(()));
    }

    #[test]
    fn full_coverage_monotone_deterministic(id in doc(30), en in doc(30)) {
        let al = Aligner::default();
        let a = al.align(&id, &en);
        prop_assert_eq!(check(&a, id.len(), en.len()), Ok(()));
        let b = al.align(&id, &en);
        prop_assert_eq!(&a, &b);
    }

    #[test]
    fn one_sided_documents(id in doc(20)) {
        let al = Aligner::default();
        let none: Vec<String> = Vec::new();
        let a = al.align(&id, &none);
        prop_assert!(a.iter().all(|b| b.id.len() == 1 && b.en.is_empty()));
        prop_assert_eq!(check(&a, id.len(), 0), Ok(()));
        let b = al.align(&none, &id);
        prop_assert!(b.iter().all(|b| b.en.len() == 1 && b.id.is_empty()));
        prop_assert_eq!(check(&b, 0, id.len()), Ok(()));
    }

    #[test]
    fn banded_search_with_narrow_bands(id in doc(60), en in doc(60)) {
        // No exact search and tiny bands: the path touches the band's edge often, so the
        // stretches searched again in wider bands are exercised.
        let config = AlignConfig {
            exact_cells: 0,
            band: 1,
            refine_band: 1,
            ..AlignConfig::default()
        };
        let al = Aligner::new(config);
        let a = al.align(&id, &en);
        prop_assert_eq!(check(&a, id.len(), en.len()), Ok(()));
        prop_assert_eq!(&a, &al.align(&id, &en));
    }

    #[test]
    fn restricted_bead_sets(id in doc(15), en in doc(15)) {
        let config = AlignConfig {
            beads: selaras::align::parse_beads("1-1,1-0,0-1").unwrap(),
            ..AlignConfig::default()
        };
        let a = Aligner::new(config).align(&id, &en);
        prop_assert_eq!(check(&a, id.len(), en.len()), Ok(()));
        prop_assert!(a.iter().all(|b| b.id.len() <= 1 && b.en.len() <= 1));
    }
}

/// Running text: sentences of words, some followed by a comma, a semicolon or a dash, ending
/// in a full stop; some sentences end a paragraph.
fn running_text(max: usize) -> impl Strategy<Value = String> {
    let word = (prop::sample::select(WORDS), 0..8u8).prop_map(|(w, mark)| match mark {
        0 | 1 => format!("{w},"),
        2 => format!("{w};"),
        3 => format!("{w} —"),
        _ => w.to_string(),
    });
    let sentence = (prop::collection::vec(word, 1..10), any::<bool>()).prop_map(|(w, para)| {
        let end = if para { "\n\n" } else { " " };
        format!("{}.{end}", w.join(" "))
    });
    prop::collection::vec(sentence, 0..max).prop_map(|s| s.concat().trim_end().to_string())
}

/// The segments of one side after a clause split: in order, each its own bytes of the text,
/// together holding every sentence's text; a segment marked as a sentence is that sentence.
fn check_segments(
    text: &str,
    sents: &[Sentence],
    segs: &[Sentence],
    which: &[Option<usize>],
) -> Result<(), String> {
    if segs.len() != which.len() {
        return Err("segment and sentence lists differ in length".into());
    }
    let mut pos = 0;
    for (s, w) in segs.iter().zip(which) {
        if s.start < pos || text[s.start..s.end] != s.text || s.text.trim() != s.text {
            return Err(format!("segment {s:?} out of order or not its span"));
        }
        pos = s.end;
        if let Some(k) = w
            && (sents[*k].start, sents[*k].end) != (s.start, s.end)
        {
            return Err(format!("segment {s:?} is not sentence {k}"));
        }
    }
    let squash = |v: &[Sentence]| -> String {
        v.iter()
            .flat_map(|s| s.text.chars().filter(|c| !c.is_whitespace()))
            .collect()
    };
    if squash(sents) != squash(segs) {
        return Err("segments do not hold exactly the sentences' text".into());
    }
    Ok(())
}

/// The clause split of two running texts with `params`: every segment in one bead, in order,
/// segments tiling their sentences, scores in [0, 1], the same again.
fn check_clause_split(id: &str, en: &str, params: &ClauseParams) -> Result<(), TestCaseError> {
    let al = Aligner::default();
    let si = Segmenter::new(Lang::Id).split(id);
    let se = Segmenter::new(Lang::En).split(en);
    let beads = al.align_sentences(&si, &se);
    let split = al.split_clauses(&si, &se, &beads, params);
    prop_assert_eq!(
        check_crossing(&split.beads, split.id.len(), split.en.len()),
        Ok(())
    );
    prop_assert_eq!(
        check_segments(id, &si, &split.id, &split.id_sentence),
        Ok(())
    );
    prop_assert_eq!(
        check_segments(en, &se, &split.en, &split.en_sentence),
        Ok(())
    );
    prop_assert!(split.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    let again = al.split_clauses(&si, &se, &beads, params);
    prop_assert_eq!(&split.beads, &again.beads);
    prop_assert_eq!(&split.id, &again.id);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn clause_split_covers_every_segment_once(id in running_text(12), en in running_text(12)) {
        check_clause_split(&id, &en, &ClauseParams::default())?;
    }

    /// The same for the finer search (bead boundaries where neither side ends a sentence,
    /// decoding by expected accuracy), forced on, in windows of a few beads.
    #[test]
    fn finer_clause_split_covers_every_segment_once(id in running_text(12), en in running_text(12)) {
        let params = ClauseParams {
            fine_share: 0.0,
            fine_min: 0,
            max_window: 3,
            ..ClauseParams::default()
        };
        check_clause_split(&id, &en, &params)?;
    }
}

#[test]
fn empty_documents() {
    let none: Vec<&str> = Vec::new();
    assert!(Aligner::default().align(&none, &none).is_empty());
}

/// `n` numbered sentence pairs with `stray` unrelated English lines inserted at `at`; aligns
/// them with `config` and returns how many beads pair sentence k with its translation.
fn numbered_pairs_right(n: usize, at: usize, stray: usize, config: AlignConfig) -> usize {
    let id: Vec<String> = (0..n)
        .map(|k| format!("Rumah nomor {k} di kota besar."))
        .collect();
    let mut en: Vec<String> = (0..n)
        .map(|k| format!("House number {k} in the big city."))
        .collect();
    for k in 0..stray {
        en.insert(at, format!("An unrelated line {}.", 90_000 + k));
    }
    let beads = Aligner::new(config).align(&id, &en);
    assert_eq!(check(&beads, id.len(), en.len()), Ok(()));
    beads
        .iter()
        .filter(|b| {
            b.id.len() == 1
                && b.en.len() == 1
                && b.en[0] == b.id[0] + stray * usize::from(b.id[0] >= at)
        })
        .count()
}

#[test]
fn long_documents_use_the_band() {
    // Long enough to leave exact search; every sentence distinct through a number.
    let n = 1500;
    let right = numbered_pairs_right(n, 700, 1, AlignConfig::default());
    assert!(right >= n - 2, "{right} of {n} right");
}

#[test]
fn a_narrow_band_widens_where_the_path_leaves_it() {
    // Eight stray English lines in a row: with bands of ±2 / ±1 the path must leave them there.
    let config = AlignConfig {
        exact_cells: 0,
        band: 2,
        refine_band: 1,
        ..AlignConfig::default()
    };
    let right = numbered_pairs_right(400, 200, 8, config);
    assert_eq!(right, 400, "{right} of 400 right");
}

#[test]
fn bead_sets_parse() {
    assert!(selaras::align::parse_beads("1-1,1-0,0-1,2-1").is_ok());
    assert!(selaras::align::parse_beads("1-1").is_err());
    assert!(selaras::align::parse_beads("1-1,1-0,0-1,4-1").is_err());
    assert!(selaras::align::parse_beads("1-1,x").is_err());
}

#[test]
fn learned_translations_added_to_prepared_texts_match_preparing_again() {
    use selaras::align::LearnStats;
    use selaras::segment::Lang;
    // "gembolo" (a made-up word) is in no lexicon: learn "wombat" for it from confident pairs.
    let id = [
        "Gembolo itu makan rumput di Surabaya.",
        "Gembolo besar berjalan ke Bandung.",
        "Petani di Medan memiliki gembolo.",
    ];
    let en = [
        "The wombat eats grass in Surabaya.",
        "A big wombat walks to Bandung.",
        "Farmers in Medan own a wombat.",
    ];
    let base = Aligner::default();
    let mut stats = LearnStats::default();
    for _ in 0..2 {
        stats.add(&base, &id, &en, &base.align(&id, &en));
    }
    let learned = base.with_learned(&stats);
    let ev = learned.evidence();
    // The keys a text looks up, in key order (they come in no particular order).
    let keys = |p: &selaras::score::Prepared| {
        let mut k: Vec<u64> = p.query_keys().collect();
        k.sort_unstable();
        k
    };
    for (a, b) in id.iter().zip(&en) {
        let again = ev.prepare(a, Lang::Id);
        let before = base.evidence().prepare(a, Lang::Id);
        let mut added = before.clone();
        learned.add_learned(&mut added);
        let q = ev.prepare(b, Lang::En);
        assert_eq!(ev.cover(&again, &q), ev.cover(&added, &q), "{a}");
        assert_eq!(keys(&again), keys(&added), "{a}");
        assert!(
            keys(&added).len() > keys(&before).len(),
            "nothing learned: {a}"
        );
    }
}
