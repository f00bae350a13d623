//! What goes with a dropped table, and the drop each engine refuses (issue
//! 16, point 3): the test project `drop_table_takes` drops a table with
//! indexes, keys, a check, a foreign key and a column of a named enum type,
//! and the engine's catalog is read before, after, and after the derived
//! downgrade. A table that another table's foreign key references is run on
//! each engine as raw SQL, to show what `drop_table:` in its `dialect.yaml`
//! says, and retort refuses it at compile time with that reason.

use crate::support;

use support::alembic::retort_sql;
use support::engines::{per_engine, Engine, TestDatabase};
use support::scripts::test_project;

/// Every index, constraint and enum type of the database but the version
/// table's, as `kind table name`, sorted.
pub(super) fn catalog(db: &dyn TestDatabase) -> Vec<String> {
    let queries: &[&str] = match db.engine() {
        Engine::Postgres => &[
            "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname FROM pg_constraint \
             WHERE connamespace = 'public'::regnamespace \
             AND conrelid::regclass::text <> 'alembic_version'",
            "SELECT 'index ' || tablename || ' ' || indexname FROM pg_indexes \
             WHERE schemaname = 'public' AND tablename <> 'alembic_version'",
            "SELECT 'type ' || typname FROM pg_type \
             WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'",
        ],
        Engine::MariaDb => &[
            "SELECT DISTINCT CONCAT('index ', table_name, ' ', index_name) \
             FROM information_schema.statistics \
             WHERE table_schema = DATABASE() AND table_name <> 'alembic_version'",
            "SELECT CONCAT(constraint_type, ' ', table_name, ' ', constraint_name) \
             FROM information_schema.table_constraints \
             WHERE table_schema = DATABASE() AND table_name <> 'alembic_version'",
        ],
        Engine::Sqlite => &[
            "SELECT type || ' ' || tbl_name || ' ' || name FROM sqlite_master \
             WHERE tbl_name <> 'alembic_version'",
        ],
    };
    let mut rows: Vec<String> = queries
        .iter()
        .flat_map(|sql| db.query(sql))
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

/// The catalog after t1 and after t2 (`drop_table: children`).
fn expected(engine: Engine) -> (Vec<String>, Vec<String>) {
    match engine {
        Engine::Postgres => (
            sorted(&[
                "constraint children children_pkey",
                "constraint children ck_children_size",
                "constraint children fk_children_parent",
                "constraint children uq_children_parent_code",
                "constraint parents parents_pkey",
                "index children children_pkey",
                "index children ix_children_code",
                "index children uq_children_parent_code",
                "index parents parents_pkey",
                "type mood",
            ]),
            // The enum type stays.
            sorted(&[
                "constraint parents parents_pkey",
                "index parents parents_pkey",
                "type mood",
            ]),
        ),
        Engine::MariaDb => (
            sorted(&[
                "CHECK children ck_children_size",
                "FOREIGN KEY children fk_children_parent",
                "PRIMARY KEY children PRIMARY",
                "PRIMARY KEY parents PRIMARY",
                "UNIQUE children uq_children_parent_code",
                "index children PRIMARY",
                "index children ix_children_code",
                "index children uq_children_parent_code",
                "index parents PRIMARY",
            ]),
            sorted(&["PRIMARY KEY parents PRIMARY", "index parents PRIMARY"]),
        ),
        Engine::Sqlite => (
            sorted(&[
                "index children ix_children_code",
                "index children sqlite_autoindex_children_1",
                "table children children",
                "table parents parents",
            ]),
            sorted(&["table parents parents"]),
        ),
    }
}

/// `DROP TABLE parents` while `children` references it, as the engine
/// takes it: an error on PostgreSQL and MariaDB. On SQLite with foreign
/// keys on, an error while a row is referenced; otherwise the table goes
/// and every later write to `children` fails.
fn drop_referenced_table(db: &dyn TestDatabase) {
    let drop = "DROP TABLE parents;";
    match db.engine() {
        Engine::Postgres => {
            let refused = db.run_script(drop).expect_err("PostgreSQL refuses");
            assert!(refused.contains("other objects depend on it"), "{refused}");
        }
        Engine::MariaDb => {
            let refused = db.run_script(drop).expect_err("MariaDB refuses");
            assert!(
                refused.contains("Cannot delete or update a parent row"),
                "{refused}"
            );
        }
        Engine::Sqlite => {
            let with_rows = "PRAGMA foreign_keys = ON; INSERT INTO parents (id) VALUES (1); \
                 INSERT INTO children (id, parent_id, code) VALUES (1, 1, 'a'); DROP TABLE parents;";
            let refused = db.run_script(with_rows).expect_err("a referenced row");
            assert!(
                refused.contains("FOREIGN KEY constraint failed"),
                "{refused}"
            );
            db.run_ok("DELETE FROM children; DELETE FROM parents;");
            db.run_ok(&format!("PRAGMA foreign_keys = ON; {drop}"));
            let dangling = db
                .run_script(
                    "PRAGMA foreign_keys = ON; \
                     INSERT INTO children (id, parent_id, code) VALUES (2, NULL, 'b');",
                )
                .expect_err("the foreign key references no table");
            assert!(dangling.contains("no such table"), "{dangling}");
        }
    }
}

/// What retort says of the same drop.
const DROP_PARENTS: &str = "revision: t3\ndown_revision: t2\nmessage: drop the parents\nupgrade:\n  - drop_table: parents\n";

per_engine! {
    a_dropped_table_takes_what_the_engine_drops,
}

fn a_dropped_table_takes_what_the_engine_drops(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = test_project("drop_table_takes");
    let script = |args: &[&str]| {
        retort_sql(&project, engine.dialect(), args)
            .expect_success()
            .stdout
    };
    let (after_t1, after_t2) = expected(engine);
    db.run_ok(&script(&["upgrade", "t1"]));
    assert_eq!(catalog(&*db), after_t1);
    db.run_ok(&script(&["upgrade", "t1:t2"]));
    assert_eq!(catalog(&*db), after_t2);
    db.run_ok(&script(&["downgrade", "t2:t1"]));
    assert_eq!(catalog(&*db), after_t1);
    drop_referenced_table(&*db);

    let refused_project = support::project(&[
        ("retort.yaml", "dialect: postgresql\n"),
        (
            "revisions/t1_tables.yaml",
            &std::fs::read_to_string(project.join("revisions/t1_tables.yaml")).unwrap(),
        ),
        (
            "revisions/t3.yaml",
            &DROP_PARENTS.replace("down_revision: t2", "down_revision: t1"),
        ),
    ]);
    let refused = retort_sql(
        refused_project.path(),
        engine.dialect(),
        &["upgrade", "head"],
    );
    assert!(!refused.success(), "{refused:?}");
    assert!(
        refused.stderr.contains(
            "refuses this: table `parents` is referenced by foreign key `fk_children_parent` of table `children`"
        ),
        "{}",
        refused.stderr
    );
}
