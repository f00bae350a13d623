//! Every load error names the file, line and column and says what was
//! expected; the binary exits with 1 and prints no backtrace.

use crate::support;

use support::{project, retort};

const ROOT: &str = "revision: a1\ndown_revision: null\nmessage: first\nupgrade: []\n";

/// Runs `retort history` on a project of `files`; asserts that it fails
/// with exit code 1 and that standard error contains each of `expected`.
fn fails_with(files: &[(&str, &str)], expected: &[&str]) -> String {
    let dir = project(files);
    let output = retort()
        .arg("--project")
        .arg(dir.path())
        .arg("history")
        .output()
        .expect("run retort");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout on error");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "expected {text:?} in:\n{stderr}");
    }
    stderr
}

#[test]
fn invalid_yaml() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a1\ndown_revision: [a0\nmessage: x\n",
        )],
        &["revisions/a.yaml:3:", "invalid YAML"],
    );
}

#[test]
fn empty_file() {
    fails_with(
        &[("revisions/a.yaml", "# nothing yet\n")],
        &[
            "revisions/a.yaml:1:1",
            "the file is empty",
            "expected a revision",
        ],
    );
}

#[test]
fn not_a_mapping() {
    fails_with(
        &[("revisions/a.yaml", "- revision: a1\n")],
        &["revisions/a.yaml:1:1", "expected a revision: a mapping"],
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a1\ndown_revision: null\nmesage: first\nupgrade: []\n",
        )],
        &[
            "revisions/a.yaml:3:1",
            "unknown field `mesage`",
            "did you mean `message`",
        ],
    );
}

#[test]
fn unknown_op_suggests_the_nearest() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a1\ndown_revision: null\nmessage: first\nupgrade:\n  - create_tabel:\n      name: t\n",
        )],
        &["revisions/a.yaml:5:", "unknown op `create_tabel`", "did you mean `create_table`"],
    );
}

#[test]
fn wrong_value_type() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a1\ndown_revision: {x: 1}\nmessage: first\nupgrade: []\n",
        )],
        &[
            "revisions/a.yaml:2:",
            "null, a string, or a list of strings",
        ],
    );
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a1\ndown_revision: null\nmessage: first\nupgrade:\n  - add_column:\n      table: t\n      column: {name: c, type: Integer, nullable: maybe}\n",
        )],
        &["revisions/a.yaml:7:", "invalid type"],
    );
}

#[test]
fn unknown_type_inside_an_op_keeps_its_position() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a1\ndown_revision: null\nmessage: first\nupgrade:\n  - add_column:\n      table: t\n      column: {name: c, type: Integeer}\n",
        )],
        &["revisions/a.yaml:7:", "Integeer"],
    );
}

#[test]
fn missing_revision() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "down_revision: null\nmessage: first\nupgrade: []\n",
        )],
        &["revisions/a.yaml:1:1", "missing field `revision`"],
    );
}

#[test]
fn invalid_and_too_long_ids() {
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: a-1\ndown_revision: null\nmessage: x\nupgrade: []\n",
        )],
        &["revisions/a.yaml:1:11", "contains `-`", "[A-Za-z0-9_]"],
    );
    let long = format!(
        "revision: {}\ndown_revision: null\nmessage: x\nupgrade: []\n",
        "a".repeat(33)
    );
    fails_with(
        &[("revisions/a.yaml", &long)],
        &[
            "revisions/a.yaml:1:11",
            "33 characters",
            "at most 32",
            "VARCHAR(32)",
        ],
    );
    fails_with(
        &[(
            "revisions/a.yaml",
            "revision: 1234\ndown_revision: null\nmessage: x\nupgrade: []\n",
        )],
        &["revisions/a.yaml:1:11", "quote it"],
    );
}

#[test]
fn duplicate_ids_name_both_files() {
    fails_with(
        &[("revisions/a.yaml", ROOT), ("revisions/sub/b.yaml", ROOT)],
        &[
            "revisions/sub/b.yaml:1:1",
            "duplicate revision id `a1`",
            "revisions/a.yaml",
        ],
    );
}

#[test]
fn down_revision_naming_nothing() {
    fails_with(
        &[
            ("revisions/a.yaml", ROOT),
            (
                "revisions/b.yaml",
                "revision: b1\ndown_revision: a2\nmessage: x\nupgrade: []\n",
            ),
        ],
        &[
            "revisions/b.yaml:2:1",
            "down_revision `a2`",
            "names no revision",
        ],
    );
}

#[test]
fn depends_on_naming_nothing() {
    fails_with(
        &[
            ("revisions/a.yaml", ROOT),
            (
                "revisions/b.yaml",
                "revision: b1\ndown_revision: a1\ndepends_on: [a1, nothing]\nmessage: x\nupgrade: []\n",
            ),
        ],
        &["revisions/b.yaml:3:1", "depends_on `nothing`", "revision id or a branch label"],
    );
}

#[test]
fn cycles_list_their_ids_and_files() {
    fails_with(
        &[
            ("revisions/a.yaml", ROOT),
            (
                "revisions/b.yaml",
                "revision: b1\ndown_revision: c1\nmessage: x\nupgrade: []\n",
            ),
            (
                "revisions/c.yaml",
                "revision: c1\ndown_revision: b1\nmessage: x\nupgrade: []\n",
            ),
        ],
        &[
            "revisions/b.yaml:2:1",
            "cycle in the revision graph: b1 -> c1 -> b1",
            "revisions/c.yaml:1:1",
        ],
    );
}

