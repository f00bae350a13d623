//! Drift checks (issue 20): from the schema model, what the database must
//! hold at a revision and what it must not ([`DriftContext`]); the dialect's
//! `drift.sql` turns that into a read-only script that compares it with the
//! catalog ([`crate::render::drift`]).

use crate::dialect::DialectFacts;
use crate::graph::RevisionGraph;
use crate::render::drift::{Absent, DriftContext, EnumType, ObjectName};
use crate::render::table::{table_view, TableView};
use crate::revision::{IndexDef, Revision, TableConstraint};
use crate::schema::state::{constraint_name, with_known_name, Schema, Table};
use crate::schema::SchemaError;
use std::collections::BTreeSet;

/// Every object of a schema, by name.
#[derive(Debug, Default)]
struct Objects {
    tables: BTreeSet<ObjectName>,
    columns: BTreeSet<ObjectName>,
    indexes: BTreeSet<ObjectName>,
    constraints: BTreeSet<ObjectName>,
    enums: BTreeSet<ObjectName>,
}

impl Objects {
    /// Adds the objects of `schema`.
    fn add(&mut self, schema: &Schema) {
        for (ns_name, ns) in &schema.namespaces {
            let object = |table: Option<&str>, name: &str| ObjectName {
                schema: ns_name.clone(),
                table: table.map(str::to_owned),
                name: name.to_owned(),
            };
            for name in ns.enums.keys() {
                self.enums.insert(object(None, name));
            }
            for (name, table) in &ns.tables {
                self.tables.insert(object(None, name));
                for column in &table.columns {
                    self.columns.insert(object(Some(name), &column.name));
                }
                for index in &table.indexes {
                    self.indexes.insert(object(Some(name), &index.name));
                }
                for constraint in table.constraints.iter().filter_map(constraint_name) {
                    self.constraints.insert(object(Some(name), constraint));
                }
            }
        }
    }

    /// The objects of `self` that `now` lacks; of a table, only for tables
    /// `now` has.
    fn absent_from(&self, now: &Objects) -> Absent {
        let table_of = |o: &ObjectName| ObjectName {
            schema: o.schema.clone(),
            table: None,
            name: o.table.clone().unwrap_or_default(),
        };
        let gone = |all: &BTreeSet<ObjectName>, present: &BTreeSet<ObjectName>, in_table: bool| {
            all.iter()
                .filter(|o| !present.contains(o))
                .filter(|o| !in_table || now.tables.contains(&table_of(o)))
                .cloned()
                .collect()
        };
        Absent {
            tables: gone(&self.tables, &now.tables, false),
            columns: gone(&self.columns, &now.columns, true),
            indexes: gone(&self.indexes, &now.indexes, true),
            constraints: gone(&self.constraints, &now.constraints, true),
            enums: gone(&self.enums, &now.enums, false),
        }
    }
}

/// Every object that exists after some revision of a graph: what a drift
/// check expects absent when the checked revision lacks it.
#[derive(Debug, Default)]
pub struct History {
    created: Objects,
}

impl History {
    /// The objects of every revision of `graph`, replayed in upgrade order
    /// on the engine of `dialect` (which names unnamed constraints).
    pub fn of(graph: &RevisionGraph, dialect: &DialectFacts) -> Result<History, SchemaError> {
        let mut schema = Schema::on(dialect);
        let mut created = Objects::default();
        for revision in graph.upgrade_order() {
            crate::schema::apply_ops(&mut schema, &revision.upgrade, None)?;
            created.add(&schema);
        }
        Ok(History { created })
    }
}

/// The drift check of the schema after `revisions` (the ancestors of the
/// checked revisions, in upgrade order): the model's tables and enum types,
/// and every object of `history` that the model lacks. `label` names the
/// revisions in the error. The model is that of `dialect`'s engine, so that
/// constraints the revisions left unnamed are checked by the name the
/// engine gave them.
pub fn drift_context(
    history: &History,
    revisions: &[&Revision],
    dialect: &DialectFacts,
    label: &str,
    strict: bool,
) -> Result<DriftContext, SchemaError> {
    let model = crate::schema::schema_after(revisions, Some(dialect))?;
    let mut now = Objects::default();
    now.add(&model);
    let absent = history.created.absent_from(&now);
    Ok(DriftContext {
        revision: label.to_owned(),
        message: format!("retort drift: the schema is not that of revision {label}: "),
        strict,
        tables: tables(&model),
        enums: enums(&model),
        schemas: model.namespaces.keys().flatten().cloned().collect(),
        absent,
    })
}

/// The model's tables as templates see a created table, by schema and name,
/// each constraint under the name the engine knows it by, and with the
/// column the model knows autoincrements (which keeps its SERIAL or
/// AUTO_INCREMENT when a later op drops the key SQLAlchemy's rule looks at).
fn tables(model: &Schema) -> Vec<TableView> {
    model
        .namespaces
        .values()
        .flat_map(|ns| ns.tables.values())
        .map(|t| {
            let constraints: Vec<_> = t.constraints.iter().map(with_known_name).collect();
            let mut indexes = t.indexes.clone();
            indexes.extend(engine_indexes_by_their_own_name(t));
            let mut view = table_view(
                &t.name,
                t.schema.as_ref(),
                &t.columns,
                &constraints,
                &indexes,
                t.comment.as_ref(),
            );
            view.autoincrement_column = t.autoincrement_column().map(str::to_owned);
            view
        })
        .collect()
}

