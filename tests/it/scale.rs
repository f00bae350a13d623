//! Long and wide histories go through every stage: load, graph, plan,
//! schema replay (with derived downgrades) and render. There is no time
//! limit here (speed is measured by benches/bench.py); a quadratic step
//! shows up as a test that no longer finishes.

use camino::{Utf8Path, Utf8PathBuf};
use retort::dialect::Dialect;
use retort::project::script;
use retort::render::{Renderer, ScriptOptions};

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
fn a_chain_of_tables_each_referencing_the_one_before() {
    // Dropping a table (here, in the derived downgrade) asks the schema
    // model for the foreign keys to it; every table is referenced by the
    // next, and renamed once, so the drops must follow the renames.
    const COUNT: usize = 4_000;
    let mut files = Vec::with_capacity(COUNT);
    let mut parent: Vec<String> = Vec::new();
    for n in 0..COUNT {
        let id = format!("r{n:05}");
        let table = format!("t{:05}", n / 2);
        let ops = if n % 2 == 1 {
            format!("  - rename_table: {{old: {table}, new: {table}_renamed}}\n")
        } else if n == 0 {
            format!("  - create_table: {{name: {table}, columns: [{{name: id, type: Integer, primary_key: true}}]}}\n")
        } else {
            let before = format!("t{:05}_renamed", n / 2 - 1);
            format!(
                "  - create_table: {{name: {table}, columns: [{{name: id, type: Integer, primary_key: true}}, \
                 {{name: up, type: Integer, foreign_key: {{table: {before}, column: id, name: fk_{table}}}}}]}}\n"
            )
        };
        files.push((format!("{id}.yaml"), revision(&id, &parent, &ops)));
        parent = vec![id];
    }
    let (_dir, root) = project(&files);
    let (up, down) = upgrade_and_downgrade(&root);
    assert!(
        up.contains("FOREIGN KEY(up) REFERENCES t01998_renamed (id)"),
        "{}",
        &up[up.len() - 600..]
    );
    // Each table is dropped before the one it references.
    let newer = down
        .find("DROP TABLE t01999;")
        .expect("the newest table dropped");
    let older = down
        .find("DROP TABLE t01998;")
        .expect("the one before dropped");
    assert!(newer < older);
    assert_eq!(down.matches("DROP TABLE").count(), COUNT / 2);
}

/// A graph of rounds: in each, `branches` branches of `length` revisions
/// start from the same point (the previous round's merge, or nothing), and
/// one merge joins their tips.
struct Rounds<I, M> {
    rounds: usize,
    branches: usize,
    length: usize,
    /// The id of revision `n` of branch `branch` in round `round`.
    id: I,
    /// The id of round `round`'s merge.
    merge: M,
}

impl<I: Fn(usize, usize, usize) -> String, M: Fn(usize) -> String> Rounds<I, M> {
    /// Calls `add(id, parents, place)` for every revision, parents first;
    /// `place` is (round, branch, n), or `None` for a merge. Returns the
    /// last merge's id.
    fn build(&self, mut add: impl FnMut(&str, &[String], Option<(usize, usize, usize)>)) -> String {
        let mut base: Vec<String> = Vec::new();
        for round in 0..self.rounds {
            let mut tips = Vec::with_capacity(self.branches);
            for branch in 0..self.branches {
                let mut parent = base.clone();
                for n in 0..self.length {
                    let id = (self.id)(round, branch, n);
                    add(&id, &parent, Some((round, branch, n)));
                    parent = vec![id];
                }
                tips.extend(parent);
            }
            let merge = (self.merge)(round);
            add(&merge, &tips, None);
            base = vec![merge];
        }
        base.pop().unwrap_or_default()
    }
}

