//! The engine's limits on indexes, checks and keys (`ddl_limits` in
//! dialect.yaml): what its DDL cannot express or refuses outright is refused
//! at compile time. Proven on the engines by tests/it/engines/ddl_refusals.rs.

use super::error::{EngineRefusal, Problem};
use super::state::{
    constraint_name, describe_constraint, qualified, sql_names_identifier, Schema, Table,
};
use super::EngineRules;
use crate::revision::{
    AlterColumn, Column, DropIndex, ForeignKeyDef, IndexColumn, Patch, TableConstraint,
};

impl EngineRules {
    /// Refuses an index on an expression where the engine has none.
    pub fn check_index_columns(&self, name: &str, columns: &[IndexColumn]) -> Result<(), Problem> {
        let expression = columns
            .iter()
            .any(|c| matches!(c, IndexColumn::Expression { .. }));
        if !self.ddl_limits.no_expression_indexes || !expression {
            return Ok(());
        }
        Err(self.refusal(
            format!("index `{name}` is on an expression"),
            "the engine has no index on an expression",
            "add a generated column holding the expression (an `execute`) and index that column",
        ))
    }

    /// Refuses `table` with `new` added (a check or a foreign key) where a
    /// check names a column the engine keeps out of checks: an
    /// AUTO_INCREMENT column, or one a foreign key's action writes.
    pub fn check_checked_columns(
        &self,
        table: &Table,
        new: &TableConstraint,
    ) -> Result<(), Problem> {
        let limits = &self.ddl_limits;
        if !limits.no_checks_on_auto_increment && !limits.no_checks_on_columns_foreign_keys_write {
            return Ok(());
        }
        let constraints = || table.constraints.iter().chain(std::iter::once(new));
        let checks = constraints().filter_map(|c| match c {
            TableConstraint::Check(check) => Some((c, check)),
            _ => None,
        });
        for (check, def) in checks {
            let names = |column: &str| sql_names_identifier(&def.condition, column);
            if limits.no_checks_on_auto_increment {
                if let Some(column) = table.counted_column.as_deref().filter(|c| names(c)) {
                    return Err(self.refusal(
                        format!(
                            "{} names the AUTO_INCREMENT column `{column}`",
                            describe_constraint(check)
                        ),
                        "a check cannot name an AUTO_INCREMENT column",
                        "check another column, or make the column a plain one",
                    ));
                }
            }
            if !limits.no_checks_on_columns_foreign_keys_write {
                continue;
            }
            let writer = constraints().find_map(|c| match c {
                TableConstraint::ForeignKey(fk) => fk
                    .columns
                    .iter()
                    .find(|column| writes_column(fk) && names(column))
                    .map(|column| (c, column)),
                _ => None,
            });
            if let Some((fk, column)) = writer {
                return Err(self.refusal(
                    format!(
                        "{} names column `{column}`, which {} writes (its ondelete/onupdate action)",
                        describe_constraint(check),
                        describe_constraint(fk)
                    ),
                    "a check cannot name a column a foreign key's referential action writes",
                    "drop the check, or give the foreign key an action that does not write the column (RESTRICT, NO ACTION, ondelete CASCADE)",
                ));
            }
        }
        Ok(())
    }

    /// Refuses dropping the primary key of `table` that is the only key
    /// its AUTO_INCREMENT column leads, where the engine needs one.
    pub fn check_primary_key_drop(&self, table: &Table) -> Result<(), Problem> {
        if !self.ddl_limits.auto_increment_needs_key {
            return Ok(());
        }
        let Some(column) = table.counted_column.as_deref() else {
            return Ok(());
        };
        let key = [column.to_owned()];
        let mut others = table.clone();
        others
            .constraints
            .retain(|c| !matches!(c, TableConstraint::PrimaryKey(_)));
        let in_primary_key = table
            .primary_key()
            .is_some_and(|pk| pk.columns.first() == Some(&key[0]));
        if !in_primary_key || super::fk_indexes::any_index_leads(&others, &key) {
            return Ok(());
        }
        Err(self.refusal(
            format!(
                "the primary key of table `{}` is the only key of its AUTO_INCREMENT column `{column}`",
                qualified(&table.schema, &table.name)
            ),
            "an AUTO_INCREMENT column must lead a key",
            "create an index on the column first, or make it a plain column",
        ))
    }

