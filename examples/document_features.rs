//! The document-level features of each document of a manifest, as `scripts/fit_document.py`
//! reads them: `cargo run --release --example document_features -- MANIFEST.tsv > FEATS.tsv`.
//!
//! The manifest has the columns `doc`, `id`, `en` (files, relative to the manifest) and
//! `label` (1: the documents translate each other, 0: not); each document goes through
//! [`selaras::pipeline::Pipeline::align`] as `selaras align` runs it, and one line is written
//! per document: `doc`, `label`, the document probability, then the features.

use rayon::prelude::*;
use selaras::pipeline::Pipeline;
use std::io::Write;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let manifest = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: document_features MANIFEST.tsv"))?;
    let base = Path::new(&manifest).parent().unwrap_or(Path::new("."));
    let text = std::fs::read_to_string(&manifest)?;
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(String::from).collect())
        .collect();
    let pipeline = Pipeline::default();
    let lines: Vec<anyhow::Result<String>> = rows
        .par_iter()
        .map(|r| {
            let id = std::fs::read_to_string(base.join(&r[1]))?;
            let en = std::fs::read_to_string(base.join(&r[2]))?;
            let a = pipeline.align(id.as_str(), en.as_str())?;
            let j = &a.document;
            let f = serde_json::to_value(&j.features)?;
            let cols: Vec<String> = FIELDS.iter().map(|k| f[*k].to_string()).collect();
            Ok(format!(
                "{}\t{}\t{}\t{}",
                r[0],
                r[3],
                j.probability,
                cols.join("\t")
            ))
        })
        .collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "doc\tlabel\tprobability\t{}", FIELDS.join("\t"))?;
    for l in lines {
        writeln!(out, "{}", l?)?;
    }
    Ok(())
}

/// The features written, in order.
const FIELDS: [&str; 14] = [
    "sentences",
    "supported",
    "supported_paired",
    "supported_id",
    "supported_en",
    "mean_pair",
    "stretch",
    "stretch_sentences",
    "unpaired",
    "mean_bead",
    "length",
    "cover_id",
    "cover_en",
    "in_order",
];
