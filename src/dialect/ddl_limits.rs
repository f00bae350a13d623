//! What an engine's DDL cannot express or refuses outright, beyond foreign
//! keys (`dialect.yaml`'s `ddl_limits`): the schema model refuses these ops
//! at compile time, naming the rule and the way out.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// `DROP INDEX IF EXISTS i ON t` still needs table `t` (MariaDB: error
    /// 1146, "Table doesn't exist"): an `if_exists` drop of an index of a
    /// table that is gone is refused.
    #[serde(default)]
    pub drop_index_if_exists_needs_its_table: bool,
    /// The generic kinds an AUTO_INCREMENT column may have (MariaDB: the
    /// integers, floats and BOOL; another is error 1063, "Incorrect column
    /// specifier"); none listed, any.
    #[serde(default)]
    pub auto_increment_kinds: Vec<String>,
    /// A column rewritten with AUTO_INCREMENT takes no DEFAULT in the same
    /// definition (MariaDB error 1067, "Invalid default value").
    #[serde(default)]
    pub auto_increment_takes_no_default: bool,
    /// What keys on BLOB and TEXT columns the engine takes; none listed,
    /// no limit.
    #[serde(default)]
    pub blob_keys: BlobKeys,
}

/// The engine's BLOB and TEXT types and what a key on one takes (MariaDB
/// 10.11): no primary key (error 1170), no B-tree unique key (error 1071:
/// a unique key is a HASH one by default), no foreign key (errno 150), and
/// an index of several columns only with the short ones (TINYTEXT,
/// TINYBLOB: 255 bytes; a longer one leaves no room, error 1071). An index
/// of one such column takes its first 768 characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlobKeys {
    /// The generic kinds that are BLOB or TEXT (`Text`, `JSON`...).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// The longest length of a kind (`Text(63)`: characters, 4 bytes each in
    /// utf8mb4) that is still a short one (TINYTEXT).
    #[serde(default)]
    pub short_up_to: BTreeMap<String, u32>,
    /// Raw or dialect type names that are BLOB or TEXT (`LONGTEXT`), upper case.
    #[serde(default)]
    pub names: Vec<String>,
    /// Those of them that are short ones (`TINYTEXT`).
    #[serde(default)]
    pub short_names: Vec<String>,
}
