//! `retort import` on real Alembic histories (trimmed copies under
//! tests/alembic_histories/, see its README.md for their sources and
//! licences), compared with real Alembic.
//!
//! - Every history imports, with the numbers of the summary pinned: how many
//!   revisions, how many converted exactly, how many statements need a person
//!   or the schema-model/Alembic-surface work (issues 16/17).
//! - A revision whose `upgrade()` and `downgrade()` are only `op.*` calls
//!   never needs a person, unless an argument is a name from the
//!   application or a SQLAlchemy Core statement (`table.update()...`), or
//!   the call lacks a required argument (Alembic itself raises there).
//! - The revisions that converted exactly, with all their ancestors, are a
//!   history retort can load; over it, `retort upgrade` prints what
//!   `alembic upgrade --sql` prints for the same Python files, for the whole
//!   range and for each single revision, statement for statement.

use crate::support;

use ruff_python_ast::{Expr, Stmt};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::engines::Engine;

/// One history and what its import must give.
struct History {
    /// Folder under tests/alembic_histories/.
    name: &'static str,
    /// Dialects the history targets, compared with Alembic.
    dialects: &'static [&'static str],
    /// The summary's first line.
    summary: &'static str,
    /// Statements that need a person.
    person: usize,
    /// Statements that need the schema-model/Alembic-surface work.
    surface: usize,
    /// Statements that still need a person once the resolutions in
    /// `resolved/` replace their revisions.
    person_left: usize,
    /// Revisions retort loads once resolved (each with all its ancestors).
    loaded: usize,
    /// At least this many revisions are compared with Alembic.
    compared_at_least: usize,
    /// Resolved revisions whose SQL deliberately differs from what Alembic
    /// prints for the Python, with the reason: not compared.
    resolved_differently: &'static [(&'static str, &'static str)],
    /// Where the derived downgrade to base is refused (the op's file and
    /// line and why), while the revisions have no written downgrade; `None`:
    /// the downgrade to base runs on the engine.
    downgrade_refused: Option<&'static str>,
    /// What the history's raw SQL (`execute`) built that `retort schema
    /// heads` does not write, since the model does not know it (until the
    /// revisions say it with `execute`'s `effect`): run before and after it.
    schema_setup: &'static str,
    schema_raw_after: &'static str,
    /// Whether `retort schema heads` is compared with the engine's dump:
    /// not where raw SQL built more than `schema_raw_after` can say.
    schema_compared: bool,
    /// The engines the history targets: the imported scripts run there.
    engines: &'static [Engine],
}

const HISTORIES: &[History] = &[
    History {
        name: "example",
        dialects: &["postgresql", "mysql", "sqlite"],
        summary: "3 revisions written, 2 converted exactly.",
        person: 1,
        surface: 0,
        person_left: 1,
        loaded: 2,
        compared_at_least: 2,
        resolved_differently: &[],
        downgrade_refused: Some("revisions/b2_batch.yaml:24:3: execute"),
        schema_setup: "",
        schema_raw_after: "",
        schema_compared: true,
        engines: &[Engine::Postgres, Engine::MariaDb],
    },
    History {
        name: "octavia",
        // MySQL only: 9bf4d21caaea drops MySQL's `PRIMARY` key and
        // e37941b010db runs MySQL's UPDATE ... JOIN.
        dialects: &["mysql"],
        summary: "95 revisions written, 80 converted exactly.",
        person: 34,
        surface: 0,
        person_left: 0,
        loaded: 95,
        compared_at_least: 88,
        resolved_differently: &[(
            "46d914b2a5e5",
            "the Python seeds a row with datetime.now(), which Alembic prints as a literal of \
             the moment it runs; the resolution writes CURRENT_TIMESTAMP",
        )],
        // Seed rows go back by their primary key; the resolutions give each
        // `execute` its `reverse:` (and a5762a99609a, fac584114642 their
        // `effect:` on keys and a column).
        downgrade_refused: None,
        schema_setup: "",
        schema_raw_after: "",
        schema_compared: true,
        engines: &[Engine::MariaDb],
    },
    History {
        name: "ironic",
        dialects: &["mysql", "postgresql"],
        summary: "81 revisions written, 70 converted exactly.",
        person: 16,
        surface: 0,
        person_left: 0,
        loaded: 81,
        compared_at_least: 60,
        resolved_differently: &[],
        // The resolutions give each data `execute` its way back.
        downgrade_refused: None,
        schema_setup: "",
        schema_raw_after: "",
        // c1fd28861bb9 converts the tables to utf8mb4 in raw SQL that its
        // `execute`s do not describe: the model keeps the CHARSET of each
        // create_table, and the engine's conversion also widens some TEXT
        // columns to MEDIUMTEXT, which restating it after `schema heads`
        // does not reproduce.
        schema_compared: false,
        engines: &[Engine::MariaDb],
    },
    History {
        name: "neutron",
        // Expand and contract branches from one root, branch labels, depends_on.
        dialects: &["mysql"],
        summary: "132 revisions written, 64 converted exactly.",
        person: 179,
        surface: 0,
        // Resolved: the root (kilo_initial, whose ops live in application
        // modules), the branch labels, and the revisions up to Yoga the
        // first 104 need.
        person_left: 60,
        loaded: 104,
        compared_at_least: 77,
        resolved_differently: &[],
        // `heads:base`: both unmerged branches at once.
        downgrade_refused: None,
        schema_setup: "",
        schema_raw_after: "",
        schema_compared: true,
        engines: &[Engine::MariaDb],
    },
    History {
        name: "warehouse",
        dialects: &["postgresql"],
        summary: "288 revisions written, 260 converted exactly.",
        person: 42,
        surface: 6,
        person_left: 0,
        loaded: 288,
        compared_at_least: 264,
        resolved_differently: &[],
        downgrade_refused: Some(
            // The Python's downgrade is `pass`: the yanked dates its raw
            // SQL filled in have no way back.
            "revisions/423ffda7411f_backfill_yanked_date_for_yanked_releases.yaml:8:3: execute",
        ),
        // `execute`s create the extensions the CITEXT columns (283c68f2ab2)
        // and the trigram index (13c1c0ac92e9) need.
        schema_setup:
            "CREATE EXTENSION IF NOT EXISTS citext; CREATE EXTENSION IF NOT EXISTS pg_trgm;",
        schema_raw_after: "",
        // Open: its raw SQL (extensions, functions, triggers, expression
        // indexes, renames of keys and indexes) is more than a pin can say;
        // more of the revisions' `execute`s need `effect:` (283c68f2ab2,
        // ee5b8f66a223 and the enum changes have it). PostgreSQL also keeps
        // a serial column's sequence name through a table rename, which
        // `retort schema` does not know.
        schema_compared: false,
        engines: &[Engine::Postgres],
    },
];

