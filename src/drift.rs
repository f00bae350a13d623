//! Drift checks (issue 20): from the schema model, what the database must
//! hold at a revision and what it must not ([`DriftContext`]); the dialect's
//! `drift.sql` turns that into a read-only script that compares it with the
//! catalog ([`crate::render::drift`]).

use crate::graph::RevisionGraph;
use crate::render::drift::{Absent, DriftContext, EnumType, ObjectName};
use crate::render::table::{table_view, TableView};
use crate::revision::Revision;
use crate::schema::state::{constraint_name, Schema};
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

/// The drift check of the schema after `revisions` (the ancestors of the
/// checked revisions, in upgrade order): the model's tables and enum types,
/// and every object a revision of `graph` created that the model lacks.
/// `label` names the revisions in the error.
pub fn drift_context(
    graph: &RevisionGraph,
    revisions: &[&Revision],
    label: &str,
    strict: bool,
) -> Result<DriftContext, SchemaError> {
    let model = crate::schema::schema_after(revisions)?;
    let mut now = Objects::default();
    now.add(&model);
    let absent = history_objects(graph)?.absent_from(&now);
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

/// Every object that exists after some revision of `graph`.
fn history_objects(graph: &RevisionGraph) -> Result<Objects, SchemaError> {
    let mut schema = Schema::new();
    let mut seen = Objects::default();
    for revision in graph.upgrade_order() {
        crate::schema::apply_ops(&mut schema, &revision.upgrade, None)?;
        seen.add(&schema);
    }
    Ok(seen)
}

/// The model's tables as templates see a created table, by schema and name.
fn tables(model: &Schema) -> Vec<TableView> {
    model
        .namespaces
        .values()
        .flat_map(|ns| ns.tables.values())
        .map(|t| {
            table_view(
                &t.name,
                t.schema.as_ref(),
                &t.columns,
                &t.constraints,
                &t.indexes,
                t.comment.as_ref(),
            )
        })
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
