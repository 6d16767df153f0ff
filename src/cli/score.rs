//! `selaras score`: the probability that each pair of a TSV is a translation.

use super::check::{FlagArgs, TableArgs, write_rows};
use selaras::score::pair::{INPUTS, design};
use std::path::PathBuf;

/// Arguments of `selaras score`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    #[command(flatten)]
    pub flags: FlagArgs,
    /// Write the output here (atomically) instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also write the model inputs as columns `f_<name>` (for fitting and debugging).
    #[arg(long)]
    pub features: bool,
}

/// Run `selaras score`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let cfg = args.flags.config()?;
    let output = super::Output::open(args.output.as_deref())?;
    let (table, pairs) = args.input.read()?;
    let scorer = args.flags.scorer()?;
    let checks = selaras::check::check_pairs(&pairs, &scorer, &cfg);
    let mut extra: Vec<String> = vec!["score".into(), "flags".into()];
    let feats: Vec<[f64; INPUTS.len()]> = if args.features {
        extra.extend(INPUTS.iter().skip(1).map(|n| format!("f_{n}")));
        use rayon::prelude::*;
        pairs
            .par_iter()
            .map(|p| design(&scorer.features(&p.id, &p.en)))
            .collect()
    } else {
        Vec::new()
    };
    let extra_ref: Vec<&str> = extra.iter().map(String::as_str).collect();
    output.write(|w| {
        write_rows(w, &table, &extra_ref, |i| {
            let mut v = vec![
                format!("{:.4}", checks[i].score),
                selaras::check::flag_list(&checks[i].flags),
            ];
            if let Some(x) = feats.get(i) {
                v.extend(x.iter().skip(1).map(|a| format!("{a:.6}")));
            }
            v
        })
    })?;
    Ok(super::EXIT_OK)
}
