//! Evaluation of alignments against gold alignments: strict and lax precision, recall and F1,
//! as defined by the Vecalign and Bleualign evaluations.
//!
//! - strict: a predicted bead counts as right when it is identical to a gold bead;
//! - lax: a predicted bead counts as right when it shares at least one Indonesian and one
//!   English sentence with a gold bead.
//!
//! Precision is over the predicted beads (empty-side beads included), recall over the gold
//! beads; recall leaves out beads with an empty side on both the gold and the predicted side.
//! Counts are summed over documents before the ratios are taken (micro average).

use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One bead of a ladder: Indonesian and English sentence indices.
pub type Link = (Vec<usize>, Vec<usize>);

/// Parse a ladder file: one bead per line, `[0,1]:[2]` or Vecalign's `[0, 1]:[2]:0.53` (a
/// score after the second list). Blank lines are skipped; beads empty on both sides are
/// dropped. A malformed line (anything else after the second list included), or a sentence
/// in two beads (a ladder is a partition of the sentences it covers), is an error naming the
/// file and line.
pub fn parse_ladder(text: &str, path: &Path) -> Result<Vec<Link>> {
    let mut beads = Vec::new();
    // Where each sentence was seen: its side's line number.
    let mut seen: [HashMap<usize, usize>; 2] = [HashMap::new(), HashMap::new()];
    for (n, line) in crate::text::file_line_texts(text).enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |msg: &str| Error::Parse {
            path: path.to_path_buf(),
            line: n + 1,
            msg: format!("{msg}: {line:?}"),
        };
        let (id, rest) = bracket(line).ok_or_else(|| bad("expected `[i,...]:[j,...]`"))?;
        let rest = rest
            .trim_start()
            .strip_prefix(':')
            .ok_or_else(|| bad("expected `:` after the first list"))?;
        let (en, tail) = bracket(rest.trim_start()).ok_or_else(|| bad("expected a second list"))?;
        let tail = tail.trim();
        let score = tail.strip_prefix(':').map(str::trim);
        if !tail.is_empty() && score.is_none_or(|x| x.parse::<f64>().is_err()) {
            return Err(bad("expected nothing or `:SCORE` after the second list"));
        }
        let id = indices(id).ok_or_else(|| bad("bad index"))?;
        let en = indices(en).ok_or_else(|| bad("bad index"))?;
        for (side, (list, name)) in [(&id, "Indonesian"), (&en, "English")].iter().enumerate() {
            for &i in list.iter() {
                match seen[side].insert(i, n + 1) {
                    Some(first) if first == n + 1 => {
                        return Err(bad(&format!("{name} sentence {i} twice in one bead")));
                    }
                    Some(first) => {
                        return Err(bad(&format!(
                            "{name} sentence {i} is in two beads (line {first} and this one)"
                        )));
                    }
                    None => {}
                }
            }
        }
        if !id.is_empty() || !en.is_empty() {
            beads.push((id, en));
        }
    }
    Ok(beads)
}

fn bracket(s: &str) -> Option<(&str, &str)> {
    let s = s.strip_prefix('[')?;
    let end = s.find(']')?;
    Some((&s[..end], &s[end + 1..]))
}

fn indices(s: &str) -> Option<Vec<usize>> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| x.parse().ok())
        .collect()
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Strict and lax scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    pub strict: Prf,
    pub lax: Prf,
}

/// Right/wrong counts, summed over documents. As JSON its counts are named
/// ([`TallyJson`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(into = "TallyJson")]
pub struct Tally {
    /// Predicted beads: right (strict), wrong (strict), right (lax), wrong (lax).
    pub precision: [usize; 4],
    /// Gold beads without an empty side: found (strict), missed (strict), found (lax), missed (lax).
    pub recall: [usize; 4],
}

impl Tally {
    /// Counts of one document.
    pub fn new(gold: &[Link], pred: &[Link]) -> Tally {
        let gold2: Vec<Link> = gold.iter().filter(|b| full(b)).cloned().collect();
        let pred2: Vec<Link> = pred.iter().filter(|b| full(b)).cloned().collect();
        Tally {
            precision: counts(gold, pred),
            recall: counts(&pred2, &gold2),
        }
    }

    /// Add another document's counts.
    pub fn add(&mut self, other: &Tally) {
        for k in 0..4 {
            self.precision[k] += other.precision[k];
            self.recall[k] += other.recall[k];
        }
    }

