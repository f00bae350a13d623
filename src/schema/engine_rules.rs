//! The rules of one engine that the schema model checks, from its
//! `dialect.yaml` (a model replayed without a dialect checks none): what the
//! engine refuses at DDL time is refused at compile time, naming the rule
//! and the way out.

use super::error::{EngineRefusal, Problem};
use super::fk_indexes::{as_strs, plain_columns};
use super::state::{describe_constraint, qualified, Schema, Table};
use crate::dialect::{DialectFacts, ForeignKeyRules, ForeignKeyTarget};
use crate::revision::{ForeignKeyDef, TableConstraint};

/// The engine rules a [`super::Schema`] checks ops against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineRules {
    /// The dialect the rules are of, for the messages; empty for none.
    pub dialect: String,
    /// What a new foreign key needs.
    pub foreign_keys: ForeignKeyRules,
    /// Whether keys are indexes named as they are (PostgreSQL).
    pub keys_are_named_indexes: bool,
    /// What the engine's DDL cannot express or refuses outright.
    pub ddl_limits: crate::dialect::DdlLimits,
    /// What the engine does with existing rows.
    pub rows: crate::dialect::RowRules,
    /// What an index of each method can be.
    pub index_methods: crate::dialect::IndexMethods,
    /// Whether `alter_column`'s `autoincrement` changes the column on the engine.
    pub alter_column_autoincrement: bool,
}

impl EngineRules {
    /// The rules `dialect` states.
    pub fn of(dialect: &DialectFacts) -> Self {
        EngineRules {
            dialect: dialect.name.clone(),
            foreign_keys: dialect.foreign_keys.clone(),
            keys_are_named_indexes: dialect.keys_are_named_indexes,
            ddl_limits: dialect.ddl_limits.clone(),
            rows: dialect.rows.clone(),
            index_methods: dialect.index_methods.clone(),
            alter_column_autoincrement: dialect.alter_column_autoincrement,
        }
    }

    /// Refuses a foreign key whose referenced columns in `target` lack what
    /// the engine needs there (a unique key, or an index).
    pub fn check_foreign_key_target(
        &self,
        fk: &ForeignKeyDef,
        target: &Table,
    ) -> Result<(), Problem> {
        let (found, rule, fix) = match self.foreign_keys.target {
            ForeignKeyTarget::Any => return Ok(()),
            ForeignKeyTarget::Unique => (
                has_unique_key_on(target, &fk.ref_columns),
                "the referenced columns need a primary key, unique constraint or unique index on exactly those columns",
                "create a unique constraint on them first",
            ),
            ForeignKeyTarget::Indexed => (
                has_index_led_by(target, &fk.ref_columns),
                "the referenced columns need an index whose first columns are those columns, in that order",
                "create an index or a unique constraint on them first",
            ),
        };
        if found {
            return Ok(());
        }
        Err(Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what: format!(
                "{} references ({}) of table `{}`",
                describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                fk.ref_columns.join(", "),
                qualified(&target.schema, &target.name)
            ),
            rule,
            fix,
        })))
    }

    /// Refuses `SET NULL` on a foreign key of `table` with a NOT NULL local
    /// column, where the engine does.
    pub fn check_set_null(&self, fk: &ForeignKeyDef, table: &Table) -> Result<(), Problem> {
        if !self.foreign_keys.set_null_needs_nullable || !sets_null(fk) {
            return Ok(());
        }
        let not_null = fk
            .columns
            .iter()
            .filter_map(|name| table.column(name))
            .find(|column| !column.is_nullable());
        let Some(column) = not_null else {
            return Ok(());
        };
        Err(Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what: format!(
                "{} sets column `{}` of table `{}` to NULL, and the column is NOT NULL",
                describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                column.name,
                qualified(&table.schema, &table.name)
            ),
            rule: SET_NULL_RULE,
            fix: "make the column nullable, or choose another ondelete/onupdate action",
        })))
    }

    /// Refuses making `column` of `table` NOT NULL while a foreign key of
    /// the table sets it to NULL, where the engine does.
    pub fn check_not_null_column(&self, table: &Table, column: &str) -> Result<(), Problem> {
        if !self.foreign_keys.set_null_needs_nullable {
            return Ok(());
        }
        let setting_null = table.constraints.iter().find_map(|c| match c {
            TableConstraint::ForeignKey(fk)
                if sets_null(fk) && fk.columns.iter().any(|n| n == column) =>
            {
                Some(fk)
            }
            _ => None,
        });
        let Some(fk) = setting_null else {
            return Ok(());
        };
        Err(Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what: format!(
                "column `{column}` of table `{}` becomes NOT NULL, and {} sets it to NULL",
                qualified(&table.schema, &table.name),
                describe_constraint(&TableConstraint::ForeignKey(fk.clone()))
            ),
            rule: SET_NULL_RULE,
            fix:
                "drop the foreign key first, or re-create it with another ondelete/onupdate action",
        })))
    }
}

