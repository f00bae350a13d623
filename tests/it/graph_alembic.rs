//! Differential tests against real Alembic: the same revision graph written
//! as Alembic revisions (empty `upgrade()`/`downgrade()`) and as retort YAML;
//! `alembic upgrade|downgrade|stamp RANGE --sql` must run the same revisions
//! in the same order with the same `alembic_version` statements as retort's
//! plan, and `alembic history|heads|branches|show` must print what retort does.

use crate::support;

use retort::plan::{self, Plan, ScriptKind, VersionChange};
use std::path::Path;
use std::process::Command;
use support::{require_alembic, retort, shared_dir, write};

/// One revision of a test graph.
struct Rev {
    id: &'static str,
    down: &'static [&'static str],
    labels: &'static [&'static str],
    depends: &'static [&'static str],
}

const fn rev(id: &'static str, down: &'static [&'static str]) -> Rev {
    Rev {
        id,
        down,
        labels: &[],
        depends: &[],
    }
}

/// The corpus graph: r6 branches into r7a (labelled) and r7b, merged by r8;
/// r9 depends on r3 (already an ancestor).
const CORPUS: &[Rev] = &[
    rev("r1", &[]),
    rev("r2", &["r1"]),
    rev("r3", &["r2"]),
    rev("r4", &["r3"]),
    rev("r5", &["r4"]),
    rev("r6", &["r5"]),
    Rev {
        labels: &["feature_a"],
        ..rev("r7a", &["r6"])
    },
    rev("r7b", &["r6"]),
    rev("r8", &["r7a", "r7b"]),
    Rev {
        depends: &["r3"],
        ..rev("r9", &["r8"])
    },
];

/// The corpus graph with r7b depending on r7a (across the branches).
const CORPUS_R7B_DEPENDS: &[Rev] = &[
    rev("r1", &[]),
    rev("r2", &["r1"]),
    rev("r3", &["r2"]),
    rev("r4", &["r3"]),
    rev("r5", &["r4"]),
    rev("r6", &["r5"]),
    Rev {
        labels: &["feature_a"],
        ..rev("r7a", &["r6"])
    },
    Rev {
        depends: &["r7a"],
        ..rev("r7b", &["r6"])
    },
    rev("r8", &["r7a", "r7b"]),
    rev("r9", &["r8"]),
];

/// neutron's shape: expand and contract branches from one root, never
/// merged, each contract revision depending on an expand one.
const EXPAND_CONTRACT: &[Rev] = &[
    rev("r0", &[]),
    Rev {
        labels: &["expand"],
        ..rev("e1", &["r0"])
    },
    Rev {
        labels: &["contract"],
        depends: &["e1"],
        ..rev("c1", &["r0"])
    },
    rev("e2", &["e1"]),
    Rev {
        depends: &["e2"],
        ..rev("c2", &["c1"])
    },
];

/// Two unmerged branches, one depending on the other's middle; a second
/// root whose branch depends on a label; a three-way merge.
const BRANCHY: &[Rev] = &[
    rev("a0", &[]),
    rev("b1", &["a0"]),
    rev("b2", &["b1"]),
    Rev {
        depends: &["b1"],
        ..rev("c1", &["a0"])
    },
    rev("c2", &["c1"]),
    rev("d1", &["a0"]),
    Rev {
        labels: &["lib"],
        ..rev("l1", &[])
    },
    rev("l2", &["l1"]),
    Rev {
        depends: &["lib"],
        ..rev("e1", &["d1"])
    },
    rev("m1", &["b2", "c2", "e1"]),
];

/// Writes `graph` as an Alembic project and as a retort project in `root`.
fn write_projects(root: &Path, graph: &[Rev]) {
    let corpus = shared_dir().join("alembic-reference").join("project");
    for file in ["alembic.ini", "env.py", "script.py.mako"] {
        let text = std::fs::read_to_string(corpus.join(file)).expect("the corpus project");
        write(&root.join("alembic"), file, &text);
    }
    let py_tuple = |ids: &[&str]| match ids {
        [] => "None".to_owned(),
        [one] => format!("{one:?}"),
        many => format!(
            "({})",
            many.iter()
                .map(|i| format!("{i:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let yaml_list = |ids: &[&str]| format!("[{}]", ids.join(", "));
    for (n, r) in graph.iter().enumerate() {
        let message = format!("revision {}", r.id);
        let labels = if r.labels.is_empty() {
            "None".to_owned()
        } else {
            format!(
                "({},)",
                r.labels
                    .iter()
                    .map(|l| format!("{l:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let python = format!(
            "\"\"\"{message}\n\nRevision ID: {id}\nRevises: {revises}\nCreate Date: 2024-01-01 00:00:{n:02}\n\n\"\"\"\n\
             revision = {id:?}\ndown_revision = {down}\nbranch_labels = {labels}\ndepends_on = {deps}\n\n\n\
             def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n",
            id = r.id,
            revises = r.down.join(", "),
            down = py_tuple(r.down),
            deps = py_tuple(r.depends),
        );
        write(
            root,
            &format!("alembic/versions/{n:02}_{}.py", r.id),
            &python,
        );
        let mut yaml = format!(
            "revision: {}\ndown_revision: {}\n",
            r.id,
            if r.down.is_empty() {
                "null".to_owned()
            } else {
                yaml_list(r.down)
            }
        );
        if !r.labels.is_empty() {
            yaml.push_str(&format!("branch_labels: {}\n", yaml_list(r.labels)));
        }
        if !r.depends.is_empty() {
            yaml.push_str(&format!("depends_on: {}\n", yaml_list(r.depends)));
        }
        yaml.push_str(&format!(
            "message: {message}\ncreate_date: \"2024-01-01 00:00:{n:02}\"\nupgrade: []\ndowngrade: []\n"
        ));
        write(
            root,
            &format!("retort/revisions/{n:02}_{}.yaml", r.id),
            &yaml,
        );
    }
}

/// Runs several `alembic` commands in one Python process (starting Python
/// and importing SQLAlchemy for each would take most of the test's time);
/// returns (exit code, stdout) of each; a Python exception (not
/// Alembic's `FAILED:`) is reported as an `EXCEPTION:` line in the output.
fn alembic_batch(venv: &Path, root: &Path, commands: &[Vec<&str>]) -> Vec<(i32, String)> {
    const RUNNER: &str = r#"
import contextlib, io, json, sys
import alembic.config
from alembic.config import main

class Config(alembic.config.Config):
    # Config's `stdout` defaults to the sys.stdout of import time: use the
    # redirected one, so that history/heads/show output is captured too.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("stdout", sys.stdout)
        super().__init__(*args, **kwargs)

alembic.config.Config = Config
for argv in json.loads(sys.argv[1]):
    out = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out):
        try:
            main(argv=argv, prog="alembic")
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:
            code = 1
            print("\nEXCEPTION: %s: %s" % (type(e).__name__, e))
    sys.stdout.write("%d\n%s\x00" % (code, out.getvalue()))
"#;
    let argv = serde_json::to_string(commands).unwrap();
    let output = Command::new(venv.join("bin").join("python"))
        .args(["-c", RUNNER, &argv])
        .current_dir(root.join("alembic"))
        .env("DIALECT", "sqlite")
        .output()
        .expect("run alembic in python");
    assert!(
        output.status.success(),
        "the alembic runner failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let results: Vec<(i32, String)> = stdout
        .split('\0')
        .filter(|chunk| !chunk.is_empty())
        .map(|chunk| {
            let (code, text) = chunk.split_once('\n').unwrap_or((chunk, ""));
            (code.trim().parse().unwrap_or(-1), text.to_owned())
        })
        .collect();
    assert_eq!(
        results.len(),
        commands.len(),
        "one result per command: {stdout}"
    );
    results
}

/// The lines of an `--sql` script that matter to the plan, in a short form:
/// `-- Running ...` comments and the version-table statements.
fn alembic_plan_lines(sql: &str) -> Vec<String> {
    let value = |s: &str, after: &str| -> String {
        let start = s.find(after).map(|i| i + after.len()).unwrap_or(0);
        s[start..].split('\'').next().unwrap_or("").to_owned()
    };
    let mut lines = Vec::new();
    for line in sql.lines() {
        if line.starts_with("-- Running ") {
            lines.push(line.to_owned());
        } else if line.starts_with("CREATE TABLE alembic_version") {
            lines.push("CREATE TABLE alembic_version".to_owned());
        } else if line.starts_with("INSERT INTO alembic_version") {
            lines.push(format!("INSERT {}", value(line, "VALUES ('")));
        } else if line.starts_with("UPDATE alembic_version") {
            lines.push(format!(
                "UPDATE {} -> {}",
                value(line, "version_num = '"),
                value(line, "SET version_num='")
            ));
        } else if line.starts_with("DELETE FROM alembic_version") {
            lines.push(format!("DELETE {}", value(line, "version_num = '")));
        }
    }
    lines
}

/// The same short form of a retort plan.
fn retort_plan_lines(plan: &Plan) -> Vec<String> {
    let mut lines = Vec::new();
    if plan.creates_version_table {
        lines.push("CREATE TABLE alembic_version".to_owned());
    }
    let name = match plan.kind {
        ScriptKind::Upgrade => "upgrade",
        ScriptKind::Downgrade => "downgrade",
        ScriptKind::Stamp => "stamp_revision",
    };
    for step in &plan.steps {
        lines.push(format!(
            "-- Running {name} {} -> {}",
            step.from.join(", "),
            step.to.join(", ")
        ));
        for change in &step.version_changes {
            lines.push(match change {
                VersionChange::Insert { version } => format!("INSERT {version}"),
                VersionChange::Update { from, to } => format!("UPDATE {from} -> {to}"),
                VersionChange::Delete { version } => format!("DELETE {version}"),
            });
        }
    }
    lines
}

/// At an unmerge Alembic picks by hash seed which parent gets the UPDATE,
/// and at a merge while other branches have rows, which parent row is
/// updated (`merge_branch_idents` and `_unmerge_to_revisions` iterate a
/// Python `set`): reduce those steps' statements to the rows they remove
/// and leave. A merge may also come from `depends_on` (`-- Running upgrade
/// d1 -> e1` with e1 depending on another branch), so every step with more
/// than one statement is reduced. (The corpus unit tests in plan.rs pin the
/// order in the deterministic cases.)
fn order_insensitive(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        out.push(line.clone());
        i += 1;
        let statements = lines[i..]
            .iter()
            .take_while(|l| !l.starts_with("-- Running"))
            .count();
        if !line.starts_with("-- Running") || statements < 2 {
            continue;
        }
        let (mut removed, mut added) = (Vec::new(), Vec::new());
        while i < lines.len() && !lines[i].starts_with("-- Running") {
            let statement = &lines[i];
            if let Some(v) = statement.strip_prefix("INSERT ") {
                added.push(v.to_owned());
            } else if let Some(v) = statement.strip_prefix("DELETE ") {
                removed.push(v.to_owned());
            } else if let Some((from, to)) = statement
                .strip_prefix("UPDATE ")
                .and_then(|u| u.split_once(" -> "))
            {
                removed.push(from.to_owned());
                added.push(to.to_owned());
            }
            i += 1;
        }
        removed.sort();
        added.sort();
        out.push(format!("(rows removed: {removed:?}, added: {added:?})"));
    }
    out
}

/// Compares `alembic COMMAND RANGE --sql` with retort's plan for each range.
fn compare_plans(graph: &[Rev], cases: &[(&str, &str)]) {
    let Some(venv) = require_alembic() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    write_projects(dir.path(), graph);
    let project = camino::Utf8PathBuf::from_path_buf(dir.path().join("retort")).unwrap();
    let (_, revisions) = retort::load::load_graph(&project).expect("the YAML graph loads");
    let commands: Vec<Vec<&str>> = cases.iter().map(|(c, r)| vec![*c, *r, "--sql"]).collect();
    let results = alembic_batch(&venv, dir.path(), &commands);
    for ((command, range), (code, sql)) in cases.iter().zip(results) {
        let plan = match *command {
            "upgrade" => plan::upgrade(&revisions, range),
            "downgrade" => plan::downgrade(&revisions, range),
            _ => plan::stamp(&revisions, range),
        };
        if sql.contains("EXCEPTION:") {
            // Alembic itself crashes on this graph and range: nothing to compare.
            eprintln!("alembic {command} {range} --sql raised an exception; not compared:\n{sql}");
            continue;
        }
        if code != 0 {
            assert!(
                plan.is_err(),
                "alembic {command} {range} fails ({sql}), retort does not"
            );
            continue;
        }
        let plan = plan.unwrap_or_else(|e| panic!("retort {command} {range}: {e}"));
        let expected = alembic_plan_lines(&sql);
        let actual = retort_plan_lines(&plan);
        assert_eq!(
            order_insensitive(&actual),
            order_insensitive(&expected),
            "`{command} {range}`: retort (left) differs from alembic (right)"
        );
    }
}

#[test]
fn corpus_graph_plans_match_alembic() {
    compare_plans(
        CORPUS,
        &[
            ("upgrade", "head"),
            ("upgrade", "heads"),
            ("upgrade", "+1"),
            ("upgrade", "r2:+2"),
            ("upgrade", "r3:r6"),
            ("upgrade", "r6:r7a"),
            ("upgrade", "r6:r7b"),
            ("upgrade", "r7a:r8"),
            ("upgrade", "r7b:head"),
            ("upgrade", "r6:heads"),
            ("upgrade", "r6:feature_a@head"),
            ("upgrade", "r6:r3"),
            ("downgrade", "r9:r6"),
            ("downgrade", "r8:r7a"),
            ("downgrade", "r7a:r6"),
            ("downgrade", "r6:-1"),
            ("downgrade", "r6:r3"),
            ("downgrade", "head:base"),
            ("stamp", "head"),
            ("stamp", "r7a"),
            ("stamp", "r6:r7a"),
            ("stamp", "r7a:r8"),
            ("stamp", "r8:r7a"),
            ("stamp", "r7a:r7b"),
            ("stamp", "head:base"),
            ("upgrade", "r7b:+1"),
            ("upgrade", "r5:feature_a@+2"),
            ("upgrade", "feature_a@+1"),
            ("upgrade", "r7a:feature_a@head"),
            ("downgrade", "r9:r7b"),
            ("downgrade", "head:r7b"),
            ("downgrade", "r9:feature_a@-2"),
            ("downgrade", "r8:-1"),
            ("downgrade", "r7b:r7a"),
            ("stamp", "r7b:r8"),
            ("stamp", "heads"),
            ("stamp", "r9:r7b"),
        ],
    );
}

#[test]
fn depends_on_across_branches_matches_alembic() {
    compare_plans(
        CORPUS_R7B_DEPENDS,
        &[
            ("upgrade", "head"),
            ("upgrade", "r6:r7b"),
            ("upgrade", "r7a:r8"),
            ("downgrade", "r8:r6"),
            ("downgrade", "head:base"),
        ],
    );
}

/// Every head down to base (or to the root) in one script, as a DBA takes
/// a history of unmerged, interdependent branches back.
#[test]
fn expand_contract_heads_downgrade_to_base_as_alembic_does() {
    compare_plans(
        EXPAND_CONTRACT,
        &[
            ("upgrade", "heads"),
            ("downgrade", "heads:base"),
            ("downgrade", "heads:r0"),
            ("downgrade", "contract@head:r0"),
        ],
    );
}

#[test]
fn branchy_graph_plans_match_alembic() {
    compare_plans(
        BRANCHY,
        &[
            ("upgrade", "heads"),
            ("upgrade", "b1:heads"),
            ("upgrade", "c1:m1"),
            ("upgrade", "d1:e1"),
            ("upgrade", "a0:c2"),
            ("upgrade", "l2:m1"),
            ("downgrade", "m1:a0"),
            ("downgrade", "m1:b2"),
            ("downgrade", "m1:base"),
            ("downgrade", "c2:b1"),
            ("downgrade", "b2:c1"),
            ("downgrade", "base"),
            ("upgrade", "m1:xx"),
            ("upgrade", "a0:+1"),
            ("upgrade", "c1:lib@head"),
            ("upgrade", "l1:+1"),
            ("upgrade", "lib@+1"),
            ("downgrade", "m1:-1"),
            ("downgrade", "m1:d1"),
            ("downgrade", "m1:lib@base"),
            ("downgrade", "l2:-2"),
            ("stamp", "b2:c2"),
            ("stamp", "m1:c1"),
            ("stamp", "heads"),
            ("stamp", "c2:m1"),
            ("stamp", "m1:base"),
        ],
    );
}

/// Runs `retort ARGS` on the YAML project; returns stdout.
fn retort_output(root: &Path, args: &[&str]) -> String {
    let output = retort()
        .arg("--project")
        .arg(root.join("retort"))
        .args(args)
        .output()
        .expect("run retort");
    assert!(
        output.status.success(),
        "retort {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Alembic prints absolute paths and iterates sets of children and labels
/// in hash order: compare paths by file name, sort the items of every
/// parenthesised list and of `Branches into:`/`Branch names:`, and sort the
/// lines of `branches` (whose children come in set order).
fn normalise_inspect(command: &str, text: &str) -> Vec<String> {
    let sort_groups = |line: &str| -> String {
        let mut out = String::new();
        let mut rest = line;
        while let Some(open) = rest.find('(') {
            let Some(close) = rest[open..].find(')') else {
                break;
            };
            let mut items: Vec<&str> = rest[open + 1..open + close].split(", ").collect();
            items.sort();
            out.push_str(&rest[..open]);
            out.push_str(&format!("({})", items.join(", ")));
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    };
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| match l.strip_prefix("Path: ") {
            Some(p) => format!(
                "Path: {}",
                p.rsplit('/')
                    .next()
                    .unwrap_or(p)
                    .replace(".py", "")
                    .replace(".yaml", "")
            ),
            None => l.to_owned(),
        })
        .map(|l| match l.split_once(": ") {
            Some((key @ ("Branches into" | "Branch names"), list)) => {
                let mut items: Vec<&str> = list.split(", ").collect();
                items.sort();
                format!("{key}: {}", items.join(", "))
            }
            _ => sort_groups(&l),
        })
        .collect();
    if command == "branches" {
        lines.sort();
    }
    lines
}

/// Runs each of `cases` with alembic and retort on `graph`; returns how
/// many outputs were compared (where Alembic fails, retort must fail too).
fn compare_inspect(venv: &Path, graph: &[Rev], cases: &[&[&str]]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    write_projects(dir.path(), graph);
    let commands: Vec<Vec<&str>> = cases.iter().map(|args| args.to_vec()).collect();
    let results = alembic_batch(venv, dir.path(), &commands);
    let mut compared = 0;
    for (args, (code, expected)) in cases.iter().zip(results) {
        if code != 0 {
            // e.g. names a revision this graph does not have: retort fails too
            let status = retort()
                .arg("--project")
                .arg(dir.path().join("retort"))
                .args(*args)
                .output()
                .expect("run retort")
                .status;
            assert_eq!(
                status.code(),
                Some(1),
                "alembic {args:?} fails ({expected}), retort does not"
            );
            continue;
        }
        let actual = retort_output(dir.path(), args);
        assert_eq!(
            normalise_inspect(args[0], &actual),
            normalise_inspect(args[0], &expected),
            "retort {args:?} differs from alembic"
        );
        compared += 1;
    }
    compared
}

#[test]
fn inspect_commands_print_what_alembic_prints() {
    let Some(venv) = require_alembic() else {
        return;
    };
    let cases: &[&[&str]] = &[
        &["history"],
        &["history", "--verbose"],
        &["history", "-r", "r6:"],
        &["history", "-r", ":r3"],
        &["history", "-r", "b1:m1"],
        &["history", "-r=-3:"],
        &["history", "-r", "r2:+2"],
        &["history", "-r", "feature_a@base:feature_a@head"],
        &["history", "-r", "lib@base:lib@head"],
        &["show", "feature_a"],
        &["show", "lib@head"],
        &["show", "r9-2"],
        &["heads"],
        &["heads", "--verbose"],
        &["branches"],
        &["branches", "--verbose"],
        &["show", "r8"],
        &["show", "heads"],
        &["show", "b2"],
    ];
    let compared = compare_inspect(&venv, CORPUS, cases) + compare_inspect(&venv, BRANCHY, cases);
    assert!(compared >= 19, "only {compared} commands compared");
}

/// A small deterministic pseudo-random source (the tests must not vary).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A random graph: branch points, merges of current heads, second roots,
/// `depends_on` (on revisions and labels), written to files in a shuffled
/// order (Alembic breaks ties by file order, so retort must too).
fn random_graph(seed: u64) -> Vec<Rev> {
    let mut rng = Lcg(seed);
    let count = 8 + rng.below(7);
    let mut ids: Vec<&'static str> = Vec::new();
    let mut has_child: Vec<bool> = Vec::new();
    let mut revs = Vec::new();
    for i in 0..count {
        let id = leak(format!("{}{i}", ["k", "q", "w", "z"][rng.below(4)]));
        let heads: Vec<usize> = (0..i).filter(|&j| !has_child[j]).collect();
        let down: Vec<&'static str> = if i == 0 || rng.below(9) == 0 {
            Vec::new()
        } else if heads.len() >= 2 && rng.below(4) == 0 {
            let a = heads[rng.below(heads.len())];
            let b = heads[(heads.iter().position(|&h| h == a).unwrap() + 1) % heads.len()];
            has_child[a] = true;
            has_child[b] = true;
            vec![ids[a], ids[b]]
        } else {
            let p = rng.below(i);
            has_child[p] = true;
            vec![ids[p]]
        };
        let depends: Vec<&'static str> = if i > 1 && rng.below(6) == 0 {
            let d = ids[rng.below(i)];
            if down.contains(&d) {
                Vec::new()
            } else {
                vec![d]
            }
        } else {
            Vec::new()
        };
        let labels: Vec<&'static str> = if rng.below(6) == 0 {
            vec![leak(format!("lbl{i}"))]
        } else {
            Vec::new()
        };
        ids.push(id);
        has_child.push(false);
        revs.push(Rev {
            id,
            down: Box::leak(down.into_boxed_slice()),
            labels: Box::leak(labels.into_boxed_slice()),
            depends: Box::leak(depends.into_boxed_slice()),
        });
    }
    for i in (1..revs.len()).rev() {
        let j = rng.below(i + 1);
        revs.swap(i, j);
    }
    revs
}

#[test]
fn random_graphs_match_alembic() {
    let Some(venv) = require_alembic() else {
        return;
    };
    for seed in [3, 17, 29, 41, 77] {
        let graph = random_graph(seed);
        let mut rng = Lcg(seed + 1000);
        let pick = |rng: &mut Lcg| graph[rng.below(graph.len())].id;
        let (a, b, c) = (pick(&mut rng), pick(&mut rng), pick(&mut rng));
        let cases: Vec<(&str, String)> = vec![
            ("upgrade", "heads".into()),
            ("upgrade", format!("{a}:heads")),
            ("upgrade", format!("{b}:+1")),
            ("downgrade", format!("{c}:base")),
            ("downgrade", format!("{c}:{a}")),
            ("downgrade", format!("{c}:-1")),
            ("stamp", "heads".into()),
            ("stamp", format!("{a}:{b}")),
        ];
        let cases: Vec<(&str, &str)> = cases.iter().map(|(c, r)| (*c, r.as_str())).collect();
        eprintln!(
            "seed {seed}: {}",
            graph
                .iter()
                .map(|r| format!("{}<{:?}{:?}", r.id, r.down, r.depends))
                .collect::<Vec<_>>()
                .join(" ")
        );
        compare_plans(&graph, &cases);
        let inspect: &[&[&str]] = &[&["history"], &["heads"], &["branches"], &["show", "heads"]];
        assert_eq!(compare_inspect(&venv, &graph, inspect), inspect.len());
    }
}

/// The file stems in `dir` (`a1_`, `b2_second_one`), sorted.
fn file_stems(dir: &Path) -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .expect("the versions folder")
        .filter_map(|e| {
            let path = e.expect("a folder entry").path();
            let is_revision = matches!(
                path.extension().and_then(|x| x.to_str()),
                Some("py" | "yaml")
            );
            is_revision.then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    stems.sort();
    stems
}

/// The creation dates are the time each tool ran: compare the rest.
fn without_dates(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .filter(|l| !l.trim_start().starts_with("Create Date:"))
        .collect()
}

#[test]
fn a_revision_without_a_message_is_named_and_shown_as_alembic_does() {
    let Some(venv) = require_alembic() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let corpus = shared_dir().join("alembic-reference").join("project");
    for file in ["alembic.ini", "env.py", "script.py.mako"] {
        let text = std::fs::read_to_string(corpus.join(file)).expect("the corpus project");
        write(&root.join("alembic"), file, &text);
    }
    std::fs::create_dir_all(root.join("alembic/versions")).unwrap();
    std::fs::create_dir_all(root.join("retort/revisions")).unwrap();
    // Made by each tool's own `revision` and `merge`, with and without -m.
    let made: &[&[&str]] = &[
        &["revision", "--rev-id", "a1"],
        &["revision", "--rev-id", "b2", "-m", "second one"],
        &["revision", "--rev-id", "c3", "--head", "a1", "--splice"],
        &["merge", "heads", "--rev-id", "m4"],
    ];
    let shown: &[&[&str]] = &[
        &["history"],
        &["history", "--verbose"],
        &["show", "a1"],
        &["show", "m4"],
        &["heads", "--verbose"],
    ];
    let commands: Vec<Vec<&str>> = made.iter().chain(shown).map(|a| a.to_vec()).collect();
    let results = alembic_batch(&venv, root, &commands);
    for args in made {
        retort_output(root, args);
    }
    assert_eq!(
        file_stems(&root.join("retort/revisions")),
        file_stems(&root.join("alembic/versions")),
        "file names"
    );
    let yaml = std::fs::read_to_string(root.join("retort/revisions/a1_.yaml")).unwrap();
    assert!(!yaml.contains("message:"), "no message key:\n{yaml}");
    for (args, (code, expected)) in shown.iter().zip(&results[made.len()..]) {
        assert_eq!(*code, 0, "alembic {args:?}: {expected}");
        assert!(expected.contains("empty message"), "{expected}");
        let actual = retort_output(root, args);
        assert_eq!(
            without_dates(normalise_inspect(args[0], &actual)),
            without_dates(normalise_inspect(args[0], expected)),
            "retort {args:?} differs from alembic"
        );
    }
}
