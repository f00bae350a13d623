//! Every review rule of `retort check`: a revision that triggers it (the note
//! names the rule, the revision file and the op's line) and one that does not.

use crate::lint_support;
use crate::support;

use lint_support::{expect_none, expect_note, r2};

// ---------------------------------------------------------------------------
// Destructive

#[test]
fn drop_table_is_destructive() {
    let second = r2("  - drop_table: runs", None);
    let note = expect_note(&second, &[], "destructive-drop-table", "upgrade", 5);
    assert_eq!(note["severity"], "warning");
    assert_eq!(note["op"], "drop_table");
    assert!(note["message"].as_str().unwrap().contains("`runs`"));
}

#[test]
fn dropping_a_table_the_revision_created_is_not() {
    let second = r2(
        "  - create_table: {name: tmp, columns: [{name: id, type: Integer}]}\n  - drop_table: tmp",
        None,
    );
    expect_none(&second, &[], "destructive-drop-table");
}

#[test]
fn drop_column_is_destructive() {
    let second = r2("  - drop_column: {table: runs, column: status}", None);
    expect_note(&second, &[], "destructive-drop-column", "upgrade", 5);
}

#[test]
fn the_derived_drop_of_an_added_column_is_not() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: note, type: Text}}",
        None,
    );
    expect_none(&second, &[], "destructive-drop-column");
    expect_none(&second, &[], "destructive-downgrade");
}

#[test]
fn narrowing_a_string_is_a_lossy_type_change() {
    let second = r2(
        "  - alter_column: {table: runs, column: status, type: String(8)}",
        Some("  - alter_column: {table: runs, column: status, type: String(32)}"),
    );
    let note = expect_note(&second, &[], "destructive-type-change", "upgrade", 5);
    let message = note["message"].as_str().unwrap();
    assert!(message.contains("String(32) to String(8)"), "{message}");
}

#[test]
fn text_to_number_is_a_lossy_type_change() {
    let second = r2(
        "  - alter_column: {table: runs, column: status, type: Integer, using: status::integer}",
        Some("  - alter_column: {table: runs, column: status, type: String(32)}"),
    );
    expect_note(&second, &[], "destructive-type-change", "upgrade", 5);
}

#[test]
fn the_derived_downgrade_of_a_widening_narrows() {
    let second = r2(
        "  - alter_column: {table: runs, column: status, type: String(64)}",
        None,
    );
    expect_note(&second, &[], "destructive-type-change", "downgrade", 5);
}

#[test]
fn widening_is_not_lossy() {
    let second = r2(
        "  - alter_column: {table: runs, column: status, type: String(64)}",
        Some("  - execute: \"select 1\""),
    );
    expect_none(&second, &[], "destructive-type-change");
}

#[test]
fn a_downgrade_dropping_a_seeded_table_is_destructive() {
    let second = r2(
        "  - create_table: {name: kinds, columns: [{name: id, type: Integer, primary_key: true}]}
  - bulk_insert: {table: kinds, rows: [{id: 1}, {id: 2}]}",
        Some("  - drop_table: kinds"),
    );
    let note = expect_note(&second, &[], "destructive-downgrade", "downgrade", 8);
    assert!(note["message"].as_str().unwrap().contains("bulk_insert"));
}

#[test]
fn a_downgrade_dropping_a_column_older_than_the_revision_is_destructive() {
    let second = r2(
        "  - alter_column: {table: runs, column: total, nullable: false}",
        Some(
            "  - alter_column: {table: runs, column: total, nullable: true}
  - drop_column: {table: runs, column: total}
  - add_column: {table: runs, column: {name: total, type: Integer}}",
        ),
    );
    let note = expect_note(&second, &[], "destructive-downgrade", "downgrade", 8);
    assert!(note["message"].as_str().unwrap().contains("existed"));
}

#[test]
fn a_downgrade_dropping_an_unseeded_new_table_is_not() {
    let second = r2(
        "  - create_table: {name: kinds, columns: [{name: id, type: Integer, primary_key: true}]}",
        Some("  - drop_table: kinds"),
    );
    expect_none(&second, &[], "destructive-downgrade");
}

// ---------------------------------------------------------------------------
// Locking (PostgreSQL)

