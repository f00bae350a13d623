//! Two columns of one named enum in a `create_table` (issue 16, point 6):
//! PostgreSQL refuses a second `CREATE TYPE` of the same name, so the script
//! must write it once; it runs up and back down on the engine.

use crate::support;

use support::alembic::retort_sql;
use support::engines::Engine;
use support::scripts::test_project;

#[test]
fn a_shared_enum_is_created_once_on_postgresql() {
    let Some(db) = Engine::Postgres.fresh_database() else {
        return;
    };
    let project = test_project("shared_enum");
    let up = retort_sql(&project, "postgresql", &["upgrade", "head"])
        .expect_success()
        .stdout;
    assert_eq!(up.matches("CREATE TYPE job_state").count(), 1, "{up}");
    db.run_ok(&up);
    assert_eq!(
        db.query("SELECT count(*) FROM pg_type WHERE typname = 'job_state'"),
        support::rows(&[&[Some("1")]])
    );
    let down = retort_sql(&project, "postgresql", &["downgrade", "e1:base"])
        .expect_success()
        .stdout;
    db.run_ok(&down);
}
