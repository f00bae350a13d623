//! Drift checks (issue 20): what a dialect's `drift.sql` template sees to
//! compare the database's catalog with the schema model at a revision.
//!
//! The context is plain data, built by [`crate::drift`] from the model; the
//! catalog queries, how the engine reports a type and how the script fails
//! are the dialect's, in its `drift.sql`.

use super::table::TableView;
use super::{RenderError, Renderer};
use minijinja::context;
use serde::Serialize;

/// The template every dialect renders a drift check with.
pub const DRIFT_TEMPLATE: &str = "drift.sql";

/// What the database must hold at one revision, and what it must not.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DriftContext {
    /// The revisions checked, as `retort drift` was given them resolved
    /// (`base` for none).
    pub revision: String,
    /// The error's text, up to the differences, which the SQL appends.
    pub message: String,
    /// Report objects the history never created (`--strict`).
    pub strict: bool,
    /// Every table of the model at the revision, as `create_table.sql` sees it.
    pub tables: Vec<TableView>,
    /// The named enum types of the model at the revision.
    pub enums: Vec<EnumType>,
    /// The non-default schemas the model's objects live in.
    pub schemas: Vec<String>,
    /// What the history created that must not exist at the revision.
    pub absent: Absent,
}

/// A named enum type and its values, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnumType {
    /// Schema.
    pub schema: Option<String>,
    /// Type name.
    pub name: String,
    /// Values, in order.
    pub values: Vec<String>,
}

/// Objects some revision created that the model at the checked revision
/// does not have. Columns, indexes and constraints are listed only for
/// tables the model has (a missing table says the rest).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Absent {
    /// Tables.
    pub tables: Vec<ObjectName>,
    /// Columns of tables that exist.
    pub columns: Vec<ObjectName>,
    /// Indexes of tables that exist.
    pub indexes: Vec<ObjectName>,
    /// Named constraints of tables that exist.
    pub constraints: Vec<ObjectName>,
    /// Named enum types.
    pub enums: Vec<ObjectName>,
}

/// An object by name: a table or enum type (`table` unset), or a column,
/// index or constraint of `table`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ObjectName {
    /// Schema.
    pub schema: Option<String>,
    /// The table holding the object, for a column, index or constraint.
    pub table: Option<String>,
    /// The object's name.
    pub name: String,
}

/// The statements of the drift check `ctx` on `renderer`'s dialect, for a
/// version table `table` in `schema` (which the check leaves out).
pub fn render_drift(
    renderer: &Renderer,
    ctx: &DriftContext,
    version_table: &str,
    version_schema: Option<&str>,
) -> Result<Vec<String>, RenderError> {
    let ctx = context! {
        drift => minijinja::Value::from_serialize(ctx),
        table => version_table,
        schema => version_schema,
    };
    renderer
        .render(DRIFT_TEMPLATE, ctx)
        .map_err(|message| RenderError {
            location: None,
            message: format!("{DRIFT_TEMPLATE} on {}: {message}", renderer.facts().name),
        })
}
