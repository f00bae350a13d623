//! Keys on BLOB and TEXT columns (`ddl_limits.blob_keys` in dialect.yaml):
//! MariaDB keys such a column only by a prefix it picks itself, or by a
//! hash, so some keys it refuses outright. The schema model refuses them at
//! compile time. Proven on the engine by tests/it/engines/ddl_refusals.rs.

use super::error::{EngineRefusal, Problem};
use super::state::{describe_constraint, Table};
use super::EngineRules;
use crate::revision::{IndexColumn, IndexDef, TableConstraint};
use crate::types::ColumnType;

/// A key of a table, as the limits on BLOB and TEXT columns see it.
#[derive(Debug, Clone, Copy)]
pub enum KeyRef<'a> {
    /// A primary key, unique constraint, foreign key or check.
    Constraint(&'a TableConstraint),
    /// An index.
    Index(&'a IndexDef),
}

/// The keys of `table`: its constraints, then its indexes.
pub fn keys_of(table: &Table) -> impl Iterator<Item = KeyRef<'_>> {
    let constraints = table.constraints.iter().map(KeyRef::Constraint);
    constraints.chain(table.indexes.iter().map(KeyRef::Index))
}

/// Whether a column type is a BLOB or TEXT one, and a short one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blob {
    No,
    /// TINYTEXT, TINYBLOB: 255 bytes, they fit beside other columns.
    Short,
    Long,
}

