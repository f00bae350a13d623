//! Unit tests of the graph: validation, resolution, order.

use super::resolve::Relative;
use super::*;
use crate::load::parse_revision;
use camino::Utf8Path;

/// A graph from `(id, down_revisions, extra YAML lines)`, one file each,
/// loaded in the given order.
pub(crate) fn graph_of(specs: &[(&str, &[&str], &str)]) -> Result<RevisionGraph, Diagnostics> {
    let revisions = specs
        .iter()
        .enumerate()
        .map(|(n, (id, down, extra))| {
            let down = if down.is_empty() {
                "null".to_owned()
            } else {
                format!("[{}]", down.join(", "))
            };
            let text = format!(
                "revision: {id}\ndown_revision: {down}\n{extra}\nmessage: m\nupgrade: []\n"
            );
            parse_revision(
                text.as_bytes(),
                Utf8Path::new(&format!("revisions/{n:02}_{id}.yaml")),
            )
            .unwrap()
        })
        .collect();
    RevisionGraph::build(revisions)
}

/// The corpus graph r1..r9 (r7a labelled `feature_a`, r9 depends on r3).
pub(crate) fn corpus(r7b_depends: bool) -> RevisionGraph {
    let r7b_extra = if r7b_depends { "depends_on: r7a" } else { "" };
    graph_of(&[
        ("r1", &[], ""),
        ("r2", &["r1"], ""),
        ("r3", &["r2"], ""),
        ("r4", &["r3"], ""),
        ("r5", &["r4"], ""),
        ("r6", &["r5"], ""),
        ("r7a", &["r6"], "branch_labels: [feature_a]"),
        ("r7b", &["r6"], r7b_extra),
        ("r8", &["r7a", "r7b"], ""),
        ("r9", &["r8"], "depends_on: r3"),
    ])
    .unwrap()
}

fn ids(revs: Vec<&Revision>) -> Vec<&str> {
    revs.into_iter().map(|r| r.id.as_str()).collect()
}

fn resolve(g: &RevisionGraph, ident: &str) -> Result<Vec<String>, String> {
    g.resolve(ident)
        .map(|revs| revs.into_iter().map(|r| r.id.clone()).collect())
        .map_err(|e| e.to_string())
}

#[test]
fn heads_bases_and_shape() {
    let g = corpus(false);
    assert_eq!(ids(g.heads()), ["r9"]);
    assert_eq!(ids(g.bases()), ["r1"]);
    assert!(g.is_branch_point("r6"));
    assert!(g.is_merge_point("r8"));
    assert!(!g.is_merge_point("r9"));
    assert_eq!(g.branch_labels("r9"), ["feature_a"]);
    assert_eq!(g.branch_labels("r7a"), ["feature_a"]);
    assert!(g.branch_labels("r7b").is_empty());
}

#[test]
fn upgrade_order_follows_alembic() {
    // alembic runs r7b before r7a in the corpus (out/*/upgrade_head.sql).
    let g = corpus(false);
    assert_eq!(
        ids(g.upgrade_order()),
        ["r1", "r2", "r3", "r4", "r5", "r6", "r7b", "r7a", "r8", "r9"]
    );
    // with r7b depending on r7a, r7a must come first.
    let g = corpus(true);
    assert_eq!(
        ids(g.upgrade_order()),
        ["r1", "r2", "r3", "r4", "r5", "r6", "r7a", "r7b", "r8", "r9"]
    );
    assert_eq!(
        ids(g.ancestors_in_order(&["r7a".into()])),
        ["r1", "r2", "r3", "r4", "r5", "r6", "r7a"]
    );
    assert!(g.ancestors_in_order(&[]).is_empty());
}

