//! The two files of a run: the manifest of pairs, which `selaras batch` reads as it is, and
//! the documents left without a partner.

use super::score::DocFeatures;
use super::{Outcome, Pair, Unpaired};
use crate::error::{Error, Result};
use crate::export::tsv_escape;
use crate::place::relative_to;
use crate::segment::Lang;
use crate::text::count;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write the manifest: a header `doc id en score`, then one row per pair as `pairs` holds
/// them. `doc` is the Indonesian document's name without `.txt` (the whole name where that
/// would give two rows one id); `id` and `en` are the files relative to `base`, the absolute
/// directory the manifest is in ([`crate::place::dir_of`]; as `selaras batch` resolves them),
/// or the document's name where it has no file (JSON Lines).
pub fn write_manifest<W: Write>(mut w: W, pairs: &[Pair], base: &Path) -> Result<()> {
    let stem = |n: &str| n.strip_suffix(".txt").unwrap_or(n).to_string();
    let mut stems = std::collections::HashMap::new();
    for p in pairs {
        *stems.entry(stem(&p.id)).or_insert(0usize) += 1;
    }
    let names: std::collections::HashSet<&str> = pairs.iter().map(|p| p.id.as_str()).collect();
    writeln!(w, "doc\tid\ten\tscore")?;
    for p in pairs {
        let s = stem(&p.id);
        let doc = if stems[&s] > 1 || (s != p.id && names.contains(s.as_str())) {
            p.id.clone()
        } else {
            s
        };
        let file = |path: &Option<PathBuf>, name: &str| match path {
            Some(path) => relative_to(path, base).display().to_string(),
            None => name.to_string(),
        };
        writeln!(
            w,
            "{}\t{}\t{}\t{:.4}",
            tsv_escape(&doc),
            tsv_escape(&file(&p.id_path, &p.id)),
            tsv_escape(&file(&p.en_path, &p.en)),
            p.score
        )?;
    }
    w.flush().map_err(Error::Write)
}

/// Write every candidate pair with its features and score (for `benches/pair_fit.py`): a
/// header `id en`, the feature names and `score`, then one row per candidate pair.
pub fn write_candidates<W: Write>(
    mut w: W,
    rows: &[(String, String, DocFeatures, f64)],
) -> Result<()> {
    let names = DocFeatures::NAMES.join("\t");
    writeln!(w, "id\ten\t{names}\tscore").map_err(Error::Write)?;
    for (i, e, f, s) in rows {
        write!(w, "{}\t{}", tsv_escape(i), tsv_escape(e)).map_err(Error::Write)?;
        for v in f.values() {
            write!(w, "\t{v:.4}").map_err(Error::Write)?;
        }
        writeln!(w, "\t{s:.4}").map_err(Error::Write)?;
    }
    w.flush().map_err(Error::Write)
}

/// Write the documents without a partner: a header `side file best score reason`; `best` is
/// the best candidate and `score` that pair's score (both empty when there is none). Files
/// (`file`, `best`, and the file of a `FILE:LINE`) are named relative to `base`, the absolute
/// directory the unpaired file is in ([`crate::place::dir_of`]), as the manifest names them,
/// so that the two can be moved together.
pub fn write_unpaired<W: Write>(mut w: W, rows: &[Unpaired], base: &Path) -> Result<()> {
    let shown = |place: &crate::place::Place| place.from_dir(base);
    writeln!(w, "side\tfile\tbest\tscore\treason")?;
    for u in rows {
        let (best, score) = match &u.best {
            Some((place, s)) => (shown(place), format!("{s:.4}")),
            None => (String::new(), String::new()),
        };
        let side = match u.side {
            Lang::Id => "id",
            Lang::En => "en",
        };
        writeln!(
            w,
            "{side}\t{}\t{}\t{score}\t{}",
            tsv_escape(&shown(&u.file)),
            tsv_escape(&best),
            tsv_escape(&u.reason_shown(shown))
        )?;
    }
    w.flush().map_err(Error::Write)
}