    /// Refuses making `column` of `table` AUTO_INCREMENT (`alter_column`'s
    /// `autoincrement: true`) where the engine needs it to lead a key and
    /// allows one such column per table.
    pub fn check_auto_increment_target(&self, table: &Table, column: &str) -> Result<(), Problem> {
        if !self.ddl_limits.auto_increment_needs_key {
            return Ok(());
        }
        let what = || {
            format!(
                "alter_column makes column `{column}` of table `{}` AUTO_INCREMENT",
                qualified(&table.schema, &table.name)
            )
        };
        if table.counted_column.as_deref().is_some_and(|c| c != column) {
            return Err(self.refusal(
                what(),
                "a table has one AUTO_INCREMENT column",
                "make the table's AUTO_INCREMENT column a plain one first (`autoincrement: false`)",
            ));
        }
        if !super::fk_indexes::any_index_leads(table, &[column.to_owned()]) {
            return Err(self.refusal(
                what(),
                "an AUTO_INCREMENT column must lead a key",
                "create the primary key, a unique constraint or an index on the column first",
            ));
        }
        Ok(())
    }

    /// Refuses a new foreign key `fk` of `table` named like a foreign key
    /// of another table of its schema, where those names are one namespace.
    pub fn check_foreign_key_name(
        &self,
        schema: &Schema,
        table: &Table,
        fk: &ForeignKeyDef,
    ) -> Result<(), Problem> {
        let Some(name) = fk.name.as_deref() else {
            return Ok(());
        };
        if !self.ddl_limits.foreign_key_names_per_schema {
            return Ok(());
        }
        let holder = schema
            .namespace(&table.schema)
            .into_iter()
            .flat_map(|ns| ns.tables.values())
            .filter(|other| other.name != table.name)
            .find(|other| {
                other.constraints.iter().any(|c| {
                    matches!(c, TableConstraint::ForeignKey(_)) && constraint_name(c) == Some(name)
                })
            });
        let Some(holder) = holder else {
            return Ok(());
        };
        Err(self.refusal(
            format!(
                "the name `{name}` is taken by a foreign key of table `{}`",
                qualified(&holder.schema, &holder.name)
            ),
            "foreign key names are one namespace per schema",
            "choose another name",
        ))
    }

    /// Refuses dropping `column`, the last column of `table`, where the
    /// engine keeps every table at one column at least.
    pub fn check_last_column(&self, table: &str, column: &str) -> Result<(), Problem> {
        if !self.ddl_limits.no_tables_without_columns {
            return Ok(());
        }
        Err(self.refusal(
            format!("column `{column}` is the last column of table `{table}`"),
            "a table keeps at least one column",
            "drop the table instead (drop_table), or add its new columns before this drop",
        ))
    }

    /// Refuses renaming `column` of `table` to its own name, where the
    /// engine does.
    pub fn check_column_rename(
        &self,
        table: &Table,
        column: &str,
        new_name: &str,
    ) -> Result<(), Problem> {
        if !self.ddl_limits.no_column_rename_to_its_own_name || column != new_name {
            return Ok(());
        }
        Err(self.refusal(
            format!(
                "column `{column}` of table `{}` is renamed to its own name",
                qualified(&table.schema, &table.name)
            ),
            "a column cannot be renamed to the name it has",
            "leave out `new_name`",
        ))
    }

