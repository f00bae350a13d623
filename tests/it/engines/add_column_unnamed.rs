//! A derived downgrade of `add_column` whose column has an unnamed foreign
//! key and an unnamed unique constraint (issue 16, point 5): the test
//! project `add_column_unnamed` adds them (a2), and its derived downgrade
//! drops them by the name each engine gave them before the columns; the
//! catalog after the downgrade is the catalog before the upgrade.

use crate::support;

use super::drop_table_takes::catalog;
use support::alembic::retort_sql;
use support::engines::{per_engine, Engine};
use support::scripts::test_project;

per_engine! {
    unnamed_constraints_of_an_added_column_are_undone,
}

fn unnamed_constraints_of_an_added_column_are_undone(engine: Engine) {
    let Some(db) = engine.fresh_database() else {
        return;
    };
    let project = test_project("add_column_unnamed");
    let script = |args: &[&str]| {
        retort_sql(&project, engine.dialect(), args)
            .expect_success()
            .stdout
    };
    db.run_ok(&script(&["upgrade", "a1"]));
    let before = catalog(&*db);
    db.run_ok(&script(&["upgrade", "a1:a2"]));
    let added = catalog(&*db);
    let new: Vec<&String> = added.iter().filter(|row| !before.contains(row)).collect();
    let expected: &[&str] = match engine {
        Engine::Postgres => &[
            "constraint emails emails_account_id_fkey",
            "constraint emails emails_token_key",
            "index emails emails_token_key",
        ],
        Engine::MariaDb => &[
            "FOREIGN KEY emails emails_ibfk_1",
            "UNIQUE emails token",
            "index emails account_id",
            "index emails token",
        ],
        // SQLite lists only the unique key's index; the rebuilt table's
        // SQL holds the foreign key.
        Engine::Sqlite => &["index emails sqlite_autoindex_emails_1"],
    };
    assert_eq!(new, expected, "{engine:?}");
    db.run_ok(&script(&["downgrade", "a2:a1"]));
    assert_eq!(catalog(&*db), before, "{engine:?}");
    if engine == Engine::Sqlite {
        let sql = db.query("SELECT sql FROM sqlite_master WHERE name = 'emails'");
        let sql = sql[0][0].clone().unwrap_or_default();
        assert!(
            !sql.contains("account_id") && !sql.contains("UNIQUE"),
            "{sql}"
        );
    }
}
