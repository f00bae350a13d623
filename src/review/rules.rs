//! The rules themselves: each looks at one op (completed by the schema
//! model) and the [`Step`] it runs in, and says what it finds.
//!
//! Dialect-specific rules read the dialect's facts ([`DialectFacts`],
//! `dialect.yaml`), never its name.

use super::catalogue::*;
use super::types::{lossy_change, rewrites_table};
use super::{Direction, Finding, Step};
use crate::dialect::DialectFacts;
use crate::revision::*;
use crate::schema::state::{qualified, SchemaName};
use crate::types::{ColumnType, TypeArg};

/// What every rule finds about `op`, in [`RULES`] order.
pub(crate) fn op_findings(op: &Op, step: &Step) -> Vec<Finding> {
    let mut found = Vec::new();
    destructive(op, step, &mut found);
    locking(op, step, &mut found);
    concurrently_in_transaction(op, step, &mut found);
    outside_transaction(op, step, &mut found);
    portability(op, step, &mut found);
    super::raw::raw_sql(op, step, &mut found);
    let order = |f: &Finding| RULES.iter().position(|r| r.id == f.rule);
    found.sort_by_key(order);
    found
}

/// What the rules about a whole step find (placed at its first op).
pub(crate) fn step_findings(ops: &[OpEntry], step: &Step) -> Vec<Finding> {
    let statements: usize = ops.iter().map(|e| statement_count(&e.op)).sum();
    if statements < 2 {
        return Vec::new();
    }
    let dialects = names(step.targets.iter().filter(|d| !d.transactional_ddl));
    if dialects.is_empty() {
        return Vec::new();
    }
    vec![Finding {
        rule: NON_TRANSACTIONAL_DDL,
        dialects,
        message: format!(
            "this {} runs several statements and the script puts them in no transaction: \
             if one fails, the ones before it stay applied and the version table still \
             names the previous revision",
            step.direction.name()
        ),
    }]
}

/// Statements an op runs, roughly: a table and its indexes are several.
fn statement_count(op: &Op) -> usize {
    match op {
        Op::CreateTable(table) => {
            let column_indexes = table.columns.iter().filter(|c| c.index).count();
            1 + table.indexes.len() + column_indexes
        }
        _ => 1,
    }
}

fn names<'a>(dialects: impl Iterator<Item = &'a DialectFacts>) -> Vec<String> {
    dialects.map(|d| d.name.clone()).collect()
}

fn everywhere(rule: &'static str, message: String) -> Finding {
    Finding {
        rule,
        dialects: Vec::new(),
        message,
    }
}

fn existed_at_start(step: &Step, schema: &SchemaName, table: &str) -> bool {
    step.start.table(schema, table).is_some()
}

fn column_at_start(step: &Step, schema: &SchemaName, table: &str, column: &str) -> bool {
    step.start
        .table(schema, table)
        .is_some_and(|t| t.column(column).is_some())
}

fn existed_before_upgrade(step: &Step, schema: &SchemaName, table: &str) -> bool {
    step.before_upgrade.table(schema, table).is_some()
}

// ---------------------------------------------------------------------------
// Destructive

fn destructive(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    match (op, step.direction) {
        (Op::DropTable(drop), Direction::Upgrade)
            if existed_at_start(step, &drop.schema, &drop.name) =>
        {
            found.push(everywhere(
                DROP_TABLE,
                format!(
                    "drops table `{}` and every row in it{}",
                    qualified(&drop.schema, &drop.name),
                    with_it(&drop.takes)
                ),
            ))
        }
        (Op::DropColumn(drop), Direction::Upgrade)
            if column_at_start(step, &drop.schema, &drop.table, &drop.column) =>
        {
            found.push(everywhere(
                DROP_COLUMN,
                format!(
                    "drops column `{}.{}` and every value in it",
                    qualified(&drop.schema, &drop.table),
                    drop.column
                ),
            ))
        }
        (Op::DropTable(drop), Direction::Downgrade) => {
            downgrade_drops_table(&drop.schema, &drop.name, step, found)
        }
        (Op::DropColumn(drop), Direction::Downgrade) => {
            downgrade_drops_column(&drop.schema, &drop.table, &drop.column, step, found)
        }
        (Op::AlterColumn(alter), _) => lossy_type_change(alter, found),
        _ => {}
    }
    if let Op::DropColumn(drop) = op {
        drop_column_takes(drop, found);
    }
}

