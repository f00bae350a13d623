//! The engine's index methods (`index_methods` in dialect.yaml): an index
//! that its method cannot build (unique, several columns, INCLUDE columns)
//! or a column whose type has no operator class for the method, in an index,
//! a key or after a type change, is refused at compile time. Proven on
//! PostgreSQL 15 by tests/it/engines/ddl_refusals.rs.

use super::error::Problem;
use super::state::{describe_constraint, qualified, Table};
use super::EngineRules;
use crate::revision::{IndexColumn, IndexDef, TableConstraint};
use crate::types::ColumnType;

impl EngineRules {
    /// Refuses a new `index` of `table` its method cannot build.
    pub fn check_index_method(&self, table: &Table, index: &IndexDef) -> Result<(), Problem> {
        let Some((method, can)) = self.index_methods.method(index.postgresql_using.as_deref())
        else {
            return Ok(());
        };
        let lacks = if index.unique && !can.unique {
            Some("the index's access method does not support unique indexes")
        } else if index.columns.len() > 1 && !can.multicolumn {
            Some("the index's access method does not support multicolumn indexes")
        } else if !index.postgresql_include.is_empty() && !can.include {
            Some("the index's access method does not support included columns")
        } else {
            None
        };
        if let Some(rule) = lacks {
            return Err(self.refusal(
                format!("index `{}` uses access method {method}", index.name),
                rule,
                "leave out postgresql_using (btree, the default, supports unique, multicolumn and INCLUDE), or leave out what the method lacks",
            ));
        }
        let names = index.columns.iter().filter_map(|c| match c {
            IndexColumn::Name(name) => Some(name.as_str()),
            _ => None,
        });
        self.check_operator_classes(table, names, &method, &format!("index `{}`", index.name))
    }

    /// Refuses a new primary key or unique `constraint` of `table` (an index
    /// of the default method) on a column whose type has no operator class
    /// for that method.
    pub fn check_key_operator_classes(
        &self,
        table: &Table,
        constraint: &TableConstraint,
    ) -> Result<(), Problem> {
        let columns = match constraint {
            TableConstraint::PrimaryKey(pk) => &pk.columns,
            TableConstraint::Unique(unique) => &unique.columns,
            _ => return Ok(()),
        };
        let Some((method, _)) = self.index_methods.method(None) else {
            return Ok(());
        };
        let names = columns.iter().map(String::as_str);
        self.check_operator_classes(table, names, &method, &describe_constraint(constraint))
    }

    /// Refuses changing `column` of `table` to `new_type` where an index or
    /// key of the table has the column and its method has no operator class
    /// for the new type (the engine rebuilds the index and fails).
    pub fn check_indexed_column_type(
        &self,
        table: &Table,
        column: &str,
        new_type: &ColumnType,
    ) -> Result<(), Problem> {
        let mut changed = table.clone();
        if let Some(slot) = changed.column_mut(column) {
            slot.type_ = new_type.clone();
        }
        let has_column = |names: &[IndexColumn]| {
            names
                .iter()
                .any(|c| matches!(c, IndexColumn::Name(name) if name == column))
        };
        for index in changed.indexes.iter().filter(|i| has_column(&i.columns)) {
            self.check_index_method(&changed, index)?;
        }
        for constraint in &changed.constraints {
            self.check_key_operator_classes(&changed, constraint)?;
        }
        Ok(())
    }

    fn check_operator_classes<'a>(
        &self,
        table: &Table,
        columns: impl Iterator<Item = &'a str>,
        method: &str,
        what: &str,
    ) -> Result<(), Problem> {
        let Some((_, can)) = self.index_methods.method(Some(method)) else {
            return Ok(());
        };
        for column in columns.filter_map(|name| table.column(name)) {
            let Some(kind) = self.kind(&column.type_) else {
                continue;
            };
            if can.operator_classes.contains(&kind) {
                continue;
            }
            return Err(self.refusal(
                format!(
                    "{what} of table `{}` has column `{}` of type {kind}, which has no operator class for access method {method}",
                    qualified(&table.schema, &table.name),
                    column.name
                ),
                "a column's type needs a default operator class for the index's access method",
                match kind.as_str() {
                    "JSON" => "make the column postgresql.JSONB (it has btree, hash and gin operator classes), or leave it out of the index or key",
                    _ => "leave the column out of the index or key, or choose an access method with an operator class for its type",
                },
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::{Schema, SchemaError};

    const TABLE: &str = r#"
- create_table:
    name: t
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: a, type: Integer}
      - {name: b, type: Text}
      - {name: j, type: JSON}
"#;

    fn on(dialect: &str, more: &str) -> Result<Schema, SchemaError> {
        crate::test_fixtures::replayed_on(dialect, &format!("{TABLE}{more}"))
    }

    /// MariaDB is left out: its own rules on keys over TEXT and JSON
    /// columns are not these.
    fn refused_on_postgresql_only(more: &str, rule: &str) {
        let refused = on("postgresql", more).expect_err("PostgreSQL refuses it");
        assert!(refused.to_string().contains(rule), "{refused}");
        on("sqlite", more).expect("SQLite takes it");
    }

    #[test]
    fn what_a_hash_index_cannot_be() {
        let hash = |more: &str| {
            format!("- create_index: {{name: ix, table: t, postgresql_using: hash, {more}}}\n")
        };
        refused_on_postgresql_only(&hash("columns: [a], unique: true"), "unique indexes");
        refused_on_postgresql_only(&hash("columns: [a, id]"), "multicolumn indexes");
        refused_on_postgresql_only(
            &hash("columns: [a], postgresql_include: [b]"),
            "included columns",
        );
        on("postgresql", &hash("columns: [a]")).expect("one column");
        on(
            "postgresql",
            "- create_index: {name: ix, table: t, columns: [a, b], unique: true, postgresql_include: [id]}\n",
        )
        .expect("btree does it all");
    }

    #[test]
    fn a_json_column_in_a_btree_index_or_key() {
        let rule = "operator class";
        refused_on_postgresql_only("- create_index: {name: ix, table: t, columns: [j]}\n", rule);
        refused_on_postgresql_only(
            "- create_unique_constraint: {name: uq, table: t, columns: [a, j]}\n",
            rule,
        );
        refused_on_postgresql_only(
            "- add_column: {table: t, column: {name: k, type: JSON, index: true}}\n",
            rule,
        );
        refused_on_postgresql_only(
            "- create_index: {name: ix, table: t, columns: [a]}\n\
             - alter_column: {table: t, column: a, type: JSON}\n",
            rule,
        );
        on(
            "postgresql",
            "- create_index: {name: ix, table: t, columns: [{sql: (j->>'k')}]}\n",
        )
        .expect("an expression is not judged");
        on(
            "postgresql",
            "- add_column: {table: t, column: {name: k, type: postgresql.JSONB, index: true}}\n",
        )
        .expect("jsonb has a btree operator class");
    }

    #[test]
    fn gin_has_no_operator_class_for_a_plain_column() {
        refused_on_postgresql_only(
            "- create_index: {name: ix, table: t, columns: [a], postgresql_using: gin}\n",
            "operator class",
        );
        on(
            "postgresql",
            "- create_index: {name: ix, table: t, columns: [b], postgresql_using: spgist}\n",
        )
        .expect("spgist has text_ops");
    }
}
