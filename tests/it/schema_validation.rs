//! `retort check` runs the schema model over small projects: each validation
//! error names the revision file and the line of the offending op.

use crate::support;

use predicates::str::contains;

/// A root revision `a1` creating `runs` and `tags` (lines 1-17), then `ops`
/// (the first at line 18), with an explicit empty downgrade unless `auto`.
fn root_revision(ops: &str, auto: bool) -> String {
    let downgrade = if auto { "" } else { "downgrade: []\n" };
    format!(
        "revision: a1
down_revision: null
message: first
{downgrade}upgrade:
  - create_table:
      name: tags
      columns:
        - {{name: id, type: Integer, primary_key: true}}
        - {{name: label, type: String(8), nullable: false}}
  - create_table:
      name: runs
      columns:
        - {{name: id, type: Integer, primary_key: true}}
        - {{name: status, type: String(8), index: true}}
        - {{name: tag_id, type: Integer, foreign_key: {{table: tags, column: id, name: fk_runs_tag}}}}
        - {{name: started, type: Date}}
{ops}"
    )
}

/// Runs `retort check` on a project whose one revision has `ops` after the
/// base tables and expects the error `message` at `line`.
fn rejects(ops: &str, line: usize, message: &str) {
    let project = support::project(&[("revisions/a1.yaml", &root_revision(ops, false))]);
    support::retort()
        .args(["check", "--project"])
        .arg(project.path())
        .assert()
        .code(1)
        .stderr(contains(format!("revisions/a1.yaml:{line}:")))
        .stderr(contains(message));
}

#[test]
fn a_valid_project_passes_and_writes_nothing() {
    let project = support::project(&[("revisions/a1.yaml", &root_revision("", true))]);
    support::retort()
        .args(["check", "--project"])
        .arg(project.path())
        .assert()
        .success()
        .stdout(contains("1 revisions checked"));
    let entries: Vec<_> = std::fs::read_dir(project.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "check wrote nothing beside revisions/");
}

#[test]
fn a_missing_table_column_index_or_constraint() {
    rejects(
        "  - add_column: {table: run, column: {name: x, type: Integer}}\n",
        18,
        "add_column: table `run` does not exist (did you mean `runs`?)",
    );
    rejects(
        "  - alter_column: {table: runs, column: stauts, nullable: false}\n",
        18,
        "column `stauts` in table `runs` does not exist (did you mean `status`?)",
    );
    rejects(
        "  - drop_index: {name: ix_runs_stauts}\n",
        18,
        "index `ix_runs_stauts` does not exist (did you mean `ix_runs_status`?)",
    );
    rejects(
        "  - drop_constraint: {name: fk_run_tag, table: runs}\n",
        18,
        "constraint `fk_run_tag` on table `runs` does not exist (did you mean `fk_runs_tag`?)",
    );
    // Covering columns are checked on every dialect: the engine refuses a
    // column it does not know, and the model is one for all dialects.
    rejects(
        "  - create_index: {name: ix_runs_started, table: runs, columns: [started], mssql_include: [stauts]}\n",
        18,
        "column `stauts` in table `runs` does not exist (did you mean `status`?)",
    );
}

#[test]
fn creating_something_that_exists() {
    rejects(
        "  - create_index: {name: ix_runs_status, table: tags, columns: [label]}\n",
        18,
        "index `ix_runs_status` (on table `runs`) already exists",
    );
    rejects(
        "  - add_column: {table: runs, column: {name: status, type: Text}}\n",
        18,
        "column `status` in table `runs` already exists",
    );
}

#[test]
fn a_foreign_key_to_a_missing_table_or_column() {
    rejects(
        "  - create_foreign_key: {name: fk_x, source_table: runs, referent_table: tag, local_cols: [tag_id], remote_cols: [id]}\n",
        18,
        "table `tag` (referenced by foreign key `fk_x`) does not exist (did you mean `tags`?)",
    );
    rejects(
        "  - create_foreign_key: {name: fk_x, source_table: runs, referent_table: tags, local_cols: [tag_id], remote_cols: [ident]}\n",
        18,
        "column `ident` in table `tags` does not exist",
    );
}

#[test]
fn dropping_a_column_an_index_or_constraint_uses() {
    rejects(
        "  - drop_column: {table: runs, column: status}\n",
        18,
        "column `status` of table `runs` is still used by index `ix_runs_status`",
    );
    rejects(
        "  - create_check_constraint: {name: ck_status, table: runs, condition: \"status <> ''\"}\n  - drop_column: {table: runs, column: status}\n",
        19,
        "column `status` of table `runs` is still used by index `ix_runs_status`, check constraint `ck_status`",
    );
    rejects(
        "  - drop_column: {table: tags, column: id}\n",
        18,
        // Another table's foreign key stops the drop on every engine, and is named alone.
        "column `id` of table `tags` is still used by foreign key `fk_runs_tag` of table `runs`;",
    );
}

#[test]
fn bulk_insert_with_unknown_columns_or_misfit_values() {
    rejects(
        "  - bulk_insert: {table: tags, rows: [{id: 1, lable: a}]}\n",
        18,
        "column `lable` in table `tags` does not exist (did you mean `label`?)",
    );
    rejects(
        "  - bulk_insert: {table: tags, rows: [{id: one, label: a}]}\n",
        18,
        "row 1, column `id`: the string 'one' in an Integer column",
    );
    rejects(
        "  - bulk_insert: {table: tags, rows: [{id: 1, label: far too long}]}\n",
        18,
        "'far too long' is 12 characters long; the column holds 8",
    );
    rejects(
        "  - bulk_insert: {table: runs, rows: [{id: 1, started: 2024-13-01}]}\n",
        18,
        "'2024-13-01' is not a Date",
    );
    rejects(
        "  - bulk_insert: {table: tags, rows: [{id: 1, label: a}, {id: 2}]}\n",
        18,
        "row 2, column `label`: left out, but the column is NOT NULL without a server default",
    );
}

#[test]
fn an_existing_fact_that_contradicts_the_model() {
    rejects(
        "  - alter_column: {table: runs, column: status, existing_type: String(16), type: Text}\n",
        18,
        "`existing_type: String(16)` contradicts the schema model, which has String(8) here",
    );
}

#[test]
fn an_automatic_downgrade_of_what_cannot_be_inverted() {
    let text = root_revision("  - execute: UPDATE runs SET status = 'x'\n", true);
    let project = support::project(&[("revisions/a1.yaml", &text)]);
    support::retort()
        .args(["check", "--project"])
        .arg(project.path())
        .assert()
        .code(1)
        .stderr(contains("revisions/a1.yaml:17:"))
        .stderr(contains("execute: revision a1 has no `downgrade:`"))
        .stderr(contains("write an explicit `downgrade:`"));
}

#[test]
fn a_later_revision_is_checked_against_the_schema_its_parents_built() {
    let second = "revision: b2
down_revision: a1
message: second
upgrade:
  - drop_table: tags
";
    let project = support::project(&[
        ("revisions/a1.yaml", &root_revision("", true)),
        ("revisions/b2.yaml", second),
    ]);
    support::retort()
        .args(["check", "--project"])
        .arg(project.path())
        .assert()
        .code(1)
        .stderr(contains("revisions/b2.yaml:5:"))
        .stderr(contains(
            "refuses this: table `tags` is referenced by foreign key `fk_runs_tag` of table `runs`",
        ))
        .stderr(contains(
            "Fix: drop the foreign keys that reference it first",
        ));
}
