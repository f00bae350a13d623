//! The rows a history's own `bulk_insert`s put in its tables, as far as the
//! model can know them. The engine checks a table's rows when a NOT NULL, a
//! key or a foreign key is added, and checks each inserted row against the
//! table's: a script whose own rows break one stops there (on MariaDB and
//! SQLite half-way through the revision). The model refuses that at compile
//! time, naming the row.
//!
//! Raw SQL (`execute`) may change the rows of the tables it names: the model
//! forgets what it knew of those (a table the SQL changes without naming it,
//! through a function or a trigger, must be named, even in a comment), and
//! checks only rows inserted later. Rows the application writes between
//! revisions are never known: the engine checks them when the script runs.

use super::error::{EngineRefusal, Problem};
use super::state::{describe_constraint, qualified, sql_names_identifier, Schema, Table};
use crate::revision::{
    AddColumn, AlterColumn, BulkInsert, Column, DeleteRows, IndexColumn, Literal, Op,
    ServerDefault, TableConstraint,
};
use std::collections::{BTreeMap, HashSet};

/// One value of a row the model knows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cell {
    /// NULL.
    Null,
    /// The value written: in the `bulk_insert` row, or the column's constant
    /// server default.
    Value(String),
    /// Not NULL, but the engine chose it (a default expression, a counter).
    Chosen,
}

/// The rows the model knows are in a table.
#[derive(Debug, Clone)]
pub struct KnownRows {
    /// Rows certainly in the table: column → value.
    pub rows: Vec<BTreeMap<String, Cell>>,
    /// Whether these are all its rows: from `create_table` until an `execute`.
    pub complete: bool,
}

impl KnownRows {
    /// The rows of a table just created: none, and no others.
    pub fn empty() -> Self {
        KnownRows {
            rows: Vec::new(),
            complete: true,
        }
    }

    /// What the model knows after raw SQL ran: nothing.
    fn forget(&mut self) {
        self.rows.clear();
        self.complete = false;
    }
}