impl EngineRules {
    /// Refuses a new index `name` of `table` (which may not be in `schema`
    /// yet) named like a key of the schema, where keys are indexes.
    pub fn check_index_name(
        &self,
        schema: &Schema,
        table: &Table,
        name: &str,
    ) -> Result<(), Problem> {
        if !self.keys_are_named_indexes {
            return Ok(());
        }
        let owner = tables_around(schema, table).find(|t| key_named(t, name));
        match owner {
            Some(owner) => Err(self.name_taken(name, "a key", owner)),
            None => Ok(()),
        }
    }

    /// Refuses a new primary key or unique `constraint` of `table` (which
    /// may not be in `schema` yet) named like an index or a key of another
    /// table of the schema, where keys are indexes.
    pub fn check_key_name(
        &self,
        schema: &Schema,
        table: &Table,
        constraint: &TableConstraint,
    ) -> Result<(), Problem> {
        let name = match constraint {
            TableConstraint::PrimaryKey(pk) => pk.name.as_deref(),
            TableConstraint::Unique(unique) => unique.name.as_deref(),
            _ => None,
        };
        let Some(name) = name.filter(|_| self.keys_are_named_indexes) else {
            return Ok(());
        };
        let same_table = |t: &Table| t.name == table.name;
        if let Some(owner) = tables_around(schema, table).find(|t| t.index(name).is_some()) {
            return Err(self.name_taken(name, "an index", owner));
        }
        match tables_around(schema, table).find(|t| !same_table(t) && key_named(t, name)) {
            Some(owner) => Err(self.name_taken(name, "a key", owner)),
            None => Ok(()),
        }
    }

    fn name_taken(&self, name: &str, holder: &str, owner: &Table) -> Problem {
        Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what: format!(
                "the name `{name}` is taken by {holder} of table `{}`",
                qualified(&owner.schema, &owner.name)
            ),
            rule: "primary keys and unique constraints are indexes of their name, and index names are one namespace per schema",
            fix: "choose another name",
        }))
    }
}

/// The tables of `table`'s schema, with `table` as given in place of the
/// schema's table of that name (a table being created is not there yet).
fn tables_around<'a>(schema: &'a Schema, table: &'a Table) -> impl Iterator<Item = &'a Table> {
    let others = schema
        .namespace(&table.schema)
        .into_iter()
        .flat_map(|ns| ns.tables.values())
        .filter(move |t| t.name != table.name);
    std::iter::once(table).chain(others)
}

/// Whether `table` has a primary key or unique constraint named `name`.
fn key_named(table: &Table, name: &str) -> bool {
    matches!(
        table.constraint(name),
        Some(TableConstraint::PrimaryKey(_) | TableConstraint::Unique(_))
    )
}

/// Why a SET NULL foreign key refuses a NOT NULL column.
const SET_NULL_RULE: &str = "a SET NULL action needs nullable columns";

fn sets_null(fk: &ForeignKeyDef) -> bool {
    [&fk.ondelete, &fk.onupdate]
        .into_iter()
        .flatten()
        .any(|action| action.eq_ignore_ascii_case("SET NULL"))
}

/// The plain column names of an index, or `None` if it has an expression.
fn same_set(a: &[&str], b: &[String]) -> bool {
    a.len() == b.len() && b.iter().all(|name| a.contains(&name.as_str()))
}

pub(super) fn has_unique_key_on(table: &Table, columns: &[String]) -> bool {
    let constraint = table.constraints.iter().any(|c| match c {
        TableConstraint::PrimaryKey(pk) => same_set(&as_strs(&pk.columns), columns),
        TableConstraint::Unique(unique) => same_set(&as_strs(&unique.columns), columns),
        _ => false,
    });
    constraint
        || table.indexes.iter().any(|index| {
            index.unique
                && index.where_.is_none()
                && plain_columns(&index.columns).is_some_and(|names| same_set(&names, columns))
        })
}

pub(super) fn has_index_led_by(table: &Table, columns: &[String]) -> bool {
    let leads = |names: &[&str]| super::fk_indexes::leads(names, columns);
    let constraint = table.constraints.iter().any(|c| match c {
        TableConstraint::PrimaryKey(pk) => leads(&as_strs(&pk.columns)),
        TableConstraint::Unique(unique) => leads(&as_strs(&unique.columns)),
        // InnoDB makes an index for a foreign key's own columns.
        TableConstraint::ForeignKey(fk) => leads(&as_strs(&fk.columns)),
        _ => false,
    });
    constraint || super::fk_indexes::any_index_leads(table, columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Schema, SchemaError};

    const PARENT: &str = r#"
- create_table:
    name: parent
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: code, type: Integer}
      - {name: code2, type: Integer}
      - {name: code3, type: Integer, unique: true}
    indexes:
      - {name: ix_parent_code, columns: [code, code2]}
