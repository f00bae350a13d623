//! The schema model on the real engines (SQLite always; PostgreSQL and
//! MariaDB when `scripts/test` started them):
//! - every revision's automatic downgrade undoes its upgrade: upgrade to the
//!   parent and dump, upgrade and auto-downgrade, dump again, compare;
//! - SQLite table rebuilds keep every row, up and down;
//! - `retort schema head` builds the same schema as the migration.

use crate::support;

use camino::Utf8Path;
use retort::dialect::Dialect;
use retort::project::script;
use retort::render::{Renderer, ScriptOptions};
use support::engines::{per_engine, Engine, TestDatabase};

/// The SQL of `retort upgrade|downgrade RANGE` for `dialect`, through the library.
fn sql(project: &std::path::Path, command: &str, range: &str, dialect: &str) -> String {
    let root = Utf8Path::from_path(project).expect("a UTF-8 temporary path");
    let (config, graph) = retort::load::load_graph(root).expect("the test project loads");
    let plan = match command {
        "upgrade" => retort::plan::upgrade(&graph, range),
        _ => retort::plan::downgrade(&graph, range),
    }
    .expect("the range resolves");
    let dialect = Dialect::load(dialect, None).expect("a built-in dialect");
    let renderer = Renderer::new(&dialect);
    script(
        &plan,
        &graph,
        &renderer,
        &ScriptOptions::from_config(&config),
    )
    .unwrap_or_else(|e| panic!("{command} {range}: {e}"))
}

