//! Guards (SPEC §6): before each revision, a check in the dialect's own SQL
//! that the version table holds the rows this step expects.
//!
//! The rows are those of the plan's start with every earlier step's
//! version-table statements applied ([`Plan::rows_before_each_step`]), so a
//! guard is exact at every point of a script, also after a branch point or a
//! merge. The SQL itself is each dialect's `guard.sql` template; this module
//! gives it its context.

use crate::plan::{rows_text, Plan};
use serde::Serialize;

/// What a `guard.sql` template sees besides the version table's `table` and
/// `schema`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuardContext {
    /// The rows the table must hold, sorted; empty: the table must be empty.
    pub expected: Vec<String>,
    /// The step, as `upgrade A -> B` (`base` for none).
    pub description: String,
    /// The error's text, up to the rows found, which the SQL appends.
    pub message: String,
}

/// The guard of each step of `plan`, in order, for a version table called
/// `table`.
pub fn guards(plan: &Plan, table: &str) -> Vec<GuardContext> {
    let verb = plan.kind.name();
    plan.rows_before_each_step()
        .into_iter()
        .zip(&plan.steps)
        .map(|(mut expected, step)| {
            expected.sort();
            let description = format!(
                "{verb} {} -> {}",
                rows_text(&step.from),
                rows_text(&step.to)
            );
            let holds = if expected.is_empty() {
                "to be empty".to_owned()
            } else {
                format!("to hold {}", expected.join(", "))
            };
            let message = format!("retort guard: {description} expects {table} {holds}; it holds ");
            GuardContext {
                expected,
                description,
                message,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::RevisionGraph;
    use crate::load::parse_revision;
    use camino::Utf8Path;

    fn branchy() -> RevisionGraph {
        let files = [
            ("root", "null"),
            ("a", "root"),
            ("b", "root"),
            ("m", "[a, b]"),
        ];
        let revisions = files
            .iter()
            .map(|(id, down)| {
                let text = format!("revision: {id}\ndown_revision: {down}\nmessage: {id}\nupgrade: []\ndowngrade: []\n");
                parse_revision(text.as_bytes(), Utf8Path::new(&format!("revisions/{id}.yaml"))).unwrap()
            })
            .collect();
        RevisionGraph::build(revisions).unwrap()
    }

    #[test]
    fn each_guard_expects_the_rows_the_steps_before_it_left() {
        let graph = branchy();
        let plan = crate::plan::upgrade(&graph, "heads").unwrap();
        let guards = guards(&plan, "alembic_version");
        let expected: Vec<Vec<String>> = guards.iter().map(|g| g.expected.clone()).collect();
        let first_branch = plan.steps[1].revision.unwrap().id.clone();
        assert_eq!(
            expected,
            vec![
                vec![],
                vec!["root".to_owned()],
                // The second branch starts from root, but root's row has moved on.
                vec![first_branch.clone()],
                vec!["a".to_owned(), "b".to_owned()],
            ]
        );
        assert_eq!(
            guards[0].message,
            "retort guard: upgrade base -> root expects alembic_version to be empty; it holds "
        );
        assert_eq!(guards[3].description, "upgrade a, b -> m");
        assert_eq!(plan.rows_after(), vec!["m".to_owned()]);
    }

    #[test]
    fn a_downgrade_through_a_merge_expects_both_branches_after_it() {
        let graph = branchy();
        let plan = crate::plan::downgrade(&graph, "m:base").unwrap();
        let guards = guards(&plan, "alembic_version");
        assert_eq!(guards[0].expected, vec!["m".to_owned()]);
        assert_eq!(guards[1].expected, vec!["a".to_owned(), "b".to_owned()]);
        assert_eq!(guards.last().unwrap().expected, vec!["root".to_owned()]);
        assert!(plan.rows_after().is_empty());
    }
}
