//! Rendering single ops and whole scripts against hand-built plans; expected
//! SQL is copied from Alembic's own output (the corpus' `out/probes/*.sql`
//! and `out/<dialect>/*.sql`).

use super::*;
use crate::dialect::Dialect;
use crate::model::{OpEntry, RawOpItem};

/// Ops from a YAML list, as a revision's `upgrade:` holds them.
pub(crate) fn ops(yaml: &str) -> Vec<OpEntry> {
    let items: Vec<RawOpItem> = serde_yaml::from_str(yaml).expect("test YAML parses");
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| OpEntry {
            op: item.op,
            review: item.review,
            location: crate::location::Location::new("revisions/test.yaml", i + 1, 3),
        })
        .collect()
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
