//! The in-memory schema: tables and enum types per schema name.
//!
//! Everything is ordered (BTreeMap by name, Vec in definition order), so that
//! whatever is rendered from the model is the same on every run.
//!
//! A table is kept in one normal form whatever way the revision wrote it:
//! column-level `unique`, `foreign_key` and `index` become table constraints
//! and indexes, in the order SQLAlchemy writes them (the primary key, the
//! table-level constraints as listed, then those of columns in column order;
//! the indexes of columns, then the listed ones).

use super::drop_takes::DropColumnTakes;
use super::engine_names::{Scope, Unnamed, UnnamedConstraints};
use crate::dialect::DialectFacts;
use crate::revision::{
    Column, ColumnForeignKey, ConstraintKind, CreateTable, ForeignKeyDef, IndexColumn, IndexDef,
    PrimaryKeyDef, TableConstraint, UniqueDef,
};
use crate::types::ColumnType;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A schema name; `None` is the connection's default schema.
pub type SchemaName = Option<String>;

/// A table by schema name and name.
pub type TableKey = (SchemaName, String);

/// The whole database as the model knows it.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Objects per schema name.
    pub namespaces: BTreeMap<SchemaName, Namespace>,
    /// Creation counter: orders tables by when they were created.
    next_sequence: u64,
    /// Which tables reference which, so that dropping a table or a column
    /// need not scan every table for foreign keys to it: over a long history
    /// that scan made the replay quadratic.
    foreign_keys: ForeignKeyIndex,
    /// How the engine the model is built for names unnamed constraints
    /// ([`Schema::on`]); `None`: they stay unnamed in the model.
    pub naming: Option<Arc<UnnamedConstraints>>,
    /// What the engine the model is built for does to the indexes and
    /// constraints using a dropped column; `None`: it refuses the drop.
    pub drop_column_takes: Option<Arc<DropColumnTakes>>,
    /// What the engine the model is built for refuses on `DROP TABLE`.
    pub drop_table: Option<Arc<super::drop_table::DropTableFacts>>,
    /// The engine rules ops are checked against (none by default).
    pub rules: super::EngineRules,
}

/// Two schemas are equal when their objects are (whatever their indexes).
impl PartialEq for Schema {
    fn eq(&self, other: &Schema) -> bool {
        self.namespaces == other.namespaces && self.next_sequence == other.next_sequence
    }
}

/// The foreign keys between tables, as of the last
/// [`Schema::index_foreign_keys`], and the tables changed since (whose
/// foreign keys may differ from what the index says).
#[derive(Debug, Clone, Default)]
struct ForeignKeyIndex {
    /// Referenced table → the tables with a foreign key to it.
    to: BTreeMap<TableKey, BTreeSet<TableKey>>,
    /// Table → the tables its foreign keys reference.
    from: BTreeMap<TableKey, BTreeSet<TableKey>>,
    /// Tables changed since they were indexed.
    changed: BTreeSet<TableKey>,
}

/// The objects of one schema name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Namespace {
    /// Tables by name.
    pub tables: BTreeMap<String, Table>,
    /// Named enum types (PostgreSQL `CREATE TYPE ... AS ENUM`) by name: their values.
    pub enums: BTreeMap<String, Vec<String>>,
    /// Index name → the table holding it, kept by the replay
    /// ([`Schema::insert_table`], [`Schema::index_added`], ...), so that
    /// finding an index by name does not scan every table: over a long
    /// history that scan made the replay quadratic.
    pub index_owners: BTreeMap<String, String>,
}

/// One table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Table name.
    pub name: String,
    /// Schema name.
    pub schema: SchemaName,
    /// Columns in order; `unique`, `index` and `foreign_key` are always unset
    /// here (they live in `constraints` / `indexes`), `nullable` always set,
    /// `primary_key` set on the primary key's columns.
    pub columns: Vec<Column>,
    /// Constraints in creation order, the primary key first.
    pub constraints: Vec<TableConstraint>,
    /// Indexes in creation order.
    pub indexes: Vec<IndexDef>,
    /// The indexes the engine made for foreign keys by itself (MariaDB's
    /// InnoDB, see [`crate::dialect::ForeignKeyRules::own_index`]): never
    /// written in a script, but they name-clash, serve foreign keys and go.
    pub engine_indexes: Vec<super::fk_indexes::EngineIndex>,
    /// The column the scripts made AUTO_INCREMENT (or IDENTITY): the one
    /// [`Table::autoincrement_column`] named when the table was created, or
    /// an `alter_column` wrote it on; [`Table::autoincrement_column`] is
    /// what a `CREATE TABLE` of the table as it is now would make.
    pub counted_column: Option<String>,
    /// Table comment.
    pub comment: Option<String>,
    /// The dialect-specific options it was created with (MySQL's engine...).
    pub options: crate::revision::TableOptions,
    /// When it was created, relative to the other tables.
    pub sequence: u64,
    /// The rows the history's own `bulk_insert`s put in it, as far as the
    /// model knows them (not part of the schema: never compared).
    pub rows: super::known_rows::KnownRows,
}