/// Rows are data, not schema: two tables of the same shape are equal
/// whatever rows the model knows of them.
impl PartialEq for KnownRows {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Follows `op`, already applied to `schema`, in the rows the model knows,
/// and refuses it where those rows break what the engine checks.
pub fn follow(schema: &mut Schema, op: &Op) -> Result<(), Problem> {
    match op {
        Op::BulkInsert(o) => {
            insert(schema, o);
            check(schema, &o.schema, &o.table)
        }
        Op::AddColumn(o) => {
            add_column(schema, o);
            check(schema, &o.schema, &o.table)
        }
        Op::DropColumn(o) => {
            if let Some(table) = schema.table_mut(&o.schema, &o.table) {
                table.rows.rows.iter_mut().for_each(|row| {
                    row.remove(&o.column);
                });
            }
            Ok(())
        }
        Op::AlterColumn(o) => {
            rename_column(schema, o);
            check(schema, &o.schema, &o.table)
        }
        Op::DeleteRows(o) => {
            delete(schema, o);
            Ok(())
        }
        Op::CreateIndex(o) => check(schema, &o.schema, &o.table),
        Op::CreatePrimaryKey(o) => check(schema, &o.schema, &o.table),
        Op::CreateUniqueConstraint(o) => check(schema, &o.schema, &o.table),
        Op::CreateForeignKey(o) => check(schema, &o.schema, &o.source_table),
        Op::Execute(o) => {
            let texts: Vec<&str> = o.sql.iter().map(|(_, sql)| sql.as_str()).collect();
            schema
                .namespaces
                .values_mut()
                .flat_map(|namespace| namespace.tables.values_mut())
                .filter(|table| {
                    texts
                        .iter()
                        .any(|sql| sql_names_identifier(sql, &table.name))
                })
                .for_each(|table| table.rows.forget());
            Ok(())
        }
        _ => Ok(()),
    }
}

fn insert(schema: &mut Schema, op: &BulkInsert) {
    let Some(table) = schema.table_mut(&op.schema, &op.table) else {
        return;
    };
    let counted = table.autoincrement_column().map(str::to_owned);
    for written in &op.rows {
        let given: BTreeMap<&str, &Literal> =
            written.iter().map(|(n, v)| (n.as_str(), v)).collect();
        let row = table
            .columns
            .iter()
            .map(|column| {
                let cell = match given.get(column.name.as_str()) {
                    Some(value) => cell_of(value),
                    None if counted.as_deref() == Some(column.name.as_str()) => Cell::Chosen,
                    None => default_cell(column, false),
                };
                (column.name.clone(), cell)
            })
            .collect();
        table.rows.rows.push(row);
    }
}

/// The rows a derived downgrade deletes by their key are gone: those whose
/// key columns hold the values written.
fn delete(schema: &mut Schema, op: &DeleteRows) {
    let Some(table) = schema.table_mut(&op.schema, &op.table) else {
        return;
    };
    table.rows.rows.retain(|row| {
        !op.keys.iter().any(|key| {
            key.iter()
                .all(|(column, value)| row.get(column) == Some(&cell_of(value)))
        })
    });
}

fn add_column(schema: &mut Schema, op: &AddColumn) {
    let Some(table) = schema.table_mut(&op.schema, &op.table) else {
        return;
    };
    // A NOT NULL column without a default is filled by the engine (MariaDB's
    // implicit default) or refused (PostgreSQL, the review note says so).
    let cell = default_cell(&op.column, !op.column.is_nullable());
    for row in &mut table.rows.rows {
        // `if_not_exists` of a column the table has changes no value.
        row.entry(op.column.name.clone())
            .or_insert_with(|| cell.clone());
    }
}

fn rename_column(schema: &mut Schema, op: &AlterColumn) {
    let (Some(new_name), Some(table)) = (&op.new_name, schema.table_mut(&op.schema, &op.table))
    else {
        return;
    };
    for row in &mut table.rows.rows {
        if let Some(cell) = row.remove(&op.column) {
            row.insert(new_name.clone(), cell);
        }
    }
}

fn cell_of(value: &Literal) -> Cell {
    match value {
        Literal::Null => Cell::Null,
        Literal::Bool(b) => Cell::Value(b.to_string()),
        Literal::Number(n) => Cell::Value(n.clone()),
        Literal::String(s) => Cell::Value(format!("'{s}'")),
    }
}

/// The value a row gets for `column` when nothing is written for it.
fn default_cell(column: &Column, filled_anyway: bool) -> Cell {
    match &column.server_default {
        Some(ServerDefault::String(s)) => Cell::Value(format!("'{s}'")),
        Some(ServerDefault::Number(n)) => Cell::Value(n.clone()),
        Some(ServerDefault::Bool(b)) => Cell::Value(b.to_string()),
        Some(_) => Cell::Chosen,
        None if column.identity.is_some() || filled_anyway => Cell::Chosen,
        None => Cell::Null,
    }
}

/// Refuses the table's known rows where they break its NOT NULL columns,
/// keys, unique indexes or (where the engine checks them) foreign keys.
fn check(schema: &Schema, namespace: &Option<String>, name: &str) -> Result<(), Problem> {
    let Some(table) = schema.table(namespace, name) else {
        return Ok(());
    };
    if table.rows.rows.is_empty() {
        return Ok(());
    }
    if let Some(problem) = null_in_not_null(schema, table) {
        return Err(problem);
    }
    for constraint in &table.constraints {
        let broken = match constraint {
            TableConstraint::PrimaryKey(pk) => {
                repeated(table, &pk.columns, row_id_column(schema, table).is_none())
            }
            TableConstraint::Unique(unique) => repeated(table, &unique.columns, false),
            TableConstraint::ForeignKey(fk) if schema.rules.foreign_keys.checks_existing_rows => {
                orphan(schema, table, fk)
            }
            _ => None,
        };
        if let Some(row) = broken {
            return Err(refusal(
                schema,
                format!(
                    "{} of table `{}` over the rows the history inserted: {row}",
                    describe_constraint(constraint),
                    qualified(&table.schema, &table.name)
                ),
            ));
        }
    }
    for index in table
        .indexes
        .iter()
        .filter(|i| i.unique && i.where_.is_none())
    {
        let columns: Option<Vec<String>> = index
            .columns
            .iter()
            .map(|c| match c {
                IndexColumn::Name(name) => Some(name.clone()),
                IndexColumn::Expression { .. } => None,
            })
            .collect();
        if let Some(row) = columns.and_then(|columns| repeated(table, &columns, false)) {
            return Err(refusal(
                schema,
                format!(
                    "unique index `{}` of table `{}` over the rows the history inserted: {row}",
                    index.name,
                    qualified(&table.schema, &table.name)
                ),
            ));
        }
    }
    Ok(())
}

fn null_in_not_null(schema: &Schema, table: &Table) -> Option<Problem> {
    let row_id = row_id_column(schema, table);
    let checked = |c: &&Column| !c.is_nullable() && Some(c.name.as_str()) != row_id;
    for column in table.columns.iter().filter(checked) {
        let Some(row) = table
            .rows
            .rows
            .iter()
            .find(|row| row.get(&column.name) == Some(&Cell::Null))
        else {
            continue;
        };
        return Some(refusal(
            schema,
            format!(
                "column `{}` of table `{}` is NOT NULL over the rows the history inserted: {} has NULL there",
                column.name,
                qualified(&table.schema, &table.name),
                shown(row, std::slice::from_ref(&column.name))
            ),
        ));
    }
    None
}

/// The table's primary key column when it is its only one and an
/// `Integer`, on an engine where that is the row id, which fills a NULL.
fn row_id_column<'t>(schema: &Schema, table: &'t Table) -> Option<&'t str> {
    if !schema.rules.rows.integer_primary_key_fills_nulls {
        return None;
    }
    let pk = table.constraints.iter().find_map(|c| match c {
        TableConstraint::PrimaryKey(pk) => Some(pk),
        _ => None,
    })?;
    let [name] = pk.columns.as_slice() else {
        return None;
    };
    let column = table.column(name)?;
    matches!(column.type_, crate::types::ColumnType::Integer).then_some(name.as_str())
}

