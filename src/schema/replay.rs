//! Applying one op to the model: validate it against the schema as it is,
//! fill the facts the author may leave out (`existing_*`, a dropped column's
//! definition, a dropped index's table...), then change the model.

use super::describe::{comment_text, default_text, type_text};
use super::drop_takes::drop_column_from;
use super::error::{missing, DropTableRefusal, Problem, SchemaError};
use super::state::{
    constraint_kind, constraint_name, describe_constraint, named_enum, qualified, Schema,
    SchemaName, Table,
};
use super::values::check_value;
use crate::revision::*;
use crate::types::ColumnType;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Applies `entry` to `schema` and returns it completed; on an error the
/// schema is left as it was.
pub fn apply(schema: &mut Schema, entry: &OpEntry) -> Result<OpEntry, SchemaError> {
    let op = apply_op(schema, &entry.op)
        .map_err(|problem| SchemaError::new(&entry.location, entry.op.name(), problem))?;
    super::fk_indexes::settle_engine_indexes(schema);
    schema.index_foreign_keys();
    Ok(OpEntry {
        op,
        review: entry.review.clone(),
        location: entry.location.clone(),
    })
}

/// Applies one op; the result is the op with every model-known fact filled in.
pub fn apply_op(schema: &mut Schema, op: &Op) -> Result<Op, Problem> {
    let done = apply_to_schema(schema, op)?;
    super::known_rows::follow(schema, op)?;
    Ok(done)
}

fn apply_to_schema(schema: &mut Schema, op: &Op) -> Result<Op, Problem> {
    Ok(match op {
        Op::CreateTable(o) => Op::CreateTable(create_table(schema, o)?),
        Op::DropTable(o) => Op::DropTable(drop_table(schema, o)?),
        Op::RenameTable(o) => {
            rename_table(schema, o)?;
            op.clone()
        }
        Op::AddColumn(o) => Op::AddColumn(add_column(schema, o)?),
        Op::DropColumn(o) => Op::DropColumn(drop_column(schema, o)?),
        Op::AlterColumn(o) => Op::AlterColumn(alter_column(schema, o)?),
        Op::CreateIndex(o) => Op::CreateIndex(CreateIndex {
            exists: !create_index(schema, o)?,
            ..o.clone()
        }),
        Op::DropIndex(o) => Op::DropIndex(drop_index(schema, o)?),
        Op::CreatePrimaryKey(o) => {
            create_primary_key(schema, o)?;
            op.clone()
        }
        Op::CreateUniqueConstraint(o) => {
            let constraint = TableConstraint::Unique(UniqueDef {
                columns: o.columns.clone(),
                name: o.name.clone(),
                engine_name: None,
                postgresql_nulls_not_distinct: o.postgresql_nulls_not_distinct,
            });
            add_constraint(schema, &o.schema, &o.table, constraint)?;
            op.clone()
        }
        Op::CreateForeignKey(o) => {
            let constraint = TableConstraint::ForeignKey(foreign_key_of(o));
            add_constraint(schema, &o.schema, &o.source_table, constraint)?;
            op.clone()
        }
        Op::CreateCheckConstraint(o) => {
            let constraint = TableConstraint::Check(CheckDef {
                condition: o.condition.clone(),
                name: o.name.clone(),
                engine_name: None,
            });
            add_constraint(schema, &o.schema, &o.table, constraint)?;
            op.clone()
        }
        Op::DropConstraint(o) => Op::DropConstraint(drop_constraint(schema, o)?),
        Op::RenameIndex(o) => Op::RenameIndex(super::renames::rename_index(schema, o)?),
        Op::RenameConstraint(o) => {
            Op::RenameConstraint(super::renames::rename_constraint(schema, o)?)
        }
        Op::CreateTableComment(o) => {
            let mut done = o.clone();
            done.existing_comment = set_table_comment(
                schema,
                &o.schema,
                &o.table,
                &o.existing_comment,
                Some(&o.comment),
            )?;
            Op::CreateTableComment(done)
        }
        Op::DropTableComment(o) => {
            let mut done = o.clone();
            done.existing_comment =
                set_table_comment(schema, &o.schema, &o.table, &o.existing_comment, None)?;
            Op::DropTableComment(done)
        }
        Op::CreateEnum(o) => {
            create_enum(schema, o)?;
            op.clone()
        }
        Op::DropEnum(o) => Op::DropEnum(drop_enum(schema, o)?),
        Op::BulkInsert(o) => {
            bulk_insert(schema, o)?;
            let target = table(schema, &o.schema, &o.table)?;
            let identity = target.autoincrement_column().is_some()
                || target.columns.iter().any(|c| c.identity.is_some());
            let named: HashSet<&str> = o.rows.iter().flatten().map(|(n, _)| n.as_str()).collect();
            let column_types = target
                .columns
                .iter()
                .filter(|c| named.contains(c.name.as_str()))
                .map(|c| (c.name.clone(), c.type_.clone()))
                .collect();
            Op::BulkInsert(BulkInsert {
                has_identity: Some(identity),
                column_types: Some(column_types),
                ..o.clone()
            })
        }
        Op::Execute(o) => Op::Execute(super::effect::apply_effect(schema, o)?),
        // Rebuilds are made from the model.
        Op::RebuildTable(_) => op.clone(),
        Op::DeleteRows(o) => {
            let target = table(schema, &o.schema, &o.table)?;
            for (name, _) in o.keys.iter().flatten() {
                column(target, name)?;
            }
            op.clone()
        }
    })
}

/// The foreign key `create_foreign_key` adds, as a table constraint.
pub fn foreign_key_of(op: &CreateForeignKey) -> ForeignKeyDef {
    ForeignKeyDef {
        columns: op.local_cols.clone(),
        ref_table: op.referent_table.clone(),
        ref_columns: op.remote_cols.clone(),
        ref_schema: op.referent_schema.clone(),
        ondelete: op.ondelete.clone(),
        onupdate: op.onupdate.clone(),
        deferrable: op.deferrable,
        initially: op.initially.clone(),
        match_: op.match_.clone(),
        name: op.name.clone(),
        engine_name: None,
    }
}

