//! What each engine drops with a dropped column (issue 16, point 3), as
//! `drop_column_takes:` in its `dialect.yaml` says: the test projects
//! `drop_column_takes_postgresql` and `drop_column_takes_mysql` (MariaDB)
//! drop columns that indexes and constraints use, and the engine's catalog
//! is read after the upgrade and after the downgrade (derived on
//! PostgreSQL), which only restores the catalog if retort's model knew what
//! went. What the engines refuse is run on them as raw SQL and must fail,
//! as retort refuses it at compile time (`schema::tests`). SQLite's DROP
//! COLUMN refuses a column that anything uses: retort drops such a column by
//! a rebuild that leaves out what uses it, as PostgreSQL does, so SQLite
//! runs the PostgreSQL project and its catalog (`sqlite_master`, the
//! table's SQL) is read the same way.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine, TestDatabase};
use support::scripts::test_project;

/// Every index and constraint of the project's tables, as (kind or table, name, columns).
fn catalog(db: &dyn TestDatabase) -> Vec<String> {
    let sql = match db.engine() {
        Engine::Postgres => {
            "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname FROM pg_constraint \
             WHERE connamespace = 'public'::regnamespace \
             AND conrelid::regclass::text <> 'alembic_version' \
             UNION ALL SELECT 'index ' || tablename || ' ' || indexname FROM pg_indexes \
             WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
        }
        Engine::Sqlite => {
            "SELECT type || ' ' || name || ' ' || \
             replace(replace(coalesce(sql, ''), char(10), ' '), '    ', '') FROM sqlite_master \
             WHERE tbl_name IN ('accounts', 'items')"
        }
        Engine::MariaDb => {
            "SELECT CONCAT('index ', index_name, ' (', \
             GROUP_CONCAT(column_name ORDER BY seq_in_index), ')') \
             FROM information_schema.statistics \
             WHERE table_schema = DATABASE() AND table_name = 'items' GROUP BY index_name \
             UNION ALL SELECT CONCAT(constraint_type, ' ', constraint_name) \
             FROM information_schema.table_constraints \
             WHERE table_schema = DATABASE() AND table_name = 'items'"
        }
    };
    let mut rows: Vec<String> = db
        .query(sql)
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

/// The catalog after d1 and after d2.
fn expected(engine: Engine) -> (Vec<String>, Vec<String>) {
    match engine {
        Engine::Postgres => (
            sorted(&[
                "constraint accounts accounts_pkey",
                "constraint items ck_items_size_weight",
                "constraint items items_note_code_key",
                "constraint items items_owner_id_fkey",
                "constraint items items_pkey",
                "constraint items items_size_check",
                "index accounts accounts_pkey",
                "index items items_note_code_key",
                "index items items_pkey",
                "index items ix_items_code",
                "index items ix_items_code_size",
            ]),
            sorted(&[
                "constraint accounts accounts_pkey",
                "constraint items items_pkey",
                "index accounts accounts_pkey",
                "index items items_pkey",
                "index items ix_items_code",
            ]),
        ),
        Engine::Sqlite => (
            sorted(&[
                "index ix_items_code CREATE INDEX ix_items_code ON items (code)",
                "index ix_items_code_size CREATE INDEX ix_items_code_size ON items (code, size)",
                "index sqlite_autoindex_items_1 ",
                "table accounts CREATE TABLE accounts ( id INTEGER NOT NULL,  PRIMARY KEY (id) )",
                "table items CREATE TABLE items ( id INTEGER NOT NULL,  owner_id INTEGER,  \
                 code VARCHAR(20) NOT NULL,  size INTEGER,  weight INTEGER,  note VARCHAR(50),  \
                 PRIMARY KEY (id),  CHECK (size > 0),  \
                 CONSTRAINT ck_items_size_weight CHECK (size < weight),  UNIQUE (note, code),  \
                 FOREIGN KEY(owner_id) REFERENCES accounts (id) )",
            ]),
            sorted(&[
                "index ix_items_code CREATE INDEX ix_items_code ON items (code)",
                "table accounts CREATE TABLE accounts ( id INTEGER NOT NULL,  PRIMARY KEY (id) )",
                "table items CREATE TABLE \"items\" ( id INTEGER NOT NULL,  code VARCHAR(20) NOT NULL,  \
                 weight INTEGER,  PRIMARY KEY (id) )",
            ]),
        ),
        Engine::MariaDb => (
            sorted(&[
                "CHECK CONSTRAINT_1",
                "PRIMARY KEY PRIMARY",
                "UNIQUE note",
                "index PRIMARY (id)",
                "index ix_items_code (code)",
                "index ix_items_code_size (code,size)",
                "index ix_items_note (note)",
                "index note (note)",
            ]),
            sorted(&[
                "PRIMARY KEY PRIMARY",
                "index PRIMARY (id)",
                "index ix_items_code (code)",
                "index ix_items_code_size (code)",
            ]),
        ),
    }
}

/// The catalog after d2's derived downgrade: as after d1, but on SQLite,
/// whose catalog keeps the table's SQL, the columns come back at the end
/// (as everywhere) and the constraints after the key and unique.
fn after_downgrade(engine: Engine, after_d1: Vec<String>) -> Vec<String> {
    if engine != Engine::Sqlite {
        return after_d1;
    }
    let mut rows: Vec<String> = after_d1
        .into_iter()
        .filter(|row| !row.starts_with("table items "))
        .collect();
    rows.push(
        "table items CREATE TABLE \"items\" ( id INTEGER NOT NULL,  code VARCHAR(20) NOT NULL,  \
         weight INTEGER,  note VARCHAR(50),  owner_id INTEGER,  size INTEGER,  PRIMARY KEY (id),  \
         UNIQUE (note, code),  FOREIGN KEY(owner_id) REFERENCES accounts (id),  CHECK (size > 0),  \
         CONSTRAINT ck_items_size_weight CHECK (size < weight) )"
            .to_owned(),
    );
    rows.sort();
    rows
}

/// Drops the engine refuses, each after a setup that the statement follows.
fn refused(engine: Engine) -> &'static [(&'static str, &'static str)] {
    match engine {
        // A column another table's foreign key references.
        Engine::Postgres => &[("", "ALTER TABLE accounts DROP COLUMN id")],
        // A column an index uses (retort rebuilds the table instead).
        Engine::Sqlite => &[("", "ALTER TABLE items DROP COLUMN code")],
        _ => &[
            // A column a foreign key uses.
            (
                "CREATE TABLE r_parent (id INTEGER PRIMARY KEY); \
                 CREATE TABLE r_child (id INTEGER PRIMARY KEY, parent_id INTEGER, \
                 a INTEGER, b INTEGER, FOREIGN KEY (parent_id) REFERENCES r_parent (id), \
                 CHECK (a < b));",
                "ALTER TABLE r_child DROP COLUMN parent_id",
            ),
            // A column a check names with another.
            ("", "ALTER TABLE r_child DROP COLUMN a"),
            // A column of a multi-column unique key, and of a primary key.
            (
                "CREATE TABLE r_keys (id INTEGER, a INTEGER, b INTEGER, \
                 PRIMARY KEY (id, a), UNIQUE (a, b));",
                "ALTER TABLE r_keys DROP COLUMN b",
            ),
            ("", "ALTER TABLE r_keys DROP COLUMN id"),
        ],
    }
}

per_engine! {
    dropped_columns_take_what_the_engine_drops,
}

fn dropped_columns_take_what_the_engine_drops(engine: Engine) {
    let project = test_project(match engine {
        Engine::Postgres | Engine::Sqlite => "drop_column_takes_postgresql",
        Engine::MariaDb => "drop_column_takes_mysql",
    });
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let script = |args: &[&str]| {
        retort_sql(&project, engine.dialect(), args)
            .expect_success()
            .stdout
    };
    let (after_d1, after_d2) = expected(engine);
    db.run_ok(&script(&["upgrade", "d1"]));
    assert_eq!(catalog(&*db), after_d1);
    db.run_ok(&script(&["upgrade", "d1:d2"]));
    assert_eq!(catalog(&*db), after_d2);
    db.run_ok(&script(&["downgrade", "d2:d1"]));
    assert_eq!(catalog(&*db), after_downgrade(engine, after_d1));
    for (setup, statement) in refused(engine) {
        if !setup.is_empty() {
            db.run_ok(setup);
        }
        let outcome = db.run_script(&format!("{statement};"));
        assert!(outcome.is_err(), "the engine accepted {statement}");
    }
}