#[test]
fn an_index_on_an_existing_table_without_concurrently_locks_it() {
    let second = r2(
        "  - create_index: {name: ix_runs_status, table: runs, columns: [status]}",
        None,
    );
    let project = lint_support::project(&second);
    let (code, notes) = lint_support::check_json(&project, &[]);
    assert_eq!(code, 0);
    let found = lint_support::of_rule(&notes, "lock-index-without-concurrently");
    // The upgrade creates it, the derived downgrade drops it: both lock.
    let places: Vec<(&str, u64)> = found
        .iter()
        .map(|n| {
            (
                n["direction"].as_str().unwrap(),
                n["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(places, [("upgrade", 5), ("downgrade", 5)]);
    assert_eq!(found[0]["dialects"], serde_json::json!(["postgresql"]));
    assert_eq!(found[0]["file"], "revisions/r2.yaml");
}

#[test]
fn an_index_on_a_new_table_or_on_mysql_does_not() {
    let second = r2(
        "  - create_table: {name: kinds, columns: [{name: id, type: Integer}]}
  - create_index: {name: ix_kinds_id, table: kinds, columns: [id]}",
        None,
    );
    expect_none(&second, &[], "lock-index-without-concurrently");
    let on_runs = r2(
        "  - create_index: {name: ix_runs_status, table: runs, columns: [status]}",
        None,
    );
    expect_none(
        &on_runs,
        &["--dialect", "mysql"],
        "lock-index-without-concurrently",
    );
}

#[test]
fn a_not_null_column_without_default_on_an_existing_table() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: owner, type: String(20), nullable: false}}",
        None,
    );
    expect_note(
        &second,
        &[],
        "lock-not-null-column-without-default",
        "upgrade",
        5,
    );
}

#[test]
fn a_not_null_column_with_a_default_does_not() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: owner, type: String(20), nullable: false, server_default: nobody}}",
        None,
    );
    expect_none(&second, &[], "lock-not-null-column-without-default");
}

#[test]
fn a_column_made_not_null_on_an_existing_table() {
    let second = r2(
        "  - alter_column: {table: runs, column: total, nullable: false}",
        Some("  - alter_column: {table: runs, column: total, nullable: true}"),
    );
    expect_note(&second, &[], "lock-not-null-checks-rows", "upgrade", 5);
    let already = r2(
        "  - alter_column: {table: runs, column: total, nullable: true}",
        Some("  - alter_column: {table: runs, column: total, nullable: false}"),
    );
    let note = expect_note(&already, &[], "lock-not-null-checks-rows", "downgrade", 7);
    let message = note["message"].as_str().unwrap_or_default();
    assert!(message.contains("`runs.total` NOT NULL"), "{note:#}");
}

#[test]
fn a_type_change_that_rewrites_the_table() {
    let second = r2(
        "  - alter_column: {table: runs, column: total, type: BigInteger}",
        Some("  - execute: \"select 1\""),
    );
    let note = expect_note(&second, &[], "lock-type-change-rewrite", "upgrade", 5);
    assert_eq!(note["dialects"], serde_json::json!(["postgresql"]));
}

#[test]
fn a_binary_compatible_widening_does_not_rewrite() {
    let second = r2(
        "  - alter_column: {table: runs, column: status, type: String(64)}",
        Some("  - execute: \"select 1\""),
    );
    expect_none(&second, &[], "lock-type-change-rewrite");
}

#[test]
fn a_constraint_on_an_existing_table_without_not_valid() {
    let second = r2(
        "  - create_check_constraint: {name: ck_runs_total, table: runs, condition: total >= 0}",
        None,
    );
    expect_note(
        &second,
        &[],
        "lock-constraint-without-not-valid",
        "upgrade",
        5,
    );
}

#[test]
fn a_constraint_added_not_valid_does_not() {
    let second = r2(
        "  - create_check_constraint: {name: ck_runs_total, table: runs, condition: total >= 0, not_valid: true}",
        None,
    );
    expect_none(&second, &[], "lock-constraint-without-not-valid");
}

#[test]
fn a_constraint_on_a_new_table_does_not() {
    let second = r2(
        "  - create_table: {name: kinds, columns: [{name: id, type: Integer}]}
  - create_check_constraint: {name: ck_kinds_id, table: kinds, condition: id > 0}",
        None,
    );
    expect_none(&second, &[], "lock-constraint-without-not-valid");
}

// ---------------------------------------------------------------------------
// Transactions

const CONCURRENT_INDEX: &str =
    "  - create_index: {name: ix_runs_status, table: runs, columns: [status], concurrently: true}";

