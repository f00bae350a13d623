//! What the schema model rejects, with the place of the offending op.

use crate::diagnostic::Diagnostic;
use crate::location::Location;

/// An op that cannot apply to the schema as the model knows it at that point.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {op}: {problem}")]
pub struct SchemaError {
    /// Where the op starts in its revision file.
    pub location: Location,
    /// The op's name (`alter_column`, ...).
    pub op: &'static str,
    /// What is wrong.
    pub problem: Problem,
}

impl SchemaError {
    /// An error about the op `op` at `location`.
    pub fn new(location: &Location, op: &'static str, problem: Problem) -> Self {
        SchemaError {
            location: location.clone(),
            op,
            problem,
        }
    }
}

impl From<SchemaError> for Diagnostic {
    fn from(error: SchemaError) -> Self {
        Diagnostic::new(
            error.location.clone(),
            format!("{}: {}", error.op, error.problem),
        )
    }
}

/// The kinds of problem, so that callers (and tests) can tell them apart.
/// Each field holds an already-worded description, e.g. "column `x` in table `t`".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A table, column, index, constraint or enum type that does not exist.
    #[error("{what} does not exist{hint}")]
    Missing {
        /// What was looked for: "column `stauts` in table `runs`".
        what: String,
        /// ` (did you mean `status`?)`, or empty.
        hint: String,
    },
    /// A create of something that already exists.
    #[error("{what} already exists")]
    AlreadyExists {
        /// What: "table `runs`".
        what: String,
    },
    /// A drop of something that something else still uses.
    #[error("{what} is still used by {user}; drop or change that first")]
    StillUsed {
        /// What is dropped.
        what: String,
        /// What uses it.
        user: String,
    },
    /// A `drop_column` the engine refuses because of what uses the column
    /// (its `drop_column_takes:` does not take it).
    #[error("{what} is still used by {user}, and the engine refuses to drop a column they use; drop or change that first")]
    EngineRefusesDrop {
        /// What is dropped.
        what: String,
        /// What uses it and stops the drop.
        user: String,
    },
    /// An explicit `existing_*` (or `type`, `values`) that the model contradicts.
    #[error("`{key}: {written}` contradicts the schema model, which has {actual} here; remove the key or correct it")]
    Contradicts {
        /// The key as written (`existing_type`).
        key: &'static str,
        /// Its value as written.
        written: String,
        /// What the model has.
        actual: String,
    },
    /// A `bulk_insert` value that does not fit its column.
    #[error("row {row}, column `{column}`: {message}")]
    BadValue {
        /// 1-based row number.
        row: usize,
        /// The column.
        column: String,
        /// Why it does not fit.
        message: String,
    },
    /// An op that is malformed in itself (a column listed twice, ...).
    #[error("{0}")]
    Invalid(String),
    /// A drop by name of a constraint whose name the engine chose and no
    /// revision can know (SQL Server, Oracle, SQLite).
    #[error("{what} is not known: {why}; give the constraint a `name:` where it is created and drop it by that name, or identify it with `name: null`, `type` and `columns`")]
    NameUnknowable {
        /// What was looked for: "constraint `x` on table `t`".
        what: String,
        /// Why the engine's name cannot be known (from `dialect.yaml`), and
        /// the table's unnamed constraints.
        why: String,
    },
    /// An op the engine of a dialect refuses (its `dialect.yaml` says so).
    #[error("{0}")]
    EngineRefuses(Box<EngineRefusal>),
    /// An op of an `execute`'s `effect:` that does not apply to the schema
    /// as the model has it: the effect does not describe what the SQL did.
    #[error("`effect:` item {item} (`{op}`): {problem}; the effect must describe what the SQL does to the schema as it is here")]
    InEffect {
        /// 1-based position in `effect:`.
        item: usize,
        /// The effect op's name.
        op: &'static str,
        /// What is wrong with it.
        problem: Box<Problem>,
    },
    /// A `drop_table` of a table that other tables' foreign keys reference,
    /// which the engine refuses (its `dialect.yaml` says why).
    #[error("{0}")]
    EngineRefusesDropTable(Box<DropTableRefusal>),
    /// An op that an automatic downgrade cannot invert.
    #[error("revision {revision} has no `downgrade:` and this op cannot be inverted automatically ({reason}); write an explicit `downgrade:` list")]
    NotInvertible {
        /// The revision id.
        revision: String,
        /// Why.
        reason: String,
    },
}

/// Why an engine refuses an op, and the way out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{dialect} refuses this: {what}; {rule}. Fix: {fix}")]
pub struct EngineRefusal {
    /// The dialect whose engine refuses.
    pub dialect: String,
    /// What the op would do.
    pub what: String,
    /// The engine's rule.
    pub rule: &'static str,
    /// The way out.
    pub fix: &'static str,
}

/// Why an engine refuses a `drop_table`, and the way out, from its `dialect.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{dialect} refuses this: {what} is referenced by {users}; {rule}. Fix: {fix}")]
pub struct DropTableRefusal {
    /// The dialect whose engine refuses.
    pub dialect: String,
    /// The table: "table `packages`".
    pub what: String,
    /// The foreign keys that reference it, and their tables.
    pub users: String,
    /// The engine's rule.
    pub rule: String,
    /// The way out.
    pub fix: String,
}

/// "column `x` in table `t`" and friends, shared by the messages.
pub(crate) fn missing(what: String, wanted: &str, candidates: Vec<&str>) -> Problem {
    Problem::Missing {
        what,
        hint: crate::suggest::did_you_mean(wanted, candidates),
    }
}
