//! The indexes an engine makes for foreign keys by itself (MariaDB's InnoDB,
//! `foreign_keys: {own_index: true}` in dialect.yaml), and what they mean
//! for dropping an index or key: the model knows when the engine has such
//! an index and what it is named, so that no script drops the index a
//! foreign key uses (error 1553) or makes one under a taken name.
//! Proven on the engine by tests/it/engines/fk_indexes.rs.

use super::error::{EngineRefusal, Problem};
use super::state::{constraint_name, describe_constraint, qualified, Schema, Table};
use super::EngineRules;
use crate::dialect::ForeignKeyTarget;
use crate::revision::{ForeignKeyDef, IndexColumn, TableConstraint};

/// An index the engine made for a foreign key (not written in any revision).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineIndex {
    /// Its name in the engine's catalog.
    pub name: String,
    /// Its columns, in order.
    pub columns: Vec<String>,
}

/// Brings the engine's own indexes of every table changed by the last op
/// up to date: columns dropped with the column, a new index for a foreign
/// key no index leads with, and those a later index covers gone.
pub fn settle_engine_indexes(schema: &mut Schema) {
    if !schema.rules.foreign_keys.own_index {
        return;
    }
    for (ns, name) in schema.changed_tables() {
        if let Some(table) = schema.table_mut(&ns, &name) {
            settle(table);
        }
    }
}

impl EngineRules {
    /// The foreign keys of `after` (a table once an index or key is gone)
    /// that no index leads with any more, each with the name it has in the
    /// engine: the engine refuses the drop while they are there, so the
    /// script drops them with the index and adds them again, which makes
    /// their own indexes (added to `after`, named after the constraints).
    pub fn refit_foreign_keys(&self, after: &mut Table) -> Result<Vec<ForeignKeyDef>, Problem> {
        if !self.foreign_keys.own_index {
            return Ok(Vec::new());
        }
        let stranded: Vec<ForeignKeyDef> = foreign_keys(after)
            .filter(|fk| !any_index_leads(after, &fk.columns))
            .map(|fk| ForeignKeyDef {
                name: constraint_name(&TableConstraint::ForeignKey(fk.clone())).map(str::to_owned),
                ..fk.clone()
            })
            .collect();
        for fk in &stranded {
            let name = fk.name.clone().unwrap_or_default();
            self.check_own_index_name(after, fk, &name)?;
            after.engine_indexes.push(EngineIndex {
                name,
                columns: fk.columns.clone(),
            });
        }
        Ok(stranded)
    }

    /// Refuses a new foreign key `fk` of `table` whose own index would take
    /// a name an index or key of the table has ("Duplicate key name").
    pub fn check_foreign_key_index(
        &self,
        table: &Table,
        fk: &ForeignKeyDef,
    ) -> Result<(), Problem> {
        if !self.foreign_keys.own_index || any_index_leads(table, &fk.columns) {
            return Ok(());
        }
        match &fk.name {
            Some(name) => self.check_own_index_name(table, fk, name),
            None => Ok(()),
        }
    }

    fn check_own_index_name(
        &self,
        table: &Table,
        fk: &ForeignKeyDef,
        name: &str,
    ) -> Result<(), Problem> {
        if !index_name_taken(table, name) {
            return Ok(());
        }
        Err(Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what: format!(
                "{} needs an index of its own named `{name}`, and table `{}` has an index of that name",
                describe_constraint(&TableConstraint::ForeignKey(fk.clone())),
                qualified(&table.schema, &table.name)
            ),
            rule: "the engine names the index it makes for a foreign key after the constraint (an index it made for an earlier foreign key of that name stays when that key goes)",
            fix: "give the foreign key another name, or create an index leading with its columns first",
        })))
    }

    /// Refuses dropping what `removed` holds (one index or key of `after`'s
    /// table, `after` being the table without it) while a foreign key
    /// references the table through it.
    pub fn check_referenced_key_drop(
        &self,
        schema: &Schema,
        after: &Table,
        removed: &Table,
    ) -> Result<(), Problem> {
        let references = schema.references_to(&after.schema, &after.name);
        let needed = references
            .iter()
            .find(|(_, fk)| match self.foreign_keys.target {
                ForeignKeyTarget::Any => false,
                // The foreign key depends on the one key it was created on.
                ForeignKeyTarget::Unique => {
                    super::engine_rules::has_unique_key_on(removed, &fk.ref_columns)
                }
                // Any other index leading with the columns takes over.
                ForeignKeyTarget::Indexed => {
                    super::engine_rules::has_index_led_by(removed, &fk.ref_columns)
                        && !super::engine_rules::has_index_led_by(after, &fk.ref_columns)
                }
            });
        let Some((owner, fk)) = needed else {
            return Ok(());
        };
        Err(Problem::EngineRefuses(Box::new(EngineRefusal {
            dialect: self.dialect.clone(),
            what: format!(
                "{} of table `{}` references ({}) of table `{}` through it",
                describe_constraint(&TableConstraint::ForeignKey((*fk).clone())),
                qualified(&owner.schema, &owner.name),
                fk.ref_columns.join(", "),
                qualified(&after.schema, &after.name)
            ),
            rule: "a key or index that a foreign key references cannot be dropped while the foreign key is there",
            fix: "drop the foreign key first (and create it again after, on a key that stays)",
        })))
    }
}

