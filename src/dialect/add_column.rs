//! Which columns a dialect's `ADD COLUMN` cannot add (`dialect.yaml`'s
//! `add_column_rebuild_when`): where `add_column` is in
//! `table_rebuild_for`, such a column is added by a table rebuild.

use crate::revision::{Column, ServerDefault};
use serde::{Deserialize, Serialize};

/// A kind of column `ADD COLUMN` cannot add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddColumnNeed {
    /// The column is (part of) the primary key.
    PrimaryKey,
    /// The column has an unnamed unique constraint (not `index: true`).
    Unique,
    /// The column has an inline foreign key.
    ForeignKey,
    /// A server default that is an expression, not a constant
    /// (`CURRENT_TIMESTAMP`, `now()`): "Cannot add a column with non-constant default".
    ExpressionDefault,
    /// A stored computed column (`persisted: true`): "cannot add a STORED column".
    StoredComputed,
}

/// What `add_column_rebuild_when` is when a `dialect.yaml` does not say:
/// the constraints `ADD COLUMN` cannot add.
pub fn default_add_column_needs() -> Vec<AddColumnNeed> {
    vec![
        AddColumnNeed::PrimaryKey,
        AddColumnNeed::Unique,
        AddColumnNeed::ForeignKey,
    ]
}

impl AddColumnNeed {
    /// Whether `column`, added on dialect `dialect`, is of this kind.
    pub fn applies(self, column: &Column, dialect: &str) -> bool {
        let default = column
            .server_default
            .as_ref()
            .and_then(|d| d.for_dialect(dialect));
        match self {
            AddColumnNeed::PrimaryKey => column.primary_key,
            AddColumnNeed::Unique => column.unique && !column.index,
            AddColumnNeed::ForeignKey => column.foreign_key.is_some(),
            AddColumnNeed::ExpressionDefault => {
                matches!(default, Some(ServerDefault::Sql(sql)) if !is_constant(sql))
            }
            AddColumnNeed::StoredComputed => column
                .computed
                .as_ref()
                .is_some_and(|c| c.persisted == Some(true)),
        }
    }
}

/// Whether raw default SQL is a constant: a number, one string literal,
/// NULL, TRUE or FALSE. Anything else counts as an expression (a rebuild
/// adds a constant just as well, so doubt costs only a rebuild).
fn is_constant(sql: &str) -> bool {
    let text = sql.trim();
    let single_string = text.len() >= 2
        && text.starts_with('\'')
        && text.ends_with('\'')
        && !text[1..text.len() - 1].replace("''", "").contains('\'');
    single_string
        || text.parse::<f64>().is_ok()
        || ["null", "true", "false"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::is_constant;

    #[test]
    fn constants_and_expressions() {
        for constant in ["0", "-1.5", "'a''b'", "NULL", "true"] {
            assert!(is_constant(constant), "{constant}");
        }
        for expression in [
            "CURRENT_TIMESTAMP",
            "now()",
            "'a' || 'b'",
            "(1 + 1)",
            "CURRENT_DATE",
        ] {
            assert!(!is_constant(expression), "{expression}");
        }
    }
}
