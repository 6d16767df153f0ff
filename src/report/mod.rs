//! The self-contained HTML report of an aligned corpus (`selaras report`, `align`/`batch
//! --report`).
//!
//! One HTML file with inline CSS, inline SVG and a little inline JavaScript; nothing is
//! fetched from the network. A summary (cards, score histogram, flag and bead-type tables,
//! documents that look like wrong pairings) is followed by a filterable document list that
//! links to one collapsible section per document: the alignment path as an SVG and the aligned
//! sentences side by side, coloured by pair score, with their flags. Sections are collapsed
//! (only the first is open), so the page stays usable with thousands of documents.
//!
//! All text goes through quick-xml's escaping.

mod style;

use crate::check::{self, CheckConfig, Flag, Pair, PairCheck, Summary};
use crate::error::{Error, Result};
use crate::score::PairScorer;
use quick_xml::escape::escape;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// What the report shows: the pairs, their checks (`checks[i]` belongs to `pairs[i]`) and the
/// corpus summary built from them.
#[derive(Clone, Copy, Debug)]
pub struct ReportInput<'a> {
    /// Title (usually the corpus file name).
    pub title: &'a str,
    /// The pairs, grouped into documents by [`Pair::doc`] (order of first appearance).
    pub pairs: &'a [Pair],
    /// The check of each pair.
    pub checks: &'a [PairCheck],
    /// The summary of the checks.
    pub summary: &'a Summary,
}

/// Check `pairs` with the bundled scorer and `cfg`, then write the report (the one call
/// `align`/`batch --report` need).
pub fn write_corpus_html<W: Write>(
    w: W,
    title: &str,
    pairs: &[Pair],
    cfg: &CheckConfig,
) -> Result<()> {
    let checks = check::check_pairs(pairs, &PairScorer::new(), cfg);
    let summary = Summary::build(pairs, &checks);
    write_html(
        w,
        &ReportInput {
            title,
            pairs,
            checks: &checks,
            summary: &summary,
        },
    )
}

/// Colour of a score: red (0) through amber to green (1).
fn hue(score: f64) -> f64 {
    (score.clamp(0.0, 1.0) * 125.0).round()
}

/// The mean-score chip of a document (grey dash when it has no scored pair).
fn doc_chip(d: &check::DocSummary) -> String {
    if d.scored == 0 {
        "<span class=\"chip none\">–</span>".to_string()
    } else {
        format!(
            "<span class=\"chip\" style=\"--h:{}\">{:.3}</span>",
            hue(d.mean_score),
            d.mean_score
        )
    }
}

/// 12345 as "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 document", "2 documents".
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{} {what}s", thousands(n))
    }
}

