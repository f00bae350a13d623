//! Unit tests of the schema model: replay, validation, completion, inversion
//! and rebuild grouping, on ops parsed from YAML as a revision file has them.

use super::*;
use crate::location::Location;
use crate::revision::*;

/// Ops from a YAML list; op `i` is placed at line `i + 1` of `rev.yaml`.
fn ops(yaml: &str) -> Vec<OpEntry> {
    crate::test_fixtures::ops_in("rev.yaml", yaml)
}

fn revision(id: &str, upgrade: &str, downgrade: Option<&str>) -> Revision {
    crate::test_fixtures::revision(id, ops(upgrade), downgrade.map(ops))
}

const BASE: &str = r#"
- create_enum: {name: kind, values: [a, b]}
- create_table:
    name: ingestions
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: tenant, type: String(32), nullable: false, index: true}
      - {name: name, type: String(255), server_default: "x", comment: "the name"}
      - {name: kind, type: "Enum('a', 'b', name='kind')"}
    comment: sources
- create_table:
    name: runs
    columns:
      - {name: id, type: Integer, primary_key: true}
      - name: ingestion_id
        type: Integer
        nullable: false
        foreign_key: {table: ingestions, column: id, name: fk_runs_ingestion}
      - {name: status, type: String(32), nullable: false}
      - {name: files, type: Integer, server_default: 0}
    constraints:
      - check: {condition: "files >= 0", name: ck_files}
      - unique: {columns: [ingestion_id, status], name: uq_runs}
"#;

fn base() -> Schema {
    let mut schema = Schema::new();
    apply_ops(&mut schema, &ops(BASE), None).expect("the base schema replays");
    schema
}

fn apply_one(schema: &mut Schema, yaml: &str) -> Result<OpEntry, SchemaError> {
    let mut done = apply_ops(schema, &ops(yaml), None)?;
    Ok(done.remove(0))
}

fn error_of(yaml: &str) -> SchemaError {
    apply_one(&mut base(), yaml).expect_err("the op is rejected")
}

/// The schema as the DDL a dump compares: tables (as create_table) and enums.
fn dump(schema: &Schema) -> Vec<String> {
    let mut lines: Vec<String> = schema
        .tables()
        .iter()
        .map(|t| {
            // Engines do not show constraint order: compare them as a set.
            let mut table = t.to_create_table();
            table.constraints.sort_by_key(|c| format!("{c:?}"));
            format!("{table:?}")
        })
        .collect();
    lines.sort();
    for (ns, namespace) in &schema.namespaces {
        for (name, values) in &namespace.enums {
            lines.push(format!("enum {ns:?}.{name} {values:?}"));
        }
    }
    lines
}

#[test]
fn base_schema_is_normalised() {
    let schema = base();
    let runs = schema.table(&None, "runs").unwrap();
    assert_eq!(
        runs.column_names(),
        ["id", "ingestion_id", "status", "files"]
    );
    let names: Vec<Option<&str>> = runs
        .constraints
        .iter()
        .map(state::constraint_name)
        .collect();
    assert_eq!(
        names,
        [
            None,
            Some("ck_files"),
            Some("uq_runs"),
            Some("fk_runs_ingestion")
        ]
    );
    let ingestions = schema.table(&None, "ingestions").unwrap();
    assert_eq!(ingestions.indexes[0].name, "ix_ingestions_tenant");
    assert_eq!(
        schema
            .tables_in_dependency_order()
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["ingestions", "runs"]
    );
}

#[test]
fn missing_names_are_errors_with_suggestions_and_location() {
    let error = error_of("- drop_column: {table: runs, column: stauts}");
    assert_eq!(
        error.to_string(),
        "rev.yaml:1:3: drop_column: column `stauts` in table `runs` does not exist (did you mean `status`?)"
    );
    let error = error_of("- add_column: {table: run, column: {name: x, type: Integer}}");
    assert!(matches!(error.problem, Problem::Missing { .. }));
    assert!(error
        .to_string()
        .contains("table `run` does not exist (did you mean `runs`?)"));
    assert!(error_of("- drop_index: {name: ix_nope}")
        .to_string()
        .contains("index `ix_nope`"));
    assert!(error_of("- drop_constraint: {name: ck_file, table: runs}")
        .to_string()
        .contains("did you mean `ck_files`"));
    assert!(error_of("- drop_enum: {name: knd}")
        .to_string()
        .contains("did you mean `kind`"));
}

#[test]
fn creating_what_exists_is_an_error() {
    for yaml in [
        "- create_table: {name: runs, columns: [{name: id, type: Integer}]}",
        "- add_column: {table: runs, column: {name: status, type: Text}}",
        "- create_index: {name: ix_ingestions_tenant, table: runs, columns: [status]}",
        "- create_check_constraint: {name: ck_files, table: runs, condition: 'files > 1'}",
        "- create_primary_key: {name: pk, table: runs, columns: [id]}",
        "- create_enum: {name: kind, values: [x]}",
        "- alter_column: {table: runs, column: status, new_name: files}",
        "- rename_table: {old: runs, new: ingestions}",
    ] {
        let error = error_of(yaml);
        assert!(
            matches!(error.problem, Problem::AlreadyExists { .. }),
            "{yaml}: {error}"
        );
    }
}

#[test]
fn foreign_keys_need_their_target() {
    let error = error_of(
        "- create_foreign_key: {name: fk, source_table: runs, referent_table: nope, local_cols: [id], remote_cols: [id]}",
    );
    assert!(
        error
            .to_string()
            .contains("table `nope` (referenced by foreign key `fk`) does not exist"),
        "{error}"
    );
    let error = error_of(
        "- create_foreign_key: {name: fk, source_table: runs, referent_table: ingestions, local_cols: [id], remote_cols: [idd]}",
    );
    assert!(
        error
            .to_string()
            .contains("column `idd` in table `ingestions`"),
        "{error}"
    );
    let error = error_of(
        "- add_column: {table: runs, column: {name: parent, type: Integer, foreign_key: {table: runz, column: id}}}",
    );
    assert!(
        error.to_string().contains("(did you mean `runs`?)"),
        "{error}"
    );
    // A self-reference in create_table is fine.
    apply_one(
        &mut base(),
        "- create_table: {name: tree, columns: [{name: id, type: Integer, primary_key: true}, {name: parent, type: Integer, foreign_key: {table: tree, column: id}}]}",
    )
    .unwrap();
}