// ---------------------------------------------------------------------------
// Looking things up, with "did you mean" when they are not there.

pub(super) fn table<'a>(
    schema: &'a Schema,
    ns: &SchemaName,
    name: &str,
) -> Result<&'a Table, Problem> {
    schema.table(ns, name).ok_or_else(|| {
        missing(
            format!("table `{}`", qualified(ns, name)),
            name,
            schema.table_names(ns),
        )
    })
}

pub(super) fn table_mut<'a>(
    schema: &'a mut Schema,
    ns: &SchemaName,
    name: &str,
) -> Result<&'a mut Table, Problem> {
    table(schema, ns, name)?;
    schema
        .table_mut(ns, name)
        .ok_or_else(|| Problem::Invalid(format!("table `{name}` vanished")))
}

fn column<'a>(table: &'a Table, name: &str) -> Result<&'a Column, Problem> {
    table.column(name).ok_or_else(|| {
        missing(
            format!(
                "column `{name}` in table `{}`",
                qualified(&table.schema, &table.name)
            ),
            name,
            table.column_names(),
        )
    })
}

fn columns_exist(table: &Table, names: &[String]) -> Result<(), Problem> {
    names
        .iter()
        .try_for_each(|name| column(table, name).map(|_| ()))
}

fn no_duplicates<'a>(what: &str, names: impl IntoIterator<Item = &'a str>) -> Result<(), Problem> {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(Problem::Invalid(format!("{what} `{name}` is listed twice")));
        }
    }
    Ok(())
}

/// A named enum type a column uses must exist: `add_column` and
/// `alter_column` do not create it (as in Alembic; PostgreSQL then refuses
/// the column), only `create_table` and `create_enum` do.
fn enum_exists(schema: &Schema, ns: &SchemaName, column_type: &ColumnType) -> Result<(), Problem> {
    let Some((name, values)) = named_enum(column_type) else {
        return Ok(());
    };
    let known = schema.namespace(ns).map(|n| &n.enums);
    match known.and_then(|enums| enums.get(name)) {
        Some(existing) if existing != values => Err(Problem::Invalid(format!(
            "enum type `{name}` has values ({}), not ({})",
            existing.join(", "),
            values.join(", ")
        ))),
        Some(_) => Ok(()),
        None => Err(Problem::Missing {
            what: format!("enum type `{}`", qualified(ns, name)),
            hint: format!(
                "; only create_table creates a column's enum type: add `create_enum: {{name: {name}, values: [{}]}}` before this op",
                values.join(", ")
            ),
        }),
    }
}

// ---------------------------------------------------------------------------
// Tables.

fn create_table(schema: &mut Schema, op: &CreateTable) -> Result<CreateTable, Problem> {
    if schema.table(&op.schema, &op.name).is_some() {
        if op.if_not_exists {
            return Ok(CreateTable {
                creates_enums: Some(Vec::new()),
                exists: true,
                ..op.clone()
            });
        }
        return Err(Problem::AlreadyExists {
            what: format!("table `{}`", qualified(&op.schema, &op.name)),
        });
    }
    no_duplicates("column", op.columns.iter().map(|c| c.name.as_str()))?;
    op.columns.iter().try_for_each(computed_alone)?;
    let table = Table::from_create_table(op);
    let primary_keys = table
        .constraints
        .iter()
        .filter(|c| matches!(c, TableConstraint::PrimaryKey(_)))
        .count();
    if primary_keys > 1
        || op
            .constraints
            .iter()
            .filter(|c| matches!(c, TableConstraint::PrimaryKey(_)))
            .count()
            > 1
    {
        return Err(Problem::Invalid(
            "a table has one primary key; list its columns in one `primary_key:`".into(),
        ));
    }
    no_duplicates("constraint", table.constraint_names())?;
    for constraint in &table.constraints {
        check_constraint_columns(schema, &table, constraint)?;
        schema.rules.check_key_name(schema, &table, constraint)?;
    }
    no_duplicates("index", table.indexes.iter().map(|i| i.name.as_str()))?;
    for index in &table.indexes {
        check_new_index(schema, &table, &index.name, &index.columns)?;
        option_columns_exist(&table, index)?;
        schema.rules.check_index_method(&table, index)?;
    }
    schema
        .rules
        .check_blob_keys(&table, super::blob_keys::keys_of(&table), None)?;
    // A column's enum type lives in the default schema whatever the table's
    // (SQLAlchemy's Enum without `inherit_schema`).
    let creates_enums = register_enums(schema, &None, &op.columns)?;
    schema.insert_table(table);
    schema.name_unnamed_constraints(&op.schema, &op.name);
    Ok(CreateTable {
        creates_enums: Some(creates_enums),
        ..op.clone()
    })
}

/// Records the named enum types a new table's columns create (as
/// SQLAlchemy's `CREATE TYPE` before `CREATE TABLE` does on PostgreSQL) and
/// returns their names; a type that exists already is shared, not created.
fn register_enums(
    schema: &mut Schema,
    ns: &SchemaName,
    columns: &[Column],
) -> Result<Vec<String>, Problem> {
    let mut created = Vec::new();
    for column in columns {
        let Some((name, values)) = named_enum(&column.type_) else {
            continue;
        };
        if !creates_type(&column.type_) {
            // postgresql.ENUM(..., create_type=False): the type must exist.
            enum_exists(schema, ns, &column.type_)?;
            continue;
        }
        let enums = &mut schema.namespace_mut(ns).enums;
        match enums.get(name) {
            Some(existing) if existing != values => {
                return Err(Problem::Invalid(format!(
                    "column `{}` declares enum type `{name}` with values ({}), but it exists with values ({})",
                    column.name,
                    values.join(", "),
                    existing.join(", ")
                )))
            }
            Some(_) => {}
            None => {
                enums.insert(name.to_owned(), values.to_vec());
                created.push(name.to_owned());
            }
        }
    }
    Ok(created)
}