fn history_dir(name: &str) -> PathBuf {
    support::repo_root()
        .join("tests")
        .join("alembic_histories")
        .join(name)
}

/// Runs `retort import` of a history into the project `project`; returns the summary.
fn import_into(history: &History, project: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_retort"))
        .arg("--project")
        .arg(project)
        .arg("import")
        .arg(history_dir(history.name).join("versions"))
        .output()
        .expect("run retort import");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "retort import {} failed:\n{stdout}\n{}",
        history.name,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A history imported once for all the tests of this file (they run in
/// parallel and only read it): what `retort import` wrote and said, and the
/// project with the resolutions laid over it, narrowed to what retort loads.
struct Prepared {
    /// The project `retort import` wrote.
    imported: PathBuf,
    /// Its summary.
    summary: String,
    /// The imported project with the resolutions, narrowed by [`loadable`].
    resolved: PathBuf,
    /// The revisions of the resolved project, before it was narrowed.
    revisions: BTreeMap<String, Imported>,
    /// Statements that still needed a person once resolved.
    person_left: usize,
    /// The revisions retort loads, the claims removed, the refusals.
    keep: BTreeSet<String>,
    fixed: Vec<String>,
    refused: Vec<String>,
}

/// Each history, prepared once (in parallel, a thread per history).
fn prepared(history: &History) -> &'static Prepared {
    static PREPARED: std::sync::OnceLock<BTreeMap<&'static str, Prepared>> =
        std::sync::OnceLock::new();
    let all = PREPARED.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import_histories");
        std::thread::scope(|scope| {
            let jobs: Vec<_> = HISTORIES
                .iter()
                .map(|h| {
                    let root = &root;
                    scope.spawn(move || (h.name, prepare(h, &root.join(h.name))))
                })
                .collect();
            jobs.into_iter()
                .map(|j| j.join().expect("a history prepares"))
                .collect()
        })
    });
    &all[history.name]
}

fn prepare(history: &History, dir: &Path) -> Prepared {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("clear the last run's projects");
    }
    let (imported, resolved) = (dir.join("imported"), dir.join("resolved"));
    std::fs::create_dir_all(&imported).expect("mkdir");
    let summary = import_into(history, &imported);
    import_into(history, &resolved);
    lay_resolutions(history, &resolved);
    let revisions = imported_revisions(&resolved);
    let person_left = revisions
        .values()
        .map(|r| {
            let text = std::fs::read_to_string(&r.yaml).expect("read");
            let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
            person_reasons(&doc).len()
        })
        .sum();
    let (keep, fixed, refused) = loadable(&resolved, &revisions, history.dialects[0]);
    Prepared {
        imported,
        summary,
        resolved,
        revisions,
        person_left,
        keep,
        fixed,
        refused,
    }
}

