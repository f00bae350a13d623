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
            // Alembic's order at an unmerge follows the hash seed: fix it, so a
            // run is reproducible.
            .env("PYTHONHASHSEED", "0")
            .env_remove("TXN_PER_MIGRATION")
            .env_remove("RETORT_ALEMBIC_URL");
        command
    }

    /// `alembic ARGS --sql` for `dialect` (e.g. `["upgrade", "head"]`).
    pub fn offline(&self, dialect: &str, args: &[&str]) -> Run {
        let mut command = self.alembic(args);
        command.arg("--sql").env("DIALECT", dialect);
        Run::of(command)
    }

    /// Many `alembic ARGS --sql` runs in one Python process (Python's start-up
    /// is most of the time of a run): `(dialect, args)` each, in order.
    pub fn offline_batch(&self, requests: &[(&str, Vec<&str>)]) -> Vec<Run> {
        let json: Vec<serde_json::Value> = requests
            .iter()
            .map(|(dialect, args)| serde_json::json!({"dialect": dialect, "args": args}))
            .collect();
        let mut command = Command::new(self.venv.join("bin").join("python"));
        command
            .arg(harness_script())
            .arg("batch")
            .arg(self.dir())
            .env("PYTHONHASHSEED", "0")
            .env_remove("TXN_PER_MIGRATION")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("start the Alembic batch");
        let input = serde_json::to_vec(&json).expect("JSON");
        std::io::Write::write_all(&mut child.stdin.take().expect("piped"), &input)
            .expect("send the requests");
        let output = child.wait_with_output().expect("the batch runs");
        assert!(
            output.status.success(),
            "the Alembic batch failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let results: Vec<serde_json::Value> =
            serde_json::from_slice(&output.stdout).expect("the batch prints JSON");
        requests
            .iter()
            .zip(results)
            .map(|((dialect, args), result)| Run {
                command: format!("DIALECT={dialect} alembic {} --sql (batch)", args.join(" ")),
                stdout: result["stdout"].as_str().unwrap_or_default().to_owned(),
                stderr: result["stderr"].as_str().unwrap_or_default().to_owned(),
                code: result["code"].as_i64().map(|c| (c & 0xff) as i32),
            })
            .collect()
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

/// A copy of the project in `source` (its retort.yaml, revisions and dialect
/// folders) with `retort.yaml` keys set to new values (e.g.
/// `("transaction_per_migration", "true")`, values as YAML).
pub fn project_variant(source: &Path, settings: &[(&str, &str)]) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(source.join("retort.yaml")).unwrap_or_default();
    let mut config: serde_yaml::Mapping = serde_yaml::from_str(&text).unwrap_or_default();
    let folder = |key: &str| {
        config
            .get(key)
            .and_then(serde_yaml::Value::as_str)
            .unwrap_or(key)
            .to_owned()
    };
    for sub in [folder("revisions"), folder("dialects")] {
        copy_tree(&source.join(&sub), &copy.path().join(&sub));
    }
    for (key, value) in settings {
        let value: serde_yaml::Value = serde_yaml::from_str(value).expect("a YAML value");
        config.insert((*key).into(), value);
    }
    std::fs::write(
        copy.path().join("retort.yaml"),
        serde_yaml::to_string(&config).expect("YAML text"),
    )
    .expect("write retort.yaml");
    copy
}

/// Copies the files under `from` (if it exists) to `to`.
fn copy_tree(from: &Path, to: &Path) {
    if !from.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("read the project folder");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}