/// Whether `create_table` creates the column type's named enum (not for
/// `postgresql.ENUM(..., create_type=False)`).
pub(super) fn creates_type(column_type: &ColumnType) -> bool {
    match column_type {
        ColumnType::Enum { create_type, .. } => *create_type,
        ColumnType::PerDialect { types } => types.iter().all(|(_, t)| creates_type(t)),
        _ => true,
    }
}

fn drop_table(schema: &mut Schema, op: &DropTable) -> Result<DropTable, Problem> {
    if schema.table(&op.schema, &op.name).is_none() && op.if_exists {
        return Ok(DropTable {
            absent: true,
            ..op.clone()
        });
    }
    let takes = super::drop_table::what_goes(table(schema, &op.schema, &op.name)?);
    let others: Vec<String> = schema
        .references_to(&op.schema, &op.name)
        .into_iter()
        .filter(|(owner, _)| !(owner.schema == op.schema && owner.name == op.name))
        .map(|(owner, fk)| {
            format!(
                "{} of table `{}`",
                describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                qualified(&owner.schema, &owner.name)
            )
        })
        .collect();
    let what = format!("table `{}`", qualified(&op.schema, &op.name));
    if !others.is_empty() {
        let reason = schema
            .drop_table
            .as_ref()
            .and_then(|d| d.referenced.as_ref());
        return Err(match reason {
            Some(reason) => Problem::EngineRefusesDropTable(Box::new(DropTableRefusal {
                dialect: schema.rules.dialect.clone(),
                what,
                users: others.join(", "),
                rule: reason.rule.clone(),
                fix: reason.fix.clone(),
            })),
            None => Problem::StillUsed {
                what,
                user: others.join(", "),
            },
        });
    }
    // Like Alembic's drop_table, the table's enum types stay.
    schema.remove_table(&op.schema, &op.name);
    Ok(DropTable {
        takes,
        ..op.clone()
    })
}

