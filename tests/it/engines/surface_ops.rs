//! tests/projects/alembic_ops and fk_match on the real engines: guarded ops
//! (`if_not_exists`, `if_exists`) leave the schema the model knows whether
//! the object is there or not, each guard retort writes is one the engine
//! takes (and one it lacks is not written), and a foreign key's `match`
//! reaches the catalog where the engine has MATCH; tests/projects/rename_objects:
//! a renamed index and constraints keep working under their new names.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine, TestDatabase};
use support::roundtrip::{check_round_trips, ALEMBIC_OPS, FK_MATCH, RENAME_OBJECTS};
use support::scripts::{test_project, ScriptSource};

per_engine! {
    guarded_ops_round_trips,
    guarded_ops_leave_the_modelled_columns,
    create_table_if_not_exists_keeps_the_known_table,
    guards_as_the_engine_takes_them,
    fk_match_as_the_engine_takes_it,
    renames_round_trip,
    renamed_objects_reach_the_catalog,
}

fn guarded_ops_round_trips(engine: Engine) {
    check_round_trips(engine, &ALEMBIC_OPS);
}

/// The columns of `table`, in order.
fn columns(db: &dyn TestDatabase, engine: Engine, table: &str) -> Vec<Vec<Option<String>>> {
    db.query(&match engine {
        Engine::Postgres => format!(
            "SELECT column_name FROM information_schema.columns \
             WHERE table_name = '{table}' ORDER BY ordinal_position"
        ),
        Engine::MariaDb => format!(
            "SELECT column_name FROM information_schema.columns \
             WHERE table_schema = DATABASE() AND table_name = '{table}' ORDER BY ordinal_position"
        ),
        Engine::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"),
    })
}

/// a2 adds `extra` and drops a constraint and three columns that are there;
/// a3's guarded ops change nothing: the schema stays as the model knows it.
fn guarded_ops_leave_the_modelled_columns(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(ALEMBIC_OPS.project));
    db.run_ok(&scripts.script(engine, &["upgrade", "a2"]));
    let after_a2 = support::rows(&[&[Some("id")], &[Some("parent_id")], &[Some("extra")]]);
    assert_eq!(columns(db.as_ref(), engine, "child"), after_a2);
    let dump = db.schema_dump();
    db.run_ok(&scripts.script(engine, &["upgrade", "a2:a3"]));
    assert_eq!(columns(db.as_ref(), engine, "child"), after_a2);
    assert_eq!(db.schema_dump(), dump, "a3 changed the schema");
    assert!(!dump.contains("uq_child_code"), "{dump}");
}

/// g2 creates `guarded` again with `if_not_exists`, a new indexed and
/// commented column and a table comment: the engine skips CREATE TABLE IF
/// NOT EXISTS, and retort writes none of the statements that would refer to
/// the new column.
const CREATE_TABLE_AGAIN: &[(&str, &str)] = &[
    (
        "revisions/g1.yaml",
        "revision: g1\ndown_revision: null\nmessage: the table\nupgrade:\n\
         - create_table: {name: guarded, columns: [{name: id, type: Integer, primary_key: true}]}\n",
    ),
    (
        "revisions/g2.yaml",
        "revision: g2\ndown_revision: g1\nmessage: again\nupgrade:\n\
         - create_table: {name: guarded, if_not_exists: true, comment: a table, columns: [\
         {name: id, type: Integer, primary_key: true}, \
         {name: c, type: Integer, index: true, comment: a column}]}\n\
         - create_index: {name: ix_guarded_id, table: guarded, columns: [id]}\n",
    ),
];