    /// The scores of these counts.
    pub fn scores(&self) -> Scores {
        let prf = |right: usize, wrong: usize, found: usize, missed: usize| {
            let precision = ratio(right, right + wrong);
            let recall = ratio(found, found + missed);
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            Prf {
                precision,
                recall,
                f1,
            }
        };
        let (p, r) = (self.precision, self.recall);
        Scores {
            strict: prf(p[0], p[1], r[0], r[1]),
            lax: prf(p[2], p[3], r[2], r[3]),
        }
    }
}

/// A [`Tally`] as JSON: each count named by what it counts.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct TallyJson {
    /// Predicted beads (the precision's counts).
    pub predicted: PredictedCounts,
    /// Gold beads without an empty side (the recall's counts).
    pub gold: GoldCounts,
}

/// Predicted beads right and wrong, strict and lax.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct PredictedCounts {
    pub strict_right: usize,
    pub strict_wrong: usize,
    pub lax_right: usize,
    pub lax_wrong: usize,
}

/// Gold beads found and missed, strict and lax.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct GoldCounts {
    pub strict_found: usize,
    pub strict_missed: usize,
    pub lax_found: usize,
    pub lax_missed: usize,
}

impl From<Tally> for TallyJson {
    fn from(t: Tally) -> Self {
        let (p, r) = (t.precision, t.recall);
        TallyJson {
            predicted: PredictedCounts {
                strict_right: p[0],
                strict_wrong: p[1],
                lax_right: p[2],
                lax_wrong: p[3],
            },
            gold: GoldCounts {
                strict_found: r[0],
                strict_missed: r[1],
                lax_found: r[2],
                lax_missed: r[3],
            },
        }
    }
}

fn full(b: &Link) -> bool {
    !b.0.is_empty() && !b.1.is_empty()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Right and wrong `test` beads against `reference`: strict right, strict wrong, lax right,
/// lax wrong. Duplicate test beads count once.
fn counts(reference: &[Link], test: &[Link]) -> [usize; 4] {
    let exact: HashSet<&Link> = reference.iter().collect();
    let mut links: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (id, en) in reference {
        for &i in id {
            links.entry(i).or_default().extend(en.iter().copied());
        }
    }
    let mut c = [0; 4];
    let unique: HashSet<&Link> = test.iter().collect();
    for bead in unique {
        if exact.contains(bead) {
            c[0] += 1;
            c[2] += 1;
            continue;
        }
        c[1] += 1;
        let lax = bead.0.iter().any(|i| {
            links
                .get(i)
                .is_some_and(|l| bead.1.iter().any(|j| l.contains(j)))
        });
        c[if lax { 2 } else { 3 }] += 1;
    }
    c
}

/// The evaluation of one document.
#[derive(Clone, Debug, Serialize)]
pub struct DocEval {
    /// Document name (the gold file's name in directory mode).
    pub doc: String,
    /// Its counts.
    pub tally: Tally,
    /// False when the prediction was missing (scored as an empty prediction).
    pub predicted: bool,
}

/// A ladder file (a byte-order mark is skipped; an empty file is an empty ladder).
fn read_ladder(path: &Path) -> Result<Vec<Link>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = crate::text::utf8(path, bytes)?;
    parse_ladder(text.strip_prefix('\u{feff}').unwrap_or(&text), path)
}

/// The sentences a ladder covers: its Indonesian and English indices.
fn covered(
    ladder: &[Link],
) -> (
    std::collections::BTreeSet<usize>,
    std::collections::BTreeSet<usize>,
) {
    let id = ladder.iter().flat_map(|b| b.0.iter().copied()).collect();
    let en = ladder.iter().flat_map(|b| b.1.iter().copied()).collect();
    (id, en)
}