    /// Refuses changing the counted column (SERIAL or identity) of `table`
    /// to `new_type` where the engine refuses it: a SERIAL's `nextval()`
    /// default does not cast to the type, or an identity must stay integer.
    pub fn check_counted_column_type(
        &self,
        table: &Table,
        column: &str,
        new_type: &crate::types::ColumnType,
    ) -> Result<(), Problem> {
        if table.counted_column.as_deref() != Some(column) {
            return Ok(());
        }
        let Some(counted) = table.column(column) else {
            return Ok(());
        };
        let (kinds, rule) = if counted.identity.is_some() {
            (
                &self.ddl_limits.identity_column_types,
                "an identity column keeps an integer type",
            )
        } else {
            (
                &self.ddl_limits.serial_column_types,
                "a SERIAL column's default, nextval() of its sequence, must cast to the new type",
            )
        };
        let Some(kind) = self.kind(new_type) else {
            return Ok(());
        };
        if kinds.is_empty() || kinds.contains(&kind) {
            return Ok(());
        }
        Err(self.refusal(
            format!(
                "column `{column}` of table `{}` counts rows (autoincrement) and changes to type {kind}",
                qualified(&table.schema, &table.name)
            ),
            rule,
            "keep the column an integer, or add a new column of the new type (add_column), fill it (execute) and drop this one",
        ))
    }

    /// Refuses an `if_exists` drop of an index the model does not have, of
    /// a table it does not have either, where the engine's `DROP INDEX IF
    /// EXISTS ... ON t` still needs the table.
    pub fn check_absent_index_drop(&self, schema: &Schema, op: &DropIndex) -> Result<(), Problem> {
        if !self.ddl_limits.drop_index_if_exists_needs_its_table {
            return Ok(());
        }
        let Some(table) = op.table.as_deref() else {
            return Ok(());
        };
        if schema.table(&op.schema, table).is_some() {
            return Ok(());
        }
        Err(self.refusal(
            format!(
                "`drop_index` with `if_exists` of index `{}` names table `{}`, which does not exist here",
                op.name,
                qualified(&op.schema, table)
            ),
            "DROP INDEX IF EXISTS ... ON t still needs table t",
            "name the table the index is on now (after a rename_table, its new name), or leave the op out",
        ))
    }

    /// Refuses an `alter_column` of the AUTO_INCREMENT column `before` that
    /// the engine's rewrite of the column (MODIFY/CHANGE, which says
    /// AUTO_INCREMENT again) refuses: a type that cannot count, or a server
    /// default beside AUTO_INCREMENT.
    pub fn check_auto_increment_change(
        &self,
        op: &AlterColumn,
        before: &Column,
    ) -> Result<(), Problem> {
        let limits = &self.ddl_limits;
        let new_type = op.type_.as_ref().filter(|t| **t != before.type_);
        if let Some(new_type) = new_type.filter(|_| !limits.auto_increment_kinds.is_empty()) {
            let counts = self
                .kind(new_type)
                .is_none_or(|kind| limits.auto_increment_kinds.contains(&kind));
            if !counts {
                return Err(self.refusal(
                    format!(
                        "the AUTO_INCREMENT column `{}` changes type to {}",
                        op.column,
                        super::describe::type_text(new_type)
                    ),
                    "an AUTO_INCREMENT column needs an integer or floating-point type",
                    "add a column of the new type and drop this one, or re-create the table",
                ));
            }
        }
        let default = match &op.server_default {
            Patch::Keep => before.server_default.is_some(),
            Patch::Remove => false,
            Patch::Set(_) => true,
        };
        let rewritten = op.new_name.is_some()
            || op.nullable.is_some()
            || op.type_.is_some()
            || !matches!(op.comment, Patch::Keep);
        if limits.auto_increment_takes_no_default && default && rewritten {
            return Err(self.refusal(
                format!(
                    "`alter_column` rewrites the AUTO_INCREMENT column `{}` with a server default",
                    op.column
                ),
                "an AUTO_INCREMENT column's definition takes no DEFAULT",
                "set or drop the server default in an alter_column of its own (server_default: null drops it), and the rest in another",
            ));
        }
        Ok(())
    }