/// What goes with a dropped table (the model's `takes`), for its note.
fn with_it(takes: &[String]) -> String {
    if takes.is_empty() {
        return String::new();
    }
    format!("; with it go {}", takes.join(", "))
}

/// What the engine drops, or takes the column out of, with a dropped column
/// (the model's `drop_column_takes`).
fn drop_column_takes(drop: &DropColumn, found: &mut Vec<Finding>) {
    if drop.takes.is_empty() {
        return;
    }
    found.push(everywhere(
        DROP_COLUMN_TAKES,
        format!(
            "dropping column `{}.{}` also drops {}",
            qualified(&drop.schema, &drop.table),
            drop.column,
            drop.takes.join(", ")
        ),
    ))
}

fn downgrade_drops_table(schema: &SchemaName, table: &str, step: &Step, found: &mut Vec<Finding>) {
    let name = qualified(schema, table);
    let why = if existed_before_upgrade(step, schema, table) {
        "which existed, with its rows, before the revision"
    } else if step
        .filled
        .contains_key(&(schema.clone(), table.to_owned()))
    {
        "which the upgrade filled with `bulk_insert`"
    } else {
        return;
    };
    found.push(everywhere(
        DOWNGRADE_DROPS_DATA,
        format!("the downgrade drops table `{name}`, {why}; its rows are lost"),
    ));
}

fn downgrade_drops_column(
    schema: &SchemaName,
    table: &str,
    column: &str,
    step: &Step,
    found: &mut Vec<Finding>,
) {
    let name = format!("{}.{column}", qualified(schema, table));
    let held_data = step
        .before_upgrade
        .table(schema, table)
        .is_some_and(|t| t.column(column).is_some());
    let why = if held_data {
        "which existed, with its values, before the revision"
    } else if step
        .filled
        .get(&(schema.clone(), table.to_owned()))
        .is_some_and(|columns| columns.contains(column))
    {
        "which the upgrade filled with `bulk_insert`"
    } else {
        return;
    };
    found.push(everywhere(
        DOWNGRADE_DROPS_DATA,
        format!("the downgrade drops column `{name}`, {why}; its values are lost"),
    ));
}

fn lossy_type_change(alter: &AlterColumn, found: &mut Vec<Finding>) {
    let (Some(old), Some(new)) = (&alter.existing_type, &alter.type_) else {
        return;
    };
    if let Some(why) = lossy_change(old, new) {
        found.push(everywhere(
            LOSSY_TYPE_CHANGE,
            format!(
                "column `{}.{}`: {why}",
                qualified(&alter.schema, &alter.table),
                alter.column
            ),
        ));
    }
}

// ---------------------------------------------------------------------------
// Locking

fn locking(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    match op {
        Op::CreateIndex(index) if !index.concurrently => index_lock(
            &index.schema,
            &index.table,
            &index.name,
            "creating",
            step,
            found,
        ),
        Op::DropIndex(index) if !index.concurrently => {
            if let Some(table) = &index.table {
                index_lock(&index.schema, table, &index.name, "dropping", step, found)
            }
        }
        Op::AddColumn(add) => not_null_without_default(add, step, found),
        Op::AlterColumn(alter) => {
            not_null_checks_rows(alter, step, found);
            type_change_rewrite(alter, step, found);
        }
        Op::CreateForeignKey(fk) if !fk.not_valid => {
            let what = named_or_not("foreign key", &fk.name);
            constraint_lock(&fk.schema, &fk.source_table, &what, step, found)
        }
        Op::CreateCheckConstraint(check) if !check.not_valid => {
            let what = named_or_not("check constraint", &check.name);
            constraint_lock(&check.schema, &check.table, &what, step, found)
        }
        _ => {}
    }
}