/// `schema.name`, or `name` in the default schema: how messages name a table.
pub fn qualified(schema: &SchemaName, name: &str) -> String {
    match schema {
        Some(schema) => format!("{schema}.{name}"),
        None => name.to_owned(),
    }
}

/// A constraint's name, if it has one: the written one, or else the one the
/// engine gave it.
pub fn constraint_name(constraint: &TableConstraint) -> Option<&str> {
    let (written, given) = match constraint {
        TableConstraint::PrimaryKey(c) => (&c.name, &c.engine_name),
        TableConstraint::Unique(c) => (&c.name, &c.engine_name),
        TableConstraint::ForeignKey(c) => (&c.name, &c.engine_name),
        TableConstraint::Check(c) => (&c.name, &c.engine_name),
    };
    written.as_deref().or(given.as_deref())
}

/// `constraint` under the name it has on the engine: the written one, or
/// else the one the engine gave it (what a check of the catalog looks for).
pub fn with_known_name(constraint: &TableConstraint) -> TableConstraint {
    let mut named = constraint.clone();
    if let (true, Some(given)) = (is_unnamed(constraint), constraint_name(constraint)) {
        let given = given.to_owned();
        match &mut named {
            TableConstraint::PrimaryKey(c) => c.name = Some(given),
            TableConstraint::Unique(c) => c.name = Some(given),
            TableConstraint::ForeignKey(c) => c.name = Some(given),
            TableConstraint::Check(c) => c.name = Some(given),
        }
    }
    named
}

/// Whether the revisions left `constraint` unnamed (whatever the engine calls it).
pub fn is_unnamed(constraint: &TableConstraint) -> bool {
    match constraint {
        TableConstraint::PrimaryKey(c) => c.name.is_none(),
        TableConstraint::Unique(c) => c.name.is_none(),
        TableConstraint::ForeignKey(c) => c.name.is_none(),
        TableConstraint::Check(c) => c.name.is_none(),
    }
}

/// Sets the name the engine gave `constraint` (unnamed in the revisions).
fn set_engine_name(constraint: &mut TableConstraint, name: String) {
    let slot = match constraint {
        TableConstraint::PrimaryKey(c) => &mut c.engine_name,
        TableConstraint::Unique(c) => &mut c.engine_name,
        TableConstraint::ForeignKey(c) => &mut c.engine_name,
        TableConstraint::Check(c) => &mut c.engine_name,
    };
    *slot = Some(name);
}

/// A constraint's kind, as `drop_constraint`'s `type` names it.
pub fn constraint_kind(constraint: &TableConstraint) -> ConstraintKind {
    match constraint {
        TableConstraint::PrimaryKey(_) => ConstraintKind::Primary,
        TableConstraint::Unique(_) => ConstraintKind::Unique,
        TableConstraint::ForeignKey(_) => ConstraintKind::Foreignkey,
        TableConstraint::Check(_) => ConstraintKind::Check,
    }
}

/// The local columns a constraint names (none for a check: its SQL is opaque).
pub fn constraint_columns(constraint: &TableConstraint) -> &[String] {
    match constraint {
        TableConstraint::PrimaryKey(c) => &c.columns,
        TableConstraint::Unique(c) => &c.columns,
        TableConstraint::ForeignKey(c) => &c.columns,
        TableConstraint::Check(_) => &[],
    }
}

/// "foreign key `fk_x`", or "an unnamed unique constraint": for messages.
pub fn describe_constraint(constraint: &TableConstraint) -> String {
    let kind = match constraint_kind(constraint) {
        ConstraintKind::Primary => "primary key",
        ConstraintKind::Unique => "unique constraint",
        ConstraintKind::Foreignkey => "foreign key",
        ConstraintKind::Check => "check constraint",
    };
    let columns = constraint_columns(constraint).join(", ");
    match constraint_name(constraint) {
        Some(name) => format!("{kind} `{name}`"),
        None if kind == "primary key" => format!("the primary key ({columns})"),
        None => match constraint {
            TableConstraint::Check(check) => format!("an unnamed check `{}`", check.condition),
            _ => format!(
                "an unnamed {kind} on ({})",
                constraint_columns(constraint).join(", ")
            ),
        },
    }
}

