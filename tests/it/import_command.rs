//! `retort import` end to end: the binary on a small Alembic versions folder
//! (tests/alembic_histories/example/, written for these tests).

use crate::support;

use std::path::{Path, PathBuf};
use support::retort;

fn example() -> PathBuf {
    support::repo_root()
        .join("tests")
        .join("alembic_histories")
        .join("example")
        .join("versions")
}

/// A copy of the example's versions folder, so that the paths in the
/// placeholders are short and the same on every machine.
fn copy_example(into: &Path) {
    let versions = into.join("versions");
    std::fs::create_dir_all(&versions).expect("mkdir");
    for entry in std::fs::read_dir(example()).expect("read the example") {
        let entry = entry.expect("an entry");
        std::fs::copy(entry.path(), versions.join(entry.file_name())).expect("copy");
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn import_writes_one_revision_per_file_and_a_summary() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example(dir.path());
    let output = retort()
        .current_dir(dir.path())
        .args(["--project", "p", "import", "versions"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&output),
        "3 revisions written, 2 converted exactly.\n\
         1 statements in 1 revisions need a person (replace each `unconverted:` item):\n\
         \x20 versions/c3_data.py:14: uses `.execute` of op.get_bind(), which reads the database or commits: an offline script cannot [revisions/c3_data.yaml]\n\
         `retort check` and `retort compile` refuse the project until every placeholder is replaced.\n"
    );
    let a1 = read(&dir.path().join("p/revisions/a1_create.yaml"));
    for expected in [
        "revision: a1\ndown_revision: null\nmessage: create accounts\ncreate_date: 2024-01-02 03:04:05.000006\n",
        // module constants, *args, Enum, sa.func, table comment
        "type: Enum('active', 'closed', name='account_status')",
        "server_default:\n        postgresql:\n          sql: now()\n        mysql:\n          sql: now()\n        default:\n          sql: CURRENT_TIMESTAMP",
        "comment: who may log in",
        // string concatenation of a constant, textwrap.dedent
        "name: ix_accounts_created_at",
        "- execute: |2\n\n    UPDATE accounts\n    SET status = 'active'\n",
        // bulk_insert: the table's column order
        "rows:\n    - id: 1\n      email: root@example.com\n      status: active\n",
        // Enum(...).drop(op.get_bind())
        "- drop_enum:\n    name: account_status\n",
    ] {
        assert!(a1.contains(expected), "a1 lacks {expected:?}:\n{a1}");
    }
    let b2 = read(&dir.path().join("p/revisions/b2_batch.yaml"));
    for expected in [
        // batch_alter_table flattened; the existing_* claims the model agrees with dropped
        "- alter_column:\n    table: accounts\n    column: email\n    nullable: true\n- create_index:",
        "server_default: true",
        "concurrently: true",
        // executing on op.get_bind() without reading the result
        "- execute: UPDATE accounts SET email = lower(email)\n",
        // a loop over a constant, unrolled
        "name: x\n      type: Text",
        "name: y\n      type: Text",
    ] {
        assert!(b2.contains(expected), "b2 lacks {expected:?}:\n{b2}");
    }
    assert!(
        !b2.contains("downgrade:"),
        "`pass` derives the downgrade:\n{b2}"
    );
    let c3 = read(&dir.path().join("p/revisions/c3_data.yaml"));
    assert!(
        c3.contains("- unconverted:\n    needs: person\n    reason: 'uses `.execute` of op.get_bind(), which reads the database or commits: an offline script cannot'\n    python:\n      file: versions/c3_data.py\n      line: 14\n      source: |-\n        for row in conn.execute(sa.text(\"SELECT id FROM accounts\")):\n"),
        "{c3}"
    );
}

#[test]
fn check_and_compile_refuse_placeholders_naming_both_files() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example(dir.path());
    retort()
        .current_dir(dir.path())
        .args(["--project", "p", "import", "versions"])
        .assert()
        .success();
    for command in ["check", "compile"] {
        let stderr = retort()
            .current_dir(dir.path())
            .args(["--project", "p", command])
            .assert()
            .code(1)
            .get_output()
            .stderr
            .clone();
        let stderr = String::from_utf8_lossy(&stderr);
        assert!(
            stderr.contains(
                "revisions/c3_data.yaml:7:3: upgrade[0]: a statement `retort import` could not convert: \
                 versions/c3_data.py:14: `for row in conn.execute(sa.text(\"SELECT id FROM accounts\")): …`"
            ),
            "{command}: {stderr}"
        );
    }
    assert!(!dir.path().join("p/out").exists(), "compile wrote nothing");
}

#[test]
fn a_contradicting_existing_claim_is_kept_for_check_to_report() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example(dir.path());
    // c3 without its placeholders: only the alter_column whose existing_type is wrong.
    let c3 = dir.path().join("versions/c3_data.py");
    let text = read(&c3);
    let start = text
        .find("    conn = op.get_bind()")
        .expect("the get_bind line");
    let end = text
        .find("    op.alter_column")
        .expect("the alter_column line");
    std::fs::write(&c3, format!("{}{}", &text[..start], &text[end..])).expect("write");
    retort()
        .current_dir(dir.path())
        .args(["--project", "p", "import", "versions"])
        .assert()
        .success()
        .stdout("3 revisions written, 3 converted exactly.\n");
    let stderr = retort()
        .current_dir(dir.path())
        .args(["--project", "p", "check"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert!(
        String::from_utf8_lossy(&stderr).contains(
            "revisions/c3_data.yaml:7:3: alter_column: `existing_type: Integer` contradicts the schema model, which has Text here"
        ),
        "{}",
        String::from_utf8_lossy(&stderr)
    );
}

#[test]
fn existing_files_are_kept_unless_forced() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example(dir.path());
    let run = |extra: &[&str]| {
        let mut command = retort();
        command
            .current_dir(dir.path())
            .args(["--project", "p", "import", "versions"])
            .args(extra);
        command.assert()
    };
    run(&[]).success();
    let a1 = dir.path().join("p/revisions/a1_create.yaml");
    std::fs::write(&a1, "edited by a person\n").expect("write");
    let stderr = run(&[]).code(1).get_output().stderr.clone();
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(stderr.contains("a1_create.yaml"), "{stderr}");
    assert_eq!(read(&a1), "edited by a person\n");
    run(&["--force"]).success();
    assert!(read(&a1).starts_with("# Imported by `retort import`"));
}

#[test]
fn bad_python_is_an_error_with_its_position_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_example(dir.path());
    std::fs::write(
        dir.path().join("versions/d4_broken.py"),
        "revision = 'd4'\ndown_revision = 'c3'\n\ndef upgrade(:\n    pass\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("versions/helpers.py"),
        "def helper():\n    return 1\n",
    )
    .expect("write");
    let stderr = retort()
        .current_dir(dir.path())
        .args(["--project", "p", "import", "versions"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(
        stderr.contains("versions/d4_broken.py:4:13: not valid Python"),
        "{stderr}"
    );
    assert!(
        stderr.contains("versions/helpers.py:1:1: not an Alembic revision"),
        "{stderr}"
    );
    assert!(!dir.path().join("p").exists(), "nothing written");
}
