//! The schema at a revision as ops that build it from nothing, for
//! `retort schema REV`: the standalone enum types, then every table in an
//! order where each comes after the tables it references.

use super::state::{named_enum, Schema, Table};
use crate::location::Location;
use crate::revision::{CreateEnum, IndexDef, Op, OpEntry, TableConstraint};

/// Ops that create `schema` on an empty database, each placed at `location`
/// (the revision the schema is taken at). A foreign key that closes a cycle
/// between tables is added by `create_foreign_key` once both tables exist.
pub fn creation_ops(schema: &Schema, location: &Location) -> Vec<OpEntry> {
    let mut ops = Vec::new();
    for (ns, namespace) in &schema.namespaces {
        for (name, values) in &namespace.enums {
            if schema.enum_users(ns, name).is_empty() {
                ops.push(Op::CreateEnum(CreateEnum {
                    name: name.clone(),
                    values: values.clone(),
                    schema: ns.clone(),
                }));
            }
        }
    }
    let mut created: Vec<&Table> = Vec::new();
    let mut deferred = Vec::new();
    for table in schema.tables_in_dependency_order() {
        let mut create = table.to_create_table();
        create.indexes.extend(left_by_foreign_keys(table));
        create.constraints.retain(|constraint| {
            let TableConstraint::ForeignKey(fk) = constraint else {
                return true;
            };
            let target_ready = created
                .iter()
                .any(|t| t.name == fk.ref_table && t.schema == fk.ref_schema)
                || (fk.ref_table == table.name && fk.ref_schema == table.schema);
            match (&fk.name, target_ready) {
                (Some(name), false) => {
                    deferred.push(super::invert::create_constraint(
                        Some(name),
                        &table.name,
                        &table.schema,
                        constraint,
                    ));
                    false
                }
                _ => true,
            }
        });
        create.creates_enums = Some(
            table
                .columns
                .iter()
                .filter_map(|c| named_enum(&c.type_).map(|(name, _)| name.to_owned()))
                .filter(|name| !created_enum(&created, name))
                .fold(Vec::new(), |mut names, name| {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                    names
                }),
        );
        ops.push(Op::CreateTable(create));
        created.push(table);
    }
    ops.extend(deferred);
    ops.into_iter()
        .map(|op| OpEntry {
            op,
            review: None,
            location: location.clone(),
        })
        .collect()
}

/// Whether a table created earlier already made the enum type (a column's
/// enum type is in the default schema, whatever the table's).
fn created_enum(created: &[&Table], name: &str) -> bool {
    created.iter().any(|t| {
        t.columns
            .iter()
            .any(|c| named_enum(&c.type_).is_some_and(|(n, _)| n == name))
    })
}

/// The indexes the engine made for foreign keys that are gone since: the
/// engine keeps them as plain indexes (MariaDB), so a schema built from
/// nothing writes them. Those of foreign keys still there it makes again.
fn left_by_foreign_keys(table: &Table) -> Vec<IndexDef> {
    table
        .engine_indexes
        .iter()
        .filter(|index| {
            let columns: Vec<&str> = index.columns.iter().map(String::as_str).collect();
            !table.constraints.iter().any(|c| {
                matches!(c, TableConstraint::ForeignKey(fk) if super::fk_indexes::leads(&columns, &fk.columns))
            })
        })
        .map(|index| IndexDef::plain(index.name.clone(), &index.columns))
        .collect()
}