impl EngineRules {
    /// Refuses a key of `keys` (of `table`, with `retyped`'s column given
    /// its new type) that the engine cannot make on its BLOB or TEXT columns.
    pub fn check_blob_keys<'a>(
        &self,
        table: &Table,
        keys: impl IntoIterator<Item = KeyRef<'a>>,
        retyped: Option<(&str, &ColumnType)>,
    ) -> Result<(), Problem> {
        if self.ddl_limits.blob_keys.kinds.is_empty() && self.ddl_limits.blob_keys.names.is_empty()
        {
            return Ok(());
        }
        let blob = |column: &str| -> Blob {
            let column_type = match retyped {
                Some((name, new_type)) if name == column => Some(new_type),
                _ => table.column(column).map(|c| &c.type_),
            };
            column_type.map_or(Blob::No, |t| self.blob(t))
        };
        for key in keys {
            self.check_blob_key(key, &blob)?;
            self.check_hash_key(key, &blob, table.counted_column.as_deref())?;
        }
        Ok(())
    }

    /// Refuses a unique key the engine makes a HASH one (it holds a BLOB or
    /// TEXT column, or says `mysql_using: hash`) that holds the
    /// AUTO_INCREMENT column `counted` (MariaDB errors 4169 and 1901).
    fn check_hash_key(
        &self,
        key: KeyRef<'_>,
        blob: &dyn Fn(&str) -> Blob,
        counted: Option<&str>,
    ) -> Result<(), Problem> {
        let Some(counted) = counted else {
            return Ok(());
        };
        let (what, columns, hash_by_choice) = match key {
            KeyRef::Constraint(constraint @ TableConstraint::Unique(unique)) => (
                describe_constraint(constraint),
                unique.columns.clone(),
                false,
            ),
            KeyRef::Index(index) if index.unique => {
                let named = index.columns.iter().filter_map(|c| match c {
                    IndexColumn::Name(name) => Some(name.clone()),
                    IndexColumn::Expression { .. } => None,
                });
                let using = index.mysql_using.as_deref().unwrap_or("");
                let hash = using.eq_ignore_ascii_case("hash");
                if using.eq_ignore_ascii_case("btree") {
                    return Ok(());
                }
                (
                    format!("unique index `{}`", index.name),
                    named.collect(),
                    hash,
                )
            }
            _ => return Ok(()),
        };
        let names = || columns.iter().map(String::as_str);
        let hash = hash_by_choice || first_blob(names(), blob, false).is_some();
        if !hash || !names().any(|c| c == counted) {
            return Ok(());
        }
        Err(self.blob_refusal(
            format!("{what} holds the AUTO_INCREMENT column `{counted}`, and the engine makes it a HASH key"),
            "a HASH unique key (one holding a BLOB or TEXT column, or mysql_using: hash) cannot hold an AUTO_INCREMENT column",
            "leave the AUTO_INCREMENT column out of the key, or give the BLOB or TEXT column a type with a length, such as String(n)",
        ))
    }

    fn check_blob_key(&self, key: KeyRef<'_>, blob: &dyn Fn(&str) -> Blob) -> Result<(), Problem> {
        match key {
            KeyRef::Constraint(constraint) => {
                let (columns, rule, fix) = match constraint {
                    TableConstraint::PrimaryKey(pk) => (
                        &pk.columns,
                        "a primary key cannot hold a BLOB or TEXT column (it would need a key length)",
                        "give the column a type with a length, such as String(n), or key another column",
                    ),
                    TableConstraint::ForeignKey(fk) => (
                        &fk.columns,
                        "a foreign key cannot use a BLOB or TEXT column",
                        "give the columns on both sides a type with a length, such as String(n)",
                    ),
                    _ => return Ok(()),
                };
                let Some(column) = first_blob(columns.iter().map(String::as_str), blob, false)
                else {
                    return Ok(());
                };
                Err(self.blob_refusal(
                    format!(
                        "{} holds column `{column}`, a BLOB or TEXT one",
                        describe_constraint(constraint)
                    ),
                    rule,
                    fix,
                ))
            }
            KeyRef::Index(index) => self.check_blob_index(index, blob),
        }
    }

    fn check_blob_index(
        &self,
        index: &IndexDef,
        blob: &dyn Fn(&str) -> Blob,
    ) -> Result<(), Problem> {
        let columns = index.columns.iter().filter_map(|c| match c {
            IndexColumn::Name(name) => Some(name.as_str()),
            IndexColumn::Expression { .. } => None,
        });
        let btree = index
            .mysql_using
            .as_deref()
            .is_some_and(|using| using.eq_ignore_ascii_case("btree"));
        if index.unique && btree {
            if let Some(column) = first_blob(columns, blob, false) {
                return Err(self.blob_refusal(
                    format!(
                        "unique index `{}` is a B-tree (mysql_using: btree) on column `{column}`, a BLOB or TEXT one",
                        index.name
                    ),
                    "a B-tree unique key cannot hold a BLOB or TEXT column (it would need a key length)",
                    "leave out mysql_using (the engine then makes a HASH unique key), or give the column a type with a length, such as String(n)",
                ));
            }
            return Ok(());
        }
        if index.unique || index.columns.len() < 2 {
            // A unique key on one is a HASH key; an index of one column alone
            // takes its first characters.
            return Ok(());
        }
        let Some(column) = first_blob(columns, blob, true) else {
            return Ok(());
        };
        Err(self.blob_refusal(
            format!(
                "index `{}` has several columns, and column `{column}` is a BLOB or TEXT one",
                index.name
            ),
            "an index of several columns cannot hold a BLOB or TEXT column longer than 255 bytes (the key would be too long)",
            "index the column alone (the engine keys its first 768 characters), or give it a type with a length, such as String(n)",
        ))
    }

    /// Whether `column_type` is a BLOB or TEXT type on this dialect.
    fn blob(&self, column_type: &ColumnType) -> Blob {
        let facts = &self.ddl_limits.blob_keys;
        let Some(resolved) = column_type.for_dialect(&self.dialect) else {
            return Blob::No;
        };
        let by_name = |name: &str| {
            let name: String = name
                .trim()
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect::<String>()
                .to_ascii_uppercase();
            if facts.short_names.contains(&name) {
                Blob::Short
            } else if facts.names.contains(&name) {
                Blob::Long
            } else {
                Blob::No
            }
        };
        let generic = resolved.generic_kin();
        match &generic {
            ColumnType::Sql { sql: name }
            | ColumnType::Dialect { name, .. }
            | ColumnType::Upper { name, .. } => return by_name(name),
            _ => {}
        }
        let Ok(value) = serde_json::to_value(&generic) else {
            return Blob::No;
        };
        let Some(kind) = value.get("kind").and_then(|k| k.as_str()) else {
            return Blob::No;
        };
        if !facts.kinds.iter().any(|k| k == kind) {
            return Blob::No;
        }
        let length = value.get("length").and_then(serde_json::Value::as_u64);
        match (length, facts.short_up_to.get(kind)) {
            (Some(length), Some(&most)) if length <= u64::from(most) => Blob::Short,
            _ => Blob::Long,
        }
    }

    fn blob_refusal(&self, what: String, rule: &'static str, fix: &'static str) -> Problem {
        Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what,
            rule,
            fix,
        }))
    }
}

/// The first of `columns` that is a BLOB or TEXT one (`long_only`: longer
/// than a TINYTEXT).
fn first_blob<'c>(
    columns: impl IntoIterator<Item = &'c str>,
    blob: &dyn Fn(&str) -> Blob,
    long_only: bool,
) -> Option<&'c str> {
    columns.into_iter().find(|c| match blob(c) {
        Blob::No => false,
        Blob::Short => !long_only,
        Blob::Long => true,
    })
}

