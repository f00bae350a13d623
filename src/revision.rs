//! The typed form of a revision file: revisions, operations, columns.
//!
//! Everything here derives `Deserialize` with `deny_unknown_fields`, so that
//! `serde_yaml` reports a misspelt key with its line and column, and
//! `Serialize`, because the op structs are the context the dialect templates
//! render. Field names serialise as the YAML keys (`type`, `where`).

use crate::location::Location;
use crate::per_dialect::PerDialect;
use crate::types::ColumnType;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

mod index_options;
pub use index_options::{PrefixLength, StorageParameters};

/// One revision, loaded from one file.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// The revision id, `[A-Za-z0-9_]{1,32}`.
    pub id: String,
    /// Parents: empty for a root, several for a merge, in the file's order.
    pub down_revisions: Vec<String>,
    /// Branch labels this revision carries.
    pub branch_labels: Vec<String>,
    /// Extra dependencies: revision ids or branch labels.
    pub depends_on: Vec<String>,
    /// The message (Alembic's docstring first line); `None` when the file
    /// has no `message:` key, as `alembic revision` without `-m`.
    pub message: Option<String>,
    /// Free-form creation date, shown by `history --verbose`.
    pub create_date: Option<String>,
    /// The upgrade ops, in order.
    pub upgrade: Vec<OpEntry>,
    /// The downgrade ops, or `Auto` to derive them.
    pub downgrade: Downgrade,
    /// The file this revision came from.
    pub source: SourceFile,
    /// Where the `revision:` key is.
    pub location: Location,
    /// Where each top-level key (`down_revision`, `depends_on`, ...) is.
    #[serde(skip)]
    pub key_locations: KeyPositions,
}

/// What Alembic shows for a revision made without a message: `alembic
/// revision` with no `-m` writes this text into the docstring.
pub const EMPTY_MESSAGE: &str = "empty message";

impl Revision {
    /// The message as Alembic shows it (`history`, `show`, script headers):
    /// [`EMPTY_MESSAGE`] when the file has none.
    pub fn shown_message(&self) -> &str {
        self.message.as_deref().unwrap_or(EMPTY_MESSAGE)
    }

    /// The message a file name's slug is made of: empty when the file has
    /// none, as Alembic names such a file `<id>_.py`.
    pub fn slug_source(&self) -> &str {
        self.message.as_deref().unwrap_or("")
    }

    /// Where the top-level `key` is in the revision's file, or where the
    /// revision is when the file has no such key.
    pub fn key_location(&self, key: &str) -> Location {
        match self.key_locations.get(key) {
            Some((line, column)) => Location::new(self.location.file.clone(), line, column),
            None => self.location.clone(),
        }
    }
}

/// The line and column of each top-level key of a revision file. Kept as a
/// list of numbers, not a map of [`Location`]s each naming the file again:
/// a history of 20,000 revisions held 15 MB of those.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPositions(Vec<(String, usize, usize)>);

impl KeyPositions {
    /// The positions of `keys`: (key, line, column).
    pub fn new(keys: impl IntoIterator<Item = (String, usize, usize)>) -> KeyPositions {
        let mut keys: Vec<_> = keys.into_iter().collect();
        keys.shrink_to_fit();
        KeyPositions(keys)
    }

    /// The line and column of `key`, if the file has it.
    pub fn get(&self, key: &str) -> Option<(usize, usize)> {
        self.0
            .iter()
            .find(|(name, _, _)| name == key)
            .map(|&(_, line, column)| (line, column))
    }
}

/// The source file of a revision, as the manifest and script headers cite it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the project folder, `/`-separated.
    pub path: camino::Utf8PathBuf,
    /// Lower-case hex sha256 of the file's bytes.
    pub sha256: String,
}

/// How a revision goes back down.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "ops", rename_all = "snake_case")]
pub enum Downgrade {
    /// Derived from the upgrade by the schema model (omitted, or `auto`).
    Auto,
    /// Written out by the author.
    Ops(Vec<OpEntry>),
}

/// An op as it stands in a revision file, with where it starts.
#[derive(Debug, Clone, Serialize)]
pub struct OpEntry {
    /// The operation.
    pub op: Op,
    /// Review rules silenced for this op, with the reason.
    pub review: Option<ReviewAllow>,
    /// Where the op's list item starts.
    pub location: Location,
}

/// `review: {allow: [rule-id], reason: "..."}` beside an op.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReviewAllow {
    /// Rule ids (or severities) this op is allowed to trigger.
    pub allow: Vec<String>,
    /// Why: printed in the script instead of the warning.
    pub reason: String,
}

/// A schema operation, named after Alembic's `op.*` function.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// `op.create_table`.
    CreateTable(CreateTable),
    /// `op.drop_table`.
    DropTable(DropTable),
    /// `op.rename_table`.
    RenameTable(RenameTable),
    /// `op.add_column`.
    AddColumn(AddColumn),
    /// `op.drop_column`.
    DropColumn(DropColumn),
    /// `op.alter_column`.
    AlterColumn(AlterColumn),
    /// `op.create_index`.
    CreateIndex(CreateIndex),
    /// `op.drop_index`.
    DropIndex(DropIndex),
    /// `op.create_primary_key`.
    CreatePrimaryKey(CreatePrimaryKey),
    /// `op.create_unique_constraint`.
    CreateUniqueConstraint(CreateUniqueConstraint),
    /// `op.create_foreign_key`.
    CreateForeignKey(CreateForeignKey),
    /// `op.create_check_constraint`.
    CreateCheckConstraint(CreateCheckConstraint),
    /// `op.drop_constraint`.
    DropConstraint(DropConstraint),
    /// Renaming an index (Alembic has no op: histories `execute` `ALTER INDEX
    /// ... RENAME TO ...`).
    RenameIndex(RenameIndex),
    /// Renaming a constraint (Alembic has no op: histories `execute` `ALTER
    /// TABLE ... RENAME CONSTRAINT ...`).
    RenameConstraint(RenameConstraint),
    /// `op.create_table_comment`.
    CreateTableComment(CreateTableComment),
    /// `op.drop_table_comment`.
    DropTableComment(DropTableComment),
    /// A named enum type (`CREATE TYPE ... AS ENUM` on PostgreSQL).
    CreateEnum(CreateEnum),
    /// Drop a named enum type.
    DropEnum(DropEnum),
    /// `op.execute`.
    Execute(Execute),
    /// `op.bulk_insert`.
    BulkInsert(BulkInsert),
    /// A table rebuilt by "move and copy" (SQLite); made by the schema model, never written.
    RebuildTable(RebuildTable),
    /// The rows a `bulk_insert` added, deleted by their primary key: its
    /// derived downgrade; made by the schema model, never written.
    DeleteRows(DeleteRows),
}

/// The YAML names of every op, in the order of SPEC §2; used for "did you mean".
pub const OP_NAMES: &[&str] = &[
    "create_table",
    "drop_table",
    "rename_table",
    "add_column",
    "drop_column",
    "alter_column",
    "create_index",
    "drop_index",
    "create_primary_key",
    "create_unique_constraint",
    "create_foreign_key",
    "create_check_constraint",
    "drop_constraint",
    "rename_index",
    "rename_constraint",
    "create_table_comment",
    "drop_table_comment",
    "create_enum",
    "drop_enum",
    "execute",
    "bulk_insert",
];