/// "foreign key `fk_x`", or "an unnamed foreign key": for messages.
fn named_or_not(kind: &str, name: &Option<String>) -> String {
    match name {
        Some(name) => format!("{kind} `{name}`"),
        None => format!("an unnamed {kind}"),
    }
}

fn index_lock(
    schema: &SchemaName,
    table: &str,
    index: &str,
    doing: &str,
    step: &Step,
    found: &mut Vec<Finding>,
) {
    let key = (schema.clone(), table.to_owned());
    if !existed_at_start(step, schema, table) || step.dropped_tables.contains(&key) {
        return;
    }
    let dialects = names(step.targets.iter().filter(|d| d.review.concurrent_index));
    if dialects.is_empty() {
        return;
    }
    found.push(Finding {
        rule: INDEX_WITHOUT_CONCURRENTLY,
        dialects,
        message: format!(
            "{doing} index `{index}` without `concurrently` blocks writes to `{}` \
             until it is done",
            qualified(schema, table)
        ),
    });
}

fn not_null_without_default(add: &AddColumn, step: &Step, found: &mut Vec<Finding>) {
    let column = &add.column;
    let filled_by_engine =
        column.server_default.is_some() || column.identity.is_some() || column.computed.is_some();
    if column.is_nullable() || filled_by_engine || !existed_at_start(step, &add.schema, &add.table)
    {
        return;
    }
    found.push(everywhere(
        NOT_NULL_WITHOUT_DEFAULT,
        format!(
            "adds NOT NULL column `{}.{}` without a server default: this fails if \
             the table has rows",
            qualified(&add.schema, &add.table),
            column.name
        ),
    ));
}

/// The rows the model cannot know (the application's): the engine checks
/// each one when a column becomes NOT NULL.
fn not_null_checks_rows(alter: &AlterColumn, step: &Step, found: &mut Vec<Finding>) {
    let becomes_not_null = alter.nullable == Some(false) && alter.existing_nullable != Some(false);
    if !becomes_not_null || !existed_at_start(step, &alter.schema, &alter.table) {
        return;
    }
    found.push(everywhere(
        NOT_NULL_CHECKS_ROWS,
        format!(
            "makes `{}.{}` NOT NULL: the engine reads every row first (PostgreSQL under an \
             exclusive lock), and a row with NULL there stops the script",
            qualified(&alter.schema, &alter.table),
            alter.column
        ),
    ));
}

fn type_change_rewrite(alter: &AlterColumn, step: &Step, found: &mut Vec<Finding>) {
    let (Some(old), Some(new)) = (&alter.existing_type, &alter.type_) else {
        return;
    };
    if !existed_at_start(step, &alter.schema, &alter.table) || !rewrites_table(old, new) {
        return;
    }
    let dialects = names(
        step.targets
            .iter()
            .filter(|d| d.review.type_change_rewrites_table),
    );
    if dialects.is_empty() {
        return;
    }
    found.push(Finding {
        rule: TYPE_CHANGE_REWRITE,
        dialects,
        message: format!(
            "changing the type of `{}.{}` rewrites the whole table under an exclusive lock",
            qualified(&alter.schema, &alter.table),
            alter.column
        ),
    });
}

fn constraint_lock(
    schema: &SchemaName,
    table: &str,
    what: &str,
    step: &Step,
    found: &mut Vec<Finding>,
) {
    if !existed_at_start(step, schema, table) {
        return;
    }
    let dialects = names(
        step.targets
            .iter()
            .filter(|d| d.review.not_valid_constraints),
    );
    if dialects.is_empty() {
        return;
    }
    found.push(Finding {
        rule: CONSTRAINT_WITHOUT_NOT_VALID,
        dialects,
        message: format!(
            "adding {what} without NOT VALID checks every row of `{}` while holding a lock \
             that blocks writes",
            qualified(schema, table)
        ),
    });
}

// ---------------------------------------------------------------------------
// Transactions

