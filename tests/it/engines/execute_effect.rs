//! `execute`'s `effect:` (issue 16, point 4): raw SQL changes the schema, the
//! revision says how, and the later ops that depend on it compile and run.
//! The test project `execute_effect` creates an index and a table by raw SQL
//! and then drops and alters them with ordinary ops, on every engine;
//! `execute_effect_postgresql` is pypi/warehouse's primary key dropped with
//! `CASCADE`, followed by a new primary key and the foreign key again. The
//! engine's catalog is read after each step and after the derived downgrades
//! (each `execute` has a `reverse:`, its effect inverted by the model).

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine, TestDatabase};
use support::scripts::test_project;

/// The first column of each row of `sql`, sorted.
fn column(db: &dyn TestDatabase, sql: &str) -> Vec<String> {
    let mut rows: Vec<String> = db
        .query(sql)
        .into_iter()
        .map(|row| row.into_iter().next().flatten().unwrap_or_default())
        .collect();
    rows.sort();
    rows
}

/// The indexes of `releases` and the columns of `audit_log`, as
/// `index NAME` and `column NAME`.
fn catalog(db: &dyn TestDatabase) -> Vec<String> {
    let (indexes, columns) = match db.engine() {
        Engine::Postgres => (
            "SELECT 'index ' || indexname FROM pg_indexes \
             WHERE schemaname = 'public' AND tablename = 'releases'",
            "SELECT 'column ' || column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name = 'audit_log'",
        ),
        Engine::MariaDb => (
            "SELECT DISTINCT CONCAT('index ', index_name) FROM information_schema.statistics \
             WHERE table_schema = DATABASE() AND table_name = 'releases'",
            "SELECT CONCAT('column ', column_name) FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name = 'audit_log'",
        ),
        Engine::Sqlite => (
            "SELECT 'index ' || name FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = 'releases'",
            "SELECT 'column ' || name FROM pragma_table_info('audit_log')",
        ),
    };
    let mut rows = column(db, indexes);
    rows.extend(column(db, columns));
    rows.retain(|row| !row.contains("PRIMARY") && !row.contains("pkey"));
    rows
}

per_engine! {
    later_ops_compile_on_what_raw_sql_did,
}

fn later_ops_compile_on_what_raw_sql_did(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = test_project("execute_effect");
    let script = |args: &[&str]| {
        retort_sql(&project, engine.dialect(), args)
            .expect_success()
            .stdout
    };
    db.run_ok(&script(&["upgrade", "e1"]));
    assert_eq!(catalog(&*db), Vec::<String>::new(), "{engine:?}");
    db.run_ok(&script(&["upgrade", "e1:e2"]));
    let after_e2 = ["index ix_releases_version", "column id", "column note"];
    assert_eq!(catalog(&*db), after_e2, "{engine:?}");
    db.run_ok(&script(&["upgrade", "e2:e3"]));
    assert_eq!(
        catalog(&*db),
        ["column author", "column id", "column note"],
        "{engine:?}"
    );
    db.run_ok(&script(&["downgrade", "e3:e2"]));
    assert_eq!(catalog(&*db), after_e2, "{engine:?}");
    db.run_ok(&script(&["downgrade", "e2:e1"]));
    assert_eq!(catalog(&*db), Vec::<String>::new(), "{engine:?}");
    assert_eq!(db.version_rows(), ["e1"], "{engine:?}");
}

/// Every constraint of `packages` and `releases`, as `table name`.
fn constraints(db: &dyn TestDatabase) -> Vec<String> {
    column(
        db,
        "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) \
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace \
         AND conrelid::regclass::text IN ('packages', 'releases')",
    )
}

#[test]
fn a_cascading_drop_told_by_effect_is_followed_by_the_ops_it_allows() {
    let Some(db) = Engine::Postgres.fresh_database() else {
        return;
    };
    let project = test_project("execute_effect_postgresql");
    let script = |args: &[&str]| {
        retort_sql(&project, "postgresql", args)
            .expect_success()
            .stdout
    };
    db.run_ok(&script(&["upgrade", "p1"]));
    let after_p1 = [
        "packages packages_pkey PRIMARY KEY (name)",
        "releases releases_package_name_fkey FOREIGN KEY (package_name) REFERENCES packages(name)",
        "releases releases_pkey PRIMARY KEY (id)",
    ];
    assert_eq!(constraints(&*db), after_p1);
    db.run_ok(&script(&["upgrade", "p1:p2"]));
    assert_eq!(
        constraints(&*db),
        [
            "packages packages_name_key UNIQUE (name)",
            "packages packages_pkey PRIMARY KEY (id)",
            "releases releases_package_name_fkey FOREIGN KEY (package_name) REFERENCES packages(name)",
            "releases releases_pkey PRIMARY KEY (id)",
        ]
    );
    db.run_ok(&script(&["downgrade", "p2:p1"]));
    assert_eq!(constraints(&*db), after_p1);
}
