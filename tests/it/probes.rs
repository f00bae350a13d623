//! Single ops rendered on every dialect, compared with what Alembic printed
//! for the same op (../shared/alembic-reference/out/probes/<dialect>.sql,
//! written by probes.py through Alembic's `Operations`).
//!
//! Each case is the YAML form of one probe. Where retort deliberately differs
//! from Alembic (README, "Deliberate differences from Alembic") the case says
//! so and leaves that dialect out, or checks retort's own form.

use crate::support;

use retort::dialect::Dialect;
use retort::location::Location;
use retort::render::{script::render_ops, Renderer};
use retort::revision::{OpEntry, RawOpItem};
use std::collections::BTreeMap;

const ALL: [&str; 5] = ["postgresql", "sqlite", "mysql", "mssql", "oracle"];

/// The probes of one dialect: name → Alembic's text.
fn probes(dialect: &str) -> BTreeMap<String, String> {
    let path = support::shared_dir().join(format!("alembic-reference/out/probes/{dialect}.sql"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut probes = BTreeMap::new();
    let mut name = String::new();
    let mut body = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(next) = line.strip_prefix("-- PROBE ") {
            if !name.is_empty() {
                probes.insert(std::mem::take(&mut name), std::mem::take(&mut body));
            }
            name = next.trim().to_owned();
        } else if !(line.starts_with("-- WARNING") || line == "\n" && body.ends_with("\n\n")) {
            body.push_str(line);
        }
    }
    probes.insert(name, body);
    probes
}

fn ops(yaml: &str) -> Vec<OpEntry> {
    let items: Vec<RawOpItem> = serde_yaml::from_str(yaml).expect("test YAML parses");
    items
        .into_iter()
        .map(|item| OpEntry {
            op: item.op,
            review: item.review,
            location: Location::new("revisions/probe.yaml", 1, 3),
        })
        .collect()
}

fn render(dialect: &str, yaml: &str) -> Result<String, String> {
    let renderer = Renderer::new(&Dialect::load(dialect, None).unwrap());
    render_ops(&renderer, &ops(yaml)).map_err(|e| e.to_string())
}

/// Renders `yaml` on `dialects` and compares with probe `name`, after
/// `adjust` (which removes what the YAML cannot say, such as a type option
/// retort does not have).
fn check_with(name: &str, yaml: &str, dialects: &[&str], adjust: fn(&str) -> String) {
    for dialect in dialects {
        let expected = adjust(&probes(dialect)[name]);
        assert!(
            !expected.contains("-- ERROR"),
            "{dialect} {name}: Alembic failed here; leave the dialect out"
        );
        let actual = render(dialect, yaml).unwrap_or_else(|e| panic!("{dialect} {name}: {e}"));
        assert_eq!(actual, expected, "{dialect} {name}");
    }
}

fn check(name: &str, yaml: &str, dialects: &[&str]) {
    check_with(name, yaml, dialects, str::to_owned);
}

/// The error retort gives for `yaml` on `dialect`.
fn error(dialect: &str, yaml: &str) -> String {
    render(dialect, yaml).expect_err("an error")
}

#[test]
fn types_create_table() {
    let yaml = r#"
- create_table:
    name: type_probe
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: small, type: SmallInteger}
      - {name: big, type: BigInteger}
      - {name: flag, type: Boolean, nullable: false, server_default: false}
      - {name: kind, type: "Enum('a', 'b', name='kind_enum')"}
      - {name: kind_ck, type: "Enum('a', 'b', name='kind_ck_enum', create_constraint=True, native_enum=False)"}
      - {name: ts, type: DateTime}
      - {name: tstz, type: DateTime(timezone=True)}
      - {name: d, type: Date}
      - {name: t, type: Time}
      - {name: num, type: "Numeric(12, 4)"}
      - {name: num_plain, type: Numeric}
      - {name: f, type: Float}
      - {name: blob, type: LargeBinary}
      - {name: txt, type: Text}
      - {name: uni, type: Unicode(40)}
      - {name: unitext, type: UnicodeText}
      - {name: u, type: Uuid}
      - {name: j, type: JSON}
      - {name: ival, type: Interval}
      - {name: s_default, type: String(20), server_default: "it's"}
      - {name: s_text_default, type: String(20), server_default: {sql: "'x'"}}
      - {name: i_default, type: Integer, server_default: {sql: "42"}}
"#;
    // Boolean(create_constraint=True) has no YAML form: its column and CHECK go.
    check_with("types_create_table", yaml, &ALL, |text| {
        text.split_inclusive('\n')
            .filter(|line| !line.contains("flag_ck"))
            .collect()
    });
}