/// A copy of `table` holding only what `keep` says of its indexes and
/// constraints: what an op drops, for [`EngineRules::check_referenced_key_drop`].
pub fn only(
    table: &Table,
    keep_index: impl Fn(&str) -> bool,
    keep_constraint: impl Fn(&TableConstraint) -> bool,
) -> Table {
    Table {
        indexes: table
            .indexes
            .iter()
            .filter(|i| keep_index(&i.name))
            .cloned()
            .collect(),
        constraints: table
            .constraints
            .iter()
            .filter(|c| !matches!(c, TableConstraint::ForeignKey(_)) && keep_constraint(c))
            .cloned()
            .collect(),
        engine_indexes: Vec::new(),
        ..table.clone()
    }
}

fn settle(table: &mut Table) {
    let columns: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
    // A dropped column leaves the index (MariaDB shrinks or drops it).
    for index in &mut table.engine_indexes {
        index.columns.retain(|c| columns.contains(c));
    }
    table.engine_indexes.retain(|i| !i.columns.is_empty());
    let fks: Vec<ForeignKeyDef> = foreign_keys(table).cloned().collect();
    for fk in fks {
        if !any_index_leads(table, &fk.columns) {
            let name = own_index_name(table, &fk);
            table.engine_indexes.push(EngineIndex {
                name,
                columns: fk.columns.clone(),
            });
        }
    }
    // The engine drops its index once another one leads with its columns.
    let engine = std::mem::take(&mut table.engine_indexes);
    let kept = engine
        .iter()
        .filter(|index| {
            let longer_own = engine.iter().any(|other| {
                other.columns.len() > index.columns.len()
                    && leads(&as_strs(&other.columns), &index.columns)
            });
            !longer_own && !written_index_leads(table, &index.columns)
        })
        .cloned()
        .collect();
    table.engine_indexes = kept;
}

/// The name the engine gives the index of a new foreign key: its name, or
/// unnamed, its first column's (numbered when taken).
fn own_index_name(table: &Table, fk: &ForeignKeyDef) -> String {
    if let Some(name) = &fk.name {
        return name.clone();
    }
    let first = fk.columns.first().cloned().unwrap_or_default();
    if !index_name_taken(table, &first) {
        return first;
    }
    (2..)
        .map(|n| format!("{first}_{n}"))
        .find(|name| !index_name_taken(table, name))
        .unwrap_or(first)
}

/// Whether an index or key of `table` (the engine's own included) is named
/// `name`; index names are not case-sensitive on MariaDB.
fn index_name_taken(table: &Table, name: &str) -> bool {
    let same = |other: &str| other.eq_ignore_ascii_case(name);
    table.indexes.iter().any(|i| same(&i.name))
        || table.engine_indexes.iter().any(|i| same(&i.name))
        || table.constraints.iter().any(|c| match c {
            TableConstraint::PrimaryKey(_) => same("PRIMARY"),
            TableConstraint::Unique(_) => constraint_name(c).is_some_and(same),
            _ => false,
        })
}

fn foreign_keys(table: &Table) -> impl Iterator<Item = &ForeignKeyDef> {
    table.constraints.iter().filter_map(|c| match c {
        TableConstraint::ForeignKey(fk) => Some(fk),
        _ => None,
    })
}

/// Whether `names` begins with `columns`, in order.
pub(super) fn leads(names: &[&str], columns: &[String]) -> bool {
    names.len() >= columns.len() && names.iter().zip(columns).all(|(a, b)| *a == b)
}

/// Whether a primary key, unique key or index written in the revisions
/// leads with `columns`.
fn written_index_leads(table: &Table, columns: &[String]) -> bool {
    let constraint = table.constraints.iter().any(|c| match c {
        TableConstraint::PrimaryKey(pk) => leads(&as_strs(&pk.columns), columns),
        TableConstraint::Unique(unique) => leads(&as_strs(&unique.columns), columns),
        _ => false,
    });
    constraint
        || table
            .indexes
            .iter()
            .any(|index| plain_columns(&index.columns).is_some_and(|names| leads(&names, columns)))
}

/// Whether any index of `table`, the engine's own included, leads with `columns`.
pub(super) fn any_index_leads(table: &Table, columns: &[String]) -> bool {
    written_index_leads(table, columns)
        || table
            .engine_indexes
            .iter()
            .any(|index| leads(&as_strs(&index.columns), columns))
}

/// The column names of an index, or none when it has an expression.
pub(super) fn plain_columns(columns: &[IndexColumn]) -> Option<Vec<&str>> {
    columns
        .iter()
        .map(|c| match c {
            IndexColumn::Name(name) => Some(name.as_str()),
            IndexColumn::Expression { .. } => None,
        })
        .collect()
}

