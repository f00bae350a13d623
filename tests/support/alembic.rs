//! The live Alembic harness: a YAML project turned into the equivalent
//! Alembic project (by `tests/alembic/retort_alembic.py`), run offline with
//! `--sql` or online against a test database, beside `retort` run with the
//! same arguments.

use super::repo_root;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What a command printed, and how it ended.
#[derive(Debug, Clone)]
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code (`None` if killed by a signal).
    pub code: Option<i32>,
}

impl Run {
    /// Exit code 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    fn of(mut command: Command) -> Run {
        let line = format!("{command:?}");
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("cannot start {line}: {e}"));
        Run {
            command: line,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code(),
        }
    }

    /// Panics with everything the command printed unless it succeeded.
    pub fn expect_success(self) -> Run {
        assert!(self.success(), "{self}");
        self
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}\nexit code: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command, self.code, self.stdout, self.stderr
        )
    }
}

/// `tests/alembic/retort_alembic.py`.
pub fn harness_script() -> PathBuf {
    repo_root()
        .join("tests")
        .join("alembic")
        .join("retort_alembic.py")
}

/// An Alembic project built from a YAML project, in its own temporary folder.
pub struct AlembicProject {
    dir: tempfile::TempDir,
    venv: PathBuf,
}

impl AlembicProject {
    /// Builds the Alembic equivalent of the YAML project in `yaml_project`,
    /// with the Python of the virtualenv `venv`.
    pub fn build(venv: &Path, yaml_project: &Path) -> AlembicProject {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut command = Command::new(venv.join("bin").join("python"));
        command
            .arg(harness_script())
            .arg("build")
            .arg(yaml_project)
            .arg(dir.path());
        Run::of(command).expect_success();
        AlembicProject {
            dir,
            venv: venv.to_owned(),
        }
    }

    /// The folder with alembic.ini, env.py and versions/.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn alembic(&self, args: &[&str]) -> Command {
        let mut command = Command::new(self.venv.join("bin").join("alembic"));
        command
            .arg("-c")
            .arg(self.dir().join("alembic.ini"))
            .args(args)
            .current_dir(self.dir())
            // Alembic's order at an unmerge follows the hash seed: fix it, so a run
            // is reproducible (tests that compare accept every order, see
            // `offline_with_seed`).
            .env("PYTHONHASHSEED", "0")
            .env_remove("TXN_PER_MIGRATION")
            .env_remove("RETORT_ALEMBIC_URL");
        command
    }

    /// `alembic ARGS --sql` for `dialect` (e.g. `["upgrade", "head"]`).
    pub fn offline(&self, dialect: &str, args: &[&str]) -> Run {
        self.offline_with_seed(dialect, args, 0)
    }

    /// [`Self::offline`] with Python's hash seed set to `seed`.
    pub fn offline_with_seed(&self, dialect: &str, args: &[&str], seed: u32) -> Run {
        let mut command = self.alembic(args);
        command
            .arg("--sql")
            .env("DIALECT", dialect)
            .env("PYTHONHASHSEED", seed.to_string());
        Run::of(command)
    }

    /// `alembic ARGS` online, against the database at the SQLAlchemy `url`.
    pub fn online(&self, url: &str, args: &[&str]) -> Run {
        let mut command = self.alembic(args);
        command.env("RETORT_ALEMBIC_URL", url);
        Run::of(command)
    }
}

/// `retort --project PROJECT ARGS --dialect DIALECT`: the retort side of
/// `alembic ARGS --sql`.
pub fn retort_sql(project: &Path, dialect: &str, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_retort"));
    command
        .arg("--project")
        .arg(project)
        .args(args)
        .args(["--dialect", dialect]);
    Run::of(command)
}

/// A copy of the project in `source` with `retort.yaml` keys set to new
/// values (e.g. `("transaction_per_migration", "true")`, values as YAML).
pub fn project_variant(source: &Path, settings: &[(&str, &str)]) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("a temporary folder");
    for entry in walkdir::WalkDir::new(source) {
        let entry = entry.expect("read the project folder");
        let relative = entry
            .path()
            .strip_prefix(source)
            .expect("inside the project");
        let target = copy.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
    let config_path = copy.path().join("retort.yaml");
    let text = std::fs::read_to_string(&config_path).unwrap_or_default();
    let mut config: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap_or_default();
    for (key, value) in settings {
        let value: serde_yaml::Value = serde_yaml::from_str(value).expect("a YAML value");
        config.insert((*key).into(), value);
    }
    std::fs::write(
        &config_path,
        serde_yaml::to_string(&config).expect("YAML text"),
    )
    .expect("write retort.yaml");
    copy
}
