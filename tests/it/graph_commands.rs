//! End-to-end tests of the graph commands on small projects: `revision`,
//! `merge`, `show`, `graph`, and their errors. (Their text forms are compared
//! with Alembic's own output in graph_alembic.rs.)

use crate::support;

use std::path::Path;
use support::{project, retort};

fn rev(id: &str, down: &str, extra: &str) -> String {
    format!("revision: {id}\ndown_revision: {down}\n{extra}message: revision {id}\nupgrade: []\n")
}

/// Runs `retort --project DIR ARGS`: (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = retort()
        .arg("--project")
        .arg(dir)
        .args(args)
        .output()
        .expect("run retort");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(dir, args);
    assert_eq!(code, 0, "retort {args:?}: {stderr}");
    stdout
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(dir, args);
    assert_eq!(code, 1, "retort {args:?} should fail; stdout: {stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// The revision files of a project, sorted.
fn revision_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("revisions"))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn heads(dir: &Path) -> Vec<String> {
    ok(dir, &["heads"])
        .lines()
        .map(|l| l.split(' ').next().unwrap().to_owned())
        .collect()
}

#[test]
fn revision_starts_a_project_and_builds_on_the_head() {
    let dir = project(&[]);
    let out = ok(dir.path(), &["revision", "-m", "Initial schema!"]);
    let files = revision_files(dir.path());
    assert_eq!(files.len(), 1);
    let name = &files[0];
    assert!(out.contains(&format!("revisions/{name}")), "{out}");
    let (id, slug) = name.split_once('_').unwrap();
    assert_eq!(id.len(), 12);
    assert!(id
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(slug, "initial_schema.yaml");
    let text = std::fs::read_to_string(dir.path().join("revisions").join(name)).unwrap();
    assert!(text.contains("down_revision: null"), "{text}");
    assert!(text.contains("message: Initial schema!"), "{text}");

    ok(dir.path(), &["revision", "-m", "second"]);
    let history = ok(dir.path(), &["history"]);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(&format!("{id} -> ")), "{history}");
    assert!(lines[0].ends_with(" (head), second"), "{history}");
    assert_eq!(lines[1], format!("<base> -> {id}, Initial schema!"));
}

#[test]
fn several_heads_need_a_head_or_a_merge() {
    let dir = project(&[
        ("revisions/a.yaml", &rev("a1", "null", "")),
        ("revisions/b.yaml", &rev("b1", "a1", "")),
        ("revisions/c.yaml", &rev("c1", "a1", "")),
    ]);
    let err = fails(dir.path(), &["revision", "-m", "more"]);
    assert!(err.contains("several heads (b1, c1)"), "{err}");
    assert!(
        err.contains("--head") && err.contains("retort merge"),
        "{err}"
    );
    assert_eq!(revision_files(dir.path()).len(), 3, "nothing written");

    ok(
        dir.path(),
        &["revision", "-m", "on b", "--head", "b1", "--rev-id", "b2"],
    );
    assert_eq!(heads(dir.path()), ["b2", "c1"]);

    let err = fails(dir.path(), &["revision", "-m", "x", "--head", "a1"]);
    assert!(
        err.contains("`a1` is not a head") && err.contains("--splice"),
        "{err}"
    );
    ok(
        dir.path(),
        &[
            "revision", "-m", "x", "--head", "a1", "--splice", "--rev-id", "d1",
        ],
    );

    ok(
        dir.path(),
        &["merge", "heads", "-m", "join all", "--rev-id", "m1"],
    );
    assert_eq!(heads(dir.path()), ["m1"]);
    let merge = std::fs::read_to_string(dir.path().join("revisions/m1_join_all.yaml")).unwrap();
    assert!(
        merge.contains("down_revision: [\"b2\", \"c1\", \"d1\"]"),
        "{merge}"
    );
    let history = ok(dir.path(), &["history", "-r", "m1:"]);
    assert_eq!(history, "b2, c1, d1 -> m1 (head) (mergepoint), join all\n");
}

#[test]
fn merge_needs_two_heads() {
    let dir = project(&[
        ("revisions/a.yaml", &rev("a1", "null", "")),
        ("revisions/b.yaml", &rev("b1", "a1", "")),
    ]);
    let err = fails(dir.path(), &["merge", "heads", "-m", "nothing to merge"]);
    assert!(err.contains("at least two revisions"), "{err}");
    let err = fails(dir.path(), &["merge", "a1", "b1", "-m", "x"]);
    assert!(err.contains("`a1` is not a head"), "{err}");
    assert_eq!(revision_files(dir.path()).len(), 2);
}