impl Op {
    /// The op's YAML name (`create_table`, ...), which is also its template name.
    pub fn name(&self) -> &'static str {
        match self {
            Op::CreateTable(_) => "create_table",
            Op::DropTable(_) => "drop_table",
            Op::RenameTable(_) => "rename_table",
            Op::AddColumn(_) => "add_column",
            Op::DropColumn(_) => "drop_column",
            Op::AlterColumn(_) => "alter_column",
            Op::CreateIndex(_) => "create_index",
            Op::DropIndex(_) => "drop_index",
            Op::CreatePrimaryKey(_) => "create_primary_key",
            Op::CreateUniqueConstraint(_) => "create_unique_constraint",
            Op::CreateForeignKey(_) => "create_foreign_key",
            Op::CreateCheckConstraint(_) => "create_check_constraint",
            Op::DropConstraint(_) => "drop_constraint",
            Op::RenameIndex(_) => "rename_index",
            Op::RenameConstraint(_) => "rename_constraint",
            Op::CreateTableComment(_) => "create_table_comment",
            Op::DropTableComment(_) => "drop_table_comment",
            Op::CreateEnum(_) => "create_enum",
            Op::DropEnum(_) => "drop_enum",
            Op::Execute(_) => "execute",
            Op::BulkInsert(_) => "bulk_insert",
            Op::RebuildTable(_) => "rebuild_table",
            Op::DeleteRows(_) => "delete_rows",
        }
    }

    /// True for an `if_exists` / `if_not_exists` op that the schema model
    /// found has nothing to do (the object is absent, or there already).
    pub fn changes_nothing(&self) -> bool {
        match self {
            Op::AddColumn(o) => o.exists,
            Op::DropColumn(o) => o.absent,
            Op::DropConstraint(o) => o.absent,
            Op::CreateTable(o) => o.exists,
            Op::DropTable(o) => o.absent,
            Op::CreateIndex(o) => o.exists,
            Op::DropIndex(o) => o.absent,
            _ => false,
        }
    }
}

/// `create_table`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateTable {
    /// Table name.
    pub name: String,
    /// Schema, if not the default one.
    #[serde(default)]
    pub schema: Option<String>,
    /// Columns, in order.
    pub columns: Vec<Column>,
    /// Table-level constraints.
    #[serde(default)]
    pub constraints: Vec<TableConstraint>,
    /// Indexes created right after the table.
    #[serde(default)]
    pub indexes: Vec<IndexDef>,
    /// Table comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// `CREATE TABLE IF NOT EXISTS`.
    #[serde(default)]
    pub if_not_exists: bool,
    /// `mysql_engine="InnoDB"`: `ENGINE=InnoDB` on MySQL; other dialects
    /// ignore it, as SQLAlchemy does.
    #[serde(default, deserialize_with = "sql_word")]
    pub mysql_engine: Option<String>,
    /// `mysql_charset="utf8mb4"`: `CHARSET=utf8mb4` on MySQL.
    #[serde(default, deserialize_with = "sql_word")]
    pub mysql_charset: Option<String>,
    /// `mysql_collate="utf8mb4_bin"`: `COLLATE utf8mb4_bin` on MySQL.
    #[serde(default, deserialize_with = "sql_word")]
    pub mysql_collate: Option<String>,
    /// `mysql_default_charset="utf8"`: `DEFAULT CHARSET=utf8` on MySQL.
    #[serde(default, deserialize_with = "sql_word")]
    pub mysql_default_charset: Option<String>,
    /// `mysql_row_format="DYNAMIC"`: `ROW_FORMAT=DYNAMIC` on MySQL.
    #[serde(default, deserialize_with = "sql_word")]
    pub mysql_row_format: Option<String>,
    /// `mariadb_engine`: `mysql_engine` for MariaDB, which the mysql dialect
    /// also serves (the two must agree when both are given).
    #[serde(default, deserialize_with = "sql_word")]
    pub mariadb_engine: Option<String>,
    /// `mariadb_charset`: `mysql_charset` for MariaDB.
    #[serde(default, deserialize_with = "sql_word")]
    pub mariadb_charset: Option<String>,
    /// `mariadb_collate`: `mysql_collate` for MariaDB.
    #[serde(default, deserialize_with = "sql_word")]
    pub mariadb_collate: Option<String>,
    /// `mariadb_default_charset`: `mysql_default_charset` for MariaDB.
    #[serde(default, deserialize_with = "sql_word")]
    pub mariadb_default_charset: Option<String>,
    /// `mariadb_row_format`: `mysql_row_format` for MariaDB.
    #[serde(default, deserialize_with = "sql_word")]
    pub mariadb_row_format: Option<String>,
    /// `postgresql_partition_by="RANGE (booked_on)"`: a partitioned table on
    /// PostgreSQL (`PARTITION BY RANGE (booked_on)`), written as it is;
    /// other dialects ignore it, as SQLAlchemy does.
    #[serde(default)]
    pub postgresql_partition_by: Option<String>,
    /// `info={...}`: SQLAlchemy's own notes on the table, which no DDL
    /// shows; taken and ignored so that a copied call loads.
    #[serde(default, skip_serializing)]
    pub info: Option<serde_yaml::Value>,
    /// The named enum types of the columns that do not exist yet, which the
    /// table creates first (PostgreSQL `CREATE TYPE`). Filled by the schema
    /// model; `None` when not replayed: every named enum, as in Alembic.
    #[serde(skip_deserializing, default)]
    pub creates_enums: Option<Vec<String>>,
    /// It is there already, so the op changes nothing (with
    /// `if_not_exists`): filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub exists: bool,
}

/// The table options of `create_table` that only some dialects write
/// (MySQL's `ENGINE=`, `CHARSET=`, `COLLATE`..., PostgreSQL's `PARTITION
/// BY`), as the schema model keeps them.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct TableOptions {
    /// `mysql_engine`.
    pub mysql_engine: Option<String>,
    /// `mysql_charset`.
    pub mysql_charset: Option<String>,
    /// `mysql_collate`.
    pub mysql_collate: Option<String>,
    /// `mysql_default_charset`.
    pub mysql_default_charset: Option<String>,
    /// `mysql_row_format`.
    pub mysql_row_format: Option<String>,
    /// `mariadb_engine`.
    pub mariadb_engine: Option<String>,
    /// `mariadb_charset`.
    pub mariadb_charset: Option<String>,
    /// `mariadb_collate`.
    pub mariadb_collate: Option<String>,
    /// `mariadb_default_charset`.
    pub mariadb_default_charset: Option<String>,
    /// `mariadb_row_format`.
    pub mariadb_row_format: Option<String>,
    /// `postgresql_partition_by`.
    pub postgresql_partition_by: Option<String>,
}

impl TableOptions {
    /// The pairs of a `mysql_*` option and its `mariadb_*` twin that name
    /// different values: the mysql dialect writes one script for both
    /// engines, so it cannot honour both.
    pub fn disagreeing_twins(&self) -> Vec<(&'static str, &str, &str)> {
        [
            ("engine", &self.mysql_engine, &self.mariadb_engine),
            ("charset", &self.mysql_charset, &self.mariadb_charset),
            ("collate", &self.mysql_collate, &self.mariadb_collate),
            (
                "default_charset",
                &self.mysql_default_charset,
                &self.mariadb_default_charset,
            ),
            (
                "row_format",
                &self.mysql_row_format,
                &self.mariadb_row_format,
            ),
        ]
        .into_iter()
        .filter_map(|(option, mysql, mariadb)| match (mysql, mariadb) {
            (Some(a), Some(b)) if a != b => Some((option, a.as_str(), b.as_str())),
            _ => None,
        })
        .collect()
    }
}

impl CreateTable {
    /// The table options this op gives.
    pub fn options(&self) -> TableOptions {
        TableOptions {
            mysql_engine: self.mysql_engine.clone(),
            mysql_charset: self.mysql_charset.clone(),
            mysql_collate: self.mysql_collate.clone(),
            mysql_default_charset: self.mysql_default_charset.clone(),
            mysql_row_format: self.mysql_row_format.clone(),
            mariadb_engine: self.mariadb_engine.clone(),
            mariadb_charset: self.mariadb_charset.clone(),
            mariadb_collate: self.mariadb_collate.clone(),
            mariadb_default_charset: self.mariadb_default_charset.clone(),
            mariadb_row_format: self.mariadb_row_format.clone(),
            postgresql_partition_by: self.postgresql_partition_by.clone(),
        }
    }