fn rename_table(schema: &mut Schema, op: &RenameTable) -> Result<(), Problem> {
    table(schema, &op.schema, &op.old)?;
    if schema.table(&op.schema, &op.new).is_some() {
        return Err(Problem::AlreadyExists {
            what: format!("table `{}`", qualified(&op.schema, &op.new)),
        });
    }
    let Some(mut renamed) = schema.remove_table(&op.schema, &op.old) else {
        return Ok(());
    };
    renamed.name = op.new.clone();
    // Keeps its creation number: the order of `tables()` does not change.
    let namespace = schema.namespace_mut(&op.schema);
    for index in &renamed.indexes {
        namespace
            .index_owners
            .insert(index.name.clone(), op.new.clone());
    }
    namespace.tables.insert(op.new.clone(), renamed);
    schema.table_changed(&op.schema, &op.new);
    // The engines follow a rename in the foreign keys that reference the table.
    for (ns, owner) in schema.may_reference(&op.schema, &op.old) {
        let Some(table) = schema.table_mut(&ns, &owner) else {
            continue;
        };
        for constraint in &mut table.constraints {
            if let TableConstraint::ForeignKey(fk) = constraint {
                if super::state::references(fk, &op.schema, &op.old) {
                    fk.ref_table = op.new.clone();
                }
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Columns.

fn add_column(schema: &mut Schema, op: &AddColumn) -> Result<AddColumn, Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    if current.column(&op.column.name).is_some() && op.if_not_exists {
        return Ok(AddColumn {
            exists: true,
            ..op.clone()
        });
    }
    add_new_column(schema, op)?;
    Ok(op.clone())
}

fn add_new_column(schema: &mut Schema, op: &AddColumn) -> Result<(), Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    if current.column(&op.column.name).is_some() {
        return Err(Problem::AlreadyExists {
            what: format!(
                "column `{}` in table `{}`",
                op.column.name,
                qualified(&op.schema, &op.table)
            ),
        });
    }
    enum_exists(schema, &None, &op.column.type_)?;
    computed_alone(&op.column)?;
    if op.column.primary_key && current.primary_key().is_some() {
        return Err(Problem::Invalid(format!(
            "table `{}` already has a primary key; drop it and use create_primary_key",
            qualified(&op.schema, &op.table)
        )));
    }
    // Changed in place and put back on error: a copy of the table per added
    // column made a revision that adds many columns quadratic.
    let changed = table_mut(schema, &op.schema, &op.table)?;
    let (columns_before, constraints_before) = (changed.columns.len(), changed.constraints.len());
    let indexes_before = changed.indexes.len();
    changed.add_column(&op.column, op.column.primary_key);
    if op.column.primary_key {
        changed.constraints.insert(
            0,
            TableConstraint::PrimaryKey(PrimaryKeyDef {
                columns: vec![op.column.name.clone()],
                name: None,
                engine_name: None,
            }),
        );
    }
    // Checked apart from the table, as indexes it does not have yet.
    let new_indexes = changed.indexes.split_off(indexes_before);
    let first_new_constraint = constraints_before + usize::from(op.column.primary_key);
    let checked = check_added_parts(schema, op, first_new_constraint, &new_indexes);
    let changed = table_mut(schema, &op.schema, &op.table)?;
    if let Err(problem) = checked {
        if op.column.primary_key {
            changed.constraints.remove(0);
        }
        changed.columns.truncate(columns_before);
        changed.constraints.truncate(constraints_before);
        return Err(problem);
    }
    let added: Vec<String> = new_indexes.iter().map(|i| i.name.clone()).collect();
    changed.indexes.extend(new_indexes);
    for name in added {
        schema.index_added(&op.schema, &op.table, &name);
    }
    schema.name_unnamed_constraints(&op.schema, &op.table);
    Ok(())
}

/// A computed column takes its value from its expression alone: SQLAlchemy
/// refuses a server default or an identity beside it ("A generated column
/// cannot specify a server_default"), and so do the engines.
fn computed_alone(column: &Column) -> Result<(), Problem> {
    if column.computed.is_none() {
        return Ok(());
    }
    let other = if column.server_default.is_some() {
        "a server_default"
    } else if column.identity.is_some() {
        "an identity"
    } else if column.autoincrement == Some(true) {
        "autoincrement: true"
    } else {
        return Ok(());
    };
    Err(Problem::Invalid(format!(
        "column `{}` is computed and has {other}: the engine computes its value from the \
         expression alone; leave out one of them",
        column.name
    )))
}

/// The constraints `add_column` appended to its table (from
/// `first_constraint` on) and the indexes it makes (`new_indexes`, not yet
/// in the table) name columns that exist, and the indexes names of their own.
fn check_added_parts(
    schema: &Schema,
    op: &AddColumn,
    first_constraint: usize,
    new_indexes: &[IndexDef],
) -> Result<(), Problem> {
    let changed = table(schema, &op.schema, &op.table)?;
    for constraint in &changed.constraints[first_constraint..] {
        check_constraint_columns(schema, changed, constraint)?;
    }
    for index in new_indexes {
        check_new_index(schema, changed, &index.name, &index.columns)?;
        option_columns_exist(changed, index)?;
        schema.rules.check_index_method(changed, index)?;
    }
    let keys = super::blob_keys::keys_of(changed)
        .chain(new_indexes.iter().map(super::blob_keys::KeyRef::Index));
    schema.rules.check_blob_keys(changed, keys, None)
}

fn drop_column(schema: &mut Schema, op: &DropColumn) -> Result<DropColumn, Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    if current.column(&op.column).is_none() && op.if_exists {
        return Ok(DropColumn {
            absent: true,
            ..op.clone()
        });
    }
    let dropped = column(current, &op.column)?.clone();
    let what = || {
        format!(
            "column `{}` of table `{}`",
            op.column,
            qualified(&op.schema, &op.table)
        )
    };
    let referencing = referencing_foreign_keys(schema, op);
    if !referencing.is_empty() {
        return Err(Problem::StillUsed {
            what: what(),
            user: referencing.join(", "),
        });
    }
    let mut changed = current.clone();
    let takes = match schema.drop_column_takes.clone() {
        Some(takes) => {
            let fallout = drop_column_from(&mut changed, &op.column, &takes);
            if !fallout.refused.is_empty() {
                return Err(Problem::EngineRefusesDrop {
                    what: what(),
                    user: fallout.refused.join(", "),
                });
            }
            fallout.taken()
        }
        None => {
            let users = current.users_of_column(&op.column);
            if !users.is_empty() {
                return Err(Problem::StillUsed {
                    what: what(),
                    user: users.join(", "),
                });
            }
            Vec::new()
        }
    };
    changed.columns.retain(|c| c.name != op.column);
    if changed.columns.is_empty() {
        let table = qualified(&op.schema, &op.table);
        schema.rules.check_last_column(&table, &op.column)?;
    }
    if changed.counted_column.as_deref() == Some(op.column.as_str()) {
        changed.counted_column = None;
    }
    *table_mut(schema, &op.schema, &op.table)? = changed;
    Ok(DropColumn {
        existing: Some(dropped),
        takes,
        ..op.clone()
    })
}

/// The foreign keys of other tables that reference the dropped column,
/// worded: no engine drops a column another table's key references.
fn referencing_foreign_keys(schema: &Schema, op: &DropColumn) -> Vec<String> {
    schema
        .references_to(&op.schema, &op.table)
        .into_iter()
        .filter(|(_, fk)| fk.ref_columns.contains(&op.column))
        .map(|(owner, fk)| {
            format!(
                "{} of table `{}`",
                describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                qualified(&owner.schema, &owner.name)
            )
        })
        .collect()
}

fn alter_column(schema: &mut Schema, op: &AlterColumn) -> Result<AlterColumn, Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    let before = column(current, &op.column)?.clone();
    let nullable = before.is_nullable();
    // What the scripts made AUTO_INCREMENT (a column created with a server
    // default is not, whatever SQLAlchemy's rule says), as MODIFY keeps it.
    let autoincrement = current.counted_column.as_deref() == Some(op.column.as_str());
    if let Some(written) = &op.existing_type {
        if !written.same_as(&before.type_) {
            return Err(Problem::Contradicts {
                key: "existing_type",
                written: type_text(written),
                actual: type_text(&before.type_),
            });
        }
    }
    contradicts(
        "existing_nullable",
        &op.existing_nullable,
        &nullable,
        bool::to_string,
    )?;
    if let Some(written) = &op.existing_server_default {
        if Some(written) != before.server_default.as_ref() {
            return Err(Problem::Contradicts {
                key: "existing_server_default",
                written: default_text(&Some(written.clone())),
                actual: default_text(&before.server_default),
            });
        }
    }
    if let Some(written) = &op.existing_comment {
        if Some(written) != before.comment.as_ref() {
            return Err(Problem::Contradicts {
                key: "existing_comment",
                written: format!("'{written}'"),
                actual: comment_text(&before.comment),
            });
        }
    }
    if let (Some(written), Some(actual)) = (op.existing_autoincrement, before.autoincrement) {
        contradicts(
            "existing_autoincrement",
            &Some(written),
            &actual,
            bool::to_string,
        )?;
    }
    if let Some(new_name) = &op.new_name {
        schema
            .rules
            .check_column_rename(current, &op.column, new_name)?;
        if new_name != &op.column && current.column(new_name).is_some() {
            return Err(Problem::AlreadyExists {
                what: format!(
                    "column `{new_name}` in table `{}`",
                    qualified(&op.schema, &op.table)
                ),
            });
        }
    }
    if let Some(new_type) = &op.type_ {
        enum_exists(schema, &None, new_type)?;
        if new_type != &before.type_ {
            schema
                .rules
                .check_key_column_type(schema, current, &op.column, new_type)?;
            schema
                .rules
                .check_indexed_column_type(current, &op.column, new_type)?;
            schema
                .rules
                .check_counted_column_type(current, &op.column, new_type)?;
            schema.rules.check_blob_keys(
                current,
                super::blob_keys::keys_of(current),
                Some((&op.column, new_type)),
            )?;
        }
    }
    if autoincrement {
        schema.rules.check_auto_increment_change(op, &before)?;
    }
    if op.nullable == Some(true) && before.primary_key {
        return Err(Problem::Invalid(format!(
            "column `{}` is part of the primary key and cannot be made nullable",
            op.column
        )));
    }
    if op.nullable == Some(false) && nullable {
        let current = table(schema, &op.schema, &op.table)?;
        schema.rules.check_not_null_column(current, &op.column)?;
    }
    // Only where the dialect writes it: elsewhere the engine keeps the column.
    let new_autoincrement = op
        .autoincrement
        .filter(|_| schema.rules.alter_column_autoincrement);
    if new_autoincrement == Some(true) && !autoincrement {
        let current = table(schema, &op.schema, &op.table)?;
        schema
            .rules
            .check_auto_increment_target(current, &op.column)?;
    }

    if before.computed.is_some() {
        // MySQL's MODIFY/CHANGE restate the column without its expression,
        // and the engines refuse a default on it.
        return Err(Problem::Invalid(format!(
            "column `{}` is computed: retort does not alter a computed column (MySQL's \
             MODIFY/CHANGE would restate it as a plain column, and the engines refuse a \
             server default on it); drop the column and add it again",
            op.column
        )));
    }
    let mut after = before.clone();
    if let Some(new_type) = &op.type_ {
        after.type_ = new_type.clone();
    }
    if let Some(new_nullable) = op.nullable {
        after.nullable = Some(new_nullable);
    }
    if new_autoincrement.is_some() {
        after.autoincrement = new_autoincrement;
    }
    match &op.server_default {
        Patch::Keep => {}
        Patch::Remove => after.server_default = None,
        Patch::Set(default) => after.server_default = Some(default.clone()),
    }
    match &op.comment {
        Patch::Keep => {}
        Patch::Remove => after.comment = None,
        Patch::Set(comment) => after.comment = Some(comment.clone()),
    }
    let changed = table_mut(schema, &op.schema, &op.table)?;
    if let Some(new_name) = &op.new_name {
        changed
            .rename_column(&op.column, new_name)
            .map_err(|reason| {
                Problem::Invalid(format!(
                    "renaming column `{}` to `{new_name}`: {reason}; the model must carry the \
                     new name into that text for later rebuilds and re-created constraints. \
                     Instead: drop the check or index before the rename and create it again \
                     after it, with the new name",
                    op.column
                ))
            })?;
    }
    let renamed = op.new_name.as_deref().unwrap_or(&op.column);
    after.name = renamed.to_owned();
    if let Some(slot) = changed.column_mut(renamed) {
        *slot = after;
    }
    if new_autoincrement.unwrap_or(autoincrement) {
        // MySQL's MODIFY writes AUTO_INCREMENT again (existing_autoincrement),
        // or for the first time (autoincrement: true).
        changed.counted_column = Some(renamed.to_owned());
    } else if new_autoincrement == Some(false) {
        changed.counted_column = None;
    }
    if let Some(new_name) = &op.new_name {
        rename_referenced_column(schema, &op.schema, &op.table, &op.column, new_name);
    }
    Ok(AlterColumn {
        existing_type: Some(before.type_),
        existing_nullable: Some(nullable),
        existing_server_default: before.server_default,
        existing_comment: before.comment,
        existing_autoincrement: Some(autoincrement),
        ..op.clone()
    })
}