fn concurrently_in_transaction(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    let (concurrently, doing, index) = match op {
        Op::CreateIndex(i) => (i.concurrently, "CREATE INDEX", &i.name),
        Op::DropIndex(i) => (i.concurrently, "DROP INDEX", &i.name),
        _ => return,
    };
    if !concurrently {
        return;
    }
    let inside = names(step.targets.iter().filter(|d| {
        d.review.concurrent_index && d.transactional_ddl && !d.runs_outside_transaction(op)
    }));
    if !inside.is_empty() {
        found.push(Finding {
            rule: CONCURRENTLY_IN_TRANSACTION,
            dialects: inside,
            message: format!(
                "{doing} CONCURRENTLY (`{index}`) cannot run inside a transaction block, \
                 and the script runs this op inside one"
            ),
        });
    }
}

fn outside_transaction(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    let dialects = names(
        step.targets
            .iter()
            .filter(|d| d.runs_outside_transaction(op)),
    );
    if dialects.is_empty() {
        return;
    }
    found.push(Finding {
        rule: OUTSIDE_TRANSACTION,
        dialects,
        message: format!(
            "the script commits this {} so far and runs `{}` outside the transaction: \
             if it fails, the statements before it stay applied",
            step.direction.name(),
            op.name()
        ),
    });
}

// ---------------------------------------------------------------------------
// Portability

fn portability(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    guarded_op_changes_nothing(op, found);
    if let Op::Execute(execute) = op {
        let missing = names(
            step.targets
                .iter()
                .filter(|d| execute.sql.for_dialect(&d.name).is_none()),
        );
        if !missing.is_empty() {
            found.push(Finding {
                rule: EXECUTE_MISSING_DIALECT,
                dialects: missing,
                message: "`execute` has no SQL text for this dialect and no `default:`: \
                          its script cannot be compiled"
                    .into(),
            });
        }
    }
    for (what, column_type) in column_types(op) {
        for dialect in step.targets {
            if let Some(message) = foreign_type(&what, column_type, &dialect.name) {
                found.push(Finding {
                    rule: DIALECT_TYPE_ELSEWHERE,
                    dialects: vec![dialect.name.clone()],
                    message,
                });
            }
        }
    }
    identity_not_generated(op, step, found);
    for name in identifiers(op) {
        for dialect in step.targets {
            let limit = dialect.max_identifier_length;
            let unit = dialect.identifier_length_unit;
            let length = unit.measure(name);
            if length > limit {
                found.push(Finding {
                    rule: IDENTIFIER_TOO_LONG,
                    dialects: vec![dialect.name.clone()],
                    message: format!(
                        "the name `{name}` has {length} {}; this dialect allows {limit}",
                        unit.name()
                    ),
                });
            }
        }
    }
}

/// An identity column added to an existing table where a generated column
/// must be a key: the script adds it without AUTO_INCREMENT, as Alembic does.
fn identity_not_generated(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    let Op::AddColumn(add) = op else { return };
    if add.column.identity.is_none() || add.column.primary_key {
        return;
    }
    let dialects = names(step.targets.iter().filter(|d| d.review.identity_needs_key));
    if dialects.is_empty() {
        return;
    }
    found.push(Finding {
        rule: IDENTITY_NOT_GENERATED,
        dialects,
        message: format!(
            "column `{}.{}` is an identity column, but this dialect generates values only \
             for a key column: it is added without AUTO_INCREMENT, as Alembic adds it, and \
             its existing and new rows get no generated values",
            add.table, add.column.name
        ),
    });
}