/// Refuse a prediction that does not align the gold's sentences (another segmentation,
/// another document): its counts would be zeros that look like a result. A gold that covers
/// every sentence up to its last (a whole ladder) needs the prediction to cover exactly
/// those; a partial gold needs it to stay within them.
pub(crate) fn check_coverage(doc: &str, gold: &[Link], pred: &[Link]) -> Result<()> {
    let (gi, ge) = covered(gold);
    let (pi, pe) = covered(pred);
    let side = |g: &std::collections::BTreeSet<usize>, p: &std::collections::BTreeSet<usize>| {
        let last = g.last().copied();
        let whole = last.is_none_or(|l| g.len() == l + 1);
        let fits = if whole {
            g == p
        } else {
            p.last().copied() <= last
        };
        let span = |s: &std::collections::BTreeSet<usize>| match (s.first(), s.last()) {
            (Some(a), Some(b)) => format!(
                "{} in {a}..={b}",
                crate::text::count(s.len() as u64, "sentence")
            ),
            _ => "no sentence".to_string(),
        };
        (!fits).then(|| format!("gold {}, prediction {}", span(g), span(p)))
    };
    let problem = match (side(&gi, &pi), side(&ge, &pe)) {
        (Some(id), _) => format!("Indonesian: {id}"),
        (None, Some(en)) => format!("English: {en}"),
        (None, None) => return Ok(()),
    };
    Err(Error::Invalid(format!(
        "{doc}: gold and prediction cover different sentences ({problem}): not alignments of one segmentation of one document"
    )))
}

/// Evaluate a predicted ladder file against a gold ladder file, or every file of a gold
/// directory and the directories below it (read as `batch DIR` reads one: its `NAME.gold`
/// files where it holds any, each matched to the prediction `NAME` or `NAME.gold`) against the
/// file of that name in a prediction directory (a missing prediction scores as empty; hidden
/// files and directories, such as [`crate::output::DIR_MARKER`], are not documents). A gold
/// file below the directory is named by its path below it, `/` between the parts, as `batch
/// DIR` names a document (`2024/banjir` for `2024/banjir.gold`), and its prediction is that
/// path below the prediction directory or the file `batch -f ladder` writes for that doc id
/// (`2024_banjir`). Documents come back sorted by name, naturally (`doc_2` before `doc_10`). A
/// prediction that covers other sentences than its gold, or a prediction directory with no
/// file named as a gold file, is an error naming the document (or the directories); so is a
/// directory below the gold one that cannot be read (a part of the gold left out would change
/// the scores). A directory reached a second time by way of a symbolic link (a loop, or a
/// second way to it) is read once, as `batch DIR` reads it, and `notes` gets one line naming
/// the link and why (`gold/again: the directory read as `2024`, reached again …`).
pub fn evaluate_paths(gold: &Path, pred: &Path, notes: &mut Vec<String>) -> Result<Vec<DocEval>> {
    if !gold.is_dir() {
        let name = gold
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (g, p) = (read_ladder(gold)?, read_ladder(pred)?);
        check_coverage(&pred.display().to_string(), &g, &p)?;
        return Ok(vec![DocEval {
            doc: name,
            tally: Tally::new(&g, &p),
            predicted: true,
        }]);
    }
    if !pred.is_dir() {
        return Err(Error::Invalid(format!(
            "{}: gold is a directory, so the prediction must be one too",
            pred.display()
        )));
    }
    let walked = crate::walk::walk(gold)?;
    if let Some((_, path, e)) = walked.unreadable.into_iter().next() {
        return Err(Error::io(path, e));
    }
    // Names below the gold directory; a directory reached again through a link is read once
    // (its files are among these, under the name it was first reached by), and the way not
    // taken is told in the walk's words, as `batch DIR` tells it in an error row.
    let hidden =
        |p: &Path| (p.components()).any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"."));
    notes.extend(
        (walked.repeated.iter())
            .filter(|(_, path, _)| !path.strip_prefix(gold).is_ok_and(hidden))
            .map(|(_, path, why)| format!("{}: {why}", path.display())),
    );
    // A link that leads nowhere is left out, and said so (the scores cover fewer documents).
    let (files, broken): (Vec<_>, Vec<_>) =
        (walked.files.into_iter()).partition(|(_, path, _)| std::fs::metadata(path).is_ok());
    notes.extend(
        (broken.into_iter())
            .filter(|(_, path, _)| !path.strip_prefix(gold).is_ok_and(hidden))
            .filter_map(|(_, path, _)| {
                let e = std::fs::metadata(&path).err()?;
                Some(format!("{}; left out", Error::io(path, e)))
            }),
    );
    let mut names: Vec<PathBuf> = (files.into_iter())
        .filter(|(_, path, _)| path.is_file())
        .filter_map(|(_, path, _)| Some(path.strip_prefix(gold).ok()?.to_path_buf()))
        .filter(|name| !hidden(name))
        .collect();
    // A gold directory beside its texts (`NAME.id.txt`, `NAME.en.txt`, `NAME.gold`, as in
    // `corpus/`): its gold files are the `.gold` ones, and each is the gold of the
    // prediction `NAME` (as `batch -f ladder` names it) or `NAME.gold`.
    if names.iter().any(|n| gold_stem(n).is_some()) {
        names.retain(|n| gold_stem(n).is_some());
    }
    names.sort_by(|a, b| crate::text::natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
    if names.is_empty() {
        return Err(Error::Empty {
            path: gold.to_path_buf(),
            what: "no gold files in this directory",
        });
    }
    // The prediction of a gold file: its name (or its NAME) below the prediction directory,
    // or the file `batch -f ladder` writes for it there; the first that is a file.
    let pred_of = |name: &Path| {
        let flat = |p: &Path| {
            p.to_str()
                .map(|s| pred.join(crate::export::ladder_file_name(s)))
        };
        let stem = gold_stem(name);
        let tries = [
            stem.map(|s| pred.join(s)),
            stem.and_then(flat),
            Some(pred.join(name)),
            flat(name),
        ];
        let mut tries = tries.into_iter().flatten();
        let default = pred.join(name);
        tries.find(|p| p.is_file()).unwrap_or(default)
    };
    if !names.iter().any(|n| pred_of(n).is_file()) {
        return Err(Error::Invalid(format!(
            "{}: no file is named as a gold file of {} (such as {}): nothing to evaluate",
            pred.display(),
            gold.display(),
            names[0].display()
        )));
    }
    names
        .into_iter()
        .map(|name| {
            let g = read_ladder(&gold.join(&name))?;
            let p_path = pred_of(&name);
            let predicted = p_path.is_file();
            let p = if predicted {
                read_ladder(&p_path)?
            } else {
                Vec::new()
            };
            if predicted {
                check_coverage(&p_path.display().to_string(), &g, &p)?;
            }
            Ok(DocEval {
                doc: gold_stem(&name)
                    .unwrap_or(&name)
                    .to_string_lossy()
                    .into_owned(),
                tally: Tally::new(&g, &p),
                predicted,
            })
        })
        .collect()
}

