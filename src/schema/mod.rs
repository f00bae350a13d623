//! The schema model (SPEC §4): replays the ops from base, in plan order, into
//! an in-memory schema, so that every op is checked against the schema as it
//! is at that point, gets the facts its author left out (`existing_*`), can
//! be inverted (automatic downgrades, §5) and, on SQLite, turned into a
//! table rebuild.
//!
//! - [`state`]: the schema itself;
//! - [`replay`]: applying one op (validation and completion);
//! - [`invert`]: automatic downgrades;
//! - [`effect`]: what an `execute` says its SQL did to the schema;
//! - [`rebuild`]: SQLite's "move and copy";
//! - [`engine_names`]: the names engines give unnamed constraints;
//! - [`values`]: whether a `bulk_insert` value fits its column;
//! - [`dump`]: the schema as ops that create it (`retort schema`).

pub mod blob_keys;
pub mod ddl_limits;
pub mod describe;
pub mod drop_table;
pub mod drop_takes;
pub mod dump;
pub mod effect;
pub mod engine_names;
pub mod engine_rules;
pub mod error;
pub mod fk_indexes;
pub mod index_methods;
pub mod invert;
pub mod key_types;
pub mod known_rows;
pub mod rebuild;
mod rename_sql;
mod renames;
pub mod replay;
pub mod state;
pub mod values;

pub use engine_rules::EngineRules;
pub use error::{Problem, SchemaError};
pub use state::Schema;

use crate::dialect::DialectFacts;
use crate::graph::RevisionGraph;
use crate::plan::{Plan, ScriptKind};
use crate::revision::{Downgrade, OpEntry, Revision};
use rebuild::PendingRebuild;
use std::collections::{BTreeMap, BTreeSet};

/// The ops each step of `plan` runs on `dialect`, one list per step:
/// completed by the model, automatic downgrades derived, and ops SQLite
/// cannot run as `ALTER TABLE` turned into table rebuilds.
///
/// `applied` are the revisions applied when the plan starts, from base in
/// upgrade order ([`Plan::revisions_before`]; for a downgrade they include
/// the revisions it undoes): they are replayed first.
pub fn step_ops(
    plan: &Plan,
    applied: &[&Revision],
    dialect: &DialectFacts,
) -> Result<Vec<Vec<OpEntry>>, SchemaError> {
    if plan.kind == ScriptKind::Stamp || plan.revisions().next().is_none() {
        return Ok(plan.steps.iter().map(|_| Vec::new()).collect());
    }
    let in_plan: BTreeSet<&str> = plan.revisions().map(|r| r.id.as_str()).collect();
    let mut schema = Schema::on(dialect);
    // The derived downgrades, computed while the upgrades are replayed
    // (a snapshot of the schema per revision would make this quadratic).
    let mut derived: BTreeMap<&str, Result<Vec<OpEntry>, SchemaError>> = BTreeMap::new();
    for revision in applied {
        let derive = plan.kind == ScriptKind::Downgrade
            && in_plan.contains(revision.id.as_str())
            && matches!(revision.downgrade, Downgrade::Auto);
        if derive {
            derived.insert(
                &revision.id,
                invert::invert_applying(&mut schema, revision)?,
            );
        } else {
            apply_ops(&mut schema, &revision.upgrade, None)?;
        }
    }
    plan.steps
        .iter()
        .map(|step| {
            let Some(revision) = step.revision else {
                return Ok(Vec::new());
            };
            let ops = match (plan.kind, derived.remove(revision.id.as_str())) {
                (ScriptKind::Upgrade, _) => revision.upgrade.clone(),
                (_, Some(ops)) => ops?,
                (_, None) => downgrade_ops(revision, None)?,
            };
            apply_ops(&mut schema, &ops, Some(dialect))
        })
        .collect()
}

/// The written downgrade of `revision`, or the one derived from its upgrade
/// (`before` is the schema before that upgrade).
pub fn downgrade_ops(
    revision: &Revision,
    before: Option<&Schema>,
) -> Result<Vec<OpEntry>, SchemaError> {
    match &revision.downgrade {
        Downgrade::Ops(ops) => Ok(ops.clone()),
        Downgrade::Auto => invert::invert_revision(before.unwrap_or(&Schema::new()), revision),
    }
}