/// Foreign keys follow a column rename in the table they reference.
fn rename_referenced_column(
    schema: &mut Schema,
    ns: &SchemaName,
    table: &str,
    old: &str,
    new: &str,
) {
    for (owner_ns, owner) in schema.may_reference(ns, table) {
        let Some(owner) = schema.table_mut(&owner_ns, &owner) else {
            continue;
        };
        for constraint in &mut owner.constraints {
            if let TableConstraint::ForeignKey(fk) = constraint {
                if super::state::references(fk, ns, table) {
                    for column in &mut fk.ref_columns {
                        if column == old {
                            *column = new.to_owned();
                        }
                    }
                }
            }
        }
    }
}

fn contradicts<T: PartialEq>(
    key: &'static str,
    written: &Option<T>,
    actual: &T,
    show: impl Fn(&T) -> String,
) -> Result<(), Problem> {
    match written {
        Some(written) if written != actual => Err(Problem::Contradicts {
            key,
            written: show(written),
            actual: show(actual),
        }),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------
// Indexes and constraints.

/// A new index's name is free in its schema and its columns exist.
/// An index's covering columns (`INCLUDE`) are the table's: the engine
/// refuses a name it does not know.
/// The columns an index's dialect options name: covering columns are the
/// table's, operator classes and prefix lengths are for the index's own.
fn option_columns_exist(table: &Table, index: &IndexDef) -> Result<(), Problem> {
    columns_exist(table, &index.postgresql_include)?;
    columns_exist(table, &index.mssql_include)?;
    let own = |name: &str| {
        index
            .columns
            .iter()
            .any(|c| matches!(c, IndexColumn::Name(n) if n == name))
    };
    match index.keyed_columns().into_iter().find(|name| !own(name)) {
        Some(name) => Err(Problem::Invalid(format!(
            "`{name}` in the `postgresql_ops` or `mysql_length` of index `{}` is not one \
             of the index's columns",
            index.name
        ))),
        None => Ok(()),
    }
}

pub(super) fn check_new_index(
    schema: &Schema,
    table: &Table,
    name: &str,
    columns: &[IndexColumn],
) -> Result<(), Problem> {
    if let Some(owner) = schema.index_owner(&table.schema, name) {
        return Err(Problem::AlreadyExists {
            what: format!(
                "index `{name}` (on table `{}`)",
                qualified(&owner.schema, &owner.name)
            ),
        });
    }
    schema.rules.check_index_name(schema, table, name)?;
    schema.rules.check_index_columns(name, columns)?;
    if columns.is_empty() {
        return Err(Problem::Invalid(format!("index `{name}` has no columns")));
    }
    for indexed in columns {
        if let IndexColumn::Name(name) = indexed {
            column(table, name)?;
        }
    }
    Ok(())
}

/// A constraint's columns exist, and a foreign key's target does.
fn check_constraint_columns(
    schema: &Schema,
    table: &Table,
    constraint: &TableConstraint,
) -> Result<(), Problem> {
    columns_exist(table, super::state::constraint_columns(constraint))?;
    schema.rules.check_checked_columns(table, constraint)?;
    schema.rules.check_key_operator_classes(table, constraint)?;
    let TableConstraint::ForeignKey(fk) = constraint else {
        return Ok(());
    };
    schema.rules.check_foreign_key_name(schema, table, fk)?;
    if fk.columns.len() != fk.ref_columns.len() || fk.columns.is_empty() {
        return Err(Problem::Invalid(format!(
            "{} has {} local and {} referenced columns; they must pair up",
            describe_constraint(constraint),
            fk.columns.len(),
            fk.ref_columns.len()
        )));
    }
    let is_self = fk.ref_table == table.name && fk.ref_schema == table.schema;
    let target = if is_self {
        table
    } else {
        schema.table(&fk.ref_schema, &fk.ref_table).ok_or_else(|| {
            missing(
                format!(
                    "table `{}` (referenced by {})",
                    qualified(&fk.ref_schema, &fk.ref_table),
                    describe_constraint(constraint)
                ),
                &fk.ref_table,
                schema.table_names(&fk.ref_schema),
            )
        })?
    };
    columns_exist(target, &fk.ref_columns)?;
    schema.rules.check_foreign_key_target(fk, target)?;
    schema.rules.check_foreign_key_types(fk, table, target)?;
    schema.rules.check_foreign_key_index(table, fk)?;
    schema.rules.check_set_null(fk, table)
}

/// Creates the index; false when `if_not_exists` finds it there (nothing created).
fn create_index(schema: &mut Schema, op: &CreateIndex) -> Result<bool, Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    if op.if_not_exists && schema.index_owner(&op.schema, &op.name).is_some() {
        return Ok(false);
    }
    check_new_index(schema, current, &op.name, &op.columns)?;
    let index = op.index_def();
    option_columns_exist(current, &index)?;
    schema.rules.check_index_method(current, &index)?;
    let keys = [super::blob_keys::KeyRef::Index(&index)];
    schema.rules.check_blob_keys(current, keys, None)?;
    table_mut(schema, &op.schema, &op.table)?
        .indexes
        .push(index);
    schema.index_added(&op.schema, &op.table, &op.name);
    Ok(true)
}

fn drop_index(schema: &mut Schema, op: &DropIndex) -> Result<DropIndex, Problem> {
    let Some(owner) = schema.index_owner(&op.schema, &op.name) else {
        if op.if_exists {
            schema.rules.check_absent_index_drop(schema, op)?;
            return Ok(DropIndex {
                absent: true,
                ..op.clone()
            });
        }
        if let Some(table_name) = &op.table {
            table(schema, &op.schema, table_name)?;
        }
        return Err(missing(
            format!("index `{}`", op.name),
            &op.name,
            schema.index_names(&op.schema),
        ));
    };
    let owner_name = owner.name.clone();
    if let Some(written) = &op.table {
        if written != &owner_name {
            return Err(Problem::Contradicts {
                key: "table",
                written: written.clone(),
                actual: format!("index `{}` on table `{owner_name}`", op.name),
            });
        }
    }
    let before = table(schema, &op.schema, &owner_name)?;
    let mut after = before.clone();
    after.indexes.retain(|i| i.name != op.name);
    let removed = super::fk_indexes::only(before, |name| name == op.name, |_| false);
    schema
        .rules
        .check_referenced_key_drop(schema, &after, &removed)?;
    let refit_foreign_keys = schema.rules.refit_foreign_keys(&mut after)?;
    *table_mut(schema, &op.schema, &owner_name)? = after;
    schema.index_removed(&op.schema, &op.name);
    Ok(DropIndex {
        table: Some(owner_name),
        refit_foreign_keys,
        ..op.clone()
    })
}

fn create_primary_key(schema: &mut Schema, op: &CreatePrimaryKey) -> Result<(), Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    if let Some(existing) = current.primary_key() {
        return Err(Problem::AlreadyExists {
            what: format!(
                "{} of table `{}`",
                describe_constraint(&TableConstraint::PrimaryKey(existing.clone())),
                qualified(&op.schema, &op.table)
            ),
        });
    }
    let constraint = TableConstraint::PrimaryKey(PrimaryKeyDef {
        columns: op.columns.clone(),
        name: op.name.clone(),
        engine_name: None,
    });
    add_constraint(schema, &op.schema, &op.table, constraint)?;
    let changed = table_mut(schema, &op.schema, &op.table)?;
    // The primary key goes first, as in a CREATE TABLE; its columns become NOT NULL.
    if let Some(pk) = changed.constraints.pop() {
        changed.constraints.insert(0, pk);
    }
    for column in &mut changed.columns {
        if op.columns.contains(&column.name) {
            column.primary_key = true;
            column.nullable = Some(false);
        }
    }
    Ok(())
}

