//! What each engine drops with a dropped column (issue 16, point 3), as
//! `drop_column_takes:` in its `dialect.yaml` says: the test projects
//! `drop_column_takes_postgresql` and `drop_column_takes_mysql` (MariaDB)
//! drop columns that indexes and constraints use, and the engine's catalog
//! is read after the upgrade and after the downgrade (derived on
//! PostgreSQL), which only restores the catalog if retort's model knew what
//! went. What the engines refuse is run on them as raw SQL and must fail,
//! as retort refuses it at compile time (`schema::tests`).

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
        _ => {
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
        _ => (
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

/// Drops the engine refuses, each after a setup that the statement follows.
fn refused(engine: Engine) -> &'static [(&'static str, &'static str)] {
    match engine {
        // A column another table's foreign key references.
        Engine::Postgres => &[("", "ALTER TABLE accounts DROP COLUMN id")],
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
        Engine::Postgres => "drop_column_takes_postgresql",
        _ => "drop_column_takes_mysql",
    });
    if engine == Engine::Sqlite {
        // SQLite has no drop_column_takes: retort refuses such a drop.
        let refused = retort_sql(&project, "sqlite", &["upgrade", "d1:d2"]);
        assert!(!refused.success(), "{refused:?}");
        assert!(
            refused.stderr.contains("is still used by"),
            "{}",
            refused.stderr
        );
        return;
    }
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
    assert_eq!(catalog(&*db), after_d1);
    for (setup, statement) in refused(engine) {
        if !setup.is_empty() {
            db.run_ok(setup);
        }
        let outcome = db.run_script(&format!("{statement};"));
        assert!(outcome.is_err(), "the engine accepted {statement}");
    }
}
