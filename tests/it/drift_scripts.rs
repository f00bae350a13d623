//! Snapshots (insta) of `retort drift` scripts. SQL Server's and Oracle's
//! are checked only here: no such engine runs in these tests (README,
//! "Drift checks"). PostgreSQL's, MariaDB's and SQLite's also run on the
//! engines (`engines::drift`); their snapshots show a reviewer what changed.

use crate::support::{repo_root, retort};

/// `retort drift ARGS --dialect DIALECT` on the example project.
fn drift(dialect: &str, args: &[&str]) -> String {
    let output = retort()
        .arg("--project")
        .arg(repo_root())
        .arg("drift")
        .args(args)
        .args(["--dialect", dialect])
        .output()
        .expect("retort runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("a UTF-8 script")
}

/// At head with --strict, and at the first revision (where the objects of
/// later revisions must be absent).
fn snapshots(dialect: &str) {
    insta::assert_snapshot!(
        format!("{dialect}_head_strict"),
        drift(dialect, &["head", "--strict"])
    );
    insta::assert_snapshot!(
        format!("{dialect}_first_revision"),
        drift(dialect, &["3f2a9c1e7b40"])
    );
}

#[test]
fn mssql() {
    snapshots("mssql");
}

#[test]
fn oracle() {
    snapshots("oracle");
}

#[test]
fn postgresql() {
    snapshots("postgresql");
}

#[test]
fn mysql() {
    snapshots("mysql");
}

#[test]
fn sqlite() {
    snapshots("sqlite");
}
