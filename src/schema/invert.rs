//! Automatic downgrades (SPEC §5): a revision's upgrade ops, inverted in
//! reverse order, each from the schema as it was just before the op.

use super::drop_takes::{drop_column_from, DropColumnTakes, Effect as DropEffect, Reach};
use super::error::{Problem, SchemaError};
use super::replay;
use super::state::{constraint_name, is_unnamed, named_enum, Schema, SchemaName, Table};
use crate::revision::*;
use std::collections::BTreeSet;

/// The downgrade of `revision`, derived from its upgrade ops replayed on
/// `before` (the schema just before the revision's upgrade).
pub fn invert_revision(before: &Schema, revision: &Revision) -> Result<Vec<OpEntry>, SchemaError> {
    let mut schema = before.clone();
    invert_applying(&mut schema, revision)?
}

/// Applies the upgrade of `revision` to `schema` (the schema just before it)
/// and derives its downgrade on the way, each op inverted from the state
/// just before it.
///
/// The outer error is the replay's (the upgrade does not apply), the inner
/// one the inversion's (the upgrade applied, but an op cannot be undone): a
/// caller replaying a whole history keeps going after the latter and reports
/// it only when it needs that downgrade. Nothing of the schema is copied but
/// what the inverse of each op reads ([`state_for_inverse`]), so deriving
/// every downgrade of a long history stays linear.
pub fn invert_applying(
    schema: &mut Schema,
    revision: &Revision,
) -> Result<Result<Vec<OpEntry>, SchemaError>, SchemaError> {
    let mut inverted: Vec<Vec<OpEntry>> = Vec::with_capacity(revision.upgrade.len());
    let mut failure = None;
    // Tables this revision creates: rows inserted into one go with its drop.
    let mut created: BTreeSet<(SchemaName, String)> = BTreeSet::new();
    for entry in &revision.upgrade {
        let state = state_for_inverse(schema, &entry.op);
        let done = replay::apply(schema, entry)?;
        if let Op::CreateTable(o) = &entry.op {
            created.insert((o.schema.clone(), o.name.clone()));
        }
        if failure.is_some() {
            continue;
        }
        if matches!(&entry.op, Op::BulkInsert(o) if created.contains(&(o.schema.clone(), o.table.clone())))
        {
            continue;
        }
        match invert_op(&state, &with_engine_name(schema, &done.op)) {
            Ok(ops) => inverted.push(
                ops.into_iter()
                    // The op undoes `entry`: the author's `review:` there is about it too.
                    .map(|op| OpEntry {
                        op,
                        review: entry.review.clone(),
                        location: entry.location.clone(),
                    })
                    .collect(),
            ),
            Err(reason) => {
                failure = Some(SchemaError::new(
                    &entry.location,
                    entry.op.name(),
                    Problem::NotInvertible {
                        revision: revision.id.clone(),
                        reason,
                    },
                ))
            }
        }
    }
    Ok(match failure {
        Some(error) => Err(error),
        None => Ok(inverted.into_iter().rev().flatten().collect()),
    })
}

/// `op` as its inverse needs it: a constraint it created unnamed carries the
/// name the engine gave it (`schema` is the schema just after `op`), so that
/// the inverse drops it by that name. Only for inverting: never rendered.
pub(super) fn with_engine_name(schema: &Schema, op: &Op) -> Op {
    let given = |ns: &SchemaName, table: &str, primary: bool| {
        let table = schema.table(ns, table)?;
        let constraint = if primary {
            table.constraints.first()
        } else {
            table.constraints.last()
        }?;
        constraint_name(constraint).map(str::to_owned)
    };
    let mut named = op.clone();
    match &mut named {
        Op::CreatePrimaryKey(o) if o.name.is_none() => o.name = given(&o.schema, &o.table, true),
        Op::CreateUniqueConstraint(o) if o.name.is_none() => {
            o.name = given(&o.schema, &o.table, false)
        }
        Op::CreateForeignKey(o) if o.name.is_none() => {
            o.name = given(&o.schema, &o.source_table, false)
        }
        Op::CreateCheckConstraint(o) if o.name.is_none() => {
            o.name = given(&o.schema, &o.table, false)
        }
        _ => {}
    }
    named
}