fn fmt_share(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// Write the report for `input` to `w`.
pub fn write_html<W: Write>(mut w: W, input: &ReportInput) -> Result<()> {
    if input.pairs.len() != input.checks.len() {
        return Err(Error::Invalid(format!(
            "report: {} pairs but {} checks",
            input.pairs.len(),
            input.checks.len()
        )));
    }
    let s = input.summary;
    // Group the pairs by document, in order of first appearance (as the summary does).
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); s.docs.len()];
    let pos: HashMap<&str, usize> = s
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc.as_str(), i))
        .collect();
    for (i, p) in input.pairs.iter().enumerate() {
        match pos.get(p.doc.as_str()) {
            Some(&g) => groups[g].push(i),
            None => {
                return Err(Error::Invalid(format!(
                    "report: document `{}` is not in the summary",
                    p.doc
                )));
            }
        }
    }

    let mut h = String::with_capacity(64 * 1024);
    let title = escape(input.title);
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>selaras report: {title}</title>\n<style>{}</style>\n</head>\n<body>",
        style::CSS
    );
    let _ = writeln!(
        h,
        "<header><div class=\"wrap\"><h1>selaras <span>alignment report</span></h1>\
         <p class=\"sub\">{title} &middot; {} &middot; {}</p></div></header>\n\
         <main class=\"wrap\">",
        plural(s.documents, "document"),
        plural(s.pairs, "pair")
    );
    write_cards(&mut h, s);
    h.push_str("<section class=\"grid\">\n");
    write_histogram(&mut h, s);
    write_flag_table(&mut h, s);
    write_bead_table(&mut h, s);
    h.push_str("</section>\n");
    write_suspects(&mut h, s);
    write_doc_list(&mut h, s);
    w.write_all(h.as_bytes())?;
    h.clear();

    h.push_str(
        "<section id=\"documents\"><div class=\"doc-tools\"><h2>Documents</h2>\
         <span class=\"legend\">score <b>0</b><i></i><b>1</b></span>\
         <label><input type=\"checkbox\" id=\"only-flagged\"> show only flagged pairs</label>\
         <button type=\"button\" id=\"expand\">expand all</button>\
         <button type=\"button\" id=\"collapse\">collapse all</button></div>\n",
    );
    // Open the first document that looks wrong (else the first one).
    let open = s.docs.iter().position(|d| d.suspect.is_some()).unwrap_or(0);
    for (g, idx) in groups.iter().enumerate() {
        write_document(&mut h, g, g == open, &s.docs[g], idx, input);
        if h.len() > 256 * 1024 {
            w.write_all(h.as_bytes())?;
            h.clear();
        }
    }
    let _ = writeln!(
        h,
        "</section>\n</main>\n<footer class=\"wrap\">Made by selaras {}. Scores are the \
         probability that a pair is a translation; colours go from red (0) to green (1).\
         </footer>\n<script>{}</script>\n</body>\n</html>",
        env!("CARGO_PKG_VERSION"),
        style::JS
    );
    w.write_all(h.as_bytes())?;
    w.flush()?;
    Ok(())
}

fn write_cards(h: &mut String, s: &Summary) {
    let cards = [
        ("pairs", thousands(s.pairs), String::new()),
        ("documents", thousands(s.documents), String::new()),
        (
            "clean pairs",
            fmt_share(s.clean_share),
            format!("{} flagged", thousands(s.flagged)),
        ),
        (
            "mean pair score",
            format!("{:.3}", s.mean_score),
            String::from("pairs with both sides"),
        ),
        (
            "suspect documents",
            s.suspect_docs.len().to_string(),
            String::from("likely wrong pairings"),
        ),
    ];
    h.push_str("<section class=\"cards\" id=\"summary\">\n");
    for (label, value, note) in cards {
        let _ = writeln!(
            h,
            "<div class=\"card\"><div class=\"label\">{label}</div>\
             <div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            escape(value.as_str()),
            escape(note.as_str())
        );
    }
    h.push_str("</section>\n");
}

fn write_histogram(h: &mut String, s: &Summary) {
    let (w, ht, pad) = (400.0, 180.0, 28.0);
    let max = s
        .histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let bw = (w - 2.0 * pad) / s.histogram.len().max(1) as f64;
    let _ = writeln!(
        h,
        "<div class=\"panel\"><h2>Pair scores</h2><svg class=\"hist\" viewBox=\"0 0 {w} {ht}\" \
         role=\"img\" aria-label=\"histogram of pair scores\">"
    );
    for (i, b) in s.histogram.iter().enumerate() {
        let bh = (ht - 2.0 * pad) * b.count as f64 / max;
        let x = pad + i as f64 * bw;
        let y = ht - pad - bh;
        let _ = writeln!(
            h,
            "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" rx=\"2\" \
             fill=\"hsl({},62%,48%)\"><title>{:.1}–{:.1}: {}</title></rect>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"cnt\">{}</text>",
            x + 2.0,
            bw - 4.0,
            hue((b.lo + b.hi) / 2.0),
            b.lo,
            b.hi,
            crate::text::count(b.count as u64, "pair"),
            x + bw / 2.0,
            y - 4.0,
            b.count
        );
    }
    let _ = writeln!(
        h,
        "<line x1=\"{pad}\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\" class=\"axis\"/>\
         <text x=\"{pad}\" y=\"{2}\" class=\"tick\">0</text>\
         <text x=\"{3}\" y=\"{2}\" class=\"tick\">0.5</text>\
         <text x=\"{1}\" y=\"{2}\" class=\"tick\">1</text></svg>\
         <p class=\"note\">pairs with both sides non-empty, by pair score</p></div>",
        ht - pad,
        w - pad,
        ht - pad + 16.0,
        w / 2.0
    );
}