#[test]
fn a_wide_graph_of_many_branches_and_merges() {
    // Rounds of 40 branches of 8 revisions each from one point, joined by
    // one 40-parent merge; each branch works on tables of its own.
    const ROUNDS: usize = 5;
    const BRANCHES: usize = 40;
    const LENGTH: usize = 8;
    let mut files = Vec::new();
    let shape = Rounds {
        rounds: ROUNDS,
        branches: BRANCHES,
        length: LENGTH,
        id: |round, branch, n| format!("r{round}b{branch:02}n{n}"),
        merge: |round| format!("m{round}"),
    };
    shape.build(|id, parents, place| {
        let ops = match place {
            Some((round, branch, n)) => unit_ops(&format!("t{round}_{branch:02}_{}", n / 4), n % 4),
            None => String::new(),
        };
        files.push((format!("{id}.yaml"), revision(id, parents, &ops)));
    });
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

/// A revision without ops, built in memory (parsing 100,000 files would
/// make the test slow in a debug build without testing more).
fn in_memory(id: &str, parents: &[String]) -> retort::revision::Revision {
    let path = Utf8PathBuf::from(format!("revisions/{id}.yaml"));
    retort::revision::Revision {
        id: id.to_owned(),
        down_revisions: parents.to_vec(),
        branch_labels: Vec::new(),
        depends_on: Vec::new(),
        message: Some(format!("step {id}")),
        create_date: None,
        upgrade: Vec::new(),
        downgrade: retort::revision::Downgrade::Ops(Vec::new()),
        source: retort::revision::SourceFile {
            path: path.clone(),
            sha256: "0".repeat(64),
        },
        location: retort::location::Location::new(path, 1, 1),
        key_locations: Default::default(),
    }
}

/// Plans, history and identifiers on `graph`, which has one head and
/// `count` revisions; returns the upgrade order's ids.
fn walk_everything(graph: &retort::graph::RevisionGraph, count: usize) -> Vec<String> {
    assert_eq!(graph.heads().len(), 1);
    let up = retort::plan::upgrade(graph, "head").expect("an upgrade plan");
    let down = retort::plan::downgrade(graph, "head:base").expect("a downgrade plan");
    let stamp = retort::plan::stamp(graph, "head").expect("a stamp plan");
    assert_eq!(up.steps.len(), count);
    assert_eq!(down.steps.len(), count);
    assert!(!stamp.steps.is_empty());
    let history = graph.history("base", "heads").expect("the history");
    assert_eq!(history.len(), count);
    let order: Vec<String> = graph.upgrade_order().iter().map(|r| r.id.clone()).collect();
    assert_eq!(order.len(), count);
    let last = &order[count - 1];
    assert_eq!(graph.resolve("head").unwrap()[0].id, *last);
    let half = retort::plan::upgrade(graph, &format!("{}:head", order[count / 2])).unwrap();
    assert!(half.steps.len() < count);
    order
}

#[test]
fn a_chain_of_one_hundred_thousand_revisions_plans_without_recursion() {
    // Test threads have a small stack: a walk that recursed per revision
    // would overflow it here.
    const COUNT: usize = 100_000;
    let mut revisions = Vec::with_capacity(COUNT);
    let mut parent: Vec<String> = Vec::new();
    for n in 0..COUNT {
        let id = format!("c{n:06}");
        revisions.push(in_memory(&id, &parent));
        parent = vec![id];
    }
    let graph = retort::graph::RevisionGraph::build(revisions).expect("a valid graph");
    let order = walk_everything(&graph, COUNT);
    assert_eq!(order[0], "c000000");
    assert_eq!(graph.resolve("base+100000").unwrap()[0].id, "c099999");
    assert_eq!(graph.resolve("c099999-99999").unwrap()[0].id, "c000000");
}

#[test]
fn a_graph_of_one_hundred_thousand_revisions_with_branches_and_merges() {
    // 99 rounds of 50 branches of 20 revisions from one point, each round
    // joined by one merge: 99,099 revisions, then a tail to 100,000.
    const ROUNDS: usize = 99;
    const BRANCHES: usize = 50;
    const LENGTH: usize = 20;
    let mut revisions = Vec::new();
    let shape = Rounds {
        rounds: ROUNDS,
        branches: BRANCHES,
        length: LENGTH,
        id: |round, branch, n| format!("r{round:02}b{branch:02}n{n:02}"),
        merge: |round| format!("m{round:02}"),
    };
    let mut base = vec![shape.build(|id, parents, _| revisions.push(in_memory(id, parents)))];
    while revisions.len() < 100_000 {
        let id = format!("t{:04}", revisions.len());
        revisions.push(in_memory(&id, &base));
        base = vec![id];
    }
    let graph = retort::graph::RevisionGraph::build(revisions).expect("a valid graph");
    let order = walk_everything(&graph, 100_000);
    let place = |id: &str| order.iter().position(|o| o == id).unwrap();
    assert!(place("r00b49n19") < place("m00") && place("m00") < place("r01b00n00"));
    // Alembic's identifiers that walk branches still work at this size.
    assert_eq!(graph.resolve("m50").unwrap()[0].id, "m50");
    let plan = retort::plan::upgrade(&graph, "m97:m98").unwrap();
    assert_eq!(plan.steps.len(), BRANCHES * LENGTH + 1);
}

/// Runs the binary in `root` with `args`; returns stdout (asserting success).
fn run(root: &Utf8Path, args: &[&str]) -> String {
    let output = assert_cmd::Command::cargo_bin("retort")
        .expect("the binary")
        .arg("--project")
        .arg(root.as_str())
        .args(args)
        .output()
        .expect("retort runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// A chain of `count` revision files with the table ops of [`unit_ops`].
fn chain_project(count: usize) -> (tempfile::TempDir, Utf8PathBuf) {
    let mut files = Vec::with_capacity(count);
    let mut parent: Vec<String> = Vec::new();
    for n in 0..count {
        let id = format!("r{n:05}");
        let table = format!("t{:05}", n / 4);
        files.push((
            format!("{id}.yaml"),
            revision(&id, &parent, &unit_ops(&table, n % 4)),
        ));
        parent = vec![id];
    }
    project(&files)
}

#[test]
fn the_commands_that_walk_a_ten_thousand_deep_chain() {
    const COUNT: usize = 10_000;
    let (_dir, root) = chain_project(COUNT);
    let history = run(&root, &["history"]);
    assert_eq!(history.lines().count(), COUNT);
    assert!(history.starts_with("r09998 -> r09999 (head), step r09999\n"));
    assert!(history.ends_with("<base> -> r00000, step r00000\n"));
    assert_eq!(run(&root, &["heads"]), "r09999 (head)\n");
    assert_eq!(run(&root, &["branches"]), "");
    assert!(run(&root, &["show", "head-9999"]).starts_with("Rev: r00000\n"));
    let dot = run(&root, &["graph", "--format", "dot"]);
    assert_eq!(dot.matches(" -> ").count(), COUNT - 1);
    let mermaid = run(&root, &["graph", "--format", "mermaid"]);
    assert_eq!(mermaid.matches("-->").count(), COUNT - 1);
}

#[test]
fn upgrade_and_derived_downgrade_scripts_of_a_ten_thousand_deep_chain() {
    const COUNT: usize = 10_000;
    let (_dir, root) = chain_project(COUNT);
    let up = run(&root, &["upgrade", "head"]);
    assert_eq!(up.matches("-- Running upgrade").count(), COUNT);
    let down = run(&root, &["downgrade", "head:base"]);
    assert_eq!(down.matches("-- Running downgrade").count(), COUNT);
    assert!(down.contains("DROP TABLE t00000;"));
    let partial = run(&root, &["downgrade", "head:-5000"]);
    assert_eq!(partial.matches("-- Running downgrade").count(), 5_000);
    // The review report groups notes by revision (it scanned every note
    // per revision: minutes for 100,000 revisions). Each of the 2,500
    // `alter_column ... nullable: false` has a lock-not-null-checks-rows note.
    let check = run(&root, &["check"]);
    assert!(
        check.ends_with("10000 revisions checked: every op applies to the schema, up from base and back down; 15000 warnings, 5000 info\n"),
        "{}",
        &check[check.len().saturating_sub(300)..]
    );
}

#[test]
fn five_thousand_branches_from_one_revision_merged_by_one() {
    // One revision with 5,000 children and one merge naming all of them:
    // lists of children and parents this long were checked with
    // `Vec::contains` per entry. (A plan still asks at each step of a
    // branch whether another branch's row implies it, as Alembic does:
    // time grows with width times length.)
    const WIDTH: usize = 5_000;
    let mut revisions = vec![in_memory("root", &[])];
    let tips: Vec<String> = (0..WIDTH).map(|n| format!("b{n:05}")).collect();
    for tip in &tips {
        revisions.push(in_memory(tip, &["root".to_owned()]));
    }
    revisions.push(in_memory("merge", &tips));
    let graph = retort::graph::RevisionGraph::build(revisions).expect("a valid graph");
    assert!(graph.is_branch_point("root"));
    let up = retort::plan::upgrade(&graph, "head").expect("an upgrade plan");
    assert_eq!(up.steps.len(), WIDTH + 2);
    let down = retort::plan::downgrade(&graph, "head:base").expect("a downgrade plan");
    assert_eq!(down.steps.len(), WIDTH + 2);
    // Unmerging writes a row per branch, then each branch goes down.
    assert_eq!(down.steps[0].version_changes.len(), WIDTH);
}
