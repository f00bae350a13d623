//! Rendering single ops and whole scripts against hand-built plans; expected
//! SQL is copied from Alembic's own output (the corpus' `out/probes/*.sql`
//! and `out/<dialect>/*.sql`).

use super::*;
use crate::dialect::Dialect;
use crate::revision::OpEntry;

/// Ops from a YAML list, as a revision's `upgrade:` holds them.
pub(crate) fn ops(yaml: &str) -> Vec<OpEntry> {
    crate::test_fixtures::ops_in("revisions/test.yaml", yaml)
}

/// The statements of `yaml`'s ops on `dialect`, laid out as in a script.
pub(crate) fn sql(dialect: &str, yaml: &str) -> Result<String, RenderError> {
    let renderer = Renderer::new(&Dialect::load(dialect, None).expect("built-in dialect"));
    script::render_ops(&renderer, &ops(yaml))
}

#[test]
fn create_table_postgresql() {
    let yaml = r#"
- create_table:
    name: ingestions
    columns:
      - {name: id, type: String, primary_key: true}
      - {name: tenant_id, type: String, nullable: false}
      - {name: source_type, type: "Enum('s3', 'gcs', 'azure', name='source_type')"}
      - {name: created_at, type: DateTime, server_default: {sql: "now()"}}
      - {name: is_active, type: Boolean, server_default: true}
"#;
    assert_eq!(
        sql("postgresql", yaml).unwrap(),
        "CREATE TYPE source_type AS ENUM ('s3', 'gcs', 'azure');\n\n\
         CREATE TABLE ingestions (\n    id VARCHAR NOT NULL, \n    tenant_id VARCHAR NOT NULL, \n    \
         source_type source_type, \n    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now(), \n    \
         is_active BOOLEAN DEFAULT true, \n    PRIMARY KEY (id)\n);\n\n"
    );
}

// Checked with Alembic 1.20.1: ARRAY(Integer) is INTEGER[], JSONB is JSONB.
#[test]
fn dialect_types_and_type_mappings() {
    let yaml = r#"
- add_column: {table: t, column: {name: a, type: "postgresql.ARRAY(Integer)"}}
- add_column: {table: t, column: {name: j, type: {postgresql: postgresql.JSONB, default: JSON}}}
- add_column: {table: t, column: {name: s, type: {sql: TSVECTOR}}}
"#;
    assert_eq!(
        sql("postgresql", yaml).unwrap(),
        "ALTER TABLE t ADD COLUMN a INTEGER[];\n\n\
         ALTER TABLE t ADD COLUMN j JSONB;\n\n\
         ALTER TABLE t ADD COLUMN s TSVECTOR;\n\n"
    );
    let yaml = r#"- add_column: {table: t, column: {name: j, type: {postgresql: postgresql.JSONB, default: JSON}}}"#;
    assert_eq!(
        sql("mysql", yaml).unwrap(),
        "ALTER TABLE t ADD COLUMN j JSON;\n\n"
    );
    let yaml = r#"- add_column: {table: t, column: {name: j, type: postgresql.JSONB}}"#;
    let error = sql("mysql", yaml).unwrap_err().to_string();
    assert!(
        error.starts_with(
            "revisions/test.yaml:1:3: add_column on mysql: postgresql.JSONB is a postgresql type"
        ),
        "{error}"
    );
    let yaml =
        r#"- add_column: {table: t, column: {name: j, type: {postgresql: postgresql.JSONB}}}"#;
    let error = sql("mysql", yaml).unwrap_err().to_string();
    assert!(
        error.contains("the column type has no entry for mysql and no `default:`"),
        "{error}"
    );
}

// Checked with Alembic 1.20.1 (sa.text("0"), sa.false(), sa.text("now()"),
// "it's"): the dialect's boolean, {sql: ...} as is, in parentheses on
// SQLite/MySQL when it is more than a word.
#[test]
fn server_defaults_per_dialect() {
    let yaml = r#"
- add_column: {table: t, column: {name: a, type: Integer, server_default: 0}}
- add_column: {table: t, column: {name: b, type: Boolean, server_default: false}}
- add_column: {table: t, column: {name: c, type: DateTime, server_default: {sql: "now()"}}}
- add_column: {table: t, column: {name: d, type: String(5), server_default: "it's"}}
"#;
    assert_eq!(
        sql("sqlite", yaml).unwrap(),
        "ALTER TABLE t ADD COLUMN a INTEGER DEFAULT 0;\n\n\
         ALTER TABLE t ADD COLUMN b BOOLEAN DEFAULT 0;\n\n\
         ALTER TABLE t ADD COLUMN c DATETIME DEFAULT (now());\n\n\
         ALTER TABLE t ADD COLUMN d VARCHAR(5) DEFAULT 'it''s';\n\n"
    );
    assert_eq!(
        sql("mysql", yaml).unwrap(),
        "ALTER TABLE t ADD COLUMN a INTEGER DEFAULT 0;\n\n\
         ALTER TABLE t ADD COLUMN b BOOL DEFAULT false;\n\n\
         ALTER TABLE t ADD COLUMN c DATETIME DEFAULT (now());\n\n\
         ALTER TABLE t ADD COLUMN d VARCHAR(5) DEFAULT 'it''s';\n\n"
    );
}

#[test]
fn phrases_from_revisions_are_checked() {
    let yaml = r#"
- create_foreign_key:
    name: fk
    source_table: a
    referent_table: b
    local_cols: [x]
    remote_cols: [id]
    ondelete: "CASCADE; DROP TABLE a"
"#;
    let error = sql("postgresql", yaml).unwrap_err().to_string();
    assert!(
        error.contains("ondelete must be one of RESTRICT, CASCADE"),
        "{error}"
    );
}

#[test]
fn the_statement_separator_cannot_come_from_a_revision() {
    let error = sql("postgresql", "- execute: \"SELECT 1\\x1e; DROP TABLE t\"")
        .unwrap_err()
        .to_string();
    assert!(error.contains("U+001E"), "{error}");
}