    /// A plain `create_table` of `name` with these columns, constraints,
    /// indexes and table options (a derived downgrade, a rebuild).
    pub fn with_options(
        name: String,
        schema: Option<String>,
        columns: Vec<Column>,
        constraints: Vec<TableConstraint>,
        options: TableOptions,
    ) -> Self {
        CreateTable {
            name,
            schema,
            columns,
            constraints,
            indexes: Vec::new(),
            comment: None,
            if_not_exists: false,
            mysql_engine: options.mysql_engine,
            mysql_charset: options.mysql_charset,
            mysql_collate: options.mysql_collate,
            mysql_default_charset: options.mysql_default_charset,
            mysql_row_format: options.mysql_row_format,
            mariadb_engine: options.mariadb_engine,
            mariadb_charset: options.mariadb_charset,
            mariadb_collate: options.mariadb_collate,
            mariadb_default_charset: options.mariadb_default_charset,
            mariadb_row_format: options.mariadb_row_format,
            postgresql_partition_by: options.postgresql_partition_by,
            info: None,
            creates_enums: None,
            exists: false,
        }
    }
}

/// A table option's value: written into the SQL as it is, so only letters,
/// digits and `_` (an engine, character set or collation name).
fn sql_word<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let word = String::deserialize(deserializer)?;
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !plain {
        return Err(de::Error::custom(format!(
            "`{word}` is not an engine, character set or collation name \
             (letters, digits and `_` only)"
        )));
    }
    Ok(Some(word))
}

/// `drop_table`: `drop_table: name` or `drop_table: {name, schema, if_exists}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DropTable {
    /// Table name.
    pub name: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// `DROP TABLE IF EXISTS`.
    #[serde(default)]
    pub if_exists: bool,
    /// The indexes and constraints that go with the table, worded, filled
    /// by the schema model (not written in YAML).
    #[serde(skip_deserializing, default, skip_serializing_if = "Vec::is_empty")]
    pub takes: Vec<String>,
    /// It is not there, so the op changes nothing (with `if_exists`):
    /// filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub absent: bool,
}

/// `rename_table`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RenameTable {
    /// Current name.
    pub old: String,
    /// New name.
    pub new: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
}

/// `add_column`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AddColumn {
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The new column.
    pub column: Column,
    /// `ADD COLUMN IF NOT EXISTS` (Alembic 1.16's `if_not_exists`).
    #[serde(default)]
    pub if_not_exists: bool,
    /// The column is there already, so the op changes nothing (with
    /// `if_not_exists`): filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub exists: bool,
}

/// `drop_column`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DropColumn {
    /// Table name.
    pub table: String,
    /// Column name.
    pub column: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The column as it was, filled by the schema model (not written in YAML).
    #[serde(skip_deserializing)]
    pub existing: Option<Column>,
    /// The indexes and constraints the engine drops (or shrinks) with the
    /// column, worded, filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub takes: Vec<String>,
    /// `DROP COLUMN IF EXISTS` (Alembic 1.16's `if_exists`).
    #[serde(default)]
    pub if_exists: bool,
    /// The column is not there, so the op changes nothing (with
    /// `if_exists`): filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub absent: bool,
    /// `mssql_drop_default=True`: SQL Server drops the column's default
    /// constraint first, whatever its name (other dialects ignore it).
    #[serde(default)]
    pub mssql_drop_default: bool,
    /// `mssql_drop_check=True`: SQL Server drops the column's check
    /// constraint first, whatever its name (other dialects ignore it).
    #[serde(default)]
    pub mssql_drop_check: bool,
    /// `mssql_drop_foreign_key=True`: SQL Server drops the column's foreign
    /// key first, whatever its name (other dialects ignore it).
    #[serde(default)]
    pub mssql_drop_foreign_key: bool,
}

/// A value an `alter_column` key may set, remove (`null`), or leave alone (absent).
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
#[serde(tag = "action", content = "value", rename_all = "snake_case")]
pub enum Patch<T> {
    /// The key is absent: no change.
    #[default]
    Keep,
    /// The key is `null`: remove (drop the default, the comment).
    Remove,
    /// The key has a value.
    Set(T),
}

impl<T> Patch<T> {
    /// True when the key was absent.
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Only called when the key is present (absent keys take `Default`).
        Ok(match Option::<T>::deserialize(deserializer)? {
            None => Patch::Remove,
            Some(value) => Patch::Set(value),
        })
    }
}

/// `alter_column`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AlterColumn {
    /// Table name.
    pub table: String,
    /// Column name (before any rename).
    pub column: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// New nullability.
    #[serde(default)]
    pub nullable: Option<bool>,
    /// New type.
    #[serde(default, rename = "type")]
    pub type_: Option<ColumnType>,
    /// New server default; `null` drops it.
    #[serde(default)]
    pub server_default: Patch<ServerDefault>,
    /// New column name.
    #[serde(default)]
    pub new_name: Option<String>,
    /// New comment; `null` drops it.
    #[serde(default)]
    pub comment: Patch<String>,
    /// PostgreSQL `USING` expression for a type change; Alembic's keyword
    /// `postgresql_using` is taken too.
    #[serde(default, alias = "postgresql_using")]
    pub using: Option<String>,
    /// Makes the column the table's autoincrement column (true) or not
    /// (false); MySQL's `AUTO_INCREMENT` in `MODIFY`, nothing elsewhere, as Alembic.
    #[serde(default)]
    pub autoincrement: Option<bool>,
    /// The column's type before the change (filled by the schema model when omitted).
    #[serde(default)]
    pub existing_type: Option<ColumnType>,
    /// Nullability before the change.
    #[serde(default)]
    pub existing_nullable: Option<bool>,
    /// Server default before the change.
    #[serde(default)]
    pub existing_server_default: Option<ServerDefault>,
    /// Comment before the change.
    #[serde(default)]
    pub existing_comment: Option<String>,
    /// Whether the column is an autoincrement column (filled by the schema model).
    #[serde(default)]
    pub existing_autoincrement: Option<bool>,
}

/// One column of an index: a name or a SQL expression.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged, expecting = "a column name, or {sql: \"expression\"}")]
pub enum IndexColumn {
    /// A column name (quoted as needed).
    Name(String),
    /// `{sql: "lower(name)"}`: a raw expression.
    Expression {
        /// The expression, verbatim.
        sql: String,
    },
}

/// An index inside `create_table` (a `create_index` body without `table`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndexDef {
    /// Index name.
    pub name: String,
    /// Columns or expressions.
    pub columns: Vec<IndexColumn>,
    /// `CREATE UNIQUE INDEX`.
    #[serde(default)]
    pub unique: bool,
    /// Partial index predicate (PostgreSQL, SQLite, SQL Server); Alembic's
    /// keyword `postgresql_where` is taken too.
    #[serde(default, rename = "where", alias = "postgresql_where")]
    pub where_: Option<String>,
    /// `CREATE INDEX IF NOT EXISTS`.
    #[serde(default)]
    pub if_not_exists: bool,
    /// `postgresql_using="gin"`: the index method on PostgreSQL (`USING gin`);
    /// other dialects ignore it, as SQLAlchemy does.
    #[serde(default, deserialize_with = "index_method")]
    pub postgresql_using: Option<String>,
    /// `postgresql_include=["b"]`: PostgreSQL's covering columns (`INCLUDE (b)`).
    #[serde(default)]
    pub postgresql_include: Vec<String>,
    /// `mssql_include=["b"]`: SQL Server's covering columns (`INCLUDE (b)`).
    #[serde(default)]
    pub mssql_include: Vec<String>,
    /// `postgresql_nulls_not_distinct=True`: PostgreSQL 15's `NULLS NOT
    /// DISTINCT` (`False` writes `NULLS DISTINCT`); other dialects ignore it.
    #[serde(default)]
    pub postgresql_nulls_not_distinct: Option<bool>,
    /// `mysql_using="hash"`: the index type on MySQL (`USING hash`).
    #[serde(default, deserialize_with = "index_method")]
    pub mysql_using: Option<String>,
    /// `mssql_clustered=True`: `CLUSTERED` on SQL Server (`False` writes
    /// `NONCLUSTERED`).
    #[serde(default)]
    pub mssql_clustered: Option<bool>,
    /// `postgresql_ops={"name": "text_pattern_ops"}`: operator classes by
    /// column (`name text_pattern_ops`); other dialects ignore them.
    #[serde(default, deserialize_with = "index_options::operator_classes")]
    pub postgresql_ops: BTreeMap<String, String>,
    /// `postgresql_with={"fillfactor": 70}`: storage parameters on
    /// PostgreSQL (`WITH (fillfactor = 70)`); other dialects ignore them.
    #[serde(default)]
    pub postgresql_with: StorageParameters,
    /// `mysql_length=10` or `{"name": 10}`: MySQL's prefix lengths
    /// (`name(10)`); other dialects ignore them.
    #[serde(default)]
    pub mysql_length: Option<PrefixLength>,
    /// `mysql_prefix="FULLTEXT"`: `CREATE FULLTEXT INDEX` on MySQL; other
    /// dialects ignore it.
    #[serde(default, deserialize_with = "index_method")]
    pub mysql_prefix: Option<String>,
}

