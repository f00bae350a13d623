//! The archived-change rule: a per-revision script already in the manifest
//! is never changed or removed silently; `compile` refuses, naming each and
//! why, unless given `--force`.

use super::{Compiled, Source};
use crate::config::CONFIG_FILE;
use crate::revision::Revision;
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::BTreeMap;

/// An archived script that a compile would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedChange {
    /// The script, relative to `out/`.
    pub path: Utf8PathBuf,
    /// Why: which source changed, or that it would be removed.
    pub reason: String,
}

/// The per-revision scripts listed in the old manifest that `archive` would
/// change or remove, each with the reason. A `full` compile owns every
/// dialect folder; a partial one (`compile --dialect`) only those it builds.
pub fn archived_changes(
    archive: &dyn Compiled,
    old_manifest: &BTreeMap<String, String>,
    prefix: &Utf8Path,
    revisions: &[&Revision],
    sources: &[Source],
    full: bool,
) -> Vec<ArchivedChange> {
    let source_of: BTreeMap<&str, &Utf8Path> = revisions
        .iter()
        .map(|r| (r.id.as_str(), r.source.path.as_path()))
        .collect();
    let new_sha: BTreeMap<&Utf8Path, &str> = sources
        .iter()
        .map(|s| (s.path.as_path(), s.sha256.as_str()))
        .collect();
    let mut changes = Vec::new();
    for (path, old_sha) in old_manifest {
        let path = Utf8PathBuf::from(path);
        if path
            .components()
            .any(|c| c == camino::Utf8Component::ParentDir)
        {
            continue;
        }
        let mut parts = path.components();
        let (Some(dialect), Some(folder)) = (parts.next(), parts.next()) else {
            continue;
        };
        let owned = full || archive.dialects().iter().any(|d| d == dialect.as_str());
        if folder.as_str() != "revisions" || !owned {
            continue;
        }
        let Some(script_sha) = archive.sha256_of(&path) else {
            changes.push(ArchivedChange {
                path,
                reason: "would be removed: its revision was removed, renamed or moved in the plan"
                    .into(),
            });
            continue;
        };
        if script_sha == *old_sha {
            continue;
        }
        let revision = archive.archived().revision_of(&path);
        let reason = match revision.and_then(|r| source_of.get(r)) {
            Some(source) => {
                let listed = prefix.join(source).into_string();
                match (old_manifest.get(&listed), new_sha.get(source)) {
                    (Some(old), Some(new)) if old != new => format!(
                        "would change: its source {source} changed (sha256 {old} in the manifest, now {new})"
                    ),
                    (None, _) => format!(
                        "would change: its source {source} is not in the manifest"
                    ),
                    _ => {
                        let config = prefix.join(CONFIG_FILE).into_string();
                        let config_sha = new_sha.get(Utf8Path::new(CONFIG_FILE));
                        match (old_manifest.get(&config), config_sha) {
                            (Some(old), Some(new)) if old != new => format!(
                                "would change: {} changed (sha256 {old} in the manifest, now {new})",
                                CONFIG_FILE
                            ),
                            (Some(_), None) => format!(
                                "would change: {} was removed",
                                CONFIG_FILE
                            ),
                            (None, Some(_)) => format!(
                                "would change: {} was added",
                                CONFIG_FILE
                            ),
                            _ => format!(
                                "would change although its source {source} did not: a template \
                                 or the retort version changed"
                            ),
                        }
                    }
                }
            }
            None => "would change".into(),
        };
        changes.push(ArchivedChange { path, reason });
    }
    changes
}

/// An error listing `changes`, when there are any: an archived script is
/// never changed silently (`compile --force` rewrites them).
pub fn refuse_archived_changes(changes: &[ArchivedChange], out: &Utf8Path) -> anyhow::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = changes
        .iter()
        .map(|c| format!("  {}: {}", out.join(&c.path), c.reason))
        .collect();
    anyhow::bail!(
        "refusing to change {} archived script(s); nothing was written:\n{}\n\
         An archived script is never changed silently: restore the source, or \
         run `retort compile --force` to rewrite them.",
        changes.len(),
        lines.join("\n")
    )
}
