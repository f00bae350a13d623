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
}