impl IndexDef {
    /// A plain index `name` on `columns`, without options.
    pub fn plain(name: String, columns: &[String]) -> Self {
        IndexDef {
            name,
            columns: columns.iter().cloned().map(IndexColumn::Name).collect(),
            unique: false,
            where_: None,
            if_not_exists: false,
            postgresql_using: None,
            postgresql_include: Vec::new(),
            mssql_include: Vec::new(),
            mysql_using: None,
            mssql_clustered: None,
            postgresql_nulls_not_distinct: None,
            postgresql_ops: BTreeMap::new(),
            postgresql_with: StorageParameters::default(),
            mysql_length: None,
            mysql_prefix: None,
        }
    }

    /// The index columns its `postgresql_ops` and `mysql_length` name.
    pub fn keyed_columns(&self) -> Vec<&str> {
        let mut columns: Vec<&str> = self.postgresql_ops.keys().map(String::as_str).collect();
        columns.extend(self.mysql_length.iter().flat_map(PrefixLength::columns));
        columns
    }

    /// The `create_index` that creates this index on `table` (a rebuild, or
    /// the inverse of a drop).
    pub fn created_on(
        &self,
        table: &str,
        schema: &Option<String>,
        concurrently: bool,
    ) -> CreateIndex {
        CreateIndex {
            name: self.name.clone(),
            table: table.to_owned(),
            schema: schema.clone(),
            columns: self.columns.clone(),
            unique: self.unique,
            where_: self.where_.clone(),
            concurrently,
            if_not_exists: false,
            postgresql_using: self.postgresql_using.clone(),
            postgresql_include: self.postgresql_include.clone(),
            mssql_include: self.mssql_include.clone(),
            mysql_using: self.mysql_using.clone(),
            mssql_clustered: self.mssql_clustered,
            postgresql_nulls_not_distinct: self.postgresql_nulls_not_distinct,
            postgresql_ops: self.postgresql_ops.clone(),
            postgresql_with: self.postgresql_with.clone(),
            mysql_length: self.mysql_length.clone(),
            mysql_prefix: self.mysql_prefix.clone(),
            exists: false,
        }
    }
}

/// `create_index`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateIndex {
    /// Index name.
    pub name: String,
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Columns or expressions.
    pub columns: Vec<IndexColumn>,
    /// `CREATE UNIQUE INDEX`.
    #[serde(default)]
    pub unique: bool,
    /// Partial index predicate (PostgreSQL, SQLite, SQL Server); Alembic's
    /// keyword `postgresql_where` is taken too.
    #[serde(default, rename = "where", alias = "postgresql_where")]
    pub where_: Option<String>,
    /// `CREATE INDEX CONCURRENTLY` (PostgreSQL); Alembic's keyword
    /// `postgresql_concurrently` is taken too.
    #[serde(default, alias = "postgresql_concurrently")]
    pub concurrently: bool,
    /// `CREATE INDEX IF NOT EXISTS`.
    #[serde(default)]
    pub if_not_exists: bool,
    /// `postgresql_using="gin"`: the index method on PostgreSQL.
    #[serde(default, deserialize_with = "index_method")]
    pub postgresql_using: Option<String>,
    /// `postgresql_include=["b"]`: PostgreSQL's covering columns (`INCLUDE (b)`).
    #[serde(default)]
    pub postgresql_include: Vec<String>,
    /// `mssql_include=["b"]`: SQL Server's covering columns (`INCLUDE (b)`).
    #[serde(default)]
    pub mssql_include: Vec<String>,
    /// `postgresql_nulls_not_distinct=True`: PostgreSQL 15's `NULLS NOT
    /// DISTINCT` (`False` writes `NULLS DISTINCT`); other dialects ignore it.
    #[serde(default)]
    pub postgresql_nulls_not_distinct: Option<bool>,
    /// `mysql_using="hash"`: the index type on MySQL (`USING hash`).
    #[serde(default, deserialize_with = "index_method")]
    pub mysql_using: Option<String>,
    /// `mssql_clustered=True`: `CLUSTERED` on SQL Server (`False` writes
    /// `NONCLUSTERED`).
    #[serde(default)]
    pub mssql_clustered: Option<bool>,
    /// `postgresql_ops={"name": "text_pattern_ops"}`: operator classes by
    /// column (`name text_pattern_ops`); other dialects ignore them.
    #[serde(default, deserialize_with = "index_options::operator_classes")]
    pub postgresql_ops: BTreeMap<String, String>,
    /// `postgresql_with={"fillfactor": 70}`: storage parameters on
    /// PostgreSQL (`WITH (fillfactor = 70)`); other dialects ignore them.
    #[serde(default)]
    pub postgresql_with: StorageParameters,
    /// `mysql_length=10` or `{"name": 10}`: MySQL's prefix lengths
    /// (`name(10)`); other dialects ignore them.
    #[serde(default)]
    pub mysql_length: Option<PrefixLength>,
    /// `mysql_prefix="FULLTEXT"`: `CREATE FULLTEXT INDEX` on MySQL; other
    /// dialects ignore it.
    #[serde(default, deserialize_with = "index_method")]
    pub mysql_prefix: Option<String>,
    /// It is there already, so the op changes nothing (with
    /// `if_not_exists`): filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub exists: bool,
}

impl CreateIndex {
    /// The index this op creates, as a table keeps it.
    pub fn index_def(&self) -> IndexDef {
        IndexDef {
            name: self.name.clone(),
            columns: self.columns.clone(),
            unique: self.unique,
            where_: self.where_.clone(),
            if_not_exists: false,
            postgresql_using: self.postgresql_using.clone(),
            postgresql_include: self.postgresql_include.clone(),
            mssql_include: self.mssql_include.clone(),
            mysql_using: self.mysql_using.clone(),
            mssql_clustered: self.mssql_clustered,
            postgresql_nulls_not_distinct: self.postgresql_nulls_not_distinct,
            postgresql_ops: self.postgresql_ops.clone(),
            postgresql_with: self.postgresql_with.clone(),
            mysql_length: self.mysql_length.clone(),
            mysql_prefix: self.mysql_prefix.clone(),
        }
    }
}

/// An index method (`btree`, `hash`, `gist`, `gin`, `brin`...): a name,
/// written into the SQL as it is.
fn index_method<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    sql_word(deserializer)
}

/// `drop_index`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DropIndex {
    /// Index name.
    pub name: String,
    /// Table name (MySQL and SQL Server need it; the schema model fills it).
    #[serde(default)]
    pub table: Option<String>,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// `DROP INDEX IF EXISTS`.
    #[serde(default)]
    pub if_exists: bool,
    /// `DROP INDEX CONCURRENTLY` (PostgreSQL); Alembic's keyword
    /// `postgresql_concurrently` is taken too.
    #[serde(default, alias = "postgresql_concurrently")]
    pub concurrently: bool,
    /// The foreign keys of the table that use the index where the engine
    /// refuses to drop it under them (MariaDB): dropped with it and added
    /// again. Filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub refit_foreign_keys: Vec<ForeignKeyDef>,
    /// It is not there, so the op changes nothing (with `if_exists`):
    /// filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub absent: bool,
}

/// `create_primary_key`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreatePrimaryKey {
    /// Constraint name; `None` (omitted or `null`, Alembic's `None`)
    /// leaves the name to the engine.
    #[serde(default)]
    pub name: Option<String>,
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Key columns.
    pub columns: Vec<String>,
}