#[test]
fn dropping_what_is_still_used_is_an_error() {
    let error = error_of("- drop_column: {table: ingestions, column: tenant}");
    assert!(matches!(error.problem, Problem::StillUsed { .. }));
    assert!(
        error.to_string().contains("index `ix_ingestions_tenant`"),
        "{error}"
    );
    let error = error_of("- drop_column: {table: runs, column: status}");
    assert!(
        error.to_string().contains("unique constraint `uq_runs`"),
        "{error}"
    );
    let error = error_of("- drop_column: {table: ingestions, column: id}");
    assert!(
        error
            .to_string()
            .contains("foreign key `fk_runs_ingestion` of table `runs`"),
        "{error}"
    );
    let error = error_of("- drop_table: ingestions");
    assert!(
        error
            .to_string()
            .contains("foreign key `fk_runs_ingestion`"),
        "{error}"
    );
    let error = error_of("- drop_enum: {name: kind}");
    assert!(
        error
            .to_string()
            .contains("column `kind` of table `ingestions`"),
        "{error}"
    );
}

#[test]
fn bulk_insert_checks_columns_and_values() {
    let error = error_of("- bulk_insert: {table: runs, rows: [{id: 1, stauts: x}]}");
    assert!(
        error.to_string().contains("did you mean `status`"),
        "{error}"
    );
    let error = error_of("- bulk_insert: {table: runs, rows: [{id: 1, ingestion_id: 1, status: a}, {id: '2', ingestion_id: 1, status: a}]}");
    assert!(
        matches!(error.problem, Problem::BadValue { row: 2, .. }),
        "{error}"
    );
    let error = error_of(&format!(
        "- bulk_insert: {{table: runs, rows: [{{id: 1, status: {}}}]}}",
        "x".repeat(33)
    ));
    assert!(error.to_string().contains("the column holds 32"), "{error}");
    apply_one(
        &mut base(),
        "- bulk_insert: {table: runs, rows: [{id: 1, ingestion_id: 1, status: ok, files: null}]}",
    )
    .unwrap();
    // id is autoincrement, files nullable: only status is missing.
    let error = error_of("- bulk_insert: {table: runs, rows: [{ingestion_id: 1}]}");
    assert!(
        error
            .to_string()
            .contains("row 1, column `status`: left out, but the column is NOT NULL"),
        "{error}"
    );
}

#[test]
fn alter_column_is_completed_from_the_model() {
    let mut schema = base();
    let done = apply_one(
        &mut schema,
        "- alter_column: {table: ingestions, column: name, new_name: title}",
    )
    .unwrap();
    let Op::AlterColumn(alter) = done.op else {
        panic!()
    };
    assert_eq!(
        alter.existing_type,
        Some(crate::types::ColumnType::String {
            length: Some(255),
            collation: None
        })
    );
    assert_eq!(alter.existing_nullable, Some(true));
    assert_eq!(
        alter.existing_server_default,
        Some(ServerDefault::String("x".into()))
    );
    assert_eq!(alter.existing_comment.as_deref(), Some("the name"));
    assert_eq!(alter.existing_autoincrement, Some(false));
    let done = apply_one(
        &mut schema,
        "- alter_column: {table: runs, column: id, type: BigInteger}",
    )
    .unwrap();
    let Op::AlterColumn(alter) = done.op else {
        panic!()
    };
    assert_eq!(alter.existing_autoincrement, Some(true));
    assert!(schema
        .table(&None, "ingestions")
        .unwrap()
        .column("title")
        .is_some());
}

#[test]
fn an_explicit_existing_fact_must_agree_with_the_model() {
    let error = error_of(
        "- alter_column: {table: runs, column: status, existing_type: String(64), nullable: true}",
    );
    assert_eq!(
        error.to_string(),
        "rev.yaml:1:3: alter_column: `existing_type: String(64)` contradicts the schema model, \
         which has String(32) here; remove the key or correct it"
    );
    let error = error_of(
        "- alter_column: {table: runs, column: status, existing_nullable: true, nullable: true}",
    );
    assert!(matches!(
        error.problem,
        Problem::Contradicts {
            key: "existing_nullable",
            ..
        }
    ));
    let error = error_of("- drop_constraint: {name: ck_files, table: runs, type: unique}");
    assert!(matches!(
        error.problem,
        Problem::Contradicts { key: "type", .. }
    ));
    let error = error_of("- drop_index: {name: ix_ingestions_tenant, table: runs}");
    assert!(matches!(
        error.problem,
        Problem::Contradicts { key: "table", .. }
    ));
    apply_one(
        &mut base(),
        "- alter_column: {table: runs, column: status, existing_type: String(32), existing_nullable: false, nullable: true}",
    )
    .unwrap();
}