/// `names` as string slices.
pub(super) fn as_strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{apply_ops, SchemaError};

    const TABLES: &str = r#"
- create_table:
    name: parent
    columns:
      - {name: id, type: Integer, primary_key: true}
- create_table:
    name: child
    columns:
      - {name: id, type: Integer, primary_key: true}
      - {name: a, type: Integer, foreign_key: {table: parent, column: id, name: fk_child_a}}
      - {name: b, type: Integer}
"#;

    fn on(dialect: &str, more: &str) -> Result<Schema, SchemaError> {
        let facts = crate::test_fixtures::facts(dialect);
        let mut schema = Schema::on(&facts);
        let yaml = format!("{TABLES}{more}");
        apply_ops(
            &mut schema,
            &crate::test_fixtures::ops_in("rev.yaml", &yaml),
            Some(&facts),
        )?;
        Ok(schema)
    }

    fn own_indexes(schema: &Schema) -> Vec<(String, Vec<String>)> {
        schema
            .table(&None, "child")
            .expect("child")
            .engine_indexes
            .iter()
            .map(|i| (i.name.clone(), i.columns.clone()))
            .collect()
    }

    fn pairs(expected: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        expected
            .iter()
            .map(|(n, cs)| (n.to_string(), cs.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    #[test]
    fn mariadb_makes_an_index_per_foreign_key_and_drops_it_under_a_covering_one() {
        let schema = on("mysql", "").expect("valid");
        assert_eq!(own_indexes(&schema), pairs(&[("fk_child_a", &["a"])]));
        let more = "- create_foreign_key: {name: null, source_table: child, referent_table: parent, local_cols: [b], remote_cols: [id]}\n";
        let schema = on("mysql", more).expect("valid");
        assert_eq!(
            own_indexes(&schema),
            pairs(&[("fk_child_a", &["a"]), ("b", &["b"])])
        );
        let covering =
            format!("{more}- create_index: {{name: ix_child_b, table: child, columns: [b, a]}}\n");
        let schema = on("mysql", &covering).expect("valid");
        assert_eq!(own_indexes(&schema), pairs(&[("fk_child_a", &["a"])]));
        let schema = on("postgresql", &covering).expect("valid");
        assert_eq!(own_indexes(&schema), pairs(&[]), "PostgreSQL makes none");
    }

    #[test]
    fn dropping_the_index_a_foreign_key_uses_refits_the_key_on_mariadb_only() {
        let more = "- create_index: {name: ix_child_a, table: child, columns: [a]}\n\
                    - drop_index: {name: ix_child_a, table: child}\n";
        let facts = crate::test_fixtures::facts("mysql");
        let mut schema = Schema::on(&facts);
        let done = apply_ops(
            &mut schema,
            &crate::test_fixtures::ops_in("rev.yaml", &format!("{TABLES}{more}")),
            Some(&facts),
        )
        .expect("valid");
        let crate::revision::Op::DropIndex(dropped) = &done[3].op else {
            panic!("the drop_index: {:?}", done[3].op);
        };
        let refit: Vec<_> = dropped
            .refit_foreign_keys
            .iter()
            .map(|fk| fk.name.clone())
            .collect();
        assert_eq!(refit, vec![Some("fk_child_a".to_owned())]);
        assert_eq!(own_indexes(&schema), pairs(&[("fk_child_a", &["a"])]));
        let schema = on("postgresql", more).expect("valid");
        assert_eq!(own_indexes(&schema), pairs(&[]));
    }

    #[test]
    fn a_key_a_foreign_key_references_cannot_be_dropped() {
        let referenced = "- create_table:\n    name: other\n    columns:\n      \
             - {name: id, type: Integer, primary_key: true}\n      \
             - {name: code, type: Integer, unique: true}\n      \
             - {name: code_again, type: Integer}\n\
             - create_table:\n    name: user_of_code\n    columns:\n      \
             - {name: code, type: Integer, foreign_key: {table: other, column: code}}\n";
        let drop_unique = format!(
            "{referenced}- drop_constraint: {{name: null, table: other, type: unique, columns: [code]}}\n"
        );
        for dialect in ["postgresql", "mysql"] {
            let refused = on(dialect, &drop_unique).expect_err("the key is referenced");
            assert!(
                refused
                    .to_string()
                    .contains("cannot be dropped while the foreign key is there"),
                "{dialect}: {refused}"
            );
        }
        on("sqlite", &drop_unique).expect("SQLite checks at DML time");
        let with_index = format!(
            "{referenced}- create_index: {{name: ix_other_code, table: other, columns: [code]}}\n\
             - drop_constraint: {{name: null, table: other, type: unique, columns: [code]}}\n"
        );
        on("mysql", &with_index).expect("MariaDB: another index leads with the column");
        on("postgresql", &with_index).expect_err("PostgreSQL: the key the foreign key uses");
    }
}