/// `create_unique_constraint`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateUniqueConstraint {
    /// Constraint name; `None` (omitted or `null`, Alembic's `None`)
    /// leaves the name to the engine.
    #[serde(default)]
    pub name: Option<String>,
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Columns.
    pub columns: Vec<String>,
    /// `postgresql_nulls_not_distinct=True`: PostgreSQL 15's `NULLS NOT
    /// DISTINCT` (`False` writes `NULLS DISTINCT`); other dialects ignore it.
    #[serde(default)]
    pub postgresql_nulls_not_distinct: Option<bool>,
}

/// `create_foreign_key`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateForeignKey {
    /// Constraint name; `None` (omitted or `null`, Alembic's `None`)
    /// leaves the name to the engine.
    #[serde(default)]
    pub name: Option<String>,
    /// The table that gets the constraint.
    pub source_table: String,
    /// The referenced table.
    pub referent_table: String,
    /// Columns of `source_table`.
    pub local_cols: Vec<String>,
    /// Columns of `referent_table`.
    pub remote_cols: Vec<String>,
    /// `ON DELETE` action.
    #[serde(default)]
    pub ondelete: Option<String>,
    /// `ON UPDATE` action.
    #[serde(default)]
    pub onupdate: Option<String>,
    /// `DEFERRABLE` / `NOT DEFERRABLE`.
    #[serde(default)]
    pub deferrable: Option<bool>,
    /// `INITIALLY DEFERRED|IMMEDIATE`.
    #[serde(default)]
    pub initially: Option<String>,
    /// `match="FULL"`: the foreign key's `MATCH FULL|PARTIAL|SIMPLE`
    /// (PostgreSQL, SQLite; refused where the engine has no MATCH).
    #[serde(default, rename = "match")]
    pub match_: Option<String>,
    /// Schema of `source_table` (Alembic's `source_schema`; `schema` is accepted too).
    #[serde(default, alias = "source_schema")]
    pub schema: Option<String>,
    /// Schema of `referent_table`.
    #[serde(default)]
    pub referent_schema: Option<String>,
    /// `NOT VALID` (PostgreSQL, Alembic's `postgresql_not_valid`): existing
    /// rows are not checked, so the table is not locked while they are;
    /// ignored elsewhere, as by Alembic.
    #[serde(default)]
    pub not_valid: bool,
}

/// `create_check_constraint`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateCheckConstraint {
    /// Constraint name; `None` (omitted or `null`, Alembic's `None`)
    /// leaves the name to the engine.
    #[serde(default)]
    pub name: Option<String>,
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The condition, SQL text.
    pub condition: String,
    /// `NOT VALID` (PostgreSQL, Alembic's `postgresql_not_valid`): existing
    /// rows are not checked; ignored elsewhere, as by Alembic.
    #[serde(default)]
    pub not_valid: bool,
}

/// The kind of a constraint, as `drop_constraint`'s `type` names it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ConstraintKind {
    /// A foreign key.
    Foreignkey,
    /// A unique constraint.
    Unique,
    /// A check constraint.
    Check,
    /// The primary key.
    Primary,
}

/// `drop_constraint`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DropConstraint {
    /// Constraint name; `None` (`null`, a retort extension) drops the one
    /// constraint of `type` on exactly `columns`, named or not.
    pub name: Option<String>,
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The constraint's kind (MySQL needs it; the schema model fills it).
    #[serde(default, rename = "type")]
    pub type_: Option<ConstraintKind>,
    /// With `name: null`: the constraint's columns, in order (none for a check).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// The foreign keys of the table that use the key where the engine
    /// refuses to drop it under them (MariaDB): dropped with it and added
    /// again. Filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub refit_foreign_keys: Vec<ForeignKeyDef>,
    /// `DROP CONSTRAINT IF EXISTS` (Alembic 1.16's `if_exists`).
    #[serde(default)]
    pub if_exists: bool,
    /// The constraint is not there, so the op changes nothing (with
    /// `if_exists`): filled by the schema model (not written in YAML).
    #[serde(skip_deserializing, default)]
    pub absent: bool,
}

/// `rename_index`: a retort op; Alembic has none.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RenameIndex {
    /// The index's name.
    pub old: String,
    /// Its new name.
    pub new: String,
    /// The index's table (MySQL and SQL Server need it; the schema model
    /// fills it).
    #[serde(default)]
    pub table: Option<String>,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The index as renamed, filled by the schema model (not written in
    /// YAML): SQLite, which cannot rename an index, creates it again.
    #[serde(skip_deserializing, default)]
    pub renamed: Option<IndexDef>,
}

/// `rename_constraint`: a retort op; Alembic has none.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RenameConstraint {
    /// The table the constraint is on.
    pub table: String,
    /// The constraint's name.
    pub old: String,
    /// Its new name.
    pub new: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The constraint's kind, filled by the schema model (MySQL renames a
    /// unique key, and drops and adds a foreign key or check).
    #[serde(default, rename = "type")]
    pub type_: Option<ConstraintKind>,
    /// The constraint as renamed, filled by the schema model (not written in
    /// YAML).
    #[serde(skip_deserializing, default)]
    pub renamed: Option<TableConstraint>,
}

/// `create_table_comment`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateTableComment {
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The comment.
    pub comment: String,
    /// The comment before (filled by the schema model).
    #[serde(default)]
    pub existing_comment: Option<String>,
}

/// `drop_table_comment`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DropTableComment {
    /// Table name.
    pub table: String,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// The comment before (filled by the schema model).
    #[serde(default)]
    pub existing_comment: Option<String>,
}

/// `create_enum`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CreateEnum {
    /// Type name.
    pub name: String,
    /// Allowed values, in order.
    pub values: Vec<String>,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
}

/// `drop_enum`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DropEnum {
    /// Type name.
    pub name: String,
    /// The values (filled by the schema model; needed to invert).
    #[serde(default)]
    pub values: Option<Vec<String>>,
    /// Schema.
    #[serde(default)]
    pub schema: Option<String>,
}

/// `execute`: raw SQL, with an optional `reverse:` that makes it invertible
/// and an optional `effect:` that tells the schema model what it changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Execute {
    /// The SQL to run.
    pub sql: PerDialect<String>,
    /// The SQL that undoes it.
    pub reverse: Option<PerDialect<String>>,
    /// The ops that describe what the SQL does to the schema, in order:
    /// checked against the schema model and applied to it, never rendered
    /// (the model cannot read raw SQL).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effect: Vec<Op>,
}

/// A literal value of a `bulk_insert` row.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Literal {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written in YAML (`3`, `2.5`).
    Number(String),
    /// A string.
    String(String),
}

/// `bulk_insert`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BulkInsert {
    /// Table name.
    pub table: String,
    /// Schema.
    pub schema: Option<String>,
    /// Rows: column → value, in the order written.
    pub rows: Vec<Vec<(String, Literal)>>,
    /// Whether the table has an identity (autoincrement) column, filled by the
    /// schema model (not written in YAML); `None` when not replayed. SQL Server
    /// sets IDENTITY_INSERT only on such a table (elsewhere it is an error).
    pub has_identity: Option<bool>,
    /// The type of each column the rows name, filled by the schema model (not
    /// written in YAML); `None` when not replayed. Oracle writes a `Date` or
    /// `DateTime` value through `TO_DATE`, as SQLAlchemy does.
    pub column_types: Option<std::collections::BTreeMap<String, crate::types::ColumnType>>,
}

/// The inverse of a `bulk_insert` into a table with a primary key: one
/// `DELETE` per row, by the values the row gave the key. Made by the schema
/// model for a derived downgrade; there is no YAML form.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeleteRows {
    /// Table name.
    pub table: String,
    /// Schema.
    pub schema: Option<String>,
    /// Each row's primary key: column → value, in the key's order; the rows
    /// in the reverse of the order inserted.
    pub keys: Vec<Vec<(String, Literal)>>,
    /// The type of each key column (Oracle writes a `Date` or `DateTime`
    /// value through `TO_DATE`, as `bulk_insert` does).
    pub column_types: std::collections::BTreeMap<String, crate::types::ColumnType>,
}

