//! `drift`: a read-only script that compares the database's catalog with
//! the schema model at a revision ([`crate::project::Project::drift_script`]).

use anyhow::Context;
use camino::{Utf8Path, Utf8PathBuf};

/// Arguments of `retort drift`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort drift head                        is the database's schema that of head?
  retort drift ae10 --dialect mysql -o d.sql  the check of revision ae10, to a file
  retort drift head --strict               also report tables, columns, indexes and
                                           enum types no revision created
  retort drift b95c 4d7a                   a database at two heads (two version rows)

The script only reads the catalog (it may create temporary tables). It fails with one
error listing every difference, each as `object: what expected X, found Y`.")]
pub struct DriftArgs {
    /// The revision (`head`, an id, a label, `heads`, `base`...); several
    /// for a database at several heads (the rows of its version table).
    #[arg(required = true, num_args = 1..)]
    pub revisions: Vec<String>,
    /// The dialect (default: `dialect` in retort.yaml).
    #[arg(long, value_name = "NAME")]
    pub dialect: Option<String>,
    /// Write the script to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<Utf8PathBuf>,
    /// Also report objects that no revision created.
    #[arg(long)]
    pub strict: bool,
}

/// `retort drift`.
pub fn drift(project: &Utf8Path, args: DriftArgs) -> anyhow::Result<()> {
    let project = crate::project::Project::open(project)?;
    let renderer = project.renderer(args.dialect.as_deref())?;
    let script = project.drift_script(&args.revisions, &renderer, args.strict)?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, script).with_context(|| format!("cannot write {path}"))?
        }
        None => print!("{script}"),
    }
    Ok(())
}