/// A project whose own postgresql dialect.yaml is the built-in one without
/// its `outside_transaction` list, so that the script keeps every op inside
/// the transaction.
fn without_outside_transaction(second: &str) -> tempfile::TempDir {
    let built_in = std::fs::read_to_string(
        support::repo_root()
            .join("dialects")
            .join("postgresql")
            .join("dialect.yaml"),
    )
    .unwrap();
    let facts: String = built_in
        .lines()
        .filter(|l| !l.starts_with("outside_transaction:") && !l.contains("when: concurrently"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(facts.len(), built_in.len(), "the built-in list was removed");
    support::project(&[
        ("revisions/r1.yaml", lint_support::BASE),
        ("revisions/r2.yaml", second),
        ("dialects/postgresql/dialect.yaml", &facts),
    ])
}

#[test]
fn concurrently_inside_the_transaction() {
    let project = without_outside_transaction(&r2(CONCURRENT_INDEX, None));
    let (code, notes) = lint_support::check_json(&project, &["--dialect", "postgresql", "r1:r2"]);
    assert_eq!(code, 1, "an error note fails the check");
    let found = lint_support::of_rule(&notes, "concurrently-in-transaction");
    let places: Vec<(&str, u64)> = found
        .iter()
        .map(|n| {
            (
                n["direction"].as_str().unwrap(),
                n["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(places, [("upgrade", 5), ("downgrade", 5)]);
    assert_eq!(found[0]["severity"], "error");
    assert!(lint_support::of_rule(&notes, "outside-transaction").is_empty());
}

#[test]
fn concurrently_runs_outside_the_transaction_on_postgresql() {
    let second = r2(CONCURRENT_INDEX, Some("  - execute: \"select 1\""));
    let note = expect_note(
        &second,
        &["--dialect", "postgresql"],
        "outside-transaction",
        "upgrade",
        5,
    );
    assert_eq!(note["severity"], "info");
    expect_none(
        &second,
        &["--dialect", "postgresql"],
        "concurrently-in-transaction",
    );
    expect_none(
        &second,
        &["--dialect", "postgresql"],
        "lock-index-without-concurrently",
    );
}

#[test]
fn concurrently_means_nothing_on_mysql() {
    let second = r2(CONCURRENT_INDEX, None);
    expect_none(
        &second,
        &["--dialect", "mysql"],
        "concurrently-in-transaction",
    );
    expect_none(&second, &["--dialect", "mysql"], "outside-transaction");
}

#[test]
fn several_statements_without_a_transaction() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: a, type: Integer}}
  - add_column: {table: runs, column: {name: b, type: Integer}}",
        Some("  - execute: \"alter table runs drop column a, drop column b\""),
    );
    let note = expect_note(
        &second,
        &["--dialect", "mysql", "r1:r2"],
        "non-transactional-ddl",
        "upgrade",
        5,
    );
    assert_eq!(note["severity"], "info");
    assert_eq!(note["dialects"], serde_json::json!(["mysql"]));
    expect_none(
        &second,
        &["--dialect", "postgresql"],
        "non-transactional-ddl",
    );
}

#[test]
fn one_statement_without_a_transaction_is_all_or_nothing() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: a, type: Integer}}",
        None,
    );
    expect_none(&second, &["--dialect", "mysql"], "non-transactional-ddl");
}

// ---------------------------------------------------------------------------
// Portability

#[test]
fn execute_without_text_for_a_target() {
    let second = r2(
        "  - execute: {postgresql: \"update runs set total = 0\"}",
        Some("  - execute: {default: \"select 1\"}"),
    );
    let note = expect_note(&second, &[], "execute-missing-dialect", "upgrade", 5);
    assert_eq!(
        note["dialects"],
        serde_json::json!(["sqlite", "mysql", "mssql", "oracle"])
    );
    expect_none(
        &second,
        &["--dialect", "postgresql"],
        "execute-missing-dialect",
    );
}

#[test]
fn execute_with_a_default_text() {
    let second = r2(
        "  - execute: {postgresql: \"update runs set total = 0\", default: \"update runs set total = 1\"}",
        Some("  - execute: {default: \"select 1\"}"),
    );
    expect_none(&second, &[], "execute-missing-dialect");
}

#[test]
fn a_dialect_type_on_another_dialect() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: doc, type: postgresql.JSONB}}",
        None,
    );
    let note = expect_note(
        &second,
        &["--dialect", "mysql"],
        "dialect-type-elsewhere",
        "upgrade",
        5,
    );
    assert!(note["message"]
        .as_str()
        .unwrap()
        .contains("postgresql.JSONB"));
    expect_none(
        &second,
        &["--dialect", "postgresql"],
        "dialect-type-elsewhere",
    );
}

#[test]
fn a_guarded_op_that_changes_nothing() {
    let second = r2(
        "  - drop_column: {table: runs, column: gone, if_exists: true}",
        None,
    );
    let note = expect_note(&second, &[], "guarded-op-changes-nothing", "upgrade", 5);
    assert_eq!(note["severity"], "info");
    assert!(note["message"]
        .as_str()
        .unwrap()
        .contains("column `gone` is not in table `runs`"));
}

#[test]
fn a_guarded_op_that_acts_is_no_news() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: note, type: Text}, if_not_exists: true}",
        None,
    );
    expect_none(&second, &[], "guarded-op-changes-nothing");
}