#[test]
fn float_precision() {
    let yaml = "- add_column: {table: type_probe, column: {name: f53, type: Float(53)}}";
    check("float53", yaml, &["postgresql", "sqlite", "mysql", "mssql"]);
    assert!(error("oracle", yaml).contains("binary precision"));
}

#[test]
fn comments_in_create_table() {
    let yaml = r#"
- create_table:
    name: commented
    comment: table comment
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: c, type: String(10), comment: col comment}
"#;
    check(
        "create_table_with_comments",
        yaml,
        &["postgresql", "sqlite", "mysql", "oracle"],
    );
    // Alembic fails offline without a schema; retort uses the default one.
    let mssql = render("mssql", yaml).unwrap();
    assert!(mssql.ends_with(
        "execute sp_addextendedproperty 'MS_Description', N'table comment', 'schema', dbo, 'table', commented;\n\nGO\n\n\
         execute sp_addextendedproperty 'MS_Description', N'col comment', 'schema', dbo, 'table', commented, 'column', c;\n\nGO\n\n"
    ), "{mssql}");
}

#[test]
fn identity_and_keys() {
    let yaml = r#"
- create_table:
    name: ident_probe
    columns:
      - {name: id, type: BigInteger, identity: {start: 1}, primary_key: true}
      - {name: name, type: String(10)}
"#;
    check("create_table_identity", yaml, &ALL);
    let yaml = r#"
- create_table:
    name: cpk
    columns:
      - {name: a, type: Integer, nullable: false}
      - {name: b, type: Integer, nullable: false}
    constraints:
      - primary_key: {columns: [a, b], name: pk_cpk}
"#;
    check("create_table_composite_pk_named", yaml, &ALL);
}

#[test]
fn quoting() {
    let yaml = r#"
- create_table:
    name: User
    columns:
      - {name: order, type: Integer, primary_key: true}
      - {name: CamelCol, type: String(10)}
      - {name: select, type: String(10)}
"#;
    check("quoting_reserved_and_mixed_case", yaml, &ALL);
}

#[test]
fn schemas() {
    let yaml = r#"
- create_table:
    name: audit_log
    schema: audit
    columns: [{name: id, type: Integer, primary_key: true}]
"#;
    check("create_table_in_schema", yaml, &ALL);
    let yaml =
        "- add_column: {table: audit_log, schema: audit, column: {name: note, type: String(50)}}";
    check("add_column_schema", yaml, &ALL);
    let yaml = "- rename_table: {old: a, new: b, schema: audit}";
    check("rename_table_schema", yaml, &ALL);
}

#[test]
fn add_and_drop_columns() {
    let yaml = r#"
- add_column:
    table: runs
    column: {name: priority, type: Integer, nullable: false, server_default: "5"}
"#;
    check("add_column_not_null_default", yaml, &ALL);
    let yaml = r#"
- add_column:
    table: runs
    column: {name: parent_id, type: String(36), foreign_key: {table: runs, column: id}}
"#;
    check(
        "add_column_fk_inline",
        yaml,
        &["postgresql", "mysql", "mssql", "oracle"],
    );
    assert!(error("sqlite", yaml).contains("needs a table rebuild"));
    check(
        "drop_column",
        "- drop_column: {table: runs, column: priority}",
        &ALL,
    );
}

