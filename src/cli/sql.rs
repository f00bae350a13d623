//! `upgrade`, `downgrade`, `stamp`: print a script (Alembic's `--sql` mode).

use camino::Utf8Path;

/// Arguments of `retort upgrade`.
#[derive(Debug, clap::Args)]
pub struct UpgradeArgs {
    /// `[FROM:]TO`, e.g. `head`, `ae10:head`, `+2`.
    pub range: String,
}
/// Arguments of `retort downgrade`.
#[derive(Debug, clap::Args)]
pub struct DowngradeArgs {
    /// `FROM:TO`, e.g. `head:base`, `head:-1`.
    pub range: String,
}
/// Arguments of `retort stamp`.
#[derive(Debug, clap::Args)]
pub struct StampArgs {
    /// `[FROM:]TO`.
    pub range: String,
}

/// `retort upgrade`.
pub fn upgrade(_project: &Utf8Path, _args: UpgradeArgs) -> anyhow::Result<()> {
    super::not_yet("upgrade")
}
/// `retort downgrade`.
pub fn downgrade(_project: &Utf8Path, _args: DowngradeArgs) -> anyhow::Result<()> {
    super::not_yet("downgrade")
}
/// `retort stamp`.
pub fn stamp(_project: &Utf8Path, _args: StampArgs) -> anyhow::Result<()> {
    super::not_yet("stamp")
}
