//! Ops a dialect cannot run inside a transaction block (`outside_transaction`
//! in dialect.yaml): the script commits before them and begins again after,
//! as Alembic's `autocommit_block()` writes it offline. The same framing is
//! compared with Alembic itself by alembic_differential (project
//! tests/projects/online_ddl) where Alembic is installed.

use crate::support;

use predicates::str::contains;

fn online_ddl_project() -> std::path::PathBuf {
    support::repo_root()
        .join("tests")
        .join("projects")
        .join("online_ddl")
}

#[test]
fn a_concurrent_index_runs_between_commit_and_begin() {
    // What Alembic 1.20.1 prints for `with op.get_context().autocommit_block():
    // op.create_index(..., postgresql_concurrently=True)` between two ops.
    support::retort()
        .arg("--project")
        .arg(online_ddl_project())
        .args(["upgrade", "k1:k2", "--dialect", "postgresql"])
        .assert()
        .success()
        .stdout(contains(
            "ALTER TABLE runs ADD COLUMN owner VARCHAR(20);\n\n\
             COMMIT;\n\n\
             CREATE INDEX CONCURRENTLY ix_runs_status ON runs (status);\n\n\
             BEGIN;\n\n",
        ));
}

#[test]
fn transaction_per_migration_frames_it_the_same_way() {
    let project = support::alembic::project_variant(
        &online_ddl_project(),
        &[("transaction_per_migration", "true")],
    );
    support::retort()
        .arg("--project")
        .arg(project.path())
        .args(["upgrade", "k2:k3", "--dialect", "postgresql"])
        .assert()
        .success()
        .stdout(contains(
            "BEGIN;\n\n-- Running upgrade k2 -> k3\n\n\
             COMMIT;\n\n\
             DROP INDEX CONCURRENTLY ix_runs_started;\n\n\
             BEGIN;\n\n",
        ));
}

#[test]
fn dialects_without_transactions_write_no_framing() {
    for dialect in ["mysql", "sqlite", "oracle"] {
        let output = support::retort()
            .arg("--project")
            .arg(online_ddl_project())
            .args(["upgrade", "k1:k3", "--dialect", dialect])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(output.status.success(), "{dialect}");
        assert!(!text.contains("COMMIT"), "{dialect}:\n{text}");
        assert!(!text.contains("CONCURRENTLY"), "{dialect}:\n{text}");
    }
}