/// Applies `entries` (one revision's ops) to `schema` and returns them
/// completed; with a `dialect`, consecutive ops on one table that the
/// dialect rebuilds become one [`crate::revision::RebuildTable`].
pub fn apply_ops(
    schema: &mut Schema,
    entries: &[OpEntry],
    dialect: Option<&DialectFacts>,
) -> Result<Vec<OpEntry>, SchemaError> {
    let mut output: Vec<OpEntry> = Vec::with_capacity(entries.len());
    let mut pending: Option<PendingRebuild> = None;
    for entry in entries {
        let candidate = dialect
            .filter(|d| rebuild::may_rebuild(d, &entry.op))
            .and_then(|_| rebuild::rebuilt_table(&entry.op))
            .map(|(ns, table)| (ns.clone(), table.to_owned()));
        let before = candidate
            .as_ref()
            .and_then(|(ns, table)| schema.table(ns, table).cloned());
        let done = replay::apply(schema, entry)?;
        // Whether it needs one can depend on what the model completed (what
        // a dropped column takes with it).
        let rebuilt =
            candidate.filter(|_| dialect.is_some_and(|d| rebuild::needs_rebuild(d, &done.op)));
        let (Some((ns, table)), Some(before), false) = (rebuilt, before, done.op.changes_nothing())
        else {
            pending = None;
            output.push(done);
            continue;
        };
        let continues = pending
            .as_ref()
            .is_some_and(|p| p.continues(&ns, &table, output.len()));
        if !continues {
            pending = Some(PendingRebuild::new(before, output.len()));
            output.push(done.clone());
        }
        let (Some(rebuild), Some(after)) = (pending.as_mut(), schema.table(&ns, &table)) else {
            continue;
        };
        rebuild.track(&done.op);
        output[rebuild.position] = OpEntry {
            op: rebuild.op(after),
            review: done.review.clone(),
            location: output[rebuild.position].location.clone(),
        };
    }
    Ok(output)
}

/// The schema after the upgrade of every revision in `revisions`, in order,
/// on the engine of `dialect` (which names unnamed constraints).
pub fn schema_after(
    revisions: &[&Revision],
    dialect: Option<&DialectFacts>,
) -> Result<Schema, SchemaError> {
    let mut schema = dialect.map_or_else(Schema::new, Schema::on);
    for revision in revisions {
        apply_ops(&mut schema, &revision.upgrade, None)?;
    }
    Ok(schema)
}

/// [`validate_history`] over every revision of `graph`, in upgrade order.
pub fn validate_graph(graph: &RevisionGraph, dialects: &[DialectFacts]) -> Vec<SchemaError> {
    validate_history(&graph.upgrade_order(), dialects)
}

/// Replays the whole history up from base and back down to base, for each
/// dialect, and returns every problem found (at most one per direction and
/// dialect, as the model is unreliable after the first; the same problem
/// found for several dialects is listed once). Writes nothing.
pub fn validate_history(history: &[&Revision], dialects: &[DialectFacts]) -> Vec<SchemaError> {
    let mut problems: Vec<SchemaError> = Vec::new();
    let no_dialect = [None];
    let dialects: Vec<Option<&DialectFacts>> = if dialects.is_empty() {
        no_dialect.to_vec()
    } else {
        dialects.iter().map(Some).collect()
    };
    for dialect in dialects {
        for problem in validate_for(history, dialect) {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
    }
    problems
}

fn validate_for(history: &[&Revision], dialect: Option<&DialectFacts>) -> Vec<SchemaError> {
    let mut schema = dialect.map_or_else(Schema::new, Schema::on);
    let mut derived: BTreeMap<&str, Result<Vec<OpEntry>, SchemaError>> = BTreeMap::new();
    for revision in history {
        let result = if matches!(revision.downgrade, Downgrade::Auto) {
            // The dialect only groups ops into rebuilds: the schema after
            // the upgrade is the same without it.
            invert::invert_applying(&mut schema, revision)
                .map(|ops| drop(derived.insert(&revision.id, ops)))
        } else {
            apply_ops(&mut schema, &revision.upgrade, dialect).map(drop)
        };
        if let Err(problem) = result {
            return vec![problem];
        }
    }
    for revision in history.iter().rev() {
        let ops = match derived.remove(revision.id.as_str()) {
            Some(ops) => ops,
            None => downgrade_ops(revision, None),
        };
        if let Err(problem) = ops.and_then(|ops| apply_ops(&mut schema, &ops, dialect)) {
            return vec![problem];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
