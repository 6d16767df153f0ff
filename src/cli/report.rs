//! `selaras report` (SKELETON).

/// Arguments of `selaras report`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras report`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras report` is not built yet")
}
