//! Drift checks (`retort drift`) on the real engines: the script passes at
//! every revision of the test projects, upgraded step by step, and fails
//! after each kind of manual change, naming the object and the difference,
//! without changing the database.

use crate::support;

use std::path::{Path, PathBuf};
use support::engines::{per_engine, Engine, TestDatabase};
use support::retort;
use support::scripts::test_project;

per_engine! {
    drift_passes_at_every_revision,
    drift_names_every_manual_change,
    drift_ignores_objects_no_revision_created,
    compiled_start_check_refuses_a_drifted_database,
    compiled_end_check_catches_what_the_model_does_not_know,
    drift_compares_comments,
}

/// The projects stepped through, as this engine takes them. Those with
/// schemas run on PostgreSQL only, after their schemas are made (a MariaDB
/// schema is a database of the whole server; SQLite's an attached file).
fn projects(engine: Engine) -> Vec<(&'static str, &'static str)> {
    let corpus = match engine {
        Engine::MariaDb => "alembic_corpus_strlen",
        _ => "alembic_corpus",
    };
    let mut projects: Vec<(&str, &str)> = [
        "example",
        corpus,
        "ops_linear",
        "settings",
        "data_literals",
        "types_and_flags",
        "comments",
        "unicode_literals",
        "no_primary_key",
        "add_column_unnamed",
        "alembic_ops",
        "drop_table_takes",
        "execute_effect",
        "rename_in_check",
        "type_change_using",
        "sqlite_add_column",
        "dialect_options",
        "mariadb_options",
        "computed_stored",
        "identity_options",
        "alter_autoincrement",
    ]
    .map(|name| (name, ""))
    .to_vec();
    // SQLite cannot add its identity column.
    if engine != Engine::Sqlite {
        projects.push(("alembic_surface", ""));
    }
    // PostgreSQL 15 has no virtual generated columns.
    if engine != Engine::Postgres {
        projects.push(("computed_virtual", ""));
    }
    // MySQL has no partial indexes.
    if engine != Engine::MariaDb {
        projects.push(("partial_index", ""));
    }
    // MySQL has no MATCH on foreign keys. rename_objects waits on MariaDB
    // for a rule the model lacks: a foreign key added over the index the
    // engine made for a dropped key replaces it with one named after the
    // new key (measured; a written index is reused).
    if engine != Engine::MariaDb {
        projects.push(("fk_match", ""));
        projects.push(("rename_objects", ""));
    }
    // Constraints the revisions leave unnamed are checked by the engine's name.
    match engine {
        Engine::Postgres => projects.extend([
            ("execute_effect_postgresql", ""),
            ("execute_per_dialect", ""),
            ("online_ddl", ""),
            ("unnamed_constraints_postgresql", ""),
            ("drop_column_takes_postgresql", ""),
            ("shared_enum", ""),
        ]),
        Engine::MariaDb => projects.extend([
            ("unnamed_constraints_mysql", ""),
            ("drop_column_takes_mysql", ""),
        ]),
        Engine::Sqlite => {}
    }
    if engine == Engine::Postgres {
        projects.push(("schemas", "CREATE SCHEMA audit;"));
        projects.push(("version_schema", "CREATE SCHEMA meta;"));
    }
    projects
}

/// A copy of `project` (its settings, revisions and dialects, not its
/// out/) compiled for `dialect`.
fn compiled(project: &Path, dialect: &str) -> tempfile::TempDir {
    compiled_with(project, dialect, None)
}

/// [`compiled`], with `settings` as its retort.yaml when given.
fn compiled_with(project: &Path, dialect: &str, settings: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["retort.yaml", "revisions", "dialects"] {
        let from = project.join(name);
        // The example project's dialects/ are the built-in ones.
        if from.exists() && !(name == "dialects" && project == support::repo_root()) {
            copy_tree(&from, &dir.path().join(name));
        }
    }
    if let Some(settings) = settings {
        std::fs::write(dir.path().join("retort.yaml"), settings).unwrap();
    }
    retort()
        .arg("--project")
        .arg(dir.path())
        .args(["compile", "--dialect", dialect])
        .assert()
        .success();
    dir
}

