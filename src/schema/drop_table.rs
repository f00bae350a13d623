//! What an engine's `DROP TABLE` does, as data: each dialect's `drop_table:`
//! in `dialect.yaml` says why the engine refuses a table that other tables'
//! foreign keys reference. What goes with a dropped table is the same on
//! every engine the tests cover (its indexes and constraints, its foreign
//! keys to other tables; a named enum type its columns use stays), and
//! [`what_goes`] words it for `retort check`.

use super::state::{describe_constraint, Table};
use serde::{Deserialize, Serialize};

/// `drop_table:` in `dialect.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropTableFacts {
    /// Why the engine refuses (or cannot safely run) a `DROP TABLE` of a
    /// table that another table's foreign key references, and the way out.
    /// Without it, the model refuses such a drop without naming a reason of
    /// the engine's.
    #[serde(default)]
    pub referenced: Option<EngineReason>,
}

/// An engine's rule, as its `dialect.yaml` words it, and the way out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineReason {
    /// What the engine does, with its own error message where it has one.
    pub rule: String,
    /// What the revision author does instead.
    pub fix: String,
}

/// The indexes and constraints that go with `table` when it is dropped,
/// worded as the notes of `retort check` name them.
pub fn what_goes(table: &Table) -> Vec<String> {
    let indexes = table
        .indexes
        .iter()
        .map(|index| format!("index `{}`", index.name));
    let constraints = table.constraints.iter().map(describe_constraint);
    indexes.chain(constraints).collect()
}
