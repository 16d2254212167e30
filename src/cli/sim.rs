//! `deckhand sim` (being written).

/// Arguments of `deckhand sim`.
#[derive(Debug, clap::Args)]
pub struct SimArgs {}

/// Run `deckhand sim`.
pub fn run(_args: SimArgs) -> anyhow::Result<u8> {
    Ok(super::EXIT_OK)
}
