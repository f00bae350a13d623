//! `revision` and `merge`: write new revision files.

use camino::Utf8Path;

/// Arguments of `retort revision`.
#[derive(Debug, clap::Args)]
pub struct RevisionArgs {}
/// Arguments of `retort merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {}

/// `retort revision`.
pub fn revision(_project: &Utf8Path, _args: RevisionArgs) -> anyhow::Result<()> {
    super::not_yet("revision")
}
/// `retort merge`.
pub fn merge(_project: &Utf8Path, _args: MergeArgs) -> anyhow::Result<()> {
    super::not_yet("merge")
}
