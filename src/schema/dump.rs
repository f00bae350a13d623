//! The schema at a revision as ops that build it from nothing, for
//! `retort schema REV`: the standalone enum types, then every table in an
//! order where each comes after the tables it references.

use super::replay::creates_type;
use super::state::{constraint_name, is_unnamed, named_enum, with_known_name, Schema, Table};
use crate::location::Location;
use crate::revision::{CreateEnum, IndexDef, Op, OpEntry, TableConstraint};

/// Ops that create `schema` on an empty database, each placed at `location`
/// (the revision the schema is taken at). A foreign key that closes a cycle
/// between tables is added by `create_foreign_key` once both tables exist.
pub fn creation_ops(schema: &Schema, location: &Location) -> Vec<OpEntry> {
    let mut ops = Vec::new();
    for (ns, namespace) in &schema.namespaces {
        for (name, values) in &namespace.enums {
            // A type no table creates: unused, or used only by columns of
            // `postgresql.ENUM(..., create_type=False)`, which refer to it.
            if !created_by_a_table(schema, name) {
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
    let mut built = Schema::new();
    built.naming = schema.naming.clone();
    for table in schema.tables_in_dependency_order() {
        let mut create = keeping_engine_names(&mut built, table).to_create_table();
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
                .filter(|c| creates_type(&c.type_))
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

/// `table` with each unnamed constraint that the engine would name
/// otherwise in a table built from nothing named with the name the engine
/// gave it: PostgreSQL keeps that name through a rename of the table or of
/// its columns (not where the names follow the table, as InnoDB's do). `built` holds the tables written so far (the names they
/// take), and takes this one.
fn keeping_engine_names(built: &mut Schema, table: &Table) -> Table {
    if built
        .naming
        .as_ref()
        .is_some_and(|n| n.follow_table_renames)
    {
        return table.clone();
    }
    let mut fresh = table.clone();
    for constraint in &mut fresh.constraints {
        if is_unnamed(constraint) {
            clear_engine_name(constraint);
        }
    }
    built.insert_table(fresh);
    built.name_unnamed_constraints(&table.schema, &table.name);
    let given_now: Vec<Option<String>> = built
        .table(&table.schema, &table.name)
        .map(|t| {
            t.constraints
                .iter()
                .map(|c| constraint_name(c).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut kept = table.clone();
    for (constraint, now) in kept.constraints.iter_mut().zip(given_now) {
        if is_unnamed(constraint) && constraint_name(constraint) != now.as_deref() {
            *constraint = with_known_name(constraint);
        }
    }
    built.remove_table(&table.schema, &table.name);
    built.insert_table(kept.clone());
    kept
}

fn clear_engine_name(constraint: &mut TableConstraint) {
    match constraint {
        TableConstraint::PrimaryKey(c) => c.engine_name = None,
        TableConstraint::Unique(c) => c.engine_name = None,
        TableConstraint::ForeignKey(c) => c.engine_name = None,
        TableConstraint::Check(c) => c.engine_name = None,
    }
}

/// Whether a column of some table creates the enum type `name` with its table.
fn created_by_a_table(schema: &Schema, name: &str) -> bool {
    schema.tables().iter().any(|t| {
        t.columns
            .iter()
            .any(|c| creates_type(&c.type_) && named_enum(&c.type_).is_some_and(|(n, _)| n == name))
    })
}

/// Whether a table created earlier already made the enum type (a column's
/// enum type is in the default schema, whatever the table's).
fn created_enum(created: &[&Table], name: &str) -> bool {
    created.iter().any(|t| {
        t.columns
            .iter()
            .any(|c| creates_type(&c.type_) && named_enum(&c.type_).is_some_and(|(n, _)| n == name))
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
