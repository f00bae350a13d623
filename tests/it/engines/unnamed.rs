//! Constraints created without a name get the name each engine gives them,
//! and the schema model knows it (issue 16): the test projects
//! `unnamed_constraints_postgresql` and `unnamed_constraints_mysql`
//! (MariaDB) create them unnamed (u1, u2), the engine's catalog is read back,
//! and u3 drops every one by the name the catalog shows, which retort only
//! compiles if its model gave the same name; u4's derived downgrade drops
//! unnamed constraints by the engine's name.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine};
use support::scripts::test_project;

/// What one engine names the constraints of its project.
struct Naming {
    project: &'static str,
    /// Every constraint name of the tables after u2, as (table, name), sorted.
    catalog: &'static str,
}

const LONG_TABLE: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

fn naming(engine: Engine) -> Naming {
    match engine {
        Engine::Postgres => Naming {
            project: "unnamed_constraints_postgresql",
            catalog: "SELECT conrelid::regclass::text, conname FROM pg_constraint \
                      WHERE connamespace = 'public'::regnamespace \
                      AND conrelid::regclass::text <> 'alembic_version'",
        },
        Engine::MariaDb | Engine::Sqlite => Naming {
            project: "unnamed_constraints_mysql",
            catalog:
                "SELECT table_name, constraint_name FROM information_schema.table_constraints \
                      WHERE table_schema = DATABASE() AND table_name <> 'alembic_version' \
                     ",
        },
    }
}

/// The names the catalog should show after u2, as (table, name).
fn expected(engine: Engine) -> Vec<(String, String)> {
    let long_key = format!("{}_cc_{}_key", "a".repeat(29), "b".repeat(26));
    let rows: Vec<(&str, &str)> = match engine {
        Engine::Postgres => vec![
            (LONG_TABLE, long_key.as_str()),
            ("accounts", "accounts_age_check"),
            ("accounts", "accounts_email_key"),
            ("accounts", "accounts_pkey"),
            ("emails", "emails_pkey"),
            ("emails", "emails_user_id_address_key"),
            ("emails", "emails_user_id_address_key1"),
            ("emails", "emails_user_id_fkey"),
            ("tags", "tags_label_check"),
            ("tags", "tags_label_key"),
            ("tags", "tags_owner_id_fkey"),
            ("tags", "tags_pkey"),
        ],
        _ => vec![
            ("accounts", "CONSTRAINT_1"),
            ("accounts", "email"),
            ("accounts", "PRIMARY"),
            ("emails", "emails_ibfk_1"),
            ("emails", "PRIMARY"),
            ("emails", "user_id"),
            ("emails", "user_id_2"),
            ("tags", "CONSTRAINT_1"),
            ("tags", "label"),
            ("tags", "PRIMARY"),
            ("tags", "tags_ibfk_1"),
        ],
    };
    let mut rows: Vec<(String, String)> = rows
        .into_iter()
        .map(|(t, n)| (t.to_owned(), n.to_owned()))
        .collect();
    rows.sort();
    rows
}

fn catalog_names(db: &dyn support::engines::TestDatabase, sql: &str) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = db
        .query(sql)
        .into_iter()
        .map(|row| {
            let text = |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
            (text(0), text(1))
        })
        .collect();
    // Sorted here: the engines' collations order case differently.
    names.sort();
    names
}

per_engine! {
    unnamed_constraints_get_the_engines_names,
    keys_on_the_primary_key_columns_stay,
    a_self_reference_to_a_unique_index_is_created_again,
}