/// The part of `schema` that [`invert_op`] reads for `op`: the table it
/// creates, drops or changes a constraint of, the owner of the index it
/// names, and the enum types of its namespace. Must follow `invert_op`.
fn state_for_inverse(schema: &Schema, op: &Op) -> Schema {
    let mut state = Schema::new();
    let mut copy = |table: Option<&super::state::Table>| {
        if let Some(table) = table {
            state.insert_table(table.clone());
        }
    };
    match op {
        Op::CreateTable(o) => {
            copy(schema.table(&o.schema, &o.name));
            if let Some(namespace) = schema.namespace(&o.schema) {
                state.namespace_mut(&o.schema).enums = namespace.enums.clone();
            }
        }
        Op::DropTable(o) => copy(schema.table(&o.schema, &o.name)),
        Op::CreateIndex(o) => copy(schema.index_owner(&o.schema, &o.name)),
        Op::DropIndex(o) => copy(schema.index_owner(&o.schema, &o.name)),
        Op::DropConstraint(o) => copy(schema.table(&o.schema, &o.table)),
        Op::DropColumn(o) => copy(schema.table(&o.schema, &o.table)),
        Op::BulkInsert(o) => copy(schema.table(&o.schema, &o.table)),
        // The effect replays from here: all of it (an effect is rare and short).
        Op::Execute(o) if o.reverse.is_some() && !o.effect.is_empty() => return schema.clone(),
        _ => {}
    }
    state.drop_column_takes = schema.drop_column_takes.clone();
    state
}

/// The ops that undo `op` (completed by the model), given the schema before it.
pub fn invert_op(before: &Schema, op: &Op) -> Result<Vec<Op>, String> {
    Ok(match op {
        Op::CreateTable(o) => {
            if o.if_not_exists && before.table(&o.schema, &o.name).is_some() {
                return Ok(Vec::new());
            }
            let mut ops = vec![Op::DropTable(DropTable {
                name: o.name.clone(),
                schema: o.schema.clone(),
                if_exists: false,
                takes: Vec::new(),
                absent: false,
            })];
            ops.extend(enums_created(before, &None, &o.columns));
            ops
        }
        Op::DropTable(o) => match before.table(&o.schema, &o.name) {
            Some(table) => vec![Op::CreateTable(table.to_create_table())],
            None => Vec::new(),
        },
        Op::RenameTable(o) => vec![Op::RenameTable(RenameTable {
            old: o.new.clone(),
            new: o.old.clone(),
            schema: o.schema.clone(),
        })],
        // An `if_(not_)exists` op the model knows changes nothing undoes nothing.
        Op::AddColumn(o) if o.exists => Vec::new(),
        Op::DropColumn(o) if o.absent => Vec::new(),
        Op::DropConstraint(o) if o.absent => Vec::new(),
        Op::AddColumn(o) => invert_add_column(before, o)?,
        Op::DropColumn(o) => invert_drop_column(before, o)?,
        Op::AlterColumn(o) => vec![Op::AlterColumn(invert_alter_column(o))],
        Op::CreateIndex(o) => {
            if o.if_not_exists && before.index_owner(&o.schema, &o.name).is_some() {
                return Ok(Vec::new());
            }
            vec![Op::DropIndex(DropIndex {
                refit_foreign_keys: Vec::new(),
                name: o.name.clone(),
                table: Some(o.table.clone()),
                schema: o.schema.clone(),
                if_exists: false,
                concurrently: o.concurrently,
                absent: false,
            })]
        }
        Op::DropIndex(o) => match before.index_owner(&o.schema, &o.name) {
            Some(owner) => {
                let index = owner.index(&o.name).ok_or("the index vanished")?;
                vec![Op::CreateIndex(index.created_on(
                    &owner.name,
                    &o.schema,
                    o.concurrently,
                ))]
            }
            None => Vec::new(),
        },
        Op::CreatePrimaryKey(o) => vec![Op::DropConstraint(DropConstraint {
            refit_foreign_keys: Vec::new(),
            name: o.name.clone(),
            table: o.table.clone(),
            schema: o.schema.clone(),
            type_: Some(ConstraintKind::Primary),
            columns: Some(o.columns.clone()),
            if_exists: false,
            absent: false,
        })],
        Op::CreateUniqueConstraint(o) => vec![Op::DropConstraint(DropConstraint {
            refit_foreign_keys: Vec::new(),
            name: o.name.clone(),
            table: o.table.clone(),
            schema: o.schema.clone(),
            type_: Some(ConstraintKind::Unique),
            columns: Some(o.columns.clone()),
            if_exists: false,
            absent: false,
        })],
        Op::CreateForeignKey(o) => vec![Op::DropConstraint(DropConstraint {
            refit_foreign_keys: Vec::new(),
            name: o.name.clone(),
            table: o.source_table.clone(),
            schema: o.schema.clone(),
            type_: Some(ConstraintKind::Foreignkey),
            columns: Some(o.local_cols.clone()),
            if_exists: false,
            absent: false,
        })],
        Op::CreateCheckConstraint(o) => vec![Op::DropConstraint(DropConstraint {
            refit_foreign_keys: Vec::new(),
            name: Some(unnamed_guard(&o.name)?.to_owned()),
            table: o.table.clone(),
            schema: o.schema.clone(),
            type_: Some(ConstraintKind::Check),
            columns: None,
            if_exists: false,
            absent: false,
        })],
        Op::DropConstraint(o) => {
            let constraint = before
                .table(&o.schema, &o.table)
                .and_then(|t| dropped_constraint(t, o))
                .ok_or("the dropped constraint is unknown to the model")?;
            // Created again as it was first: unnamed, the engine names it again.
            let written = (!is_unnamed(constraint))
                .then_some(())
                .and(o.name.as_deref());
            vec![create_constraint(written, &o.table, &o.schema, constraint)]
        }
        Op::RenameIndex(o) => vec![Op::RenameIndex(RenameIndex {
            old: o.new.clone(),
            new: o.old.clone(),
            table: o.table.clone(),
            schema: o.schema.clone(),
            renamed: None,
        })],
        Op::RenameConstraint(o) => vec![Op::RenameConstraint(RenameConstraint {
            table: o.table.clone(),
            old: o.new.clone(),
            new: o.old.clone(),
            schema: o.schema.clone(),
            type_: o.type_,
            renamed: None,
        })],
        Op::CreateTableComment(o) => {
            vec![restore_comment(&o.table, &o.schema, &o.existing_comment)]
        }
        Op::DropTableComment(o) => match &o.existing_comment {
            Some(_) => vec![restore_comment(&o.table, &o.schema, &o.existing_comment)],
            None => Vec::new(),
        },
        Op::CreateEnum(o) => vec![Op::DropEnum(DropEnum {
            name: o.name.clone(),
            values: Some(o.values.clone()),
            schema: o.schema.clone(),
        })],
        Op::DropEnum(o) => vec![Op::CreateEnum(CreateEnum {
            name: o.name.clone(),
            values: o.values.clone().ok_or("the enum's values are unknown")?,
            schema: o.schema.clone(),
        })],
        Op::Execute(o) => match &o.reverse {
            Some(reverse) => vec![Op::Execute(Execute {
                sql: reverse.clone(),
                reverse: Some(o.sql.clone()),
                effect: super::effect::invert_effect(before, &o.effect)?,
            })],
            None => return Err("`execute` without `reverse:`".into()),
        },
        Op::BulkInsert(o) => vec![Op::DeleteRows(delete_inserted_rows(before, o)?)],
        Op::RebuildTable(_) => return Err("a table rebuild is not written in a revision".into()),
        Op::DeleteRows(_) => return Err("deleting rows is not written in a revision".into()),
    })
}

