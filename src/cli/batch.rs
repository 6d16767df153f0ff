//! `selaras batch` (SKELETON).

/// Arguments of `selaras batch`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras batch`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras batch` is not built yet")
}
