//! Snapshots (insta) of the scripts each project under `tests/projects/`
//! compiles to, per dialect: `retort upgrade heads`, and `retort downgrade
//! HEAD:base` from each head (the written and the derived downgrades of every
//! revision). A project that a dialect refuses snapshots its error instead.
//! A change in generated SQL fails here until the new snapshot is reviewed
//! (`cargo insta review`, see "Running the tests" in README.md).

use crate::support::retort;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

/// Held by each `glob!` of this binary while it runs: insta counts a glob's
/// failed snapshots on one process-wide stack, so two globs on two test
/// threads would count each other's failures (one dialect's changed script
/// failing another dialect's test, and its own passing).
static ONE_GLOB_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The heads of the project in `dir`, as `retort heads` names them.
fn heads(dir: &Path) -> Vec<String> {
    let output = retort()
        .args(["heads", "--project"])
        .arg(dir)
        .output()
        .expect("retort runs");
    assert!(
        output.status.success(),
        "retort heads in {}: {output:?}",
        dir.display()
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8 heads")
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect()
}

/// The commands whose scripts are snapshotted for the project in `dir`.
fn commands(dir: &Path) -> Vec<Vec<String>> {
    let mut commands = vec![vec!["upgrade".to_owned(), "heads".to_owned()]];
    for head in heads(dir) {
        commands.push(vec!["downgrade".to_owned(), format!("{head}:base")]);
    }
    commands
}

/// What `retort ARGS --dialect DIALECT` prints for the project in `dir`: the
/// script, or the exit code and the error when it refuses; anything on
/// standard error is shown either way.
fn output_of(dir: &Path, args: &[String], dialect: &str) -> String {
    let output = retort()
        .args(args)
        .args(["--dialect", dialect, "--project"])
        .arg(dir)
        .output()
        .expect("retort runs");
    let stdout = String::from_utf8(output.stdout).expect("a UTF-8 script");
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 errors");
    match (output.status.success(), stderr.is_empty()) {
        (true, true) => stdout,
        (true, false) => format!("{stdout}\n---- standard error ----\n{stderr}"),
        (false, _) => format!(
            "---- refused: exit code {} ----\n{stderr}{stdout}",
            output.status.code().unwrap_or(-1)
        ),
    }
}

/// Snapshots every project's scripts on `dialect`, one snapshot per command,
/// named `<dialect>__<command>__<range>@<project>`.
fn snapshot_projects(dialect: &str) {
    // A glob that failed before poisons the lock; the next one may still run.
    let _glob = ONE_GLOB_AT_A_TIME
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    // `?*`, not `*`: the walk yields tests/projects itself too, as the empty path.
    insta::glob!("../projects", "?*", |dir| {
        for args in commands(dir) {
            let name = format!("{dialect}__{}", args.join("__").replace(':', "_"));
            let command = format!("retort {} --dialect {dialect}", args.join(" "));
            insta::with_settings!({ description => command, omit_expression => true }, {
                insta::assert_snapshot!(name, output_of(dir, &args, dialect));
            });
        }
    });
}

#[test]
fn postgresql() {
    snapshot_projects("postgresql");
}

#[test]
fn sqlite() {
    snapshot_projects("sqlite");
}

#[test]
fn mysql() {
    snapshot_projects("mysql");
}

#[test]
fn mssql() {
    snapshot_projects("mssql");
}

#[test]
fn oracle() {
    snapshot_projects("oracle");
}
