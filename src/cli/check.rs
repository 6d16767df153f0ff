//! `selaras check` (SKELETON).

/// Arguments of `selaras check`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Run `selaras check`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("`selaras check` is not built yet")
}