/// The name SQLAlchemy gives the index of a column with `index: true`.
pub fn column_index_name(table: &str, column: &str) -> String {
    format!("ix_{table}_{column}")
}

/// A named, natively created enum type: its name and values. In a mapping
/// of dialect to type, the first dialect's (PostgreSQL's, in practice) named enum.
pub fn named_enum(column_type: &ColumnType) -> Option<(&str, &[String])> {
    match column_type {
        ColumnType::Enum {
            values,
            name: Some(name),
            native_enum: true,
            ..
        } => Some((name, values)),
        ColumnType::PerDialect { types } => types.iter().find_map(|(_, t)| named_enum(t)),
        _ => None,
    }
}

impl Schema {
    /// An empty database.
    pub fn new() -> Self {
        Schema::default()
    }

    /// An empty database on the engine of `dialect`: the model gives
    /// unnamed constraints the names that engine gives them, and checks
    /// ops against the engine's rules ([`super::EngineRules`]).
    pub fn on(dialect: &DialectFacts) -> Self {
        Schema {
            naming: dialect.unnamed_constraints.clone().map(Arc::new),
            drop_column_takes: dialect.drop_column_takes.clone().map(Arc::new),
            drop_table: dialect.drop_table.clone().map(Arc::new),
            rules: super::EngineRules::of(dialect),
            ..Schema::default()
        }
    }

    /// Gives each constraint of table `schema.name` that has no name the
    /// name the engine gives it, in the table's order (the model's
    /// `naming`; nothing without one).
    pub fn name_unnamed_constraints(&mut self, schema: &SchemaName, name: &str) {
        let Some(naming) = self.naming.clone() else {
            return;
        };
        let count = self.table(schema, name).map_or(0, |t| t.constraints.len());
        for position in 0..count {
            let Some(given) = self.engine_name_of(&naming, schema, name, position) else {
                continue;
            };
            if let Some(table) = self.table_mut(schema, name) {
                set_engine_name(&mut table.constraints[position], given);
            }
        }
    }

    /// The name the engine gives the constraint at `position` of the table,
    /// if it is nameless so far and the engine's naming is known.
    fn engine_name_of(
        &self,
        naming: &UnnamedConstraints,
        schema: &SchemaName,
        name: &str,
        position: usize,
    ) -> Option<String> {
        let table = self.table(schema, name)?;
        let constraint = table.constraints.get(position)?;
        if constraint_name(constraint).is_some() {
            return None;
        }
        let check_column = match constraint {
            TableConstraint::Check(check) => {
                let named: Vec<&Column> = table
                    .columns
                    .iter()
                    .filter(|c| sql_names_identifier(&check.condition, &c.name))
                    .collect();
                match named.as_slice() {
                    [only] => Some(only.name.as_str()),
                    _ => None,
                }
            }
            _ => None,
        };
        let unnamed = Unnamed {
            kind: constraint_kind(constraint),
            table: name,
            columns: constraint_columns(constraint),
            check_column,
        };
        let own: Vec<&str> = table.object_names();
        // Looked up name by name, not gathered: a set of every name of the
        // schema per new table made a long history's replay quadratic.
        let namespace = self.namespace(schema);
        let taken = |candidate: &str| match naming.distinct_in {
            Scope::Table => own.contains(&candidate),
            Scope::Schema => namespace.is_some_and(|ns| {
                ns.tables.contains_key(candidate)
                    || ns.index_owners.contains_key(candidate)
                    || ns
                        .tables
                        .values()
                        .any(|t| t.constraint(candidate).is_some())
            }),
        };
        naming.name(&unnamed, &taken, &own)
    }

    /// The namespace of `schema`, if anything lives there.
    pub fn namespace(&self, schema: &SchemaName) -> Option<&Namespace> {
        self.namespaces.get(schema)
    }

    /// The namespace of `schema`, created when absent.
    pub fn namespace_mut(&mut self, schema: &SchemaName) -> &mut Namespace {
        self.namespaces.entry(schema.clone()).or_default()
    }

    /// The table `name` in `schema`.
    pub fn table(&self, schema: &SchemaName, name: &str) -> Option<&Table> {
        self.namespace(schema)?.tables.get(name)
    }

    /// The table `name` in `schema`, mutably.
    pub fn table_mut(&mut self, schema: &SchemaName, name: &str) -> Option<&mut Table> {
        self.table_changed(schema, name);
        self.namespaces.get_mut(schema)?.tables.get_mut(name)
    }

