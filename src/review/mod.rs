//! Review notes (SPEC §6): the remarks a careful colleague would write in the
//! margin of a script, for the DBA who reviews it.
//!
//! The rules run on the schema model: every revision is replayed from base,
//! up and then back down, and each op is judged against the schema as it was
//! when its step began ("did this table exist before the revision?") and
//! against what the revision did ("did the upgrade `bulk_insert` into it?").
//!
//! - [`catalogue`]: the rules, their ids, severities and advice;
//! - [`format`]: notes as a report, as JSON lines, as SQL comments.
//!
//! An op silences a rule with `review: {allow: [rule-id], reason: "..."}`:
//! the note is kept, marked allowed with the reason, and no longer counts.

pub mod catalogue;
pub mod format;
pub mod github;
mod raw;
mod rules;
pub mod sarif;
mod types;

pub use catalogue::{Category, Rule, Selector, Severity, RULES};

use crate::diagnostic::Diagnostic;
use crate::dialect::DialectFacts;
use crate::location::Location;
use crate::revision::{Downgrade, Op, OpEntry, Revision};
use crate::schema::state::SchemaName;
use crate::schema::{replay, Schema, SchemaError};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Which way a note's op runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// In the revision's upgrade.
    Upgrade,
    /// In its downgrade (written, or derived by the schema model).
    Downgrade,
}

impl Direction {
    /// `upgrade` or `downgrade`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Upgrade => "upgrade",
            Direction::Downgrade => "downgrade",
        }
    }
}

/// One review note about one op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// How serious it is.
    pub severity: Severity,
    /// The rule's stable id.
    pub rule: &'static str,
    /// The rule's family.
    pub category: Category,
    /// The revision the op belongs to.
    pub revision: String,
    /// Whether the op is in the upgrade or the downgrade.
    pub direction: Direction,
    /// The op's name (`drop_column`).
    pub op: &'static str,
    /// Where the op starts (for a derived downgrade: the upgrade op it undoes).
    #[serde(flatten)]
    pub location: Location,
    /// The dialects the note is about; empty when it is about every one.
    pub dialects: Vec<String>,
    /// One line: what the op does that deserves attention.
    pub message: String,
    /// One line: what to do instead.
    pub advice: String,
    /// The reason given by a `review: {allow: ...}` that silences the note.
    pub allowed: Option<String>,
}

impl Note {
    /// True when no `review.allow` silences it.
    pub fn is_active(&self) -> bool {
        self.allowed.is_none()
    }

    /// Whether the note concerns the script of `dialect`.
    pub fn concerns(&self, dialect: &str) -> bool {
        self.dialects.is_empty() || self.dialects.iter().any(|d| d == dialect)
    }

    /// Whether `selector` picks this note (an allowed note is never picked).
    pub fn is_selected_by(&self, selector: Selector) -> bool {
        self.is_active() && catalogue::rule(self.rule).is_some_and(|r| selector.selects(r))
    }
}

/// What a rule found about one op, before it is placed and silenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub rule: &'static str,
    /// Empty: every dialect.
    pub dialects: Vec<String>,
    pub message: String,
}

/// What the rules may look at beside the op itself.
pub(crate) struct Step<'a> {
    /// Upgrade or downgrade.
    pub direction: Direction,
    /// The schema when the step began.
    pub start: &'a Schema,
    /// The schema before the revision's upgrade (for a downgrade: what
    /// existed, and may have held data, before the revision).
    pub before_upgrade: &'a Schema,
    /// What the revision's upgrade filled with `bulk_insert`.
    pub filled: &'a Filled,
    /// Tables this step drops (an index on them needs no care).
    pub dropped_tables: BTreeSet<(SchemaName, String)>,
    /// The dialects notes are about.
    pub targets: &'a [DialectFacts],
}

/// Tables an upgrade filled with `bulk_insert`, with the columns it set.
pub(crate) type Filled = BTreeMap<(SchemaName, String), BTreeSet<String>>;

