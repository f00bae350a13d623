//! `compile` and `verify`: the checksummed archive under out/.
//!
//! Both are [`crate::archive`]'s: `compile` writes what changed, `verify`
//! compares a compile in memory with what is there.

use super::progress::ScriptsBar;
use crate::archive;
use crate::project::Project;
use camino::Utf8Path;

/// Arguments of `retort compile`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort compile                      every target of retort.yaml (all five dialects by default)
  retort compile --dialect sqlite     only out/sqlite/; the other dialects' scripts stay as they are
  retort compile --force              also rewrite archived scripts whose output changed")]
pub struct CompileArgs {
    /// Compile only this dialect (repeatable); default: `targets:` in retort.yaml.
    #[arg(long = "dialect", value_name = "NAME")]
    pub dialects: Vec<String>,
    /// Rewrite per-revision scripts already in the manifest even when they change.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `retort verify`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort verify                       exit 0 when out/ is exactly what the sources compile to
  (cd out && sha256sum -c MANIFEST.sha256)   the same checksums, without retort")]
pub struct VerifyArgs {}

/// `retort compile`.
pub fn compile(project: &Utf8Path, args: CompileArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let bar = ScriptsBar::on_stderr();
    let report = archive::compile(&project, &args.dialects, args.force, &bar)?;
    let out = &project.config.out;
    let written = &report.written;
    println!(
        "compiled {} revision(s) for {} into {out}: {} new, {} changed, {} removed, {} unchanged",
        report.revisions,
        report.dialects.join(", "),
        written.new,
        written.changed.len(),
        written.removed.len(),
        written.unchanged
    );
    // New files are many on a first compile and say little; changes matter.
    for path in &written.changed {
        println!("changed {}", out.join(path));
    }
    for path in &written.removed {
        println!("removed {}", out.join(path));
    }
    Ok(())
}

/// `retort verify`.
pub fn verify(project: &Utf8Path, _args: VerifyArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let report = archive::verify(&project)?;
    println!(
        "verified: the {} file(s) in {} match the {} revision source(s) and the manifest",
        report.files, project.config.out, report.revisions
    );
    Ok(())
}
