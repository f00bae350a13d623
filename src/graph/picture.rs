//! The graph as a picture: Graphviz's dot language, or a Mermaid flowchart.

use super::listing::doc;
use super::RevisionGraph;
use crate::revision::Revision;
use std::fmt::Write as _;

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
pub fn dot(graph: &RevisionGraph) -> String {
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
            let target = dependency_target(graph, dep);
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
pub fn mermaid(graph: &RevisionGraph) -> String {
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
            let target = dependency_target(graph, dep);
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

/// The id a `depends_on` entry names (a label or a prefix resolved), or the
/// entry itself when it resolves to none.
fn dependency_target<'g>(graph: &'g RevisionGraph, dep: &'g str) -> &'g str {
    graph
        .resolve_one(dep)
        .ok()
        .flatten()
        .map_or(dep, |r| r.id.as_str())
}