/// The review notes of `history` (every revision, in upgrade order), for
/// the dialects `targets`, keeping only the revisions in `only` (all when
/// `None`). Notes come in upgrade order of their revisions, each revision's
/// upgrade notes before its downgrade notes, in op order.
///
/// The history must have passed [`crate::schema::validate_history`]; an
/// op the model rejects is returned as that error.
pub fn notes(
    history: &[&Revision],
    targets: &[DialectFacts],
    only: Option<&BTreeSet<String>>,
) -> Result<Vec<Note>, SchemaError> {
    // The names engines give unnamed constraints are the first target's: a
    // history that drops one by that name targets that engine.
    let mut schema = targets.first().map_or_else(Schema::new, Schema::on);
    let mut before: BTreeMap<&str, (StoredFootprint, Filled)> = BTreeMap::new();
    let mut notes: BTreeMap<(usize, Direction), Vec<Note>> = BTreeMap::new();
    let wanted = |revision: &Revision| only.is_none_or(|ids| ids.contains(&revision.id));
    for (position, revision) in history.iter().enumerate() {
        let start = footprint(&schema, revision);
        let filled = bulk_filled(&revision.upgrade);
        let step = Step {
            direction: Direction::Upgrade,
            start: &start,
            before_upgrade: &start,
            filled: &filled,
            dropped_tables: dropped_tables(&revision.upgrade),
            targets,
        };
        let found = run_step(&mut schema, revision, &revision.upgrade, &step)?;
        if wanted(revision) {
            notes.insert((position, Direction::Upgrade), found);
        }
        before.insert(&revision.id, (StoredFootprint::of(start), filled));
    }
    for (position, revision) in history.iter().enumerate().rev() {
        let Some((stored, filled)) = before.remove(revision.id.as_str()) else {
            continue;
        };
        let before_upgrade = &stored.restore();
        let ops = downgrade_entries(revision, before_upgrade)?;
        let start = footprint(&schema, revision);
        let step = Step {
            direction: Direction::Downgrade,
            start: &start,
            before_upgrade,
            filled: &filled,
            dropped_tables: dropped_tables(&ops),
            targets,
        };
        let found = run_step(&mut schema, revision, &ops, &step)?;
        if wanted(revision) {
            notes.insert((position, Direction::Downgrade), found);
        }
    }
    Ok(notes.into_values().flatten().collect())
}

/// A footprint ([`footprint`]) kept from the upgrade pass for the downgrade
/// pass, as a list: a `Schema` of one table holds map nodes with room for
/// eleven tables, about 3.5 KB, and a review keeps a footprint per revision.
struct StoredFootprint {
    naming: Option<std::sync::Arc<crate::schema::engine_names::UnnamedConstraints>>,
    drop_column_takes: Option<std::sync::Arc<crate::schema::drop_takes::DropColumnTakes>>,
    tables: Vec<crate::schema::state::Table>,
    enums: Vec<(SchemaName, BTreeMap<String, Vec<String>>)>,
}

impl StoredFootprint {
    /// `schema` (a footprint), kept as lists.
    fn of(schema: Schema) -> StoredFootprint {
        let mut stored = StoredFootprint {
            naming: schema.naming.clone(),
            drop_column_takes: schema.drop_column_takes.clone(),
            tables: Vec::new(),
            enums: Vec::new(),
        };
        for (ns, namespace) in schema.namespaces {
            stored.tables.extend(namespace.tables.into_values());
            // Every namespace, even without enums: restored, it exists as it did.
            stored.enums.push((ns, namespace.enums));
        }
        // In creation order, so that `restore` numbers them the same way.
        stored.tables.sort_by_key(|table| table.sequence);
        stored.tables.shrink_to_fit();
        stored
    }

    /// The footprint as a `Schema` again, for the downgrade pass's rules.
    fn restore(self) -> Schema {
        let mut schema = Schema::new();
        schema.naming = self.naming;
        schema.drop_column_takes = self.drop_column_takes;
        for (ns, enums) in self.enums {
            schema.namespace_mut(&ns).enums = enums;
        }
        for table in self.tables {
            schema.insert_table(table);
        }
        schema
    }
}

