//! The schema model: replays ops from base to know the schema at every step.
//!
//! For now only the seam: [`step_ops`] hands each step its written ops. The
//! schema-model issue replaces its body with the replay (validation,
//! `existing_*` facts, automatic downgrades, SQLite rebuilds).

use crate::dialect::DialectFacts;
use crate::error::LoadError;
use crate::model::{Downgrade, OpEntry};
use crate::plan::{Plan, ScriptKind};

/// The ops each step of `plan` runs on `dialect`, one list per step.
pub fn step_ops(plan: &Plan, dialect: &DialectFacts) -> Result<Vec<Vec<OpEntry>>, LoadError> {
    let _ = dialect;
    plan.steps
        .iter()
        .map(|step| {
            let Some(revision) = step.revision else {
                return Ok(Vec::new());
            };
            match (plan.kind, &revision.downgrade) {
                (ScriptKind::Stamp, _) => Ok(Vec::new()),
                (ScriptKind::Upgrade, _) => Ok(revision.upgrade.clone()),
                (ScriptKind::Downgrade, Downgrade::Ops(ops)) => Ok(ops.clone()),
                (ScriptKind::Downgrade, Downgrade::Auto) => Err(LoadError::new(
                    revision.location.clone(),
                    format!(
                        "revision {} has no `downgrade:`; automatic downgrades are not available yet",
                        revision.id
                    ),
                )),
            }
        })
        .collect()
}