/// Alembic batch mode's "move and copy" of one table, for what SQLite's
/// `ALTER TABLE` cannot do. Compiled by the schema model from one or more
/// consecutive ops on the table; there is no YAML form.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RebuildTable {
    /// The table rebuilt.
    pub table: String,
    /// Its schema.
    pub schema: Option<String>,
    /// The new table's temporary name, `_alembic_tmp_<table>`.
    pub temp_table: String,
    /// The new definition, named `temp_table`, without indexes.
    pub create: CreateTable,
    /// The columns copied, in the new table's order.
    pub copy: Vec<CopyColumn>,
    /// The indexes to create once the new table has its name.
    pub indexes: Vec<CreateIndex>,
}

/// One column copied by a [`RebuildTable`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CopyColumn {
    /// The column in the new table.
    pub name: String,
    /// The column it is copied from in the old table.
    pub source: String,
    /// `CAST(source AS type)` when the type's kind changes.
    pub cast: Option<ColumnType>,
}

/// A column definition.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Column type.
    #[serde(rename = "type")]
    pub type_: ColumnType,
    /// Part of the primary key.
    #[serde(default)]
    pub primary_key: bool,
    /// Nullability; default true, false for primary keys.
    #[serde(default)]
    pub nullable: Option<bool>,
    /// Server-side default.
    #[serde(default)]
    pub server_default: Option<ServerDefault>,
    /// Autoincrement (SQLAlchemy's `autoincrement`); `None` is SQLAlchemy's "auto".
    #[serde(default)]
    pub autoincrement: Option<bool>,
    /// An identity column (`GENERATED BY DEFAULT AS IDENTITY`).
    #[serde(default)]
    pub identity: Option<Identity>,
    /// A computed (generated) column: SQLAlchemy's `Computed()`.
    #[serde(default)]
    pub computed: Option<Computed>,
    /// A single-column unique constraint.
    #[serde(default)]
    pub unique: bool,
    /// A single-column index (named `ix_<table>_<column>`).
    #[serde(default)]
    pub index: bool,
    /// Column comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// An inline foreign key.
    #[serde(default)]
    pub foreign_key: Option<ColumnForeignKey>,
    /// Rejected: SQLAlchemy's client-side `default` never reaches the SQL.
    #[serde(default, deserialize_with = "reject_client_default", skip_serializing)]
    pub default: Option<()>,
}

impl Column {
    /// The effective nullability: explicit, else false for primary keys and
    /// identity columns (as SQLAlchemy's `Column`).
    pub fn is_nullable(&self) -> bool {
        self.nullable
            .unwrap_or(!self.primary_key && self.identity.is_none())
    }
}

fn reject_client_default<'de, D: Deserializer<'de>>(_: D) -> Result<Option<()>, D::Error> {
    Err(de::Error::custom(
        "`default:` is a client-side default in SQLAlchemy and never reaches the SQL; \
         use `server_default:` (a string is a SQL string literal, {sql: ...} a raw expression)",
    ))
}

/// `identity: {start, increment, always, ...}`: SQLAlchemy's `Identity()`,
/// each key as its keyword.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// `START WITH`.
    #[serde(default)]
    pub start: Option<i64>,
    /// `INCREMENT BY`.
    #[serde(default)]
    pub increment: Option<i64>,
    /// `GENERATED ALWAYS` instead of `BY DEFAULT`.
    #[serde(default)]
    pub always: bool,
    /// `MINVALUE`.
    #[serde(default)]
    pub minvalue: Option<i64>,
    /// `MAXVALUE`.
    #[serde(default)]
    pub maxvalue: Option<i64>,
    /// `NO MINVALUE` when true.
    #[serde(default)]
    pub nominvalue: bool,
    /// `NO MAXVALUE` when true.
    #[serde(default)]
    pub nomaxvalue: bool,
    /// `CACHE`.
    #[serde(default)]
    pub cache: Option<i64>,
    /// `CYCLE` (true) or `NO CYCLE` (false).
    #[serde(default)]
    pub cycle: Option<bool>,
    /// Oracle's `ORDER` (true) or `NOORDER` (false); `oracle_order` in SQLAlchemy 2.1.
    #[serde(default)]
    pub order: Option<bool>,
    /// Oracle's `GENERATED ... ON NULL`; `oracle_on_null` in SQLAlchemy 2.1.
    #[serde(default)]
    pub on_null: bool,
}

/// `computed: {sqltext, persisted}`: SQLAlchemy's `Computed()`, a column
/// the engine computes from the row (`GENERATED ALWAYS AS (...)`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Computed {
    /// The expression, SQL text written as it is.
    pub sqltext: String,
    /// `STORED`/`PERSISTED` (true), `VIRTUAL` (false), or the engine's
    /// default (absent).
    #[serde(default)]
    pub persisted: Option<bool>,
}

/// An inline foreign key on a column.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ColumnForeignKey {
    /// Referenced table.
    pub table: String,
    /// Referenced column.
    pub column: String,
    /// Referenced table's schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Constraint name.
    #[serde(default)]
    pub name: Option<String>,
    /// `ON DELETE` action.
    #[serde(default)]
    pub ondelete: Option<String>,
    /// `ON UPDATE` action.
    #[serde(default)]
    pub onupdate: Option<String>,
    /// `DEFERRABLE`.
    #[serde(default)]
    pub deferrable: Option<bool>,
    /// `INITIALLY ...`.
    #[serde(default)]
    pub initially: Option<String>,
    /// `match="FULL"`: the foreign key's `MATCH FULL|PARTIAL|SIMPLE`
    /// (PostgreSQL, SQLite; refused where the engine has no MATCH).
    #[serde(default, rename = "match")]
    pub match_: Option<String>,
}

/// A column's server default.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ServerDefault {
    /// A string: a SQL string literal, `DEFAULT '0'`.
    String(String),
    /// A number, as written: `DEFAULT 0`.
    Number(String),
    /// A boolean: the dialect's true/false.
    Bool(bool),
    /// `{sql: "now()"}`: a raw SQL expression.
    Sql(String),
    /// `{postgresql: {sql: "now()"}, default: {sql: CURRENT_TIMESTAMP}}`: a
    /// default per dialect, with `default` as the fallback (like a type mapping).
    PerDialect(PerDialect<ServerDefault>),
}

impl ServerDefault {
    /// The default for `dialect`: a `PerDialect` mapping picks its entry (or `default`).
    pub fn for_dialect(&self, dialect: &str) -> Option<&ServerDefault> {
        match self {
            ServerDefault::PerDialect(defaults) => defaults.for_dialect(dialect),
            other => Some(other),
        }
    }
}

/// A table-level constraint in `create_table`: a one-key mapping.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum TableConstraint {
    /// `primary_key: {columns, name}`.
    PrimaryKey(PrimaryKeyDef),
    /// `unique: {columns, name}`.
    Unique(UniqueDef),
    /// `foreign_key: {columns, ref_table, ref_columns, ...}`.
    ForeignKey(ForeignKeyDef),
    /// `check: {condition, name}`.
    Check(CheckDef),
}

/// A primary key in `create_table`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PrimaryKeyDef {
    /// Key columns.
    pub columns: Vec<String>,
    /// Constraint name.
    #[serde(default)]
    pub name: Option<String>,
    /// The name the engine gave it when `name` is unset, as the schema model
    /// knows it (`unnamed_constraints:` of the dialect); never written in SQL.
    #[serde(skip)]
    pub engine_name: Option<String>,
}

/// A unique constraint in `create_table`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UniqueDef {
    /// Columns.
    pub columns: Vec<String>,
    /// Constraint name.
    #[serde(default)]
    pub name: Option<String>,
    /// The name the engine gave it when `name` is unset, as the schema model
    /// knows it (`unnamed_constraints:` of the dialect); never written in SQL.
    #[serde(skip)]
    pub engine_name: Option<String>,
    /// `postgresql_nulls_not_distinct=True`: PostgreSQL 15's `NULLS NOT
    /// DISTINCT` (`False` writes `NULLS DISTINCT`); other dialects ignore it.
    #[serde(default)]
    pub postgresql_nulls_not_distinct: Option<bool>,
}