fn write_flag_table(h: &mut String, s: &Summary) {
    let max = s.flags.values().copied().max().unwrap_or(0).max(1) as f64;
    h.push_str("<div class=\"panel\"><h2>Flags</h2><table class=\"kv\">\n");
    for f in Flag::ALL {
        let n = s.flags.get(f.name()).copied().unwrap_or(0);
        let _ = writeln!(
            h,
            "<tr><td><span class=\"flag\">{}</span></td><td class=\"num\">{n}</td>\
             <td class=\"bar red\"><span style=\"width:{:.1}%\"></span></td></tr>",
            f.name(),
            100.0 * n as f64 / max
        );
    }
    h.push_str("</table></div>\n");
}

fn write_bead_table(h: &mut String, s: &Summary) {
    let max = s.beads.values().copied().max().unwrap_or(0).max(1) as f64;
    h.push_str("<div class=\"panel\"><h2>Bead types</h2><table class=\"kv\">\n");
    let mut beads: Vec<(&String, &usize)> = s.beads.iter().collect();
    beads.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (k, n) in beads {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{n}</td>\
             <td class=\"bar\"><span style=\"width:{:.1}%\"></span></td></tr>",
            escape(k.as_str()),
            100.0 * *n as f64 / max
        );
    }
    h.push_str("</table></div>\n");
}

fn write_suspects(h: &mut String, s: &Summary) {
    if s.suspect_docs.is_empty() {
        h.push_str(
            "<section class=\"panel ok\"><h2>Wrong pairings</h2>\
             <p>No document looks like a wrong pairing.</p></section>\n",
        );
        return;
    }
    let _ = writeln!(
        h,
        "<section class=\"panel warn\" id=\"suspects\"><h2>Documents that look like wrong \
         pairings ({})</h2><ul>",
        s.suspect_docs.len()
    );
    for (i, d) in s.docs.iter().enumerate() {
        if let Some(why) = &d.suspect {
            let _ = writeln!(
                h,
                "<li><a href=\"#d{i}\">{}</a>: {}</li>",
                escape(d.doc.as_str()),
                escape(why.as_str())
            );
        }
    }
    h.push_str("</ul></section>\n");
}

fn write_doc_list(h: &mut String, s: &Summary) {
    h.push_str(
        "<section class=\"panel\" id=\"doclist\"><div class=\"doc-tools\"><h2>Document list</h2>\
         <input type=\"search\" id=\"filter\" placeholder=\"filter by name\" aria-label=\"filter documents\">\
         <label><input type=\"checkbox\" id=\"only-suspect\"> only suspect</label>\
         <span id=\"shown\"></span></div>\n<div class=\"scroll\"><table class=\"docs\">\
         <thead><tr><th data-k=\"0\">document</th><th class=\"num\" data-k=\"1\">pairs</th>\
         <th class=\"num\" data-k=\"2\">mean pair score</th><th class=\"num\" data-k=\"3\">1-1</th>\
         <th class=\"num\" data-k=\"4\">empty side</th><th class=\"num\" data-k=\"5\">flagged</th>\
         </tr></thead><tbody>\n",
    );
    for (i, d) in s.docs.iter().enumerate() {
        let _ = writeln!(
            h,
            "<tr class=\"docrow{}\" data-name=\"{}\" data-v=\"{i} {} {:.4} {:.4} {:.4} {:.4}\">\
             <td><a href=\"#d{i}\">{}</a>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            if d.suspect.is_some() { " suspect" } else { "" },
            escape(d.doc.to_lowercase().as_str()),
            d.pairs,
            if d.scored == 0 { -1.0 } else { d.mean_score },
            d.share_1_1,
            d.share_empty,
            d.share_flagged,
            escape(d.doc.as_str()),
            if d.suspect.is_some() {
                " <span class=\"badge\">suspect</span>"
            } else {
                ""
            },
            d.pairs,
            doc_chip(d),
            fmt_share(d.share_1_1),
            fmt_share(d.share_empty),
            fmt_share(d.share_flagged),
        );
    }
    h.push_str("</tbody></table></div></section>\n");
}

