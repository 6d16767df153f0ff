//! `selaras split` (SKELETON).

/// Arguments of `selaras split`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras split`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras split` is not built yet")
}