/// A foreign key in `create_table`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ForeignKeyDef {
    /// Local columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
    /// Referenced columns.
    pub ref_columns: Vec<String>,
    /// Referenced table's schema.
    #[serde(default)]
    pub ref_schema: Option<String>,
    /// `ON DELETE` action.
    #[serde(default)]
    pub ondelete: Option<String>,
    /// `ON UPDATE` action.
    #[serde(default)]
    pub onupdate: Option<String>,
    /// `DEFERRABLE`.
    #[serde(default)]
    pub deferrable: Option<bool>,
    /// `INITIALLY ...`.
    #[serde(default)]
    pub initially: Option<String>,
    /// `match="FULL"`: the foreign key's `MATCH FULL|PARTIAL|SIMPLE`
    /// (PostgreSQL, SQLite; refused where the engine has no MATCH).
    #[serde(default, rename = "match")]
    pub match_: Option<String>,
    /// Constraint name.
    #[serde(default)]
    pub name: Option<String>,
    /// The name the engine gave it when `name` is unset, as the schema model
    /// knows it (`unnamed_constraints:` of the dialect); never written in SQL.
    #[serde(skip)]
    pub engine_name: Option<String>,
}

/// A check constraint in `create_table`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    /// The condition, SQL text.
    pub condition: String,
    /// Constraint name.
    #[serde(default)]
    pub name: Option<String>,
    /// The name the engine gave it when `name` is unset, as the schema model
    /// knows it (`unnamed_constraints:` of the dialect); never written in SQL.
    #[serde(skip)]
    pub engine_name: Option<String>,
}

// ---------------------------------------------------------------------------
// Hand-written deserialisation where a YAML shape has several forms.

/// An op list item: exactly one op key, plus an optional `review:` key.
/// Deserialised by hand so that an unknown op gets a "did you mean".
pub struct RawOpItem {
    /// The op.
    pub op: Op,
    /// `review:` beside it.
    pub review: Option<ReviewAllow>,
}

impl<'de> Deserialize<'de> for RawOpItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OpItemVisitor)
    }
}

struct OpItemVisitor;

impl<'de> Visitor<'de> for OpItemVisitor {
    type Value = RawOpItem;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an operation: a mapping with one op key such as `create_table:`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawOpItem, A::Error> {
        let mut op = None;
        let mut review = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "review" {
                review = Some(map.next_value::<ReviewAllow>()?);
                continue;
            }
            if let Some(previous) = &op {
                let previous: &Op = previous;
                return Err(de::Error::custom(format!(
                    "one op per list item: `{key}` follows `{}`; start a new item with `- {key}:`",
                    previous.name()
                )));
            }
            op = Some(next_op(&key, &mut map)?);
        }
        let op = op.ok_or_else(|| {
            de::Error::custom("an op item needs an op key such as `create_table:`")
        })?;
        Ok(RawOpItem { op, review })
    }
}

fn next_op<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Op, A::Error> {
    Ok(match key {
        "create_table" => Op::CreateTable(map.next_value()?),
        "drop_table" => Op::DropTable(map.next_value::<NameOr<DropTable>>()?.0),
        "rename_table" => Op::RenameTable(map.next_value()?),
        "add_column" => Op::AddColumn(map.next_value()?),
        "drop_column" => Op::DropColumn(map.next_value()?),
        "alter_column" => Op::AlterColumn(map.next_value()?),
        "create_index" => Op::CreateIndex(map.next_value()?),
        "drop_index" => Op::DropIndex(map.next_value()?),
        "create_primary_key" => Op::CreatePrimaryKey(map.next_value()?),
        "create_unique_constraint" => Op::CreateUniqueConstraint(map.next_value()?),
        "create_foreign_key" => Op::CreateForeignKey(map.next_value()?),
        "create_check_constraint" => Op::CreateCheckConstraint(map.next_value()?),
        "drop_constraint" => Op::DropConstraint(map.next_value()?),
        "rename_index" => Op::RenameIndex(map.next_value()?),
        "rename_constraint" => Op::RenameConstraint(map.next_value()?),
        "create_table_comment" => Op::CreateTableComment(map.next_value()?),
        "drop_table_comment" => Op::DropTableComment(map.next_value()?),
        "create_enum" => Op::CreateEnum(map.next_value()?),
        "drop_enum" => Op::DropEnum(map.next_value()?),
        "execute" => Op::Execute(map.next_value()?),
        "bulk_insert" => Op::BulkInsert(map.next_value()?),
        "unconverted" => {
            let placeholder: Unconverted = map.next_value()?;
            return Err(de::Error::custom(placeholder.refusal()));
        }
        unknown => {
            let hint = crate::suggest::did_you_mean(unknown, OP_NAMES.iter().copied());
            return Err(de::Error::custom(format!(
                "unknown op `{unknown}`{hint}; expected one of: {}",
                OP_NAMES.join(", ")
            )));
        }
    })
}

/// A body that may be written as just its name: `drop_table: runs`.
struct NameOr<T>(T);

