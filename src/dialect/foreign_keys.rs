//! What an engine requires of a foreign key when it is created
//! (`dialect.yaml`'s `foreign_keys`): the schema model refuses at compile
//! time what the engine would refuse when the script runs.

use serde::{Deserialize, Serialize};

/// The engine's rules for a new foreign key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignKeyRules {
    /// What the referenced columns must have.
    #[serde(default)]
    pub target: ForeignKeyTarget,
    /// Whether `ON DELETE SET NULL` / `ON UPDATE SET NULL` needs every local
    /// column nullable (MariaDB refuses the constraint otherwise, and refuses
    /// to make such a column NOT NULL later).
    #[serde(default)]
    pub set_null_needs_nullable: bool,
    /// Whether the engine makes its own index for a foreign key whose
    /// columns lead no index (InnoDB): named after the constraint (unnamed:
    /// after its first column, `_2`, `_3`... when taken in the table), dropped
    /// when a later index leads with the same columns, kept when the foreign
    /// key goes. Dropping the index a foreign key uses is refused (error 1553,
    /// errno 150 for a primary key).
    #[serde(default)]
    pub own_index: bool,
    /// Whether a column a foreign key uses (on either side) keeps its type:
    /// MariaDB refuses any type change of it ("Cannot change column ...:
    /// used in a foreign key constraint", errors 1832 and 1833).
    #[serde(default)]
    pub key_columns_keep_their_type: bool,
    /// The generic type kinds a foreign key's column may have (`from`) for
    /// each kind of the column it references (`to`); empty: not checked.
    /// PostgreSQL refuses the rest, when the key is created and when a type
    /// change makes them differ ("Key columns ... are of incompatible types").
    #[serde(default)]
    pub matching_types: Vec<super::KindPairs>,
    /// Whether adding a foreign key checks the table's rows against the
    /// referenced table's (PostgreSQL, InnoDB; SQLite enforces foreign keys
    /// only under `PRAGMA foreign_keys = ON`, which scripts do not set).
    #[serde(default)]
    pub checks_existing_rows: bool,
}

/// What the referenced columns of a foreign key must have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForeignKeyTarget {
    /// Nothing: the engine takes any columns (SQLite checks at DML time).
    #[default]
    Any,
    /// An index whose leading columns are the referenced ones, in order
    /// (InnoDB: a primary key, a unique key, a plain index, or the index a
    /// foreign key of the referenced table made).
    Indexed,
    /// A primary key, unique constraint or plain unique index on exactly
    /// the referenced columns (PostgreSQL: "there is no unique constraint
    /// matching given keys for referenced table").
    Unique,
}
