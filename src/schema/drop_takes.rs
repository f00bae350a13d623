//! What an engine's `ALTER TABLE ... DROP COLUMN` does to the indexes and
//! constraints of the table that use the column, as data: each dialect's
//! `drop_column_takes:` in `dialect.yaml` says it, and this module
//! interprets it, with no knowledge of any particular engine. A kind the
//! data does not name is one the engine refuses to drop the column under.

use super::state::{
    constraint_columns, constraint_kind, describe_constraint, sql_names_identifier, Table,
};
use crate::revision::{ConstraintKind, IndexColumn, IndexDef, TableConstraint};
use serde::{Deserialize, Serialize};

/// `drop_column_takes:` in `dialect.yaml`: what a dropped column does to
/// each kind of index or constraint that uses it. A dialect without it
/// refuses the drop while anything uses the column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DropColumnTakes {
    /// Indexes that are not unique (`create_index`, `index: true`).
    #[serde(default)]
    pub index: Reach,
    /// The primary key.
    #[serde(default)]
    pub primary: Reach,
    /// Unique constraints and unique indexes (a unique key either way).
    #[serde(default)]
    pub unique: Reach,
    /// Foreign keys of the table whose columns include it.
    #[serde(default)]
    pub foreignkey: Reach,
    /// Check constraints whose condition names it.
    #[serde(default)]
    pub check: Reach,
}

/// What happens to one kind of user when the column is all it uses
/// (`alone`) or one of several (`with_others`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reach {
    /// The column is the only one it uses.
    #[serde(default)]
    pub alone: Effect,
    /// It uses other columns too.
    #[serde(default)]
    pub with_others: Effect,
}

/// What the engine does to an index or constraint using a dropped column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// The engine refuses the drop.
    #[default]
    Refuse,
    /// The index or constraint goes with the column.
    Drop,
    /// It stays, without the column (MariaDB's multi-column indexes).
    Shrink,
}

/// What a drop of a column did to its table, worded for messages and notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fallout {
    /// What went with the column: "index `ix_a`", "check constraint `ck`".
    pub dropped: Vec<String>,
    /// What lost the column and stayed.
    pub shrunk: Vec<String>,
    /// What the engine refuses to drop the column under.
    pub refused: Vec<String>,
}

impl Fallout {
    /// Everything the drop changes besides the column, dropped first.
    pub fn taken(&self) -> Vec<String> {
        let shrunk = self
            .shrunk
            .iter()
            .map(|s| format!("{s} (which stays without the column)"));
        self.dropped.iter().cloned().chain(shrunk).collect()
    }
}

/// Applies to `table` what `takes` says dropping `column` does to its
/// indexes and constraints (the column itself stays: the caller drops it).
/// With anything refused, `table` is left as it was and the fallout lists it.
pub fn drop_column_from(table: &mut Table, column: &str, takes: &DropColumnTakes) -> Fallout {
    let mut fallout = Fallout::default();
    let mut changed = table.clone();
    changed.indexes = take_from_indexes(&table.indexes, column, takes, &mut fallout);
    changed.constraints = take_from_constraints(table, column, takes, &mut fallout);
    if fallout.refused.is_empty() {
        *table = changed;
    }
    fallout
}

fn take_from_indexes(
    indexes: &[IndexDef],
    column: &str,
    takes: &DropColumnTakes,
    fallout: &mut Fallout,
) -> Vec<IndexDef> {
    let mut kept = Vec::new();
    for index in indexes {
        let named = |c: &IndexColumn| matches!(c, IndexColumn::Name(n) if n == column);
        let in_sql = |sql: &str| sql_names_identifier(sql, column);
        let in_text = index.columns.iter().any(|c| match c {
            IndexColumn::Expression { sql } => in_sql(sql),
            IndexColumn::Name(_) => false,
        }) || index.where_.as_deref().is_some_and(in_sql);
        if !in_text && !index.columns.iter().any(named) {
            kept.push(index.clone());
            continue;
        }
        let alone = !in_text && index.columns.iter().all(named);
        let what = format!("index `{}`", index.name);
        let reach = if index.unique {
            &takes.unique
        } else {
            &takes.index
        };
        match effect(reach, alone) {
            Effect::Drop => fallout.dropped.push(what),
            // An expression or predicate naming the column cannot lose it.
            Effect::Shrink if !in_text => {
                let mut shrunk = index.clone();
                shrunk.columns.retain(|c| !named(c));
                kept.push(shrunk);
                fallout.shrunk.push(what);
            }
            Effect::Shrink | Effect::Refuse => fallout.refused.push(what),
        }
    }
    kept
}

