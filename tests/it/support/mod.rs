//! Shared helpers of the end-to-end tests: the binary, temporary projects,
//! and the external tools (Alembic, database servers) a test may need.
//!
//! A test that needs a tool calls [`require`]: on a developer machine a
//! missing tool skips the test with a line saying why; with `CI=true` it fails.
//!
//! - [`engines`]: a throwaway database per test on PostgreSQL, MariaDB, SQLite;
//! - [`alembic`]: a YAML project as an Alembic project, run offline or online;
//! - [`scripts`]: the scripts a test runs (retort's, or Alembic's on request);
//! - [`roundtrip`]: the round trips every engine test does with a project.
#![allow(dead_code)]

pub mod alembic;
pub mod engines;
pub mod roundtrip;
pub mod scripts;

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository: the spec and the Alembic reference corpus.
pub fn shared_dir() -> PathBuf {
    repo_root().join("..").join("shared")
}

/// A command running the `retort` binary built for this test run.
pub fn retort() -> Command {
    Command::cargo_bin("retort").expect("the retort binary is built by cargo test")
}

/// True when running in CI (`CI=true`), where every engine must be present.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Returns `found`, or: in CI, fails the test naming `what` and `how` to get it;
/// elsewhere, prints that the test is skipped and returns `None`.
pub fn require<T>(found: Option<T>, what: &str, how: &str) -> Option<T> {
    if found.is_some() {
        return found;
    }
    if in_ci() {
        panic!("{what} is required when CI=true but was not found: {how}");
    }
    // Straight to stderr, not eprintln!: the test harness would swallow that
    // for a passing test, and the skip must be seen.
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {test}: {what} not available ({how})"
    );
    None
}

/// The Python virtualenv with alembic and sqlalchemy: `RETORT_TEST_ALEMBIC_VENV`,
/// else `.venv` in the repository (made by `scripts/test`).
pub fn alembic_venv() -> Option<PathBuf> {
    let venv = std::env::var_os("RETORT_TEST_ALEMBIC_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv"));
    venv.join("bin").join("alembic").is_file().then_some(venv)
}

/// [`alembic_venv`], through [`require`].
pub fn require_alembic() -> Option<PathBuf> {
    require(
        alembic_venv(),
        "Alembic",
        "run scripts/test, or set RETORT_TEST_ALEMBIC_VENV to a virtualenv with alembic and sqlalchemy",
    )
}

/// Writes `files` (relative path, contents) into a new temporary project folder.
pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// A project of two revisions: `f1` with the ops `setup`, then `f2`, the
/// one under test, with the ops `under_test` (YAML list items, each
/// starting on a new line).
pub fn two_revisions(setup: &str, under_test: &str) -> tempfile::TempDir {
    let f1 = format!("revision: f1\ndown_revision: null\nmessage: setup\nupgrade:{setup}\n");
    let f2 =
        format!("revision: f2\ndown_revision: f1\nmessage: under test\nupgrade:{under_test}\n");
    project(&[("revisions/f1.yaml", &f1), ("revisions/f2.yaml", &f2)])
}

/// `retort upgrade head --dialect DIALECT --project PROJECT`, run.
pub fn upgrade_head(project: &Path, dialect: &str) -> std::process::Output {
    retort()
        .args(["upgrade", "head", "--dialect", dialect, "--project"])
        .arg(project)
        .output()
        .expect("retort runs")
}

/// Writes one file, creating its parent folders.
pub fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).expect("create parent folders");
    }
    std::fs::write(&full, text).expect("write a test file");
}

/// Query rows written as string slices, for comparing with [`engines::TestDatabase::query`].
pub fn rows(rows: &[&[Option<&str>]]) -> Vec<Vec<Option<String>>> {
    rows.iter()
        .map(|row| row.iter().map(|v| v.map(str::to_owned)).collect())
        .collect()
}
