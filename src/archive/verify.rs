//! `retort verify`: the archive compiled again in memory and compared, file
//! by file, with `out/`, and the manifest's sources with the sources now.

use super::commit::files_under;
use super::compile::{compile_in_memory, compile_sources};
use super::manifest::{parse_manifest, MANIFEST};
use super::{Archive, Source};
use crate::project::Project;
use anyhow::{bail, Context};
use camino::{Utf8Path, Utf8PathBuf};
use std::collections::BTreeMap;

/// What is on disk under `out/` now: every file (relative path → bytes).
pub fn read_out_dir(out: &Utf8Path) -> std::io::Result<BTreeMap<Utf8PathBuf, Vec<u8>>> {
    files_under(out)?
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(out.join(&path))?;
            Ok((path, bytes))
        })
        .collect()
}

/// What `verify` found: each difference between `out/` and a fresh compile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Differences {
    /// Files whose content differs.
    pub differ: Vec<Utf8PathBuf>,
    /// Files the compile produces that are not on disk.
    pub missing: Vec<Utf8PathBuf>,
    /// Files on disk the compile does not produce.
    pub extra: Vec<Utf8PathBuf>,
    /// Sources whose checksum no longer matches the manifest, with why.
    pub sources: Vec<String>,
}

impl Differences {
    /// True when `out/` is exactly the compile's output.
    pub fn is_empty(&self) -> bool {
        self.differ.is_empty()
            && self.missing.is_empty()
            && self.extra.is_empty()
            && self.sources.is_empty()
    }

    /// One line per difference, paths relative to the project via `out`.
    pub fn report(&self, out: &Utf8Path) -> String {
        let mut lines = Vec::new();
        for p in &self.differ {
            lines.push(format!("differs: {}", out.join(p)));
        }
        for p in &self.missing {
            lines.push(format!("missing: {}", out.join(p)));
        }
        for p in &self.extra {
            lines.push(format!("extra:   {}", out.join(p)));
        }
        for s in &self.sources {
            lines.push(format!("source:  {s}"));
        }
        lines.join("\n")
    }
}

/// Compares a fresh `archive` with what is on disk, and the manifest's source
/// lines with the current `sources`.
pub fn compare(
    archive: &Archive,
    on_disk: &BTreeMap<Utf8PathBuf, Vec<u8>>,
    sources: &[Source],
    prefix: &Utf8Path,
) -> Differences {
    let mut diff = Differences::default();
    let mut expected: BTreeMap<Utf8PathBuf, &[u8]> = archive
        .files
        .iter()
        .map(|(p, t)| (p.clone(), t.as_bytes()))
        .collect();
    expected.insert(MANIFEST.into(), archive.manifest.as_bytes());
    for (path, bytes) in &expected {
        match on_disk.get(path) {
            None => diff.missing.push(path.clone()),
            Some(found) if found.as_slice() != *bytes => diff.differ.push(path.clone()),
            Some(_) => {}
        }
    }
    diff.extra = on_disk
        .keys()
        .filter(|p| !expected.contains_key(*p))
        .cloned()
        .collect();
    let listed = on_disk
        .get(Utf8Path::new(MANIFEST))
        .map(|b| parse_manifest(&String::from_utf8_lossy(b)))
        .unwrap_or_default();
    let current: BTreeMap<String, &Source> = sources
        .iter()
        .map(|s| (prefix.join(&s.path).into_string(), s))
        .collect();
    let source_prefix = format!("{prefix}/");
    for (path, old_sha) in &listed {
        if !path.starts_with(&source_prefix) {
            continue;
        }
        match current.get(path) {
            Some(s) if s.sha256 != *old_sha => diff.sources.push(format!(
                "{} changed since the manifest was written (sha256 {old_sha} in the manifest, now {})",
                s.path, s.sha256
            )),
            Some(_) => {}
            None => diff.sources.push(format!(
                "{} is in the manifest but no longer exists",
                path.strip_prefix(&source_prefix).unwrap_or(path)
            )),
        }
    }
    if !listed.is_empty() {
        for (path, s) in &current {
            if !listed.contains_key(path) {
                diff.sources
                    .push(format!("{} is not in the manifest", s.path));
            }
        }
    }
    diff
}

/// What `verify` checked, for its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyReport {
    /// The files compared: every script and the manifest.
    pub files: usize,
    /// The revision sources.
    pub revisions: usize,
}

/// Compiles every target in memory and compares it with `out/`: an error
/// naming every difference, unless there is none.
pub fn verify(project: &Project) -> anyhow::Result<VerifyReport> {
    let config = &project.config;
    let sources = compile_sources(project)?;
    let archive = compile_in_memory(project, &config.targets, &sources)?;
    let out = project.root().join(&config.out);
    let on_disk = read_out_dir(&out).with_context(|| format!("cannot read {out}"))?;
    if on_disk.is_empty() {
        bail!(
            "{} holds no compiled scripts: run `retort compile` first",
            config.out
        );
    }
    let prefix = super::prefix_from_out(&config.out);
    let differences = compare(&archive, &on_disk, &sources, &prefix);
    if !differences.is_empty() {
        bail!(
            "{} does not match the sources:\n{}\nRun `retort compile` to rebuild it \
             (it refuses to change archived scripts without --force).",
            config.out,
            differences.report(&config.out)
        );
    }
    Ok(VerifyReport {
        files: archive.files.len() + 1,
        revisions: project.graph.revisions.len(),
    })
}