/// The part of `schema` the rules of `revision`'s steps read: the tables its
/// ops name (the rules ask whether a table or column existed). A copy of the
/// whole schema per revision made a review, and so every compile, quadratic
/// in time and memory.
fn footprint(schema: &Schema, revision: &Revision) -> Schema {
    let written_downgrade = match &revision.downgrade {
        Downgrade::Ops(ops) => ops.as_slice(),
        Downgrade::Auto => &[],
    };
    let mut part = Schema::new();
    part.naming = schema.naming.clone();
    part.drop_column_takes = schema.drop_column_takes.clone();
    // Enum types are few, and the replay of a derived downgrade needs them.
    for (ns, namespace) in &schema.namespaces {
        part.namespace_mut(ns).enums = namespace.enums.clone();
    }
    for entry in revision.upgrade.iter().chain(written_downgrade) {
        for (ns, name) in named_tables(schema, &entry.op) {
            if part.table(ns, name).is_none() {
                if let Some(table) = schema.table(ns, name) {
                    part.insert_table(table.clone());
                }
            }
        }
    }
    part
}

/// The tables `op` names (and, for `drop_index`, the index's table), as
/// found in `schema`. A derived downgrade names the same tables as the
/// upgrade it undoes.
fn named_tables<'o>(schema: &'o Schema, op: &'o Op) -> Vec<(&'o SchemaName, &'o str)> {
    match op {
        Op::CreateTable(o) => {
            let mut tables = vec![(&o.schema, o.name.as_str())];
            tables.extend(o.columns.iter().filter_map(referenced));
            tables.extend(o.constraints.iter().filter_map(|c| match c {
                crate::revision::TableConstraint::ForeignKey(fk) => {
                    Some((&fk.ref_schema, fk.ref_table.as_str()))
                }
                _ => None,
            }));
            tables
        }
        Op::DropTable(o) => vec![(&o.schema, o.name.as_str())],
        Op::RenameTable(o) => vec![(&o.schema, o.old.as_str()), (&o.schema, o.new.as_str())],
        Op::AddColumn(o) => {
            let mut tables = vec![(&o.schema, o.table.as_str())];
            tables.extend(referenced(&o.column));
            tables
        }
        Op::DropColumn(o) => vec![(&o.schema, o.table.as_str())],
        Op::AlterColumn(o) => vec![(&o.schema, o.table.as_str())],
        Op::CreateIndex(o) => vec![(&o.schema, o.table.as_str())],
        Op::DropIndex(o) => {
            let owner = schema.index_owner(&o.schema, &o.name);
            let mut tables: Vec<(&SchemaName, &str)> =
                o.table.iter().map(|t| (&o.schema, t.as_str())).collect();
            tables.extend(owner.map(|t| (&o.schema, t.name.as_str())));
            tables
        }
        Op::CreatePrimaryKey(o) => vec![(&o.schema, o.table.as_str())],
        Op::CreateUniqueConstraint(o) => vec![(&o.schema, o.table.as_str())],
        Op::CreateForeignKey(o) => vec![
            (&o.schema, o.source_table.as_str()),
            (&o.referent_schema, o.referent_table.as_str()),
        ],
        Op::CreateCheckConstraint(o) => vec![(&o.schema, o.table.as_str())],
        Op::DropConstraint(o) => vec![(&o.schema, o.table.as_str())],
        Op::RenameConstraint(o) => vec![(&o.schema, o.table.as_str())],
        Op::RenameIndex(o) => {
            let owner = schema.index_owner(&o.schema, &o.old);
            let mut tables: Vec<(&SchemaName, &str)> =
                o.table.iter().map(|t| (&o.schema, t.as_str())).collect();
            tables.extend(owner.map(|t| (&o.schema, t.name.as_str())));
            tables
        }
        Op::CreateTableComment(o) => vec![(&o.schema, o.table.as_str())],
        Op::DropTableComment(o) => vec![(&o.schema, o.table.as_str())],
        Op::BulkInsert(o) => vec![(&o.schema, o.table.as_str())],
        Op::RebuildTable(o) => vec![(&o.schema, o.table.as_str())],
        Op::DeleteRows(o) => vec![(&o.schema, o.table.as_str())],
        Op::Execute(o) => o
            .effect
            .iter()
            .flat_map(|effect| named_tables(schema, effect))
            .collect(),
        Op::CreateEnum(_) | Op::DropEnum(_) => Vec::new(),
    }
}

/// The table a column's `foreign_key` references.
fn referenced(column: &crate::revision::Column) -> Option<(&SchemaName, &str)> {
    column
        .foreign_key
        .as_ref()
        .map(|fk| (&fk.schema, fk.table.as_str()))
}

