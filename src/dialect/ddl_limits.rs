//! What an engine's DDL cannot express or refuses outright, beyond foreign
//! keys (`dialect.yaml`'s `ddl_limits`): the schema model refuses these ops
//! at compile time, naming the rule and the way out.

use serde::{Deserialize, Serialize};

/// The engine's limits on indexes, checks and keys; every one off by default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DdlLimits {
    /// The engine has no index on an expression (MariaDB: a syntax error).
    #[serde(default)]
    pub no_expression_indexes: bool,
    /// A check cannot name an AUTO_INCREMENT column (MariaDB error 1901).
    #[serde(default)]
    pub no_checks_on_auto_increment: bool,
    /// A check cannot name a column a foreign key's referential action
    /// writes: `onupdate` CASCADE, SET NULL or SET DEFAULT, `ondelete`
    /// SET NULL or SET DEFAULT (MariaDB error 1901, either order).
    #[serde(default)]
    pub no_checks_on_columns_foreign_keys_write: bool,
    /// An AUTO_INCREMENT column must lead a key: the primary key that is its
    /// only one cannot be dropped (MariaDB error 1075).
    #[serde(default)]
    pub auto_increment_needs_key: bool,
    /// Foreign key names are one namespace per schema, not per table
    /// (InnoDB: errno 121 "Duplicate key on write or update").
    #[serde(default)]
    pub foreign_key_names_per_schema: bool,
    /// A table keeps at least one column: dropping its last one is refused
    /// (MariaDB error 1090 "You can't delete all columns with ALTER TABLE";
    /// SQLite "no other columns exist"). PostgreSQL keeps a table of none.
    #[serde(default)]
    pub no_tables_without_columns: bool,
    /// A column cannot be renamed to its own name (PostgreSQL: `RENAME c TO
    /// c` is "column already exists"; SQLite and MariaDB's CHANGE take it).
    #[serde(default)]
    pub no_column_rename_to_its_own_name: bool,
    /// The generic type kinds a SERIAL column (its default `nextval()`, a
    /// bigint) may change to: the default must cast by assignment
    /// (PostgreSQL: "default for column cannot be cast automatically");
    /// empty: not judged.
    #[serde(default)]
    pub serial_column_types: Vec<String>,
    /// The generic type kinds an identity column may change to (PostgreSQL:
    /// "identity column type must be smallint, integer, or bigint"); empty:
    /// not judged.
    #[serde(default)]
    pub identity_column_types: Vec<String>,
}