#[test]
fn drops_are_completed_from_the_model() {
    let mut schema = base();
    let done = apply_ops(
        &mut schema,
        &ops("
- drop_constraint: {name: ck_files, table: runs}
- drop_index: {name: ix_ingestions_tenant}
- drop_constraint: {name: fk_runs_ingestion, table: runs}
- drop_column: {table: runs, column: files}
- drop_table_comment: {table: ingestions}
- drop_column: {table: ingestions, column: kind}
- drop_enum: {name: kind}
"),
        None,
    )
    .unwrap();
    let ops: Vec<&Op> = done.iter().map(|e| &e.op).collect();
    assert!(matches!(ops[1], Op::DropIndex(d) if d.table.as_deref() == Some("ingestions")));
    assert!(matches!(ops[2], Op::DropConstraint(d) if d.type_ == Some(ConstraintKind::Foreignkey)));
    assert!(
        matches!(ops[3], Op::DropColumn(d) if d.existing.as_ref().is_some_and(|c| c.server_default == Some(ServerDefault::Number("0".into()))))
    );
    assert!(
        matches!(ops[4], Op::DropTableComment(d) if d.existing_comment.as_deref() == Some("sources"))
    );
    assert!(matches!(ops[6], Op::DropEnum(d) if d.values == Some(vec!["a".into(), "b".into()])));
}

#[test]
fn renames_follow_into_foreign_keys_and_indexes() {
    let mut schema = base();
    apply_ops(
        &mut schema,
        &ops("
- rename_table: {old: ingestions, new: sources}
- alter_column: {table: sources, column: id, new_name: source_id}
- alter_column: {table: sources, column: tenant, new_name: tenant_id}
"),
        None,
    )
    .unwrap();
    let runs = schema.table(&None, "runs").unwrap();
    let Some(TableConstraint::ForeignKey(fk)) = runs.constraint("fk_runs_ingestion") else {
        panic!()
    };
    assert_eq!(
        (fk.ref_table.as_str(), fk.ref_columns.as_slice()),
        ("sources", &["source_id".to_owned()][..])
    );
    let sources = schema.table(&None, "sources").unwrap();
    assert_eq!(
        sources.indexes[0].columns,
        [IndexColumn::Name("tenant_id".into())]
    );
}

/// The schema model finds foreign keys through an index kept as tables
/// change (and, in tests, checks it against a scan of every table).
#[test]
fn foreign_keys_are_found_after_renames_and_drops() {
    let mut schema = base();
    apply_ops(
        &mut schema,
        &ops("
- rename_table: {old: ingestions, new: sources}
- create_table: {name: tree, columns: [{name: id, type: Integer, primary_key: true}, {name: parent, type: Integer, foreign_key: {table: tree, column: id, name: fk_tree}}]}
- rename_table: {old: tree, new: forest}
"),
        None,
    )
    .unwrap();
    let error = apply_one(&mut schema, "- drop_table: sources").unwrap_err();
    assert!(error.to_string().contains("fk_runs_ingestion"), "{error}");
    let error = apply_one(&mut schema, "- drop_column: {table: forest, column: id}").unwrap_err();
    assert!(error.to_string().contains("fk_tree"), "{error}");

    apply_one(
        &mut schema,
        "- drop_constraint: {name: fk_runs_ingestion, table: runs, type: foreignkey}",
    )
    .unwrap();
    apply_one(&mut schema, "- drop_table: sources").unwrap();
    apply_one(&mut schema, "- drop_table: forest").unwrap();
    assert!(schema.references_to(&None, "sources").is_empty());
}

#[test]
fn automatic_downgrades_restore_the_schema() {
    let upgrade = "
- create_table:
    name: tags
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: mood, type: \"Enum('happy', 'sad', name='mood')\"}
- add_column: {table: runs, column: {name: note, type: Text, index: true}}
- drop_constraint: {name: ck_files, table: runs}
- drop_column: {table: runs, column: files}
- alter_column: {table: runs, column: status, type: String(64), nullable: true, server_default: queued, new_name: state, comment: c}
- drop_constraint: {name: uq_runs, table: runs}
- create_unique_constraint: {name: uq_runs2, table: runs, columns: [state]}
- drop_index: {name: ix_ingestions_tenant}
- create_index: {name: ix_runs_state, table: runs, columns: [state], where: \"state <> 'done'\"}
- drop_constraint: {name: fk_runs_ingestion, table: runs}
- create_foreign_key: {name: fk2, source_table: runs, referent_table: ingestions, local_cols: [ingestion_id], remote_cols: [id], ondelete: CASCADE}
- create_table_comment: {table: ingestions, comment: new}
- drop_table_comment: {table: ingestions}
- rename_table: {old: runs, new: executions}
- execute: {sql: 'UPDATE x SET y = 1', reverse: 'UPDATE x SET y = 0'}
- create_enum: {name: colour, values: [red]}
- drop_table: executions
";
    let rev = revision("r1", upgrade, None);
    let before = base();
    let mut schema = before.clone();
    apply_ops(&mut schema, &rev.upgrade, None).unwrap();
    assert!(schema.namespace(&None).unwrap().enums.contains_key("mood"));
    let downgrade = downgrade_ops(&rev, Some(&before)).unwrap();
    assert!(matches!(&downgrade[0].op, Op::CreateTable(t) if t.name == "executions"));
    assert!(matches!(&downgrade.last().unwrap().op, Op::DropEnum(e) if e.name == "mood"));
    apply_ops(&mut schema, &downgrade, None).unwrap();
    // A dropped column comes back at the end, as with Alembic; otherwise the same.
    let mut expected = before.clone();
    let runs = expected.table_mut(&None, "runs").unwrap();
    let files = runs.columns.remove(3);
    runs.columns.push(files);
    assert_eq!(dump(&schema), dump(&expected));
}

#[test]
fn ops_that_cannot_be_inverted_name_the_op() {
    let rev = revision(
        "r1",
        "- create_index: {name: ix, table: runs, columns: [status]}\n- execute: DELETE FROM runs",
        None,
    );
    let error = downgrade_ops(&rev, Some(&base())).unwrap_err();
    assert_eq!(error.location, Location::new("rev.yaml", 2, 3));
    assert!(
        error
            .to_string()
            .contains("execute: revision r1 has no `downgrade:`"),
        "{error}"
    );
    assert!(
        error.to_string().contains("write an explicit `downgrade:`"),
        "{error}"
    );
    // A row that leaves its key to the engine cannot be told apart.
    let rev = revision(
        "r1",
        "- bulk_insert: {table: runs, rows: [{ingestion_id: 1, status: a}]}",
        None,
    );
    let error = downgrade_ops(&rev, Some(&base())).unwrap_err();
    assert!(
        matches!(error.problem, Problem::NotInvertible { .. })
            && error.to_string().contains("gives no value to `id`"),
        "{error}"
    );
}

#[test]
fn rows_inserted_into_an_earlier_table_are_deleted_by_their_key_last_first() {
    let rev = revision(
        "r1",
        "- bulk_insert: {table: runs, rows: [{id: 1, ingestion_id: 1, status: a}, {id: 2, ingestion_id: 1, status: b}]}",
        None,
    );
    let inverse = downgrade_ops(&rev, Some(&base())).expect("invertible");
    let [entry] = inverse.as_slice() else {
        panic!("{inverse:?}")
    };
    let Op::DeleteRows(delete) = &entry.op else {
        panic!("{inverse:?}")
    };
    let number = |n: &str| vec![("id".to_owned(), Literal::Number(n.into()))];
    assert_eq!(
        (delete.table.as_str(), &delete.keys),
        ("runs", &vec![number("2"), number("1")])
    );
}

#[test]
fn rows_inserted_into_a_table_of_the_same_revision_need_no_inverse() {
    let rev = revision(
        "r1",
        r#"
- create_table:
    name: levels
    columns: [{name: id, type: Integer, primary_key: true}]
- bulk_insert: {table: levels, rows: [{id: 1}, {id: 2}]}
"#,
        None,
    );
    let inverse = downgrade_ops(&rev, Some(&base())).expect("invertible");
    let names: Vec<&str> = inverse.iter().map(|entry| entry.op.name()).collect();
    assert_eq!(names, ["drop_table"]);
}

#[test]
fn an_unnamed_constraint_is_dropped_by_the_engines_name_in_a_derived_downgrade() {
    let postgresql = crate::test_fixtures::facts("postgresql");
    let mut schema = Schema::on(&postgresql);
    apply_ops(&mut schema, &ops(BASE), None).expect("the base schema replays");
    let rev = revision(
        "r1",
        "- create_unique_constraint: {table: runs, columns: [status]}",
        None,
    );
    let inverse = downgrade_ops(&rev, Some(&schema)).expect("invertible");
    assert!(
        matches!(&inverse[0].op, Op::DropConstraint(d) if d.name.as_deref() == Some("runs_status_key")),
        "{inverse:?}"
    );
}

#[test]
fn name_null_with_a_type_alone_finds_the_one_unnamed_constraint_of_that_type() {
    let postgresql = crate::test_fixtures::facts("postgresql");
    let mut schema = Schema::on(&postgresql);
    apply_ops(&mut schema, &ops(BASE), None).expect("the base schema replays");
    let one = "- create_unique_constraint: {table: runs, columns: [status]}\n- drop_constraint: {name: null, table: runs, type: unique}";
    let mut once = schema.clone();
    let done = apply_ops(&mut once, &ops(one), None).expect("one unnamed unique: found");
    assert!(
        matches!(&done[1].op, Op::DropConstraint(d) if d.name.as_deref() == Some("runs_status_key")),
        "{done:?}"
    );
    let two = "- create_unique_constraint: {table: runs, columns: [status]}\n- create_unique_constraint: {table: runs, columns: [files]}\n- drop_constraint: {name: null, table: runs, type: unique}";
    let error = apply_ops(&mut schema, &ops(two), None).expect_err("two: ambiguous");
    assert!(
        error
            .to_string()
            .contains("more than one unique constraint created without a name"),
        "{error}"
    );
}

fn sqlite() -> DialectFacts {
    crate::test_fixtures::facts("sqlite")
}

#[test]
fn consecutive_rebuild_ops_on_one_table_share_one_rebuild() {
    let mut schema = base();
    let done = apply_ops(
        &mut schema,
        &ops("
- alter_column: {table: runs, column: status, type: String(64), nullable: true, new_name: state}
- alter_column: {table: runs, column: files, type: String(10)}
- create_check_constraint: {name: ck_state, table: runs, condition: \"state <> ''\"}
- create_index: {name: ix_runs_state, table: runs, columns: [state]}
- alter_column: {table: runs, column: ingestion_id, new_name: source_id}
- drop_constraint: {name: ck_state, table: runs}
- drop_constraint: {name: ck_files, table: runs}
"),
        Some(&sqlite()),
    )
    .unwrap();
    let names: Vec<&str> = done.iter().map(|e| e.op.name()).collect();
    assert_eq!(
        names,
        [
            "rebuild_table",
            "create_index",
            "alter_column",
            "rebuild_table"
        ]
    );
    let Op::RebuildTable(first) = &done[0].op else {
        panic!()
    };
    assert_eq!(first.temp_table, "_alembic_tmp_runs");
    assert_eq!(first.create.name, "_alembic_tmp_runs");
    let copied: Vec<(&str, &str, bool)> = first
        .copy
        .iter()
        .map(|c| (c.name.as_str(), c.source.as_str(), c.cast.is_some()))
        .collect();
    assert_eq!(
        copied,
        [
            ("id", "id", false),
            ("ingestion_id", "ingestion_id", false),
            ("state", "status", false),
            ("files", "files", true)
        ]
    );
    assert!(first
        .create
        .constraints
        .iter()
        .any(|c| state::constraint_name(c) == Some("ck_state")));
    assert_eq!(first.location_free_indexes(), Vec::<String>::new());
    let Op::RebuildTable(second) = &done[3].op else {
        panic!()
    };
    assert!(second
        .create
        .constraints
        .iter()
        .all(|c| !matches!(c, TableConstraint::Check(_))));
    assert_eq!(
        second
            .indexes
            .iter()
            .map(|i| i.name.as_str())
            .collect::<Vec<_>>(),
        ["ix_runs_state"]
    );
    assert_eq!(done[0].location.line, 1);
}

impl RebuildTable {
    fn location_free_indexes(&self) -> Vec<String> {
        self.indexes.iter().map(|i| i.name.clone()).collect()
    }
}

#[test]
fn a_rename_alone_needs_no_rebuild() {
    let mut schema = base();
    let done = apply_ops(
        &mut schema,
        &ops("- alter_column: {table: runs, column: status, new_name: state}"),
        Some(&sqlite()),
    )
    .unwrap();
    assert_eq!(done[0].op.name(), "alter_column");
}

#[test]
fn validate_history_walks_up_and_down() {
    let r1 = revision("r1", BASE, None);
    let mut r2 = revision(
        "r2",
        "- add_column: {table: runs, column: {name: note, type: Text}}",
        None,
    );
    r2.down_revisions = vec!["r1".into()];
    assert_eq!(validate_history(&[&r1, &r2], &[sqlite()]), Vec::new());
    let r3 = revision(
        "r3",
        "- drop_column: {table: runs, column: note}",
        Some("- drop_column: {table: runs, column: nope}"),
    );
    let problems = validate_history(&[&r1, &r2, &r3], &[sqlite()]);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().contains("column `nope`"));
}

#[test]
fn a_table_creates_only_the_enum_types_that_do_not_exist() {
    let mut schema = base();
    let done = apply_ops(
        &mut schema,
        &ops("
- create_table:
    name: more
    columns:
      - {name: kind, type: \"Enum('a', 'b', name='kind')\"}
      - {name: mood, type: \"Enum('up', 'down', name='mood')\"}
      - {name: mood2, type: \"Enum('up', 'down', name='mood')\"}
"),
        None,
    )
    .unwrap();
    let Op::CreateTable(table) = &done[0].op else {
        panic!()
    };
    assert_eq!(table.creates_enums, Some(vec!["mood".to_owned()]));
    let error = apply_one(
        &mut schema,
        "- create_table: {name: other, columns: [{name: m, type: \"Enum('x', name='mood')\"}]}",
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("enum type `mood` with values (x), but it exists with values (up, down)"),
        "{error}"
    );
}

#[test]
fn the_inverse_of_drop_table_recreates_the_table_but_not_its_enum_type() {
    let rev = revision(
        "r1",
        "- drop_table: {name: runs}\n- drop_table: {name: ingestions}",
        None,
    );
    let before = base();
    let mut schema = before.clone();
    apply_ops(&mut schema, &rev.upgrade, None).unwrap();
    let downgrade = downgrade_ops(&rev, Some(&before)).unwrap();
    let done = apply_ops(&mut schema, &downgrade, None).unwrap();
    let Op::CreateTable(ingestions) = &done[0].op else {
        panic!()
    };
    assert_eq!(ingestions.name, "ingestions");
    assert_eq!(ingestions.creates_enums, Some(Vec::new()));
    assert_eq!(dump(&schema), dump(&before));
}

#[test]
fn the_creation_ops_of_a_schema_rebuild_it_from_nothing() {
    let mut schema = base();
    apply_ops(
        &mut schema,
        &ops("
- create_enum: {name: lonely, values: [x]}
- create_table:
    name: a
    columns: [{name: id, type: Integer, primary_key: true}, {name: b_id, type: Integer}]
- create_table:
    name: b
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: a_id, type: Integer, foreign_key: {table: a, column: id, name: fk_b_a}}
- create_foreign_key: {name: fk_a_b, source_table: a, referent_table: b, local_cols: [b_id], remote_cols: [id]}
- rename_table: {old: ingestions, new: zz_sources}
"),
        None,
    )
    .unwrap();
    let creation = dump::creation_ops(&schema, &Location::new("r.yaml", 1, 1));
    let names: Vec<String> = creation
        .iter()
        .map(|e| match &e.op {
            Op::CreateTable(t) => t.name.clone(),
            other => other.name().to_owned(),
        })
        .collect();
    assert_eq!(
        names,
        [
            "create_enum",
            "zz_sources",
            "runs",
            "a",
            "b",
            "create_foreign_key"
        ]
    );
    let mut rebuilt = Schema::new();
    apply_ops(&mut rebuilt, &creation, None).unwrap();
    assert_eq!(dump(&rebuilt), dump(&schema));
}

fn chain() -> crate::graph::RevisionGraph {
    let r1 = revision("r1", BASE, None);
    let mut r2 = revision(
        "r2",
        "- alter_column: {table: runs, column: status, type: String(64)}\n- create_check_constraint: {name: ck_s, table: runs, condition: \"status <> ''\"}",
        None,
    );
    r2.down_revisions = vec!["r1".into()];
    let mut r3 = revision("r3", "- drop_index: {name: ix_ingestions_tenant}", None);
    r3.down_revisions = vec!["r2".into()];
    crate::graph::RevisionGraph::build(vec![r1, r2, r3]).unwrap()
}

#[test]
fn step_ops_replays_what_comes_before_a_mid_way_range() {
    let graph = chain();
    let plan = crate::plan::upgrade(&graph, "r2:r3").unwrap();
    let ops = step_ops(&plan, &plan.revisions_before(&graph), &sqlite()).unwrap();
    let Op::DropIndex(drop) = &ops[0][0].op else {
        panic!()
    };
    assert_eq!(drop.table.as_deref(), Some("ingestions"));

    let plan = crate::plan::upgrade(&graph, "r1:r2").unwrap();
    let ops = step_ops(&plan, &plan.revisions_before(&graph), &sqlite()).unwrap();
    assert_eq!(ops[0].len(), 1, "one rebuild for both ops: {:?}", ops[0]);
    assert_eq!(ops[0][0].op.name(), "rebuild_table");
}

#[test]
fn step_ops_derives_automatic_downgrades() {
    let graph = chain();
    let plan = crate::plan::downgrade(&graph, "r3:r1").unwrap();
    let ops = step_ops(&plan, &plan.revisions_before(&graph), &sqlite()).unwrap();
    let names: Vec<Vec<&str>> = ops
        .iter()
        .map(|step| step.iter().map(|e| e.op.name()).collect())
        .collect();
    assert_eq!(names, [vec!["create_index"], vec!["rebuild_table"]]);
    let Op::RebuildTable(rebuild) = &ops[1][0].op else {
        panic!()
    };
    let status = rebuild
        .create
        .columns
        .iter()
        .find(|c| c.name == "status")
        .unwrap();
    assert_eq!(
        status.type_,
        crate::types::ColumnType::String {
            length: Some(32),
            collation: None
        }
    );
    assert!(rebuild
        .create
        .constraints
        .iter()
        .all(|c| state::constraint_name(c) != Some("ck_s")));
}

#[test]
fn add_column_needs_its_enum_type_to_exist() {
    let error = error_of(
        "- add_column: {table: runs, column: {name: mood, type: \"Enum('up', name='mood')\"}}",
    );
    assert!(
        error
            .to_string()
            .contains("enum type `mood` does not exist; only create_table creates"),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("create_enum: {name: mood, values: [up]}"),
        "{error}"
    );
    let error =
        error_of("- alter_column: {table: runs, column: status, type: \"Enum('a', name='kind')\"}");
    assert!(
        error
            .to_string()
            .contains("enum type `kind` has values (a, b), not (a)"),
        "{error}"
    );
    apply_one(
        &mut base(),
        "- add_column: {table: runs, column: {name: k, type: \"Enum('a', 'b', name='kind')\"}}",
    )
    .unwrap();
}

#[test]
fn a_key_column_in_a_foreign_key_is_not_autoincrement() {
    let mut schema = base();
    apply_one(
        &mut schema,
        "- create_table: {name: profile, columns: [{name: run_id, type: Integer, primary_key: true, foreign_key: {table: runs, column: id}}]}",
    )
    .unwrap();
    let profile = schema.table(&None, "profile").unwrap();
    assert_eq!(profile.autoincrement_column(), None);
    assert_eq!(
        profile.to_create_table().columns[0].autoincrement,
        Some(false)
    );
    let runs = schema.table(&None, "runs").unwrap();
    assert_eq!(runs.autoincrement_column(), Some("id"));
    assert_eq!(runs.to_create_table().columns[0].autoincrement, None);
}

#[test]
fn a_column_named_in_a_check_or_an_index_expression_is_in_use() {
    let mut schema = base();
    apply_ops(
        &mut schema,
        &ops("
- add_column: {table: runs, column: {name: note, type: Text}}
- add_column: {table: runs, column: {name: other, type: Text}}
- create_check_constraint: {name: ck_note, table: runs, condition: \"note <> 'other' AND \\\"status\\\" <> ''\"}
- create_index: {name: ix_lower, table: ingestions, columns: [{sql: lower(name)}]}
"),
        None,
    )
    .unwrap();
    let error = apply_one(
        &mut schema.clone(),
        "- drop_column: {table: runs, column: note}",
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("check constraint `ck_note`"),
        "{error}"
    );
    // Inside a string literal it is not a column.
    apply_one(
        &mut schema.clone(),
        "- drop_column: {table: runs, column: other}",
    )
    .unwrap();
    let error = apply_one(
        &mut schema.clone(),
        "- drop_column: {table: ingestions, column: name}",
    )
    .unwrap_err();
    assert!(error.to_string().contains("index `ix_lower`"), "{error}");
    assert!(state::sql_names_identifier("\"Status\" > 0", "Status"));
    assert!(!state::sql_names_identifier("statuses > 0", "status"));
}

#[test]
fn a_column_enum_type_is_in_the_default_schema_whatever_the_table() {
    let mut schema = base();
    let done = apply_one(
        &mut schema,
        "- create_table: {name: audit_log, schema: audit, columns: [{name: kind, type: \"Enum('a', 'b', name='kind')\"}, {name: m, type: \"Enum('x', name='mood')\"}]}",
    )
    .unwrap();
    let Op::CreateTable(table) = done.op else {
        panic!()
    };
    assert_eq!(table.creates_enums, Some(vec!["mood".to_owned()]));
    assert!(schema.namespace(&None).unwrap().enums.contains_key("mood"));
    let error = apply_one(&mut schema.clone(), "- drop_enum: {name: mood}").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("column `m` of table `audit.audit_log`"),
        "{error}"
    );
}

#[test]
fn a_dialect_mapping_with_a_named_enum_creates_the_type() {
    let mut schema = base();
    let done = apply_one(
        &mut schema,
        "- create_table: {name: t, columns: [{name: m, type: {postgresql: \"Enum('x', name='mood')\", default: String(5)}}]}",
    )
    .unwrap();
    let Op::CreateTable(table) = done.op else {
        panic!()
    };
    assert_eq!(table.creates_enums, Some(vec!["mood".to_owned()]));
}

#[test]
fn a_postgresql_enum_with_create_type_false_needs_the_type_and_creates_none() {
    let column = "{name: m, type: \"postgresql.ENUM('x', name='mood', create_type=False)\"}";
    let error = apply_one(
        &mut base(),
        &format!("- create_table: {{name: t, columns: [{column}]}}"),
    )
    .unwrap_err();
    assert!(error.to_string().contains("enum type `mood`"), "{error}");
    let mut schema = base();
    apply_one(&mut schema, "- create_enum: {name: mood, values: [x]}").unwrap();
    let done = apply_one(
        &mut schema,
        &format!("- create_table: {{name: t, columns: [{column}]}}"),
    )
    .unwrap();
    let Op::CreateTable(table) = done.op else {
        panic!()
    };
    assert_eq!(table.creates_enums, Some(Vec::new()));
}

#[test]
fn a_rename_carries_the_new_name_into_checks_or_says_why_it_cannot() {
    let mut schema = base();
    apply_one(
        &mut schema,
        "- alter_column: {table: runs, column: files, new_name: file_count}",
    )
    .expect("the rename replays");
    let runs = schema.table(&None, "runs").expect("runs exists");
    let Some(TableConstraint::Check(check)) = runs.constraint("ck_files") else {
        panic!("ck_files is a check");
    };
    assert_eq!(check.condition, "file_count >= 0");

    let mut schema = base();
    apply_one(
        &mut schema,
        "- create_check_constraint: {name: ck_commented, table: runs, condition: \"files < 9 -- small\"}",
    )
    .expect("the check replays");
    let error = apply_one(
        &mut schema,
        "- alter_column: {table: runs, column: files, new_name: file_count}",
    )
    .expect_err("a commented check is not rewritten");
    let text = error.to_string();
    assert!(text.contains("rev.yaml:1"), "{text}");
    assert!(text.contains("has a comment"), "{text}");
    assert!(
        text.contains("drop the check or index before the rename"),
        "{text}"
    );
    assert!(
        schema
            .table(&None, "runs")
            .unwrap()
            .column("files")
            .is_some(),
        "nothing renamed"
    );
}

#[test]
fn a_key_added_or_dropped_later_does_not_change_which_column_autoincrements() {
    let mut schema = base();
    let later = r#"
- create_table:
    name: tags
    columns:
      - {name: id, type: Integer, nullable: false}
- create_primary_key: {name: null, table: tags, columns: [id]}
- drop_constraint: {name: null, type: primary, table: runs, columns: [id]}
"#;
    apply_ops(&mut schema, &ops(later), None).expect("the ops replay");
    let tags = schema.table(&None, "tags").expect("tags");
    // The engine made a plain INTEGER; the key added later does not make it SERIAL.
    assert_eq!(tags.autoincrement_column(), None);
    let runs = schema.table(&None, "runs").expect("runs");
    // The engine keeps SERIAL's sequence when the key goes.
    assert_eq!(runs.autoincrement_column(), Some("id"));
}

#[test]
fn add_column_with_unnamed_constraints_inverts_by_the_engines_names() {
    // MariaDB drops the unique key with the column, and refuses to drop a
    // column its foreign key uses: the downgrade drops that by its name first.
    let mysql = crate::test_fixtures::facts("mysql");
    let mut schema = Schema::on(&mysql);
    apply_ops(&mut schema, &ops(BASE), None).expect("the base schema replays");
    let rev = revision(
        "r1",
        "- add_column: {table: runs, column: {name: owner_id, type: Integer, unique: true, foreign_key: {table: ingestions, column: id}}}",
        None,
    );
    let before = schema.clone();
    let inverse = downgrade_ops(&rev, Some(&before)).expect("invertible");
    apply_ops(&mut schema, &rev.upgrade, None).expect("the upgrade applies");
    let done = apply_ops(&mut schema, &inverse, None).expect("the downgrade applies");
    let dropped: Vec<Option<&str>> = done
        .iter()
        .filter_map(|entry| match &entry.op {
            Op::DropConstraint(d) => Some(d.name.as_deref()),
            _ => None,
        })
        .collect();
    assert_eq!(dropped, [Some("runs_ibfk_1")]);
    assert_eq!(dump(&schema), dump(&before));
}

#[test]
fn add_column_of_a_primary_key_is_not_invertible_and_names_the_op() {
    let mut schema = Schema::new();
    apply_ops(
        &mut schema,
        &ops("- create_table: {name: bare, columns: [{name: a, type: Integer}]}"),
        None,
    )
    .expect("the table replays");
    let rev = revision(
        "r2",
        "- add_column: {table: bare, column: {name: id, type: Integer, primary_key: true}}",
        None,
    );
    let error = downgrade_ops(&rev, Some(&schema)).expect_err("not invertible");
    assert_eq!(error.op, "add_column");
    assert!(
        error.to_string().contains(
            "revision r2 has no `downgrade:` and this op cannot be inverted automatically \
             (column `id` is an unnamed primary key)"
        ),
        "{error}"
    );
}

#[test]
fn guarded_ops_on_what_the_model_knows_is_there_or_absent_change_nothing() {
    let upgrade = "
- add_column: {table: runs, column: {name: status, type: Text}, if_not_exists: true}
- drop_column: {table: runs, column: gone, if_exists: true}
- drop_constraint: {name: uq_gone, table: runs, type: unique, if_exists: true}
";
    let rev = revision("r1", upgrade, None);
    let before = base();
    let mut schema = before.clone();
    let done = apply_ops(&mut schema, &rev.upgrade, Some(&sqlite())).unwrap();
    assert_eq!(dump(&schema), dump(&before));
    assert!(done.iter().all(|entry| entry.op.changes_nothing()));
    // No table rebuild on SQLite for a drop_constraint that drops nothing.
    assert!(matches!(&done[2].op, Op::DropConstraint(_)));
    assert!(downgrade_ops(&rev, Some(&before)).unwrap().is_empty());
    // Without the guard, each is the error it always was.
    for unguarded in [
        "- add_column: {table: runs, column: {name: status, type: Text}}",
        "- drop_column: {table: runs, column: gone}",
        "- drop_constraint: {name: uq_gone, table: runs, type: unique}",
    ] {
        assert!(apply_one(&mut base(), unguarded).is_err(), "{unguarded}");
    }
}

#[test]
fn guarded_ops_on_what_is_there_apply_and_invert_as_alembic_reverses_them() {
    let upgrade = "
- add_column: {table: runs, column: {name: note, type: Text}, if_not_exists: true}
- drop_constraint: {name: ck_files, table: runs}
- drop_column: {table: runs, column: files, if_exists: true}
- drop_constraint: {name: uq_runs, table: runs, type: unique, if_exists: true}
";
    let rev = revision("r1", upgrade, None);
    let before = base();
    let mut schema = before.clone();
    let done = apply_ops(&mut schema, &rev.upgrade, None).unwrap();
    assert!(done.iter().all(|entry| !entry.op.changes_nothing()));
    let runs = schema.table(&None, "runs").unwrap();
    assert!(runs.column("note").is_some() && runs.column("files").is_none());
    assert!(runs.constraint("uq_runs").is_none());
    let downgrade = downgrade_ops(&rev, Some(&before)).unwrap();
    // Alembic's reverse of an `if_not_exists` add is an `if_exists` drop,
    // and the other way round.
    assert!(matches!(&downgrade[1].op, Op::AddColumn(a) if a.if_not_exists));
    assert!(matches!(&downgrade[3].op, Op::DropColumn(d) if d.if_exists && d.column == "note"));
    apply_ops(&mut schema, &downgrade, None).unwrap();
    let mut expected = before.clone();
    let runs = expected.table_mut(&None, "runs").unwrap();
    let files = runs.columns.remove(3);
    runs.columns.push(files);
    assert_eq!(dump(&schema), dump(&expected));
}

#[test]
fn renamed_indexes_and_constraints_follow_in_the_model_and_rename_back() {
    let upgrade = "
- rename_index: {old: ix_ingestions_tenant, new: ix_ingestions_owner}
- rename_constraint: {table: runs, old: uq_runs, new: uq_runs_status}
- rename_constraint: {table: runs, old: fk_runs_ingestion, new: fk_runs_source}
";
    let rev = revision("r1", upgrade, None);
    let before = base();
    let mut schema = before.clone();
    let done = apply_ops(&mut schema, &rev.upgrade, None).unwrap();
    assert!(matches!(&done[0].op, Op::RenameIndex(r) if r.table.as_deref() == Some("ingestions")));
    assert!(
        matches!(&done[2].op, Op::RenameConstraint(r) if r.type_ == Some(ConstraintKind::Foreignkey))
    );
    assert!(schema.index_owner(&None, "ix_ingestions_owner").is_some());
    assert!(schema.index_owner(&None, "ix_ingestions_tenant").is_none());
    let runs = schema.table(&None, "runs").unwrap();
    assert!(runs.constraint("uq_runs_status").is_some() && runs.constraint("uq_runs").is_none());
    // A later op finds each by its new name only.
    apply_one(
        &mut schema.clone(),
        "- drop_index: {name: ix_ingestions_owner}",
    )
    .unwrap();
    assert!(apply_one(
        &mut schema.clone(),
        "- drop_constraint: {name: uq_runs, table: runs}"
    )
    .is_err());
    let downgrade = downgrade_ops(&rev, Some(&before)).unwrap();
    apply_ops(&mut schema, &downgrade, None).unwrap();
    assert_eq!(dump(&schema), dump(&before));
    // Renaming what is not there, or onto a name taken, is an error.
    for wrong in [
        "- rename_index: {old: ix_gone, new: ix_new}",
        "- rename_constraint: {table: runs, old: uq_gone, new: uq_new}",
        "- rename_constraint: {table: runs, old: uq_runs, new: ck_files}",
        "- rename_constraint: {table: runs, old: uq_runs, new: uq_new, type: check}",
    ] {
        assert!(apply_one(&mut base(), wrong).is_err(), "{wrong}");
    }
}

#[test]
fn rows_a_derived_downgrade_deleted_are_not_known_any_more() {
    let mut schema = base();
    let insert = ops("- bulk_insert: {table: runs, rows: [{id: 1, ingestion_id: 1, status: a}]}");
    replay::apply(&mut schema, &insert[0]).expect("the first insert");
    let rev = revision(
        "r1",
        "- bulk_insert: {table: runs, rows: [{id: 1, ingestion_id: 1, status: a}]}",
        None,
    );
    let inverse = downgrade_ops(&rev, Some(&base())).expect("invertible");
    replay::apply(&mut schema, &inverse[0]).expect("the delete");
    // The key is free again: the same row goes in without a repeated key.
    replay::apply(&mut schema, &insert[0]).expect("the row inserted again");
    assert!(
        replay::apply(&mut schema, &insert[0]).is_err(),
        "a repeated key is refused"
    );
}

#[test]
fn a_computed_column_is_the_engines_alone() {
    let add = |column: &str| format!("- add_column: {{table: runs, column: {column}}}");
    let computed = "{name: twice, type: Integer, computed: {sqltext: files * 2, persisted: true}";
    let error = error_of(&add(&format!("{computed}, server_default: '0'}}")));
    assert!(
        error
            .to_string()
            .contains("is computed and has a server_default"),
        "{error}"
    );
    let error = error_of(&add(&format!("{computed}, identity: {{}}}}")));
    assert!(
        error
            .to_string()
            .contains("is computed and has an identity"),
        "{error}"
    );

    let mut schema = base();
    apply_one(&mut schema, &add(&format!("{computed}}}"))).expect("a computed column is added");
    // bulk_insert gives it no value, and needs none for it.
    let row = "{id: 1, ingestion_id: 1, status: ok";
    let error = apply_one(
        &mut schema,
        &format!("- bulk_insert: {{table: runs, rows: [{row}, twice: 2}}]}}"),
    )
    .expect_err("a value for a computed column");
    assert!(
        error
            .to_string()
            .contains("column `twice`: a computed column"),
        "{error}"
    );
    apply_one(
        &mut schema,
        &format!("- bulk_insert: {{table: runs, rows: [{row}}}]}}"),
    )
    .unwrap();
    let error = apply_one(
        &mut schema,
        "- alter_column: {table: runs, column: twice, nullable: false}",
    )
    .expect_err("a computed column is not altered");
    assert!(
        error
            .to_string()
            .contains("drop the column and add it again"),
        "{error}"
    );
    // A rename of a column it is computed from carries into its expression.
    apply_one(
        &mut schema,
        "- alter_column: {table: runs, column: files, new_name: file_count}",
    )
    .unwrap();
    let runs = schema.table(&None, "runs").expect("runs");
    let twice = runs
        .column("twice")
        .and_then(|c| c.computed.as_ref())
        .expect("computed");
    assert_eq!(twice.sqltext, "file_count * 2");
}

#[test]
fn alter_column_autoincrement_marks_the_column_and_inverts() {
    let mysql = crate::test_fixtures::facts("mysql");
    let mut schema = Schema::on(&mysql);
    apply_ops(&mut schema, &ops(BASE), None).expect("the base schema replays");
    // MariaDB: "there can be only one auto column and it must be defined as a key".
    let refused = |schema: &mut Schema, yaml: &str| {
        apply_one(schema, yaml)
            .expect_err("refused on MySQL")
            .to_string()
    };
    let error = refused(
        &mut schema,
        "- alter_column: {table: runs, column: files, autoincrement: true}",
    );
    assert!(error.contains("one AUTO_INCREMENT column"), "{error}");
    let rev = revision(
        "r1",
        "- alter_column: {table: runs, column: id, autoincrement: false}",
        None,
    );
    let before = schema.clone();
    let inverse = downgrade_ops(&rev, Some(&before)).expect("invertible");
    apply_ops(&mut schema, &rev.upgrade, None).expect("the upgrade applies");
    let runs = schema.table(&None, "runs").expect("runs");
    assert_eq!(runs.autoincrement_column(), None);
    let error = refused(
        &mut schema,
        "- alter_column: {table: runs, column: files, autoincrement: true}",
    );
    assert!(error.contains("must lead a key"), "{error}");
    let done = apply_ops(&mut schema, &inverse, None).expect("the downgrade applies");
    let Op::AlterColumn(back) = &done[0].op else {
        panic!("{done:?}")
    };
    assert_eq!(back.autoincrement, Some(true));
    let runs = schema.table(&None, "runs").expect("runs");
    assert_eq!(runs.autoincrement_column(), Some("id"));
    // Elsewhere Alembic writes nothing, and the engine keeps its column.
    let postgresql = crate::test_fixtures::facts("postgresql");
    let mut schema = Schema::on(&postgresql);
    apply_ops(&mut schema, &ops(BASE), None).expect("the base schema replays");
    apply_ops(&mut schema, &rev.upgrade, None).expect("the upgrade applies");
    let runs = schema.table(&None, "runs").expect("runs");
    assert_eq!(runs.autoincrement_column(), Some("id"));
}

/// warehouse's organizationapplicationstatus: a type only columns of
/// `postgresql.ENUM(..., create_type=False)` use is created on its own
/// before the table that refers to it.
#[test]
fn the_creation_ops_create_a_type_that_only_refers_columns_use() {
    let mut schema = base();
    apply_ops(
        &mut schema,
        &ops("
- create_enum: {name: status, values: [open, shut]}
- create_table:
    name: requests
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: status, type: \"postgresql.ENUM('open', 'shut', name='status', create_type=False)\"}
"),
        None,
    )
    .unwrap();
    let creation = dump::creation_ops(&schema, &Location::new("r.yaml", 1, 1));
    assert!(
        matches!(&creation[0].op, Op::CreateEnum(e) if e.name == "status"),
        "{creation:#?}"
    );
    let mut rebuilt = Schema::new();
    apply_ops(&mut rebuilt, &creation, None).unwrap();
    assert_eq!(dump(&rebuilt), dump(&schema));
}
