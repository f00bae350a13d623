//! `check`: validation and review notes.

use camino::Utf8Path;

/// Arguments of `retort check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {}

/// `retort check`.
pub fn check(_project: &Utf8Path, _args: CheckArgs) -> anyhow::Result<()> {
    super::not_yet("check")
}
