//! A table as SQLAlchemy assembles it from an op's columns and constraints,
//! before any dialect writes it: effective nullability, the autoincrement
//! column, the primary key, the other constraints in SQLAlchemy's order and
//! the indexes. Templates see it as `table` (in `create_table` and
//! `add_column`); how each part is written is up to the dialect.

use crate::revision::{Column, IndexDef, TableConstraint};
use crate::types::ColumnType;
use serde::Serialize;

/// The context `table` of `create_table.sql` and `add_column.sql`.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// Table name.
    pub name: String,
    /// Schema.
    pub schema: Option<String>,
    /// Table comment.
    pub comment: Option<String>,
    /// Columns in order, with `nullable` always set.
    pub columns: Vec<Column>,
    /// SQLAlchemy's `_autoincrement_column` (SERIAL, IDENTITY, AUTO_INCREMENT).
    pub autoincrement_column: Option<String>,
    /// The primary key, if any column is in one.
    pub primary_key: Option<Constraint>,
    /// The other constraints, in the order SQLAlchemy writes them: the
    /// table-level ones as listed, then those of columns in column order.
    pub constraints: Vec<Constraint>,
    /// Indexes: those of `index: true` columns, then the listed ones.
    pub indexes: Vec<IndexDef>,
}

/// One constraint, in a shape common to every kind.
#[derive(Debug, Clone, Serialize)]
pub struct Constraint {
    /// `primary_key`, `unique`, `foreign_key`, `check`, `enum_check` (the
    /// CHECK of an `Enum(create_constraint=True)` column; written only where
    /// the dialect's enum is not native) or `bool_check` (the CHECK of a
    /// `Boolean(create_constraint=True)` column; written only where the
    /// dialect's boolean is not native).
    pub kind: &'static str,
    /// Constraint name.
    pub name: Option<String>,
    /// Local columns.
    pub columns: Vec<String>,
    /// Referenced table (foreign keys).
    pub ref_table: Option<String>,
    /// Referenced table's schema.
    pub ref_schema: Option<String>,
    /// Referenced columns.
    pub ref_columns: Vec<String>,
    /// `ON DELETE`.
    pub ondelete: Option<String>,
    /// `ON UPDATE`.
    pub onupdate: Option<String>,
    /// `DEFERRABLE` / `NOT DEFERRABLE`.
    pub deferrable: Option<bool>,
    /// `INITIALLY ...`.
    pub initially: Option<String>,
    /// `MATCH ...`.
    #[serde(rename = "match")]
    pub match_: Option<String>,
    /// The condition of a check (SQL text).
    pub condition: Option<String>,
    /// The allowed values of an enum check.
    pub values: Vec<String>,
    /// A unique constraint's `postgresql_nulls_not_distinct`.
    pub postgresql_nulls_not_distinct: Option<bool>,
}

impl Constraint {
    fn new(kind: &'static str, name: Option<String>, columns: Vec<String>) -> Self {
        Constraint {
            kind,
            name,
            columns,
            ref_table: None,
            ref_schema: None,
            ref_columns: Vec::new(),
            ondelete: None,
            onupdate: None,
            deferrable: None,
            initially: None,
            match_: None,
            condition: None,
            values: Vec::new(),
            postgresql_nulls_not_distinct: None,
        }
    }
}