    /// Notes that the table `name` of `schema` was added, removed or changed
    /// other than through [`Schema::table_mut`], [`Schema::insert_table`] and
    /// [`Schema::remove_table`] (which note it themselves): its foreign keys
    /// are indexed again at the next [`Schema::index_foreign_keys`].
    pub fn table_changed(&mut self, schema: &SchemaName, name: &str) {
        self.foreign_keys
            .changed
            .insert((schema.clone(), name.to_owned()));
    }

    /// The tables changed since the last [`Schema::index_foreign_keys`].
    pub fn changed_tables(&self) -> Vec<TableKey> {
        self.foreign_keys.changed.iter().cloned().collect()
    }

    /// Indexes the foreign keys of the tables changed since the last call,
    /// keeping [`Schema::references_to`] from looking at them one by one.
    pub fn index_foreign_keys(&mut self) {
        let index = &mut self.foreign_keys;
        for owner in std::mem::take(&mut index.changed) {
            for target in index.from.remove(&owner).unwrap_or_default() {
                if let Some(owners) = index.to.get_mut(&target) {
                    owners.remove(&owner);
                    if owners.is_empty() {
                        index.to.remove(&target);
                    }
                }
            }
            let table = self
                .namespaces
                .get(&owner.0)
                .and_then(|ns| ns.tables.get(&owner.1));
            let targets: BTreeSet<TableKey> = table
                .into_iter()
                .flat_map(|t| &t.constraints)
                .filter_map(|constraint| match constraint {
                    TableConstraint::ForeignKey(fk) => {
                        Some((fk.ref_schema.clone(), fk.ref_table.clone()))
                    }
                    _ => None,
                })
                .collect();
            for target in &targets {
                index
                    .to
                    .entry(target.clone())
                    .or_default()
                    .insert(owner.clone());
            }
            if !targets.is_empty() {
                index.from.insert(owner, targets);
            }
        }
    }

