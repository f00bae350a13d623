//! `schema`: the schema model at a revision, as the dialect's DDL.
//!
//! [`crate::project::Project::schema_ddl`]: no version table, no framing,
//! DDL only.

use camino::Utf8Path;

/// Arguments of `retort schema`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort schema head                      the schema after every revision, as PostgreSQL DDL
  retort schema ae10 --dialect sqlite     the schema at revision ae10, as SQLite DDL
  retort schema scheduling@head           the schema at the head of a branch")]
pub struct SchemaArgs {
    /// The revision (`head`, an id, a label, `heads`...).
    pub revision: String,
    /// The dialect (default: `dialect` in retort.yaml).
    #[arg(long)]
    pub dialect: Option<String>,
}

/// `retort schema`.
pub fn schema(project: &Utf8Path, args: SchemaArgs) -> anyhow::Result<()> {
    let project = crate::project::Project::open(project)?;
    let renderer = project.renderer(args.dialect.as_deref())?;
    let ddl = project.schema_ddl(&args.revision, &renderer)?;
    print!("{ddl}");
    Ok(())
}