fn write_path_svg(h: &mut String, idx: &[usize], input: &ReportInput) {
    let n_id = idx
        .iter()
        .flat_map(|&i| input.pairs[i].id_idx.iter())
        .max()
        .map_or(0, |m| m.saturating_add(1));
    let n_en = idx
        .iter()
        .flat_map(|&i| input.pairs[i].en_idx.iter())
        .max()
        .map_or(0, |m| m.saturating_add(1));
    let size = 220.0;
    let pad = 22.0;
    let cell_x = size / n_id.max(1) as f64;
    let cell_y = size / n_en.max(1) as f64;
    let total = size + 2.0 * pad;
    let _ = write!(
        h,
        "<figure class=\"pathfig\"><svg class=\"path\" viewBox=\"0 0 {total} {total}\" \
         role=\"img\" aria-label=\"alignment path\"><rect x=\"{pad}\" y=\"{pad}\" \
         width=\"{size}\" height=\"{size}\" class=\"frame\"/>"
    );
    // diagonal guide
    let _ = write!(
        h,
        "<line x1=\"{pad}\" y1=\"{pad}\" x2=\"{0}\" y2=\"{0}\" class=\"diag\"/>",
        pad + size
    );
    for &i in idx {
        let p = &input.pairs[i];
        let c = &input.checks[i];
        let tip = format!(
            "{} · id {} / en {} · pair score {:.2}{}",
            p.bead,
            list(&p.id_idx),
            list(&p.en_idx),
            c.score,
            if c.flags.is_empty() {
                String::new()
            } else {
                format!(" · {}", check::flag_list(&c.flags))
            }
        );
        let tip = escape(tip.as_str());
        let colour = if c.flags.contains(&Flag::EmptySide) {
            "#8a94a6".to_string()
        } else {
            format!("hsl({},62%,45%)", hue(c.score))
        };
        let span = |v: &[usize]| (*v.iter().min().unwrap_or(&0), *v.iter().max().unwrap_or(&0));
        match (p.id_idx.is_empty(), p.en_idx.is_empty()) {
            (false, false) => {
                let (a, b) = span(&p.id_idx);
                let (c0, d) = span(&p.en_idx);
                let _ = write!(
                    h,
                    "<rect class=\"mark\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" \
                     fill=\"{colour}\"><title>{tip}</title></rect>",
                    pad + a as f64 * cell_x,
                    pad + c0 as f64 * cell_y,
                    (((b - a) as f64 + 1.0) * cell_x).max(1.5),
                    (((d - c0) as f64 + 1.0) * cell_y).max(1.5)
                );
            }
            (false, true) => {
                let (a, b) = span(&p.id_idx);
                let _ = write!(
                    h,
                    "<rect class=\"mark empty\" x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" \
                     height=\"5\" fill=\"{colour}\"><title>{tip}</title></rect>",
                    pad + a as f64 * cell_x,
                    pad + size + 3.0,
                    (((b - a) as f64 + 1.0) * cell_x).max(1.5)
                );
            }
            (true, false) => {
                let (a, b) = span(&p.en_idx);
                let _ = write!(
                    h,
                    "<rect class=\"mark empty\" x=\"{:.2}\" y=\"{:.2}\" width=\"5\" \
                     height=\"{:.2}\" fill=\"{colour}\"><title>{tip}</title></rect>",
                    pad - 8.0,
                    pad + a as f64 * cell_y,
                    (((b - a) as f64 + 1.0) * cell_y).max(1.5)
                );
            }
            (true, true) => {}
        }
    }
    let _ = write!(
        h,
        "<text x=\"{0}\" y=\"{1}\" class=\"tick\">Indonesian segment →</text>\
         <text x=\"12\" y=\"{0}\" class=\"tick\" transform=\"rotate(90 12 {0})\">English \
         segment →</text></svg><figcaption>{2} × {3}</figcaption></figure>",
        pad,
        pad + size + 18.0,
        crate::text::count(n_id as u64, "Indonesian segment"),
        crate::text::count(n_en as u64, "English segment"),
    );
}

