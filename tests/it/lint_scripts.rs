//! Review notes in scripts: compiled scripts carry them in their header and
//! just above the statements they concern; `upgrade`/`downgrade --notes`
//! too; without `--notes` the script is Alembic's, without a note.

use crate::lint_support;
use crate::support;

use lint_support::{project, r2};
use predicates::prelude::*;
use predicates::str::contains;

const DROP_AND_INDEX: &str = "  - drop_column: {table: runs, column: status}
  - create_index: {name: ix_runs_total, table: runs, columns: [total]}
    review: {allow: [lock-index-without-concurrently], reason: \"runs holds 200 rows\"}";

const DROP_NOTE: &str = "-- retort: warning destructive-drop-column: drops column `runs.status` and every value in it\n\
     -- retort:   instead: stop using the column in one release and drop it in a later one, after copying what must be kept\n";

fn read(project: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(project.path().join(path)).unwrap()
}

#[test]
fn compiled_scripts_carry_each_note_above_its_statement() {
    let project = project(&r2(DROP_AND_INDEX, None));
    support::retort()
        .args(["compile", "--dialect", "postgresql", "--project"])
        .arg(project.path())
        .assert()
        .success();
    let whole = read(&project, "out/postgresql/upgrade.sql");
    let single = read(
        &project,
        "out/postgresql/revisions/0002_r2_second.upgrade.sql",
    );
    for script in [&whole, &single] {
        assert!(
            script.contains(&format!(
                "{DROP_NOTE}ALTER TABLE runs DROP COLUMN status;\n"
            )),
            "{script}"
        );
        assert!(
            script.contains(
                "-- retort: allowed lock-index-without-concurrently: runs holds 200 rows\n\
                 CREATE INDEX ix_runs_total ON runs (total);\n"
            ),
            "{script}"
        );
        assert!(script.contains("-- Review notes (2):\n"), "{script}");
    }
    // The derived downgrade drops the index: the upgrade op's allow covers it.
    let down = read(&project, "out/postgresql/downgrade.sql");
    assert!(
        down.contains(
            "-- retort: allowed lock-index-without-concurrently: runs holds 200 rows\n\
             DROP INDEX ix_runs_total;\n"
        ),
        "{down}"
    );
}

#[test]
fn upgrade_prints_alembic_s_script_without_notes_unless_asked() {
    let project = project(&r2(DROP_AND_INDEX, None));
    let upgrade = |extra: &[&str]| {
        let mut command = support::retort();
        command
            .args(["upgrade", "r1:r2", "--dialect", "postgresql", "--project"])
            .arg(project.path())
            .args(extra);
        command
    };
    upgrade(&[])
        .assert()
        .success()
        .stdout(contains("-- retort").not())
        .stdout(contains(
            "-- Running upgrade r1 -> r2\n\nALTER TABLE runs DROP COLUMN status;\n\n",
        ));
    upgrade(&["--notes"])
        .assert()
        .success()
        .stdout(contains(format!(
            "-- Running upgrade r1 -> r2\n\n{DROP_NOTE}ALTER TABLE runs DROP COLUMN status;\n\n"
        )));
}

#[test]
fn a_note_on_an_op_merged_into_a_sqlite_rebuild_heads_the_revision() {
    // Both alter_columns become one table rebuild on SQLite: the note of the
    // second one has no statement of its own.
    let project = project(&r2(
        "  - alter_column: {table: runs, column: total, nullable: false}
  - alter_column: {table: runs, column: status, type: String(8)}",
        Some(
            "  - alter_column: {table: runs, column: status, type: String(32)}
  - alter_column: {table: runs, column: total, nullable: true}",
        ),
    ));
    support::retort()
        .args([
            "upgrade",
            "r1:r2",
            "--notes",
            "--dialect",
            "sqlite",
            "--project",
        ])
        .arg(project.path())
        .assert()
        .success()
        .stdout(contains(
            "-- Running upgrade r1 -> r2\n\n\
             -- retort: warning destructive-type-change: column `runs.status`: narrows the type \
             from String(32) to String(8)",
        ));
}

#[test]
fn notes_about_other_dialects_stay_out_of_a_script() {
    let project = project(&r2(
        "  - create_index: {name: ix_runs_total, table: runs, columns: [total]}",
        None,
    ));
    support::retort()
        .args([
            "upgrade",
            "r1:r2",
            "--notes",
            "--dialect",
            "mysql",
            "--project",
        ])
        .arg(project.path())
        .assert()
        .success()
        .stdout(contains("-- retort").not());
}
