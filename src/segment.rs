//! Sentence segmentation for Indonesian and English (SKELETON: to be replaced).
//!
//! Paragraphs end at line breaks; a sentence never crosses a paragraph. Rules are data
//! (SRX 2.0), embedded as the default and replaceable by the user's own file.

use serde::Serialize;

/// Language of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum, Serialize)]
pub enum Lang {
    /// Indonesian.
    Id,
    /// English.
    En,
}

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// One sentence of an input text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The original sentence text, trimmed (never normalised).
    pub text: String,
    /// Byte offset of the first byte of `text` in the input text.
    pub start: usize,
    /// Byte offset one past the last byte of `text` in the input text.
    pub end: usize,
    /// 0-based paragraph number.
    pub para: usize,
}

/// One sentence per non-blank line, as given (`--presplit`). Each line is its own paragraph.
pub fn presplit(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut pos = 0;
    for (para, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push(Sentence {
                text: trimmed.to_string(),
                start: pos + lead,
                end: pos + lead + trimmed.len(),
                para,
            });
        }
        pos += raw.len();
    }
    out
}