/// `NAME` of a gold file named `NAME.gold`.
fn gold_stem(name: &Path) -> Option<&Path> {
    let stem = name.to_str()?.strip_suffix(".gold")?;
    (!stem.is_empty() && !stem.ends_with('/')).then(|| Path::new(stem))
}

/// The counts of all documents together.
pub fn overall(docs: &[DocEval]) -> Tally {
    let mut t = Tally::default();
    for d in docs {
        t.add(&d.tally);
    }
    t
}

/// Write a plain-text table: one row per document (when `per_doc`), then the overall row.
pub fn write_table(w: &mut dyn std::io::Write, docs: &[DocEval], per_doc: bool) -> Result<()> {
    let width = docs.iter().map(|d| d.doc.len()).max().unwrap_or(0).max(7);
    writeln!(
        w,
        "{:width$}  strict_P strict_R strict_F1  lax_P  lax_R  lax_F1",
        "doc"
    )?;
    let row = |w: &mut dyn std::io::Write, name: &str, t: &Tally, note: &str| {
        let s = t.scores();
        writeln!(
            w,
            "{name:width$}  {:8.4} {:8.4} {:9.4}  {:.4} {:.4} {:.4}{note}",
            s.strict.precision,
            s.strict.recall,
            s.strict.f1,
            s.lax.precision,
            s.lax.recall,
            s.lax.f1
        )
    };
    if per_doc {
        for d in docs {
            let note = if d.predicted { "" } else { "  (no prediction)" };
            row(w, &d.doc, &d.tally, note)?;
        }
    }
    row(w, "overall", &overall(docs), "")?;
    Ok(())
}