fn take_from_constraints(
    table: &Table,
    column: &str,
    takes: &DropColumnTakes,
    fallout: &mut Fallout,
) -> Vec<TableConstraint> {
    let mut kept = Vec::new();
    for constraint in &table.constraints {
        let Some(alone) = uses_alone(table, constraint, column) else {
            kept.push(constraint.clone());
            continue;
        };
        let what = describe_constraint(constraint);
        match effect(reach_of(takes, constraint_kind(constraint)), alone) {
            Effect::Drop => fallout.dropped.push(what),
            Effect::Shrink => match without_column(constraint, column) {
                Some(shrunk) => {
                    kept.push(shrunk);
                    fallout.shrunk.push(what);
                }
                None => fallout.refused.push(what),
            },
            Effect::Refuse => fallout.refused.push(what),
        }
    }
    kept
}

/// Whether `constraint` uses `column`, and if so whether it is the only
/// column it uses; `None` when it does not use it.
fn uses_alone(table: &Table, constraint: &TableConstraint, column: &str) -> Option<bool> {
    match constraint {
        TableConstraint::Check(check) => {
            let names = |name: &str| sql_names_identifier(&check.condition, name);
            if !names(column) {
                return None;
            }
            Some(
                !table
                    .columns
                    .iter()
                    .any(|c| c.name != column && names(&c.name)),
            )
        }
        other => {
            let columns = constraint_columns(other);
            columns
                .iter()
                .any(|c| c == column)
                .then(|| columns.iter().all(|c| c == column))
        }
    }
}

fn reach_of(takes: &DropColumnTakes, kind: ConstraintKind) -> &Reach {
    match kind {
        ConstraintKind::Primary => &takes.primary,
        ConstraintKind::Unique => &takes.unique,
        ConstraintKind::Foreignkey => &takes.foreignkey,
        ConstraintKind::Check => &takes.check,
    }
}

fn effect(reach: &Reach, alone: bool) -> Effect {
    if alone {
        reach.alone
    } else {
        reach.with_others
    }
}

/// A primary key or unique constraint without `column`; `None` for kinds
/// that cannot lose a column (a foreign key's columns pair with the
/// referenced ones, a check is a condition).
fn without_column(constraint: &TableConstraint, column: &str) -> Option<TableConstraint> {
    let mut shrunk = constraint.clone();
    match &mut shrunk {
        TableConstraint::PrimaryKey(pk) => pk.columns.retain(|c| c != column),
        TableConstraint::Unique(u) => u.columns.retain(|c| c != column),
        TableConstraint::ForeignKey(_) | TableConstraint::Check(_) => return None,
    }
    Some(shrunk)
}

#[cfg(test)]
mod tests {
    use crate::revision::Op;
    use crate::schema::{apply_ops, downgrade_ops, Problem, Schema};

    const TABLES: &str = r#"
- create_table:
    name: owners
    columns:
      - {name: id, type: Integer, primary_key: true}
- create_table:
    name: items
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: owner_id, type: Integer, foreign_key: {table: owners, column: id}}
      - {name: code, type: String(20)}
      - {name: size, type: Integer}
      - {name: weight, type: Integer}
    constraints:
      - check: {name: ck_size, condition: "size > 0"}
      - check: {name: ck_size_weight, condition: "size < weight"}
