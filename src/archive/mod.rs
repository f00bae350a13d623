//! The archive `retort compile` writes under `out/`: scripts with headers,
//! the manifest, atomic writes, and the comparison `retort verify` makes.
//!
//! A file per concern, in the order a compile goes through them:
//! [`compile`] (the command: which dialects, the checks on `out/`, then the
//! steps below), [`jobs`] (which scripts, and their file names), [`build`]
//! (every script rendered, on every core), [`header`] (the comment header
//! of each), [`manifest`] (`MANIFEST.sha256`), [`staging`] (each script
//! written to a temporary file beside its place as soon as it is rendered,
//! so that only checksums stay in memory), [`rules`] (an archived script is
//! never changed silently), [`commit`] (one file-system flush, then each
//! temporary file renamed over its place; a failed compile removes what it
//! staged) and [`verify`] (`retort verify`: the archive rendered in memory
//! and compared with `out/`).
//!
//! Nothing here knows a machine path: outputs are keyed by paths relative
//! to `out/`, and the sources are cited by paths relative to the project, so
//! two compiles of the same sources give the same bytes anywhere.

pub mod build;
pub mod commit;
pub mod compile;
pub mod header;
pub mod jobs;
pub mod manifest;
mod out_folder;
mod progress;
pub mod rules;
pub mod staging;
pub mod verify;

#[cfg(test)]
mod tests;

pub use build::{build_archive, CompileInput, ProjectScripts, RenderScript};
pub use commit::{commit_archive, write_atomic, WriteSummary};
pub use compile::{
    build_in_memory, compile, compile_in_memory, revision_sources, sources, CompileReport,
};
pub use header::{header, HeaderFacts};
pub use jobs::{jobs, revision_stem, script_paths, ScriptJob};
pub use manifest::{manifest_text, merge_manifest, parse_manifest, prefix_from_out, MANIFEST};
pub use progress::{NoProgress, Progress};
pub use rules::{archived_changes, refuse_archived_changes, ArchivedChange};
pub use staging::{stage_archive, StagedArchive, StagedFile};
pub use verify::{compare, read_out_dir, verify, Differences, VerifyReport};

use camino::{Utf8Path, Utf8PathBuf};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// A source file the manifest lists (a revision file, `retort.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the project folder, `/`-separated.
    pub path: Utf8PathBuf,
    /// Lower-case hex sha256 of its bytes.
    pub sha256: String,
}

/// Everything `compile` writes, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archive {
    /// Scripts by path relative to `out/` (`postgresql/upgrade.sql`).
    pub files: BTreeMap<Utf8PathBuf, String>,
    /// For each per-revision script, the revision it archives.
    pub archived: Archived,
    /// The dialects compiled.
    pub dialects: Vec<String>,
    /// The manifest's text.
    pub manifest: String,
}

/// What `compile` checks of a compiled archive before writing it, whether
/// its scripts are in memory ([`Archive`]) or staged ([`StagedArchive`]).
pub trait Compiled {
    /// The sha256 of the script at `path` (relative to `out/`), if compiled.
    fn sha256_of(&self, path: &Utf8Path) -> Option<String>;
    /// For each per-revision script, the revision it archives.
    fn archived(&self) -> &Archived;
    /// The dialects compiled.
    fn dialects(&self) -> &[String];
}

impl Compiled for Archive {
    fn sha256_of(&self, path: &Utf8Path) -> Option<String> {
        self.files.get(path).map(|text| sha256_hex(text.as_bytes()))
    }
    fn archived(&self) -> &Archived {
        &self.archived
    }
    fn dialects(&self) -> &[String] {
        &self.dialects
    }
}

/// Errors of a compile, each once, in a stable order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().cloned().collect::<Vec<_>>().join("\n"))]
pub struct CompileErrors(pub BTreeSet<String>);

/// The revision each per-revision script archives. Every dialect has the
/// same scripts, so they are listed once, by their path inside a dialect's
/// folder (`revisions/0001_….upgrade.sql`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archived(BTreeMap<Utf8PathBuf, String>);

impl Archived {
    /// The per-revision scripts of `jobs`.
    pub(super) fn of(jobs: &[ScriptJob]) -> Archived {
        Archived(
            jobs.iter()
                .filter_map(|job| Some((job.path.clone(), job.revision.clone()?)))
                .collect(),
        )
    }

    /// The revision that the script at `path` (relative to `out/`, under a
    /// dialect's folder) archives, if it is a per-revision script.
    pub fn revision_of(&self, path: &Utf8Path) -> Option<&str> {
        let mut parts = path.components();
        parts.next()?;
        self.0.get(parts.as_path()).map(String::as_str)
    }

    /// Each per-revision script, by its path inside a dialect's folder, with
    /// its revision.
    pub fn iter(&self) -> impl Iterator<Item = (&Utf8Path, &str)> {
        self.0
            .iter()
            .map(|(path, id)| (path.as_path(), id.as_str()))
    }
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