/// The `DELETE`s that take back the rows `op` inserted, each by the value
/// the row gave every column of the table's primary key: the key tells the
/// inserted row apart from any other, so nothing else is deleted.
fn delete_inserted_rows(before: &Schema, op: &BulkInsert) -> Result<DeleteRows, String> {
    let table = before
        .table(&op.schema, &op.table)
        .ok_or("`bulk_insert` into a table the model does not know")?;
    let key = table.primary_key().ok_or_else(|| {
        format!(
            "`bulk_insert` adds rows to table `{}`, which has no primary key to delete them by",
            op.table
        )
    })?;
    let key_of = |row: &Vec<(String, Literal)>| -> Result<Vec<(String, Literal)>, String> {
        key.columns
            .iter()
            .map(|column| match row.iter().find(|(name, _)| name == column) {
                Some((_, value)) if *value != Literal::Null => Ok((column.clone(), value.clone())),
                _ => Err(format!(
                    "a `bulk_insert` row gives no value to `{column}` of the primary key of \
                     table `{}`, so the row cannot be deleted by its key",
                    op.table
                )),
            })
            .collect()
    };
    let keys = op.rows.iter().rev().map(key_of).collect::<Result<_, _>>()?;
    let column_types = table
        .columns
        .iter()
        .filter(|c| key.columns.contains(&c.name))
        .map(|c| (c.name.clone(), c.type_.clone()))
        .collect();
    Ok(DeleteRows {
        table: op.table.clone(),
        schema: op.schema.clone(),
        keys,
        column_types,
    })
}