#[test]
fn revision_options_are_checked() {
    let dir = project(&[
        (
            "revisions/a.yaml",
            &rev("a1b2c3d4", "null", "branch_labels: [core]\n"),
        ),
        ("revisions/b.yaml", &rev("e5f6a7b8", "null", "")),
    ]);
    let err = fails(
        dir.path(),
        &[
            "revision", "-m", "x", "--head", "e5f6", "--rev-id", "a1b2c3d4",
        ],
    );
    assert!(err.contains("already used by revisions/a.yaml"), "{err}");
    let long = "x".repeat(33);
    let err = fails(
        dir.path(),
        &["revision", "-m", "x", "--head", "e5f6", "--rev-id", &long],
    );
    assert!(err.contains("VARCHAR(32)"), "{err}");
    let err = fails(
        dir.path(),
        &[
            "revision",
            "-m",
            "x",
            "--head",
            "e5f6",
            "--branch-label",
            "core",
        ],
    );
    assert!(err.contains("branch label `core` is already used"), "{err}");

    // a prefix becomes the full id, a label stays a label
    ok(
        dir.path(),
        &[
            "revision",
            "-m",
            "deps",
            "--head",
            "e5f6",
            "--rev-id",
            "f0",
            "--depends-on",
            "a1b2",
            "--depends-on",
            "core",
        ],
    );
    let text = std::fs::read_to_string(dir.path().join("revisions/f0_deps.yaml")).unwrap();
    assert!(text.contains("down_revision: \"e5f6a7b8\""), "{text}");
    assert!(
        text.contains("depends_on: [\"a1b2c3d4\", \"core\"]"),
        "{text}"
    );

    // a new root with its own label
    ok(
        dir.path(),
        &[
            "revision",
            "-m",
            "billing",
            "--head",
            "base",
            "--branch-label",
            "billing",
            "--rev-id",
            "g0",
        ],
    );
    ok(
        dir.path(),
        &[
            "revision",
            "-m",
            "billing 2",
            "--head",
            "billing@head",
            "--rev-id",
            "g1",
        ],
    );
    assert_eq!(
        ok(dir.path(), &["show", "billing@head"]).lines().next(),
        Some("Rev: g1 (head)")
    );
}

#[test]
fn show_resolves_identifiers_and_explains_failures() {
    let dir = project(&[
        ("revisions/a.yaml", &rev("ae1011", "null", "")),
        (
            "revisions/b.yaml",
            &rev("ae1022", "ae1011", "create_date: \"2024-01-02 03:04:05\"\n"),
        ),
        ("revisions/c.yaml", &rev("bb3333", "ae1022", "")),
    ]);
    let shown = ok(dir.path(), &["show", "ae1022"]);
    assert_eq!(
        shown,
        "Rev: ae1022\nParent: ae1011\nPath: revisions/b.yaml\n\n    revision ae1022\n    \n    \
         Revision ID: ae1022\n    Revises: ae1011\n    Create Date: 2024-01-02 03:04:05\n\n"
    );
    assert!(ok(dir.path(), &["show", "bb33"]).starts_with("Rev: bb3333 (head)\n"));
    assert!(ok(dir.path(), &["show", "head-1"]).starts_with("Rev: ae1022\n"));
    let err = fails(dir.path(), &["show", "ae10"]);
    assert!(
        err.contains("`ae10` is ambiguous: it starts ae1011, ae1022"),
        "{err}"
    );
    let err = fails(dir.path(), &["show", "ae1033"]);
    assert!(err.contains("no such revision or branch `ae1033`"), "{err}");
    let err = fails(dir.path(), &["history", "-r", "ae1022"]);
    assert!(err.contains("needs a colon"), "{err}");
}

#[test]
fn graph_pictures() {
    let dir = project(&[
        ("revisions/a.yaml", &rev("a1", "null", "")),
        ("revisions/b.yaml", &rev("b1", "a1", "branch_labels: [x]\n")),
        ("revisions/c.yaml", &rev("c1", "a1", "depends_on: b1\n")),
        ("revisions/d.yaml", &rev("d1", "[b1, c1]", "")),
    ]);
    let dot = ok(dir.path(), &["graph"]);
    assert!(dot.starts_with("digraph revisions {\n"), "{dot}");
    for edge in [
        "\"a1\" -> \"b1\";",
        "\"a1\" -> \"c1\";",
        "\"b1\" -> \"c1\" [style=dashed",
        "\"b1\" -> \"d1\";",
        "\"c1\" -> \"d1\";",
        "\"b1\" [label=\"b1 (x)\\nrevision b1\"];",
    ] {
        assert!(dot.contains(edge), "{edge} in {dot}");
    }
    assert!(dot.ends_with("}\n"));
    let mermaid = ok(dir.path(), &["graph", "--format", "mermaid"]);
    assert!(mermaid.starts_with("flowchart BT\n"), "{mermaid}");
    assert!(mermaid.contains("rev_a1 --> rev_b1"), "{mermaid}");
    assert!(
        mermaid.contains("rev_b1 -. depends_on .-> rev_c1"),
        "{mermaid}"
    );
    assert_eq!(ok(dir.path(), &["graph"]), dot, "deterministic");
}

#[test]
fn every_graph_command_has_help_with_examples() {
    for command in [
        "history", "heads", "branches", "show", "graph", "revision", "merge",
    ] {
        let output = retort().args([command, "--help"]).output().unwrap();
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{command} --help");
        assert!(help.contains("Examples:"), "{command} --help:\n{help}");
        assert!(
            help.contains(&format!("retort {command}")),
            "{command} --help:\n{help}"
        );
    }
}
