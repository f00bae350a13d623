//! The scripts the engine tests run: `retort`'s, for a test project.
//!
//! `RETORT_TEST_SCRIPTS_FROM=alembic` makes the same tests run the scripts
//! Alembic prints offline for the equivalent Alembic project instead: a check
//! of the tests and projects themselves, independent of retort.

use super::alembic::{retort_sql, AlembicProject};
use super::engines::Engine;
use super::repo_root;
use std::path::{Path, PathBuf};

/// `tests/projects/<name>`, or the repository's own example project for `example`.
pub fn test_project(name: &str) -> PathBuf {
    if name == "example" {
        return repo_root();
    }
    repo_root().join("tests").join("projects").join(name)
}

/// Where scripts come from.
pub enum ScriptSource {
    /// `retort upgrade|downgrade|stamp ... --dialect D`.
    Retort(PathBuf),
    /// `alembic ... --sql` on the Alembic equivalent of the project.
    Alembic(AlembicProject),
}

impl ScriptSource {
    /// retort's scripts for `project`, or Alembic's when
    /// `RETORT_TEST_SCRIPTS_FROM=alembic` (and a virtualenv is available).
    pub fn for_project(project: &Path) -> ScriptSource {
        if std::env::var("RETORT_TEST_SCRIPTS_FROM").is_ok_and(|v| v == "alembic") {
            if let Some(venv) = super::require_alembic() {
                return ScriptSource::Alembic(AlembicProject::build(&venv, project));
            }
        }
        ScriptSource::Retort(project.to_owned())
    }

    /// The script of `args` (e.g. `["upgrade", "r3:r6"]`) for `engine`'s dialect;
    /// fails the test if the command fails.
    pub fn script(&self, engine: Engine, args: &[&str]) -> String {
        let run = match self {
            ScriptSource::Retort(project) => retort_sql(project, engine.dialect(), args),
            ScriptSource::Alembic(alembic) => alembic.offline(engine.dialect(), args),
        };
        run.expect_success().stdout
    }
}

/// The project's heads, sorted, as `retort heads` lists them.
pub fn heads(project: &Path) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_retort"))
        .arg("--project")
        .arg(project)
        .arg("heads")
        .output()
        .expect("run retort heads");
    assert!(output.status.success(), "retort heads failed: {output:?}");
    let mut heads: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    heads.sort();
    heads
}