/// Copies a file, or a folder and everything in it.
fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        std::fs::copy(from, to).unwrap();
        return;
    }
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        copy_tree(&entry.path(), &to.join(entry.file_name()));
    }
}

/// The per-revision upgrade scripts of a compiled project, in order.
fn upgrade_scripts(project: &Path, dialect: &str) -> Vec<PathBuf> {
    let folder = project.join("out").join(dialect).join("revisions");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".upgrade.sql"))
        .collect();
    scripts.sort();
    scripts
}

/// The version table a project's retort.yaml names, with its schema.
fn version_table(project: &Path) -> String {
    let text = std::fs::read_to_string(project.join("retort.yaml")).unwrap_or_default();
    let config: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
    let setting = |key: &str| config.get(key).and_then(serde_yaml::Value::as_str);
    let table = setting("version_table").unwrap_or("alembic_version");
    match setting("version_table_schema") {
        Some(schema) => format!("{schema}.{table}"),
        None => table.to_owned(),
    }
}

/// `retort drift REVISIONS... [extra]` for `engine`.
fn drift_script(project: &Path, engine: Engine, revisions: &[String], extra: &[&str]) -> String {
    let output = retort()
        .arg("--project")
        .arg(project)
        .arg("drift")
        .args(revisions)
        .args(["--dialect", engine.dialect()])
        .args(extra)
        .output()
        .unwrap();
    assert!(output.status.success(), "retort drift failed: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Runs the drift check of `revisions`; the client's output when it fails.
/// Either way the schema and the version table are as they were.
fn run_drift(
    db: &dyn TestDatabase,
    project: &Path,
    revisions: &[String],
    extra: &[&str],
    table: &str,
) -> Result<(), String> {
    let dump = db.schema_dump();
    let rows = db.version_rows_of(table);
    let result = db.run_script(&drift_script(project, db.engine(), revisions, extra));
    assert_eq!(db.schema_dump(), dump, "the drift check changed the schema");
    assert_eq!(
        db.version_rows_of(table),
        rows,
        "the drift check changed the versions"
    );
    result
}

fn drift_passes_at_every_revision(engine: Engine) {
    for (name, setup) in projects(engine) {
        let Some(db) = engine.fresh_database() else {
            return;
        };
        if !setup.is_empty() {
            db.run_ok(setup);
        }
        let project = compiled(&test_project(name), engine.dialect());
        let table = version_table(project.path());
        let at_base = drift_script(project.path(), engine, &["base".to_owned()], &["--strict"]);
        db.run_script(&at_base)
            .unwrap_or_else(|e| panic!("{name}: drift at base on an empty database:\n{e}"));
        for script in upgrade_scripts(project.path(), engine.dialect()) {
            db.run_ok(&std::fs::read_to_string(&script).unwrap());
            let rows = db.version_rows_of(&table);
            run_drift(&*db, project.path(), &rows, &["--strict"], &table).unwrap_or_else(|e| {
                panic!("{name}: drift at {rows:?} after {}:\n{e}", script.display())
            });
        }
    }
    // Two heads (compile wants one): upgraded to both at once.
    let Some(db) = support::roundtrip::upgraded(engine, "branches") else {
        return;
    };
    let project = test_project("branches");
    let heads = support::scripts::heads(&project);
    run_drift(&*db, &project, &heads, &["--strict"], "alembic_version")
        .unwrap_or_else(|e| panic!("branches: drift at {heads:?}:\n{e}"));
}

/// One manual change: the SQL per engine (`None`: the engine cannot make
/// it) and what the drift check must say about it.
struct Change {
    sql: fn(Engine) -> Option<&'static str>,
    says: fn(Engine) -> Vec<&'static str>,
}

/// SQLite alters little: the changes to a column type, nullability and
/// default and the dropped constraint are made as a DBA would, by
/// rebuilding the tables.
const SQLITE_REBUILDS: &str = "
PRAGMA foreign_keys = OFF;
CREATE TABLE processed_files_new (
    id VARCHAR(36) NOT NULL,
    run_id VARCHAR(36) NOT NULL,
    file_path VARCHAR(512),
    size_bytes BIGINT,
    checksum VARCHAR(128),
    processed_at DATETIME,
    cost NUMERIC(10, 2),
    currency VARCHAR(3) DEFAULT 'EUR' NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_processed_files_run_id FOREIGN KEY(run_id) REFERENCES runs (id) ON DELETE CASCADE,
    CONSTRAINT uq_processed_files_run_path UNIQUE (run_id, file_path)
);
INSERT INTO processed_files_new SELECT * FROM processed_files;
DROP TABLE processed_files;
ALTER TABLE processed_files_new RENAME TO processed_files;
CREATE INDEX ix_processed_files_checksum ON processed_files (checksum);
CREATE INDEX ix_processed_files_processed_at ON processed_files (processed_at);
CREATE TABLE retry_policies_new (
    id INTEGER NOT NULL,
    ingestion_id VARCHAR(36) NOT NULL,
    max_retries INTEGER DEFAULT 3 NOT NULL,
    backoff_seconds INTEGER DEFAULT 60 NOT NULL,
    backoff_multiplier NUMERIC(4, 2) DEFAULT (2.0) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_retry_policies_ingestion UNIQUE (ingestion_id),
    CONSTRAINT fk_retry_policies_ingestion FOREIGN KEY(ingestion_id) REFERENCES ingestions (id) ON DELETE CASCADE
);
INSERT INTO retry_policies_new SELECT * FROM retry_policies;
DROP TABLE retry_policies;
ALTER TABLE retry_policies_new RENAME TO retry_policies;
PRAGMA foreign_keys = ON;
";

fn changes() -> Vec<Change> {
    vec![
        Change {
            sql: |_| Some("ALTER TABLE runs DROP COLUMN finished_at;"),
            says: |_| vec!["column runs.finished_at: expected present, found absent"],
        },
        Change {
            sql: |engine| match engine {
                Engine::Postgres => Some(
                    "ALTER TABLE processed_files ALTER COLUMN checksum TYPE VARCHAR(128);\n\
                     ALTER TABLE processed_files ALTER COLUMN file_path DROP NOT NULL;\n\
                     ALTER TABLE processed_files ALTER COLUMN currency SET DEFAULT 'EUR';\n\
                     ALTER TABLE retry_policies DROP CONSTRAINT ck_retry_policies_max_retries;",
                ),
                Engine::MariaDb => Some(
                    "ALTER TABLE processed_files MODIFY checksum VARCHAR(128);\n\
                     ALTER TABLE processed_files MODIFY file_path VARCHAR(512) NULL;\n\
                     ALTER TABLE processed_files ALTER COLUMN currency SET DEFAULT 'EUR';\n\
                     ALTER TABLE retry_policies DROP CONSTRAINT ck_retry_policies_max_retries;",
                ),
                Engine::Sqlite => Some(SQLITE_REBUILDS),
            },
            says: |engine| {
                let mut says = vec![
                    "column processed_files.file_path: nullable expected NOT NULL, found NULL",
                    "constraint ck_retry_policies_max_retries on retry_policies: expected present, found absent",
                ];
                says.extend(match engine {
                    Engine::Postgres => [
                        "column processed_files.checksum: type expected character varying(64), found character varying(128)",
                        "column processed_files.currency: default expected 'USD'::character varying, found 'EUR'::character varying",
                    ],
                    Engine::MariaDb => [
                        "column processed_files.checksum: type expected varchar(64), found varchar(128)",
                        "column processed_files.currency: default expected 'USD', found 'EUR'",
                    ],
                    Engine::Sqlite => [
                        "column processed_files.checksum: type expected VARCHAR(64), found VARCHAR(128)",
                        "column processed_files.currency: default expected 'USD', found 'EUR'",
                    ],
                });
                says
            },
        },
        Change {
            sql: |engine| match engine {
                Engine::MariaDb => Some("DROP INDEX ix_runs_status_started_at ON runs;"),
                _ => Some("DROP INDEX ix_runs_status_started_at;"),
            },
            says: |_| {
                vec!["index ix_runs_status_started_at on runs: expected present, found absent"]
            },
        },
        Change {
            sql: |_| Some("ALTER TABLE schema_versions RENAME TO schema_versions_old;"),
            says: |_| vec!["table schema_versions: expected present, found absent"],
        },
        Change {
            sql: |engine| {
                match engine {
                Engine::Postgres => Some("ALTER TYPE source_type ADD VALUE 'ftp';"),
                Engine::MariaDb => Some(
                    "ALTER TABLE ingestions MODIFY source_type ENUM('s3','gcs','azure','ftp') NOT NULL;",
                ),
                // SQLite has no enum types: the column is a VARCHAR.
                Engine::Sqlite => None,
            }
            },
            says: |engine| {
                match engine {
                Engine::Postgres => {
                    vec!["enum source_type: values expected s3, gcs, azure, found s3, gcs, azure, ftp"]
                }
                _ => vec![
                    "column ingestions.source_type: type expected enum('s3','gcs','azure'), found enum('s3','gcs','azure','ftp')",
                ],
            }
            },
        },
    ]
}

/// The example project at head on a fresh database, and the project.
fn example_at_head(engine: Engine) -> Option<(Box<dyn TestDatabase>, PathBuf)> {
    let db = engine.fresh_database()?;
    let project = test_project("example");
    let upgrade = retort()
        .arg("--project")
        .arg(&project)
        .args(["upgrade", "heads", "--dialect", engine.dialect()])
        .output()
        .unwrap();
    db.run_ok(&String::from_utf8(upgrade.stdout).unwrap());
    Some((db, project))
}

fn drift_names_every_manual_change(engine: Engine) {
    for change in changes() {
        let Some(sql) = (change.sql)(engine) else {
            continue;
        };
        let Some((db, project)) = example_at_head(engine) else {
            return;
        };
        let head = vec!["head".to_owned()];
        run_drift(&*db, &project, &head, &[], "alembic_version")
            .unwrap_or_else(|e| panic!("drift before the change:\n{e}"));
        db.run_ok(sql);
        let error = run_drift(&*db, &project, &head, &[], "alembic_version")
            .expect_err(&format!("the drift check fails after {sql}"));
        assert!(
            error.contains("retort drift: the schema is not that of revision 7c3e9a5b1d84"),
            "{error}"
        );
        for says in (change.says)(engine) {
            assert!(
                error.contains(says),
                "after {sql}\nexpected: {says}\nin:\n{error}"
            );
        }
    }
}

fn drift_ignores_objects_no_revision_created(engine: Engine) {
    let Some((db, project)) = example_at_head(engine) else {
        return;
    };
    db.run_ok(
        "ALTER TABLE runs ADD COLUMN note VARCHAR(10);\n\
         CREATE INDEX ix_hotfix ON runs (started_at);\n\
         CREATE TABLE other_application (id INTEGER PRIMARY KEY);",
    );
    let head = vec!["head".to_owned()];
    run_drift(&*db, &project, &head, &[], "alembic_version")
        .unwrap_or_else(|e| panic!("without --strict, added objects are ignored:\n{e}"));
    let error = run_drift(&*db, &project, &head, &["--strict"], "alembic_version")
        .expect_err("with --strict, added objects are differences");
    for says in [
        "column runs.note: expected absent (no revision created it), found present",
        "index ix_hotfix on runs: expected absent (no revision created it), found present",
        "table other_application: expected absent (no revision created it), found present",
        "3 difference(s)",
    ] {
        assert!(error.contains(says), "expected: {says}\nin:\n{error}");
    }
}

fn compiled_start_check_refuses_a_drifted_database(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = compiled_with(
        &test_project("example"),
        engine.dialect(),
        Some("drift_check: true\n"),
    );
    let scripts = upgrade_scripts(project.path(), engine.dialect());
    for script in &scripts[..5] {
        let text = std::fs::read_to_string(script).unwrap();
        assert!(text.contains("-- Drift checks: before its first op, that the schema is that of"));
        db.run_ok(&text);
    }
    db.run_ok("ALTER TABLE runs DROP COLUMN finished_at;");
    let dump = db.schema_dump();
    let rows = db.version_rows();
    let error = db
        .run_script(&std::fs::read_to_string(&scripts[5]).unwrap())
        .expect_err("the start check refuses the drifted database");
    assert!(
        error.contains("retort drift: the schema is not that of revision a2c6e8f01b3d")
            && error.contains("column runs.finished_at: expected present, found absent"),
        "{error}"
    );
    assert_eq!(
        db.schema_dump(),
        dump,
        "the refused script changed the schema"
    );
    assert_eq!(
        db.version_rows(),
        rows,
        "the refused script changed the versions"
    );
}

/// A revision whose `execute` drops a column behind the model's back.
const BEHIND_THE_MODEL: [(&str, &str); 2] = [
    (
        "revisions/r1.yaml",
        "revision: r1\ndown_revision: null\nmessage: things\nupgrade:\n  - create_table:\n      name: things\n      columns:\n        - {name: id, type: Integer, primary_key: true}\n        - {name: label, type: String(10)}\ndowngrade:\n  - drop_table: things\n",
    ),
    (
        "revisions/r2.yaml",
        "revision: r2\ndown_revision: r1\nmessage: raw sql\nupgrade:\n  - execute: ALTER TABLE things DROP COLUMN label\ndowngrade: []\n",
    ),
];

fn compiled_end_check_catches_what_the_model_does_not_know(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let mut files = BEHIND_THE_MODEL.to_vec();
    files.push(("retort.yaml", "drift_check: true\n"));
    let source = support::project(&files);
    let project = compiled(source.path(), engine.dialect());
    let upgrade = std::fs::read_to_string(
        project
            .path()
            .join("out")
            .join(engine.dialect())
            .join("upgrade.sql"),
    )
    .unwrap();
    assert!(upgrade.contains("-- Drift checks: after its last op, that the schema is that of r2"));
    let empty = db.schema_dump();
    let error = db.run_script(&upgrade).expect_err("the end check fails");
    assert!(
        error.contains("retort drift: the schema is not that of revision r2")
            && error.contains("column things.label: expected present, found absent"),
        "{error}"
    );
    // PostgreSQL runs the script in one transaction: the failed end check
    // rolls it all back. The MariaDB and SQLite scripts have no
    // transaction (as Alembic's): there the check can only report.
    if engine == Engine::Postgres {
        assert_eq!(db.schema_dump(), empty, "the failed end check rolls back");
    } else {
        assert_ne!(db.schema_dump(), empty);
    }
}

fn drift_compares_comments(engine: Engine) {
    // SQLite keeps no comments.
    let change = match engine {
        Engine::Postgres => "COMMENT ON TABLE notes IS 'edited';\nCOMMENT ON COLUMN notes.body IS 'added';",
        Engine::MariaDb => {
            "ALTER TABLE notes COMMENT = 'edited';\nALTER TABLE notes MODIFY body VARCHAR(100) COMMENT 'added';"
        }
        Engine::Sqlite => return,
    };
    let Some(db) = support::roundtrip::upgraded(engine, "comments") else {
        return;
    };
    let project = test_project("comments");
    let head = vec!["c2".to_owned()];
    run_drift(&*db, &project, &head, &[], "alembic_version")
        .unwrap_or_else(|e| panic!("drift before the change:\n{e}"));
    db.run_ok(change);
    let error = run_drift(&*db, &project, &head, &[], "alembic_version")
        .expect_err("a changed comment is a difference");
    for says in [
        "table notes: comment expected Notes, renamed, found edited",
        "column notes.body: comment expected none, found added",
    ] {
        assert!(error.contains(says), "expected: {says}\nin:\n{error}");
    }
}