#[test]
fn a_dialect_type_in_a_mapping() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: doc, type: {postgresql: postgresql.JSONB, default: JSON}}}",
        None,
    );
    expect_none(&second, &[], "dialect-type-elsewhere");
}

#[test]
fn an_identifier_longer_than_the_dialect_allows() {
    let long = format!("ix_runs_{}", "s".repeat(60));
    let second = r2(
        &format!("  - create_index: {{name: {long}, table: runs, columns: [status]}}"),
        None,
    );
    let note = expect_note(
        &second,
        &["--dialect", "postgresql"],
        "identifier-too-long",
        "upgrade",
        5,
    );
    assert!(note["message"].as_str().unwrap().contains("allows 63"));
    expect_none(&second, &["--dialect", "mssql"], "identifier-too-long");
}

// ---------------------------------------------------------------------------
// Raw SQL

#[test]
fn execute_text_is_raw_sql() {
    let second = r2(
        "  - execute: \"UPDATE runs\n      SET total = 0\"",
        Some("  - drop_column: {table: runs, column: total}"),
    );
    let note = expect_note(&second, &[], "raw-sql", "upgrade", 5);
    assert_eq!(note["severity"], "info");
    assert_eq!(note["category"], "raw");
    assert_eq!(note["op"], "execute");
    assert_eq!(note["dialects"], serde_json::json!([]));
    assert_eq!(
        note["message"],
        "passes SQL through unescaped: the text `UPDATE runs SET total = 0`"
    );
}

#[test]
fn every_raw_part_of_an_op_is_named_once_per_dialect_group() {
    let second = r2(
        "  - create_table:
      name: docs
      columns:
        - {name: id, type: Integer, primary_key: true}
        - {name: body, type: {sql: TSVECTOR}}
        - {name: at, type: DateTime, server_default: {postgresql: {sql: now()}, default: '2020-01-01'}}
      constraints:
        - check: {condition: id > 0}
      indexes:
        - {name: ix_docs_lower, columns: [{sql: lower(body)}], where: id > 10}",
        None,
    );
    let project = lint_support::project(&second);
    // MariaDB has no index on an expression: the project is not one of its.
    support::write(
        project.path(),
        "retort.yaml",
        "targets: [postgresql, sqlite, mssql, oracle]\n",
    );
    let (_, notes) = lint_support::check_json(&project, &[]);
    let raw = lint_support::of_rule(&notes, "raw-sql");
    let messages: Vec<(String, String)> = raw
        .iter()
        .map(|n| {
            (
                n["message"].as_str().unwrap().to_owned(),
                n["dialects"].to_string(),
            )
        })
        .collect();
    let common = "passes SQL through unescaped: the type of column `docs.body` `TSVECTOR`";
    let rest = "the check condition `id > 0`; an expression of index `ix_docs_lower` \
                `lower(body)`; the `where:` of index `ix_docs_lower` `id > 10`";
    assert_eq!(
        messages,
        [
            (
                format!("{common}; the server_default of column `docs.at` `now()`; {rest}"),
                r#"["postgresql"]"#.to_owned()
            ),
            (
                format!("{common}; {rest}"),
                r#"["sqlite","mssql","oracle"]"#.to_owned()
            ),
        ]
    );
}

#[test]
fn check_conditions_and_using_are_raw_sql() {
    let second = r2(
        "  - create_check_constraint: {name: ck_total, table: runs, condition: total >= 0}",
        None,
    );
    let note = expect_note(&second, &[], "raw-sql", "upgrade", 5);
    assert!(note["message"]
        .as_str()
        .unwrap()
        .ends_with("the condition `total >= 0`"));
    let second = r2(
        "  - alter_column: {table: runs, column: total, type: BigInteger, using: total::bigint}",
        Some("  - alter_column: {table: runs, column: total, type: Integer}"),
    );
    let note = expect_note(&second, &[], "raw-sql", "upgrade", 5);
    assert!(note["message"]
        .as_str()
        .unwrap()
        .ends_with("the `using:` of column `runs.total` `total::bigint`"));
}

#[test]
fn quoted_and_escaped_values_are_not_raw_sql() {
    let second = r2(
        "  - add_column: {table: runs, column: {name: note, type: Text, server_default: \"it's\"}}
  - bulk_insert: {table: runs, rows: [{id: 1, status: \"'; DROP TABLE runs; --\"}]}
  - create_index: {name: ix_runs_status, table: runs, columns: [status]}",
        Some("  - drop_index: {name: ix_runs_status, table: runs}\n  - drop_column: {table: runs, column: note}"),
    );
    expect_none(&second, &[], "raw-sql");
}
