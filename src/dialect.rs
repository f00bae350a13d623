//! A dialect's facts (`dialects/<name>/dialect.yaml`).

use serde::{Deserialize, Serialize};

/// What `dialect.yaml` says of a dialect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DialectFacts {
    /// The dialect's name, as `--dialect` takes it.
    pub name: String,
    /// Whether DDL runs inside a transaction (Alembic frames the script in one).
    pub transactional_ddl: bool,
    /// Ops this dialect's `ALTER TABLE` cannot do, compiled as a table
    /// rebuild ("move and copy", SQLite); empty for most dialects.
    #[serde(default)]
    pub table_rebuild_for: Vec<String>,
}