/// Each document left without a partner, one line each (`selaras pair: FILE: REASON`, and its
/// best candidate with that pair's score when it has one): the messages of a run whose
/// unpaired documents no file lists.
pub fn write_unpaired_lines(w: &mut dyn Write, outcome: &Outcome) -> std::io::Result<()> {
    for u in &outcome.unpaired {
        match &u.best {
            Some((best, score)) => writeln!(
                w,
                "selaras pair: {}: {} (best candidate {best}, score {score:.4})",
                u.file,
                u.reason_shown(|p| p.to_string())
            )?,
            None => writeln!(
                w,
                "selaras pair: {}: {}",
                u.file,
                u.reason_shown(|p| p.to_string())
            )?,
        }
    }
    Ok(())
}

/// The summary of a `pair` run for standard error (`unpaired_file`: the file that lists the
/// documents left without a partner, named when some could not be used).
pub fn write_summary(
    w: &mut dyn Write,
    outcome: &Outcome,
    unpaired_file: Option<&Path>,
    min_score: f64,
    seconds: f64,
) -> std::io::Result<()> {
    let failed = outcome.failed();
    let without = outcome.unpaired.len() - failed;
    writeln!(
        w,
        "selaras pair: {} Indonesian x {}, {} (score >= {}), \
         {without} without a partner, {failed} unusable, {} scored in {:.2} s \
         ({})",
        outcome.docs.0,
        count(outcome.docs.1 as u64, "English document"),
        count(outcome.pairs.len() as u64, "pair"),
        min_score,
        count(outcome.candidates as u64, "candidate"),
        seconds,
        count(outcome.jobs as u64, "thread"),
    )?;
    // Documents in the other pile's language were paired as what they are; where most of
    // both piles were, the piles were probably given the wrong way round.
    let moved = |to: Lang| outcome.moved.iter().filter(|m| m.2 == to).count();
    let most = |n: usize, of: usize| of > 0 && 2 * n > of;
    if most(moved(Lang::En), outcome.docs.0) && most(moved(Lang::Id), outcome.docs.1) {
        writeln!(
            w,
            "selaras pair: most Indonesian documents read as English and most English ones as \
             Indonesian: were ID_INPUT and EN_INPUT given the wrong way round? Each document \
             was paired as the language it reads as"
        )?;
    }
    if !outcome.moved.is_empty() {
        const NAMED: usize = 3;
        let named: Vec<String> = (outcome.moved.iter().take(NAMED))
            .map(|(_, file, lang)| format!("{file} ({})", lang.name()))
            .collect();
        let more = outcome.moved.len().saturating_sub(NAMED);
        writeln!(
            w,
            "selaras pair: {} in the other pile's language, taken as the language {} as: {}{}",
            count(outcome.moved.len() as u64, "document"),
            if outcome.moved.len() == 1 {
                "it reads"
            } else {
                "they read"
            },
            named.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )?;
    }
    // Documents whose pair the scores kept and the alignment refused, left without a partner
    // for a reason the pair score alone did not show.
    let refused = outcome.refused();
    if refused > 0 {
        writeln!(
            w,
            "selaras pair: {} without a partner because their pair was refused once aligned, as \
             not a translation{}",
            count(refused as u64, "document"),
            match unpaired_file {
                Some(p) => format!(" (listed in {})", p.display()),
                None => String::new(),
            }
        )?;
    }
    if let (true, Some(p)) = (failed > 0, unpaired_file) {
        writeln!(
            w,
            "selaras pair: unusable documents, and those left without a partner, are listed in {}",
            p.display()
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_rows_and_doc_ids() {
        let pair = |id: &str, en: &str| Pair {
            id: id.into(),
            en: en.into(),
            id_path: None,
            en_path: None,
            score: 0.98765,
        };
        let mut out = Vec::new();
        write_manifest(
            &mut out,
            &[pair("a.txt", "x.txt"), pair("b", "y"), pair("b.txt", "z")],
            Path::new("."),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "doc\tid\ten\tscore\na\ta.txt\tx.txt\t0.9877\nb\tb\ty\t0.9877\nb.txt\tb.txt\tz\t0.9877\n"
        );
    }
}