fn add_constraint(
    schema: &mut Schema,
    ns: &SchemaName,
    table_name: &str,
    constraint: TableConstraint,
) -> Result<(), Problem> {
    let current = table(schema, ns, table_name)?;
    if let Some(name) = constraint_name(&constraint) {
        if current.constraint(name).is_some() {
            return Err(Problem::AlreadyExists {
                what: format!(
                    "constraint `{name}` on table `{}`",
                    qualified(ns, table_name)
                ),
            });
        }
    }
    if super::state::constraint_columns(&constraint).is_empty()
        && !matches!(constraint, TableConstraint::Check(_))
    {
        return Err(Problem::Invalid(format!(
            "{} has no columns",
            describe_constraint(&constraint)
        )));
    }
    check_constraint_columns(schema, current, &constraint)?;
    schema.rules.check_key_name(schema, current, &constraint)?;
    let keys = [super::blob_keys::KeyRef::Constraint(&constraint)];
    schema.rules.check_blob_keys(current, keys, None)?;
    let autoincrement = current.autoincrement_column().map(str::to_owned);
    let changed = table_mut(schema, ns, table_name)?;
    changed.constraints.push(constraint);
    changed.keep_autoincrement(autoincrement.as_deref());
    schema.name_unnamed_constraints(ns, table_name);
    Ok(())
}