/// Lays the resolutions of the history's `resolved/` over the imported project: a
/// person's YAML for each revision that needed one (README.md there). A
/// resolution of a revision that did not need a person is stale: an error.
fn lay_resolutions(history: &History, project: &Path) {
    let resolved = history_dir(history.name).join("resolved");
    if !resolved.exists() {
        return;
    }
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(&resolved) {
        let entry = entry.expect("read resolved/");
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let relative = path.strip_prefix(&resolved).expect("inside");
        let imported = project.join("revisions").join(relative);
        let doc = |p: &Path| -> Option<serde_yaml::Value> {
            serde_yaml::from_str(&std::fs::read_to_string(p).ok()?).ok()
        };
        let (Some(before), Some(after)) = (doc(&imported), doc(path)) else {
            stale.push(format!("{}: no such imported revision", path.display()));
            continue;
        };
        if person_reasons(&before).is_empty() && !describes_raw_sql_only(&before, &after) {
            stale.push(format!(
                "{}: the import needs no person here (only `effect:` may be added)",
                path.display()
            ));
        }
        if has_placeholder(&after) {
            stale.push(format!("{}: still holds a placeholder", path.display()));
        }
        // A header value the import could not read (neutron's branch labels
        // from the application) is the person's to write.
        for key in ["revision", "down_revision", "branch_labels", "depends_on"] {
            if before[key] != after[key] && !(key == "branch_labels" && before[key].is_null()) {
                stale.push(format!(
                    "{}: `{key}` differs from the import",
                    path.display()
                ));
            }
        }
        std::fs::copy(path, &imported).expect("lay a resolution over the import");
    }
    assert!(stale.is_empty(), "stale resolutions:\n{}", stale.join("\n"));
}

/// Whether the resolution `after` of a revision the import converted
/// exactly (`before`) only says what its raw SQL does: each `execute` may
/// gain an `effect:` and a `reverse:`, nothing else changes.
fn describes_raw_sql_only(before: &serde_yaml::Value, after: &serde_yaml::Value) -> bool {
    fn plain(value: &serde_yaml::Value) -> serde_yaml::Value {
        let mut value = value.clone();
        for direction in ["upgrade", "downgrade"] {
            let Some(ops) = value
                .get_mut(direction)
                .and_then(serde_yaml::Value::as_sequence_mut)
            else {
                continue;
            };
            for op in ops {
                let sql = op
                    .get("execute")
                    .and_then(|e| e.get("sql"))
                    .filter(|_| {
                        op["execute"].get("effect").is_some()
                            || op["execute"].get("reverse").is_some()
                    })
                    .cloned();
                if let Some(sql) = sql {
                    op["execute"] = sql;
                }
            }
        }
        value
    }
    before != after && plain(before) == plain(after)
}

