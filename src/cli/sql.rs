//! `upgrade`, `downgrade`, `stamp`: print a script (Alembic's `--sql` mode).

use crate::graph::RevisionGraph;
use crate::plan::Plan;
use crate::project::{Project, ScriptStyle};
use anyhow::Context;
use camino::{Utf8Path, Utf8PathBuf};

/// Options every script-printing command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ScriptArgs {
    /// The dialect: postgresql, sqlite, mysql, mssql, oracle, or one of the
    /// project's own `dialects/` folders [default: `dialect` of retort.yaml].
    #[arg(long, value_name = "NAME")]
    pub dialect: Option<String>,
    /// Write the script to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<Utf8PathBuf>,
    /// Lay out the SQL of `execute` ops with sqlformat (the rest keeps
    /// Alembic's layout; off by default, so the output is Alembic's).
    #[arg(long)]
    pub pretty: bool,
}

/// Arguments of `retort upgrade`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort upgrade head                      base to head: creates alembic_version first
  retort upgrade ae10:head --dialect mysql from revision ae10 (already applied) to head
  retort upgrade +2 -o out/next.sql        the next two revisions from base, to a file
  retort upgrade heads                     every branch to its head
  retort upgrade ae10:head --guard         each revision first checks alembic_version

The script is what `alembic upgrade [FROM:]TO --sql` prints for the same revisions:
the dialect's transaction framing, `-- Running upgrade A -> B` before each revision,
its ops, then the alembic_version row changes.")]
pub struct UpgradeArgs {
    /// `[FROM:]TO`, e.g. `head`, `ae10:head`, `+2`.
    #[arg(allow_hyphen_values = true)]
    pub range: String,
    #[command(flatten)]
    pub script: ScriptArgs,
    #[command(flatten)]
    pub extras: Extras,
}

/// Arguments of `retort downgrade`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort downgrade head:base               undo every revision
  retort downgrade head:-1                 undo the last revision
  retort downgrade r9:r6 --dialect oracle  undo what lies between r6 and r9
  retort downgrade head:-1 --guard         stop unless the database is at head

As with `alembic downgrade --sql`, the range needs its FROM: the script cannot ask the
database where it stands.")]
pub struct DowngradeArgs {
    /// `FROM:TO`, e.g. `head:base`, `head:-1`.
    #[arg(allow_hyphen_values = true)]
    pub range: String,
    #[command(flatten)]
    pub script: ScriptArgs,
    #[command(flatten)]
    pub extras: Extras,
}

/// Arguments of `retort stamp`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort stamp head          create alembic_version and record head, running nothing
  retort stamp r6:r7a        move the recorded revision from r6 to r7a
  retort stamp head:base     remove the recorded revision

Only the alembic_version statements are printed, as `alembic stamp --sql` does.")]
pub struct StampArgs {
    /// `[FROM:]TO`, e.g. `head`, `r6:r7a`, `head:base`.
    #[arg(allow_hyphen_values = true)]
    pub range: String,
    #[command(flatten)]
    pub script: ScriptArgs,
}

/// `retort upgrade`.
pub fn upgrade(project: &Utf8Path, args: UpgradeArgs) -> anyhow::Result<()> {
    print_script(
        project,
        &args.range,
        &args.script,
        args.extras,
        crate::plan::upgrade,
    )
}

/// `retort downgrade`.
pub fn downgrade(project: &Utf8Path, args: DowngradeArgs) -> anyhow::Result<()> {
    print_script(
        project,
        &args.range,
        &args.script,
        args.extras,
        crate::plan::downgrade,
    )
}

/// `retort stamp`.
pub fn stamp(project: &Utf8Path, args: StampArgs) -> anyhow::Result<()> {
    print_script(
        project,
        &args.range,
        &args.script,
        Extras::default(),
        crate::plan::stamp,
    )
}

/// How a command turns its range into a plan.
type Planner = for<'g> fn(&'g RevisionGraph, &str) -> Result<Plan<'g>, crate::graph::ResolveError>;

/// What `upgrade` and `downgrade` may add to Alembic's script.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct Extras {
    /// Precede each revision with a check that the version table holds the
    /// revision(s) it expects, stopping the script otherwise (as `compile` does).
    #[arg(long)]
    pub guard: bool,
    /// Write `retort check`'s review notes as comments above the ops they
    /// concern, as compiled scripts have them (off by default: Alembic's output).
    #[arg(long)]
    pub notes: bool,
}

/// Loads the project, plans `range`, renders the script and writes it.
fn print_script(
    project: &Utf8Path,
    range: &str,
    args: &ScriptArgs,
    extras: Extras,
    planner: Planner,
) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let plan = planner(&project.graph, range)?;
    let renderer = project
        .renderer(args.dialect.as_deref())?
        .with_pretty_execute(args.pretty);
    let notes = if extras.notes {
        project.review_notes(std::slice::from_ref(renderer.facts()), None)?
    } else {
        Vec::new()
    };
    let style = ScriptStyle {
        guard: extras.guard,
        notes: extras.notes.then_some(notes.as_slice()),
        drift: false,
    };
    let text = project.script(&plan, &renderer, style)?;
    match &args.output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {path}")),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .context("cannot write the script to standard output")
        }
    }
}
