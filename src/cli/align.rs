//! `selaras align` (SKELETON).

/// Arguments of `selaras align`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras align`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras align` is not built yet")
}
