//! MariaDB's own indexes for foreign keys (`own_index` of `foreign_keys` in
//! dialect.yaml): the catalog after each step is what retort's model says
//! (the names of `schema::fk_indexes`' unit tests), and dropping the index
//! or primary key a foreign key uses, as a derived downgrade does, runs:
//! the foreign key goes with it and comes back. Without that, the engine
//! refuses the drop (error 1553, errno 150), shown here on raw SQL.

use crate::support;
use support::alembic::retort_sql;
use support::engines::{require_mariadb, TestDatabase};

const SETUP: &str = "revision: f1
down_revision: null
message: setup
upgrade:
  - create_table:
      name: parent
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
  - create_table:
      name: child
      columns:
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
        - {name: a, type: Integer, foreign_key: {table: parent, column: id, name: fk_child_a}}
        - {name: b, type: Integer}
  - create_table:
      name: pair
      columns:
        - {name: a, type: Integer, primary_key: true, autoincrement: false}
        - {name: id, type: Integer, primary_key: true, autoincrement: false}
      constraints:
        - foreign_key: {columns: [a], ref_table: parent, ref_columns: [id], name: fk_pair_a}
";

const INDEXES: &str = "revision: f2
down_revision: f1
message: indexes over the foreign keys
upgrade:
  - create_index: {name: ix_child_a, table: child, columns: [a]}
  - create_foreign_key: {name: null, source_table: child, referent_table: parent, local_cols: [b], remote_cols: [id]}
  - create_index: {name: ix_child_b, table: child, columns: [b, a]}
  - drop_constraint: {name: null, table: pair, type: primary}
";

/// The indexes of `child` and `pair`, as `table index (columns)`.
fn indexes(db: &dyn TestDatabase) -> Vec<String> {
    let mut rows: Vec<String> = db
        .query(
            "SELECT CONCAT(table_name, ' ', index_name, ' (', \
             GROUP_CONCAT(column_name ORDER BY seq_in_index), ')') \
             FROM information_schema.statistics WHERE table_schema = DATABASE() \
             AND table_name IN ('child', 'pair') GROUP BY table_name, index_name",
        )
        .into_iter()
        .map(|row| row.into_iter().next().flatten().unwrap_or_default())
        .collect();
    rows.sort();
    rows
}

fn sorted(rows: &[&str]) -> Vec<String> {
    let mut rows: Vec<String> = rows.iter().map(|r| (*r).to_owned()).collect();
    rows.sort();
    rows
}

#[test]
fn mariadb_foreign_key_indexes_follow_the_model() {
    let Some(server) = require_mariadb() else {
        return;
    };
    let db = server.create_database();
    let project = support::project(&[("revisions/f1.yaml", SETUP), ("revisions/f2.yaml", INDEXES)]);
    let script = |args: &[&str]| {
        retort_sql(project.path(), "mysql", args)
            .expect_success()
            .stdout
    };
    let after_f1 = sorted(&[
        "child PRIMARY (id)",
        "child fk_child_a (a)",
        "pair PRIMARY (a,id)",
    ]);
    let after_f2 = sorted(&[
        "child PRIMARY (id)",
        "child ix_child_a (a)",
        "child ix_child_b (b,a)",
        "pair fk_pair_a (a)",
    ]);
    // Back at f1: the foreign keys came back with indexes named after them,
    // and the one on `b` left its index when it went.
    let back_at_f1 = sorted(&[
        "child PRIMARY (id)",
        "child child_ibfk_1 (b)",
        "child fk_child_a (a)",
        "pair PRIMARY (a,id)",
    ]);
    db.run_ok(&script(&["upgrade", "f1"]));
    assert_eq!(indexes(&db), after_f1);
    db.run_ok(&script(&["upgrade", "f1:f2"]));
    assert_eq!(indexes(&db), after_f2);
    db.run_ok(&script(&["downgrade", "f2:f1"]));
    assert_eq!(indexes(&db), back_at_f1);
    db.run_ok(&script(&["upgrade", "f1:f2"]));
    assert_eq!(indexes(&db), after_f2, "up, down, up: the same indexes");
}

#[test]
fn mariadb_refuses_to_drop_the_index_a_foreign_key_uses() {
    let Some(server) = require_mariadb() else {
        return;
    };
    let db = server.create_database();
    db.run_ok(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY); \
         CREATE TABLE child (id INTEGER PRIMARY KEY, a INTEGER, \
         CONSTRAINT fk_child_a FOREIGN KEY (a) REFERENCES parent (id)); \
         CREATE INDEX ix_child_a ON child (a); \
         CREATE TABLE pair (a INTEGER, id INTEGER, PRIMARY KEY (a, id), \
         CONSTRAINT fk_pair_a FOREIGN KEY (a) REFERENCES parent (id));",
    );
    assert!(db.run_script("DROP INDEX ix_child_a ON child;").is_err());
    assert!(db.run_script("ALTER TABLE pair DROP PRIMARY KEY;").is_err());
}
