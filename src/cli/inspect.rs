//! `history`, `heads`, `branches`, `show`, `graph`: read-only views of the graph.
//!
//! The text forms are Alembic's ([`crate::graph::listing`]); the pictures
//! are [`crate::graph::picture`]'s.

use crate::graph::{listing, picture};
use crate::project::Project;
use anyhow::Context;
use camino::Utf8Path;

/// Arguments of `retort history`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort history                   every revision, newest first
  retort history -r ae10:          from ae10 up to the heads
  retort history -r :head --verbose
  retort history -r scheduling@base:scheduling@head

Each line reads `PARENT -> REVISION (labels) (head), message`, as `alembic history`
prints it; `(branchpoint)` and `(mergepoint)` mark where the graph forks and joins,
and a parent in parentheses is a `depends_on`.")]
pub struct HistoryArgs {
    /// Only this range: `[START]:[END]` (Alembic's form: `ae10:`, `:head`, `r2:r5`).
    #[arg(short = 'r', long = "rev-range", value_name = "RANGE")]
    pub range: Option<String>,
    /// Show every revision in full (as `show` does).
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `retort heads`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort heads             one line per head: `ID (labels) (head)`
  retort heads --verbose   each head in full

Several heads mean unmerged branches: `retort merge heads -m MSG` joins them.")]
pub struct HeadsArgs {
    /// Show each head in full.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `retort branches`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort branches            each branch point and the revisions it forks into
  retort branches --verbose  the same, in full, with messages")]
pub struct BranchesArgs {
    /// Show each branch point in full and each branch with its message.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Arguments of `retort show`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort show head           the newest revision
  retort show ae10           a revision by a unique prefix of its id
  retort show scheduling     the revision that carries a branch label
  retort show heads          every head")]
pub struct ShowArgs {
    /// The revision: an id, a unique prefix, a label, `head`, `heads`, `label@head`, `REV-N`...
    pub revision: String,
}

/// The picture formats of `retort graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz: `retort graph | dot -Tsvg > graph.svg`.
    Dot,
    /// Mermaid, for Markdown pages that render it.
    Mermaid,
}

/// Arguments of `retort graph`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  retort graph | dot -Tsvg > revisions.svg
  retort graph --format mermaid > revisions.mmd

Arrows point from a revision to the revisions built on it; dashed arrows are
`depends_on`. Each node shows the id, its branch labels and the message.")]
pub struct GraphArgs {
    /// The output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

/// `retort history`.
pub fn history(project: &Utf8Path, args: HistoryArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let (base, head) = match &args.range {
        None => ("base", "heads"),
        Some(range) => {
            let Some((base, head)) = range.trim().split_once(':') else {
                anyhow::bail!(
                    "history range `{range}` needs a colon: `START:END`, `START:` or `:END`"
                );
            };
            (
                if base.is_empty() { "base" } else { base },
                if head.is_empty() { "heads" } else { head },
            )
        }
    };
    let text = listing::history(&project.graph, base, head, args.verbose)
        .with_context(|| format!("cannot list the history from `{base}` to `{head}`"))?;
    print!("{text}");
    Ok(())
}

/// `retort heads`.
pub fn heads(project: &Utf8Path, args: HeadsArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    print!("{}", listing::heads(&project.graph, args.verbose));
    Ok(())
}

/// `retort branches`.
pub fn branches(project: &Utf8Path, args: BranchesArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    print!("{}", listing::branches(&project.graph, args.verbose)?);
    Ok(())
}

/// `retort show`.
pub fn show(project: &Utf8Path, args: ShowArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let revisions = project
        .graph
        .resolve(&args.revision)
        .with_context(|| format!("cannot show `{}`", args.revision))?;
    print!("{}", listing::show(&project.graph, &revisions));
    Ok(())
}

/// `retort graph`.
pub fn graph(project: &Utf8Path, args: GraphArgs) -> anyhow::Result<()> {
    let project = Project::open(project)?;
    let text = match args.format {
        GraphFormat::Dot => picture::dot(&project.graph),
        GraphFormat::Mermaid => picture::mermaid(&project.graph),
    };
    print!("{text}");
    Ok(())
}
