//! The types of the columns a foreign key pairs, as the engine checks them
//! (`key_columns_keep_their_type` and `matching_types` of `foreign_keys` in
//! dialect.yaml): when the key is created and when a type change would make
//! them differ. Proven on the engines by tests/it/engines/ddl_refusals.rs.

use super::error::{EngineRefusal, Problem};
use super::state::{describe_constraint, qualified, Schema, Table};
use super::EngineRules;
use crate::revision::{ForeignKeyDef, TableConstraint};
use crate::types::ColumnType;

impl EngineRules {
    /// Refuses a new foreign key `fk` of `table` whose columns' types do not
    /// pair with those of the columns it references in `target`.
    pub fn check_foreign_key_types(
        &self,
        fk: &ForeignKeyDef,
        table: &Table,
        target: &Table,
    ) -> Result<(), Problem> {
        for (local, referenced) in fk.columns.iter().zip(&fk.ref_columns) {
            let (Some(local), Some(referenced)) = (table.column(local), target.column(referenced))
            else {
                continue;
            };
            if !self.types_pair(&local.type_, &referenced.type_) {
                return Err(self.mismatch(format!(
                    "{} pairs column `{}` with column `{}` of table `{}`",
                    describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                    local.name,
                    referenced.name,
                    qualified(&target.schema, &target.name)
                )));
            }
        }
        Ok(())
    }

    /// Refuses changing the type of `column` of `table` to `new_type` where
    /// a foreign key uses the column (on either side) and the engine refuses
    /// that change.
    pub fn check_key_column_type(
        &self,
        schema: &Schema,
        table: &Table,
        column: &str,
        new_type: &ColumnType,
    ) -> Result<(), Problem> {
        let checks = self.foreign_keys.key_columns_keep_their_type
            || !self.foreign_keys.matching_types.is_empty();
        if !checks {
            return Ok(());
        }
        // (the foreign key, its table, the local column's type, the referenced one's)
        let mut pairs: Vec<(&ForeignKeyDef, &Table, ColumnType, ColumnType)> = Vec::new();
        for constraint in &table.constraints {
            let TableConstraint::ForeignKey(fk) = constraint else {
                continue;
            };
            let Some(position) = fk.columns.iter().position(|c| c == column) else {
                continue;
            };
            let target = schema.table(&fk.ref_schema, &fk.ref_table).unwrap_or(table);
            if let Some(referenced) = target.column(&fk.ref_columns[position]) {
                pairs.push((fk, table, new_type.clone(), referenced.type_.clone()));
            }
        }
        for (owner, fk) in schema.references_to(&table.schema, &table.name) {
            let Some(position) = fk.ref_columns.iter().position(|c| c == column) else {
                continue;
            };
            if let Some(local) = owner.column(&fk.columns[position]) {
                pairs.push((fk, owner, local.type_.clone(), new_type.clone()));
            }
        }
        for (fk, owner, local, referenced) in pairs {
            let what = format!(
                "column `{column}` of table `{}` changes type, and {} of table `{}` uses it",
                qualified(&table.schema, &table.name),
                describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                qualified(&owner.schema, &owner.name)
            );
            if self.foreign_keys.key_columns_keep_their_type {
                return Err(Problem::EngineRefuses(Box::new(EngineRefusal {
                    dialect: self.dialect.clone(),
                    what,
                    rule: "a column a foreign key uses cannot change its type",
                    fix: "drop the foreign key first, change the type of the columns on both sides, and create it again",
                })));
            }
            if !self.types_pair(&local, &referenced) {
                return Err(self.mismatch(what));
            }
        }
        Ok(())
    }