- create_index: {name: ix_code_size, table: items, columns: [code, size]}
- create_index: {name: ux_code_weight, table: items, columns: [code, weight], unique: true}
"#;

    fn schema_on(dialect: &str) -> Schema {
        let facts = crate::test_fixtures::facts(dialect);
        let mut schema = Schema::on(&facts);
        let tables = crate::test_fixtures::ops_in("rev.yaml", TABLES);
        apply_ops(&mut schema, &tables, None).expect("the tables replay");
        schema
    }

    fn drop(schema: &mut Schema, column: &str) -> Result<Vec<String>, Problem> {
        let yaml = format!("- drop_column: {{table: items, column: {column}}}");
        let entries = crate::test_fixtures::ops_in("rev.yaml", &yaml);
        match apply_ops(schema, &entries, None) {
            Ok(done) => match &done[0].op {
                Op::DropColumn(d) => Ok(d.takes.clone()),
                other => panic!("{other:?}"),
            },
            Err(error) => Err(error.problem),
        }
    }

    #[test]
    fn postgresql_drops_every_index_and_constraint_using_the_column() {
        let mut schema = schema_on("postgresql");
        let taken = drop(&mut schema, "size").expect("PostgreSQL drops them");
        assert_eq!(
            taken,
            [
                "index `ix_code_size`",
                "check constraint `ck_size`",
                "check constraint `ck_size_weight`"
            ]
        );
        let items = schema.table(&None, "items").expect("items");
        assert!(items.index("ix_code_size").is_none());
        assert!(items.constraint("ck_size_weight").is_none());
        let taken = drop(&mut schema, "owner_id").expect("with its foreign key");
        assert_eq!(taken, ["foreign key `items_owner_id_fkey`"]);
    }

    #[test]
    fn a_column_another_table_references_is_refused_everywhere() {
        let mut schema = schema_on("postgresql");
        let yaml = "- drop_column: {table: owners, column: id}";
        let entries = crate::test_fixtures::ops_in("rev.yaml", yaml);
        let error = apply_ops(&mut schema, &entries, None).expect_err("refused");
        assert!(
            matches!(error.problem, Problem::StillUsed { .. }),
            "{error}"
        );
    }

    #[test]
    fn mariadb_shrinks_plain_indexes_and_refuses_multi_column_checks_keys_and_foreign_keys() {
        let mut schema = schema_on("mysql");
        let refused = drop(&mut schema, "size").expect_err("a check names it with weight");
        assert!(
            refused
                .to_string()
                .contains("check constraint `ck_size_weight`")
                && refused.to_string().contains("the engine refuses"),
            "{refused}"
        );
        let refused = drop(&mut schema, "weight").expect_err("a unique key with code");
        assert!(
            refused.to_string().contains("index `ux_code_weight`"),
            "{refused}"
        );
        let refused = drop(&mut schema, "owner_id").expect_err("a foreign key uses it");
        assert!(refused.to_string().contains("foreign key"), "{refused}");
        let taken = drop(&mut schema, "code").expect_err("ux_code_weight is unique");
        assert!(taken.to_string().contains("ux_code_weight"), "{taken}");
    }

    #[test]
    fn mariadb_takes_the_column_out_of_an_index_that_is_not_unique() {
        let mut schema = schema_on("mysql");
        let yaml = "- drop_index: {name: ux_code_weight, table: items}\n\
                    - drop_constraint: {name: ck_size_weight, table: items, type: check}";
        let entries = crate::test_fixtures::ops_in("rev.yaml", yaml);
        apply_ops(&mut schema, &entries, None).expect("dropped");
        let taken = drop(&mut schema, "size").expect("MariaDB takes it");
        assert_eq!(
            taken,
            [
                "check constraint `ck_size`",
                "index `ix_code_size` (which stays without the column)"
            ]
        );
        let index = schema
            .table(&None, "items")
            .and_then(|t| t.index("ix_code_size"))
            .expect("the index stays");
        assert_eq!(index.columns.len(), 1);
    }

    #[test]
    fn a_derived_downgrade_recreates_what_went_or_names_what_only_shrank() {
        let before = schema_on("postgresql");
        let rev = crate::test_fixtures::revision(
            "r1",
            crate::test_fixtures::ops_in("rev.yaml", "- drop_column: {table: items, column: size}"),
            None,
        );
        let inverse = downgrade_ops(&rev, Some(&before)).expect("invertible");
        let names: Vec<&str> = inverse.iter().map(|e| e.op.name()).collect();
        assert_eq!(
            names,
            [
                "add_column",
                "create_index",
                "create_check_constraint",
                "create_check_constraint"
            ]
        );
        let mut before = schema_on("mysql");
        let yaml = "- drop_index: {name: ux_code_weight, table: items}\n\
                    - drop_constraint: {name: ck_size_weight, table: items, type: check}";
        let entries = crate::test_fixtures::ops_in("rev.yaml", yaml);
        apply_ops(&mut before, &entries, None).expect("dropped");
        let error = downgrade_ops(&rev, Some(&before)).expect_err("not invertible");
        assert!(
            error.to_string().contains("index `ix_code_size`"),
            "{error}"
        );
    }
}