/// Write the evaluation as JSON: per document and overall scores and counts.
pub fn write_json(w: &mut dyn std::io::Write, docs: &[DocEval]) -> Result<()> {
    #[derive(Serialize)]
    struct Row<'a> {
        doc: &'a str,
        predicted: bool,
        scores: Scores,
        tally: Tally,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        overall: Scores,
        tally: Tally,
        documents: Vec<Row<'a>>,
    }
    let t = overall(docs);
    let out = Out {
        overall: t.scores(),
        tally: t,
        documents: docs
            .iter()
            .map(|d| Row {
                doc: &d.doc,
                predicted: d.predicted,
                scores: d.tally.scores(),
                tally: d.tally,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &out).map_err(std::io::Error::from)?;
    writeln!(w)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ladder(s: &str) -> Vec<Link> {
        parse_ladder(s, Path::new("t")).unwrap()
    }

    #[test]
    fn parses_both_forms() {
        assert_eq!(
            ladder("[0,1]:[2]\n\n[2]:[]:0.5\n[]:[3]\n[3, 4]:[4, 5]:0.93\n[]:[]\n"),
            vec![
                (vec![0, 1], vec![2]),
                (vec![2], vec![]),
                (vec![], vec![3]),
                (vec![3, 4], vec![4, 5]),
            ]
        );
        // CR and CRLF end lines as LF does (a lone CR was one long first line).
        let want = ladder("[0]:[0]\n[1]:[1]\n");
        assert_eq!(ladder("[0]:[0]\r[1]:[1]\r"), want);
        assert_eq!(ladder("[0]:[0]\r\n[1]:[1]"), want);
    }

    #[test]
    fn malformed_line_names_place() {
        let e = parse_ladder("[0]:[0]\n[1]-[1]\n", Path::new("g.ladder")).unwrap_err();
        assert!(e.to_string().starts_with("g.ladder: line 2:"), "{e}");
        assert!(parse_ladder("[x]:[0]", Path::new("g")).is_err());
    }

    #[test]
    fn perfect_and_partial() {
        let gold = ladder("[0]:[0]\n[1,2]:[1]\n[3]:[]\n[4]:[2]");
        let s = Tally::new(&gold, &gold).scores();
        assert_eq!(s.strict.f1, 1.0);
        // [1]:[1] and [2]:[] instead of [1,2]:[1]: strict precision 3/5 ([0],[3],[4] right),
        // lax precision 4/5; recall over the 3 full gold beads: strict 2/3, lax 3/3.
        let pred = ladder("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[]\n[4]:[2]");
        let s = Tally::new(&gold, &pred).scores();
        assert!((s.strict.precision - 0.6).abs() < 1e-12);
        assert!((s.lax.precision - 0.8).abs() < 1e-12);
        assert!((s.strict.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.lax.recall - 1.0).abs() < 1e-12);
    }

    #[test]
    fn tally_json_names_its_counts() {
        let gold = ladder("[0]:[0]\n[1]:[1]");
        let pred = ladder("[0]:[0]\n[1]:[]\n[]:[1]");
        let json = serde_json::to_value(Tally::new(&gold, &pred)).unwrap();
        assert_eq!(json["predicted"]["strict_right"], 1);
        assert_eq!(json["predicted"]["strict_wrong"], 2);
        assert_eq!(json["gold"]["strict_found"], 1);
        assert_eq!(json["gold"]["strict_missed"], 1);
    }

    #[test]
    fn other_sentences_are_an_error_naming_the_document() {
        let gold = ladder("[0]:[0]\n[1]:[1]\n[2]:[]");
        check_coverage("d", &gold, &ladder("[0,1]:[0]\n[2]:[1]")).unwrap();
        let e = check_coverage("d", &gold, &ladder("[0]:[0]\n[1]:[1]")).unwrap_err();
        assert!(e.to_string().starts_with("d: gold and prediction cover different sentences (Indonesian: gold 3 sentences in 0..=2, prediction 2"), "{e}");
        assert!(check_coverage("d", &gold, &ladder("[0]:[0]\n[1]:[1,2]\n[2]:[]")).is_err());
        // A partial gold (sentence 1 not in it): the prediction stays within its sentences.
        let partial = ladder("[0]:[0]\n[2]:[2]");
        check_coverage("d", &partial, &ladder("[0]:[0]\n[1]:[1]\n[2]:[2]")).unwrap();
        assert!(check_coverage("d", &partial, &ladder("[0]:[0]\n[3]:[3]")).is_err());
    }

    #[test]
    fn empty_prediction_scores_zero() {
        let gold = ladder("[0]:[0]");
        assert_eq!(Tally::new(&gold, &[]).scores(), Scores::default());
    }
}
