//! Path safety end to end: revision files are read only from inside the
//! revisions folder, scripts are written only under `out/`, and no revision
//! id, message, dialect name or setting can lead a path elsewhere.
//!
//! Each test works in a sandbox holding `project/` and `outside/`; after a
//! refused command, `outside/` and the project are as they were.
#![cfg(unix)]

use crate::support;

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use support::{retort, write};

const ROOT: &str = "revision: a1\ndown_revision: null\nmessage: first\nupgrade:\n  - create_table:\n      name: t\n      columns: [{name: id, type: Integer, primary_key: true}]\n";

/// A sandbox with `project/revisions/a1.yaml` and `outside/secret.yaml`.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write(dir.path(), "project/revisions/a1.yaml", ROOT);
        write(
            dir.path(),
            "outside/secret.yaml",
            "revision: s1\ndown_revision: a1\nmessage: not mine\nupgrade: []\n",
        );
        Sandbox { dir }
    }

    fn project(&self) -> PathBuf {
        self.dir.path().join("project")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }

    /// Runs retort in the project; returns the exit code, stdout and stderr.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = retort()
            .arg("--project")
            .arg(self.project())
            .args(args)
            .output()
            .expect("run retort");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Runs a command that must fail with exit code 1, write nothing
    /// anywhere in the sandbox, and say each of `expected` on stderr.
    fn refuses(&self, args: &[&str], expected: &[&str]) -> String {
        let before = files(self.dir.path());
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(code, 1, "{args:?}: stdout: {stdout}\nstderr: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        for text in expected {
            assert!(stderr.contains(text), "expected {text:?} in:\n{stderr}");
        }
        assert_eq!(files(self.dir.path()), before, "{args:?} wrote something");
        stderr
    }
}

/// Every file and link under `dir` (links not followed): path → contents,
/// or the link's target.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("a readable sandbox");
        let relative = entry.path().strip_prefix(dir).unwrap().to_owned();
        if entry.path_is_symlink() {
            let target = std::fs::read_link(entry.path()).unwrap();
            found.insert(relative, target.into_os_string().into_encoded_bytes());
        } else if entry.file_type().is_file() {
            found.insert(relative, std::fs::read(entry.path()).unwrap());
        }
    }
    found
}

#[test]
fn a_linked_revision_file_outside_the_folder_is_refused() {
    let sandbox = Sandbox::new();
    let link = sandbox.project().join("revisions/s1.yaml");
    symlink(sandbox.outside().join("secret.yaml"), &link).unwrap();
    sandbox.refuses(
        &["history"],
        &[
            "revisions/s1.yaml: the link to `",
            "outside/secret.yaml` leads outside the revisions folder",
        ],
    );
    // Also when the link is relative and hidden in a sub-folder.
    std::fs::remove_file(&link).unwrap();
    std::fs::create_dir(sandbox.project().join("revisions/sub")).unwrap();
    symlink(
        "../../../outside/secret.yaml",
        sandbox.project().join("revisions/sub/s1.yml"),
    )
    .unwrap();
    sandbox.refuses(
        &["compile"],
        &["revisions/sub/s1.yml: the link to `../../../outside/secret.yaml` leads outside"],
    );
}

#[test]
fn a_linked_folder_outside_the_revisions_folder_is_refused() {
    let sandbox = Sandbox::new();
    symlink(sandbox.outside(), sandbox.project().join("revisions/more")).unwrap();
    sandbox.refuses(
        &["heads"],
        &[
            "revisions/more: the link to `",
            "leads outside the revisions folder",
        ],
    );
}