fn list(v: &[usize]) -> String {
    if v.is_empty() {
        return "–".into();
    }
    v.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

fn write_document(
    h: &mut String,
    g: usize,
    open: bool,
    d: &check::DocSummary,
    idx: &[usize],
    input: &ReportInput,
) {
    let _ = write!(
        h,
        "<details class=\"doc{}\" id=\"d{g}\"{}><summary><span class=\"name\">{}</span>\
         <span class=\"meta\">{} · {} mean pair score · {} flagged</span>{}</summary>\n<div class=\"docbody\">",
        if d.suspect.is_some() { " suspect" } else { "" },
        if open { " open" } else { "" },
        escape(d.doc.as_str()),
        crate::text::count(d.pairs as u64, "pair"),
        doc_chip(d),
        fmt_share(d.share_flagged),
        match &d.suspect {
            Some(why) => format!(
                "<span class=\"badge\" title=\"{0}\">suspect: {0}</span>",
                escape(why.as_str())
            ),
            None => String::new(),
        }
    );
    write_path_svg(h, idx, input);
    h.push_str(
        "<table class=\"beads\"><thead><tr><th>#</th><th>bead</th><th>Indonesian</th>\
         <th>English</th><th title=\"the probability that the two sides translate each other (selaras score), not the aligner's bead score\">pair score</th><th>flags</th></tr></thead><tbody>\n",
    );
    for &i in idx {
        let p = &input.pairs[i];
        let c = &input.checks[i];
        let empty = c.flags.contains(&Flag::EmptySide);
        let flags: String = c
            .flags
            .iter()
            .map(|f| format!("<span class=\"flag\">{}</span>", f.name()))
            .collect();
        let _ = writeln!(
            h,
            "<tr class=\"bead{}{}\" style=\"--h:{}\"><td class=\"idx\">{} / {}</td>\
             <td class=\"kind\">{}</td><td class=\"txt\" lang=\"id\">{}</td>\
             <td class=\"txt\" lang=\"en\">{}</td><td class=\"num sc\">{}</td>\
             <td class=\"fl\">{flags}</td></tr>",
            if c.flags.is_empty() { "" } else { " flagged" },
            if empty { " empty" } else { "" },
            hue(c.score),
            list(&p.id_idx),
            list(&p.en_idx),
            escape(p.bead.as_str()),
            escape(p.id.as_str()),
            escape(p.en.as_str()),
            if empty {
                "–".to_string()
            } else {
                format!("{:.2}", c.score)
            },
        );
    }
    h.push_str("</tbody></table></div></details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(doc: &str, i: usize, id: &str, en: &str) -> Pair {
        Pair {
            doc: doc.into(),
            id_idx: if id.is_empty() { vec![] } else { vec![i] },
            en_idx: if en.is_empty() { vec![] } else { vec![i] },
            bead: format!(
                "{}-{}",
                usize::from(!id.is_empty()),
                usize::from(!en.is_empty())
            ),
            id: id.into(),
            en: en.into(),
            ..Pair::default()
        }
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(73440), "73,440");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn escapes_text_and_counts_sections() {
        let pairs = vec![
            pair(
                "a<b>",
                0,
                "Satu <b>tebal</b> & \"kutip\".",
                "One <b>bold</b> & \"quote\".",
            ),
            pair("a<b>", 1, "Dua.", ""),
            pair("c", 0, "Tiga.", "Three."),
        ];
        let mut out = Vec::new();
        write_corpus_html(&mut out, "t&t", &pairs, &CheckConfig::default()).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains("Satu &lt;b&gt;tebal&lt;/b&gt; &amp; &quot;kutip&quot;."));
        assert!(!html.contains("<b>tebal"));
        assert!(html.contains("a&lt;b&gt;"));
        assert_eq!(html.matches("<details class=\"doc").count(), 2);
        assert_eq!(html.matches("<tr class=\"bead").count(), 3);
        assert_eq!(html.matches("<svg class=\"path\"").count(), 2);
        assert!(!html.contains("http://") && !html.contains("https://"));
    }
}
