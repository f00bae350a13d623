//! A database moves freely between retort scripts and Alembic: upgraded
//! halfway by a retort script and then to head by `alembic upgrade head`
//! (online, through psycopg2 / PyMySQL), or the other way round, it ends with
//! the same schema dump and version rows as a database upgraded by one
//! retort script; and Alembic's own online run of a branchy graph leaves the
//! same version rows as retort's script.

use crate::support;

use support::alembic::{AlembicProject, Run};
use support::engines::{Engine, TestDatabase};
use support::scripts::{heads, test_project, ScriptSource};

/// The Alembic project of `project`, or `None` (after `require`) without Alembic.
fn alembic(project: &str) -> Option<AlembicProject> {
    let venv = support::require_alembic()?;
    Some(AlembicProject::build(&venv, &test_project(project)))
}

fn online(alembic: &AlembicProject, db: &dyn TestDatabase, args: &[&str]) -> Run {
    alembic.online(&db.sqlalchemy_url(), args).expect_success()
}

/// retort to `middle`, Alembic to head; Alembic to `middle`, retort to head;
/// both equal to retort's whole script; then retort's downgrade script takes
/// the Alembic-migrated database back to an empty schema.
fn halfway_both_ways(engine: Engine, project: &str, middle: &str) {
    let Some(alembic) = alembic(project) else {
        return;
    };
    let (Some(whole), Some(retort_first), Some(alembic_first), Some(empty)) = (
        engine.fresh_database(),
        engine.fresh_database(),
        engine.fresh_database(),
        engine.fresh_database(),
    ) else {
        return;
    };
    let path = test_project(project);
    let scripts = ScriptSource::Retort(path.clone());
    let heads = heads(&path);

    whole.run_ok(&scripts.script(engine, &["upgrade", "heads"]));
    let expected = whole.schema_dump();

    retort_first.run_ok(&scripts.script(engine, &["upgrade", middle]));
    assert_eq!(retort_first.version_rows(), vec![middle.to_owned()]);
    online(&alembic, retort_first.as_ref(), &["upgrade", "heads"]);
    assert_eq!(retort_first.version_rows(), heads, "retort, then Alembic");
    assert_eq!(retort_first.schema_dump(), expected, "retort, then Alembic");

    online(&alembic, alembic_first.as_ref(), &["upgrade", middle]);
    assert_eq!(alembic_first.version_rows(), vec![middle.to_owned()]);
    alembic_first.run_ok(&scripts.script(engine, &["upgrade", &format!("{middle}:heads")]));
    assert_eq!(alembic_first.version_rows(), heads, "Alembic, then retort");
    assert_eq!(
        alembic_first.schema_dump(),
        expected,
        "Alembic, then retort"
    );

    // The database Alembic finished goes back down with retort's script.
    let [head] = heads.as_slice() else {
        return;
    };
    retort_first.run_ok(&scripts.script(engine, &["downgrade", &format!("{head}:base")]));
    assert_eq!(retort_first.version_rows(), Vec::<String>::new());
    retort_first.run_ok("DROP TABLE alembic_version;");
    assert_eq!(retort_first.schema_dump(), empty.schema_dump());
}

/// Alembic online and retort's script, each from base to the heads and then
/// along `moves`, leave the same version rows and the same schema.
fn same_rows_as_alembic(engine: Engine, project: &str, moves: &[&[&str]]) {
    let Some(alembic) = alembic(project) else {
        return;
    };
    let (Some(by_retort), Some(by_alembic)) = (engine.fresh_database(), engine.fresh_database())
    else {
        return;
    };
    let scripts = ScriptSource::Retort(test_project(project));
    by_retort.run_ok(&scripts.script(engine, &["upgrade", "heads"]));
    online(&alembic, by_alembic.as_ref(), &["upgrade", "heads"]);
    assert_eq!(by_retort.version_rows(), by_alembic.version_rows());
    assert_eq!(by_retort.schema_dump(), by_alembic.schema_dump());
    for args in moves {
        // Offline ranges need their start; Alembic online starts where the database is.
        let (command, range) = (args[0], args[1]);
        by_retort.run_ok(&scripts.script(engine, &[command, range]));
        let target = range.rsplit(':').next().expect("a range");
        online(&alembic, by_alembic.as_ref(), &[command, target]);
        assert_eq!(
            by_retort.version_rows(),
            by_alembic.version_rows(),
            "after {command} {range}"
        );
        assert_eq!(
            by_retort.schema_dump(),
            by_alembic.schema_dump(),
            "after {command} {range}"
        );
    }
}

// Alembic online knows every row of the database, an offline script only the
// range's start: after `downgrade b4:b3` Alembic online keeps a row for b2b
// (b4's dependency) where the offline script (Alembic's and retort's alike)
// leaves b2c and b3. So the moves are ranges from a single row.
const BRANCH_MOVES: &[&[&str]] = &[];
const CORPUS_MOVES: &[&[&str]] = &[
    &["downgrade", "r9:r6"],
    &["upgrade", "r6:r7a"],
    &["upgrade", "r7a:heads"],
];

#[test]
fn postgres_corpus_moves_between_retort_and_alembic() {
    halfway_both_ways(Engine::Postgres, "alembic_corpus", "r5");
}

#[test]
fn mariadb_corpus_moves_between_retort_and_alembic() {
    halfway_both_ways(Engine::MariaDb, "alembic_corpus_strlen", "r5");
}

#[test]
fn postgres_ops_move_between_retort_and_alembic() {
    halfway_both_ways(Engine::Postgres, "ops_linear", "o2");
}

#[test]
fn postgres_branches_leave_alembics_rows() {
    same_rows_as_alembic(Engine::Postgres, "branches", BRANCH_MOVES);
}

#[test]
fn mariadb_branches_leave_alembics_rows() {
    same_rows_as_alembic(Engine::MariaDb, "branches", BRANCH_MOVES);
}

#[test]
fn postgres_corpus_merge_leaves_alembics_rows() {
    same_rows_as_alembic(Engine::Postgres, "alembic_corpus", CORPUS_MOVES);
}

// No ops_linear on MariaDB: online, SQLAlchemy sees a MariaDB >= 10.7 and
// creates `Uuid` as a native UUID column, where offline scripts (Alembic's
// `mysql://` and retort's) write CHAR(32); the dumps differ by that column.
