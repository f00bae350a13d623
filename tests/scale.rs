//! Long and wide histories go through every stage: load, graph, plan,
//! schema replay (with derived downgrades) and render. There is no time
//! limit here (speed is measured by benches/bench.py); a quadratic step
//! shows up as a test that no longer finishes.

use camino::{Utf8Path, Utf8PathBuf};
use retort::dialect::Dialect;
use retort::render::{script, Renderer, ScriptOptions};

/// One revision file: `ops` are YAML list items of `upgrade:`.
fn revision(id: &str, parents: &[String], ops: &str) -> String {
    let down = match parents {
        [] => "null".to_owned(),
        [one] => format!("\"{one}\""),
        many => format!(
            "[{}]",
            many.iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let upgrade = if ops.is_empty() {
        "upgrade: []\ndowngrade: []\n".to_owned()
    } else {
        format!("upgrade:\n{ops}")
    };
    format!("revision: \"{id}\"\ndown_revision: {down}\nmessage: step {id}\n{upgrade}")
}

/// Step `step` (0..4) of the life of table `table`: create it (with an
/// index), add a column, widen it, index it (as benches/generate.py).
fn unit_ops(table: &str, step: usize) -> String {
    match step {
        0 => format!(
            "  - create_table:\n      name: {table}\n      columns:\n\
             \x20       - {{name: id, type: Integer, primary_key: true}}\n\
             \x20       - {{name: label, type: String(100), nullable: false}}\n\
             \x20 - create_index: {{name: ix_{table}_label, table: {table}, columns: [label]}}\n"
        ),
        1 => format!(
            "  - add_column:\n      table: {table}\n      column: {{name: score, type: Integer}}\n"
        ),
        2 => format!(
            "  - alter_column: {{table: {table}, column: score, type: BigInteger, nullable: false}}\n"
        ),
        _ => format!("  - create_index: {{name: ix_{table}_score, table: {table}, columns: [score]}}\n"),
    }
}

/// A project folder holding `files` (name, text) under `revisions/`.
fn project(files: &[(String, String)]) -> (tempfile::TempDir, Utf8PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = Utf8PathBuf::from_path_buf(dir.path().to_owned()).expect("a UTF-8 temp path");
    let revisions = root.join("revisions");
    std::fs::create_dir_all(&revisions).expect("revisions/");
    for (name, text) in files {
        std::fs::write(revisions.join(name), text).expect("a revision file");
    }
    (dir, root)
}

/// Loads `root`, plans base → head and head → base, and renders both on
/// PostgreSQL; returns the two scripts.
fn upgrade_and_downgrade(root: &Utf8Path) -> (String, String) {
    let (_, graph) = retort::load::load_graph(root).expect("the project loads");
    let dialect = Dialect::load("postgresql", None).expect("the built-in dialect");
    let renderer = Renderer::new(&dialect);
    let options = ScriptOptions::default();
    let up = retort::plan::upgrade(&graph, "head").expect("an upgrade plan");
    let down = retort::plan::downgrade(&graph, "head:base").expect("a downgrade plan");
    assert_eq!(up.steps.len(), graph.revisions.len());
    assert_eq!(down.steps.len(), graph.revisions.len());
    let up = script(&up, &graph, &renderer, &options).expect("the upgrade renders");
    let down = script(&down, &graph, &renderer, &options).expect("the downgrade renders");
    (up, down)
}

#[test]
fn a_chain_of_twenty_thousand_revisions() {
    const COUNT: usize = 20_000;
    let mut files = Vec::with_capacity(COUNT);
    let mut parent: Vec<String> = Vec::new();
    for n in 0..COUNT {
        let id = format!("r{n:05}");
        let table = format!("t{:05}", n / 4);
        files.push((
            format!("{id}.yaml"),
            revision(&id, &parent, &unit_ops(&table, n % 4)),
        ));
        parent = vec![id];
    }
    let (_dir, root) = project(&files);
    let (up, down) = upgrade_and_downgrade(&root);
    assert_eq!(up.matches("-- Running upgrade").count(), COUNT);
    assert_eq!(down.matches("-- Running downgrade").count(), COUNT);
    assert!(up.contains("CREATE INDEX ix_t04999_score ON t04999 (score);"));
    // The derived downgrade undoes the last revision first, the first last.
    let last = down
        .find("DROP INDEX ix_t04999_score;")
        .expect("last undone");
    let first = down.find("DROP TABLE t00000;").expect("first undone");
    assert!(last < first);
}

#[test]
fn a_wide_graph_of_many_branches_and_merges() {
    // Rounds of 40 branches of 8 revisions each from one point, joined by
    // one 40-parent merge; each branch works on tables of its own.
    const ROUNDS: usize = 5;
    const BRANCHES: usize = 40;
    const LENGTH: usize = 8;
    let mut files = Vec::new();
    let mut base: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut tips = Vec::with_capacity(BRANCHES);
        for branch in 0..BRANCHES {
            let mut parent = base.clone();
            for n in 0..LENGTH {
                let id = format!("r{round}b{branch:02}n{n}");
                let table = format!("t{round}_{branch:02}_{}", n / 4);
                files.push((
                    format!("{id}.yaml"),
                    revision(&id, &parent, &unit_ops(&table, n % 4)),
                ));
                parent = vec![id];
            }
            tips.extend(parent);
        }
        let merge = format!("m{round}");
        files.push((format!("{merge}.yaml"), revision(&merge, &tips, "")));
        base = vec![merge];
    }
    let (_dir, root) = project(&files);
    let (up, down) = upgrade_and_downgrade(&root);
    let revisions = ROUNDS * (BRANCHES * LENGTH + 1);
    assert_eq!(up.matches("-- Running upgrade").count(), revisions);
    assert_eq!(down.matches("-- Running downgrade").count(), revisions);
    let merge_line = up
        .lines()
        .find(|line| line.starts_with("-- Running upgrade") && line.ends_with("-> m0"))
        .expect("the first merge runs");
    assert_eq!(
        merge_line.matches(", ").count(),
        BRANCHES - 1,
        "{merge_line}"
    );
    // Each merge leaves one row: the last statement of the upgrade moves it to the final merge.
    assert!(up.contains("SET version_num='m4'"));
}
