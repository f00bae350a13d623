//! `history`, `heads`, `branches`, `show`, `graph`: read-only views of the graph.

use camino::Utf8Path;

/// Arguments of `retort history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {}
/// Arguments of `retort heads`.
#[derive(Debug, clap::Args)]
pub struct HeadsArgs {}
/// Arguments of `retort branches`.
#[derive(Debug, clap::Args)]
pub struct BranchesArgs {}
/// Arguments of `retort show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The revision.
    pub revision: String,
}
/// Arguments of `retort graph`.
#[derive(Debug, clap::Args)]
pub struct GraphArgs {}

/// `retort history`.
pub fn history(_project: &Utf8Path, _args: HistoryArgs) -> anyhow::Result<()> {
    super::not_yet("history")
}
/// `retort heads`.
pub fn heads(_project: &Utf8Path, _args: HeadsArgs) -> anyhow::Result<()> {
    super::not_yet("heads")
}
/// `retort branches`.
pub fn branches(_project: &Utf8Path, _args: BranchesArgs) -> anyhow::Result<()> {
    super::not_yet("branches")
}
/// `retort show`.
pub fn show(_project: &Utf8Path, _args: ShowArgs) -> anyhow::Result<()> {
    super::not_yet("show")
}
/// `retort graph`.
pub fn graph(_project: &Utf8Path, _args: GraphArgs) -> anyhow::Result<()> {
    super::not_yet("graph")
}