/// A row whose `columns` repeat an earlier row's (all known and not NULL);
/// with `no_nulls` (a primary key), also a row with a NULL there.
fn repeated(table: &Table, columns: &[String], no_nulls: bool) -> Option<String> {
    let mut seen = HashSet::new();
    for row in &table.rows.rows {
        let cells: Vec<&Cell> = columns
            .iter()
            .map(|c| row.get(c).unwrap_or(&Cell::Chosen))
            .collect();
        if no_nulls && cells.contains(&&Cell::Null) {
            return Some(format!("{} has NULL in the key", shown(row, columns)));
        }
        if cells.iter().all(|c| matches!(c, Cell::Value(_))) && !seen.insert(cells) {
            return Some(format!("{} repeats an earlier row", shown(row, columns)));
        }
    }
    None
}

/// A row whose foreign key values no row of the referenced table has, where
/// the model knows all of that table's rows.
fn orphan(schema: &Schema, table: &Table, fk: &crate::revision::ForeignKeyDef) -> Option<String> {
    let parent_schema = fk.ref_schema.clone().or_else(|| table.schema.clone());
    let parent = schema.table(&parent_schema, &fk.ref_table)?;
    if !parent.rows.complete {
        return None;
    }
    let values = |row: &BTreeMap<String, Cell>, columns: &[String]| -> Option<Vec<Cell>> {
        columns.iter().map(|c| row.get(c).cloned()).collect()
    };
    let mut targets = HashSet::new();
    for row in &parent.rows.rows {
        let cells = values(row, &fk.ref_columns)?;
        if cells.contains(&Cell::Chosen) {
            return None;
        }
        targets.insert(cells);
    }
    table
        .rows
        .rows
        .iter()
        .find(|row| {
            values(row, &fk.columns).is_some_and(|cells| {
                cells.iter().all(|c| matches!(c, Cell::Value(_))) && !targets.contains(&cells)
            })
        })
        .map(|row| {
            format!(
                "{} has no row of `{}` to reference",
                shown(row, &fk.columns),
                fk.ref_table
            )
        })
}

/// `{id: 2, code: NULL}`: the row, its columns in `columns` first (the ones
/// that break the rule), then the others, six at most.
fn shown(row: &BTreeMap<String, Cell>, columns: &[String]) -> String {
    let others = row.keys().filter(|c| !columns.contains(c));
    let mut values: Vec<String> = columns
        .iter()
        .chain(others)
        .take(6)
        .map(|c| {
            let value = match row.get(c) {
                Some(Cell::Value(v)) => v.clone(),
                Some(Cell::Null) => "NULL".to_owned(),
                _ => "(chosen by the engine)".to_owned(),
            };
            format!("{c}: {value}")
        })
        .collect();
    if row.len() > values.len() {
        values.push("...".to_owned());
    }
    format!("{{{}}}", values.join(", "))
}

