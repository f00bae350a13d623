//! The rows a history's `bulk_insert`s wrote, checked by the engine when a
//! NOT NULL, key or foreign key comes (src/schema/known_rows.rs): where
//! retort refuses the op at compile time, the engine refuses the same SQL
//! written by hand over the same rows; where retort compiles it (SQLite does
//! not check foreign keys), the engine runs the script.

use crate::support;
use support::engines::{per_engine, Engine};

/// One op over rows, and the SQL each engine refuses (`None`: it takes it).
struct Case {
    label: &'static str,
    /// Ops of the first revision: the tables and their rows.
    setup_ops: &'static str,
    /// Ops of the revision under test.
    ops: &'static str,
    /// `setup_ops` as SQL every engine runs.
    setup_sql: &'static str,
    postgres: Option<&'static str>,
    mariadb: Option<&'static str>,
    sqlite: Option<&'static str>,
}

const TABLE_WITH_NULL: &str = "
  - create_table:
      name: t
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer}
  - bulk_insert:
      table: t
      rows: [{id: 1, code: 7}, {id: 2, code: null}, {id: 3, code: 7}]";

const TABLE_WITH_NULL_SQL: &str = "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, code INTEGER);
INSERT INTO t (id, code) VALUES (1, 7), (2, NULL), (3, 7);";

const CASES: &[Case] = &[
    Case {
        label: "NOT NULL over a row with NULL",
        setup_ops: TABLE_WITH_NULL,
        ops: "
  - alter_column: {table: t, column: code, nullable: false}",
        setup_sql: TABLE_WITH_NULL_SQL,
        postgres: Some("ALTER TABLE t ALTER COLUMN code SET NOT NULL;"),
        mariadb: Some("ALTER TABLE t MODIFY code INTEGER NOT NULL;"),
        sqlite: Some(
            "CREATE TABLE t2 (id INTEGER NOT NULL PRIMARY KEY, code INTEGER NOT NULL);
INSERT INTO t2 (id, code) SELECT id, code FROM t;",
        ),
    },
    Case {
        label: "a unique constraint over rows that repeat a value",
        setup_ops: TABLE_WITH_NULL,
        ops: "
  - create_unique_constraint: {name: uq_t_code, table: t, columns: [code]}",
        setup_sql: TABLE_WITH_NULL_SQL,
        postgres: Some("ALTER TABLE t ADD CONSTRAINT uq_t_code UNIQUE (code);"),
        mariadb: Some("ALTER TABLE t ADD CONSTRAINT uq_t_code UNIQUE (code);"),
        sqlite: Some("CREATE UNIQUE INDEX uq_t_code ON t (code);"),
    },
    Case {
        label: "a primary key over rows that repeat a value",
        setup_ops: "
  - create_table:
      name: loose
      columns:
        - {name: a, type: Integer, nullable: false}
  - bulk_insert: {table: loose, rows: [{a: 1}, {a: 1}]}",
        ops: "
  - create_primary_key: {name: pk_loose, table: loose, columns: [a]}",
        setup_sql: "CREATE TABLE loose (a INTEGER NOT NULL);
INSERT INTO loose (a) VALUES (1), (1);",
        postgres: Some("ALTER TABLE loose ADD CONSTRAINT pk_loose PRIMARY KEY (a);"),
        mariadb: Some("ALTER TABLE loose ADD CONSTRAINT pk_loose PRIMARY KEY (a);"),
        sqlite: Some(
            "CREATE TABLE loose2 (a INTEGER NOT NULL, CONSTRAINT pk_loose PRIMARY KEY (a));
INSERT INTO loose2 (a) SELECT a FROM loose;",
        ),
    },
    Case {
        label: "a primary key over a row with NULL there",
        setup_ops: "
  - create_table:
      name: loose
      columns:
        - {name: a, type: Integer}
        - {name: b, type: Integer}
  - bulk_insert: {table: loose, rows: [{a: null, b: 1}]}",
        ops: "
  - create_primary_key: {name: pk_loose, table: loose, columns: [a]}",
        setup_sql: "CREATE TABLE loose (a INTEGER, b INTEGER);
INSERT INTO loose (a, b) VALUES (NULL, 1);",
        postgres: Some("ALTER TABLE loose ADD CONSTRAINT pk_loose PRIMARY KEY (a);"),
        mariadb: Some("ALTER TABLE loose ADD CONSTRAINT pk_loose PRIMARY KEY (a);"),
        // A primary key of one INTEGER column is SQLite's row id: the
        // rebuild's copy gives the NULL row a new id.
        sqlite: None,
    },
    Case {
        label: "a bulk_insert row that repeats a unique value",
        setup_ops: "
  - create_table:
      name: u
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: code, type: Integer, unique: true}
  - bulk_insert: {table: u, rows: [{id: 1, code: 5}]}",
        ops: "
  - bulk_insert: {table: u, rows: [{id: 2, code: 5}]}",
        setup_sql: "CREATE TABLE u (id INTEGER NOT NULL PRIMARY KEY, code INTEGER UNIQUE);
INSERT INTO u (id, code) VALUES (1, 5);",
        postgres: Some("INSERT INTO u (id, code) VALUES (2, 5);"),
        mariadb: Some("INSERT INTO u (id, code) VALUES (2, 5);"),
        sqlite: Some("INSERT INTO u (id, code) VALUES (2, 5);"),
    },
    Case {
        label: "a foreign key over a row whose parent is missing",
        setup_ops: "
  - create_table:
      name: parent
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
  - bulk_insert: {table: parent, rows: [{id: 1}]}
  - create_table:
      name: kid
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: parent_id, type: Integer}
  - bulk_insert: {table: kid, rows: [{id: 1, parent_id: 1}, {id: 2, parent_id: 9}]}",
        ops: "
  - create_foreign_key:
      {name: fk_kid_parent, source_table: kid, referent_table: parent,
       local_cols: [parent_id], remote_cols: [id]}",
        setup_sql: "CREATE TABLE parent (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO parent (id) VALUES (1);