#[test]
fn history_is_newest_first() {
    let g = corpus(false);
    let all = ids(g.history("base", "heads").unwrap());
    assert_eq!(
        all,
        ["r9", "r8", "r7a", "r7b", "r6", "r5", "r4", "r3", "r2", "r1"]
    );
    assert_eq!(ids(g.history("r6", "r7a").unwrap()), ["r7a", "r6"]);
    assert_eq!(ids(g.history("r7b", "heads").unwrap()), ["r9", "r8", "r7b"]);
    assert!(g.history("r7a", "r7b").is_err());
}

#[test]
fn resolves_symbols_ids_and_labels() {
    let g = corpus(false);
    assert_eq!(resolve(&g, "head").unwrap(), ["r9"]);
    assert_eq!(resolve(&g, "heads").unwrap(), ["r9"]);
    assert!(resolve(&g, "base").unwrap().is_empty());
    assert_eq!(resolve(&g, "r7a").unwrap(), ["r7a"]);
    assert_eq!(resolve(&g, "feature_a").unwrap(), ["r7a"]);
    assert_eq!(resolve(&g, "feature_a@head").unwrap(), ["r9"]);
    assert_eq!(resolve(&g, "r7a@head").unwrap(), ["r9"]);
    assert_eq!(resolve(&g, "r6+1").unwrap_err(), "`r6+1` is ambiguous: the walk reaches a branch point or a merge; name the revision instead");
    assert_eq!(resolve(&g, "r2+2").unwrap(), ["r4"]);
    assert_eq!(resolve(&g, "r4-2").unwrap(), ["r2"]);
    assert_eq!(resolve(&g, "-1").unwrap(), ["r8"]);
    assert_eq!(resolve(&g, "r1-1").unwrap(), Vec::<String>::new());
    assert!(resolve(&g, "r1-2")
        .unwrap_err()
        .contains("didn't produce 2"));
    assert!(resolve(&g, "r7c")
        .unwrap_err()
        .contains("no such revision or branch `r7c`"));
    assert!(resolve(&g, "r7b@r7a")
        .unwrap_err()
        .contains("not a member of branch"));
}

#[test]
fn prefixes_resolve_when_unique() {
    let g = graph_of(&[
        ("ae1011", &[], ""),
        ("ae1022", &["ae1011"], ""),
        ("bb3333", &["ae1022"], ""),
    ])
    .unwrap();
    assert_eq!(resolve(&g, "bb33").unwrap(), ["bb3333"]);
    let e = resolve(&g, "ae10").unwrap_err();
    assert_eq!(e, "`ae10` is ambiguous: it starts ae1011, ae1022");
    // like Alembic, a short prefix works when the id is four characters or more
    assert_eq!(resolve(&g, "bb3").unwrap(), ["bb3333"]);
    assert!(resolve(&g, "zz")
        .unwrap_err()
        .contains("at least four characters"));
}

#[test]
fn several_heads_make_head_an_error() {
    let g = graph_of(&[("a1", &[], ""), ("b1", &["a1"], ""), ("c1", &["a1"], "")]).unwrap();
    assert_eq!(resolve(&g, "heads").unwrap(), ["b1", "c1"]);
    let e = resolve(&g, "head").unwrap_err();
    assert!(e.contains("several heads: b1, c1"), "{e}");
    assert!(e.contains("`heads`") && e.contains("retort merge"), "{e}");
}