fn refusal(schema: &Schema, what: String) -> Problem {
    Problem::EngineRefuses(Box::new(EngineRefusal {
        dialect: match schema.rules.dialect.as_str() {
            "" => "the engine".to_owned(),
            dialect => dialect.to_owned(),
        },
        what,
        rule: "the engine checks a table's rows against its NOT NULL columns, keys and \
               foreign keys, and the rows the history's bulk_insert wrote break this one",
        fix: "change those rows first (an `execute` UPDATE or DELETE before this op, which the \
              model cannot read), or write the bulk_insert rows so that they fit",
    }))
}

#[cfg(test)]
mod tests {
    use crate::schema::{Schema, SchemaError};

    const ROWS: &str = r#"
- create_table:
    name: parent
    columns:
      - {name: id, type: Integer, primary_key: true, autoincrement: false}
      - {name: code, type: Integer}
- bulk_insert: {table: parent, rows: [{id: 1, code: null}, {id: 2, code: 5}]}
"#;

    fn on(dialect: &str, more: &str) -> Result<Schema, SchemaError> {
        crate::test_fixtures::replayed_on(dialect, &format!("{ROWS}{more}"))
    }

    const NOT_NULL: &str = "- alter_column: {table: parent, column: code, nullable: false}\n";

    #[test]
    fn not_null_over_a_null_row_is_refused_naming_the_row() {
        let refused = on("postgresql", NOT_NULL).expect_err("a NULL row");
        assert!(
            refused
                .to_string()
                .contains("{code: NULL, id: 1} has NULL there"),
            "{refused}"
        );
    }

    #[test]
    fn a_renamed_column_keeps_its_values() {
        let renamed = "- alter_column: {table: parent, column: code, new_name: kode}\n\
                       - alter_column: {table: parent, column: kode, nullable: false}\n";
        let refused = on("postgresql", renamed).expect_err("the NULL moved with the column");
        assert!(refused.to_string().contains("kode: NULL"), "{refused}");
    }

    #[test]
    fn raw_sql_naming_the_table_makes_its_rows_unknown() {
        let filled =
            format!("- execute: UPDATE parent SET code = 0 WHERE code IS NULL\n{NOT_NULL}");
        on("postgresql", &filled).expect("the engine decides");
        let elsewhere = format!("- execute: SELECT 1\n{NOT_NULL}");
        on("postgresql", &elsewhere).expect_err("SQL that names no table changes no row");
    }

    #[test]
    fn a_constant_default_fills_an_added_column() {
        let added = "- add_column: {table: parent, column: {name: flag, type: Integer, server_default: 3}}\n\
                     - create_unique_constraint: {name: uq_flag, table: parent, columns: [flag]}\n";
        let refused = on("mysql", added).expect_err("both rows have 3");
        assert!(
            refused.to_string().contains("repeats an earlier row"),
            "{refused}"
        );
        let expression = added.replace("server_default: 3", "server_default: {sql: now()}");
        on("postgresql", &expression).expect("the engine chooses the values");
    }

    #[test]
    fn foreign_keys_over_orphans_are_refused_where_the_engine_checks_them() {
        let child = "- create_unique_constraint: {name: uq_code, table: parent, columns: [code]}\n\
                     - create_table:\n    name: kid\n    columns:\n      \
                     - {name: id, type: Integer, primary_key: true, autoincrement: false}\n      \
                     - {name: code, type: Integer}\n\
                     - bulk_insert: {table: kid, rows: [{id: 1, code: 5}, {id: 2, code: 6}]}\n\
                     - create_foreign_key: {name: fk_kid, source_table: kid, referent_table: parent, \
                     local_cols: [code], remote_cols: [code]}\n";
        let refused = on("postgresql", child).expect_err("no parent has code 6");
        assert!(
            refused
                .to_string()
                .contains("{code: 6, id: 2} has no row of `parent`"),
            "{refused}"
        );
        on("sqlite", child).expect("SQLite does not check foreign keys");
        let forgotten = child.replace(
            "- create_table:\n    name: kid",
            "- execute: DELETE FROM parent WHERE id > 5\n- create_table:\n    name: kid",
        );
        on("postgresql", &forgotten).expect("parent's rows are unknown after raw SQL");
    }
}
