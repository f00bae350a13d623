//! SQLite's table rebuilds: Alembic batch mode's "move and copy", compiled
//! from the model instead of reflected from a live database.
//!
//! Which ops need one is a dialect fact (`table_rebuild_for` in
//! `dialect.yaml`); this module decides, for such an op, whether it really
//! changes what `ALTER TABLE` cannot (a rename alone does not), and builds
//! the [`RebuildTable`] op from the table before and after.

use super::state::{SchemaName, Table};
use crate::dialect::DialectFacts;
use crate::revision::{CopyColumn, Op, RebuildTable};
use crate::types::ColumnType;

/// The table an op changes in place, if it is one a rebuild could do.
pub fn rebuilt_table(op: &Op) -> Option<(&SchemaName, &str)> {
    match op {
        Op::AddColumn(o) => Some((&o.schema, &o.table)),
        Op::DropColumn(o) => Some((&o.schema, &o.table)),
        Op::AlterColumn(o) => Some((&o.schema, &o.table)),
        Op::CreatePrimaryKey(o) => Some((&o.schema, &o.table)),
        Op::CreateUniqueConstraint(o) => Some((&o.schema, &o.table)),
        Op::CreateForeignKey(o) => Some((&o.schema, &o.source_table)),
        Op::CreateCheckConstraint(o) => Some((&o.schema, &o.table)),
        Op::DropConstraint(o) => Some((&o.schema, &o.table)),
        Op::RenameConstraint(o) => Some((&o.schema, &o.table)),
        _ => None,
    }
}

/// True when `dialect` may compile `op` as a table rebuild: it is one of
/// its `table_rebuild_for`.
pub fn may_rebuild(dialect: &DialectFacts, op: &Op) -> bool {
    rebuilt_table(op).is_some() && dialect.table_rebuild_for.iter().any(|n| n == op.name())
}

/// True when `dialect` compiles `op` (completed by the model) as a table
/// rebuild.
pub fn needs_rebuild(dialect: &DialectFacts, op: &Op) -> bool {
    if !may_rebuild(dialect, op) {
        return false;
    }
    match op {
        // DROP COLUMN refuses a column an index or constraint uses: the
        // rebuild leaves out what the model says goes with it.
        Op::DropColumn(o) => !o.takes.is_empty(),
        // A rename or a comment alone is plain ALTER TABLE.
        Op::AlterColumn(o) => {
            o.type_.is_some() || o.nullable.is_some() || !o.server_default.is_keep()
        }
        // What ADD COLUMN cannot add is dialect data.
        Op::AddColumn(o) => dialect
            .add_column_rebuild_when
            .iter()
            .any(|need| need.applies(&o.column, &dialect.name)),
        _ => true,
    }
}

/// A rebuild in progress: consecutive ops on one table fold into it.
#[derive(Debug, Clone)]
pub struct PendingRebuild {
    /// The table as it was before the first folded op.
    pub before: Table,
    /// For each column of the table now: the old table's column it comes
    /// from, if any (a column added by a folded op has none).
    pub sources: Vec<(String, Option<String>)>,
    /// Where the rebuild op stands in the step's output.
    pub position: usize,
}

impl PendingRebuild {
    /// Starts a rebuild of `before`.
    pub fn new(before: Table, position: usize) -> Self {
        let sources = before
            .columns
            .iter()
            .map(|c| (c.name.clone(), Some(c.name.clone())))
            .collect();
        PendingRebuild {
            before,
            sources,
            position,
        }
    }

    /// Whether `op`, on `table`, continues this rebuild.
    pub fn continues(&self, schema: &SchemaName, table: &str, output_len: usize) -> bool {
        &self.before.schema == schema
            && self.before.name == table
            && self.position + 1 == output_len
    }

    /// Follows the column renames and drops of a folded op.
    pub fn track(&mut self, op: &Op) {
        match op {
            Op::AlterColumn(o) => {
                if let Some(new_name) = &o.new_name {
                    for (name, _) in &mut self.sources {
                        if name == &o.column {
                            *name = new_name.clone();
                        }
                    }
                }
            }
            Op::DropColumn(o) => self.sources.retain(|(name, _)| name != &o.column),
            _ => {}
        }
    }

    /// The rebuild that turns the old table into `after`.
    pub fn op(&self, after: &Table) -> Op {
        let temp_table = format!("_alembic_tmp_{}", after.name);
        let mut create = after.to_create_table();
        create.name = temp_table.clone();
        create.indexes = Vec::new();
        create.creates_enums = Some(Vec::new());
        let copy = after
            .columns
            .iter()
            .filter_map(|column| {
                // The engine computes a computed column; it takes no value.
                if column.computed.is_some() {
                    return None;
                }
                let source = self
                    .sources
                    .iter()
                    .find(|(name, _)| name == &column.name)
                    .and_then(|(_, source)| source.clone())?;
                let old_type = &self.before.column(&source)?.type_;
                Some(CopyColumn {
                    name: column.name.clone(),
                    cast: needs_cast(old_type, &column.type_).then(|| column.type_.clone()),
                    source,
                })
            })
            .collect();
        let indexes = after
            .indexes
            .iter()
            .map(|index| index.created_on(&after.name, &after.schema, false))
            .collect();
        Op::RebuildTable(RebuildTable {
            table: after.name.clone(),
            schema: after.schema.clone(),
            temp_table,
            create,
            copy,
            indexes,
        })
    }
}

/// Alembic casts a copied column when its type changes kind (SQLAlchemy's
/// "type affinity"), except into JSON.
fn needs_cast(old: &ColumnType, new: &ColumnType) -> bool {
    !matches!(new, ColumnType::Json) && affinity(old) != affinity(new)
}

/// SQLAlchemy's `_type_affinity`: the generic type a type is a kind of.
fn affinity(column_type: &ColumnType) -> &'static str {
    match column_type {
        ColumnType::Upper { .. } => affinity(&column_type.generic_kin()),
        ColumnType::Integer | ColumnType::SmallInteger | ColumnType::BigInteger => "Integer",
        ColumnType::String { .. }
        | ColumnType::Text { .. }
        | ColumnType::Unicode { .. }
        | ColumnType::UnicodeText
        | ColumnType::Enum { .. } => "String",
        ColumnType::Float { .. } | ColumnType::Numeric { .. } => "Numeric",
        ColumnType::Boolean { .. } => "Boolean",
        ColumnType::Date => "Date",
        ColumnType::DateTime { .. } => "DateTime",
        ColumnType::Time { .. } => "Time",
        ColumnType::Interval => "Interval",
        ColumnType::LargeBinary { .. } => "LargeBinary",
        ColumnType::Json => "JSON",
        ColumnType::Uuid => "Uuid",
        ColumnType::Dialect { .. } | ColumnType::PerDialect { .. } | ColumnType::Sql { .. } => {
            "opaque"
        }
    }
}
