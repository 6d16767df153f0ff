//! `selaras score` (SKELETON).

/// Arguments of `selaras score`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras score`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras score` is not built yet")
}