/// A `create_table` `if_not_exists` of a table the model knows: the table
/// keeps its one column on the engine, up and down, as the model has it.
fn create_table_if_not_exists_keeps_the_known_table(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = support::project(CREATE_TABLE_AGAIN);
    let script = |range: &str, command: &str| {
        let output = support::retort()
            .args([command, range, "--dialect", engine.dialect(), "--project"])
            .arg(project.path())
            .output()
            .expect("retort runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("UTF-8 script")
    };
    db.run_ok(&script("g1", "upgrade"));
    let dump = db.schema_dump();
    let upgrade = script("g1:g2", "upgrade");
    assert!(!upgrade.contains("ix_guarded_c"), "{upgrade}");
    db.run_ok(&upgrade);
    assert_eq!(
        columns(db.as_ref(), engine, "guarded"),
        support::rows(&[&[Some("id")]])
    );
    assert!(
        db.schema_dump().contains("ix_guarded_id"),
        "the later op ran"
    );
    db.run_ok(&script("g2:g1", "downgrade"));
    assert_eq!(db.schema_dump(), dump, "down to g1 is the table of g1");
}

/// What the templates rely on, on the engine itself: PostgreSQL and MariaDB
/// take `ADD COLUMN IF NOT EXISTS` and `DROP COLUMN IF EXISTS` (PostgreSQL
/// also `DROP CONSTRAINT IF EXISTS`), so retort writes them as Alembic does;
/// MariaDB's plain drop of an absent unique key (what Alembic writes for
/// `if_exists`) and SQLite's guarded column ops are refused, so retort writes
/// the plain statement, or nothing where the model knows the op changes
/// nothing.
fn guards_as_the_engine_takes_them(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    db.run_ok("CREATE TABLE probe (id INTEGER PRIMARY KEY, c INTEGER);");
    let add_guarded = "ALTER TABLE probe ADD COLUMN IF NOT EXISTS c INTEGER;";
    let drop_guarded = "ALTER TABLE probe DROP COLUMN IF EXISTS gone;";
    match engine {
        Engine::Postgres => {
            db.run_ok(add_guarded);
            db.run_ok(drop_guarded);
            db.run_ok("ALTER TABLE probe DROP CONSTRAINT IF EXISTS uq_gone;");
        }
        Engine::MariaDb => {
            db.run_ok(add_guarded);
            db.run_ok(drop_guarded);
            let refused = db.run_script("ALTER TABLE probe DROP INDEX uq_gone;");
            assert!(refused.is_err(), "MariaDB dropped an absent unique key");
        }
        Engine::Sqlite => {
            for guarded in [add_guarded, drop_guarded] {
                let refused = db.run_script(guarded);
                assert!(
                    refused.as_ref().is_err_and(|e| e.contains("syntax error")),
                    "SQLite took {guarded}: {refused:?}"
                );
            }
        }
    }
}

/// PostgreSQL keeps MATCH FULL / SIMPLE in the catalog and refuses a half-NULL
/// key under MATCH FULL; SQLite takes the clause; retort refuses `match` for
/// MySQL, as SQLAlchemy does.
fn fk_match_as_the_engine_takes_it(engine: Engine) {
    if engine == Engine::MariaDb {
        let compiled = retort_sql(
            &test_project(FK_MATCH.project),
            engine.dialect(),
            &["upgrade", "heads"],
        );
        assert!(!compiled.success(), "retort compiled MATCH for MySQL");
        assert!(
            compiled.stderr.contains("MySQL ignores MATCH"),
            "{}",
            compiled.stderr
        );
        return;
    }
    check_round_trips(engine, &FK_MATCH);
    if engine != Engine::Postgres {
        return;
    }
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(FK_MATCH.project));
    db.run_ok(&scripts.script(engine, &["upgrade", "heads"]));
    assert_eq!(
        db.query(
            "SELECT conname, confmatchtype::text FROM pg_constraint \
             WHERE contype = 'f' ORDER BY conname"
        ),
        support::rows(&[
            &[Some("fk_child_other"), Some("f")],
            &[Some("fk_child_parent"), Some("s")],
            &[Some("fk_child_parent_region"), Some("f")],
        ])
    );
    db.run_ok("INSERT INTO parent (id, region) VALUES (1, 1);");
    let refused = db
        .run_script(
            "INSERT INTO child (id, parent_id, region, other_region) VALUES (1, 1, NULL, 1);",
        )
        .expect_err("MATCH FULL refuses a key that is NULL in part");
    assert!(refused.contains("fk_child_parent_region"), "{refused}");
}

fn renames_round_trip(engine: Engine) {
    check_round_trips(engine, &RENAME_OBJECTS);
}

/// The index and constraint names the catalog has after n2, and the
/// constraints still hold: MySQL's dropped and re-added foreign key and check
/// refuse what they refused before.
fn renamed_objects_reach_the_catalog(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let scripts = ScriptSource::for_project(&test_project(RENAME_OBJECTS.project));
    db.run_ok(&scripts.script(engine, &["upgrade", "n2"]));
    let dump = db.schema_dump();
    for new in [
        "ix_pet_years",
        "uq_pet_label",
        "fk_pet_keeper",
        "ck_pet_years",
    ] {
        assert!(dump.contains(new), "{new} missing:\n{dump}");
    }
    // On MariaDB the index made for the foreign key follows its new name too.
    for old in ["ix_pet_age", "uq_pet_tag", "fk_pet_owner", "ck_pet_age"] {
        assert!(!dump.contains(old), "{old} still there:\n{dump}");
    }
    // SQLite checks foreign keys only when asked, per connection.
    let checked = if engine == Engine::Sqlite {
        "PRAGMA foreign_keys = ON;\n"
    } else {
        ""
    };
    db.run_ok("INSERT INTO owner (id) VALUES (1);");
    db.run_ok("INSERT INTO pet (id, owner_id, tag, age) VALUES (1, 1, 'a', 2);");
    for (row, constraint) in [
        (
            "INSERT INTO pet (id, owner_id, tag, age) VALUES (2, 1, 'a', 2);",
            "uq_pet_label",
        ),
        (
            "INSERT INTO pet (id, owner_id, tag, age) VALUES (3, 1, 'c', -1);",
            "ck_pet_years",
        ),
        (
            "INSERT INTO pet (id, owner_id, tag, age) VALUES (4, 9, 'd', 2);",
            "fk_pet_keeper",
        ),
    ] {
        let refused = db.run_script(&format!("{checked}{row}"));
        assert!(refused.is_err(), "{engine:?} took {row}");
        // SQLite names neither a unique key nor a foreign key in its errors.
        if engine != Engine::Sqlite || constraint == "ck_pet_years" {
            let refused = refused.unwrap_err();
            assert!(refused.contains(constraint), "{refused}");
        }
    }
}
