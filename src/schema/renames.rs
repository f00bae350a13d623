//! Renaming an index or a constraint: retort ops (Alembic has none; real
//! histories `execute` `ALTER INDEX ... RENAME TO` and `ALTER TABLE ...
//! RENAME CONSTRAINT`), applied to the model like any other op.

use super::error::{missing, Problem};
use super::replay::{check_new_index, table, table_mut};
use super::state::{constraint_kind, constraint_name, qualified, Schema};
use crate::revision::{RenameConstraint, RenameIndex, TableConstraint};

/// Renames the index `op.old` on its table; fills the table and the index as
/// renamed.
pub fn rename_index(schema: &mut Schema, op: &RenameIndex) -> Result<RenameIndex, Problem> {
    let Some(owner) = schema.index_owner(&op.schema, &op.old) else {
        if let Some(table_name) = &op.table {
            table(schema, &op.schema, table_name)?;
        }
        return Err(missing(
            format!("index `{}`", qualified(&op.schema, &op.old)),
            &op.old,
            schema.index_names(&op.schema),
        ));
    };
    let owner_name = owner.name.clone();
    if let Some(written) = op.table.as_ref().filter(|t| **t != owner_name) {
        return Err(Problem::Contradicts {
            key: "table",
            written: written.clone(),
            actual: format!("index `{}` on table `{owner_name}`", op.old),
        });
    }
    let mut renamed = owner
        .index(&op.old)
        .cloned()
        .ok_or_else(|| Problem::Invalid(format!("index `{}` vanished", op.old)))?;
    check_new_index(schema, owner, &op.new, &renamed.columns)?;
    renamed.name = op.new.clone();
    let changed = table_mut(schema, &op.schema, &owner_name)?;
    for index in changed.indexes.iter_mut().filter(|i| i.name == op.old) {
        index.name = op.new.clone();
    }
    schema.index_removed(&op.schema, &op.old);
    schema.index_added(&op.schema, &owner_name, &op.new);
    Ok(RenameIndex {
        table: Some(owner_name),
        renamed: Some(renamed),
        ..op.clone()
    })
}

/// Renames the constraint `op.old` of `op.table` (named in the revisions or
/// by the engine); fills its kind and the constraint as renamed.
pub fn rename_constraint(
    schema: &mut Schema,
    op: &RenameConstraint,
) -> Result<RenameConstraint, Problem> {
    let current = table(schema, &op.schema, &op.table)?;
    let position = current
        .constraints
        .iter()
        .position(|c| constraint_name(c) == Some(op.old.as_str()))
        .ok_or_else(|| {
            missing(
                format!(
                    "constraint `{}` on table `{}`",
                    op.old,
                    qualified(&op.schema, &op.table)
                ),
                &op.old,
                current.constraint_names(),
            )
        })?;
    if current.constraint(&op.new).is_some() {
        return Err(Problem::AlreadyExists {
            what: format!(
                "constraint `{}` on table `{}`",
                op.new,
                qualified(&op.schema, &op.table)
            ),
        });
    }
    let renamed = named(&current.constraints[position], &op.new);
    let kind = constraint_kind(&renamed);
    if let Some(written) = op.type_.filter(|written| *written != kind) {
        return Err(Problem::Contradicts {
            key: "type",
            written: format!("{written:?}").to_lowercase(),
            actual: format!("constraint `{}` is a {kind:?} constraint", op.old).to_lowercase(),
        });
    }
    schema.rules.check_key_name(schema, current, &renamed)?;
    table_mut(schema, &op.schema, &op.table)?.constraints[position] = renamed.clone();
    Ok(RenameConstraint {
        type_: Some(kind),
        renamed: Some(renamed),
        ..op.clone()
    })
}

/// `constraint` named `name` in the revisions (no longer by the engine).
fn named(constraint: &TableConstraint, name: &str) -> TableConstraint {
    let mut renamed = constraint.clone();
    let (written, given) = match &mut renamed {
        TableConstraint::PrimaryKey(c) => (&mut c.name, &mut c.engine_name),
        TableConstraint::Unique(c) => (&mut c.name, &mut c.engine_name),
        TableConstraint::ForeignKey(c) => (&mut c.name, &mut c.engine_name),
        TableConstraint::Check(c) => (&mut c.name, &mut c.engine_name),
    };
    *written = Some(name.to_owned());
    *given = None;
    renamed
}
