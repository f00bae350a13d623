//! The revision graph and Alembic's identifier resolution.

use crate::model::Revision;

/// The validated revision graph.
#[derive(Debug)]
pub struct RevisionGraph {
    /// The revisions, in a deterministic order.
    pub revisions: Vec<Revision>,
}