fn drop_constraint(schema: &mut Schema, op: &DropConstraint) -> Result<DropConstraint, Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    let named = |name: &str| {
        current
            .constraints
            .iter()
            .any(|c| constraint_name(c) == Some(name))
    };
    if op.if_exists && op.name.as_deref().is_some_and(|name| !named(name)) {
        return Ok(DropConstraint {
            absent: true,
            ..op.clone()
        });
    }
    let position = match &op.name {
        Some(name) => constraint_by_name(schema, current, op, name)?,
        None => constraint_by_columns(current, op)?,
    };
    let found = &current.constraints[position];
    let kind = constraint_kind(found);
    let name = constraint_name(found).map(str::to_owned);
    if let Some(written) = op.type_ {
        if written != kind {
            return Err(Problem::Contradicts {
                key: "type",
                written: kind_text(written).into(),
                actual: format!("a {} constraint", kind_text(kind)),
            });
        }
    }
    if kind == ConstraintKind::Primary {
        schema.rules.check_primary_key_drop(current)?;
    }
    let autoincrement = current.autoincrement_column().map(str::to_owned);
    let mut changed = current.clone();
    changed.constraints.remove(position);
    changed.keep_autoincrement(autoincrement.as_deref());
    let removed = super::fk_indexes::only(current, |_| false, |c| c == found);
    schema
        .rules
        .check_referenced_key_drop(schema, &changed, &removed)?;
    let refit_foreign_keys = match kind {
        ConstraintKind::Primary | ConstraintKind::Unique => {
            schema.rules.refit_foreign_keys(&mut changed)?
        }
        _ => Vec::new(),
    };
    if kind == ConstraintKind::Primary {
        // The columns stay NOT NULL, as on the engines.
        for column in &mut changed.columns {
            column.primary_key = false;
        }
    }
    *table_mut(schema, &op.schema, &op.table)? = changed;
    Ok(DropConstraint {
        name,
        type_: Some(kind),
        refit_foreign_keys,
        ..op.clone()
    })
}

/// The position of the constraint named `name` (written or engine-given).
fn constraint_by_name(
    schema: &Schema,
    current: &Table,
    op: &DropConstraint,
    name: &str,
) -> Result<usize, Problem> {
    if let Some(position) = current
        .constraints
        .iter()
        .position(|c| constraint_name(c) == Some(name))
    {
        return Ok(position);
    }
    if let Some(problem) = unknowable_name(schema, current, op, name) {
        return Err(problem);
    }
    Err(missing(
        format!(
            "constraint `{name}` on table `{}`",
            qualified(&op.schema, &op.table)
        ),
        name,
        current.constraint_names(),
    ))
}

/// The position of the one constraint of `op`'s `type` on exactly `op`'s
/// `columns` (a check: the columns its condition names), for `name: null`;
/// without `columns`, the one constraint of that type created without a
/// name (what autogenerate's `drop_constraint(None, table, type_=...)` means).
pub(super) fn constraint_by_columns(
    current: &Table,
    op: &DropConstraint,
) -> Result<usize, Problem> {
    let Some(kind) = op.type_ else {
        return Err(Problem::Invalid(
            "`name: null` needs `type` (and `columns` where the table has several unnamed constraints of that type) to find the constraint".into(),
        ));
    };
    let Some(columns) = &op.columns else {
        return only_unnamed_of_kind(current, op, kind);
    };
    let on_columns = |c: &TableConstraint| match c {
        TableConstraint::Check(check) => {
            let named: BTreeSet<&str> = current
                .columns
                .iter()
                .filter(|col| super::state::sql_names_identifier(&check.condition, &col.name))
                .map(|col| col.name.as_str())
                .collect();
            named == columns.iter().map(String::as_str).collect()
        }
        other => super::state::constraint_columns(other) == columns.as_slice(),
    };
    let matching: Vec<usize> = current
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| constraint_kind(c) == kind && on_columns(c))
        .map(|(position, _)| position)
        .collect();
    let what = format!(
        "{} constraint on ({}) of table `{}`",
        kind_text(kind),
        columns.join(", "),
        qualified(&op.schema, &op.table)
    );
    the_one(
        &matching,
        &what,
        "give the constraint's `name` instead of `null`",
    )
}

/// The position of the one constraint of `kind` on `op`'s table that was
/// created without a name.
fn only_unnamed_of_kind(
    current: &Table,
    op: &DropConstraint,
    kind: ConstraintKind,
) -> Result<usize, Problem> {
    let matching: Vec<usize> = current
        .constraints
        .iter()
        .enumerate()
        .filter(|(_, c)| constraint_kind(c) == kind && super::state::is_unnamed(c))
        .map(|(position, _)| position)
        .collect();
    let what = format!(
        "{} constraint created without a name on table `{}`",
        kind_text(kind),
        qualified(&op.schema, &op.table)
    );
    the_one(
        &matching,
        &what,
        "add `columns` to say which, or give its `name`",
    )
}