/// Assembles the table of an op.
pub fn table_view(
    name: &str,
    schema: Option<&String>,
    columns: &[Column],
    constraints: &[TableConstraint],
    indexes: &[IndexDef],
    comment: Option<&String>,
) -> TableView {
    let mut primary_key: Option<Constraint> = None;
    let mut listed = Vec::new();
    for constraint in constraints {
        match constraint {
            TableConstraint::PrimaryKey(pk) => {
                primary_key = Some(Constraint::new(
                    "primary_key",
                    pk.name.clone(),
                    pk.columns.clone(),
                ));
            }
            TableConstraint::Unique(u) => listed.push(Constraint {
                postgresql_nulls_not_distinct: u.postgresql_nulls_not_distinct,
                ..Constraint::new("unique", u.name.clone(), u.columns.clone())
            }),
            TableConstraint::ForeignKey(fk) => listed.push(Constraint {
                ref_table: Some(fk.ref_table.clone()),
                ref_schema: fk.ref_schema.clone(),
                ref_columns: fk.ref_columns.clone(),
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
                deferrable: fk.deferrable,
                initially: fk.initially.clone(),
                match_: fk.match_.clone(),
                ..Constraint::new("foreign_key", fk.name.clone(), fk.columns.clone())
            }),
            TableConstraint::Check(check) => listed.push(Constraint {
                condition: Some(check.condition.clone()),
                ..Constraint::new("check", check.name.clone(), Vec::new())
            }),
        }
    }
    let primary_key = primary_key.or_else(|| {
        let key: Vec<String> = columns
            .iter()
            .filter(|c| c.primary_key)
            .map(|c| c.name.clone())
            .collect();
        (!key.is_empty()).then(|| Constraint::new("primary_key", None, key))
    });
    let key_columns = primary_key.as_ref().map_or(&[][..], |pk| &pk.columns[..]);
    let columns: Vec<Column> = columns
        .iter()
        .map(|c| Column {
            // SQLAlchemy: NOT NULL unless said otherwise for a key or an
            // identity column.
            nullable: Some(c.nullable.unwrap_or(
                !(c.primary_key || c.identity.is_some() || key_columns.contains(&c.name)),
            )),
            ..c.clone()
        })
        .collect();
    listed.extend(columns.iter().flat_map(column_constraints));
    let mut all_indexes: Vec<IndexDef> = columns
        .iter()
        .filter(|c| c.index)
        .map(|c| IndexDef {
            unique: c.unique,
            ..IndexDef::plain(
                format!("ix_{}_{}", name, c.name),
                std::slice::from_ref(&c.name),
            )
        })
        .collect();
    all_indexes.extend(indexes.iter().cloned());
    TableView {
        name: name.to_owned(),
        schema: schema.cloned(),
        comment: comment.cloned(),
        autoincrement_column: autoincrement_column(&columns, key_columns, &listed),
        primary_key,
        constraints: listed,
        indexes: all_indexes,
        columns,
    }
}

/// The constraints a column makes in SQLAlchemy, in the order it writes
/// them: its `unique` (unless it is an indexed column, where the index is
/// unique), an enum's CHECK, then its foreign key (the key's constraint is
/// made last, when the column joins the table).
fn column_constraints(column: &Column) -> Vec<Constraint> {
    let mut made = Vec::new();
    if column.unique && !column.index {
        made.push(Constraint::new("unique", None, vec![column.name.clone()]));
    }
    if let ColumnType::Enum {
        values,
        name,
        create_constraint: true,
        ..
    } = &column.type_
    {
        made.push(Constraint {
            values: values.clone(),
            ..Constraint::new("enum_check", name.clone(), vec![column.name.clone()])
        });
    }
    if let ColumnType::Boolean {
        create_constraint: true,
        name,
    } = &column.type_
    {
        made.push(Constraint::new(
            "bool_check",
            name.clone(),
            vec![column.name.clone()],
        ));
    }
    if let Some(fk) = &column.foreign_key {
        made.push(Constraint {
            ref_table: Some(fk.table.clone()),
            ref_schema: fk.schema.clone(),
            ref_columns: vec![fk.column.clone()],
            ondelete: fk.ondelete.clone(),
            onupdate: fk.onupdate.clone(),
            deferrable: fk.deferrable,
            initially: fk.initially.clone(),
            match_: fk.match_.clone(),
            ..Constraint::new("foreign_key", fk.name.clone(), vec![column.name.clone()])
        });
    }
    made
}

/// SQLAlchemy's `Table._autoincrement_column`: the one integer column of a
/// single-column primary key, in no foreign key (its own or the table's) and
/// not marked `autoincrement: false`.
fn autoincrement_column(
    columns: &[Column],
    key_columns: &[String],
    constraints: &[Constraint],
) -> Option<String> {
    let [key] = key_columns else { return None };
    let column = columns.iter().find(|c| &c.name == key)?;
    let integer = matches!(
        column.type_,
        ColumnType::Integer | ColumnType::SmallInteger | ColumnType::BigInteger
    );
    let in_foreign_key = constraints
        .iter()
        .any(|c| c.kind == "foreign_key" && c.columns.contains(key));
    let eligible = integer
        && column.foreign_key.is_none()
        && column.computed.is_none()
        && !in_foreign_key
        && column.autoincrement != Some(false);
    eligible.then(|| column.name.clone())
}