/// The number before `statements in` on the summary line that ends with `what`.
fn count(summary: &str, what: &str) -> usize {
    summary
        .lines()
        .find(|l| l.contains(what))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Whether a YAML value holds an `unconverted:` key anywhere.
fn has_placeholder(value: &serde_yaml::Value) -> bool {
    match value {
        serde_yaml::Value::Mapping(m) => m
            .iter()
            .any(|(k, v)| k.as_str() == Some("unconverted") || has_placeholder(v)),
        serde_yaml::Value::Sequence(s) => s.iter().any(has_placeholder),
        _ => false,
    }
}

/// An imported revision: its YAML file, its parents, whether it converted exactly.
struct Imported {
    yaml: PathBuf,
    parents: Vec<String>,
    exact: bool,
}

fn imported_revisions(project: &Path) -> BTreeMap<String, Imported> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(project.join("revisions")) {
        let entry = entry.expect("walk the revisions");
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("read a revision");
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
        let ids = |key: &str| -> Vec<String> {
            match &doc[key] {
                serde_yaml::Value::String(s) => vec![s.clone()],
                serde_yaml::Value::Sequence(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let mut parents = ids("down_revision");
        parents.extend(ids("depends_on"));
        found.insert(
            doc["revision"].as_str().expect("an id").to_owned(),
            Imported {
                yaml: entry.path().to_owned(),
                parents,
                exact: !has_placeholder(&doc),
            },
        );
    }
    found
}

/// The revisions that converted exactly and whose ancestors all did: a
/// history retort can load.
fn exact_closure(revisions: &BTreeMap<String, Imported>) -> BTreeSet<String> {
    fn ok(
        id: &str,
        revisions: &BTreeMap<String, Imported>,
        memo: &mut BTreeMap<String, bool>,
    ) -> bool {
        if let Some(&known) = memo.get(id) {
            return known;
        }
        let result = revisions
            .get(id)
            .is_some_and(|r| r.exact && r.parents.iter().all(|p| ok(p, revisions, memo)));
        memo.insert(id.to_owned(), result);
        result
    }
    let mut memo = BTreeMap::new();
    revisions
        .keys()
        .filter(|id| ok(id, revisions, &mut memo))
        .cloned()
        .collect()
}

#[test]
fn real_histories_import_with_the_pinned_numbers() {
    let mut failures = Vec::new();
    for history in HISTORIES {
        let summary = &prepared(history).summary;
        let first = summary.lines().next().unwrap_or_default();
        let person = count(summary, "need a person");
        let surface = count(summary, "need the schema-model/Alembic-surface work");
        if first != history.summary || person != history.person || surface != history.surface {
            failures.push(format!(
                "{}: got `{first}`, {person} for a person, {surface} for the surface work; \
                 expected `{}`, {}, {}\n{summary}",
                history.name, history.summary, history.person, history.surface
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Once the resolutions are laid over the import, only the pinned number of
/// statements still needs a person, and the pinned number of revisions loads.
#[test]
fn resolved_histories_load_whole() {
    let mut failures = Vec::new();
    for history in HISTORIES {
        let Prepared {
            person_left: left,
            keep,
            refused,
            ..
        } = prepared(history);
        if *left != history.person_left || keep.len() != history.loaded {
            failures.push(format!(
                "{}: {left} statements still need a person, {} revisions load; expected {}, {}; \
                 refused: {refused:?}",
                history.name,
                keep.len(),
                history.person_left,
                history.loaded
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether every statement of the revision's `upgrade()` and `downgrade()`
/// is an `op.*(...)` call (or `pass`, a docstring).
fn only_op_calls(python: &Path) -> bool {
    let text = std::fs::read_to_string(python).expect("read the Python");
    let parsed = ruff_python_parser::parse_module(&text).expect("Python");
    parsed.syntax().body.iter().all(|stmt| match stmt {
        Stmt::FunctionDef(f) if ["upgrade", "downgrade"].contains(&f.name.id.as_str()) => {
            f.body.iter().all(|s| match s {
                Stmt::Pass(_) => true,
                Stmt::Expr(e) => match e.value.as_ref() {
                    Expr::StringLiteral(_) => true,
                    Expr::Call(c) => matches!(
                        c.func.as_ref(),
                        Expr::Attribute(a) if matches!(a.value.as_ref(), Expr::Name(n) if n.id.as_str() == "op")
                    ),
                    _ => false,
                },
                _ => false,
            })
        }
        _ => true,
    })
}

#[test]
fn revisions_of_only_op_calls_never_need_a_person() {
    let mut failures = Vec::new();
    for history in HISTORIES {
        let project = &prepared(history).imported;
        let versions = history_dir(history.name).join("versions");
        for revision in imported_revisions(project).values() {
            let relative = revision
                .yaml
                .strip_prefix(project.join("revisions"))
                .expect("inside")
                .with_extension("py");
            if !only_op_calls(&versions.join(&relative)) {
                continue;
            }
            let text = std::fs::read_to_string(&revision.yaml).expect("read");
            let doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
            // What an op call's arguments may still hold that no converter
            // can read: a name from the application, a Core statement, rows
            // a helper function of the file reads from the database
            // (neutron 5ffceebfada), a `sa.MetaData()` among create_table's
            // columns (neutron 6135a7bd4425).
            let excused = |reason: &str| {
                reason.contains("from an application import")
                    || reason.contains("SQLAlchemy Core statement")
                    || reason.contains("Alembic itself raises")
                    || reason.contains("a helper function of the file")
                    || reason.contains("`sqlalchemy.MetaData`")
            };
            if person_reasons(&doc).iter().any(|r| !excused(r)) {
                failures.push(format!("{}: {}\n{text}", history.name, relative.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The reasons of the placeholders that need a person.
fn person_reasons(value: &serde_yaml::Value) -> Vec<String> {
    let mut found = Vec::new();
    match value {
        serde_yaml::Value::Mapping(m) => {
            if m.get("needs").and_then(|n| n.as_str()) == Some("person") {
                if let Some(r) = m.get("reason").and_then(|r| r.as_str()) {
                    found.push(r.to_owned());
                }
            }
            for v in m.values() {
                found.extend(person_reasons(v));
            }
        }
        serde_yaml::Value::Sequence(s) => s.iter().for_each(|v| found.extend(person_reasons(v))),
        _ => {}
    }
    found
}

/// Trailing whitespace of each line and trailing blank lines do not count.
/// Deliberate difference: SQL text of an `op.execute` that ends in `;`
/// Alembic prints with its own terminator after it (`;;`); retort leaves the
/// text's `;` out (docs/reference.md, `execute`).
fn normalise(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| {
            let l = l.trim_end();
            l.strip_suffix(";;").map_or(l, |s| &l[..s.len() + 1])
        })
        .collect();
    lines.join("\n").trim_end().to_owned()
}

/// Alembic's script as retort writes it on `dialect`: on MySQL a script
/// that runs a step starts with `SET NAMES utf8mb4` (dialect.yaml's
/// `session_setup`: the stock client's utf8mb3 refuses characters outside
/// the BMP).
fn with_session_setup(dialect: &str, script: String) -> String {
    if dialect == "mysql" && !script.is_empty() {
        format!("SET NAMES utf8mb4;\n\n{script}")
    } else {
        script
    }
}

/// Compares two scripts statement for statement. The one deliberate
/// difference: MySQL's `ALTER TABLE t MODIFY c ...` / `CHANGE a b ...`
/// restate the whole column, which Alembic takes from the author's
/// `existing_*` keywords (a missing `existing_nullable` makes a NOT NULL
/// column NULL; a wrong `existing_type` changes the type) and retort from
/// its schema model. Such pairs are returned, any other difference is an error.
fn compare(want: &str, got: &str) -> Result<Vec<String>, String> {
    // Alembic creates the indexes of a create_table in the order of a Python
    // set (object ids); retort in the order written (README, "Deliberate
    // differences from Alembic").
    let a = index_runs_sorted(want.split("\n\n").collect());
    let b = index_runs_sorted(got.split("\n\n").collect());
    if a.len() != b.len() {
        return Err(format!(
            "{} statements from Alembic, {} from retort",
            a.len(),
            b.len()
        ));
    }
    let mut deliberate = Vec::new();
    for (x, y) in a.iter().zip(&b) {
        if x == y {
            continue;
        }
        let column_prefix = |s: &str| -> Option<String> {
            let words: Vec<&str> = s.split_whitespace().collect();
            match words.as_slice() {
                ["ALTER", "TABLE", t, "MODIFY", c, ..] => Some(format!("{t} MODIFY {c}")),
                ["ALTER", "TABLE", t, "CHANGE", c, d, ..] => Some(format!("{t} CHANGE {c} {d}")),
                _ => None,
            }
        };
        match (column_prefix(x), column_prefix(y)) {
            (Some(p), Some(q)) if p == q => deliberate.push(format!("Alembic `{x}`, retort `{y}`")),
            _ if same_but_table_options_order(x, y) => {
                deliberate.push(format!("MySQL table options in retort's order: `{y}`"))
            }
            _ => return Err(format!("the scripts differ at\n  {x}\n  {y}")),
        }
    }
    Ok(deliberate)
}

/// `statements` with each run of consecutive CREATE INDEX statements sorted.
fn index_runs_sorted(mut statements: Vec<&str>) -> Vec<&str> {
    let is_index = |s: &&str| s.starts_with("CREATE INDEX") || s.starts_with("CREATE UNIQUE INDEX");
    let mut start = 0;
    while start < statements.len() {
        let run = statements[start..]
            .iter()
            .take_while(|s| is_index(s))
            .count();
        statements[start..start + run].sort_unstable();
        start += run.max(1);
    }
    statements
}

/// The same CREATE TABLE but for the order of the MySQL table options after
/// its closing parenthesis (README, "Deliberate differences from Alembic":
/// retort writes ENGINE, CHARSET, COLLATE, COMMENT in that order).
fn same_but_table_options_order(alembic: &str, retort: &str) -> bool {
    let split = |s: &str| -> Option<(String, Vec<String>)> {
        let at = s.rfind("\n)")?;
        let (body, tail) = s.split_at(at + 2);
        let tail = tail.trim_end_matches(';');
        let mut options: Vec<String> = tail
            .replace("COLLATE ", "COLLATE=")
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        options.sort();
        Some((body.to_owned(), options))
    };
    is_create_table(alembic) && split(alembic).is_some() && split(alembic) == split(retort)
}

fn is_create_table(statement: &str) -> bool {
    statement.trim_start().starts_with("CREATE TABLE ")
}

/// Removes the key `key` (and the lines nested under it) from the op that
/// starts at `line` (1-based) of the YAML file: what a person does when
/// `retort check` says an `existing_*` claim contradicts the model.
fn remove_claim(file: &Path, line: usize, key: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    let start = line - 1;
    let item_indent = lines[start].len() - lines[start].trim_start().len();
    let mut out = Vec::new();
    let mut skip_deeper_than = None;
    for (i, l) in lines.iter().enumerate() {
        let indent = l.len() - l.trim_start().len();
        if let Some(depth) = skip_deeper_than {
            if indent > depth {
                continue;
            }
            skip_deeper_than = None;
        }
        let in_op = i > start
            && lines[start + 1..=i]
                .iter()
                .all(|x| x.len() - x.trim_start().len() > item_indent);
        if in_op && l.trim_start().starts_with(&format!("{key}:")) {
            skip_deeper_than = Some(indent);
            continue;
        }
        out.push(*l);
    }
    std::fs::write(file, out.join("\n") + "\n").expect("write");
}

/// Narrows the imported project to a history retort loads: the revisions
/// that converted exactly with all their ancestors, with the `existing_*`
/// claims the model contradicts removed (as `retort check` asks), less any
/// revision retort still refuses and its descendants. Returns the ids kept,
/// the claims removed, and the refusals.
fn loadable(
    project: &Path,
    revisions: &BTreeMap<String, Imported>,
    dialect: &str,
) -> (BTreeSet<String>, Vec<String>, Vec<String>) {
    let mut refused_ids = BTreeSet::new();
    let mut fixed = Vec::new();
    let mut refused = Vec::new();
    let mut upgraded = false;
    let by_file: BTreeMap<PathBuf, String> = revisions
        .iter()
        .map(|(id, r)| {
            (
                r.yaml.strip_prefix(project).expect("inside").to_owned(),
                id.clone(),
            )
        })
        .collect();
    for _ in 0..300 {
        let keep: BTreeSet<String> = exact_closure(revisions)
            .into_iter()
            .filter(|id| {
                !refused_ids.contains(id) && ancestors(id, revisions).is_disjoint(&refused_ids)
            })
            .collect();
        for (id, r) in revisions {
            if !keep.contains(id) && r.yaml.exists() {
                std::fs::remove_file(&r.yaml).expect("leave out a revision");
            }
        }
        if keep.is_empty() {
            return (keep, fixed, refused);
        }
        // Once the upgrade compiles, the claims of the history's own
        // downgrades, as `retort check` shows them too (removing one of
        // those leaves the upgrade as it was: not run again).
        let upgrade = (!upgraded)
            .then(|| support::alembic::retort_sql(project, dialect, &["upgrade", "heads"]))
            .filter(|run| !run.success());
        let upgrading = upgrade.is_some();
        upgraded = !upgrading;
        let stderr = if let Some(run) = upgrade {
            run.stderr
        } else {
            heads_of(&keep, revisions)
                .iter()
                .map(|h| {
                    support::alembic::retort_sql(
                        project,
                        dialect,
                        &["downgrade", &format!("{h}:base")],
                    )
                })
                .filter(|d| !d.success())
                .map(|d| d.stderr)
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut claims_removed = false;
        for line in stderr.lines() {
            let Some(rest) = line.strip_prefix("error: ") else {
                continue;
            };
            let mut parts = rest.splitn(4, ':');
            let (Some(file), Some(l), Some(_col), Some(message)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let Ok(l) = l.parse::<usize>() else { continue };
            let claim = message
                .split('`')
                .nth(1)
                .and_then(|c| c.split(':').next())
                .filter(|k| {
                    k.starts_with("existing_") && message.contains("contradicts the schema model")
                });
            match claim {
                Some(key) => {
                    remove_claim(&project.join(file), l, key);
                    fixed.push(format!("{file}:{l}: {}", message.trim()));
                    claims_removed = true;
                }
                // A downgrade refused is the engine test's to pin.
                None if !upgrading => {}
                None => {
                    if let Some(id) = by_file.get(Path::new(file)) {
                        refused_ids.insert(id.clone());
                        refused.push(format!("{file}:{l}:{}", message));
                    }
                }
            }
        }
        if !upgrading && !claims_removed {
            return (keep, fixed, refused);
        }
    }
    panic!("retort kept refusing the imported project");
}

fn ancestors(id: &str, revisions: &BTreeMap<String, Imported>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut todo = vec![id.to_owned()];
    while let Some(next) = todo.pop() {
        if let Some(r) = revisions.get(&next) {
            for p in &r.parents {
                if found.insert(p.clone()) {
                    todo.push(p.clone());
                }
            }
        }
    }
    found
}

/// `retort upgrade RANGE --dialect D` over the part of each history retort
/// loads (resolved by a person where the import needed one) equals `alembic
/// upgrade RANGE --sql` over the same Python files: each revision on its
/// own, then the longest runs of revisions that Alembic can run offline.
#[test]
fn imported_histories_upgrade_as_alembic_does() {
    let Some(venv) = support::require_alembic() else {
        return;
    };
    let mut failures = Vec::new();
    for history in HISTORIES {
        let Prepared {
            resolved: project,
            revisions,
            keep,
            fixed,
            refused,
            ..
        } = prepared(history);
        // The Alembic project: the Python files of the revisions kept.
        let alembic = tempfile::tempdir().expect("a temporary folder");
        for file in ["env.py", "alembic.ini"] {
            std::fs::copy(history_dir("").join(file), alembic.path().join(file))
                .expect("copy the Alembic project files");
        }
        let versions = history_dir(history.name).join("versions");
        for id in keep {
            let relative = revisions[id]
                .yaml
                .strip_prefix(project.as_path().join("revisions"))
                .expect("inside")
                .with_extension("py");
            let target = alembic.path().join("versions").join(&relative);
            std::fs::create_dir_all(target.parent().expect("a folder")).expect("mkdir");
            std::fs::copy(versions.join(&relative), target).expect("copy a revision");
        }
        eprintln!(
            "{}: {} existing_* claims the model contradicts removed as `retort check` asks: {fixed:?}; \
             refused by retort: {refused:?}",
            history.name,
            fixed.len()
        );
        let runs = Runs {
            venv: &venv,
            alembic: alembic.path(),
            retort: project.as_path(),
            history,
        };
        // Each revision on its own: which ones Alembic runs offline.
        let mut singles = Vec::new();
        let compared_as_written = keep
            .iter()
            .filter(|id| !history.resolved_differently.iter().any(|(d, _)| d == id));
        for id in compared_as_written {
            match revisions[id].parents.as_slice() {
                [] => singles.push((id.clone(), id.clone())),
                [parent] => singles.push((id.clone(), format!("{parent}:{id}"))),
                _ => {}
            }
        }
        let each = |ranges: &[String]| -> Vec<(&str, String)> {
            history
                .dialects
                .iter()
                .flat_map(|d| ranges.iter().map(move |r| (*d, r.clone())))
                .collect()
        };
        let ranges: Vec<String> = singles.iter().map(|(_, r)| r.clone()).collect();
        let offline_ok = runs.compare(&each(&ranges), &mut failures);
        let mut compared = BTreeSet::new();
        let mut long = Vec::new();
        for dialect in history.dialects {
            let runnable: BTreeSet<String> = singles
                .iter()
                .filter(|(_, range)| offline_ok.contains(&(*dialect, range.clone())))
                .map(|(id, _)| id.clone())
                .collect();
            // The longest runs of single-parent revisions Alembic runs offline.
            for chain in chains(&runnable, revisions).iter().filter(|c| c.len() > 1) {
                let last = chain.last().expect("not empty");
                long.push((
                    *dialect,
                    match revisions[&chain[0]].parents.as_slice() {
                        [parent] => format!("{parent}:{last}"),
                        _ => last.clone(),
                    },
                ));
            }
            compared.extend(runnable);
        }
        runs.compare(&long, &mut failures);
        assert!(
            compared.len() >= history.compared_at_least,
            "{}: only {} revisions compared with Alembic, expected at least {}",
            history.name,
            compared.len(),
            history.compared_at_least
        );
        eprintln!(
            "{}: {} revisions compared with Alembic, on their own and in {} runs on {}; \
             resolved differently: {:?}",
            history.name,
            compared.len(),
            long.len(),
            history.dialects.join(", "),
            history.resolved_differently
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The maximal runs of `ids` in which each revision's one parent is the
/// previous one, in order.
fn chains(ids: &BTreeSet<String>, revisions: &BTreeMap<String, Imported>) -> Vec<Vec<String>> {
    let parent_in = |id: &String| -> Option<String> {
        match revisions[id].parents.as_slice() {
            [p] if ids.contains(p) => Some(p.clone()),
            _ => None,
        }
    };
    let children = |id: &String| -> Vec<&String> {
        ids.iter()
            .filter(|c| parent_in(c).as_ref() == Some(id))
            .collect()
    };
    let mut out = Vec::new();
    for start in ids.iter().filter(|id| parent_in(id).is_none()) {
        let mut chain = vec![start.clone()];
        loop {
            let next = children(chain.last().expect("not empty"));
            match next.as_slice() {
                [only] => chain.push((*only).clone()),
                _ => break,
            }
        }
        out.push(chain);
    }
    out
}

/// One history's two projects: the Python files for Alembic, the imported YAML for retort.
struct Runs<'a> {
    venv: &'a Path,
    alembic: &'a Path,
    retort: &'a Path,
    history: &'a History,
}

impl Runs<'_> {
    /// `upgrade RANGE` on each (dialect, range), by Alembic and by retort,
    /// compared statement for statement; differences go to `failures`.
    /// Returns the pairs Alembic ran offline.
    fn compare<'d>(
        &self,
        ranges: &[(&'d str, String)],
        failures: &mut Vec<String>,
    ) -> BTreeSet<(&'d str, String)> {
        let requests: Vec<(&str, Vec<&str>)> = ranges
            .iter()
            .map(|(d, r)| (*d, vec!["upgrade", r.as_str()]))
            .collect();
        let pythonpath = history_dir(self.history.name).join("pythonpath");
        let alembic_runs = offline_batch(self.venv, self.alembic, &pythonpath, &requests);
        let mut offline = BTreeSet::new();
        for ((dialect, args), expected) in requests.iter().zip(alembic_runs) {
            let case = format!("{} {dialect}: upgrade {}", self.history.name, args[1]);
            if !expected.success() {
                // A revision reading the database cannot run offline.
                eprintln!(
                    "Alembic cannot run this offline, not compared: {case}: {}",
                    expected
                        .stdout
                        .lines()
                        .chain(expected.stderr.lines())
                        .rfind(|l| !l.trim().is_empty())
                        .unwrap_or_default()
                );
                continue;
            }
            offline.insert((*dialect, args[1].to_owned()));
            let retort = support::alembic::retort_sql(self.retort, dialect, args);
            if !retort.success() {
                failures.push(format!("{case}: retort fails\n{retort}"));
                continue;
            }
            let want = with_session_setup(dialect, normalise(&expected.stdout));
            let got = normalise(&retort.stdout);
            match compare(&want, &got) {
                Ok(deliberate) => {
                    for d in deliberate {
                        eprintln!("deliberate difference: {case}: {d}");
                    }
                }
                Err(why) => failures.push(format!(
                    "{case}: {why}\n--- alembic ---\n{want}\n--- retort ---\n{got}"
                )),
            }
        }
        offline
    }
}

/// The part of each history retort loads (all of it once resolved) runs on
/// the engines the history targets: upgrade to its heads, where `retort
/// schema heads` builds the same schema as the engine's own dump; then
/// downgrade to base (derived downgrades where the history has none), after
/// which nothing is left.
#[test]
fn imported_histories_run_on_their_engines() {
    for history in HISTORIES {
        let Prepared {
            resolved: project,
            revisions,
            keep,
            ..
        } = prepared(history);
        if keep.is_empty() {
            eprintln!("{}: nothing loadable to run", history.name);
            continue;
        }
        let heads = heads_of(keep, revisions);
        for engine in history.engines {
            let (Some(database), Some(created), Some(empty)) = (
                engine.fresh_database(),
                engine.fresh_database(),
                engine.fresh_database(),
            ) else {
                continue;
            };
            let retort = |args: &[&str]| {
                support::alembic::retort_sql(project.as_path(), engine.dialect(), args)
                    .expect_success()
                    .stdout
            };
            let upgrade = retort(&["upgrade", "heads"]);
            database.run_ok(&upgrade);
            assert_eq!(
                database.version_rows(),
                heads,
                "{} on {engine:?}: the version table after the upgrade",
                history.name
            );
            if !history.schema_setup.is_empty() {
                created.run_ok(history.schema_setup);
            }
            created.run_ok(&retort(&["schema", "heads"]));
            if !history.schema_raw_after.is_empty() {
                created.run_ok(history.schema_raw_after);
            }
            // The version table, as the upgrade created it.
            let version_table = upgrade
                .split("\n\n")
                .find(|s| s.trim_start().starts_with("CREATE TABLE alembic_version"))
                .expect("the upgrade creates the version table");
            created.run_ok(version_table);
            let (from_schema, from_upgrade) = (
                crate::schema_engines::dump(created.as_ref()),
                crate::schema_engines::dump(database.as_ref()),
            );
            assert!(
                !history.schema_compared || from_schema == from_upgrade,
                "{} on {engine:?}: `retort schema heads` against the engine's dump after the \
                 upgrade; lines only in the first, then only in the second:\n{}",
                history.name,
                lines_apart(&from_schema, &from_upgrade)
            );
            // All heads to base in one script, as `alembic downgrade
            // heads:base --sql` runs it: with `depends_on` between branches
            // (neutron), no head's range alone reaches their branch point.
            let ranges = ["heads:base".to_owned()];
            let downgrades: Vec<support::alembic::Run> = ranges
                .iter()
                .map(|range| {
                    support::alembic::retort_sql(
                        project.as_path(),
                        engine.dialect(),
                        &["downgrade", range],
                    )
                })
                .collect();
            if let Some(refused) = history.downgrade_refused {
                assert!(
                    downgrades
                        .iter()
                        .any(|d| !d.success() && d.stderr.contains(refused)),
                    "{} on {engine:?}: the downgrade to base is refused at `{refused}`:\n{downgrades:#?}",
                    history.name
                );
                continue;
            }
            for downgrade in downgrades {
                database.run_ok(&downgrade.expect_success().stdout);
            }
            // The history's downgrades leave what its raw SQL set up (an extension).
            if !history.schema_setup.is_empty() {
                empty.run_ok(history.schema_setup);
            }
            database.run_ok("DROP TABLE alembic_version;");
            assert_eq!(
                crate::schema_engines::dump(database.as_ref()),
                crate::schema_engines::dump(empty.as_ref()),
                "{} on {engine:?}: nothing is left after the downgrade to base",
                history.name
            );
            eprintln!(
                "{}: {} revisions upgraded, compared with `schema heads` and downgraded on {engine:?}",
                history.name,
                keep.len()
            );
        }
    }
}

/// The revisions of `keep` that no other one of `keep` revises.
fn heads_of(keep: &BTreeSet<String>, revisions: &BTreeMap<String, Imported>) -> Vec<String> {
    keep.iter()
        .filter(|id| {
            !keep
                .iter()
                .any(|other| revisions[other].parents.contains(id))
        })
        .cloned()
        .collect()
}

/// The lines of `a` not in `b`, then those of `b` not in `a`.
fn lines_apart(a: &str, b: &str) -> String {
    let only = |x: &str, y: &str| -> Vec<String> {
        let y: BTreeSet<&str> = y.lines().collect();
        x.lines()
            .filter(|l| !y.contains(l))
            .map(str::to_owned)
            .collect()
    };
    format!("{}\n----\n{}", only(a, b).join("\n"), only(b, a).join("\n"))
}

/// `alembic ARGS --sql` for each (dialect, args), in one Python process.
fn offline_batch(
    venv: &Path,
    project: &Path,
    pythonpath: &Path,
    requests: &[(&str, Vec<&str>)],
) -> Vec<support::alembic::Run> {
    let json: Vec<serde_json::Value> = requests
        .iter()
        .map(|(dialect, args)| serde_json::json!({"dialect": dialect, "args": args}))
        .collect();
    let mut command = Command::new(venv.join("bin").join("python"));
    command
        .arg(support::alembic::harness_script())
        .arg("batch")
        .arg(project)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONPATH", pythonpath)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("start the Alembic batch");
    let input = serde_json::to_vec(&json).expect("JSON");
    std::io::Write::write_all(&mut child.stdin.take().expect("piped"), &input)
        .expect("send the requests");
    let output = child.wait_with_output().expect("the batch runs");
    assert!(
        output.status.success(),
        "the Alembic batch failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("the batch prints JSON");
    requests
        .iter()
        .zip(results)
        .map(|((dialect, args), result)| support::alembic::Run {
            command: format!("DIALECT={dialect} alembic {} --sql (batch)", args.join(" ")),
            stdout: result["stdout"].as_str().unwrap_or_default().to_owned(),
            stderr: result["stderr"].as_str().unwrap_or_default().to_owned(),
            code: result["code"].as_i64().map(|c| (c & 0xff) as i32),
        })
        .collect()
}