    /// The names of the tables in `schema`, for "did you mean".
    pub fn table_names(&self, schema: &SchemaName) -> Vec<&str> {
        self.namespace(schema)
            .map(|ns| ns.tables.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Adds a table, giving it the next creation number.
    pub fn insert_table(&mut self, mut table: Table) {
        table.sequence = self.next_sequence;
        self.next_sequence += 1;
        let schema = table.schema.clone();
        let namespace = self.namespace_mut(&schema);
        for index in &table.indexes {
            namespace
                .index_owners
                .insert(index.name.clone(), table.name.clone());
        }
        let name = table.name.clone();
        namespace.tables.insert(table.name.clone(), table);
        self.table_changed(&schema, &name);
    }

    /// Removes the table `name` of `schema` (and its indexes), returning it.
    pub fn remove_table(&mut self, schema: &SchemaName, name: &str) -> Option<Table> {
        let namespace = self.namespaces.get_mut(schema)?;
        let table = namespace.tables.remove(name)?;
        for index in &table.indexes {
            namespace.index_owners.remove(&index.name);
        }
        self.table_changed(schema, name);
        Some(table)
    }

    /// Records that the table `table` of `schema` now holds the index `name`
    /// (after pushing it onto the table's `indexes`).
    pub fn index_added(&mut self, schema: &SchemaName, table: &str, name: &str) {
        self.namespace_mut(schema)
            .index_owners
            .insert(name.to_owned(), table.to_owned());
    }

    /// Records that the index `name` of `schema` is gone.
    pub fn index_removed(&mut self, schema: &SchemaName, name: &str) {
        if let Some(namespace) = self.namespaces.get_mut(schema) {
            namespace.index_owners.remove(name);
        }
    }

    /// The table holding the index `name` in `schema`.
    pub fn index_owner(&self, schema: &SchemaName, name: &str) -> Option<&Table> {
        let namespace = self.namespace(schema)?;
        let owner = namespace.tables.get(namespace.index_owners.get(name)?)?;
        owner.index(name).map(|_| owner)
    }

    /// Every index name in `schema`, for "did you mean".
    pub fn index_names(&self, schema: &SchemaName) -> Vec<&str> {
        self.namespace(schema)
            .map(|ns| {
                ns.tables
                    .values()
                    .flat_map(|t| t.indexes.iter().map(|i| i.name.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every table in every schema, in creation order.
    pub fn tables(&self) -> Vec<&Table> {
        let mut tables: Vec<&Table> = self
            .namespaces
            .values()
            .flat_map(|ns| ns.tables.values())
            .collect();
        tables.sort_by_key(|t| t.sequence);
        tables
    }

    /// Foreign keys of any table that reference the table `schema.name`:
    /// (referencing table, foreign key), in the tables' creation order.
    pub fn references_to(&self, schema: &SchemaName, name: &str) -> Vec<(&Table, &ForeignKeyDef)> {
        let mut found = Vec::new();
        for (owner_schema, owner) in self.may_reference(schema, name) {
            let Some(table) = self.table(&owner_schema, &owner) else {
                continue;
            };
            for constraint in &table.constraints {
                if let TableConstraint::ForeignKey(fk) = constraint {
                    if references(fk, schema, name) {
                        found.push((table, fk));
                    }
                }
            }
        }
        // Stable: a table's own foreign keys stay in their order.
        found.sort_by_key(|(table, _)| table.sequence);
        // Only on small schemas: the scan on every call is what the index
        // saves, and the scale tests replay thousands of tables.
        if cfg!(debug_assertions)
            && self
                .namespaces
                .values()
                .map(|ns| ns.tables.len())
                .sum::<usize>()
                <= 256
        {
            assert_eq!(
                found,
                self.references_by_scan(schema, name),
                "the foreign-key index of the schema model missed a change"
            );
        }
        found
    }

    /// The tables that may have a foreign key to the table `name` of
    /// `schema`: those the index names, and those changed since it was made.
    pub fn may_reference(&self, schema: &SchemaName, name: &str) -> BTreeSet<TableKey> {
        let index = &self.foreign_keys;
        let target = (schema.clone(), name.to_owned());
        index
            .to
            .get(&target)
            .into_iter()
            .flatten()
            .chain(&index.changed)
            .cloned()
            .collect()
    }

    /// [`Schema::references_to`] by looking at every table: what the index
    /// must give (checked in debug builds, and so by the tests).
    fn references_by_scan(&self, schema: &SchemaName, name: &str) -> Vec<(&Table, &ForeignKeyDef)> {
        let mut found = Vec::new();
        for table in self.namespaces.values().flat_map(|ns| ns.tables.values()) {
            for constraint in &table.constraints {
                if let TableConstraint::ForeignKey(fk) = constraint {
                    if references(fk, schema, name) {
                        found.push((table, fk));
                    }
                }
            }
        }
        found.sort_by_key(|(table, _)| table.sequence);
        found
    }

    /// Columns of any table whose type is the named enum `name` of `schema`.
    /// A column's `Enum(name=...)` names a type of the default schema,
    /// whatever its table's schema (SQLAlchemy without `inherit_schema`).
    pub fn enum_users(&self, schema: &SchemaName, name: &str) -> Vec<String> {
        let mut users = Vec::new();
        if schema.is_some() {
            return users;
        }
        for table in self.tables() {
            for column in &table.columns {
                if named_enum(&column.type_).is_some_and(|(n, _)| n == name) {
                    users.push(format!(
                        "column `{}` of table `{}`",
                        column.name,
                        qualified(&table.schema, &table.name)
                    ));
                }
            }
        }
        users
    }

    /// The tables in an order in which each comes after the tables its
    /// foreign keys reference (ties, and cycles, by creation order).
    pub fn tables_in_dependency_order(&self) -> Vec<&Table> {
        use std::collections::BTreeSet;
        // Kahn's algorithm, taking the oldest ready table each time, and the
        // oldest remaining one when a cycle leaves none ready.
        let tables = self.tables();
        let place: BTreeMap<(&SchemaName, &str), usize> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| ((&t.schema, t.name.as_str()), i))
            .collect();
        let mut waiting_on = vec![0usize; tables.len()];
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); tables.len()];
        for (i, table) in tables.iter().enumerate() {
            let referenced: BTreeSet<usize> = self
                .referenced_tables(table)
                .iter()
                .filter_map(|(schema, name)| place.get(&(schema, name.as_str())).copied())
                .filter(|&j| j != i)
                .collect();
            waiting_on[i] = referenced.len();
            for j in referenced {
                dependents[j].push(i);
            }
        }
        let mut remaining: BTreeSet<usize> = (0..tables.len()).collect();
        let mut ready: BTreeSet<usize> = remaining
            .iter()
            .copied()
            .filter(|&i| waiting_on[i] == 0)
            .collect();
        let mut placed = Vec::with_capacity(tables.len());
        while let Some(next) = ready.pop_first().or_else(|| remaining.first().copied()) {
            remaining.remove(&next);
            placed.push(tables[next]);
            for &dependent in &dependents[next] {
                if remaining.contains(&dependent) {
                    waiting_on[dependent] -= 1;
                    if waiting_on[dependent] == 0 {
                        ready.insert(dependent);
                    }
                }
            }
        }
        placed
    }

    fn referenced_tables(&self, table: &Table) -> Vec<(SchemaName, String)> {
        table
            .constraints
            .iter()
            .filter_map(|c| match c {
                TableConstraint::ForeignKey(fk) => {
                    Some((fk.ref_schema.clone(), fk.ref_table.clone()))
                }
                _ => None,
            })
            .collect()
    }
}

/// True when `fk` references the table `schema.name`. As in SQLAlchemy, a
/// foreign key without `ref_schema` names a table of the default schema.
pub fn references(fk: &ForeignKeyDef, schema: &SchemaName, name: &str) -> bool {
    fk.ref_table == name && &fk.ref_schema == schema
}

impl Table {
    /// The table `create_table` makes, in normal form.
    pub fn from_create_table(op: &CreateTable) -> Table {
        let table_level_pk: Vec<&String> = op
            .constraints
            .iter()
            .filter_map(|c| match c {
                TableConstraint::PrimaryKey(pk) => Some(&pk.columns),
                _ => None,
            })
            .flatten()
            .collect();
        let mut table = Table {
            name: op.name.clone(),
            schema: op.schema.clone(),
            columns: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            engine_indexes: Vec::new(),
            counted_column: None,
            comment: op.comment.clone(),
            options: op.options(),
            sequence: 0,
            rows: super::known_rows::KnownRows::empty(),
        };
        let flagged_pk: Vec<String> = op
            .columns
            .iter()
            .filter(|c| c.primary_key)
            .map(|c| c.name.clone())
            .collect();
        if !flagged_pk.is_empty() {
            table
                .constraints
                .push(TableConstraint::PrimaryKey(PrimaryKeyDef {
                    columns: flagged_pk,
                    name: None,
                    engine_name: None,
                }));
        }
        if let Some(pk) = op.constraints.iter().find_map(|c| match c {
            TableConstraint::PrimaryKey(pk) => Some(pk),
            _ => None,
        }) {
            // A table-level primary key wins over column flags (SQLAlchemy
            // merges them; a revision that writes both means the same columns).
            table
                .constraints
                .retain(|c| !matches!(c, TableConstraint::PrimaryKey(_)));
            table
                .constraints
                .insert(0, TableConstraint::PrimaryKey(pk.clone()));
        }
        for constraint in &op.constraints {
            if !matches!(constraint, TableConstraint::PrimaryKey(_)) {
                table.constraints.push(constraint.clone());
            }
        }
        for column in &op.columns {
            let in_pk = column.primary_key || table_level_pk.contains(&&column.name);
            table.add_column(column, in_pk);
        }
        table.indexes.extend(op.indexes.iter().cloned());
        // What the dialects write AUTO_INCREMENT (or IDENTITY) on.
        let counted = table
            .columns
            .iter()
            .find(|c| {
                c.server_default.is_none()
                    && (table.autoincrement_column() == Some(c.name.as_str())
                        || c.identity.is_some())
            })
            .map(|c| c.name.clone());
        table.counted_column = counted;
        table
    }

    /// Appends `column` (as written in a revision) in normal form: its
    /// `unique`, `foreign_key` and `index` become table constraints and indexes.
    pub fn add_column(&mut self, column: &Column, in_primary_key: bool) {
        let mut plain = column.clone();
        plain.primary_key = in_primary_key;
        plain.nullable = Some(column.nullable.unwrap_or(!in_primary_key));
        plain.unique = false;
        plain.index = false;
        plain.foreign_key = None;
        self.columns.push(plain);
        if let Some(fk) = &column.foreign_key {
            self.constraints
                .push(TableConstraint::ForeignKey(foreign_key_def(
                    &column.name,
                    fk,
                )));
        }
        if column.index {
            // SQLAlchemy: `index=True, unique=True` is a unique index, no constraint.
            self.indexes.push(IndexDef {
                unique: column.unique,
                ..IndexDef::plain(
                    column_index_name(&self.name, &column.name),
                    std::slice::from_ref(&column.name),
                )
            });
        } else if column.unique {
            self.constraints.push(TableConstraint::Unique(UniqueDef {
                columns: vec![column.name.clone()],
                name: None,
                engine_name: None,
                postgresql_nulls_not_distinct: None,
            }));
        }
    }

    /// The `create_table` op that makes this table as it is now.
    pub fn to_create_table(&self) -> CreateTable {
        let mut columns = self.columns.clone();
        // The table-level form of a column's foreign key hides it from the
        // renderer's autoincrement rule, which looks at the column: say it.
        let autoincrement = self.autoincrement_column();
        for column in &mut columns {
            if column.primary_key
                && column.autoincrement.is_none()
                && autoincrement != Some(column.name.as_str())
            {
                column.autoincrement = Some(false);
            }
        }
        let mut constraints = Vec::new();
        for constraint in &self.constraints {
            match constraint {
                TableConstraint::PrimaryKey(pk) if self.pk_fits_column_flags(pk) => {}
                TableConstraint::PrimaryKey(_) => {
                    for column in &mut columns {
                        column.primary_key = false;
                    }
                    constraints.push(constraint.clone());
                }
                other => constraints.push(other.clone()),
            }
        }
        CreateTable {
            indexes: self.indexes.clone(),
            comment: self.comment.clone(),
            ..CreateTable::with_options(
                self.name.clone(),
                self.schema.clone(),
                columns,
                constraints,
                self.options.clone(),
            )
        }
    }

    /// An unnamed key over columns in table order reads as `primary_key: true` flags.
    fn pk_fits_column_flags(&self, pk: &PrimaryKeyDef) -> bool {
        let in_order: Vec<&String> = self
            .columns
            .iter()
            .filter(|c| pk.columns.contains(&c.name))
            .map(|c| &c.name)
            .collect();
        pk.name.is_none() && in_order.iter().copied().eq(pk.columns.iter())
    }

    /// Keeps `before` as the column that autoincrements, after a change to
    /// the keys. The engine decided that when the column was made (SERIAL,
    /// AUTO_INCREMENT); a key or foreign key added or dropped later does not
    /// change it, though SQLAlchemy's rule, which looks at the keys, would.
    /// Marks columns only where the rule and the engine part.
    pub fn keep_autoincrement(&mut self, before: Option<&str>) {
        let after = self.autoincrement_column().map(str::to_owned);
        if after.as_deref() == before {
            return;
        }
        for column in &mut self.columns {
            if Some(column.name.as_str()) == before {
                column.autoincrement = Some(true);
            } else if Some(column.name.as_str()) == after.as_deref() {
                column.autoincrement = Some(false);
            }
        }
    }

    /// SQLAlchemy's `Table._autoincrement_column`: the integer column of a
    /// single-column primary key, in no foreign key, not `autoincrement: false`
    /// (or any column marked `autoincrement: true`).
    pub fn autoincrement_column(&self) -> Option<&str> {
        if let Some(marked) = self.columns.iter().find(|c| c.autoincrement == Some(true)) {
            return Some(&marked.name);
        }
        let [key] = self.primary_key()?.columns.as_slice() else {
            return None;
        };
        let column = self.column(key)?;
        // A computed column has a server default in SQLAlchemy
        // (`Computed` is a `FetchedValue`), which rules it out.
        if column.computed.is_some() {
            return None;
        }
        let integer = matches!(
            column.type_,
            ColumnType::Integer | ColumnType::SmallInteger | ColumnType::BigInteger
        );
        let in_foreign_key = self
            .constraints
            .iter()
            .any(|c| matches!(c, TableConstraint::ForeignKey(fk) if fk.columns.contains(key)));
        (integer && !in_foreign_key && column.autoincrement != Some(false)).then_some(key)
    }

    /// The column `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The column `name`, mutably.
    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// Column names, for "did you mean".
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.name.as_str()).collect()
    }

    /// The primary key, if any.
    pub fn primary_key(&self) -> Option<&PrimaryKeyDef> {
        self.constraints.iter().find_map(|c| match c {
            TableConstraint::PrimaryKey(pk) => Some(pk),
            _ => None,
        })
    }

    /// The constraint named `name`.
    pub fn constraint(&self, name: &str) -> Option<&TableConstraint> {
        self.constraints
            .iter()
            .find(|c| constraint_name(c) == Some(name))
    }

    /// Constraint names, for "did you mean".
    pub fn constraint_names(&self) -> Vec<&str> {
        self.constraints
            .iter()
            .filter_map(constraint_name)
            .collect()
    }

    /// The names of this table's constraints and indexes.
    pub fn object_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .constraints
            .iter()
            .filter_map(constraint_name)
            .collect();
        names.extend(self.indexes.iter().map(|i| i.name.as_str()));
        names
    }

    /// The index named `name`.
    pub fn index(&self, name: &str) -> Option<&IndexDef> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// What of this table uses the column `name` (indexes and constraints).
    pub fn users_of_column(&self, name: &str) -> Vec<String> {
        let mut users = Vec::new();
        for index in &self.indexes {
            let in_sql = |sql: &str| sql_names_identifier(sql, name);
            let uses = index.columns.iter().any(|c| match c {
                IndexColumn::Name(n) => n == name,
                IndexColumn::Expression { sql } => in_sql(sql),
            }) || index.where_.as_deref().is_some_and(in_sql);
            if uses {
                users.push(format!("index `{}`", index.name));
            }
        }
        for constraint in &self.constraints {
            let uses = match constraint {
                TableConstraint::Check(check) => sql_names_identifier(&check.condition, name),
                other => constraint_columns(other).iter().any(|c| c == name),
            };
            if uses {
                users.push(describe_constraint(constraint));
            }
        }
        users
    }

    /// Renames a column everywhere this table names it, SQL text included
    /// (check conditions, index expressions and `where:`, see
    /// [`super::rename_sql`]). The error, when a text naming the column
    /// cannot be rewritten safely, says why; nothing is renamed then.
    pub fn rename_column(&mut self, old: &str, new: &str) -> Result<(), String> {
        let rewrite = |sql: &mut String| -> Result<(), String> {
            *sql = super::rename_sql::rename_identifier(sql, old, new)?;
            Ok(())
        };
        let mut renamed = self.clone();
        for constraint in &mut renamed.constraints {
            if let TableConstraint::Check(check) = constraint {
                rewrite(&mut check.condition)?;
            }
        }
        for column in &mut renamed.columns {
            if let Some(computed) = &mut column.computed {
                rewrite(&mut computed.sqltext)?;
            }
        }
        for index in &mut renamed.indexes {
            for column in &mut index.columns {
                if let IndexColumn::Expression { sql } = column {
                    rewrite(sql)?;
                }
            }
            if let Some(where_) = &mut index.where_ {
                rewrite(where_)?;
            }
        }
        renamed.rename_column_names(old, new);
        *self = renamed;
        Ok(())
    }

    fn rename_column_names(&mut self, old: &str, new: &str) {
        let rename = |name: &mut String| {
            if name == old {
                *name = new.to_owned();
            }
        };
        for column in &mut self.columns {
            rename(&mut column.name);
        }
        for constraint in &mut self.constraints {
            match constraint {
                TableConstraint::PrimaryKey(c) => c.columns.iter_mut().for_each(rename),
                TableConstraint::Unique(c) => c.columns.iter_mut().for_each(rename),
                TableConstraint::ForeignKey(c) => c.columns.iter_mut().for_each(rename),
                TableConstraint::Check(_) => {}
            }
        }
        for index in &mut self.indexes {
            for column in &mut index.columns {
                if let IndexColumn::Name(name) = column {
                    rename(name);
                }
            }
        }
        for index in &mut self.engine_indexes {
            index.columns.iter_mut().for_each(rename);
        }
        if let Some(counted) = &mut self.counted_column {
            rename(counted);
        }
    }
}

/// A column's inline foreign key as a table constraint.
pub fn foreign_key_def(column: &str, fk: &ColumnForeignKey) -> ForeignKeyDef {
    ForeignKeyDef {
        columns: vec![column.to_owned()],
        ref_table: fk.table.clone(),
        ref_columns: vec![fk.column.clone()],
        ref_schema: fk.schema.clone(),
        ondelete: fk.ondelete.clone(),
        onupdate: fk.onupdate.clone(),
        deferrable: fk.deferrable,
        initially: fk.initially.clone(),
        match_: fk.match_.clone(),
        name: fk.name.clone(),
        engine_name: None,
    }
}

/// Whether SQL text (a check condition, an index expression) names the
/// identifier `name`: a whole word outside string literals, any case, bare
/// or in double quotes.
pub fn sql_names_identifier(sql: &str, name: &str) -> bool {
    let mut word = String::new();
    let mut chars = sql.chars().peekable();
    let matches = |word: &str| word.eq_ignore_ascii_case(name);
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        if matches(&word) {
            return true;
        }
        word.clear();
        match c {
            '\'' => {
                // A string literal ('' inside is a quote): not an identifier.
                while let Some(inner) = chars.next() {
                    if inner == '\'' && chars.peek() != Some(&'\'') {
                        break;
                    }
                    if inner == '\'' {
                        chars.next();
                    }
                }
            }
            '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                let quoted: String = chars.by_ref().take_while(|&q| q != close).collect();
                if quoted == name {
                    return true;
                }
            }
            _ => {}
        }
    }
    matches(&word)
}
