//! `compile`'s progress bar: on standard error when it is a terminal, and
//! nothing at all otherwise, so scripts and CI logs see what they always saw.

use crate::support;
use std::path::Path;
use std::process::Command;

/// A copy of tests/projects/ops_linear in a temporary folder.
fn ops_linear() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = support::repo_root().join("tests/projects/ops_linear");
    copy(&from, dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn without_a_terminal_compile_prints_its_summary_and_nothing_else() {
    let project = ops_linear();
    let output = support::retort()
        .arg("--project")
        .arg(project.path())
        .arg("compile")
        .output()
        .expect("run retort");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "no bar");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("compiled ") && stdout.ends_with(" 0 changed, 0 removed, 0 unchanged\n"),
        "{stdout}"
    );
}

#[test]
fn on_a_terminal_compile_draws_a_bar_of_the_scripts() {
    // util-linux `script` runs the command on a pseudo-terminal.
    let Ok(found) = Command::new("script").arg("--version").output() else {
        eprintln!("skipped: no `script` command to make a terminal");
        return;
    };
    assert!(found.status.success());
    let project = ops_linear();
    let binary = assert_cmd::cargo::cargo_bin("retort");
    let command = format!(
        "{} --project {} compile",
        binary.display(),
        project.path().display()
    );
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("NO_COLOR")
        .output()
        .expect("run script");
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{terminal}");
    assert!(terminal.contains("compiling ["), "{terminal}");
    assert!(terminal.contains(" scripts, "), "{terminal}");
    assert!(terminal.contains("compiled "), "{terminal}");
}