/// The downgrade ops of `revision`; a derived downgrade's ops carry the
/// `review:` of the upgrade op they undo, the only place one can be written.
fn downgrade_entries(revision: &Revision, before: &Schema) -> Result<Vec<OpEntry>, SchemaError> {
    let mut ops = crate::schema::downgrade_ops(revision, Some(before))?;
    if matches!(revision.downgrade, Downgrade::Auto) {
        for entry in &mut ops {
            entry.review = revision
                .upgrade
                .iter()
                .find(|up| up.location == entry.location)
                .and_then(|up| up.review.clone());
        }
    }
    Ok(ops)
}

/// Replays one step's ops, judging each, and returns the step's notes.
fn run_step(
    schema: &mut Schema,
    revision: &Revision,
    ops: &[OpEntry],
    step: &Step,
) -> Result<Vec<Note>, SchemaError> {
    let mut notes = Vec::new();
    if let Some(first) = ops.first() {
        let findings = rules::step_findings(ops, step);
        notes.extend(place(findings, revision, step.direction, first));
    }
    for entry in ops {
        let done = replay::apply(schema, entry)?;
        let findings = rules::op_findings(&done.op, step);
        notes.extend(place(findings, revision, step.direction, entry));
    }
    Ok(notes)
}

/// Turns findings about `entry` into notes: located, advised, silenced by
/// the op's `review:`, and merged where only the dialect differs.
fn place(
    findings: Vec<Finding>,
    revision: &Revision,
    direction: Direction,
    entry: &OpEntry,
) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    for finding in findings {
        let Some(rule) = catalogue::rule(finding.rule) else {
            continue;
        };
        if let Some(same) = notes
            .iter_mut()
            .find(|n| n.rule == rule.id && n.message == finding.message)
        {
            same.dialects.extend(finding.dialects);
            continue;
        }
        notes.push(Note {
            severity: rule.severity,
            rule: rule.id,
            category: rule.category,
            revision: revision.id.clone(),
            direction,
            op: entry.op.name(),
            location: entry.location.clone(),
            dialects: finding.dialects,
            message: finding.message,
            advice: rule.advice.to_owned(),
            allowed: allowed_reason(entry, rule),
        });
    }
    notes
}

/// The reason of the op's `review: {allow: ...}` when it names this rule,
/// its category or a severity at or above the rule's. A note of severity
/// `error` is never allowed: the script would not work whatever the reason.
fn allowed_reason(entry: &OpEntry, rule: &Rule) -> Option<String> {
    if rule.severity == Severity::Error {
        return None;
    }
    let review = entry.review.as_ref()?;
    review
        .allow
        .iter()
        .filter_map(|name| Selector::parse(name).ok())
        .any(|selector| selector.selects(rule))
        .then(|| review.reason.clone())
}

fn bulk_filled(ops: &[OpEntry]) -> Filled {
    let mut filled = Filled::new();
    for entry in ops {
        if let Op::BulkInsert(insert) = &entry.op {
            let columns = filled
                .entry((insert.schema.clone(), insert.table.clone()))
                .or_default();
            for row in &insert.rows {
                columns.extend(row.iter().map(|(column, _)| column.clone()));
            }
        }
    }
    filled
}

fn dropped_tables(ops: &[OpEntry]) -> BTreeSet<(SchemaName, String)> {
    ops.iter()
        .filter_map(|entry| match &entry.op {
            Op::DropTable(drop) => Some((drop.schema.clone(), drop.name.clone())),
            _ => None,
        })
        .collect()
}

/// Every `review.allow` entry naming no rule, category or severity, as an
/// error at its op with the nearest valid name.
pub fn check_allows(revisions: &[&Revision]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for revision in revisions {
        let written_downgrade = match &revision.downgrade {
            Downgrade::Ops(ops) => ops.as_slice(),
            Downgrade::Auto => &[],
        };
        for entry in revision.upgrade.iter().chain(written_downgrade) {
            let Some(review) = &entry.review else {
                continue;
            };
            for name in &review.allow {
                if let Err(message) = Selector::parse(name) {
                    errors.push(Diagnostic::new(
                        entry.location.clone(),
                        format!("{}: review.allow: {message}", entry.op.name()),
                    ));
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests;