    pub(super) fn refusal(&self, what: String, rule: &'static str, fix: &'static str) -> Problem {
        Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what,
            rule,
            fix,
        }))
    }
}

/// Whether a referential action of `fk` writes its columns.
fn writes_column(fk: &ForeignKeyDef) -> bool {
    let is = |action: &Option<String>, writing: &[&str]| {
        action
            .as_deref()
            .is_some_and(|a| writing.iter().any(|w| a.eq_ignore_ascii_case(w)))
    };
    is(&fk.onupdate, &["CASCADE", "SET NULL", "SET DEFAULT"])
        || is(&fk.ondelete, &["SET NULL", "SET DEFAULT"])
}

#[cfg(test)]
mod tests {
    use crate::schema::{Schema, SchemaError};

    const TABLES: &str = r#"
- create_table:
    name: parent
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: code, type: Integer}
"#;

    fn on(dialect: &str, more: &str) -> Result<Schema, SchemaError> {
        crate::test_fixtures::replayed_on(dialect, &format!("{TABLES}{more}"))
    }

    fn refused_on_mysql_only(more: &str, rule: &str) {
        let refused = on("mysql", more).expect_err("MariaDB refuses it");
        assert!(refused.to_string().contains(rule), "{refused}");
        on("postgresql", more).expect("PostgreSQL takes it");
        on("sqlite", more).expect("SQLite takes it");
    }

    #[test]
    fn an_expression_index() {
        refused_on_mysql_only(
            "- create_index: {name: ix_abs, table: parent, columns: [{sql: abs(code)}]}\n",
            "no index on an expression",
        );
    }

    #[test]
    fn a_check_on_the_auto_increment_column() {
        refused_on_mysql_only(
            "- create_check_constraint: {name: ck_id, table: parent, condition: id > 0}\n",
            "AUTO_INCREMENT column",
        );
        on(
            "mysql",
            "- create_check_constraint: {name: ck_code, table: parent, condition: code > 0}\n",
        )
        .expect("another column");
    }

    #[test]
    fn a_check_on_a_column_a_foreign_key_writes_either_order() {
        let child = |action: &str| {
            format!(
                "- create_table:\n    name: child\n    columns:\n      \
                 - {{name: id, type: Integer, primary_key: true, autoincrement: false}}\n      \
                 - {{name: p, type: Integer, foreign_key: {{table: parent, column: id, {action}}}}}\n"
            )
        };
        let check = "- create_check_constraint: {name: ck_p, table: child, condition: p > 0}\n";
        refused_on_mysql_only(
            &format!("{}{check}", child("ondelete: SET NULL")),
            "referential action writes",
        );
        refused_on_mysql_only(
            &format!("{}{check}", child("onupdate: CASCADE")),
            "referential action writes",
        );
        on("mysql", &format!("{}{check}", child("ondelete: CASCADE")))
            .expect("deleting writes nothing");
        let check_first = "- create_table:\n    name: child\n    columns:\n      \
             - {name: id, type: Integer, primary_key: true, autoincrement: false}\n      \
             - {name: p, type: Integer}\n    constraints:\n      \
             - check: {name: ck_p, condition: p > 0}\n\
             - create_foreign_key: {name: fk_p, source_table: child, referent_table: parent, \
             local_cols: [p], remote_cols: [id], ondelete: SET NULL}\n";
        refused_on_mysql_only(check_first, "referential action writes");
    }

    #[test]
    fn dropping_the_only_key_of_an_auto_increment_column() {
        let drop = "- drop_constraint: {name: null, table: parent, type: primary}\n";
        refused_on_mysql_only(drop, "must lead a key");
        let indexed =
            format!("- create_index: {{name: ix_id, table: parent, columns: [id]}}\n{drop}");
        on("mysql", &indexed).expect("another key leads with the column");
    }

    #[test]
    fn a_column_renamed_to_its_own_name_on_postgresql_only() {
        let rename = "- alter_column: {table: parent, column: code, new_name: code}\n";
        let refused = on("postgresql", rename).expect_err("PostgreSQL refuses it");
        assert!(
            refused.to_string().contains("renamed to its own name")
                && refused.to_string().contains("leave out `new_name`"),
            "{refused}"
        );
        on("mysql", rename).expect("MariaDB's CHANGE takes it");
        on("sqlite", rename).expect("SQLite takes it");
        on(
            "postgresql",
            "- alter_column: {table: parent, column: code, new_name: code2}\n",
        )
        .expect("another name");
    }

    #[test]
    fn a_counted_column_changes_type_as_postgresql_casts_its_default() {
        let to = |t: &str| format!("- alter_column: {{table: parent, column: id, type: {t}}}\n");
        let refused = on("postgresql", &to("Date")).expect_err("nextval() is no date");
        assert!(refused.to_string().contains("SERIAL"), "{refused}");
        on("postgresql", &to("String(20)")).expect("nextval() casts to text");
        on("postgresql", &to("BigInteger")).expect("and to bigint");
        on("sqlite", &to("Date")).expect("SQLite rebuilds the table");
        let identity = "- create_table: {name: counted, columns: [{name: id, type: Integer, primary_key: true, identity: {start: 1}}]}\n\
             - alter_column: {table: counted, column: id, type: String(20)}\n";
        let refused = on("postgresql", identity).expect_err("an identity stays integer");
        assert!(refused.to_string().contains("identity"), "{refused}");
    }

    #[test]
    fn foreign_key_names_are_per_schema_on_mysql() {
        let child = |table: &str| {
            format!(
                "- create_table:\n    name: {table}\n    columns:\n      \
                 - {{name: p, type: Integer, foreign_key: {{table: parent, column: id, name: fk_p}}}}\n"
            )
        };
        refused_on_mysql_only(
            &format!("{}{}", child("a"), child("b")),
            "one namespace per schema",
        );
    }
    #[test]
    fn an_if_exists_index_drop_on_a_table_that_is_gone() {
        let gone = "- rename_table: {old: parent, new: parent2}\n\
                    - drop_index: {name: ix_code, table: parent, if_exists: true}\n";
        refused_on_mysql_only(gone, "still needs table t");
        on(
            "mysql",
            "- drop_index: {name: ix_code, table: parent, if_exists: true}\n",
        )
        .expect("the table is there");
    }
    #[test]
    fn an_auto_increment_column_keeps_a_counting_type_and_no_default() {
        let numeric = "- alter_column: {table: parent, column: id, type: \"Numeric(10, 2)\"}\n";
        refused_on_mysql_only(numeric, "needs an integer or floating-point type");
        on(
            "mysql",
            "- alter_column: {table: parent, column: id, type: Float}\n",
        )
        .expect("a float counts");
        let rewritten =
            "- alter_column: {table: parent, column: id, comment: c, server_default: '1'}\n";
        refused_on_mysql_only(rewritten, "takes no DEFAULT");
        on(
            "mysql",
            "- alter_column: {table: parent, column: id, server_default: '1'}\n",
        )
        .expect("SET DEFAULT alone: the engine takes it");
        let plain =
            "- alter_column: {table: parent, column: code, comment: c, server_default: '1'}\n";
        on("mysql", plain).expect("not an AUTO_INCREMENT column");
        let defaulted = "- create_table:\n    name: d\n    columns:\n      \
             - {name: id, type: Integer, primary_key: true, server_default: '1'}\n\
             - alter_column: {table: d, column: id, comment: c}\n";
        on("mysql", defaulted).expect("created with a default: not AUTO_INCREMENT");
    }
}