#[test]
fn branch_label_used_twice_names_both_files() {
    fails_with(
        &[
            (
                "revisions/a.yaml",
                "revision: a1\ndown_revision: null\nbranch_labels: [lib]\nmessage: x\nupgrade: []\n",
            ),
            (
                "revisions/b.yaml",
                "revision: b1\ndown_revision: a1\nbranch_labels: lib\nmessage: x\nupgrade: []\n",
            ),
        ],
        &[
            "revisions/b.yaml:3:1",
            "branch label `lib`",
            "already used by revision `a1` (revisions/a.yaml:3:1)",
        ],
    );
}

#[test]
fn errors_of_several_files_are_reported_together() {
    let stderr = fails_with(
        &[
            ("revisions/a.yaml", "revision: a1\nbogus: 1\n"),
            (
                "revisions/b.yaml",
                "revision: b1\ndown_revision: null\nmessage: x\nupgrade: nope\n",
            ),
        ],
        &["error: revisions/a.yaml:2:1", "error: revisions/b.yaml:4:"],
    );
    assert!(stderr.find("revisions/a.yaml") < stderr.find("revisions/b.yaml"));
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() {
    let dir = project(&[]);
    std::fs::create_dir_all(dir.path().join("revisions")).unwrap();
    std::fs::write(
        dir.path().join("revisions/x.yaml"),
        [0xff, 0xfe, 0x00, b'\n', 0x80],
    )
    .unwrap();
    let output = retort()
        .arg("--project")
        .arg(dir.path())
        .arg("heads")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("revisions/x.yaml:1:1"), "{stderr}");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
}

#[test]
fn bad_settings_file() {
    fails_with(
        &[("retort.yaml", "dialect: sqlite\nrevisons: migrations\n")],
        &["retort.yaml:2:1", "did you mean `revisions`"],
    );
}

#[test]
fn files_other_than_yaml_are_ignored() {
    let dir = project(&[
        ("revisions/a.yaml", ROOT),
        ("revisions/README.md", "notes"),
        ("revisions/.hidden.yaml", "not: a revision"),
        ("revisions/.git/x.yaml", "not: a revision"),
        (
            "revisions/old/b.yml",
            "revision: b1\ndown_revision: a1\nmessage: second\nupgrade: []\n",
        ),
    ]);
    let output = retort()
        .arg("--project")
        .arg(dir.path())
        .arg("history")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "a1 -> b1 (head), second\n<base> -> a1, first\n"
    );
}

#[cfg(unix)]
#[test]
fn editor_lock_files_are_ignored() {
    let dir = project(&[("revisions/a.yaml", ROOT)]);
    // Emacs's lock file: a dangling symbolic link named .#<file>
    std::os::unix::fs::symlink("user@host.1234:1", dir.path().join("revisions/.#a.yaml")).unwrap();
    let output = retort()
        .arg("--project")
        .arg(dir.path())
        .arg("heads")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "a1 (head)\n",
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_missing_project_folder_is_named() {
    let dir = project(&[]);
    let missing = dir.path().join("nope");
    let output = retort()
        .arg("--project")
        .arg(&missing)
        .arg("heads")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.contains(&format!(
            "{}: the project folder does not exist",
            missing.display()
        )),
        "{stderr}"
    );
}

/// `retort history` on a project whose revision misspells `message`, with
/// the environment variables `env` (and no colour settings of the caller's).
fn misspelt_key_stderr(env: &[(&str, &str)]) -> String {
    let dir = project(&[(
        "revisions/a.yaml",
        "revision: a1\ndown_revision: null\nmesage: first\nupgrade: []\n",
    )]);
    let mut command = retort();
    command.arg("--project").arg(dir.path()).arg("history");
    for name in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let output = command.output().expect("run retort");
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn shows_the_source_line_with_a_marker_under_the_column() {
    let stderr = misspelt_key_stderr(&[]);
    let lines: Vec<&str> = stderr.lines().collect();
    // The first line stays `file:line:column: message`, for scripts that grep it.
    assert!(
        lines[0].starts_with("error: revisions/a.yaml:3:1: unknown field `mesage`"),
        "{stderr}"
    );
    assert_eq!(
        lines[1..],
        ["  |", "3 | mesage: first", "  | ^^^^^^"],
        "{stderr}"
    );
}

#[test]
fn colours_only_when_asked_and_never_with_no_color() {
    const ESCAPE: &str = "\u{1b}[";
    // Not a terminal: plain.
    assert!(!misspelt_key_stderr(&[]).contains(ESCAPE));
    let forced = misspelt_key_stderr(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains(ESCAPE), "{forced:?}");
    let no_color = misspelt_key_stderr(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.contains(ESCAPE), "{no_color:?}");
    assert_eq!(no_color, misspelt_key_stderr(&[]));
}

#[test]
fn many_errors_of_one_kind_are_summarised() {
    const FILES: usize = 10_000;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let revisions = dir.path().join("revisions");
    std::fs::create_dir_all(&revisions).unwrap();
    for i in 0..FILES {
        // each lacks `upgrade:`
        let text = format!("revision: r{i}\ndown_revision: null\nmessage: m\n");
        std::fs::write(revisions.join(format!("r{i:05}.yaml")), text).unwrap();
    }
    let output = retort()
        .arg("--project")
        .arg(dir.path())
        .arg("history")
        .output()
        .expect("run retort");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(output.stdout.is_empty());
    let reports = stderr
        .lines()
        .filter(|l| l.starts_with("error: revisions/"));
    assert_eq!(reports.count(), 3, "{stderr}");
    assert!(stderr.lines().count() < 30, "bounded:\n{stderr}");
    assert!(
        stderr.contains("note: 9997 more error(s) like this, the first in revisions/r00003.yaml:"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: 10000 errors in all, 3 shown\n"),
        "{stderr}"
    );
}