/// An `if_exists` / `if_not_exists` op the schema model knows has nothing to
/// do: the guard is written where the dialect has it, nothing elsewhere.
fn guarded_op_changes_nothing(op: &Op, found: &mut Vec<Finding>) {
    if !op.changes_nothing() {
        return;
    }
    let what = match op {
        Op::AddColumn(o) => format!(
            "column `{}` is in table `{}` already (`if_not_exists`)",
            o.column.name,
            qualified(&o.schema, &o.table)
        ),
        Op::DropColumn(o) => format!(
            "column `{}` is not in table `{}` (`if_exists`)",
            o.column,
            qualified(&o.schema, &o.table)
        ),
        Op::DropConstraint(o) => format!(
            "constraint `{}` is not on table `{}` (`if_exists`)",
            o.name.as_deref().unwrap_or_default(),
            qualified(&o.schema, &o.table)
        ),
        Op::CreateTable(o) => format!(
            "table `{}` is there already (`if_not_exists`)",
            qualified(&o.schema, &o.name)
        ),
        Op::DropTable(o) => format!(
            "table `{}` is not there (`if_exists`)",
            qualified(&o.schema, &o.name)
        ),
        Op::CreateIndex(o) => format!(
            "index `{}` is there already (`if_not_exists`)",
            qualified(&o.schema, &o.name)
        ),
        Op::DropIndex(o) => format!(
            "index `{}` is not there (`if_exists`)",
            qualified(&o.schema, &o.name)
        ),
        _ => return,
    };
    found.push(everywhere(
        GUARDED_OP_CHANGES_NOTHING,
        format!(
            "the schema model knows {what}: the op changes nothing; the script writes the \
             guarded statement where the dialect has the guard, and nothing where it has not"
        ),
    ));
}

/// The column types an op writes, each with a description of where.
fn column_types(op: &Op) -> Vec<(String, &ColumnType)> {
    match op {
        Op::CreateTable(t) => table_column_types(&t.name, &t.columns),
        Op::AddColumn(a) => table_column_types(&a.table, std::slice::from_ref(&a.column)),
        Op::AlterColumn(a) => a
            .type_
            .iter()
            .map(|t| (format!("column `{}.{}`", a.table, a.column), t))
            .collect(),
        _ => Vec::new(),
    }
}

fn table_column_types<'a>(table: &str, columns: &'a [Column]) -> Vec<(String, &'a ColumnType)> {
    columns
        .iter()
        .map(|c| (format!("column `{table}.{}`", c.name), &c.type_))
        .collect()
}

/// Why `column_type` cannot be used on `dialect`, if it cannot.
fn foreign_type(what: &str, column_type: &ColumnType, dialect: &str) -> Option<String> {
    let Some(resolved) = column_type.for_dialect(dialect) else {
        return Some(format!(
            "{what}: the type mapping has no entry for this dialect and no `default`"
        ));
    };
    match resolved {
        ColumnType::Dialect {
            dialect: owner,
            name,
            ..
        } if owner != dialect => Some(format!(
            "{what}: `{owner}.{name}` is a {owner} type, unknown to this dialect"
        )),
        ColumnType::Dialect { args, .. } => args.iter().find_map(|arg| match arg {
            TypeArg::Type(inner) => foreign_type(what, inner, dialect),
            _ => None,
        }),
        _ => None,
    }
}

/// The names an op gives to new objects: tables, columns, indexes,
/// constraints, enum types.
fn identifiers(op: &Op) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    match op {
        Op::CreateTable(t) => {
            names.push(&t.name);
            names.extend(t.columns.iter().map(|c| c.name.as_str()));
            names.extend(t.indexes.iter().map(|i| i.name.as_str()));
            names.extend(t.constraints.iter().filter_map(constraint_name));
            names.extend(
                t.columns
                    .iter()
                    .filter_map(|c| c.foreign_key.as_ref()?.name.as_deref()),
            );
        }
        Op::RenameTable(r) => names.push(&r.new),
        Op::AddColumn(a) => names.push(&a.column.name),
        Op::AlterColumn(a) => names.extend(a.new_name.as_deref()),
        Op::CreateIndex(i) => names.push(&i.name),
        Op::CreatePrimaryKey(c) => names.extend(c.name.as_deref()),
        Op::CreateUniqueConstraint(c) => names.extend(c.name.as_deref()),
        Op::CreateForeignKey(c) => names.extend(c.name.as_deref()),
        Op::CreateCheckConstraint(c) => names.extend(c.name.as_deref()),
        Op::CreateEnum(e) => names.push(&e.name),
        _ => {}
    }
    names
}

fn constraint_name(constraint: &TableConstraint) -> Option<&str> {
    crate::schema::state::constraint_name(constraint)
}