#[test]
fn graph_errors_name_files() {
    let e = graph_of(&[("a1", &[], ""), ("a1", &[], "")])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("revisions/01_a1.yaml:1:1: duplicate revision id `a1`"),
        "{e}"
    );
    assert!(e.contains("revisions/00_a1.yaml"), "{e}");

    let e = graph_of(&[("base01", &[], ""), ("b1", &["base02"], "")])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("revisions/01_b1.yaml:2:1: down_revision `base02`"),
        "{e}"
    );
    assert!(e.contains("did you mean `base01`"), "{e}");

    let e = graph_of(&[("a1", &[], ""), ("b1", &["a1", "a1"], "")])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("revisions/01_b1.yaml:2:1: down_revision of revision `b1` names `a1` twice"),
        "{e}"
    );

    let e = graph_of(&[("a1", &[], ""), ("b1", &["a1"], "depends_on: nope")])
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("revisions/01_b1.yaml:3:1: depends_on `nope`"),
        "{e}"
    );

    let e = graph_of(&[
        ("a1", &["c1"], ""),
        ("b1", &["a1"], ""),
        ("c1", &["b1"], ""),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("cycle in the revision graph: a1 -> c1 -> b1 -> a1"),
        "{e}"
    );
    assert!(e.contains("revisions/02_c1.yaml"), "{e}");

    let e = graph_of(&[
        ("a1", &[], "branch_labels: [x]"),
        ("b1", &["a1"], "branch_labels: [x]"),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("revisions/01_b1.yaml:3:1: branch label `x`"),
        "{e}"
    );
    assert!(e.contains("revisions/00_a1.yaml:3:1"), "{e}");
}

#[test]
fn depends_on_may_name_a_label() {
    let g = graph_of(&[
        ("a1", &[], "branch_labels: [lib]"),
        ("b1", &[], ""),
        ("b2", &["b1"], "depends_on: lib"),
    ])
    .unwrap();
    assert_eq!(
        ids(g.ancestors_in_order(&["b2".into()])),
        ["a1", "b1", "b2"]
    );
}

#[test]
fn relative_forms_parse() {
    let r = Relative::parse("feat@r6-2").unwrap();
    assert_eq!(
        (r.label.as_deref(), r.symbol.as_deref(), r.steps),
        (Some("feat"), Some("r6"), -2)
    );
    assert_eq!(Relative::parse("+3").unwrap().steps, 3);
    assert!(Relative::parse("r6").is_none());
    assert!(Relative::parse("r6+").is_none());
    assert!(Relative::parse("r6+1x").is_none());
}

/// A chain of `count` revisions `c0 <- c1 <- ...`, built without files;
/// `extra(n)` gives more YAML lines of revision `n`.
fn chain(count: usize, extra: impl Fn(usize) -> String) -> Result<RevisionGraph, Diagnostics> {
    let revisions = (0..count)
        .map(|n| {
            let down = if n == 0 {
                "null".to_owned()
            } else {
                format!("c{}", n - 1)
            };
            let text = format!(
                "revision: c{n}\ndown_revision: {down}\n{}\nmessage: m\nupgrade: []\n",
                extra(n)
            );
            parse_revision(
                text.as_bytes(),
                Utf8Path::new(&format!("revisions/c{n}.yaml")),
            )
            .unwrap()
        })
        .collect();
    RevisionGraph::build(revisions)
}

#[test]
fn labelling_every_revision_of_a_long_chain_is_refused() {
    // Each label marks every descendant: 3,000 labels would make 4.5
    // million copies (100,000 made the build take minutes and gigabytes).
    let e = chain(3_000, |n| format!("branch_labels: [l{n}]"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("revisions/c"), "{e}");
    assert!(
        e.contains(": the project has 3000 revisions with `branch_labels` among 3000 revisions")
            && e.contains("more than 2000000 revisions; retort refuses a graph this costly"),
        "{e}"
    );
    // A few labels near the base of a long chain are fine.
    let graph = chain(5_000, |n| {
        if n < 10 {
            format!("branch_labels: [l{n}]")
        } else {
            String::new()
        }
    })
    .unwrap();
    assert_eq!(graph.branch_labels("c4999").len(), 10);
}

#[test]
fn depends_on_in_every_revision_of_a_long_chain_is_refused() {
    let e = chain(3_000, |n| {
        if n > 1 {
            format!("depends_on: c{}", n - 2)
        } else {
            String::new()
        }
    })
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("the project has 2998 revisions with `depends_on` among 3000 revisions"),
        "{e}"
    );
    let graph = chain(3_000, |n| {
        if n == 2_999 {
            "depends_on: c5".to_owned()
        } else {
            String::new()
        }
    })
    .unwrap();
    assert_eq!(graph.heads().len(), 1);
}
