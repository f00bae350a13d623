//! What an engine does with a table's rows when its schema changes
//! (`dialect.yaml`'s `rows`), beyond the checks every engine makes: the
//! schema model follows it when it checks the rows a history inserted.

use serde::{Deserialize, Serialize};

/// The engine's ways with existing rows; every one off by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowRules {
    /// A primary key of one `INTEGER` column is the table's row id: a NULL
    /// written there gets a new id instead of being refused (SQLite).
    #[serde(default)]
    pub integer_primary_key_fills_nulls: bool,
}