#[test]
fn alter_column() {
    let rebuilds = |yaml: &str| assert!(error("sqlite", yaml).contains("needs a table rebuild"));
    let others = ["postgresql", "mysql", "mssql", "oracle"];
    let yaml =
        "- alter_column: {table: runs, column: status, existing_type: String(32), nullable: false}";
    check("alter_nullable_only", yaml, &others);
    rebuilds(yaml);
    let yaml =
        "- alter_column: {table: runs, column: status, existing_type: String(32), type: Text}";
    check("alter_type_only", yaml, &others);
    rebuilds(yaml);
    let yaml = r#"
- alter_column:
    table: runs
    column: files_processed
    existing_type: String(10)
    type: Integer
    using: files_processed::integer
"#;
    check("alter_type_postgresql_using", yaml, &others);
    let yaml = r#"- alter_column: {table: runs, column: status, existing_type: String(32), server_default: {sql: "'new'"}}"#;
    check("alter_server_default_only", yaml, &others);
    rebuilds(yaml);
    let yaml = r#"
- alter_column:
    table: runs
    column: status
    existing_type: String(32)
    server_default: null
    existing_server_default: new
"#;
    check("alter_drop_server_default", yaml, &others);
    let yaml = "- alter_column: {table: runs, column: status, new_name: state}";
    check(
        "alter_rename_no_existing_type",
        yaml,
        &["postgresql", "sqlite", "mssql", "oracle"],
    );
    assert!(error("mysql", yaml).contains("require the existing type"));
    let yaml = "- alter_column: {table: runs, column: status, new_name: state, existing_type: String(32), type: String(64)}";
    check("alter_rename_and_type", yaml, &others);
    let yaml = "- alter_column: {table: runs, column: status, existing_type: String(32), comment: new, existing_comment: old}";
    check(
        "alter_comment_only_existing",
        yaml,
        &["postgresql", "mysql", "oracle"],
    );
    // Alembic fails here (no schema offline; no comments on SQLite).
    assert_eq!(
        render("mssql", yaml).unwrap(),
        "exec sp_updateextendedproperty 'MS_Description', N'new', 'schema', dbo, 'table', runs, 'column', status;\n\nGO\n\n"
    );
    assert_eq!(render("sqlite", yaml).unwrap(), "");
}

#[test]
fn indexes() {
    let yaml = r#"- create_index: {name: ix_runs_multi, table: runs, columns: [ingestion_id, {sql: started_at DESC}]}"#;
    check("create_index_multi_desc", yaml, &ALL);
    let yaml =
        "- create_index: {name: ix_runs_x, table: runs, columns: [status], if_not_exists: true}";
    check("create_index_if_not_exists", yaml, &ALL);
    let yaml = "- drop_index: {name: ix_runs_x, table: runs, if_exists: true}";
    check("drop_index_if_exists", yaml, &ALL);
    let yaml = r#"
- create_index:
    name: ix_runs_active
    table: runs
    columns: [status]
    concurrently: true
    where: status <> 'done'
"#;
    check("create_index_pg_concurrently_where", yaml, &["postgresql"]);
}

#[test]
fn constraints() {
    let others = ["postgresql", "mysql", "mssql", "oracle"];
    let yaml = "- create_unique_constraint: {name: uq_runs_ingestion_started, table: runs, columns: [ingestion_id, started_at]}";
    check("create_unique_constraint", yaml, &others);
    let yaml = "- drop_constraint: {name: uq_runs_ingestion_started, table: runs, type: unique}";
    check("drop_unique_constraint", yaml, &others);
    let yaml = "- create_primary_key: {name: pk_x, table: x, columns: [a, b]}";
    check("create_primary_key", yaml, &others);
    let yaml = "- drop_constraint: {name: some_constraint, table: runs}";
    check(
        "drop_constraint_no_type",
        yaml,
        &["postgresql", "mssql", "oracle"],
    );
    assert!(error("mysql", yaml).contains("No generic 'DROP CONSTRAINT' in MySQL"));
    for yaml in [
        "- create_unique_constraint: {name: uq, table: runs, columns: [a]}",
        "- drop_constraint: {name: uq, table: runs, type: unique}",
        "- create_primary_key: {name: pk_x, table: x, columns: [a, b]}",
        "- create_check_constraint: {name: ck, table: runs, condition: a > 0}",
    ] {
        let message = error("sqlite", yaml);
        assert!(
            message.starts_with("revisions/probe.yaml:1:3: "),
            "{message}"
        );
        assert!(
            message.contains("needs a table rebuild on SQLite"),
            "{message}"
        );
    }
}

#[test]
fn tables() {
    check(
        "drop_table_if_exists",
        "- drop_table: {name: runs, if_exists: true}",
        &ALL,
    );
    let yaml = r#"
- create_table:
    name: t_ine
    if_not_exists: true
    columns: [{name: id, type: Integer, primary_key: true}]
"#;
    check(
        "create_table_if_not_exists",
        yaml,
        &["postgresql", "sqlite", "mysql", "oracle"],
    );
    // Alembic writes it anyway; SQL Server refuses the statement.
    assert!(error("mssql", yaml).contains("SQL Server has no CREATE TABLE IF NOT EXISTS"));
}