/// Revisions r1..r7 whose downgrades are all derived: each kind of op the
/// model inverts, on two tables with a named enum and foreign keys.
const REVISIONS: &[(&str, &str)] = &[
    (
        "revisions/r1.yaml",
        "revision: r1
down_revision: null
message: tables
upgrade:
  - create_table:
      name: parents
      columns:
        - {name: id, type: Integer, primary_key: true}
        - {name: name, type: String(50), nullable: false}
        - {name: kind, type: \"Enum('big', 'small', name='parent_kind')\"}
  - create_table:
      name: children
      columns:
        - {name: id, type: Integer, primary_key: true}
        - name: parent_id
          type: Integer
          nullable: false
          foreign_key: {table: parents, column: id, name: fk_children_parent}
        - {name: note, type: String(100)}
        - {name: qty, type: Integer, server_default: 0}
      indexes:
        - {name: ix_children_note, columns: [note]}
  - create_table:
      name: tags
      columns:
        - {name: id, type: Integer, primary_key: true}
        - {name: label, type: String(20), unique: true}
",
    ),
    (
        "revisions/r2.yaml",
        "revision: r2
down_revision: r1
message: columns, indexes, unique
upgrade:
  - add_column: {table: children, column: {name: flag, type: Boolean, nullable: false, server_default: false}}
  - create_index: {name: ix_children_qty, table: children, columns: [qty]}
  - create_unique_constraint: {name: uq_parents_name, table: parents, columns: [name]}
",
    ),
    (
        "revisions/r3.yaml",
        "revision: r3
down_revision: r2
message: alter columns
upgrade:
  - alter_column: {table: children, column: note, type: String(200), nullable: false, server_default: none}
  - alter_column: {table: children, column: qty, server_default: 5}
  - alter_column: {table: parents, column: kind, new_name: size}
",
    ),
    (
        "revisions/r4.yaml",
        "revision: r4
down_revision: r3
message: constraints
upgrade:
  - drop_constraint: {name: fk_children_parent, table: children}
  - create_foreign_key:
      name: fk_children_parent_cascade
      source_table: children
      referent_table: parents
      local_cols: [parent_id]
      remote_cols: [id]
      ondelete: CASCADE
  - create_check_constraint: {name: ck_children_qty, table: children, condition: qty >= 0}
",
    ),
    (
        "revisions/r5.yaml",
        "revision: r5
down_revision: r4
message: rename and comment
upgrade:
  - rename_table: {old: children, new: items}
  - create_table_comment: {table: parents, comment: \"the parents' table\"}
  - execute: {sql: \"UPDATE items SET qty = qty + 1\", reverse: \"UPDATE items SET qty = qty - 1\"}
",
    ),
    (
        "revisions/r6.yaml",
        "revision: r6
down_revision: r5
message: drops
upgrade:
  - drop_index: {name: ix_children_qty}
  - drop_column: {table: items, column: flag}
  - drop_constraint: {name: uq_parents_name, table: parents}
",
    ),
    (
        "revisions/r7.yaml",
        "revision: r7
down_revision: r6
message: drop a table, a new enum
upgrade:
  # Not the renamed table: PostgreSQL names a table's sequence and primary
  # key after the table's first name, which a re-created table cannot have.
  - drop_table: tags
  - create_enum: {name: colour, values: [red, green]}
",
    ),
];

/// A schema dump that two equal schemas print alike: on SQLite, statements
/// whitespace-normalised (ADD COLUMN splices into the stored text), without
/// the quotes SQLite adds to a renamed table's name, and sorted (a rebuilt
/// table is created last); on MariaDB, lines sorted (index lines
/// follow creation order, and a re-created index moves).
pub(crate) fn dump(db: &dyn TestDatabase) -> String {
    let text = db.schema_dump();
    match db.engine() {
        Engine::Sqlite => {
            let mut statements: Vec<String> = text
                .split(";\n")
                .map(|s| {
                    // A rename quotes the table's name in the stored SQL; the
                    // shell prints such a table as CREATE TABLE IF NOT EXISTS.
                    s.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace('"', "")
                        .replace("CREATE TABLE IF NOT EXISTS ", "CREATE TABLE ")
                })
                .filter(|s| !s.is_empty())
                .collect();
            statements.sort();
            statements.join(";\n")
        }
        Engine::MariaDb => {
            let mut lines: Vec<&str> = text.lines().collect();
            lines.sort_unstable();
            lines.join("\n")
        }
        Engine::Postgres => text,
    }
}

per_engine!(automatic_downgrades_round_trip);

fn automatic_downgrades_round_trip(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let mut revisions = REVISIONS.to_vec();
    let r4_without_check;
    if engine == Engine::MariaDb {
        // The mysql dialect drops a check as Alembic's MySQL does (`DROP
        // CHECK`), which MariaDB does not accept (Alembic's MariaDB dialect
        // writes DROP CONSTRAINT): left out here until the dialect has it.
        r4_without_check = revisions[3].1.replace(
            "  - create_check_constraint",
            "  # - create_check_constraint",
        );
        revisions[3].1 = &r4_without_check;
    }
    let project = support::project(&revisions);
    let dialect = engine.dialect();
    db.run_ok(&sql(project.path(), "upgrade", "r1", dialect));
    db.run_ok("INSERT INTO parents (id, name) VALUES (1, 'one'), (2, 'two')");
    db.run_ok(
        "INSERT INTO children (id, parent_id, note, qty) VALUES (10, 1, 'a', 3), (11, 2, 'b', 4)",
    );
    for window in ["r1", "r2", "r3", "r4", "r5", "r6", "r7"].windows(2) {
        let (parent, revision) = (window[0], window[1]);
        let before = dump(db.as_ref());
        db.run_ok(&sql(
            project.path(),
            "upgrade",
            &format!("{parent}:{revision}"),
            dialect,
        ));
        let after = dump(db.as_ref());
        assert_ne!(before, after, "{revision} changes the schema on {dialect}");
        db.run_ok(&sql(
            project.path(),
            "downgrade",
            &format!("{revision}:{parent}"),
            dialect,
        ));
        assert_eq!(
            dump(db.as_ref()),
            before,
            "{revision}'s automatic downgrade restores the schema on {dialect}"
        );
        assert_eq!(db.version_rows(), [parent]);
        db.run_ok(&sql(
            project.path(),
            "upgrade",
            &format!("{parent}:{revision}"),
            dialect,
        ));
    }
    db.run_ok(&sql(project.path(), "downgrade", "r7:base", dialect));
    db.run_ok("DROP TABLE alembic_version;");
    let empty = engine.fresh_database().map(|fresh| dump(fresh.as_ref()));
    assert_eq!(
        Some(dump(db.as_ref())),
        empty,
        "everything is gone at base on {dialect}"
    );
}

fn rows(db: &dyn TestDatabase, sql: &str) -> Vec<Vec<Option<String>>> {
    db.query(sql)
}

#[test]
fn sqlite_table_rebuilds_keep_every_row() {
    let Some(db) = Engine::Sqlite.fresh_database() else {
        return;
    };
    let project = support::project(REVISIONS);
    db.run_ok(&sql(project.path(), "upgrade", "r2", "sqlite"));
    db.run_ok("INSERT INTO parents (id, name, kind) VALUES (1, 'one', 'big'), (2, 'two', NULL)");
    db.run_ok(
        "INSERT INTO children (id, parent_id, note, qty, flag) VALUES \
         (10, 1, 'a', 3, 1), (11, 2, 'b', 4, 0), (12, 2, 'c', 0, 1)",
    );
    let children = "SELECT id, parent_id, note, qty FROM children ORDER BY id";
    let expected = rows(db.as_ref(), children);
    // r3 (alter type, nullability, defaults) and r4 (foreign key, check) rebuild.
    let r3 = sql(project.path(), "upgrade", "r2:r3", "sqlite");
    assert!(r3.contains("CREATE TABLE _alembic_tmp_children"), "{r3}");
    db.run_ok(&r3);
    db.run_ok(&sql(project.path(), "upgrade", "r3:r4", "sqlite"));
    assert_eq!(rows(db.as_ref(), children), expected);
    assert_eq!(
        rows(db.as_ref(), "SELECT id, size FROM parents ORDER BY id"),
        [
            vec![Some("1".into()), Some("big".into())],
            vec![Some("2".into()), None]
        ]
    );
    // The rebuilt table has its new constraints and its indexes.
    let indexes = rows(
        db.as_ref(),
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'children' ORDER BY name",
    );
    assert_eq!(
        indexes,
        [
            vec![Some("ix_children_note".into())],
            vec![Some("ix_children_qty".into())]
        ]
    );
    assert!(db
        .run_script("INSERT INTO children (id, parent_id, note, qty) VALUES (13, 1, 'x', -1);")
        .is_err_and(|e| e.contains("ck_children_qty")));
    db.run_ok("PRAGMA foreign_keys = ON; DELETE FROM parents WHERE id = 2;");
    assert_eq!(
        rows(db.as_ref(), "SELECT id FROM children ORDER BY id"),
        [vec![Some("10".into())]]
    );
    // And back down through the derived downgrades, rebuilding again.
    db.run_ok(&sql(project.path(), "downgrade", "r4:r2", "sqlite"));
    assert_eq!(
        rows(
            db.as_ref(),
            "SELECT id, parent_id, note, qty, flag FROM children"
        ),
        [vec![
            Some("10".into()),
            Some("1".into()),
            Some("a".into()),
            Some("3".into()),
            Some("1".into())
        ]]
    );
}

#[test]
fn a_rebuild_casts_a_column_whose_type_changes_kind() {
    let Some(db) = Engine::Sqlite.fresh_database() else {
        return;
    };
    let revisions = [
        REVISIONS[0],
        (
            "revisions/r2.yaml",
            "revision: r2
down_revision: r1
message: text quantities
upgrade:
  - alter_column: {table: children, column: qty, type: String(10)}
",
        ),
    ];
    let project = support::project(&revisions);
    db.run_ok(&sql(project.path(), "upgrade", "r1", "sqlite"));
    db.run_ok("INSERT INTO parents (id, name) VALUES (1, 'one')");
    db.run_ok("INSERT INTO children (id, parent_id, qty) VALUES (10, 1, 42)");
    let up = sql(project.path(), "upgrade", "r1:r2", "sqlite");
    assert!(up.contains("CAST(children.qty AS VARCHAR(10))"), "{up}");
    db.run_ok(&up);
    assert_eq!(
        rows(db.as_ref(), "SELECT typeof(qty), qty FROM children"),
        [vec![Some("text".into()), Some("42".into())]]
    );
    db.run_ok(&sql(project.path(), "downgrade", "r2:r1", "sqlite"));
    assert_eq!(
        rows(db.as_ref(), "SELECT typeof(qty), qty FROM children"),
        [vec![Some("integer".into()), Some("42".into())]]
    );
}

per_engine!(schema_head_builds_what_the_migration_builds);

fn schema_head_builds_what_the_migration_builds(engine: Engine) {
    let (Some(migrated), Some(created)) = (engine.fresh_database(), engine.fresh_database()) else {
        return;
    };
    let example = support::repo_root();
    migrated.run_ok(&sql(&example, "upgrade", "heads", engine.dialect()));
    migrated.run_ok("DROP TABLE alembic_version;");
    let output = support::retort()
        .args([
            "schema",
            "heads",
            "--dialect",
            engine.dialect(),
            "--project",
        ])
        .arg(&example)
        .output()
        .expect("retort runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    created.run_ok(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(dump(created.as_ref()), dump(migrated.as_ref()));
}

/// Unnamed constraints named by PostgreSQL, then their table and a column
/// renamed (warehouse's `blacklist`, now `prohibited_project_names`): the
/// engine keeps the names it gave, and `retort schema` writes them.
/// (MariaDB renames a `<table>_ibfk_<n>` key with its table, which the
/// model does not follow yet.)
#[test]
fn schema_keeps_the_names_postgresql_gave_before_a_rename() {
    let engine = Engine::Postgres;
    let (Some(migrated), Some(created)) = (engine.fresh_database(), engine.fresh_database()) else {
        return;
    };
    let project = support::project(&[
        (
            "revisions/r1.yaml",
            "revision: r1\ndown_revision: null\nupgrade:\n\
             - create_table:\n    name: users\n    columns:\n    - {name: id, type: Integer, primary_key: true}\n\
             - create_table:\n    name: blacklist\n    columns:\n\
             \x20   - {name: id, type: Integer, nullable: false, autoincrement: false}\n\
             \x20   - {name: name, type: String(50), nullable: false}\n\
             \x20   - {name: blacklisted_by, type: Integer}\n\
             \x20   constraints:\n\
             \x20   - primary_key: {columns: [id]}\n\
             \x20   - unique: {columns: [name]}\n\
             \x20   - foreign_key: {columns: [blacklisted_by], ref_table: users, ref_columns: [id]}\n",
        ),
        (
            "revisions/r2.yaml",
            "revision: r2\ndown_revision: r1\nupgrade:\n\
             - alter_column: {table: blacklist, column: blacklisted_by, new_name: prohibited_by, existing_type: Integer}\n\
             - rename_table: {old: blacklist, new: prohibited_project_names}\n",
        ),
    ]);
    migrated.run_ok(&sql(project.path(), "upgrade", "heads", engine.dialect()));
    migrated.run_ok("DROP TABLE alembic_version;");
    let output = support::retort()
        .args([
            "schema",
            "heads",
            "--dialect",
            engine.dialect(),
            "--project",
        ])
        .arg(project.path())
        .output()
        .expect("retort runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    created.run_ok(&String::from_utf8_lossy(&output.stdout));
    assert_eq!(dump(created.as_ref()), dump(migrated.as_ref()));
}