    /// Whether the engine takes a foreign key column of type `local` for a
    /// referenced column of type `referenced` (a kind the facts do not know,
    /// a raw or dialect type, is taken: the model cannot tell).
    fn types_pair(&self, local: &ColumnType, referenced: &ColumnType) -> bool {
        let rules = &self.foreign_keys.matching_types;
        if rules.is_empty() {
            return true;
        }
        match (self.kind(local), self.kind(referenced)) {
            (Some(local), Some(referenced)) => {
                rules.iter().any(|pair| pair.covers(&local, &referenced))
            }
            _ => true,
        }
    }

    /// The generic kind of `column_type` on this dialect (`Integer`,
    /// `String`...), or `None` for a dialect type or raw SQL that is not a
    /// standard type name (`{sql: TEXT}` is a Text, `{sql: int4}` unknown).
    pub(super) fn kind(&self, column_type: &ColumnType) -> Option<String> {
        let mut resolved = column_type.for_dialect(&self.dialect)?.generic_kin();
        if let ColumnType::Sql { sql } = &resolved {
            resolved = ColumnType::parse(sql.trim()).ok()?.generic_kin();
        }
        if let ColumnType::Enum {
            native_enum: false, ..
        } = resolved
        {
            return Some("String".to_owned());
        }
        let value = serde_json::to_value(&resolved).ok()?;
        let kind = value.get("kind")?.as_str()?;
        crate::types::TYPE_NAMES
            .contains(&kind)
            .then(|| kind.to_owned())
    }

    fn mismatch(&self, what: String) -> Problem {
        Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what,
            rule: "a foreign key's columns need types comparable with the columns they reference",
            fix: "give both columns comparable types (change the other side too, with the foreign key dropped meanwhile)",
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::{Schema, SchemaError};

    const TABLES: &str = r#"
- create_table:
    name: parent
    columns:
      - {name: id, type: Integer, primary_key: true}
- create_table:
    name: child
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: parent_id, type: Integer, foreign_key: {table: parent, column: id}}
"#;

    fn on(dialect: &str, more: &str) -> Result<Schema, SchemaError> {
        crate::test_fixtures::replayed_on(dialect, &format!("{TABLES}{more}"))
    }

    #[test]
    fn a_key_column_keeps_its_type_on_mariadb() {
        let widened = "- alter_column: {table: parent, column: id, type: BigInteger}\n";
        let refused = on("mysql", widened).expect_err("MariaDB: the referenced side");
        assert!(
            refused.to_string().contains("cannot change its type"),
            "{refused}"
        );
        let local = "- alter_column: {table: child, column: parent_id, type: BigInteger}\n";
        on("mysql", local).expect_err("MariaDB: the local side");
        on("postgresql", widened).expect("PostgreSQL compares integers of any size");
        on("postgresql", local).expect("either side");
        on("sqlite", local).expect("SQLite checks nothing");
        let same_type =
            "- alter_column: {table: child, column: parent_id, type: Integer, nullable: false}\n";
        on("mysql", same_type).expect("the same type is no change");
    }

    #[test]
    fn key_column_types_must_compare_on_postgresql() {
        let to_text = "- alter_column: {table: child, column: parent_id, type: String(20)}\n";
        let refused = on("postgresql", to_text).expect_err("text against integer");
        assert!(
            refused.to_string().contains("types comparable"),
            "{refused}"
        );
        let mismatched = "- create_table:\n    name: other\n    columns:\n      \
             - {name: code, type: Numeric, foreign_key: {table: parent, column: id}}\n";
        on("postgresql", mismatched).expect_err("numeric against integer");
        on("mysql", mismatched).expect_err("MariaDB: another type");
        let widening = "- create_table:\n    name: other\n    columns:\n      \
             - {name: code, type: SmallInteger, foreign_key: {table: parent, column: id}}\n";
        on("postgresql", widening).expect("smallint against integer");
        on("mysql", widening).expect_err("MariaDB: the same integer type only");
        let raw = "- alter_column: {table: child, column: parent_id, type: {sql: INT8}}\n";
        on("postgresql", raw).expect("a raw type is not judged");
    }
}