CREATE TABLE kid (id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER);
INSERT INTO kid (id, parent_id) VALUES (1, 1), (2, 9);",
        postgres: Some(
            "ALTER TABLE kid ADD CONSTRAINT fk_kid_parent FOREIGN KEY (parent_id) REFERENCES parent (id);",
        ),
        mariadb: Some(
            "ALTER TABLE kid ADD CONSTRAINT fk_kid_parent FOREIGN KEY (parent_id) REFERENCES parent (id);",
        ),
        // SQLite checks foreign keys only under PRAGMA foreign_keys = ON.
        sqlite: None,
    },
    Case {
        label: "after raw SQL the rows are unknown: the engine decides",
        setup_ops: TABLE_WITH_NULL,
        ops: "
  - execute: UPDATE t SET code = 0 WHERE code IS NULL
  - alter_column: {table: t, column: code, nullable: false}",
        setup_sql: TABLE_WITH_NULL_SQL,
        postgres: None,
        mariadb: None,
        sqlite: None,
    },
];

fn rows_are_checked_as_the_engine_checks_them(engine: Engine) {
    for case in CASES {
        let project = support::two_revisions(case.setup_ops, case.ops);
        let output = support::upgrade_head(project.path(), engine.dialect());
        let Some(db) = engine.fresh_database() else {
            return;
        };
        let refused_sql = match engine {
            Engine::Postgres => case.postgres,
            Engine::MariaDb => case.mariadb,
            Engine::Sqlite => case.sqlite,
        };
        let Some(sql) = refused_sql else {
            assert!(output.status.success(), "{}: {output:?}", case.label);
            db.run_ok(&String::from_utf8(output.stdout).expect("UTF-8 script"));
            continue;
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success()
                && stderr.contains("the history's bulk_insert wrote break")
                && stderr.contains("f2.yaml")
                && stderr.contains("Fix:"),
            "{}: retort should refuse on {engine:?}, naming the file and the fix: {stderr}",
            case.label
        );
        db.run_ok(case.setup_sql);
        assert!(
            db.run_script(sql).is_err(),
            "{}: {engine:?} takes what retort refuses:\n{sql}",
            case.label
        );
    }
}

per_engine!(rows_are_checked_as_the_engine_checks_them);