impl<'de> Deserialize<'de> for NameOr<DropTable> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DropTable;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table name or a mapping with `name:`")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<DropTable, E> {
                Ok(DropTable {
                    name: name.to_owned(),
                    schema: None,
                    if_exists: false,
                    takes: Vec::new(),
                    absent: false,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DropTable, A::Error> {
                DropTable::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_any(V).map(NameOr)
    }
}

/// `execute` text: a string for every dialect, or a mapping per dialect.
struct SqlText(PerDialect<String>);

impl<'de> Deserialize<'de> for SqlText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PerDialect<String>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("SQL text, or a mapping of dialect name to SQL text with `default:`")
            }
            fn visit_str<E: de::Error>(self, sql: &str) -> Result<PerDialect<String>, E> {
                Ok(PerDialect::everywhere(sql.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PerDialect<String>, A::Error> {
                PerDialect::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer.deserialize_any(V).map(SqlText)
    }
}

impl<'de> Deserialize<'de> for Execute {
    /// `execute: "SQL"`, `execute: {postgresql: ..., default: ...}`, or
    /// `execute: {sql: <text or per-dialect mapping>, reverse: <same>}`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Execute;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "SQL text, a mapping of dialect name to SQL text, \
                     or a mapping with `sql:` and `reverse:`",
                )
            }
            fn visit_str<E: de::Error>(self, sql: &str) -> Result<Execute, E> {
                Ok(Execute {
                    sql: PerDialect::everywhere(sql.to_owned()),
                    reverse: None,
                    effect: Vec::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Execute, A::Error> {
                let mut sql: Option<PerDialect<String>> = None;
                let mut per_dialect = PerDialect::default();
                let mut reverse = None;
                let mut effect = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "sql" => sql = Some(map.next_value::<SqlText>()?.0),
                        "reverse" => reverse = Some(map.next_value::<SqlText>()?.0),
                        "effect" => {
                            effect = map
                                .next_value::<Vec<EffectOp>>()?
                                .into_iter()
                                .map(|e| e.0)
                                .collect()
                        }
                        _ => per_dialect.insert(key, map.next_value()?),
                    }
                }
                let has_dialect_keys = !per_dialect.is_empty();
                let sql = match (sql, has_dialect_keys) {
                    (Some(_), true) => {
                        return Err(de::Error::custom(
                            "`execute` takes either `sql:` or dialect keys, not both; \
                             put the dialect keys under `sql:`",
                        ))
                    }
                    (Some(sql), false) => sql,
                    (None, true) => per_dialect,
                    (None, false) => {
                        return Err(de::Error::custom(
                            "`execute` needs SQL text: `sql:`, `default:` or a dialect key",
                        ))
                    }
                };
                Ok(Execute {
                    sql,
                    reverse,
                    effect,
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One item of `execute`'s `effect:` list: a schema op, written as in
/// `upgrade:` but without `review:` (nothing of it is rendered to review).
struct EffectOp(Op);

impl<'de> Deserialize<'de> for EffectOp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EffectOp;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a schema op that the SQL does, such as `drop_constraint:`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EffectOp, A::Error> {
                let key = map.next_key::<String>()?.ok_or_else(|| {
                    de::Error::custom("an `effect:` item needs an op key such as `drop_index:`")
                })?;
                if let Some(refusal) = not_an_effect(&key) {
                    return Err(de::Error::custom(refusal));
                }
                let op = next_op(&key, &mut map)?;
                if let Some(next) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        "one op per `effect:` item: `{next}` follows `{key}`; \
                         start a new item with `- {next}:`"
                    )));
                }
                Ok(EffectOp(op))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Why `key` cannot describe what an `execute` did to the schema, if it cannot.
fn not_an_effect(key: &str) -> Option<&'static str> {
    match key {
        "execute" => Some("an `effect:` item cannot be an `execute`: it says what the SQL did to the schema, as a schema op"),
        "bulk_insert" => Some("an `effect:` item cannot be a `bulk_insert`: rows are not part of the schema model"),
        "review" => Some("`review:` goes beside the `execute` op, not in its `effect:`"),
        _ => None,
    }
}

impl<'de> Deserialize<'de> for Literal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Literal;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar value: a string, a number, true/false or null")
            }
            fn visit_unit<E>(self) -> Result<Literal, E> {
                Ok(Literal::Null)
            }
            fn visit_none<E>(self) -> Result<Literal, E> {
                Ok(Literal::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Literal, E> {
                Ok(Literal::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Literal, E> {
                Ok(Literal::Number(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Literal, E> {
                Ok(Literal::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Literal, E> {
                if !v.is_finite() {
                    return Err(E::custom("a number in SQL must be finite"));
                }
                Ok(Literal::Number(format_float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Literal, E> {
                Ok(Literal::String(v.to_owned()))
            }
            // The revision loader gives a float's text as written
            // (`crate::load::yaml::NUMBER_TEXT`): a value must reach the
            // script digit for digit, as Alembic writes a `Decimal`.
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Literal, E> {
                std::str::from_utf8(v)
                    .map(|text| Literal::Number(text.to_owned()))
                    .map_err(E::custom)
            }
            // Other deserializers (serde_yaml) pass themselves through.
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Literal, D::Error> {
                deserializer.deserialize_any(V)
            }
        }
        deserializer.deserialize_newtype_struct(crate::load::yaml::NUMBER_TEXT, V)
    }
}

/// A float as Python's `repr` writes it (`2.0`, `0.5`), which is what
/// SQLAlchemy puts in the SQL for a float literal.
pub fn format_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    }
}

impl<'de> Deserialize<'de> for ServerDefault {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ServerDefault;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a string, a number, true/false, {sql: \"expression\"}, \
                     or a mapping of dialect name to default",
                )
            }
            fn visit_bool<E>(self, v: bool) -> Result<ServerDefault, E> {
                Ok(ServerDefault::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<ServerDefault, E> {
                Ok(ServerDefault::Number(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<ServerDefault, E> {
                Ok(ServerDefault::Number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ServerDefault, E> {
                if !v.is_finite() {
                    return Err(E::custom("a default must be a finite number"));
                }
                Ok(ServerDefault::Number(format_float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<ServerDefault, E> {
                Ok(ServerDefault::String(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ServerDefault, A::Error> {
                let mut per_dialect = PerDialect::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "sql" {
                        if !per_dialect.is_empty() {
                            return Err(de::Error::custom(
                                "`sql:` cannot be mixed with dialect keys",
                            ));
                        }
                        let sql: String = map.next_value()?;
                        if let Some(extra) = map.next_key::<String>()? {
                            return Err(de::Error::custom(format!(
                                "`sql:` cannot be mixed with other keys (`{extra}`)"
                            )));
                        }
                        return Ok(ServerDefault::Sql(sql));
                    }
                    per_dialect.insert(key, map.next_value::<ServerDefault>()?);
                }
                if per_dialect.is_empty() {
                    return Err(de::Error::custom("an empty mapping is not a default"));
                }
                Ok(ServerDefault::PerDialect(per_dialect))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for TableConstraint {
    /// `- unique: {...}`: by hand, because serde_yaml 0.9 reads a derived
    /// enum only from a YAML tag (`!unique`), not from a one-key mapping.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TableConstraint;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a constraint: one of `primary_key:`, `unique:`, `foreign_key:`, `check:`",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TableConstraint, A::Error> {
                const KINDS: &[&str] = &["primary_key", "unique", "foreign_key", "check"];
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom(
                        "a constraint needs one key: primary_key, unique, foreign_key or check",
                    ));
                };
                let constraint = match key.as_str() {
                    "primary_key" => TableConstraint::PrimaryKey(map.next_value()?),
                    "unique" => TableConstraint::Unique(map.next_value()?),
                    "foreign_key" => TableConstraint::ForeignKey(map.next_value()?),
                    "check" => TableConstraint::Check(map.next_value()?),
                    unknown => {
                        let hint = crate::suggest::did_you_mean(unknown, KINDS.iter().copied());
                        return Err(de::Error::custom(format!(
                            "unknown constraint `{unknown}`{hint}; expected one of: {}",
                            KINDS.join(", ")
                        )));
                    }
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        "one constraint per list item: `{extra}` follows `{key}`"
                    )));
                }
                Ok(constraint)
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for BulkInsert {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            table: String,
            #[serde(default)]
            schema: Option<String>,
            rows: Vec<Row>,
        }
        let raw = Raw::deserialize(deserializer)?;
        Ok(BulkInsert {
            table: raw.table,
            schema: raw.schema,
            rows: raw.rows.into_iter().map(|row| row.0).collect(),
            has_identity: None,
            column_types: None,
        })
    }
}

/// A `bulk_insert` row with its keys in the order written.
struct Row(Vec<(String, Literal)>);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row: a mapping of column name to value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
                let mut row: Vec<(String, Literal)> = Vec::new();
                // A set beside the list: a row of 100,000 columns made
                // `Vec::contains` per key take seconds.
                let mut seen = std::collections::HashSet::new();
                while let Some((key, value)) = map.next_entry::<String, Literal>()? {
                    if !seen.insert(key.clone()) {
                        return Err(de::Error::custom(format!(
                            "column `{key}` appears twice in this row"
                        )));
                    }
                    row.push((key, value));
                }
                Ok(Row(row))
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_constraints_are_one_key_mappings() {
        let constraints: Vec<TableConstraint> = serde_yaml::from_str(
            "- unique: {columns: [a, b], name: uq_t_ab}\n- check:\n    condition: a > 0\n",
        )
        .unwrap();
        assert_eq!(
            constraints,
            vec![
                TableConstraint::Unique(UniqueDef {
                    columns: vec!["a".into(), "b".into()],
                    name: Some("uq_t_ab".into()),
                    engine_name: None,
                    postgresql_nulls_not_distinct: None,
                }),
                TableConstraint::Check(CheckDef {
                    condition: "a > 0".into(),
                    name: None,
                    engine_name: None,
                }),
            ]
        );
    }

    #[test]
    fn a_misspelt_constraint_gets_a_suggestion() {
        let error =
            serde_yaml::from_str::<Vec<TableConstraint>>("- uniqe: {columns: [a]}\n").unwrap_err();
        assert!(
            error.to_string().contains("did you mean `unique`"),
            "{error}"
        );
    }
}

/// `unconverted: {needs, reason, python: {file, line, source}}`: a statement
/// of an Alembic revision that `retort import` could not convert exactly.
/// Always refused, so that no script is made until a person replaces it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Unconverted {
    /// `person`, or `surface` (waits for the YAML surface to grow).
    #[serde(default)]
    needs: Option<String>,
    /// Why it was not converted.
    reason: String,
    /// Where it came from.
    python: PythonSource,
}

/// The Python statement an `unconverted:` item stands for.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PythonSource {
    file: String,
    line: u64,
    source: String,
}

impl Unconverted {
    fn refusal(&self) -> String {
        let first = self.python.source.lines().next().unwrap_or_default();
        let more = if self.python.source.lines().nth(1).is_some() {
            " …"
        } else {
            ""
        };
        let who = match self.needs.as_deref() {
            Some("surface") => " (retort's YAML cannot say this yet)",
            _ => "",
        };
        format!(
            "a statement `retort import` could not convert{who}: {}:{}: `{first}{more}`: {}; \
             replace this `unconverted:` item with the ops it performs",
            self.python.file, self.python.line, self.reason
        )
    }
}
