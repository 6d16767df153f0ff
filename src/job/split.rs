//! `selaras split`: a text cut into sentences, one a line or JSON Lines with their spans.

use super::{Segmentation, wrap_note};
use crate::error::{Error, Result};
use crate::output::{Output, check_not_input, present};
use crate::segment::{Lang, Segmenter, Sentence, presplit, write_sentences};
use std::io::Write;
use std::path::PathBuf;

/// What `selaras split` is asked to do.
#[derive(Clone, Debug)]
pub struct Job {
    /// The language of the text.
    pub lang: Lang,
    /// The text (`None` or `-`: standard input).
    pub input: Option<PathBuf>,
    /// The output (`None`: standard output).
    pub output: Option<PathBuf>,
    /// How the text is cut into sentences.
    pub segmentation: Segmentation,
    /// JSON Lines with paragraph and byte span instead of one sentence a line.
    pub jsonl: bool,
}

/// Run `selaras split`: the hard-wrapped note goes to `messages`.
pub fn run(job: &Job, messages: &mut dyn Write) -> Result<()> {
    let rules = job.segmentation.rules.as_deref();
    let segmenter = match rules {
        Some(path) => {
            let rules = crate::text::read_input(path)?;
            Some(Segmenter::from_srx(&rules.text, job.lang, path)?)
        }
        None if job.segmentation.presplit => None,
        None => Some(Segmenter::new(job.lang)),
    };
    let inputs = [("INPUT", job.input.as_deref()), ("--rules", rules)];
    let outputs = [("-o", job.output.as_deref())];
    check_not_input(&present(&inputs), &present(&outputs))?;
    let output = Output::open(job.output.as_deref())?;
    let path = job.input.clone().unwrap_or_else(|| PathBuf::from("-"));
    let input = crate::text::read_input(&path)?;
    let sentences: Vec<Sentence> = match &segmenter {
        Some(s) => {
            let (sentences, layout) = s.read(&input.text, job.segmentation.wrap);
            if let Some(note) = wrap_note(&[(&path, layout)]) {
                let _ = writeln!(messages, "{note}");
            }
            sentences
        }
        None => presplit(&input.text),
    };
    output.write_with(|out| {
        write_sentences(out, &sentences, job.jsonl, input.offset).map_err(Error::Write)
    })
}