"#;

    fn on(dialect: &str, more: &str) -> Result<Schema, SchemaError> {
        crate::test_fixtures::replayed_on(dialect, &format!("{PARENT}{more}"))
    }

    #[test]
    fn a_foreign_key_target_needs_a_unique_key_on_postgresql() {
        let refused = on("postgresql", &child("code")).expect_err("no unique key on code");
        assert_eq!(refused.location.line, 2, "the op's line: {refused}");
        assert!(
            matches!(&refused.problem, Problem::EngineRefuses(refusal)
                if refusal.dialect == "postgresql" && refusal.rule.contains("unique") && refusal.fix.contains("unique constraint")),
            "{refused}"
        );
        on("postgresql", &child("id")).expect("the primary key");
        on("postgresql", &child("code3")).expect("a unique column");
    }

    #[test]
    fn a_foreign_key_target_needs_a_leading_index_on_mysql() {
        on("mysql", &child("code")).expect("the index (code, code2) leads with code");
        let refused = on("mysql", &child("code2")).expect_err("code2 leads no index");
        assert!(
            matches!(&refused.problem, Problem::EngineRefuses(refusal) if refusal.rule.contains("index")),
            "{refused}"
        );
    }

    #[test]
    fn sqlite_takes_any_foreign_key_target() {
        on("sqlite", &child("code2")).expect("SQLite checks at DML time");
        on("sqlite", &child_set_null(false)).expect("and takes SET NULL on NOT NULL");
    }

    #[test]
    fn set_null_on_a_not_null_column_is_refused_on_mysql_only() {
        let refused = on("mysql", &child_set_null(false)).expect_err("NOT NULL column");
        assert!(refused.to_string().contains("SET NULL"), "{refused}");
        on("mysql", &child_set_null(true)).expect("a nullable column");
        on("postgresql", &child_set_null(false)).expect("PostgreSQL checks at delete time");
        let made_not_null = format!(
            "{}- alter_column: {{table: child, column: a, nullable: false}}\n",
            child_set_null(true)
        );
        let refused = on("mysql", &made_not_null).expect_err("the FK sets a to NULL");
        assert!(
            refused.to_string().contains("becomes NOT NULL"),
            "{refused}"
        );
        on("postgresql", &made_not_null).expect("PostgreSQL takes it");
    }

    #[test]
    fn keys_and_indexes_share_names_on_postgresql_only() {
        let other = "- create_table: {name: other, columns: [{name: id, type: Integer, primary_key: true}, {name: v, type: Integer}]}\n";
        let key_like_index =
            "- create_unique_constraint: {name: ix_parent_code, table: other, columns: [v]}\n";
        let refused = on("postgresql", &format!("{other}{key_like_index}"))
            .expect_err("an index has the name");
        assert!(
            refused
                .to_string()
                .contains("taken by an index of table `parent`"),
            "{refused}"
        );
        on("mysql", &format!("{other}{key_like_index}")).expect("MariaDB: per table");
        on("sqlite", &format!("{other}{key_like_index}"))
            .expect("SQLite: keys are not named indexes");
        let key = "- create_unique_constraint: {name: uq_code, table: parent, columns: [code]}\n";
        let index_like_key = "- create_index: {name: uq_code, table: other, columns: [v]}\n";
        let refused = on("postgresql", &format!("{other}{key}{index_like_key}"))
            .expect_err("a key has the name");
        assert!(
            refused
                .to_string()
                .contains("taken by a key of table `parent`"),
            "{refused}"
        );
        let same_key_twice =
            "- create_unique_constraint: {name: uq_code, table: other, columns: [v]}\n";
        on("postgresql", &format!("{other}{key}{same_key_twice}")).expect_err("two keys, one name");
        on("mysql", &format!("{other}{key}{same_key_twice}")).expect("MariaDB: per table");
    }

    fn child(ref_column: &str) -> String {
        format!(
            "- create_table:\n    name: child\n    columns:\n      \
             - {{name: a, type: Integer}}\n    constraints:\n      \
             - foreign_key: {{columns: [a], ref_table: parent, ref_columns: [{ref_column}], name: fk_child}}\n"
        )
    }

    fn child_set_null(nullable: bool) -> String {
        format!(
            "- create_table:\n    name: child\n    columns:\n      \
             - {{name: a, type: Integer, nullable: {nullable}}}\n    constraints:\n      \
             - foreign_key: {{columns: [a], ref_table: parent, ref_columns: [id], \
             name: fk_child, ondelete: SET NULL}}\n"
        )
    }
}