#[test]
fn execute() {
    let yaml = "- execute: \"UPDATE runs\\nSET status = 'x'\\nWHERE status = 'y'\"";
    check("execute_text_multiline", yaml, &ALL);
    // Alembic writes `DELETE FROM runs;;` (an empty statement) and, on Oracle,
    // `DELETE FROM runs;` then `/` (SQL*Plus runs it twice); retort drops the
    // trailing `;`, keeping a PL/SQL block's `END;`.
    let yaml = "- execute: DELETE FROM runs;";
    for dialect in ["postgresql", "sqlite", "mysql"] {
        assert_eq!(render(dialect, yaml).unwrap(), "DELETE FROM runs;\n\n");
    }
    assert_eq!(
        render("mssql", yaml).unwrap(),
        "DELETE FROM runs;\n\nGO\n\n"
    );
    assert_eq!(render("oracle", yaml).unwrap(), "DELETE FROM runs\n\n/\n\n");
    let block = "- execute: \"BEGIN NULL; END;\"";
    assert_eq!(
        render("oracle", block).unwrap(),
        "BEGIN NULL; END;\n\n/\n\n"
    );
    let yaml = r#"- execute: "UPDATE runs SET status='z' WHERE status = 'x''y'""#;
    check("inline_literal_update", yaml, &ALL);
    // Alembic turns `:id` into NULL (a bind parameter); retort writes the text as it is.
    let yaml = r#"- execute: "UPDATE runs SET status = 'a:b' WHERE id = :id""#;
    assert_eq!(
        render("postgresql", yaml).unwrap(),
        "UPDATE runs SET status = 'a:b' WHERE id = :id;\n\n"
    );
}

#[test]
fn execute_per_dialect() {
    let yaml = r#"
- execute:
    postgresql: SELECT 1
    default: SELECT 2
"#;
    assert_eq!(render("postgresql", yaml).unwrap(), "SELECT 1;\n\n");
    assert_eq!(render("mysql", yaml).unwrap(), "SELECT 2;\n\n");
    let yaml = "- execute: {postgresql: SELECT 1}";
    let message = error("oracle", yaml);
    assert!(
        message.contains("has no entry for oracle and no `default:`"),
        "{message}"
    );
}

#[test]
fn bulk_insert() {
    let yaml = r#"
- bulk_insert:
    table: lit
    rows:
      - {i: 1, s: "a'b\\c", b: true, f: 1.5}
      - {i: null, s: "", b: false, f: null}
"#;
    // Decimal('3.10') has no YAML form (a YAML 3.10 is the float 3.1): the n column goes.
    check_with("bulk_insert_scalars", yaml, &ALL, |text| {
        text.replace(", n)", ")")
            .replace(", 3.10)", ")")
            .replace("NULL, NULL)", "NULL)")
    });
    let yaml = r#"- bulk_insert: {table: lit, rows: [{i: 3, d: "2024-01-02"}]}"#;
    check(
        "bulk_insert_date",
        yaml,
        &["postgresql", "sqlite", "mysql", "mssql"],
    );
    let yaml = r#"- bulk_insert: {table: lit, rows: [{i: 4, ts: "2024-01-02 03:04:05"}]}"#;
    check(
        "bulk_insert_datetime",
        yaml,
        &["postgresql", "mysql", "mssql"],
    );
    let yaml = r#"- bulk_insert: {table: lit, rows: [{i: 5, s: x}, {i: 6, s: y}]}"#;
    check("bulk_insert_multiinsert_false", yaml, &ALL);
    let yaml = r#"- bulk_insert: {table: lit, rows: [{i: 7, s: x}, {i: 8}]}"#;
    check("bulk_insert_missing_keys", yaml, &ALL);
}

