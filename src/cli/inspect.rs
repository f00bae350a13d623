//! `history`, `heads`, `branches`, `show`, `graph`: read-only views of the graph.
//!
//! The text forms are Alembic's (`alembic history`, `heads`, `branches`,
//! `show`), line for line, so that a user of one reads the other.

use crate::graph::RevisionGraph;
use crate::revision::Revision;
use anyhow::Context;
use camino::Utf8Path;
use std::fmt::Write as _;

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
    let graph = super::load_graph(project)?;
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
    let revisions = graph
        .history(base, head)
        .with_context(|| format!("cannot list the history from `{base}` to `{head}`"))?;
    let mut out = String::new();
    for rev in revisions {
        if args.verbose {
            out.push_str(&log_entry(&graph, rev));
        } else {
            out.push_str(&line(&graph, rev, Line::HISTORY));
        }
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// `retort heads`.
pub fn heads(project: &Utf8Path, args: HeadsArgs) -> anyhow::Result<()> {
    let graph = super::load_graph(project)?;
    let mut out = String::new();
    for rev in graph.heads() {
        if args.verbose {
            out.push_str(&log_entry(&graph, rev));
        } else {
            out.push_str(&line(&graph, rev, Line::HEADS));
        }
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// `retort branches`.
pub fn branches(project: &Utf8Path, args: BranchesArgs) -> anyhow::Result<()> {
    let graph = super::load_graph(project)?;
    let mut out = String::new();
    for rev in graph.history("base", "heads")? {
        if !graph.is_branch_point(&rev.id) {
            continue;
        }
        if args.verbose {
            out.push_str(&log_entry(&graph, rev));
        } else {
            out.push_str(&line(&graph, rev, Line::BRANCH_POINT));
        }
        out.push('\n');
        let indent = " ".repeat(rev.id.len());
        let style = Line {
            doc: args.verbose,
            ..Line::BRANCH_POINT
        };
        for child in graph.children(&rev.id) {
            let _ = writeln!(out, "{indent} -> {}", line(&graph, child, style));
        }
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// `retort show`.
pub fn show(project: &Utf8Path, args: ShowArgs) -> anyhow::Result<()> {
    let graph = super::load_graph(project)?;
    let revisions = graph
        .resolve(&args.revision)
        .with_context(|| format!("cannot show `{}`", args.revision))?;
    let mut out = String::new();
    for rev in revisions {
        out.push_str(&log_entry(&graph, rev));
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// `retort graph`.
pub fn graph(project: &Utf8Path, args: GraphArgs) -> anyhow::Result<()> {
    let graph = super::load_graph(project)?;
    let text = match args.format {
        GraphFormat::Dot => dot(&graph),
        GraphFormat::Mermaid => mermaid(&graph),
    };
    print!("{text}");
    Ok(())
}

/// What a one-line description shows (Alembic's `_head_only` flags).
#[derive(Debug, Clone, Copy)]
struct Line {
    parents: bool,
    doc: bool,
    tree: bool,
}

impl Line {
    const HISTORY: Line = Line {
        parents: true,
        doc: true,
        tree: true,
    };
    const HEADS: Line = Line {
        parents: false,
        doc: false,
        tree: false,
    };
    const BRANCH_POINT: Line = Line {
        parents: false,
        doc: false,
        tree: true,
    };
}

/// `<base>` or the down revisions joined by `, `.
fn down_text(rev: &Revision) -> String {
    if rev.down_revisions.is_empty() {
        "<base>".to_owned()
    } else {
        rev.down_revisions.join(", ")
    }
}

/// The first paragraph of the message (Alembic's `doc`).
fn doc(rev: &Revision) -> &str {
    rev.message.split("\n\n").next().unwrap_or("").trim()
}

/// One line about `rev`, as Alembic's `Script._head_only`.
fn line(graph: &RevisionGraph, rev: &Revision, style: Line) -> String {
    let mut text = rev.id.clone();
    if style.parents {
        text = if rev.depends_on.is_empty() {
            format!("{} -> {text}", down_text(rev))
        } else {
            format!(
                "{} ({}) -> {text}",
                down_text(rev),
                rev.depends_on.join(", ")
            )
        };
    }
    let labels = graph.branch_labels(&rev.id);
    if !labels.is_empty() {
        let _ = write!(text, " ({})", labels.join(", "));
    }
    if graph.is_real_head(&rev.id) {
        text.push_str(" (head)");
    } else if graph.is_head(&rev.id) {
        text.push_str(" (effective head)");
    }
    if style.tree {
        if graph.is_branch_point(&rev.id) {
            text.push_str(" (branchpoint)");
        }
        if graph.is_merge_point(&rev.id) {
            text.push_str(" (mergepoint)");
        }
    }
    if style.doc {
        let _ = write!(text, ", {}", doc(rev));
    }
    text
}

/// The full description of `rev`, as Alembic's `Script.log_entry`; ends
/// with a newline.
fn log_entry(graph: &RevisionGraph, rev: &Revision) -> String {
    let mut entry = format!("Rev: {}", rev.id);
    for (flag, text) in [
        (graph.is_head(&rev.id), " (head)"),
        (graph.is_branch_point(&rev.id), " (branchpoint)"),
        (graph.is_merge_point(&rev.id), " (mergepoint)"),
    ] {
        if flag {
            entry.push_str(text);
        }
    }
    entry.push('\n');
    let key = if graph.is_merge_point(&rev.id) {
        "Merges"
    } else {
        "Parent"
    };
    let _ = writeln!(entry, "{key}: {}", down_text(rev));
    if !rev.depends_on.is_empty() {
        let _ = writeln!(entry, "Also depends on: {}", rev.depends_on.join(", "));
    }
    if graph.is_branch_point(&rev.id) {
        let children: Vec<&str> = graph
            .children(&rev.id)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let _ = writeln!(entry, "Branches into: {}", children.join(", "));
    }
    let labels = graph.branch_labels(&rev.id);
    if !labels.is_empty() {
        let _ = writeln!(entry, "Branch names: {}", labels.join(", "));
    }
    let _ = writeln!(entry, "Path: {}", rev.source.path);
    entry.push('\n');
    let longdoc = long_doc(rev);
    let lines: Vec<String> = longdoc.lines().map(|l| format!("    {l}")).collect();
    entry.push_str(&lines.join("\n"));
    entry.push('\n');
    entry
}

/// The text Alembic's revision template puts in the docstring.
fn long_doc(rev: &Revision) -> String {
    let mut text = format!(
        "{}\n\nRevision ID: {}\nRevises: {}",
        rev.message.trim(),
        rev.id,
        rev.down_revisions.join(", ")
    );
    if let Some(date) = &rev.create_date {
        let _ = write!(text, "\nCreate Date: {date}");
    }
    text
}

/// The node label: the id, its labels, its message.
fn node_label(graph: &RevisionGraph, rev: &Revision) -> (String, String) {
    let labels = graph.branch_labels(&rev.id);
    let title = if labels.is_empty() {
        rev.id.clone()
    } else {
        format!("{} ({})", rev.id, labels.join(", "))
    };
    (title, doc(rev).to_owned())
}

/// The graph in Graphviz's dot language.
fn dot(graph: &RevisionGraph) -> String {
    let quote = |text: &str| {
        let mut q = String::from("\"");
        for c in text.chars() {
            match c {
                '"' | '\\' => {
                    q.push('\\');
                    q.push(c);
                }
                '\n' => q.push_str("\\n"),
                _ => q.push(c),
            }
        }
        q.push('"');
        q
    };
    let mut out = String::from("digraph revisions {\n    rankdir=BT;\n    node [shape=box];\n");
    for rev in graph.upgrade_order() {
        let (title, message) = node_label(graph, rev);
        let shape = if graph.is_head(&rev.id) {
            ", style=bold"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {} [label={}{shape}];",
            quote(&rev.id),
            quote(&format!("{title}\n{message}"))
        );
    }
    for rev in graph.upgrade_order() {
        for down in &rev.down_revisions {
            let _ = writeln!(out, "    {} -> {};", quote(down), quote(&rev.id));
        }
        for dep in &rev.depends_on {
            let target = graph
                .resolve_one(dep)
                .ok()
                .flatten()
                .map_or(dep.as_str(), |r| r.id.as_str());
            let _ = writeln!(
                out,
                "    {} -> {} [style=dashed, label=\"depends_on\"];",
                quote(target),
                quote(&rev.id)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// The graph as a Mermaid flowchart (bottom: base, top: heads).
fn mermaid(graph: &RevisionGraph) -> String {
    // Node names get a prefix: a revision id such as `end` is a Mermaid keyword.
    let node = |id: &str| format!("rev_{id}");
    let text = |s: &str| {
        s.replace('&', "#amp;")
            .replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
    };
    let mut out = String::from("flowchart BT\n");
    for rev in graph.upgrade_order() {
        let (title, message) = node_label(graph, rev);
        let _ = writeln!(
            out,
            "    {}[\"{}<br/>{}\"]",
            node(&rev.id),
            text(&title),
            text(&message)
        );
    }
    for rev in graph.upgrade_order() {
        for down in &rev.down_revisions {
            let _ = writeln!(out, "    {} --> {}", node(down), node(&rev.id));
        }
        for dep in &rev.depends_on {
            let target = graph
                .resolve_one(dep)
                .ok()
                .flatten()
                .map_or(dep.as_str(), |r| r.id.as_str());
            let _ = writeln!(
                out,
                "    {} -. depends_on .-> {}",
                node(target),
                node(&rev.id)
            );
        }
    }
    out
}
