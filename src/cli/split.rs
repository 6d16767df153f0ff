//! `selaras split`: cut a text into sentences, one per line (or JSON Lines with spans).

use selaras::segment::{Lang, Segmenter, Sentence, Wrap, presplit};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `selaras split`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Language of the text.
    #[arg(long, value_enum, ignore_case = true)]
    lang: Lang,
    /// Input text (UTF-8); `-` or nothing reads standard input.
    #[arg(value_name = "FILE|-")]
    input: Option<PathBuf>,
    /// Output format: one sentence per line, or JSON Lines with paragraph and byte span.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Segmentation rules (SRX 2.0) to use instead of the bundled ones.
    #[arg(long, value_name = "FILE.srx")]
    rules: Option<PathBuf>,
    /// The input is already split: one sentence per non-blank line.
    #[arg(long, conflicts_with = "rules")]
    presplit: bool,
    /// Read the text as hard-wrapped (e-mail, text taken from a PDF): paragraphs end at blank
    /// lines and at lines well short of the width; a line break inside one is a space. Without
    /// it or --no-wrapped, a text whose lines are evidently cut at a width is read so (named on
    /// stderr).
    #[arg(long, conflicts_with = "presplit")]
    wrapped: bool,
    /// Every line break ends a paragraph, however the lines look (no wrap detection).
    #[arg(long, conflicts_with_all = ["presplit", "wrapped"])]
    no_wrapped: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Format {
    /// One sentence per line.
    Text,
    /// One JSON object per sentence: text, para, start, end (byte offsets in the file).
    Jsonl,
}

/// One line of `--format jsonl`.
#[derive(Serialize)]
struct Row<'a> {
    text: &'a str,
    para: usize,
    start: usize,
    end: usize,
}

/// Run `selaras split`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let segmenter = match &args.rules {
        Some(path) => {
            let rules = selaras::text::read_input(path)?;
            Some(Segmenter::from_srx(&rules.text, args.lang, path)?)
        }
        None if args.presplit => None,
        None => Some(Segmenter::new(args.lang)),
    };
    super::check_not_input(
        &[
            ("INPUT", args.input.as_deref()),
            ("--rules", args.rules.as_deref()),
        ],
        &[("-o", args.output.as_deref())],
    )?;
    let output = super::Output::open(args.output.as_deref())?;
    let path = args.input.unwrap_or_else(|| PathBuf::from("-"));
    let input = selaras::text::read_input(&path)?;
    let sentences: Vec<Sentence> = match &segmenter {
        Some(s) => {
            let (sentences, layout) =
                s.read(&input.text, Wrap::from_flags(args.wrapped, args.no_wrapped));
            if let Some(note) = super::wrap_note(&[(&path, layout)]) {
                eprintln!("{note}");
            }
            sentences
        }
        None => presplit(&input.text),
    };
    output.write(|out| {
        write(out, &sentences, args.format, input.offset).map_err(selaras::Error::Write)
    })?;
    Ok(super::EXIT_OK)
}

fn write(
    out: &mut dyn Write,
    sentences: &[Sentence],
    format: Format,
    offset: usize,
) -> std::io::Result<()> {
    for s in sentences {
        match format {
            Format::Text => writeln!(out, "{}", s.text)?,
            Format::Jsonl => {
                let row = Row {
                    text: &s.text,
                    para: s.para,
                    start: s.start + offset,
                    end: s.end + offset,
                };
                serde_json::to_writer(&mut *out, &row)?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(())
}