/// What tests/alembic_outputs/probe.py printed for `<name>.py`: dialect → text.
fn recorded(name: &str) -> BTreeMap<String, String> {
    let path = support::repo_root().join(format!("tests/alembic_outputs/{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut sections = BTreeMap::new();
    for section in text.split("===== ").skip(1) {
        let (dialect, body) = section.split_once('\n').unwrap();
        sections.insert(dialect.to_owned(), body.to_owned());
    }
    sections
}

#[test]
fn more_types() {
    let yaml = r#"
- create_table:
    name: x
    columns:
      - {name: id, type: SmallInteger, primary_key: true}
      - {name: a, type: Text(100)}
      - {name: b, type: LargeBinary(100)}
      - {name: c, type: Numeric(10)}
      - {name: d, type: Time(timezone=True)}
      - {name: e, type: DateTime(timezone=True)}
      - {name: f, type: Unicode(10)}
      - {name: g, type: UnicodeText}
      - {name: h, type: "Enum('a', 'bb', name='hh', native_enum=False)"}
- create_table:
    name: y
    columns:
      - {name: id, type: BigInteger, primary_key: true}
      - {name: z, type: Integer, autoincrement: true}
"#;
    let expected = recorded("more_types");
    for dialect in ALL {
        assert_eq!(
            render(dialect, yaml).unwrap(),
            expected[dialect],
            "{dialect}"
        );
    }
}

#[test]
fn alter_column_forms() {
    let yaml = r#"
- alter_column: {table: runs, column: started, existing_type: DateTime, nullable: false, existing_nullable: true}
- alter_column: {table: runs, column: n, existing_type: Integer, type: BigInteger, existing_nullable: false}
- alter_column: {table: runs, column: s, existing_type: String(10), server_default: x, existing_server_default: y, existing_nullable: true}
- alter_column: {table: runs, column: s, existing_type: String(10), new_name: t, existing_nullable: false, existing_server_default: y, existing_comment: c}
- alter_column: {table: runs, column: s, existing_type: String(10), comment: null, existing_comment: c, existing_nullable: true, schema: dbo}
- alter_column:
    {table: runs, column: s, existing_type: String(10), type: String(20), nullable: false,
     server_default: null, existing_server_default: y, comment: new, schema: dbo}
"#;
    let expected = recorded("alter_column");
    for dialect in ["postgresql", "mysql", "mssql", "oracle"] {
        let mut expected = expected[dialect].clone();
        if dialect == "oracle" {
            // Alembic leaves the schema out of Oracle's COMMENT ON COLUMN (README).
            expected = expected.replace(
                "COMMENT ON COLUMN runs.s IS",
                "COMMENT ON COLUMN dbo.runs.s IS",
            );
        }
        assert_eq!(render(dialect, yaml).unwrap(), expected, "{dialect}");
    }
}

#[test]
fn index_forms() {
    let partial = r#"
- create_index: {name: ix_a, table: t, columns: [a], schema: s1, where: a > 0}
"#;
    let rest = r#"
- drop_index: {name: ix_a, table: t, schema: s1, if_exists: true}
- create_index: {name: ix_b, table: T, columns: [Name, {sql: lower(x)}], unique: true}
- drop_index: {name: ix_b, table: T, concurrently: true}
"#;
    let expected = recorded("indexes");
    for dialect in ["postgresql", "sqlite", "mssql"] {
        let yaml = format!("{partial}{rest}");
        assert_eq!(
            render(dialect, &yaml).unwrap(),
            expected[dialect],
            "{dialect}"
        );
    }
    // Neither MySQL nor Oracle has partial indexes: an error, not a full index.
    for dialect in ["mysql", "oracle"] {
        assert!(
            error(dialect, partial).contains("no partial indexes"),
            "{dialect}"
        );
        let without_where = "- create_index: {name: ix_a, table: t, columns: [a], schema: s1}\n";
        let yaml = format!("{without_where}{rest}");
        assert_eq!(
            render(dialect, &yaml).unwrap(),
            expected[dialect],
            "{dialect}"
        );
    }
}

// SQLAlchemy's autoincrement column: not in a foreign key, not marked
// `autoincrement: false`; a table-level primary key counts.
#[test]
fn autoincrement_column() {
    let yaml = r#"
- create_table:
    name: tags
    columns:
      - {name: id, type: Integer, nullable: false}
      - {name: label, type: String(30), nullable: false}
    constraints:
      - primary_key: {columns: [id], name: pk_tags}
      - foreign_key: {columns: [id], ref_table: accounts, ref_columns: [id], name: fk_tags_account, ondelete: CASCADE}
- create_table:
    name: ids
    columns: [{name: id, type: Integer, primary_key: true, autoincrement: false}]
- create_table:
    name: ids2
    columns: [{name: id, type: Integer, nullable: false}]
    constraints: [{primary_key: {columns: [id]}}]
"#;
    let expected = recorded("autoincrement");
    for dialect in ALL {
        assert_eq!(
            render(dialect, yaml).unwrap(),
            expected[dialect],
            "{dialect}"
        );
    }
}

#[test]
fn mysql_dialect_types() {
    let yaml = r#"
- add_column: {table: t, column: {name: a, type: mysql.TIMESTAMP, nullable: true}}
- add_column: {table: t, column: {name: b, type: mysql.TIMESTAMP, nullable: false, server_default: {sql: CURRENT_TIMESTAMP}}}
- add_column: {table: t, column: {name: c, type: mysql.TINYINT(1)}}
"#;
    assert_eq!(
        render("mysql", yaml).unwrap(),
        recorded("mysql_timestamp")["mysql"]
    );
}
