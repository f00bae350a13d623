//! `retort import`: Alembic revision files into YAML revisions.

use anyhow::Context;
use camino::{Utf8Path, Utf8PathBuf};

/// Arguments of `retort import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The Alembic `versions/` folder (its sub-folders too).
    #[arg(value_name = "ALEMBIC_VERSIONS_DIR")]
    pub versions: Utf8PathBuf,
    /// Overwrite revision files that exist already.
    #[arg(long)]
    pub force: bool,
}

/// Reads every Alembic revision file and writes one YAML revision each into
/// the project's revisions folder, then prints the summary.
pub fn import(project: &Utf8Path, args: ImportArgs) -> anyhow::Result<()> {
    let summary = crate::r#import::import(&args.versions, project, args.force)
        .with_context(|| format!("cannot import {}; nothing was written", args.versions))?;
    print!("{summary}");
    Ok(())
}