/// The one position of `matching`: none is a missing `what`, several an
/// ambiguity that `fix` resolves.
fn the_one(matching: &[usize], what: &str, fix: &str) -> Result<usize, Problem> {
    match matching {
        [one] => Ok(*one),
        [] => Err(Problem::Missing {
            what: format!("a {what}"),
            hint: String::new(),
        }),
        _ => Err(Problem::Invalid(format!("more than one {what}: {fix}"))),
    }
}

/// Why `op` cannot find its constraint when the engine's names are not
/// knowable and the table has unnamed constraints of its kind.
fn unknowable_name(
    schema: &Schema,
    current: &Table,
    op: &DropConstraint,
    name: &str,
) -> Option<Problem> {
    let reason = schema.naming.as_ref()?.unknowable.clone()?;
    let unnamed: Vec<String> = current
        .constraints
        .iter()
        .filter(|c| super::state::is_unnamed(c))
        .filter(|c| op.type_.is_none_or(|kind| kind == constraint_kind(c)))
        .map(describe_constraint)
        .collect();
    if unnamed.is_empty() {
        return None;
    }
    Some(Problem::NameUnknowable {
        what: format!(
            "constraint `{name}` on table `{}`",
            qualified(&op.schema, &op.table)
        ),
        why: format!("{reason} (this table's: {})", unnamed.join(", ")),
    })
}

/// `drop_constraint`'s spelling of a kind.
pub fn kind_text(kind: ConstraintKind) -> &'static str {
    match kind {
        ConstraintKind::Foreignkey => "foreignkey",
        ConstraintKind::Unique => "unique",
        ConstraintKind::Check => "check",
        ConstraintKind::Primary => "primary",
    }
}

// ---------------------------------------------------------------------------
// Comments, enums, data.

/// Sets a table's comment; returns the comment it had.
fn set_table_comment(
    schema: &mut Schema,
    ns: &SchemaName,
    table_name: &str,
    written_existing: &Option<String>,
    comment: Option<&String>,
) -> Result<Option<String>, Problem> {
    let changed = table_mut(schema, ns, table_name)?;
    if let Some(written) = written_existing {
        if Some(written) != changed.comment.as_ref() {
            return Err(Problem::Contradicts {
                key: "existing_comment",
                written: format!("'{written}'"),
                actual: comment_text(&changed.comment),
            });
        }
    }
    let before = changed.comment.take();
    changed.comment = comment.cloned();
    Ok(before)
}

fn create_enum(schema: &mut Schema, op: &CreateEnum) -> Result<(), Problem> {
    if op.values.is_empty() {
        return Err(Problem::Invalid(format!(
            "enum type `{}` has no values",
            op.name
        )));
    }
    no_duplicates("value", op.values.iter().map(String::as_str))?;
    let enums = &mut schema.namespace_mut(&op.schema).enums;
    if enums.contains_key(&op.name) {
        return Err(Problem::AlreadyExists {
            what: format!("enum type `{}`", qualified(&op.schema, &op.name)),
        });
    }
    enums.insert(op.name.clone(), op.values.clone());
    Ok(())
}

fn drop_enum(schema: &mut Schema, op: &DropEnum) -> Result<DropEnum, Problem> {
    let known = schema
        .namespace(&op.schema)
        .map(|ns| ns.enums.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let Some(values) = schema
        .namespace(&op.schema)
        .and_then(|ns| ns.enums.get(&op.name))
        .cloned()
    else {
        return Err(missing(
            format!("enum type `{}`", qualified(&op.schema, &op.name)),
            &op.name,
            known,
        ));
    };
    if let Some(written) = &op.values {
        if written != &values {
            return Err(Problem::Contradicts {
                key: "values",
                written: written.join(", "),
                actual: format!("values ({})", values.join(", ")),
            });
        }
    }
    let users = schema.enum_users(&op.schema, &op.name);
    if !users.is_empty() {
        return Err(Problem::StillUsed {
            what: format!("enum type `{}`", qualified(&op.schema, &op.name)),
            user: users.join(", "),
        });
    }
    schema.namespace_mut(&op.schema).enums.remove(&op.name);
    Ok(DropEnum {
        values: Some(values),
        ..op.clone()
    })
}

fn bulk_insert(schema: &Schema, op: &BulkInsert) -> Result<(), Problem> {
    let target = table(schema, &op.schema, &op.table)?;
    let autoincrement = target.autoincrement_column();
    // Looked up by name through maps: a scan of the columns for each value,
    // and of the row for each column, made wide rows quadratic.
    let by_name: HashMap<&str, &Column> = target
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c))
        .collect();
    for (index, row) in op.rows.iter().enumerate() {
        for (name, value) in row {
            let column = match by_name.get(name.as_str()) {
                Some(found) => *found,
                None => column(target, name)?, // the error, with its suggestion
            };
            if column.computed.is_some() {
                return Err(Problem::BadValue {
                    row: index + 1,
                    column: name.clone(),
                    message: "a computed column: the engine computes its value and refuses one \
                              given; leave the column out of the rows"
                        .into(),
                });
            }
            check_value(column, value).map_err(|message| Problem::BadValue {
                row: index + 1,
                column: name.clone(),
                message,
            })?;
        }
        let given: HashSet<&str> = row.iter().map(|(name, _)| name.as_str()).collect();
        // A NOT NULL column the row leaves out needs a default to fill it.
        let left_out = target.columns.iter().find(|c| {
            !c.is_nullable()
                && c.server_default.is_none()
                && c.identity.is_none()
                && c.computed.is_none()
                && autoincrement != Some(c.name.as_str())
                && !given.contains(c.name.as_str())
        });
        if let Some(column) = left_out {
            return Err(Problem::BadValue {
                row: index + 1,
                column: column.name.clone(),
                message: "left out, but the column is NOT NULL without a server default".into(),
            });
        }
    }
    Ok(())
}
