//! `selaras eval` (SKELETON).

/// Arguments of `selaras eval`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras eval`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras eval` is not built yet")
}