/// `drop_enum` for each named enum type the new table's columns created.
fn enums_created(before: &Schema, schema: &Option<String>, columns: &[Column]) -> Vec<Op> {
    let mut names: Vec<&str> = Vec::new();
    let known = before.namespace(schema).map(|ns| &ns.enums);
    let mut drops = Vec::new();
    for column in columns {
        let Some((name, values)) = named_enum(&column.type_) else {
            continue;
        };
        if names.contains(&name) || known.is_some_and(|enums| enums.contains_key(name)) {
            continue;
        }
        names.push(name);
        drops.push(Op::DropEnum(DropEnum {
            name: name.to_owned(),
            values: Some(values.to_vec()),
            schema: schema.clone(),
        }));
    }
    drops
}

/// Dropping a column also drops what `add_column` put on it, first: its
/// index, and its foreign key and unique constraint unless the engine drops
/// them with the column (`drop_column_takes` of `before`, as Alembic's
/// autogenerate writes it then). One created without a name is dropped as
/// `name: null` with its type and column, which the replay of the downgrade
/// finds and names as the engine named it (or refuses, on an engine whose
/// names no revision can know, saying why).
fn invert_add_column(before: &Schema, op: &AddColumn) -> Result<Vec<Op>, String> {
    let taken = |kind: fn(&DropColumnTakes) -> Reach| {
        before
            .drop_column_takes
            .as_deref()
            .is_some_and(|takes| kind(takes).alone == DropEffect::Drop)
    };
    let column = &op.column;
    let mut ops = Vec::new();
    if column.index {
        ops.push(Op::DropIndex(DropIndex {
            refit_foreign_keys: Vec::new(),
            name: super::state::column_index_name(&op.table, &column.name),
            table: Some(op.table.clone()),
            schema: op.schema.clone(),
            if_exists: false,
            concurrently: false,
            absent: false,
        }));
    } else if column.unique && !taken(|t| t.unique) {
        ops.push(drop_column_constraint(op, None, ConstraintKind::Unique));
    }
    if let Some(fk) = column
        .foreign_key
        .as_ref()
        .filter(|_| !taken(|t| t.foreignkey))
    {
        ops.push(drop_column_constraint(
            op,
            fk.name.as_deref(),
            ConstraintKind::Foreignkey,
        ));
    }
    if column.primary_key {
        return Err(format!(
            "column `{}` is an unnamed primary key",
            column.name
        ));
    }
    ops.push(Op::DropColumn(DropColumn {
        table: op.table.clone(),
        column: column.name.clone(),
        schema: op.schema.clone(),
        existing: None,
        takes: Vec::new(),
        // As Alembic's reverse of an `if_not_exists` add.
        if_exists: op.if_not_exists,
        absent: false,
        mssql_drop_default: false,
        mssql_drop_check: false,
        mssql_drop_foreign_key: false,
    }));
    Ok(ops)
}

/// The alter that puts back what a completed `alter_column` changed.
/// The column added back, then what the engine dropped with it (the same
/// `drop_column_takes` applied to the table as it was); what only lost the
/// column cannot get it back.
fn invert_drop_column(before: &Schema, op: &DropColumn) -> Result<Vec<Op>, String> {
    let column = op
        .existing
        .clone()
        .ok_or("the dropped column is unknown to the model")?;
    let mut ops = vec![Op::AddColumn(AddColumn {
        table: op.table.clone(),
        schema: op.schema.clone(),
        column,
        // As Alembic's reverse of an `if_exists` drop.
        if_not_exists: op.if_exists,
        exists: false,
    })];
    let (Some(table), Some(takes)) = (
        before.table(&op.schema, &op.table),
        before.drop_column_takes.as_deref(),
    ) else {
        return Ok(ops);
    };
    let mut after = table.clone();
    let fallout = drop_column_from(&mut after, &op.column, takes);
    if !fallout.shrunk.is_empty() {
        return Err(format!(
            "drop_column `{}` takes the column out of {}, which its inverse cannot put back",
            op.column,
            fallout.shrunk.join(", ")
        ));
    }
    for index in table.indexes.iter().filter(|i| !after.indexes.contains(i)) {
        ops.push(Op::CreateIndex(
            index.created_on(&op.table, &op.schema, false),
        ));
    }
    let dropped = table
        .constraints
        .iter()
        .filter(|c| !after.constraints.contains(c));
    for constraint in dropped {
        // Created again as it was first: unnamed, the engine names it again.
        let written = (!is_unnamed(constraint))
            .then_some(())
            .and(constraint_name(constraint));
        ops.push(create_constraint(
            written, &op.table, &op.schema, constraint,
        ));
    }
    Ok(ops)
}

