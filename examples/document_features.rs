//! The document-level features of each document of a manifest, as `scripts/fit_document.py`
//! reads them:
//! `cargo run --release --example document_features -- MANIFEST.tsv [--align] > FEATS.tsv`.
//!
//! The manifest has the columns `doc`, `id`, `en` (files, relative to the manifest) and
//! `label` (1: the documents translate each other, 0: not). The documents are aligned as
//! `selaras batch` aligns them (a first pass, word translations learned from the whole
//! collection, a second pass: [`Pipeline::first_pass`], [`Pipeline::realign`]), or with
//! `--align` each on its own as `selaras align` does ([`Pipeline::align`]). One line is
//! written per document: `doc`, `label`, the document probability, then the features.

use rayon::prelude::*;
use selaras::align::LearnStats;
use selaras::pipeline::{Aligned, Document, Input, Pipeline};
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
    let read = |r: &Vec<String>| -> anyhow::Result<(String, String)> {
        Ok((
            std::fs::read_to_string(base.join(&r[1]))?,
            std::fs::read_to_string(base.join(&r[2]))?,
        ))
    };
    let aligned: Vec<anyhow::Result<Aligned>> = if std::env::args().any(|a| a == "--align") {
        rows.par_iter()
            .map(|r| {
                let (id, en) = read(r)?;
                Ok(pipeline.align(id.as_str(), en.as_str())?)
            })
            .collect()
    } else {
        let docs: Vec<anyhow::Result<Document>> = rows
            .par_iter()
            .map(|r| {
                let (id, en) = read(r)?;
                let mut doc = pipeline.load(Input::Text(&id), Input::Text(&en))?;
                pipeline.first_pass(pipeline.aligner(), &mut doc);
                Ok(doc)
            })
            .collect();
        let mut stats = LearnStats::default();
        for d in docs.iter().flatten() {
            d.learn_into(&mut stats);
        }
        let learned = pipeline.aligner().with_learned(&stats);
        docs.into_par_iter()
            .map(|d| Ok(pipeline.realign(&learned, &d?)))
            .collect()
    };
    let lines: Vec<anyhow::Result<String>> = rows
        .iter()
        .zip(aligned)
        .map(|(r, a)| {
            let a = a?;
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
const FIELDS: [&str; 18] = [
    "sentences",
    "supported",
    "supported_paired",
    "strong",
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
    "cover_near",
    "monotone",
    "run_odds",
];
