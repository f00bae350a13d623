//! `schema`: the schema model at a revision, as DDL.

use camino::Utf8Path;

/// Arguments of `retort schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The revision.
    pub revision: String,
}

/// `retort schema`.
pub fn schema(_project: &Utf8Path, _args: SchemaArgs) -> anyhow::Result<()> {
    super::not_yet("schema")
}
