//! `compile` and `verify`: the checksummed archive under out/.

use camino::Utf8Path;

/// Arguments of `retort compile`.
#[derive(Debug, clap::Args)]
pub struct CompileArgs {}
/// Arguments of `retort verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {}

/// `retort compile`.
pub fn compile(_project: &Utf8Path, _args: CompileArgs) -> anyhow::Result<()> {
    super::not_yet("compile")
}
/// `retort verify`.
pub fn verify(_project: &Utf8Path, _args: VerifyArgs) -> anyhow::Result<()> {
    super::not_yet("verify")
}
