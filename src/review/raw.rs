//! `raw-sql`: the parts of an op that reach the script as written. Every
//! other value from a revision file passes through the quoting or escaping
//! filters (SPEC §7); these are SQL by definition, so the reviewer is told
//! where they are: `execute` text, `{sql: ...}` types, defaults and index
//! expressions, check conditions, partial-index `where:` and `using:`.

use super::catalogue::RAW_SQL;
use super::{Finding, Step};
use crate::revision::{
    Column, CreateIndex, CreateTable, IndexColumn, IndexDef, Op, Patch, ServerDefault,
    TableConstraint,
};
use crate::types::ColumnType;

/// The longest excerpt of raw SQL a note quotes, in characters.
const EXCERPT_MAX: usize = 60;

/// A `raw-sql` finding for the raw SQL of `op`; dialects on which the op
/// carries the same raw parts share one finding.
pub(crate) fn raw_sql(op: &Op, step: &Step, found: &mut Vec<Finding>) {
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for dialect in step.targets {
        let parts = raw_parts(op, &dialect.name);
        if parts.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(p, _)| *p == parts) {
            Some((_, dialects)) => dialects.push(dialect.name.clone()),
            None => groups.push((parts, vec![dialect.name.clone()])),
        }
    }
    let everywhere = groups.len() == 1 && groups[0].1.len() == step.targets.len();
    for (parts, dialects) in groups {
        found.push(Finding {
            rule: RAW_SQL,
            dialects: if everywhere { Vec::new() } else { dialects },
            message: format!("passes SQL through unescaped: {}", parts.join("; ")),
        });
    }
}

/// Each raw part of `op` on `dialect`, described with an excerpt.
fn raw_parts(op: &Op, dialect: &str) -> Vec<String> {
    let mut parts = Vec::new();
    match op {
        Op::Execute(execute) => {
            if let Some(text) = execute.sql.for_dialect(dialect) {
                parts.push(format!("the text {}", excerpt(text)));
            }
        }
        Op::CreateTable(table) => table_parts(table, dialect, &mut parts),
        Op::RebuildTable(rebuild) => {
            table_parts(&rebuild.create, dialect, &mut parts);
            for index in &rebuild.indexes {
                index_parts(index, &mut parts);
            }
        }
        Op::AddColumn(add) => column_parts(&add.table, &add.column, dialect, &mut parts),
        Op::AlterColumn(alter) => {
            let what = format!("column `{}.{}`", alter.table, alter.column);
            if let Some(sql) = alter.type_.as_ref().and_then(|t| raw_type(t, dialect)) {
                parts.push(format!("the type of {what} {}", excerpt(sql)));
            }
            if let Patch::Set(default) = &alter.server_default {
                if let Some(sql) = raw_default(default, dialect) {
                    parts.push(format!("the server_default of {what} {}", excerpt(sql)));
                }
            }
            if let Some(using) = &alter.using {
                parts.push(format!("the `using:` of {what} {}", excerpt(using)));
            }
        }
        Op::CreateIndex(index) => index_parts(index, &mut parts),
        Op::CreateCheckConstraint(check) => {
            parts.push(format!("the condition {}", excerpt(&check.condition)));
        }
        _ => {}
    }
    parts
}

fn table_parts(table: &CreateTable, dialect: &str, parts: &mut Vec<String>) {
    for column in &table.columns {
        column_parts(&table.name, column, dialect, parts);
    }
    for constraint in &table.constraints {
        if let TableConstraint::Check(check) = constraint {
            parts.push(format!("the check condition {}", excerpt(&check.condition)));
        }
    }
    for index in &table.indexes {
        index_def_parts(index, parts);
    }
}

fn column_parts(table: &str, column: &Column, dialect: &str, parts: &mut Vec<String>) {
    let what = format!("column `{table}.{}`", column.name);
    if let Some(sql) = raw_type(&column.type_, dialect) {
        parts.push(format!("the type of {what} {}", excerpt(sql)));
    }
    if let Some(sql) = column
        .server_default
        .as_ref()
        .and_then(|d| raw_default(d, dialect))
    {
        parts.push(format!("the server_default of {what} {}", excerpt(sql)));
    }
}

fn index_parts(index: &CreateIndex, parts: &mut Vec<String>) {
    expression_parts(&index.name, &index.columns, index.where_.as_deref(), parts);
}

fn index_def_parts(index: &IndexDef, parts: &mut Vec<String>) {
    expression_parts(&index.name, &index.columns, index.where_.as_deref(), parts);
}

fn expression_parts(
    name: &str,
    columns: &[IndexColumn],
    where_: Option<&str>,
    parts: &mut Vec<String>,
) {
    for column in columns {
        if let IndexColumn::Expression { sql } = column {
            parts.push(format!("an expression of index `{name}` {}", excerpt(sql)));
        }
    }
    if let Some(condition) = where_ {
        parts.push(format!(
            "the `where:` of index `{name}` {}",
            excerpt(condition)
        ));
    }
}

/// The raw text of a `{sql: ...}` type, as resolved for `dialect`.
fn raw_type<'t>(column_type: &'t ColumnType, dialect: &str) -> Option<&'t str> {
    match column_type.for_dialect(dialect)? {
        ColumnType::Sql { sql } => Some(sql),
        _ => None,
    }
}

/// The raw text of a `{sql: ...}` server default, as resolved for `dialect`.
fn raw_default<'d>(default: &'d ServerDefault, dialect: &str) -> Option<&'d str> {
    match default.for_dialect(dialect)? {
        ServerDefault::Sql(sql) => Some(sql),
        _ => None,
    }
}

/// `sql` on one line, white space collapsed, cut at [`EXCERPT_MAX`]
/// characters, in backticks.
fn excerpt(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let line = words.join(" ");
    if line.chars().count() <= EXCERPT_MAX {
        format!("`{line}`")
    } else {
        let cut: String = line.chars().take(EXCERPT_MAX).collect();
        format!("`{cut}…`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("now()"), "`now()`");
        assert_eq!(
            excerpt("UPDATE runs\n   SET status = 'done'\tWHERE id = 1;"),
            "`UPDATE runs SET status = 'done' WHERE id = 1;`"
        );
        let long = "x".repeat(100);
        assert_eq!(excerpt(&long), format!("`{}…`", "x".repeat(60)));
    }
}