/// The indexes the engine made for foreign keys (MariaDB) that the catalog
/// lists under a name of their own: an unnamed key's (named after its
/// column), and one left by a key dropped since. The index of a named key
/// has the key's name, and the catalog query leaves it with the key.
fn engine_indexes_by_their_own_name(table: &Table) -> Vec<IndexDef> {
    table
        .engine_indexes
        .iter()
        .filter(|index| {
            !table.constraints.iter().any(|c| {
                matches!(c, TableConstraint::ForeignKey(_))
                    && constraint_name(c) == Some(&index.name)
            })
        })
        .map(|index| IndexDef::plain(index.name.clone(), &index.columns))
        .collect()
}

/// The model's named enum types, by schema and name.
fn enums(model: &Schema) -> Vec<EnumType> {
    model
        .namespaces
        .iter()
        .flat_map(|(schema, ns)| {
            ns.enums.iter().map(|(name, values)| EnumType {
                schema: schema.clone(),
                name: name.clone(),
                values: values.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_revision;
    use camino::Utf8Path;

    /// r1 creates `things` (id, label) with an index; r2 adds `extra` and
    /// a named unique constraint; r3 renames `things` to `items`; r4 drops it.
    fn history() -> RevisionGraph {
        let files = [
            ("r1", "null", "- create_table: {name: things, columns: [{name: id, type: Integer, primary_key: true}, {name: label, type: String(10), index: true}]}"),
            ("r2", "r1", "- add_column: {table: things, column: {name: extra, type: Integer}}\n- create_unique_constraint: {name: uq_things_extra, table: things, columns: [extra]}"),
            ("r3", "r2", "- rename_table: {old: things, new: items}"),
            ("r4", "r3", "- drop_table: items"),
        ];
        graph_of(&files)
    }

    /// A graph of revisions given as (id, down_revision, upgrade ops).
    fn graph_of(files: &[(&str, &str, &str)]) -> RevisionGraph {
        let revisions = files
            .iter()
            .map(|(id, down, ops)| {
                let text = format!("revision: {id}\ndown_revision: {down}\nmessage: {id}\nupgrade:\n{ops}\ndowngrade: []\n");
                parse_revision(text.as_bytes(), Utf8Path::new(&format!("revisions/{id}.yaml"))).unwrap()
            })
            .collect();
        RevisionGraph::build(revisions).unwrap()
    }

    fn context_at(graph: &RevisionGraph, id: &str) -> DriftContext {
        context_on(graph, id, "postgresql")
    }

    fn context_on(graph: &RevisionGraph, id: &str, dialect: &str) -> DriftContext {
        let facts = crate::test_fixtures::facts(dialect);
        let revisions = graph.ancestors_in_order(&[id.to_owned()]);
        let history = History::of(graph, &facts).unwrap();
        drift_context(&history, &revisions, &facts, id, false).unwrap()
    }

    fn names(objects: &[ObjectName]) -> Vec<String> {
        objects
            .iter()
            .map(|o| match &o.table {
                Some(table) => format!("{table}.{}", o.name),
                None => o.name.clone(),
            })
            .collect()
    }

    #[test]
    fn what_later_revisions_create_must_be_absent_earlier() {
        let graph = history();
        let ctx = context_at(&graph, "r1");
        assert_eq!(ctx.tables.len(), 1);
        assert_eq!(names(&ctx.absent.tables), ["items"]);
        assert_eq!(names(&ctx.absent.columns), ["things.extra"]);
        assert_eq!(names(&ctx.absent.constraints), ["things.uq_things_extra"]);
        assert!(ctx.absent.indexes.is_empty());
        assert_eq!(
            ctx.message,
            "retort drift: the schema is not that of revision r1: "
        );
    }

    #[test]
    fn a_renamed_table_leaves_its_old_name_absent_and_its_objects_unlisted() {
        let graph = history();
        let ctx = context_at(&graph, "r3");
        assert_eq!(ctx.tables[0].name, "items");
        assert_eq!(names(&ctx.absent.tables), ["things"]);
        // the columns of `things` are said by the missing table, not one by one
        assert!(ctx.absent.columns.is_empty(), "{:?}", ctx.absent.columns);
    }

    #[test]
    fn unnamed_constraints_are_checked_by_the_name_the_engine_gave_them() {
        let graph = unnamed_history();
        let names_on = |dialect: &str| -> Vec<Option<String>> {
            let ctx = context_on(&graph, "u1", dialect);
            ctx.tables[0]
                .constraints
                .iter()
                .map(|c| c.name.clone())
                .collect()
        };
        assert_eq!(
            names_on("postgresql"),
            [
                Some("things_code_key".to_owned()),
                Some("things_code_check".to_owned())
            ]
        );
        assert_eq!(names_on("mysql")[0].as_deref(), Some("code"));
        let ctx = context_on(&graph, "u2", "postgresql");
        assert_eq!(names(&ctx.absent.constraints), ["things.things_code_key"]);
    }

    /// u1 creates `things` with an unnamed unique and check on `code`; u2
    /// drops the unique by PostgreSQL's name for it.
    fn unnamed_history() -> RevisionGraph {
        let files = [
            ("u1", "null", "- create_table: {name: things, columns: [{name: id, type: Integer, primary_key: true}, {name: code, type: Integer}], constraints: [{unique: {columns: [code]}}, {check: {condition: code > 0}}]}"),
            ("u2", "u1", "- drop_constraint: {name: null, type: unique, table: things, columns: [code]}"),
        ];
        graph_of(&files)
    }

    #[test]
    fn after_the_last_drop_every_table_must_be_absent() {
        let graph = history();
        let ctx = context_at(&graph, "r4");
        assert!(ctx.tables.is_empty());
        assert_eq!(names(&ctx.absent.tables), ["items", "things"]);
        assert!(ctx.absent.columns.is_empty() && ctx.absent.indexes.is_empty());
    }
}
