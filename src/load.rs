//! Loading a project: `retort.yaml` and every revision file under `revisions/`.

use crate::config::Config;
use crate::error::LoadErrors;
use crate::model::Revision;
use camino::{Utf8Path, Utf8PathBuf};

/// A loaded project: its settings and its revisions, sorted by file path.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project folder.
    pub root: Utf8PathBuf,
    /// `retort.yaml`, or the defaults.
    pub config: Config,
    /// Every revision, sorted by source path.
    pub revisions: Vec<Revision>,
}

/// Loads the project in `root`.
pub fn load_project(root: &Utf8Path) -> Result<Project, LoadErrors> {
    let _ = root;
    todo!("issue 2: load retort.yaml and revisions")
}