fn unnamed_constraints_get_the_engines_names(engine: Engine) {
    let naming = naming(engine);
    let project = test_project(naming.project);
    if engine == Engine::Sqlite {
        // SQLite keeps no name: a drop by any name is refused at compile time.
        let refused = retort_sql(&project, "sqlite", &["upgrade", "u2:u3"]);
        assert!(!refused.success(), "{refused:?}");
        assert!(
            refused
                .stderr
                .contains("SQLite keeps no name for a constraint created without one"),
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
    db.run_ok(&script(&["upgrade", "u2"]));
    assert_eq!(catalog_names(&*db, naming.catalog), expected(engine));
    // Every one dropped by its engine name (u3); unnamed ones created and
    // one dropped by its columns, with the derived downgrade (u4); then all
    // back down to u2, where the constraints were created unnamed again.
    db.run_ok(&script(&["upgrade", "u2:u4"]));
    db.run_ok(&script(&["downgrade", "u4:u2"]));
    assert_eq!(catalog_names(&*db, naming.catalog), expected(engine));
    db.run_ok(&script(&["downgrade", "u2:base"]));
}

/// The table of [`keys_on_the_primary_key_columns_stay`]: two unique keys
/// on the primary key's column, which PostgreSQL's CREATE TABLE would leave
/// out; k2 drops the table, its derived downgrade creates it again.
const KEYED: &[(&str, &str)] = &[
    (
        "revisions/k1.yaml",
        "revision: k1\ndown_revision: null\nmessage: keyed\nupgrade:\n\
         - create_table: {name: keyed, columns: [{name: id, type: Integer, primary_key: true, unique: true}], \
         constraints: [{unique: {name: uq_keyed_id, columns: [id]}}]}\n",
    ),
    (
        "revisions/k2.yaml",
        "revision: k2\ndown_revision: k1\nmessage: drops\nupgrade:\n\
         - drop_table: keyed\n",
    ),
];

/// PostgreSQL's CREATE TABLE leaves out a UNIQUE on the primary key's
/// columns (or an earlier unique's); the model keeps every key the revision
/// wrote, so retort adds those after the table, and drops them by name.
fn keys_on_the_primary_key_columns_stay(engine: Engine) {
    if engine != Engine::Postgres {
        return;
    }
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let catalog = "SELECT conrelid::regclass::text, conname FROM pg_constraint \
                   WHERE conrelid::regclass::text IN ('hand', 'keyed')";
    db.run_ok(
        "CREATE TABLE hand (id INTEGER PRIMARY KEY, UNIQUE (id), CONSTRAINT uq_hand UNIQUE (id));",
    );
    let names = |rows: &[(&str, &str)]| -> Vec<(String, String)> {
        rows.iter()
            .map(|(t, n)| ((*t).to_owned(), (*n).to_owned()))
            .collect()
    };
    assert_eq!(
        catalog_names(&*db, catalog),
        names(&[("hand", "uq_hand")]),
        "PostgreSQL's CREATE TABLE leaves out the unique keys on the primary key's \
         column, and its unnamed primary key takes the name of a named one"
    );
    let project = support::project(KEYED);
    let script = |args: &[&str]| {
        retort_sql(project.path(), engine.dialect(), args)
            .expect_success()
            .stdout
    };
    db.run_ok(&script(&["upgrade", "k1"]));
    let keyed = names(&[
        ("hand", "uq_hand"),
        ("keyed", "keyed_id_key"),
        ("keyed", "keyed_pkey"),
        ("keyed", "uq_keyed_id"),
    ]);
    assert_eq!(catalog_names(&*db, catalog), keyed);
    db.run_ok(&script(&["upgrade", "k1:k2"]));
    db.run_ok(&script(&["downgrade", "k2:k1"]));
    assert_eq!(catalog_names(&*db, catalog), keyed);
}

/// s1 makes a foreign key of `selfy` to its own column `code`, whose key is
/// a unique index; s2 drops the table, its derived downgrade creates it again.
const SELFY: &[(&str, &str)] = &[
    (
        "revisions/s1.yaml",
        "revision: s1\ndown_revision: null\nmessage: selfy\nupgrade:\n\
         - create_table: {name: selfy, columns: [{name: id, type: Integer, primary_key: true}, {name: code, type: Integer}]}\n\
         - create_index: {name: ix_selfy_code, table: selfy, columns: [code], unique: true}\n\
         - create_foreign_key: {name: fk_selfy_code, source_table: selfy, referent_table: selfy, local_cols: [code], remote_cols: [code]}\n",
    ),
    (
        "revisions/s2.yaml",
        "revision: s2\ndown_revision: s1\nmessage: drops\nupgrade:\n- drop_table: selfy\n",
    ),
];

/// PostgreSQL checks a foreign key's target when the key is created: inside
/// CREATE TABLE, a unique index made after it is not there yet. A table
/// created again (a derived downgrade) adds such a key after its indexes.
fn a_self_reference_to_a_unique_index_is_created_again(engine: Engine) {
    if engine != Engine::Postgres {
        return;
    }
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let refused = db.run_script(
        "CREATE TABLE hand (id INTEGER PRIMARY KEY, code INTEGER, \
         FOREIGN KEY (code) REFERENCES hand (code)); \
         CREATE UNIQUE INDEX ix_hand_code ON hand (code);",
    );
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.contains("no unique constraint matching")),
        "{refused:?}"
    );
    let project = support::project(SELFY);
    let script = |args: &[&str]| {
        retort_sql(project.path(), engine.dialect(), args)
            .expect_success()
            .stdout
    };
    db.run_ok(&script(&["upgrade", "s1"]));
    let dump = db.schema_dump();
    db.run_ok(&script(&["upgrade", "s1:s2"]));
    db.run_ok(&script(&["downgrade", "s2:s1"]));
    assert_eq!(db.schema_dump(), dump);
}