#[cfg(test)]
mod tests {
    use crate::schema::{Schema, SchemaError};

    fn on(dialect: &str, yaml: &str) -> Result<Schema, SchemaError> {
        crate::test_fixtures::replayed_on(dialect, yaml)
    }

    fn table(column_type: &str, keys: &str) -> String {
        format!(
            "- create_table:\n    name: t\n    columns:\n      \
             - {{name: id, type: Integer}}\n      \
             - {{name: c, type: {column_type}}}\n{keys}"
        )
    }

    fn refused_on_mysql_only(yaml: &str, rule: &str) {
        let refused = on("mysql", yaml).expect_err("MariaDB refuses it");
        assert!(refused.to_string().contains(rule), "{refused}");
        on("postgresql", yaml).expect("PostgreSQL takes it");
        on("sqlite", yaml).expect("SQLite takes it");
    }

    #[test]
    fn a_primary_key_on_any_blob_or_text_type() {
        let pk = "- create_primary_key: {name: pk_t, table: t, columns: [c]}\n";
        for column_type in [
            "Text",
            "Text(10)",
            "UnicodeText",
            "LargeBinary",
            "{sql: longtext}",
        ] {
            refused_on_mysql_only(&table(column_type, pk), "a primary key cannot hold");
        }
        on("mysql", &table("String(20)", pk)).expect("a VARCHAR");
        on("mysql", &table("{sql: VARCHAR(20)}", pk)).expect("a raw VARCHAR");
    }

    #[test]
    fn an_index_of_several_columns_takes_only_short_ones() {
        let index = "- create_index: {name: ix_t, table: t, columns: [id, c]}\n";
        refused_on_mysql_only(&table("Text", index), "an index of several columns");
        on("mysql", &table("JSON", index)).expect_err("JSON is LONGTEXT");
        on("mysql", &table("Text(64)", index)).expect_err("a TEXT");
        on("mysql", &table("LargeBinary(256)", index)).expect_err("a BLOB");
        on("mysql", &table("Text(63)", index)).expect("a TINYTEXT");
        on("mysql", &table("LargeBinary(255)", index)).expect("a TINYBLOB");
        let alone = "- create_index: {name: ix_t, table: t, columns: [c]}\n";
        on("mysql", &table("Text", alone)).expect("a prefix of the column alone");
    }

    #[test]
    fn a_unique_key_is_a_hash_one_unless_btree() {
        let unique = "- create_unique_constraint: {name: uq_t, table: t, columns: [id, c]}\n";
        on("mysql", &table("Text", unique)).expect("a HASH key");
        let index = "- create_index: {name: uq_t, table: t, columns: [id, c], unique: true}\n";
        on("mysql", &table("Text", index)).expect("a HASH key");
        let btree = "- create_index: {name: uq_t, table: t, columns: [c], unique: true, \
                     mysql_using: btree}\n";
        refused_on_mysql_only(&table("Text(10)", btree), "a B-tree unique key");
    }

    #[test]
    fn a_hash_unique_key_holds_no_auto_increment_column() {
        let counted = "- create_table:\n    name: t\n    columns:\n      \
             - {name: id, type: Integer, primary_key: true}\n      \
             - {name: c, type: Text(10)}\n      - {name: n, type: Integer}\n";
        let unique = |columns: &str, more: &str| {
            format!("{counted}- create_index: {{name: uq_t, table: t, columns: [{columns}], unique: true{more}}}\n")
        };
        refused_on_mysql_only(&unique("c, id", ""), "a HASH unique key");
        refused_on_mysql_only(&unique("n, id", ", mysql_using: hash"), "a HASH unique key");
        on("mysql", &unique("n, id", "")).expect("a B-tree key");
        on("mysql", &unique("c, n", "")).expect("no AUTO_INCREMENT column");
    }

    #[test]
    fn a_type_change_or_added_column_is_checked_too() {
        let index = "- create_index: {name: ix_t, table: t, columns: [id, c]}\n\
                     - alter_column: {table: t, column: c, type: Text}\n";
        refused_on_mysql_only(&table("Integer", index), "an index of several columns");
        let added = "- add_column: {table: t, column: {name: k, type: Text, primary_key: true}}\n";
        on("mysql", &table("Integer", added)).expect_err("a primary key on TEXT");
    }
}
