//! The plan: which revisions a command applies, in which order, and what each
//! step does to the version table (Alembic's `alembic_version` rows).

use crate::model::Revision;
use serde::Serialize;

/// What a script does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScriptKind {
    /// `upgrade`: runs revisions' upgrade ops.
    Upgrade,
    /// `downgrade`: runs revisions' downgrade ops, newest first.
    Downgrade,
    /// `stamp`: only moves the version table.
    Stamp,
}

/// One statement on the version table, after a step's ops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum VersionChange {
    /// A new row (a new head).
    Insert {
        /// The row's value.
        version: String,
    },
    /// Move a row from one revision to another.
    Update {
        /// The row's current value.
        from: String,
        /// Its new value.
        to: String,
    },
    /// Remove a row.
    Delete {
        /// The row's value.
        version: String,
    },
}

/// One step of a plan: one revision applied (or, for a stamp, the one move).
#[derive(Debug, Clone, Serialize)]
pub struct Step<'a> {
    /// The revision whose ops run; `None` for a stamp.
    pub revision: Option<&'a Revision>,
    /// Left side of `-- Running upgrade A -> B`.
    pub from: Vec<String>,
    /// Right side of `-- Running upgrade A -> B`.
    pub to: Vec<String>,
    /// Version-table statements after the ops, in order.
    pub version_changes: Vec<VersionChange>,
}

/// An ordered plan, ready to be replayed and rendered.
#[derive(Debug, Clone, Serialize)]
pub struct Plan<'a> {
    /// Upgrade, downgrade or stamp.
    pub kind: ScriptKind,
    /// The range starts at base: the script creates the version table first.
    pub creates_version_table: bool,
    /// The steps, in execution order.
    pub steps: Vec<Step<'a>>,
}