#[test]
fn a_link_loop_is_an_error_naming_the_link() {
    let sandbox = Sandbox::new();
    symlink("loop.yaml", sandbox.project().join("revisions/loop.yaml")).unwrap();
    sandbox.refuses(
        &["history"],
        &["revisions/loop.yaml: the link to `loop.yaml` leads to no file"],
    );
    // A folder link to its own folder is not followed: no loop.
    std::fs::remove_file(sandbox.project().join("revisions/loop.yaml")).unwrap();
    symlink(".", sandbox.project().join("revisions/again")).unwrap();
    let (code, stdout, stderr) = sandbox.run(&["history"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.matches("first").count(), 1, "{stdout}");
}

#[test]
fn links_inside_the_revisions_folder_are_read() {
    let sandbox = Sandbox::new();
    write(
        &sandbox.project(),
        "revisions/store/b1.txt",
        "revision: b1\ndown_revision: a1\nmessage: second\nupgrade: []\n",
    );
    symlink("store/b1.txt", sandbox.project().join("revisions/b1.yaml")).unwrap();
    let (code, stdout, stderr) = sandbox.run(&["history"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("a1 -> b1 (head), second"), "{stdout}");
}

#[test]
fn a_revisions_folder_that_is_a_link_outside_the_project_is_refused() {
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.project().join("revisions")).unwrap();
    symlink(sandbox.outside(), sandbox.project().join("revisions")).unwrap();
    sandbox.refuses(
        &["history"],
        &[
            "revisions: the revisions folder leads to",
            "outside the project folder",
        ],
    );
}

#[test]
fn folders_in_retort_yaml_stay_inside_the_project() {
    for (setting, column) in [
        ("revisions: ../outside", 12),
        ("out: /tmp", 6),
        ("out: out/../../outside", 6),
        ("dialects: ../outside", 11),
    ] {
        let sandbox = Sandbox::new();
        write(&sandbox.project(), "retort.yaml", &format!("{setting}\n"));
        sandbox.refuses(
            &["compile"],
            &[
                &format!("retort.yaml:1:{column}: "),
                "must be a folder inside the project, written relative to it without `..`",
            ],
        );
    }
}

#[test]
fn compile_refuses_a_linked_out_folder() {
    let sandbox = Sandbox::new();
    symlink(sandbox.outside(), sandbox.project().join("out")).unwrap();
    sandbox.refuses(
        &["compile"],
        &[
            "out is a link to `",
            "nothing was written",
            "replace the link with a folder",
        ],
    );
    // A linked dialect folder, or a linked folder on the way to `out:`.
    std::fs::remove_file(sandbox.project().join("out")).unwrap();
    std::fs::create_dir(sandbox.project().join("out")).unwrap();
    symlink(sandbox.outside(), sandbox.project().join("out/sqlite")).unwrap();
    sandbox.refuses(&["compile"], &["out/sqlite is a link to `"]);
    write(&sandbox.project(), "retort.yaml", "out: build/sql\n");
    symlink(sandbox.outside(), sandbox.project().join("build")).unwrap();
    sandbox.refuses(&["compile"], &["build is a link to `"]);
}

#[test]
fn dialect_names_cannot_name_other_folders() {
    let sandbox = Sandbox::new();
    // A project dialect folder two levels up would be `dialects/../../outside`.
    write(&sandbox.outside(), "dialect.yaml", "name: x\n");
    for name in ["../../outside", "../outside", "a/b", ".."] {
        write(
            &sandbox.project(),
            "retort.yaml",
            &format!("targets: [postgresql, \"{name}\"]\n"),
        );
        sandbox.refuses(
            &["compile"],
            &[&format!(
                "`{name}` is not a dialect name; expected 1 to 64 letters"
            )],
        );
        sandbox.refuses(
            &["upgrade", "head", "--dialect", name],
            &["is not a dialect name"],
        );
    }
}

#[test]
fn a_message_never_leads_a_new_revision_file_elsewhere() {
    let sandbox = Sandbox::new();
    let before = files(&sandbox.outside());
    let message = format!("../../outside/x\\..\\y/{}", "é/".repeat(300));
    let (code, stdout, stderr) = sandbox.run(&["revision", "-m", &message, "--rev-id", "b1"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Generating revisions/b1_outside_x_y.yaml"),
        "{stdout}"
    );
    assert_eq!(files(&sandbox.outside()), before);
    let written: Vec<PathBuf> = files(&sandbox.project().join("revisions"))
        .into_keys()
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    let name = written[1].to_str().unwrap();
    // only ASCII words make the slug (src/slug.rs): the é/ parts leave none
    assert!(name == "b1_outside_x_y.yaml", "{name}");
    assert!(!name.contains('/'), "{name}");
}

/// Revision ids are checked, and messages become slugs of `[a-z0-9_]`, so
/// every compiled file name is plain and short whatever the message holds.
#[test]
fn compiled_file_names_are_plain_whatever_the_message() {
    let sandbox = Sandbox::new();
    let long = "word ".repeat(5_000);
    for (id, parent, message) in [
        ("b1", "a1", "\"../../outside/x\""),
        ("c1", "b1", "\"a\\\\b\\0c\\nd\""),
        ("d1", "c1", &format!("\"{long}\"")),
        ("e1", "d1", "\"..\""),
        ("f1", "e1", "\"///\""),
    ] {
        write(
            &sandbox.project(),
            &format!("revisions/{id}.yaml"),
            &format!("revision: {id}\ndown_revision: {parent}\nmessage: {message}\nupgrade: []\ndowngrade: []\n"),
        );
    }
    let before = files(&sandbox.outside());
    let (code, _, stderr) = sandbox.run(&["compile", "--dialect", "sqlite"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(files(&sandbox.outside()), before);
    let names: Vec<String> = files(&sandbox.project().join("out/sqlite/revisions"))
        .into_keys()
        .map(|p| p.to_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 12, "{names:?}");
    for name in &names {
        let stem = name
            .strip_suffix(".upgrade.sql")
            .or_else(|| name.strip_suffix(".downgrade.sql"))
            .unwrap_or_else(|| panic!("{name}"));
        assert!(
            stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') && name.len() <= 100,
            "{name}"
        );
    }
    assert!(
        names.contains(&"0002_b1_outside_x.upgrade.sql".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"0005_e1.upgrade.sql".to_owned()),
        "{names:?}"
    );
}
