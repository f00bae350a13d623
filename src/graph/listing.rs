//! The graph as Alembic's commands print it (`alembic history`, `heads`,
//! `branches`, `show`), line for line, so that a user of one reads the other.

use super::{ResolveError, RevisionGraph};
use crate::revision::Revision;
use std::fmt::Write as _;

/// `retort history` from `base` to `head`, newest first: one line per
/// revision, or each in full when `verbose`.
pub fn history(
    graph: &RevisionGraph,
    base: &str,
    head: &str,
    verbose: bool,
) -> Result<String, ResolveError> {
    let mut out = String::new();
    for rev in graph.history(base, head)? {
        if verbose {
            out.push_str(&log_entry(graph, rev));
        } else {
            out.push_str(&line(graph, rev, Line::HISTORY));
        }
        out.push('\n');
    }
    Ok(out)
}

/// `retort heads`: one line per head, or each in full when `verbose`.
pub fn heads(graph: &RevisionGraph, verbose: bool) -> String {
    let mut out = String::new();
    for rev in graph.heads() {
        if verbose {
            out.push_str(&log_entry(graph, rev));
        } else {
            out.push_str(&line(graph, rev, Line::HEADS));
        }
        out.push('\n');
    }
    out
}

/// `retort branches`: each branch point and the revisions it forks into.
pub fn branches(graph: &RevisionGraph, verbose: bool) -> Result<String, ResolveError> {
    let mut out = String::new();
    for rev in graph.history("base", "heads")? {
        if !graph.is_branch_point(&rev.id) {
            continue;
        }
        if verbose {
            out.push_str(&log_entry(graph, rev));
        } else {
            out.push_str(&line(graph, rev, Line::BRANCH_POINT));
        }
        out.push('\n');
        let indent = " ".repeat(rev.id.len());
        let style = Line {
            doc: verbose,
            ..Line::BRANCH_POINT
        };
        for child in graph.children(&rev.id) {
            let _ = writeln!(out, "{indent} -> {}", line(graph, child, style));
        }
        out.push('\n');
    }
    Ok(out)
}

/// `retort show`: each of `revisions` in full.
pub fn show(graph: &RevisionGraph, revisions: &[&Revision]) -> String {
    let mut out = String::new();
    for rev in revisions {
        out.push_str(&log_entry(graph, rev));
        out.push('\n');
    }
    out
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
pub(super) fn doc(rev: &Revision) -> &str {
    rev.shown_message()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .trim()
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
        rev.shown_message().trim(),
        rev.id,
        rev.down_revisions.join(", ")
    );
    if let Some(date) = &rev.create_date {
        let _ = write!(text, "\nCreate Date: {date}");
    }
    text
}