fn invert_alter_column(op: &AlterColumn) -> AlterColumn {
    let restore = |changed: bool, value: &Option<ServerDefault>| match (changed, value) {
        (false, _) => Patch::Keep,
        (true, Some(v)) => Patch::Set(v.clone()),
        (true, None) => Patch::Remove,
    };
    AlterColumn {
        table: op.table.clone(),
        column: op.new_name.clone().unwrap_or_else(|| op.column.clone()),
        schema: op.schema.clone(),
        nullable: op.nullable.and(op.existing_nullable),
        type_: op.type_.as_ref().and(op.existing_type.clone()),
        server_default: restore(!op.server_default.is_keep(), &op.existing_server_default),
        new_name: op.new_name.as_ref().map(|_| op.column.clone()),
        comment: match (&op.comment, &op.existing_comment) {
            (Patch::Keep, _) => Patch::Keep,
            (_, Some(c)) => Patch::Set(c.clone()),
            (_, None) => Patch::Remove,
        },
        using: None,
        autoincrement: op.autoincrement.and(op.existing_autoincrement),
        existing_type: None,
        existing_nullable: None,
        existing_server_default: None,
        existing_comment: None,
        existing_autoincrement: None,
    }
}

/// The name a derived `drop_constraint` of a check needs, or why there is
/// none (a check is not found by its columns).
fn unnamed_guard(name: &Option<String>) -> Result<&str, &'static str> {
    name.as_deref().ok_or(
        "the check constraint has no name the engine's is known by, so its inverse cannot drop it",
    )
}

/// The constraint of `table` that `op` (completed by the replay) drops.
fn dropped_constraint<'t>(table: &'t Table, op: &DropConstraint) -> Option<&'t TableConstraint> {
    match &op.name {
        Some(name) => table.constraint(name),
        None => replay::constraint_by_columns(table, op)
            .ok()
            .map(|position| &table.constraints[position]),
    }
}

/// The `drop_constraint` of the constraint of `kind` that `op` put on its
/// column: by `name`, or without one by its type and column.
fn drop_column_constraint(op: &AddColumn, name: Option<&str>, kind: ConstraintKind) -> Op {
    Op::DropConstraint(DropConstraint {
        refit_foreign_keys: Vec::new(),
        name: name.map(str::to_owned),
        table: op.table.clone(),
        schema: op.schema.clone(),
        type_: Some(kind),
        columns: name.is_none().then(|| vec![op.column.name.clone()]),
        if_exists: false,
        absent: false,
    })
}

/// The op that adds `constraint`, named `name`, to an existing table.
pub(crate) fn create_constraint(
    name: Option<&str>,
    table: &str,
    schema: &Option<String>,
    constraint: &TableConstraint,
) -> Op {
    let name = name.map(str::to_owned);
    let table = table.to_owned();
    let schema = schema.clone();
    match constraint {
        TableConstraint::PrimaryKey(pk) => Op::CreatePrimaryKey(CreatePrimaryKey {
            name,
            table,
            schema,
            columns: pk.columns.clone(),
        }),
        TableConstraint::Unique(u) => Op::CreateUniqueConstraint(CreateUniqueConstraint {
            name,
            table,
            schema,
            columns: u.columns.clone(),
            postgresql_nulls_not_distinct: u.postgresql_nulls_not_distinct,
        }),
        TableConstraint::ForeignKey(fk) => Op::CreateForeignKey(CreateForeignKey {
            name,
            source_table: table,
            referent_table: fk.ref_table.clone(),
            local_cols: fk.columns.clone(),
            remote_cols: fk.ref_columns.clone(),
            ondelete: fk.ondelete.clone(),
            onupdate: fk.onupdate.clone(),
            deferrable: fk.deferrable,
            initially: fk.initially.clone(),
            match_: fk.match_.clone(),
            schema,
            referent_schema: fk.ref_schema.clone(),
            not_valid: false,
        }),
        TableConstraint::Check(c) => Op::CreateCheckConstraint(CreateCheckConstraint {
            name,
            table,
            schema,
            condition: c.condition.clone(),
            not_valid: false,
        }),
    }
}

fn restore_comment(table: &str, schema: &Option<String>, comment: &Option<String>) -> Op {
    match comment {
        Some(comment) => Op::CreateTableComment(CreateTableComment {
            table: table.to_owned(),
            schema: schema.clone(),
            comment: comment.clone(),
            existing_comment: None,
        }),
        None => Op::DropTableComment(DropTableComment {
            table: table.to_owned(),
            schema: schema.clone(),
            existing_comment: None,
        }),
    }
}
